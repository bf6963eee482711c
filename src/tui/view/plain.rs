//! Last passes over a drawn frame for terminals that want less: every
//! colour taken out (`NO_COLOR`), every glyph the app draws made ASCII
//! (`--ascii`). Done on the finished buffer, so nothing a widget draws is
//! missed, ratatui's own borders and scrollbars included.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Color, Modifier};

/// Takes every colour out of `area`. A cell that stood out by its
/// background (a warning, a notice) is reversed instead, so it still does.
pub fn strip_colors(buf: &mut Buffer, area: Rect) {
    let area = area.intersection(buf.area);
    for position in area.positions() {
        let Some(cell) = buf.cell_mut(position) else {
            continue;
        };
        if cell.bg != Color::Reset {
            cell.modifier.toggle(Modifier::REVERSED);
        }
        cell.fg = Color::Reset;
        cell.bg = Color::Reset;
    }
}

/// Replaces every non-ASCII glyph the app or ratatui draws in `area` with
/// an ASCII one of the same width. The roadmap's own text is left as
/// written, apart from typographic punctuation.
pub fn ascii_only(buf: &mut Buffer, area: Rect) {
    let area = area.intersection(buf.area);
    for position in area.positions() {
        let Some(cell) = buf.cell_mut(position) else {
            continue;
        };
        let symbol = cell.symbol();
        if symbol.is_ascii() {
            continue;
        }
        let mut chars = symbol.chars();
        if let (Some(c), None) = (chars.next(), chars.next())
            && let Some(plain) = ascii_for(c)
        {
            cell.set_char(plain);
        }
    }
}

/// The ASCII stand-in for a glyph, if it is one the app uses.
pub fn ascii_for(c: char) -> Option<char> {
    Some(match c {
        '─' | '━' | '═' | '╌' => '-',
        '│' | '┃' | '║' | '╎' => '|',
        '┌' | '┐' | '└' | '┘' | '├' | '┤' | '┬' | '┴' | '┼' | '╭' | '╮' | '╰' | '╯' => {
            '+'
        }
        '▸' | '▶' | '›' | '→' | '»' => '>',
        '◂' | '←' | '‹' | '«' => '<',
        '▾' | '▼' | '↓' => 'v',
        '▲' | '↑' => '^',
        '…' => '~',
        '·' | '•' | '●' => '*',
        '✎' => '@',
        '⚠' => '!',
        '█' | '▇' | '▆' | '▉' | '▊' | '▋' => '#',
        '▓' => '%',
        '▒' => '+',
        '░' => ':',
        '▄' | '▀' | '▌' | '▐' | '▁' | '▂' | '▃' | '▅' => '#',
        '–' | '—' => '-',
        '‘' | '’' => '\'',
        '“' | '”' => '"',
        '✓' | '✔' | '×' => 'x',
        '÷' => '/',
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use ratatui::style::Style;

    #[test]
    fn colours_go_and_a_coloured_background_becomes_reverse() {
        let mut buf = Buffer::empty(Rect::new(0, 0, 3, 1));
        buf.set_string(0, 0, "a", Style::new().fg(Color::Red));
        buf.set_string(1, 0, "b", Style::new().fg(Color::White).bg(Color::Red));
        let area = buf.area;
        strip_colors(&mut buf, area);
        for x in 0..3 {
            let cell = &buf[(x, 0)];
            assert_eq!((cell.fg, cell.bg), (Color::Reset, Color::Reset));
        }
        assert!(buf[(1, 0)].modifier.contains(Modifier::REVERSED));
        assert!(!buf[(0, 0)].modifier.contains(Modifier::REVERSED));
    }

    #[test]
    fn glyphs_become_ascii_and_text_is_kept() {
        let mut buf = Buffer::empty(Rect::new(0, 0, 12, 1));
        buf.set_string(0, 0, "┌▸✎…·Café", Style::new());
        let area = buf.area;
        ascii_only(&mut buf, area);
        let row: String = (0..12).map(|x| buf[(x, 0)].symbol()).collect();
        assert_eq!(row, "+>@~*Café   ");
    }
}
