//! The activity heatmap: an [`Activity`] drawn as a contribution graph,
//! one column per week and one row per weekday, with month names above
//! and a legend below. Glyphs and styles come from the caller, so the
//! same widget draws in ASCII and without colour.
//! A plain widget: it knows nothing of the app.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Widget;

use crate::domain::activity::{Activity, HEATMAP_WEEKS, WEEKDAY_LABELS};
use crate::domain::calendar::MONTH_NAMES;

/// Columns left of the grid for the weekday names.
const GUTTER: u16 = 4;
/// Columns per week: a glyph, then a space so the squares stand apart.
const CELL: u16 = 2;
/// The month row, seven weekdays, the legend.
const ROWS: u16 = 9;

pub struct Heatmap<'a> {
    pub activity: &'a Activity,
    /// Glyph per shade `0..=4`, e.g. `["·", "░", "▒", "▓", "█"]` or ASCII
    /// `[".", "-", "+", "*", "#"]`. One column wide each (two at most: a
    /// wide glyph covers the gap after it).
    pub glyphs: [&'a str; 5],
    /// Style per shade `0..=4` (plain styles when colour is off). Only the
    /// glyph is styled, not the gap after it, so a background colour still
    /// shows separate squares.
    pub styles: [Style; 5],
    /// Weekday and month names and the legend's words.
    pub label_style: Style,
}

impl Heatmap<'_> {
    /// Columns and rows it needs to draw whole.
    pub const fn size() -> (u16, u16) {
        (GUTTER + CELL * HEATMAP_WEEKS as u16, ROWS)
    }
}

impl Widget for Heatmap<'_> {
    /// In a smaller area it gives up, in this order: the oldest weeks (the
    /// most recent ones that fit stay), the legend, the month row, Sunday
    /// upwards; and the weekday names once not even one week fits beside
    /// them.
    fn render(self, area: Rect, buf: &mut Buffer) {
        // Never write outside the buffer, whatever area we are given.
        let area = area.intersection(buf.area);
        let has_months = area.height >= ROWS - 1;
        let has_legend = area.height >= ROWS;
        let gutter = if area.width >= GUTTER + CELL {
            GUTTER
        } else {
            0
        };
        let weeks = usize::from((area.width - gutter) / CELL).min(HEATMAP_WEEKS);
        if weeks == 0 || area.height == 0 {
            return;
        }
        let first_week = HEATMAP_WEEKS - weeks;
        let grid_x = area.x + gutter;
        let grid_y = area.y + u16::from(has_months);
        let day_rows = (area.bottom() - grid_y).min(7);
        // Column of the i-th shown week; fits in u16 as it is inside `area`.
        let column = |i: usize| grid_x + CELL * i as u16;

        if has_months {
            self.render_months(first_week, weeks, column, area, buf);
        }

        for row in 0..day_rows {
            let y = grid_y + row;
            let weekday = usize::from(row);
            if gutter > 0
                && let Some(label) = WEEKDAY_LABELS[weekday]
            {
                buf.set_stringn(area.x, y, label, usize::from(GUTTER - 1), self.label_style);
            }
            for i in 0..weeks {
                // Days after today have no square at all.
                if let Some(count) = self.activity.cell(first_week + i, weekday) {
                    let shade = self.activity.shade(count);
                    let x = column(i);
                    let room = usize::from(CELL.min(area.right() - x));
                    buf.set_stringn(x, y, self.glyphs[shade], room, self.styles[shade]);
                }
            }
        }

        if has_legend {
            // Ends under the last square, like GitHub's.
            let grid_end = column(weeks) - 1;
            self.render_legend(area, grid_end, area.bottom() - 1, buf);
        }
    }
}

impl Heatmap<'_> {
    /// A month's name over the week it starts
    /// ([`Activity::month_starting`]), where it fits.
    fn render_months(
        &self,
        first_week: usize,
        weeks: usize,
        column: impl Fn(usize) -> u16,
        area: Rect,
        buf: &mut Buffer,
    ) {
        // First column free for the next name: one space after the last.
        let mut free = area.x;
        for i in 0..weeks {
            let Some(month) = self.activity.month_starting(first_week + i) else {
                continue;
            };
            let name = MONTH_NAMES[month];
            let x = column(i);
            let end = x + name.len() as u16;
            // A name cut short, or run into the last, would be misread.
            if x >= free && end <= area.right() {
                buf.set_string(x, area.y, name, self.label_style);
                free = end + 1;
            }
        }
    }

    /// `less · ░ ▒ ▓ █ more`, right-aligned to end at `end` (exclusive);
    /// without the words when they do not fit, and not at all when the
    /// glyphs alone do not.
    fn render_legend(&self, area: Rect, end: u16, y: u16, buf: &mut Buffer) {
        let mut glyphs = Vec::new();
        for (shade, (glyph, style)) in self.glyphs.iter().zip(self.styles).enumerate() {
            if shade > 0 {
                glyphs.push(Span::raw(" "));
            }
            glyphs.push(Span::styled(*glyph, style));
        }
        let mut worded = vec![Span::styled("less ", self.label_style)];
        worded.extend(glyphs.iter().cloned());
        worded.push(Span::styled(" more", self.label_style));
        let Some(line) = [Line::from(worded), Line::from(glyphs)]
            .into_iter()
            .find(|line| line.width() <= usize::from(area.width))
        else {
            return;
        };
        // Fits in the area, so fits in u16.
        let width = line.width() as u16;
        let x = end
            .saturating_sub(width)
            .max(area.x)
            .min(area.right() - width);
        buf.set_line(x, y, &line, width);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ratatui::Terminal;
    use ratatui::backend::TestBackend;
    use ratatui::style::Color;

    const DAY: u64 = 86_400;
    /// 2026-11-18, a Wednesday, 12:00 UTC.
    const NOW: u64 = 1_794_960_000 + 12 * 3600;
    const ASCII: [&str; 5] = [".", "-", "+", "*", "#"];
    const BLOCKS: [&str; 5] = ["·", "░", "▒", "▓", "█"];

    fn activity() -> Activity {
        let days_ago = |days: u64, times: usize| std::iter::repeat_n(NOW - days * DAY, times);
        // Today 4 (the busiest), yesterday 1, Monday 2; 2026-11-02 (a
        // Monday) 3; 2026-10-25 (a Sunday) 1.
        let completions = days_ago(0, 4)
            .chain(days_ago(1, 1))
            .chain(days_ago(2, 2))
            .chain(days_ago(16, 3))
            .chain(days_ago(24, 1));
        Activity::from_completions(completions, NOW)
    }

    fn heatmap<'a>(activity: &'a Activity, glyphs: [&'a str; 5]) -> Heatmap<'a> {
        Heatmap {
            activity,
            glyphs,
            styles: [Style::new(); 5],
            label_style: Style::new(),
        }
    }

    fn render(widget: Heatmap<'_>, width: u16, height: u16) -> Buffer {
        let mut buf = Buffer::empty(Rect::new(0, 0, width, height));
        widget.render(buf.area, &mut buf);
        buf
    }

    #[test]
    fn draws_the_most_recent_weeks_that_fit() {
        let activity = activity();
        // Ten weeks: Mondays from 2026-09-14 to 2026-11-16.
        let buf = render(heatmap(&activity, ASCII), 4 + 2 * 10, 9);
        #[rustfmt::skip]
        let expected = Buffer::with_lines([
            "          Oct     Nov   ",
            "Mon . . . . . . . * . + ",
            "    . . . . . . . . . - ",
            "Wed . . . . . . . . . # ",
            "    . . . . . . . . .   ",
            "Fri . . . . . . . . .   ",
            "    . . . . . . . . .   ",
            "    . . . . . - . . .   ",
            "    less . - + * # more ",
        ]);
        assert_eq!(buf, expected);
    }

    #[test]
    fn the_whole_graph_fits_its_size() {
        let activity = activity();
        let (width, height) = Heatmap::size();
        assert_eq!((width, height), (56, 9));
        let buf = render(heatmap(&activity, BLOCKS), width, height);
        let line = |y: u16| (0..width).map(|x| buf[(x, y)].symbol()).collect::<String>();
        // First Monday 2026-05-25; June starts on the second week, and
        // Nov's name, on the 24th week, still fits whole.
        assert_eq!(
            line(0),
            "      Jun       Jul     Aug       Sep     Oct     Nov   "
        );
        assert_eq!(
            line(1),
            "Mon · · · · · · · · · · · · · · · · · · · · · · · ▓ · ▒ "
        );
        assert_eq!(
            line(3),
            "Wed · · · · · · · · · · · · · · · · · · · · · · · · · █ "
        );
        assert_eq!(
            line(8),
            "                                    less · ░ ▒ ▓ █ more "
        );
    }

    #[test]
    fn month_names_that_would_not_fit_whole_are_left_out() {
        // Monday 2026-11-30 starts the last week: December's name would
        // need three columns where the area has two.
        let now = NOW + 12 * DAY;
        let activity = Activity::from_completions([], now);
        let buf = render(heatmap(&activity, ASCII), 4 + 2 * 3, 9);
        #[rustfmt::skip]
        let expected = Buffer::with_lines([
            "          ",
            "Mon . . . ",
            "    . .   ",
            "Wed . .   ",
            "    . .   ",
            "Fri . .   ",
            "    . .   ",
            "    . .   ",
            ". - + * # ",
        ]);
        assert_eq!(buf, expected);
    }

    #[test]
    fn short_areas_drop_the_legend_then_the_months() {
        let activity = activity();
        let buf = render(heatmap(&activity, ASCII), 6, 8);
        assert_eq!(
            buf,
            Buffer::with_lines([
                "      ", "Mon + ", "    - ", "Wed # ", "      ", "Fri   ", "      ", "      ",
            ])
        );
        let buf = render(heatmap(&activity, ASCII), 6, 3);
        assert_eq!(buf, Buffer::with_lines(["Mon + ", "    - ", "Wed # "]));
        // Too narrow for the names beside a week: the squares alone.
        let buf = render(heatmap(&activity, ASCII), 5, 2);
        assert_eq!(buf, Buffer::with_lines([". +  ", ". -  "]));
    }

    #[test]
    fn glyphs_carry_their_shades_style_and_the_gap_stays_plain() {
        let activity = activity();
        let styles = [
            Style::new().fg(Color::DarkGray),
            Style::new().green(),
            Style::new().green(),
            Style::new().green(),
            Style::new().on_green(),
        ];
        let label_style = Style::new().bold();
        let widget = Heatmap {
            styles,
            label_style,
            ..heatmap(&activity, BLOCKS)
        };
        let buf = render(widget, 4 + 2 * 2, 9);
        // Row 3 is Wednesday: last week's square is today's, the busiest.
        assert_eq!(buf[(6, 3)].symbol(), "█");
        assert_eq!(buf[(6, 3)].bg, Color::Green);
        assert_eq!(buf[(7, 3)].bg, Color::Reset);
        assert_eq!(buf[(4, 3)].fg, Color::DarkGray);
        assert_eq!(buf[(0, 3)].symbol(), "W");
        assert_eq!(buf[(0, 3)].modifier, label_style.add_modifier);
    }

    #[test]
    fn draws_inside_an_offset_area_only() {
        let activity = activity();
        let mut buf = Buffer::filled(Rect::new(0, 0, 30, 12), ratatui::buffer::Cell::new("x"));
        let area = Rect::new(3, 2, 8, 9);
        heatmap(&activity, ASCII).render(area, &mut buf);
        for y in 0..12 {
            for x in 0..30 {
                let inside = area.contains((x, y).into());
                if !inside {
                    assert_eq!(buf[(x, y)].symbol(), "x", "({x}, {y})");
                }
            }
        }
        assert_eq!(buf[(3, 3)].symbol(), "M");
    }

    /// Every size from nothing up to wider than the graph, in a terminal
    /// and in areas partly outside the buffer, draws without panicking.
    #[test]
    fn draws_at_every_small_size_without_panicking() {
        let activities = [
            activity(),
            Activity::from_completions([], 0),
            Activity::from_completions([u64::MAX], u64::MAX),
        ];
        for activity in &activities {
            for width in 0..60 {
                for height in 0..12 {
                    let mut terminal = Terminal::new(TestBackend::new(width, height)).unwrap();
                    terminal
                        .draw(|frame| frame.render_widget(heatmap(activity, BLOCKS), frame.area()))
                        .unwrap();
                    let mut buf = Buffer::empty(Rect::new(0, 0, width, height));
                    let beyond = Rect::new(width / 2, height / 2, 60, 12);
                    heatmap(activity, ["🟩"; 5]).render(beyond, &mut buf);
                }
            }
        }
    }
}
