//! Fitting one line of text to a number of terminal columns, saying so
//! when it is cut: [`truncate`] keeps the start and ends in `…`,
//! [`truncate_start`] keeps the end (a path's file name) after `…`. Widths
//! are unicode-width's, as ratatui and the terminal count them, so wide
//! (CJK, emoji) characters take two columns and are never split. The one
//! rule for the app's panes and the commands' tables; it must not wrap,
//! clean or style text (that is the caller's).

use std::borrow::Cow;

use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

/// Shortens `text` to `max` terminal columns, ending in `…` when cut.
pub fn truncate(text: &str, max: usize) -> Cow<'_, str> {
    if text.width() <= max {
        return Cow::Borrowed(text);
    }
    if max == 0 {
        return Cow::Borrowed("");
    }
    let mut out = String::new();
    let mut used = 0;
    for c in text.chars() {
        let w = c.width().unwrap_or(0);
        if used + w > max - 1 {
            break;
        }
        out.push(c);
        used += w;
    }
    // Per-character widths can undercount a sequence (an emoji with its
    // presentation selector is two columns): the whole string decides.
    while !out.is_empty() && out.width() + 1 > max {
        out.pop();
    }
    out.push('…');
    Cow::Owned(out)
}

/// Shortens `text` to `max` terminal columns by its start, beginning
/// with `…` when cut: the end of a path is the part that tells files apart.
pub fn truncate_start(text: &str, max: usize) -> Cow<'_, str> {
    if text.width() <= max {
        return Cow::Borrowed(text);
    }
    if max == 0 {
        return Cow::Borrowed("");
    }
    let mut kept: Vec<char> = Vec::new();
    let mut used = 0;
    for c in text.chars().rev() {
        let w = c.width().unwrap_or(0);
        if used + w > max - 1 {
            break;
        }
        kept.push(c);
        used += w;
    }
    let mut out = String::from("…");
    out.extend(kept.into_iter().rev());
    while out.chars().count() > 1 && out.width() > max {
        out.remove('…'.len_utf8());
    }
    Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn truncate_counts_display_width_and_marks_the_cut() {
        assert_eq!(truncate("Database", 8), "Database", "an exact fit is kept");
        assert_eq!(truncate("Database", 9), "Database");
        assert_eq!(truncate("Database", 5), "Data…");
        assert_eq!(truncate("データベース", 12), "データベース");
        assert_eq!(truncate("データベース", 5), "デー…");
        assert_eq!(
            truncate("データベース", 4),
            "デ…",
            "never half a wide character"
        );
        assert_eq!(truncate("デ", 1), "…");
        assert_eq!(truncate("abc", 1), "…");
        assert_eq!(truncate("a", 1), "a");
        assert_eq!(truncate("abc", 0), "");
        assert_eq!(truncate("", 0), "");
        for max in 0..12 {
            let cut = truncate("⚙️⚙️⚙️⚙️⚙️", max);
            assert!(cut.width() <= max, "{max}: {cut:?} is {} wide", cut.width());
        }
    }

    #[test]
    fn truncate_start_keeps_the_end() {
        assert_eq!(truncate_start("/a/long/path/mine.yaml", 12), "…h/mine.yaml");
        assert_eq!(truncate_start("mine.yaml", 9), "mine.yaml");
        assert_eq!(truncate_start("データベース", 7), "…ベース");
        assert_eq!(truncate_start("abc", 1), "…");
        assert_eq!(truncate_start("abc", 0), "");
        for max in 0..12 {
            let cut = truncate_start("⚙️⚙️⚙️⚙️⚙️", max);
            assert!(cut.width() <= max, "{max}: {cut:?} is {} wide", cut.width());
        }
    }
}
