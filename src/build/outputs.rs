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

/// The glossary and its exports: `(output, bytes)`, in a fixed order.
pub fn render(
    merged: &Glossary,
    sentences: &[SentenceUnit],
    options: &ExportOptions,
) -> Result<Vec<(Output, Vec<u8>)>> {
    let mut out = Vec::new();
    render_each(merged, sentences, options, &mut |output, bytes| {
        out.push((output, bytes));
        Ok(())
    })?;
    Ok(out)
}

/// The glossary and its exports, each handed to `emit` as soon as it is rendered (a large
/// glossary's files are hundreds of MB: they are not all held at once).
fn render_each(
    merged: &Glossary,
    sentences: &[SentenceUnit],
    options: &ExportOptions,
    emit: &mut dyn FnMut(Output, Vec<u8>) -> Result<()>,
) -> Result<()> {
    emit(Output::GlossaryCsv, merged.to_csv().into_bytes())?;
    for (output, format) in [
        (Output::GlossaryTbx, Format::Tbx),
        (Output::ExportCsv, Format::Csv),
        (Output::OmegatTxt, Format::Omegat),
        (Output::MemoryTmx, Format::Tmx),
    ] {
        let mut bytes = Vec::new();
        export::write(format, merged, sentences, &mut bytes, options)?;
        emit(output, bytes)?;
    }
    Ok(())
}

/// Every output of a build (the glossary and its exports, the report page, the lookup index
/// and the aligned sentence pairs), each staged as soon as it is rendered. The contexts of
/// the terms are moved in, not copied.
pub(super) fn render_all(
    merged: &Glossary,
    (extraction, curated_counts): (Extraction, HashMap<String, TermCounts>),
    sentences: &[SentenceUnit],
    corpus: &Corpus,
    options: &ExportOptions,
    stager: &mut Stager<'_>,
) -> Result<()> {
    let mut contexts: HashMap<String, Vec<Context>> = HashMap::new();
    for term in extraction.terms {
        contexts.insert(term.term, term.contexts);
    }
    for (zh, counts) in curated_counts {
        contexts.insert(zh, counts.contexts);
    }
    let mut docs_by_year: BTreeMap<Option<i32>, usize> = BTreeMap::new();
    for doc in corpus.documents.iter().filter(|d| d.lang == Lang::Zh) {
        *docs_by_year.entry(doc.year).or_insert(0) += 1;
    }
    render_each(merged, sentences, options, &mut |output, bytes| {
        stager.put(output, bytes)
    })?;
    let page = report::render(merged, &contexts, sentences, &docs_by_year);
    stager.put(Output::ReportHtml, page.into_bytes())?;
    let cards = lookup::cards(merged, contexts);
    stager.put(Output::LookupIndex, lookup::index_bytes(&cards))?;
    drop(cards);
    let units = postcard::to_stdvec(sentences).expect("sentence units serialise");
    stager.put(Output::Sentences, units)
}

/// The outputs of a build, staged one by one (written to temporary files beside their
/// places, those whose bytes did not change left alone), then put in place together.
pub(super) struct Stager<'f> {
    folder: &'f GlossaryFolder,
    staged: fsutil::Staged,
    state: State,
    outcomes: Vec<(PathBuf, WriteOutcome)>,
}

impl<'f> Stager<'f> {
    /// Nothing staged yet; `fingerprint` is the inputs' for the state to record.
    pub(super) fn new(folder: &'f GlossaryFolder, fingerprint: String) -> Stager<'f> {
        Stager {
            folder,
            staged: fsutil::Staged::new(),
            state: State {
                fingerprint,
                outputs: BTreeMap::new(),
                quick: None,
            },
            outcomes: Vec::new(),
        }
    }

    /// Stages `bytes` as `output`, unless the file holds them already.
    fn put(&mut self, output: Output, bytes: Vec<u8>) -> Result<()> {
        let path = self.folder.output(output);
        // A file of another length has changed: it is not read (a large glossary's report and
        // index are hundreds of MB).
        let same_length = std::fs::metadata(&path).is_ok_and(|m| m.len() == bytes.len() as u64);
        let unchanged = same_length && std::fs::read(&path).is_ok_and(|old| old == bytes);
        if !unchanged {
            self.staged.stage(&path, &bytes)?;
        }
        self.state.outputs.insert(
            output.file_name().to_string(),
            blake3::hash(&bytes).to_hex().to_string(),
        );
        let outcome = if unchanged {
            WriteOutcome::Unchanged
        } else {
            WriteOutcome::Written
        };
        self.outcomes.push((path, outcome));
        Ok(())
    }

    /// Puts every staged output in place; returns what was done with each, and the state to
    /// record once the build is over.
    pub(super) fn commit(self) -> Result<(Vec<(PathBuf, WriteOutcome)>, State)> {
        self.staged.commit()?;
        Ok((self.outcomes, self.state))
    }
}
