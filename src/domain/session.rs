//! A learner's session on one roadmap: the roadmap, its progress, the
//! counts drawn from them, the changes not yet saved, and undo/redo.
//!
//! Pure: no terminal, no filesystem, no clock (times are passed in). Every
//! change to a status goes through `Session::apply`, the one place that
//! keeps the topic, level and orphan counts right, in constant time
//! whatever the roadmap's size. What other sessions saved arrives as an
//! [`Arrived`] value, read by the caller from wherever progress lives.

use std::collections::{HashMap, VecDeque};

use crate::domain::progress::{Changes, Entry, Progress, Status, Tally};
use crate::domain::roadmap::{Item, Roadmap};

/// Undo remembers at least this many steps of a session.
pub const UNDO_STEPS: usize = 1000;

use crate::domain::roadmap::Place;

/// One item's change: what it was and what it became (`None`: pending).
#[derive(Debug, Clone, PartialEq, Eq)]
struct Change {
    key: String,
    before: Option<Entry>,
    after: Option<Entry>,
}

/// One item's note edit: the text before and after (empty: none).
#[derive(Debug, Clone, PartialEq, Eq)]
struct NoteChange {
    key: String,
    before: String,
    after: String,
}

/// What one key press changed, undone and redone as a whole.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Step {
    /// What the status line says it was ("SQL: done").
    what: String,
    changes: Vec<Change>,
    /// A note edit, saved when it was made: undoing it saves again.
    note: Option<NoteChange>,
}

/// A session's undo and redo steps, kept while another roadmap is open
/// so that coming back to this one can still undo. Steps name items by
/// key and check what they find before changing it, so history taken
/// back after other changes never overwrites them.
#[derive(Debug, Clone, Default)]
pub struct History {
    undo: VecDeque<Step>,
    redo: Vec<Step>,
}

/// A topic, or one item of it: what a status key acts on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Node {
    pub level: usize,
    pub topic: usize,
    /// `None`: the topic, all its items at once.
    pub item: Option<usize>,
}

/// What an undo or redo did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Replayed {
    /// What the step was ("SQL: done").
    pub what: String,
    /// Items left as they were, because they changed since (elsewhere).
    pub left: usize,
    /// Items (and a note) it put back; 0 when everything was left.
    pub changed: usize,
    /// The first item the step changed, to show it.
    pub first: Option<String>,
    /// When the step was a single item's status: what it is now.
    pub now: Option<Status>,
    /// When the step was a note edit, the note to save now: the session
    /// shows it already.
    pub note: Option<NoteEdit>,
}

/// A note to save: item `key`'s note goes from `was` to `text`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NoteEdit {
    pub key: String,
    pub was: String,
    pub text: String,
}

/// What other sessions saved meanwhile, for this roadmap.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub enum Arrived {
    #[default]
    Nothing,
    /// Changes to some items, in the order they were made.
    Changes(Vec<Arrival>),
    /// Everything, afresh (the file was rewritten or replaced).
    Whole(Progress),
}

/// One item's change made elsewhere.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Arrival {
    pub item: String,
    pub entry: Option<Entry>,
    /// The item's note from then on, when the change set it.
    pub note: Option<String>,
    /// The goal from then on (`Some(None)`: none), when the change set
    /// one; `item` is then what it is for (`""`, or a level's id).
    pub goal: Option<Option<i64>>,
}

/// A roadmap with its progress, counted.
#[derive(Debug, Clone)]
pub struct Session {
    roadmap: Roadmap,
    /// Every item's place, by key: to count a change where it happened.
    places: HashMap<String, Place>,
    progress: Progress,
    /// Per level, per topic.
    topic_tallies: Vec<Vec<Tally>>,
    level_tallies: Vec<Tally>,
    /// Keys with progress that name no item of this roadmap, sorted.
    orphans: Vec<String>,
    history: History,
    /// Changes not yet saved: kept until a save succeeds, so a failed save
    /// is retried with the next change, and once more on quit.
    unsaved: Changes,
    /// Topics (level, topic) where an item became finished or unfinished
    /// since [`Session::take_touched`] was last called.
    touched: Vec<(usize, usize)>,
}

impl Session {
    pub fn new(roadmap: Roadmap, progress: Progress) -> Session {
        let places = roadmap
            .placed_items()
            .map(|(item, place)| (item.key.clone(), place))
            .collect();
        let mut session = Session {
            roadmap,
            places,
            progress,
            topic_tallies: Vec::new(),
            level_tallies: Vec::new(),
            orphans: Vec::new(),
            history: History::default(),
            unsaved: Changes::new(),
            touched: Vec::new(),
        };
        session.recount_all();
        session
    }

    pub fn roadmap(&self) -> &Roadmap {
        &self.roadmap
    }

    pub fn progress(&self) -> &Progress {
        &self.progress
    }

    pub fn status(&self, item: &Item) -> Status {
        self.progress.status(&item.key)
    }

    /// The note kept on `item`, if any.
    pub fn note(&self, item: &Item) -> Option<&str> {
        self.progress.note(&item.key)
    }

    /// Where item `key` is, if this roadmap has it.
    pub fn place(&self, key: &str) -> Option<Place> {
        self.places.get(key).copied()
    }

    pub fn level_tally(&self, level: usize) -> Tally {
        self.level_tallies.get(level).copied().unwrap_or_default()
    }

    /// Tally of topic `topic` of level `level`.
    pub fn topic_tally(&self, level: usize, topic: usize) -> Tally {
        self.topic_tallies
            .get(level)
            .and_then(|topics| topics.get(topic))
            .copied()
            .unwrap_or_default()
    }

    pub fn overall_tally(&self) -> Tally {
        self.level_tallies.iter().copied().sum()
    }

    /// Keys with saved progress that no item of this roadmap has (renamed
    /// or removed items). Their progress is kept.
    pub fn orphans(&self) -> &[String] {
        &self.orphans
    }

    /// Where the roadmap (`level` `None`) or one level stands against
    /// its pace and its goal, at `now`.
    pub fn plan(&self, level: Option<usize>, now: u64) -> crate::domain::pace::Plan {
        let (tally, target, done): (Tally, &str, Vec<u64>) =
            match level.and_then(|index| Some((index, self.roadmap.levels.get(index)?))) {
                Some((index, shown)) => (
                    self.level_tally(index),
                    &shown.id,
                    self.progress.done_times(shown.items()).collect(),
                ),
                None => (
                    self.overall_tally(),
                    "",
                    self.progress.done_times(self.roadmap.items()).collect(),
                ),
            };
        crate::domain::pace::Plan::new(tally, done, self.progress.goal(target), now)
    }

    /// Sets the goal of `target` (`""`: the roadmap, else a level's id)
    /// as saved (goals are saved at once, and not undone).
    pub fn set_goal(&mut self, target: &str, by: Option<i64>) {
        self.progress.set_goal(target, by);
    }

    /// When each item of this roadmap that is done was done.
    pub fn completions(&self) -> impl Iterator<Item = u64> + '_ {
        self.progress
            .completions(|key| self.places.contains_key(key))
    }

    /// The changes not saved yet.
    pub fn unsaved(&self) -> &Changes {
        &self.unsaved
    }

    /// Topics where an item became finished (done or skipped) or stopped
    /// being so, since the last call: what a filter must look at again.
    pub fn take_touched(&mut self) -> Vec<(usize, usize)> {
        let mut touched = std::mem::take(&mut self.touched);
        touched.sort_unstable();
        touched.dedup();
        touched
    }

    /// `Space`, `i`, `s` on `node`: gives its items `status`, or takes them
    /// back to pending when they all have it already. Returns what was
    /// done, or `None` when nothing changed (a topic with no items).
    pub fn toggle_status(&mut self, node: Node, status: Status, now: u64) -> Option<String> {
        let topic = self
            .roadmap
            .levels
            .get(node.level)?
            .topics
            .get(node.topic)?;
        let (items, title) = match node.item {
            None => (&topic.items[..], &topic.title),
            Some(index) => {
                let item = topic.items.get(index)?;
                (std::slice::from_ref(item), &item.title)
            }
        };
        let all_have = items
            .iter()
            .all(|item| self.progress.status(&item.key) == status);
        let target = if all_have { Status::Pending } else { status };
        let after = (target != Status::Pending).then_some(Entry {
            status: target,
            updated: now,
        });
        let changes = items
            .iter()
            .filter(|item| self.progress.status(&item.key) != target)
            .map(|item| Change {
                key: item.key.clone(),
                before: self.progress.entry(&item.key).copied(),
                after,
            })
            .collect();
        let what = if target == Status::Pending {
            format!("{title}: back to pending")
        } else {
            format!("{title}: {}", target.label())
        };
        self.record(Step {
            what,
            changes,
            note: None,
        })
    }

    /// Whether the level at `index` has any status to reset.
    pub fn has_progress(&self, level: usize) -> bool {
        let tally = self.level_tally(level);
        tally.done + tally.in_progress + tally.skipped > 0
    }

    /// Clears every status of the level at `index`, as one step.
    pub fn reset_level(&mut self, index: usize) -> Option<String> {
        let level = self.roadmap.levels.get(index)?;
        let changes = level
            .topics
            .iter()
            .flat_map(|topic| &topic.items)
            .filter_map(|item| {
                let before = self.progress.entry(&item.key).copied()?;
                Some(Change {
                    key: item.key.clone(),
                    before: Some(before),
                    after: None,
                })
            })
            .collect();
        let what = format!("Reset {}", level.title);
        self.record(Step {
            what,
            changes,
            note: None,
        })
    }

    /// Item `key`'s note, `was` when the edit began, is now `text`, saved
    /// already: shown, and undone as a step. Returns what it was.
    pub fn edit_note(&mut self, key: &str, was: &str, text: &str) -> String {
        self.progress.set_note(key, text);
        let title = self
            .place(key)
            .and_then(|(l, t, i)| Some(&self.roadmap.levels[l].topics.get(t)?.items.get(i)?.title))
            .map_or(key, String::as_str);
        let what = match (was.is_empty(), text.is_empty()) {
            (true, _) => format!("{title}: note added"),
            (false, true) => format!("{title}: note removed"),
            (false, false) => format!("{title}: note edited"),
        };
        self.push_step(Step {
            what: what.clone(),
            changes: Vec::new(),
            note: Some(NoteChange {
                key: key.to_owned(),
                before: was.to_owned(),
                after: text.to_owned(),
            }),
        });
        what
    }

    /// Applies a new step and makes it the one undo takes back.
    fn record(&mut self, step: Step) -> Option<String> {
        if step.changes.is_empty() {
            return None;
        }
        for change in &step.changes {
            self.apply(&change.key, change.after);
        }
        let what = step.what.clone();
        self.push_step(step);
        Some(what)
    }

    fn push_step(&mut self, step: Step) {
        let history = &mut self.history;
        history.redo.clear();
        if history.undo.len() == UNDO_STEPS {
            history.undo.pop_front();
        }
        history.undo.push_back(step);
    }

    /// Puts back what the last step changed. Items changed since (by
    /// another session) are left as they are.
    pub fn undo(&mut self) -> Option<Replayed> {
        let step = self.history.undo.pop_back()?;
        let replayed = self.replay(&step, true);
        self.history.redo.push(step);
        Some(replayed)
    }

    /// Does again what [`Session::undo`] undid.
    pub fn redo(&mut self) -> Option<Replayed> {
        let step = self.history.redo.pop()?;
        let replayed = self.replay(&step, false);
        self.history.undo.push_back(step);
        Some(replayed)
    }

    /// The note an undo (`undone`) or redo put back could not be saved:
    /// the note shows `was` again, and the step goes back where it came
    /// from, to be tried again.
    pub fn note_not_replayed(&mut self, edit: &NoteEdit, undone: bool) {
        self.progress.set_note(&edit.key, &edit.was);
        let history = &mut self.history;
        if undone {
            if let Some(step) = history.redo.pop() {
                history.undo.push_back(step);
            }
        } else if let Some(step) = history.undo.pop_back() {
            history.redo.push(step);
        }
    }

    /// The undo and redo steps, taken out to be kept while another
    /// roadmap is open; this session has none left.
    pub fn take_history(&mut self) -> History {
        std::mem::take(&mut self.history)
    }

    /// Steps kept from an earlier visit to this roadmap.
    pub fn restore_history(&mut self, history: History) {
        self.history = history;
    }

    fn replay(&mut self, step: &Step, backwards: bool) -> Replayed {
        let mut left = 0;
        for change in &step.changes {
            let (from, to) = if backwards {
                (change.after, change.before)
            } else {
                (change.before, change.after)
            };
            if self.progress.entry(&change.key).copied() == from {
                self.apply(&change.key, to);
            } else {
                left += 1;
            }
        }
        let mut note = None;
        if let Some(change) = &step.note {
            let (from, to) = if backwards {
                (&change.after, &change.before)
            } else {
                (&change.before, &change.after)
            };
            if self.progress.note(&change.key).unwrap_or("") == from.as_str() {
                self.progress.set_note(&change.key, to);
                note = Some(NoteEdit {
                    key: change.key.clone(),
                    was: from.clone(),
                    text: to.clone(),
                });
            } else {
                left += 1;
            }
        }
        let now = match step.changes.as_slice() {
            [change] if left == 0 => Some(self.progress.status(&change.key)),
            _ => None,
        };
        Replayed {
            what: step.what.clone(),
            left,
            changed: (step.changes.len() + usize::from(step.note.is_some())).saturating_sub(left),
            first: step
                .changes
                .first()
                .map(|change| change.key.clone())
                .or_else(|| step.note.as_ref().map(|change| change.key.clone())),
            now,
            note,
        }
    }

    /// Sets item `key` to `entry`, keeps the counts right, and keeps the
    /// change for saving.
    fn apply(&mut self, key: &str, entry: Option<Entry>) {
        self.show(key, entry);
        self.unsaved.insert(key.to_owned(), entry);
    }

    /// Sets item `key` to `entry` and moves its count from its old status
    /// to its new one. Constant time, whatever the roadmap's size.
    fn show(&mut self, key: &str, entry: Option<Entry>) {
        let old = self.progress.status(key);
        self.progress.put(key, entry);
        let new = self.progress.status(key);
        match self.places.get(key) {
            Some(&(level, topic, _)) if old != new => {
                if is_finished(old) != is_finished(new) {
                    self.touched.push((level, topic));
                }
                for tally in [
                    &mut self.topic_tallies[level][topic],
                    &mut self.level_tallies[level],
                ] {
                    *tally -= Tally::of(old);
                    *tally += Tally::of(new);
                }
            }
            Some(_) => {}
            None => match (
                self.orphans.binary_search_by(|k| k.as_str().cmp(key)),
                entry,
            ) {
                (Ok(at), None) => {
                    self.orphans.remove(at);
                }
                (Err(at), Some(_)) => self.orphans.insert(at, key.to_owned()),
                _ => {}
            },
        }
    }

    /// The note of item `key` is now `note` (empty: none).
    pub fn set_note(&mut self, key: &str, note: &str) {
        self.progress.set_note(key, note);
    }

    /// Shows what another session saved, then the unsaved changes over
    /// it: they came later, so they win where both touched an item.
    pub fn take_in(&mut self, arrived: Arrived) {
        match arrived {
            Arrived::Nothing => return,
            Arrived::Changes(arrivals) => {
                for arrival in arrivals {
                    self.show(&arrival.item, arrival.entry);
                    if let Some(note) = &arrival.note {
                        self.progress.set_note(&arrival.item, note);
                    }
                    if let Some(goal) = arrival.goal {
                        self.progress.set_goal(&arrival.item, goal);
                    }
                }
            }
            Arrived::Whole(progress) => {
                self.progress = progress;
                self.recount_all();
                self.touched = self
                    .topic_tallies
                    .iter()
                    .enumerate()
                    .flat_map(|(level, topics)| (0..topics.len()).map(move |t| (level, t)))
                    .collect();
            }
        }
        let unsaved = std::mem::take(&mut self.unsaved);
        for (key, entry) in &unsaved {
            self.show(key, *entry);
        }
        self.unsaved = unsaved;
    }

    /// The changes in `saved` are on disk now: what has not changed again
    /// since is no longer unsaved.
    pub fn saved(&mut self, saved: &Changes) {
        for (key, entry) in saved {
            if self.unsaved.get(key) == Some(entry) {
                self.unsaved.remove(key);
            }
        }
    }

    /// The unsaved changes, so they can be made again by hand:
    /// `beginner/git/commit → done`, the first five and how many more.
    pub fn lost_changes(&self) -> String {
        let mut shown: Vec<String> = self
            .unsaved
            .iter()
            .take(5)
            .map(|(key, entry)| {
                let status = entry.map_or(Status::Pending, |entry| entry.status);
                format!("{key} → {}", status.label())
            })
            .collect();
        if self.unsaved.len() > 5 {
            shown.push(format!("and {} more", self.unsaved.len() - 5));
        }
        shown.join(", ")
    }

    /// Tells the user about kept progress of items this roadmap lacks.
    pub fn orphan_notice(&self) -> Option<String> {
        let count = self.orphans.len();
        let first = self.orphans.first()?;
        let more = match count {
            1 => String::new(),
            2 => format!(", {}", self.orphans[1]),
            _ => format!(", {} and {} more", self.orphans[1], count - 2),
        };
        Some(format!(
            "progress kept for {} not in this roadmap (renamed or removed?): \
             {first}{more}; ? lists them all",
            crate::domain::plural::count(count, "item")
        ))
    }

    /// Counts everything afresh: at start, and when progress is replaced.
    fn recount_all(&mut self) {
        self.topic_tallies = self
            .roadmap
            .levels
            .iter()
            .map(|level| {
                level
                    .topics
                    .iter()
                    .map(|t| self.progress.tally(&t.items))
                    .collect()
            })
            .collect();
        self.level_tallies = self
            .topic_tallies
            .iter()
            .map(|t| t.iter().copied().sum())
            .collect();
        self.orphans = self
            .progress
            .iter()
            .map(|(key, _)| key)
            .filter(|key| !self.places.contains_key(*key))
            .map(str::to_owned)
            .collect();
    }

    /// The counts as kept, change by change.
    #[cfg(test)]
    pub(crate) fn counts(&self) -> (Vec<Vec<Tally>>, Vec<Tally>, Vec<String>) {
        (
            self.topic_tallies.clone(),
            self.level_tallies.clone(),
            self.orphans.clone(),
        )
    }

    /// The counts, recounted from scratch: what the kept-up-to-date ones
    /// must always equal.
    #[cfg(test)]
    pub(crate) fn recounted(&self) -> (Vec<Vec<Tally>>, Vec<Tally>, Vec<String>) {
        Session::new(self.roadmap.clone(), self.progress.clone()).counts()
    }

    /// Steps to undo, and to redo.
    #[cfg(test)]
    pub(crate) fn history(&self) -> (usize, usize) {
        (self.history.undo.len(), self.history.redo.len())
    }

    #[cfg(test)]
    pub(crate) fn unsaved_mut(&mut self) -> &mut Changes {
        &mut self.unsaved
    }
}

/// Done and skipped items are what a filter of unfinished items hides.
pub fn is_finished(status: Status) -> bool {
    matches!(status, Status::Done | Status::Skipped)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::format::roadmap::load::parse;

    fn session() -> Session {
        let roadmap = parse(
            "title: T\nlevels:\n  - title: One\n    topics:\n      - {title: A, items: [X, Y]}\n      - {title: B, items: [Z]}\n",
            "t.yaml",
            "t",
        )
        .unwrap();
        Session::new(roadmap, Progress::default())
    }

    fn items(session: &Session, topic: usize) -> Vec<Item> {
        session.roadmap().levels[0].topics[topic].items.clone()
    }

    fn topic(topic: usize) -> Node {
        Node {
            level: 0,
            topic,
            item: None,
        }
    }

    #[test]
    fn a_topic_toggles_as_one_step_and_every_count_follows() {
        let mut s = session();
        assert_eq!(
            s.toggle_status(topic(0), Status::Done, 7).as_deref(),
            Some("A: done")
        );
        assert_eq!(s.topic_tally(0, 0).done, 2);
        assert_eq!(s.level_tally(0).done, 2);
        assert_eq!(s.overall_tally().total, 3);
        assert_eq!(s.take_touched(), [(0, 0)], "the filter looks again once");
        assert!(s.take_touched().is_empty());
        assert_eq!(s.unsaved().len(), 2);
        assert_eq!(s.counts(), s.recounted());
        assert_eq!(
            s.toggle_status(topic(0), Status::Done, 8).as_deref(),
            Some("A: back to pending")
        );
        assert_eq!(s.level_tally(0).done, 0);
    }

    #[test]
    fn the_pace_counts_what_is_still_done_so_an_undone_tick_does_not() {
        const DAY: u64 = 86_400;
        let now = 1_000 * DAY;
        let mut s = session();
        s.toggle_status(topic(0), Status::Done, now - DAY);
        s.toggle_status(topic(1), Status::Skipped, now);
        let plan = s.plan(None, now);
        assert_eq!(plan.per_week, 0.5);
        assert_eq!(plan.remaining, 0, "skipped items are not left");
        s.undo();
        let plan = s.plan(Some(0), now);
        assert_eq!((plan.per_week, plan.remaining), (0.5, 1));
        s.undo();
        let plan = s.plan(None, now);
        assert_eq!(plan.per_week, 0.0, "the undone ticks do not count");
        assert_eq!(plan.forecast, None);
        s.set_goal("one", Some(1_000 + 6));
        assert_eq!(s.plan(Some(0), now).needed_per_week, Some(3.0));
        assert_eq!(
            s.plan(None, now).goal,
            None,
            "the level's, not the roadmap's"
        );
    }

    #[test]
    fn undo_leaves_what_changed_since_and_says_how_many() {
        let mut s = session();
        let a = items(&s, 0);
        s.toggle_status(topic(0), Status::Done, 1);
        // Another session set Y in progress meanwhile.
        s.take_in(Arrived::Changes(vec![Arrival {
            item: a[1].key.clone(),
            entry: Some(Entry {
                status: Status::InProgress,
                updated: 2,
            }),
            note: None,
            goal: None,
        }]));
        s.saved(&s.unsaved().clone());
        let undone = s.undo().unwrap();
        assert_eq!(
            undone.left, 0,
            "the unsaved tick was ours, shown over theirs"
        );
        assert_eq!(undone.first.as_deref(), Some(a[0].key.as_str()));
        assert_eq!(s.level_tally(0).done, 0);
        assert!(s.redo().is_some());
        assert!(s.redo().is_none());
        assert_eq!(s.counts(), s.recounted());
    }

    #[test]
    fn progress_replaced_whole_is_recounted_and_unsaved_changes_stay_on_top() {
        let mut s = session();
        s.toggle_status(topic(1), Status::Skipped, 1);
        let mut elsewhere = Progress::default();
        elsewhere.put(
            "one/a/x",
            Some(Entry {
                status: Status::Done,
                updated: 1,
            }),
        );
        elsewhere.put(
            "gone/old/item",
            Some(Entry {
                status: Status::Done,
                updated: 1,
            }),
        );
        s.take_in(Arrived::Whole(elsewhere));
        assert_eq!(s.level_tally(0).done, 1);
        assert_eq!(s.level_tally(0).skipped, 1, "ours, not saved yet");
        assert_eq!(s.orphans(), ["gone/old/item"]);
        assert!(s.orphan_notice().unwrap().contains("gone/old/item"));
        assert_eq!(s.take_touched().len(), 2, "every topic is looked at again");
        assert_eq!(s.lost_changes(), "one/b/z → skipped");
    }

    #[test]
    fn a_saved_change_made_again_since_stays_unsaved() {
        let mut s = session();
        let x = Node {
            item: Some(0),
            ..topic(0)
        };
        s.toggle_status(x, Status::Done, 1);
        let saving = s.unsaved().clone();
        s.toggle_status(x, Status::Done, 2);
        s.saved(&saving);
        assert_eq!(s.unsaved().len(), 1, "back to pending is still to save");
    }
}
