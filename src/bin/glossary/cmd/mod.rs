//! One module per subcommand, each with a `run` that turns arguments into library options,
//! makes one library call and prints.

mod align;
mod build;
mod check;
mod corpus;
mod edit;
mod export;
mod extract;
mod import;
mod lookup;
mod report;

use std::process::ExitCode;

use glossary::corpus::{Problem, Severity};

use crate::cli::{Cli, Command};

/// Runs the parsed command line.
pub fn run(cli: Cli) -> anyhow::Result<ExitCode> {
    match cli.command {
        Command::Corpus(args) => corpus::run(args),
        Command::Extract(args) => extract::run(args),
        Command::Build(args) => build::run(args),
        Command::Align(args) => align::run(args),
        Command::Check(args) => check::run(args),
        Command::Lookup(args) => lookup::run(args),
        Command::Report(args) => report::run(args),
        Command::Export(args) => export::run(args),
        Command::Add(args) => edit::add(args),
        Command::Set(args) => edit::set(args),
        Command::Reject(args) => edit::reject(args),
        Command::Import(args) => import::run(args),
    }
}

/// Prints problems to stderr (warnings unless `quiet`) and returns the exit status they imply:
/// 2 when anything was skipped, 0 otherwise.
pub fn report(problems: &[Problem], quiet: bool) -> ExitCode {
    let mut status = ExitCode::SUCCESS;
    for problem in problems {
        match problem.severity {
            Severity::Error => {
                eprintln!("glossary: error: {problem}");
                status = ExitCode::from(2);
            }
            Severity::Warning if !quiet => eprintln!("glossary: warning: {problem}"),
            Severity::Warning => {}
        }
    }
    status
}
