//! Translation memories in the corpus: `.tmx` files in the corpus folder, and those given
//! apart (`BuildOptions::memories`), read as Chinese–English sentence pairs.
//!
//! Each memory is read whole with [`super::tmx`], its segments normalised like the lines of a
//! document (so that a term is found in them as it is in the texts). A memory that cannot be
//! read (not XML, not TMX, truncated) is a [`Problem`] naming its line, and none of it is
//! used: a half-read memory would give counts nobody could trust. Units without both a Chinese
//! and an English side are left out, counted in a warning that names the first of them.

use std::path::{Path, PathBuf};

use rayon::prelude::*;

use super::tmx::{self, TmxError};
use super::{Problem, Severity, normalize};
use crate::lang::Lang;

/// A translation memory read from the corpus.
#[derive(Debug, Clone, PartialEq)]
pub struct Memory {
    /// Its id: the path relative to the corpus folder, or as given when it lies outside.
    pub id: String,
    /// A hash of its bytes (the build's fingerprint holds it).
    pub hash: String,
    /// Its Chinese–English units, normalised, in file order.
    pub units: Vec<MemoryUnit>,
    /// Units left out (a side missing or empty).
    pub skipped: usize,
}

/// One unit of a translation memory.
#[derive(Debug, Clone, PartialEq)]
pub struct MemoryUnit {
    /// The Chinese segment (Simplified), normalised.
    pub zh: String,
    /// The English segment, normalised.
    pub en: String,
    /// Its year, from its creation date or a date property.
    pub year: Option<i32>,
    /// The line of its `<tu>`.
    pub line: usize,
}

/// A memory file to read: its id and where it is.
#[derive(Debug, Clone)]
pub(super) struct MemoryFile {
    pub id: String,
    pub path: PathBuf,
}

/// Reads every memory file, in parallel; what cannot be used goes to `problems`.
pub(super) fn read_all(files: &[MemoryFile], problems: &mut Vec<Problem>) -> Vec<Memory> {
    let read: Vec<(Option<Memory>, Vec<Problem>)> = files.par_iter().map(read_one).collect();
    let mut memories = Vec::new();
    for (memory, found) in read {
        memories.extend(memory);
        problems.extend(found);
    }
    memories
}

/// One memory, or why it cannot be used, with a warning for the units left out.
fn read_one(file: &MemoryFile) -> (Option<Memory>, Vec<Problem>) {
    let problem = |line: Option<u64>, severity, message: String| Problem {
        path: file.path.clone(),
        line,
        severity,
        message,
    };
    let bytes = match std::fs::read(&file.path) {
        Ok(bytes) => bytes,
        Err(e) => {
            let message = format!("cannot read this translation memory: {e}; skipped");
            return (None, vec![problem(None, Severity::Error, message)]);
        }
    };
    let read = match tmx::parse(&bytes) {
        Ok(read) => read,
        Err(err) => {
            let (line, message) = describe(&err);
            let message = format!(
                "{message}: not a readable TMX file; none of its units is used (fix the file, \
                 or move it out of the corpus)"
            );
            return (None, vec![problem(line, Severity::Error, message)]);
        }
    };
    let mut problems = Vec::new();
    if let Some(first) = read.skipped.first() {
        problems.push(problem(
            Some(first.line as u64),
            Severity::Warning,
            format!(
                "{} translation unit(s) without both a Chinese and an English segment left out \
                 (the first: {})",
                read.skipped.len(),
                first.reason
            ),
        ));
    }
    let units = read
        .units
        .into_iter()
        .map(|u| MemoryUnit {
            zh: normalize::line(&u.zh, Lang::Zh),
            en: normalize::line(&u.en, Lang::En),
            year: u.year,
            line: u.line,
        })
        .filter(|u| !u.zh.is_empty() && !u.en.is_empty())
        .collect();
    let memory = Memory {
        id: file.id.clone(),
        hash: blake3::hash(&bytes).to_hex().to_string(),
        units,
        skipped: read.skipped.len(),
    };
    (Some(memory), problems)
}

/// The line and the message of a reading error (the file is named by the problem itself).
fn describe(err: &TmxError) -> (Option<u64>, String) {
    match err {
        TmxError::Malformed {
            line,
            column,
            message,
            ..
        } => {
            let column = column.map(|c| format!("column {c}: ")).unwrap_or_default();
            (Some(*line as u64), format!("{column}{message}"))
        }
        TmxError::Encoding { reason, .. } => (None, reason.clone()),
        other => (None, other.to_string()),
    }
}

/// The memory files of the corpus (`ids` relative to `root`) and the ones given apart.
pub(super) fn files(root: &Path, ids: Vec<String>, extra: &[PathBuf]) -> Vec<MemoryFile> {
    let mut files: Vec<MemoryFile> = ids
        .into_iter()
        .map(|id| MemoryFile {
            path: root.join(&id),
            id,
        })
        .collect();
    for path in extra {
        let id = path.display().to_string();
        if !files.iter().any(|f| f.path == *path || f.id == id) {
            files.push(MemoryFile {
                id,
                path: path.clone(),
            });
        }
    }
    files
}

#[cfg(test)]
mod tests {
    use super::*;

    fn write(dir: &Path, name: &str, text: &str) -> MemoryFile {
        let path = dir.join(name);
        std::fs::write(&path, text).unwrap();
        MemoryFile {
            id: name.to_string(),
            path,
        }
    }

    #[test]
    fn units_are_normalised_and_a_broken_memory_is_a_problem_with_its_line() {
        let dir = tempfile::tempdir().unwrap();
        let good = write(
            dir.path(),
            "good.tmx",
            r#"<?xml version="1.0" encoding="UTF-8"?>
<tmx version="1.4"><header srclang="zh-CN"/><body>
<tu creationdate="20190315T120000Z">
  <tuv xml:lang="zh-CN"><seg>打击"三股势力",维护地区安全。</seg></tuv>
  <tuv xml:lang="en-US"><seg>Combat the  three evil forces.</seg></tuv>
</tu>
<tu><tuv xml:lang="zh-CN"><seg>只有中文</seg></tuv></tu>
</body></tmx>"#,
        );
        let broken = write(
            dir.path(),
            "broken.tmx",
            "<tmx version=\"1.4\"><body>\n<tu>\n<tuv xml:lang=\"zh\"><seg>断</seg>\n",
        );
        let mut problems = Vec::new();
        let memories = read_all(&[good, broken], &mut problems);
        assert_eq!(memories.len(), 1);
        let unit = &memories[0].units[0];
        assert_eq!(unit.zh, "打击“三股势力”，维护地区安全。");
        assert_eq!(unit.en, "Combat the three evil forces.");
        assert_eq!((unit.year, unit.line), (Some(2019), 3));
        assert_eq!(memories[0].skipped, 1);
        assert_eq!(problems.len(), 2, "{problems:?}");
        let warning = &problems[0];
        assert_eq!(
            (warning.severity, warning.line),
            (Severity::Warning, Some(7))
        );
        let error = &problems[1];
        assert_eq!(error.severity, Severity::Error);
        assert!(error.path.ends_with("broken.tmx"));
        assert!(error.line.is_some(), "{error}");
        assert!(
            error.message.contains("none of its units is used"),
            "{error}"
        );
    }
}
