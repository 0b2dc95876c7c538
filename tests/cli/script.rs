//! Documents in Traditional characters are read, counted and matched as the same terms as
//! Simplified ones, with their contexts as written; lookup takes a Traditional query.
//!
//! The fixture `tests/fixtures/traditional/hk_release.txt` is written for these tests in the
//! style of a Hong Kong government release.
//!
//! See: issue 17 (traditional script).

use crate::util::{project_root, seed_project};

#[test]
fn a_traditional_document_is_counted_and_shown_as_written() {
    let dir = seed_project("script-traditional");
    dir.run(&["build"]).expect_code(0);
    let before = dir.run(&["lookup", "三股势力", "--format", "json"]).json();
    let release =
        std::fs::read(project_root().join("tests/fixtures/traditional/hk_release.txt")).unwrap();
    dir.write("seeds/hk_release.txt", release);
    dir.run(&["build"]).expect_code(0);
    // A Traditional query finds the Simplified term.
    let after = dir.run(&["lookup", "三股勢力", "--format", "json"]);
    after.expect_code(0);
    let after = after.json();
    assert_eq!(after["zh"], "三股势力");
    assert_eq!(
        after["total"].as_u64().unwrap(),
        before["total"].as_u64().unwrap() + 2
    );
    assert_eq!(
        after["by_year"]["2024"].as_u64().unwrap(),
        before["by_year"]["2024"].as_u64().unwrap() + 2
    );
    let contexts = after["contexts"].as_array().unwrap();
    let hk = contexts
        .iter()
        .find(|c| c["doc"] == "hk_release.txt")
        .expect("a context from the Traditional release");
    assert_eq!(hk["term"], "三股勢力", "{hk}");
    assert!(hk["left"].as_str().unwrap().contains("極端主義"), "{hk}");
    // The longer curated term is matched in Traditional too.
    let community = dir.run(&["lookup", "上海合作組織命運共同體", "--format", "json"]);
    community.expect_code(0);
    assert_eq!(community.json()["zh"], "上海合作组织命运共同体");
}
