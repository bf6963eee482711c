//! A window over the screen listing entries of a few rows each, with the
//! selected one kept in view and a key hint at the bottom: the frame the
//! roadmap picker and the continue view share. What an entry shows is the
//! caller's; this only places the window and the entries' rows.

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::Span;
use ratatui::widgets::{Block, Clear, Widget};

use super::{key_hints, truncate};
use crate::tui::theme::styles;

/// What the window holds.
pub struct Entries<'a> {
    /// The border's title, cut to fit.
    pub title: &'a str,
    pub count: usize,
    pub selected: usize,
    /// Rows each entry takes.
    pub rows_per_entry: u16,
    /// The key hint: (keys, what they do).
    pub hints: &'a [(&'a str, &'a str)],
}

/// Draws the window centred on `screen`, and each entry in view with
/// `entry(index, area, selected, buf)`, scrolled by whole entries.
pub fn render(
    entries: &Entries,
    screen: Rect,
    buf: &mut Buffer,
    mut entry: impl FnMut(usize, Rect, bool, &mut Buffer),
) {
    let width = screen.width.saturating_sub(4).min(100);
    let count = u16::try_from(entries.count).unwrap_or(u16::MAX);
    // Border, a blank row, the key hint.
    let height = count
        .saturating_mul(entries.rows_per_entry)
        .saturating_add(4)
        .min(screen.height);
    let area = screen.centered(Constraint::Length(width), Constraint::Length(height));
    Clear.render(area, buf);
    let block = Block::bordered()
        .border_style(styles().border)
        .title(Span::styled(
            truncate(entries.title, usize::from(width.saturating_sub(2))).into_owned(),
            styles().pane_title,
        ));
    let inner = block.inner(area);
    block.render(area, buf);
    let [list, _, hint] = Layout::vertical([
        Constraint::Fill(1),
        Constraint::Length(1),
        Constraint::Length(1),
    ])
    .areas(inner);
    let rows = entries.rows_per_entry.max(1);
    let fits = usize::from((list.height / rows).max(1));
    let first = (entries.selected + 1).saturating_sub(fits);
    for (slot, index) in (first..entries.count).take(fits).enumerate() {
        let y = list.y + u16::try_from(slot).unwrap_or(0) * rows;
        let area = Rect {
            y,
            height: rows.min(list.bottom().saturating_sub(y)),
            ..list
        };
        entry(index, area, index == entries.selected, buf);
    }
    key_hints(entries.hints, hint.width).render(hint, buf);
}
