//! Variants and abbreviations of one concept.
//!
//! Rules for the ways Chinese shortens and varies official names:
//!
//! - **abbreviation**: each word of the full form stays whole, keeps its first character or
//!   (but for the first and the last, the head) is left out, in order; at least one word is
//!   cut short to its first character (上海/合作/组织 → 上·合·组织 = 上合组织;
//!   上海/合作/组织/大家庭 → 上合大家庭; 中国/塔吉克斯坦 → 中塔). Dropping whole words is not
//!   abbreviating (地区安全 is not short for 地区和国际安全), a plain substring is a shorter
//!   term, and a bare prefix such as 上合 is a modifier. A word CC-CEDICT knows with senses of
//!   its own is no abbreviation (中国 "China" is not short for 中亚国家).
//! - **insertion**: a linking character inserted inside (跨国组织犯罪 / 跨国有组织犯罪,
//!   共同家园 / 共同的家园, 宗旨原则 / 宗旨和原则).
//! - **joiner**: the same words with or without a dash or name dot (中国—中亚峰会 / 中国中亚峰会).
//!   Dash forms themselves are unified by [`crate::corpus::normalize`].
//!
//! - **definition**: a short form the text defines right after the full one, in brackets:
//!   上海合作组织（以下简称“上合组织”）, 中国—上海合作组织地方经贸合作示范区（上合示范区）
//!   ([`defined_after`]).
//!
//! Linked forms are grouped with a union-find; a group is shown together and counted per form
//! and in all.

use std::collections::HashSet;

use rayon::prelude::*;

/// Why two forms are variants of one concept.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Link {
    /// The short form abbreviates the long one.
    Abbreviation,
    /// One form has one or two characters more inside.
    Insertion,
    /// The forms differ by a dash or name dot.
    Joiner,
    /// The text defines the short form after the full one.
    Definition,
}

/// Whether `short` abbreviates the full form made of the words `long_pieces`.
pub fn is_abbreviation(short: &str, long_pieces: &[String]) -> bool {
    let long: String = long_pieces.concat();
    let short_chars: Vec<char> = short.chars().collect();
    if short_chars.len() < 2 || long.chars().count() <= short_chars.len() || long.contains(short) {
        return false;
    }
    let pieces: Vec<Vec<char>> = long_pieces.iter().map(|p| p.chars().collect()).collect();
    // reach[j][t]: `short[..j]` can be built from the words seen so far, with (t = 1) or
    // without (t = 0) a word cut short to a non-empty proper prefix.
    let n = short_chars.len();
    let mut reach = vec![[false; 2]; n + 1];
    reach[0][0] = true;
    for (idx, piece) in pieces.iter().enumerate() {
        let mut next = vec![[false; 2]; n + 1];
        // The first and the last word must give at least one character.
        let min_take = usize::from(idx == 0 || idx + 1 == pieces.len());
        for j in 0..=n {
            for cut in 0..2 {
                if !reach[j][cut] {
                    continue;
                }
                for take in min_take..=piece.len() {
                    if j + take > n {
                        break;
                    }
                    // A word stays whole or gives its first character (上海 → 上, 发改委's
                    // 委): keeping more is dropping the rest of a compound (经济社会 → 经济 in
                    // 经济发展, not short for 经济社会发展), and 多极世界 drops the head of
                    // 多极化/世界秩序, it does not shorten it.
                    if take > 1 && take < piece.len() {
                        continue;
                    }
                    if short_chars[j..j + take] == piece[..take] {
                        let shortened = usize::from(take > 0 && take < piece.len());
                        next[j + take][cut.max(shortened)] = true;
                    }
                }
            }
        }
        reach = next;
    }
    reach[n][1]
}

/// Characters that link the parts of a phrase and may be left out of a variant.
const LINKING_CHARS: &[char] = &['和', '与', '及', '的', '之', '有', '、'];

/// Whether `longer` is `shorter` with one linking character (和, 的, 有 …) inserted strictly
/// inside.
pub fn is_insertion(shorter: &str, longer: &str) -> bool {
    let s: Vec<char> = shorter.chars().collect();
    let l: Vec<char> = longer.chars().collect();
    if s.len() < 4 || l.len() != s.len() + 1 {
        return false;
    }
    let prefix = s.iter().zip(&l).take_while(|(a, b)| a == b).count();
    // The inserted character sits at `prefix`, with shared characters on both sides.
    prefix >= 1
        && prefix < s.len()
        && l[prefix + 1..] == s[prefix..]
        && LINKING_CHARS.contains(&l[prefix])
}

/// The dashes and dots that join the parts of a name (中国—中亚, a foreign name's given and
/// family names).
const JOINERS: [char; 3] = ['—', '·', '-'];

/// Whether the two forms differ only by dashes or name dots.
pub fn differ_by_joiners(a: &str, b: &str) -> bool {
    let strip = |s: &str| -> String { s.chars().filter(|c| !JOINERS.contains(c)).collect() };
    a != b && strip(a) == strip(b)
}

/// Whether the characters of `short` stand in `long` in the same order.
pub fn is_subsequence(short: &str, long: &str) -> bool {
    let mut rest = long.chars();
    short.chars().all(|c| rest.any(|l| l == c))
}

/// What introduces a short form inside the brackets: （以下简称“X”）, （简称X）, （下称“X”）.
const DEFINING_WORDS: &[&str] = &["以下简称", "以下称", "下称", "简称"];

/// The text before the brackets when an occurrence of `term` is defined there as the short
/// form of what precedes: `left` is the text before the occurrence and `right` the text after
/// it, within its sentence.
///
/// - With defining words (以下简称“上合组织”或“本组织”), any term in the brackets is a defined
///   short form.
/// - In bare brackets (示范区（上合示范区）) only a term whose characters all stand, in order, in
///   the text just before is one: 杜尚别（塔吉克斯坦） names a country, it does not abbreviate.
pub fn defined_after<'a>(left: &'a str, term: &str, right: &str) -> Option<&'a str> {
    let open = left.rfind(['（', '('])?;
    let bracket = left[open..].chars().next()?;
    let before = &left[..open];
    let inside = &left[open + bracket.len_utf8()..];
    let closes = |rest: &str| rest.starts_with(['）', ')']);
    if inside.is_empty() {
        let near: String = {
            let chars: Vec<char> = before.chars().collect();
            let from = chars.len().saturating_sub(term.chars().count() * 4);
            chars[from..].iter().collect()
        };
        return (closes(right) && is_subsequence(term, &near)).then_some(before);
    }
    let after_word = DEFINING_WORDS
        .iter()
        .find_map(|w| inside.strip_prefix(w))?
        .trim_start_matches(['：', ':']);
    // Nothing but earlier quoted alternatives may stand between the words and the term:
    // “上合组织”或“ before 本组织.
    let quoted =
        after_word.is_empty() || (after_word.starts_with('“') && after_word.ends_with('“'));
    let ends = right.starts_with('”') || closes(right) || right.starts_with('或');
    (quoted && ends).then_some(before)
}

/// The value of the longest suffix of `text` that is a key of `index`: the full form that
/// ends right before a bracketed short form ([`defined_after`]).
pub fn longest_suffix_in<V: Copy>(
    text: &str,
    index: &std::collections::HashMap<&str, V>,
) -> Option<V> {
    text.char_indices()
        .find_map(|(at, _)| index.get(&text[at..]).copied())
}

/// One form of a term, as [`group`] needs it.
#[derive(Debug, Clone, Copy)]
pub struct Form<'a> {
    /// The term.
    pub text: &'a str,
    /// Its words.
    pub pieces: &'a [String],
    /// Whether it is an ordinary dictionary word (相关, 协作): such a word is a word of its
    /// own, not the abbreviation of a longer phrase whose characters it happens to share.
    pub ordinary_word: bool,
}

/// How forms `a` and `b` are linked, if they are.
pub fn link(a: &Form, b: &Form) -> Option<Link> {
    if differ_by_joiners(a.text, b.text) {
        return Some(Link::Joiner);
    }
    let (short, long) = if a.text.chars().count() <= b.text.chars().count() {
        (a, b)
    } else {
        (b, a)
    };
    if !short.ordinary_word
        && is_abbreviation(short.text, long.pieces)
        && !a_word_of_its_own(short.text, long.pieces)
    {
        Some(Link::Abbreviation)
    } else if is_insertion(short.text, long.text) {
        Some(Link::Insertion)
    } else {
        None
    }
}

/// Whether `short` is a word of CC-CEDICT whose senses share no word with those of the long
/// form's words, and which the dictionary does not call an abbreviation: a word of its own
/// that happens to share characters (中国 "China" with 中亚国家, "Central Asia" + "country"),
/// not a short form (上合组织 "Shanghai Cooperation Organization (SCO)" shares "Shanghai" with
/// 上海).
fn a_word_of_its_own(short: &str, long_pieces: &[String]) -> bool {
    let Some(senses) = crate::cedict::glosses(short) else {
        return false;
    };
    let senses: Vec<&str> = senses.collect();
    if senses.iter().any(|s| s.contains("abbr")) {
        return false;
    }
    let words = |glosses: &[&str]| -> HashSet<String> {
        glosses
            .iter()
            .flat_map(|g| g.split(|c: char| !c.is_ascii_alphabetic()))
            .filter(|w| w.len() >= 3 && !matches!(*w, "the" | "and" | "for" | "see"))
            .map(str::to_ascii_lowercase)
            .collect()
    };
    let long: Vec<&str> = long_pieces
        .iter()
        .filter_map(|p| crate::cedict::glosses(p))
        .flatten()
        .collect();
    words(&senses).is_disjoint(&words(&long))
}

/// What a form's characters allow at a glance: every [`link`] needs the shorter form's
/// characters among the longer one's (its dashes and dots aside, for a joiner), and a test of
/// two bitmasks spares the block of forms sharing a first character (thousands in a large
/// corpus) most of the pairwise tests, which build strings.
#[derive(Debug, Clone, Copy)]
struct Outline {
    chars: usize,
    /// One bit per character (by a hash of it), joiners included.
    mask: u64,
    /// The same without the joiners.
    bare: u64,
    joined: bool,
}

impl Outline {
    fn of(text: &str) -> Outline {
        let bit = |c: char| 1u64 << (u32::from(c).wrapping_mul(0x9E37_79B1) >> 26);
        let mut outline = Outline {
            chars: 0,
            mask: 0,
            bare: 0,
            joined: false,
        };
        for c in text.chars() {
            outline.chars += 1;
            outline.mask |= bit(c);
            if JOINERS.contains(&c) {
                outline.joined = true;
            } else {
                outline.bare |= bit(c);
            }
        }
        outline
    }

    /// False when [`link`] is sure to find nothing between the two forms.
    fn may_link(&self, other: &Outline) -> bool {
        if (self.joined || other.joined) && self.bare == other.bare {
            return true;
        }
        let (short, long) = if self.chars <= other.chars {
            (self, other)
        } else {
            (other, self)
        };
        short.chars < long.chars && short.mask & !long.mask == 0
    }
}

/// Groups forms into concepts, linked by [`link`] and by `defined` (pairs of indices the text
/// defines as full and short forms); returns a group id per form (the index of the group's
/// first form).
pub fn group(forms: &[Form], defined: &[(usize, usize)]) -> Vec<usize> {
    let mut parent: Vec<usize> = (0..forms.len()).collect();
    fn find(parent: &mut [usize], i: usize) -> usize {
        let mut root = i;
        while parent[root] != root {
            root = parent[root];
        }
        let mut j = i;
        while parent[j] != root {
            let next = parent[j];
            parent[j] = root;
            j = next;
        }
        root
    }
    // Only forms sharing their first character can be linked: index by it.
    let mut by_first: std::collections::BTreeMap<char, Vec<usize>> = Default::default();
    for (i, form) in forms.iter().enumerate() {
        if let Some(c) = form.text.chars().next() {
            by_first.entry(c).or_default().push(i);
        }
    }
    // The pairs are tested in parallel (hundreds of thousands in a large corpus); the union is the same in
    // any order, since a group's root is always its smallest index.
    let rows: Vec<&[usize]> = by_first
        .values()
        .flat_map(|members| (0..members.len()).map(move |x| &members[x..]))
        .collect();
    let outlines: Vec<Outline> = forms.iter().map(|f| Outline::of(f.text)).collect();
    let links: Vec<(usize, usize)> = rows
        .par_iter()
        .flat_map_iter(|row| {
            let i = row[0];
            let outlines = &outlines;
            row[1..]
                .iter()
                .filter(move |&&j| {
                    outlines[i].may_link(&outlines[j]) && link(&forms[i], &forms[j]).is_some()
                })
                .map(move |&j| (i, j))
        })
        .collect();
    for (i, j) in links.into_iter().chain(defined.iter().copied()) {
        let (ri, rj) = (find(&mut parent, i), find(&mut parent, j));
        if ri != rj {
            parent[ri.max(rj)] = ri.min(rj);
        }
    }
    (0..forms.len()).map(|i| find(&mut parent, i)).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pieces(words: &[&str]) -> Vec<String> {
        words.iter().map(|w| w.to_string()).collect()
    }

    #[test]
    fn chinese_abbreviation_patterns() {
        assert!(is_abbreviation(
            "上合组织",
            &pieces(&["上海", "合作", "组织"])
        ));
        assert!(is_abbreviation(
            "上合大家庭",
            &pieces(&["上海", "合作", "组织", "大家庭"])
        ));
        assert!(is_abbreviation("中塔", &pieces(&["中国", "塔吉克斯坦"])));
        // A plain substring is a shorter term, not an abbreviation.
        assert!(!is_abbreviation(
            "合作组织",
            &pieces(&["上海", "合作", "组织"])
        ));
        assert!(!is_abbreviation("上海", &pieces(&["上海", "合作", "组织"])));
        // Characters must come in order, from the start of each word.
        assert!(!is_abbreviation("海作", &pieces(&["上海", "合作", "组织"])));
        assert!(!is_abbreviation("上合", &pieces(&["上海", "合作", "组织"])));
        // Dropping whole words is not abbreviating, nor is dropping part of a compound.
        assert!(!is_abbreviation(
            "地区安全",
            &pieces(&["地区", "和", "国际", "安全"])
        ));
        assert!(!is_abbreviation("经济发展", &pieces(&["经济社会", "发展"])));
    }

    #[test]
    fn insertions_inside_only() {
        assert!(is_insertion("跨国组织犯罪", "跨国有组织犯罪"));
        assert!(is_insertion("共同家园", "共同的家园"));
        assert!(!is_insertion("多边主义", "多边主义者"));
        assert!(!is_insertion("中哈命运共同体", "中塔命运共同体"));
        assert!(!is_insertion("地区稳定", "地区安全稳定"));
        assert!(!is_insertion("创造条件", "创造有利条件"));
    }

    #[test]
    fn short_forms_the_text_defines() {
        let sco = "上海合作组织（以下简称“";
        assert_eq!(
            defined_after(sco, "上合组织", "”）成员国"),
            Some("上海合作组织")
        );
        assert_eq!(
            defined_after("上海合作组织（以下简称“上合组织”或“", "本组织", "”）"),
            Some("上海合作组织")
        );
        let zone = "的中国—上海合作组织地方经贸合作示范区（";
        assert_eq!(
            defined_after(zone, "上合示范区", "），来自"),
            Some("的中国—上海合作组织地方经贸合作示范区")
        );
        // Bare brackets around something else than a short form, or not closed after it.
        assert_eq!(defined_after("在杜尚别（", "塔吉克斯坦", "）举行"), None);
        assert_eq!(defined_after("示范区（", "上合示范区", "等平台）"), None);
        assert_eq!(
            defined_after("上海合作组织（", "上合组织", "）"),
            Some("上海合作组织")
        );
        // Words other than the defining ones.
        assert_eq!(
            defined_after("上海合作组织（成员国", "上合组织", "）"),
            None
        );
    }

    #[test]
    fn groups_link_transitively() {
        let p1 = pieces(&["上海", "合作", "组织"]);
        let p2 = pieces(&["上合", "组织"]);
        let p3 = pieces(&["上海", "组织"]);
        let p4 = pieces(&["命运", "共同体"]);
        let form = |text, pieces| Form {
            text,
            pieces,
            ordinary_word: false,
        };
        let forms = vec![
            form("上海合作组织", &p1),
            form("上合组织", &p2),
            form("上海组织", &p3),
            form("命运共同体", &p4),
        ];
        // 上海组织 drops a word without cutting one short: not linked.
        assert_eq!(group(&forms, &[]), [0, 0, 2, 3]);
        // Unless the text defines it.
        assert_eq!(group(&forms, &[(0, 2)]), [0, 0, 0, 3]);
        assert!(differ_by_joiners("中国—中亚峰会", "中国中亚峰会"));
        let (p5, p6) = (pieces(&["相关"]), pieces(&["相互", "关系"]));
        let word = Form {
            text: "相关",
            pieces: &p5,
            ordinary_word: true,
        };
        assert_eq!(link(&word, &form("相互关系", &p6)), None);
        // A name of its own shares characters with a longer phrase by chance.
        let (p7, p8) = (pieces(&["中国"]), pieces(&["中亚", "国家"]));
        assert!(is_abbreviation("中国", &p8));
        assert_eq!(link(&form("中国", &p7), &form("中亚国家", &p8)), None);
        assert_eq!(
            link(&form("上合组织", &p2), &form("上海合作组织", &p1)),
            Some(Link::Abbreviation)
        );
    }

    mod properties {
        use super::*;
        use proptest::prelude::*;

        /// A form of one to four words over a few characters (joiners and linking characters
        /// among them).
        fn words() -> impl Strategy<Value = Vec<String>> {
            let word = proptest::collection::vec(
                proptest::sample::select(vec!['上', '海', '合', '作', '组', '织', '和', '的', '—']),
                1..4,
            )
            .prop_map(|chars| chars.into_iter().collect::<String>());
            proptest::collection::vec(word, 1..5)
        }

        /// A second form made from the first the ways variants arise: each word kept, cut to
        /// its first character or dropped (`keep`: 0, 1, 2), and a linking character or a dash
        /// put in at `at`; and sometimes an unrelated form.
        fn variant(words: &[String], keep: &[u8], insert: Option<(usize, char)>) -> String {
            let mut out: String = words
                .iter()
                .zip(keep.iter().cycle())
                .map(|(w, k)| match k {
                    0 => w.clone(),
                    1 => w.chars().take(1).collect(),
                    _ => String::new(),
                })
                .collect();
            if let Some((at, c)) = insert {
                let at = out.char_indices().nth(at).map_or(out.len(), |(i, _)| i);
                out.insert(at, c);
            }
            out
        }

        #[test]
        fn forms_of_one_length_differing_in_their_joiners_may_link() {
            let (dash, dot) = ("中国—中亚", "中国·中亚");
            assert!(differ_by_joiners(dash, dot));
            assert!(Outline::of(dash).may_link(&Outline::of(dot)));
            assert!(!Outline::of("中国中亚").may_link(&Outline::of("中亚中国")));
        }

        proptest! {
            #[test]
            fn the_outline_never_rules_out_a_link(
                a in words(),
                keep in proptest::collection::vec(0u8..3, 1..5),
                insert in proptest::option::of((0usize..6, proptest::sample::select(vec!['和', '的', '—', '·']))),
                other in words(),
                related in any::<bool>(),
            ) {
                let ta = a.concat();
                let tb = if related { variant(&a, &keep, insert) } else { other.concat() };
                let b = vec![tb.clone()];
                let fa = Form { text: &ta, pieces: &a, ordinary_word: false };
                let fb = Form { text: &tb, pieces: &b, ordinary_word: false };
                if link(&fa, &fb).is_some() {
                    prop_assert!(Outline::of(&ta).may_link(&Outline::of(&tb)));
                }
            }
        }
    }
}
