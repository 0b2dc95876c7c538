//! What a Chinese word may become in English: CC-CEDICT glosses ([`crate::cedict`]) and the
//! curated glossary, reduced to English stems.
//!
//! The aligner compares a Chinese and an English sentence by the English stems both could
//! stand for, so both sides go through the same stemmer (Snowball English): 合作 gives
//! "cooper", "collabor", "work", "togeth" from "to cooperate; to collaborate; to work together",
//! and "cooperation" in the English text stems to "cooper" too.

use std::collections::{HashMap, HashSet};
use std::sync::LazyLock;

use rust_stemmers::{Algorithm, Stemmer};

use crate::cedict;

/// English words that carry no content of their own (in glosses and in sentences alike), and
/// the words CC-CEDICT uses to describe an entry rather than translate it.
const STOPWORDS: &str =
    "a an the to of and or in on at by for with from as is are was were be been being
    it its this that these those he him his she her they them their we us our you your i me my
    sth sb etc oneself one's used abbr see also pr lit fig cl esp usu
    not no but if so than then there here which who whom whose what when where how why
    do does did done have has had will would shall should can could may might must
    up out into over about after before again all any some such very just only own same
    both each few more most other off once too under until while";

/// The adverbial particles of phrasal verbs (open up, carry out, set off, crack down).
const PARTICLES: &[&str] = &["up", "out", "off", "down"];

static STOP: LazyLock<HashSet<&'static str>> =
    LazyLock::new(|| STOPWORDS.split_whitespace().collect());

/// Words CC-CEDICT uses to describe an entry (grammar, register, origin), left out of glosses
/// only: in a sentence they are ordinary words.
const GLOSS_META: &str =
    "particle emphasis prefix suffix surname classifier noun verb adjective adverb
    literary dialect abbreviation bound taiwan japanese japan transliteration onomatopoeia
    interjection loanword pr lit fig sb sth old archaic variant";

static META: LazyLock<HashSet<&'static str>> =
    LazyLock::new(|| GLOSS_META.split_whitespace().collect());

/// English words for numbers, as digits (so "three" meets 3 and 三).
const NUMBER_WORDS: &[(&str, u64)] = &[
    ("one", 1),
    ("two", 2),
    ("three", 3),
    ("four", 4),
    ("five", 5),
    ("six", 6),
    ("seven", 7),
    ("eight", 8),
    ("nine", 9),
    ("ten", 10),
    ("eleven", 11),
    ("twelve", 12),
    ("twenty", 20),
    ("thirty", 30),
    ("forty", 40),
    ("fifty", 50),
    ("hundred", 100),
    ("thousand", 1000),
];

/// Stems English and looks Chinese words up.
pub struct Lexicon {
    stemmer: Stemmer,
    /// Curated pairs: Chinese term → its English renderings.
    glossary: HashMap<String, Vec<String>>,
}

impl std::fmt::Debug for Lexicon {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Lexicon")
            .field("glossary", &self.glossary.len())
            .finish_non_exhaustive()
    }
}

/// English combining forms and the words they stand for.
const COMBINING_FORMS: [(&str, &str); 5] = [
    ("eco", "ecology"),
    ("bio", "biology"),
    ("agro", "agriculture"),
    ("socio", "society"),
    ("geo", "geography"),
];

impl Default for Lexicon {
    fn default() -> Self {
        Lexicon::new(std::iter::empty())
    }
}

impl Lexicon {
    /// A lexicon of CC-CEDICT and the given curated `(Chinese, English)` pairs.
    pub fn new(glossary: impl IntoIterator<Item = (String, String)>) -> Lexicon {
        let mut map: HashMap<String, Vec<String>> = HashMap::new();
        for (zh, en) in glossary {
            map.entry(zh).or_default().push(en);
        }
        Lexicon {
            stemmer: Stemmer::create(Algorithm::English),
            glossary: map,
        }
    }

    /// The stem of an English word (lower-cased first). A combining form stands for its
    /// word: the "eco" of "eco-environmental" is "ecology" (生态), the "bio" of
    /// "bio-resources" "biology" (生物).
    pub fn stem(&self, word: &str) -> String {
        let lower = word.to_lowercase();
        let word = COMBINING_FORMS
            .iter()
            .find(|(form, _)| *form == lower)
            .map_or(lower.as_str(), |(_, whole)| whole);
        self.stemmer.stem(word).into_owned()
    }

    /// Whether an English word carries no content.
    pub fn is_stopword(word: &str) -> bool {
        STOP.contains(word.to_lowercase().as_str())
    }

    /// The value of an English number word.
    pub fn number_word(word: &str) -> Option<u64> {
        let lower = word.to_lowercase();
        NUMBER_WORDS
            .iter()
            .find(|(w, _)| *w == lower)
            .map(|(_, n)| *n)
    }

    /// Whether an English word is an adverb particle (up, out, off, down).
    pub fn is_particle(word: &str) -> bool {
        PARTICLES.contains(&word.to_lowercase().as_str())
    }

    /// The phrasal verbs of a gloss, as [`Lexicon::phrasal_verb`] spells them ("to open up" →
    /// `open+up`): the particle is a stopword, and a rendering that ends in the verb keeps it
    /// only when the dictionary says the verb takes it (reform and opening up).
    pub fn phrasal_verbs(&self, text: &str) -> Vec<String> {
        let words: Vec<&str> = english_words(text).collect();
        words
            .windows(2)
            .filter(|w| {
                PARTICLES.contains(&w[1].to_lowercase().as_str())
                    && w[0].chars().all(|c| c.is_ascii_alphabetic())
                    && !Lexicon::is_stopword(w[0])
            })
            .map(|w| self.phrasal_verb(w[0], w[1]))
            .collect()
    }

    /// A verb and its particle as one stem: `open+up` for "opening up".
    pub fn phrasal_verb(&self, verb: &str, particle: &str) -> String {
        format!("{}+{}", self.stem(verb), particle.to_lowercase())
    }

    /// The content stems of an English text (a gloss or a rendering).
    pub fn content_stems(&self, text: &str) -> Vec<String> {
        let mut out = Vec::new();
        for word in english_words(text) {
            if word.chars().all(|c| c.is_ascii_alphabetic())
                && !Lexicon::is_stopword(word)
                && word.len() > 1
            {
                out.push(self.stem(word));
            }
        }
        out
    }

    /// Whether the curated glossary gives `word` an English rendering.
    pub fn is_curated(&self, word: &str) -> bool {
        self.glossary.contains_key(word)
    }

    /// The English stems a Chinese word may stand for: its curated renderings, then its
    /// CC-CEDICT glosses; a word the dictionary lacks is looked up in its dictionary parts.
    pub fn translations(&self, word: &str) -> Vec<String> {
        let mut stems: Vec<String> = Vec::new();
        let add = |s: String, stems: &mut Vec<String>| {
            if !stems.contains(&s) {
                stems.push(s);
            }
        };
        for en in self.glossary.get(word).into_iter().flatten() {
            for s in self.content_stems(en) {
                add(s, &mut stems);
            }
        }
        // A word the dictionary lacks (a compound jieba made) is read in its dictionary parts.
        let glosses: Vec<&str> = match cedict::glosses(word) {
            Some(senses) => senses.collect(),
            None if word.chars().count() > 1 => cedict::tokenize(word)
                .into_iter()
                .filter_map(cedict::glosses)
                .flatten()
                .collect(),
            None => Vec::new(),
        };
        for gloss in glosses {
            let gloss = strip_references(gloss);
            let words = english_words(&gloss).filter(|w| !META.contains(w.to_lowercase().as_str()));
            let text = words.collect::<Vec<_>>().join(" ");
            for s in self
                .content_stems(&text)
                .into_iter()
                .chain(self.phrasal_verbs(&text))
            {
                add(s, &mut stems);
            }
        }
        stems
    }
}

/// A gloss without its cross-references (`沪[Hu4]`, `CL:個|个[ge4]`).
fn strip_references(gloss: &str) -> String {
    let mut out = String::with_capacity(gloss.len());
    let mut depth = 0usize;
    for c in gloss.chars() {
        match c {
            '[' => depth += 1,
            ']' => depth = depth.saturating_sub(1),
            _ if depth > 0 => {}
            _ if c.is_ascii() => out.push(c),
            _ => out.push(' '),
        }
    }
    if let Some(at) = out.find("CL:") {
        out.truncate(at);
    }
    out
}

/// Whether a dictionary stem and a sentence stem are the same word: equal, or one the start
/// of the other when both are long enough (the stemmer leaves "threat" and "threaten" apart).
pub fn same_stem(gloss: &str, word: &str) -> bool {
    gloss == word
        || (gloss.len().min(word.len()) >= 5
            && (gloss.starts_with(word) || word.starts_with(gloss)))
}

/// The words of English text: runs of letters (with inner apostrophes) or of digits.
pub fn english_words(text: &str) -> impl Iterator<Item = &str> {
    text.split(|c: char| !(c.is_alphanumeric() || c == '\'' || c == '’'))
        .map(|w| w.trim_matches(|c| c == '\'' || c == '’'))
        .filter(|w| !w.is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn phrasal_verbs_keep_their_particle() {
        let lex = Lexicon::default();
        assert_eq!(lex.phrasal_verbs("reform and opening up"), ["open+up"]);
        assert_eq!(
            lex.phrasal_verbs("to carry out; to implement"),
            ["carri+out"]
        );
        assert!(lex.phrasal_verbs("up to the top").is_empty());
        assert!(lex.translations("开放").contains(&"open+up".to_string()));
    }

    #[test]
    fn glosses_become_stems_without_their_references() {
        let lex = Lexicon::default();
        let stems = lex.translations("合作");
        assert!(stems.contains(&"cooper".to_string()), "{stems:?}");
        assert!(!stems.iter().any(|s| s == "to" || s == "the"));
        let gloss = strip_references("Shanghai municipality (short name 滬|沪[Hu4])");
        assert_eq!(
            lex.content_stems(&gloss),
            ["shanghai", "municip", "short", "name"]
        );
        assert_eq!(
            strip_references("individual; CL:個|个[ge4]").trim(),
            "individual;"
        );
    }

    #[test]
    fn curated_pairs_come_first_and_unknown_words_fall_back_to_their_parts() {
        let lex = Lexicon::new([("上海精神".to_string(), "Shanghai Spirit".to_string())]);
        assert_eq!(
            lex.translations("上海精神")[..2],
            ["shanghai".to_string(), "spirit".to_string()]
        );
        // Not a dictionary word: its parts are.
        let parts = lex.translations("合作机制");
        assert!(
            parts.contains(&"cooper".to_string()) && parts.contains(&"mechan".to_string()),
            "{parts:?}"
        );
    }

    #[test]
    fn a_dictionary_label_is_an_ordinary_word_in_a_sentence() {
        // CC-CEDICT marks old usages "(old)"; "Old friends" keeps its adjective.
        assert!(!Lexicon::is_stopword("Old"));
        assert!(META.contains("old"));
        assert!(Lexicon::is_stopword("the"));
    }

    #[test]
    fn english_words_keep_digits_and_inner_apostrophes() {
        let words: Vec<&str> = english_words("She'd said: “2014 was Chen’s year.”").collect();
        assert_eq!(words, ["She'd", "said", "2014", "was", "Chen’s", "year"]);
        assert_eq!(Lexicon::number_word("Three"), Some(3));
    }
}
