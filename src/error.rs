//! The library's error type.
//!
//! Every variant names the operation that failed and the input it failed on (a path, and a line
//! where there is one), so the binary can print it as is and the user knows what to fix.

use std::path::PathBuf;

/// A `Result` whose error is [`Error`].
pub type Result<T, E = Error> = std::result::Result<T, E>;

/// Everything the library can fail with.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// A file or folder could not be read.
    #[error("cannot read {}: {source}", path.display())]
    Read {
        /// What was being read.
        path: PathBuf,
        /// Why it failed.
        source: std::io::Error,
    },
    /// The corpus folder does not exist or is not a folder.
    #[error("corpus folder {} {what}", path.display())]
    CorpusRoot {
        /// The folder given.
        path: PathBuf,
        /// "does not exist", "is not a folder" …
        what: &'static str,
    },
    /// The corpus folder holds no document the reader accepts.
    #[error(
        "no documents in {}: put .txt or .md files there (hidden files and other extensions are ignored)",
        path.display()
    )]
    EmptyCorpus {
        /// The folder given.
        path: PathBuf,
    },
    /// A document's bytes are not text in an encoding we read.
    #[error("{}: {reason}", path.display())]
    Decode {
        /// The document.
        path: PathBuf,
        /// What was found instead of text, and what to do.
        reason: String,
    },
    /// A CSV file (manifest, glossary) is malformed.
    #[error("{}{}: {message}", path.display(), line.map(|l| format!(", line {l}")).unwrap_or_default())]
    Csv {
        /// The CSV file.
        path: PathBuf,
        /// 1-based line of the record, where known.
        line: Option<u64>,
        /// What is wrong and what to do.
        message: String,
    },
    /// Another build holds the lock of the output folder.
    #[error(
        "another glossary build is writing to {} ({}, lock {})",
        folder.display(),
        holder.map(|pid| format!("process {pid}")).unwrap_or_else(|| "process unknown".into()),
        lock.display()
    )]
    Locked {
        /// The output folder.
        folder: PathBuf,
        /// The lock file.
        lock: PathBuf,
        /// The process holding it, as it wrote itself in the lock file.
        holder: Option<u32>,
    },
    /// Writing an export to its stream failed.
    #[error("cannot write the export")]
    Output(#[source] std::io::Error),
    /// An output could not be written.
    #[error("cannot write {}: {source}", path.display())]
    Write {
        /// The file being written.
        path: PathBuf,
        /// Why it failed.
        source: std::io::Error,
    },
    /// The curated glossary has errors; nothing was written.
    #[error("{} has {} error(s), nothing was written:\n  {}", path.display(), problems.len(), problems.join("\n  "))]
    Curated {
        /// The curated glossary.
        path: PathBuf,
        /// Each error, with its line and column.
        problems: Vec<String>,
    },
    /// A change asked of the curated glossary clashes with what it holds.
    #[error(transparent)]
    Edit(#[from] crate::glossary::edit::EditError),
    /// A termbase to import cannot be read as one.
    #[error(transparent)]
    Import(#[from] crate::glossary::import::ImportError),
    /// The glossary folder holds no built glossary.
    #[error("no built glossary in {}", folder.display())]
    NotBuilt {
        /// The glossary folder.
        folder: PathBuf,
    },
    /// A merged glossary (`glossary.csv`) that a build did not write, or that was damaged.
    #[error("{}{}: {what}", path.display(), line.map(|l| format!(", line {l}")).unwrap_or_default())]
    NotAGlossary {
        /// The file.
        path: PathBuf,
        /// 1-based line, where known.
        line: Option<u64>,
        /// What is wrong.
        what: String,
    },
    /// A file given to the aligner cannot be aligned as it is.
    #[error("{} {what}", path.display())]
    AlignInput {
        /// The file.
        path: PathBuf,
        /// What is wrong, and what to do.
        what: String,
    },
    /// A lookup query that cannot be looked up.
    #[error("{0}")]
    Query(String),
    /// The lookup index cannot be used (it is damaged or of another version).
    #[error("lookup index {} {what}", path.display())]
    Index {
        /// The index file.
        path: PathBuf,
        /// What is wrong, and what to do.
        what: &'static str,
    },
    /// A file named on the command line is not part of the corpus and cannot be read alone.
    #[error("{}: {what}", path.display())]
    NotADocument {
        /// The path given.
        path: PathBuf,
        /// Why it is not a document.
        what: String,
    },
}

impl Error {
    /// An I/O error while writing an export to a stream (the caller adds which file).
    pub fn from_io(source: std::io::Error) -> Self {
        Error::Output(source)
    }

    /// A CSV error while writing an export.
    pub fn from_csv(source: csv::Error) -> Self {
        match source.into_kind() {
            csv::ErrorKind::Io(io) => Error::Output(io),
            other => Error::Output(std::io::Error::other(format!("{other:?}"))),
        }
    }

    pub(crate) fn read(path: impl Into<PathBuf>, source: std::io::Error) -> Self {
        Error::Read {
            path: path.into(),
            source,
        }
    }
}
