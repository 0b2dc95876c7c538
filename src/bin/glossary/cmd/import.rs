//! `glossary import`: termbases from other tools merged into the curated glossary.

use std::process::ExitCode;

use glossary::glossary::curated::Curated;
use glossary::glossary::edit;
use glossary::glossary::import::{self, Applied, ColumnChoice, ImportSummary, Outcome};

use crate::cli::ImportArgs;

/// Runs `glossary import`.
pub fn run(args: ImportArgs) -> anyhow::Result<ExitCode> {
    let path = args.glossary.curated_path();
    let mut curated = Curated::read_or_empty(&path)?;
    let columns = ColumnChoice {
        zh: args.zh_column,
        en: args.en_column,
        sheet: args.sheet,
    };
    // Every file is read before anything is merged: a bad file leaves the glossary untouched.
    let mut terms = Vec::new();
    for file in &args.files {
        terms.extend(import::read_file(file, &columns)?);
    }
    let summary = import::apply(&mut curated, terms, &edit::today())?;
    if args.dry_run {
        println!("dry run, nothing written to {}:", curated.path.display());
        for applied in &summary.applied {
            println!("  {}", line(applied));
        }
    } else {
        for applied in summary.applied.iter().filter(|a| {
            matches!(
                a.outcome,
                Outcome::Conflict(_) | Outcome::CuratedNotRejected
            )
        }) {
            println!("  {}", line(applied));
        }
    }
    println!("{}", totals(&summary));
    if args.dry_run || !summary.changed() {
        return Ok(ExitCode::SUCCESS);
    }
    curated.save()?;
    println!(
        "saved {}; run `glossary build` to update the glossary and its exports",
        curated.path.display()
    );
    Ok(ExitCode::SUCCESS)
}

/// One pair and what became of it.
fn line(applied: &Applied) -> String {
    let t = &applied.term;
    let at = format!("{}:{}", t.file.display(), t.line);
    let pair = format!("{} = {}", t.zh, t.en);
    match &applied.outcome {
        Outcome::Added { id, status } => {
            format!("add     {pair} ({status}, new concept {id})  {at}")
        }
        Outcome::Joined { id, status } => format!("join    {pair} ({status}, concept {id})  {at}"),
        Outcome::Conflict(c) => {
            // A row added by this import has no line in the file yet.
            let curated_at = match c.curated_line {
                0 => "added by this import".to_string(),
                line => format!("line {line}"),
            };
            format!(
                "CONFLICT {pair}: preferred in {at}, added as admitted to {}; the preferred is {:?} ({curated_at}); to make the imported one preferred: glossary set {} --row-en {:?} --status preferred",
                c.id, c.curated_en, t.zh, t.en
            )
        }
        Outcome::AlreadyCurated => format!("skip    {pair} (already curated)  {at}"),
        Outcome::Rejected => format!("skip    {pair} ({} was rejected)  {at}", t.zh),
        Outcome::Incomplete => {
            format!(
                "skip    line {} (no Chinese or no English term)  {at}",
                t.line
            )
        }
        Outcome::RejectedByReview => format!("reject  {} (reviewer's decision)  {at}", t.zh),
        Outcome::CuratedNotRejected => format!(
            "skip    reject {}: it is curated; to avoid a rendering use glossary set {} --status deprecated  {at}",
            t.zh, t.zh
        ),
    }
}

/// The counts of the summary.
fn totals(summary: &ImportSummary) -> String {
    let added = summary.count(|o| matches!(o, Outcome::Added { .. }));
    let joined = summary.count(|o| matches!(o, Outcome::Joined { .. }));
    let conflicts = summary.count(|o| matches!(o, Outcome::Conflict(_)));
    let skipped = summary.count(|o| matches!(o, Outcome::AlreadyCurated));
    let rejected = summary.count(|o| matches!(o, Outcome::Rejected));
    let incomplete = summary.count(|o| matches!(o, Outcome::Incomplete));
    let reviewed =
        summary.count(|o| matches!(o, Outcome::RejectedByReview | Outcome::CuratedNotRejected));
    format!(
        "{} pairs read: added {added} ({} new concepts), joined {joined}, conflicts {conflicts}, skipped {skipped} already curated, {rejected} rejected terms, {incomplete} incomplete rows{}",
        summary.applied.len(),
        summary.new_concepts(),
        if reviewed > 0 {
            let done = summary.count(|o| matches!(o, Outcome::RejectedByReview));
            format!(
                "; rejected in review {done}, not rejected (curated) {}",
                reviewed - done
            )
        } else {
            String::new()
        }
    )
}
