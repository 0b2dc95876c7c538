//! `glossary`: a Chinese–English glossary and alignment builder for official texts.
//!
//! The library is the whole tool; the `glossary` binary only parses arguments and prints.
//! `ARCHITECTURE.md` at the top of the repository is the map of the code. Modules follow the
//! data:
//!
//! ```text
//! corpus ──▶ segment ──▶ extract ──▶ align ──▶ glossary (merge) ──▶ export · lookup · report
//!   Corpus      words      Extraction   SentenceUnit,   Glossary        files, cards, page
//!                                       Usage
//! build: every stage in order, writing what changed into a GlossaryFolder
//! ```
//!
//! Reading a document from text, with no file and no command line:
//!
//! ```
//! use std::path::PathBuf;
//! use glossary::{corpus::Document, lang::Lang};
//!
//! let text = "# 讲话\n\n（2014年9月12日，杜尚别）\n\n我们要坚持“上海精神”,深化上\n\n合组织合作。\n";
//! let doc = Document::from_text("speech.txt", PathBuf::from("speech.txt"), text, Lang::Zh);
//! assert_eq!(doc.year, Some(2014));
//! let sentences: Vec<&str> = doc.sentences().map(|s| s.text.as_str()).collect();
//! assert_eq!(sentences, ["讲话", "我们要坚持“上海精神”，深化上合组织合作。"]);
//! ```
#![deny(missing_docs)]

// The stages (ARCHITECTURE.md draws the map and the order data flows through them).
pub mod align;
pub mod build;
pub mod corpus;
pub mod export;
pub mod extract;
pub mod glossary;
pub mod lang;
pub mod lookup;
pub mod segment;

// What the stages share.
pub(crate) mod cache;
pub mod cedict;
pub mod error;
pub mod folder;
pub mod fsutil;
pub mod lock;
pub(crate) mod matcher;
pub(crate) mod report;
pub(crate) mod table;
pub(crate) mod timing;
pub mod year;

// The library's API at a glance: what a second front end (a GUI, a server, a test) starts from.
pub use align::{Aligner, Lexicon, SentenceUnit};
pub use build::{BuildOptions, BuildReport, Progress, Silent, build};
pub use corpus::{Corpus, CorpusOptions, Document};
pub use error::{Error, Result};
pub use export::{ExportOptions, Format};
pub use extract::{ExtractOptions, Extraction, Term, extract};
pub use folder::{GlossaryFolder, Output};
pub use glossary::curated::Curated;
pub use glossary::merged::Glossary;
pub use lookup::Index;
pub use segment::Segmenter;
