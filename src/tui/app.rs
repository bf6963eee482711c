//! The running app: its state, [`App::update`] applying one [`Action`],
//! and the event loop that reads keys, updates, saves and redraws.
//!
//! A progress change is saved before the next frame is drawn, so whatever
//! the screen shows is already on disk. Counts are kept up to date change
//! by change, so neither a change nor a frame walks the whole roadmap.

use std::collections::{HashMap, VecDeque};
use std::io::{IsTerminal, Write as _};
use std::time::{Duration, Instant};

use anyhow::{Context, Result, bail};
use crossterm::event::{
    self, Event, KeyCode, KeyEvent, KeyEventKind, KeyModifiers, MouseButton, MouseEventKind,
};
use ratatui::layout::Rect;

pub mod picker;
pub mod search;

use crate::domain::activity::Activity;
use crate::domain::calendar;
use crate::domain::progress::{Entry, Progress, Status, Tally};
use crate::domain::roadmap::{Item, Level, Resource, Roadmap, Topic};
use crate::io::catalog::Catalog;
use crate::io::external;
use crate::io::external::Draft;
use crate::io::store::{Busy, Changes, Incoming, LOCK_WAIT, Store};
use crate::tui::action::Action;
use crate::tui::keymap::{self, Keymap};
use crate::tui::search::{Hit, Index};
use crate::tui::terminal::{self, Screen, Signal, Signals};
use crate::tui::tree::{Row, TreeState};
use crate::tui::view::theme::Appearance;
use crate::tui::view::{self, Target};
use picker::Picker;
use search::Search;

/// Undo remembers at least this many steps of a session.
pub const UNDO_STEPS: usize = 1000;

/// What the selected row points at.
#[derive(Debug, Clone, Copy)]
pub enum Selection<'a> {
    /// A topic, with its level's and its own index.
    Topic {
        level: usize,
        index: usize,
        topic: &'a Topic,
    },
    Item(&'a Topic, &'a Item),
}

/// Where an item sits in the roadmap: level, topic and item indexes.
type Place = (usize, usize, usize);

/// One item's change: what it was and what it became (`None`: pending).
#[derive(Debug, Clone, PartialEq, Eq)]
struct Change {
    key: String,
    before: Option<Entry>,
    after: Option<Entry>,
}

/// What one key press changed, undone and redone as a whole.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Step {
    /// What the status line says it was ("Ticked SQL done").
    what: String,
    changes: Vec<Change>,
}

/// Something only the event loop can do, as it owns the terminal: run
/// the editor, start the browser.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Request {
    /// Edit the note of item `key` (titled `title`), now `note`.
    EditNote {
        key: String,
        title: String,
        note: String,
    },
    /// Open this link in the browser.
    OpenLink(String),
}

/// The list of links to choose from, when the selection has several.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LinkChooser {
    pub links: Vec<Resource>,
    pub selected: usize,
}

/// The progress view: what it shows of the history, how far its list is
/// scrolled, and (from the last [`App::fit_to`]) how far it can scroll.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProgressView {
    pub activity: Activity,
    pub scroll: usize,
    page: usize,
    max_scroll: usize,
}

/// A question the user must answer before something happens.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Prompt {
    /// Clear every status of the level at this index.
    ResetLevel(usize),
}

/// All state of a session. The view reads it; only [`App::update`],
/// [`App::sync`] and [`App::fit_to`] change it.
#[derive(Debug)]
pub struct App {
    roadmap: Roadmap,
    /// Every item's place, by key: to count a change where it happened.
    places: HashMap<String, Place>,
    progress: Progress,
    store: Store,
    level: usize,
    /// One tree per level, so each tab remembers its own place.
    trees: Vec<TreeState>,
    /// Per level, per topic: kept up to date on every change so drawing
    /// never recounts the roadmap.
    topic_tallies: Vec<Vec<Tally>>,
    level_tallies: Vec<Tally>,
    /// Keys with progress that name no item of this roadmap, sorted.
    orphans: Vec<String>,
    undo: VecDeque<Step>,
    redo: Vec<Step>,
    help: Option<HelpView>,
    prompt: Option<Prompt>,
    /// The roadmap picker, while it is open.
    picker: Option<Picker>,
    /// Things the user should know (from the store, or about orphans),
    /// shown until dismissed with `Esc`.
    notices: Vec<String>,
    /// What the last key did, shown until the next one.
    flash: Option<String>,
    /// Changes not yet saved: kept until a save succeeds, so a failed
    /// save is retried with the next change, and once more on quit.
    unsaved: Changes,
    /// Why progress is not being saved, while that is so.
    save_error: Option<String>,
    /// The lock the unsaved changes wait for, held by another process.
    waiting_for: Option<String>,
    running: bool,
    /// The screen as of the last [`App::fit_to`].
    screen: Rect,
    /// Rows of the tree on screen, for paging and scrolling.
    page: usize,
    clock: fn() -> u64,
    /// The roadmaps the picker can switch to.
    catalog: Catalog,
    /// Done and skipped items are hidden.
    hide_finished: bool,
    /// Topics (level, topic) whose filtered items changed since the trees'
    /// filters were last brought up to date.
    stale_topics: Vec<(usize, usize)>,
    /// The search prompt, or the last search (for `n`/`N`).
    search: Option<Search>,
    /// Built the first time the search opens.
    search_index: Option<Index>,
    /// What the event loop is asked to do next.
    request: Option<Request>,
    /// The link chooser, while it is open.
    links: Option<LinkChooser>,
    /// Theme, colour, glyphs.
    appearance: Appearance,
    /// The key bindings in force.
    keymap: Keymap,
    /// The progress view, while it is open.
    progress_view: Option<ProgressView>,
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
    pub fn new(roadmap: Roadmap, mut store: Store) -> App {
        let progress = store.progress(&roadmap.id);
        let trees = roadmap
            .levels
            .iter()
            .map(|level| TreeState::new(level.topics.iter().map(|t| t.items.len()).collect()))
            .collect();
        let places = roadmap
            .levels
            .iter()
            .enumerate()
            .flat_map(|(l, level)| {
                level.topics.iter().enumerate().flat_map(move |(t, topic)| {
                    topic
                        .items
                        .iter()
                        .enumerate()
                        .map(move |(i, item)| (item.key.clone(), (l, t, i)))
                })
            })
            .collect();
        let notices = store.take_notices();
        let mut app = App {
            topic_tallies: Vec::new(),
            level_tallies: Vec::new(),
            orphans: Vec::new(),
            places,
            roadmap,
            progress,
            store,
            level: 0,
            trees,
            undo: VecDeque::new(),
            redo: Vec::new(),
            help: None,
            prompt: None,
            picker: None,
            notices,
            flash: None,
            unsaved: Changes::new(),
            save_error: None,
            waiting_for: None,
            running: true,
            screen: Rect::default(),
            page: 1,
            clock: calendar::now,
            catalog: Catalog::bundled(),
            hide_finished: false,
            stale_topics: Vec::new(),
            search: None,
            search_index: None,
            request: None,
            links: None,
            appearance: Appearance::default(),
            keymap: Keymap::default(),
            progress_view: None,
        };
        app.recount_all();
        if let Some(notice) = app.orphan_notice() {
            app.notices.push(notice);
        }
        app
    }

    /// The roadmaps the picker offers (bundled only until given).
    pub fn with_catalog(mut self, catalog: Catalog) -> App {
        self.catalog = catalog;
        self
    }

    /// How the screen looks.
    pub fn with_appearance(mut self, appearance: Appearance) -> App {
        self.appearance = appearance;
        self
    }

    pub fn appearance(&self) -> Appearance {
        self.appearance
    }

    /// The key bindings (the user's settings may change them).
    pub fn with_keymap(mut self, keymap: Keymap) -> App {
        self.keymap = keymap;
        self
    }

    pub fn keymap(&self) -> &Keymap {
        &self.keymap
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

    /// The folder the user's own roadmaps are read from, if any.
    pub fn user_roadmaps_dir(&self) -> Option<&std::path::Path> {
        self.catalog.user_dir()
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

    /// What the details describe: the selected row, or while the search
    /// prompt is open, the chosen hit.
    pub fn selection(&self) -> Option<Selection<'_>> {
        let (level, row) = match self.search.as_ref().filter(|search| search.is_typing()) {
            Some(search) => {
                let hit = search.current_hit()?;
                (hit.level, hit.row())
            }
            None => (self.level, self.tree().selected()?),
        };
        let topics = &self.roadmap.levels.get(level)?.topics;
        match row {
            Row::Topic(index) => Some(Selection::Topic {
                level,
                index,
                topic: topics.get(index)?,
            }),
            Row::Item { topic, item } => {
                let topic = topics.get(topic)?;
                Some(Selection::Item(topic, topic.items.get(item)?))
            }
        }
    }

    /// Tally of topic `topic` of level `level`.
    pub fn tally_of_topic(&self, level: usize, topic: usize) -> Tally {
        self.topic_tallies
            .get(level)
            .and_then(|topics| topics.get(topic))
            .copied()
            .unwrap_or_default()
    }

    /// The search prompt, or the last search.
    pub fn search(&self) -> Option<&Search> {
        self.search.as_ref()
    }

    /// The search prompt is open and takes the keys.
    pub fn is_typing(&self) -> bool {
        self.search.as_ref().is_some_and(Search::is_typing)
    }

    /// Whether done and skipped items are hidden.
    pub fn hides_finished(&self) -> bool {
        self.hide_finished
    }

    /// The progress view, while it is open.
    pub fn progress_view(&self) -> Option<&ProgressView> {
        self.progress_view.as_ref()
    }

    /// When each item of this roadmap that is done was done.
    fn completions(&self) -> impl Iterator<Item = u64> + '_ {
        self.progress
            .iter()
            .filter(|(key, entry)| entry.status == Status::Done && self.places.contains_key(*key))
            .map(|(_, entry)| entry.updated)
    }

    /// `a`: opens the progress view, counted as of now.
    fn show_progress_view(&mut self) {
        let activity = Activity::from_completions(self.completions(), (self.clock)());
        self.progress_view = Some(ProgressView {
            activity,
            scroll: 0,
            page: 1,
            max_scroll: 0,
        });
        self.fit_progress_view();
    }

    fn fit_progress_view(&mut self) {
        if self.progress_view.is_none() {
            return;
        }
        let (page, max_scroll) = view::progress_viewport(self.screen, self);
        if let Some(view) = &mut self.progress_view {
            view.page = page;
            view.max_scroll = max_scroll;
            view.scroll = view.scroll.min(max_scroll);
        }
    }

    /// The link chooser, while it is open.
    pub fn links(&self) -> Option<&LinkChooser> {
        self.links.as_ref()
    }

    /// Takes what the event loop is asked to do, if anything.
    pub fn take_request(&mut self) -> Option<Request> {
        self.request.take()
    }

    /// The note kept on `item`, if any.
    pub fn note(&self, item: &Item) -> Option<&str> {
        self.progress.note(&item.key)
    }

    pub fn help(&self) -> Option<HelpView> {
        self.help
    }

    pub fn prompt(&self) -> Option<&Prompt> {
        self.prompt.as_ref()
    }

    pub fn picker(&self) -> Option<&Picker> {
        self.picker.as_ref()
    }

    /// Keys with saved progress that no item of this roadmap has (renamed
    /// or removed items). Their progress is kept.
    pub fn orphans(&self) -> &[String] {
        &self.orphans
    }

    pub fn notices(&self) -> &[String] {
        &self.notices
    }

    pub fn flash(&self) -> Option<&str> {
        self.flash.as_deref()
    }

    pub fn save_error(&self) -> Option<&str> {
        self.save_error.as_deref()
    }

    /// Why nothing can be saved this session, if the state file could not
    /// be used.
    pub fn read_only(&self) -> Option<&str> {
        self.store.read_only()
    }

    pub fn is_running(&self) -> bool {
        self.running
    }

    /// Tells the app how big the screen is, so paging moves by a screenful
    /// and the selection stays in view. Called before every draw.
    pub fn fit_to(&mut self, area: Rect) {
        self.screen = area;
        self.page = view::tree_rows(area, self).max(1);
        if let Some(help) = self.help {
            self.show_help(help.scroll);
        }
        let page = self.page;
        self.trees[self.level].scroll_to_selection(page);
        if let Some(search) = &mut self.search {
            search.scroll_to_current(page);
        }
        self.fit_progress_view();
    }

    /// Takes in what other sessions saved to the state file meanwhile.
    /// Cheap when nothing changed; called on every key press.
    pub fn sync(&mut self) {
        let incoming = self.store.refresh();
        let changed = incoming != Incoming::Nothing;
        // Changes that could not be saved yet still show.
        let unsaved = std::mem::take(&mut self.unsaved);
        self.take_in(incoming, &unsaved);
        self.unsaved = unsaved;
        self.refilter();
        // Another session's ticks count in the view at once; without any,
        // no key pays for a recount of every done item.
        if changed && self.progress_view.is_some() {
            let activity = Activity::from_completions(self.completions(), (self.clock)());
            if let Some(view) = &mut self.progress_view {
                view.activity = activity;
            }
        }
    }

    /// Carries out one action.
    pub fn update(&mut self, action: Action) {
        self.flash = None;
        self.update_without_refilter(action);
        self.refilter();
    }

    fn update_without_refilter(&mut self, action: Action) {
        if self.is_typing() {
            match action {
                Action::Quit => self.running = false,
                Action::Back => self.cancel_search(),
                Action::Toggle => self.accept_search(),
                Action::Down | Action::NextLevel => self.step_search(1),
                Action::Up | Action::PrevLevel => self.step_search(-1),
                Action::PageDown => self.step_search(self.page.max(1) as isize),
                Action::PageUp => self.step_search(-(self.page.max(1) as isize)),
                _ => {}
            }
            return;
        }
        if let Some(mut view) = self.progress_view.take() {
            match action {
                Action::Quit => self.running = false,
                Action::Back | Action::ProgressView => return,
                _ => view.scroll = scrolled(view.scroll, view.page, view.max_scroll, action),
            }
            self.progress_view = Some(view);
            return;
        }
        if let Some(mut chooser) = self.links.take() {
            let count = chooser.links.len();
            match action {
                Action::Quit => self.running = false,
                Action::Back | Action::OpenLink => return,
                Action::Down => chooser.selected = (chooser.selected + 1).min(count - 1),
                Action::Up => chooser.selected = chooser.selected.saturating_sub(1),
                Action::First => chooser.selected = 0,
                Action::Last => chooser.selected = count - 1,
                Action::Level(index) if index < count => {
                    return self.open_link(&chooser.links[index].url);
                }
                Action::Toggle | Action::Expand => {
                    return self.open_link(&chooser.links[chooser.selected].url);
                }
                _ => {}
            }
            self.links = Some(chooser);
            return;
        }
        if let Some(prompt) = self.prompt.take() {
            match action {
                Action::Quit => self.running = false,
                Action::Confirm => self.answer(prompt),
                _ => self.flash = Some("Cancelled: nothing was changed".to_owned()),
            }
            return;
        }
        if let Some(mut picker) = self.picker.take() {
            let page = self.page as isize;
            match action {
                Action::Quit => self.running = false,
                Action::Back | Action::PickRoadmap => return,
                Action::Down => picker.move_by(1),
                Action::Up => picker.move_by(-1),
                Action::PageDown => picker.move_by(page.max(1)),
                Action::PageUp => picker.move_by(-page.max(1)),
                Action::First => picker.first(),
                Action::Last => picker.last(),
                Action::Toggle | Action::Expand => return self.switch_to(picker),
                _ => {}
            }
            self.picker = Some(picker);
            return;
        }
        if let Some(mut help) = self.help {
            match action {
                Action::Quit => self.running = false,
                Action::Help | Action::Back => {
                    self.help = None;
                    return;
                }
                _ => help.scroll = scrolled(help.scroll, help.page, help.max_scroll, action),
            }
            self.help = Some(help);
            return;
        }
        let page = self.page as isize;
        let levels = self.roadmap.levels.len();
        let tree = &mut self.trees[self.level];
        match action {
            Action::Quit => self.running = false,
            // The event loop's to carry out: it owns the terminal.
            Action::Suspend => {}
            Action::Back if !self.notices.is_empty() => self.notices.clear(),
            Action::Back => self.running = false,
            Action::Up => tree.move_by(-1),
            Action::Down => tree.move_by(1),
            Action::PageUp => tree.move_by(-page.max(1)),
            Action::PageDown => tree.move_by(page.max(1)),
            Action::First => tree.first(),
            Action::Last => tree.last(),
            Action::Toggle => tree.toggle(),
            Action::Expand => tree.expand(),
            Action::Collapse => tree.collapse(),
            Action::ToggleDone => self.toggle_status(Status::Done),
            Action::ToggleInProgress => self.toggle_status(Status::InProgress),
            Action::ToggleSkipped => self.toggle_status(Status::Skipped),
            Action::Undo => self.undo(),
            Action::Redo => self.redo(),
            Action::ResetLevel => self.ask_reset(),
            Action::Confirm => {}
            Action::NextLevel => self.level = (self.level + 1) % levels,
            Action::PrevLevel => self.level = (self.level + levels - 1) % levels,
            Action::Level(level) if level < levels => self.level = level,
            Action::Level(_) => {}
            Action::Help => self.show_help(0),
            Action::CloseAll => tree.close_all(),
            Action::OpenAll => tree.open_all(),
            Action::Search => self.start_search(),
            Action::NextMatch => self.next_match(1),
            Action::PrevMatch => self.next_match(-1),
            Action::ToggleFilter => self.toggle_filter(),
            Action::EditNote => self.ask_to_edit_note(),
            Action::OpenLink => self.choose_link(),
            Action::ProgressView => self.show_progress_view(),
            Action::PickRoadmap => {
                // Files may have been added or edited since the start.
                self.catalog = self.catalog.rescan();
                let current = self.overall_tally();
                self.picker = Some(Picker::new(
                    &self.catalog,
                    &self.store,
                    &self.roadmap,
                    current,
                ));
            }
        }
        let page = self.page;
        self.trees[self.level].scroll_to_selection(page);
    }

    /// A mouse click at column `x`, row `y`: a tab switches level, a row
    /// is selected (a topic also opens or closes), a checkbox ticks, a
    /// search hit is jumped to. Ignored under the help and other overlays.
    pub fn click(&mut self, x: u16, y: u16) {
        let target = self.target_at(x, y);
        self.click_on(target);
    }

    /// What is at column `x`, row `y` of the screen last drawn. Found
    /// before [`App::sync`] moves rows, so a click acts on what was seen.
    pub fn target_at(&self, x: u16, y: u16) -> Option<Target> {
        view::target_at(self.screen, self, x, y)
    }

    /// A click on `target` (see [`App::click`]).
    pub fn click_on(&mut self, target: Option<Target>) {
        if self.help.is_some()
            || self.picker.is_some()
            || self.links.is_some()
            || self.progress_view.is_some()
        {
            return;
        }
        if self.prompt.is_some() {
            return self.update(Action::Back);
        }
        let Some(target) = target else {
            return;
        };
        self.flash = None;
        match target {
            Target::Tab(level) => self.update(Action::Level(level)),
            Target::Hit(index) => {
                if let Some(search) = &mut self.search {
                    search.choose(index);
                }
                self.update(Action::Toggle);
            }
            Target::Row { row, marker } => {
                let tree = &mut self.trees[self.level];
                tree.select(row);
                // Gone meanwhile (hidden by a change from elsewhere): act
                // on nothing rather than on the row that took its place.
                if tree.selected() != Some(row) {
                    return;
                }
                if marker {
                    self.update(Action::ToggleDone);
                } else if let Row::Topic(_) = row {
                    self.update(Action::Toggle);
                }
            }
        }
    }

    /// The mouse wheel: moves through the list under it by a few rows.
    pub fn scroll(&mut self, down: bool) {
        const ROWS: usize = 3;
        let action = if down { Action::Down } else { Action::Up };
        for _ in 0..ROWS {
            self.update(action);
        }
    }

    /// A key that is bound to nothing: it still answers "no" to a
    /// question, as the prompt promises ("any other key keeps it").
    pub fn unbound_key(&mut self) {
        if self.prompt.take().is_some() {
            self.flash = Some("Cancelled: nothing was changed".to_owned());
        }
    }

    /// Opens the roadmap picked, in place of this one, with its own
    /// progress. The picker stays open, saying why, when that cannot be.
    fn switch_to(&mut self, picker: Picker) {
        let row = picker.selected_row();
        if row.current {
            return;
        }
        let refuse = |app: &mut App, picker: Picker, why: String| {
            app.flash = Some(why);
            app.picker = Some(picker);
        };
        if let Some(problem) = &row.problem {
            let why = format!("Cannot open {}: {problem}", row.id);
            return refuse(self, picker, why);
        }
        // Unsaved changes belong to this roadmap: never leave them behind.
        if !self.unsaved.is_empty() {
            self.save();
            if !self.unsaved.is_empty() {
                let why = format!(
                    "Cannot switch: {} change(s) are not saved yet (the red line says why)",
                    self.unsaved.len()
                );
                return refuse(self, picker, why);
            }
        }
        let Some(entry) = row
            .entry
            .and_then(|index| self.catalog.entries().get(index))
        else {
            return;
        };
        let roadmap = match self.catalog.open_entry(entry) {
            Ok(roadmap) => roadmap,
            Err(why) => {
                let why = format!("Cannot open {}: {why}", row.id);
                return refuse(self, picker, why);
            }
        };
        let store = std::mem::replace(&mut self.store, Store::in_memory());
        let catalog = std::mem::replace(&mut self.catalog, Catalog::bundled());
        let mut next = App::new(roadmap, store)
            .with_catalog(catalog)
            .with_clock(self.clock)
            .with_appearance(self.appearance)
            .with_keymap(std::mem::take(&mut self.keymap));
        next.screen = self.screen;
        next.page = self.page;
        if self.hide_finished {
            next.toggle_filter();
        }
        // Notices not yet dismissed still hold, except the one about
        // this roadmap's orphans.
        let orphans = self.orphan_notice();
        let kept = self
            .notices
            .drain(..)
            .filter(|n| Some(n) != orphans.as_ref());
        next.notices.splice(0..0, kept);
        next.flash = Some(format!(
            "Opened {}: {}",
            next.roadmap.title,
            next.overall_tally().summary()
        ));
        *self = next;
    }

    /// `e`: asks the event loop to open the editor on the item's note.
    fn ask_to_edit_note(&mut self) {
        match self.selection() {
            Some(Selection::Item(_, item)) => {
                if self.store.read_only().is_some() {
                    self.refuse_if_read_only();
                    return;
                }
                self.request = Some(Request::EditNote {
                    key: item.key.clone(),
                    title: item.title.clone(),
                    note: self.progress.note(&item.key).unwrap_or("").to_owned(),
                });
            }
            Some(Selection::Topic { .. }) => {
                self.flash =
                    Some("Notes are kept on items: open the topic (l) and pick one".to_owned());
            }
            None => {}
        }
    }

    /// What the editor gave back for the note of item `key`, which was
    /// `was` when the edit began: saved, or if it cannot be (the store
    /// failed, or another session changed the note meanwhile), the draft
    /// is kept and the notice says where.
    pub fn note_edited(&mut self, key: &str, was: &str, edited: Result<Draft>) {
        let draft = match edited {
            Ok(draft) => draft,
            Err(err) => {
                self.flash = Some(format!("Note unchanged: {err:#}"));
                return;
            }
        };
        if was == draft.text {
            self.flash = Some("Note unchanged".to_owned());
            return;
        }
        let now = (self.clock)();
        match self
            .store
            .commit_note(&self.roadmap.id, key, was, &draft.text, now)
        {
            Ok(incoming) => {
                let unsaved = std::mem::take(&mut self.unsaved);
                self.take_in(incoming, &unsaved);
                self.unsaved = unsaved;
                self.progress.set_note(key, &draft.text);
                self.flash = Some(if draft.text.is_empty() {
                    "Note removed".to_owned()
                } else {
                    "Note saved".to_owned()
                });
            }
            Err(err) => {
                // What the store read meanwhile (the other note) shows.
                self.sync();
                let kept = match draft.file.keep() {
                    Ok(path) => format!("your text is kept in {}", path.display()),
                    Err(_) => "and the text could not be kept".to_owned(),
                };
                self.notices
                    .push(format!("the note was NOT saved ({err:#}); {kept}"));
            }
        }
        self.refilter();
    }

    /// `o`: the selection's link, or a choice of them when there are several.
    fn choose_link(&mut self) {
        let links: Vec<Resource> = match self.selection() {
            Some(Selection::Item(_, item)) => item.resources.clone(),
            Some(Selection::Topic { topic, .. }) => topic.resources.clone(),
            None => Vec::new(),
        };
        match links.len() {
            0 => self.flash = Some("No resource links here".to_owned()),
            1 => self.open_link(&links[0].url),
            _ => self.links = Some(LinkChooser { links, selected: 0 }),
        }
    }

    fn open_link(&mut self, url: &str) {
        self.request = Some(Request::OpenLink(url.to_owned()));
    }

    /// How opening `url` went. When no browser could be started, the link
    /// stays on screen (until `Esc`) to be copied by hand.
    pub fn link_opened(&mut self, url: &str, opened: Result<()>) {
        match opened {
            Ok(()) => self.flash = Some(format!("Opened {url}")),
            // The link first: a long reason must not push it off screen.
            Err(err) => self
                .notices
                .push(format!("the link, to copy: {url} ({err:#})")),
        }
    }

    /// `/`: opens the search prompt, remembering the view for `Esc`.
    fn start_search(&mut self) {
        if self.search_index.is_none() {
            self.search_index = Some(Index::new(&self.roadmap));
        }
        self.search = Some(Search::new(self.level, self.trees.clone()));
    }

    /// A key typed while the search prompt is open: text goes into the
    /// query; Enter, Esc and the arrows do what they do in the prompt.
    pub fn type_key(&mut self, key: KeyEvent) {
        self.flash = None;
        let (Some(search), Some(index)) = (&mut self.search, &self.search_index) else {
            return;
        };
        let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
        match key.code {
            KeyCode::Char('c') if ctrl => self.running = false,
            KeyCode::Char('u') if ctrl => search.clear(index),
            KeyCode::Char('w') if ctrl => search.pop_word(index),
            KeyCode::Char('n') if ctrl => search.step(1),
            KeyCode::Char('p') if ctrl => search.step(-1),
            KeyCode::Char(c) if !ctrl && !key.modifiers.contains(KeyModifiers::ALT) => {
                search.push(c, index)
            }
            KeyCode::Backspace if search.query().is_empty() => self.cancel_search(),
            KeyCode::Backspace => search.pop(index),
            KeyCode::Enter => self.accept_search(),
            KeyCode::Esc => self.cancel_search(),
            KeyCode::Down | KeyCode::Tab => search.step(1),
            KeyCode::Up | KeyCode::BackTab => search.step(-1),
            KeyCode::PageDown => search.step(self.page.max(1) as isize),
            KeyCode::PageUp => search.step(-(self.page.max(1) as isize)),
            _ => {}
        }
        let page = self.page;
        if let Some(search) = &mut self.search {
            search.scroll_to_current(page);
        }
    }

    /// `Esc` in the prompt: puts back the level and trees as they were.
    fn cancel_search(&mut self) {
        if let Some((level, trees)) = self.search.take().and_then(|mut s| s.take_before()) {
            self.level = level;
            self.trees = trees;
            // The trees kept their filter from before `/`; statuses may
            // have changed since (another session's, read at each key).
            if self.hide_finished {
                self.apply_filter();
            }
        }
    }

    /// `Enter` in the prompt: jumps to the chosen hit, and keeps the hits
    /// for `n`/`N`. With no hit, the prompt stays open.
    fn accept_search(&mut self) {
        let Some(search) = &mut self.search else {
            return;
        };
        let Some(hit) = search.current_hit() else {
            self.flash = Some(format!(
                "No match for \"{}\" (Esc goes back)",
                search.query()
            ));
            return;
        };
        search.accept();
        self.jump_to(hit);
    }

    /// Moves the chosen hit in the prompt's list.
    fn step_search(&mut self, delta: isize) {
        if let Some(search) = &mut self.search {
            search.step(delta);
        }
    }

    /// `n`/`N`: the next or previous hit of the last search.
    fn next_match(&mut self, delta: isize) {
        let Some(search) = &mut self.search else {
            self.flash = Some("No search yet: / searches every level".to_owned());
            return;
        };
        if search.hits().is_empty() {
            self.flash = Some(format!("No match for \"{}\"", search.query()));
            return;
        }
        search.step(delta);
        let (current, count) = (search.current() + 1, search.hits().len());
        if let Some(hit) = search.current_hit() {
            self.jump_to(hit);
            let mut flash = format!("Match {current} of {count}");
            // Say so when the jump had to turn the filter off.
            if let Some(why) = self.flash.take() {
                flash.push_str(&format!(" · {why}"));
            }
            self.flash = Some(flash);
        }
    }

    /// Shows `hit`: switches to its level, opens its topic, selects it.
    /// A filter hiding it is turned off, saying so.
    fn jump_to(&mut self, hit: Hit) {
        let row = hit.row();
        let Some(tree) = self.trees.get_mut(hit.level) else {
            return;
        };
        tree.select(row);
        if tree.selected() != Some(row) && self.hide_finished {
            self.toggle_filter();
            self.flash = Some("Filter off, to show the match".to_owned());
            self.trees[hit.level].select(row);
        }
        let tree = &mut self.trees[hit.level];
        if let Row::Topic(topic) = row
            && !tree.is_open(topic)
        {
            tree.toggle();
        }
        self.level = hit.level;
    }

    /// `f`: hides done and skipped items, or shows them again.
    fn toggle_filter(&mut self) {
        self.hide_finished = !self.hide_finished;
        self.apply_filter();
        self.flash = Some(if self.hide_finished {
            "Hiding done and skipped items (f shows them)".to_owned()
        } else {
            "Showing every item".to_owned()
        });
    }

    /// Gives every level's tree the filter `hide_finished` asks for,
    /// computed afresh.
    fn apply_filter(&mut self) {
        self.stale_topics.clear();
        for level in 0..self.trees.len() {
            let filter = self.hide_finished.then(|| {
                (0..self.roadmap.levels[level].topics.len())
                    .map(|topic| self.unfinished_items(level, topic))
                    .collect()
            });
            self.trees[level].set_filter(filter);
        }
    }

    /// Indexes of the items of a topic that are neither done nor skipped.
    fn unfinished_items(&self, level: usize, topic: usize) -> Vec<usize> {
        self.roadmap.levels[level].topics[topic]
            .items
            .iter()
            .enumerate()
            .filter(|(_, item)| !is_finished(self.progress.status(&item.key)))
            .map(|(index, _)| index)
            .collect()
    }

    /// Brings the filter of topics whose items changed up to date.
    fn refilter(&mut self) {
        let mut stale = std::mem::take(&mut self.stale_topics);
        stale.sort_unstable();
        stale.dedup();
        for (level, topic) in stale {
            let items = self.unfinished_items(level, topic);
            self.trees[level].set_topic_filter(topic, items);
        }
    }

    /// Shows the help scrolled to `scroll`, measured for the current screen.
    fn show_help(&mut self, scroll: usize) {
        let (page, max_scroll) = view::help_viewport(self.screen, self);
        self.help = Some(HelpView {
            scroll: scroll.min(max_scroll),
            page,
            max_scroll,
        });
    }

    /// The items the selected row stands for: an item, or a topic's items.
    fn selected_items(&self) -> (&[Item], &str) {
        let level = &self.roadmap.levels[self.level];
        match self.trees[self.level].selected() {
            Some(Row::Topic(topic)) => {
                let topic = &level.topics[topic];
                (&topic.items, &topic.title)
            }
            Some(Row::Item { topic, item }) => {
                let item = &level.topics[topic].items[item];
                (std::slice::from_ref(item), &item.title)
            }
            None => (&[], ""),
        }
    }

    /// `Space`, `i`, `s`: gives the selection `status`, or takes it back
    /// to pending when it already has it. On a topic, every item at once.
    fn toggle_status(&mut self, status: Status) {
        let now = (self.clock)();
        let (items, title) = self.selected_items();
        let all_have = items
            .iter()
            .all(|item| self.progress.status(&item.key) == status);
        let target = if all_have { Status::Pending } else { status };
        let after = (target != Status::Pending).then_some(Entry {
            status: target,
            updated: now,
        });
        let changes: Vec<Change> = items
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
        self.record(Step { what, changes });
    }

    /// `R`: asks before clearing the shown level.
    fn ask_reset(&mut self) {
        let tally = self.level_tally(self.level);
        if tally.done + tally.in_progress + tally.skipped == 0 {
            self.flash = Some(format!("{} has no progress to reset", self.level().title));
        } else {
            self.prompt = Some(Prompt::ResetLevel(self.level));
        }
    }

    fn answer(&mut self, prompt: Prompt) {
        match prompt {
            Prompt::ResetLevel(index) => {
                let level = &self.roadmap.levels[index];
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
                let what = format!("Reset {} (u undoes it)", level.title);
                self.record(Step { what, changes });
            }
        }
    }

    /// Applies a new step, saves it, and makes it the one `u` undoes.
    fn record(&mut self, step: Step) {
        if step.changes.is_empty() {
            return;
        }
        if self.refuse_if_read_only() {
            return;
        }
        for change in &step.changes {
            self.apply(&change.key, change.after);
        }
        self.save();
        self.flash = Some(step.what.clone());
        self.redo.clear();
        if self.undo.len() == UNDO_STEPS {
            self.undo.pop_front();
        }
        self.undo.push_back(step);
    }

    /// In a read-only session, says why nothing changes; returns whether
    /// that is so. The reason itself is on the red row already.
    fn refuse_if_read_only(&mut self) -> bool {
        let read_only = self.store.read_only().is_some();
        if read_only {
            self.flash = Some("Read-only: nothing was changed (the red line says why)".to_owned());
        }
        read_only
    }

    /// `u`: puts back what the last step changed. Items changed since
    /// (by another session) are left as they are.
    fn undo(&mut self) {
        if self.refuse_if_read_only() {
            return;
        }
        let Some(step) = self.undo.pop_back() else {
            self.flash = Some("Nothing to undo".to_owned());
            return;
        };
        let left = self.replay(&step, true);
        self.flash = Some(with_left(format!("Undone: {}", step.what), left));
        self.redo.push(step);
    }

    /// `Ctrl-r`: does again what `u` undid.
    fn redo(&mut self) {
        if self.refuse_if_read_only() {
            return;
        }
        let Some(step) = self.redo.pop() else {
            self.flash = Some("Nothing to redo".to_owned());
            return;
        };
        let left = self.replay(&step, false);
        self.flash = Some(with_left(format!("Redone: {}", step.what), left));
        self.undo.push_back(step);
    }

    /// Moves every item of `step` back (or forward again), saves, and shows
    /// the first one. Returns how many were left because they changed since.
    fn replay(&mut self, step: &Step, backwards: bool) -> usize {
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
        self.save();
        if let Some(first) = step.changes.first() {
            self.reveal(&first.key);
        }
        left
    }

    /// Switches to the tab of item `key` and selects it.
    fn reveal(&mut self, key: &str) {
        // An item brought back must be on the list before it is selected.
        self.refilter();
        if let Some(&(level, topic, item)) = self.places.get(key) {
            self.level = level;
            self.trees[level].select(Row::Item { topic, item });
        }
    }

    /// Sets item `key` to `entry` in the shown progress, keeps the counts
    /// right, and queues the change for saving.
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
                if self.hide_finished && is_finished(old) != is_finished(new) {
                    self.stale_topics.push((level, topic));
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

    /// Saves the unsaved changes, and takes in whatever other sessions on
    /// the same file saved meanwhile. Never waits: with the lock held by
    /// another process the changes wait, and the event loop tries again.
    fn save(&mut self) {
        let now = (self.clock)();
        match self.store.commit(&self.roadmap.id, &self.unsaved, now) {
            Ok(incoming) => {
                let saved = std::mem::take(&mut self.unsaved);
                self.save_error = None;
                self.waiting_for = None;
                self.take_in(incoming, &saved);
            }
            Err(err) => {
                // Busy: the changes wait for the lock (retried between
                // frames); anything else is an error shown in red.
                self.waiting_for = err
                    .downcast_ref::<Busy>()
                    .map(|busy| busy.lock.display().to_string());
                if self.waiting_for.is_none() {
                    self.save_error = Some(format!("{err:#}"));
                }
                // What other sessions saved still shows, saved or not here.
                self.sync();
            }
        }
    }

    /// Shows what another session saved, then `ours` over it: ours came
    /// later (saved just now, or still waiting to be), so they win where
    /// both touched an item. Also picks up the store's notices, which may
    /// come with nothing else (the file was removed).
    fn take_in(&mut self, incoming: Incoming, ours: &Changes) {
        self.notices.extend(self.store.take_notices());
        match incoming {
            Incoming::Nothing => return,
            Incoming::Changes(records) => {
                for record in records {
                    if record.roadmap == self.roadmap.id {
                        self.show(&record.item, record.entry());
                        if let Some(note) = &record.note {
                            self.progress.set_note(&record.item, note);
                        }
                    }
                }
            }
            Incoming::Reloaded => {
                self.progress = self.store.progress(&self.roadmap.id);
                self.recount_all();
                if self.hide_finished {
                    self.stale_topics = self
                        .topic_tallies
                        .iter()
                        .enumerate()
                        .flat_map(|(level, topics)| (0..topics.len()).map(move |t| (level, t)))
                        .collect();
                }
            }
        }
        for (key, entry) in ours {
            self.show(key, *entry);
        }
    }

    /// The lock a save is waiting for, while another process holds it.
    pub fn waiting_for_lock(&self) -> Option<&str> {
        self.waiting_for
            .as_deref()
            .filter(|_| !self.unsaved.is_empty())
    }

    /// Tries again a save that found the lock held.
    pub fn retry_save(&mut self) {
        if self.waiting_for_lock().is_some() {
            self.save();
        }
    }

    /// Stops the app at the end of this event, whatever is open.
    pub fn quit(&mut self) {
        self.running = false;
    }

    /// Called on the way out: one last try at saving anything unsaved.
    /// An error says how many changes are lost.
    pub fn finish(&mut self) -> Result<()> {
        if self.unsaved.is_empty() {
            return Ok(());
        }
        self.save();
        let why = match (self.waiting_for_lock(), &self.save_error) {
            (Some(lock), _) => format!(
                "another process held the lock {lock} all along; if no other roadmap was \
                 saving, another program holds it"
            ),
            (None, Some(err)) => err.clone(),
            (None, None) => return Ok(()),
        };
        bail!(
            "{} change(s) could not be saved and are lost ({}): {why}",
            self.unsaved.len(),
            self.lost_changes()
        )
    }

    /// The unsaved changes, so they can be made again by hand:
    /// `beginner/git/commit → done`, the first five and how many more.
    fn lost_changes(&self) -> String {
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

    /// Counts everything afresh: at start, and when the file was reloaded.
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

    /// Tells the user about kept progress of items this roadmap lacks.
    fn orphan_notice(&self) -> Option<String> {
        let count = self.orphans.len();
        let first = self.orphans.first()?;
        let more = match count {
            1 => String::new(),
            2 => format!(", {}", self.orphans[1]),
            _ => format!(", {} and {} more", self.orphans[1], count - 2),
        };
        Some(format!(
            "progress kept for {count} item(s) not in this roadmap (renamed or removed?): \
             {first}{more}; ? lists them all"
        ))
    }
}

/// Where a scrolled text (the help, the progress view) is after `action`:
/// moves by a row, a page, or to an end, never past `max`. Other actions
/// leave it.
fn scrolled(scroll: usize, page: usize, max: usize, action: Action) -> usize {
    let moved = match action {
        Action::Down => scroll.saturating_add(1),
        Action::Up => scroll.saturating_sub(1),
        Action::PageDown => scroll.saturating_add(page),
        Action::PageUp => scroll.saturating_sub(page),
        Action::First => 0,
        Action::Last => max,
        _ => scroll,
    };
    moved.min(max)
}

/// Done and skipped items are what the filter hides.
fn is_finished(status: Status) -> bool {
    matches!(status, Status::Done | Status::Skipped)
}

fn with_left(message: String, left: usize) -> String {
    if left == 0 {
        message
    } else {
        format!("{message} ({left} item(s) changed since were left as they are)")
    }
}

/// How the app ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Exit {
    /// The user quit.
    Quit,
    /// A signal ended it (its number): the exit status is 128 + it.
    Signal(i32),
}

impl std::fmt::Display for Exit {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Exit::Quit => write!(f, "quit"),
            Exit::Signal(number) => write!(f, "ended by signal {number}"),
        }
    }
}

impl Exit {
    /// The exit status the shell should see.
    pub fn code(self) -> u8 {
        match self {
            Exit::Quit => 0,
            Exit::Signal(number) => u8::try_from(128 + number).unwrap_or(u8::MAX),
        }
    }
}

/// How often a save waiting for the lock is tried again.
const LOCK_RETRY: Duration = Duration::from_millis(200);

/// Runs the app full-screen until the user quits or a signal ends it,
/// with the mouse captured when `mouse` is on. The terminal is restored
/// on every way out: quit, error, signal, or panic (the hook
/// [`terminal::start`] sets).
pub fn run(mut app: App, mouse: bool) -> Result<Exit> {
    if !std::io::stdin().is_terminal() || !std::io::stdout().is_terminal() {
        bail!(
            "roadmap is interactive and needs a terminal, but standard input or output is \
             not one; run it from a terminal"
        );
    }
    // Before the terminal is taken: a signal from then on gives it back.
    let signals = Signals::install().context("cannot set up signal handling")?;
    let mut screen = terminal::start(mouse).context("cannot set up the terminal")?;
    // crossterm's reader is made at its first use, and only from then on
    // does a signal's SIGWINCH wake it: made now, before the first frame,
    // a signal that comes before the first key cannot be slept through.
    let _ = event::poll(Duration::ZERO);
    let result = match (
        event_loop(&mut app, &mut screen, mouse, &signals),
        signals.ending(),
    ) {
        // What failed while a signal was ending the app (reading a
        // terminal that hung up) is part of that ending, not an error.
        (Err(_), Some(signal)) => Ok(Exit::Signal(signal)),
        (result, _) => result,
    };
    if matches!(result, Ok(Exit::Signal(libc::SIGHUP))) {
        // No terminal left to flush to: dropping would only complain.
        std::mem::forget(screen);
    } else {
        // Whatever a failed draw left in the frame buffer goes to the
        // full screen, before it is left, never to the user's scrollback.
        drop(screen);
    }
    let restored = terminal::restore(mouse);
    wait_for_lock(&mut app, &signals);
    let finished = app.finish();
    let exit = result?;
    if exit == Exit::Quit {
        // After a signal (a hangup) there may be no terminal left to give
        // back: giving it back was only ever best effort then.
        restored?;
    }
    // Ended by a signal, the exit status still says which.
    finished.map_err(|err| match exit {
        Exit::Quit => err,
        Exit::Signal(_) => err.context(exit),
    })?;
    Ok(exit)
}

/// On the way out, changes still waiting for another process's lock are
/// tried for a few seconds more, saying so on standard error. Any ending
/// signal (`Ctrl-C`, now that the terminal is back in line mode) gives up.
fn wait_for_lock(app: &mut App, signals: &Signals) {
    let deadline = Instant::now() + LOCK_WAIT;
    let mut told = false;
    // The signal that ended the loop, if one did, is in the exit status.
    signals.forget_end();
    while let Some(lock) = app.waiting_for_lock() {
        if Instant::now() >= deadline || matches!(signals.take(), Some(Signal::End(_))) {
            return;
        }
        if !told {
            // Never `eprintln!`: after a hangup standard error may be gone.
            let _ = writeln!(
                std::io::stderr(),
                "roadmap: waiting up to {} s for {lock}, locked by another process, to save \
                 your last change(s)… (Ctrl-C gives up)",
                LOCK_WAIT.as_secs()
            );
            told = true;
        }
        std::thread::sleep(LOCK_RETRY / 4);
        app.retry_save();
    }
}

/// Blocks on input between frames, so an idle app uses no CPU; wakes for
/// a signal at once, and on a timer only while a save waits for the lock.
fn event_loop(app: &mut App, screen: &mut Screen, mouse: bool, signals: &Signals) -> Result<Exit> {
    while app.is_running() {
        match signals.take() {
            Some(Signal::End(number)) => return Ok(Exit::Signal(number)),
            Some(Signal::Stop) => terminal::suspend(screen, mouse, signals)?,
            Some(Signal::Continued) => terminal::take_back(screen, mouse)?,
            None => {}
        }
        let size = screen.size()?;
        app.fit_to(Rect::new(0, 0, size.width, size.height));
        screen.draw(|frame| view::draw(frame, app))?;
        #[cfg(debug_assertions)]
        if std::env::var_os("ROADMAP_TEST_PANIC").is_some() {
            panic!("ROADMAP_TEST_PANIC is set: a panic for the tests, after the first frame");
        }
        // Mouse motion and key releases change nothing: no redraw for them.
        let event = loop {
            let retry = app.waiting_for_lock().map(|_| LOCK_RETRY);
            if let Some(wait) = retry
                && !event::poll(wait)?
            {
                break None;
            }
            let event = event::read()?;
            if matters(&event) {
                break Some(event);
            }
        };
        let Some(event) = event else {
            app.retry_save();
            continue;
        };
        // A signal's handler wakes the read with a resize: the signal is
        // seen to at the top of the loop.
        if matches!(event, Event::Resize(..)) && signals.pending() {
            continue;
        }
        let clicked = match event {
            Event::Mouse(click) => app.target_at(click.column, click.row),
            _ => None,
        };
        app.sync();
        match event {
            // Whatever the settings and whatever is open.
            Event::Key(key) if keymap::always_quits(&key) => app.quit(),
            // In the search prompt only a key no text is made of: a plain
            // key bound to suspend types itself there.
            Event::Key(key)
                if app.keymap().action_for(key) == Some(Action::Suspend)
                    && (!app.is_typing() || key.modifiers.contains(KeyModifiers::CONTROL)) =>
            {
                terminal::suspend(screen, mouse, signals)?;
                continue;
            }
            Event::Key(key) if app.is_typing() => app.type_key(key),
            Event::Key(key) => match app.keymap().action_for(key) {
                Some(action) => app.update(action),
                None => app.unbound_key(),
            },
            Event::Mouse(click) => match click.kind {
                MouseEventKind::Down(MouseButton::Left) => app.click_on(clicked),
                MouseEventKind::ScrollDown => app.scroll(true),
                MouseEventKind::ScrollUp => app.scroll(false),
                _ => {}
            },
            _ => {}
        }
        match app.take_request() {
            Some(Request::EditNote { key, title, note }) => {
                let edited = terminal::handed_over(screen, mouse, signals, || {
                    external::edit(&note, &title, |editor| {
                        terminal::run_in_foreground(editor, signals)
                    })
                })?;
                app.note_edited(&key, &note, edited);
            }
            Some(Request::OpenLink(url)) => {
                let opened = external::open_url(&url);
                app.link_opened(&url, opened);
            }
            None => {}
        }
    }
    Ok(Exit::Quit)
}

/// Whether `event` can change what is on screen.
fn matters(event: &Event) -> bool {
    match event {
        Event::Key(key) => key.kind != KeyEventKind::Release,
        Event::Mouse(mouse) => matches!(
            mouse.kind,
            MouseEventKind::Down(MouseButton::Left)
                | MouseEventKind::ScrollDown
                | MouseEventKind::ScrollUp
        ),
        Event::Resize(..) => true,
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::format::roadmap::load::parse;

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
    fn switching_roadmaps_keeps_notices_about_the_state_file() {
        let mut app = app();
        app.notices.push("the state file was damaged".to_owned());
        // The test roadmap is opened by path: listed first, then bundled.
        run(
            &mut app,
            &[Action::PickRoadmap, Action::Down, Action::Toggle],
        );
        assert_eq!(app.roadmap().id, "backend");
        assert_eq!(app.notices(), ["the state file was damaged"]);
        assert!(app.picker().is_none());
    }

    #[test]
    fn switching_roadmaps_is_refused_while_changes_are_unsaved() {
        let mut app = app();
        app.unsaved
            .insert("beginner/databases/basics".to_owned(), None);
        // A state path under a plain file can never be written.
        let blocker = tempfile::NamedTempFile::new().unwrap();
        app.store = Store::open(&blocker.path().join("progress.json"));
        run(
            &mut app,
            &[Action::PickRoadmap, Action::Down, Action::Toggle],
        );
        assert_eq!(app.roadmap().id, "test", "still here");
        assert!(app.picker().is_some());
        assert!(
            app.flash().is_some_and(|f| f.contains("not saved yet")),
            "{:?}",
            app.flash()
        );
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
        let mut app = App::new(roadmap.clone(), Store::open(&path));
        run(&mut app, &[Action::Level(1), Action::ToggleDone]);
        let reopened = App::new(roadmap, Store::open(&path));
        assert_eq!(reopened.level_tally(1).done, 1);
        assert_eq!(reopened.overall_tally().done, 1);
    }

    #[test]
    fn two_sessions_on_one_file_keep_both_ticks_and_see_each_other() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("state.json");
        let roadmap = parse(YAML, "t.yaml", "test").unwrap();
        let mut first = App::new(roadmap.clone(), Store::open(&path));
        let mut second = App::new(roadmap.clone(), Store::open(&path));
        run(&mut first, &[Action::ToggleDone]);
        run(&mut second, &[Action::Level(1), Action::ToggleDone]);
        assert_eq!(
            second.overall_tally().done,
            4,
            "sees the first session's ticks"
        );
        let reopened = App::new(roadmap, Store::open(&path));
        assert_eq!(reopened.overall_tally().done, 4);
    }

    #[test]
    fn a_save_that_failed_is_retried_with_the_next_change() {
        let dir = tempfile::tempdir().unwrap();
        let blocker = dir.path().join("state");
        std::fs::write(&blocker, "").unwrap();
        let path = blocker.join("progress.json");
        let roadmap = parse(YAML, "t.yaml", "test").unwrap();
        let mut app = App::new(roadmap.clone(), Store::open(&path));
        run(
            &mut app,
            &[Action::Expand, Action::Down, Action::ToggleDone],
        );
        assert!(app.save_error().is_some());
        std::fs::remove_file(&blocker).unwrap();
        run(&mut app, &[Action::Down, Action::ToggleDone]);
        assert_eq!(app.save_error(), None, "saving works again");
        assert!(app.finish().is_ok());
        let reopened = App::new(roadmap, Store::open(&path));
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
        let mut app = App::new(roadmap, Store::open(&file.join("state.json")));
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
    fn a_save_that_finds_the_lock_held_waits_and_is_retried_never_blocking() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("state.json");
        let roadmap = parse(YAML, "t.yaml", "test").unwrap();
        let mut app = App::new(roadmap.clone(), Store::open(&path));
        run(&mut app, &[Action::ToggleDone]);
        let lock = std::fs::File::create(dir.path().join("state.json.lock")).unwrap();
        lock.lock().unwrap();

        run(&mut app, &[Action::Down, Action::ToggleDone]);
        let waiting = app.waiting_for_lock().expect("waiting for the lock");
        assert!(waiting.ends_with("state.json.lock"), "{waiting}");
        assert_eq!(app.save_error(), None, "busy is not an error");
        assert_eq!(app.level_tally(0).done, 4, "the change shows");
        app.retry_save();
        assert!(app.waiting_for_lock().is_some(), "still held");
        let lost = app.finish().unwrap_err().to_string();
        assert!(lost.starts_with("1 change(s) could not be saved"), "{lost}");
        assert!(lost.contains("state.json.lock"), "{lost}");

        drop(lock);
        app.retry_save();
        assert_eq!(app.waiting_for_lock(), None);
        app.finish().unwrap();
        let reopened = App::new(roadmap, Store::open(&path));
        assert_eq!(reopened.level_tally(0).done, 4, "saved once free");
    }

    fn status_of(app: &App, key: &str) -> Status {
        app.progress().status(key)
    }

    #[test]
    fn each_status_key_sets_its_status_and_pressed_again_returns_to_pending() {
        let mut app = app();
        run(&mut app, &[Action::Expand, Action::Down]);
        let key = "beginner/databases/basics";
        for (action, status) in [
            (Action::ToggleInProgress, Status::InProgress),
            (Action::ToggleSkipped, Status::Skipped),
            (Action::ToggleDone, Status::Done),
        ] {
            run(&mut app, &[action]);
            assert_eq!(status_of(&app, key), status);
        }
        run(&mut app, &[Action::ToggleDone]);
        assert_eq!(status_of(&app, key), Status::Pending);
        run(&mut app, &[Action::ToggleSkipped]);
        assert_eq!(
            app.topic_tally(0),
            Tally {
                skipped: 1,
                total: 3,
                ..Tally::default()
            }
        );
        assert_eq!(app.level_tally(0).percent(), 0, "skipped is not done");
    }

    #[test]
    fn status_keys_on_a_topic_set_every_item_then_clear_them() {
        let mut app = app();
        run(&mut app, &[Action::ToggleSkipped]);
        assert_eq!(app.topic_tally(0).skipped, 3);
        run(&mut app, &[Action::ToggleInProgress]);
        assert_eq!(app.topic_tally(0).in_progress, 3);
        run(&mut app, &[Action::ToggleInProgress]);
        assert_eq!(
            app.topic_tally(0),
            Tally {
                total: 3,
                ..Tally::default()
            }
        );
    }

    #[test]
    fn undo_and_redo_walk_back_and_forth_through_whole_steps() {
        let mut app = app();
        run(&mut app, &[Action::ToggleDone]);
        run(
            &mut app,
            &[Action::Expand, Action::Down, Action::ToggleSkipped],
        );
        assert_eq!(app.level_tally(0).done, 2);
        run(&mut app, &[Action::Undo]);
        assert_eq!(app.level_tally(0).done, 3, "the skip is undone");
        assert!(app.flash().unwrap().starts_with("Undone: Basics"));
        run(&mut app, &[Action::Undo]);
        assert_eq!(app.level_tally(0).done, 0, "the whole topic at once");
        run(&mut app, &[Action::Undo]);
        assert_eq!(app.flash(), Some("Nothing to undo"));
        run(&mut app, &[Action::Redo, Action::Redo]);
        assert_eq!(app.topic_tally(0).skipped, 1);
        assert_eq!(app.topic_tally(0).done, 2);
        run(&mut app, &[Action::Redo]);
        assert_eq!(app.flash(), Some("Nothing to redo"));
    }

    #[test]
    fn undo_puts_back_the_original_date_and_a_new_change_clears_redo() {
        static NOW: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(100);
        let mut app = app().with_clock(|| NOW.load(std::sync::atomic::Ordering::Relaxed));
        run(
            &mut app,
            &[Action::Expand, Action::Down, Action::ToggleDone],
        );
        NOW.store(200, std::sync::atomic::Ordering::Relaxed);
        run(&mut app, &[Action::ToggleDone, Action::Undo]);
        let entry = app.progress().entry("beginner/databases/basics").unwrap();
        assert_eq!((entry.status, entry.updated), (Status::Done, 100));
        run(&mut app, &[Action::Down, Action::ToggleDone, Action::Redo]);
        assert_eq!(app.flash(), Some("Nothing to redo"));
    }

    #[test]
    fn undo_remembers_at_least_a_hundred_steps() {
        let mut app = app();
        run(&mut app, &[Action::Expand, Action::Down]);
        for _ in 0..150 {
            run(&mut app, &[Action::ToggleDone]);
        }
        for _ in 0..150 {
            run(&mut app, &[Action::Undo]);
        }
        assert_eq!(app.undo.len(), 0);
        assert_eq!(app.redo.len(), 150);
    }

    #[test]
    fn undo_shows_the_item_it_changed() {
        let mut app = app();
        run(
            &mut app,
            &[
                Action::Level(1),
                Action::Expand,
                Action::Down,
                Action::ToggleDone,
            ],
        );
        run(&mut app, &[Action::Level(0), Action::Undo]);
        assert_eq!(app.level_index(), 1);
        assert_eq!(app.tree().selected(), Some(Row::Item { topic: 0, item: 0 }));
    }

    #[test]
    fn undo_leaves_alone_what_another_session_changed_since() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("state.json");
        let roadmap = parse(YAML, "t.yaml", "test").unwrap();
        let mut mine = App::new(roadmap.clone(), Store::open(&path));
        let mut theirs = App::new(roadmap, Store::open(&path));
        run(&mut mine, &[Action::ToggleDone]);
        theirs.sync();
        run(
            &mut theirs,
            &[Action::Expand, Action::Down, Action::ToggleSkipped],
        );
        mine.sync();
        assert_eq!(
            status_of(&mine, "beginner/databases/basics"),
            Status::Skipped
        );
        run(&mut mine, &[Action::Undo]);
        assert_eq!(
            status_of(&mine, "beginner/databases/basics"),
            Status::Skipped
        );
        assert_eq!(status_of(&mine, "beginner/databases/sql"), Status::Pending);
        assert!(mine.flash().unwrap().contains("1 item(s) changed since"));
    }

    #[test]
    fn reset_asks_first_names_what_it_clears_and_can_be_undone() {
        let mut app = app();
        run(&mut app, &[Action::ResetLevel]);
        assert_eq!(app.prompt(), None, "nothing to reset");
        assert_eq!(app.flash(), Some("Beginner has no progress to reset"));
        run(
            &mut app,
            &[Action::ToggleDone, Action::Down, Action::ToggleSkipped],
        );
        run(&mut app, &[Action::ResetLevel, Action::Down]);
        assert_eq!(app.prompt(), None, "any other key cancels");
        run(&mut app, &[Action::ResetLevel]);
        app.unbound_key();
        assert_eq!(app.prompt(), None, "even one bound to nothing");
        assert_eq!(app.flash(), Some("Cancelled: nothing was changed"));
        assert_eq!(app.level_tally(0).done, 3);
        run(&mut app, &[Action::ResetLevel]);
        assert_eq!(app.prompt(), Some(&Prompt::ResetLevel(0)));
        run(&mut app, &[Action::Confirm]);
        assert_eq!(
            app.level_tally(0),
            Tally {
                total: 4,
                ..Tally::default()
            }
        );
        run(&mut app, &[Action::Undo]);
        assert_eq!(app.level_tally(0).done, 3);
        assert_eq!(app.level_tally(0).skipped, 1);
    }

    #[test]
    fn progress_of_items_the_roadmap_lacks_is_kept_and_reported() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("state.json");
        let mut store = Store::open(&path);
        let entry = Entry {
            status: Status::Done,
            updated: 1,
        };
        let changes: Changes = [
            ("beginner/databases/basics".to_owned(), Some(entry)),
            ("beginner/databases/renamed".to_owned(), Some(entry)),
            ("gone/old/item".to_owned(), Some(entry)),
        ]
        .into();
        store.commit("test", &changes, 1).unwrap();
        let roadmap = parse(YAML, "t.yaml", "test").unwrap();
        let mut app = App::new(roadmap, Store::open(&path));
        assert_eq!(
            app.orphans(),
            ["beginner/databases/renamed", "gone/old/item"]
        );
        assert_eq!(app.overall_tally().done, 1);
        assert!(app.notices()[0].starts_with("progress kept for 2 item(s) not in this roadmap"));
        assert!(app.notices()[0].contains("beginner/databases/renamed, gone/old/item"));
        run(&mut app, &[Action::Back]);
        assert!(app.notices().is_empty(), "Esc dismisses notices");
        assert!(app.is_running(), "and does not quit while doing so");
        run(&mut app, &[Action::ResetLevel, Action::Confirm]);
        let reopened = Store::open(&path);
        assert_eq!(reopened.progress("test").len(), 2, "a reset keeps orphans");
    }

    #[test]
    fn a_read_only_store_refuses_changes_and_says_why() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("state.json");
        std::fs::write(&path, "{\"format\":\"roadmap-progress\",\"version\":9}\n").unwrap();
        let roadmap = parse(YAML, "t.yaml", "test").unwrap();
        let mut app = App::new(roadmap, Store::open(&path));
        assert!(app.read_only().is_some());
        assert!(app.notices()[0].contains("newer roadmap"));
        run(&mut app, &[Action::ToggleDone]);
        assert_eq!(app.overall_tally().done, 0);
        assert!(app.flash().unwrap().starts_with("Read-only"));
        assert!(app.finish().is_ok(), "nothing was left unsaved");
    }

    #[test]
    fn a_state_file_removed_while_open_is_reported_and_written_back() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("state.json");
        let roadmap = parse(YAML, "t.yaml", "test").unwrap();
        let mut app = App::new(roadmap.clone(), Store::open(&path));
        run(&mut app, &[Action::ToggleDone]);
        std::fs::remove_file(&path).unwrap();
        app.sync();
        assert!(app.notices()[0].contains("was removed by something else"));
        assert_eq!(app.level_tally(0).done, 3, "still shown");
        run(&mut app, &[Action::Level(1), Action::ToggleDone]);
        let reopened = App::new(roadmap, Store::open(&path));
        assert_eq!(reopened.overall_tally().done, 4);
    }

    #[test]
    fn a_session_sees_another_sessions_changes_at_its_next_key() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("state.json");
        let roadmap = parse(YAML, "t.yaml", "test").unwrap();
        let mut first = App::new(roadmap.clone(), Store::open(&path));
        let mut second = App::new(roadmap, Store::open(&path));
        run(&mut first, &[Action::ToggleDone]);
        second.sync();
        assert_eq!(second.level_tally(0).done, 3);
        run(&mut first, &[Action::Undo]);
        second.sync();
        assert_eq!(second.level_tally(0).done, 0);
        assert_eq!(second.topic_tally(0).done, 0);
    }

    /// The counts kept change by change equal a count from scratch.
    fn assert_counts_match_a_recount(app: &App) {
        let mut fresh = App::new(app.roadmap.clone(), Store::in_memory());
        fresh.progress = app.progress.clone();
        fresh.recount_all();
        assert_eq!(app.topic_tallies, fresh.topic_tallies);
        assert_eq!(app.level_tallies, fresh.level_tallies);
        assert_eq!(app.orphans, fresh.orphans);
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(64))]
        /// Two sessions on one file, random keys and syncs: counts never
        /// drift, and both end up showing what the file holds.
        #[test]
        fn random_keys_in_two_sessions_keep_counts_and_files_in_step(
            script in proptest::collection::vec(
                (
                    0usize..2,
                    proptest::sample::select(vec![
                        Action::Up, Action::Down, Action::Expand, Action::Collapse,
                        Action::ToggleDone, Action::ToggleInProgress, Action::ToggleSkipped,
                        Action::Undo, Action::Redo, Action::ResetLevel, Action::Confirm,
                        Action::NextLevel, Action::Last,
                    ]),
                    proptest::bool::ANY,
                ),
                0..60,
            )
        ) {
            let dir = tempfile::tempdir().unwrap();
            let path = dir.path().join("state.json");
            let orphan = Entry { status: Status::Done, updated: 1 };
            Store::open(&path)
                .commit("test", &[("gone/x/y".to_owned(), Some(orphan))].into(), 1)
                .unwrap();
            let roadmap = parse(YAML, "t.yaml", "test").unwrap();
            let mut apps = [
                App::new(roadmap.clone(), Store::open(&path)),
                App::new(roadmap, Store::open(&path)),
            ];
            for (who, action, sync) in script {
                if sync {
                    apps[who].sync();
                }
                apps[who].update(action);
                assert_counts_match_a_recount(&apps[who]);
            }
            let on_disk = Store::open(&path).progress("test");
            for app in &mut apps {
                app.sync();
                assert_counts_match_a_recount(app);
                proptest::prop_assert_eq!(&app.progress, &on_disk);
            }
        }
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
        assert!(matches!(
            app.selection(),
            Some(Selection::Topic { level: 0, index: 0, topic }) if topic.title == "Databases"
        ));
        run(&mut app, &[Action::Expand, Action::Expand, Action::Down]);
        assert!(matches!(app.selection(), Some(Selection::Item(_, i)) if i.title == "SQL"));
    }

    fn typed(app: &mut App, text: &str) {
        for c in text.chars() {
            app.type_key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE));
        }
    }

    fn press(app: &mut App, code: KeyCode) {
        app.type_key(KeyEvent::new(code, KeyModifiers::NONE));
    }

    #[test]
    fn search_finds_in_every_level_and_enter_jumps_there_opening_the_topic() {
        let mut app = app();
        run(&mut app, &[Action::Search]);
        assert!(app.is_typing());
        typed(&mut app, "SHARD");
        let hits = app.search().unwrap().hits().to_vec();
        assert_eq!(hits.len(), 1);
        assert!(
            matches!(app.selection(), Some(Selection::Item(_, item)) if item.title == "Sharding"),
            "the details show the chosen hit while typing"
        );
        assert_eq!(app.level_index(), 0, "the view stays until Enter");
        press(&mut app, KeyCode::Enter);
        assert!(!app.is_typing());
        assert_eq!(app.level_index(), 1);
        assert_eq!(app.tree().selected(), Some(Row::Item { topic: 0, item: 0 }));
        assert!(app.tree().is_open(0));
    }

    #[test]
    fn n_and_shift_n_walk_the_hits_and_wrap() {
        let mut app = app();
        run(&mut app, &[Action::NextMatch]);
        assert!(app.flash().unwrap().starts_with("No search yet"));
        run(&mut app, &[Action::Search]);
        typed(&mut app, "s");
        // Databases, Basics, SQL, NoSQL, Scaling, Sharding: titles first.
        let count = app.search().unwrap().hits().len();
        assert_eq!(count, 6);
        press(&mut app, KeyCode::Enter);
        assert_eq!(app.tree().selected(), Some(Row::Topic(0)));
        assert!(app.tree().is_open(0), "a topic hit is opened");
        run(&mut app, &[Action::NextMatch]);
        assert_eq!(app.flash(), Some("Match 2 of 6"));
        assert_eq!(app.tree().selected(), Some(Row::Item { topic: 0, item: 0 }));
        run(&mut app, &[Action::PrevMatch, Action::PrevMatch]);
        assert_eq!(app.flash(), Some("Match 6 of 6"));
        assert_eq!(app.level_index(), 1, "Sharding, in the other level");
    }

    #[test]
    fn escape_in_the_search_puts_the_view_back_as_it_was() {
        let mut app = app();
        run(&mut app, &[Action::Down, Action::Expand]);
        let before = (app.level_index(), app.trees.clone());
        run(&mut app, &[Action::Search]);
        typed(&mut app, "shard");
        run(&mut app, &[Action::Down, Action::Up]);
        press(&mut app, KeyCode::Esc);
        assert!(app.search().is_none());
        assert_eq!((app.level_index(), app.trees.clone()), before);
        run(&mut app, &[Action::Search]);
        typed(&mut app, "x");
        press(&mut app, KeyCode::Backspace);
        press(&mut app, KeyCode::Backspace);
        assert!(app.search().is_none(), "Backspace on an empty query leaves");
    }

    #[test]
    fn enter_with_no_hit_keeps_the_prompt_and_says_so() {
        let mut app = app();
        run(&mut app, &[Action::Search]);
        typed(&mut app, "zzz");
        press(&mut app, KeyCode::Enter);
        assert!(app.is_typing());
        assert_eq!(app.flash(), Some("No match for \"zzz\" (Esc goes back)"));
        app.type_key(KeyEvent::new(KeyCode::Char('u'), KeyModifiers::CONTROL));
        assert_eq!(app.search().unwrap().query(), "");
        app.type_key(KeyEvent::new(KeyCode::Char('c'), KeyModifiers::CONTROL));
        assert!(!app.is_running(), "Ctrl-C still quits");
    }

    #[test]
    fn the_filter_hides_finished_items_and_follows_every_change() {
        let mut app = app();
        run(
            &mut app,
            &[Action::Expand, Action::Down, Action::ToggleDone],
        );
        run(
            &mut app,
            &[Action::Down, Action::ToggleSkipped, Action::ToggleFilter],
        );
        assert!(app.hides_finished());
        let rows: Vec<Row> = app.tree().rows_from(0).collect();
        assert_eq!(
            rows,
            [
                Row::Topic(0),
                Row::Item { topic: 0, item: 2 },
                Row::Topic(1)
            ]
        );
        assert_eq!(app.tree().selected(), Some(Row::Item { topic: 0, item: 2 }));
        run(&mut app, &[Action::ToggleDone]);
        assert_eq!(
            app.tree().selected(),
            Some(Row::Topic(1)),
            "ticked off, it goes, and the next row is selected"
        );
        assert_eq!(
            app.tree().len(),
            1,
            "Databases is all finished: only Git is left"
        );
        run(&mut app, &[Action::Undo]);
        assert_eq!(app.tree().len(), 2 + 1, "undone, it is back");
        run(&mut app, &[Action::ToggleFilter]);
        assert_eq!(app.tree().len(), 2 + 3);
    }

    #[test]
    fn the_filter_follows_changes_from_another_session() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("state.json");
        let roadmap = parse(YAML, "t.yaml", "test").unwrap();
        let mut mine = App::new(roadmap.clone(), Store::open(&path));
        let mut theirs = App::new(roadmap, Store::open(&path));
        run(&mut mine, &[Action::ToggleFilter, Action::Level(1)]);
        run(&mut theirs, &[Action::Level(1), Action::ToggleDone]);
        mine.sync();
        assert!(mine.tree().is_empty());
        assert_eq!(mine.tree().selected(), None);
        assert!(mine.selection().is_none());
    }

    #[test]
    fn a_search_hit_the_filter_hides_turns_the_filter_off() {
        let mut app = app();
        run(&mut app, &[Action::Level(1), Action::ToggleDone]);
        run(
            &mut app,
            &[Action::Level(0), Action::ToggleFilter, Action::Search],
        );
        typed(&mut app, "sharding");
        press(&mut app, KeyCode::Enter);
        assert!(!app.hides_finished());
        assert_eq!(app.flash(), Some("Filter off, to show the match"));
        assert_eq!(app.tree().selected(), Some(Row::Item { topic: 0, item: 0 }));
    }

    #[test]
    fn z_closes_and_shift_z_opens_every_topic_of_the_level() {
        let mut app = app();
        run(&mut app, &[Action::OpenAll]);
        assert_eq!(app.tree().len(), 2 + 3 + 1);
        run(&mut app, &[Action::Last, Action::CloseAll]);
        assert_eq!(app.tree().len(), 2);
        assert_eq!(app.tree().selected(), Some(Row::Topic(1)));
        run(&mut app, &[Action::NextLevel]);
        assert_eq!(app.tree().len(), 1, "other levels are left alone");
    }

    fn draft(text: &str) -> Draft {
        Draft {
            text: text.to_owned(),
            file: tempfile::NamedTempFile::new().unwrap().into_temp_path(),
        }
    }

    #[test]
    fn e_asks_for_the_editor_and_the_note_is_saved_with_the_progress() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("state.json");
        let roadmap = parse(YAML, "t.yaml", "test").unwrap();
        let mut app = App::new(roadmap.clone(), Store::open(&path));
        run(&mut app, &[Action::EditNote]);
        assert_eq!(app.take_request(), None, "not on a topic");
        assert!(app.flash().unwrap().starts_with("Notes are kept on items"));
        run(&mut app, &[Action::Expand, Action::Down, Action::EditNote]);
        let key = "beginner/databases/basics";
        assert_eq!(
            app.take_request(),
            Some(Request::EditNote {
                key: key.to_owned(),
                title: "Basics".to_owned(),
                note: String::new(),
            })
        );
        app.note_edited(key, "", Ok(draft("use EXPLAIN")));
        assert_eq!(app.flash(), Some("Note saved"));
        let reopened = App::new(roadmap.clone(), Store::open(&path));
        let item = &reopened.roadmap().levels[0].topics[0].items[0];
        assert_eq!(reopened.note(item), Some("use EXPLAIN"));
        app.note_edited(key, "use EXPLAIN", Ok(draft("use EXPLAIN")));
        assert_eq!(app.flash(), Some("Note unchanged"));
        app.note_edited(
            key,
            "use EXPLAIN",
            Err(anyhow::anyhow!("the editor `vi` failed")),
        );
        assert_eq!(app.flash(), Some("Note unchanged: the editor `vi` failed"));
        app.note_edited(key, "use EXPLAIN", Ok(draft("")));
        assert_eq!(app.flash(), Some("Note removed"));
        let reopened = App::new(roadmap, Store::open(&path));
        assert_eq!(reopened.progress().note(key), None);
    }

    #[test]
    fn a_note_that_cannot_be_saved_keeps_its_text_in_a_file() {
        let dir = tempfile::tempdir().unwrap();
        let blocker = dir.path().join("file");
        std::fs::write(&blocker, "").unwrap();
        let roadmap = parse(YAML, "t.yaml", "test").unwrap();
        let mut app = App::new(roadmap, Store::open(&blocker.join("state.json")));
        let draft = draft("precious words");
        let kept_at = draft.file.to_path_buf();
        app.note_edited("beginner/databases/basics", "", Ok(draft));
        let notice = app.notices().last().unwrap();
        assert!(notice.starts_with("the note was NOT saved"), "{notice}");
        assert!(notice.contains(&kept_at.display().to_string()), "{notice}");
        assert_eq!(std::fs::read_to_string(&kept_at).unwrap(), "");
        std::fs::remove_file(kept_at).unwrap();
    }

    #[test]
    fn a_note_from_another_session_shows_at_the_next_key() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("state.json");
        let roadmap = parse(YAML, "t.yaml", "test").unwrap();
        let mut mine = App::new(roadmap.clone(), Store::open(&path));
        let mut theirs = App::new(roadmap, Store::open(&path));
        run(&mut mine, &[Action::ToggleDone]);
        theirs.note_edited("beginner/databases/sql", "", Ok(draft("joins!")));
        mine.sync();
        assert_eq!(
            mine.progress().note("beginner/databases/sql"),
            Some("joins!")
        );
        assert_eq!(mine.level_tally(0).done, 3, "the note undid no tick");
    }

    const LINKS: &str = "\
title: Links
levels:
  - title: One
    topics:
      - title: Web
        resources:
          - {title: MDN, url: 'https://developer.mozilla.org/'}
          - {title: RFC 9110, url: 'https://www.rfc-editor.org/rfc/rfc9110'}
        items:
          - {title: HTTP, resources: [{title: Spec, url: 'https://httpwg.org/'}]}
          - Bare
";

    #[test]
    fn o_opens_the_one_link_or_asks_which_of_several() {
        let roadmap = parse(LINKS, "t.yaml", "links").unwrap();
        let mut app = App::new(roadmap, Store::in_memory());
        run(&mut app, &[Action::OpenLink]);
        assert_eq!(app.links().map(|c| c.links.len()), Some(2));
        run(&mut app, &[Action::Down, Action::Down, Action::ToggleDone]);
        assert_eq!(app.links().unwrap().selected, 1, "stops at the last");
        assert_eq!(app.overall_tally().done, 0, "keys under it do nothing else");
        run(&mut app, &[Action::Level(0)]);
        assert!(app.links().is_none());
        assert_eq!(
            app.take_request(),
            Some(Request::OpenLink(
                "https://developer.mozilla.org/".to_owned()
            ))
        );
        run(&mut app, &[Action::Expand, Action::Down, Action::OpenLink]);
        assert_eq!(
            app.take_request(),
            Some(Request::OpenLink("https://httpwg.org/".to_owned()))
        );
        run(&mut app, &[Action::Down, Action::OpenLink]);
        assert_eq!(app.flash(), Some("No resource links here"));
        app.link_opened("https://httpwg.org/", Err(anyhow::anyhow!("no browser")));
        assert_eq!(
            app.notices().last().map(String::as_str),
            Some("the link, to copy: https://httpwg.org/ (no browser)")
        );
    }

    #[test]
    fn escape_in_the_search_keeps_the_filter_up_to_date_with_other_sessions() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("state.json");
        let roadmap = parse(YAML, "t.yaml", "test").unwrap();
        let mut mine = App::new(roadmap.clone(), Store::open(&path));
        let mut theirs = App::new(roadmap, Store::open(&path));
        run(
            &mut mine,
            &[Action::ToggleFilter, Action::Expand, Action::Search],
        );
        assert_eq!(mine.tree().len(), 2 + 3);
        run(
            &mut theirs,
            &[Action::Expand, Action::Down, Action::ToggleDone],
        );
        mine.sync();
        press(&mut mine, KeyCode::Esc);
        assert_eq!(
            mine.tree().len(),
            2 + 2,
            "Basics, done meanwhile, stays hidden"
        );
    }

    #[test]
    fn undo_under_the_filter_selects_the_item_it_brings_back() {
        let mut app = app();
        run(
            &mut app,
            &[
                Action::ToggleFilter,
                Action::Expand,
                Action::Down,
                Action::ToggleDone,
            ],
        );
        assert_eq!(app.tree().selected(), Some(Row::Item { topic: 0, item: 1 }));
        run(&mut app, &[Action::Undo]);
        assert_eq!(app.tree().selected(), Some(Row::Item { topic: 0, item: 0 }));
    }

    #[test]
    fn a_click_acts_on_the_row_seen_even_if_another_session_moved_it() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("state.json");
        let roadmap = parse(YAML, "t.yaml", "test").unwrap();
        let mut mine = App::new(roadmap.clone(), Store::open(&path));
        let mut theirs = App::new(roadmap, Store::open(&path));
        run(&mut mine, &[Action::ToggleFilter, Action::Expand]);
        mine.fit_to(Rect::new(0, 0, 120, 40));
        // SQL's checkbox, as drawn: the tree's third row.
        let seen = mine.target_at(3, 5);
        assert!(matches!(
            seen,
            Some(Target::Row {
                row: Row::Item { item: 1, .. },
                marker: true
            })
        ));
        run(
            &mut theirs,
            &[Action::Expand, Action::Down, Action::ToggleDone],
        );
        mine.sync();
        mine.click_on(seen);
        assert_eq!(status_of(&mine, "beginner/databases/sql"), Status::Done);
        assert_eq!(
            status_of(&mine, "beginner/databases/nosql"),
            Status::Pending
        );
        // A row hidden meanwhile: nothing happens to the one in its place.
        let seen = mine.target_at(3, 4);
        run(
            &mut theirs,
            &[Action::Down, Action::Down, Action::ToggleSkipped],
        );
        mine.sync();
        mine.click_on(seen);
        assert_eq!(mine.overall_tally().done, 2);
    }

    #[test]
    fn a_note_saved_elsewhere_while_editing_is_kept_and_so_is_the_draft() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("state.json");
        let roadmap = parse(YAML, "t.yaml", "test").unwrap();
        let mut mine = App::new(roadmap.clone(), Store::open(&path));
        let mut theirs = App::new(roadmap, Store::open(&path));
        let key = "beginner/databases/basics";
        theirs.note_edited(key, "", Ok(draft("theirs")));
        let draft = draft("mine");
        let kept_at = draft.file.to_path_buf();
        mine.note_edited(key, "", Ok(draft));
        assert_eq!(mine.progress().note(key), Some("theirs"));
        let notice = mine.notices().last().unwrap();
        assert!(notice.contains("changed in another window"), "{notice}");
        assert!(kept_at.exists(), "the draft is kept");
        std::fs::remove_file(kept_at).unwrap();
    }
}
