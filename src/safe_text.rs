//! Text from outside the program (roadmap files, the state file) made
//! safe to print: a roadmap may come from the internet, and a control
//! character or escape sequence must never reach the terminal.

use std::borrow::Cow;

/// Makes text safe to print: a roadmap may come from the internet, and a
/// control character or escape sequence must never reach the terminal.
/// Controls are spelled out visibly (`\x1b`) rather than dropped, so the
/// author can see and fix them.
pub fn escape_char(c: char, out: &mut String) {
    use std::fmt::Write;
    if is_unsafe(c) {
        let _ = if (c as u32) < 0x100 {
            write!(out, "\\x{:02x}", c as u32)
        } else {
            write!(out, "\\u{{{:x}}}", c as u32)
        };
    } else {
        out.push(c);
    }
}

/// Whether printing `c` could make a terminal act or mislead: control
/// characters, and bidirectional overrides and isolates, which reorder the
/// text around them (a spoofing tool).
pub fn is_unsafe(c: char) -> bool {
    c.is_control() || matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
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
        } else if is_unsafe(c) {
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
        if !out.is_empty() {
            out.push(' ');
        }
        for c in word.chars() {
            escape_char(c, &mut out);
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
        } else if is_unsafe(c) {
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
        .trim()
        .lines()
        .map(|line| {
            let mut out = String::with_capacity(line.len());
            for c in line.trim_end().chars() {
                match c {
                    '\t' => out.push_str("    "),
                    c => escape_char(c, &mut out),
                }
            }
            out
        })
        .collect();
    lines.join("\n")
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn clean_text_is_kept_and_the_rest_rebuilt() {
        assert_eq!(clean_line("Database basics"), "Database basics");
        assert_eq!(clean_line("  two\t words \n"), "two words");
        assert_eq!(clean_line("a\x1b[31m"), "a\\x1b[31m");
        assert_eq!(clean_block("One.\n\nTwo."), "One.\n\nTwo.");
        assert_eq!(clean_block(" One. \n\tTwo.\n"), "One.\n    Two.");
        assert_eq!(clean_block("a\u{a0}\nb"), "a\nb");
    }

    proptest! {
        /// The fast paths never change what cleaning gives.
        #[test]
        fn fast_paths_agree_with_rebuilding(
            raw in "[a b\t\n\r\u{a0}\u{1b}\u{85}\u{202e}\u{2028}\u{3000}é]{0,12}"
        ) {
            prop_assert_eq!(clean_line(&raw), rebuild_line(&raw));
            prop_assert_eq!(clean_line_owned(Cow::Owned(raw.clone())), rebuild_line(&raw));
            prop_assert_eq!(clean_block(&raw), rebuild_block(&raw));
            prop_assert_eq!(clean_block_owned(Cow::Owned(raw.clone())), rebuild_block(&raw));
        }
    }
}
