//! Writing files so that an interrupted write never leaves a half-written file.
//!
//! Every output goes to a temporary file in the same folder, is flushed to disk, and is then
//! renamed over the target: a reader sees the complete old file or the complete new one.
//! [`Staged`] does the same for a set of files: all are written first, and only when every one
//! is on disk are they renamed, so a failure while writing leaves every old file in place.

use std::io::Write;
use std::path::Path;

use crate::error::{Error, Result};

/// Writes `path` atomically with the bytes `write` produces. On any error the target is left as
/// it was and the temporary file is removed.
pub fn write_atomic(
    path: &Path,
    write: impl FnOnce(&mut dyn Write) -> std::io::Result<()>,
) -> Result<()> {
    replace(path, true, write)
}

/// Writes `bytes` to `path` atomically but without waiting for the disk: for cache entries,
/// which carry their own checksum, so a power cut costs a cache miss rather than an fsync per
/// document on every build.
pub fn write_bytes_unsynced(path: &Path, bytes: &[u8]) -> Result<()> {
    replace(path, false, |w| w.write_all(bytes))
}

fn replace(
    path: &Path,
    sync: bool,
    write: impl FnOnce(&mut dyn Write) -> std::io::Result<()>,
) -> Result<()> {
    let tmp = temporary_beside(path, sync, write)?;
    tmp.persist(path).map_err(|e| Error::Write {
        path: path.to_path_buf(),
        source: e.error,
    })?;
    Ok(())
}

/// A complete temporary file in the folder of `path`, holding what `write` produced.
fn temporary_beside(
    path: &Path,
    sync: bool,
    write: impl FnOnce(&mut dyn Write) -> std::io::Result<()>,
) -> Result<tempfile::NamedTempFile> {
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    let wrap = |source: std::io::Error| Error::Write {
        path: path.to_path_buf(),
        source,
    };
    std::fs::create_dir_all(dir).map_err(wrap)?;
    if path.is_dir() {
        return Err(wrap(std::io::Error::other(
            "a folder stands where the file goes: move it away",
        )));
    }
    let mut builder = tempfile::Builder::new();
    builder.prefix(TEMP_PREFIX).suffix(TEMP_SUFFIX);
    if let Some(permissions) = new_file_permissions() {
        builder.permissions(permissions);
    }
    let mut tmp = builder.tempfile_in(dir).map_err(wrap)?;
    // A replaced file keeps its permissions.
    if let Ok(meta) = std::fs::metadata(path) {
        tmp.as_file()
            .set_permissions(meta.permissions())
            .map_err(wrap)?;
    }
    {
        let mut out = std::io::BufWriter::new(tmp.as_file_mut());
        write(&mut out).map_err(wrap)?;
        out.flush().map_err(wrap)?;
    }
    if sync {
        tmp.as_file().sync_all().map_err(wrap)?;
    }
    Ok(tmp)
}

/// Files written together: each is staged in a temporary file, and [`Staged::commit`] renames
/// them all once every one is complete. Dropped without a commit, it removes its temporary
/// files and leaves the targets as they were.
#[derive(Debug, Default)]
pub struct Staged {
    files: Vec<(tempfile::NamedTempFile, std::path::PathBuf)>,
}

impl Staged {
    /// Nothing staged yet.
    pub fn new() -> Staged {
        Staged::default()
    }

    /// Writes `bytes` to a temporary file beside `path`.
    pub fn stage(&mut self, path: &Path, bytes: &[u8]) -> Result<()> {
        let tmp = temporary_beside(path, true, |w| w.write_all(bytes))?;
        self.files.push((tmp, path.to_path_buf()));
        Ok(())
    }

    /// Renames every staged file over its target, in the order staged.
    pub fn commit(self) -> Result<()> {
        for (tmp, path) in self.files {
            tmp.persist(&path).map_err(|e| Error::Write {
                path: path.clone(),
                source: e.error,
            })?;
        }
        Ok(())
    }
}

/// The permissions of a new file: those of an ordinary new file (0666 less the umask). A
/// temporary file is otherwise created readable by its owner only, which would make every
/// output private. (Elsewhere than on Unix, tempfile does not restrict them.)
#[cfg(unix)]
fn new_file_permissions() -> Option<std::fs::Permissions> {
    use std::os::unix::fs::PermissionsExt;
    Some(std::fs::Permissions::from_mode(0o666))
}

#[cfg(not(unix))]
fn new_file_permissions() -> Option<std::fs::Permissions> {
    None
}

/// Removes the temporary files a killed process left in `dir` (not in its subfolders). Call it
/// only while holding the lock of the folder ([`crate::lock::BuildLock`]): another writer's
/// temporary files look the same.
pub fn remove_leftovers(dir: &Path) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let name = entry.file_name();
        let name = name.to_string_lossy();
        let is_file = entry.file_type().is_ok_and(|t| t.is_file());
        if is_file && name.starts_with(TEMP_PREFIX) && name.ends_with(TEMP_SUFFIX) {
            let _ = std::fs::remove_file(entry.path());
        }
    }
}

/// What temporary files are called: `.glossary-XXXXXX.tmp`.
const TEMP_PREFIX: &str = ".glossary-";
const TEMP_SUFFIX: &str = ".tmp";

/// Writes `bytes` to `path` atomically.
pub fn write_bytes_atomic(path: &Path, bytes: &[u8]) -> Result<()> {
    write_atomic(path, |w| w.write_all(bytes))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_failed_write_leaves_the_old_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("out.csv");
        write_bytes_atomic(&path, b"old").unwrap();
        let failed = write_atomic(&path, |w| {
            w.write_all(b"half")?;
            Err(std::io::Error::other("disk full"))
        });
        assert!(failed.is_err());
        assert_eq!(std::fs::read(&path).unwrap(), b"old");
        let leftovers = std::fs::read_dir(dir.path()).unwrap().count();
        assert_eq!(leftovers, 1, "the temporary file is removed");
    }

    #[test]
    fn staged_files_change_together_or_not_at_all() {
        let dir = tempfile::tempdir().unwrap();
        let (a, b) = (dir.path().join("a.csv"), dir.path().join("b.tbx"));
        write_bytes_atomic(&a, b"old a").unwrap();
        std::fs::create_dir(&b).unwrap(); // b cannot be written
        let mut staged = Staged::new();
        staged.stage(&a, b"new a").unwrap();
        let err = staged.stage(&b, b"new b").unwrap_err();
        assert!(err.to_string().contains("b.tbx"), "{err}");
        drop(staged);
        assert_eq!(std::fs::read(&a).unwrap(), b"old a");
        assert_eq!(
            std::fs::read_dir(dir.path()).unwrap().count(),
            2,
            "no temporary file left"
        );

        std::fs::remove_dir(&b).unwrap();
        let mut staged = Staged::new();
        staged.stage(&a, b"new a").unwrap();
        staged.stage(&b, b"new b").unwrap();
        assert_eq!(
            std::fs::read(&a).unwrap(),
            b"old a",
            "nothing changes before the commit"
        );
        staged.commit().unwrap();
        assert_eq!(std::fs::read(&a).unwrap(), b"new a");
        assert_eq!(std::fs::read(&b).unwrap(), b"new b");
    }

    #[cfg(unix)]
    #[test]
    fn new_files_are_readable_and_replaced_files_keep_their_mode() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("out.csv");
        write_bytes_atomic(&path, b"new").unwrap();
        let mode = |p: &Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode(&path), 0o644);
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o664)).unwrap();
        write_bytes_atomic(&path, b"newer").unwrap();
        assert_eq!(mode(&path), 0o664);
    }
}
