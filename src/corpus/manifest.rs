//! The optional `manifest.csv` of a corpus folder.
//!
//! Columns (any order, header required): `file` (path relative to the corpus folder), and any of
//! `year`, `title`, `lang`, `translation_of`. Other columns are ignored, so a manifest can carry
//! a team's own notes. An empty cell means "detect it from the text".
//!
//! A malformed file (no `file` column, broken quoting, not UTF-8) is an error. A bad value in one
//! row (a year that is not a number, a path outside the corpus, a file that does not exist) is a
//! [`Problem`] naming the line and column: the row is ignored and the rest of the corpus is read.

use std::collections::BTreeMap;
use std::path::{Component, Path};

use super::{Problem, Severity};
use crate::error::{Error, Result};
use crate::lang::Lang;

/// What the manifest says about one document.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Entry {
    /// The manifest line (1-based, header is line 1).
    pub line: u64,
    /// The year, overriding detection.
    pub year: Option<i32>,
    /// The title, overriding the first headline.
    pub title: Option<String>,
    /// The language, overriding detection.
    pub lang: Option<Lang>,
    /// The corpus path of the Chinese original this file translates.
    pub translation_of: Option<String>,
}

/// A parsed manifest: entries by corpus path (`/`-separated, relative to the corpus folder).
#[derive(Debug, Clone, Default)]
pub struct Manifest {
    /// Entries by document id.
    pub entries: BTreeMap<String, Entry>,
}

/// Reads the manifest at `path` for the corpus folder `root`; row-level problems are appended
/// to `problems`.
pub fn read(path: &Path, root: &Path, problems: &mut Vec<Problem>) -> Result<Manifest> {
    let bytes = std::fs::read(path).map_err(|e| Error::read(path, e))?;
    let body = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(&bytes);
    let text = std::str::from_utf8(body).map_err(|e| Error::Csv {
        path: path.to_path_buf(),
        line: Some(
            1 + body[..e.valid_up_to()]
                .iter()
                .filter(|&&c| c == b'\n')
                .count() as u64,
        ),
        message: "not valid UTF-8: save the manifest as CSV UTF-8".to_string(),
    })?;
    let mut reader = csv::ReaderBuilder::new()
        .flexible(false)
        .trim(csv::Trim::All)
        .from_reader(text.as_bytes());
    let headers = reader
        .headers()
        .map_err(|e| csv_error(path, text, &e))?
        .clone();
    let column = |name: &str| headers.iter().position(|h| h.eq_ignore_ascii_case(name));
    let Some(file_col) = column("file") else {
        return Err(Error::Csv {
            path: path.to_path_buf(),
            line: Some(1),
            message: format!(
                "no `file` column in the header (found: {}): the manifest needs at least `file,year`",
                headers.iter().collect::<Vec<_>>().join(",")
            ),
        });
    };
    let columns = Columns {
        file: file_col,
        year: column("year"),
        title: column("title"),
        lang: column("lang"),
        translation_of: column("translation_of"),
    };
    let mut manifest = Manifest::default();
    let mut lines = crate::table::LineCounter::default();
    for record in reader.records() {
        let record = record.map_err(|e| csv_error(path, text, &e))?;
        let line = record.position().map_or(0, |p| lines.line_of(text, p));
        let mut row = RowReader {
            path,
            line,
            problems: &mut *problems,
        };
        if let Some((id, entry)) = row.entry(&record, &columns, root) {
            if let Some(previous) = manifest.entries.get(&id) {
                row.problem(
                    "file",
                    format!(
                        "{id} is listed twice (also line {}); this row is ignored",
                        previous.line
                    ),
                );
                continue;
            }
            manifest.entries.insert(id, entry);
        }
    }
    Ok(manifest)
}

struct Columns {
    file: usize,
    year: Option<usize>,
    title: Option<usize>,
    lang: Option<usize>,
    translation_of: Option<usize>,
}

struct RowReader<'a> {
    path: &'a Path,
    line: u64,
    problems: &'a mut Vec<Problem>,
}

impl RowReader<'_> {
    fn problem(&mut self, column: &str, message: String) {
        self.problems.push(Problem {
            path: self.path.to_path_buf(),
            line: Some(self.line),
            severity: Severity::Error,
            message: format!("column {column}: {message}"),
        });
    }

    fn entry(
        &mut self,
        record: &csv::StringRecord,
        cols: &Columns,
        root: &Path,
    ) -> Option<(String, Entry)> {
        let cell = |idx: Option<usize>| {
            idx.and_then(|i| record.get(i))
                .map(str::trim)
                .filter(|s| !s.is_empty())
        };
        let file = cell(Some(cols.file))?;
        let id = match corpus_id(file) {
            Ok(id) => id,
            Err(why) => {
                self.problem("file", format!("{file:?} {why}; this row is ignored"));
                return None;
            }
        };
        if !root.join(&id).is_file() {
            self.problem(
                "file",
                format!(
                    "{id} does not exist in {}; fix the name or remove the row",
                    root.display()
                ),
            );
            return None;
        }
        let mut entry = Entry {
            line: self.line,
            title: cell(cols.title).map(str::to_string),
            ..Entry::default()
        };
        if let Some(year) = cell(cols.year) {
            match year.parse::<i32>() {
                Ok(y) if (1900..=2100).contains(&y) => entry.year = Some(y),
                _ => self.problem(
                    "year",
                    format!("{year:?} is not a year: write a four-digit year such as 2024, or leave it empty to detect it from the text"),
                ),
            }
        }
        if let Some(lang) = cell(cols.lang) {
            match Lang::parse(lang) {
                Some(l) => entry.lang = Some(l),
                None => self.problem(
                    "lang",
                    format!("{lang:?} is not a language: write zh or en"),
                ),
            }
        }
        if let Some(original) = cell(cols.translation_of) {
            match corpus_id(original) {
                Ok(oid) if root.join(&oid).is_file() => entry.translation_of = Some(oid),
                Ok(oid) => self.problem(
                    "translation_of",
                    format!("{oid} does not exist in {}", root.display()),
                ),
                Err(why) => self.problem("translation_of", format!("{original:?} {why}")),
            }
        }
        Some((id, entry))
    }
}

/// Turns a manifest path into a corpus id (`/`-separated, relative), refusing paths that leave
/// the corpus folder.
pub fn corpus_id(file: &str) -> std::result::Result<String, &'static str> {
    let unified = file.replace('\\', "/");
    let path = Path::new(&unified);
    let mut parts = Vec::new();
    for component in path.components() {
        match component {
            Component::Normal(part) => parts.push(part.to_string_lossy().into_owned()),
            Component::CurDir => {}
            Component::ParentDir | Component::RootDir | Component::Prefix(_) => {
                return Err("is outside the corpus folder (use a path relative to it, without ..)");
            }
        }
    }
    if parts.is_empty() {
        return Err("is not a file name");
    }
    Ok(parts.join("/"))
}

fn csv_error(path: &Path, text: &str, err: &csv::Error) -> Error {
    Error::Csv {
        path: path.to_path_buf(),
        line: err.position().map(|p| crate::table::line_of(text, p)),
        message: format!(
            "{err}: fix the CSV (every row needs the same number of cells; quote cells that contain commas)"
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn corpus_ids_stay_inside_the_folder() {
        assert_eq!(corpus_id("./a/b.txt"), Ok("a/b.txt".to_string()));
        assert_eq!(corpus_id("a\\b.txt"), Ok("a/b.txt".to_string()));
        assert!(corpus_id("../../etc/passwd").is_err());
        assert!(corpus_id("/etc/passwd").is_err());
        assert!(corpus_id("a/../../b.txt").is_err());
    }
}
