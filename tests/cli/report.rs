//! `glossary report` and `glossary/report.html`: self-contained, and working in a real browser
//! (headless Chromium driven by `tests/browser/report.mjs` with Playwright). The browser tests
//! are `#[ignore]`d, since they need Chromium and `npm ci --prefix tests/browser`;
//! `cargo test -- --ignored` runs them, and `.ci/run` installs what they need and does.

use std::path::{Path, PathBuf};
use std::process::Command;

use serde_json::Value;

use crate::util::{TestDir, project_root, seed_project};

/// The browser and the script's dependencies, or why the browser tests cannot run here.
fn find_browser() -> Result<(PathBuf, PathBuf), String> {
    let chromium = std::env::var_os("CHROMIUM")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from("/usr/bin/chromium"));
    if !chromium.exists() {
        return Err(format!(
            "{} is missing (apt install chromium, or set CHROMIUM)",
            chromium.display()
        ));
    }
    let node_ok = Command::new("node")
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success());
    if !node_ok {
        return Err("node is missing".into());
    }
    let browser_dir = project_root().join("tests/browser");
    if !browser_dir.join("node_modules/playwright-core").is_dir() {
        return Err("tests/browser/node_modules is missing (npm ci --prefix tests/browser)".into());
    }
    Ok((chromium, browser_dir.join("report.mjs")))
}

/// The browser and the script: the tests that need them are `#[ignore]`d, so when they are
/// run (`cargo test -- --ignored`, as `.ci/run` does) a missing one is a failure.
fn browser() -> (PathBuf, PathBuf) {
    find_browser().unwrap_or_else(|why| panic!("the browser tests cannot run: {why}"))
}

/// Runs the browser script on `html`; screenshots go to `shots`.
fn drive(html: &Path, shots: &Path, queries: &[&str]) -> Value {
    let (chromium, script) = browser();
    std::fs::create_dir_all(shots).unwrap();
    let output = Command::new("node")
        .arg(script)
        .arg(html)
        .arg(shots)
        .args(queries)
        .env("CHROMIUM", chromium)
        .output()
        .expect("run node");
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(
        output.status.success(),
        "browser script failed\n{stdout}\n{}",
        String::from_utf8_lossy(&output.stderr)
    );
    serde_json::from_str(stdout.trim()).unwrap_or_else(|e| panic!("{e}: {stdout}"))
}

/// Data rows of a CSV file.
fn csv_rows(path: &Path) -> usize {
    csv::Reader::from_path(path).unwrap().records().count()
}

#[test]
fn build_writes_a_self_contained_report_and_report_copies_it() {
    let dir = seed_project("report-file");
    dir.run(&["build", "-q"]).expect_code(0);
    let html = std::fs::read_to_string(dir.path("glossary/report.html")).unwrap();
    assert!(html.starts_with("<!DOCTYPE html>"));
    // The SVG namespace is a name, not a request.
    let without_namespace = html.replace("http://www.w3.org/2000/svg", "");
    for external in ["http://", "https://", "<link", " src=\"", "@import", "url("] {
        assert!(
            !without_namespace.contains(external),
            "the page refers outside itself: {external}"
        );
    }
    let run = dir.run(&["report", "-o", "out/page.html"]);
    run.expect_code(0);
    assert_eq!(
        std::fs::read_to_string(dir.path("out/page.html")).unwrap(),
        html
    );
}

#[test]
#[ignore = "needs Chromium, node and `npm ci --prefix tests/browser`"]
fn the_report_works_in_headless_chromium() {
    browser();
    let dir = seed_project("report-browser");
    dir.run(&["build", "-q"]).expect_code(0);
    let shots = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("report-screenshots");
    let result = drive(
        &dir.path("glossary/report.html"),
        &shots,
        &["三股势力", "上海", "sco"],
    );
    eprintln!("screenshots: {}", shots.display());

    assert_eq!(result["errors"], serde_json::json!([]), "console errors");
    let entries = csv_rows(&dir.path("glossary/glossary.csv"));
    assert_eq!(result["total"].as_u64(), Some(entries as u64));
    assert_eq!(result["rows"].as_u64(), Some(entries.min(100) as u64));

    // Typing 三股势力 leaves its rows, and clicking one shows its contexts.
    let matching: Vec<&str> = result["matching"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_str().unwrap())
        .collect();
    assert!(!matching.is_empty());
    assert_eq!(matching[0], "三股势力");
    assert!(
        matching.iter().all(|zh| zh.contains("三股势力")),
        "{matching:?}"
    );
    assert!(result["panelTitle"].as_str().unwrap().contains("三股势力"));
    let contexts = result["contexts"].as_array().unwrap();
    assert!(!contexts.is_empty());
    for c in contexts {
        let c = c.as_str().unwrap();
        assert!(c.contains("三股势力") && c.contains(".txt"), "{c}");
    }
    assert!(
        result["marked"]
            .as_array()
            .unwrap()
            .iter()
            .all(|m| m == "三股势力")
    );
    // See: issue 15. The panel shows how the aligned translation renders a term: the
    // renderings with counts and shares, and the pair with the term and its English marked.
    assert_eq!(
        result["usageMarked"],
        serde_json::json!(["青年交流营", "youth exchange camp"])
    );
    let usage = result["usage"][0].as_str().unwrap();
    assert!(
        usage.contains("继续办好传统医学论坛") && usage.contains("000_2578177fb6339ac5.txt, 2024"),
        "{usage}"
    );
    assert_eq!(
        result["usageTable"],
        serde_json::json!(["youth exchange camp", "1", "100%"])
    );
    assert_eq!(result["closedByEscape"], true);
    assert_eq!(result["openedByEnter"], true);
    assert_eq!(result["sortedBy"], "ascending");
    assert_eq!(
        result["zoomOverflow"], 0,
        "sideways scrolling at 200 % zoom"
    );
    assert_eq!(result["zoomPanelBelow"], true);
    assert_eq!(result["printHidesFilters"], true);
    assert_eq!(result["printShowsTable"], true);
    for shot in ["overview.png", "term-panel.png"] {
        let meta = std::fs::metadata(shots.join(shot)).unwrap();
        assert!(meta.len() > 10_000, "{shot}: {} bytes", meta.len());
    }
}

/// A curated glossary of `n` distinct three-character terms.
fn large_curated(n: usize) -> String {
    let chars: Vec<char> = "和平发展合作共赢安全稳定经济贸易文化交流人民友好互信互利创新绿色开放包容公平正义民主自由团结繁荣进步改革治理伙伴关系区域组织机制能源金融科技教育卫生农业交通网络数据环境气候海洋边境青年妇女媒体智库旅游体育"
        .chars()
        .collect();
    let k = chars.len();
    let mut csv = String::from("id,zh,en,status\n");
    for i in 0..n {
        let zh: String = [chars[i % k], chars[(i / k) % k], chars[(i / k / k) % k]]
            .iter()
            .collect();
        csv.push_str(&format!("t{i},{zh}{i},term number {i},preferred\n"));
    }
    csv
}

#[test]
#[ignore = "needs Chromium, node and `npm ci --prefix tests/browser`"]
fn a_100000_entry_report_searches_within_100_ms() {
    browser();
    let dir = TestDir::new("report-large");
    dir.write(
        "seeds/a.txt",
        std::fs::read(project_root().join("seeds/002_2016864b0a6fc1ce.txt")).unwrap(),
    );
    dir.write("glossary/curated.csv", large_curated(100_000));
    dir.run(&["build", "-q"]).expect_code(0);
    let shots = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("report-large");
    let queries = [
        "和平",
        "term number 99999",
        "hepingfazhan",
        "三股势力",
        "zzz",
    ];
    let result = drive(&dir.path("glossary/report.html"), &shots, &["和平"]);
    assert_eq!(result["errors"], serde_json::json!([]));
    assert!(result["total"].as_u64().unwrap() >= 100_000);
    let mut timed = Vec::new();
    for q in queries {
        let r = drive(&dir.path("glossary/report.html"), &shots, &["和平", q]);
        timed.push(r["searchMs"][0].as_f64().unwrap());
    }
    eprintln!("search over {} entries, ms: {timed:?}", result["total"]);
    for (q, ms) in queries.iter().zip(&timed) {
        assert!(*ms < 100.0, "searching {q:?} took {ms} ms");
    }
}
