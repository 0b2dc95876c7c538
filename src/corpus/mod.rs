//! The corpus: a folder of Chinese documents (and English translations beside them), read the
//! way they really arrive.
//!
//! [`Corpus::read`] walks the folder recursively (hidden files and folders skipped, `.txt` and
//! `.md` accepted), decodes each file ([`decode`]), decides its language from its content, parses
//! its layout into articles and sentences ([`crate::corpus::layout`]), dates it ([`crate::corpus::dating`]),
//! applies the optional `manifest.csv` ([`manifest`]) and pairs translations with their
//! originals (`NAME.en.txt` beside `NAME.txt` or `NAME.zh.txt`, or `translation_of`).
//!
//! A file that cannot be used is reported as a [`Problem`] with its path and skipped; the rest of
//! the corpus is still read. The caller decides the exit status from [`Corpus::has_errors`].

pub mod dating;
pub mod decode;
pub mod layout;
pub mod manifest;
pub mod memories;
pub mod normalize;
pub mod script;
pub mod sentence;
pub mod tmx;
pub mod written;

use std::borrow::Cow;
use std::path::{Path, PathBuf};

use rayon::prelude::*;
use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};
use crate::lang::{self, Lang};
use dating::{Dating, YearEvidence};
use layout::{Article, Removed, Sentence};

/// How serious a [`Problem`] is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// Worth knowing; the result is complete.
    Warning,
    /// Something was skipped or ignored: the command exits non-zero at the end.
    Error,
}

/// Something in the corpus that could not be used as it is.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Problem {
    /// The file concerned.
    pub path: PathBuf,
    /// The line, where one applies.
    pub line: Option<u64>,
    /// Warning or error.
    pub severity: Severity,
    /// What is wrong and what to do about it.
    pub message: String,
}

impl std::fmt::Display for Problem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}", self.path.display())?;
        if let Some(line) = self.line {
            write!(f, ", line {line}")?;
        }
        write!(f, ": {}", self.message)
    }
}

/// Where a document's year comes from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum YearSource {
    /// The manifest's `year` column.
    Manifest {
        /// The manifest line.
        line: u64,
    },
    /// Evidence in the document's own text.
    Text(YearEvidence),
    /// The year of the original this document translates.
    Original(String),
    /// No evidence: the document has no year.
    None,
}

impl YearSource {
    /// `manifest`, `text`, `original` or `none`.
    pub fn label(&self) -> &'static str {
        match self {
            YearSource::Manifest { .. } => "manifest",
            YearSource::Text(_) => "text",
            YearSource::Original(_) => "original",
            YearSource::None => "none",
        }
    }
}

/// One document of the corpus.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Document {
    /// Path relative to the corpus folder, `/`-separated: the document's stable name.
    pub id: String,
    /// Path as reachable from the working directory (corpus folder joined with `id`).
    pub path: PathBuf,
    /// Its language, detected from the content (or set by the manifest).
    pub lang: Lang,
    /// The encoding it was decoded from.
    pub encoding: decode::Encoding,
    /// Its year.
    pub year: Option<i32>,
    /// Where the year comes from.
    pub year_source: YearSource,
    /// All year evidence found in the text.
    pub dating: Dating,
    /// The manifest's title, or the first headline.
    pub title: Option<String>,
    /// Its articles.
    pub articles: Vec<Article>,
    /// What layout parsing removed (continuation marks, separators).
    pub removed: Vec<Removed>,
    /// The id of its translation (for a Chinese original) or original (for a translation).
    pub paired_with: Option<String>,
    /// Size of the file in bytes.
    pub bytes: usize,
    /// Whether it is written in Traditional characters (its sentences are converted to
    /// Simplified, and keep what was written for their contexts).
    pub traditional: bool,
    /// The Han characters of its sentences: what rates of occurrence are counted against.
    pub han_characters: u64,
    /// Whether its articles were let go to bound a build's memory ([`Document::release_text`]):
    /// its text is read again through a [`Texts`].
    #[serde(skip)]
    pub text_released: bool,
}

/// Where the text of a document that let it go ([`Document::release_text`]) is read again.
pub trait Texts: Sync {
    /// `doc` with its articles: itself when it holds them, else read again.
    fn full<'a>(&self, doc: &'a Document) -> Cow<'a, Document>;
}

/// Documents that hold their text, as every reader but a build's keeps them.
#[derive(Debug, Clone, Copy, Default)]
pub struct Held;

impl Texts for Held {
    fn full<'a>(&self, doc: &'a Document) -> Cow<'a, Document> {
        debug_assert!(!doc.text_released, "{} let its text go", doc.id);
        Cow::Borrowed(doc)
    }
}

impl Document {
    /// Builds a document from decoded text: layout, sentences and year. Pure: no file access.
    pub fn from_text(id: &str, path: PathBuf, text: &str, lang: Lang) -> Document {
        let mut layout = layout::parse(text, lang);
        if lang == Lang::Zh {
            written::find(text, &mut layout.articles);
        }
        let traditional = lang == Lang::Zh && script::is_traditional(text);
        if traditional {
            script::simplify(&mut layout.articles);
        }
        let dating = dating::date(&layout.articles);
        let han_characters = layout
            .articles
            .iter()
            .flat_map(|a| a.sentences.iter())
            .map(|s| s.text.chars().filter(|c| crate::lang::is_han(*c)).count() as u64)
            .sum();
        let year_source = match &dating.chosen {
            Some(e) => YearSource::Text(e.clone()),
            None => YearSource::None,
        };
        Document {
            id: id.to_string(),
            path,
            lang,
            encoding: decode::Encoding::Utf8,
            year: dating.year(),
            year_source,
            title: layout
                .articles
                .iter()
                .find_map(|a| a.title().map(str::to_string)),
            dating,
            articles: layout.articles,
            removed: layout.removed,
            paired_with: None,
            bytes: text.len(),
            traditional,
            han_characters,
            text_released: false,
        }
    }

    /// Lets its articles go, and what layout parsing removed (everything else stays): a build
    /// holds every document's metadata but reads each text again when a stage needs it, so
    /// memory does not grow with the corpus's text.
    pub fn release_text(&mut self) {
        self.articles = Vec::new();
        self.removed = Vec::new();
        self.text_released = true;
    }

    /// This document's metadata with the articles of `text` (the same document, read again).
    pub fn with_text_of(&self, text: Document) -> Document {
        Document {
            articles: text.articles,
            removed: text.removed,
            text_released: false,
            ..self.clone()
        }
    }

    /// All sentences, article after article.
    pub fn sentences(&self) -> impl Iterator<Item = &Sentence> {
        self.articles.iter().flat_map(|a| a.sentences.iter())
    }

    /// All sentences as the file writes them ([`written`]), parallel to
    /// [`Document::sentences`].
    pub fn written_sentences(&self) -> impl Iterator<Item = &str> {
        self.articles.iter().flat_map(|a| {
            a.sentences
                .iter()
                .enumerate()
                .map(|(i, s)| a.written(i).unwrap_or(&s.text))
        })
    }

    /// Number of sentences.
    pub fn sentence_count(&self) -> usize {
        self.articles.iter().map(|a| a.sentences.len()).sum()
    }

    /// Number of characters in its sentences.
    pub fn char_count(&self) -> usize {
        self.sentences().map(|s| s.text.chars().count()).sum()
    }

    /// The headlines of its articles, in order.
    pub fn titles(&self) -> Vec<&str> {
        self.articles.iter().filter_map(Article::title).collect()
    }
}

/// A document as listed by `glossary corpus --format json`: the keys are a contract other tools
/// rely on (`file`, `lang`, `year`, `year_source`, `title`, `sentences`, `paired_with` …).
#[derive(Debug, Clone, Serialize)]
pub struct Summary {
    /// Path as reachable from the working directory.
    pub file: String,
    /// Path relative to the corpus folder.
    pub id: String,
    /// `zh` or `en`.
    pub lang: Lang,
    /// The encoding the file was decoded from.
    pub encoding: &'static str,
    /// The year, or null.
    pub year: Option<i32>,
    /// `text`, `manifest`, `original` or `none`.
    pub year_source: &'static str,
    /// The evidence behind the year: for `text`, the rule, the text and its line.
    pub year_evidence: Option<EvidenceSummary>,
    /// The manifest title or first headline.
    pub title: Option<String>,
    /// Every article's headline.
    pub titles: Vec<String>,
    /// Number of articles.
    pub articles: usize,
    /// Number of sentences.
    pub sentences: usize,
    /// Number of characters in the sentences.
    pub chars: usize,
    /// The id of the translation (or original) paired with it.
    pub paired_with: Option<String>,
}

/// Where a year came from, for [`Summary`].
#[derive(Debug, Clone, Serialize)]
pub struct EvidenceSummary {
    /// The rule (`header date`, `manifest`, `original` …).
    pub rule: String,
    /// The text that gave the year (a date line, a manifest row, the original's id).
    pub text: String,
    /// The line in the document (or in the manifest).
    pub line: Option<u64>,
}

impl Document {
    /// The listing of this document.
    pub fn summary(&self) -> Summary {
        let year_evidence = match &self.year_source {
            YearSource::Text(e) => Some(EvidenceSummary {
                rule: e.rule.name().to_string(),
                text: e.text.clone(),
                line: Some(u64::from(e.line)),
            }),
            YearSource::Manifest { line } => Some(EvidenceSummary {
                rule: "manifest".to_string(),
                text: "manifest.csv".to_string(),
                line: Some(*line),
            }),
            YearSource::Original(id) => Some(EvidenceSummary {
                rule: "year of the original".to_string(),
                text: id.clone(),
                line: None,
            }),
            YearSource::None => None,
        };
        Summary {
            file: self.path.display().to_string(),
            id: self.id.clone(),
            lang: self.lang,
            encoding: self.encoding.name(),
            year: self.year,
            year_source: self.year_source.label(),
            year_evidence,
            title: self.title.clone(),
            titles: self.titles().into_iter().map(str::to_string).collect(),
            articles: self.articles.len(),
            sentences: self.sentence_count(),
            chars: self.char_count(),
            paired_with: self.paired_with.clone(),
        }
    }
}

/// Options for reading a corpus.
#[derive(Debug, Clone, Default)]
pub struct CorpusOptions {
    /// The manifest to use; by default `manifest.csv` in the corpus folder, if present.
    pub manifest: Option<PathBuf>,
    /// Translation memories to read besides the `.tmx` files of the corpus folder.
    pub memories: Vec<PathBuf>,
}

/// A read corpus: its documents and what could not be used.
#[derive(Debug, Clone)]
pub struct Corpus {
    /// The corpus folder as given.
    pub root: PathBuf,
    /// The documents, ordered by id.
    pub documents: Vec<Document>,
    /// Translation memories (`.tmx` in the folder, and those given apart), in id order.
    pub memories: Vec<memories::Memory>,
    /// Problems met while reading, in the order found.
    pub problems: Vec<Problem>,
}

/// File extensions the reader accepts as documents.
const EXTENSIONS: &[&str] = &["txt", "md"];
/// The file extension of translation memories.
const MEMORY_EXTENSION: &str = "tmx";

/// The largest document read: a file is read whole, so a stray dump of a gigabyte would
/// otherwise take that much memory (the largest real newspaper page scrape is well under 1 MiB).
pub const MAX_DOCUMENT_BYTES: u64 = 64 << 20;

/// The problem of a file over [`MAX_DOCUMENT_BYTES`], if `size` is over it.
pub fn too_large(path: &Path, size: u64) -> Option<Problem> {
    (size > MAX_DOCUMENT_BYTES).then(|| Problem {
        path: path.to_path_buf(),
        line: None,
        severity: Severity::Error,
        message: format!(
            "{:.0} MiB, over the {} MiB a document may have: split it into smaller files (one \
             per article or issue), or move it out of the corpus folder; skipped",
            size as f64 / (1u64 << 20) as f64,
            MAX_DOCUMENT_BYTES >> 20
        ),
    })
}

impl Corpus {
    /// Reads every document under `root`.
    ///
    /// Fails only when there is nothing to read: `root` missing or not a folder, a malformed
    /// manifest, or no document at all. Unusable files are [`Problem`]s.
    pub fn read(root: &Path, options: &CorpusOptions) -> Result<Corpus> {
        Corpus::read_from(root, options, &Files)
    }

    /// Reads every document under `root` from `source` (the files themselves, or a cache
    /// that answers for the files it has seen). The source is asked in parallel, once per
    /// file.
    pub fn read_from(
        root: &Path,
        options: &CorpusOptions,
        source: &dyn DocumentSource,
    ) -> Result<Corpus> {
        check_root(root)?;
        let mut problems = Vec::new();
        let (files, memory_ids) = walk(root, &mut problems);
        let manifest_path = Some(manifest_path(root, options.manifest.as_deref()))
            .filter(|p| options.manifest.is_some() || p.is_file());
        let manifest = match &manifest_path {
            Some(path) => manifest::read(path, root, &mut problems)?,
            None => manifest::Manifest::default(),
        };
        if files.is_empty() {
            return Err(Error::EmptyCorpus {
                path: root.to_path_buf(),
            });
        }
        let loaded: Vec<std::result::Result<Document, Problem>> = files
            .par_iter()
            .map(|id| {
                let lang = manifest.entries.get(id).and_then(|e| e.lang);
                source.load(root, id, lang)
            })
            .collect();
        let mut documents = Vec::new();
        for result in loaded {
            match result {
                Ok(doc) => documents.push(doc),
                Err(problem) => problems.push(problem),
            }
        }
        let manifest_path = manifest_path.unwrap_or_default();
        apply_manifest(&mut documents, &manifest);
        pair_translations(&mut documents, &manifest, &manifest_path, &mut problems);
        report_years(&documents, &mut problems);
        let memory_files = memories::files(root, memory_ids, &options.memories);
        let memories = memories::read_all(&memory_files, &mut problems);
        Ok(Corpus {
            root: root.to_path_buf(),
            documents,
            memories,
            problems,
        })
    }

    /// The Chinese characters (Han) of the Chinese documents of each year: what rates of
    /// occurrence are counted against.
    pub fn chinese_characters_by_year(&self) -> crate::year::ByYear {
        let mut by_year = crate::year::ByYear::new();
        for doc in self.documents.iter().filter(|d| d.lang == Lang::Zh) {
            *by_year.entry(doc.year).or_default() += doc.han_characters;
        }
        by_year
    }

    /// Whether any problem made a file or manifest row unusable.
    pub fn has_errors(&self) -> bool {
        self.problems.iter().any(|p| p.severity == Severity::Error)
    }

    /// Every Chinese document with the English translation paired with it, in corpus order.
    pub fn translation_pairs(&self) -> Vec<(&Document, &Document)> {
        let by_id: std::collections::HashMap<&str, &Document> =
            self.documents.iter().map(|d| (d.id.as_str(), d)).collect();
        self.documents
            .iter()
            .filter(|d| d.lang == Lang::Zh)
            .filter_map(|d| Some((d, *by_id.get(d.paired_with.as_deref()?)?)))
            .collect()
    }

    /// The document with this id.
    pub fn get(&self, id: &str) -> Option<&Document> {
        self.documents.iter().find(|d| d.id == id)
    }

    /// The document at `path` (as given on a command line: relative to the working directory,
    /// or its corpus id).
    pub fn find(&self, path: &Path) -> Option<&Document> {
        let wanted = path.canonicalize().ok();
        self.documents.iter().find(|d| {
            Path::new(&d.id) == path
                || d.path == path
                || (wanted.is_some() && d.path.canonicalize().ok() == wanted)
        })
    }
}

/// Reads one file outside any corpus (for `corpus --show FILE`).
pub fn read_file(path: &Path) -> Result<Document> {
    let id = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let parent = path.parent().unwrap_or(Path::new(""));
    match load(parent, &id, None) {
        Ok(doc) => Ok(Document {
            path: path.to_path_buf(),
            ..doc
        }),
        Err(problem) => Err(Error::NotADocument {
            path: path.to_path_buf(),
            what: problem.message,
        }),
    }
}

/// Checks that the corpus folder exists and is a folder.
pub fn check_root(root: &Path) -> Result<()> {
    match std::fs::metadata(root) {
        Ok(meta) if meta.is_dir() => Ok(()),
        Ok(_) => Err(Error::CorpusRoot {
            path: root.to_path_buf(),
            what: "is not a folder",
        }),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Err(Error::CorpusRoot {
            path: root.to_path_buf(),
            what: "does not exist",
        }),
        Err(e) => Err(Error::read(root, e)),
    }
}

/// The ids of the documents under `root`, sorted.
/// The ids (paths relative to `root`, `/`-separated, sorted) of the documents and of the
/// translation memories under `root`.
/// The entries of the corpus folder in a fixed order, links followed, hidden files and folders
/// (`.git`, `.DS_Store`) below the root left out, and whatever `skip` says besides.
pub(crate) fn walk_folder(
    root: &Path,
    mut skip: impl FnMut(&walkdir::DirEntry) -> bool,
) -> walkdir::FilterEntry<walkdir::IntoIter, impl FnMut(&walkdir::DirEntry) -> bool> {
    walkdir::WalkDir::new(root)
        .follow_links(true)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(move |entry| {
            let hidden = entry.depth() > 0 && entry.file_name().to_string_lossy().starts_with('.');
            !hidden && !skip(entry)
        })
}

fn walk(root: &Path, problems: &mut Vec<Problem>) -> (Vec<String>, Vec<String>) {
    let (mut ids, mut memory_ids) = (Vec::new(), Vec::new());
    for entry in walk_folder(root, |_| false) {
        let entry = match entry {
            Ok(entry) => entry,
            Err(err) => {
                problems.push(Problem {
                    path: err.path().unwrap_or(root).to_path_buf(),
                    line: None,
                    severity: Severity::Error,
                    message: walk_error_message(&err),
                });
                continue;
            }
        };
        let extension = entry.path().extension().and_then(|e| e.to_str());
        let document =
            extension.is_some_and(|e| EXTENSIONS.iter().any(|a| a.eq_ignore_ascii_case(e)));
        let memory = extension.is_some_and(|e| e.eq_ignore_ascii_case(MEMORY_EXTENSION));
        if !entry.file_type().is_file() || !(document || memory) {
            continue;
        }
        if let Ok(rel) = entry.path().strip_prefix(root) {
            let parts: Vec<_> = rel
                .components()
                .map(|c| c.as_os_str().to_string_lossy())
                .collect();
            let list = if memory { &mut memory_ids } else { &mut ids };
            list.push(parts.join("/"));
        }
    }
    ids.sort();
    memory_ids.sort();
    (ids, memory_ids)
}

fn walk_error_message(err: &walkdir::Error) -> String {
    if let Some(ancestor) = err.loop_ancestor() {
        return format!("symbolic link loop back to {}; skipped", ancestor.display());
    }
    match err.io_error() {
        Some(io) => format!("cannot read: {io}; skipped"),
        None => format!("{err}; skipped"),
    }
}

/// A document read from its file, or why it could not be used.
pub type Loaded = std::result::Result<Document, Problem>;

/// Where documents are read from.
pub trait DocumentSource: Sync {
    /// The document `id` of the corpus folder `root`, in the language the manifest sets (if
    /// it sets one).
    fn load(&self, root: &Path, id: &str, lang: Option<Lang>) -> Loaded;
}

/// The files themselves: [`load`].
#[derive(Debug, Clone, Copy, Default)]
pub struct Files;

impl DocumentSource for Files {
    fn load(&self, root: &Path, id: &str, lang: Option<Lang>) -> Loaded {
        load(root, id, lang)
    }
}

/// The manifest of a corpus: the one given, else `manifest.csv` in the corpus folder (which
/// need not exist).
pub fn manifest_path(root: &Path, given: Option<&Path>) -> PathBuf {
    given.map_or_else(|| root.join("manifest.csv"), Path::to_path_buf)
}

/// Reads, decodes and parses one file; a file with nothing usable in it is a problem (a warning
/// when there is simply nothing to read, an error when it is unreadable).
pub fn load(root: &Path, id: &str, lang_override: Option<Lang>) -> Loaded {
    let path = root.join(id);
    if let Some(problem) = std::fs::metadata(&path)
        .ok()
        .and_then(|meta| too_large(&path, meta.len()))
    {
        return Err(problem);
    }
    match std::fs::read(&path) {
        Ok(bytes) => parse(root, id, &bytes, lang_override),
        Err(e) => Err(Problem {
            path,
            line: None,
            severity: Severity::Error,
            message: format!("cannot read: {e}; skipped"),
        }),
    }
}

/// Decodes and parses the bytes of the file `id` under `root`.
pub fn parse(root: &Path, id: &str, bytes: &[u8], lang_override: Option<Lang>) -> Loaded {
    let path = root.join(id);
    let problem = |severity, message: String| Problem {
        path: path.clone(),
        line: None,
        severity,
        message,
    };
    if bytes.is_empty() {
        return Err(problem(
            Severity::Warning,
            "empty file; skipped".to_string(),
        ));
    }
    let decoded = decode::decode(bytes)
        .map_err(|reason| problem(Severity::Error, format!("{reason}; skipped")))?;
    if decoded.text.trim().is_empty() {
        return Err(problem(
            Severity::Warning,
            "holds only white space; skipped".to_string(),
        ));
    }
    let Some(lang) = lang_override.or_else(|| lang::detect(&decoded.text)) else {
        return Err(problem(
            Severity::Warning,
            "neither Chinese nor English text; skipped (set `lang` in manifest.csv if this is wrong)"
                .to_string(),
        ));
    };
    let mut doc = Document::from_text(id, path.clone(), &decoded.text, lang);
    doc.encoding = decoded.encoding;
    doc.bytes = bytes.len();
    if doc.sentence_count() == 0 {
        return Err(problem(
            Severity::Warning,
            "no sentences once markers, captions and datelines are removed; skipped".to_string(),
        ));
    }
    Ok(doc)
}

fn apply_manifest(documents: &mut [Document], manifest: &manifest::Manifest) {
    for doc in documents {
        let Some(entry) = manifest.entries.get(&doc.id) else {
            continue;
        };
        if let Some(year) = entry.year {
            doc.year = Some(year);
            doc.year_source = YearSource::Manifest { line: entry.line };
        }
        if let Some(title) = &entry.title {
            doc.title = Some(title.clone());
        }
    }
}

/// The ids a translation `NAME.en.EXT` may have as original: `NAME.EXT`, `NAME.zh.EXT`, and the
/// same with the other accepted extension.
fn original_candidates(id: &str) -> Vec<String> {
    let Some((stem, ext)) = id.rsplit_once('.') else {
        return Vec::new();
    };
    let Some(base) = stem.strip_suffix(".en") else {
        return Vec::new();
    };
    let mut out = vec![format!("{base}.{ext}"), format!("{base}.zh.{ext}")];
    for other in EXTENSIONS.iter().filter(|&&e| e != ext) {
        out.push(format!("{base}.{other}"));
        out.push(format!("{base}.zh.{other}"));
    }
    out
}

fn pair_translations(
    documents: &mut [Document],
    manifest: &manifest::Manifest,
    manifest_path: &Path,
    problems: &mut Vec<Problem>,
) {
    let index = |docs: &[Document], id: &str| docs.iter().position(|d| d.id == id);
    let mut pairs = Vec::new();
    for (t, doc) in documents.iter().enumerate() {
        let declared = manifest
            .entries
            .get(&doc.id)
            .and_then(|e| e.translation_of.clone());
        let original = match &declared {
            Some(id) => Some(id.clone()),
            None => original_candidates(&doc.id)
                .into_iter()
                .find(|c| index(documents, c).is_some()),
        };
        let Some(original) = original else { continue };
        let Some(o) = index(documents, &original) else {
            continue; // the manifest reader already reported a missing original
        };
        let translation_lang = doc.lang;
        let original_lang = documents[o].lang;
        if translation_lang != Lang::En || original_lang != Lang::Zh {
            problems.push(Problem {
                path: if declared.is_some() { manifest_path.to_path_buf() } else { doc.path.clone() },
                line: manifest.entries.get(&doc.id).map(|e| e.line),
                severity: Severity::Warning,
                message: format!(
                    "{} ({translation_lang}) is named as the English translation of {} ({original_lang}); not paired: a pair needs English beside Chinese",
                    doc.id, original
                ),
            });
            continue;
        }
        pairs.push((o, t));
    }
    for (o, t) in pairs {
        documents[o].paired_with = Some(documents[t].id.clone());
        documents[t].paired_with = Some(documents[o].id.clone());
        // A translation carries the date of its original: dates in its own text may cite others.
        let set_by_manifest = matches!(documents[t].year_source, YearSource::Manifest { .. });
        if !set_by_manifest && documents[o].year.is_some() {
            documents[t].year = documents[o].year;
            documents[t].year_source = YearSource::Original(documents[o].id.clone());
        }
    }
}

fn report_years(documents: &[Document], problems: &mut Vec<Problem>) {
    for doc in documents {
        if doc.year.is_none() {
            problems.push(Problem {
                path: doc.path.clone(),
                line: None,
                severity: Severity::Warning,
                message:
                    "no year: no date of its own in the text; add a `year` for it in manifest.csv"
                        .to_string(),
            });
        }
        if let (YearSource::Text(chosen), false) =
            (&doc.year_source, doc.dating.conflicts.is_empty())
        {
            let others: Vec<String> = doc
                .dating
                .conflicts
                .iter()
                .map(|e| format!("{} ({}, line {})", e.year, e.rule, e.line))
                .collect();
            problems.push(Problem {
                path: doc.path.clone(),
                line: Some(u64::from(chosen.line)),
                severity: Severity::Warning,
                message: format!(
                    "year evidence disagrees: took {} ({}), also found {}; set `year` in manifest.csv to decide",
                    chosen.year,
                    chosen.rule,
                    others.join(", ")
                ),
            });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn translation_names_point_to_their_originals() {
        assert_eq!(
            original_candidates("a/speech.en.txt"),
            [
                "a/speech.txt",
                "a/speech.zh.txt",
                "a/speech.md",
                "a/speech.zh.md"
            ]
        );
        assert!(original_candidates("speech.txt").is_empty());
    }

    mod properties {
        use super::*;
        use proptest::prelude::*;

        proptest! {
            #![proptest_config(ProptestConfig::with_cases(300))]
            #[test]
            fn arbitrary_bytes_are_a_document_or_a_problem_naming_the_file(bytes in proptest::collection::vec(any::<u8>(), 0..600)) {
                match parse(Path::new("c"), "x.txt", &bytes, None) {
                    Ok(doc) => prop_assert_eq!(doc.id, "x.txt"),
                    Err(problem) => prop_assert_eq!(problem.path, Path::new("c").join("x.txt")),
                }
            }

            #[test]
            fn arbitrary_text_is_a_document_or_a_problem(text in "\\PC{0,300}") {
                let _ = parse(Path::new("c"), "x.txt", text.as_bytes(), None);
            }
        }
    }
}
