//! The yardstick for `scripts/bench-tty`: the least a ratatui program does
//! to show a screen. It draws one static frame (a bordered pane of text,
//! a footer) and redraws it on every key, moving a highlighted row so
//! there is something to repaint, until `q`. The app's time to first
//! frame, keystroke latency and memory are measured against this.

use ratatui::crossterm::event::{self, Event, KeyCode, KeyEventKind};
use ratatui::layout::{Constraint, Layout};
use ratatui::style::{Modifier, Style};
use ratatui::text::Line;
use ratatui::widgets::{Block, Paragraph};

fn main() -> std::io::Result<()> {
    let mut terminal = ratatui::try_init()?;
    let mut selected = 0usize;
    let result = loop {
        if let Err(err) = terminal.draw(|frame| {
            let [body, footer] =
                Layout::vertical([Constraint::Fill(1), Constraint::Length(1)]).areas(frame.area());
            let lines: Vec<Line> = (0..body.height.saturating_sub(2))
                .map(|row| {
                    let line = Line::from(format!("  [ ] Row {row} of a static frame"));
                    if usize::from(row) == selected {
                        line.style(Style::new().add_modifier(Modifier::REVERSED))
                    } else {
                        line
                    }
                })
                .collect();
            frame.render_widget(
                Paragraph::new(lines).block(Block::bordered().title(" A bare ratatui program ")),
                body,
            );
            frame.render_widget(Line::from("j/k move · q quit"), footer);
        }) {
            break Err(err);
        }
        match event::read() {
            Ok(Event::Key(key)) if key.kind != KeyEventKind::Release => match key.code {
                KeyCode::Char('q') => break Ok(()),
                KeyCode::Char('k') | KeyCode::Up => selected = selected.saturating_sub(1),
                _ => selected = (selected + 1) % 30,
            },
            Ok(_) => {}
            Err(err) => break Err(err),
        }
    };
    ratatui::restore();
    result
}
