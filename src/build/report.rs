//! What a build did, and what the new documents brought: the report `glossary build` prints
//! (and writes as JSON with `--format json`), assembled from what each stage returned.

use std::collections::{BTreeMap, BTreeSet};
use std::path::PathBuf;

use serde::Serialize;

use super::bilingual::Aligned;
use super::stamp::CorpusSummary;
use crate::cache::{Cache, Origin};
use crate::corpus::Problem;
use crate::extract::count;
use crate::folder::GlossaryFolder;
use crate::glossary::curated::{Conflict, Curated};
use crate::glossary::merge::MergeReport;
use crate::glossary::merged::{Glossary, RowStatus};
use crate::timing::StageClock;

/// What a build did with an output file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum WriteOutcome {
    /// New or changed, written.
    Written,
    /// Same bytes as before: left alone.
    Unchanged,
}

/// A term whose count changed since the previous glossary.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CountChange {
    /// The Chinese term.
    pub zh: String,
    /// Occurrences in the previous glossary.
    pub before: u64,
    /// Occurrences now.
    pub after: u64,
}

/// A term that is new among the candidates.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct NewTerm {
    /// The Chinese term.
    pub zh: String,
    /// Its occurrences.
    pub total: u64,
    /// Its concept id.
    pub id: String,
}

/// What a build did, and what the new documents brought.
#[derive(Debug, Clone, Default, Serialize)]
pub struct BuildReport {
    /// Nothing changed since the previous build: nothing was segmented or written.
    pub up_to_date: bool,
    /// Documents in the corpus.
    pub documents: usize,
    /// Chinese documents.
    pub chinese: usize,
    /// Chinese–English pairs.
    pub pairs: usize,
    /// Documents read, cached, added, removed and changed since the previous build.
    #[serde(flatten)]
    pub files: FileChanges,
    /// Documents segmented in this build (the others' tokens came from the cache).
    pub segmented: usize,
    /// Problems met reading the corpus.
    pub problems: Vec<Problem>,
    /// Chinese terms given two preferred English renderings in the curated glossary.
    pub conflicts: Vec<ConflictNote>,
    /// Rows of the merged glossary, by kind.
    pub curated_rows: usize,
    /// Candidate rows.
    pub candidates: usize,
    /// Extracted forms attached to curated concepts as variants.
    pub attached_variants: usize,
    /// Chinese documents aligned with their English translation.
    pub aligned_documents: usize,
    /// Sentence pairs aligned from documents, written to the translation memory.
    pub sentence_pairs: usize,
    /// Translation memories read (`.tmx` in the corpus, `--tm`).
    pub memories: usize,
    /// Their units, used like aligned pairs and written to the translation memory.
    pub memory_units: usize,
    /// Among them, pairs below the confidence threshold (marked in the memory).
    pub low_confidence_pairs: usize,
    /// Candidates given proposed English.
    pub proposals: usize,
    /// Preferred curated renderings the aligned translations do not use.
    pub unused_renderings: usize,
    /// Candidates that were not in the previous glossary.
    pub new_candidates: Vec<NewTerm>,
    /// Candidates of the previous glossary that are gone (curated since, or no longer
    /// recurring).
    pub gone_candidates: Vec<String>,
    /// Terms whose corpus count changed.
    pub count_changes: Vec<CountChange>,
    /// The outputs and whether each was written.
    pub outputs: Vec<(PathBuf, WriteOutcome)>,
    /// How the term lists were counted on the text: from scratch, or the previous build's
    /// counts with the added documents.
    pub recounts: Vec<RecountNote>,
    /// What failed in the build cache: entries that could not be written (the next build
    /// reads those documents again) or documents that could not be read back.
    pub cache_failures: Vec<String>,
    /// Seconds spent in each stage.
    pub timings: Vec<(String, f64)>,
}

impl BuildReport {
    /// The report of a build whose full check found nothing changed.
    pub(super) fn up_to_date(
        summary: &CorpusSummary,
        curated: &Curated,
        files: FileChanges,
        clock: StageClock,
    ) -> BuildReport {
        BuildReport {
            up_to_date: true,
            ..BuildReport::of_summary(summary, curated, files, clock)
        }
    }

    /// The report of a build whose quick check found nothing changed: the corpus as the
    /// build that recorded the check read it.
    pub(super) fn unchanged(
        summary: &CorpusSummary,
        curated: &Curated,
        clock: StageClock,
    ) -> BuildReport {
        let files = FileChanges {
            cached: summary.cached,
            has_previous: true,
            ..FileChanges::default()
        };
        BuildReport::up_to_date(summary, curated, files, clock)
    }

    /// What reading the corpus (as `summary` counts it) and the curated file found.
    fn of_summary(
        summary: &CorpusSummary,
        curated: &Curated,
        files: FileChanges,
        clock: StageClock,
    ) -> BuildReport {
        BuildReport {
            documents: summary.documents,
            chinese: summary.chinese,
            pairs: summary.pairs,
            problems: summary.problems.clone(),
            conflicts: curated.conflicts().iter().map(ConflictNote::from).collect(),
            files,
            timings: clock.into_laps(),
            ..BuildReport::default()
        }
    }

    /// The report of a full build, from what its stages returned (what only the end of the
    /// build knows, the outputs and the cache, the caller adds).
    pub(super) fn assemble(
        summary: &CorpusSummary,
        curated: &Curated,
        files: FileChanges,
        merge: &MergeReport,
        aligned: &Aligned,
        changes: GlossaryChanges,
        clock: StageClock,
    ) -> BuildReport {
        BuildReport {
            curated_rows: merge.curated,
            candidates: merge.candidates,
            attached_variants: merge.attached_variants,
            proposals: merge.proposals,
            unused_renderings: merge.unused_renderings,
            aligned_documents: aligned.documents,
            sentence_pairs: aligned.aligned_pairs(),
            memories: aligned.memories,
            memory_units: aligned.memory_units(),
            low_confidence_pairs: aligned.low_confidence(),
            new_candidates: changes.new_candidates,
            gone_candidates: changes.gone_candidates,
            count_changes: changes.count_changes,
            ..BuildReport::of_summary(summary, curated, files, clock)
        }
    }
}

/// How one term list was counted.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RecountNote {
    /// `counts-candidates` or `counts-curated`.
    pub list: String,
    /// Whether every term was counted over every document.
    pub full: bool,
    /// Documents counted (all of them when `full`).
    pub documents: Option<usize>,
    /// Terms counted over every document (all of them when `full`).
    pub terms: Option<usize>,
}

impl RecountNote {
    pub(super) fn new(list: &str, how: count::Recount) -> RecountNote {
        let (full, documents, terms) = match how {
            count::Recount::All => (true, None, None),
            count::Recount::Added { docs, terms } => (false, Some(docs), Some(terms)),
        };
        RecountNote {
            list: list.to_string(),
            full,
            documents,
            terms,
        }
    }
}

/// A curated conflict, for the report.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ConflictNote {
    /// The Chinese term.
    pub zh: String,
    /// The first line and its English.
    pub first: (u64, String),
    /// The second line and its English.
    pub second: (u64, String),
    /// The sentence to print.
    pub message: String,
}

impl From<&Conflict> for ConflictNote {
    fn from(c: &Conflict) -> Self {
        ConflictNote {
            zh: c.zh.clone(),
            first: c.first.clone(),
            second: c.second.clone(),
            message: c.to_string(),
        }
    }
}

/// Documents read, cached, added, removed and changed since the previous build.
#[derive(Debug, Clone, Default, Serialize)]
pub struct FileChanges {
    /// Documents read and parsed in this build (new or changed content).
    pub read: Vec<String>,
    /// Documents taken from the cache.
    pub cached: usize,
    /// Whether a previous build left a record to compare with.
    pub has_previous: bool,
    /// Documents added since the previous build.
    pub added: Vec<String>,
    /// Documents removed since the previous build.
    pub removed: Vec<String>,
    /// Documents whose content changed since the previous build.
    pub changed: Vec<String>,
}

impl FileChanges {
    /// What the cache saw this build, against what it recorded last time.
    pub(super) fn compare(cache: &Cache) -> FileChanges {
        let previous = cache.previous();
        let current = cache.current();
        let mut changes = FileChanges {
            has_previous: !previous.is_empty(),
            ..FileChanges::default()
        };
        for (id, (record, origin)) in &current {
            match origin {
                Origin::Read => changes.read.push(id.clone()),
                Origin::Cached | Origin::Rehashed => changes.cached += 1,
            }
            if changes.has_previous {
                match previous.get(id) {
                    None => changes.added.push(id.clone()),
                    Some(before) if before.hash != record.hash => changes.changed.push(id.clone()),
                    Some(_) => {}
                }
            }
        }
        if changes.has_previous {
            changes.removed = previous
                .keys()
                .filter(|id| !current.contains_key(*id))
                .cloned()
                .collect();
        }
        changes
    }
}

/// Each term's total, from its first row (a curated term has one row per rendering).
fn first_totals<'a>(rows: impl Iterator<Item = (&'a str, u64)>) -> BTreeMap<String, u64> {
    let mut totals = BTreeMap::new();
    for (zh, total) in rows {
        totals.entry(zh.to_string()).or_insert(total);
    }
    totals
}

/// New and gone candidates, and changed counts, against the glossary.csv a previous build
/// left.
#[derive(Debug, Clone, Default)]
pub(super) struct GlossaryChanges {
    pub new_candidates: Vec<NewTerm>,
    pub gone_candidates: Vec<String>,
    pub count_changes: Vec<CountChange>,
}

impl GlossaryChanges {
    /// `merged` against the glossary.csv now in `folder` (no changes when there is none).
    pub fn compare(folder: &GlossaryFolder, merged: &Glossary) -> GlossaryChanges {
        let Ok(before) = folder.read_glossary_totals() else {
            return GlossaryChanges::default();
        };
        let totals_before = first_totals(before.iter().map(|r| (r.zh.as_str(), r.total)));
        let candidates_before: BTreeSet<String> = before
            .iter()
            .filter(|r| r.candidate)
            .map(|r| r.zh.clone())
            .collect();
        let totals_now = first_totals(merged.rows.iter().map(|r| (r.zh.as_str(), r.total)));
        let candidates_now: BTreeSet<String> = merged
            .rows
            .iter()
            .filter(|r| r.status() == RowStatus::Candidate)
            .map(|r| r.zh.clone())
            .collect();
        let mut new_candidates: Vec<NewTerm> = merged
            .rows
            .iter()
            .filter(|r| r.status() == RowStatus::Candidate && !totals_before.contains_key(&r.zh))
            .map(|r| NewTerm {
                zh: r.zh.clone(),
                total: r.total,
                id: r.id.clone(),
            })
            .collect();
        new_candidates.sort_by(|a, b| b.total.cmp(&a.total).then_with(|| a.zh.cmp(&b.zh)));
        let mut count_changes: Vec<CountChange> = totals_now
            .iter()
            .filter_map(|(zh, &after)| {
                let &before = totals_before.get(zh)?;
                (before != after).then(|| CountChange {
                    zh: zh.clone(),
                    before,
                    after,
                })
            })
            .collect();
        count_changes.sort_by(|a, b| {
            let delta = |c: &CountChange| c.after.abs_diff(c.before);
            delta(b).cmp(&delta(a)).then_with(|| a.zh.cmp(&b.zh))
        });
        GlossaryChanges {
            new_candidates,
            gone_candidates: candidates_before
                .difference(&candidates_now)
                .cloned()
                .collect(),
            count_changes,
        }
    }
}
