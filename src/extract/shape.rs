//! The shape of a term: which words may stand at its edges and inside it.
//!
//! No candidate begins or ends with a function word, begins with a governing verb or adverb
//! (构建 + 人类命运共同体), ends with a clause verb, has a number at either edge (a Chinese
//! numeral may begin one: 三股势力), or is one character.

use super::words::{
    ATTRIBUTIVES, END_WORDS, FUNCTION_WORDS, GOVERNING_VERBS, JOINERS, NO_START, STOP_PHRASES,
    TITLES,
};

/// Whether a token may stand at the edge of a term.
pub(crate) fn edge_ok(word: &str, start: bool) -> bool {
    if JOINERS.contains(&word) || FUNCTION_WORDS.contains(word) {
        return false;
    }
    // A governing verb, a title before a name (总统米尔济约耶夫) or the tail of a cut word
    // (国+领导人) cannot open a term.
    if start && (GOVERNING_VERBS.contains(word) || TITLES.contains(word) || NO_START.contains(word))
    {
        return false;
    }
    if !start && END_WORDS.contains(word) {
        return false;
    }
    // Numbers and dates: 2024, 2024年, 20周年, 第二十四次 (a Chinese numeral may begin a term,
    // and so may a year: 2030年可持续发展议程).
    let numeric = word.trim_end_matches([
        '年', '月', '日', '周', '个', '次', '名', '%', '万', '亿', '届', '份',
    ]);
    let arabic = !numeric.is_empty() && numeric.chars().all(|c| c.is_ascii_digit() || c == '.');
    let year = numeric.len() == 4 && word.len() == 4 + '年'.len_utf8() && word.ends_with('年');
    let ordinal = word.starts_with('第');
    !((arabic && !(start && year)) || ordinal || (!start && word.chars().all(is_chinese_numeral)))
}

pub(crate) fn is_chinese_numeral(c: char) -> bool {
    "一二三四五六七八九十百千万亿两零〇".contains(c)
}

/// Whether a token sequence has the shape of a term.
pub fn shape_ok(pieces: &[&str], max_chars: usize) -> bool {
    match pieces {
        // jieba cuts a year as `2030` `年`: read the two as one word (2030年可持续发展议程).
        [digits, "年", rest @ ..]
            if !rest.is_empty()
                && digits.len() == 4
                && digits.bytes().all(|b| b.is_ascii_digit()) =>
        {
            let year = format!("{digits}年");
            let mut joined = vec![year.as_str()];
            joined.extend_from_slice(rest);
            words_shape_ok(&joined, max_chars)
        }
        _ => words_shape_ok(pieces, max_chars),
    }
}

pub(crate) fn words_shape_ok(pieces: &[&str], max_chars: usize) -> bool {
    let (Some(first), Some(last)) = (pieces.first(), pieces.last()) else {
        return false;
    };
    let chars: usize = pieces.iter().map(|p| p.chars().count()).sum();
    // A year opens a name only before a long one (2030年可持续发展议程, not 2024年峰会).
    let year_first = first.len() == 4 + '年'.len_utf8()
        && first.ends_with('年')
        && first.as_bytes()[0].is_ascii_digit();
    if year_first && chars < 5 + 4 {
        return false;
    }
    chars >= 2
        && chars <= max_chars
        && !STOP_PHRASES.contains(pieces.concat().as_str())
        && !(first.starts_with(is_chinese_numeral) && chars <= 2)
        && edge_ok(first, true)
        && edge_ok(last, false)
        && !last.ends_with('们')
        && pieces.iter().any(|p| p.chars().any(crate::lang::is_han))
        && !(pieces.len() == 1 && opens_with_verb(first))
        && attributive_ok(pieces)
        && interior_ok(pieces)
}

/// Words that may stand inside a term although they are function words: the conjunctions of
/// 国际法原则和准则 and 安全与稳定, 之 (丝绸之路), and 的 (checked by [`attributive_ok`]).
pub(crate) const INTERIOR_FUNCTION_WORDS: &[&str] = &["和", "与", "及", "之", "的"];

/// Inside a phrase of three words or more, another function word (a preposition, a pronoun,
/// an adverb) makes a clause, not a term: 全球治理朝着更加公正合理.
/// A governing verb inside makes a clause too (措施打击恐怖主义), and a title inside makes a
/// phrase about a person (乌兹别克斯坦总统米尔济约耶夫).
pub(crate) fn interior_ok(pieces: &[&str]) -> bool {
    pieces.len() < 3
        || pieces[1..pieces.len() - 1].iter().all(|p| {
            (INTERIOR_FUNCTION_WORDS.contains(p) || !FUNCTION_WORDS.contains(p))
                && !TITLES.contains(p)
                && !GOVERNING_VERBS.contains(p)
        })
}

/// A single dictionary word that is a verb phrase set in one word (高度评价, 十分重要,
/// 具有重要意义): it begins with a governing verb or adverb and goes on for two characters or
/// more.
pub(crate) fn opens_with_verb(word: &str) -> bool {
    word.char_indices()
        .skip(1)
        .any(|(i, _)| GOVERNING_VERBS.contains(&word[..i]) && word[i..].chars().count() >= 2)
}

/// The checks a phrase in quotation marks must pass: the marks vouch for its edges
/// (“黄金30年”), but a function word inside makes it a saying (“多几道保障就多几分把握”,
/// “现代化道路上的同路人”), not a term.
pub fn quoted_shape_ok(pieces: &[&str]) -> bool {
    attributive_ok(pieces) && interior_ok(pieces)
}

/// `的` inside a mined phrase only right after a listed modifier (真正的多边主义): around a
/// term (冷战思维的现实威胁, 美好的…家园) it makes a phrase, not a term.
pub(crate) fn attributive_ok(pieces: &[&str]) -> bool {
    pieces
        .iter()
        .enumerate()
        .filter(|(_, p)| **p == "的")
        .all(|(i, _)| i == 1 && ATTRIBUTIVES.contains(pieces[0]))
}
