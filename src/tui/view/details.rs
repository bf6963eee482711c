//! The detail pane: everything about the selected topic or item, its
//! status, description and resources. Titles and descriptions were
//! cleaned when the roadmap was read; the note (from the state file) and
//! the addresses (kept as written, for the browser) are cleaned here.
//! Sized by the screen, not by the text: what does not fit scrolls (`J`,
//! `K`), and the reading view (`v`) shows it all.
//! Reads the app only; never changes it.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Padding, Paragraph, Widget, Wrap};

use crate::domain::calendar;
use crate::domain::progress::Tally;
use crate::domain::roadmap::Resource;
use crate::domain::safe_text::{clean_block, clean_line};
use unicode_width::UnicodeWidthStr;

use super::{truncate, wrap};
use crate::tui::action::Action;
use crate::tui::app::{App, Selection};
use crate::tui::layout::Viewport;
use crate::tui::theme::{self, styles};

/// How the pane wraps, both when drawing and when measuring.
pub(super) const WRAP: Wrap = Wrap { trim: false };

/// Draws the pane on `area`, scrolled as the app says; returns how much
/// of the text it shows and how far it can scroll. When the text does not
/// fit, a scrollbar and the bottom border say so, and which keys read on.
pub fn render(app: &App, area: Rect, buf: &mut Buffer) -> Viewport {
    // Border and padding take two columns on each side.
    let width = area.width.saturating_sub(4).max(1);
    let paragraph = Paragraph::new(lines(app, width)).wrap(WRAP);
    let total = paragraph.line_count(width);
    let shown = usize::from(area.height.saturating_sub(2));
    let viewport = Viewport {
        page: shown.max(1),
        max_scroll: total.saturating_sub(shown),
    };
    let scroll = app.details_scroll().min(viewport.max_scroll);
    let mut block = Block::bordered()
        .border_style(styles().border)
        .padding(Padding::horizontal(1))
        .title(Span::styled(" Details ", styles().pane_title));
    if viewport.max_scroll > 0 {
        let room = usize::from(area.width.saturating_sub(4));
        let hint = more_hint(app, scroll < viewport.max_scroll, room);
        block = block.title_bottom(Line::styled(hint, styles().dim).right_aligned());
    }
    paragraph
        .block(block)
        .scroll((u16::try_from(scroll).unwrap_or(u16::MAX), 0))
        .render(area, buf);
    super::render_scrollbar(area, total, scroll, buf);
    viewport
}

/// ` more below · J/K scroll · v reads all `, as much of it as fits in
/// `room` columns: words rather than arrows, which `--ascii` would turn
/// into letters that read as keys.
fn more_hint(app: &App, more_below: bool, room: usize) -> String {
    let key = |action| app.keymap().first_key(action).map(|key| key.label());
    let place = if more_below {
        "more below"
    } else {
        "more above"
    };
    let scroll = match (key(Action::DetailsDown), key(Action::DetailsUp)) {
        (Some(down), Some(up)) => Some(format!("{down}/{up} scroll")),
        (Some(key), None) | (None, Some(key)) => Some(format!("{key} scroll")),
        (None, None) => None,
    };
    let read = key(Action::ReadItem).map(|key| format!("{key} reads all"));
    let parts = [Some(place.to_owned()), scroll, read];
    // The longest that fits, dropping the scroll keys first: the view of
    // the whole reads the rest at any size.
    let candidates = [
        vec![&parts[0], &parts[1], &parts[2]],
        vec![&parts[0], &parts[2]],
        vec![&parts[0]],
    ];
    for candidate in candidates {
        let words: Vec<&str> = candidate
            .into_iter()
            .flatten()
            .map(String::as_str)
            .collect();
        let hint = format!(" {} ", words.join(" · "));
        if hint.width() <= room {
            return hint;
        }
    }
    truncate(&format!(" {place} "), room).into_owned()
}

/// Every line the pane has for the selection, for a text `width` columns
/// wide (the rest is wrapped as it is drawn); the reading view shows the
/// same.
pub(super) fn lines(app: &App, width: u16) -> Vec<Line<'static>> {
    match app.selection() {
        Some(Selection::Topic {
            level,
            index,
            topic,
        }) => {
            let mut lines = vec![
                Line::styled(topic.title.clone(), styles().heading),
                Line::styled(
                    topic_summary(app.tally_of_topic(level, index)),
                    styles().dim,
                ),
            ];
            push_prose(&mut lines, &topic.description);
            push_resources(&mut lines, &topic.resources, width);
            lines
        }
        Some(Selection::Item(topic, item)) => {
            let status = app.status(item);
            let since = app
                .progress()
                .entry(&item.key)
                .map(|entry| format!(" since {}", calendar::date(entry.updated)))
                .unwrap_or_default();
            let mut lines = vec![
                Line::styled(item.title.clone(), styles().heading),
                Line::from(vec![
                    Span::styled(
                        format!("{} {}", theme::marker(status), status.label()),
                        styles().status(status),
                    ),
                    Span::styled(format!("{since} · in {}", topic.title), styles().dim),
                ]),
            ];
            // The learner's own words first: in a pane of a few rows they
            // are what is looked for, the description is in the roadmap.
            if let Some(note) = app.note(item) {
                lines.push(Line::default());
                lines.push(Line::styled(
                    format!("{} Your note (e edits)", theme::NOTE),
                    styles().heading,
                ));
                lines.extend(
                    clean_block(note)
                        .lines()
                        .map(|line| Line::styled(line.to_owned(), styles().note)),
                );
            }
            push_prose(&mut lines, &item.description);
            push_resources(&mut lines, &item.resources, width);
            lines
        }
        None => Vec::new(),
    }
}

fn topic_summary(tally: Tally) -> String {
    let mut summary = format!("Topic · {} · {}%", tally.summary(), tally.percent());
    if tally.in_progress > 0 {
        summary.push_str(&format!(" · {} in progress", tally.in_progress));
    }
    summary
}

fn push_prose(lines: &mut Vec<Line<'static>>, text: &str) {
    lines.push(Line::default());
    if text.is_empty() {
        lines.push(Line::styled("No description.", styles().dim));
    } else {
        lines.extend(text.lines().map(|line| Line::from(line.to_owned())));
    }
}

/// The resources, each address under its title and indented, wrapped
/// here so that what goes on wraps under it too.
fn push_resources(lines: &mut Vec<Line<'static>>, resources: &[Resource], width: u16) {
    if resources.is_empty() {
        return;
    }
    lines.push(Line::default());
    lines.push(Line::styled("Resources", styles().heading));
    let room = usize::from(width).saturating_sub(2);
    for resource in resources {
        lines.push(Line::from(format!("• {}", resource.title)));
        for part in wrap(&clean_line(&resource.url), room) {
            lines.push(Line::from(vec![
                Span::raw("  "),
                Span::styled(part, styles().url),
            ]));
        }
    }
}

#[cfg(test)]
mod tests {
    use ratatui::widgets::Paragraph;

    use super::WRAP;

    /// Rows as the pane counts them to know how far it scrolls.
    fn wrapped_rows(text: &str, width: u16) -> usize {
        Paragraph::new(text).wrap(WRAP).line_count(width)
    }

    #[test]
    fn wrapping_counts_rows_at_word_boundaries() {
        assert_eq!(wrapped_rows("", 10), 1);
        assert_eq!(wrapped_rows("short", 10), 1);
        assert_eq!(wrapped_rows("one two three", 10), 2);
        assert_eq!(wrapped_rows("aaaa bbbb cccc dddd", 9), 2);
        assert_eq!(wrapped_rows("abcdefghijklmnopqrstuvwxy", 10), 3);
    }
}
