//! `glossary lookup`: answering for one term from the built glossary, at once.
//!
//! A build writes an index beside its outputs (`glossary/.cache/lookup.idx`): one [`Card`] per
//! Chinese term of the merged glossary, and a finite-state transducer ([`fst`]) from every way
//! of asking for it to the cards. The keys of a card are
//!
//! - its Chinese, normalised as corpus text is;
//! - the Chinese variants of its concept (上合组织 finds 上海合作组织 when 上合组织 has no card
//!   of its own);
//! - each English rendering, lower-cased (reverse lookup: `shanghai spirit` finds 上海精神);
//! - its pinyin without tones or spaces (`sangushili`).
//!
//! The file is memory-mapped and only the cards found are decoded, so a lookup costs the same
//! for ten entries as for a hundred thousand. A query that matches no key gets the closest keys
//! (strsim) as suggestions.
//!
//! ```text
//! "glidx002" | fst length u64 | postings length u64 | cards u64
//! fst | postings (u32 each: card << 2 | how it matched) | card offsets (u64 each, cards + 1) | cards (postcard)
//! ```

mod card;
mod fuzzy;
mod index;

use pinyin::ToPinyin;
use serde::Serialize;

use crate::corpus::normalize;
use crate::error::{Error, Result};
use crate::lang::{self, Lang};

pub use card::{Alternate, Card, cards};
pub use index::{Index, index_bytes, write_index};

/// How a query matched a card.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum MatchKind {
    /// The card's own Chinese.
    Chinese,
    /// A Chinese variant of the card's concept.
    Variant,
    /// One of its English renderings.
    English,
    /// Its pinyin.
    Pinyin,
}

impl MatchKind {
    const ALL: [MatchKind; 4] = [
        MatchKind::Chinese,
        MatchKind::Variant,
        MatchKind::English,
        MatchKind::Pinyin,
    ];

    fn code(self) -> u32 {
        self as u32
    }
}

/// A query that found something.
#[derive(Debug, Clone, Serialize)]
pub struct Found {
    /// How it matched.
    pub matched_by: MatchKind,
    /// The cards found, best first (several when an English rendering or abbreviation is
    /// shared).
    pub cards: Vec<Card>,
}

/// A near key, offered when a query finds nothing.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Suggestion {
    /// The key as indexed (Chinese, lower-case English or pinyin).
    pub key: String,
    /// The Chinese term it leads to.
    pub zh: String,
    /// Its English, if any.
    pub en: Option<String>,
    /// Similarity to the query, 0 … 1.
    pub similarity: f64,
}

/// The answer to a query.
#[derive(Debug, Clone)]
pub enum Answer {
    /// Found.
    Found(Found),
    /// Not found; the closest keys.
    NotFound(Vec<Suggestion>),
}

/// The normalised forms of a query, by how they are looked up.
fn query_forms(query: &str) -> Result<Vec<(MatchKind, String)>> {
    if !query.chars().any(lang::is_word_char) {
        return Err(Error::Query(format!(
            "{query:?}: nothing to look up (no letter or Chinese character): give a Chinese term, its English or its pinyin"
        )));
    }
    let zh = normalize::line(query.trim(), Lang::Zh);
    let en = english_key(query);
    let pinyin: String = en
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '\'')
        .collect();
    let mut forms = vec![(MatchKind::Chinese, zh.clone())];
    // A query in Traditional characters (三股勢力) also looks up the Simplified term.
    let simplified = hanconv::t2s(&zh);
    if simplified != zh {
        forms.push((MatchKind::Chinese, simplified));
    }
    forms.extend([
        (MatchKind::Variant, zh),
        (MatchKind::English, en),
        (MatchKind::Pinyin, pinyin),
    ]);
    Ok(forms)
}

/// English as indexed: normalised, lower-case, single spaces.
fn english_key(text: &str) -> String {
    normalize::line(text.trim(), Lang::En)
        .to_lowercase()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// Pinyin without tones or spaces; `None` unless every character has a reading.
pub(crate) fn pinyin_key(zh: &str) -> Option<String> {
    let mut out = String::new();
    for (c, p) in zh.chars().zip(zh.to_pinyin()) {
        match p {
            Some(p) => out.push_str(p.plain()),
            None if c.is_ascii_alphanumeric() => out.push(c.to_ascii_lowercase()),
            None => return None,
        }
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::classify::TermType;
    use crate::extract::count::Context;
    use crate::glossary::Status;
    use crate::glossary::merged::{Glossary, Row, RowStatus};
    use std::collections::HashMap;

    fn row(id: &str, zh: &str, en: &str, status: RowStatus, total: u64) -> Row {
        Row {
            id: id.to_string(),
            zh: zh.to_string(),
            en: en.to_string(),
            status: Some(status),
            kind: Some(TermType::Phrase),
            total,
            by_year: [(Some(2014), 1), (Some(2024), total - 1)]
                .into_iter()
                .collect(),
            corpus_context: Some(Context {
                left: "坚持".into(),
                term: zh.into(),
                right: "不动摇".into(),
                doc: "a.txt".into(),
                year: Some(2024),
                line: 3,
            }),
            ..Row::default()
        }
    }

    fn sample() -> Index {
        let preferred = RowStatus::Curated(Status::Preferred);
        let merged = Glossary {
            rows: vec![
                row("c1", "上海精神", "Shanghai Spirit", preferred, 37),
                row("c2", "三股势力", "three evil forces", preferred, 12),
                row(
                    "c2",
                    "三股势力",
                    "three evils",
                    RowStatus::Curated(Status::Admitted),
                    12,
                ),
                row(
                    "c3",
                    "上海合作组织",
                    "Shanghai Cooperation Organization",
                    preferred,
                    40,
                ),
                row(
                    "c3",
                    "上海合作组织",
                    "SCO",
                    RowStatus::Curated(Status::Admitted),
                    40,
                ),
                Row {
                    variants: vec!["上海合作组织".into()],
                    ..row("c3", "上合组织", "SCO", preferred, 28)
                },
                Row {
                    variants: vec!["命运与共".into()],
                    ..row("x1", "命运共同体", "", RowStatus::Candidate, 20)
                },
            ],
        };
        Index::from_cards(&cards(&merged, HashMap::new()))
    }

    fn found(index: &Index, q: &str) -> Found {
        match index.lookup(q).unwrap() {
            Answer::Found(f) => f,
            Answer::NotFound(s) => panic!("{q} not found; suggestions {s:?}"),
        }
    }

    #[test]
    fn finds_chinese_english_variants_and_pinyin() {
        let index = sample();
        let f = found(&index, "三股势力");
        assert_eq!(f.matched_by, MatchKind::Chinese);
        assert_eq!(f.cards[0].en.as_deref(), Some("three evil forces"));
        assert_eq!(f.cards[0].alternates[0].en, "three evils");
        assert_eq!(f.cards[0].by_year[&Some(2024)], 11);

        let f = found(&index, "  shanghai   SPIRIT ");
        assert_eq!(
            (f.matched_by, f.cards[0].zh.as_str()),
            (MatchKind::English, "上海精神")
        );

        let f = found(&index, "sangushili");
        assert_eq!(
            (f.matched_by, f.cards[0].zh.as_str()),
            (MatchKind::Pinyin, "三股势力")
        );

        let f = found(&index, "命运与共");
        assert_eq!(
            (f.matched_by, f.cards[0].zh.as_str()),
            (MatchKind::Variant, "命运共同体")
        );

        // An abbreviation shared by two cards finds both, the more frequent first.
        let f = found(&index, "sco");
        let zh: Vec<&str> = f.cards.iter().map(|c| c.zh.as_str()).collect();
        assert_eq!(zh, ["上海合作组织", "上合组织"]);
    }

    #[test]
    fn full_width_input_is_normalised() {
        let f = found(&sample(), "ＳＣＯ");
        assert_eq!(f.matched_by, MatchKind::English);
    }

    #[test]
    fn cards_know_longer_and_shorter_terms_and_contexts() {
        let index = sample();
        let card = found(&index, "上海合作组织").cards.remove(0);
        assert!(card.longer.is_empty());
        let card = found(&index, "命运共同体").cards.remove(0);
        assert_eq!(card.en, None);
        assert_eq!(card.status, "candidate");
        assert_eq!(card.contexts[0].term, "命运共同体");
        assert_eq!(card.contexts[0].doc, "a.txt");
        assert_eq!(card.contexts[0].year, Some(2024));
    }

    #[test]
    fn misspellings_get_suggestions() {
        let index = sample();
        let Answer::NotFound(s) = index.lookup("三股实力").unwrap() else {
            panic!("found")
        };
        assert_eq!(s[0].zh, "三股势力");
        let Answer::NotFound(s) = index.lookup("Shanghai Sprit").unwrap() else {
            panic!("found")
        };
        assert_eq!(s[0].zh, "上海精神");
        let Answer::NotFound(s) = index.lookup("势力").unwrap() else {
            panic!("found")
        };
        assert_eq!(s[0].zh, "三股势力");
        // A long English rendering with two typos.
        let Answer::NotFound(s) = index.lookup("Shanghai Coperation Organisation").unwrap() else {
            panic!("found")
        };
        assert_eq!(s[0].zh, "上海合作组织");
    }

    #[test]
    fn empty_or_punctuation_queries_are_errors() {
        let index = sample();
        for q in ["", "  ", "，。！", "---"] {
            assert!(matches!(index.lookup(q), Err(Error::Query(_))), "{q:?}");
        }
    }

    #[test]
    fn damaged_indexes_are_refused() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("lookup.idx");
        let merged = Glossary {
            rows: vec![row(
                "c1",
                "上海精神",
                "Shanghai Spirit",
                RowStatus::Curated(Status::Preferred),
                3,
            )],
        };
        write_index(&cards(&merged, HashMap::new()), &path).unwrap();
        assert!(Index::open(&path).is_ok());
        let bytes = std::fs::read(&path).unwrap();
        for cut in [0, 7, 20, 40, bytes.len() - 1] {
            std::fs::write(&path, &bytes[..cut]).unwrap();
            assert!(
                matches!(Index::open(&path), Err(Error::Index { .. })),
                "cut at {cut}"
            );
        }
    }
}
