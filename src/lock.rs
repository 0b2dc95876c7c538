//! One build at a time per output folder.
//!
//! `glossary build` takes an exclusive lock on `.cache/build.lock` in its output folder before
//! it reads anything it will replace, and holds it until its last file is renamed. A second
//! build of the same folder waits for it (or, with `--no-wait`, refuses with the holder's
//! process id), so two builds never interleave their writes. The lock is the operating
//! system's (`flock` on Unix): a build that is killed releases it with its last breath, so
//! there is never a stale lock to delete by hand. The file itself stays; only the lock on it
//! matters.

use std::fs::{File, OpenOptions, TryLockError};
use std::io::{Read, Seek, Write};
use std::path::Path;

use crate::error::{Error, Result};

/// What to do when another build holds the lock.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum WhenLocked {
    /// Wait until it is released.
    #[default]
    Wait,
    /// Fail at once with [`Error::Locked`].
    Refuse,
}

/// The lock of an output folder, released when dropped.
#[derive(Debug)]
pub struct BuildLock {
    _file: File,
}

impl BuildLock {
    /// Locks `folder` by its lock file `path` (see [`crate::folder::GlossaryFolder::lock`]).
    /// `waiting` is called once, with the holder's process id, before waiting for another
    /// build.
    pub fn acquire(
        folder: &Path,
        path: &Path,
        when_locked: WhenLocked,
        waiting: impl FnOnce(Option<u32>),
    ) -> Result<BuildLock> {
        let path = path.to_path_buf();
        let write_error = |source| Error::Write {
            path: path.clone(),
            source,
        };
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).map_err(write_error)?;
        }
        let mut file = OpenOptions::new()
            .read(true)
            .write(true)
            .create(true)
            .truncate(false)
            .open(&path)
            .map_err(write_error)?;
        match file.try_lock() {
            Ok(()) => {}
            Err(TryLockError::WouldBlock) => {
                let holder = holder(&mut file);
                if when_locked == WhenLocked::Refuse {
                    return Err(Error::Locked {
                        folder: folder.to_path_buf(),
                        lock: path,
                        holder,
                    });
                }
                waiting(holder);
                file.lock().map_err(write_error)?;
            }
            Err(TryLockError::Error(e)) => return Err(write_error(e)),
        }
        // Who holds it, for the message of a build that finds it locked.
        let pid = std::process::id().to_string();
        let _ = file
            .set_len(0)
            .and_then(|()| file.rewind())
            .and_then(|()| file.write_all(pid.as_bytes()));
        Ok(BuildLock { _file: file })
    }
}

/// The process id the holder wrote in the lock file.
fn holder(file: &mut File) -> Option<u32> {
    let mut text = String::new();
    file.rewind().ok()?;
    file.read_to_string(&mut text).ok()?;
    text.trim().parse().ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_second_lock_is_refused_with_the_holders_pid_and_granted_after_release() {
        let dir = tempfile::tempdir().unwrap();
        let cache = dir.path().join(".cache/build.lock");
        let first = BuildLock::acquire(dir.path(), &cache, WhenLocked::Refuse, |_| {}).unwrap();
        let err = BuildLock::acquire(dir.path(), &cache, WhenLocked::Refuse, |_| {}).unwrap_err();
        match err {
            Error::Locked { holder, .. } => assert_eq!(holder, Some(std::process::id())),
            other => panic!("{other}"),
        }
        drop(first);
        BuildLock::acquire(dir.path(), &cache, WhenLocked::Refuse, |_| {}).unwrap();
    }
}
