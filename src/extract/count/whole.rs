//! Dictionary words that a term only seems to occur in.
//!
//! Counts are substring occurrences, and a few dictionary words hold another term across
//! their own word boundaries: 俄罗斯 (Russia) in 白俄罗斯 (Belarus), 中国 (China) in
//! 发展中国家 (developing countries), 行政区 in 行政区域. Such an occurrence is one of the
//! longer word, never of the term: it is not counted, and it gives the term no context.
//!
//! The test is the dictionary's. A term stands on its own inside a longer single word when
//! the rest of the word on each side can be cut into words of the general dictionary: words
//! of two characters or more, or single characters that stand apart (本 "this", 中 as a place
//! word; [`Segmenter::binds`]). 中国 in 中国共产党 (共产党), 全国人民代表大会 in
//! 全国人民代表大会常务委员会 (常务委员会) and 行政区域 in 本行政区域 (本) are themselves; 中国
//! in 发展中国家 (家 is left over) and 俄罗斯 in 白俄罗斯 (白, white, binds) are not. Only
//! single words of the general dictionary are looked into: in a phrase such as 国际和地区组织
//! a term is a term.

use std::collections::BTreeSet;

use rustc_hash::{FxHashMap, FxHashSet};
use serde::{Deserialize, Serialize};

use crate::segment::Segmenter;

/// Words of at least this many characters are looked into.
const MIN_WORD_CHARS: usize = 3;

/// The occurrences inside dictionary words that are not occurrences of a term of a list.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct WholeWords {
    /// `(word, term, byte offset of the term in the word)`, sorted: the term found there is
    /// part of the word, not itself.
    pairs: Vec<(String, String, u32)>,
}

impl WholeWords {
    /// No occurrence is left out.
    pub fn none() -> WholeWords {
        WholeWords::default()
    }

    /// The dictionary words among `terms` and the segmenter's protected terms (the curated
    /// ones) that hold a term of `terms` across their word boundaries.
    pub fn find(terms: &[String], segmenter: &Segmenter) -> WholeWords {
        if terms.is_empty() {
            return WholeWords::none();
        }
        let words: BTreeSet<&str> = terms
            .iter()
            .chain(segmenter.protected())
            .map(String::as_str)
            .filter(|w| w.chars().nth(MIN_WORD_CHARS - 1).is_some())
            .filter(|w| segmenter.general_frequency(w).is_some())
            .collect();
        if words.is_empty() {
            return WholeWords::none();
        }
        // The words are few and short: their substrings are looked up among the terms, not
        // found with an automaton of every term.
        let listed: FxHashSet<&str> = terms.iter().map(String::as_str).collect();
        let mut pairs = Vec::new();
        for word in words {
            let bounds: Vec<usize> = word.char_indices().map(|(i, _)| i).collect();
            for &start in &bounds {
                let ends = bounds.iter().copied().filter(|&e| e > start);
                for end in ends.chain(std::iter::once(word.len())) {
                    let part = &word[start..end];
                    if part.len() < word.len()
                        && listed.contains(part)
                        && !stands_in(word, start, end, segmenter)
                    {
                        pairs.push((word.to_string(), part.to_string(), start as u32));
                    }
                }
            }
        }
        pairs.sort();
        pairs.dedup();
        WholeWords { pairs }
    }

    /// The given `(word, term, byte offset)` pairs, for tests of the counting.
    #[cfg(test)]
    pub(crate) fn from_pairs(pairs: &[(&str, &str, u32)]) -> WholeWords {
        let mut pairs: Vec<(String, String, u32)> = pairs
            .iter()
            .map(|(w, t, o)| (w.to_string(), t.to_string(), *o))
            .collect();
        pairs.sort();
        WholeWords { pairs }
    }

    /// The pairs, `(word, term, byte offset)`.
    pub fn pairs(&self) -> &[(String, String, u32)] {
        &self.pairs
    }

    /// The patterns to match to count `terms`: `terms` themselves, then the words that hold
    /// one of them and are not among them; and how to tell the occurrences to leave out.
    pub(crate) fn patterns<'a>(&'a self, terms: &[&'a str]) -> (Vec<&'a str>, Masks) {
        let mut patterns: Vec<&str> = terms.to_vec();
        let mut index: FxHashMap<&str, u32> = terms
            .iter()
            .enumerate()
            .map(|(i, t)| (*t, i as u32))
            .collect();
        let mut inside: FxHashMap<u32, Vec<(u32, u32)>> = FxHashMap::default();
        for (word, term, offset) in &self.pairs {
            let Some(&inner) = index.get(term.as_str()) else {
                continue;
            };
            let outer = *index.entry(word.as_str()).or_insert_with(|| {
                patterns.push(word);
                (patterns.len() - 1) as u32
            });
            inside.entry(outer).or_default().push((inner, *offset));
        }
        let masks = Masks {
            counted: terms.len() as u32,
            inside,
        };
        (patterns, masks)
    }
}

/// Whether the bytes `start..end` of `word` are a word of their own in it (see the module's
/// doc).
fn stands_in(word: &str, start: usize, end: usize, segmenter: &Segmenter) -> bool {
    cuts_into_words(&word[..start], segmenter) && cuts_into_words(&word[end..], segmenter)
}

/// Whether `text` can be cut into words of the general dictionary, a single character only
/// where it stands apart.
fn cuts_into_words(text: &str, segmenter: &Segmenter) -> bool {
    let bounds: Vec<usize> = text
        .char_indices()
        .map(|(i, _)| i)
        .chain(std::iter::once(text.len()))
        .collect();
    let n = bounds.len() - 1;
    // reachable[k]: the first k characters can be cut so.
    let mut reachable = vec![false; n + 1];
    reachable[0] = true;
    for i in 0..n {
        if !reachable[i] {
            continue;
        }
        for j in i + 1..=n {
            let piece = &text[bounds[i]..bounds[j]];
            let a_word = if j == i + 1 {
                !segmenter.binds(piece)
            } else {
                segmenter.general_frequency(piece).is_some()
            };
            reachable[j] |= a_word;
        }
    }
    reachable[n]
}

/// For one pattern list: which matches to leave out.
#[derive(Debug, Default)]
pub(crate) struct Masks {
    /// Patterns from this index on are words matched only to leave out what they hold.
    counted: u32,
    /// By word pattern: the term patterns it holds, with their byte offsets.
    inside: FxHashMap<u32, Vec<(u32, u32)>>,
}

impl Masks {
    /// Drops from `hits` the occurrences inside a word that holds them, then the words'
    /// own matches. `span` gives a hit's pattern and byte range.
    pub(crate) fn apply<H>(&self, hits: &mut Vec<H>, span: impl Fn(&H) -> (u32, usize, usize)) {
        if self.inside.is_empty() {
            return;
        }
        let mut dropped = vec![false; hits.len()];
        for outer in hits.iter() {
            let (word, start, end) = span(outer);
            let Some(held) = self.inside.get(&word) else {
                continue;
            };
            for (k, hit) in hits.iter().enumerate() {
                let (term, s, e) = span(hit);
                if s >= start && e <= end && held.contains(&(term, (s - start) as u32)) {
                    dropped[k] = true;
                }
            }
        }
        let mut k = 0;
        hits.retain(|hit| {
            let keep = !dropped[k] && span(hit).0 < self.counted;
            k += 1;
            keep
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::LazyLock;

    static SEGMENTER: LazyLock<Segmenter> = LazyLock::new(Segmenter::new);

    fn strings(terms: &[&str]) -> Vec<String> {
        terms.iter().map(|t| t.to_string()).collect()
    }

    fn held(terms: &[&str]) -> Vec<(String, String)> {
        WholeWords::find(&strings(terms), &SEGMENTER)
            .pairs()
            .iter()
            .map(|(w, t, _)| (w.clone(), t.clone()))
            .collect()
    }

    #[test]
    fn a_term_cut_across_by_a_dictionary_word_is_held_by_it() {
        let pairs = held(&["白俄罗斯", "俄罗斯", "发展中国家", "中国", "国家"]);
        assert_eq!(
            pairs,
            [
                ("发展中国家".to_string(), "中国".to_string()),
                ("白俄罗斯".to_string(), "俄罗斯".to_string()),
            ]
        );
    }

    #[test]
    fn a_term_beside_whole_words_is_itself() {
        // 中国共产党 = 中国 + 共产党; 行政区域 = 行政 + 区域, but not 行政区 + 域.
        assert!(held(&["中国共产党", "中国", "共产党"]).is_empty());
        assert_eq!(
            held(&["行政区域", "区域", "行政区"]),
            [("行政区域".to_string(), "行政区".to_string())]
        );
        // 本 (this) stands apart, where 白 in 白俄罗斯 binds.
        assert!(held(&["本行政区域", "行政区域"]).is_empty());
    }

    #[test]
    fn a_name_inside_a_longer_name_is_itself() {
        let terms = [
            "全国人民代表大会常务委员会",
            "全国人民代表大会",
            "常务委员会",
        ];
        assert!(held(&terms).is_empty());
    }

    #[test]
    fn phrases_and_protected_terms_outside_the_dictionary_hold_nothing() {
        // 国际和地区组织 is no dictionary word: 地区组织 in it is counted.
        assert!(held(&["国际和地区组织", "地区组织"]).is_empty());
        let curated = Segmenter::with_terms(["白俄罗斯"]);
        let found = WholeWords::find(&strings(&["俄罗斯"]), &curated);
        assert_eq!(found.pairs().len(), 1, "a curated word holds a candidate");
    }

    #[test]
    fn masks_drop_held_hits_and_the_words_own_matches() {
        let whole = WholeWords::find(&strings(&["俄罗斯"]), &Segmenter::with_terms(["白俄罗斯"]));
        let (patterns, masks) = whole.patterns(&["俄罗斯"]);
        assert_eq!(patterns, ["俄罗斯", "白俄罗斯"]);
        let text = "白俄罗斯和俄罗斯";
        let mut hits: Vec<(u32, usize, usize)> = vec![(1, 0, 12), (0, 3, 12), (0, 15, 24)];
        assert_eq!(&text[15..24], "俄罗斯");
        masks.apply(&mut hits, |h| *h);
        assert_eq!(hits, [(0, 15, 24)]);
    }
}
