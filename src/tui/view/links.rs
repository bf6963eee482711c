//! The link chooser over the screen: the selection's resources, numbered,
//! each with its title and address, for `o` when there are several.
//! Titles were cleaned when the roadmap was read; an address is kept as
//! written (it is what the browser opens), so it is cleaned here, as the
//! details pane cleans it.
//! Reads the chooser only; never changes it.

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Widget};

use super::truncate;
use crate::domain::safe_text::clean_line;
use crate::tui::app::overlay::LinkChooser;
use crate::tui::theme::styles;

pub fn render(chooser: &LinkChooser, screen: Rect, buf: &mut Buffer) {
    let width = screen.width.saturating_sub(4).min(90);
    let count = u16::try_from(chooser.links.len()).unwrap_or(u16::MAX);
    // Two rows a link, the border, a blank row and the hint.
    let height = count.saturating_mul(2).saturating_add(4).min(screen.height);
    let area = screen.centered(Constraint::Length(width), Constraint::Length(height));
    Clear.render(area, buf);
    let block = Block::bordered()
        .border_style(styles().border)
        .title(Span::styled(" Open which link? ", styles().pane_title));
    let inner = block.inner(area);
    block.render(area, buf);
    let room = usize::from(inner.width).saturating_sub(5);
    let fits = usize::from(inner.height.saturating_sub(2) / 2).max(1);
    let first = (chooser.selected + 1).saturating_sub(fits);
    let mut rows = inner.rows();
    for (index, link) in chooser.links.iter().enumerate().skip(first).take(fits) {
        let number = if index < 9 {
            format!(" {} ", index + 1)
        } else {
            "   ".to_owned()
        };
        let (Some(title_row), Some(url_row)) = (rows.next(), rows.next()) else {
            break;
        };
        Line::from(vec![
            Span::styled(number, styles().key),
            Span::raw(truncate(&link.title, room).into_owned()),
        ])
        .render(title_row, buf);
        Line::from(vec![
            Span::raw("   "),
            Span::styled(
                truncate(&clean_line(&link.url), room).into_owned(),
                styles().url,
            ),
        ])
        .render(url_row, buf);
        if index == chooser.selected {
            buf.set_style(title_row.union(url_row), styles().selected);
        }
    }
    if let Some(hint_row) = inner.rows().next_back() {
        Line::from(vec![
            Span::styled(" Enter", styles().key),
            Span::styled(" or ", styles().dim),
            Span::styled("1-9", styles().key),
            Span::styled(" open · ", styles().dim),
            Span::styled("Esc", styles().key),
            Span::styled(" back", styles().dim),
        ])
        .render(hint_row, buf);
    }
}
