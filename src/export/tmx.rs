//! TMX 1.4b translation memory: `<tmx version="1.4">` with the seven required header
//! attributes, `srclang` zh-CN, and in every unit the Chinese `<tuv>` first. The glossary's term
//! pairs are units (segment type `phrase`, props for status, concept, document and year), and
//! so are aligned sentence pairs (props for document, year and alignment score; a pair below
//! the confidence threshold is marked `x-low-confidence`). No dates: the same input gives the
//! same bytes.

use std::io::Write;

use quick_xml::Writer;
use quick_xml::events::{BytesDecl, BytesText, Event};

use super::{ExportOptions, pairs, xml_text};
use crate::align::{SentenceUnit, UnitOrigin};
use crate::error::{Error, Result};
use crate::glossary::merged::Glossary;

type W<'a> = Writer<&'a mut dyn Write>;

/// Writes the translation memory: term pairs, then sentence pairs.
pub fn write(
    merged: &Glossary,
    sentences: &[SentenceUnit],
    out: &mut dyn Write,
    options: &ExportOptions,
) -> Result<()> {
    let mut w = Writer::new_with_indent(out, b' ', 2);
    document(&mut w, merged, sentences, options).map_err(Error::from_io)
}

fn prop(w: &mut W<'_>, kind: &str, value: &str) -> std::io::Result<()> {
    if value.is_empty() {
        return Ok(());
    }
    w.create_element("prop")
        .with_attribute(("type", kind))
        .write_text_content(xml_text(value))?;
    Ok(())
}

fn tuv(w: &mut W<'_>, lang: &str, text: &str) -> std::io::Result<()> {
    w.create_element("tuv")
        .with_attribute(("xml:lang", lang))
        .write_inner_content(|w| {
            w.create_element("seg").write_text_content(xml_text(text))?;
            Ok(())
        })?;
    Ok(())
}

fn document(
    w: &mut W<'_>,
    merged: &Glossary,
    sentences: &[SentenceUnit],
    options: &ExportOptions,
) -> std::io::Result<()> {
    w.write_event(Event::Decl(BytesDecl::new("1.0", Some("UTF-8"), None)))?;
    w.write_event(Event::DocType(BytesText::from_escaped(
        "tmx SYSTEM \"tmx14.dtd\"",
    )))?;
    let version = env!("CARGO_PKG_VERSION");
    w.create_element("tmx")
        .with_attribute(("version", "1.4"))
        .write_inner_content(|w| {
            w.create_element("header")
                .with_attributes([
                    ("creationtool", "glossary"),
                    ("creationtoolversion", version),
                    ("segtype", "sentence"),
                    ("o-tmf", "glossary"),
                    ("adminlang", "en-US"),
                    ("srclang", options.zh_lang.as_str()),
                    ("datatype", "plaintext"),
                ])
                .write_inner_content(|w| {
                    w.create_element("note").write_text_content(BytesText::new(
                        "Term pairs from the glossary (segtype phrase), then sentence pairs aligned from the corpus.",
                    ))?;
                    Ok(())
                })?;
            w.create_element("body").write_inner_content(|w| {
                let mut seen = std::collections::HashSet::new();
                for pair in pairs(merged, options) {
                    let row = pair.row;
                    // Some importers refuse duplicate units: one unit per zh/en pair.
                    if !seen.insert((row.zh.as_str(), pair.en)) {
                        continue;
                    }
                    let tuid = format!("term-{}-{}", row.id, seen.len());
                    let document = row.corpus_context.as_ref().map_or("", |c| c.doc.as_str());
                    w.create_element("tu")
                        .with_attributes([("tuid", tuid.as_str()), ("segtype", "phrase")])
                        .write_inner_content(|w| {
                            prop(w, "x-status", pair.standing.name())?;
                            prop(w, "x-concept", &row.id)?;
                            prop(w, "x-document", document)?;
                            prop(w, "x-year", &row.first_year.map(|y| y.to_string()).unwrap_or_default())?;
                            if let Some(note) = pair.standing.proposal_note() {
                                w.create_element("note").write_text_content(xml_text(&note))?;
                            }
                            tuv(w, &options.zh_lang, &row.zh)?;
                            tuv(w, &options.en_lang, pair.en)
                        })?;
                }
                for unit in sentences {
                    w.create_element("tu")
                        .with_attribute(("tuid", unit.id.as_str()))
                        .write_inner_content(|w| {
                            prop(w, "x-origin", unit.origin.name())?;
                            prop(w, "x-document", &unit.document)?;
                            prop(w, "x-year", &unit.year.map(|y| y.to_string()).unwrap_or_default())?;
                            if unit.origin == UnitOrigin::Alignment {
                                prop(w, "x-align-score", &format!("{:.2}", unit.score))?;
                            }
                            if unit.low_confidence {
                                prop(w, "x-low-confidence", "true")?;
                            }
                            // As the document writes it: a translator's tool matches the
                            // source file, not our normalised text.
                            tuv(w, &options.zh_lang, unit.zh_written.as_deref().unwrap_or(&unit.zh))?;
                            tuv(w, &options.en_lang, &unit.en)
                        })?;
                }
                Ok(())
            })?;
            Ok(())
        })?;
    w.get_mut().write_all(b"\n")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::export::tests::{sample, with_proposals};

    #[test]
    fn units_have_the_source_first_and_props() {
        let sentences = [SentenceUnit {
            id: "s-000-0001".into(),
            zh: "我们要弘扬“上海精神”。".into(),
            zh_written: None,
            en: "We should carry forward the \"Shanghai Spirit\" & more.".into(),
            document: "000.txt".into(),
            year: Some(2024),
            score: 0.9312,
            low_confidence: false,
            origin: crate::align::UnitOrigin::Alignment,
        }];
        let mut out = Vec::new();
        write(&sample(), &sentences, &mut out, &with_proposals()).unwrap();
        let xml = String::from_utf8(out).unwrap();
        assert!(xml.contains("<tmx version=\"1.4\">"));
        assert!(xml.contains("srclang=\"zh-CN\""));
        assert!(xml.contains("<prop type=\"x-align-score\">0.93</prop>"));
        assert!(xml.contains("&amp; more"));
        let zh = xml.find("<tuv xml:lang=\"zh-CN\">").unwrap();
        let en = xml.find("<tuv xml:lang=\"en-US\">").unwrap();
        assert!(zh < en);
        assert_eq!(xml.matches("<tu ").count(), 4);
    }

    #[test]
    fn a_sentence_goes_out_as_the_document_writes_it() {
        let sentences = [SentenceUnit {
            id: "s-1".into(),
            zh: "一年来，上海合作组织实现新发展。".into(),
            zh_written: Some("一年来,上海合作组织实现新发展。".into()),
            en: "Over the past year, the SCO has made new progress.".into(),
            document: "000.txt".into(),
            year: Some(2024),
            score: 0.9,
            low_confidence: false,
            origin: crate::align::UnitOrigin::Alignment,
        }];
        let mut out = Vec::new();
        write(&sample(), &sentences, &mut out, &with_proposals()).unwrap();
        let xml = String::from_utf8(out).unwrap();
        assert!(
            xml.contains("<seg>一年来,上海合作组织实现新发展。</seg>"),
            "{xml}"
        );
    }
}
