//! A roadmap's progress as a report: counts per level, per topic and in
//! total, every item's status, and the progress kept for items the roadmap
//! no longer has, with the learner's notes. What `status` prints and
//! `export` writes (as Markdown, see `format::markdown::checklist`); as
//! JSON it is the stable schema documented in `docs/json.md`. Pure: no I/O.

use serde::Serialize;

use crate::domain::calendar;
use crate::domain::progress::{Progress, Status, Tally};
use crate::domain::roadmap::Roadmap;

/// The schema's version: bumped only when a field changes meaning or goes
/// away. New fields may appear without a bump.
pub const VERSION: u32 = 1;

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Summary {
    pub version: u32,
    pub roadmap: RoadmapInfo,
    pub totals: Counts,
    pub levels: Vec<LevelSummary>,
    /// Progress (a status or a note) kept for keys that name no item of
    /// the roadmap (renamed or removed items), sorted by key.
    pub orphans: Vec<ItemState>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RoadmapInfo {
    pub id: String,
    pub title: String,
}

/// Items by status. `percent` is done ÷ total, rounded down (skipped
/// items stay in the total).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Counts {
    pub done: usize,
    pub in_progress: usize,
    pub skipped: usize,
    pub pending: usize,
    pub total: usize,
    pub percent: u16,
}

impl From<Tally> for Counts {
    fn from(tally: Tally) -> Counts {
        Counts {
            done: tally.done,
            in_progress: tally.in_progress,
            skipped: tally.skipped,
            pending: tally.total - tally.done - tally.in_progress - tally.skipped,
            total: tally.total,
            percent: tally.percent(),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct LevelSummary {
    pub id: String,
    pub title: String,
    pub counts: Counts,
    pub topics: Vec<TopicSummary>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TopicSummary {
    pub id: String,
    pub title: String,
    pub counts: Counts,
    pub items: Vec<ItemState>,
}

/// One item's status. `title` is absent for orphans (their item is gone).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ItemState {
    /// `level/topic/item`, the key progress is stored under.
    pub key: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    pub status: Status,
    /// When the status was last set, `YYYY-MM-DDTHH:MM:SSZ`; absent for a
    /// pending item that was never touched.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub updated: Option<String>,
    /// The learner's note on the item as the app shows it (line breaks
    /// kept, control characters spelled out); absent when there is none.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

impl Summary {
    pub fn new(roadmap: &Roadmap, progress: &Progress) -> Summary {
        let state = |key: &str, title: Option<&str>| ItemState {
            key: key.to_owned(),
            title: title.map(str::to_owned),
            status: progress.status(key),
            // RFC 3339 has four-digit years: a later time is no real one.
            updated: progress
                .entry(key)
                .and_then(|entry| calendar::rfc3339(entry.updated)),
            // As the app shows it: the same rule as titles, which the
            // loader cleaned.
            note: progress
                .note(key)
                .map(crate::domain::safe_text::clean_block),
        };
        // Each item is counted once, in its topic; levels and the total
        // add up their topics.
        let mut total = Tally::default();
        let levels: Vec<LevelSummary> = roadmap
            .levels
            .iter()
            .map(|level| {
                let mut level_tally = Tally::default();
                let topics: Vec<TopicSummary> = level
                    .topics
                    .iter()
                    .map(|topic| {
                        let tally = progress.tally(&topic.items);
                        level_tally += tally;
                        TopicSummary {
                            id: topic.id.clone(),
                            title: topic.title.clone(),
                            counts: tally.into(),
                            items: topic
                                .items
                                .iter()
                                .map(|item| state(&item.key, Some(&item.title)))
                                .collect(),
                        }
                    })
                    .collect();
                total += level_tally;
                LevelSummary {
                    id: level.id.clone(),
                    title: level.title.clone(),
                    counts: level_tally.into(),
                    topics,
                }
            })
            .collect();
        let known: std::collections::HashSet<&str> =
            roadmap.items().map(|item| item.key.as_str()).collect();
        let orphaned: std::collections::BTreeSet<&str> = progress
            .iter()
            .map(|(key, _)| key)
            .chain(progress.notes().map(|(key, _)| key))
            .filter(|key| !known.contains(key))
            .collect();
        let orphans = orphaned.into_iter().map(|key| state(key, None)).collect();
        Summary {
            version: VERSION,
            roadmap: RoadmapInfo {
                id: roadmap.id.clone(),
                title: roadmap.title.clone(),
            },
            totals: total.into(),
            levels,
            orphans,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::progress::Entry;
    use crate::format::roadmap::load::parse;

    fn roadmap() -> Roadmap {
        parse(
            "title: T\nid: t\nlevels:\n  - title: L\n    topics:\n      - {title: A, items: [One, Two, Three]}\n      - {title: B, items: [Four]}\n",
            "t.yaml",
            "t",
        )
        .unwrap()
    }

    fn progress(entries: &[(&str, Status)]) -> Progress {
        let mut progress = Progress::default();
        for &(key, status) in entries {
            progress.put(
                key,
                Some(Entry {
                    status,
                    updated: 86_400,
                }),
            );
        }
        progress
    }

    #[test]
    fn counts_roll_up_from_topics_to_levels_to_totals() {
        let progress = progress(&[
            ("l/a/one", Status::Done),
            ("l/a/two", Status::Skipped),
            ("l/b/four", Status::InProgress),
        ]);
        let summary = Summary::new(&roadmap(), &progress);
        let a = &summary.levels[0].topics[0].counts;
        assert_eq!(
            (a.done, a.skipped, a.pending, a.total, a.percent),
            (1, 1, 1, 3, 33)
        );
        assert_eq!(summary.levels[0].counts, summary.totals);
        assert_eq!(summary.totals.in_progress, 1);
        assert_eq!(summary.totals.percent, 25);
        let one = &summary.levels[0].topics[0].items[0];
        assert_eq!(one.updated.as_deref(), Some("1970-01-02T00:00:00Z"));
        assert_eq!(summary.levels[0].topics[0].items[2].updated, None);
    }

    #[test]
    fn progress_of_items_no_longer_there_is_listed_as_orphans() {
        let progress = progress(&[("l/a/one", Status::Done), ("l/gone/x", Status::Done)]);
        let summary = Summary::new(&roadmap(), &progress);
        assert_eq!(summary.orphans.len(), 1);
        assert_eq!(summary.orphans[0].key, "l/gone/x");
        assert_eq!(summary.orphans[0].title, None);
        assert_eq!(summary.totals.done, 1, "orphans never count");
    }

    #[test]
    fn notes_are_kept_on_items_and_orphans_cleaned_for_showing() {
        let mut progress = progress(&[("l/a/one", Status::Done)]);
        progress.set_note("l/a/one", "read it\nagain \u{1b}[31m");
        progress.set_note("l/gone/x", "only a note");
        let summary = Summary::new(&roadmap(), &progress);
        let one = &summary.levels[0].topics[0].items[0];
        assert_eq!(one.note.as_deref(), Some("read it\nagain \\x1b[31m"));
        assert_eq!(summary.levels[0].topics[0].items[1].note, None);
        assert_eq!(summary.orphans.len(), 1);
        assert_eq!(summary.orphans[0].key, "l/gone/x");
        assert_eq!(summary.orphans[0].note.as_deref(), Some("only a note"));
        let json = serde_json::to_value(&summary).unwrap();
        assert_eq!(json["levels"][0]["topics"][0]["items"][1].get("note"), None);
    }

    #[test]
    fn json_field_names_and_status_spellings_are_the_documented_ones() {
        let progress = progress(&[("l/a/one", Status::InProgress)]);
        let json = serde_json::to_value(Summary::new(&roadmap(), &progress)).unwrap();
        assert_eq!(json["version"], 1);
        assert_eq!(json["roadmap"]["id"], "t");
        assert_eq!(json["totals"]["in_progress"], 1);
        let item = &json["levels"][0]["topics"][0]["items"][0];
        assert_eq!(item["status"], "in-progress");
        assert_eq!(item["key"], "l/a/one");
    }
}
