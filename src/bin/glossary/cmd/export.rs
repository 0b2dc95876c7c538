//! `glossary export`: the built glossary in a format for translation tools.

use std::io::Write;
use std::process::ExitCode;

use anyhow::Context;
use glossary::build::Paths;
use glossary::export::{self, ExportOptions, Format};
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
    let mut bytes = Vec::new();
    export::write(format, &merged, &[], &mut bytes, &options)?;
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
