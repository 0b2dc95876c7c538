//! `glossary/report.html`: one self-contained page (inline CSS, JavaScript and SVG, no network)
//! for reviewing the built glossary: an overview of usage by year, the searchable term table,
//! a panel per term, and the aligned pairs bead by bead.
//!
//! The page is rendered from the data of a build (merged glossary, contexts, aligned sentence
//! pairs, documents by year) embedded as JSON; the script draws only what is on screen (a page
//! of rows at a time), so a glossary of 100,000 entries stays responsive. The same build gives
//! the same bytes: no dates, fixed orders.

use std::collections::{BTreeMap, HashMap};

use serde::Serialize;

use crate::align::SentenceUnit;
use crate::align::propose::Usage;
use crate::extract::count::Context;
use crate::glossary::merged::{Glossary, Row};
use crate::lookup::pinyin_key;

/// Contexts embedded per term: enough to judge usage, without making the page heavy.
const CONTEXTS_PER_TERM: usize = 5;

const TEMPLATE: &str = include_str!("report.html");
const STYLE: &str = include_str!("report.css");
const SCRIPT: &str = include_str!("report.js");

/// What the page shows, as the script reads it.
#[derive(Debug, Serialize)]
struct Data<'a> {
    /// Chinese documents by year (`null`: no year), by year.
    docs_by_year: Vec<(Option<i32>, usize)>,
    entries: Vec<Entry<'a>>,
    pairs: Vec<PairDoc<'a>>,
}

/// One row of the merged glossary.
#[derive(Debug, Serialize)]
struct Entry<'a> {
    id: &'a str,
    zh: &'a str,
    /// Curated English, or the best proposal (then `proposed` is true), or empty.
    en: &'a str,
    proposed: bool,
    status: &'static str,
    /// A candidate's rank (1: the best); `null` for a curated row.
    rank: Option<u32>,
    #[serde(rename = "type")]
    kind: &'static str,
    total: u64,
    /// `[year, occurrences]`, by year (`null` last is never written: unknown years are left
    /// out of trends).
    by_year: Vec<(i32, u64)>,
    /// `[year, occurrences per 10,000 Chinese characters]`, by year (dated years only).
    rates: Vec<(i32, f64)>,
    first: Option<i32>,
    last: Option<i32>,
    /// Toneless pinyin, for search.
    py: String,
    variants: &'a [String],
    similar: &'a [String],
    contexts: Vec<ContextRow<'a>>,
    /// How the aligned translations render it.
    usage: Option<UsageDoc<'a>>,
    note: &'a str,
    definition: &'a str,
    context_zh: &'a str,
    context_en: &'a str,
}

/// A term's usage as the script reads it.
#[derive(Debug, Serialize)]
struct UsageDoc<'a> {
    /// `[English, count, share]`, most used first.
    renderings: Vec<(&'a str, u32, f64)>,
    /// `8 of 9 aligned, 6 pairs, 3 documents, 2019–2024`.
    evidence: String,
    proposed: bool,
    /// The preferred English is not among the renderings.
    unused: bool,
    /// `[[zh left, term, zh right], [en left, rendering, en right], document, year]`.
    examples: Vec<ExampleRow<'a>>,
}

/// An aligned example cut at its highlights (byte spans do not cross into the script, whose
/// strings count UTF-16 units).
type ExampleRow<'a> = ([&'a str; 3], [&'a str; 3], &'a str, Option<i32>);

/// A context as the script reads it: `[left, term, right, document, year, line]`.
type ContextRow<'a> = (&'a str, &'a str, &'a str, &'a str, Option<i32>, u32);

/// The aligned pairs of one document.
#[derive(Debug, Serialize)]
struct PairDoc<'a> {
    doc: &'a str,
    year: Option<i32>,
    /// `[Chinese, English, score, low confidence]`, in document order.
    beads: Vec<(&'a str, &'a str, f64, bool)>,
}

/// Renders the report.
pub fn render(
    merged: &Glossary,
    contexts: &HashMap<String, Vec<Context>>,
    sentences: &[SentenceUnit],
    docs_by_year: &BTreeMap<Option<i32>, usize>,
) -> String {
    let data = Data {
        docs_by_year: docs_by_year.iter().map(|(y, n)| (*y, *n)).collect(),
        entries: merged.rows.iter().map(|row| entry(row, contexts)).collect(),
        pairs: pair_docs(sentences),
    };
    // The data is most of the page (hundreds of MB for a large archive): it is written into
    // the page once, made script-safe on the way, not as a string copied by each replacement.
    let template = TEMPLATE
        .replace("/*STYLE*/", STYLE)
        .replace("/*SCRIPT*/", SCRIPT);
    let (before, after) = template
        .split_once("/*DATA*/")
        .expect("the template has a data slot");
    // Measured first, then written into one allocation: a page grown by doubling held its old
    // buffer and one twice as long at once, hundreds of MB at the end of a large build.
    let mut length = ScriptSafe(Length(0));
    serde_json::to_writer(&mut length, &data).expect("report data serialises");
    let size = before.len() + length.0.0 + after.len();
    let mut page = ScriptSafe(Vec::with_capacity(size));
    page.0.extend_from_slice(before.as_bytes());
    serde_json::to_writer(&mut page, &data).expect("report data serialises");
    let mut page = page.0;
    page.extend_from_slice(after.as_bytes());
    debug_assert_eq!(page.len(), size, "the page was measured exactly");
    String::from_utf8(page).expect("JSON and the template are UTF-8")
}

fn entry<'a>(row: &'a Row, contexts: &'a HashMap<String, Vec<Context>>) -> Entry<'a> {
    let (en, proposed) = match row.proposal() {
        Some(p) if row.en.is_empty() => (p.en.as_str(), true),
        _ => (row.en.as_str(), false),
    };
    Entry {
        id: &row.id,
        zh: &row.zh,
        en,
        proposed,
        status: row.status().name(),
        rank: row.rank,
        kind: row.kind.map_or("", |k| k.name()),
        total: row.total,
        by_year: row
            .by_year
            .iter()
            .filter_map(|(y, n)| y.map(|y| (y, *n)))
            .collect(),
        rates: row
            .rate_by_year
            .iter()
            .filter_map(|(y, r)| y.map(|y| (y, *r)))
            .collect(),
        first: row.first_year,
        last: row.last_year,
        py: pinyin_key(&row.zh).unwrap_or_default(),
        variants: &row.variants,
        similar: &row.similar_to,
        contexts: contexts
            .get(&row.zh)
            .map(|cs| {
                cs.iter()
                    .take(CONTEXTS_PER_TERM)
                    .map(|c| {
                        (
                            c.left.as_str(),
                            c.term.as_str(),
                            c.right.as_str(),
                            c.doc.as_str(),
                            c.year,
                            c.line,
                        )
                    })
                    .collect()
            })
            .unwrap_or_default(),
        usage: row
            .usage
            .as_ref()
            .map(|u| usage_doc(u, row.unused_by_translations())),
        note: &row.note,
        definition: &row.definition,
        context_zh: &row.context_zh,
        context_en: &row.context_en,
    }
}

fn usage_doc(usage: &Usage, unused: bool) -> UsageDoc<'_> {
    UsageDoc {
        renderings: usage
            .renderings
            .iter()
            .map(|r| (r.en.as_str(), r.count, round2(usage.share(r))))
            .collect(),
        evidence: usage.evidence(),
        proposed: usage.proposed,
        unused,
        examples: usage
            .examples
            .iter()
            .map(|x| (x.zh_parts(), x.en_parts(), x.document.as_str(), x.year))
            .collect(),
    }
}

/// Sentence pairs grouped by document, in the memory's order.
fn pair_docs(sentences: &[SentenceUnit]) -> Vec<PairDoc<'_>> {
    let mut out: Vec<PairDoc> = Vec::new();
    for unit in sentences {
        if out.last().is_none_or(|d| d.doc != unit.document) {
            out.push(PairDoc {
                doc: &unit.document,
                year: unit.year,
                beads: Vec::new(),
            });
        }
        let doc = out.last_mut().expect("pushed above");
        doc.beads
            .push((&unit.zh, &unit.en, round2(unit.score), unit.low_confidence));
    }
    out
}

fn round2(x: f64) -> f64 {
    (x * 100.0).round() / 100.0
}

/// Where script-safe JSON goes: the page's bytes, or only their count.
trait Sink {
    fn put(&mut self, bytes: &[u8]);
}

impl Sink for Vec<u8> {
    fn put(&mut self, bytes: &[u8]) {
        self.extend_from_slice(bytes);
    }
}

/// The number of bytes a page will hold, to allocate it once.
struct Length(usize);

impl Sink for Length {
    fn put(&mut self, bytes: &[u8]) {
        self.0 += bytes.len();
    }
}

/// JSON written into a page so that it cannot end the script it stands in: `<` (as in
/// `</script>` or `<!--`) and the line separators JavaScript once refused are escaped.
/// serde_json writes a string's text in pieces cut at the characters it escapes, which are
/// ASCII: a piece never splits a character.
struct ScriptSafe<S: Sink>(S);

impl<S: Sink> std::io::Write for ScriptSafe<S> {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        let mut rest = bytes;
        while let Some(at) = unsafe_at(rest) {
            self.0.put(&rest[..at]);
            if rest[at] == b'<' {
                self.0.put(b"\\u003c");
                rest = &rest[at + 1..];
            } else {
                let escaped: &[u8] = if rest[at + 2] == 0xA8 {
                    b"\\u2028"
                } else {
                    b"\\u2029"
                };
                self.0.put(escaped);
                rest = &rest[at + 3..];
            }
        }
        self.0.put(rest);
        Ok(bytes.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// Where `<`, U+2028 or U+2029 (`E2 80 A8`, `E2 80 A9` in UTF-8) first stands in `bytes`.
fn unsafe_at(bytes: &[u8]) -> Option<usize> {
    bytes.iter().enumerate().position(|(i, &b)| {
        b == b'<'
            || (b == 0xE2
                && bytes
                    .get(i + 1..i + 3)
                    .is_some_and(|t| t == [0x80, 0xA8] || t == [0x80, 0xA9]))
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::export::tests::sample;

    #[test]
    fn the_page_is_self_contained_and_its_data_cannot_break_out() {
        let mut merged = sample();
        merged.rows[0].note = "</script><script>alert(1)</script> <!--\u{2028}\u{2029}".into();
        let html = render(
            &merged,
            &HashMap::new(),
            &[],
            &BTreeMap::from([(Some(2024), 3)]),
        );
        assert!(html.starts_with("<!DOCTYPE html>"));
        assert_eq!(
            html.matches("</script>").count(),
            2,
            "the data and the script"
        );
        // The SVG namespace is a name, not a request.
        let without_namespace = html.replace("http://www.w3.org/2000/svg", "");
        for external in ["http://", "https://", "src=\"", "href=\"http"] {
            assert!(!without_namespace.contains(external), "{external}");
        }
        let start = html.find("id=\"data\">").unwrap() + "id=\"data\">".len();
        let end = start + html[start..].find("</script>").unwrap();
        let data: serde_json::Value = serde_json::from_str(&html[start..end]).unwrap();
        assert_eq!(data["entries"][0]["zh"], "上海合作组织");
        assert_eq!(
            data["entries"][0]["note"],
            "</script><script>alert(1)</script> <!--\u{2028}\u{2029}"
        );
        assert!(!html.contains('\u{2028}') && html.contains("!--\\u2028\\u2029"));
        // A candidate shows its best proposal, marked as such.
        assert_eq!(data["entries"][3]["en"], "=small yard, high fence");
        assert_eq!(data["entries"][3]["proposed"], true);
    }

    #[test]
    fn the_same_data_gives_the_same_bytes() {
        let a = render(&sample(), &HashMap::new(), &[], &BTreeMap::new());
        let b = render(&sample(), &HashMap::new(), &[], &BTreeMap::new());
        assert_eq!(a, b);
    }
}
