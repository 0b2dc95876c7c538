//! `glossary export`, and the outputs checked the way receiving tools check them
//! (`../shared/formats/validate.sh`).

use std::path::PathBuf;
use std::process::Command;
use std::sync::LazyLock;

use crate::util::{TestDir, fill_seed_project, project_root};

static BUILT: LazyLock<TestDir> = LazyLock::new(|| {
    let dir = fill_seed_project(TestDir::shared("export-seeds"));
    dir.run(&["build", "-q"]).expect_code(0);
    dir
});

#[test]
fn csv_export_has_a_bom_and_crlf_for_excel() {
    let run = BUILT.run(&["export", "--format", "csv"]);
    run.expect_code(0);
    let bytes = &run.output.stdout;
    assert!(bytes.starts_with(b"\xEF\xBB\xBFzh-CN,en-US,note,definition,status,forbidden"));
    assert!(bytes.windows(2).any(|w| w == b"\r\n"));
    assert!(
        !bytes.windows(2).any(|w| w[1] == b'\n' && w[0] != b'\r'),
        "a bare LF"
    );
    // The same bytes build wrote.
    assert_eq!(
        bytes,
        &std::fs::read(BUILT.path("glossary/glossary.export.csv")).unwrap()
    );
}

#[test]
fn every_format_writes_to_a_file() {
    for (format, head) in [
        (
            "tbx",
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<!DOCTYPE martif",
        ),
        ("tbx3", "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<tbx "),
        (
            "tmx",
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<!DOCTYPE tmx",
        ),
        (
            "omegat",
            "# Glossary in tab-separated format -*- coding: utf-8 -*-",
        ),
    ] {
        let out = BUILT.path(&format!("out.{format}"));
        BUILT
            .run(&["export", "--format", format, "-o", out.to_str().unwrap()])
            .expect_code(0);
        let text = std::fs::read_to_string(&out).unwrap();
        assert!(
            text.starts_with(head),
            "{format}: {}",
            &text[..80.min(text.len())]
        );
        assert!(
            text.contains("上海精神") && text.contains("Shanghai Spirit"),
            "{format}"
        );
    }
}

#[test]
fn export_without_a_build_says_what_to_do() {
    TestDir::new("export-unbuilt")
        .run(&["export", "--format", "tbx"])
        .expect_code(2)
        .expect_stderr("run `glossary build` first");
}

/// `validate.sh` from the shared formats folder (`GLOSSARY_FORMATS_DIR` overrides where).
fn validator() -> PathBuf {
    std::env::var_os("GLOSSARY_FORMATS_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| project_root().join("../shared/formats"))
        .join("validate.sh")
}

/// Runs validate.sh on every export of a seed build. `#[ignore]`d, since it needs
/// `../shared/formats` and the tools its `setup.sh` installs; when run (`cargo test --
/// --ignored`, as `.ci/run` does after installing them), a missing one is a failure.
#[test]
#[ignore = "needs ../shared/formats/validate.sh and the tools of its setup.sh"]
fn exports_pass_the_receiving_tools_checks() {
    let script = validator();
    assert!(
        script.is_file(),
        "{} not found (set GLOSSARY_FORMATS_DIR to the folder holding it)",
        script.display()
    );
    let v3 = BUILT.path("glossary-v3.tbx");
    BUILT
        .run(&["export", "--format", "tbx3", "-o", v3.to_str().unwrap()])
        .expect_code(0);
    let files: Vec<PathBuf> = [
        "glossary/glossary.tbx",
        "glossary/memory.tmx",
        "glossary/glossary.export.csv",
        "glossary/glossary-omegat.txt",
        "glossary-v3.tbx",
    ]
    .iter()
    .map(|f| BUILT.path(f))
    .collect();
    let output = Command::new("bash")
        .arg(&script)
        .args(&files)
        .env("TBX3_TT", "warn")
        .output()
        .expect("run validate.sh");
    let stdout = String::from_utf8_lossy(&output.stdout);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_ne!(
        output.status.code(),
        Some(2),
        "validate.sh could not check (exit 2: a tool or schema missing; run {})\n{stdout}\n{stderr}",
        script.with_file_name("setup.sh").display()
    );
    assert_eq!(
        output.status.code(),
        Some(0),
        "validate.sh failed\n{stdout}\n{stderr}"
    );
    assert!(
        stdout.contains("validate.sh: 14 passed, 0 failed"),
        "{stdout}"
    );
}
