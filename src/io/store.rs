//! The progress folder: every roadmap's [`Progress`] and the history of
//! its changes, in one append-only log per device
//! ([`progress_log`] owns the format, [`progress_log::merge`] how the logs
//! combine). This device's log is the one file it writes; the others are
//! read ([`folder`]) and merged. The only code that reads or writes them.
//!
//! Progress is what users cannot recreate, so:
//!
//! - A change is appended and flushed to disk (`fsync`) before
//!   [`Store::commit`] returns, and the app draws it only after that. A
//!   crash at any moment leaves at most a torn last line, which the next
//!   start drops with a notice.
//! - Several processes may share the file (two terminals). Every write
//!   takes a lock and first reads what others appended, so nothing is
//!   overwritten, and each process learns the others' changes.
//! - A file that cannot be read whole is never thrown away: it is copied
//!   byte for byte beside itself before anything else is written, what
//!   could be recovered is used, and if nothing could be, the store is
//!   read-only. A file from a newer `roadmap` is never written to.

mod devices;
pub mod files;
pub mod folder;

use std::collections::BTreeMap;
use std::fs::{self, File, OpenOptions};
use std::io::{self, Read as _, Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant, SystemTime};

use anyhow::{Context, Result, anyhow, bail};

use crate::domain::calendar;
use crate::domain::plural;
use crate::domain::progress::Progress;
use crate::format::progress_log::merge::{Added, Merged};
use crate::format::progress_log::{self, Kind, Record};
use files::{parent, real_path};
pub use folder::Place;

pub use crate::domain::progress::Changes;

/// What another process saved, learnt while reading the file.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub enum Incoming {
    /// Nothing new.
    #[default]
    Nothing,
    /// Items another process of this device changed, each as it now
    /// stands (status and note), any roadmap.
    Changes(Vec<Record>),
    /// The file was replaced or rewritten, or another device's log came
    /// in: everything was read afresh.
    Reloaded,
}

impl Incoming {
    /// This, then `later`.
    pub fn and(self, later: Incoming) -> Incoming {
        match (self, later) {
            (Incoming::Reloaded, _) | (_, Incoming::Reloaded) => Incoming::Reloaded,
            (Incoming::Nothing, later) => later,
            (earlier, Incoming::Nothing) => earlier,
            (Incoming::Changes(mut earlier), Incoming::Changes(later)) => {
                earlier.extend(later);
                Incoming::Changes(earlier)
            }
        }
    }
}

/// Progress for every roadmap, backed by a file (or by nothing, in tests).
#[derive(Debug)]
pub struct Store {
    /// Every device's changes, merged.
    merged: Merged,
    /// This device's changes: what its log holds (or, before the first
    /// save, an older file converted).
    own: Vec<Record>,
    file: Option<StateFile>,
    /// The folder around this device's log; `None` in memory.
    folder: Option<Folder>,
    /// Things the user must be told once (a torn record dropped, a damaged
    /// file backed up), taken by [`Store::take_notices`].
    notices: Vec<String>,
    /// Other processes' changes read by a save that then failed: given
    /// out by the next [`Store::refresh`] or save, so none goes unshown.
    unreported: Incoming,
}

#[derive(Debug)]
struct Folder {
    place: Place,
    /// This device's id; kept in `place.device_file` at the first save.
    device: String,
    device_saved: bool,
    peers: folder::Peers,
    /// An older file still to be converted, and its format.
    legacy: Option<(PathBuf, Kind)>,
}

#[derive(Debug)]
struct StateFile {
    path: PathBuf,
    /// Why nothing may be written, when that is so.
    read_only: Option<String>,
    /// The file as last read; `None` when it did not exist.
    seen: Option<Seen>,
    /// Complete lines read so far, to number damaged lines in messages.
    lines: usize,
    /// What the next write has to do before appending.
    repair: Repair,
}

/// How the file looked when it was last read or written: enough to tell
/// whether it changed since, and how.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Look {
    identity: (u64, u64),
    len: u64,
    modified: Option<SystemTime>,
}

/// What has been read of the file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Seen {
    look: Look,
    /// Where the last readable line ends: the next record goes here.
    end: u64,
    /// The last bytes before `end`, to notice a file rewritten in place.
    last: [u8; LAST],
    last_len: usize,
}

const LAST: usize = 32;

impl Seen {
    /// `read` is the file's content up to `end` (or at least its end).
    fn new(look: Look, end: u64, read: &[u8]) -> Seen {
        let last_len = read.len().min(LAST);
        let mut last = [0; LAST];
        last[..last_len].copy_from_slice(&read[read.len() - last_len..]);
        Seen {
            look,
            end,
            last,
            last_len,
        }
    }

    /// Nothing happened to the file since, and nothing is left to read.
    fn is_current(&self, now: Look) -> bool {
        self.look == now && now.len == self.end
    }
}

/// Whether a store may write: [`Store::open_at`] or [`Store::read_at`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Access {
    Write,
    Read,
}

/// Why a store from [`Store::read_at`] saves nothing.
const ONLY_READ: &str = "progress was opened to be read only";

#[derive(Debug, Clone, PartialEq, Eq)]
enum Repair {
    None,
    /// Cut a torn last line off (at this length) before appending.
    Truncate(u64),
    /// The last line lacks its newline: write one first.
    Newline,
    /// Write the file afresh from the history: it is empty, version 1
    /// (kept as `<name>.v1.bak` first), or damaged (backed up already).
    Rewrite {
        keep_v1: bool,
    },
}

/// `progress.json` style names: an older single file beside a folder.
fn is_regular_file(path: &Path) -> bool {
    fs::metadata(path).is_ok_and(|meta| meta.is_file())
}

impl Store {
    /// Reads the state file at `path`. Never fails: a missing file is an
    /// empty store (created on the first save), and what cannot be read is
    /// reported through [`Store::take_notices`] and [`Store::read_only`].
    /// Writes nothing but the (empty) lock file beside an existing state
    /// file, and the backup of a damaged one.
    pub fn open(path: &Path) -> Store {
        Store::open_at(Place::beside(path))
    }

    /// Reads the progress folder `place` names, as [`Store::open`] does.
    pub fn open_at(place: Place) -> Store {
        Store::opened(place, Access::Write)
    }

    /// Reads the progress folder `place` names for a look only, as often
    /// as a shell prompt asks: never takes the lock and never writes a
    /// file (no lock file, no copy of a damaged file, no conversion of an
    /// older one, no fresh device id). It reads what a save would, but
    /// for a last line still being written, and it saves nothing.
    pub fn read_at(place: Place) -> Store {
        Store::opened(place, Access::Read)
    }

    fn opened(place: Place, access: Access) -> Store {
        let mut place = place;
        place.folder = real_path(&place.folder);
        // An older file where the folder goes is converted in place; a
        // backup left without its folder by a conversion cut short (a
        // crash between the two renames) is converted again.
        let in_place = is_regular_file(&place.folder).then(|| place.folder.clone());
        let orphaned_backup = || {
            [Kind::V2, Kind::V1]
                .into_iter()
                .map(|kind| folder::backup_name(&place.folder, kind, 1))
                .find(|backup| !place.folder.exists() && is_regular_file(backup))
        };
        let legacy = in_place
            .or_else(orphaned_backup)
            .or_else(|| place.legacy.clone().filter(|path| is_regular_file(path)));
        let saved = folder::load_device(&place.device_file);
        let device_saved = saved.is_some();
        let device = saved
            .or_else(|| folder::new_device_id().ok())
            .unwrap_or_else(|| "device".to_owned());
        let log = place.folder.join(folder::log_name(&device));
        let mut store = Store {
            merged: Merged::default(),
            own: Vec::new(),
            file: Some(StateFile {
                path: log,
                read_only: None,
                seen: None,
                lines: 0,
                repair: Repair::None,
            }),
            folder: Some(Folder {
                place,
                device,
                device_saved,
                peers: folder::Peers::default(),
                legacy: legacy.map(|path| (path, Kind::Empty)),
            }),
            notices: Vec::new(),
            unreported: Incoming::Nothing,
        };
        if access == Access::Read
            && let Some(file) = &mut store.file
        {
            file.read_only = Some(ONLY_READ.to_owned());
        }
        if let Some(folder) = &store.folder
            && let Ok(meta) = fs::metadata(&folder.place.folder)
            && !meta.is_dir()
            && !meta.is_file()
            && let Some(file) = &mut store.file
        {
            // A device or a FIFO (`/dev/zero` reads for ever) is never read.
            let reason = format!(
                "the progress folder {} is not a folder",
                folder.place.folder.display()
            );
            store.notices.push(format!(
                "{reason}; nothing will be saved this session (pass --state DIR)"
            ));
            file.read_only = Some(reason);
            return store;
        }
        // Under the lock, a half-written line is a torn one, not another
        // process's write in flight. Without it (a read-only place, or
        // another process saving right now) the read goes ahead all the
        // same: whole lines are all it takes in, and it never waits.
        if let Some(file) = &store.file {
            // Nothing to lock (nor to create a lock file for) when there
            // is no state file yet.
            let lock = looks(&file.path)
                .filter(|_| access == Access::Write)
                .and_then(|_| try_lock(&file.path, false, Duration::ZERO).ok().flatten());
            if lock.is_some() {
                store.remove_leftovers();
            }
            store.reload(lock.is_some());
        }
        store.untangle();
        store
    }

    /// A store that keeps progress in memory only.
    pub fn in_memory() -> Store {
        Store {
            merged: Merged::default(),
            own: Vec::new(),
            file: None,
            folder: None,
            notices: Vec::new(),
            unreported: Incoming::Nothing,
        }
    }

    /// The progress folder.
    pub fn path(&self) -> Option<&Path> {
        self.folder
            .as_ref()
            .map(|folder| folder.place.folder.as_path())
    }

    /// This device's log in it.
    pub fn log_path(&self) -> Option<&Path> {
        self.file.as_ref().map(|file| file.path.as_path())
    }

    /// This device's id.
    pub fn device(&self) -> Option<&str> {
        self.folder.as_ref().map(|folder| folder.device.as_str())
    }

    /// Why nothing is saved this session, when the file could not be
    /// used at all.
    pub fn read_only(&self) -> Option<&str> {
        self.file.as_ref()?.read_only.as_deref()
    }

    /// Messages for the user about the file not yet taken.
    pub fn notices(&self) -> &[String] {
        &self.notices
    }

    /// Messages for the user about the file, each given once.
    pub fn take_notices(&mut self) -> Vec<String> {
        std::mem::take(&mut self.notices)
    }

    /// The progress of roadmap `roadmap_id` (empty if none).
    pub fn progress(&self, roadmap_id: &str) -> Progress {
        self.merged
            .progress(roadmap_id)
            .cloned()
            .unwrap_or_default()
    }

    /// Every change ever saved on any device, oldest first, all roadmaps.
    pub fn history(&self) -> &[Record] {
        self.merged.history()
    }

    /// Saves `changes` to roadmap `roadmap_id`, made at time `now`. When
    /// this returns `Ok`, they are on disk. Returns what other processes
    /// saved since this one last looked. On error nothing was saved; the
    /// caller keeps the changes to try again.
    pub fn commit(&mut self, roadmap_id: &str, changes: &Changes, now: u64) -> Result<Incoming> {
        self.commit_with_notes(roadmap_id, changes, &BTreeMap::new(), now)
    }

    /// Saves `changes` and `notes` (item key → its note) to roadmap
    /// `roadmap_id` in one append, as [`Store::commit`] does: what
    /// `import --with-progress` records. A note's record changes the note
    /// only.
    pub fn commit_with_notes(
        &mut self,
        roadmap_id: &str,
        changes: &Changes,
        notes: &BTreeMap<String, String>,
        now: u64,
    ) -> Result<Incoming> {
        self.append(now, |_| {
            let statuses = changes
                .iter()
                .map(|(item, entry)| Record::new(roadmap_id, item, *entry, now));
            let notes = notes
                .iter()
                .map(|(item, note)| Record::note(roadmap_id, item, note, now));
            Ok(statuses.chain(notes).collect())
        })
    }

    /// Saves `note` (`""`: none) on item `item` of roadmap `roadmap_id`,
    /// durably, as [`Store::commit`] saves statuses, if the note is still
    /// `was` (the text the edit started from): a note another session
    /// saved meanwhile is never overwritten unseen. The record changes the
    /// note only, so it never undoes another session's status either.
    pub fn commit_note(
        &mut self,
        roadmap_id: &str,
        item: &str,
        was: &str,
        note: &str,
        now: u64,
    ) -> Result<Incoming> {
        self.append(now, |store| {
            let progress = store.merged.progress(roadmap_id);
            let now_there = progress.and_then(|p| p.note(item)).unwrap_or("");
            if now_there != was {
                bail!("the note was changed in another window meanwhile");
            }
            Ok(vec![Record::note(roadmap_id, item, note, now)])
        })
    }

    /// Saves the goal of `target` (`""`: the whole roadmap, else a level's
    /// id) of roadmap `roadmap_id`: `by` (a day; `None` removes it),
    /// durably, as [`Store::commit`] saves statuses.
    pub fn commit_goal(
        &mut self,
        roadmap_id: &str,
        target: &str,
        by: Option<i64>,
        now: u64,
    ) -> Result<Incoming> {
        self.append(now, |_| Ok(vec![Record::goal(roadmap_id, target, by, now)]))
    }

    /// Appends the records `make` builds from the state as it is once the
    /// file has been caught up with, under the lock, stamped as this
    /// device's next changes, made at `now`.
    fn append(
        &mut self,
        now: u64,
        make: impl FnOnce(&Store) -> Result<Vec<Record>>,
    ) -> Result<Incoming> {
        // The device's id is kept, and an older file moved aside, before
        // the lock: both decide where the lock and the log are.
        if let Err(err) = self.save_device().and_then(|()| self.make_room()) {
            let shown = self
                .path()
                .map(|p| p.display().to_string())
                .unwrap_or_default();
            return Err(anyhow::Error::from(err))
                .with_context(|| format!("cannot save progress to {shown}"));
        }
        let (records, incoming) = match &self.file {
            None => (self.stamp(make(self)?, now), Incoming::Nothing),
            Some(file) => {
                let path = file.path.clone();
                let saving = || format!("cannot save progress to {}", path.display());
                if let Some(reason) = &file.read_only {
                    return Err(anyhow!("{reason}")).with_context(saving);
                }
                let _lock = match try_lock(&path, true, SAVE_PATIENCE) {
                    Ok(Some(lock)) => lock,
                    Ok(None) => {
                        let busy = Busy {
                            lock: files::lock(&path),
                        };
                        return Err(anyhow::Error::new(busy)).with_context(saving);
                    }
                    Err(err) => return Err(err).with_context(saving),
                };
                let incoming = self.catch_up(true).with_context(saving)?;
                let incoming = std::mem::take(&mut self.unreported).and(incoming);
                let records = match make(self) {
                    Ok(records) => self.stamp(records, now),
                    Err(err) => {
                        // What was read still has to reach the app.
                        self.unreported = incoming;
                        return Err(err);
                    }
                };
                let written = match self.read_only() {
                    Some(reason) => Err(anyhow!("{reason}")),
                    None => self.write(&records).map_err(anyhow::Error::from),
                };
                if let Err(err) = written {
                    self.unreported = incoming;
                    return Err(err).with_context(saving);
                }
                (records, incoming)
            }
        };
        for record in records {
            self.merged.add(record.clone());
            self.own.push(record);
        }
        self.untangle();
        Ok(incoming)
    }

    /// Takes in what other processes saved, if the file changed since it
    /// was last read. Cheap when it did not: one `stat`.
    pub fn refresh(&mut self) -> Incoming {
        let Some(file) = &self.file else {
            return Incoming::Nothing;
        };
        let unchanged = match (file.seen, looks(&file.path)) {
            (Some(seen), Some(now)) => seen.is_current(now),
            (None, None) => true,
            _ => false,
        };
        let read_only = file.read_only.is_some();
        let unreported = std::mem::take(&mut self.unreported);
        let peers = if self.scan_peers() {
            self.rebuild();
            self.untangle();
            Incoming::Reloaded
        } else {
            Incoming::Nothing
        };
        let unreported = unreported.and(peers);
        if read_only || unchanged {
            return unreported;
        }
        // Never waits: a save in flight leaves at most a partial last
        // line, which is read once it is whole.
        let lock = self
            .file
            .as_ref()
            .and_then(|file| try_lock(&file.path, false, Duration::ZERO).ok().flatten());
        // A failed read is tried again at the next key or save.
        let incoming = unreported.and(self.catch_up(lock.is_some()).unwrap_or_default());
        drop(lock);
        self.untangle();
        incoming
    }

    /// Reads whatever changed in the file since it was last read, holding
    /// the lock or not (`locked`). An error means nothing was read, and
    /// nothing may be written.
    fn catch_up(&mut self, locked: bool) -> io::Result<Incoming> {
        let Some(file) = &mut self.file else {
            return Ok(Incoming::Nothing);
        };
        let (seen, now) = match (file.seen, looks(&file.path)) {
            (None, None) => return Ok(Incoming::Nothing),
            (None, Some(_)) => {
                self.reload(locked);
                return Ok(Incoming::Reloaded);
            }
            (Some(_), None) => {
                // Removed (perhaps by a sync tool, for a moment): what this
                // session knows is written back whole at the next save.
                file.seen = None;
                file.lines = 0;
                file.repair = Repair::None;
                self.notices.push(format!(
                    "the state file {} was removed by something else; it will be written again, \
                     with all the progress shown here, at the next change",
                    file.path.display()
                ));
                return Ok(Incoming::Nothing);
            }
            (Some(seen), Some(now)) => (seen, now),
        };
        if seen.is_current(now) {
            return Ok(Incoming::Nothing);
        }
        if now.identity != seen.look.identity || now.len < seen.end {
            // Replaced, or rewritten shorter: read it all again.
            self.reload(locked);
            return Ok(Incoming::Reloaded);
        }
        let from = seen.end - seen.last_len as u64;
        let bytes = read_from(&file.path, from)?;
        let (before, tail) = bytes.split_at(seen.last_len.min(bytes.len()));
        if before != &seen.last[..seen.last_len] {
            // Rewritten in place: what was read before is not there.
            self.reload(locked);
            return Ok(Incoming::Reloaded);
        }
        let lines = progress_log::lines(tail, file.lines + 1);
        if !lines.unreadable.is_empty() {
            self.reload(locked);
            return Ok(Incoming::Reloaded);
        }
        let end = seen.end + lines.end as u64;
        file.seen = Some(Seen::new(now, end, &bytes[..before.len() + lines.end]));
        file.lines += lines.lines;
        // A rewrite already due (an empty or damaged file) stays due.
        if !matches!(file.repair, Repair::Rewrite { .. }) {
            file.repair = tail_repair(&lines, end);
        }
        let mut changed = Vec::new();
        for record in lines.records {
            if self.merged.add(record.clone()) == Added::New(true) {
                changed.push((record.roadmap.clone(), record.item.clone()));
            }
            self.own.push(record);
        }
        if changed.is_empty() {
            return Ok(Incoming::Nothing);
        }
        Ok(Incoming::Changes(
            changed
                .into_iter()
                .map(|(roadmap, item)| self.as_it_stands(&roadmap, &item))
                .collect(),
        ))
    }

    /// Removes temporaries a process killed during a rewrite or a copy
    /// left beside the state file. Called only with the lock held, so no
    /// process of ours is writing one; only this state file's own, and an
    /// older build's (named alike for every state file) once they are old.
    fn remove_leftovers(&self) {
        let Some(file) = &self.file else {
            return;
        };
        let Ok(entries) = fs::read_dir(parent(&file.path)) else {
            return;
        };
        for entry in entries.flatten() {
            let name = entry.file_name();
            let Ok(meta) = entry.metadata() else {
                continue;
            };
            let old = || {
                meta.modified()
                    .ok()
                    .and_then(|at| at.elapsed().ok())
                    .is_some_and(|age| age > LEGACY_TEMP_AGE)
            };
            let leftover = meta.is_file()
                && (files::is_temp(&file.path, &name) || (files::is_legacy_temp(&name) && old()));
            if leftover {
                // Quietly: a temporary never held anything the state file
                // lacks, as it had not been renamed into place.
                let _ = fs::remove_file(entry.path());
            }
        }
    }

    /// Reads the whole file afresh and decides what the next write must
    /// do. The caller holds the lock where it can (`locked`): without it a
    /// partial last line may be another process's save in flight, so it is
    /// neither announced nor copied (the write that cuts it, under the
    /// lock, copies it first).
    fn reload(&mut self, locked: bool) {
        self.reload_own(locked);
        self.scan_peers();
        self.rebuild();
    }

    /// This device's log, read whole ([`Store::reload`]), or while it is
    /// not there, the older file that is converted into it.
    fn reload_own(&mut self, locked: bool) {
        let Some(file) = &mut self.file else {
            return;
        };
        self.own.clear();
        file.seen = None;
        file.lines = 0;
        file.repair = Repair::None;
        let shown = file.path.display().to_string();
        // A directory, a FIFO or a device (`/dev/zero` reads forever) is
        // never read, let alone written.
        if let Ok(meta) = fs::metadata(&file.path)
            && !meta.is_file()
        {
            let reason = format!("the state file {shown} is not a regular file");
            self.notices.push(format!(
                "{reason}; nothing will be saved this session (pass --state DIR)"
            ));
            file.read_only = Some(reason);
            return;
        }
        let bytes = match fs::read(&file.path) {
            Ok(bytes) => bytes,
            // Under a regular file nothing can exist yet: start empty, and
            // let the first save report why progress cannot be kept there.
            Err(err)
                if matches!(
                    err.kind(),
                    io::ErrorKind::NotFound | io::ErrorKind::NotADirectory
                ) =>
            {
                self.read_legacy();
                return;
            }
            Err(err) => {
                let reason = format!("the state file {shown} cannot be read ({err})");
                self.notices.push(format!(
                    "{reason}; nothing will be saved this session (fix it, or pass --state DIR)"
                ));
                file.read_only = Some(reason);
                return;
            }
        };
        let device = self.folder.as_ref().map_or("", |f| f.device.as_str());
        let read = progress_log::read(&bytes, device);
        let look = looks(&file.path).unwrap_or(Look {
            identity: (0, 0),
            len: bytes.len() as u64,
            modified: None,
        });
        file.seen = Some(Seen::new(
            look,
            read.lines.end as u64,
            &bytes[..read.lines.end],
        ));
        file.lines = read.lines.lines;
        let lines = read.lines;
        match read.kind {
            Kind::Newer(version) => {
                let reason = format!(
                    "the state file {shown} was written by a newer roadmap (format {version}; \
                     this one reads up to {}): it is left as it is",
                    progress_log::VERSION
                );
                self.notices.push(format!(
                    "{reason}, and nothing will be saved this session; upgrade roadmap"
                ));
                file.read_only = Some(reason);
                return;
            }
            Kind::Empty => file.repair = Repair::Rewrite { keep_v1: false },
            Kind::V1 => file.repair = Repair::Rewrite { keep_v1: true },
            Kind::V2 if lines.unreadable.is_empty() => {
                file.repair = Repair::Rewrite { keep_v1: true }
            }
            Kind::Current if lines.unreadable.is_empty() => {
                file.repair = tail_repair(&lines, lines.end as u64);
                if lines.torn > 0 && locked {
                    let torn = &bytes[lines.end..];
                    let kept = match keep_copy(&file.path, CopyKind::Cut, torn) {
                        Ok(copy) => format!("a byte-for-byte copy is at {}", copy.display()),
                        // The cut waits for a copy: see `write`.
                        Err(err) => format!("it could not be copied aside yet ({err})"),
                    };
                    self.notices.push(format!(
                        "the last change in {shown} was cut short ({} bytes: most likely a \
                         crash while saving, or an edit by hand) and was skipped; {kept}; \
                         everything before it is kept",
                        lines.torn
                    ));
                }
            }
            Kind::Current | Kind::V2 | Kind::Unknown => {
                let what = if read.kind == Kind::Unknown {
                    "is not a roadmap state file, or its first line is damaged".to_owned()
                } else {
                    format!(
                        "has {} ({})",
                        plural::count(lines.unreadable.len(), "unreadable line"),
                        line_list(&lines.unreadable)
                    )
                };
                if file.read_only.is_some() {
                    // Only read: the copy waits for a store that writes.
                    self.notices.push(format!(
                        "the state file {shown} {what}; {} read and the rest skipped",
                        plural::count_as(lines.records.len(), "change was", "changes were"),
                    ));
                    self.own = lines.records;
                    return;
                }
                let kept = match keep_copy(&file.path, CopyKind::Damaged, &bytes) {
                    Ok(backup) => backup,
                    Err(err) => {
                        let reason = format!(
                            "the state file {shown} {what}, and it could not be copied aside \
                             ({err}), so it is left as it is"
                        );
                        self.notices
                            .push(format!("{reason}; nothing will be saved this session"));
                        file.read_only = Some(reason);
                        return;
                    }
                };
                if lines.records.is_empty() {
                    let reason = format!(
                        "the state file {shown} {what}, and no progress could be recovered from \
                         it; it is left as it is (a copy is at {})",
                        kept.display()
                    );
                    self.notices.push(format!(
                        "{reason}; nothing will be saved this session (move it aside to start \
                         afresh, or pass --state DIR)"
                    ));
                    file.read_only = Some(reason);
                    return;
                }
                self.notices.push(format!(
                    "the state file {shown} {what}; {} recovered and the rest \
                     skipped; the file as it was is kept at {}",
                    plural::count_as(lines.records.len(), "change was", "changes were"),
                    kept.display()
                ));
                file.repair = Repair::Rewrite { keep_v1: false };
            }
        }
        self.own = lines.records;
    }

    /// Writes `records` after what the file holds, repairing it first if
    /// need be. The caller holds the lock and has caught up.
    fn write(&mut self, records: &[Record]) -> io::Result<()> {
        let Some(file) = &mut self.file else {
            return Ok(());
        };
        let new_bytes = progress_log::encode(records);
        let device = self
            .folder
            .as_ref()
            .map_or("", |f| f.device.as_str())
            .to_owned();
        let rewrite = match (&file.seen, &file.repair) {
            (None, _) => Some(false),
            (Some(_), Repair::Rewrite { keep_v1 }) => Some(*keep_v1),
            _ => None,
        };
        if let Some(keep_v1) = rewrite {
            if keep_v1 {
                backup_v1(&file.path)?;
            }
            let mut bytes = progress_log::header(&device);
            bytes.extend(progress_log::encode(&self.own));
            bytes.extend_from_slice(&new_bytes);
            write_atomically(&file.path, &bytes)?;
            let legacy = self.folder.as_mut().and_then(|f| f.legacy.take());
            let retired = match &legacy {
                Some((path, kind)) if is_regular_file(path) && kind.is_legacy() => {
                    Some(folder::retire_legacy(path, *kind)?)
                }
                _ => None,
            };
            if let Some(backup) = retired {
                self.notices.push(format!(
                    "progress was converted to this version's folder {}; the file as it was is \
                     kept at {}",
                    parent(&file.path).display(),
                    backup.display()
                ));
            }
            let look = looks(&file.path).ok_or(io::ErrorKind::NotFound)?;
            file.seen = Some(Seen::new(look, bytes.len() as u64, &bytes));
            file.lines = 1 + self.own.len() + records.len();
            file.repair = Repair::None;
            return Ok(());
        }
        let Some(seen) = file.seen else {
            return Ok(());
        };
        let mut out = OpenOptions::new().write(true).open(&file.path)?;
        let mut bytes = Vec::with_capacity(new_bytes.len() + 1);
        match file.repair {
            Repair::Truncate(len) => {
                // Whatever is cut is kept first: a crash's torn line, or
                // a hand edit that lost its last newline.
                let cut = read_from(&file.path, len)?;
                if !cut.is_empty() {
                    keep_copy(&file.path, CopyKind::Cut, &cut)?;
                }
                out.set_len(len)?
            }
            Repair::Newline => bytes.push(b'\n'),
            _ => {}
        }
        bytes.extend_from_slice(&new_bytes);
        out.seek(SeekFrom::Start(seen.end))?;
        let written = write_durably(&mut out, &bytes);
        if let Err(err) = written {
            // A full disk may have taken half a line: cut it off, so the
            // file stays as it was.
            let _ = out.set_len(seen.end);
            let _ = out.sync_data();
            return Err(err);
        }
        let end = seen.end + bytes.len() as u64;
        let mut read = seen.last[..seen.last_len].to_vec();
        read.extend_from_slice(&bytes);
        let look = looks(&file.path).ok_or(io::ErrorKind::NotFound)?;
        file.seen = Some(Seen::new(look, end, &read));
        file.lines += records.len() + usize::from(file.repair == Repair::Newline);
        file.repair = Repair::None;
        Ok(())
    }
}

/// The repair a file needs whose readable part ends at `end`.
fn tail_repair(lines: &progress_log::Lines, end: u64) -> Repair {
    if lines.torn > 0 {
        Repair::Truncate(end)
    } else if lines.unterminated {
        Repair::Newline
    } else {
        Repair::None
    }
}

/// `3, 7, 12` (at most five, then `…`).
fn line_list(numbers: &[usize]) -> String {
    let mut shown: Vec<String> = numbers
        .iter()
        .take(5)
        .map(|n| format!("line {n}"))
        .collect();
    if numbers.len() > 5 {
        shown.push("…".to_owned());
    }
    shown.join(", ")
}

/// How the file at `path` looks now, if it exists.
fn looks(path: &Path) -> Option<Look> {
    let meta = fs::metadata(path).ok()?;
    Some(Look {
        identity: identity_of(&meta),
        len: meta.len(),
        modified: meta.modified().ok(),
    })
}

/// Which file this is: a file replaced by a rename has another identity.
#[cfg(unix)]
fn identity_of(meta: &fs::Metadata) -> (u64, u64) {
    use std::os::unix::fs::MetadataExt;
    (meta.dev(), meta.ino())
}

#[cfg(not(unix))]
fn identity_of(meta: &fs::Metadata) -> (u64, u64) {
    let nanos = meta
        .modified()
        .ok()
        .and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok())
        .map_or(0, |d| d.as_nanos() as u64);
    (nanos, 0)
}

fn read_from(path: &Path, offset: u64) -> io::Result<Vec<u8>> {
    let mut file = File::open(path)?;
    file.seek(SeekFrom::Start(offset))?;
    let mut bytes = Vec::new();
    file.read_to_end(&mut bytes)?;
    Ok(bytes)
}

/// Serialises writers (and careful readers) between processes. The lock
/// lives on a file of its own because the state file is sometimes
/// replaced. Released when the returned file is closed. Waits at most
/// `patience`, then returns `Ok(None)` if another process still holds it.
/// Waiting longer, and for how long, is the caller's choice (the app
/// retries between frames; a command waits a few seconds), so nothing
/// ever hangs on another process.
fn try_lock(path: &Path, create_dir: bool, patience: Duration) -> io::Result<Option<File>> {
    let lock_path = files::lock(path);
    if create_dir && let Some(dir) = lock_path.parent().filter(|d| !d.as_os_str().is_empty()) {
        fs::create_dir_all(dir)?;
    }
    let file = OpenOptions::new()
        .create(true)
        .truncate(false)
        .write(true)
        .open(lock_path)?;
    let deadline = Instant::now() + patience;
    loop {
        match file.try_lock() {
            Ok(()) => return Ok(Some(file)),
            Err(fs::TryLockError::WouldBlock) if Instant::now() < deadline => {
                std::thread::sleep(Duration::from_millis(2));
            }
            Err(fs::TryLockError::WouldBlock) => return Ok(None),
            Err(fs::TryLockError::Error(err)) => return Err(err),
        }
    }
}

/// How long a save waits for a lock another save holds: long enough for
/// that save's `fsync` on a slow disk, short enough not to be seen.
const SAVE_PATIENCE: Duration = Duration::from_millis(100);

/// A save found the lock held by another process: nothing was read or
/// written, and the same save can simply be tried again.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Busy {
    /// The lock file.
    pub lock: PathBuf,
}

impl std::fmt::Display for Busy {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "another process holds the lock {} (another roadmap saving, or a tool)",
            self.lock.display()
        )
    }
}

impl std::error::Error for Busy {}

/// How long a command, or the app on its way out, waits for another
/// process's lock before it gives up and says so. A save holds it for
/// milliseconds, so a lock held this long is stuck, not busy.
pub const LOCK_WAIT: Duration = Duration::from_secs(5);

/// Temporaries older than this are a crash's leftovers whoever made them.
const LEGACY_TEMP_AGE: Duration = Duration::from_secs(10 * 60);

/// The kinds of copy the store keeps before it changes a file.
#[derive(Debug, Clone, Copy)]
enum CopyKind {
    /// A damaged file, whole.
    Damaged,
    /// The torn last line of a file, cut off before the next append.
    Cut,
    /// A version 1 file, whole, before it is converted.
    V1,
}

/// Copies `bytes` (from the file at `path`) beside it, named for its
/// kind (`<name>.damaged-<UTC time>`, `<name>.cut-<UTC time>`,
/// `<name>.v1.bak`), unless an identical copy of that kind is there
/// already (the same damage seen at an earlier start, a conversion that
/// failed before). The copy exists whole or not at all, and an older one
/// is never replaced. Returns where it is.
fn keep_copy(path: &Path, kind: CopyKind, bytes: &[u8]) -> io::Result<PathBuf> {
    let [damaged, cut, v1] = files::copy_prefixes(path);
    let prefix = match kind {
        CopyKind::Damaged => damaged,
        CopyKind::Cut => cut,
        CopyKind::V1 => v1,
    };
    for entry in fs::read_dir(parent(path))?.flatten() {
        if entry.file_name().to_string_lossy().starts_with(&prefix)
            && entry
                .metadata()
                .is_ok_and(|m| m.is_file() && m.len() == bytes.len() as u64)
            && fs::read(entry.path()).is_ok_and(|copy| copy == bytes)
        {
            return Ok(entry.path());
        }
    }
    let stamp = calendar::stamp(calendar::now());
    let name = |n| match kind {
        CopyKind::Damaged => files::damaged(path, &stamp, n),
        CopyKind::Cut => files::cut(path, &stamp, n),
        CopyKind::V1 if n == 1 => files::v1_backup(path),
        CopyKind::V1 => files::v1_backup_at(path, &format!("{stamp}-{n}")),
    };
    for n in 1..100 {
        let candidate = name(n);
        match write_new(path, &candidate, bytes) {
            Ok(()) => return Ok(candidate),
            Err(err) if err.kind() == io::ErrorKind::AlreadyExists => {}
            Err(err) => return Err(err),
        }
    }
    Err(io::Error::new(
        io::ErrorKind::AlreadyExists,
        "too many copies made this second",
    ))
}

/// Keeps a version 1 file as `<name>.v1.bak` before it is rewritten, as
/// `docs/state-format.md` promises.
fn backup_v1(path: &Path) -> io::Result<()> {
    keep_copy(path, CopyKind::V1, &fs::read(path)?).map(drop)
}

/// Writes `copy`, a file beside the state file `state` that must not
/// exist yet, readable by its owner only, as the state itself is written:
/// a temporary file, flushed, then given its name. A full disk or a crash
/// leaves no half copy under that name.
fn write_new(state: &Path, copy: &Path, bytes: &[u8]) -> io::Result<()> {
    let temp = complete_temp(state, bytes)?;
    temp.persist_noclobber(copy).map_err(|err| err.error)?;
    sync_dir(parent(copy))
}

/// A temporary file beside `state`, named as [`files::temp_affixes`]
/// says, holding `bytes` on disk. Removed again if dropped.
fn complete_temp(state: &Path, bytes: &[u8]) -> io::Result<tempfile::NamedTempFile> {
    let dir = parent(state);
    let (prefix, suffix) = files::temp_affixes(state);
    let mut temp = tempfile::Builder::new()
        .prefix(&prefix)
        .suffix(suffix)
        .tempfile_in(dir)?;
    write_durably(temp.as_file_mut(), bytes)?;
    Ok(temp)
}

/// Writes `bytes` at the file's position and flushes them to disk: where
/// every byte the store writes goes out, so that tests can fill the disk
/// up here ([`tests::disk`]).
fn write_durably(file: &mut File, bytes: &[u8]) -> io::Result<()> {
    #[cfg(test)]
    let bytes = tests::disk::take(bytes, file)?;
    file.write_all(bytes)?;
    file.sync_data()
}

fn sync_dir(dir: &Path) -> io::Result<()> {
    // A new name in a directory is durable only once the directory is.
    #[cfg(unix)]
    File::open(dir)?.sync_all()?;
    #[cfg(not(unix))]
    let _ = dir;
    Ok(())
}

/// Replaces `path` with `bytes` so that a crash at any point leaves either
/// the old content or the new, whole. `path` has no symlinks left (see
/// [`real_path`]), so a linked state file stays a link to the new file.
/// The view file is written this way too ([`crate::io::view_file`]).
pub(crate) fn write_atomically(path: &Path, bytes: &[u8]) -> io::Result<()> {
    fs::create_dir_all(parent(path))?;
    let temp = complete_temp(path, bytes)?;
    temp.persist(path).map_err(|err| err.error)?;
    sync_dir(parent(path))
}

#[cfg(test)]
mod tests;
