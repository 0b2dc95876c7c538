//! The bilingual part of a build: every translation pair aligned sentence by sentence, the
//! confident sentence pairs aligned word by word, and how they render each term (with the
//! English proposed for candidates), all reused from the previous build where their inputs did
//! not change.
//!
//! - A pair's alignment depends on its two documents (content, id, year), the dictionaries
//!   (curated approved pairs, the segmenter's protected terms) and the program: it is
//!   kept under a hash of those, so a new document costs only its own alignment.
//! - The word alignment depends on all confident pairs (the model is trained on all of them)
//!   and the same dictionaries; a term's usage on the term and the word alignment. Both are
//!   kept while the pairs and dictionaries stay the same, so only terms new among the
//!   candidates are looked for in the pairs.

use std::collections::{BTreeMap, BTreeSet};
use std::sync::Mutex;

use rayon::prelude::*;
use serde::{Deserialize, Serialize};

use super::state::Fingerprint;
use crate::align::input::document_marks;
use crate::align::phrases::{self, WordAlignedPair};
use crate::align::propose::{self, Usage};
use crate::align::words::WordAlignOptions;
use crate::align::{self, Aligner, Lexicon};
use crate::align::{SentenceUnit, UnitOrigin};
use crate::cache::Cache;
use crate::corpus::Document;
use crate::corpus::memories::Memory;
use crate::segment::Segmenter;

/// The memo of alignments, in the cache.
const ALIGNMENTS: &str = "alignments";
/// The memo of word alignments and usages, in the cache.
const USAGES: &str = "usages";

/// Alignments by a hash of what they depend on.
type Alignments = BTreeMap<String, Vec<SentenceUnit>>;

/// The word alignment of one set of confident pairs and dictionaries, and the usages of the
/// terms looked for in it.
#[derive(Debug, Default, Serialize, Deserialize)]
struct Usages {
    key: String,
    words: Vec<WordAlignedPair>,
    /// Every term looked for, found in the pairs or not.
    terms: BTreeMap<String, Option<Usage>>,
}

/// The sentence pairs of a corpus's translations.
#[derive(Debug, Default)]
pub(super) struct Aligned {
    /// The translation-memory units: the aligned ones in document order, then those of the
    /// corpus's translation memories.
    pub units: Vec<SentenceUnit>,
    /// Documents aligned.
    pub documents: usize,
    /// Translation memories read.
    pub memories: usize,
}

impl Aligned {
    /// Adds the units of translation memories after the aligned ones: pairs a translator
    /// made, trusted as they are.
    pub fn add_memories(&mut self, memories: &[Memory]) {
        for memory in memories {
            self.units.extend(
                memory
                    .units
                    .iter()
                    .enumerate()
                    .map(|(k, unit)| SentenceUnit {
                        id: format!("{}#tu{}", memory.id, k + 1),
                        zh: unit.zh.clone(),
                        zh_written: None,
                        en: unit.en.clone(),
                        document: memory.id.clone(),
                        year: unit.year,
                        score: 1.0,
                        low_confidence: false,
                        origin: UnitOrigin::Memory,
                    }),
            );
        }
        self.memories += memories.len();
    }

    /// Units aligned from documents.
    pub fn aligned_pairs(&self) -> usize {
        self.units
            .iter()
            .filter(|u| u.origin == UnitOrigin::Alignment)
            .count()
    }

    /// Units from translation memories.
    pub fn memory_units(&self) -> usize {
        self.units.len() - self.aligned_pairs()
    }

    /// Units below the confidence threshold.
    pub fn low_confidence(&self) -> usize {
        self.units.iter().filter(|u| u.low_confidence).count()
    }

    /// The confident units, which usages and proposals are learnt from.
    pub fn confident(&self) -> Vec<&SentenceUnit> {
        self.units.iter().filter(|u| !u.low_confidence).collect()
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
    previous_usages: Usages,
    usages: Mutex<Usages>,
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
            previous_usages: cache.memo(USAGES, maker).unwrap_or_default(),
            usages: Mutex::new(Usages::default()),
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
        Aligned {
            units: aligned.into_iter().flatten().collect(),
            documents: pairs.len(),
            memories: 0,
        }
    }

    /// How the confident `units` render each of `terms` (terms they do not hold are left
    /// out), from the word alignment of the units.
    pub(super) fn usages(
        &self,
        terms: &[&str],
        units: &[&SentenceUnit],
        segmenter: &Segmenter,
        lexicon: &Lexicon,
    ) -> BTreeMap<String, Usage> {
        let key = self.usages_key(units);
        let previous = &self.previous_usages;
        let reusable = previous.key == key && previous.words.len() == units.len();
        let words = if reusable {
            previous.words.clone()
        } else {
            let pairs: Vec<(&str, &str)> = units
                .iter()
                .map(|u| (u.zh.as_str(), u.en.as_str()))
                .collect();
            phrases::word_align(&pairs, segmenter, lexicon, &WordAlignOptions::default())
        };
        let terms: BTreeSet<&str> = terms.iter().copied().collect();
        let missing: Vec<&str> = terms
            .iter()
            .copied()
            .filter(|t| !reusable || !previous.terms.contains_key(*t))
            .collect();
        let mut fresh = propose::usages(&missing, units, &words, segmenter, lexicon);
        let all: BTreeMap<String, Option<Usage>> = terms
            .iter()
            .map(|&t| {
                let usage = match fresh.remove(t) {
                    Some(u) => Some(u),
                    None if reusable => previous.terms.get(t).cloned().flatten(),
                    None => None,
                };
                (t.to_string(), usage)
            })
            .collect();
        let found = all
            .iter()
            .filter_map(|(t, u)| Some((t.clone(), u.clone()?)))
            .collect();
        *self.usages.lock().expect("usages lock") = Usages {
            key,
            words,
            terms: all,
        };
        found
    }

    /// Keeps this build's alignments, word links and usages for the next one.
    pub(super) fn keep(self) {
        let alignments = self.alignments.into_inner().expect("alignments lock");
        self.cache.put_memo(ALIGNMENTS, self.maker, &alignments);
        let usages = self.usages.into_inner().expect("usages lock");
        self.cache.put_memo(USAGES, self.maker, &usages);
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

    fn usages_key(&self, units: &[&SentenceUnit]) -> String {
        let mut key = Fingerprint::new();
        key.raw(&self.dictionaries);
        for unit in units {
            key.field(&unit.zh);
            key.field(&unit.en);
            key.field(&unit.document);
            key.field(format!("{:?}", unit.year));
        }
        key.finish()
    }
}

/// The memory units of one Chinese document and its English translation.
fn align_pair(zh_doc: &Document, en_doc: &Document, aligner: &Aligner) -> Vec<SentenceUnit> {
    let zh: Vec<&str> = zh_doc.sentences().map(|s| s.text.as_str()).collect();
    let zh_written: Vec<&str> = zh_doc.written_sentences().collect();
    let en: Vec<&str> = en_doc.sentences().map(|s| s.text.as_str()).collect();
    let alignment =
        aligner.align_marked(&zh, &en, &document_marks(zh_doc), &document_marks(en_doc));
    align::units(&zh_doc.id, zh_doc.year, (&zh, &zh_written), &en, &alignment)
}
