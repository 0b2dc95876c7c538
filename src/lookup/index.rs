//! The index file: a finite-state transducer from every key to its cards, and the cards.
//!
//! ```text
//! "glidx002" | fst length u64 | postings length u64 | cards u64
//! fst | postings (u32 each: card << 2 | how it matched) | card offsets (u64 each, cards + 1) | cards (postcard)
//! ```

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use fst::{IntoStreamer, Map, MapBuilder, Streamer};

use super::card::Card;
use super::fuzzy::Form;
use super::{Answer, Found, MatchKind, Suggestion, english_key, pinyin_key, query_forms};
use crate::error::{Error, Result};
use crate::fsutil;
use crate::glossary::Status;

/// What the index file starts with; a new layout gets a new magic.
const MAGIC: &[u8; 8] = b"glidx002";

/// The keys of every card: key → (card, how it matches), sorted by key.
fn keys(cards: &[Card]) -> BTreeMap<String, Vec<u32>> {
    let mut keys: BTreeMap<String, Vec<u32>> = BTreeMap::new();
    let mut add = |key: String, card: usize, kind: MatchKind| {
        if key.is_empty() {
            return;
        }
        let posting = ((card as u32) << 2) | kind.code();
        let list = keys.entry(key).or_default();
        if !list.contains(&posting) {
            list.push(posting);
        }
    };
    let own: BTreeSet<&str> = cards.iter().map(|c| c.zh.as_str()).collect();
    for (i, card) in cards.iter().enumerate() {
        add(card.zh.clone(), i, MatchKind::Chinese);
        for v in card.variants.iter().filter(|v| !own.contains(v.as_str())) {
            add(v.clone(), i, MatchKind::Variant);
        }
        for en in card.en.iter().chain(card.alternates.iter().map(|a| &a.en)) {
            add(english_key(en), i, MatchKind::English);
        }
        if let Some(p) = pinyin_key(&card.zh) {
            add(p, i, MatchKind::Pinyin);
        }
    }
    keys
}

/// Writes the lookup index of `cards` to `path` (atomically).
pub fn write_index(cards: &[Card], path: &Path) -> Result<()> {
    let bytes = index_bytes(cards);
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir).map_err(|source| Error::Write {
            path: dir.to_path_buf(),
            source,
        })?;
    }
    fsutil::write_bytes_atomic(path, &bytes)
}

/// The index file's bytes.
pub fn index_bytes(cards: &[Card]) -> Vec<u8> {
    let keys = keys(cards);
    let mut postings: Vec<u32> = Vec::new();
    let mut builder = MapBuilder::memory();
    for (key, list) in &keys {
        // The value packs where the key's postings start and how many there are.
        let value = ((postings.len() as u64) << 16) | list.len().min(0xffff) as u64;
        postings.extend(list.iter().take(0xffff));
        builder
            .insert(key.as_bytes(), value)
            .expect("keys are inserted in order");
    }
    let fst = builder.into_inner().expect("an in-memory transducer");
    // Sized once: grown by doubling, the last copy of a file of hundreds of MB held the old
    // buffer and one twice as long at once, and that was a large build's peak.
    let encoded: usize = cards
        .iter()
        .map(|card| {
            postcard::serialize_with_flavor::<_, postcard::ser_flavors::Size, usize>(
                card,
                postcard::ser_flavors::Size::default(),
            )
            .expect("cards serialise")
        })
        .sum();
    let size =
        MAGIC.len() + 3 * 8 + fst.len() + postings.len() * 4 + (cards.len() + 1) * 8 + encoded;
    let mut out = Vec::with_capacity(size);
    out.extend_from_slice(MAGIC);
    out.extend_from_slice(&(fst.len() as u64).to_le_bytes());
    out.extend_from_slice(&(postings.len() as u64 * 4).to_le_bytes());
    out.extend_from_slice(&(cards.len() as u64).to_le_bytes());
    out.extend_from_slice(&fst);
    for p in &postings {
        out.extend_from_slice(&p.to_le_bytes());
    }
    // The table of card offsets, filled in as the cards are encoded after it: the cards are
    // not held encoded apart (hundreds of MB for a large glossary).
    let table = out.len();
    out.resize(table + (cards.len() + 1) * 8, 0);
    let first = out.len();
    for (i, card) in cards.iter().enumerate() {
        out = postcard::to_extend(card, out).expect("cards serialise");
        let offset = (out.len() - first) as u64;
        let at = table + (i + 1) * 8;
        out[at..at + 8].copy_from_slice(&offset.to_le_bytes());
    }
    debug_assert_eq!(out.len(), size, "the index was sized exactly");
    out
}

/// Where an index's bytes live: mapped from a file, or in memory.
enum Bytes {
    Mapped(memmap2::Mmap),
    Owned(Vec<u8>),
}

impl std::ops::Deref for Bytes {
    type Target = [u8];
    fn deref(&self) -> &[u8] {
        match self {
            Bytes::Mapped(m) => m,
            Bytes::Owned(v) => v,
        }
    }
}

/// An open lookup index.
pub struct Index {
    path: PathBuf,
    bytes: Bytes,
    fst: std::ops::Range<usize>,
    postings: std::ops::Range<usize>,
    offsets: std::ops::Range<usize>,
    cards_start: usize,
    cards: usize,
}

impl std::fmt::Debug for Index {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Index")
            .field("path", &self.path)
            .field("cards", &self.cards)
            .finish_non_exhaustive()
    }
}

impl Index {
    /// Opens the index written by a build.
    pub fn open(path: &Path) -> Result<Index> {
        let file = std::fs::File::open(path).map_err(|e| Error::read(path, e))?;
        // SAFETY: the index is written whole to a temporary file and renamed into place, never
        // modified in place, so the mapped bytes do not change under us.
        let map = unsafe { memmap2::Mmap::map(&file) }.map_err(|e| Error::read(path, e))?;
        Index::from_bytes(path, Bytes::Mapped(map))
    }

    /// An index built in memory from cards (when no index file is at hand).
    pub fn from_cards(cards: &[Card]) -> Index {
        Index::from_bytes(Path::new("<memory>"), Bytes::Owned(index_bytes(cards)))
            .expect("an index just built is well formed")
    }

    fn from_bytes(path: &Path, bytes: Bytes) -> Result<Index> {
        let bad = || Error::Index {
            path: path.to_path_buf(),
            what: "is damaged or from another version of glossary",
        };
        let word = |at: usize| -> Result<usize> {
            let b = bytes.get(at..at + 8).ok_or_else(bad)?;
            usize::try_from(u64::from_le_bytes(b.try_into().expect("8 bytes"))).map_err(|_| bad())
        };
        if bytes.get(..8) != Some(MAGIC.as_slice()) {
            return Err(bad());
        }
        let (fst_len, postings_len, cards) = (word(8)?, word(16)?, word(24)?);
        let fst = 32..32usize.checked_add(fst_len).ok_or_else(bad)?;
        let postings = fst.end..fst.end.checked_add(postings_len).ok_or_else(bad)?;
        let offsets_len = cards
            .checked_add(1)
            .and_then(|n| n.checked_mul(8))
            .ok_or_else(bad)?;
        let offsets = postings.end..postings.end.checked_add(offsets_len).ok_or_else(bad)?;
        if offsets.end > bytes.len() || Map::new(&bytes[fst.clone()]).is_err() {
            return Err(bad());
        }
        let index = Index {
            path: path.to_path_buf(),
            cards_start: offsets.end,
            bytes,
            fst,
            postings,
            offsets,
            cards,
        };
        if index.cards_start.checked_add(index.card_offset(cards)?) != Some(index.bytes.len()) {
            return Err(bad());
        }
        Ok(index)
    }

    /// Number of cards.
    pub fn len(&self) -> usize {
        self.cards
    }

    /// Whether the index holds no card.
    pub fn is_empty(&self) -> bool {
        self.cards == 0
    }

    fn map(&self) -> Map<&[u8]> {
        Map::new(&self.bytes[self.fst.clone()]).expect("checked when opened")
    }

    fn damaged(&self) -> Error {
        Error::Index {
            path: self.path.clone(),
            what: "is damaged",
        }
    }

    fn card_offset(&self, i: usize) -> Result<usize> {
        let at = self.offsets.start + i * 8;
        let b = self.bytes.get(at..at + 8).ok_or_else(|| self.damaged())?;
        usize::try_from(u64::from_le_bytes(b.try_into().expect("8 bytes")))
            .map_err(|_| self.damaged())
    }

    /// The card at `i`.
    pub fn card(&self, i: usize) -> Result<Card> {
        let (start, end) = (self.card_offset(i)?, self.card_offset(i + 1)?);
        let bytes = self
            .bytes
            .get(self.cards_start + start..self.cards_start + end)
            .ok_or_else(|| self.damaged())?;
        postcard::from_bytes(bytes).map_err(|_| self.damaged())
    }

    /// Every card's keyword-in-context lines, by Chinese term (more than glossary.csv's one:
    /// the review workbook shows two).
    pub fn contexts_by_term(
        &self,
    ) -> Result<std::collections::HashMap<String, Vec<crate::extract::count::Context>>> {
        (0..self.cards)
            .map(|i| self.card(i).map(|card| (card.zh, card.contexts)))
            .collect()
    }

    fn postings(&self, value: u64) -> Vec<(usize, MatchKind)> {
        let (start, count) = ((value >> 16) as usize, (value & 0xffff) as usize);
        let base = self.postings.start;
        (start..start + count)
            .filter_map(|p| {
                let b = self.bytes.get(base + p * 4..base + p * 4 + 4)?;
                let posting = u32::from_le_bytes(b.try_into().expect("4 bytes"));
                let kind = MatchKind::ALL[(posting & 3) as usize];
                Some(((posting >> 2) as usize, kind))
            })
            .collect()
    }

    /// Looks `query` up: Chinese, variant, English, pinyin, in that order; suggestions when
    /// nothing matches.
    pub fn lookup(&self, query: &str) -> Result<Answer> {
        let map = self.map();
        for (kind, key) in query_forms(query)? {
            let Some(value) = map.get(key.as_bytes()) else {
                continue;
            };
            let hits: Vec<usize> = self
                .postings(value)
                .into_iter()
                .filter(|(_, k)| *k == kind)
                .map(|(card, _)| card)
                .collect();
            if hits.is_empty() {
                continue;
            }
            let mut cards = hits
                .into_iter()
                .map(|i| self.card(i))
                .collect::<Result<Vec<_>>>()?;
            // The most frequent first; the glossary order breaks ties.
            cards.sort_by_key(|c| std::cmp::Reverse(c.total));
            return Ok(Answer::Found(Found {
                matched_by: kind,
                cards,
            }));
        }
        Ok(Answer::NotFound(self.suggest(query, 5)?))
    }

    /// The keys closest to `query`, at most `limit`, best first: keys that contain the query,
    /// or are within a few edits of it (normalised Levenshtein similarity over characters).
    ///
    /// A scan over every key: it runs only when a query found nothing. (fst's own Levenshtein
    /// automaton misses edits of non-ASCII characters, BurntSushi/fst#38, so it cannot serve
    /// Chinese.)
    pub fn suggest(&self, query: &str, limit: usize) -> Result<Vec<Suggestion>> {
        // The forms a query is looked up by often coincide (a Chinese query is its own
        // lower-case and pinyin form): compare each distinct one once.
        let mut distinct: Vec<String> = Vec::new();
        for (_, key) in query_forms(query)? {
            if !distinct.contains(&key) {
                distinct.push(key);
            }
        }
        let forms: Vec<Form> = distinct.iter().map(|f| Form::new(f)).collect();
        // Keys are sorted by bytes, so those that start with an ASCII character (English,
        // pinyin) come before the Chinese ones: a form is compared only with the keys of its
        // own script, which halves the scan. (A Chinese query thus misses keys that start with
        // Latin letters, such as G20峰会.)
        let map = self.map();
        let ascii = |f: &&Form| f.text.is_ascii();
        let latin: Vec<_> = forms.iter().filter(ascii).collect();
        let other: Vec<_> = forms.iter().filter(|f| !ascii(f)).collect();
        let mut scored: Vec<(f64, String, u64)> = Vec::new();
        for (forms, range) in [
            (latin, map.range().lt([0x80])),
            (other, map.range().ge([0x80])),
        ] {
            if forms.is_empty() {
                continue;
            }
            let mut stream = range.into_stream();
            while let Some((key, value)) = stream.next() {
                let Ok(key) = std::str::from_utf8(key) else {
                    continue;
                };
                let chars = key.chars().count();
                let mut best = 0.0f64;
                for form in &forms {
                    best = best.max(form.similarity(key, chars));
                }
                if best >= 0.5 {
                    scored.push((best, key.to_string(), value));
                }
            }
        }
        scored.sort_by(|a, b| b.0.total_cmp(&a.0).then_with(|| a.1.cmp(&b.1)));
        let mut seen = BTreeSet::new();
        let mut out = Vec::new();
        for (similarity, key, value) in scored {
            if out.len() == limit {
                break;
            }
            let Some(&(card, _)) = self.postings(value).first() else {
                continue;
            };
            if !seen.insert(card) {
                continue;
            }
            let card = self.card(card)?;
            if card.status == Status::Rejected.name() {
                continue; // not a term: never worth suggesting
            }
            out.push(Suggestion {
                key,
                zh: card.zh,
                en: card.en,
                similarity,
            });
        }
        Ok(out)
    }
}
