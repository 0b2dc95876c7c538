//! The quick check of a build with nothing to do: decided from the sizes and modification
//! times of the files, before any document or cache entry is loaded.
//!
//! The full check ([`super::state::fingerprint`]) hashes the content of every document, which
//! means loading each one from the cache: time and memory that grow with the corpus. Here the
//! build instead compares a hash of what the file system says about its inputs (the corpus
//! folder, the manifest, the translation memories, the program) and its outputs with what the
//! previous build recorded. Any difference, or any doubt, sends the build down the full path,
//! which stays the judge: this check can only say "up to date" where the full one would.
//!
//! Doubt is a file modified too recently to trust its time ("racy" in git's words: a file
//! written again within the same tick of the clock keeps its time). The inputs are stamped
//! when the build starts, so a file changed while the build runs is seen by the next one.

use std::path::Path;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use serde::{Deserialize, Serialize};

use super::BuildOptions;
use super::state::{Fingerprint, settings};
use crate::corpus::{Corpus, Problem};
use crate::folder::{GlossaryFolder, Output};
use crate::lang::Lang;

/// A file modified less than this long before a build started is not judged by its time.
const RACY_WINDOW: Duration = Duration::from_secs(2);

/// A file's size and modification time (nanoseconds since the Unix epoch).
pub(super) type FileTime = (u64, i128);

/// What the file system said about the inputs when a build started: a hash.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct InputStamp(String);

/// What a build that found nothing changed reports about the corpus, as the full build that
/// recorded it counted it.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub(super) struct CorpusSummary {
    pub documents: usize,
    pub chinese: usize,
    pub pairs: usize,
    pub problems: Vec<Problem>,
    /// Files the cache knows, all of which the next build would take from it.
    pub cached: usize,
}

impl CorpusSummary {
    /// The summary of a corpus read with `cached` files known to the cache.
    pub fn of(corpus: &Corpus, cached: usize) -> CorpusSummary {
        CorpusSummary {
            documents: corpus.documents.len(),
            chinese: corpus
                .documents
                .iter()
                .filter(|d| d.lang == Lang::Zh)
                .count(),
            pairs: corpus.translation_pairs().len(),
            problems: corpus.problems.clone(),
            cached,
        }
    }
}

/// What the quick check of the next build compares with.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub(super) struct QuickCheck {
    /// The inputs' stamp, taken when the recording build started.
    pub inputs: String,
    /// Output file name → size and modification time once written.
    pub outputs: Vec<(String, FileTime)>,
    /// The corpus as that build read it.
    pub summary: CorpusSummary,
}

impl InputStamp {
    /// Stamps the inputs of a build with these options and this curated file; `None` when a
    /// file cannot be read or was modified too recently to be judged by its time.
    pub fn take(options: &BuildOptions, curated: Option<&[u8]>) -> Option<InputStamp> {
        let trusted_before = SystemTime::now().checked_sub(RACY_WINDOW)?;
        let mut hash = settings(options, curated);
        let manifest = crate::corpus::manifest_path(&options.corpus, options.manifest.as_deref());
        hash.field(manifest.to_string_lossy().as_bytes());
        stamp_file(&mut hash, &manifest, trusted_before)?;
        for memory in &options.memories {
            hash.field(memory.to_string_lossy().as_bytes());
            stamp_file(&mut hash, memory, trusted_before)?;
        }
        stamp_folder(&mut hash, &options.corpus, &options.out, trusted_before)?;
        Some(InputStamp(hash.finish()))
    }
}

impl QuickCheck {
    /// Whether the previous build recorded these inputs, and its outputs are still as it left
    /// them.
    pub fn holds(&self, folder: &GlossaryFolder, inputs: &InputStamp) -> bool {
        self.inputs == inputs.0
            && !self.outputs.is_empty()
            && self.outputs.iter().all(|(name, recorded)| {
                Output::from_file_name(name)
                    .and_then(|output| file_time(&folder.output(output)))
                    .is_some_and(|now| now == *recorded)
            })
    }

    /// Records the outputs of `folder` named in `names`, as they are now; `None` when one cannot
    /// be read.
    pub fn record<'a>(
        folder: &GlossaryFolder,
        names: impl IntoIterator<Item = &'a String>,
        inputs: InputStamp,
        summary: CorpusSummary,
    ) -> Option<QuickCheck> {
        let outputs = names
            .into_iter()
            .map(|name| {
                let output = Output::from_file_name(name)?;
                Some((name.clone(), file_time(&folder.output(output))?))
            })
            .collect::<Option<Vec<_>>>()?;
        Some(QuickCheck {
            inputs: inputs.0,
            outputs,
            summary,
        })
    }
}

/// A file's size and modification time; `None` when it cannot be read or has no usable time.
fn file_time(path: &Path) -> Option<FileTime> {
    time_of(&std::fs::metadata(path).ok()?)
}

/// The size and modification time in `meta`; `None` without a usable time.
fn time_of(meta: &std::fs::Metadata) -> Option<FileTime> {
    let modified = meta.modified().ok()?;
    let nanos = modified.duration_since(UNIX_EPOCH).ok()?.as_nanos() as i128;
    Some((meta.len(), nanos))
}

/// Adds a file's size and time to the stamp; `None` when it was modified at or after
/// `trusted_before`, or has no usable time.
fn stamp_meta(
    hash: &mut Fingerprint,
    meta: &std::fs::Metadata,
    trusted_before: SystemTime,
) -> Option<()> {
    if meta.modified().ok()? >= trusted_before {
        return None;
    }
    let (size, nanos) = time_of(meta)?;
    hash.field(size.to_le_bytes());
    hash.field(nanos.to_le_bytes());
    Some(())
}

/// Adds a file's size and time (or its absence) to the stamp; `None` when it is too recent.
fn stamp_file(hash: &mut Fingerprint, path: &Path, trusted_before: SystemTime) -> Option<()> {
    match std::fs::metadata(path) {
        Ok(meta) => stamp_meta(hash, &meta, trusted_before),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            hash.field(b"absent");
            Some(())
        }
        Err(_) => None,
    }
}

/// Adds every file of the corpus folder, as the corpus reader walks it, by path, size and
/// time. Every file counts, not only documents: a change anywhere sends the build down the
/// full path, which decides what it means. An output folder inside the corpus is left out:
/// the build itself changes it.
fn stamp_folder(
    hash: &mut Fingerprint,
    root: &Path,
    out: &Path,
    trusted_before: SystemTime,
) -> Option<()> {
    let out = std::fs::canonicalize(out).ok();
    let output = |entry: &walkdir::DirEntry| {
        entry.file_type().is_dir()
            && out.is_some()
            && std::fs::canonicalize(entry.path()).ok() == out
    };
    for entry in crate::corpus::walk_folder(root, output) {
        let entry = entry.ok()?;
        if !entry.file_type().is_file() {
            continue;
        }
        let relative = entry.path().strip_prefix(root).ok()?;
        hash.field(relative.to_string_lossy().as_bytes());
        stamp_meta(hash, &entry.metadata().ok()?, trusted_before)?;
    }
    Some(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::export::ExportOptions;
    use crate::extract::ExtractOptions;
    use crate::lock::WhenLocked;

    fn options(corpus: &Path) -> BuildOptions {
        BuildOptions {
            corpus: corpus.to_path_buf(),
            manifest: None,
            memories: Vec::new(),
            curated: corpus.join("curated.csv"),
            out: corpus.join("out"),
            extract: ExtractOptions::default(),
            export: ExportOptions::default(),
            force: false,
            when_locked: WhenLocked::Refuse,
            hold_texts: false,
        }
    }

    fn age(path: &Path, seconds: u64) {
        let file = std::fs::File::options().write(true).open(path).unwrap();
        file.set_modified(SystemTime::now() - Duration::from_secs(seconds))
            .unwrap();
    }

    #[test]
    fn a_stamp_changes_with_a_file_and_is_withheld_for_a_recent_one() {
        let dir = tempfile::tempdir().unwrap();
        let doc = dir.path().join("a.txt");
        std::fs::write(&doc, "上海精神。").unwrap();
        assert_eq!(InputStamp::take(&options(dir.path()), None), None);
        age(&doc, 60);
        let first = InputStamp::take(&options(dir.path()), None).unwrap();
        assert_eq!(
            InputStamp::take(&options(dir.path()), None),
            Some(first.clone())
        );
        assert_ne!(
            InputStamp::take(&options(dir.path()), Some(b"x")),
            Some(first.clone())
        );
        std::fs::write(&doc, "上海精神！").unwrap();
        age(&doc, 30);
        let second = InputStamp::take(&options(dir.path()), None).unwrap();
        assert_ne!(first, second);
        // A hidden entry is not part of the corpus.
        std::fs::write(dir.path().join(".notes"), "x").unwrap();
        assert_eq!(InputStamp::take(&options(dir.path()), None), Some(second));
    }
}
