//! CSV for spreadsheets and CAT-tool import wizards.
//!
//! Header `zh-CN,en-US,note,definition,status,forbidden,part_of_speech,subject,source,concept_id`
//! (formats/README §4): the first three columns also read as OmegaT's source, target, comment;
//! one row per pair, `concept_id` grouping synonyms. UTF-8 **with** a BOM and CRLF line ends, so
//! that Excel on Windows opens Chinese correctly on a double click. A cell that begins with `=`,
//! `+`, `-` or `@` (or a tab or carriage return) gets a leading `'`, so that no spreadsheet runs
//! it as a formula (OWASP, CSV injection); TBX and TMX keep the text as it is.

use std::io::Write;

use super::{ExportOptions, Standing, pairs};
use crate::error::Result;
use crate::glossary::Status;
use crate::glossary::merged::Glossary;

/// Neutralises a cell a spreadsheet would take for a formula.
pub fn neutralize(cell: &str) -> std::borrow::Cow<'_, str> {
    if cell.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        std::borrow::Cow::Owned(format!("'{cell}"))
    } else {
        std::borrow::Cow::Borrowed(cell)
    }
}

/// Writes the export CSV.
pub fn write(merged: &Glossary, out: &mut dyn Write, options: &ExportOptions) -> Result<()> {
    out.write_all(b"\xEF\xBB\xBF")
        .map_err(crate::Error::from_io)?;
    let mut writer = ::csv::WriterBuilder::new()
        .terminator(::csv::Terminator::CRLF)
        .from_writer(out);
    let header = [
        options.zh_lang.as_str(),
        &options.en_lang,
        "note",
        "definition",
        "status",
        "forbidden",
        "part_of_speech",
        "subject",
        "source",
        "concept_id",
    ];
    writer
        .write_record(header)
        .map_err(crate::Error::from_csv)?;
    for pair in pairs(merged, options) {
        let row = pair.row;
        let note = match pair.standing.proposal_note() {
            Some(proposed) if row.note.is_empty() => proposed,
            Some(proposed) => format!("{}; {proposed}", row.note),
            None => row.note.clone(),
        };
        // Every row says what it is: a curated status, or `proposed` (with a note saying so).
        let status = pair.standing.name();
        let forbidden = pair.standing == Standing::Curated(Status::Deprecated);
        let cells = [
            row.zh.as_str(),
            pair.en,
            &note,
            &row.definition,
            status,
            if forbidden { "TRUE" } else { "FALSE" },
            &row.pos,
            &row.subject,
            &row.source,
            &row.id,
        ];
        writer
            .write_record(
                cells
                    .iter()
                    .map(|c| neutralize(c))
                    .collect::<Vec<_>>()
                    .iter()
                    .map(|c| c.as_bytes()),
            )
            .map_err(crate::Error::from_csv)?;
    }
    writer.flush().map_err(crate::Error::from_io)?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::export::tests::{sample, with_proposals};

    #[test]
    fn excel_ready_with_bom_crlf_and_no_formulas() {
        let mut out = Vec::new();
        write(&sample(), &mut out, &with_proposals()).unwrap();
        let text = String::from_utf8(out).unwrap();
        assert!(text.starts_with("\u{FEFF}zh-CN,en-US,note,definition,status,forbidden,"));
        assert!(text.contains("\r\n上合组织,SCO,"));
        assert!(
            text.contains("小院高墙,'=small yard, high fence")
                || text.contains("小院高墙,\"'=small yard, high fence\""),
            "{text}"
        );
        assert!(text.contains("proposed from aligned sentence pairs (3 of 3 aligned, 3 pairs, 1 document, 2024); not reviewed"), "{text}");
        assert_eq!(text.matches("\r\n").count(), 4, "header and three pairs");
        assert!(!text.contains("朋友圈"), "rejected terms stay out");
    }
}
