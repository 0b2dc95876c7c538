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

/// mimalloc's `purge_delay` option (its index in `mi_option_t`; libmimalloc-sys names no
/// constant for it).
const MI_OPTION_PURGE_DELAY: libmimalloc_sys::mi_option_t = 15;

fn main() -> ExitCode {
    give_freed_pages_back_at_once();
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

/// mimalloc keeps freed pages for up to a second before it gives them back to the system.
/// A build frees a stage's tables and allocates the next stage's at once, so both counted in
/// its peak memory; purging at once lowers the peak of a cold build of a gigabyte (figures
/// in benches/README.md). `MIMALLOC_PURGE_DELAY` is read before `main` and is overridden.
fn give_freed_pages_back_at_once() {
    // SAFETY: mimalloc's option setters are not thread-safe; this runs first in `main`, before
    // any other thread exists.
    unsafe { libmimalloc_sys::mi_option_set(MI_OPTION_PURGE_DELAY, 0) }
}

/// A closed pipe (`glossary corpus | head`) is not an error.
fn is_broken_pipe(err: &anyhow::Error) -> bool {
    err.chain().any(|cause| {
        cause
            .downcast_ref::<std::io::Error>()
            .is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
    })
}
