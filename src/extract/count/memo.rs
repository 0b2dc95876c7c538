//! Counting again after documents were added, without counting the whole corpus again.
//!
//! A build keeps the counts of every term of its list over every document it counted, as a
//! [`CountMemo`] (in the build cache). Counts add up over documents, so when the corpus only
//! grew (every document of the memo is still there, with the same content and year), the next
//! build counts the new documents alone and adds them to the memo. What the change of the
//! term list itself changes is worked out on its own:
//!
//! - a term new to the list is counted over every document (with the terms it stands inside,
//!   which decide its standalone occurrences);
//! - an occurrence of a term stops or starts being standalone when a term around it joined or
//!   left the list: only the sentences where such a term occurs are looked at again.
//!
//! A document changed or removed, other context settings or another version of the tool count
//! everything again. Either way the counts are the ones a full count gives: contexts are kept
//! from the first documents by position and neighbours by character, so they merge exactly.

use std::collections::{HashMap, HashSet};

use aho_corasick::{AhoCorasick, MatchKind};
use rayon::prelude::*;
use serde::{Deserialize, Serialize};

use super::whole::Masks;
use super::{
    ContextOptions, Counter, RawCounts, TermCounts, WholeWords, count_raw, finish_all,
    mark_standalone, run_length,
};
use crate::corpus::{Document, Texts};

/// Bump when the counts or what they depend on (edge words, boundaries) change.
const MEMO_FORMAT: &str = concat!("counts 2, ", env!("CARGO_PKG_VERSION"));

/// Above this share of the list to count again (and more than a few terms), a full count is
/// as cheap.
const MAX_RECOUNT_SHARE: f64 = 0.25;
const FEW_TERMS: usize = 64;

/// What identifies a document's contribution to the counts.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DocKey {
    /// The document's id.
    pub id: String,
    /// A hash of its content.
    pub hash: String,
    /// Its year.
    pub year: Option<i32>,
}

/// The counts of a term list over a list of documents, kept for the next build.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct CountMemo {
    format: String,
    per_doc: usize,
    per_term: usize,
    docs: Vec<DocKey>,
    terms: Vec<String>,
    /// The occurrences left out as parts of longer words: when they change, so may any count.
    whole: WholeWords,
    counts: Vec<RawCounts>,
}

/// How the counts were made.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Recount {
    /// Every term over every document.
    All,
    /// The new documents added to the memo, and the terms new to the list counted over all.
    Added {
        /// Documents counted.
        docs: usize,
        /// Terms counted over every document.
        terms: usize,
    },
}

/// Counts `terms` in `docs` without the occurrences `whole` leaves out
/// ([`super::count_terms`]), from `previous` where it still holds. `keys` is parallel to
/// `docs`. Returns the counts (parallel to `terms`), the memo for the next time, and how they
/// were made.
pub fn count_terms_again(
    terms: &[String],
    whole: &WholeWords,
    (docs, texts): (&[&Document], &dyn Texts),
    keys: &[DocKey],
    options: ContextOptions,
    previous: Option<CountMemo>,
) -> (Vec<TermCounts>, CountMemo, Recount) {
    let indexed: Vec<(usize, &Document)> = docs.iter().copied().enumerate().collect();
    let plan = previous.and_then(|memo| Update::plan(memo, terms, whole, keys, options));
    let (raw, recount) = match plan {
        Some(update) => update.run(terms, whole, (&indexed, texts), options),
        None => (
            count_raw(terms, whole, &indexed, texts, options),
            Recount::All,
        ),
    };
    let memo = CountMemo {
        format: MEMO_FORMAT.to_string(),
        per_doc: options.per_doc,
        per_term: options.per_term,
        docs: keys.to_vec(),
        terms: terms.to_vec(),
        whole: whole.clone(),
        counts: raw.clone(),
    };
    let counts = finish_all(raw, docs, texts, options);
    (counts, memo, recount)
}

/// How to bring a memo up to date.
struct Update {
    memo: CountMemo,
    /// The new position of each document of the memo.
    moved: Vec<usize>,
    /// Positions of the documents the memo lacks.
    added: Vec<usize>,
    /// Terms of the list the memo lacks.
    joined: Vec<String>,
}

impl Update {
    fn plan(
        memo: CountMemo,
        terms: &[String],
        whole: &WholeWords,
        keys: &[DocKey],
        options: ContextOptions,
    ) -> Option<Update> {
        if memo.format != MEMO_FORMAT
            || memo.whole != *whole
            || memo.per_doc != options.per_doc
            || memo.per_term != options.per_term
            || memo.terms.len() != memo.counts.len()
        {
            return None;
        }
        let moved = positions_in(&memo.docs, keys)?;
        let kept: HashSet<usize> = moved.iter().copied().collect();
        let added: Vec<usize> = (0..keys.len()).filter(|i| !kept.contains(i)).collect();
        let before: HashSet<&str> = memo.terms.iter().map(String::as_str).collect();
        let joined: Vec<String> = terms
            .iter()
            .filter(|t| !before.contains(t.as_str()))
            .cloned()
            .collect();
        if joined.len() > FEW_TERMS && joined.len() as f64 > MAX_RECOUNT_SHARE * terms.len() as f64
        {
            return None;
        }
        Some(Update {
            memo,
            moved,
            added,
            joined,
        })
    }

    fn run(
        self,
        terms: &[String],
        whole: &WholeWords,
        (indexed, texts): (&[(usize, &Document)], &dyn Texts),
        options: ContextOptions,
    ) -> (Vec<RawCounts>, Recount) {
        let new_docs: Vec<(usize, &Document)> = self.added.iter().map(|&i| indexed[i]).collect();
        // The terms new to the list, with the terms they stand inside.
        let with_outer = with_terms_around(&self.joined, terms);
        let mut old = vec![false; indexed.len()];
        for &i in &self.moved {
            old[i] = true;
        }
        let (in_new_docs, (recounted, shifts)) = rayon::join(
            || count_raw(terms, whole, &new_docs, texts, options),
            || {
                let shifts = Shifts::plan(&self.memo.terms, terms, whole);
                let counter = Counter::new(&with_outer, whole);
                recount_and_shift(&counter, shifts.as_ref(), (indexed, &old, texts), options)
            },
        );
        let recounted: HashMap<&str, RawCounts> = with_outer
            .iter()
            .map(String::as_str)
            .zip(recounted)
            .collect();
        let joined: HashSet<&str> = self.joined.iter().map(String::as_str).collect();
        let before: HashMap<&str, usize> = self
            .memo
            .terms
            .iter()
            .enumerate()
            .map(|(i, t)| (t.as_str(), i))
            .collect();
        let moved = &self.moved;
        let raw = terms
            .iter()
            .zip(in_new_docs)
            .map(|(term, new)| {
                if joined.contains(term.as_str()) {
                    return recounted[term.as_str()].clone();
                }
                let mut counts = self.memo.counts[before[term.as_str()]].clone();
                counts.renumber(|old| moved[old]);
                counts.add(&new, options);
                let shift = shifts.get(term.as_str()).copied().unwrap_or(0);
                counts.standalone = counts.standalone.saturating_add_signed(shift);
                counts
            })
            .collect();
        let recount = Recount::Added {
            docs: self.added.len(),
            terms: self.joined.len(),
        };
        (raw, recount)
    }
}

/// Where each of `before` stands in `now`, if `before` is `now` with documents taken out
/// (same ids, content and years, same order); `None` otherwise.
fn positions_in(before: &[DocKey], now: &[DocKey]) -> Option<Vec<usize>> {
    let mut positions = Vec::with_capacity(before.len());
    let mut j = 0;
    for key in before {
        while j < now.len() && now[j].id != key.id {
            j += 1;
        }
        if j == now.len() || now[j] != *key || key.hash.is_empty() {
            return None;
        }
        positions.push(j);
        j += 1;
    }
    Some(positions)
}

/// `inner`, and every term of `list` with one of them inside it. Sorted.
fn with_terms_around(inner: &[String], list: &[String]) -> Vec<String> {
    if inner.is_empty() {
        return Vec::new();
    }
    let matcher = crate::matcher::matcher(inner, MatchKind::Standard);
    let mut out: Vec<String> = list
        .iter()
        .filter(|t| matcher.is_match(t.as_str()))
        .cloned()
        .collect();
    out.sort();
    out
}

/// How the standalone count of each term on both lists changes when the list goes from
/// `before` to `now`: an occurrence is standalone when no longer term of the list covers it,
/// so it can only change under an occurrence of a term that joined or left the list, and only
/// the sentences holding one are matched again (with both lists, and the same occurrences left
/// out of both).
struct Shifts<'l> {
    union: Vec<&'l str>,
    in_before: HashSet<&'l str>,
    in_now: HashSet<&'l str>,
    changed: AhoCorasick,
    matcher: AhoCorasick,
    masks: Masks,
}

impl<'l> Shifts<'l> {
    /// `None` when no term joined or left the list: nothing shifts.
    fn plan(before: &'l [String], now: &'l [String], whole: &WholeWords) -> Option<Shifts<'l>> {
        let in_before: HashSet<&str> = before.iter().map(String::as_str).collect();
        let in_now: HashSet<&str> = now.iter().map(String::as_str).collect();
        let changed: Vec<&str> = before
            .iter()
            .chain(now)
            .map(String::as_str)
            .filter(|t| in_before.contains(t) != in_now.contains(t))
            .collect();
        if changed.is_empty() {
            return None;
        }
        let mut union: Vec<&str> = in_before.union(&in_now).copied().collect();
        union.sort_unstable();
        let (patterns, masks) = whole.patterns(&union);
        let matcher = crate::matcher::across_quotes_matcher(&patterns);
        Some(Shifts {
            changed: crate::matcher::across_quotes_matcher(&changed),
            matcher,
            masks,
            union,
            in_before,
            in_now,
        })
    }

    /// Adds to `shifts` (parallel to the union of both lists) the changes in one document.
    fn add_document(&self, doc: &Document, shifts: &mut [i64]) {
        for sentence in doc.sentences() {
            let text = sentence.text.as_str();
            if crate::matcher::is_match_across_quotes(&self.changed, text) {
                shift_sentence(
                    text,
                    (&self.matcher, &self.masks),
                    &self.union,
                    &self.in_before,
                    &self.in_now,
                    shifts,
                );
            }
        }
    }

    /// The terms whose standalone count changes, by how much.
    fn by_term(&self, shifts: Vec<i64>) -> HashMap<String, i64> {
        self.union
            .iter()
            .zip(shifts)
            .filter(|(_, shift)| *shift != 0)
            .map(|(t, shift)| (t.to_string(), shift))
            .collect()
    }
}

/// Counts the terms of `counter` over every document and works out the standalone `shifts`
/// over the old ones (`old`, parallel to `indexed`), reading each document's text once: in a
/// build, from the cache, which costs more than either job.
fn recount_and_shift(
    counter: &Counter,
    shifts: Option<&Shifts>,
    (indexed, old, texts): (&[(usize, &Document)], &[bool], &dyn Texts),
    options: ContextOptions,
) -> (Vec<RawCounts>, HashMap<String, i64>) {
    let union = shifts.map_or(0, |s| s.union.len());
    if counter.terms == 0 && union == 0 {
        return (Vec::new(), HashMap::new());
    }
    let positions: Vec<usize> = (0..indexed.len()).collect();
    let (tally, shifted) = positions
        .par_chunks(run_length(indexed.len()))
        .map(|chunk| {
            let mut tally = counter.tally();
            let mut shifted = vec![0i64; union];
            for &k in chunk {
                let (index, doc) = indexed[k];
                let shifting = shifts.filter(|_| old[k]);
                if doc.lang != crate::lang::Lang::Zh || (counter.terms == 0 && shifting.is_none()) {
                    continue;
                }
                let doc = texts.full(doc);
                if counter.terms > 0 {
                    counter.count(&mut tally, index, &doc, options);
                }
                if let Some(plan) = shifting {
                    plan.add_document(&doc, &mut shifted);
                }
            }
            (tally, shifted)
        })
        .reduce_with(|(a, mut sa), (b, sb)| {
            sa.iter_mut().zip(sb).for_each(|(x, y)| *x += y);
            (a.merge(b, options), sa)
        })
        .unwrap_or_else(|| (counter.tally(), vec![0; union]));
    let raw = if counter.terms == 0 {
        Vec::new()
    } else {
        tally.into_raw()
    };
    (raw, shifts.map(|s| s.by_term(shifted)).unwrap_or_default())
}

/// Adds to `shifts` (parallel to `union`) the standalone changes in one sentence.
fn shift_sentence(
    text: &str,
    (matcher, masks): (&AhoCorasick, &Masks),
    union: &[&str],
    in_before: &HashSet<&str>,
    in_now: &HashSet<&str>,
    shifts: &mut [i64],
) {
    let mut hits: Vec<(usize, usize, usize)> = crate::matcher::find_across_quotes(matcher, text)
        .into_iter()
        .map(|f| (f.pattern, f.start, f.end))
        .collect();
    masks.apply(&mut hits, |h| (h.0 as u32, h.1, h.2));
    hits.sort_unstable_by(|a, b| a.1.cmp(&b.1).then(b.2.cmp(&a.2)));
    let span = |h: &(usize, usize, usize)| (h.1, h.2);
    let (mut alone_before, mut alone_now) = (Vec::new(), Vec::new());
    mark_standalone(
        &hits,
        span,
        |k| in_before.contains(union[hits[k].0]),
        &mut alone_before,
    );
    mark_standalone(
        &hits,
        span,
        |k| in_now.contains(union[hits[k].0]),
        &mut alone_now,
    );
    for (k, &(t, _, _)) in hits.iter().enumerate() {
        let term = union[t];
        if !(in_before.contains(term) && in_now.contains(term)) {
            continue;
        }
        shifts[t] += i64::from(!alone_before[k] && alone_now[k]);
        shifts[t] -= i64::from(alone_before[k] && !alone_now[k]);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::count::count_terms;
    use crate::lang::Lang;
    use std::path::PathBuf;

    fn doc(id: &str, text: &str, year: i32) -> Document {
        let mut d = Document::from_text(id, PathBuf::from(id), text, Lang::Zh);
        d.year = Some(year);
        d
    }

    fn key(d: &Document) -> DocKey {
        DocKey {
            id: d.id.clone(),
            hash: blake3::hash(d.id.as_bytes()).to_hex().to_string(),
            year: d.year,
        }
    }

    fn strings(terms: &[&str]) -> Vec<String> {
        terms.iter().map(|t| t.to_string()).collect()
    }

    fn corpus() -> Vec<Document> {
        vec![
            doc(
                "a.txt",
                "构建人类命运共同体。弘扬上海精神，打击三股势力。",
                2014,
            ),
            doc(
                "b.txt",
                "上海合作组织成立。上合组织扩员。命运共同体意识。",
                2018,
            ),
            doc(
                "c.txt",
                "弘扬上海精神。推动构建人类命运共同体，建设命运共同体。",
                2024,
            ),
            doc(
                "d.txt",
                "打击三股势力，维护地区安全。上海合作组织峰会。",
                2024,
            ),
        ]
    }

    /// Counts `terms` over all documents after a memo of `first_terms` over the documents of
    /// `first`, and checks them against a full count.
    fn check(first: &[usize], first_terms: &[&str], terms: &[&str]) -> Recount {
        check_with(first, first_terms, terms, &WholeWords::none())
    }

    /// [`check`], leaving out what `whole` says.
    fn check_with(
        first: &[usize],
        first_terms: &[&str],
        terms: &[&str],
        whole: &WholeWords,
    ) -> Recount {
        let all = corpus();
        let refs: Vec<&Document> = all.iter().collect();
        let keys: Vec<DocKey> = all.iter().map(key).collect();
        let options = ContextOptions {
            per_doc: 1,
            per_term: 2,
        };
        let before_docs: Vec<&Document> = first.iter().map(|&i| refs[i]).collect();
        let before_keys: Vec<DocKey> = first.iter().map(|&i| keys[i].clone()).collect();
        let (_, memo, _) = count_terms_again(
            &strings(first_terms),
            whole,
            (&before_docs, &crate::corpus::Held),
            &before_keys,
            options,
            None,
        );
        let terms = strings(terms);
        let (again, _, how) = count_terms_again(
            &terms,
            whole,
            (&refs, &crate::corpus::Held),
            &keys,
            options,
            Some(memo),
        );
        let full = count_terms(&terms, whole, &refs, &crate::corpus::Held, options);
        for (t, (a, f)) in terms.iter().zip(again.iter().zip(&full)) {
            assert_eq!(a.total, f.total, "{t}");
            assert_eq!(a.standalone, f.standalone, "{t}");
            assert_eq!(a.docs, f.docs, "{t}");
            assert_eq!(a.by_year, f.by_year, "{t}");
            assert_eq!(a.left.counts, f.left.counts, "{t}");
            assert_eq!(a.right.counts, f.right.counts, "{t}");
            assert_eq!(a.left.boundaries, f.left.boundaries, "{t}");
            assert_eq!(a.contexts, f.contexts, "{t}");
        }
        how
    }

    #[test]
    fn documents_added_anywhere_give_the_full_counts() {
        let terms = [
            "命运共同体",
            "人类命运共同体",
            "上海精神",
            "三股势力",
            "上海合作组织",
        ];
        let how = check(&[0, 2], &terms, &terms);
        assert_eq!(how, Recount::Added { docs: 2, terms: 0 });
        assert_eq!(
            check(&[1, 3], &terms, &terms),
            Recount::Added { docs: 2, terms: 0 }
        );
    }

    #[test]
    fn a_longer_term_joining_recounts_the_terms_inside_it() {
        let before = [
            "命运共同体",
            "上海精神",
            "三股势力",
            "上海合作组织",
            "合作组织",
        ];
        let now = [
            "命运共同体",
            "人类命运共同体",
            "上海精神",
            "三股势力",
            "上海合作组织",
            "合作组织",
        ];
        // 人类命运共同体 is new (counted over all), 命运共同体 inside it loses standalone
        // occurrences (shifted).
        assert_eq!(
            check(&[0, 1, 2], &before, &now),
            Recount::Added { docs: 1, terms: 1 }
        );
        // 上海合作组织 leaves: 合作组织 inside it gains standalone occurrences.
        let fewer = ["命运共同体", "上海精神", "三股势力", "合作组织"];
        assert_eq!(
            check(&[0, 1, 2], &before, &fewer),
            Recount::Added { docs: 1, terms: 0 }
        );
        // Both at once, and a term inside the new one that is new itself.
        let both = [
            "命运共同体",
            "人类命运共同体",
            "人类",
            "上海精神",
            "合作组织",
        ];
        assert_eq!(
            check(&[0, 2], &before, &both),
            Recount::Added { docs: 2, terms: 2 }
        );
    }

    #[test]
    fn occurrences_left_out_stay_out_when_counting_again() {
        // 合作 inside 上海合作组织 is left out (as if it cut across the longer word), which is
        // not on the lists: only what is left out changes the counts.
        let whole = WholeWords::from_pairs(&[("上海合作组织", "合作", 6)]);
        let before = ["上海精神", "合作"];
        let now = ["上海精神", "合作", "上海合作组织", "组织"];
        assert_eq!(
            check_with(&[0, 2], &before, &before, &whole),
            Recount::Added { docs: 2, terms: 0 }
        );
        assert_eq!(
            check_with(&[0, 1], &before, &now, &whole),
            Recount::Added { docs: 2, terms: 2 }
        );
        let all = corpus();
        let refs: Vec<&Document> = all.iter().collect();
        let counts = count_terms(
            &strings(&now),
            &whole,
            &refs,
            &crate::corpus::Held,
            ContextOptions::default(),
        );
        assert_eq!(counts[1].total, 0, "合作 occurs only inside 上海合作组织");
        assert_eq!(counts[2].total, 2);
    }

    #[test]
    fn a_removed_or_changed_document_counts_everything() {
        let all = corpus();
        let refs: Vec<&Document> = all.iter().collect();
        let keys: Vec<DocKey> = all.iter().map(key).collect();
        let terms = strings(&["上海精神"]);
        let options = ContextOptions::default();
        let (_, memo, _) = count_terms_again(
            &terms,
            &WholeWords::none(),
            (&refs, &crate::corpus::Held),
            &keys,
            options,
            None,
        );
        let (_, _, how) = count_terms_again(
            &terms,
            &WholeWords::none(),
            (&refs[1..], &crate::corpus::Held),
            &keys[1..],
            options,
            Some(memo.clone()),
        );
        assert_eq!(how, Recount::All);
        let mut changed = keys.clone();
        changed[2].hash = "edited".into();
        let (_, _, how) = count_terms_again(
            &terms,
            &WholeWords::none(),
            (&refs, &crate::corpus::Held),
            &changed,
            options,
            Some(memo),
        );
        assert_eq!(how, Recount::All);
    }

    mod properties {
        use super::*;
        use proptest::prelude::*;

        /// Text and terms over a few characters, so that terms overlap and nest often.
        fn text() -> impl Strategy<Value = String> {
            proptest::collection::vec(
                prop::sample::select(vec!['上', '海', '合', '作', '精', '神', '。']),
                0..60,
            )
            .prop_map(|chars| chars.into_iter().collect())
        }

        fn terms() -> impl Strategy<Value = Vec<String>> {
            proptest::collection::btree_set(
                proptest::collection::vec(
                    prop::sample::select(vec!['上', '海', '合', '作', '精', '神']),
                    1..4,
                )
                .prop_map(|chars| chars.into_iter().collect::<String>()),
                1..12,
            )
            .prop_map(|set| set.into_iter().collect())
        }

        proptest! {
            #![proptest_config(ProptestConfig::with_cases(200))]
            #[test]
            fn counting_again_after_additions_equals_counting_everything(
                texts in proptest::collection::vec(text(), 1..8),
                kept in proptest::collection::vec(any::<bool>(), 8),
                first_terms in terms(),
                terms in terms(),
            ) {
                let all: Vec<Document> = texts
                    .iter()
                    .enumerate()
                    .map(|(i, t)| doc(&format!("{i:02}.txt"), t, 2000 + i as i32 % 3))
                    .collect();
                let refs: Vec<&Document> = all.iter().collect();
                let keys: Vec<DocKey> = all.iter().map(key).collect();
                let options = ContextOptions { per_doc: 1, per_term: 2 };
                let first: Vec<usize> = (0..all.len()).filter(|&i| kept[i]).collect();
                let before_docs: Vec<&Document> = first.iter().map(|&i| refs[i]).collect();
                let before_keys: Vec<DocKey> = first.iter().map(|&i| keys[i].clone()).collect();
                // Two words that hold a term across their boundaries, on the list or not.
                let whole = WholeWords::from_pairs(&[("上海合", "海合", 3), ("合作精神", "作精", 3)]);
                let (_, memo, _) =
                    count_terms_again(&first_terms, &whole, (&before_docs, &crate::corpus::Held), &before_keys, options, None);
                let (again, _, how) =
                    count_terms_again(&terms, &whole, (&refs, &crate::corpus::Held), &keys, options, Some(memo));
                let added = matches!(how, Recount::Added { .. });
                prop_assert!(added);
                let full = count_terms(&terms, &whole, &refs, &crate::corpus::Held, options);
                for (a, f) in again.iter().zip(&full) {
                    prop_assert_eq!(
                        (a.total, a.standalone, a.docs, &a.by_year, &a.contexts),
                        (f.total, f.standalone, f.docs, &f.by_year, &f.contexts)
                    );
                    prop_assert_eq!(
                        (&a.left.counts, a.left.boundaries, &a.right.counts, a.right.boundaries),
                        (&f.left.counts, f.left.boundaries, &f.right.counts, f.right.boundaries)
                    );
                }
            }
        }
    }
}
