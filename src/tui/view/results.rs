//! The search while it is typed: the hits from every level in place of
//! the outline, the words found highlighted (in a note's excerpt too,
//! when that is where a hit was found), and the prompt line.
//! Reads the search only; the offset to draw from comes from the caller.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph, Widget};
use unicode_width::UnicodeWidthStr;

use super::truncate;
use crate::domain::safe_text::clean_line;
use crate::tui::app::App;
use crate::tui::app::search::Search;
use crate::tui::search::{Hit, found_in_note, highlights, note_excerpt};
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
            "Type to find topics and items in every level, by title, description or note."
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
/// the words found highlighted, then where it is. A hit found through
/// its note shows the note instead: `[ ] Ownership   ✎ note: …the borrow…`.
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
            let note = app.note(item);
            let place = if found_in_note(&item.title, &item.description, note, query) {
                Place::Note(note.unwrap_or_default())
            } else {
                Place::Topic(format!("  {} › {}", level.title, topic.title))
            };
            (
                theme::marker(status),
                item.title.as_str(),
                styles().status(status),
                place,
            )
        }
        None => (
            theme::topic_marker(app.tally_of_topic(hit.level, hit.topic)),
            topic.title.as_str(),
            styles().topic,
            Place::Topic(format!("  {} · topic", level.title)),
        ),
    };
    let lead = format!(" {marker} ");
    let room = usize::from(width).saturating_sub(lead.width() + 1);
    let shown = truncate(title, room);
    let mut spans = vec![Span::styled(lead, style)];
    highlighted(&mut spans, &shown, query, style);
    let left = room.saturating_sub(shown.width());
    match place {
        Place::Topic(place) if left > 4 => {
            spans.push(Span::styled(
                truncate(&place, left).into_owned(),
                styles().dim,
            ));
        }
        Place::Topic(_) => {}
        Place::Note(note) => {
            // The mark at least, however narrow: it says why a title
            // without the words is listed.
            let label = format!("  {} note: ", theme::NOTE);
            let label = if left >= label.width() + 4 {
                label
            } else {
                format!(" {}", theme::NOTE)
            };
            let left = left.saturating_sub(label.width());
            spans.push(Span::styled(label, styles().note));
            if left > 0 {
                let excerpt = note_excerpt(note, query, left);
                highlighted(&mut spans, &truncate(&excerpt, left), query, styles().note);
            }
        }
    }
    Line::from(spans)
}

/// What follows a hit's title: where it is, or the note it was found in.
enum Place<'a> {
    Topic(String),
    Note(&'a str),
}

/// `text` as spans in `style`, the words of `query` highlighted.
fn highlighted(spans: &mut Vec<Span<'static>>, text: &str, query: &str, style: Style) {
    let mut at = 0;
    for range in highlights(text, query) {
        spans.push(Span::styled(text[at..range.start].to_owned(), style));
        spans.push(Span::styled(
            text[range.clone()].to_owned(),
            style.patch(styles().found),
        ));
        at = range.end;
    }
    spans.push(Span::styled(text[at..].to_owned(), style));
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
