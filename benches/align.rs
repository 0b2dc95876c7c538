//! Alignment speed and memory on the public MAC gold set, read where it lies
//! (`../shared/align/data/mac-flat`; nothing is copied into the project).
//!
//! ```sh
//! cargo bench --bench align
//! ```
//!
//! - `mac-test/cli, …`: the command a user runs on all 24 MAC-Test chapters, dictionary
//!   loading included, on one thread (`RAYON_NUM_THREADS=1`, pinned to one core with `taskset`
//!   where it exists): once over the two folders (`glossary align --presplit --format beads
//!   ZH_DIR EN_DIR --out DIR`), and as one process per chapter. Target: under 10 s.
//! - `mac-test/in process`: the same 24 alignments with the dictionaries already loaded.
//! - `long pair`: MAC chapters concatenated into one pair of at least 10,000 × 13,000
//!   sentences. Before timing it, one run reports the peak heap the alignment itself allocates
//!   (a counting global allocator), the process's peak resident memory, and its strict/lax F1
//!   against the concatenated gold (scored by `score.py`). Target: under 500 MB.

use std::alloc::{GlobalAlloc, Layout, System};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use glossary::align::{Aligner, Lexicon};
use glossary::segment::Segmenter;

/// Counts live heap bytes and their peak, so the bench can say what one alignment allocates.
struct CountingAlloc;

static LIVE: AtomicUsize = AtomicUsize::new(0);
static PEAK: AtomicUsize = AtomicUsize::new(0);

fn grew(by: usize) {
    let now = LIVE.fetch_add(by, Ordering::Relaxed) + by;
    PEAK.fetch_max(now, Ordering::Relaxed);
}

// SAFETY: every call is forwarded to the system allocator unchanged; only counters are added.
unsafe impl GlobalAlloc for CountingAlloc {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        let p = unsafe { System.alloc(layout) };
        if !p.is_null() {
            grew(layout.size());
        }
        p
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        unsafe { System.dealloc(ptr, layout) };
        LIVE.fetch_sub(layout.size(), Ordering::Relaxed);
    }
    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        let p = unsafe { System.realloc(ptr, layout, new_size) };
        if !p.is_null() {
            LIVE.fetch_sub(layout.size(), Ordering::Relaxed);
            grew(new_size);
        }
        p
    }
}

#[global_allocator]
static ALLOCATOR: CountingAlloc = CountingAlloc;

/// The shared MAC data, if this checkout sits beside it.
fn mac() -> Option<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/align/data/mac-flat");
    dir.join("test/zh").is_dir().then_some(dir)
}

/// One gold chapter: Chinese lines, English lines, gold beads.
struct Chapter {
    zh: Vec<String>,
    en: Vec<String>,
    gold: Vec<(Vec<usize>, Vec<usize>)>,
}

fn lines(path: &Path) -> Vec<String> {
    std::fs::read_to_string(path)
        .unwrap_or_else(|e| panic!("{}: {e}", path.display()))
        .lines()
        .map(str::to_string)
        .collect()
}

fn chapters(set: &Path) -> Vec<Chapter> {
    let mut names: Vec<_> = std::fs::read_dir(set.join("zh"))
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    names.sort();
    names
        .iter()
        .map(|name| Chapter {
            zh: lines(&set.join("zh").join(name)),
            en: lines(&set.join("en").join(name)),
            gold: lines(&set.join("gold").join(name))
                .iter()
                .filter_map(|l| glossary::align::parse_bead(l))
                .collect(),
        })
        .collect()
}

/// Chapters of `sets` in turn, concatenated (gold shifted) until both sides reach the sizes.
fn long_pair(sets: &[Vec<Chapter>], zh_min: usize, en_min: usize) -> Chapter {
    let mut pair = Chapter {
        zh: Vec::new(),
        en: Vec::new(),
        gold: Vec::new(),
    };
    for chapter in sets.iter().cycle().flatten() {
        if pair.zh.len() >= zh_min && pair.en.len() >= en_min {
            break;
        }
        let (di, dj) = (pair.zh.len(), pair.en.len());
        pair.gold.extend(chapter.gold.iter().map(|(a, b)| {
            (
                a.iter().map(|i| i + di).collect(),
                b.iter().map(|j| j + dj).collect(),
            )
        }));
        pair.zh.extend(chapter.zh.iter().cloned());
        pair.en.extend(chapter.en.iter().cloned());
    }
    pair
}

fn refs(v: &[String]) -> Vec<&str> {
    v.iter().map(String::as_str).collect()
}

fn bead_line(zh: &[usize], en: &[usize]) -> String {
    format!("{zh:?}:{en:?}")
}

/// The process's peak resident memory (`VmHWM`), in MB, where /proc tells it.
fn peak_rss_mb() -> Option<f64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kb: f64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kb / 1024.0)
}

/// One measured alignment of the long pair: memory, and F1 by `score.py` when it is there.
fn report_long_pair(aligner: &Aligner, pair: &Chapter) {
    let (zh, en) = (refs(&pair.zh), refs(&pair.en));
    let before = LIVE.load(Ordering::Relaxed);
    PEAK.store(before, Ordering::Relaxed);
    let start = std::time::Instant::now();
    let alignment = aligner.align(&zh, &en);
    let seconds = start.elapsed().as_secs_f64();
    let peak = PEAK.load(Ordering::Relaxed) - before;
    println!(
        "long pair {} × {} sentences: {:.2} s, {} beads; alignment heap peak {:.0} MB; process peak RSS {}",
        zh.len(),
        en.len(),
        seconds,
        alignment.beads.len(),
        peak as f64 / 1e6,
        peak_rss_mb().map_or("unknown".to_string(), |mb| format!("{mb:.0} MB")),
    );
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("align-bench");
    let _ = std::fs::remove_dir_all(&dir);
    for sub in ["gold", "test"] {
        std::fs::create_dir_all(dir.join(sub)).unwrap();
    }
    let gold: String = pair
        .gold
        .iter()
        .map(|(a, b)| bead_line(a, b) + "\n")
        .collect();
    let test: String = alignment
        .beads
        .iter()
        .map(|b| bead_line(&b.zh, &b.en) + "\n")
        .collect();
    std::fs::write(dir.join("gold/long"), gold).unwrap();
    std::fs::write(dir.join("test/long"), test).unwrap();
    report_cli_memory(&dir, pair);
    let scorer = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/align/score.py");
    match Command::new("python3")
        .arg(&scorer)
        .arg("-g")
        .arg(dir.join("gold"))
        .arg("-t")
        .arg(dir.join("test"))
        .output()
    {
        Ok(out) if out.status.success() => {
            print!(
                "long pair, score.py: {}",
                String::from_utf8_lossy(&out.stdout)
            )
        }
        _ => println!("long pair: score.py did not run; no F1 reported"),
    }
}

/// The whole command on the long pair, as a user runs it, under `/usr/bin/time` (where it
/// exists) for its peak resident memory: dictionaries, both texts and the alignment.
fn report_cli_memory(dir: &Path, pair: &Chapter) {
    if !Path::new("/usr/bin/time").exists() {
        println!("long pair, CLI: /usr/bin/time is missing; no peak memory reported");
        return;
    }
    let (zh, en) = (dir.join("long.zh"), dir.join("long.en"));
    std::fs::write(&zh, pair.zh.join("\n") + "\n").unwrap();
    std::fs::write(&en, pair.en.join("\n") + "\n").unwrap();
    let out = Command::new("/usr/bin/time")
        .args(["-f", "%e s wall, %M KB peak RSS"])
        .arg(env!("CARGO_BIN_EXE_glossary"))
        .args(["align", "--presplit", "--format", "beads"])
        .arg(&zh)
        .arg(&en)
        .stdout(Stdio::null())
        .output()
        .expect("run glossary align");
    let stderr = String::from_utf8_lossy(&out.stderr);
    println!(
        "long pair, `glossary align --presplit` (all threads): {}",
        stderr.lines().last().unwrap_or("no report")
    );
}

/// `glossary align --presplit --format beads ARGS…` on one thread, pinned to core 0 where
/// `taskset` exists; its output is thrown away.
fn align_on_one_core(args: &[std::ffi::OsString]) {
    let bin = env!("CARGO_BIN_EXE_glossary");
    let mut command = if Path::new("/usr/bin/taskset").exists() {
        let mut c = Command::new("/usr/bin/taskset");
        c.args(["-c", "0", bin]);
        c
    } else {
        Command::new(bin)
    };
    let status = command
        .env("RAYON_NUM_THREADS", "1")
        .args(["align", "--presplit", "--format", "beads"])
        .args(args)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .expect("run glossary align");
    assert!(status.success());
}

fn bench_align(c: &mut Criterion) {
    let Some(mac) = mac() else {
        eprintln!("align bench skipped: the MAC gold set is not at ../shared/align/data/mac-flat");
        return;
    };
    let test = chapters(&mac.join("test"));
    let dev = chapters(&mac.join("dev"));
    let segmenter = Segmenter::new();
    let lexicon = Lexicon::default();
    let aligner = Aligner::new(&segmenter, &lexicon);

    let sentences: usize = test.iter().map(|ch| ch.zh.len() + ch.en.len()).sum();
    let mut group = c.benchmark_group("mac-test");
    group.sample_size(10);
    group.measurement_time(Duration::from_secs(20));
    group.throughput(Throughput::Elements(sentences as u64));
    group.bench_function("in process", |b| {
        b.iter(|| {
            test.iter()
                .map(|ch| aligner.align(&refs(&ch.zh), &refs(&ch.en)).beads.len())
                .sum::<usize>()
        })
    });
    let out = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("align-bench-cli");
    group.bench_function("cli, one process, one core", |b| {
        b.iter(|| {
            let _ = std::fs::remove_dir_all(&out);
            let mut args = vec![mac.join("test/zh").into_os_string()];
            args.push(mac.join("test/en").into_os_string());
            args.push("--out".into());
            args.push(out.clone().into_os_string());
            align_on_one_core(&args);
        })
    });
    group.bench_function("cli, a process per chapter, one core", |b| {
        let names: Vec<_> = std::fs::read_dir(mac.join("test/zh"))
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        b.iter(|| {
            for name in &names {
                align_on_one_core(&[
                    mac.join("test/zh").join(name).into_os_string(),
                    mac.join("test/en").join(name).into_os_string(),
                ]);
            }
        })
    });
    group.finish();

    let pair = long_pair(&[test, dev], 10_000, 13_000);
    report_long_pair(&aligner, &pair);
    let (zh, en) = (refs(&pair.zh), refs(&pair.en));
    let mut group = c.benchmark_group("long pair");
    group.sample_size(10);
    group.measurement_time(Duration::from_secs(30));
    group.throughput(Throughput::Elements((zh.len() + en.len()) as u64));
    group.bench_function(format!("{} × {}", zh.len(), en.len()), |b| {
        b.iter(|| aligner.align(&zh, &en).beads.len())
    });
    group.finish();
}

criterion_group!(benches, bench_align);
criterion_main!(benches);
