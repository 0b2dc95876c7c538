//! The shape of a term: which words may stand at its edges and inside it.
//!
//! No candidate begins or ends with a function word or a conjunction, begins with a governing
//! verb or adverb (构建 + 人类命运共同体), a preposition (比 + 历史) or deixis (这条 + 道路),
//! ends with a clause verb or adverb or a modifier left without its head (党的基本, 濒危野生),
//! has a number at either edge (a Chinese numeral may begin one: 三股势力), or is one
//! character.

use rayon::prelude::*;
use rustc_hash::{FxHashMap, FxHashSet};

use super::classify::TermType;
use super::words::{
    ATTRIBUTIVES, END_WORDS, FUNCTION_WORDS, GOVERNING_VERBS, JOINERS, NO_START, STOP_PHRASES,
    TITLES,
};
use crate::cedict;
use crate::segment::{COMMON_VERB_FREQ, Segmenter};

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
    !((arabic && !(start && year))
        || ordinal
        || (!start && word.chars().all(is_chinese_numeral))
        || is_a_quantity(word))
}

/// 百, 千, 万, 亿: what multiplies a number written before it.
pub(crate) fn is_a_magnitude(c: char) -> bool {
    matches!(c, '百' | '千' | '万' | '亿')
}

/// A number written in digits (5, 3.4).
pub(crate) fn is_a_number(word: &str) -> bool {
    word.starts_with(|c: char| c.is_ascii_digit())
        && word.chars().all(|c| c.is_ascii_digit() || c == '.')
}

/// Whether `word` is a number in digits with its magnitude, and what it counts (3.4万公里,
/// 5万余人次: one token, see [`super::tokens`]), which is no edge of a term.
fn is_a_quantity(word: &str) -> bool {
    word.find(is_a_magnitude)
        .is_some_and(|at| is_a_number(&word[..at]))
}

/// Measure words that count the parts of a text and of a list (条, 款, 项: articles, clauses,
/// items) or events (次, 届).
const MEASURE_WORDS: &str = "条款项章节点次届个位种";

/// Whether `word` is a Chinese number and a measure word (十五条, 三项).
fn is_a_count(word: &str) -> bool {
    let mut chars = word.chars();
    chars.next_back().is_some_and(|c| MEASURE_WORDS.contains(c))
        && chars.clone().next().is_some()
        && chars.all(is_chinese_numeral)
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
    let text = pieces.concat();
    chars >= 2
        && chars <= max_chars
        && !STOP_PHRASES.contains(text.as_str())
        && !ends_with_an_attributive(pieces, &text)
        && !(first.starts_with(is_chinese_numeral) && chars <= 2)
        // A number and its measure word (十五 + 条: "fifteen articles", 两 + 次), also as one
        // word of the dictionary (十五条, the tail of 第十五条 and 第三十五条).
        && !(pieces.len() == 2
            && first.chars().all(is_chinese_numeral)
            && last.chars().count() == 1)
        && !(pieces.len() == 1 && is_a_count(first))
        && (edge_ok(first, true) || names_a_body_with_a_verb(pieces))
        && edge_ok(last, false)
        && !last.ends_with('们')
        && pieces.iter().any(|p| p.chars().any(crate::lang::is_han))
        && !opens_with_verb(first)
        && attributive_ok(pieces)
        && interior_ok(pieces)
}

/// Whether a phrase ends with a modifier that takes 的 before a head noun (公认的国际法原则,
/// 党的基本路线): the head was left behind (公认的国际法 + 基本, or jieba's one word 党的基本,
/// told by the 的 before it). The modifier alone (全人类) is a word like any other, and one
/// that only ends in the same characters (创新型) is not it.
fn ends_with_an_attributive(pieces: &[&str], text: &str) -> bool {
    let last_word = pieces.len() > 1 && pieces.last().is_some_and(|w| ATTRIBUTIVES.contains(w));
    last_word
        || ATTRIBUTIVES.iter().any(|a| {
            text.strip_suffix(a)
                .is_some_and(|before| before.len() > '的'.len_utf8() && before.ends_with('的'))
        })
}

/// A body's name may open with a verb where a phrase may not: 应对安全威胁和挑战综合中心 is a
/// centre "for responding to security threats and challenges". Only a governing verb, only
/// before three words or more ending in a body's head (中心, 委员会, 论坛); and, asked of the
/// dictionary in [`DictionaryShape::shape_ok`], only one jieba tags as a verb (值此 + 上海合作组织
/// is "on the occasion of" the SCO's anniversary).
fn names_a_body_with_a_verb(pieces: &[&str]) -> bool {
    pieces.len() >= 4
        && GOVERNING_VERBS.contains(pieces[0])
        && pieces
            .last()
            .is_some_and(|last| super::classify::names_a_body(last))
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

/// A dictionary word that is a verb phrase set in one word (高度评价, 十分重要, 具有重要意义,
/// 深化改革): it begins with a governing verb or adverb and goes on for two characters or
/// more. Alone it is no term, and at the start of a phrase it governs the rest (深化改革 +
/// 开放, 坚定不移 + 走).
pub(crate) fn opens_with_verb(word: &str) -> bool {
    word.char_indices()
        .skip(1)
        .any(|(i, _)| GOVERNING_VERBS.contains(&word[..i]) && word[i..].chars().count() >= 2)
}

/// Function characters (prepositions, conjunctions, adverbs, determiners) that jieba's
/// unknown-word model glues to the next character: 对非 (to Africa), 等国 (and other countries),
/// 最广 (widest), 并报 (and report). A word of two such characters that the dictionary lacks is
/// such a gluing, not a term. Locatives (中, 上) are not among them: 中塔 and 中非 name pairs of
/// countries.
const GLUING_CHARACTERS: &str = "等并对最和与及在是将为把被从向于或而也就都又的了着过其很更已再还不未无每各该此这那之所由让使给同跟如若则但却且即";

/// The shape checks that need the dictionary: no phrase opens with a common verb (执行 +
/// 党的路线, 截至 + 目前: a verb and its object), is a name and a common verb (a clause) or a
/// name and a common action noun (上海合作组织 + 发展: the name's action, not a term), and
/// no word is a function character glued to the next one ([`GLUING_CHARACTERS`]). What the
/// dictionary says of the words at the phrases' edges is learnt once per word, in parallel:
/// candidates share words.
pub(crate) struct DictionaryShape<'s> {
    segmenter: &'s Segmenter,
    edge_words: FxHashMap<&'s str, EdgeWord>,
}

/// What the dictionary says of a word at a phrase's edge.
#[derive(Debug, Clone, Copy)]
struct EdgeWord {
    common_verb: bool,
    /// A common word jieba tags as a noun that CC-CEDICT knows only as a verb (行使).
    mistagged_verb: bool,
    /// A word that only modifies a noun (jieba's `b`, 区别词: 野生 "wild", 同级 "of the same
    /// level"), never heads one; titles (主任) excepted.
    modifier_only: bool,
    action_noun: bool,
    name: bool,
    /// A preposition (jieba's `p`: 比, 用, 因), which opens an adverbial, never a term.
    preposition: bool,
    /// An adverb of two characters or more (jieba's `d`: 牢牢, 共同), a negation aside: before
    /// a verb it makes a verb phrase (牢牢把握, 共同构建). One character is a bound part of a
    /// compound (共 + 赢 "win-win") or a negation (不扩散核武器条约 names a treaty).
    adverb: bool,
    /// A verb by jieba's tag (`v`): 应对 is one, 值此 "on this occasion" is not.
    verb: bool,
    /// A conjunction (jieba's `c`: 不论, 只要), which joins clauses, never opens or ends a term.
    conjunction: bool,
}

impl<'s> DictionaryShape<'s> {
    /// Learns the edge words of the phrases made of `pieces`.
    pub fn learn<'p>(
        segmenter: &'s Segmenter,
        pieces: impl Iterator<Item = &'p [String]>,
    ) -> DictionaryShape<'s>
    where
        'p: 's,
    {
        let mut words: FxHashSet<&'s str> = FxHashSet::default();
        for p in pieces.filter(|p| p.len() > 1) {
            for w in [p.first(), p.last()].into_iter().flatten() {
                words.insert(w.as_str());
            }
        }
        let learnt: Vec<(&str, EdgeWord)> = words
            .into_iter()
            .collect::<Vec<_>>()
            .into_par_iter()
            .map(|w| (w, edge_word(segmenter, w)))
            .collect();
        DictionaryShape {
            segmenter,
            edge_words: learnt.into_iter().collect(),
        }
    }

    fn word(&self, word: &str) -> EdgeWord {
        match self.edge_words.get(word) {
            Some(known) => *known,
            None => edge_word(self.segmenter, word),
        }
    }

    /// Whether a mined phrase made of `pieces` passes the checks.
    pub fn shape_ok(&self, pieces: &[String]) -> bool {
        match pieces {
            [] => false,
            [word] => !self.glued(word) && !a_phrase_in_one_word(word),
            [first_word, .., last_word] => {
                let (first, last) = (self.word(first_word), self.word(last_word));
                let verb_and_object = first.common_verb;
                // The whole before the last word must be the name (澜沧江—湄公河 + 环境合作 is
                // a programme's name, 上海合作组织 + 发展 a name's action).
                let name_before_last = || {
                    let before_last = pieces[..pieces.len() - 1].concat();
                    edge_word(self.segmenter, &before_last).name
                };
                // A name and a common verb after it are a subject and its predicate, whether
                // the name is one word or several (上级 + 党组织 + 批准). Only at the end does a
                // verb jieba tags as a noun count: at the start it often modifies one
                // (信任措施, "confidence-building measures").
                let clause =
                    (last.common_verb || last.mistagged_verb) && (first.name || name_before_last());
                let action = last.action_noun && name_before_last();
                // 濒危野生 (动植物): the head the modifier was for is cut off.
                let headless = last.modifier_only;
                // 比历史 (更…), 用中文: a preposition and its object; 不论过去、现在和将来
                // "whether in the past, the present or the future": a conjunction's clause.
                let adverbial = first.preposition || first.conjunction || last.conjunction;
                // 牢牢把握, 共同构建: an adverb and its verb.
                let verb_phrase = first.adverb && self.word(&pieces[1]).verb;
                // 值此 + 上海合作组织 (成立20周年之际): only a verb may open a body's name
                // ([`names_a_body_with_a_verb`]), "on this occasion" introduces one.
                let introduced = GOVERNING_VERBS.contains(first_word.as_str()) && !first.verb;
                !(verb_and_object
                    || clause
                    || action
                    || headless
                    || adverbial
                    || verb_phrase
                    || introduced)
            }
        }
    }

    /// A word of two characters the dictionary lacks, glued from a function character and the
    /// next one (对非), or a side in talks (非方, like the listed 中方 and 塔方: "the African
    /// side").
    fn glued(&self, word: &str) -> bool {
        let mut chars = word.chars();
        let (Some(first), Some(second), None) = (chars.next(), chars.next(), chars.next()) else {
            return false;
        };
        (GLUING_CHARACTERS.contains(first) || second == '方')
            && self.segmenter.general_frequency(word).is_none()
    }
}

/// Whether one word of jieba's dictionary is a phrase around a word: a verb with its aspect
/// particle (肩负着 "shouldering", 蕴含着) or a preposition's frame (在实践中 "in practice").
/// jieba's dictionary holds such phrases whole, so mining sees one word.
fn a_phrase_in_one_word(word: &str) -> bool {
    let is_a_word = |rest: &str| rest.chars().nth(1).is_some() && cedict::contains(rest);
    let aspect = word.strip_suffix(['着', '了', '过']).is_some_and(is_a_word);
    let frame = word
        .strip_prefix('在')
        .is_some_and(|rest| is_a_word(rest.strip_suffix('中').unwrap_or(rest)));
    aspect || frame
}

/// What the dictionary says of `word`: a common verb ([`Segmenter::is_common_verb`]) or a
/// common action noun ([`Segmenter::is_common_action_noun`]); a name (jieba's tag of a body,
/// place or person, or a body or place by its suffix or the gazetteer, as a protected curated
/// name is: a name and a common verb after it are a subject and its predicate,
/// 全国人民代表大会常务委员会 + 负责).
fn edge_word(segmenter: &Segmenter, word: &str) -> EdgeWord {
    // One tagging for most words: only a word tagged `v` or `vn` is asked more.
    let tags = segmenter.tags(word);
    let tag = match tags.as_slice() {
        [(_, tag)] => *tag,
        _ => "",
    };
    EdgeWord {
        common_verb: tag == "v" && segmenter.is_common_verb(word),
        mistagged_verb: tag == "n"
            && segmenter.is_a_common_noun(word)
            && segmenter
                .general_frequency(word)
                .is_some_and(|f| f >= COMMON_VERB_FREQ)
            && cedict::is_only_a_verb(word),
        // A dictionary word: jieba also tags words it only guessed (共兴 in 文化共兴).
        modifier_only: tag == "b"
            && !TITLES.contains(word)
            && segmenter.general_frequency(word).is_some(),
        action_noun: tag == "vn" && segmenter.is_common_action_noun(word),
        preposition: tag == "p",
        adverb: tag == "d" && word.chars().nth(1).is_some() && !matches!(word, "没有" | "未曾"),
        verb: tag == "v",
        conjunction: tag == "c",
        name: matches!(tag, "nt" | "ns" | "nr" | "nrt" | "nrfg")
            || matches!(
                super::classify::classify(word, false, segmenter),
                TermType::Organisation | TermType::Place
            ),
    }
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

#[cfg(test)]
mod tests {
    use super::*;

    fn shape_ok(segmenter: &Segmenter, words: &[&str]) -> bool {
        let pieces: Vec<String> = words.iter().map(|w| w.to_string()).collect();
        DictionaryShape::learn(segmenter, std::iter::once(pieces.as_slice())).shape_ok(&pieces)
    }

    #[test]
    fn a_name_and_its_action_is_no_term() {
        let segmenter = Segmenter::with_terms(["上海合作组织"]);
        assert!(segmenter.is_common_action_noun("发展"));
        // The SCO's development, as the curated name protects it and as jieba cuts it.
        assert!(!shape_ok(&segmenter, &["上海合作组织", "发展"]));
        assert!(!shape_ok(
            &Segmenter::new(),
            &["上海", "合作", "组织", "发展"]
        ));
        // A name whose head is an action noun after more than a name: a programme.
        assert!(shape_ok(
            &Segmenter::new(),
            &["澜沧江", "—", "湄公河", "环境", "合作"]
        ));
        // An action noun after an ordinary noun: a term.
        assert!(shape_ok(&Segmenter::new(), &["经济", "发展"]));
    }

    #[test]
    fn a_name_of_several_words_and_its_verb_is_a_clause() {
        let segmenter = Segmenter::new();
        assert!(segmenter.is_common_verb("批准"));
        // 并报上级党组织批准: "and report to the Party organization at the next level up for
        // approval"; the name alone is the term.
        assert!(!shape_ok(&segmenter, &["上级", "党组织", "批准"]));
        assert!(shape_ok(&segmenter, &["上级", "党组织"]));
        // 行使 "to exercise", which jieba's dictionary tags as a noun.
        let standing_committee = ["全国", "人民代表大会常务委员会", "行使"];
        assert!(!shape_ok(&segmenter, &standing_committee));
        assert!(shape_ok(&segmenter, &standing_committee[..2]));
        // At the start such a word modifies the noun: confidence-building measures.
        assert!(shape_ok(&segmenter, &["信任", "措施"]));
    }

    #[test]
    fn a_modifier_that_never_heads_a_noun_ends_no_term() {
        let segmenter = Segmenter::new();
        // 濒危野生动植物 "endangered wild fauna and flora" cut before its head.
        assert!(!shape_ok(&segmenter, &["濒危", "野生"]));
        assert!(shape_ok(&segmenter, &["濒危", "野生", "动植物"]));
        // A title is a head, though jieba tags 主任 like 野生.
        assert!(shape_ok(&segmenter, &["中心", "主任"]));
        // 文化共兴 "cultures flourishing together": jieba guesses 共兴, tagged like 野生.
        assert!(shape_ok(&segmenter, &["文化", "共兴"]));
    }

    #[test]
    fn a_number_and_its_measure_word_is_no_term() {
        assert!(!shape_ok_words(&["十五条"]));
        assert!(!shape_ok_words(&["十五", "条"]));
        assert!(!shape_ok_words(&["三项"]));
        assert!(shape_ok_words(&["三中全会"]));
        assert!(shape_ok_words(&["五点", "建议"]));
    }

    #[test]
    fn a_quantity_is_no_edge_of_a_term() {
        assert!(!shape_ok_words(&["3.4万公里"]));
        assert!(!shape_ok_words(&["5万余人次"]));
        assert!(shape_ok_words(&["万众一心"]));
        assert!(shape_ok_words(&["5G", "网络"]));
    }

    #[test]
    fn a_modifier_left_without_its_head_is_no_term() {
        assert!(!shape_ok_words(&["党的基本"]));
        assert!(!shape_ok_words(&["国际法", "基本"]));
        assert!(shape_ok_words(&["全人类"]));
        assert!(shape_ok_words(&["创新型"]));
        assert!(shape_ok_words(&["真正", "的", "多边主义"]));
    }

    #[test]
    fn a_preposition_or_an_adverb_before_a_verb_opens_no_term() {
        let segmenter = Segmenter::new();
        // 比历史上任何时期都更接近: "closer than at any time in history".
        assert!(!shape_ok(&segmenter, &["比", "历史"]));
        assert!(!shape_ok(&segmenter, &["牢牢", "把握"]));
        assert!(!shape_ok(&segmenter, &["共同", "构建"]));
        // Before a noun the adverb modifies it, and a bound one is part of a compound.
        assert!(shape_ok(&segmenter, &["共同", "家园"]));
        assert!(shape_ok(&segmenter, &["共", "赢"]));
        assert!(shape_ok(&segmenter, &["不", "扩散", "核武器", "条约"]));
        // 不论职务高低 "whatever their rank": a conjunction's clause.
        assert!(!shape_ok(&segmenter, &["不论", "职务", "高低"]));
    }

    #[test]
    fn a_phrase_held_whole_by_the_dictionary_is_no_term() {
        let segmenter = Segmenter::new();
        assert!(!shape_ok(&segmenter, &["肩负着"]));
        assert!(!shape_ok(&segmenter, &["在实践中"]));
        // 通过 "to pass" ends in 过, 在线 "online" opens with 在: words of their own.
        assert!(shape_ok(&segmenter, &["通过"]));
        assert!(shape_ok(&segmenter, &["在线"]));
        assert!(shape_ok(&segmenter, &["联合声明"]));
    }

    #[test]
    fn only_a_verb_opens_the_name_of_a_body() {
        let segmenter = Segmenter::new();
        assert!(shape_ok(
            &segmenter,
            &["应对", "安全", "威胁", "和", "挑战", "综合", "中心"]
        ));
        // 值此上海合作组织成立20周年之际: "on the occasion of" the SCO's anniversary.
        assert!(!shape_ok(&segmenter, &["值此", "上海", "合作", "组织"]));
    }

    #[test]
    fn deixis_and_clause_adverbs_stand_at_no_edge() {
        assert!(!shape_ok_words(&["这条", "道路"]));
        assert!(!shape_ok_words(&["我国", "工人阶级"]));
        assert!(!shape_ok_words(&["广大青年", "一定"]));
        // jieba's one word 深化改革 opens with the governing 深化 as the phrase does.
        assert!(!shape_ok_words(&["深化改革", "开放"]));
        assert!(shape_ok_words(&["工人阶级"]));
    }

    fn shape_ok_words(words: &[&str]) -> bool {
        super::shape_ok(words, 20)
    }

    #[test]
    fn a_phrase_opening_with_a_common_verb_is_a_verb_and_its_object() {
        let segmenter = Segmenter::new();
        assert!(!shape_ok(&segmenter, &["执行", "党", "的", "路线"]));
        assert!(shape_ok(&segmenter, &["三股", "势力"]));
    }
}
