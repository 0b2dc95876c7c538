//! Aho-Corasick automata over term lists, built one way everywhere.
//!
//! Building fails only when an automaton would outgrow its state ids (over two billion states):
//! the lists matched here (candidates, capped by `--max-candidates`; curated terms; the terms of
//! a glossary) are orders of magnitude smaller, so a failure is a bug, not an input to report.

use aho_corasick::{AhoCorasick, MatchKind};

/// An automaton finding every one of `patterns` (overlapping matches need
/// [`MatchKind::Standard`]).
pub(crate) fn matcher<P: AsRef<[u8]>>(
    patterns: impl IntoIterator<Item = P>,
    kind: MatchKind,
) -> AhoCorasick {
    AhoCorasick::builder()
        .match_kind(kind)
        .build(patterns)
        .expect("a term list far below Aho-Corasick's state limit")
}

/// Quotation marks that a term may stand across: 共建“一带一路”倡议 holds 一带一路倡议 and
/// 一带一路 both. Book-title marks are not among them: a title is a unit of its own.
pub(crate) fn is_quotation_mark(c: char) -> bool {
    matches!(c, '“' | '”' | '‘' | '’')
}

/// `text` without its quotation marks.
pub(crate) fn without_quotation_marks(text: &str) -> std::borrow::Cow<'_, str> {
    if text.contains(is_quotation_mark) {
        text.chars().filter(|&c| !is_quotation_mark(c)).collect()
    } else {
        std::borrow::Cow::Borrowed(text)
    }
}

/// An automaton for terms that may stand across quotation marks in the text: its patterns
/// are the terms without their own quotation marks, in the same order; search it with
/// [`find_across_quotes`].
pub(crate) fn across_quotes_matcher<P: AsRef<str>>(patterns: &[P]) -> AhoCorasick {
    matcher(
        patterns
            .iter()
            .map(|p| without_quotation_marks(p.as_ref()).into_owned()),
        MatchKind::Standard,
    )
}

/// One occurrence found by [`find_across_quotes`]: the pattern and its byte range in the
/// text as written (quotation marks inside it included, none at its edges).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Found {
    pub pattern: usize,
    pub start: usize,
    pub end: usize,
}

/// Every (overlapping) occurrence of `matcher`'s patterns in `text`, the quotation marks of
/// the text skipped: the search runs over the text without them, and each occurrence is
/// mapped back to the bytes of `text`.
pub(crate) fn find_across_quotes(matcher: &AhoCorasick, text: &str) -> Vec<Found> {
    if !text.contains(is_quotation_mark) {
        return matcher
            .find_overlapping_iter(text)
            .map(|m| Found {
                pattern: m.pattern().as_usize(),
                start: m.start(),
                end: m.end(),
            })
            .collect();
    }
    // Where quotation marks were taken out, as offsets into the stripped text: a mark taken
    // out at offset p stood right before the character now at p. Every mark is 3 bytes.
    let mut stripped = String::with_capacity(text.len());
    let mut removed: Vec<usize> = Vec::new();
    let mut from = 0;
    for (at, mark) in text.match_indices(is_quotation_mark) {
        stripped.push_str(&text[from..at]);
        removed.push(stripped.len());
        from = at + mark.len();
    }
    stripped.push_str(&text[from..]);
    let marks_up_to = |p: usize| removed.partition_point(|&r| r <= p);
    let marks_before = |p: usize| removed.partition_point(|&r| r < p);
    matcher
        .find_overlapping_iter(&stripped)
        .map(|m| Found {
            pattern: m.pattern().as_usize(),
            start: m.start() + QUOTE_LEN * marks_up_to(m.start()),
            end: m.end() + QUOTE_LEN * marks_before(m.end()),
        })
        .collect()
}

/// The length in UTF-8 of every quotation mark of [`is_quotation_mark`].
const QUOTE_LEN: usize = 3;

/// Whether any of `matcher`'s patterns occurs in `text`, quotation marks skipped.
pub(crate) fn is_match_across_quotes(matcher: &AhoCorasick, text: &str) -> bool {
    matcher.is_match(without_quotation_marks(text).as_ref())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn found(patterns: &[&str], text: &str) -> Vec<(usize, String)> {
        let m = across_quotes_matcher(patterns);
        find_across_quotes(&m, text)
            .into_iter()
            .map(|f| (f.pattern, text[f.start..f.end].to_string()))
            .collect()
    }

    #[test]
    fn a_term_is_found_across_quotation_marks_and_shown_as_written() {
        let hits = found(&["一带一路倡议", "一带一路"], "共建“一带一路”倡议。");
        assert!(hits.contains(&(0, "一带一路”倡议".to_string())));
        assert!(hits.contains(&(1, "一带一路".to_string())));
        assert_eq!(hits.len(), 2);
    }

    #[test]
    fn text_without_quotation_marks_is_searched_as_it_is() {
        assert_eq!(
            found(&["上海精神"], "弘扬上海精神"),
            [(0, "上海精神".to_string())]
        );
        assert!(is_match_across_quotes(
            &across_quotes_matcher(&["上海精神"]),
            "弘扬“上海精神”"
        ));
    }

    #[test]
    fn occurrences_map_back_to_the_text_around_marks_of_every_kind() {
        let text = "“上合”‘组织’与“上合组织”";
        let hits = found(&["上合组织", "组织"], text);
        assert_eq!(
            hits,
            [
                (0, "上合”‘组织".to_string()),
                (1, "组织".to_string()),
                (0, "上合组织".to_string()),
                (1, "组织".to_string()),
            ]
        );
    }

    #[test]
    fn a_term_written_with_quotation_marks_matches_too() {
        let hits = found(&["“一带一路”倡议"], "共建“一带一路”倡议");
        assert_eq!(hits, [(0, "一带一路”倡议".to_string())]);
    }
}
