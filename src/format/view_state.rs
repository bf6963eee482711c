//! The text of the view-state file: which roadmap was open last and, for
//! each roadmap, the tab shown, the topics open and the row selected, so
//! the app opens where the learner left off.
//!
//! View state is not progress: it is kept apart from the progress log,
//! small (at most [`MAX_ROADMAPS`] roadmaps, each with bounded lists), and
//! safe to lose. Reading never fails: text that is damaged, too new or of
//! another shape reads as no view state at all, and ids that name nothing
//! in the roadmap are the app's to ignore. Places are kept by id (level,
//! topic, item), never by position, so an edited roadmap file still opens
//! where it can. Text in, values out: no file is opened here.

use serde::{Deserialize, Serialize};

/// The version written; another one reads as a fresh view.
pub const VERSION: u32 = 1;

/// At most this many roadmaps are remembered; the least recently used
/// is forgotten first.
pub const MAX_ROADMAPS: usize = 32;

/// At most this many open topics are remembered per roadmap and level.
const MAX_OPEN: usize = 256;

/// Ids longer than this are no id a roadmap has: dropped on reading.
const MAX_ID: usize = 512;

/// Everything the file holds.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ViewState {
    /// What opens when no roadmap is named: a catalog id, or the path a
    /// roadmap was opened by.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last: Option<String>,
    /// Most recently used first.
    #[serde(default)]
    pub roadmaps: Vec<RoadmapView>,
}

/// Where one roadmap was left.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct RoadmapView {
    /// The roadmap's id.
    pub id: String,
    /// The id of the level whose tab was shown.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub level: Option<String>,
    /// Per level, the ids of the topics left open.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub open: Vec<OpenTopics>,
    /// Per level, the row selected.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub selected: Vec<Selected>,
}

/// The open topics of one level.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct OpenTopics {
    pub level: String,
    pub topics: Vec<String>,
}

/// The row selected in one level: a topic, or an item of it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Selected {
    pub level: String,
    pub topic: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub item: Option<String>,
}

/// The file as written: the version first, so a later shape can tell.
#[derive(Serialize, Deserialize)]
struct File {
    version: u32,
    #[serde(flatten)]
    state: ViewState,
}

impl ViewState {
    /// The state `text` holds; anything unreadable is a fresh view.
    pub fn parse(text: &str) -> ViewState {
        match serde_json::from_str::<File>(text) {
            Ok(file) if file.version == VERSION => file.state.bounded(),
            _ => ViewState::default(),
        }
    }

    /// The text to write.
    pub fn to_text(&self) -> String {
        let file = File {
            version: VERSION,
            state: self.clone().bounded(),
        };
        // A tree of strings and vectors: serialising it cannot fail.
        let mut text = serde_json::to_string_pretty(&file).unwrap_or_default();
        text.push('\n');
        text
    }

    /// Where roadmap `id` was left, if it is remembered.
    pub fn of(&self, id: &str) -> Option<&RoadmapView> {
        self.roadmaps.iter().find(|view| view.id == id)
    }

    /// Remembers `view` as the most recently used.
    pub fn remember(&mut self, view: RoadmapView) {
        self.roadmaps.retain(|kept| kept.id != view.id);
        self.roadmaps.insert(0, view);
        self.roadmaps.truncate(MAX_ROADMAPS);
    }

    /// Within the bounds, whatever a file said: a hand-edited or hostile
    /// file costs no more than a real one.
    fn bounded(mut self) -> ViewState {
        let mut seen = std::collections::HashSet::new();
        self.roadmaps
            .retain(|view| fits(&view.id) && seen.insert(view.id.clone()));
        self.roadmaps.truncate(MAX_ROADMAPS);
        for view in &mut self.roadmaps {
            view.level = view.level.take().filter(|id| fits(id));
            view.open.truncate(MAX_OPEN);
            for open in &mut view.open {
                open.topics.truncate(MAX_OPEN);
                open.topics.retain(|id| fits(id));
            }
            view.selected.truncate(MAX_OPEN);
        }
        self.last = self.last.filter(|last| last.len() <= 4096);
        self
    }
}

fn fits(id: &str) -> bool {
    !id.is_empty() && id.len() <= MAX_ID
}

#[cfg(test)]
mod tests {
    use super::*;

    fn view(id: &str) -> RoadmapView {
        RoadmapView {
            id: id.to_owned(),
            level: Some("intermediate".to_owned()),
            open: vec![OpenTopics {
                level: "intermediate".to_owned(),
                topics: vec!["git".to_owned(), "sql".to_owned()],
            }],
            selected: vec![Selected {
                level: "intermediate".to_owned(),
                topic: "git".to_owned(),
                item: Some("rebase".to_owned()),
            }],
        }
    }

    #[test]
    fn what_is_written_reads_back_the_same() {
        let mut state = ViewState {
            last: Some("backend".to_owned()),
            ..ViewState::default()
        };
        state.remember(view("backend"));
        state.remember(view("mine"));
        let text = state.to_text();
        assert!(text.starts_with("{\n  \"version\": 1,"), "{text}");
        assert_eq!(ViewState::parse(&text), state);
        assert_eq!(state.roadmaps[0].id, "mine", "most recent first");
        assert_eq!(state.of("backend"), Some(&view("backend")));
    }

    #[test]
    fn damaged_missing_or_newer_text_is_a_fresh_view() {
        for text in [
            "",
            "{",
            "null",
            "[]",
            "{\"version\": 2, \"last\": \"backend\"}",
            "{\"last\": \"backend\"}",
            "{\"version\": 1, \"roadmaps\": [{\"id\": 7}]}",
            "\u{0}\u{1}binary",
        ] {
            assert_eq!(ViewState::parse(text), ViewState::default(), "{text:?}");
        }
    }

    #[test]
    fn remembering_moves_a_roadmap_to_the_front_and_forgets_the_oldest() {
        let mut state = ViewState::default();
        for n in 0..MAX_ROADMAPS + 3 {
            state.remember(view(&format!("r{n}")));
        }
        state.remember(view("r10"));
        assert_eq!(state.roadmaps.len(), MAX_ROADMAPS);
        assert_eq!(state.roadmaps[0].id, "r10");
        assert_eq!(state.roadmaps.iter().filter(|v| v.id == "r10").count(), 1);
        assert!(state.of("r0").is_none(), "the least recently used went");
    }

    #[test]
    fn a_hostile_file_is_cut_down_to_the_bounds() {
        let topics: Vec<String> = (0..10_000).map(|n| format!("\"t{n}\"")).collect();
        let text = format!(
            "{{\"version\": 1, \"roadmaps\": [{{\"id\": \"a\", \"open\": [{{\"level\": \"l\", \
             \"topics\": [{}, \"{}\"]}}]}}, {{\"id\": \"a\"}}, {{\"id\": \"\"}}]}}",
            topics.join(","),
            "x".repeat(MAX_ID + 1)
        );
        let state = ViewState::parse(&text);
        assert_eq!(
            state.roadmaps.len(),
            1,
            "the duplicate and the empty id went"
        );
        assert_eq!(state.roadmaps[0].open[0].topics.len(), MAX_OPEN);
    }
}
