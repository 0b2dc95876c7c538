//! CSV and TSV termbases with a header row, as spreadsheets and other tools write them: with a
//! BOM or not, CRLF or LF, separated by commas, semicolons (a European Excel) or tabs; and
//! OmegaT's glossary files, which have no header.

use std::path::Path;

use super::{Decision, ImportError, ImportedTerm};
use crate::error::{Error, Result};
use crate::glossary::Status;
use crate::table::LineCounter;

/// Columns named on the command line, for headers the usual names do not cover.
#[derive(Debug, Clone, Default)]
pub struct ColumnChoice {
    /// The column of the Chinese term.
    pub zh: Option<String>,
    /// The column of the English term.
    pub en: Option<String>,
    /// The sheet of a workbook.
    pub sheet: Option<String>,
}

/// Header names read as the Chinese term (compared without case, spaces, `-` and `_`).
const ZH_NAMES: &[&str] = &[
    "zh",
    "zhcn",
    "zhhans",
    "zhhanscn",
    "zhsg",
    "zhtw",
    "zhhant",
    "zhhk",
    "cn",
    "chinese",
    "中文",
    "汉语",
    "简体中文",
    "中文术语",
    "source",
    "sourceterm",
    "term",
    "源语",
    "原文",
];

/// Header names read as the English term.
const EN_NAMES: &[&str] = &[
    "en",
    "enus",
    "engb",
    "english",
    "英文",
    "英语",
    "英文术语",
    "target",
    "targetterm",
    "translation",
    "译文",
];

/// Other header names and the curated column each fills.
const OTHER_NAMES: &[(&str, &[&str])] = &[
    (
        "note",
        &[
            "note", "notes", "comment", "comments", "remark", "备注", "说明",
        ],
    ),
    (
        "definition",
        &["definition", "descrip", "description", "定义", "释义"],
    ),
    ("pos", &["pos", "partofspeech", "词性"]),
    (
        "subject",
        &["subject", "subjectfield", "domain", "领域", "学科"],
    ),
    ("source", &["origin", "reference", "来源", "出处"]),
    ("term_type", &["termtype"]),
];

/// Header names of the status column.
const STATUS_NAMES: &[&str] = &[
    "status",
    "administrativestatus",
    "termstatus",
    "normativeauthorization",
    "状态",
];

/// Header names of a concept id (rows sharing it are one concept).
const CONCEPT_NAMES: &[&str] = &["id", "concept", "conceptid", "entryid", "entry", "概念"];

/// A header name as compared: lower case, without spaces, `-`, `_` and a BOM.
fn folded(name: &str) -> String {
    name.trim_start_matches('\u{feff}')
        .chars()
        .filter(|c| !c.is_whitespace() && !matches!(c, '-' | '_' | '.' | '(' | ')'))
        .flat_map(char::to_lowercase)
        .collect()
}

/// The separator of a table: a tab for a `.tsv`, else whichever of tab, semicolon and comma
/// the header line holds most of outside quotes.
fn separator(header_line: &str, tab_file: bool) -> u8 {
    if tab_file {
        return b'\t';
    }
    let mut counts = [0usize; 3];
    let mut quoted = false;
    for c in header_line.chars() {
        match c {
            '"' => quoted = !quoted,
            '\t' if !quoted => counts[0] += 1,
            ';' if !quoted => counts[1] += 1,
            ',' if !quoted => counts[2] += 1,
            _ => {}
        }
    }
    let seps = [b'\t', b';', b','];
    // Ties go to the later one, the comma: the CSV default.
    let best = (0..3).max_by_key(|&i| (counts[i], i)).unwrap_or(2);
    if counts[best] == 0 { b',' } else { seps[best] }
}

/// Parses a status cell: the curated names, TBX's (`preferredTerm-admn-sts`), and empty
/// (`Some(None)`); `None` for anything else.
pub(super) fn status_cell(cell: &str) -> Option<Option<Status>> {
    let value = folded(cell);
    if value.is_empty() {
        return Some(None);
    }
    let value = value.trim_end_matches("admnsts");
    let value = value.strip_suffix("term").unwrap_or(value);
    let status = match value {
        "preferred" | "approved" | "首选" => Status::Preferred,
        "admitted" | "accepted" | "permitted" | "允许" => Status::Admitted,
        "deprecated" | "forbidden" | "notrecommended" | "禁用" => Status::Deprecated,
        "superseded" | "obsolete" => Status::Superseded,
        "rejected" => Status::Rejected,
        _ => return None,
    };
    Some(Some(status))
}

/// Where each role's column is.
struct Layout {
    zh: usize,
    en: usize,
    status: Option<usize>,
    decision: Option<usize>,
    concept: Option<usize>,
    others: Vec<(&'static str, usize)>,
}

/// Language names that may open a longer header: memoQ's `Chinese_PRC` and
/// `English_United_States`, a spreadsheet's `Chinese (Simplified)`.
const LANGUAGE_PREFIXES: &[&str] = &["chinese", "english", "中文", "英文"];

fn find(header: &[String], names: &[&str]) -> Option<usize> {
    let folded: Vec<String> = header.iter().map(|h| folded(h)).collect();
    // The first name in the list's order wins: `zh` before `source`.
    names
        .iter()
        .find_map(|n| folded.iter().position(|h| h == n))
        .or_else(|| {
            names
                .iter()
                .filter(|n| LANGUAGE_PREFIXES.contains(n))
                .find_map(|n| folded.iter().position(|h| h.starts_with(n)))
        })
}

fn named(path: &Path, header: &[String], name: &str) -> Result<usize> {
    header
        .iter()
        .position(|h| h.trim().trim_start_matches('\u{feff}') == name.trim())
        .or_else(|| find(header, &[folded(name).as_str()]))
        .ok_or_else(|| {
            ImportError::NoSuchColumn {
                path: path.to_path_buf(),
                name: name.to_string(),
                header: header.to_vec(),
            }
            .into()
        })
}

fn layout(path: &Path, header: &[String], choice: &ColumnChoice) -> Result<Layout> {
    let unmapped = |language| -> Error {
        ImportError::UnmappedColumn {
            path: path.to_path_buf(),
            language,
            header: header.to_vec(),
        }
        .into()
    };
    let zh = match &choice.zh {
        Some(name) => named(path, header, name)?,
        None => find(header, ZH_NAMES).ok_or_else(|| unmapped("Chinese"))?,
    };
    let en = match &choice.en {
        Some(name) => named(path, header, name)?,
        None => find(header, EN_NAMES)
            .filter(|&c| c != zh)
            .ok_or_else(|| unmapped("English"))?,
    };
    let taken = |c: &usize| *c != zh && *c != en;
    let others = OTHER_NAMES
        .iter()
        .filter_map(|(column, names)| find(header, names).filter(taken).map(|c| (*column, c)))
        .collect();
    Ok(Layout {
        zh,
        en,
        status: find(header, STATUS_NAMES).filter(taken),
        decision: find(header, DECISION_NAMES).filter(taken),
        concept: find(header, CONCEPT_NAMES).filter(taken),
        others,
    })
}

/// Reads the pairs of a table whose text is `text` (decoded, without BOM): a table with a
/// header row, or an OmegaT glossary (no header: see `is_omegat_glossary`).
pub fn read_table(
    path: &Path,
    text: &str,
    tab_file: bool,
    choice: &ColumnChoice,
) -> Result<Vec<ImportedTerm>> {
    if is_omegat_glossary(text) {
        let reader = csv::ReaderBuilder::new()
            .delimiter(b'\t')
            .has_headers(false)
            .quoting(false)
            .flexible(true)
            .from_reader(text.as_bytes());
        // Comment lines are skipped here, not by the csv crate: its positions would not count them.
        let records = rows(path, text, reader)?
            .into_iter()
            .filter(|(_, cells)| !cells.first().is_some_and(|c| c.starts_with('#')))
            .collect();
        let header = OMEGAT_COLUMNS.map(String::from);
        return terms_from_rows(path, &header, records, &ColumnChoice::default());
    }
    let Some(header_line) = text.lines().find(|l| !l.trim().is_empty()) else {
        return Err(ImportError::Empty {
            path: path.to_path_buf(),
        }
        .into());
    };
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(separator(header_line, tab_file))
        .flexible(true)
        .from_reader(text.as_bytes());
    let header: Vec<String> = reader
        .headers()
        .map_err(|e| csv_error(path, e, Some(1)))?
        .iter()
        .map(String::from)
        .collect();
    terms_from_rows(path, &header, rows(path, text, reader)?, choice)
}

/// The columns of an OmegaT glossary (`.txt`, `.tab`, `.utf8`, as OmegaT writes one when a
/// translator adds a term, and as `glossary export` writes `glossary-omegat.txt`): no header
/// row, tab-separated source term, target term and comment; `#` opens a comment line.
const OMEGAT_COLUMNS: [&str; 3] = ["source", "target", "comment"];

/// Whether `text` is an OmegaT glossary: its first line that is not a `#` comment holds a tab
/// and opens with a Chinese term, and neither of its first two cells is a header name (中文,
/// 译文: a header row of Chinese names is a header).
fn is_omegat_glossary(text: &str) -> bool {
    let first = text
        .lines()
        .find(|l| !l.trim().is_empty() && !l.starts_with('#'));
    let Some((zh, rest)) = first.and_then(|l| l.split_once('\t')) else {
        return false;
    };
    let en = rest.split('\t').next().unwrap_or("");
    zh.chars().any(crate::lang::is_han)
        && !ZH_NAMES.contains(&folded(zh).as_str())
        && !EN_NAMES.contains(&folded(en).as_str())
}

fn csv_error(path: &Path, e: csv::Error, line: Option<u64>) -> Error {
    Error::Csv {
        path: path.to_path_buf(),
        line,
        message: e.to_string(),
    }
}

/// The records of `reader` over `text`, each with its line.
fn rows(
    path: &Path,
    text: &str,
    mut reader: csv::Reader<&[u8]>,
) -> Result<Vec<(u64, Vec<String>)>> {
    let mut lines = LineCounter::default();
    let mut rows = Vec::new();
    for record in reader.records() {
        let record = record.map_err(|e| {
            let line = e.position().map(|p| lines.line_of(text, p));
            csv_error(path, e, line)
        })?;
        let line = record.position().map_or(0, |p| lines.line_of(text, p));
        rows.push((line, record.iter().map(String::from).collect()));
    }
    Ok(rows)
}

/// The pairs of a table given as its header and its rows (each with its line, or its row
/// number in a workbook). A table with a `decision` column is a review sheet: only its rows
/// with a decision count.
pub fn terms_from_rows(
    path: &Path,
    header: &[String],
    rows: Vec<(u64, Vec<String>)>,
    choice: &ColumnChoice,
) -> Result<Vec<ImportedTerm>> {
    let layout = layout(path, header, choice)?;
    let mut terms = Vec::new();
    for (line, record) in rows {
        let cell = |c: usize| record.get(c).map_or("", |s| s.trim());
        if record.iter().all(|c| c.trim().is_empty()) {
            continue;
        }
        let decision = match layout.decision {
            Some(c) => match decision_cell(cell(c)) {
                Some(Some(decision)) => Some(decision),
                // Blank: the reviewer has not decided; nothing to do.
                Some(None) => continue,
                None => {
                    return Err(ImportError::BadDecision {
                        path: path.to_path_buf(),
                        line,
                        value: cell(c).to_string(),
                    }
                    .into());
                }
            },
            None => None,
        };
        let status = match layout.status {
            // A review sheet's candidates say `candidate` or `proposed`: no status of ours.
            Some(c) if decision.is_some() && is_review_status(cell(c)) => None,
            Some(c) => status_cell(cell(c)).ok_or_else(|| ImportError::BadStatus {
                path: path.to_path_buf(),
                line,
                value: cell(c).to_string(),
            })?,
            None => None,
        };
        terms.push(ImportedTerm {
            zh: cell(layout.zh).to_string(),
            en: cell(layout.en).to_string(),
            status,
            concept: layout
                .concept
                .map(|c| cell(c).to_string())
                .filter(|c| !c.is_empty()),
            cells: layout
                .others
                .iter()
                .map(|&(column, c)| (column.to_string(), cell(c).to_string()))
                .filter(|(_, v)| !v.is_empty())
                .collect(),
            decision,
            file: path.to_path_buf(),
            line,
        });
    }
    Ok(terms)
}

/// Header names of a reviewer's decision (a review sheet's).
const DECISION_NAMES: &[&str] = &["decision", "决定", "审校意见"];

/// Parses a decision cell: accept, reject, or blank (`Some(None)`); `None` for anything else.
fn decision_cell(cell: &str) -> Option<Option<Decision>> {
    match folded(cell).as_str() {
        "" => Some(None),
        "accept" | "accepted" | "yes" | "接受" => Some(Some(Decision::Accept)),
        "reject" | "rejected" | "no" | "拒绝" => Some(Some(Decision::Reject)),
        _ => None,
    }
}

/// The statuses a review sheet shows for rows not curated yet.
fn is_review_status(cell: &str) -> bool {
    matches!(folded(cell).as_str(), "" | "candidate" | "proposed")
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn read(text: &str) -> Result<Vec<ImportedTerm>> {
        read_table(Path::new("t.csv"), text, false, &ColumnChoice::default())
    }

    #[test]
    fn reads_the_usual_headers_and_separators() {
        for text in [
            "zh-CN,en-US,Note\r\n三股势力,three evil forces,MFA\r\n",
            "Chinese;English;Note\n三股势力;three evil forces;MFA\n",
            "中文\t英文\t备注\n三股势力\tthree evil forces\tMFA\n",
            "\u{feff}Chinese_PRC;English_United_States;Note\r\n三股势力;three evil forces;MFA\r\n",
            "Source,Target,Comment\n\"三股势力\",\"three evil forces\",MFA\n",
        ] {
            let terms = read(text).unwrap();
            assert_eq!(terms.len(), 1, "{text}");
            assert_eq!(terms[0].zh, "三股势力");
            assert_eq!(terms[0].en, "three evil forces");
            assert_eq!(terms[0].cells, [("note".to_string(), "MFA".to_string())]);
            assert_eq!(terms[0].line, 2);
        }
    }

    #[test]
    fn reads_statuses_and_concepts() {
        let terms = read(
            "id,zh,en,status\n1,上海合作组织,Shanghai Cooperation Organization,preferredTerm-admn-sts\n1,上合组织,SCO,Admitted\n",
        )
        .unwrap();
        assert_eq!(terms[0].status, Some(Status::Preferred));
        assert_eq!(terms[1].status, Some(Status::Admitted));
        assert_eq!(terms[1].concept.as_deref(), Some("1"));
    }

    #[test]
    fn says_which_header_it_cannot_map_and_which_status_it_cannot_read() {
        let err = read("Begriff,Benennung\nA,B\n").unwrap_err().to_string();
        assert!(
            err.contains("no column for the Chinese term among: Begriff, Benennung"),
            "{err}"
        );
        let err = read("zh,en,status\n三股势力,three evil forces,maybe\n")
            .unwrap_err()
            .to_string();
        assert!(err.contains("line 2: status \"maybe\""), "{err}");
        let chosen = ColumnChoice {
            zh: Some("Begriff".into()),
            en: Some("Benennung".into()),
            sheet: None,
        };
        let terms = read_table(
            Path::new("t.csv"),
            "Begriff,Benennung\n三股势力,x\n",
            false,
            &chosen,
        )
        .unwrap();
        assert_eq!(terms[0].en, "x");
    }

    #[test]
    fn reads_an_omegat_glossary_without_a_header() {
        // As OmegaT 3.6 writes one (GlossaryReaderTSV.append), and as our export starts.
        let text = "# Glossary in tab-separated format -*- coding: utf-8 -*-\n# zh-CN\ten-US\tcomment\n上合示范区\tSCO Demonstration Zone\tadded in OmegaT\n数字丝绸之路\tDigital Silk Road\n";
        let terms = read_table(Path::new("g.utf8"), text, true, &ColumnChoice::default()).unwrap();
        assert_eq!(terms.len(), 2);
        assert_eq!(
            (terms[0].zh.as_str(), terms[0].en.as_str()),
            ("上合示范区", "SCO Demonstration Zone")
        );
        assert_eq!(
            terms[0].cells,
            [("note".to_string(), "added in OmegaT".to_string())]
        );
        assert_eq!(terms[0].line, 3);
        assert_eq!(terms[1].line, 4);
        // A header row of Chinese names is a header, not a term.
        let headed = read("中文\t英文\n三股势力\tthree evil forces\n").unwrap();
        assert_eq!(headed.len(), 1);
        // A Chinese header the usual names miss on one side is still a header.
        let headed = read("术语\t译文\n三股势力\tthree evil forces\n");
        assert!(headed.is_err(), "{headed:?}");
    }

    proptest! {
        // Whatever the cells hold, a table written by the csv crate reads back cell for cell.
        #[test]
        fn a_written_table_reads_back(
            rows in prop::collection::vec(("[^\u{feff}]{0,12}", "[^\u{feff}]{0,12}"), 1..8),
            sep in prop::sample::select(vec![b',', b';', b'\t']),
        ) {
            let mut writer = csv::WriterBuilder::new().delimiter(sep).from_writer(Vec::new());
            writer.write_record(["zh", "en"]).unwrap();
            for (zh, en) in &rows {
                writer.write_record([zh, en]).unwrap();
            }
            let text = String::from_utf8(writer.into_inner().unwrap()).unwrap();
            let terms = read(&text).unwrap();
            let expected: Vec<(String, String)> = rows
                .iter()
                .filter(|(zh, en)| !(zh.trim().is_empty() && en.trim().is_empty()))
                .map(|(zh, en)| (zh.trim().to_string(), en.trim().to_string()))
                .collect();
            let got: Vec<(String, String)> = terms.into_iter().map(|t| (t.zh, t.en)).collect();
            prop_assert_eq!(got, expected);
        }
    }
}
