//! Where the learner left off: the tab, the open topics and the selected
//! row of each roadmap, turned into a
//! [`crate::format::view_state::RoadmapView`] (by id) and back onto the
//! trees, and each roadmap's undo history, kept while another roadmap is
//! open. Pure like the rest of [`App`]: the runner reads and writes the
//! file.
//!
//! A place the roadmap no longer has (a topic renamed, a level removed)
//! is skipped, never an error: the view is safe to lose. A roadmap used
//! last that opens no more is only a notice ([`App::with_notice`]).

use crate::domain::roadmap::Level;
use crate::format::view_state::{OpenTopics, RoadmapView, Selected, ViewState};
use crate::tui::app::App;
use crate::tui::tree::{Row, TreeState};

impl App {
    /// Opens the view where `state` says this roadmap was left, and keeps
    /// the rest of it to write back at the end.
    pub fn with_view_state(mut self, state: ViewState) -> App {
        self.views = state;
        self.restore_view();
        self
    }

    /// Shows `notice` as the store's notices are: why this roadmap and
    /// not the one used last, say.
    pub fn with_notice(mut self, notice: String) -> App {
        self.notices.push(notice);
        self
    }

    /// How the roadmap on screen is opened again next time, when not by
    /// its id (a roadmap opened by path).
    pub fn with_opened_as(mut self, opened_as: Option<String>) -> App {
        self.opened_as = opened_as;
        self
    }

    /// The view state as this session would write it over the one read at
    /// its start (the runner writes it over the file as it is at the end).
    #[cfg(test)]
    pub(crate) fn view_state(&self) -> ViewState {
        self.view_state_over(self.views.clone())
    }

    /// [`App::view_state`] written over `saved`, the file as it is now:
    /// only the roadmaps this session showed are taken from it, so
    /// another session that ended meanwhile keeps its views of the rest.
    pub fn view_state_over(&self, saved: ViewState) -> ViewState {
        let mut state = saved;
        for id in self.parked.iter().rev() {
            if let Some(view) = self.views.of(id) {
                state.remember(view.clone());
            }
        }
        state.remember(self.current_view());
        state.last = Some(
            self.opened_as
                .clone()
                .unwrap_or_else(|| self.roadmap().id.clone()),
        );
        state
    }

    /// Keeps this roadmap's view and undo history before another one
    /// takes its place.
    pub(super) fn park(&mut self) {
        let view = self.current_view();
        self.parked.retain(|id| *id != view.id);
        self.parked.insert(0, view.id.clone());
        self.views.remember(view);
        let history = self.session.take_history();
        self.histories.insert(self.roadmap().id.clone(), history);
    }

    /// Puts back the view and history kept for the roadmap now open.
    pub(super) fn unpark(&mut self) {
        self.restore_view();
        let id = self.roadmap().id.clone();
        if let Some(history) = self.histories.remove(&id) {
            self.session.restore_history(history);
        }
    }

    /// This roadmap's tab, open topics and selection, by id.
    fn current_view(&self) -> RoadmapView {
        let levels = &self.roadmap().levels;
        let open = levels
            .iter()
            .zip(&self.trees)
            .filter_map(|(level, tree)| {
                let topics: Vec<String> = level
                    .topics
                    .iter()
                    .enumerate()
                    .filter(|(index, _)| tree.is_open(*index))
                    .map(|(_, topic)| topic.id.clone())
                    .collect();
                (!topics.is_empty()).then(|| OpenTopics {
                    level: level.id.clone(),
                    topics,
                })
            })
            .collect();
        let selected = levels
            .iter()
            .zip(&self.trees)
            .filter_map(|(level, tree)| selected_in(level, tree))
            .collect();
        RoadmapView {
            id: self.roadmap().id.clone(),
            level: levels.get(self.level).map(|level| level.id.clone()),
            open,
            selected,
        }
    }

    /// Applies what the view state remembers of this roadmap, as far as
    /// the roadmap still has those places.
    fn restore_view(&mut self) {
        let Some(view) = self.views.of(&self.roadmap().id).cloned() else {
            return;
        };
        let levels = &self.session.roadmap().levels;
        let level_at = |id: &str| levels.iter().position(|level| level.id == id);
        let topic_at =
            |level: usize, id: &str| levels[level].topics.iter().position(|topic| topic.id == id);
        for open in &view.open {
            let Some(level) = level_at(&open.level) else {
                continue;
            };
            for id in &open.topics {
                if let Some(topic) = topic_at(level, id) {
                    self.trees[level].open_topic(topic);
                }
            }
        }
        for selected in &view.selected {
            let Some(level) = level_at(&selected.level) else {
                continue;
            };
            let Some(topic) = topic_at(level, &selected.topic) else {
                continue;
            };
            let item = selected.item.as_ref().and_then(|id| {
                levels[level].topics[topic]
                    .items
                    .iter()
                    .position(|item| item.id == *id)
            });
            let row = match item {
                Some(item) if self.trees[level].is_open(topic) => Row::Item { topic, item },
                _ => Row::Topic(topic),
            };
            self.trees[level].select(row);
        }
        if let Some(level) = view.level.as_deref().and_then(level_at) {
            self.level = level;
        }
    }
}

/// The selected row of `tree` in `level`, by id; `None` for the first
/// topic, where a fresh tree starts anyway.
fn selected_in(level: &Level, tree: &TreeState) -> Option<Selected> {
    let row = tree.selected()?;
    let topic = level.topics.get(row.topic())?;
    let item = match row {
        Row::Topic(0) => return None,
        Row::Topic(_) => None,
        Row::Item { item, .. } => Some(topic.items.get(item)?.id.clone()),
    };
    Some(Selected {
        level: level.id.clone(),
        topic: topic.id.clone(),
        item,
    })
}

#[cfg(test)]
mod tests {
    use crate::domain::progress::{Progress, Status};
    use crate::domain::session::Session;
    use crate::format::roadmap::load::parse;
    use crate::format::view_state::ViewState;
    use crate::tui::action::Action;
    use crate::tui::app::overlay::{Overlay, Picker, PickerRow};
    use crate::tui::app::tests::YAML;
    use crate::tui::app::{App, Input};
    use crate::tui::effect::Outcome;
    use crate::tui::tree::Row;

    fn app() -> App {
        App::on(parse(YAML, "t.yaml", "test").unwrap()).with_clock(|| 1_000)
    }

    fn act(app: &mut App, actions: &[Action]) {
        for &action in actions {
            app.update(Input::Act(action));
        }
    }

    #[test]
    fn the_tab_open_topics_and_selection_come_back_by_id() {
        let mut app = app();
        // Beginner: Git open, its item selected; Advanced shown.
        act(
            &mut app,
            &[Action::Down, Action::Expand, Action::Down, Action::Level(1)],
        );
        act(&mut app, &[Action::Expand]);
        let state = app.view_state();
        assert_eq!(state.last.as_deref(), Some("test"));
        let text = state.to_text();
        let again = self::app().with_view_state(ViewState::parse(&text));
        assert_eq!(again.level_index(), 1);
        assert!(again.trees()[1].is_open(0));
        assert!(again.trees()[0].is_open(1) && !again.trees()[0].is_open(0));
        assert_eq!(
            again.trees()[0].selected(),
            Some(Row::Item { topic: 1, item: 0 })
        );
    }

    #[test]
    fn places_the_roadmap_no_longer_has_are_skipped() {
        let text = r#"{"version": 1, "roadmaps": [{"id": "test", "level": "gone",
            "open": [{"level": "beginner", "topics": ["gone", "git"]}, {"level": "x", "topics": ["y"]}],
            "selected": [{"level": "beginner", "topic": "git", "item": "gone"}]}]}"#;
        let app = app().with_view_state(ViewState::parse(text));
        assert_eq!(app.level_index(), 0);
        assert!(app.trees()[0].is_open(1));
        assert_eq!(app.trees()[0].selected(), Some(Row::Topic(1)));
    }

    /// Two sessions: the one that ends last wrote back, whole, the views
    /// it had read at start, undoing the other's view of a roadmap this
    /// one never showed.
    #[test]
    fn only_the_roadmaps_this_session_showed_are_written_over_the_file() {
        let at_start = r#"{"version": 1, "roadmaps": [{"id": "other", "level": "old"}]}"#;
        let app = app().with_view_state(ViewState::parse(at_start));
        let now = r#"{"version": 1, "roadmaps": [{"id": "other", "level": "new"}]}"#;
        let state = app.view_state_over(ViewState::parse(now));
        assert_eq!(state.roadmaps[0].id, "test");
        assert_eq!(
            state.of("other").and_then(|view| view.level.as_deref()),
            Some("new"),
            "the other session's"
        );
    }

    #[test]
    fn a_roadmap_opened_by_path_is_named_by_its_path_next_time() {
        let app = app().with_opened_as(Some("/home/me/mine.yaml".to_owned()));
        assert_eq!(app.view_state().last.as_deref(), Some("/home/me/mine.yaml"));
    }

    fn switch(app: &mut App, to: Session) {
        let row = PickerRow {
            id: to.roadmap().id.clone(),
            title: String::new(),
            origin: String::new(),
            tally: None,
            problem: None,
            current: false,
            entry: Some(0),
        };
        app.overlay = Some(Overlay::Picker(Picker::new(vec![row])));
        app.update(Input::Done(Outcome::Opened(Ok(Box::new(to)))));
    }

    #[test]
    fn each_roadmap_keeps_its_undo_and_its_view_while_another_is_open() {
        let mut app = app();
        act(
            &mut app,
            &[
                Action::Level(1),
                Action::Expand,
                Action::Down,
                Action::ToggleDone,
            ],
        );
        let saved = app.session().unsaved().clone();
        app.session_mut().saved(&saved);
        let other = parse(
            "title: O\nlevels: [{title: L, topics: [{title: T, items: [A]}]}]\n",
            "o.yaml",
            "other",
        )
        .unwrap();
        switch(&mut app, Session::new(other, Progress::default()));
        assert_eq!(app.roadmap().id, "other");
        act(&mut app, &[Action::Undo]);
        assert_eq!(app.flash(), Some("Nothing to undo"), "not the other's step");
        // Back to the first, read afresh from the store as the runner does.
        let mut progress = Progress::default();
        progress.put(
            "advanced/scaling/sharding",
            Some(crate::domain::progress::Entry {
                status: Status::Done,
                updated: 1_000,
            }),
        );
        let first = Session::new(parse(YAML, "t.yaml", "test").unwrap(), progress);
        switch(&mut app, first);
        assert_eq!(app.level_index(), 1, "where it was left");
        assert_eq!(app.tree().selected(), Some(Row::Item { topic: 0, item: 0 }));
        act(&mut app, &[Action::Undo]);
        assert_eq!(app.flash(), Some("Undid “Sharding: done”: now pending"));
        // The roadmap switched away from is this session's news, over
        // whatever the file says of it.
        let saved = app.session().unsaved().clone();
        app.session_mut().saved(&saved);
        switch(
            &mut app,
            Session::new(
                parse(
                    "title: O\nlevels: [{title: L, topics: [{title: T, items: [A]}]}]\n",
                    "o.yaml",
                    "other",
                )
                .unwrap(),
                Progress::default(),
            ),
        );
        let stale = r#"{"version": 1, "roadmaps": [{"id": "test", "level": "beginner"}]}"#;
        let state = app.view_state_over(ViewState::parse(stale));
        assert_eq!(state.roadmaps[0].id, "other");
        assert_eq!(
            state.of("test").and_then(|view| view.level.as_deref()),
            Some("advanced")
        );
    }
}
