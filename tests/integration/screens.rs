//! Whole screens rendered to ratatui's `TestBackend`, compared with the
//! snapshots in `snapshots/` (review changes with `cargo insta review`, or
//! `INSTA_UPDATE=always cargo test` and `git diff`).

use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::layout::Rect;
use ratatui::style::Modifier;
use roadmap::io::bundled;
use roadmap::io::store::Store;
use roadmap::tui::action::Action::{self, *};
use roadmap::tui::runner::Runner;
use roadmap::tui::view;

/// 2026-11-21 23:59:59 UTC, so dates on screen never change.
fn clock() -> u64 {
    1_795_305_599
}

/// An app that went through `actions` on a 120x40 screen.
fn app(actions: &[Action]) -> Runner {
    app_sized(120, 40, actions)
}

fn app_sized(width: u16, height: u16, actions: &[Action]) -> Runner {
    let roadmap = bundled::default().load().unwrap();
    let mut app = Runner::new(roadmap, Store::in_memory()).with_clock(clock);
    for &action in actions {
        app.fit_to(Rect::new(0, 0, width, height));
        app.update(action);
    }
    app
}

fn screen(app: &mut Runner, width: u16, height: u16) -> Terminal<TestBackend> {
    app.fit_to(Rect::new(0, 0, width, height));
    let mut terminal = Terminal::new(TestBackend::new(width, height)).unwrap();
    terminal
        .draw(|frame| {
            view::draw(frame, app);
        })
        .unwrap();
    terminal
}

/// A learner who opened the first topic, ticked its first item, moved on.
const TICKED: &[Action] = &[Toggle, Down, ToggleDone, Down];

#[test]
fn main_screen_wide() {
    insta::assert_snapshot!(screen(&mut app(TICKED), 120, 40).backend());
}

#[test]
fn main_screen_narrow() {
    insta::assert_snapshot!(screen(&mut app(TICKED), 60, 20).backend());
}

#[test]
fn help_overlay_wide() {
    insta::assert_snapshot!(screen(&mut app(&[Help]), 120, 40).backend());
}

#[test]
fn help_overlay_narrow_scrolled_to_the_end() {
    insta::assert_snapshot!(screen(&mut app_sized(60, 20, &[Help, Last]), 60, 20).backend());
}

/// The main screen and the help at the sizes a learner is likely to
/// have: the smallest that shows the tree well, the classic terminal, a
/// wide one. At 80x24 the selection's details are longer than their
/// pane, which says there is more.
#[test]
fn main_screen_at_50x15() {
    insta::assert_snapshot!(screen(&mut app_sized(50, 15, TICKED), 50, 15).backend());
}

#[test]
fn main_screen_at_80x24() {
    insta::assert_snapshot!(screen(&mut app_sized(80, 24, TICKED), 80, 24).backend());
}

#[test]
fn main_screen_at_140x40() {
    insta::assert_snapshot!(screen(&mut app_sized(140, 40, TICKED), 140, 40).backend());
}

#[test]
fn help_at_50x15() {
    insta::assert_snapshot!(screen(&mut app_sized(50, 15, &[Help]), 50, 15).backend());
}

#[test]
fn help_at_80x24() {
    insta::assert_snapshot!(screen(&mut app_sized(80, 24, &[Help]), 80, 24).backend());
}

#[test]
fn help_at_140x40() {
    insta::assert_snapshot!(screen(&mut app_sized(140, 40, &[Help]), 140, 40).backend());
}

/// The README opens with a picture of the app: it must be the app as it
/// draws now (two items ticked, two topics open, Database Basics
/// selected, at 100x24), not as it drew when the picture was taken.
#[test]
fn the_readme_shows_the_screen_the_app_draws() {
    let readme = include_str!("../../README.md");
    let picture: Vec<&str> = readme
        .split_once("```text\n")
        .and_then(|(_, rest)| rest.split_once("```"))
        .map(|(block, _)| block.lines().collect())
        .expect("the README opens with a ```text picture of the app");
    let actions = [
        Toggle, Down, ToggleDone, Down, ToggleDone, Down, Down, Toggle, Down,
    ];
    let mut app = app_sized(100, 24, &actions);
    let drawn = rows(&screen(&mut app, 100, 24));
    let drawn: Vec<&str> = drawn.iter().map(|row| row.trim_end()).collect();
    let picture: Vec<&str> = picture.iter().map(|row| row.trim_end()).collect();
    assert_eq!(
        picture,
        drawn,
        "README.md's first picture differs from the app's screen:\n{}",
        drawn.join("\n")
    );
}

/// At 30 columns the continue view and the picker gave the row to what
/// follows the title ("[/] … since 2026-12-02", "● 0/85 done · …") and
/// cut their key hints mid-word ("j/k mo"): a row says first what it
/// is, and a hint is whole or marked as left out.
#[test]
fn narrow_overlays_keep_the_titles_and_whole_key_hints() {
    let mut app = app_sized(30, 10, &[Toggle, Down, ToggleInProgress, Continue]);
    let drawn = rows(&screen(&mut app, 30, 10)).join("\n");
    assert!(drawn.contains("[/] Foundational Conce…"), "{drawn}");
    assert!(drawn.contains("Enter go there …"), "{drawn}");
    assert!(!drawn.contains("j/k mo"), "{drawn}");
    let mut app = app_sized(30, 10, &[PickRoadmap]);
    let drawn = rows(&screen(&mut app, 30, 10)).join("\n");
    assert!(drawn.contains("● Backend Developer"), "{drawn}");
    assert!(drawn.contains("Enter open   j/k move …"), "{drawn}");
}

/// `c` after ticking the first item done and the second in progress:
/// the one in progress, dated, then the next pending ones, as `roadmap
/// next` lists them.
const CONTINUING: &[Action] = &[Toggle, Down, ToggleDone, Down, ToggleInProgress, Continue];

#[test]
fn continue_view_wide() {
    insta::assert_snapshot!(screen(&mut app(CONTINUING), 120, 40).backend());
}

#[test]
fn continue_view_narrow() {
    insta::assert_snapshot!(screen(&mut app_sized(60, 20, CONTINUING), 60, 20).backend());
}

/// Database Basics, which has a description and two links, read in full
/// on a screen with no room for the details pane.
#[test]
fn reading_view_at_50x15() {
    let mut app = app_sized(50, 15, &[Down, Toggle, Down, ReadItem]);
    insta::assert_snapshot!(screen(&mut app, 50, 15).backend());
}

#[test]
fn the_details_scroll_to_what_did_not_fit_and_start_again_at_the_top() {
    let text = |app: &mut Runner| format!("{:?}", screen(app, 80, 24).backend());
    let mut app = app_sized(80, 24, &[Down, Toggle, Down]);
    assert!(text(&mut app).contains("more below"));
    assert!(!text(&mut app).contains("sqlite.org"));
    for _ in 0..10 {
        app.update(DetailsDown);
    }
    let scrolled = text(&mut app);
    assert!(
        scrolled.contains("https://www.sqlite.org/lang.html"),
        "{scrolled}"
    );
    assert!(scrolled.contains("more above"), "{scrolled}");
    app.update(Down);
    app.update(Up);
    assert!(text(&mut app).contains("more below"), "back at the top");
}

#[test]
fn the_help_explains_the_mouse_only_when_it_is_on_and_spells_arrows_in_ascii() {
    use roadmap::format::config::ThemeName;
    use roadmap::tui::theme::Appearance;
    let text = |app: &mut Runner| format!("{:?}", screen(app, 120, 80).backend());
    let on = Appearance::new(ThemeName::Default, true, false);
    assert!(text(&mut app(&[Help]).with_appearance(on)).contains("Mouse: click selects"));
    let off = on.with_mouse(false);
    assert!(!text(&mut app(&[Help]).with_appearance(off)).contains("Mouse"));
    let ascii = Appearance::new(ThemeName::Default, true, true);
    let help = text(&mut app(&[Help]).with_appearance(ascii));
    assert!(help.contains(" j Down "), "{help}");
    assert!(help.contains(" h Left "), "{help}");
    assert!(!help.contains(" j v "), "{help}");
}

#[test]
fn a_completed_topic_and_level_percentages_show_in_rows_and_tabs() {
    // Tick all of the first topic, then look at the second level.
    let mut app = app(&[ToggleDone, Level(1), Toggle]);
    let terminal = screen(&mut app, 120, 40);
    insta::assert_snapshot!(terminal.backend());
}

#[test]
fn the_selected_row_is_reversed_so_it_shows_without_colour() {
    let mut app = app(TICKED);
    let terminal = screen(&mut app, 120, 40);
    let buffer = terminal.backend().buffer();
    let row_of = |text: &str| {
        (0..buffer.area.height)
            .find(|&y| {
                let line: String = (0..buffer.area.width)
                    .map(|x| buffer[(x, y)].symbol())
                    .collect();
                line.contains(text)
            })
            .unwrap_or_else(|| panic!("{text:?} is not on screen"))
    };
    let selected = row_of("[ ] Coding Standards and Best Practices");
    let other = row_of("[x] Foundational Concepts");
    assert!(buffer[(5, selected)].modifier.contains(Modifier::REVERSED));
    assert!(!buffer[(5, other)].modifier.contains(Modifier::REVERSED));
}

/// Every status on one topic: each has its own checkbox, the topic shows
/// org-mode's `[-]`, and the pane title counts skipped items apart.
#[test]
fn every_status_has_its_own_marker_and_skipped_items_are_counted_apart() {
    let mut app = app(&[
        Down,
        Toggle,
        Down,
        ToggleDone,
        Down,
        ToggleInProgress,
        Down,
        ToggleSkipped,
    ]);
    insta::assert_snapshot!(screen(&mut app, 90, 20).backend());
}

#[test]
fn reset_asks_first_and_names_what_it_clears() {
    let mut app = app_sized(60, 20, &[ToggleDone, Down, ToggleSkipped, ResetLevel]);
    insta::assert_snapshot!(screen(&mut app, 60, 20).backend());
}

#[test]
fn what_a_key_did_shows_above_the_footer_until_the_next_key() {
    let mut app = app(&[ToggleDone, Undo]);
    let text = |app: &mut Runner| format!("{:?}", screen(app, 100, 24).backend());
    assert!(text(&mut app).contains("Undid “General Knowledge and Best Practices: done”"));
    app.update(Down);
    assert!(!text(&mut app).contains("Undid"));
}

/// A roadmaps folder holding one good roadmap of the user's, with one
/// item done, and one broken file.
fn app_with_user_roadmaps(dir: &std::path::Path) -> Runner {
    std::fs::write(
        dir.join("frontend.yaml"),
        "title: Frontend Developer\nid: frontend\nlevels:\n  - title: Basics\n    topics:\n      - {title: HTML, items: [Elements, Forms]}\n",
    )
    .unwrap();
    std::fs::write(dir.join("broken.yaml"), "title: Broken\nlevels: [\n").unwrap();
    let mut store = Store::in_memory();
    let mut done = roadmap::io::store::Changes::new();
    let entry = roadmap::domain::progress::Entry {
        status: roadmap::domain::progress::Status::Done,
        updated: clock(),
    };
    done.insert("basics/html/forms".to_owned(), Some(entry));
    store.commit("frontend", &done, clock()).unwrap();
    let catalog = roadmap::io::catalog::Catalog::scan(Some(dir));
    Runner::new(bundled::default().load().unwrap(), store)
        .with_catalog(catalog)
        .with_clock(clock)
}

#[test]
fn roadmap_picker_shows_each_roadmaps_own_progress() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = app_with_user_roadmaps(dir.path());
    app.update(PickRoadmap);
    app.update(Last);
    insta::assert_snapshot!(screen(&mut app, 100, 24).backend());
}

#[test]
fn picking_a_roadmap_switches_to_it_and_back() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = app_with_user_roadmaps(dir.path());
    for action in [PickRoadmap, Last, Toggle] {
        app.update(action);
    }
    assert_eq!(app.roadmap().id, "frontend");
    assert!(app.picker().is_none());
    assert_eq!(app.overall_tally().done, 1, "its own progress");
    assert!(
        app.flash()
            .unwrap()
            .starts_with("Opened Frontend Developer")
    );

    // A broken roadmap is not opened; the picker says why and stays.
    for action in [PickRoadmap, Up, Toggle] {
        app.update(action);
    }
    assert_eq!(app.roadmap().id, "frontend");
    assert!(app.picker().is_some());
    assert!(app.flash().unwrap().contains("roadmap validate"));

    for action in [First, Toggle] {
        app.update(action);
    }
    assert_eq!(app.roadmap().id, "backend");
    assert_eq!(app.overall_tally().done, 0);
}

fn typed(app: &mut Runner, text: &str) {
    use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
    for c in text.chars() {
        app.type_key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE));
    }
}

/// The search prompt open on "data", the second hit chosen.
fn searching(width: u16, height: u16) -> Runner {
    let mut app = app_sized(width, height, &[Search]);
    typed(&mut app, "data");
    app.update(Down);
    app
}

#[test]
fn search_active_wide() {
    insta::assert_snapshot!(screen(&mut searching(120, 40), 120, 40).backend());
}

#[test]
fn search_active_narrow() {
    insta::assert_snapshot!(screen(&mut searching(60, 20), 60, 20).backend());
}

/// A note on "Coding Standards and Best Practices", then `/git`: titles
/// with the word first, then the hits found through a description or,
/// this one, its note, which the row says with the note's excerpt.
fn searching_a_note(width: u16, height: u16) -> Runner {
    let mut app = app_sized(width, height, &[]);
    let item = app.roadmap().levels[0].topics[0].items[1].clone();
    assert_eq!(item.title, "Coding Standards and Best Practices");
    let draft = roadmap::io::external::Draft {
        text: "Ask the team which pre-commit hooks they run before every git push".to_owned(),
        file: tempfile::NamedTempFile::new().unwrap().into_temp_path(),
    };
    app.note_edited(&item.key, "", Ok(draft));
    app.fit_to(Rect::new(0, 0, width, height));
    app.update(Search);
    typed(&mut app, "git");
    // Chosen, so the details show the whole note.
    for _ in 0..5 {
        app.update(Down);
    }
    app
}

#[test]
fn search_finds_a_note_and_says_so_wide() {
    insta::assert_snapshot!(screen(&mut searching_a_note(120, 40), 120, 40).backend());
}

#[test]
fn search_finds_a_note_and_says_so_narrow() {
    insta::assert_snapshot!(screen(&mut searching_a_note(60, 20), 60, 20).backend());
}

/// First topic all done, one item of the second skipped, then `f`.
const FILTERED: &[Action] = &[
    ToggleDone,
    Down,
    Expand,
    Expand,
    ToggleSkipped,
    ToggleFilter,
];

#[test]
fn filter_on_wide() {
    insta::assert_snapshot!(screen(&mut app(FILTERED), 120, 40).backend());
}

#[test]
fn filter_on_narrow() {
    insta::assert_snapshot!(screen(&mut app_sized(60, 20, FILTERED), 60, 20).backend());
}

/// Items done over the last days (a three-day streak up to today, and one
/// a week earlier), one in progress, one skipped; the progress view open.
fn with_history(width: u16, height: u16) -> Runner {
    use roadmap::domain::progress::{Entry, Status};
    const DAY: u64 = 86_400;
    let roadmap = bundled::default().load().unwrap();
    let keys: Vec<String> = roadmap.items().map(|item| item.key.clone()).collect();
    let mut store = Store::in_memory();
    let days_ago = [0, 0, 1, 2, 2, 2, 9, 40];
    for (key, ago) in keys.iter().zip(days_ago) {
        let entry = Entry {
            status: Status::Done,
            updated: clock() - ago * DAY,
        };
        store
            .commit(
                &roadmap.id,
                &[(key.clone(), Some(entry))].into(),
                entry.updated,
            )
            .unwrap();
    }
    for (key, status) in keys[20..22]
        .iter()
        .zip([Status::InProgress, Status::Skipped])
    {
        let entry = Entry {
            status,
            updated: clock(),
        };
        store
            .commit(&roadmap.id, &[(key.clone(), Some(entry))].into(), clock())
            .unwrap();
    }
    let mut app = Runner::new(roadmap, store).with_clock(clock);
    app.fit_to(Rect::new(0, 0, width, height));
    app.update(ProgressView);
    app
}

#[test]
fn progress_view_wide() {
    insta::assert_snapshot!(screen(&mut with_history(120, 40), 120, 40).backend());
}

#[test]
fn progress_view_narrow() {
    insta::assert_snapshot!(screen(&mut with_history(60, 20), 60, 20).backend());
}

#[test]
fn the_progress_view_counts_streaks_and_the_week_from_the_history() {
    let app = with_history(120, 40);
    let activity = &app.progress_view().unwrap().activity;
    assert_eq!(activity.current_streak, 3);
    assert_eq!(activity.longest_streak, 3);
    // 2026-11-21 is a Saturday: Monday the 16th on, 6 items.
    assert_eq!(activity.this_week, 6);
}

#[test]
fn ascii_and_no_colour_leave_no_symbol_or_colour_behind() {
    use ratatui::style::Color;
    use roadmap::format::config::ThemeName;
    use roadmap::tui::theme::Appearance;
    for actions in [TICKED, &[Help], FILTERED, &[Search]] {
        let mut app = app(actions).with_appearance(Appearance::new(ThemeName::Dark, false, true));
        let terminal = screen(&mut app, 120, 40);
        let buffer = terminal.backend().buffer();
        for cell in buffer.content() {
            assert_eq!((cell.fg, cell.bg), (Color::Reset, Color::Reset));
        }
        let text: String = buffer.content().iter().map(|cell| cell.symbol()).collect();
        let odd: String = text.chars().filter(|c| !c.is_ascii()).collect();
        assert_eq!(odd, "", "after {actions:?}");
    }
    let mut app =
        with_history(120, 40).with_appearance(Appearance::new(ThemeName::Default, true, true));
    let terminal = screen(&mut app, 120, 40);
    insta::assert_snapshot!(terminal.backend());
}

#[test]
fn a_click_selects_ticks_and_switches_tabs() {
    let mut app = app(&[]);
    app.fit_to(Rect::new(0, 0, 120, 40));
    // Row 3 is the tree's first row; the topic opens when clicked.
    app.click(10, 3);
    assert!(app.tree().is_open(0));
    // Its first item, on the checkbox: ticked.
    app.click(3, 4);
    assert_eq!(app.overall_tally().done, 1);
    // The second tab, "2 Intermediate 0%", starts after the first.
    app.click(20, 1);
    assert_eq!(app.level_index(), 1);
    app.scroll(true);
    assert_eq!(
        app.tree().selected(),
        Some(roadmap::tui::tree::Row::Topic(3))
    );
}

/// A roadmap whose text hides characters: an item whose title and
/// description hold a right-to-left override and a zero-width space, and
/// two links. The first link's address holds them too: the checker refuses
/// such an address, so it is put in as a roadmap from elsewhere could
/// carry it, to show the views clean it all the same. The item is
/// selected, its links listed.
fn app_with_hidden_characters(width: u16, height: u16) -> Runner {
    let text = r#"
title: Hidden
id: hidden
levels:
  - title: L
    id: l
    topics:
      - title: T
        id: t
        items:
          - title: "Read\u202e me\u200b now"
            id: a
            description: "Before\u202e after\u200b end."
            resources:
              - {title: "Docs\u202e here\u200b", url: "https://example.com/docs"}
              - {title: Two, url: "https://example.com/two"}
"#;
    let mut roadmap = roadmap::format::roadmap::load::parse(text, "hidden.yaml", "hidden").unwrap();
    roadmap.levels[0].topics[0].items[0].resources[0].url =
        "https://example.com/\u{202e}gnp.exe\u{200b}".to_owned();
    let mut app = Runner::new(roadmap, Store::in_memory()).with_clock(clock);
    for action in [Toggle, Down] {
        app.fit_to(Rect::new(0, 0, width, height));
        app.update(action);
    }
    app
}

/// Each row of the screen, its cells' symbols joined.
fn rows(terminal: &Terminal<TestBackend>) -> Vec<String> {
    let buffer = terminal.backend().buffer();
    (0..buffer.area.height)
        .map(|y| {
            (0..buffer.area.width)
                .map(|x| buffer[(x, y)].symbol())
                .collect()
        })
        .collect()
}

/// The links chooser wrote the raw bytes of U+202E and U+200B to the
/// terminal, and the details pane dropped them without a trace. Both now
/// show them spelled out, the same way.
#[test]
fn the_details_and_the_links_chooser_spell_out_hidden_characters_alike() {
    let url = r"https://example.com/\u{202e}gnp.exe\u{200b}";
    let title = r"Docs\u{202e} here\u{200b}";
    let mut app = app_with_hidden_characters(120, 40);
    let details = rows(&screen(&mut app, 120, 40));
    app.update(OpenLink);
    assert!(app.links().is_some());
    let chooser = rows(&screen(&mut app, 120, 40));
    for (pane, rows) in [("details", &details), ("links", &chooser)] {
        for text in [url, title] {
            assert!(
                rows.iter().any(|row| row.contains(text)),
                "{pane} does not show {text}:\n{}",
                rows.join("\n")
            );
        }
        for row in rows {
            assert!(
                !row.contains(['\u{202e}', '\u{200b}']),
                "{pane}: a cell holds a hidden character: {row:?}"
            );
        }
    }
    assert!(
        details
            .iter()
            .any(|row| row.contains(r"Read\u{202e} me\u{200b} now"))
    );
    assert!(
        details
            .iter()
            .any(|row| row.contains(r"Before\u{202e} after\u{200b} end."))
    );
    insta::assert_snapshot!(screen(&mut app, 100, 24).backend());
}

/// Whether a terminal draws every row of `terminal` where ratatui counted
/// it: each cell's symbol as wide in tmux (each character its own width,
/// each in a cell of its own) as ratatui measured it. A flag, a skin tone
/// or an emoji selector was not: the row ran past its pane, or a cell was
/// never redrawn.
fn drawn_as_counted(terminal: &Terminal<TestBackend>) -> Result<(), String> {
    use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};
    let buffer = terminal.backend().buffer();
    for y in 0..buffer.area.height {
        let mut x = 0;
        while x < buffer.area.width {
            let symbol = buffer[(x, y)].symbol();
            let counted = symbol.width().max(1);
            let widths: Vec<usize> = symbol.chars().map(|c| c.width().unwrap_or(0)).collect();
            let drawn: usize = widths.iter().sum();
            if drawn != counted || widths.iter().filter(|&&w| w > 0).count() > 1 {
                return Err(format!(
                    "row {y}, column {x}: {symbol:?} is {counted} wide to ratatui, \
                     {widths:?} to tmux\n{}",
                    rows(terminal).join("\n")
                ));
            }
            x += u16::try_from(counted).unwrap_or(u16::MAX);
        }
    }
    Ok(())
}

#[test]
fn rows_with_flags_joined_emoji_and_selectors_stay_inside_their_panes() {
    let text = r#"
title: "Trips 🇫🇷🇩🇪"
id: trips
levels:
  - title: "Abroad 🇯🇵"
    id: abroad
    topics:
      - title: "🇫🇷 France with the 👨‍👩‍👧 family, ❤️ and ⌚︎ and 1️⃣"
        id: france
        description: "Pack 👍🏽 and 🏳️‍🌈 and ✈️ for the trip to 🇫🇷, a long line to wrap."
        items:
          - title: "👩🏽‍💻 Book the 🇫🇷 train ❤️ early, before the prices rise again"
            id: train
            description: "See 🇫🇷 🇩🇪 ⚙️"
            resources:
              - {title: "🇫🇷 Rail 👍🏽", url: "https://example.fr/rail"}
              - https://example.de/zug
"#;
    let roadmap = roadmap::format::roadmap::load::parse(text, "trips.yaml", "trips").unwrap();
    // As the text was before it was cleaned, the rows are not drawn as
    // counted: what this test catches.
    let mut raw = roadmap.clone();
    raw.levels[0].topics[0].title = "🇫🇷 France 👍🏽 ❤️".to_owned();
    let mut app = Runner::new(raw, Store::in_memory());
    assert!(drawn_as_counted(&screen(&mut app, 40, 20)).is_err());
    for (width, height) in [(30, 20), (40, 20), (50, 15), (60, 24), (80, 24), (100, 30)] {
        let mut app = Runner::new(roadmap.clone(), Store::in_memory()).with_clock(clock);
        for actions in [&[][..], &[Toggle], &[Down], &[OpenLink], &[Back, Search]] {
            for &action in actions {
                app.fit_to(Rect::new(0, 0, width, height));
                app.update(action);
            }
            if app.search().is_some() {
                typed(&mut app, "fr");
            }
            let terminal = screen(&mut app, width, height);
            if let Err(why) = drawn_as_counted(&terminal) {
                panic!("{width}x{height} after {actions:?}: {why}");
            }
        }
    }
}

/// Types `text` into the app, a key per character (`\n` is Enter, `\t`
/// Tab).
fn type_text(app: &mut Runner, text: &str) {
    use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
    for c in text.chars() {
        let code = match c {
            '\n' => KeyCode::Enter,
            '\t' => KeyCode::Tab,
            c => KeyCode::Char(c),
        };
        app.type_key(KeyEvent::new(code, KeyModifiers::NONE));
    }
}

#[test]
fn a_goal_is_set_from_the_progress_view_and_shown_with_the_pace() {
    let mut app = with_history(80, 24);
    type_text(&mut app, "d2027-06-30");
    insta::assert_snapshot!(
        "goal_prompt_over_the_progress_view",
        screen(&mut app, 80, 24).backend()
    );
    type_text(&mut app, "\n");
    let shown = format!("{}", screen(&mut app, 80, 24).backend());
    assert!(shown.contains("Goal 30 Jun 2027 needs"), "{shown}");
    assert!(app.progress_view().is_some(), "back in the progress view");
    // From the main screen, for the shown level; Tab moves to the next.
    app.update(Back);
    type_text(&mut app, "d2027-01-31\n");
    let shown = format!("{}", screen(&mut app, 80, 24).backend());
    assert!(shown.contains("· goal 31 Jan 2027"), "{shown}");
    assert!(
        app.flash()
            .is_some_and(|f| f.starts_with("Goal for Beginner: 31 Jan 2027 needs ")),
        "{:?}",
        app.flash()
    );
    type_text(&mut app, "d\t");
    insta::assert_snapshot!(
        "goal_prompt_for_another_level",
        screen(&mut app, 80, 24).backend()
    );
}
