//! A scratch directory per test and a runner for the `glossary` binary.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::time::{Duration, Instant};

/// The project root (where `seeds/` and `tests/fixtures/` are).
pub fn project_root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// The seed corpus shipped with the project.
pub fn seeds() -> PathBuf {
    project_root().join("seeds")
}

/// A temporary folder named after the test; removed when dropped.
pub struct TestDir {
    dir: tempfile::TempDir,
}

impl TestDir {
    /// A fresh scratch folder under Cargo's target directory, for a fixture shared by several
    /// tests through a `static` (which is never dropped): it is replaced on the next run
    /// instead of piling up in the system's temporary folder.
    pub fn shared(name: &str) -> TestDir {
        let parent = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join(name);
        let _ = std::fs::remove_dir_all(&parent);
        std::fs::create_dir_all(&parent).expect("create a shared scratch folder");
        let dir = tempfile::Builder::new()
            .tempdir_in(&parent)
            .expect("create a scratch folder");
        TestDir { dir }
    }

    /// A fresh scratch folder whose name starts with `name`.
    pub fn new(name: &str) -> TestDir {
        let dir = tempfile::Builder::new()
            .prefix(&format!("glossary-{name}-"))
            .tempdir()
            .expect("create a scratch folder");
        TestDir { dir }
    }

    /// The folder itself.
    pub fn root(&self) -> &Path {
        self.dir.path()
    }

    /// A path inside the folder.
    pub fn path(&self, rel: &str) -> PathBuf {
        self.dir.path().join(rel)
    }

    /// Writes `contents` to `rel`, creating folders as needed; returns the path.
    pub fn write(&self, rel: &str, contents: impl AsRef<[u8]>) -> PathBuf {
        let path = self.path(rel);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).expect("create folders");
        }
        std::fs::write(&path, contents).expect("write a fixture file");
        path
    }

    /// Runs `glossary ARGS` with this folder as working directory.
    pub fn run(&self, args: &[&str]) -> Run {
        run_in(self.root(), args)
    }
}

/// What a run of the binary printed, and its status.
pub struct Run {
    pub output: Output,
    description: String,
}

impl Run {
    /// A run made elsewhere (through another program, such as `/usr/bin/time`).
    pub fn from_output(output: Output, description: String) -> Run {
        Run {
            output,
            description,
        }
    }

    pub fn stdout(&self) -> String {
        String::from_utf8_lossy(&self.output.stdout).into_owned()
    }

    pub fn stderr(&self) -> String {
        String::from_utf8_lossy(&self.output.stderr).into_owned()
    }

    pub fn code(&self) -> Option<i32> {
        self.output.status.code()
    }

    /// Panics with the whole run when the exit status is not `code`.
    pub fn expect_code(&self, code: i32) -> &Self {
        assert_eq!(self.code(), Some(code), "unexpected exit status\n{self}");
        self
    }

    /// Panics with the whole run when stderr does not contain `needle`.
    pub fn expect_stderr(&self, needle: &str) -> &Self {
        assert!(
            self.stderr().contains(needle),
            "stderr lacks {needle:?}\n{self}"
        );
        self
    }

    /// Panics with the whole run when stdout does not contain `needle`.
    pub fn expect_stdout(&self, needle: &str) -> &Self {
        assert!(
            self.stdout().contains(needle),
            "stdout lacks {needle:?}\n{self}"
        );
        self
    }

    /// Parses stdout as JSON.
    pub fn json(&self) -> serde_json::Value {
        serde_json::from_str(&self.stdout())
            .unwrap_or_else(|e| panic!("stdout is not JSON ({e})\n{self}"))
    }
}

impl std::fmt::Display for Run {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "command: {}\nstatus: {}\n--- stdout\n{}\n--- stderr\n{}",
            self.description,
            self.output.status,
            self.stdout(),
            self.stderr()
        )
    }
}

/// Runs `glossary ARGS` in `cwd`.
pub fn run_in(cwd: &Path, args: &[&str]) -> Run {
    let output = Command::new(env!("CARGO_BIN_EXE_glossary"))
        .args(args)
        .current_dir(cwd)
        .output()
        .expect("run the glossary binary");
    Run {
        output,
        description: format!("(in {}) glossary {}", cwd.display(), args.join(" ")),
    }
}

/// A scratch project: a copy of the seed corpus in `seeds/` and of the bundled curated
/// glossary in `glossary/curated.csv`, so that builds never touch the repository's files.
pub fn seed_project(name: &str) -> TestDir {
    fill_seed_project(TestDir::new(name))
}

/// Fills `dir` as [`seed_project`] does.
pub fn fill_seed_project(dir: TestDir) -> TestDir {
    for entry in std::fs::read_dir(seeds()).expect("read seeds/") {
        let path = entry.expect("a seed").path();
        let name = path
            .file_name()
            .expect("a file name")
            .to_string_lossy()
            .into_owned();
        dir.write(
            &format!("seeds/{name}"),
            std::fs::read(&path).expect("read a seed"),
        );
    }
    let curated = project_root().join("glossary/curated.csv");
    dir.write(
        "glossary/curated.csv",
        std::fs::read(curated).expect("read curated.csv"),
    );
    dir
}

/// The bytes of every file directly in `dir` (not in sub-folders), by name.
pub fn snapshot(dir: &Path) -> std::collections::BTreeMap<String, Vec<u8>> {
    std::fs::read_dir(dir)
        .map(|entries| {
            entries
                .flatten()
                .filter(|e| e.path().is_file())
                .map(|e| {
                    let name = e.file_name().to_string_lossy().into_owned();
                    (name, std::fs::read(e.path()).expect("read an output"))
                })
                .collect()
        })
        .unwrap_or_default()
}

/// Polls `condition` every 10 ms until it holds: for waiting on another process without
/// guessing how long it takes. Panics naming `what` after `timeout`.
pub fn wait_until(what: &str, timeout: Duration, mut condition: impl FnMut() -> bool) {
    let started = Instant::now();
    while !condition() {
        assert!(
            started.elapsed() < timeout,
            "waited {timeout:?} for {what} in vain"
        );
        std::thread::sleep(Duration::from_millis(10));
    }
}
