//! The reading view (`v`), over the whole screen: everything the details
//! pane has about the selected topic or item (its description, the note,
//! every link), wrapped to a column that stays readable on a wide screen,
//! and scrolled when it is longer than the screen.
//! Reads the app only; returns how much it showed, for the app to scroll by.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Padding, Paragraph, Widget};

use super::details::{self, WRAP};
use super::truncate;
use crate::tui::app::App;
use crate::tui::app::overlay::ReadingView;
use crate::tui::layout::Viewport;
use crate::tui::theme::styles;

/// The text's column at most: lines longer than this are hard to follow.
const MAX_TEXT_WIDTH: u16 = 100;

/// Draws the view over `screen`; returns the rows of text it shows and
/// how far it can scroll (0 when it all fits).
pub fn render(app: &App, view: ReadingView, screen: Rect, buf: &mut Buffer) -> Viewport {
    Clear.render(screen, buf);
    // Border and one column of padding on each side, at least; on a wide
    // screen the text column is centred.
    let wanted = screen.width.saturating_sub(4).min(MAX_TEXT_WIDTH);
    let side = (screen.width.saturating_sub(2 + wanted) / 2).max(1);
    let text_width = screen.width.saturating_sub(2 + 2 * side);
    let paragraph = Paragraph::new(details::lines(app, text_width.max(1))).wrap(WRAP);
    let total = paragraph.line_count(text_width.max(1));
    let shown = usize::from(screen.height.saturating_sub(2));
    let viewport = Viewport {
        page: shown.max(1),
        max_scroll: total.saturating_sub(shown),
    };
    let scroll = view.scroll.min(viewport.max_scroll);
    let room = usize::from(screen.width.saturating_sub(4));
    let title = truncate(&format!(" {} ", app.level().title), room).into_owned();
    let hint = truncate(&super::scroll_hint(scroll, viewport, "Esc/q"), room).into_owned();
    let block = Block::bordered()
        .border_style(styles().border)
        .padding(Padding::horizontal(side))
        .title(Span::styled(title, styles().pane_title))
        .title_bottom(Line::styled(hint, styles().dim).right_aligned());
    paragraph
        .block(block)
        .scroll((u16::try_from(scroll).unwrap_or(u16::MAX), 0))
        .render(screen, buf);
    super::render_scrollbar(screen, total, scroll, buf);
    viewport
}
