//! The store's dealings with devices: stamping this device's changes,
//! keeping its id, taking a fresh one after a copied home, the other
//! devices' logs merged with its own, and the older single file converted
//! into the folder. The files themselves are [`super::folder`]'s.

use std::fs;
use std::io;

use anyhow::{Context, Result, anyhow, bail};

use super::{Incoming, Kind, LOCK_WAIT, Repair, Store, files, folder, is_regular_file, try_lock};
use crate::domain::{calendar, plural};
use crate::format::progress_log::merge::Merged;
use crate::format::progress_log::{self, Record};

impl Store {
    /// `records` as this device's next changes: numbered after its last,
    /// clocked after every change seen on any device.
    pub(super) fn stamp(&self, records: Vec<Record>, now: u64) -> Vec<Record> {
        let device = self.device().unwrap_or_default().to_owned();
        let mut seq = self.merged.last_seq(&device);
        let mut clock = self.merged.latest();
        records
            .into_iter()
            .map(|record| {
                seq += 1;
                clock = clock.tick(now.saturating_mul(1000));
                record.stamped(&device, seq, clock)
            })
            .collect()
    }
    /// An older file where the folder goes is moved aside (a rename,
    /// byte for byte) before the folder is made. A crash before the log
    /// is written leaves the backup without its folder, which the next
    /// start converts again ([`Store::open_at`]).
    pub(super) fn make_room(&mut self) -> io::Result<()> {
        let Some(folder) = &mut self.folder else {
            return Ok(());
        };
        let Some((path, kind)) = &folder.legacy else {
            return Ok(());
        };
        if *path != folder.place.folder || !is_regular_file(path) || !kind.is_legacy() {
            return Ok(());
        }
        let backup = folder::retire_legacy(path, *kind)?;
        folder.legacy = Some((backup.clone(), Kind::Empty));
        self.notices.push(format!(
            "progress was converted to this version's folder {}; the file as it was is kept at {}",
            folder.place.folder.display(),
            backup.display()
        ));
        Ok(())
    }
    /// Keeps this device's id before its first change is written. If
    /// another `roadmap` of this user kept one first, that one is taken
    /// and its log read, as nothing was written under this one yet.
    pub(super) fn save_device(&mut self) -> io::Result<()> {
        let Some(folder) = &mut self.folder else {
            return Ok(());
        };
        if folder.device_saved {
            return Ok(());
        }
        let kept = folder::save_device(&folder.place.device_file, &folder.device)?;
        folder.device_saved = true;
        if kept != folder.device {
            folder.device = kept;
            if let Some(file) = &mut self.file {
                file.path = folder.place.folder.join(folder::log_name(&folder.device));
                file.seen = None;
            }
            self.reload(false);
            self.unreported = std::mem::take(&mut self.unreported).and(Incoming::Reloaded);
        }
        Ok(())
    }
    /// A record of item `item` of `roadmap` as the merge has it: its
    /// status, its note, and the goal when `item` is what a goal is for.
    pub(super) fn as_it_stands(&self, roadmap: &str, item: &str) -> Record {
        let progress = self.merged.progress(roadmap);
        let entry = progress.and_then(|p| p.entry(item)).copied();
        let note = progress.and_then(|p| p.note(item)).unwrap_or("");
        let goal = progress.and_then(|p| p.goal(item));
        Record {
            note: Some(note.to_owned()),
            goal: Some(goal.map(calendar::iso).unwrap_or_default()),
            ..Record::new(roadmap, item, entry, entry.map_or(0, |e| e.updated))
        }
    }
    /// Reads the other devices' logs that changed; whether any did.
    pub(super) fn scan_peers(&mut self) -> bool {
        let (Some(folder), Some(file)) = (&mut self.folder, &self.file) else {
            return false;
        };
        let own = file
            .path
            .file_name()
            .map(|name| name.to_string_lossy().into_owned())
            .unwrap_or_default();
        folder
            .peers
            .scan(&folder.place.folder, &own, &mut self.notices)
    }
    /// Merges every device's changes afresh: this device's and the
    /// others' as last read. When another machine wrote under this
    /// device's id (a copied home folder), this device takes a fresh one.
    pub(super) fn rebuild(&mut self) {
        let peers = self.folder.iter().flat_map(|folder| folder.peers.records());
        self.merged = Merged::of(self.own.iter().chain(peers));
    }

    /// When another machine wrote under this device's id (a copied home
    /// folder), this device takes a fresh one, with a notice. Called where
    /// no lock is held, as [`Store::new_device`] takes it.
    pub(super) fn untangle(&mut self) {
        let copied = self
            .device()
            .is_some_and(|device| self.merged.is_reused(device));
        if !copied {
            return;
        }
        if self.read_only().is_some() {
            // Only read (a command that shows progress): said, not mended.
            self.notices.push(
                "another machine has been saving progress as this one (a copied home \
                 folder?); the next change here gives this device a new id, and the changes \
                 of both are kept"
                    .to_owned(),
            );
            return;
        }
        match self.new_device() {
            Ok(id) => self.notices.push(format!(
                "another machine has been saving progress as this one (its home folder was \
                 copied from this one, or this one's from it): this device now saves as {id}, \
                 and the changes of both are kept"
            )),
            Err(err) => self.notices.push(format!(
                "another machine has been saving progress as this one (a copied home folder?), \
                 and this device could not take a new id ({err:#}); run `roadmap sync \
                 --new-device`"
            )),
        }
    }

    /// This device's id, kept where it is kept from now on (it may be
    /// another `roadmap`'s of this user, found there first).
    pub fn keep_device(&mut self) -> Result<String> {
        self.save_device().context("cannot keep this device's id")?;
        self.device()
            .map(str::to_owned)
            .context("progress is kept in memory only")
    }

    /// Gives this device a fresh id: its log so far is kept, renamed
    /// `<new>.was-<old>.jsonl` (still this device's, read like any other
    /// log, never written again), and its next change starts a new log.
    /// What a copied home folder needs, on both machines.
    pub fn new_device(&mut self) -> Result<String> {
        let id = folder::new_device_id().context("cannot make a new device id")?;
        let (Some(folder), Some(file)) = (&mut self.folder, &mut self.file) else {
            bail!("progress is kept in memory only");
        };
        let _lock = try_lock(&file.path, true, LOCK_WAIT)?.ok_or_else(|| {
            anyhow!(
                "another process holds the lock {}",
                files::lock(&file.path).display()
            )
        })?;
        let old = folder.device.clone();
        if file.path.exists() {
            let kept = folder
                .place
                .folder
                .join(format!("{id}.was-{}", folder::log_name(&old)));
            fs::rename(&file.path, &kept)
                .with_context(|| format!("cannot rename {}", file.path.display()))?;
        }
        folder::replace_device(&folder.place.device_file, &id)
            .with_context(|| format!("cannot write {}", folder.place.device_file.display()))?;
        folder.device = id.clone();
        folder.device_saved = true;
        file.path = folder.place.folder.join(folder::log_name(&id));
        file.seen = None;
        file.lines = 0;
        file.repair = Repair::None;
        self.own.clear();
        // The renamed log is read back as one of the others.
        folder.peers = folder::Peers::default();
        drop(_lock);
        self.scan_peers();
        self.merged = Merged::of(self.folder.iter().flat_map(|folder| folder.peers.records()));
        Ok(id)
    }
    /// Takes in the older file to convert, while this device has no log:
    /// its changes become this device's, written at the first save.
    pub(super) fn read_legacy(&mut self) {
        let (Some(folder), Some(file)) = (&mut self.folder, &mut self.file) else {
            return;
        };
        let Some((path, _)) = &folder.legacy else {
            return;
        };
        let path = path.clone();
        let shown = path.display().to_string();
        let bytes = match fs::read(&path) {
            Ok(bytes) => bytes,
            Err(err) => {
                let reason = format!("the progress file {shown} cannot be read ({err})");
                self.notices.push(format!(
                    "{reason}; nothing will be saved this session (fix it, or pass --state DIR)"
                ));
                file.read_only = Some(reason);
                return;
            }
        };
        let read = progress_log::read(&bytes, &folder.device);
        // A backup left by a conversion cut short stays where it is.
        let is_backup = Some(&path) != folder.place.legacy.as_ref() && path != folder.place.folder;
        let damaged = read.kind == Kind::Unknown || !read.lines.unreadable.is_empty();
        match read.kind {
            kind if kind.is_legacy()
                || (kind == Kind::Unknown && !read.lines.records.is_empty()) =>
            {
                // A damaged older file gives what it still can; it is
                // moved aside whole, so nothing in it is lost.
                let kind = if kind == Kind::Unknown {
                    Kind::V2
                } else {
                    kind
                };
                if damaged {
                    self.notices.push(format!(
                        "the progress file {shown} is damaged ({} unreadable); {} recovered, \
                         and the file as it is will be kept at {} when it is converted, at the \
                         next change",
                        plural::count(read.lines.unreadable.len().max(1), "line"),
                        plural::count_as(read.lines.records.len(), "change was", "changes were"),
                        folder::legacy_backup(&path, kind).display()
                    ));
                }
                folder.legacy = Some((path, if is_backup { Kind::Empty } else { kind }));
                file.repair = Repair::Rewrite { keep_v1: false };
                self.own = read.lines.records;
            }
            Kind::Empty => folder.legacy = None,
            Kind::Newer(version) => {
                let reason = format!(
                    "the progress file {shown} was written by a newer roadmap (format \
                     {version}; this one reads up to {}): it is left as it is",
                    progress_log::VERSION
                );
                self.notices.push(format!(
                    "{reason}, and nothing will be saved this session; upgrade roadmap"
                ));
                file.read_only = Some(reason);
            }
            _ => {
                let reason = format!(
                    "the progress file {shown} is damaged (not a progress file of version 1 \
                     or 2): it is left as it is"
                );
                self.notices.push(format!(
                    "{reason}, and nothing will be saved this session (move it aside to start \
                     afresh, or pass --state DIR)"
                ));
                file.read_only = Some(reason);
            }
        }
    }
}
