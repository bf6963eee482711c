//! Everything a user can ask of the app, named by intent rather than by
//! key. Keys map to these in [`crate::tui::keymap`]; [`crate::tui::app::App::update`]
//! carries them out. Each has a name for the settings file, written out
//! here ([`Action::name`]) so renaming a variant cannot break a user's
//! `keys:` settings.

/// One user intent.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Action {
    /// Leave the app.
    Quit,
    /// Close what is open (the help, a prompt, notices); with nothing
    /// open, leave the app.
    Back,
    /// Select the row above.
    Up,
    /// Select the row below.
    Down,
    /// Move the selection up by a screenful.
    PageUp,
    /// Move the selection down by a screenful.
    PageDown,
    /// Select the first row.
    First,
    /// Select the last row.
    Last,
    /// Open the selected topic, or close it if it is open.
    Toggle,
    /// Open the selected topic; on an open topic, step to its first item.
    Expand,
    /// Close the selected topic; on an item, step to its topic.
    Collapse,
    /// Tick the selected item done, or back to pending. On a topic: tick
    /// every item, or clear them all when all are done.
    ToggleDone,
    /// Mark the selected item in progress, or back to pending. On a
    /// topic: every item, or clear them all when all are in progress.
    ToggleInProgress,
    /// Mark the selected item skipped, or back to pending. On a topic:
    /// every item, or clear them all when all are skipped.
    ToggleSkipped,
    /// Take back the last change (a whole topic at once, if that is what
    /// it was).
    Undo,
    /// Do again the change last undone.
    Redo,
    /// Ask to clear every status in the shown level.
    ResetLevel,
    /// Say yes to the question on screen.
    Confirm,
    /// Show the next level's tab (wrapping around).
    NextLevel,
    /// Show the previous level's tab (wrapping around).
    PrevLevel,
    /// Show the level at this 0-based position, if there is one.
    Level(usize),
    /// Show or hide the list of every key.
    Help,
    /// Open the roadmap picker, to switch to another roadmap.
    PickRoadmap,
    /// Open the search prompt: typing finds topics and items in every level.
    Search,
    /// Jump to the next hit of the last search.
    NextMatch,
    /// Jump to the previous hit of the last search.
    PrevMatch,
    /// Hide done and skipped items (and topics left empty), or show them
    /// again.
    ToggleFilter,
    /// Close every topic of the shown level.
    CloseAll,
    /// Open every topic of the shown level.
    OpenAll,
    /// Write or change the selected item's note in the user's editor.
    EditNote,
    /// Open the selected item's or topic's link in the browser (asking
    /// which, when it has several).
    OpenLink,
    /// Show or hide the progress view: bars per level and topic, streaks,
    /// and the heatmap of days items were completed.
    ProgressView,
    /// Show or hide every item in progress, in every level, to jump back
    /// to one.
    Continue,
    /// Scroll the details pane a line down.
    DetailsDown,
    /// Scroll the details pane a line up.
    DetailsUp,
    /// Show the selected topic or item in full (all its text, note and
    /// links), over the whole screen.
    ReadItem,
    /// Set or change a goal: a date to be done by, for the shown level
    /// (for the whole roadmap from the progress view).
    SetGoal,
    /// Sync progress with the git remote (`roadmap sync`), the terminal
    /// handed over to git meanwhile so ssh can ask for a passphrase.
    Sync,
    /// Give the terminal back to the shell and stop, as `Ctrl-Z` does in
    /// any full-screen program; `fg` brings the app back, redrawn.
    Suspend,
}

impl Action {
    /// The name of an action in the settings file: `toggle-done`,
    /// `level-3`. Part of the settings' format: never change one.
    pub fn name(self) -> &'static str {
        const LEVELS: [&str; 9] = [
            "level-1", "level-2", "level-3", "level-4", "level-5", "level-6", "level-7", "level-8",
            "level-9",
        ];
        match self {
            Action::Quit => "quit",
            Action::Back => "back",
            Action::Up => "up",
            Action::Down => "down",
            Action::PageUp => "page-up",
            Action::PageDown => "page-down",
            Action::First => "first",
            Action::Last => "last",
            Action::Toggle => "toggle",
            Action::Expand => "expand",
            Action::Collapse => "collapse",
            Action::ToggleDone => "toggle-done",
            Action::ToggleInProgress => "toggle-in-progress",
            Action::ToggleSkipped => "toggle-skipped",
            Action::Undo => "undo",
            Action::Redo => "redo",
            Action::ResetLevel => "reset-level",
            Action::Confirm => "confirm",
            Action::NextLevel => "next-level",
            Action::PrevLevel => "prev-level",
            Action::Level(index) => LEVELS.get(index).copied().unwrap_or("level"),
            Action::Help => "help",
            Action::PickRoadmap => "pick-roadmap",
            Action::Search => "search",
            Action::NextMatch => "next-match",
            Action::PrevMatch => "prev-match",
            Action::ToggleFilter => "toggle-filter",
            Action::CloseAll => "close-all",
            Action::OpenAll => "open-all",
            Action::EditNote => "edit-note",
            Action::OpenLink => "open-link",
            Action::ProgressView => "progress-view",
            Action::Suspend => "suspend",
            Action::Sync => "sync",
            Action::SetGoal => "set-goal",
            Action::Continue => "continue",
            Action::DetailsDown => "details-down",
            Action::DetailsUp => "details-up",
            Action::ReadItem => "read-item",
        }
    }
}
