//! Word segmentation: the only module that knows about jieba.
//!
//! Facts about jieba-rs 0.11 this module owns, so no other module has to:
//!
//! - `Jieba::new()` loads a whole dictionary: build one [`Segmenter`] per run and pass
//!   `&Segmenter`.
//! - A user word needs an explicit frequency or it never wins; protected terms get the
//!   frequency jieba itself suggests for keeping them whole ([`Jieba::suggest_freq`]).
//! - Full-width letters and digits are cut one by one, and a term with a space is never whole:
//!   text must be normalised ([`crate::corpus::normalize`]) before it comes here.
//! - The default dictionary's frequencies (60,101,964 in all) are a general-language reference:
//!   [`Segmenter::general_frequency`] reads them back for single dictionary words.

use jieba_rs::Jieba;

/// Sum of all frequencies in jieba-rs 0.11's default dictionary (`src/data/dict.txt`).
pub const GENERAL_TOTAL: u64 = 60_101_964;

/// What the segmenter's dictionary is, for [`Segmenter::fingerprint`]: change it when the
/// jieba-rs version or the way terms are protected changes.
const DICTIONARY: &str = "jieba-rs 0.11 default dictionary; protected terms at suggest_freq";

/// How often a verb is seen in jieba's general dictionary to count as common
/// ([`Segmenter::is_common_verb`]).
pub const COMMON_VERB_FREQ: u64 = 1000;

/// How often a verb's quality noun (独立性) is seen for the verb to count as an adjective too.
pub const QUALITY_NOUN_FREQ: u64 = 30;

/// A name is rare in general Chinese: jieba's dictionary has 习近平 at 4, 文明 at 6,589.
pub const NAME_MAX_GENERAL_FREQ: u64 = 100;

/// jieba, with the project's protected terms.
pub struct Segmenter {
    jieba: Jieba,
    /// The terms protected, in the order given.
    protected: Vec<String>,
    /// How jieba saw each protected term before it was protected.
    before: std::collections::HashMap<String, BeforeProtection>,
}

/// How jieba saw a term before it was protected: protecting adds it to the dictionary, and
/// the general-Chinese judgements (an ordinary word? a personal name?) are about jieba's own
/// dictionary, not ours.
#[derive(Debug, Clone, Copy)]
struct BeforeProtection {
    /// It looked like a personal name ([`Segmenter::looks_like_a_personal_name`]).
    personal_name: bool,
    /// Its frequency in jieba's dictionary (`None`: not a word of it).
    general_frequency: Option<u64>,
    /// jieba tagged it a place name (`ns`).
    place: bool,
}

impl std::fmt::Debug for Segmenter {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Segmenter").finish_non_exhaustive()
    }
}

impl Default for Segmenter {
    fn default() -> Self {
        Segmenter::new()
    }
}

impl Segmenter {
    /// A segmenter with jieba's default dictionary.
    pub fn new() -> Segmenter {
        Segmenter {
            jieba: Jieba::new(),
            protected: Vec::new(),
            before: std::collections::HashMap::new(),
        }
    }

    /// A segmenter that never cuts `terms` (for example the curated glossary's Chinese terms).
    pub fn with_terms<'a>(terms: impl IntoIterator<Item = &'a str>) -> Segmenter {
        let mut segmenter = Segmenter::new();
        for term in terms {
            segmenter.protect(term);
        }
        segmenter
    }

    /// Adds `term` to the dictionary with a frequency high enough to keep it whole.
    /// Terms with spaces or punctuation other than `—` and `·` cannot be kept whole by jieba
    /// and are left out.
    pub fn protect(&mut self, term: &str) {
        let term = term.trim();
        if term.chars().count() < 2 || term.chars().any(|c| c.is_whitespace()) {
            return;
        }
        let before = BeforeProtection {
            personal_name: self.looks_like_a_personal_name(term),
            general_frequency: self.general_frequency(term),
            place: self.tagged_a_place(term),
        };
        self.before.insert(term.to_string(), before);
        let freq = self.jieba.suggest_freq(term);
        self.jieba.add_word(term, Some(freq), Some("n"));
        self.protected.push(term.to_string());
    }

    /// The protected terms, in the order given.
    pub fn protected(&self) -> &[String] {
        &self.protected
    }

    /// Whether a single character makes a word with what stands beside it, rather than
    /// standing apart as a function word: 白 (white) in 白俄罗斯, but not
    /// 本 (this) in 本行政区域, 前 (former) in 前苏联 or 被 in 被选举权. jieba's tag decides:
    /// pronouns, prepositions, conjunctions, particles, place words and adverbs stand apart.
    /// Classifiers and numerals bind: 家 in 发展中国家 is no classifier.
    pub fn binds(&self, character: &str) -> bool {
        match self.tags(character).as_slice() {
            [(_, tag)] => !matches!(
                tag.chars().next(),
                Some('r' | 'p' | 'c' | 'u' | 'f' | 'd' | 'e' | 'y' | 'o')
            ),
            _ => true,
        }
    }

    /// A short hash of the dictionary (jieba's and the protected terms): two segmenters with
    /// the same fingerprint cut every text the same way, so cached tokens stay valid.
    pub fn fingerprint(&self) -> String {
        let mut terms: Vec<&str> = self.protected.iter().map(String::as_str).collect();
        terms.sort_unstable();
        terms.dedup();
        let mut hasher = blake3::Hasher::new();
        hasher.update(DICTIONARY.as_bytes());
        for term in terms {
            hasher.update(b"\n");
            hasher.update(term.as_bytes());
        }
        hasher.finalize().to_hex()[..16].to_string()
    }

    /// Cuts normalised text into words (with jieba's HMM for unknown words such as names).
    pub fn cut<'a>(&self, text: &'a str) -> Vec<&'a str> {
        self.words(text).collect()
    }

    /// The words of [`Segmenter::cut`], one by one, for callers that need no list of them.
    pub fn words<'a>(&self, text: &'a str) -> impl Iterator<Item = &'a str> {
        self.jieba.cut(text, true).into_iter().map(|t| t.word)
    }

    /// The dictionary words a single word is made of, as jieba's search mode finds them inside
    /// it, tiled from the left, longest first (上海合作组织 → 上海, 合作, 组织); the word
    /// itself when they do not tile it. A protected term is one word to [`Segmenter::cut`];
    /// this is how its parts are seen (to tell that 上合组织 abbreviates it).
    pub fn parts<'a>(&self, word: &'a str) -> Vec<&'a str> {
        let inside: Vec<(usize, usize)> = self
            .jieba
            .cut_for_search(word, false)
            .into_iter()
            .filter(|t| t.word.len() < word.len())
            .map(|t| {
                let from = t.word.as_ptr() as usize - word.as_ptr() as usize;
                (from, from + t.word.len())
            })
            .collect();
        let mut parts = Vec::new();
        let mut at = 0;
        while at < word.len() {
            let longest = inside
                .iter()
                .filter(|(from, _)| *from == at)
                .map(|(_, to)| *to)
                .max();
            match longest {
                Some(to) => {
                    parts.push(&word[at..to]);
                    at = to;
                }
                None => return vec![word],
            }
        }
        parts
    }

    /// Part-of-speech tags of the words of `text` (jieba's tag set: `n`, `nr`, `ns`, `nt`, …).
    pub fn tags<'a>(&'a self, text: &'a str) -> Vec<(&'a str, &'a str)> {
        self.jieba
            .tag(text, true)
            .into_iter()
            .map(|t| (t.word, t.tag))
            .collect()
    }

    /// Whether jieba sees `text` as a personal name: some word of it tagged `nr`, `nrt` or
    /// `nrfg` (托/卡耶夫, 王毅), and the whole not a common word of the general dictionary
    /// (文明 is tagged `nr`). A protected term is judged as jieba saw it before protection.
    /// A tag is a hint, not evidence: callers look for a title beside the name.
    pub fn looks_like_a_personal_name(&self, text: &str) -> bool {
        if let Some(before) = self.before.get(text) {
            return before.personal_name;
        }
        let tagged = self
            .tags(text)
            .iter()
            .any(|(_, t)| matches!(*t, "nr" | "nrt" | "nrfg"));
        let common = self
            .general_frequency(text)
            .is_some_and(|f| f >= NAME_MAX_GENERAL_FREQ);
        tagged && !common
    }

    /// Whether `word` is one common noun of jieba's general dictionary, tagged `n`: a class
    /// of things (恐怖组织, 立法机构, 恐怖活动), not the name of one (联合国, 安理会 and 国务院 are
    /// tagged `nt`). A protected term is no dictionary word.
    pub fn is_a_common_noun(&self, word: &str) -> bool {
        !self.before.contains_key(word)
            && self.general_frequency(word).is_some()
            && matches!(self.tags(word).as_slice(), [(_, "n")])
    }

    /// Whether jieba tags `word` a place name (`ns`) as one word; a protected term as jieba
    /// tagged it before it was protected (中亚).
    pub fn tagged_a_place(&self, word: &str) -> bool {
        if let Some(before) = self.before.get(word) {
            return before.place;
        }
        matches!(self.tags(word).as_slice(), [(_, "ns")])
    }

    /// Whether `word` is a common verb of general Chinese, the kind that governs an object: a
    /// dictionary word of two characters or more, tagged `v` (not `vn`, a verb that also
    /// serves as a noun: 合作, 发展), seen at least [`COMMON_VERB_FREQ`] times in jieba's
    /// general dictionary (执行, 解决, 截至, 使用). A phrase that opens with one is a verb and
    /// its object (执行党的路线), not a term. A verb whose quality noun is a common word
    /// (独立性, 创新性, 协调性: [`QUALITY_NOUN_FREQ`]) also modifies nouns as an adjective
    /// (独立自主, 创新合作) and does not count.
    pub fn is_common_verb(&self, word: &str) -> bool {
        self.is_common_word_tagged(word, "v")
            && self
                .general_frequency(&format!("{word}性"))
                .is_none_or(|f| f < QUALITY_NOUN_FREQ)
    }

    /// Whether `word` is a common verb that also serves as a noun (tag `vn`: 发展, 合作, 交流),
    /// seen at least [`COMMON_VERB_FREQ`] times. After a name it is the name's action (上海合作组织
    /// + 发展: "the SCO develops", "the SCO's development"), not the head of a term.
    pub fn is_common_action_noun(&self, word: &str) -> bool {
        self.is_common_word_tagged(word, "vn")
    }

    /// Whether `word` is a set phrase of general Chinese: one word of jieba's own dictionary
    /// that it tags `i` (a chengyu or idiom: 和平解决, 全面落实, 休戚与共, 艰苦奋斗). Most are
    /// predicates or adverbs; a general dictionary translates them and their rendering is a
    /// matter of style. A protected term is no idiom: the curated glossary holds it as a term.
    pub fn is_idiom(&self, word: &str) -> bool {
        !self.before.contains_key(word) && self.tagged_alone(word, "i")
    }

    /// Whether `word` is an idiom ([`Segmenter::is_idiom`]) or another fixed expression of
    /// jieba's dictionary (tag `l`: 与时俱进, 一体化): a unit of general Chinese whose meaning is
    /// not the sum of its characters.
    pub fn is_set_phrase(&self, word: &str) -> bool {
        self.is_idiom(word) || (!self.before.contains_key(word) && self.tagged_alone(word, "l"))
    }

    /// A dictionary word of two characters or more, tagged `tag` alone, seen at least
    /// [`COMMON_VERB_FREQ`] times.
    fn is_common_word_tagged(&self, word: &str, tag: &str) -> bool {
        self.tagged_alone(word, tag)
            && self
                .general_frequency(word)
                .is_some_and(|f| f >= COMMON_VERB_FREQ)
    }

    /// A dictionary word of two characters or more that jieba tags `tag`, as one word.
    fn tagged_alone(&self, word: &str, tag: &str) -> bool {
        // Cheapest first: a dictionary lookup, then a tagging.
        word.chars().nth(1).is_some()
            && self.jieba.has_word(word)
            && matches!(self.tags(word).as_slice(), [(_, t)] if *t == tag)
    }

    /// The frequency of `word` in jieba's default dictionary, when it is a single dictionary
    /// word (for a dictionary word, `suggest_freq` returns its frequency plus one). A protected
    /// term has the frequency it had before: 冷战思维 is no ordinary word because the curated
    /// glossary holds it.
    pub fn general_frequency(&self, word: &str) -> Option<u64> {
        if let Some(before) = self.before.get(word) {
            return before.general_frequency;
        }
        self.jieba
            .has_word(word)
            .then(|| self.jieba.suggest_freq(word).saturating_sub(1) as u64)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_protected_word_is_seen_in_its_parts() {
        let seg = Segmenter::with_terms(["上海合作组织"]);
        assert_eq!(seg.cut("上海合作组织"), ["上海合作组织"]);
        assert_eq!(seg.parts("上海合作组织"), ["上海", "合作", "组织"]);
        assert_eq!(seg.parts("组织"), ["组织"]);
        // Protected, not general: the frequency is jieba's own.
        assert_eq!(seg.general_frequency("上海合作组织"), None);
        assert_eq!(
            seg.general_frequency("组织"),
            Segmenter::new().general_frequency("组织")
        );
    }
    use std::sync::LazyLock;

    static SEGMENTER: LazyLock<Segmenter> = LazyLock::new(Segmenter::new);

    #[test]
    fn cuts_official_phrases_into_pieces_without_protection() {
        assert_eq!(SEGMENTER.cut("上海精神"), ["上海", "精神"]);
        assert_eq!(SEGMENTER.cut("三股势力"), ["三股", "势力"]);
    }

    #[test]
    fn protected_terms_stay_whole() {
        let seg = Segmenter::with_terms(["上海精神", "三股势力", "上合组织"]);
        assert_eq!(
            seg.cut("弘扬上海精神，打击三股势力，深化上合组织合作"),
            [
                "弘扬",
                "上海精神",
                "，",
                "打击",
                "三股势力",
                "，",
                "深化",
                "上合组织",
                "合作"
            ]
        );
    }

    #[test]
    fn fingerprint_follows_the_protected_terms_not_their_order() {
        let a = Segmenter::with_terms(["上海精神", "三股势力"]);
        let b = Segmenter::with_terms(["三股势力", "上海精神", "上海精神"]);
        let c = Segmenter::with_terms(["上海精神"]);
        assert_eq!(a.fingerprint(), b.fingerprint());
        assert_ne!(a.fingerprint(), c.fingerprint());
    }

    #[test]
    fn idioms_are_the_words_jieba_tags_i() {
        let segmenter = Segmenter::new();
        assert!(segmenter.is_idiom("和平解决"));
        assert!(segmenter.is_idiom("全面落实"));
        assert!(!segmenter.is_idiom("伙伴关系"));
        assert!(!segmenter.is_idiom("和平共处五项原则"));
        let protected = Segmenter::with_terms(["和平解决"]);
        assert!(!protected.is_idiom("和平解决"));
    }

    #[test]
    fn reads_general_frequencies_back() {
        assert_eq!(SEGMENTER.general_frequency("成员国"), Some(851));
        assert_eq!(SEGMENTER.general_frequency("上海精神"), None);
    }
}
