//! A roadmap's progress as a report: counts per level, per topic and in
//! total, every item's status, and the progress kept for items the roadmap
//! no longer has, with the learner's notes. What `status` prints and
//! `export` writes (as Markdown, see `format::markdown::checklist`); as
//! JSON it is the stable schema documented in `docs/json.md`. With the
//! pace, forecast and goal of the roadmap and of each level
//! ([`crate::domain::pace`]), so it depends on the day it is made. Pure:
//! no I/O, and the time is given.

use serde::ser::SerializeStruct;
use serde::{Serialize, Serializer};

use crate::domain::calendar;
use crate::domain::pace::Plan;
use crate::domain::progress::{Progress, Status, Tally};
use crate::domain::roadmap::Roadmap;

/// The schema's version: bumped only when a field changes meaning or goes
/// away. New fields may appear without a bump. 2: the plan fields, which
/// make the document depend on the day as well as on the progress.
pub const VERSION: u32 = 2;

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Summary {
    pub version: u32,
    pub roadmap: RoadmapInfo,
    pub totals: Counts,
    /// The whole roadmap's pace, forecast and goal.
    #[serde(flatten)]
    pub plan: Plan,
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

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct LevelSummary {
    pub id: String,
    pub title: String,
    pub counts: Counts,
    #[serde(flatten)]
    pub plan: Plan,
    pub topics: Vec<TopicSummary>,
}

/// The plan's fields as `docs/json.md` names them: rates as numbers,
/// days as `YYYY-MM-DD`, `null` for none.
impl Serialize for Plan {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut fields = serializer.serialize_struct("Plan", 4)?;
        fields.serialize_field("pace_per_week", &self.per_week)?;
        fields.serialize_field("forecast", &self.forecast.map(calendar::iso))?;
        fields.serialize_field("goal", &self.goal.map(calendar::iso))?;
        fields.serialize_field("needed_per_week", &self.needed_per_week)?;
        fields.end()
    }
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
    /// The report of `roadmap` with `progress`, its plans as of `now`.
    pub fn new(roadmap: &Roadmap, progress: &Progress, now: u64) -> Summary {
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
                let done = progress.done_times(level.items());
                LevelSummary {
                    id: level.id.clone(),
                    title: level.title.clone(),
                    counts: level_tally.into(),
                    plan: Plan::new(level_tally, done, progress.goal(&level.id), now),
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
            plan: Plan::new(
                total,
                progress.done_times(roadmap.items()),
                progress.goal(""),
                now,
            ),
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

    /// Long after the progress below was made: no pace.
    const NOW: u64 = 86_400 * 400;

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
        let summary = Summary::new(&roadmap(), &progress, NOW);
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
        let summary = Summary::new(&roadmap(), &progress, NOW);
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
        let summary = Summary::new(&roadmap(), &progress, NOW);
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
        let json = serde_json::to_value(Summary::new(&roadmap(), &progress, NOW)).unwrap();
        assert_eq!(json["version"], 2);
        assert_eq!(json["roadmap"]["id"], "t");
        assert_eq!(json["totals"]["in_progress"], 1);
        let item = &json["levels"][0]["topics"][0]["items"][0];
        assert_eq!(item["status"], "in-progress");
        assert_eq!(item["key"], "l/a/one");
        for plan in [&json, &json["levels"][0]] {
            assert_eq!(plan["pace_per_week"], 0.0);
            assert_eq!(plan["forecast"], serde_json::Value::Null);
            assert_eq!(plan["goal"], serde_json::Value::Null);
            assert_eq!(plan["needed_per_week"], serde_json::Value::Null);
        }
    }

    #[test]
    fn the_roadmap_and_each_level_have_their_own_pace_and_goal() {
        let mut progress = Progress::default();
        // Done yesterday: both items of topic A's level count, one week's
        // quarter each.
        for key in ["l/a/one", "l/a/two"] {
            progress.put(
                key,
                Some(Entry {
                    status: Status::Done,
                    updated: NOW - 86_400,
                }),
            );
        }
        let today = calendar::day(NOW);
        progress.set_goal("", Some(today + 13));
        progress.set_goal("l", Some(today + 6));
        let summary = Summary::new(&roadmap(), &progress, NOW);
        assert_eq!(summary.plan.per_week, 0.5);
        assert_eq!(summary.plan.remaining, 2);
        // 2 left at 0.5 a week: 4 weeks.
        assert_eq!(summary.plan.forecast, Some(today + 28));
        // 2 items in 14 days: 1 a week.
        assert_eq!(summary.plan.needed_per_week, Some(1.0));
        assert_eq!(summary.levels[0].plan.goal, Some(today + 6));
        assert_eq!(summary.levels[0].plan.needed_per_week, Some(2.0));
        let json = serde_json::to_value(&summary).unwrap();
        assert_eq!(json["goal"], calendar::iso(today + 13));
        assert_eq!(json["forecast"], calendar::iso(today + 28));
        assert_eq!(json["levels"][0]["needed_per_week"], 2.0);
    }
}
