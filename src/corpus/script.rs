//! Traditional Chinese documents (Hong Kong, Macao and Taiwan releases) read as the same terms
//! as Simplified ones: each sentence is converted to Simplified with OpenCC's tables (the
//! hanconv crate), and keeps the text as written for its contexts.
//!
//! What is converted is the script, character by character and OpenCC's phrases (勢力 → 势力,
//! 國際 → 国际). Regional vocabulary is not a script difference and is not converted: 軟件 and
//! 软件 are one word in two scripts, but Taiwan's 軟體 stays 软体, not 软件.

use super::layout::Article;

/// Of a document's Chinese characters, at least this share must change under conversion for it
/// to be read as Traditional (a Simplified text has none or a few: 乾 in a name).
const TRADITIONAL_SHARE: f64 = 0.05;

/// How many Chinese characters of a document are looked at to tell its script.
const SAMPLE_CHARS: usize = 400;

/// Whether `text` is written in Traditional characters.
pub fn is_traditional(text: &str) -> bool {
    // The first characters decide: a document is written in one script.
    let sample: String = text
        .chars()
        .filter(|c| crate::lang::is_han(*c))
        .take(SAMPLE_CHARS)
        .collect();
    if sample.chars().count() < 4 {
        return false;
    }
    let simplified = hanconv::t2s(&sample);
    let changed = sample
        .chars()
        .zip(simplified.chars())
        .filter(|(a, b)| a != b)
        .count();
    changed as f64 >= TRADITIONAL_SHARE * sample.chars().count() as f64
}

/// Converts every sentence of `articles` to Simplified, keeping what was written beside them
/// (the raw text [`crate::corpus::written`] found, or else the normalised Traditional).
pub fn simplify(articles: &mut [Article]) {
    for article in articles {
        let before: Vec<String> = article
            .sentences
            .iter_mut()
            .map(|sentence| {
                let simplified = hanconv::t2s(&sentence.text);
                std::mem::replace(&mut sentence.text, simplified)
            })
            .collect();
        if article.written.is_empty() {
            article.written = before;
        } else {
            // A sentence that read as written now differs from its text: it was Traditional.
            for (written, before) in article.written.iter_mut().zip(before) {
                if written.is_empty() {
                    *written = before;
                }
            }
        }
    }
}

/// The part of `written` that stands where `text[start..end]` stands, when the conversion kept
/// every character in its place (the same number of characters); `None` otherwise.
pub fn written_span(text: &str, written: &str, start: usize, end: usize) -> Option<String> {
    if text.chars().count() != written.chars().count() {
        return None;
    }
    let from = text[..start].chars().count();
    let len = text[start..end].chars().count();
    Some(written.chars().skip(from).take(len).collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tells_traditional_from_simplified() {
        assert!(is_traditional(
            "打擊恐怖主義、分裂主義和極端主義「三股勢力」。"
        ));
        assert!(!is_traditional(
            "打击恐怖主义、分裂主义和极端主义“三股势力”。"
        ));
    }

    #[test]
    fn converts_the_script_not_the_regional_vocabulary() {
        assert_eq!(hanconv::t2s("三股勢力"), "三股势力");
        // Taiwan's word for software is converted character by character, not replaced by the
        // mainland's 软件: the README says so.
        assert_eq!(hanconv::t2s("軟體"), "软体");
    }

    #[test]
    fn finds_the_written_span_of_a_simplified_one() {
        let written = "打擊「三股勢力」。";
        let text = hanconv::t2s(written);
        let start = text.find("三股势力").unwrap();
        let end = start + "三股势力".len();
        assert_eq!(
            written_span(&text, written, start, end).as_deref(),
            Some("三股勢力")
        );
    }
}
