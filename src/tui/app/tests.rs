//! [`App::update`] on its own: no store, no file, no terminal. Each test
//! feeds inputs and checks the state and the effects asked for; the
//! runner's tests check that the effects are carried out.

use super::*;
use crate::domain::next::{FINISHED, Length, UpNext};
use crate::domain::progress::Entry;
use crate::domain::session::Arrival;
use crate::format::roadmap::load::parse;
use crate::tui::app::overlay::PickerRow;
use crate::tui::effect::NoteOutcome;
use crossterm::event::KeyCode;
use ratatui::layout::Rect;

/// Two levels, three topics, five items: small enough to reason about.
pub(crate) const YAML: &str = "\
title: Test
levels:
  - title: Beginner
    topics:
      - {title: Databases, items: [Basics, SQL, NoSQL]}
      - {title: Git, items: [Commit]}
  - title: Advanced
    topics:
      - {title: Scaling, items: [Sharding]}
";

fn app() -> App {
    App::on(parse(YAML, "t.yaml", "test").unwrap()).with_clock(|| 1_000)
}

fn act(app: &mut App, actions: &[Action]) -> Vec<Effect> {
    actions
        .iter()
        .flat_map(|&action| app.update(Input::Act(action)))
        .collect()
}

fn key(app: &mut App, code: KeyCode, modifiers: KeyModifiers) -> Vec<Effect> {
    app.update(Input::Key(KeyEvent::new(code, modifiers)))
}

fn row(id: &str, current: bool, entry: Option<usize>) -> PickerRow {
    PickerRow {
        id: id.to_owned(),
        title: id.to_owned(),
        origin: "bundled".to_owned(),
        tally: Some(Tally::default()),
        problem: None,
        current,
        entry,
    }
}

fn other_roadmap() -> Box<Session> {
    let other = parse(
        "title: Other\nid: other\nlevels: [{title: L, topics: [{title: T, items: [A, B]}]}]\n",
        "o.yaml",
        "other",
    )
    .unwrap();
    Box::new(Session::new(other, Progress::default()))
}

#[test]
fn a_tick_changes_the_counts_and_asks_for_a_save_and_nothing_else() {
    let mut app = app();
    let effects = act(
        &mut app,
        &[Action::Expand, Action::Down, Action::ToggleDone],
    );
    assert_eq!(effects, [Effect::Save]);
    assert_eq!(app.level_tally(0).done, 1);
    assert_eq!(app.session().unsaved().len(), 1, "kept until saved");
    let saved = app.session().unsaved().clone();
    app.update(Input::Done(Outcome::Saved {
        saved,
        arrived: Arrived::Nothing,
        notices: Vec::new(),
    }));
    assert!(app.session().unsaved().is_empty());
    assert_eq!(app.level_tally(0).done, 1);
}

#[test]
fn moving_and_switching_tabs_ask_for_no_effect() {
    let mut app = app();
    let effects = act(
        &mut app,
        &[Action::Down, Action::NextLevel, Action::Help, Action::Back],
    );
    assert!(effects.is_empty(), "{effects:?}");
}

#[test]
fn a_busy_lock_waits_and_a_failed_save_says_why() {
    let mut app = app();
    act(&mut app, &[Action::ToggleDone]);
    app.update(Input::Done(Outcome::SaveFailed {
        busy: Some("/s/progress.json.lock".to_owned()),
        error: "locked".to_owned(),
        arrived: Arrived::Nothing,
        notices: Vec::new(),
    }));
    assert_eq!(app.waiting_for_lock(), Some("/s/progress.json.lock"));
    assert_eq!(app.save_error(), None, "waiting is not an error");
    app.update(Input::Done(Outcome::SaveFailed {
        busy: None,
        error: "disk full".to_owned(),
        arrived: Arrived::Nothing,
        notices: vec!["the state file was damaged".to_owned()],
    }));
    assert_eq!(app.save_error(), Some("disk full"));
    assert_eq!(app.notices(), ["the state file was damaged"]);
}

#[test]
fn changes_from_elsewhere_count_and_unsaved_ones_win() {
    let mut app = app();
    act(
        &mut app,
        &[Action::Expand, Action::Down, Action::ToggleDone],
    );
    let done = Some(Entry {
        status: Status::Done,
        updated: 5,
    });
    app.update(Input::Done(Outcome::Refreshed {
        arrived: Arrived::Changes(vec![
            Arrival {
                item: "beginner/git/commit".to_owned(),
                entry: done,
                note: Some("from the laptop".to_owned()),
                goal: None,
            },
            // Ours is not saved yet: it was made later, and stays.
            Arrival {
                item: "beginner/databases/basics".to_owned(),
                entry: None,
                note: None,
                goal: None,
            },
        ]),
        notices: Vec::new(),
    }));
    assert_eq!(app.level_tally(0).done, 2);
    assert_eq!(
        app.progress().note("beginner/git/commit"),
        Some("from the laptop")
    );
}

#[test]
fn a_read_only_session_asks_for_nothing() {
    let mut app = app().with_read_only(Some("cannot write".to_owned()));
    let effects = act(&mut app, &[Action::ToggleDone, Action::Undo]);
    assert!(effects.is_empty());
    assert_eq!(app.overall_tally().done, 0);
}

#[test]
fn the_editor_the_browser_and_suspending_are_asked_of_the_runner() {
    let mut app = app();
    assert_eq!(
        act(&mut app, &[Action::Expand, Action::Down, Action::EditNote]),
        [Effect::EditNote {
            key: "beginner/databases/basics".to_owned(),
            title: "Basics".to_owned(),
            note: String::new(),
        }]
    );
    app.update(Input::Done(Outcome::Note(NoteOutcome::Saved {
        key: "beginner/databases/basics".to_owned(),
        was: String::new(),
        text: "EXPLAIN".to_owned(),
        arrived: Arrived::Nothing,
        notices: Vec::new(),
    })));
    assert_eq!(app.flash(), Some("Note saved (u undoes it)"));
    assert_eq!(
        app.progress().note("beginner/databases/basics"),
        Some("EXPLAIN")
    );
    assert_eq!(
        key(&mut app, KeyCode::Char('z'), KeyModifiers::CONTROL),
        [Effect::Suspend]
    );
}

#[test]
fn one_overlay_at_a_time_each_with_its_own_keys() {
    let mut app = app();
    act(&mut app, &[Action::Help]);
    // Under the help, `p` and `a` are the help's keys: nothing else opens.
    let effects = act(&mut app, &[Action::PickRoadmap, Action::ProgressView]);
    assert!(effects.is_empty());
    assert!(app.help().is_some());
    assert!(app.picker().is_none() && app.progress_view().is_none());
    act(&mut app, &[Action::Back, Action::ProgressView]);
    assert!(app.help().is_none());
    assert!(app.progress_view().is_some());
    act(&mut app, &[Action::Help]);
    assert!(app.help().is_none(), "? is not the progress view's key");
}

#[test]
fn the_picker_opens_on_rows_read_for_it_and_switching_replaces_the_session() {
    let mut app = app();
    assert_eq!(
        act(&mut app, &[Action::PickRoadmap]),
        [Effect::ScanRoadmaps]
    );
    assert!(app.picker().is_none(), "not before the rows are read");
    app.update(Input::Done(Outcome::Scanned(vec![
        row("test", true, None),
        row("other", false, Some(3)),
    ])));
    assert_eq!(app.picker().map(Picker::selected), Some(0), "on this one");
    act(&mut app, &[Action::ToggleFilter]);
    assert!(!app.hides_finished(), "f is not the picker's key");
    act(
        &mut app,
        &[Action::Back, Action::ToggleFilter, Action::PickRoadmap],
    );
    app.update(Input::Done(Outcome::Scanned(vec![
        row("test", true, None),
        row("other", false, Some(3)),
    ])));
    assert_eq!(
        act(&mut app, &[Action::Down, Action::Toggle]),
        [Effect::OpenRoadmap(3)]
    );
    assert!(app.picker().is_some(), "open until the roadmap is");
    app.update(Input::Done(Outcome::Opened(Ok(other_roadmap()))));
    assert_eq!(app.roadmap().id, "other");
    assert!(app.picker().is_none());
    assert!(app.hides_finished(), "the view's filter stays");
    assert_eq!(app.flash(), Some("Opened Other: 0/2 done"));
}

#[test]
fn switching_with_unsaved_changes_saves_first_and_refuses_if_they_stay() {
    let mut app = app();
    act(&mut app, &[Action::ToggleDone]);
    act(&mut app, &[Action::PickRoadmap]);
    app.update(Input::Done(Outcome::Scanned(vec![
        row("test", true, None),
        row("other", false, Some(1)),
    ])));
    assert_eq!(
        act(&mut app, &[Action::Down, Action::Toggle]),
        [Effect::Save, Effect::OpenRoadmap(1)]
    );
    // The save failed: the roadmap opened, but this one's changes stay.
    app.update(Input::Done(Outcome::Opened(Ok(other_roadmap()))));
    assert_eq!(app.roadmap().id, "test");
    assert!(app.picker().is_some());
    assert!(app.flash().is_some_and(|f| f.contains("not saved yet")));
}

#[test]
fn the_search_prompt_reads_its_own_key_table_and_types_the_rest() {
    let mut app = app();
    act(&mut app, &[Action::Search]);
    for c in "sq".chars() {
        key(&mut app, KeyCode::Char(c), KeyModifiers::NONE);
    }
    // `q` quits on the main screen; in the prompt it is text.
    assert!(app.is_running());
    assert_eq!(app.search().map(Search::query), Some("sq"));
    key(&mut app, KeyCode::Char('w'), KeyModifiers::CONTROL);
    assert_eq!(app.search().map(Search::query), Some(""));
    key(&mut app, KeyCode::Char('s'), KeyModifiers::NONE);
    key(&mut app, KeyCode::Char('h'), KeyModifiers::NONE);
    key(&mut app, KeyCode::Enter, KeyModifiers::NONE);
    assert!(!app.is_typing());
    assert_eq!(app.level_index(), 1, "Sharding");
    act(&mut app, &[Action::Search]);
    key(&mut app, KeyCode::Char('c'), KeyModifiers::CONTROL);
    assert!(!app.is_running(), "Ctrl-C quits, even in the prompt");
}

#[test]
fn clicks_land_on_what_the_view_recorded() {
    let mut app = app();
    let layout = Layout {
        tabs: Rect::new(0, 1, 100, 1),
        tab_spans: vec![(0, 14), (15, 29)],
        outline: Rect::new(1, 3, 50, 20),
        tree_rows: 20,
        ..Layout::default()
    };
    app.drew(layout);
    assert_eq!(app.target_at(20, 1), Some(Target::Tab(1)));
    assert_eq!(app.target_at(50, 1), None, "past the last tab");
    assert_eq!(
        app.target_at(3, 4),
        Some(Target::Row {
            row: Row::Topic(1),
            marker: true
        })
    );
    assert_eq!(app.target_at(10, 10), None, "below the last row");
    let target = app.target_at(3, 3);
    app.update(Input::Click(target));
    assert_eq!(app.level_tally(0).done, 3, "the checkbox ticks the topic");
    let target = app.target_at(20, 1);
    app.update(Input::Click(target));
    assert_eq!(app.level_index(), 1);
}

#[test]
fn paging_moves_by_the_rows_the_view_showed() {
    let mut app = app();
    act(&mut app, &[Action::OpenAll]);
    app.drew(Layout {
        tree_rows: 3,
        ..Layout::default()
    });
    act(&mut app, &[Action::PageDown]);
    assert_eq!(app.tree().selected(), Some(Row::Item { topic: 0, item: 2 }));
}

#[test]
fn the_suspend_key_suspends_whatever_is_open_and_leaves_the_screen_as_it_was() {
    let mut app = app();
    let ctrl_z = |app: &mut App| key(app, KeyCode::Char('z'), KeyModifiers::CONTROL);
    act(&mut app, &[Action::Down, Action::ResetLevel]);
    assert_eq!(ctrl_z(&mut app), [Effect::Suspend]);
    assert_eq!(
        app.flash(),
        Some("Beginner has no progress to reset"),
        "what the last key said still shows on return"
    );
    act(&mut app, &[Action::Help]);
    assert_eq!(ctrl_z(&mut app), [Effect::Suspend], "under the help");
    assert!(app.help().is_some(), "and the help is still open on return");
    act(&mut app, &[Action::Back, Action::ProgressView]);
    assert_eq!(
        ctrl_z(&mut app),
        [Effect::Suspend],
        "under the progress view"
    );
    assert!(app.progress_view().is_some());
    act(
        &mut app,
        &[Action::Back, Action::ToggleDone, Action::ResetLevel],
    );
    assert!(app.prompt().is_some());
    assert_eq!(ctrl_z(&mut app), [Effect::Suspend], "under a question");
    assert!(app.prompt().is_some(), "which is not answered by it");
    act(&mut app, &[Action::Back, Action::PickRoadmap]);
    app.update(Input::Done(Outcome::Scanned(vec![row("test", true, None)])));
    assert_eq!(ctrl_z(&mut app), [Effect::Suspend], "under the picker");
    assert!(app.picker().is_some());
}

#[test]
fn the_search_prompt_takes_its_keys_whatever_modifier_is_held_as_it_always_did() {
    let mut app = app();
    act(&mut app, &[Action::Search]);
    for c in "sql".chars() {
        key(&mut app, KeyCode::Char(c), KeyModifiers::NONE);
    }
    key(&mut app, KeyCode::Backspace, KeyModifiers::ALT);
    assert_eq!(app.search().map(Search::query), Some("sq"), "Alt-Backspace");
    key(&mut app, KeyCode::Backspace, KeyModifiers::CONTROL);
    assert_eq!(app.search().map(Search::query), Some("s"), "Ctrl-Backspace");
    key(
        &mut app,
        KeyCode::Char('u'),
        KeyModifiers::CONTROL | KeyModifiers::ALT,
    );
    assert_eq!(app.search().map(Search::query), Some(""), "Ctrl-Alt-U");
    for c in "sh".chars() {
        key(&mut app, KeyCode::Char(c), KeyModifiers::NONE);
    }
    key(&mut app, KeyCode::Enter, KeyModifiers::ALT);
    assert!(!app.is_typing(), "Alt-Enter jumps");
    assert_eq!(app.level_index(), 1, "to Sharding");
    act(&mut app, &[Action::Search]);
    key(&mut app, KeyCode::Esc, KeyModifiers::ALT);
    assert!(!app.is_typing(), "Alt-Esc goes back");
    act(&mut app, &[Action::Search]);
    key(
        &mut app,
        KeyCode::Char('c'),
        KeyModifiers::CONTROL | KeyModifiers::ALT,
    );
    assert!(!app.is_running(), "Ctrl-Alt-C quits from the prompt");
}

#[test]
fn a_switch_with_changes_still_unsaved_is_refused_for_them_first() {
    let mut app = app();
    act(&mut app, &[Action::ToggleDone, Action::PickRoadmap]);
    app.update(Input::Done(Outcome::Scanned(vec![
        row("test", true, None),
        row("other", false, Some(1)),
    ])));
    act(&mut app, &[Action::Down, Action::Toggle]);
    // The save failed, and the file picked could not be read either.
    app.update(Input::Done(Outcome::Opened(Err(
        "Cannot open other: it is gone".to_owned(),
    ))));
    assert_eq!(
        app.flash(),
        Some("Cannot switch: 3 changes are not saved yet (the red line says why)")
    );
    assert!(app.picker().is_some());
}

#[test]
fn the_progress_view_counts_what_arrived_with_a_save_that_failed() {
    let mut app = app();
    act(&mut app, &[Action::ProgressView]);
    let this_week = |app: &App| app.progress_view().map(|view| view.activity.this_week);
    assert_eq!(this_week(&app), Some(0));
    // A retry of a save waiting for the lock, made while the view is open,
    // read what another session ticked meanwhile.
    app.update(Input::Done(Outcome::SaveFailed {
        busy: Some("/s/progress.json.lock".to_owned()),
        error: "locked".to_owned(),
        arrived: Arrived::Changes(vec![Arrival {
            item: "beginner/git/commit".to_owned(),
            entry: Some(Entry {
                status: Status::Done,
                updated: 1_000,
            }),
            note: None,
            goal: None,
        }]),
        notices: Vec::new(),
    }));
    assert_eq!(this_week(&app), Some(1));
}

#[test]
fn a_plain_key_bound_to_suspend_types_itself_in_the_prompt_and_suspends_elsewhere() {
    use crate::format::config::{KeyOverride, Position, parse_key};
    let keys = [KeyOverride {
        action: "suspend".to_owned(),
        keys: vec![parse_key("x").unwrap()],
        position: Position { line: 1, column: 1 },
    }];
    let keymap = Keymap::with_overrides(&keys, "config.yaml").unwrap();
    let mut app = app().with_keymap(keymap);
    assert_eq!(
        key(&mut app, KeyCode::Char('x'), KeyModifiers::NONE),
        [Effect::Suspend]
    );
    act(&mut app, &[Action::Search]);
    assert!(key(&mut app, KeyCode::Char('x'), KeyModifiers::NONE).is_empty());
    assert_eq!(app.search().map(Search::query), Some("x"));
    act(&mut app, &[Action::Back, Action::Help]);
    assert_eq!(
        key(&mut app, KeyCode::Char('x'), KeyModifiers::NONE),
        [Effect::Suspend],
        "under the help too"
    );
}

#[test]
fn esc_with_nothing_open_closes_nothing_and_never_quits() {
    let mut app = app();
    app.notices_mut().push("a notice".to_owned());
    act(&mut app, &[Action::Search, Action::Back, Action::Back]);
    assert!(
        app.notices().is_empty(),
        "the first Esc outside dismissed it"
    );
    act(&mut app, &[Action::Back, Action::Back]);
    assert!(app.is_running());
    assert_eq!(app.flash(), Some("Nothing to close (q quits)"));
    act(&mut app, &[Action::Quit]);
    assert!(!app.is_running());
}

fn note_saved(key: &str, was: &str, text: &str) -> Input {
    Input::Done(Outcome::Note(NoteOutcome::Saved {
        key: key.to_owned(),
        was: was.to_owned(),
        text: text.to_owned(),
        arrived: Arrived::Nothing,
        notices: Vec::new(),
    }))
}

#[test]
fn a_removed_note_comes_back_with_undo_and_goes_again_with_redo() {
    let mut app = app();
    let key = "beginner/databases/basics";
    app.update(note_saved(key, "", "read ch. 3"));
    app.update(note_saved(key, "read ch. 3", ""));
    assert_eq!(app.flash(), Some("Note removed (u brings it back)"));
    assert_eq!(app.note_of(key), None);
    let undo = act(&mut app, &[Action::Undo]);
    assert_eq!(
        undo,
        [Effect::SaveNote {
            edit: crate::domain::session::NoteEdit {
                key: key.to_owned(),
                was: String::new(),
                text: "read ch. 3".to_owned(),
            },
            undone: true,
        }],
        "saved as a note is, never overwriting another window's"
    );
    assert_eq!(app.note_of(key), Some("read ch. 3"), "shown at once");
    assert_eq!(app.flash(), Some("Undid “Basics: note removed”"));
    let redo = act(&mut app, &[Action::Redo]);
    assert!(matches!(
        &redo[..],
        [Effect::SaveNote { undone: false, .. }]
    ));
    assert_eq!(app.note_of(key), None);
}

#[test]
fn a_note_undo_that_cannot_be_saved_is_put_back_to_try_again() {
    let mut app = app();
    let key = "beginner/databases/basics";
    app.update(note_saved(key, "", "mine"));
    let Some(Effect::SaveNote { edit, .. }) = act(&mut app, &[Action::Undo]).pop() else {
        panic!("an undo of a note saves it");
    };
    let key = edit.key.clone();
    app.update(Input::Done(Outcome::Note(NoteOutcome::Replayed {
        edit,
        undone: true,
        result: Err("the note was changed in another window meanwhile".to_owned()),
        arrived: Arrived::Nothing,
        notices: Vec::new(),
    })));
    assert_eq!(app.note_of(&key), Some("mine"), "as it is in the file");
    assert!(app.notices()[0].contains("could not be put back"));
    assert_eq!(
        app.session().history(),
        (1, 0),
        "the step can be undone again"
    );
}

#[test]
fn undo_quotes_the_step_and_says_what_the_item_is_now() {
    let mut app = app();
    act(
        &mut app,
        &[Action::Expand, Action::Down, Action::ToggleInProgress],
    );
    act(&mut app, &[Action::Undo]);
    assert_eq!(
        app.flash(),
        Some("Undid “Basics: in progress”: now pending")
    );
    act(&mut app, &[Action::Redo]);
    assert_eq!(
        app.flash(),
        Some("Redid “Basics: in progress”: now in progress")
    );
    act(&mut app, &[Action::ResetLevel, Action::Confirm]);
    assert_eq!(app.flash(), Some("Reset Beginner (u undoes it)"));
    act(&mut app, &[Action::Undo]);
    assert_eq!(app.flash(), Some("Undid “Reset Beginner”: now in progress"));
}

#[test]
fn an_item_without_links_offers_its_topics() {
    let roadmap = parse(
        "title: T\nlevels:\n  - title: L\n    topics:\n      - title: A\n        \
         resources: [{title: Docs, url: 'https://a.example/'}]\n        items: [X]\n      \
         - {title: B, items: [Y]}\n",
        "t.yaml",
        "t",
    )
    .unwrap();
    let mut app = App::on(roadmap);
    assert_eq!(
        act(&mut app, &[Action::Expand, Action::Down, Action::OpenLink]),
        [Effect::OpenLink("https://a.example/".to_owned())]
    );
    act(
        &mut app,
        &[Action::Down, Action::Expand, Action::Down, Action::OpenLink],
    );
    assert_eq!(app.flash(), Some("No links on this item or its topic"));
}

fn continue_keys(app: &App) -> Vec<&str> {
    let view = app.continue_view().expect("the continue view is open");
    view.list
        .items
        .iter()
        .map(|next| next.key.as_str())
        .collect()
}

#[test]
fn the_continue_view_lists_what_is_in_progress_longest_first_then_what_is_next() {
    let mut app = app();
    act(&mut app, &[Action::Continue]);
    assert_eq!(
        continue_keys(&app),
        [
            "beginner/databases/basics",
            "beginner/databases/sql",
            "beginner/databases/nosql",
            "beginner/git/commit",
            "advanced/scaling/sharding",
        ],
        "nothing started: the roadmap from the top"
    );
    act(&mut app, &[Action::Back]);
    let mut later = app.with_clock(|| 2_000);
    act(
        &mut later,
        &[Action::Expand, Action::Down, Action::ToggleInProgress],
    );
    let mut app = later.with_clock(|| 1_000);
    act(
        &mut app,
        &[
            Action::Level(1),
            Action::Expand,
            Action::Down,
            Action::ToggleInProgress,
        ],
    );
    act(
        &mut app,
        &[
            Action::Level(0),
            Action::First,
            Action::Down,
            Action::Down,
            Action::ToggleDone,
            Action::First,
            Action::Continue,
        ],
    );
    assert_eq!(
        continue_keys(&app),
        [
            "advanced/scaling/sharding",
            "beginner/databases/basics",
            "beginner/databases/nosql",
            "beginner/git/commit",
        ],
        "SQL is done"
    );
    // The very list `roadmap next` prints.
    let list = UpNext::of(app.roadmap(), app.session.progress(), Length::Default);
    assert_eq!(app.continue_view().unwrap().list, list);
    act(&mut app, &[Action::Down, Action::Toggle]);
    assert!(app.overlay().is_none());
    assert_eq!(app.level_index(), 0);
    assert_eq!(app.tree().selected(), Some(Row::Item { topic: 0, item: 0 }));
    act(&mut app, &[Action::Continue, Action::Toggle]);
    assert_eq!(app.level_index(), 1, "the first is the longest in progress");
    act(
        &mut app,
        &[
            Action::Level(0),
            Action::Continue,
            Action::Last,
            Action::Toggle,
        ],
    );
    assert_eq!(app.tree().selected(), Some(Row::Item { topic: 1, item: 0 }));
}

#[test]
fn the_continue_view_says_so_kindly_when_everything_is_done_or_skipped() {
    let mut app = app();
    act(
        &mut app,
        &[
            Action::First,
            Action::ToggleDone,
            Action::Last,
            Action::ToggleSkipped,
            Action::Level(1),
            Action::First,
            Action::ToggleDone,
            Action::Continue,
        ],
    );
    assert!(app.overlay().is_none());
    assert_eq!(app.flash(), Some(FINISHED));
}

#[test]
fn sync_saves_first_and_says_what_came_of_it() {
    let mut app = app();
    assert_eq!(act(&mut app, &[Action::Sync]), [Effect::Sync]);
    // Not saved yet (no runner here): the save goes first, with the sync.
    act(
        &mut app,
        &[Action::Expand, Action::Down, Action::ToggleDone],
    );
    assert_eq!(act(&mut app, &[Action::Sync]), [Effect::Save, Effect::Sync]);

    app.update(Input::Done(Outcome::Synced {
        result: Ok("Up to date with /r.git".to_owned()),
        arrived: Arrived::Nothing,
        notices: Vec::new(),
    }));
    assert_eq!(app.flash(), Some("Up to date with /r.git"));
    assert!(app.notices().is_empty());

    app.update(Input::Done(Outcome::Synced {
        result: Err("the remote /r.git cannot be reached".to_owned()),
        arrived: Arrived::Nothing,
        notices: vec!["a notice from the store".to_owned()],
    }));
    assert_eq!(
        app.notices(),
        [
            "a notice from the store",
            "sync failed: the remote /r.git cannot be reached"
        ]
    );
}

#[test]
fn a_goal_not_saved_asks_again_with_the_date_typed_and_why() {
    let mut app = app();
    let mut effects = Vec::new();
    for c in "d2099-01-31\n".chars() {
        let code = if c == '\n' {
            KeyCode::Enter
        } else {
            KeyCode::Char(c)
        };
        effects.extend(key(&mut app, code, KeyModifiers::NONE));
    }
    let by = crate::domain::calendar::parse_date("2099-01-31").ok();
    let target = app.roadmap().levels[0].id.clone();
    assert_eq!(
        effects,
        [Effect::SaveGoal {
            target: target.clone(),
            by
        }]
    );
    assert!(app.overlay().is_none());
    app.update(Input::Done(Outcome::GoalSaved {
        target,
        by,
        result: Err("another process holds the lock".to_owned()),
        arrived: Arrived::Nothing,
        notices: Vec::new(),
    }));
    match app.overlay() {
        Some(Overlay::Goal { prompt, from: None }) => {
            assert_eq!(prompt.target, 1);
            assert_eq!(prompt.text, "2099-01-31");
            assert_eq!(
                prompt.error.as_deref(),
                Some("not saved: another process holds the lock")
            );
        }
        other => panic!("{other:?}"),
    }
    assert_eq!(app.session().progress().goal("beginner"), None);
}
