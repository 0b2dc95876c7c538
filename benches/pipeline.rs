//! Throughput of the pipeline's stages against jieba-rs segmentation alone, on one and two
//! cores, over a synthetic multi-document corpus built from the seeds (see
//! `benches/common/synth.rs`; a single repeated sentence would inflate jieba's figure).
//!
//! ```sh
//! cargo bench --bench pipeline
//! ```

#[path = "common/synth.rs"]
mod synth;

use std::path::PathBuf;
use std::sync::LazyLock;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use glossary::corpus::Document;
use glossary::extract::{ExtractOptions, extract};
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

criterion_group!(benches, stages);
criterion_main!(benches);
