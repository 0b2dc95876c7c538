//! `glossary extract`: the ranked candidate terms of a corpus or of single documents.

use std::io::Write;
use std::process::ExitCode;

use anyhow::Context;
use glossary::corpus::{self, Corpus, CorpusOptions, Document, Problem};
use glossary::extract::{self, ExtractOptions, Term};
use glossary::glossary::curated::Curated;
use glossary::segment::Segmenter;

use crate::cli::{ExtractArgs, TermFormat};

/// The curated glossary `build` reads when none is named.
const DEFAULT_CURATED: &str = "glossary/curated.csv";

/// Runs `glossary extract`.
pub fn run(args: ExtractArgs) -> anyhow::Result<ExitCode> {
    let paths = if args.paths.is_empty() {
        vec![args.corpus.corpus.clone()]
    } else {
        args.paths.clone()
    };
    let options = CorpusOptions {
        manifest: args.corpus.manifest.clone(),
        ..CorpusOptions::default()
    };
    // The same curated glossary as `build` reads by default, so that both rank alike: its
    // terms are kept whole by the segmenter, and the segmentation decides the candidates.
    let default = std::path::Path::new(DEFAULT_CURATED);
    let curated = match &args.curated {
        Some(path) => Curated::read(path)?,
        None if !args.no_curated && default.is_file() => Curated::read(default)?,
        None => Curated::empty(std::path::Path::new("")),
    };
    let started = std::time::Instant::now();
    // Loading jieba's dictionary takes a while: do it while the corpus is read.
    let (read, segmenter) = rayon::join(
        || read_paths(&paths, &options),
        || Segmenter::with_terms(curated.protected_terms().iter().map(String::as_str)),
    );
    let (documents, problems) = read?;
    let read = started.elapsed().as_secs_f64();
    let refs: Vec<&Document> = documents.iter().collect();
    let extract_options = ExtractOptions {
        min_freq: args.min_freq,
        top: args.top,
        ..ExtractOptions::default()
    };
    let extraction = extract::extract(&refs, &segmenter, &extract_options);
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    match args.format {
        TermFormat::Json => {
            serde_json::to_writer_pretty(&mut out, &extraction.terms)?;
            writeln!(out)?;
        }
        TermFormat::Csv => write_csv(&mut out, &extraction.terms)?,
        TermFormat::Table => write_table(&mut out, &extraction.terms)?,
    }
    out.flush()?;
    if args.common.verbose {
        eprintln!("glossary: read and clean (and load jieba) {read:.3} s");
        for (stage, seconds) in &extraction.stats.timings {
            eprintln!("glossary: {stage} {seconds:.3} s");
        }
    }
    if !args.common.quiet {
        let s = &extraction.stats;
        eprintln!(
            "glossary: {} terms from {} documents ({} tokens, {} recurring n-grams, {} candidates)",
            extraction.terms.len(),
            s.documents,
            s.tokens,
            s.ngrams,
            s.candidates
        );
    }
    Ok(crate::cmd::report(&problems, args.common.quiet))
}

/// Reads each path: a folder as a corpus, a file as a single document.
fn read_paths(
    paths: &[std::path::PathBuf],
    options: &CorpusOptions,
) -> anyhow::Result<(Vec<Document>, Vec<Problem>)> {
    let mut documents = Vec::new();
    let mut problems = Vec::new();
    for path in paths {
        if path.is_dir() {
            let corpus = Corpus::read(path, options)
                .with_context(|| format!("reading the corpus in {}", path.display()))?;
            documents.extend(corpus.documents);
            problems.extend(corpus.problems);
        } else {
            let doc =
                corpus::read_file(path).with_context(|| format!("reading {}", path.display()))?;
            documents.push(doc);
        }
    }
    Ok((documents, problems))
}

fn by_year(term: &Term) -> String {
    glossary::year::format_counts(&term.by_year)
}

fn write_table(out: &mut impl Write, terms: &[Term]) -> std::io::Result<()> {
    writeln!(
        out,
        "RANK  SCORE   TOTAL  DOCS  TYPE          TERM  (BY YEAR; VARIANTS)"
    )?;
    for (rank, term) in terms.iter().enumerate() {
        let variants = if term.variants.is_empty() {
            String::new()
        } else {
            format!("; = {}", term.variants.join(" / "))
        };
        writeln!(
            out,
            "{:>4}  {:>5.2}  {:>6}  {:>4}  {:12}  {}  ({}{})",
            rank + 1,
            term.score,
            term.total,
            term.docs,
            term.term_type.name(),
            term.term,
            by_year(term),
            variants
        )?;
    }
    Ok(())
}

fn write_csv(out: &mut impl Write, terms: &[Term]) -> anyhow::Result<()> {
    let mut writer = csv::Writer::from_writer(out);
    writer.write_record([
        "rank",
        "term",
        "type",
        "score",
        "total",
        "standalone",
        "docs",
        "first_year",
        "last_year",
        "by_year",
        "variants",
        "context",
    ])?;
    for (rank, term) in terms.iter().enumerate() {
        let context = term
            .contexts
            .first()
            .map(|c| format!("{}[{}]{}", c.left, c.term, c.right))
            .unwrap_or_default();
        let year = |y: Option<i32>| y.map(|y| y.to_string()).unwrap_or_default();
        writer.write_record([
            (rank + 1).to_string(),
            term.term.clone(),
            term.term_type.name().to_string(),
            format!("{:.4}", term.score),
            term.total.to_string(),
            term.standalone.to_string(),
            term.docs.to_string(),
            year(term.first_year),
            year(term.last_year),
            by_year(term),
            term.variants.join("|"),
            context,
        ])?;
    }
    writer.flush()?;
    Ok(())
}
