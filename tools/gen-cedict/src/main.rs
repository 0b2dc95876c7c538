//! Regenerates `src/data/cedict.tsv`, the aligner's Chinese–English dictionary, from the
//! CC-CEDICT data that the `chinese_dictionary` 3.x crate bundles.
//!
//! ```sh
//! cargo run --release -p gen-cedict -- [DATA_DIR]
//! ```
//!
//! A crate of its own in the workspace (not an example of `glossary`), so that its
//! dependencies are built only when it runs, not by every `cargo test` of the main package.
//!
//! DATA_DIR is the crate's `data/` folder (by default found in Cargo's registry sources).
//! Only its headword list is read directly (`simplified.dictionary`); every entry's glosses
//! come from the crate's own `query_by_simplified`.
//!
//! Why a table of our own: the crate deserialises its whole dictionary (pinyin, traditional,
//! English indexes, 24 MB of entries) on first use, 0.2–0.5 s and about 150 MB in every
//! process. The aligner needs only simplified headword → English glosses; a sorted text table
//! compiled into the binary answers by binary search with nothing to load.

use std::collections::HashMap;
use std::io::Write;
use std::path::{Path, PathBuf};

fn default_data_dir() -> Option<PathBuf> {
    let home = std::env::var_os("CARGO_HOME")
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|h| Path::new(&h).join(".cargo")))?;
    for registry in std::fs::read_dir(home.join("registry/src")).ok()?.flatten() {
        let dir = registry.path().join("chinese_dictionary-3.0.0/data");
        if dir.is_dir() {
            return Some(dir);
        }
    }
    None
}

fn main() {
    let data = std::env::args_os()
        .nth(1)
        .map(PathBuf::from)
        .or_else(default_data_dir)
        .expect("give the chinese_dictionary data folder as the first argument");
    let bytes = std::fs::read(data.join("simplified.dictionary"))
        .unwrap_or_else(|e| panic!("{}: {e}", data.display()));
    let index: HashMap<String, Vec<u32>> =
        bincode::deserialize(&bytes).expect("the simplified index of chinese_dictionary 3");
    let mut words: Vec<&String> = index.keys().collect();
    words.sort();

    // This crate lives in tools/gen-cedict/ of the workspace; the table is the main package's.
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let out = root.join("src/data/cedict.tsv");
    let mut table = std::io::BufWriter::new(std::fs::File::create(&out).unwrap());
    writeln!(
        table,
        "# CC-CEDICT (https://cc-cedict.org, CC BY-SA 4.0, MDBG), as bundled by the chinese_dictionary 3.0.0 crate:"
    )
    .unwrap();
    writeln!(
        table,
        "# simplified headword, tab, its English glosses separated by '/'. Sorted by bytes; regenerate with `cargo run --release -p gen-cedict`; see NOTICE."
    )
    .unwrap();
    let mut lines = 0;
    for word in words {
        if word.contains(['\t', '\n']) {
            continue;
        }
        let glosses: Vec<&str> = chinese_dictionary::query_by_simplified(word)
            .iter()
            .flat_map(|entry| entry.english.iter())
            .map(|g| g.trim())
            .filter(|g| !g.is_empty() && !g.contains(['\t', '\n', '/']))
            .collect();
        if glosses.is_empty() {
            continue;
        }
        writeln!(table, "{word}\t{}", glosses.join("/")).unwrap();
        lines += 1;
    }
    table.flush().unwrap();
    eprintln!("wrote {lines} headwords to {}", out.display());
}
