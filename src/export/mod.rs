//! Exports for spreadsheets and translation tools, from the merged glossary.
//!
//! | format | file | for |
//! |---|---|---|
//! | [`Format::Csv`] | `glossary.export.csv` | Excel, memoQ, MultiTerm: UTF-8 with BOM, CRLF |
//! | [`Format::Tbx`] | `glossary.tbx` | TBX-Basic 2008 (`martif`), what translate-toolkit and OmegaT read |
//! | [`Format::Tbx3`] | — | TBX-Basic v3 (ISO 30042:2019, DCA style) |
//! | [`Format::Omegat`] | `glossary-omegat.txt` | OmegaT's tab-separated glossary |
//! | [`Format::Tmx`] | `memory.tmx` | TMX 1.4b: term pairs (and aligned sentence pairs) |
//!
//! Only what has English goes out: curated terms (not rejected) and, marked as proposals and
//! never as approved, English that alignment proposed for a candidate. Output is
//! deterministic (no timestamps), XML is written with quick-xml, escaped, and stripped of the
//! characters XML 1.0 forbids.

pub mod csv;
pub mod omegat;
pub mod tbx;
pub mod tmx;
pub mod xlsx;

use std::borrow::Cow;
use std::io::Write;

use crate::align::SentenceUnit;
use crate::align::propose::Usage;
use crate::error::Result;
use crate::glossary::Status;
use crate::glossary::merged::{Glossary, Row, RowStatus};

/// An export format.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// CSV for spreadsheets (UTF-8 with BOM, CRLF).
    Csv,
    /// TBX-Basic 2008 (`martif`).
    Tbx,
    /// TBX-Basic v3, DCA style.
    Tbx3,
    /// OmegaT tab-separated glossary.
    Omegat,
    /// TMX 1.4b translation memory.
    Tmx,
    /// XLSX workbook for review: the curated glossary and the candidates with a decision
    /// column.
    Xlsx,
}

/// Options shared by the exports.
#[derive(Debug, Clone)]
pub struct ExportOptions {
    /// Language tag of the Chinese side (BCP 47).
    pub zh_lang: String,
    /// Language tag of the English side.
    pub en_lang: String,
    /// A title for the file's header.
    pub title: String,
    /// Also export the English proposed for candidates (not reviewed), marked as proposals.
    /// Off by default: a CAT tool would offer an unreviewed proposal as a glossary hit.
    pub include_proposed: bool,
    /// More keyword-in-context lines per term than glossary.csv's one (the lookup index's),
    /// for the review workbook's two contexts. Empty: glossary.csv's one.
    pub contexts: std::collections::HashMap<String, Vec<crate::extract::count::Context>>,
}

impl Default for ExportOptions {
    fn default() -> Self {
        ExportOptions {
            zh_lang: "zh-CN".to_string(),
            en_lang: "en-US".to_string(),
            title: "Chinese–English glossary".to_string(),
            include_proposed: false,
            contexts: std::collections::HashMap::new(),
        }
    }
}

/// Writes `merged` (and, for TMX, `sentences`) in `format`.
pub fn write(
    format: Format,
    merged: &Glossary,
    sentences: &[SentenceUnit],
    out: &mut dyn Write,
    options: &ExportOptions,
) -> Result<()> {
    match format {
        Format::Csv => csv::write(merged, out, options),
        Format::Tbx => tbx::write_2008(merged, out, options),
        Format::Tbx3 => tbx::write_v3(merged, out, options),
        Format::Omegat => omegat::write(merged, out, options),
        Format::Tmx => tmx::write(merged, sentences, out, options),
        Format::Xlsx => xlsx::write(merged, out, options),
    }
}

/// How an exported English term stands.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Standing<'a> {
    /// Curated with this status.
    Curated(Status),
    /// Proposed by alignment, not reviewed.
    Proposed(&'a Usage),
}

impl Standing<'_> {
    /// The status name for tables: the curated status, or `proposed`.
    pub fn name(&self) -> &'static str {
        match self {
            Standing::Curated(s) => s.name(),
            Standing::Proposed(_) => "proposed",
        }
    }

    /// A note saying how a proposal was found.
    pub fn proposal_note(&self) -> Option<String> {
        match self {
            Standing::Proposed(usage) => Some(format!(
                "proposed from aligned sentence pairs ({}); not reviewed",
                usage.evidence()
            )),
            Standing::Curated(_) => None,
        }
    }
}

/// One exported zh/en pair.
#[derive(Debug, Clone)]
pub struct Pair<'a> {
    /// The merged row it comes from.
    pub row: &'a Row,
    /// The English.
    pub en: &'a str,
    /// Curated or proposed.
    pub standing: Standing<'a>,
}

/// The pairs that go out: curated rows that are not rejected and, when `options` ask for them,
/// the best proposal of each candidate (never passed off as approved: each format marks it).
pub fn pairs<'a>(merged: &'a Glossary, options: &ExportOptions) -> Vec<Pair<'a>> {
    merged
        .rows
        .iter()
        .filter_map(|row| match row.status() {
            s if s.exportable() && !row.en.is_empty() => Some(Pair {
                row,
                en: &row.en,
                standing: Standing::Curated(match s {
                    RowStatus::Curated(status) => status,
                    RowStatus::Candidate => unreachable!("candidates are not exportable"),
                }),
            }),
            RowStatus::Candidate if options.include_proposed => {
                let usage = row.usage.as_ref()?;
                usage.proposal().map(|p| Pair {
                    row,
                    en: &p.en,
                    standing: Standing::Proposed(usage),
                })
            }
            _ => None,
        })
        .collect()
}

/// Pairs grouped by concept id, concepts in order of first appearance.
pub fn concepts<'a>(pairs: &[Pair<'a>]) -> Vec<(&'a str, Vec<Pair<'a>>)> {
    let mut order: Vec<&str> = Vec::new();
    let mut groups: std::collections::HashMap<&str, Vec<Pair<'a>>> =
        std::collections::HashMap::new();
    for pair in pairs {
        let id = pair.row.id.as_str();
        groups
            .entry(id)
            .or_insert_with(|| {
                order.push(id);
                Vec::new()
            })
            .push(pair.clone());
    }
    order
        .into_iter()
        .map(|id| (id, groups.remove(id).expect("grouped")))
        .collect()
}

/// `text` as XML character data: cleaned ([`xml_clean`]), escaped, and carriage returns
/// written as `&#13;`, which an XML reader gives back as they are (a literal one it would turn
/// into a line feed, XML 1.0 § 2.11).
pub(crate) fn xml_text(text: &str) -> quick_xml::events::BytesText<'static> {
    let escaped = quick_xml::escape::escape(xml_clean(text).as_ref()).replace('\r', "&#13;");
    quick_xml::events::BytesText::from_escaped(escaped)
}

/// Removes the characters XML 1.0 forbids (control characters other than tab, line feed and
/// carriage return; U+FFFE and U+FFFF).
pub fn xml_clean(text: &str) -> Cow<'_, str> {
    let allowed = |c: char| {
        matches!(c, '\t' | '\n' | '\r')
            || ('\u{20}'..='\u{D7FF}').contains(&c)
            || ('\u{E000}'..='\u{FFFD}').contains(&c)
            || c >= '\u{10000}'
    };
    if text.chars().all(allowed) {
        Cow::Borrowed(text)
    } else {
        Cow::Owned(text.chars().filter(|&c| allowed(c)).collect())
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    /// A usage whose one rendering, `en`, seen in `pairs` pairs, is proposed.
    pub fn proposal(en: impl Into<String>, pairs: u32) -> Usage {
        Usage {
            renderings: vec![crate::align::propose::Rendering {
                en: en.into(),
                count: pairs,
            }],
            occurrences: pairs,
            aligned: pairs,
            pairs,
            documents: 1,
            years: Some((2024, 2024)),
            proposed: true,
            examples: Vec::new(),
        }
    }

    /// Export options that also write proposals, to test how each format marks them.
    pub fn with_proposals() -> ExportOptions {
        ExportOptions {
            include_proposed: true,
            ..ExportOptions::default()
        }
    }

    #[test]
    fn proposals_stay_out_unless_asked_for() {
        let merged = sample();
        let names: Vec<&str> = pairs(&merged, &ExportOptions::default())
            .iter()
            .map(|p| p.standing.name())
            .collect();
        assert_eq!(names, ["preferred", "admitted"]);
    }
    use quick_xml::Reader;
    use quick_xml::events::Event;
    use std::collections::BTreeMap;

    /// The text of every `element` in `xml`, entities resolved: reads an export back.
    pub(crate) fn texts_of(xml: &str, element: &str) -> Vec<String> {
        let mut reader = Reader::from_str(xml);
        let mut out = Vec::new();
        let mut current: Option<String> = None;
        loop {
            match reader.read_event().expect("well-formed XML") {
                Event::Start(e) if e.name().as_ref() == element => current = Some(String::new()),
                Event::Text(t) => {
                    if let Some(c) = current.as_mut() {
                        c.push_str(&t.xml_content(quick_xml::XmlVersion::Implicit1_0));
                    }
                }
                Event::GeneralRef(r) => {
                    if let Some(c) = current.as_mut() {
                        match r.resolve_char_ref().expect("a valid reference") {
                            Some(ch) => c.push(ch),
                            None => c.push_str(match r.into_inner().as_ref() {
                                "amp" => "&",
                                "lt" => "<",
                                "gt" => ">",
                                "quot" => "\"",
                                "apos" => "'",
                                other => panic!("unknown entity {other}"),
                            }),
                        }
                    }
                }
                Event::End(e) if e.name().as_ref() == element => out.extend(current.take()),
                Event::Eof => break,
                _ => {}
            }
        }
        out
    }

    /// A two-concept glossary with a curated concept (two English renderings), a candidate
    /// with a proposal, and a rejected row.
    pub(crate) fn sample() -> Glossary {
        let curated = |zh: &str, en: &str, status| Row {
            id: "c0001".into(),
            zh: zh.into(),
            en: en.into(),
            status: Some(RowStatus::Curated(status)),
            pos: "properNoun".into(),
            subject: "international relations".into(),
            note: "Use <SCO> & \"quotes\" \u{7} safely".into(),
            source: "Xinhua".into(),
            date: "2024-07-04".into(),
            total: 131,
            by_year: BTreeMap::from([(Some(2024), 131)]),
            first_year: Some(2024),
            last_year: Some(2024),
            corpus_context: Some(crate::extract::count::Context {
                left: "深化".into(),
                term: "上海合作组织".into(),
                right: "合作".into(),
                doc: "000.txt".into(),
                year: Some(2024),
                line: 12,
            }),
            ..Row::default()
        };
        Glossary {
            rows: vec![
                curated(
                    "上海合作组织",
                    "Shanghai Cooperation Organization",
                    Status::Preferred,
                ),
                curated("上合组织", "SCO", Status::Admitted),
                Row {
                    id: "c0002".into(),
                    zh: "朋友圈".into(),
                    status: Some(RowStatus::Curated(Status::Rejected)),
                    ..Row::default()
                },
                Row {
                    id: "x0123456789ab".into(),
                    zh: "小院高墙".into(),
                    status: Some(RowStatus::Candidate),
                    usage: Some(proposal("=small yard, high fence", 3)),
                    ..Row::default()
                },
                Row {
                    id: "x0000000000ff".into(),
                    zh: "全球南方".into(),
                    status: Some(RowStatus::Candidate),
                    ..Row::default()
                },
            ],
        }
    }

    #[test]
    fn only_curated_and_proposed_english_goes_out() {
        let merged = sample();
        let pairs = pairs(&merged, &with_proposals());
        let names: Vec<(&str, &str)> = pairs
            .iter()
            .map(|p| (p.row.zh.as_str(), p.standing.name()))
            .collect();
        assert_eq!(
            names,
            [
                ("上海合作组织", "preferred"),
                ("上合组织", "admitted"),
                ("小院高墙", "proposed")
            ]
        );
        let groups = concepts(&pairs);
        assert_eq!(groups.len(), 2);
        assert_eq!(groups[0].1.len(), 2);
    }

    #[test]
    fn forbidden_xml_characters_are_removed() {
        assert_eq!(xml_clean("a\u{0}b\u{7}c\td\u{FFFE}"), "abc\td");
        assert!(matches!(xml_clean("上海精神"), Cow::Borrowed(_)));
    }

    mod properties {
        use super::*;
        use proptest::prelude::*;

        /// Text as it arrives: characters XML and spreadsheets treat specially, emoji,
        /// control characters, and the replacement characters of lossy decoding (unpaired
        /// UTF-16 surrogates), around one ordinary character so that no term is empty.
        fn hostile() -> impl Strategy<Value = String> {
            let piece = prop_oneof![
                prop::sample::select(vec![
                    "<",
                    ">",
                    "&",
                    "&amp;",
                    "]]>",
                    "\"",
                    "'",
                    "=",
                    "+",
                    "-",
                    "@",
                    "\t",
                    "\u{7}",
                    "\u{0}",
                    "\u{1F}",
                    "😀",
                    "👨‍👩‍👧",
                    "\u{FFFE}",
                    "上海",
                    " ",
                    "\r\n",
                ])
                .prop_map(str::to_string),
                proptest::collection::vec(any::<u16>(), 0..6)
                    .prop_map(|units| String::from_utf16_lossy(&units)),
                "\\PC{0,4}",
            ];
            (
                proptest::collection::vec(piece.clone(), 0..6),
                proptest::collection::vec(piece, 0..6),
            )
                .prop_map(|(a, b)| format!("{}词{}", a.concat(), b.concat()))
        }

        /// A curated concept and a candidate with a proposal, their text hostile.
        fn glossary(zh: &str, en: &str, note: &str, zh2: &str, en2: &str) -> Glossary {
            Glossary {
                rows: vec![
                    Row {
                        id: "c0001".into(),
                        zh: zh.into(),
                        en: en.into(),
                        note: note.into(),
                        status: Some(RowStatus::Curated(Status::Preferred)),
                        ..Row::default()
                    },
                    Row {
                        id: "x0000000000ff".into(),
                        zh: zh2.into(),
                        status: Some(RowStatus::Candidate),
                        usage: Some(proposal(en2, 1)),
                        ..Row::default()
                    },
                ],
            }
        }

        /// What a conforming XML reader gives back for `text`: the text less the characters
        /// XML forbids (carriage returns included, as `&#13;`).
        fn read_back(text: &str) -> String {
            xml_clean(text).into_owned()
        }

        proptest! {
            #![proptest_config(ProptestConfig::with_cases(256))]
            #[test]
            fn tbx_parses_back_to_the_same_terms(
                zh in hostile(), en in hostile(), note in hostile(), zh2 in hostile(), en2 in hostile()
            ) {
                let merged = glossary(&zh, &en, &note, &zh2, &en2);
                for write in [tbx::write_2008, tbx::write_v3] {
                    let mut out = Vec::new();
                    write(&merged, &mut out, &with_proposals()).unwrap();
                    let xml = String::from_utf8(out).unwrap();
                    prop_assert_eq!(
                        texts_of(&xml, "term"),
                        [&zh, &en, &zh2, &en2].map(|t| read_back(t)).to_vec()
                    );
                }
            }

            #[test]
            fn tmx_parses_back_to_the_same_segments(
                zh in hostile(), en in hostile(), s_zh in hostile(), s_en in hostile()
            ) {
                let merged = glossary(&zh, &en, "", "候选", "candidate");
                let sentences = [SentenceUnit {
                    id: "s-1".into(),
                    zh: s_zh.clone(),
                    zh_written: None,
                    en: s_en.clone(),
                    document: "a.txt".into(),
                    year: Some(2024),
                    score: 0.5,
                    low_confidence: true,
                    origin: crate::align::UnitOrigin::Alignment,
                }];
                let mut out = Vec::new();
                tmx::write(&merged, &sentences, &mut out, &with_proposals()).unwrap();
                let xml = String::from_utf8(out).unwrap();
                let segs = texts_of(&xml, "seg");
                prop_assert_eq!(
                    segs,
                    [&zh, &en, "候选", "candidate", &s_zh, &s_en].map(read_back).to_vec()
                );
            }

            #[test]
            fn csv_cells_never_start_a_formula_and_keep_their_text(
                zh in hostile(), en in hostile(), note in hostile()
            ) {
                let merged = glossary(&zh, &en, &note, "候选", "candidate");
                let mut out = Vec::new();
                csv::write(&merged, &mut out, &with_proposals()).unwrap();
                let mut reader = ::csv::ReaderBuilder::new().from_reader(&out[3..]);
                let rows: Vec<::csv::StringRecord> = reader.records().map(|r| r.unwrap()).collect();
                prop_assert_eq!(rows.len(), 2);
                for cell in rows.iter().flat_map(|r| r.iter()) {
                    prop_assert!(!cell.starts_with(['=', '+', '-', '@', '\t', '\r']), "{:?}", cell);
                }
                // The text itself, or with the quote that neutralises it.
                for (cell, text) in [(&rows[0][0], &zh), (&rows[0][1], &en)] {
                    prop_assert!(cell == text.as_str() || *cell == format!("'{text}"), "{:?} {:?}", cell, text);
                }
            }
        }
    }
}
