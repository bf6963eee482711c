//! Every style and status glyph the view uses, in one place. Each status
//! has a glyph of its own, so nothing depends on colour alone.

use ratatui::style::{Color, Modifier, Style};

use crate::progress::{Status, Tally};

pub struct Theme {
    pub title: Style,
    pub tab: Style,
    pub tab_selected: Style,
    pub border: Style,
    pub pane_title: Style,
    /// Laid over the selected row; reversed so it shows on any palette.
    pub selected: Style,
    pub topic: Style,
    pub topic_complete: Style,
    pub count: Style,
    pub pending: Style,
    pub in_progress: Style,
    pub done: Style,
    pub skipped: Style,
    pub dim: Style,
    pub heading: Style,
    pub url: Style,
    pub key: Style,
    pub warning: Style,
    pub notice: Style,
    pub gauge_filled: Style,
    pub gauge_unfilled: Style,
    /// Words a search found, in a hit's title.
    pub found: Style,
    /// The learner's own note, and its mark on the row.
    pub note: Style,
}

pub const THEME: Theme = Theme {
    title: Style::new().add_modifier(Modifier::BOLD),
    tab: Style::new().fg(Color::Gray),
    tab_selected: Style::new()
        .fg(Color::Yellow)
        .add_modifier(Modifier::BOLD.union(Modifier::UNDERLINED)),
    border: Style::new().fg(Color::DarkGray),
    pane_title: Style::new().add_modifier(Modifier::BOLD),
    selected: Style::new().add_modifier(Modifier::REVERSED),
    topic: Style::new().add_modifier(Modifier::BOLD),
    topic_complete: Style::new().fg(Color::Green).add_modifier(Modifier::BOLD),
    count: Style::new().fg(Color::Gray),
    pending: Style::new(),
    in_progress: Style::new().fg(Color::Yellow),
    done: Style::new().fg(Color::Green),
    skipped: Style::new()
        .fg(Color::DarkGray)
        .add_modifier(Modifier::CROSSED_OUT),
    dim: Style::new().fg(Color::DarkGray),
    heading: Style::new().add_modifier(Modifier::BOLD),
    url: Style::new()
        .fg(Color::Cyan)
        .add_modifier(Modifier::UNDERLINED),
    key: Style::new().fg(Color::Cyan).add_modifier(Modifier::BOLD),
    warning: Style::new()
        .fg(Color::White)
        .bg(Color::Red)
        .add_modifier(Modifier::BOLD),
    notice: Style::new().fg(Color::Black).bg(Color::Yellow),
    gauge_filled: Style::new().fg(Color::Green),
    gauge_unfilled: Style::new().fg(Color::DarkGray),
    found: Style::new()
        .fg(Color::Yellow)
        .add_modifier(Modifier::BOLD.union(Modifier::UNDERLINED)),
    note: Style::new().fg(Color::Magenta),
};

impl Theme {
    pub fn status(&self, status: Status) -> Style {
        match status {
            Status::Pending => self.pending,
            Status::InProgress => self.in_progress,
            Status::Done => self.done,
            Status::Skipped => self.skipped,
        }
    }
}

/// The checkbox drawn before an item. Each status has its own, readable
/// without colour: `[/]` half done, `[~]` waived.
pub fn marker(status: Status) -> &'static str {
    match status {
        Status::Pending => "[ ]",
        Status::InProgress => "[/]",
        Status::Done => "[x]",
        Status::Skipped => "[~]",
    }
}

/// The checkbox drawn before a topic, org-mode style: `[-]` when some but
/// not all of its items are done.
pub fn topic_marker(tally: Tally) -> &'static str {
    if tally.is_complete() {
        "[x]"
    } else if tally.is_partial() {
        "[-]"
    } else {
        "[ ]"
    }
}

/// Marks an item with a note, and heads the note in the details.
pub const NOTE: &str = "✎";

/// Topic rows: closed and open.
pub const CLOSED: &str = "▸";
pub const OPEN: &str = "▾";
