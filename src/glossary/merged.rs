//! `glossary/glossary.csv`: the merged glossary a build writes.
//!
//! One row per zh/en pair, as in the curated file, so that rows with the same `id` form one
//! concept: every curated row (with the corpus counts of its Chinese term, zero when the corpus
//! lacks it), then every candidate the corpus brought that nobody has curated (status
//! `candidate`, English empty), best first with their `rank` and `score`. English the aligned
//! translations carry is in `proposed_en`, English composed from curated parts in
//! `composed_en`; neither is approved. Variants found in the corpus are listed under their
//! concept, and candidates that look like a curated term (string similarity) say which in
//! `similar_to`.
//!
//! Same inputs, same bytes: scores are written with fixed decimals and ties broken by the text,
//! so `git diff` on it shows what new documents brought.

use std::collections::BTreeMap;
use std::path::Path;

use serde::{Deserialize, Serialize};

use super::Status;
use super::link::Composition;
use crate::align::propose::{Rendering, Usage};
use crate::error::{Error, Result};
use crate::extract::classify::TermType;
use crate::extract::count::Context;
use crate::fsutil;
use crate::year;

/// The status of a merged row: a curated status, or `candidate`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum RowStatus {
    /// From the curated glossary, with this status.
    Curated(Status),
    /// Extracted from the corpus, not curated yet.
    Candidate,
}

impl RowStatus {
    /// The name written in the status column.
    pub fn name(self) -> &'static str {
        match self {
            RowStatus::Curated(s) => s.name(),
            RowStatus::Candidate => "candidate",
        }
    }

    fn parse(s: &str) -> Option<RowStatus> {
        if s == "candidate" {
            Some(RowStatus::Candidate)
        } else {
            Status::parse(s).map(RowStatus::Curated)
        }
    }

    /// Whether this row's English may go to exports (curated and not rejected).
    pub fn exportable(self) -> bool {
        matches!(self, RowStatus::Curated(s) if s != Status::Rejected)
    }
}

/// One row of the merged glossary.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct Row {
    /// Concept id (curated, or `x` + a hash of the candidate group's first form).
    pub id: String,
    /// Chinese term.
    pub zh: String,
    /// English term (empty for a candidate).
    pub en: String,
    /// Curated status or `candidate`.
    pub status: Option<RowStatus>,
    /// A candidate's place in the ranking, 1 for the best.
    pub rank: Option<u32>,
    /// A candidate's ranking score (written with four decimals).
    pub score: Option<f64>,
    /// Kind of term.
    pub kind: Option<TermType>,
    /// Part of speech (curated).
    pub pos: String,
    /// TBX term type (curated).
    pub term_type: String,
    /// Subject field (curated).
    pub subject: String,
    /// Definition (curated).
    pub definition: String,
    /// Chinese context (curated).
    pub context_zh: String,
    /// English context (curated).
    pub context_en: String,
    /// Note (curated).
    pub note: String,
    /// Source (curated).
    pub source: String,
    /// Date (curated).
    pub date: String,
    /// Other Chinese forms of the concept found in the corpus or listed in the curated file.
    pub variants: Vec<String>,
    /// Curated terms this candidate looks like (string similarity).
    pub similar_to: Vec<String>,
    /// Occurrences in the corpus.
    pub total: u64,
    /// Occurrences not inside a longer term.
    pub standalone: u64,
    /// Documents it occurs in.
    pub docs: u32,
    /// Occurrences by year (`None`: documents without a year).
    pub by_year: BTreeMap<Option<i32>, u64>,
    /// Occurrences per 10,000 Chinese characters of each year's documents.
    pub rate_by_year: year::RateByYear,
    /// First year it occurs in.
    pub first_year: Option<i32>,
    /// Last year it occurs in.
    pub last_year: Option<i32>,
    /// The first context of the term in the corpus.
    pub corpus_context: Option<Context>,
    /// How the aligned translations of the corpus render the Chinese term (for a candidate,
    /// the English proposed from them when the evidence carries it).
    pub usage: Option<Usage>,
    /// English composed from the curated English of the candidate's parts (a suggestion,
    /// never approved).
    pub composed: Option<Composition>,
}

impl Row {
    /// The status, `candidate` when unset.
    pub fn status(&self) -> RowStatus {
        self.status.unwrap_or(RowStatus::Candidate)
    }

    /// The English proposed for a candidate from the aligned translations.
    pub fn proposal(&self) -> Option<&Rendering> {
        self.usage.as_ref()?.proposal()
    }

    /// Whether this is a preferred curated rendering that the corpus's aligned translations do
    /// not use (among their most used renderings, over at least two aligned occurrences): an
    /// approved entry to look at again.
    pub fn unused_by_translations(&self) -> bool {
        self.status == Some(RowStatus::Curated(Status::Preferred))
            && self
                .usage
                .as_ref()
                .is_some_and(|u| u.aligned >= 2 && !u.uses(&self.en))
    }
}

/// The merged glossary.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Glossary {
    /// Its rows: curated rows in their order, then candidates by their Chinese.
    pub rows: Vec<Row>,
}

/// One row of a glossary as a build compares it with the last ([`Glossary::read_totals`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RowTotal {
    /// The Chinese term.
    pub zh: String,
    /// Whether the row is a candidate.
    pub candidate: bool,
    /// Its occurrences.
    pub total: u64,
}

/// The error for a file at `path` that is not a merged glossary, at a line and why.
fn not_a_glossary(path: &Path) -> impl Fn(Option<u64>, String) -> Error + '_ {
    move |line, what| Error::NotAGlossary {
        path: path.to_path_buf(),
        line,
        what,
    }
}

/// The columns of `glossary.csv`.
pub const COLUMNS: [&str; 32] = [
    "id",
    "zh",
    "en",
    "status",
    "rank",
    "score",
    "type",
    "pos",
    "term_type",
    "subject",
    "definition",
    "context_zh",
    "context_en",
    "note",
    "source",
    "date",
    "variants",
    "similar_to",
    "total",
    "standalone",
    "docs",
    "first_year",
    "last_year",
    "by_year",
    "rate_by_year",
    "corpus_context",
    "proposed_en",
    "composed_en",
    "composed_from",
    "corpus_usage",
    "usage_evidence",
    "usage_check",
];

/// Separator of list cells (variants, similar_to, proposals).
const LIST: &str = " | ";

/// Separator of the parts in `composed_from`.
const COMPOSED_FROM: &str = " + ";

/// The composition of the `composed_en` and `composed_from` cells (`None` when empty).
fn composed(en: &str, from: &str) -> Option<Composition> {
    (!en.is_empty()).then(|| Composition {
        en: en.to_string(),
        parts: from.split(COMPOSED_FROM).map(str::to_string).collect(),
    })
}

fn year(y: Option<i32>) -> String {
    y.map(|y| y.to_string()).unwrap_or_default()
}

/// The `corpus_context` cell: `left【term】right (document, year)`, as a reader expects it,
/// and read back exactly whatever the text and the document's name hold.
///
/// - In the text (left, term, right), `【`, `】` and `\` are escaped with a `\`, so the
///   brackets around the term are the only bare ones.
/// - The document's name stands bare unless a reader could not tell where it begins or ends:
///   a name holding `(`, `)`, `,`, `"`, `\`, `【`, `】`, or blank at an edge (or empty) is
///   quoted with `"`, a `"` inside doubled (`("speech (1), final.txt", 2024)`).
/// - The year follows after `, ` when the document has one.
///
/// So the source is found from the end of the cell: a bare name holds no `(`, and a quoted
/// name ends at the first unpaired `"` from its end.
mod context {
    use crate::extract::count::Context;

    const ESCAPED: [char; 3] = ['【', '】', '\\'];

    fn escape(text: &str, out: &mut String) {
        for c in text.chars() {
            if ESCAPED.contains(&c) {
                out.push('\\');
            }
            out.push(c);
        }
    }

    fn needs_quotes(doc: &str) -> bool {
        doc.is_empty() || doc.trim() != doc || doc.contains(['(', ')', ',', '"', '\\', '【', '】'])
    }

    /// The cell of a context.
    pub(super) fn format(c: &Context) -> String {
        let mut out = String::new();
        escape(&c.left, &mut out);
        out.push('【');
        escape(&c.term, &mut out);
        out.push('】');
        escape(&c.right, &mut out);
        out.push_str(" (");
        if needs_quotes(&c.doc) {
            out.push('"');
            out.push_str(&c.doc.replace('"', "\"\""));
            out.push('"');
        } else {
            out.push_str(&c.doc);
        }
        if let Some(year) = c.year {
            out.push_str(&format!(", {year}"));
        }
        out.push(')');
        out
    }

    /// Reads a cell written by [`format`]; the line, which the cell does not hold, is 0.
    pub(super) fn parse(cell: &str) -> Option<Context> {
        let inner = cell.strip_suffix(')')?;
        let (source_start, doc, year) = source(inner)?;
        let text = inner[..source_start].strip_suffix(" (")?;
        let (left, term, right) = text_parts(text)?;
        Some(Context {
            left,
            term,
            right,
            doc,
            year,
            line: 0,
        })
    }

    /// The document and year at the end of `inner` (the cell without its last `)`), and
    /// where they begin.
    fn source(inner: &str) -> Option<(usize, String, Option<i32>)> {
        let (rest, year) = match inner.rsplit_once(", ") {
            Some((rest, y))
                if !y.is_empty()
                    && y.trim_start_matches('-')
                        .chars()
                        .all(|c| c.is_ascii_digit())
                    && (rest.ends_with('"') || !rest[rest.rfind('(')?..].contains('"')) =>
            {
                (rest, Some(y.parse().ok()?))
            }
            _ => (inner, None),
        };
        match rest.strip_suffix('"') {
            Some(quoted) => {
                let open = opening_quote(quoted)?;
                let doc = quoted[open + 1..].replace("\"\"", "\"");
                Some((open, doc, year))
            }
            None => {
                let open = rest.rfind('(')?;
                Some((open + 1, rest[open + 1..].to_string(), year))
            }
        }
    }

    /// The byte index of the `"` that opens a quoted name ending at the end of `quoted`
    /// (its closing quote removed): the first `"` from the end not paired with the one
    /// before it.
    fn opening_quote(quoted: &str) -> Option<usize> {
        let bytes = quoted.as_bytes();
        let mut i = bytes.len();
        while i > 0 {
            i -= 1;
            if bytes[i] == b'"' {
                if i > 0 && bytes[i - 1] == b'"' {
                    i -= 1;
                } else {
                    return Some(i);
                }
            }
        }
        None
    }

    /// Left, term and right of the escaped text.
    fn text_parts(text: &str) -> Option<(String, String, String)> {
        let mut parts = [String::new(), String::new(), String::new()];
        let mut part = 0;
        let mut chars = text.chars();
        while let Some(c) = chars.next() {
            match c {
                '\\' => parts[part].push(chars.next()?),
                '【' if part == 0 => part = 1,
                '】' if part == 1 => part = 2,
                '【' | '】' => return None,
                c => parts[part].push(c),
            }
        }
        let [left, term, right] = parts;
        (part == 2).then_some((left, term, right))
    }
}

/// The cells of a term's usage by the aligned translations:
/// - `corpus_usage`: `three evil forces 5 (62%) | three forces 3 (38%)`, the renderings most
///   used first with their count and share (a rendering never holds a `|` token: see
///   [`crate::align::phrases`]);
/// - `usage_evidence`: [`Usage::evidence`], `8 of 9 aligned, 6 pairs, 3 documents, 2019–2024`;
/// - `proposed_en`: the first rendering when it is proposed, else empty.
mod usage {
    use crate::align::propose::{Rendering, Usage};

    /// The `usage_check` of a preferred rendering the translations do not use.
    pub const UNUSED: &str = "preferred rendering unused by the aligned translations";

    pub fn format_renderings(usage: &Usage) -> String {
        usage.summary().replace("; ", super::LIST)
    }

    /// The usage of the three cells; `None` when they are empty.
    pub fn parse(
        proposed: &str,
        renderings: &str,
        evidence: &str,
    ) -> Result<Option<Usage>, String> {
        if evidence.is_empty() {
            return Ok(None);
        }
        let renderings = if renderings.is_empty() {
            Vec::new()
        } else {
            renderings
                .split(super::LIST)
                .map(|cell| {
                    parse_rendering(cell).ok_or_else(|| {
                        format!("column corpus_usage: {cell:?} is not ENGLISH COUNT (SHARE%)")
                    })
                })
                .collect::<Result<Vec<_>, _>>()?
        };
        let bad = || format!("column usage_evidence: {evidence:?} is not N of M aligned, …");
        let mut parts = evidence.split(", ");
        let (aligned, occurrences) = parts
            .next()
            .and_then(|p| p.strip_suffix(" aligned"))
            .and_then(|p| p.split_once(" of "))
            .and_then(|(a, o)| Some((a.parse().ok()?, o.parse().ok()?)))
            .ok_or_else(bad)?;
        let mut count = |one: &str, many: &str| -> Option<u32> {
            let part = parts.next()?;
            let n = part.strip_suffix(many).or_else(|| part.strip_suffix(one))?;
            n.trim_end().parse().ok()
        };
        let pairs = count(" pair", " pairs").ok_or_else(bad)?;
        let documents = count(" document", " documents").ok_or_else(bad)?;
        let years = match parts.next() {
            None => None,
            Some(p) => {
                let (first, last) = p.split_once('–').unwrap_or((p, p));
                Some((
                    first.parse().map_err(|_| bad())?,
                    last.parse().map_err(|_| bad())?,
                ))
            }
        };
        if !proposed.is_empty() && renderings.first().is_none_or(|r| r.en != proposed) {
            return Err(format!(
                "column proposed_en: {proposed:?} is not the first rendering of corpus_usage"
            ));
        }
        Ok(Some(Usage {
            renderings,
            occurrences,
            aligned,
            pairs,
            documents,
            years,
            proposed: !proposed.is_empty(),
            examples: Vec::new(),
        }))
    }

    /// `three evil forces 5 (62%)`.
    fn parse_rendering(cell: &str) -> Option<Rendering> {
        let head = cell.strip_suffix("%)")?.rsplit_once(" (")?.0;
        let (en, count) = head.rsplit_once(' ')?;
        Some(Rendering {
            en: en.to_string(),
            count: count.parse().ok()?,
        })
    }
}

impl Glossary {
    /// The file: UTF-8 without BOM, LF, the columns of [`COLUMNS`].
    pub fn to_csv(&self) -> String {
        let mut writer = csv::WriterBuilder::new()
            .terminator(csv::Terminator::Any(b'\n'))
            .from_writer(Vec::new());
        writer.write_record(COLUMNS).expect("writing to memory");
        for r in &self.rows {
            writer
                .write_record([
                    r.id.as_str(),
                    &r.zh,
                    &r.en,
                    r.status().name(),
                    &r.rank.map(|n| n.to_string()).unwrap_or_default(),
                    &r.score.map(|s| format!("{s:.4}")).unwrap_or_default(),
                    r.kind.map_or("", TermType::name),
                    &r.pos,
                    &r.term_type,
                    &r.subject,
                    &r.definition,
                    &r.context_zh,
                    &r.context_en,
                    &r.note,
                    &r.source,
                    &r.date,
                    &r.variants.join(LIST),
                    &r.similar_to.join(LIST),
                    &r.total.to_string(),
                    &r.standalone.to_string(),
                    &r.docs.to_string(),
                    &year(r.first_year),
                    &year(r.last_year),
                    &year::format_counts(&r.by_year),
                    &year::format_rates(&r.rate_by_year),
                    &r.corpus_context
                        .as_ref()
                        .map(context::format)
                        .unwrap_or_default(),
                    r.proposal().map_or("", |p| p.en.as_str()),
                    r.composed.as_ref().map_or("", |c| c.en.as_str()),
                    &r.composed
                        .as_ref()
                        .map(|c| c.parts.join(COMPOSED_FROM))
                        .unwrap_or_default(),
                    &r.usage
                        .as_ref()
                        .map(usage::format_renderings)
                        .unwrap_or_default(),
                    &r.usage.as_ref().map(Usage::evidence).unwrap_or_default(),
                    if r.unused_by_translations() {
                        usage::UNUSED
                    } else {
                        ""
                    },
                ])
                .expect("writing to memory");
        }
        String::from_utf8(writer.into_inner().expect("writing to memory"))
            .expect("cells are strings")
    }

    /// Writes the file atomically.
    pub fn save(&self, path: &Path) -> Result<()> {
        fsutil::write_bytes_atomic(path, self.to_csv().as_bytes())
    }

    /// What a build compares with the glossary the last one left: each row's term, status and
    /// total, read one record at a time. A large glossary is hundreds of MB once parsed whole,
    /// and a rebuild reached its peak holding one beside the new.
    pub fn read_totals(path: &Path) -> Result<Vec<RowTotal>> {
        let bad = not_a_glossary(path);
        let mut reader = csv::Reader::from_path(path).map_err(|e| match e.into_kind() {
            csv::ErrorKind::Io(e) => Error::read(path, e),
            other => bad(None, format!("{other:?}")),
        })?;
        let header = reader
            .headers()
            .map_err(|e| bad(Some(1), e.to_string()))?
            .clone();
        let col = |name: &str| {
            header
                .iter()
                .position(|h| h == name)
                .ok_or_else(|| bad(Some(1), format!("no column {name}: not a merged glossary")))
        };
        let (zh, status, total) = (col("zh")?, col("status")?, col("total")?);
        let mut rows = Vec::new();
        for record in reader.records() {
            let record = record.map_err(|e| bad(e.position().map(|p| p.line()), e.to_string()))?;
            let line = record.position().map(|p| p.line());
            let cell = |c: usize| record.get(c).unwrap_or("");
            let status = RowStatus::parse(cell(status)).ok_or_else(|| {
                bad(
                    line,
                    format!("column status: {:?} is not a status", cell(status)),
                )
            })?;
            let total = match cell(total) {
                "" => 0,
                c => c
                    .parse()
                    .map_err(|_| bad(line, format!("column total: {c:?} is not a number")))?,
            };
            rows.push(RowTotal {
                zh: cell(zh).to_string(),
                candidate: status == RowStatus::Candidate,
                total,
            });
        }
        Ok(rows)
    }

    /// Reads a merged glossary written by [`Glossary::save`].
    pub fn read(path: &Path) -> Result<Glossary> {
        let bytes = std::fs::read(path).map_err(|e| Error::read(path, e))?;
        let bad = not_a_glossary(path);
        let text = std::str::from_utf8(&bytes).map_err(|_| bad(None, "not UTF-8".to_string()))?;
        let mut reader = csv::Reader::from_reader(text.as_bytes());
        let header = reader
            .headers()
            .map_err(|e| bad(Some(1), e.to_string()))?
            .clone();
        let col = |name: &str| header.iter().position(|h| h == name);
        let missing: Vec<&str> = COLUMNS
            .iter()
            .copied()
            .filter(|c| col(c).is_none())
            .collect();
        if !missing.is_empty() {
            return Err(bad(
                Some(1),
                format!("no column {}: not a merged glossary", missing.join(", ")),
            ));
        }
        let mut lines = crate::table::LineCounter::default();
        let mut rows = Vec::new();
        for record in reader.records() {
            let record = record
                .map_err(|e| bad(e.position().map(|p| lines.line_of(text, p)), e.to_string()))?;
            let line = record.position().map(|p| lines.line_of(text, p));
            let cell = |name: &str| col(name).and_then(|c| record.get(c)).unwrap_or("");
            let list = |name: &str| -> Vec<String> {
                cell(name)
                    .split(LIST)
                    .filter(|s| !s.is_empty())
                    .map(str::to_string)
                    .collect()
            };
            let number = |name: &str| -> Result<u64> {
                let c = cell(name);
                if c.is_empty() {
                    return Ok(0);
                }
                c.parse()
                    .map_err(|_| bad(line, format!("column {name}: {c:?} is not a number")))
            };
            let opt_year = |name: &str| cell(name).parse().ok();
            let status = RowStatus::parse(cell("status")).ok_or_else(|| {
                bad(
                    line,
                    format!("column status: {:?} is not a status", cell("status")),
                )
            })?;
            let usage = usage::parse(
                cell("proposed_en"),
                cell("corpus_usage"),
                cell("usage_evidence"),
            )
            .map_err(|what| bad(line, what))?;
            let optional = |name: &str| -> Result<Option<f64>> {
                match cell(name) {
                    "" => Ok(None),
                    c => c
                        .parse()
                        .map(Some)
                        .map_err(|_| bad(line, format!("column {name}: {c:?} is not a number"))),
                }
            };
            rows.push(Row {
                id: cell("id").to_string(),
                zh: cell("zh").to_string(),
                en: cell("en").to_string(),
                status: Some(status),
                rank: optional("rank")?.map(|n| n as u32),
                score: optional("score")?,
                kind: TermType::parse(cell("type")),
                pos: cell("pos").to_string(),
                term_type: cell("term_type").to_string(),
                subject: cell("subject").to_string(),
                definition: cell("definition").to_string(),
                context_zh: cell("context_zh").to_string(),
                context_en: cell("context_en").to_string(),
                note: cell("note").to_string(),
                source: cell("source").to_string(),
                date: cell("date").to_string(),
                variants: list("variants"),
                similar_to: list("similar_to"),
                total: number("total")?,
                standalone: number("standalone")?,
                docs: number("docs")? as u32,
                first_year: opt_year("first_year"),
                last_year: opt_year("last_year"),
                by_year: year::parse_counts(cell("by_year")).ok_or_else(|| {
                    bad(
                        line,
                        format!("column by_year: {:?} is not YEAR:COUNT …", cell("by_year")),
                    )
                })?,
                rate_by_year: year::parse_rates(cell("rate_by_year")).ok_or_else(|| {
                    bad(
                        line,
                        format!(
                            "column rate_by_year: {:?} is not YEAR:RATE …",
                            cell("rate_by_year")
                        ),
                    )
                })?,
                corpus_context: match cell("corpus_context") {
                    "" => None,
                    text => Some(context::parse(text).ok_or_else(|| {
                        bad(
                            line,
                            format!(
                                "column corpus_context: {:?} is not left【term】right (document, year)",
                                crate::table::shown(text)
                            ),
                        )
                    })?),
                },
                usage,
                composed: composed(cell("composed_en"), cell("composed_from")),
            });
        }
        Ok(Glossary { rows })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn sample() -> Glossary {
        Glossary {
            rows: vec![
                Row {
                    id: "c0001".into(),
                    zh: "上海精神".into(),
                    en: "Shanghai Spirit".into(),
                    status: Some(RowStatus::Curated(Status::Preferred)),
                    kind: Some(TermType::Phrase),
                    note: "Capitalise, \"Spirit\" too".into(),
                    total: 37,
                    standalone: 37,
                    docs: 5,
                    by_year: BTreeMap::from([(Some(2014), 1), (Some(2021), 3), (Some(2024), 33)]),
                    first_year: Some(2014),
                    last_year: Some(2024),
                    corpus_context: Some(Context {
                        left: "弘扬".into(),
                        term: "上海精神".into(),
                        right: String::new(),
                        doc: "000.txt".into(),
                        year: Some(2024),
                        line: 0,
                    }),
                    ..Row::default()
                },
                Row {
                    id: "x0123456789ab".into(),
                    zh: "小院高墙".into(),
                    status: Some(RowStatus::Candidate),
                    variants: vec!["小院".into(), "高墙".into()],
                    by_year: BTreeMap::from([(None, 2), (Some(2024), 1)]),
                    usage: Some(Usage {
                        renderings: vec![
                            Rendering {
                                en: "small yard, high fence".into(),
                                count: 3,
                            },
                            Rendering {
                                en: "small yard".into(),
                                count: 1,
                            },
                        ],
                        occurrences: 5,
                        aligned: 4,
                        pairs: 4,
                        documents: 2,
                        years: Some((2023, 2024)),
                        proposed: true,
                        examples: Vec::new(),
                    }),
                    composed: Some(Composition {
                        en: "SCO small yard".into(),
                        parts: vec!["上合组织".into(), "小院".into()],
                    }),
                    ..Row::default()
                },
            ],
        }
    }

    /// [`sample`] saved as a glossary.csv in a folder of its own.
    fn saved_sample() -> (tempfile::TempDir, std::path::PathBuf, Glossary) {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("glossary.csv");
        let merged = sample();
        merged.save(&path).unwrap();
        (dir, path, merged)
    }

    #[test]
    fn round_trips_through_its_csv() {
        let (_dir, path, merged) = saved_sample();
        assert_eq!(Glossary::read(&path).unwrap(), merged);
        let text = std::fs::read_to_string(&path).unwrap();
        assert!(text.contains(",candidate,"));
        assert!(text.contains("2014:1 2021:3 2024:33"));
        assert!(text.contains("2024:1 unknown:2"));
        assert!(text.contains(",\"弘扬【上海精神】 (000.txt, 2024)\","));
    }

    #[test]
    fn each_row_s_term_status_and_total_read_back_alone() {
        let (_dir, path, _) = saved_sample();
        let totals: Vec<(String, bool, u64)> = Glossary::read_totals(&path)
            .unwrap()
            .into_iter()
            .map(|r| (r.zh, r.candidate, r.total))
            .collect();
        assert_eq!(
            totals,
            [
                ("上海精神".to_string(), false, 37),
                ("小院高墙".to_string(), true, 0)
            ]
        );
        std::fs::write(&path, "zh,status\n上海精神,candidate\n").unwrap();
        assert!(matches!(
            Glossary::read_totals(&path),
            Err(Error::NotAGlossary { line: Some(1), .. })
        ));
    }

    #[test]
    fn a_context_cell_names_its_document_exactly() {
        let c = Context {
            left: "我们要坚持".into(),
            term: "上海精神".into(),
            right: "，深化合作".into(),
            doc: "speech (1), final.txt".into(),
            year: Some(2014),
            line: 0,
        };
        let cell = context::format(&c);
        assert_eq!(
            cell,
            "我们要坚持【上海精神】，深化合作 (\"speech (1), final.txt\", 2014)"
        );
        assert_eq!(context::parse(&cell), Some(c));
    }

    /// Text of every kind a context or a document name may hold: brackets of both kinds,
    /// commas, quotes, backslashes, CJK, emoji, digits that look like a year.
    fn hostile_text() -> impl Strategy<Value = String> {
        proptest::string::string_regex(r#"[a-z0-9 ,()"\\【】《》“”上海精神😀]{0,12}"#).unwrap()
    }

    proptest! {
        #[test]
        fn a_row_reads_back_as_it_was_written(
            left in hostile_text(),
            term in hostile_text(),
            right in hostile_text(),
            doc in hostile_text(),
            year in proptest::option::of(-3000i32..3000),
            en in hostile_text(),
            variants in proptest::collection::vec("[^|\\s][^|]{0,6}[^|\\s]", 0..3),
            by_year in proptest::collection::btree_map(proptest::option::of(1900i32..2100), 1u64..100, 0..4),
            pairs in 0u32..50,
            proposed: bool,
        ) {
            let merged = Glossary {
                rows: vec![Row {
                    id: "x0".into(),
                    zh: term.clone(),
                    en,
                    status: Some(RowStatus::Candidate),
                    variants,
                    by_year,
                    corpus_context: Some(Context { left, term, right, doc, year, line: 0 }),
                    usage: Some(Usage {
                        renderings: vec![Rendering { en: "a proposal".into(), count: pairs }],
                        occurrences: pairs + 1,
                        aligned: pairs,
                        pairs,
                        documents: 1,
                        years: year.map(|y| (y, y + 1)),
                        proposed,
                        examples: Vec::new(),
                    }),
                    ..Row::default()
                }],
            };
            let dir = tempfile::tempdir().unwrap();
            let path = dir.path().join("glossary.csv");
            merged.save(&path).unwrap();
            prop_assert_eq!(Glossary::read(&path).unwrap(), merged);
        }
    }

    #[test]
    fn a_file_of_another_kind_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("glossary.csv");
        std::fs::write(
            &path,
            "id,zh,en,status\nc1,上海精神,Shanghai Spirit,preferred\n",
        )
        .unwrap();
        let err = Glossary::read(&path).unwrap_err().to_string();
        assert!(err.contains("line 1: no column rank, score, type"), "{err}");
    }
}
