//! XLSX workbooks (and the other formats calamine reads: XLS, XLSB, ODS), read with calamine:
//! one sheet, by the same column rules as a CSV table. Without `--sheet`, a sheet named
//! `review` (the review sheet of `glossary export --format xlsx`) is read if there is one, else
//! the first sheet.

use std::path::Path;

use calamine::{Data, Reader, open_workbook_auto};

use super::{ImportError, ImportedTerm, table::terms_from_rows};
use crate::error::Result;

/// The review sheet's name: the sheet `glossary export --format xlsx` writes the candidates
/// to, and the one read when none is named and the workbook has it.
pub const REVIEW_SHEET: &str = "review";

/// Reads the pairs of the workbook at `path`.
pub fn read_workbook(
    path: &Path,
    sheet: Option<&str>,
    choice: &super::ColumnChoice,
) -> Result<Vec<ImportedTerm>> {
    let unreadable = |message: String| -> crate::error::Error {
        ImportError::Workbook {
            path: path.to_path_buf(),
            message,
        }
        .into()
    };
    let mut workbook = open_workbook_auto(path).map_err(|e| unreadable(e.to_string()))?;
    let names = workbook.sheet_names();
    let name = match sheet {
        Some(asked) => names
            .iter()
            .find(|n| n.as_str() == asked)
            .cloned()
            .ok_or_else(|| -> crate::error::Error {
                ImportError::NoSuchSheet {
                    path: path.to_path_buf(),
                    name: asked.to_string(),
                    sheets: names.clone(),
                }
                .into()
            })?,
        None => names
            .iter()
            .find(|n| n.as_str() == REVIEW_SHEET)
            .or_else(|| names.first())
            .cloned()
            .ok_or_else(|| unreadable("the workbook has no sheet".to_string()))?,
    };
    let range = workbook
        .worksheet_range(&name)
        .map_err(|e| unreadable(format!("sheet {name:?}: {e}")))?;
    // Row numbers as the spreadsheet shows them.
    let first_row = u64::from(range.start().map_or(0, |(row, _)| row)) + 1;
    let mut rows = range.rows().enumerate().map(|(i, row)| {
        (
            first_row + i as u64,
            row.iter().map(cell_text).collect::<Vec<_>>(),
        )
    });
    let Some((_, header)) = rows.find(|(_, row)| row.iter().any(|c| !c.trim().is_empty())) else {
        return Err(ImportError::Empty {
            path: path.to_path_buf(),
        }
        .into());
    };
    terms_from_rows(path, &header, rows.collect(), choice)
}

/// A cell as text: numbers without a needless `.0` (an id column of 7, not 7.0).
fn cell_text(cell: &Data) -> String {
    match cell {
        Data::Empty => String::new(),
        Data::Float(f) if f.fract() == 0.0 && f.abs() < 1e15 => format!("{}", *f as i64),
        other => other.to_string(),
    }
}
