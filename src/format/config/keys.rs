//! How a key is written in the settings file: [`Key`], the one type of
//! key the app knows (the keymap's bindings are made of it too), and
//! [`parse_key`], which reads `ctrl-r` or `pgdn` into one.
//!
//! It owns the names of keys and their messages. It must not decide what
//! a key does (that is [`crate::tui::keymap`]'s, which imports this, never
//! the other way), nor read a file.

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::shown;
use crate::format::yaml::closest;

/// A key with the modifiers that matter. Shift is folded into the key
/// itself (`G`, `?`, `BackTab`), as terminals report it inconsistently.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Key {
    pub code: KeyCode,
    pub modifiers: KeyModifiers,
}

impl Key {
    /// A key without modifiers.
    pub const fn plain(code: KeyCode) -> Key {
        Key {
            code,
            modifiers: KeyModifiers::NONE,
        }
    }

    /// A character typed as it is (shift is part of it: `G`).
    pub const fn char(c: char) -> Key {
        Key::plain(KeyCode::Char(c))
    }

    /// Ctrl with `c`, given lowercase as [`parse_key`] keeps it:
    /// terminals cannot tell Ctrl-R from Ctrl-r.
    pub const fn ctrl(c: char) -> Key {
        Key {
            code: KeyCode::Char(c),
            modifiers: KeyModifiers::CONTROL,
        }
    }

    /// The key a terminal's key event stands for, shift folded in as
    /// [`parse_key`] folds it, so a pressed key equals the one written.
    pub fn from_event(event: &KeyEvent) -> Key {
        let modifiers = event.modifiers.difference(KeyModifiers::SHIFT);
        let code = match event.code {
            // Ctrl-C with Caps Lock or Shift held is still Ctrl-C, as the
            // settings write control letters lowercase.
            KeyCode::Char(c) if modifiers.contains(KeyModifiers::CONTROL) => {
                KeyCode::Char(c.to_ascii_lowercase())
            }
            code => code,
        };
        Key { code, modifiers }
    }

    /// How the key is written in the help and the footer.
    pub fn label(&self) -> String {
        let name = match self.code {
            KeyCode::Char(' ') => "Space".to_owned(),
            // Any character the settings bind, shown as every view shows
            // outside text.
            KeyCode::Char(c) => crate::domain::safe_text::clean_line(&c.to_string()),
            KeyCode::Enter => "Enter".to_owned(),
            KeyCode::Esc => "Esc".to_owned(),
            KeyCode::Tab => "Tab".to_owned(),
            KeyCode::BackTab => "Shift-Tab".to_owned(),
            KeyCode::Up => "↑".to_owned(),
            KeyCode::Down => "↓".to_owned(),
            KeyCode::Left => "←".to_owned(),
            KeyCode::Right => "→".to_owned(),
            KeyCode::PageUp => "PgUp".to_owned(),
            KeyCode::PageDown => "PgDn".to_owned(),
            KeyCode::Home => "Home".to_owned(),
            KeyCode::End => "End".to_owned(),
            other => other.to_string(),
        };
        if self.modifiers.contains(KeyModifiers::CONTROL) {
            format!("Ctrl-{}", name.to_uppercase())
        } else {
            name
        }
    }
}

/// One key as the file writes it: a character (`j`, `G`, `?`) or a name
/// (`space`, `pgdn`, `f5`), after an optional `ctrl-` and/or `alt-`.
/// Names and prefixes ignore case; a lone character does not, since shift
/// is part of it (`G`), as in [`Key`]. Control letters are kept
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

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use proptest::prelude::*;

    pub(crate) fn plain(code: KeyCode) -> Key {
        Key {
            code,
            modifiers: KeyModifiers::NONE,
        }
    }

    pub(crate) fn ch(c: char) -> Key {
        plain(KeyCode::Char(c))
    }

    pub(crate) fn ctrl(c: char) -> Key {
        Key {
            code: KeyCode::Char(c),
            modifiers: KeyModifiers::CONTROL,
        }
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
    fn the_constructors_build_what_the_file_would_say() {
        assert_eq!(Key::plain(KeyCode::End), plain(KeyCode::End));
        assert_eq!(Key::char('G'), parse_key("G").unwrap());
        assert_eq!(Key::ctrl('r'), parse_key("Ctrl-R").unwrap());
    }

    #[test]
    fn labels_name_keys_as_the_help_shows_them() {
        let table = [
            (ch(' '), "Space"),
            (ch('G'), "G"),
            (ch('\u{1b}'), "\\x1b"),
            (plain(KeyCode::Enter), "Enter"),
            (plain(KeyCode::Esc), "Esc"),
            (plain(KeyCode::Tab), "Tab"),
            (plain(KeyCode::BackTab), "Shift-Tab"),
            (plain(KeyCode::Up), "↑"),
            (plain(KeyCode::Down), "↓"),
            (plain(KeyCode::Left), "←"),
            (plain(KeyCode::Right), "→"),
            (plain(KeyCode::PageUp), "PgUp"),
            (plain(KeyCode::PageDown), "PgDn"),
            (plain(KeyCode::Home), "Home"),
            (plain(KeyCode::End), "End"),
            (plain(KeyCode::F(5)), "F5"),
            (ctrl('r'), "Ctrl-R"),
            (ctrl(' '), "Ctrl-SPACE"),
        ];
        for (key, label) in table {
            assert_eq!(key.label(), label, "{key:?}");
        }
    }

    #[test]
    fn a_terminal_event_is_the_key_the_file_writes() {
        let (none, shift, ctrl, alt) = (
            KeyModifiers::NONE,
            KeyModifiers::SHIFT,
            KeyModifiers::CONTROL,
            KeyModifiers::ALT,
        );
        let table = [
            // Shift is part of the character.
            (KeyCode::Char('G'), shift, "G"),
            (KeyCode::Char('j'), none, "j"),
            // A control letter with shift or caps lock is still lowercase.
            (KeyCode::Char('C'), ctrl | shift, "ctrl-c"),
            (KeyCode::Char('x'), alt, "alt-x"),
            (KeyCode::BackTab, shift, "backtab"),
        ];
        for (code, modifiers, written) in table {
            let pressed = Key::from_event(&KeyEvent::new(code, modifiers));
            assert_eq!(Ok(pressed), parse_key(written), "{written}");
        }
    }

    proptest! {
        #[test]
        fn any_key_spec_gives_a_key_or_a_clean_message(spec in "\\PC{0,12}|[a-zA-Z\\-]{0,12}") {
            if let Err(message) = parse_key(&spec) {
                prop_assert!(!message.chars().any(char::is_control), "{:?}", message);
            }
        }
    }
}
