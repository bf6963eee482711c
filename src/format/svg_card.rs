//! The progress card `roadmap export --format svg` writes, to show in a
//! README: the roadmap's title and overall percentage, the streak, the
//! heatmap of the last 26 weeks and a bar per level, as one SVG. Pure: a
//! [`Summary`] and an [`Activity`] in, text out. The one time it shows is
//! the activity's today, so a fixed state and clock give the same bytes.
//!
//! Inert and self-contained: no script, link, image, external font or
//! stylesheet, nothing it fetches. Its colours switch with the reader's
//! `prefers-color-scheme`, and each scheme paints its own background, so
//! the card reads the same on GitHub's light and dark pages whichever
//! scheme the browser picks. Text from the roadmap is cleaned as
//! everywhere ([`clean_line`]) and XML-escaped; every text is cut to its
//! room by an estimate of its width, since a card has no font metrics.

use std::fmt::Write as _;

use unicode_width::UnicodeWidthStr;

use crate::domain::activity::{Activity, HEATMAP_WEEKS, WEEKDAY_LABELS};
use crate::domain::calendar;
use crate::domain::calendar::MONTH_NAMES;
use crate::domain::fit::truncate;
use crate::domain::plural;
use crate::domain::safe_text::clean_line;
use crate::domain::summary::{Counts, Summary};

const WIDTH: u32 = 600;
const PAD: u32 = 24;
const RIGHT: u32 = WIDTH - PAD;
const CONTENT: u32 = WIDTH - 2 * PAD;

/// What one column of text (unicode-width's count, so a CJK character or
/// an emoji is two) is taken to need, in hundredths of the font size:
/// more than an average letter takes in any sans-serif font, bold or not,
/// so that text cut to an estimate fits the real thing.
const COLUMN_EM: u32 = 65;

/// The heatmap: a square per day, a column per week, Monday on top.
const CELL: u32 = 11;
const STEP: u32 = 14;
const GRID_X: u32 = PAD + 30;
const MONTHS_Y: u32 = 98;
const GRID_Y: u32 = 106;
const GRID_END: u32 = GRID_X + STEP * HEATMAP_WEEKS as u32 - (STEP - CELL);
const LEGEND_Y: u32 = GRID_Y + 7 * STEP + 14;
/// The streak and this week's count, right of the heatmap.
const FIGURES_X: u32 = GRID_END + 28;

/// The level bars, one row each, below the heatmap.
const LEVELS_Y: u32 = 242;
const LEVEL_ROW: u32 = 36;
const BAR_HEIGHT: u32 = 8;
/// Levels drawn at most; a line says how many more there are.
const MAX_LEVELS: usize = 24;

/// A text's look: its size (px) and weight, and its colour's class.
#[derive(Debug, Clone, Copy)]
struct Font {
    size: u32,
    bold: bool,
    class: &'static str,
}

impl Font {
    const fn regular(size: u32, class: &'static str) -> Font {
        Font {
            size,
            bold: false,
            class,
        }
    }

    const fn bold(size: u32, class: &'static str) -> Font {
        Font {
            size,
            bold: true,
            class,
        }
    }
}

const TITLE: Font = Font::bold(18, "fg");
const PERCENT: Font = Font::bold(28, "fg");
const FIGURE: Font = Font::bold(18, "fg");
const LABEL: Font = Font::regular(13, "fg");
const NOTE: Font = Font::regular(12, "muted");
const SMALL: Font = Font::regular(10, "muted");

/// The font stack is the system's; no emoji font is named, since a
/// renderer may then draw digits with it (librsvg does), and browsers find
/// one for emoji anyway.
///
/// Colours by class, light first; the dark ones are GitHub's dark theme's
/// own. Text keeps a contrast of 4.5:1 or more on its card's background,
/// the shades are GitHub's contribution graph's.
const STYLE: &str = "\
text { font-family: -apple-system, BlinkMacSystemFont, \"Segoe UI\", \"Noto Sans\", Helvetica, Arial, sans-serif; }
.card { fill: #ffffff; stroke: #d0d7de; }
.fg { fill: #1f2328; }
.muted { fill: #59636e; }
.track { fill: #eaeef2; }
.done { fill: #1a7f37; }
.h0 { fill: #ebedf0; }
.h1 { fill: #9be9a8; }
.h2 { fill: #40c463; }
.h3 { fill: #30a14e; }
.h4 { fill: #216e39; }
@media (prefers-color-scheme: dark) {
.card { fill: #0d1117; stroke: #3d444d; }
.fg { fill: #f0f6fc; }
.muted { fill: #9198a1; }
.track { fill: #262c36; }
.done { fill: #3fb950; }
.h0 { fill: #1e242c; }
.h1 { fill: #0e4429; }
.h2 { fill: #006d32; }
.h3 { fill: #26a641; }
.h4 { fill: #39d353; }
}
";

/// The card of `summary`, with `activity`'s streak, heatmap and date.
pub fn card(summary: &Summary, activity: &Activity) -> String {
    let shown = summary.levels.len().min(MAX_LEVELS);
    let more = summary.levels.len() - shown;
    // Both at most MAX_LEVELS + 1: no overflow.
    let rows = (shown + usize::from(more > 0)) as u32;
    let height = LEVELS_Y + rows * LEVEL_ROW + PAD - 8;
    let title = clean_line(&summary.roadmap.title);

    let mut out = String::new();
    let _ = writeln!(
        out,
        r#"<svg xmlns="http://www.w3.org/2000/svg" width="{WIDTH}" height="{height}" viewBox="0 0 {WIDTH} {height}">"#
    );
    let _ = writeln!(
        out,
        "<title>{}: {}% done</title>",
        escape(&title),
        summary.totals.percent
    );
    let _ = writeln!(out, "<style>\n{STYLE}</style>");
    let _ = writeln!(
        out,
        r#"<rect class="card" x="0.5" y="0.5" width="{}" height="{}" rx="6"/>"#,
        WIDTH - 1,
        height - 1
    );
    push_head(&mut out, &title, &summary.totals, activity);
    push_heatmap(&mut out, activity);
    push_figures(&mut out, activity);
    for (index, level) in summary.levels.iter().take(shown).enumerate() {
        let top = LEVELS_Y + index as u32 * LEVEL_ROW;
        push_level(&mut out, top, &clean_line(&level.title), &level.counts);
    }
    if more > 0 {
        let top = LEVELS_Y + shown as u32 * LEVEL_ROW;
        let text = format!(
            "and {}",
            plural::count_as(more, "more level", "more levels")
        );
        push_text(&mut out, PAD, top + 13, NOTE, Anchor::Start, &text, CONTENT);
    }
    out.push_str("</svg>\n");
    out
}

/// The title, and the percentage done right of it; the counts and the
/// date under them.
fn push_head(out: &mut String, title: &str, totals: &Counts, activity: &Activity) {
    let percent = format!("{}%", totals.percent);
    let room = CONTENT - width_of(&percent, PERCENT) - 16;
    push_clipped(out, PAD, 44, TITLE, title, room);
    push_text(out, RIGHT, 46, PERCENT, Anchor::End, &percent, CONTENT);
    let mut counts = format!(
        "{} of {} done",
        totals.done,
        plural::count(totals.total, "item")
    );
    if totals.in_progress > 0 {
        let _ = write!(counts, " · {} in progress", totals.in_progress);
    }
    if totals.skipped > 0 {
        let _ = write!(counts, " · {} skipped", totals.skipped);
    }
    // Day numbers come from Unix seconds, so this is back in their range.
    let today = u64::try_from(activity.today)
        .unwrap_or(0)
        .saturating_mul(86_400);
    let _ = write!(counts, " · as of {}", calendar::date(today));
    push_text(out, PAD, 68, NOTE, Anchor::Start, &counts, CONTENT);
}

/// The heatmap, laid out as the app's: weekday names left, month names
/// over the week each starts, a square per day up to today, the legend
/// under the last weeks.
fn push_heatmap(out: &mut String, activity: &Activity) {
    let column = |week: usize| GRID_X + week as u32 * STEP;
    let row = |weekday: usize| GRID_Y + weekday as u32 * STEP;
    // Left edge free for the next month's name, so names never touch.
    let mut free = GRID_X;
    for week in 0..HEATMAP_WEEKS {
        let Some(month) = activity.month_starting(week) else {
            continue;
        };
        let (x, name) = (column(week), MONTH_NAMES[month]);
        if x >= free {
            push_text(out, x, MONTHS_Y, SMALL, Anchor::Start, name, RIGHT - x);
            free = x + width_of(name, SMALL) + 4;
        }
    }
    for (weekday, label) in WEEKDAY_LABELS.iter().enumerate() {
        if let Some(label) = label {
            let y = row(weekday) + CELL - 2;
            push_text(out, PAD, y, SMALL, Anchor::Start, label, GRID_X - PAD);
        }
    }
    for week in 0..HEATMAP_WEEKS {
        for weekday in 0..7 {
            // Days after today have no square.
            if let Some(count) = activity.cell(week, weekday) {
                push_square(out, column(week), row(weekday), CELL, activity.shade(count));
            }
        }
    }
    // `Less ▪▪▪▪▪ More`, ending under the last week, as on GitHub.
    let more = width_of("More", SMALL);
    let squares_x = GRID_END - more - 4 - (5 * STEP - (STEP - CELL));
    for shade in 0..5 {
        push_square(
            out,
            squares_x + shade as u32 * STEP,
            LEGEND_Y - CELL + 2,
            CELL,
            shade,
        );
    }
    push_text(out, GRID_END, LEGEND_Y, SMALL, Anchor::End, "More", more);
    let less_x = squares_x - 4;
    push_text(
        out,
        less_x,
        LEGEND_Y,
        SMALL,
        Anchor::End,
        "Less",
        less_x - GRID_X,
    );
}

fn push_square(out: &mut String, x: u32, y: u32, size: u32, shade: usize) {
    let _ = writeln!(
        out,
        r#"<rect class="h{shade}" x="{x}" y="{y}" width="{size}" height="{size}" rx="2"/>"#
    );
}

/// The streaks and this week's count, as the progress view shows them.
fn push_figures(out: &mut String, activity: &Activity) {
    let room = RIGHT - FIGURES_X;
    let days = |n: u32| plural::count(n as usize, "day");
    let figures = [
        (GRID_Y + 8, NOTE, "Streak".to_owned()),
        (GRID_Y + 30, FIGURE, days(activity.current_streak)),
        (
            GRID_Y + 48,
            NOTE,
            format!("longest {}", days(activity.longest_streak)),
        ),
        (GRID_Y + 76, NOTE, "This week".to_owned()),
        (
            GRID_Y + 98,
            FIGURE,
            format!("{} completed", activity.this_week),
        ),
    ];
    for (y, font, text) in figures {
        push_text(
            out,
            FIGURES_X,
            y,
            shrunk(font, &text, room),
            Anchor::Start,
            &text,
            room,
        );
    }
}

/// A level's title and counts, its bar under them.
fn push_level(out: &mut String, top: u32, title: &str, counts: &Counts) {
    let figures = format!("{}/{} · {}%", counts.done, counts.total, counts.percent);
    let figures_width = width_of(&figures, NOTE).min(CONTENT / 2);
    push_text(
        out,
        RIGHT,
        top + 13,
        NOTE,
        Anchor::End,
        &figures,
        figures_width,
    );
    let room = CONTENT - figures_width - 12;
    push_clipped(out, PAD, top + 13, LABEL, title, room);
    let y = top + 20;
    let _ = writeln!(
        out,
        r#"<rect class="track" x="{PAD}" y="{y}" width="{CONTENT}" height="{BAR_HEIGHT}" rx="4"/>"#
    );
    // u128: no overflow whatever the counts; at most CONTENT.
    let done = match counts.total {
        0 => 0,
        total => (u128::from(CONTENT) * counts.done as u128 / total as u128) as u32,
    };
    if done > 0 {
        let _ = writeln!(
            out,
            r#"<rect class="done" x="{PAD}" y="{y}" width="{done}" height="{BAR_HEIGHT}" rx="4"/>"#
        );
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Anchor {
    /// `x` is where the text starts.
    Start,
    /// `x` is where it ends.
    End,
}

/// A `<text>` at `x`, `y` (its baseline): `text` cut to `room` pixels by
/// [`columns`], then escaped.
fn push_text(out: &mut String, x: u32, y: u32, font: Font, anchor: Anchor, text: &str, room: u32) {
    let text = truncate(text, columns(room, font));
    let _ = writeln!(
        out,
        r#"<text class="{}" x="{x}" y="{y}" font-size="{}"{}{}>{}</text>"#,
        font.class,
        font.size,
        if font.bold {
            r#" font-weight="600""#
        } else {
            ""
        },
        if anchor == Anchor::End {
            r#" text-anchor="end""#
        } else {
            ""
        },
        escape(&text)
    );
}

/// [`push_text`] for text from the roadmap, starting at `x`: also clipped
/// to its room by a viewport of its own (a nested `<svg>`), so that a
/// title of the widest letters, wider than any estimate, still ends there.
fn push_clipped(out: &mut String, x: u32, y: u32, font: Font, text: &str, room: u32) {
    let top = y - font.size;
    let _ = write!(
        out,
        r#"<svg x="{x}" y="{top}" width="{room}" height="{}" overflow="hidden">"#,
        font.size * 3 / 2
    );
    push_text(out, 0, font.size, font, Anchor::Start, text, room);
    // In place of the line break `push_text` ended with.
    out.pop();
    out.push_str("</svg>\n");
}

/// Columns of text that fit in `room` pixels in `font`.
fn columns(room: u32, font: Font) -> usize {
    (u64::from(room) * 100 / u64::from(font.size * COLUMN_EM)) as usize
}

/// The pixels `text` is taken to need in `font`, at most `u32::MAX`.
fn width_of(text: &str, font: Font) -> u32 {
    let width = text.width() as u64 * u64::from(font.size * COLUMN_EM);
    u32::try_from(width.div_ceil(100)).unwrap_or(u32::MAX)
}

/// `font`, smaller when `text` would not fit in `room` (a figure is better
/// smaller than cut), but no smaller than the notes'.
fn shrunk(font: Font, text: &str, room: u32) -> Font {
    let columns = text.width().max(1) as u64;
    let fitting = u64::from(room) * 100 / (columns * u64::from(COLUMN_EM));
    Font {
        size: font.size.min(fitting as u32).max(NOTE.size),
        ..font
    }
}

/// `text` with XML's five special characters as entities, so that it
/// reads as text in an element or an attribute.
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests;
