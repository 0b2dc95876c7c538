//! The glossary folder (`glossary/` by default): the one place that knows its layout.
//!
//! ```text
//! glossary/
//!   curated.csv            people's, only read by a build
//!   glossary.csv  glossary.tbx  glossary.export.csv  glossary-omegat.txt  memory.tmx  report.html
//!   .cache/                lookup.idx, sentences.bin, build.json, build.lock, the document cache
//! ```
//!
//! Commands ask a [`GlossaryFolder`] for a path or for what a build left there (the merged
//! glossary, the aligned sentence pairs, the lookup index) instead of spelling file names.

use std::path::{Path, PathBuf};

use crate::align::SentenceUnit;
use crate::error::{Error, Result};
use crate::glossary::merged::{Glossary, RowTotal};
use crate::lookup::{self, Index};

/// The curated glossary's file name.
pub const CURATED_CSV: &str = "curated.csv";

/// A file a build writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Output {
    /// The merged glossary.
    GlossaryCsv,
    /// TBX-Basic 2008.
    GlossaryTbx,
    /// CSV for spreadsheets and CAT tools.
    ExportCsv,
    /// OmegaT's glossary.
    OmegatTxt,
    /// The translation memory.
    MemoryTmx,
    /// The HTML report.
    ReportHtml,
    /// The lookup index (in the cache folder).
    LookupIndex,
    /// The aligned sentence pairs, for `export` to write a memory again (in the cache folder).
    Sentences,
}

impl Output {
    /// Every output, in the order a build writes them.
    pub const ALL: [Output; 8] = [
        Output::GlossaryCsv,
        Output::GlossaryTbx,
        Output::ExportCsv,
        Output::OmegatTxt,
        Output::MemoryTmx,
        Output::ReportHtml,
        Output::LookupIndex,
        Output::Sentences,
    ];

    /// Its file name.
    pub fn file_name(self) -> &'static str {
        match self {
            Output::GlossaryCsv => "glossary.csv",
            Output::GlossaryTbx => "glossary.tbx",
            Output::ExportCsv => "glossary.export.csv",
            Output::OmegatTxt => "glossary-omegat.txt",
            Output::MemoryTmx => "memory.tmx",
            Output::ReportHtml => "report.html",
            Output::LookupIndex => "lookup.idx",
            Output::Sentences => "sentences.bin",
        }
    }

    /// The output of a file name.
    pub fn from_file_name(name: &str) -> Option<Output> {
        Output::ALL.into_iter().find(|o| o.file_name() == name)
    }

    /// Whether it lives in the cache folder (what people read stays at the top).
    fn in_cache(self) -> bool {
        matches!(self, Output::LookupIndex | Output::Sentences)
    }
}

/// A glossary folder.
#[derive(Debug, Clone)]
pub struct GlossaryFolder {
    root: PathBuf,
}

impl GlossaryFolder {
    /// The folder at `root` (which need not exist yet).
    pub fn new(root: impl Into<PathBuf>) -> GlossaryFolder {
        GlossaryFolder { root: root.into() }
    }

    /// The folder itself.
    pub fn root(&self) -> &Path {
        &self.root
    }

    /// The curated glossary.
    pub fn curated(&self) -> PathBuf {
        self.root.join(CURATED_CSV)
    }

    /// Where `output` is written.
    pub fn output(&self, output: Output) -> PathBuf {
        let dir = if output.in_cache() {
            self.cache()
        } else {
            self.root.clone()
        };
        dir.join(output.file_name())
    }

    /// The cache folder (deleting it is always safe).
    pub fn cache(&self) -> PathBuf {
        self.root.join(".cache")
    }

    /// The lock file of builds writing here.
    pub fn lock(&self) -> PathBuf {
        self.cache().join("build.lock")
    }

    /// What the last build saw and wrote.
    pub fn state(&self) -> PathBuf {
        self.cache().join("build.json")
    }

    /// The merged glossary of the last build.
    pub fn read_glossary(&self) -> Result<Glossary> {
        let path = self.output(Output::GlossaryCsv);
        if !path.is_file() {
            return Err(Error::NotBuilt {
                folder: self.root.clone(),
            });
        }
        Glossary::read(&path)
    }

    /// Each row's term, status and total in the glossary.csv the last build left
    /// ([`Glossary::read_totals`]).
    pub fn read_glossary_totals(&self) -> Result<Vec<RowTotal>> {
        Glossary::read_totals(&self.output(Output::GlossaryCsv))
    }

    /// The aligned sentence pairs the last build kept; `None` when it kept none readable
    /// (an older or damaged cache).
    pub fn read_sentences(&self) -> Option<Vec<SentenceUnit>> {
        let bytes = std::fs::read(self.output(Output::Sentences)).ok()?;
        postcard::from_bytes(&bytes).ok()
    }

    /// The lookup index of the last build or, when the cache was deleted (as in a fresh
    /// clone with the outputs committed), one made in memory from glossary.csv.
    pub fn lookup_index(&self) -> Result<Index> {
        let path = self.output(Output::LookupIndex);
        if path.is_file() {
            return Index::open(&path);
        }
        let merged = self.read_glossary()?;
        Ok(Index::from_cards(&lookup::cards(
            &merged,
            std::collections::HashMap::new(),
        )))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_output_has_one_name_and_one_place() {
        let folder = GlossaryFolder::new("g");
        for output in Output::ALL {
            assert_eq!(Output::from_file_name(output.file_name()), Some(output));
        }
        assert_eq!(
            folder.output(Output::GlossaryCsv),
            Path::new("g/glossary.csv")
        );
        assert_eq!(
            folder.output(Output::LookupIndex),
            Path::new("g/.cache/lookup.idx")
        );
        assert_eq!(folder.curated(), Path::new("g/curated.csv"));
    }

    #[test]
    fn a_folder_never_built_says_so() {
        let dir = tempfile::tempdir().unwrap();
        let folder = GlossaryFolder::new(dir.path());
        assert!(matches!(
            folder.read_glossary(),
            Err(Error::NotBuilt { .. })
        ));
        assert!(matches!(folder.lookup_index(), Err(Error::NotBuilt { .. })));
        assert!(folder.read_sentences().is_none());
    }
}
