//! The running app: its state, [`App::update`] applying one [`Action`],
//! and the event loop that reads keys, updates, saves and redraws.
//!
//! A progress change is saved before the next frame is drawn, so whatever
//! the screen shows is already on disk.

use std::io::IsTerminal;
use std::time::{SystemTime, UNIX_EPOCH};

use anyhow::{Context, Result, bail};
use ratatui::DefaultTerminal;
use ratatui::crossterm::event::{self, Event};
use ratatui::layout::Rect;

use crate::action::Action;
use crate::keymap;
use crate::progress::{Progress, Status, Tally};
use crate::roadmap::{Item, Level, Roadmap, Topic};
use crate::store::{Changes, Store};
use crate::tree::{Row, TreeState};
use crate::ui;

/// What the selected row points at.
#[derive(Debug, Clone, Copy)]
pub enum Selection<'a> {
    /// A topic, and its index in the shown level.
    Topic(usize, &'a Topic),
    Item(&'a Topic, &'a Item),
}

/// All state of a session. The view reads it; only [`App::update`] and
/// [`App::fit_to`] change it.
#[derive(Debug)]
pub struct App {
    roadmap: Roadmap,
    progress: Progress,
    store: Store,
    level: usize,
    /// One tree per level, so each tab remembers its own place.
    trees: Vec<TreeState>,
    /// Per level, per topic: kept up to date on every change so drawing
    /// never recounts the roadmap.
    topic_tallies: Vec<Vec<Tally>>,
    level_tallies: Vec<Tally>,
    help: Option<HelpView>,
    /// Changes not yet saved: kept until a save succeeds, so a failed
    /// save is retried with the next change, and once more on quit.
    unsaved: Changes,
    /// Why progress is not being saved, while that is so.
    save_error: Option<String>,
    running: bool,
    /// The screen as of the last [`App::fit_to`].
    screen: Rect,
    /// Rows of the tree on screen, for paging and scrolling.
    page: usize,
    clock: fn() -> u64,
}

/// The `?` overlay: how far it is scrolled, and (from the last
/// [`App::fit_to`]) how many rows it shows and how far it can scroll.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct HelpView {
    pub scroll: usize,
    page: usize,
    max_scroll: usize,
}

impl App {
    /// An app on `roadmap`, with the progress `store` holds for it.
    pub fn new(roadmap: Roadmap, store: Store) -> App {
        let progress = store.progress(&roadmap.id);
        let trees = roadmap
            .levels
            .iter()
            .map(|level| TreeState::new(level.topics.iter().map(|t| t.items.len()).collect()))
            .collect();
        let mut app = App {
            topic_tallies: Vec::new(),
            level_tallies: Vec::new(),
            roadmap,
            progress,
            store,
            level: 0,
            trees,
            help: None,
            unsaved: Changes::new(),
            save_error: None,
            running: true,
            screen: Rect::default(),
            page: 1,
            clock: unix_now,
        };
        app.recount_all();
        app
    }

    /// Replaces the clock that timestamps changes (tests pin it).
    pub fn with_clock(mut self, clock: fn() -> u64) -> App {
        self.clock = clock;
        self
    }

    pub fn roadmap(&self) -> &Roadmap {
        &self.roadmap
    }

    pub fn progress(&self) -> &Progress {
        &self.progress
    }

    pub fn store_path(&self) -> Option<&std::path::Path> {
        self.store.path()
    }

    /// Index of the level whose tab is shown.
    pub fn level_index(&self) -> usize {
        self.level
    }

    pub fn level(&self) -> &Level {
        &self.roadmap.levels[self.level]
    }

    /// The shown level's tree.
    pub fn tree(&self) -> &TreeState {
        &self.trees[self.level]
    }

    pub fn level_tally(&self, level: usize) -> Tally {
        self.level_tallies.get(level).copied().unwrap_or_default()
    }

    /// Tally of topic `topic` in the shown level.
    pub fn topic_tally(&self, topic: usize) -> Tally {
        self.topic_tallies[self.level]
            .get(topic)
            .copied()
            .unwrap_or_default()
    }

    pub fn overall_tally(&self) -> Tally {
        self.level_tallies.iter().copied().sum()
    }

    pub fn status(&self, item: &Item) -> Status {
        self.progress.status(&item.key)
    }

    pub fn selection(&self) -> Option<Selection<'_>> {
        let topics = &self.level().topics;
        match self.tree().selected()? {
            Row::Topic(index) => Some(Selection::Topic(index, topics.get(index)?)),
            Row::Item { topic, item } => {
                let topic = topics.get(topic)?;
                Some(Selection::Item(topic, topic.items.get(item)?))
            }
        }
    }

    pub fn help(&self) -> Option<HelpView> {
        self.help
    }

    pub fn save_error(&self) -> Option<&str> {
        self.save_error.as_deref()
    }

    pub fn is_running(&self) -> bool {
        self.running
    }

    /// Tells the app how big the screen is, so paging moves by a screenful
    /// and the selection stays in view. Called before every draw.
    pub fn fit_to(&mut self, area: Rect) {
        self.screen = area;
        self.page = ui::tree_rows(area, self).max(1);
        if let Some(help) = self.help {
            self.show_help(help.scroll);
        }
        let page = self.page;
        self.trees[self.level].scroll_to_selection(page);
    }

    /// Carries out one action.
    pub fn update(&mut self, action: Action) {
        if let Some(mut help) = self.help {
            match action {
                Action::Quit => self.running = false,
                Action::Help | Action::Back => {
                    self.help = None;
                    return;
                }
                Action::Down => help.scroll = help.scroll.saturating_add(1),
                Action::Up => help.scroll = help.scroll.saturating_sub(1),
                Action::PageDown => help.scroll = help.scroll.saturating_add(help.page),
                Action::PageUp => help.scroll = help.scroll.saturating_sub(help.page),
                Action::First => help.scroll = 0,
                Action::Last => help.scroll = help.max_scroll,
                _ => {}
            }
            help.scroll = help.scroll.min(help.max_scroll);
            self.help = Some(help);
            return;
        }
        let page = self.page as isize;
        let levels = self.roadmap.levels.len();
        let tree = &mut self.trees[self.level];
        match action {
            Action::Quit | Action::Back => self.running = false,
            Action::Up => tree.move_by(-1),
            Action::Down => tree.move_by(1),
            Action::PageUp => tree.move_by(-page.max(1)),
            Action::PageDown => tree.move_by(page.max(1)),
            Action::First => tree.first(),
            Action::Last => tree.last(),
            Action::Toggle => tree.toggle(),
            Action::Expand => tree.expand(),
            Action::Collapse => tree.collapse(),
            Action::ToggleDone => self.toggle_done(),
            Action::NextLevel => self.level = (self.level + 1) % levels,
            Action::PrevLevel => self.level = (self.level + levels - 1) % levels,
            Action::Level(level) if level < levels => self.level = level,
            Action::Level(_) => {}
            Action::Help => self.show_help(0),
        }
        let page = self.page;
        self.trees[self.level].scroll_to_selection(page);
    }

    /// Shows the help scrolled to `scroll`, measured for the current screen.
    fn show_help(&mut self, scroll: usize) {
        let (page, max_scroll) = ui::help_viewport(self.screen, self);
        self.help = Some(HelpView {
            scroll: scroll.min(max_scroll),
            page,
            max_scroll,
        });
    }

    fn toggle_done(&mut self) {
        let now = (self.clock)();
        let level = &self.roadmap.levels[self.level];
        let (changed, items) = match self.trees[self.level].selected() {
            Some(Row::Topic(topic)) => {
                let items = &level.topics[topic].items;
                (self.progress.toggle_all_done(items, now), &items[..])
            }
            Some(Row::Item { topic, item }) => {
                let items = std::slice::from_ref(&level.topics[topic].items[item]);
                (self.progress.toggle_done(&items[0].key, now), items)
            }
            None => return,
        };
        if changed {
            for item in items {
                let entry = self.progress.entry(&item.key).copied();
                self.unsaved.insert(item.key.clone(), entry);
            }
            self.save();
            self.recount_all();
        }
    }

    /// Saves the unsaved changes, and takes in whatever other sessions on
    /// the same file saved meanwhile.
    fn save(&mut self) {
        match self.store.commit(&self.roadmap.id, &self.unsaved) {
            Ok(merged) => {
                self.progress = merged;
                self.unsaved.clear();
                self.save_error = None;
            }
            Err(err) => self.save_error = Some(format!("{err:#}")),
        }
    }

    /// Called on the way out: one last try at saving anything unsaved.
    /// An error says how many changes are lost.
    pub fn finish(&mut self) -> Result<()> {
        if self.unsaved.is_empty() {
            return Ok(());
        }
        self.save();
        match &self.save_error {
            None => Ok(()),
            Some(err) => bail!(
                "{} change(s) could not be saved and are lost: {err}",
                self.unsaved.len()
            ),
        }
    }

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
    }
}

fn unix_now() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |since| since.as_secs())
}

/// Runs the app full-screen until the user quits. The terminal is restored
/// on every way out: quit, error, or panic (ratatui's hook).
pub fn run(mut app: App) -> Result<()> {
    if !std::io::stdin().is_terminal() || !std::io::stdout().is_terminal() {
        bail!(
            "roadmap is interactive and needs a terminal, but standard input or output is \
             not one; run it from a terminal"
        );
    }
    let mut terminal = ratatui::try_init().context("cannot set up the terminal")?;
    let result = event_loop(&mut app, &mut terminal);
    let restored = ratatui::try_restore().context("cannot restore the terminal");
    result.and(restored).and(app.finish())
}

/// Blocks on input between frames: an idle app uses no CPU.
fn event_loop(app: &mut App, terminal: &mut DefaultTerminal) -> Result<()> {
    while app.is_running() {
        let size = terminal.size()?;
        app.fit_to(Rect::new(0, 0, size.width, size.height));
        terminal.draw(|frame| ui::draw(frame, app))?;
        if let Event::Key(key) = event::read()?
            && let Some(action) = keymap::action_for(key)
        {
            app.update(action);
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::roadmap::load::parse;

    const YAML: &str = "\
title: Test
levels:
  - title: Beginner
    topics:
      - {title: Databases, items: [Basics, SQL, NoSQL]}
      - {title: Git, items: [Commit]}
  - title: Advanced
    topics:
      - {title: Scaling, items: [Sharding]}
";

    fn app() -> App {
        App::new(parse(YAML, "t.yaml", "test").unwrap(), Store::in_memory()).with_clock(|| 1_000)
    }

    fn run(app: &mut App, actions: &[Action]) {
        for &action in actions {
            app.update(action);
        }
    }

    #[test]
    fn ticking_an_item_updates_topic_level_and_overall_tallies() {
        let mut app = app();
        run(
            &mut app,
            &[Action::Expand, Action::Down, Action::ToggleDone],
        );
        assert_eq!(app.topic_tally(0).done, 1);
        assert_eq!(
            app.level_tally(0),
            Tally {
                done: 1,
                total: 4,
                ..Tally::default()
            }
        );
        assert_eq!(app.overall_tally().total, 5);
        assert_eq!(
            app.progress()
                .entry("beginner/databases/basics")
                .unwrap()
                .updated,
            1_000
        );
        run(&mut app, &[Action::ToggleDone]);
        assert_eq!(app.overall_tally().done, 0);
    }

    #[test]
    fn space_on_a_topic_ticks_all_then_clears_all() {
        let mut app = app();
        run(&mut app, &[Action::ToggleDone]);
        assert!(app.topic_tally(0).is_complete());
        assert_eq!(app.level_tally(0).done, 3);
        run(&mut app, &[Action::ToggleDone]);
        assert_eq!(app.level_tally(0).done, 0);
    }

    #[test]
    fn progress_is_saved_to_the_store_as_it_changes() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("state.json");
        let roadmap = parse(YAML, "t.yaml", "test").unwrap();
        let mut app = App::new(roadmap.clone(), Store::open(&path).unwrap());
        run(&mut app, &[Action::Level(1), Action::ToggleDone]);
        let reopened = App::new(roadmap, Store::open(&path).unwrap());
        assert_eq!(reopened.level_tally(1).done, 1);
        assert_eq!(reopened.overall_tally().done, 1);
    }

    #[test]
    fn two_sessions_on_one_file_keep_both_ticks_and_see_each_other() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("state.json");
        let roadmap = parse(YAML, "t.yaml", "test").unwrap();
        let mut first = App::new(roadmap.clone(), Store::open(&path).unwrap());
        let mut second = App::new(roadmap.clone(), Store::open(&path).unwrap());
        run(&mut first, &[Action::ToggleDone]);
        run(&mut second, &[Action::Level(1), Action::ToggleDone]);
        assert_eq!(
            second.overall_tally().done,
            4,
            "sees the first session's ticks"
        );
        let reopened = App::new(roadmap, Store::open(&path).unwrap());
        assert_eq!(reopened.overall_tally().done, 4);
    }

    #[test]
    fn a_save_that_failed_is_retried_with_the_next_change() {
        let dir = tempfile::tempdir().unwrap();
        let blocker = dir.path().join("state");
        std::fs::write(&blocker, "").unwrap();
        let path = blocker.join("progress.json");
        let roadmap = parse(YAML, "t.yaml", "test").unwrap();
        let mut app = App::new(roadmap.clone(), Store::open(&path).unwrap());
        run(
            &mut app,
            &[Action::Expand, Action::Down, Action::ToggleDone],
        );
        assert!(app.save_error().is_some());
        std::fs::remove_file(&blocker).unwrap();
        run(&mut app, &[Action::Down, Action::ToggleDone]);
        assert_eq!(app.save_error(), None, "saving works again");
        assert!(app.finish().is_ok());
        let reopened = App::new(roadmap, Store::open(&path).unwrap());
        assert_eq!(
            reopened.overall_tally().done,
            2,
            "the change that failed is saved too"
        );
    }

    #[test]
    fn a_failing_save_is_reported_and_the_app_keeps_working() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("file");
        std::fs::write(&file, "").unwrap();
        let roadmap = parse(YAML, "t.yaml", "test").unwrap();
        let mut app = App::new(roadmap, Store::open(&file.join("state.json")).unwrap());
        run(&mut app, &[Action::ToggleDone]);
        assert!(app.save_error().unwrap().contains("cannot save progress"));
        assert_eq!(app.level_tally(0).done, 3, "the change still shows");
        let lost = app.finish().unwrap_err().to_string();
        assert!(
            lost.starts_with("3 change(s) could not be saved and are lost"),
            "{lost}"
        );
    }

    #[test]
    fn tabs_switch_wrap_and_remember_their_own_selection() {
        let mut app = app();
        run(&mut app, &[Action::Down]);
        assert_eq!(app.tree().selected(), Some(Row::Topic(1)));
        run(&mut app, &[Action::NextLevel]);
        assert_eq!(app.level_index(), 1);
        assert_eq!(app.tree().selected(), Some(Row::Topic(0)));
        run(&mut app, &[Action::NextLevel]);
        assert_eq!(app.level_index(), 0, "wraps around");
        assert_eq!(app.tree().selected(), Some(Row::Topic(1)), "remembered");
        run(&mut app, &[Action::PrevLevel]);
        assert_eq!(app.level_index(), 1);
        run(&mut app, &[Action::Level(0), Action::Level(7)]);
        assert_eq!(app.level_index(), 0, "a missing level is ignored");
    }

    #[test]
    fn help_captures_keys_until_closed() {
        let mut app = app();
        app.fit_to(Rect::new(0, 0, 60, 12));
        run(
            &mut app,
            &[Action::Help, Action::Down, Action::Down, Action::ToggleDone],
        );
        assert_eq!(app.help().map(|help| help.scroll), Some(2));
        run(&mut app, &[Action::Last, Action::Down, Action::Down]);
        let end = app.help().unwrap().scroll;
        assert!(end > 2, "a 12-row screen cannot show the whole help");
        run(&mut app, &[Action::Up]);
        assert_eq!(
            app.help().unwrap().scroll,
            end - 1,
            "never scrolls past the end"
        );
        assert_eq!(
            app.overall_tally().done,
            0,
            "keys under the help do nothing else"
        );
        run(&mut app, &[Action::Help]);
        assert_eq!(app.help(), None, "? closes the help");
        run(&mut app, &[Action::Help, Action::Back]);
        assert_eq!(app.help(), None, "Esc closes the help");
        assert!(app.is_running());
        run(&mut app, &[Action::Back]);
        assert!(!app.is_running(), "Esc with nothing open quits");
    }

    #[test]
    fn quit_works_even_with_the_help_open() {
        let mut app = app();
        run(&mut app, &[Action::Help, Action::Quit]);
        assert!(!app.is_running());
    }

    #[test]
    fn paging_moves_by_the_visible_tree_height() {
        let mut app = app();
        app.fit_to(Rect::new(0, 0, 120, 40));
        run(&mut app, &[Action::Expand, Action::PageDown]);
        assert_eq!(
            app.tree().selected(),
            Some(Row::Topic(1)),
            "stops at the last row"
        );
        run(&mut app, &[Action::PageUp]);
        assert_eq!(app.tree().selected(), Some(Row::Topic(0)));
    }

    #[test]
    fn selection_resolves_to_the_roadmap_node() {
        let mut app = app();
        assert!(matches!(app.selection(), Some(Selection::Topic(0, t)) if t.title == "Databases"));
        run(&mut app, &[Action::Expand, Action::Expand, Action::Down]);
        assert!(matches!(app.selection(), Some(Selection::Item(_, i)) if i.title == "SQL"));
    }
}
