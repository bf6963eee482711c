//! The search while it is typed: the hits from every level in place of
//! the outline, the words found highlighted, and the prompt line.
//! Reads the search only; the offset to draw from comes from the caller.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph, Widget};
use unicode_width::UnicodeWidthStr;

use super::truncate;
use crate::domain::safe_text::clean_line;
use crate::tui::app::App;
use crate::tui::app::search::Search;
use crate::tui::search::{Hit, highlights};
use crate::tui::theme::{self, styles};

pub fn render(app: &App, search: &Search, offset: usize, area: Rect, buf: &mut Buffer) {
    let hits = search.hits();
    let count = match hits.len() {
        1 => "1 match".to_owned(),
        n => format!("{n} matches"),
    };
    let block = Block::bordered()
        .border_style(styles().border)
        .title(Span::styled(" Search all levels ", styles().pane_title))
        .title(Span::styled(format!(" {count} "), styles().dim));
    let inner = block.inner(area);
    block.render(area, buf);
    if inner.is_empty() {
        return;
    }
    if hits.is_empty() {
        let text = if search.query().trim().is_empty() {
            "Type to find topics and items in every level, by title or description."
        } else {
            "No topic or item has all these words. Backspace edits, Esc goes back."
        };
        Paragraph::new(text)
            .style(styles().dim)
            .wrap(ratatui::widgets::Wrap { trim: true })
            .render(inner, buf);
        return;
    }
    let rows = hits
        .iter()
        .enumerate()
        .skip(offset)
        .take(usize::from(inner.height));
    for ((index, hit), y) in rows.zip(inner.y..) {
        let line_area = Rect {
            y,
            height: 1,
            ..inner
        };
        hit_line(app, *hit, search.query(), inner.width).render(line_area, buf);
        if index == search.current() {
            buf.set_style(line_area, styles().selected);
        }
    }
    super::render_scrollbar(area, hits.len(), offset, buf);
}

/// `[x] SQL Basics   Beginner › Databases`: the hit's marker and title,
/// the words found highlighted, then where it is.
fn hit_line(app: &App, hit: Hit, query: &str, width: u16) -> Line<'static> {
    let Some(level) = app.roadmap().levels.get(hit.level) else {
        return Line::default();
    };
    let Some(topic) = level.topics.get(hit.topic) else {
        return Line::default();
    };
    let (marker, title, style, place) = match hit.item.and_then(|i| topic.items.get(i)) {
        Some(item) => {
            let status = app.status(item);
            (
                theme::marker(status),
                item.title.as_str(),
                styles().status(status),
                format!("  {} › {}", level.title, topic.title),
            )
        }
        None => (
            theme::topic_marker(app.tally_of_topic(hit.level, hit.topic)),
            topic.title.as_str(),
            styles().topic,
            format!("  {} · topic", level.title),
        ),
    };
    let lead = format!(" {marker} ");
    let room = usize::from(width).saturating_sub(lead.width() + 1);
    let shown = truncate(title, room);
    let mut spans = vec![Span::styled(lead, style)];
    let mut at = 0;
    for range in highlights(&shown, query) {
        spans.push(Span::styled(shown[at..range.start].to_owned(), style));
        spans.push(Span::styled(
            shown[range.clone()].to_owned(),
            style.patch(styles().found),
        ));
        at = range.end;
    }
    spans.push(Span::styled(shown[at..].to_owned(), style));
    let left = room.saturating_sub(shown.width());
    if left > 4 {
        spans.push(Span::styled(
            truncate(&place, left).into_owned(),
            styles().dim,
        ));
    }
    Line::from(spans)
}

/// The prompt line in place of the footer: `/query▏  12 matches · …`.
pub fn render_prompt(search: &Search, area: Rect, buf: &mut Buffer) {
    let query = clean_line(search.query());
    let help = "  Enter jump · ↑↓ choose · Esc back";
    let room = usize::from(area.width).saturating_sub(3);
    // The end of a long query shows: that is where the typing is.
    let width = query.width();
    let shown: String = if width > room {
        let mut skip = width - room;
        query
            .chars()
            .skip_while(|c| {
                let w = unicode_width::UnicodeWidthChar::width(*c).unwrap_or(0);
                let skipping = skip > 0;
                skip = skip.saturating_sub(w);
                skipping
            })
            .collect()
    } else {
        query
    };
    let mut spans = vec![
        Span::styled(" /", styles().key),
        Span::raw(shown.clone()),
        Span::styled(" ", styles().selected),
    ];
    if usize::from(area.width) >= shown.width() + 3 + help.width() {
        spans.push(Span::styled(help, styles().dim));
    }
    Line::from(spans).render(area, buf);
}
