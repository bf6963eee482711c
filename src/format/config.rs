//! The user's settings file, `<config dir>/config.yaml`: its text →
//! [`Config`]. This module owns the file's format and its messages; it
//! reads the file ([`load`]) and applies nothing. Action names under `keys:`
//! are kept as written: the keymap decides which exist and what clashes.
//!
//! ```yaml
//! theme: dark            # default | dark | light | mono
//! mouse: true
//! roadmap: backend       # opened when none is named: an id or a path
//! keys:
//!   down: [j, down]
//!   toggle-done: space
//!   redo: ctrl-r
//! ```
//!
//! The file is read with the roadmap files' own YAML reader, so aliases
//! stay within the same budget and errors point at a line and column.
//! The first problem ends the reading: a settings file is short, and one
//! clear message beats a half-applied configuration.

use std::fmt;
use std::str::FromStr;

use crossterm::event::{KeyCode, KeyModifiers};

use crate::domain::safe_text::{clean_line, clean_line_owned};
use crate::format::roadmap::diagnostic::closest;
use crate::format::yaml::{Failure, Reader, Scalar, ScalarKind, Token, shorten};
use crate::tui::keymap::Key;

pub use crate::format::yaml::Position;

/// Longest settings file read: a real one is a few hundred bytes.
pub const MAX_FILE_BYTES: u64 = 1024 * 1024;

/// Reads and parses the settings file at `path`; `None` when there is
/// none, which is not an error.
pub fn load(path: &std::path::Path) -> anyhow::Result<Option<Config>> {
    use anyhow::Context as _;
    use std::io::Read as _;
    // The folder comes from the environment: made safe to print once.
    let shown = crate::domain::safe_text::clean_line(&path.display().to_string());
    let file = match std::fs::File::open(path) {
        Ok(file) => file,
        Err(err) if err.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(err) => return Err(err).with_context(|| format!("cannot read the settings {shown}")),
    };
    let mut bytes = Vec::new();
    file.take(MAX_FILE_BYTES + 1)
        .read_to_end(&mut bytes)
        .with_context(|| format!("cannot read the settings {shown}"))?;
    if bytes.len() as u64 > MAX_FILE_BYTES {
        anyhow::bail!("the settings {shown} are larger than 1 MiB: is it the right file?");
    }
    let text = String::from_utf8(bytes).map_err(|err| {
        let good = &err.as_bytes()[..err.utf8_error().valid_up_to()];
        let line = good.iter().filter(|&&b| b == b'\n').count() + 1;
        let start = good
            .iter()
            .rposition(|&b| b == b'\n')
            .map_or(0, |at| at + 1);
        let column = String::from_utf8_lossy(&good[start..]).chars().count() + 1;
        anyhow::anyhow!("{shown}:{line}:{column}: the settings are not UTF-8 text from here on")
    })?;
    Ok(Some(parse(&text, &shown)?))
}

/// The settings file's name inside the config dir.
pub const FILE_NAME: &str = "config.yaml";

/// The top-level keys the file may have, in the order messages list them.
pub const SETTINGS: &[&str] = &["theme", "mouse", "roadmap", "keys"];

/// Everything the file can set. `None` (or no overrides) means the file
/// does not say, and the built-in default applies.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Config {
    pub theme: Option<ThemeName>,
    pub mouse: Option<bool>,
    /// The roadmap opened when none is named: an id or a path, as written.
    pub default_roadmap: Option<String>,
    /// In file order.
    pub keys: Vec<KeyOverride>,
}

/// The colour schemes a user can pick.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
pub enum ThemeName {
    #[default]
    Default,
    Dark,
    Light,
    /// No colour at all: attributes (bold, reverse) only.
    Mono,
}

impl ThemeName {
    pub const ALL: [ThemeName; 4] = [
        ThemeName::Default,
        ThemeName::Dark,
        ThemeName::Light,
        ThemeName::Mono,
    ];

    /// How the theme is written in the file.
    pub fn name(self) -> &'static str {
        match self {
            ThemeName::Default => "default",
            ThemeName::Dark => "dark",
            ThemeName::Light => "light",
            ThemeName::Mono => "mono",
        }
    }
}

impl fmt::Display for ThemeName {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl FromStr for ThemeName {
    /// A message naming the themes there are.
    type Err = String;

    /// Case does not matter: `Dark` is `dark`.
    fn from_str(text: &str) -> Result<ThemeName, String> {
        if let Some(theme) = ThemeName::ALL
            .into_iter()
            .find(|theme| theme.name().eq_ignore_ascii_case(text))
        {
            return Ok(theme);
        }
        let names = ThemeName::ALL.map(ThemeName::name);
        let hint = closest(text, names)
            .map(|meant| format!(" (did you mean `{meant}`?)"))
            .unwrap_or_default();
        Err(format!(
            "unknown theme `{}`{hint}: the themes are {}",
            shown(text),
            listed(&names, "and")
        ))
    }
}

/// The keys the user gives an action, replacing its built-in ones.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KeyOverride {
    /// The action's name as written (`toggle-done`), not checked here.
    /// Control characters are spelled out, so it is safe to print.
    pub action: String,
    /// In the order written. Empty when the file says `[]`: what that
    /// means (no key at all, or a mistake) is the keymap's call.
    pub keys: Vec<Key>,
    /// Where the action's name is, for messages about it.
    pub position: Position,
}

/// Why the settings file cannot be used: the first problem found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConfigError {
    /// The file's path, as given to [`parse`].
    pub file: String,
    pub at: Position,
    /// Safe to print: never holds a control character.
    pub message: String,
}

impl fmt::Display for ConfigError {
    /// `FILE:LINE:COLUMN: message`, the form editors jump to.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}:{}:{}: {}",
            clean_line(&self.file),
            self.at.line,
            self.at.column,
            self.message
        )
    }
}

impl std::error::Error for ConfigError {}

/// Reads the settings in `text`. `file` is the path as messages show it.
/// An empty file, or one of comments only, sets nothing.
pub fn parse(text: &str, file: &str) -> Result<Config, ConfigError> {
    // Windows editors start UTF-8 files with a byte-order mark.
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    // The reader refuses a text without a document; for settings that
    // is a file not written yet, which is fine.
    let blank = text.lines().all(|line| {
        let line = line.trim();
        line.is_empty() || line.starts_with('#') || line == "---" || line == "..."
    });
    if blank {
        return Ok(Config::default());
    }
    read(text).map_err(|failure| ConfigError {
        file: file.to_owned(),
        at: failure.at,
        message: failure.message,
    })
}

/// One key as the file writes it: a character (`j`, `G`, `?`) or a name
/// (`space`, `pgdn`, `f5`), after an optional `ctrl-` and/or `alt-`.
/// Names and prefixes ignore case; a lone character does not, since shift
/// is part of it (`G`), as in [`crate::tui::keymap`]. Control letters are kept
/// lowercase: terminals cannot tell Ctrl-R from Ctrl-r.
pub fn parse_key(spec: &str) -> Result<Key, String> {
    if spec.is_empty() {
        return Err("the key is empty: write a character like `j`, or a name like `space`".into());
    }
    let mut rest = spec;
    let mut modifiers = KeyModifiers::NONE;
    while let Some((prefix, modifier, after)) = modifier_prefix(rest) {
        if after.is_empty() {
            return Err(format!(
                "`{}` needs a key after it, like `{prefix}r`",
                shown(spec)
            ));
        }
        if modifiers.contains(modifier) {
            return Err(format!("`{}` says `{prefix}` twice", shown(spec)));
        }
        modifiers |= modifier;
        rest = after;
    }
    let code = key_code(rest).ok_or_else(|| unknown_key(spec, rest))?;
    let code = match code {
        KeyCode::Char(c) if modifiers.contains(KeyModifiers::CONTROL) => {
            KeyCode::Char(c.to_ascii_lowercase())
        }
        code => code,
    };
    Ok(Key { code, modifiers })
}

/// The names [`parse_key`] knows, lowercase. The F keys are apart.
const KEY_NAMES: &[(&str, KeyCode)] = &[
    ("space", KeyCode::Char(' ')),
    ("enter", KeyCode::Enter),
    ("esc", KeyCode::Esc),
    ("escape", KeyCode::Esc),
    ("tab", KeyCode::Tab),
    ("backtab", KeyCode::BackTab),
    ("shift-tab", KeyCode::BackTab),
    ("up", KeyCode::Up),
    ("down", KeyCode::Down),
    ("left", KeyCode::Left),
    ("right", KeyCode::Right),
    ("pageup", KeyCode::PageUp),
    ("pgup", KeyCode::PageUp),
    ("pagedown", KeyCode::PageDown),
    ("pgdn", KeyCode::PageDown),
    ("home", KeyCode::Home),
    ("end", KeyCode::End),
    ("backspace", KeyCode::Backspace),
    ("delete", KeyCode::Delete),
    ("del", KeyCode::Delete),
];

/// The key `name` (prefixes removed) stands for.
fn key_code(name: &str) -> Option<KeyCode> {
    let mut chars = name.chars();
    if let (Some(c), None) = (chars.next(), chars.next()) {
        // A tab or newline typed into a quoted string: its name is clearer.
        return (!c.is_control()).then_some(KeyCode::Char(c));
    }
    let lower = name.to_ascii_lowercase();
    if let Some(&(_, code)) = KEY_NAMES.iter().find(|(known, _)| *known == lower) {
        return Some(code);
    }
    let number = lower.strip_prefix('f')?;
    // `f1`, not `f01` or `f+1`.
    let n: u8 = number.parse().ok()?;
    ((1..=12).contains(&n) && number == n.to_string()).then_some(KeyCode::F(n))
}

fn unknown_key(spec: &str, name: &str) -> String {
    let accepted = "a key is one character (like `j`, `G` or `?`) or one of space, enter, esc, \
                    tab, backtab, up, down, left, right, pageup, pagedown, home, end, \
                    backspace, delete, f1…f12, optionally after `ctrl-` or `alt-`";
    if name.chars().any(char::is_control) {
        return format!(
            "`{}` holds a control character: write the key's name instead; {accepted}",
            shown(spec)
        );
    }
    // Shift is part of the character: `shift-j` is `J`.
    if let Some(after) = strip_prefix_ignore_case(name, "shift-") {
        let mut chars = after.chars();
        if let (Some(c), None) = (chars.next(), chars.next()) {
            let upper: String = c.to_uppercase().collect();
            return format!(
                "unknown key `{}`: write `{}` for a shifted key, shift is part of the \
                 character",
                shown(spec),
                shown(&upper)
            );
        }
    }
    let names = KEY_NAMES.iter().map(|(known, _)| *known);
    let hint = closest(name, names)
        .map(|meant| format!(" (did you mean `{meant}`?)"))
        .unwrap_or_default();
    format!("unknown key `{}`{hint}: {accepted}", shown(spec))
}

/// The `ctrl-` or `alt-` `spec` starts with, its modifier, and the rest.
fn modifier_prefix(spec: &str) -> Option<(&'static str, KeyModifiers, &str)> {
    [
        ("ctrl-", KeyModifiers::CONTROL),
        ("alt-", KeyModifiers::ALT),
    ]
    .into_iter()
    .find_map(|(prefix, modifier)| {
        strip_prefix_ignore_case(spec, prefix).map(|after| (prefix, modifier, after))
    })
}

fn strip_prefix_ignore_case<'t>(text: &'t str, prefix: &str) -> Option<&'t str> {
    let head = text.get(..prefix.len())?;
    head.eq_ignore_ascii_case(prefix)
        .then(|| &text[prefix.len()..])
}

/// User text as a message quotes it: safe to print, and not too long.
fn shown(text: &str) -> String {
    shorten(&clean_line(text)).into_owned()
}

/// "`a`, `b` and `c`", or with `or`.
fn listed(words: &[&str], conjunction: &str) -> String {
    let quoted: Vec<String> = words.iter().map(|word| format!("`{word}`")).collect();
    match quoted.split_last() {
        Some((last, rest)) if !rest.is_empty() => {
            format!("{} {conjunction} {last}", rest.join(", "))
        }
        Some((last, _)) => last.clone(),
        None => String::new(),
    }
}

type Read<T> = Result<T, Failure>;

fn read(text: &str) -> Read<Config> {
    let mut reader = Reader::new(text)?;
    let (token, at) = reader.next_token()?;
    let config = match token {
        // `---` alone, or `~`: a document that says nothing.
        Token::Scalar(scalar) if scalar.is_null() => Config::default(),
        Token::MapStart => settings(&mut reader)?,
        other => {
            let expected = format!("settings, a mapping of {}", listed(SETTINGS, "or"));
            return Err(wrong_type(None, &expected, &other, at));
        }
    };
    reader.finish().map_err(|mut failure| {
        // The reader's wording is about roadmap files.
        if failure.message.starts_with("a second YAML document") {
            failure.message = "a second YAML document starts here: the settings file holds one \
                               document (remove the `---` line)"
                .to_owned();
        }
        failure
    })?;
    Ok(config)
}

/// The entries of the top-level mapping, after its start.
fn settings(reader: &mut Reader) -> Read<Config> {
    let mut config = Config::default();
    let mut seen: Vec<(&'static str, Position)> = Vec::new();
    loop {
        let (token, at) = reader.next_token()?;
        let name = match token {
            Token::MapEnd => return Ok(config),
            Token::Scalar(scalar) => scalar.text,
            other => {
                return Err(Failure {
                    at,
                    message: format!("a setting's name must be text, found {}", other.describe()),
                });
            }
        };
        let Some(&setting) = SETTINGS.iter().find(|known| **known == name) else {
            return Err(unknown_setting(&name, at));
        };
        if let Some((_, first)) = seen.iter().find(|(known, _)| *known == setting) {
            return Err(Failure {
                at,
                message: format!(
                    "`{setting}` is set twice; the first is at line {}, column {}",
                    first.line, first.column
                ),
            });
        }
        seen.push((setting, at));
        match setting {
            "theme" => config.theme = theme(reader)?,
            "mouse" => config.mouse = mouse(reader)?,
            "roadmap" => config.default_roadmap = default_roadmap(reader)?,
            _ => config.keys = key_overrides(reader)?,
        }
    }
}

fn unknown_setting(name: &str, at: Position) -> Failure {
    let message = if name == "<<" {
        "merge keys (`<<`) are not supported: write the settings out".to_owned()
    } else {
        let hint = closest(name, SETTINGS.iter().copied())
            .map(|meant| format!(" (did you mean `{meant}`?)"))
            .unwrap_or_default();
        format!(
            "unknown setting `{}`{hint}: the settings are {}",
            shown(name),
            listed(SETTINGS, "and")
        )
    };
    Failure { at, message }
}

/// `theme:`'s value; nothing there means not set.
fn theme(reader: &mut Reader) -> Read<Option<ThemeName>> {
    let expected = format!(
        "a theme name ({})",
        listed(&ThemeName::ALL.map(ThemeName::name), "or")
    );
    let (token, at) = reader.next_token()?;
    match token {
        Token::Scalar(scalar) if scalar.is_null() => Ok(None),
        Token::Scalar(scalar) if scalar.kind() == ScalarKind::Text => scalar
            .text
            .parse()
            .map(Some)
            .map_err(|message| Failure { at, message }),
        other => Err(wrong_type(Some("theme"), &expected, &other, at)),
    }
}

/// `mouse:`'s value: a YAML boolean, not the text `"true"` nor `yes`.
fn mouse(reader: &mut Reader) -> Read<Option<bool>> {
    let (token, at) = reader.next_token()?;
    match token {
        Token::Scalar(scalar) if scalar.is_null() => Ok(None),
        Token::Scalar(scalar) if scalar.kind() == ScalarKind::Bool => {
            Ok(Some(scalar.text.eq_ignore_ascii_case("true")))
        }
        other => Err(wrong_type(Some("mouse"), "`true` or `false`", &other, at)),
    }
}

/// `roadmap:`'s value, kept as written: the catalog resolves it, and a
/// path may hold anything.
fn default_roadmap(reader: &mut Reader) -> Read<Option<String>> {
    let (token, at) = reader.next_token()?;
    match token {
        Token::Scalar(scalar) if scalar.is_null() => Ok(None),
        Token::Scalar(scalar) if scalar.text.trim().is_empty() => Err(Failure {
            at,
            message: "`roadmap` is empty: write a roadmap id or the path of a roadmap file"
                .to_owned(),
        }),
        Token::Scalar(scalar) => Ok(Some(scalar.text.into_owned())),
        other => Err(wrong_type(
            Some("roadmap"),
            "a roadmap id or the path of a roadmap file",
            &other,
            at,
        )),
    }
}

/// `keys:`'s value: a mapping of action names to keys.
fn key_overrides(reader: &mut Reader) -> Read<Vec<KeyOverride>> {
    let (token, at) = reader.next_token()?;
    match token {
        Token::Scalar(scalar) if scalar.is_null() => return Ok(Vec::new()),
        Token::MapStart => {}
        other => {
            return Err(wrong_type(
                Some("keys"),
                "a mapping of actions to keys, like `quit: [q, ctrl-c]`",
                &other,
                at,
            ));
        }
    }
    let mut overrides: Vec<KeyOverride> = Vec::new();
    loop {
        let (token, at) = reader.next_token()?;
        let action = match token {
            Token::MapEnd => return Ok(overrides),
            Token::Scalar(scalar) if !scalar.is_null() && !scalar.text.is_empty() => {
                clean_line_owned(scalar.text)
            }
            other => {
                return Err(Failure {
                    at,
                    message: format!(
                        "under `keys`, each name is an action, like `quit`; found {}",
                        other.describe()
                    ),
                });
            }
        };
        if action == "<<" {
            return Err(Failure {
                at,
                message: "merge keys (`<<`) are not supported: write the actions out".to_owned(),
            });
        }
        if let Some(first) = overrides.iter().find(|o| o.action == action) {
            return Err(Failure {
                at,
                message: format!(
                    "the keys of `{}` are given twice; the first is at line {}, column {}",
                    shorten(&action),
                    first.position.line,
                    first.position.column
                ),
            });
        }
        let keys = keys_of(reader, &action)?;
        overrides.push(KeyOverride {
            action,
            keys,
            position: at,
        });
    }
}

/// One action's value: a key, or a list of them.
fn keys_of(reader: &mut Reader, action: &str) -> Read<Vec<Key>> {
    let (token, at) = reader.next_token()?;
    match token {
        Token::Scalar(scalar) => Ok(vec![key(scalar, at, action)?]),
        Token::ListStart => {
            let mut keys = Vec::new();
            loop {
                match reader.next_token()? {
                    (Token::ListEnd, _) => return Ok(keys),
                    (Token::Scalar(scalar), at) => keys.push(key(scalar, at, action)?),
                    (other, at) => {
                        let expected = "a key, like `j` or `ctrl-r`";
                        return Err(wrong_type(Some(action), expected, &other, at));
                    }
                }
            }
        }
        other => {
            let expected = "a key, like `j` or `ctrl-r`, or a list of keys";
            Err(wrong_type(Some(action), expected, &other, at))
        }
    }
}

/// Any scalar but nothing is a key spec: `1` is the key 1, not a number.
fn key(scalar: Scalar, at: Position, action: &str) -> Read<Key> {
    if scalar.is_null() {
        let expected = "a key, like `j` or `ctrl-r` (write `[]` for none)";
        return Err(wrong_type(
            Some(action),
            expected,
            &Token::Scalar(scalar),
            at,
        ));
    }
    parse_key(&scalar.text).map_err(|message| Failure {
        at,
        message: format!("`{}`: {message}", shorten(action)),
    })
}

/// "`mouse`: expected `true` or `false`, found the text `maybe`".
fn wrong_type(name: Option<&str>, expected: &str, found: &Token, at: Position) -> Failure {
    let name = name
        .map(|name| format!("`{}`: ", shorten(name)))
        .unwrap_or_default();
    Failure {
        at,
        message: format!("{name}expected {expected}, found {}", found.describe()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn a_settings_file_that_is_not_utf8_is_an_error_at_its_place_with_a_clean_path() {
        let dir = tempfile::tempdir().unwrap();
        let folder = dir.path().join("c\u{1b}]0;x\u{7}\u{202e}");
        std::fs::create_dir_all(&folder).unwrap();
        let file = folder.join("config.yaml");
        std::fs::write(&file, b"theme: dark\nmouse: \xff\n").unwrap();
        let message = load(&file).unwrap_err().to_string();
        assert!(
            message.contains("config.yaml:2:8: the settings are not UTF-8"),
            "{message}"
        );
        assert!(
            !message.chars().any(crate::domain::safe_text::is_unsafe),
            "no raw escape in {message:?}"
        );
    }

    const FILE: &str = "/home/me/.config/roadmap/config.yaml";

    fn at(line: usize, column: usize) -> Position {
        Position { line, column }
    }

    fn plain(code: KeyCode) -> Key {
        Key {
            code,
            modifiers: KeyModifiers::NONE,
        }
    }

    fn ch(c: char) -> Key {
        plain(KeyCode::Char(c))
    }

    fn ctrl(c: char) -> Key {
        Key {
            code: KeyCode::Char(c),
            modifiers: KeyModifiers::CONTROL,
        }
    }

    fn error(text: &str) -> ConfigError {
        match parse(text, FILE) {
            Ok(config) => panic!("expected an error for {text:?}, got {config:?}"),
            Err(err) => err,
        }
    }

    /// The error's message and position, checked together.
    fn assert_error(text: &str, position: Position, parts: &[&str]) {
        let err = error(text);
        assert_eq!(err.at, position, "{err}");
        for part in parts {
            assert!(err.message.contains(part), "{part:?} not in: {err}");
        }
    }

    #[test]
    fn the_full_example_is_read() {
        let text = "\
# My settings
theme: dark
mouse: true
roadmap: backend
keys:
  down: [j, down]
  toggle-done: space
  redo: ctrl-r
  quit: [q, ctrl-c]
";
        let config = parse(text, FILE).unwrap();
        assert_eq!(config.theme, Some(ThemeName::Dark));
        assert_eq!(config.mouse, Some(true));
        assert_eq!(config.default_roadmap.as_deref(), Some("backend"));
        let expected = [
            ("down", vec![ch('j'), plain(KeyCode::Down)], at(6, 3)),
            ("toggle-done", vec![ch(' ')], at(7, 3)),
            ("redo", vec![ctrl('r')], at(8, 3)),
            ("quit", vec![ch('q'), ctrl('c')], at(9, 3)),
        ];
        let expected: Vec<KeyOverride> = expected
            .into_iter()
            .map(|(action, keys, position)| KeyOverride {
                action: action.to_owned(),
                keys,
                position,
            })
            .collect();
        assert_eq!(config.keys, expected);
    }

    #[test]
    fn each_setting_may_be_left_out_or_empty() {
        assert_eq!(
            parse("mouse: false\n", FILE).unwrap(),
            Config {
                mouse: Some(false),
                ..Config::default()
            }
        );
        let config = parse("theme:\nmouse: ~\nroadmap:\nkeys:\n", FILE).unwrap();
        assert_eq!(config, Config::default());
        let config = parse("keys: {quit: []}\n", FILE).unwrap();
        assert_eq!(config.keys[0].keys, []);
    }

    #[test]
    fn an_empty_file_sets_nothing() {
        for text in [
            "",
            "\n\n",
            "   \n",
            "\u{feff}",
            "---\n",
            "---\n...\n",
            "~\n",
        ] {
            assert_eq!(parse(text, FILE).unwrap(), Config::default(), "{text:?}");
        }
    }

    #[test]
    fn a_file_of_comments_sets_nothing() {
        let text = "# theme: dark\n\n  # mouse: true\n#keys:\n";
        assert_eq!(parse(text, FILE).unwrap(), Config::default());
    }

    #[test]
    fn a_byte_order_mark_is_ignored() {
        let config = parse("\u{feff}theme: mono\n", FILE).unwrap();
        assert_eq!(config.theme, Some(ThemeName::Mono));
    }

    #[test]
    fn themes_parse_by_name_in_any_case() {
        for theme in ThemeName::ALL {
            assert_eq!(theme.name().parse(), Ok(theme));
            assert_eq!(theme.name().to_uppercase().parse(), Ok(theme));
            assert_eq!(theme.to_string(), theme.name());
        }
        let err = "drak".parse::<ThemeName>().unwrap_err();
        assert!(err.contains("did you mean `dark`?"), "{err}");
        assert!(
            err.contains("`default`, `dark`, `light` and `mono`"),
            "{err}"
        );
        let config = parse("theme: \"Light\"\n", FILE).unwrap();
        assert_eq!(config.theme, Some(ThemeName::Light));
    }

    #[test]
    fn a_value_of_the_wrong_type_says_what_was_expected() {
        assert_error(
            "mouse: maybe\n",
            at(1, 8),
            &["`mouse`: expected `true` or `false`, found the text `maybe`"],
        );
        assert_error("mouse: yes\n", at(1, 8), &["found the text `yes`"]);
        assert_error("mouse: \"true\"\n", at(1, 8), &["found the text `true`"]);
        assert_error("mouse: 1\n", at(1, 8), &["found the number `1`"]);
        assert_error(
            "theme: [a]\n",
            at(1, 8),
            &[
                "`theme`: expected a theme name",
                "(`default`, `dark`, `light` or `mono`)",
                "found a list",
            ],
        );
        assert_error("theme: 3\n", at(1, 8), &["found the number `3`"]);
        assert_error("theme: true\n", at(1, 8), &["found `true`"]);
        assert_error(
            "theme: solarized\n",
            at(1, 8),
            &["unknown theme `solarized`", "the themes are"],
        );
        assert_error(
            "roadmap: {id: x}\n",
            at(1, 10),
            &[
                "`roadmap`: expected a roadmap id or the path",
                "found a mapping",
            ],
        );
        assert_error("roadmap: \"  \"\n", at(1, 10), &["`roadmap` is empty"]);
        assert_error(
            "keys: [j, k]\n",
            at(1, 7),
            &[
                "`keys`: expected a mapping of actions to keys",
                "found a list",
            ],
        );
        assert_error("keys: quit\n", at(1, 7), &["found the text `quit`"]);
        assert_error(
            "keys:\n  down: {j: k}\n",
            at(2, 9),
            &["`down`: expected a key", "found a mapping"],
        );
        assert_error(
            "keys:\n  down:\n",
            at(2, 7),
            &[
                "`down`: expected a key",
                "write `[]` for none",
                "found nothing",
            ],
        );
        assert_error(
            "keys:\n  down: [j, [k]]\n",
            at(2, 13),
            &["`down`: expected a key", "found a list"],
        );
        assert_error(
            "keys:\n  [a]: j\n",
            at(2, 3),
            &["each name is an action", "found a list"],
        );
        assert_error(
            "- theme\n",
            at(1, 1),
            &[
                "expected settings, a mapping of `theme`, `mouse`, `roadmap` or `keys`",
                "found a list",
            ],
        );
        assert_error("dark\n", at(1, 1), &["found the text `dark`"]);
    }

    #[test]
    fn an_unknown_setting_is_named_and_the_known_ones_listed() {
        assert_error(
            "colour: dark\n",
            at(1, 1),
            &[
                "unknown setting `colour`",
                "the settings are `theme`, `mouse`, `roadmap` and `keys`",
            ],
        );
        assert_error(
            "mouse: true\nthem: dark\n",
            at(2, 1),
            &["unknown setting `them` (did you mean `theme`?)"],
        );
        assert_error("Keys: {}\n", at(1, 1), &["did you mean `keys`?"]);
        assert_error("<<: {theme: dark}\n", at(1, 1), &["merge keys"]);
        assert_error(
            "[theme]: dark\n",
            at(1, 1),
            &["a setting's name must be text, found a list"],
        );
    }

    #[test]
    fn a_setting_given_twice_is_refused() {
        assert_error(
            "theme: dark\nmouse: true\ntheme: light\n",
            at(3, 1),
            &["`theme` is set twice; the first is at line 1, column 1"],
        );
        assert_error(
            "keys:\n  quit: q\n  down: j\n  quit: x\n",
            at(4, 3),
            &["the keys of `quit` are given twice; the first is at line 2, column 3"],
        );
    }

    #[test]
    fn action_names_are_kept_unchecked_but_safe() {
        let config = parse("keys:\n  no-such-action: x\n  \"a\\e\": y\n", FILE).unwrap();
        assert_eq!(config.keys[0].action, "no-such-action");
        assert_eq!(config.keys[1].action, "a\\x1b");
    }

    #[test]
    fn key_specs_are_parsed() {
        let alt = |code| Key {
            code,
            modifiers: KeyModifiers::ALT,
        };
        let table = [
            ("j", ch('j')),
            ("G", ch('G')),
            ("?", ch('?')),
            ("/", ch('/')),
            ("1", ch('1')),
            (" ", ch(' ')),
            ("é", ch('é')),
            ("space", ch(' ')),
            ("SPACE", ch(' ')),
            ("enter", plain(KeyCode::Enter)),
            ("Esc", plain(KeyCode::Esc)),
            ("escape", plain(KeyCode::Esc)),
            ("tab", plain(KeyCode::Tab)),
            ("backtab", plain(KeyCode::BackTab)),
            ("Shift-Tab", plain(KeyCode::BackTab)),
            ("up", plain(KeyCode::Up)),
            ("down", plain(KeyCode::Down)),
            ("left", plain(KeyCode::Left)),
            ("right", plain(KeyCode::Right)),
            ("pageup", plain(KeyCode::PageUp)),
            ("PgUp", plain(KeyCode::PageUp)),
            ("pagedown", plain(KeyCode::PageDown)),
            ("pgdn", plain(KeyCode::PageDown)),
            ("home", plain(KeyCode::Home)),
            ("end", plain(KeyCode::End)),
            ("backspace", plain(KeyCode::Backspace)),
            ("delete", plain(KeyCode::Delete)),
            ("del", plain(KeyCode::Delete)),
            ("f1", plain(KeyCode::F(1))),
            ("F12", plain(KeyCode::F(12))),
            ("ctrl-r", ctrl('r')),
            ("Ctrl-R", ctrl('r')),
            ("CTRL-r", ctrl('r')),
            ("ctrl--", ctrl('-')),
            ("ctrl-space", ctrl(' ')),
            (
                "ctrl-down",
                Key {
                    code: KeyCode::Down,
                    modifiers: KeyModifiers::CONTROL,
                },
            ),
            ("alt-x", alt(KeyCode::Char('x'))),
            ("alt-X", alt(KeyCode::Char('X'))),
            ("Alt-Enter", alt(KeyCode::Enter)),
            (
                "ctrl-alt-x",
                Key {
                    code: KeyCode::Char('x'),
                    modifiers: KeyModifiers::CONTROL | KeyModifiers::ALT,
                },
            ),
        ];
        for (spec, key) in table {
            assert_eq!(parse_key(spec), Ok(key), "{spec:?}");
        }
        assert_eq!(parse_key("ctrl-r").unwrap().label(), "Ctrl-R");
    }

    #[test]
    fn bad_key_specs_say_what_is_accepted() {
        let table = [
            ("", "the key is empty"),
            ("ctrl-", "`ctrl-` needs a key after it, like `ctrl-r`"),
            ("Alt-", "needs a key after it, like `alt-r`"),
            ("ctrl-ctrl-x", "says `ctrl-` twice"),
            ("spcae", "unknown key `spcae` (did you mean `space`?)"),
            ("foo", "unknown key `foo`: a key is one character"),
            ("f0", "f1…f12"),
            ("f13", "unknown key `f13`"),
            ("f01", "unknown key `f01`"),
            ("jj", "unknown key `jj`"),
            ("ctrl+r", "unknown key `ctrl+r`"),
            ("shift-j", "write `J` for a shifted key"),
            ("\t", "control character"),
            ("ctrl-\u{1b}", "`ctrl-\\x1b` holds a control character"),
        ];
        for (spec, part) in table {
            let err = parse_key(spec).unwrap_err();
            assert!(err.contains(part), "{spec:?}: {part:?} not in {err:?}");
            assert!(!err.chars().any(char::is_control), "{err:?}");
        }
        let err = parse_key("foo").unwrap_err();
        for name in ["space", "enter", "esc", "backtab", "pagedown", "delete"] {
            assert!(err.contains(name), "{name} not in {err}");
        }
        assert!(err.contains("`ctrl-` or `alt-`"), "{err}");
    }

    #[test]
    fn a_bad_key_in_the_file_is_reported_where_it_is() {
        assert_error(
            "keys:\n  down: [j, spcae]\n",
            at(2, 13),
            &["`down`: unknown key `spcae` (did you mean `space`?)"],
        );
        assert_error(
            "keys:\n  quit: \"\"\n",
            at(2, 9),
            &["`quit`: the key is empty"],
        );
    }

    #[test]
    fn yaml_syntax_errors_are_reported_with_their_position() {
        let err = error("theme: dark\nroadmap: a: b\n");
        assert_eq!(err.at, at(2, 11), "{err}");
        assert!(err.message.starts_with("YAML syntax error: "), "{err}");
        assert!(err.message.contains("put quotes around"), "{err}");
        let err = error("mouse: true\nroadmap: \"backend\n");
        assert!(err.message.starts_with("YAML syntax error: "), "{err}");
        assert!(err.at.line >= 2, "{err}");
        let err = error("keys:\n\tquit: q\n");
        assert_eq!(err.at, at(2, 1), "{err}");
        assert!(err.message.contains("use spaces"), "{err}");
        assert_error(
            "theme: dark\n---\nmouse: true\n",
            at(2, 1),
            &[
                "second YAML document",
                "the settings file holds one document",
            ],
        );
    }

    #[test]
    fn errors_print_as_file_line_column_message() {
        let err = error("mouse: maybe\n");
        assert_eq!(
            err.to_string(),
            format!("{FILE}:1:8: `mouse`: expected `true` or `false`, found the text `maybe`")
        );
        let err = parse("mouse: maybe\n", "odd\x1bname.yaml").unwrap_err();
        assert!(
            err.to_string().starts_with("odd\\x1bname.yaml:1:8: "),
            "{err}"
        );
        let _: &dyn std::error::Error = &err;
    }

    #[test]
    fn aliases_are_expanded() {
        let text = "\
keys:
  down: &down [j, down]
  page-down: *down
  quit: &q q
  back: *q
";
        let config = parse(text, FILE).unwrap();
        let keys: Vec<(&str, &[Key], Position)> = config
            .keys
            .iter()
            .map(|o| (o.action.as_str(), o.keys.as_slice(), o.position))
            .collect();
        let down = [ch('j'), plain(KeyCode::Down)];
        assert_eq!(
            keys,
            [
                ("down", &down[..], at(2, 3)),
                ("page-down", &down[..], at(3, 3)),
                ("quit", &[ch('q')][..], at(4, 3)),
                ("back", &[ch('q')][..], at(5, 3)),
            ]
        );
        // A bad key reached through an alias is reported at the alias.
        assert_error(
            "keys:\n  a: &x [j]\n  b: [*x]\n",
            at(3, 7),
            &["`b`: expected a key", "found a list"],
        );
    }

    #[test]
    fn aliases_stay_within_the_budget() {
        // Keys cannot nest, so the worst a file can do is alias one long
        // list many times: each alias replays the whole list.
        let list = vec!["j"; 1_000].join(", ");
        let mut text = format!("keys:\n  a0: &list [{list}]\n");
        for n in 1..=100 {
            text.push_str(&format!("  a{n}: *list\n"));
        }
        let err = error(&text);
        assert!(err.message.contains("add up to more than"), "{err}");
        // At the alias that went over, not at the anchor.
        assert!(err.at.line > 2, "{err}");
    }

    proptest! {
        /// Whatever the file holds, the answer is a config or a message
        /// that is safe to print.
        #[test]
        fn any_text_gives_a_config_or_a_clean_error(
            text in "[a-z:\\-\\[\\]{}&*!|>'\" ,#~\n\t\u{1b}]{0,40}"
        ) {
            if let Err(err) = parse(&text, FILE) {
                prop_assert!(!err.message.chars().any(char::is_control), "{:?}", err);
                prop_assert!(err.at.line >= 1 && err.at.column >= 1, "{:?}", err);
            }
        }

        #[test]
        fn any_key_spec_gives_a_key_or_a_clean_message(spec in "\\PC{0,12}|[a-zA-Z\\-]{0,12}") {
            if let Err(message) = parse_key(&spec) {
                prop_assert!(!message.chars().any(char::is_control), "{:?}", message);
            }
        }
    }
}
