//! Phrases the texts mark as units: in quotation marks (“…”, ‘…’), in book-title marks
//! (《…》), and enumerations they repeat as formulae (`A、B和C`).

use std::collections::BTreeMap;

use rayon::prelude::*;

use super::shape::{INTERIOR_FUNCTION_WORDS, edge_ok, interior_ok};
use super::tokens::{BOUNDARY, LIST_COMMA, TokenStream};
use super::words::{CONJUNCTIONS, FUNCTION_WORDS};
use crate::corpus::{Document, Texts};
use crate::lang::Lang;

/// Phrases in quotation marks (“…”, ‘…’) and book-title marks (《…》), and enumerations
/// (`A、B和C`), counted as strings over the documents' sentences.
#[derive(Debug, Default)]
pub struct MarkedPhrases {
    /// Quoted phrase → times quoted.
    pub quoted: BTreeMap<String, u32>,
    /// Book title → times cited.
    pub book_titles: BTreeMap<String, u32>,
    /// Enumeration → occurrences.
    pub enumerations: BTreeMap<String, u32>,
}

/// Longest quoted phrase taken as a term (a longer quotation is a saying, not a term).
const MAX_QUOTED_CHARS: usize = 30;
/// Longest book title taken as a term.
const MAX_TITLE_CHARS: usize = 60;
/// Shortest book title taken as a term: 《条约》 and 《公约》 refer back to a title named before.
const MIN_TITLE_CHARS: usize = 4;

/// Finds phrases in marks and enumerations.
pub fn marked_phrases(
    stream: &TokenStream,
    (docs, texts): (&[&Document], &dyn Texts),
) -> MarkedPhrases {
    let (quoted, book_titles) = docs
        .par_iter()
        .filter(|d| d.lang == Lang::Zh)
        .map(|doc| {
            let doc = texts.full(doc);
            let mut quoted = BTreeMap::new();
            let mut titles = BTreeMap::new();
            for sentence in doc.sentences() {
                for phrase in spans(&sentence.text, '“', '”').chain(spans(&sentence.text, '‘', '’'))
                {
                    if is_term_like(phrase, MAX_QUOTED_CHARS) {
                        *quoted.entry(phrase.to_string()).or_insert(0) += 1;
                    }
                }
                for title in spans(&sentence.text, '《', '》') {
                    if (MIN_TITLE_CHARS..=MAX_TITLE_CHARS).contains(&title.chars().count()) {
                        *titles.entry(title.to_string()).or_insert(0) += 1;
                    }
                }
            }
            (quoted, titles)
        })
        .reduce(
            || (BTreeMap::new(), BTreeMap::new()),
            |(mut qa, mut ta), (qb, tb)| {
                merge_counts(&mut qa, qb);
                merge_counts(&mut ta, tb);
                (qa, ta)
            },
        );
    let enumerations = stream
        .docs
        .par_iter()
        .map(|doc| enumerations_in(stream, doc))
        .reduce(BTreeMap::new, |mut a, b| {
            merge_counts(&mut a, b);
            a
        });
    MarkedPhrases {
        quoted,
        book_titles,
        enumerations,
    }
}

fn merge_counts(into: &mut BTreeMap<String, u32>, from: BTreeMap<String, u32>) {
    for (k, v) in from {
        *into.entry(k).or_insert(0) += v;
    }
}

/// The texts between `open` and the next `close` (innermost pairs only).
fn spans(text: &str, open: char, close: char) -> impl Iterator<Item = &str> {
    let mut rest = text;
    std::iter::from_fn(move || {
        let start = rest.find(open)? + open.len_utf8();
        let after = &rest[start..];
        let end = after.find(close)?;
        let inner = &after[..end];
        rest = &after[end + close.len_utf8()..];
        // An opening mark inside means the outer one was never closed: keep the inner span.
        Some(match inner.rfind(open) {
            Some(reopen) => &inner[reopen + open.len_utf8()..],
            None => inner,
        })
    })
}

/// Longest quoted phrase taken as a term unless it is an enumeration (`、`).
const MAX_QUOTED_PLAIN_CHARS: usize = 12;

/// A quoted phrase reads as a term: short (longer only when an enumeration), with no clause
/// punctuation inside.
fn is_term_like(phrase: &str, max_chars: usize) -> bool {
    let chars = phrase.chars().count();
    let limit = if phrase.contains('、') {
        max_chars
    } else {
        MAX_QUOTED_PLAIN_CHARS
    };
    (2..=limit).contains(&chars)
        && !phrase.contains(['，', '。', '！', '？', '；', '：', ' ', '“', '”', '‘', '’'])
        && phrase.chars().any(crate::lang::is_han)
}

/// Longest first or last item of an enumeration, in tokens (可/持续/的/安全观).
const MAX_ITEM_TOKENS: usize = 4;
/// Longest item of an enumeration, in characters: longer ones are clauses.
const MAX_ITEM_CHARS: usize = 8;

/// Enumerations of three or more short items in one clause (`恐怖主义、分裂主义和极端主义`,
/// `互信、互利、平等、协商、尊重多样文明、谋求共同发展`). The first and last items may be cut
/// from longer runs, so every cut of one to four tokens is counted; nesting and edge rules
/// later keep the right one.
fn enumerations_in(stream: &TokenStream, doc: &[u32]) -> BTreeMap<String, u32> {
    let mut out = BTreeMap::new();
    for clause in doc.split(|&t| t == BOUNDARY) {
        let segments: Vec<&[u32]> = clause.split(|&t| t == LIST_COMMA).collect();
        if segments.len() < 2 || segments.iter().any(|s| s.is_empty()) {
            continue;
        }
        let words = |s: &[u32]| -> Vec<&str> { s.iter().map(|&t| stream.word(t)).collect() };
        let first = words(segments[0]);
        let middle: Vec<String> = segments[1..segments.len() - 1]
            .iter()
            .map(|s| words(s).concat())
            .collect();
        let last = words(segments[segments.len() - 1]);
        // `…、B和C`: the conjunction adds one more item.
        let conj = last
            .iter()
            .position(|w| CONJUNCTIONS.contains(w))
            .filter(|&p| p > 0);
        let items = segments.len() + usize::from(conj.is_some());
        if items < 3 || middle.iter().any(|m| m.chars().count() > MAX_ITEM_CHARS) {
            continue;
        }
        let (before_conj, after_conj) = match conj {
            Some(p) => (last[..p].concat(), Some((&last[p], &last[p + 1..]))),
            None => (String::new(), None),
        };
        let tail_items: &[&str] = match after_conj {
            Some((_, rest)) => rest,
            None => &last,
        };
        if conj.is_some() && before_conj.chars().count() > MAX_ITEM_CHARS {
            continue;
        }
        let mut inner: Vec<usize> = middle.iter().map(|m| m.chars().count()).collect();
        if conj.is_some() {
            inner.push(before_conj.chars().count());
        }
        let inner_length = match inner.split_first() {
            Some((&len, rest)) if len > 0 && rest.iter().all(|&l| l == len) => Some(len),
            _ => None,
        };
        // Characters of the last k words of the first segment, of the first k of the last.
        let chars = |w: &&str| w.chars().count();
        let head_lengths: Vec<usize> = std::iter::once(0)
            .chain(first.iter().rev().scan(0, |n, w| {
                *n += chars(w);
                Some(*n)
            }))
            .collect();
        let tail_lengths: Vec<usize> = std::iter::once(0)
            .chain(tail_items.iter().scan(0, |n, w| {
                *n += chars(w);
                Some(*n)
            }))
            .collect();
        for a in 1..=first.len().min(MAX_ITEM_TOKENS) {
            for b in 1..=tail_items.len().min(MAX_ITEM_TOKENS) {
                let head: Vec<&str> = first[first.len() - a..].to_vec();
                let tail = &tail_items[..b];
                let too_long = |words: &[&str]| words.concat().chars().count() > MAX_ITEM_CHARS;
                // The first and last items are cut from runs of words: each must be a term-like
                // run itself (上合组织为安全 is a clause around the first item).
                let item_ok = |words: &[&str]| {
                    !too_long(words)
                        && interior_ok(words)
                        && words.iter().all(|w| {
                            !FUNCTION_WORDS.contains(w) || INTERIOR_FUNCTION_WORDS.contains(w)
                        })
                };
                let head_chars = head_lengths[a];
                let tail_chars = tail_lengths[b];
                // A formula's items are parallel (识变之智、应变之方、求变之勇): where the inner
                // items share one length, an outer item of that length is whole even when it
                // opens with a verb (尊重自然、顺应自然、保护自然), and a shorter one cut from a
                // longer run is a fragment (自然、顺应自然、保护自然).
                let parallel = |chars: usize, longer: &[usize]| match inner_length {
                    Some(len) => (chars == len, chars < len && longer.contains(&len)),
                    None => (false, false),
                };
                let (head_parallel, head_cut) = parallel(head_chars, &head_lengths[a + 1..]);
                let (tail_parallel, tail_cut) = parallel(tail_chars, &tail_lengths[b + 1..]);
                if head_cut
                    || tail_cut
                    || !(head_parallel || edge_ok(head[0], true))
                    || !(tail_parallel || edge_ok(tail[b - 1], false))
                    || !item_ok(&head)
                    || !item_ok(tail)
                {
                    continue;
                }
                let mut text = head.concat();
                for m in &middle {
                    text.push('、');
                    text.push_str(m);
                }
                text.push('、');
                if let Some((conj_word, _)) = after_conj {
                    text.push_str(&before_conj);
                    text.push_str(conj_word);
                }
                text.push_str(&tail.concat());
                *out.entry(text).or_insert(0) += 1;
            }
        }
    }
    out
}
