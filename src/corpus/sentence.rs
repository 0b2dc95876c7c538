//! Sentence splitting, per language, over one normalised paragraph.
//!
//! Both splitters return byte ranges into the paragraph. The ranges are in order, do not
//! overlap, and together cover every non-space character of the paragraph: only the spaces
//! between sentences are left out (a property test holds them to that).
//!
//! - Chinese ends a sentence at `。！？` (and `；` where a list of clauses ends: before an
//!   enumerator such as `二是`, `（三）`, `第四`), keeps the closing quotes and brackets that
//!   follow with the sentence, and never splits inside `《》`.
//! - English ends a sentence at `.`, `!`, `?` followed by a space and a capital, a digit or an
//!   opening quote, except after abbreviations (`Mr.`, `H.E.`, `No. 5`, `U.S.`) and initials.

use std::ops::Range;
use std::sync::LazyLock;

use regex::Regex;

use crate::lang::{Lang, is_closer};

/// Splits `text` (one paragraph) into sentences of language `lang`.
pub fn split(text: &str, lang: Lang) -> Vec<Range<usize>> {
    match lang {
        Lang::Zh => split_zh(text),
        Lang::En => split_en(text),
    }
}

/// The enumerators of Chinese lists (`一是`, `第二，`, `（三）`, `四、`, `4.`), as a regex
/// group: the one definition, which layout's list markers extend.
pub(crate) const ENUMERATORS: &str = r"(?:[一二三四五六七八九十]+是|第[一二三四五六七八九十]+[，、]|（[一二三四五六七八九十\d]+）|[一二三四五六七八九十]+、|\d+[.、．])";

/// An enumerator that opens the next clause of a list.
static ENUMERATOR: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(&format!(r"^\s*{ENUMERATORS}")).expect("static regex"));

/// Splits Chinese text.
pub fn split_zh(text: &str) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut start = 0;
    let mut title_depth = 0usize;
    let mut iter = text.char_indices().peekable();
    while let Some((i, c)) = iter.next() {
        match c {
            '《' => title_depth += 1,
            '》' => title_depth = title_depth.saturating_sub(1),
            _ => {}
        }
        let ends = title_depth == 0
            && match c {
                '。' | '！' | '？' => true,
                '；' => ENUMERATOR.is_match(&text[i + c.len_utf8()..]),
                _ => false,
            };
        if !ends {
            continue;
        }
        let mut end = i + c.len_utf8();
        // Keep further end marks (`？！`) and closing quotes or brackets with this sentence.
        while let Some(&(j, next)) = iter.peek() {
            if matches!(next, '。' | '！' | '？') || is_closer(next) {
                end = j + next.len_utf8();
                iter.next();
            } else {
                break;
            }
        }
        push_trimmed(&mut out, text, start..end);
        start = end;
    }
    push_trimmed(&mut out, text, start..text.len());
    out
}

/// Words that end with a full stop without ending the sentence.
const ABBREVIATIONS: &[&str] = &[
    "mr", "mrs", "ms", "dr", "prof", "st", "jr", "sr", "no", "nos", "art", "arts", "vol", "pp",
    "p", "fig", "e.g", "i.e", "vs", "cf", "approx", "gen", "col", "lt", "capt", "gov", "sen",
    "rep", "amb", "hon", "rev", "co", "corp", "inc", "ltd", "dept", "univ", "mt", "ft", "jan",
    "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "h.e", "h.m",
    "u.s", "u.k", "u.n", "e.u", "p.r", "a.m", "p.m", "para", "paras", "sec", "ch", "est",
];

/// Whether the word ending at `text[..dot]` (the dot excluded) keeps its full stop.
fn is_abbreviation(text: &str, dot: usize) -> bool {
    let word_start = text[..dot]
        .rfind(|c: char| c.is_whitespace() || matches!(c, '(' | '"' | '“' | '‘' | '['))
        .map_or(0, |i| {
            i + text[i..].chars().next().map_or(1, char::len_utf8)
        });
    let word = &text[word_start..dot];
    if word.is_empty() {
        return false;
    }
    // Initials (`J.`), and dotted acronyms (`U.S.`, `H.E.`): a capital before every dot.
    let dotted = word
        .split('.')
        .all(|part| part.chars().count() == 1 && part.chars().all(|c| c.is_alphabetic()));
    if dotted && word.chars().next().is_some_and(char::is_uppercase) {
        return true;
    }
    ABBREVIATIONS.contains(&word.to_lowercase().as_str())
}

/// Splits English text.
pub fn split_en(text: &str) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut start = 0;
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        if !matches!(b, b'.' | b'!' | b'?') {
            i += 1;
            continue;
        }
        // The end of the sentence candidate: further marks and closing quotes or brackets.
        let mut end = i + 1;
        while let Some(c) = text[end..].chars().next() {
            if matches!(c, '.' | '!' | '?') || is_closer(c) {
                end += c.len_utf8();
            } else {
                break;
            }
        }
        let rest = &text[end..];
        let after_space = rest.trim_start();
        let spaced = after_space.len() < rest.len();
        let opens_sentence = after_space
            .chars()
            .next()
            .is_some_and(|c| c.is_uppercase() || c.is_ascii_digit() || "\"“‘'(".contains(c));
        let guarded = b == b'.' && end == i + 1 && is_abbreviation(text, i);
        if spaced && opens_sentence && !guarded {
            push_trimmed(&mut out, text, start..end);
            start = end;
        }
        i = end;
    }
    push_trimmed(&mut out, text, start..text.len());
    out
}

fn push_trimmed(out: &mut Vec<Range<usize>>, text: &str, range: Range<usize>) {
    let piece = &text[range.clone()];
    let lead = piece.len() - piece.trim_start().len();
    let trail = piece.len() - piece.trim_end().len();
    if lead + trail < piece.len() {
        out.push(range.start + lead..range.end - trail);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn zh(text: &str) -> Vec<&str> {
        split_zh(text).into_iter().map(|r| &text[r]).collect()
    }

    fn en(text: &str) -> Vec<&str> {
        split_en(text).into_iter().map(|r| &text[r]).collect()
    }

    #[test]
    fn chinese_keeps_closing_quotes_with_the_sentence() {
        assert_eq!(
            zh("“‘上海精神’的本质是和平与发展。”俄罗斯专家表示。"),
            ["“‘上海精神’的本质是和平与发展。”", "俄罗斯专家表示。"]
        );
    }

    #[test]
    fn chinese_never_splits_inside_book_titles() {
        assert_eq!(
            zh("落实《宣言。附件》要求。下一句！"),
            ["落实《宣言。附件》要求。", "下一句！"]
        );
    }

    #[test]
    fn chinese_splits_at_semicolon_only_before_an_enumerator() {
        assert_eq!(
            zh("一是加强互信；二是深化合作；三是扩大交流。"),
            ["一是加强互信；", "二是深化合作；", "三是扩大交流。"]
        );
        assert_eq!(
            zh("重申恪守宪章宗旨；支持维护和平。"),
            ["重申恪守宪章宗旨；支持维护和平。"]
        );
    }

    #[test]
    fn chinese_keeps_combined_marks_together() {
        assert_eq!(zh("真的吗？！好。"), ["真的吗？！", "好。"]);
    }

    #[test]
    fn chinese_keeps_unterminated_tail() {
        assert_eq!(zh("谢谢大家。各位同事"), ["谢谢大家。", "各位同事"]);
    }

    #[test]
    fn english_guards_abbreviations() {
        assert_eq!(
            en(
                "Mr. Wang met H.E. Tokayev. They signed Resolution No. 5 in the U.S. Capitol. Then they left."
            ),
            [
                "Mr. Wang met H.E. Tokayev.",
                "They signed Resolution No. 5 in the U.S. Capitol.",
                "Then they left."
            ]
        );
    }

    #[test]
    fn english_keeps_quotes_and_splits_before_digits() {
        assert_eq!(
            en("He said: \"We agree.\" 2024 was a good year! Was it?"),
            ["He said: \"We agree.\"", "2024 was a good year!", "Was it?"]
        );
    }

    #[test]
    fn english_does_not_split_lowercase_continuations() {
        assert_eq!(
            en("The rate was 2.5 per cent. and rising"),
            ["The rate was 2.5 per cent. and rising"]
        );
    }

    mod properties {
        use super::super::split;
        use crate::lang::Lang;
        use proptest::prelude::*;

        fn paragraph() -> impl Strategy<Value = String> {
            proptest::collection::vec(
                prop::sample::select(vec![
                    "上海精神",
                    "。",
                    "！",
                    "？",
                    "；",
                    "”",
                    "“",
                    "《",
                    "》",
                    "一是",
                    "二、",
                    " ",
                    "Mr.",
                    "U.S.",
                    " The",
                    " a",
                    ".",
                    "!",
                    "?",
                    "\"",
                    "No. 5",
                    "…",
                    "）",
                ]),
                0..30,
            )
            .prop_map(|parts| parts.concat())
        }

        fn check(text: &str, lang: Lang) -> Result<(), TestCaseError> {
            let ranges = split(text, lang);
            let mut pos = 0;
            for r in &ranges {
                prop_assert!(r.start >= pos && r.start < r.end && r.end <= text.len());
                // Only white space between sentences is left out.
                prop_assert!(text[pos..r.start].trim().is_empty());
                prop_assert_eq!(text[r.clone()].trim(), &text[r.clone()]);
                pos = r.end;
            }
            prop_assert!(text[pos..].trim().is_empty());
            Ok(())
        }

        proptest! {
            #[test]
            fn sentences_cover_every_character_once(s in paragraph(), zh in any::<bool>()) {
                check(&s, if zh { Lang::Zh } else { Lang::En })?;
            }

            #[test]
            fn never_panics_on_any_text(s in any::<String>(), zh in any::<bool>()) {
                check(&s, if zh { Lang::Zh } else { Lang::En })?;
            }
        }
    }
}
