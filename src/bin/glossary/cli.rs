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
    /// Cost: one pass of jieba over the text (about 20–40 MB/s per core) plus counting;
    /// memory holds only n-grams seen at least --min-freq times.
    Extract(ExtractArgs),
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
    fn lines_needs_show() {
        assert!(Cli::try_parse_from(["glossary", "corpus", "--lines"]).is_err());
    }
}
