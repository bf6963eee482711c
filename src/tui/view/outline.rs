//! The level's collapsible outline: topic rows with their counts, and the
//! items of open topics with their checkboxes. Draws only the rows that
//! fit, whatever the size of the level.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph, Widget, Wrap};
use unicode_width::UnicodeWidthStr;

use super::truncate;
use crate::tui::app::App;
use crate::tui::layout::Layout;
use crate::tui::theme::{self, styles};
use crate::tui::tree::Row;

pub fn render(app: &App, area: Rect, buf: &mut Buffer, layout: &mut Layout) {
    layout.outline = area.inner(ratatui::layout::Margin::new(1, 1));
    if let Some(search) = app.search().filter(|search| search.is_typing()) {
        layout.hits_offset = search.offset_for(usize::from(layout.outline.height));
        return super::results::render(app, search, layout.hits_offset, area, buf);
    }
    let level = app.level();
    let tally = app.level_tally(app.level_index());
    let goal = app
        .session()
        .progress()
        .goal(&level.id)
        .map(|day| {
            let today = crate::domain::calendar::day(app.now());
            let missed = if day < today && !tally.is_complete() {
                " missed"
            } else {
                ""
            };
            format!(
                "· goal {}{missed} ",
                crate::domain::calendar::short(day, today)
            )
        })
        .unwrap_or_default();
    let (name, summary) = pane_titles(
        &level.title,
        &format!(" {} · {}% {goal}", tally.summary(), tally.percent()),
        usize::from(area.width.saturating_sub(2)),
    );
    let block = Block::bordered()
        .border_style(styles().border)
        .title(Span::styled(name, styles().pane_title))
        .title(Span::styled(summary, styles().dim));
    let inner = block.inner(area);
    block.render(area, buf);
    if inner.is_empty() {
        return;
    }

    let tree = app.tree();
    let offset = tree.offset_for(usize::from(inner.height));
    layout.tree_offset = offset;
    if tree.is_empty() && tree.is_filtered() {
        let text = "Nothing left here: every item is done or skipped. f shows them.";
        Paragraph::new(text)
            .style(styles().dim)
            .wrap(Wrap { trim: true })
            .render(inner, buf);
        return;
    }
    let selected = tree.selected();
    let rows = tree.rows_from(offset).take(usize::from(inner.height));
    for (y, row) in (inner.y..).zip(rows) {
        let line_area = Rect {
            y,
            height: 1,
            ..inner
        };
        match row {
            Row::Topic(topic) => render_topic(app, topic, line_area, buf),
            Row::Item { topic, item } => {
                item_line(app, topic, item, inner.width).render(line_area, buf)
            }
        }
        if Some(row) == selected {
            buf.set_style(line_area, styles().selected);
        }
    }

    super::render_scrollbar(area, tree.len(), offset, buf);
}

/// The pane's titles, the level's and its counts, in `room` columns of
/// border: the level's name is cut first, then the counts are left out.
fn pane_titles(level: &str, summary: &str, room: usize) -> (String, String) {
    // The titles are drawn a column apart.
    let left = room.saturating_sub(summary.width() + 1);
    if left >= 8 || level.width() + 2 <= left {
        let name = format!(" {} ", truncate(level, left.saturating_sub(2)));
        (name, summary.to_owned())
    } else {
        let name = format!(" {} ", truncate(level, room.saturating_sub(2)));
        (truncate(&name, room).into_owned(), String::new())
    }
}

/// `▾ [-] Database Management ········ 2/4`, the count flush right. The
/// count is drawn at its place rather than padded to it: a screenful of
/// topic rows would otherwise spend most of a frame on blank cells.
fn render_topic(app: &App, index: usize, area: Rect, buf: &mut Buffer) {
    let width = area.width;
    let topic = &app.level().topics[index];
    let tally = app.topic_tally(index);
    let arrow = if app.tree().is_open(index) {
        theme::OPEN
    } else {
        theme::CLOSED
    };
    let count = format!(" {}/{} ", tally.done, tally.total);
    let style = if tally.is_complete() {
        styles().topic_complete
    } else {
        styles().topic
    };
    let lead = format!("{arrow} {} ", theme::topic_marker(tally));
    let room = usize::from(width).saturating_sub(count.width() + lead.width());
    let title = truncate(&topic.title, room);
    Line::from(vec![Span::styled(lead, style), Span::styled(title, style)]).render(area, buf);
    let count_width = u16::try_from(count.width()).unwrap_or(u16::MAX).min(width);
    let count_area = Rect {
        x: area.right() - count_width,
        width: count_width,
        ..area
    };
    Span::styled(count, styles().count).render(count_area, buf);
}

/// `   [x] Database Basics`, indented under its topic.
fn item_line(app: &App, topic: usize, index: usize, width: u16) -> Line<'static> {
    let item = &app.level().topics[topic].items[index];
    let status = app.status(item);
    let style = styles().status(status);
    let lead = format!("  {} ", theme::marker(status));
    // A note is marked after the title, which gives up room for it.
    let note = if app.note(item).is_some() {
        format!(" {}", theme::NOTE)
    } else {
        String::new()
    };
    let room = usize::from(width).saturating_sub(lead.width() + note.width() + 1);
    Line::from(vec![
        Span::styled(lead, style),
        Span::styled(truncate(&item.title, room).into_owned(), style),
        Span::styled(note, styles().note),
    ])
}

#[cfg(test)]
mod tests {
    use super::pane_titles;

    #[test]
    fn the_level_name_is_cut_before_its_counts_go() {
        let summary = " 0/12 done · 0% ";
        let whole = pane_titles("Beginner", summary, 40);
        assert_eq!(whole, (" Beginner ".to_owned(), summary.to_owned()));
        let cut = pane_titles("Intermediate", summary, 27);
        assert_eq!(cut, (" Interme… ".to_owned(), summary.to_owned()));
        let alone = pane_titles("Intermediate", summary, 12);
        assert_eq!(alone, (" Intermedi… ".to_owned(), String::new()));
    }
}
