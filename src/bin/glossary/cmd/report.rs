//! `glossary report`: the build's HTML page, brought up to date and written where asked.

use std::process::ExitCode;

use anyhow::Context;
use glossary::folder::{GlossaryFolder, Output};
use glossary::fsutil;

use crate::cli::ReportArgs;

/// Runs `glossary report`: a build (nothing is redone when nothing changed), then the page
/// copied to `-o` when that is not the glossary folder's own `report.html`.
pub fn run(args: ReportArgs) -> anyhow::Result<ExitCode> {
    let (options, report) = super::build::build_from(&args.build)?;
    let page = GlossaryFolder::new(&options.out).output(Output::ReportHtml);
    let target = args.output.clone().unwrap_or_else(|| page.clone());
    if target != page {
        let bytes = std::fs::read(&page).with_context(|| format!("reading {}", page.display()))?;
        fsutil::write_bytes_atomic(&target, &bytes)?;
    }
    if !args.build.common.quiet {
        println!(
            "{} ({} documents; open it in a browser, no network needed)",
            target.display(),
            report.documents
        );
    }
    Ok(crate::cmd::report(
        &report.problems,
        args.build.common.quiet,
    ))
}
