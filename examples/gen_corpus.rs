//! Writes a large synthetic corpus built from the seed documents, for scale runs.
//!
//! ```sh
//! cargo run --release --example gen_corpus -- --mb 100 --out /tmp/corpus-100mb [--seed 1]
//! ```
//!
//! Documents of seed-like length recombine the seeds' paragraphs with light variation
//! (see `benches/common/synth.rs`), spread over the years 2001–2026 in one folder per year,
//! with a `manifest.csv` (file, year, title); one document in ten is written as GBK. The same
//! seed gives byte-identical output. Never commit the generated data.

#[path = "../benches/common/synth.rs"]
mod synth;

use std::io::Write;
use std::path::PathBuf;

use clap::Parser;

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
    let (mut docs, mut written) = (0usize, 0usize);
    for doc in synth::generate(&pool, bytes, args.seed) {
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
