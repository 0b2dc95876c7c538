//! Editing the curated glossary from the command line: `add`, `set`, `reject`.
//!
//! A rejection may cover other candidates of the last build ([`covered_forms`]): the parts of
//! the term found nowhere else, and the longer candidates that keep one of its edges. Those are
//! rejected with it, each in a row of its own, so that the file says what was turned down.
//!
//! Every edit checks what it is asked against what the file holds (a clash is an error that
//! says what to do instead), re-validates the whole file, and leaves the writing to the caller
//! ([`Curated::save`], atomic). Chinese terms are normalised as the corpus is, so that
//! `中国-中亚峰会` typed with a hyphen matches the text's `中国—中亚峰会`.

use super::Status;
use super::curated::Curated;
use super::merged::{Glossary, RowStatus};
use std::path::PathBuf;

use crate::corpus::normalize;
use crate::error::{Error, Result};
use crate::lang::Lang;

/// What `glossary add` adds.
#[derive(Debug, Clone, Default)]
pub struct Addition {
    /// Chinese term.
    pub zh: String,
    /// English term.
    pub en: String,
    /// Status; by default `preferred` for a new term, `admitted` beside an existing preferred.
    pub status: Option<Status>,
    /// Concept id for a new concept (by default the next free `cNNNN`).
    pub id: Option<String>,
    /// Other cells: `(column, value)` (note, source, pos, term_type, subject, definition …).
    pub cells: Vec<(String, String)>,
    /// Date of the edit (YYYY-MM-DD).
    pub date: String,
}

/// What `glossary set` changes.
#[derive(Debug, Clone, Default)]
pub struct Change {
    /// Chinese term whose row changes.
    pub zh: String,
    /// The English of the row to change, when the term has several rows.
    pub row_en: Option<String>,
    /// New English.
    pub en: Option<String>,
    /// New status.
    pub status: Option<Status>,
    /// Other cells to set.
    pub cells: Vec<(String, String)>,
    /// Date of the edit.
    pub date: String,
}

/// Normalises a Chinese term as corpus text is normalised.
pub fn normalize_zh(zh: &str) -> Result<String> {
    let zh = normalize::line(zh, Lang::Zh);
    if !zh.chars().any(crate::lang::is_word_char) {
        return Err(EditError::NotATerm { text: zh }.into());
    }
    Ok(zh)
}

fn rows_of(curated: &Curated, zh: &str) -> Vec<usize> {
    (0..curated.rows.len())
        .filter(|&i| super::canonical_zh(curated.cell(&curated.rows[i], "zh")) == zh)
        .collect()
}

fn status_of(curated: &Curated, i: usize) -> Status {
    Status::parse(curated.cell(&curated.rows[i], "status")).unwrap_or(Status::Preferred)
}

fn revalidate(curated: &Curated) -> Result<()> {
    let problems = curated.validate();
    if problems.is_empty() {
        Ok(())
    } else {
        Err(Error::Curated {
            path: curated.path.clone(),
            problems,
        })
    }
}

/// Leaves the date of the edit out when the file has no `date` column: a column nobody asked
/// for would change every line of the file.
fn keep_columns(curated: &Curated, values: &mut Vec<(&str, &str)>) {
    if !curated.has_column("date") {
        values.retain(|(column, _)| *column != "date");
    }
}

/// Why an edit of the curated glossary was refused. The messages say what is wrong; what to
/// type instead is the command line's to say.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum EditError {
    /// The Chinese given holds no word character.
    #[error("{text:?} is not a Chinese term")]
    NotATerm {
        /// What was given, normalised.
        text: String,
    },
    /// The English term given is empty.
    #[error("the English term is empty")]
    EmptyEnglish,
    /// The pair is curated already.
    #[error("{zh} = {en} is already in {} (line {line})", path.display())]
    AlreadyCurated {
        /// The Chinese term.
        zh: String,
        /// The English term.
        en: String,
        /// The curated glossary.
        path: PathBuf,
        /// Its line.
        line: u64,
    },
    /// The term was rejected: adding English to it would undo that silently.
    #[error("{zh} was rejected (line {line})")]
    Rejected {
        /// The Chinese term.
        zh: String,
        /// The English asked for.
        en: String,
        /// The rejected row's line.
        line: u64,
    },
    /// A second preferred rendering for one term.
    #[error("clash: line {line} already gives {zh} the preferred rendering {en:?}")]
    PreferredTaken {
        /// The Chinese term.
        zh: String,
        /// Its preferred English.
        en: String,
        /// That row's line.
        line: u64,
    },
    /// The concept id asked for is in use.
    #[error("id {id} is taken")]
    IdTaken {
        /// The id.
        id: String,
    },
    /// The term to change is not curated.
    #[error("{zh} is not in {}", path.display())]
    NotCurated {
        /// The Chinese term.
        zh: String,
        /// The curated glossary.
        path: PathBuf,
    },
    /// No row of the term has that English.
    #[error("{zh} has no row with the English {en:?}")]
    NoSuchRow {
        /// The Chinese term.
        zh: String,
        /// The English given.
        en: String,
    },
    /// Several rows, none preferred: which one to change is not clear.
    #[error("{zh} has {rows} rows and none is preferred")]
    NoPreferredRow {
        /// The Chinese term.
        zh: String,
        /// How many rows it has.
        rows: usize,
    },
    /// The change asks for nothing.
    #[error("nothing to change")]
    NothingToChange,
    /// Only candidates are rejected; a curated term is deprecated instead.
    #[error("{zh} is a curated term (line {line}: {en:?}, {status}): reject only candidates")]
    RejectCurated {
        /// The Chinese term.
        zh: String,
        /// Its English.
        en: String,
        /// Its line.
        line: u64,
        /// Its status.
        status: Status,
    },
}

/// Adds a zh/en pair; returns a sentence saying what was done.
pub fn add(curated: &mut Curated, addition: &Addition) -> Result<String> {
    let zh = normalize_zh(&addition.zh)?;
    let en = addition.en.trim();
    if en.is_empty() {
        return Err(EditError::EmptyEnglish.into());
    }
    let existing = rows_of(curated, &zh);
    for &i in &existing {
        let row = &curated.rows[i];
        if curated.cell(row, "en") == en {
            return Err(EditError::AlreadyCurated {
                zh,
                en: en.to_string(),
                path: curated.path.clone(),
                line: row.line,
            }
            .into());
        }
        if status_of(curated, i) == Status::Rejected {
            return Err(EditError::Rejected {
                zh,
                en: en.to_string(),
                line: row.line,
            }
            .into());
        }
    }
    let preferred = existing
        .iter()
        .copied()
        .find(|&i| status_of(curated, i) == Status::Preferred);
    let status = match (addition.status, preferred) {
        (Some(Status::Preferred), Some(p)) => {
            let row = &curated.rows[p];
            return Err(EditError::PreferredTaken {
                zh,
                en: curated.cell(row, "en").to_string(),
                line: row.line,
            }
            .into());
        }
        (Some(s), _) => s,
        (None, Some(_)) => Status::Admitted,
        (None, None) => Status::Preferred,
    };
    let (id, after, verb) = match existing.last() {
        Some(&last) => (
            curated.cell(&curated.rows[last], "id").to_string(),
            Some(last),
            "added an English alternate to",
        ),
        None => (
            addition.id.clone().unwrap_or_else(|| curated.next_id()),
            None,
            "added the new concept",
        ),
    };
    if after.is_none() && curated.rows.iter().any(|r| curated.cell(r, "id") == id) {
        return Err(EditError::IdTaken { id }.into());
    }
    let mut values: Vec<(&str, &str)> = vec![
        ("id", &id),
        ("zh", &zh),
        ("en", en),
        ("status", status.name()),
        ("date", &addition.date),
    ];
    values.extend(addition.cells.iter().map(|(k, v)| (k.as_str(), v.as_str())));
    keep_columns(curated, &mut values);
    curated.insert_row(&values, after);
    revalidate(curated)?;
    Ok(format!("{verb} {id}: {zh} = {en} ({status})"))
}

/// Changes a row; returns a sentence saying what was done.
pub fn set(curated: &mut Curated, change: &Change) -> Result<String> {
    let zh = normalize_zh(&change.zh)?;
    let rows = rows_of(curated, &zh);
    if rows.is_empty() {
        return Err(EditError::NotCurated {
            zh,
            path: curated.path.clone(),
        }
        .into());
    }
    let target = match &change.row_en {
        Some(en) => rows
            .iter()
            .copied()
            .find(|&i| curated.cell(&curated.rows[i], "en") == en.trim())
            .ok_or_else(|| EditError::NoSuchRow {
                zh: zh.clone(),
                en: en.trim().to_string(),
            })?,
        None if rows.len() == 1 => rows[0],
        None => rows
            .iter()
            .copied()
            .find(|&i| status_of(curated, i) == Status::Preferred)
            .ok_or_else(|| EditError::NoPreferredRow {
                zh: zh.clone(),
                rows: rows.len(),
            })?,
    };
    let mut said = Vec::new();
    if let Some(en) = &change.en {
        curated.set_cell(target, "en", en.trim());
        said.push(format!("English {:?}", en.trim()));
    }
    if let Some(status) = change.status {
        if status == Status::Preferred {
            // One preferred rendering per term: the old one steps down.
            for &i in rows.iter().filter(|&&i| i != target) {
                if status_of(curated, i) == Status::Preferred {
                    curated.set_cell(i, "status", Status::Admitted.name());
                    said.push(format!(
                        "{:?} now admitted",
                        curated.cell(&curated.rows[i], "en")
                    ));
                }
            }
        }
        curated.set_cell(target, "status", status.name());
        said.push(format!("status {status}"));
    }
    for (column, value) in &change.cells {
        curated.set_cell(target, column, value);
        said.push(format!("{column} {value:?}"));
    }
    if said.is_empty() {
        return Err(EditError::NothingToChange.into());
    }
    if curated.has_column("date") {
        curated.set_cell(target, "date", &change.date);
    }
    revalidate(curated)?;
    Ok(format!("{zh}: {}", said.join(", ")))
}

/// Marks a candidate as not a term; returns a sentence saying what was done.
pub fn reject(curated: &mut Curated, zh: &str, note: Option<&str>, date: &str) -> Result<String> {
    let zh = normalize_zh(zh)?;
    let rows = rows_of(curated, &zh);
    if let Some(&i) = rows
        .iter()
        .find(|&&i| status_of(curated, i) != Status::Rejected)
    {
        let row = &curated.rows[i];
        return Err(EditError::RejectCurated {
            en: curated.cell(row, "en").to_string(),
            line: row.line,
            status: status_of(curated, i),
            zh,
        }
        .into());
    }
    if let Some(&i) = rows.first() {
        return Ok(format!(
            "{zh} is already rejected (line {})",
            curated.rows[i].line
        ));
    }
    let id = curated.next_id();
    let mut values = vec![
        ("id", id.as_str()),
        ("zh", zh.as_str()),
        ("status", Status::Rejected.name()),
        ("date", date),
    ];
    if let Some(note) = note {
        values.push(("note", note));
    }
    keep_columns(curated, &mut values);
    curated.insert_row(&values, None);
    revalidate(curated)?;
    Ok(format!(
        "rejected {zh} ({id}): it will not be proposed again"
    ))
}

/// Why rejecting a term covers another candidate.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Cover {
    /// A part of the term that the corpus holds only inside it: it was a candidate only
    /// because the term's occurrences made it one.
    Fragment,
    /// A longer candidate that begins or ends with the term: one of the term's edges, usually
    /// the one that made it wrong, is still one of its edges.
    Superset,
}

impl Cover {
    /// Its name, as printed and written in notes.
    pub fn name(self) -> &'static str {
        match self {
            Cover::Fragment => "fragment",
            Cover::Superset => "superset",
        }
    }
}

impl std::fmt::Display for Cover {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.name())
    }
}

/// A candidate that a rejection covers, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CoveredForm {
    /// The candidate's Chinese.
    pub zh: String,
    /// Why the rejection covers it.
    pub cover: Cover,
}

/// The candidates, among `(zh, total)` pairs, that rejecting `term` (occurring `total` times)
/// covers: each fragment of the term that never occurs outside it (at most `total` times for
/// each time it fits, without overlap, inside the term), and each longer candidate that begins
/// or ends with the term. A candidate holding the term strictly inside is not covered: its
/// edges are other words. Fragments first, then supersets, each in code point order.
pub fn covered_forms<'a>(
    term: &str,
    total: u64,
    candidates: impl IntoIterator<Item = (&'a str, u64)>,
) -> Vec<CoveredForm> {
    let mut covered: Vec<CoveredForm> = candidates
        .into_iter()
        .filter_map(|(zh, count)| {
            let cover = cover_of(term, total, zh, count)?;
            Some(CoveredForm {
                zh: zh.to_string(),
                cover,
            })
        })
        .collect();
    covered.sort_by(|a, b| (a.cover, &a.zh).cmp(&(b.cover, &b.zh)));
    covered.dedup();
    covered
}

fn cover_of(term: &str, total: u64, zh: &str, count: u64) -> Option<Cover> {
    if zh.is_empty() || zh.len() == term.len() {
        return None;
    }
    if zh.len() < term.len() {
        // `matches` counts without overlap: 于斯 fits twice in 生于斯、长于斯.
        let inside = term.matches(zh).count() as u64;
        (inside > 0 && count <= total.saturating_mul(inside)).then_some(Cover::Fragment)
    } else {
        (zh.starts_with(term) || zh.ends_with(term)).then_some(Cover::Superset)
    }
}

/// The candidates of a built glossary that rejecting `zh` (normalised) covers, by
/// [`covered_forms`]. The term's count is that of its candidate row. A term the build holds as
/// no candidate (not found, or rejected already: a build counts no rejected term) counts 0, so
/// that no fragment is covered on a guess; its supersets still are.
pub fn forms_covered_in(built: &Glossary, zh: &str) -> Vec<CoveredForm> {
    let candidates = || {
        built
            .rows
            .iter()
            .filter(|r| r.status() == RowStatus::Candidate)
            .map(|r| (r.zh.as_str(), r.total))
    };
    let total = candidates()
        .filter(|&(form, _)| form == zh)
        .map(|(_, total)| total)
        .max()
        .unwrap_or(0);
    covered_forms(zh, total, candidates())
}

/// What [`reject_with_forms`] did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rejection {
    /// The sentence about the term itself, as [`reject`] says it.
    pub said: String,
    /// The forms rejected with it, each in a row of its own.
    pub forms: Vec<CoveredForm>,
}

/// Rejects `zh` as [`reject`] does and, with it, the candidates of the last build (`built`)
/// that its rejection covers ([`forms_covered_in`]), each in a rejected row of its own whose
/// note names the rejection that covered it. A form the curated file holds already (curated
/// or rejected since that build) is left as it is: only candidates are rejected this way.
pub fn reject_with_forms(
    curated: &mut Curated,
    built: &Glossary,
    zh: &str,
    note: Option<&str>,
    date: &str,
) -> Result<Rejection> {
    let said = reject(curated, zh, note, date)?;
    let zh = normalize_zh(zh)?;
    let forms: Vec<CoveredForm> = forms_covered_in(built, &zh)
        .into_iter()
        .filter(|form| rows_of(curated, &form.zh).is_empty())
        .collect();
    for form in &forms {
        let note = format!("covered by the rejection of {zh} ({})", form.cover);
        reject(curated, &form.zh, Some(&note), date)?;
    }
    Ok(Rejection { said, forms })
}

/// Today's date, `YYYY-MM-DD` (UTC).
pub fn today() -> String {
    let days = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs() / 86_400) as i64;
    let (y, m, d) = civil_from_days(days);
    format!("{y:04}-{m:02}-{d:02}")
}

/// The proleptic Gregorian date of a day count since 1970-01-01 (Howard Hinnant's algorithm).
fn civil_from_days(days: i64) -> (i64, u32, u32) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    let y = yoe + era * 400 + i64::from(m <= 2);
    (y, m, d)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::Path;

    fn glossary() -> Curated {
        Curated::parse(
            Path::new("curated.csv"),
            "id,zh,en,status,note\nc0001,上海精神,Shanghai Spirit,preferred,\nc0002,命运共同体,community with a shared future,preferred,\n".as_bytes(),
        )
        .unwrap()
    }

    fn addition(zh: &str, en: &str, status: Option<Status>) -> Addition {
        Addition {
            zh: zh.into(),
            en: en.into(),
            status,
            date: "2026-11-22".into(),
            ..Addition::default()
        }
    }

    #[test]
    fn add_creates_a_concept_or_an_alternate() {
        let mut g = glossary();
        let said = add(
            &mut g,
            &addition("中国-中亚峰会", "China-Central Asia Summit", None),
        )
        .unwrap();
        assert_eq!(
            said,
            "added the new concept c0003: 中国—中亚峰会 = China-Central Asia Summit (preferred)"
        );
        let said = add(
            &mut g,
            &addition("命运共同体", "community of shared future", None),
        )
        .unwrap();
        assert!(said.contains("alternate to c0002"), "{said}");
        assert_eq!(g.entries()[2].status, Status::Admitted);
        assert_eq!(g.entries()[2].id, "c0002", "stands with its concept");
    }

    #[test]
    fn add_refuses_a_second_preferred_and_a_duplicate() {
        let mut g = glossary();
        let err = add(
            &mut g,
            &addition("上海精神", "spirit of Shanghai", Some(Status::Preferred)),
        )
        .unwrap_err();
        assert!(
            err.to_string()
                .starts_with("clash: line 2 already gives 上海精神 the preferred rendering"),
            "{err}"
        );
        let err = add(&mut g, &addition("上海精神", "Shanghai Spirit", None)).unwrap_err();
        assert!(
            err.to_string().contains("already in curated.csv (line 2)"),
            "{err}"
        );
        assert_eq!(g, glossary(), "nothing changed");
    }

    #[test]
    fn set_moves_the_preferred_rendering() {
        let mut g = glossary();
        add(
            &mut g,
            &addition(
                "命运共同体",
                "community of common destiny",
                Some(Status::Deprecated),
            ),
        )
        .unwrap();
        let change = Change {
            zh: "命运共同体".into(),
            row_en: Some("community of common destiny".into()),
            status: Some(Status::Preferred),
            date: "2026-11-22".into(),
            ..Change::default()
        };
        set(&mut g, &change).unwrap();
        let e = g.entries();
        assert_eq!(
            (e[1].status, e[2].status),
            (Status::Admitted, Status::Preferred)
        );
        assert!(g.conflicts().is_empty());
    }

    #[test]
    fn reject_only_candidates() {
        let mut g = glossary();
        assert!(reject(&mut g, "上海精神", None, "2026-11-22").is_err());
        let said = reject(&mut g, "朋友圈", Some("ordinary word"), "2026-11-22").unwrap();
        assert_eq!(
            said,
            "rejected 朋友圈 (c0003): it will not be proposed again"
        );
        assert_eq!(g.entries()[2].status, Status::Rejected);
        assert!(
            reject(&mut g, "朋友圈", None, "2026-11-22")
                .unwrap()
                .contains("already rejected")
        );
    }

    fn zh_of(forms: &[CoveredForm]) -> Vec<(&str, Cover)> {
        forms.iter().map(|f| (f.zh.as_str(), f.cover)).collect()
    }

    #[test]
    fn a_fragment_is_covered_only_when_it_never_occurs_outside_the_term() {
        // 于斯 fits twice in the term, which occurs twice: four times at most, all inside.
        let candidates = [("于斯", 4), ("长于", 2), ("生于", 3)];
        assert_eq!(
            zh_of(&covered_forms("生于斯、长于斯", 2, candidates)),
            [("于斯", Cover::Fragment), ("长于", Cover::Fragment)]
        );
        // 国际法 occurs elsewhere too: it stands on its own.
        let candidates = [("国际法", 15), ("公认的", 9)];
        assert_eq!(
            zh_of(&covered_forms("公认的国际法", 9, candidates)),
            [("公认的", Cover::Fragment)]
        );
    }

    #[test]
    fn a_superset_is_covered_only_with_the_term_at_an_edge() {
        let candidates = [
            ("解决国际争端", 3),
            ("和平解决国际", 2),
            ("和平解决国际争端", 2),
            ("解决国际", 4),
            ("国际", 40),
        ];
        assert_eq!(
            zh_of(&covered_forms("解决国际", 4, candidates)),
            [
                ("和平解决国际", Cover::Superset),
                ("解决国际争端", Cover::Superset)
            ],
            "the term itself, a form with the term inside and a common fragment are not covered"
        );
    }

    #[test]
    fn an_unknown_count_covers_no_fragment() {
        assert_eq!(
            zh_of(&covered_forms(
                "方向发展",
                0,
                [("发展", 1), ("的方向发展", 1)]
            )),
            [("的方向发展", Cover::Superset)]
        );
    }

    fn built(rows: &[(&str, Option<RowStatus>, u64)]) -> Glossary {
        Glossary {
            rows: rows
                .iter()
                .map(|&(zh, status, total)| super::super::merged::Row {
                    zh: zh.into(),
                    status,
                    total,
                    ..Default::default()
                })
                .collect(),
        }
    }

    #[test]
    fn reject_with_forms_writes_a_row_for_each_candidate_covered() {
        let mut g = glossary();
        let built = built(&[
            ("上海精神", Some(RowStatus::Curated(Status::Preferred)), 5),
            ("方向发展", Some(RowStatus::Candidate), 6),
            ("向发展", Some(RowStatus::Candidate), 6),
            ("的方向发展", Some(RowStatus::Candidate), 4),
            ("朝方向发展上", Some(RowStatus::Candidate), 1),
        ]);
        let done =
            reject_with_forms(&mut g, &built, "方向发展", Some("bad edge"), "2026-11-22").unwrap();
        assert_eq!(
            zh_of(&done.forms),
            [("向发展", Cover::Fragment), ("的方向发展", Cover::Superset)]
        );
        let e = g.entries();
        assert_eq!(
            e[2..]
                .iter()
                .map(|e| (e.zh.as_str(), e.status, e.note))
                .collect::<Vec<_>>(),
            [
                ("方向发展", Status::Rejected, "bad edge"),
                (
                    "向发展",
                    Status::Rejected,
                    "covered by the rejection of 方向发展 (fragment)"
                ),
                (
                    "的方向发展",
                    Status::Rejected,
                    "covered by the rejection of 方向发展 (superset)"
                ),
            ]
        );
        // Again: the term is rejected already, its forms are no longer candidates of the
        // curated file, and nothing more is written.
        let before = g.clone();
        let again = reject_with_forms(&mut g, &built, "方向发展", None, "2026-11-23").unwrap();
        assert!(again.said.contains("already rejected"), "{}", again.said);
        assert!(again.forms.is_empty());
        assert_eq!(g, before);
    }

    #[test]
    fn reject_with_forms_never_rejects_a_curated_term() {
        let mut g = glossary();
        // The build is older than the curated file: 上海精神 was a candidate then.
        let built = built(&[
            ("上海", Some(RowStatus::Candidate), 5),
            ("上海精神", Some(RowStatus::Candidate), 5),
        ]);
        let done = reject_with_forms(&mut g, &built, "上海", None, "2026-11-22").unwrap();
        assert!(done.forms.is_empty());
        assert_eq!(g.entries()[0].status, Status::Preferred);
        assert!(reject_with_forms(&mut g, &built, "上海精神", None, "2026-11-22").is_err());
    }

    #[test]
    fn empty_and_punctuation_terms_are_refused() {
        assert!(normalize_zh("  ").is_err());
        assert!(normalize_zh("，。").is_err());
    }

    #[test]
    fn civil_dates() {
        assert_eq!(civil_from_days(0), (1970, 1, 1));
        assert_eq!(civil_from_days(20_414), (2025, 11, 22));
        assert_eq!(civil_from_days(11_016), (2000, 2, 29));
    }
}
