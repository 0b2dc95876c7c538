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
    pub(crate) fn read(path: impl Into<PathBuf>, source: std::io::Error) -> Self {
        Error::Read {
            path: path.into(),
            source,
        }
    }
}
