//! `glossary lookup`: exact Chinese, English, pinyin, variants, suggestions, exit statuses.

use std::sync::LazyLock;

use crate::util::{TestDir, fill_seed_project, seed_project};

/// One built seed project shared by the lookup tests (lookups only read it).
static BUILT: LazyLock<TestDir> = LazyLock::new(|| {
    let dir = fill_seed_project(TestDir::shared("lookup-seeds"));
    dir.run(&["build", "-q"]).expect_code(0);
    dir
});

#[test]
fn chinese_term_prints_its_card() {
    let run = BUILT.run(&["lookup", "三股势力"]);
    run.expect_code(0);
    let card = run.stdout();
    assert!(card.starts_with("三股势力  three evil forces\n"), "{card}");
    assert!(card.contains("three evils (admitted)"), "{card}");
    let bar = |year: &str| {
        card.lines()
            .find(|l| l.trim_start().starts_with(year))
            .map_or(0, |l| l.matches('█').count())
    };
    for year in ["2014", "2021", "2024"] {
        assert!(bar(year) > 0, "no bar for {year}\n{card}");
    }
    // Two occurrences each year, but 2024 has three times the text: its bar compares rates.
    assert!(bar("2024") < bar("2014"), "{card}");
    // Not a terminal: the term is set off with brackets, the document and year named.
    assert!(card.contains("打击“【三股势力】”"), "{card}");
    assert!(card.contains("002_2016864b0a6fc1ce.txt, 2014"), "{card}");
}

#[test]
fn json_card_has_the_contract_keys_and_the_counts() {
    let run = BUILT.run(&["lookup", "三股势力", "--format", "json"]);
    run.expect_code(0);
    let card = run.json();
    for key in [
        "zh", "en", "status", "total", "by_year", "contexts", "variants",
    ] {
        assert!(card.get(key).is_some(), "no {key}: {card}");
    }
    assert_eq!(card["zh"], "三股势力");
    assert_eq!(card["en"], "three evil forces");
    assert_eq!(card["status"], "preferred");
    assert_eq!(card["total"], 6);
    assert_eq!(
        card["by_year"],
        serde_json::json!({"2014": 2, "2021": 2, "2024": 2})
    );
    let contexts = card["contexts"].as_array().unwrap();
    assert!(!contexts.is_empty());
    assert!(
        contexts
            .iter()
            .all(|c| c["term"] == "三股势力" && c["doc"].is_string())
    );
}

#[test]
fn english_finds_chinese_whatever_the_case_and_spacing() {
    for query in [&["Shanghai Spirit"][..], &["shanghai", "SPIRIT"]] {
        let mut args = vec!["lookup", "--format", "json"];
        args.extend_from_slice(query);
        let run = BUILT.run(&args);
        run.expect_code(0);
        let card = run.json();
        assert_eq!(card["zh"], "上海精神");
        assert_eq!(card["matched_by"], "english");
        assert_eq!(card["by_year"]["2014"], 1);
    }
}

#[test]
fn abbreviations_variants_and_pinyin_find_their_terms() {
    let json = |q: &str| {
        let run = BUILT.run(&["lookup", q, "--format", "json"]);
        run.expect_code(0);
        run.json()
    };
    let sco = json("SCO");
    assert_eq!(sco["matched_by"], "english");
    let found: Vec<&str> = std::iter::once(sco["zh"].as_str().unwrap())
        .chain(
            sco["others"]
                .as_array()
                .unwrap()
                .iter()
                .map(|v| v.as_str().unwrap()),
        )
        .collect();
    assert!(
        found.contains(&"上合组织") && found.contains(&"上海合作组织"),
        "{found:?}"
    );
    assert_eq!(json("上合组织")["variants"][0], "上海合作组织");
    let pinyin = json("sangushili");
    assert_eq!(
        (pinyin["zh"].as_str(), pinyin["matched_by"].as_str()),
        (Some("三股势力"), Some("pinyin"))
    );
    // A deprecated rendering still leads to its term, saying it is deprecated.
    let old = json("One Belt, One Road");
    assert_eq!(old["zh"], "一带一路");
    assert_eq!(old["alternates"][0]["status"], "deprecated");
}

#[test]
fn misspelt_terms_get_suggestions_and_exit_1() {
    let run = BUILT.run(&["lookup", "三股实力"]);
    run.expect_code(1);
    assert!(run.stdout().contains("did you mean:"), "{run}");
    assert!(
        run.stdout().contains("三股势力  three evil forces"),
        "{run}"
    );

    let run = BUILT.run(&["lookup", "Shanghai Sprit", "--format", "json"]);
    run.expect_code(1);
    let answer = run.json();
    assert_eq!(answer["found"], false);
    assert_eq!(answer["suggestions"][0]["zh"], "上海精神");
}

#[test]
fn empty_or_punctuation_queries_are_errors() {
    for query in ["，。！", " ", "--"] {
        let run = BUILT.run(&["lookup", "--", query]);
        run.expect_code(2).expect_stderr("nothing to look up");
    }
}

#[test]
fn without_a_build_lookup_says_what_to_do() {
    let dir = TestDir::new("lookup-unbuilt");
    dir.run(&["lookup", "上海精神"])
        .expect_code(2)
        .expect_stderr("run `glossary build` first");
}

#[test]
fn without_the_cache_lookup_reads_the_merged_glossary() {
    let dir = seed_project("lookup-no-cache");
    dir.run(&["build", "-q"]).expect_code(0);
    std::fs::remove_dir_all(dir.path("glossary/.cache")).unwrap();
    let run = dir.run(&["lookup", "三股势力", "--format", "json"]);
    run.expect_code(0);
    let card = run.json();
    assert_eq!(card["en"], "three evil forces");
    assert_eq!(card["total"], 6);
    assert_eq!(
        card["contexts"].as_array().unwrap().len(),
        1,
        "glossary.csv keeps one context"
    );
}
