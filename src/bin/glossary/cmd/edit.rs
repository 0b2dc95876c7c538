//! `glossary add`, `set` and `reject`: safe edits of the curated glossary.

use std::process::ExitCode;

use anyhow::Context;
use glossary::folder::GlossaryFolder;
use glossary::glossary::Status;
use glossary::glossary::curated::Curated;
use glossary::glossary::edit::{self, Addition, Change, Cover, Rejection};

use crate::cli::{AddArgs, RejectArgs, SetArgs, StatusArg};

fn status(arg: StatusArg) -> Status {
    match arg {
        StatusArg::Preferred => Status::Preferred,
        StatusArg::Admitted => Status::Admitted,
        StatusArg::Deprecated => Status::Deprecated,
        StatusArg::Superseded => Status::Superseded,
    }
}

/// Runs `glossary add`.
pub fn add(args: AddArgs) -> anyhow::Result<ExitCode> {
    let path = args.glossary.curated_path();
    let mut curated = Curated::read_or_empty(&path)?;
    let addition = Addition {
        zh: args.zh,
        en: args.en,
        status: args.status.map(status),
        id: args.id,
        cells: args.cells.cells(),
        date: edit::today(),
    };
    let said = edit::add(&mut curated, &addition)?;
    save(&curated, &said)
}

/// Runs `glossary set`.
pub fn set(args: SetArgs) -> anyhow::Result<ExitCode> {
    let path = args.glossary.curated_path();
    let mut curated = Curated::read(&path)?;
    let change = Change {
        zh: args.zh,
        row_en: args.row_en,
        en: args.en,
        status: args.status.map(status),
        cells: args.cells.cells(),
        date: edit::today(),
    };
    let said = edit::set(&mut curated, &change)?;
    save(&curated, &said)
}

/// Runs `glossary reject`.
pub fn reject(args: RejectArgs) -> anyhow::Result<ExitCode> {
    let path = args.glossary.curated_path();
    let mut curated = Curated::read_or_empty(&path)?;
    let (note, date) = (args.note.as_deref(), edit::today());
    let said = if args.with_forms {
        // Forms are looked for in the last build only: without one there is nothing to
        // cover, and rejecting the term alone would not be what was asked.
        let built = GlossaryFolder::new(&args.glossary.glossary)
            .read_glossary()
            .with_context(|| format!("looking for the forms {} covers", args.zh.trim()))?;
        let done = edit::reject_with_forms(&mut curated, &built, &args.zh, note, &date)?;
        with_forms(&done)
    } else {
        edit::reject(&mut curated, &args.zh, note, &date)?
    };
    if args.dry_run {
        println!("dry run, nothing written to {}:", curated.path.display());
        println!("{said}");
        return Ok(ExitCode::SUCCESS);
    }
    save(&curated, &said)
}

/// What a rejection with its forms did, one form a line.
fn with_forms(done: &Rejection) -> String {
    let mut lines = vec![done.said.clone()];
    if done.forms.is_empty() {
        lines.push("no other candidate of the last build is covered by it".to_string());
    }
    for form in &done.forms {
        let why = match form.cover {
            Cover::Fragment => "occurs only inside it",
            Cover::Superset => "begins or ends with it",
        };
        lines.push(format!(
            "  also rejected {}: {} ({why})",
            form.zh, form.cover
        ));
    }
    lines.join("\n")
}

fn save(curated: &Curated, said: &str) -> anyhow::Result<ExitCode> {
    curated.save()?;
    println!("{said}");
    println!(
        "saved {}; run `glossary build` to update the glossary and its exports",
        curated.path.display()
    );
    Ok(ExitCode::SUCCESS)
}
