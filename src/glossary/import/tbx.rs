//! TBX termbases: TBX-Basic 2008 (`martif` / `termEntry` / `langSet` / `tig` or `ntig`), as
//! Trados MultiTerm, memoQ, OmegaT and translate-toolkit write it, and TBX v3 DCA (`tbx` /
//! `conceptEntry` / `langSec` / `termSec`).
//!
//! Each concept gives one pair for every Chinese term and every English term of it, with the
//! English term's administrative status (a deprecated Chinese term makes its pairs
//! deprecated), its part of speech, note and source, and the concept's subject field and
//! definition. Which language section is Chinese is read from `xml:lang` (`zh`, `zh-CN`,
//! `zh-Hans` …); a file whose tags do not say (translate-toolkit's `csv2tbx` writes its source
//! column as `en` and its target as `xx`) is read by script: the language whose terms are
//! written in Chinese characters is Chinese, and the other one English.

use std::collections::BTreeMap;
use std::path::Path;

use quick_xml::Reader;
use quick_xml::escape::resolve_predefined_entity;
use quick_xml::events::Event;

use super::{ImportError, ImportedTerm, table::status_cell};
use crate::corpus::tmx::{LineCounter, read_attributes};
use crate::error::Result;
use crate::glossary::Status;

/// One term of a concept, as read.
#[derive(Debug, Default, Clone)]
struct TbxTerm {
    lang: String,
    text: String,
    status: Option<Status>,
    pos: String,
    term_type: String,
    note: String,
    source: String,
}

/// One concept, as read.
#[derive(Debug, Default)]
struct TbxConcept {
    id: String,
    line: u64,
    subject: String,
    definition: String,
    terms: Vec<TbxTerm>,
}

/// Where the parser is.
#[derive(Default)]
struct State {
    concepts: Vec<TbxConcept>,
    concept: Option<TbxConcept>,
    lang: String,
    term: Option<TbxTerm>,
    /// The open elements, innermost last, with the `type` attribute of each.
    open: Vec<(String, String)>,
    text: String,
}

fn is_concept(name: &str) -> bool {
    matches!(name, "termEntry" | "conceptEntry")
}

fn is_lang_section(name: &str) -> bool {
    matches!(name, "langSet" | "langSec")
}

fn is_term_section(name: &str) -> bool {
    matches!(name, "tig" | "ntig" | "termSec")
}

/// Reads the pairs of a TBX file whose text is `text`.
pub fn read_tbx(path: &Path, text: &str) -> Result<Vec<ImportedTerm>> {
    let malformed = |line: u64, message: String| -> crate::error::Error {
        ImportError::MalformedTbx {
            path: path.to_path_buf(),
            line,
            message,
        }
        .into()
    };
    let mut reader = Reader::from_str(text);
    reader.config_mut().expand_empty_elements = true;
    let mut lines = LineCounter::new(text.as_bytes());
    let mut state = State::default();
    let mut root: Option<String> = None;
    loop {
        let at = usize::try_from(reader.buffer_position()).unwrap_or(usize::MAX);
        let event = reader.read_event().map_err(|e| {
            let at = usize::try_from(reader.error_position()).unwrap_or(usize::MAX);
            malformed(line(&mut lines, at), e.to_string())
        })?;
        match event {
            Event::Start(start) => {
                let name = start.local_name().as_ref().to_string();
                if root.is_none() {
                    if !matches!(name.as_str(), "martif" | "tbx") {
                        return Err(malformed(
                            line(&mut lines, at),
                            format!(
                                "the document is <{name}>, not <martif> or <tbx>: not a TBX file"
                            ),
                        ));
                    }
                    root = Some(name.clone());
                }
                let attributes =
                    read_attributes(&start).map_err(|m| malformed(line(&mut lines, at), m))?;
                state.start(&name, &attributes, line(&mut lines, at));
            }
            Event::End(_) => state.end(),
            Event::Text(t) => state.text.push_str(&t.xml10_content()),
            Event::CData(t) => state.text.push_str(&t.xml10_content()),
            Event::GeneralRef(r) => {
                let name: &str = &r;
                let name = name.to_string();
                let c = match r.resolve_char_ref() {
                    Ok(Some(c)) => c.to_string(),
                    _ => resolve_predefined_entity(&name)
                        .map(str::to_string)
                        .ok_or_else(|| {
                            malformed(line(&mut lines, at), format!("unknown entity &{name};"))
                        })?,
                };
                state.text.push_str(&c);
            }
            Event::Eof => break,
            _ => {}
        }
    }
    if root.is_none() {
        return Err(malformed(1, "no root element: not a TBX file".to_string()));
    }
    Ok(pairs(path, state.concepts))
}

/// The 1-based line of byte `at`, as the messages give it.
fn line(lines: &mut LineCounter<'_>, at: usize) -> u64 {
    lines.line_at(at) as u64
}

fn attribute<'a>(attributes: &'a [(String, String)], key: &str) -> &'a str {
    attributes
        .iter()
        .find(|(k, _)| k == key)
        .map_or("", |(_, v)| v.as_str())
}

impl State {
    fn start(&mut self, name: &str, attributes: &[(String, String)], line: u64) {
        self.text.clear();
        if is_concept(name) {
            self.concept = Some(TbxConcept {
                id: attribute(attributes, "id").to_string(),
                line,
                ..TbxConcept::default()
            });
        } else if is_lang_section(name) {
            self.lang = attribute(attributes, "xml:lang").to_string();
        } else if is_term_section(name) && self.concept.is_some() {
            self.term = Some(TbxTerm {
                lang: self.lang.clone(),
                ..TbxTerm::default()
            });
        }
        self.open
            .push((name.to_string(), attribute(attributes, "type").to_string()));
    }

    fn end(&mut self) {
        let Some((name, kind)) = self.open.pop() else {
            return;
        };
        let text = std::mem::take(&mut self.text).trim().to_string();
        match (name.as_str(), kind.as_str()) {
            (n, _) if is_concept(n) => {
                if let Some(concept) = self.concept.take() {
                    self.concepts.push(concept);
                }
            }
            (n, _) if is_term_section(n) => {
                if let (Some(term), Some(concept)) = (self.term.take(), &mut self.concept)
                    && !term.text.is_empty()
                {
                    concept.terms.push(term);
                }
            }
            ("term", _) => {
                if let Some(term) = &mut self.term {
                    term.text = text;
                }
            }
            ("termNote", "administrativeStatus" | "normativeAuthorization") => {
                if let Some(term) = &mut self.term {
                    term.status = status_cell(&text).flatten();
                }
            }
            ("termNote", "partOfSpeech") => self.on_term(|t| t.pos = text),
            ("termNote", "termType") => self.on_term(|t| t.term_type = text),
            ("note", _) if self.term.is_some() => self.on_term(|t| t.note = text),
            ("admin" | "descrip", "source") if self.term.is_some() => {
                self.on_term(|t| t.source = text);
            }
            ("descrip", "subjectField") => self.on_concept(|c| c.subject = text),
            ("descrip", "definition") => self.on_concept(|c| {
                if c.definition.is_empty() {
                    c.definition = text;
                }
            }),
            _ => {}
        }
    }

    fn on_term(&mut self, f: impl FnOnce(&mut TbxTerm)) {
        if let Some(term) = &mut self.term {
            f(term);
        }
    }

    fn on_concept(&mut self, f: impl FnOnce(&mut TbxConcept)) {
        if let Some(concept) = &mut self.concept {
            f(concept);
        }
    }
}

/// Which language tags are Chinese and English in this file.
struct Sides {
    zh: Vec<String>,
    en: Vec<String>,
}

fn primary(tag: &str) -> String {
    tag.split(['-', '_'])
        .next()
        .unwrap_or("")
        .to_ascii_lowercase()
}

fn sides(concepts: &[TbxConcept]) -> Sides {
    // Per language tag: terms, and terms in Chinese characters.
    let mut by_tag: BTreeMap<&str, (usize, usize)> = BTreeMap::new();
    for term in concepts.iter().flat_map(|c| &c.terms) {
        let entry = by_tag.entry(term.lang.as_str()).or_default();
        entry.0 += 1;
        entry.1 += usize::from(term.text.chars().any(crate::lang::is_han));
    }
    let tagged = |p: &str| -> Vec<String> {
        by_tag
            .keys()
            .filter(|t| primary(t) == p)
            .map(|t| t.to_string())
            .collect()
    };
    let (zh, en) = (tagged("zh"), tagged("en"));
    let zh_written_in_han = zh
        .iter()
        .any(|t| by_tag.get(t.as_str()).is_some_and(|(n, han)| 2 * han > *n));
    if !zh.is_empty() && !en.is_empty() && zh_written_in_han {
        return Sides { zh, en };
    }
    // The tags do not say: the language mostly written in Chinese characters is Chinese, the
    // other with the most terms English.
    let zh: Vec<String> = by_tag
        .iter()
        .filter(|(_, (n, han))| 2 * han > *n)
        .map(|(t, _)| t.to_string())
        .collect();
    let en = by_tag
        .iter()
        .filter(|(t, _)| !zh.iter().any(|z| z == *t))
        .max_by_key(|(t, (n, _))| (primary(t) == "en", *n))
        .map(|(t, _)| vec![t.to_string()])
        .unwrap_or_default();
    Sides { zh, en }
}

fn pairs(path: &Path, concepts: Vec<TbxConcept>) -> Vec<ImportedTerm> {
    let sides = sides(&concepts);
    let mut out = Vec::new();
    for (k, concept) in concepts.iter().enumerate() {
        let of = |tags: &[String]| -> Vec<&TbxTerm> {
            concept
                .terms
                .iter()
                .filter(|t| tags.contains(&t.lang))
                .collect()
        };
        let (zh_terms, en_terms) = (of(&sides.zh), of(&sides.en));
        // A concept without an id is still one concept.
        let concept_id = if concept.id.is_empty() {
            format!("#{k}")
        } else {
            concept.id.clone()
        };
        let before = out.len();
        for zh in &zh_terms {
            for en in &en_terms {
                let status = match zh.status {
                    Some(s @ (Status::Deprecated | Status::Superseded)) => Some(s),
                    _ => en.status,
                };
                let pos = if en.pos.is_empty() { &zh.pos } else { &en.pos };
                let cells = [
                    ("subject", concept.subject.as_str()),
                    ("definition", concept.definition.as_str()),
                    ("pos", pos.as_str()),
                    ("term_type", en.term_type.as_str()),
                    ("note", en.note.as_str()),
                    ("source", en.source.as_str()),
                ]
                .into_iter()
                .filter(|(_, v)| !v.is_empty())
                .map(|(k, v)| (k.to_string(), v.to_string()))
                .collect();
                out.push(ImportedTerm {
                    zh: zh.text.clone(),
                    en: en.text.clone(),
                    status,
                    concept: Some(concept_id.clone()),
                    cells,
                    decision: None,
                    file: path.to_path_buf(),
                    line: concept.line,
                });
            }
        }
        // A concept with terms on one side only is an incomplete row of the summary, not
        // lost without a word (a CSV whose columns csv2tbx misread gives such entries).
        if out.len() == before && concept.terms.iter().any(|t| !t.text.trim().is_empty()) {
            let first =
                |terms: &[&TbxTerm]| terms.first().map_or(String::new(), |t| t.text.clone());
            out.push(ImportedTerm {
                zh: first(&zh_terms),
                en: first(&en_terms),
                status: None,
                concept: Some(concept_id.clone()),
                cells: Vec::new(),
                decision: None,
                file: path.to_path_buf(),
                line: concept.line,
            });
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_tbx_basic_2008_with_statuses() {
        let xml = r#"<?xml version="1.0" encoding="UTF-8"?>
<martif type="TBX-Basic" xml:lang="en"><martifHeader/><text><body>
<termEntry id="c1"><descrip type="subjectField">security</descrip>
<langSet xml:lang="zh-CN"><tig><term>三股势力</term></tig></langSet>
<langSet xml:lang="en-US"><descrip type="definition">Terrorism, separatism &amp; extremism.</descrip>
<tig><term>three evil forces</term><termNote type="administrativeStatus">preferredTerm-admn-sts</termNote></tig>
<ntig><termGrp><term>three evils</term><termNote type="administrativeStatus">admittedTerm-admn-sts</termNote></termGrp><note>MFA</note></ntig>
</langSet></termEntry></body></text></martif>"#;
        let terms = read_tbx(Path::new("t.tbx"), xml).unwrap();
        assert_eq!(terms.len(), 2);
        assert_eq!(
            (terms[0].zh.as_str(), terms[0].en.as_str()),
            ("三股势力", "three evil forces")
        );
        assert_eq!(terms[0].status, Some(Status::Preferred));
        assert_eq!(terms[1].status, Some(Status::Admitted));
        assert_eq!(terms[0].concept.as_deref(), Some("c1"));
        assert_eq!(terms[0].line, 3);
        assert!(terms[0].cells.contains(&(
            "definition".into(),
            "Terrorism, separatism & extremism.".into()
        )));
        assert!(terms[1].cells.contains(&("note".into(), "MFA".into())));
    }

    #[test]
    fn reads_tbx_v3_and_untagged_languages_by_script() {
        let v3 = r#"<tbx type="TBX-Basic" style="dca" xml:lang="en" xmlns="urn:iso:std:iso:30042:ed-2"><text><body>
<conceptEntry id="7"><langSec xml:lang="zh"><termSec><term>上海精神</term></termSec></langSec>
<langSec xml:lang="en"><termSec><term>Shanghai Spirit</term></termSec></langSec></conceptEntry></body></text></tbx>"#;
        let terms = read_tbx(Path::new("t.tbx"), v3).unwrap();
        assert_eq!(
            (terms[0].zh.as_str(), terms[0].en.as_str()),
            ("上海精神", "Shanghai Spirit")
        );
        // translate-toolkit's csv2tbx: the Chinese tagged `en`, the English `xx`.
        let tt = r#"<martif type="TBX" xml:lang="en"><text><body>
<termEntry id="上海精神"><langSet xml:lang="en"><tig><term>上海精神</term></tig></langSet>
<langSet xml:lang="xx"><tig><term>Shanghai Spirit</term></tig></langSet></termEntry></body></text></martif>"#;
        let terms = read_tbx(Path::new("t.tbx"), tt).unwrap();
        assert_eq!(
            (terms[0].zh.as_str(), terms[0].en.as_str()),
            ("上海精神", "Shanghai Spirit")
        );
    }

    #[test]
    fn a_concept_with_one_side_only_is_read_as_incomplete() {
        let text = r#"<?xml version="1.0" encoding="UTF-8"?>
<martif type="TBX" xml:lang="en"><text><body>
<termEntry id="a"><langSet xml:lang="en"><tig><term>small yard, high fence</term></tig></langSet>
<langSet xml:lang="xx"><tig><term></term></tig></langSet></termEntry>
</body></text></martif>"#;
        let terms = read_tbx(Path::new("t.tbx"), text).unwrap();
        assert_eq!(terms.len(), 1);
        assert_eq!(
            (terms[0].zh.as_str(), terms[0].en.as_str()),
            ("", "small yard, high fence")
        );
    }

    #[test]
    fn a_broken_file_is_an_error_with_its_line() {
        let err = read_tbx(
            Path::new("t.tbx"),
            "<martif>\n<text><body>\n</text></martif>",
        )
        .unwrap_err()
        .to_string();
        assert!(err.contains("t.tbx, line 3"), "{err}");
        let err = read_tbx(Path::new("t.tbx"), "<tmx/>")
            .unwrap_err()
            .to_string();
        assert!(err.contains("not a TBX file"), "{err}");
    }
}
