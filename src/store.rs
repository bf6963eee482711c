//! The state file: every roadmap's [`Progress`] in one JSON document,
//! keyed by roadmap id. The only code that reads or writes it.
//!
//! Saving is durable (temp file, fsync, rename, fsync of the directory), so
//! a crash leaves either the old file or the new one, never a torn one. A
//! file that cannot be understood is never overwritten: opening it fails
//! and the user decides what to do with it.

use std::collections::BTreeMap;
use std::fs::{self, File};
use std::io::{self, Write};
use std::path::{Path, PathBuf};

use anyhow::{Context, Result, bail};
use serde::{Deserialize, Serialize};

use crate::progress::Progress;

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
        let text = match fs::read_to_string(path) {
            Ok(text) => text,
            // Under a regular file nothing can exist yet: start empty, and
            // let the first save report why progress cannot be kept there.
            Err(err)
                if matches!(
                    err.kind(),
                    io::ErrorKind::NotFound | io::ErrorKind::NotADirectory
                ) =>
            {
                return Ok(Store {
                    path: Some(path.to_owned()),
                    state: StateFile::default(),
                });
            }
            Err(err) => {
                return Err(err)
                    .with_context(|| format!("cannot read the state file {}", path.display()));
            }
        };
        let state = parse(&text).with_context(|| {
            format!(
                "the state file {} cannot be used; it was left untouched \
                 (move it aside to start afresh, or pass --state FILE)",
                path.display()
            )
        })?;
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

    /// The saved progress of roadmap `roadmap_id` (empty if none).
    pub fn progress(&self, roadmap_id: &str) -> Progress {
        self.state
            .roadmaps
            .get(roadmap_id)
            .cloned()
            .unwrap_or_default()
    }

    /// Records `progress` for `roadmap_id` and writes the file durably.
    /// On error the change is still kept in memory, so a later save can
    /// succeed with everything.
    pub fn save(&mut self, roadmap_id: &str, progress: &Progress) -> Result<()> {
        if progress.is_empty() {
            self.state.roadmaps.remove(roadmap_id);
        } else {
            self.state
                .roadmaps
                .insert(roadmap_id.to_owned(), progress.clone());
        }
        let Some(path) = &self.path else {
            return Ok(());
        };
        let mut json = serde_json::to_vec_pretty(&self.state)?;
        json.push(b'\n');
        write_atomically(path, &json)
            .with_context(|| format!("cannot save progress to {}", path.display()))
    }
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

    fn done(keys: &[&str]) -> Progress {
        let mut progress = Progress::default();
        for key in keys {
            progress.set(key, Status::Done, 1_700_000_000);
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
        store.save("backend", &done(&["a/b/c"])).unwrap();
        assert_eq!(
            Store::open(&path).unwrap().progress("backend"),
            done(&["a/b/c"])
        );
    }

    #[test]
    fn saving_one_roadmap_keeps_the_others() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("progress.json");
        let mut store = Store::open(&path).unwrap();
        store.save("one", &done(&["x/y/z"])).unwrap();
        let mut again = Store::open(&path).unwrap();
        again.save("two", &done(&["p/q/r"])).unwrap();
        let reread = Store::open(&path).unwrap();
        assert_eq!(reread.progress("one"), done(&["x/y/z"]));
        assert_eq!(reread.progress("two"), done(&["p/q/r"]));
    }

    #[test]
    fn file_is_versioned_readable_json_and_leaves_no_temp_files() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("progress.json");
        let mut store = Store::open(&path).unwrap();
        store.save("backend", &done(&["l/t/i"])).unwrap();
        let text = fs::read_to_string(&path).unwrap();
        let value: serde_json::Value = serde_json::from_str(&text).unwrap();
        assert_eq!(value["version"], 1);
        assert_eq!(value["roadmaps"]["backend"]["l/t/i"]["status"], "done");
        assert_eq!(
            value["roadmaps"]["backend"]["l/t/i"]["updated"],
            1_700_000_000
        );
        let names: Vec<_> = fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(names, ["progress.json"]);
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
    fn newer_format_is_refused_with_advice() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("progress.json");
        fs::write(&path, r#"{"version": 99, "roadmaps": {}}"#).unwrap();
        let message = format!("{:#}", Store::open(&path).unwrap_err());
        assert!(message.contains("newer roadmap (format 99"), "{message}");
    }

    #[test]
    fn unwritable_location_is_an_error_not_a_panic_and_keeps_memory() {
        let dir = tempfile::tempdir().unwrap();
        let blocker = dir.path().join("not-a-dir");
        fs::write(&blocker, "").unwrap();
        let mut store = Store::open(&blocker.join("progress.json")).unwrap();
        let err = store.save("backend", &done(&["a/b/c"])).unwrap_err();
        assert!(
            format!("{err:#}").contains("cannot save progress"),
            "{err:#}"
        );
        assert_eq!(store.progress("backend"), done(&["a/b/c"]));
    }

    #[test]
    fn in_memory_store_never_touches_disk() {
        let mut store = Store::in_memory();
        store.save("backend", &done(&["a/b/c"])).unwrap();
        assert_eq!(store.path(), None);
        assert_eq!(store.progress("backend"), done(&["a/b/c"]));
    }
}
