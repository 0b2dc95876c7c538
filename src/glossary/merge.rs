//! Folding the terms a corpus yields into the curated glossary.
//!
//! - Every curated row stays, with what people wrote, and gains the corpus counts of its
//!   Chinese term (zero when the corpus lacks it).
//! - An extracted term that is a form of a curated concept ([`super::link`]: a curated Chinese
//!   term, a variant of one, a short form the text defines, 上海组织 for 上海合作组织) is not a
//!   candidate: it is listed among that concept's variants.
//! - A candidate made of a curated name and a curated term gets English composed from theirs,
//!   marked as composed.
//! - A rejected term is never proposed again.
//! - Every other extracted term is a candidate, except ordinary two-character words of the
//!   general dictionary (时候, 市场, 安全) that the texts do not mark as units: a general
//!   dictionary translates those, and they made half of the seed corpus's list. A variant
//!   group of candidates shares one
//!   concept id, derived from its first form, so it stays the same from build to build.
//! - A candidate that looks like a curated term (normalised Levenshtein similarity over
//!   characters of at least [`SIMILARITY`]) says so in `similar_to`, for a person to decide.
//! - One Chinese term given two preferred English renderings is reported as a conflict.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use super::Status;
use super::curated::{Conflict, Curated, Entry};
use super::link::{Attachment, Composer};
use super::merged::{Glossary, Row, RowStatus};
use crate::align::propose::Usage;
use crate::extract::Term;
use crate::extract::count::TermCounts;
use crate::year::{self, ByYear};

/// How alike (normalised Levenshtein over characters) a candidate and a curated term must be
/// to be flagged "similar to".
pub const SIMILARITY: f64 = 0.75;

/// What merging found.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct MergeReport {
    /// Curated rows.
    pub curated: usize,
    /// Rejected rows among them.
    pub rejected: usize,
    /// Candidate rows.
    pub candidates: usize,
    /// Extracted terms listed as variants of a curated concept instead of as candidates.
    pub attached_variants: usize,
    /// Extracted terms found only inside curated terms, left out of the candidates.
    pub fragments_of_curated: usize,
    /// Candidates given proposed English.
    pub proposals: usize,
    /// Proposals withdrawn as a longer term's acronym borrowed by its part.
    pub borrowed_acronyms: usize,
    /// Proposals withdrawn as the English of a shorter term inside the candidate.
    pub english_of_a_part: usize,
    /// Preferred curated renderings that the aligned translations do not use.
    pub unused_renderings: usize,
    /// Extracted ordinary words left out of the candidates ([`is_candidate`]).
    pub ordinary_words: usize,
    /// Chinese terms with two preferred English renderings.
    pub conflicts: Vec<Conflict>,
}

/// Whether an extracted term belongs among the glossary's candidates: not an ordinary word of
/// two characters or fewer from the general dictionary, unless the texts put it in quotation
/// or book-title marks.
pub fn is_candidate(term: &Term) -> bool {
    let f = &term.features;
    !(f.dictionary_word && f.chars <= 2 && f.marked == 0)
}

/// The id of a candidate concept: `x` and 12 hex digits of the BLAKE3 hash of its first form.
pub fn candidate_id(zh: &str) -> String {
    let hash = blake3::hash(zh.as_bytes()).to_hex();
    format!("x{}", &hash[..12])
}

fn with_counts(row: &mut Row, counts: Option<&TermCounts>, characters: &ByYear) {
    let Some(c) = counts else { return };
    row.total = c.total;
    row.standalone = c.standalone;
    row.docs = c.docs;
    row.by_year = c.by_year.clone();
    row.rate_by_year = year::rates(&c.by_year, characters);
    (row.first_year, row.last_year) = c.year_range();
    row.corpus_context = c.contexts.first().cloned();
}

/// Which extracted terms are forms of the curated concepts of `entries` (the rows of the
/// curated glossary): worked out once per build, for the candidates to align and for the merge.
pub fn attach<'a>(
    entries: &'a [Entry<'a>],
    terms: &'a [Term],
    curated_counts: &HashMap<String, TermCounts>,
) -> Attachment<'a> {
    Attachment::new(entries, terms, curated_counts)
}

/// The extracted terms that become candidates: neither a form of a curated concept (nor a
/// variant of one, as `attachment` says) nor an ordinary word ([`is_candidate`]).
pub fn candidate_terms<'t>(attachment: &Attachment<'_>, terms: &'t [Term]) -> Vec<&'t str> {
    terms
        .iter()
        .filter(|t| !attachment.takes(&t.term) && is_candidate(t))
        .map(|t| t.term.as_str())
        .collect()
}

/// Merges `terms` (extracted from the corpus) into `curated`; `curated_counts` holds the corpus
/// counts of every curated Chinese term, `usages` how the aligned translations render curated
/// terms and candidates (with the English proposed for candidates), `characters` the
/// corpus's Chinese characters by year (for rates).
pub fn merge(
    curated: &Curated,
    curated_counts: &HashMap<String, TermCounts>,
    terms: &[Term],
    usages: &BTreeMap<String, Usage>,
    characters: &ByYear,
) -> (Glossary, MergeReport) {
    let entries = curated.entries();
    let attachment = attach(&entries, terms, curated_counts);
    merge_attached(
        curated,
        &entries,
        &attachment,
        curated_counts,
        terms,
        usages,
        characters,
    )
}

/// [`merge`], with the curated rows and the [`attach`]ment the caller has already worked out.
pub fn merge_attached(
    curated: &Curated,
    entries: &[Entry<'_>],
    attachment: &Attachment<'_>,
    curated_counts: &HashMap<String, TermCounts>,
    terms: &[Term],
    usages: &BTreeMap<String, Usage>,
    characters: &ByYear,
) -> (Glossary, MergeReport) {
    let mut report = MergeReport {
        conflicts: curated.conflicts(),
        ..MergeReport::default()
    };
    let by_form: HashMap<&str, &Term> = terms.iter().map(|t| (t.term.as_str(), t)).collect();
    report.attached_variants = attachment.found.values().map(BTreeSet::len).sum();
    report.fragments_of_curated = attachment.fragments.len();
    let Attachment { forms, found, .. } = attachment;

    let mut rows = Vec::with_capacity(entries.len() + terms.len());
    for e in entries {
        let mut variants: Vec<String> = forms[e.id]
            .iter()
            .filter(|f| **f != e.zh.as_str())
            .map(|f| f.to_string())
            .collect();
        variants.extend(found.get(e.id).into_iter().flatten().cloned());
        let mut row = Row {
            id: e.id.to_string(),
            zh: e.zh.to_string(),
            en: e.en.to_string(),
            status: Some(RowStatus::Curated(e.status)),
            kind: by_form.get(e.zh.as_str()).map(|t| t.term_type),
            pos: e.pos.to_string(),
            term_type: e.term_type.to_string(),
            subject: e.subject.to_string(),
            definition: e.definition.to_string(),
            context_zh: e.context_zh.to_string(),
            context_en: e.context_en.to_string(),
            note: e.note.to_string(),
            source: e.source.to_string(),
            date: e.date.to_string(),
            variants,
            // A curated term's usage says how the translations render it; nothing is
            // proposed for what people already translated.
            usage: usages.get(&e.zh).cloned().map(|u| Usage {
                proposed: false,
                ..u
            }),
            ..Row::default()
        };
        report.unused_renderings += usize::from(row.unused_by_translations());
        with_counts(&mut row, curated_counts.get(&e.zh), characters);
        report.curated += 1;
        report.rejected += usize::from(e.status == Status::Rejected);
        rows.push(row);
    }

    let composer = Composer::new(entries);
    let similar = SimilarityIndex::new(
        entries
            .iter()
            .filter(|e| e.status != Status::Rejected)
            .map(|e| e.zh.as_str()),
    );
    let mut candidates: Vec<Row> = terms
        .iter()
        .filter(|t| !attachment.takes(&t.term))
        .filter(|t| {
            let keep = is_candidate(t);
            report.ordinary_words += usize::from(!keep);
            keep
        })
        .map(|t| {
            // A variant group shares the id of its first form (in code point order).
            let first = std::iter::once(&t.term)
                .chain(&t.variants)
                .min()
                .expect("non-empty");
            Row {
                id: candidate_id(first),
                zh: t.term.clone(),
                status: Some(RowStatus::Candidate),
                kind: Some(t.term_type),
                variants: t.variants.clone(),
                similar_to: similar.similar_to(&t.term),
                total: t.total,
                standalone: t.standalone,
                docs: t.docs,
                first_year: t.first_year,
                last_year: t.last_year,
                corpus_context: t.contexts.first().cloned(),
                by_year: t.by_year.clone(),
                rate_by_year: year::rates(&t.by_year, characters),
                score: Some(t.score),
                usage: usages.get(&t.term).cloned(),
                composed: composer.compose(&t.term),
                ..Row::default()
            }
        })
        .collect();
    report.borrowed_acronyms = withdraw_borrowed_acronyms(&mut candidates, &rows);
    report.english_of_a_part = withdraw_the_english_of_a_part(&mut candidates, &rows);
    // Best first, as the extraction ranked them (score, then the text): a terminologist
    // works down the list from the top.
    for (k, row) in candidates.iter_mut().enumerate() {
        row.rank = Some(k as u32 + 1);
    }
    report.candidates = candidates.len();
    report.proposals = candidates.iter().filter(|r| r.proposal().is_some()).count();
    rows.extend(candidates);
    (Glossary { rows }, report)
}

/// Withdraws the proposal of a candidate given the acronym of a longer term that holds it,
/// curated or proposed, when most of its occurrences are inside that term: an acronym
/// abbreviates one whole name, and 合作论坛 is "FOCAC" only because the links give the name of
/// 中非合作论坛 to its part. (Other English shared by a part and its whole is the whole's
/// cut short: [`withdraw_the_english_of_a_part`].) Returns how many were withdrawn.
fn withdraw_borrowed_acronyms(candidates: &mut [Row], curated: &[Row]) -> usize {
    let mut wholes: HashMap<String, Vec<(String, u64)>> = HashMap::new();
    let named = curated
        .iter()
        .map(|r| (r.en.as_str(), r))
        .chain(
            candidates
                .iter()
                .filter_map(|r| r.proposal().map(|p| (p.en.as_str(), r))),
        )
        .filter(|(en, _)| crate::align::propose::is_an_acronym(en));
    for (en, row) in named {
        wholes
            .entry(en.to_string())
            .or_default()
            .push((row.zh.clone(), row.total));
    }
    withdraw_proposals_where(candidates, |row, en| {
        let inside_a_whole = wholes.get(en).is_some_and(|named| {
            named.iter().any(|(zh, total)| {
                zh.len() > row.zh.len() && zh.contains(&row.zh) && 2 * total > row.total
            })
        });
        inside_a_whole && 2 * row.standalone < row.total
    })
}

/// Withdraws the proposal of each candidate for which `borrowed(row, its proposal)` holds;
/// returns how many were withdrawn.
fn withdraw_proposals_where(
    candidates: &mut [Row],
    borrowed: impl Fn(&Row, &str) -> bool,
) -> usize {
    let mut withdrawn = 0;
    for row in candidates.iter_mut() {
        let Some(en) = row.proposal().map(|p| p.en.clone()) else {
            continue;
        };
        if borrowed(row, &en) {
            if let Some(usage) = row.usage.as_mut() {
                usage.proposed = false;
            }
            withdrawn += 1;
        }
    }
    withdrawn
}

/// Withdraws the proposal of a candidate whose English is only the English of a shorter term
/// inside it: a curated one, or a candidate seen beyond it (more often than it). The links of
/// the rest of the term's words were missed: 最高人民检察院检察长 is not "Supreme People’s
/// Procuratorate" (its procurator general is), 新中国 not "China", 中非友好关系 not
/// "China-Africa friendship". Its renderings stay listed for the reviewer. Returns how many
/// were withdrawn.
fn withdraw_the_english_of_a_part(candidates: &mut [Row], curated: &[Row]) -> usize {
    // English (lower case) → the terms that have it, with their counts (none for curated).
    let mut parts: HashMap<String, Vec<(String, Option<u64>)>> = HashMap::new();
    let english = curated
        .iter()
        .filter(|r| !r.en.is_empty())
        .map(|r| (r.en.to_lowercase(), r.zh.clone(), None))
        .chain(candidates.iter().filter_map(|r| {
            let en = r.proposal()?.en.to_lowercase();
            Some((en, r.zh.clone(), Some(r.total)))
        }));
    for (en, zh, total) in english {
        parts.entry(en).or_default().push((zh, total));
    }
    withdraw_proposals_where(candidates, |row, en| {
        parts.get(&en.to_lowercase()).is_some_and(|terms| {
            terms.iter().any(|(zh, total)| {
                zh.len() < row.zh.len()
                    && row.zh.contains(zh.as_str())
                    && total.is_none_or(|t| t > row.total)
            })
        })
    })
}

/// Curated Chinese terms indexed by character, to compare a candidate only with those that
/// share a character with it.
struct SimilarityIndex<'a> {
    terms: Vec<&'a str>,
    by_char: HashMap<char, Vec<usize>>,
}

impl<'a> SimilarityIndex<'a> {
    fn new(terms: impl Iterator<Item = &'a str>) -> Self {
        let mut unique: Vec<&str> = terms.collect();
        unique.sort_unstable();
        unique.dedup();
        let mut by_char: HashMap<char, Vec<usize>> = HashMap::new();
        for (i, t) in unique.iter().enumerate() {
            let mut chars: Vec<char> = t.chars().collect();
            chars.sort_unstable();
            chars.dedup();
            for c in chars {
                by_char.entry(c).or_default().push(i);
            }
        }
        SimilarityIndex {
            terms: unique,
            by_char,
        }
    }

    fn similar_to(&self, candidate: &str) -> Vec<String> {
        let mut seen: BTreeSet<usize> = BTreeSet::new();
        for c in candidate.chars() {
            if let Some(ids) = self.by_char.get(&c) {
                seen.extend(ids);
            }
        }
        seen.into_iter()
            .map(|i| self.terms[i])
            .filter(|t| {
                *t != candidate && strsim::normalized_levenshtein(t, candidate) >= SIMILARITY
            })
            .map(str::to_string)
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::classify::TermType;
    use crate::extract::score::Features;
    use std::path::Path;

    #[test]
    fn a_part_does_not_keep_the_acronym_of_the_name_it_is_read_in() {
        use crate::align::propose::{Rendering, Usage};
        let proposing = |zh: &str, en: &str, total: u64, standalone: u64| Row {
            zh: zh.to_string(),
            total,
            standalone,
            usage: Some(Usage {
                renderings: vec![Rendering {
                    en: en.to_string(),
                    count: 10,
                }],
                occurrences: 10,
                aligned: 10,
                pairs: 10,
                documents: 1,
                years: None,
                proposed: true,
                examples: Vec::new(),
            }),
            ..Row::default()
        };
        let mut candidates = vec![
            proposing("中非合作论坛", "FOCAC", 20, 20),
            proposing("合作论坛", "FOCAC", 25, 3),
            // Standing alone mostly: its own acronym.
            proposing("非盟", "AU", 26, 20),
            proposing("非盟委员会", "AU", 3, 3),
        ];
        assert_eq!(withdraw_borrowed_acronyms(&mut candidates, &[]), 1);
        let proposed: Vec<bool> = candidates.iter().map(|r| r.proposal().is_some()).collect();
        assert_eq!(proposed, [true, false, true, true]);
    }

    #[test]
    fn a_term_is_not_given_the_english_of_its_part() {
        use crate::align::propose::{Rendering, Usage};
        let proposing = |zh: &str, en: &str, total: u64| Row {
            zh: zh.to_string(),
            total,
            usage: Some(Usage {
                renderings: vec![Rendering {
                    en: en.to_string(),
                    count: 2,
                }],
                occurrences: 2,
                aligned: 2,
                pairs: 2,
                documents: 1,
                years: None,
                proposed: true,
                examples: Vec::new(),
            }),
            ..Row::default()
        };
        let curated = [Row {
            zh: "中国".to_string(),
            en: "China".to_string(),
            ..Row::default()
        }];
        let mut candidates = vec![
            proposing("最高人民检察院", "Supreme People’s Procuratorate", 10),
            proposing("最高人民检察院检察长", "Supreme People’s Procuratorate", 4),
            proposing("新中国", "China", 2),
            // A part seen only inside the whole vouches for nothing.
            proposing("检察院检察长", "procurator general", 2),
            proposing("最高人民检察院检察长职务", "procurator general", 2),
        ];
        assert_eq!(withdraw_the_english_of_a_part(&mut candidates, &curated), 2);
        let proposed: Vec<bool> = candidates.iter().map(|r| r.proposal().is_some()).collect();
        assert_eq!(proposed, [true, false, false, true, true]);
    }

    fn term(zh: &str, total: u64, variants: &[&str]) -> Term {
        Term {
            term: zh.to_string(),
            term_type: TermType::Phrase,
            score: 1.0,
            total,
            standalone: total,
            by_year: BTreeMap::from([(Some(2024), total)]),
            docs: 1,
            first_year: Some(2024),
            last_year: Some(2024),
            variants: variants.iter().map(|v| v.to_string()).collect(),
            group_total: total,
            contexts: Vec::new(),
            evidence: Default::default(),
            features: Features::default(),
            pieces: vec![zh.to_string()],
        }
    }

    fn curated() -> Curated {
        Curated::parse(
            Path::new("curated.csv"),
            "id,zh,en,status\nc1,上海合作组织,Shanghai Cooperation Organization,preferred\nc1,上合组织,SCO,admitted\nc2,中哈命运共同体,China-Kazakhstan community with a shared future,preferred\nc3,朋友圈,,rejected\n".as_bytes(),
        )
        .unwrap()
    }

    #[test]
    fn curated_rows_keep_their_english_and_gain_counts() {
        let mut counts = HashMap::new();
        counts.insert(
            "上合组织".to_string(),
            TermCounts {
                total: 196,
                ..TermCounts::default()
            },
        );
        let (merged, report) = merge(&curated(), &counts, &[], &BTreeMap::new(), &ByYear::new());
        assert_eq!(report.curated, 4);
        assert_eq!(report.rejected, 1);
        let sco = &merged.rows[1];
        assert_eq!(
            (sco.zh.as_str(), sco.en.as_str(), sco.total),
            ("上合组织", "SCO", 196)
        );
        assert_eq!(merged.rows[0].total, 0, "absent from the corpus: zero");
        assert_eq!(sco.variants, ["上海合作组织"]);
    }

    #[test]
    fn candidates_skip_curated_variants_and_rejected_terms() {
        let terms = [
            term("上合组织", 196, &["上海组织"]),
            term("上海组织", 19, &["上合组织"]),
            term("朋友圈", 3, &[]),
            term("中塔命运共同体", 2, &[]),
            term("小院高墙", 3, &[]),
        ];
        let (merged, report) = merge(
            &curated(),
            &HashMap::new(),
            &terms,
            &BTreeMap::new(),
            &ByYear::new(),
        );
        let candidates: Vec<&str> = merged
            .rows
            .iter()
            .filter(|r| r.status() == RowStatus::Candidate)
            .map(|r| r.zh.as_str())
            .collect();
        assert_eq!(candidates, ["中塔命运共同体", "小院高墙"]);
        assert_eq!(report.attached_variants, 1);
        assert!(merged.rows[0].variants.contains(&"上海组织".to_string()));
        let similar = &merged
            .rows
            .iter()
            .find(|r| r.zh == "中塔命运共同体")
            .unwrap()
            .similar_to;
        assert_eq!(similar, &["中哈命运共同体"]);
    }

    #[test]
    fn ordinary_short_words_are_not_candidates_unless_marked() {
        let ordinary = |zh: &str, chars: u32, marked: u32| Term {
            features: Features {
                dictionary_word: true,
                chars,
                marked,
                ..Features::default()
            },
            ..term(zh, 5, &[])
        };
        let terms = [
            ordinary("时候", 2, 0),
            ordinary("睦邻", 2, 1),
            ordinary("联合国", 3, 0),
        ];
        let (merged, report) = merge(
            &curated(),
            &HashMap::new(),
            &terms,
            &BTreeMap::new(),
            &ByYear::new(),
        );
        let candidates: Vec<&str> = merged
            .rows
            .iter()
            .filter(|r| r.status() == RowStatus::Candidate)
            .map(|r| r.zh.as_str())
            .collect();
        assert_eq!(candidates, ["睦邻", "联合国"]);
        assert_eq!(report.ordinary_words, 1);
    }

    #[test]
    fn a_candidate_group_shares_one_stable_id() {
        let terms = [
            term("跨国组织犯罪", 4, &["跨国有组织犯罪"]),
            term("跨国有组织犯罪", 2, &["跨国组织犯罪"]),
        ];
        let (merged, _) = merge(
            &Curated::empty(Path::new("c.csv")),
            &HashMap::new(),
            &terms,
            &BTreeMap::new(),
            &ByYear::new(),
        );
        assert_eq!(merged.rows[0].id, merged.rows[1].id);
        assert_eq!(
            merged.rows[0].id,
            // The first form in code point order: 有 (U+6709) comes before 组 (U+7EC4).
            candidate_id("跨国有组织犯罪")
        );
        assert!(super::super::is_xml_id(&merged.rows[0].id));
    }
}
