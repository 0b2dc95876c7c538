//! Term extraction: from documents to ranked terms with counts, contexts and variants.
//!
//! ```text
//! documents ──candidates::tokenize──▶ token stream (jieba, in parallel over documents)
//!           ──NgramTable::mine──────▶ recurring n-grams, exact counts, rare ones never stored
//!           ──candidates::*─────────▶ candidates (n-grams with term-shaped edges, phrases in
//!                                     “” and 《》, repeated enumerations)
//!           ──count::count_terms────▶ exact counts on the text, by year, contexts, neighbours
//!           ──score::score──────────▶ ranked terms (score desc, then term)
//!           ──variants / classify───▶ variant groups, types
//! ```

use std::collections::BTreeMap;

use aho_corasick::MatchKind;
use rayon::prelude::*;
use serde::Serialize;

pub mod candidates;
pub mod classify;
pub mod count;
pub mod marked;
pub mod ngrams;
pub mod score;
pub mod shape;
pub mod tokens;
pub mod variants;
pub mod words;

use crate::corpus::{Document, Texts};
use crate::lang::Lang;
use crate::segment::{GENERAL_TOTAL, Segmenter};
use crate::timing::StageClock;
use candidates::{Candidate, Evidence};
use classify::TermType;
use count::{Context, ContextOptions, TermCounts};
use ngrams::{MiningOptions, NgramTable};
use score::Features;
use tokens::TokenStream;

/// Options of [`extract`].
#[derive(Debug, Clone)]
pub struct ExtractOptions {
    /// Least number of occurrences in the text (2: recurring).
    pub min_freq: u32,
    /// Keep only the best `top` terms.
    pub top: Option<usize>,
    /// N-gram mining limits.
    pub mining: MiningOptions,
    /// How many contexts to keep.
    pub contexts: ContextOptions,
    /// At most this many candidates are counted on the text (the best by mined count).
    pub max_candidates: usize,
}

impl Default for ExtractOptions {
    fn default() -> Self {
        ExtractOptions {
            min_freq: 2,
            top: None,
            mining: MiningOptions::default(),
            contexts: ContextOptions::default(),
            max_candidates: 200_000,
        }
    }
}

/// One extracted term.
#[derive(Debug, Clone, Serialize)]
pub struct Term {
    /// The Chinese term.
    pub term: String,
    /// Its type.
    #[serde(rename = "type")]
    pub term_type: TermType,
    /// Its ranking score.
    pub score: f64,
    /// Occurrences in the normalised text (inside longer terms too).
    pub total: u64,
    /// Occurrences not inside a longer term of the list.
    pub standalone: u64,
    /// Occurrences by year (`None`: documents without a year).
    #[serde(with = "crate::year::counts")]
    pub by_year: crate::year::ByYear,
    /// Number of documents it occurs in.
    pub docs: u32,
    /// First year it occurs in.
    pub first_year: Option<i32>,
    /// Last year it occurs in.
    pub last_year: Option<i32>,
    /// Other forms of the same concept (abbreviations, variants), most frequent first.
    pub variants: Vec<String>,
    /// Occurrences of all forms of the concept together.
    pub group_total: u64,
    /// Keyword-in-context lines.
    pub contexts: Vec<Context>,
    /// Marks and formulae it was seen in.
    pub evidence: Evidence,
    /// What the score was computed from.
    pub features: Features,
    /// Its words (jieba tokens).
    #[serde(skip)]
    pub pieces: Vec<String>,
}

/// What an extraction saw, and how long each stage took.
#[derive(Debug, Clone, Default, Serialize)]
pub struct ExtractStats {
    /// Seconds spent in each stage, in order.
    pub timings: Vec<(String, f64)>,
    /// Chinese documents read.
    pub documents: usize,
    /// Tokens (punctuation excluded).
    pub tokens: u64,
    /// Recurring n-grams mined.
    pub ngrams: usize,
    /// Candidates counted on the text.
    pub candidates: usize,
}

/// The result of [`extract`].
#[derive(Debug, Clone, Default)]
pub struct Extraction {
    /// Terms, best first.
    pub terms: Vec<Term>,
    /// What was seen.
    pub stats: ExtractStats,
}

/// Extracts the recurring terms of `docs`.
pub fn extract(docs: &[&Document], segmenter: &Segmenter, options: &ExtractOptions) -> Extraction {
    let mut clock = StageClock::start();
    let stream = tokens::tokenize(segmenter, docs);
    clock.lap("segment");
    let mut extraction = extract_tokens((docs, &crate::corpus::Held), &stream, segmenter, options);
    let mut timings = clock.into_laps();
    timings.append(&mut extraction.stats.timings);
    extraction.stats.timings = timings;
    extraction
}

/// Extracts the recurring terms of `docs` from their tokens (`stream.docs` parallel to
/// `docs`, as [`tokens::tokenize`] makes them, or joined from cached [`DocTokens`]).
///
/// [`DocTokens`]: tokens::DocTokens
pub fn extract_tokens(
    (docs, texts): (&[&Document], &dyn Texts),
    stream: &TokenStream,
    segmenter: &Segmenter,
    options: &ExtractOptions,
) -> Extraction {
    let mut pool = CandidatePool::mine((docs, texts), stream, segmenter, options);
    let mut clock = StageClock::start();
    let terms = pool.texts();
    let whole = count::WholeWords::find(&terms, segmenter);
    let counts = count::count_terms(&terms, &whole, docs, texts, options.contexts);
    clock.lap("count on text");
    pool.stats.timings.extend(clock.into_laps());
    pool.rank(counts, segmenter, options)
}

/// The candidates of a corpus, before they are counted on the text: n-grams of the token
/// stream with term-shaped edges, phrases in marks, repeated enumerations.
#[derive(Debug, Clone)]
pub struct CandidatePool {
    candidates: Vec<Candidate>,
    corpus_tokens: u64,
    stats: ExtractStats,
}

impl CandidatePool {
    /// Mines the candidates of `docs` from their tokens, at most
    /// [`ExtractOptions::max_candidates`] of them (the best by mined count).
    pub fn mine(
        (docs, texts): (&[&Document], &dyn Texts),
        stream: &TokenStream,
        segmenter: &Segmenter,
        options: &ExtractOptions,
    ) -> CandidatePool {
        let mining = MiningOptions {
            min_freq: options.min_freq,
            ..options.mining.clone()
        };
        let mut clock = StageClock::start();
        let table = NgramTable::mine(stream, &mining);
        clock.lap("mine n-grams");
        let (corpus_tokens, ngrams) = (table.total_tokens, table.len());
        let mut pool = candidate_pool(stream, table, (docs, texts), segmenter, &mining);
        clock.lap("candidates");
        if pool.len() > options.max_candidates {
            pool.sort_by(|a, b| {
                pre_rank(b)
                    .cmp(&pre_rank(a))
                    .then_with(|| a.text.cmp(&b.text))
            });
            pool.truncate(options.max_candidates);
            pool.sort_by(|a, b| a.text.cmp(&b.text));
        }
        let stats = ExtractStats {
            timings: clock.into_laps(),
            documents: docs.iter().filter(|d| d.lang == Lang::Zh).count(),
            tokens: corpus_tokens,
            ngrams,
            candidates: pool.len(),
        };
        CandidatePool {
            candidates: pool,
            corpus_tokens,
            stats,
        }
    }

    /// The texts to count on the corpus, in the order [`CandidatePool::rank`] expects their
    /// counts.
    pub fn texts(&self) -> Vec<String> {
        self.candidates.iter().map(|c| c.text.clone()).collect()
    }

    /// The terms, best first, from the candidates' counts on the text (parallel to
    /// [`CandidatePool::texts`], as [`count::count_terms`] gives them).
    pub fn rank(
        self,
        counts: Vec<TermCounts>,
        segmenter: &Segmenter,
        options: &ExtractOptions,
    ) -> Extraction {
        let CandidatePool {
            candidates,
            corpus_tokens,
            mut stats,
        } = self;
        let mut clock = StageClock::start();
        let kept: Vec<(Candidate, TermCounts)> = candidates
            .into_iter()
            .zip(counts)
            // A phrase quoted on its own is a unit even where a word always follows the
            // closing mark (“两个一百年”奋斗目标).
            .filter(|(candidate, c)| {
                c.total >= u64::from(options.min_freq)
                    && (c.standalone > 0 || candidate.evidence.quoted > 0)
            })
            .collect();
        let mut terms = rank(kept, corpus_tokens, segmenter);
        clock.lap("score");
        group_variants(&mut terms, segmenter);
        favour_established_concepts(&mut terms);
        clock.lap("variants");
        stats.timings.extend(clock.into_laps());
        if let Some(top) = options.top {
            terms.truncate(top);
        }
        Extraction { terms, stats }
    }
}

fn pre_rank(c: &Candidate) -> (bool, u32) {
    let marked = c.evidence.quoted + c.evidence.book_title > 0 || c.evidence.enumeration;
    (marked, c.mined_count)
}

/// N-gram candidates, plus phrases in marks and enumerations, one per distinct text, in the
/// order of their texts.
///
/// The n-gram table goes as soon as its candidates are read from it, and the mined candidates
/// are pooled in place: on a corpus of a gigabyte, this stage held the build's peak, with the
/// table, a million mined candidates and a second copy of each text as a map key at once.
fn candidate_pool(
    stream: &TokenStream,
    table: NgramTable,
    docs: (&[&Document], &dyn Texts),
    segmenter: &Segmenter,
    mining: &MiningOptions,
) -> Vec<Candidate> {
    let mined = candidates::from_ngrams(stream, &table, mining);
    drop(table);
    let dictionary_shape =
        shape::DictionaryShape::learn(segmenter, mined.iter().map(|c| c.pieces.as_slice()));
    let shaped: Vec<bool> = mined
        .par_iter()
        .map(|c| dictionary_shape.shape_ok(&c.pieces))
        .collect();
    drop(dictionary_shape);
    let mut shaped = shaped.into_iter();
    let mut pool = mined;
    pool.retain(|_| shaped.next().unwrap_or(false));
    let mut pool = one_cut_per_text(pool);
    let mut added = MarkedOnly::default();
    let marked = marked::marked_phrases(stream, docs);
    for (text, n) in &marked.quoted {
        if let Some(c) = added.find_or_add(&mut pool, text, segmenter, shape::quoted_shape_ok) {
            c.evidence.quoted += n;
        }
    }
    for (text, n) in &marked.book_titles {
        if let Some(c) = added.find_or_add(&mut pool, text, segmenter, |_| true) {
            c.evidence.book_title += n;
        }
    }
    for (text, &n) in &marked.enumerations {
        // Like a mined phrase, a formula does not open with a common verb (执行 + …).
        let opens_with_verb = || {
            segmenter
                .words(text)
                .next()
                .is_some_and(|w| segmenter.is_common_verb(w))
        };
        if n >= mining.min_freq
            && !opens_with_verb()
            && let Some(c) = added.find_or_add(&mut pool, text, segmenter, |_| true)
        {
            c.evidence.enumeration = true;
        }
    }
    added.merge_into(pool)
}

/// The mined candidates, one per text, in the order of their texts: where the same text was
/// cut two ways, the cut seen most (of equal ones, the first mined).
fn one_cut_per_text(mut mined: Vec<Candidate>) -> Vec<Candidate> {
    // Stable: among cuts seen as often, the first mined comes first.
    mined.sort_by(|a, b| {
        a.text
            .cmp(&b.text)
            .then_with(|| b.mined_count.cmp(&a.mined_count))
    });
    mined.dedup_by(|later, kept| later.text == kept.text);
    mined
}

/// Phrases found only in marks (no mined candidate has their text), by text.
#[derive(Default)]
struct MarkedOnly(BTreeMap<String, Candidate>);

impl MarkedOnly {
    /// The candidate with `text`: the mined one (`pool` is in text order), one already added,
    /// or a new one when its words pass `check`.
    fn find_or_add<'a>(
        &'a mut self,
        pool: &'a mut [Candidate],
        text: &str,
        segmenter: &Segmenter,
        check: fn(&[&str]) -> bool,
    ) -> Option<&'a mut Candidate> {
        if let Ok(i) = pool.binary_search_by(|c| c.text.as_str().cmp(text)) {
            return Some(&mut pool[i]);
        }
        if !self.0.contains_key(text) {
            let pieces: Vec<String> = segmenter
                .cut(text)
                .into_iter()
                .map(str::to_string)
                .collect();
            let words: Vec<&str> = pieces.iter().map(String::as_str).collect();
            if !check(&words) {
                return None;
            }
            let candidate = Candidate {
                text: text.to_string(),
                pieces,
                mined_count: 0,
                association: None,
                evidence: Evidence::default(),
            };
            self.0.insert(text.to_string(), candidate);
        }
        self.0.get_mut(text)
    }

    /// `pool` and the added phrases in one list, in the order of their texts.
    fn merge_into(self, pool: Vec<Candidate>) -> Vec<Candidate> {
        let mut out = Vec::with_capacity(pool.len() + self.0.len());
        let mut added = self.0.into_values().peekable();
        for mined in pool {
            while let Some(a) = added.next_if(|a| a.text < mined.text) {
                out.push(a);
            }
            out.push(mined);
        }
        out.extend(added);
        out
    }
}

/// How often a word of three characters or more is seen in jieba's general dictionary to be
/// an ordinary word (影响力 650, 国际法 402, 不可分割 156). The dictionary also lists rare
/// entries at a frequency of a few (粮食安全 3, 单边制裁 3, 伙伴关系 3): those are terms, not
/// ordinary words. Every two-character word of the dictionary is ordinary.
const ORDINARY_WORD_MIN_FREQ: u64 = 20;

/// Nouns that a place only qualifies (中亚 + 国家, 非洲 + 国家, 中国 + 人民, 中塔 + 关系): the
/// phrase means what its parts mean.
const GENERIC_HEADS: &[&str] = &["国家", "人民", "关系", "公民", "政府", "地区", "领导人"];

/// Whether `pieces` are a place and a generic noun ([`GENERIC_HEADS`]). The place is a place
/// by the gazetteer or by jieba's tag, as it was before the curated glossary protected it (中亚).
fn place_and_generic_noun(pieces: &[String], segmenter: &Segmenter) -> bool {
    // One word of jieba's (中亚国家/ns) is read in its dictionary parts.
    let parts: Vec<&str> = match pieces {
        [one] => segmenter.parts(one),
        many => many.iter().map(String::as_str).collect(),
    };
    match parts.as_slice() {
        [place, head] => {
            GENERIC_HEADS.contains(head)
                && (classify::classify(place, false, segmenter) == TermType::Place
                    || segmenter.tagged_a_place(place))
        }
        _ => false,
    }
}

/// A phrase of this many words or more is long (see [`Features::long_phrase`]).
const LONG_PHRASE_WORDS: usize = 5;

/// Types, features, score and order.
fn rank(
    kept: Vec<(Candidate, TermCounts)>,
    corpus_tokens: u64,
    segmenter: &Segmenter,
) -> Vec<Term> {
    let typed: Vec<(Candidate, TermCounts, TermType)> = kept
        .into_par_iter()
        .map(|(candidate, counts)| {
            let term_type = classify::classify(
                &candidate.text,
                candidate.evidence.book_title > 0,
                segmenter,
            );
            (candidate, counts, term_type)
        })
        .collect();
    // Typed before the names with their titles (托卡耶夫总统) are dropped: those are evidence.
    let typed = type_persons_by_titles(typed, segmenter);
    let typed = drop_titled_names(typed, segmenter);
    let typed: Vec<_> = typed
        .into_iter()
        .filter(|(c, _, t)| !(*t == TermType::Phrase && joins_two_words(&c.pieces, segmenter)))
        .collect();
    let texts: Vec<&str> = typed.iter().map(|(c, _, _)| c.text.as_str()).collect();
    let totals: Vec<f64> = typed.iter().map(|(_, c, _)| c.total as f64).collect();
    let containers = containers(&texts);
    let mut terms: Vec<Term> = typed
        .into_par_iter()
        .enumerate()
        .map(|(i, (candidate, counts, term_type))| {
            let container_counts: Vec<f64> = containers[i].iter().map(|&j| totals[j]).collect();
            let general = if candidate.pieces.len() == 1 {
                segmenter.general_frequency(&candidate.text)
            } else {
                None
            };
            let features = Features {
                total: counts.total,
                docs: counts.docs,
                years: counts.years(),
                chars: candidate.text.chars().count() as u32,
                tokens: candidate.pieces.len() as u32,
                npmi: candidate.association.map(|a| a.npmi),
                llr: candidate.association.map(|a| a.llr),
                left_entropy: counts.left.entropy(),
                right_entropy: counts.right.entropy(),
                standalone_share: counts.standalone as f64 / counts.total.max(1) as f64,
                // Its quoted occurrences stand alone whatever follows the marks.
                cvalue_share: score::cvalue_share(counts.total as f64, &container_counts).max(
                    (f64::from(candidate.evidence.quoted) / counts.total.max(1) as f64).min(1.0),
                ),
                termhood: score::termhood(
                    counts.total as f64,
                    corpus_tokens as f64,
                    general.map(|g| g as f64),
                    GENERAL_TOTAL as f64,
                ),
                // Names (of persons with a title beside them, places, bodies, events and
                // documents) are what a glossary is for.
                dictionary_word: term_type == TermType::Phrase
                    && general.is_some_and(|g| {
                        g >= ORDINARY_WORD_MIN_FREQ || candidate.text.chars().count() <= 2
                    }),
                marked: candidate.evidence.quoted + candidate.evidence.book_title,
                enumeration: candidate.evidence.enumeration,
                place_and_generic_noun: place_and_generic_noun(&candidate.pieces, segmenter),
                named: matches!(
                    term_type,
                    TermType::Organisation
                        | TermType::Document
                        | TermType::Event
                        | TermType::Person
                ),
                idiom: general.is_some() && segmenter.is_idiom(&candidate.text),
                long_phrase: candidate.pieces.len() >= LONG_PHRASE_WORDS
                    && term_type == TermType::Phrase
                    && candidate.evidence == Evidence::default(),
            };
            let (first_year, last_year) = counts.year_range();
            Term {
                score: score::score(&features),
                term: candidate.text,
                term_type,
                total: counts.total,
                standalone: counts.standalone,
                by_year: counts.by_year,
                docs: counts.docs,
                first_year,
                last_year,
                variants: Vec::new(),
                group_total: counts.total,
                contexts: counts.contexts,
                evidence: candidate.evidence,
                features,
                pieces: candidate.pieces,
            }
        })
        .filter(|t| t.score > 0.0)
        .collect();
    terms.sort_by(|a, b| {
        b.score
            .total_cmp(&a.score)
            .then_with(|| a.term.cmp(&b.term))
    });
    terms
}

/// Whether a candidate is one word of two characters that neither jieba's dictionary nor
/// CC-CEDICT knows (jieba's HMM made it) and that opens with a word-ending morpheme or a
/// localizer ([`words::NO_START`]): the end of one word and the start of the next, as in
/// 组织中 + 党的 → 中党. A place so made (中塔, China–Tajikistan) is typed and kept.
fn joins_two_words(pieces: &[String], segmenter: &Segmenter) -> bool {
    let [word] = pieces else {
        return false;
    };
    let mut chars = word.char_indices();
    let (Some(_), Some((second, _)), None) = (chars.next(), chars.next(), chars.next()) else {
        return false;
    };
    words::NO_START.contains(&word[..second])
        && segmenter.general_frequency(word).is_none()
        && !crate::cedict::contains(word)
}

/// A name followed by a title (拉赫蒙总统, 习近平主席) is the name's context, not another
/// term, when the name is a candidate itself and not an ordinary word (国家主席 stays).
fn drop_titled_names(
    typed: Vec<(Candidate, TermCounts, TermType)>,
    segmenter: &Segmenter,
) -> Vec<(Candidate, TermCounts, TermType)> {
    use classify::NAME_MAX_GENERAL_FREQ;
    let names: std::collections::HashSet<&str> = typed
        .iter()
        .map(|(c, _, _)| c.text.as_str())
        .filter(|t| {
            segmenter
                .general_frequency(t)
                .is_none_or(|f| f < NAME_MAX_GENERAL_FREQ)
        })
        .collect();
    let drop: Vec<bool> = typed
        .iter()
        .map(|(c, _, _)| {
            c.pieces.len() > 1
                && c.pieces.last().is_some_and(|last| {
                    words::is_title(last) && names.contains(&c.text[..c.text.len() - last.len()])
                })
        })
        .collect();
    typed
        .into_iter()
        .zip(drop)
        .filter_map(|(t, d)| (!d).then_some(t))
        .collect()
}

/// People are typed by evidence of a person, not by jieba's tag alone (it tags 世界秩序 and
/// 安全观 `nr`): a title beside the name in some context (托卡耶夫总统, 国家主席习近平) or among
/// the candidates (托卡耶夫总统 recurring), and jieba seeing a personal name in it
/// ([`Segmenter::looks_like_a_personal_name`]: 托/卡耶夫, as before the term was protected)
/// or CC-CEDICT knowing the person ([`crate::cedict::names_a_person`]: jieba tags 普京 a
/// place).
/// A person's name is never a phrase; a term tagged a person without a title anywhere is one.
fn type_persons_by_titles(
    typed: Vec<(Candidate, TermCounts, TermType)>,
    segmenter: &Segmenter,
) -> Vec<(Candidate, TermCounts, TermType)> {
    let texts: std::collections::HashSet<&str> =
        typed.iter().map(|(c, _, _)| c.text.as_str()).collect();
    let titled = |text: &str, counts: &TermCounts| {
        let beside_in_text = counts.contexts.iter().any(|c| {
            (1..=3).any(|n| {
                let before: String = {
                    let chars: Vec<char> = c.left.chars().collect();
                    chars[chars.len().saturating_sub(n)..].iter().collect()
                };
                let after: String = c.right.chars().take(n).collect();
                words::is_person_title(&before) || words::is_person_title(&after)
            })
        });
        // One lookup per title, not a scan of every candidate for each candidate.
        let titled_candidate = words::TITLES
            .iter()
            .filter(|title| words::is_person_title(title))
            .any(|title| {
                texts.contains(format!("{text}{title}").as_str())
                    || texts.contains(format!("{title}{text}").as_str())
            });
        beside_in_text || titled_candidate
    };
    let retyped: Vec<TermType> = typed
        .par_iter()
        .map(|(candidate, counts, kind)| {
            let evidence = titled(&candidate.text, counts);
            let name = evidence
                && (segmenter.looks_like_a_personal_name(&candidate.text)
                    || crate::cedict::names_a_person(&candidate.text));
            match kind {
                TermType::Phrase | TermType::Person if name => TermType::Person,
                TermType::Person => TermType::Phrase,
                other => *other,
            }
        })
        .collect();
    typed
        .into_iter()
        .zip(retyped)
        .map(|((candidate, counts, _), kind)| (candidate, counts, kind))
        .collect()
}

/// For each text, the indices of the longer texts that contain it.
fn containers(texts: &[&str]) -> Vec<Vec<usize>> {
    let mut out = vec![Vec::new(); texts.len()];
    if texts.is_empty() {
        return out;
    }
    let matcher = crate::matcher::matcher(texts, MatchKind::Standard);
    let found: Vec<Vec<(usize, usize)>> = texts
        .par_iter()
        .enumerate()
        .map(|(j, text)| {
            let mut inner: Vec<usize> = matcher
                .find_overlapping_iter(text)
                .map(|m| m.pattern().as_usize())
                .filter(|&i| i != j)
                .collect();
            inner.sort_unstable();
            inner.dedup();
            inner.into_iter().map(|i| (i, j)).collect()
        })
        .collect();
    for (i, j) in found.into_iter().flatten() {
        out[i].push(j);
    }
    out
}

/// The bonus for a term with variants.
const ESTABLISHED_CONCEPT: f64 = 1.3;

/// A concept that recurs under several forms (上合大家庭 / 上合组织大家庭) is an established
/// one: its forms get a bonus, and the list is sorted again.
fn favour_established_concepts(terms: &mut [Term]) {
    for term in terms.iter_mut().filter(|t| !t.variants.is_empty()) {
        term.score *= ESTABLISHED_CONCEPT;
    }
    terms.sort_by(|a, b| {
        b.score
            .total_cmp(&a.score)
            .then_with(|| a.term.cmp(&b.term))
    });
}

/// The (full, short) pairs of terms that the text defines: a context of the short form shows
/// it in brackets right after the full one ([`variants::defined_after`]).
fn defined_pairs(terms: &[Term]) -> Vec<(usize, usize)> {
    let index: std::collections::HashMap<&str, usize> = terms
        .iter()
        .enumerate()
        .map(|(i, t)| (t.term.as_str(), i))
        .collect();
    let mut pairs: Vec<(usize, usize)> = terms
        .iter()
        .enumerate()
        .flat_map(|(short, t)| {
            t.contexts
                .iter()
                .filter_map(|c| variants::defined_after(&c.left, &t.term, &c.right))
                .filter_map(|before| variants::longest_suffix_in(before, &index))
                .filter(move |&full| terms[full].term.len() > t.term.len())
                .map(move |full| (full, short))
        })
        .collect();
    pairs.sort_unstable();
    pairs.dedup();
    pairs
}

/// Links variants among the terms and fills `variants` and `group_total`.
fn group_variants(terms: &mut [Term], segmenter: &Segmenter) {
    // A term the segmenter keeps whole (a curated one) is compared in its dictionary parts:
    // 上合组织 abbreviates 上海/合作/组织, not the one word 上海合作组织.
    let pieces: Vec<Vec<String>> = terms
        .iter()
        .map(|t| match t.pieces.as_slice() {
            [one] => segmenter
                .parts(one)
                .into_iter()
                .map(str::to_string)
                .collect(),
            many => many.to_vec(),
        })
        .collect();
    let forms: Vec<variants::Form> = terms
        .iter()
        .zip(&pieces)
        .map(|(t, pieces)| variants::Form {
            text: &t.term,
            pieces,
            ordinary_word: t.features.dictionary_word,
        })
        .collect();
    let groups = variants::group(&forms, &defined_pairs(terms));
    let mut members: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
    for (i, g) in groups.iter().enumerate() {
        members.entry(*g).or_default().push(i);
    }
    for group in members.values().filter(|m| m.len() > 1) {
        let total: u64 = group.iter().map(|&i| terms[i].total).sum();
        let mut by_count: Vec<usize> = group.clone();
        by_count.sort_by(|&a, &b| {
            terms[b]
                .total
                .cmp(&terms[a].total)
                .then_with(|| terms[a].term.cmp(&terms[b].term))
        });
        for &i in group {
            terms[i].variants = by_count
                .iter()
                .filter(|&&j| j != i)
                .map(|&j| terms[j].term.clone())
                .collect();
            terms[i].group_total = total;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_word_joined_across_two_words_is_told_from_dictionary_words() {
        let seg = Segmenter::new();
        let one = |w: &str| vec![w.to_string()];
        // 组织中 + 党的: jieba's HMM joins 中 and 党.
        assert!(joins_two_words(&one("中党"), &seg));
        // Dictionary words, a word not opened by a bound morpheme, two tokens, three characters.
        assert!(!joins_two_words(&one("中国"), &seg));
        assert!(!joins_two_words(&one("党委"), &seg));
        assert!(!joins_two_words(
            &["中".to_string(), "党".to_string()],
            &seg
        ));
        assert!(!joins_two_words(&one("中党组"), &seg));
    }

    fn mined(text: &str, pieces: &[&str], count: u32) -> Candidate {
        Candidate {
            text: text.to_string(),
            pieces: pieces.iter().map(|p| p.to_string()).collect(),
            mined_count: count,
            association: None,
            evidence: Evidence::default(),
        }
    }

    #[test]
    fn a_text_cut_two_ways_keeps_the_cut_seen_most_and_the_first_of_equals() {
        let pool = one_cut_per_text(vec![
            mined("上海精神", &["上海", "精神"], 3),
            mined("三股势力", &["三股", "势力"], 2),
            mined("上海精神", &["上海精", "神"], 5),
            mined("三股势力", &["三股势", "力"], 2),
        ]);
        let kept: Vec<(&str, u32, &str)> = pool
            .iter()
            .map(|c| (c.text.as_str(), c.mined_count, c.pieces[0].as_str()))
            .collect();
        assert_eq!(kept, [("三股势力", 2, "三股"), ("上海精神", 5, "上海精")]);
    }

    #[test]
    fn phrases_only_in_marks_join_the_mined_ones_in_text_order() {
        let seg = Segmenter::new();
        let mut pool = one_cut_per_text(vec![mined("上海精神", &["上海", "精神"], 3)]);
        let mut added = MarkedOnly::default();
        let found = added.find_or_add(&mut pool, "上海精神", &seg, |_| false);
        found
            .expect("a mined text is found whatever the check")
            .evidence
            .quoted += 1;
        assert!(
            added
                .find_or_add(&mut pool, "小院高墙", &seg, |_| false)
                .is_none()
        );
        for text in ["小院高墙", "一带一路"] {
            added
                .find_or_add(&mut pool, text, &seg, |_| true)
                .expect("added")
                .evidence
                .book_title += 1;
        }
        // Found again, not added twice.
        added
            .find_or_add(&mut pool, "小院高墙", &seg, |_| true)
            .expect("found")
            .evidence
            .book_title += 1;
        let merged = added.merge_into(pool);
        let texts: Vec<(&str, u32, u32)> = merged
            .iter()
            .map(|c| (c.text.as_str(), c.evidence.quoted, c.evidence.book_title))
            .collect();
        assert_eq!(
            texts,
            [("一带一路", 0, 1), ("上海精神", 1, 0), ("小院高墙", 0, 2)]
        );
    }
}
