//! Candidate terms: recurring token n-grams, phrases in quotation and book-title marks, and
//! enumerations the texts repeat as formulae.
//!
//! jieba cuts many official phrases into pieces (上海/精神, 三股/势力, 命运/共同体), so a term
//! is a run of tokens. Runs are mined level by level (Apriori): an n-gram can recur only if both
//! of its (n−1)-grams recur, so each level only extends the survivors of the last one. Counts
//! are exact, and memory holds only n-grams seen at least `min_freq` times: rare n-grams are
//! never stored. An n-gram never crosses sentence or clause punctuation.
//!
//! Edges are filtered by data files in `src/data/`: no candidate begins or ends with a function
//! word, begins with a governing verb or adverb (构建 + 人类命运共同体), ends with a clause verb,
//! has a number at either edge (a Chinese numeral may begin one: 三股势力), or is one character.
//! Part of speech is deliberately not used: jieba tags 上合/v 组织/v and 一路/m.

use std::collections::BTreeMap;
use std::sync::LazyLock;

use rayon::prelude::*;
use rustc_hash::{FxHashMap, FxHashSet};
use serde::{Deserialize, Serialize};

use crate::corpus::Document;
use crate::lang::Lang;
use crate::segment::Segmenter;

/// A clause break in a token stream (punctuation, space, sentence end).
pub const BOUNDARY: u32 = u32::MAX;
/// The enumeration comma `、`: a break for n-grams, a separator for enumerations.
pub const LIST_COMMA: u32 = u32::MAX - 1;
const NONE: u32 = u32::MAX;

/// Tokens that may stand inside a term but not at its edge (`中国—中亚峰会`, `纳塔利娅·佩切里察`).
const JOINERS: &[&str] = &["—", "·", "-"];
/// Conjunctions that join the last item of an enumeration (`恐怖主义、分裂主义和极端主义`).
const CONJUNCTIONS: &[&str] = &["和", "与", "及", "以及"];

fn word_list(text: &'static str) -> FxHashSet<&'static str> {
    text.lines()
        .map(|l| l.split('#').next().unwrap_or(""))
        .flat_map(str::split_whitespace)
        .collect()
}

static FUNCTION_WORDS: LazyLock<FxHashSet<&'static str>> =
    LazyLock::new(|| word_list(include_str!("data/function_words.txt")));
static GOVERNING_VERBS: LazyLock<FxHashSet<&'static str>> =
    LazyLock::new(|| word_list(include_str!("data/governing_verbs.txt")));
static END_WORDS: LazyLock<FxHashSet<&'static str>> =
    LazyLock::new(|| word_list(include_str!("data/end_words.txt")));
static TITLES: LazyLock<FxHashSet<&'static str>> =
    LazyLock::new(|| word_list(include_str!("data/titles.txt")));
static STOP_PHRASES: LazyLock<FxHashSet<&'static str>> =
    LazyLock::new(|| word_list(include_str!("data/stop_phrases.txt")));
static NO_START: LazyLock<FxHashSet<&'static str>> =
    LazyLock::new(|| word_list(include_str!("data/no_start.txt")));
static ATTRIBUTIVES: LazyLock<FxHashSet<&'static str>> =
    LazyLock::new(|| word_list(include_str!("data/attributives.txt")));

/// Whether `word` is a title (总统, 主席 …).
pub fn is_title(word: &str) -> bool {
    TITLES.contains(word)
}

/// The longest word in the lists, in characters.
const LONGEST_LISTED_WORD: usize = 4;

/// What a listed word may be next to a term, as bits: one map lookup for the hot neighbour
/// checks instead of one per list.
const LEFT_EDGE: u8 = 1;
const RIGHT_EDGE: u8 = 2;

static EDGE_WORDS: LazyLock<FxHashMap<&'static str, u8>> = LazyLock::new(|| {
    let mut map: FxHashMap<&'static str, u8> = FxHashMap::default();
    let mut mark = |words: &FxHashSet<&'static str>, bits: u8| {
        for &w in words {
            *map.entry(w).or_insert(0) |= bits;
        }
    };
    mark(&FUNCTION_WORDS, LEFT_EDGE | RIGHT_EDGE);
    mark(&TITLES, LEFT_EDGE | RIGHT_EDGE);
    mark(&GOVERNING_VERBS, LEFT_EDGE);
    mark(&END_WORDS, RIGHT_EDGE);
    map
});

/// Whether the word is listed as marking a term's edge on the side(s) in `side`.
fn is_edge_word(word: &str, side: u8) -> bool {
    EDGE_WORDS.get(word).is_some_and(|b| b & side != 0)
}

/// Whether `text` ends with a word that marks the left edge of a term: a function word, a
/// governing verb or a title (`构建`+人类命运共同体, `国家主席`+习近平).
pub fn ends_with_edge_word(text: &str) -> bool {
    // The left-edge words are exactly the function words, governing verbs and titles.
    text.char_indices()
        .rev()
        .take(LONGEST_LISTED_WORD)
        .any(|(i, _)| is_edge_word(&text[i..], LEFT_EDGE))
}

/// Whether `text` starts with a word that marks the right edge of a term: a function word, a
/// clause verb or a title (上海精神+`的`, 托卡耶夫+`总统`).
pub fn starts_with_edge_word(text: &str) -> bool {
    text.char_indices()
        .skip(1)
        .map(|(i, _)| i)
        .chain(std::iter::once(text.len()))
        .take(LONGEST_LISTED_WORD)
        .any(|end| {
            EDGE_WORDS
                .get(&text[..end])
                .is_some_and(|b| b & RIGHT_EDGE != 0)
        })
}

/// How candidates are mined.
#[derive(Debug, Clone)]
pub struct MiningOptions {
    /// Least number of occurrences (2: recurring).
    pub min_freq: u32,
    /// Longest n-gram, in tokens (和平共处/五项/原则 is 3, 新/时代/中塔/全面/战略/合作伙伴/关系 is 7).
    pub max_tokens: usize,
    /// Longest candidate, in characters (book titles excepted).
    pub max_chars: usize,
}

impl Default for MiningOptions {
    fn default() -> Self {
        MiningOptions {
            min_freq: 2,
            max_tokens: 7,
            max_chars: 20,
        }
    }
}

/// A corpus as token ids: one stream per document, with [`BOUNDARY`] between clauses.
#[derive(Debug, Clone, Default)]
pub struct TokenStream {
    /// Token texts by id.
    pub vocab: Vec<Box<str>>,
    /// Token ids of each document.
    pub docs: Vec<Vec<u32>>,
}

impl TokenStream {
    /// The text of a token id.
    pub fn word(&self, id: u32) -> &str {
        &self.vocab[id as usize]
    }
}

fn is_boundary_token(word: &str) -> bool {
    !word.chars().any(crate::lang::is_word_char) && !JOINERS.contains(&word)
}

/// One document's tokens: its own vocabulary and its token ids into it ([`BOUNDARY`] and
/// [`LIST_COMMA`] as they are). Depends only on the document's text and the segmenter, so a
/// build can keep it between runs.
///
/// The vocabulary is one string with the end of each word, not a `String` per word: in the
/// generated 100 MB corpus, allocating and freeing a `String` for each (document, word) pair
/// cost 0.3–0.5 s, against 0.54 s for jieba's own cutting.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct DocTokens {
    /// The document's distinct words, in order of first appearance, one after another.
    vocab: String,
    /// Where each word of `vocab` ends (byte offsets).
    ends: Vec<u32>,
    /// Its tokens: indexes into the words, or [`BOUNDARY`] / [`LIST_COMMA`].
    pub ids: Vec<u32>,
}

impl DocTokens {
    /// The document's distinct words, in order of first appearance (token id order).
    pub fn words(&self) -> impl Iterator<Item = &str> {
        let starts = std::iter::once(0).chain(self.ends.iter().copied());
        starts
            .zip(self.ends.iter().copied())
            .map(|(start, end)| &self.vocab[start as usize..end as usize])
    }
}

/// Segments the Chinese sentences of `docs` into one token stream (in parallel over documents).
pub fn tokenize(segmenter: &Segmenter, docs: &[&Document]) -> TokenStream {
    let local: Vec<DocTokens> = docs
        .par_iter()
        .map(|doc| tokenize_document(segmenter, doc))
        .collect();
    let refs: Vec<&DocTokens> = local.iter().collect();
    TokenStream::from_documents(&refs)
}

impl TokenStream {
    /// Joins documents segmented one by one into one stream with a shared vocabulary.
    pub fn from_documents(local: &[&DocTokens]) -> TokenStream {
        let mut index: FxHashMap<&str, u32> = FxHashMap::default();
        let mut vocab: Vec<Box<str>> = Vec::new();
        let mut remaps = Vec::with_capacity(local.len());
        for tokens in local {
            let remap: Vec<u32> = tokens
                .words()
                .map(|w| {
                    *index.entry(w).or_insert_with(|| {
                        vocab.push(w.into());
                        (vocab.len() - 1) as u32
                    })
                })
                .collect();
            remaps.push(remap);
        }
        let docs = local
            .par_iter()
            .zip(remaps.par_iter())
            .map(|(tokens, remap)| {
                tokens
                    .ids
                    .iter()
                    .map(|&id| {
                        if id >= LIST_COMMA {
                            id
                        } else {
                            remap[id as usize]
                        }
                    })
                    .collect()
            })
            .collect();
        TokenStream { vocab, docs }
    }
}

/// Segments one document (nothing for a document that is not Chinese).
pub fn tokenize_document(segmenter: &Segmenter, doc: &Document) -> DocTokens {
    let mut tokens = DocTokens::default();
    if doc.lang != Lang::Zh {
        return tokens;
    }
    // Keyed by the words as they stand in the document's own sentences: nothing is copied
    // but each distinct word, once.
    let mut index: FxHashMap<&str, u32> = FxHashMap::default();
    let ids = &mut tokens.ids;
    for sentence in doc.sentences() {
        for word in segmenter.words(&sentence.text) {
            let id = if word == "、" {
                LIST_COMMA
            } else if is_boundary_token(word) {
                BOUNDARY
            } else {
                *index.entry(word).or_insert_with(|| {
                    tokens.vocab.push_str(word);
                    tokens.ends.push(tokens.vocab.len() as u32);
                    (tokens.ends.len() - 1) as u32
                })
            };
            if !(id == BOUNDARY && ids.last() == Some(&BOUNDARY)) {
                ids.push(id);
            }
        }
        if ids.last() != Some(&BOUNDARY) {
            ids.push(BOUNDARY);
        }
    }
    tokens
}

/// One recurring n-gram: its prefix (an (n−1)-gram id, or [`NONE`] for a unigram), its last
/// token and its count.
#[derive(Debug, Clone, Copy)]
struct Gram {
    prefix: u32,
    last: u32,
    len: u8,
    count: u32,
    /// Every occurrence has the same word on one side (a longer n-gram has the same count):
    /// the gram is a piece of that longer one, never a unit of its own (合作组 in 上海合作组织).
    absorbed: bool,
}

/// All n-grams of a token stream that occur at least `min_freq` times, with exact counts.
#[derive(Debug, Default)]
pub struct NgramTable {
    grams: Vec<Gram>,
    /// Token id → unigram gram id (or [`NONE`]).
    unigram: Vec<u32>,
    /// `(gram id << 32) | token id` → the gram one token longer.
    extend: FxHashMap<u64, u32>,
    /// Number of tokens (boundaries excluded).
    pub total_tokens: u64,
}

fn key(gram: u32, token: u32) -> u64 {
    (u64::from(gram) << 32) | u64::from(token)
}

impl NgramTable {
    /// Mines every n-gram of 1 to `max_tokens` tokens occurring at least `min_freq` times.
    pub fn mine(stream: &TokenStream, options: &MiningOptions) -> NgramTable {
        let min = options.min_freq.max(1);
        let mut counts = vec![0u32; stream.vocab.len()];
        let mut total_tokens = 0u64;
        for &id in stream.docs.iter().flatten() {
            if id < LIST_COMMA {
                counts[id as usize] += 1;
                total_tokens += 1;
            }
        }
        let mut table = NgramTable {
            total_tokens,
            unigram: vec![NONE; stream.vocab.len()],
            ..NgramTable::default()
        };
        for (token, &count) in counts.iter().enumerate() {
            if count >= min {
                table.unigram[token] = table.grams.len() as u32;
                table.grams.push(Gram {
                    prefix: NONE,
                    last: token as u32,
                    len: 1,
                    count,
                    absorbed: false,
                });
            }
        }
        // Per document, the gram id of the current level starting at each position.
        let mut current: Vec<Vec<u32>> = stream
            .docs
            .par_iter()
            .map(|doc| {
                doc.iter()
                    .map(|&t| {
                        if t >= LIST_COMMA {
                            NONE
                        } else {
                            table.unigram[t as usize]
                        }
                    })
                    .collect()
            })
            .collect();
        for len in 2..=options.max_tokens {
            let level_counts = count_extensions(stream, &current, len);
            let mut frequent: Vec<(u64, u32)> = level_counts
                .into_iter()
                .filter(|&(_, count)| count >= min)
                .collect();
            if frequent.is_empty() {
                break;
            }
            frequent.sort_unstable_by_key(|&(k, _)| k);
            let level_start = table.grams.len();
            for (k, count) in frequent {
                let id = table.grams.len() as u32;
                let prefix = (k >> 32) as u32;
                // A word that marks a term's edge (的, 总统, 建设) does not absorb it.
                let edge = is_edge_word(stream.word(k as u32), RIGHT_EDGE);
                if !edge && table.grams[prefix as usize].count == count {
                    table.grams[prefix as usize].absorbed = true;
                }
                table.grams.push(Gram {
                    prefix,
                    last: k as u32,
                    len: len as u8,
                    count,
                    absorbed: false,
                });
                table.extend.insert(k, id);
            }
            table.mark_left_absorbed(stream, level_start..table.grams.len());
            current = next_level(stream, &current, len, &table.extend);
        }
        table
    }

    /// Marks the (n−1)-grams whose every occurrence has the same word on their left: a gram
    /// of this level, opened by a word that does not mark an edge (构建 before
    /// 人类命运共同体 does), that occurs as often as its last n−1 words.
    fn mark_left_absorbed(&mut self, stream: &TokenStream, level: std::ops::Range<usize>) {
        let absorbed: Vec<u32> = level
            .into_par_iter()
            .filter_map(|id| {
                let tokens = self.tokens(id as u32);
                if is_edge_word(stream.word(tokens[0]), LEFT_EDGE) {
                    return None;
                }
                let suffix = self.id_of(&tokens[1..])?;
                (self.grams[suffix as usize].count == self.grams[id].count).then_some(suffix)
            })
            .collect();
        for g in absorbed {
            self.grams[g as usize].absorbed = true;
        }
    }

    /// The id of a token sequence, if it recurs.
    fn id_of(&self, tokens: &[u32]) -> Option<u32> {
        let (&first, rest) = tokens.split_first()?;
        let mut g = *self.unigram.get(first as usize)?;
        if g == NONE {
            return None;
        }
        for &t in rest {
            g = *self.extend.get(&key(g, t))?;
        }
        Some(g)
    }

    /// Number of recurring n-grams.
    pub fn len(&self) -> usize {
        self.grams.len()
    }

    /// Whether nothing recurs.
    pub fn is_empty(&self) -> bool {
        self.grams.is_empty()
    }

    /// The token ids of gram `id`.
    fn tokens(&self, id: u32) -> Vec<u32> {
        let mut out = Vec::with_capacity(self.grams[id as usize].len as usize);
        let mut g = id;
        while g != NONE {
            let gram = self.grams[g as usize];
            out.push(gram.last);
            g = gram.prefix;
        }
        out.reverse();
        out
    }

    /// The count of a token sequence, if it recurs.
    pub fn count(&self, tokens: &[u32]) -> Option<u32> {
        self.id_of(tokens).map(|g| self.grams[g as usize].count)
    }
}

/// Counts, at level `len`, the n-grams whose (n−1)-gram prefix and suffix both recur.
fn count_extensions(stream: &TokenStream, current: &[Vec<u32>], len: usize) -> FxHashMap<u64, u32> {
    stream
        .docs
        .par_iter()
        .zip(current.par_iter())
        .fold(FxHashMap::default, |mut map, (tokens, cur)| {
            for i in 0..cur.len().saturating_sub(1) {
                if cur[i] != NONE && cur[i + 1] != NONE {
                    *map.entry(key(cur[i], tokens[i + len - 1])).or_insert(0) += 1;
                }
            }
            map
        })
        .reduce(FxHashMap::default, |mut a, b| {
            let (big, small) = if a.len() >= b.len() {
                (&mut a, b)
            } else {
                (&mut b.clone(), a)
            };
            for (k, v) in small {
                *big.entry(k).or_insert(0) += v;
            }
            std::mem::take(big)
        })
}

fn next_level(
    stream: &TokenStream,
    current: &[Vec<u32>],
    len: usize,
    extend: &FxHashMap<u64, u32>,
) -> Vec<Vec<u32>> {
    stream
        .docs
        .par_iter()
        .zip(current.par_iter())
        .map(|(tokens, cur)| {
            (0..cur.len())
                .map(|i| {
                    if i + 1 < cur.len() && cur[i] != NONE && cur[i + 1] != NONE {
                        extend
                            .get(&key(cur[i], tokens[i + len - 1]))
                            .copied()
                            .unwrap_or(NONE)
                    } else {
                        NONE
                    }
                })
                .collect()
        })
        .collect()
}

/// Where a candidate was seen.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Serialize)]
pub struct Evidence {
    /// Times it stood alone in quotation marks (“上海精神”).
    pub quoted: u32,
    /// Times it stood alone in book-title marks (《上合组织宪章》).
    pub book_title: u32,
    /// Whether it is an enumeration repeated as a formula.
    pub enumeration: bool,
}

/// A candidate term before counting on the text.
#[derive(Debug, Clone)]
pub struct Candidate {
    /// The term.
    pub text: String,
    /// Its tokens (one piece per jieba token; a quoted phrase is cut again for this).
    pub pieces: Vec<String>,
    /// Token-level count from mining (0 for phrases found only in marks).
    pub mined_count: u32,
    /// Association of its weakest split: normalised PMI and log-likelihood ratio.
    pub association: Option<Association>,
    /// Marks and formulae it was seen in.
    pub evidence: Evidence,
}

/// How tightly the parts of a multi-token candidate belong together, at its weakest split.
#[derive(Debug, Clone, Copy, PartialEq, serde::Serialize)]
pub struct Association {
    /// Normalised pointwise mutual information, −1 … 1.
    pub npmi: f64,
    /// Dunning's log-likelihood ratio.
    pub llr: f64,
}

/// Whether a token may stand at the edge of a term.
fn edge_ok(word: &str, start: bool) -> bool {
    if JOINERS.contains(&word) || FUNCTION_WORDS.contains(word) {
        return false;
    }
    // A governing verb, a title before a name (总统米尔济约耶夫) or the tail of a cut word
    // (国+领导人) cannot open a term.
    if start && (GOVERNING_VERBS.contains(word) || TITLES.contains(word) || NO_START.contains(word))
    {
        return false;
    }
    if !start && END_WORDS.contains(word) {
        return false;
    }
    // Numbers and dates: 2024, 2024年, 20周年, 第二十四次 (a Chinese numeral may begin a term,
    // and so may a year: 2030年可持续发展议程).
    let numeric = word.trim_end_matches([
        '年', '月', '日', '周', '个', '次', '名', '%', '万', '亿', '届', '份',
    ]);
    let arabic = !numeric.is_empty() && numeric.chars().all(|c| c.is_ascii_digit() || c == '.');
    let year = numeric.len() == 4 && word.len() == 4 + '年'.len_utf8() && word.ends_with('年');
    let ordinal = word.starts_with('第');
    !((arabic && !(start && year)) || ordinal || (!start && word.chars().all(is_chinese_numeral)))
}

fn is_chinese_numeral(c: char) -> bool {
    "一二三四五六七八九十百千万亿两零〇".contains(c)
}

/// Whether a token sequence has the shape of a term.
pub fn shape_ok(pieces: &[&str], max_chars: usize) -> bool {
    match pieces {
        // jieba cuts a year as `2030` `年`: read the two as one word (2030年可持续发展议程).
        [digits, "年", rest @ ..]
            if !rest.is_empty()
                && digits.len() == 4
                && digits.bytes().all(|b| b.is_ascii_digit()) =>
        {
            let year = format!("{digits}年");
            let mut joined = vec![year.as_str()];
            joined.extend_from_slice(rest);
            words_shape_ok(&joined, max_chars)
        }
        _ => words_shape_ok(pieces, max_chars),
    }
}

fn words_shape_ok(pieces: &[&str], max_chars: usize) -> bool {
    let (Some(first), Some(last)) = (pieces.first(), pieces.last()) else {
        return false;
    };
    let chars: usize = pieces.iter().map(|p| p.chars().count()).sum();
    // A year opens a name only before a long one (2030年可持续发展议程, not 2024年峰会).
    let year_first = first.len() == 4 + '年'.len_utf8()
        && first.ends_with('年')
        && first.as_bytes()[0].is_ascii_digit();
    if year_first && chars < 5 + 4 {
        return false;
    }
    chars >= 2
        && chars <= max_chars
        && !STOP_PHRASES.contains(pieces.concat().as_str())
        && !(first.starts_with(is_chinese_numeral) && chars <= 2)
        && edge_ok(first, true)
        && edge_ok(last, false)
        && !last.ends_with('们')
        && pieces.iter().any(|p| p.chars().any(crate::lang::is_han))
        && !(pieces.len() == 1 && opens_with_verb(first))
        && attributive_ok(pieces)
        && interior_ok(pieces)
}

/// Words that may stand inside a term although they are function words: the conjunctions of
/// 国际法原则和准则 and 安全与稳定, 之 (丝绸之路), and 的 (checked by [`attributive_ok`]).
const INTERIOR_FUNCTION_WORDS: &[&str] = &["和", "与", "及", "之", "的"];

/// Inside a phrase of three words or more, another function word (a preposition, a pronoun,
/// an adverb) makes a clause, not a term: 全球治理朝着更加公正合理.
/// A governing verb inside makes a clause too (措施打击恐怖主义), and a title inside makes a
/// phrase about a person (乌兹别克斯坦总统米尔济约耶夫).
fn interior_ok(pieces: &[&str]) -> bool {
    pieces.len() < 3
        || pieces[1..pieces.len() - 1].iter().all(|p| {
            (INTERIOR_FUNCTION_WORDS.contains(p) || !FUNCTION_WORDS.contains(p))
                && !TITLES.contains(p)
                && !GOVERNING_VERBS.contains(p)
        })
}

/// A single dictionary word that is a verb phrase set in one word (高度评价, 十分重要,
/// 具有重要意义): it begins with a governing verb or adverb and goes on for two characters or
/// more.
fn opens_with_verb(word: &str) -> bool {
    word.char_indices()
        .skip(1)
        .any(|(i, _)| GOVERNING_VERBS.contains(&word[..i]) && word[i..].chars().count() >= 2)
}

/// The checks a phrase in quotation marks must pass: the marks vouch for its edges
/// (“黄金30年”), but a function word inside makes it a saying (“多几道保障就多几分把握”,
/// “现代化道路上的同路人”), not a term.
pub fn quoted_shape_ok(pieces: &[&str]) -> bool {
    attributive_ok(pieces) && interior_ok(pieces)
}

/// `的` inside a mined phrase only right after a listed modifier (真正的多边主义): around a
/// term (冷战思维的现实威胁, 美好的…家园) it makes a phrase, not a term.
fn attributive_ok(pieces: &[&str]) -> bool {
    pieces
        .iter()
        .enumerate()
        .filter(|(_, p)| **p == "的")
        .all(|(i, _)| i == 1 && ATTRIBUTIVES.contains(pieces[0]))
}

/// Mines the candidates of a tokenised corpus.
pub fn from_ngrams(
    stream: &TokenStream,
    table: &NgramTable,
    options: &MiningOptions,
) -> Vec<Candidate> {
    (0..table.len() as u32)
        .into_par_iter()
        .filter(|&id| !table.grams[id as usize].absorbed)
        .filter_map(|id| {
            let tokens = table.tokens(id);
            let pieces: Vec<&str> = tokens.iter().map(|&t| stream.word(t)).collect();
            if !shape_ok(&pieces, options.max_chars) {
                return None;
            }
            Some(Candidate {
                text: pieces.concat(),
                pieces: pieces.iter().map(|p| p.to_string()).collect(),
                mined_count: table.grams[id as usize].count,
                association: association(table, &tokens),
                evidence: Evidence::default(),
            })
        })
        .collect()
}

/// The association at the weakest split of a multi-token sequence.
fn association(table: &NgramTable, tokens: &[u32]) -> Option<Association> {
    if tokens.len() < 2 {
        return None;
    }
    let n = table.total_tokens as f64;
    let joint = f64::from(table.count(tokens)?);
    (1..tokens.len())
        .filter_map(|k| {
            let left = f64::from(table.count(&tokens[..k])?);
            let right = f64::from(table.count(&tokens[k..])?);
            Some(Association {
                npmi: crate::score::npmi(joint, left, right, n),
                llr: crate::score::llr(joint, left, right, n),
            })
        })
        .min_by(|a, b| a.npmi.total_cmp(&b.npmi))
}

/// Phrases in quotation marks (“…”, ‘…’) and book-title marks (《…》), and enumerations
/// (`A、B和C`), counted as strings over the documents' sentences.
#[derive(Debug, Default)]
pub struct MarkedPhrases {
    /// Quoted phrase → times quoted.
    pub quoted: BTreeMap<String, u32>,
    /// Book title → times cited.
    pub book_titles: BTreeMap<String, u32>,
    /// Enumeration → occurrences.
    pub enumerations: BTreeMap<String, u32>,
}

/// Longest quoted phrase taken as a term (a longer quotation is a saying, not a term).
const MAX_QUOTED_CHARS: usize = 30;
/// Longest book title taken as a term.
const MAX_TITLE_CHARS: usize = 60;
/// Shortest book title taken as a term: 《条约》 and 《公约》 refer back to a title named before.
const MIN_TITLE_CHARS: usize = 4;

/// Finds phrases in marks and enumerations.
pub fn marked_phrases(stream: &TokenStream, docs: &[&Document]) -> MarkedPhrases {
    let (quoted, book_titles) = docs
        .par_iter()
        .filter(|d| d.lang == Lang::Zh)
        .map(|doc| {
            let mut quoted = BTreeMap::new();
            let mut titles = BTreeMap::new();
            for sentence in doc.sentences() {
                for phrase in spans(&sentence.text, '“', '”').chain(spans(&sentence.text, '‘', '’'))
                {
                    if is_term_like(phrase, MAX_QUOTED_CHARS) {
                        *quoted.entry(phrase.to_string()).or_insert(0) += 1;
                    }
                }
                for title in spans(&sentence.text, '《', '》') {
                    if (MIN_TITLE_CHARS..=MAX_TITLE_CHARS).contains(&title.chars().count()) {
                        *titles.entry(title.to_string()).or_insert(0) += 1;
                    }
                }
            }
            (quoted, titles)
        })
        .reduce(
            || (BTreeMap::new(), BTreeMap::new()),
            |(mut qa, mut ta), (qb, tb)| {
                merge_counts(&mut qa, qb);
                merge_counts(&mut ta, tb);
                (qa, ta)
            },
        );
    let enumerations = stream
        .docs
        .par_iter()
        .map(|doc| enumerations_in(stream, doc))
        .reduce(BTreeMap::new, |mut a, b| {
            merge_counts(&mut a, b);
            a
        });
    MarkedPhrases {
        quoted,
        book_titles,
        enumerations,
    }
}

fn merge_counts(into: &mut BTreeMap<String, u32>, from: BTreeMap<String, u32>) {
    for (k, v) in from {
        *into.entry(k).or_insert(0) += v;
    }
}

/// The texts between `open` and the next `close` (innermost pairs only).
fn spans(text: &str, open: char, close: char) -> impl Iterator<Item = &str> {
    let mut rest = text;
    std::iter::from_fn(move || {
        let start = rest.find(open)? + open.len_utf8();
        let after = &rest[start..];
        let end = after.find(close)?;
        let inner = &after[..end];
        rest = &after[end + close.len_utf8()..];
        // An opening mark inside means the outer one was never closed: keep the inner span.
        Some(match inner.rfind(open) {
            Some(reopen) => &inner[reopen + open.len_utf8()..],
            None => inner,
        })
    })
}

/// Longest quoted phrase taken as a term unless it is an enumeration (`、`).
const MAX_QUOTED_PLAIN_CHARS: usize = 12;

/// A quoted phrase reads as a term: short (longer only when an enumeration), with no clause
/// punctuation inside.
fn is_term_like(phrase: &str, max_chars: usize) -> bool {
    let chars = phrase.chars().count();
    let limit = if phrase.contains('、') {
        max_chars
    } else {
        MAX_QUOTED_PLAIN_CHARS
    };
    (2..=limit).contains(&chars)
        && !phrase.contains(['，', '。', '！', '？', '；', '：', ' ', '“', '”', '‘', '’'])
        && phrase.chars().any(crate::lang::is_han)
}

/// Longest first or last item of an enumeration, in tokens (可/持续/的/安全观).
const MAX_ITEM_TOKENS: usize = 4;
/// Longest item of an enumeration, in characters: longer ones are clauses.
const MAX_ITEM_CHARS: usize = 8;

/// Enumerations of three or more short items in one clause (`恐怖主义、分裂主义和极端主义`,
/// `互信、互利、平等、协商、尊重多样文明、谋求共同发展`). The first and last items may be cut
/// from longer runs, so every cut of one to four tokens is counted; nesting and edge rules
/// later keep the right one.
fn enumerations_in(stream: &TokenStream, doc: &[u32]) -> BTreeMap<String, u32> {
    let mut out = BTreeMap::new();
    for clause in doc.split(|&t| t == BOUNDARY) {
        let segments: Vec<&[u32]> = clause.split(|&t| t == LIST_COMMA).collect();
        if segments.len() < 2 || segments.iter().any(|s| s.is_empty()) {
            continue;
        }
        let words = |s: &[u32]| -> Vec<&str> { s.iter().map(|&t| stream.word(t)).collect() };
        let first = words(segments[0]);
        let middle: Vec<String> = segments[1..segments.len() - 1]
            .iter()
            .map(|s| words(s).concat())
            .collect();
        let last = words(segments[segments.len() - 1]);
        // `…、B和C`: the conjunction adds one more item.
        let conj = last
            .iter()
            .position(|w| CONJUNCTIONS.contains(w))
            .filter(|&p| p > 0);
        let items = segments.len() + usize::from(conj.is_some());
        if items < 3 || middle.iter().any(|m| m.chars().count() > MAX_ITEM_CHARS) {
            continue;
        }
        let (before_conj, after_conj) = match conj {
            Some(p) => (last[..p].concat(), Some((&last[p], &last[p + 1..]))),
            None => (String::new(), None),
        };
        let tail_items: &[&str] = match after_conj {
            Some((_, rest)) => rest,
            None => &last,
        };
        if conj.is_some() && before_conj.chars().count() > MAX_ITEM_CHARS {
            continue;
        }
        for a in 1..=first.len().min(MAX_ITEM_TOKENS) {
            for b in 1..=tail_items.len().min(MAX_ITEM_TOKENS) {
                let head: Vec<&str> = first[first.len() - a..].to_vec();
                let tail = &tail_items[..b];
                let too_long = |words: &[&str]| words.concat().chars().count() > MAX_ITEM_CHARS;
                // The first and last items are cut from runs of words: each must be a term-like
                // run itself (上合组织为安全 is a clause around the first item).
                let item_ok = |words: &[&str]| {
                    !too_long(words)
                        && interior_ok(words)
                        && words.iter().all(|w| {
                            !FUNCTION_WORDS.contains(w) || INTERIOR_FUNCTION_WORDS.contains(w)
                        })
                };
                if !edge_ok(head[0], true)
                    || !edge_ok(tail[b - 1], false)
                    || !item_ok(&head)
                    || !item_ok(tail)
                {
                    continue;
                }
                let mut text = head.concat();
                for m in &middle {
                    text.push('、');
                    text.push_str(m);
                }
                text.push('、');
                if let Some((conj_word, _)) = after_conj {
                    text.push_str(&before_conj);
                    text.push_str(conj_word);
                }
                text.push_str(&tail.concat());
                *out.entry(text).or_insert(0) += 1;
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::PathBuf;

    fn doc(text: &str) -> Document {
        Document::from_text("t.txt", PathBuf::from("t.txt"), text, Lang::Zh)
    }

    fn mined(texts: &[&str]) -> (TokenStream, NgramTable) {
        let docs: Vec<Document> = texts.iter().map(|t| doc(t)).collect();
        let refs: Vec<&Document> = docs.iter().collect();
        let stream = tokenize(&Segmenter::new(), &refs);
        let table = NgramTable::mine(&stream, &MiningOptions::default());
        (stream, table)
    }

    fn texts(stream: &TokenStream, table: &NgramTable) -> Vec<String> {
        let mut out: Vec<String> = from_ngrams(stream, table, &MiningOptions::default())
            .into_iter()
            .map(|c| c.text)
            .collect();
        out.sort();
        out
    }

    #[test]
    fn recurring_runs_of_tokens_are_mined_with_exact_counts() {
        let (stream, table) = mined(&[
            "我们弘扬上海精神。",
            "各方秉持上海精神，打击三股势力。",
            "坚决打击三股势力。",
        ]);
        let ids = |s: &[&str]| -> Vec<u32> {
            s.iter()
                .map(|w| stream.vocab.iter().position(|v| &**v == *w).unwrap() as u32)
                .collect()
        };
        assert_eq!(table.count(&ids(&["上海", "精神"])), Some(2));
        assert_eq!(table.count(&ids(&["三股", "势力"])), Some(2));
        assert_eq!(table.count(&ids(&["弘扬", "上海"])), None);
        let found = texts(&stream, &table);
        assert!(found.contains(&"上海精神".to_string()), "{found:?}");
        assert!(found.contains(&"三股势力".to_string()), "{found:?}");
        // 打击 is a governing verb: 打击三股势力 is not a candidate.
        assert!(!found.contains(&"打击三股势力".to_string()), "{found:?}");
    }

    #[test]
    fn ngrams_never_cross_punctuation() {
        let (stream, table) = mined(&["加强合作，精神文明。", "加强合作，精神文明。"]);
        let found = texts(&stream, &table);
        assert!(!found.iter().any(|t| t.contains("合作精神")), "{found:?}");
    }

    #[test]
    fn edge_words_next_to_a_term_are_found() {
        assert!(ends_with_edge_word("推动构建"));
        assert!(ends_with_edge_word("国家主席"));
        assert!(!ends_with_edge_word("上海合作"));
        assert!(starts_with_edge_word("的重要"));
        assert!(starts_with_edge_word("总统表示"));
        assert!(!starts_with_edge_word("织成立"));
        assert!(!starts_with_edge_word(""));
    }

    #[test]
    fn edges_are_checked() {
        assert!(shape_ok(&["三股", "势力"], 20));
        assert!(!shape_ok(&["的", "势力"], 20));
        assert!(!shape_ok(&["构建", "命运", "共同体"], 20));
        assert!(!shape_ok(&["2024年", "峰会"], 20));
        assert!(!shape_ok(&["第二十四次", "会议"], 20));
        assert!(!shape_ok(&["峰", "—"], 20));
        assert!(!shape_ok(&["势"], 20));
        assert!(shape_ok(&["中国", "—", "中亚", "峰会"], 20));
        assert!(!shape_ok(&["高度评价"], 20));
        assert!(shape_ok(&["真正", "的", "多边主义"], 20));
        assert!(!shape_ok(&["冷战", "思维", "的", "现实", "威胁"], 20));
        assert!(!shape_ok(&["成员国", "元首们"], 20));
        assert!(!shape_ok(&["全球", "治理", "朝着", "更加", "公正"], 20));
        assert!(shape_ok(&["国际法", "原则", "和", "准则"], 20));
        assert!(shape_ok(&["2030年", "可持续", "发展", "议程"], 20));
        assert!(shape_ok(&["2030", "年", "可", "持续", "发展", "议程"], 20));
        assert!(!shape_ok(&["2030", "年"], 20));
        assert!(!shape_ok(&["2030年"], 20));
    }

    #[test]
    fn quoted_and_titled_phrases_are_found() {
        let docs = [doc(
            "坚持“上海精神”，遵守《上合组织宪章》，反对“小院高墙”。他说：“我们要团结，不要分裂。”",
        )];
        let refs: Vec<&Document> = docs.iter().collect();
        let stream = tokenize(&Segmenter::new(), &refs);
        let marked = marked_phrases(&stream, &refs);
        assert_eq!(
            marked.quoted.keys().collect::<Vec<_>>(),
            ["上海精神", "小院高墙"]
        );
        assert_eq!(
            marked.book_titles.keys().collect::<Vec<_>>(),
            ["上合组织宪章"]
        );
    }

    #[test]
    fn enumerations_are_found_with_every_cut_of_their_edges() {
        let docs = [doc("坚决打击恐怖主义、分裂主义和极端主义。")];
        let refs: Vec<&Document> = docs.iter().collect();
        let stream = tokenize(&Segmenter::new(), &refs);
        let marked = marked_phrases(&stream, &refs);
        assert!(
            marked
                .enumerations
                .contains_key("恐怖主义、分裂主义和极端主义"),
            "{:?}",
            marked.enumerations
        );
        assert!(!marked.enumerations.keys().any(|k| k.starts_with("打击")));
    }
}
