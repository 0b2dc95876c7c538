//! `glossary build`: outputs, determinism, the curated file left alone, incremental rebuilds
//! that read only what changed, and bad curated files that stop everything.

use serde_json::Value;

use crate::util::{TestDir, project_root, seed_project, snapshot};

const OUTPUTS: [&str; 5] = [
    "glossary.csv",
    "glossary.tbx",
    "glossary.export.csv",
    "glossary-omegat.txt",
    "memory.tmx",
];

fn build_json(dir: &TestDir, extra: &[&str]) -> Value {
    let mut args = vec!["build", "--format", "json"];
    args.extend_from_slice(extra);
    let run = dir.run(&args);
    run.expect_code(0);
    run.json()
}

fn strings(v: &Value) -> Vec<String> {
    v.as_array()
        .expect("an array")
        .iter()
        .map(|s| s.as_str().expect("a string").to_string())
        .collect()
}

#[test]
fn writes_every_output_and_a_second_build_is_byte_identical() {
    let dir = seed_project("build-twice");
    let curated_before = std::fs::read(dir.path("glossary/curated.csv")).unwrap();
    let mtime = |p| std::fs::metadata(p).unwrap().modified().unwrap();
    let curated_mtime = mtime(dir.path("glossary/curated.csv"));

    let report = build_json(&dir, &[]);
    assert_eq!(report["documents"], 6);
    assert_eq!(strings(&report["read"]).len(), 6);
    let first = snapshot(&dir.path("glossary"));
    for name in OUTPUTS {
        assert!(
            first.get(name).is_some_and(|b| !b.is_empty()),
            "{name} missing"
        );
    }
    assert!(dir.path("glossary/.cache/lookup.idx").is_file());

    // Nothing changed: nothing done.
    let again = build_json(&dir, &[]);
    assert_eq!(again["up_to_date"], true);
    // Forced: everything recomputed, the same bytes.
    let forced = build_json(&dir, &["--force"]);
    assert_eq!(forced["up_to_date"], false);
    let outputs = forced["outputs"].as_array().unwrap();
    assert!(outputs.iter().all(|o| o[1] == "unchanged"), "{outputs:?}");
    assert_eq!(snapshot(&dir.path("glossary")), first);

    // A build from scratch (cache deleted) gives the same bytes too.
    std::fs::remove_dir_all(dir.path("glossary/.cache")).unwrap();
    build_json(&dir, &[]);
    assert_eq!(snapshot(&dir.path("glossary")), first);

    assert_eq!(
        std::fs::read(dir.path("glossary/curated.csv")).unwrap(),
        curated_before
    );
    assert_eq!(mtime(dir.path("glossary/curated.csv")), curated_mtime);
}

#[test]
fn merged_glossary_holds_curated_rows_with_counts_and_candidates() {
    let dir = seed_project("build-merged");
    build_json(&dir, &[]);
    let mut reader = csv::Reader::from_path(dir.path("glossary/glossary.csv")).unwrap();
    let header = reader.headers().unwrap().clone();
    let col = |name: &str| header.iter().position(|h| h == name).unwrap();
    let rows: Vec<csv::StringRecord> = reader.records().map(|r| r.unwrap()).collect();
    let find = |zh: &str, status: &str| {
        rows.iter()
            .find(|r| &r[col("zh")] == zh && &r[col("status")] == status)
            .unwrap_or_else(|| panic!("no {status} row for {zh}"))
    };
    let spirit = find("上海精神", "preferred");
    assert_eq!(&spirit[col("en")], "Shanghai Spirit");
    assert_eq!(&spirit[col("by_year")], "2014:1 2021:3 2024:33");
    // Quotation marks do not hide a term: the seeds write 共建“一带一路”倡议.
    let bri = find("一带一路倡议", "preferred");
    assert_eq!(&bri[col("total")], "5");
    assert_eq!(&bri[col("en")], "Belt and Road Initiative");
    // A curated term absent from the corpus is there with zero.
    let xinhua = find("新华社", "preferred");
    assert_eq!(&xinhua[col("total")], "0");
    let gci = find("全球文明倡议", "preferred");
    assert_eq!(&gci[col("total")], "1");
    // Candidates: no English, not curated, not rejected.
    let candidates: Vec<&csv::StringRecord> = rows
        .iter()
        .filter(|r| &r[col("status")] == "candidate")
        .collect();
    assert!(candidates.len() > 100, "{} candidates", candidates.len());
    assert!(candidates.iter().all(|r| r[col("en")].is_empty()));
    for not_candidate in ["上海精神", "各位同事", "时候"] {
        assert!(
            candidates.iter().all(|r| &r[col("zh")] != not_candidate),
            "{not_candidate} is a candidate"
        );
    }
    assert!(candidates.iter().any(|r| &r[col("zh")] == "中塔关系"));
}

#[test]
fn a_new_document_is_the_only_one_read_and_its_terms_are_reported() {
    let dir = seed_project("build-incremental");
    build_json(&dir, &[]);
    let new_doc = project_root().join("tests/fixtures/glossary/tianjin.txt");
    dir.write("seeds/tianjin.txt", std::fs::read(new_doc).unwrap());
    let report = build_json(&dir, &[]);
    assert_eq!(strings(&report["read"]), ["tianjin.txt"]);
    assert_eq!(report["segmented"], 1);
    assert_eq!(report["cached"], 6);
    assert_eq!(strings(&report["added"]), ["tianjin.txt"]);
    let new: Vec<&str> = report["new_candidates"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["zh"].as_str().unwrap())
        .collect();
    for term in ["天津峰会", "全球治理倡议", "上合组织开发银行"] {
        assert!(new.contains(&term), "{term} not reported in {new:?}");
    }
    let changes = report["count_changes"].as_array().unwrap();
    let spirit = changes
        .iter()
        .find(|c| c["zh"] == "上海精神")
        .expect("上海精神 changed");
    assert_eq!(
        (spirit["before"].as_u64(), spirit["after"].as_u64()),
        (Some(37), Some(38))
    );

    // The text report says the same for people.
    std::fs::remove_file(dir.path("seeds/tianjin.txt")).unwrap();
    let run = dir.run(&["build"]);
    run.expect_code(0);
    let text = run.stdout();
    assert!(text.contains("removed: tianjin.txt"), "{text}");
    assert!(
        text.contains("read 0 document(s), 6 from the cache"),
        "{text}"
    );
    assert!(text.contains("candidates gone (4)"), "{text}");
}

#[test]
fn counts_updated_for_a_new_document_equal_a_build_from_scratch() {
    let dir = seed_project("build-updated-counts");
    build_json(&dir, &[]);
    let new_doc = project_root().join("tests/fixtures/glossary/tianjin.txt");
    dir.write("seeds/tianjin.txt", std::fs::read(&new_doc).unwrap());
    let report = build_json(&dir, &[]);
    let recounts = report["recounts"].as_array().unwrap();
    assert_eq!(recounts.len(), 2, "{recounts:?}");
    for list in recounts {
        // Only the new document was counted; terms new to the list were counted over all.
        assert_eq!(list["full"], false, "{list}");
        assert_eq!(list["documents"], 1, "{list}");
    }
    assert!(recounts[0]["terms"].as_u64().unwrap() > 0);

    let fresh = seed_project("build-updated-counts-fresh");
    fresh.write("seeds/tianjin.txt", std::fs::read(&new_doc).unwrap());
    let report = build_json(&fresh, &[]);
    assert!(
        report["recounts"]
            .as_array()
            .unwrap()
            .iter()
            .all(|l| l["full"] == true)
    );
    assert_eq!(
        snapshot(&dir.path("glossary")),
        snapshot(&fresh.path("glossary"))
    );
    for file in ["lookup.idx", "sentences.bin"] {
        let cached = |d: &crate::util::TestDir| {
            std::fs::read(d.path(&format!("glossary/.cache/{file}"))).unwrap()
        };
        assert!(cached(&dir) == cached(&fresh), "{file} differs");
    }
}

#[test]
fn an_edited_document_is_read_again_and_a_touched_one_is_not_segmented() {
    let dir = seed_project("build-edited");
    build_json(&dir, &[]);
    let path = dir.path("seeds/002_2016864b0a6fc1ce.txt");
    let mut text = std::fs::read_to_string(&path).unwrap();
    text.push_str("\n我们要弘扬“上海精神”。\n");
    std::fs::write(&path, &text).unwrap();
    let report = build_json(&dir, &[]);
    assert_eq!(strings(&report["changed"]), ["002_2016864b0a6fc1ce.txt"]);
    assert_eq!(report["segmented"], 1);

    // Same bytes written again (a git checkout): hashed, not parsed or segmented.
    std::fs::write(&path, &text).unwrap();
    let report = build_json(&dir, &["--force"]);
    assert_eq!(report["segmented"], 0);
    assert!(strings(&report["read"]).is_empty());
}

/// Sets the modification time of every file under `dir` to `seconds` ago.
fn age_files(dir: &std::path::Path, seconds: u64) {
    let when = std::time::SystemTime::now() - std::time::Duration::from_secs(seconds);
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_file() {
            let file = std::fs::File::options().write(true).open(&path).unwrap();
            file.set_modified(when).unwrap();
        }
    }
}

/// The stages a build timed, by name.
fn stages(report: &Value) -> Vec<String> {
    report["timings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t[0].as_str().unwrap().to_string())
        .collect()
}

#[test]
fn nothing_changed_is_decided_from_file_times_before_any_document_is_read() {
    let dir = seed_project("build-quick");
    age_files(&dir.path("seeds"), 600);
    age_files(&dir.path("glossary"), 600);
    let first = build_json(&dir, &[]);
    let again = build_json(&dir, &[]);
    assert_eq!(again["up_to_date"], true);
    assert_eq!(stages(&again), ["check files"], "{again}");
    // The report is the one the full build gave.
    for key in ["documents", "chinese", "pairs"] {
        assert_eq!(again[key], first[key].clone(), "{key}");
    }
    assert_eq!(again["cached"], first["documents"].clone());

    // A file touched without a change: the full check says up to date and records the new
    // times, so the build after it is quick again.
    let doc = dir.path("seeds/002_2016864b0a6fc1ce.txt");
    std::fs::write(&doc, std::fs::read(&doc).unwrap()).unwrap();
    age_files(&dir.path("seeds"), 300);
    let touched = build_json(&dir, &[]);
    assert_eq!(touched["up_to_date"], true);
    assert!(stages(&touched).contains(&"read corpus".to_string()));
    assert_eq!(stages(&build_json(&dir, &[])), ["check files"]);

    // An output edited by hand is written again.
    let csv = dir.path("glossary/glossary.csv");
    let written = std::fs::read(&csv).unwrap();
    std::fs::write(&csv, b"zh,en\n").unwrap();
    let repaired = build_json(&dir, &[]);
    assert_eq!(repaired["up_to_date"], false);
    assert_eq!(std::fs::read(&csv).unwrap(), written);

    // A document changed, even with its old size and an old time: read again.
    let text = std::fs::read_to_string(&doc).unwrap();
    std::fs::write(&doc, text.replacen('的', "之", 1)).unwrap();
    age_files(&dir.path("seeds"), 200);
    let changed = build_json(&dir, &[]);
    assert_eq!(changed["up_to_date"], false);
    assert_eq!(strings(&changed["changed"]), ["002_2016864b0a6fc1ce.txt"]);

    // A document written a moment ago is not judged by its time: the full check decides.
    std::fs::write(&doc, std::fs::read(&doc).unwrap()).unwrap();
    let recent = build_json(&dir, &[]);
    assert_eq!(recent["up_to_date"], true);
    assert!(stages(&recent).contains(&"read corpus".to_string()));
}

#[test]
fn a_curated_conflict_is_reported_with_both_lines() {
    let dir = seed_project("build-conflict");
    dir.write(
        "glossary/curated.csv",
        "id,zh,en,status\nc1,上海精神,Shanghai Spirit,preferred\nc1,上海精神,Spirit of Shanghai,preferred\n",
    );
    let run = dir.run(&["build"]);
    run.expect_code(0).expect_stderr(
        "上海精神 has two preferred English renderings: \"Shanghai Spirit\" (line 2) and \"Spirit of Shanghai\" (line 3)",
    );
}

/// Each bad curated file stops the build before anything is written: the error names the
/// file, line and column, and the previous outputs stay as they were.
#[test]
fn bad_curated_files_stop_the_build_and_write_nothing() {
    let cases: [(&str, &[u8], &str); 6] = [
        ("missing column", b"id,zh,en\nc1,a,b\n", "line 1"),
        (
            "bad status",
            "id,zh,en,status\nc1,上海精神,Shanghai Spirit,approved\n".as_bytes(),
            "line 2, column status: \"approved\" is not a status",
        ),
        (
            "unclosed quote",
            "id,zh,en,status,note\nc1,上海精神,Shanghai Spirit,preferred,\"open\nc2,三股势力,three evil forces,preferred,\n".as_bytes(),
            "line 2: a quote (\") opened here is never closed",
        ),
        (
            "duplicate id",
            "id,zh,en,status\nc1,上海精神,Shanghai Spirit,preferred\nc2,三股势力,three evil forces,preferred\nc1,上合组织,SCO,preferred\n".as_bytes(),
            "line 4, column id: c1 is already the id of the concept starting on line 2",
        ),
        (
            "not UTF-8",
            // 上海精神 in GBK.
            b"id,zh,en,status\nc1,\xc9\xcf\xba\xa3\xbe\xab\xc9\xf1,Shanghai Spirit,preferred\n",
            "line 2: not UTF-8",
        ),
        (
            "wrong number of cells",
            "id,zh,en,status\nc1,上海精神,Shanghai Spirit,preferred,extra\n".as_bytes(),
            "line 2: 5 cells but the header has 4",
        ),
    ];
    let dir = seed_project("build-bad-curated");
    build_json(&dir, &[]);
    let before = snapshot(&dir.path("glossary"));
    for (what, bytes, message) in cases {
        dir.write("glossary/curated.csv", bytes);
        let run = dir.run(&["build"]);
        run.expect_code(2).expect_stderr(message);
        assert!(
            run.stderr().contains("curated.csv"),
            "{what}: no file named\n{run}"
        );
        let mut after = snapshot(&dir.path("glossary"));
        after.remove("curated.csv");
        let mut expected = before.clone();
        expected.remove("curated.csv");
        assert_eq!(after, expected, "{what}: outputs changed");
    }
}

#[test]
fn a_failed_write_leaves_every_previous_output() {
    let dir = seed_project("build-failed-write");
    build_json(&dir, &[]);
    let before = snapshot(&dir.path("glossary"));
    // The curated file changes, so every output would change; one of them cannot be written.
    let mut curated = std::fs::read_to_string(dir.path("glossary/curated.csv")).unwrap();
    curated.push_str("c9999,中塔关系,China-Tajikistan relations,preferred,,,,,,,,,\n");
    dir.write("glossary/curated.csv", &curated);
    std::fs::remove_file(dir.path("glossary/memory.tmx")).unwrap();
    std::fs::create_dir(dir.path("glossary/memory.tmx")).unwrap();
    let run = dir.run(&["build"]);
    run.expect_code(2).expect_stderr("memory.tmx");
    let mut after = snapshot(&dir.path("glossary"));
    let mut expected = before;
    for map in [&mut after, &mut expected] {
        map.remove("curated.csv");
        map.remove("memory.tmx");
    }
    assert_eq!(after, expected);
}

#[test]
fn a_missing_corpus_is_an_error_naming_it() {
    let dir = TestDir::new("build-no-corpus");
    dir.run(&["build", "nowhere"])
        .expect_code(2)
        .expect_stderr("corpus folder nowhere does not exist");
    assert!(!dir.path("glossary").exists(), "nothing written");
}

#[test]
fn the_bundled_pair_feeds_the_memory_and_proposes_english_for_candidates() {
    let dir = seed_project("build-pair");
    let report = build_json(&dir, &[]);
    assert_eq!(report["aligned_documents"], 1);
    assert_eq!(report["sentence_pairs"], 48);

    // Sentence pairs in the memory, after the term pairs, with document, year and score.
    let tmx = std::fs::read_to_string(dir.path("glossary/memory.tmx")).unwrap();
    assert!(tmx.contains("<prop type=\"x-document\">000_2578177fb6339ac5.txt</prop>"));
    assert!(tmx.contains("<seg>谢谢大家。</seg>") && tmx.contains("<seg>Thank you.</seg>"));
    assert!(tmx.contains("<prop type=\"x-align-score\">"));
    // `export --format tmx` gives the same memory.
    let export = dir.run(&["export", "--format", "tmx"]);
    export.expect_code(0);
    assert_eq!(export.stdout(), tmx);

    // Proposals: in glossary.csv with their evidence, never in curated.csv.
    let mut reader = csv::Reader::from_path(dir.path("glossary/glossary.csv")).unwrap();
    let header = reader.headers().unwrap().clone();
    let col = |name: &str| header.iter().position(|h| h == name).unwrap();
    let proposed: Vec<(String, String, String)> = reader
        .records()
        .map(|r| r.unwrap())
        .filter(|r| !r[col("proposed_en")].is_empty())
        .map(|r| {
            (
                r[col("zh")].to_string(),
                r[col("proposed_en")].to_string(),
                r[col("usage_evidence")].to_string(),
            )
        })
        .collect();
    assert!(proposed.len() >= 20, "{} proposals", proposed.len());
    let camp = proposed
        .iter()
        .find(|p| p.0 == "青年交流营")
        .expect("a proposal for 青年交流营");
    assert_eq!(camp.1, "youth exchange camp");
    assert_eq!(camp.2, "1 of 1 aligned, 1 pair, 1 document, 2024");
    let curated = std::fs::read_to_string(dir.path("glossary/curated.csv")).unwrap();
    assert!(!curated.contains("youth exchange camp"));

    // Lookup shows the proposal, marked as not reviewed, with its evidence: the aligned
    // pair, the term and its English marked.
    let card = dir.run(&["lookup", "青年交流营"]);
    card.expect_code(0);
    for line in [
        "proposed    youth exchange camp (from aligned translations; not reviewed)",
        "translated  youth exchange camp 1 (100%)",
        "1 of 1 aligned, 1 pair, 1 document, 2024",
        "继续办好传统医学论坛、民间友好论坛、【青年交流营】、青年发展论坛等品牌活动",
        "the 【youth exchange camp】 and the youth development forum",
    ] {
        assert!(card.stdout().contains(line), "{line:?} in {card}");
    }
    // See: issue 15. The exports a CAT tool reads carry no unreviewed proposal, and every row
    // of the CSV export has a status.
    for name in ["glossary.export.csv", "glossary.tbx", "glossary-omegat.txt"] {
        let text = std::fs::read_to_string(dir.path("glossary").join(name)).unwrap();
        assert!(
            !text.contains("youth exchange camp"),
            "{name} holds a proposal"
        );
        assert!(!text.contains("not reviewed"), "{name} holds a proposal");
    }
    // The memory keeps its sentence pairs (where the phrase occurs), but no proposed term unit.
    let memory = std::fs::read_to_string(dir.path("glossary/memory.tmx")).unwrap();
    assert!(
        memory.contains("youth exchange camp"),
        "the sentence pairs are there"
    );
    assert!(!memory.contains(r#"<prop type="x-status">proposed</prop>"#));
    let csv_export = std::fs::read_to_string(dir.path("glossary/glossary.export.csv")).unwrap();
    let mut reader = csv::Reader::from_reader(csv_export.trim_start_matches('\u{feff}').as_bytes());
    let status = reader
        .headers()
        .unwrap()
        .iter()
        .position(|h| h == "status")
        .unwrap();
    for record in reader.records() {
        let record = record.unwrap();
        assert!(
            !record[status].is_empty(),
            "a row without status: {record:?}"
        );
    }
    // Asked for, they come marked as proposals, never as approved terms.
    for (format, marked) in [
        ("csv", ",proposed,"),
        ("tbx", "not reviewed"),
        ("omegat", "not reviewed"),
        ("tmx", "<prop type=\"x-status\">proposed</prop>"),
    ] {
        let run = dir.run(&["export", "--format", format, "--include-proposed"]);
        let text = run.expect_code(0).stdout();
        let line = text
            .lines()
            .skip_while(|l| !l.contains("青年交流营"))
            .take(12)
            .collect::<Vec<_>>()
            .join("\n");
        assert!(
            text.contains("youth exchange camp"),
            "{format}: no proposal"
        );
        assert!(
            line.contains(marked) || text.contains(marked),
            "{format}: {line}"
        );
    }
    let tbx = dir
        .run(&["export", "--format", "tbx", "--include-proposed"])
        .stdout();
    let unit = tbx
        .split("<termEntry")
        .find(|entry| entry.contains("youth exchange camp"))
        .unwrap();
    assert!(!unit.contains("administrativeStatus"), "{unit}");
}

// See: issue 14. A document named with brackets and a comma was cut at its ` (` when the
// context cell was parsed back: the TMX term units said `x-document` = `1)`.
#[test]
fn a_document_name_with_brackets_and_commas_is_named_exactly_everywhere() {
    const NAME: &str = "speech (1), final.txt";
    let dir = TestDir::new("hostile-name");
    dir.write(
        &format!("corpus/{NAME}"),
        "（2024年7月4日，阿斯塔纳）\n\n我们要弘扬“上海精神”，深化团结协作。\n\n“上海精神”是我们的共同财富。\n",
    );
    dir.write(
        "corpus/speech (1), final.en.txt",
        "(Astana, 4 July 2024)\n\nWe must carry forward the Shanghai Spirit and deepen solidarity.\n\nThe Shanghai Spirit is our common asset.\n",
    );
    dir.write(
        "out/curated.csv",
        "id,zh,en,status\nc1,上海精神,Shanghai Spirit,preferred\n",
    );
    dir.run(&["build", "corpus", "-g", "out"]).expect_code(0);

    let memory = std::fs::read_to_string(dir.path("out/memory.tmx")).unwrap();
    let documents: Vec<&str> = memory
        .split(r#"<prop type="x-document">"#)
        .skip(1)
        .map(|rest| rest.split('<').next().unwrap())
        .collect();
    assert!(!documents.is_empty(), "no x-document in\n{memory}");
    assert!(documents.iter().all(|d| *d == NAME), "{documents:?}");

    let card = dir.run(&["lookup", "上海精神", "-g", "out", "--format", "json"]);
    let contexts = card.expect_code(0).json()["contexts"].clone();
    let docs: Vec<&str> = contexts
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["doc"].as_str().unwrap())
        .collect();
    assert!(
        !docs.is_empty() && docs.iter().all(|d| *d == NAME),
        "{docs:?}"
    );

    let merged = std::fs::read_to_string(dir.path("out/glossary.csv")).unwrap();
    let mut reader = csv::Reader::from_reader(merged.as_bytes());
    let column = reader
        .headers()
        .unwrap()
        .iter()
        .position(|h| h == "corpus_context")
        .unwrap();
    let cells: Vec<String> = reader
        .records()
        .map(|r| r.unwrap()[column].to_string())
        .filter(|c| !c.is_empty())
        .collect();
    assert!(!cells.is_empty());
    for cell in &cells {
        assert!(
            cell.ends_with(r#" ("speech (1), final.txt", 2024)"#),
            "{cell}"
        );
    }

    // `export` reads glossary.csv back: the same names.
    std::fs::remove_dir_all(dir.path("out/.cache")).unwrap();
    let exported = dir.run(&["export", "--format", "tmx", "-g", "out"]);
    let exported = exported.expect_code(0).stdout();
    assert!(exported.contains(&format!(r#"<prop type="x-document">{NAME}</prop>"#)));
    assert!(!exported.contains(r#"<prop type="x-document">1)</prop>"#));
    let card = dir.run(&["lookup", "上海精神", "-g", "out", "--format", "json"]);
    assert_eq!(card.expect_code(0).json()["contexts"][0]["doc"], NAME);
}
