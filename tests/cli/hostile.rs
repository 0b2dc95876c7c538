//! Whatever arrives in the corpus or the glossary folder: each case is a clear error or a
//! warning that names the file, bounded memory, no panic, and nothing lost.

use std::path::{Path, PathBuf};
use std::process::Command;

use crate::util::{Run, TestDir, project_root};

/// A small corpus (one dated document) with the bundled curated glossary in `g/`.
fn project(name: &str) -> TestDir {
    let dir = TestDir::new(name);
    dir.write(
        "c/good.txt",
        "（2024年7月4日，阿斯塔纳）\n\n上合组织成员国领导人举行会晤。各方弘扬上海精神。\n\n各方弘扬上海精神，打击三股势力。\n",
    );
    dir.write(
        "g/curated.csv",
        std::fs::read(project_root().join("glossary/curated.csv")).unwrap(),
    );
    dir
}

fn build(dir: &TestDir) -> Run {
    dir.run(&["build", "c", "-g", "g", "-q"])
}

/// No panic: Rust's panic message never reaches the user.
fn no_panic(run: &Run) {
    assert!(!run.stderr().contains("panicked"), "{run}");
    assert!(run.code().is_some(), "killed by a signal\n{run}");
}

/// Runs `glossary ARGS` in `cwd` under GNU time (`/usr/bin/time`); returns the run and its
/// peak memory in MiB. The tests that measure are `#[ignore]`d: when they are run
/// (`cargo test -- --ignored`, as `.ci/run` does after installing it), a missing
/// `/usr/bin/time` is a failure.
fn peak_mib(cwd: &Path, args: &[&str]) -> (Run, u64) {
    let time = Path::new("/usr/bin/time");
    assert!(
        time.exists(),
        "/usr/bin/time is missing (apt install time): peak memory cannot be measured"
    );
    let output = Command::new(time)
        .arg("-f")
        .arg("peak-kb=%M")
        .arg(env!("CARGO_BIN_EXE_glossary"))
        .args(args)
        .current_dir(cwd)
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr).into_owned();
    let kb: u64 = stderr
        .lines()
        .find_map(|l| l.strip_prefix("peak-kb="))
        .and_then(|v| v.trim().parse().ok())
        .unwrap_or_else(|| panic!("time printed no peak-kb= line\n{stderr}"));
    let run = Run::from_output(output, format!("glossary {}", args.join(" ")));
    (run, kb / 1024)
}

#[test]
fn a_manifest_path_escaping_the_corpus_is_refused_and_the_rest_is_built() {
    let dir = project("hostile-manifest");
    dir.write(
        "c/manifest.csv",
        "file,year\n../../etc/passwd,2024\ngood.txt,2024\n",
    );
    let run = build(&dir);
    no_panic(&run);
    run.expect_code(2).expect_stderr(
        "c/manifest.csv, line 2: column file: \"../../etc/passwd\" is outside the corpus folder",
    );
    let glossary = std::fs::read_to_string(dir.path("g/glossary.csv")).unwrap();
    assert!(!glossary.contains("root:"), "nothing read from /etc/passwd");
}

#[cfg(unix)]
#[test]
fn a_symlink_loop_is_reported_and_skipped() {
    let dir = project("hostile-symlink");
    std::fs::create_dir_all(dir.path("c/sub")).unwrap();
    std::os::unix::fs::symlink("..", dir.path("c/sub/up")).unwrap();
    std::os::unix::fs::symlink("self.txt", dir.path("c/self.txt")).unwrap();
    let run = build(&dir);
    no_panic(&run);
    run.expect_code(2)
        .expect_stderr("symbolic link loop back to")
        .expect_stderr("self.txt");
    assert!(
        dir.path("g/glossary.csv").is_file(),
        "the good document is built"
    );
}

/// A project with a sparse 1 GiB file without line breaks in the corpus: a gigabyte on paper,
/// nothing on disk.
fn gigabyte_project(name: &str) -> TestDir {
    let dir = project(name);
    let file = std::fs::File::create(dir.path("c/dump.txt")).unwrap();
    file.set_len(1 << 30).unwrap();
    dir
}

const GIGABYTE_BUILD: [&str; 5] = ["build", "c", "-g", "g", "-q"];

/// What a build of [`gigabyte_project`] must do: name the file, skip it, build the rest.
fn gigabyte_skipped(dir: &TestDir, run: &Run) {
    no_panic(run);
    run.expect_code(2)
        .expect_stderr("c/dump.txt: 1024 MiB, over the 64 MiB a document may have");
    assert!(dir.path("g/glossary.csv").is_file());
}

#[test]
fn a_gigabyte_file_without_line_breaks_is_skipped() {
    let dir = gigabyte_project("hostile-huge");
    gigabyte_skipped(&dir, &dir.run(&GIGABYTE_BUILD));
}

#[test]
#[ignore = "needs GNU time at /usr/bin/time"]
fn a_gigabyte_file_without_line_breaks_is_skipped_in_bounded_memory() {
    let dir = gigabyte_project("hostile-huge-memory");
    let (run, peak) = peak_mib(dir.root(), &GIGABYTE_BUILD);
    gigabyte_skipped(&dir, &run);
    // Reading it would take a gigabyte: it is refused by its size, unread.
    assert!(peak < 400, "peak memory {peak} MiB");
}

#[test]
fn a_long_line_without_breaks_under_the_limit_is_read() {
    let dir = project("hostile-long-line");
    let sentence = "各方弘扬上海精神，打击三股势力，推动构建人类命运共同体。";
    dir.write("c/oneline.txt", sentence.repeat(20_000)); // 1.6 MB, one line
    let run = build(&dir);
    no_panic(&run);
    run.expect_code(0);
    let glossary = std::fs::read_to_string(dir.path("g/glossary.csv")).unwrap();
    assert!(glossary.contains("人类命运共同体"));
}

#[test]
fn zero_byte_and_nul_files_are_named_and_skipped() {
    let dir = project("hostile-empty");
    dir.write("c/empty.txt", "");
    dir.write("c/nul.txt", vec![0u8; 4096]);
    let run = dir.run(&["build", "c", "-g", "g"]);
    no_panic(&run);
    run.expect_code(2)
        .expect_stderr("c/empty.txt: empty file; skipped")
        .expect_stderr("c/nul.txt: a binary file (it contains NUL bytes)");
    assert!(dir.path("g/glossary.csv").is_file());
}

#[test]
fn a_curated_file_with_ten_thousand_columns_is_read() {
    let dir = project("hostile-columns");
    let extra: Vec<String> = (0..10_000).map(|i| format!("x{i}")).collect();
    let mut csv = format!("id,zh,en,status,{}\n", extra.join(","));
    csv.push_str(&format!(
        "c1,上海精神,Shanghai Spirit,preferred,{}\n",
        ",".repeat(9_999)
    ));
    dir.write("g/curated.csv", &csv);
    let run = build(&dir);
    no_panic(&run);
    run.expect_code(0);
    assert_eq!(
        std::fs::read_to_string(dir.path("g/curated.csv")).unwrap(),
        csv
    );
    let lookup = dir.run(&["lookup", "上海精神", "-g", "g"]);
    lookup.expect_code(0);
    assert!(lookup.stdout().contains("Shanghai Spirit"), "{lookup}");
}

#[test]
fn a_ten_megabyte_cell_is_refused_with_line_and_column_and_nothing_is_written() {
    let dir = project("hostile-cell");
    let huge = "上".repeat((10 << 20) / 3); // 3.5 M characters, 10 MiB of UTF-8
    let csv = format!(
        "id,zh,en,status\nc1,上海精神,Shanghai Spirit,preferred\nc2,{huge},Huge,preferred\n"
    );
    dir.write("g/curated.csv", &csv);
    let run = build(&dir);
    no_panic(&run);
    run.expect_code(2)
        .expect_stderr("line 3, column zh: 3495253 characters");
    assert!(
        run.stderr().len() < 2_000,
        "the message does not repeat the cell"
    );
    assert!(!dir.path("g/glossary.csv").exists(), "nothing written");
    assert_eq!(
        std::fs::read_to_string(dir.path("g/curated.csv")).unwrap(),
        csv
    );
}

/// The query of the lookup tests below: 10,000 characters.
fn long_query() -> String {
    "上海精神".repeat(2_500)
}

/// What a lookup of [`long_query`] must answer: not found, without echoing the query whole.
fn long_lookup_answered(run: &Run) {
    no_panic(run);
    run.expect_code(1);
    run.expect_stdout("上海精神上海精神… (10000 characters): not in the glossary");
    assert!(run.stdout().len() < 2_000, "{} bytes", run.stdout().len());
}

#[test]
fn a_ten_thousand_character_lookup_answers_at_once() {
    let dir = project("hostile-lookup");
    build(&dir).expect_code(0);
    long_lookup_answered(&dir.run(&["lookup", &long_query(), "-g", "g"]));
}

#[test]
#[ignore = "needs GNU time at /usr/bin/time"]
fn a_ten_thousand_character_lookup_answers_in_bounded_memory() {
    let dir = project("hostile-lookup-memory");
    build(&dir).expect_code(0);
    let (run, mib) = peak_mib(dir.root(), &["lookup", &long_query(), "-g", "g"]);
    long_lookup_answered(&run);
    // A lookup of the seed glossary peaks at about 8 MiB: the query costs nothing.
    assert!(mib < 100, "peak {mib} MiB");
}

/// A tmpfs mounted for a test, unmounted when dropped. Mounting needs root: the tests that
/// mount are `#[ignore]`d, and when they are run (`cargo test -- --ignored`, as `.ci/run`
/// does as root) a mount that fails is a failure.
struct Mount(PathBuf);

impl Mount {
    fn tmpfs(at: &Path, options: &str) -> Mount {
        std::fs::create_dir_all(at).unwrap();
        let output = Command::new("mount")
            .args(["-t", "tmpfs", "-o", options, "tmpfs"])
            .arg(at)
            .output()
            .unwrap_or_else(|e| panic!("cannot run mount: {e}"));
        assert!(
            output.status.success(),
            "cannot mount a tmpfs ({options}) at {} (this test needs root): {}",
            at.display(),
            String::from_utf8_lossy(&output.stderr).trim()
        );
        Mount(at.to_path_buf())
    }
}

impl Drop for Mount {
    fn drop(&mut self) {
        let _ = Command::new("umount").arg(&self.0).status();
    }
}

/// A read-only tmpfs rather than a folder without write permission: root, which these tests
/// need for mounting, writes through permissions.
#[test]
#[ignore = "needs root, to mount a tmpfs"]
fn a_read_only_output_folder_is_an_error_naming_it() {
    let dir = project("hostile-readonly");
    let _mount = Mount::tmpfs(&dir.path("ro"), "ro,size=1m");
    let run = dir.run(&["build", "c", "-g", "ro", "--curated", "g/curated.csv", "-q"]);
    no_panic(&run);
    run.expect_code(2)
        .expect_stderr("ro/.cache")
        .expect_stderr("Read-only file system");
}

/// A 4 MiB tmpfs, filled. (Without root, the `fsutil` unit test
/// `a_failed_write_leaves_the_old_file` injects a write error instead.)
#[test]
#[ignore = "needs root, to mount a tmpfs"]
fn a_full_disk_fails_the_build_and_keeps_the_previous_outputs() {
    let dir = project("hostile-full");
    let _mount = Mount::tmpfs(&dir.path("disk"), "size=4m");
    dir.write(
        "disk/g/curated.csv",
        std::fs::read(dir.path("g/curated.csv")).unwrap(),
    );
    dir.run(&["build", "c", "-g", "disk/g", "-q"])
        .expect_code(0);
    let before = crate::util::snapshot(&dir.path("disk/g"));
    // Fill the disk, then bring a document that changes the outputs.
    let _ = Command::new("dd")
        .args(["if=/dev/zero", "bs=64k", "status=none"])
        .arg(format!("of={}", dir.path("disk/filler").display()))
        .status();
    dir.write(
        "c/more.txt",
        std::fs::read(project_root().join("tests/fixtures/glossary/tianjin.txt")).unwrap(),
    );
    let run = dir.run(&["build", "c", "-g", "disk/g", "-q"]);
    no_panic(&run);
    run.expect_code(2).expect_stderr("No space left on device");
    assert!(
        crate::util::snapshot(&dir.path("disk/g")) == before,
        "outputs changed"
    );
    let leftovers: Vec<_> = std::fs::read_dir(dir.path("disk/g"))
        .unwrap()
        .flatten()
        .filter(|e| e.file_name().to_string_lossy().ends_with(".tmp"))
        .collect();
    assert!(leftovers.is_empty(), "temporary files left: {leftovers:?}");
    // Room again: the next build goes through.
    std::fs::remove_file(dir.path("disk/filler")).unwrap();
    dir.run(&["build", "c", "-g", "disk/g", "-q"])
        .expect_code(0);
}
