//! The word lists of term extraction (data files in `src/data/`): function words, governing
//! verbs, clause-ending verbs, titles, stop phrases, words that never open a term, modifiers
//! that may take `的`; and the edge-word table the counting stage checks neighbours against.
//!
//! Part of speech is deliberately not used: jieba tags 上合/v 组织/v and 一路/m.

use std::sync::LazyLock;

use rustc_hash::{FxHashMap, FxHashSet};

/// Tokens that may stand inside a term but not at its edge (`中国—中亚峰会`, `纳塔利娅·佩切里察`).
pub(crate) const JOINERS: &[&str] = &["—", "·", "-"];
/// Conjunctions that join the last item of an enumeration (`恐怖主义、分裂主义和极端主义`).
pub(crate) const CONJUNCTIONS: &[&str] = &["和", "与", "及", "以及"];

pub(crate) fn word_list(text: &'static str) -> FxHashSet<&'static str> {
    text.lines()
        .map(|l| l.split('#').next().unwrap_or(""))
        .flat_map(str::split_whitespace)
        .collect()
}

pub(crate) static FUNCTION_WORDS: LazyLock<FxHashSet<&'static str>> =
    LazyLock::new(|| word_list(include_str!("../data/function_words.txt")));
pub(crate) static GOVERNING_VERBS: LazyLock<FxHashSet<&'static str>> =
    LazyLock::new(|| word_list(include_str!("../data/governing_verbs.txt")));
pub(crate) static END_WORDS: LazyLock<FxHashSet<&'static str>> =
    LazyLock::new(|| word_list(include_str!("../data/end_words.txt")));
pub(crate) static TITLES: LazyLock<FxHashSet<&'static str>> =
    LazyLock::new(|| word_list(include_str!("../data/titles.txt")));
pub(crate) static STOP_PHRASES: LazyLock<FxHashSet<&'static str>> =
    LazyLock::new(|| word_list(include_str!("../data/stop_phrases.txt")));
pub(crate) static NO_START: LazyLock<FxHashSet<&'static str>> =
    LazyLock::new(|| word_list(include_str!("../data/no_start.txt")));
pub(crate) static ATTRIBUTIVES: LazyLock<FxHashSet<&'static str>> =
    LazyLock::new(|| word_list(include_str!("../data/attributives.txt")));

/// Whether `word` is a title (总统, 主席 …).
pub fn is_title(word: &str) -> bool {
    TITLES.contains(word)
}

/// Whether `word` is a title that only a person bears: a title that also begins the name of
/// a body (委员 in 委员会, 书记 in 书记处, 主任 in 主任委员) is no evidence of a person.
pub fn is_person_title(word: &str) -> bool {
    is_title(word)
        && !matches!(
            word,
            "委员" | "书记" | "主任" | "院长" | "所长" | "专家" | "记者" | "教授"
        )
}

/// The longest word in the lists, in characters.
pub(crate) const LONGEST_LISTED_WORD: usize = 4;

/// What a listed word may be next to a term, as bits: one map lookup for the hot neighbour
/// checks instead of one per list.
pub(crate) const LEFT_EDGE: u8 = 1;
pub(crate) const RIGHT_EDGE: u8 = 2;

pub(crate) static EDGE_WORDS: LazyLock<FxHashMap<&'static str, u8>> = LazyLock::new(|| {
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
pub(crate) fn is_edge_word(word: &str, side: u8) -> bool {
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
