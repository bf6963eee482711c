//! The `?` overlay: every key binding, read from the keymap table, and the
//! rules a user needs to trust the numbers (how percent is counted, where
//! progress is saved). Sized to the screen: as wide as its longest line
//! where that fits, else as wide as the screen, its text wrapped (a key's
//! text under its own column), and scrolled when taller than the screen.
//! Reads the app only; returns how much it showed, for the app to scroll by.

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph, Widget};
use unicode_width::UnicodeWidthStr;

use super::{truncate, wrap};
use crate::domain::safe_text::clean_line;
use crate::tui::action::Action;
use crate::tui::app::overlay::HelpView;
use crate::tui::app::{App, UNDO_STEPS};
use crate::tui::keymap;
use crate::tui::layout::Viewport;
use crate::tui::theme::styles;

/// How percentages are counted; also stated in the README.
pub const PERCENT_RULE: &str = "Percent = done items ÷ all items, rounded down. Skipped items stay \
                                in the total, so 100% means every item is done.";

/// The box is never wider than this, however wide the screen: longer
/// lines are hard to follow.
const MAX_WIDTH: u16 = 100;

/// One part of the help, before it is wrapped to the box.
enum Entry {
    /// Keys and what they do, the keys in a column `keys` wide.
    Keys {
        keys: String,
        column: usize,
        help: &'static str,
    },
    /// A paragraph, indented by `indent` columns on every line.
    Text {
        text: String,
        indent: usize,
        style: Style,
    },
    Blank,
}

impl Entry {
    fn text(text: impl Into<String>) -> Entry {
        Entry::Text {
            text: text.into(),
            indent: 1,
            style: Style::new(),
        }
    }

    /// A file's path, under the line that says what it is.
    fn path(path: &std::path::Path) -> Entry {
        Entry::Text {
            text: clean_line(&path.display().to_string()),
            indent: 3,
            style: styles().dim,
        }
    }

    /// Columns it takes on one line, unwrapped.
    fn width(&self) -> usize {
        match self {
            Entry::Keys { column, help, .. } => 1 + column + help.width(),
            Entry::Text { text, indent, .. } => indent + text.width(),
            Entry::Blank => 0,
        }
    }

    /// Its lines in a box `width` columns wide inside.
    fn lines(self, width: usize) -> Vec<Line<'static>> {
        match self {
            Entry::Keys { keys, column, help } => {
                // Too narrow for the text beside its keys: it goes under them.
                let beside = width.saturating_sub(1 + column) >= 12;
                let (indent, keys) = if beside {
                    (1 + column, format!(" {keys:<column$}"))
                } else {
                    (3, format!(" {keys}"))
                };
                let mut text = wrap(help, width.saturating_sub(indent)).into_iter();
                let first = if beside { text.next() } else { None };
                let mut lines = vec![Line::from(vec![
                    Span::styled(truncate(&keys, width).into_owned(), styles().key),
                    Span::raw(first.unwrap_or_default()),
                ])];
                let pad = " ".repeat(indent);
                lines.extend(text.map(|line| Line::raw(format!("{pad}{line}"))));
                lines
            }
            Entry::Text {
                text,
                indent,
                style,
            } => {
                let pad = " ".repeat(indent);
                wrap(&text, width.saturating_sub(indent))
                    .into_iter()
                    .map(|line| Line::styled(format!("{pad}{line}"), style))
                    .collect()
            }
            Entry::Blank => vec![Line::default()],
        }
    }
}

/// One key table as help entries, the keys in a column as wide as the
/// widest of them. With `ascii`, arrows are spelled out: `v` and `^`
/// would read as keys.
fn key_entries(rows: Vec<(String, &'static str)>, ascii: bool) -> Vec<Entry> {
    let rows: Vec<(String, &'static str)> = rows
        .into_iter()
        .map(|(keys, help)| (if ascii { spelled(&keys) } else { keys }, help))
        .collect();
    let column = rows.iter().map(|(keys, _)| keys.width()).max().unwrap_or(0) + 2;
    rows.into_iter()
        .map(|(keys, help)| Entry::Keys { keys, column, help })
        .collect()
}

/// `j ↓` as `j Down`, for terminals without arrow glyphs.
fn spelled(keys: &str) -> String {
    keys.replace('↓', "Down")
        .replace('↑', "Up")
        .replace('←', "Left")
        .replace('→', "Right")
}

fn entries(app: &App) -> Vec<Entry> {
    let ascii = app.appearance().ascii;
    let key = |action| {
        app.keymap()
            .first_key(action)
            .map(|key| key.label())
            .map(|label| if ascii { spelled(&label) } else { label })
    };
    let mut entries = key_entries(app.keymap().help_rows(), ascii);
    entries.push(Entry::Blank);
    entries.push(Entry::text("In the search prompt (/), other keys type:"));
    entries.extend(key_entries(keymap::search_help_rows(), ascii));
    entries.push(Entry::Blank);
    entries.push(Entry::text(PERCENT_RULE));
    entries.push(Entry::Blank);
    entries.push(Entry::text(
        "[ ] pending  [/] in progress  [x] done  [~] skipped",
    ));
    entries.push(Entry::text(
        "A topic shows [-] when some of its items are done.",
    ));
    let edit = key(Action::EditNote)
        .map(|key| format!(" ({key} edits it)"))
        .unwrap_or_default();
    entries.push(Entry::text(format!(
        "✎ after a title: the item has a note{edit}."
    )));
    match (key(Action::Undo), key(Action::Redo)) {
        (Some(undo), Some(redo)) => entries.push(Entry::text(format!(
            "{undo} undoes a change (up to {UNDO_STEPS}), {redo} redoes it."
        ))),
        (Some(undo), None) => entries.push(Entry::text(format!(
            "{undo} undoes a change (up to {UNDO_STEPS})."
        ))),
        _ => {}
    }
    if app.appearance().mouse {
        entries.push(Entry::text(
            "Mouse: click selects, a checkbox ticks, a tab switches, the wheel moves.",
        ));
    }
    entries.push(Entry::Blank);
    match app.store_path() {
        Some(path) => {
            entries.push(Entry::text("Progress is saved on every change, to"));
            entries.push(Entry::path(path));
        }
        None => entries.push(Entry::text("Progress is kept in memory only.")),
    }
    if let Some(dir) = app.user_roadmaps_dir() {
        entries.push(Entry::text(
            "Your own roadmaps (p lists them) are read from",
        ));
        entries.push(Entry::path(dir));
    }
    let orphans = app.orphans();
    if !orphans.is_empty() {
        entries.push(Entry::Blank);
        let count = crate::domain::plural::count(orphans.len(), "item");
        entries.push(Entry::text(format!(
            "Kept progress of {count} not in this roadmap (they come back if the items do):"
        )));
        entries.extend(orphans.iter().map(|key| Entry::Text {
            text: clean_line(key),
            indent: 3,
            style: styles().dim,
        }));
    }
    entries
}

/// The overlay's width on `screen` for entries whose longest line is
/// `widest` columns: all of it when it fits, else the screen's, with a
/// margin of two columns each side where there is room for one.
fn box_width(screen: Rect, widest: usize) -> u16 {
    let margin = if screen.width >= 40 { 4 } else { 0 };
    let wanted = u16::try_from(widest + 3).unwrap_or(u16::MAX);
    wanted
        .min(MAX_WIDTH)
        .min(screen.width.saturating_sub(margin))
}

/// Draws the help over `screen`; returns the rows of text it shows and
/// how far it can scroll (0 when it all fits).
pub fn render(app: &App, view: HelpView, screen: Rect, buf: &mut Buffer) -> Viewport {
    let entries = entries(app);
    // The key tables set the width; the paragraphs wrap to it.
    let widest = entries
        .iter()
        .filter(|entry| matches!(entry, Entry::Keys { .. }))
        .map(Entry::width)
        .max()
        .unwrap_or(0);
    let width = box_width(screen, widest);
    // A column of margin on the right, as on the left.
    let inner = usize::from(width.saturating_sub(3));
    let lines: Vec<Line> = entries
        .into_iter()
        .flat_map(|entry| entry.lines(inner))
        .collect();
    let wanted = u16::try_from(lines.len())
        .unwrap_or(u16::MAX)
        .saturating_add(2);
    let height = screen.height.saturating_sub(2).min(wanted);
    let area = screen.centered(Constraint::Length(width), Constraint::Length(height));
    let rows = usize::from(area.height.saturating_sub(2));
    let viewport = Viewport {
        page: rows.max(1),
        max_scroll: lines.len().saturating_sub(rows),
    };
    let scroll = view.scroll.min(viewport.max_scroll);
    let hint = super::scroll_hint(scroll, viewport, "Esc/?");
    let room = usize::from(width.saturating_sub(2));
    Clear.render(area, buf);
    let block = Block::bordered()
        .border_style(styles().key)
        .title(Span::styled(" Keys ", styles().pane_title))
        .title_bottom(
            Line::styled(truncate(&hint, room).into_owned(), styles().dim).right_aligned(),
        );
    let total = lines.len();
    Paragraph::new(lines)
        .block(block)
        .scroll((u16::try_from(scroll).unwrap_or(u16::MAX), 0))
        .render(area, buf);
    super::render_scrollbar(area, total, scroll, buf);
    viewport
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text_of(lines: &[Line]) -> Vec<String> {
        lines.iter().map(|line| line.to_string()).collect()
    }

    #[test]
    fn a_keys_text_wraps_under_its_own_column() {
        let entry = Entry::Keys {
            keys: "Space".to_owned(),
            column: 7,
            help: "Tick done / untick (topic: all its items)",
        };
        assert_eq!(
            text_of(&entry.lines(30)),
            [
                " Space  Tick done / untick",
                "        (topic: all its items)"
            ]
        );
    }

    #[test]
    fn too_narrow_for_text_beside_the_keys_it_goes_under_them() {
        let entry = Entry::Keys {
            keys: "Down Tab Ctrl-N".to_owned(),
            column: 17,
            help: "Next match",
        };
        assert_eq!(
            text_of(&entry.lines(24)),
            [" Down Tab Ctrl-N", "   Next match"]
        );
    }

    #[test]
    fn arrows_are_spelled_out_for_ascii() {
        assert_eq!(spelled("j ↓"), "j Down");
        assert_eq!(spelled("h ←"), "h Left");
    }

    #[test]
    fn the_box_fits_its_longest_line_or_the_screen() {
        assert_eq!(box_width(Rect::new(0, 0, 140, 40), 80), 83);
        assert_eq!(box_width(Rect::new(0, 0, 50, 15), 80), 46);
        assert_eq!(box_width(Rect::new(0, 0, 300, 40), 200), MAX_WIDTH);
        assert_eq!(box_width(Rect::new(0, 0, 20, 10), 80), 20);
    }
}
