//! `glossary import`: termbases from other tools merged into the curated glossary.
//!
//! The fixtures in `tests/fixtures/import/` are written in the shapes other tools write: a
//! memoQ-style CSV export (BOM, CRLF, semicolons, `Chinese_PRC`), a tab-separated termbase with
//! concept ids, and a header in another language.
//!
//! See: issue 17 (import what translators already have).

use crate::util::{TestDir, project_root};

const CURATED: &str = "id,zh,en,status,note,source,date\n\
c0001,上海精神,Shanghai Spirit,preferred,,,\n\
c0002,三股势力,three evil forces,preferred,,,\n\
c0003,合作项目,,rejected,,,\n\
c0004,上海合作组织,Shanghai Cooperation Organization,preferred,,,\n";

fn project(name: &str) -> TestDir {
    let dir = TestDir::new(name);
    dir.write("glossary/curated.csv", CURATED);
    dir
}

fn fixture(name: &str) -> String {
    project_root()
        .join("tests/fixtures/import")
        .join(name)
        .to_str()
        .unwrap()
        .to_string()
}

fn curated(dir: &TestDir) -> String {
    String::from_utf8(std::fs::read(dir.path("glossary/curated.csv")).unwrap()).unwrap()
}

#[test]
fn a_csv_export_is_merged_by_the_rules_and_a_conflict_is_reported() {
    let dir = project("import-csv");
    let run = dir.run(&["import", &fixture("memoq-export.csv")]);
    run.expect_code(0)
        .expect_stdout("5 pairs read: added 2 (2 new concepts), joined 0, conflicts 1, skipped 1 already curated, 0 rejected terms, 1 incomplete rows")
        .expect_stdout("CONFLICT 三股势力 = three forces")
        .expect_stdout("the preferred is \"three evil forces\" (line 3)");
    let text = curated(&dir);
    let lines: Vec<&str> = text.lines().collect();
    // Every curated row is kept, in its order; the new ones stand with their concept.
    let old: Vec<&str> = CURATED.lines().collect();
    assert_eq!(lines[..3], old[..3]);
    assert!(
        lines[3].starts_with(
            "c0002,三股势力,three forces,admitted,shorter form used by some agencies,imported from memoq-export.csv,"
        ),
        "{text}"
    );
    assert_eq!(lines[4..6], old[3..5]);
    assert!(
        lines[6].starts_with("c0005,上合组织,SCO,admitted,"),
        "{text}"
    );
    assert!(
        lines[7].starts_with("c0006,小院高墙,\"small yard, high fence\",preferred,"),
        "{text}"
    );
    assert_eq!(lines.len(), 8, "{text}");
    // Importing again adds nothing and leaves the file as it is.
    let again = dir.run(&["import", &fixture("memoq-export.csv")]);
    again.expect_code(0).expect_stdout("added 0");
    assert_eq!(curated(&dir), text);
}

#[test]
fn a_termbase_with_concept_ids_joins_variants_to_their_concept() {
    let dir = project("import-tsv");
    let dry = dir.run(&["import", "--dry-run", &fixture("termbase.tsv")]);
    dry.expect_code(0)
        .expect_stdout("dry run, nothing written")
        .expect_stdout("join    上合组织 = SCO (preferred, concept c0004)")
        .expect_stdout(
            "add     全球文明倡议 = Global Civilization Initiative (preferred, new concept c0005)",
        )
        .expect_stdout("join    全球文明倡议 = GCI (admitted, concept c0005)");
    assert_eq!(curated(&dir), CURATED);
    dir.run(&["import", &fixture("termbase.tsv")])
        .expect_code(0);
    let text = curated(&dir);
    let lines: Vec<&str> = text.lines().collect();
    assert!(
        lines[5].starts_with("c0004,上合组织,SCO,preferred,,imported from termbase.tsv,"),
        "{text}"
    );
    assert!(
        lines[7].starts_with("c0005,全球文明倡议,GCI,admitted,"),
        "{text}"
    );
    // The result is a curated glossary a build reads.
    dir.write(
        "seeds/a.txt",
        "上合组织和全球文明倡议。上合组织和全球文明倡议。\n",
    );
    dir.run(&["build", "--corpus", "seeds"]).expect_code(0);
    dir.run(&["lookup", "上合组织"])
        .expect_code(0)
        .expect_stdout("上海合作组织");
}

#[test]
fn a_header_it_cannot_map_is_an_error_that_names_the_flags_and_writes_nothing() {
    let dir = project("import-header");
    let run = dir.run(&["import", &fixture("german-header.csv")]);
    run.expect_code(2)
        .expect_stderr(
            "german-header.csv, line 1: no column for the Chinese term among: Begriff, Benennung",
        )
        .expect_stderr("--zh-column");
    assert_eq!(curated(&dir), CURATED);
    dir.run(&[
        "import",
        "--zh-column",
        "Begriff",
        "--en-column",
        "Benennung",
        &fixture("german-header.csv"),
    ])
    .expect_code(0)
    .expect_stdout("added 1");
    assert!(
        curated(&dir)
            .contains("和平共处五项原则,Five Principles of Peaceful Coexistence,preferred")
    );
}

#[test]
fn a_bad_file_among_several_leaves_the_glossary_untouched() {
    let dir = project("import-atomic");
    dir.write("bad.csv", "zh,en,status\n三股势力,three evils,maybe\n");
    let run = dir.run(&["import", &fixture("memoq-export.csv"), "bad.csv"]);
    run.expect_code(2)
        .expect_stderr("bad.csv, line 2: status \"maybe\"");
    assert_eq!(curated(&dir), CURATED);
    dir.write("terms.xlsx", "not a workbook");
    dir.run(&["import", "terms.xlsx"])
        .expect_code(2)
        .expect_stderr("terms.xlsx: cannot read the workbook");
    dir.write("terms.docx", "not a termbase");
    dir.run(&["import", "terms.docx"])
        .expect_code(2)
        .expect_stderr("cannot import a .docx file");
    assert_eq!(curated(&dir), CURATED);
}

/// The concepts of a curated file: for each id, its Chinese terms and its English terms
/// (rows with English, not rejected).
fn concepts(curated_csv: &str) -> std::collections::BTreeSet<(Vec<String>, Vec<String>)> {
    let mut reader = csv::Reader::from_reader(curated_csv.as_bytes());
    let header = reader.headers().unwrap().clone();
    let col = |name: &str| header.iter().position(|h| h == name).unwrap();
    let mut by_id: std::collections::BTreeMap<String, (Vec<String>, Vec<String>)> =
        Default::default();
    for r in reader.records().map(|r| r.unwrap()) {
        if r[col("en")].is_empty() || &r[col("status")] == "rejected" {
            continue;
        }
        let entry = by_id.entry(r[col("id")].to_string()).or_default();
        entry.0.push(r[col("zh")].to_string());
        entry.1.push(r[col("en")].to_string());
    }
    by_id
        .into_values()
        .map(|(mut zh, mut en)| {
            zh.sort();
            zh.dedup();
            en.sort();
            en.dedup();
            (zh, en)
        })
        .collect()
}

#[test]
fn our_own_tbx_exports_import_back_to_the_same_concepts() {
    let dir = crate::util::seed_project("import-round-trip");
    dir.run(&["build"]).expect_code(0);
    for format in ["tbx", "tbx3"] {
        let file = format!("out.{format}.tbx");
        dir.run(&["export", "--format", format, "-o", &file])
            .expect_code(0);
        let empty = TestDir::new("import-round-trip-empty");
        // A TBX concept does not say which Chinese form each English term goes with: where
        // two forms had different preferred renderings (元首理事会 and its full name), the
        // second is imported as admitted and reported.
        let run = empty.run(&["import", dir.path(&file).to_str().unwrap()]);
        run.expect_code(0)
            .expect_stdout("CONFLICT 元首理事会 = Council of Heads of State");
        let original =
            concepts(&std::fs::read_to_string(dir.path("glossary/curated.csv")).unwrap());
        let imported = concepts(&curated(&empty));
        assert_eq!(imported, original, "{format}");
        assert!(curated(&empty).contains(",三股势力,three evil forces,preferred,"));
    }
}

#[test]
#[ignore = "needs translate-toolkit's csv2tbx (../shared/formats/setup.sh)"]
fn a_tbx_written_by_translate_toolkit_is_imported() {
    let venv = std::env::var("FMT_VENV")
        .unwrap_or_else(|_| format!("{}/.cache/fmt-bench-venv", std::env::var("HOME").unwrap()));
    let csv2tbx = std::path::Path::new(&venv).join("bin/csv2tbx");
    assert!(csv2tbx.is_file(), "{} not found", csv2tbx.display());
    let dir = project("import-csv2tbx");
    dir.write(
        "terms.csv",
        "\"source\",\"target\"\n\"上海精神\",\"Shanghai Spirit\"\n\"小院高墙\",\"small yard, high fence\"\n\"全球文明倡议\",\"Global Civilization Initiative\"\n",
    );
    let status = std::process::Command::new(&csv2tbx)
        .arg(dir.path("terms.csv"))
        .arg(dir.path("terms.tbx"))
        .status()
        .unwrap();
    assert!(status.success());
    // csv2tbx tags the Chinese `en` and the English `xx`: the import reads them by script.
    let tbx = std::fs::read_to_string(dir.path("terms.tbx")).unwrap();
    assert!(tbx.contains("xml:lang=\"xx\""), "{tbx}");
    dir.run(&["import", "terms.tbx"])
        .expect_code(0)
        .expect_stdout("3 pairs read: added 2 (2 new concepts), joined 0, conflicts 0, skipped 1 already curated");
    let text = curated(&dir);
    assert!(
        text.contains(
            "c0005,小院高墙,\"small yard, high fence\",preferred,,imported from terms.tbx,"
        ),
        "{text}"
    );
    assert!(
        text.contains("c0006,全球文明倡议,Global Civilization Initiative,preferred,"),
        "{text}"
    );
}

/// A seed project, built, with its review workbook exported to `review.xlsx`.
fn seed_review_workbook(name: &str) -> TestDir {
    let dir = crate::util::seed_project(name);
    dir.run(&["build"]).expect_code(0);
    dir.run(&["export", "--format", "xlsx", "-o", "review.xlsx"])
        .expect_code(0);
    dir
}

/// The Python of the export validators' venv (../shared/formats/setup.sh), where openpyxl is.
fn venv_python() -> std::path::PathBuf {
    let venv = std::env::var("FMT_VENV")
        .unwrap_or_else(|_| format!("{}/.cache/fmt-bench-venv", std::env::var("HOME").unwrap()));
    std::path::Path::new(&venv).join("bin/python")
}

#[test]
fn the_review_sheet_shows_two_contexts_from_different_documents() {
    use calamine::{Reader, Xlsx, open_workbook};
    let dir = seed_review_workbook("export-review-contexts");
    let mut book: Xlsx<_> = open_workbook(dir.path("review.xlsx")).unwrap();
    let sheet = book.worksheet_range("review").unwrap();
    let mut rows = sheet.rows();
    let header: Vec<String> = rows.next().unwrap().iter().map(|c| c.to_string()).collect();
    let col = |name: &str| header.iter().position(|h| h == name).unwrap();
    let (first, second) = (col("context 1"), col("context 2"));
    let rows: Vec<Vec<String>> = rows
        .map(|r| r.iter().map(|c| c.to_string()).collect())
        .collect();
    // A context ends with where it is from: "— DOCUMENT, YEAR".
    let source = |cell: &str| cell.rsplit_once("— ").map(|(_, s)| s.to_string());
    let both = rows
        .iter()
        .filter(|r| source(&r[first]).is_some() && source(&r[second]).is_some())
        .count();
    assert!(both * 10 >= rows.len() * 9, "{both} of {}", rows.len());
    // The top candidate, 中国, is in every document: its two contexts come from two of them.
    let top = &rows[0];
    assert!(top[first].contains("【中国】"), "{top:?}");
    assert_ne!(source(&top[first]), source(&top[second]), "{top:?}");
}

#[test]
fn a_review_workbook_left_undecided_changes_nothing() {
    let dir = seed_review_workbook("import-review-undecided");
    let before = curated(&dir);
    dir.run(&["import", "review.xlsx"])
        .expect_code(0)
        .expect_stdout("0 pairs read");
    assert_eq!(curated(&dir), before);
    // The glossary sheet, named, holds the curated pairs: all there already.
    dir.run(&["import", "--sheet", "glossary", "review.xlsx"])
        .expect_code(0)
        .expect_stdout("added 0 (0 new concepts), joined 0, conflicts 0");
    dir.run(&["import", "--sheet", "Sheet9", "review.xlsx"])
        .expect_code(2)
        .expect_stderr("no sheet named \"Sheet9\" among: glossary, review");
}

#[test]
#[ignore = "needs openpyxl in the venv of ../shared/formats/setup.sh (.ci/run installs it)"]
fn the_review_loop_goes_through_a_spreadsheet_and_back() {
    let python = venv_python();
    assert!(python.is_file(), "{} not found", python.display());
    let dir = seed_review_workbook("import-review-loop");
    // A reviewer in a spreadsheet: accepts the first candidate as proposed, gives 朋友圈 its
    // English and accepts it, rejects the next candidate after the first, leaves the rest, and
    // saves.
    let script = r#"
import sys, openpyxl
wb = openpyxl.load_workbook(sys.argv[1])
ws = wb["review"]
head = [c.value for c in ws[1]]
zh, en, decision = (head.index(n) + 1 for n in ("zh", "en", "decision"))
dv = ws.data_validations.dataValidation[0]
assert dv.formula1 == '"accept,reject"', dv.formula1
assert ws.freeze_panes == "A2"
friends = next(r for r in range(2, ws.max_row + 1) if ws.cell(row=r, column=zh).value == "朋友圈")
rejected = next(r for r in range(3, ws.max_row + 1) if r != friends)
ws.cell(row=2, column=decision).value = "accept"
ws.cell(row=friends, column=en).value = "circle of friends"
ws.cell(row=friends, column=decision).value = "accept"
ws.cell(row=rejected, column=decision).value = "reject"
wb.save(sys.argv[2])
print("\n".join(ws.cell(row=r, column=zh).value for r in (2, friends, rejected)))
"#;
    let out = std::process::Command::new(&python)
        .arg("-c")
        .arg(script)
        .arg(dir.path("review.xlsx"))
        .arg(dir.path("reviewed.xlsx"))
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let names: Vec<String> = String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(String::from)
        .collect();
    assert_eq!(names[..2], ["中国", "朋友圈"]);
    assert_ne!(names[2], "朋友圈");
    let run = dir.run(&["import", "reviewed.xlsx"]);
    run.expect_code(0)
        .expect_stdout("3 pairs read: added 2 (2 new concepts)")
        .expect_stdout("rejected in review 1");
    let text = curated(&dir);
    assert!(text.contains(",中国,China,preferred,"), "{run}");
    assert!(
        text.contains(",朋友圈,circle of friends,preferred,"),
        "{run}"
    );
    assert!(
        text.contains(&format!(",{},,rejected,", names[2])),
        "{text}"
    );
    // The next build knows: the accepted are curated, the rejected is no candidate.
    dir.run(&["build"]).expect_code(0);
    dir.run(&["lookup", "朋友圈"])
        .expect_code(0)
        .expect_stdout("circle of friends");
    let glossary = std::fs::read_to_string(dir.path("glossary/glossary.csv")).unwrap();
    assert!(!glossary.contains(&format!(",{},,candidate,", names[2])));
}
