//! `glossary align` and `glossary check`: the bundled pair against its hand-made gold, the
//! public MAC-Test gold set (an ignored test: it needs `../shared/align`), bad input, and
//! terms rendered against the glossary.

use std::collections::{BTreeSet, HashMap, HashSet};
use std::path::PathBuf;

use crate::util::{TestDir, project_root, run_in};

type Bead = (Vec<usize>, Vec<usize>);

fn parse_beads(text: &str) -> Vec<Bead> {
    text.lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| glossary::align::parse_bead(l).unwrap_or_else(|| panic!("not a bead: {l:?}")))
        .collect()
}

/// Strict F1 as `../shared/align/score.py` computes it: precision over the test beads
/// (deletions included), recall over the gold beads with text on both sides.
fn strict_f1(gold: &[Bead], test: &[Bead]) -> f64 {
    let hits = |of: &[Bead], against: &[Bead]| {
        let against: HashSet<&Bead> = against.iter().collect();
        let of: Vec<&Bead> = of
            .iter()
            .filter(|b| !b.0.is_empty() || !b.1.is_empty())
            .collect();
        (
            of.iter().filter(|b| against.contains(**b)).count(),
            of.len(),
        )
    };
    let both = |v: &[Bead]| -> Vec<Bead> {
        v.iter()
            .filter(|b| !b.0.is_empty() && !b.1.is_empty())
            .cloned()
            .collect()
    };
    let (ph, pn) = hits(test, gold);
    let (rh, rn) = hits(&both(gold), &both(test));
    let (p, r) = (ph as f64 / pn as f64, rh as f64 / rn as f64);
    2.0 * p * r / (p + r)
}

/// Every sentence of both sides in exactly one bead, in order.
fn assert_partition(beads: &[Bead], n: usize, m: usize) {
    let zh: Vec<usize> = beads.iter().flat_map(|b| b.0.clone()).collect();
    let en: Vec<usize> = beads.iter().flat_map(|b| b.1.clone()).collect();
    assert_eq!(zh, (0..n).collect::<Vec<_>>());
    assert_eq!(en, (0..m).collect::<Vec<_>>());
}

const ZH_SEED: &str = "seeds/000_2578177fb6339ac5.txt";
const EN_SEED: &str = "seeds/000_2578177fb6339ac5.en.txt";

#[test]
fn the_bundled_pair_matches_its_gold_alignment() {
    let run = run_in(&project_root(), &["align", ZH_SEED, EN_SEED]);
    run.expect_code(0);
    let test = parse_beads(&run.stdout());
    let gold = parse_beads(
        &std::fs::read_to_string(project_root().join("tests/fixtures/align/astana.gold")).unwrap(),
    );
    assert_partition(&test, 163, 61);
    let f1 = strict_f1(&gold, &test);
    assert!(f1 >= 0.95, "strict F1 {f1:.3}\n{}", run.stdout());
    // Only the first article is translated: the other seven stay unaligned.
    let unaligned: BTreeSet<usize> = test
        .iter()
        .filter(|b| b.1.is_empty())
        .flat_map(|b| b.0.clone())
        .collect();
    assert!((50..163).all(|i| unaligned.contains(&i)), "{unaligned:?}");
}

#[test]
fn presplit_lines_are_sentences_even_when_they_are_not() {
    let dir = TestDir::new("align-presplit");
    dir.write(
        "zh.txt",
        "我们要弘扬上海精神。\n----\n12\n\n三股势力是地区安全的威胁。\n谢谢大家。\n",
    );
    dir.write("en.txt", "We must carry forward the Shanghai Spirit.\nThe three evil forces threaten the security of the region.\nThank you.\n");
    let run = dir.run(&["align", "--presplit", "zh.txt", "en.txt"]);
    run.expect_code(0);
    let beads = parse_beads(&run.stdout());
    assert_partition(&beads, 6, 3);
    // The rule, the page number and the blank line are left out, each in a bead of its own.
    let expected: Vec<Bead> = vec![
        (vec![0], vec![0]),
        (vec![1], vec![]),
        (vec![2], vec![]),
        (vec![3], vec![]),
        (vec![4], vec![1]),
        (vec![5], vec![2]),
    ];
    assert_eq!(beads, expected);
    // The same in the other formats.
    let tsv = dir.run(&["align", "--presplit", "zh.txt", "en.txt", "--format", "tsv"]);
    tsv.expect_code(0);
    assert!(
        tsv.stdout()
            .starts_with("zh\ten\tconfidence\tzh_text\ten_text\n")
    );
    let json = dir
        .run(&[
            "align",
            "--presplit",
            "zh.txt",
            "en.txt",
            "--format",
            "json",
        ])
        .json();
    assert_eq!(
        json["beads"][0]["en_text"],
        "We must carry forward the Shanghai Spirit."
    );
    let tmx = dir.run(&["align", "--presplit", "zh.txt", "en.txt", "--format", "tmx"]);
    assert!(tmx.stdout().contains("<seg>Thank you.</seg>"), "{tmx}");
}

#[test]
fn a_translation_of_a_tenth_leaves_the_rest_unaligned() {
    let dir = TestDir::new("align-tenth");
    let zh = crate::util::run_in(&project_root(), &["corpus", "--show", ZH_SEED]).stdout();
    let en = crate::util::run_in(&project_root(), &["corpus", "--show", EN_SEED]).stdout();
    let en_tenth: String = en.lines().take(12).map(|l| format!("{l}\n")).collect();
    dir.write("zh.txt", &zh);
    dir.write("en.txt", &en_tenth);
    let run = dir.run(&["align", "--presplit", "zh.txt", "en.txt"]);
    run.expect_code(0);
    let beads = parse_beads(&run.stdout());
    assert_partition(&beads, 163, 12);
    // The twelve English sentences go with the first Chinese ones; the rest is unaligned.
    let last_aligned = beads
        .iter()
        .filter(|b| !b.1.is_empty())
        .flat_map(|b| b.0.clone())
        .max()
        .unwrap();
    assert!(last_aligned < 16, "{}", run.stdout());
}

#[test]
fn bad_pairs_are_refused_with_a_reason() {
    let dir = TestDir::new("align-bad");
    dir.write("zh.txt", "我们要弘扬上海精神。\n");
    dir.write("en.txt", "We must carry forward the Shanghai Spirit.\n");
    dir.write("empty.txt", "");
    dir.run(&["align", "--presplit", "en.txt", "zh.txt"])
        .expect_code(2)
        .expect_stderr("en.txt is English and zh.txt is Chinese: give the Chinese file first");
    dir.run(&["align", "--presplit", "zh.txt", "zh.txt"])
        .expect_code(2)
        .expect_stderr("zh.txt is Chinese where the English side is expected");
    dir.run(&["align", "--presplit", "zh.txt", "empty.txt"])
        .expect_code(2)
        .expect_stderr("empty.txt is empty: nothing to align");
    dir.run(&["align", "zh.txt", "missing.txt"])
        .expect_code(2)
        .expect_stderr("missing.txt");
}

#[test]
fn folders_align_every_pair_of_the_same_name() {
    let dir = TestDir::new("align-folders");
    dir.write("zh/a", "我们要弘扬上海精神。\n谢谢大家。\n");
    dir.write(
        "en/a",
        "We must carry forward the Shanghai Spirit.\nThank you.\n",
    );
    dir.write("zh/b", "三股势力是地区安全的威胁。\n");
    dir.write(
        "en/b",
        "The three evil forces threaten regional security.\n",
    );
    dir.run(&["align", "--presplit", "zh", "en", "--out", "out"])
        .expect_code(0);
    assert_eq!(
        std::fs::read_to_string(dir.path("out/a")).unwrap(),
        "[0]:[0]\n[1]:[1]\n"
    );
    assert_eq!(
        std::fs::read_to_string(dir.path("out/b")).unwrap(),
        "[0]:[0]\n"
    );
    dir.write("en/c", "An orphan.\n");
    dir.run(&["align", "--presplit", "zh", "en", "--out", "out2"])
        .expect_code(2)
        .expect_stderr("c is in only one of");
}

/// What a scorer of `../shared/align` printed, run with python3; a failure to run it, or a
/// failing exit, fails the test.
fn shared_scorer(scorer: &std::path::Path, args: &[&std::ffi::OsStr]) -> String {
    let output = std::process::Command::new("python3")
        .arg(scorer)
        .args(args)
        .output()
        .unwrap_or_else(|e| panic!("cannot run python3: {e}"));
    let text = String::from_utf8_lossy(&output.stdout).into_owned();
    assert!(
        output.status.success(),
        "{} failed\n{text}\n{}",
        scorer.display(),
        String::from_utf8_lossy(&output.stderr)
    );
    text
}

/// Strict and lax F1 of `glossary align --presplit` on a gold set of `../shared/align/data`
/// (never copied here), by the shared scorer.
fn shared_gold_f1(set: &str, dir: &str) -> (f64, f64, String) {
    let set = project_root().join("../shared/align/data").join(set);
    let scorer = project_root().join("../shared/align/score.py");
    for needed in [&set, &scorer] {
        assert!(needed.exists(), "{} not found", needed.display());
    }
    let dir = TestDir::new(dir);
    let (zh, en) = (set.join("zh"), set.join("en"));
    dir.run(&[
        "align",
        "--presplit",
        "--format",
        "beads",
        zh.to_str().unwrap(),
        en.to_str().unwrap(),
        "--out",
        "out",
    ])
    .expect_code(0);
    let gold = set.join("gold");
    let out = dir.path("out");
    let text = shared_scorer(
        &scorer,
        &[
            "-g".as_ref(),
            gold.as_os_str(),
            "-t".as_ref(),
            out.as_os_str(),
        ],
    );
    let f1: Vec<f64> = text
        .lines()
        .find(|l| l.contains("F1"))
        .unwrap_or_else(|| panic!("no F1 line in\n{text}"))
        .split('|')
        .filter_map(|c| c.trim().parse().ok())
        .collect();
    (f1[0], f1[1], text)
}

/// MAC-Test (24 chapters of Chinese novels and their published translations): strict F1 at
/// least 0.845, lax F1 at least 0.98 (0.850 and 0.985 on 2026-12-08), so that a change that
/// loses alignments fails. `#[ignore]`d, since it needs `../shared/align` and python3; when
/// run (`cargo test -- --ignored`, as `.ci/run` does), a missing one is a failure.
#[test]
#[ignore = "needs ../shared/align (MAC-Test data, score.py) and python3"]
fn mac_test_scores_above_the_targets() {
    let (strict, lax, text) = shared_gold_f1("mac-flat/test", "align-mac");
    assert!(
        strict >= 0.845 && lax >= 0.98,
        "strict {strict}, lax {lax}\n{text}"
    );
}

/// pol-dev (nine official speeches with their official English, the project's own domain):
/// strict F1 at least 0.965 (0.969 on 2026-12-02).
#[test]
#[ignore = "needs ../shared/align (pol-dev data, score.py) and python3"]
fn pol_dev_scores_above_the_targets() {
    let (strict, lax, text) = shared_gold_f1("pol-dev", "align-pol");
    assert!(
        strict >= 0.965 && lax >= 0.99,
        "strict {strict}, lax {lax}\n{text}"
    );
}

#[test]
fn check_flags_terms_rendered_against_the_glossary() {
    let fixture = |f: &str| project_root().join("tests/fixtures/align/check").join(f);
    let (zh, en) = (fixture("speech.txt"), fixture("speech.en.txt"));
    let curated: PathBuf = project_root().join("glossary/curated.csv");
    let args = |format: &str| {
        vec![
            "check".to_string(),
            zh.display().to_string(),
            en.display().to_string(),
            "--curated".to_string(),
            curated.display().to_string(),
            "--format".to_string(),
            format.to_string(),
        ]
    };
    let dir = TestDir::new("check");
    let json_args = args("json");
    let run = dir.run(&json_args.iter().map(String::as_str).collect::<Vec<_>>());
    run.expect_code(1);
    let findings = run.json();
    let by_term: HashMap<&str, &serde_json::Value> = findings
        .as_array()
        .unwrap()
        .iter()
        .map(|f| (f["term"].as_str().unwrap(), f))
        .collect();
    let terms: BTreeSet<&str> = by_term.keys().copied().collect();
    assert_eq!(
        terms,
        BTreeSet::from(["上海精神", "三股势力", "人类命运共同体"])
    );
    assert_eq!(
        by_term["上海精神"]["found_deprecated"][0],
        "spirit of Shanghai"
    );
    assert_eq!(by_term["上海精神"]["expected"][0], "Shanghai Spirit");
    // See: issue 15. The English the translation used instead, from the word alignment.
    assert_eq!(by_term["上海精神"]["used"], "spirit of Shanghai");
    assert_eq!(by_term["三股势力"]["used"], "three forces");
    assert_eq!(by_term["三股势力"]["zh_sentences"], serde_json::json!([3]));
    assert!(
        by_term["三股势力"]["en_text"]
            .as_str()
            .unwrap()
            .contains("three forces")
    );
    assert_eq!(
        by_term["人类命运共同体"]["found_deprecated"][0],
        "community of common destiny for mankind"
    );

    let csv_args = args("csv");
    let csv = dir.run(&csv_args.iter().map(String::as_str).collect::<Vec<_>>());
    csv.expect_code(1);
    assert!(csv.stdout().starts_with(
        "document,zh_sentences,en_sentences,term,expected,found_deprecated,used,zh_text,en_text\n"
    ));
    // A faithful translation passes.
    dir.write("ok.txt", "我们要弘扬“上海精神”，坚决打击“三股势力”。\n");
    dir.write(
        "ok.en.txt",
        "We must carry forward the Shanghai Spirit and resolutely combat the three evil forces.\n",
    );
    let ok = dir.run(&[
        "check",
        "ok.txt",
        "ok.en.txt",
        "--curated",
        curated.to_str().unwrap(),
    ]);
    ok.expect_code(0);
    assert!(ok.stdout().contains("0 finding(s)"), "{ok}");
}

/// `glossary align --pairs --tokenized --format links --no-curated ZH EN`, which must succeed:
/// what it printed.
fn word_links(dir: &TestDir, zh: &std::path::Path, en: &std::path::Path) -> String {
    let run = dir.run(&[
        "align",
        "--pairs",
        "--tokenized",
        "--format",
        "links",
        "--no-curated",
        zh.to_str().unwrap(),
        en.to_str().unwrap(),
    ]);
    run.expect_code(0).stdout()
}

/// Word links of line pairs (`--pairs --format links`): one line of links per pair, Pharaoh
/// format, dictionary words, months, numbers and pinyin names linked. The fixture's first
/// lines are comments of the same count on both sides (a pair like any other).
#[test]
fn word_links_of_line_pairs_link_dictionary_words_numbers_and_names() {
    let fixtures = project_root().join("tests/fixtures/align/words");
    let dir = TestDir::new("word-links");
    let stdout = word_links(&dir, &fixtures.join("pairs.zh"), &fixtures.join("pairs.en"));
    let lines: Vec<Vec<(usize, usize)>> = stdout
        .lines()
        .map(|line| {
            line.split_whitespace()
                .map(|link| {
                    let (i, j) = link.split_once('-').expect("i-j");
                    (i.parse().unwrap(), j.parse().unwrap())
                })
                .collect()
        })
        .collect();
    assert_eq!(lines.len(), 5, "{stdout}");
    for (line, link, what) in [
        (1, (1, 3), "外交部-Ministry"),
        (1, (2, 8), "3月-March"),
        (1, (3, 9), "22日-22"),
        (2, (2, 4), "棠源-Tangyuan"),
        (2, (1, 3), "麦-Mai"),
        (3, (3, 5), "上海-Shanghai"),
        (3, (4, 6), "精神-Spirit"),
        (4, (0, 1), "上海-Shanghai"),
    ] {
        assert!(
            lines[line].contains(&link),
            "{what}: line {line} is {:?}",
            lines[line]
        );
    }
}

#[test]
fn word_links_need_pairs_of_equal_length() {
    let dir = TestDir::new("word-links-uneven");
    dir.write("a.zh", "上海 精神\n命运 共同体\n");
    dir.write("a.en", "Shanghai Spirit\n");
    dir.run(&["align", "--pairs", "--format", "links", "a.zh", "a.en"])
        .expect_code(2)
        .expect_stderr("a.zh has 2 lines and a.en has 1");
    dir.run(&["align", "--format", "links", "a.zh", "a.en"])
        .expect_code(2)
        .expect_stderr("give --pairs with --format links");
}

/// The word aligner on the public Xinhua gold (`../shared/align/data/xinhua-words`, read
/// where it is): AER at most 0.30 by the shared scorer. `#[ignore]`d: it needs that folder and
/// python3 (`.ci/run` runs it).
#[test]
#[ignore = "needs ../shared/align (xinhua-words, aer.py) and python3"]
fn xinhua_word_alignment_error_rate_is_at_most_0_30() {
    let set = project_root().join("../shared/align/data/xinhua-words");
    let scorer = project_root().join("../shared/align/aer.py");
    for needed in [&set, &scorer] {
        assert!(needed.exists(), "{} not found", needed.display());
    }
    let dir = TestDir::new("xinhua-aer");
    let links = word_links(&dir, &set.join("test.zh"), &set.join("test.en"));
    dir.write("test.links", links);
    let gold = set.join("test.gold");
    let links = dir.path("test.links");
    let text = shared_scorer(&scorer, &[gold.as_os_str(), links.as_os_str()]);
    let aer: f64 = text
        .lines()
        .find_map(|l| l.split("AER=").nth(1))
        .unwrap_or_else(|| panic!("no AER in\n{text}"))
        .trim()
        .parse()
        .unwrap();
    eprintln!("{text}");
    assert!(aer <= 0.30, "AER {aer}");
}
