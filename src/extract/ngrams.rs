//! Recurring token n-grams, mined level by level (Apriori).
//!
//! jieba cuts many official phrases into pieces (上海/精神, 三股/势力, 命运/共同体), so a term
//! is a run of tokens. An n-gram can recur only if both of its (n−1)-grams recur, so each level
//! only extends the survivors of the last one. Counts are exact, and memory holds only n-grams
//! seen at least `min_freq` times: rare n-grams are never stored, and each document's gram ids
//! are worked out again at each level rather than held. An n-gram never crosses sentence or
//! clause punctuation.

use rayon::prelude::*;
use rustc_hash::FxHashMap;

use super::tokens::{LIST_COMMA, TokenStream};
use super::words::{LEFT_EDGE, RIGHT_EDGE, is_edge_word};

/// No gram.
const NONE: u32 = u32::MAX;

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

/// One recurring n-gram: its prefix (an (n−1)-gram id, or [`NONE`] for a unigram), its last
/// token and its count.
#[derive(Debug, Clone, Copy)]
pub(super) struct Gram {
    prefix: u32,
    last: u32,
    len: u8,
    pub(super) count: u32,
    /// Every occurrence has the same word on one side (a longer n-gram has the same count):
    /// the gram is a piece of that longer one, never a unit of its own (合作组 in 上海合作组织).
    pub(super) absorbed: bool,
}

/// All n-grams of a token stream that occur at least `min_freq` times, with exact counts.
#[derive(Debug, Default)]
pub struct NgramTable {
    pub(super) grams: Vec<Gram>,
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
        for len in 2..=options.max_tokens {
            let level_counts = count_extensions(stream, &table, len);
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

    /// Writes into `ids` the id of the recurring gram of `len` tokens that starts at each
    /// position of `tokens` (or [`NONE`]), from the unigrams up through the levels mined so
    /// far. A position's gram extends the one of the level below by one token, and only when
    /// the gram starting one token later recurs too.
    fn level_ids(&self, tokens: &[u32], len: usize, ids: &mut Vec<u32>) {
        ids.clear();
        ids.extend(tokens.iter().map(|&t| {
            if t >= LIST_COMMA {
                NONE
            } else {
                self.unigram[t as usize]
            }
        }));
        for level in 2..=len {
            let mut any = false;
            // Ascending: position i reads i + 1 before it is overwritten.
            for i in 0..ids.len() {
                ids[i] = if i + 1 < ids.len() && ids[i] != NONE && ids[i + 1] != NONE {
                    self.extend
                        .get(&key(ids[i], tokens[i + level - 1]))
                        .copied()
                        .unwrap_or(NONE)
                } else {
                    NONE
                };
                any |= ids[i] != NONE;
            }
            if !any {
                break;
            }
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
    pub(super) fn tokens(&self, id: u32) -> Vec<u32> {
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
///
/// Each document's gram ids of level `len − 1` are worked out again from its tokens, one
/// document per worker at a time: an array of them as long as the corpus would double what
/// mining holds (the token stream is the other one), and on a corpus of a gigabyte that was
/// the build's peak.
fn count_extensions(stream: &TokenStream, table: &NgramTable, len: usize) -> FxHashMap<u64, u32> {
    stream
        .docs
        .par_iter()
        .fold(
            || (FxHashMap::default(), Vec::new()),
            |(mut map, mut ids), tokens| {
                table.level_ids(tokens, len - 1, &mut ids);
                for i in 0..ids.len().saturating_sub(1) {
                    if ids[i] != NONE && ids[i + 1] != NONE {
                        *map.entry(key(ids[i], tokens[i + len - 1])).or_insert(0) += 1;
                    }
                }
                (map, ids)
            },
        )
        .map(|(map, _)| map)
        .reduce(FxHashMap::default, |mut a, mut b| {
            // The smaller map is added into the larger.
            if a.len() < b.len() {
                std::mem::swap(&mut a, &mut b);
            }
            for (k, v) in b {
                *a.entry(k).or_insert(0) += v;
            }
            a
        })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::tokens::BOUNDARY;
    use proptest::prelude::*;
    use std::collections::HashMap;

    /// Every run of 1 to `max` token ids with no break inside, and how often it occurs.
    fn counted_by_hand(docs: &[Vec<u32>], max: usize) -> HashMap<Vec<u32>, u32> {
        let mut counts = HashMap::new();
        for doc in docs {
            for start in 0..doc.len() {
                for len in 1..=max.min(doc.len() - start) {
                    let run = &doc[start..start + len];
                    if run.iter().any(|&t| t >= LIST_COMMA) {
                        break;
                    }
                    *counts.entry(run.to_vec()).or_insert(0) += 1;
                }
            }
        }
        counts
    }

    proptest! {
        #[test]
        fn mining_counts_every_recurring_run_exactly(
            docs in prop::collection::vec(
                prop::collection::vec(
                    prop_oneof![8 => 0u32..4, 1 => Just(BOUNDARY), 1 => Just(LIST_COMMA)],
                    0..40,
                ),
                1..6,
            ),
        ) {
            let stream = TokenStream {
                vocab: ["甲", "乙", "丙", "丁"].map(Box::from).to_vec(),
                docs,
            };
            let options = MiningOptions { min_freq: 2, max_tokens: 4, max_chars: 20 };
            let table = NgramTable::mine(&stream, &options);
            let by_hand = counted_by_hand(&stream.docs, 4);
            for (run, &count) in &by_hand {
                let expected = (count >= 2).then_some(count);
                prop_assert_eq!(table.count(run), expected, "run {:?}", run);
            }
            let recurring = by_hand.values().filter(|&&c| c >= 2).count();
            prop_assert_eq!(table.len(), recurring);
        }
    }
}
