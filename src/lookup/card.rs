//! Cards: everything a lookup answers about one Chinese term, made from the merged glossary.

use std::collections::{BTreeSet, HashMap};

use indexmap::IndexMap;
use serde::{Deserialize, Serialize};

use crate::align::propose::Usage;
use crate::extract::count::Context;
use crate::glossary::Status;
use crate::glossary::merged::{Glossary, Row, RowStatus};

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
    /// Occurrences per 10,000 Chinese characters of each year's documents, so that years
    /// with more text compare fairly.
    #[serde(with = "crate::year::rates")]
    pub rate_by_year: crate::year::RateByYear,
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
    /// How the corpus's aligned translations render it (renderings with their counts out of
    /// `aligned`, example pairs), with the English proposed for a candidate.
    pub usage: Option<Usage>,
    /// Its preferred English is not among the renderings the aligned translations use.
    pub preferred_unused: bool,
    /// English composed from the curated English of its parts (a candidate made of a curated
    /// name and a curated term): a suggestion, never approved.
    pub composed: Option<crate::glossary::link::Composition>,
    /// The curated example sentence, Chinese.
    pub context_zh: String,
    /// The curated example sentence, English.
    pub context_en: String,
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

/// Builds the cards of a merged glossary: one per Chinese term, in the glossary's order.
/// `contexts` holds, for the terms that have them, more contexts than the merged file's one
/// (moved into the cards).
pub fn cards(merged: &Glossary, mut contexts: HashMap<String, Vec<Context>>) -> Vec<Card> {
    let mut by_zh: IndexMap<&str, Vec<&Row>> = IndexMap::new();
    for row in &merged.rows {
        by_zh.entry(row.zh.as_str()).or_default().push(row);
    }
    let mut cards: Vec<Card> = by_zh
        .into_iter()
        .map(|(zh, rows)| card(zh, &rows, contexts.remove(zh)))
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

fn card(zh: &str, rows: &[&Row], contexts: Option<Vec<Context>>) -> Card {
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
        Some(found) => found,
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
        rate_by_year: main.rate_by_year.clone(),
        first_year: main.first_year,
        last_year: main.last_year,
        docs: main.docs,
        contexts,
        longer: Vec::new(),
        shorter: Vec::new(),
        usage: main.usage.clone(),
        preferred_unused: main.unused_by_translations(),
        composed: main.composed.clone(),
        context_zh: main.context_zh.clone(),
        context_en: main.context_en.clone(),
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
    let matcher = crate::matcher::matcher(&texts, aho_corasick::MatchKind::Standard);
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
