//! The progress view (`a`), over the whole screen: the overall bar and
//! counts, the streaks and this week's count, the heatmap of the last 26
//! weeks, then a bar for every level and its topics, scrolled as one list.
//! Reads the app only; returns how much of the list it showed.

use ratatui::buffer::Buffer;
use ratatui::layout::{Margin, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Widget};
use unicode_width::UnicodeWidthStr;

use super::heatmap::Heatmap;
use super::{fit_line, truncate};
use crate::domain::plural;
use crate::domain::progress::Tally;
use crate::tui::action::Action;
use crate::tui::app::App;
use crate::tui::app::overlay::ProgressView;
use crate::tui::layout::Viewport;
use crate::tui::theme::styles;

/// Rows above the list: five of figures, a blank, the heatmap, a blank.
const HEAD_ROWS: u16 = 5 + 1 + Heatmap::size().1 + 1;
/// Below this, the heatmap gives its rows to the list.
const MIN_ROWS_WITH_HEATMAP: u16 = HEAD_ROWS + 6;
/// Columns of a bar, at most; narrow screens get a shorter one.
const BAR: usize = 20;
/// Columns the counts after a bar need (`12/40 30%`).
const COUNTS: usize = 14;
/// Columns of a bar the labels leave at least, when they are long.
const MIN_BAR: usize = 10;

/// ` d goal · a/Esc close · j/k scroll `, with the keys as bound.
fn keys_hint(app: &App) -> String {
    let keys = app.keymap();
    let goal = keys
        .first_key(Action::SetGoal)
        .map(|key| format!("{} goal · ", key.label()))
        .unwrap_or_default();
    let close = keys
        .first_key(Action::ProgressView)
        .map(|key| format!("{}/", key.label()))
        .unwrap_or_default();
    format!(" {goal}{close}Esc close · j/k scroll ")
}

/// Rows the list shows on a screen of `area`, and how far it can scroll.
fn viewport(app: &App, area: Rect) -> Viewport {
    let page = usize::from(list_area(area).height).max(1);
    let rows: usize = app
        .roadmap()
        .levels
        .iter()
        .map(|level| 1 + level.topics.len())
        .sum();
    Viewport {
        page,
        max_scroll: rows.saturating_sub(page),
    }
}

fn inner(area: Rect) -> Rect {
    area.inner(Margin::new(1, 1))
}

fn shows_heatmap(area: Rect) -> bool {
    inner(area).height >= MIN_ROWS_WITH_HEATMAP
}

fn list_area(area: Rect) -> Rect {
    let inner = inner(area);
    let head = if shows_heatmap(area) { HEAD_ROWS } else { 6 };
    let head = head.min(inner.height);
    Rect {
        y: inner.y + head,
        height: inner.height - head,
        ..inner
    }
}

/// Draws the view on `area`; returns how much of its list shows.
pub fn render(app: &App, view: &ProgressView, area: Rect, buf: &mut Buffer) -> Viewport {
    let viewport = viewport(app, area);
    Clear.render(area, buf);
    let block = Block::bordered()
        .border_style(styles().border)
        .title(Span::styled(
            format!(" Progress · {} ", app.roadmap().title),
            styles().pane_title,
        ))
        .title_bottom(Line::styled(keys_hint(app), styles().dim).right_aligned());
    block.render(area, buf);
    let inner = inner(area);
    if inner.is_empty() {
        return viewport;
    }
    let overall = app.overall_tally();
    let plan = &view.plan;
    let activity = &view.activity;
    let pending = overall.total - overall.done - overall.in_progress - overall.skipped;
    let days = |n: u32| plural::count(n as usize, "day");
    let labels = label_width(app, inner.width);
    let head = [
        bar_line("Overall", overall, None, labels, inner.width, true),
        Line::from(vec![
            Span::styled(format!(" {} done", overall.done), styles().done),
            Span::styled(" · ", styles().dim),
            Span::styled(
                format!("{} in progress", overall.in_progress),
                styles().in_progress,
            ),
            Span::styled(" · ", styles().dim),
            Span::styled(format!("{} skipped", overall.skipped), styles().skipped),
            Span::styled(" · ", styles().dim),
            Span::raw(format!("{pending} to go")),
        ]),
        Line::from(vec![
            Span::styled(" Streak ", styles().heading),
            Span::raw(days(activity.current_streak)),
            Span::styled(
                format!(" (longest {})", days(activity.longest_streak)),
                styles().dim,
            ),
            Span::styled(" · ", styles().dim),
            Span::styled("This week ", styles().heading),
            Span::raw(format!("{} completed", activity.this_week)),
        ]),
        Line::from(vec![
            Span::styled(" Pace ", styles().heading),
            Span::raw(plan.pace_sentence()),
        ]),
        Line::from(vec![
            Span::styled(" Goal ", styles().heading),
            match plan.goal_sentence() {
                Some(goal) => Span::raw(goal),
                None => Span::styled(
                    match app.keymap().first_key(Action::SetGoal) {
                        Some(key) => format!("none yet ({} sets one)", key.label()),
                        None => "none yet".to_owned(),
                    },
                    styles().dim,
                ),
            },
        ]),
    ];
    for (line, row) in head.into_iter().zip(inner.rows()) {
        fit_line(line, usize::from(row.width)).render(row, buf);
    }
    if shows_heatmap(area) {
        let (_, height) = Heatmap::size();
        let map = Rect {
            x: inner.x + 1,
            y: inner.y + 6,
            width: inner.width.saturating_sub(1),
            height,
        };
        let glyphs = if app.appearance().ascii {
            [".", "-", "+", "*", "#"]
        } else {
            ["·", "░", "▒", "▓", "█"]
        };
        Heatmap {
            activity,
            glyphs,
            styles: styles().heat,
            label_style: styles().dim,
        }
        .render(map, buf);
    }
    let list = list_area(area);
    let scroll = view.scroll.min(viewport.max_scroll);
    let today = crate::domain::calendar::day(app.now());
    let goals = app.session().progress();
    for ((level, title, tally), row) in list_rows(app).skip(scroll).zip(list.rows()) {
        // A level's goal comes before its other counts: it is what a
        // learner set.
        let goal = level
            .and_then(|number| app.roadmap().levels.get(number - 1))
            .and_then(|level| goals.goal(&level.id))
            .map(|day| format!("goal {}", crate::domain::calendar::short(day, today)));
        bar_line(
            &label(level, title),
            tally,
            goal,
            labels,
            list.width,
            level.is_some(),
        )
        .render(row, buf);
    }
    viewport
}

/// A level's row, then its topics' rows, for every level: the level's
/// number (`None` on a topic's row), the title, the tally. Nothing is
/// formatted here, so rows scrolled past cost next to nothing.
fn list_rows(app: &App) -> impl Iterator<Item = (Option<usize>, &str, Tally)> + '_ {
    app.roadmap()
        .levels
        .iter()
        .enumerate()
        .flat_map(move |(index, level)| {
            let head = (
                Some(index + 1),
                level.title.as_str(),
                app.level_tally(index),
            );
            let topics =
                level.topics.iter().enumerate().map(move |(t, topic)| {
                    (None, topic.title.as_str(), app.tally_of_topic(index, t))
                });
            std::iter::once(head).chain(topics)
        })
}

/// A row's label: `1 Beginner` for a level, `  Caching` for a topic.
fn label(level: Option<usize>, title: &str) -> String {
    match level {
        Some(number) => format!("{number} {title}"),
        None => format!("  {title}"),
    }
}

/// Columns of the label column on a row `width` wide: the longest label
/// and a space where that leaves a bar and its counts room and takes at
/// most half the row, else what it can have (the labels are cut), at
/// least 10.
fn label_width(app: &App, width: u16) -> usize {
    // Measured, not formatted: this runs over every row at every frame.
    let longest = list_rows(app)
        .map(|(level, title, _)| {
            let prefix = level.map_or(2, |number| number.to_string().len() + 1);
            prefix + title.width()
        })
        .chain(["Overall".width()])
        .max()
        .unwrap_or(0);
    let room = usize::from(width).saturating_sub(1 + MIN_BAR + COUNTS);
    (longest + 2).min(room).min(usize::from(width) / 2).max(10)
}

/// `Beginner          ████████░░░░ 8/12 66% · 1 in progress · 2 skipped`:
/// the label cut to fit `label_width`, the bar, the counts (cut at the
/// end of the row).
fn bar_line(
    label: &str,
    tally: Tally,
    goal: Option<String>,
    label_width: usize,
    width: u16,
    strong: bool,
) -> Line<'static> {
    let label = truncate(label, label_width - 1);
    let pad = label_width.saturating_sub(label.width());
    let bar = usize::from(width)
        .saturating_sub(label_width + 1 + COUNTS)
        .clamp(4, BAR);
    let filled = (tally.ratio() * bar as f64).round() as usize;
    let filled = if tally.done > 0 { filled.max(1) } else { 0 }.min(bar);
    let room = usize::from(width).saturating_sub(1 + label_width + bar);
    // Whole counts only, and `…` when some did not fit.
    let mut counts = format!(" {}/{} {}%", tally.done, tally.total, tally.percent());
    let extras = [
        (tally.in_progress, "in progress"),
        (tally.skipped, "skipped"),
    ];
    let extras = goal.into_iter().chain(
        extras
            .into_iter()
            .filter(|(count, _)| *count > 0)
            .map(|(count, what)| format!("{count} {what}")),
    );
    for extra in extras {
        let extra = format!(" · {extra}");
        if counts.width() + extra.width() > room {
            counts.push_str(" …");
            break;
        }
        counts.push_str(&extra);
    }
    let label_style = if strong {
        styles().heading
    } else {
        styles().count
    };
    Line::from(vec![
        Span::styled(format!(" {label}{}", " ".repeat(pad)), label_style),
        Span::styled("█".repeat(filled), styles().gauge_filled),
        Span::styled("░".repeat(bar - filled), styles().gauge_unfilled),
        Span::styled(truncate(&counts, room).into_owned(), styles().dim),
    ])
}
