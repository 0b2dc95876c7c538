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
