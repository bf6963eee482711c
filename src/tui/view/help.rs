//! The `?` overlay: every key binding, read from the keymap table, and the
//! rules a user needs to trust the numbers (how percent is counted, where
//! progress is saved).
//! Reads the app only; returns how much it showed, for the app to scroll by.

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph, Widget};
use unicode_width::UnicodeWidthStr;

use crate::domain::safe_text::clean_line;
use crate::tui::app::App;
use crate::tui::app::overlay::HelpView;
use crate::tui::keymap;
use crate::tui::layout::Viewport;
use crate::tui::theme::styles;

/// How percentages are counted; also stated in the README. Short lines,
/// so the rule reads whole on a 60-column terminal.
pub const PERCENT_RULE: [&str; 3] = [
    "Percent = done items ÷ all items, rounded down.",
    "Skipped items stay in the total, so 100% means",
    "every item is done.",
];

/// What each checkbox means; the glyphs differ, so no colour is needed.
const MARKERS: [&str; 5] = [
    "[ ] pending  [/] in progress  [x] done  [~] skipped",
    "A topic shows [-] when some of its items are done.",
    "✎ after a title: the item has a note (e edits it).",
    "u undoes a change (up to 1000), Ctrl-R redoes it.",
    "Mouse: click selects, a checkbox ticks, a tab switches.",
];

/// One key table as help rows, the keys in a column as wide as the
/// widest of them.
fn key_rows(rows: Vec<(String, &'static str)>) -> Vec<Line<'static>> {
    let key_width = rows.iter().map(|(keys, _)| keys.width()).max().unwrap_or(0) + 2;
    rows.into_iter()
        .map(|(keys, help)| {
            Line::from(vec![
                Span::styled(format!(" {keys:<key_width$}"), styles().key),
                Span::raw(help),
            ])
        })
        .collect()
}

fn lines(app: &App) -> Vec<Line<'static>> {
    let mut lines = key_rows(app.keymap().help_rows());
    lines.push(Line::default());
    lines.push(Line::from(" In the search prompt (/), other keys type:"));
    lines.extend(key_rows(keymap::search_help_rows()));
    lines.push(Line::default());
    lines.extend(
        PERCENT_RULE
            .iter()
            .map(|rule| Line::from(format!(" {rule}"))),
    );
    lines.push(Line::default());
    lines.extend(MARKERS.iter().map(|text| Line::from(format!(" {text}"))));
    lines.push(Line::default());
    match app.store_path() {
        Some(path) => {
            lines.push(Line::from(" Progress is saved on every change, to"));
            lines.push(Line::styled(
                format!("   {}", clean_line(&path.display().to_string())),
                styles().dim,
            ));
        }
        None => lines.push(Line::from(" Progress is kept in memory only.")),
    }
    if let Some(dir) = app.user_roadmaps_dir() {
        lines.push(Line::from(
            " Your own roadmaps (p lists them) are read from",
        ));
        lines.push(Line::styled(
            format!("   {}", clean_line(&dir.display().to_string())),
            styles().dim,
        ));
    }
    let orphans = app.orphans();
    if !orphans.is_empty() {
        lines.push(Line::default());
        lines.push(Line::from(format!(
            " Kept progress of {} not in this roadmap",
            crate::domain::plural::count(orphans.len(), "item")
        )));
        lines.push(Line::from(" (they come back if the items do):"));
        lines.extend(
            orphans
                .iter()
                .map(|key| Line::styled(format!("   {}", clean_line(key)), styles().dim)),
        );
    }
    lines
}

/// The overlay's box on `screen` for `line_count` lines of text.
fn frame(screen: Rect, line_count: usize) -> Rect {
    let width = screen.width.saturating_sub(4).min(76);
    let wanted = u16::try_from(line_count)
        .unwrap_or(u16::MAX)
        .saturating_add(2);
    let height = screen.height.saturating_sub(2).min(wanted);
    screen.centered(Constraint::Length(width), Constraint::Length(height))
}

/// Draws the help over `screen`; returns the rows of text it shows and
/// how far it can scroll (0 when it all fits).
pub fn render(app: &App, view: HelpView, screen: Rect, buf: &mut Buffer) -> Viewport {
    let lines = lines(app);
    let area = frame(screen, lines.len());
    let rows = usize::from(area.height.saturating_sub(2));
    let viewport = Viewport {
        page: rows.max(1),
        max_scroll: lines.len().saturating_sub(rows),
    };
    let scroll = view.scroll.min(viewport.max_scroll);
    Clear.render(area, buf);
    let block = Block::bordered()
        .border_style(styles().key)
        .title(Span::styled(" Keys ", styles().pane_title))
        .title_bottom(Line::styled(" Esc/? close · j/k scroll ", styles().dim).right_aligned());
    Paragraph::new(lines)
        .block(block)
        .scroll((u16::try_from(scroll).unwrap_or(u16::MAX), 0))
        .render(area, buf);
    viewport
}
