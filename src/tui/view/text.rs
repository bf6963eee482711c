//! Fitting text to the columns it is given: [`truncate`] (from
//! [`crate::domain::fit`], shared with the commands' tables) cuts a line
//! and says so with `…` (the `--ascii` pass makes it `~`), [`wrap`] breaks
//! a text into lines at spaces. Both measure terminal columns, so wide
//! (CJK, emoji) characters count double. Every pane that cuts or wraps
//! text by hand goes through these two, so a cut always shows.
//! Pure: no buffer, no app.

use std::borrow::Cow;

use ratatui::text::{Line, Span};

pub(crate) use crate::domain::fit::truncate;
use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

/// `line` in at most `width` columns, its spans kept with their styles:
/// what does not fit is cut, and the cut ends in `…` as [`truncate`]'s
/// does. For lines made of several styled parts (counts, streaks).
pub(crate) fn fit_line(line: Line<'static>, width: usize) -> Line<'static> {
    if line.width() <= width {
        return line;
    }
    let mut left = width;
    let mut spans = Vec::new();
    for span in line.spans {
        let span_width = span.content.width();
        if span_width < left {
            left -= span_width;
            spans.push(span);
            continue;
        }
        // This span takes the rest: cut it, and say so even when it fits
        // exactly, as more came after it (one more character forces it).
        let cut = truncate(&format!("{} ", span.content), left).into_owned();
        spans.push(Span::styled(cut, span.style));
        break;
    }
    Line::from(spans).style(line.style)
}

/// Fewest columns a row's title keeps before what follows it (a date, a
/// count) gives way: a row says first what it is.
const TITLE_FIRST: usize = 12;

/// A row's `title` and, after it, `tail`, in `width` columns: the tail
/// only where the title keeps [`TITLE_FIRST`] columns beside it (or
/// fits whole), the title cut with `…` to what is left. Returns the
/// title as drawn and whether the tail is drawn too.
pub(crate) fn title_before<'a>(title: &'a str, tail: &str, width: usize) -> (Cow<'a, str>, bool) {
    let beside = width.saturating_sub(tail.width() + 1);
    if title.width() <= beside || beside >= TITLE_FIRST {
        (truncate(title, beside), true)
    } else {
        (truncate(title, width), false)
    }
}

/// `text` broken into lines of at most `width` columns, at spaces; a word
/// wider than a line is broken where it must be (a path, an address).
/// Line breaks in `text` are kept, and so are the spaces between words on
/// a line (two after a sentence, a column's padding); a line starts at a
/// word. Always at least one line.
pub(crate) fn wrap(text: &str, width: usize) -> Vec<String> {
    let width = width.max(1);
    let mut lines = Vec::new();
    for paragraph in text.split('\n') {
        let mut line = String::new();
        let mut rest = paragraph;
        while !rest.is_empty() {
            let gap_end = rest.len() - rest.trim_start_matches(' ').len();
            let (gap, after) = rest.split_at(gap_end);
            let word_end = after.find(' ').unwrap_or(after.len());
            let (word, after) = after.split_at(word_end);
            rest = after;
            if word.is_empty() {
                break;
            }
            if line.width() + gap.width() + word.width() <= width {
                line.push_str(gap);
                line.push_str(word);
                continue;
            }
            if !line.is_empty() {
                lines.push(std::mem::take(&mut line));
            }
            // Whatever of the word does not fit on a line of its own goes
            // on in pieces.
            for c in word.chars() {
                if !line.is_empty() && line.width() + c.width().unwrap_or(0) > width {
                    lines.push(std::mem::take(&mut line));
                }
                line.push(c);
            }
        }
        lines.push(line);
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_line_of_styled_parts_is_cut_with_an_ellipsis() {
        use ratatui::style::Style;
        let bold = Style::new().bold();
        let line = Line::from(vec![Span::styled("Streak ", bold), Span::raw("12 days")]);
        assert_eq!(fit_line(line.clone(), 14), line, "an exact fit is kept");
        let cut = fit_line(line.clone(), 10);
        assert_eq!(cut.to_string(), "Streak 12…");
        assert_eq!(cut.spans[0].style, bold, "styles kept");
        assert_eq!(fit_line(line.clone(), 7).to_string(), "Streak…");
        assert_eq!(fit_line(line, 0).to_string(), "");
    }

    #[test]
    fn a_title_keeps_its_room_before_a_date_or_count_after_it() {
        let since = "since 2026-12-02";
        assert_eq!(title_before("Git", since, 40), ("Git".into(), true));
        assert_eq!(
            title_before("Foundational Concepts", since, 30),
            ("Foundational…".into(), true)
        );
        // At 19 columns the date left the title one column: the title wins.
        assert_eq!(
            title_before("Foundational Concepts", since, 19),
            ("Foundational Conce…".into(), false)
        );
        assert_eq!(title_before("Git", since, 19), ("Git".into(), false));
    }

    #[test]
    fn wrap_breaks_at_spaces_and_breaks_a_word_only_when_it_must() {
        assert_eq!(wrap("one two three", 7), ["one two", "three"]);
        assert_eq!(wrap("one two three", 13), ["one two three"]);
        assert_eq!(wrap("", 5), [""]);
        assert_eq!(wrap("a\n\nb", 5), ["a", "", "b"]);
        assert_eq!(
            wrap("see /home/me/.local/state", 10),
            ["see", "/home/me/.", "local/stat", "e"]
        );
        assert_eq!(wrap("データ ベース", 6), ["データ", "ベース"]);
        assert_eq!(wrap("データ", 3), ["デ", "ー", "タ"]);
        assert_eq!(wrap("[x] done  [~] skipped", 30), ["[x] done  [~] skipped"]);
        assert_eq!(
            wrap("[x] done  [~] skipped", 10),
            ["[x] done", "[~]", "skipped"]
        );
        assert_eq!(
            wrap("  indented", 20),
            ["  indented"],
            "a paragraph's own indent"
        );
        assert_eq!(
            wrap("abc", 0),
            ["a", "b", "c"],
            "a width of 0 is taken as 1"
        );
        for width in 1..20 {
            for line in wrap("Percent = done items ÷ all items, rounded down.", width) {
                assert!(line.width() <= width, "{width}: {line:?}");
            }
        }
    }
}
