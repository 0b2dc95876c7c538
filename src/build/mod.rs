//! `glossary build`: the whole pipeline, from the corpus folder to the files in `glossary/`.
//!
//! ```text
//! curated.csv ──read, validate──▶ Curated ──protected terms──▶ Segmenter
//! corpus/     ──Cache::load─────▶ documents (only changed files are read)
//! documents   ──tokens (cached)─▶ TokenStream ──extract_tokens──▶ terms
//! paired documents ──align──────▶ sentence pairs ──▶ memory.tmx; proposals for candidates
//! curated + terms ──merge───────▶ Merged ──▶ glossary.csv, glossary.tbx, glossary.export.csv,
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
//!   options), nothing is segmented or written.

mod aligned;

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::{Path, PathBuf};
use std::time::Instant;

use rayon::prelude::*;
use serde::{Deserialize, Serialize};

use crate::align::{Aligner, Lexicon};
use crate::cache::{Cache, Origin};
use crate::candidates::{self, DocTokens, TokenStream};
use crate::corpus::{Corpus, CorpusOptions, Document, Problem};
use crate::count::{self, Context};
use crate::error::{Error, Result};
use crate::export::{self, ExportOptions, Format, SentenceUnit};
use crate::extract::{self, ExtractOptions};
use crate::fsutil;
use crate::glossary::curated::{Conflict, Curated};
use crate::glossary::merge::{self, MergeReport};
use crate::glossary::merged::{Merged, RowStatus};
use crate::lang::Lang;
use crate::lock::{BuildLock, WhenLocked};
use crate::lookup;
use crate::report::{self, REPORT_HTML};
use crate::segment::Segmenter;

/// The merged glossary.
pub const GLOSSARY_CSV: &str = "glossary.csv";
/// TBX-Basic 2008.
pub const GLOSSARY_TBX: &str = "glossary.tbx";
/// CSV for spreadsheets and CAT tools.
pub const EXPORT_CSV: &str = "glossary.export.csv";
/// OmegaT's glossary.
pub const OMEGAT_TXT: &str = "glossary-omegat.txt";
/// The translation memory.
pub const MEMORY_TMX: &str = "memory.tmx";
/// The cache folder, inside the output folder.
pub const CACHE_DIR: &str = ".cache";
/// The lookup index, inside the cache folder.
pub const LOOKUP_INDEX: &str = "lookup.idx";
/// What the last build saw, inside the cache folder.
const STATE_FILE: &str = "build.json";
/// The aligned sentence pairs, inside the cache folder (for `glossary export --format tmx`).
pub const SENTENCES: &str = "sentences.bin";

/// The memo of the candidates' counts, in the cache.
const CANDIDATE_COUNTS: &str = "counts-candidates";
/// The memo of the curated terms' counts, in the cache.
const CURATED_COUNTS: &str = "counts-curated";

/// Bump when outputs change for the same inputs, so that a new version rebuilds.
const OUTPUT_VERSION: &str = "outputs 2";

/// What to build from, and where to.
#[derive(Debug, Clone)]
pub struct BuildOptions {
    /// The corpus folder.
    pub corpus: PathBuf,
    /// A manifest other than `corpus/manifest.csv`.
    pub manifest: Option<PathBuf>,
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

/// What happened to an output file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Written {
    /// New or changed, written.
    Written,
    /// Same bytes as before: left alone.
    Unchanged,
}

/// A term whose count changed since the previous glossary.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CountChange {
    /// The Chinese term.
    pub zh: String,
    /// Occurrences in the previous glossary.
    pub before: u64,
    /// Occurrences now.
    pub after: u64,
}

/// A term that is new among the candidates.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct NewTerm {
    /// The Chinese term.
    pub zh: String,
    /// Its occurrences.
    pub total: u64,
    /// Its concept id.
    pub id: String,
}

/// What a build did, and what the new documents brought.
#[derive(Debug, Clone, Default, Serialize)]
pub struct BuildReport {
    /// Nothing changed since the previous build: nothing was segmented or written.
    pub up_to_date: bool,
    /// Documents in the corpus.
    pub documents: usize,
    /// Chinese documents.
    pub chinese: usize,
    /// Chinese–English pairs.
    pub pairs: usize,
    /// Documents read and parsed in this build (new or changed content).
    pub read: Vec<String>,
    /// Documents taken from the cache.
    pub cached: usize,
    /// Documents segmented in this build (the others' tokens came from the cache).
    pub segmented: usize,
    /// Whether a previous build left a record to compare with.
    pub has_previous: bool,
    /// Documents added since the previous build.
    pub added: Vec<String>,
    /// Documents removed since the previous build.
    pub removed: Vec<String>,
    /// Documents whose content changed since the previous build.
    pub changed: Vec<String>,
    /// Problems met reading the corpus.
    pub problems: Vec<Problem>,
    /// Chinese terms given two preferred English renderings in the curated glossary.
    pub conflicts: Vec<ConflictNote>,
    /// Rows of the merged glossary, by kind.
    pub curated_rows: usize,
    /// Candidate rows.
    pub candidates: usize,
    /// Extracted forms attached to curated concepts as variants.
    pub attached_variants: usize,
    /// Chinese documents aligned with their English translation.
    pub aligned_documents: usize,
    /// Sentence pairs written to the translation memory.
    pub sentence_pairs: usize,
    /// Among them, pairs below the confidence threshold (marked in the memory).
    pub low_confidence_pairs: usize,
    /// Candidates given proposed English.
    pub proposals: usize,
    /// Candidates that were not in the previous glossary.
    pub new_candidates: Vec<NewTerm>,
    /// Candidates of the previous glossary that are gone (curated since, or no longer
    /// recurring).
    pub gone_candidates: Vec<String>,
    /// Terms whose corpus count changed.
    pub count_changes: Vec<CountChange>,
    /// The outputs and whether each was written.
    pub outputs: Vec<(PathBuf, Written)>,
    /// How the term lists were counted on the text: from scratch, or the previous build's
    /// counts with the added documents.
    pub recounts: Vec<RecountNote>,
    /// Cache entries that could not be written.
    pub cache_failures: Vec<String>,
    /// Seconds spent in each stage.
    pub timings: Vec<(String, f64)>,
}

/// How one term list was counted.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RecountNote {
    /// `counts-candidates` or `counts-curated`.
    pub list: String,
    /// Whether every term was counted over every document.
    pub full: bool,
    /// Documents counted (all of them when `full`).
    pub documents: Option<usize>,
    /// Terms counted over every document (all of them when `full`).
    pub terms: Option<usize>,
}

impl RecountNote {
    fn new(list: &str, how: count::Recount) -> RecountNote {
        let (full, documents, terms) = match how {
            count::Recount::All => (true, None, None),
            count::Recount::Added { docs, terms } => (false, Some(docs), Some(terms)),
        };
        RecountNote {
            list: list.to_string(),
            full,
            documents,
            terms,
        }
    }
}

/// A curated conflict, for the report.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ConflictNote {
    /// The Chinese term.
    pub zh: String,
    /// The first line and its English.
    pub first: (u64, String),
    /// The second line and its English.
    pub second: (u64, String),
    /// The sentence to print.
    pub message: String,
}

impl From<&Conflict> for ConflictNote {
    fn from(c: &Conflict) -> Self {
        ConflictNote {
            zh: c.zh.clone(),
            first: c.first.clone(),
            second: c.second.clone(),
            message: c.to_string(),
        }
    }
}

/// What the previous build left in the cache folder.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
struct State {
    /// Hash of every input.
    fingerprint: String,
    /// Output file name → BLAKE3 of its bytes.
    outputs: BTreeMap<String, String>,
}

/// The output folder's paths.
#[derive(Debug, Clone)]
pub struct Paths {
    /// The output folder.
    pub out: PathBuf,
}

impl Paths {
    /// The paths under `out`.
    pub fn new(out: &Path) -> Paths {
        Paths {
            out: out.to_path_buf(),
        }
    }
    /// The cache folder.
    pub fn cache(&self) -> PathBuf {
        self.out.join(CACHE_DIR)
    }
    /// The lookup index.
    pub fn index(&self) -> PathBuf {
        self.cache().join(LOOKUP_INDEX)
    }
    /// The merged glossary.
    pub fn glossary(&self) -> PathBuf {
        self.out.join(GLOSSARY_CSV)
    }
    fn state(&self) -> PathBuf {
        self.cache().join(STATE_FILE)
    }
    /// The aligned sentence pairs of the last build.
    pub fn sentences(&self) -> PathBuf {
        self.cache().join(SENTENCES)
    }
}

struct Clock {
    last: Instant,
    laps: Vec<(String, f64)>,
}

impl Clock {
    fn start() -> Clock {
        Clock {
            last: Instant::now(),
            laps: Vec::new(),
        }
    }
    fn lap(&mut self, stage: &str) {
        let now = Instant::now();
        self.laps
            .push((stage.to_string(), (now - self.last).as_secs_f64()));
        self.last = now;
    }
}

/// Runs the pipeline and writes the outputs.
pub fn build(options: &BuildOptions, progress: &dyn Progress) -> Result<BuildReport> {
    let paths = Paths::new(&options.out);
    let mut clock = Clock::start();
    let curated_bytes = match std::fs::read(&options.curated) {
        Ok(bytes) => Some(bytes),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => None,
        Err(e) => return Err(Error::read(&options.curated, e)),
    };
    let curated = match &curated_bytes {
        Some(bytes) => Curated::parse(&options.curated, bytes)?,
        None => Curated::empty(&options.curated),
    };

    // Nothing is created for a build that cannot start.
    crate::corpus::check_root(&options.corpus)?;
    let _lock = BuildLock::acquire(&paths.out, &paths.cache(), options.when_locked, |holder| {
        progress.waiting_for_lock(holder, &BuildLock::path(&paths.cache()))
    })?;
    // With the lock held, temporary files in the output and cache folders are leftovers of a
    // build that was killed: nobody else is writing them.
    fsutil::remove_leftovers(&paths.out);
    fsutil::remove_leftovers(&paths.cache());

    // Reading and loading jieba's dictionary (150 ms) overlap.
    let cache = Cache::open(&paths.cache());
    progress.stage("read", None);
    let loader = |root: &Path, id: &str, lang: Option<Lang>| {
        let loaded = cache.load(root, id, lang);
        progress.advance(1);
        loaded
    };
    let corpus_options = CorpusOptions {
        manifest: options.manifest.clone(),
    };
    let (corpus, segmenter) = rayon::join(
        || Corpus::read_with(&options.corpus, &corpus_options, &loader),
        || Segmenter::with_terms(curated.protected_terms().iter().map(String::as_str)),
    );
    let corpus = corpus?;
    clock.lap("read corpus");

    let mut report = BuildReport {
        documents: corpus.documents.len(),
        chinese: corpus
            .documents
            .iter()
            .filter(|d| d.lang == Lang::Zh)
            .count(),
        pairs: corpus.translation_pairs().len(),
        problems: corpus.problems.clone(),
        conflicts: curated.conflicts().iter().map(ConflictNote::from).collect(),
        ..BuildReport::default()
    };
    compare_files(&cache, &mut report);

    let fingerprint = fingerprint(options, curated_bytes.as_deref(), &cache, &segmenter)?;
    let previous = read_state(&paths);
    if !options.force && previous.fingerprint == fingerprint && outputs_intact(&paths, &previous) {
        report.up_to_date = true;
        report.timings = clock.laps;
        progress.done();
        return Ok(report);
    }

    let docs: Vec<&Document> = corpus.documents.iter().collect();
    progress.stage("segment", Some(report.chinese as u64));
    let stream = tokens(&docs, &segmenter, &cache, progress, &mut report);
    clock.lap("segment");

    progress.stage("extract", None);
    let keys = doc_keys(&docs, &cache);
    // What the memos of the previous build are trusted for: this very program.
    let maker = program_identity();
    let mut recounts = Vec::new();
    let mut count_memo = |name: &'static str, terms: &[String]| {
        let previous = cache.memo::<count::CountMemo>(name, &maker);
        let (counts, memo, how) =
            count::count_terms_again(terms, &docs, &keys, options.extract.contexts, previous);
        recounts.push((name, memo, how));
        counts
    };
    let extraction =
        extract::extract_tokens_with(&docs, &stream, &segmenter, &options.extract, |terms| {
            count_memo(CANDIDATE_COUNTS, terms)
        });
    drop(stream);
    for (stage, seconds) in &extraction.stats.timings {
        report.timings.push((format!("extract: {stage}"), *seconds));
    }
    clock.lap("extract");

    let curated_terms = curated.protected_terms();
    let curated_counts: HashMap<String, count::TermCounts> = curated_terms
        .iter()
        .cloned()
        .zip(count_memo(CURATED_COUNTS, &curated_terms))
        .collect();
    let (mut merged, merge_report) = merge::merge(&curated, &curated_counts, &extraction.terms);
    clock.lap("count curated terms, merge");
    fill_merge(&mut report, &merge_report);

    progress.stage("align", None);
    let approved = curated.approved_pairs();
    let lexicon = Lexicon::new(approved.clone());
    let aligner = Aligner::new(&segmenter, &lexicon);
    let reuse = aligned::Reuse::new(&cache, &maker, &segmenter, &approved);
    let (units, confident) = reuse.align_pairs(&corpus.translation_pairs(), &aligner, &mut report);
    clock.lap("align");
    if !confident.is_empty() {
        reuse.propose_for_candidates(&mut merged, &confident, &segmenter, &lexicon, &mut report);
        clock.lap("propose translations");
    }

    let mut contexts: HashMap<String, Vec<Context>> = HashMap::new();
    for term in &extraction.terms {
        contexts.insert(term.term.clone(), term.contexts.clone());
    }
    for (zh, counts) in &curated_counts {
        contexts.insert(zh.clone(), counts.contexts.clone());
    }
    compare_glossaries(&paths, &merged, &mut report);

    progress.stage("write", None);
    let mut outputs = render(&merged, &units, &options.export)?;
    let docs_by_year = corpus.documents.iter().filter(|d| d.lang == Lang::Zh).fold(
        BTreeMap::new(),
        |mut years, d| {
            *years.entry(d.year).or_insert(0usize) += 1;
            years
        },
    );
    let page = report::render(&merged, &contexts, &units, &docs_by_year);
    outputs.push((REPORT_HTML, page.into_bytes()));
    let cards = lookup::cards(&merged, &contexts);
    let index = lookup::index_bytes(&cards);
    clock.lap("render outputs");
    let mut state = State {
        fingerprint,
        outputs: BTreeMap::new(),
    };
    // All outputs are staged before any replaces its old version: a build that fails while
    // writing leaves the previous outputs together and intact.
    let mut staged = fsutil::Staged::new();
    let sentences = postcard::to_stdvec(&units).expect("sentence units serialise");
    let extra = [(LOOKUP_INDEX, index), (SENTENCES, sentences)];
    for (name, bytes) in outputs.iter().chain(extra.iter()) {
        let path = match *name {
            LOOKUP_INDEX => paths.index(),
            SENTENCES => paths.sentences(),
            _ => paths.out.join(name),
        };
        let unchanged = std::fs::read(&path).is_ok_and(|old| old == *bytes);
        if !unchanged {
            staged.stage(&path, bytes)?;
        }
        state
            .outputs
            .insert(name.to_string(), blake3::hash(bytes).to_hex().to_string());
        let written = if unchanged {
            Written::Unchanged
        } else {
            Written::Written
        };
        report.outputs.push((path, written));
    }
    staged.commit()?;
    cache.finish(&segmenter.fingerprint())?;
    reuse.keep();
    for (name, memo, how) in &recounts {
        cache.put_memo(name, &maker, memo);
        report.recounts.push(RecountNote::new(name, *how));
    }
    report.cache_failures = cache.failures();
    // The state goes last: a build interrupted before this point is redone in full next time.
    let json = serde_json::to_vec_pretty(&state).expect("state serialises");
    fsutil::write_bytes_atomic(&paths.state(), &json)?;
    clock.lap("write");
    report.timings.extend(clock.laps);
    progress.done();
    Ok(report)
}

/// Renders every output but the index: `(file name, bytes)`, in a fixed order.
pub fn render(
    merged: &Merged,
    sentences: &[SentenceUnit],
    options: &ExportOptions,
) -> Result<Vec<(&'static str, Vec<u8>)>> {
    let mut out = vec![(GLOSSARY_CSV, merged.to_csv().into_bytes())];
    for (name, format) in [
        (GLOSSARY_TBX, Format::Tbx),
        (EXPORT_CSV, Format::Csv),
        (OMEGAT_TXT, Format::Omegat),
        (MEMORY_TMX, Format::Tmx),
    ] {
        let mut bytes = Vec::new();
        export::write(format, merged, sentences, &mut bytes, options)?;
        out.push((name, bytes));
    }
    Ok(out)
}

/// The tokens of every document: from the cache when its content and the segmenter are
/// unchanged, else segmented now (in parallel) and cached.
fn tokens(
    docs: &[&Document],
    segmenter: &Segmenter,
    cache: &Cache,
    progress: &dyn Progress,
    report: &mut BuildReport,
) -> TokenStream {
    let seg = segmenter.fingerprint();
    let per_doc: Vec<(DocTokens, bool)> = docs
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
                    let tokens = candidates::tokenize_document(segmenter, doc);
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
    report.segmented = per_doc.iter().filter(|(_, fresh)| *fresh).count();
    let refs: Vec<&DocTokens> = per_doc.iter().map(|(t, _)| t).collect();
    TokenStream::from_documents(&refs)
}

/// What identifies each document's share of the counts (see [`count::CountMemo`]).
fn doc_keys(docs: &[&Document], cache: &Cache) -> Vec<count::DocKey> {
    docs.iter()
        .map(|doc| count::DocKey {
            id: doc.id.clone(),
            // An empty hash never matches: such a document is always counted again.
            hash: cache.hash_of(&doc.id).unwrap_or_default(),
            year: doc.year,
        })
        .collect()
}

/// Documents read, cached, added, removed and changed since the previous build.
fn compare_files(cache: &Cache, report: &mut BuildReport) {
    let previous = cache.previous();
    let current = cache.current();
    report.has_previous = !previous.is_empty();
    for (id, (record, origin)) in &current {
        match origin {
            Origin::Read => report.read.push(id.clone()),
            Origin::Cached | Origin::Rehashed => report.cached += 1,
        }
        if report.has_previous {
            match previous.get(id) {
                None => report.added.push(id.clone()),
                Some(before) if before.hash != record.hash => report.changed.push(id.clone()),
                Some(_) => {}
            }
        }
    }
    if report.has_previous {
        report.removed = previous
            .keys()
            .filter(|id| !current.contains_key(*id))
            .cloned()
            .collect();
    }
}

/// A hash of everything the outputs depend on.
fn fingerprint(
    options: &BuildOptions,
    curated: Option<&[u8]>,
    cache: &Cache,
    segmenter: &Segmenter,
) -> Result<String> {
    let mut hasher = blake3::Hasher::new();
    let mut field = |bytes: &[u8]| {
        hasher.update(&(bytes.len() as u64).to_le_bytes());
        hasher.update(bytes);
    };
    field(env!("CARGO_PKG_VERSION").as_bytes());
    field(OUTPUT_VERSION.as_bytes());
    field(program_identity().as_bytes());
    field(format!("{:?}", options.extract).as_bytes());
    field(format!("{:?}", options.export).as_bytes());
    field(curated.unwrap_or_default());
    field(segmenter.fingerprint().as_bytes());
    let manifest = options
        .manifest
        .clone()
        .unwrap_or_else(|| options.corpus.join("manifest.csv"));
    match std::fs::read(&manifest) {
        Ok(bytes) => field(&bytes),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => field(b"no manifest"),
        Err(e) => return Err(Error::read(&manifest, e)),
    }
    for (id, (record, _)) in cache.current() {
        field(id.as_bytes());
        field(record.hash.as_bytes());
    }
    Ok(hasher.finalize().to_hex().to_string())
}

/// The running program's file, by size and modification time: a rebuilt or upgraded
/// `glossary` may write other outputs from the same input even where no version number
/// changed, so it never finds a previous program's outputs up to date.
fn program_identity() -> String {
    std::env::current_exe()
        .and_then(std::fs::metadata)
        .map(|m| {
            let modified = m
                .modified()
                .ok()
                .and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok())
                .map_or(0, |d| d.as_nanos());
            format!("{} {modified}", m.len())
        })
        .unwrap_or_default()
}

fn read_state(paths: &Paths) -> State {
    std::fs::read(paths.state())
        .ok()
        .and_then(|bytes| serde_json::from_slice(&bytes).ok())
        .unwrap_or_default()
}

/// Whether every output the previous build wrote is still there, unchanged.
fn outputs_intact(paths: &Paths, state: &State) -> bool {
    !state.outputs.is_empty()
        && state.outputs.iter().all(|(name, hash)| {
            let path = match name.as_str() {
                LOOKUP_INDEX => paths.index(),
                SENTENCES => paths.sentences(),
                _ => paths.out.join(name),
            };
            std::fs::read(path).is_ok_and(|bytes| blake3::hash(&bytes).to_hex().as_str() == hash)
        })
}

fn fill_merge(report: &mut BuildReport, merge: &MergeReport) {
    report.curated_rows = merge.curated;
    report.candidates = merge.candidates;
    report.attached_variants = merge.attached_variants;
}

/// New and gone candidates, and changed counts, against the glossary.csv now on disk.
fn compare_glossaries(paths: &Paths, merged: &Merged, report: &mut BuildReport) {
    let Ok(before) = Merged::read(&paths.glossary()) else {
        return;
    };
    let totals = |m: &Merged| -> BTreeMap<String, u64> {
        let mut out = BTreeMap::new();
        for row in &m.rows {
            out.entry(row.zh.clone()).or_insert(row.total);
        }
        out
    };
    let candidates = |m: &Merged| -> BTreeSet<String> {
        m.rows
            .iter()
            .filter(|r| r.status() == RowStatus::Candidate)
            .map(|r| r.zh.clone())
            .collect()
    };
    let (old_totals, new_totals) = (totals(&before), totals(merged));
    let (old_candidates, new_candidates) = (candidates(&before), candidates(merged));
    report.new_candidates = merged
        .rows
        .iter()
        .filter(|r| r.status() == RowStatus::Candidate && !old_totals.contains_key(&r.zh))
        .map(|r| NewTerm {
            zh: r.zh.clone(),
            total: r.total,
            id: r.id.clone(),
        })
        .collect();
    report
        .new_candidates
        .sort_by(|a, b| b.total.cmp(&a.total).then_with(|| a.zh.cmp(&b.zh)));
    report.gone_candidates = old_candidates
        .difference(&new_candidates)
        .cloned()
        .collect();
    report.count_changes = new_totals
        .iter()
        .filter_map(|(zh, &after)| {
            let &before = old_totals.get(zh)?;
            (before != after).then(|| CountChange {
                zh: zh.clone(),
                before,
                after,
            })
        })
        .collect();
    report.count_changes.sort_by(|a, b| {
        let delta = |c: &CountChange| c.after.abs_diff(c.before);
        delta(b).cmp(&delta(a)).then_with(|| a.zh.cmp(&b.zh))
    });
}
