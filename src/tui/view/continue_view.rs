//! The continue view over the screen (`c`): every item in progress, the
//! longest in progress first, each on two rows: its title and since when,
//! then its level and topic. Titles were cleaned when the roadmap was
//! read. Reads the view and the roadmap only; never changes them.

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Widget};
use unicode_width::UnicodeWidthStr;

use super::{key_hints, title_before, truncate};
use crate::domain::calendar;
use crate::domain::plural;
use crate::domain::progress::Status;
use crate::domain::roadmap::Roadmap;
use crate::domain::session::Doing;
use crate::tui::app::overlay::ContinueView;
use crate::tui::theme::{marker, styles};

/// Rows each item takes.
const ROWS_PER_ITEM: u16 = 2;

pub fn render(roadmap: &Roadmap, view: &ContinueView, screen: Rect, buf: &mut Buffer) {
    let width = screen.width.saturating_sub(4).min(100);
    let count = u16::try_from(view.doing.len()).unwrap_or(u16::MAX);
    // Border, a blank row, the key hint.
    let height = count
        .saturating_mul(ROWS_PER_ITEM)
        .saturating_add(4)
        .min(screen.height);
    let area = screen.centered(Constraint::Length(width), Constraint::Length(height));
    Clear.render(area, buf);
    let title = format!(
        " Continue: {} in progress ",
        plural::count(view.doing.len(), "item")
    );
    let block = Block::bordered()
        .border_style(styles().border)
        .title(Span::styled(
            truncate(&title, usize::from(width.saturating_sub(2))).into_owned(),
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
    // Keep the selection in view: scroll by whole items.
    let fits = usize::from((list.height / ROWS_PER_ITEM).max(1));
    let first = (view.selected + 1).saturating_sub(fits);
    for (slot, (index, doing)) in view
        .doing
        .iter()
        .enumerate()
        .skip(first)
        .take(fits)
        .enumerate()
    {
        let y = list.y + u16::try_from(slot).unwrap_or(0) * ROWS_PER_ITEM;
        let area = Rect {
            y,
            height: ROWS_PER_ITEM.min(list.bottom().saturating_sub(y)),
            ..list
        };
        render_item(roadmap, doing, index == view.selected, area, buf);
    }
    key_hints(
        &[("Enter", "go there"), ("j/k", "move"), ("Esc", "close")],
        hint.width,
    )
    .render(hint, buf);
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
