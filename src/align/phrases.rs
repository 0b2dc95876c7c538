//! The English that renders a Chinese term inside one word-aligned sentence pair.
//!
//! A sentence pair is cut into tokens (jieba for the Chinese, whole words and punctuation
//! marks for the English) and word-aligned ([`super::words`]). An occurrence of a term covers
//! a run of Chinese tokens; its English is the run of English tokens its content words link
//! to (its punctuation and function words only when it has nothing else), kept only when it
//! is *consistent* with the links (no English word inside it belongs to a Chinese content
//! word outside the term: the classic phrase-pair condition of statistical translation,
//! relaxed for function words and punctuation, whose links are the noisiest).
//! The run is made of whole tokens, so "Anti-Drug" and "Long-term" are never cut; it loses
//! the articles, function words and punctuation at its edges (not a particle a word of the
//! term links to: "at the next level up" of 上级), and takes in the unaligned
//! capitalised words next to a capitalised rendering (the "Organization" of a name whose other
//! words carried the links). A word of the term whose only links fall to that trimming, and
//! that nothing kept translates, leaves the rendering cut short: there is none.

use serde::{Deserialize, Serialize};

use super::lexicon::{Lexicon, same_stem};
use super::words::{self, Link, TokenPair, WordAlignOptions};
use crate::segment::Segmenter;

/// A sentence pair as tokens (byte spans of each side's text) and the links between them.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct WordAlignedPair {
    /// Byte spans of the Chinese tokens.
    pub zh: Spans,
    /// Byte spans of the English tokens.
    pub en: Spans,
    /// Links (Chinese token, English token).
    pub links: Vec<Link>,
}

/// Byte spans of tokens in a text.
type Spans = Vec<(usize, usize)>;

/// Byte spans of the words jieba cuts `text` into, white space left out.
fn chinese_token_spans(text: &str, segmenter: &Segmenter) -> Spans {
    let mut spans = Vec::new();
    let mut at = 0;
    for word in segmenter.words(text) {
        // jieba's words cover the text in order, so each starts where the last one ended.
        let from = at;
        at += word.len();
        if !word.trim().is_empty() {
            spans.push((from, at));
        }
    }
    spans
}

/// Word-aligns every `(Chinese, English)` pair, trained on the pairs themselves and the
/// lexicon's dictionaries.
pub fn word_align(
    pairs: &[(&str, &str)],
    segmenter: &Segmenter,
    lexicon: &Lexicon,
    options: &WordAlignOptions,
) -> Vec<WordAlignedPair> {
    use rayon::prelude::*;
    let spans: Vec<(Spans, Spans)> = pairs
        .par_iter()
        .map(|(zh, en)| {
            (
                chinese_token_spans(zh, segmenter),
                words::english_token_spans(en),
            )
        })
        .collect();
    let tokens: Vec<TokenPair> = pairs
        .iter()
        .zip(&spans)
        .map(|((zh, en), (zs, es))| TokenPair {
            zh: zs.iter().map(|&(a, b)| zh[a..b].to_string()).collect(),
            en: es.iter().map(|&(a, b)| en[a..b].to_string()).collect(),
        })
        .collect();
    let links = words::align_words(&tokens, lexicon, options);
    spans
        .into_iter()
        .zip(links)
        .map(|((zh, en), links)| WordAlignedPair { zh, en, links })
        .collect()
}

/// What the dictionary says a term's English may hold: the stems of its words' translations
/// (CC-CEDICT glosses, curated renderings, numbers, pinyin of names).
#[derive(Debug, Clone, Default)]
pub struct TermGlosses {
    /// Stems of the translations of the term's words.
    pub stems: Vec<String>,
}

impl TermGlosses {
    /// Which of the stems `word` matches, if any (a hyphenated word by any of its parts:
    /// "anti-terrorism" by "terrorism").
    fn matched(&self, word: &str, lexicon: &Lexicon) -> Option<usize> {
        self.matched_besides(word, lexicon, &[])
    }

    /// Which of the stems `word` matches, other than those `used` already: a stem that several
    /// words of the term give is there once for each (自治区、自治州、自治县 is "autonomous"
    /// three times), so each of them may claim an English word of its own.
    fn matched_besides(&self, word: &str, lexicon: &Lexicon, used: &[usize]) -> Option<usize> {
        if Lexicon::is_stopword(word) || !word.chars().any(char::is_alphanumeric) {
            return None;
        }
        let lower = word.to_lowercase();
        let whole = std::iter::once(lower.as_str());
        let parts = lower.split('-').filter(|_| lower.contains('-'));
        whole.chain(parts).find_map(|w| {
            let stem = lexicon.stem(w.trim_end_matches("'s").trim_end_matches("’s"));
            self.stems
                .iter()
                .enumerate()
                .find(|&(k, g)| !used.contains(&k) && (g == w || same_stem(g, &stem)))
                .map(|(k, _)| k)
        })
    }
}

/// Words that may stand between a rendering and a word of the dictionary that extends it
/// ("Communist Party *of* China", "Belt *and* Road", "community *with a* shared future"), at
/// most [`BRIDGE_WORDS`] of them.
const BRIDGES: [&str; 12] = [
    "of", "and", "on", "for", "with", "in", "at", "to", "between", "a", "an", "the",
];
/// Most bridging words in a row.
const BRIDGE_WORDS: usize = 2;

/// What an occurrence of a term gives in one pair.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Rendered {
    /// The English at this byte span renders it.
    Span(usize, usize),
    /// No English word is linked to it (left untranslated, or the links missed it).
    Unaligned,
    /// Its English cannot be cut out: the words linked to it are interleaved with words of
    /// the rest of the sentence, or it is part of a longer Chinese word.
    Tangled,
}

/// Longest English rendering accepted for a term of `chars` Chinese characters, in tokens.
fn longest_rendering(chars: usize) -> usize {
    2 * chars + 3
}

impl WordAlignedPair {
    /// The English of the Chinese text at bytes `from..to` of `zh` (an occurrence of a term
    /// whose words the dictionary translates as `glosses`).
    pub fn rendering(
        &self,
        zh: &str,
        en: &str,
        (from, to): (usize, usize),
        glosses: &TermGlosses,
        lexicon: &Lexicon,
    ) -> Rendered {
        let Some((first, last)) = self.chinese_tokens(from, to) else {
            return Rendered::Tangled;
        };
        let inside = |i: usize| (first..=last).contains(&i);
        let loose = |i: usize| {
            let (a, b) = self.zh[i];
            is_loose_chinese(&zh[a..b])
        };
        // The span the links of the term's content words give: the links of its punctuation
        // and function words are the noisiest (、 linked to a comma past the list), and count
        // only when the term has no other.
        let linked_from = |content: bool| -> Vec<usize> {
            self.links
                .iter()
                .filter(|&&(i, _)| inside(i) && (!content || !loose(i)))
                .map(|&(_, j)| j)
                .collect()
        };
        let mut linked = linked_from(true);
        if linked.is_empty() {
            linked = linked_from(false);
        }
        let (Some(&start), Some(&end)) = (linked.iter().min(), linked.iter().max()) else {
            return Rendered::Unaligned;
        };
        let word = |j: usize| &en[self.en[j].0..self.en[j].1];
        // Whether the outside Chinese word `i` may translate as the English word `w`.
        let translates = |i: usize, w: &str| {
            let (a, b) = self.zh[i];
            let outside = TermGlosses {
                stems: lexicon.translations(&zh[a..b]),
            };
            outside.matched(w, lexicon).is_some()
        };
        // How far English word `j` stands from Chinese word `i`, in relative positions.
        let (n, m) = (self.zh.len().max(1) as f64, self.en.len().max(1) as f64);
        let distance = |i: f64, j: usize| (i / n - j as f64 / m).abs();
        let middle = (first + last) as f64 / 2.0;
        // A word linked to a content word outside the term belongs there, unless the
        // dictionary says it translates a word of the term, and either not that one or that
        // one too but the term stands nearer (a stray link between repeated words: the
        // "forum" of one 论坛 linked to another).
        let held = |j: usize| {
            let w = word(j);
            let ours = glosses.matched(w, lexicon).is_some();
            self.links.iter().any(|&(i, k)| {
                k == j
                    && !inside(i)
                    && !loose(i)
                    && (!ours || (translates(i, w) && distance(i as f64, j) <= distance(middle, j)))
            })
        };
        let tangled = (start..=end).any(held);
        if tangled || end - start + 1 > longest_rendering(zh[from..to].chars().count()) {
            return Rendered::Tangled;
        }
        let aligned = |j: usize| self.links.iter().any(|&(_, k)| k == j);
        let free = |j: usize| !held(j);
        // A word held only by other occurrences of a word of the term (the "forum" of the
        // next 论坛 in 传统医学论坛、民间友好论坛): which of the two it renders the links cannot
        // tell, and right next to the span it is the term's.
        let term = &zh[from..to];
        let held_by_a_repeat = |j: usize| {
            let mut holders = self
                .links
                .iter()
                .filter(|&&(i, k)| k == j && !inside(i) && !loose(i))
                .map(|&(i, _)| &zh[self.zh[i].0..self.zh[i].1])
                .peekable();
            holders.peek().is_some() && holders.all(|w| w.chars().count() >= 2 && term.contains(w))
        };
        let (start, end) =
            self.grow_by_dictionary(en, (start, end), glosses, lexicon, &free, &held_by_a_repeat);
        let (start, end) = self.grow_name(en, start, end, &aligned);
        match self.trim(en, start, end) {
            // A span across a `|` is two things, not one rendering (and glossary.csv lists
            // renderings separated by `|`).
            Some((s, e)) if (s..=e).any(|j| word(j) == "|") => Rendered::Unaligned,
            // A word of the term whose every link fell to the trimming (全面 linked to the "all"
            // of "in all respects" only), and that nothing kept translates, is left out of
            // the English: cut short. Single characters (之 linked to "a") are too loosely
            // linked to tell.
            Some((s, e))
                if (first..=last).any(|i| {
                    self.lost_in_trimming(i, s, e)
                        && !loose(i)
                        && zh[self.zh[i].0..self.zh[i].1].chars().nth(1).is_some()
                        && !(s..=e).any(|j| translates(i, word(j)))
                }) =>
            {
                Rendered::Unaligned
            }
            Some((s, e)) => {
                // A particle a word of the term links to is its English ("at the next level
                // up" of 上级), though trimmed as a function word.
                let linked_particle = e < end
                    && Lexicon::is_particle(word(e + 1))
                    && self
                        .links
                        .iter()
                        .any(|&(i, j)| j == e + 1 && inside(i) && !loose(i));
                let e = if linked_particle {
                    e + 1
                } else {
                    self.keep_particle(en, e, glosses, lexicon)
                };
                match self.balance_quotes(en, s, e) {
                    Some((s, e)) => Rendered::Span(self.en[s].0, self.en[e].1),
                    None => Rendered::Unaligned,
                }
            }
            None => Rendered::Unaligned,
        }
    }

    /// Whether Chinese token `i` has links and every one of them falls outside `start..=end`.
    fn lost_in_trimming(&self, i: usize, start: usize, end: usize) -> bool {
        let mut links = self.links.iter().filter(|&&(k, _)| k == i).peekable();
        links.peek().is_some() && links.all(|&(_, j)| j < start || j > end)
    }

    /// The first and last Chinese token of bytes `from..to`; `None` when a token sticks out
    /// of it (the term is part of a longer word, and the English of that word is more).
    fn chinese_tokens(&self, from: usize, to: usize) -> Option<(usize, usize)> {
        let first = self.zh.iter().position(|&(_, b)| b > from)?;
        let last = self.zh.iter().rposition(|&(a, _)| a < to)?;
        (first <= last && self.zh[first].0 == from && self.zh[last].1 == to)
            .then_some((first, last))
    }

    /// Grows the span over the words next to it (or past one bridging function word) that
    /// translate a word of the term none of its words does yet, when they belong to nothing
    /// else in the sentence (`free`), or, right next to the span, to nothing but a repeat of
    /// a word of the term (`next_to_it`): the links of a long name often miss a word of it
    /// (`People's Republic` of China, `Communist Party` of China, reform and `opening up`).
    fn grow_by_dictionary(
        &self,
        en: &str,
        (mut start, mut end): (usize, usize),
        glosses: &TermGlosses,
        lexicon: &Lexicon,
        free: &dyn Fn(usize) -> bool,
        next_to_it: &dyn Fn(usize) -> bool,
    ) -> (usize, usize) {
        let word = |j: usize| &en[self.en[j].0..self.en[j].1];
        let mut matched: Vec<usize> = Vec::new();
        for j in start..=end {
            if let Some(m) = glosses.matched_besides(word(j), lexicon, &matched) {
                matched.push(m);
            }
        }
        // A bridge may carry a link (function words gather stray ones); the word past it
        // may not.
        let bridge = |j: usize| BRIDGES.contains(&word(j).to_lowercase().as_str());
        // The word at `j` (or past `bridges` bridging words from `j`, stepping by `step`) if
        // it extends the span, with the stem it matches.
        let extends = |j: usize, step: isize, bridges: usize, matched: &[usize]| {
            let mut k = j;
            for _ in 0..bridges {
                if !bridge(k) {
                    return None;
                }
                k = k.checked_add_signed(step).filter(|&k| k < self.en.len())?;
            }
            (free(k) || (bridges == 0 && next_to_it(k)))
                .then(|| glosses.matched_besides(word(k), lexicon, matched))
                .flatten()
                .map(|m| (k, m))
        };
        // The nearest word that extends the span on either side (fewest bridges first, the
        // right side first at the same distance).
        'grow: loop {
            for bridges in 0..=BRIDGE_WORDS {
                if end + 1 < self.en.len()
                    && let Some((k, m)) = extends(end + 1, 1, bridges, &matched)
                {
                    end = k;
                    matched.push(m);
                    continue 'grow;
                }
                if start > 0
                    && let Some((k, m)) = extends(start - 1, -1, bridges, &matched)
                {
                    start = k;
                    matched.push(m);
                    continue 'grow;
                }
            }
            return (start, end);
        }
    }

    /// The span's last word, or the particle after it when the dictionary gives the term's
    /// words as that phrasal verb ("reform and opening" + "up": 改革开放 is "reform and
    /// opening up", 开放 "to open up"). The particle is a stopword, so neither the links nor
    /// the growth by the dictionary keep it.
    fn keep_particle(
        &self,
        en: &str,
        end: usize,
        glosses: &TermGlosses,
        lexicon: &Lexicon,
    ) -> usize {
        let word = |j: usize| &en[self.en[j].0..self.en[j].1];
        let Some(next) = (end + 1 < self.en.len()).then(|| word(end + 1)) else {
            return end;
        };
        let phrasal = lexicon.phrasal_verb(word(end), next);
        if glosses.stems.contains(&phrasal) {
            end + 1
        } else {
            end
        }
    }

    /// The span with its quotation marks in pairs: trimming drops an opening mark at the
    /// edge and keeps the closing one inside (`SCO Plus" Summit in Astana`), so the mark just
    /// outside the span is taken back in. `None` when no mark outside closes the pair.
    fn balance_quotes(&self, en: &str, mut start: usize, mut end: usize) -> Option<(usize, usize)> {
        let word = |j: usize| &en[self.en[j].0..self.en[j].1];
        let unpaired = |start: usize, end: usize| {
            let count =
                |marks: &[&str]| (start..=end).filter(|&j| marks.contains(&word(j))).count();
            let straight = count(&["\""]) % 2 == 1;
            let curly = count(&["“"]) != count(&["”"]);
            straight || curly
        };
        if !unpaired(start, end) {
            return Some((start, end));
        }
        if start > 0 && matches!(word(start - 1), "\"" | "“") && !unpaired(start - 1, end) {
            start -= 1;
        } else if end + 1 < self.en.len()
            && matches!(word(end + 1), "\"" | "”")
            && !unpaired(start, end + 1)
        {
            end += 1;
        } else {
            return None;
        }
        Some((start, end))
    }

    /// Grows a capitalised rendering over the unaligned capitalised words next to it.
    fn grow_name(
        &self,
        en: &str,
        mut start: usize,
        mut end: usize,
        aligned: &dyn Fn(usize) -> bool,
    ) -> (usize, usize) {
        let word = |j: usize| &en[self.en[j].0..self.en[j].1];
        let capitalised =
            |j: usize| word(j).starts_with(char::is_uppercase) && !Lexicon::is_stopword(word(j));
        if !(capitalised(start) || capitalised(end)) {
            return (start, end);
        }
        while end + 1 < self.en.len() && !aligned(end + 1) && capitalised(end + 1) {
            end += 1;
        }
        while start > 0 && !aligned(start - 1) && capitalised(start - 1) {
            start -= 1;
        }
        (start, end)
    }

    /// The span without function words and punctuation at its edges; `None` when nothing else
    /// is left.
    fn trim(&self, en: &str, mut start: usize, mut end: usize) -> Option<(usize, usize)> {
        let word = |j: usize| &en[self.en[j].0..self.en[j].1];
        // "at least" and "at most" are function words together ("at least two-thirds" renders
        // 三分之二以上, and 三分之二 is "two-thirds").
        let after_at = |j: usize| j > 0 && word(j - 1).eq_ignore_ascii_case("at");
        let loose = |j: usize| {
            let w = word(j);
            !w.chars().any(char::is_alphanumeric)
                || Lexicon::is_stopword(w)
                || (matches!(w, "least" | "most") && after_at(j))
        };
        while start <= end && loose(start) {
            start += 1;
        }
        while end > start && loose(end) {
            end -= 1;
        }
        (start <= end && !loose(start)).then_some((start, end))
    }
}

/// Chinese tokens whose links do not tangle a rendering: function words and punctuation.
fn is_loose_chinese(word: &str) -> bool {
    !word.chars().any(crate::lang::is_word_char) || super::features::is_function_word(word)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A pair with its tokens given by space-separated text, and its links.
    fn pair(zh: &str, en: &str, links: &[Link]) -> (String, String, WordAlignedPair) {
        let spans = |text: &str| {
            let mut at = 0;
            text.split(' ')
                .map(|w| {
                    let span = (at, at + w.len());
                    at += w.len() + 1;
                    span
                })
                .collect::<Vec<_>>()
        };
        let aligned = WordAlignedPair {
            zh: spans(zh),
            en: spans(en),
            links: links.to_vec(),
        };
        (zh.to_string(), en.to_string(), aligned)
    }

    fn render(p: &(String, String, WordAlignedPair), term: &str) -> Option<String> {
        let from = p.0.find(term)?;
        let lexicon = Lexicon::default();
        match p.2.rendering(
            &p.0,
            &p.1,
            (from, from + term.len()),
            &TermGlosses::default(),
            &lexicon,
        ) {
            Rendered::Span(a, b) => Some(p.1[a..b].to_string()),
            _ => None,
        }
    }

    #[test]
    fn a_rendering_is_whole_words_without_edge_function_words() {
        // 打击 三股势力 。 / to combat the three evil forces .
        let p = pair(
            "打击 三股势力 。",
            "to combat the three evil forces .",
            &[(0, 1), (1, 2), (1, 3), (1, 5), (2, 6)],
        );
        assert_eq!(render(&p, "三股势力").as_deref(), Some("three evil forces"));
        let p = pair(
            "联合 反毒 行动",
            "joint Anti-Drug operation",
            &[(0, 0), (1, 1), (2, 2)],
        );
        assert_eq!(render(&p, "反毒").as_deref(), Some("Anti-Drug"));
        // "at least" goes with the "at" trimmed off it.
        let p = pair(
            "三分之二 以上",
            "at least two-thirds",
            &[(0, 0), (0, 1), (0, 2)],
        );
        assert_eq!(render(&p, "三分之二").as_deref(), Some("two-thirds"));
    }

    #[test]
    fn a_word_whose_only_link_is_trimmed_leaves_the_rendering_cut_short() {
        // 全面 "in all respects": its one link is to "all", a function word at the edge.
        let p = pair(
            "全面 建成 小康 社会",
            "building a moderately prosperous society in all respects",
            &[(0, 6), (1, 0), (2, 2), (2, 3), (3, 4)],
        );
        assert_eq!(render(&p, "全面 建成 小康 社会"), None);
        // Its neighbours alone are rendered whole.
        assert_eq!(
            render(&p, "建成 小康 社会").as_deref(),
            Some("building a moderately prosperous society")
        );
    }

    #[test]
    fn a_particle_linked_to_the_term_is_kept() {
        let p = pair(
            "上级 党组织 批准",
            "approved by the Party organization at the next level up",
            &[(0, 7), (0, 8), (0, 9), (1, 3), (1, 4), (2, 0)],
        );
        assert_eq!(
            render(&p, "上级 党组织").as_deref(),
            Some("Party organization at the next level up")
        );
    }

    #[test]
    fn the_links_of_punctuation_do_not_stretch_a_rendering() {
        // 、 linked to the comma after the list, past which "the rights" begins.
        let p = pair(
            "表决权 、 被选举权",
            "to vote and stand for election , the rights",
            &[(0, 1), (1, 6), (2, 3), (2, 5)],
        );
        assert_eq!(
            render(&p, "表决权 、 被选举权").as_deref(),
            Some("vote and stand for election")
        );
    }

    #[test]
    fn a_rendering_keeps_its_quotation_marks_in_pairs() {
        // The trimmed span would open after the first mark and keep the second.
        let p = pair(
            "上海合作组织+ 阿斯塔纳 峰会",
            "the \" SCO Plus \" Summit in Astana",
            &[(0, 2), (0, 3), (1, 7), (2, 5)],
        );
        assert_eq!(
            render(&p, "上海合作组织+ 阿斯塔纳 峰会").as_deref(),
            Some("\" SCO Plus \" Summit in Astana")
        );
        // A mark whose pair lies outside the sentence's reach gives no rendering.
        let q = pair("峰会", "Summit \" Astana", &[(0, 0), (0, 2)]);
        assert_eq!(render(&q, "峰会"), None);
    }

    #[test]
    fn a_name_takes_in_its_unaligned_capitalised_words() {
        let p = pair(
            "上海 合作 组织 峰会",
            "the Shanghai Cooperation Organization summit",
            &[(0, 1), (1, 2), (3, 4)],
        );
        assert_eq!(
            render(&p, "上海 合作 组织").as_deref(),
            Some("Shanghai Cooperation Organization")
        );
    }

    #[test]
    fn interleaved_links_and_cut_words_give_no_rendering() {
        let lexicon = Lexicon::default();
        let at = |p: &(String, String, WordAlignedPair), term: &str| {
            let from = p.0.find(term).unwrap();
            let span = (from, from + term.len());
            p.2.rendering(&p.0, &p.1, span, &TermGlosses::default(), &lexicon)
        };
        // 合作 links "development" between the words of 和平 … 发展.
        let p = pair(
            "和平 发展 合作",
            "peace cooperation development",
            &[(0, 0), (1, 2), (2, 1)],
        );
        assert_eq!(at(&p, "和平 发展"), Rendered::Tangled);
        assert_eq!(render(&p, "和平").as_deref(), Some("peace"));
        // 和平 inside the longer word 和平发展: its English is more than the term's.
        let q = pair(
            "和平发展 合作",
            "peaceful development cooperation",
            &[(0, 0), (0, 1), (1, 2)],
        );
        assert_eq!(at(&q, "和平"), Rendered::Tangled);
        // A function word's link does not tangle.
        let r = pair(
            "和平 与 发展",
            "peace and development",
            &[(0, 0), (1, 1), (2, 2)],
        );
        assert_eq!(render(&r, "和平").as_deref(), Some("peace"));
        let r = pair(
            "和平 发展 的",
            "peace and the development",
            &[(0, 0), (1, 3), (2, 2)],
        );
        assert_eq!(
            render(&r, "和平 发展").as_deref(),
            Some("peace and the development")
        );
        // Nothing but function words.
        let s = pair("的 发展", "the development", &[(0, 0)]);
        assert_eq!(at(&s, "的"), Rendered::Unaligned);
        // Across a bar: no one rendering (glossary.csv separates renderings with bars).
        let t = pair("和平 发展", "peace | development", &[(0, 0), (1, 2)]);
        assert_eq!(at(&t, "和平 发展"), Rendered::Unaligned);
    }

    #[test]
    fn the_dictionary_grows_a_rendering_its_links_cut_short() {
        let lexicon = Lexicon::default();
        let glosses = |zh: &str| TermGlosses {
            stems: lexicon.translations(zh),
        };
        // 中国共产党 linked to "Communist Party" only: "of China" is the dictionary's too.
        let p = pair(
            "中国共产党 领导",
            "the Communist Party of China leads",
            &[(0, 1), (0, 2), (1, 5)],
        );
        let span = (0, "中国共产党".len());
        let rendered =
            p.2.rendering(&p.0, &p.1, span, &glosses("中国共产党"), &lexicon);
        let Rendered::Span(a, b) = rendered else {
            panic!("{rendered:?}")
        };
        assert_eq!(&p.1[a..b], "Communist Party of China");
    }

    #[test]
    fn a_word_held_by_a_repeat_of_the_terms_own_word_is_taken_next_to_it() {
        let lexicon = Lexicon::default();
        // As in the seed pair: the next 论坛 of the enumeration holds the first "forum".
        let p = pair(
            "办好 传统 医学论坛 、 民间 友好 论坛",
            "hold the traditional medicine forum , the people-to-people friendship forum",
            &[(0, 0), (1, 2), (2, 3), (6, 4), (4, 7), (5, 8)],
        );
        let term = "传统医学论坛";
        let from = p.0.find("传统").unwrap();
        let span = (from, p.0.find("医学论坛").unwrap() + "医学论坛".len());
        let glosses = TermGlosses {
            stems: lexicon.translations(term),
        };
        let Rendered::Span(a, b) = p.2.rendering(&p.0, &p.1, span, &glosses, &lexicon) else {
            panic!("no rendering")
        };
        assert_eq!(&p.1[a..b], "traditional medicine forum");
        // Past a bridging word it stays the other's: only right next to the span is it ours.
        let p = pair(
            "办好 传统 医学论坛 、 民间 友好 论坛",
            "hold the traditional medicine and the forum",
            &[(0, 0), (1, 2), (2, 3), (6, 6)],
        );
        let Rendered::Span(a, b) = p.2.rendering(&p.0, &p.1, span, &glosses, &lexicon) else {
            panic!("no rendering")
        };
        assert_eq!(&p.1[a..b], "traditional medicine");
    }
}
