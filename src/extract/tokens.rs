//! Documents as token ids: jieba's words with clause breaks, per document (what the build
//! cache keeps) and joined into one stream with a shared vocabulary (what mining reads).

use rayon::prelude::*;
use rustc_hash::FxHashMap;
use serde::{Deserialize, Serialize};

use super::shape::{is_a_magnitude, is_a_number};
use super::words::JOINERS;
use crate::corpus::Document;
use crate::lang::Lang;
use crate::segment::Segmenter;

/// A clause break in a token stream (punctuation, space, sentence end).
pub const BOUNDARY: u32 = u32::MAX;
/// The enumeration comma `、`: a break for n-grams, a separator for enumerations.
pub const LIST_COMMA: u32 = u32::MAX - 1;

/// A corpus as token ids: one stream per document, with [`BOUNDARY`] between clauses.
#[derive(Debug, Clone, Default)]
pub struct TokenStream {
    /// Token texts by id.
    pub vocab: Vec<Box<str>>,
    /// Token ids of each document.
    pub docs: Vec<Vec<u32>>,
}

impl TokenStream {
    /// The text of a token id.
    pub fn word(&self, id: u32) -> &str {
        &self.vocab[id as usize]
    }
}

fn is_closing_quotation_mark(c: char) -> bool {
    matches!(c, '”' | '’')
}

fn is_boundary_token(word: &str) -> bool {
    !word.chars().any(crate::lang::is_word_char) && !JOINERS.contains(&word)
}

/// One document's tokens: its own vocabulary and its token ids into it ([`BOUNDARY`] and
/// [`LIST_COMMA`] as they are). Depends only on the document's text and the segmenter, so a
/// build can keep it between runs.
///
/// The vocabulary is one string with the end of each word, not a `String` per word: a
/// `String` for each (document, word) pair cost about as much to allocate and free as jieba's
/// own cutting (benches/README.md).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct DocTokens {
    /// The document's distinct words, in order of first appearance, one after another.
    vocab: String,
    /// Where each word of `vocab` ends (byte offsets).
    ends: Vec<u32>,
    /// Its tokens: indexes into the words, or [`BOUNDARY`] / [`LIST_COMMA`].
    pub ids: Vec<u32>,
}

impl DocTokens {
    /// The document's distinct words, in order of first appearance (token id order).
    pub fn words(&self) -> impl Iterator<Item = &str> {
        let starts = std::iter::once(0).chain(self.ends.iter().copied());
        starts
            .zip(self.ends.iter().copied())
            .map(|(start, end)| &self.vocab[start as usize..end as usize])
    }
}

/// Segments the Chinese sentences of `docs` into one token stream (in parallel over documents).
pub fn tokenize(segmenter: &Segmenter, docs: &[&Document]) -> TokenStream {
    let local: Vec<DocTokens> = docs
        .par_iter()
        .map(|doc| tokenize_document(segmenter, doc))
        .collect();
    let refs: Vec<&DocTokens> = local.iter().collect();
    TokenStream::from_documents(&refs)
}

impl TokenStream {
    /// Joins documents segmented one by one into one stream with a shared vocabulary.
    pub fn from_documents(local: &[&DocTokens]) -> TokenStream {
        let mut joined = StreamBuilder::default();
        joined.extend(local);
        joined.finish()
    }
}

/// A [`TokenStream`] joined a batch of documents at a time, so that a build need not hold
/// every document's own tokens beside the stream.
#[derive(Debug, Default)]
pub struct StreamBuilder {
    /// Token id of each word seen so far.
    index: FxHashMap<Box<str>, u32>,
    stream: TokenStream,
}

impl StreamBuilder {
    /// Adds `batch` (the next documents, in corpus order).
    pub fn extend(&mut self, batch: &[&DocTokens]) {
        let remaps: Vec<Vec<u32>> = batch
            .iter()
            .map(|tokens| tokens.words().map(|w| self.id_of(w)).collect())
            .collect();
        let docs: Vec<Vec<u32>> = batch
            .par_iter()
            .zip(remaps.par_iter())
            .map(|(tokens, remap)| {
                tokens
                    .ids
                    .iter()
                    .map(|&id| {
                        if id >= LIST_COMMA {
                            id
                        } else {
                            remap[id as usize]
                        }
                    })
                    .collect()
            })
            .collect();
        self.stream.docs.extend(docs);
    }

    fn id_of(&mut self, word: &str) -> u32 {
        if let Some(&id) = self.index.get(word) {
            return id;
        }
        let id = self.stream.vocab.len() as u32;
        self.stream.vocab.push(word.into());
        self.index.insert(word.into(), id);
        id
    }

    /// The stream of every document added.
    pub fn finish(self) -> TokenStream {
        self.stream
    }
}

/// Segments one document (nothing for a document that is not Chinese).
pub fn tokenize_document(segmenter: &Segmenter, doc: &Document) -> DocTokens {
    let mut tokens = DocTokens::default();
    if doc.lang != Lang::Zh {
        return tokens;
    }
    // Keyed by the words as they stand in the document's own sentences: nothing is copied
    // but each distinct word, once.
    let mut index: FxHashMap<&str, u32> = FxHashMap::default();
    let ids = &mut tokens.ids;
    for sentence in doc.sentences() {
        let text = sentence.text.as_str();
        let mut words = segmenter.words(text).peekable();
        // Where the next word begins; where the last token began and its id, when it was a
        // number written in digits.
        let (mut at, mut number): (usize, Option<(usize, u32)>) = (0, None);
        while let Some(word) = words.next() {
            let from = at;
            at += word.len();
            // jieba cuts 3.4万公里 as 3.4 | 万公里 and 5万余人次 as 5 | 万余人次: a number's
            // magnitude and what it counts are not a word of their own (万公里 is no term), so
            // the number and the word after it are one token.
            let (word, from) = match number.take() {
                Some((start, id))
                    if word.starts_with(is_a_magnitude) && ids.last() == Some(&id) =>
                {
                    ids.pop();
                    (&text[start..at], start)
                }
                _ => (word, from),
            };
            // A closing quotation mark before a Chinese word holds no break: 共建“一带一路”倡议
            // is the runs 共建 | 一带一路 倡议, where 一带一路倡议 recurs. An opening one
            // stays a break (what stands before it governs the quoted term: 认同“上海精神”),
            // and so does one before a number (“水促进可持续发展”2018—2028十年).
            let closing_quote = !word.is_empty() && word.chars().all(is_closing_quotation_mark);
            let word_follows = words
                .peek()
                .and_then(|next| next.chars().next())
                .is_some_and(crate::lang::is_han);
            if closing_quote && word_follows {
                continue;
            }
            let id = if word == "、" {
                LIST_COMMA
            } else if is_boundary_token(word) {
                BOUNDARY
            } else {
                *index.entry(word).or_insert_with(|| {
                    tokens.vocab.push_str(word);
                    tokens.ends.push(tokens.vocab.len() as u32);
                    (tokens.ends.len() - 1) as u32
                })
            };
            if !(id == BOUNDARY && ids.last() == Some(&BOUNDARY)) {
                ids.push(id);
            }
            if is_a_number(word) {
                number = Some((from, id));
            }
        }
        if ids.last() != Some(&BOUNDARY) {
            ids.push(BOUNDARY);
        }
    }
    tokens
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words_of(text: &str) -> Vec<String> {
        let doc = Document::from_text("t", "t.txt".into(), text, Lang::Zh);
        let tokens = tokenize_document(&Segmenter::new(), &doc);
        let words: Vec<&str> = tokens.words().collect();
        tokens
            .ids
            .iter()
            .filter(|&&id| id < LIST_COMMA)
            .map(|&id| words[id as usize].to_string())
            .collect()
    }

    #[test]
    fn a_number_and_its_magnitude_are_one_token() {
        // jieba alone: 超过 | 3.4 | 万公里 | 的 | 物种.
        let words = words_of("样线总长超过3.4万公里的物种分布数据库。");
        assert!(words.contains(&"3.4万公里".to_string()), "{words:?}");
        assert!(
            !words.iter().any(|w| w == "万公里" || w == "3.4"),
            "{words:?}"
        );
        // A number without a magnitude stays as jieba cuts it.
        let words = words_of("2018年峰会");
        assert!(words.contains(&"2018".to_string()), "{words:?}");
    }
}
