//! Candidates that are forms of a curated concept are attached to it, not listed as new; a
//! candidate made of two curated parts gets composed English; quotation marks inside an
//! occurrence do not hide a term.
//!
//! See: issue 16 (linked to the curated glossary).

use crate::util::seed_project;

fn candidates(dir: &crate::util::TestDir) -> Vec<csv::StringRecord> {
    let mut reader = csv::Reader::from_path(dir.path("glossary/glossary.csv")).unwrap();
    let header = reader.headers().unwrap().clone();
    let status = header.iter().position(|h| h == "status").unwrap();
    reader
        .records()
        .map(|r| r.unwrap())
        .filter(|r| &r[status] == "candidate")
        .collect()
}

#[test]
fn forms_of_curated_concepts_are_attached_and_composed_english_is_offered() {
    let dir = seed_project("linking");
    dir.run(&["build"]).expect_code(0);
    let listed: Vec<String> = candidates(&dir).iter().map(|r| r[1].to_string()).collect();
    // A bracketed short form after the full name, a name with 合作 dropped, and 上合组织 for
    // 上合 before a curated head: none is a new candidate.
    for form in ["上合示范区", "上海组织", "上合组织大家庭"] {
        assert!(
            !listed.iter().any(|c| c == form),
            "{form} is still a candidate"
        );
    }

    // The short form the text defines answers with its concept's English.
    let zone = dir.run(&["lookup", "上合示范区", "--format", "json"]);
    zone.expect_code(0);
    assert_eq!(
        zone.json()["en"],
        "China-SCO Local Economic and Trade Cooperation Demonstration Area"
    );
    dir.run(&["lookup", "上合组织大家庭"])
        .expect_code(0)
        .expect_stdout("SCO family");

    // Composed from the curated 上合组织 (SCO) and 轮值主席国 (rotating presidency): offered, not
    // approved.
    let presidency = dir.run(&["lookup", "上合组织轮值主席国", "--format", "json"]);
    presidency.expect_code(0);
    let card = presidency.json();
    assert_eq!(card["status"], "candidate");
    assert!(card["en"].is_null());
    assert_eq!(card["composed"]["en"], "SCO rotating presidency");
    assert_eq!(card["composed"]["parts"][1], "轮值主席国");
    dir.run(&["lookup", "上合组织轮值主席国"])
        .expect_stdout("composed    SCO rotating presidency (from the curated 上合组织 + 轮值主席国; not approved)");
}

#[test]
fn quotation_marks_inside_an_occurrence_do_not_hide_a_term() {
    let dir = seed_project("quoted-terms");
    dir.run(&["build"]).expect_code(0);
    // The seeds write 共建“一带一路”倡议, never 一带一路倡议 bare.
    let answer = dir.run(&["lookup", "一带一路倡议", "--format", "json"]);
    answer.expect_code(0);
    let card = answer.json();
    assert!(card["total"].as_u64().unwrap() >= 5, "{card}");
    assert!(!card["rate_by_year"].as_object().unwrap().is_empty());
    // The context shows the term as written, with its marks.
    let shown = card["contexts"][0]["term"].as_str().unwrap();
    assert_eq!(shown, "一带一路”倡议");
}
