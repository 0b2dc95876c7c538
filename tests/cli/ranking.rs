//! The candidates as a terminologist works down them: best first, with their rank and score,
//! the same ranking as `extract`, and rates by year that compare across years.
//!
//! See: issue 16 (ranked output; frequency that can be compared across years).

use crate::util::seed_project;

#[test]
fn candidates_come_best_first_and_extract_ranks_them_the_same_way() {
    let dir = seed_project("ranking");
    dir.run(&["build"]).expect_code(0);
    let mut reader = csv::Reader::from_path(dir.path("glossary/glossary.csv")).unwrap();
    let header = reader.headers().unwrap().clone();
    let col = |name: &str| header.iter().position(|h| h == name).unwrap();
    let rows: Vec<csv::StringRecord> = reader.records().map(|r| r.unwrap()).collect();
    let candidates: Vec<&csv::StringRecord> = rows
        .iter()
        .filter(|r| &r[col("status")] == "candidate")
        .collect();
    assert!(candidates.len() > 100);
    // Curated rows first, then candidates ranked 1, 2, 3 … by descending score.
    let first = rows
        .iter()
        .position(|r| &r[col("status")] == "candidate")
        .unwrap();
    assert!(
        rows[first..]
            .iter()
            .all(|r| &r[col("status")] == "candidate")
    );
    let scores: Vec<f64> = candidates
        .iter()
        .map(|r| r[col("score")].parse().unwrap())
        .collect();
    for (k, r) in candidates.iter().enumerate() {
        assert_eq!(r[col("rank")], (k + 1).to_string());
        assert_eq!(r[col("score")].split('.').nth(1).map(str::len), Some(4));
    }
    assert!(scores.windows(2).all(|w| w[0] >= w[1]), "{scores:?}");
    assert!(rows[..first].iter().all(|r| r[col("rank")].is_empty()));

    // extract reads the same curated glossary by default: the candidates keep its order.
    let extract = dir.run(&["extract", "--format", "json"]);
    extract.expect_code(0);
    let ranked: Vec<String> = extract
        .json()
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["term"].as_str().unwrap().to_string())
        .collect();
    let order: Vec<usize> = candidates
        .iter()
        .map(|r| {
            ranked
                .iter()
                .position(|t| *t == r[col("zh")])
                .expect("a candidate extract lists")
        })
        .collect();
    assert!(order.windows(2).all(|w| w[0] < w[1]), "the same ranking");
    let score_of = |term: &str| {
        extract
            .json()
            .as_array()
            .unwrap()
            .iter()
            .find(|t| t["term"] == term)
            .unwrap()["score"]
            .as_f64()
            .unwrap()
    };
    let top = candidates[0];
    assert_eq!(
        format!("{:.4}", score_of(&top[col("zh")])),
        top[col("score")]
    );
}

#[test]
fn rates_by_year_count_per_ten_thousand_characters() {
    let dir = seed_project("rates");
    dir.run(&["build"]).expect_code(0);
    let card = dir.run(&["lookup", "上海精神", "--format", "json"]);
    card.expect_code(0);
    let card = card.json();
    let (counts, rates) = (&card["by_year"], &card["rate_by_year"]);
    // 2014: one occurrence in the one short speech; 2024: 33 in three long documents. The
    // counts say 33 times as often; the rates say how much more of the text it is.
    assert_eq!(counts["2014"], 1);
    assert_eq!(counts["2024"], 33);
    let (r2014, r2024) = (
        rates["2014"].as_f64().unwrap(),
        rates["2024"].as_f64().unwrap(),
    );
    assert!(r2014 > 0.0 && r2024 > r2014, "{rates}");
    assert!(
        r2024 / r2014 < 33.0,
        "{rates}: the rate weighs the year's text"
    );
    let text = dir.run(&["lookup", "上海精神"]);
    text.expect_stdout("per 10,000 characters");
}

#[test]
fn a_person_is_typed_by_a_title_beside_the_name() {
    let dir = seed_project("persons");
    let run = dir.run(&["extract", "--format", "json"]);
    run.expect_code(0);
    let terms = run.json();
    let type_of = |name: &str| {
        terms
            .as_array()
            .unwrap()
            .iter()
            .find(|t| t["term"] == name)
            .map(|t| t["type"].as_str().unwrap().to_string())
    };
    // 托卡耶夫总统, 外长王毅, 拉赫蒙总统: persons, whatever jieba's tag.
    for name in ["托卡耶夫", "拉赫蒙", "王毅", "习近平", "米尔济约耶夫"] {
        assert_eq!(type_of(name).as_deref(), Some("person"), "{name}");
    }
    // jieba tags these nr; no title is ever beside them.
    for phrase in ["世界秩序", "安全观"] {
        assert_ne!(type_of(phrase).as_deref(), Some("person"), "{phrase}");
    }
}

/// The verdicts of a `rank<TAB>zh<TAB>verdict<TAB>why` file of `tests/fixtures/terms/`.
fn row_verdicts(file: &str) -> Vec<(String, bool)> {
    let path = crate::util::project_root()
        .join("tests/fixtures/terms")
        .join(file);
    std::fs::read_to_string(&path)
        .unwrap()
        .lines()
        .filter(|l| !l.starts_with('#') && !l.starts_with("rank\t") && !l.trim().is_empty())
        .map(|l| {
            let cols: Vec<&str> = l.split('\t').collect();
            assert!(matches!(cols[2], "good" | "bad"), "{file}: {l}");
            (cols[1].to_string(), cols[2] == "good")
        })
        .collect()
}

/// The first 100 candidate rows of a built glossary.csv.
fn first_candidate_rows(glossary_csv: &std::path::Path) -> Vec<String> {
    let mut reader = csv::Reader::from_path(glossary_csv).unwrap();
    let header = reader.headers().unwrap().clone();
    let col = |name: &str| header.iter().position(|h| h == name).unwrap();
    reader
        .records()
        .map(|r| r.unwrap())
        .filter(|r| &r[col("status")] == "candidate")
        .take(100)
        .map(|r| r[col("zh")].to_string())
        .collect()
}

/// Precision of the first 100 candidate rows, each of which must be judged, row by row, in
/// `file` (a changed ranking must be judged again before its precision means anything).
fn judged_precision(rows: &[String], file: &str) -> f64 {
    let verdicts = row_verdicts(file);
    let judged: Vec<&String> = verdicts.iter().map(|(zh, _)| zh).collect();
    assert_eq!(
        rows.iter().collect::<Vec<_>>(),
        judged,
        "tests/fixtures/terms/{file} no longer judges the first 100 candidate rows: judge them"
    );
    verdicts.iter().filter(|(_, good)| *good).count() as f64 / verdicts.len() as f64
}

// The issue asks for 0.85 on both; reached: 0.86 on the seeds, 0.89 on the official bilingual
// corpus. A change that loses precision fails.
#[test]
fn the_first_candidate_rows_of_the_seed_build_are_judged() {
    let dir = seed_project("ranking-judged");
    dir.run(&["build"]).expect_code(0);
    let rows = first_candidate_rows(&dir.path("glossary/glossary.csv"));
    let precision = judged_precision(&rows, "first-100-rows.tsv");
    assert!(precision >= 0.85, "precision {precision:.2}");
}

#[test]
#[ignore = "needs ../shared/corpora/official-bilingual"]
fn the_first_candidate_rows_of_the_official_bilingual_build_are_judged() {
    let corpus = crate::util::project_root().join("../shared/corpora/official-bilingual");
    assert!(corpus.is_dir(), "{} not found", corpus.display());
    let dir = crate::util::TestDir::new("ranking-judged-official");
    let curated = crate::util::project_root().join("glossary/curated.csv");
    dir.run(&[
        "build",
        "--corpus",
        corpus.to_str().unwrap(),
        "--curated",
        curated.to_str().unwrap(),
        "-g",
        "out",
    ])
    .expect_code(0);
    let rows = first_candidate_rows(&dir.path("out/glossary.csv"));
    let precision = judged_precision(&rows, "official-bilingual-first-100-rows.tsv");
    assert!(precision >= 0.85, "precision {precision:.2}");
}
