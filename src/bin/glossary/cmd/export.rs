//! `glossary export`: the built glossary in a format for translation tools.

use std::io::Write;
use std::process::ExitCode;

use anyhow::Context;
use glossary::build::Paths;
use glossary::export::{self, ExportOptions, Format, SentenceUnit};
use glossary::fsutil;
use glossary::glossary::merged::Merged;

use crate::cli::{ExportArgs, ExportFormat};

/// Runs `glossary export`.
pub fn run(args: ExportArgs) -> anyhow::Result<ExitCode> {
    let csv = Paths::new(&args.glossary).glossary();
    if !csv.is_file() {
        anyhow::bail!(
            "no built glossary at {}: run `glossary build` first",
            csv.display()
        );
    }
    let merged = Merged::read(&csv).with_context(|| format!("reading {}", csv.display()))?;
    let format = match args.format {
        ExportFormat::Csv => Format::Csv,
        ExportFormat::Tbx => Format::Tbx,
        ExportFormat::Tbx3 => Format::Tbx3,
        ExportFormat::Omegat => Format::Omegat,
        ExportFormat::Tmx => Format::Tmx,
    };
    let options = ExportOptions::default();
    let sentences = if format == Format::Tmx {
        sentence_pairs(&Paths::new(&args.glossary))
    } else {
        Vec::new()
    };
    let mut bytes = Vec::new();
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

/// The aligned sentence pairs the last build kept; none (with a warning) without them.
fn sentence_pairs(paths: &Paths) -> Vec<SentenceUnit> {
    let path = paths.sentences();
    match std::fs::read(&path).map(|bytes| postcard::from_bytes::<Vec<SentenceUnit>>(&bytes)) {
        Ok(Ok(units)) => units,
        _ => {
            eprintln!(
                "glossary: warning: no aligned sentence pairs at {} (run `glossary build`): the memory holds the term pairs only",
                path.display()
            );
            Vec::new()
        }
    }
}
