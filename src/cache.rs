//! The build cache: what `glossary build` keeps between runs so that it only reads and
//! segments the documents whose content changed.
//!
//! It lives in one folder (`glossary/.cache/` by default, which git ignores):
//!
//! ```text
//! .cache/v3/files.json        id → size, modification time, BLAKE3 hash of the file
//! .cache/v3/index.bin         entry key → (pack, offset, length)
//! .cache/v3/packs/<n>.pack    entries, one after another
//! .cache/v3/<name>.memo       whole-corpus results kept for the next build (term counts)
//! ```
//!
//! An entry is either a parsed document (`docs/<hash>-<lang>`: layout, sentences, year
//! evidence) or its jieba tokens for one segmenter (`tokens/<hash>-<segmenter>`). Each build
//! appends the entries it makes to one new pack file, and the index is replaced (atomically)
//! when the build finishes. One file per entry cost a cold build of 13,000 documents a third
//! of its time in the kernel creating 26,000 files; a pack is one file. Packs are read entry
//! by entry (positioned reads, not a mapping whose pages would count in the build's memory)
//! and never changed once written; when more than half of the packed bytes belong to entries
//! no document uses any more, the live entries are copied into a fresh pack and the old packs
//! are deleted.
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

use crate::corpus::{self, Loaded, Problem, Severity};
use crate::extract::tokens::DocTokens;
use crate::fsutil;
use crate::lang::Lang;

/// The format version: bump it whenever a cached type or the layout changes.
const FORMAT: &str = "v8";

/// Where an entry lies.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
struct Slot {
    pack: u32,
    offset: u64,
    len: u64,
}

/// The pack this build appends to, created at its first entry.
#[derive(Debug, Default)]
struct PackWriter {
    file: Option<(u32, std::io::BufWriter<std::fs::File>)>,
    offset: u64,
    slots: BTreeMap<String, Slot>,
}

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
    /// The entries of previous builds.
    index: BTreeMap<String, Slot>,
    /// The packs those entries are in, open for reading.
    packs: BTreeMap<u32, Pack>,
    writer: Mutex<PackWriter>,
    /// The key of each document's parsed entry, by id, for documents read back
    /// ([`Cache::document`]).
    doc_keys: Mutex<BTreeMap<String, String>>,
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
        // An index that does not check out, or a pack that cannot be opened, only means that
        // its entries are read again.
        let mut index: BTreeMap<String, Slot> = std::fs::read(dir.join("index.bin"))
            .ok()
            .and_then(|bytes| checked_payload(&bytes).and_then(|p| postcard::from_bytes(p).ok()))
            .unwrap_or_default();
        let mut packs = BTreeMap::new();
        for pack in index.values().map(|s| s.pack).collect::<BTreeSet<u32>>() {
            if let Some(open) = Pack::open(&pack_path(&dir, pack)) {
                packs.insert(pack, open);
            }
        }
        index.retain(|_, slot| {
            packs
                .get(&slot.pack)
                .is_some_and(|p| slot.offset.saturating_add(slot.len) <= p.len)
        });
        Cache {
            dir,
            previous,
            current: Mutex::new(BTreeMap::new()),
            failures: Mutex::new(Vec::new()),
            index,
            packs,
            writer: Mutex::new(PackWriter::default()),
            doc_keys: Mutex::new(BTreeMap::new()),
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

    /// Entries that could not be written (the build goes on without them), and what could
    /// not be read back ([`Cache::note_failure`]).
    pub fn failures(&self) -> Vec<String> {
        self.failures.lock().expect("cache lock").clone()
    }

    /// Loads a document as [`corpus::load`] does, from the cache when its content is there.
    pub fn load(&self, root: &Path, id: &str, lang: Option<Lang>) -> Loaded {
        let path = root.join(id);
        let meta = match std::fs::metadata(&path) {
            Ok(meta) => meta,
            Err(_) => return corpus::load(root, id, lang), // it reports the error
        };
        let size = meta.len();
        if let Some(problem) = corpus::too_large(&path, size) {
            return Err(problem);
        }
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
            self.note_key(id, doc_key(&record.hash, lang_key));
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
            self.note_key(id, key);
            return relocated(loaded, root, id);
        }
        let loaded = corpus::parse(root, id, &bytes, lang);
        // An unreadable file is read again next time: its problem may be fixed in place.
        let keep = !matches!(&loaded, Err(p) if p.severity == Severity::Error);
        if keep && self.put(&key, &loaded) {
            self.note_key(id, key);
        }
        self.note(id, record, Origin::Read);
        loaded
    }

    /// Whether the document `id`, loaded in this run, can be read back by
    /// [`Cache::document`].
    pub fn has_document(&self, id: &str) -> bool {
        self.doc_keys.lock().expect("cache lock").contains_key(id)
    }

    /// The document `id` as [`Cache::load`] gave it in this run, read back from the cache
    /// (from a previous build's pack or this one's).
    pub fn document(&self, root: &Path, id: &str) -> Option<corpus::Document> {
        let key = self.doc_keys.lock().expect("cache lock").get(id)?.clone();
        let loaded: Loaded = self.get(&key).or_else(|| self.get_written(&key))?;
        relocated(loaded, root, id).ok()
    }

    /// Records that something the build needed from the cache failed (reported with
    /// [`Cache::failures`]).
    pub fn note_failure(&self, what: String) {
        self.failures.lock().expect("cache lock").push(what);
    }

    fn note_key(&self, id: &str, key: String) {
        let mut keys = self.doc_keys.lock().expect("cache lock");
        keys.insert(id.to_string(), key);
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

    /// A value kept by [`Cache::put_memo`] under `name`, if it is there, intact, and was made
    /// by `maker` (the program that made it: a memo of another build of the tool, whose code
    /// may count differently under the same version number, is not used).
    pub fn memo<T: DeserializeOwned>(&self, name: &str, maker: &str) -> Option<T> {
        let bytes = std::fs::read(self.memo_path(name)).ok()?;
        let (made_by, value): (String, T) = postcard::from_bytes(checked_payload(&bytes)?).ok()?;
        (made_by == maker).then_some(value)
    }

    /// Keeps `value` under `name` for the next build (replaced atomically; a failure is
    /// recorded in [`Cache::failures`], and the next build does without it).
    pub fn put_memo<T: Serialize>(&self, name: &str, maker: &str, value: &T) {
        let path = self.memo_path(name);
        let written = postcard::to_stdvec(&(maker, value))
            .map_err(|e| e.to_string())
            .and_then(|payload| {
                fsutil::write_bytes_atomic(&path, &framed(&payload)).map_err(|e| e.to_string())
            });
        if let Err(e) = written {
            let mut failures = self.failures.lock().expect("cache lock");
            failures.push(format!("{}: {e}", path.display()));
        }
    }

    fn memo_path(&self, name: &str) -> PathBuf {
        self.dir.join(format!("{name}.memo"))
    }

    /// Records the files seen in this run, writes the index of the entries still in use
    /// (documents deleted or edited and tokens of another segmenter are dropped), and
    /// deletes or compacts the packs.
    pub fn finish(&self, segmenter: &str) -> crate::Result<()> {
        let current = self.current();
        let records: BTreeMap<&String, &FileRecord> = current
            .iter()
            .map(|(id, (record, _))| (id, record))
            .collect();
        let hashes: BTreeSet<&str> = records.values().map(|r| r.hash.as_str()).collect();
        // Keys are `docs/<hash>-<lang>` and `tokens/<hash>-<segmenter>`.
        let in_use = |key: &str| {
            let (folder, name) = key.split_once('/').unwrap_or(("", key));
            let Some((hash, rest)) = name.split_once('-') else {
                return false;
            };
            hashes.contains(hash) && (folder == "docs" || rest == segmenter)
        };
        let mut writer = self.writer.lock().expect("cache lock");
        let mut new_slots = std::mem::take(&mut writer.slots);
        let new_pack = match writer.file.take() {
            Some((pack, mut file)) => match std::io::Write::flush(&mut file) {
                Ok(()) => Some(pack),
                Err(e) => {
                    // The pack may be incomplete: its entries are made again next time.
                    let mut failures = self.failures.lock().expect("cache lock");
                    failures.push(format!("{}: {e}", pack_path(&self.dir, pack).display()));
                    new_slots.clear();
                    None
                }
            },
            None => None,
        };
        let mut index: BTreeMap<String, Slot> = self.index.clone();
        index.extend(new_slots);
        index.retain(|key, _| in_use(key));
        let live: u64 = index.values().map(|s| s.len).sum();
        let packed: u64 = self.packs.values().map(|p| p.len).sum::<u64>() + writer.offset;
        if packed > 2 * live + (1 << 20) {
            index = self.compact(&index, new_pack)?;
        }
        let payload = postcard::to_stdvec(&index).expect("the index serialises");
        fsutil::write_bytes_atomic(&self.dir.join("index.bin"), &framed(&payload))?;
        let json = serde_json::to_vec_pretty(&records).expect("records serialise");
        fsutil::write_bytes_atomic(&self.dir.join("files.json"), &json)?;
        // Packs no entry points into any more (a stale one costs only disk space).
        let used: BTreeSet<u32> = index.values().map(|s| s.pack).collect();
        if let Ok(entries) = std::fs::read_dir(self.dir.join("packs")) {
            for entry in entries.flatten() {
                let name = entry.file_name().to_string_lossy().into_owned();
                let pack = name
                    .strip_suffix(".pack")
                    .and_then(|n| n.parse::<u32>().ok());
                if pack.is_none_or(|p| !used.contains(&p)) {
                    let _ = std::fs::remove_file(entry.path());
                }
            }
        }
        self.remove_older_formats();
        Ok(())
    }

    /// Copies the live entries into one fresh pack; the index that points into it.
    fn compact(
        &self,
        index: &BTreeMap<String, Slot>,
        new_pack: Option<u32>,
    ) -> crate::Result<BTreeMap<String, Slot>> {
        let fresh = self.next_pack().max(new_pack.map_or(0, |p| p + 1));
        let path = pack_path(&self.dir, fresh);
        let new_open = new_pack.and_then(|p| Pack::open(&pack_path(&self.dir, p)));
        let mut compacted = BTreeMap::new();
        // Entry after entry into the new pack: the live entries are gigabytes in a large
        // archive's cache.
        fsutil::write_atomic(&path, |out| {
            let mut offset = 0u64;
            for (key, slot) in index {
                let source = if Some(slot.pack) == new_pack {
                    new_open.as_ref()
                } else {
                    self.packs.get(&slot.pack)
                };
                let Some(entry) = source.and_then(|p| p.entry(slot)) else {
                    continue;
                };
                out.write_all(&entry)?;
                compacted.insert(
                    key.clone(),
                    Slot {
                        pack: fresh,
                        offset,
                        len: slot.len,
                    },
                );
                offset += slot.len;
            }
            Ok(())
        })?;
        Ok(compacted)
    }

    /// The number of the next pack: one past the highest in the folder.
    fn next_pack(&self) -> u32 {
        std::fs::read_dir(self.dir.join("packs"))
            .into_iter()
            .flatten()
            .flatten()
            .filter_map(|e| {
                let name = e.file_name().to_string_lossy().into_owned();
                name.strip_suffix(".pack")?.parse::<u32>().ok()
            })
            .max()
            .map_or(0, |n| n + 1)
    }

    /// Removes the folders of other cache formats (`v1` … beside this one): nothing reads
    /// them any more.
    fn remove_older_formats(&self) {
        let Some(parent) = self.dir.parent() else {
            return;
        };
        let Ok(entries) = std::fs::read_dir(parent) else {
            return;
        };
        for entry in entries.flatten() {
            let name = entry.file_name().to_string_lossy().into_owned();
            let is_format = name
                .strip_prefix('v')
                .is_some_and(|n| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()));
            if is_format && name != FORMAT {
                let _ = std::fs::remove_dir_all(entry.path());
            }
        }
    }

    fn note(&self, id: &str, record: FileRecord, origin: Origin) {
        let mut current = self.current.lock().expect("cache lock");
        current.insert(id.to_string(), (record, origin));
    }

    fn get<T: DeserializeOwned>(&self, key: &str) -> Option<T> {
        let slot = self.index.get(key)?;
        let entry = self.packs.get(&slot.pack)?.entry(slot)?;
        postcard::from_bytes(checked_payload(&entry)?).ok()
    }

    /// An entry this run appended, read back from its pack.
    fn get_written<T: DeserializeOwned>(&self, key: &str) -> Option<T> {
        let mut writer = self.writer.lock().expect("cache lock");
        let slot = *writer.slots.get(key)?;
        let (_, file) = writer.file.as_mut()?;
        std::io::Write::flush(file).ok()?;
        let entry = read_at(file.get_ref(), slot.offset, slot.len)?;
        drop(writer);
        postcard::from_bytes(checked_payload(&entry)?).ok()
    }

    /// Appends an entry; whether it was written (a failure is recorded in
    /// [`Cache::failures`]).
    fn put<T: Serialize>(&self, key: &str, value: &T) -> bool {
        let bytes = framed(&postcard::to_stdvec(value).expect("cached types serialise"));
        let mut writer = self.writer.lock().expect("cache lock");
        match self.append(&mut writer, key, &bytes) {
            Ok(()) => true,
            Err(e) => {
                let mut failures = self.failures.lock().expect("cache lock");
                failures.push(format!("{}: {e}", self.dir.join("packs").display()));
                false
            }
        }
    }

    fn append(&self, writer: &mut PackWriter, key: &str, bytes: &[u8]) -> std::io::Result<()> {
        if writer.file.is_none() {
            std::fs::create_dir_all(self.dir.join("packs"))?;
            let pack = self.next_pack();
            // Read as well as written: a build reads back the documents it let go.
            let file = std::fs::OpenOptions::new()
                .read(true)
                .write(true)
                .create(true)
                .truncate(true)
                .open(pack_path(&self.dir, pack))?;
            writer.file = Some((pack, std::io::BufWriter::with_capacity(1 << 20, file)));
            writer.offset = 0;
        }
        let (pack, file) = writer.file.as_mut().expect("opened above");
        std::io::Write::write_all(file, bytes)?;
        let slot = Slot {
            pack: *pack,
            offset: writer.offset,
            len: bytes.len() as u64,
        };
        writer.offset += bytes.len() as u64;
        writer.slots.insert(key.to_string(), slot);
        Ok(())
    }
}

impl corpus::DocumentSource for Cache {
    fn load(&self, root: &Path, id: &str, lang: Option<Lang>) -> Loaded {
        Cache::load(self, root, id, lang)
    }
}

/// An entry as stored: the magic string, the BLAKE3 hash of the payload, the payload.
fn framed(payload: &[u8]) -> Vec<u8> {
    let mut bytes = Vec::with_capacity(MAGIC.len() + 32 + payload.len());
    bytes.extend_from_slice(MAGIC);
    bytes.extend_from_slice(blake3::hash(payload).as_bytes());
    bytes.extend_from_slice(payload);
    bytes
}

/// The payload of a stored entry, if its magic string and hash check out.
fn checked_payload(bytes: &[u8]) -> Option<&[u8]> {
    let (header, payload) = bytes.split_at_checked(MAGIC.len() + 32)?;
    let (magic, hash) = header.split_at(MAGIC.len());
    (magic == MAGIC && hash == blake3::hash(payload).as_bytes()).then_some(payload)
}

/// A pack of a previous build, read entry by entry (not mapped: a mapped pack's pages count
/// in the build's memory, gigabytes for a large archive).
#[derive(Debug)]
struct Pack {
    file: std::fs::File,
    len: u64,
}

impl Pack {
    fn open(path: &Path) -> Option<Pack> {
        let file = std::fs::File::open(path).ok()?;
        let len = file.metadata().ok()?.len();
        Some(Pack { file, len })
    }

    /// The bytes of the entry at `slot`, if the pack holds them.
    fn entry(&self, slot: &Slot) -> Option<Vec<u8>> {
        if slot.offset.checked_add(slot.len)? > self.len {
            return None;
        }
        read_at(&self.file, slot.offset, slot.len)
    }
}

/// `len` bytes of `file` from `offset`, without moving a shared position (threads read one
/// pack at once).
fn read_at(file: &std::fs::File, offset: u64, len: u64) -> Option<Vec<u8>> {
    let mut bytes = vec![0u8; usize::try_from(len).ok()?];
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileExt;
        file.read_exact_at(&mut bytes, offset).ok()?;
    }
    #[cfg(windows)]
    {
        use std::os::windows::fs::FileExt;
        let mut done = 0;
        while done < bytes.len() {
            let n = file
                .seek_read(&mut bytes[done..], offset + done as u64)
                .ok()?;
            if n == 0 {
                return None;
            }
            done += n;
        }
    }
    #[cfg(not(any(unix, windows)))]
    {
        let _ = (file, offset);
        return None;
    }
    Some(bytes)
}

fn pack_path(dir: &Path, pack: u32) -> PathBuf {
    dir.join("packs").join(format!("{pack}.pack"))
}

fn doc_key(hash: &str, lang: &str) -> String {
    format!("docs/{hash}-{lang}")
}

fn tokens_key(hash: &str, segmenter: &str) -> String {
    format!("tokens/{hash}-{segmenter}")
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
        let packs = store.path().join(FORMAT).join("packs");
        for entry in std::fs::read_dir(&packs).unwrap() {
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
    fn a_truncated_pack_or_index_is_a_miss_not_a_wrong_answer() {
        let corpus = corpus_with(&[("a.txt", SPEECH)]);
        let store = tempfile::tempdir().unwrap();
        let cache = Cache::open(store.path());
        cache.load(corpus.path(), "a.txt", None).unwrap();
        cache.finish("seg").unwrap();
        let v = store.path().join(FORMAT);
        for entry in std::fs::read_dir(v.join("packs")).unwrap() {
            let path = entry.unwrap().path();
            let bytes = std::fs::read(&path).unwrap();
            std::fs::write(&path, &bytes[..bytes.len() / 2]).unwrap();
        }
        let cache = Cache::open(store.path());
        cache.load(corpus.path(), "a.txt", None).unwrap();
        assert_eq!(cache.current()["a.txt"].1, Origin::Read);
        cache.finish("seg").unwrap();
        std::fs::write(v.join("index.bin"), b"glcache1 garbage").unwrap();
        let cache = Cache::open(store.path());
        let doc = cache.load(corpus.path(), "a.txt", None).unwrap();
        assert_eq!(cache.current()["a.txt"].1, Origin::Read);
        assert_eq!(doc.year, Some(2014));
    }

    #[test]
    fn packs_of_dead_entries_are_compacted_away() {
        let big = "我们要坚持上海精神，弘扬和平共处五项原则。".repeat(20_000);
        let corpus = corpus_with(&[("a.txt", SPEECH), ("b.txt", &big)]);
        let store = tempfile::tempdir().unwrap();
        let cache = Cache::open(store.path());
        for id in ["a.txt", "b.txt"] {
            cache.load(corpus.path(), id, None).unwrap();
        }
        cache.finish("seg").unwrap();
        std::fs::remove_file(corpus.path().join("b.txt")).unwrap();
        let cache = Cache::open(store.path());
        cache.load(corpus.path(), "a.txt", None).unwrap();
        cache.finish("seg").unwrap();
        let packs: Vec<PathBuf> = std::fs::read_dir(store.path().join(FORMAT).join("packs"))
            .unwrap()
            .map(|e| e.unwrap().path())
            .collect();
        assert_eq!(packs.len(), 1, "{packs:?}");
        assert!(std::fs::metadata(&packs[0]).unwrap().len() < 100_000);
        let cache = Cache::open(store.path());
        cache.load(corpus.path(), "a.txt", None).unwrap();
        assert_eq!(cache.current()["a.txt"].1, Origin::Cached);
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
        let reopened = Cache::open(store.path());
        let count = |folder: &str| {
            reopened
                .index
                .keys()
                .filter(|k| k.starts_with(&format!("{folder}/")))
                .count()
        };
        assert_eq!(count("docs"), 1);
        assert_eq!(count("tokens"), 1);
        let hash = cache.hash_of("a.txt").unwrap();
        assert_eq!(cache.tokens(&hash, "new"), Some(DocTokens::default()));
        assert_eq!(cache.tokens(&hash, "old"), None);
    }
}
