//! Checking translations against the glossary: in each aligned sentence pair where a curated
//! Chinese term occurs and none of its approved English renderings does, a finding.
//!
//! A rendering counts as present when its content words occur in the English in order, word
//! after word, compared by stem and ignoring function words and case: "the Shanghai Spirit"
//! and "Shanghai Spirit's" both hold "Shanghai Spirit", "member states" holds "member state".
//! A deprecated or superseded rendering found instead is named in the finding, and
//! [`name_renderings`] names the English the translation used for the term, from the word
//! alignment of all the pairs checked.

use std::collections::{BTreeMap, HashMap};

use aho_corasick::MatchKind;
use serde::Serialize;

use super::Status;
use super::curated::Curated;
use crate::align::lexicon::{Lexicon, english_words};
use crate::align::phrases::{self, Rendered};
use crate::align::propose;
use crate::align::words::WordAlignOptions;
use crate::align::{Alignment, Bead};
use crate::segment::Segmenter;

/// What the glossary says of one Chinese term.
#[derive(Debug, Clone, Default)]
pub struct Expected {
    /// Approved renderings (preferred, admitted).
    pub approved: Vec<String>,
    /// Renderings to avoid (deprecated, superseded).
    pub avoided: Vec<String>,
}

/// The curated terms to check: Chinese (normalised) → renderings.
pub fn expectations(curated: &Curated) -> BTreeMap<String, Expected> {
    let mut out: BTreeMap<String, Expected> = BTreeMap::new();
    for e in curated.entries() {
        if e.en.is_empty() {
            continue;
        }
        let entry = out.entry(e.zh.clone()).or_default();
        match e.status {
            Status::Preferred | Status::Admitted => entry.approved.push(e.en.to_string()),
            Status::Deprecated | Status::Superseded => entry.avoided.push(e.en.to_string()),
            Status::Rejected => {}
        }
    }
    out.retain(|_, e| !e.approved.is_empty());
    out
}

/// One term rendered otherwise than the glossary says.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Finding {
    /// The Chinese document.
    pub document: String,
    /// Its sentence numbers (0-based).
    pub zh_sentences: Vec<usize>,
    /// The English sentence numbers.
    pub en_sentences: Vec<usize>,
    /// The Chinese term.
    pub term: String,
    /// The approved renderings, none of which the English has.
    pub expected: Vec<String>,
    /// Renderings to avoid that the English has.
    pub found_deprecated: Vec<String>,
    /// The English the translation used for the term, where the word alignment shows it.
    pub used: Option<String>,
    /// The Chinese text.
    pub zh_text: String,
    /// The English text.
    pub en_text: String,
}

/// Checks one aligned pair of documents.
pub fn check(
    document: &str,
    zh: &[&str],
    en: &[&str],
    alignment: &Alignment,
    expected: &BTreeMap<String, Expected>,
    lexicon: &Lexicon,
) -> Vec<Finding> {
    let terms: Vec<&String> = expected.keys().collect();
    if terms.is_empty() {
        return Vec::new();
    }
    // Leftmost-longest: 上海合作组织成员国 is checked as itself, not also as 成员国.
    let matcher = crate::matcher::matcher(&terms, MatchKind::LeftmostLongest);
    let stems = |text: &str| -> Vec<String> {
        english_words(text)
            .filter(|w| !Lexicon::is_stopword(w))
            .map(|w| lexicon.stem(w.trim_end_matches("'s").trim_end_matches("’s")))
            .collect()
    };
    let holds = |sentence: &[String], rendering: &str| {
        let wanted = stems(rendering);
        !wanted.is_empty()
            && sentence
                .windows(wanted.len())
                .any(|w| w == wanted.as_slice())
    };
    let mut findings = Vec::new();
    for bead in alignment
        .beads
        .iter()
        .filter(|b| !b.zh.is_empty() && !b.en.is_empty())
    {
        let (zh_text, en_text) = bead_text(bead, zh, en);
        let en_stems = stems(&en_text);
        let mut seen = std::collections::BTreeSet::new();
        for m in matcher.find_iter(&zh_text) {
            let term = terms[m.pattern().as_usize()];
            if !seen.insert(term) {
                continue;
            }
            let e = &expected[term];
            if e.approved.iter().any(|r| holds(&en_stems, r)) {
                continue;
            }
            findings.push(Finding {
                document: document.to_string(),
                zh_sentences: bead.zh.clone(),
                en_sentences: bead.en.clone(),
                term: term.clone(),
                expected: e.approved.clone(),
                found_deprecated: e
                    .avoided
                    .iter()
                    .filter(|r| holds(&en_stems, r))
                    .cloned()
                    .collect(),
                used: None,
                zh_text: zh_text.clone(),
                en_text: en_text.clone(),
            });
        }
    }
    findings
}

/// The texts of a bead: its Chinese sentences joined, its English ones joined with a space.
fn bead_text(bead: &Bead, zh: &[&str], en: &[&str]) -> (String, String) {
    let zh_text: String = bead.zh.iter().map(|&i| zh[i]).collect();
    let en_text = bead.en.iter().map(|&j| en[j]).collect::<Vec<_>>().join(" ");
    (zh_text, en_text)
}

/// The sentence pairs of an alignment (beads with both sides), as [`check`] reads them.
pub fn bead_texts(zh: &[&str], en: &[&str], alignment: &Alignment) -> Vec<(String, String)> {
    alignment
        .beads
        .iter()
        .filter(|b| !b.zh.is_empty() && !b.en.is_empty())
        .map(|b| bead_text(b, zh, en))
        .collect()
}

/// Fills each finding's `used`: the English its term is aligned to in its pair, from the word
/// alignment of `pairs` (every aligned pair checked, the findings' among them: the more pairs,
/// the better the word alignment).
pub fn name_renderings(
    findings: &mut [Finding],
    pairs: &[(String, String)],
    segmenter: &Segmenter,
    lexicon: &Lexicon,
) {
    if findings.is_empty() {
        return;
    }
    let refs: Vec<(&str, &str)> = pairs
        .iter()
        .map(|(z, e)| (z.as_str(), e.as_str()))
        .collect();
    let aligned = phrases::word_align(&refs, segmenter, lexicon, &WordAlignOptions::default());
    let index: HashMap<(&str, &str), usize> =
        refs.iter().enumerate().map(|(k, p)| (*p, k)).collect();
    for finding in findings.iter_mut() {
        let Some(&k) = index.get(&(finding.zh_text.as_str(), finding.en_text.as_str())) else {
            continue;
        };
        let Some(from) = finding.zh_text.find(&finding.term) else {
            continue;
        };
        let glosses = propose::term_glosses(&finding.term, segmenter, lexicon);
        let span = (from, from + finding.term.len());
        if let Rendered::Span(a, b) =
            aligned[k].rendering(&finding.zh_text, &finding.en_text, span, &glosses, lexicon)
        {
            finding.used = Some(finding.en_text[a..b].to_string());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn bead(zh: usize, en: usize) -> Bead {
        Bead {
            zh: vec![zh],
            en: vec![en],
            similarity: 1.0,
            length_misfit: 0.0,
            confidence: 1.0,
        }
    }

    #[test]
    fn flags_a_term_rendered_otherwise_and_names_the_deprecated_form() {
        let curated = Curated::parse(
            std::path::Path::new("c.csv"),
            "id,zh,en,status\nc1,上海精神,Shanghai Spirit,preferred\nc1,上海精神,spirit of Shanghai,deprecated\nc2,成员国,member state,preferred\nc3,上海合作组织成员国,SCO member states,preferred\n".as_bytes(),
        )
        .unwrap();
        let expected = expectations(&curated);
        let zh = [
            "我们要弘扬上海精神。",
            "成员国要团结。",
            "上海合作组织成员国支持这一倡议。",
            "上海精神是共同价值。",
        ];
        let en = [
            "We should carry forward the spirit of Shanghai.",
            "Member states should stand together.",
            "SCO member states support the initiative.",
            "The Shanghai Spirit's values are shared.",
        ];
        let alignment = Alignment {
            beads: (0..4).map(|k| bead(k, k)).collect(),
            length_ratio: 3.0,
        };
        let findings = check(
            "speech.txt",
            &zh,
            &en,
            &alignment,
            &expected,
            &Lexicon::default(),
        );
        assert_eq!(findings.len(), 1, "{findings:?}");
        let f = &findings[0];
        assert_eq!(
            (f.term.as_str(), f.zh_sentences.as_slice()),
            ("上海精神", [0].as_slice())
        );
        assert_eq!(f.expected, ["Shanghai Spirit"]);
        assert_eq!(f.found_deprecated, ["spirit of Shanghai"]);
    }
}
