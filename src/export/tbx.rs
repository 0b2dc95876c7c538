//! TBX termbases: TBX-Basic 2008 (`martif`, the form translate-toolkit and OmegaT read) and
//! TBX-Basic v3 (ISO 30042:2019, DCA style), written with quick-xml.
//!
//! One concept entry per concept id: the concept's subject field and date; a zh-CN language
//! section with one term per Chinese form (part of speech, a corpus or curated context); an
//! en-US language section with the definition and one term per English rendering (part of
//! speech, administrative status, term type, source, note). A proposal from alignment has no
//! administrative status and says in a note that nobody has reviewed it.

use std::io::Write;

use quick_xml::Writer;
use quick_xml::events::{BytesDecl, BytesText, Event};

use super::{ExportOptions, Pair, Standing, concepts, pairs, xml_clean, xml_text};
use crate::error::{Error, Result};
use crate::extract::count::Context;
use crate::glossary::merged::Glossary;

/// Which TBX.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Flavour {
    /// TBX-Basic 2008: martif / termEntry / langSet / tig.
    V2008,
    /// TBX-Basic v3 DCA: tbx / conceptEntry / langSec / termSec.
    V3,
}

impl Flavour {
    fn concept(self) -> &'static str {
        match self {
            Flavour::V2008 => "termEntry",
            Flavour::V3 => "conceptEntry",
        }
    }
    fn lang(self) -> &'static str {
        match self {
            Flavour::V2008 => "langSet",
            Flavour::V3 => "langSec",
        }
    }
    fn term(self) -> &'static str {
        match self {
            Flavour::V2008 => "tig",
            Flavour::V3 => "termSec",
        }
    }
    /// TBX v3 has no `properNoun`.
    fn pos(self, pos: &str) -> Option<&str> {
        match (self, pos) {
            (_, "") => None,
            (Flavour::V3, "properNoun") => Some("noun"),
            (_, p) => Some(p),
        }
    }
}

/// Writes TBX-Basic 2008.
pub fn write_2008(merged: &Glossary, out: &mut dyn Write, options: &ExportOptions) -> Result<()> {
    write(Flavour::V2008, merged, out, options)
}

/// Writes TBX-Basic v3 (DCA).
pub fn write_v3(merged: &Glossary, out: &mut dyn Write, options: &ExportOptions) -> Result<()> {
    write(Flavour::V3, merged, out, options)
}

type W<'a> = Writer<&'a mut dyn Write>;

fn text_element(
    w: &mut W<'_>,
    name: &str,
    attrs: &[(&str, &str)],
    text: &str,
) -> std::io::Result<()> {
    if xml_clean(text).trim().is_empty() {
        return Ok(());
    }
    w.create_element(name)
        .with_attributes(attrs.iter().copied())
        .write_text_content(xml_text(text))?;
    Ok(())
}

fn write(
    flavour: Flavour,
    merged: &Glossary,
    out: &mut dyn Write,
    options: &ExportOptions,
) -> Result<()> {
    let mut w = Writer::new_with_indent(out, b' ', 2);
    document(flavour, &mut w, merged, options).map_err(Error::from_io)
}

fn document(
    flavour: Flavour,
    w: &mut W<'_>,
    merged: &Glossary,
    options: &ExportOptions,
) -> std::io::Result<()> {
    w.write_event(Event::Decl(BytesDecl::new("1.0", Some("UTF-8"), None)))?;
    let root = match flavour {
        Flavour::V2008 => {
            w.write_event(Event::DocType(BytesText::from_escaped(
                "martif SYSTEM \"TBXBasiccoreStructV02.dtd\"",
            )))?;
            w.create_element("martif")
                .with_attributes([("type", "TBX-Basic"), ("xml:lang", "en")])
        }
        Flavour::V3 => w.create_element("tbx").with_attributes([
            ("type", "TBX-Basic"),
            ("style", "dca"),
            ("xml:lang", "en"),
            ("xmlns", "urn:iso:std:iso:30042:ed-2"),
        ]),
    };
    let all = pairs(merged, options);
    root.write_inner_content(|w| {
        header(flavour, w, options)?;
        w.create_element("text").write_inner_content(|w| {
            w.create_element("body").write_inner_content(|w| {
                for (id, group) in concepts(&all) {
                    concept(flavour, w, id, &group, options)?;
                }
                Ok(())
            })?;
            Ok(())
        })?;
        Ok(())
    })?;
    w.get_mut().write_all(b"\n")
}

fn header(flavour: Flavour, w: &mut W<'_>, options: &ExportOptions) -> std::io::Result<()> {
    let name = match flavour {
        Flavour::V2008 => "martifHeader",
        Flavour::V3 => "tbxHeader",
    };
    w.create_element(name).write_inner_content(|w| {
        w.create_element("fileDesc").write_inner_content(|w| {
            w.create_element("titleStmt")
                .write_inner_content(|w| text_element(w, "title", &[], &options.title))?;
            w.create_element("sourceDesc").write_inner_content(|w| {
                text_element(
                    w,
                    "p",
                    &[],
                    "Written by glossary from a curated glossary and a corpus of Chinese official texts.",
                )
            })?;
            Ok(())
        })?;
        if flavour == Flavour::V2008 {
            w.create_element("encodingDesc")
                .write_inner_content(|w| text_element(w, "p", &[("type", "XCSURI")], "TBXBasicXCSV02.xcs"))?;
        }
        Ok(())
    })?;
    Ok(())
}

fn concept(
    flavour: Flavour,
    w: &mut W<'_>,
    id: &str,
    group: &[Pair<'_>],
    options: &ExportOptions,
) -> std::io::Result<()> {
    let first = group[0].row;
    w.create_element(flavour.concept())
        .with_attribute(("id", id))
        .write_inner_content(|w| {
            text_element(w, "descrip", &[("type", "subjectField")], &first.subject)?;
            if let Some(date) = group
                .iter()
                .map(|p| p.row.date.as_str())
                .filter(|d| !d.is_empty())
                .min()
            {
                w.create_element("transacGrp").write_inner_content(|w| {
                    text_element(w, "transac", &[("type", "transactionType")], "origination")?;
                    text_element(w, "date", &[], date)
                })?;
            }
            zh_section(flavour, w, group, &options.zh_lang)?;
            en_section(flavour, w, group, &options.en_lang)
        })?;
    Ok(())
}

fn zh_section(
    flavour: Flavour,
    w: &mut W<'_>,
    group: &[Pair<'_>],
    lang: &str,
) -> std::io::Result<()> {
    let mut forms: Vec<&Pair<'_>> = Vec::new();
    for pair in group {
        if !forms.iter().any(|f| f.row.zh == pair.row.zh) {
            forms.push(pair);
        }
    }
    w.create_element(flavour.lang())
        .with_attribute(("xml:lang", lang))
        .write_inner_content(|w| {
            for pair in forms {
                let row = pair.row;
                w.create_element(flavour.term()).write_inner_content(|w| {
                    text_element(w, "term", &[], &row.zh)?;
                    if let Some(pos) = flavour.pos(&row.pos) {
                        text_element(w, "termNote", &[("type", "partOfSpeech")], pos)?;
                    }
                    let context = if row.context_zh.is_empty() {
                        row.corpus_context
                            .as_ref()
                            .map(plain_context)
                            .unwrap_or_default()
                    } else {
                        row.context_zh.clone()
                    };
                    if !context.trim().is_empty() {
                        w.create_element("descripGrp").write_inner_content(|w| {
                            text_element(w, "descrip", &[("type", "context")], &context)?;
                            let source = if row.context_zh.is_empty() {
                                "corpus"
                            } else {
                                "curated glossary"
                            };
                            text_element(w, "admin", &[("type", "source")], source)
                        })?;
                    }
                    Ok(())
                })?;
            }
            Ok(())
        })?;
    Ok(())
}

fn en_section(
    flavour: Flavour,
    w: &mut W<'_>,
    group: &[Pair<'_>],
    lang: &str,
) -> std::io::Result<()> {
    let mut renderings: Vec<&Pair<'_>> = Vec::new();
    for pair in group {
        if !renderings.iter().any(|r| r.en == pair.en) {
            renderings.push(pair);
        }
    }
    w.create_element(flavour.lang())
        .with_attribute(("xml:lang", lang))
        .write_inner_content(|w| {
            if let Some(definition) = group
                .iter()
                .map(|p| p.row.definition.as_str())
                .find(|d| !d.is_empty())
            {
                text_element(w, "descrip", &[("type", "definition")], definition)?;
            }
            for pair in renderings {
                let row = pair.row;
                w.create_element(flavour.term()).write_inner_content(|w| {
                    text_element(w, "term", &[], pair.en)?;
                    if let Some(pos) = flavour.pos(&row.pos) {
                        text_element(w, "termNote", &[("type", "partOfSpeech")], pos)?;
                    }
                    if let Standing::Curated(status) = pair.standing
                        && let Some(tbx) = status.tbx()
                    {
                        text_element(w, "termNote", &[("type", "administrativeStatus")], tbx)?;
                    }
                    if !row.term_type.is_empty() {
                        text_element(w, "termNote", &[("type", "termType")], &row.term_type)?;
                    }
                    text_element(w, "admin", &[("type", "source")], &row.source)?;
                    text_element(w, "note", &[], &row.note)?;
                    if let Some(note) = pair.standing.proposal_note() {
                        text_element(w, "note", &[], &note)?;
                    }
                    Ok(())
                })?;
            }
            Ok(())
        })?;
    Ok(())
}

/// A corpus context as a TBX context note: the sentence around the term, then its source,
/// `left term right (document, year)`.
fn plain_context(c: &Context) -> String {
    let year = c.year.map(|y| format!(", {y}")).unwrap_or_default();
    format!("{}{}{} ({}{year})", c.left, c.term, c.right, c.doc)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::export::tests::{sample, texts_of, with_proposals};

    #[test]
    fn tbx_2008_parses_back_to_the_same_terms() {
        let mut out = Vec::new();
        write_2008(&sample(), &mut out, &with_proposals()).unwrap();
        let xml = String::from_utf8(out).unwrap();
        assert!(xml.starts_with("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<!DOCTYPE martif SYSTEM \"TBXBasiccoreStructV02.dtd\">"));
        assert_eq!(
            texts_of(&xml, "term"),
            [
                "上海合作组织",
                "上合组织",
                "Shanghai Cooperation Organization",
                "SCO",
                "小院高墙",
                "=small yard, high fence"
            ]
        );
        assert_eq!(texts_of(&xml, "note")[0], "Use <SCO> & \"quotes\"  safely");
        assert!(xml.contains("<termEntry id=\"c0001\">"));
        assert!(xml.contains("admittedTerm-admn-sts"));
        assert!(!xml.contains("朋友圈"));
    }

    #[test]
    fn tbx_v3_uses_the_dca_structure() {
        let mut out = Vec::new();
        write_v3(&sample(), &mut out, &with_proposals()).unwrap();
        let xml = String::from_utf8(out).unwrap();
        assert!(xml.contains("<tbx type=\"TBX-Basic\" style=\"dca\" xml:lang=\"en\" xmlns=\"urn:iso:std:iso:30042:ed-2\">"));
        assert!(xml.contains("<conceptEntry id=\"c0001\">"));
        assert!(!xml.contains("properNoun"), "v3 has no properNoun");
        assert_eq!(texts_of(&xml, "term").len(), 6);
    }
}
