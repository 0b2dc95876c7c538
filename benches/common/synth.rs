//! Synthetic corpora built from the seed documents, for benchmarks and scale runs.
//!
//! Shared by `benches/*.rs` and `examples/gen_corpus.rs` (a `#[path]` module): not part of the
//! library. Documents are seed-like in length and layout (a title, a header date, paragraphs, a
//! closing dateline) and recombine the seeds' paragraphs with light variation, so that n-gram
//! statistics are not those of one text repeated: paragraphs from different seeds side by side,
//! years and numbers changed, place names swapped, sentences reordered or dropped, and now and
//! then a paragraph cut by a page break. The same seed number gives the same corpus.

#![allow(dead_code)]

use rand::seq::{IndexedRandom, SliceRandom};
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;

/// Places swapped into generated text.
const PLACES: &[&str] = &[
    "杜尚别",
    "阿斯塔纳",
    "塔什干",
    "比什凯克",
    "北京",
    "青岛",
    "莫斯科",
    "撒马尔罕",
    "西安",
    "明斯克",
];

/// A generated document.
pub struct SynthDoc {
    /// File name relative to the corpus folder (`2014/doc_000123.txt`).
    pub name: String,
    /// Its year (also in its header date).
    pub year: i32,
    /// Its title.
    pub title: String,
    /// Its text.
    pub text: String,
    /// Whether to write it as GBK.
    pub gbk: bool,
}

/// The building blocks taken from the seeds.
pub struct Pool {
    paragraphs: Vec<String>,
    titles: Vec<String>,
}

impl Pool {
    /// Reads the seed documents (`*.txt` in `dir`).
    pub fn from_dir(dir: &std::path::Path) -> Pool {
        let mut texts: Vec<String> = std::fs::read_dir(dir)
            .expect("read the seeds folder")
            .filter_map(Result::ok)
            .filter(|e| e.path().extension().is_some_and(|x| x == "txt"))
            // Chinese documents only: translations are not building blocks of Chinese text.
            .filter(|e| !e.file_name().to_string_lossy().ends_with(".en.txt"))
            .map(|e| std::fs::read_to_string(e.path()).expect("read a seed"))
            .collect();
        texts.sort();
        Pool::from_texts(&texts)
    }

    /// Splits seed texts into body paragraphs and titles.
    pub fn from_texts(texts: &[String]) -> Pool {
        let mut paragraphs = Vec::new();
        let mut titles = Vec::new();
        for text in texts {
            for line in text.lines().map(str::trim) {
                let chars = line.chars().count();
                if let Some(title) = line.strip_prefix("# ") {
                    titles.push(title.to_string());
                } else if chars >= 30 && line.contains('。') && !line.starts_with('#') {
                    paragraphs.push(line.to_string());
                } else if (8..=30).contains(&chars) && !line.contains(['。', '（', '(']) {
                    titles.push(line.trim_start_matches('#').trim().to_string());
                }
            }
        }
        Pool { paragraphs, titles }
    }
}

/// Heads that the invented names of a long-tail corpus end with: jieba knows them, not the
/// names.
const NAME_HEADS: &[&str] = &[
    "合作中心",
    "论坛",
    "倡议",
    "走廊",
    "机制",
    "示范区",
    "宣言",
    "工业园",
    "联合实验室",
    "伙伴关系",
];

/// What follows an invented name in a sentence.
const NAME_PREDICATES: &[&str] = &[
    "建设取得进展，",
    "合作不断深化，",
    "成果丰硕，",
    "稳步推进，",
];

/// Names invented for a long-tail corpus: an archive's vocabulary grows with its size, and
/// most of it is rare (names of projects, bodies and events seen a few times).
pub struct LongTail {
    names: Vec<String>,
}

impl LongTail {
    /// About 70,000 names for 20 MB, growing as the 0.6th power of the size (Heaps' law), made
    /// of 2–4 characters of the seeds and a head.
    pub fn new(pool: &Pool, bytes: usize, seed: u64) -> LongTail {
        let mut rng = ChaCha8Rng::seed_from_u64(seed ^ 0x7a11);
        let chars: Vec<char> = {
            let mut set: Vec<char> = pool
                .paragraphs
                .iter()
                .flat_map(|p| p.chars())
                .filter(|c| ('\u{4e00}'..='\u{9fff}').contains(c))
                .collect();
            set.sort_unstable();
            set.dedup();
            set
        };
        let size = 70_000.0 * (bytes as f64 / (20 << 20) as f64).powf(0.6);
        let names = (0..size.max(100.0) as usize)
            .map(|_| {
                let stem: String = (0..rng.random_range(2..=4))
                    .map(|_| *chars.choose(&mut rng).expect("seed characters"))
                    .collect();
                format!("{stem}{}", NAME_HEADS.choose(&mut rng).expect("heads"))
            })
            .collect();
        LongTail { names }
    }

    /// Opens one sentence of `paragraph` with a name and its predicate.
    fn insert(&self, paragraph: String, rng: &mut ChaCha8Rng) -> String {
        let mut sentences: Vec<&str> = paragraph.split_inclusive('。').collect();
        let at = rng.random_range(0..sentences.len());
        let name = self.names.choose(rng).expect("names");
        let predicate = NAME_PREDICATES.choose(rng).expect("predicates");
        let opening = format!("{name}{predicate}");
        let mut out = String::with_capacity(paragraph.len() + opening.len());
        for (i, sentence) in sentences.drain(..).enumerate() {
            if i == at {
                out.push_str(&opening);
            }
            out.push_str(sentence);
        }
        out
    }
}

/// Generates documents until `bytes` of text (UTF-8) have been produced.
pub fn generate(pool: &Pool, bytes: usize, seed: u64) -> impl Iterator<Item = SynthDoc> + '_ {
    generate_with(pool, bytes, seed, None)
}

/// As [`generate`], with invented names opening sentences when `long_tail` is given (nine
/// paragraphs in ten).
pub fn generate_with<'a>(
    pool: &'a Pool,
    bytes: usize,
    seed: u64,
    long_tail: Option<&'a LongTail>,
) -> impl Iterator<Item = SynthDoc> + 'a {
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    let mut produced = 0usize;
    let mut index = 0usize;
    std::iter::from_fn(move || {
        if produced >= bytes {
            return None;
        }
        let doc = document(pool, &mut rng, index, long_tail);
        produced += doc.text.len();
        index += 1;
        Some(doc)
    })
}

fn document(
    pool: &Pool,
    rng: &mut ChaCha8Rng,
    index: usize,
    long_tail: Option<&LongTail>,
) -> SynthDoc {
    let year = rng.random_range(2001..=2026);
    let (month, day) = (rng.random_range(1..=12), rng.random_range(1..=28));
    let place = *PLACES.choose(rng).expect("places");
    let title = pool.titles.choose(rng).cloned().unwrap_or_default();
    let mut text = format!("# {title}\n\n（{year}年{month}月{day}日，{place}）\n\n");
    // Seed-like length: 15–40 paragraphs (the seeds hold about 20–25 KB each).
    let paragraphs = rng.random_range(15..=40);
    for _ in 0..paragraphs {
        let paragraph = pool.paragraphs.choose(rng).expect("paragraphs");
        let mut varied = vary(paragraph, year, rng);
        if let Some(tail) = long_tail
            && rng.random_bool(0.9)
        {
            varied = tail.insert(varied, rng);
        }
        if rng.random_bool(0.05) {
            // A page break: the paragraph continues after a blank line.
            let chars: Vec<char> = varied.chars().collect();
            let cut = rng.random_range(chars.len() / 3..chars.len() * 2 / 3);
            let (a, b): (String, String) =
                (chars[..cut].iter().collect(), chars[cut..].iter().collect());
            text.push_str(&format!("{a}\n\n{b}\n\n"));
        } else {
            text.push_str(&varied);
            text.push_str("\n\n");
        }
    }
    text.push_str(&format!("（新华社{place}{month}月{day}日电）\n"));
    SynthDoc {
        name: format!("{year}/doc_{index:06}.txt"),
        year,
        title,
        text,
        gbk: index % 10 == 7,
    }
}

/// Light variation: years and numbers changed, places swapped, sentences reordered or dropped.
fn vary(paragraph: &str, year: i32, rng: &mut ChaCha8Rng) -> String {
    let mut sentences: Vec<String> = paragraph
        .split_inclusive('。')
        .map(str::to_string)
        .collect();
    if sentences.len() > 2 && rng.random_bool(0.3) {
        sentences.shuffle(rng);
    }
    if sentences.len() > 2 && rng.random_bool(0.2) {
        let drop = rng.random_range(0..sentences.len());
        sentences.remove(drop);
    }
    let mut out = sentences.concat();
    for place in PLACES {
        if out.contains(place) && rng.random_bool(0.5) {
            out = out.replace(place, PLACES.choose(rng).expect("places"));
        }
    }
    replace_numbers(&out, year, rng)
}

/// Years become years near the document's, other numbers change a little.
fn replace_numbers(text: &str, year: i32, rng: &mut ChaCha8Rng) -> String {
    let mut out = String::with_capacity(text.len());
    let mut digits = String::new();
    let flush =
        |digits: &mut String, out: &mut String, next: Option<char>, rng: &mut ChaCha8Rng| {
            if digits.is_empty() {
                return;
            }
            if digits.len() == 4 && next == Some('年') {
                out.push_str(&(year + rng.random_range(-3..=1)).to_string());
            } else if let Ok(n) = digits.parse::<u64>() {
                out.push_str(&(n + rng.random_range(0..=n / 4 + 1)).to_string());
            } else {
                out.push_str(digits);
            }
            digits.clear();
        };
    for c in text.chars() {
        if c.is_ascii_digit() {
            digits.push(c);
        } else {
            flush(&mut digits, &mut out, Some(c), rng);
            out.push(c);
        }
    }
    flush(&mut digits, &mut out, None, rng);
    out
}
