//! Progress through one roadmap: a status per item key, and the roll-up
//! arithmetic (done/total, percent) shown on topics, tabs and the gauge.
//! Pure: no I/O, and time is passed in, so every rule is unit-tested.

use std::collections::BTreeMap;
use std::ops::{Add, AddAssign, SubAssign};

use serde::{Deserialize, Serialize};

use crate::domain::roadmap::Item;

/// The longest note kept, in bytes: a page of notes is a few kilobytes;
/// this bounds one line of the progress file. The editor's text and an
/// import's quotes alike are held to it.
pub const MAX_NOTE_BYTES: usize = 64 * 1024;

/// Where a learner stands on one item.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Status {
    #[default]
    Pending,
    InProgress,
    Done,
    /// Deliberately not learned. Still counts in the total (see [`Tally`]).
    Skipped,
}

impl Status {
    pub fn label(self) -> &'static str {
        match self {
            Status::Pending => "pending",
            Status::InProgress => "in progress",
            Status::Done => "done",
            Status::Skipped => "skipped",
        }
    }

    /// The checkbox shown before an item, in the app and by `roadmap
    /// next`. Each status has its own, readable without colour: `[/]` half
    /// done, `[~]` waived.
    pub fn marker(self) -> &'static str {
        match self {
            Status::Pending => "[ ]",
            Status::InProgress => "[/]",
            Status::Done => "[x]",
            Status::Skipped => "[~]",
        }
    }
}

/// The recorded state of one item.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Entry {
    pub status: Status,
    /// When the status was last set: seconds since the Unix epoch (UTC).
    pub updated: u64,
}

/// Changes to save: item key → its new entry (`None`: back to pending).
pub type Changes = BTreeMap<String, Option<Entry>>;

/// Statuses and notes by item key (`level/topic/item`). Keys the roadmap
/// no longer has are kept, so renaming an item back restores its progress.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Progress {
    entries: BTreeMap<String, Entry>,
    /// The learner's own notes, never empty strings. Not in the old
    /// one-document format this type (de)serialises, which had none.
    #[serde(skip)]
    notes: BTreeMap<String, String>,
    /// Target dates (UTC days) by what they are for: `""` the whole
    /// roadmap, else a level's id. Kept like a status, with the progress,
    /// so a goal survives the roadmap's file changing and syncs.
    #[serde(skip)]
    goals: BTreeMap<String, i64>,
}

impl Progress {
    pub fn status(&self, key: &str) -> Status {
        self.entries
            .get(key)
            .map_or(Status::Pending, |entry| entry.status)
    }

    pub fn entry(&self, key: &str) -> Option<&Entry> {
        self.entries.get(key)
    }

    /// Sets one item's status; returns whether anything changed.
    pub fn set(&mut self, key: &str, status: Status, now: u64) -> bool {
        if self.status(key) == status {
            return false;
        }
        if status == Status::Pending {
            self.entries.remove(key);
        } else {
            self.entries.insert(
                key.to_owned(),
                Entry {
                    status,
                    updated: now,
                },
            );
        }
        true
    }

    /// Records `entry` for `key` as it is (`None`: pending), e.g. a change
    /// replayed from another session.
    pub fn put(&mut self, key: &str, entry: Option<Entry>) {
        match entry {
            Some(entry) => self.entries.insert(key.to_owned(), entry),
            None => self.entries.remove(key),
        };
    }

    /// Counts the statuses of `items`.
    pub fn tally<'a>(&self, items: impl IntoIterator<Item = &'a Item>) -> Tally {
        self.tally_keys(items.into_iter().map(|item| item.key.as_str()))
    }

    /// When each of `items` that is done was done: what a pace counts.
    pub fn done_times<'a>(
        &'a self,
        items: impl IntoIterator<Item = &'a Item> + 'a,
    ) -> impl Iterator<Item = u64> + 'a {
        items
            .into_iter()
            .filter_map(|item| self.entries.get(&item.key))
            .filter(|entry| entry.status == Status::Done)
            .map(|entry| entry.updated)
    }

    /// Counts the statuses of the items with these keys.
    pub fn tally_keys<'a>(&self, keys: impl IntoIterator<Item = &'a str>) -> Tally {
        keys.into_iter()
            .map(|key| Tally::of(self.status(key)))
            .sum()
    }

    /// When each item that is done was done, of the keys `is_item` takes
    /// for the roadmap's items (progress kept for others never counts):
    /// what streaks and the heatmap count.
    pub fn completions<'a>(
        &'a self,
        is_item: impl Fn(&str) -> bool + 'a,
    ) -> impl Iterator<Item = u64> + 'a {
        self.entries
            .iter()
            .filter(move |(key, entry)| entry.status == Status::Done && is_item(key))
            .map(|(_, entry)| entry.updated)
    }

    /// The note kept on item `key`, if any.
    pub fn note(&self, key: &str) -> Option<&str> {
        self.notes.get(key).map(String::as_str)
    }

    /// Keeps `note` on item `key`; an empty one removes it.
    pub fn set_note(&mut self, key: &str, note: &str) {
        if note.is_empty() {
            self.notes.remove(key);
        } else {
            self.notes.insert(key.to_owned(), note.to_owned());
        }
    }

    /// Every note, by key.
    pub fn notes(&self) -> impl Iterator<Item = (&str, &str)> {
        self.notes
            .iter()
            .map(|(key, note)| (key.as_str(), note.as_str()))
    }

    /// The goal of `target` (`""`: the whole roadmap, else a level's
    /// id): a day, if one is set.
    pub fn goal(&self, target: &str) -> Option<i64> {
        self.goals.get(target).copied()
    }

    /// Sets the goal of `target` (`None`: none).
    pub fn set_goal(&mut self, target: &str, by: Option<i64>) {
        match by {
            Some(day) => self.goals.insert(target.to_owned(), day),
            None => self.goals.remove(target),
        };
    }

    /// No statuses, no notes and no goals.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty() && self.notes.is_empty() && self.goals.is_empty()
    }

    /// How many items have a status other than pending.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// Every entry, by key.
    pub fn iter(&self) -> impl Iterator<Item = (&str, &Entry)> {
        self.entries
            .iter()
            .map(|(key, entry)| (key.as_str(), entry))
    }
}

/// Counts of items by status. The percentage rule, stated once:
/// **percent = done ÷ all items**, skipped ones included, so skipping never
/// inflates progress; and it is 100 only when every item is done.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Tally {
    pub done: usize,
    pub in_progress: usize,
    pub skipped: usize,
    pub total: usize,
}

impl Tally {
    /// The tally of a single item with `status`.
    pub fn of(status: Status) -> Tally {
        Tally {
            done: usize::from(status == Status::Done),
            in_progress: usize::from(status == Status::InProgress),
            skipped: usize::from(status == Status::Skipped),
            total: 1,
        }
    }

    /// Whole percent, rounded down: 79 of 80 shows 98, never a false 100.
    ///
    /// ```
    /// use roadmap::domain::progress::Tally;
    /// let almost = Tally { done: 79, in_progress: 0, skipped: 1, total: 80 };
    /// assert_eq!(almost.percent(), 98);
    /// ```
    pub fn percent(&self) -> u16 {
        if self.total == 0 {
            return 0;
        }
        // u128: no overflow whatever the counts.
        (self.done as u128 * 100 / self.total as u128) as u16
    }

    /// Fraction done in 0.0..=1.0, for gauges.
    pub fn ratio(&self) -> f64 {
        if self.total == 0 {
            0.0
        } else {
            self.done as f64 / self.total as f64
        }
    }

    pub fn is_complete(&self) -> bool {
        self.total > 0 && self.done == self.total
    }

    /// Some but not all items done: org-mode's `[-]`.
    pub fn is_partial(&self) -> bool {
        self.done > 0 && self.done < self.total
    }

    /// `12/40 done · 3 skipped`: done over all, and skipped apart from
    /// done when there are any.
    ///
    /// ```
    /// use roadmap::domain::progress::Tally;
    /// let tally = Tally { done: 12, in_progress: 1, skipped: 3, total: 40 };
    /// assert_eq!(tally.summary(), "12/40 done · 3 skipped");
    /// ```
    pub fn summary(&self) -> String {
        let mut summary = format!("{}/{} done", self.done, self.total);
        if self.skipped > 0 {
            summary.push_str(&format!(" · {} skipped", self.skipped));
        }
        summary
    }
}

impl Add for Tally {
    type Output = Tally;

    fn add(self, other: Tally) -> Tally {
        Tally {
            done: self.done + other.done,
            in_progress: self.in_progress + other.in_progress,
            skipped: self.skipped + other.skipped,
            total: self.total + other.total,
        }
    }
}

impl AddAssign for Tally {
    fn add_assign(&mut self, other: Tally) {
        *self = *self + other;
    }
}

/// Takes a smaller tally out of a larger one (never below zero).
impl SubAssign for Tally {
    fn sub_assign(&mut self, other: Tally) {
        // Counts kept change by change must never go below zero; if they
        // would, the bookkeeping is wrong, and tests should say so.
        debug_assert!(
            self.done >= other.done
                && self.in_progress >= other.in_progress
                && self.skipped >= other.skipped
                && self.total >= other.total,
            "{self:?} - {other:?}"
        );
        self.done = self.done.saturating_sub(other.done);
        self.in_progress = self.in_progress.saturating_sub(other.in_progress);
        self.skipped = self.skipped.saturating_sub(other.skipped);
        self.total = self.total.saturating_sub(other.total);
    }
}

impl std::iter::Sum for Tally {
    fn sum<I: Iterator<Item = Tally>>(iter: I) -> Tally {
        iter.fold(Tally::default(), Add::add)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn item(key: &str) -> Item {
        Item {
            id: key.rsplit('/').next().unwrap().to_owned(),
            key: key.to_owned(),
            title: key.to_owned(),
            description: String::new(),
            resources: Vec::new(),
        }
    }

    #[test]
    fn unknown_keys_are_pending() {
        assert_eq!(Progress::default().status("a/b/c"), Status::Pending);
    }

    #[test]
    fn set_records_status_and_time_and_reports_change() {
        let mut progress = Progress::default();
        assert!(progress.set("l/t/i", Status::Done, 42));
        assert_eq!(
            progress.entry("l/t/i"),
            Some(&Entry {
                status: Status::Done,
                updated: 42
            })
        );
        assert!(
            !progress.set("l/t/i", Status::Done, 43),
            "same status is no change"
        );
        assert_eq!(progress.entry("l/t/i").unwrap().updated, 42);
        assert!(progress.set("l/t/i", Status::Pending, 44));
        assert!(progress.is_empty(), "pending is the absence of an entry");
    }

    #[test]
    fn put_replays_an_entry_or_its_absence() {
        let mut progress = Progress::default();
        let entry = Entry {
            status: Status::Skipped,
            updated: 9,
        };
        progress.put("k", Some(entry));
        assert_eq!(progress.entry("k"), Some(&entry));
        progress.put("k", None);
        assert_eq!(progress.status("k"), Status::Pending);
    }

    #[test]
    fn tally_counts_every_status_and_skipped_stays_in_the_total() {
        let items = [item("a"), item("b"), item("c"), item("d")];
        let mut progress = Progress::default();
        progress.set("a", Status::Done, 0);
        progress.set("b", Status::InProgress, 0);
        progress.set("c", Status::Skipped, 0);
        let tally = progress.tally(&items);
        assert_eq!(
            tally,
            Tally {
                done: 1,
                in_progress: 1,
                skipped: 1,
                total: 4
            }
        );
        assert_eq!(tally.percent(), 25);
    }

    #[test]
    fn percent_rounds_down_and_reaches_100_only_when_complete() {
        let tally = |done, total| Tally {
            done,
            total,
            ..Tally::default()
        };
        assert_eq!(tally(79, 80).percent(), 98);
        assert_eq!(tally(999, 1000).percent(), 99);
        assert_eq!(tally(80, 80).percent(), 100);
        assert_eq!(tally(0, 0).percent(), 0);
        assert_eq!(tally(1, 3).percent(), 33);
        assert_eq!(tally(usize::MAX, usize::MAX).percent(), 100);
    }

    #[test]
    fn tallies_add_up_and_moving_an_item_between_statuses_keeps_the_total() {
        let a = Tally {
            done: 1,
            in_progress: 2,
            skipped: 0,
            total: 5,
        };
        let b = Tally {
            done: 3,
            in_progress: 0,
            skipped: 1,
            total: 4,
        };
        assert_eq!(
            [a, b].into_iter().sum::<Tally>(),
            Tally {
                done: 4,
                in_progress: 2,
                skipped: 1,
                total: 9
            }
        );
        let mut moved = a;
        moved -= Tally::of(Status::InProgress);
        moved += Tally::of(Status::Done);
        assert_eq!((moved.done, moved.in_progress, moved.total), (2, 1, 5));
    }

    #[test]
    fn notes_are_kept_apart_from_statuses_and_an_empty_one_is_none() {
        let mut progress = Progress::default();
        progress.set_note("l/t/i", "read chapter 3");
        assert_eq!(progress.note("l/t/i"), Some("read chapter 3"));
        assert_eq!(progress.status("l/t/i"), Status::Pending);
        assert!(!progress.is_empty(), "a note alone is worth keeping");
        progress.set_note("l/t/i", "");
        assert_eq!(progress.note("l/t/i"), None);
        assert!(progress.is_empty());
    }

    #[test]
    fn orphaned_keys_survive_serialisation() {
        let mut progress = Progress::default();
        progress.set("gone/old/item", Status::Done, 7);
        let json = serde_json::to_string(&progress).unwrap();
        assert_eq!(json, r#"{"gone/old/item":{"status":"done","updated":7}}"#);
        assert_eq!(serde_json::from_str::<Progress>(&json).unwrap(), progress);
    }
}
