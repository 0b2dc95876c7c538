//! The year of a document, from the evidence in its own text.
//!
//! Only dates that are the document's own decide its year, found where newspapers and official
//! texts put them:
//!
//! | rule | example |
//! |---|---|
//! | header date | `（2014年9月12日，杜尚别）` under a speech's title |
//! | signature date | `2024年7月5日于杜尚别` after a joint statement |
//! | dateline with year | `新华社北京2024年7月5日电` |
//! | dateline and lead | `新华社北京7月6日电 2024年7月2日至6日，…` (same month, not after the dateline) |
//! | lead date | a news lead that opens with `2024年7月4日，…` |
//!
//! Years named in running text are other years (`2030年前国家发展战略`,
//! `2021—2025年打击极端主义和恐怖主义战略`, `将2025年确定为…`, `2024至2025年度`), and a
//! yearless dateline (`新华社北京7月5日电`) only inherits the year of the other evidence. When
//! none of the rules applies, the latest complete date (`YYYY年M月D日`) in running text is taken,
//! and reported as such (rule `latest date in text`), so that the choice is never silent; with
//! no complete date at all the document gets no year.

use std::sync::LazyLock;

use regex::Regex;
use serde::{Deserialize, Serialize};

use crate::corpus::layout::{Article, BlockKind};

/// The rule that found a piece of evidence.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Rule {
    /// `（2014年9月12日，杜尚别）` under a title.
    #[serde(rename = "header date")]
    HeaderDate,
    /// `2024年7月5日于杜尚别` after the body.
    #[serde(rename = "signature date")]
    SignatureDate,
    /// `新华社北京2024年7月5日电`.
    #[serde(rename = "dateline with year")]
    DatelineWithYear,
    /// `新华社北京7月6日电 2024年7月2日至6日，…`.
    #[serde(rename = "dateline and lead")]
    DatelineAndLead,
    /// A news lead opening with a complete date.
    #[serde(rename = "lead date")]
    LeadDate,
    /// The latest complete date in running text (no other evidence).
    #[serde(rename = "latest date in text")]
    LatestDateInText,
}

impl Rule {
    /// The rule's name as shown to users.
    pub fn name(self) -> &'static str {
        match self {
            Rule::HeaderDate => "header date",
            Rule::SignatureDate => "signature date",
            Rule::DatelineWithYear => "dateline with year",
            Rule::DatelineAndLead => "dateline and lead",
            Rule::LeadDate => "lead date",
            Rule::LatestDateInText => "latest date in text",
        }
    }
}

impl std::fmt::Display for Rule {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.name())
    }
}

/// One piece of evidence for a document's year.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct YearEvidence {
    /// The year it gives.
    pub year: i32,
    /// The rule that found it.
    pub rule: Rule,
    /// The text it was found in (the date line, or the dateline and the date).
    pub text: String,
    /// The original line.
    pub line: u32,
}

/// The year of a document and all the evidence seen.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Dating {
    /// The evidence the year was taken from, if any.
    pub chosen: Option<YearEvidence>,
    /// Strong evidence that disagrees with the chosen year.
    pub conflicts: Vec<YearEvidence>,
}

impl Dating {
    /// The document's year.
    pub fn year(&self) -> Option<i32> {
        self.chosen.as_ref().map(|e| e.year)
    }
}

fn re(pattern: &str) -> Regex {
    Regex::new(pattern).expect("static regex")
}

static FULL_DATE: LazyLock<Regex> = LazyLock::new(|| re(r"(\d{4})年(\d{1,2})月(\d{1,2})日"));
static LEAD_DATE: LazyLock<Regex> =
    LazyLock::new(|| re(r"^((\d{4})年(\d{1,2})月(\d{1,2})日)(?:至(?:\d{1,2}月)?\d{1,2}日)?，"));
static DATELINE_PARTS: LazyLock<Regex> =
    LazyLock::new(|| re(r"(?:(\d{4})年)?(\d{1,2})月(\d{1,2})日电"));
/// Words just before a date that make it another date than the document's own
/// (`将2025年…`, `至2024年…`, `2021—2025年`).
static NOT_OWN_BEFORE: LazyLock<Regex> = LazyLock::new(|| re(r"(?:将于?|至|到|—|-|~|～)$"));

fn plausible(year: i32) -> bool {
    (1900..=2100).contains(&year)
}

fn parse_year(s: &str) -> Option<i32> {
    s.parse().ok().filter(|&y| plausible(y))
}

/// Finds the year of a document made of `articles`.
pub fn date(articles: &[Article]) -> Dating {
    let strong: Vec<YearEvidence> = articles.iter().flat_map(strong_evidence).collect();
    if strong.is_empty() {
        return Dating {
            chosen: latest_running_date(articles),
            conflicts: Vec::new(),
        };
    }
    // The year with most strong evidence; on a tie, the latest year.
    let mut years: Vec<i32> = strong.iter().map(|e| e.year).collect();
    years.sort_unstable();
    let best = years
        .iter()
        .copied()
        .max_by_key(|&y| (years.iter().filter(|&&o| o == y).count(), y))
        .expect("non-empty");
    let chosen = strong.iter().find(|e| e.year == best).cloned();
    let conflicts = strong.into_iter().filter(|e| e.year != best).collect();
    Dating { chosen, conflicts }
}

fn strong_evidence(article: &Article) -> Vec<YearEvidence> {
    let mut found = Vec::new();
    let mut seen_body = false;
    let mut dateline: Option<(u32, u32, &str)> = None;
    for block in &article.blocks {
        match block.kind {
            BlockKind::DatePlace => {
                if let Some(caps) = FULL_DATE.captures(&block.text)
                    && let Some(year) = parse_year(&caps[1])
                {
                    let rule = if seen_body || block.text.contains('于') {
                        Rule::SignatureDate
                    } else {
                        Rule::HeaderDate
                    };
                    found.push(evidence(year, rule, &block.text, block.first_line()));
                }
            }
            BlockKind::NewsDateline => {
                if let Some(caps) = DATELINE_PARTS.captures(&block.text) {
                    if let Some(year) = caps.get(1).and_then(|y| parse_year(y.as_str())) {
                        found.push(evidence(
                            year,
                            Rule::DatelineWithYear,
                            &block.text,
                            block.first_line(),
                        ));
                    } else if let (Ok(month), Ok(day)) = (caps[2].parse(), caps[3].parse()) {
                        dateline = Some((month, day, block.text.as_str()));
                    }
                }
            }
            BlockKind::Paragraph if !seen_body => {
                seen_body = true;
                if let Some(e) = lead_date(&block.text, dateline, block.first_line()) {
                    found.push(e);
                }
            }
            BlockKind::Paragraph => {}
            _ => {}
        }
    }
    found
}

/// A complete date that opens a news lead (`2024年7月4日，…`, `2024年7月2日至6日，…`). With a
/// yearless dateline before it, the date must fall in the dateline's month, on or before its day.
fn lead_date(text: &str, dateline: Option<(u32, u32, &str)>, line: u32) -> Option<YearEvidence> {
    let caps = LEAD_DATE.captures(text)?;
    let whole = caps.get(1)?;
    let year = parse_year(&caps[2])?;
    let month: u32 = caps[3].parse().ok()?;
    let day: u32 = caps[4].parse().ok()?;
    match dateline {
        Some((d_month, d_day, d_text)) => (month == d_month && day <= d_day).then(|| {
            evidence(
                year,
                Rule::DatelineAndLead,
                &format!("{d_text} {}", whole.as_str()),
                line,
            )
        }),
        None => Some(evidence(year, Rule::LeadDate, whole.as_str(), line)),
    }
}

/// The latest complete date in titles, headings and body text that is not marked as another
/// date (`将…`, `至…`, a range).
fn latest_running_date(articles: &[Article]) -> Option<YearEvidence> {
    let mut best: Option<((i32, u32, u32), YearEvidence)> = None;
    for sentence in articles.iter().flat_map(|a| &a.sentences) {
        for caps in FULL_DATE.captures_iter(&sentence.text) {
            let whole = caps.get(0).expect("group 0");
            if NOT_OWN_BEFORE.is_match(&sentence.text[..whole.start()]) {
                continue;
            }
            let (Some(year), Ok(month), Ok(day)) =
                (parse_year(&caps[1]), caps[2].parse(), caps[3].parse())
            else {
                continue;
            };
            let key = (year, month, day);
            if best.as_ref().is_none_or(|(k, _)| key > *k) {
                let e = evidence(year, Rule::LatestDateInText, whole.as_str(), sentence.line);
                best = Some((key, e));
            }
        }
    }
    best.map(|(_, e)| e)
}

fn evidence(year: i32, rule: Rule, text: &str, line: u32) -> YearEvidence {
    YearEvidence {
        year,
        rule,
        text: text.to_string(),
        line,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::layout;
    use crate::lang::Lang;

    fn dating(text: &str) -> Dating {
        date(&layout::parse(text, Lang::Zh).articles)
    }

    #[test]
    fn header_date_under_a_title() {
        let d = dating("# 讲话\n\n（2014年9月12日，杜尚别）\n\n正文。\n");
        let e = d.chosen.unwrap();
        assert_eq!((e.year, e.rule.name(), e.line), (2014, "header date", 3));
    }

    #[test]
    fn signature_date_after_the_body() {
        let d = dating("双方认为，合作重要。\n\n2024年7月5日于杜尚别 （新华社杜尚别7月5日电）\n");
        let e = d.chosen.unwrap();
        assert_eq!((e.year, e.rule.name()), (2024, "signature date"));
    }

    #[test]
    fn yearless_dateline_takes_the_year_of_its_lead() {
        let d = dating("标题\n\n新华社北京7月6日电 2024年7月2日至6日，国家主席出席会议。\n");
        let e = d.chosen.unwrap();
        assert_eq!((e.year, e.rule.name()), (2024, "dateline and lead"));
        assert_eq!(e.text, "新华社北京7月6日电 2024年7月2日");
    }

    #[test]
    fn a_lead_date_in_another_month_is_not_the_datelines() {
        let d = dating("新华社北京7月6日电 2023年5月19日，会议举行。\n");
        assert_eq!(d.chosen.unwrap().rule, Rule::LatestDateInText);
    }

    #[test]
    fn other_years_in_running_text_do_not_decide() {
        let text = "中方建议将2025年确定为可持续发展年。落实2021—2025年打击极端主义战略，对接2030年前国家发展战略，祝贺中国接任2024至2025年度轮值主席国。\n";
        assert_eq!(dating(text).year(), None);
    }

    #[test]
    fn falls_back_to_the_latest_complete_date_and_says_so() {
        let text = "2023年5月19日在西安举行首届峰会。2024年6月10日至13日在杜尚别举办会议。将于2025年7月1日举行。\n";
        let e = dating(text).chosen.unwrap();
        assert_eq!((e.year, e.rule.name()), (2024, "latest date in text"));
    }

    #[test]
    fn most_strong_evidence_wins_and_the_rest_is_a_conflict() {
        let text = "（2014年9月12日，杜尚别）\n\n正文。\n\n2014年9月12日于杜尚别\n\n（上接第二版）\n\n正文二。\n\n2021年9月17日于杜尚别\n";
        let d = dating(text);
        assert_eq!(d.year(), Some(2014));
        assert_eq!(d.conflicts.len(), 1);
        assert_eq!(d.conflicts[0].year, 2021);
    }
}
