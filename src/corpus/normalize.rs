//! Character-level normalisation of one line of text.
//!
//! Every later stage (sentence splitting, segmentation, counting) relies on one canonical form:
//!
//! - full-width ASCII letters and digits become ASCII (`ＳＣＯ２０２４` → `SCO2024`): jieba cuts
//!   full-width forms into single characters;
//! - in Chinese text, half-width `, : ; ? ! ( ) "` next to Chinese characters become the
//!   full-width forms Chinese typography uses (`2024年7月4日,阿斯塔纳` → `2024年7月4日，阿斯塔纳`),
//!   while `1,000` and `10:30` keep theirs;
//! - `「」『』` become `“”‘’`; a dash between Chinese characters becomes `—` (`——` when doubled),
//!   so `中国-中亚` and `中国—中亚` are one string; `•・‧` between names become `·`;
//! - an English `and` an editor left between Chinese words becomes `和`;
//! - invisible characters (zero-width spaces, soft hyphens, stray BOMs, control characters)
//!   are dropped, all spaces become one ASCII space, and spaces beside Chinese punctuation go.
//!
//! [`line()`] is idempotent: normalising its output again changes nothing (a property test holds
//! it to that). Markdown and layout (headings, page breaks) are the business of
//! [`crate::corpus::layout`], which calls this on each line.

use crate::lang::{Lang, is_cjk_punct, is_han};

/// Normalises one line of a document written in `lang`.
pub fn line(raw: &str, lang: Lang) -> String {
    if lang == Lang::Zh && already_canonical(raw) {
        return raw.to_string();
    }
    let mut chars: Vec<char> = raw.chars().filter_map(|c| map_char(c, lang)).collect();
    if lang == Lang::Zh {
        replace_stray_and(&mut chars);
        widen_punctuation(&mut chars);
        pair_ascii_quotes(&mut chars);
        unify_dashes_and_dots(&mut chars);
    }
    collapse_spaces(&chars, lang)
}

/// Chinese punctuation that is already in its canonical form.
const CANONICAL_ZH_PUNCT: &str = "，。、；：？！“”‘’（）《》〈〉【】…·";

/// Whether no rule can change this line: only Chinese characters, ASCII letters and digits,
/// canonical Chinese punctuation, and dashes between Chinese characters (most lines of a
/// clean document). Saves the rule passes on them.
fn already_canonical(text: &str) -> bool {
    let mut prev = ' ';
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        let ok = is_han(c)
            || c.is_ascii_alphanumeric()
            || CANONICAL_ZH_PUNCT.contains(c)
            || (c == '—' && is_han(prev) && chars.peek().is_some_and(|&n| is_han(n)));
        if !ok {
            return false;
        }
        prev = c;
    }
    true
}

/// The context-free part: one character in, zero or one out.
fn map_char(c: char, lang: Lang) -> Option<char> {
    let mapped = match c {
        '\u{200B}'..='\u{200D}' | '\u{2060}' | '\u{FEFF}' | '\u{00AD}' => return None,
        '\t' | '\u{3000}' | '\u{00A0}' | '\u{2000}'..='\u{200A}' | '\u{202F}' | '\u{205F}' => ' ',
        c if c.is_control() => return None,
        // Full-width digits and letters.
        '\u{FF10}'..='\u{FF19}' | '\u{FF21}'..='\u{FF3A}' | '\u{FF41}'..='\u{FF5A}' => {
            char::from_u32(c as u32 - 0xFEE0).unwrap_or(c)
        }
        '「' => '“',
        '」' => '”',
        '『' => '‘',
        '』' => '’',
        c => match lang {
            Lang::Zh => map_zh_symbol(c),
            Lang::En => map_en_symbol(c),
        },
    };
    Some(mapped)
}

/// Chinese text keeps the full-width punctuation of Chinese typography (，。！？：；（）) and turns
/// the other full-width ASCII symbols (％ ＋ ／ ＠ …) into ASCII.
fn map_zh_symbol(c: char) -> char {
    match c {
        '！' | '（' | '）' | '，' | '：' | '；' | '？' => c,
        '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
        c => c,
    }
}

/// English text gets ASCII punctuation throughout.
fn map_en_symbol(c: char) -> char {
    match c {
        '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
        '、' => ',',
        '。' => '.',
        c => c,
    }
}

/// `发展 and 民生` → `发展和民生`: an English conjunction between two Chinese words is an
/// editing slip (it occurs twice in the seeds), and left alone it would split a sentence's
/// tokens and reach the term list.
fn replace_stray_and(chars: &mut Vec<char>) {
    let mut i = 0;
    while i < chars.len() {
        if is_han(chars[i])
            && let Some(end) = stray_and_at(chars, i + 1)
        {
            chars.splice(i + 1..end, ['和']);
        }
        i += 1;
    }
}

/// If `chars[start..]` is spaces, `and`, spaces, then a Chinese character, returns the index of
/// that character.
fn stray_and_at(chars: &[char], start: usize) -> Option<usize> {
    let mut j = start;
    let skip_spaces = |mut j: usize| {
        while chars.get(j) == Some(&' ') {
            j += 1;
        }
        j
    };
    let after_spaces = skip_spaces(j);
    if after_spaces == j {
        return None;
    }
    j = after_spaces;
    if chars.get(j..j + 3)? != ['a', 'n', 'd'] {
        return None;
    }
    let after = skip_spaces(j + 3);
    if after == j + 3 || !is_han(*chars.get(after)?) {
        return None;
    }
    Some(after)
}

/// Half-width punctuation that Chinese typography writes full-width.
fn widened(c: char) -> Option<char> {
    Some(match c {
        ',' => '，',
        ':' => '：',
        ';' => '；',
        '?' => '？',
        '!' => '！',
        _ => return None,
    })
}

/// Whether `c` carries content (a letter, a digit or a Chinese character). The decisions to
/// widen a mark or unify a dash look only at content characters, which those rewrites never
/// change: that keeps normalisation idempotent.
fn is_content(c: char) -> bool {
    crate::lang::is_word_char(c)
}

fn prev_content(chars: &[char], i: usize) -> Option<char> {
    chars[..i].iter().rev().copied().find(|&c| is_content(c))
}

fn next_content(chars: &[char], i: usize) -> Option<char> {
    chars[i + 1..].iter().copied().find(|&c| is_content(c))
}

fn han_context(chars: &[char], i: usize) -> bool {
    prev_content(chars, i).is_some_and(is_han) || next_content(chars, i).is_some_and(is_han)
}

/// Widens `, : ; ? ! ( )` that stand next to Chinese text.
fn widen_punctuation(chars: &mut [char]) {
    let between_digits = |chars: &[char], i: usize| {
        i > 0
            && chars[i - 1].is_ascii_digit()
            && chars.get(i + 1).is_some_and(|c| c.is_ascii_digit())
    };
    for i in 0..chars.len() {
        if let Some(wide) = widened(chars[i])
            && !between_digits(chars, i)
            && han_context(chars, i)
        {
            chars[i] = wide;
        }
    }
    widen_parentheses(chars);
}

/// A pair of ASCII parentheses around Chinese text becomes `（）`; an unmatched one is widened
/// when it stands next to Chinese text.
fn widen_parentheses(chars: &mut [char]) {
    let mut open: Vec<usize> = Vec::new();
    let mut to_widen: Vec<usize> = Vec::new();
    for i in 0..chars.len() {
        match chars[i] {
            '(' => open.push(i),
            ')' => match open.pop() {
                Some(start) if chars[start + 1..i].iter().any(|&c| is_han(c)) => {
                    to_widen.extend([start, i]);
                }
                Some(_) => {}
                None if han_context(chars, i) => to_widen.push(i),
                None => {}
            },
            _ => {}
        }
    }
    to_widen.extend(open.into_iter().filter(|&i| han_context(chars, i)));
    for i in to_widen {
        chars[i] = if chars[i] == '(' { '（' } else { '）' };
    }
}

/// ASCII double quotes in a Chinese line become `“…”` when they pair up.
fn pair_ascii_quotes(chars: &mut [char]) {
    let count = chars.iter().filter(|&&c| c == '"').count();
    if count == 0 || count % 2 == 1 || !chars.iter().any(|&c| is_han(c)) {
        return;
    }
    let mut opening = true;
    for c in chars.iter_mut().filter(|c| **c == '"') {
        *c = if opening { '“' } else { '”' };
        opening = !opening;
    }
}

/// One character of Chinese text as normalisation may leave it in any context, for finding a
/// normalised sentence again in the raw text ([`crate::corpus::written`]): `None` for what it
/// drops or may collapse (spaces, invisible characters); punctuation it may widen, quotation
/// marks it may turn, dashes and name dots it may unify, each folded to one form.
pub(crate) fn loose_key(c: char) -> Option<char> {
    let c = map_char(c, Lang::Zh)?;
    if c.is_whitespace() {
        return None;
    }
    Some(match c {
        '(' => '（',
        ')' => '）',
        '"' | '”' => '“',
        '\'' | '’' => '‘',
        '•' | '・' | '‧' | '∙' | '⋅' => '·',
        c if is_dash(c) => '—',
        c => widened(c).unwrap_or(c),
    })
}

fn is_dash(c: char) -> bool {
    matches!(
        c,
        '-' | '\u{2010}'..='\u{2015}' | '\u{2500}' | '\u{2212}' | '\u{FE58}' | '\u{FE63}'
    )
}

/// A run of dashes next to Chinese text becomes `—` (one) or `——` (two or more); name dots
/// (`•・‧∙⋅`) next to Chinese text become `·`.
fn unify_dashes_and_dots(chars: &mut Vec<char>) {
    let mut out = Vec::with_capacity(chars.len());
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if is_dash(c) {
            let end = (i..chars.len())
                .find(|&j| !is_dash(chars[j]))
                .unwrap_or(chars.len());
            let before_han = prev_content(chars, i).is_some_and(is_han);
            let after_han = next_content(chars, end - 1).is_some_and(is_han);
            if before_han || after_han {
                out.push('—');
                if end - i >= 2 {
                    out.push('—');
                }
            } else {
                out.extend_from_slice(&chars[i..end]);
            }
            i = end;
            continue;
        }
        if matches!(c, '•' | '・' | '‧' | '∙' | '⋅') && han_context(chars, i) {
            out.push('·');
        } else {
            out.push(c);
        }
        i += 1;
    }
    *chars = out;
}

/// One space wherever there were several, none at the ends, and (in Chinese) none beside
/// Chinese punctuation, where the full-width mark already carries its own space.
fn collapse_spaces(chars: &[char], lang: Lang) -> String {
    let mut out = String::with_capacity(chars.len() * 3);
    let mut pending_space = false;
    for &c in chars {
        if c == ' ' {
            pending_space = !out.is_empty();
            continue;
        }
        if pending_space {
            let last = out.chars().next_back();
            let cjk_next_to_space =
                lang == Lang::Zh && (is_cjk_punct(c) || last.is_some_and(is_cjk_punct));
            if !cjk_next_to_space {
                out.push(' ');
            }
            pending_space = false;
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn zh(s: &str) -> String {
        line(s, Lang::Zh)
    }

    #[test]
    fn widens_half_width_punctuation_next_to_chinese() {
        assert_eq!(zh("(2024年7月4日,阿斯塔纳)"), "（2024年7月4日，阿斯塔纳）");
        assert_eq!(
            zh("尊敬的托卡耶夫总统,各位同事:"),
            "尊敬的托卡耶夫总统，各位同事："
        );
        assert_eq!(zh("各位同事!"), "各位同事！");
    }

    #[test]
    fn keeps_numeric_commas_and_colons() {
        assert_eq!(zh("共计1,000人次,时间10:30"), "共计1,000人次，时间10:30");
    }

    #[test]
    fn leaves_latin_parentheses_alone() {
        assert_eq!(zh("上海合作组织 (SCO) 成员国"), "上海合作组织 (SCO) 成员国");
        assert_eq!(zh("上合组织(简称SCO)"), "上合组织（简称SCO）");
    }

    #[test]
    fn folds_full_width_letters_and_digits() {
        assert_eq!(zh("ＳＣＯ成立２０周年"), "SCO成立20周年");
        assert_eq!(line("ＳＣＯ　ｓｕｍｍｉｔ", Lang::En), "SCO summit");
    }

    #[test]
    fn unifies_dashes_between_chinese_words() {
        assert_eq!(zh("中国-中亚峰会"), "中国—中亚峰会");
        assert_eq!(zh("中国－中亚峰会"), "中国—中亚峰会");
        assert_eq!(zh("中国—中亚峰会"), "中国—中亚峰会");
        assert_eq!(zh("--在峰会上的讲话"), "——在峰会上的讲话");
        assert_eq!(zh("2021-2025年"), "2021-2025年");
    }

    #[test]
    fn unifies_name_dots_and_corner_quotes() {
        assert_eq!(zh("纳塔利娅•佩切里察"), "纳塔利娅·佩切里察");
        assert_eq!(zh("贡献『上海合作组织力量』"), "贡献‘上海合作组织力量’");
        assert_eq!(zh("「上海精神」"), "“上海精神”");
    }

    #[test]
    fn replaces_an_editors_stray_and() {
        assert_eq!(
            zh("塔经济社会发展 and 民生改善"),
            "塔经济社会发展和民生改善"
        );
        assert_eq!(zh("Belt and Road 倡议"), "Belt and Road 倡议");
    }

    #[test]
    fn pairs_ascii_quotes_in_chinese() {
        assert_eq!(zh("秉持\"上海精神\"的"), "秉持“上海精神”的");
        assert_eq!(zh("他说\"好"), "他说\"好");
    }

    #[test]
    fn drops_invisible_characters_and_extra_spaces() {
        assert_eq!(zh("\u{FEFF}上海\u{200B}精神\u{3000}\u{3000}"), "上海精神");
        assert_eq!(zh("两块基石： 建设共同的家园"), "两块基石：建设共同的家园");
        assert_eq!(zh("秉持“上海精神”  凝聚共识"), "秉持“上海精神”凝聚共识");
        assert_eq!(
            zh("中华人民共和国主席\t习近平"),
            "中华人民共和国主席 习近平"
        );
    }

    #[test]
    fn english_gets_ascii_punctuation() {
        assert_eq!(
            line("the SCO，founded in 2001。", Lang::En),
            "the SCO,founded in 2001."
        );
    }

    #[test]
    fn canonical_lines_are_recognised_and_left_alone() {
        assert!(already_canonical("中国—中亚峰会，“上海精神”。"));
        assert!(!already_canonical("中国-中亚峰会"));
        assert!(!already_canonical("上合组织 成员国"));
        assert!(!already_canonical("——在会上的讲话"));
        for s in ["中国—中亚峰会，“上海精神”。", "SCO成立20周年。"] {
            assert_eq!(zh(s), s);
        }
    }

    #[test]
    fn is_idempotent_on_tricky_cases() {
        for s in [
            "a,,中",
            "中,,a",
            "(a(中)b)",
            "中 and and 文",
            "中 ａｎｄ 文",
            "—-中",
            ")中(",
            "中 (a) , b",
        ] {
            let once = zh(s);
            assert_eq!(zh(&once), once, "input {s:?}");
        }
    }

    mod properties {
        use super::super::line;
        use crate::lang::Lang;
        use proptest::prelude::*;

        /// Text built from the characters the rules look at, so that they meet each other.
        fn tricky() -> impl Strategy<Value = String> {
            proptest::collection::vec(
                prop_oneof![
                    Just("中".to_string()),
                    Just("和".to_string()),
                    Just(" and ".to_string()),
                    prop::sample::select(vec![
                        ",", ":", ";", "?", "!", "(", ")", "\"", "-", "—", "－", "•", " ", "\t",
                        "，", "（", "）", "“", "”", "「", "』", "１", "Ａ", "a", "1", "\u{3000}",
                        "\u{200B}", "\u{FEFF}", "\u{7}", "、", "。",
                    ])
                    .prop_map(str::to_string),
                ],
                0..40,
            )
            .prop_map(|parts| parts.concat())
        }

        proptest! {
            #[test]
            fn never_panics_and_is_idempotent(s in any::<String>(), zh in any::<bool>()) {
                let lang = if zh { Lang::Zh } else { Lang::En };
                let once = line(&s, lang);
                prop_assert_eq!(line(&once, lang), once);
            }

            #[test]
            fn is_idempotent_on_mixed_punctuation(s in tricky(), zh in any::<bool>()) {
                let lang = if zh { Lang::Zh } else { Lang::En };
                let once = line(&s, lang);
                prop_assert_eq!(line(&once, lang), once);
            }

            #[test]
            fn keeps_every_chinese_character(s in tricky()) {
                let han = |t: &str| t.chars().filter(|&c| crate::lang::is_han(c)).count();
                let out = line(&s, Lang::Zh);
                // `and` between Chinese words turns into one more 和.
                prop_assert!(han(&out) >= han(&s));
            }
        }
    }
}
