//! `glossary corpus`: list the documents of a corpus, or show one document's sentences.

use std::io::Write;
use std::path::Path;
use std::process::ExitCode;

use anyhow::Context;
use glossary::corpus::{self, Corpus, CorpusOptions, Document, Summary};

use crate::cli::{CorpusArgs, ListFormat};

/// Runs `glossary corpus`.
pub fn run(args: CorpusArgs) -> anyhow::Result<ExitCode> {
    let dir = args.corpus_dir();
    if let Some(file) = &args.show {
        return show(dir, file, args.lines);
    }
    let options = CorpusOptions {
        manifest: args.corpus.manifest.clone(),
        ..CorpusOptions::default()
    };
    let corpus = Corpus::read(dir, &options)
        .with_context(|| format!("reading the corpus in {}", dir.display()))?;
    let summaries: Vec<Summary> = corpus.documents.iter().map(Document::summary).collect();
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    match args.format {
        ListFormat::Json => {
            serde_json::to_writer_pretty(&mut out, &summaries)?;
            writeln!(out)?;
        }
        ListFormat::Table => print_table(&mut out, &summaries)?,
    }
    out.flush()?;
    Ok(crate::cmd::report(&corpus.problems, args.common.quiet))
}

/// Prints one document's sentences. FILE may be a path or a name inside the corpus folder.
fn show(dir: &Path, file: &Path, with_lines: bool) -> anyhow::Result<ExitCode> {
    let path = if file.exists() {
        file.to_path_buf()
    } else {
        dir.join(file)
    };
    let doc = corpus::read_file(&path).with_context(|| format!("showing {}", file.display()))?;
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    for sentence in doc.sentences() {
        if with_lines {
            writeln!(out, "{}\t{}", sentence.line, sentence.text)?;
        } else {
            writeln!(out, "{}", sentence.text)?;
        }
    }
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}

fn print_table(out: &mut impl Write, docs: &[Summary]) -> std::io::Result<()> {
    let width = docs
        .iter()
        .map(|d| d.file.chars().count())
        .max()
        .unwrap_or(4)
        .max(4);
    writeln!(
        out,
        "{:width$}  LANG  YEAR  ARTICLES  SENTENCES   CHARS  TRANSLATION",
        "FILE"
    )?;
    for doc in docs {
        let year = doc.year.map_or("-".to_string(), |y| y.to_string());
        writeln!(
            out,
            "{:width$}  {:4}  {:4}  {:>8}  {:>9}  {:>6}  {}",
            doc.file,
            doc.lang.code(),
            year,
            doc.articles,
            doc.sentences,
            doc.chars,
            doc.paired_with.as_deref().unwrap_or("-"),
        )?;
        let evidence = match &doc.year_evidence {
            Some(e) => match e.line {
                Some(line) => format!("{}: {} (line {line})", e.rule, e.text),
                None => format!("{}: {}", e.rule, e.text),
            },
            None => "none found".to_string(),
        };
        writeln!(out, "    year: {evidence}")?;
        writeln!(out, "    encoding: {}", doc.encoding)?;
        if !doc.titles.is_empty() {
            writeln!(out, "    titles: {}", doc.titles.join(" | "))?;
        }
    }
    Ok(())
}
