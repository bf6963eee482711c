//! The detail pane: everything about the selected topic or item, its
//! status, description and resources.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Padding, Paragraph, Widget, Wrap};

use super::theme::{self, THEME};
use crate::app::{App, Selection};
use crate::progress::{Status, Tally};
use crate::roadmap::Resource;

pub fn render(app: &App, area: Rect, buf: &mut Buffer) {
    let block = Block::bordered()
        .border_style(THEME.border)
        .padding(Padding::horizontal(1))
        .title(Span::styled(" Details ", THEME.pane_title));
    let lines = match app.selection() {
        Some(Selection::Topic(topic)) => {
            let index = app.tree().selected().map_or(0, |row| row.topic());
            let mut lines = vec![
                Line::styled(topic.title.clone(), THEME.heading),
                Line::styled(topic_summary(app.topic_tally(index)), THEME.dim),
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
                .map(|entry| format!(" since {}", super::date(entry.updated)))
                .unwrap_or_default();
            let mut lines = vec![
                Line::styled(item.title.clone(), THEME.heading),
                Line::from(vec![
                    Span::styled(
                        format!("{} {}", theme::marker(status), status.label()),
                        THEME.status(status),
                    ),
                    Span::styled(format!("{since} · in {}", topic.title), THEME.dim),
                ]),
            ];
            push_prose(&mut lines, &item.description);
            push_resources(&mut lines, &item.resources);
            if status == Status::Pending {
                lines.push(Line::default());
                lines.push(Line::styled("Space marks it done.", THEME.dim));
            }
            lines
        }
        None => Vec::new(),
    };
    Paragraph::new(lines)
        .wrap(Wrap { trim: false })
        .block(block)
        .render(area, buf);
}

fn topic_summary(tally: Tally) -> String {
    let mut summary = format!(
        "Topic · {}/{} done · {}%",
        tally.done,
        tally.total,
        tally.percent()
    );
    if tally.in_progress > 0 {
        summary.push_str(&format!(" · {} in progress", tally.in_progress));
    }
    if tally.skipped > 0 {
        summary.push_str(&format!(" · {} skipped", tally.skipped));
    }
    summary
}

fn push_prose(lines: &mut Vec<Line<'static>>, text: &str) {
    lines.push(Line::default());
    if text.is_empty() {
        lines.push(Line::styled("No description.", THEME.dim));
    } else {
        lines.extend(text.lines().map(|line| Line::from(line.to_owned())));
    }
}

fn push_resources(lines: &mut Vec<Line<'static>>, resources: &[Resource]) {
    if resources.is_empty() {
        return;
    }
    lines.push(Line::default());
    lines.push(Line::styled("Resources", THEME.heading));
    for resource in resources {
        lines.push(Line::from(format!("• {}", resource.title)));
        lines.push(Line::from(vec![
            Span::raw("  "),
            Span::styled(resource.url.clone(), THEME.url),
        ]));
    }
}
