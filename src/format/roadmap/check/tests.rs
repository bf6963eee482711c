//! The checker's tests: every rule of the format, each problem at its
//! place, and text of any kind never panicking it.

use super::*;
use crate::format::roadmap::load::{LoadError, parse};

fn load(text: &str) -> Result<Roadmap, LoadError> {
    parse(text, "test.yaml", "test")
}

/// Every diagnostic of `text`, warnings included, as (line, column,
/// "error: message").
fn diagnostics(text: &str) -> Vec<(usize, usize, String)> {
    let (_, report) = check(text, "test.yaml", "test", &[], true);
    report
        .diagnostics()
        .iter()
        .map(|d| {
            let at = d.at.unwrap_or(Position { line: 0, column: 0 });
            (
                at.line,
                at.column,
                format!("{}: {}", d.severity.label(), d.message),
            )
        })
        .collect()
}

/// The first error of `text`: its position and message.
fn error(text: &str) -> (Option<(usize, usize)>, String) {
    let Err(LoadError::Invalid(report)) = load(text) else {
        panic!("should not load: {text}");
    };
    let first = &report.diagnostics()[0];
    (
        first.at.map(|at| (at.line, at.column)),
        first.message.clone(),
    )
}

const MINIMAL: &str = "\
title: Backend
levels:
  - title: Beginner
    topics:
      - title: Databases
        items:
          - Database Basics
          - title: Relational Databases
            id: relational
            description: Tables and joins.
            resources:
              - { title: PostgreSQL docs, url: \"https://www.postgresql.org/docs/\" }
              - https://sqlite.org/docs.html
";

#[test]
fn loads_short_and_long_items_with_derived_and_explicit_ids() {
    let roadmap = load(MINIMAL).unwrap();
    assert_eq!(roadmap.id, "test");
    assert_eq!(roadmap.title, "Backend");
    let level = &roadmap.levels[0];
    assert_eq!(level.id, "beginner");
    let topic = &level.topics[0];
    assert_eq!(topic.id, "databases");
    let keys: Vec<_> = topic.items.iter().map(|i| i.key.as_str()).collect();
    assert_eq!(
        keys,
        [
            "beginner/databases/database-basics",
            "beginner/databases/relational"
        ]
    );
    let long = &topic.items[1];
    assert_eq!(long.description, "Tables and joins.");
    assert_eq!(long.resources.len(), 2);
    assert_eq!(long.resources[1].title, long.resources[1].url);
}

#[test]
fn every_problem_is_reported_not_only_the_first() {
    let text = "\
title: X
id: x
levels:
  - title: L
    id: l
    topics:
      - title: T
        id: t
        itmes: [A]
      - title: T
        id: t
      - title: U
        id: u
        items: [{title: A, id: a, description: d, resources: [ftp://a]}]
  - title: ''
    topics: 3
";
    let got = diagnostics(text);
    let errors: Vec<_> = got
        .iter()
        .filter(|(_, _, m)| m.starts_with("error"))
        .collect();
    assert_eq!(
        errors
            .iter()
            .map(|(line, column, _)| (*line, *column))
            .collect::<Vec<_>>(),
        [(9, 9), (10, 9), (14, 63), (15, 12), (16, 13)],
        "{got:#?}"
    );
}

#[test]
fn warnings_point_at_likely_mistakes_but_do_not_stop_loading() {
    let text = "title: X\nlevels:\n  - title: L\n    id: l\n    topics:\n      - {title: Empty, id: e}\n      - title: T\n        id: t\n        items: [Git Basics]\n";
    assert!(load(text).is_ok());
    let got = diagnostics(text);
    assert_eq!(
        got,
        [(
            6,
            9,
            "warning: topic `Empty` has no items: it shows as 0/0".to_owned()
        )]
    );
}

/// The short form the docs recommend, with no ids and no descriptions
/// anywhere, is nothing to warn about.
#[test]
fn the_short_form_gives_no_warnings() {
    let text = "\
title: Rust
levels:
  - title: Beginner
    topics:
      - title: Tooling
        items:
          - Install rustup
          - Cargo
          - Clippy
      - title: Language
        items:
          - Ownership
          - Borrowing
          - Lifetimes
          - title: Traits
";
    assert_eq!(load(text).unwrap().items().count(), 7);
    assert_eq!(diagnostics(text), []);
}

/// ` - Cargo` one column too far in is, to YAML, more of the text above:
/// the two items become one. Warned at the `-` of the line that joined.
#[test]
fn a_list_element_indented_too_far_is_warned_where_it_is() {
    let items = |lines: &str| {
        format!(
            "title: X\nlevels:\n  - title: L\n    topics:\n      - title: T\n        items:\n{lines}"
        )
    };
    let one_too_far =
        items("          - Install rustup\n           - Cargo\n          - Ownership\n");
    let roadmap = load(&one_too_far).unwrap();
    let titles: Vec<_> = roadmap.items().map(|item| item.title.as_str()).collect();
    assert_eq!(titles, ["Install rustup - Cargo", "Ownership"]);
    assert_eq!(
        diagnostics(&one_too_far),
        [(
            8,
            12,
            "warning: this `- ` line is read as more of the text above it, `Install rustup - \
             Cargo`, not as a new list element: to make it one, indent its `-` like the elements \
             above it (or quote the text, if the dash belongs to it)"
                .to_owned()
        )]
    );
    // Further in, and in a description: the same mistake.
    let two_too_far = items("          - Install rustup\n            - Cargo\n");
    let at = |text: &str| {
        diagnostics(text)
            .iter()
            .map(|d| (d.0, d.1))
            .collect::<Vec<_>>()
    };
    assert_eq!(at(&two_too_far), [(8, 13)]);
    let description =
        items("          - title: A\n            description: Learn\n              - this\n");
    assert_eq!(at(&description), [(9, 15)]);
    // A dash inside one line, or in quotes, is the author's own.
    for meant in [
        "          - Install rustup - Cargo\n",
        "          - \"Install rustup\n             - Cargo\"\n",
        "          - Install rustup\n            -Cargo\n",
    ] {
        assert_eq!(diagnostics(&items(meant)), [], "{meant}");
    }
}

/// The parser's "did not find expected '-' indicator" says what to fix.
#[test]
fn a_misaligned_list_says_to_check_the_indentation() {
    let (position, message) = error(
        "title: X\nlevels:\n  - title: L\n    topics:\n      - title: T\n        items:\n          - title: A\n          description: d\n",
    );
    assert_eq!(position, Some((8, 11)));
    assert!(message.contains("expected '-' indicator"), "{message}");
    assert!(
        message.contains("check this line's indentation"),
        "{message}"
    );
}

#[test]
fn absurd_lengths_are_refused() {
    let long = "x".repeat(MAX_TITLE_CHARS + 1);
    let (position, message) = error(&format!("title: {long}\nlevels: []\n"));
    assert_eq!(position, Some((1, 8)));
    assert!(message.contains("201 characters long"), "{message}");
    let text = format!(
        "title: X\nlevels:\n  - title: L\n    id: {}\n    topics: [{{title: T}}]\n",
        "a".repeat(MAX_ID_CHARS + 1)
    );
    assert!(error(&text).1.contains("longer than 100"));
}

#[test]
fn explicit_roadmap_id_beats_the_file_stem() {
    let roadmap = load(&MINIMAL.replace("title: Backend\n", "title: Backend\nid: be\n")).unwrap();
    assert_eq!(roadmap.id, "be");
}

#[test]
fn unusable_file_stem_is_slugged() {
    let roadmap = parse(MINIMAL, "My Plan.yaml", "My Plan").unwrap();
    assert_eq!(roadmap.id, "my-plan");
}

#[test]
fn unknown_key_is_reported_at_the_key() {
    let text = MINIMAL.replace("        items:", "        itmes:");
    let (position, message) = error(&text);
    assert_eq!(position, Some((6, 9)));
    assert_eq!(
        message,
        "unknown key `itmes` in a topic: did you mean `items`?"
    );
}

#[test]
fn missing_title_is_reported_at_its_mapping() {
    let text = "title: X\nlevels:\n  - id: beginner\n    topics: [{title: T}]\n";
    let (position, message) = error(text);
    assert_eq!(position, Some((3, 5)));
    assert_eq!(message, "this level has no `title`");
}

#[test]
fn empty_title_is_an_error() {
    let (position, message) =
        error("title: X\nlevels:\n  - title: '  '\n    topics: [{title: T}]\n");
    assert_eq!(position, Some((3, 12)), "at the title itself");
    assert!(message.contains("level title is empty"), "{message}");
}

#[test]
fn duplicate_sibling_ids_point_at_the_second_one() {
    let text = "\
title: X
levels:
  - title: L
    topics:
      - title: T
        items:
          - Git Basics
          - Other
          - git basics
";
    let (position, message) = error(text);
    assert_eq!(position, Some((9, 13)));
    assert!(
        message.contains("duplicate item id `git-basics`"),
        "{message}"
    );
    assert!(
        message.contains("item 1 (\"Git Basics\", line 7, column 13)"),
        "{message}"
    );
}

#[test]
fn same_id_in_different_topics_is_fine() {
    let text = "title: X\nlevels:\n  - title: L\n    topics:\n      - {title: A, items: [Basics]}\n      - {title: B, items: [Basics]}\n";
    let roadmap = load(text).unwrap();
    assert_eq!(roadmap.levels[0].topics[1].items[0].key, "l/b/basics");
}

#[test]
fn duplicate_level_ids_are_errors() {
    let text = "title: X\nlevels:\n  - {title: L, topics: [{title: T}]}\n  - {title: L, topics: [{title: T}]}\n";
    let (position, message) = error(text);
    assert_eq!(position, Some((4, 5)));
    assert!(message.contains("duplicate level id `l`"), "{message}");
}

#[test]
fn empty_level_is_reported_at_its_topics() {
    let (position, message) = error("title: X\nlevels:\n  - title: L\n    topics: []\n");
    assert_eq!(position, Some((4, 13)));
    assert!(
        message.contains("a level needs at least one topic"),
        "{message}"
    );
}

#[test]
fn no_levels_is_an_error() {
    let (position, message) = error("title: X\nlevels: []\n");
    assert_eq!(position, Some((2, 9)));
    assert!(
        message.contains("a roadmap needs at least one level"),
        "{message}"
    );
}

#[test]
fn unusable_explicit_id_is_an_error() {
    let text = "title: X\nlevels:\n  - {title: L, id: a/b, topics: [{title: T}]}\n";
    let (position, message) = error(text);
    assert_eq!(position, Some((3, 20)), "at the id itself");
    assert!(message.contains("not usable as a stable key"), "{message}");
}

#[test]
fn title_without_letters_needs_an_explicit_id() {
    let text =
        "title: X\nlevels:\n  - title: L\n    topics:\n      - title: T\n        items: ['???']\n";
    let (position, message) = error(text);
    assert_eq!(position, Some((6, 17)));
    assert!(message.contains("add an explicit `id:`"), "{message}");
}

#[test]
fn wrong_type_says_what_was_expected() {
    let (position, message) = error("title: X\nlevels:\n  - title: L\n    topics: 3\n");
    assert_eq!(position, Some((4, 13)));
    assert!(message.contains("expected a list of topics"), "{message}");
}

#[test]
fn non_http_resource_is_an_error() {
    let text = "title: X\nlevels:\n  - title: L\n    topics:\n      - title: T\n        resources: ['javascript:alert(1)']\n";
    let (position, message) = error(text);
    assert_eq!(position, Some((6, 21)));
    assert!(message.contains("must start with https://"), "{message}");
}

/// A url holding a bidi control, a zero-width character or a space
/// is refused, each character reported where it is written and named,
/// all at once: `…/\u{202e}gnp.exe` once loaded and was shown as
/// `…/exe.png`.
#[test]
fn hidden_characters_in_a_url_are_errors_at_each_character() {
    let text = "\
title: X
levels:
  - title: L
    topics:
      - title: T
        items: [{title: A, id: a, description: d}]
        resources:
          - \"https://example.com/\\u202egnp.exe\"
          - {title: Zero, url: https://exa\u{200b}mple.com/a\u{2066}b}
          - 'https://example.com/two words'
          - \"https://example.com/\\x1b[2J\\U000E0041\\uFE0F\"
";
    let got: Vec<_> = diagnostics(text)
        .into_iter()
        .filter(|(_, _, message)| message.starts_with("error"))
        .collect();
    let at: Vec<(usize, usize)> = got.iter().map(|(l, c, _)| (*l, *c)).collect();
    assert_eq!(
        at,
        [
            (8, 34),
            (9, 43),
            (9, 54),
            (10, 37),
            (11, 34),
            (11, 41),
            (11, 51)
        ],
        "{got:#?}"
    );
    let message = &got[0].2;
    assert!(
        message.starts_with(
            "error: resource url `https://example.com/\\u{202e}gnp.exe` holds U+202E \
                 (right-to-left override): an address may not hold"
        ),
        "{message}"
    );
    assert!(message.ends_with("write it as %E2%80%AE"), "{message}");
    for (want, (_, _, message)) in [
        "U+200B (zero-width space)",
        "U+2066 (left-to-right isolate)",
        "U+0020 (space)",
        "U+001B (a control character)",
        "U+E0041 (an invisible character)",
        "U+FE0F (a variation selector)",
    ]
    .iter()
    .zip(&got[1..])
    {
        assert!(message.contains(want), "{want}: {message}");
        assert!(!message.contains("not a web address"), "{message}");
    }
    assert!(load(text).is_err());
}

/// A url the views would show as something else is refused too: the
/// link shown must be the link opened (a flag shows as its letters).
#[test]
fn a_url_shown_otherwise_than_written_is_an_error() {
    for url in [
        "https://ex\u{1f1f5}\u{1f1e6}ypal.com/",
        "https://example.com/\u{1f44d}\u{1f3fd}",
        "https://example.com/a\u{2800}b",
        "https://example.com/\u{fdd0}",
    ] {
        let text = format!(
            "title: X\nlevels:\n  - title: L\n    topics:\n      - title: T\n        \
                 items: [{{title: A, id: a, description: d}}]\n        resources: [\"{url}\"]\n"
        );
        let errors: Vec<_> = diagnostics(&text)
            .into_iter()
            .filter(|(_, _, message)| message.starts_with("error"))
            .collect();
        assert!(!errors.is_empty(), "{url} passed");
    }
}

/// A url made of hidden characters gets a few errors, not thousands.
#[test]
fn a_url_full_of_hidden_characters_is_reported_briefly() {
    let url = format!("https://example.com/{}", "\u{200b}".repeat(50));
    let text = format!(
        "title: X\nlevels:\n  - title: L\n    topics:\n      - {{title: T, resources: ['{url}']}}\n"
    );
    let got = diagnostics(&text);
    let errors: Vec<&String> = got
        .iter()
        .map(|(_, _, m)| m)
        .filter(|m| m.starts_with("error"))
        .collect();
    assert_eq!(errors.len(), 6, "{errors:#?}");
    assert!(errors[5].contains("holds 45 more"), "{}", errors[5]);
}

/// A bare url is also its resource's title, kept as written (it may
/// hold nothing that is shown otherwise).
#[test]
fn a_bare_urls_title_is_the_url() {
    let text = "title: X\nlevels:\n  - title: L\n    topics:\n      - {title: T, resources: ['https://example.fr/café']}\n";
    let roadmap = load(text).unwrap();
    let resource = &roadmap.levels[0].topics[0].resources[0];
    assert_eq!(resource.url, "https://example.fr/café");
    assert_eq!(resource.title, "https://example.fr/café");
}

#[test]
fn yaml_syntax_errors_have_a_position() {
    let (position, _) = error("title: X\nlevels:\n  - title: [unclosed\n");
    assert!(position.is_some());
}

#[test]
fn empty_and_non_mapping_documents_are_errors() {
    assert!(error("").1.contains("is empty"));
    assert!(error("   \n# only a comment\n").1.contains("is empty"));
    assert!(error("- a\n- b\n").1.contains("expected a roadmap"));
    assert!(error("just text").1.contains("expected a roadmap"));
}

#[test]
fn control_characters_are_spelled_out() {
    let text = "title: \"Evil \\e[31mred\\e]0;pwned\\a\"\nlevels:\n  - title: L\n    description: \"one\\ttab\\nnext \\u202e line\"\n    topics: [{title: T}]\n";
    let roadmap = load(text).unwrap();
    assert_eq!(roadmap.title, "Evil \\x1b[31mred\\x1b]0;pwned\\x07");
    assert_eq!(
        roadmap.levels[0].description,
        "one    tab\nnext \\u{202e} line"
    );
    assert!(!roadmap.title.chars().any(char::is_control));
}

#[test]
fn alias_bombs_fail_instead_of_exhausting_memory() {
    let mut text = String::from("a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n");
    for n in 1..12 {
        let p = n - 1;
        text.push_str(&format!(
            "a{n}: &a{n} [*a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}]\n"
        ));
    }
    text.push_str("title: *a11\nlevels: []\n");
    assert!(load(&text).is_err());
}

#[test]
fn deep_nesting_fails_cleanly() {
    let text = format!(
        "title: X\nlevels: {}{}\n",
        "[".repeat(10_000),
        "]".repeat(10_000)
    );
    assert!(load(&text).is_err());
}

#[test]
fn wrong_node_type_names_the_expected_keys() {
    let (_, message) = error("title: X\nlevels: [3]\n");
    assert!(
        message.contains("expected a level (a mapping with `title` and `topics`)"),
        "{message}"
    );
    let (_, message) = error("title: X\nlevels:\n  - {title: L, topics: [[]]}\n");
    assert!(
        message.contains("expected a topic (a mapping with `title` and `items`)"),
        "{message}"
    );
}

#[test]
fn numbers_and_booleans_are_short_item_titles() {
    let text = "title: X\nlevels:\n  - title: L\n    topics:\n      - {title: T, items: [404, true, -1, 2.5]}\n";
    let roadmap = load(text).unwrap();
    let titles: Vec<_> = roadmap.items().map(|i| i.title.as_str()).collect();
    assert_eq!(titles, ["404", "true", "-1", "2.5"]);
}

#[test]
fn null_lists_are_empty_lists() {
    let text = "title: X\nlevels:\n  - title: L\n    topics:\n      - {title: T, items: ~, resources: ~}\n      - title: U\n        items:\n";
    let roadmap = load(text).unwrap();
    assert_eq!(roadmap.items().count(), 0);
    let (position, message) = error("title: X\nlevels: ~\n");
    assert_eq!(position, Some((2, 9)));
    assert!(
        message.contains("a roadmap needs at least one level"),
        "{message}"
    );
}

#[test]
fn a_byte_order_mark_is_ignored() {
    let roadmap = load(&format!("\u{feff}{MINIMAL}")).unwrap();
    assert_eq!(roadmap.title, "Backend");
}

#[test]
fn comment_only_files_are_empty() {
    let (position, message) = error("# just a comment\n---\n\n");
    assert_eq!(position, None);
    assert!(message.contains("is empty"), "{message}");
}

#[test]
fn tab_indentation_gets_a_hint() {
    let (_, message) = error("title: X\nlevels:\n\t- title: L\n");
    assert!(message.contains("YAML does not allow tabs"), "{message}");
}

/// The parser blames the node before a tab, often on the line above: the
/// error is moved to the tab itself.
#[test]
fn a_tab_is_reported_where_it_is() {
    let topic = "title: X\nlevels:\n  - title: L\n    topics:\n      - title: Rust\n";
    for (rest, at) in [
        ("\titems: [a]\n", (6, 1)),
        ("        items:\n          - a\n          \t- b\n", (8, 11)),
        ("        items:\n\t  - a\n", (7, 1)),
        ("        items:\n  \t        - a\n", (7, 3)),
    ] {
        let (position, message) = error(&format!("{topic}{rest}"));
        assert_eq!(position, Some(at), "{rest:?}: {message}");
        assert!(message.contains("YAML does not allow tabs"), "{message}");
    }
}

#[test]
fn error_messages_never_carry_control_characters() {
    let (_, message) = error("title: X\n\"\\e]0;pwned\\a\\u009b\": 1\nlevels: []\n");
    assert!(message.contains("unknown key"), "{message}");
    assert!(message.contains("\\x1b]0;pwned\\x07\\x9b"), "{message}");
    assert!(!message.chars().any(char::is_control), "{message}");
}

mod never_panics {
    use super::*;
    use proptest::prelude::*;

    const VALID: &str = include_str!("../../../../roadmaps/backend.yaml");

    /// One edit of a valid roadmap: the ways real files go wrong.
    #[derive(Debug, Clone)]
    enum Edit {
        Cut(prop::sample::Index),
        Flip(prop::sample::Index, u8),
        Insert(prop::sample::Index, String),
        Delete(prop::sample::Index, usize),
    }

    fn edit() -> impl Strategy<Value = Edit> {
        prop_oneof![
            any::<prop::sample::Index>().prop_map(Edit::Cut),
            (any::<prop::sample::Index>(), any::<u8>()).prop_map(|(i, b)| Edit::Flip(i, b)),
            (
                any::<prop::sample::Index>(),
                prop::sample::select(vec![
                    "\n",
                    "  ",
                    "\t",
                    ":",
                    "- ",
                    "{",
                    "[",
                    "&a ",
                    "*a",
                    "!!binary ",
                    "\"",
                    "'",
                    "#",
                    "? ",
                    "---\n",
                    "...\n",
                    "\u{1b}]0;x\u{7}",
                ])
                .prop_map(str::to_owned)
            )
                .prop_map(|(i, s)| Edit::Insert(i, s)),
            (any::<prop::sample::Index>(), 1usize..200).prop_map(|(i, n)| Edit::Delete(i, n)),
        ]
    }

    fn apply(bytes: &mut Vec<u8>, edit: &Edit) {
        let at = |i: &prop::sample::Index, len: usize| i.index(len + 1);
        match edit {
            Edit::Cut(i) => bytes.truncate(at(i, bytes.len())),
            Edit::Flip(i, b) if !bytes.is_empty() => {
                let at = i.index(bytes.len());
                bytes[at] = *b;
            }
            Edit::Flip(..) => {}
            Edit::Insert(i, text) => {
                let at = at(i, bytes.len());
                bytes.splice(at..at, text.bytes());
            }
            Edit::Delete(i, n) => {
                let at = at(i, bytes.len());
                let end = (at + n).min(bytes.len());
                bytes.drain(at..end);
            }
        }
    }

    /// Checks `bytes` the way `validate` checks a file, warnings and
    /// all. Returns every line it would print, each of which must be
    /// free of control characters.
    fn load_bytes(bytes: &[u8]) -> Vec<String> {
        let Ok(text) = std::str::from_utf8(bytes) else {
            return Vec::new();
        };
        let _ = crate::format::roadmap::check::declared_id(text);
        let (roadmap, report) = check(text, "fuzz.yaml", "fuzz", &[], true);
        assert_eq!(roadmap.is_some(), !report.has_errors());
        let mut lines: Vec<String> = report.lines().collect();
        if let Err(err) = parse(text, "fuzz.yaml", "fuzz") {
            lines.push(err.to_string());
        }
        lines
    }

    proptest! {
        // 256 cases by default; run long with PROPTEST_CASES=100000.
        #![proptest_config(ProptestConfig::default())]

        /// Arbitrary bytes never panic the loader.
        #[test]
        fn arbitrary_text_never_panics(bytes in prop::collection::vec(any::<u8>(), 0..400)) {
            for line in load_bytes(&bytes) {
                prop_assert!(!line.chars().any(char::is_control), "{line:?}");
            }
        }

        /// A valid roadmap damaged by a few edits either loads or gives
        /// an error; it never panics, and the error is safe to print.
        #[test]
        fn mutated_roadmaps_never_panic(edits in prop::collection::vec(edit(), 1..4)) {
            let mut bytes = VALID.as_bytes().to_vec();
            for edit in &edits {
                apply(&mut bytes, edit);
            }
            for line in load_bytes(&bytes) {
                prop_assert!(!line.chars().any(char::is_control), "{line:?}");
            }
        }
    }
}
