//! Lookup latency: a cold `glossary lookup` (a new process: start, open and map the index,
//! find, decode one card, print) on the seed glossary and on a synthetic glossary of 100,000
//! entries, and the same work inside one process.
//!
//! ```sh
//! cargo bench --bench lookup
//! ```
//!
//! The targets: under 20 ms on the seed glossary, under 100 ms with 100,000 entries.

use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::LazyLock;

use criterion::{Criterion, criterion_group, criterion_main};
use glossary::build::{self, BuildOptions, Silent};
use glossary::export::ExportOptions;
use glossary::extract::ExtractOptions;
use glossary::extract::count::Context;
use glossary::folder::{GlossaryFolder, Output};
use glossary::glossary::Status;
use glossary::glossary::merged::{Glossary, Row, RowStatus};
use glossary::lookup::{self, Index};
use rand::seq::IndexedRandom;
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;

/// Entries in the large synthetic glossary.
const LARGE: usize = 100_000;

struct Glossaries {
    seed: PathBuf,
    large: PathBuf,
    /// Terms of the large glossary to look up (Chinese, English).
    large_zh: String,
    large_en: String,
}

static GLOSSARIES: LazyLock<Glossaries> = LazyLock::new(|| {
    // Under Cargo's target folder, replaced on each run: a static is never dropped, so a
    // temporary folder would be left behind.
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("lookup-bench");
    let _ = std::fs::remove_dir_all(&dir);
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let seed = dir.join("seed");
    let options = BuildOptions {
        corpus: root.join("seeds"),
        manifest: None,
        memories: Vec::new(),
        curated: root.join("glossary/curated.csv"),
        out: seed.clone(),
        extract: ExtractOptions::default(),
        export: ExportOptions::default(),
        force: true,
        when_locked: Default::default(),
        hold_texts: false,
    };
    build::build(&options, &Silent).expect("build the seed glossary");
    let large = dir.join("large");
    let (large_zh, large_en) = write_large(&large, LARGE);
    Glossaries {
        seed,
        large,
        large_zh,
        large_en,
    }
});

/// Writes the index of a synthetic glossary of `n` entries under `out`, shaped like a built
/// one (a third with English, counts by year, eight contexts each); returns a Chinese and an
/// English term it holds.
fn write_large(out: &Path, n: usize) -> (String, String) {
    let mut rng = ChaCha8Rng::seed_from_u64(11);
    let chars: Vec<char> = ('\u{4e00}'..='\u{9fa5}').step_by(7).collect();
    let words = [
        "cooperation",
        "security",
        "development",
        "initiative",
        "council",
        "regional",
        "strategic",
        "partnership",
        "forum",
        "community",
        "framework",
        "mechanism",
    ];
    let mut rows = Vec::with_capacity(n);
    let mut seen = std::collections::HashSet::new();
    while rows.len() < n {
        let len = rng.random_range(2..=9);
        let zh: String = (0..len).map(|_| *chars.choose(&mut rng).unwrap()).collect();
        if !seen.insert(zh.clone()) {
            continue;
        }
        let curated = rows.len() % 3 == 0;
        let en = if curated {
            let k = rng.random_range(1..=4);
            (0..k)
                .map(|_| *words.choose(&mut rng).unwrap())
                .collect::<Vec<_>>()
                .join(" ")
                + &format!(" {}", rows.len())
        } else {
            String::new()
        };
        let total = rng.random_range(2..500);
        rows.push(Row {
            id: format!("c{:06}", rows.len()),
            zh,
            en,
            status: Some(if curated {
                RowStatus::Curated(Status::Preferred)
            } else {
                RowStatus::Candidate
            }),
            total,
            by_year: BTreeMap::from([(Some(2014), total / 4), (Some(2024), total - total / 4)]),
            first_year: Some(2014),
            last_year: Some(2024),
            docs: 3,
            ..Row::default()
        });
    }
    let contexts: HashMap<String, Vec<Context>> = rows
        .iter()
        .map(|r| {
            let c = Context {
                left: "各方一致认为，要继续坚持并深化".to_string(),
                term: r.zh.clone(),
                right: "，推动地区和平与发展迈上新台阶。".to_string(),
                doc: "2024/doc_000123.txt".to_string(),
                year: Some(2024),
                line: 12,
            };
            (r.zh.clone(), vec![c; 8])
        })
        .collect();
    let zh = rows[n / 2].zh.clone();
    let en = rows[(n / 2) / 3 * 3].en.clone();
    let merged = Glossary { rows };
    let cards = lookup::cards(&merged, contexts);
    lookup::write_index(
        &cards,
        &GlossaryFolder::new(out).output(Output::LookupIndex),
    )
    .expect("write the index");
    (zh, en)
}

/// Runs `glossary lookup QUERY -g DIR` as a user would, output discarded.
fn run_lookup(dir: &Path, query: &str) {
    let status = Command::new(env!("CARGO_BIN_EXE_glossary"))
        .args(["lookup", query, "-g"])
        .arg(dir)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .expect("run glossary");
    assert!(
        status.code().is_some_and(|c| c <= 1),
        "lookup failed: {status}"
    );
}

fn cold_lookup(c: &mut Criterion) {
    let g = &*GLOSSARIES;
    let mut group = c.benchmark_group("cold lookup (new process)");
    group.sample_size(50);
    group.bench_function("seed glossary: 三股势力", |b| {
        b.iter(|| run_lookup(&g.seed, "三股势力"))
    });
    group.bench_function("seed glossary: Shanghai Spirit", |b| {
        b.iter(|| run_lookup(&g.seed, "Shanghai Spirit"))
    });
    group.bench_function("seed glossary: 三股实力 (suggestions)", |b| {
        b.iter(|| run_lookup(&g.seed, "三股实力"))
    });
    group.bench_function("100k glossary: Chinese", |b| {
        b.iter(|| run_lookup(&g.large, &g.large_zh))
    });
    group.bench_function("100k glossary: English", |b| {
        b.iter(|| run_lookup(&g.large, &g.large_en))
    });
    let misspelt: String = g.large_zh.chars().rev().collect();
    group.bench_function("100k glossary: Chinese not found (suggestions)", |b| {
        b.iter(|| run_lookup(&g.large, &misspelt))
    });
    let misspelt_en = g.large_en.replacen('o', "0", 1).replacen('e', "", 1);
    group.bench_function("100k glossary: English not found (suggestions)", |b| {
        b.iter(|| run_lookup(&g.large, &misspelt_en))
    });
    group.finish();
}

fn in_process(c: &mut Criterion) {
    let g = &*GLOSSARIES;
    let mut group = c.benchmark_group("open + lookup (in process)");
    for (name, dir, query) in [
        ("seed glossary", &g.seed, "三股势力"),
        ("100k glossary", &g.large, g.large_zh.as_str()),
    ] {
        let index = GlossaryFolder::new(dir).output(Output::LookupIndex);
        group.bench_function(name, |b| {
            b.iter(|| {
                let idx = Index::open(&index).expect("open");
                idx.lookup(query).expect("lookup")
            })
        });
    }
    group.finish();
}

criterion_group!(benches, cold_lookup, in_process);
criterion_main!(benches);
