//! Reading the two sides of an alignment from files, and refusing what cannot be aligned.
//!
//! A side is a document (decoded, cleaned and split into sentences as the corpus reader does)
//! or, with `presplit`, a file of one sentence per line taken as it is (line n is sentence
//! n − 1, blank lines included, so that sentence numbers stay line numbers). Either way the
//! language is checked: a Chinese file given as the English side (or the reverse) is an error
//! that says so, as is an empty side.

use std::path::Path;

use super::features::Mark;
use crate::corpus::{self, Document, decode};
use crate::error::{Error, Result};
use crate::lang::{self, Lang};

/// One side of an alignment.
#[derive(Debug, Clone)]
pub struct SideText {
    /// Its sentences.
    pub sentences: Vec<String>,
    /// Its language as detected (`None`: neither Chinese nor English).
    pub lang: Option<Lang>,
    /// Its year, when read as a document that has one.
    pub year: Option<i32>,
    /// Where each sentence stands in the paragraph and heading structure.
    pub marks: Vec<Mark>,
}

impl SideText {
    /// The sentences of a document read by the corpus reader, with its structure.
    pub fn from_document(doc: &Document) -> SideText {
        SideText {
            sentences: doc.sentences().map(|s| s.text.clone()).collect(),
            lang: Some(doc.lang),
            year: doc.year,
            marks: document_marks(doc),
        }
    }

    /// Its sentences, borrowed.
    pub fn sentence_refs(&self) -> Vec<&str> {
        self.sentences.iter().map(String::as_str).collect()
    }

    /// Lines taken as sentences: a line after a blank one begins a paragraph.
    fn from_lines(text: &str) -> SideText {
        let sentences: Vec<String> = text.lines().map(|l| l.trim().to_string()).collect();
        let marks = sentences
            .iter()
            .enumerate()
            .map(|(k, _)| {
                if k == 0 || sentences[k - 1].is_empty() {
                    Mark::Paragraph
                } else {
                    Mark::Within
                }
            })
            .collect();
        SideText {
            lang: lang::detect(text),
            sentences,
            year: None,
            marks,
        }
    }
}

fn bad(path: &Path, what: impl Into<String>) -> Error {
    Error::AlignInput {
        path: path.to_path_buf(),
        what: what.into(),
    }
}

/// Where each sentence of a document stands: titles and headings, and the first sentence of
/// each paragraph.
pub fn document_marks(doc: &Document) -> Vec<Mark> {
    let mut marks = Vec::with_capacity(doc.sentence_count());
    for article in &doc.articles {
        for (k, s) in article.sentences.iter().enumerate() {
            marks.push(if s.heading {
                Mark::Heading
            } else if k == 0 || article.sentences[k - 1].block != s.block {
                Mark::Paragraph
            } else {
                Mark::Within
            });
        }
    }
    marks
}

/// Reads both sides of a pair and checks them (see [`check_sides`]).
pub fn read_pair(zh: &Path, en: &Path, presplit: bool) -> Result<(SideText, SideText)> {
    let zh_side = read_side(zh, presplit)?;
    let en_side = read_side(en, presplit)?;
    check_sides(zh, &zh_side, en, &en_side)?;
    Ok((zh_side, en_side))
}

/// Reads one side.
pub fn read_side(path: &Path, presplit: bool) -> Result<SideText> {
    if presplit {
        let bytes = std::fs::read(path).map_err(|e| Error::read(path, e))?;
        let decoded = decode::decode(&bytes).map_err(|reason| bad(path, reason))?;
        return Ok(SideText::from_lines(&decoded.text));
    }
    let doc = corpus::read_file(path)?;
    Ok(SideText::from_document(&doc))
}

/// Checks that the first side is Chinese and the second English, and that neither is empty.
pub fn check_sides(zh_path: &Path, zh: &SideText, en_path: &Path, en: &SideText) -> Result<()> {
    for (path, side) in [(zh_path, zh), (en_path, en)] {
        if side.sentences.iter().all(|s| s.trim().is_empty()) {
            return Err(bad(path, "is empty: nothing to align"));
        }
    }
    match (zh.lang, en.lang) {
        (Some(Lang::Zh), Some(Lang::En)) => Ok(()),
        (Some(Lang::En), Some(Lang::Zh)) => Err(bad(
            zh_path,
            format!(
                "is English and {} is Chinese: give the Chinese file first",
                en_path.display()
            ),
        )),
        (Some(Lang::Zh), other) => Err(bad(
            en_path,
            format!("is {} where the English side is expected", describe(other)),
        )),
        (other, _) => Err(bad(
            zh_path,
            format!("is {} where the Chinese side is expected", describe(other)),
        )),
    }
}

fn describe(lang: Option<Lang>) -> &'static str {
    match lang {
        Some(Lang::Zh) => "Chinese",
        Some(Lang::En) => "English",
        None => "neither Chinese nor English",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn side(sentences: &[&str], lang: Option<Lang>) -> SideText {
        SideText {
            sentences: sentences.iter().map(|s| s.to_string()).collect(),
            lang,
            year: None,
            marks: vec![Mark::Within; sentences.len()],
        }
    }

    #[test]
    fn swapped_empty_and_foreign_sides_are_refused_with_the_file() {
        let (z, e) = (Path::new("a.txt"), Path::new("b.txt"));
        let zh = side(&["我们要弘扬上海精神。"], Some(Lang::Zh));
        let en = side(&["We carry forward the Shanghai Spirit."], Some(Lang::En));
        assert!(check_sides(z, &zh, e, &en).is_ok());
        let swapped = check_sides(z, &en, e, &zh).unwrap_err().to_string();
        assert!(
            swapped.contains("a.txt is English and b.txt is Chinese"),
            "{swapped}"
        );
        let empty = check_sides(z, &zh, e, &side(&["", " "], None))
            .unwrap_err()
            .to_string();
        assert!(empty.contains("b.txt is empty"), "{empty}");
        let both_zh = check_sides(z, &zh, e, &zh).unwrap_err().to_string();
        assert!(
            both_zh.contains("b.txt is Chinese where the English side is expected"),
            "{both_zh}"
        );
    }
}
