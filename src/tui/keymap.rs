//! The one table of key bindings. Dispatch ([`Keymap::action_for`]), the
//! `?` help ([`Keymap::help_rows`]) and the footer hints
//! ([`Keymap::footer_hints`]) all read it, so what the help says is what
//! the keys do. [`BINDINGS`] are the defaults; the user's `keys:` settings
//! replace an action's keys, and a key bound twice is refused.
//!
//! Settings can never trap the user: Ctrl-C quits whatever they say (it
//! cannot be given to another action), and settings that leave `quit`
//! without a key, or nothing to close the help with, are refused.

use crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyModifiers};

use crate::format::config::{Key, KeyOverride};
use crate::format::yaml::closest;
use crate::tui::action::Action;

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

/// The key that always quits, whatever the settings say.
pub const ALWAYS_QUITS: Key = Key::ctrl('c');

/// Whether `event` is [`ALWAYS_QUITS`]: the event loop asks first, so it
/// quits whatever is open, the search prompt included.
pub fn always_quits(event: &KeyEvent) -> bool {
    event.kind != KeyEventKind::Release && Key::from_event(event) == ALWAYS_QUITS
}

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
        &[Key::char('J')],
        Action::DetailsDown,
        "Scroll the details down",
    ),
    bind(
        &[Key::char('K')],
        Action::DetailsUp,
        "Scroll the details up",
    ),
    bind(
        &[Key::char('v')],
        Action::ReadItem,
        "Read the topic or item in full (Esc or q closes)",
    ),
    bind(
        &[Key::char(' ')],
        Action::ToggleDone,
        "Tick done / untick (topic: all its items)",
    ),
    bind(
        &[Key::char('i')],
        Action::ToggleInProgress,
        "Mark in progress / unmark (topic: all its items)",
    ),
    bind(
        &[Key::char('s')],
        Action::ToggleSkipped,
        "Mark skipped / unmark (topic: all its items)",
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
        "Answer yes to the question on screen",
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
    bind(&[Key::char('1')], Action::Level(0), "Go to that level"),
    bind(&[Key::char('2')], Action::Level(1), "Go to that level"),
    bind(&[Key::char('3')], Action::Level(2), "Go to that level"),
    bind(&[Key::char('4')], Action::Level(3), "Go to that level"),
    bind(&[Key::char('5')], Action::Level(4), "Go to that level"),
    bind(&[Key::char('6')], Action::Level(5), "Go to that level"),
    bind(&[Key::char('7')], Action::Level(6), "Go to that level"),
    bind(&[Key::char('8')], Action::Level(7), "Go to that level"),
    bind(&[Key::char('9')], Action::Level(8), "Go to that level"),
    bind(
        &[Key::char('p')],
        Action::PickRoadmap,
        "Switch roadmap (each keeps its own progress)",
    ),
    bind(
        &[Key::char('c')],
        Action::Continue,
        "Continue: what is in progress, then what is next, to jump to",
    ),
    bind(
        &[Key::char('a')],
        Action::ProgressView,
        "Progress view: bars, streaks, a heatmap of your activity",
    ),
    bind(
        &[Key::char('d')],
        Action::SetGoal,
        "Set a goal: a date to be done by (Tab: for another level)",
    ),
    bind(
        &[Key::char('S')],
        Action::Sync,
        "Sync progress with your git remote (roadmap sync)",
    ),
    bind(&[Key::char('?')], Action::Help, "Show or hide this help"),
    bind(
        &[Key::ctrl('z')],
        Action::Suspend,
        "Suspend to the shell (fg brings it back)",
    ),
    bind(
        &[Key::plain(Esc)],
        Action::Back,
        "Close what is open (help, picker, question, notices); never quits",
    ),
    bind(
        &[Key::char('q'), ALWAYS_QUITS],
        Action::Quit,
        "Quit (progress is saved as you go)",
    ),
];

/// What a key does in the search prompt, where every other key types
/// itself into the query.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SearchKey {
    /// Close the prompt and put the view back as it was.
    Cancel,
    /// Jump to the chosen hit, keeping the hits for `n`/`N`.
    Accept,
    /// Choose the next hit (wrapping around).
    Next,
    /// Choose the previous hit (wrapping around).
    Previous,
    /// Choose the hit a page further down.
    PageDown,
    /// Choose the hit a page further up.
    PageUp,
    /// Delete the query's last character; on an empty query, cancel.
    DeleteChar,
    /// Delete the query's last word.
    DeleteWord,
    /// Empty the query.
    Clear,
}

/// The search prompt's own table: its dispatch and its part of the help.
pub const SEARCH_BINDINGS: &[(&[Key], SearchKey, &str)] = &[
    (
        &[Key::plain(Enter)],
        SearchKey::Accept,
        "Jump to the chosen match",
    ),
    (
        &[Key::plain(Down), Key::plain(Tab), Key::ctrl('n')],
        SearchKey::Next,
        "Next match",
    ),
    (
        &[Key::plain(Up), Key::plain(BackTab), Key::ctrl('p')],
        SearchKey::Previous,
        "Previous match",
    ),
    (
        &[Key::plain(PageDown)],
        SearchKey::PageDown,
        "A page of matches down",
    ),
    (
        &[Key::plain(PageUp)],
        SearchKey::PageUp,
        "A page of matches up",
    ),
    (
        &[Key::plain(KeyCode::Backspace)],
        SearchKey::DeleteChar,
        "Delete a character (on an empty query: go back)",
    ),
    (&[Key::ctrl('w')], SearchKey::DeleteWord, "Delete a word"),
    (&[Key::ctrl('u')], SearchKey::Clear, "Clear the query"),
    (
        &[Key::plain(Esc)],
        SearchKey::Cancel,
        "Go back to where you were",
    ),
];

/// What `event` does in the search prompt: a key of [`SEARCH_BINDINGS`],
/// or a character to type (`Some(Err(c))`), or nothing.
pub fn search_key(event: &KeyEvent) -> Option<Result<SearchKey, char>> {
    if event.kind == KeyEventKind::Release {
        return None;
    }
    let key = in_prompt(event);
    if let Some((_, action, _)) = SEARCH_BINDINGS
        .iter()
        .find(|(keys, ..)| keys.contains(&key))
    {
        return Some(Ok(*action));
    }
    match key.code {
        KeyCode::Char(c)
            if key
                .modifiers
                .intersection(KeyModifiers::CONTROL | KeyModifiers::ALT)
                .is_empty() =>
        {
            Some(Err(c))
        }
        _ => None,
    }
}

/// Whether `event` quits from the search prompt: [`ALWAYS_QUITS`], with
/// any other modifier held too, as the prompt reads its keys.
pub fn quits_in_search(event: &KeyEvent) -> bool {
    event.kind != KeyEventKind::Release && in_prompt(event) == ALWAYS_QUITS
}

/// `event` as the search prompt reads it: a key that types no text is
/// itself whatever modifiers are held (Alt-Backspace deletes a
/// character, Alt-Enter jumps), and a control letter is one with Alt held
/// too; the prompt has always read its keys so.
fn in_prompt(event: &KeyEvent) -> Key {
    let key = Key::from_event(event);
    let modifiers = match key.code {
        KeyCode::Char(_) if key.modifiers.contains(KeyModifiers::CONTROL) => KeyModifiers::CONTROL,
        KeyCode::Char(_) => key.modifiers,
        _ => KeyModifiers::NONE,
    };
    Key {
        code: key.code,
        modifiers,
    }
}

/// The help's rows for the search prompt, as [`Keymap::help_rows`] writes
/// them.
pub fn search_help_rows() -> Vec<(String, &'static str)> {
    SEARCH_BINDINGS
        .iter()
        .map(|(keys, _, help)| {
            let label = keys.iter().map(Key::label).collect::<Vec<_>>().join(" ");
            (label, *help)
        })
        .collect()
}

/// The bindings in force: the defaults, with the user's changes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Keymap {
    bindings: Vec<(Vec<Key>, Action, &'static str)>,
}

impl Default for Keymap {
    fn default() -> Keymap {
        Keymap {
            bindings: BINDINGS
                .iter()
                .map(|binding| (binding.keys.to_vec(), binding.action, binding.help))
                .collect(),
        }
    }
}

/// The name of an action in the settings file: `toggle-done`, `level-3`.
pub fn action_name(action: Action) -> &'static str {
    action.name()
}

impl Keymap {
    /// The defaults with `overrides` applied: each names an action and the
    /// keys that replace its own (none: it has no key). Refused, with a
    /// message naming `file` and the place, when an action is unknown, a
    /// key would trigger two actions, Ctrl-C is given to another action
    /// than `quit`, or nothing would be left to quit or close the help
    /// with. Ctrl-C stays a key of `quit` even when its keys are replaced.
    pub fn with_overrides(overrides: &[KeyOverride], file: &str) -> Result<Keymap, String> {
        let mut keymap = Keymap::default();
        let names: Vec<String> = keymap
            .bindings
            .iter()
            .map(|(_, action, _)| action_name(*action).to_owned())
            .collect();
        let at = |change: &KeyOverride| {
            format!("{file}:{}:{}", change.position.line, change.position.column)
        };
        let mut set_by: Vec<Option<&KeyOverride>> = vec![None; names.len()];
        for change in overrides {
            let Some(index) = names.iter().position(|name| *name == change.action) else {
                let hint = closest(&change.action, names.iter().map(String::as_str))
                    .map(|name| format!(" (did you mean `{name}`?)"))
                    .unwrap_or_default();
                return Err(format!(
                    "{}: `{}` is not an action{hint}; the actions are: {}",
                    at(change),
                    change.action,
                    names.join(", ")
                ));
            };
            let action = keymap.bindings[index].1;
            if action != Action::Quit && change.keys.contains(&ALWAYS_QUITS) {
                return Err(format!(
                    "{}: `{}` cannot have the key `{}`: it always quits; give `{}` another key",
                    at(change),
                    change.action,
                    ALWAYS_QUITS.label(),
                    change.action
                ));
            }
            if action == Action::Quit && change.keys.is_empty() {
                return Err(format!(
                    "{}: `quit` is left without a key; give it one (write `quit: ctrl-c` to \
                     quit with {} alone)",
                    at(change),
                    ALWAYS_QUITS.label()
                ));
            }
            keymap.bindings[index].0 = change.keys.clone();
            set_by[index] = Some(change);
        }
        for (i, (keys, _, _)) in keymap.bindings.iter().enumerate() {
            for key in keys {
                let Some(j) =
                    (i + 1..keymap.bindings.len()).find(|&j| keymap.bindings[j].0.contains(key))
                else {
                    continue;
                };
                // Point at the setting that caused the clash.
                let at = set_by[j]
                    .or(set_by[i])
                    .map(|c| format!("{}: ", at(c)))
                    .unwrap_or_default();
                return Err(format!(
                    "{at}the key `{}` is bound to both `{}` and `{}`; give one of them another key",
                    key.label(),
                    names[i],
                    names[j]
                ));
            }
        }
        // The help is closed by its own key (it toggles) or by `back`.
        let closers = [Action::Help, Action::Back];
        if keymap.keys_of(&closers).next().is_none() {
            // Both were emptied by the file: point at the later one.
            let last = overrides
                .iter()
                .filter(|change| closers.iter().any(|a| action_name(*a) == change.action))
                .max_by_key(|change| (change.position.line, change.position.column));
            let at = last.map(|c| format!("{}: ", at(c))).unwrap_or_default();
            return Err(format!(
                "{at}`help` and `back` are both left without a key, so nothing would show or \
                 close the help; give one of them a key"
            ));
        }
        for (keys, action, _) in &mut keymap.bindings {
            if *action == Action::Quit && !keys.contains(&ALWAYS_QUITS) {
                keys.push(ALWAYS_QUITS);
            }
        }
        Ok(keymap)
    }

    /// Every key of any of `actions`.
    fn keys_of<'a>(&'a self, actions: &'a [Action]) -> impl Iterator<Item = &'a Key> + 'a {
        self.bindings
            .iter()
            .filter(move |(_, action, _)| actions.contains(action))
            .flat_map(|(keys, _, _)| keys)
    }

    /// The action a key press asks for, if any.
    pub fn action_for(&self, event: KeyEvent) -> Option<Action> {
        if event.kind == KeyEventKind::Release {
            return None;
        }
        let key = Key::from_event(&event);
        self.bindings
            .iter()
            .find(|(keys, _, _)| keys.contains(&key))
            .map(|(_, action, _)| *action)
    }

    /// The help's rows: keys and what they do. Bindings that share one
    /// text (the level digits) become one row, their keys written as a
    /// range. Actions left without a key are not listed.
    pub fn help_rows(&self) -> Vec<(String, &'static str)> {
        let mut rows: Vec<(Vec<Key>, &'static str)> = Vec::new();
        for (keys, _, help) in self.bindings.iter().filter(|(keys, ..)| !keys.is_empty()) {
            match rows.last_mut() {
                Some((all, last)) if last == help => all.extend(keys),
                _ => rows.push((keys.clone(), help)),
            }
        }
        rows.into_iter()
            .map(|(keys, help)| {
                let label = match keys.as_slice() {
                    [first, _, _, .., last] => format!("{}-{}", first.label(), last.label()),
                    keys => keys.iter().map(Key::label).collect::<Vec<_>>().join(" "),
                };
                (label, help)
            })
            .collect()
    }

    /// What the footer advertises, in display order.
    pub fn footer_hints(&self) -> Vec<FooterHint> {
        const HINTS: &[(&[Action], &str, u8)] = &[
            (&[Action::Down, Action::Up], "move", 2),
            (&[Action::Toggle], "open", 4),
            (&[Action::ToggleDone], "done", 1),
            (&[Action::Undo], "undo", 6),
            (&[Action::Search], "search", 5),
            (&[Action::NextLevel], "level", 5),
            (&[Action::PickRoadmap], "roadmaps", 7),
            (&[Action::Help], "help", 0),
            (&[Action::Quit], "quit", 3),
        ];
        HINTS
            .iter()
            .filter_map(|&(actions, word, priority)| {
                let keys: Vec<String> = actions
                    .iter()
                    .filter_map(|&a| self.first_key(a))
                    .map(|k| k.label())
                    .collect();
                (!keys.is_empty()).then(|| FooterHint {
                    keys: keys.join("/"),
                    word,
                    priority,
                })
            })
            .collect()
    }

    /// The first key of `action`, as the help and hints name it.
    pub fn first_key(&self, action: Action) -> Option<Key> {
        self.bindings
            .iter()
            .find(|(_, a, _)| *a == action)
            .and_then(|(keys, _, _)| keys.first().copied())
    }
}

/// A key hint in the footer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FooterHint {
    /// Taken from the bindings: `j/k`, `Space`, ...
    pub keys: String,
    pub word: &'static str,
    /// Lower is more important: kept when the footer is too narrow for all.
    pub priority: u8,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crossterm::event::KeyModifiers;

    fn press(code: KeyCode, modifiers: KeyModifiers) -> Option<Action> {
        Keymap::default().action_for(KeyEvent::new(code, modifiers))
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
        assert_eq!(
            press(KeyCode::Char('c'), KeyModifiers::NONE),
            Some(Action::Continue)
        );
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
        assert_eq!(Keymap::default().action_for(event), None);
    }

    #[test]
    fn help_lists_every_binding_once_and_merges_the_digits() {
        let rows = Keymap::default().help_rows();
        assert!(rows.contains(&("1-9".to_owned(), "Go to that level")));
        assert!(rows.contains(&("j ↓".to_owned(), "Move down")));
        assert!(rows.contains(&("q Ctrl-C".to_owned(), "Quit (progress is saved as you go)")));
        let distinct_texts: std::collections::HashSet<_> =
            BINDINGS.iter().map(|b| b.help).collect();
        assert_eq!(rows.len(), distinct_texts.len());
    }

    #[test]
    fn footer_hints_come_from_the_table() {
        let hints: Vec<(String, &str)> = Keymap::default()
            .footer_hints()
            .into_iter()
            .map(|hint| (hint.keys, hint.word))
            .collect();
        assert_eq!(hints[0], ("j/k".to_owned(), "move"));
        assert!(hints.contains(&("Space".to_owned(), "done")));
        assert!(hints.contains(&("?".to_owned(), "help")));
    }

    fn change(action: &str, keys: &[&str], line: usize) -> KeyOverride {
        KeyOverride {
            action: action.to_owned(),
            keys: keys
                .iter()
                .map(|k| crate::format::config::parse_key(k).unwrap())
                .collect(),
            position: crate::format::config::Position { line, column: 3 },
        }
    }

    #[test]
    fn every_action_has_a_name_that_finds_it_again() {
        assert_eq!(action_name(Action::ToggleDone), "toggle-done");
        assert_eq!(action_name(Action::Level(2)), "level-3");
        assert_eq!(action_name(Action::Quit), "quit");
        let keymap = Keymap::default();
        for (_, action, _) in &keymap.bindings {
            let name = action_name(*action);
            let found = Keymap::with_overrides(&[change(name, &["f12"], 1)], "c.yaml").unwrap();
            assert_eq!(
                found.action_for(KeyEvent::new(KeyCode::F(12), KeyModifiers::NONE)),
                Some(*action),
                "{name}"
            );
        }
    }

    /// The names are part of the settings file's format: a user's
    /// `keys:` keeps working whatever the Rust variants are called.
    #[test]
    fn action_names_are_pinned() {
        let names: Vec<&str> = Keymap::default()
            .bindings
            .iter()
            .map(|(_, action, _)| action_name(*action))
            .collect();
        assert_eq!(
            names,
            [
                "down",
                "up",
                "first",
                "last",
                "page-down",
                "page-up",
                "toggle",
                "expand",
                "collapse",
                "details-down",
                "details-up",
                "read-item",
                "toggle-done",
                "toggle-in-progress",
                "toggle-skipped",
                "edit-note",
                "open-link",
                "undo",
                "redo",
                "reset-level",
                "confirm",
                "close-all",
                "open-all",
                "search",
                "next-match",
                "prev-match",
                "toggle-filter",
                "next-level",
                "prev-level",
                "level-1",
                "level-2",
                "level-3",
                "level-4",
                "level-5",
                "level-6",
                "level-7",
                "level-8",
                "level-9",
                "pick-roadmap",
                "continue",
                "progress-view",
                "set-goal",
                "sync",
                "help",
                "suspend",
                "back",
                "quit",
            ]
        );
    }

    #[test]
    fn a_setting_replaces_an_actions_keys() {
        let changes = [
            change("toggle-done", &["x", "enter"], 2),
            change("toggle", &["t"], 3),
        ];
        let keymap = Keymap::with_overrides(&changes, "c.yaml").unwrap();
        let press = |code| keymap.action_for(KeyEvent::new(code, KeyModifiers::NONE));
        assert_eq!(press(KeyCode::Char('x')), Some(Action::ToggleDone));
        assert_eq!(press(KeyCode::Enter), Some(Action::ToggleDone));
        assert_eq!(press(KeyCode::Char(' ')), None, "space is free now");
        assert!(keymap.help_rows().contains(&(
            "x Enter".to_owned(),
            "Tick done / untick (topic: all its items)"
        )));
    }

    #[test]
    fn a_key_bound_twice_is_refused_naming_both_actions() {
        let err =
            Keymap::with_overrides(&[change("toggle-done", &["j"], 4)], "c.yaml").unwrap_err();
        assert_eq!(
            err,
            "c.yaml:4:3: the key `j` is bound to both `down` and `toggle-done`; give one of them \
             another key"
        );
        let err = Keymap::with_overrides(&[change("tick", &["x"], 2)], "c.yaml").unwrap_err();
        assert!(
            err.starts_with("c.yaml:2:3: `tick` is not an action"),
            "{err}"
        );
    }

    #[test]
    fn an_action_left_without_keys_leaves_the_help_and_the_footer() {
        let keymap = Keymap::with_overrides(&[change("undo", &[], 1)], "c.yaml").unwrap();
        assert!(
            !keymap
                .help_rows()
                .iter()
                .any(|(_, help)| *help == "Undo the last change")
        );
        assert!(!keymap.footer_hints().iter().any(|hint| hint.word == "undo"));
    }

    fn ctrl_c() -> KeyEvent {
        KeyEvent::new(KeyCode::Char('c'), KeyModifiers::CONTROL)
    }

    #[test]
    fn ctrl_c_quits_whatever_the_settings_say() {
        let keymap = Keymap::with_overrides(&[change("quit", &["x"], 2)], "c.yaml").unwrap();
        assert_eq!(keymap.action_for(ctrl_c()), Some(Action::Quit));
        let press = |code| keymap.action_for(KeyEvent::new(code, KeyModifiers::NONE));
        assert_eq!(press(KeyCode::Char('x')), Some(Action::Quit));
        assert_eq!(press(KeyCode::Char('q')), None, "q is free now");
        assert!(
            keymap
                .help_rows()
                .contains(&("x Ctrl-C".to_owned(), "Quit (progress is saved as you go)"))
        );
        // Written out, it is not there twice.
        let keymap = Keymap::with_overrides(&[change("quit", &["ctrl-c"], 2)], "c.yaml").unwrap();
        assert!(
            keymap
                .help_rows()
                .contains(&("Ctrl-C".to_owned(), "Quit (progress is saved as you go)"))
        );
        // With Shift or Caps Lock, as some terminals report it.
        let shifted = KeyEvent::new(
            KeyCode::Char('C'),
            KeyModifiers::CONTROL | KeyModifiers::SHIFT,
        );
        assert_eq!(Keymap::default().action_for(shifted), Some(Action::Quit));
    }

    #[test]
    fn ctrl_c_cannot_be_given_to_another_action() {
        let err = Keymap::with_overrides(
            &[
                change("quit", &["q"], 2),
                change("toggle-done", &["x", "ctrl-c"], 3),
            ],
            "c.yaml",
        )
        .unwrap_err();
        assert_eq!(
            err,
            "c.yaml:3:3: `toggle-done` cannot have the key `Ctrl-C`: it always quits; give \
             `toggle-done` another key"
        );
    }

    #[test]
    fn settings_that_leave_no_way_to_quit_are_refused_where_they_say_so() {
        let err =
            Keymap::with_overrides(&[change("quit", &[], 2), change("back", &[], 3)], "c.yaml")
                .unwrap_err();
        assert!(
            err.starts_with("c.yaml:2:3: `quit` is left without a key; give it one"),
            "{err}"
        );
        assert!(err.contains("`quit: ctrl-c`"), "{err}");
    }

    #[test]
    fn settings_that_leave_nothing_to_close_the_help_are_refused() {
        let err = Keymap::with_overrides(
            &[
                change("help", &[], 4),
                change("down", &["j"], 5),
                change("back", &[], 6),
            ],
            "c.yaml",
        )
        .unwrap_err();
        assert!(
            err.starts_with("c.yaml:6:3: `help` and `back` are both left without a key"),
            "{err}"
        );
        // Either one is enough: the help toggles, and `back` closes it.
        Keymap::with_overrides(&[change("help", &[], 4)], "c.yaml").unwrap();
        Keymap::with_overrides(&[change("back", &[], 4)], "c.yaml").unwrap();
        Keymap::with_overrides(
            &[change("back", &[], 4), change("help", &["f1"], 5)],
            "c.yaml",
        )
        .unwrap();
    }
}
