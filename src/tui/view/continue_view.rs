//! The continue view over the screen (`c`): every item in progress, the
//! longest in progress first, each on two rows: its title and since when,
//! then its level and topic. Titles were cleaned when the roadmap was
//! read. Reads the view and the roadmap only; never changes them.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Widget;
use unicode_width::UnicodeWidthStr;

use super::entries::{self, Entries};
use super::{title_before, truncate};
use crate::domain::calendar;
use crate::domain::plural;
use crate::domain::progress::Status;
use crate::domain::roadmap::Roadmap;
use crate::domain::session::Doing;
use crate::tui::app::overlay::ContinueView;
use crate::tui::theme::{marker, styles};

pub fn render(roadmap: &Roadmap, view: &ContinueView, screen: Rect, buf: &mut Buffer) {
    let title = format!(
        " Continue: {} in progress ",
        plural::count(view.doing.len(), "item")
    );
    let entries = Entries {
        title: &title,
        count: view.doing.len(),
        selected: view.selected,
        rows_per_entry: 2,
        hints: &[("Enter", "go there"), ("j/k", "move"), ("Esc", "close")],
    };
    entries::render(&entries, screen, buf, |index, area, selected, buf| {
        if let Some(doing) = view.doing.get(index) {
            render_item(roadmap, doing, selected, area, buf);
        }
    });
}

fn render_item(roadmap: &Roadmap, doing: &Doing, selected: bool, area: Rect, buf: &mut Buffer) {
    let (l, t, i) = doing.place;
    let Some(level) = roadmap.levels.get(l) else {
        return;
    };
    let Some(topic) = level.topics.get(t) else {
        return;
    };
    let Some(item) = topic.items.get(i) else {
        return;
    };
    let width = usize::from(area.width);
    let since = format!("since {} ", calendar::date(doing.since));
    let (title, with_since) = title_before(&item.title, &since, width.saturating_sub(5));
    let since = if with_since { since } else { String::new() };
    let gap = width.saturating_sub(5 + title.width() + since.width());
    let mut rows = area.rows();
    if let Some(row) = rows.next() {
        Line::from(vec![
            Span::raw(" "),
            Span::styled(
                format!("{} ", marker(Status::InProgress)),
                styles().in_progress,
            ),
            Span::raw(title.into_owned()),
            Span::raw(" ".repeat(gap)),
            Span::styled(since, styles().dim),
        ])
        .render(row, buf);
    }
    if let Some(row) = rows.next() {
        let place = format!("{} › {}", level.title, topic.title);
        Line::from(vec![
            Span::raw("     "),
            Span::styled(
                truncate(&place, width.saturating_sub(6)).into_owned(),
                styles().dim,
            ),
        ])
        .render(row, buf);
    }
    if selected {
        buf.set_style(area, styles().selected);
    }
}
