//! What the app asks the world to do ([`Effect`]), and what it hears back
//! ([`Outcome`]). The app's `update` only returns effects; the runner
//! ([`crate::tui::runner`]) performs them and hands the outcome back as
//! another input, so `update` is tested with no file and no terminal.

use crate::domain::session::{Arrived, Session};
use crate::tui::app::overlay::PickerRow;

/// Something only the runner can do.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Effect {
    /// Save the session's unsaved changes.
    Save,
    /// Read the roadmaps folder again and count each roadmap's progress,
    /// for the picker.
    ScanRoadmaps,
    /// Open the catalog's roadmap at this index, with its progress.
    OpenRoadmap(usize),
    /// Edit the note of item `key` (titled `title`), now `note`, in the
    /// user's editor: the terminal is handed over meanwhile.
    EditNote {
        key: String,
        title: String,
        note: String,
    },
    /// Save a note an undo or redo put back, if the note is still what
    /// it replaced (`was`): another session's edit is never overwritten.
    SaveNote {
        edit: crate::domain::session::NoteEdit,
        /// Put back by an undo; else by a redo.
        undone: bool,
    },
    /// Save the goal of `target` (`""`: the roadmap, else a level's id):
    /// `by`, a day (`None`: no goal).
    SaveGoal { target: String, by: Option<i64> },
    /// Open this link in the browser.
    OpenLink(String),
    /// Give the terminal back to the shell and stop until `fg`.
    Suspend,
    /// Sync progress with the git remote, the terminal handed over to git
    /// meanwhile (as for the editor), then read what came in.
    Sync,
}

/// What came of an effect, or arrived from outside meanwhile.
#[derive(Debug)]
pub enum Outcome {
    /// What other sessions saved, read before an input is handled, with
    /// the store's notices.
    Refreshed {
        arrived: Arrived,
        notices: Vec<String>,
    },
    /// The unsaved changes as of the save are on disk.
    Saved {
        saved: crate::domain::progress::Changes,
        arrived: Arrived,
        notices: Vec<String>,
    },
    /// The save failed: `busy` names the lock another process holds (the
    /// save is retried), else `error` says why. What others saved meanwhile
    /// still shows.
    SaveFailed {
        busy: Option<String>,
        error: String,
        arrived: Arrived,
        notices: Vec<String>,
    },
    /// The store will save nothing more this session, and says why: the
    /// state file turned out to be one it must not write (a newer
    /// roadmap's, say), read afresh after the app started.
    ReadOnly(String),
    /// The picker's rows, freshly counted.
    Scanned(Vec<PickerRow>),
    /// The roadmap picked, opened (boxed: a session is large), or why not.
    Opened(Result<Box<Session>, String>),
    /// How a note edit ended.
    Note(NoteOutcome),
    /// The goal asked for (`SaveGoal`) is saved, or why not.
    GoalSaved {
        target: String,
        by: Option<i64>,
        result: Result<(), String>,
        arrived: Arrived,
        notices: Vec<String>,
    },
    /// How a sync went: what moved, in a line, or why it failed; and
    /// what the store read afterwards.
    Synced {
        result: Result<String, String>,
        arrived: Arrived,
        notices: Vec<String>,
    },
    /// How opening `url` went.
    LinkOpened {
        url: String,
        result: Result<(), String>,
    },
}

/// How a note edit ended.
#[derive(Debug)]
pub enum NoteOutcome {
    /// The editor could not be run, or failed.
    EditorFailed(String),
    /// The text came back as it was.
    Unchanged,
    /// Saved: item `key`'s note is now `text` (empty: removed), from `was`.
    Saved {
        key: String,
        was: String,
        text: String,
        arrived: Arrived,
        notices: Vec<String>,
    },
    /// The note an undo or redo put back (`edit`) is saved, or why not
    /// (then it is as it was, and the step can be tried again).
    Replayed {
        edit: crate::domain::session::NoteEdit,
        undone: bool,
        result: Result<(), String>,
        arrived: Arrived,
        notices: Vec<String>,
    },
    /// Not saved (`why`); `kept` says where the text is.
    NotSaved {
        why: String,
        kept: String,
        arrived: Arrived,
        notices: Vec<String>,
    },
}
