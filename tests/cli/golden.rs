//! Golden outputs: the committed `glossary/` folder is what a fresh `glossary build` of the
//! bundled corpus (`seeds/` and `glossary/curated.csv`) writes, byte for byte.
//!
//! When a change to the program changes the outputs on purpose, regenerate them with
//! `GLOSSARY_BLESS=1 cargo test --test cli golden`: the test then writes the built files into
//! `glossary/` (and removes committed outputs the build no longer writes) instead of failing.
//! Review the change with `git diff glossary/` and commit it with the change that caused it.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use crate::util::{TestDir, project_root, run_in, snapshot};

/// Files of `glossary/` that are not written by `build`: its input, and the folder's notes.
const NOT_OUTPUTS: [&str; 2] = ["curated.csv", "README.md"];

/// The outputs in `dir`: every file directly in it that is not hidden (the cache is in
/// `.cache/`) and not one of [`NOT_OUTPUTS`].
fn outputs(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    snapshot(dir)
        .into_iter()
        .filter(|(name, _)| !name.starts_with('.') && !NOT_OUTPUTS.contains(&name.as_str()))
        .collect()
}

/// Where `built` first differs from `committed`: the line number and both lines, cut to a
/// window around the first differing character (some lines of `report.html` are long).
fn first_difference(committed: &[u8], built: &[u8]) -> String {
    let committed = String::from_utf8_lossy(committed);
    let built = String::from_utf8_lossy(built);
    let (mut old_lines, mut new_lines) = (committed.split('\n'), built.split('\n'));
    for number in 1.. {
        let (old, new) = (old_lines.next(), new_lines.next());
        if old == new {
            if old.is_none() {
                break;
            }
            continue;
        }
        let (old, new) = (
            old.unwrap_or("(end of file)"),
            new.unwrap_or("(end of file)"),
        );
        let column = old
            .chars()
            .zip(new.chars())
            .take_while(|(a, b)| a == b)
            .count();
        let window = |line: &str| -> String {
            let from = column.saturating_sub(40);
            let cut: String = line.chars().skip(from).take(120).collect();
            let before = if from > 0 { "…" } else { "" };
            let after = if line.chars().count() > from + 120 {
                "…"
            } else {
                ""
            };
            format!("{before}{cut}{after}")
        };
        return format!(
            "first difference on line {number}, character {}:\n  committed: {}\n  built:     {}",
            column + 1,
            window(old),
            window(new)
        );
    }
    "the same lines (cannot happen for different bytes)".into()
}

/// Builds the seeds into a temporary folder and compares every output with `glossary/`.
#[test]
fn a_fresh_build_of_the_seeds_writes_the_committed_glossary_folder() {
    let root = project_root();
    let committed_dir = root.join("glossary");
    let tmp = TestDir::new("golden");
    let curated = std::fs::read(committed_dir.join("curated.csv")).expect("read curated.csv");
    tmp.write("curated.csv", &curated);
    run_in(
        &root,
        &["build", "seeds", "-g", tmp.root().to_str().unwrap(), "-q"],
    )
    .expect_code(0);
    assert_eq!(
        std::fs::read(tmp.path("curated.csv")).unwrap(),
        curated,
        "build changed curated.csv"
    );

    let built = outputs(tmp.root());
    let committed = outputs(&committed_dir);
    assert!(
        built.contains_key("glossary.csv"),
        "the build wrote no glossary.csv: {:?}",
        built.keys().collect::<Vec<_>>()
    );

    if std::env::var("GLOSSARY_BLESS").is_ok_and(|v| v == "1") {
        for (name, bytes) in &built {
            if committed.get(name) != Some(bytes) {
                std::fs::write(committed_dir.join(name), bytes).expect("write a golden file");
                eprintln!("GLOSSARY_BLESS: wrote glossary/{name}");
            }
        }
        for name in committed.keys().filter(|n| !built.contains_key(*n)) {
            std::fs::remove_file(committed_dir.join(name)).expect("remove a golden file");
            eprintln!("GLOSSARY_BLESS: removed glossary/{name} (no longer written by build)");
        }
        return;
    }

    let names: BTreeSet<&String> = built.keys().chain(committed.keys()).collect();
    let mut problems = Vec::new();
    for name in names {
        match (committed.get(name), built.get(name)) {
            (Some(old), Some(new)) if old != new => problems.push(format!(
                "glossary/{name} differs from the build's: {}",
                first_difference(old, new)
            )),
            (Some(_), None) => problems.push(format!(
                "glossary/{name} is there, but the build does not write it"
            )),
            (None, Some(_)) => {
                problems.push(format!("the build writes {name}, which glossary/ lacks"))
            }
            _ => {}
        }
    }
    assert!(
        problems.is_empty(),
        "the committed glossary/ is not what a fresh build of the seeds writes \
         (if the change is intended, regenerate it with \
         `GLOSSARY_BLESS=1 cargo test --test cli golden` and review `git diff glossary/`):\n{}",
        problems.join("\n")
    );
}

#[test]
fn first_difference_names_the_line_and_cuts_long_lines() {
    assert_eq!(
        first_difference(b"a\nb\nc\n", b"a\nB\nc\n"),
        "first difference on line 2, character 1:\n  committed: b\n  built:     B"
    );
    assert_eq!(
        first_difference(b"a\n", b"a\nmore\n"),
        "first difference on line 2, character 1:\n  committed: \n  built:     more"
    );
    let (long, x40, tail) = ("x".repeat(1000), "x".repeat(40), "w".repeat(500));
    assert_eq!(
        first_difference(
            format!("{long}y{tail}").as_bytes(),
            format!("{long}z{tail}").as_bytes()
        ),
        format!(
            "first difference on line 1, character 1001:\n  committed: …{x40}y{}…\n  built:     …{x40}z{}…",
            &tail[..79],
            &tail[..79]
        )
    );
}
