//! Which files of the progress folder sync carries, and the rules for
//! copying them, on bytes alone: a log is a name, and lines end in `\n`.
//! What a line says is never read here.
//!
//! This device's logs go from the folder to the clone, whole lines only;
//! other logs come from the clone into the folder, atomically, and only
//! when they extend what the folder has. This device's logs in the folder
//! are never written over: one the folder lost is only written back
//! where nothing is, under the store's lock on it.

use std::fs::{self, OpenOptions, TryLockError};
use std::io::ErrorKind;
use std::path::{Path, PathBuf};

use anyhow::{Context, Result, bail};

use crate::io::store::files as store_files;
use crate::io::store::write_atomically;

/// How every progress log's name ends.
const LOG_SUFFIX: &str = ".jsonl";

/// Whether `name` is one of `device`'s logs: `<device>.jsonl`, or
/// `<device>.<anything>.jsonl` (a log it kept under an id it gave up).
pub(super) fn is_own(name: &str, device: &str) -> bool {
    let Some(rest) = name.strip_prefix(device) else {
        return false;
    };
    rest == LOG_SUFFIX
        || (rest.starts_with('.')
            && rest.ends_with(LOG_SUFFIX)
            && rest.len() > LOG_SUFFIX.len() + 1)
}

/// Whether `name` is a progress log at all: `*.jsonl`, not hidden (the
/// store's temporaries start with a dot), and a plain file name.
pub(super) fn is_log(name: &str) -> bool {
    name.len() > LOG_SUFFIX.len()
        && name.ends_with(LOG_SUFFIX)
        && !name.starts_with('.')
        && !name.contains(['/', '\\'])
}

/// The device a log's name says wrote it: what comes before its first dot.
pub(super) fn device_of(name: &str) -> &str {
    name.split('.').next().unwrap_or(name)
}

/// How a log's header line begins: it is no change, so it is not counted.
const HEADER_START: &[u8] = b"{\"format\":";

/// The number of changes in `bytes`: its lines ended by `\n`, but for a
/// log's header.
pub(super) fn changes(bytes: &[u8]) -> usize {
    bytes
        .split_inclusive(|&byte| byte == b'\n')
        .filter(|line| line.ends_with(b"\n") && !line.starts_with(HEADER_START))
        .count()
}

/// `bytes` up to its last `\n`: a line still being written stays behind.
fn whole_lines(mut bytes: Vec<u8>) -> Vec<u8> {
    let end = bytes
        .iter()
        .rposition(|&byte| byte == b'\n')
        .map_or(0, |at| at + 1);
    bytes.truncate(end);
    bytes
}

/// This device's logs in `folder`, by name, each cut to its whole lines.
/// A folder not made yet has none.
pub(super) fn own_logs(folder: &Path, device: &str) -> Result<Vec<(String, Vec<u8>)>> {
    let entries = match fs::read_dir(folder) {
        Ok(entries) => entries,
        Err(err) if err.kind() == ErrorKind::NotFound => return Ok(Vec::new()),
        Err(err) => {
            return Err(err)
                .with_context(|| format!("cannot read the folder {}", folder.display()));
        }
    };
    let mut logs = Vec::new();
    for entry in entries {
        let entry =
            entry.with_context(|| format!("cannot read the folder {}", folder.display()))?;
        let Some(name) = entry.file_name().to_str().map(str::to_owned) else {
            continue;
        };
        let path = entry.path();
        if !is_own(&name, device) || !path.is_file() {
            continue;
        }
        let bytes = fs::read(&path).with_context(|| format!("cannot read {}", path.display()))?;
        logs.push((name, whole_lines(bytes)));
    }
    logs.sort();
    Ok(logs)
}

/// Brings `theirs`, the clone's copy of another device's log, into
/// `folder` when the folder lacks it or holds a beginning of it; a copy
/// that is longer or different (it came another way, say through a sync
/// folder) is left alone. The number of changes that came in, if any.
pub(super) fn bring_in(folder: &Path, name: &str, theirs: &[u8]) -> Result<Option<usize>> {
    let path = folder.join(name);
    let new = match fs::read(&path) {
        Ok(ours) if ours.len() < theirs.len() && theirs.starts_with(&ours) => &theirs[ours.len()..],
        Ok(_) => return Ok(None),
        Err(err) if err.kind() == ErrorKind::NotFound => theirs,
        Err(err) => return Err(err).with_context(|| format!("cannot read {}", path.display())),
    };
    write_atomically(&path, theirs).with_context(|| format!("cannot write {}", path.display()))?;
    Ok(Some(changes(new)))
}

/// Whether anything is at `path`, even a link to nothing.
pub(super) fn exists(path: &Path) -> bool {
    fs::symlink_metadata(path).is_ok()
}

/// Writes `theirs`, the remote's copy of this device's log `name`, into
/// `folder`, which lost it: atomically, and under the store's lock on
/// that log, so that a `roadmap` saving this device's first change there
/// meanwhile is never written over. Whether it was written: not when the
/// log is back already, nor while that lock is held (the next sync will).
pub(super) fn restore(folder: &Path, name: &str, theirs: &[u8]) -> Result<bool> {
    let path = folder.join(name);
    fs::create_dir_all(folder)
        .with_context(|| format!("cannot create the folder {}", folder.display()))?;
    let lock_path = store_files::lock(&path);
    let lock = OpenOptions::new()
        .create(true)
        .truncate(false)
        .write(true)
        .open(&lock_path)
        .with_context(|| format!("cannot open the lock {}", lock_path.display()))?;
    match lock.try_lock() {
        Ok(()) => {}
        Err(TryLockError::WouldBlock) => return Ok(false),
        Err(TryLockError::Error(err)) => {
            return Err(err).with_context(|| format!("cannot lock {}", lock_path.display()));
        }
    }
    if exists(&path) {
        return Ok(false);
    }
    write_atomically(&path, theirs).with_context(|| format!("cannot write {}", path.display()))?;
    Ok(true)
}

/// Removes the stray copies [`keep_stray`] kept of log `name` that the
/// folder's `name` now holds whole: once this device took a fresh id, the
/// log it had under the old one comes in under its own name, and a stray
/// of it is a copy and no more.
pub(super) fn drop_strays_held_in(folder: &Path, name: &str) -> Result<()> {
    let Ok(log) = fs::read(folder.join(name)) else {
        return Ok(());
    };
    let stem = format!("{}-from-git", stray_stem(name));
    let entries = fs::read_dir(folder)
        .with_context(|| format!("cannot read the folder {}", folder.display()))?;
    for entry in entries.flatten() {
        let file_name = entry.file_name();
        let Some(number) = file_name
            .to_str()
            .and_then(|stray| stray.strip_prefix(&stem))
            .and_then(|rest| rest.strip_suffix(LOG_SUFFIX))
        else {
            continue;
        };
        let numbered = number
            .strip_prefix('-')
            .is_some_and(|n| n.parse::<u32>().is_ok());
        if (number.is_empty() || numbered)
            && fs::read(entry.path()).is_ok_and(|stray| log.starts_with(&stray))
        {
            fs::remove_file(entry.path())
                .with_context(|| format!("cannot remove {}", entry.path().display()))?;
        }
    }
    Ok(())
}

/// What a stray copy of log `name` is named after: its name without
/// `.jsonl`, dots made dashes, so that it is no device's own log.
fn stray_stem(name: &str) -> String {
    name.strip_suffix(LOG_SUFFIX)
        .unwrap_or(name)
        .replace('.', "-")
}

/// Keeps `theirs`, the remote's copy of this device's log `name` that
/// another machine wrote under the same id, in `folder` as a stray copy
/// (`<device>-from-git.jsonl`, numbered if one that differs is already
/// there), where the store reads it as another log. Its name is not this
/// device's, so sync never pushes it back. Where it was kept.
pub(super) fn keep_stray(folder: &Path, name: &str, theirs: &[u8]) -> Result<PathBuf> {
    let stem = stray_stem(name);
    for number in 1..=100 {
        let suffix = if number == 1 {
            String::new()
        } else {
            format!("-{number}")
        };
        let path = folder.join(format!("{stem}-from-git{suffix}{LOG_SUFFIX}"));
        match fs::read(&path) {
            Ok(kept) if kept == theirs => return Ok(path),
            Ok(kept) if !theirs.starts_with(&kept) => continue,
            Ok(_) => {}
            Err(err) if err.kind() == ErrorKind::NotFound => {}
            Err(err) => return Err(err).with_context(|| format!("cannot read {}", path.display())),
        }
        write_atomically(&path, theirs)
            .with_context(|| format!("cannot write {}", path.display()))?;
        return Ok(path);
    }
    bail!(
        "too many copies of {name} from git are kept in {} already",
        folder.display()
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn this_devices_logs_are_its_name_and_its_dotted_names() {
        let device = "3f9a0c12d4e5b6a7";
        assert!(is_own("3f9a0c12d4e5b6a7.jsonl", device));
        assert!(is_own(
            "3f9a0c12d4e5b6a7.was-0000000000000001.jsonl",
            device
        ));
        assert!(!is_own("3f9a0c12d4e5b6a7..jsonl", device));
        assert!(!is_own("3f9a0c12d4e5b6a7-from-git.jsonl", device));
        assert!(!is_own("3f9a0c12d4e5b6a7.jsonl.lock", device));
        assert!(!is_own("3f9a0c12d4e5b6a70.jsonl", device));
        assert!(!is_own("0000000000000001.jsonl", device));
    }

    #[test]
    fn logs_are_plain_visible_jsonl_names() {
        assert!(is_log("0000000000000001.jsonl"));
        assert!(is_log("x.sync-conflict-20261202-101010-ABCD.jsonl"));
        assert!(!is_log(".x.jsonl.abc.tmp"));
        assert!(!is_log(".x.jsonl"));
        assert!(!is_log(".jsonl"));
        assert!(!is_log("x.json"));
        assert!(!is_log("sub/x.jsonl"));
        assert_eq!(device_of("ab.was-cd.jsonl"), "ab");
    }

    #[test]
    fn only_whole_lines_are_taken() {
        assert_eq!(whole_lines(b"a\nb\nc".to_vec()), b"a\nb\n");
        assert_eq!(whole_lines(b"abc".to_vec()), b"");
        assert_eq!(whole_lines(b"a\n".to_vec()), b"a\n");
        assert_eq!(changes(b"a\nb\n"), 2);
        assert_eq!(changes(b"{\"format\":\"roadmap-progress\"}\na\nb"), 1);
    }

    #[test]
    fn another_log_comes_in_only_over_a_beginning_of_it() {
        let dir = tempfile::tempdir().unwrap();
        assert_eq!(bring_in(dir.path(), "b.jsonl", b"1\n2\n").unwrap(), Some(2));
        assert_eq!(
            bring_in(dir.path(), "b.jsonl", b"1\n2\n3\n").unwrap(),
            Some(1)
        );
        assert_eq!(bring_in(dir.path(), "b.jsonl", b"1\n2\n3\n").unwrap(), None);
        assert_eq!(bring_in(dir.path(), "b.jsonl", b"1\n").unwrap(), None);
        assert_eq!(
            bring_in(dir.path(), "b.jsonl", b"9\n9\n9\n9\n").unwrap(),
            None
        );
        assert_eq!(fs::read(dir.path().join("b.jsonl")).unwrap(), b"1\n2\n3\n");
        let names: Vec<_> = fs::read_dir(dir.path())
            .unwrap()
            .flatten()
            .map(|e| e.file_name())
            .collect();
        assert_eq!(names.len(), 1, "no temporary left: {names:?}");
    }

    #[test]
    fn a_stray_copy_is_kept_under_a_name_that_is_not_this_devices() {
        let dir = tempfile::tempdir().unwrap();
        let first = keep_stray(dir.path(), "d.jsonl", b"x\n").unwrap();
        assert_eq!(first.file_name().unwrap(), "d-from-git.jsonl");
        assert!(!is_own("d-from-git.jsonl", "d") && is_log("d-from-git.jsonl"));
        assert_eq!(keep_stray(dir.path(), "d.jsonl", b"x\ny\n").unwrap(), first);
        let other = keep_stray(dir.path(), "d.jsonl", b"z\n").unwrap();
        assert_eq!(other.file_name().unwrap(), "d-from-git-2.jsonl");
        assert_eq!(fs::read(&first).unwrap(), b"x\ny\n");
        let was = keep_stray(dir.path(), "d.was-e.jsonl", b"x\n").unwrap();
        assert_eq!(was.file_name().unwrap(), "d-was-e-from-git.jsonl");
    }

    #[test]
    fn a_lost_log_comes_back_only_where_nothing_is_and_the_store_is_not_saving() {
        let dir = tempfile::tempdir().unwrap();
        let folder = dir.path().join("progress");
        let log = folder.join("d.jsonl");
        fs::create_dir_all(&folder).unwrap();
        let held = fs::File::create(store_files::lock(&log)).unwrap();
        held.lock().unwrap();
        assert!(!restore(&folder, "d.jsonl", b"1\n").unwrap(), "a save runs");
        assert!(!exists(&log));
        held.unlock().unwrap();
        assert!(restore(&folder, "d.jsonl", b"1\n").unwrap());
        assert_eq!(fs::read(&log).unwrap(), b"1\n");
        assert!(
            !restore(&folder, "d.jsonl", b"1\n2\n").unwrap(),
            "never over it"
        );
        assert_eq!(fs::read(&log).unwrap(), b"1\n");
        let gone = dir.path().join("gone");
        assert!(
            restore(&gone, "d.jsonl", b"x\n").unwrap(),
            "the folder is made"
        );
    }

    #[test]
    fn a_stray_is_dropped_once_the_log_it_copied_is_in_the_folder_whole() {
        let dir = tempfile::tempdir().unwrap();
        let folder = dir.path();
        fs::write(folder.join("d-from-git.jsonl"), "1\n").unwrap();
        fs::write(folder.join("d-from-git-2.jsonl"), "1\n2\n").unwrap();
        fs::write(folder.join("d-from-git-3.jsonl"), "9\n").unwrap();
        fs::write(folder.join("d-from-git-x.jsonl"), "1\n").unwrap();
        fs::write(folder.join("dd-from-git.jsonl"), "1\n").unwrap();
        drop_strays_held_in(folder, "d.jsonl").unwrap();
        assert!(folder.join("d-from-git.jsonl").exists(), "no d.jsonl yet");
        fs::write(folder.join("d.jsonl"), "1\n2\n3\n").unwrap();
        drop_strays_held_in(folder, "d.jsonl").unwrap();
        let mut left: Vec<_> = fs::read_dir(folder)
            .unwrap()
            .flatten()
            .map(|e| e.file_name().into_string().unwrap())
            .collect();
        left.sort();
        assert_eq!(
            left,
            [
                "d-from-git-3.jsonl",
                "d-from-git-x.jsonl",
                "d.jsonl",
                "dd-from-git.jsonl"
            ]
        );
    }

    #[test]
    fn a_folder_not_made_yet_has_no_logs() {
        let dir = tempfile::tempdir().unwrap();
        assert!(own_logs(&dir.path().join("none"), "d").unwrap().is_empty());
        fs::write(dir.path().join("d.jsonl"), "1\n2").unwrap();
        fs::write(dir.path().join("d.old.jsonl"), "1\n").unwrap();
        fs::write(dir.path().join("e.jsonl"), "1\n").unwrap();
        fs::write(dir.path().join("d.jsonl.lock"), "").unwrap();
        let logs = own_logs(dir.path(), "d").unwrap();
        assert_eq!(
            logs,
            vec![
                ("d.jsonl".to_owned(), b"1\n".to_vec()),
                ("d.old.jsonl".to_owned(), b"1\n".to_vec())
            ]
        );
    }
}
