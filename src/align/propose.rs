//! Proposing English for candidate terms from aligned sentence pairs.
//!
//! For a Chinese term, every confident aligned pair whose Chinese side holds it is searched for
//! the English words that render it: each run of English words within a clause (not beginning
//! or ending with a function word) is scored by how well the dictionary links it with the
//! term's words, both ways (the share of the term's words the run accounts for, and of the
//! run's words the term accounts for, combined as a harmonic mean). The best run of each pair
//! is its vote. Votes are counted over pairs, and each proposal carries its evidence: the
//! number of pairs that voted for it, the Dice coefficient of term and English over all
//! aligned pairs, and its dictionary support.

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};

use aho_corasick::MatchKind;
use rayon::prelude::*;
use serde::{Deserialize, Serialize};

use super::lexicon::Lexicon;
use crate::lang;
use crate::segment::Segmenter;

/// An English rendering proposed from aligned sentence pairs.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Proposal {
    /// The English.
    pub en: String,
    /// Association of the term with it (Dice coefficient, 0 … 1).
    pub dice: f64,
    /// Aligned pairs holding both.
    pub pairs: u32,
    /// How well the words match by the dictionary, 0 … 1: the share of the term's words the
    /// English accounts for, and of the English words the term accounts for (harmonic mean).
    pub support: f64,
}

impl Proposal {
    /// `3 pairs, Dice 0.75, support 0.83` (`1 pair, …`): the evidence as written in
    /// glossary.csv.
    pub fn evidence(&self) -> String {
        let unit = if self.pairs == 1 { "pair" } else { "pairs" };
        format!(
            "{} {unit}, Dice {:.2}, support {:.2}",
            self.pairs, self.dice, self.support
        )
    }
}

/// Proposals kept per term.
const KEEP: usize = 3;

/// Least dictionary support for a run of words to be a proposal.
const MIN_SUPPORT: f64 = 0.6;

/// A word of an English sentence: where it stands, its stem, and whether a clause break
/// precedes it.
struct Word<'a> {
    text: &'a str,
    from: usize,
    to: usize,
    stem: String,
    content: bool,
    break_before: bool,
}

/// The words of an English sentence. A hyphen separates words (anti-drug is anti and drug
/// to the dictionary) but stays in the proposed text, which is cut from the sentence itself.
fn english_words<'a>(sentence: &'a str, lexicon: &Lexicon) -> Vec<Word<'a>> {
    let mut words = Vec::new();
    let mut break_before = true;
    let mut start = None;
    let is_word = |c: char| c.is_alphanumeric() || c == '\'' || c == '’';
    let push = |from: usize, to: usize, break_before: &mut bool, words: &mut Vec<Word<'a>>| {
        let raw = &sentence[from..to];
        let text = raw.trim_matches(['\'', '’']);
        if text.is_empty() {
            return;
        }
        let from = from + (raw.len() - raw.trim_start_matches(['\'', '’']).len());
        words.push(Word {
            text,
            from,
            to: from + text.len(),
            stem: lexicon.stem(text.trim_end_matches("'s").trim_end_matches("’s")),
            content: !Lexicon::is_stopword(text),
            break_before: *break_before,
        });
        *break_before = false;
    };
    for (at, c) in sentence.char_indices() {
        if is_word(c) {
            start.get_or_insert(at);
            continue;
        }
        if let Some(from) = start.take() {
            push(from, at, &mut break_before, &mut words);
        }
        if matches!(
            c,
            ',' | ';' | ':' | '.' | '!' | '?' | '"' | '“' | '”' | '(' | ')' | '—'
        ) {
            break_before = true;
        }
    }
    if let Some(from) = start {
        push(from, sentence.len(), &mut break_before, &mut words);
    }
    words
}

/// Whether a dictionary stem and a sentence stem are the same word: equal, or one the start
/// of the other when both are long enough (the stemmer leaves "threat" and "threaten" apart).
fn same_word(gloss: &str, word: &str) -> bool {
    gloss == word
        || (gloss.len().min(word.len()) >= 5
            && (gloss.starts_with(word) || word.starts_with(gloss)))
}

/// The Chinese words of a term, as the segmenter cuts it but with neighbours joined where
/// the dictionary knows them together (可 + 持续 → 可持续 "sustainable"), function words
/// left out.
fn words_of(term: &str, segmenter: &Segmenter) -> Vec<String> {
    let cut: Vec<&str> = segmenter
        .cut(term)
        .into_iter()
        .filter(|w| w.chars().any(lang::is_word_char))
        .collect();
    let mut words: Vec<String> = Vec::new();
    let mut k = 0;
    while k < cut.len() {
        // The longest run from k that is one dictionary word.
        let mut end = k + 1;
        for e in (k + 2..=cut.len().min(k + 4)).rev() {
            if super::cedict::contains(&cut[k..e].concat()) {
                end = e;
                break;
            }
        }
        words.push(cut[k..end].concat());
        k = end;
    }
    words.retain(|w| !super::features::is_function_word(w));
    words
}

/// The words of a term with the English stems each may stand for (numbers as digits, and a
/// word the dictionary lacks, a name most often, as pinyin).
fn term_pieces(term: &str, segmenter: &Segmenter, lexicon: &Lexicon) -> Vec<HashSet<String>> {
    words_of(term, segmenter)
        .iter()
        .map(|w| {
            let mut stems: HashSet<String> = lexicon.translations(w).into_iter().collect();
            if w.is_ascii() {
                stems.insert(lexicon.stem(w));
            }
            if let Some(n) = super::features::number_value(w) {
                stems.insert(n.to_string());
            }
            if stems.is_empty() {
                for form in super::features::pinyin_forms(w) {
                    stems.insert(form.trim_start_matches('@').to_string());
                }
            }
            stems
        })
        .filter(|s| !s.is_empty())
        .collect()
}

/// The text of words `start..end`, cut from their sentence (hyphens and inner punctuation
/// kept), white space made single.
fn sentence_text(sentence: &str, words: &[Word<'_>], start: usize, end: usize) -> String {
    sentence[words[start].from..words[end - 1].to]
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// Which pieces of a term each word can render: bit `p` of word `i` is set when piece `p`
/// holds the word's stem or lower-cased text, or a gloss sharing a long prefix with the stem.
/// Worked out once per sentence, not once per run of words. (A term has far fewer than 64
/// pieces; any beyond are left out.)
fn piece_masks(pieces: &[HashSet<String>], words: &[Word<'_>]) -> Vec<u64> {
    words
        .iter()
        .map(|w| {
            let lower = w.text.to_lowercase();
            pieces
                .iter()
                .take(64)
                .enumerate()
                .filter(|(_, p)| {
                    p.contains(&w.stem)
                        || p.contains(&lower)
                        || p.iter().any(|g| same_word(g, &w.stem))
                })
                .fold(0u64, |mask, (i, _)| mask | (1 << i))
        })
        .collect()
}

/// The best run of words in one English sentence for a term, with its support.
fn best_run(
    pieces: &[HashSet<String>],
    sentence: &str,
    words: &[Word<'_>],
) -> Option<(String, f64)> {
    if pieces.is_empty() {
        return None;
    }
    let masks = piece_masks(pieces, words);
    let max_len = (2 * pieces.len() + 2).min(8);
    // Best support; then the run covering more of the term; then the shorter.
    let mut best: Option<(f64, f64, usize, usize)> = None;
    for start in 0..words.len() {
        if !words[start].content {
            continue;
        }
        // Over the content words of start..end, grown one word at a time: how many render a
        // piece, and which pieces are rendered.
        let (mut content, mut explained, mut covered) = (0usize, 0usize, 0u64);
        for end in start + 1..=(start + max_len).min(words.len()) {
            if end - 1 > start && words[end - 1].break_before {
                break; // a clause break inside the run
            }
            let last = &words[end - 1];
            if !last.content {
                continue;
            }
            content += 1;
            explained += usize::from(masks[end - 1] != 0);
            covered |= masks[end - 1];
            if explained == 0 {
                continue;
            }
            let (zh_share, en_share) = (
                covered.count_ones() as f64 / pieces.len() as f64,
                explained as f64 / content as f64,
            );
            let support = 2.0 * zh_share * en_share / (zh_share + en_share);
            let better = best.is_none_or(|(s, z, from, to)| {
                support > s + 1e-9
                    || ((support - s).abs() <= 1e-9
                        && (zh_share > z + 1e-9
                            || ((zh_share - z).abs() <= 1e-9 && end - start < to - from)))
            });
            if better {
                best = Some((support, zh_share, start, end));
            }
        }
    }
    let (support, _, start, end) = best?;
    Some((sentence_text(sentence, words, start, end), support))
}

/// Proposes English for `terms` from aligned `(Chinese, English)` sentence pairs.
pub fn propose(
    terms: &[&str],
    pairs: &[(String, String)],
    segmenter: &Segmenter,
    lexicon: &Lexicon,
) -> BTreeMap<String, Vec<Proposal>> {
    let mut out = BTreeMap::new();
    if terms.is_empty() || pairs.is_empty() {
        return out;
    }
    let matcher = crate::matcher::matcher(terms, MatchKind::Standard);
    // Pairs holding each term.
    let mut holding: HashMap<usize, Vec<usize>> = HashMap::new();
    for (k, (zh, _)) in pairs.iter().enumerate() {
        let found: HashSet<usize> = matcher
            .find_overlapping_iter(zh)
            .map(|m| m.pattern().as_usize())
            .collect();
        for t in found {
            holding.entry(t).or_default().push(k);
        }
    }
    let english: Vec<Vec<Word>> = pairs
        .par_iter()
        .map(|(_, en)| english_words(en, lexicon))
        .collect();
    // Each term's runs of English, with the pairs that voted for them and their support.
    let mut holding: Vec<(usize, Vec<usize>)> = holding.into_iter().collect();
    holding.sort_unstable();
    let voted: Vec<TermVotes> = holding
        .par_iter()
        .map(|(t, at)| {
            let pieces = term_pieces(terms[*t], segmenter, lexicon);
            let mut votes: BTreeMap<String, (u32, f64, String)> = BTreeMap::new();
            for &k in at {
                if let Some((run, support)) =
                    best_run(&pieces, &pairs[k].1, &english[k]).filter(|(_, s)| *s >= MIN_SUPPORT)
                {
                    let vote = votes.entry(run.to_lowercase()).or_insert((0, 0.0, run));
                    vote.0 += 1;
                    vote.1 = vote.1.max(support);
                }
            }
            TermVotes {
                term: *t,
                holding: at.len(),
                votes: votes.into_values().collect(),
            }
        })
        .collect();
    // How many English sentences hold each proposed rendering (for Dice), counted in one pass
    // over the English side for all renderings at once.
    let needles: Vec<String> = voted
        .iter()
        .flat_map(|v| v.votes.iter().map(|(_, _, en)| en.to_lowercase()))
        .collect::<BTreeSet<String>>()
        .into_iter()
        .collect();
    let with_en = sentences_holding(&needles, pairs);
    for TermVotes {
        term: t,
        holding: holding_term,
        votes,
    } in voted
    {
        let mut proposals: Vec<Proposal> = votes
            .into_iter()
            .map(|(n, support, en)| {
                let needle = en.to_lowercase();
                let with_en = needles.binary_search(&needle).map_or(0, |i| with_en[i]);
                Proposal {
                    dice: 2.0 * f64::from(n) / (holding_term + with_en) as f64,
                    pairs: n,
                    support,
                    en,
                }
            })
            .collect();
        proposals.sort_by(|a, b| {
            b.pairs
                .cmp(&a.pairs)
                .then(b.support.total_cmp(&a.support))
                .then(b.dice.total_cmp(&a.dice))
                .then_with(|| a.en.cmp(&b.en))
        });
        proposals.truncate(KEEP);
        if !proposals.is_empty() {
            out.insert(terms[t].to_string(), proposals);
        }
    }
    out
}

/// The English runs voted for one term: (votes, best support, the run as written).
struct TermVotes {
    term: usize,
    /// Pairs whose Chinese holds the term.
    holding: usize,
    votes: Vec<(u32, f64, String)>,
}

/// For each of `needles` (lower-case), the number of pairs whose lower-cased English holds it.
fn sentences_holding(needles: &[String], pairs: &[(String, String)]) -> Vec<usize> {
    let mut counts = vec![0usize; needles.len()];
    let matcher = crate::matcher::matcher(needles, MatchKind::Standard);
    let found: Vec<Vec<usize>> = pairs
        .par_iter()
        .map(|(_, en)| {
            let mut hit: Vec<usize> = matcher
                .find_overlapping_iter(&en.to_lowercase())
                .map(|m| m.pattern().as_usize())
                .collect();
            hit.sort_unstable();
            hit.dedup();
            hit
        })
        .collect();
    for n in found.into_iter().flatten() {
        counts[n] += 1;
    }
    counts
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_the_words_that_render_a_term() {
        let seg = Segmenter::new();
        let lex = Lexicon::default();
        let pairs = vec![
            (
                "中方倡议成立上海合作组织数字教育联盟。".to_string(),
                "China proposes setting up an SCO digital education alliance.".to_string(),
            ),
            (
                "各方欢迎数字教育联盟的成立。".to_string(),
                "All sides welcomed the founding of the digital education alliance, and more."
                    .to_string(),
            ),
            (
                "我们要加强合作。".to_string(),
                "We should strengthen cooperation.".to_string(),
            ),
        ];
        let found = propose(&["数字教育联盟", "加强合作"], &pairs, &seg, &lex);
        let p = &found["数字教育联盟"][0];
        assert_eq!(p.en.to_lowercase(), "digital education alliance");
        assert_eq!(p.pairs, 2);
        assert!((p.dice - 1.0).abs() < 1e-9, "{p:?}");
        assert!(p.support > 0.99);
        assert_eq!(found["加强合作"][0].en, "strengthen cooperation");
    }

    #[test]
    fn runs_stop_at_clause_breaks_and_function_words() {
        let lex = Lexicon::default();
        let words = english_words("Security, in short, is the lifeline.", &lex);
        let breaks: Vec<bool> = words.iter().map(|w| w.break_before).collect();
        assert_eq!(breaks, [true, true, false, true, false, false]);
        assert!(!words[1].content);
        // A hyphen parts words for the dictionary; the proposal keeps it.
        let sentence = "We will set up an anti-drug center.";
        let words = english_words(sentence, &lex);
        assert_eq!(
            words.iter().map(|w| w.text).collect::<Vec<_>>(),
            ["We", "will", "set", "up", "an", "anti", "drug", "center"]
        );
        assert_eq!(sentence_text(sentence, &words, 5, 8), "anti-drug center");
        assert!(same_word("threaten", "threat") && !same_word("peac", "pea"));
    }
}
