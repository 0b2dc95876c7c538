//! Word alignment inside aligned sentence pairs: which English words translate which Chinese
//! words.
//!
//! The classic statistical recipe, small enough to train at every build:
//!
//! - **IBM Model 1 with a diagonal prior** (fast_align, Dyer et al. 2013): the probability that
//!   word `j` of the generated side comes from word `i` of the other side falls off with the
//!   distance between `i/n` and `j/m`, with a fixed share for coming from nothing (NULL).
//! - **Trained by EM in both directions** (Chinese → English and English → Chinese).
//! - **Priors from CC-CEDICT and the curated glossary**: a pair of words the dictionary links
//!   (by stems, numbers, months, pinyin of names, punctuation) gets pseudo-counts at every
//!   M-step, so that a corpus of a few hundred sentences is enough to start from.
//! - **Symmetrised with grow-diag-final-and** (Koehn et al. 2003): the links both directions
//!   agree on, grown into neighbouring links either direction proposes.

use std::collections::{BTreeSet, HashMap};

use rustc_hash::{FxHashMap, FxHashSet};

use rayon::prelude::*;

use super::features::{number_value, pinyin_forms};
use super::lexicon::{Lexicon, same_stem};

/// A link: (Chinese token index, English token index), 0-based.
pub type Link = (usize, usize);

/// Training settings.
#[derive(Debug, Clone, Copy)]
pub struct WordAlignOptions {
    /// EM iterations in each direction.
    pub iterations: usize,
    /// Sharpness of the diagonal prior (fast_align's λ).
    pub diagonal: f64,
    /// Probability of coming from nothing (NULL).
    pub null: f64,
    /// Pseudo-count added to a dictionary-linked pair at each M-step, per co-occurrence.
    pub dictionary_prior: f64,
}

impl Default for WordAlignOptions {
    fn default() -> Self {
        // The middle of the plateau that examples/evaluate_words.rs shows on xinhua-words
        // (a weak diagonal: Chinese and English order their words differently).
        WordAlignOptions {
            iterations: 5,
            diagonal: 1.5,
            null: 0.12,
            dictionary_prior: 1.0,
        }
    }
}

/// A sentence pair as tokens.
#[derive(Debug, Clone, Default)]
pub struct TokenPair {
    /// Chinese tokens.
    pub zh: Vec<String>,
    /// English tokens, as written.
    pub en: Vec<String>,
}

/// The tokens of an English sentence for word alignment: words (with inner apostrophes and
/// hyphens) and each punctuation mark apart.
pub fn english_tokens(sentence: &str) -> Vec<String> {
    english_token_spans(sentence)
        .into_iter()
        .map(|(from, to)| sentence[from..to].to_string())
        .collect()
}

/// The byte spans of [`english_tokens`] in `sentence`: a word is never cut, so "Anti-Drug"
/// and "Long-term" are one token each.
pub fn english_token_spans(sentence: &str) -> Vec<(usize, usize)> {
    let mut spans = Vec::new();
    let mut word: Option<usize> = None;
    let mut chars = sentence.char_indices().peekable();
    while let Some((at, c)) = chars.next() {
        let inner = matches!(c, '\'' | '’' | '-')
            && word.is_some()
            && chars.peek().is_some_and(|(_, n)| n.is_alphanumeric());
        if c.is_alphanumeric() || inner {
            word.get_or_insert(at);
            continue;
        }
        if let Some(from) = word.take() {
            spans.push((from, at));
        }
        if !c.is_whitespace() {
            spans.push((at, at + c.len_utf8()));
        }
    }
    if let Some(from) = word {
        spans.push((from, sentence.len()));
    }
    spans
}

/// Word ids of one side, and which pairs of (zh id, en id) the dictionary links.
struct Vocabulary {
    zh: Vec<Vec<u32>>,
    en: Vec<Vec<u32>>,
    linked: FxHashSet<(u32, u32)>,
}

impl Vocabulary {
    fn new(pairs: &[TokenPair], lexicon: &Lexicon) -> Vocabulary {
        let mut zh_ids: HashMap<&str, u32> = HashMap::new();
        let mut en_ids: HashMap<String, u32> = HashMap::new();
        let mut en_forms: Vec<String> = Vec::new();
        let mut zh_forms: Vec<&str> = Vec::new();
        let mut zh = Vec::with_capacity(pairs.len());
        let mut en = Vec::with_capacity(pairs.len());
        for pair in pairs {
            zh.push(
                pair.zh
                    .iter()
                    .map(|w| {
                        *zh_ids.entry(w.as_str()).or_insert_with(|| {
                            zh_forms.push(w.as_str());
                            (zh_forms.len() - 1) as u32
                        })
                    })
                    .collect(),
            );
            en.push(
                pair.en
                    .iter()
                    .map(|w| {
                        let lower = w.to_lowercase();
                        let next = en_ids.len() as u32;
                        *en_ids.entry(lower.clone()).or_insert_with(|| {
                            en_forms.push(lower);
                            next
                        })
                    })
                    .collect(),
            );
        }
        // Only pairs that co-occur in some sentence pair can be linked.
        let mut cooccurring: BTreeSet<(u32, u32)> = BTreeSet::new();
        for (z, e) in zh.iter().zip(&en) {
            for &a in z {
                for &b in e {
                    cooccurring.insert((a, b));
                }
            }
        }
        let en_keys: Vec<EnglishKey> = en_forms
            .iter()
            .map(|w| EnglishKey::new(w, lexicon))
            .collect();
        let zh_keys: Vec<ChineseKey> = zh_forms
            .iter()
            .map(|w| ChineseKey::new(w, lexicon))
            .collect();
        let linked = cooccurring
            .into_par_iter()
            .filter(|&(a, b)| zh_keys[a as usize].links(&en_keys[b as usize]))
            .collect();
        Vocabulary { zh, en, linked }
    }
}

/// What the dictionary knows of an English word.
struct EnglishKey {
    lower: String,
    stem: String,
    number: Option<u64>,
    month: Option<u64>,
    content: bool,
}

impl EnglishKey {
    fn new(lower: &str, lexicon: &Lexicon) -> EnglishKey {
        let digits = lower.trim_end_matches(|c: char| c.is_ascii_alphabetic());
        let number = if !digits.is_empty() && digits.chars().all(|c| c.is_ascii_digit()) {
            digits.parse().ok()
        } else {
            Lexicon::number_word(lower)
        };
        EnglishKey {
            lower: lower.to_string(),
            stem: lexicon.stem(lower),
            number,
            month: MONTHS
                .iter()
                .position(|m| *m == lower)
                .map(|i| i as u64 + 1),
            content: !Lexicon::is_stopword(lower),
        }
    }
}

const MONTHS: [&str; 12] = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
];

/// Punctuation and its English counterparts (Penn Treebank spellings included).
const PUNCTUATION: &[(&str, &[&str])] = &[
    ("，", &[","]),
    (",", &[","]),
    ("、", &[","]),
    ("。", &["."]),
    ("：", &[":"]),
    ("；", &[";"]),
    ("？", &["?"]),
    ("！", &["!"]),
    ("（", &["(", "-lrb-"]),
    ("(", &["(", "-lrb-"]),
    ("）", &[")", "-rrb-"]),
    (")", &[")", "-rrb-"]),
    ("“", &["\"", "``", "“"]),
    ("”", &["\"", "''", "”"]),
    ("《", &["\"", "``"]),
    ("》", &["\"", "''"]),
];

/// What the dictionary knows of a Chinese word.
struct ChineseKey {
    word: String,
    stems: Vec<String>,
    number: Option<u64>,
    month: Option<u64>,
    pinyin: Vec<String>,
    punctuation: &'static [&'static str],
}

impl ChineseKey {
    fn new(word: &str, lexicon: &Lexicon) -> ChineseKey {
        let month = word
            .strip_suffix('月')
            .and_then(number_value)
            .filter(|m| (1..=12).contains(m));
        ChineseKey {
            word: word.to_lowercase(),
            stems: lexicon.translations(word),
            number: number_value(word),
            month,
            pinyin: pinyin_forms(word)
                .into_iter()
                .map(|p| p.trim_start_matches('@').to_string())
                .collect(),
            punctuation: PUNCTUATION
                .iter()
                .find(|(p, _)| *p == word)
                .map_or(&[], |(_, e)| *e),
        }
    }

    /// Whether the dictionary links this word with the English word.
    fn links(&self, en: &EnglishKey) -> bool {
        if self.word == en.lower {
            return true;
        }
        if !self.punctuation.is_empty() {
            return self.punctuation.contains(&en.lower.as_str());
        }
        if self.month.is_some() && self.month == en.month {
            return true;
        }
        if self.number.is_some() && self.number == en.number {
            return true;
        }
        if en.content && self.stems.iter().any(|s| same_stem(s, &en.stem)) {
            return true;
        }
        // A name the dictionary lacks, written in pinyin: 麦 ↔ Mai, 棠源 ↔ Tangyuan.
        en.lower.len() >= 2
            && self.pinyin.iter().any(|p| {
                p.len() >= 2
                    && (en.lower == *p
                        || en.lower.starts_with(p.as_str())
                        || en.lower.ends_with(p.as_str()))
            })
    }
}

/// Translation probabilities of one direction: `t[(source, target)]`, the source 0 for NULL
/// and word ids shifted by one.
struct Model {
    t: FxHashMap<(u32, u32), f64>,
}

/// Sentence pairs whose expected counts one task gathers.
const CHUNK: usize = 256;

/// Trains one direction: `source[k]` generates `target[k]`.
fn train(
    source: &[Vec<u32>],
    target: &[Vec<u32>],
    linked: &dyn Fn(u32, u32) -> bool,
    options: &WordAlignOptions,
) -> Model {
    // Start from uniform over co-occurring pairs, dictionary pairs favoured.
    let mut t: FxHashMap<(u32, u32), f64> = FxHashMap::default();
    for (s, g) in source.iter().zip(target) {
        for &f in &g[..] {
            t.entry((0, f)).or_insert(1.0);
            for &e in s {
                let boost = if linked(e, f) { 10.0 } else { 1.0 };
                t.entry((e + 1, f)).or_insert(boost);
            }
        }
    }
    normalise(&mut t);
    for _ in 0..options.iterations {
        // Expected counts per chunk of pairs in parallel, then summed chunk by chunk in order:
        // a floating-point sum in a fixed order, so that the same pairs always give the same
        // links (rayon's reduce would group the sums as its threads happen to split them).
        let chunks: Vec<FxHashMap<(u32, u32), f64>> = source
            .par_chunks(CHUNK)
            .zip(target.par_chunks(CHUNK))
            .map(|(sources, targets)| {
                let mut counts = FxHashMap::default();
                for (s, g) in sources.iter().zip(targets) {
                    expect(s, g, &t, options, &mut counts);
                }
                counts
            })
            .collect();
        let mut counts: FxHashMap<(u32, u32), f64> = FxHashMap::default();
        for chunk in chunks {
            for (k, v) in chunk {
                *counts.entry(k).or_insert(0.0) += v;
            }
        }
        let mut next = counts;
        // The dictionary's pseudo-counts, for every co-occurring linked pair.
        for (&(e, f), v) in next.iter_mut() {
            if e > 0 && linked(e - 1, f) {
                *v += options.dictionary_prior;
            }
        }
        normalise(&mut next);
        t = next;
    }
    Model { t }
}

/// Expected link counts of one sentence pair under the current model.
fn expect(
    source: &[u32],
    target: &[u32],
    t: &FxHashMap<(u32, u32), f64>,
    options: &WordAlignOptions,
    counts: &mut FxHashMap<(u32, u32), f64>,
) {
    let (n, m) = (source.len(), target.len());
    for (j, &f) in target.iter().enumerate() {
        let prior = diagonal(j, m, n, options);
        let null = options.null * t.get(&(0, f)).copied().unwrap_or(1e-9);
        let scores: Vec<f64> = source
            .iter()
            .enumerate()
            .map(|(i, &e)| prior[i] * t.get(&(e + 1, f)).copied().unwrap_or(1e-9))
            .collect();
        let total = null + scores.iter().sum::<f64>();
        if total <= 0.0 {
            continue;
        }
        *counts.entry((0, f)).or_insert(0.0) += null / total;
        for (&e, s) in source.iter().zip(&scores) {
            *counts.entry((e + 1, f)).or_insert(0.0) += s / total;
        }
    }
}

/// The diagonal prior of target position `j` (of `m`) over the `n` source positions, summing
/// to 1 − the NULL share.
fn diagonal(j: usize, m: usize, n: usize, options: &WordAlignOptions) -> Vec<f64> {
    let at = (j as f64 + 0.5) / m as f64;
    let weights: Vec<f64> = (0..n)
        .map(|i| (-options.diagonal * ((i as f64 + 0.5) / n as f64 - at).abs()).exp())
        .collect();
    let sum: f64 = weights.iter().sum();
    weights
        .into_iter()
        .map(|w| (1.0 - options.null) * w / sum)
        .collect()
}

/// Makes `t` a distribution over targets for each source.
fn normalise(t: &mut FxHashMap<(u32, u32), f64>) {
    let mut totals: FxHashMap<u32, f64> = FxHashMap::default();
    for (&(e, _), v) in t.iter() {
        *totals.entry(e).or_insert(0.0) += v;
    }
    for ((e, _), v) in t.iter_mut() {
        *v /= totals[e].max(1e-300);
    }
}

/// The best source of each target word (`None`: NULL).
fn viterbi(
    source: &[u32],
    target: &[u32],
    model: &Model,
    options: &WordAlignOptions,
) -> Vec<Option<usize>> {
    let (n, m) = (source.len(), target.len());
    target
        .iter()
        .enumerate()
        .map(|(j, &f)| {
            let prior = diagonal(j, m, n, options);
            let null = options.null * model.t.get(&(0, f)).copied().unwrap_or(1e-9);
            let best = source
                .iter()
                .enumerate()
                .map(|(i, &e)| {
                    (
                        i,
                        prior[i] * model.t.get(&(e + 1, f)).copied().unwrap_or(1e-9),
                    )
                })
                .max_by(|a, b| a.1.total_cmp(&b.1));
            best.filter(|&(_, p)| p > null).map(|(i, _)| i)
        })
        .collect()
}

/// Aligns the words of every pair; trains on the pairs themselves (and the dictionary).
pub fn align_words(
    pairs: &[TokenPair],
    lexicon: &Lexicon,
    options: &WordAlignOptions,
) -> Vec<Vec<Link>> {
    let vocab = Vocabulary::new(pairs, lexicon);
    let linked_zh_en = |z: u32, e: u32| vocab.linked.contains(&(z, e));
    let linked_en_zh = |e: u32, z: u32| vocab.linked.contains(&(z, e));
    let (zh_to_en, en_to_zh) = rayon::join(
        || train(&vocab.zh, &vocab.en, &linked_zh_en, options),
        || train(&vocab.en, &vocab.zh, &linked_en_zh, options),
    );
    vocab
        .zh
        .par_iter()
        .zip(vocab.en.par_iter())
        .map(|(z, e)| {
            // zh → en: each English word's Chinese source; en → zh: each Chinese word's English source.
            let forward: BTreeSet<Link> = viterbi(z, e, &zh_to_en, options)
                .into_iter()
                .enumerate()
                .filter_map(|(j, i)| i.map(|i| (i, j)))
                .collect();
            let backward: BTreeSet<Link> = viterbi(e, z, &en_to_zh, options)
                .into_iter()
                .enumerate()
                .filter_map(|(i, j)| j.map(|j| (i, j)))
                .collect();
            grow_diag_final_and(&forward, &backward, z.len(), e.len())
                .into_iter()
                .collect()
        })
        .collect()
}

/// grow-diag-final-and: the intersection, grown into neighbours (diagonals included) from
/// the union that align a word not yet aligned, then the union's links between two words
/// both still unaligned.
pub fn grow_diag_final_and(
    forward: &BTreeSet<Link>,
    backward: &BTreeSet<Link>,
    n: usize,
    m: usize,
) -> BTreeSet<Link> {
    let union: BTreeSet<Link> = forward.union(backward).copied().collect();
    let mut links: BTreeSet<Link> = forward.intersection(backward).copied().collect();
    let mut zh_aligned: Vec<bool> = vec![false; n];
    let mut en_aligned: Vec<bool> = vec![false; m];
    for &(i, j) in &links {
        zh_aligned[i] = true;
        en_aligned[j] = true;
    }
    const NEIGHBOURS: [(isize, isize); 8] = [
        (-1, 0),
        (0, -1),
        (1, 0),
        (0, 1),
        (-1, -1),
        (-1, 1),
        (1, -1),
        (1, 1),
    ];
    loop {
        let mut added = false;
        for (i, j) in links.clone() {
            for (di, dj) in NEIGHBOURS {
                let (ni, nj) = (i as isize + di, j as isize + dj);
                if ni < 0 || nj < 0 || ni as usize >= n || nj as usize >= m {
                    continue;
                }
                let link = (ni as usize, nj as usize);
                if union.contains(&link)
                    && !links.contains(&link)
                    && (!zh_aligned[link.0] || !en_aligned[link.1])
                {
                    links.insert(link);
                    zh_aligned[link.0] = true;
                    en_aligned[link.1] = true;
                    added = true;
                }
            }
        }
        if !added {
            break;
        }
    }
    for direction in [forward, backward] {
        for &(i, j) in direction {
            if !zh_aligned[i] && !en_aligned[j] {
                links.insert((i, j));
                zh_aligned[i] = true;
                en_aligned[j] = true;
            }
        }
    }
    links
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pair(zh: &str, en: &str) -> TokenPair {
        TokenPair {
            zh: zh.split_whitespace().map(str::to_string).collect(),
            en: en.split_whitespace().map(str::to_string).collect(),
        }
    }

    #[test]
    fn dictionary_words_numbers_and_names_align_on_a_tiny_corpus() {
        let pairs = [
            pair(
                "印尼 外交部 3月 22日 发表 公报",
                "Indonesian Foreign Ministry issued a communique on March 22",
            ),
            pair("记者 麦 棠源 报道", "reported by reporter Mai Tangyuan"),
        ];
        let links = align_words(&pairs, &Lexicon::default(), &WordAlignOptions::default());
        assert!(
            links[0].contains(&(1, 2)),
            "外交部-Ministry: {:?}",
            links[0]
        );
        assert!(links[0].contains(&(2, 7)), "3月-March: {:?}", links[0]);
        assert!(links[0].contains(&(3, 8)), "22日-22: {:?}", links[0]);
        assert!(links[1].contains(&(1, 3)), "麦-Mai: {:?}", links[1]);
        assert!(links[1].contains(&(2, 4)), "棠源-Tangyuan: {:?}", links[1]);
    }

    #[test]
    fn the_links_do_not_depend_on_how_many_threads_train() {
        let words_zh = [
            "上海", "精神", "合作", "组织", "安全", "发展", "和平", "地区",
        ];
        let words_en = [
            "Shanghai",
            "spirit",
            "cooperation",
            "organization",
            "security",
        ];
        // More pairs than one chunk, so that the counts are summed across tasks.
        let pairs: Vec<TokenPair> = (0..3 * CHUNK)
            .map(|k| TokenPair {
                zh: (0..4)
                    .map(|i| words_zh[(k * 7 + i * 3) % 8].to_string())
                    .collect(),
                en: (0..5)
                    .map(|i| words_en[(k * 5 + i * 2) % 5].to_string())
                    .collect(),
            })
            .collect();
        let align_with = |threads: usize| {
            let pool = rayon::ThreadPoolBuilder::new()
                .num_threads(threads)
                .build()
                .unwrap();
            pool.install(|| align_words(&pairs, &Lexicon::default(), &WordAlignOptions::default()))
        };
        assert_eq!(align_with(1), align_with(4));
    }

    #[test]
    fn symmetrisation_keeps_agreement_and_grows_next_to_it() {
        let forward = BTreeSet::from([(0, 0), (1, 1), (2, 1)]);
        let backward = BTreeSet::from([(0, 0), (1, 1), (2, 3)]);
        let links = grow_diag_final_and(&forward, &backward, 3, 4);
        assert!(links.contains(&(0, 0)) && links.contains(&(1, 1)));
        assert!(
            links.contains(&(2, 1)),
            "a neighbour of (1, 1) for an unaligned word"
        );
        assert!(
            !links.contains(&(2, 3)),
            "word 2 is aligned by then: (2, 3) is not added"
        );
    }
}
