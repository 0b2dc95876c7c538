//! An XLSX workbook a reviewer works in, written with rust_xlsxwriter.
//!
//! - Sheet `glossary`: the curated rows, as in `curated.csv`.
//! - Sheet `review`: the candidates best first, with the English proposed by the aligned
//!   translations (or composed from curated parts) filled in, an empty `decision` column with a
//!   drop-down (accept, reject), the score, counts by year, the evidence, two keyword-in-context
//!   lines from different documents where there are (the lookup index's, given in
//!   [`ExportOptions::contexts`]; else glossary.csv's one), and one aligned example with its
//!   English.
//!
//! Every cell is written as a string or a number, never as a formula: a term that starts with
//! `=` stays text. The header row is frozen and filtered; Chinese cells use a CJK font (with
//! the GB2312 character set, so that a spreadsheet without it picks a Chinese fallback).
//! `glossary import` reads the review sheet back and applies the decisions.

use std::collections::{BTreeSet, HashMap};
use std::io::Write;

use rust_xlsxwriter::{DataValidation, Format, Workbook, Worksheet, XlsxError};

use super::ExportOptions;
use crate::error::{Error, Result};
use crate::extract::count::Context;
use crate::glossary::import::REVIEW_SHEET;
use crate::glossary::merged::{Glossary, Row, RowStatus};
use crate::year;

/// The columns of the glossary sheet.
const GLOSSARY_COLUMNS: &[(&str, f64)] = &[
    ("id", 8.0),
    ("zh", 22.0),
    ("en", 34.0),
    ("status", 11.0),
    ("pos", 10.0),
    ("subject", 20.0),
    ("definition", 40.0),
    ("note", 30.0),
    ("source", 24.0),
    ("date", 11.0),
    ("total", 7.0),
];

/// Writes the workbook.
pub fn write(merged: &Glossary, out: &mut dyn Write, options: &ExportOptions) -> Result<()> {
    let bytes =
        workbook(merged, &options.contexts).map_err(|e| Error::Output(std::io::Error::other(e)))?;
    out.write_all(&bytes).map_err(Error::Output)
}

struct Formats {
    header: Format,
    chinese: Format,
    wrapped: Format,
}

fn formats() -> Formats {
    let chinese = Format::new()
        .set_font_name("Microsoft YaHei")
        .set_font_charset(134);
    Formats {
        header: Format::new().set_bold().set_background_color("#DDE7F0"),
        wrapped: chinese.clone().set_text_wrap(),
        chinese,
    }
}

fn workbook(
    merged: &Glossary,
    contexts: &HashMap<String, Vec<Context>>,
) -> std::result::Result<Vec<u8>, XlsxError> {
    let formats = formats();
    let mut workbook = Workbook::new();
    glossary_sheet(workbook.add_worksheet(), merged, &formats)?;
    review_sheet(workbook.add_worksheet(), merged, contexts, &formats)?;
    workbook.save_to_buffer()
}

fn header(
    sheet: &mut Worksheet,
    columns: &[(String, f64)],
    formats: &Formats,
) -> std::result::Result<(), XlsxError> {
    for (c, (name, width)) in columns.iter().enumerate() {
        let c = c as u16;
        sheet.write_string_with_format(0, c, name, &formats.header)?;
        sheet.set_column_width(c, *width)?;
    }
    sheet.set_freeze_panes(1, 0)?;
    Ok(())
}

fn glossary_sheet(
    sheet: &mut Worksheet,
    merged: &Glossary,
    formats: &Formats,
) -> std::result::Result<(), XlsxError> {
    sheet.set_name("glossary")?;
    let columns: Vec<(String, f64)> = GLOSSARY_COLUMNS
        .iter()
        .map(|(n, w)| (n.to_string(), *w))
        .collect();
    header(sheet, &columns, formats)?;
    let curated = merged
        .rows
        .iter()
        .filter(|r| matches!(r.status, Some(RowStatus::Curated(_))));
    let mut last = 0u32;
    for (i, row) in curated.enumerate() {
        let r = i as u32 + 1;
        let status = row.status.map_or("", RowStatus::name);
        let cells = [
            &row.id,
            &row.zh,
            &row.en,
            &status.to_string(),
            &row.pos,
            &row.subject,
            &row.definition,
            &row.note,
            &row.source,
            &row.date,
        ];
        for (c, value) in cells.into_iter().enumerate() {
            match c {
                1 => sheet.write_string_with_format(r, c as u16, value, &formats.chinese)?,
                _ => sheet.write_string(r, c as u16, value)?,
            };
        }
        sheet.write_number(r, 10, row.total as f64)?;
        last = r;
    }
    sheet.autofilter(0, 0, last, GLOSSARY_COLUMNS.len() as u16 - 1)?;
    Ok(())
}

/// The English to pre-fill for a candidate: the translations' proposal, else the English
/// composed from curated parts.
fn proposed_english(row: &Row) -> String {
    row.proposal()
        .map(|p| p.en.clone())
        .or_else(|| row.composed.as_ref().map(|c| c.en.clone()))
        .unwrap_or_default()
}

/// A keyword-in-context line as a reviewer reads it: the term marked, then where it is from.
fn context_line(c: &Context) -> String {
    format!(
        "{}【{}】{}\n— {}, {}",
        c.left,
        c.term,
        c.right,
        c.doc,
        year::label(c.year)
    )
}

fn review_sheet(
    sheet: &mut Worksheet,
    merged: &Glossary,
    contexts: &HashMap<String, Vec<Context>>,
    formats: &Formats,
) -> std::result::Result<(), XlsxError> {
    sheet.set_name(REVIEW_SHEET)?;
    let candidates: Vec<&Row> = merged
        .rows
        .iter()
        .filter(|r| r.status == Some(RowStatus::Candidate))
        .collect();
    let years: Vec<Option<i32>> = candidates
        .iter()
        .flat_map(|r| r.by_year.keys().copied())
        .collect::<BTreeSet<_>>()
        .into_iter()
        .collect();
    let mut columns: Vec<(String, f64)> = [
        ("zh", 22.0),
        ("en", 30.0),
        ("status", 10.0),
        ("decision", 10.0),
        ("rank", 6.0),
        ("score", 7.0),
        ("type", 12.0),
        ("total", 7.0),
    ]
    .iter()
    .map(|(n, w)| (n.to_string(), *w))
    .collect();
    columns.extend(years.iter().map(|y| (year::label(*y).into_owned(), 7.0)));
    let tail = columns.len() as u16;
    columns.extend(
        [
            ("evidence", 28.0),
            ("context 1", 50.0),
            ("context 2", 50.0),
            ("aligned example", 60.0),
        ]
        .iter()
        .map(|(n, w)| (n.to_string(), *w)),
    );
    header(sheet, &columns, formats)?;
    for (i, row) in candidates.iter().enumerate() {
        let r = i as u32 + 1;
        sheet.write_string_with_format(r, 0, &row.zh, &formats.chinese)?;
        sheet.write_string(r, 1, proposed_english(row))?;
        let status = if row.proposal().is_some() || row.composed.is_some() {
            "proposed"
        } else {
            "candidate"
        };
        sheet.write_string(r, 2, status)?;
        if let Some(rank) = row.rank {
            sheet.write_number(r, 4, f64::from(rank))?;
        }
        if let Some(score) = row.score {
            sheet.write_number(r, 5, (score * 10_000.0).round() / 10_000.0)?;
        }
        sheet.write_string(r, 6, row.kind.map_or("", |k| k.name()))?;
        sheet.write_number(r, 7, row.total as f64)?;
        for (k, y) in years.iter().enumerate() {
            let n = row.by_year.get(y).copied().unwrap_or(0);
            sheet.write_number(r, 8 + k as u16, n as f64)?;
        }
        let evidence = row.usage.as_ref().map(|u| u.evidence()).unwrap_or_default();
        sheet.write_string(r, tail, evidence)?;
        // The index's contexts are spread over documents, one from each first.
        let more = contexts.get(&row.zh).map(Vec::as_slice).unwrap_or_default();
        let first = more.first().or(row.corpus_context.as_ref());
        for (k, context) in [first, more.get(1)].into_iter().enumerate() {
            let line = context.map(context_line).unwrap_or_default();
            sheet.write_string_with_format(r, tail + 1 + k as u16, line, &formats.wrapped)?;
        }
        let example = row
            .usage
            .as_ref()
            .and_then(|u| u.examples.first())
            .map(|e| format!("{}\n{}", e.zh, e.en))
            .unwrap_or_default();
        sheet.write_string_with_format(r, tail + 3, example, &formats.wrapped)?;
    }
    let last = candidates.len() as u32;
    if last > 0 {
        let decisions = DataValidation::new()
            .allow_list_strings(&["accept", "reject"])?
            .ignore_blank(true);
        sheet.add_data_validation(1, 3, last, 3, &decisions)?;
    }
    sheet.autofilter(0, 0, last, columns.len() as u16 - 1)?;
    Ok(())
}
