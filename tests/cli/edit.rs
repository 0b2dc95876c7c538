//! `glossary add`, `set`, `reject`: safe edits of the curated file.

use crate::util::TestDir;

const CURATED: &str = "id,zh,en,status,note,reviewer\n\
c0001,上海精神,Shanghai Spirit,preferred,capitalise both words,ana\n\
c0002,三股势力,three evil forces,preferred,,li\n";

fn project(name: &str, curated: &str) -> TestDir {
    let dir = TestDir::new(name);
    dir.write("glossary/curated.csv", curated);
    dir
}

fn curated(dir: &TestDir) -> String {
    let bytes = std::fs::read(dir.path("glossary/curated.csv")).unwrap();
    String::from_utf8(bytes).unwrap()
}

#[test]
fn add_appends_a_concept_and_keeps_rows_and_unknown_columns() {
    let dir = project("edit-add", CURATED);
    let run = dir.run(&[
        "add",
        "小院高墙",
        "--en",
        "small yard, high fence",
        "--note",
        "keep the quotes",
    ]);
    run.expect_code(0);
    assert!(run.stdout().contains("c0003"), "{run}");
    let text = curated(&dir);
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines[..3], CURATED.lines().collect::<Vec<_>>()[..]);
    assert!(
        lines[3] == "c0003,小院高墙,\"small yard, high fence\",preferred,keep the quotes,",
        "{text}"
    );
    assert!(!text.contains('\r') && !text.starts_with('\u{feff}'));
}

#[test]
fn a_new_english_for_a_curated_term_joins_its_concept_as_admitted() {
    let dir = project("edit-add-alternate", CURATED);
    dir.run(&["add", "三股势力", "--en", "three evils"])
        .expect_code(0);
    let text = curated(&dir);
    let lines: Vec<&str> = text.lines().collect();
    assert!(
        lines[3].starts_with("c0002,三股势力,three evils,admitted"),
        "{text}"
    );
}

#[test]
fn a_clash_is_an_error_and_the_file_is_untouched() {
    let dir = project("edit-clash", CURATED);
    let run = dir.run(&["add", "上海精神", "--en", "Shanghai Spirit"]);
    run.expect_code(2).expect_stderr("上海精神");
    assert_eq!(curated(&dir), CURATED);
    let run = dir.run(&["reject", "上海精神"]);
    run.expect_code(2).expect_stderr("is a curated term");
    assert_eq!(curated(&dir), CURATED);
    let run = dir.run(&[
        "set",
        "命运共同体",
        "--en",
        "community with a shared future",
    ]);
    run.expect_code(2).expect_stderr("glossary add");
    assert_eq!(curated(&dir), CURATED);
}

#[test]
fn set_changes_one_row_and_a_new_preferred_demotes_the_old_one() {
    let dir = project("edit-set", CURATED);
    dir.run(&["add", "三股势力", "--en", "three evils"])
        .expect_code(0);
    dir.run(&[
        "set",
        "三股势力",
        "--row-en",
        "three evils",
        "--status",
        "preferred",
    ])
    .expect_code(0);
    let text = curated(&dir);
    assert!(
        text.contains("c0002,三股势力,three evil forces,admitted"),
        "{text}"
    );
    assert!(
        text.contains("c0002,三股势力,three evils,preferred"),
        "{text}"
    );
}

#[test]
fn reject_records_a_candidate_that_is_not_a_term() {
    let dir = project("edit-reject", CURATED);
    dir.run(&["reject", "各位同事", "--note", "form of address"])
        .expect_code(0);
    assert!(curated(&dir).contains("c0003,各位同事,,rejected,form of address,\n"));
    // Again: nothing to do, said so.
    let run = dir.run(&["reject", "各位同事"]);
    run.expect_code(0);
    assert!(run.stdout().contains("already rejected"), "{run}");
}

#[test]
fn excel_bom_and_crlf_are_read_and_written_back_plain() {
    let excel = format!("\u{feff}{}", CURATED.replace('\n', "\r\n"));
    let dir = project("edit-excel", &excel);
    dir.run(&["add", "全球南方", "--en", "Global South"])
        .expect_code(0);
    let text = curated(&dir);
    assert!(
        text.starts_with("id,zh,en,status,note,reviewer\n"),
        "{text:?}"
    );
    assert!(!text.contains('\r'));
    assert!(text.contains("c0001,上海精神,Shanghai Spirit,preferred,capitalise both words,ana\n"));
}

#[test]
fn a_broken_curated_file_is_never_rewritten() {
    let broken = "id,zh,en,status\nc1,上海精神,Shanghai Spirit,approved\n";
    let dir = project("edit-broken", broken);
    dir.run(&["add", "全球南方", "--en", "Global South"])
        .expect_code(2)
        .expect_stderr("line 2, column status");
    assert_eq!(curated(&dir), broken);
}

#[test]
fn the_first_add_creates_the_file() {
    let dir = TestDir::new("edit-create");
    dir.run(&["add", "上海精神", "--en", "Shanghai Spirit"])
        .expect_code(0);
    let text = curated(&dir);
    assert!(text.starts_with(
        "id,zh,en,status,pos,term_type,subject,definition,context_zh,context_en,note,source,date\n"
    ));
    assert!(text.contains("c0001,上海精神,Shanghai Spirit,preferred"));
}
