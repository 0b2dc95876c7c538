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

use super::state::Fingerprint;
use crate::align::SentenceUnit;
use crate::align::input::document_marks;
use crate::align::propose::Proposal;
use crate::align::{self, Aligner, Lexicon, propose};
use crate::cache::Cache;
use crate::corpus::Document;
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

/// The sentence pairs of a corpus's translations.
#[derive(Debug, Default)]
pub(super) struct Aligned {
    /// The translation-memory units, in document order.
    pub units: Vec<SentenceUnit>,
    /// The confident pairs `(Chinese, English)`, which proposals are learnt from.
    pub confident: Vec<(String, String)>,
    /// Documents aligned.
    pub documents: usize,
}

impl Aligned {
    /// Units below the confidence threshold.
    pub fn low_confidence(&self) -> usize {
        self.units.iter().filter(|u| u.low_confidence).count()
    }
}

/// What the previous build aligned and proposed, and what this one did (kept by
/// [`BilingualMemo::keep`]).
pub(super) struct BilingualMemo<'c> {
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

impl<'c> BilingualMemo<'c> {
    pub(super) fn new(
        cache: &'c Cache,
        maker: &'c str,
        segmenter: &Segmenter,
        approved: &[(String, String)],
    ) -> Self {
        let mut dictionaries = Fingerprint::new();
        dictionaries.field(env!("CARGO_PKG_VERSION"));
        dictionaries.field(segmenter.fingerprint());
        for (zh, en) in approved {
            dictionaries.field(zh);
            dictionaries.field(en);
        }
        BilingualMemo {
            cache,
            maker,
            dictionaries: dictionaries.finish(),
            previous_alignments: cache.memo(ALIGNMENTS, maker).unwrap_or_default(),
            alignments: Mutex::new(Alignments::new()),
            previous_proposals: cache.memo(PROPOSALS, maker).unwrap_or_default(),
            proposals: Mutex::new(Proposals::default()),
        }
    }

    /// Aligns every Chinese document with its English translation.
    pub(super) fn align_pairs(
        &self,
        pairs: &[(&Document, &Document)],
        aligner: &Aligner,
    ) -> Aligned {
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
        Aligned {
            units,
            confident,
            documents: pairs.len(),
        }
    }

    /// English proposed for each of `terms` from the confident aligned pairs (terms without
    /// a proposal are left out).
    pub(super) fn propose(
        &self,
        terms: &[&str],
        pairs: &[(String, String)],
        segmenter: &Segmenter,
        lexicon: &Lexicon,
    ) -> BTreeMap<String, Vec<Proposal>> {
        let key = self.proposals_key(pairs);
        let reusable = self.previous_proposals.key == key;
        let terms: BTreeSet<&str> = terms.iter().copied().collect();
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
        let found = all
            .iter()
            .filter(|(_, p)| !p.is_empty())
            .map(|(t, p)| (t.clone(), p.clone()))
            .collect();
        *self.proposals.lock().expect("proposals lock") = Proposals { key, terms: all };
        found
    }

    /// Keeps this build's alignments and proposals for the next one.
    pub(super) fn keep(self) {
        let alignments = self.alignments.into_inner().expect("alignments lock");
        self.cache.put_memo(ALIGNMENTS, self.maker, &alignments);
        let proposals = self.proposals.into_inner().expect("proposals lock");
        self.cache.put_memo(PROPOSALS, self.maker, &proposals);
    }

    fn pair_key(&self, zh: &Document, en: &Document) -> String {
        let mut key = Fingerprint::new();
        key.raw(&self.dictionaries);
        for doc in [zh, en] {
            key.field(&doc.id);
            key.field(self.cache.hash_of(&doc.id).unwrap_or_default());
            key.field(format!("{:?}", doc.year));
        }
        key.finish()
    }

    fn proposals_key(&self, pairs: &[(String, String)]) -> String {
        let mut key = Fingerprint::new();
        key.raw(&self.dictionaries);
        for (zh, en) in pairs {
            key.field(zh);
            key.field(en);
        }
        key.finish()
    }
}

/// The memory units of one Chinese document and its English translation.
fn align_pair(zh_doc: &Document, en_doc: &Document, aligner: &Aligner) -> Vec<SentenceUnit> {
    let zh: Vec<&str> = zh_doc.sentences().map(|s| s.text.as_str()).collect();
    let en: Vec<&str> = en_doc.sentences().map(|s| s.text.as_str()).collect();
    let alignment =
        aligner.align_marked(&zh, &en, &document_marks(zh_doc), &document_marks(en_doc));
    align::units(&zh_doc.id, zh_doc.year, &zh, &en, &alignment)
}
