//! Rendering every output in memory, then writing those that changed: all staged first, so a
//! build that fails while writing leaves the previous outputs together and intact.

use std::collections::{BTreeMap, HashMap};
use std::path::PathBuf;

use super::report::WriteOutcome;
use super::state::State;
use crate::align::SentenceUnit;
use crate::corpus::Corpus;
use crate::error::Result;
use crate::export::{self, ExportOptions, Format};
use crate::extract::Extraction;
use crate::extract::count::{Context, TermCounts};
use crate::folder::{GlossaryFolder, Output};
use crate::fsutil;
use crate::glossary::merged::Glossary;
use crate::lang::Lang;
use crate::{lookup, report};

/// Every output's bytes, in the order of [`Output::ALL`].
pub(super) type Rendered = Vec<(Output, Vec<u8>)>;

/// The glossary and its exports: `(output, bytes)`, in a fixed order.
pub fn render(
    merged: &Glossary,
    sentences: &[SentenceUnit],
    options: &ExportOptions,
) -> Result<Vec<(Output, Vec<u8>)>> {
    let mut out = vec![(Output::GlossaryCsv, merged.to_csv().into_bytes())];
    for (output, format) in [
        (Output::GlossaryTbx, Format::Tbx),
        (Output::ExportCsv, Format::Csv),
        (Output::OmegatTxt, Format::Omegat),
        (Output::MemoryTmx, Format::Tmx),
    ] {
        let mut bytes = Vec::new();
        export::write(format, merged, sentences, &mut bytes, options)?;
        out.push((output, bytes));
    }
    Ok(out)
}

/// Every output of a build: the glossary and its exports, the report page, the lookup index
/// and the aligned sentence pairs.
pub(super) fn render_all(
    merged: &Glossary,
    (extraction, curated_counts): (&Extraction, &HashMap<String, TermCounts>),
    sentences: &[SentenceUnit],
    corpus: &Corpus,
    options: &ExportOptions,
) -> Result<Rendered> {
    let mut contexts: HashMap<String, Vec<Context>> = HashMap::new();
    for term in &extraction.terms {
        contexts.insert(term.term.clone(), term.contexts.clone());
    }
    for (zh, counts) in curated_counts {
        contexts.insert(zh.clone(), counts.contexts.clone());
    }
    let mut docs_by_year: BTreeMap<Option<i32>, usize> = BTreeMap::new();
    for doc in corpus.documents.iter().filter(|d| d.lang == Lang::Zh) {
        *docs_by_year.entry(doc.year).or_insert(0) += 1;
    }
    let mut rendered = render(merged, sentences, options)?;
    let page = report::render(merged, &contexts, sentences, &docs_by_year);
    rendered.push((Output::ReportHtml, page.into_bytes()));
    let cards = lookup::cards(merged, &contexts);
    rendered.push((Output::LookupIndex, lookup::index_bytes(&cards)));
    let units = postcard::to_stdvec(sentences).expect("sentence units serialise");
    rendered.push((Output::Sentences, units));
    Ok(rendered)
}

/// Writes the outputs whose bytes changed, all staged before any replaces its old version;
/// returns what was done with each, and the state to record once the build is over.
pub(super) fn commit(
    folder: &GlossaryFolder,
    rendered: Rendered,
    fingerprint: String,
) -> Result<(Vec<(PathBuf, WriteOutcome)>, State)> {
    let mut state = State {
        fingerprint,
        outputs: BTreeMap::new(),
        quick: None,
    };
    let mut staged = fsutil::Staged::new();
    let mut outcomes = Vec::new();
    for (output, bytes) in &rendered {
        let path = folder.output(*output);
        let unchanged = std::fs::read(&path).is_ok_and(|old| old == *bytes);
        if !unchanged {
            staged.stage(&path, bytes)?;
        }
        state.outputs.insert(
            output.file_name().to_string(),
            blake3::hash(bytes).to_hex().to_string(),
        );
        let outcome = if unchanged {
            WriteOutcome::Unchanged
        } else {
            WriteOutcome::Written
        };
        outcomes.push((path, outcome));
    }
    staged.commit()?;
    Ok((outcomes, state))
}
