//! `glossary corpus`: the seeds, the fixtures, and bad input.

use std::collections::BTreeMap;

use crate::util::{TestDir, project_root, run_in, seeds};

const SEED_002: &str = "002_2016864b0a6fc1ce.txt";

fn seed_text(name: &str) -> String {
    std::fs::read_to_string(seeds().join(name)).expect("read a seed")
}

/// The years of the five Chinese seeds, each from evidence in its own text; the English
/// translation of seed 000 takes its original's.
#[test]
fn seeds_are_dated_from_their_own_text() {
    let run = run_in(&project_root(), &["corpus", "--format", "json"]);
    run.expect_code(0);
    let docs = run.json();
    let docs = docs.as_array().expect("an array");
    assert_eq!(docs.len(), 6, "{run}");
    let (english, chinese): (Vec<&serde_json::Value>, Vec<&serde_json::Value>) =
        docs.iter().partition(|d| d["lang"] == "en");
    assert_eq!(english.len(), 1);
    let en = english[0];
    assert_eq!(en["id"], "000_2578177fb6339ac5.en.txt");
    assert_eq!(
        (en["year"].as_i64(), en["year_source"].as_str()),
        (Some(2024), Some("original"))
    );
    assert_eq!(en["paired_with"], "000_2578177fb6339ac5.txt");
    let years: BTreeMap<String, i64> = chinese
        .iter()
        .map(|d| {
            assert_eq!(d["year_source"], "text", "{d}");
            let evidence = d["year_evidence"]["text"].as_str().expect("evidence text");
            let year = d["year"].as_i64().expect("a year");
            assert!(evidence.contains(&year.to_string()), "{d}");
            for key in ["file", "lang", "title", "sentences", "paired_with"] {
                assert!(d.get(key).is_some(), "key {key} missing in {d}");
            }
            assert_eq!(d["lang"], "zh");
            (d["id"].as_str().unwrap()[..3].to_string(), year)
        })
        .collect();
    let expected: BTreeMap<String, i64> = [
        ("000", 2024),
        ("001", 2024),
        ("002", 2014),
        ("003", 2024),
        ("004", 2021),
    ]
    .into_iter()
    .map(|(k, v)| (k.to_string(), v))
    .collect();
    assert_eq!(years, expected);
}

/// Seed 002 is cut by page breaks in seven places: every body sentence must come out whole,
/// and 上合组织 must be counted 28 times (27 on single lines, one across a break).
#[test]
fn seed_002_has_no_sentence_broken_across_a_page_break() {
    let run = run_in(
        &project_root(),
        &["corpus", "--show", &format!("seeds/{SEED_002}")],
    );
    run.expect_code(0);
    let out = run.stdout();
    assert_eq!(out.matches("上合组织").count(), 28, "{run}");
    for joined in [
        "谋稳定、求发展、促民生提供可靠安全保障",
        "加快环保信息共享平台建设",
        "扩员大门将正式打开",
        "进一步开展切实合作应对新的安全挑战和威胁",
        "落实2012年6月30日《日内瓦公报》",
        "信息通信及其他基础设施的项目",
        "对发展上合组织地区实业、贸易和投资合作具有重要作用",
    ] {
        assert!(out.contains(joined), "{joined:?} is not whole\n{run}");
    }
    // Only headings (the title and the numbered sections) may lack sentence punctuation.
    let unterminated: Vec<&str> = out
        .lines()
        .filter(|l| !l.ends_with(['。', '！', '？', '；', '：', '”', '’', '）']))
        .collect();
    assert!(
        unterminated
            .iter()
            .skip(2)
            .all(|l| l.chars().all(|c| "一二三四五六七八九十".contains(c))),
        "unterminated lines: {unterminated:?}"
    );
}

/// The fixture copies each pattern of the scrapes (page break, markers, caption, Markdown,
/// stray `and`, half- and full-width forms, several articles); its expected output is in
/// `EXPECTED.tsv` beside it.
#[test]
fn scrape_fixture_normalises_to_its_expected_sentences() {
    let dir = project_root().join("tests/fixtures/corpus/scrape");
    let expected: String = std::fs::read_to_string(dir.join("EXPECTED.tsv"))
        .expect("read EXPECTED.tsv")
        .lines()
        .filter(|l| !l.starts_with('#'))
        .map(|l| format!("{l}\n"))
        .collect();
    let run = run_in(&dir, &["corpus", ".", "--show", "expo_2023.txt", "--lines"]);
    run.expect_code(0);
    assert_eq!(run.stdout(), expected);

    let listing = run_in(&dir, &["corpus", ".", "--format", "json"]);
    let doc = &listing.json()[0];
    assert_eq!(doc["year"], 2023);
    assert_eq!(doc["year_evidence"]["rule"], "header date");
    assert_eq!(doc["articles"], 3);
    assert_eq!(
        doc["titles"],
        serde_json::json!(["深化务实合作 共创美好未来", "博览会签约项目创新高"])
    );
}

/// All five Chinese seeds, encoded as GBK, read exactly as their UTF-8 originals.
#[test]
fn gbk_copies_of_the_seeds_read_identically() {
    let dir = TestDir::new("gbk");
    for entry in std::fs::read_dir(seeds()).unwrap() {
        let name = entry.unwrap().file_name().into_string().unwrap();
        if !name.ends_with(".txt") || name.ends_with(".en.txt") {
            // English is the same bytes in GBK and UTF-8; the manifest is UTF-8 by contract.
            continue;
        }
        let text = seed_text(&name);
        let (bytes, _, unmappable) = encoding_rs::GBK.encode(&text);
        assert!(!unmappable, "{name} has characters GBK lacks");
        dir.write(&format!("gbk/{name}"), &bytes);
        dir.write(&format!("utf8/{name}"), &text);
        let show = |sub: &str| {
            let run = dir.run(&["corpus", "--show", &format!("{sub}/{name}"), "--lines"]);
            run.expect_code(0);
            run.stdout()
        };
        assert_eq!(show("gbk"), show("utf8"), "{name}");
    }
    let listing = |sub: &str| {
        let run = dir.run(&["corpus", sub, "--format", "json"]);
        run.expect_code(0);
        let mut docs = run.json();
        for doc in docs.as_array_mut().unwrap() {
            let obj = doc.as_object_mut().unwrap();
            obj.remove("file");
            assert_eq!(
                obj.remove("encoding").unwrap(),
                if sub == "gbk" { "GB18030" } else { "UTF-8" }
            );
        }
        docs
    };
    assert_eq!(listing("gbk"), listing("utf8"));
}

/// A BOM, CRLF line ends and UTF-16 change nothing in what is read.
#[test]
fn bom_crlf_and_utf16_read_like_plain_utf8() {
    let dir = TestDir::new("bom");
    let text = seed_text(SEED_002);
    dir.write("plain/a.txt", &text);
    let crlf = text.replace('\n', "\r\n");
    dir.write(
        "bom/a.txt",
        [b"\xEF\xBB\xBF".as_slice(), crlf.as_bytes()].concat(),
    );
    let utf16: Vec<u8> = [0xFF, 0xFE]
        .into_iter()
        .chain(crlf.encode_utf16().flat_map(u16::to_le_bytes))
        .collect();
    dir.write("utf16/a.txt", utf16);
    let show = |sub: &str| {
        let run = dir.run(&["corpus", "--show", &format!("{sub}/a.txt"), "--lines"]);
        run.expect_code(0);
        run.stdout()
    };
    let plain = show("plain");
    assert_eq!(show("bom"), plain);
    assert_eq!(show("utf16"), plain);
}

#[test]
fn translations_pair_with_their_originals_by_name() {
    let dir = project_root().join("tests/fixtures/corpus/paired");
    let run = run_in(&dir, &["corpus", ".", "--format", "json"]);
    run.expect_code(0);
    let docs = run.json();
    let by_id = |id: &str| {
        docs.as_array()
            .unwrap()
            .iter()
            .find(|d| d["id"] == id)
            .cloned()
            .unwrap()
    };
    let (zh, en) = (by_id("forum.txt"), by_id("forum.en.txt"));
    assert_eq!(
        (zh["lang"].as_str(), en["lang"].as_str()),
        (Some("zh"), Some("en"))
    );
    assert_eq!(zh["paired_with"], "forum.en.txt");
    assert_eq!(en["paired_with"], "forum.txt");
    assert_eq!(en["year"], 2022);
    assert_eq!(en["year_source"], "original");
}

#[test]
fn manifest_overrides_year_and_title_and_pairs_by_translation_of() {
    let dir = TestDir::new("manifest");
    dir.write(
        "c/a.txt",
        "上合组织成员国领导人举行会晤。双方高度评价合作成果。\n",
    );
    dir.write(
        "c/b.txt",
        "The leaders of the member states met. Both sides praised the results.\n",
    );
    dir.write(
        "c/manifest.csv",
        "file,year,title,lang,translation_of,our_notes\na.txt,2019,会晤,,,checked\nb.txt,,,en,a.txt,\n",
    );
    let run = dir.run(&["corpus", "c", "--format", "json"]);
    run.expect_code(0);
    let docs = run.json();
    assert_eq!(docs[0]["year"], 2019);
    assert_eq!(docs[0]["year_source"], "manifest");
    assert_eq!(docs[0]["title"], "会晤");
    assert_eq!(docs[0]["paired_with"], "b.txt");
    assert_eq!(docs[1]["year"], 2019);
    assert_eq!(docs[1]["year_source"], "original");
}

// ----------------------------------------------------------------------------------------
// Bad input: a clear message naming the file (and line), never a panic.

#[test]
fn a_missing_folder_is_an_error() {
    let dir = TestDir::new("missing");
    dir.run(&["corpus", "nowhere"])
        .expect_code(2)
        .expect_stderr("corpus folder nowhere does not exist");
}

#[test]
fn an_empty_folder_is_an_error() {
    let dir = TestDir::new("emptydir");
    std::fs::create_dir(dir.path("empty")).unwrap();
    dir.write("empty/.hidden.txt", "上海精神。");
    dir.write("empty/notes.docx", "x");
    dir.run(&["corpus", "empty"])
        .expect_code(2)
        .expect_stderr("no documents in empty");
}

#[test]
fn an_empty_file_is_a_warning_and_the_rest_is_read() {
    let dir = TestDir::new("emptyfile");
    dir.write("c/empty.txt", "");
    dir.write(
        "c/good.txt",
        "（2024年7月4日，阿斯塔纳）\n\n上合组织成员国领导人举行会晤。\n",
    );
    let run = dir.run(&["corpus", "c", "--format", "json"]);
    run.expect_code(0)
        .expect_stderr("glossary: warning: c/empty.txt: empty file; skipped");
    assert_eq!(run.json().as_array().unwrap().len(), 1);
}

#[test]
fn a_binary_file_is_skipped_with_its_path_and_the_status_is_2() {
    let dir = TestDir::new("binary");
    dir.write("c/scan.txt", b"%PDF-1.7\n\x00\x01\x02binary");
    dir.write("c/nul.md", b"abc\x00\x00\x00def");
    dir.write(
        "c/good.txt",
        "（2024年7月4日，阿斯塔纳）\n\n上合组织成员国领导人举行会晤。\n",
    );
    let run = dir.run(&["corpus", "c", "--format", "json"]);
    run.expect_code(2)
        .expect_stderr("glossary: error: c/scan.txt: a PDF file, not a text document")
        .expect_stderr("glossary: error: c/nul.md: a binary file (it contains NUL bytes)");
    let docs = run.json();
    assert_eq!(docs.as_array().unwrap().len(), 1);
    assert_eq!(docs[0]["id"], "good.txt");
}

#[test]
fn an_undecodable_file_names_its_encoding() {
    let dir = TestDir::new("big5");
    let (big5, _, _) = encoding_rs::BIG5.encode("上海合作組織成員國元首理事會會議在杜尚別舉行。");
    dir.write("c/trad.txt", &big5);
    dir.write("c/good.txt", "上合组织成员国领导人举行会晤。\n");
    dir.run(&["corpus", "c"])
        .expect_code(2)
        .expect_stderr("c/trad.txt: not valid UTF-8 (invalid byte on line 1) and not GB18030/GBK; it looks like Big5");
}

#[test]
fn a_manifest_naming_a_missing_file_names_the_line() {
    let dir = TestDir::new("manifest-missing");
    dir.write("c/a.txt", "上合组织成员国领导人举行会晤。\n");
    dir.write("c/manifest.csv", "file,year\na.txt,2024\ngone.txt,2023\n");
    let run = dir.run(&["corpus", "c", "--format", "json"]);
    run.expect_code(2).expect_stderr(
        "glossary: error: c/manifest.csv, line 3: column file: gone.txt does not exist in c",
    );
    assert_eq!(run.json()[0]["year"], 2024);
}

#[test]
fn a_manifest_with_a_non_numeric_year_names_line_and_column() {
    let dir = TestDir::new("manifest-year");
    dir.write(
        "c/a.txt",
        "（2024年7月4日，阿斯塔纳）\n\n上合组织成员国领导人举行会晤。\n",
    );
    dir.write("c/manifest.csv", "\u{FEFF}file,year\r\na.txt,二〇二三\r\n");
    let run = dir.run(&["corpus", "c", "--format", "json"]);
    run.expect_code(2)
        .expect_stderr("c/manifest.csv, line 2: column year: \"二〇二三\" is not a year");
    // The bad cell is ignored: the year still comes from the text.
    assert_eq!(run.json()[0]["year"], 2024);
}

#[test]
fn a_manifest_path_outside_the_corpus_is_refused() {
    let dir = TestDir::new("manifest-escape");
    dir.write("c/a.txt", "上合组织成员国领导人举行会晤。\n");
    dir.write("c/manifest.csv", "file,year\n../../etc/passwd,2024\n");
    dir.run(&["corpus", "c"])
        .expect_code(2)
        .expect_stderr("line 2: column file: \"../../etc/passwd\" is outside the corpus folder");
}

#[test]
fn a_manifest_without_a_file_column_is_an_error() {
    let dir = TestDir::new("manifest-header");
    dir.write("c/a.txt", "上合组织成员国领导人举行会晤。\n");
    dir.write("c/manifest.csv", "name,year\na.txt,2024\n");
    dir.run(&["corpus", "c"])
        .expect_code(2)
        .expect_stderr("c/manifest.csv, line 1: no `file` column in the header");
}

#[test]
fn a_document_without_a_date_gets_no_year_and_a_warning() {
    let dir = TestDir::new("noyear");
    dir.write(
        "c/a.txt",
        "中方建议将2025年确定为可持续发展年，对接2030年前国家发展战略。\n",
    );
    let run = dir.run(&["corpus", "c", "--format", "json"]);
    run.expect_code(0)
        .expect_stderr("c/a.txt: no year: no date of its own in the text");
    assert_eq!(run.json()[0]["year"], serde_json::Value::Null);
    assert_eq!(run.json()[0]["year_source"], "none");
}

#[test]
fn showing_a_file_that_does_not_exist_is_an_error() {
    let dir = TestDir::new("show-missing");
    std::fs::create_dir(dir.path("seeds")).unwrap();
    dir.run(&["corpus", "--show", "nope.txt"])
        .expect_code(2)
        .expect_stderr("showing nope.txt");
}
