//! Counts and contexts of a fixed list of terms, on the normalised text itself.
//!
//! jieba's tokens disagree with the text for many terms (上合组织 can be cut 上合/组织 in one
//! sentence and 上/合组织 in another), so once the term list is fixed every term is found at once
//! with Aho-Corasick over every sentence. Counts are exact substring occurrences: a term inside a
//! longer term is counted too, and the count of its standalone occurrences (not inside a longer
//! term of the list) is kept beside it. The exception is a longer dictionary word that only
//! holds the term's characters across its own word boundaries (俄罗斯 in 白俄罗斯, see
//! [`WholeWords`]): there the term does not occur at all. The characters next to each
//! occurrence feed the branching entropy (punctuation, function words, governing verbs and
//! titles beside it count as boundaries: 构建 before 人类命运共同体 and 总统 after 托卡耶夫 do not
//! make them fragments), and a few occurrences per document become keyword-in-context lines.

use std::collections::BTreeMap;

use aho_corasick::AhoCorasick;
use rayon::prelude::*;
use rustc_hash::FxHashMap;
use serde::{Deserialize, Serialize};

use crate::corpus::{Document, Texts};
use crate::extract::words::{ends_with_edge_word, starts_with_edge_word};
use crate::lang::Lang;

mod memo;
mod whole;

pub use memo::{CountMemo, DocKey, Recount, count_terms_again};
use whole::Masks;
pub use whole::WholeWords;

/// How many characters of context stand on each side of a keyword.
pub const CONTEXT_CHARS: usize = 20;

/// One keyword-in-context line.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Context {
    /// Up to [`CONTEXT_CHARS`] characters before the term, within its sentence.
    pub left: String,
    /// The term as it stands in the text.
    pub term: String,
    /// Up to [`CONTEXT_CHARS`] characters after the term.
    pub right: String,
    /// The document's id.
    pub doc: String,
    /// The document's year.
    pub year: Option<i32>,
    /// The line of the original file.
    pub line: u32,
}

/// Which of a sentence's hits stand alone, into `out`: a hit is inside another when a
/// counted hit (one `counts` accepts, by index) starts at or before it, ends at or after it and
/// is longer. `hits` are sorted by start, longest first at each start; `span` gives a hit's
/// byte range. The one rule of "standalone", for a full count and for the shifts of an update.
pub(crate) fn mark_standalone<H>(
    hits: &[H],
    span: impl Fn(&H) -> (usize, usize),
    counts: impl Fn(usize) -> bool,
    out: &mut Vec<bool>,
) {
    out.clear();
    // The farthest end of a counted hit that starts before the current start.
    let mut reach_before = 0usize;
    let mut i = 0;
    while i < hits.len() {
        let start = span(&hits[i]).0;
        let group_end = i + hits[i..].iter().take_while(|h| span(h).0 == start).count();
        let longest_here = (i..group_end)
            .filter(|&k| counts(k))
            .map(|k| span(&hits[k]).1)
            .max()
            .unwrap_or(0);
        for hit in &hits[i..group_end] {
            let end = span(hit).1;
            out.push(!(reach_before >= end || longest_here > end));
        }
        reach_before = reach_before.max(longest_here);
        i = group_end;
    }
}

/// Neighbour counts on one side of a term.
#[derive(Debug, Clone, Default)]
pub struct Neighbours {
    /// Occurrences of each distinct neighbouring character (which character is not kept).
    pub counts: Vec<u64>,
    /// Occurrences at punctuation, a sentence edge or an edge word.
    pub boundaries: u64,
}

impl Neighbours {
    /// Branching entropy of these neighbours.
    pub fn entropy(&self) -> f64 {
        crate::extract::score::branching_entropy(self.counts.iter().copied(), self.boundaries)
    }
}

/// The counts of one term.
#[derive(Debug, Clone, Default)]
pub struct TermCounts {
    /// All occurrences.
    pub total: u64,
    /// Occurrences not inside a longer term of the list.
    pub standalone: u64,
    /// Occurrences by document year (`None`: documents without a year).
    pub by_year: BTreeMap<Option<i32>, u64>,
    /// Number of documents it occurs in.
    pub docs: u32,
    /// Characters before its occurrences.
    pub left: Neighbours,
    /// Characters after its occurrences.
    pub right: Neighbours,
    /// Keyword-in-context lines, spread over documents.
    pub contexts: Vec<Context>,
}

impl TermCounts {
    /// The first and last year it occurs in.
    pub fn year_range(&self) -> (Option<i32>, Option<i32>) {
        let mut years = self.by_year.keys().filter_map(|y| *y);
        let first = years.next();
        (first, years.next_back().or(first))
    }

    /// Number of distinct years it occurs in.
    pub fn years(&self) -> u32 {
        self.by_year.keys().filter(|y| y.is_some()).count() as u32
    }
}

/// How many contexts to keep.
#[derive(Debug, Clone, Copy)]
pub struct ContextOptions {
    /// At most this many per document.
    pub per_doc: usize,
    /// At most this many per term.
    pub per_term: usize,
}

impl Default for ContextOptions {
    fn default() -> Self {
        ContextOptions {
            per_doc: 2,
            per_term: 8,
        }
    }
}

/// Counts every term of `terms` in the Chinese documents of `docs`, leaving out the
/// occurrences `whole` says are parts of longer words. The result is parallel to `terms`.
///
/// Documents are counted in parallel into one compact `Tally` per worker (arrays indexed by
/// term, one map of neighbouring characters), merged in document order: memory grows with the
/// number of terms, not with terms × documents.
pub fn count_terms(
    terms: &[String],
    whole: &WholeWords,
    docs: &[&Document],
    texts: &dyn Texts,
    options: ContextOptions,
) -> Vec<TermCounts> {
    let indexed: Vec<(usize, &Document)> = docs.iter().copied().enumerate().collect();
    let raws = count_raw(terms, whole, &indexed, texts, options);
    finish_all(raws, docs, texts, options)
}

/// Counts `terms` in `docs`, each given with its position in the whole corpus (contexts and
/// document counts are keyed by it), into mergeable counts parallel to `terms`.
fn count_raw(
    terms: &[String],
    whole: &WholeWords,
    docs: &[(usize, &Document)],
    texts: &dyn Texts,
    options: ContextOptions,
) -> Vec<RawCounts> {
    if terms.is_empty() {
        return Vec::new();
    }
    let counter = Counter::new(terms, whole);
    // Tallies are merged in parallel; every part of a merge is the same in either order.
    docs.par_chunks(run_length(docs.len()))
        .map(|chunk| {
            let mut tally = counter.tally();
            for &(index, doc) in chunk {
                if doc.lang == Lang::Zh {
                    counter.count(&mut tally, index, &texts.full(doc), options);
                }
            }
            tally
        })
        .reduce_with(|a, b| a.merge(b, options))
        .unwrap_or_else(|| counter.tally())
        .into_raw()
}

/// How many consecutive documents each parallel tally takes: a few runs per worker, since each
/// tally costs memory in the number of terms, so there are only as many as there are runs.
fn run_length(docs: usize) -> usize {
    docs.div_ceil(rayon::current_num_threads() * 4).max(1)
}

/// Terms to count, with their matcher and the occurrences left out as parts of longer words.
struct Counter {
    terms: usize,
    matcher: AhoCorasick,
    masks: Masks,
}

impl Counter {
    fn new(terms: &[String], whole: &WholeWords) -> Counter {
        let terms_str: Vec<&str> = terms.iter().map(String::as_str).collect();
        let (patterns, masks) = whole.patterns(&terms_str);
        Counter {
            terms: terms.len(),
            matcher: crate::matcher::across_quotes_matcher(&patterns),
            masks,
        }
    }

    /// An empty tally of these terms.
    fn tally(&self) -> Tally {
        Tally::new(self.terms)
    }

    /// Adds the occurrences in `doc` (at `index` in the corpus) to `tally`.
    fn count(&self, tally: &mut Tally, index: usize, doc: &Document, options: ContextOptions) {
        tally.count_document(&self.matcher, &self.masks, index, doc, options);
    }
}

/// Where a year is kept for documents without one.
const NO_YEAR: i32 = i32::MIN;

/// Counts of all terms over a run of consecutive documents.
struct Tally {
    total: Vec<u64>,
    standalone: Vec<u64>,
    docs: Vec<u32>,
    /// The last document (index) each term was seen in, to count documents once.
    last_doc: Vec<usize>,
    by_year: FxHashMap<(u32, i32), u64>,
    /// The characters beside each occurrence, on each side.
    left: NeighbourTally,
    right: NeighbourTally,
    left_boundaries: Vec<u64>,
    right_boundaries: Vec<u64>,
    /// Where to take contexts from, per term, grouped by document, from its first documents
    /// only; the lines themselves are cut at the end, for the occurrences kept.
    contexts: Vec<Vec<(usize, Vec<Spot>)>>,
    /// Occurrences of each term in the current document, and the terms seen in it.
    in_doc: Vec<u64>,
    touched: Vec<u32>,
}

/// Whether an edge word (function word, governing verb, title) ends or starts at each byte
/// offset of a sentence, worked out once per offset: many terms share a neighbour.
#[derive(Default)]
struct EdgeCache {
    ends: Vec<u8>,
    starts: Vec<u8>,
}

impl EdgeCache {
    const UNKNOWN: u8 = 0;

    fn reset(&mut self, len: usize) {
        self.ends.clear();
        self.ends.resize(len + 1, Self::UNKNOWN);
        self.starts.clear();
        self.starts.resize(len + 1, Self::UNKNOWN);
    }

    fn ends_here(&mut self, text: &str, pos: usize) -> bool {
        Self::cached(&mut self.ends[pos], || ends_with_edge_word(&text[..pos]))
    }

    fn starts_here(&mut self, text: &str, pos: usize) -> bool {
        Self::cached(&mut self.starts[pos], || {
            starts_with_edge_word(&text[pos..])
        })
    }

    fn cached(slot: &mut u8, compute: impl FnOnce() -> bool) -> bool {
        if *slot == Self::UNKNOWN {
            *slot = if compute() { 2 } else { 1 };
        }
        *slot == 2
    }
}

impl Tally {
    fn new(terms: usize) -> Tally {
        Tally {
            total: vec![0; terms],
            standalone: vec![0; terms],
            docs: vec![0; terms],
            last_doc: vec![usize::MAX; terms],
            by_year: FxHashMap::default(),
            left: NeighbourTally::default(),
            right: NeighbourTally::default(),
            left_boundaries: vec![0; terms],
            right_boundaries: vec![0; terms],
            contexts: vec![Vec::new(); terms],
            in_doc: vec![0; terms],
            touched: Vec::new(),
        }
    }

    fn count_document(
        &mut self,
        matcher: &AhoCorasick,
        masks: &Masks,
        index: usize,
        doc: &Document,
        options: ContextOptions,
    ) {
        if doc.lang != Lang::Zh {
            return;
        }
        let mut hits: Vec<Hit> = Vec::new();
        let mut alone: Vec<bool> = Vec::new();
        let mut edges = EdgeCache::default();
        for (a, article) in doc.articles.iter().enumerate() {
            for (s, sentence) in article.sentences.iter().enumerate() {
                let text = sentence.text.as_str();
                hits.clear();
                hits.extend(
                    crate::matcher::find_across_quotes(matcher, text)
                        .into_iter()
                        .map(|f| Hit {
                            pattern: f.pattern as u32,
                            start: f.start,
                            end: f.end,
                        }),
                );
                edges.reset(text.len());
                masks.apply(&mut hits, |h| (h.pattern, h.start, h.end));
                hits.sort_unstable_by(|a, b| a.start.cmp(&b.start).then(b.end.cmp(&a.end)));
                mark_standalone(&hits, |h| (h.start, h.end), |_| true, &mut alone);
                for (hit, &standalone) in hits.iter().zip(&alone) {
                    self.add(index, standalone, text, hit, &mut edges);
                    let spot = Spot {
                        doc: index,
                        article: a as u32,
                        sentence: s as u32,
                        start: hit.start as u32,
                        end: hit.end as u32,
                    };
                    self.keep_context(hit.pattern, spot, options);
                }
            }
        }
        let year = doc.year.unwrap_or(NO_YEAR);
        for t in self.touched.drain(..) {
            *self.by_year.entry((t, year)).or_insert(0) += self.in_doc[t as usize];
        }
    }

    fn keep_context(&mut self, term: u32, spot: Spot, options: ContextOptions) {
        let kept = &mut self.contexts[term as usize];
        let same_doc = kept.last().is_some_and(|(d, _)| *d == spot.doc);
        if same_doc {
            let (_, spots) = kept.last_mut().expect("checked");
            if spots.len() < options.per_doc {
                spots.push(spot);
            }
        } else if kept.len() < options.per_term {
            kept.push((spot.doc, vec![spot]));
        }
    }

    fn add(&mut self, doc: usize, standalone: bool, text: &str, hit: &Hit, edges: &mut EdgeCache) {
        let t = hit.pattern as usize;
        self.total[t] += 1;
        self.standalone[t] += u64::from(standalone);
        if self.last_doc[t] != doc {
            self.last_doc[t] = doc;
            self.docs[t] += 1;
            self.in_doc[t] = 0;
            self.touched.push(hit.pattern);
        }
        self.in_doc[t] += 1;
        // The edge-word checks only for a word character beside the term.
        let left = text[..hit.start].chars().next_back();
        match neighbour(left, || edges.ends_here(text, hit.start)) {
            Some(c) => self.left.push(hit.pattern, c),
            None => self.left_boundaries[t] += 1,
        }
        let right = text[hit.end..].chars().next();
        match neighbour(right, || edges.starts_here(text, hit.end)) {
            Some(c) => self.right.push(hit.pattern, c),
            None => self.right_boundaries[t] += 1,
        }
    }

    /// Adds `other`, which counted other documents than this tally's.
    fn merge(mut self, other: Tally, options: ContextOptions) -> Tally {
        for t in 0..self.total.len() {
            self.total[t] += other.total[t];
            self.standalone[t] += other.standalone[t];
            // A document is counted by one tally only, so document counts add up.
            self.docs[t] += other.docs[t];
            self.left_boundaries[t] += other.left_boundaries[t];
            self.right_boundaries[t] += other.right_boundaries[t];
        }
        for (k, v) in other.by_year {
            *self.by_year.entry(k).or_insert(0) += v;
        }
        self.left.merge(other.left);
        self.right.merge(other.right);
        // The first documents by position, whichever order the tallies come in.
        for (mine, theirs) in self.contexts.iter_mut().zip(other.contexts) {
            if theirs.is_empty() {
                continue;
            }
            mine.extend(theirs);
            mine.sort_by_key(|(doc, _)| *doc);
            mine.truncate(options.per_term);
        }
        self
    }

    fn into_raw(self) -> Vec<RawCounts> {
        let mut out: Vec<RawCounts> = (0..self.total.len())
            .map(|t| RawCounts {
                total: self.total[t],
                standalone: self.standalone[t],
                docs: self.docs[t],
                left_boundaries: self.left_boundaries[t],
                right_boundaries: self.right_boundaries[t],
                ..RawCounts::default()
            })
            .collect();
        for ((t, year), n) in self.by_year {
            out[t as usize].by_year.push((year, n));
        }
        for raw in &mut out {
            raw.by_year.sort_unstable();
        }
        for (key, n) in self.left.into_counts() {
            out[(key >> 32) as usize].left.push((key as u32, n));
        }
        for (key, n) in self.right.into_counts() {
            out[(key >> 32) as usize].right.push((key as u32, n));
        }
        for (raw, per_doc) in out.iter_mut().zip(self.contexts) {
            raw.contexts = per_doc;
        }
        out
    }
}

/// The counts of one term before contexts are cut: what can be added to the counts of other
/// documents (see [`memo`]).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
struct RawCounts {
    total: u64,
    standalone: u64,
    docs: u32,
    /// `(year or NO_YEAR, occurrences)`, by year.
    by_year: Vec<(i32, u64)>,
    /// `(character, occurrences)` on each side, by character.
    left: Vec<(u32, u64)>,
    right: Vec<(u32, u64)>,
    left_boundaries: u64,
    right_boundaries: u64,
    /// Occurrences to cut contexts from, from the first documents (by position) only.
    contexts: Vec<(usize, Vec<Spot>)>,
}

impl RawCounts {
    /// Adds the counts of other documents.
    fn add(&mut self, other: &RawCounts, options: ContextOptions) {
        self.total += other.total;
        self.standalone += other.standalone;
        self.docs += other.docs;
        self.left_boundaries += other.left_boundaries;
        self.right_boundaries += other.right_boundaries;
        self.by_year = add_sorted(&self.by_year, &other.by_year);
        self.left = add_sorted(&self.left, &other.left);
        self.right = add_sorted(&self.right, &other.right);
        self.contexts.extend(other.contexts.iter().cloned());
        self.contexts.sort_by_key(|(doc, _)| *doc);
        self.contexts.truncate(options.per_term);
    }

    /// Moves the document positions of the contexts.
    fn renumber(&mut self, position: impl Fn(usize) -> usize) {
        for (doc, spots) in &mut self.contexts {
            *doc = position(*doc);
            for spot in spots {
                spot.doc = *doc;
            }
        }
    }

    /// The counts, and the occurrences to cut their contexts from (see [`finish_all`]).
    fn finish(self, options: ContextOptions) -> (TermCounts, Vec<Spot>) {
        let spots = round_robin(
            self.contexts.into_iter().map(|(_, spots)| spots).collect(),
            options.per_term,
        );
        let counts = TermCounts {
            total: self.total,
            standalone: self.standalone,
            by_year: self
                .by_year
                .iter()
                .map(|&(year, n)| ((year != NO_YEAR).then_some(year), n))
                .collect(),
            docs: self.docs,
            left: Neighbours {
                counts: self.left.iter().map(|&(_, n)| n).collect(),
                boundaries: self.left_boundaries,
            },
            right: Neighbours {
                counts: self.right.iter().map(|&(_, n)| n).collect(),
                boundaries: self.right_boundaries,
            },
            contexts: Vec::new(),
        };
        (counts, spots)
    }
}

/// The counts of each of `raws`, with their contexts cut document by document: each
/// document's text is read once, whether it is held or read again.
fn finish_all(
    raws: Vec<RawCounts>,
    docs: &[&Document],
    texts: &dyn Texts,
    options: ContextOptions,
) -> Vec<TermCounts> {
    let (mut counts, spots): (Vec<TermCounts>, Vec<Vec<Spot>>) =
        raws.into_iter().map(|raw| raw.finish(options)).unzip();
    // (document, term, place among the term's contexts), by document.
    let mut wanted: Vec<(usize, usize, usize)> = spots
        .iter()
        .enumerate()
        .flat_map(|(t, of_term)| (0..of_term.len()).map(move |k| (of_term[k].doc, t, k)))
        .collect();
    wanted.sort_unstable();
    let by_doc: Vec<&[(usize, usize, usize)]> = wanted.chunk_by(|a, b| a.0 == b.0).collect();
    let cut: Vec<(usize, usize, Context)> = by_doc
        .par_iter()
        .flat_map_iter(|group| {
            let doc = texts.full(docs[group[0].0]);
            group
                .iter()
                .filter_map(|&(_, t, k)| Some((t, k, context(&doc, spots[t][k])?)))
                .collect::<Vec<_>>()
        })
        .collect();
    let mut placed: Vec<Vec<Option<Context>>> = spots.iter().map(|s| vec![None; s.len()]).collect();
    for (t, k, line) in cut {
        placed[t][k] = Some(line);
    }
    for (term, lines) in counts.iter_mut().zip(placed) {
        term.contexts = lines.into_iter().flatten().collect();
    }
    counts
}

/// Two lists of `(key, count)` sorted by key, added into one.
fn add_sorted<K: Ord + Copy>(a: &[(K, u64)], b: &[(K, u64)]) -> Vec<(K, u64)> {
    let mut out = Vec::with_capacity(a.len() + b.len());
    let (mut i, mut j) = (0, 0);
    while i < a.len() && j < b.len() {
        match a[i].0.cmp(&b[j].0) {
            std::cmp::Ordering::Less => {
                out.push(a[i]);
                i += 1;
            }
            std::cmp::Ordering::Greater => {
                out.push(b[j]);
                j += 1;
            }
            std::cmp::Ordering::Equal => {
                out.push((a[i].0, a[i].1 + b[j].1));
                i += 1;
                j += 1;
            }
        }
    }
    out.extend_from_slice(&a[i..]);
    out.extend_from_slice(&b[j..]);
    out
}

/// Occurrences of each (term, neighbouring character), on one side.
///
/// Every occurrence appends a key `(term << 32) | character` to a buffer, cheaper than a map
/// updated for every occurrence; a full buffer is sorted and folded into counts sorted by key.
/// Memory stays in the number of distinct pairs, far fewer than the occurrences, and tallies
/// merge by adding two short sorted lists.
#[derive(Debug, Default)]
struct NeighbourTally {
    pending: Vec<u64>,
    /// `(key, occurrences)`, sorted by key.
    counted: Vec<(u64, u64)>,
}

impl NeighbourTally {
    /// Keys buffered before they are folded into the counts (8 MiB).
    const BUFFER: usize = 1 << 20;

    fn push(&mut self, term: u32, c: char) {
        self.pending.push((u64::from(term) << 32) | u64::from(c));
        if self.pending.len() >= Self::BUFFER {
            self.fold();
        }
    }

    fn fold(&mut self) {
        if self.pending.is_empty() {
            return;
        }
        self.pending.sort_unstable();
        let mut runs: Vec<(u64, u64)> = Vec::new();
        for chunk in self.pending.chunk_by(|a, b| a == b) {
            runs.push((chunk[0], chunk.len() as u64));
        }
        self.pending.clear();
        self.counted = if self.counted.is_empty() {
            runs
        } else {
            add_sorted(&self.counted, &runs)
        };
    }

    fn merge(&mut self, mut other: NeighbourTally) {
        self.fold();
        other.fold();
        self.counted = add_sorted(&self.counted, &other.counted);
    }

    /// `(key, occurrences)` sorted by key: by term, then character.
    fn into_counts(mut self) -> Vec<(u64, u64)> {
        self.fold();
        self.counted
    }
}

/// The neighbouring character that counts for branching entropy, or `None` for a boundary:
/// punctuation, a sentence edge, or an edge word (function word, governing verb, title).
fn neighbour(c: Option<char>, at_edge_word: impl FnOnce() -> bool) -> Option<char> {
    c.filter(|&c| crate::lang::is_word_char(c) && !at_edge_word())
}

/// The first of each document, then the second of each, and so on.
fn round_robin<T>(per_doc: Vec<Vec<T>>, limit: usize) -> Vec<T> {
    let mut out = Vec::new();
    let mut iters: Vec<_> = per_doc.into_iter().map(Vec::into_iter).collect();
    while out.len() < limit {
        let before = out.len();
        for it in &mut iters {
            if let Some(c) = it.next() {
                out.push(c);
                if out.len() == limit {
                    break;
                }
            }
        }
        if out.len() == before {
            break;
        }
    }
    out
}

#[derive(Clone, Copy)]
struct Hit {
    pattern: u32,
    start: usize,
    end: usize,
}

/// An occurrence to cut a context from: document, article, sentence, byte range.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
struct Spot {
    doc: usize,
    article: u32,
    sentence: u32,
    start: u32,
    end: u32,
}

/// Cuts the keyword-in-context line of an occurrence (none if the document's text is not
/// the one counted: a text that could not be read again).
fn context(doc: &Document, spot: Spot) -> Option<Context> {
    let article = doc.articles.get(spot.article as usize)?;
    let sentence = article.sentences.get(spot.sentence as usize)?;
    let text = &sentence.text;
    let (start, end) = (spot.start as usize, spot.end as usize);
    if !(text.is_char_boundary(start) && text.is_char_boundary(end) && start <= end) {
        return None;
    }
    let left_start = text[..start]
        .char_indices()
        .rev()
        .nth(CONTEXT_CHARS - 1)
        .map_or(0, |(i, _)| i);
    let right_end = text[end..]
        .char_indices()
        .nth(CONTEXT_CHARS)
        .map_or(text.len(), |(i, _)| end + i);
    // A sentence converted from Traditional shows what was written.
    let part = |from: usize, to: usize| match article.written(spot.sentence as usize) {
        Some(written) => crate::corpus::script::written_span(text, written, from, to)
            .unwrap_or_else(|| text[from..to].to_string()),
        None => text[from..to].to_string(),
    };
    Some(Context {
        left: part(left_start, start),
        term: part(start, end),
        right: part(end, right_end),
        doc: doc.id.clone(),
        year: doc.year,
        line: article.line_of(sentence, start),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::PathBuf;

    fn doc(id: &str, text: &str, year: i32) -> Document {
        let mut d = Document::from_text(id, PathBuf::from(id), text, Lang::Zh);
        d.year = Some(year);
        d
    }

    #[test]
    fn counts_nested_terms_and_their_standalone_occurrences() {
        let docs = [
            doc(
                "a.txt",
                "构建人类命运共同体。牢固树立命运共同体意识。",
                2014,
            ),
            doc("b.txt", "推动构建人类命运共同体，建设命运共同体。", 2024),
        ];
        let refs: Vec<&Document> = docs.iter().collect();
        let terms = ["命运共同体", "人类命运共同体"].map(String::from);
        let counts = count_terms(
            &terms,
            &WholeWords::none(),
            &refs,
            &crate::corpus::Held,
            ContextOptions::default(),
        );
        assert_eq!(counts[0].total, 4);
        assert_eq!(counts[0].standalone, 2);
        assert_eq!(counts[1].total, 2);
        assert_eq!(counts[1].standalone, 2);
        assert_eq!(
            counts[0].by_year,
            BTreeMap::from([(Some(2014), 2), (Some(2024), 2)])
        );
        assert_eq!(counts[0].docs, 2);
        assert_eq!(counts[0].year_range(), (Some(2014), Some(2024)));
    }

    #[test]
    fn contexts_cite_document_year_and_line() {
        let docs = [doc(
            "a.txt",
            "标题\n\n第一段。\n\n我们要共同弘扬上海精神，加强团结。\n",
            2021,
        )];
        let refs: Vec<&Document> = docs.iter().collect();
        let counts = count_terms(
            &["上海精神".to_string()],
            &WholeWords::none(),
            &refs,
            &crate::corpus::Held,
            ContextOptions::default(),
        );
        let c = &counts[0].contexts[0];
        assert_eq!(
            (c.left.as_str(), c.term.as_str(), c.right.as_str()),
            ("我们要共同弘扬", "上海精神", "，加强团结。")
        );
        assert_eq!((c.doc.as_str(), c.year, c.line), ("a.txt", Some(2021), 5));
    }

    #[test]
    fn tallies_merge_to_the_same_counts_in_either_order() {
        let docs = [
            doc("a.txt", "弘扬上海精神。上海精神是共同财富。", 2014),
            doc("b.txt", "践行上海精神，构建命运共同体。", 2021),
            doc("c.txt", "上海精神，上海合作组织。", 2024),
        ];
        let terms = ["上海精神", "命运共同体", "上海合作组织"].map(String::from);
        let matcher = AhoCorasick::new(&terms).unwrap();
        let options = ContextOptions {
            per_doc: 1,
            per_term: 2,
        };
        let tally = |indexes: &[usize]| {
            let mut t = Tally::new(terms.len());
            for &i in indexes {
                t.count_document(&matcher, &Masks::default(), i, &docs[i], options);
            }
            t
        };
        let forward = tally(&[0]).merge(tally(&[1, 2]), options).into_raw();
        let backward = tally(&[1, 2]).merge(tally(&[0]), options).into_raw();
        assert_eq!(forward, backward);
        // The contexts are those of the first documents: a.txt and b.txt.
        let docs_kept: Vec<usize> = forward[0].contexts.iter().map(|(d, _)| *d).collect();
        assert_eq!(docs_kept, [0, 1]);
        assert_eq!(forward[0].total, 4);
    }

    #[test]
    fn a_fragment_has_one_right_neighbour() {
        let docs = [doc(
            "a.txt",
            "上海合作组织成立。上海合作组织扩员。深化上海合作组织合作。",
            2024,
        )];
        let refs: Vec<&Document> = docs.iter().collect();
        let counts = count_terms(
            &["合作组".to_string(), "上海合作组织".to_string()],
            &WholeWords::none(),
            &refs,
            &crate::corpus::Held,
            ContextOptions::default(),
        );
        assert_eq!(counts[0].right.entropy(), 0.0);
        assert!(counts[1].right.entropy() > 0.5);
    }
}
