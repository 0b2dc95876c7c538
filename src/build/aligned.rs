//! The bilingual part of a build: every translation pair aligned, and English proposed for the
//! candidates from the confident sentence pairs, both reused from the previous build where
//! their inputs did not change.
//!
//! - A pair's alignment depends on its two documents (content, id, year), the dictionaries
//!   (curated approved pairs, the segmenter's protected terms) and the program: it is
//!   kept under a hash of those, so a new document costs only its own alignment.
//! - A term's proposals depend on the term, all confident pairs, the same dictionaries and
//!   the version: they are kept per term while the pairs and dictionaries stay the same, so
//!   only terms new among the candidates are looked for in the pairs.

use std::collections::{BTreeMap, BTreeSet};
use std::sync::Mutex;

use rayon::prelude::*;
use serde::{Deserialize, Serialize};

use super::BuildReport;
use crate::align::input::document_marks;
use crate::align::propose::Proposal;
use crate::align::{self, Aligner, Lexicon, propose};
use crate::cache::Cache;
use crate::corpus::Document;
use crate::export::SentenceUnit;
use crate::glossary::merged::{Merged, RowStatus};
use crate::segment::Segmenter;

/// The memo of alignments, in the cache.
const ALIGNMENTS: &str = "alignments";
/// The memo of proposals, in the cache.
const PROPOSALS: &str = "proposals";

/// Alignments by a hash of what they depend on.
type Alignments = BTreeMap<String, Vec<SentenceUnit>>;

/// Proposals per term, for one set of confident pairs and dictionaries.
#[derive(Debug, Default, Serialize, Deserialize)]
struct Proposals {
    key: String,
    /// Every candidate looked for, with or without proposals.
    terms: BTreeMap<String, Vec<Proposal>>,
}

/// What the previous build aligned and proposed, and what this one did (kept by
/// [`Reuse::keep`]).
pub(super) struct Reuse<'c> {
    cache: &'c Cache,
    /// The program, as the memos record it.
    maker: &'c str,
    /// The dictionaries and version, hashed.
    dictionaries: String,
    previous_alignments: Alignments,
    alignments: Mutex<Alignments>,
    previous_proposals: Proposals,
    proposals: Mutex<Proposals>,
}

impl<'c> Reuse<'c> {
    pub(super) fn new(
        cache: &'c Cache,
        maker: &'c str,
        segmenter: &Segmenter,
        approved: &[(String, String)],
    ) -> Self {
        let mut hasher = blake3::Hasher::new();
        hasher.update(env!("CARGO_PKG_VERSION").as_bytes());
        hasher.update(segmenter.fingerprint().as_bytes());
        for (zh, en) in approved {
            hash_field(&mut hasher, zh);
            hash_field(&mut hasher, en);
        }
        Reuse {
            cache,
            maker,
            dictionaries: hasher.finalize().to_hex().to_string(),
            previous_alignments: cache.memo(ALIGNMENTS, maker).unwrap_or_default(),
            alignments: Mutex::new(Alignments::new()),
            previous_proposals: cache.memo(PROPOSALS, maker).unwrap_or_default(),
            proposals: Mutex::new(Proposals::default()),
        }
    }

    /// Aligns every Chinese document with its English translation: the translation-memory
    /// units (in document order) and the confident sentence pairs `(Chinese, English)`.
    pub(super) fn align_pairs(
        &self,
        pairs: &[(&Document, &Document)],
        aligner: &Aligner,
        report: &mut BuildReport,
    ) -> (Vec<SentenceUnit>, Vec<(String, String)>) {
        let aligned: Vec<Vec<SentenceUnit>> = pairs
            .par_iter()
            .map(|&(zh_doc, en_doc)| {
                let key = self.pair_key(zh_doc, en_doc);
                let units = match self.previous_alignments.get(&key) {
                    Some(units) => units.clone(),
                    None => align_pair(zh_doc, en_doc, aligner),
                };
                let mut kept = self.alignments.lock().expect("alignments lock");
                kept.insert(key, units.clone());
                units
            })
            .collect();
        let units: Vec<SentenceUnit> = aligned.into_iter().flatten().collect();
        let confident = units
            .iter()
            .filter(|u| !u.low_confidence)
            .map(|u| (u.zh.clone(), u.en.clone()))
            .collect();
        report.aligned_documents = pairs.len();
        report.sentence_pairs = units.len();
        report.low_confidence_pairs = units.iter().filter(|u| u.low_confidence).count();
        (units, confident)
    }

    /// Fills the proposed English of candidate rows from the confident aligned pairs.
    pub(super) fn propose_for_candidates(
        &self,
        merged: &mut Merged,
        pairs: &[(String, String)],
        segmenter: &Segmenter,
        lexicon: &Lexicon,
        report: &mut BuildReport,
    ) {
        let key = self.proposals_key(pairs);
        let reusable = self.previous_proposals.key == key;
        let terms: BTreeSet<&str> = merged
            .rows
            .iter()
            .filter(|r| r.status() == RowStatus::Candidate)
            .map(|r| r.zh.as_str())
            .collect();
        let missing: Vec<&str> = terms
            .iter()
            .copied()
            .filter(|t| !reusable || !self.previous_proposals.terms.contains_key(*t))
            .collect();
        let mut fresh = propose::propose(&missing, pairs, segmenter, lexicon);
        let all: BTreeMap<String, Vec<Proposal>> = terms
            .iter()
            .map(|&t| {
                let proposals = match fresh.remove(t) {
                    Some(p) => p,
                    None if reusable => self
                        .previous_proposals
                        .terms
                        .get(t)
                        .cloned()
                        .unwrap_or_default(),
                    None => Vec::new(),
                };
                (t.to_string(), proposals)
            })
            .collect();
        let mut proposed = 0;
        for row in merged
            .rows
            .iter_mut()
            .filter(|r| r.status() == RowStatus::Candidate)
        {
            if let Some(p) = all.get(&row.zh).filter(|p| !p.is_empty()) {
                row.proposed = p.clone();
                proposed += 1;
            }
        }
        report.proposals = proposed;
        *self.proposals.lock().expect("proposals lock") = Proposals { key, terms: all };
    }

    /// Keeps this build's alignments and proposals for the next one.
    pub(super) fn keep(self) {
        let alignments = self.alignments.into_inner().expect("alignments lock");
        self.cache.put_memo(ALIGNMENTS, self.maker, &alignments);
        let proposals = self.proposals.into_inner().expect("proposals lock");
        self.cache.put_memo(PROPOSALS, self.maker, &proposals);
    }

    fn pair_key(&self, zh: &Document, en: &Document) -> String {
        let mut hasher = blake3::Hasher::new();
        hasher.update(self.dictionaries.as_bytes());
        for doc in [zh, en] {
            hash_field(&mut hasher, &doc.id);
            hash_field(
                &mut hasher,
                &self.cache.hash_of(&doc.id).unwrap_or_default(),
            );
            hash_field(&mut hasher, &format!("{:?}", doc.year));
        }
        hasher.finalize().to_hex().to_string()
    }

    fn proposals_key(&self, pairs: &[(String, String)]) -> String {
        let mut hasher = blake3::Hasher::new();
        hasher.update(self.dictionaries.as_bytes());
        for (zh, en) in pairs {
            hash_field(&mut hasher, zh);
            hash_field(&mut hasher, en);
        }
        hasher.finalize().to_hex().to_string()
    }
}

/// Hashes a field with its length first, so that two fields never read as one.
fn hash_field(hasher: &mut blake3::Hasher, field: &str) {
    hasher.update(&(field.len() as u64).to_le_bytes());
    hasher.update(field.as_bytes());
}

/// The memory units of one Chinese document and its English translation.
fn align_pair(zh_doc: &Document, en_doc: &Document, aligner: &Aligner) -> Vec<SentenceUnit> {
    let zh: Vec<&str> = zh_doc.sentences().map(|s| s.text.as_str()).collect();
    let en: Vec<&str> = en_doc.sentences().map(|s| s.text.as_str()).collect();
    let alignment =
        aligner.align_marked(&zh, &en, &document_marks(zh_doc), &document_marks(en_doc));
    align::units(&zh_doc.id, zh_doc.year, &zh, &en, &alignment)
}
