//! jieba-rs segmentation alone over a corpus folder: the ceiling `glossary build` is measured
//! against in `benches/scale.sh`.
//!
//! ```sh
//! cargo run --release --example segment_only -- DIR
//! ```
//!
//! Reads and decodes every `.txt` file first (not timed), then cuts every line with jieba-rs
//! (`Jieba::cut` with HMM, the call `glossary` makes) on all cores, and prints the bytes of
//! text, the seconds the cutting took and the throughput.

use std::path::{Path, PathBuf};
use std::time::Instant;

use jieba_rs::Jieba;
use rayon::prelude::*;

fn text_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            text_files(&path, out);
        } else if path.extension().is_some_and(|x| x == "txt") {
            out.push(path);
        }
    }
}

fn main() {
    let dir = PathBuf::from(std::env::args().nth(1).expect("give a corpus folder"));
    let mut files = Vec::new();
    text_files(&dir, &mut files);
    let texts: Vec<String> = files
        .par_iter()
        .filter_map(|f| std::fs::read(f).ok())
        .filter_map(|bytes| glossary::corpus::decode::decode(&bytes).ok())
        .map(|d| d.text)
        .collect();
    let bytes: usize = texts.iter().map(String::len).sum();
    let jieba = Jieba::new();
    let start = Instant::now();
    let words: usize = texts
        .par_iter()
        .map(|t| t.lines().map(|l| jieba.cut(l, true).len()).sum::<usize>())
        .sum();
    let seconds = start.elapsed().as_secs_f64();
    println!(
        "segment_only: {} files, {:.1} MB, {words} words, {seconds:.3} s, {:.1} MB/s on {} threads",
        texts.len(),
        bytes as f64 / 1e6,
        bytes as f64 / 1e6 / seconds,
        rayon::current_num_threads()
    );
}
