//! The build cache: what `glossary build` keeps between runs so that it only reads and
//! segments the documents whose content changed.
//!
//! It lives in one folder (`glossary/.cache/` by default, which git ignores):
//!
//! ```text
//! .cache/v1/files.json              id → size, modification time, BLAKE3 hash of the file
//! .cache/v1/docs/<hash>-<lang>.bin  the parsed document (layout, sentences, year evidence)
//! .cache/v1/tokens/<hash>-<seg>.bin its jieba tokens, for one segmenter (dictionary + terms)
//! ```
//!
//! A file whose size and modification time are those recorded is not even opened; a file that
//! was touched but holds the same bytes is read and hashed, and found again by its hash.
//! Entries are keyed by content, so a renamed or copied document costs nothing.
//!
//! Every entry starts with a magic string and the BLAKE3 hash of its payload: a truncated or
//! corrupted entry is a miss (and is written again), never a wrong answer. The folder name
//! carries the format version, so a tool whose types changed never reads an older entry.
//! The cache is only ever an accelerator: deleting it is always safe.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::time::UNIX_EPOCH;

use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};

use crate::candidates::DocTokens;
use crate::corpus::{self, Loaded, Problem, Severity};
use crate::fsutil;
use crate::lang::Lang;

/// The format version: bump it whenever a cached type changes shape.
const FORMAT: &str = "v1";

/// What every entry starts with, before the hash of its payload.
const MAGIC: &[u8; 8] = b"glcache1";

/// How a file was last seen.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FileRecord {
    /// Its size in bytes.
    pub size: u64,
    /// Its modification time, in nanoseconds since the Unix epoch.
    pub modified: i128,
    /// The BLAKE3 hash of its bytes, in hex.
    pub hash: String,
}

/// Where a document came from in this run.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Origin {
    /// Read and parsed.
    Read,
    /// Parsed before: taken from the cache without opening the file.
    Cached,
    /// Opened and hashed (it was touched), but its content was in the cache.
    Rehashed,
}

/// The cache of one build folder.
#[derive(Debug)]
pub struct Cache {
    dir: PathBuf,
    previous: BTreeMap<String, FileRecord>,
    current: Mutex<BTreeMap<String, (FileRecord, Origin)>>,
    failures: Mutex<Vec<String>>,
}

impl Cache {
    /// Opens (or starts) the cache in `dir`. A missing or unreadable record of files is an
    /// empty one: everything is read again.
    pub fn open(dir: &Path) -> Cache {
        let dir = dir.join(FORMAT);
        let previous = std::fs::read(dir.join("files.json"))
            .ok()
            .and_then(|bytes| serde_json::from_slice(&bytes).ok())
            .unwrap_or_default();
        Cache {
            dir,
            previous,
            current: Mutex::new(BTreeMap::new()),
            failures: Mutex::new(Vec::new()),
        }
    }

    /// The files recorded by the previous run: id → record.
    pub fn previous(&self) -> &BTreeMap<String, FileRecord> {
        &self.previous
    }

    /// The files seen in this run: id → (record, where the document came from).
    pub fn current(&self) -> BTreeMap<String, (FileRecord, Origin)> {
        self.current.lock().expect("cache lock").clone()
    }

    /// The content hash of a document seen in this run.
    pub fn hash_of(&self, id: &str) -> Option<String> {
        let current = self.current.lock().expect("cache lock");
        current.get(id).map(|(record, _)| record.hash.clone())
    }

    /// Entries that could not be written (the build goes on without them).
    pub fn failures(&self) -> Vec<String> {
        self.failures.lock().expect("cache lock").clone()
    }

    /// Loads a document as [`corpus::load`] does, from the cache when its content is there.
    /// Use it as the loader of [`corpus::Corpus::read_with`].
    pub fn load(&self, root: &Path, id: &str, lang: Option<Lang>) -> Loaded {
        let path = root.join(id);
        let meta = match std::fs::metadata(&path) {
            Ok(meta) => meta,
            Err(_) => return corpus::load(root, id, lang), // it reports the error
        };
        let size = meta.len();
        let modified = meta
            .modified()
            .ok()
            .and_then(|t| t.duration_since(UNIX_EPOCH).ok())
            .map_or(0, |d| d.as_nanos() as i128);
        let lang_key = lang.map_or("auto", |l| l.code());
        if let Some(record) = self.previous.get(id)
            && record.size == size
            && record.modified == modified
            && modified != 0
            && let Some(loaded) = self.get::<Loaded>(&doc_key(&record.hash, lang_key))
        {
            self.note(id, record.clone(), Origin::Cached);
            return relocated(loaded, root, id);
        }
        let bytes = match std::fs::read(&path) {
            Ok(bytes) => bytes,
            Err(_) => return corpus::load(root, id, lang),
        };
        let hash = blake3::hash(&bytes).to_hex().to_string();
        let record = FileRecord {
            size: bytes.len() as u64,
            modified,
            hash: hash.clone(),
        };
        let key = doc_key(&hash, lang_key);
        if let Some(loaded) = self.get::<Loaded>(&key) {
            self.note(id, record, Origin::Rehashed);
            return relocated(loaded, root, id);
        }
        let loaded = corpus::parse(root, id, &bytes, lang);
        // An unreadable file is read again next time: its problem may be fixed in place.
        let keep = !matches!(&loaded, Err(p) if p.severity == Severity::Error);
        if keep {
            self.put(&key, &loaded);
        }
        self.note(id, record, Origin::Read);
        loaded
    }

    /// The cached tokens of the document with content `hash`, for segmenter `segmenter`
    /// (a fingerprint of its dictionary).
    pub fn tokens(&self, hash: &str, segmenter: &str) -> Option<DocTokens> {
        self.get(&tokens_key(hash, segmenter))
    }

    /// Keeps the tokens of the document with content `hash`.
    pub fn put_tokens(&self, hash: &str, segmenter: &str, tokens: &DocTokens) {
        self.put(&tokens_key(hash, segmenter), tokens);
    }

    /// Records the files seen in this run and removes the entries no file uses any more
    /// (documents deleted or edited, tokens of another segmenter).
    pub fn finish(&self, segmenter: &str) -> crate::Result<()> {
        let current = self.current();
        let records: BTreeMap<&String, &FileRecord> = current
            .iter()
            .map(|(id, (record, _))| (id, record))
            .collect();
        let json = serde_json::to_vec_pretty(&records).expect("records serialise");
        fsutil::write_bytes_atomic(&self.dir.join("files.json"), &json)?;
        let hashes: BTreeSet<&str> = records.values().map(|r| r.hash.as_str()).collect();
        // Entries are `<hash>-<lang>.bin` and `<hash>-<segmenter>.bin`.
        let in_use = |name: &str, segmenter: Option<&str>| {
            let Some((hash, rest)) = name.strip_suffix(".bin").and_then(|n| n.split_once('-'))
            else {
                return false;
            };
            hashes.contains(hash) && segmenter.is_none_or(|seg| rest == seg)
        };
        for (folder, segmenter) in [("docs", None), ("tokens", Some(segmenter))] {
            let Ok(entries) = std::fs::read_dir(self.dir.join(folder)) else {
                continue;
            };
            for entry in entries.flatten() {
                if !in_use(&entry.file_name().to_string_lossy(), segmenter) {
                    // A stale entry that cannot be removed costs only disk space.
                    let _ = std::fs::remove_file(entry.path());
                }
            }
        }
        Ok(())
    }

    fn note(&self, id: &str, record: FileRecord, origin: Origin) {
        let mut current = self.current.lock().expect("cache lock");
        current.insert(id.to_string(), (record, origin));
    }

    fn get<T: DeserializeOwned>(&self, key: &str) -> Option<T> {
        let bytes = std::fs::read(self.dir.join(key)).ok()?;
        let (header, payload) = bytes.split_at_checked(MAGIC.len() + 32)?;
        let (magic, hash) = header.split_at(MAGIC.len());
        if magic != MAGIC || hash != blake3::hash(payload).as_bytes() {
            return None;
        }
        postcard::from_bytes(payload).ok()
    }

    fn put<T: Serialize>(&self, key: &str, value: &T) {
        let payload = postcard::to_stdvec(value).expect("cached types serialise");
        let mut bytes = Vec::with_capacity(MAGIC.len() + 32 + payload.len());
        bytes.extend_from_slice(MAGIC);
        bytes.extend_from_slice(blake3::hash(&payload).as_bytes());
        bytes.extend_from_slice(&payload);
        let path = self.dir.join(key);
        let written = path
            .parent()
            .map_or(Ok(()), std::fs::create_dir_all)
            .map_err(|e| e.to_string())
            .and_then(|()| fsutil::write_bytes_unsynced(&path, &bytes).map_err(|e| e.to_string()));
        if let Err(e) = written {
            let mut failures = self.failures.lock().expect("cache lock");
            failures.push(format!("{}: {e}", path.display()));
        }
    }
}

fn doc_key(hash: &str, lang: &str) -> String {
    format!("docs/{hash}-{lang}.bin")
}

fn tokens_key(hash: &str, segmenter: &str) -> String {
    format!("tokens/{hash}-{segmenter}.bin")
}

/// A cached document under the id and path it has now (the same content may have had another
/// name when it was cached).
fn relocated(loaded: Loaded, root: &Path, id: &str) -> Loaded {
    let path = root.join(id);
    match loaded {
        Ok(mut doc) => {
            doc.id = id.to_string();
            doc.path = path;
            Ok(doc)
        }
        Err(problem) => Err(Problem { path, ..problem }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn corpus_with(files: &[(&str, &str)]) -> tempfile::TempDir {
        let dir = tempfile::tempdir().unwrap();
        for (name, text) in files {
            std::fs::write(dir.path().join(name), text).unwrap();
        }
        dir
    }

    const SPEECH: &str = "# 讲话\n\n（2014年9月12日，杜尚别）\n\n我们要坚持上海精神。\n";

    #[test]
    fn second_load_comes_from_the_cache_and_equals_the_first() {
        let corpus = corpus_with(&[("a.txt", SPEECH)]);
        let store = tempfile::tempdir().unwrap();
        let first = Cache::open(store.path());
        let read = first.load(corpus.path(), "a.txt", None).unwrap();
        assert_eq!(first.current()["a.txt"].1, Origin::Read);
        first.finish("seg").unwrap();

        let second = Cache::open(store.path());
        let cached = second.load(corpus.path(), "a.txt", None).unwrap();
        assert_eq!(second.current()["a.txt"].1, Origin::Cached);
        assert_eq!(
            serde_json::to_string(&read).unwrap(),
            serde_json::to_string(&cached).unwrap()
        );
    }

    #[test]
    fn same_content_under_a_new_name_is_found_by_its_hash() {
        let corpus = corpus_with(&[("a.txt", SPEECH)]);
        let store = tempfile::tempdir().unwrap();
        let cache = Cache::open(store.path());
        cache.load(corpus.path(), "a.txt", None).unwrap();
        cache.finish("seg").unwrap();
        std::fs::write(corpus.path().join("b.txt"), SPEECH).unwrap();
        let cache = Cache::open(store.path());
        let doc = cache.load(corpus.path(), "b.txt", None).unwrap();
        assert_eq!(cache.current()["b.txt"].1, Origin::Rehashed);
        assert_eq!(doc.id, "b.txt");
        assert_eq!(doc.path, corpus.path().join("b.txt"));
    }

    #[test]
    fn a_corrupted_entry_is_a_miss_not_a_wrong_answer() {
        let corpus = corpus_with(&[("a.txt", SPEECH)]);
        let store = tempfile::tempdir().unwrap();
        let cache = Cache::open(store.path());
        cache.load(corpus.path(), "a.txt", None).unwrap();
        cache.finish("seg").unwrap();
        let docs = store.path().join(FORMAT).join("docs");
        for entry in std::fs::read_dir(&docs).unwrap() {
            let path = entry.unwrap().path();
            let mut bytes = std::fs::read(&path).unwrap();
            let last = bytes.len() - 1;
            bytes[last] ^= 0xff;
            std::fs::write(&path, bytes).unwrap();
        }
        let cache = Cache::open(store.path());
        let doc = cache.load(corpus.path(), "a.txt", None).unwrap();
        assert_eq!(cache.current()["a.txt"].1, Origin::Read);
        assert_eq!(doc.year, Some(2014));
    }

    #[test]
    fn finish_removes_entries_of_deleted_documents_and_old_segmenters() {
        let corpus = corpus_with(&[
            ("a.txt", SPEECH),
            ("b.txt", "上合组织峰会在阿斯塔纳举行。\n"),
        ]);
        let store = tempfile::tempdir().unwrap();
        let cache = Cache::open(store.path());
        for id in ["a.txt", "b.txt"] {
            cache.load(corpus.path(), id, None).unwrap();
            let hash = cache.hash_of(id).unwrap();
            cache.put_tokens(&hash, "old", &DocTokens::default());
            cache.put_tokens(&hash, "new", &DocTokens::default());
        }
        cache.finish("new").unwrap();
        std::fs::remove_file(corpus.path().join("b.txt")).unwrap();
        let cache = Cache::open(store.path());
        cache.load(corpus.path(), "a.txt", None).unwrap();
        cache.finish("new").unwrap();
        let count = |folder: &str| {
            std::fs::read_dir(store.path().join(FORMAT).join(folder))
                .unwrap()
                .count()
        };
        assert_eq!(count("docs"), 1);
        assert_eq!(count("tokens"), 1);
        let hash = cache.hash_of("a.txt").unwrap();
        assert_eq!(cache.tokens(&hash, "new"), Some(DocTokens::default()));
        assert_eq!(cache.tokens(&hash, "old"), None);
    }
}
