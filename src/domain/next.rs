//! What to work on next: every item in progress, the longest in progress
//! first, then the pending items in the roadmap's order (level, topic,
//! item, as in the file); done and skipped items are left out. The one
//! list that `roadmap next` prints and the app's continue view (`c`)
//! shows, so the two never disagree; as JSON it is the schema of
//! `docs/json.md` ("roadmap next"). Pure: no I/O, no clock.

use serde::Serialize;

use crate::domain::calendar;
use crate::domain::progress::{Progress, Status};
use crate::domain::roadmap::{Place, Roadmap};
use crate::domain::summary::RoadmapInfo;

/// The JSON schema's version, kept apart from `status`'s: bumped only when
/// a field changes meaning or goes away.
pub const VERSION: u32 = 1;

/// How many items a list holds when no length is asked for, unless more
/// are in progress: those are never left out unasked.
pub const DEFAULT_LENGTH: usize = 10;

/// What the app and `roadmap next` say when the list is empty.
pub const FINISHED: &str = "Every item is done or skipped: nothing left to do. Well done!";

/// What the app and `roadmap next` say when the roadmap has no item.
pub const NO_ITEMS: &str = "This roadmap has no items yet.";

/// What to say of an empty list, for a roadmap of `items` items.
pub fn nothing_next(items: usize) -> &'static str {
    if items == 0 { NO_ITEMS } else { FINISHED }
}

/// How long a list to make.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Length {
    /// [`DEFAULT_LENGTH`] items, or every item in progress when more are.
    Default,
    /// At most this many, the ones in progress first.
    AtMost(usize),
    /// Every item in progress and every pending one.
    All,
}

/// One item on the list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Next {
    /// `level/topic/item`, the key `roadmap mark` takes.
    pub key: String,
    pub place: Place,
    pub stage: Stage,
}

impl Next {
    fn new(key: &str, place: Place, stage: Stage) -> Next {
        Next {
            key: key.to_owned(),
            place,
            stage,
        }
    }
}

/// Why an item is on the list.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stage {
    /// In progress since this time (Unix seconds).
    InProgress { since: u64 },
    /// Not started yet.
    Pending,
}

/// The list, and how many items it could have held.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UpNext {
    pub items: Vec<Next>,
    /// Every item in progress, listed or not.
    pub in_progress: usize,
    /// Every pending item, listed or not.
    pub pending: usize,
}

impl UpNext {
    pub fn of(roadmap: &Roadmap, progress: &Progress, length: Length) -> UpNext {
        let mut doing: Vec<(u64, Next)> = Vec::new();
        let mut pending = 0;
        for (item, place) in roadmap.placed_items() {
            match progress.entry(&item.key) {
                Some(entry) if entry.status == Status::InProgress => {
                    let since = entry.updated;
                    let stage = Stage::InProgress { since };
                    doing.push((since, Next::new(&item.key, place, stage)));
                }
                Some(entry) if entry.status != Status::Pending => {}
                _ => pending += 1,
            }
        }
        // Stable: items set in progress at the same time keep roadmap order.
        doing.sort_by_key(|&(since, _)| since);
        let in_progress = doing.len();
        let limit = match length {
            Length::Default => DEFAULT_LENGTH.max(in_progress),
            Length::AtMost(limit) => limit,
            Length::All => usize::MAX,
        };
        let mut items: Vec<Next> = doing
            .into_iter()
            .take(limit)
            .map(|(_, next)| next)
            .collect();
        let room = limit - items.len();
        if room > 0 {
            items.extend(
                roadmap
                    .placed_items()
                    .filter(|(item, _)| progress.status(&item.key) == Status::Pending)
                    .take(room)
                    .map(|(item, place)| Next::new(&item.key, place, Stage::Pending)),
            );
        }
        UpNext {
            items,
            in_progress,
            pending,
        }
    }

    /// Every item is done or skipped: nothing is left to do.
    pub fn is_finished(&self) -> bool {
        self.in_progress == 0 && self.pending == 0
    }

    /// Items that could have been listed and were not.
    pub fn left_out(&self) -> usize {
        (self.in_progress + self.pending).saturating_sub(self.items.len())
    }

    /// The list as the JSON document of `docs/json.md`, with titles from
    /// `roadmap` (the one it was made from).
    pub fn report(&self, roadmap: &Roadmap) -> Report {
        let items = self
            .items
            .iter()
            .filter_map(|next| {
                let (l, t, i) = next.place;
                let level = roadmap.levels.get(l)?;
                let topic = level.topics.get(t)?;
                let item = topic.items.get(i)?;
                let (status, since) = match next.stage {
                    Stage::InProgress { since } => (Status::InProgress, calendar::rfc3339(since)),
                    Stage::Pending => (Status::Pending, None),
                };
                Some(ReportItem {
                    key: next.key.clone(),
                    title: item.title.clone(),
                    level: level.title.clone(),
                    topic: topic.title.clone(),
                    status,
                    since,
                })
            })
            .collect();
        Report {
            version: VERSION,
            roadmap: RoadmapInfo {
                id: roadmap.id.clone(),
                title: roadmap.title.clone(),
            },
            in_progress: self.in_progress,
            pending: self.pending,
            items,
        }
    }
}

/// `roadmap next --json`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Report {
    pub version: u32,
    pub roadmap: RoadmapInfo,
    /// Every item in progress, listed or not.
    pub in_progress: usize,
    /// Every pending item, listed or not.
    pub pending: usize,
    pub items: Vec<ReportItem>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ReportItem {
    pub key: String,
    pub title: String,
    /// The title of the item's level.
    pub level: String,
    /// The title of the item's topic.
    pub topic: String,
    /// `in-progress` or `pending`.
    pub status: Status,
    /// When an item in progress was set so, RFC 3339 in UTC.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub since: Option<String>,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::progress::Entry;
    use crate::format::roadmap::load::parse;

    /// Two levels: l1 (topics a: a1 a2 a3, b: b1) and l2 (c: c1 c2).
    fn roadmap() -> Roadmap {
        parse(
            "title: T\nid: t\nlevels:\n  \
             - title: L1\n    topics:\n      \
               - {title: A, items: [A1, A2, A3]}\n      \
               - {title: B, items: [B1]}\n  \
             - title: L2\n    topics:\n      \
               - {title: C, items: [C1, C2]}\n",
            "t.yaml",
            "t",
        )
        .unwrap()
    }

    fn progress(entries: &[(&str, Status, u64)]) -> Progress {
        let mut progress = Progress::default();
        for &(key, status, updated) in entries {
            progress.put(key, Some(Entry { status, updated }));
        }
        progress
    }

    fn keys(list: &UpNext) -> Vec<&str> {
        list.items.iter().map(|next| next.key.as_str()).collect()
    }

    #[test]
    fn in_progress_comes_first_the_longest_first_then_pending_in_roadmap_order() {
        let progress = progress(&[
            ("l2/c/c2", Status::InProgress, 100),
            ("l1/a/a3", Status::InProgress, 300),
            ("l1/b/b1", Status::InProgress, 200),
            ("l1/a/a1", Status::Done, 50),
            ("l2/c/c1", Status::Skipped, 60),
        ]);
        let list = UpNext::of(&roadmap(), &progress, Length::All);
        assert_eq!(keys(&list), ["l2/c/c2", "l1/b/b1", "l1/a/a3", "l1/a/a2"]);
        assert_eq!((list.in_progress, list.pending), (3, 1));
        assert_eq!(list.items[0].place, (1, 0, 1));
        assert_eq!(list.items[0].stage, Stage::InProgress { since: 100 });
        assert_eq!(list.items[3].stage, Stage::Pending);
        assert_eq!(list.left_out(), 0);
    }

    #[test]
    fn items_in_progress_since_the_same_time_keep_roadmap_order() {
        let progress = progress(&[
            ("l2/c/c1", Status::InProgress, 7),
            ("l1/b/b1", Status::InProgress, 7),
            ("l1/a/a2", Status::InProgress, 7),
        ]);
        let list = UpNext::of(&roadmap(), &progress, Length::AtMost(3));
        assert_eq!(keys(&list), ["l1/a/a2", "l1/b/b1", "l2/c/c1"]);
    }

    #[test]
    fn with_nothing_started_the_list_is_the_roadmap_from_the_top() {
        let list = UpNext::of(&roadmap(), &Progress::default(), Length::AtMost(4));
        assert_eq!(keys(&list), ["l1/a/a1", "l1/a/a2", "l1/a/a3", "l1/b/b1"]);
        assert_eq!((list.in_progress, list.pending, list.left_out()), (0, 6, 2));
        assert!(!list.is_finished());
    }

    #[test]
    fn a_length_cuts_the_list_in_progress_included() {
        let progress = progress(&[
            ("l1/b/b1", Status::InProgress, 2),
            ("l2/c/c1", Status::InProgress, 1),
        ]);
        let list = UpNext::of(&roadmap(), &progress, Length::AtMost(1));
        assert_eq!(keys(&list), ["l2/c/c1"]);
        assert_eq!(list.left_out(), 5);
        let list = UpNext::of(&roadmap(), &progress, Length::AtMost(3));
        assert_eq!(keys(&list), ["l2/c/c1", "l1/b/b1", "l1/a/a1"]);
        assert_eq!(
            UpNext::of(&roadmap(), &progress, Length::AtMost(0)).items,
            []
        );
    }

    #[test]
    fn the_default_length_never_leaves_out_an_item_in_progress() {
        let list = UpNext::of(&roadmap(), &Progress::default(), Length::Default);
        assert_eq!(list.items.len(), 6, "all six, fewer than the default");
        let many = format!(
            "title: T\nid: t\nlevels:\n  - title: L\n    topics:\n      - {{title: A, items: [{}]}}\n",
            (0..15)
                .map(|n| format!("I{n}"))
                .collect::<Vec<_>>()
                .join(", ")
        );
        let roadmap = parse(&many, "t.yaml", "t").unwrap();
        let keys: Vec<String> = roadmap.items().map(|item| item.key.clone()).collect();
        let list = UpNext::of(&roadmap, &Progress::default(), Length::Default);
        assert_eq!(list.items.len(), DEFAULT_LENGTH);
        let mut progress = Progress::default();
        for key in &keys[..12] {
            progress.set(key, Status::InProgress, 5);
        }
        let list = UpNext::of(&roadmap, &progress, Length::Default);
        assert_eq!(list.items.len(), 12);
        assert!(list.items.iter().all(|next| next.stage != Stage::Pending));
        assert_eq!(list.left_out(), 3);
    }

    #[test]
    fn done_and_skipped_are_left_out_and_a_finished_roadmap_has_an_empty_list() {
        let all: Vec<(String, Status)> = roadmap()
            .items()
            .enumerate()
            .map(|(n, item)| {
                let status = if n % 2 == 0 {
                    Status::Done
                } else {
                    Status::Skipped
                };
                (item.key.clone(), status)
            })
            .collect();
        let mut progress = Progress::default();
        for (key, status) in &all {
            progress.set(key, *status, 9);
        }
        let list = UpNext::of(&roadmap(), &progress, Length::All);
        assert_eq!(list.items, []);
        assert!(list.is_finished());
        assert_eq!(list.left_out(), 0);
    }

    #[test]
    fn progress_kept_for_items_no_longer_there_is_not_listed() {
        let progress = progress(&[("l9/gone/x", Status::InProgress, 1)]);
        let list = UpNext::of(&roadmap(), &progress, Length::AtMost(1));
        assert_eq!(keys(&list), ["l1/a/a1"]);
        assert_eq!(list.in_progress, 0);
    }

    #[test]
    fn the_report_names_titles_and_says_since_when_in_the_documented_fields() {
        let progress = progress(&[("l1/b/b1", Status::InProgress, 1_795_305_599)]);
        let roadmap = roadmap();
        let report = UpNext::of(&roadmap, &progress, Length::AtMost(2)).report(&roadmap);
        let json = serde_json::to_value(&report).unwrap();
        assert_eq!(json["version"], 1);
        assert_eq!(json["roadmap"]["id"], "t");
        assert_eq!(
            (json["in_progress"].clone(), json["pending"].clone()),
            (1.into(), 5.into())
        );
        let first = &json["items"][0];
        assert_eq!(first["key"], "l1/b/b1");
        assert_eq!(first["title"], "B1");
        assert_eq!(first["level"], "L1");
        assert_eq!(first["topic"], "B");
        assert_eq!(first["status"], "in-progress");
        assert_eq!(first["since"], "2026-11-21T23:59:59Z");
        assert_eq!(json["items"][1]["status"], "pending");
        assert_eq!(json["items"][1].get("since"), None);
    }
}
