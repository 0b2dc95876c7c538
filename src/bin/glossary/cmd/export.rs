//! `glossary export`: the built glossary in a format for translation tools.

use std::collections::HashMap;
use std::io::Write;
use std::process::ExitCode;

use anyhow::Context;
use glossary::export::{self, ExportOptions, Format};
use glossary::extract::count::Context as KeywordInContext;
use glossary::folder::{GlossaryFolder, Output};
use glossary::fsutil;

use crate::cli::{ExportArgs, ExportFormat};

/// Runs `glossary export`.
pub fn run(args: ExportArgs) -> anyhow::Result<ExitCode> {
    let folder = GlossaryFolder::new(&args.glossary);
    let merged = folder
        .read_glossary()
        .with_context(|| format!("reading {}", folder.output(Output::GlossaryCsv).display()))?;
    let format = match args.format {
        ExportFormat::Csv => Format::Csv,
        ExportFormat::Tbx => Format::Tbx,
        ExportFormat::Tbx3 => Format::Tbx3,
        ExportFormat::Omegat => Format::Omegat,
        ExportFormat::Tmx => Format::Tmx,
        ExportFormat::Xlsx => Format::Xlsx,
    };
    if format == Format::Xlsx && args.output.is_none() {
        anyhow::bail!("a workbook is not written to the terminal: give a file with -o FILE.xlsx");
    }
    let sentences = if format == Format::Tmx {
        folder.read_sentences().unwrap_or_else(|| {
            eprintln!(
                "glossary: warning: no aligned sentence pairs at {} (run `glossary build`): the memory holds the term pairs only",
                folder.output(Output::Sentences).display()
            );
            Vec::new()
        })
    } else {
        Vec::new()
    };
    let contexts = if format == Format::Xlsx {
        review_contexts(&folder)
    } else {
        HashMap::new()
    };
    let mut bytes = Vec::new();
    let options = ExportOptions {
        include_proposed: args.include_proposed,
        contexts,
        ..ExportOptions::default()
    };
    export::write(format, &merged, &sentences, &mut bytes, &options)?;
    match &args.output {
        Some(path) => fsutil::write_bytes_atomic(path, &bytes)?,
        None => {
            let mut out = std::io::stdout().lock();
            out.write_all(&bytes)?;
            out.flush()?;
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// The keyword-in-context lines of every term in the last build's lookup index (more than
/// glossary.csv's one), for the review sheet's two contexts. Without a readable index the
/// sheet shows glossary.csv's one, and a warning says so.
fn review_contexts(folder: &GlossaryFolder) -> HashMap<String, Vec<KeywordInContext>> {
    match folder
        .lookup_index()
        .and_then(|index| index.contexts_by_term())
    {
        Ok(contexts) => contexts,
        Err(e) => {
            eprintln!("glossary: warning: {e}: the review sheet shows one context per term");
            HashMap::new()
        }
    }
}
