//! Aligns every chapter of a gold set (`zh/NNN`, `en/NNN`, `gold/NNN`, one sentence per line)
//! and scores the result with the strict and lax measures of `../shared/align/score.py`
//! (re-implemented here for quick tuning; the reported figures come from score.py itself).
//!
//! ```sh
//! cargo run --release --example evaluate_align -- ../shared/align/data/mac-flat/dev [--out DIR]
//! cargo run --release --example evaluate_align -- DIR --grid      # try parameter variations
//! ```
//!
//! The gold data is read where it lies and never copied into the project.

use std::collections::{BTreeSet, HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::time::Instant;

use glossary::align::input::SideText;
use glossary::align::{Aligner, Lexicon, Mark, Params, parse_bead};
use glossary::segment::Segmenter;

type BeadSet = Vec<(Vec<usize>, Vec<usize>)>;

fn read_lines(path: &Path) -> Vec<String> {
    std::fs::read_to_string(path)
        .unwrap_or_else(|e| panic!("{}: {e}", path.display()))
        .lines()
        .map(str::to_string)
        .collect()
}

/// strict hits, strict misses, lax hits, lax misses of `test` against `gold` (score.py's).
fn counts(gold: &BeadSet, test: &BeadSet) -> [usize; 4] {
    let gold_set: HashSet<&(Vec<usize>, Vec<usize>)> = gold
        .iter()
        .filter(|b| !b.0.is_empty() || !b.1.is_empty())
        .collect();
    let test_set: HashSet<&(Vec<usize>, Vec<usize>)> = test
        .iter()
        .filter(|b| !b.0.is_empty() || !b.1.is_empty())
        .collect();
    let mut links: HashMap<usize, BTreeSet<usize>> = HashMap::new();
    for (s, t) in &gold_set {
        for &x in s {
            links.entry(x).or_default().extend(t.iter().copied());
        }
    }
    let mut c = [0; 4];
    for b in test_set {
        if gold_set.contains(b) {
            c[0] += 1;
            c[2] += 1;
            continue;
        }
        c[1] += 1;
        let linked = b.0.iter().any(|s| {
            links
                .get(s)
                .is_some_and(|t| b.1.iter().any(|x| t.contains(x)))
        });
        if linked {
            c[2] += 1;
        } else {
            c[3] += 1;
        }
    }
    c
}

fn f1(p: f64, r: f64) -> f64 {
    if p + r == 0.0 {
        0.0
    } else {
        2.0 * p * r / (p + r)
    }
}

struct Chapter {
    name: String,
    zh: Vec<String>,
    en: Vec<String>,
    /// Paragraph structure, when the chapter is a document (empty for one-per-line gold sets).
    zh_mark: Vec<Mark>,
    en_mark: Vec<Mark>,
    gold: BeadSet,
}

fn score(chapters: &[Chapter], outputs: &[BeadSet]) -> (f64, f64) {
    let mut prec = [0; 4];
    let mut rec = [0; 4];
    for (ch, out) in chapters.iter().zip(outputs) {
        let p = counts(&ch.gold, out);
        let nonempty = |v: &BeadSet| -> BeadSet {
            v.iter()
                .filter(|b| !b.0.is_empty() && !b.1.is_empty())
                .cloned()
                .collect()
        };
        let r = counts(&nonempty(out), &nonempty(&ch.gold));
        for k in 0..4 {
            prec[k] += p[k];
            rec[k] += r[k];
        }
    }
    let ratio = |h: usize, m: usize| {
        if h + m == 0 {
            0.0
        } else {
            h as f64 / (h + m) as f64
        }
    };
    let strict = f1(ratio(prec[0], prec[1]), ratio(rec[0], rec[1]));
    let lax = f1(ratio(prec[2], prec[3]), ratio(rec[2], rec[3]));
    (strict, lax)
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let dir = PathBuf::from(
        args.first()
            .expect("usage: evaluate_align GOLD_DIR [--out DIR] [--grid]"),
    );
    let out_dir = args
        .iter()
        .position(|a| a == "--out")
        .map(|i| PathBuf::from(&args[i + 1]));
    let grid = args.iter().any(|a| a == "--grid");

    let mut names: Vec<String> = std::fs::read_dir(dir.join("gold"))
        .expect("a gold folder")
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    let chapters: Vec<Chapter> = names
        .iter()
        .map(|name| Chapter {
            name: name.clone(),
            zh: read_lines(&dir.join("zh").join(name)),
            en: read_lines(&dir.join("en").join(name)),
            zh_mark: Vec::new(),
            en_mark: Vec::new(),
            gold: read_lines(&dir.join("gold").join(name))
                .iter()
                .filter(|l| !l.trim().is_empty())
                .map(|l| parse_bead(l).expect("a gold bead"))
                .collect(),
        })
        .collect();

    let start = Instant::now();
    let segmenter = Segmenter::new();
    let lexicon = Lexicon::default();
    let loaded = start.elapsed();

    // Our own in-domain pair: seed 000 (all its articles) with our translation of its first.
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let side = |file: &str| -> SideText {
        let doc = glossary::corpus::read_file(&root.join("seeds").join(file)).expect("a seed");
        SideText::from_document(&doc)
    };
    let (zh_side, en_side) = (
        side("000_2578177fb6339ac5.txt"),
        side("000_2578177fb6339ac5.en.txt"),
    );
    let astana = [Chapter {
        name: "astana".to_string(),
        zh: zh_side.sentences,
        en: en_side.sentences,
        zh_mark: zh_side.marks,
        en_mark: en_side.marks,
        gold: read_lines(&root.join("tests/fixtures/align/astana.gold"))
            .iter()
            .map(|l| parse_bead(l).expect("a gold bead"))
            .collect(),
    }];

    // Strict precision by confidence, to set the low-confidence threshold.
    {
        let aligner = Aligner::new(&segmenter, &lexicon);
        let mut buckets = [(0usize, 0usize); 10];
        let mut dump = String::new();
        for ch in &chapters {
            let zh: Vec<&str> = ch.zh.iter().map(String::as_str).collect();
            let en: Vec<&str> = ch.en.iter().map(String::as_str).collect();
            let gold: HashSet<&(Vec<usize>, Vec<usize>)> = ch.gold.iter().collect();
            for b in aligner
                .align_marked(&zh, &en, &ch.zh_mark, &ch.en_mark)
                .beads
            {
                if b.zh.is_empty() || b.en.is_empty() {
                    continue;
                }
                let k = ((b.confidence * 10.0) as usize).min(9);
                buckets[k].1 += 1;
                let right = gold.contains(&(b.zh.clone(), b.en.clone()));
                if right {
                    buckets[k].0 += 1;
                }
                dump.push_str(&format!(
                    "{}\t{}\t{}\t{}\t{}\n",
                    b.similarity,
                    b.length_misfit.abs(),
                    b.zh.len(),
                    b.en.len(),
                    u8::from(right)
                ));
            }
        }
        if let Some(i) = args.iter().position(|a| a == "--dump") {
            std::fs::write(&args[i + 1], dump).unwrap();
        }
        for (k, (right, all)) in buckets.iter().enumerate() {
            if *all > 0 {
                println!(
                    "confidence {:.1}–{:.1}: {all:>5} beads, strict precision {:.2}",
                    k as f32 / 10.0,
                    (k + 1) as f32 / 10.0,
                    *right as f64 / *all as f64
                );
            }
        }
    }

    let run_on = |chapters: &[Chapter], params: Params| -> (Vec<BeadSet>, f64) {
        let t = Instant::now();
        let aligner = Aligner::new(&segmenter, &lexicon).with_params(params);
        let outputs: Vec<BeadSet> = chapters
            .iter()
            .map(|ch| {
                let zh: Vec<&str> = ch.zh.iter().map(String::as_str).collect();
                let en: Vec<&str> = ch.en.iter().map(String::as_str).collect();
                aligner
                    .align_marked(&zh, &en, &ch.zh_mark, &ch.en_mark)
                    .beads
                    .into_iter()
                    .map(|b| (b.zh, b.en))
                    .collect()
            })
            .collect();
        (outputs, t.elapsed().as_secs_f64())
    };
    let run = |params: Params| run_on(&chapters, params);
    let in_domain = |params: Params| score(&astana, &run_on(&astana, params).0).0;

    let base = Params::default();
    let (outputs, seconds) = run(base);
    let (strict, lax) = score(&chapters, &outputs);
    println!(
        "{} chapters: strict F1 {strict:.3}, lax F1 {lax:.3}; aligned in {seconds:.2} s (+ {:.2} s loading jieba and CC-CEDICT); Astana pair strict F1 {:.3}",
        chapters.len(),
        loaded.as_secs_f64(),
        in_domain(base)
    );
    if let Some(out) = out_dir {
        std::fs::create_dir_all(&out).unwrap();
        for (ch, beads) in chapters.iter().zip(&outputs) {
            let text: String = beads
                .iter()
                .map(|(z, e)| format!("{:?}:{:?}\n", z, e))
                .collect();
            std::fs::write(out.join(&ch.name), text).unwrap();
        }
        println!("wrote {}", out.display());
    }
    if grid {
        // Coordinate descent: scale one weight at a time while strict F1 improves.
        let mut best = base;
        let mut best_score = strict;
        let get = |p: &Params, k: usize| [p.similarity, p.length, p.variance, p.skip, p.merge][k];
        let set = |p: &mut Params, k: usize, v: f32| match k {
            0 => p.similarity = v,
            1 => p.length = v,
            2 => p.variance = v,
            3 => p.skip = v,
            _ => p.merge = v,
        };
        let names = ["similarity", "length", "variance", "skip", "merge"];
        for round in 0..3 {
            for (k, name) in names.iter().enumerate() {
                for factor in [0.5f32, 0.8, 1.25, 2.0] {
                    let mut p = best;
                    set(&mut p, k, get(&best, k) * factor);
                    let (outputs, _) = run(p);
                    let (strict, lax) = score(&chapters, &outputs);
                    let astana = in_domain(p);
                    println!(
                        "  {name} × {factor}: strict {strict:.3} lax {lax:.3} astana {astana:.3}"
                    );
                    if strict > best_score + 1e-4 && astana >= 0.95 {
                        best = p;
                        best_score = strict;
                        println!(
                            "round {round}: {name} × {factor} → strict {strict:.3} lax {lax:.3}  {best:?}"
                        );
                    }
                }
            }
        }
        println!("best: strict {best_score:.3} {best:?}");
    }
}
