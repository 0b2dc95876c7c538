//! `glossary align`: one Chinese file with its English translation, sentence by sentence.

use std::collections::BTreeSet;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::Context;
use rayon::prelude::*;

use glossary::align::words::{self, TokenPair};
use glossary::align::{self, Aligner, Alignment, Lexicon, input};
use glossary::export::{self, ExportOptions, Format};
use glossary::fsutil;
use glossary::glossary::curated::Curated;
use glossary::glossary::merged::Glossary;
use glossary::segment::Segmenter;

use crate::cli::{AlignArgs, AlignFormat};

/// Runs `glossary align`.
pub fn run(args: AlignArgs) -> anyhow::Result<ExitCode> {
    let curated = if args.no_curated {
        Curated::empty(Path::new(""))
    } else {
        Curated::read_or_empty(&args.glossary.curated_path())?
    };
    if args.pairs != (args.format == AlignFormat::Links) {
        anyhow::bail!(
            "word links come from sentence pairs: give --pairs with --format links (and neither for sentence alignment)"
        );
    }
    if args.pairs {
        return word_links(&args, &curated);
    }
    let folders = args.zh.is_dir() && args.en.is_dir();
    let pairs = if folders {
        let Some(out) = &args.out else {
            anyhow::bail!(
                "{} and {} are folders: say where the alignments go with --out DIR",
                args.zh.display(),
                args.en.display()
            );
        };
        std::fs::create_dir_all(out).with_context(|| format!("creating {}", out.display()))?;
        folder_pairs(&args.zh, &args.en)?
    } else {
        vec![(args.zh.clone(), args.en.clone())]
    };
    // Every input is read and checked before any work: a bad pair stops everything.
    let sides = pairs
        .iter()
        .map(|(z, e)| input::read_pair(z, e, args.presplit))
        .collect::<glossary::Result<Vec<_>>>()?;
    let segmenter = Segmenter::with_terms(curated.protected_terms().iter().map(String::as_str));
    let lexicon = Lexicon::new(curated.approved_pairs());
    let aligner = Aligner::new(&segmenter, &lexicon);
    let rendered: Vec<anyhow::Result<Vec<u8>>> = pairs
        .par_iter()
        .zip(sides.par_iter())
        .map(|((zh_path, _), (zh, en))| {
            let alignment = aligner.align_sides(zh, en);
            let (zh_refs, en_refs) = (zh.sentence_refs(), en.sentence_refs());
            let mut bytes = Vec::new();
            render(
                &mut bytes,
                args.format,
                &alignment,
                zh_path,
                zh.year,
                &zh_refs,
                &en_refs,
            )?;
            Ok(bytes)
        })
        .collect();
    if !folders {
        let bytes = rendered.into_iter().next().expect("one pair")?;
        let mut out = std::io::stdout().lock();
        out.write_all(&bytes)?;
        out.flush()?;
        return Ok(ExitCode::SUCCESS);
    }
    let out_dir = args.out.as_deref().expect("checked above");
    for ((zh_path, _), bytes) in pairs.iter().zip(rendered) {
        let name = zh_path.file_name().expect("a file in a folder");
        fsutil::write_bytes_atomic(&out_dir.join(name), &bytes?)?;
    }
    eprintln!(
        "glossary: aligned {} pairs into {}",
        pairs.len(),
        out_dir.display()
    );
    Ok(ExitCode::SUCCESS)
}

/// Files of the same name in both folders, sorted; a file on one side only is an error.
fn folder_pairs(zh: &Path, en: &Path) -> anyhow::Result<Vec<(PathBuf, PathBuf)>> {
    let names = |dir: &Path| -> anyhow::Result<BTreeSet<std::ffi::OsString>> {
        let mut out = BTreeSet::new();
        for entry in std::fs::read_dir(dir).with_context(|| format!("reading {}", dir.display()))? {
            let entry = entry?;
            if entry.file_type()?.is_file() && !entry.file_name().to_string_lossy().starts_with('.')
            {
                out.insert(entry.file_name());
            }
        }
        Ok(out)
    };
    let (zh_names, en_names) = (names(zh)?, names(en)?);
    if let Some(alone) = zh_names.symmetric_difference(&en_names).next() {
        anyhow::bail!(
            "{} is in only one of {} and {}: every file needs its counterpart of the same name",
            alone.to_string_lossy(),
            zh.display(),
            en.display()
        );
    }
    if zh_names.is_empty() {
        anyhow::bail!("{} holds no files to align", zh.display());
    }
    Ok(zh_names
        .into_iter()
        .map(|n| (zh.join(&n), en.join(&n)))
        .collect())
}

fn render(
    out: &mut Vec<u8>,
    format: AlignFormat,
    alignment: &Alignment,
    zh_path: &Path,
    year: Option<i32>,
    zh: &[&str],
    en: &[&str],
) -> anyhow::Result<()> {
    match format {
        AlignFormat::Links => unreachable!("word links are printed by word_links"),
        AlignFormat::Beads => {
            for bead in &alignment.beads {
                writeln!(out, "{bead}")?;
            }
        }
        AlignFormat::Tsv => write_tsv(out, alignment, zh, en)?,
        AlignFormat::Json => write_json(out, alignment, zh, en)?,
        AlignFormat::Tmx => {
            let document = zh_path.display().to_string();
            let units = align::units(&document, year, (zh, zh), en, alignment);
            export::write(
                Format::Tmx,
                &Glossary::default(),
                &units,
                out,
                &ExportOptions::default(),
            )?;
        }
    }
    Ok(())
}

fn write_tsv(out: &mut impl Write, a: &Alignment, zh: &[&str], en: &[&str]) -> anyhow::Result<()> {
    let mut writer = csv::WriterBuilder::new().delimiter(b'\t').from_writer(out);
    writer.write_record(["zh", "en", "confidence", "zh_text", "en_text"])?;
    let ids = |v: &[usize]| {
        v.iter()
            .map(|n| n.to_string())
            .collect::<Vec<_>>()
            .join(",")
    };
    for b in &a.beads {
        let zh_text: String = b.zh.iter().map(|&i| zh[i]).collect();
        let en_text = b.en.iter().map(|&j| en[j]).collect::<Vec<_>>().join(" ");
        writer.write_record([
            ids(&b.zh),
            ids(&b.en),
            format!("{:.3}", b.confidence),
            zh_text,
            en_text,
        ])?;
    }
    writer.flush()?;
    Ok(())
}

fn write_json(out: &mut impl Write, a: &Alignment, zh: &[&str], en: &[&str]) -> anyhow::Result<()> {
    let beads: Vec<serde_json::Value> = a
        .beads
        .iter()
        .map(|b| {
            serde_json::json!({
                "zh": b.zh,
                "en": b.en,
                "similarity": b.similarity,
                "length_misfit": b.length_misfit,
                "confidence": b.confidence,
                "zh_text": b.zh.iter().map(|&i| zh[i]).collect::<String>(),
                "en_text": b.en.iter().map(|&j| en[j]).collect::<Vec<_>>().join(" "),
            })
        })
        .collect();
    let value = serde_json::json!({ "length_ratio": a.length_ratio, "beads": beads });
    serde_json::to_writer_pretty(&mut *out, &value)?;
    writeln!(out)?;
    Ok(())
}

/// `glossary align --pairs --format links`: the word links of each line pair.
fn word_links(args: &AlignArgs, curated: &Curated) -> anyhow::Result<ExitCode> {
    let read = |path: &Path| -> anyhow::Result<Vec<String>> {
        let text =
            std::fs::read_to_string(path).with_context(|| format!("reading {}", path.display()))?;
        Ok(text.lines().map(str::to_string).collect())
    };
    let (zh, en) = (read(&args.zh)?, read(&args.en)?);
    if zh.len() != en.len() {
        anyhow::bail!(
            "{} has {} lines and {} has {}: with --pairs, line i of one translates line i of the other",
            args.zh.display(),
            zh.len(),
            args.en.display(),
            en.len()
        );
    }
    let segmenter = (!args.tokenized)
        .then(|| Segmenter::with_terms(curated.protected_terms().iter().map(String::as_str)));
    let pairs: Vec<TokenPair> = zh
        .iter()
        .zip(&en)
        .map(|(z, e)| match &segmenter {
            None => TokenPair {
                zh: z.split_whitespace().map(str::to_string).collect(),
                en: e.split_whitespace().map(str::to_string).collect(),
            },
            Some(segmenter) => TokenPair {
                zh: segmenter
                    .words(z)
                    .filter(|w| !w.trim().is_empty())
                    .map(str::to_string)
                    .collect(),
                en: words::english_tokens(e),
            },
        })
        .collect();
    let lexicon = Lexicon::new(curated.approved_pairs());
    let links = words::align_words(&pairs, &lexicon, &words::WordAlignOptions::default());
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    for line in links {
        let cells: Vec<String> = line.iter().map(|(i, j)| format!("{i}-{j}")).collect();
        writeln!(out, "{}", cells.join(" "))?;
    }
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}
