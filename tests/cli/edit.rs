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

/// A corpus where 营造有利条件 stands in longer candidates (地区合作营造有利条件) and holds one
/// that occurs elsewhere too (有利条件, in 提供了有利条件).
const FORMS_A: &str = "各方同意为地区合作营造有利条件，推动区域经济一体化进程。\n\
我们愿为青年交流营造有利条件，加强人文合作。\n\
经济一体化进程为各国发展提供了有利条件。\n\
各方将为地区合作营造有利条件。\n";
const FORMS_B: &str = "成员国决心为贸易便利化营造有利条件。\n\
经济一体化进程不断深入，有利条件日益增多。\n\
推动经济一体化进程，为人文合作营造有利条件。\n";

/// The candidates of the last build in `dir/glossary`, read through the library's reader.
fn candidates(dir: &TestDir) -> Vec<String> {
    let built = glossary::glossary::merged::Glossary::read(&dir.path("glossary/glossary.csv"))
        .expect("a built glossary");
    built
        .rows
        .into_iter()
        .filter(|r| r.status() == glossary::glossary::merged::RowStatus::Candidate)
        .map(|r| r.zh)
        .collect()
}

#[test]
fn reject_with_forms_rejects_the_candidates_it_covers_for_good() {
    let dir = project("edit-reject-forms", CURATED);
    dir.write("corpus/a.txt", FORMS_A);
    dir.write("corpus/b.txt", FORMS_B);
    dir.run(&["build", "corpus"]).expect_code(0);
    let before = candidates(&dir);
    for form in [
        "营造有利条件",
        "合作营造有利条件",
        "地区合作营造有利条件",
        "有利条件",
    ] {
        assert!(before.iter().any(|c| c == form), "{form} in {before:?}");
    }

    let dry = dir.run(&["reject", "营造有利条件", "--with-forms", "--dry-run"]);
    dry.expect_code(0)
        .expect_stdout("also rejected 地区合作营造有利条件: superset");
    assert_eq!(curated(&dir), CURATED, "a dry run writes nothing");

    let run = dir.run(&[
        "reject",
        "营造有利条件",
        "--with-forms",
        "--note",
        "verb phrase",
    ]);
    run.expect_code(0)
        .expect_stdout("also rejected 合作营造有利条件: superset")
        .expect_stdout("also rejected 地区合作营造有利条件: superset");
    assert!(!run.stdout().contains("also rejected 有利条件"), "{run}");
    let text = curated(&dir);
    assert!(
        text.ends_with(
            "c0003,营造有利条件,,rejected,verb phrase,\n\
             c0004,合作营造有利条件,,rejected,covered by the rejection of 营造有利条件 (superset),\n\
             c0005,地区合作营造有利条件,,rejected,covered by the rejection of 营造有利条件 (superset),\n"
        ),
        "{text}"
    );

    dir.run(&["build", "corpus"]).expect_code(0);
    let after = candidates(&dir);
    for form in ["营造有利条件", "合作营造有利条件", "地区合作营造有利条件"]
    {
        assert!(!after.iter().any(|c| c == form), "{form} in {after:?}");
    }
    assert!(
        after.iter().any(|c| c == "有利条件"),
        "a fragment found elsewhere stays: {after:?}"
    );
}

#[test]
fn reject_with_forms_needs_a_build_and_writes_nothing_without_one() {
    let dir = project("edit-reject-forms-unbuilt", CURATED);
    dir.run(&["reject", "营造有利条件", "--with-forms"])
        .expect_code(2)
        .expect_stderr("run `glossary build` first");
    assert_eq!(curated(&dir), CURATED);
}
