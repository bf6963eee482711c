//! A question over the screen that must be answered before anything else
//! happens: what will change, and which key says yes.
//! Reads the app only; the answer is the app's to take.

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Padding, Paragraph, Widget, Wrap};

use crate::tui::app::App;
use crate::tui::app::overlay::Prompt;
use crate::tui::theme::styles;

pub fn render(app: &App, prompt: &Prompt, screen: Rect, buf: &mut Buffer) {
    let (title, body) = match prompt {
        Prompt::ResetLevel(index) => {
            let level = &app.roadmap().levels[*index];
            let tally = app.level_tally(*index);
            let mut cleared = Vec::new();
            for (count, what) in [
                (tally.done, "done"),
                (tally.in_progress, "in progress"),
                (tally.skipped, "skipped"),
            ] {
                if count > 0 {
                    cleared.push(format!("{count} {what}"));
                }
            }
            (
                format!(" Reset {}? ", level.title),
                vec![
                    Line::from(format!(
                        "This clears every status in {}: {} (of {} items).",
                        level.title,
                        cleared.join(", "),
                        tally.total
                    )),
                    Line::default(),
                    Line::from(vec![
                        Span::styled("y", styles().key),
                        Span::raw(" reset   "),
                        Span::styled("any other key", styles().key),
                        Span::raw(" keep it   (u undoes a reset)"),
                    ]),
                ],
            )
        }
    };
    boxed(title, body, styles().warning, screen, buf);
}

/// `body` in a box titled `title`, centred on `screen`, as tall as its
/// wrapped lines (and no taller than the screen).
pub(super) fn boxed(
    title: String,
    body: Vec<Line<'_>>,
    border: Style,
    screen: Rect,
    buf: &mut Buffer,
) {
    let width = screen.width.saturating_sub(4).min(64);
    let paragraph = Paragraph::new(body).wrap(Wrap { trim: true });
    // Border and padding take two columns on each side.
    let height = u16::try_from(paragraph.line_count(width.saturating_sub(4).max(1)))
        .unwrap_or(u16::MAX)
        .saturating_add(2)
        .min(screen.height);
    let area = screen.centered(Constraint::Length(width), Constraint::Length(height));
    Clear.render(area, buf);
    paragraph
        .block(
            Block::bordered()
                .padding(Padding::horizontal(1))
                .border_style(border)
                .title(Span::styled(title, styles().pane_title)),
        )
        .render(area, buf);
}
