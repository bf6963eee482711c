//! The one place the app's effects are performed, and the event loop.
//!
//! A [`Runner`] owns the [`App`] and what it must not touch itself: the
//! progress store and the catalog of roadmap files. Before each input it
//! reads what other sessions saved; after it, it performs the effects
//! [`App::update`] returned and hands their outcomes back as inputs. What
//! needs the terminal (the editor, suspending) or another program (the
//! browser) is queued for [`run`]'s loop, which owns the terminal; tests
//! take it with [`Runner::take_request`] instead.

use std::collections::VecDeque;
use std::io::{IsTerminal, Write as _};
use std::ops::Deref;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use anyhow::{Context, Result, bail};
use crossterm::event::{self, Event, KeyEvent, KeyEventKind, MouseButton, MouseEventKind};
use ratatui::Frame;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;

use crate::domain::plural;
use crate::domain::progress::Tally;
use crate::domain::roadmap::Roadmap;
use crate::domain::session::{Arrival, Arrived, NoteEdit, Session};
use crate::format::config::SyncSettings;
use crate::format::view_state::ViewState;
use crate::io::catalog::{Catalog, Entry};
use crate::io::external::{self, Draft};
use crate::io::store::{Busy, Incoming, LOCK_WAIT, Store};
use crate::io::view_file;
use crate::tui::action::Action;
use crate::tui::app::overlay::PickerRow;
use crate::tui::app::{App, Input, Places};
use crate::tui::effect::{Effect, NoteOutcome, Outcome};
use crate::tui::keymap::Keymap;
use crate::tui::layout::Target;
use crate::tui::terminal::{self, Screen, Signal, Signals};
use crate::tui::theme::Appearance;
use crate::tui::view;

/// The app, with the store and catalog its effects need.
#[derive(Debug)]
pub struct Runner {
    app: App,
    store: Store,
    catalog: Catalog,
    /// Effects only the event loop can perform, in order.
    requests: VecDeque<Effect>,
    /// Set by [`Runner::fit_to`] (tests, benchmarks): a screen drawn off
    /// screen after every input, as the event loop draws one.
    off_screen: Option<Rect>,
    /// Where the view is remembered when the app ends, if anywhere.
    view_file: Option<PathBuf>,
    /// When the app syncs with the git remote by itself.
    sync: SyncSettings,
}

impl Deref for Runner {
    type Target = App;

    fn deref(&self) -> &App {
        &self.app
    }
}

impl Runner {
    /// The app on `roadmap`, with the progress `store` holds for it.
    pub fn new(roadmap: Roadmap, mut store: Store) -> Runner {
        let progress = store.progress(&roadmap.id);
        let notices = store.take_notices();
        let places = Places {
            state: store.path().map(Path::to_path_buf),
            roadmaps: None,
        };
        let app = App::new(Session::new(roadmap, progress), notices)
            .with_read_only(store.read_only().map(str::to_owned))
            .with_places(places);
        Runner {
            app,
            store,
            catalog: Catalog::bundled(),
            requests: VecDeque::new(),
            off_screen: None,
            view_file: None,
            sync: SyncSettings::default(),
        }
    }

    /// Opens where the view file says this roadmap was left, and writes
    /// it back there at the end ([`Runner::remember_view`]).
    /// `opened_as` is how to name this roadmap next time when not by id.
    pub fn with_view_file(
        self,
        file: PathBuf,
        state: ViewState,
        opened_as: Option<String>,
    ) -> Runner {
        Runner {
            app: self.app.with_view_state(state).with_opened_as(opened_as),
            view_file: Some(file),
            ..self
        }
    }

    /// Writes where the app was left, for the next start. Best effort:
    /// the view is safe to lose, so a failure is only reported.
    pub fn remember_view(&self) -> Result<()> {
        match &self.view_file {
            // Read again: another session may have ended meanwhile.
            Some(file) => view_file::save(file, &self.app.view_state_over(view_file::load(file)))
                .context("cannot remember where you left off (the next start opens at the top)"),
            None => Ok(()),
        }
    }

    /// A notice from before the app started, shown as the store's are
    /// until dismissed.
    pub fn with_notice(mut self, notice: String) -> Runner {
        self.app = self.app.with_notice(notice);
        self
    }

    /// The roadmaps the picker can switch to (bundled only until given).
    pub fn with_catalog(self, catalog: Catalog) -> Runner {
        let dir = catalog.user_dir().map(Path::to_path_buf);
        Runner {
            app: self.app.with_roadmaps_dir(dir),
            catalog,
            ..self
        }
    }

    pub fn with_appearance(self, appearance: Appearance) -> Runner {
        Runner {
            app: self.app.with_appearance(appearance),
            ..self
        }
    }

    pub fn with_keymap(self, keymap: Keymap) -> Runner {
        Runner {
            app: self.app.with_keymap(keymap),
            ..self
        }
    }

    /// Replaces the clock that timestamps changes (tests pin it).
    pub fn with_clock(self, clock: fn() -> u64) -> Runner {
        Runner {
            app: self.app.with_clock(clock),
            ..self
        }
    }

    /// Hands `input` to the app and performs what it asks for.
    pub fn input(&mut self, input: Input) {
        let effects = self.app.update(input);
        self.perform(effects);
        if let Some(area) = self.off_screen {
            self.draw_off_screen(area);
        }
    }

    /// Carries out one action.
    pub fn update(&mut self, action: Action) {
        self.input(Input::Act(action));
    }

    /// A key press, as the event loop reads it.
    pub fn type_key(&mut self, key: KeyEvent) {
        self.input(Input::Key(key));
    }

    /// A click at column `x`, row `y` of the screen last drawn.
    pub fn click(&mut self, x: u16, y: u16) {
        let target = self.app.target_at(x, y);
        self.click_on(target);
    }

    /// A click on `target`, found before [`Runner::refresh`] moved rows.
    pub fn click_on(&mut self, target: Option<Target>) {
        self.input(Input::Click(target));
    }

    /// The mouse wheel: moves through the list under it by a few rows.
    pub fn scroll(&mut self, down: bool) {
        self.input(Input::Wheel { down });
    }

    /// A key that is bound to nothing.
    pub fn unbound_key(&mut self) {
        self.input(Input::Unbound);
    }

    /// Stops the app at the end of this input, whatever is open.
    pub fn quit(&mut self) {
        self.app.quit();
    }

    /// Without a terminal (tests, benchmarks): draws the app off screen
    /// on a screen of `area`, now and after every input, as the event
    /// loop draws a frame after every input, so pages and clicks are
    /// measured by what a screen of that size shows.
    pub fn fit_to(&mut self, area: Rect) {
        self.off_screen = Some(area);
        self.draw_off_screen(area);
    }

    /// Draws the app on `frame`, and lets it take in what was drawn.
    pub fn draw(&mut self, frame: &mut Frame) {
        let layout = view::draw(frame, &self.app);
        self.app.drew(layout);
    }

    fn draw_off_screen(&mut self, area: Rect) {
        let mut buffer = Buffer::empty(area);
        let layout = view::render(&self.app, area, &mut buffer);
        self.app.drew(layout);
    }

    /// Takes in what other sessions saved to the state file meanwhile.
    /// Cheap when nothing changed; done before every input.
    pub fn refresh(&mut self) {
        let incoming = self.store.refresh();
        let outcome = Outcome::Refreshed {
            arrived: self.arrived(incoming),
            notices: self.store.take_notices(),
        };
        self.input(Input::Done(outcome));
        self.tell_if_read_only();
    }

    /// Tells the app when the store, having read the file again, will
    /// save nothing more: from then on the red line says why and changes
    /// are refused, as they are in a session that starts so. Once: a
    /// store never turns writable again.
    fn tell_if_read_only(&mut self) {
        if let Some(outcome) = self.read_only_now() {
            self.input(Input::Done(outcome));
        }
    }

    fn read_only_now(&self) -> Option<Outcome> {
        match (self.store.read_only(), self.app.read_only()) {
            (Some(why), None) => Some(Outcome::ReadOnly(why.to_owned())),
            _ => None,
        }
    }

    /// Takes the next effect only the event loop can perform.
    pub fn take_request(&mut self) -> Option<Effect> {
        self.requests.pop_front()
    }

    /// Tries again a save that found the lock held.
    pub fn retry_save(&mut self) {
        if self.app.waiting_for_lock().is_some() {
            self.perform(vec![Effect::Save]);
        }
    }

    /// What the editor gave back for the note of item `key`, which was
    /// `was` when the edit began: saved, or if it cannot be (the store
    /// failed, or another session changed the note meanwhile), the draft
    /// is kept in a file.
    pub fn note_edited(&mut self, key: &str, was: &str, edited: Result<Draft>) {
        let outcome = match edited {
            Err(err) => NoteOutcome::EditorFailed(format!("{err:#}")),
            Ok(draft) if draft.text == was => NoteOutcome::Unchanged,
            Ok(draft) => {
                let id = self.app.roadmap().id.clone();
                let now = self.app.now();
                match self.store.commit_note(&id, key, was, &draft.text, now) {
                    Ok(incoming) => NoteOutcome::Saved {
                        key: key.to_owned(),
                        was: was.to_owned(),
                        text: draft.text,
                        arrived: self.arrived(incoming),
                        notices: self.store.take_notices(),
                    },
                    Err(err) => {
                        let incoming = self.store.refresh();
                        let kept = match draft.file.keep() {
                            Ok(path) => format!("your text is kept in {}", path.display()),
                            Err(_) => "and the text could not be kept".to_owned(),
                        };
                        NoteOutcome::NotSaved {
                            why: format!("{err:#}"),
                            kept,
                            arrived: self.arrived(incoming),
                            notices: self.store.take_notices(),
                        }
                    }
                }
            }
        };
        self.input(Input::Done(Outcome::Note(outcome)));
        self.tell_if_read_only();
    }

    /// How opening `url` went.
    pub fn link_opened(&mut self, url: &str, opened: Result<()>) {
        let outcome = Outcome::LinkOpened {
            url: url.to_owned(),
            result: opened.map_err(|err| format!("{err:#}")),
        };
        self.input(Input::Done(outcome));
    }

    /// Called on the way out: one last try at saving anything unsaved.
    /// An error says how many changes are lost, and which.
    pub fn finish(&mut self) -> Result<()> {
        if self.app.session().unsaved().is_empty() {
            return Ok(());
        }
        self.perform(vec![Effect::Save]);
        let why = match (self.app.waiting_for_lock(), self.app.save_error()) {
            (Some(lock), _) => format!(
                "another process held the lock {lock} all along; if no other roadmap was \
                 saving, another program holds it"
            ),
            (None, Some(err)) => err.to_owned(),
            (None, None) => return Ok(()),
        };
        let session = self.app.session();
        bail!(
            "{} could not be saved and {} lost ({}): {why}",
            plural::count(session.unsaved().len(), "change"),
            if session.unsaved().len() == 1 {
                "is"
            } else {
                "are"
            },
            session.lost_changes()
        )
    }

    /// Performs `effects` in order, and those their outcomes ask for.
    fn perform(&mut self, effects: Vec<Effect>) {
        let mut queue = VecDeque::from(effects);
        while let Some(effect) = queue.pop_front() {
            let outcome = match effect {
                Effect::Save => self.save(),
                Effect::ScanRoadmaps => Some(self.scan()),
                // Never read another roadmap while this one's changes are
                // not saved: the app refuses the switch for them.
                Effect::OpenRoadmap(_) if !self.app.session().unsaved().is_empty() => Some(
                    Outcome::Opened(Err("changes of this roadmap are not saved".to_owned())),
                ),
                Effect::OpenRoadmap(index) => Some(self.open(index)),
                Effect::SaveNote { edit, undone } => Some(self.save_note(edit, undone)),
                Effect::SaveGoal { target, by } => Some(self.save_goal(target, by)),
                other => {
                    self.requests.push_back(other);
                    None
                }
            };
            if let Some(outcome) = outcome {
                queue.extend(self.app.update(Input::Done(outcome)));
            }
            if let Some(outcome) = self.read_only_now() {
                queue.extend(self.app.update(Input::Done(outcome)));
            }
        }
    }

    /// Saves the unsaved changes, taking in whatever other sessions on the
    /// same file saved meanwhile. Never waits: with the lock held by
    /// another process the changes wait, and the event loop tries again.
    fn save(&mut self) -> Option<Outcome> {
        let changes = self.app.session().unsaved().clone();
        if changes.is_empty() {
            return None;
        }
        let id = self.app.roadmap().id.clone();
        Some(match self.store.commit(&id, &changes, self.app.now()) {
            Ok(incoming) => Outcome::Saved {
                saved: changes,
                arrived: self.arrived(incoming),
                notices: self.store.take_notices(),
            },
            Err(err) => {
                let busy = err
                    .downcast_ref::<Busy>()
                    .map(|busy| busy.lock.display().to_string());
                let incoming = self.store.refresh();
                Outcome::SaveFailed {
                    busy,
                    error: format!("{err:#}"),
                    arrived: self.arrived(incoming),
                    notices: self.store.take_notices(),
                }
            }
        })
    }

    /// Saves the note an undo or redo put back, if it is still `was` in
    /// the file.
    fn save_note(&mut self, edit: NoteEdit, undone: bool) -> Outcome {
        let id = self.app.roadmap().id.clone();
        let now = self.app.now();
        let (result, incoming) = match self
            .store
            .commit_note(&id, &edit.key, &edit.was, &edit.text, now)
        {
            Ok(incoming) => (Ok(()), incoming),
            // What the store read meanwhile (another session's note) shows.
            Err(err) => (Err(format!("{err:#}")), self.store.refresh()),
        };
        Outcome::Note(NoteOutcome::Replayed {
            edit,
            undone,
            result,
            arrived: self.arrived(incoming),
            notices: self.store.take_notices(),
        })
    }

    /// Saves the goal of `target`, as a status is saved.
    fn save_goal(&mut self, target: String, by: Option<i64>) -> Outcome {
        let id = self.app.roadmap().id.clone();
        let now = self.app.now();
        let (result, incoming) = match self.store.commit_goal(&id, &target, by, now) {
            Ok(incoming) => (Ok(()), incoming),
            Err(err) => (Err(format!("{err:#}")), self.store.refresh()),
        };
        Outcome::GoalSaved {
            target,
            by,
            result,
            arrived: self.arrived(incoming),
            notices: self.store.take_notices(),
        }
    }

    /// The picker's rows: the catalog read again, each roadmap with its
    /// own progress.
    fn scan(&mut self) -> Outcome {
        self.catalog = self.catalog.rescan();
        let current = self.app.roadmap();
        Outcome::Scanned(picker_rows(
            &self.catalog,
            &self.store,
            current,
            self.app.overall_tally(),
        ))
    }

    /// The catalog's roadmap at `index`, opened with its progress.
    fn open(&mut self, index: usize) -> Outcome {
        let Some(entry) = self.catalog.entries().get(index) else {
            return Outcome::Opened(Err("That roadmap is no longer listed".to_owned()));
        };
        Outcome::Opened(match self.catalog.open_entry(entry) {
            Ok(roadmap) => {
                let progress = self.store.progress(&roadmap.id);
                Ok(Box::new(Session::new(roadmap, progress)))
            }
            Err(why) => Err(format!("Cannot open {}: {why}", entry.id)),
        })
    }

    /// What the store read, for the roadmap on screen.
    fn arrived(&self, incoming: Incoming) -> Arrived {
        let id = &self.app.roadmap().id;
        match incoming {
            Incoming::Nothing => Arrived::Nothing,
            Incoming::Changes(records) => Arrived::Changes(
                records
                    .into_iter()
                    .filter(|record| record.roadmap == *id)
                    .map(|record| Arrival {
                        entry: record.entry().flatten(),
                        goal: record.goal_day(),
                        item: record.item,
                        note: record.note,
                    })
                    .collect(),
            ),
            Incoming::Reloaded => Arrived::Whole(self.store.progress(id)),
        }
    }
}

/// Every roadmap of `catalog`, with the progress `store` holds for it;
/// `current` (on screen, counted already as `current_tally`) is marked,
/// and listed first when it was opened from outside the catalog.
fn picker_rows(
    catalog: &Catalog,
    store: &Store,
    current: &Roadmap,
    current_tally: Tally,
) -> Vec<PickerRow> {
    let mut rows: Vec<PickerRow> = catalog
        .entries()
        .iter()
        .enumerate()
        .map(|(index, entry)| {
            if entry.id == current.id {
                return PickerRow {
                    id: entry.id.clone(),
                    title: current.title.clone(),
                    origin: entry.origin(),
                    tally: Some(current_tally),
                    problem: None,
                    current: true,
                    entry: Some(index),
                };
            }
            picker_row(catalog, store, index, entry)
        })
        .collect();
    if !rows.iter().any(|row| row.current) {
        rows.insert(
            0,
            PickerRow {
                id: current.id.clone(),
                title: current.title.clone(),
                origin: "opened by path".to_owned(),
                tally: Some(current_tally),
                problem: None,
                current: true,
                entry: None,
            },
        );
    }
    rows
}

/// A catalog entry that is not on screen: loaded to count its progress.
fn picker_row(catalog: &Catalog, store: &Store, index: usize, entry: &Entry) -> PickerRow {
    let mut row = PickerRow {
        id: entry.id.clone(),
        title: entry.id.clone(),
        origin: entry.origin(),
        tally: None,
        problem: None,
        current: false,
        entry: Some(index),
    };
    match catalog.open_entry(entry) {
        Ok(roadmap) => {
            row.tally = Some(store.progress(&roadmap.id).tally(roadmap.items()));
            row.title = roadmap.title;
        }
        Err(why) => row.problem = Some(why),
    }
    row
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
pub fn run(mut runner: Runner, mouse: bool) -> Result<Exit> {
    if !std::io::stdin().is_terminal() || !std::io::stdout().is_terminal() {
        bail!(
            "roadmap is interactive and needs a terminal, but standard input or output is \
             not one; run it from a terminal"
        );
    }
    // On the plain terminal, where ssh can ask for a passphrase, and
    // before the first frame, so it shows what other machines did.
    if runner.sync_settings().on_start {
        runner.sync_now();
    }
    // Before the terminal is taken: a signal from then on gives it back.
    let signals = Signals::install().context("cannot set up signal handling")?;
    let mut screen = terminal::start(mouse).context("cannot set up the terminal")?;
    // crossterm's reader is made at its first use, and only from then on
    // does a signal's SIGWINCH wake it: made now, before the first frame,
    // a signal that comes before the first key cannot be slept through.
    let _ = event::poll(Duration::ZERO);
    let result = match (
        event_loop(&mut runner, &mut screen, mouse, &signals),
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
    wait_for_lock(&mut runner, &signals);
    let finished = runner.finish();
    if let Err(err) = runner.remember_view() {
        // Never `eprintln!`: after a hangup standard error may be gone.
        let _ = writeln!(std::io::stderr(), "roadmap: warning: {err:#}");
    }
    let exit = result?;
    if exit == Exit::Quit {
        // After a signal (a hangup) there may be no terminal left to give
        // back: giving it back was only ever best effort then.
        restored?;
        // Only once everything is saved: a sync sends what is on disk.
        if finished.is_ok() {
            runner.sync_on_quit(&|| signals.ending().is_some());
        }
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
fn wait_for_lock(runner: &mut Runner, signals: &Signals) {
    let deadline = Instant::now() + LOCK_WAIT;
    let mut told = false;
    // The signal that ended the loop, if one did, is in the exit status.
    signals.forget_end();
    while let Some(lock) = runner.waiting_for_lock() {
        if Instant::now() >= deadline || matches!(signals.take(), Some(Signal::End(_))) {
            return;
        }
        if !told {
            // Never `eprintln!`: after a hangup standard error may be gone.
            let _ = writeln!(
                std::io::stderr(),
                "roadmap: waiting up to {} s for {lock}, locked by another process, to save \
                 {}… (Ctrl-C gives up)",
                LOCK_WAIT.as_secs(),
                if runner.session().unsaved().len() == 1 {
                    "your last change"
                } else {
                    "your last changes"
                }
            );
            told = true;
        }
        std::thread::sleep(LOCK_RETRY / 4);
        runner.retry_save();
    }
}

/// Blocks on input between frames, so an idle app uses no CPU; wakes for
/// a signal at once, and on a timer only while a save waits for the lock.
fn event_loop(
    runner: &mut Runner,
    screen: &mut Screen,
    mouse: bool,
    signals: &Signals,
) -> Result<Exit> {
    while runner.is_running() {
        match signals.take() {
            Some(Signal::End(number)) => return Ok(Exit::Signal(number)),
            Some(Signal::Stop) => terminal::suspend(screen, mouse, signals)?,
            Some(Signal::Continued) => terminal::take_back(screen, mouse)?,
            None => {}
        }
        screen.draw(|frame| runner.draw(frame))?;
        #[cfg(debug_assertions)]
        if std::env::var_os("ROADMAP_TEST_PANIC").is_some() {
            panic!("ROADMAP_TEST_PANIC is set: a panic for the tests, after the first frame");
        }
        // Mouse motion and key releases change nothing: no redraw for them.
        let event = loop {
            let retry = runner.waiting_for_lock().map(|_| LOCK_RETRY);
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
            runner.retry_save();
            continue;
        };
        // A signal's handler wakes the read with a resize: the signal is
        // seen to at the top of the loop.
        if matches!(event, Event::Resize(..)) && signals.pending() {
            continue;
        }
        let input = match event {
            Event::Key(key) => Input::Key(key),
            Event::Mouse(click) => match click.kind {
                // What was under the click before other sessions' changes
                // move rows.
                MouseEventKind::Down(MouseButton::Left) => {
                    Input::Click(runner.target_at(click.column, click.row))
                }
                MouseEventKind::ScrollDown => Input::Wheel { down: true },
                MouseEventKind::ScrollUp => Input::Wheel { down: false },
                _ => continue,
            },
            // A resize: drawn again at the top of the loop, with what
            // other sessions saved meanwhile, as after any input.
            _ => {
                runner.refresh();
                continue;
            }
        };
        runner.refresh();
        runner.input(input);
        while let Some(request) = runner.take_request() {
            match request {
                Effect::Suspend => terminal::suspend(screen, mouse, signals)?,
                Effect::EditNote { key, title, note } => {
                    let edited = terminal::handed_over(screen, mouse, signals, || {
                        external::edit(&note, &title, |editor| {
                            terminal::run_in_foreground(editor, signals)
                        })
                    })?;
                    runner.note_edited(&key, &note, edited);
                }
                Effect::OpenLink(url) => {
                    let opened = external::open_url(&url);
                    runner.link_opened(&url, opened);
                }
                Effect::Sync => {
                    let synced = match runner.sync_place() {
                        Ok(place) => terminal::lent_in_place(screen, mouse, signals, || {
                            runner.sync_with_git(&place, &|| signals.ending().is_some())
                        })?,
                        Err(why) => Err(why),
                    };
                    runner.synced(synced);
                }
                Effect::Save
                | Effect::ScanRoadmaps
                | Effect::OpenRoadmap(_)
                | Effect::SaveNote { .. }
                | Effect::SaveGoal { .. } => {}
            }
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

mod syncing;
#[cfg(test)]
mod tests;
