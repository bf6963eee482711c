//! Every device's changes, merged into one progress. Pure and order-free:
//! the same changes give the same progress in whatever order, and however
//! often, they are added, which is what lets each device write only its own
//! log and any sync engine carry the logs about.
//!
//! The rules (`docs/state-format.md`, "Merging"): a change counts once,
//! however many copies of its log there are (by device and number); for
//! each item the status is the one set by the change with the highest
//! (clock, device), and the note and a goal likewise, each separately, so
//! a note written on one machine never undoes a status set on another.

use std::collections::hash_map::DefaultHasher;
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::hash::{Hash, Hasher};

use super::{Clock, Record};
use crate::domain::progress::Progress;

/// The merged progress of every roadmap, and the history it came from.
#[derive(Debug, Clone, Default)]
pub struct Merged {
    state: BTreeMap<String, Progress>,
    /// Per roadmap and item, which change set its status and its note.
    winners: HashMap<(String, String), Winners>,
    /// Every change added, by (device, number), with a digest of its
    /// content, to count copies once and notice a device's number reused.
    seen: HashMap<(u32, u64), u64>,
    devices: Vec<String>,
    /// The highest number each device (as indexed in `devices`) gave.
    last_seqs: Vec<u64>,
    /// Every change, in (clock, device, number) order.
    history: Vec<Record>,
    latest: Clock,
    /// Devices that have two different changes under one number.
    reused: BTreeSet<String>,
}

#[derive(Debug, Clone, Default)]
struct Winners {
    status: Option<(Clock, u32)>,
    note: Option<(Clock, u32)>,
    goal: Option<(Clock, u32)>,
}

/// What adding a change did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Added {
    /// The change was known already (another copy of its log).
    Known,
    /// Added; `true` when it changed the item's status or note (an older
    /// change arriving late changes nothing).
    New(bool),
}

impl Merged {
    /// Every change of `records`, merged: what reading whole logs gives.
    /// The history is sorted once, at the end, so logs read one after
    /// the other, each in its own order, cost what one log does.
    pub fn of<'a>(records: impl IntoIterator<Item = &'a Record>) -> Merged {
        let mut merged = Merged::default();
        for record in records {
            if merged.merge(record) != Added::Known {
                merged.history.push(record.clone());
            }
        }
        merged
            .history
            .sort_by(|a, b| (a.clock, &a.device, a.seq).cmp(&(b.clock, &b.device, b.seq)));
        merged
    }

    /// Adds one change from any device's log.
    pub fn add(&mut self, record: Record) -> Added {
        let added = self.merge(&record);
        if added != Added::Known {
            self.insert_in_order(record);
        }
        added
    }

    /// Takes `record` into the progress (not the history).
    fn merge(&mut self, record: &Record) -> Added {
        let device = self.device_index(&record.device);
        let digest = digest(record);
        match self.seen.get(&(device, record.seq)) {
            Some(&known) if known == digest => return Added::Known,
            // Two different changes under one number: the device's files
            // were copied to another machine that went on writing. Both
            // are real changes, so both count.
            Some(_) => {
                self.reused.insert(record.device.clone());
            }
            None => {
                self.seen.insert((device, record.seq), digest);
            }
        }
        self.latest = self.latest.max(record.clock);
        let last = &mut self.last_seqs[device as usize];
        *last = (*last).max(record.seq);
        let stamp = (record.clock, device);
        let winners = self
            .winners
            .entry((record.roadmap.clone(), record.item.clone()))
            .or_default();
        let mut changed = false;
        let devices = &self.devices;
        let later = |won: Option<(Clock, u32)>| {
            won.is_none_or(|(clock, d)| {
                (record.clock, &record.device) > (clock, &devices[d as usize])
            })
        };
        if let Some(entry) = record.entry()
            && later(winners.status)
        {
            winners.status = Some(stamp);
            let progress = self.state.entry(record.roadmap.clone()).or_default();
            changed |= progress.entry(&record.item).copied() != entry;
            progress.put(&record.item, entry);
        }
        if let Some(note) = &record.note
            && later(winners.note)
        {
            winners.note = Some(stamp);
            let progress = self.state.entry(record.roadmap.clone()).or_default();
            changed |= progress.note(&record.item).unwrap_or("") != note;
            progress.set_note(&record.item, note);
        }
        if let Some(goal) = record.goal_day()
            && later(winners.goal)
        {
            winners.goal = Some(stamp);
            let progress = self.state.entry(record.roadmap.clone()).or_default();
            changed |= progress.goal(&record.item) != goal;
            progress.set_goal(&record.item, goal);
        }
        if self
            .state
            .get(&record.roadmap)
            .is_some_and(Progress::is_empty)
        {
            self.state.remove(&record.roadmap);
        }
        Added::New(changed)
    }

    fn device_index(&mut self, device: &str) -> u32 {
        // Few devices: a scan beats hashing every change's device name.
        match self.devices.iter().position(|known| known == device) {
            Some(index) => index as u32,
            None => {
                self.devices.push(device.to_owned());
                self.last_seqs.push(0);
                (self.devices.len() - 1) as u32
            }
        }
    }

    fn insert_in_order(&mut self, record: Record) {
        let key = |r: &Record| (r.clock, r.device.clone(), r.seq);
        let late = self
            .history
            .last()
            .is_some_and(|last| key(last) > key(&record));
        if late {
            let at = self.history.partition_point(|r| key(r) <= key(&record));
            self.history.insert(at, record);
        } else {
            self.history.push(record);
        }
    }

    /// The progress of roadmap `roadmap_id`, if it has any.
    pub fn progress(&self, roadmap_id: &str) -> Option<&Progress> {
        self.state.get(roadmap_id)
    }

    /// Every roadmap's progress.
    pub fn into_state(self) -> BTreeMap<String, Progress> {
        self.state
    }

    /// Every change, in the order they were made as far as the devices
    /// could tell: (clock, device, number).
    pub fn history(&self) -> &[Record] {
        &self.history
    }

    /// The highest clock of any change added: a new change must be later.
    pub fn latest(&self) -> Clock {
        self.latest
    }

    /// The highest number `device` gave a change.
    pub fn last_seq(&self, device: &str) -> u64 {
        self.devices
            .iter()
            .position(|known| known == device)
            .map_or(0, |index| self.last_seqs[index])
    }

    /// Whether `device` has two different changes under one number.
    pub fn is_reused(&self, device: &str) -> bool {
        self.reused.contains(device)
    }
}

fn digest(record: &Record) -> u64 {
    let mut hasher = DefaultHasher::new();
    (
        &record.clock,
        record.at,
        &record.roadmap,
        &record.item,
        record.status,
        record.since,
        &record.note,
        &record.goal,
    )
        .hash(&mut hasher);
    hasher.finish()
}

#[cfg(test)]
mod tests;
