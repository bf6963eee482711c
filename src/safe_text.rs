//! Text from outside the program (roadmap files, the state file) made
//! safe to print: a roadmap may come from the internet, and a control
//! character or escape sequence must never reach the terminal.

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
