//! Drawing the app: [`render`] reads the app and writes a frame, and
//! records in a [`Layout`] what it drew where (pane sizes, scroll offsets
//! it settled on, click regions) for the app to read at the next input.
//! The view never changes the app and never does I/O. Each pane has a
//! module; this one owns the screen layout and the shared text helpers.

mod continue_view;
mod details;
mod entries;
mod goal_prompt;
pub mod heatmap;
mod help;
mod links;
mod outline;
mod picker;
mod plain;
mod progress_view;
mod prompt;
mod reading;
mod results;
mod text;

use ratatui::Frame;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{LineGauge, Tabs, Widget};
use unicode_width::UnicodeWidthStr;

use crate::domain::safe_text::clean_line;
use crate::tui::action::Action;
use crate::tui::app::App;
use crate::tui::app::overlay::Overlay;
use crate::tui::layout::{Layout, Viewport};
use crate::tui::theme::{self, styles};
pub(crate) use text::{fit_line, title_before, truncate, wrap};

/// Below this width the tree and the details stack in one column.
pub const TWO_COLUMN_MIN_WIDTH: u16 = 90;

/// On one column, the details get a pane of their own from this many
/// rows between the tabs and the footer; below, `v` shows them.
const ONE_COLUMN_DETAILS_MIN_HEIGHT: u16 = 14;

/// From this screen height on, a line above the footer is kept for
/// messages, whether or not there is one.
const MESSAGE_LINE_MIN_HEIGHT: u16 = 20;

/// Draws the whole screen, and says what was drawn where.
pub fn draw(frame: &mut Frame, app: &App) -> Layout {
    let area = frame.area();
    render(app, area, frame.buffer_mut())
}

/// Where each part of the screen goes; the outline's height is also what
/// the [`Layout`] records as a page of the tree.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Areas {
    title: Rect,
    tabs: Rect,
    outline: Rect,
    details: Option<Rect>,
    messages: Rect,
    footer: Rect,
}

impl Areas {
    #[cfg(test)]
    fn new(area: Rect, app: &App) -> Areas {
        Areas::with_messages(
            area,
            messages(app, flash_above_footer(area), area.width).len(),
        )
    }

    /// The layout when `message_count` message rows are wanted (known
    /// already when drawing, so they are not built twice).
    ///
    /// The panes are sized from the screen alone, never from what the
    /// selection has to say: moving through the tree must not make it
    /// jump. The details scroll instead. A screen at least
    /// [`MESSAGE_LINE_MIN_HEIGHT`] rows tall keeps a line for what the
    /// last key did, so its message coming and going moves nothing
    /// either; more messages than that come out of the details first.
    fn with_messages(area: Rect, message_count: usize) -> Areas {
        // Tiny screens drop the title row first, then the details.
        let title_rows = u16::from(area.height >= 12);
        // Messages never take more than a third of the screen.
        let message_rows = u16::try_from(message_count)
            .unwrap_or(u16::MAX)
            .min(area.height / 3);
        // Cut by hand rather than by `Layout`: its constraint solver costs
        // half a millisecond the first time, a third of the first frame.
        // On a screen too short for all, the footer stays, then the tabs.
        let mut body = area;
        let footer = take_bottom(&mut body, 1);
        let title = take_top(&mut body, title_rows);
        let tabs = take_top(&mut body, 1);
        let kept = u16::from(area.height >= MESSAGE_LINE_MIN_HEIGHT).min(body.height);
        let steady = body.height - kept;
        let messages = take_bottom(&mut body, message_rows.max(kept));
        let (outline, details) = if area.width >= TWO_COLUMN_MIN_WIDTH {
            let mut outline = body;
            let details = take_right(&mut outline, fraction(body.width, 45, 100));
            (outline, Some(details))
        } else if steady >= ONE_COLUMN_DETAILS_MIN_HEIGHT {
            // Two fifths for the details, enough for an item's title,
            // status and the start of its description.
            let details_rows = fraction(steady, 2, 5).max(6);
            let outline = take_top(&mut body, steady - details_rows);
            // Messages beyond the kept line took their rows from the
            // details; a sliver too thin to read is left out.
            let details = (body.height >= 3).then_some(body);
            (outline, details)
        } else {
            (body, None)
        };
        Areas {
            title,
            tabs,
            outline,
            details,
            messages,
            footer,
        }
    }
}

/// Every level's tab, `1 Beginner 40%`, fitted to `width` columns as
/// `Tabs` draws them (a space each side, a divider between): the titles
/// are shortened, all to the same length, before the percentages go.
fn tab_titles(app: &App, width: u16) -> Vec<String> {
    let tabs: Vec<(String, &str, String)> = app
        .roadmap()
        .levels
        .iter()
        .enumerate()
        .map(|(index, level)| {
            let percent = app.level_tally(index).percent();
            (
                format!("{} ", index + 1),
                level.title.as_str(),
                format!(" {percent}%"),
            )
        })
        .collect();
    let width = usize::from(width);
    let fits = |titles: &[String]| {
        let used: usize = titles.iter().map(|title| title.width() + 3).sum();
        used.saturating_sub(1) <= width
    };
    let longest = tabs
        .iter()
        .map(|(_, title, _)| title.width())
        .max()
        .unwrap_or(0);
    // From whole titles down to a letter and `…`: the widest room that
    // fits, found by measuring (a title cut to `room` is at most that
    // wide), then formatted once.
    let fixed: usize = tabs
        .iter()
        .map(|(number, _, percent)| number.width() + percent.width() + 3)
        .sum();
    let room = (2..=longest).rev().find(|&room| {
        let titles: usize = tabs
            .iter()
            .map(|(_, title, _)| title.width().min(room))
            .sum();
        (fixed + titles).saturating_sub(1) <= width
    });
    if let Some(room) = room {
        let titles: Vec<String> = tabs
            .iter()
            .map(|(number, title, percent)| format!("{number}{}{percent}", truncate(title, room)))
            .collect();
        if fits(&titles) {
            return titles;
        }
    }
    let bare: Vec<String> = tabs
        .iter()
        .map(|(number, _, percent)| format!("{}{percent}", number.trim_end()))
        .collect();
    if fits(&bare) || tabs.is_empty() {
        return bare;
    }
    // Not even the numbers fit: the tabs end in `…` where they are cut.
    let mut left = width;
    bare.into_iter()
        .map(|title| {
            let shown = truncate(&title, left.saturating_sub(2)).into_owned();
            left = left.saturating_sub(shown.width() + 3);
            shown
        })
        .collect()
}

/// Draws `app` on `area` of `buf`, and says what was drawn where.
pub fn render(app: &App, area: Rect, buf: &mut Buffer) -> Layout {
    let appearance = app.appearance();
    theme::set_current(appearance.theme);
    let flash_above = flash_above_footer(area);
    let messages = messages(app, flash_above, area.width);
    let areas = Areas::with_messages(area, messages.len());
    let tree_rows = usize::from(areas.outline.height.saturating_sub(2));
    let mut layout = Layout {
        tree_rows,
        // Scrolled for this screen even when the tree is not drawn (the
        // progress view or the search's hits over it), as the outline
        // scrolls it when it is: it shows as it should once uncovered.
        tree_offset: app.tree().offset_for(tree_rows),
        ..Layout::default()
    };
    if let Some(view) = app.progress_view() {
        layout.progress = progress_view::render(app, view, area, buf);
        return finish(appearance, area, buf, layout);
    }
    // Opened from the progress view: drawn over it.
    if let Some(Overlay::Goal {
        prompt,
        from: Some(view),
    }) = app.overlay()
    {
        layout.progress = progress_view::render(app, view, area, buf);
        goal_prompt::render(app, prompt, area, buf);
        return finish(appearance, area, buf, layout);
    }
    if let Some(view) = app.reading() {
        layout.reading = reading::render(app, view, area, buf);
        return finish(appearance, area, buf, layout);
    }
    render_title(app, areas.title, buf);
    render_tabs(app, areas.tabs, buf, &mut layout);
    outline::render(app, areas.outline, buf, &mut layout);
    match areas.details {
        Some(details) => layout.details = details::render(app, details, buf),
        None => render_details_hint(app, areas.outline, buf),
    }
    for (row, (text, style)) in areas.messages.rows().zip(messages) {
        // A whole row stands out, however short its text.
        buf.set_style(row, style);
        Span::styled(truncate(&text, usize::from(row.width)), style).render(row, buf);
    }
    let flash = app.flash().filter(|_| !flash_above);
    render_footer(app, flash, areas.footer, buf);
    match app.overlay() {
        Some(Overlay::Help(help)) => layout.help = help::render(app, *help, area, buf),
        Some(Overlay::Picker(picker)) => picker::render(picker, area, buf),
        Some(Overlay::Links(chooser)) => links::render(chooser, area, buf),
        Some(Overlay::Continue(view)) => continue_view::render(app.roadmap(), view, area, buf),
        Some(Overlay::Prompt(prompt)) => prompt::render(app, prompt, area, buf),
        Some(Overlay::Goal { prompt, .. }) => goal_prompt::render(app, prompt, area, buf),
        _ => {}
    }
    finish(appearance, area, buf, layout)
}

/// The passes for terminals that want no colour or only ASCII.
fn finish(appearance: theme::Appearance, area: Rect, buf: &mut Buffer, layout: Layout) -> Layout {
    if !appearance.color {
        plain::strip_colors(buf, area);
    }
    if appearance.ascii {
        plain::ascii_only(buf, area);
    }
    layout
}

/// Whether what the last key did shows on the line kept for it above the
/// footer; on a screen too short to keep one, it shows in the footer in
/// place of the key hints, so it takes no row from the tree either.
fn flash_above_footer(area: Rect) -> bool {
    area.height >= MESSAGE_LINE_MIN_HEIGHT
}

/// The rows above the footer, most urgent first: progress not being
/// saved (or waiting for the lock), then notices about the state file
/// (until `Esc`), then what the last key did (when `flash` says it shows
/// there). The text may name files and keys from the state file, so it is
/// made safe to print. A warning or notice too long for a row of `width`
/// goes on over [`MESSAGE_MAX_ROWS`] rows (an error names a file or a
/// remote, and its reason comes last); one row each for the flash.
fn messages(app: &App, flash: bool, width: u16) -> Vec<(String, Style)> {
    let mut lines = Vec::new();
    if let Some(reason) = app.read_only() {
        let text = format!(" ⚠ Read-only, progress is NOT being saved: {reason}");
        lines.push((clean_line(&text), styles().warning));
    } else if let Some(error) = app.save_error() {
        let text = format!(" ⚠ Progress is NOT being saved: {error}");
        lines.push((clean_line(&text), styles().warning));
    } else if let Some(lock) = app.waiting_for_lock() {
        let text = format!(" ⚠ Not saved yet (retrying): another process holds the lock {lock}");
        lines.push((clean_line(&text), styles().warning));
    }
    for notice in app.notices() {
        let text = format!(" ! {notice} (Esc: dismiss)");
        lines.push((clean_line(&text), styles().notice));
    }
    let mut rows: Vec<(String, Style)> = lines
        .into_iter()
        .flat_map(|(text, style)| {
            wrapped_message(&text, usize::from(width))
                .into_iter()
                .map(move |row| (row, style))
        })
        .collect();
    if let Some(flash) = app.flash().filter(|_| flash) {
        rows.push((format!(" {}", clean_line(flash)), styles().dim));
    }
    rows
}

/// Most rows one message takes: the rest of a longer one is cut.
const MESSAGE_MAX_ROWS: usize = 3;

/// `text` (a space, its mark and a space: ` ! `) over at most
/// [`MESSAGE_MAX_ROWS`] rows of `width`, the rows after the first
/// indented under its words; the last row is cut (with `…`, when drawn)
/// if the text goes on.
fn wrapped_message(text: &str, width: usize) -> Vec<String> {
    const INDENT: &str = "   ";
    if text.width() <= width || width < INDENT.len() + 10 {
        return vec![text.to_owned()];
    }
    let mut rows = text::wrap(text.trim_start(), width - INDENT.len());
    if rows.len() > MESSAGE_MAX_ROWS {
        let last = rows[MESSAGE_MAX_ROWS - 1..].join(" ");
        rows.truncate(MESSAGE_MAX_ROWS - 1);
        rows.push(last);
    }
    for (index, row) in rows.iter_mut().enumerate() {
        let indent = if index == 0 { " " } else { INDENT };
        row.insert_str(0, indent);
    }
    rows
}

/// On a screen too small for the details pane, the tree's bottom border
/// says which key shows them.
fn render_details_hint(app: &App, outline: Rect, buf: &mut Buffer) {
    let Some(key) = app.keymap().first_key(Action::ReadItem) else {
        return;
    };
    if app.is_typing() || app.selection().is_none() || outline.height < 3 {
        return;
    }
    let hint = format!(" {} details ", key.label());
    let border = Rect {
        x: outline.x + 1,
        y: outline.bottom() - 1,
        width: outline.width.saturating_sub(2),
        height: 1,
    };
    if usize::from(border.width) >= hint.width() + 2 {
        Line::styled(hint, styles().dim)
            .right_aligned()
            .render(border, buf);
    }
}

fn render_title(app: &App, area: Rect, buf: &mut Buffer) {
    let roadmap = app.roadmap();
    let title = format!(" {}", roadmap.title);
    let id = format!("  ({})", roadmap.id);
    // The id goes before the title is cut.
    let room = usize::from(area.width);
    let id = if title.width() + id.width() <= room {
        id
    } else {
        String::new()
    };
    Line::from(vec![
        Span::styled(truncate(&title, room).into_owned(), styles().title),
        Span::styled(id, styles().dim),
    ])
    .render(area, buf);
}

fn render_tabs(app: &App, area: Rect, buf: &mut Buffer, layout: &mut Layout) {
    let titles = tab_titles(app, area.width);
    // Where each tab is, as `Tabs` lays them out: a space, the title, a
    // space, a divider.
    layout.tabs = area;
    let mut start = area.x;
    for title in &titles {
        let end = start.saturating_add(u16::try_from(title.width() + 2).unwrap_or(u16::MAX));
        layout.tab_spans.push((start, end));
        start = end.saturating_add(1);
    }
    Tabs::new(titles.into_iter().map(Line::from))
        .select(app.level_index())
        .style(styles().tab)
        .highlight_style(styles().tab_selected)
        .divider("│")
        .render(area, buf);
}

/// The key hints (or `flash`, what the last key did, in their place) and
/// the overall gauge.
fn render_footer(app: &App, flash: Option<&str>, area: Rect, buf: &mut Buffer) {
    let gauge_width = if area.width >= 40 {
        (area.width / 3).clamp(16, 40)
    } else {
        0
    };
    let mut hints = area;
    let gauge = take_right(&mut hints, gauge_width);
    if let Some(search) = app.search().filter(|search| search.is_typing()) {
        results::render_prompt(search, hints, buf);
        hints = Rect::default();
    } else if let Some(flash) = flash {
        let text = format!(" {}", clean_line(flash));
        // A column apart from the gauge.
        let room = usize::from(hints.width.saturating_sub(1));
        Span::styled(truncate(&text, room), styles().dim).render(hints, buf);
        hints = Rect::default();
    } else if app.hides_finished() {
        let tag = " done & skipped hidden (f) ";
        let tag_width = u16::try_from(tag.width()).unwrap_or(u16::MAX);
        if hints.width >= tag_width + 10 {
            Span::styled(tag, styles().notice).render(take_right(&mut hints, tag_width), buf);
        }
    }
    // Whole hints only (a hint cut in half reads as another key), and when
    // not all fit, the most important ones, still in their usual order.
    let all = app.keymap().footer_hints();
    let mut by_priority: Vec<usize> = (0..all.len()).collect();
    by_priority.sort_by_key(|&i| all[i].priority);
    let mut shown = vec![false; all.len()];
    let mut used = 1;
    for i in by_priority {
        let width = all[i].keys.width() + all[i].word.width() + 3;
        if used + width <= usize::from(hints.width) {
            used += width;
            shown[i] = true;
        }
    }
    if !hints.is_empty() {
        let mut spans = vec![Span::raw(" ")];
        for (hint, _) in all.iter().zip(&shown).filter(|(_, shown)| **shown) {
            spans.push(Span::styled(hint.keys.clone(), styles().key));
            spans.push(Span::styled(format!(" {}  ", hint.word), styles().dim));
        }
        Line::from(spans).render(hints, buf);
    }
    if gauge_width > 0 {
        let overall = app.overall_tally();
        LineGauge::default()
            .ratio(overall.ratio())
            .label(format!(
                "{}/{} {}% ",
                overall.done,
                overall.total,
                overall.percent()
            ))
            .filled_style(styles().gauge_filled)
            .unfilled_style(styles().gauge_unfilled)
            .render(gauge, buf);
    }
}

/// An overlay's key hints (`Enter` "go there", …), the most important
/// first, in `width` columns: whole hints only, as in the footer (half a
/// hint reads as another key), and `…` where some were left out.
fn key_hints(hints: &[(&str, &str)], width: u16) -> Line<'static> {
    const MORE: &str = " …";
    let gap = |index: usize| if index == 0 { " " } else { "   " };
    let widths: Vec<usize> = hints
        .iter()
        .enumerate()
        .map(|(index, (keys, word))| gap(index).width() + keys.width() + 1 + word.width())
        .collect();
    let fits = |shown: usize| {
        let more = if shown < hints.len() { MORE.width() } else { 0 };
        widths[..shown].iter().sum::<usize>() + more <= usize::from(width)
    };
    let shown = (0..=hints.len())
        .rev()
        .find(|&shown| fits(shown))
        .unwrap_or(0);
    let mut spans = Vec::new();
    for (index, (keys, word)) in hints.iter().enumerate().take(shown) {
        spans.push(Span::styled(format!("{}{keys}", gap(index)), styles().key));
        spans.push(Span::styled(format!(" {word}"), styles().dim));
    }
    if shown < hints.len() && fits(shown) {
        spans.push(Span::styled(MORE, styles().dim));
    }
    Line::from(spans)
}

/// `length * numerator / denominator`, computed wide: a terminal may be
/// wider than `u16` arithmetic allows for (1,457 columns × 45).
fn fraction(length: u16, numerator: u32, denominator: u32) -> u16 {
    let part = u32::from(length) * numerator / denominator.max(1);
    u16::try_from(part).unwrap_or(length)
}

/// Cuts up to `rows` rows off the top of `area` and returns them.
fn take_top(area: &mut Rect, rows: u16) -> Rect {
    let rows = rows.min(area.height);
    let top = Rect {
        height: rows,
        ..*area
    };
    area.y += rows;
    area.height -= rows;
    top
}

/// Cuts up to `rows` rows off the bottom of `area` and returns them.
fn take_bottom(area: &mut Rect, rows: u16) -> Rect {
    let rows = rows.min(area.height);
    area.height -= rows;
    Rect {
        y: area.y + area.height,
        height: rows,
        ..*area
    }
}

/// Cuts up to `columns` columns off the right of `area` and returns them.
fn take_right(area: &mut Rect, columns: u16) -> Rect {
    let columns = columns.min(area.width);
    area.width -= columns;
    Rect {
        x: area.x + area.width,
        width: columns,
        ..*area
    }
}

/// The bottom border's hint of a scrolled overlay closed by `close`
/// (`Esc/?`): whether there is more below, and the keys that matter now.
fn scroll_hint(scroll: usize, viewport: Viewport, close: &str) -> String {
    if scroll < viewport.max_scroll {
        format!(" more below · j/k scroll · {close} close ")
    } else if viewport.max_scroll > 0 {
        format!(" j/k scroll · {close} close ")
    } else {
        format!(" {close} close ")
    }
}

/// A scrollbar on the right border of the bordered pane `area`, when its
/// `rows` (the first shown at `offset`) do not all fit inside it.
fn render_scrollbar(area: Rect, rows: usize, offset: usize, buf: &mut Buffer) {
    use ratatui::widgets::{Scrollbar, ScrollbarOrientation, ScrollbarState, StatefulWidget};
    let track = area.inner(ratatui::layout::Margin::new(0, 1));
    let shown = usize::from(track.height);
    if rows <= shown {
        return;
    }
    let mut state = ScrollbarState::new(rows - shown)
        .position(offset)
        .viewport_content_length(shown);
    Scrollbar::new(ScrollbarOrientation::VerticalRight)
        .begin_symbol(None)
        .end_symbol(None)
        .render(track, buf, &mut state);
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_long_message_goes_on_over_three_rows_at_most() {
        let text = " ! sync failed: cannot reach the remote /tmp/progress.git: it does not \
                    appear to be a git repository (Esc: dismiss)";
        assert_eq!(super::wrapped_message(text, 200), [text]);
        assert_eq!(
            super::wrapped_message(text, 40),
            [
                " ! sync failed: cannot reach the",
                "   remote /tmp/progress.git: it does not",
                "   appear to be a git repository (Esc: dismiss)",
            ]
        );
        assert_eq!(
            super::wrapped_message(text, 12),
            [text],
            "too narrow to wrap"
        );
    }

    use super::*;
    use crate::io::bundled;
    use crate::tui::action::Action;
    use crate::tui::app::Input;
    use ratatui::Terminal;
    use ratatui::backend::TestBackend;

    #[test]
    fn layout_goes_to_one_column_on_narrow_screens() {
        let app = App::on(bundled::default().load().unwrap());
        let wide = Areas::new(Rect::new(0, 0, 120, 40), &app);
        assert_eq!(wide.outline.y, wide.details.unwrap().y);
        let narrow = Areas::new(Rect::new(0, 0, 60, 30), &app);
        assert_eq!(narrow.outline.x, narrow.details.unwrap().x);
        assert!(narrow.outline.y < narrow.details.unwrap().y);
        assert_eq!(Areas::new(Rect::new(0, 0, 60, 12), &app).details, None);
        assert_eq!(Areas::new(Rect::new(0, 0, 50, 15), &app).details, None);
    }

    #[test]
    fn tabs_shorten_their_titles_before_losing_a_percentage() {
        let app = App::on(bundled::default().load().unwrap());
        assert_eq!(
            tab_titles(&app, 80),
            ["1 Beginner 0%", "2 Intermediate 0%", "3 Advanced 0%"]
        );
        assert_eq!(
            tab_titles(&app, 40),
            ["1 Begi… 0%", "2 Inte… 0%", "3 Adva… 0%"]
        );
        assert_eq!(tab_titles(&app, 20), ["1 0%", "2 0%", "3 0%"]);
        assert_eq!(tab_titles(&app, 10), ["1 0%", "…", ""]);
    }

    /// Moving, and what the last key did showing up and going, leave
    /// the tree's pane as it was, on one column and on two.
    #[test]
    fn the_panes_keep_their_size_whatever_is_selected() {
        let mut app = App::on(bundled::default().load().unwrap());
        app.update(Input::Act(Action::OpenAll));
        let sizes = [
            Rect::new(0, 0, 80, 24),
            Rect::new(0, 0, 120, 40),
            Rect::new(0, 0, 50, 15),
        ];
        for size in sizes {
            let first = Areas::new(size, &app);
            for action in [Action::Down, Action::ToggleDone, Action::Down, Action::Last] {
                app.update(Input::Act(action));
                let areas = Areas::new(size, &app);
                assert_eq!(areas.outline, first.outline, "{size:?} after {action:?}");
                assert_eq!(areas.details, first.details, "{size:?} after {action:?}");
            }
        }
        // Notices beyond the message line come out of the details.
        app.notices_mut().push("one".to_owned());
        app.update(Input::Act(Action::ToggleDone));
        let size = Rect::new(0, 0, 80, 24);
        let areas = Areas::new(size, &app);
        assert_eq!(areas.messages.height, 2);
        app.update(Input::Act(Action::Up));
        assert_eq!(Areas::new(size, &app).outline, areas.outline);
    }

    /// Screens from 1x1 up, around every layout threshold, draw without
    /// panicking, in every state the core keys can reach.
    #[test]
    fn draws_at_every_small_size_without_panicking() {
        let roadmap = bundled::default().load().unwrap();
        let mut app = App::on(roadmap).with_clock(|| 0);
        let states: &[&[Action]] = &[
            &[],
            &[Action::Expand, Action::Expand, Action::ToggleDone],
            &[Action::Last, Action::Help],
            &[Action::Back, Action::ToggleSkipped, Action::Undo],
            &[Action::ToggleDone, Action::ResetLevel],
            &[Action::Back, Action::DetailsDown, Action::DetailsDown],
            &[Action::ReadItem, Action::Last],
            &[Action::Back, Action::Down, Action::ReadItem],
        ];
        for actions in states {
            for &action in *actions {
                app.update(Input::Act(action));
            }
            for width in [
                1, 2, 3, 4, 5, 8, 13, 20, 30, 40, 59, 60, 61, 89, 90, 91, 120, 1500, 2000,
            ] {
                for height in [1, 2, 3, 4, 5, 6, 8, 11, 12, 13, 15, 16, 17, 20, 24, 40] {
                    let mut terminal = Terminal::new(TestBackend::new(width, height)).unwrap();
                    let mut layout = Layout::default();
                    terminal.draw(|frame| layout = draw(frame, &app)).unwrap();
                    app.drew(layout);
                }
            }
        }
    }
}
