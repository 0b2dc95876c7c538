//! `glossary add`, `set` and `reject`: safe edits of the curated glossary.

use std::process::ExitCode;

use glossary::glossary::Status;
use glossary::glossary::curated::Curated;
use glossary::glossary::edit::{self, Addition, Change};

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
    let said = edit::reject(&mut curated, &args.zh, args.note.as_deref(), &edit::today())?;
    save(&curated, &said)
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
