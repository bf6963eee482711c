//! What a resource's url may be, and the checker's reading of one: an
//! `http(s)://` address holding nothing a reader could not see, each
//! character that breaks the rule reported where it is written. The rule
//! ([`is_web_address`]) is shared with the Markdown importer; this module
//! must not read anything but the scalar it is given.

use super::{Checker, MAX_URL_CHARS};
use crate::domain::safe_text::{clean_line, is_unsafe};
use crate::format::yaml::{Position, Scalar, shorten};

/// Whether `raw` is a URL a resource may have: `http(s)://`, a host, and
/// no character [`is_barred_from_url`]. (Its length is checked apart.)
pub fn is_web_address(raw: &str) -> bool {
    let lower = raw.to_ascii_lowercase();
    let rest = lower
        .strip_prefix("https://")
        .or_else(|| lower.strip_prefix("http://"));
    rest.is_some_and(|rest| {
        !rest.is_empty() && !rest.starts_with('/') && !raw.chars().any(is_barred_from_url)
    })
}

/// Characters a resource URL may not hold: whitespace, controls, and the
/// invisible ones (bidirectional controls, zero-width characters,
/// variation selectors: see [`crate::domain::safe_text::is_invisible`]). A URL is an address, not
/// prose: nothing in it may be hidden from the reader who decides to open
/// it (`https://example.com/\u{202e}gnp.exe` shows as `…exe.png`).
/// Anything of the kind that belongs in an address is percent-encoded.
pub fn is_barred_from_url(c: char) -> bool {
    // Also what the views would show as something else (a flag as its
    // letters, a skin tone dropped): the link shown must be the link
    // opened, so `ex🇵🇦ypal.com` cannot pass for `exPAypal.com`.
    c.is_whitespace() || is_unsafe(c) || crate::domain::safe_text::is_shown_otherwise(c)
}

/// How a message names a character a URL may not hold: `U+202E
/// (right-to-left override)`.
fn describe_char(c: char) -> String {
    let name = match c {
        ' ' => "space",
        '\t' => "tab",
        '\n' => "line break",
        '\u{a0}' => "no-break space",
        '\u{ad}' => "soft hyphen",
        '\u{61c}' => "Arabic letter mark",
        '\u{200b}' => "zero-width space",
        '\u{200c}' => "zero-width non-joiner",
        '\u{200d}' => "zero-width joiner",
        '\u{200e}' => "left-to-right mark",
        '\u{200f}' => "right-to-left mark",
        '\u{202a}' => "left-to-right embedding",
        '\u{202b}' => "right-to-left embedding",
        '\u{202c}' => "pop directional formatting",
        '\u{202d}' => "left-to-right override",
        '\u{202e}' => "right-to-left override",
        '\u{2060}' => "word joiner",
        '\u{2066}' => "left-to-right isolate",
        '\u{2067}' => "right-to-left isolate",
        '\u{2068}' => "first strong isolate",
        '\u{2069}' => "pop directional isolate",
        '\u{3000}' => "ideographic space",
        '\u{feff}' => "zero-width no-break space",
        '\u{fe00}'..='\u{fe0f}' | '\u{e0100}'..='\u{e01ef}' => "a variation selector",
        '\u{1f1e6}'..='\u{1f1ff}' => "a regional indicator, shown as a letter",
        '\u{1f3fb}'..='\u{1f3ff}' => "a skin-tone modifier, not shown",
        '\u{2800}' => "braille blank",
        c if c.is_control() => "a control character",
        c if c.is_whitespace() => "a space",
        _ => "an invisible character",
    };
    format!("U+{:04X} ({name})", u32::from(c))
}

impl Checker<'_, '_> {
    pub(super) fn url(&mut self, scalar: Scalar, at: Position) -> Option<String> {
        let raw = scalar.text.as_ref();
        if scalar.is_null() || raw.trim().is_empty() {
            self.report
                .error(Some(at), "the resource url is empty".to_owned());
            return None;
        }
        if raw.chars().count() > MAX_URL_CHARS {
            self.report.error(
                Some(at),
                format!("the resource url is longer than {MAX_URL_CHARS} characters, the limit"),
            );
            return None;
        }
        if self.barred_characters(raw, at) {
            return None;
        }
        if !is_web_address(raw) {
            self.report.error(
                Some(at),
                format!(
                    "resource url `{}` is not a web address: it must start with https:// or \
                     http:// and hold no spaces",
                    shorten(&clean_line(raw))
                ),
            );
            return None;
        }
        Some(scalar.text.into_owned())
    }

    /// Reports each character of the url `raw` (a scalar at `at`) that a
    /// url may not hold, at that character; whether there was one. A url
    /// made of nothing else is reported for its first few, then counted.
    fn barred_characters(&mut self, raw: &str, at: Position) -> bool {
        const LISTED: usize = 5;
        let mut barred = raw
            .chars()
            .enumerate()
            .filter(|&(_, c)| is_barred_from_url(c));
        let Some(first) = barred.next() else {
            return false;
        };
        let shown = shorten(&clean_line(raw)).into_owned();
        for (index, c) in std::iter::once(first).chain(barred.by_ref().take(LISTED - 1)) {
            let mut encoded = String::new();
            for byte in c.encode_utf8(&mut [0; 4]).bytes() {
                encoded.push_str(&format!("%{byte:02X}"));
            }
            self.report.error(
                Some(self.reader.char_position(at, raw, index)),
                format!(
                    "resource url `{shown}` holds {}: an address may not hold spaces, control \
                     or invisible characters, nor any shown as something else; remove it, or \
                     write it as {encoded}",
                    describe_char(c)
                ),
            );
        }
        let rest: Vec<usize> = barred.map(|(index, _)| index).collect();
        if let Some(&index) = rest.first() {
            self.report.error(
                Some(self.reader.char_position(at, raw, index)),
                format!(
                    "resource url `{shown}` holds {} more spaces, control or invisible \
                     characters from here",
                    rest.len()
                ),
            );
        }
        true
    }
}
