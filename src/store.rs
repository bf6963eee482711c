//! The state file: every roadmap's [`Progress`] in one JSON document,
//! keyed by roadmap id. The only code that reads or writes it.
//!
//! Saving is durable (temp file, fsync, rename, fsync of the directory), so
//! a crash leaves either the old file or the new one, never a torn one. A
//! file that cannot be understood is never overwritten: opening it fails
//! and the user decides what to do with it.
//!
//! Several `roadmap` processes may share the file (two terminals). So a
//! save never writes back what this process read at start: under a lock it
//! re-reads the file, applies only this session's changes, and writes that,
//! and the caller gets back the merged progress, other sessions' included.

use std::collections::BTreeMap;
use std::fs::{self, File, OpenOptions};
use std::io::{self, Write};
use std::path::{Path, PathBuf};

use anyhow::{Context, Result, bail};
use serde::{Deserialize, Serialize};

use crate::progress::{Entry, Progress};

/// Changes to save: item key → its new entry (`None`: back to pending).
pub type Changes = BTreeMap<String, Option<Entry>>;

/// The format this build writes, and the newest it reads.
/// Documented in `docs/state-format.md`.
pub const FORMAT_VERSION: u32 = 1;

#[derive(Debug, Serialize, Deserialize)]
struct StateFile {
    version: u32,
    #[serde(default)]
    roadmaps: BTreeMap<String, Progress>,
}

impl Default for StateFile {
    fn default() -> Self {
        StateFile {
            version: FORMAT_VERSION,
            roadmaps: BTreeMap::new(),
        }
    }
}

/// Progress for every roadmap, backed by a file (or by nothing, in tests).
#[derive(Debug)]
pub struct Store {
    path: Option<PathBuf>,
    state: StateFile,
}

impl Store {
    /// Reads the state file at `path`; a missing file is an empty store
    /// (it is created on the first save).
    pub fn open(path: &Path) -> Result<Store> {
        let state = read(path)?;
        Ok(Store {
            path: Some(path.to_owned()),
            state,
        })
    }

    /// A store that keeps progress in memory only.
    pub fn in_memory() -> Store {
        Store {
            path: None,
            state: StateFile::default(),
        }
    }

    pub fn path(&self) -> Option<&Path> {
        self.path.as_deref()
    }

    /// The progress of roadmap `roadmap_id` as last read (empty if none).
    pub fn progress(&self, roadmap_id: &str) -> Progress {
        self.state
            .roadmaps
            .get(roadmap_id)
            .cloned()
            .unwrap_or_default()
    }

    /// Saves `changes` to roadmap `roadmap_id` durably, merged into what the
    /// file holds now, and returns the roadmap's merged progress. On error
    /// nothing was written; the caller keeps the changes to try again.
    pub fn commit(&mut self, roadmap_id: &str, changes: &Changes) -> Result<Progress> {
        let Some(path) = &self.path else {
            apply(&mut self.state, roadmap_id, changes);
            return Ok(self.progress(roadmap_id));
        };
        let saving = || format!("cannot save progress to {}", path.display());
        let _lock = lock(path).with_context(saving)?;
        let mut state = read(path).with_context(saving)?;
        apply(&mut state, roadmap_id, changes);
        let mut json = serde_json::to_vec_pretty(&state)?;
        json.push(b'\n');
        write_atomically(path, &json).with_context(saving)?;
        self.state = state;
        Ok(self.progress(roadmap_id))
    }
}

fn apply(state: &mut StateFile, roadmap_id: &str, changes: &Changes) {
    let progress = state.roadmaps.entry(roadmap_id.to_owned()).or_default();
    for (key, entry) in changes {
        progress.put(key, *entry);
    }
    if progress.is_empty() {
        state.roadmaps.remove(roadmap_id);
    }
}

/// Reads and checks the state file; a missing one is empty.
fn read(path: &Path) -> Result<StateFile> {
    let text = match fs::read_to_string(path) {
        Ok(text) => text,
        // Under a regular file nothing can exist yet: start empty, and let
        // the first save report why progress cannot be kept there.
        Err(err)
            if matches!(
                err.kind(),
                io::ErrorKind::NotFound | io::ErrorKind::NotADirectory
            ) =>
        {
            return Ok(StateFile::default());
        }
        Err(err) => {
            return Err(err)
                .with_context(|| format!("cannot read the state file {}", path.display()));
        }
    };
    parse(&text).with_context(|| {
        format!(
            "the state file {} cannot be used; it was left untouched \
             (move it aside to start afresh, or pass --state FILE)",
            path.display()
        )
    })
}

/// Serialises saves between processes. The lock lives on a file of its
/// own because the state file is replaced, not rewritten, on every save.
/// Released when the returned file is closed.
fn lock(path: &Path) -> io::Result<File> {
    let mut name = path.file_name().unwrap_or_default().to_owned();
    name.push(".lock");
    let lock_path = path.with_file_name(name);
    if let Some(dir) = lock_path.parent().filter(|dir| !dir.as_os_str().is_empty()) {
        fs::create_dir_all(dir)?;
    }
    let file = OpenOptions::new()
        .create(true)
        .truncate(false)
        .write(true)
        .open(lock_path)?;
    file.lock()?;
    Ok(file)
}

fn parse(text: &str) -> Result<StateFile> {
    #[derive(Deserialize)]
    struct Version {
        version: u32,
    }
    let Version { version } =
        serde_json::from_str(text).context("it is not a roadmap state file")?;
    if version > FORMAT_VERSION {
        bail!(
            "it was written by a newer roadmap (format {version}; this one reads up to \
             {FORMAT_VERSION}): upgrade roadmap"
        );
    }
    Ok(serde_json::from_str(text)?)
}

/// Replaces `path` with `bytes` so that a crash at any point leaves either
/// the old content or the new, whole.
fn write_atomically(path: &Path, bytes: &[u8]) -> io::Result<()> {
    // A symlinked state file (dotfiles managers do this) stays a symlink:
    // the file it points at is the one replaced.
    let resolved;
    let path = match fs::read_link(path) {
        Ok(target) => {
            // A relative target is relative to the link's directory.
            resolved = path
                .parent()
                .map_or_else(|| target.clone(), |dir| dir.join(&target));
            &resolved
        }
        Err(_) => path,
    };
    let dir = match path.parent() {
        Some(dir) if !dir.as_os_str().is_empty() => dir,
        _ => Path::new("."),
    };
    fs::create_dir_all(dir)?;
    let mut temp = tempfile::Builder::new()
        .prefix(".roadmap-state-")
        .suffix(".tmp")
        .tempfile_in(dir)?;
    temp.write_all(bytes)?;
    temp.as_file().sync_all()?;
    temp.persist(path).map_err(|err| err.error)?;
    // The rename itself is only durable once the directory is synced.
    #[cfg(unix)]
    File::open(dir)?.sync_all()?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::progress::Status;

    const WHEN: u64 = 1_700_000_000;

    fn done(keys: &[&str]) -> Changes {
        let entry = Entry {
            status: Status::Done,
            updated: WHEN,
        };
        keys.iter()
            .map(|key| (key.to_string(), Some(entry)))
            .collect()
    }

    fn progress(keys: &[&str]) -> Progress {
        let mut progress = Progress::default();
        for key in keys {
            progress.set(key, Status::Done, WHEN);
        }
        progress
    }

    #[test]
    fn missing_file_opens_empty_and_is_created_on_save() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("nested/dir/progress.json");
        let mut store = Store::open(&path).unwrap();
        assert!(store.progress("backend").is_empty());
        assert!(!path.exists(), "opening writes nothing");
        let merged = store.commit("backend", &done(&["a/b/c"])).unwrap();
        assert_eq!(merged, progress(&["a/b/c"]));
        assert_eq!(Store::open(&path).unwrap().progress("backend"), merged);
    }

    #[test]
    fn two_sessions_on_one_file_lose_nothing_and_see_each_other() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("progress.json");
        let mut first = Store::open(&path).unwrap();
        let mut second = Store::open(&path).unwrap();
        first.commit("backend", &done(&["l/t/one"])).unwrap();
        second.commit("essentials", &done(&["l/t/x"])).unwrap();
        let seen = second.commit("backend", &done(&["l/t/two"])).unwrap();
        assert_eq!(
            seen,
            progress(&["l/t/one", "l/t/two"]),
            "merged, not overwritten"
        );
        let undo: Changes = [("l/t/one".to_owned(), None)].into();
        assert_eq!(
            first.commit("backend", &undo).unwrap(),
            progress(&["l/t/two"])
        );
        let reread = Store::open(&path).unwrap();
        assert_eq!(reread.progress("backend"), progress(&["l/t/two"]));
        assert_eq!(reread.progress("essentials"), progress(&["l/t/x"]));
    }

    #[test]
    fn file_is_versioned_readable_json_and_leaves_only_its_lock_beside_it() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("progress.json");
        let mut store = Store::open(&path).unwrap();
        store.commit("backend", &done(&["l/t/i"])).unwrap();
        let text = fs::read_to_string(&path).unwrap();
        let value: serde_json::Value = serde_json::from_str(&text).unwrap();
        assert_eq!(value["version"], 1);
        assert_eq!(value["roadmaps"]["backend"]["l/t/i"]["status"], "done");
        assert_eq!(value["roadmaps"]["backend"]["l/t/i"]["updated"], WHEN);
        let mut names: Vec<_> = fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        names.sort();
        assert_eq!(names, ["progress.json", "progress.json.lock"]);
    }

    #[test]
    fn clearing_every_item_drops_the_roadmap_from_the_file() {
        let mut store = Store::in_memory();
        store.commit("backend", &done(&["a/b/c"])).unwrap();
        let cleared = store
            .commit("backend", &[("a/b/c".to_owned(), None)].into())
            .unwrap();
        assert!(cleared.is_empty());
        assert!(store.state.roadmaps.is_empty());
    }

    #[test]
    fn damaged_file_is_refused_and_left_byte_for_byte() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("progress.json");
        let garbage = b"{\"version\": 1, \"roadmaps\": {\"backend\": tru";
        fs::write(&path, garbage).unwrap();
        let err = Store::open(&path).unwrap_err();
        let message = format!("{err:#}");
        assert!(message.contains("left untouched"), "{message}");
        assert_eq!(fs::read(&path).unwrap(), garbage);
    }

    #[test]
    fn a_file_damaged_while_open_is_not_overwritten_by_a_save() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("progress.json");
        let mut store = Store::open(&path).unwrap();
        fs::write(&path, b"written by something else").unwrap();
        let err = store.commit("backend", &done(&["a/b/c"])).unwrap_err();
        assert!(format!("{err:#}").contains("left untouched"), "{err:#}");
        assert_eq!(fs::read(&path).unwrap(), b"written by something else");
    }

    #[test]
    fn newer_format_is_refused_with_advice() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("progress.json");
        fs::write(&path, r#"{"version": 99, "roadmaps": {}}"#).unwrap();
        let message = format!("{:#}", Store::open(&path).unwrap_err());
        assert!(message.contains("newer roadmap (format 99"), "{message}");
    }

    #[test]
    fn unwritable_location_is_an_error_not_a_panic() {
        let dir = tempfile::tempdir().unwrap();
        let blocker = dir.path().join("not-a-dir");
        fs::write(&blocker, "").unwrap();
        let mut store = Store::open(&blocker.join("progress.json")).unwrap();
        let err = store.commit("backend", &done(&["a/b/c"])).unwrap_err();
        assert!(
            format!("{err:#}").contains("cannot save progress"),
            "{err:#}"
        );
    }

    #[cfg(unix)]
    #[test]
    fn a_symlinked_state_file_stays_a_symlink() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("real.json");
        let link = dir.path().join("progress.json");
        std::os::unix::fs::symlink(&target, &link).unwrap();
        let mut store = Store::open(&link).unwrap();
        store.commit("backend", &done(&["a/b/c"])).unwrap();
        assert!(
            fs::symlink_metadata(&link)
                .unwrap()
                .file_type()
                .is_symlink()
        );
        assert_eq!(
            Store::open(&target).unwrap().progress("backend"),
            progress(&["a/b/c"])
        );
    }

    #[test]
    fn in_memory_store_never_touches_disk() {
        let mut store = Store::in_memory();
        store.commit("backend", &done(&["a/b/c"])).unwrap();
        assert_eq!(store.path(), None);
        assert_eq!(store.progress("backend"), progress(&["a/b/c"]));
    }
}
