//! Command-line arguments. A field's doc comment is its help text: the first paragraph is the
//! `-h` line, the whole comment the `--help` text.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

/// Build and use a Chinese–English glossary from a corpus of official texts.
///
/// The corpus is a folder of Chinese documents (`seeds/` by default): .txt or .md files in
/// UTF-8, UTF-16 with BOM or GB18030/GBK, as scraped from newspapers. English translations sit
/// beside their originals as NAME.en.txt. An optional manifest.csv (columns file,year and
/// optionally title,lang,translation_of) overrides what is detected.
#[derive(Debug, Parser)]
#[command(name = "glossary", version, propagate_version = true)]
pub struct Cli {
    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// List the documents of a corpus: language, year and its evidence, titles, sentences.
    ///
    /// Every file is decoded, cleaned (page breaks joined, continuation marks, captions and
    /// Markdown removed), split into articles and sentences, and dated. Files that cannot be
    /// used are reported on stderr with their path; the exit status is then 2.
    Corpus(CorpusArgs),

    /// Rank the recurring official phrases of a corpus or of single documents.
    ///
    /// Candidates are runs of words that recur (jieba cuts 上海精神 into 上海/精神), phrases in
    /// “quotation” and 《book-title》 marks, and enumerations repeated as formulae. They are
    /// counted on the normalised text and ranked by frequency, spread over documents and
    /// years, how tightly their parts belong together, how freely they combine with their
    /// neighbours, and nesting. Runs on the corpus alone: the curated glossary adds no entries.
    ///
    /// Cost: one pass of jieba over the text plus counting (measured figures in
    /// benches/README.md); memory holds only n-grams seen at least --min-freq times.
    Extract(ExtractArgs),

    /// Build the glossary: read the corpus, extract terms, merge them with the curated
    /// glossary, and write every output into the glossary folder.
    ///
    /// Writes glossary.csv (the merged glossary: curated rows with their corpus counts, then
    /// candidates), glossary.tbx (TBX-Basic 2008), glossary.export.csv (UTF-8 with BOM, CRLF,
    /// for Excel and CAT tools), glossary-omegat.txt and memory.tmx (TMX 1.4b), and the lookup
    /// index in .cache/. The curated glossary is only read: a curated file with errors stops
    /// the build before anything is written. Every file is written to a temporary file and
    /// renamed, and a file whose content did not change is left alone.
    ///
    /// Only documents whose content changed are read and segmented again (the cache in
    /// GLOSSARY/.cache is keyed by content hash); when nothing changed at all, nothing is
    /// done. The same input gives byte-identical output, so `git diff glossary/` shows what
    /// new documents brought. The report names added, removed and changed documents, new
    /// candidates and terms whose counts changed.
    Build(BuildArgs),

    /// Write the glossary report: one self-contained HTML page (no network needed) with an
    /// overview of usage by year, the searchable and sortable term table, a panel per term
    /// (contexts, variants, related terms, aligned pairs, proposals) and the alignment review.
    ///
    /// Brings the build up to date first (nothing is redone when nothing changed); `build`
    /// writes the same page to GLOSSARY/report.html.
    Report(ReportArgs),

    /// Look a term up in the built glossary: Chinese, a variant or abbreviation, English or
    /// pinyin without tones.
    ///
    /// Prints a card: Chinese, English (preferred and alternates), status, type, variants,
    /// frequency by year, documents, contexts, longer and shorter related terms. A term not
    /// found gets the closest entries as suggestions. Exit status: 0 found, 1 not found,
    /// 2 error. Never reads the corpus: run `glossary build` after new documents arrive.
    Lookup(LookupArgs),

    /// Align a Chinese document with its English translation, sentence by sentence.
    ///
    /// Beads join 0–5 Chinese and 0–5 English sentences (1-1, 1-2 … 1-5, 2-1, 2-2, 2-3 …,
    /// and 1-0/0-1 for a sentence left untranslated or added). The search weighs shared words
    /// (CC-CEDICT and the curated glossary as a bilingual dictionary, numbers, names in
    /// pinyin) and lengths (the pair's own English-per-Chinese ratio), in a band around the
    /// diagonal, coarse to fine for long documents: memory grows linearly with length. An
    /// English file that translates only some articles leaves the others unaligned.
    ///
    /// Sentence numbers are 0-based: with --presplit, line n is sentence n − 1; otherwise the
    /// sentences are those `glossary corpus --show FILE` lists.
    ///
    /// ZH and EN may be folders: every pair of files with the same name is aligned (in
    /// parallel, the dictionaries loaded once) and written to --out DIR under that name.
    Align(AlignArgs),

    /// Check translations against the glossary: in each aligned sentence pair where a curated
    /// Chinese term occurs and none of its approved English renderings does, say so.
    ///
    /// With ZH and EN, checks that pair; without, every pair of the corpus (NAME.txt beside
    /// NAME.en.txt). Each finding names the document, the sentence numbers, the term, the
    /// English expected, any deprecated rendering found, and the English sentence. Exit
    /// status: 0 nothing found, 1 findings, 2 error.
    Check(CheckArgs),

    /// Write the built glossary in a format for translation tools.
    ///
    /// csv: UTF-8 with BOM and CRLF (Excel, memoQ, MultiTerm); tbx: TBX-Basic 2008
    /// (translate-toolkit, OmegaT); tbx3: TBX-Basic v3 (ISO 30042:2019, DCA); omegat: OmegaT's
    /// tab-separated glossary; tmx: TMX 1.4b translation memory; xlsx: a workbook to review
    /// the candidates in (import it back with `glossary import`). Only curated renderings (and,
    /// marked as such, alignment proposals) go out: candidates without English do not.
    Export(ExportArgs),

    /// Add a Chinese–English pair to the curated glossary.
    ///
    /// A new Chinese term becomes a new concept (status preferred unless --status says
    /// otherwise); a new English for a term already curated joins its concept (admitted
    /// unless --status preferred, which makes the old preferred rendering admitted). The file
    /// is validated and written atomically: rows keep their order, unknown columns are kept.
    Add(AddArgs),

    /// Change a row of the curated glossary: its English, status or other cells.
    Set(SetArgs),

    /// Mark a candidate as not a term: it is never proposed again.
    ///
    /// With --with-forms, the candidates of the last build that the rejection obviously
    /// covers (its fragments found nowhere else, the longer forms with the same edge) are
    /// rejected too, each in a row of its own.
    Reject(RejectArgs),

    /// Import termbases from other tools into the curated glossary.
    ///
    /// Reads TBX (TBX-Basic 2008 and v3 DCA), XLSX/ODS workbooks (one sheet: --sheet, or
    /// `review`, or the first) and CSV, TSV and TXT tables with a header row (BOM or not, CRLF
    /// or LF, comma, semicolon or tab). A sheet with a `decision` column is a review sheet:
    /// `accept` adds the row's English (preferred unless its status says otherwise), `reject`
    /// rejects the candidate, blank does nothing. The usual column names are recognised: zh, zh-CN, zh-Hans, Chinese,
    /// 中文, source; en, en-US, en-GB, English, 英文, target; note, definition, status, pos,
    /// subject, id. Merge rules: a pair already curated is skipped; a new English for a
    /// curated term joins its concept with the file's status (admitted if it gives none); an
    /// imported preferred rendering never displaces the curated one: it is added as admitted
    /// and reported as a conflict to settle with `glossary set`; a new term joins the concept
    /// of another term of its row's id, or becomes a new concept with a fresh id. Rows are
    /// only added, with the file's name in `source` and today's date; the file is written
    /// atomically, once every file has been read.
    Import(ImportArgs),
}

/// Where the glossary is.
#[derive(Debug, Args)]
pub struct GlossaryOpts {
    /// The glossary folder: curated.csv is read from it and the outputs are written to it.
    #[arg(
        short = 'g',
        long = "glossary",
        value_name = "DIR",
        default_value = "glossary"
    )]
    pub glossary: PathBuf,

    /// The curated glossary, if not GLOSSARY/curated.csv.
    #[arg(long, value_name = "FILE")]
    pub curated: Option<PathBuf>,
}

impl GlossaryOpts {
    /// The curated glossary's path.
    pub fn curated_path(&self) -> PathBuf {
        self.curated
            .clone()
            .unwrap_or_else(|| glossary::folder::GlossaryFolder::new(&self.glossary).curated())
    }
}

/// `glossary report`.
#[derive(Debug, Args)]
pub struct ReportArgs {
    /// Where to write the page (default: GLOSSARY/report.html).
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,

    #[command(flatten)]
    pub build: BuildArgs,
}

/// `glossary build`.
#[derive(Debug, Args)]
pub struct BuildArgs {
    /// The corpus folder (same as --corpus).
    #[arg(value_name = "DIR")]
    pub dir: Option<PathBuf>,

    #[command(flatten)]
    pub corpus: CorpusOpts,

    #[command(flatten)]
    pub glossary: GlossaryOpts,

    /// Least number of occurrences of a candidate term.
    #[arg(long, value_name = "N", default_value_t = 2, value_parser = clap::value_parser!(u32).range(1..))]
    pub min_freq: u32,

    /// A translation memory (TMX) to read besides the `.tmx` files of the corpus folder
    /// (repeatable).
    ///
    /// Its Chinese–English units (zh, zh-CN, zh-Hans, zh-TW … converted to Simplified; en,
    /// en-US, en-GB …) are sentence pairs like the aligned ones: they teach the word aligner,
    /// show how terms are translated, and go into memory.tmx marked with where they came from.
    #[arg(long = "tm", value_name = "FILE")]
    pub memories: Vec<PathBuf>,

    /// Rebuild even when nothing changed since the last build.
    #[arg(long)]
    pub force: bool,

    /// When another build is writing to the same glossary folder, fail at once (exit status 2)
    /// instead of waiting for it to finish.
    #[arg(long)]
    pub no_wait: bool,

    /// Hold every document's text in memory for the whole build instead of reading each text
    /// again from the cache when a stage needs it: the same outputs, memory that grows with
    /// the corpus.
    #[arg(long)]
    pub hold_texts: bool,

    /// How the report is printed.
    ///
    /// `json` prints an object with the keys up_to_date, documents, chinese, pairs, read,
    /// cached, segmented, has_previous, added, removed, changed, problems, conflicts,
    /// curated_rows, candidates, attached_variants, aligned_documents, sentence_pairs,
    /// memories, memory_units, low_confidence_pairs, proposals, unused_renderings,
    /// new_candidates (zh, total, id), gone_candidates,
    /// count_changes (zh, before, after), outputs, recounts (list, full, documents, terms),
    /// cache_failures and timings.
    #[arg(long, value_enum, default_value_t = TextOrJson::Text)]
    pub format: TextOrJson,

    #[command(flatten)]
    pub common: CommonOpts,
}

impl BuildArgs {
    /// The corpus folder, from the positional argument or --corpus.
    pub fn corpus_dir(&self) -> &std::path::Path {
        self.dir.as_deref().unwrap_or(&self.corpus.corpus)
    }
}

/// `glossary lookup`.
#[derive(Debug, Args)]
pub struct LookupArgs {
    /// The term: Chinese, English (any case), or pinyin without tones. Several words are
    /// joined with spaces, so quotes are optional.
    #[arg(value_name = "TERM", required = true, num_args = 1..)]
    pub term: Vec<String>,

    /// The glossary folder (where `glossary build` wrote its outputs).
    #[arg(
        short = 'g',
        long = "glossary",
        value_name = "DIR",
        default_value = "glossary"
    )]
    pub glossary: PathBuf,

    /// How the card is printed.
    ///
    /// `json` prints an object with the keys zh, en (preferred English or null), alternates
    /// (en, status), status, id, type, variants, total, by_year (year → count), rate_by_year
    /// (year → occurrences per 10,000 Chinese characters of that year), first_year,
    /// last_year, docs, contexts (left, term, right, doc, year, line), longer, shorter, usage
    /// (renderings (en, count), occurrences, aligned, pairs, documents, years, proposed,
    /// examples (zh, en, zh_span, en_span, document, year)), preferred_unused, context_zh,
    /// context_en, similar_to, pos, subject, definition, note, source and matched_by; other
    /// terms found by the same key are in `others`. Not found: {"found": false,
    /// "suggestions": [...]}.
    #[arg(long, value_enum, default_value_t = TextOrJson::Text)]
    pub format: TextOrJson,

    /// How many contexts to print.
    #[arg(long, value_name = "N", default_value_t = 5)]
    pub contexts: usize,
}

/// `glossary align`.
#[derive(Debug, Args)]
pub struct AlignArgs {
    /// The Chinese file (or folder).
    #[arg(value_name = "ZH")]
    pub zh: PathBuf,
    /// The English file (or folder).
    #[arg(value_name = "EN")]
    pub en: PathBuf,

    /// With folders: where to write one alignment per pair, named as its files.
    #[arg(short = 'o', long = "out", value_name = "DIR")]
    pub out: Option<PathBuf>,

    /// The files hold one sentence per line already: use the lines as they are.
    #[arg(long)]
    pub presplit: bool,

    /// Word alignment: line i of ZH translates line i of EN; print the word links of each
    /// pair (with `--format links`). The model is trained on the pairs given, with CC-CEDICT
    /// and the curated glossary as priors.
    #[arg(long, conflicts_with = "presplit")]
    pub pairs: bool,

    /// With --pairs: the tokens of each line are separated by spaces (otherwise Chinese is
    /// segmented and English split into words and punctuation).
    #[arg(long, requires = "pairs")]
    pub tokenized: bool,

    /// Output format.
    ///
    /// `beads`: one bead per line, Chinese first, `[0]:[0]`, `[1, 2]:[1]`, `[3]:[]`.
    /// `tsv`: zh ids, en ids, confidence, Chinese text, English text, with a header.
    /// `tmx`: TMX 1.4b with one unit per bead that has text on both sides.
    /// `json`: an object with length_ratio and beads (zh, en, similarity, length_misfit,
    /// confidence, zh_text, en_text).
    /// `links` (with --pairs): one line per sentence pair, the links `i-j` (0-based token
    /// indices, Chinese first; Pharaoh format).
    #[arg(long, value_enum, default_value_t = AlignFormat::Beads)]
    pub format: AlignFormat,

    #[command(flatten)]
    pub glossary: GlossaryOpts,

    /// Do not use the curated glossary as a dictionary (CC-CEDICT only).
    #[arg(long)]
    pub no_curated: bool,
}

/// How an alignment is printed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum AlignFormat {
    /// One bead per line.
    Beads,
    /// Tab-separated ids, confidence and texts.
    Tsv,
    /// TMX 1.4b translation memory.
    Tmx,
    /// JSON for other tools.
    Json,
    /// Word links per sentence pair (with --pairs).
    Links,
}

/// `glossary check`.
#[derive(Debug, Args)]
pub struct CheckArgs {
    /// A Chinese file (with EN), instead of every pair of the corpus.
    #[arg(value_name = "ZH", requires = "en")]
    pub zh: Option<PathBuf>,
    /// Its English translation.
    #[arg(value_name = "EN")]
    pub en: Option<PathBuf>,

    #[command(flatten)]
    pub corpus: CorpusOpts,

    #[command(flatten)]
    pub glossary: GlossaryOpts,

    /// Output format.
    ///
    /// `json` prints an array of findings with the keys document, zh_sentences,
    /// en_sentences, term, expected, found_deprecated, zh_text and en_text; `csv` the same
    /// as columns.
    #[arg(long, value_enum, default_value_t = TermFormat::Table)]
    pub format: TermFormat,
}

/// `glossary export`.
#[derive(Debug, Args)]
pub struct ExportArgs {
    /// The format.
    #[arg(long, value_enum)]
    pub format: ExportFormat,

    /// The file to write (atomically); standard output when not given.
    #[arg(short = 'o', long = "output", value_name = "FILE")]
    pub output: Option<PathBuf>,

    /// The glossary folder (where `glossary build` wrote glossary.csv).
    #[arg(
        short = 'g',
        long = "glossary",
        value_name = "DIR",
        default_value = "glossary"
    )]
    pub glossary: PathBuf,

    /// Also export the English proposed for candidates, marked as not reviewed (CSV: status
    /// `proposed`; TBX: a note and no administrative status; OmegaT: the comment; TMX:
    /// `x-status` `proposed`). Left out by default, so that no CAT tool offers an unreviewed
    /// proposal as a glossary hit.
    #[arg(long)]
    pub include_proposed: bool,
}

/// Export formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ExportFormat {
    /// CSV for spreadsheets and CAT tools (UTF-8 with BOM, CRLF).
    Csv,
    /// TBX-Basic 2008 (martif).
    Tbx,
    /// TBX-Basic v3 (ISO 30042:2019, DCA).
    Tbx3,
    /// OmegaT tab-separated glossary.
    Omegat,
    /// TMX 1.4b translation memory.
    Tmx,
    /// XLSX workbook for review: sheet `glossary` (curated) and sheet `review` (candidates
    /// best first, proposed English, a decision drop-down), read back by `glossary import`.
    Xlsx,
}

/// Statuses a curator may give.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum StatusArg {
    /// The rendering to use.
    Preferred,
    /// Acceptable beside the preferred one.
    Admitted,
    /// To avoid.
    Deprecated,
    /// Replaced by a newer official rendering.
    Superseded,
}

/// Cells an edit may set besides English and status.
#[derive(Debug, Args)]
pub struct CellOpts {
    /// A note for translators.
    #[arg(long)]
    pub note: Option<String>,
    /// Where the rendering comes from (e.g. "Xinhua English, 2024").
    #[arg(long)]
    pub source: Option<String>,
    /// Part of speech: noun, verb, adjective, adverb, properNoun, other.
    #[arg(long)]
    pub pos: Option<String>,
    /// TBX term type: fullForm, acronym, abbreviation, shortForm, variant, phrase.
    #[arg(long = "term-type", value_name = "TYPE")]
    pub term_type: Option<String>,
    /// Subject field.
    #[arg(long)]
    pub subject: Option<String>,
    /// Definition.
    #[arg(long)]
    pub definition: Option<String>,
}

impl CellOpts {
    /// The cells given, as (column, value).
    pub fn cells(&self) -> Vec<(String, String)> {
        [
            ("note", &self.note),
            ("source", &self.source),
            ("pos", &self.pos),
            ("term_type", &self.term_type),
            ("subject", &self.subject),
            ("definition", &self.definition),
        ]
        .into_iter()
        .filter_map(|(k, v)| v.as_ref().map(|v| (k.to_string(), v.trim().to_string())))
        .collect()
    }
}

/// `glossary add`.
#[derive(Debug, Args)]
pub struct AddArgs {
    /// The Chinese term.
    #[arg(value_name = "ZH")]
    pub zh: String,
    /// Its English.
    #[arg(long, value_name = "EN")]
    pub en: String,
    /// Its status (default: preferred for a new term, admitted beside an existing one).
    #[arg(long, value_enum)]
    pub status: Option<StatusArg>,
    /// The concept id for a new term (default: the next free cNNNN).
    #[arg(long)]
    pub id: Option<String>,
    #[command(flatten)]
    pub cells: CellOpts,
    #[command(flatten)]
    pub glossary: GlossaryOpts,
}

/// `glossary set`.
#[derive(Debug, Args)]
pub struct SetArgs {
    /// The Chinese term.
    #[arg(value_name = "ZH")]
    pub zh: String,
    /// New English.
    #[arg(long, value_name = "EN")]
    pub en: Option<String>,
    /// New status (preferred makes the old preferred rendering admitted).
    #[arg(long, value_enum)]
    pub status: Option<StatusArg>,
    /// Which row, when the term has several English renderings: its current English.
    #[arg(long = "row-en", value_name = "EN")]
    pub row_en: Option<String>,
    #[command(flatten)]
    pub cells: CellOpts,
    #[command(flatten)]
    pub glossary: GlossaryOpts,
}

/// `glossary reject`.
#[derive(Debug, Args)]
pub struct RejectArgs {
    /// The Chinese candidate that is not a term.
    #[arg(value_name = "ZH")]
    pub zh: String,
    /// Why (kept in the note column).
    #[arg(long)]
    pub note: Option<String>,
    /// Reject with it the candidates of the last build that it covers.
    ///
    /// Those are its fragments that occur nowhere else in the corpus (rejecting 生于斯、长于斯
    /// covers 于斯 when 于斯 occurs only there) and the longer candidates that begin or end
    /// with it, keeping one of its edges (rejecting 解决国际 covers 解决国际争端, not
    /// 和平解决国际争端 with it inside). Each is written as a rejected row of its own, its note
    /// naming the rejection that covered it. Curated terms are never touched. Needs a build
    /// (glossary.csv). Look with --dry-run first: a longer form may have put right the very
    /// edge that made the term wrong (经济可持续发展 for 持续发展).
    #[arg(long = "with-forms")]
    pub with_forms: bool,
    /// Print what would be rejected, and write nothing.
    #[arg(long = "dry-run")]
    pub dry_run: bool,
    #[command(flatten)]
    pub glossary: GlossaryOpts,
}

/// `glossary import`.
#[derive(Debug, Args)]
pub struct ImportArgs {
    /// The termbases to import, in order.
    #[arg(value_name = "FILE", required = true)]
    pub files: Vec<PathBuf>,
    /// The column of the Chinese term, when its name is not one of the usual ones.
    #[arg(long = "zh-column", value_name = "NAME")]
    pub zh_column: Option<String>,
    /// The column of the English term, when its name is not one of the usual ones.
    #[arg(long = "en-column", value_name = "NAME")]
    pub en_column: Option<String>,
    /// The sheet of a workbook (default: `review` if it has one, else the first).
    #[arg(long, value_name = "NAME")]
    pub sheet: Option<String>,
    /// Print what would change, and write nothing.
    #[arg(long = "dry-run")]
    pub dry_run: bool,
    #[command(flatten)]
    pub glossary: GlossaryOpts,
}

/// How a report or card is printed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum TextOrJson {
    /// Text for people.
    Text,
    /// JSON for other tools.
    Json,
}

/// Where the corpus is.
#[derive(Debug, Args)]
pub struct CorpusOpts {
    /// The corpus folder.
    #[arg(
        short = 'c',
        long = "corpus",
        value_name = "DIR",
        default_value = "seeds"
    )]
    pub corpus: PathBuf,

    /// The manifest to use instead of DIR/manifest.csv.
    ///
    /// Columns: file (relative to the corpus folder) and any of year, title, lang,
    /// translation_of. An empty cell means "detect it from the text".
    #[arg(long, value_name = "FILE")]
    pub manifest: Option<PathBuf>,
}

/// Options every subcommand has.
#[derive(Debug, Args)]
pub struct CommonOpts {
    /// Print no warnings, only errors.
    #[arg(short, long)]
    pub quiet: bool,

    /// Print what each stage did and how long it took.
    #[arg(short, long, conflicts_with = "quiet")]
    pub verbose: bool,
}

/// `glossary corpus`.
#[derive(Debug, Args)]
pub struct CorpusArgs {
    /// The corpus folder (same as --corpus).
    #[arg(value_name = "DIR")]
    pub dir: Option<PathBuf>,

    #[command(flatten)]
    pub corpus: CorpusOpts,

    /// Output format of the listing.
    ///
    /// `json` prints an array with one object per document, with the keys file, id, lang,
    /// encoding, year (number or null), year_source (text, manifest, original or none),
    /// year_evidence, title, titles, articles, sentences, chars and paired_with.
    #[arg(long, value_enum, default_value_t = ListFormat::Table)]
    pub format: ListFormat,

    /// Print the normalised sentences of one document, one per line, instead of the listing.
    ///
    /// FILE is a path (as in `seeds/002_2016864b0a6fc1ce.txt`) or a name inside the corpus
    /// folder. Titles and headings are included; datelines, bylines, captions and
    /// continuation marks are not.
    #[arg(long, value_name = "FILE")]
    pub show: Option<PathBuf>,

    /// With --show: start each sentence with the line of the original file it comes from.
    #[arg(long, requires = "show")]
    pub lines: bool,

    #[command(flatten)]
    pub common: CommonOpts,
}

impl CorpusArgs {
    /// The corpus folder, from the positional argument or --corpus.
    pub fn corpus_dir(&self) -> &std::path::Path {
        self.dir.as_deref().unwrap_or(&self.corpus.corpus)
    }
}

/// `glossary extract`.
#[derive(Debug, Args)]
pub struct ExtractArgs {
    /// Corpus folders or single documents (default: the --corpus folder).
    #[arg(value_name = "PATH")]
    pub paths: Vec<PathBuf>,

    #[command(flatten)]
    pub corpus: CorpusOpts,

    /// Print only the best N terms.
    #[arg(long, value_name = "N")]
    pub top: Option<usize>,

    /// Least number of occurrences of a term (2: recurring).
    #[arg(long, value_name = "N", default_value_t = 2, value_parser = clap::value_parser!(u32).range(1..))]
    pub min_freq: u32,

    /// Output format.
    ///
    /// `json` prints an array, best first, of objects with the keys term, type, score, total,
    /// standalone, by_year (year → count), docs, first_year, last_year, variants,
    /// group_total, contexts (left, term, right, doc, year, line), evidence and features.
    #[arg(long, value_enum, default_value_t = TermFormat::Table)]
    pub format: TermFormat,

    /// A curated glossary whose Chinese terms the segmenter keeps whole; by default
    /// `glossary/curated.csv` when it exists, as `build` reads it, so that both rank the same
    /// way. Its terms are not added to the list: only what recurs in the text is.
    #[arg(long, value_name = "FILE", conflicts_with = "no_curated")]
    pub curated: Option<PathBuf>,

    /// Segment without any curated glossary.
    #[arg(long)]
    pub no_curated: bool,

    #[command(flatten)]
    pub common: CommonOpts,
}

/// How extracted terms are printed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum TermFormat {
    /// Aligned text for people.
    Table,
    /// CSV (UTF-8, one row per term).
    Csv,
    /// JSON for other tools.
    Json,
}

/// How a listing is printed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ListFormat {
    /// Aligned text for people.
    Table,
    /// JSON for other tools.
    Json,
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    #[test]
    fn verify_cli() {
        Cli::command().debug_assert();
    }

    #[test]
    fn corpus_dir_comes_from_either_place() {
        let cli = Cli::parse_from(["glossary", "corpus", "other"]);
        let Command::Corpus(args) = cli.command else {
            panic!("not corpus")
        };
        assert_eq!(args.corpus_dir(), std::path::Path::new("other"));
        let cli = Cli::parse_from(["glossary", "corpus", "--corpus", "x", "--format", "json"]);
        let Command::Corpus(args) = cli.command else {
            panic!("not corpus")
        };
        assert_eq!(args.corpus_dir(), std::path::Path::new("x"));
        assert_eq!(args.format, ListFormat::Json);
    }

    #[test]
    fn min_freq_must_be_positive() {
        assert!(Cli::try_parse_from(["glossary", "extract", "--min-freq", "0"]).is_err());
        let cli = Cli::parse_from(["glossary", "extract", "a.txt", "b", "--top", "5"]);
        let Command::Extract(args) = cli.command else {
            panic!("not extract")
        };
        assert_eq!(args.paths.len(), 2);
        assert_eq!(args.top, Some(5));
        assert_eq!(args.min_freq, 2);
    }

    #[test]
    fn lookup_joins_words_and_edits_take_statuses() {
        let cli = Cli::parse_from(["glossary", "lookup", "Shanghai", "Spirit"]);
        let Command::Lookup(args) = cli.command else {
            panic!("not lookup")
        };
        assert_eq!(args.term.join(" "), "Shanghai Spirit");
        assert!(Cli::try_parse_from(["glossary", "lookup"]).is_err());
        let cli = Cli::parse_from([
            "glossary",
            "add",
            "上海精神",
            "--en",
            "Shanghai Spirit",
            "--status",
            "admitted",
        ]);
        let Command::Add(args) = cli.command else {
            panic!("not add")
        };
        assert_eq!(args.status, Some(StatusArg::Admitted));
        assert_eq!(
            args.glossary.curated_path(),
            std::path::Path::new("glossary/curated.csv")
        );
        assert!(
            Cli::try_parse_from(["glossary", "add", "上海精神"]).is_err(),
            "--en is required"
        );
        assert!(Cli::try_parse_from(["glossary", "set", "x", "--status", "rejected"]).is_err());
    }

    #[test]
    fn lines_needs_show() {
        assert!(Cli::try_parse_from(["glossary", "corpus", "--lines"]).is_err());
    }
}
