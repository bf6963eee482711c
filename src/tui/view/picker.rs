//! The roadmap picker over the screen: each roadmap on two rows, its title
//! and overall progress, then its id and where it comes from (or why it
//! cannot be opened).

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Widget;
use unicode_width::UnicodeWidthStr;

use super::entries::{self, Entries};
use super::{title_before, truncate};
use crate::domain::safe_text::clean_line;
use crate::tui::app::overlay::{Picker, PickerRow};
use crate::tui::theme::styles;

pub fn render(picker: &Picker, screen: Rect, buf: &mut Buffer) {
    let entries = Entries {
        title: " Roadmaps ",
        count: picker.rows().len(),
        selected: picker.selected(),
        rows_per_entry: 2,
        hints: &[("Enter", "open"), ("j/k", "move"), ("Esc", "close")],
    };
    entries::render(&entries, screen, buf, |index, area, selected, buf| {
        if let Some(row) = picker.rows().get(index) {
            render_row(row, selected, area, buf);
        }
    });
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
