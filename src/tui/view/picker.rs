//! The roadmap picker over the screen: each roadmap on two rows, its title
//! and overall progress, then its id and where it comes from (or why it
//! cannot be opened).

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Widget};
use unicode_width::UnicodeWidthStr;

use super::{key_hints, title_before, truncate};
use crate::domain::safe_text::clean_line;
use crate::tui::app::overlay::{Picker, PickerRow};
use crate::tui::theme::styles;

/// Rows each roadmap takes.
const ROWS_PER_ENTRY: u16 = 2;

pub fn render(picker: &Picker, screen: Rect, buf: &mut Buffer) {
    let width = screen.width.saturating_sub(4).min(100);
    let entries = u16::try_from(picker.rows().len()).unwrap_or(u16::MAX);
    // Border, a blank row, the key hint.
    let height = entries
        .saturating_mul(ROWS_PER_ENTRY)
        .saturating_add(4)
        .min(screen.height);
    let area = screen.centered(Constraint::Length(width), Constraint::Length(height));
    Clear.render(area, buf);
    let block = Block::bordered()
        .border_style(styles().border)
        .title(Span::styled(" Roadmaps ", styles().pane_title));
    let inner = block.inner(area);
    block.render(area, buf);
    let [list, _, hint] = Layout::vertical([
        Constraint::Fill(1),
        Constraint::Length(1),
        Constraint::Length(1),
    ])
    .areas(inner);
    // Keep the selection in view: scroll by whole entries.
    let fits = usize::from((list.height / ROWS_PER_ENTRY).max(1));
    let first = (picker.selected() + 1).saturating_sub(fits);
    for (slot, (index, row)) in picker
        .rows()
        .iter()
        .enumerate()
        .skip(first)
        .take(fits)
        .enumerate()
    {
        let y = list.y + u16::try_from(slot).unwrap_or(0) * ROWS_PER_ENTRY;
        let area = Rect {
            y,
            height: ROWS_PER_ENTRY.min(list.bottom().saturating_sub(y)),
            ..list
        };
        render_row(row, index == picker.selected(), area, buf);
    }
    key_hints(
        &[("Enter", "open"), ("j/k", "move"), ("Esc", "close")],
        hint.width,
    )
    .render(hint, buf);
}

fn render_row(row: &PickerRow, selected: bool, area: Rect, buf: &mut Buffer) {
    let width = usize::from(area.width);
    let mark = if row.current { " ● " } else { "   " };
    let progress = match row.tally {
        Some(tally) => format!("{} · {}% ", tally.summary(), tally.percent()),
        None => String::new(),
    };
    let title = clean_line(&row.title);
    let (title, with_progress) =
        title_before(&title, &progress, width.saturating_sub(mark.width()));
    let progress = if with_progress {
        progress
    } else {
        String::new()
    };
    let gap = width.saturating_sub(mark.width() + title.width() + progress.width());
    let first = Line::from(vec![
        Span::raw(mark),
        Span::styled(title.into_owned(), styles().topic),
        Span::raw(" ".repeat(gap)),
        Span::styled(progress, styles().count),
    ]);
    let second = match &row.problem {
        Some(problem) => {
            let text = format!("   ⚠ {}", clean_line(problem));
            Line::styled(truncate(&text, width).into_owned(), styles().in_progress)
        }
        None => {
            let mut text = format!("   {} · {}", clean_line(&row.id), clean_line(&row.origin));
            if row.current {
                text.push_str(" · open now");
            }
            Line::styled(truncate(&text, width).into_owned(), styles().dim)
        }
    };
    let rows = [first, second];
    for (y, line) in (area.y..area.bottom()).zip(rows) {
        let row_area = Rect {
            y,
            height: 1,
            ..area
        };
        line.render(row_area, buf);
        if selected {
            buf.set_style(row_area, styles().selected);
        }
    }
}
