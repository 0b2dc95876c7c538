//! Throughput of the pipeline's stages against jieba-rs segmentation alone, on one and two
//! cores, over a synthetic multi-document corpus built from the seeds (see
//! `benches/common/synth.rs`; a single repeated sentence would inflate jieba's figure).
//!
//! ```sh
//! cargo bench --bench pipeline
//! ```
//!
//! The alignment stage has its own bench (`benches/align.rs`), in sentences.

#[path = "common/synth.rs"]
mod synth;

use std::path::PathBuf;
use std::sync::LazyLock;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use std::collections::HashMap;

use glossary::align::Aligner;
use glossary::align::input::SideText;
use glossary::align::lexicon::Lexicon;
use glossary::corpus::{Corpus as Folder, CorpusOptions};
use glossary::corpus::{Document, Held};
use glossary::export::{ExportOptions, Format, write};
use glossary::extract::count::{TermCounts, WholeWords, count_terms};
use glossary::extract::ngrams::{MiningOptions, NgramTable};
use glossary::extract::tokens::tokenize;
use glossary::extract::{ExtractOptions, extract, extract_tokens};
use glossary::glossary::curated::Curated;
use glossary::glossary::merge::merge;
use glossary::lang::Lang;
use glossary::segment::Segmenter;

/// Megabytes of text in the benchmark corpus.
const CORPUS_MB: usize = 4;

struct Corpus {
    /// Raw texts, as files would hold them.
    raw: Vec<(String, String)>,
    /// The same, read into documents.
    docs: Vec<Document>,
    bytes: u64,
}

static CORPUS: LazyLock<Corpus> = LazyLock::new(|| {
    let pool = synth::Pool::from_dir(&PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("seeds"));
    let raw: Vec<(String, String)> = synth::generate(&pool, CORPUS_MB << 20, 7)
        .map(|d| (d.name, d.text))
        .collect();
    let docs = raw
        .iter()
        .map(|(name, text)| Document::from_text(name, PathBuf::from(name), text, Lang::Zh))
        .collect();
    let bytes = raw.iter().map(|(_, t)| t.len() as u64).sum();
    Corpus { raw, docs, bytes }
});

static SEGMENTER: LazyLock<Segmenter> = LazyLock::new(Segmenter::new);

fn pool(threads: usize) -> rayon::ThreadPool {
    rayon::ThreadPoolBuilder::new()
        .num_threads(threads)
        .build()
        .expect("a thread pool")
}

fn stages(c: &mut Criterion) {
    let corpus = &*CORPUS;
    let segmenter = &*SEGMENTER;
    let mut group = c.benchmark_group("pipeline");
    group.throughput(Throughput::Bytes(corpus.bytes));
    group.sample_size(10);
    for threads in [1, 2] {
        let pool = pool(threads);
        group.bench_function(format!("read+clean/{threads} core"), |b| {
            b.iter(|| {
                pool.install(|| {
                    use rayon::prelude::*;
                    corpus
                        .raw
                        .par_iter()
                        .map(|(name, text)| {
                            Document::from_text(name, PathBuf::from(name), text, Lang::Zh)
                        })
                        .count()
                })
            })
        });
        group.bench_function(format!("jieba cut alone/{threads} core"), |b| {
            b.iter(|| {
                pool.install(|| {
                    use rayon::prelude::*;
                    corpus
                        .docs
                        .par_iter()
                        .map(|d| {
                            d.sentences()
                                .map(|s| segmenter.cut(&s.text).len())
                                .sum::<usize>()
                        })
                        .sum::<usize>()
                })
            })
        });
        group.bench_function(format!("extract/{threads} core"), |b| {
            let docs: Vec<&Document> = corpus.docs.iter().collect();
            b.iter(|| {
                pool.install(|| {
                    extract(&docs, segmenter, &ExtractOptions::default())
                        .terms
                        .len()
                })
            })
        });
    }
    group.finish();
}

/// The stages after extraction, on the same corpus: counting the curated terms and merging
/// them with the candidates, and writing each export. Throughput is still the corpus's bytes,
/// so the figures compare with the stages above.
fn merge_and_export(c: &mut Criterion) {
    let corpus = &*CORPUS;
    let segmenter = &*SEGMENTER;
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let curated = Curated::read(&root.join("glossary/curated.csv")).expect("the curated file");
    let docs: Vec<&Document> = corpus.docs.iter().collect();
    let extraction = extract(&docs, segmenter, &ExtractOptions::default());
    let terms = curated.protected_terms();
    let contexts = ExtractOptions::default().contexts;
    let whole = WholeWords::find(&terms, segmenter);
    let counted = || -> HashMap<String, TermCounts> {
        terms
            .iter()
            .cloned()
            .zip(count_terms(&terms, &whole, &docs, &Held, contexts))
            .collect()
    };
    let curated_counts = counted();
    let (merged, _) = merge(
        &curated,
        &curated_counts,
        &extraction.terms,
        &Default::default(),
        &Default::default(),
    );

    let mut group = c.benchmark_group("pipeline");
    group.throughput(Throughput::Bytes(corpus.bytes));
    group.sample_size(10);
    group.bench_function("count curated terms + merge/2 core", |b| {
        b.iter(|| {
            merge(
                &curated,
                &counted(),
                &extraction.terms,
                &Default::default(),
                &Default::default(),
            )
            .0
            .rows
            .len()
        })
    });
    for (name, format) in [
        ("csv", Format::Csv),
        ("tbx", Format::Tbx),
        ("omegat", Format::Omegat),
        ("tmx", Format::Tmx),
    ] {
        group.bench_function(format!("export {name}"), |b| {
            b.iter(|| {
                let mut out = Vec::new();
                write(format, &merged, &[], &mut out, &ExportOptions::default())
                    .expect("an export");
                out.len()
            })
        });
    }
    group.finish();
}

/// The stages of extraction one by one, on both cores: segmentation (jieba and each document's
/// vocabulary joined into one), n-gram mining, counting the candidates on the text, and
/// extraction from the tokens as a whole (mining, candidates, counting, scoring, variants).
fn extraction_stages(c: &mut Criterion) {
    let corpus = &*CORPUS;
    let segmenter = &*SEGMENTER;
    let docs: Vec<&Document> = corpus.docs.iter().collect();
    let options = ExtractOptions::default();
    let stream = tokenize(segmenter, &docs);
    let candidates: Vec<String> = extract_tokens((&docs, &Held), &stream, segmenter, &options)
        .terms
        .into_iter()
        .map(|t| t.term)
        .collect();

    let mut group = c.benchmark_group("pipeline");
    group.throughput(Throughput::Bytes(corpus.bytes));
    group.sample_size(10);
    group.bench_function("segment (tokens and vocabulary)/2 core", |b| {
        b.iter(|| tokenize(segmenter, &docs).docs.len())
    });
    group.bench_function("mine n-grams/2 core", |b| {
        b.iter(|| NgramTable::mine(&stream, &MiningOptions::default()).len())
    });
    group.bench_function(
        format!("count {} candidates on text/2 core", candidates.len()),
        |b| {
            let whole = WholeWords::find(&candidates, segmenter);
            b.iter(|| count_terms(&candidates, &whole, &docs, &Held, options.contexts).len())
        },
    );
    group.bench_function("extract from tokens/2 core", |b| {
        b.iter(|| {
            extract_tokens((&docs, &Held), &stream, segmenter, &options)
                .terms
                .len()
        })
    });
    group.finish();
}

/// Aligning the bundled bilingual pair (seed 000 and our English translation) with the
/// curated glossary as anchors, in bytes of both sides.
fn alignment(c: &mut Criterion) {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let folder = Folder::read(&root.join("seeds"), &CorpusOptions::default()).expect("the seeds");
    let (zh, en) = folder.translation_pairs()[0];
    let (zh, en) = (SideText::from_document(zh), SideText::from_document(en));
    let bytes: usize = zh
        .sentences
        .iter()
        .chain(&en.sentences)
        .map(String::len)
        .sum();
    let curated = Curated::read(&root.join("glossary/curated.csv")).expect("the curated file");
    let lexicon = Lexicon::new(curated.approved_pairs());
    let segmenter = Segmenter::with_terms(curated.protected_terms().iter().map(String::as_str));
    let aligner = Aligner::new(&segmenter, &lexicon);

    let mut group = c.benchmark_group("pipeline");
    group.throughput(Throughput::Bytes(bytes as u64));
    group.sample_size(20);
    group.bench_function("align the bundled pair", |b| {
        b.iter(|| aligner.align_sides(&zh, &en).beads.len())
    });
    group.finish();
}

criterion_group!(
    benches,
    stages,
    extraction_stages,
    merge_and_export,
    alignment
);
criterion_main!(benches);
