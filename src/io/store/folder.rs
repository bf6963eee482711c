//! The progress folder around this device's log: which device this is,
//! the other devices' logs (and the stray copies sync tools make of them),
//! and the older single-file formats converted into the folder. The store
//! ([`super`]) owns this device's log; this module reads the others and
//! never writes them.
//!
//! A device's id is kept outside the folder (the folder may be synced, and
//! the id must stay on the machine that made it).

use std::collections::BTreeMap;
use std::ffi::OsString;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use super::{Look, looks, write_new};
use crate::domain::plural;
use crate::format::progress_log::{self, Kind, Record};

/// Where a progress folder's files are.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Place {
    /// The progress folder: every device's log.
    pub folder: PathBuf,
    /// Where this device's id is kept, never inside `folder`.
    pub device_file: PathBuf,
    /// A file in an older format (version 1 or 2), converted into the
    /// folder at the first save while the folder has no log of this
    /// device.
    pub legacy: Option<PathBuf>,
}

impl Place {
    /// A folder at `path` with the device id beside it (`device` in the
    /// same parent): what tests and `--state` without a home use. A file
    /// at `path` is an older progress file, converted in place.
    pub fn beside(path: &Path) -> Place {
        Place {
            folder: path.to_owned(),
            device_file: super::files::parent(path).join(DEVICE_FILE_NAME),
            legacy: None,
        }
    }
}

/// The name of the file holding this device's id.
pub const DEVICE_FILE_NAME: &str = "device";

/// What a device's log is called in the folder.
pub fn log_name(device: &str) -> String {
    format!("{device}.{LOG_EXTENSION}")
}

const LOG_EXTENSION: &str = "jsonl";

/// A fresh device id: 16 hex digits of OS randomness.
pub fn new_device_id() -> io::Result<String> {
    let n = getrandom::u64().map_err(|err| io::Error::other(err.to_string()))?;
    Ok(format!("{n:016x}"))
}

/// Whether `id` could be a device id we wrote (and so a file name part).
fn is_device_id(id: &str) -> bool {
    !id.is_empty() && id.len() <= 64 && id.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-')
}

/// This device's id as kept in `file`, if it is there and sound.
pub fn load_device(file: &Path) -> Option<String> {
    let text = fs::read_to_string(file).ok()?;
    let id = text.trim();
    is_device_id(id).then(|| id.to_owned())
}

/// Keeps `id` in `file` unless another id is there already (another
/// `roadmap` of this user got there first): returns the id in force.
pub fn save_device(file: &Path, id: &str) -> io::Result<String> {
    if let Some(existing) = load_device(file) {
        return Ok(existing);
    }
    fs::create_dir_all(super::files::parent(file))?;
    match write_new(file, file, format!("{id}\n").as_bytes()) {
        Ok(()) => Ok(id.to_owned()),
        Err(err) if err.kind() == io::ErrorKind::AlreadyExists => load_device(file).ok_or(err),
        Err(err) => Err(err),
    }
}

/// Replaces the id in `file` with `id` (a fresh one, after a copied home).
pub fn replace_device(file: &Path, id: &str) -> io::Result<()> {
    super::write_atomically(file, format!("{id}\n").as_bytes())
}

/// Another device's log, or a copy of one, as last read.
#[derive(Debug)]
struct Peer {
    look: Look,
    records: Vec<Record>,
}

/// The logs in the folder other than this device's.
#[derive(Debug, Default)]
pub struct Peers {
    peers: BTreeMap<OsString, Peer>,
    /// How the folder looked at the last scan: a new or renamed file
    /// changes it.
    folder: Option<Look>,
}

impl Peers {
    /// Reads the logs in `folder` other than `own` (a file name) that are
    /// new or changed since the last scan. Returns whether any changed,
    /// and adds a notice for each one that is damaged or too new.
    pub fn scan(&mut self, folder: &Path, own: &str, notices: &mut Vec<String>) -> bool {
        let look = looks(folder);
        let unchanged_folder = look.is_some() && look == self.folder;
        if unchanged_folder
            && self
                .peers
                .iter()
                .all(|(name, peer)| looks(&folder.join(name)) == Some(peer.look))
        {
            return false;
        }
        self.folder = look;
        let mut found = BTreeMap::new();
        let mut changed = false;
        for name in log_names(folder, own) {
            let path = folder.join(&name);
            let Some(look) = looks(&path) else { continue };
            match self.peers.remove(&name) {
                Some(peer) if peer.look == look => {
                    found.insert(name, peer);
                }
                _ => {
                    changed = true;
                    if let Some(peer) = read_peer(&path, look, notices) {
                        found.insert(name, peer);
                    }
                }
            }
        }
        changed |= !self.peers.is_empty();
        self.peers = found;
        changed
    }

    /// Every change in the other logs.
    pub fn records(&self) -> impl Iterator<Item = &Record> {
        self.peers.values().flat_map(|peer| &peer.records)
    }
}

/// The names of the logs in `folder` other than `own`: every `*.jsonl`
/// regular file not hidden (a sync tool's or our own temporary).
fn log_names(folder: &Path, own: &str) -> Vec<OsString> {
    let Ok(entries) = fs::read_dir(folder) else {
        return Vec::new();
    };
    let mut names: Vec<OsString> = entries
        .flatten()
        .map(|entry| entry.file_name())
        .filter(|name| {
            let bytes = name.as_encoded_bytes();
            !bytes.starts_with(b".")
                && bytes.ends_with(format!(".{LOG_EXTENSION}").as_bytes())
                && name.as_os_str() != own
        })
        .filter(|name| fs::metadata(folder.join(name)).is_ok_and(|m| m.is_file()))
        .collect();
    names.sort();
    names
}

/// Reads another device's log: its good lines, whatever the damage. A
/// torn last line is a sync in flight, not damage, and is not mentioned.
fn read_peer(path: &Path, look: Look, notices: &mut Vec<String>) -> Option<Peer> {
    let shown = path.display();
    let bytes = match fs::read(path) {
        Ok(bytes) => bytes,
        Err(err) => {
            notices.push(format!(
                "the progress log {shown} (another device's) cannot be read ({err}); \
                 its changes are not shown"
            ));
            return None;
        }
    };
    let stem = path
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    let read = progress_log::read(&bytes, &stem);
    match read.kind {
        Kind::Newer(version) => {
            notices.push(format!(
                "the progress log {shown} was written by a newer roadmap (format {version}; \
                 this one reads up to {}): its changes are not shown; upgrade roadmap",
                progress_log::VERSION
            ));
            return None;
        }
        Kind::Unknown => notices.push(format!(
            "the progress log {shown} (another device's) is not a progress log, or its first \
             line is damaged; {} used, and it is left as it is",
            plural::count_as(
                read.lines.records.len(),
                "readable change is",
                "readable changes are"
            ),
        )),
        _ if !read.lines.unreadable.is_empty() => notices.push(format!(
            "the progress log {shown} (another device's) has {}; its other changes are used, \
             and it is left as it is",
            plural::count(read.lines.unreadable.len(), "unreadable line"),
        )),
        _ => {}
    }
    Some(Peer {
        look,
        records: read.lines.records,
    })
}

/// Where an older progress file is kept once converted: the first free
/// [`backup_name`].
pub fn legacy_backup(legacy: &Path, kind: Kind) -> PathBuf {
    (1..100)
        .map(|n| backup_name(legacy, kind, n))
        .find(|candidate| fs::symlink_metadata(candidate).is_err())
        .unwrap_or_else(|| backup_name(legacy, kind, 100))
}

/// Moves a converted older file aside, byte for byte (a rename), to the
/// name [`legacy_backup`] gives. Returns where it went.
pub fn retire_legacy(legacy: &Path, kind: Kind) -> io::Result<PathBuf> {
    let backup = legacy_backup(legacy, kind);
    fs::rename(legacy, &backup)?;
    super::sync_dir(super::files::parent(legacy))?;
    Ok(backup)
}

/// `<name>.v<version>.bak` (`n` = 1) or `<name>.v<version>-<n>.bak`.
pub fn backup_name(legacy: &Path, kind: Kind, n: usize) -> PathBuf {
    let version = if kind == Kind::V1 { 1 } else { 2 };
    let suffix = if n == 1 {
        format!(".v{version}.bak")
    } else {
        format!(".v{version}-{n}.bak")
    };
    let mut name = legacy.file_name().unwrap_or_default().to_owned();
    name.push(suffix);
    legacy.with_file_name(name)
}
