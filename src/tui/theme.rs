//! Every style and status glyph the view uses, in one place: the built-in
//! themes (default, dark, light, mono) and the glyphs. Each status has a
//! glyph of its own, so nothing depends on colour alone.

use std::cell::Cell;

use ratatui::style::{Color, Modifier, Style};

use crate::format::config::ThemeName;

use crate::domain::progress::{Status, Tally};

#[derive(Debug, PartialEq, Eq)]
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
    /// The heatmap's shades, none to most.
    pub heat: [Style; 5],
    /// Words a search found, in a hit's title.
    pub found: Style,
    /// The learner's own note, and its mark on the row.
    pub note: Style,
}

/// For dark and light terminals alike: the terminal's own text colour,
/// with accents that read on either.
pub const DEFAULT: Theme = Theme {
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
    heat: [
        Style::new().fg(Color::DarkGray),
        Style::new().fg(Color::Green),
        Style::new().fg(Color::Green),
        Style::new().fg(Color::LightGreen),
        Style::new().fg(Color::LightGreen),
    ],
};

/// Brighter accents for dark backgrounds.
pub const DARK: Theme = Theme {
    tab: Style::new().fg(Color::White),
    tab_selected: Style::new()
        .fg(Color::LightYellow)
        .add_modifier(Modifier::BOLD.union(Modifier::UNDERLINED)),
    border: Style::new().fg(Color::Gray),
    topic_complete: Style::new()
        .fg(Color::LightGreen)
        .add_modifier(Modifier::BOLD),
    count: Style::new().fg(Color::White),
    in_progress: Style::new().fg(Color::LightYellow),
    done: Style::new().fg(Color::LightGreen),
    skipped: Style::new()
        .fg(Color::Gray)
        .add_modifier(Modifier::CROSSED_OUT),
    dim: Style::new().fg(Color::Gray),
    url: Style::new()
        .fg(Color::LightCyan)
        .add_modifier(Modifier::UNDERLINED),
    key: Style::new()
        .fg(Color::LightCyan)
        .add_modifier(Modifier::BOLD),
    gauge_filled: Style::new().fg(Color::LightGreen),
    gauge_unfilled: Style::new().fg(Color::Gray),
    note: Style::new().fg(Color::LightMagenta),
    ..DEFAULT
};

/// Darker accents for light backgrounds: no yellow or grey text, which
/// fades into white.
pub const LIGHT: Theme = Theme {
    tab: Style::new().fg(Color::Black),
    tab_selected: Style::new()
        .fg(Color::Blue)
        .add_modifier(Modifier::BOLD.union(Modifier::UNDERLINED)),
    border: Style::new().fg(Color::Black),
    count: Style::new().fg(Color::Black),
    in_progress: Style::new().fg(Color::Blue),
    done: Style::new().fg(Color::Green),
    skipped: Style::new()
        .fg(Color::DarkGray)
        .add_modifier(Modifier::CROSSED_OUT),
    dim: Style::new().fg(Color::DarkGray),
    url: Style::new()
        .fg(Color::Blue)
        .add_modifier(Modifier::UNDERLINED),
    key: Style::new().fg(Color::Blue).add_modifier(Modifier::BOLD),
    found: Style::new()
        .fg(Color::Magenta)
        .add_modifier(Modifier::BOLD.union(Modifier::UNDERLINED)),
    notice: Style::new().fg(Color::Black).bg(Color::LightYellow),
    heat: [
        Style::new().fg(Color::Gray),
        Style::new().fg(Color::Green),
        Style::new().fg(Color::Green),
        Style::new().fg(Color::Green),
        Style::new().fg(Color::Green),
    ],
    ..DEFAULT
};

/// No colour at all (`NO_COLOR`, `--no-color`, `theme: mono`): the
/// selection is reversed, headings bold, and each status has its glyph.
pub const MONO: Theme = Theme {
    title: Style::new().add_modifier(Modifier::BOLD),
    tab: Style::new(),
    tab_selected: Style::new().add_modifier(Modifier::BOLD.union(Modifier::UNDERLINED)),
    border: Style::new(),
    pane_title: Style::new().add_modifier(Modifier::BOLD),
    selected: Style::new().add_modifier(Modifier::REVERSED),
    topic: Style::new().add_modifier(Modifier::BOLD),
    topic_complete: Style::new().add_modifier(Modifier::BOLD),
    count: Style::new(),
    pending: Style::new(),
    in_progress: Style::new().add_modifier(Modifier::BOLD),
    done: Style::new(),
    skipped: Style::new().add_modifier(Modifier::CROSSED_OUT),
    dim: Style::new(),
    heading: Style::new().add_modifier(Modifier::BOLD),
    url: Style::new().add_modifier(Modifier::UNDERLINED),
    key: Style::new().add_modifier(Modifier::BOLD),
    warning: Style::new().add_modifier(Modifier::REVERSED.union(Modifier::BOLD)),
    notice: Style::new().add_modifier(Modifier::REVERSED),
    gauge_filled: Style::new(),
    gauge_unfilled: Style::new(),
    found: Style::new().add_modifier(Modifier::BOLD.union(Modifier::UNDERLINED)),
    note: Style::new().add_modifier(Modifier::ITALIC),
    heat: [Style::new(); 5],
};

impl Theme {
    /// The built-in theme called `name`.
    pub fn named(name: ThemeName) -> &'static Theme {
        match name {
            ThemeName::Default => &DEFAULT,
            ThemeName::Dark => &DARK,
            ThemeName::Light => &LIGHT,
            ThemeName::Mono => &MONO,
        }
    }
}

thread_local! {
    /// The theme of the frame being drawn: set from the app as drawing
    /// starts, so every pane reads the same one without passing it down.
    static CURRENT: Cell<&'static Theme> = const { Cell::new(&DEFAULT) };
}

/// The styles of the frame being drawn.
pub fn styles() -> &'static Theme {
    CURRENT.with(Cell::get)
}

/// Makes `theme` the one [`styles`] gives on this thread.
pub fn set_current(theme: &'static Theme) {
    CURRENT.with(|current| current.set(theme));
}

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

/// The checkbox drawn before an item ([`Status::marker`], which
/// `roadmap next` prints too).
pub fn marker(status: Status) -> &'static str {
    status.marker()
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

/// How the screen looks: the theme, what the terminal can show, and
/// whether it sends the mouse.
#[derive(Debug, Clone, Copy)]
pub struct Appearance {
    pub theme: &'static Theme,
    /// Colours may be used (`NO_COLOR` and `--no-color` say no).
    pub color: bool,
    /// Only ASCII glyphs (`--ascii`), for terminals and fonts without
    /// box drawing and symbols.
    pub ascii: bool,
    /// The mouse is captured (the help explains it only then).
    pub mouse: bool,
}

impl Default for Appearance {
    fn default() -> Appearance {
        Appearance {
            theme: &DEFAULT,
            color: true,
            ascii: false,
            mouse: true,
        }
    }
}

impl Appearance {
    /// `theme`, or no colour at all when `color` is false.
    pub fn new(theme: ThemeName, color: bool, ascii: bool) -> Appearance {
        Appearance {
            theme: if color { Theme::named(theme) } else { &MONO },
            color,
            ascii,
            mouse: true,
        }
    }

    /// The same, with the mouse captured or left to the terminal.
    pub fn with_mouse(self, mouse: bool) -> Appearance {
        Appearance { mouse, ..self }
    }
}

/// Whether the `NO_COLOR` convention asks for no colour: set and not empty.
pub fn no_color_requested(value: Option<&std::ffi::OsStr>) -> bool {
    value.is_some_and(|value| !value.is_empty())
}
