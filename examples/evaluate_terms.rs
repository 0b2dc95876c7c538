//! Measures term extraction on the seed corpus against the hand-made lists in
//! `tests/fixtures/terms/`, and does the same for jieba's own keyword extraction (TF-IDF and
//! TextRank) on the same text.
//!
//! ```sh
//! cargo run --release --example evaluate_terms [-- CORPUS_DIR]
//! ```
//!
//! Figures: recall of `gold.txt` among all candidates of frequency ≥ 2 and among the top 200;
//! precision of the top 100, counting as right a term of `gold.txt` or one judged `good` in
//! `judged.tsv`; strings of `never.txt` found at any rank. A candidate in none of the lists is
//! shown as unjudged: read it and judge it before trusting the precision.

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};

use glossary::corpus::{Corpus, CorpusOptions, Document};
use glossary::extract::{ExtractOptions, extract};
use glossary::segment::Segmenter;
use jieba_rs::{Jieba, KeywordExtract, TextRank, TfIdf};

struct Lists {
    gold: Vec<String>,
    never: HashSet<String>,
    judged: HashMap<String, bool>,
}

fn read_list(path: &Path) -> Vec<String> {
    std::fs::read_to_string(path)
        .unwrap_or_else(|e| panic!("reading {}: {e}", path.display()))
        .lines()
        .map(|l| l.split('#').next().unwrap_or("").trim().to_string())
        .filter(|l| !l.is_empty())
        .collect()
}

fn lists(dir: &Path) -> Lists {
    let judged = std::fs::read_to_string(dir.join("judged.tsv"))
        .expect("reading judged.tsv")
        .lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .filter_map(|l| {
            let mut cols = l.split('\t');
            Some((cols.next()?.to_string(), cols.next()? == "good"))
        })
        .collect();
    Lists {
        gold: read_list(&dir.join("gold.txt")),
        never: read_list(&dir.join("never.txt")).into_iter().collect(),
        judged,
    }
}

/// Prints the figures for one ranked list.
fn report(name: &str, ranked: &[String], lists: &Lists) {
    let all: HashSet<&str> = ranked.iter().map(String::as_str).collect();
    let top200: HashSet<&str> = ranked.iter().take(200).map(String::as_str).collect();
    let recall = |set: &HashSet<&str>| {
        lists
            .gold
            .iter()
            .filter(|g| set.contains(g.as_str()))
            .count() as f64
            / lists.gold.len() as f64
    };
    let top100 = &ranked[..ranked.len().min(100)];
    let right = top100
        .iter()
        .filter(|t| lists.gold.contains(t) || lists.judged.get(*t) == Some(&true))
        .count();
    let unjudged: Vec<&String> = top100
        .iter()
        .filter(|t| !lists.gold.contains(t) && !lists.judged.contains_key(*t))
        .collect();
    let never: Vec<&String> = ranked.iter().filter(|t| lists.never.contains(*t)).collect();
    println!(
        "{name:<28} {:>6}  {:>10.3}  {:>12.3}  {:>6}/{:<3}  {:>5}  {:>9}",
        ranked.len(),
        recall(&all),
        recall(&top200),
        right,
        top100.len(),
        never.len(),
        unjudged.len()
    );
    if !unjudged.is_empty() {
        let shown: Vec<&str> = unjudged.iter().map(|s| s.as_str()).collect();
        println!("    unjudged in the top 100: {}", shown.join(" "));
    }
    if !never.is_empty() {
        let shown: Vec<&str> = never.iter().take(20).map(|s| s.as_str()).collect();
        println!("    never-list hits: {}", shown.join(" "));
    }
}

fn main() {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let corpus_dir = std::env::args()
        .nth(1)
        .map(PathBuf::from)
        .unwrap_or_else(|| root.join("seeds"));
    let lists = lists(&root.join("tests/fixtures/terms"));
    let corpus = Corpus::read(&corpus_dir, &CorpusOptions::default()).expect("reading the corpus");
    let docs: Vec<&Document> = corpus.documents.iter().collect();

    println!(
        "gold terms: {}, never-list strings: {}, judged candidates: {}\n",
        lists.gold.len(),
        lists.never.len(),
        lists.judged.len()
    );
    println!(
        "{:<28} {:>6}  {:>10}  {:>12}  {:>10}  {:>5}  {:>9}",
        "method", "terms", "recall@all", "recall@200", "prec@100", "never", "unjudged"
    );

    // As `glossary extract` and `build` segment by default: the curated terms kept whole.
    let curated = root.join("glossary/curated.csv");
    let segmenter = match glossary::glossary::curated::Curated::read(&curated) {
        Ok(c) => Segmenter::with_terms(c.protected_terms().iter().map(String::as_str)),
        Err(_) => Segmenter::new(),
    };
    let ours: Vec<String> = extract(&docs, &segmenter, &ExtractOptions::default())
        .terms
        .into_iter()
        .map(|t| t.term)
        .collect();
    report("glossary extract", &ours, &lists);

    // jieba's keyword extraction scores one text against its general IDF table: give it the
    // whole normalised corpus, as a user of jieba would.
    let text: String = docs
        .iter()
        .flat_map(|d| d.sentences().map(|s| format!("{}\n", s.text)))
        .collect();
    let jieba = Jieba::new();
    let top_k = ours.len().max(1000);
    let tfidf: Vec<String> = TfIdf::default()
        .extract_keywords(&jieba, &text, top_k, vec![])
        .into_iter()
        .map(|k| k.keyword)
        .collect();
    report("jieba TF-IDF", &tfidf, &lists);
    // TextRank with the part-of-speech filter Python jieba uses by default.
    let pos = ["ns", "n", "vn", "v"].map(String::from).to_vec();
    let textrank: Vec<String> = TextRank::default()
        .extract_keywords(&jieba, &text, top_k, pos)
        .into_iter()
        .map(|k| k.keyword)
        .collect();
    report("jieba TextRank", &textrank, &lists);
}
