//! Translation memories as input: a `.tmx` file in the corpus folder or given with `--tm`.
//!
//! See: issue 15 (translation memories as input).

use std::path::Path;

use crate::util::{project_root, seed_project};

/// The fixture memory: three Chinese–English units (one Traditional, zh-TW) about 国际法,
/// which the seed pair never translates, and one unit without English.
fn fixture() -> Vec<u8> {
    std::fs::read(project_root().join("tests/fixtures/memory/law.tmx")).unwrap()
}

fn row<'a>(
    glossary: &'a [csv::StringRecord],
    header: &csv::StringRecord,
    zh: &str,
) -> &'a csv::StringRecord {
    let col = header.iter().position(|h| h == "zh").unwrap();
    glossary
        .iter()
        .find(|r| &r[col] == zh)
        .unwrap_or_else(|| panic!("no row for {zh}"))
}

fn read_glossary(path: &Path) -> (csv::StringRecord, Vec<csv::StringRecord>) {
    let mut reader = csv::Reader::from_path(path).unwrap();
    let header = reader.headers().unwrap().clone();
    let rows = reader.records().map(|r| r.unwrap()).collect();
    (header, rows)
}

#[test]
fn a_memory_in_the_corpus_feeds_the_translation_memory_and_the_proposals() {
    let dir = seed_project("memory-in-corpus");
    // Without the memory, the seed pair never shows how 国际法 is translated.
    dir.run(&["build"]).expect_code(0);
    let (header, rows) = read_glossary(&dir.path("glossary/glossary.csv"));
    let col = |name: &str| header.iter().position(|h| h == name).unwrap();
    assert_eq!(&row(&rows, &header, "国际法")[col("proposed_en")], "");

    dir.write("seeds/law.tmx", fixture());
    let run = dir.run(&["build", "--format", "json"]);
    run.expect_code(0);
    let report = run.json();
    assert_eq!(report["memories"], 1, "{run}");
    assert_eq!(report["memory_units"], 3, "{run}");
    assert_eq!(
        report["sentence_pairs"], 48,
        "the aligned pairs, counted apart"
    );
    let warning = report["problems"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["path"].as_str().unwrap().ends_with("law.tmx"))
        .expect("a warning for the unit without English");
    assert_eq!(warning["line"], 20);
    assert_eq!(warning["severity"], "warning");

    // The proposal only the memory supports, with its evidence.
    let (header, rows) = read_glossary(&dir.path("glossary/glossary.csv"));
    let col = |name: &str| header.iter().position(|h| h == name).unwrap();
    let law = row(&rows, &header, "国际法");
    assert_eq!(&law[col("proposed_en")], "international law");
    assert_eq!(
        &law[col("usage_evidence")],
        "2 of 3 aligned, 2 pairs, 1 document, 2023"
    );

    // Its units in memory.tmx, converted to Simplified, inline codes gone, with their origin.
    let tmx = std::fs::read_to_string(dir.path("glossary/memory.tmx")).unwrap();
    assert!(tmx.contains("<tu tuid=\"law.tmx#tu2\">"), "{tmx}");
    assert!(tmx.contains("<prop type=\"x-origin\">translation memory</prop>"));
    assert!(tmx.contains("<prop type=\"x-origin\">alignment</prop>"));
    assert!(
        tmx.contains("<seg>我们必须遵守国际法。</seg>"),
        "zh-TW converted"
    );
    assert!(
        tmx.contains("<seg>国际法是各国交往的基础。</seg>"),
        "the <ph> code dropped"
    );
    assert!(
        !tmx.contains("打击麻醉药品非法贩运"),
        "the unit without English stays out"
    );

    // The card shows the memory's pairs as the evidence.
    let card = dir.run(&["lookup", "国际法"]);
    card.expect_code(0).expect_stdout("【international law】");
    card.expect_stdout("— law.tmx, 2023");
}

#[test]
fn a_memory_given_with_tm_is_read_and_a_broken_one_is_reported_with_its_line() {
    let dir = seed_project("memory-flag");
    dir.write("elsewhere/law.tmx", fixture());
    let good = dir.path("elsewhere/law.tmx");
    let run = dir.run(&["build", "--format", "json", "--tm", good.to_str().unwrap()]);
    run.expect_code(0);
    assert_eq!(run.json()["memory_units"], 3);

    // Cut off in the middle: reported with its line, none of it used, the rest built.
    let text = String::from_utf8(fixture()).unwrap();
    let cut = &text[..text.find("<tu tuid=\"3\">").unwrap()];
    dir.write("seeds/broken.tmx", cut);
    let run = dir.run(&["build", "--format", "json"]);
    run.expect_code(2);
    let report = run.json();
    assert_eq!(report["memories"], 0, "{run}");
    let problem = report["problems"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["path"].as_str().unwrap().ends_with("broken.tmx"))
        .expect("the broken memory is reported");
    assert_eq!(problem["severity"], "error");
    assert!(problem["line"].as_u64().unwrap() >= 14, "{problem}");
    assert!(
        problem["message"]
            .as_str()
            .unwrap()
            .contains("none of its units is used"),
        "{problem}"
    );
    let tmx = std::fs::read_to_string(dir.path("glossary/memory.tmx")).unwrap();
    assert!(
        !tmx.contains("translation memory</prop>"),
        "nothing half-read"
    );
}
