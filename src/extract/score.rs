//! Scoring: pure functions over counts.
//!
//! - [`npmi`], [`llr`]: how tightly the parts of a phrase belong together;
//! - [`branching_entropy`]: how freely a phrase combines with what stands beside it (a fragment
//!   such as 合作组 has one right neighbour, 织; a term has many);
//! - [`cvalue_share`]: the C-value idea, the share of a phrase's occurrences that are not
//!   inside a longer candidate (命运共同体 keeps the occurrences outside 人类命运共同体);
//!   the ranking uses the exact standalone share that counting on the text gives;
//! - [`termhood`]: how much more frequent a single word is here than in general Chinese;
//! - [`score`]: the combination used for ranking.

/// Normalised pointwise mutual information of `joint` occurrences of `x y` given `x` and `y`
/// occur `left` and `right` times among `n` tokens: 1 when they always occur together.
pub fn npmi(joint: f64, left: f64, right: f64, n: f64) -> f64 {
    if joint <= 0.0 || left <= 0.0 || right <= 0.0 || n <= 0.0 {
        return -1.0;
    }
    let p_xy = joint / n;
    let pmi = (p_xy / ((left / n) * (right / n))).ln();
    let denom = -p_xy.ln();
    if denom <= 0.0 {
        1.0
    } else {
        (pmi / denom).clamp(-1.0, 1.0)
    }
}

/// Dunning's log-likelihood ratio (G²) for the 2×2 table of `x` followed by `y`.
pub fn llr(joint: f64, left: f64, right: f64, n: f64) -> f64 {
    let k11 = joint;
    let k12 = (left - joint).max(0.0);
    let k21 = (right - joint).max(0.0);
    let k22 = (n - left - right + joint).max(0.0);
    let h = |ks: &[f64]| {
        let total: f64 = ks.iter().sum();
        ks.iter()
            .filter(|&&k| k > 0.0)
            .map(|&k| k * (k / total).ln())
            .sum::<f64>()
    };
    let g2 =
        2.0 * (h(&[k11, k12, k21, k22]) - h(&[k11 + k12, k21 + k22]) - h(&[k11 + k21, k12 + k22]));
    g2.max(0.0)
}

/// Entropy (natural log) of a phrase's neighbours on one side. `counts` are the occurrences of
/// each distinct neighbouring character; `boundaries` are occurrences at punctuation or a
/// sentence edge, each counted as a neighbour of its own (a boundary never binds a fragment).
pub fn branching_entropy(counts: impl IntoIterator<Item = u64>, boundaries: u64) -> f64 {
    let counts: Vec<u64> = counts.into_iter().filter(|&c| c > 0).collect();
    let total = (counts.iter().sum::<u64>() + boundaries) as f64;
    if total <= 0.0 {
        return 0.0;
    }
    let spread: f64 = counts
        .iter()
        .map(|&c| {
            let p = c as f64 / total;
            -p * p.ln()
        })
        .sum();
    spread + boundaries as f64 / total * total.ln()
}

/// The C-value idea as a share: `1 − (mean count of the longer candidates that contain it) /
/// count`. 1 when it never occurs inside a longer candidate, 0 when it only ever does.
pub fn cvalue_share(count: f64, containers: &[f64]) -> f64 {
    if count <= 0.0 {
        return 0.0;
    }
    if containers.is_empty() {
        return 1.0;
    }
    let mean = containers.iter().sum::<f64>() / containers.len() as f64;
    (1.0 - mean / count).clamp(0.0, 1.0)
}

/// How much more frequent a single dictionary word is in the corpus than in general Chinese
/// (log ratio of relative frequencies, floored at 0). Words the general dictionary lacks are
/// not judged here (`None`).
pub fn termhood(
    corpus_count: f64,
    corpus_total: f64,
    general_count: Option<f64>,
    general_total: f64,
) -> Option<f64> {
    let general = general_count?;
    if corpus_total <= 0.0 || general_total <= 0.0 {
        return None;
    }
    let corpus_rel = corpus_count / corpus_total;
    let general_rel = (general + 1.0) / general_total;
    Some((corpus_rel / general_rel).ln().max(0.0))
}

/// Everything the ranking looks at for one candidate.
#[derive(Debug, Clone, Copy, Default, PartialEq, serde::Serialize)]
pub struct Features {
    /// Occurrences in the text.
    pub total: u64,
    /// Documents it occurs in.
    pub docs: u32,
    /// Distinct years it occurs in.
    pub years: u32,
    /// Characters.
    pub chars: u32,
    /// Tokens (jieba words) it is made of.
    pub tokens: u32,
    /// Normalised PMI at its weakest split (multi-token candidates).
    pub npmi: Option<f64>,
    /// Log-likelihood ratio at its weakest split.
    pub llr: Option<f64>,
    /// Entropy of its left neighbours.
    pub left_entropy: f64,
    /// Entropy of its right neighbours.
    pub right_entropy: f64,
    /// Share of its occurrences outside longer candidates (standalone / total).
    pub standalone_share: f64,
    /// The C-value share: `1 − mean count of the longer candidates containing it / count`.
    pub cvalue_share: f64,
    /// Log ratio of corpus to general frequency (single dictionary words).
    pub termhood: Option<f64>,
    /// Whether it is a long phrase of five words or more that no suffix names as a body, event
    /// or document and no mark holds together: such runs are mostly clauses.
    pub long_phrase: bool,
    /// Whether it is an ordinary word: one word of jieba's general dictionary, not a name,
    /// organisation, document or event.
    pub dictionary_word: bool,
    /// Times it stood alone in quotation or book-title marks.
    pub marked: u32,
    /// Whether it is an enumeration repeated as a formula.
    pub enumeration: bool,
    /// Whether it is a place and a generic noun (中亚国家, 非洲国家, 中塔关系): the English is
    /// made of the place's and the noun's, nothing to fix in a glossary.
    pub place_and_generic_noun: bool,
    /// Whether it names a body, a document, an event or a person (its type): a name has one
    /// rendering that a translator must look up, whatever its frequency.
    pub named: bool,
    /// Whether it is an idiom of general Chinese ([`crate::segment::Segmenter::is_idiom`]).
    pub idiom: bool,
}

/// Branching entropy relative to the most a phrase seen `total` times can have (`ln total`):
/// 0 for a fragment with one neighbour, 1 when every neighbour differs.
pub fn relative_entropy(entropy: f64, total: u64) -> f64 {
    if total < 2 {
        return 0.0;
    }
    (entropy / (total as f64).ln()).clamp(0.0, 1.0)
}

/// The factor for a name ([`Features::named`]), chosen on the two judged lists of
/// `tests/fixtures/terms/` among 1.0 to 1.3 (the sweep is in the README's term quality
/// section): a larger one also lifts phrases typed as bodies by a generic suffix (国家和国际组织,
/// 主持会议).
const NAME_BONUS: f64 = 1.2;

/// How much a longer text counts as evidence of a unit: `(chars / 4)^LENGTH_EXPONENT` above
/// four characters (C-value weighs a term by the log of its length for the same reason: a long
/// run of words recurs by chance far less often than a short one). Chosen on the gold list and
/// the two judged lists of `tests/fixtures/terms/` (the sweep is in the README's term quality
/// section): larger exponents lift clauses (单边制裁违反国际法, 全国人民代表大会每届任期相同).
const LENGTH_EXPONENT: f64 = 0.1;

/// Beyond this many characters, length is no more evidence of a unit.
const LONGEST_EVIDENT_CHARS: f64 = 12.0;

/// The factor for an unmarked idiom ([`Features::idiom`]), as for an ordinary word of three
/// characters.
const IDIOM_DISCOUNT: f64 = 0.7;

/// The ranking score (higher is better): the product of
///
/// - frequency, `√ln(1 + total)`: recurring is what matters, beyond that frequency counts for
///   little (a term seen three times matters as much to a translator as one seen thirty);
/// - length, `(chars / 4)^0.1` from 4 to 12 characters: a long run that recurs twice is a
///   name or a formula (应对安全威胁和挑战综合中心) more often than a short one is;
/// - spread over documents and years;
/// - unithood: relative branching entropy (its weaker side) and, for a phrase of several
///   words, normalised PMI at its weakest split;
/// - independence (the C-value idea): one minus the mean count of the longer candidates that
///   contain it over its own count;
/// - a discount for an ordinary word of the general dictionary (峰会, 倡议, 合作): a general
///   dictionary already translates those, a glossary earns its keep on phrases, names and
///   coinages; two-character words are the core vocabulary and are discounted most;
/// - a bonus for phrases the texts mark as units (quotation or book-title marks, formulae);
/// - a discount for a long run of five words or more that is neither a name (of a body, event
///   or document) nor marked: repeated runs that long are mostly clauses;
/// - a discount for a place followed by a generic noun ([`Features::place_and_generic_noun`]);
/// - a bonus for a name ([`Features::named`]): of two phrases seen as often, the name of a body,
///   document, event or person is the one a translator cannot guess;
/// - a discount for an idiom of general Chinese that the texts do not mark ([`Features::idiom`]):
///   mostly predicates (和平解决, 全面落实), and a dictionary's business.
///
/// Termhood against general Chinese ([`termhood`]) is reported but not used: jieba's general
/// frequencies come from news, where 联合国 and 发展中国家 are as common as 合作.
pub fn score(f: &Features) -> f64 {
    let frequency = (1.0 + f.total as f64).ln().sqrt();
    let spread =
        1.0 + 0.08 * f64::from(f.docs.max(1)).ln() + 0.05 * f64::from(f.years.saturating_sub(1));
    let entropy = relative_entropy(f.left_entropy.min(f.right_entropy), f.total).sqrt();
    let association = match f.npmi {
        Some(npmi) => 0.6 + 0.4 * npmi.max(0.0),
        None => 1.0,
    };
    let independence = f.cvalue_share.powf(0.35);
    let ordinary_word = match (f.dictionary_word, f.chars) {
        (false, _) => 1.0,
        (true, 0..=2) => 0.4,
        (true, 3) => 0.7,
        (true, _) => 0.85,
    };
    // A formula is one when the texts repeat it (three times or more).
    let marks = if f.marked > 0 || (f.enumeration && f.total >= 3) {
        1.5
    } else {
        1.0
    };
    let length = if f.long_phrase { 0.5 } else { 1.0 };
    let compositional = if f.place_and_generic_noun { 0.5 } else { 1.0 };
    let name = if f.named { NAME_BONUS } else { 1.0 };
    let idiom = if f.idiom && f.marked == 0 {
        IDIOM_DISCOUNT
    } else {
        1.0
    };
    let longer = (f64::from(f.chars).clamp(4.0, LONGEST_EVIDENT_CHARS) / 4.0).powf(LENGTH_EXPONENT);
    longer
        * name
        * idiom
        * compositional
        * frequency
        * spread
        * entropy
        * association
        * independence
        * ordinary_word
        * marks
        * length
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn npmi_is_one_for_inseparable_parts_and_zero_for_independent_ones() {
        assert!((npmi(10.0, 10.0, 10.0, 1000.0) - 1.0).abs() < 1e-9);
        // p(x)p(y) = p(xy): independent.
        assert!(npmi(1.0, 10.0, 100.0, 1000.0).abs() < 1e-9);
    }

    #[test]
    fn llr_matches_a_hand_computed_table() {
        // k = [[10, 0], [0, 990]], N = 1000: G² = 2 Σ k ln(k N / (row col)).
        let expected = 2.0 * (10.0 * 100f64.ln() + 990.0 * (1000.0f64 / 990.0).ln());
        assert!((llr(10.0, 10.0, 10.0, 1000.0) - expected).abs() < 1e-9);
        assert!(llr(1.0, 10.0, 100.0, 1000.0) < 1e-9);
    }

    #[test]
    fn entropy_is_zero_for_one_neighbour_and_grows_with_boundaries() {
        assert_eq!(branching_entropy([5], 0), 0.0);
        assert!((branching_entropy([1, 1], 0) - 2f64.ln()).abs() < 1e-12);
        assert!((branching_entropy([], 2) - 2f64.ln()).abs() < 1e-12);
    }

    #[test]
    fn independence_is_the_share_outside_longer_terms() {
        assert_eq!(cvalue_share(30.0, &[]), 1.0);
        assert!((cvalue_share(30.0, &[12.0]) - 0.6).abs() < 1e-12);
        assert_eq!(cvalue_share(12.0, &[12.0]), 0.0);
    }

    #[test]
    fn names_rank_above_phrases_and_unmarked_idioms_below() {
        let phrase = Features {
            total: 3,
            docs: 2,
            years: 1,
            chars: 4,
            tokens: 2,
            left_entropy: 3f64.ln(),
            right_entropy: 3f64.ln(),
            cvalue_share: 1.0,
            ..Features::default()
        };
        let name = Features {
            named: true,
            ..phrase
        };
        let idiom = Features {
            idiom: true,
            ..phrase
        };
        let quoted_idiom = Features { marked: 1, ..idiom };
        assert!(score(&name) > score(&phrase));
        assert!(score(&idiom) < score(&phrase));
        // Quotation marks vouch for an idiom as a formula of the texts.
        assert!(score(&quoted_idiom) > score(&phrase));
    }

    #[test]
    fn termhood_favours_words_rarer_in_general_chinese() {
        let common = termhood(50.0, 10_000.0, Some(68_665.0), 60_101_964.0).unwrap();
        let special = termhood(50.0, 10_000.0, Some(102.0), 60_101_964.0).unwrap();
        assert!(special > common);
        assert_eq!(termhood(1.0, 10.0, None, 1.0), None);
    }
}
