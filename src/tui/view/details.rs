//! The detail pane: everything about the selected topic or item, its
//! status, description and resources. Titles and descriptions were
//! cleaned when the roadmap was read; the note (from the state file) and
//! the addresses (kept as written, for the browser) are cleaned here.
//! Reads the app only; never changes it.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Padding, Paragraph, Widget, Wrap};

use crate::domain::calendar;
use crate::domain::progress::Tally;
use crate::domain::roadmap::Resource;
use crate::domain::safe_text::{clean_block, clean_line};
use crate::tui::app::{App, Selection};
use crate::tui::theme::{self, styles};

/// How the pane wraps, both when drawing and when measuring.
const WRAP: Wrap = Wrap { trim: false };

pub fn render(app: &App, area: Rect, buf: &mut Buffer) {
    let block = Block::bordered()
        .border_style(styles().border)
        .padding(Padding::horizontal(1))
        .title(Span::styled(" Details ", styles().pane_title));
    Paragraph::new(lines(app))
        .wrap(WRAP)
        .block(block)
        .render(area, buf);
}

/// Rows the pane needs to show everything at `width` columns, borders
/// included; used to size the pane when it shares a column with the tree.
/// Counted by ratatui's own wrapper, so it matches what is drawn.
pub fn wanted_height(app: &App, width: u16) -> u16 {
    // Border and padding take two columns on each side.
    let rows = wrapped(Paragraph::new(lines(app)), width.saturating_sub(4).max(1));
    u16::try_from(rows + 2).unwrap_or(u16::MAX)
}

/// Rows `paragraph` takes when wrapped as the pane wraps it.
fn wrapped(paragraph: Paragraph, width: u16) -> usize {
    paragraph.wrap(WRAP).line_count(width)
}

fn lines(app: &App) -> Vec<Line<'static>> {
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
            push_resources(&mut lines, &topic.resources);
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
            push_prose(&mut lines, &item.description);
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
            push_resources(&mut lines, &item.resources);
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

fn push_resources(lines: &mut Vec<Line<'static>>, resources: &[Resource]) {
    if resources.is_empty() {
        return;
    }
    lines.push(Line::default());
    lines.push(Line::styled("Resources", styles().heading));
    for resource in resources {
        lines.push(Line::from(format!("• {}", resource.title)));
        lines.push(Line::from(vec![
            Span::raw("  "),
            Span::styled(clean_line(&resource.url), styles().url),
        ]));
    }
}

#[cfg(test)]
mod tests {
    use ratatui::widgets::Paragraph;

    use super::wrapped;

    fn wrapped_rows(text: &str, width: u16) -> usize {
        wrapped(Paragraph::new(text), width)
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
