//! The settings file read from text: every setting, every reading error
//! at its line:col, keys and themes. No file is opened here.

use super::keys::tests::{ch, ctrl, plain};
use super::*;
use crossterm::event::KeyCode;
use proptest::prelude::*;

const FILE: &str = "/home/me/.config/roadmap/config.yaml";

fn at(line: usize, column: usize) -> Position {
    Position { line, column }
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
            "expected settings, a mapping of `theme`, `mouse`, `roadmap`, `sync` or `keys`",
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
            "the settings are `theme`, `mouse`, `roadmap`, `sync` and `keys`",
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
}

#[test]
fn sync_on_start_and_on_quit_are_off_unless_turned_on() {
    assert_eq!(
        parse("theme: dark\n", FILE).unwrap().sync,
        SyncSettings::default()
    );
    let both = parse("sync:\n  on-start: true\n  on-quit: true\n", FILE).unwrap();
    assert_eq!(
        both.sync,
        SyncSettings {
            on_start: true,
            on_quit: true
        }
    );
    let one = parse("sync: {on-quit: true, on-start: false}\n", FILE).unwrap();
    assert!(one.sync.on_quit && !one.sync.on_start);
    assert_eq!(
        parse("sync:\n", FILE).unwrap().sync,
        SyncSettings::default()
    );
    assert_eq!(
        parse("sync: {on-start: ~}\n", FILE).unwrap().sync,
        SyncSettings::default()
    );
}

#[test]
fn a_wrong_sync_setting_is_named_at_its_place() {
    assert_error(
        "sync: true\n",
        at(1, 7),
        &["`sync`: expected a mapping like `{on-start: true, on-quit: true}`"],
    );
    assert_error(
        "sync:\n  on-strat: true\n",
        at(2, 3),
        &[
            "unknown setting `sync.on-strat` (did you mean `on-start`?)",
            "under `sync` are `on-start` and `on-quit`",
        ],
    );
    assert_error(
        "sync:\n  on-quit: yes\n",
        at(2, 12),
        &["`on-quit`: expected `true` or `false`, found the text `yes`"],
    );
    assert_error(
        "sync:\n  on-quit: true\n  on-quit: false\n",
        at(3, 3),
        &["`sync.on-quit` is set twice; the first is at line 2, column 3"],
    );
    assert_error(
        "sync:\n  [on-quit]: true\n",
        at(2, 3),
        &["under `sync`, each name is `on-start` or `on-quit`; found a list"],
    );
}
