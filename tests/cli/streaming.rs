//! A build reads each document's text again from its cache when a stage needs it, instead of
//! holding every text (`--hold-texts` holds them): the outputs must be byte for byte the same,
//! on a first build and on one that adds a document.

use std::collections::BTreeMap;
use std::path::Path;

use crate::util::{TestDir, seed_project, seeds};

#[path = "../../benches/common/synth.rs"]
mod synth;

/// Every output of a build, the ones under `.cache/` that are outputs included.
fn outputs(glossary: &Path) -> BTreeMap<String, Vec<u8>> {
    let mut files = crate::util::snapshot(glossary);
    files.remove("curated.csv");
    for name in ["lookup.idx", "sentences.bin"] {
        let bytes = std::fs::read(glossary.join(".cache").join(name)).expect("a cache output");
        files.insert(format!(".cache/{name}"), bytes);
    }
    files
}

/// Builds `corpus` into two folders of `dir`, texts held and not; checks that they hold the
/// same outputs and returns them.
fn build_both_ways(dir: &TestDir, corpus: &str) -> BTreeMap<String, Vec<u8>> {
    let curated = crate::util::project_root().join("glossary/curated.csv");
    let curated = curated.to_str().expect("a UTF-8 path");
    for (out, hold) in [("streamed", false), ("held", true)] {
        let mut args = vec!["build", "-q", "--corpus", corpus, "-g", out];
        args.extend(["--curated", curated]);
        if hold {
            args.push("--hold-texts");
        }
        dir.run(&args).expect_code(0);
    }
    let streamed = outputs(&dir.path("streamed"));
    let held = outputs(&dir.path("held"));
    assert!(
        streamed.contains_key("glossary.csv"),
        "{:?}",
        streamed.keys()
    );
    for (name, bytes) in &held {
        assert!(
            streamed.get(name) == Some(bytes),
            "{name} differs between a build that holds the texts and one that reads them again"
        );
    }
    assert_eq!(streamed.len(), held.len());
    streamed
}

#[test]
fn texts_read_again_give_the_outputs_of_texts_held() {
    let dir = seed_project("streaming");
    let first = build_both_ways(&dir, "seeds");
    // A document added: counts are updated from the last build's, texts read again or not.
    let speech =
        std::fs::read_to_string(seeds().join("003_8c2ff1bd2990f71e.txt")).expect("read a seed");
    dir.write(
        "seeds/005_added.txt",
        speech.replace("上海合作组织", "上海合作组织秘书处"),
    );
    let second = build_both_ways(&dir, "seeds");
    assert_ne!(first["glossary.csv"], second["glossary.csv"]);
}

/// The same on a generated corpus of 10 MB (the seeds' paragraphs recombined, one document
/// in ten GBK): slow in a debug build, so run with the ignored tests.
#[test]
#[ignore = "builds a 10 MB corpus twice"]
fn texts_read_again_give_the_outputs_of_texts_held_on_10_mb() {
    let dir = TestDir::new("streaming-10mb");
    let pool = synth::Pool::from_dir(&seeds());
    for doc in synth::generate(&pool, 10 << 20, 7) {
        let bytes = if doc.gbk {
            encoding_rs::GBK.encode(&doc.text).0.into_owned()
        } else {
            doc.text.into_bytes()
        };
        dir.write(&format!("corpus/{}", doc.name), bytes);
    }
    let outputs = build_both_ways(&dir, "corpus");
    let csv = String::from_utf8_lossy(&outputs["glossary.csv"]);
    assert!(csv.lines().count() > 1000, "{} rows", csv.lines().count());
}
