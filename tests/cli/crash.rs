//! Builds killed at any moment, and two builds at once: outputs are always a complete old or a
//! complete new file, `curated.csv` is never touched, and the next build succeeds.

use std::collections::BTreeMap;
use std::io::Read;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use crate::util::{TestDir, project_root, seed_project, wait_until};

/// Every output of a build folder, the cache excepted: name → bytes.
fn outputs(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    let mut files = BTreeMap::new();
    for name in [
        "glossary.csv",
        "glossary.tbx",
        "glossary.export.csv",
        "glossary-omegat.txt",
        "memory.tmx",
        "report.html",
        ".cache/lookup.idx",
        ".cache/sentences.bin",
    ] {
        if let Ok(bytes) = std::fs::read(dir.join(name)) {
            files.insert(name.to_string(), bytes);
        }
    }
    files
}

fn build(dir: &TestDir) {
    dir.run(&["build", "-q"]).expect_code(0);
}

/// Temporary files left in a folder (not its subfolders).
fn leftovers(dir: &Path) -> Vec<String> {
    std::fs::read_dir(dir)
        .map(|entries| {
            entries
                .flatten()
                .map(|e| e.file_name().to_string_lossy().into_owned())
                .filter(|n| n.ends_with(".tmp"))
                .collect()
        })
        .unwrap_or_default()
}

/// How many kills: `GLOSSARY_KILLS`, else 24 (about half a minute in a debug build).
fn kills() -> usize {
    std::env::var("GLOSSARY_KILLS")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(24)
}

#[test]
fn a_build_killed_at_any_point_leaves_old_or_new_outputs_and_the_next_build_repairs() {
    let dir = seed_project("crash-kill");
    let new_doc =
        std::fs::read(project_root().join("tests/fixtures/glossary/tianjin.txt")).unwrap();
    let curated = std::fs::read(dir.path("glossary/curated.csv")).unwrap();

    // The two states the outputs may be in: without and with the new document; and how long
    // the two kinds of build killed below take (from an empty cache, and from the cache).
    let timed = |dir: &TestDir| {
        let started = Instant::now();
        build(dir);
        started.elapsed()
    };
    let from_scratch = timed(&dir);
    let without = outputs(&dir.path("glossary"));
    dir.write("seeds/tianjin.txt", &new_doc);
    let from_cache = timed(&dir);
    let with = outputs(&dir.path("glossary"));
    assert_ne!(without, with, "the new document changes the outputs");

    let n = kills();
    let mut killed_while_running = 0;
    // After each kill: outputs all as before, all new, or some of each (each file whole).
    let (mut all_old, mut all_new, mut some_of_each) = (0, 0, 0);
    for k in 0..n {
        // Alternate: remove the document, or add it back; kill a build of that change at a
        // point spread from a fifth of its length to past its end, where the outputs are
        // written (every fourth from an empty cache).
        let adding = k % 2 == 1;
        if adding {
            dir.write("seeds/tianjin.txt", &new_doc);
        } else {
            std::fs::remove_file(dir.path("seeds/tianjin.txt")).unwrap();
        }
        let length = if k % 4 == 0 {
            let _ = std::fs::remove_dir_all(dir.path("glossary/.cache"));
            from_scratch
        } else {
            from_cache
        };
        let delay = length.mul_f64(0.2 + 0.9 * (k as f64 + 0.5) / n as f64);
        let mut child = Command::new(env!("CARGO_BIN_EXE_glossary"))
            .args(["build", "-q"])
            .current_dir(dir.root())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        std::thread::sleep(delay);
        if child.try_wait().unwrap().is_none() {
            killed_while_running += 1;
        }
        child.kill().ok(); // SIGKILL on Unix
        child.wait().unwrap();

        // What must hold after every kill, wherever it landed: each output is whole, the
        // complete old or the complete new file, and none is lost (the cache may be gone: it
        // was deleted above before some builds).
        let after_kill = outputs(&dir.path("glossary"));
        for (name, bytes) in &after_kill {
            assert!(
                Some(bytes) == without.get(name) || Some(bytes) == with.get(name),
                "kill {k} after {delay:?}: {name} is neither the old nor the new file"
            );
        }
        for name in without.keys().filter(|n| !n.starts_with(".cache/")) {
            assert!(
                after_kill.contains_key(name),
                "kill {k} after {delay:?}: {name} is gone"
            );
        }
        let (old, new) = if adding {
            (&without, &with)
        } else {
            (&with, &without)
        };
        let differs = |name: &String| old.get(name) != new.get(name);
        let changed: Vec<&String> = new.keys().filter(|n| differs(n)).collect();
        let now_new = changed
            .iter()
            .filter(|n| after_kill.get(**n) == new.get(**n))
            .count();
        match now_new {
            0 => all_old += 1,
            x if x == changed.len() => all_new += 1,
            _ => some_of_each += 1,
        }
        assert_eq!(
            std::fs::read(dir.path("glossary/curated.csv")).unwrap(),
            curated,
            "kill {k}: curated.csv changed"
        );

        // The next build finishes the job, whatever the cache holds.
        build(&dir);
        let expected = if adding { &with } else { &without };
        assert!(
            outputs(&dir.path("glossary")) == *expected,
            "kill {k}: the build after the kill differs from a clean build"
        );
        assert!(
            leftovers(&dir.path("glossary")).is_empty(),
            "kill {k}: temporary files left"
        );
        assert!(leftovers(&dir.path("glossary/.cache")).is_empty());
    }
    // Where the kills landed depends on the machine's speed: reported, not asserted.
    eprintln!(
        "{n} kills, {killed_while_running} of a running build; outputs after the kill: all old \
         {all_old}, all new {all_new}, some of each {some_of_each}; every next build repaired"
    );
}

#[test]
fn a_corrupted_cache_is_rebuilt_not_trusted() {
    let dir = seed_project("crash-cache");
    build(&dir);
    let expected = outputs(&dir.path("glossary"));
    // Flip bytes in the middle of every cache file, truncate the memos.
    // The cache's format folder (`v2`, `v3` …: there is one).
    let cache = std::fs::read_dir(dir.path("glossary/.cache"))
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .find(|p| {
            p.is_dir()
                && p.file_name()
                    .is_some_and(|n| n.to_string_lossy().starts_with('v'))
        })
        .expect("a cache format folder");
    let mut damaged = 0;
    for entry in walk(&cache) {
        let mut bytes = std::fs::read(&entry).unwrap();
        if bytes.is_empty() {
            continue;
        }
        if entry.extension().is_some_and(|e| e == "memo") {
            bytes.truncate(bytes.len() / 2);
        } else {
            let mid = bytes.len() / 2;
            bytes[mid] ^= 0xFF;
        }
        std::fs::write(&entry, bytes).unwrap();
        damaged += 1;
    }
    assert!(damaged >= 4, "{damaged} cache files");
    dir.run(&["build", "-q", "--force"]).expect_code(0);
    assert!(outputs(&dir.path("glossary")) == expected);
}

fn walk(dir: &Path) -> Vec<std::path::PathBuf> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap().flatten() {
        let path = entry.path();
        if path.is_dir() {
            out.extend(walk(&path));
        } else {
            out.push(path);
        }
    }
    out
}

/// Holds the lock of `dir/glossary` as a build would, writing `pid` in the lock file.
fn hold_lock(dir: &TestDir, pid: &str) -> std::fs::File {
    let path = dir.path("glossary/.cache/build.lock");
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    let file = std::fs::OpenOptions::new()
        .create(true)
        .truncate(true)
        .write(true)
        .open(&path)
        .unwrap();
    file.lock().unwrap();
    std::fs::write(&path, pid).unwrap();
    file
}

#[test]
fn a_second_build_refuses_with_no_wait_and_names_the_holder() {
    let dir = seed_project("crash-lock-refuse");
    let lock = hold_lock(&dir, "4242");
    let run = dir.run(&["build", "--no-wait"]);
    run.expect_code(2)
        .expect_stderr("another glossary build is writing to")
        .expect_stderr("process 4242");
    assert!(outputs(&dir.path("glossary")).is_empty(), "nothing written");
    drop(lock);
    dir.run(&["build", "--no-wait", "-q"]).expect_code(0);
}

#[test]
fn a_second_build_waits_for_the_first_and_then_runs() {
    let dir = seed_project("crash-lock-wait");
    let lock = hold_lock(&dir, "4243");
    let mut child = Command::new(env!("CARGO_BIN_EXE_glossary"))
        .args(["build", "-q"])
        .current_dir(dir.root())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    // Its stderr as it comes, to see when it reaches the lock.
    let (chunks, received) = std::sync::mpsc::channel::<Vec<u8>>();
    let mut pipe = child.stderr.take().unwrap();
    let reader = std::thread::spawn(move || {
        let mut buf = [0u8; 4096];
        while let Ok(n @ 1..) = pipe.read(&mut buf) {
            if chunks.send(buf[..n].to_vec()).is_err() {
                break;
            }
        }
    });
    let mut stderr = Vec::new();
    wait_until(
        "the second build to say it waits for the lock",
        Duration::from_secs(120),
        || {
            stderr.extend(received.try_iter().flatten());
            String::from_utf8_lossy(&stderr).contains("waiting: another glossary build")
        },
    );
    assert!(
        child.try_wait().unwrap().is_none(),
        "the second build ended while the lock was held"
    );
    assert!(
        outputs(&dir.path("glossary")).is_empty(),
        "the waiting build wrote before the lock was released"
    );
    drop(lock);
    let status = child.wait().unwrap();
    reader.join().unwrap();
    stderr.extend(received.try_iter().flatten());
    let stderr = String::from_utf8_lossy(&stderr);
    assert!(status.success(), "{stderr}");
    assert!(
        stderr.contains("waiting: another glossary build (process 4243)"),
        "{stderr}"
    );
    assert_eq!(outputs(&dir.path("glossary")).len(), 8);
}

#[test]
fn two_builds_started_together_both_succeed_with_the_same_outputs() {
    let dir = seed_project("crash-lock-race");
    let spawn = || {
        Command::new(env!("CARGO_BIN_EXE_glossary"))
            .args(["build", "-q", "--force"])
            .current_dir(dir.root())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap()
    };
    let (mut a, mut b) = (spawn(), spawn());
    assert!(a.wait().unwrap().success());
    assert!(b.wait().unwrap().success());
    let both = outputs(&dir.path("glossary"));
    let fresh = seed_project("crash-lock-race-fresh");
    build(&fresh);
    assert!(both == outputs(&fresh.path("glossary")));
}
