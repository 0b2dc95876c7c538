//! CC-CEDICT, compiled into the binary as a sorted text table (`src/data/cedict.tsv`:
//! simplified headword, tab, glosses separated by `/`), searched in place.
//!
//! The table is the data the `chinese_dictionary` crate bundles, extracted by
//! `tools/gen-cedict` (CC BY-SA 4.0: see NOTICE). Reading it through that crate made every
//! process deserialise indexes the aligner never uses; a binary search over the sorted bytes
//! needs no loading at all (the cost of each is in `benches/README.md`).

use std::cmp::Ordering;
use std::collections::HashMap;
use std::sync::LazyLock;

/// The whole table, header included.
static TABLE: &str = include_str!("data/cedict.tsv");

/// The table without its `#` header lines.
static BODY: LazyLock<&'static str> = LazyLock::new(|| skip_header(TABLE));

/// The longest headword tried when cutting an unknown word into dictionary words, in chars.
const LONGEST_WORD: usize = 12;

fn skip_header(table: &str) -> &str {
    let mut rest = table;
    while rest.starts_with('#') {
        rest = rest.split_once('\n').map_or("", |(_, after)| after);
    }
    rest
}

/// The glosses of a simplified headword (all its readings), or `None` if it is not in the
/// dictionary. A sense that only refers to another headword (必由之路 "see 必經之路|必经之路
/// [bi4 jing1 zhi1 lu4]", "variant of …") is replaced by that headword's own senses: the
/// reference says the words mean the same, and its text is no English. One step only, so a
/// loop of references ends.
pub fn glosses(word: &str) -> Option<impl Iterator<Item = &'static str>> {
    let senses = find(&BODY, word)?;
    let mut out: Vec<&'static str> = Vec::new();
    for sense in senses.split('/') {
        let target = referenced_headword(sense)
            .filter(|&target| target != word)
            .and_then(|target| find(&BODY, target));
        match target {
            Some(target_senses) => out.extend(
                target_senses
                    .split('/')
                    .filter(|s| referenced_headword(s).is_none()),
            ),
            None => out.push(sense),
        }
    }
    Some(out.into_iter())
}

/// The words with which a sense that is only a cross-reference begins.
const REFERENCES: [&str; 7] = [
    "see ",
    "variant of ",
    "old variant of ",
    "erhua variant of ",
    "archaic variant of ",
    "same as ",
    "now written ",
];

/// The simplified headword a sense refers to when the sense is nothing but a reference
/// (`see 必經之路|必经之路[bi4 jing1 zhi1 lu4]`, `variant of 逼格[bi1 ge2]`); `see also` adds a
/// related word and is no reference of this kind.
fn referenced_headword(sense: &str) -> Option<&str> {
    let rest = REFERENCES
        .iter()
        .find_map(|prefix| sense.trim_start().strip_prefix(prefix))?;
    let (forms, pinyin) = rest.split_once('[')?;
    if !pinyin.trim_end().ends_with(']') || pinyin.contains('[') {
        return None;
    }
    let simplified = forms.rsplit('|').next()?.trim();
    (!simplified.is_empty() && !simplified.contains(' ')).then_some(simplified)
}

/// Whether a simplified word is a headword.
pub fn contains(word: &str) -> bool {
    find(&BODY, word).is_some()
}

/// Whether a word is in the dictionary as a common word only: none of its senses names
/// anything. CC-CEDICT writes proper nouns with capitals ("Geneva, Switzerland", "Nepal",
/// "see 青島市|青岛市[Qing1 dao3 Shi4]") and common words without ("city; town", "dimension
/// (math.)"); the classifier notes (`CL:个[ge4]`) are capitalised whatever the word, and say
/// nothing.
pub fn is_common_word(word: &str) -> bool {
    every_sense(word, |s| !s.chars().any(|c| c.is_ascii_uppercase()))
}

/// Whether a headword has a sense that says something, and `test` holds for each: the
/// classifier notes (`CL:个[ge4]`) are left out.
fn every_sense(word: &str, test: impl Fn(&str) -> bool) -> bool {
    let Some(senses) = glosses(word) else {
        return false;
    };
    let mut meaningful = senses
        .filter(|s| !s.trim_start().starts_with("CL:"))
        .peekable();
    meaningful.peek().is_some() && meaningful.all(test)
}

/// Whether every sense of a word is a verb: each gloss begins "to " ("to exercise (a right
/// etc)", "to make use of"). Jieba's dictionary tags some such words as nouns (行使 `n`), which
/// lets a clause (…常务委员会 + 行使: "the Standing Committee exercises") pass for a name.
pub fn is_only_a_verb(word: &str) -> bool {
    every_sense(word, |s| s.trim_start().starts_with("to "))
}

/// How often the glosses write each English word (by its lower-case form) in lower case and
/// capitalised: common words of English are mostly written low ("security", "people"), names
/// always or mostly capitalised ("Jinping", "Africa", and "China", though "china" is also
/// porcelain).
static ENGLISH_CASES: LazyLock<HashMap<String, (u32, u32)>> = LazyLock::new(|| {
    let mut cases: HashMap<String, (u32, u32)> = HashMap::new();
    let words = BODY
        .lines()
        .filter_map(|line| line.split_once('\t').map(|(_, glosses)| glosses))
        .flat_map(|glosses| glosses.split(|c: char| !c.is_ascii_alphabetic()))
        .filter(|w| !w.is_empty());
    for word in words {
        let entry = cases.entry(word.to_ascii_lowercase()).or_default();
        if word.starts_with(|c: char| c.is_ascii_lowercase()) {
            entry.0 += 1;
        } else {
            entry.1 += 1;
        }
    }
    cases
});

/// Whether an English word (in lower case) is a common word: the glosses write it in lower
/// case at least half as often as capitalised ("national" 125 times against 132, "china" 6
/// against 2,312).
pub fn is_common_english(word: &str) -> bool {
    ENGLISH_CASES
        .get(word)
        .is_some_and(|&(lower, capitalised)| lower > 0 && 2 * lower >= capitalised)
}

/// Whether one of a word's senses describes a person: CC-CEDICT gives people a lifespan
/// ("Vladimir Putin (1952-), president of Russia", "Qiao Shi (1924-2015), Chinese
/// politician") or the office that made them known ("…, president of Belarus from 1994").
/// Jieba tags some of these names as places (普京 `ns`); the dictionary knows better.
pub fn names_a_person(word: &str) -> bool {
    let Some(senses) = glosses(word) else {
        return false;
    };
    senses
        .filter(|s| s.trim_start().starts_with(|c: char| c.is_ascii_uppercase()))
        .any(|s| has_a_lifespan(s) || s.contains("president of") || s.contains("politician"))
}

/// Whether a gloss holds a parenthesised year followed by a dash: `(1952-)`, `(1943–)`,
/// `(1906-1988)`.
fn has_a_lifespan(gloss: &str) -> bool {
    gloss.match_indices('(').any(|(at, _)| {
        let after = &gloss[at + 1..];
        let digits = after.chars().take_while(char::is_ascii_digit).count();
        (3..=4).contains(&digits) && after[digits..].starts_with(['-', '–'])
    })
}

/// Cuts Chinese text into headwords, longest first from the left; characters that begin no
/// headword are left out (what `chinese_dictionary::tokenize` does).
pub fn tokenize(text: &str) -> Vec<&str> {
    let mut words = Vec::new();
    let mut rest = text;
    while let Some(first) = rest.chars().next() {
        let ends: Vec<usize> = rest
            .char_indices()
            .skip(1)
            .map(|(i, _)| i)
            .chain(std::iter::once(rest.len()))
            .take(LONGEST_WORD)
            .collect();
        match ends.iter().rev().find(|&&end| contains(&rest[..end])) {
            Some(&end) => {
                words.push(&rest[..end]);
                rest = &rest[end..];
            }
            None => rest = &rest[first.len_utf8()..],
        }
    }
    words
}

/// Binary search over the lines of `table`, sorted by the bytes of their key (the text before
/// the tab); the value of the line whose key is `key`.
fn find<'t>(table: &'t str, key: &str) -> Option<&'t str> {
    let bytes = table.as_bytes();
    // Invariant: the line sought, if present, starts in lo..hi, and lo is a line start.
    let (mut lo, mut hi) = (0, bytes.len());
    while lo < hi {
        let mid = lo + (hi - lo) / 2;
        let start = memchr::memrchr(b'\n', &bytes[lo..mid]).map_or(lo, |p| lo + p + 1);
        let end = memchr::memchr(b'\n', &bytes[start..]).map_or(bytes.len(), |p| start + p);
        let line = &table[start..end];
        let (line_key, value) = line.split_once('\t').unwrap_or((line, ""));
        match line_key.cmp(key) {
            Ordering::Equal => return Some(value),
            Ordering::Less => lo = end + 1,
            Ordering::Greater => hi = start,
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use std::collections::BTreeMap;

    #[test]
    fn the_bundled_table_is_sorted_and_every_headword_is_found() {
        let body = skip_header(TABLE);
        let keys: Vec<&str> = body
            .lines()
            .map(|l| l.split_once('\t').expect("a tab on every line").0)
            .collect();
        assert!(keys.len() > 100_000, "{} headwords", keys.len());
        assert!(
            keys.windows(2).all(|w| w[0] < w[1]),
            "sorted, no duplicates"
        );
        for key in keys.iter().step_by(97) {
            assert!(contains(key), "{key}");
        }
        assert!(!contains("上海精神上海精神"));
    }

    #[test]
    fn glosses_are_the_dictionary_senses() {
        let senses: Vec<&str> = glosses("合作").unwrap().collect();
        assert!(senses.iter().any(|s| s.contains("cooperate")), "{senses:?}");
        assert!(glosses("").is_none());
    }

    #[test]
    fn a_sense_that_refers_to_another_headword_is_that_headwords_senses() {
        // 必由之路: "see 必經之路|必经之路[bi4 jing1 zhi1 lu4]".
        let senses: Vec<&str> = glosses("必由之路").unwrap().collect();
        assert!(
            senses.iter().any(|s| s.contains("the only way")),
            "{senses:?}"
        );
        assert!(senses.iter().all(|s| !s.starts_with("see ")), "{senses:?}");
        assert_eq!(
            referenced_headword("see 必經之路|必经之路[bi4 jing1 zhi1 lu4]"),
            Some("必经之路")
        );
        assert_eq!(
            referenced_headword("variant of 逼格[bi1 ge2]"),
            Some("逼格")
        );
        // A related word, or a definition that cites one, is no reference.
        assert_eq!(referenced_headword("see also 族[zu2]"), None);
        assert_eq!(referenced_headword("social group"), None);
        assert_eq!(referenced_headword("see 甲[jia3] and 乙[yi3]"), None);
    }

    #[test]
    fn common_words_are_told_from_names_by_their_capitals() {
        for word in ["城市", "维度", "攸关", "边境地区", "国际"] {
            assert!(is_common_word(word), "{word}");
        }
        for word in ["日内瓦", "欧亚", "青岛", "中亚", "尼泊尔"] {
            assert!(!is_common_word(word), "{word}");
        }
        assert!(
            !is_common_word("上海精神上海精神"),
            "unknown words are not common words"
        );
    }

    #[test]
    fn a_word_is_only_a_verb_when_every_sense_is_one() {
        assert!(is_only_a_verb("行使"));
        // "development/growth/to develop": noun senses too.
        assert!(!is_only_a_verb("发展"));
        assert!(!is_only_a_verb("野生"));
        assert!(!is_only_a_verb("不在词典里的词"));
    }

    #[test]
    fn people_are_told_by_their_lifespans_and_offices() {
        for word in ["普京", "卢卡申科", "乔石", "万里"] {
            assert!(names_a_person(word), "{word}");
        }
        for word in ["俄罗斯", "阿斯塔纳", "主席", "合作", "上海精神上海精神"] {
            assert!(!names_a_person(word), "{word}");
        }
    }

    #[test]
    fn tokenize_takes_the_longest_headword_and_skips_the_rest() {
        assert_eq!(tokenize("可持续发展"), vec!["可持续发展"]);
        assert_eq!(tokenize("合作，共赢"), vec!["合作", "共赢"]);
        assert!(tokenize("，。").is_empty());
    }

    proptest! {
        /// The in-place search agrees with a map on any sorted table, for keys in it and not.
        #[test]
        fn find_agrees_with_a_map(
            entries in prop::collection::btree_map("[a-d一二三]{1,4}", "[a-z/ ]{0,6}", 0..40),
            probes in prop::collection::vec("[a-d一二三]{0,4}", 0..20),
        ) {
            let table: String = entries.iter().map(|(k, v)| format!("{k}\t{v}\n")).collect();
            let map: BTreeMap<&str, &str> =
                entries.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
            for key in entries.keys().map(String::as_str).chain(probes.iter().map(String::as_str)) {
                prop_assert_eq!(find(&table, key), map.get(key).copied());
            }
        }
    }
}
