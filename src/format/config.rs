//! The user's settings file, `<config dir>/config.yaml`: its text →
//! [`Config`]. This module owns the file's format and its messages; how
//! one key is written (`ctrl-r`, [`Key`], [`parse_key`]) is its `keys`
//! child's. Action names under `keys:` are kept as written: the keymap
//! decides which exist and what clashes.
//!
//! It must not read the file (that is [`crate::io::settings`]'s, which
//! hands the text to [`parse`]), apply a setting, nor import the app:
//! [`crate::tui::keymap`] imports [`Key`] and [`KeyOverride`] from here,
//! never the other way.
//!
//! ```yaml
//! theme: dark            # default | dark | light | mono
//! mouse: true
//! roadmap: backend       # opened when none is named: an id or a path
//! sync:                  # `roadmap sync` on its own, once a remote is set
//!   on-start: true
//!   on-quit: true
//! keys:
//!   down: [j, down]
//!   toggle-done: space
//!   redo: ctrl-r
//! ```
//!
//! The text is read with the YAML reader the roadmap files use
//! ([`crate::format::yaml`]), so aliases stay within the same budget and
//! errors point at a line and column. The first problem ends the reading:
//! a settings file is short, and one clear message beats a half-applied
//! configuration.

mod keys;
#[cfg(test)]
mod tests;

use std::fmt;
use std::str::FromStr;

use crate::domain::safe_text::{clean_line, clean_line_owned};
use crate::format::yaml::{
    Failure, Reader, Scalar, ScalarKind, Token, closest, document, listed, shorten,
};

pub use crate::format::yaml::Position;
pub use keys::{Key, parse_key};

/// Longest settings file read: a real one is a few hundred bytes.
pub const MAX_FILE_BYTES: u64 = 1024 * 1024;

/// The settings file's name inside the config dir.
pub const FILE_NAME: &str = "config.yaml";

/// The top-level keys the file may have, in the order messages list them.
pub const SETTINGS: &[&str] = &["theme", "mouse", "roadmap", "sync", "keys"];

/// The names under `sync:`, in the order messages list them.
pub const SYNC_SETTINGS: &[&str] = &["on-start", "on-quit"];

/// Everything the file can set. `None` (or no overrides) means the file
/// does not say, and the built-in default applies.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Config {
    pub theme: Option<ThemeName>,
    pub mouse: Option<bool>,
    /// The roadmap opened when none is named: an id or a path, as written.
    pub default_roadmap: Option<String>,
    pub sync: SyncSettings,
    /// In file order.
    pub keys: Vec<KeyOverride>,
}

/// When the app syncs with the git remote by itself (`sync:`); off
/// unless the file turns it on.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct SyncSettings {
    /// Before the first screen, so it shows what other machines did.
    pub on_start: bool,
    /// After the last save, so the other machines see this session.
    pub on_quit: bool,
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
    // No document at all is a file not written yet, which is fine.
    let Some(text) = document(text) else {
        return Ok(Config::default());
    };
    read(text).map_err(|failure| ConfigError {
        file: file.to_owned(),
        at: failure.at,
        message: failure.message,
    })
}

/// User text as a message quotes it: safe to print, and not too long.
fn shown(text: &str) -> String {
    shorten(&clean_line(text)).into_owned()
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
        first_time(&mut seen, setting, "", at)?;
        match setting {
            "theme" => config.theme = theme(reader)?,
            "mouse" => config.mouse = mouse(reader)?,
            "roadmap" => config.default_roadmap = default_roadmap(reader)?,
            "sync" => config.sync = sync_settings(reader)?,
            _ => config.keys = key_overrides(reader)?,
        }
    }
}

/// Notes that `setting` (shown after `prefix`, as `sync.on-quit`) is set
/// at `at`, or fails if it was set before.
fn first_time(
    seen: &mut Vec<(&'static str, Position)>,
    setting: &'static str,
    prefix: &str,
    at: Position,
) -> Read<()> {
    if let Some((_, first)) = seen.iter().find(|(known, _)| *known == setting) {
        return Err(Failure {
            at,
            message: format!(
                "`{prefix}{setting}` is set twice; the first is at line {}, column {}",
                first.line, first.column
            ),
        });
    }
    seen.push((setting, at));
    Ok(())
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

/// `mouse:`'s value.
fn mouse(reader: &mut Reader) -> Read<Option<bool>> {
    boolean(reader, "mouse")
}

/// A YAML boolean, not the text `"true"` nor `yes`; nothing there means
/// not set. `name` is the setting's, for the message.
fn boolean(reader: &mut Reader, name: &str) -> Read<Option<bool>> {
    let (token, at) = reader.next_token()?;
    match token {
        Token::Scalar(scalar) if scalar.is_null() => Ok(None),
        Token::Scalar(scalar) if scalar.kind() == ScalarKind::Bool => {
            Ok(Some(scalar.text.eq_ignore_ascii_case("true")))
        }
        other => Err(wrong_type(Some(name), "`true` or `false`", &other, at)),
    }
}

/// `sync:`'s value: a mapping of [`SYNC_SETTINGS`] to booleans.
fn sync_settings(reader: &mut Reader) -> Read<SyncSettings> {
    let (token, at) = reader.next_token()?;
    match token {
        Token::Scalar(scalar) if scalar.is_null() => return Ok(SyncSettings::default()),
        Token::MapStart => {}
        other => {
            return Err(wrong_type(
                Some("sync"),
                "a mapping like `{on-start: true, on-quit: true}`",
                &other,
                at,
            ));
        }
    }
    let mut sync = SyncSettings::default();
    let mut seen: Vec<(&'static str, Position)> = Vec::new();
    loop {
        let (token, at) = reader.next_token()?;
        let name = match token {
            Token::MapEnd => return Ok(sync),
            Token::Scalar(scalar) => scalar.text,
            other => {
                return Err(Failure {
                    at,
                    message: format!(
                        "under `sync`, each name is {}; found {}",
                        listed(SYNC_SETTINGS, "or"),
                        other.describe()
                    ),
                });
            }
        };
        let Some(&setting) = SYNC_SETTINGS.iter().find(|known| **known == name) else {
            let hint = closest(&name, SYNC_SETTINGS.iter().copied())
                .map(|meant| format!(" (did you mean `{meant}`?)"))
                .unwrap_or_default();
            return Err(Failure {
                at,
                message: format!(
                    "unknown setting `sync.{}`{hint}: under `sync` are {}",
                    shown(&name),
                    listed(SYNC_SETTINGS, "and")
                ),
            });
        };
        first_time(&mut seen, setting, "sync.", at)?;
        let on = boolean(reader, setting)?.unwrap_or(false);
        match setting {
            "on-start" => sync.on_start = on,
            _ => sync.on_quit = on,
        }
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
