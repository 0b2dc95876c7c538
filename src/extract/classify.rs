//! The type of a term: phrase, organisation, document, person, place or event.
//!
//! In order: a title in book-title marks (《上合组织宪章》) is a document; a name in the
//! gazetteer `src/data/places.txt` is a place (jieba tags 杜尚别 as a person); a name ending in a
//! suffix from `src/data/type_suffixes.txt` (…组织, …峰会, …斯坦, …公约) takes that suffix's
//! type, unless it is a class rather than a name (a common noun of jieba's dictionary such as
//! 恐怖组织; a place suffix after common words only, such as 边境地区; a document's head after
//! one common word, such as 国际条约); a
//! name jieba tags as a person (`nr`, `nrfg`, `nrt`) or place (`ns`) is one; anything else is a
//! phrase. A person is only a first guess here: the ranking keeps it a person only with a
//! title beside it in the text (`type_persons_by_titles` in `extract`). Person and place names are kept as terms: translators need them too.

use std::sync::LazyLock;

use serde::{Deserialize, Serialize};

use crate::cedict;
use crate::segment::Segmenter;

/// What kind of term it is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum TermType {
    /// A concept or formula (上海精神, 三股势力, 命运共同体).
    Phrase,
    /// An organisation or body (上海合作组织, 地区反恐机构).
    Organisation,
    /// A document cited by title (《上合组织宪章》).
    Document,
    /// A person's name.
    Person,
    /// A place or country.
    Place,
    /// A meeting, summit, exercise or other event.
    Event,
}

impl TermType {
    /// The lower-case name used in files and JSON.
    pub fn name(self) -> &'static str {
        match self {
            TermType::Phrase => "phrase",
            TermType::Organisation => "organisation",
            TermType::Document => "document",
            TermType::Person => "person",
            TermType::Place => "place",
            TermType::Event => "event",
        }
    }

    /// Parses a name (as written by [`TermType::name`], with `organization` accepted too).
    pub fn parse(s: &str) -> Option<TermType> {
        Some(match s.trim().to_ascii_lowercase().as_str() {
            "phrase" | "term" | "concept" => TermType::Phrase,
            "organisation" | "organization" | "org" => TermType::Organisation,
            "document" | "doc" => TermType::Document,
            "person" => TermType::Person,
            "place" | "location" => TermType::Place,
            "event" => TermType::Event,
            _ => return None,
        })
    }
}

static PLACES: LazyLock<rustc_hash::FxHashSet<&'static str>> = LazyLock::new(|| {
    include_str!("../data/places.txt")
        .lines()
        .filter(|l| !l.starts_with('#'))
        .flat_map(str::split_whitespace)
        .collect()
});

static SUFFIXES: LazyLock<Vec<(TermType, &'static str)>> = LazyLock::new(|| {
    let mut list: Vec<(TermType, &'static str)> = include_str!("../data/type_suffixes.txt")
        .lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .filter_map(|l| {
            let (kind, suffix) = l.split_once('\t')?;
            Some((TermType::parse(kind)?, suffix.trim()))
        })
        .collect();
    // Longest suffix first, so 执行委员会 wins over 委员会.
    list.sort_by_key(|(_, s)| std::cmp::Reverse(s.chars().count()));
    list
});

pub use crate::segment::NAME_MAX_GENERAL_FREQ;

/// Whether `word` is the head of a body's or an event's name (中心, 委员会, 论坛 …: an
/// `organisation` or `event` suffix of `src/data/type_suffixes.txt`).
pub fn names_a_body(word: &str) -> bool {
    SUFFIXES
        .iter()
        .any(|(kind, s)| *s == word && matches!(kind, TermType::Organisation | TermType::Event))
}

/// Whether the words before a place's head noun (地区, 走廊, 市 …) name a place: 中亚 + 地区
/// and 欧亚 + 大陆 do, 边境 + 地区, 运输 + 走廊 and 国际和 + 地区 do not (every word of two
/// characters or more is a common word of the dictionary), and neither does a word that is a
/// common word whole (城市).
fn names_a_place_before(term: &str, suffix: &str, segmenter: &Segmenter) -> bool {
    if cedict::is_common_word(term) {
        return false;
    }
    let before = &term[..term.len() - suffix.len()];
    // A single character says little (the dictionary lists its surname readings with
    // capitals); the words of two or more decide.
    segmenter
        .words(before)
        .filter(|w| w.chars().count() >= 2)
        .any(|w| !cedict::is_common_word(w))
}

/// Whether a suffix is the head of `term` as a reader cuts it: a one-character suffix is not
/// the last character of a common noun of its own (部 of 干部 in 领导干部: cadres, no
/// department), and no suffix comes after a number alone (一个中心: one central task, no
/// centre).
fn heads_the_term(term: &str, suffix: &str, segmenter: &Segmenter) -> bool {
    let before = &term[..term.len() - suffix.len()];
    let last = segmenter.words(term).last().unwrap_or(term);
    if suffix.chars().count() == 1
        && last != suffix
        && segmenter.is_a_common_noun(last)
        && segmenter.parts(last).last() != Some(&suffix)
    {
        return false;
    }
    let numeral = |tag: &str| tag.starts_with('m') || tag.starts_with('q');
    !segmenter.tags(before).iter().all(|(_, tag)| numeral(tag))
}

/// Whether the words before a document's head noun (公约, 条约, 宣言 …) name one document:
/// a place or body does (上海 + 公约, 联合国 + 宪章), and so does a modifier of several words
/// (反/极端主义 + 公约, 世界/人权 + 宣言); one common word makes a class of documents
/// (国际 + 条约, 禁毒 + 公约), and a list that opens with a document noun is no name of one
/// (条约和重要协定).
fn names_a_document_before(term: &str, suffix: &str, segmenter: &Segmenter) -> bool {
    if segmenter.is_a_common_noun(term) {
        return false;
    }
    let before = &term[..term.len() - suffix.len()];
    let words: Vec<&str> = segmenter.words(before).collect();
    if let Some(first) = words.first()
        && SUFFIXES
            .iter()
            .any(|(kind, s)| *kind == TermType::Document && s == first)
    {
        return false;
    }
    words.len() >= 2 || words.iter().any(|w| !cedict::is_common_word(w))
}

/// Whether `term` coordinates things each of which is named on its own (人民代表大会 |
/// 人民政府): a list of bodies or places is not the name of one. Modifiers that share a head
/// (国际和地区组织, 经济合作与发展组织) are one name, and so is a list whose first item is a
/// common noun (国家和国际组织 stays typed by its last word).
fn lists_names(term: &str, segmenter: &Segmenter) -> bool {
    // Most candidates hold no conjunction: no cut for them (classify runs on every one).
    if !term.contains(['和', '与', '及', '或', '、']) {
        return false;
    }
    let mut conjuncts: Vec<String> = vec![String::new()];
    for word in segmenter.words(term) {
        if matches!(word, "和" | "与" | "及" | "以及" | "或" | "、") {
            conjuncts.push(String::new());
        } else if let Some(last) = conjuncts.last_mut() {
            last.push_str(word);
        }
    }
    conjuncts.len() > 1
        && conjuncts
            .iter()
            .all(|c| !c.is_empty() && classify(c, false, segmenter) != TermType::Phrase)
}

/// The type of `term`, given whether it was seen as a book title.
pub fn classify(term: &str, book_title: bool, segmenter: &Segmenter) -> TermType {
    if book_title {
        return TermType::Document;
    }
    if lists_names(term, segmenter) {
        return TermType::Phrase;
    }
    if PLACES.contains(term) {
        return TermType::Place;
    }
    if let Some((kind, suffix)) = SUFFIXES
        .iter()
        .find(|(_, s)| term.ends_with(s) && term.chars().count() > s.chars().count())
        && heads_the_term(term, suffix, segmenter)
        && match kind {
            TermType::Place => names_a_place_before(term, suffix, segmenter),
            // A class of bodies or events is no name of one (恐怖组织, 立法机构, 恐怖活动).
            TermType::Organisation | TermType::Event => !segmenter.is_a_common_noun(term),
            TermType::Document => names_a_document_before(term, suffix, segmenter),
            _ => true,
        }
    {
        return *kind;
    }
    let tags = segmenter.tags(term);
    // jieba tags some ordinary words as names (文明/nr, 福祉/nr): a name is rare in general
    // Chinese (习近平 is at 4 in its dictionary).
    let ordinary = segmenter
        .general_frequency(term)
        .is_some_and(|f| f >= NAME_MAX_GENERAL_FREQ);
    let is_person = |t: &str| !ordinary && matches!(t, "nr" | "nrfg" | "nrt");
    let words = tags
        .iter()
        .filter(|(w, _)| !matches!(*w, "·" | "—"))
        .count();
    if words == 1 || term.contains('·') {
        let (_, tag) = tags
            .iter()
            .find(|(w, _)| *w != "·")
            .copied()
            .unwrap_or(("", ""));
        if is_person(tag) {
            return TermType::Person;
        }
        // jieba tags some common words ns (维度, 攸关, 山海): the dictionary knows better.
        if tag == "ns" && !ordinary && !cedict::is_common_word(term) {
            return TermType::Place;
        }
    }
    if words == 2 && tags.iter().all(|(_, t)| is_person(t) || t.starts_with('x')) {
        // Transliterated names jieba splits (拉赫/蒙).
        return TermType::Person;
    }
    TermType::Phrase
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_list_of_bodies_is_no_body() {
        let seg = Segmenter::new();
        for list in ["人民代表大会和人民政府", "总支部委员会和支部委员会"] {
            assert_eq!(classify(list, false, &seg), TermType::Phrase, "{list}");
        }
        // Modifiers sharing one head name one kind of body.
        assert_eq!(
            classify("国际和地区组织", false, &seg),
            TermType::Organisation
        );
    }

    #[test]
    fn types_from_marks_suffixes_and_tags() {
        let seg = Segmenter::new();
        assert_eq!(classify("上合组织宪章", true, &seg), TermType::Document);
        assert_eq!(
            classify("上海合作组织", false, &seg),
            TermType::Organisation
        );
        assert_eq!(
            classify("地区反恐机构", false, &seg),
            TermType::Organisation
        );
        assert_eq!(classify("阿斯塔纳峰会", false, &seg), TermType::Event);
        assert_eq!(classify("塔吉克斯坦", false, &seg), TermType::Place);
        assert_eq!(classify("习近平", false, &seg), TermType::Person);
        // jieba tags 杜尚别 as a person; the gazetteer knows better.
        assert_eq!(classify("杜尚别", false, &seg), TermType::Place);
        assert_eq!(classify("上海精神", false, &seg), TermType::Phrase);
    }

    #[test]
    fn a_place_needs_a_name_not_a_common_word() {
        let seg = Segmenter::new();
        for place in ["中亚地区", "欧亚大陆", "日内瓦", "哈萨克斯坦共和国", "青岛"]
        {
            assert_eq!(classify(place, false, &seg), TermType::Place, "{place}");
        }
        // Common words jieba tags ns, and generic heads after common words.
        for phrase in ["维度", "攸关", "城市", "边境地区", "运输走廊", "国际和地区"]
        {
            assert_eq!(classify(phrase, false, &seg), TermType::Phrase, "{phrase}");
        }
    }

    #[test]
    fn a_body_or_event_needs_a_name_not_a_class_noun() {
        let seg = Segmenter::new();
        for body in ["禁毒中心", "应对安全威胁和挑战综合中心"] {
            assert_eq!(
                classify(body, false, &seg),
                TermType::Organisation,
                "{body}"
            );
        }
        // Common nouns of the general dictionary that a suffix would type as bodies or events,
        // a suffix that only ends another noun (部 of 干部), and a number before a head.
        for class in ["恐怖组织", "立法机构", "恐怖活动", "领导干部", "一个中心"]
        {
            assert_eq!(classify(class, false, &seg), TermType::Phrase, "{class}");
        }
    }

    #[test]
    fn a_document_is_named_by_its_modifier_not_by_its_head_alone() {
        let seg = Segmenter::new();
        for document in [
            "反极端主义公约",
            "世界人权宣言",
            "联合国宪章",
            "长期睦邻友好合作条约",
            "国际道路运输便利化协定",
        ] {
            assert_eq!(
                classify(document, false, &seg),
                TermType::Document,
                "{document}"
            );
        }
        // One common word before the head makes a class; a list of kinds is no name.
        for class in ["国际条约", "禁毒公约", "条约和重要协定", "联合声明"] {
            assert_eq!(classify(class, false, &seg), TermType::Phrase, "{class}");
        }
    }
}
