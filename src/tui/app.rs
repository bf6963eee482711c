//! The app's state and [`App::update`], the one entry point that changes
//! it: an [`Input`] (a key, an action, a click, the outcome of an effect)
//! in, the [`Effect`]s to perform out.
//!
//! Pure: no terminal, no filesystem, no spawning. The roadmap, progress,
//! counts and undo are the [`Session`]'s; this adds what is on screen (the
//! level shown, each level's tree, the filter, the one overlay open, the
//! messages) and reads what the view drew last from its [`Layout`]. It
//! never imports the view: the runner ([`crate::tui::runner`]) performs
//! the effects and hands their outcomes back.

mod changes;
mod finding;
mod goal;
pub mod goal_prompt;
pub mod overlay;
mod resume;
pub mod search;

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use crossterm::event::{KeyEvent, KeyModifiers};

use crate::domain::calendar;
use crate::domain::progress::{Progress, Status, Tally};
use crate::domain::roadmap::{Item, Level, Roadmap, Topic};
use crate::domain::session::{Arrived, History, Session};
use crate::format::view_state::ViewState;
use crate::tui::action::Action;
use crate::tui::effect::{Effect, Outcome};
use crate::tui::keymap::{self, Keymap, SearchKey};
use crate::tui::layout::{Layout, Spot, Target};
use crate::tui::search::Index;
use crate::tui::theme::Appearance;
use crate::tui::tree::{Row, TreeState};
use overlay::{
    Answer, ContinueView, DetailsScroll, HelpView, LinkChooser, Overlay, Picker, ProgressView,
    Prompt, ReadingView,
};

use search::Search;

pub use crate::domain::session::UNDO_STEPS;

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

/// Everything [`App::update`] is told.
#[derive(Debug)]
pub enum Input {
    /// A key press, read through the key table of the mode it is in.
    Key(KeyEvent),
    /// An action, as a bound key asks for it.
    Act(Action),
    /// A left click on what was under it when it was made.
    Click(Option<Target>),
    /// The mouse wheel, down or up.
    Wheel { down: bool },
    /// A key bound to nothing.
    Unbound,
    /// What came of an effect, or arrived from other sessions.
    Done(Outcome),
}

/// Files the help names.
#[derive(Debug, Clone, Default)]
pub struct Places {
    /// Where progress is saved; `None`: in memory only.
    pub state: Option<PathBuf>,
    /// The folder the user's own roadmaps are read from.
    pub roadmaps: Option<PathBuf>,
}

/// All state of the app. The view reads it; only [`App::update`] and
/// [`App::drew`] change it.
#[derive(Debug)]
pub struct App {
    session: Session,
    /// Index of the level whose tab is shown.
    level: usize,
    /// One tree per level, so each tab remembers its own place.
    trees: Vec<TreeState>,
    /// Done and skipped items are hidden.
    hide_finished: bool,
    overlay: Option<Overlay>,
    /// The last search accepted, for `n`/`N`.
    last_search: Option<Search>,
    /// Built the first time the search opens.
    search_index: Option<Index>,
    /// Things the user should know (from the store, or about orphans),
    /// shown until dismissed with `Esc`.
    notices: Vec<String>,
    /// What the last key did, shown until the next one.
    flash: Option<String>,
    /// Why progress is not being saved, while that is so.
    save_error: Option<String>,
    /// The lock the unsaved changes wait for, held by another process.
    waiting_for: Option<String>,
    /// Why nothing can be saved this session, if the state file could
    /// not be used.
    read_only: Option<String>,
    running: bool,
    /// What the view drew last.
    layout: Layout,
    /// How far the details pane is scrolled.
    details: DetailsScroll,
    clock: fn() -> u64,
    appearance: Appearance,
    keymap: Keymap,
    places: Places,
    /// Where each roadmap was left, as read at start; this one's is taken
    /// from the trees when it is written.
    views: ViewState,
    /// The roadmaps switched away from this session, most recent first:
    /// the only views besides this one's that it has news of.
    parked: Vec<String>,
    /// Undo and redo of roadmaps switched away from this session.
    histories: HashMap<String, History>,
    /// How to open this roadmap again when not by its id (its path).
    opened_as: Option<String>,
}

impl App {
    /// An app showing `session`, with the notices the store had for it.
    pub fn new(session: Session, notices: Vec<String>) -> App {
        let trees = trees_for(session.roadmap());
        let mut app = App {
            session,
            level: 0,
            trees,
            hide_finished: false,
            overlay: None,
            last_search: None,
            search_index: None,
            notices,
            flash: None,
            save_error: None,
            waiting_for: None,
            read_only: None,
            running: true,
            layout: Layout::default(),
            details: DetailsScroll::default(),
            clock: calendar::now,
            appearance: Appearance::default(),
            keymap: Keymap::default(),
            places: Places::default(),
            views: ViewState::default(),
            parked: Vec::new(),
            histories: HashMap::new(),
            opened_as: None,
        };
        if let Some(notice) = app.session.orphan_notice() {
            app.notices.push(notice);
        }
        app
    }

    /// A session in which nothing can be saved, saying why.
    pub fn with_read_only(mut self, why: Option<String>) -> App {
        self.read_only = why;
        self
    }

    /// The files the help names.
    pub fn with_places(mut self, places: Places) -> App {
        self.places = places;
        self
    }

    /// The folder the user's own roadmaps are read from, for the help.
    pub fn with_roadmaps_dir(mut self, dir: Option<PathBuf>) -> App {
        self.places.roadmaps = dir;
        self
    }

    /// How the screen looks.
    pub fn with_appearance(mut self, appearance: Appearance) -> App {
        self.appearance = appearance;
        self
    }

    /// The key bindings (the user's settings may change them).
    pub fn with_keymap(mut self, keymap: Keymap) -> App {
        self.keymap = keymap;
        self
    }

    /// Replaces the clock that timestamps changes (tests pin it).
    pub fn with_clock(mut self, clock: fn() -> u64) -> App {
        self.clock = clock;
        self
    }

    pub fn now(&self) -> u64 {
        (self.clock)()
    }

    pub fn session(&self) -> &Session {
        &self.session
    }

    pub fn appearance(&self) -> Appearance {
        self.appearance
    }

    pub fn keymap(&self) -> &Keymap {
        &self.keymap
    }

    pub fn roadmap(&self) -> &Roadmap {
        self.session.roadmap()
    }

    pub fn progress(&self) -> &Progress {
        self.session.progress()
    }

    pub fn store_path(&self) -> Option<&Path> {
        self.places.state.as_deref()
    }

    /// The folder the user's own roadmaps are read from, if any.
    pub fn user_roadmaps_dir(&self) -> Option<&Path> {
        self.places.roadmaps.as_deref()
    }

    /// Index of the level whose tab is shown.
    pub fn level_index(&self) -> usize {
        self.level
    }

    pub fn level(&self) -> &Level {
        &self.roadmap().levels[self.level]
    }

    /// The shown level's tree.
    pub fn tree(&self) -> &TreeState {
        &self.trees[self.level]
    }

    pub fn level_tally(&self, level: usize) -> Tally {
        self.session.level_tally(level)
    }

    /// Tally of topic `topic` in the shown level.
    pub fn topic_tally(&self, topic: usize) -> Tally {
        self.session.topic_tally(self.level, topic)
    }

    /// Tally of topic `topic` of level `level`.
    pub fn tally_of_topic(&self, level: usize, topic: usize) -> Tally {
        self.session.topic_tally(level, topic)
    }

    pub fn overall_tally(&self) -> Tally {
        self.session.overall_tally()
    }

    pub fn status(&self, item: &Item) -> Status {
        self.session.status(item)
    }

    /// The note kept on `item`, if any.
    pub fn note(&self, item: &Item) -> Option<&str> {
        self.session.note(item)
    }

    /// What the details describe: the selected row, or while the search
    /// prompt is open, the chosen hit.
    pub fn selection(&self) -> Option<Selection<'_>> {
        let (level, row) = self.selected_row()?;
        let topics = &self.roadmap().levels.get(level)?.topics;
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

    /// The level and row the details describe (see [`App::selection`]).
    fn selected_row(&self) -> Option<(usize, Row)> {
        match self.typing() {
            Some(search) => {
                let hit = search.current_hit()?;
                Some((hit.level, hit.row()))
            }
            None => Some((self.level, self.tree().selected()?)),
        }
    }

    /// The first line the details pane shows of the selection.
    pub fn details_scroll(&self) -> usize {
        self.details.offset_for(self.selected_row())
    }

    pub fn reading(&self) -> Option<ReadingView> {
        match &self.overlay {
            Some(Overlay::Reading(view)) => Some(*view),
            _ => None,
        }
    }

    /// The search prompt while it is open, else the last search.
    pub fn search(&self) -> Option<&Search> {
        self.typing().or(self.last_search.as_ref())
    }

    /// The search prompt, while it is open and takes the keys.
    fn typing(&self) -> Option<&Search> {
        match &self.overlay {
            Some(Overlay::Search(search)) => Some(search),
            _ => None,
        }
    }

    pub fn is_typing(&self) -> bool {
        self.typing().is_some()
    }

    /// Whether done and skipped items are hidden.
    pub fn hides_finished(&self) -> bool {
        self.hide_finished
    }

    /// The window open over the main screen, if any.
    pub fn overlay(&self) -> Option<&Overlay> {
        self.overlay.as_ref()
    }

    pub fn help(&self) -> Option<HelpView> {
        match &self.overlay {
            Some(Overlay::Help(help)) => Some(*help),
            _ => None,
        }
    }

    pub fn prompt(&self) -> Option<&Prompt> {
        match &self.overlay {
            Some(Overlay::Prompt(prompt)) => Some(prompt),
            _ => None,
        }
    }

    pub fn picker(&self) -> Option<&Picker> {
        match &self.overlay {
            Some(Overlay::Picker(picker)) => Some(picker),
            _ => None,
        }
    }

    pub fn links(&self) -> Option<&LinkChooser> {
        match &self.overlay {
            Some(Overlay::Links(chooser)) => Some(chooser),
            _ => None,
        }
    }

    pub fn continue_view(&self) -> Option<&ContinueView> {
        match &self.overlay {
            Some(Overlay::Continue(view)) => Some(view),
            _ => None,
        }
    }

    pub fn progress_view(&self) -> Option<&ProgressView> {
        match &self.overlay {
            Some(Overlay::Progress(view)) => Some(view),
            _ => None,
        }
    }

    /// Keys with saved progress that no item of this roadmap has.
    pub fn orphans(&self) -> &[String] {
        self.session.orphans()
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

    pub fn read_only(&self) -> Option<&str> {
        self.read_only.as_deref()
    }

    pub fn is_running(&self) -> bool {
        self.running
    }

    /// The lock a save is waiting for, while another process holds it.
    pub fn waiting_for_lock(&self) -> Option<&str> {
        self.waiting_for
            .as_deref()
            .filter(|_| !self.session.unsaved().is_empty())
    }

    /// Takes in what the view drew: the scroll offsets it settled on (so
    /// the next move starts from what was seen) and the sizes pages and
    /// clicks are measured by.
    pub fn drew(&mut self, layout: Layout) {
        self.trees[self.level].set_offset(layout.tree_offset);
        match &mut self.overlay {
            Some(Overlay::Search(search)) => search.set_offset(layout.hits_offset),
            Some(Overlay::Help(help)) => help.scroll = help.scroll.min(layout.help.max_scroll),
            Some(Overlay::Progress(view)) => {
                view.scroll = view.scroll.min(layout.progress.max_scroll);
            }
            Some(Overlay::Reading(view)) => {
                view.scroll = view.scroll.min(layout.reading.max_scroll);
            }
            _ => {}
        }
        self.details.clamp(layout.details.max_scroll);
        self.layout = layout;
    }

    /// What is at column `x`, row `y` of the screen last drawn. Asked
    /// before other sessions' changes are taken in, so a click acts on
    /// what was seen.
    pub fn target_at(&self, x: u16, y: u16) -> Option<Target> {
        match self.layout.spot(x, y)? {
            Spot::Tab(level) => Some(Target::Tab(level)),
            Spot::Line { line, marker } => match self.typing() {
                Some(search) => {
                    let index = self.layout.hits_offset + line;
                    (index < search.hits().len()).then_some(Target::Hit(index))
                }
                None => {
                    let tree = self.tree();
                    let row = tree.row_at(tree.offset() + line)?;
                    Some(Target::Row { row, marker })
                }
            },
        }
    }

    /// Carries out one input; returns what the runner is to do.
    pub fn update(&mut self, input: Input) -> Vec<Effect> {
        let mut effects = Vec::new();
        match input {
            Input::Key(key) => self.key(key, &mut effects),
            Input::Act(action) => self.act(action, &mut effects),
            Input::Click(target) => self.click(target, &mut effects),
            Input::Wheel { down } => {
                let action = if down { Action::Down } else { Action::Up };
                for _ in 0..3 {
                    self.act(action, &mut effects);
                }
            }
            Input::Unbound => self.unbound_key(),
            Input::Done(outcome) => self.outcome(outcome),
        }
        self.refilter();
        // However the selection moved (a key, a click, a jump from the
        // search or the continue view): a row come back to is read from
        // the top.
        self.details.follow(self.selected_row());
        effects.dedup();
        effects
    }

    /// A key: `Ctrl-C` quits whatever is open; in the search prompt its
    /// own table comes first and other characters are typed; elsewhere
    /// the key table says what it does.
    fn key(&mut self, key: KeyEvent, effects: &mut Vec<Effect>) {
        if keymap::always_quits(&key) {
            self.running = false;
            return;
        }
        let action = self.keymap.action_for(key);
        // Whatever is open, and leaving it as it is (the message of the
        // last key too): the terminal is the event loop's to hand over.
        // In the search prompt only a key no text is made of: a plain key
        // bound to suspend types itself there.
        if action == Some(Action::Suspend)
            && (!self.is_typing() || key.modifiers.contains(KeyModifiers::CONTROL))
        {
            effects.push(Effect::Suspend);
            return;
        }
        if matches!(self.overlay, Some(Overlay::Goal { .. })) {
            return self.goal_key(key, effects);
        }
        if self.is_typing() {
            if keymap::quits_in_search(&key) {
                self.running = false;
                return;
            }
            self.flash = None;
            if let Some(what) = keymap::search_key(&key) {
                self.search_key(what);
            }
            // As the tree is scrolled after a main-screen action.
            let page = self.layout.page();
            if let Some(Overlay::Search(search)) = &mut self.overlay {
                search.scroll_to_current(page);
            }
            return;
        }
        match action {
            Some(action) => self.act(action, effects),
            None => self.unbound_key(),
        }
    }

    /// A key bound to nothing: it still answers "no" to a question, as
    /// the prompt promises ("any other key keeps it").
    fn unbound_key(&mut self) {
        if let Some(Overlay::Prompt(_)) = self.overlay {
            self.overlay = None;
            self.flash = Some("Cancelled: nothing was changed".to_owned());
        }
    }

    /// One action: the open overlay's, or the main screen's.
    fn act(&mut self, action: Action, effects: &mut Vec<Effect>) {
        self.flash = None;
        match self.overlay.take() {
            Some(overlay) => self.act_in(overlay, action, effects),
            None => self.act_on_main(action, effects),
        }
    }

    /// `action` with `overlay` open: it decides, and stays open unless it
    /// says otherwise.
    fn act_in(&mut self, overlay: Overlay, action: Action, effects: &mut Vec<Effect>) {
        match overlay {
            Overlay::Search(search) => {
                let key = match action {
                    Action::Quit => return self.running = false,
                    Action::Back => SearchKey::Cancel,
                    Action::Toggle => SearchKey::Accept,
                    Action::Down | Action::NextLevel => SearchKey::Next,
                    Action::Up | Action::PrevLevel => SearchKey::Previous,
                    Action::PageDown => SearchKey::PageDown,
                    Action::PageUp => SearchKey::PageUp,
                    _ => return self.overlay = Some(Overlay::Search(search)),
                };
                self.overlay = Some(Overlay::Search(search));
                self.search_key(Ok(key));
            }
            Overlay::Help(mut help) => match help.handle(action, self.layout.help) {
                Answer::Quit => self.running = false,
                Answer::Close => {}
                _ => self.overlay = Some(Overlay::Help(help)),
            },
            Overlay::Progress(view) if action == Action::SetGoal => {
                self.ask_for_goal(0, Some(view));
            }
            Overlay::Goal { prompt, from } => match action {
                Action::Quit => self.running = false,
                Action::Back => self.overlay = from.map(Overlay::Progress),
                _ => self.overlay = Some(Overlay::Goal { prompt, from }),
            },
            Overlay::Progress(mut view) => match view.handle(action, self.layout.progress) {
                Answer::Quit => self.running = false,
                Answer::Close => {}
                _ => self.overlay = Some(Overlay::Progress(view)),
            },
            Overlay::Reading(mut view) => match view.handle(action, self.layout.reading) {
                Answer::Close => {}
                _ => self.overlay = Some(Overlay::Reading(view)),
            },
            Overlay::Links(mut chooser) => match chooser.handle(action) {
                Answer::Quit => self.running = false,
                Answer::Close => {}
                Answer::Then(url) => effects.push(Effect::OpenLink(url)),
                Answer::Stay => self.overlay = Some(Overlay::Links(chooser)),
            },
            Overlay::Prompt(prompt) => match prompt.handle(action) {
                Answer::Quit => self.running = false,
                Answer::Then(true) => self.answer(prompt, effects),
                _ => self.flash = Some("Cancelled: nothing was changed".to_owned()),
            },
            Overlay::Continue(mut view) => match view.handle(action, self.layout.page()) {
                Answer::Quit => self.running = false,
                Answer::Close => {}
                Answer::Then(key) => self.reveal(&key),
                Answer::Stay => self.overlay = Some(Overlay::Continue(view)),
            },
            Overlay::Picker(mut picker) => match picker.handle(action, self.layout.page()) {
                Answer::Quit => self.running = false,
                Answer::Close => {}
                Answer::Then(()) => self.switch_to(picker, effects),
                Answer::Stay => self.overlay = Some(Overlay::Picker(picker)),
            },
        }
    }

    fn act_on_main(&mut self, action: Action, effects: &mut Vec<Effect>) {
        let page = isize::try_from(self.layout.page()).unwrap_or(isize::MAX);
        let levels = self.roadmap().levels.len();
        let tree = &mut self.trees[self.level];
        match action {
            Action::Quit => self.running = false,
            Action::Suspend => effects.push(Effect::Suspend),
            Action::Sync => self.ask_to_sync(effects),
            Action::SetGoal => self.ask_for_goal(self.level + 1, None),
            // Esc closes and cancels, never quits: pressed once too often
            // after closing something, it must not end the session.
            Action::Back if !self.notices.is_empty() => self.notices.clear(),
            Action::Back => self.nothing_to_close(),
            Action::Up => tree.move_by(-1),
            Action::Down => tree.move_by(1),
            Action::PageUp => tree.move_by(-page),
            Action::PageDown => tree.move_by(page),
            Action::First => tree.first(),
            Action::Last => tree.last(),
            Action::Toggle => tree.toggle(),
            Action::Expand => tree.expand(),
            Action::Collapse => tree.collapse(),
            Action::CloseAll => tree.close_all(),
            Action::OpenAll => tree.open_all(),
            Action::ToggleDone => self.toggle_status(Status::Done, effects),
            Action::ToggleInProgress => self.toggle_status(Status::InProgress, effects),
            Action::ToggleSkipped => self.toggle_status(Status::Skipped, effects),
            Action::Undo => self.undo(effects),
            Action::Redo => self.redo(effects),
            Action::ResetLevel => self.ask_reset(),
            Action::Confirm => {}
            Action::NextLevel => self.level = (self.level + 1) % levels,
            Action::PrevLevel => self.level = (self.level + levels - 1) % levels,
            Action::Level(level) if level < levels => self.level = level,
            Action::Level(_) => {}
            Action::Help => self.overlay = Some(Overlay::Help(HelpView::default())),
            Action::Search => self.start_search(),
            Action::NextMatch => self.next_match(1),
            Action::PrevMatch => self.next_match(-1),
            Action::ToggleFilter => self.toggle_filter(),
            Action::EditNote => self.ask_to_edit_note(effects),
            Action::OpenLink => self.choose_link(effects),
            Action::ProgressView => self.show_progress_view(),
            Action::Continue => self.show_continue_view(),
            Action::DetailsDown | Action::DetailsUp => {
                let down = action == Action::DetailsDown;
                let row = self.selected_row();
                self.details.scroll(row, down, self.layout.details);
            }
            Action::ReadItem if self.selected_row().is_some() => {
                self.overlay = Some(Overlay::Reading(ReadingView::default()));
            }
            Action::ReadItem => self.flash = Some("Nothing is selected to read".to_owned()),
            // Files may have been added or edited since the start.
            Action::PickRoadmap => effects.push(Effect::ScanRoadmaps),
        }
        // Scrolled now by the page last drawn, then by the view for the
        // page it draws (a notice or a resize may have changed it):
        // the offsets the app has always settled on.
        let page = self.layout.page();
        self.trees[self.level].scroll_to_selection(page);
    }

    /// Syncs with the git remote, the unsaved changes saved first so
    /// they go with it. The runner says whether there is a remote.
    fn ask_to_sync(&mut self, effects: &mut Vec<Effect>) {
        if !self.session.unsaved().is_empty() {
            effects.push(Effect::Save);
        }
        effects.push(Effect::Sync);
    }

    /// `Esc` with nothing open: says how to quit, once it is asked for.
    fn nothing_to_close(&mut self) {
        if let Some(quit) = self.keymap.first_key(Action::Quit) {
            self.flash = Some(format!("Nothing to close ({} quits)", quit.label()));
        }
    }

    /// A click on `target`: a tab switches level, a row is selected (a
    /// topic also opens or closes), a checkbox ticks, a search hit is
    /// jumped to. Ignored under the help and other overlays; a question
    /// is answered "no".
    fn click(&mut self, target: Option<Target>, effects: &mut Vec<Effect>) {
        match self.overlay {
            Some(Overlay::Prompt(_)) => return self.act(Action::Back, effects),
            Some(Overlay::Search(_)) | None => {}
            Some(_) => return,
        }
        let Some(target) = target else {
            return;
        };
        self.flash = None;
        match target {
            Target::Tab(level) => self.act(Action::Level(level), effects),
            Target::Hit(index) => {
                if let Some(Overlay::Search(search)) = &mut self.overlay {
                    search.choose(index);
                }
                self.act(Action::Toggle, effects);
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
                    self.act(Action::ToggleDone, effects);
                } else if let Row::Topic(_) = row {
                    self.act(Action::Toggle, effects);
                }
            }
        }
    }

    /// What came back from the runner.
    fn outcome(&mut self, outcome: Outcome) {
        match outcome {
            Outcome::Refreshed { arrived, notices } => self.take_in_counted(arrived, notices),
            Outcome::Saved {
                saved,
                arrived,
                notices,
            } => {
                self.take_in(arrived, notices);
                self.session.saved(&saved);
                self.save_error = None;
                self.waiting_for = None;
            }
            Outcome::SaveFailed {
                busy,
                error,
                arrived,
                notices,
            } => {
                // Busy: the changes wait for the lock (retried between
                // frames); anything else is an error shown in red.
                if busy.is_none() {
                    self.save_error = Some(error);
                }
                self.waiting_for = busy;
                // Read afresh after the failure, as before each input.
                self.take_in_counted(arrived, notices);
            }
            Outcome::ReadOnly(why) => self.read_only = Some(why),
            Outcome::Scanned(rows) => self.overlay = Some(Overlay::Picker(Picker::new(rows))),
            Outcome::Opened(opened) => self.opened(opened),
            Outcome::Note(note) => self.note_edited(note),
            Outcome::GoalSaved {
                target,
                by,
                result,
                arrived,
                notices,
            } => {
                self.take_in_counted(arrived, notices);
                self.goal_saved(&target, by, result);
            }
            Outcome::Synced {
                result,
                arrived,
                notices,
            } => {
                // What an earlier sync said is out of date now.
                let stale = |notice: &String| {
                    notice.starts_with("sync failed: ") || notice.starts_with("sync again to push")
                };
                self.notices.retain(|notice| !stale(notice));
                self.take_in_counted(arrived, notices);
                match result {
                    Ok(summary) => self.flash = Some(summary),
                    // Stays until dismissed: a sync that failed is news.
                    Err(err) => self.notices.push(format!("sync failed: {err}")),
                }
            }
            Outcome::LinkOpened { url, result } => match result {
                Ok(()) => self.flash = Some(format!("Opened {url}")),
                // The link first: a long reason must not push it off screen.
                Err(err) => self
                    .notices
                    .push(format!("the link, to copy: {url} ({err})")),
            },
        }
    }

    /// Shows what other sessions saved, and the store's notices.
    fn take_in(&mut self, arrived: Arrived, notices: Vec<String>) {
        self.notices.extend(notices);
        self.session.take_in(arrived);
    }

    /// [`App::take_in`] of what the store read afresh: another session's
    /// ticks count in the progress view at once; without any, nothing
    /// pays for a recount.
    fn take_in_counted(&mut self, arrived: Arrived, notices: Vec<String>) {
        let changed = arrived != Arrived::Nothing;
        self.take_in(arrived, notices);
        if changed && let Some(Overlay::Progress(view)) = &mut self.overlay {
            view.recount(&self.session, (self.clock)());
        }
    }

    /// An app on `roadmap` with no progress, for tests of the app alone.
    #[cfg(test)]
    pub(crate) fn on(roadmap: Roadmap) -> App {
        App::new(Session::new(roadmap, Progress::default()), Vec::new())
    }

    #[cfg(test)]
    pub(crate) fn notices_mut(&mut self) -> &mut Vec<String> {
        &mut self.notices
    }

    #[cfg(test)]
    pub(crate) fn session_mut(&mut self) -> &mut Session {
        &mut self.session
    }

    /// The note of item `key`, as shown.
    #[cfg(test)]
    pub(crate) fn note_of(&self, key: &str) -> Option<&str> {
        self.session.progress().note(key)
    }

    #[cfg(test)]
    pub(crate) fn trees(&self) -> &[TreeState] {
        &self.trees
    }

    /// Stops the app at the end of this input, whatever is open.
    pub fn quit(&mut self) {
        self.running = false;
    }
}

/// A fresh tree for each level of `roadmap`: all topics closed.
fn trees_for(roadmap: &Roadmap) -> Vec<TreeState> {
    roadmap
        .levels
        .iter()
        .map(|level| TreeState::new(level.topics.iter().map(|t| t.items.len()).collect()))
        .collect()
}

#[cfg(test)]
pub(crate) mod tests;
