//! What a build leaves for the next one to compare with: a fingerprint of every input and the
//! hash of every output it wrote.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::BuildOptions;
use super::stamp::QuickCheck;
use crate::cache::Cache;
use crate::corpus::memories::Memory;
use crate::error::{Error, Result};
use crate::folder::{GlossaryFolder, Output};
use crate::segment::Segmenter;

/// Bump when outputs change for the same inputs, so that a new version rebuilds.
const OUTPUT_VERSION: &str = "outputs 2";

/// A BLAKE3 hash of fields, each with its length first so that two fields never read as one.
pub(super) struct Fingerprint(blake3::Hasher);

impl Fingerprint {
    pub fn new() -> Fingerprint {
        Fingerprint(blake3::Hasher::new())
    }

    /// Adds a field.
    pub fn field(&mut self, bytes: impl AsRef<[u8]>) {
        let bytes = bytes.as_ref();
        self.0.update(&(bytes.len() as u64).to_le_bytes());
        self.0.update(bytes);
    }

    /// Adds bytes as they are (a hash already of fixed length).
    pub fn raw(&mut self, bytes: impl AsRef<[u8]>) {
        self.0.update(bytes.as_ref());
    }

    /// The hash, in hex.
    pub fn finish(&self) -> String {
        self.0.finalize().to_hex().to_string()
    }
}

/// What the previous build left in the cache folder.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub(super) struct State {
    /// Hash of every input.
    pub fingerprint: String,
    /// Output file name → BLAKE3 of its bytes.
    pub outputs: BTreeMap<String, String>,
    /// What the next build's quick check compares with (none when a file was too recent to
    /// be judged by its time).
    #[serde(default)]
    pub quick: Option<QuickCheck>,
}

impl State {
    /// What the last build in `folder` left; an empty state when there is none.
    pub fn read(folder: &GlossaryFolder) -> State {
        std::fs::read(folder.state())
            .ok()
            .and_then(|bytes| serde_json::from_slice(&bytes).ok())
            .unwrap_or_default()
    }

    /// Whether the previous build had these inputs and every output it wrote is still there,
    /// unchanged.
    pub fn is_current(&self, folder: &GlossaryFolder, fingerprint: &str) -> bool {
        self.fingerprint == fingerprint
            && !self.outputs.is_empty()
            && self.outputs.iter().all(|(name, hash)| {
                Output::from_file_name(name).is_some_and(|output| {
                    std::fs::read(folder.output(output))
                        .is_ok_and(|bytes| blake3::hash(&bytes).to_hex().as_str() == hash)
                })
            })
    }

    /// Writes it; the last write of a build (one interrupted before it is redone in full).
    pub fn write(&self, folder: &GlossaryFolder) -> Result<()> {
        let json = serde_json::to_vec_pretty(self).expect("state serialises");
        crate::fsutil::write_bytes_atomic(&folder.state(), &json)
    }
}

/// A hash of everything the outputs depend on: the program, the options, the curated file,
/// the segmenter, the manifest, every document's content and every translation memory's.
pub(super) fn fingerprint(
    options: &BuildOptions,
    curated: Option<&[u8]>,
    cache: &Cache,
    memories: &[Memory],
    segmenter: &Segmenter,
) -> Result<String> {
    let mut hash = settings(options, curated);
    hash.field(segmenter.fingerprint());
    let manifest = crate::corpus::manifest_path(&options.corpus, options.manifest.as_deref());
    match std::fs::read(&manifest) {
        Ok(bytes) => hash.field(bytes),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => hash.field(b"no manifest"),
        Err(e) => return Err(Error::read(&manifest, e)),
    }
    for (id, (record, _)) in cache.current() {
        hash.field(id);
        hash.field(record.hash);
    }
    for memory in memories {
        hash.field(&memory.id);
        hash.field(&memory.hash);
    }
    Ok(hash.finish())
}

/// The start of every hash of a build's inputs: the program, its options and the curated
/// file's bytes.
pub(super) fn settings(options: &BuildOptions, curated: Option<&[u8]>) -> Fingerprint {
    let mut hash = Fingerprint::new();
    hash.field(env!("CARGO_PKG_VERSION"));
    hash.field(OUTPUT_VERSION);
    hash.field(program_identity());
    hash.field(format!("{:?}", options.extract));
    hash.field(format!("{:?}", options.export));
    hash.field(curated.unwrap_or_default());
    hash
}

/// The running program's file, by size and modification time: a rebuilt or upgraded
/// `glossary` may write other outputs from the same input even where no version number
/// changed, so it never finds a previous program's outputs up to date.
pub(super) fn program_identity() -> String {
    std::env::current_exe()
        .and_then(std::fs::metadata)
        .map(|m| {
            let modified = m
                .modified()
                .ok()
                .and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok())
                .map_or(0, |d| d.as_nanos());
            format!("{} {modified}", m.len())
        })
        .unwrap_or_default()
}
