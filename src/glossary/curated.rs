//! `glossary/curated.csv`: the curated glossary people own.
//!
//! Columns (formats/README §4): `id,zh,en,status,pos,term_type,subject,definition,context_zh,
//! context_en,note,source,date`. One row per zh/en pair; rows with the same `id` form one
//! concept and stand together: a concept lists its Chinese variants (several `zh`) and its
//! English alternates (several `en`, each with its status). `status` is `preferred`,
//! `admitted`, `deprecated`, `superseded` or `rejected` (a rejected candidate has no English and
//! is never proposed again). Only `id`, `zh`, `en` and `status` are required; unknown columns
//! are kept as they are.
//!
//! Read with or without BOM, LF or CRLF (what Excel's "CSV UTF-8" writes). Every error names
//! the line and the column, and a file with errors is refused whole. Written (by `add`, `set`,
//! `reject` only, never by `build`) as UTF-8 without BOM, LF, rows in their original order.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use super::{PARTS_OF_SPEECH, Status, TERM_TYPES, is_xml_id};
use crate::error::{Error, Result};
use crate::fsutil;
use crate::table::LineCounter;

/// The columns of a curated glossary, in their usual order.
pub const COLUMNS: [&str; 13] = [
    "id",
    "zh",
    "en",
    "status",
    "pos",
    "term_type",
    "subject",
    "definition",
    "context_zh",
    "context_en",
    "note",
    "source",
    "date",
];

/// Columns a curated glossary cannot do without.
const REQUIRED: [&str; 4] = ["id", "zh", "en", "status"];

/// One row as it stands in the file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Row {
    /// 1-based line of the file where the row starts (0 for a row not yet written).
    pub line: u64,
    /// Its cells, in header order.
    pub cells: Vec<String>,
}

/// A curated glossary file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Curated {
    /// Where it is read from and written to.
    pub path: PathBuf,
    /// The header, as in the file (unknown columns included).
    pub header: Vec<String>,
    /// The rows, in file order.
    pub rows: Vec<Row>,
}

/// A row read through the known columns.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry<'a> {
    /// Line in the file.
    pub line: u64,
    /// Concept id.
    pub id: &'a str,
    /// Chinese term, normalised as corpus text is (full-width letters, dashes, quotes), so
    /// that it matches the text however it was typed.
    pub zh: String,
    /// Chinese term as written in the file.
    pub zh_as_written: &'a str,
    /// English term (empty for a rejected candidate).
    pub en: &'a str,
    /// Status of the English term.
    pub status: Status,
    /// Part of speech.
    pub pos: &'a str,
    /// TBX term type of the English term.
    pub term_type: &'a str,
    /// Subject field.
    pub subject: &'a str,
    /// Definition.
    pub definition: &'a str,
    /// A Chinese context.
    pub context_zh: &'a str,
    /// An English context.
    pub context_en: &'a str,
    /// Note.
    pub note: &'a str,
    /// Source of the rendering.
    pub source: &'a str,
    /// Date (YYYY-MM-DD).
    pub date: &'a str,
}

/// One Chinese term given two different preferred English renderings.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Conflict {
    /// The Chinese term.
    pub zh: String,
    /// The first rendering and its line.
    pub first: (u64, String),
    /// The other rendering and its line.
    pub second: (u64, String),
}

impl std::fmt::Display for Conflict {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{} has two preferred English renderings: {:?} (line {}) and {:?} (line {}); keep one preferred and make the other admitted",
            self.zh, self.first.1, self.first.0, self.second.1, self.second.0
        )
    }
}

use crate::table::shown;

/// The longest id, Chinese or English term of a row, in characters (the longest real
/// official phrase is a few dozen): a longer cell is a paste gone wrong, and would make every
/// message quoting it unreadable.
pub const MAX_TERM_CHARS: usize = 500;

impl Curated {
    /// A new, empty glossary at `path`, with the standard columns.
    pub fn empty(path: &Path) -> Curated {
        Curated {
            path: path.to_path_buf(),
            header: COLUMNS.iter().map(|c| c.to_string()).collect(),
            rows: Vec::new(),
        }
    }

    /// Reads and validates the glossary at `path`.
    pub fn read(path: &Path) -> Result<Curated> {
        let bytes = std::fs::read(path).map_err(|e| Error::read(path, e))?;
        Curated::parse(path, &bytes)
    }

    /// Reads the glossary at `path`, or an empty one if there is no file there.
    pub fn read_or_empty(path: &Path) -> Result<Curated> {
        Curated::read_with_bytes(path).map(|(curated, _)| curated)
    }

    /// [`Curated::read_or_empty`], with the bytes the file held (`None`: no file), for a
    /// caller that fingerprints them.
    pub fn read_with_bytes(path: &Path) -> Result<(Curated, Option<Vec<u8>>)> {
        match std::fs::read(path) {
            Ok(bytes) => Ok((Curated::parse(path, &bytes)?, Some(bytes))),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok((Curated::empty(path), None)),
            Err(e) => Err(Error::read(path, e)),
        }
    }

    /// Parses and validates the bytes of a curated glossary.
    pub fn parse(path: &Path, bytes: &[u8]) -> Result<Curated> {
        let invalid = |problems: Vec<String>| Error::Curated {
            path: path.to_path_buf(),
            problems,
        };
        let body = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
        let text = std::str::from_utf8(body).map_err(|e| {
            let line = 1 + body[..e.valid_up_to()].iter().filter(|&&b| b == b'\n').count();
            invalid(vec![format!(
                "line {line}: not UTF-8 (an Excel \"CSV\" export in a local code page?): save the file as \"CSV UTF-8\""
            )])
        })?;
        // The csv reader lets a quote left open run to the end of the file as one cell, which
        // would swallow every row after it: refuse that.
        if let Some(line) = unclosed_quote(text) {
            return Err(invalid(vec![format!(
                "line {line}: a quote (\") opened here is never closed, so every row after it would be read as one cell: close it"
            )]));
        }
        let mut reader = csv::ReaderBuilder::new()
            .has_headers(false)
            .flexible(true)
            .from_reader(text.as_bytes());
        let mut lines = LineCounter::default();
        let mut records = Vec::new();
        for record in reader.records() {
            let record = record.map_err(|e| {
                let line = e.position().map_or(0, |p| lines.line_of(text, p));
                invalid(vec![format!("line {line}: {e}: check the quoting (a cell that starts with \" must end with \")")])
            })?;
            let line = record.position().map_or(0, |p| lines.line_of(text, p));
            records.push((line, record.iter().map(str::to_string).collect::<Vec<_>>()));
        }
        let mut records = records.into_iter();
        let Some((_, header)) = records.next() else {
            return Err(invalid(vec![
                "line 1: empty file: the first line must name the columns (id,zh,en,status,…)"
                    .to_string(),
            ]));
        };
        let header: Vec<String> = header.iter().map(|h| h.trim().to_string()).collect();
        let mut problems = check_header(&header);
        let rows: Vec<Row> = records.map(|(line, cells)| Row { line, cells }).collect();
        for row in &rows {
            if row.cells.len() != header.len() && !(row.cells.len() == 1 && row.cells[0].is_empty())
            {
                problems.push(format!(
                    "line {}: {} cells but the header has {}: check for an unclosed quote or a stray comma",
                    row.line,
                    row.cells.len(),
                    header.len()
                ));
            }
        }
        let mut curated = Curated {
            path: path.to_path_buf(),
            header,
            // A blank line is no row.
            rows: rows
                .into_iter()
                .filter(|r| !(r.cells.len() == 1 && r.cells[0].is_empty()))
                .collect(),
        };
        if problems.is_empty() {
            problems = curated.validate();
        }
        if !problems.is_empty() {
            return Err(invalid(problems));
        }
        for row in &mut curated.rows {
            row.cells.resize(curated.header.len(), String::new());
        }
        Ok(curated)
    }

    fn column(&self, name: &str) -> Option<usize> {
        self.header.iter().position(|h| h == name)
    }

    /// Whether the file has the column `name`.
    pub fn has_column(&self, name: &str) -> bool {
        self.column(name).is_some()
    }

    /// The cell of `row` in column `name` (empty if the file has no such column).
    pub fn cell<'a>(&self, row: &'a Row, name: &str) -> &'a str {
        self.column(name)
            .and_then(|c| row.cells.get(c))
            .map_or("", |s| s.trim())
    }

    /// Sets the cell of row `index` in column `name`, adding the column if the file lacks it.
    pub fn set_cell(&mut self, index: usize, name: &str, value: &str) {
        let col = match self.column(name) {
            Some(c) => c,
            None => {
                self.header.push(name.to_string());
                for row in &mut self.rows {
                    row.cells.push(String::new());
                }
                self.header.len() - 1
            }
        };
        self.rows[index].cells[col] = value.to_string();
    }

    /// Appends a row made of `(column, value)` pairs; other cells are empty. With
    /// `after = Some(i)`, it goes right after row `i` (to stand with its concept).
    pub fn insert_row(&mut self, values: &[(&str, &str)], after: Option<usize>) -> usize {
        let at = after.map_or(self.rows.len(), |i| i + 1);
        self.rows.insert(
            at,
            Row {
                line: 0,
                cells: vec![String::new(); self.header.len()],
            },
        );
        for (name, value) in values {
            self.set_cell(at, name, value);
        }
        at
    }

    /// Adds rows in one pass: `after[i]` right after row `i`, in their order, then `at_end`.
    /// Each new row is given as `(column, value)` pairs of columns the file has (others are
    /// left out: adding a column would change every line).
    pub fn insert_rows(
        &mut self,
        after: &std::collections::BTreeMap<usize, Vec<Vec<(String, String)>>>,
        at_end: &[Vec<(String, String)>],
    ) {
        let header = self.header.clone();
        let make = |values: &Vec<(String, String)>| {
            let mut cells = vec![String::new(); header.len()];
            for (name, value) in values {
                if let Some(c) = header.iter().position(|h| h == name) {
                    cells[c] = value.clone();
                }
            }
            Row { line: 0, cells }
        };
        let added = after.values().map(Vec::len).sum::<usize>() + at_end.len();
        let mut rows = Vec::with_capacity(self.rows.len() + added);
        for (i, row) in std::mem::take(&mut self.rows).into_iter().enumerate() {
            rows.push(row);
            rows.extend(after.get(&i).into_iter().flatten().map(make));
        }
        rows.extend(at_end.iter().map(make));
        self.rows = rows;
    }

    /// The rows read through the known columns.
    pub fn entries(&self) -> Vec<Entry<'_>> {
        self.rows.iter().map(|row| self.entry(row)).collect()
    }

    fn entry<'a>(&self, row: &'a Row) -> Entry<'a> {
        Entry {
            line: row.line,
            id: self.cell(row, "id"),
            zh: super::canonical_zh(self.cell(row, "zh")),
            zh_as_written: self.cell(row, "zh"),
            en: self.cell(row, "en"),
            status: Status::parse(self.cell(row, "status")).unwrap_or(Status::Preferred),
            pos: self.cell(row, "pos"),
            term_type: self.cell(row, "term_type"),
            subject: self.cell(row, "subject"),
            definition: self.cell(row, "definition"),
            context_zh: self.cell(row, "context_zh"),
            context_en: self.cell(row, "context_en"),
            note: self.cell(row, "note"),
            source: self.cell(row, "source"),
            date: self.cell(row, "date"),
        }
    }

    /// Every problem with the rows, each naming its line and column. The problems of rows
    /// with an over-long term do not repeat the term.
    pub fn validate(&self) -> Vec<String> {
        let mut problems = Vec::new();
        // id → (first line, index of its last row): rows of one concept stand together.
        let mut concepts: HashMap<&str, (u64, usize)> = HashMap::new();
        let mut pairs: HashMap<(&str, &str, &str), u64> = HashMap::new();
        for (i, row) in self.rows.iter().enumerate() {
            let mut problem = |column: &str, message: String| {
                problems.push(format!("line {}, column {column}: {message}", row.line));
            };
            let id = self.cell(row, "id");
            let zh = self.cell(row, "zh");
            let en = self.cell(row, "en");
            let status_cell = self.cell(row, "status");
            let status = Status::parse(status_cell);
            for (column, cell) in [("id", id), ("zh", zh), ("en", en)] {
                let chars = cell.chars().count();
                if chars > MAX_TERM_CHARS {
                    problem(
                        column,
                        format!(
                            "{} characters (\"{}…\"), more than the {MAX_TERM_CHARS} a term may have: is a paragraph in the wrong cell?",
                            chars,
                            cell.chars().take(20).collect::<String>()
                        ),
                    );
                }
            }
            if id.chars().count() > MAX_TERM_CHARS {
                // Reported above.
            } else if !is_xml_id(id) {
                problem(
                    "id",
                    format!(
                        "{:?} is not a valid id: start with a letter (c0001), then letters, digits, - _ .",
                        shown(id)
                    ),
                );
            } else if let Some(&(first, last)) = concepts.get(id)
                && last + 1 != i
            {
                problem(
                    "id",
                    format!(
                        "{id} is already the id of the concept starting on line {first}: rows of one concept stand together, another concept needs its own id"
                    ),
                );
            }
            concepts
                .entry(id)
                .and_modify(|(_, last)| *last = i)
                .or_insert((row.line, i));
            if zh.is_empty() {
                problem("zh", "empty: every row needs its Chinese term".to_string());
            }
            match status {
                None => problem(
                    "status",
                    format!(
                        "{:?} is not a status: use preferred, admitted, deprecated, superseded or rejected",
                        shown(status_cell)
                    ),
                ),
                Some(Status::Rejected) => {}
                Some(_) if en.is_empty() => problem(
                    "en",
                    "empty: give the English term, or set status to rejected".to_string(),
                ),
                Some(_) => {}
            }
            let pos = self.cell(row, "pos");
            if !pos.is_empty() && !PARTS_OF_SPEECH.contains(&pos) {
                problem(
                    "pos",
                    format!(
                        "{:?} is not one of {}",
                        shown(pos),
                        PARTS_OF_SPEECH.join(", ")
                    ),
                );
            }
            let term_type = self.cell(row, "term_type");
            if !term_type.is_empty() && !TERM_TYPES.contains(&term_type) {
                problem(
                    "term_type",
                    format!(
                        "{:?} is not one of {}",
                        shown(term_type),
                        TERM_TYPES.join(", ")
                    ),
                );
            }
            let date = self.cell(row, "date");
            if !date.is_empty() && !is_date(date) {
                problem(
                    "date",
                    format!("{:?} is not a date: write YYYY-MM-DD", shown(date)),
                );
            }
            if let Some(first) = pairs.insert((id, zh, en), row.line) {
                problem("en", format!("this row repeats line {first} ({zh} = {en})"));
            }
        }
        problems
    }

    /// Chinese terms given two different preferred English renderings.
    pub fn conflicts(&self) -> Vec<Conflict> {
        let entries = self.entries();
        let mut preferred: HashMap<&str, (u64, &str)> = HashMap::new();
        let mut out = Vec::new();
        for e in &entries {
            if e.status != Status::Preferred {
                continue;
            }
            match preferred.get(e.zh.as_str()) {
                Some(&(line, en)) if en != e.en => out.push(Conflict {
                    zh: e.zh.to_string(),
                    first: (line, en.to_string()),
                    second: (e.line, e.en.to_string()),
                }),
                Some(_) => {}
                None => {
                    preferred.insert(&e.zh, (e.line, e.en));
                }
            }
        }
        out
    }

    /// The Chinese terms (normalised) of every concept that is not rejected: to keep them
    /// whole when segmenting, and to count them in the corpus.
    pub fn protected_terms(&self) -> Vec<String> {
        let mut terms: Vec<String> = self
            .entries()
            .into_iter()
            .filter(|e| e.status != Status::Rejected)
            .map(|e| e.zh)
            .collect();
        terms.sort_unstable();
        terms.dedup();
        terms
    }

    /// The approved pairs (preferred and admitted), Chinese normalised: a bilingual
    /// dictionary for the aligner, and what `check` expects to find.
    pub fn approved_pairs(&self) -> Vec<(String, String)> {
        self.entries()
            .into_iter()
            .filter(|e| {
                matches!(e.status, Status::Preferred | Status::Admitted) && !e.en.is_empty()
            })
            .map(|e| (e.zh, e.en.to_string()))
            .collect()
    }

    /// A fresh concept id (`c0001`, `c0002`, …) not used yet.
    pub fn next_id(&self) -> String {
        let used: std::collections::HashSet<&str> =
            self.rows.iter().map(|r| self.cell(r, "id")).collect();
        (1..)
            .map(|n| format!("c{n:04}"))
            .find(|id| !used.contains(id.as_str()))
            .expect("an unused id")
    }

    /// The file as written: UTF-8 without BOM, LF line ends, quotes only where needed.
    pub fn to_csv(&self) -> String {
        let mut writer = csv::WriterBuilder::new()
            .terminator(csv::Terminator::Any(b'\n'))
            .from_writer(Vec::new());
        let write = |writer: &mut csv::Writer<Vec<u8>>, cells: &[String]| {
            writer.write_record(cells).expect("writing to memory");
        };
        write(&mut writer, &self.header);
        for row in &self.rows {
            let mut cells = row.cells.clone();
            cells.resize(self.header.len(), String::new());
            write(&mut writer, &cells);
        }
        let bytes = writer.into_inner().expect("writing to memory");
        String::from_utf8(bytes).expect("cells are strings")
    }

    /// Writes the file back atomically. Only editing commands call this, never `build`.
    pub fn save(&self) -> Result<()> {
        fsutil::write_bytes_atomic(&self.path, self.to_csv().as_bytes())
    }
}

fn check_header(header: &[String]) -> Vec<String> {
    let mut problems = Vec::new();
    for required in REQUIRED {
        if !header.iter().any(|h| h == required) {
            problems.push(format!(
                "line 1, column {required}: missing: the header needs at least {}",
                REQUIRED.join(",")
            ));
        }
    }
    for (i, h) in header.iter().enumerate() {
        if header[..i].contains(h) {
            problems.push(format!("line 1, column {h}: named twice"));
        }
    }
    problems
}

/// The line of a quote still open at the end of `text`, if any (a doubled `""` inside a quoted
/// cell closes and reopens, which leaves the count right).
fn unclosed_quote(text: &str) -> Option<u64> {
    let (mut open, mut line, mut opened_on) = (false, 1u64, 0u64);
    for c in text.chars() {
        match c {
            '"' => {
                open = !open;
                if open {
                    opened_on = line;
                }
            }
            '\n' => line += 1,
            _ => {}
        }
    }
    open.then_some(opened_on)
}

fn is_date(s: &str) -> bool {
    let b = s.as_bytes();
    b.len() == 10
        && b[4] == b'-'
        && b[7] == b'-'
        && b.iter()
            .enumerate()
            .all(|(i, c)| i == 4 || i == 7 || c.is_ascii_digit())
}

#[cfg(test)]
mod tests {
    use super::*;

    const GOOD: &str = "id,zh,en,status,pos,term_type,subject,definition,context_zh,context_en,note,source,date,our_notes\n\
c0001,上海合作组织,Shanghai Cooperation Organization,preferred,properNoun,fullForm,,,,,,Xinhua,2024-07-04,check\n\
c0001,上合组织,SCO,admitted,properNoun,acronym,,,,,,Xinhua,,\n\
c0002,三股势力,\"three evil forces\",preferred,noun,,,,,,\"terrorism, separatism and extremism\",MFA,,\n\
c0003,朋友圈,,rejected,,,,,,,,,,\n";

    fn parse(text: &str) -> Result<Curated> {
        Curated::parse(Path::new("curated.csv"), text.as_bytes())
    }

    fn problems(text: &str) -> Vec<String> {
        match parse(text) {
            Err(Error::Curated { problems, .. }) => problems,
            other => panic!("expected problems, got {other:?}"),
        }
    }

    #[test]
    fn reads_concepts_variants_and_unknown_columns() {
        let g = parse(GOOD).unwrap();
        let e = g.entries();
        assert_eq!(e.len(), 4);
        assert_eq!(
            (e[1].id, e[1].zh.as_str(), e[1].en, e[1].status),
            ("c0001", "上合组织", "SCO", Status::Admitted)
        );
        assert_eq!(e[2].line, 4);
        assert_eq!(e[3].status, Status::Rejected);
        assert_eq!(g.cell(&g.rows[0], "our_notes"), "check");
        assert_eq!(
            g.protected_terms(),
            ["三股势力", "上合组织", "上海合作组织"]
        );
    }

    #[test]
    fn round_trips_byte_for_byte() {
        // "three evil forces" was quoted without need: the canonical form drops those quotes.
        let canonical = GOOD.replace("\"three evil forces\"", "three evil forces");
        assert_eq!(parse(&canonical).unwrap().to_csv(), canonical);
    }

    #[test]
    fn reads_bom_and_crlf_as_excel_writes_them() {
        let excel = format!("\u{FEFF}{}", GOOD.replace('\n', "\r\n"));
        let g = parse(&excel).unwrap();
        assert_eq!(g.entries()[2].line, 4);
        assert!(!g.to_csv().contains('\r'));
        assert!(!g.to_csv().starts_with('\u{FEFF}'));
    }

    #[test]
    fn every_problem_names_line_and_column() {
        assert_eq!(
            problems("id,zh,status\nc1,上海精神,preferred\n"),
            ["line 1, column en: missing: the header needs at least id,zh,en,status"]
        );
        let p = problems(
            "id,zh,en,status\nc1,上海精神,Shanghai Spirit,approved\n1x,三股势力,three evils,preferred\nc3,,x,preferred\nc4,全球南方,,admitted\n",
        );
        assert_eq!(p.len(), 4, "{p:?}");
        assert!(p[0].starts_with("line 2, column status: \"approved\" is not a status"));
        assert!(p[1].starts_with("line 3, column id:"));
        assert!(p[2].starts_with("line 4, column zh: empty"));
        assert!(p[3].starts_with("line 5, column en: empty"));
    }

    #[test]
    fn an_id_reused_for_another_concept_is_refused() {
        let p = problems(
            "id,zh,en,status\nc1,上海精神,Shanghai Spirit,preferred\nc2,三股势力,three evils,preferred\nc1,全球南方,Global South,preferred\n",
        );
        assert_eq!(
            p,
            [
                "line 4, column id: c1 is already the id of the concept starting on line 2: rows of one concept stand together, another concept needs its own id"
            ]
        );
    }

    #[test]
    fn an_unclosed_quote_is_refused_with_its_line() {
        let p = problems(
            "id,zh,en,status,note\nc1,上海精神,Shanghai Spirit,preferred,\"unclosed\nc2,三股势力,three evils,preferred,\n",
        );
        assert_eq!(p.len(), 1, "{p:?}");
        assert!(
            p[0].starts_with("line 2: a quote (\") opened here is never closed"),
            "{p:?}"
        );
        // A quoted cell may hold a line break.
        assert!(
            parse("id,zh,en,status,note\nc1,上海精神,Shanghai Spirit,preferred,\"two\nlines\"\n")
                .is_ok()
        );
    }

    #[test]
    fn non_utf8_is_refused_with_its_line() {
        let (gbk, _, _) =
            encoding_rs::GBK.encode("id,zh,en,status\nc1,上海精神,Shanghai Spirit,preferred\n");
        let p = match Curated::parse(Path::new("c.csv"), &gbk) {
            Err(Error::Curated { problems, .. }) => problems,
            other => panic!("{other:?}"),
        };
        assert!(p[0].starts_with("line 2: not UTF-8"), "{p:?}");
    }

    #[test]
    fn two_preferred_renderings_of_one_term_conflict() {
        let g = parse("id,zh,en,status\nc1,命运共同体,community with a shared future,preferred\nc2,命运共同体,community of common destiny,preferred\n").unwrap();
        let c = g.conflicts();
        assert_eq!(c.len(), 1);
        assert_eq!((c[0].first.0, c[0].second.0), (2, 3));
    }

    #[test]
    fn edits_keep_unknown_columns_and_order() {
        let mut g = parse(GOOD).unwrap();
        let at = g.insert_row(
            &[
                ("id", "c0001"),
                ("zh", "上海组织"),
                ("en", "SCO"),
                ("status", "admitted"),
            ],
            Some(1),
        );
        assert_eq!(at, 2);
        assert_eq!(g.next_id(), "c0004");
        let text = g.to_csv();
        assert!(
            text.lines()
                .nth(3)
                .unwrap()
                .starts_with("c0001,上海组织,SCO,admitted")
        );
        assert!(text.lines().next().unwrap().ends_with(",our_notes"));
    }

    mod properties {
        use super::*;
        use proptest::prelude::*;

        /// Every problem of a refused file names its line.
        fn names_lines(result: Result<Curated>) -> std::result::Result<(), TestCaseError> {
            match result {
                Ok(_) => Ok(()),
                Err(Error::Curated { problems, .. }) => {
                    prop_assert!(!problems.is_empty());
                    for p in &problems {
                        prop_assert!(p.starts_with("line "), "{}", p);
                    }
                    Ok(())
                }
                Err(other) => Err(TestCaseError::fail(format!("not a curated error: {other}"))),
            }
        }

        /// CSV-ish text: the characters that make CSV hard, and some that make glossaries.
        fn csvish() -> impl Strategy<Value = String> {
            proptest::collection::vec(
                prop::sample::select(vec![
                    ',', '"', '\n', '\r', ' ', 'c', '1', '上', '海', 'S', '=', '\u{FEFF}', '\u{0}',
                ]),
                0..120,
            )
            .prop_map(|chars| chars.into_iter().collect())
        }

        proptest! {
            #![proptest_config(ProptestConfig::with_cases(300))]
            #[test]
            fn arbitrary_bytes_are_read_or_refused_with_a_line(bytes in proptest::collection::vec(any::<u8>(), 0..400)) {
                names_lines(Curated::parse(Path::new("curated.csv"), &bytes))?;
            }

            #[test]
            fn csv_after_a_valid_header_is_read_or_refused_with_a_line(body in csvish()) {
                let text = format!("id,zh,en,status\n{body}");
                names_lines(Curated::parse(Path::new("curated.csv"), text.as_bytes()))?;
            }
        }
    }
}
