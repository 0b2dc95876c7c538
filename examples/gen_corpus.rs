//! Writes a large synthetic corpus built from the seed documents, for scale runs.
//!
//! ```sh
//! cargo run --release --example gen_corpus -- --mb 100 --out /tmp/corpus-100mb [--seed 1]
//! ```
//!
//! Documents of seed-like length recombine the seeds' paragraphs with light variation
//! (see `benches/common/synth.rs`), spread over the years 2001–2026 in one folder per year,
//! with a `manifest.csv` (file, year, title); one document in ten is written as GBK. One in
//! fifty is a bilingual pair (`pair_N.txt` and `pair_N.en.txt`): sentence pairs of the bundled
//! translation (seed 000 and its `.en.txt`, aligned by the library) drawn in a new order and
//! grouped into paragraphs, so both sides are a true translation of each other. With
//! `--long-tail`, invented names seen a few times each open sentences: the rare n-grams of a
//! real archive, which recombined paragraphs alone do not have. The same seed gives
//! byte-identical output. Never commit the generated data.

#[path = "../benches/common/synth.rs"]
mod synth;

use std::io::Write;
use std::path::PathBuf;

use clap::Parser;
use glossary::align::{Aligner, Lexicon, input::SideText};
use glossary::segment::Segmenter;
use rand::seq::IndexedRandom;
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;

/// One document in this many is a bilingual pair.
const PAIR_EVERY: usize = 50;

/// The bundled bilingual pair the generated pairs are drawn from.
const PAIR_SOURCE: &str = "000_2578177fb6339ac5";

/// Sentence pairs `(Chinese, English)` of the bundled translation, from its 1-1 … n-m beads.
fn sentence_pairs(seeds: &std::path::Path) -> anyhow::Result<Vec<(String, String)>> {
    let read = |name: String| -> anyhow::Result<SideText> {
        let doc = glossary::corpus::read_file(&seeds.join(name))?;
        Ok(SideText::from_document(&doc))
    };
    let zh = read(format!("{PAIR_SOURCE}.txt"))?;
    let en = read(format!("{PAIR_SOURCE}.en.txt"))?;
    let (segmenter, lexicon) = (Segmenter::new(), Lexicon::default());
    let alignment = Aligner::new(&segmenter, &lexicon).align_sides(&zh, &en);
    let (zh_refs, en_refs) = (zh.sentence_refs(), en.sentence_refs());
    Ok(alignment
        .beads
        .iter()
        .filter(|b| !b.zh.is_empty() && !b.en.is_empty() && b.confidence >= 0.5)
        .filter(|b| {
            !b.zh
                .iter()
                .any(|&i| zh.marks[i] == glossary::align::Mark::Heading)
        })
        .map(|b| {
            let zh: String = b.zh.iter().map(|&i| zh_refs[i]).collect();
            let en: Vec<&str> = b.en.iter().map(|&j| en_refs[j]).collect();
            (zh, en.join(" "))
        })
        .collect())
}

/// A bilingual pair: `(Chinese text, English text)` of 8–30 sentence pairs in paragraphs.
fn pair_texts(pairs: &[(String, String)], year: i32, rng: &mut ChaCha8Rng) -> (String, String) {
    let mut zh = format!("# 在上海合作组织会议上的讲话\n\n（{year}年7月4日，阿斯塔纳）\n\n");
    let mut en = format!(
        "# Speech at the Meeting of the Shanghai Cooperation Organization\n\n(Astana, 4 July {year})\n\n"
    );
    let n = rng.random_range(8..=30);
    for k in 0..n {
        let (z, e) = pairs.choose(rng).expect("sentence pairs");
        zh.push_str(z);
        en.push_str(e);
        let end = if k + 1 == n || rng.random_bool(0.3) {
            "\n\n"
        } else {
            " "
        };
        zh.push_str(end.trim_matches(' '));
        en.push_str(end);
    }
    (zh, en)
}

/// Options of the generator.
#[derive(Parser)]
struct Args {
    /// Size of the corpus, in megabytes of UTF-8 text.
    #[arg(long, default_value_t = 10.0)]
    mb: f64,
    /// Folder to write (created; must be empty or absent).
    #[arg(long)]
    out: PathBuf,
    /// Random seed.
    #[arg(long, default_value_t = 1)]
    seed: u64,
    /// Add a long tail of rare n-grams: invented names (2–4 characters and a head such as
    /// 论坛 or 走廊), each seen a few times, opening nine paragraphs in ten.
    #[arg(long)]
    long_tail: bool,
    /// Folder of the seed documents.
    #[arg(long, default_value = concat!(env!("CARGO_MANIFEST_DIR"), "/seeds"))]
    seeds: PathBuf,
}

fn main() -> anyhow::Result<()> {
    let args = Args::parse();
    if args.out.exists() && std::fs::read_dir(&args.out)?.next().is_some() {
        anyhow::bail!("{} is not empty: give a new folder", args.out.display());
    }
    std::fs::create_dir_all(&args.out)?;
    let pool = synth::Pool::from_dir(&args.seeds);
    let bytes = (args.mb * 1024.0 * 1024.0) as usize;
    let mut manifest = csv::Writer::from_path(args.out.join("manifest.csv"))?;
    manifest.write_record(["file", "year", "title"])?;
    let pairs = sentence_pairs(&args.seeds)?;
    let mut rng = ChaCha8Rng::seed_from_u64(args.seed ^ 0x5eed);
    let (mut docs, mut written) = (0usize, 0usize);
    let long_tail = args
        .long_tail
        .then(|| synth::LongTail::new(&pool, bytes, args.seed));
    for doc in synth::generate_with(&pool, bytes, args.seed, long_tail.as_ref()) {
        if docs % PAIR_EVERY == PAIR_EVERY - 1 {
            let (zh, en) = pair_texts(&pairs, doc.year, &mut rng);
            let stem = format!("{}/pair_{docs:06}", doc.year);
            std::fs::create_dir_all(args.out.join(doc.year.to_string()))?;
            std::fs::write(args.out.join(format!("{stem}.txt")), &zh)?;
            std::fs::write(args.out.join(format!("{stem}.en.txt")), &en)?;
            docs += 1;
            written += zh.len() + en.len();
            continue;
        }
        let path = args.out.join(&doc.name);
        std::fs::create_dir_all(path.parent().expect("a year folder"))?;
        let mut file = std::io::BufWriter::new(std::fs::File::create(&path)?);
        if doc.gbk {
            let (encoded, _, _) = encoding_rs::GBK.encode(&doc.text);
            file.write_all(&encoded)?;
        } else {
            file.write_all(doc.text.as_bytes())?;
        }
        file.flush()?;
        manifest.write_record([doc.name.as_str(), &doc.year.to_string(), &doc.title])?;
        docs += 1;
        written += doc.text.len();
    }
    manifest.flush()?;
    eprintln!(
        "gen_corpus: {docs} documents, {:.1} MB of text, in {}",
        written as f64 / 1048576.0,
        args.out.display()
    );
    Ok(())
}
