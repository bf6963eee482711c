//! The continue view over the screen (`c`): what `roadmap next` lists,
//! every item in progress (the longest in progress first, marked `[/]`
//! and dated) then the next pending ones (`[ ]`, marked `next`), each on
//! two rows: its title, then its level and topic. Titles were cleaned
//! when the roadmap was read. Reads the view and the roadmap only; never
//! changes them.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Widget;
use unicode_width::UnicodeWidthStr;

use super::entries::{self, Entries};
use super::{title_before, truncate};
use crate::domain::calendar;
use crate::domain::next::{Next, Stage, UpNext};
use crate::domain::progress::Status;
use crate::domain::roadmap::Roadmap;
use crate::tui::app::overlay::ContinueView;
use crate::tui::theme::{marker, styles};

pub fn render(roadmap: &Roadmap, view: &ContinueView, screen: Rect, buf: &mut Buffer) {
    let title = title(&view.list);
    let entries = Entries {
        title: &title,
        count: view.list.items.len(),
        selected: view.selected,
        rows_per_entry: 2,
        hints: &[("Enter", "go there"), ("j/k", "move"), ("Esc", "close")],
    };
    entries::render(&entries, screen, buf, |index, area, selected, buf| {
        if let Some(next) = view.list.items.get(index) {
            render_item(roadmap, next, selected, area, buf);
        }
    });
}

/// ` Continue: 2 in progress · 8 next `: what the list holds of each.
fn title(list: &UpNext) -> String {
    let doing = list
        .items
        .iter()
        .filter(|next| next.stage != Stage::Pending)
        .count();
    let mut parts = Vec::new();
    if doing > 0 {
        parts.push(format!("{doing} in progress"));
    }
    if list.items.len() > doing {
        parts.push(format!("{} next", list.items.len() - doing));
    }
    format!(" Continue: {} ", parts.join(" · "))
}

fn render_item(roadmap: &Roadmap, next: &Next, selected: bool, area: Rect, buf: &mut Buffer) {
    let (l, t, i) = next.place;
    let Some(level) = roadmap.levels.get(l) else {
        return;
    };
    let Some(topic) = level.topics.get(t) else {
        return;
    };
    let Some(item) = topic.items.get(i) else {
        return;
    };
    let (status, tail) = match next.stage {
        Stage::InProgress { since } => (
            Status::InProgress,
            format!("since {} ", calendar::date(since)),
        ),
        Stage::Pending => (Status::Pending, "next ".to_owned()),
    };
    let width = usize::from(area.width);
    let (title, with_tail) = title_before(&item.title, &tail, width.saturating_sub(5));
    let tail = if with_tail { tail } else { String::new() };
    let gap = width.saturating_sub(5 + title.width() + tail.width());
    let mut rows = area.rows();
    if let Some(row) = rows.next() {
        Line::from(vec![
            Span::raw(" "),
            Span::styled(format!("{} ", marker(status)), styles().status(status)),
            Span::raw(title.into_owned()),
            Span::raw(" ".repeat(gap)),
            Span::styled(tail, styles().dim),
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
