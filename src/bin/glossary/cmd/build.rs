//! `glossary build`: the whole pipeline, with a progress bar and a report of what changed.

use std::io::{IsTerminal, Write};
use std::process::ExitCode;
use std::time::Duration;

use anyhow::Context;
use glossary::build::{self, BuildOptions, BuildReport, Progress, WriteOutcome};
use glossary::export::ExportOptions;
use glossary::extract::ExtractOptions;
use glossary::lock::WhenLocked;
use indicatif::{ProgressBar, ProgressStyle};

use crate::cli::{BuildArgs, TextOrJson};

/// How many new candidates and count changes the text report names.
const SHOWN: usize = 12;

/// Runs `glossary build`.
pub fn run(args: BuildArgs) -> anyhow::Result<ExitCode> {
    let (options, report) = build_from(&args)?;
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    match args.format {
        TextOrJson::Json => {
            serde_json::to_writer_pretty(&mut out, &report)?;
            writeln!(out)?;
        }
        TextOrJson::Text => print_report(&mut out, &report, &options)?,
    }
    out.flush()?;
    if !args.common.quiet {
        if !options.curated.exists() {
            eprintln!(
                "glossary: warning: no curated glossary at {}: every term is a candidate (add one with glossary add)",
                options.curated.display()
            );
        }
        for conflict in &report.conflicts {
            eprintln!(
                "glossary: warning: {}: {}",
                options.curated.display(),
                conflict.message
            );
        }
        for failure in &report.cache_failures {
            eprintln!("glossary: warning: build cache: {failure} (the next build reads it again)");
        }
    }
    if args.common.verbose {
        for (stage, seconds) in &report.timings {
            eprintln!("glossary: {stage} {seconds:.3} s");
        }
    }
    Ok(crate::cmd::report(&report.problems, args.common.quiet))
}

/// The library's options for `args`, and the build they ask for (with a progress bar on a
/// terminal). Shared with `glossary report`, which is a build that points at its page.
pub fn build_from(args: &BuildArgs) -> anyhow::Result<(BuildOptions, BuildReport)> {
    let options = BuildOptions {
        corpus: args.corpus_dir().to_path_buf(),
        manifest: args.corpus.manifest.clone(),
        memories: args.memories.clone(),
        curated: args.glossary.curated_path(),
        out: args.glossary.glossary.clone(),
        extract: ExtractOptions {
            min_freq: args.min_freq,
            ..ExtractOptions::default()
        },
        export: ExportOptions::default(),
        force: args.force,
        when_locked: if args.no_wait {
            WhenLocked::Refuse
        } else {
            WhenLocked::Wait
        },
        hold_texts: args.hold_texts,
    };
    if args.glossary.curated.is_some() && !options.curated.is_file() {
        anyhow::bail!(
            "{}: no such file (a missing --curated file is not taken as an empty glossary)",
            options.curated.display()
        );
    }
    let bar = (std::io::stderr().is_terminal() && !args.common.quiet).then(Bar::new);
    let plain = Plain;
    let progress: &dyn Progress = match &bar {
        Some(bar) => bar,
        None => &plain,
    };
    let report = build::build(&options, progress).with_context(|| {
        format!(
            "building {} from {}",
            options.out.display(),
            options.corpus.display()
        )
    })?;
    Ok((options, report))
}

/// `label (n): a, b, c and k more`, the first [`SHOWN`] items; nothing for an empty list.
fn write_list(out: &mut impl Write, label: &str, items: &[String]) -> std::io::Result<()> {
    if items.is_empty() {
        return Ok(());
    }
    let more = items.len().saturating_sub(SHOWN);
    let shown = items[..items.len().min(SHOWN)].join(", ");
    let more = if more > 0 {
        format!(" and {more} more")
    } else {
        String::new()
    };
    writeln!(out, "{label} ({}): {shown}{more}", items.len())
}

fn print_report(
    out: &mut impl Write,
    r: &BuildReport,
    options: &BuildOptions,
) -> std::io::Result<()> {
    // Every pair is one translation file; whatever is neither Chinese nor a paired
    // translation (an unpaired English file, an unknown language) is "other".
    let others = r.documents.saturating_sub(r.chinese + r.pairs);
    writeln!(
        out,
        "{} documents in {} ({} Chinese, {} paired translation(s), {} other)",
        r.documents,
        options.corpus.display(),
        r.chinese,
        r.pairs,
        others,
    )?;
    if r.up_to_date {
        writeln!(
            out,
            "up to date: no document, curated entry or setting changed since the last build; nothing written (--force rebuilds)"
        )?;
        return Ok(());
    }
    writeln!(
        out,
        "read {} document(s), {} from the cache; segmented {}",
        r.files.read.len(),
        r.files.cached,
        r.segmented
    )?;
    let counted_again: Vec<String> = r
        .recounts
        .iter()
        .filter(|n| !n.full)
        .map(|n| {
            format!(
                "{}: {} new document(s) counted, {} new term(s) over all",
                n.list,
                n.documents.unwrap_or(0),
                n.terms.unwrap_or(0)
            )
        })
        .collect();
    if !counted_again.is_empty() {
        writeln!(
            out,
            "counts updated from the previous build ({})",
            counted_again.join("; ")
        )?;
    }
    if r.files.has_previous {
        for (label, ids) in [
            ("added", &r.files.added),
            ("changed", &r.files.changed),
            ("removed", &r.files.removed),
        ] {
            if !ids.is_empty() {
                writeln!(out, "{label}: {}", ids.join(", "))?;
            }
        }
        if r.files.added.is_empty() && r.files.changed.is_empty() && r.files.removed.is_empty() {
            writeln!(out, "no document added, changed or removed")?;
        }
    } else {
        writeln!(
            out,
            "first build in {} (no record of a previous one)",
            options.out.display()
        )?;
    }
    writeln!(
        out,
        "glossary: {} curated rows, {} candidates, {} extracted forms attached to curated concepts",
        r.curated_rows, r.candidates, r.attached_variants
    )?;
    if r.aligned_documents > 0 {
        writeln!(
            out,
            "aligned {} document(s) with their English: {} sentence pairs ({} low-confidence, marked in the memory)",
            r.aligned_documents, r.sentence_pairs, r.low_confidence_pairs
        )?;
    }
    if r.memories > 0 {
        writeln!(
            out,
            "read {} translation memor{}: {} units, used like aligned pairs",
            r.memories,
            if r.memories == 1 { "y" } else { "ies" },
            r.memory_units
        )?;
    }
    if r.sentence_pairs + r.memory_units > 0 {
        writeln!(
            out,
            "proposed English for {} candidates; {} preferred curated rendering(s) not used by the translations",
            r.proposals, r.unused_renderings
        )?;
    }
    let new_candidates: Vec<String> = r
        .new_candidates
        .iter()
        .map(|t| format!("{} ({})", t.zh, t.total))
        .collect();
    write_list(out, "new candidates", &new_candidates)?;
    write_list(out, "candidates gone", &r.gone_candidates)?;
    let count_changes: Vec<String> = r
        .count_changes
        .iter()
        .map(|c| format!("{} {} → {}", c.zh, c.before, c.after))
        .collect();
    write_list(out, "counts changed", &count_changes)?;
    let names = |state: WriteOutcome| {
        r.outputs
            .iter()
            .filter(|(_, w)| *w == state)
            .map(|(p, _)| p.display().to_string())
            .collect::<Vec<_>>()
    };
    let (written, unchanged) = (names(WriteOutcome::Written), names(WriteOutcome::Unchanged));
    if !written.is_empty() {
        writeln!(out, "wrote {}", written.join(", "))?;
    }
    if !unchanged.is_empty() {
        writeln!(out, "unchanged {}", unchanged.join(", "))?;
    }
    Ok(())
}

/// A progress bar on stderr.
struct Bar(ProgressBar);

impl Bar {
    fn new() -> Bar {
        let bar = ProgressBar::new_spinner();
        bar.enable_steady_tick(Duration::from_millis(120));
        Bar(bar)
    }
}

impl Progress for Bar {
    fn stage(&self, name: &'static str, total: Option<u64>) {
        let template = match total {
            Some(_) => "{spinner} {msg:9} [{bar:30}] {pos}/{len} documents {elapsed}",
            None => "{spinner} {msg:9} {pos} {elapsed}",
        };
        let style = ProgressStyle::with_template(template)
            .expect("a valid template")
            .progress_chars("=> ");
        self.0.set_style(style);
        self.0.set_message(name);
        self.0.set_position(0);
        match total {
            Some(n) => self.0.set_length(n),
            None => self.0.unset_length(),
        }
    }

    fn advance(&self, n: u64) {
        self.0.inc(n);
    }

    fn done(&self) {
        self.0.finish_and_clear();
    }

    fn waiting_for_lock(&self, holder: Option<u32>, lock: &std::path::Path) {
        self.0
            .suspend(|| eprintln!("{}", waiting_message(holder, lock)));
    }
}

/// No progress bar: only the message that the build is waiting.
struct Plain;

impl Progress for Plain {
    fn waiting_for_lock(&self, holder: Option<u32>, lock: &std::path::Path) {
        eprintln!("{}", waiting_message(holder, lock));
    }
}

fn waiting_message(holder: Option<u32>, lock: &std::path::Path) -> String {
    let who = holder.map_or("another process".to_string(), |pid| {
        format!("process {pid}")
    });
    format!(
        "waiting: another glossary build ({who}) is writing to this folder (lock {}); \
         this one starts when it ends (Ctrl-C to stop, --no-wait to refuse instead)",
        lock.display()
    )
}

impl Drop for Bar {
    /// A build that fails leaves no half-drawn bar above its error message.
    fn drop(&mut self) {
        self.0.finish_and_clear();
    }
}
