//! `glossary lookup`: answering for one term from the built glossary, at once.
//!
//! A build writes an index beside its outputs (`glossary/.cache/lookup.idx`): one [`Card`] per
//! Chinese term of the merged glossary, and a finite-state transducer ([`fst`]) from every way
//! of asking for it to the cards. The keys of a card are
//!
//! - its Chinese, normalised as corpus text is;
//! - the Chinese variants of its concept (上合组织 finds 上海合作组织 when 上合组织 has no card
//!   of its own);
//! - each English rendering, lower-cased (reverse lookup: `shanghai spirit` finds 上海精神);
//! - its pinyin without tones or spaces (`sangushili`).
//!
//! The file is memory-mapped and only the cards found are decoded, so a lookup costs the same
//! for ten entries as for a hundred thousand. A query that matches no key gets the closest keys
//! (strsim) as suggestions.
//!
//! ```text
//! "glidx001" | fst length u64 | postings length u64 | cards u64
//! fst | postings (u32 each: card << 2 | how it matched) | card offsets (u64 each, cards + 1) | cards (postcard)
//! ```

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::{Path, PathBuf};

use aho_corasick::AhoCorasick;
use fst::{IntoStreamer, Map, MapBuilder, Streamer};
use indexmap::IndexMap;
use pinyin::ToPinyin;
use serde::{Deserialize, Serialize};

use crate::align::propose::Proposal;
use crate::error::{Error, Result};
use crate::extract::count::Context;
use crate::fsutil;
use crate::glossary::Status;
use crate::glossary::merged::{Merged, Row, RowStatus};
use crate::lang::{self, Lang};
use crate::normalize;

/// What the index file starts with; a new layout gets a new magic.
const MAGIC: &[u8; 8] = b"glidx001";

/// How many related (longer, shorter) terms a card lists.
const RELATED: usize = 6;

/// An English rendering of a term other than its main one.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Alternate {
    /// The English.
    pub en: String,
    /// Its status (`admitted`, `deprecated` …).
    pub status: String,
}

/// Everything the glossary knows about one Chinese term.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Card {
    /// The Chinese term.
    pub zh: String,
    /// Its English: the preferred rendering (or the first admitted one); `null` for a
    /// candidate nobody has translated.
    pub en: Option<String>,
    /// Other English renderings, with their status.
    pub alternates: Vec<Alternate>,
    /// `preferred`, `admitted`, `deprecated`, `superseded`, `rejected` or `candidate`.
    pub status: String,
    /// The concept id (shared with its variants).
    pub id: String,
    /// Type of term (`organization`, `slogan` …), where known.
    #[serde(rename = "type")]
    pub term_type: Option<String>,
    /// Other Chinese forms of the same concept.
    pub variants: Vec<String>,
    /// Occurrences in the corpus.
    pub total: u64,
    /// Occurrences by year (`None`: documents without a year).
    #[serde(with = "crate::year::counts")]
    pub by_year: crate::year::ByYear,
    /// First year it occurs in.
    pub first_year: Option<i32>,
    /// Last year it occurs in.
    pub last_year: Option<i32>,
    /// Number of documents it occurs in.
    pub docs: u32,
    /// Keyword-in-context lines, spread over documents.
    pub contexts: Vec<Context>,
    /// Longer terms of the glossary that contain it, most frequent first.
    pub longer: Vec<String>,
    /// Shorter terms of the glossary it contains, most frequent first.
    pub shorter: Vec<String>,
    /// English proposed by alignment (for a candidate), best first.
    pub proposed: Vec<Proposal>,
    /// Curated terms it looks like (for a candidate).
    pub similar_to: Vec<String>,
    /// Part of speech.
    pub pos: String,
    /// Subject field.
    pub subject: String,
    /// Definition.
    pub definition: String,
    /// The curator's note.
    pub note: String,
    /// Where the translation comes from.
    pub source: String,
}

/// How a query matched a card.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum MatchKind {
    /// The card's own Chinese.
    Chinese,
    /// A Chinese variant of the card's concept.
    Variant,
    /// One of its English renderings.
    English,
    /// Its pinyin.
    Pinyin,
}

impl MatchKind {
    const ALL: [MatchKind; 4] = [
        MatchKind::Chinese,
        MatchKind::Variant,
        MatchKind::English,
        MatchKind::Pinyin,
    ];

    fn code(self) -> u32 {
        self as u32
    }
}

/// A query that found something.
#[derive(Debug, Clone, Serialize)]
pub struct Found {
    /// How it matched.
    pub matched_by: MatchKind,
    /// The cards found, best first (several when an English rendering or abbreviation is
    /// shared).
    pub cards: Vec<Card>,
}

/// A near key, offered when a query finds nothing.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Suggestion {
    /// The key as indexed (Chinese, lower-case English or pinyin).
    pub key: String,
    /// The Chinese term it leads to.
    pub zh: String,
    /// Its English, if any.
    pub en: Option<String>,
    /// Similarity to the query, 0 … 1.
    pub similarity: f64,
}

/// The answer to a query.
#[derive(Debug, Clone)]
pub enum Answer {
    /// Found.
    Found(Found),
    /// Not found; the closest keys.
    NotFound(Vec<Suggestion>),
}

/// A query form, prepared for comparing with many keys.
struct Form<'a> {
    text: &'a str,
    chars: usize,
    finder: memchr::memmem::Finder<'a>,
    bigrams: Signature,
}

impl<'a> Form<'a> {
    fn new(text: &'a str) -> Form<'a> {
        Form {
            text,
            chars: text.chars().count(),
            finder: memchr::memmem::Finder::new(text),
            bigrams: Signature::of(text),
        }
    }

    /// How close `key` (of `chars` characters) is, 0 … 1; 0 for keys not worth an edit
    /// distance.
    fn similarity(&self, key: &str, chars: usize) -> f64 {
        let n = self.chars;
        if n >= 2 && chars > n && self.finder.find(key.as_bytes()).is_some() {
            // A part of a longer term: the closer in length, the better.
            return 0.5 + 0.5 * n as f64 / chars as f64;
        }
        if chars.abs_diff(n) > (n / 3).max(2) || !self.shares_a_character(key) {
            return 0.0;
        }
        // A long key with few of the query's character pairs is many edits away: skip the
        // quadratic edit distance (most English and pinyin keys of a large glossary).
        if n >= 6 && self.bigrams.share_of(&Signature::of(key)) < 0.4 {
            return 0.0;
        }
        strsim::normalized_levenshtein(self.text, key)
    }

    /// Whether the key has a character of the form: two strings with none are at least as
    /// many edits apart as the longer is long.
    fn shares_a_character(&self, key: &str) -> bool {
        self.text.chars().any(|c| key.contains(c))
    }
}

/// The character pairs of a string, hashed into 256 bits.
struct Signature([u64; 4]);

impl Signature {
    fn of(text: &str) -> Signature {
        let mut bits = [0u64; 4];
        let mut chars = text.chars();
        let Some(mut prev) = chars.next() else {
            return Signature(bits);
        };
        for c in chars {
            let pair = (u64::from(prev) << 32) | u64::from(c);
            let h = (pair.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> 56) as usize;
            bits[h >> 6] |= 1 << (h & 63);
            prev = c;
        }
        Signature(bits)
    }

    /// The share of this signature's bits the other has too.
    fn share_of(&self, other: &Signature) -> f64 {
        let own: u32 = self.0.iter().map(|w| w.count_ones()).sum();
        let common: u32 = self
            .0
            .iter()
            .zip(&other.0)
            .map(|(a, b)| (a & b).count_ones())
            .sum();
        if own == 0 {
            1.0
        } else {
            f64::from(common) / f64::from(own)
        }
    }
}

/// The normalised forms of a query, by how they are looked up.
fn query_forms(query: &str) -> Result<Vec<(MatchKind, String)>> {
    if !query.chars().any(lang::is_word_char) {
        return Err(Error::Query(format!(
            "{query:?}: nothing to look up (no letter or Chinese character): give a Chinese term, its English or its pinyin"
        )));
    }
    let zh = normalize::line(query.trim(), Lang::Zh);
    let en = english_key(query);
    let pinyin: String = en
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '\'')
        .collect();
    Ok(vec![
        (MatchKind::Chinese, zh.clone()),
        (MatchKind::Variant, zh),
        (MatchKind::English, en),
        (MatchKind::Pinyin, pinyin),
    ])
}

/// English as indexed: normalised, lower-case, single spaces.
fn english_key(text: &str) -> String {
    normalize::line(text.trim(), Lang::En)
        .to_lowercase()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// Pinyin without tones or spaces; `None` unless every character has a reading.
pub(crate) fn pinyin_key(zh: &str) -> Option<String> {
    let mut out = String::new();
    for (c, p) in zh.chars().zip(zh.to_pinyin()) {
        match p {
            Some(p) => out.push_str(p.plain()),
            None if c.is_ascii_alphanumeric() => out.push(c.to_ascii_lowercase()),
            None => return None,
        }
    }
    Some(out)
}

/// Builds the cards of a merged glossary: one per Chinese term, in the glossary's order.
/// `contexts` holds, for the terms that have them, more contexts than the merged file's one.
pub fn cards(merged: &Merged, contexts: &HashMap<String, Vec<Context>>) -> Vec<Card> {
    let mut by_zh: IndexMap<&str, Vec<&Row>> = IndexMap::new();
    for row in &merged.rows {
        by_zh.entry(row.zh.as_str()).or_default().push(row);
    }
    let mut cards: Vec<Card> = by_zh
        .into_iter()
        .map(|(zh, rows)| card(zh, &rows, contexts.get(zh)))
        .collect();
    relate(&mut cards);
    cards
}

/// The rank of a row's status when choosing a card's main English.
fn standing(row: &Row) -> u8 {
    match row.status() {
        RowStatus::Curated(Status::Preferred) => 0,
        RowStatus::Curated(Status::Admitted) => 1,
        RowStatus::Candidate => 2,
        RowStatus::Curated(Status::Superseded) => 3,
        RowStatus::Curated(Status::Deprecated) => 4,
        RowStatus::Curated(Status::Rejected) => 5,
    }
}

fn card(zh: &str, rows: &[&Row], contexts: Option<&Vec<Context>>) -> Card {
    let main = rows
        .iter()
        .copied()
        .min_by_key(|r| standing(r))
        .expect("a card has rows");
    let usable = |r: &Row| !r.en.is_empty() && standing(r) <= 1;
    let en = usable(main).then(|| main.en.clone());
    let alternates = rows
        .iter()
        .filter(|r| !r.en.is_empty() && !std::ptr::eq(**r, main))
        .map(|r| Alternate {
            en: r.en.clone(),
            status: r.status().name().to_string(),
        })
        .collect();
    let mut variants: Vec<String> = Vec::new();
    for v in rows.iter().flat_map(|r| &r.variants) {
        if !variants.contains(v) {
            variants.push(v.clone());
        }
    }
    let contexts = match contexts {
        Some(found) => found.clone(),
        None => main.corpus_context.iter().cloned().collect(),
    };
    Card {
        zh: zh.to_string(),
        en,
        alternates,
        status: main.status().name().to_string(),
        id: main.id.clone(),
        term_type: main.kind.map(|k| k.name().to_string()),
        variants,
        total: main.total,
        by_year: main.by_year.clone(),
        first_year: main.first_year,
        last_year: main.last_year,
        docs: main.docs,
        contexts,
        longer: Vec::new(),
        shorter: Vec::new(),
        proposed: main.proposed.clone(),
        similar_to: main.similar_to.clone(),
        pos: main.pos.clone(),
        subject: main.subject.clone(),
        definition: main.definition.clone(),
        note: main.note.clone(),
        source: main.source.clone(),
    }
}

/// Fills `longer` and `shorter`: the other terms of the glossary a term contains or is
/// contained in, most frequent first.
fn relate(cards: &mut [Card]) {
    let texts: Vec<&str> = cards.iter().map(|c| c.zh.as_str()).collect();
    let Ok(matcher) = AhoCorasick::builder()
        .match_kind(aho_corasick::MatchKind::Standard)
        .build(&texts)
    else {
        return;
    };
    let mut shorter: Vec<BTreeSet<usize>> = vec![BTreeSet::new(); cards.len()];
    let mut longer: Vec<BTreeSet<usize>> = vec![BTreeSet::new(); cards.len()];
    for (i, text) in texts.iter().enumerate() {
        for m in matcher.find_overlapping_iter(*text) {
            let j = m.pattern().as_usize();
            if j != i && texts[j] != *text {
                shorter[i].insert(j);
                longer[j].insert(i);
            }
        }
    }
    let totals: Vec<u64> = cards.iter().map(|c| c.total).collect();
    let names = |set: &BTreeSet<usize>| {
        let mut v: Vec<usize> = set.iter().copied().collect();
        v.sort_by(|&a, &b| totals[b].cmp(&totals[a]).then(texts[a].cmp(texts[b])));
        v.into_iter()
            .take(RELATED)
            .map(|j| texts[j].to_string())
            .collect::<Vec<_>>()
    };
    let related: Vec<(Vec<String>, Vec<String>)> = (0..cards.len())
        .map(|i| (names(&longer[i]), names(&shorter[i])))
        .collect();
    for (card, (l, s)) in cards.iter_mut().zip(related) {
        card.longer = l;
        card.shorter = s;
    }
}

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
    let encoded: Vec<Vec<u8>> = cards
        .iter()
        .map(|c| postcard::to_stdvec(c).expect("cards serialise"))
        .collect();
    let mut out = Vec::new();
    out.extend_from_slice(MAGIC);
    out.extend_from_slice(&(fst.len() as u64).to_le_bytes());
    out.extend_from_slice(&(postings.len() as u64 * 4).to_le_bytes());
    out.extend_from_slice(&(cards.len() as u64).to_le_bytes());
    out.extend_from_slice(&fst);
    for p in &postings {
        out.extend_from_slice(&p.to_le_bytes());
    }
    let mut offset = 0u64;
    out.extend_from_slice(&offset.to_le_bytes());
    for card in &encoded {
        offset += card.len() as u64;
        out.extend_from_slice(&offset.to_le_bytes());
    }
    for card in encoded {
        out.extend_from_slice(&card);
    }
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::classify::TermType;

    fn row(id: &str, zh: &str, en: &str, status: RowStatus, total: u64) -> Row {
        Row {
            id: id.to_string(),
            zh: zh.to_string(),
            en: en.to_string(),
            status: Some(status),
            kind: Some(TermType::Phrase),
            total,
            by_year: [(Some(2014), 1), (Some(2024), total - 1)]
                .into_iter()
                .collect(),
            corpus_context: Some(Context {
                left: "坚持".into(),
                term: zh.into(),
                right: "不动摇".into(),
                doc: "a.txt".into(),
                year: Some(2024),
                line: 3,
            }),
            ..Row::default()
        }
    }

    fn sample() -> Index {
        let preferred = RowStatus::Curated(Status::Preferred);
        let merged = Merged {
            rows: vec![
                row("c1", "上海精神", "Shanghai Spirit", preferred, 37),
                row("c2", "三股势力", "three evil forces", preferred, 12),
                row(
                    "c2",
                    "三股势力",
                    "three evils",
                    RowStatus::Curated(Status::Admitted),
                    12,
                ),
                row(
                    "c3",
                    "上海合作组织",
                    "Shanghai Cooperation Organization",
                    preferred,
                    40,
                ),
                row(
                    "c3",
                    "上海合作组织",
                    "SCO",
                    RowStatus::Curated(Status::Admitted),
                    40,
                ),
                Row {
                    variants: vec!["上海合作组织".into()],
                    ..row("c3", "上合组织", "SCO", preferred, 28)
                },
                Row {
                    variants: vec!["命运与共".into()],
                    ..row("x1", "命运共同体", "", RowStatus::Candidate, 20)
                },
            ],
        };
        Index::from_cards(&cards(&merged, &HashMap::new()))
    }

    fn found(index: &Index, q: &str) -> Found {
        match index.lookup(q).unwrap() {
            Answer::Found(f) => f,
            Answer::NotFound(s) => panic!("{q} not found; suggestions {s:?}"),
        }
    }

    #[test]
    fn finds_chinese_english_variants_and_pinyin() {
        let index = sample();
        let f = found(&index, "三股势力");
        assert_eq!(f.matched_by, MatchKind::Chinese);
        assert_eq!(f.cards[0].en.as_deref(), Some("three evil forces"));
        assert_eq!(f.cards[0].alternates[0].en, "three evils");
        assert_eq!(f.cards[0].by_year[&Some(2024)], 11);

        let f = found(&index, "  shanghai   SPIRIT ");
        assert_eq!(
            (f.matched_by, f.cards[0].zh.as_str()),
            (MatchKind::English, "上海精神")
        );

        let f = found(&index, "sangushili");
        assert_eq!(
            (f.matched_by, f.cards[0].zh.as_str()),
            (MatchKind::Pinyin, "三股势力")
        );

        let f = found(&index, "命运与共");
        assert_eq!(
            (f.matched_by, f.cards[0].zh.as_str()),
            (MatchKind::Variant, "命运共同体")
        );

        // An abbreviation shared by two cards finds both, the more frequent first.
        let f = found(&index, "sco");
        let zh: Vec<&str> = f.cards.iter().map(|c| c.zh.as_str()).collect();
        assert_eq!(zh, ["上海合作组织", "上合组织"]);
    }

    #[test]
    fn full_width_input_is_normalised() {
        let f = found(&sample(), "ＳＣＯ");
        assert_eq!(f.matched_by, MatchKind::English);
    }

    #[test]
    fn cards_know_longer_and_shorter_terms_and_contexts() {
        let index = sample();
        let card = found(&index, "上海合作组织").cards.remove(0);
        assert!(card.longer.is_empty());
        let card = found(&index, "命运共同体").cards.remove(0);
        assert_eq!(card.en, None);
        assert_eq!(card.status, "candidate");
        assert_eq!(card.contexts[0].term, "命运共同体");
        assert_eq!(card.contexts[0].doc, "a.txt");
        assert_eq!(card.contexts[0].year, Some(2024));
    }

    #[test]
    fn misspellings_get_suggestions() {
        let index = sample();
        let Answer::NotFound(s) = index.lookup("三股实力").unwrap() else {
            panic!("found")
        };
        assert_eq!(s[0].zh, "三股势力");
        let Answer::NotFound(s) = index.lookup("Shanghai Sprit").unwrap() else {
            panic!("found")
        };
        assert_eq!(s[0].zh, "上海精神");
        let Answer::NotFound(s) = index.lookup("势力").unwrap() else {
            panic!("found")
        };
        assert_eq!(s[0].zh, "三股势力");
        // A long English rendering with two typos.
        let Answer::NotFound(s) = index.lookup("Shanghai Coperation Organisation").unwrap() else {
            panic!("found")
        };
        assert_eq!(s[0].zh, "上海合作组织");
    }

    #[test]
    fn bigram_signatures_keep_near_strings_and_drop_far_ones() {
        let q = Signature::of("shanghai cooperation organization");
        assert!(q.share_of(&Signature::of("shanghai coperation organisation")) > 0.8);
        assert!(q.share_of(&Signature::of("the belt and road initiative")) < 0.4);
    }

    #[test]
    fn empty_or_punctuation_queries_are_errors() {
        let index = sample();
        for q in ["", "  ", "，。！", "---"] {
            assert!(matches!(index.lookup(q), Err(Error::Query(_))), "{q:?}");
        }
    }

    #[test]
    fn damaged_indexes_are_refused() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("lookup.idx");
        let merged = Merged {
            rows: vec![row(
                "c1",
                "上海精神",
                "Shanghai Spirit",
                RowStatus::Curated(Status::Preferred),
                3,
            )],
        };
        write_index(&cards(&merged, &HashMap::new()), &path).unwrap();
        assert!(Index::open(&path).is_ok());
        let bytes = std::fs::read(&path).unwrap();
        for cut in [0, 7, 20, 40, bytes.len() - 1] {
            std::fs::write(&path, &bytes[..cut]).unwrap();
            assert!(
                matches!(Index::open(&path), Err(Error::Index { .. })),
                "cut at {cut}"
            );
        }
    }
}
