//! `glossary check`: terms rendered otherwise than the glossary says, in aligned pairs.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::Context;
use glossary::align::input::{self, SideText};
use glossary::align::{Aligner, Lexicon};
use glossary::corpus::{Corpus, CorpusOptions};
use glossary::glossary::check::{self, Finding};
use glossary::glossary::curated::Curated;
use glossary::segment::Segmenter;
use rayon::prelude::*;

use crate::cli::{CheckArgs, TermFormat};

/// One pair to check: document name, Chinese side, English side.
type Pair = (String, SideText, SideText);

/// An aligned sentence pair: Chinese, English.
type SentencePair = (String, String);

/// Runs `glossary check`.
pub fn run(args: CheckArgs) -> anyhow::Result<ExitCode> {
    let curated_path = args.glossary.curated_path();
    let curated = Curated::read(&curated_path).with_context(|| {
        format!(
            "reading the glossary to check against ({})",
            curated_path.display()
        )
    })?;
    let expected = check::expectations(&curated);
    let pairs = match (&args.zh, &args.en) {
        (Some(zh), Some(en)) => {
            let (zh_side, en_side) = input::read_pair(zh, en, false)?;
            vec![(zh.display().to_string(), zh_side, en_side)]
        }
        _ => corpus_pairs(&args.corpus.corpus, args.corpus.manifest.clone())?,
    };
    let segmenter = Segmenter::with_terms(curated.protected_terms().iter().map(String::as_str));
    let lexicon = Lexicon::new(curated.approved_pairs());
    let aligner = Aligner::new(&segmenter, &lexicon);
    // Each document's findings, and its sentence pairs (which the word alignment learns from).
    let checked: Vec<(Vec<Finding>, Vec<SentencePair>)> = pairs
        .par_iter()
        .map(|(document, zh, en)| {
            let alignment = aligner.align_sides(zh, en);
            let (zh, en) = (zh.sentence_refs(), en.sentence_refs());
            let findings = check::check(document, &zh, &en, &alignment, &expected, &lexicon);
            (findings, check::bead_texts(&zh, &en, &alignment))
        })
        .collect();
    let (findings, texts): (Vec<_>, Vec<_>) = checked.into_iter().unzip();
    let mut findings: Vec<Finding> = findings.into_iter().flatten().collect();
    let texts: Vec<SentencePair> = texts.into_iter().flatten().collect();
    check::name_renderings(&mut findings, &texts, &segmenter, &lexicon);
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    match args.format {
        TermFormat::Json => {
            serde_json::to_writer_pretty(&mut out, &findings)?;
            writeln!(out)?;
        }
        TermFormat::Csv => write_csv(&mut out, &findings)?,
        TermFormat::Table => write_table(&mut out, &findings, pairs.len())?,
    }
    out.flush()?;
    Ok(if findings.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    })
}

/// Every Chinese document of the corpus with its English translation.
fn corpus_pairs(root: &Path, manifest: Option<PathBuf>) -> anyhow::Result<Vec<Pair>> {
    let corpus = Corpus::read(
        root,
        &CorpusOptions {
            manifest,
            ..CorpusOptions::default()
        },
    )
    .with_context(|| format!("reading the corpus in {}", root.display()))?;
    let pairs: Vec<Pair> = corpus
        .translation_pairs()
        .into_iter()
        .map(|(zh, en)| {
            (
                zh.id.clone(),
                SideText::from_document(zh),
                SideText::from_document(en),
            )
        })
        .collect();
    if pairs.is_empty() {
        anyhow::bail!(
            "{} has no Chinese document with an English translation beside it (NAME.txt and NAME.en.txt): nothing to check",
            root.display()
        );
    }
    Ok(pairs)
}

fn ids(v: &[usize]) -> String {
    v.iter()
        .map(|n| n.to_string())
        .collect::<Vec<_>>()
        .join(",")
}

fn write_table(out: &mut impl Write, findings: &[Finding], pairs: usize) -> std::io::Result<()> {
    for f in findings {
        writeln!(
            out,
            "{} zh {} / en {}: {}",
            f.document,
            ids(&f.zh_sentences),
            ids(&f.en_sentences),
            f.term
        )?;
        writeln!(out, "  expected  {}", f.expected.join(" | "))?;
        if !f.found_deprecated.is_empty() {
            writeln!(
                out,
                "  found     {} (to avoid)",
                f.found_deprecated.join(" | ")
            )?;
        }
        if let Some(used) = &f.used {
            writeln!(out, "  used      {used}")?;
        }
        writeln!(out, "  English   {}", f.en_text)?;
        writeln!(out, "  Chinese   {}", f.zh_text)?;
    }
    writeln!(
        out,
        "{} finding(s) in {} aligned document pair(s)",
        findings.len(),
        pairs
    )
}

fn write_csv(out: &mut impl Write, findings: &[Finding]) -> anyhow::Result<()> {
    let mut writer = csv::Writer::from_writer(out);
    writer.write_record([
        "document",
        "zh_sentences",
        "en_sentences",
        "term",
        "expected",
        "found_deprecated",
        "used",
        "zh_text",
        "en_text",
    ])?;
    for f in findings {
        writer.write_record([
            f.document.as_str(),
            &ids(&f.zh_sentences),
            &ids(&f.en_sentences),
            &f.term,
            &f.expected.join(" | "),
            &f.found_deprecated.join(" | "),
            f.used.as_deref().unwrap_or(""),
            &f.zh_text,
            &f.en_text,
        ])?;
    }
    writer.flush()?;
    Ok(())
}
