//! Languages and the character classes every stage relies on.
//!
//! A document's language is decided from its content, never from its name: a file called
//! `speech.en.txt` that holds Chinese is reported as Chinese.

use serde::{Deserialize, Serialize};

/// The language of a document.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    /// Chinese (the source language of the corpus).
    Zh,
    /// English (translations).
    En,
}

impl Lang {
    /// The short code used in file names, manifests and JSON (`zh`, `en`).
    pub fn code(self) -> &'static str {
        match self {
            Lang::Zh => "zh",
            Lang::En => "en",
        }
    }

    /// Parses `zh`/`en` (and the common spellings `zh-CN`, `chinese`, `en-US`, `english`).
    pub fn parse(s: &str) -> Option<Lang> {
        let s = s.trim().to_ascii_lowercase();
        match s.as_str() {
            "zh" | "zh-cn" | "zh-hans" | "zh_cn" | "cn" | "chinese" => Some(Lang::Zh),
            "en" | "en-us" | "en-gb" | "en_us" | "english" => Some(Lang::En),
            _ => None,
        }
    }
}

impl std::fmt::Display for Lang {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.code())
    }
}

/// Decides whether `text` is Chinese or English from its letters, or `None` when it is neither
/// (no letters at all, or mostly another script such as Cyrillic).
///
/// A Chinese word is about 1.5 characters and an English word about 5 letters, so the two counts
/// are compared as estimated words: Chinese wins when `han / 1.5 > latin / 5`.
pub fn detect(text: &str) -> Option<Lang> {
    let (mut han, mut latin, mut other) = (0usize, 0usize, 0usize);
    for c in text.chars() {
        if is_han(c) {
            han += 1;
        } else if c.is_ascii_alphabetic() {
            latin += 1;
        } else if !c.is_ascii() && !is_cjk_punct(c) && c.is_alphabetic() {
            other += 1;
        }
    }
    if han + latin < 2 || (other > han && other > latin) {
        None
    } else if han * 10 > latin * 3 {
        Some(Lang::Zh)
    } else {
        Some(Lang::En)
    }
}

/// A Chinese character (CJK unified ideographs, extensions, compatibility ideographs, 〇).
pub fn is_han(c: char) -> bool {
    matches!(c,
        '\u{4E00}'..='\u{9FFF}'
        | '\u{3400}'..='\u{4DBF}'
        | '\u{20000}'..='\u{2FFFF}'
        | '\u{F900}'..='\u{FAFF}'
        | '\u{3007}')
}

/// Punctuation and symbols of Chinese typography: CJK symbols, full-width forms, curly quotes,
/// dashes, the ellipsis and the middle dot.
pub fn is_cjk_punct(c: char) -> bool {
    matches!(c,
        '\u{3000}'..='\u{303F}'
        | '\u{FF01}'..='\u{FF0F}'
        | '\u{FF1A}'..='\u{FF20}'
        | '\u{FF3B}'..='\u{FF40}'
        | '\u{FF5B}'..='\u{FF65}'
        | '\u{2018}' | '\u{2019}' | '\u{201C}' | '\u{201D}'
        | '\u{2014}' | '\u{2026}' | '\u{00B7}')
}

/// A letter, digit or Chinese character: `char::is_alphanumeric`, with Chinese characters and
/// ASCII checked first (the general Unicode lookup is slow, and this runs on every character).
pub fn is_word_char(c: char) -> bool {
    if c.is_ascii() {
        c.is_ascii_alphanumeric()
    } else {
        is_han(c) || (!is_cjk_punct(c) && c.is_alphanumeric())
    }
}

/// Characters that close a quotation or bracket; a sentence keeps them when they follow its end.
pub fn is_closer(c: char) -> bool {
    matches!(
        c,
        '”' | '’' | '」' | '』' | '）' | ')' | '》' | '〉' | '】' | ']' | '"' | '\''
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn detects_chinese_with_latin_names() {
        assert_eq!(detect("上海合作组织（SCO）成员国领导人"), Some(Lang::Zh));
    }

    #[test]
    fn detects_english_with_a_chinese_term() {
        assert_eq!(
            detect("We should carry forward the Shanghai Spirit (上海精神) together."),
            Some(Lang::En)
        );
    }

    #[test]
    fn rejects_text_without_letters_or_in_another_script() {
        assert_eq!(detect("2024 7 4 ... 1000"), None);
        assert_eq!(detect("Шанхайская организация сотрудничества"), None);
    }

    #[test]
    fn word_chars_agree_with_the_standard_library() {
        for c in [
            '上', '𠀀', 'a', 'Z', '7', '，', '。', '“', '—', 'é', 'Ж', '١', ' ', '\u{3000}', '〇',
            '·',
        ] {
            assert_eq!(is_word_char(c), c.is_alphanumeric(), "{c:?}");
        }
    }

    #[test]
    fn parses_manifest_spellings() {
        assert_eq!(Lang::parse(" zh-CN "), Some(Lang::Zh));
        assert_eq!(Lang::parse("English"), Some(Lang::En));
        assert_eq!(Lang::parse("ru"), None);
    }
}
