//! Sentences as sparse vectors in one space of English stems, and their lengths.
//!
//! An English sentence is the bag of its content stems. A Chinese sentence is the bag of the
//! stems its words may translate to (each word's weight spread over its candidates), plus
//! tokens both sides can share as they are: numbers (`#2014`, from 2014, 二〇一四 or
//! "twenty"), Latin words (SCO), names in pinyin (陈清扬 → `@chen`, `@qingyang`,
//! `@chenqingyang`, as "Chen Qingyang" gives), and question and exclamation marks
//! (`%question`, `%exclamation`). Only stems found on both sides of the pair are
//! kept: a candidate no English sentence uses is noise, and so is an English word no Chinese
//! word can explain. Each dimension is weighted by its inverse document frequency over the
//! English sentences.

use std::collections::{HashMap, HashSet};

use pinyin::ToPinyin;

use super::lexicon::{Lexicon, english_words};
use crate::lang;
use crate::segment::Segmenter;

/// A sparse vector: (dimension, weight), sorted by dimension.
pub type Sparse = Vec<(u32, f32)>;

/// The dot product of two sparse vectors.
pub fn dot(a: &Sparse, b: &Sparse) -> f32 {
    let (mut i, mut j, mut sum) = (0, 0, 0.0);
    while i < a.len() && j < b.len() {
        match a[i].0.cmp(&b[j].0) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                sum += a[i].1 * b[j].1;
                i += 1;
                j += 1;
            }
        }
    }
    sum
}

/// Both sides of a pair, ready for alignment.
#[derive(Debug, Clone, Default)]
pub struct Prepared {
    /// Chinese sentence vectors.
    pub zh: Vec<Sparse>,
    /// English sentence vectors.
    pub en: Vec<Sparse>,
    /// Chinese lengths: characters other than spaces and punctuation.
    pub zh_len: Vec<f32>,
    /// English lengths: letters and digits.
    pub en_len: Vec<f32>,
    /// Where each Chinese sentence stands in the document's structure.
    pub zh_mark: Vec<Mark>,
    /// Where each English sentence stands in the document's structure.
    pub en_mark: Vec<Mark>,
    /// The clauses of each Chinese sentence (cut at its commas, semicolons and colons) as
    /// vectors in the same space; empty for a sentence of one clause (or when not computed).
    pub zh_clauses: Vec<Vec<Sparse>>,
}

/// Where a sentence stands in its document: the paragraph and heading structure, which a
/// translation mostly keeps, so a bead that agrees with it is likelier.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum Mark {
    /// Inside a paragraph, after its first sentence (or: the structure is unknown).
    #[default]
    Within,
    /// The first sentence of a paragraph.
    Paragraph,
    /// A title or heading.
    Heading,
}

impl Mark {
    /// Whether the sentence begins a paragraph or is a heading.
    pub fn is_start(self) -> bool {
        self != Mark::Within
    }
}

/// Whether marks say anything: some sentence after the first begins a paragraph.
pub fn has_structure(marks: &[Mark]) -> bool {
    marks.iter().skip(1).any(|m| m.is_start())
}

impl Prepared {
    /// The sentences `zh` of the Chinese side and `en` of the English side.
    pub fn slice(&self, zh: std::ops::Range<usize>, en: std::ops::Range<usize>) -> Prepared {
        Prepared {
            zh: self.zh[zh.clone()].to_vec(),
            en: self.en[en.clone()].to_vec(),
            zh_len: self.zh_len[zh.clone()].to_vec(),
            en_len: self.en_len[en.clone()].to_vec(),
            zh_mark: self.zh_mark[zh.clone()].to_vec(),
            en_mark: self.en_mark[en].to_vec(),
            zh_clauses: self
                .zh_clauses
                .get(zh)
                .map(<[_]>::to_vec)
                .unwrap_or_default(),
        }
    }
}

/// The candidate tokens of one Chinese sentence: per word, where it starts (in bytes) and
/// what it may come out as.
fn chinese_tokens(
    sentence: &str,
    segmenter: &Segmenter,
    lexicon: &Lexicon,
    memo: &mut HashMap<String, Vec<String>>,
) -> Vec<(usize, Vec<String>)> {
    let mut tokens: Vec<(usize, Vec<String>)> = segmenter
        .tags(sentence)
        .into_iter()
        .filter_map(|(word, tag)| {
            // jieba's words are slices of the sentence.
            let at = word.as_ptr() as usize - sentence.as_ptr() as usize;
            let candidates = word_candidates(word, tag, lexicon, memo);
            (!candidates.is_empty()).then_some((at, candidates))
        })
        .collect();
    let marks = sentence
        .char_indices()
        .filter_map(|(at, c)| mark_token(c).map(|mark| (at, vec![mark.to_string()])));
    tokens.extend(marks);
    tokens.sort_by_key(|&(at, _)| at);
    tokens
}

/// The token of a question or exclamation mark, which both languages keep in the sentence
/// that asks or exclaims: in dialogue, where the words of two neighbouring sentences say
/// little a dictionary knows, the marks still tell them apart. Other marks were measured and
/// left out (`benches/README.md`): quotation marks and colons cost more than they gave, and
/// semicolons, dashes, brackets and ellipses changed nothing.
fn mark_token(c: char) -> Option<&'static str> {
    match c {
        '？' | '?' => Some("%question"),
        '！' | '!' => Some("%exclamation"),
        _ => None,
    }
}

/// What one Chinese word (tagged `tag` by jieba) may come out as in English: nothing for
/// punctuation and function words.
fn word_candidates(
    word: &str,
    tag: &str,
    lexicon: &Lexicon,
    memo: &mut HashMap<String, Vec<String>>,
) -> Vec<String> {
    if !word.chars().any(lang::is_word_char) || is_function_word(word) {
        return Vec::new();
    }
    if let Some(n) = number_value(word) {
        return vec![format!("#{n}")];
    }
    if word.is_ascii() {
        return english_words(word).map(|w| lexicon.stem(w)).collect();
    }
    let mut candidates = memo
        .entry(word.to_string())
        .or_insert_with(|| lexicon.translations(word))
        .clone();
    // Names (and words the dictionary lacks) may stand in the English as pinyin.
    if tag.starts_with("nr") || tag == "ns" || tag == "nz" || candidates.is_empty() {
        candidates.extend(pinyin_forms(word));
    }
    candidates
}

/// The words of a sentence (as [`chinese_tokens`] gives them) grouped by its clauses; empty
/// for a sentence of one clause.
fn clause_tokens(sentence: &str, words: &[(usize, Vec<String>)]) -> Vec<Vec<Vec<String>>> {
    let clauses = clauses(sentence);
    if clauses.len() < 2 {
        return Vec::new();
    }
    let ends: Vec<usize> = clauses
        .iter()
        .map(|c| c.as_ptr() as usize - sentence.as_ptr() as usize + c.len())
        .collect();
    let mut out = vec![Vec::new(); clauses.len()];
    for (at, candidates) in words {
        let clause = ends
            .partition_point(|&end| end <= *at)
            .min(clauses.len() - 1);
        out[clause].push(candidates.clone());
    }
    out
}

/// Pinyin forms of a name as English writes it: 陈清扬 → `@chenqingyang`, `@chen`,
/// `@qingyang`.
pub fn pinyin_forms(word: &str) -> Vec<String> {
    let syllables: Vec<&str> = word
        .to_pinyin()
        .map(|p| p.map(|p| p.plain()))
        .collect::<Option<Vec<_>>>()
        .unwrap_or_default();
    if syllables.is_empty() {
        return Vec::new();
    }
    let mut forms = vec![format!("@{}", syllables.concat())];
    if syllables.len() > 1 {
        forms.push(format!("@{}", syllables[0]));
        forms.push(format!("@{}", syllables[1..].concat()));
    }
    forms
}

/// The tokens of one English sentence: content stems, numbers, capitalised words (alone and
/// run together) for pinyin names, and question and exclamation marks ([`mark_token`]).
fn english_tokens(sentence: &str, lexicon: &Lexicon) -> Vec<String> {
    let mut out = Vec::new();
    let mut capitalised: Vec<String> = Vec::new();
    let flush = |capitalised: &mut Vec<String>, out: &mut Vec<String>| {
        if capitalised.len() > 1 {
            out.push(format!("@{}", capitalised.concat()));
        }
        capitalised.clear();
    };
    for word in english_words(sentence) {
        if let Ok(n) = word.parse::<u64>() {
            out.push(format!("#{n}"));
            flush(&mut capitalised, &mut out);
            continue;
        }
        if let Some(n) = Lexicon::number_word(word) {
            out.push(format!("#{n}"));
        }
        if word.chars().next().is_some_and(char::is_uppercase) {
            let lower = word.to_lowercase().replace(['\'', '’'], "");
            out.push(format!("@{lower}"));
            capitalised.push(lower);
        } else {
            flush(&mut capitalised, &mut out);
        }
        if !Lexicon::is_stopword(word) && word.len() > 1 {
            out.push(lexicon.stem(word));
        }
    }
    flush(&mut capitalised, &mut out);
    out.extend(sentence.chars().filter_map(mark_token).map(str::to_string));
    out
}

/// Prepares both sides: tokens, the shared space, weights, vectors and lengths.
pub fn prepare(zh: &[&str], en: &[&str], segmenter: &Segmenter, lexicon: &Lexicon) -> Prepared {
    let mut memo = HashMap::new();
    let zh_words: Vec<Vec<(usize, Vec<String>)>> = zh
        .iter()
        .map(|s| chinese_tokens(s, segmenter, lexicon, &mut memo))
        .collect();
    let en_tokens: Vec<Vec<String>> = en.iter().map(|s| english_tokens(s, lexicon)).collect();
    let clause_tokens: Vec<Vec<Vec<Vec<String>>>> = zh
        .iter()
        .zip(&zh_words)
        .map(|(s, words)| clause_tokens(s, words))
        .collect();
    let zh_tokens: Vec<Vec<Vec<String>>> = zh_words
        .into_iter()
        .map(|words| words.into_iter().map(|(_, c)| c).collect())
        .collect();

    // The shared space: what occurs in English and among the Chinese candidates.
    let chinese_side: HashSet<&str> = zh_tokens
        .iter()
        .flatten()
        .flatten()
        .map(String::as_str)
        .collect();
    let mut index: HashMap<&str, u32> = HashMap::new();
    let mut df: Vec<u32> = Vec::new();
    for tokens in &en_tokens {
        // In order of appearance, so that dimensions (and the order of float sums) are the
        // same from run to run.
        let mut seen: HashSet<&str> = HashSet::new();
        let distinct = tokens.iter().map(String::as_str).filter(|t| seen.insert(t));
        for t in distinct {
            if !chinese_side.contains(t) {
                continue;
            }
            let next = index.len() as u32;
            let id = *index.entry(t).or_insert(next);
            if id as usize == df.len() {
                df.push(0);
            }
            df[id as usize] += 1;
        }
    }
    let n = en.len().max(1) as f32;
    let idf: Vec<f32> = df.iter().map(|&d| (1.0 + n / d as f32).ln()).collect();

    let english_vector = |tokens: &Vec<String>| {
        let mut v: HashMap<u32, f32> = HashMap::new();
        for t in tokens {
            if let Some(&id) = index.get(t.as_str()) {
                *v.entry(id).or_default() += idf[id as usize];
            }
        }
        sorted(v)
    };
    let en_vectors = en_tokens.iter().map(english_vector).collect();
    let chinese_vector = |words: &Vec<Vec<String>>| {
        let mut v: HashMap<u32, f32> = HashMap::new();
        for candidates in words {
            let ids: HashSet<u32> = candidates
                .iter()
                .filter_map(|c| index.get(c.as_str()).copied())
                .collect();
            let share = 1.0 / ids.len().max(1) as f32;
            for id in ids {
                *v.entry(id).or_default() += idf[id as usize] * share;
            }
        }
        sorted(v)
    };
    let zh_vectors = zh_tokens.iter().map(chinese_vector).collect();
    let zh_clauses = clause_tokens
        .iter()
        .map(|clauses| clauses.iter().map(chinese_vector).collect())
        .collect();
    Prepared {
        zh: zh_vectors,
        en: en_vectors,
        zh_len: zh.iter().map(|s| chinese_length(s)).collect(),
        en_len: en.iter().map(|s| english_length(s)).collect(),
        zh_mark: vec![Mark::Within; zh.len()],
        en_mark: vec![Mark::Within; en.len()],
        zh_clauses,
    }
}

/// Most clauses kept apart in a sentence; the rest join the last one.
pub const MAX_CLAUSES: usize = 8;

/// A Chinese sentence cut into clauses after its commas, semicolons and colons, full-width
/// or not (the marks stay with the clause they end); at most [`MAX_CLAUSES`].
pub fn clauses(sentence: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut start = 0;
    for (i, c) in sentence.char_indices() {
        if matches!(c, '，' | '；' | '：' | ',' | ';' | ':') && out.len() + 1 < MAX_CLAUSES {
            let end = i + c.len_utf8();
            if sentence[start..end].chars().any(lang::is_word_char) {
                out.push(&sentence[start..end]);
                start = end;
            }
        }
    }
    if sentence[start..].chars().any(lang::is_word_char) {
        out.push(&sentence[start..]);
    } else if let Some(last) = out.pop() {
        // Trailing punctuation belongs to the last clause.
        let from = last.as_ptr() as usize - sentence.as_ptr() as usize;
        out.push(&sentence[from..]);
    }
    out
}

fn sorted(v: HashMap<u32, f32>) -> Sparse {
    let mut out: Sparse = v.into_iter().collect();
    out.sort_unstable_by_key(|e| e.0);
    out
}

/// Characters that carry text, Chinese side.
pub fn chinese_length(s: &str) -> f32 {
    s.chars().filter(|&c| lang::is_word_char(c)).count() as f32
}

/// Letters and digits, English side.
pub fn english_length(s: &str) -> f32 {
    s.chars().filter(|c| c.is_alphanumeric()).count() as f32
}

/// Words too common to say anything about a sentence pair.
pub fn is_function_word(word: &str) -> bool {
    const WORDS: &str = "的 了 着 过 地 得 之 吗 呢 吧 啊 呀 么 是 在 有 和 与 及 或 而 也 就 都 又 还 再 很 太 更 最 被 把 将 对 向 从 于 以 为 所 其 这 那 此 个 些 一 不 没 没有 我 你 他 她 它 我们 你们 他们 她们 自己 这个 那个 什么 怎么 这样 那样 因为 所以 但是 可是 如果 虽然 然后 已经 正在 可以 要 会 能 说 去 来 到 上 下 里 中 后 前 时";
    static SET: std::sync::LazyLock<HashSet<&'static str>> =
        std::sync::LazyLock::new(|| WORDS.split_whitespace().collect());
    SET.contains(word)
}

/// The value of a number written in digits or in Chinese numerals (二十, 二〇一四, 三百).
pub fn number_value(word: &str) -> Option<u64> {
    let word = word.trim_end_matches(['年', '月', '日', '号', '个', '岁', '次', '名', '位']);
    if word.is_empty() {
        return None;
    }
    if word.chars().all(|c| c.is_ascii_digit()) {
        return word.parse().ok();
    }
    let digit = |c: char| -> Option<u64> {
        Some(match c {
            '〇' | '零' => 0,
            '一' => 1,
            '二' => 2,
            '三' => 3,
            '四' => 4,
            '五' => 5,
            '六' => 6,
            '七' => 7,
            '八' => 8,
            '九' => 9,
            _ => return None,
        })
    };
    let chars: Vec<char> = word.chars().collect();
    // Digit by digit (二〇一四).
    if chars.len() > 1 && chars.iter().all(|&c| digit(c).is_some()) {
        return chars
            .iter()
            .try_fold(0u64, |n, &c| Some(n * 10 + digit(c)?));
    }
    // With units (二十, 三百五十, 两千).
    let mut total = 0u64;
    let mut current = 0u64;
    for &c in &chars {
        match c {
            '两' => current = 2,
            '十' => {
                total += current.max(1) * 10;
                current = 0;
            }
            '百' => {
                total += current.max(1) * 100;
                current = 0;
            }
            '千' => {
                total += current.max(1) * 1000;
                current = 0;
            }
            '万' => {
                total = (total + current).max(1) * 10_000;
                current = 0;
            }
            _ => current = digit(c)?,
        }
    }
    Some(total + current)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chinese_numbers_read_as_values() {
        for (word, n) in [
            ("2014", 2014),
            ("二〇一四年", 2014),
            ("二十", 20),
            ("十", 10),
            ("三百五十", 350),
            ("两千", 2000),
            ("七", 7),
            ("一万", 10_000),
        ] {
            assert_eq!(number_value(word), Some(n), "{word}");
        }
        assert_eq!(number_value("上海"), None);
        assert_eq!(number_value("年"), None);
    }

    #[test]
    fn a_sentence_is_cut_into_clauses_after_its_commas() {
        assert_eq!(
            clauses("假如不乐意可以早说，动手就打不够意思。"),
            ["假如不乐意可以早说，", "动手就打不够意思。"]
        );
        assert_eq!(clauses("一，二；三：四"), ["一，", "二；", "三：", "四"]);
        assert_eq!(clauses("谢谢大家。"), ["谢谢大家。"]);
        assert_eq!(clauses("好，，"), ["好，，"], "no clause without text");
        assert_eq!(clauses(&"甲，".repeat(20)).len(), MAX_CLAUSES);
    }

    #[test]
    fn names_meet_their_pinyin() {
        assert_eq!(
            pinyin_forms("陈清扬"),
            ["@chenqingyang", "@chen", "@qingyang"]
        );
        let lex = Lexicon::default();
        let tokens = english_tokens("Chen Qingyang caught me in 1968.", &lex);
        for t in ["@chen", "@qingyang", "@chenqingyang", "#1968", "caught"] {
            assert!(tokens.contains(&t.to_string()), "{t} in {tokens:?}");
        }
    }

    #[test]
    fn a_question_meets_a_question_and_not_a_statement() {
        let seg = Segmenter::new();
        let lex = Lexicon::default();
        // The words of both sentences are the same to a dictionary: only the marks differ.
        let zh = ["要和平？", "要和平。"];
        let en = ["Peace?", "Peace."];
        let p = prepare(&zh, &en, &seg, &lex);
        let cosine = |a: &Sparse, b: &Sparse| dot(a, b) / (dot(a, a) * dot(b, b)).sqrt();
        assert!(cosine(&p.zh[0], &p.en[0]) > cosine(&p.zh[0], &p.en[1]));
        assert!(cosine(&p.zh[1], &p.en[1]) > cosine(&p.zh[1], &p.en[0]));
        let tokens = english_tokens("What now? Run!", &lex);
        assert!(tokens.contains(&"%question".to_string()), "{tokens:?}");
        assert!(tokens.contains(&"%exclamation".to_string()), "{tokens:?}");
    }

    #[test]
    fn a_sentence_and_its_translation_share_dimensions() {
        let seg = Segmenter::new();
        let lex = Lexicon::default();
        let zh = ["陈清扬把我拽住，叫我留下来。", "那天晚上下了很大的雨。"];
        let en = [
            "Chen Qingyang caught me and asked me to stay.",
            "It rained heavily that night.",
        ];
        let p = prepare(&zh, &en, &seg, &lex);
        let cos = |a: &Sparse, b: &Sparse| dot(a, b) / (dot(a, a) * dot(b, b)).sqrt().max(1e-9);
        assert!(cos(&p.zh[0], &p.en[0]) > cos(&p.zh[0], &p.en[1]));
        assert!(cos(&p.zh[1], &p.en[1]) > cos(&p.zh[1], &p.en[0]));
        assert_eq!(p.zh_len[1], 10.0);
    }
}
