//! How the aligned translations render each term, and the English proposed from that.
//!
//! Every occurrence of a term in a confident sentence pair gives the English its words are
//! aligned to ([`super::phrases`]). The renderings are counted over all occurrences: the one
//! most used, the alternatives with their shares, the pairs, documents and years they come
//! from, and a few example pairs. A rendering is **proposed** only where the evidence carries
//! it (see [`Usage::carries_a_proposal`]); otherwise the observed renderings are shown without
//! a proposal.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use rayon::prelude::*;
use serde::{Deserialize, Serialize};

use super::SentenceUnit;
use super::features::is_function_word;
use super::lexicon::{Lexicon, same_stem};
use super::phrases::{Rendered, TermGlosses, WordAlignedPair};
use crate::lang;
use crate::segment::Segmenter;

/// One way the aligned translations render a term.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Rendering {
    /// The English, as most often written.
    pub en: String,
    /// Occurrences rendered this way.
    pub count: u32,
}

/// An aligned pair showing a term and its English, for cards and the report.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct UsageExample {
    /// The Chinese sentence(s).
    pub zh: String,
    /// The English sentence(s).
    pub en: String,
    /// Byte span of the term in `zh`.
    pub zh_span: (usize, usize),
    /// Byte span of its rendering in `en`.
    pub en_span: (usize, usize),
    /// The document.
    pub document: String,
    /// Its year.
    pub year: Option<i32>,
}

impl UsageExample {
    /// The Chinese cut around the term: before, term, after.
    pub fn zh_parts(&self) -> [&str; 3] {
        cut(&self.zh, self.zh_span)
    }

    /// The English cut around the rendering: before, rendering, after.
    pub fn en_parts(&self) -> [&str; 3] {
        cut(&self.en, self.en_span)
    }
}

/// `text` cut around the bytes `from..to`; nothing is highlighted when they are not a span of
/// it (an example read from a damaged file).
fn cut(text: &str, (from, to): (usize, usize)) -> [&str; 3] {
    match (text.get(..from), text.get(from..to), text.get(to..)) {
        (Some(left), Some(middle), Some(right)) => [left, middle, right],
        _ => [text, "", ""],
    }
}

/// How the aligned translations of the corpus render a term.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Usage {
    /// The renderings, most used first (at most [`KEEP`]).
    pub renderings: Vec<Rendering>,
    /// Occurrences of the term in confident sentence pairs.
    pub occurrences: u32,
    /// Of them, occurrences whose English could be cut out.
    pub aligned: u32,
    /// Sentence pairs holding an aligned occurrence.
    pub pairs: u32,
    /// Documents holding an aligned occurrence.
    pub documents: u32,
    /// First and last year of the aligned occurrences.
    pub years: Option<(i32, i32)>,
    /// Whether the top rendering is proposed (the evidence carries it).
    pub proposed: bool,
    /// A few aligned pairs, the top rendering's first. Not written to glossary.csv.
    #[serde(default)]
    pub examples: Vec<UsageExample>,
}

/// Renderings kept per term.
pub const KEEP: usize = 5;
/// Examples kept per term.
const EXAMPLES: usize = 3;
/// Least share of the aligned occurrences for a rendering seen twice or more to be proposed.
const MIN_SHARE: f64 = 0.5;
/// Least share for a rendering that leads the next one by [`LEAD`] to be proposed.
const MIN_SHARE_LEADING: f64 = 1.0 / 3.0;
/// Least count for a rendering to be proposed by its lead.
const MIN_COUNT_LEADING: u32 = 4;
/// How far (as a ratio of counts) a rendering must lead the next to need only
/// [`MIN_SHARE_LEADING`].
const LEAD: f64 = 1.5;
/// Least dictionary support for a rendering seen once to be proposed.
const MIN_SUPPORT_ONCE: f64 = 0.7;
/// Least dictionary support for a one-word rendering of a term of several words: above 2/3,
/// so that of a term of two pieces both must be rendered (生态产品 is not "products", 法律法规
/// not "laws"); chosen on the official bilingual corpus, where 0.5 let through about 40 cut
/// renderings that 0.7 withholds, against about 7 right ones it loses (全人类 → humanity,
/// 维和人员 → peacekeepers).
const MIN_SUPPORT_ONE_WORD: f64 = 0.7;

impl Usage {
    /// The proposed English, when the evidence carries one.
    pub fn proposal(&self) -> Option<&Rendering> {
        self.renderings.first().filter(|_| self.proposed)
    }

    /// The share of the aligned occurrences rendered as `rendering`, 0 … 1.
    pub fn share(&self, rendering: &Rendering) -> f64 {
        f64::from(rendering.count) / f64::from(self.aligned.max(1))
    }

    /// `three evil forces 5 (62%); three forces 3 (38%)`: the renderings with counts and shares.
    pub fn summary(&self) -> String {
        self.renderings
            .iter()
            .map(|r| format!("{} {} ({:.0}%)", r.en, r.count, 100.0 * self.share(r)))
            .collect::<Vec<_>>()
            .join("; ")
    }

    /// `8 of 9 aligned, 6 pairs, 3 documents, 2019–2024`: the occurrences of the term in
    /// confident pairs and how many of them gave a rendering, the pairs and documents those come
    /// from, and their years (left out when no pair has one).
    pub fn evidence(&self) -> String {
        let plural =
            |n: u32, one: &str, many: &str| format!("{n} {}", if n == 1 { one } else { many });
        let mut parts = vec![
            format!("{} of {} aligned", self.aligned, self.occurrences),
            plural(self.pairs, "pair", "pairs"),
            plural(self.documents, "document", "documents"),
        ];
        if let Some((first, last)) = self.years {
            parts.push(if first == last {
                first.to_string()
            } else {
                format!("{first}–{last}")
            });
        }
        parts.join(", ")
    }

    /// Whether some rendering is `en`, case, number and a leading article aside.
    pub fn uses(&self, en: &str) -> bool {
        let bare = |s: &str| {
            let key = inflection_key(s);
            ["the ", "a ", "an "]
                .iter()
                .find_map(|a| key.strip_prefix(a).map(str::to_string))
                .unwrap_or(key)
        };
        let en = bare(en);
        self.renderings.iter().any(|r| bare(&r.en) == en)
    }

    /// The rule for a proposal, given the renderings (most used first) with their dictionary
    /// support (how well the words match by the dictionary, 0 … 1: the share of the term's
    /// words the English accounts for, and of the English words the term accounts for, as a
    /// harmonic mean), how many occurrences there are and were aligned, and how many words
    /// the term has:
    /// - (the caller puts first a whole rendering that the most used one is cut from, counting
    ///   the occurrences of both: `promote_the_whole`, in this module);
    /// - nothing is proposed when fewer than a third of the occurrences could be aligned (the
    ///   term is mostly part of a longer word, whose English is more than the term's);
    /// - a rendering seen at least twice is proposed when it holds at least half of the aligned
    ///   occurrences, or a third while seen at least four times and either 1.5 times as often
    ///   as the next one or more often than it and rendering more of the term
    ///   (`renders_more`, by the dictionary's support over the term's finest pieces:
    ///   "socialism with Chinese characteristics", 40, against "Chinese socialism", 29);
    /// - a term aligned once is proposed when the dictionary supports the rendering (at least
    ///   0.7);
    /// - never a single word for a term of several words unless the dictionary supports it (at
    ///   least 0.7, `MIN_SUPPORT_ONE_WORD`): 全国人民代表大会 is not "National", 生态产品 not
    ///   "products"; an acronym is one word for the whole (全国政协 → CPPCC);
    /// - and, checked by the caller since it needs the term itself and its sentences, never an
    ///   acronym for a common word (`an_acronym_for_a_common_word`, in this module), nor a
    ///   rendering cut after an adverb (`cut_after_an_adverb`), nor the adjective of a noun
    ///   cut before the head it modifies (`a_modifier_cut_before_its_head`), nor a clause with
    ///   a modal verb the Chinese does not say (`a_clause_with_a_modal`), nor a word the
    ///   dictionary gives with a complement, cut before it (`a_word_cut_before_its_complement`:
    ///   责任感 is not "sense"), nor a noun's one word always followed by the same head
    ///   (`a_word_cut_before_one_head`: 成员国 is not "member"), nor a speaker with the verb of
    ///   saying after the term (`a_speaker_and_a_verb_of_saying`), nor a comma where the
    ///   Chinese holds no list (`a_comma_the_chinese_lacks`), nor one side of a coordination
    ///   (`one_side_of_a_coordination`), nor a pronoun the Chinese does not hold
    ///   (`a_pronoun_the_chinese_lacks`), nor one that leaves out a place the term names
    ///   (`a_place_the_english_leaves_out`), nor part of an idiom's meaning
    ///   (`an_idiom_cut_short`).
    pub fn carries_a_proposal(
        renderings: &[(Rendering, f64)],
        (occurrences, aligned): (u32, u32),
        pieces: usize,
        renders_more: bool,
    ) -> bool {
        let Some((top, support)) = renderings.first() else {
            return false;
        };
        if 3 * aligned < occurrences {
            return false;
        }
        let share = f64::from(top.count) / f64::from(aligned.max(1));
        let next = renderings.get(1).map_or(0, |(r, _)| r.count);
        let enough = if top.count >= 2 {
            share >= MIN_SHARE
                || (share >= MIN_SHARE_LEADING
                    && top.count >= MIN_COUNT_LEADING
                    && (f64::from(top.count) >= LEAD * f64::from(next)
                        || (renders_more && top.count > next)))
        } else {
            aligned == 1 && *support >= MIN_SUPPORT_ONCE
        };
        let one_word = !top.en.contains(' ') && !is_an_acronym(&top.en);
        enough && !(one_word && pieces > 1 && *support < MIN_SUPPORT_ONE_WORD)
    }
}

/// An aligned occurrence with the byte span of its English.
type Span<'o> = (&'o Occurrence, (usize, usize));

/// Aligned occurrences by their rendering's key, each with the byte span of its English.
type Groups<'o> = BTreeMap<String, Vec<Span<'o>>>;

/// The English of an aligned occurrence.
fn english_of<'u>(units: &[&'u SentenceUnit], &(o, (a, b)): &Span) -> &'u str {
    &units[o.pair].en[a..b]
}

/// The English sentence after an aligned occurrence's span.
fn english_after<'u>(units: &[&'u SentenceUnit], &(o, (_, b)): &Span) -> &'u str {
    &units[o.pair].en[b..]
}

/// An occurrence of a term in a pair, and what it gave.
struct Occurrence {
    pair: usize,
    zh_span: (usize, usize),
    rendered: Rendered,
}

/// How the confident `units` (word-aligned as `aligned`) render each of `terms`; terms that
/// occur in no unit are left out.
pub fn usages(
    terms: &[&str],
    units: &[&SentenceUnit],
    aligned: &[WordAlignedPair],
    segmenter: &Segmenter,
    lexicon: &Lexicon,
) -> BTreeMap<String, Usage> {
    if terms.is_empty() || units.is_empty() {
        return BTreeMap::new();
    }
    let matcher = crate::matcher::across_quotes_matcher(terms);
    let hits: Vec<(usize, usize, (usize, usize))> = units
        .par_iter()
        .enumerate()
        .flat_map_iter(|(k, unit)| {
            crate::matcher::find_across_quotes(&matcher, &unit.zh)
                .into_iter()
                .map(move |m| (m.pattern, k, (m.start, m.end)))
        })
        .collect();
    // A term's dictionary pieces cost lookups: only for the terms the units hold, a few of
    // the candidates when most documents have no translation.
    let mut occurring: Vec<usize> = hits.iter().map(|&(t, _, _)| t).collect();
    occurring.sort_unstable();
    occurring.dedup();
    let mut pieces: Vec<Vec<Vec<String>>> = vec![Vec::new(); terms.len()];
    let computed: Vec<(usize, Vec<Vec<String>>)> = occurring
        .into_par_iter()
        .map(|t| (t, term_pieces(terms[t], segmenter, lexicon)))
        .collect();
    let mut glosses: Vec<TermGlosses> = vec![TermGlosses::default(); terms.len()];
    for (t, term) in computed {
        glosses[t] = glosses_of(&term);
        pieces[t] = term;
    }
    let mut found: Vec<(usize, Occurrence)> = hits
        .into_par_iter()
        .map(|(t, k, zh_span)| {
            let (unit, pair) = (units[k], &aligned[k]);
            let occurrence = Occurrence {
                pair: k,
                zh_span,
                rendered: pair.rendering(&unit.zh, &unit.en, zh_span, &glosses[t], lexicon),
            };
            (t, occurrence)
        })
        .collect();
    found.sort_by_key(|(t, o)| (*t, o.pair, o.zh_span));
    let mut by_term: Vec<(usize, Vec<Occurrence>)> = Vec::new();
    for (t, occurrence) in found {
        match by_term.last_mut() {
            Some((last, list)) if *last == t => list.push(occurrence),
            _ => by_term.push((t, vec![occurrence])),
        }
    }
    by_term
        .into_par_iter()
        .map(|(t, occurrences)| {
            let usage = usage_of(
                terms[t],
                &pieces[t],
                &occurrences,
                units,
                (segmenter, lexicon),
            );
            (terms[t].to_string(), usage)
        })
        .collect()
}

/// A term's usage from its occurrences.
fn usage_of(
    term: &str,
    pieces: &[Vec<String>],
    occurrences: &[Occurrence],
    units: &[&SentenceUnit],
    (segmenter, lexicon): (&Segmenter, &Lexicon),
) -> Usage {
    let spans: Vec<Span> = occurrences
        .iter()
        .filter_map(|o| match o.rendered {
            Rendered::Span(a, b) => Some((o, (a, b))),
            _ => None,
        })
        .collect();
    // Whether the term is made of common words, none of which names anything (安全 + 威胁,
    // not 国务院 "State Council"); asked only of a rendering whose capitals were all lent.
    let common_words = || {
        words_of(term, segmenter)
            .iter()
            .all(|w| crate::cedict::is_common_word(w))
    };
    // Renderings by their lower-cased text with the last word stemmed (ecosystem and
    // ecosystems are one rendering), with the forms they are written in.
    let mut groups: Groups = BTreeMap::new();
    for &(o, (a, b)) in &spans {
        let a = a + possessor_the_chinese_lacks(pieces, &units[o.pair].en[a..b], lexicon);
        let text = &units[o.pair].en[a..b];
        groups
            .entry(inflection_key(text))
            .or_default()
            .push((o, (a, b)));
    }
    adjectives_with_their_nouns(&mut groups, units);
    // Each rendering with its dictionary support and its group's key.
    let mut renderings: Vec<(Rendering, f64, &String)> = groups
        .iter()
        .map(|(key, group)| {
            let en = written_form(group, units, &common_words);
            let support = support(pieces, &en, lexicon);
            let count = group.len() as u32;
            (Rendering { en, count }, support, key)
        })
        .collect();
    lower_sentence_capitals(&mut renderings);
    renderings.sort_by(|(a, sa, _), (b, sb, _)| {
        b.count
            .cmp(&a.count)
            .then(sb.total_cmp(sa))
            .then_with(|| a.en.cmp(&b.en))
    });
    let fine = if renderings.len() > 1 {
        fine_pieces(term, segmenter, lexicon)
    } else {
        Vec::new()
    };
    let cut_short = promote_the_whole(&mut renderings, |en| support(&fine, en, lexicon));
    let aligned = spans.len() as u32;
    let keys: Vec<&String> = renderings.iter().map(|(_, _, key)| *key).collect();
    let examples = examples(&keys, &groups, units);
    let renderings: Vec<(Rendering, f64)> = renderings
        .into_iter()
        .take(KEEP)
        .map(|(r, s, _)| (r, s))
        .collect();
    // The evidence of a whole rendering counts the occurrences cut short from it.
    let mut evidence = renderings.clone();
    if let Some(cut) = cut_short {
        evidence.retain(|(r, _)| r.en != cut.en);
        evidence[0].0.count += cut.count;
    }
    let renders_more = match evidence.as_slice() {
        [(top, _), (next, _), ..] => {
            support(&fine, &top.en, lexicon) > support(&fine, &next.en, lexicon) + SUPPORT_MARGIN
        }
        _ => true,
    };
    let proposed = Usage::carries_a_proposal(
        &evidence,
        (occurrences.len() as u32, aligned),
        pieces.len(),
        renders_more,
    ) && !keys.first().is_some_and(|key| {
        withheld(
            term,
            &renderings[0].0.en,
            &groups[*key],
            (occurrences, units),
            (segmenter, lexicon),
        )
    });
    let renderings = renderings.into_iter().map(|(r, _)| r).collect();
    let pairs: BTreeSet<usize> = spans.iter().map(|(o, _)| o.pair).collect();
    let documents: BTreeSet<&str> = pairs.iter().map(|&k| units[k].document.as_str()).collect();
    let years: Vec<i32> = pairs.iter().filter_map(|&k| units[k].year).collect();
    Usage {
        renderings,
        occurrences: occurrences.len() as u32,
        aligned,
        pairs: pairs.len() as u32,
        documents: documents.len() as u32,
        years: years
            .iter()
            .min()
            .zip(years.iter().max())
            .map(|(a, b)| (*a, *b)),
        proposed,
        examples,
    }
}

/// Whether the most used rendering `top` (its occurrences `group`) is, as it stands, no English
/// for `term`: the checks listed last in [`Usage::carries_a_proposal`]. The first ask the
/// rendering's words, the last its occurrences in their sentences.
fn withheld(
    term: &str,
    top: &str,
    group: &[Span],
    (occurrences, units): (&[Occurrence], &[&SentenceUnit]),
    (segmenter, lexicon): (&Segmenter, &Lexicon),
) -> bool {
    an_acronym_for_a_common_word(term, top)
        || cut_after_an_adverb(term, top, segmenter)
        || a_clause_with_a_modal(term, top)
        || a_comma_the_chinese_lacks(term, top)
        || a_speaker_and_a_verb_of_saying(term, top)
        || an_idiom_cut_short(term, top, segmenter, lexicon)
        || ends_in_a_possessive(top)
        || ends_before_what_its_words_need(top)
        || one_side_of_a_coordination(term, top, segmenter)
        || a_pronoun_the_chinese_lacks(term, top)
        || a_place_the_english_leaves_out(term, top, segmenter, lexicon)
        || (stands_as_a_head(occurrences, units)
            && a_modifier_cut_before_its_head(term, group, units, segmenter))
        || a_word_cut_before_its_complement(term, group, units)
        || a_word_cut_before_one_head(term, group, units, segmenter)
}

/// Puts first the rendering that the most used one is cut from, when there is one: a rendering
/// that holds the most used one's words and more, the more accounting for words of the term
/// that it leaves out (`support_of` is higher), with no comma more, and seen at least a third
/// as often. The links of an occurrence often miss a word of the term's English: 国家公园体制
/// is "national parks system" once and "national parks" twice. Returns the rendering cut
/// short, whose occurrences count for the whole one.
fn promote_the_whole<T>(
    renderings: &mut [(Rendering, f64, T)],
    support_of: impl Fn(&str) -> f64,
) -> Option<Rendering> {
    let words = |en: &str| -> Vec<String> {
        en.split([' ', '-'])
            .filter(|w| !w.is_empty())
            .map(str::to_lowercase)
            .collect()
    };
    let (top, _, _) = renderings.first()?;
    let cut = words(&top.en);
    let commas = |en: &str| en.matches([',', ';']).count();
    let top_support = std::cell::OnceCell::new();
    let whole = renderings.iter().skip(1).position(|(r, _, _)| {
        let longer = words(&r.en);
        r.count * CUT_SHORT_AT_MOST >= top.count
            && commas(&r.en) <= commas(&top.en)
            && longer.len() > cut.len()
            && longer.windows(cut.len()).any(|w| w == cut.as_slice())
            && support_of(&r.en) > *top_support.get_or_init(|| support_of(&top.en)) + SUPPORT_MARGIN
    })? + 1;
    let cut_short = top.clone();
    renderings[..=whole].rotate_right(1);
    Some(cut_short)
}

/// How much better the dictionary must support a whole rendering than the one cut from it.
const SUPPORT_MARGIN: f64 = 0.05;
/// The most times a rendering may be seen for each time of the whole one it is taken to be
/// cut from: against 45 "biodiversity conservation", one "safeguards for biodiversity
/// conservation" is another wording (CC-CEDICT glosses 保护 "safeguard", not "conserve").
const CUT_SHORT_AT_MOST: u32 = 3;

/// Whether a rendering ends in a possessive ("obeying nature’s" of "obeying nature’s laws"):
/// cut before the noun the possessive belongs to.
fn ends_in_a_possessive(en: &str) -> bool {
    ["'s", "’s", "s'", "s’"].iter().any(|end| en.ends_with(end))
}

/// The length in bytes of a name in the possessive that opens an aligned span and that no
/// piece of the term renders, with the space after it; 0 when there is none. 领导阶级 is
/// "leading class", not "China’s leading class", and 2063年议程 "Agenda 2063", not "AU’s
/// Agenda 2063": the owner was said before the term, or only in the English. 中国力量 keeps
/// "China’s strength" and 党的领导 "Party’s leadership", whose Chinese holds the owner.
fn possessor_the_chinese_lacks(pieces: &[Vec<String>], en: &str, lexicon: &Lexicon) -> usize {
    let Some((first, rest)) = en.split_once(' ') else {
        return 0;
    };
    let owner = ["'s", "’s"]
        .iter()
        .find_map(|end| first.strip_suffix(end))
        .filter(|owner| owner.starts_with(char::is_uppercase));
    match owner {
        Some(owner) if !rest.trim().is_empty() && support(pieces, owner, lexicon) == 0.0 => {
            first.len() + 1
        }
        _ => 0,
    }
}

/// Whether a rendering is the adjective a Chinese noun takes before another noun, cut before
/// its head: every occurrence runs on into a content word of the English, and it ends in an
/// adjective's ending (集体经济 in 集体经济组织 is "collective economic organizations",
/// 公有制 in 公有制经济 "public ownership"; neither "collective economic" nor "public" is the
/// term's English). A term that is adjectival in Chinese too (地方性, 建设性, 相互) keeps it.
fn a_modifier_cut_before_its_head(
    term: &str,
    group: &[Span],
    units: &[&SentenceUnit],
    segmenter: &Segmenter,
) -> bool {
    let Some(first) = group.first() else {
        return false;
    };
    let last_word = english_of(units, first)
        .split_whitespace()
        .last()
        .unwrap_or("");
    // "sons and daughters of the Chinese" (nation): a proper adjective before a common noun.
    let proper = is_a_proper_adjective(last_word);
    // The next word is a content word, or a coordinated adjective shares the head
    // ("national economic and social development"), written as the span is (in a title,
    // "National Economic and Social Development", the capitals run on).
    let runs_on = |span: &Span| {
        let titled = english_of(units, span)
            .rsplit(' ')
            .next()
            .is_some_and(|w| w.starts_with(char::is_uppercase));
        let same_case = |w: &str| w.starts_with(char::is_uppercase) == titled;
        let after = english_after(units, span);
        // The words right after it, up to a punctuation mark.
        let mut words = after
            .split(|c: char| !(c.is_alphanumeric() || c == '-' || c == ' '))
            .next()
            .unwrap_or("")
            .split(' ')
            .filter(|w| !w.is_empty());
        after.starts_with(' ')
            && match words.next() {
                Some("and" | "or") => words
                    .next()
                    .is_some_and(|w| same_case(w) && looks_like_an_adjective(&w.to_lowercase())),
                Some(next) if proper => {
                    next.starts_with(char::is_lowercase) && !Lexicon::is_stopword(next)
                }
                Some(next) => same_case(next) && !Lexicon::is_stopword(&next.to_lowercase()),
                None => false,
            }
    };
    // 性, 型, 式 and 级 make adjectival nouns, which take the adjective as their English.
    (looks_like_an_adjective(last_word) || proper)
        && !term.ends_with(['性', '型', '式', '级'])
        && ends_in_a_noun(term, segmenter)
        && group.iter().all(runs_on)
}

/// Whether a one-word rendering is the head of a construction whose complement was cut off:
/// the dictionary gives the term as that word with "of" or "to" after it (责任感 "sense of
/// responsibility", 一系列 "a series of", 经得起 "to be able to withstand"), and every
/// occurrence runs on into that preposition and a word. A word that is the whole meaning
/// (生命线 "lifeline", 主席团 "presidium") keeps its rendering, whatever follows it.
fn a_word_cut_before_its_complement(term: &str, group: &[Span], units: &[&SentenceUnit]) -> bool {
    let Some(en) = group.first().map(|span| english_of(units, span)) else {
        return false;
    };
    if en.contains([' ', '-']) || is_an_acronym(en) {
        return false;
    }
    let word = singular(&en.to_lowercase());
    // The preposition the dictionary puts after the word, if it does.
    let Some(preposition) = crate::cedict::glosses(term).and_then(|mut senses| {
        senses.find_map(|sense| {
            let words: Vec<String> = crate::align::lexicon::english_words(sense)
                .map(|w| w.to_lowercase())
                .collect();
            words.windows(2).find_map(|pair| {
                (singular(&pair[0]) == word && matches!(pair[1].as_str(), "of" | "to"))
                    .then(|| pair[1].clone())
            })
        })
    }) else {
        return false;
    };
    let runs_on = |span: &Span| {
        let after = english_after(units, span);
        let mut words = after.split_whitespace();
        after.starts_with(' ')
            && words.next() == Some(preposition.as_str())
            && words
                .next()
                .is_some_and(|w| w.starts_with(char::is_alphanumeric))
    };
    group.iter().all(runs_on)
}

/// Whether a rendering is cut before the one head it always has: every time followed by the
/// same content word. Of a one-word rendering of a noun seen twice or more, that word is the
/// head the links dropped (成员国 is not "member" of "member states"); of a rendering
/// ending in a capital, the name goes on (地区反恐 is not "Regional Anti-Terrorist" of the
/// Regional Anti-Terrorist Structure). A word rendered before varied words is the word itself
/// (上海 "Shanghai" in "Shanghai Spirit" and "Shanghai Cooperation Organization").
fn a_word_cut_before_one_head(
    term: &str,
    group: &[Span],
    units: &[&SentenceUnit],
    segmenter: &Segmenter,
) -> bool {
    let Some(en) = group.first().map(|span| english_of(units, span)) else {
        return false;
    };
    if is_an_acronym(en) {
        return false;
    }
    let one_word = !en.contains([' ', '-']);
    let ends_in_a_capital = en
        .rsplit([' ', '-'])
        .next()
        .is_some_and(|w| w.starts_with(char::is_uppercase));
    // A word needs two occurrences to show it always has that head; a name cut inside a
    // longer one shows it once.
    if (one_word && group.len() < 2) || !(one_word || ends_in_a_capital) {
        return false;
    }
    // The word after the span, punctuation after it aside ("member states."); a possessive
    // or a word cut by a mark is no head.
    let next_word = |span: &Span| -> Option<String> {
        let word = english_after(units, span)
            .strip_prefix(' ')?
            .split_whitespace()
            .next()?
            .trim_end_matches(['.', ',', ';', ':', ')', '"', '”']);
        (!word.is_empty()
            && word.chars().all(|c| c.is_alphanumeric() || c == '-')
            && !Lexicon::is_stopword(word))
        .then(|| singular(&word.to_lowercase()))
    };
    let mut heads = group.iter().map(next_word);
    let Some(Some(first)) = heads.next() else {
        return false;
    };
    let same_head = heads.all(|h| h.as_ref() == Some(&first));
    if one_word {
        same_head && ends_in_a_noun(term, segmenter)
    } else {
        // A name goes on with a capital of its own.
        same_head
            && group.iter().all(|span| {
                english_after(units, span)
                    .trim_start()
                    .starts_with(char::is_uppercase)
            })
    }
}

/// Whether jieba tags the last word of a term a noun (or a fixed expression, which the
/// terms it tags `l` here are: 一体化, 封建主义).
fn ends_in_a_noun(term: &str, segmenter: &Segmenter) -> bool {
    segmenter
        .tags(term)
        .last()
        .is_some_and(|(_, tag)| matches!(*tag, "n" | "vn" | "nz" | "l"))
}

/// Whether some occurrence of a term ends its Chinese phrase (punctuation, the end of the
/// sentence or a function word after it): the term then stands as a head somewhere, not only
/// as the modifier of the noun after it (经济社会 only ever modifies: 经济社会发展, and its
/// English is the adjectives "economic and social").
fn stands_as_a_head(occurrences: &[Occurrence], units: &[&SentenceUnit]) -> bool {
    occurrences.iter().any(|o| {
        let after = &units[o.pair].zh[o.zh_span.1..];
        after.chars().next().is_none_or(|c| {
            !crate::lang::is_word_char(c) || is_function_word(c.encode_utf8(&mut [0; 4]))
        })
    })
}

/// Whether a rendering stops at an adverb where the Chinese is a noun or a phrase of several
/// English words needs more: 直辖市 is not "cities directly" (the words after it, "under the
/// Central Government", were cut), 个体经济 not "individually". A Chinese adverbial keeps its
/// adverb (全心全意 → wholeheartedly).
fn cut_after_an_adverb(term: &str, en: &str, segmenter: &Segmenter) -> bool {
    let mut words = en.split_whitespace().rev();
    let Some(last) = words.next() else {
        return false;
    };
    let several_words = words.next().is_some();
    looks_like_an_adverb(last)
        && (several_words || term.ends_with('性') || ends_in_a_noun(term, segmenter))
}

/// The prepositions after which a noun's modifier goes on: the word before one is a head.
const HEAD_BEFORE: [&str; 6] = ["of", "for", "at", "in", "on", "with"];

/// Whether a rendering stops before a word its own words need: it ends in a preposition, in
/// a verb that takes an object ("overcome difficulties and make" for 攻坚克难, whose
/// breakthroughs were cut) or in a word that stands before a noun ("… at the next" level up,
/// "its", "each"), or says "between" of one thing ("harmony between humanity" for 和谐共生:
/// and nature).
fn ends_before_what_its_words_need(en: &str) -> bool {
    const NEEDS_MORE: [&str; 27] = [
        "of", "to", "for", "with", "on", "in", "at", "by", "from", "among", "between", "make",
        "take", "give", "carry", "put", "next", "each", "every", "such", "its", "their", "our",
        "his", "her", "this", "these",
    ];
    let words: Vec<String> = en.split_whitespace().map(str::to_lowercase).collect();
    let Some(last) = words.last() else {
        return false;
    };
    let between_one = words
        .iter()
        .position(|w| w == "between")
        .is_some_and(|at| !words[at..].iter().any(|w| w == "and"));
    words.len() > 1 && (NEEDS_MORE.contains(&last.as_str()) || between_one)
}

/// Whether a term that coordinates two things (和, 与, 及, 以及 as conjunctions, or 、) has a
/// rendering with no coordination at all: only one side was aligned (出发点和落脚点 is not
/// "starting point"). An English that joins the two by a hyphen ("China-Africa" for 中国和
/// 非洲) is withheld too; its renderings are still shown.
fn one_side_of_a_coordination(term: &str, en: &str, segmenter: &Segmenter) -> bool {
    const JOINS: [&str; 6] = ["and", "or", "nor", "&", "both", "plus"];
    let coordinated = term.contains('、')
        || segmenter
            .tags(term)
            .iter()
            .any(|(word, tag)| *tag == "c" && matches!(*word, "和" | "与" | "及" | "以及" | "同"));
    let joined = en.contains([',', '&', '/'])
        || en
            .split_whitespace()
            .any(|w| JOINS.contains(&w.to_lowercase().as_str()));
    coordinated && !joined
}

/// Whether a rendering holds a pronoun where the Chinese has none: the translation's sentence
/// speaks of something already named (实干兴邦 is not "hard work makes it flourish", 报告工作
/// not "report on their work"). A term with a pronoun or a word that points (我, 其, 本, 各 …)
/// keeps it: 本组织 is "our Organization", 本级人民代表大会 "people’s congresses at their
/// level".
fn a_pronoun_the_chinese_lacks(term: &str, en: &str) -> bool {
    const PRONOUNS: [&str; 14] = [
        "it", "its", "they", "them", "their", "we", "us", "our", "he", "she", "his", "her", "you",
        "your",
    ];
    const POINTING: [char; 9] = ['我', '你', '他', '她', '它', '其', '本', '自', '各'];
    // "US" (the United States) is no "us": a word in capitals is a name.
    let pronoun = en
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| w.chars().skip(1).all(char::is_lowercase))
        .any(|w| PRONOUNS.contains(&w.to_lowercase().as_str()));
    pronoun && !term.contains(POINTING)
}

/// Whether a term names a place that its rendering leaves out: 中国工会 is not "trade unions".
/// The place may be rendered by its name or its adjective ("Chinese" for 中国); an acronym
/// stands for the whole name and is not asked (中国共产党 → CPC).
fn a_place_the_english_leaves_out(
    term: &str,
    en: &str,
    segmenter: &Segmenter,
    lexicon: &Lexicon,
) -> bool {
    if en.split_whitespace().any(is_an_acronym) {
        return false;
    }
    let words: Vec<&str> = crate::align::lexicon::english_words(en).collect();
    // A place by jieba's tag that the dictionary writes as a name (海洋 "ocean" is tagged a
    // place too).
    let is_a_place = |w: &String| segmenter.tagged_a_place(w) && !crate::cedict::is_common_word(w);
    term_words(term, segmenter, lexicon)
        .iter()
        .filter(|w| is_a_place(w))
        .any(|place| {
            let stems = [piece_stems(place, segmenter, lexicon)];
            // The dictionary's own words for the place, which the lexicon leaves out as
            // descriptions ("Japan", "Japanese").
            let glossed: Vec<String> = crate::cedict::glosses(place)
                .into_iter()
                .flatten()
                .flat_map(|g| crate::align::lexicon::english_words(g).map(str::to_lowercase))
                .collect();
            let named = |word: &str| {
                support(&stems, word, lexicon) > 0.0 || glossed.contains(&word.to_lowercase())
            };
            !words.iter().any(|&w| {
                let w = w.trim_end_matches("'s").trim_end_matches("’s");
                named(w)
                    || (is_a_proper_adjective(w)
                        && place_names_of(w).iter().any(|name| named(name)))
            })
        })
}

/// Whether a rendering holds a modal verb the Chinese does not say: "state shall develop"
/// for 国家发展 is a clause of the law cut out with the term, and a glossary's English is a
/// term, not a clause (法律规定 is "provisions of law", never "law shall provide").
fn a_clause_with_a_modal(term: &str, en: &str) -> bool {
    const MODALS: [&str; 8] = [
        "shall", "must", "should", "will", "would", "may", "can", "could",
    ];
    let modal = en
        .split_whitespace()
        .any(|w| MODALS.contains(&w.to_lowercase().as_str()));
    modal && !term.contains(['应', '须', '将', '会', '要', '能', '可', '得'])
}

/// Whether a rendering ends in a verb of saying the Chinese does not hold: "Mao Zedong said"
/// for 毛泽东同志 is the speaker and the 说 after the term, a quotation's frame in speeches.
fn a_speaker_and_a_verb_of_saying(term: &str, en: &str) -> bool {
    const SAYING: [&str; 9] = [
        "said", "says", "say", "stated", "noted", "stressed", "added", "declared", "remarked",
    ];
    let last = en.split_whitespace().last().unwrap_or("").to_lowercase();
    SAYING.contains(&last.as_str()) && !term.contains(['说', '讲', '称', '指', '强', '表', '认'])
}

/// Whether a rendering holds a comma where the Chinese holds no list: "enterprises, public
/// institutions" for 企业事业组织 is two items cut from a longer enumeration of the English
/// ("… and public institutions"), and "provisions of law, independently exercise" two
/// clauses.
fn a_comma_the_chinese_lacks(term: &str, en: &str) -> bool {
    en.contains(',') && !term.contains(['、', '，', ','])
}

/// Whether a rendering of an idiom or set phrase is only part of one of its meanings: 与时俱进
/// ("to keep up with the times") is not "times", 艰难险阻 ("untold dangers and difficulties")
/// not "difficulties", 实事求是 ("to seek truth from facts") not "seeking truth". A rendering
/// that holds a whole meaning keeps it (全心全意 → wholeheartedly, 前所未有 → unprecedented).
/// Nor is it one word that none of its meanings holds (艰苦奋斗, "to struggle arduously", is
/// not "hard").
fn an_idiom_cut_short(term: &str, en: &str, segmenter: &Segmenter, lexicon: &Lexicon) -> bool {
    let Some(senses) = crate::cedict::glosses(term) else {
        return false;
    };
    let senses: Vec<&str> = senses.collect();
    // jieba's set phrases, and what CC-CEDICT marks "(idiom)" (实事求是, which jieba tags
    // as an ordinary word): a name's entry goes on with a description ("Central Committee of
    // the CCP"), an idiom's with other wordings of one meaning.
    if !segmenter.is_set_phrase(term) && !senses.iter().any(|s| s.contains("(idiom)")) {
        return false;
    }
    // Only the words that carry no meaning of their own are left out: "the only way"
    // (必由之路) is two words, and "way" one of them.
    let content = |text: &str| -> Vec<String> {
        crate::align::lexicon::english_words(text)
            .map(|w| w.to_lowercase())
            .filter(|w| !EMPTY_IN_A_MEANING.contains(&w.as_str()))
            .map(|w| singular(&w))
            .collect()
    };
    let words = content(en);
    // Each meaning on its own (the senses cut at `separators`), without the notes in brackets.
    let meanings_cut_at = |separators: &[char]| -> Vec<Vec<String>> {
        senses
            .iter()
            .flat_map(|sense| sense.split(separators))
            .map(|meaning| content(&without_brackets(meaning)))
            .filter(|words| !words.is_empty())
            .collect()
    };
    match words.as_slice() {
        [] => false,
        [word] => {
            let meanings = meanings_cut_at(&[';']);
            let part_of_one = meanings.iter().any(|m| m.len() > 1 && m.contains(word));
            let one_itself = meanings.iter().any(|m| m.as_slice() == [word.as_str()]);
            let stem = lexicon.stem(word);
            let in_none = !meanings
                .iter()
                .flatten()
                .any(|w| w == word || lexicon.stem(w) == stem);
            (part_of_one && !one_itself) || in_none
        }
        // Several words: the opening words of a longer meaning, by stem ("seeking truth" of
        // "to seek truth from facts", "Universal Declaration" of "… of Human Rights").
        // Descriptions after a comma are other meanings ("the mass line, CCP term for …").
        _ => {
            let stems =
                |ws: &[String]| -> Vec<String> { ws.iter().map(|w| lexicon.stem(w)).collect() };
            let rendering = stems(&words);
            let meanings: Vec<Vec<String>> = meanings_cut_at(&[';', ','])
                .iter()
                .map(|m| stems(m))
                .collect();
            let opens_one = meanings
                .iter()
                .any(|m| m.len() > rendering.len() && m.starts_with(&rendering));
            let is_one = meanings.contains(&rendering);
            opens_one && !is_one
        }
    }
}

/// The words of a dictionary meaning that carry none of it: articles, the infinitive's "to",
/// the placeholders for a person or a thing.
const EMPTY_IN_A_MEANING: [&str; 12] = [
    "a", "an", "the", "to", "of", "be", "sb", "sth", "oneself", "one's", "lit", "fig",
];

/// `text` without what stands in round brackets.
fn without_brackets(text: &str) -> String {
    let mut depth = 0usize;
    text.chars()
        .filter(|&c| {
            match c {
                '(' => depth += 1,
                ')' => depth = depth.saturating_sub(1),
                _ => return depth == 0,
            }
            false
        })
        .collect()
}

/// Words in -ly that are nouns or adjectives, not adverbs.
const NOT_ADVERBS: &[&str] = &[
    "ally", "anomaly", "assembly", "costly", "daily", "early", "elderly", "family", "friendly",
    "likely", "lively", "monopoly", "monthly", "orderly", "rally", "reply", "supply", "timely",
    "weekly", "yearly",
];

/// Whether an English word is an adverb in -ly (directly, individually, politically).
fn looks_like_an_adverb(word: &str) -> bool {
    word.len() >= 5
        && word.starts_with(char::is_lowercase)
        && word.ends_with("ly")
        && !NOT_ADVERBS.contains(&word)
}

/// Whether an English word ends as derived adjectives do (economic, social, centenary,
/// humanitarian, supervisory, collective, continuous). Lower case only: a capitalised word is
/// part of a name.
fn looks_like_an_adjective(word: &str) -> bool {
    word.len() >= 5
        && word.starts_with(char::is_lowercase)
        && ["ic", "al", "ary", "ory", "ive", "ous", "ian"]
            .iter()
            .any(|ending| word.ends_with(ending))
}

/// Whether an English word is an adjective of a place's name (Chinese, African, Canadian):
/// capitalised, in -ese, -an or -ian. "Chinese" may also be the language or the people, so
/// it only counts as cut where a common noun follows.
fn is_a_proper_adjective(word: &str) -> bool {
    word.len() >= 5
        && word.starts_with(char::is_uppercase)
        && word.chars().skip(1).all(|c| c.is_ascii_lowercase())
        && ["ese", "an"].iter().any(|ending| word.ends_with(ending))
}

/// An acronym renders a name (FOCAC, SCO), never a word CC-CEDICT knows only as a common
/// word: where a white paper writes "FOCAC" for 论坛, the word stands for the one forum the
/// text means, and its English in a glossary is still "forum".
fn an_acronym_for_a_common_word(term: &str, en: &str) -> bool {
    is_an_acronym(en) && crate::cedict::is_common_word(term)
}

/// Whether `en` is written as an acronym: capitals (and dots) only, two letters or more.
pub fn is_an_acronym(en: &str) -> bool {
    let letters = en.chars().filter(|c| c.is_alphabetic()).count();
    letters >= 2 && en.chars().all(|c| c.is_ascii_uppercase() || c == '.')
}

/// A rendering seen only at the start of sentences keeps their capital (Local people's
/// congresses at all levels, from the articles of a constitution). When another rendering of
/// the same term writes that first word in lower case, and nothing else in the rendering is
/// capitalised (a name is: Standing Committee), the capital is the sentence's and is dropped.
/// A proper adjective (Chinese) is never written in lower case, so it keeps its capital.
fn lower_sentence_capitals<T>(renderings: &mut [(Rendering, f64, T)]) {
    let lower: BTreeSet<String> = renderings
        .iter()
        .flat_map(|(r, _, _)| r.en.split_whitespace())
        .filter(|w| w.starts_with(char::is_lowercase))
        .map(str::to_string)
        .collect();
    for (rendering, _, _) in renderings.iter_mut() {
        let mut words = rendering.en.split_whitespace();
        let Some(first) = words.next() else {
            continue;
        };
        let mut chars = first.chars();
        let capital_only = chars.next().is_some_and(char::is_uppercase)
            && !chars.any(char::is_uppercase)
            && !words.any(|w| w.chars().any(char::is_uppercase));
        let lowered = first.to_lowercase();
        if capital_only && lower.contains(&lowered) {
            rendering.en = format!("{lowered}{}", &rendering.en[first.len()..]);
        }
    }
}

/// What makes two renderings one: the lower-cased words, the last one without a plural
/// ending; a rendering of one word also without a possessive ending and as the noun of a
/// regular adjective of nationality or doctrine ([`citation_form`]). (No more than that: a
/// stemmer would make "modern" and "modernization" one.)
fn inflection_key(text: &str) -> String {
    let mut words: Vec<String> = text.split_whitespace().map(str::to_lowercase).collect();
    let one_word = words.len() == 1;
    let capitalised = text.starts_with(char::is_uppercase);
    // The head of a noun with a phrase after it is a noun too: "commissions for discipline
    // inspection" and "commission for discipline inspection" are one rendering.
    for k in 1..words.len() {
        if HEAD_BEFORE.contains(&words[k].as_str()) {
            words[k - 1] = singular(&words[k - 1]);
        }
    }
    if let Some(last) = words.last_mut() {
        *last = singular(last);
        if one_word {
            *last = citation_form(last, capitalised);
        }
    }
    words.join(" ")
}

/// The noun a glossary lists for a one-word rendering: Africa for "Africa's" and "African",
/// socialism for "socialist". A Chinese noun (非洲, 社会主义) is rendered by the adjective
/// wherever it modifies a noun (African countries, socialist modernization), which is most
/// often, but the glossary entry is the noun; grouped, the adjective's occurrences count for
/// it. Only regular derivations: a place in -a and its adjective in -an (capitalised, as
/// names are: not "human"), a doctrine in -ism and its follower or adjective in -ist.
fn citation_form(word: &str, capitalised: bool) -> String {
    let word = word.trim_end_matches("'s").trim_end_matches("’s");
    if capitalised
        && word.len() >= 5
        && let Some(place) = word.strip_suffix('n')
        && place.ends_with('a')
    {
        return place.to_string();
    }
    if word.len() >= 6
        && let Some(doctrine) = word.strip_suffix("ist")
    {
        return format!("{doctrine}ism");
    }
    word.to_string()
}

/// Puts a rendering that ends in a proper adjective ("Chinese", "Latin American":
/// [`is_a_proper_adjective`]) with the rendering that ends in its noun instead ("China",
/// "Latin America"), when the term has both: 中国 is "Chinese" wherever it modifies a noun
/// (Chinese nation, Chinese Dream), most often in speeches, but its entry is "China". They are
/// grouped only when the noun was seen, so no list of nationalities is needed.
fn adjectives_with_their_nouns(groups: &mut Groups, units: &[&SentenceUnit]) {
    let adjectives: Vec<(String, String)> = groups
        .iter()
        .filter_map(|(key, group)| {
            let last = english_of(units, group.first()?)
                .split_whitespace()
                .last()?;
            if !is_a_proper_adjective(last) {
                return None;
            }
            let (head, adjective) = key.rsplit_once(' ').unwrap_or(("", key.as_str()));
            place_names_of(adjective)
                .into_iter()
                .map(|place| match head {
                    "" => place,
                    _ => format!("{head} {place}"),
                })
                .find(|noun_key| noun_key != key && groups.contains_key(noun_key))
                .map(|noun_key| (key.clone(), noun_key))
        })
        .collect();
    for (adjective, noun) in adjectives {
        if let Some(moved) = groups.remove(&adjective) {
            groups.entry(noun).or_default().extend(moved);
        }
    }
}

/// The names of places a proper adjective (lower case) may be derived from: chinese → china,
/// chin; african → africa; canadian → canada, canad, canadia; european → europe.
fn place_names_of(adjective: &str) -> Vec<String> {
    let mut names = Vec::new();
    if adjective.len() < 5 {
        return names;
    }
    if let Some(stem) = adjective.strip_suffix("ese") {
        names.extend([format!("{stem}a"), stem.to_string()]);
    }
    if let Some(stem) = adjective.strip_suffix("ian") {
        names.extend([format!("{stem}a"), stem.to_string()]);
    }
    if let Some(stem) = adjective.strip_suffix("an") {
        names.push(stem.to_string());
    }
    if let Some(stem) = adjective.strip_suffix('n') {
        names.push(stem.to_string());
    }
    names
}

/// An English noun without its regular plural ending (countries → country, congresses →
/// congress, organs → organ); other words as they are.
fn singular(word: &str) -> String {
    if !word.chars().all(|c| c.is_ascii_alphabetic()) || word.len() < 4 {
        return word.to_string();
    }
    if let Some(stem) = word.strip_suffix("ies") {
        return format!("{stem}y");
    }
    for ending in ["sses", "ches", "shes", "xes"] {
        if word.ends_with(ending) {
            return word[..word.len() - 2].to_string();
        }
    }
    match word.strip_suffix('s') {
        Some(stem) if !["s", "u", "i"].iter().any(|e| stem.ends_with(e)) => stem.to_string(),
        _ => word.to_string(),
    }
}

/// The form to show of a rendering: not in capitals throughout (a heading) when another form
/// exists; then the form a glossary lists, the noun (Africa, not African) and singular (the
/// shortest last word); then the form
/// most often written away from the start of a sentence (where a capital says nothing); then
/// the most frequent; in lower case when some form is written so in running text.
fn written_form(
    group: &[Span],
    units: &[&SentenceUnit],
    made_of_common_words: &dyn Fn() -> bool,
) -> String {
    let mut forms: HashMap<&str, (u32, u32)> = HashMap::new();
    for &(o, (a, b)) in group {
        let en = &units[o.pair].en;
        let text = &en[a..b];
        let mid_sentence = en[..a].chars().any(char::is_alphanumeric);
        let form = forms.entry(text).or_default();
        form.0 += u32::from(mid_sentence);
        form.1 += 1;
    }
    let quiet = |t: &str| t.chars().any(char::is_lowercase) || !t.chars().any(char::is_uppercase);
    // The noun itself, of a group with its adjective (Africa of Africa, African, Africa's).
    let citation = |t: &str| inflection_key(t) == t.to_lowercase();
    let last_word = |t: &str| t.split_whitespace().last().map_or(0, str::len);
    let chosen = forms
        .iter()
        .max_by(|(ta, a), (tb, b)| {
            quiet(ta)
                .cmp(&quiet(tb))
                .then(citation(ta).cmp(&citation(tb)))
                .then(last_word(tb).cmp(&last_word(ta)))
                .then(a.cmp(b))
                .then_with(|| tb.cmp(ta))
        })
        .map(|(text, _)| text.split_whitespace().collect::<Vec<_>>().join(" "))
        .unwrap_or_default();
    // Written without a capital in running text, the same words are a common noun, and the
    // capitals of the chosen form are a name's (national parks; Sanjiangyuan National Park).
    let key = inflection_key(&chosen);
    let common_noun = forms.iter().any(|(t, (mid_sentence, _))| {
        *mid_sentence > 0 && !t.chars().any(char::is_uppercase) && inflection_key(t) == key
    });
    if common_noun {
        return chosen.to_lowercase();
    }
    // Capitals that a heading or a longer name lent a term made of common words are not the
    // term's: its common English words are written low (a heading's "Mutual Political Trust",
    // the "Security Threats" of the Universal Center for Countering Security Threats and
    // Challenges); names keep theirs (China).
    let lent = |&(o, (a, b)): &Span| {
        let en = &units[o.pair].en;
        is_a_heading(en) || inside_a_longer_name(en, (a, b))
    };
    // All words or none: "National park" would be neither a name nor a common noun.
    if group.iter().all(lent)
        && made_of_common_words()
        && chosen.split(' ').all(is_common_english_word)
    {
        chosen.to_lowercase()
    } else {
        chosen
    }
}

/// Whether a lower-case English word is a common word or a regular form of one (threats,
/// strengthening, expanded).
fn is_common_english_form(word: &str) -> bool {
    let common = crate::cedict::is_common_english;
    let stems = |ending: &str| {
        word.strip_suffix(ending)
            .is_some_and(|stem| stem.len() >= 3 && (common(stem) || common(&format!("{stem}e"))))
    };
    common(word) || common(&singular(word)) || stems("ing") || stems("ed")
}

/// Whether an English sentence is a heading in title case: two content words or more, each
/// capitalised ("Strengthening International Exchanges and Cooperation").
fn is_a_heading(en: &str) -> bool {
    let content: Vec<&str> = crate::align::lexicon::english_words(en)
        .filter(|w| w.chars().any(char::is_alphabetic) && !Lexicon::is_stopword(w))
        .collect();
    content.len() >= 2 && content.iter().all(|w| w.starts_with(char::is_uppercase))
}

/// Whether the capitalised words at `span` of `en` run on into a capitalised word just before
/// it (not the sentence's first) or just after it: the span is inside a longer name.
fn inside_a_longer_name(en: &str, (from, to): (usize, usize)) -> bool {
    let before = en[..from].trim_end();
    let last_before = before.rsplit(' ').next().unwrap_or("");
    let first_after = en[to..].trim_start().split(' ').next().unwrap_or("");
    let capitalised = |w: &str| w.starts_with(char::is_uppercase);
    let mid_sentence = before.len() > last_before.len();
    (mid_sentence && capitalised(last_before) && last_before.chars().all(char::is_alphabetic))
        || (capitalised(first_after) && first_after.chars().all(char::is_alphabetic))
}

/// Whether a word as written, whatever its case, is common English in each of its parts
/// ("People-to-People", "Threats", "of"), not a name's ("China", "Covid-19").
fn is_common_english_word(word: &str) -> bool {
    let lower = word.to_lowercase();
    let bare = lower.trim_end_matches("'s").trim_end_matches("’s");
    Lexicon::is_stopword(bare) || bare.split('-').all(is_common_english_form)
}

/// Up to [`EXAMPLES`] pairs, one per pair, from the most used renderings first.
fn examples(keys: &[&String], groups: &Groups, units: &[&SentenceUnit]) -> Vec<UsageExample> {
    let mut seen = BTreeSet::new();
    let mut out = Vec::new();
    for key in keys {
        for &(o, en_span) in &groups[*key] {
            if out.len() == EXAMPLES {
                return out;
            }
            if seen.insert(o.pair) {
                let unit = units[o.pair];
                out.push(UsageExample {
                    zh: unit.zh.clone(),
                    en: unit.en.clone(),
                    zh_span: o.zh_span,
                    en_span,
                    document: unit.document.clone(),
                    year: unit.year,
                });
            }
        }
    }
    out
}

/// The dictionary's support of `en` as a rendering of a term of `pieces`: the harmonic mean
/// of the share of pieces some word of `en` renders and the share of `en`'s content words
/// that render some piece.
fn support(pieces: &[Vec<String>], en: &str, lexicon: &Lexicon) -> f64 {
    let words: Vec<(String, String)> = crate::align::lexicon::english_words(en)
        .filter(|w| !Lexicon::is_stopword(w))
        .map(|w| {
            (
                lexicon.stem(w.trim_end_matches("'s").trim_end_matches("’s")),
                w.to_lowercase(),
            )
        })
        .collect();
    if pieces.is_empty() || words.is_empty() {
        return 0.0;
    }
    let renders = |piece: &Vec<String>, (stem, lower): &(String, String)| {
        piece.iter().any(|g| g == lower || same_stem(g, stem))
    };
    // Each English word renders one piece: "committee" is 委员会 or 委员, not both, so
    // 委员会委员 wants "committee members".
    let edges: Vec<Vec<usize>> = pieces
        .iter()
        .map(|p| {
            (0..words.len())
                .filter(|&k| renders(p, &words[k]))
                .collect()
        })
        .collect();
    let covered = matching_size(&edges, words.len());
    let explained = words
        .iter()
        .filter(|w| pieces.iter().any(|p| renders(p, w)))
        .count();
    let (zh_share, en_share) = (
        covered as f64 / pieces.len() as f64,
        explained as f64 / words.len() as f64,
    );
    if zh_share + en_share == 0.0 {
        return 0.0;
    }
    2.0 * zh_share * en_share / (zh_share + en_share)
}

/// The size of a largest matching between pieces and English words, `edges[p]` being the
/// words piece `p` may take (augmenting paths; a term has a handful of pieces).
fn matching_size(edges: &[Vec<usize>], words: usize) -> usize {
    fn augment(
        p: usize,
        edges: &[Vec<usize>],
        seen: &mut [bool],
        taken: &mut [Option<usize>],
    ) -> bool {
        for &w in &edges[p] {
            if !seen[w] {
                seen[w] = true;
                if taken[w].is_none_or(|q| augment(q, edges, seen, taken)) {
                    taken[w] = Some(p);
                    return true;
                }
            }
        }
        false
    }
    let mut taken = vec![None; words];
    (0..edges.len())
        .filter(|&p| augment(p, edges, &mut vec![false; words], &mut taken))
        .count()
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
            if crate::cedict::contains(&cut[k..e].concat()) {
                end = e;
                break;
            }
        }
        words.push(cut[k..end].concat());
        k = end;
    }
    words.retain(|w| carries_meaning(w));
    words
}

/// A word as the dictionary's words that make it up, when neither CC-CEDICT nor the curated
/// glossary knows it whole but CC-CEDICT knows every part (全面落实 → 全面 + 落实, 共护 →
/// 共 + 护): a piece of its own for each part, so that the dictionary's support of a
/// rendering asks for the English of each ("implement" leaves 全面 untranslated). Any other
/// word (a name, a number, a word the dictionary knows) is one piece.
fn dictionary_parts<'w>(word: &'w str, lexicon: &Lexicon) -> Vec<&'w str> {
    if crate::cedict::contains(word) || lexicon.is_curated(word) {
        return vec![word];
    }
    let parts = crate::cedict::tokenize(word);
    let whole = parts.iter().map(|p| p.len()).sum::<usize>() == word.len();
    if parts.len() > 1 && whole {
        parts.into_iter().filter(|p| carries_meaning(p)).collect()
    } else {
        vec![word]
    }
}

/// Whether a word of a term must find its English in a rendering: not a function word, but a
/// negation is one (五不 "the five noes" is not "five").
fn carries_meaning(word: &str) -> bool {
    !super::features::is_function_word(word) || is_a_negation(word)
}

fn is_a_negation(word: &str) -> bool {
    matches!(word, "不" | "没" | "没有")
}

/// How English says a negation: a word, or a prefix (non-interference, unfair).
const NEGATION_STEMS: [&str; 4] = ["no", "not", "non", "un"];

/// The stems a compound word may also stand for, beyond what the dictionary says of it
/// whole: the dictionary often glosses a compound by one usage (公安机关 "public security
/// bureau", 保卫祖国 "to defend one's country") while official English says it word for word
/// ("public security organs", "defend the motherland"), so the English of each of its words
/// of two characters or more counts too. A title in 长 (审计长, 理事长) may be an English
/// title with a "general" after it, as the dictionary writes 理事长 "director general".
fn compound_stems(word: &str, segmenter: &Segmenter, lexicon: &Lexicon) -> Vec<String> {
    let parts = segmenter.parts(word);
    let mut stems: Vec<String> = if parts.len() > 1 {
        parts
            .iter()
            .filter(|p| p.chars().nth(1).is_some())
            .flat_map(|p| lexicon.translations(p))
            .collect()
    } else {
        Vec::new()
    };
    if is_a_title_in_zhang(word, segmenter) {
        stems.push(lexicon.stem("general"));
    }
    stems
}

/// Whether `word` is a noun of two characters or more ending in 长 "head of" (部长, 审计长):
/// 增长 and 延长 are verbs.
fn is_a_title_in_zhang(word: &str, segmenter: &Segmenter) -> bool {
    word.ends_with('长')
        && word.chars().nth(1).is_some()
        && matches!(segmenter.tags(word).as_slice(), [(_, tag)] if tag.starts_with('n'))
}

/// What the dictionary says the English of `term` may hold.
pub fn term_glosses(term: &str, segmenter: &Segmenter, lexicon: &Lexicon) -> TermGlosses {
    glosses_of(&term_pieces(term, segmenter, lexicon))
}

/// The stems of all pieces, each piece's once: a stem two pieces share is there twice.
fn glosses_of(pieces: &[Vec<String>]) -> TermGlosses {
    let mut stems = Vec::new();
    for piece in pieces {
        let mut own: Vec<&String> = piece.iter().collect();
        own.sort_unstable();
        own.dedup();
        stems.extend(own.into_iter().cloned());
    }
    TermGlosses { stems }
}

/// The words of a term with the English stems each may stand for (numbers as digits, and a
/// word the dictionary lacks, a name most often, as pinyin).
fn term_pieces(term: &str, segmenter: &Segmenter, lexicon: &Lexicon) -> Vec<Vec<String>> {
    stems_of(&term_words(term, segmenter, lexicon), segmenter, lexicon)
}

/// The pieces of [`term_pieces`] with each compound cut into its words of two characters or
/// more (生态环境 → 生态 + 环境): finer than the dictionary's headwords, to tell which of two
/// renderings accounts for more of the term ("eco-environmental protection" against
/// "environmental protection"), not to weigh one rendering alone (社会主义 is "socialism").
fn fine_pieces(term: &str, segmenter: &Segmenter, lexicon: &Lexicon) -> Vec<Vec<String>> {
    let words = term_words(term, segmenter, lexicon);
    let fine: Vec<&str> = words
        .iter()
        .flat_map(|w| {
            let parts = segmenter.parts(w);
            if parts.len() > 1 && parts.iter().all(|p| p.chars().nth(1).is_some()) {
                parts
            } else {
                vec![w.as_str()]
            }
        })
        .collect();
    stems_of(&fine, segmenter, lexicon)
}

/// The words a term's pieces are made of: [`words_of`], each as its [`dictionary_parts`].
fn term_words(term: &str, segmenter: &Segmenter, lexicon: &Lexicon) -> Vec<String> {
    words_of(term, segmenter)
        .iter()
        .flat_map(|w| dictionary_parts(w, lexicon).into_iter().map(str::to_string))
        .collect()
}

/// The stems of each word, words without any left out.
fn stems_of<W: AsRef<str>>(
    words: &[W],
    segmenter: &Segmenter,
    lexicon: &Lexicon,
) -> Vec<Vec<String>> {
    words
        .iter()
        .map(|w| piece_stems(w.as_ref(), segmenter, lexicon))
        .filter(|s| !s.is_empty())
        .collect()
}

/// The English stems one piece of a term may stand for.
fn piece_stems(w: &str, segmenter: &Segmenter, lexicon: &Lexicon) -> Vec<String> {
    if is_a_negation(w) {
        return NEGATION_STEMS.map(str::to_string).to_vec();
    }
    let mut stems: Vec<String> = lexicon.translations(w);
    for stem in compound_stems(w, segmenter, lexicon) {
        if !stems.contains(&stem) {
            stems.push(stem);
        }
    }
    if w.is_ascii() {
        stems.push(lexicon.stem(w));
    }
    if let Some(n) = super::features::number_value(w) {
        stems.push(n.to_string());
    }
    if stems.is_empty() {
        for form in super::features::pinyin_forms(w) {
            stems.push(form.trim_start_matches('@').to_string());
        }
    }
    stems
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rendering(en: &str, count: u32, support: f64) -> (Rendering, f64) {
        let rendering = Rendering {
            en: en.to_string(),
            count,
        };
        (rendering, support)
    }

    #[test]
    fn a_noun_and_its_adjective_are_one_rendering_listed_as_the_noun() {
        for (a, b) in [
            ("African", "Africa"),
            ("Africa’s", "Africa"),
            ("socialist", "socialism"),
            ("Asian", "Asia"),
            ("countries", "country"),
        ] {
            assert_eq!(inflection_key(a), inflection_key(b), "{a} {b}");
        }
        // Only one-word renderings, and only regular derivations.
        assert_ne!(
            inflection_key("African countries"),
            inflection_key("Africa countries")
        );
        assert_ne!(inflection_key("Chinese"), inflection_key("China"));
        assert_ne!(inflection_key("modern"), inflection_key("modernization"));
        assert_eq!(citation_form("human", false), "human");
        // A head with a phrase after it is singular in the key too.
        assert_eq!(
            inflection_key("commissions for discipline inspection"),
            inflection_key("commission for discipline inspection")
        );
    }

    #[test]
    fn a_proper_adjective_joins_its_place_when_the_place_was_seen() {
        let unit = sentence_unit;
        let units = [
            unit("中国梦", "the Chinese Dream"),
            unit("中国人民", "the Chinese people"),
            unit("中国发展", "China develops"),
            unit("中国和非洲", "China and African countries"),
        ];
        let refs: Vec<&SentenceUnit> = units.iter().collect();
        let occurrences = occurrences_of("中国", &units);
        let mut groups: Groups = BTreeMap::new();
        for (pair, en) in [(0, "Chinese"), (1, "Chinese"), (2, "China")] {
            groups
                .entry(inflection_key(en))
                .or_default()
                .push((&occurrences[pair], english_span(&units[pair], en)));
        }
        adjectives_with_their_nouns(&mut groups, &refs);
        assert_eq!(groups.keys().collect::<Vec<_>>(), ["china"]);
        assert_eq!(groups["china"].len(), 3);
        // Without the place among the renderings, the adjective stays what it is.
        let mut alone: Groups = BTreeMap::new();
        alone
            .entry(inflection_key("Chinese"))
            .or_default()
            .push((&occurrences[0], english_span(&units[0], "Chinese")));
        adjectives_with_their_nouns(&mut alone, &refs);
        assert_eq!(alone.keys().collect::<Vec<_>>(), ["chinese"]);
        assert!(place_names_of("chinese").contains(&"china".to_string()));
        assert!(place_names_of("japanese").contains(&"japan".to_string()));
        assert!(place_names_of("canadian").contains(&"canada".to_string()));
        assert!(place_names_of("european").contains(&"europe".to_string()));
        assert!(is_a_proper_adjective("Chinese"));
        assert!(!is_a_proper_adjective("human"));
        assert!(!is_a_proper_adjective("FOCAC"));
    }

    #[test]
    fn a_compound_is_read_in_its_words_too() {
        let seg = Segmenter::new();
        let lexicon = Lexicon::default();
        // CC-CEDICT glosses 公安机关 "public security bureau" only.
        let organ = lexicon.stem("organ");
        assert!(compound_stems("公安机关", &seg, &lexicon).contains(&organ));
        let general = lexicon.stem("general");
        assert!(compound_stems("审计长", &seg, &lexicon).contains(&general));
        assert!(!compound_stems("增长", &seg, &lexicon).contains(&general));
    }

    #[test]
    fn a_rendering_ending_in_a_possessive_is_cut_short() {
        assert!(ends_in_a_possessive("obeying nature’s"));
        assert!(ends_in_a_possessive("the members'"));
        assert!(!ends_in_a_possessive("China’s foreign policy"));
        assert!(!ends_in_a_possessive("three evil forces"));
    }

    #[test]
    fn a_rendering_that_stops_before_what_its_words_need_is_cut_short() {
        assert!(ends_before_what_its_words_need(
            "overcome difficulties and make"
        ));
        assert!(ends_before_what_its_words_need("harmony between humanity"));
        assert!(ends_before_what_its_words_need("the settlement of"));
        assert!(ends_before_what_its_words_need(
            "commission for discipline inspection at the next"
        ));
        assert!(!ends_before_what_its_words_need(
            "harmony between humanity and nature"
        ));
        assert!(!ends_before_what_its_words_need("reform and innovation"));
        // One word is judged by the other rules.
        assert!(!ends_before_what_its_words_need("make"));
    }

    #[test]
    fn a_pronoun_the_chinese_does_not_hold_is_no_part_of_the_english() {
        assert!(a_pronoun_the_chinese_lacks(
            "实干兴邦",
            "hard work makes it flourish"
        ));
        assert!(a_pronoun_the_chinese_lacks(
            "报告工作",
            "report on their work"
        ));
        assert!(!a_pronoun_the_chinese_lacks("本组织", "our Organization"));
        assert!(!a_pronoun_the_chinese_lacks(
            "本级人民代表大会",
            "people’s congresses at their level"
        ));
        // "Italy" holds no "it", "US dollar" no "us".
        assert!(!a_pronoun_the_chinese_lacks("意大利", "Italy"));
        assert!(!a_pronoun_the_chinese_lacks("美元", "US dollar"));
        assert!(a_pronoun_the_chinese_lacks("兴邦", "It flourishes"));
    }

    #[test]
    fn a_place_the_term_names_is_in_its_english() {
        let (seg, lexicon) = (Segmenter::new(), Lexicon::default());
        let left_out =
            |term: &str, en: &str| a_place_the_english_leaves_out(term, en, &seg, &lexicon);
        assert!(left_out("中国工会", "trade unions"));
        assert!(!left_out("中国工会", "Chinese trade unions"));
        assert!(!left_out("中国工会", "China’s trade unions"));
        assert!(!left_out("日本", "Japan"));
        // An acronym stands for the whole name.
        assert!(!left_out("中国共产党", "CPC"));
    }

    #[test]
    fn one_side_of_a_coordination_is_not_its_english() {
        let seg = Segmenter::new();
        assert!(one_side_of_a_coordination(
            "出发点和落脚点",
            "starting point",
            &seg
        ));
        assert!(!one_side_of_a_coordination(
            "生产力和生产关系",
            "productive forces and relations of production",
            &seg
        ));
        assert!(!one_side_of_a_coordination(
            "革命、建设、改革",
            "revolution, construction, reform",
            &seg
        ));
        // 和 inside a word is no conjunction.
        assert!(!one_side_of_a_coordination(
            "和平发展",
            "peaceful development",
            &seg
        ));
        assert!(!one_side_of_a_coordination("共和国", "republic", &seg));
    }

    #[test]
    fn an_owner_the_chinese_does_not_name_is_no_part_of_the_english() {
        let (seg, lexicon) = (Segmenter::new(), Lexicon::default());
        let pieces = |term: &str| term_pieces(term, &seg, &lexicon);
        let owner = "China’s ".len();
        let cut = |term: &str, en: &str| possessor_the_chinese_lacks(&pieces(term), en, &lexicon);
        assert_eq!(cut("领导阶级", "China’s leading class"), owner);
        assert_eq!(cut("中国力量", "China’s strength"), 0);
        assert_eq!(cut("领导阶级", "leading class"), 0);
        // A common noun's possessive is the term's own word (人民 "people").
        assert_eq!(cut("人民法院", "people’s court"), 0);
        // Nothing is left after the owner: it is the span.
        assert_eq!(cut("领导阶级", "China’s"), 0);
    }

    #[test]
    fn a_rendering_cut_short_gives_way_to_the_whole_one() {
        let with = |en: &str, count: u32| {
            let (r, s) = rendering(en, count, 0.0);
            (r, s, ())
        };
        // 国家公园体制: nation, park, system.
        let pieces = |words: &[&str]| -> Vec<Vec<String>> {
            words.iter().map(|w| vec![w.to_string()]).collect()
        };
        let lexicon = Lexicon::default();
        let parks = pieces(&["nation", "park", "system"]);
        let support_of = |en: &str| support(&parks, en, &lexicon);
        let mut renderings = vec![with("national parks", 2), with("national parks system", 1)];
        let cut = promote_the_whole(&mut renderings, support_of).expect("promoted");
        assert_eq!(cut.en, "national parks");
        assert_eq!(renderings[0].0.en, "national parks system");
        assert_eq!(renderings[1].0.en, "national parks");
        // Another wording seen once against 45 is no whole of it; nor is a longer list.
        let conservation = pieces(&["biodivers", "safeguard"]);
        let support_of = |en: &str| support(&conservation, en, &lexicon);
        let mut renderings = vec![
            with("biodiversity conservation", 45),
            with("safeguards for biodiversity conservation", 1),
        ];
        assert!(promote_the_whole(&mut renderings, support_of).is_none());
        let communists = pieces(&["chines", "communist"]);
        let support_of = |en: &str| support(&communists, en, &lexicon);
        let mut renderings = vec![
            with("Chinese Communists", 2),
            with("Communist Party of China, Chinese Communists", 1),
        ];
        assert!(promote_the_whole(&mut renderings, support_of).is_none());
        assert_eq!(renderings[0].0.en, "Chinese Communists");
    }

    #[test]
    fn a_combining_form_counts_for_its_word() {
        let seg = Segmenter::new();
        let lexicon = Lexicon::default();
        // 生态环境保护 in pieces as fine as the dictionary's words: 生态, 环境, 保护.
        let fine = fine_pieces("生态环境保护", &seg, &lexicon);
        assert_eq!(fine.len(), 3);
        assert!(
            support(&fine, "eco-environmental protection", &lexicon)
                > support(&fine, "environmental protection", &lexicon)
        );
    }

    #[test]
    fn the_evidence_rule() {
        let three = rendering("three evil forces", 5, 0.4);
        let other = rendering("three forces", 3, 0.9);
        assert!(Usage::carries_a_proposal(
            &[three.clone(), other.clone()],
            (9, 8),
            2,
            false
        ));
        // Five of eleven is not half, and five does not lead four by half as much again.
        let four = rendering("three forces", 4, 0.9);
        assert!(!Usage::carries_a_proposal(
            &[three.clone(), four.clone()],
            (11, 11),
            2,
            false
        ));
        // Five of eleven against four, rendering more of the term than the four do.
        assert!(Usage::carries_a_proposal(
            &[three.clone(), four],
            (11, 11),
            2,
            true
        ));
        // Five of eleven leading three: a clear lead.
        assert!(Usage::carries_a_proposal(
            &[three.clone(), other.clone()],
            (11, 11),
            2,
            false
        ));
        // Most occurrences inside longer words.
        assert!(!Usage::carries_a_proposal(
            &[three, other],
            (40, 8),
            2,
            false
        ));
        // Seen once: only with the dictionary's support.
        assert!(Usage::carries_a_proposal(
            &[rendering("new era", 1, 1.0)],
            (1, 1),
            2,
            false
        ));
        assert!(!Usage::carries_a_proposal(
            &[rendering("era", 1, 0.3)],
            (1, 1),
            2,
            false
        ));
        assert!(!Usage::carries_a_proposal(
            &[rendering("new era", 1, 1.0)],
            (2, 2),
            2,
            false
        ));
        // One word for a term of several: not without the dictionary.
        assert!(!Usage::carries_a_proposal(
            &[rendering("National", 60, 0.4)],
            (68, 68),
            4,
            false
        ));
        // One word for one of two pieces (生态产品 → "products"): cut.
        assert!(!Usage::carries_a_proposal(
            &[rendering("products", 3, 2.0 / 3.0)],
            (4, 4),
            2,
            false
        ));
        // An acronym is one word for the whole name.
        assert!(Usage::carries_a_proposal(
            &[rendering("CPPCC", 3, 0.0)],
            (4, 4),
            2,
            false
        ));
        let marxism = rendering("Marxism-Leninism", 9, 0.8);
        assert!(Usage::carries_a_proposal(&[marxism], (9, 9), 2, false));
        assert!(!Usage::carries_a_proposal(&[], (0, 0), 1, false));
    }

    #[test]
    fn a_common_word_is_not_proposed_as_the_acronym_of_the_name_it_stands_for() {
        assert!(an_acronym_for_a_common_word("论坛", "FOCAC"));
        assert!(!an_acronym_for_a_common_word("论坛", "forum"));
        assert!(
            !an_acronym_for_a_common_word("上合组织", "SCO"),
            "not a common word"
        );
        assert!(
            !an_acronym_for_a_common_word("联合国", "UN"),
            "a name in the dictionary"
        );
    }

    #[test]
    fn renderings_differing_in_number_are_one() {
        assert_eq!(inflection_key("African countries"), "african country");
        assert_eq!(inflection_key("people’s congresses"), "people’s congress");
        assert_eq!(inflection_key("state organs"), "state organ");
        assert_eq!(inflection_key("modernization"), "modernization");
        assert_eq!(
            inflection_key("Chinese characteristics"),
            "chinese characteristic"
        );
        assert_eq!(singular("status"), "status");
        assert_eq!(singular("process"), "process");
    }

    #[test]
    fn the_dictionary_supports_a_rendering_of_the_terms_words() {
        let seg = Segmenter::new();
        let lex = Lexicon::default();
        let pieces = term_pieces("数字教育", &seg, &lex);
        assert!(support(&pieces, "digital education", &lex) > 0.99);
        assert!(support(&pieces, "education", &lex) < 0.7);
        assert_eq!(support(&pieces, "the", &lex), 0.0);
        // One English word renders one piece, though the dictionary gives it to both.
        let pieces = term_pieces("委员会委员", &seg, &lex);
        assert!(support(&pieces, "committee", &lex) < 0.7);
        assert!(support(&pieces, "committee members", &lex) > 0.99);
    }

    #[test]
    fn a_negation_in_a_term_wants_its_english() {
        let seg = Segmenter::new();
        let lex = Lexicon::default();
        // 五不 "the five noes": a numeral and a negation.
        let pieces = term_pieces("五不", &seg, &lex);
        assert_eq!(pieces.len(), 2);
        assert!(support(&pieces, "five", &lex) < MIN_SUPPORT_ONE_WORD);
        // 不干涉内政: the negation said as a prefix.
        let pieces = term_pieces("不干涉内政", &seg, &lex);
        assert!(support(&pieces, "non-interference in internal affairs", &lex) > 0.99);
    }

    #[test]
    fn a_capital_of_the_sentence_start_is_dropped_where_another_rendering_writes_the_word_low() {
        let mut renderings = vec![
            rendering("Local people's congresses at all levels", 6, 1.0),
            rendering("local people's congresses", 3, 1.0),
            rendering("Standing Committee", 2, 1.0),
            rendering("Chinese nation", 2, 1.0),
            rendering("nation", 1, 1.0),
        ]
        .into_iter()
        .map(|(r, s)| (r, s, ()))
        .collect::<Vec<_>>();
        lower_sentence_capitals(&mut renderings);
        let en: Vec<&str> = renderings.iter().map(|(r, _, _)| r.en.as_str()).collect();
        assert_eq!(
            en,
            [
                "local people's congresses at all levels",
                "local people's congresses",
                "Standing Committee",
                "Chinese nation",
                "nation"
            ]
        );
    }

    #[test]
    fn a_compound_the_dictionary_lacks_asks_for_the_english_of_each_part() {
        let seg = Segmenter::new();
        let lex = Lexicon::new([("上合组织".to_string(), "SCO".to_string())]);
        // jieba's one word, CC-CEDICT's two.
        assert_eq!(dictionary_parts("全面落实", &lex), ["全面", "落实"]);
        assert_eq!(dictionary_parts("落实", &lex), ["落实"]);
        assert_eq!(dictionary_parts("上合组织", &lex), ["上合组织"]);
        let pieces = term_pieces("全面落实", &seg, &lex);
        assert_eq!(pieces.len(), 2);
        assert!(support(&pieces, "implement", &lex) < MIN_SUPPORT_ONCE);
        assert!(support(&pieces, "comprehensively implement", &lex) > 0.99);
    }

    /// A confident sentence pair of no document or year.
    fn sentence_unit(zh: &str, en: &str) -> SentenceUnit {
        SentenceUnit {
            id: String::new(),
            zh: zh.to_string(),
            zh_written: None,
            en: en.to_string(),
            document: String::new(),
            year: None,
            score: 1.0,
            low_confidence: false,
            origin: crate::align::UnitOrigin::Alignment,
        }
    }

    /// The first occurrence of `term` in each unit's Chinese, not yet aligned.
    fn occurrences_of(term: &str, units: &[SentenceUnit]) -> Vec<Occurrence> {
        units
            .iter()
            .enumerate()
            .map(|(pair, unit)| {
                let from = unit.zh.find(term).unwrap();
                Occurrence {
                    pair,
                    zh_span: (from, from + term.len()),
                    rendered: Rendered::Unaligned,
                }
            })
            .collect()
    }

    /// The byte span of the first `en` in a unit's English.
    fn english_span(unit: &SentenceUnit, en: &str) -> (usize, usize) {
        let at = unit.en.find(en).unwrap();
        (at, at + en.len())
    }

    #[test]
    fn a_name_s_capitals_are_dropped_where_the_running_text_writes_the_words_low() {
        let unit = |en: &str| sentence_unit("", en);
        let units = [
            unit("It opened the Sanjiangyuan National Park."),
            unit("China is opening national parks on a trial basis."),
        ];
        let refs: Vec<&SentenceUnit> = units.iter().collect();
        let occurrence = |pair| Occurrence {
            pair,
            zh_span: (0, 0),
            rendered: Rendered::Unaligned,
        };
        let (a, b) = (occurrence(0), occurrence(1));
        let span = |en: &str, words: &str| {
            let at = en.find(words).unwrap();
            (at, at + words.len())
        };
        let group = [
            (&a, span(&units[0].en, "National Park")),
            (&b, span(&units[1].en, "national parks")),
        ];
        assert_eq!(written_form(&group, &refs, &|| false), "national park");
        // Written with capitals wherever it stands, a name keeps them.
        assert_eq!(written_form(&group[..1], &refs, &|| false), "National Park");
        // Unless the capitals run on into a longer name and the term is made of common words.
        assert_eq!(written_form(&group[..1], &refs, &|| true), "national park");
    }

    #[test]
    fn capitals_a_heading_lends_to_common_words_are_dropped() {
        let units = [sentence_unit("", "Strengthening Mutual Political Trust")];
        let refs: Vec<&SentenceUnit> = units.iter().collect();
        let o = Occurrence {
            pair: 0,
            zh_span: (0, 0),
            rendered: Rendered::Unaligned,
        };
        let at = units[0].en.find("Mutual").unwrap();
        let group = [(&o, (at, units[0].en.len()))];
        assert_eq!(
            written_form(&group, &refs, &|| true),
            "mutual political trust"
        );
        // A name keeps the capitals of its own words.
        assert!(!is_common_english_word("China-Africa"));
        assert!(is_common_english_word("Threats"));
    }

    /// `test` on the occurrences of `term` in every unit, each rendered as the first `en` of
    /// its unit's English.
    fn on_spans(
        term: &str,
        en: &str,
        units: &[SentenceUnit],
        test: impl Fn(&[Span], &[&SentenceUnit]) -> bool,
    ) -> bool {
        let refs: Vec<&SentenceUnit> = units.iter().collect();
        let occurrences = occurrences_of(term, units);
        let group: Vec<_> = occurrences
            .iter()
            .zip(units)
            .map(|(o, unit)| (o, english_span(unit, en)))
            .collect();
        test(&group, &refs)
    }

    #[test]
    fn a_word_the_dictionary_gives_with_its_complement_is_not_the_whole_english() {
        let cut = |term: &str, en: &str, units: &[SentenceUnit]| {
            on_spans(term, en, units, |group, refs| {
                a_word_cut_before_its_complement(term, group, refs)
            })
        };
        let units = [
            sentence_unit("增强责任感。", "Enhance their sense of responsibility."),
            sentence_unit(
                "青年的历史责任感。",
                "The young people's sense of historical responsibility.",
            ),
        ];
        // CC-CEDICT: 责任感 "sense of responsibility".
        assert!(cut("责任感", "sense", &units));
        // One occurrence where the word stands alone: it may be the whole English.
        let alone = [sentence_unit("增强责任感。", "A sense, at last.")];
        assert!(!cut("责任感", "sense", &alone));
        // A word that is the dictionary's whole meaning keeps it: 生命线 "lifeline".
        let lifeline = [sentence_unit("生命线。", "The lifeline of the region.")];
        assert!(!cut("生命线", "lifeline", &lifeline));
    }

    #[test]
    fn a_noun_rendered_only_before_one_head_is_that_head_s_modifier() {
        let seg = Segmenter::new();
        let cut = |term: &str, en: &str, units: &[SentenceUnit]| {
            on_spans(term, en, units, |group, refs| {
                a_word_cut_before_one_head(term, group, refs, &seg)
            })
        };
        let units = [
            sentence_unit("成员国合作。", "The member states cooperate."),
            sentence_unit("各成员国。", "All member states agree."),
            sentence_unit("成员国。", "Each member country."),
        ];
        assert!(cut("成员国", "member", &units[..2]));
        // Before varied words it is the word itself; seen once, nothing says.
        assert!(!cut("成员国", "member", &units));
        assert!(!cut("成员国", "member", &units[..1]));
        // A name cut inside a longer one shows it once.
        let name = [sentence_unit(
            "地区反恐机构。",
            "The Regional Anti-Terrorist Structure met.",
        )];
        assert!(cut("地区反恐", "Regional Anti-Terrorist", &name));
    }

    #[test]
    fn an_adjective_cut_before_its_head_is_not_the_english_of_a_noun() {
        let unit = sentence_unit;
        let units = [
            unit(
                "发展集体经济组织。",
                "Develop collective economic organizations.",
            ),
            unit(
                "支持集体经济组织。",
                "Support collective economic organizations.",
            ),
            unit(
                "壮大集体经济。",
                "Strengthen the collective sector of the economy.",
            ),
        ];
        let refs: Vec<&SentenceUnit> = units.iter().collect();
        let all = occurrences_of("集体经济", &units);
        let span = |pair: usize| english_span(&units[pair], "collective economic");
        let group = [(&all[0], span(0)), (&all[1], span(1))];
        let seg = Segmenter::new();
        assert!(stands_as_a_head(&all, &refs));
        assert!(a_modifier_cut_before_its_head(
            "集体经济",
            &group,
            &refs,
            &seg
        ));
        // Only ever a modifier in Chinese too: the adjective is its English.
        assert!(!stands_as_a_head(&all[..2], &refs));
        // A proper adjective before a common noun is cut too: "of the Chinese" (nation).
        let sons = [
            unit(
                "中华儿女。",
                "the sons and daughters of the Chinese nation.",
            ),
            unit(
                "中华儿女团结",
                "sons and daughters of the Chinese nation unite",
            ),
        ];
        let sons_refs: Vec<&SentenceUnit> = sons.iter().collect();
        assert!(stands_as_a_head(
            &occurrences_of("中华儿女", &sons),
            &sons_refs
        ));
        let cut = "sons and daughters of the Chinese";
        assert!(on_spans("中华儿女", cut, &sons, |group, refs| {
            a_modifier_cut_before_its_head("中华儿女", group, refs, &seg)
        }));
        // A modifier coordinated with another before their head is cut before it too.
        let units = [unit(
            "国民经济和社会发展计划。",
            "The plan for national economic and social development.",
        )];
        let refs: Vec<&SentenceUnit> = units.iter().collect();
        let at = units[0].en.find("national economic").unwrap();
        let occurrence = Occurrence {
            pair: 0,
            zh_span: (0, "国民经济".len()),
            rendered: Rendered::Unaligned,
        };
        let group = [(&occurrence, (at, at + "national economic".len()))];
        assert!(a_modifier_cut_before_its_head(
            "国民经济",
            &group,
            &refs,
            &seg
        ));
        // A term adjectival in Chinese keeps its adjective.
        assert!(!a_modifier_cut_before_its_head(
            "地方性",
            &group,
            &refs,
            &seg
        ));
        for word in [
            "economic",
            "social",
            "centenary",
            "humanitarian",
            "supervisory",
        ] {
            assert!(looks_like_an_adjective(word), "{word}");
        }
        for word in ["economy", "products", "win-win", "National"] {
            assert!(!looks_like_an_adjective(word), "{word}");
        }
    }

    #[test]
    fn a_rendering_cut_after_an_adverb_is_no_proposal() {
        let seg = Segmenter::new();
        assert!(cut_after_an_adverb("直辖市", "cities directly", &seg));
        assert!(cut_after_an_adverb("个体经济", "individually", &seg));
        assert!(!cut_after_an_adverb("全心全意", "wholeheartedly", &seg));
        assert!(!cut_after_an_adverb("家庭", "family", &seg));
        assert!(!cut_after_an_adverb("大会", "General Assembly", &seg));
    }

    #[test]
    fn an_idiom_is_not_part_of_one_of_its_meanings() {
        let (seg, lexicon) = (Segmenter::new(), Lexicon::default());
        let cut = |term: &str, en: &str| an_idiom_cut_short(term, en, &seg, &lexicon);
        assert!(cut("与时俱进", "times"));
        assert!(!cut("与时俱进", "progressive"));
        assert!(!cut("全心全意", "wholeheartedly"));
        assert!(!cut("与时俱进", "keep up with the times"));
        assert!(cut("艰难险阻", "difficulties"));
        assert!(!cut("前所未有", "unprecedented"));
        // "the only way" is two words of meaning, found through CC-CEDICT's reference to
        // 必经之路.
        assert!(cut("必由之路", "way"));
        assert!(!cut("必由之路", "the only way"));
        // The opening words of a longer meaning (CC-CEDICT marks 实事求是 "(idiom)").
        assert!(cut("实事求是", "seeking truth"));
        assert!(!cut("实事求是", "seeking truth from facts"));
        // Nor a word none of its meanings holds: 艰苦奋斗 "to struggle arduously" is not
        // "hard" (of "work hard").
        assert!(cut("艰苦奋斗", "hard"));
        assert_eq!(
            without_brackets("(idiom) heart and soul"),
            " heart and soul"
        );
    }

    #[test]
    fn a_speaker_with_his_verb_of_saying_is_no_proposal() {
        assert!(a_speaker_and_a_verb_of_saying(
            "毛泽东同志",
            "Mao Zedong said"
        ));
        assert!(a_speaker_and_a_verb_of_saying(
            "毛泽东同志",
            "Mao Zedong once said"
        ));
        assert!(!a_speaker_and_a_verb_of_saying(
            "毛泽东同志",
            "Comrade Mao Zedong"
        ));
        assert!(!a_speaker_and_a_verb_of_saying(
            "发言人说",
            "spokesperson said"
        ));
    }

    #[test]
    fn a_clause_or_a_piece_of_a_longer_list_is_no_proposal() {
        assert!(a_clause_with_a_modal("国家发展", "state shall develop"));
        assert!(!a_clause_with_a_modal("人人有权", "Everyone has the right"));
        assert!(!a_clause_with_a_modal("应当遵守", "shall abide by"));
        assert!(a_comma_the_chinese_lacks(
            "企业事业组织",
            "enterprises, public institutions"
        ));
        assert!(!a_comma_the_chinese_lacks(
            "教育、科学、文化",
            "education, science, culture"
        ));
    }

    #[test]
    fn usage_counts_renderings_over_pairs() {
        let seg = Segmenter::new();
        let lex = Lexicon::default();
        let unit = |zh: &str, en: &str, doc: &str, year| SentenceUnit {
            document: doc.to_string(),
            year: Some(year),
            ..sentence_unit(zh, en)
        };
        let units = [
            unit("打击三股势力。", "Combat the three evil forces.", "a", 2019),
            unit(
                "三股势力威胁地区安全。",
                "The three evil forces threaten the region.",
                "b",
                2024,
            ),
            unit("反对三股势力。", "Oppose the three forces.", "b", 2024),
        ];
        let refs: Vec<&SentenceUnit> = units.iter().collect();
        let pairs: Vec<(&str, &str)> = units
            .iter()
            .map(|u| (u.zh.as_str(), u.en.as_str()))
            .collect();
        let aligned = super::super::phrases::word_align(&pairs, &seg, &lex, &Default::default());
        let found = usages(&["三股势力"], &refs, &aligned, &seg, &lex);
        let usage = &found["三股势力"];
        assert_eq!(usage.occurrences, 3);
        assert_eq!(usage.years, Some((2019, 2024)), "{usage:?}");
        let top = &usage.renderings[0];
        assert_eq!(top.en, "three evil forces", "{usage:?}");
        assert_eq!(top.count, 2);
        assert!(usage.proposed);
        assert_eq!(usage.examples.len(), 3);
        let first = &usage.examples[0];
        assert_eq!(&first.zh[first.zh_span.0..first.zh_span.1], "三股势力");
        assert_eq!(
            &first.en[first.en_span.0..first.en_span.1],
            "three evil forces"
        );
    }
}
