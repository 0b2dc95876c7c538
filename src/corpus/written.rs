//! The sentences as the file writes them.
//!
//! Every later stage reads the normalised text ([`crate::corpus::normalize`]): full-width
//! punctuation, ASCII letters and digits, one kind of dash and quotation mark. A translator's
//! own copy of the document is as it was written (a scrape with half-width commas, a release in
//! Traditional characters), and a translation memory only fills a segment whose source is
//! identical. So each sentence is found again in the raw text: both are read as a loose key
//! that equates what normalisation changes (the width of punctuation and letters, quotation
//! marks and dashes) and skips spaces and invisible characters, and the sentence's key is
//! searched in the raw text's, from where the previous sentence ended (sentences come in
//! order, so the whole document costs one pass).

use crate::corpus::layout::Article;
use crate::corpus::normalize::loose_key as key;

/// How far past the previous sentence (in key characters, beyond the sentence's own length)
/// its successor is searched for: what layout dropped between them (headings' marks,
/// continuation marks, captions) is short.
const WINDOW: usize = 2000;

/// A text as keys, each with the byte range of the character it comes from.
fn keyed(text: &str) -> (Vec<char>, Vec<(usize, usize)>) {
    let mut keys = Vec::with_capacity(text.len() / 3);
    let mut spans = Vec::with_capacity(text.len() / 3);
    for (at, c) in text.char_indices() {
        if let Some(k) = key(c) {
            keys.push(k);
            spans.push((at, at + c.len_utf8()));
        }
    }
    (keys, spans)
}

/// Fills each article's `written` with its sentences as `raw` writes them: the raw span of a
/// sentence found within one line where it differs from the sentence, else an empty string
/// (the sentence reads as written, or was not found). Left empty for an article whose
/// sentences all read as written.
pub fn find(raw: &str, articles: &mut [Article]) {
    let (raw_keys, raw_spans) = keyed(raw);
    let mut from = 0;
    for article in articles {
        let written: Vec<String> = article
            .sentences
            .iter()
            .map(|sentence| {
                let found = locate(&raw_keys, from, &sentence.text).and_then(|(start, end)| {
                    let span = &raw[raw_spans[start].0..raw_spans[end - 1].1];
                    // Across a line break (a paragraph cut by a page break) no tool sees it
                    // as one segment: no written form to keep.
                    (!span.contains('\n')).then_some((end, span))
                });
                match found {
                    // Only what differs is kept: an empty string allocates nothing.
                    Some((end, span)) => {
                        from = end;
                        if span == sentence.text {
                            String::new()
                        } else {
                            span.to_string()
                        }
                    }
                    None => String::new(),
                }
            })
            .collect();
        if written.iter().any(|w| !w.is_empty()) {
            article.written = written;
        }
    }
}

/// Where the keys of `sentence` stand in `raw_keys` at or after `from`, within
/// [`WINDOW`]: the range of raw key positions.
fn locate(raw_keys: &[char], from: usize, sentence: &str) -> Option<(usize, usize)> {
    let wanted: Vec<char> = sentence.chars().filter_map(key).collect();
    if wanted.is_empty() || from >= raw_keys.len() {
        return None;
    }
    let until = (from + wanted.len() + WINDOW).min(raw_keys.len());
    raw_keys[from..until]
        .windows(wanted.len())
        .position(|w| w == wanted.as_slice())
        .map(|at| (from + at, from + at + wanted.len()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::layout;
    use crate::lang::Lang;

    fn written(raw: &str) -> Vec<(String, String)> {
        let mut parsed = layout::parse(raw, Lang::Zh);
        find(raw, &mut parsed.articles);
        parsed
            .articles
            .iter()
            .flat_map(|a| {
                a.sentences
                    .iter()
                    .enumerate()
                    .map(|(i, s)| (s.text.clone(), a.written(i).unwrap_or(&s.text).to_string()))
            })
            .collect()
    }

    #[test]
    fn a_sentence_keeps_its_half_width_punctuation_as_written() {
        let pairs = written(
            "# 讲话\n\n尊敬的托卡耶夫总统,各位同事:\n\n很高兴同大家相聚在美丽的阿斯塔纳。一年来,上海合作组织实现新发展。\n",
        );
        let find = |norm: &str| {
            pairs
                .iter()
                .find(|(n, _)| n == norm)
                .map(|(_, w)| w.as_str())
        };
        assert_eq!(
            find("尊敬的托卡耶夫总统，各位同事："),
            Some("尊敬的托卡耶夫总统,各位同事:")
        );
        assert_eq!(
            find("一年来，上海合作组织实现新发展。"),
            Some("一年来,上海合作组织实现新发展。")
        );
        assert_eq!(
            find("很高兴同大家相聚在美丽的阿斯塔纳。"),
            Some("很高兴同大家相聚在美丽的阿斯塔纳。")
        );
    }

    #[test]
    fn a_document_written_canonically_keeps_nothing_beside_its_sentences() {
        let raw = "我们要坚持上海精神。共同建设美好家园。\n";
        let mut parsed = layout::parse(raw, Lang::Zh);
        find(raw, &mut parsed.articles);
        assert!(parsed.articles.iter().all(|a| a.written.is_empty()));
    }

    #[test]
    fn a_sentence_cut_by_a_page_break_is_not_kept_as_written() {
        let pairs = written("坚定不移走契合本\n\n国国情的发展道路,共同建设家园。\n");
        // Whatever layout made of it, no written form holds a line break.
        assert!(pairs.iter().all(|(_, w)| !w.contains('\n')), "{pairs:?}");
    }

    #[test]
    fn full_width_letters_and_quotes_are_found_as_written() {
        let pairs = written("弘扬「上海精神」,迎接ＳＣＯ２０２４。\n");
        assert_eq!(pairs.len(), 1, "{pairs:?}");
        assert_eq!(pairs[0].1, "弘扬「上海精神」,迎接ＳＣＯ２０２４。");
    }
}
