//! Sentence alignment of Chinese documents with their English translations.
//!
//! ```text
//! zh, en sentences ──features::prepare──▶ sparse vectors in a shared space of English stems
//!                                         (CC-CEDICT glosses, curated pairs, numbers, pinyin names)
//!                  ──dp::align──────────▶ beads (1-0 … 1-5, 2-2, 2-3 …), coarse to fine in a band
//! ```
//!
//! The length ratio is the pair's own (English letters per Chinese character), and each bead
//! gets a confidence from its similarity and length fit.

pub mod dp;
pub mod features;
pub mod input;
pub mod lexicon;
pub mod phrases;
pub mod propose;
pub mod words;

use std::fmt;

use serde::Serialize;

pub use dp::Params;
pub use features::Mark;
pub use lexicon::Lexicon;

use crate::segment::Segmenter;

/// A sentence pair of the translation memory (from alignment).
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct SentenceUnit {
    /// Stable id of the unit.
    pub id: String,
    /// Chinese sentence(s).
    pub zh: String,
    /// The Chinese as the document writes it, when that differs from `zh` (half-width
    /// punctuation, Traditional characters): what a translator's tool must match.
    #[serde(default)]
    pub zh_written: Option<String>,
    /// English sentence(s).
    pub en: String,
    /// The Chinese document.
    pub document: String,
    /// Its year.
    pub year: Option<i32>,
    /// Alignment confidence, 0 … 1.
    pub score: f64,
    /// Whether the confidence is below the threshold for trusting it.
    pub low_confidence: bool,
    /// Where the pair comes from.
    #[serde(default)]
    pub origin: UnitOrigin,
}

/// Where a sentence pair comes from.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum UnitOrigin {
    /// Aligned from a document and its translation.
    #[default]
    Alignment,
    /// A unit of a translation memory (`document` names the memory).
    Memory,
}

impl UnitOrigin {
    /// The name written in `memory.tmx`'s `x-origin` property.
    pub fn name(self) -> &'static str {
        match self {
            UnitOrigin::Alignment => "alignment",
            UnitOrigin::Memory => "translation memory",
        }
    }
}

/// Beads with a confidence below this (more likely wrong than right) are marked as
/// low-confidence in the translation memory and are not used to propose translations.
pub const LOW_CONFIDENCE: f32 = 0.5;

/// One bead: Chinese sentences and the English sentences that translate them (either side
/// may be empty: a sentence left untranslated, or added).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Bead {
    /// 0-based Chinese sentence numbers.
    pub zh: Vec<usize>,
    /// 0-based English sentence numbers.
    pub en: Vec<usize>,
    /// Cosine of the two sides' translated words, 0 … 1.
    pub similarity: f32,
    /// How far the English length is from what the Chinese predicts (Gale–Church δ).
    pub length_misfit: f32,
    /// Confidence that the bead is right, 0 … 1.
    pub confidence: f32,
}

impl fmt::Display for Bead {
    /// The bead format of the gold sets: `[1, 2]:[1]`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let list = |v: &[usize]| {
            v.iter()
                .map(|n| n.to_string())
                .collect::<Vec<_>>()
                .join(", ")
        };
        write!(f, "[{}]:[{}]", list(&self.zh), list(&self.en))
    }
}

/// An alignment of two sentence lists.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Alignment {
    /// The beads, in order; every sentence of both sides is in exactly one.
    pub beads: Vec<Bead>,
    /// English letters per Chinese character in this pair.
    pub length_ratio: f32,
}

/// Aligns sentence lists with a segmenter and a lexicon.
#[derive(Debug)]
pub struct Aligner<'a> {
    segmenter: &'a Segmenter,
    lexicon: &'a Lexicon,
    params: Params,
}

impl<'a> Aligner<'a> {
    /// An aligner with the default parameters.
    pub fn new(segmenter: &'a Segmenter, lexicon: &'a Lexicon) -> Aligner<'a> {
        Aligner {
            segmenter,
            lexicon,
            params: Params::default(),
        }
    }

    /// The same aligner with other parameters.
    pub fn with_params(mut self, params: Params) -> Aligner<'a> {
        self.params = params;
        self
    }

    /// Aligns two sides as read by [`input`], with their structure.
    pub fn align_sides(&self, zh: &input::SideText, en: &input::SideText) -> Alignment {
        self.align_marked(
            &zh.sentence_refs(),
            &en.sentence_refs(),
            &zh.marks,
            &en.marks,
        )
    }

    /// Aligns Chinese sentences with English ones, with no paragraph structure to go by.
    pub fn align(&self, zh: &[&str], en: &[&str]) -> Alignment {
        self.align_marked(zh, en, &[], &[])
    }

    /// Aligns Chinese sentences with English ones; `zh_marks` and `en_marks` (one per
    /// sentence, or empty when unknown) give the paragraph and heading structure, which
    /// weighs as a soft anchor.
    pub fn align_marked(
        &self,
        zh: &[&str],
        en: &[&str],
        zh_marks: &[Mark],
        en_marks: &[Mark],
    ) -> Alignment {
        let mut prepared = features::prepare(zh, en, self.segmenter, self.lexicon);
        if zh_marks.len() == zh.len() && en_marks.len() == en.len() {
            prepared.zh_mark = zh_marks.to_vec();
            prepared.en_mark = en_marks.to_vec();
        }
        let path = dp::align(&prepared, self.params);
        let ratio = path.ratio;
        let beads = path
            .beads
            .iter()
            .zip(path.similarity.iter().zip(&path.delta))
            .map(|(s, (&similarity, &delta))| Bead {
                zh: (s.zh_start..s.zh_start + s.zh_len).collect(),
                en: (s.en_start..s.en_start + s.en_len).collect(),
                similarity,
                length_misfit: delta,
                confidence: confidence(s.zh_len, s.en_len, similarity, delta),
            })
            .collect();
        Alignment {
            beads,
            length_ratio: ratio,
        }
    }
}

/// A bead's confidence: the probability that it is exactly right, from its similarity, its
/// length misfit and its size, by a logistic model fitted on MAC-Dev (strict correctness of
/// 1,329 beads; see `examples/evaluate_align.rs --dump`). 0 for a sentence left unaligned.
pub fn confidence(a: usize, b: usize, similarity: f32, delta: f32) -> f32 {
    if a == 0 || b == 0 {
        return 0.0;
    }
    let d = delta.abs();
    let one_to_one = if a == 1 && b == 1 { 1.0 } else { 0.0 };
    let z = 1.372 + 1.817 * similarity
        - 0.279 * d
        - 0.234 * d.min(4.0).powi(2)
        - 0.453 * (a + b - 2) as f32
        + 0.459 * one_to_one;
    1.0 / (1.0 + (-z).exp())
}

/// The sentence pairs of an alignment as translation-memory units: every bead with text on
/// both sides, its sentences joined with a space (English) or nothing (Chinese).
/// `zh_written` holds the Chinese sentences as the document writes them, parallel to `zh`.
pub fn units(
    document: &str,
    year: Option<i32>,
    (zh, zh_written): (&[&str], &[&str]),
    en: &[&str],
    alignment: &Alignment,
) -> Vec<SentenceUnit> {
    alignment
        .beads
        .iter()
        .filter(|b| !b.zh.is_empty() && !b.en.is_empty())
        .map(|b| {
            let zh_text: String = b.zh.iter().map(|&i| zh[i]).collect();
            let written: String =
                b.zh.iter()
                    .map(|&i| zh_written.get(i).unwrap_or(&zh[i]))
                    .copied()
                    .collect();
            let en_text = b.en.iter().map(|&j| en[j]).collect::<Vec<_>>().join(" ");
            SentenceUnit {
                id: format!("{document}#{}", b),
                zh_written: (written != zh_text).then_some(written),
                zh: zh_text,
                en: en_text,
                document: document.to_string(),
                year,
                score: f64::from(b.confidence),
                low_confidence: b.confidence < LOW_CONFIDENCE,
                origin: UnitOrigin::Alignment,
            }
        })
        .collect()
}

/// Parses one line of the bead format (`[0, 1]:[2]`).
pub fn parse_bead(line: &str) -> Option<(Vec<usize>, Vec<usize>)> {
    let (zh, en) = line.trim().split_once(':')?;
    let list = |s: &str| -> Option<Vec<usize>> {
        let inner = s.trim().strip_prefix('[')?.strip_suffix(']')?;
        inner
            .split(',')
            .map(str::trim)
            .filter(|x| !x.is_empty())
            .map(|x| x.parse().ok())
            .collect()
    };
    Some((list(zh)?, list(en)?))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn beads_print_and_parse_in_the_gold_format() {
        let bead = Bead {
            zh: vec![1, 2],
            en: vec![1],
            similarity: 0.5,
            length_misfit: 0.0,
            confidence: 0.9,
        };
        assert_eq!(bead.to_string(), "[1, 2]:[1]");
        assert_eq!(parse_bead("[1, 2]:[1]"), Some((vec![1, 2], vec![1])));
        assert_eq!(parse_bead("[3]:[]"), Some((vec![3], vec![])));
        assert_eq!(parse_bead("[x]:[1]"), None);
    }

    #[test]
    fn aligns_a_short_speech_with_its_translation() {
        let seg = Segmenter::new();
        let lex = Lexicon::default();
        let zh = [
            "各位同事：",
            "很高兴在阿斯塔纳同大家见面。",
            "过去一年，上海合作组织取得了新的进展，成员国之间的合作不断深化，我们在安全、经济、人文等领域的合作成果丰硕。",
            "谢谢大家。",
        ];
        let en = [
            "Dear colleagues,",
            "I am glad to meet you all in Astana.",
            "Over the past year the Shanghai Cooperation Organization has made new progress.",
            "Cooperation among member states has deepened, with rich results in security, the economy and people-to-people exchanges.",
            "Thank you.",
        ];
        let a = Aligner::new(&seg, &lex).align(&zh, &en);
        let beads: Vec<String> = a.beads.iter().map(|b| b.to_string()).collect();
        assert_eq!(beads, ["[0]:[0]", "[1]:[1]", "[2]:[2, 3]", "[3]:[4]"]);
    }

    mod properties {
        use super::*;
        use proptest::prelude::*;
        use std::sync::LazyLock;

        static SEGMENTER: LazyLock<Segmenter> = LazyLock::new(Segmenter::new);

        /// Sentences drawn from a few real ones, so that some pairs match and some do not.
        fn sentences(pool: &'static [&'static str]) -> impl Strategy<Value = Vec<&'static str>> {
            proptest::collection::vec(prop::sample::select(pool), 0..25)
        }

        const ZH: &[&str] = &[
            "各位同事：",
            "很高兴在阿斯塔纳同大家见面。",
            "上海合作组织取得了新的进展。",
            "我们要弘扬上海精神。",
            "打击三股势力。",
            "2024年7月4日",
            "谢谢大家。",
            "",
        ];
        const EN: &[&str] = &[
            "Dear colleagues,",
            "I am glad to meet you all in Astana.",
            "The Shanghai Cooperation Organization has made new progress.",
            "We should carry forward the Shanghai Spirit.",
            "We fight the three evil forces.",
            "4 July 2024",
            "Thank you.",
            "",
        ];

        proptest! {
            #![proptest_config(ProptestConfig::with_cases(200))]
            #[test]
            fn every_sentence_is_in_exactly_one_bead_in_order(zh in sentences(ZH), en in sentences(EN)) {
                let lexicon = Lexicon::default();
                let alignment = Aligner::new(&SEGMENTER, &lexicon).align(&zh, &en);
                let zh_seen: Vec<usize> = alignment.beads.iter().flat_map(|b| b.zh.clone()).collect();
                let en_seen: Vec<usize> = alignment.beads.iter().flat_map(|b| b.en.clone()).collect();
                prop_assert_eq!(zh_seen, (0..zh.len()).collect::<Vec<_>>());
                prop_assert_eq!(en_seen, (0..en.len()).collect::<Vec<_>>());
                prop_assert!(alignment.beads.iter().all(|b| !(b.zh.is_empty() && b.en.is_empty())));
                prop_assert!(alignment.beads.iter().all(|b| (0.0..=1.0).contains(&b.confidence)));
            }
        }
    }
}
