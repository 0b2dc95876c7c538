//! Candidate terms before they are counted on the text: recurring n-grams with the shape of a
//! term ([`from_ngrams`]), with what they were seen in and how tightly their parts belong
//! together.

use rayon::prelude::*;

use super::ngrams::{MiningOptions, NgramTable};
use super::shape::shape_ok;
use super::tokens::TokenStream;

/// Where a candidate was seen.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Serialize)]
pub struct Evidence {
    /// Times it stood alone in quotation marks (“上海精神”).
    pub quoted: u32,
    /// Times it stood alone in book-title marks (《上合组织宪章》).
    pub book_title: u32,
    /// Whether it is an enumeration repeated as a formula.
    pub enumeration: bool,
}

/// A candidate term before counting on the text.
#[derive(Debug, Clone)]
pub struct Candidate {
    /// The term.
    pub text: String,
    /// Its tokens (one piece per jieba token; a quoted phrase is cut again for this).
    pub pieces: Vec<String>,
    /// Token-level count from mining (0 for phrases found only in marks).
    pub mined_count: u32,
    /// Association of its weakest split: normalised PMI and log-likelihood ratio.
    pub association: Option<Association>,
    /// Marks and formulae it was seen in.
    pub evidence: Evidence,
}

/// How tightly the parts of a multi-token candidate belong together, at its weakest split.
#[derive(Debug, Clone, Copy, PartialEq, serde::Serialize)]
pub struct Association {
    /// Normalised pointwise mutual information, −1 … 1.
    pub npmi: f64,
    /// Dunning's log-likelihood ratio.
    pub llr: f64,
}

/// Mines the candidates of a tokenised corpus.
pub fn from_ngrams(
    stream: &TokenStream,
    table: &NgramTable,
    options: &MiningOptions,
) -> Vec<Candidate> {
    (0..table.len() as u32)
        .into_par_iter()
        .filter(|&id| !table.grams[id as usize].absorbed)
        .filter_map(|id| {
            let tokens = table.tokens(id);
            let pieces: Vec<&str> = tokens.iter().map(|&t| stream.word(t)).collect();
            if !shape_ok(&pieces, options.max_chars) {
                return None;
            }
            Some(Candidate {
                text: pieces.concat(),
                pieces: pieces.iter().map(|p| p.to_string()).collect(),
                mined_count: table.grams[id as usize].count,
                association: association(table, &tokens),
                evidence: Evidence::default(),
            })
        })
        .collect()
}

/// The association at the weakest split of a multi-token sequence.
fn association(table: &NgramTable, tokens: &[u32]) -> Option<Association> {
    if tokens.len() < 2 {
        return None;
    }
    let n = table.total_tokens as f64;
    let joint = f64::from(table.count(tokens)?);
    (1..tokens.len())
        .filter_map(|k| {
            let left = f64::from(table.count(&tokens[..k])?);
            let right = f64::from(table.count(&tokens[k..])?);
            Some(Association {
                npmi: crate::extract::score::npmi(joint, left, right, n),
                llr: crate::extract::score::llr(joint, left, right, n),
            })
        })
        .min_by(|a, b| a.npmi.total_cmp(&b.npmi))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::Document;
    use crate::extract::marked::marked_phrases;
    use crate::extract::tokens::tokenize;
    use crate::extract::words::{ends_with_edge_word, starts_with_edge_word};
    use crate::lang::Lang;
    use crate::segment::Segmenter;
    use std::path::PathBuf;

    fn doc(text: &str) -> Document {
        Document::from_text("t.txt", PathBuf::from("t.txt"), text, Lang::Zh)
    }

    fn mined(texts: &[&str]) -> (TokenStream, NgramTable) {
        let docs: Vec<Document> = texts.iter().map(|t| doc(t)).collect();
        let refs: Vec<&Document> = docs.iter().collect();
        let stream = tokenize(&Segmenter::new(), &refs);
        let table = NgramTable::mine(&stream, &MiningOptions::default());
        (stream, table)
    }

    fn texts(stream: &TokenStream, table: &NgramTable) -> Vec<String> {
        let mut out: Vec<String> = from_ngrams(stream, table, &MiningOptions::default())
            .into_iter()
            .map(|c| c.text)
            .collect();
        out.sort();
        out
    }

    #[test]
    fn recurring_runs_of_tokens_are_mined_with_exact_counts() {
        let (stream, table) = mined(&[
            "我们弘扬上海精神。",
            "各方秉持上海精神，打击三股势力。",
            "坚决打击三股势力。",
        ]);
        let ids = |s: &[&str]| -> Vec<u32> {
            s.iter()
                .map(|w| stream.vocab.iter().position(|v| &**v == *w).unwrap() as u32)
                .collect()
        };
        assert_eq!(table.count(&ids(&["上海", "精神"])), Some(2));
        assert_eq!(table.count(&ids(&["三股", "势力"])), Some(2));
        assert_eq!(table.count(&ids(&["弘扬", "上海"])), None);
        let found = texts(&stream, &table);
        assert!(found.contains(&"上海精神".to_string()), "{found:?}");
        assert!(found.contains(&"三股势力".to_string()), "{found:?}");
        // 打击 is a governing verb: 打击三股势力 is not a candidate.
        assert!(!found.contains(&"打击三股势力".to_string()), "{found:?}");
    }

    #[test]
    fn ngrams_never_cross_punctuation() {
        let (stream, table) = mined(&["加强合作，精神文明。", "加强合作，精神文明。"]);
        let found = texts(&stream, &table);
        assert!(!found.iter().any(|t| t.contains("合作精神")), "{found:?}");
    }

    #[test]
    fn a_closing_quotation_mark_before_a_word_is_no_break() {
        let (stream, table) = mined(&[
            "推动共建“一带一路”倡议。",
            "落实共建“一带一路”倡议。",
            "“水促进可持续发展”2018—2028十年，“水促进可持续发展”2018年。",
        ]);
        let found = texts(&stream, &table);
        assert!(found.contains(&"一带一路倡议".to_string()), "{found:?}");
        // An opening mark stays a break, and so does a closing one before a number.
        assert!(
            !found.iter().any(|t| t.starts_with("共建一带")),
            "{found:?}"
        );
        assert!(!found.iter().any(|t| t.contains("2018")), "{found:?}");
    }

    #[test]
    fn edge_words_next_to_a_term_are_found() {
        assert!(ends_with_edge_word("推动构建"));
        assert!(ends_with_edge_word("国家主席"));
        assert!(!ends_with_edge_word("上海合作"));
        assert!(starts_with_edge_word("的重要"));
        assert!(starts_with_edge_word("总统表示"));
        assert!(!starts_with_edge_word("织成立"));
        assert!(!starts_with_edge_word(""));
    }

    #[test]
    fn edges_are_checked() {
        assert!(shape_ok(&["三股", "势力"], 20));
        assert!(!shape_ok(&["的", "势力"], 20));
        assert!(!shape_ok(&["构建", "命运", "共同体"], 20));
        assert!(!shape_ok(&["2024年", "峰会"], 20));
        assert!(!shape_ok(&["第二十四次", "会议"], 20));
        assert!(!shape_ok(&["峰", "—"], 20));
        assert!(!shape_ok(&["势"], 20));
        assert!(shape_ok(&["中国", "—", "中亚", "峰会"], 20));
        assert!(!shape_ok(&["高度评价"], 20));
        assert!(shape_ok(&["真正", "的", "多边主义"], 20));
        assert!(!shape_ok(&["冷战", "思维", "的", "现实", "威胁"], 20));
        assert!(!shape_ok(&["成员国", "元首们"], 20));
        assert!(!shape_ok(&["全球", "治理", "朝着", "更加", "公正"], 20));
        assert!(shape_ok(&["国际法", "原则", "和", "准则"], 20));
        assert!(shape_ok(&["2030年", "可持续", "发展", "议程"], 20));
        assert!(shape_ok(&["2030", "年", "可", "持续", "发展", "议程"], 20));
        assert!(!shape_ok(&["2030", "年"], 20));
        assert!(!shape_ok(&["2030年"], 20));
    }

    #[test]
    fn quoted_and_titled_phrases_are_found() {
        let docs = [doc(
            "坚持“上海精神”，遵守《上合组织宪章》，反对“小院高墙”。他说：“我们要团结，不要分裂。”",
        )];
        let refs: Vec<&Document> = docs.iter().collect();
        let stream = tokenize(&Segmenter::new(), &refs);
        let marked = marked_phrases(&stream, (&refs, &crate::corpus::Held));
        assert_eq!(
            marked.quoted.keys().collect::<Vec<_>>(),
            ["上海精神", "小院高墙"]
        );
        assert_eq!(
            marked.book_titles.keys().collect::<Vec<_>>(),
            ["上合组织宪章"]
        );
    }

    #[test]
    fn enumerations_are_found_with_every_cut_of_their_edges() {
        let docs = [doc("坚决打击恐怖主义、分裂主义和极端主义。")];
        let refs: Vec<&Document> = docs.iter().collect();
        let stream = tokenize(&Segmenter::new(), &refs);
        let marked = marked_phrases(&stream, (&refs, &crate::corpus::Held));
        assert!(
            marked
                .enumerations
                .contains_key("恐怖主义、分裂主义和极端主义"),
            "{:?}",
            marked.enumerations
        );
        assert!(!marked.enumerations.keys().any(|k| k.starts_with("打击")));
    }
}
