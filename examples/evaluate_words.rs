//! Word-alignment quality on a tokenised gold set (`../shared/align/data/xinhua-words` by
//! default): precision, recall and AER for the default settings and a small grid around them.
//! The set has no dev/test split: the grid shows how sensitive the figures are, it does not
//! choose the defaults on the test pairs.
//!
//! `cargo run --release --example evaluate_words [DIR]`

use std::collections::BTreeSet;
use std::path::PathBuf;

use glossary::align::Lexicon;
use glossary::align::words::{TokenPair, WordAlignOptions, align_words};

/// Sure and possible links of one sentence pair (possible includes sure).
type Gold = (BTreeSet<(usize, usize)>, BTreeSet<(usize, usize)>);

fn main() {
    let dir = std::env::args()
        .nth(1)
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from("../shared/align/data/xinhua-words"));
    let read = |name: &str| std::fs::read_to_string(dir.join(name)).expect("the gold set");
    let (zh, en, gold) = (read("test.zh"), read("test.en"), read("test.gold"));
    let pairs: Vec<TokenPair> = zh
        .lines()
        .zip(en.lines())
        .map(|(z, e)| TokenPair {
            zh: z.split_whitespace().map(str::to_string).collect(),
            en: e.split_whitespace().map(str::to_string).collect(),
        })
        .collect();
    let gold: Vec<Gold> = gold
        .lines()
        .map(|line| {
            let (mut sure, mut possible) = (BTreeSet::new(), BTreeSet::new());
            for link in line.split_whitespace() {
                let parts: Vec<&str> = link.split('-').collect();
                let pair = (parts[0].parse().unwrap(), parts[1].parse().unwrap());
                possible.insert(pair);
                if parts.len() == 2 {
                    sure.insert(pair);
                }
            }
            (sure, possible)
        })
        .collect();
    let lexicon = Lexicon::new(Vec::new());
    let score = |options: &WordAlignOptions| {
        let links = align_words(&pairs, &lexicon, options);
        let (mut a, mut s, mut a_s, mut a_p) = (0, 0, 0, 0);
        for (guess, (sure, possible)) in links.iter().zip(&gold) {
            let guess: BTreeSet<(usize, usize)> = guess.iter().copied().collect();
            a += guess.len();
            s += sure.len();
            a_s += guess.intersection(sure).count();
            a_p += guess.intersection(possible).count();
        }
        let p = a_p as f64 / a as f64;
        let r = a_s as f64 / s as f64;
        let aer = 1.0 - (a_s + a_p) as f64 / (a + s) as f64;
        (p, r, aer)
    };
    let default = WordAlignOptions::default();
    let (p, r, aer) = score(&default);
    println!("default {default:?}: P {p:.3} R {r:.3} AER {aer:.3}");
    for iterations in [5] {
        for diagonal in [1.0, 2.0, 4.0] {
            for null in [0.08, 0.15, 0.25] {
                for dictionary_prior in [0.5, 1.0, 4.0] {
                    let options = WordAlignOptions {
                        iterations,
                        diagonal,
                        null,
                        dictionary_prior,
                    };
                    let (p, r, aer) = score(&options);
                    println!(
                        "{iterations}\t{diagonal}\t{null}\t{dictionary_prior}\tP {p:.3}\tR {r:.3}\tAER {aer:.3}"
                    );
                }
            }
        }
    }
}
