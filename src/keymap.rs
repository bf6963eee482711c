//! The one table of key bindings. Dispatch ([`action_for`]), the `?` help
//! ([`help_rows`]) and the footer hints ([`footer_hints`]) all read it, so
//! what the help says is what the keys do.

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyModifiers};

use crate::action::Action;

/// A key with the modifiers that matter. Shift is folded into the key
/// itself (`G`, `?`, `BackTab`), as terminals report it inconsistently.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Key {
    pub code: KeyCode,
    pub modifiers: KeyModifiers,
}

impl Key {
    const fn plain(code: KeyCode) -> Key {
        Key {
            code,
            modifiers: KeyModifiers::NONE,
        }
    }

    const fn char(c: char) -> Key {
        Key::plain(KeyCode::Char(c))
    }

    const fn ctrl(c: char) -> Key {
        Key {
            code: KeyCode::Char(c),
            modifiers: KeyModifiers::CONTROL,
        }
    }

    fn from_event(event: &KeyEvent) -> Key {
        Key {
            code: event.code,
            modifiers: event.modifiers.difference(KeyModifiers::SHIFT),
        }
    }

    /// How the key is written in the help and the footer.
    pub fn label(&self) -> String {
        let name = match self.code {
            KeyCode::Char(' ') => "Space".to_owned(),
            KeyCode::Char(c) => c.to_string(),
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

/// Keys that trigger one action, and what the help says of it.
#[derive(Debug)]
pub struct Binding {
    pub keys: &'static [Key],
    pub action: Action,
    pub help: &'static str,
}

const fn bind(keys: &'static [Key], action: Action, help: &'static str) -> Binding {
    Binding { keys, action, help }
}

use KeyCode::{BackTab, Down, End, Enter, Esc, Home, Left, PageDown, PageUp, Right, Tab, Up};

/// Every binding, in the order the help lists them.
pub const BINDINGS: &[Binding] = &[
    bind(
        &[Key::char('j'), Key::plain(Down)],
        Action::Down,
        "Move down",
    ),
    bind(&[Key::char('k'), Key::plain(Up)], Action::Up, "Move up"),
    bind(
        &[Key::char('g'), Key::plain(Home)],
        Action::First,
        "Go to the first row",
    ),
    bind(
        &[Key::char('G'), Key::plain(End)],
        Action::Last,
        "Go to the last row",
    ),
    bind(
        &[Key::plain(PageDown), Key::ctrl('d')],
        Action::PageDown,
        "Move down a page",
    ),
    bind(
        &[Key::plain(PageUp), Key::ctrl('u')],
        Action::PageUp,
        "Move up a page",
    ),
    bind(
        &[Key::plain(Enter)],
        Action::Toggle,
        "Open or close the topic",
    ),
    bind(
        &[Key::char('l'), Key::plain(Right)],
        Action::Expand,
        "Open the topic, or step into it",
    ),
    bind(
        &[Key::char('h'), Key::plain(Left)],
        Action::Collapse,
        "Close the topic, or go up to it",
    ),
    bind(
        &[Key::char(' ')],
        Action::ToggleDone,
        "Tick done / undo (topic: all its items)",
    ),
    bind(
        &[Key::char('i')],
        Action::ToggleInProgress,
        "Mark in progress / undo (topic: all its items)",
    ),
    bind(
        &[Key::char('s')],
        Action::ToggleSkipped,
        "Mark skipped / undo (topic: all its items)",
    ),
    bind(
        &[Key::char('e')],
        Action::EditNote,
        "Write a note on the item, in $VISUAL or $EDITOR",
    ),
    bind(
        &[Key::char('o')],
        Action::OpenLink,
        "Open a resource link in the browser",
    ),
    bind(&[Key::char('u')], Action::Undo, "Undo the last change"),
    bind(&[Key::ctrl('r')], Action::Redo, "Redo what was undone"),
    bind(
        &[Key::char('R')],
        Action::ResetLevel,
        "Reset this level's progress (asks first)",
    ),
    bind(
        &[Key::char('y')],
        Action::Confirm,
        "Yes, to a question asked",
    ),
    bind(
        &[Key::char('z')],
        Action::CloseAll,
        "Close every topic of the level",
    ),
    bind(
        &[Key::char('Z')],
        Action::OpenAll,
        "Open every topic of the level",
    ),
    bind(
        &[Key::char('/')],
        Action::Search,
        "Search every level (Enter jumps, Esc goes back)",
    ),
    bind(&[Key::char('n')], Action::NextMatch, "Next search hit"),
    bind(&[Key::char('N')], Action::PrevMatch, "Previous search hit"),
    bind(
        &[Key::char('f')],
        Action::ToggleFilter,
        "Hide done and skipped items, or show them again",
    ),
    bind(&[Key::plain(Tab)], Action::NextLevel, "Next level"),
    bind(&[Key::plain(BackTab)], Action::PrevLevel, "Previous level"),
    bind(&[Key::char('1')], Action::Level(0), "Go to level 1…9"),
    bind(&[Key::char('2')], Action::Level(1), "Go to level 1…9"),
    bind(&[Key::char('3')], Action::Level(2), "Go to level 1…9"),
    bind(&[Key::char('4')], Action::Level(3), "Go to level 1…9"),
    bind(&[Key::char('5')], Action::Level(4), "Go to level 1…9"),
    bind(&[Key::char('6')], Action::Level(5), "Go to level 1…9"),
    bind(&[Key::char('7')], Action::Level(6), "Go to level 1…9"),
    bind(&[Key::char('8')], Action::Level(7), "Go to level 1…9"),
    bind(&[Key::char('9')], Action::Level(8), "Go to level 1…9"),
    bind(
        &[Key::char('p')],
        Action::PickRoadmap,
        "Switch roadmap (each keeps its own progress)",
    ),
    bind(&[Key::char('?')], Action::Help, "Show or hide this help"),
    bind(
        &[Key::plain(Esc)],
        Action::Back,
        "Close what is open (help, picker, question, notices); else quit",
    ),
    bind(
        &[Key::char('q'), Key::ctrl('c')],
        Action::Quit,
        "Quit (progress is saved as you go)",
    ),
];

/// The action a key press asks for, if any.
pub fn action_for(event: KeyEvent) -> Option<Action> {
    if event.kind == KeyEventKind::Release {
        return None;
    }
    let key = Key::from_event(&event);
    BINDINGS
        .iter()
        .find(|binding| binding.keys.contains(&key))
        .map(|binding| binding.action)
}

/// The help's rows: keys and what they do. Bindings that share one text
/// (the level digits) become one row, their keys written as a range.
pub fn help_rows() -> Vec<(String, &'static str)> {
    let mut rows: Vec<(Vec<Key>, &'static str)> = Vec::new();
    for binding in BINDINGS {
        match rows.last_mut() {
            Some((keys, help)) if *help == binding.help => keys.extend(binding.keys),
            _ => rows.push((binding.keys.to_vec(), binding.help)),
        }
    }
    rows.into_iter()
        .map(|(keys, help)| {
            let label = match keys.as_slice() {
                [first, _, _, .., last] => format!("{}…{}", first.label(), last.label()),
                keys => keys.iter().map(Key::label).collect::<Vec<_>>().join(" "),
            };
            (label, help)
        })
        .collect()
}

/// A key hint in the footer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FooterHint {
    /// Taken from [`BINDINGS`]: `j/k`, `Space`, ...
    pub keys: String,
    pub word: &'static str,
    /// Lower is more important: kept when the footer is too narrow for all.
    pub priority: u8,
}

/// What the footer advertises, in display order.
pub fn footer_hints() -> Vec<FooterHint> {
    const HINTS: &[(&[Action], &str, u8)] = &[
        (&[Action::Down, Action::Up], "move", 2),
        (&[Action::Toggle], "open", 4),
        (&[Action::ToggleDone], "done", 1),
        (&[Action::Undo], "undo", 6),
        (&[Action::Search], "search", 5),
        (&[Action::ToggleFilter], "filter", 8),
        (&[Action::NextLevel], "level", 5),
        (&[Action::PickRoadmap], "roadmaps", 7),
        (&[Action::Help], "help", 0),
        (&[Action::Quit], "quit", 3),
    ];
    HINTS
        .iter()
        .map(|&(actions, word, priority)| {
            let keys: Vec<String> = actions
                .iter()
                .filter_map(|&a| first_key(a))
                .map(|k| k.label())
                .collect();
            FooterHint {
                keys: keys.join("/"),
                word,
                priority,
            }
        })
        .collect()
}

fn first_key(action: Action) -> Option<Key> {
    BINDINGS
        .iter()
        .find(|binding| binding.action == action)
        .and_then(|binding| binding.keys.first().copied())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn press(code: KeyCode, modifiers: KeyModifiers) -> Option<Action> {
        action_for(KeyEvent::new(code, modifiers))
    }

    #[test]
    fn no_key_is_bound_twice() {
        let keys: Vec<Key> = BINDINGS
            .iter()
            .flat_map(|b| b.keys.iter().copied())
            .collect();
        for (i, key) in keys.iter().enumerate() {
            assert!(
                !keys[i + 1..].contains(key),
                "{} is bound twice",
                key.label()
            );
        }
    }

    #[test]
    fn vim_keys_and_arrows_both_work() {
        let none = KeyModifiers::NONE;
        assert_eq!(press(KeyCode::Char('j'), none), Some(Action::Down));
        assert_eq!(press(KeyCode::Down, none), Some(Action::Down));
        assert_eq!(press(KeyCode::Char('k'), none), Some(Action::Up));
        assert_eq!(press(KeyCode::Up, none), Some(Action::Up));
        assert_eq!(press(KeyCode::Char('h'), none), Some(Action::Collapse));
        assert_eq!(press(KeyCode::Left, none), Some(Action::Collapse));
        assert_eq!(press(KeyCode::Char('l'), none), Some(Action::Expand));
        assert_eq!(press(KeyCode::Right, none), Some(Action::Expand));
    }

    #[test]
    fn shift_is_folded_into_the_key() {
        assert_eq!(
            press(KeyCode::Char('G'), KeyModifiers::SHIFT),
            Some(Action::Last)
        );
        assert_eq!(
            press(KeyCode::Char('?'), KeyModifiers::SHIFT),
            Some(Action::Help)
        );
        assert_eq!(
            press(KeyCode::BackTab, KeyModifiers::SHIFT),
            Some(Action::PrevLevel)
        );
    }

    #[test]
    fn control_keys_need_control() {
        assert_eq!(
            press(KeyCode::Char('c'), KeyModifiers::CONTROL),
            Some(Action::Quit)
        );
        assert_eq!(press(KeyCode::Char('c'), KeyModifiers::NONE), None);
        assert_eq!(press(KeyCode::Char('j'), KeyModifiers::CONTROL), None);
        assert_eq!(
            press(KeyCode::Char('d'), KeyModifiers::CONTROL),
            Some(Action::PageDown)
        );
    }

    #[test]
    fn digits_pick_levels() {
        assert_eq!(
            press(KeyCode::Char('1'), KeyModifiers::NONE),
            Some(Action::Level(0))
        );
        assert_eq!(
            press(KeyCode::Char('9'), KeyModifiers::NONE),
            Some(Action::Level(8))
        );
        assert_eq!(press(KeyCode::Char('0'), KeyModifiers::NONE), None);
    }

    #[test]
    fn releases_are_ignored() {
        let mut event = KeyEvent::new(KeyCode::Char('q'), KeyModifiers::NONE);
        event.kind = KeyEventKind::Release;
        assert_eq!(action_for(event), None);
    }

    #[test]
    fn help_lists_every_binding_once_and_merges_the_digits() {
        let rows = help_rows();
        assert!(rows.contains(&("1…9".to_owned(), "Go to level 1…9")));
        assert!(rows.contains(&("j ↓".to_owned(), "Move down")));
        assert!(rows.contains(&("q Ctrl-C".to_owned(), "Quit (progress is saved as you go)")));
        let distinct_texts: std::collections::HashSet<_> =
            BINDINGS.iter().map(|b| b.help).collect();
        assert_eq!(rows.len(), distinct_texts.len());
    }

    #[test]
    fn footer_hints_come_from_the_table() {
        let hints: Vec<(String, &str)> = footer_hints()
            .into_iter()
            .map(|hint| (hint.keys, hint.word))
            .collect();
        assert_eq!(hints[0], ("j/k".to_owned(), "move"));
        assert!(hints.contains(&("Space".to_owned(), "done")));
        assert!(hints.contains(&("?".to_owned(), "help")));
    }
}
