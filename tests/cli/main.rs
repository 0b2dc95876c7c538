//! Integration tests: the real `glossary` binary run on real files (the seeds, and small
//! fixtures written for these tests), the way a user runs it.

mod align;
mod build;
mod corpus;
mod crash;
mod edit;
mod export;
mod extract;
mod golden;
mod hostile;
mod import;
mod judged;
mod linking;
mod lookup;
mod memory;
mod omegat;
mod ranking;
mod report;
mod script;
mod streaming;
mod util;
