//! The `glossary` command: argument parsing and printing over the `glossary` library.

mod advice;
mod cli;
mod cmd;

use std::process::ExitCode;

use clap::Parser;

// The build allocates and frees a great deal (parsed documents, token streams, n-gram
// tables): with the system allocator a cold build spent much of its time in the kernel
// faulting fresh pages in; mimalloc keeps and reuses them (figures in benches/README.md).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    let cli = cli::Cli::parse();
    match cmd::run(cli) {
        Ok(code) => code,
        Err(err) if is_broken_pipe(&err) => ExitCode::SUCCESS,
        Err(err) => {
            match advice::for_error(&err) {
                Some(advice) => eprintln!("glossary: {err:#}: {advice}"),
                None => eprintln!("glossary: {err:#}"),
            }
            ExitCode::from(2)
        }
    }
}

/// A closed pipe (`glossary corpus | head`) is not an error.
fn is_broken_pipe(err: &anyhow::Error) -> bool {
    err.chain().any(|cause| {
        cause
            .downcast_ref::<std::io::Error>()
            .is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
    })
}
