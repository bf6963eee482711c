//! The goal prompt (`d`) over the screen: what the goal is for, the date
//! typed so far with a cursor, why the last one was refused, and the keys.
//! Reads the app only.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};

use crate::domain::safe_text::clean_line;
use crate::tui::app::App;
use crate::tui::app::goal_prompt::GoalPrompt;
use crate::tui::theme::styles;

pub fn render(app: &App, prompt: &GoalPrompt, screen: Rect, buf: &mut Buffer) {
    let roadmap = app.roadmap();
    let level = prompt.target.checked_sub(1);
    let name = match level.and_then(|index| roadmap.levels.get(index)) {
        Some(level) => format!("the level {}", level.title),
        None => format!("all of {}", roadmap.title),
    };
    let plan = app.session().plan(level, app.now());
    let mut body = vec![
        Line::from(vec![
            Span::raw("For "),
            Span::styled(clean_line(&name), styles().heading),
            Span::styled("  (Tab: another)", styles().dim),
        ]),
        Line::from(vec![
            Span::raw("Done by "),
            Span::styled(prompt.text.clone(), styles().key),
            Span::styled("█", styles().dim),
            Span::styled("  YYYY-MM-DD", styles().dim),
        ]),
    ];
    if let Some(error) = &prompt.error {
        body.push(Line::styled(clean_line(error), styles().warning));
    }
    body.push(Line::from(vec![
        Span::styled("Enter", styles().key),
        Span::raw(" save   "),
        Span::styled("empty", styles().key),
        Span::raw(" no goal   "),
        Span::styled("Esc", styles().key),
        Span::raw(" cancel"),
    ]));
    // Last: on a small screen it is what goes.
    let now = match plan.goal_sentence() {
        Some(goal) => format!("Now: {goal}"),
        None => "No goal yet".to_owned(),
    };
    body.push(Line::default());
    body.push(Line::styled(
        format!("{now} · {}", plan.pace_sentence()),
        styles().dim,
    ));
    super::prompt::boxed(" Goal ".to_owned(), body, styles().border, screen, buf);
}
