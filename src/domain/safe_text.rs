//! Text from outside the program (roadmap files, the state file, the
//! settings file) made safe to print. A roadmap may come from the
//! internet: a control character or escape sequence must never reach the
//! terminal, an invisible character must never hide what the text says,
//! and no cluster of characters may be drawn wider or narrower than the
//! screen's layout counted it.
//!
//! One rule decides how each character is shown ([`push_shown`]); every
//! view gets it through [`clean_line`] (titles, URLs, messages, paths)
//! or [`clean_block`] (descriptions and notes, line breaks kept), so a
//! character looks the same in every pane. Roadmap titles and
//! descriptions are cleaned once, when the file is read; text kept for
//! use rather than for reading (a URL, which is opened as written) is
//! cleaned where it is shown.

use std::borrow::Cow;

/// Spells `c` out visibly (`\x1b`, `\u{202e}`), so the author can see
/// and fix it, when printing it could make a terminal act or hide what
/// the text says; otherwise pushes it as it is.
pub fn escape_char(c: char, out: &mut String) {
    if is_unsafe(c) {
        spell(c, out);
    } else {
        out.push(c);
    }
}

/// `c` written as its code: `\x1b` below U+0100, `\u{202e}` above.
fn spell(c: char, out: &mut String) {
    use std::fmt::Write;
    let _ = if (c as u32) < 0x100 {
        write!(out, "\\x{:02x}", c as u32)
    } else {
        write!(out, "\\u{{{:x}}}", c as u32)
    };
}

/// The bidirectional controls: marks, embeddings, overrides, isolates.
/// Printed, they reorder the text around them.
fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{61c}' | '\u{200e}' | '\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

/// Whether printing `c` could make a terminal act or mislead its reader:
/// control characters, and the invisible ones ([`is_invisible`]), which
/// include the bidirectional controls that reorder the text around them
/// (a spoofing tool) and the zero-width characters.
pub fn is_unsafe(c: char) -> bool {
    // Nearly all text is ASCII: one comparison instead of the table.
    if c.is_ascii() {
        return c.is_ascii_control();
    }
    c.is_control() || is_invisible(c)
}

/// Characters that show nothing of their own: every format character
/// (general category Cf: bidirectional controls, zero-width space and
/// joiners, the byte-order mark, the soft hyphen, tag characters), the
/// other default-ignorable code points (variation selectors, Hangul
/// fillers, the combining grapheme joiner) and the line and paragraph
/// separators; and two that look like nothing: the braille blank and the
/// noncharacters (U+FDD0–FDEF, and the last two of every plane). Any of
/// them can hide text: a run of tag characters or variation selectors
/// can carry a whole hidden message. (Unicode 16.)
pub fn is_invisible(c: char) -> bool {
    matches!(
        c as u32,
        0x00ad
            | 0x034f
            | 0x0600..=0x0605
            | 0x061c
            | 0x06dd
            | 0x070f
            | 0x0890..=0x0891
            | 0x08e2
            | 0x115f..=0x1160
            | 0x17b4..=0x17b5
            | 0x180b..=0x180f
            | 0x200b..=0x200f
            | 0x2028..=0x202e
            // Braille pattern blank: draws as a space but is no space.
            | 0x2800
            | 0x2060..=0x206f
            | 0x3164
            | 0xfe00..=0xfe0f
            // Noncharacters: no terminal draws them.
            | 0xfdd0..=0xfdef
            | 0xfeff
            | 0xffa0
            | 0xfff0..=0xfffb
            | 0x110bd
            | 0x110cd
            | 0x13430..=0x1343f
            | 0x1bca0..=0x1bca3
            | 0x1d173..=0x1d17a
            | 0xe0000..=0xe0fff
    ) || (c as u32) & 0xfffe == 0xfffe
}

/// Emoji presentation selectors: VS15 (text) and VS16 (emoji).
const PRESENTATION: [char; 2] = ['\u{fe0e}', '\u{fe0f}'];
/// Skin-tone modifiers.
const MODIFIERS: std::ops::RangeInclusive<char> = '\u{1f3fb}'..='\u{1f3ff}';
/// Regional indicators, 🇦 to 🇿: two of them make a flag.
const REGIONAL: std::ops::RangeInclusive<char> = '\u{1f1e6}'..='\u{1f1ff}';

/// Whether [`push_shown`], and so every view, may show `c` other than as
/// itself: spelled out, dropped, or (a regional indicator) as a letter.
pub fn is_shown_otherwise(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_control();
    }
    is_unsafe(c) || MODIFIERS.contains(&c) || REGIONAL.contains(&c)
}

/// How one character of outside text is shown: the one rule behind
/// [`clean_line`] and [`clean_block`]. `line_start`: nothing comes before
/// it on its line.
///
/// Unsafe and invisible characters are spelled out ([`escape_char`]).
/// Emoji clusters are made into characters that every terminal draws at
/// the width ratatui gives them. ratatui measures a whole grapheme with
/// unicode-width and puts it in one cell; a terminal that does not know
/// the sequence advances by each character's own width, and keeps each
/// character in a cell of its own. Tried in tmux 3.3a (80x24, `printf`,
/// then `#{cursor_x}` and `capture-pane`):
///
/// | cluster | ratatui | tmux | what is shown |
/// |---|---|---|---|
/// | 🇫🇷 (two regional indicators) | one cell, 2 wide | 2 cells of 1; redrawing the first leaves 🇷 behind | the letters, `FR` |
/// | 👍🏽 (a skin-tone modifier) | 2 | 4, the tone a cell of its own | 👍, the modifier dropped |
/// | ❤️ (VS16) | 2 | 1: the cell after it is never redrawn | ❤, the selector dropped |
/// | ⌚︎ (VS15) | 1 | 2: the rest of the row moves right | ⌚, the selector dropped |
/// | 1️⃣ (keycap) | 2 | 1 | `1⃣`, its VS16 dropped |
/// | 👨‍👩‍👧 (zero-width joiners) | 2 | 2 here; a terminal that does not join them draws 6 | the joiners spelled out, `👨\u{200d}👩…`, as any invisible character |
///
/// What is shown is then one visible character a cell, each as wide in
/// the terminal as ratatui counts it. The selectors and modifiers are
/// dropped rather than spelled out: they only choose how a symbol looks,
/// and hold nothing a reader could be misled by.
fn push_shown(c: char, line_start: bool, out: &mut String) {
    if PRESENTATION.contains(&c) {
        return;
    }
    if MODIFIERS.contains(&c) {
        // A modifier alone is an emoji of its own, two wide everywhere;
        // after anything else it joins that character's grapheme.
        if line_start {
            out.push(c);
        }
        return;
    }
    if REGIONAL.contains(&c) {
        let letter = u8::try_from(u32::from(c) - u32::from(*REGIONAL.start())).unwrap_or(0);
        out.push(char::from(b'A' + letter));
        return;
    }
    escape_char(c, out);
}

/// One line of text (titles, urls): whitespace runs, newlines included,
/// become one space.
pub fn clean_line(raw: &str) -> String {
    if is_clean_line(raw) {
        raw.to_owned()
    } else {
        rebuild_line(raw)
    }
}

/// [`clean_line`] for text already owned: clean text (nearly all of it)
/// is kept as it is, without a copy. Loading a large roadmap is mostly
/// titles and descriptions, so this matters there.
pub fn clean_line_owned(raw: Cow<'_, str>) -> String {
    if is_clean_line(&raw) {
        raw.into_owned()
    } else {
        rebuild_line(&raw)
    }
}

/// Whether [`rebuild_line`] would give `raw` back unchanged: no unsafe
/// character, and no whitespace but single spaces between words.
fn is_clean_line(raw: &str) -> bool {
    let mut after_space = true;
    for c in raw.chars() {
        if c == ' ' {
            if after_space {
                return false;
            }
            after_space = true;
        } else if is_shown_otherwise(c) {
            return false;
        } else {
            after_space = false;
        }
    }
    !after_space || raw.is_empty()
}

fn rebuild_line(raw: &str) -> String {
    let mut out = String::with_capacity(raw.len());
    for word in raw.split([' ', '\t', '\n', '\r']).filter(|w| !w.is_empty()) {
        let start = out.len();
        if start > 0 {
            out.push(' ');
        }
        for c in word.chars() {
            push_shown(c, out.is_empty(), &mut out);
        }
        // A word of nothing but presentation selectors shows as nothing,
        // and takes no space either.
        if out.len() == start + usize::from(start > 0) {
            out.truncate(start);
        }
    }
    out
}

/// One line for a file the user keeps and edits (the roadmap `import`
/// writes), not for the screen: only what would act on a terminal the
/// file is printed to, or reorder the text there (controls and
/// bidirectional controls), is spelled out. Emoji and other invisible
/// characters stay as written, so the file says what its source said;
/// [`clean_line`] shows them when the roadmap is read. Line breaks,
/// Unicode's line and paragraph separators among them, become spaces: a
/// title is one line (and YAML 1.1 writers take the separators for breaks
/// where YAML 1.2 readers do not: see [`crate::format::roadmap::file`]).
pub fn clean_line_for_file(raw: &str) -> String {
    let mut out = String::with_capacity(raw.len());
    let breaks = [' ', '\t', '\n', '\r', '\u{2028}', '\u{2029}'];
    for word in raw.split(breaks).filter(|w| !w.is_empty()) {
        if !out.is_empty() {
            out.push(' ');
        }
        for c in word.chars() {
            if c.is_control() || is_bidi_control(c) {
                spell(c, &mut out);
            } else {
                out.push(c);
            }
        }
    }
    out
}

/// Prose (descriptions): line breaks are kept, tabs become spaces.
pub fn clean_block(raw: &str) -> String {
    clean_block_owned(Cow::Borrowed(raw))
}

/// [`clean_block`] for text already owned, kept without a copy when clean.
pub fn clean_block_owned(raw: Cow<'_, str>) -> String {
    if is_clean_block(&raw) {
        raw.into_owned()
    } else {
        rebuild_block(&raw)
    }
}

/// Whether [`rebuild_block`] would give `raw` back unchanged: trimmed, no
/// line ending in whitespace, no unsafe character but `\n`.
fn is_clean_block(raw: &str) -> bool {
    let mut last = '\n';
    for c in raw.chars() {
        if c == '\n' {
            // A blank line between paragraphs is kept; spaces before a
            // line break are not.
            if last != '\n' && last.is_whitespace() {
                return false;
            }
        } else if is_shown_otherwise(c) {
            return false;
        }
        last = c;
    }
    // Whitespace first or last is trimmed (`last` starts as a newline, so
    // an empty text counts as clean).
    raw.is_empty() || (!last.is_whitespace() && !raw.starts_with(char::is_whitespace))
}

fn rebuild_block(raw: &str) -> String {
    let lines: Vec<String> = raw
        .lines()
        .map(|line| {
            let mut out = String::with_capacity(line.len());
            for c in line.chars() {
                match c {
                    '\t' => out.push_str("    "),
                    c => push_shown(c, out.is_empty(), &mut out),
                }
            }
            // Trimmed once shown: a dropped selector may have stood after
            // the last space.
            out.truncate(out.trim_end().len());
            out
        })
        .collect();
    lines.join("\n").trim().to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use ratatui::style::Style;
    use ratatui::text::Span;
    use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

    #[test]
    fn clean_text_is_kept_and_the_rest_rebuilt() {
        assert_eq!(clean_line("Database basics"), "Database basics");
        assert_eq!(clean_line("  two\t words \n"), "two words");
        assert_eq!(clean_line("a\x1b[31m"), "a\\x1b[31m");
        assert_eq!(clean_block("One.\n\nTwo."), "One.\n\nTwo.");
        assert_eq!(clean_block(" One. \n\tTwo.\n"), "One.\n    Two.");
        assert_eq!(clean_block("a\u{a0}\nb"), "a\nb");
    }

    /// Every invisible character is spelled out, in lines and blocks alike:
    /// before, zero-width and format characters went through as they were.
    #[test]
    fn invisible_characters_are_spelled_out_the_same_way_everywhere() {
        let raw = "a\u{202e}b\u{200b}c\u{200d}d\u{2060}e\u{feff}f\u{200e}g\u{61c}h\u{ad}i\u{e0041}j\u{2066}k";
        let want = "a\\u{202e}b\\u{200b}c\\u{200d}d\\u{2060}e\\u{feff}f\\u{200e}g\\u{61c}h\\xadi\\u{e0041}j\\u{2066}k";
        assert_eq!(clean_line(raw), want);
        assert_eq!(clean_block(raw), want);
        assert_eq!(clean_line_owned(Cow::Borrowed(raw)), want);
        assert_eq!(clean_block_owned(Cow::Borrowed(raw)), want);
    }

    /// Each kind of emoji cluster, as shown: see [`push_shown`].
    #[test]
    fn emoji_clusters_become_what_every_terminal_draws_alike() {
        assert_eq!(clean_line("🇫🇷 French"), "FR French");
        assert_eq!(clean_line("👍🏽 ok"), "👍 ok");
        assert_eq!(clean_line("🏽"), "🏽", "a modifier alone is an emoji");
        assert_eq!(clean_line("❤️ ⚙️ ⌚︎"), "❤ ⚙ ⌚");
        assert_eq!(clean_line("1️⃣"), "1\u{20e3}");
        assert_eq!(clean_line("👨‍👩‍👧"), "👨\\u{200d}👩\\u{200d}👧");
        assert_eq!(clean_block("🇩🇪\n🏽 line"), "DE\n🏽 line");
        // Plain emoji, CJK and accents are kept as they are.
        assert_eq!(clean_line("🚀 データ é"), "🚀 データ é");
    }

    /// The widths tmux uses: each character's own (wcwidth, which
    /// unicode-width's per-character table matches for these).
    fn terminal_width(text: &str) -> usize {
        text.chars().map(|c| c.width().unwrap_or(0)).sum()
    }

    /// What ratatui makes of `text`: the cells it fills, each one
    /// grapheme, measured as a whole.
    fn ratatui_cells(text: &str) -> Vec<String> {
        Span::raw(text)
            .styled_graphemes(Style::default())
            .map(|grapheme| grapheme.symbol.to_owned())
            .collect()
    }

    /// Whether ratatui and a terminal agree on `text`: the same width, and
    /// no cell holding two characters that each take room (tmux keeps
    /// those in cells of their own, and leaves one behind on a redraw).
    fn widths_agree(text: &str) -> Result<(), String> {
        if text.width() != terminal_width(text) {
            return Err(format!(
                "{text:?}: ratatui {} columns, tmux {}",
                text.width(),
                terminal_width(text)
            ));
        }
        for cell in ratatui_cells(text) {
            let wide = cell.chars().filter(|c| c.width().unwrap_or(0) > 0).count();
            if cell.width() != terminal_width(&cell) || wide > 1 {
                return Err(format!("{text:?}: the cell {cell:?}"));
            }
        }
        Ok(())
    }

    #[test]
    fn cleaned_emoji_are_as_wide_for_ratatui_as_for_the_terminal() {
        let clusters = ["🇫🇷", "🇫🇷🇩", "👨‍👩‍👧", "👩🏽‍💻", "👍🏽", "❤️", "⌚︎", "1️⃣", "🏳️‍🌈"];
        // Also spelled out, though the per-character widths agree on them:
        // the tags of a subdivision flag (they can carry hidden text), and
        // the soft hyphen (which tmux draws one wide, unicode-width none).
        let hidden = ["🏴󠁧󠁢󠁥󠁮󠁧󠁿", "a\u{ad}b"];
        for cluster in clusters {
            assert!(widths_agree(cluster).is_err(), "{cluster:?} agreed raw");
        }
        for cluster in clusters.into_iter().chain(hidden) {
            let line = clean_line(&format!("x {cluster} y"));
            widths_agree(&line).unwrap();
            for line in clean_block(&format!("{cluster}\n{cluster}")).lines() {
                widths_agree(line).unwrap();
            }
        }
    }

    proptest! {
        /// The fast paths never change what cleaning gives.
        #[test]
        fn fast_paths_agree_with_rebuilding(
            raw in "[a b\t\n\r\u{a0}\u{1b}\u{85}\u{202e}\u{2028}\u{3000}\u{200b}\u{fe0f}\u{1f3fd}\u{1f1eb}é]{0,12}"
        ) {
            prop_assert_eq!(clean_line(&raw), rebuild_line(&raw));
            prop_assert_eq!(clean_line_owned(Cow::Owned(raw.clone())), rebuild_line(&raw));
            prop_assert_eq!(clean_block(&raw), rebuild_block(&raw));
            prop_assert_eq!(clean_block_owned(Cow::Owned(raw.clone())), rebuild_block(&raw));
        }

        /// Whatever emoji, joiners and selectors a title strings together,
        /// it is shown as wide as it is counted, nothing unsafe is left,
        /// and cleaning again changes nothing (titles are cleaned at load
        /// and messages quoting them once more).
        #[test]
        fn cleaned_text_is_safe_stable_and_measured_alike(
            raw in "[a \n\u{1b}\u{202e}\u{200b}\u{200d}\u{fe0e}\u{fe0f}\u{20e3}\u{301}\u{1f3fb}\u{1f3fd}\u{1f1eb}\u{1f1f7}\u{1f44d}\u{1f468}\u{2764}\u{231a}\u{e0067}\u{e007f}\u{1f3f4}é1]{0,16}"
        ) {
            for cleaned in [clean_line(&raw), clean_block(&raw)] {
                prop_assert!(!cleaned.chars().any(|c| c != '\n' && is_unsafe(c)), "{:?}", cleaned);
                for line in cleaned.lines() {
                    if let Err(why) = widths_agree(line) {
                        return Err(TestCaseError::fail(why));
                    }
                }
            }
            prop_assert_eq!(clean_line(&clean_line(&raw)), clean_line(&raw));
            prop_assert_eq!(clean_block(&clean_block(&raw)), clean_block(&raw));
        }
    }
}
