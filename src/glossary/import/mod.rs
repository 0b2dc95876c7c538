//! `glossary import`: termbases from other tools merged into the curated glossary.
//!
//! A file is read into [`ImportedTerm`]s (one Chinese–English pair each, with the concept it
//! belongs to in that file), and [`apply`] merges them with rules a terminologist can predict:
//!
//! - a pair already curated is skipped;
//! - a Chinese term rejected in the curated file stays rejected (the pair is skipped, and said);
//! - a new English for a curated term joins its concept with the status the file gives
//!   (admitted when it gives none); a second preferred rendering never displaces the curated
//!   one: it is added as admitted and reported as a [`Conflict`];
//! - a new Chinese term joins the curated concept of another term of its concept in the file
//!   (a variant or abbreviation: 上合组织 beside 上海合作组织), or else becomes a new concept
//!   with a fresh id, shared by the other terms of its concept in the file.
//!
//! Rows are only added, each after the last row of its concept or at the end: nothing curated
//! is lost or reordered. Every added row records where it came from (`source`) and when
//! (`date`), in the columns the curated file has. Writing is the caller's ([`Curated::save`],
//! atomic), after the whole import succeeded.

mod table;
mod tbx;
mod xlsx;

use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::{Path, PathBuf};

pub use table::{ColumnChoice, read_table, terms_from_rows};
pub use tbx::read_tbx;
pub use xlsx::{REVIEW_SHEET, read_workbook};

use super::Status;
use super::curated::Curated;
use super::edit::normalize_zh;
use crate::error::{Error, Result};

/// One Chinese–English pair read from a file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImportedTerm {
    /// The Chinese term as written.
    pub zh: String,
    /// The English term.
    pub en: String,
    /// The status the file gives (`None`: it gives none).
    pub status: Option<Status>,
    /// The concept it belongs to in the file (an id column, a TBX entry), if the file says.
    pub concept: Option<String>,
    /// Other cells for the curated columns: note, definition, pos, subject, source.
    pub cells: Vec<(String, String)>,
    /// A reviewer's decision, for a row of a review sheet (`None` elsewhere).
    pub decision: Option<Decision>,
    /// The file and line it came from.
    pub file: PathBuf,
    /// The line (1-based) of its row or entry.
    pub line: u64,
}

/// A reviewer's decision on a candidate, from the `decision` column of a review sheet.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Decision {
    /// Add the row's English to the curated glossary (preferred unless the sheet says).
    Accept,
    /// Reject the candidate: never proposed again.
    Reject,
}

/// Why a file could not be imported. Nothing is written when one of these is returned.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum ImportError {
    /// The file's kind is not one this command reads.
    #[error("{}: cannot import a .{extension} file (TBX, CSV, TSV, TXT and XLSX/ODS termbases are read)", path.display())]
    UnknownFormat {
        /// The file.
        path: PathBuf,
        /// Its extension.
        extension: String,
    },
    /// No column of the header could be read as the Chinese (or English) term.
    #[error("{}, line 1: no column for the {language} term among: {}", path.display(), header.join(", "))]
    UnmappedColumn {
        /// The file.
        path: PathBuf,
        /// "Chinese" or "English".
        language: &'static str,
        /// The header as written.
        header: Vec<String>,
    },
    /// A column named on the command line is not in the header.
    #[error("{}, line 1: no column named {name:?} among: {}", path.display(), header.join(", "))]
    NoSuchColumn {
        /// The file.
        path: PathBuf,
        /// The name asked for.
        name: String,
        /// The header as written.
        header: Vec<String>,
    },
    /// A status cell holds something that is not a status.
    #[error("{}, line {line}: status {value:?} is none of preferred, admitted, deprecated, superseded, rejected", path.display())]
    BadStatus {
        /// The file.
        path: PathBuf,
        /// Its line.
        line: u64,
        /// The cell.
        value: String,
    },
    /// A decision cell holds something that is neither accept nor reject.
    #[error("{}, line {line}: decision {value:?} is neither accept nor reject (leave it empty to decide later)", path.display())]
    BadDecision {
        /// The file.
        path: PathBuf,
        /// Its line or row.
        line: u64,
        /// The cell.
        value: String,
    },
    /// A workbook calamine cannot read.
    #[error("{}: cannot read the workbook: {message}", path.display())]
    Workbook {
        /// The file.
        path: PathBuf,
        /// What calamine said.
        message: String,
    },
    /// The sheet asked for is not in the workbook.
    #[error("{}: no sheet named {name:?} among: {}", path.display(), sheets.join(", "))]
    NoSuchSheet {
        /// The file.
        path: PathBuf,
        /// The name asked for.
        name: String,
        /// The workbook's sheets.
        sheets: Vec<String>,
    },
    /// A TBX file that is not well-formed XML or not TBX.
    #[error("{}, line {line}: {message}", path.display())]
    MalformedTbx {
        /// The file.
        path: PathBuf,
        /// The line where reading stopped.
        line: u64,
        /// What is wrong.
        message: String,
    },
    /// The file has no header line.
    #[error("{}: empty, no header line", path.display())]
    Empty {
        /// The file.
        path: PathBuf,
    },
}

/// What importing did to one pair.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    /// A new concept, or a new Chinese term of a new concept of this import.
    Added {
        /// The concept's id.
        id: String,
        /// The status written.
        status: Status,
    },
    /// A new row of a concept already curated (a new English, or a variant).
    Joined {
        /// The concept's id.
        id: String,
        /// The status written.
        status: Status,
    },
    /// Added as admitted because the term has a preferred rendering already.
    Conflict(Conflict),
    /// The pair is curated already.
    AlreadyCurated,
    /// The Chinese term was rejected in the curated glossary.
    Rejected,
    /// A row without its Chinese or English term.
    Incomplete,
    /// Rejected by a reviewer's decision.
    RejectedByReview,
    /// A reviewer rejected a term that is curated: left as it is.
    CuratedNotRejected,
}

/// An imported preferred rendering beside a curated preferred one, to settle by hand.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Conflict {
    /// The concept's id.
    pub id: String,
    /// The curated preferred English.
    pub curated_en: String,
    /// The line of the curated preferred row.
    pub curated_line: u64,
}

/// One pair and what became of it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Applied {
    /// The pair as read.
    pub term: ImportedTerm,
    /// What was done.
    pub outcome: Outcome,
}

/// What an import did, pair by pair, in the order read.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ImportSummary {
    /// Every pair read and its outcome.
    pub applied: Vec<Applied>,
}

impl ImportSummary {
    /// How many pairs had an outcome matching `which`.
    pub fn count(&self, which: impl Fn(&Outcome) -> bool) -> usize {
        self.applied.iter().filter(|a| which(&a.outcome)).count()
    }

    /// The number of new concepts.
    pub fn new_concepts(&self) -> usize {
        let mut ids: Vec<&str> = self
            .applied
            .iter()
            .filter_map(|a| match &a.outcome {
                Outcome::Added { id, .. } => Some(id.as_str()),
                _ => None,
            })
            .collect();
        ids.sort_unstable();
        ids.dedup();
        ids.len()
    }

    /// Whether anything was added to the curated glossary.
    pub fn changed(&self) -> bool {
        self.applied.iter().any(|a| {
            matches!(
                a.outcome,
                Outcome::Added { .. }
                    | Outcome::Joined { .. }
                    | Outcome::Conflict(_)
                    | Outcome::RejectedByReview
            )
        })
    }
}

/// Reads the pairs of `path`, by its extension.
pub fn read_file(path: &Path, columns: &ColumnChoice) -> Result<Vec<ImportedTerm>> {
    let extension = path
        .extension()
        .and_then(|e| e.to_str())
        .unwrap_or("")
        .to_ascii_lowercase();
    match extension.as_str() {
        "csv" | "tsv" | "txt" | "tab" | "utf8" => read_table(
            path,
            &text_of(path)?,
            matches!(extension.as_str(), "tsv" | "tab" | "utf8"),
            columns,
        ),
        "tbx" | "xml" => read_tbx(path, &text_of(path)?),
        "xlsx" | "xlsm" | "xls" | "xlsb" | "ods" => {
            read_workbook(path, columns.sheet.as_deref(), columns)
        }
        _ => Err(ImportError::UnknownFormat {
            path: path.to_path_buf(),
            extension,
        }
        .into()),
    }
}

/// The decoded text of a file (UTF-8 with or without BOM, UTF-16, GB18030).
fn text_of(path: &Path) -> Result<String> {
    let bytes = std::fs::read(path).map_err(|source| Error::Read {
        path: path.to_path_buf(),
        source,
    })?;
    Ok(crate::corpus::decode::decode(&bytes)
        .map_err(|reason| Error::Decode {
            path: path.to_path_buf(),
            reason,
        })?
        .text)
}

fn file_name(path: &Path) -> String {
    path.file_name().map_or_else(
        || path.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    )
}

/// A row to add, as `(column, value)` pairs of columns the curated file has.
type NewRow = Vec<(String, String)>;

/// A row of the curated glossary as the merge sees it: one of the file's, or one this import
/// adds.
struct Known {
    en: String,
    status: Status,
    id: String,
    /// Its line in the file (0 for a row this import adds).
    line: u64,
}

/// The merge's view of the curated glossary, indexed once: the cost of an import grows with
/// the rows of the file and of the import, not with their product.
struct Merger<'c> {
    curated: &'c Curated,
    /// Rows by canonical Chinese term, the file's first, then those added, in order.
    by_zh: HashMap<String, Vec<Known>>,
    /// The last row of the file of each concept id.
    last_row: HashMap<String, usize>,
    used_ids: HashSet<String>,
    next_id: u32,
    /// Which concept each concept of an imported file maps to.
    concept_ids: HashMap<(PathBuf, String), String>,
    /// Rows to add after a row of the file, and rows of new concepts, by concept, in order.
    after: BTreeMap<usize, Vec<NewRow>>,
    at_end: Vec<(String, Vec<NewRow>)>,
    /// Where each new concept is in `at_end`.
    at_end_index: HashMap<String, usize>,
    date: &'c str,
}

impl<'c> Merger<'c> {
    fn new(curated: &'c Curated, date: &'c str) -> Self {
        let mut by_zh: HashMap<String, Vec<Known>> = HashMap::new();
        let mut last_row = HashMap::new();
        for (i, entry) in curated.entries().into_iter().enumerate() {
            last_row.insert(entry.id.to_string(), i);
            by_zh.entry(entry.zh).or_default().push(Known {
                en: entry.en.to_string(),
                status: entry.status,
                id: entry.id.to_string(),
                line: entry.line,
            });
        }
        let used_ids = last_row.keys().cloned().collect();
        Merger {
            curated,
            by_zh,
            last_row,
            used_ids,
            next_id: 1,
            concept_ids: HashMap::new(),
            after: BTreeMap::new(),
            at_end: Vec::new(),
            at_end_index: HashMap::new(),
            date,
        }
    }

    /// A fresh concept id (`c0001`, …) used by no row.
    fn fresh_id(&mut self) -> String {
        loop {
            let id = format!("c{:04}", self.next_id);
            self.next_id += 1;
            if self.used_ids.insert(id.clone()) {
                return id;
            }
        }
    }

    /// Maps each concept of the imported files to the curated concept of the first of its
    /// Chinese terms already curated (not rejected).
    fn map_concepts(&mut self, terms: &[ImportedTerm]) {
        for term in terms {
            let (Some(concept), Ok(zh)) = (&term.concept, normalize_zh(&term.zh)) else {
                continue;
            };
            let key = (term.file.clone(), concept.clone());
            if self.concept_ids.contains_key(&key) {
                continue;
            }
            let curated_id = self.by_zh.get(&zh).and_then(|rows| {
                rows.iter()
                    .find(|k| k.status != Status::Rejected)
                    .map(|k| k.id.clone())
            });
            if let Some(id) = curated_id {
                self.concept_ids.insert(key, id);
            }
        }
    }

    /// Adds a row of concept `id`: after the concept's last row of the file, or with the other
    /// rows of its new concept at the end.
    fn add(&mut self, zh: &str, known: Known, values: NewRow) {
        match self.last_row.get(&known.id) {
            Some(&i) => self.after.entry(i).or_default().push(values),
            None => match self.at_end_index.get(&known.id) {
                Some(&k) => self.at_end[k].1.push(values),
                None => {
                    self.at_end_index
                        .insert(known.id.clone(), self.at_end.len());
                    self.at_end.push((known.id.clone(), vec![values]));
                }
            },
        }
        self.by_zh.entry(zh.to_string()).or_default().push(known);
    }

    /// The cells of a new row, in the columns the file has.
    fn values(&self, pairs: Vec<(&str, String)>) -> NewRow {
        pairs
            .into_iter()
            .filter(|(column, value)| {
                matches!(*column, "id" | "zh" | "en" | "status")
                    || (!value.is_empty() && self.curated.has_column(column))
            })
            .map(|(column, value)| (column.to_string(), value))
            .collect()
    }

    fn reject(&mut self, zh: &str, file: &Path) -> Outcome {
        let rows = self.by_zh.get(zh).map(Vec::as_slice).unwrap_or_default();
        if rows.iter().any(|k| k.status != Status::Rejected) {
            return Outcome::CuratedNotRejected;
        }
        if !rows.is_empty() {
            return Outcome::Rejected;
        }
        let id = self.fresh_id();
        let values = self.values(vec![
            ("id", id.clone()),
            ("zh", zh.to_string()),
            ("en", String::new()),
            ("status", Status::Rejected.name().to_string()),
            ("note", format!("rejected in review ({})", file_name(file))),
            ("date", self.date.to_string()),
        ]);
        let known = Known {
            en: String::new(),
            status: Status::Rejected,
            id,
            line: 0,
        };
        self.add(zh, known, values);
        Outcome::RejectedByReview
    }

    fn apply(&mut self, term: &ImportedTerm) -> Outcome {
        let en = term.en.trim();
        let Ok(zh) = normalize_zh(&term.zh) else {
            return Outcome::Incomplete;
        };
        if term.decision == Some(Decision::Reject) {
            return self.reject(&zh, &term.file);
        }
        if en.is_empty() {
            return Outcome::Incomplete;
        }
        let rows = self.by_zh.get(&zh).map(Vec::as_slice).unwrap_or_default();
        if rows.iter().any(|k| k.en == en) {
            return Outcome::AlreadyCurated;
        }
        if rows.iter().any(|k| k.status == Status::Rejected) {
            return Outcome::Rejected;
        }
        let preferred = rows
            .iter()
            .find(|k| k.status == Status::Preferred)
            .map(|k| (k.en.clone(), k.line));
        let asked = term.status.unwrap_or(if rows.is_empty() {
            Status::Preferred
        } else {
            Status::Admitted
        });
        let concept_key = term.concept.clone().map(|c| (term.file.clone(), c));
        // The concept it joins: its Chinese term's, or its file concept's once mapped.
        let joined = rows.first().map(|k| k.id.clone()).or_else(|| {
            concept_key
                .as_ref()
                .and_then(|k| self.concept_ids.get(k).cloned())
        });
        let (id, existing_concept) = match joined {
            Some(id) => (id, true),
            None => (self.fresh_id(), false),
        };
        if let Some(key) = concept_key {
            self.concept_ids.entry(key).or_insert_with(|| id.clone());
        }
        let (status, conflict) = match (asked, preferred) {
            (Status::Preferred, Some((curated_en, curated_line))) => (
                Status::Admitted,
                Some(Conflict {
                    id: id.clone(),
                    curated_en,
                    curated_line,
                }),
            ),
            (s, _) => (s, None),
        };
        let origin = format!("imported from {}", file_name(&term.file));
        let source = term
            .cells
            .iter()
            .find(|(k, _)| k == "source")
            .map_or(origin.clone(), |(_, v)| format!("{v}; {origin}"));
        let mut pairs = vec![
            ("id", id.clone()),
            ("zh", zh.clone()),
            ("en", en.to_string()),
            ("status", status.name().to_string()),
            ("source", source),
            ("date", self.date.to_string()),
        ];
        pairs.extend(
            term.cells
                .iter()
                .filter(|(k, _)| k != "source")
                .map(|(k, v)| (k.as_str(), v.clone())),
        );
        let values = self.values(pairs);
        let known = Known {
            en: en.to_string(),
            status,
            id: id.clone(),
            line: 0,
        };
        self.add(&zh, known, values);
        match (conflict, existing_concept) {
            (Some(conflict), _) => Outcome::Conflict(conflict),
            (None, true) => Outcome::Joined { id, status },
            (None, false) => Outcome::Added { id, status },
        }
    }
}

/// Merges `terms` into `curated`, in order, and says what became of each. `date` is the
/// import's date (YYYY-MM-DD). The curated glossary is validated again at the end.
pub fn apply(curated: &mut Curated, terms: Vec<ImportedTerm>, date: &str) -> Result<ImportSummary> {
    let mut merger = Merger::new(curated, date);
    merger.map_concepts(&terms);
    let mut summary = ImportSummary::default();
    for term in terms {
        let outcome = merger.apply(&term);
        summary.applied.push(Applied { term, outcome });
    }
    let (after, at_end) = (merger.after, merger.at_end);
    let at_end: Vec<Vec<(String, String)>> =
        at_end.into_iter().flat_map(|(_, rows)| rows).collect();
    curated.insert_rows(&after, &at_end);
    let problems = curated.validate();
    if !problems.is_empty() {
        return Err(Error::Curated {
            path: curated.path.clone(),
            problems,
        });
    }
    Ok(summary)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn curated() -> Curated {
        let text = "id,zh,en,status,note,source,date\n\
                    c0001,上海合作组织,Shanghai Cooperation Organization,preferred,,,\n\
                    c0002,三股势力,three evil forces,preferred,,,\n\
                    c0003,合作项目,,rejected,,,\n";
        Curated::parse(Path::new("curated.csv"), text.as_bytes()).unwrap()
    }

    fn term(zh: &str, en: &str, status: Option<Status>, concept: Option<&str>) -> ImportedTerm {
        ImportedTerm {
            zh: zh.into(),
            en: en.into(),
            status,
            concept: concept.map(String::from),
            cells: vec![("note".into(), "from a client".into())],
            decision: None,
            file: PathBuf::from("client.csv"),
            line: 2,
        }
    }

    #[test]
    fn merges_as_a_terminologist_expects() {
        let mut c = curated();
        let before = c.to_csv();
        let summary = apply(
            &mut c,
            vec![
                term(
                    "上海合作组织",
                    "Shanghai Cooperation Organization",
                    None,
                    Some("7"),
                ),
                term("上合组织", "SCO", Some(Status::Admitted), Some("7")),
                term("三股势力", "three forces", Some(Status::Preferred), None),
                term("合作项目", "cooperation project", None, None),
                term("上海精神", "Shanghai Spirit", None, Some("8")),
                term("", "empty", None, None),
            ],
            "2026-12-02",
        )
        .unwrap();
        let outcomes: Vec<&Outcome> = summary.applied.iter().map(|a| &a.outcome).collect();
        assert_eq!(outcomes[0], &Outcome::AlreadyCurated);
        assert_eq!(
            outcomes[1],
            &Outcome::Joined {
                id: "c0001".into(),
                status: Status::Admitted
            }
        );
        assert!(matches!(outcomes[2], Outcome::Conflict(c) if c.curated_en == "three evil forces"));
        assert_eq!(outcomes[3], &Outcome::Rejected);
        assert_eq!(
            outcomes[4],
            &Outcome::Added {
                id: "c0004".into(),
                status: Status::Preferred
            }
        );
        assert_eq!(outcomes[5], &Outcome::Incomplete);
        // The curated rows are all still there, in their order; new ones stand with their
        // concept and say where they came from.
        let after = c.to_csv();
        let old: Vec<&str> = before.lines().collect();
        let kept: Vec<&str> = after.lines().filter(|l| old.contains(l)).collect();
        assert_eq!(kept, old);
        let lines: Vec<&str> = after.lines().collect();
        assert_eq!(
            lines[2],
            "c0001,上合组织,SCO,admitted,from a client,imported from client.csv,2026-12-02"
        );
        assert!(lines[4].starts_with("c0002,三股势力,three forces,admitted,"));
        assert!(after.ends_with("c0004,上海精神,Shanghai Spirit,preferred,from a client,imported from client.csv,2026-12-02\n"));
    }
}
