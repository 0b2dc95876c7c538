//! `glossary build`: the whole pipeline, from the corpus folder to the files in `glossary/`.
//!
//! ```text
//! curated.csv ──read, validate──▶ Curated ──protected terms──▶ Segmenter
//! corpus/     ──Cache::load─────▶ documents (only changed files are read)
//! documents   ──tokens (cached)─▶ TokenStream ──extract_tokens──▶ terms
//! paired documents ──align──────▶ sentence pairs ──▶ memory.tmx; word links ──▶ usages of terms
//! curated + terms ──merge───────▶ Glossary ──▶ glossary.csv, glossary.tbx, glossary.export.csv,
//!                                           glossary-omegat.txt, memory.tmx, report.html,
//!                                           .cache/lookup.idx
//! ```
//!
//! Guarantees:
//! - the curated glossary is only read; a curated file with errors stops the build before
//!   anything is written;
//! - every output is rendered in memory, then written to a temporary file and renamed, and a
//!   file whose bytes did not change is not touched;
//! - the same inputs give byte-identical outputs (no dates, no scores that move, fixed orders);
//! - when nothing changed since the last build (same documents, curated file, manifest and
//!   options), nothing is segmented or written; where file sizes and times show it, nothing is
//!   even loaded (`stamp.rs`).

mod bilingual;
mod outputs;
mod report;
mod stamp;
mod state;

use std::borrow::Cow;
use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};

use rayon::prelude::*;

use crate::align::propose::Usage;
use crate::align::{Aligner, Lexicon};
use crate::cache::Cache;
use crate::corpus::{Corpus, CorpusOptions, Document, DocumentSource, Loaded, Texts};
use crate::error::Result;
use crate::export::ExportOptions;
use crate::extract::count::{self, CountMemo, TermCounts};
use crate::extract::tokens::{self, DocTokens, StreamBuilder, TokenStream};
use crate::extract::{CandidatePool, ExtractOptions, Extraction};
use crate::folder::GlossaryFolder;
use crate::fsutil;
use crate::glossary::curated::Curated;
use crate::glossary::merge;
use crate::lang::Lang;
use crate::lock::{BuildLock, WhenLocked};
use crate::segment::Segmenter;
use crate::timing::StageClock;

use bilingual::{Aligned, BilingualMemo};
pub use outputs::render;
use report::GlossaryChanges;
pub use report::{
    BuildReport, ConflictNote, CountChange, FileChanges, NewTerm, RecountNote, WriteOutcome,
};
use stamp::{CorpusSummary, InputStamp, QuickCheck};
use state::{State, fingerprint, program_identity};

/// Documents segmented (or taken from the cache) before their tokens join the stream.
const SEGMENT_BATCH: usize = 1024;

/// The memo of the candidates' counts, in the cache.
const CANDIDATE_COUNTS: &str = "counts-candidates";
/// The memo of the curated terms' counts, in the cache.
const CURATED_COUNTS: &str = "counts-curated";

/// What to build from, and where to.
#[derive(Debug, Clone)]
pub struct BuildOptions {
    /// The corpus folder.
    pub corpus: PathBuf,
    /// A manifest other than `corpus/manifest.csv`.
    pub manifest: Option<PathBuf>,
    /// Translation memories besides the `.tmx` files of the corpus folder.
    pub memories: Vec<PathBuf>,
    /// The curated glossary (read only). A missing file is an empty glossary.
    pub curated: PathBuf,
    /// The output folder.
    pub out: PathBuf,
    /// Extraction settings.
    pub extract: ExtractOptions,
    /// Export settings.
    pub export: ExportOptions,
    /// Rebuild even when nothing changed.
    pub force: bool,
    /// What to do when another build is writing to `out`.
    pub when_locked: WhenLocked,
    /// Hold every document's text in memory for the whole build, instead of reading each
    /// again from the cache when a stage needs it: the outputs are the same, memory grows
    /// with the corpus (kept to check that they are the same).
    pub hold_texts: bool,
}

/// Progress of a long build, for a progress bar. Every method has a default that does nothing.
pub trait Progress: Sync {
    /// A stage starts; `total` is the number of steps, when known.
    fn stage(&self, _name: &'static str, _total: Option<u64>) {}
    /// `n` steps of the current stage are done.
    fn advance(&self, _n: u64) {}
    /// The build is over.
    fn done(&self) {}
    /// Another build (process `holder`) holds the lock of the output folder: this one waits.
    fn waiting_for_lock(&self, _holder: Option<u32>, _lock: &Path) {}
}

/// No progress display.
#[derive(Debug, Default)]
pub struct Silent;

impl Progress for Silent {}

/// Runs the pipeline and writes the outputs.
pub fn build(options: &BuildOptions, progress: &dyn Progress) -> Result<BuildReport> {
    let folder = GlossaryFolder::new(&options.out);
    let mut clock = StageClock::start();
    let curated = CuratedInput::read(&options.curated)?;
    let glossary = &curated.glossary;
    // Nothing is created for a build that cannot start.
    crate::corpus::check_root(&options.corpus)?;
    let _lock = lock(&folder, options.when_locked, progress)?;
    // Stamped before anything is read, so that a file changed during the build is seen by the
    // next one.
    let inputs = InputStamp::take(options, curated.bytes.as_deref());
    let previous = State::read(&folder);
    if !options.force
        && let (Some(inputs), Some(quick)) = (&inputs, &previous.quick)
        && quick.holds(&folder, inputs)
    {
        progress.done();
        clock.lap("check files");
        return Ok(BuildReport::unchanged(&quick.summary, glossary, clock));
    }
    let cache = Cache::open(&folder.cache());

    progress.stage("read", None);
    let (corpus, segmenter) = read(options, glossary, &cache, progress)?;
    let texts = CachedTexts {
        cache: &cache,
        root: &options.corpus,
    };
    clock.lap("read corpus");
    let files = FileChanges::compare(&cache);
    // Every file the cache saw this build is one the next build takes from it.
    let summary = CorpusSummary::of(&corpus, files.read.len() + files.cached);
    let fingerprint = fingerprint(
        options,
        curated.bytes.as_deref(),
        &cache,
        &corpus.memories,
        &segmenter,
    )?;
    if !options.force && previous.is_current(&folder, &fingerprint) {
        // Same content, but the quick check could not tell (a file touched, or too recent the
        // last time): record what the files look like now for the next build.
        if let Some(inputs) = inputs {
            let quick =
                QuickCheck::record(&folder, previous.outputs.keys(), inputs, summary.clone());
            if quick.is_some() && quick != previous.quick {
                State { quick, ..previous }.write(&folder)?;
            }
        }
        progress.done();
        return Ok(BuildReport::up_to_date(&summary, glossary, files, clock));
    }
    let docs: Vec<&Document> = corpus.documents.iter().collect();
    let counting = Counting::new(&cache, (&docs, &texts), options.extract.contexts);

    let (tokens, segmented) = segment((&docs, &texts), &segmenter, &cache, progress);
    clock.lap("segment");

    progress.stage("extract", None);
    let (extraction, candidate_counts) =
        extract(&docs, tokens, &segmenter, &options.extract, &counting);
    clock.extend("extract", &extraction.stats.timings);
    clock.lap("extract");
    let (curated_counts, curated_recount) = counting.curated(glossary, &segmenter);
    clock.lap("count curated terms");

    progress.stage("align", None);
    let memo = BilingualMemo::new(&cache, &counting.maker, &segmenter, &curated.approved);
    // Which extracted forms belong to curated concepts, once for the alignment and the merge.
    let entries = glossary.entries();
    let attachment = merge::attach(&entries, &extraction.terms, &curated_counts);
    let mut terms = merge::candidate_terms(&attachment, &extraction.terms);
    let curated_terms = glossary.protected_terms();
    terms.extend(curated_terms.iter().map(String::as_str));
    let (aligned, usages) =
        align_and_propose((&corpus, &texts), &curated, &terms, &segmenter, &memo);
    clock.lap("align, propose translations");

    let characters = corpus.chinese_characters_by_year();
    let (merged, merging) = merge::merge_attached(
        glossary,
        &entries,
        &attachment,
        &curated_counts,
        &extraction.terms,
        &usages,
        &characters,
    );
    clock.lap("merge");

    progress.stage("write", None);
    let changes = GlossaryChanges::compare(&folder, &merged);
    let contexts = (extraction, curated_counts);
    let mut stager = outputs::Stager::new(&folder, fingerprint);
    outputs::render_all(
        &merged,
        contexts,
        &aligned.units,
        &corpus,
        &options.export,
        &mut stager,
    )?;
    clock.lap("render and stage outputs");
    let (written, mut state) = stager.commit()?;
    state.quick = inputs.and_then(|inputs| {
        QuickCheck::record(&folder, state.outputs.keys(), inputs, summary.clone())
    });
    let recounted = [candidate_counts, curated_recount];
    let (recounts, cache_failures) = keep_memos(&cache, &segmenter, &counting, memo, recounted)?;
    // The state goes last: a build interrupted before this point is redone in full next time.
    state.write(&folder)?;
    clock.lap("write");
    progress.done();
    Ok(BuildReport {
        segmented,
        outputs: written,
        cache_failures,
        recounts,
        ..BuildReport::assemble(
            &summary, glossary, files, &merging, &aligned, changes, clock,
        )
    })
}

/// The curated glossary, with the bytes its file held (`None`: no file, an empty glossary).
struct CuratedInput {
    bytes: Option<Vec<u8>>,
    glossary: Curated,
    /// Its approved zh/en pairs, the aligner's and the proposer's dictionary.
    approved: Vec<(String, String)>,
}

impl CuratedInput {
    fn read(path: &Path) -> Result<CuratedInput> {
        let (glossary, bytes) = Curated::read_with_bytes(path)?;
        let approved = glossary.approved_pairs();
        Ok(CuratedInput {
            bytes,
            glossary,
            approved,
        })
    }
}

/// Takes the folder's build lock and removes what a killed build left.
fn lock(
    folder: &GlossaryFolder,
    when_locked: WhenLocked,
    progress: &dyn Progress,
) -> Result<BuildLock> {
    let lock = BuildLock::acquire(folder.root(), &folder.lock(), when_locked, |holder| {
        progress.waiting_for_lock(holder, &folder.lock())
    })?;
    // With the lock held, temporary files in the output and cache folders are leftovers of a
    // build that was killed: nobody else is writing them.
    fsutil::remove_leftovers(folder.root());
    fsutil::remove_leftovers(&folder.cache());
    Ok(lock)
}

/// The cache, counting each document read on the progress display. A Chinese document
/// the cache can give back lets its text go ([`Document::release_text`]): memory then holds
/// what the build knows of every document, not every text.
struct CountedSource<'a> {
    cache: &'a Cache,
    progress: &'a dyn Progress,
    hold_texts: bool,
}

impl DocumentSource for CountedSource<'_> {
    fn load(&self, root: &Path, id: &str, lang: Option<Lang>) -> Loaded {
        let mut loaded = self.cache.load(root, id, lang);
        if let Ok(doc) = &mut loaded
            && !self.hold_texts
            && doc.lang == Lang::Zh
            && self.cache.has_document(id)
        {
            doc.release_text();
        }
        self.progress.advance(1);
        loaded
    }
}

/// The texts of the documents that let theirs go, read back from the cache (or, should the
/// cache fail, from the file).
struct CachedTexts<'a> {
    cache: &'a Cache,
    root: &'a Path,
}

impl Texts for CachedTexts<'_> {
    fn full<'d>(&self, doc: &'d Document) -> Cow<'d, Document> {
        if !doc.text_released {
            return Cow::Borrowed(doc);
        }
        let again = self
            .cache
            .document(self.root, &doc.id)
            .or_else(|| crate::corpus::load(self.root, &doc.id, Some(doc.lang)).ok());
        match again {
            Some(text) => Cow::Owned(doc.with_text_of(text)),
            None => {
                // Gone from the cache and from the folder during the build: the next build
                // reads the folder as it is then.
                self.cache.note_failure(format!(
                    "{}: could not be read again during the build; left out of its counts",
                    doc.path.display()
                ));
                Cow::Borrowed(doc)
            }
        }
    }
}

/// Reads the corpus (changed files only; the others come from the cache) while jieba's
/// dictionary loads, with the curated terms protected from being cut.
fn read(
    options: &BuildOptions,
    curated: &Curated,
    cache: &Cache,
    progress: &dyn Progress,
) -> Result<(Corpus, Segmenter)> {
    let corpus_options = CorpusOptions {
        manifest: options.manifest.clone(),
        memories: options.memories.clone(),
    };
    let source = CountedSource {
        cache,
        progress,
        hold_texts: options.hold_texts,
    };
    let (corpus, segmenter) = rayon::join(
        || Corpus::read_from(&options.corpus, &corpus_options, &source),
        || Segmenter::with_terms(curated.protected_terms().iter().map(String::as_str)),
    );
    Ok((corpus?, segmenter))
}

/// The tokens of every document: from the cache when its content and the segmenter are
/// unchanged, else segmented now (in parallel) and cached; with how many were segmented.
fn segment(
    (docs, texts): (&[&Document], &dyn Texts),
    segmenter: &Segmenter,
    cache: &Cache,
    progress: &dyn Progress,
) -> (TokenStream, usize) {
    let chinese = docs.iter().filter(|d| d.lang == Lang::Zh).count();
    progress.stage("segment", Some(chinese as u64));
    let seg = segmenter.fingerprint();
    let mut joined = StreamBuilder::default();
    let mut segmented = 0;
    // A batch at a time: each document's own tokens are let go once joined to the stream.
    for batch in docs.chunks(SEGMENT_BATCH) {
        let per_doc: Vec<(DocTokens, bool)> = batch
            .par_iter()
            .map(|doc| {
                if doc.lang != Lang::Zh {
                    return (DocTokens::default(), false);
                }
                let hash = cache.hash_of(&doc.id);
                let cached = hash.as_deref().and_then(|h| cache.tokens(h, &seg));
                let result = match cached {
                    Some(tokens) => (tokens, false),
                    None => {
                        let tokens = tokens::tokenize_document(segmenter, &texts.full(doc));
                        if let Some(h) = &hash {
                            cache.put_tokens(h, &seg, &tokens);
                        }
                        (tokens, true)
                    }
                };
                progress.advance(1);
                result
            })
            .collect();
        segmented += per_doc.iter().filter(|(_, fresh)| *fresh).count();
        let refs: Vec<&DocTokens> = per_doc.iter().map(|(t, _)| t).collect();
        joined.extend(&refs);
    }
    (joined.finish(), segmented)
}

/// Term lists counted on the text, from the previous build's counts where only documents
/// were added (see [`count::CountMemo`]).
struct Counting<'a> {
    cache: &'a Cache,
    docs: &'a [&'a Document],
    texts: &'a dyn Texts,
    /// What identifies each document's share of the counts.
    keys: Vec<count::DocKey>,
    contexts: count::ContextOptions,
    /// The program, as the memos record it: memos are trusted for this very program.
    maker: String,
}

/// A term list's counts to keep for the next build.
struct Recounted {
    list: &'static str,
    memo: CountMemo,
    how: count::Recount,
}

impl<'a> Counting<'a> {
    fn new(
        cache: &'a Cache,
        (docs, texts): (&'a [&'a Document], &'a dyn Texts),
        contexts: count::ContextOptions,
    ) -> Self {
        let keys = docs
            .iter()
            .map(|doc| count::DocKey {
                id: doc.id.clone(),
                // An empty hash never matches: such a document is always counted again.
                hash: cache.hash_of(&doc.id).unwrap_or_default(),
                year: doc.year,
            })
            .collect();
        Counting {
            cache,
            docs,
            texts,
            keys,
            contexts,
            maker: program_identity(),
        }
    }

    /// Counts `terms`, leaving out their occurrences inside longer dictionary words among
    /// them and the segmenter's protected terms (see [`count::WholeWords`]).
    fn count(
        &self,
        list: &'static str,
        terms: &[String],
        segmenter: &Segmenter,
    ) -> (Vec<TermCounts>, Recounted) {
        let previous = self.cache.memo::<CountMemo>(list, &self.maker);
        let whole = count::WholeWords::find(terms, segmenter);
        let (counts, memo, how) = count::count_terms_again(
            terms,
            &whole,
            (self.docs, self.texts),
            &self.keys,
            self.contexts,
            previous,
        );
        (counts, Recounted { list, memo, how })
    }

    /// The counts of every curated Chinese term, by term.
    fn curated(
        &self,
        curated: &Curated,
        segmenter: &Segmenter,
    ) -> (HashMap<String, TermCounts>, Recounted) {
        let terms = curated.protected_terms();
        let (counts, recounted) = self.count(CURATED_COUNTS, &terms, segmenter);
        (terms.into_iter().zip(counts).collect(), recounted)
    }
}

/// The ranked terms of the corpus, their candidates counted on the text.
fn extract(
    docs: &[&Document],
    tokens: TokenStream,
    segmenter: &Segmenter,
    options: &ExtractOptions,
    counting: &Counting<'_>,
) -> (Extraction, Recounted) {
    let pool = CandidatePool::mine((docs, counting.texts), &tokens, segmenter, options);
    // Counting reads the text, not the tokens: they go before it (a gigabyte at 1 GB).
    drop(tokens);
    let (counts, recounted) = counting.count(CANDIDATE_COUNTS, &pool.texts(), segmenter);
    (pool.rank(counts, segmenter, options), recounted)
}

/// Every translation pair aligned, and how the confident sentence pairs render `terms` (with
/// English proposed for candidates).
fn align_and_propose(
    (corpus, texts): (&Corpus, &dyn Texts),
    curated: &CuratedInput,
    terms: &[&str],
    segmenter: &Segmenter,
    memo: &BilingualMemo<'_>,
) -> (Aligned, BTreeMap<String, Usage>) {
    let lexicon = Lexicon::new(curated.approved.clone());
    let aligner = Aligner::new(segmenter, &lexicon);
    // The pairs are few (a translation beside one document in fifty, in a large archive):
    // their texts are held while they are aligned.
    let full: Vec<(Cow<Document>, &Document)> = corpus
        .translation_pairs()
        .into_par_iter()
        .map(|(zh, en)| (texts.full(zh), en))
        .collect();
    let pairs: Vec<(&Document, &Document)> = full.iter().map(|(zh, en)| (&**zh, *en)).collect();
    let mut aligned = memo.align_pairs(&pairs, &aligner);
    aligned.add_memories(&corpus.memories);
    let confident = aligned.confident();
    let usages = if confident.is_empty() {
        BTreeMap::new()
    } else {
        memo.usages(terms, &confident, segmenter, &lexicon)
    };
    (aligned, usages)
}

/// Keeps what the next build reuses: the cache's index, alignments, word links, usages and counts.
/// Returns how each term list was counted and the cache entries that could not be written.
fn keep_memos(
    cache: &Cache,
    segmenter: &Segmenter,
    counting: &Counting<'_>,
    memo: BilingualMemo<'_>,
    counts: [Recounted; 2],
) -> Result<(Vec<RecountNote>, Vec<String>)> {
    cache.finish(&segmenter.fingerprint())?;
    memo.keep();
    for recounted in &counts {
        cache.put_memo(recounted.list, &counting.maker, &recounted.memo);
    }
    let notes = counts
        .iter()
        .map(|r| RecountNote::new(r.list, r.how))
        .collect();
    Ok((notes, cache.failures()))
}
