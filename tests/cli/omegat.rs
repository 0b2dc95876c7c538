//! A real CAT tool reads our exports: OmegaT (Debian's 3.6, `apt-get install omegat`;
//! `.ci/run` installs it when missing) translates a project from our translation memory.
//!
//! See: issue 17 (tests with real tools).

use std::path::Path;
use std::process::Command;

use crate::util::{TestDir, seed_project};

const PROJECT: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<omegat>
  <project version="1.0">
    <source_dir>__DEFAULT__</source_dir>
    <source_dir_excludes/>
    <target_dir>__DEFAULT__</target_dir>
    <tm_dir>__DEFAULT__</tm_dir>
    <glossary_dir>__DEFAULT__</glossary_dir>
    <glossary_file>__DEFAULT__</glossary_file>
    <dictionary_dir>__DEFAULT__</dictionary_dir>
    <source_lang>zh-CN</source_lang>
    <target_lang>en-US</target_lang>
    <source_tok>org.omegat.tokenizer.LuceneSmartChineseTokenizer</source_tok>
    <target_tok>org.omegat.tokenizer.LuceneEnglishTokenizer</target_tok>
    <sentence_seg>true</sentence_seg>
    <support_default_translations>true</support_default_translations>
    <remove_tags>false</remove_tags>
  </project>
</omegat>
"#;

/// An OmegaT project (zh-CN → en-US) in `dir`, with the build's `memory.tmx` in `tm/auto/`,
/// where OmegaT fills exact matches from.
fn project_with_our_memory(dir: &TestDir) -> std::path::PathBuf {
    let project = dir.path("project");
    for sub in [
        "source",
        "target",
        "tm/auto",
        "glossary",
        "omegat",
        "dictionary",
    ] {
        std::fs::create_dir_all(project.join(sub)).unwrap();
    }
    std::fs::write(project.join("omegat.project"), PROJECT).unwrap();
    std::fs::copy(
        dir.path("glossary/memory.tmx"),
        project.join("tm/auto/memory.tmx"),
    )
    .unwrap();
    project
}

/// Runs OmegaT's console translation on `project`; returns the translated `source_file`.
fn console_translate(dir: &TestDir, project: &Path, source_file: &str) -> String {
    let out = Command::new("omegat")
        .arg("--mode=console-translate")
        .arg(format!(
            "--config-dir={}",
            dir.path("omegat-config").display()
        ))
        .arg("--disable-project-locking")
        .arg("--no-team")
        .arg(project)
        .output()
        .expect("omegat runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    std::fs::read_to_string(project.join("target").join(source_file)).unwrap()
}

#[test]
#[ignore = "needs OmegaT (apt-get install omegat; .ci/run installs it)"]
fn omegat_fills_segments_from_our_translation_memory() {
    let dir = seed_project("omegat-tmx");
    dir.run(&["build"]).expect_code(0);
    let memory = glossary::corpus::tmx::read(&dir.path("glossary/memory.tmx")).unwrap();
    // The sentence pairs of the memory (its units of whole sentences, not its term pairs).
    let sentences: Vec<_> = memory
        .units
        .iter()
        .filter(|u| u.zh.ends_with(['。', '！', '？', '”']) && u.zh.chars().count() > 12)
        .collect();
    assert!(sentences.len() >= 40, "{}", sentences.len());
    let project = project_with_our_memory(&dir);
    // A document made of the memory's Chinese sentences, one paragraph each.
    let source: Vec<&str> = sentences.iter().map(|u| u.zh.as_str()).collect();
    std::fs::write(project.join("source/speech.txt"), source.join("\n\n")).unwrap();
    let target = console_translate(&dir, &project, "speech.txt");
    let filled = sentences
        .iter()
        .filter(|u| target.contains(u.en.as_str()))
        .count();
    // OmegaT puts the memory's English in place of each Chinese sentence it matches exactly.
    assert!(
        filled * 10 >= sentences.len() * 9,
        "OmegaT filled {filled} of {} segments:\n{target}",
        sentences.len()
    );
    assert!(target.contains("It is a great pleasure to join you in beautiful Astana."));
}

/// OmegaT's jar (Debian's path, or `OMEGAT_JAR`): its glossary classes are called directly.
fn omegat_jar() -> String {
    std::env::var("OMEGAT_JAR").unwrap_or_else(|_| "/usr/share/omegat/OmegaT.jar".into())
}

/// Compiles `tests/omegat/ReadGlossary.java` against OmegaT's jar into `dir`; returns the
/// class path to run it with.
fn compile_harness(dir: &TestDir) -> String {
    let classes = dir.path("java");
    std::fs::create_dir_all(&classes).unwrap();
    let source = crate::util::project_root().join("tests/omegat/ReadGlossary.java");
    let out = Command::new("javac")
        .args(["-encoding", "UTF-8", "-cp", &omegat_jar(), "-d"])
        .arg(&classes)
        .arg(&source)
        .output()
        .expect("javac runs (a JDK: Debian's default-jdk)");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    format!("{}:{}", omegat_jar(), classes.display())
}

/// Runs the harness with `args`; returns what it printed.
fn harness(classpath: &str, args: &[&std::ffi::OsStr]) -> String {
    let out = Command::new("java")
        .args(["-Dfile.encoding=UTF-8", "-cp", classpath, "ReadGlossary"])
        .args(args)
        .output()
        .expect("java runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

/// One glossary entry as OmegaT shows it.
#[derive(Debug)]
struct Entry {
    source: String,
    target: String,
    comment: String,
}

/// The entries OmegaT reads from `file` with its `reader` (`tbx` or `tsv`).
fn omegat_reads(dir: &TestDir, classpath: &str, reader: &str, file: &Path) -> Vec<Entry> {
    let project = dir.path("omegat-project");
    std::fs::create_dir_all(&project).unwrap();
    harness(
        classpath,
        &[reader.as_ref(), file.as_os_str(), project.as_os_str()],
    )
    .lines()
    .map(|line| {
        let mut cells = line.splitn(3, '\t');
        let mut cell = || cells.next().unwrap_or("").to_string();
        Entry {
            source: cell(),
            target: cell(),
            comment: cell(),
        }
    })
    .collect()
}

#[test]
#[ignore = "needs OmegaT (apt-get install omegat; .ci/run installs it) and a JDK"]
fn omegat_reads_our_termbase_and_glossary_file() {
    let dir = seed_project("omegat-glossary");
    dir.run(&["build"]).expect_code(0);
    let classpath = compile_harness(&dir);
    let tbx = dir.path("glossary/glossary.tbx");
    let tsv = dir.path("glossary/glossary-omegat.txt");
    let from_tbx = omegat_reads(&dir, &classpath, "tbx", &tbx);
    let from_tsv = omegat_reads(&dir, &classpath, "tsv", &tsv);

    // Every zh–en pair of the termbase is an entry for OmegaT, as our own reader counts them,
    // and every line of the glossary file that is not a comment.
    let pairs = glossary::glossary::import::read_file(&tbx, &Default::default()).unwrap();
    assert!(pairs.len() > 100, "{}", pairs.len());
    assert_eq!(from_tbx.len(), pairs.len());
    let lines = std::fs::read_to_string(&tsv).unwrap();
    let tsv_lines = lines
        .lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .count();
    assert_eq!(from_tsv.len(), tsv_lines);

    // 三股势力: the preferred English first, the admitted one after it, as OmegaT shows them.
    for entries in [&from_tbx, &from_tsv] {
        let three: Vec<&Entry> = entries.iter().filter(|e| e.source == "三股势力").collect();
        assert_eq!(three[0].target, "three evil forces", "{three:?}");
        assert!(three.iter().any(|e| e.target == "three evils"), "{three:?}");
    }
    let admitted = from_tsv
        .iter()
        .find(|e| e.source == "三股势力" && e.target == "three evils")
        .unwrap();
    assert!(admitted.comment.starts_with("admitted"), "{admitted:?}");
    let preferred = from_tsv
        .iter()
        .find(|e| e.source == "三股势力" && e.target == "three evil forces")
        .unwrap();
    assert!(!preferred.comment.contains("admitted"), "{preferred:?}");
    let in_tbx = from_tbx
        .iter()
        .find(|e| e.source == "三股势力" && e.target == "three evil forces")
        .unwrap();
    assert!(
        in_tbx.comment.contains("preferredTerm-admn-sts"),
        "{in_tbx:?}"
    );

    // No English proposed for a candidate and not yet reviewed reaches the translator.
    let mut reader = csv::Reader::from_path(dir.path("glossary/glossary.csv")).unwrap();
    let header = reader.headers().unwrap().clone();
    let col = |name: &str| header.iter().position(|h| h == name).unwrap();
    let proposals: Vec<(String, String)> = reader
        .records()
        .map(|r| r.unwrap())
        .filter(|r| &r[col("status")] == "candidate" && !r[col("proposed_en")].is_empty())
        .map(|r| (r[col("zh")].to_string(), r[col("proposed_en")].to_string()))
        .collect();
    assert!(!proposals.is_empty());
    for entries in [&from_tbx, &from_tsv] {
        assert!(
            entries
                .iter()
                .all(|e| !proposals.contains(&(e.source.clone(), e.target.clone()))),
            "a proposal reached OmegaT"
        );
    }
}

#[test]
#[ignore = "needs OmegaT (apt-get install omegat; .ci/run installs it) and a JDK"]
fn a_glossary_omegat_writes_is_imported_back() {
    let dir = seed_project("omegat-import");
    let classpath = compile_harness(&dir);
    // The glossary a translator fills in OmegaT (its project's glossary/glossary.txt).
    let file = dir.path("omegat-glossary.txt");
    for (zh, en, comment) in [
        ("上合示范区", "SCO Demonstration Zone", "added in OmegaT"),
        ("数字丝绸之路", "Digital Silk Road", ""),
    ] {
        harness(
            &classpath,
            &[
                "add".as_ref(),
                file.as_os_str(),
                zh.as_ref(),
                en.as_ref(),
                comment.as_ref(),
            ],
        );
    }
    let run = dir.run(&["import", "omegat-glossary.txt"]);
    run.expect_code(0).expect_stdout("2 pairs read: added 2");
    let curated = std::fs::read_to_string(dir.path("glossary/curated.csv")).unwrap();
    assert!(
        curated.contains("上合示范区,SCO Demonstration Zone,preferred"),
        "{curated}"
    );
    assert!(curated.contains("added in OmegaT"), "{curated}");
    assert!(curated.contains("数字丝绸之路,Digital Silk Road,preferred"));
}

#[test]
#[ignore = "needs OmegaT (apt-get install omegat; .ci/run installs it)"]
fn omegat_fills_the_bundled_speech_as_it_is_written() {
    // The speech is a scrape with half-width commas: the memory must hold its sentences as
    // written for OmegaT to find exact matches.
    let dir = seed_project("omegat-speech");
    dir.run(&["build"]).expect_code(0);
    let speech = "000_2578177fb6339ac5.txt";
    let source = std::fs::read_to_string(dir.path(&format!("seeds/{speech}"))).unwrap();
    assert!(
        source.contains("一年来,"),
        "the speech keeps its half-width commas"
    );
    let memory = glossary::corpus::tmx::read(&dir.path("glossary/memory.tmx")).unwrap();
    // The speech's aligned units of one sentence each: what OmegaT's segments can match.
    let sentences: Vec<_> = memory
        .units
        .iter()
        .filter(|u| u.tuid.as_deref().is_some_and(|id| id.starts_with(speech)))
        .filter(|u| u.zh.matches(['。', '！', '？']).count() == 1 && source.contains(&u.zh))
        .collect();
    assert!(sentences.len() >= 30, "{}", sentences.len());
    let project = project_with_our_memory(&dir);
    std::fs::write(project.join("source/speech.txt"), &source).unwrap();
    let target = console_translate(&dir, &project, "speech.txt");
    let filled = sentences
        .iter()
        .filter(|u| !target.contains(u.zh.as_str()) && target.contains(u.en.as_str()))
        .count();
    assert!(
        filled * 10 >= sentences.len() * 9,
        "OmegaT filled {filled} of {} sentences:\n{target}",
        sentences.len()
    );
}
