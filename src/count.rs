//! Counts and contexts of a fixed list of terms, on the normalised text itself.
//!
//! jieba's tokens disagree with the text for many terms (上合组织 can be cut 上合/组织 in one
//! sentence and 上/合组织 in another), so once the term list is fixed every term is found at once
//! with Aho-Corasick over every sentence. Counts are exact substring occurrences: a term inside a
//! longer term is counted too, and the count of its standalone occurrences (not inside a longer
//! term of the list) is kept beside it. The characters next to each occurrence feed the
//! branching entropy (punctuation, function words, governing verbs and titles beside it count
//! as boundaries: 构建 before 人类命运共同体 and 总统 after 托卡耶夫 do not make them fragments),
//! and a few occurrences per document become keyword-in-context lines.

use std::collections::BTreeMap;

use aho_corasick::{AhoCorasick, MatchKind};
use rayon::prelude::*;
use rustc_hash::FxHashMap;
use serde::Serialize;

use crate::candidates::{ends_with_edge_word, starts_with_edge_word};
use crate::corpus::Document;
use crate::lang::Lang;

/// How many characters of context stand on each side of a keyword.
pub const CONTEXT_CHARS: usize = 20;

/// One keyword-in-context line.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
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

/// Neighbour counts on one side of a term.
#[derive(Debug, Clone, Default)]
pub struct Neighbours {
    /// Occurrences of each neighbouring character.
    pub chars: FxHashMap<char, u64>,
    /// Occurrences at punctuation or a sentence edge.
    pub boundaries: u64,
}

impl Neighbours {
    /// Counts the character `c` next to an occurrence; `at_edge_word` says the text there is a
    /// function word, governing verb or title, which marks a boundary like punctuation does.
    fn add(&mut self, c: Option<char>, at_edge_word: bool) {
        match c {
            Some(c) if c.is_alphanumeric() && !at_edge_word => {
                *self.chars.entry(c).or_insert(0) += 1
            }
            _ => self.boundaries += 1,
        }
    }

    fn merge(&mut self, other: Neighbours) {
        for (c, n) in other.chars {
            *self.chars.entry(c).or_insert(0) += n;
        }
        self.boundaries += other.boundaries;
    }

    /// Branching entropy of these neighbours.
    pub fn entropy(&self) -> f64 {
        crate::score::branching_entropy(self.chars.values().copied(), self.boundaries)
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

/// Counts every term of `terms` in the Chinese documents of `docs`. The result is parallel to
/// `terms`.
pub fn count_terms(
    terms: &[String],
    docs: &[&Document],
    options: ContextOptions,
) -> Vec<TermCounts> {
    if terms.is_empty() {
        return Vec::new();
    }
    let matcher = AhoCorasick::builder()
        .match_kind(MatchKind::Standard)
        .build(terms)
        .expect("the term list fits an Aho-Corasick automaton");
    let per_doc: Vec<FxHashMap<u32, TermCounts>> = docs
        .par_iter()
        .map(|doc| count_document(&matcher, doc, options))
        .collect();
    let mut totals: Vec<TermCounts> = vec![TermCounts::default(); terms.len()];
    let mut contexts: Vec<Vec<Vec<Context>>> = vec![Vec::new(); terms.len()];
    for doc_counts in per_doc {
        let mut sorted: Vec<(u32, TermCounts)> = doc_counts.into_iter().collect();
        sorted.sort_unstable_by_key(|(id, _)| *id);
        for (id, counts) in sorted {
            let into = &mut totals[id as usize];
            into.total += counts.total;
            into.standalone += counts.standalone;
            for (year, n) in counts.by_year {
                *into.by_year.entry(year).or_insert(0) += n;
            }
            into.docs += 1;
            into.left.merge(counts.left);
            into.right.merge(counts.right);
            contexts[id as usize].push(counts.contexts);
        }
    }
    for (counts, per_doc) in totals.iter_mut().zip(contexts) {
        counts.contexts = round_robin(per_doc, options.per_term);
    }
    totals
}

/// The first context of each document, then the second of each, and so on.
fn round_robin(per_doc: Vec<Vec<Context>>, limit: usize) -> Vec<Context> {
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

fn count_document(
    matcher: &AhoCorasick,
    doc: &Document,
    options: ContextOptions,
) -> FxHashMap<u32, TermCounts> {
    let mut out: FxHashMap<u32, TermCounts> = FxHashMap::default();
    if doc.lang != Lang::Zh {
        return out;
    }
    let mut hits: Vec<Hit> = Vec::new();
    for article in &doc.articles {
        for sentence in &article.sentences {
            let text = sentence.text.as_str();
            hits.clear();
            hits.extend(matcher.find_overlapping_iter(text).map(|m| Hit {
                pattern: m.pattern().as_u32(),
                start: m.start(),
                end: m.end(),
            }));
            if hits.is_empty() {
                continue;
            }
            // Longest first at each start: a hit is inside a longer one when an earlier start
            // reaches as far, or a longer hit shares its start.
            hits.sort_unstable_by(|a, b| a.start.cmp(&b.start).then(b.end.cmp(&a.end)));
            let mut reach_before = 0usize;
            let mut i = 0;
            while i < hits.len() {
                let start = hits[i].start;
                let group_end = hits[i..].iter().take_while(|h| h.start == start).count() + i;
                let longest_here = hits[i].end;
                for (k, hit) in hits[i..group_end].iter().enumerate() {
                    let inside = reach_before >= hit.end || (k > 0 && longest_here > hit.end);
                    let counts = out.entry(hit.pattern).or_default();
                    counts.total += 1;
                    counts.standalone += u64::from(!inside);
                    *counts.by_year.entry(doc.year).or_insert(0) += 1;
                    let (before, after) = (&text[..hit.start], &text[hit.end..]);
                    counts
                        .left
                        .add(before.chars().next_back(), ends_with_edge_word(before));
                    counts
                        .right
                        .add(after.chars().next(), starts_with_edge_word(after));
                    if counts.contexts.len() < options.per_doc {
                        counts.contexts.push(context(doc, article, sentence, hit));
                    }
                }
                reach_before = reach_before.max(longest_here);
                i = group_end;
            }
        }
    }
    out
}

fn context(
    doc: &Document,
    article: &crate::layout::Article,
    sentence: &crate::layout::Sentence,
    hit: &Hit,
) -> Context {
    let text = &sentence.text;
    let left_start = text[..hit.start]
        .char_indices()
        .rev()
        .nth(CONTEXT_CHARS - 1)
        .map_or(0, |(i, _)| i);
    let right_end = text[hit.end..]
        .char_indices()
        .nth(CONTEXT_CHARS)
        .map_or(text.len(), |(i, _)| hit.end + i);
    Context {
        left: text[left_start..hit.start].to_string(),
        term: text[hit.start..hit.end].to_string(),
        right: text[hit.end..right_end].to_string(),
        doc: doc.id.clone(),
        year: doc.year,
        line: article.line_of(sentence, hit.start),
    }
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
        let counts = count_terms(&terms, &refs, ContextOptions::default());
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
        let counts = count_terms(&["上海精神".to_string()], &refs, ContextOptions::default());
        let c = &counts[0].contexts[0];
        assert_eq!(
            (c.left.as_str(), c.term.as_str(), c.right.as_str()),
            ("我们要共同弘扬", "上海精神", "，加强团结。")
        );
        assert_eq!((c.doc.as_str(), c.year, c.line), ("a.txt", Some(2021), 5));
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
            &refs,
            ContextOptions::default(),
        );
        assert_eq!(counts[0].right.entropy(), 0.0);
        assert!(counts[1].right.entropy() > 0.5);
    }
}
