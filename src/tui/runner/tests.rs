//! The app as it runs: actions, clicks and keys through the runner, with
//! the store on disk where a test is about saving.

use super::*;
use crate::domain::progress::{Entry, Status, Tally};
use crate::format::roadmap::load::parse;
use crate::io::store::Changes;
use crate::tui::app::Selection;
use crate::tui::app::overlay::Prompt;
use crate::tui::tree::Row;
use crossterm::event::{KeyCode, KeyModifiers};

/// The app's own tests' roadmap: two levels, three topics, five items.
use crate::tui::app::tests::YAML;

fn app() -> Runner {
    Runner::new(parse(YAML, "t.yaml", "test").unwrap(), Store::in_memory()).with_clock(|| 1_000)
}

/// A progress folder in `dir` whose device is `d1`, and that device's log.
fn state_in(dir: &std::path::Path) -> (std::path::PathBuf, std::path::PathBuf) {
    std::fs::write(dir.join("device"), "d1\n").unwrap();
    let folder = dir.join("state");
    std::fs::create_dir(&folder).unwrap();
    let log = folder.join("d1.jsonl");
    (folder, log)
}

fn run(app: &mut Runner, actions: &[Action]) {
    for &action in actions {
        app.update(action);
    }
}

#[test]
fn switching_roadmaps_keeps_notices_about_the_state_file() {
    let mut app = app();
    app.app
        .notices_mut()
        .push("the state file was damaged".to_owned());
    // The test roadmap is opened by path: listed first, then bundled.
    run(
        &mut app,
        &[Action::PickRoadmap, Action::Down, Action::Toggle],
    );
    assert_eq!(app.roadmap().id, "backend");
    assert_eq!(app.notices(), ["the state file was damaged"]);
    assert!(app.picker().is_none());
}

#[test]
fn switching_roadmaps_is_refused_while_changes_are_unsaved() {
    let mut app = app();
    app.app
        .session_mut()
        .unsaved_mut()
        .insert("beginner/databases/basics".to_owned(), None);
    // A state path under a plain file can never be written.
    let blocker = tempfile::NamedTempFile::new().unwrap();
    app.store = Store::open(&blocker.path().join("progress.json"));
    run(
        &mut app,
        &[Action::PickRoadmap, Action::Down, Action::Toggle],
    );
    assert_eq!(app.roadmap().id, "test", "still here");
    assert!(app.picker().is_some());
    assert!(
        app.flash().is_some_and(|f| f.contains("not saved yet")),
        "{:?}",
        app.flash()
    );
}

#[test]
fn ticking_an_item_updates_topic_level_and_overall_tallies() {
    let mut app = app();
    run(
        &mut app,
        &[Action::Expand, Action::Down, Action::ToggleDone],
    );
    assert_eq!(app.topic_tally(0).done, 1);
    assert_eq!(
        app.level_tally(0),
        Tally {
            done: 1,
            total: 4,
            ..Tally::default()
        }
    );
    assert_eq!(app.overall_tally().total, 5);
    assert_eq!(
        app.progress()
            .entry("beginner/databases/basics")
            .unwrap()
            .updated,
        1_000
    );
    run(&mut app, &[Action::ToggleDone]);
    assert_eq!(app.overall_tally().done, 0);
}

#[test]
fn space_on_a_topic_ticks_all_then_clears_all() {
    let mut app = app();
    run(&mut app, &[Action::ToggleDone]);
    assert!(app.topic_tally(0).is_complete());
    assert_eq!(app.level_tally(0).done, 3);
    run(&mut app, &[Action::ToggleDone]);
    assert_eq!(app.level_tally(0).done, 0);
}

#[test]
fn progress_is_saved_to_the_store_as_it_changes() {
    let dir = tempfile::tempdir().unwrap();
    let (folder, _) = state_in(dir.path());
    let roadmap = parse(YAML, "t.yaml", "test").unwrap();
    let mut app = Runner::new(roadmap.clone(), Store::open(&folder));
    run(&mut app, &[Action::Level(1), Action::ToggleDone]);
    let reopened = Runner::new(roadmap, Store::open(&folder));
    assert_eq!(reopened.level_tally(1).done, 1);
    assert_eq!(reopened.overall_tally().done, 1);
}

#[test]
fn two_sessions_on_one_file_keep_both_ticks_and_see_each_other() {
    let dir = tempfile::tempdir().unwrap();
    let (folder, _) = state_in(dir.path());
    let roadmap = parse(YAML, "t.yaml", "test").unwrap();
    let mut first = Runner::new(roadmap.clone(), Store::open(&folder));
    let mut second = Runner::new(roadmap.clone(), Store::open(&folder));
    run(&mut first, &[Action::ToggleDone]);
    run(&mut second, &[Action::Level(1), Action::ToggleDone]);
    assert_eq!(
        second.overall_tally().done,
        4,
        "sees the first session's ticks"
    );
    let reopened = Runner::new(roadmap, Store::open(&folder));
    assert_eq!(reopened.overall_tally().done, 4);
}

#[test]
fn a_save_that_failed_is_retried_with_the_next_change() {
    let dir = tempfile::tempdir().unwrap();
    let blocker = dir.path().join("state");
    std::fs::write(&blocker, "").unwrap();
    let folder = blocker.join("progress");
    let roadmap = parse(YAML, "t.yaml", "test").unwrap();
    let mut app = Runner::new(roadmap.clone(), Store::open(&folder));
    run(
        &mut app,
        &[Action::Expand, Action::Down, Action::ToggleDone],
    );
    assert!(app.save_error().is_some());
    std::fs::remove_file(&blocker).unwrap();
    run(&mut app, &[Action::Down, Action::ToggleDone]);
    assert_eq!(app.save_error(), None, "saving works again");
    assert!(app.finish().is_ok());
    let reopened = Runner::new(roadmap, Store::open(&folder));
    assert_eq!(
        reopened.overall_tally().done,
        2,
        "the change that failed is saved too"
    );
}

#[test]
fn a_failing_save_is_reported_and_the_app_keeps_working() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("file");
    std::fs::write(&file, "").unwrap();
    let roadmap = parse(YAML, "t.yaml", "test").unwrap();
    let mut app = Runner::new(roadmap, Store::open(&file.join("state.json")));
    run(&mut app, &[Action::ToggleDone]);
    assert!(app.save_error().unwrap().contains("cannot save progress"));
    assert_eq!(app.level_tally(0).done, 3, "the change still shows");
    let lost = app.finish().unwrap_err().to_string();
    assert!(
        lost.starts_with("3 changes could not be saved and are lost"),
        "{lost}"
    );
}

#[test]
fn a_save_that_finds_the_lock_held_waits_and_is_retried_never_blocking() {
    let dir = tempfile::tempdir().unwrap();
    let (folder, path) = state_in(dir.path());
    let roadmap = parse(YAML, "t.yaml", "test").unwrap();
    let mut app = Runner::new(roadmap.clone(), Store::open(&folder));
    run(&mut app, &[Action::ToggleDone]);
    let lock = std::fs::File::create(path.with_extension("jsonl.lock")).unwrap();
    lock.lock().unwrap();

    run(&mut app, &[Action::Down, Action::ToggleDone]);
    let waiting = app.waiting_for_lock().expect("waiting for the lock");
    assert!(waiting.ends_with("d1.jsonl.lock"), "{waiting}");
    assert_eq!(app.save_error(), None, "busy is not an error");
    assert_eq!(app.level_tally(0).done, 4, "the change shows");
    app.retry_save();
    assert!(app.waiting_for_lock().is_some(), "still held");
    let lost = app.finish().unwrap_err().to_string();
    assert!(lost.starts_with("1 change could not be saved"), "{lost}");
    assert!(lost.contains("d1.jsonl.lock"), "{lost}");

    drop(lock);
    app.retry_save();
    assert_eq!(app.waiting_for_lock(), None);
    app.finish().unwrap();
    let reopened = Runner::new(roadmap, Store::open(&folder));
    assert_eq!(reopened.level_tally(0).done, 4, "saved once free");
}

fn status_of(app: &App, key: &str) -> Status {
    app.progress().status(key)
}

#[test]
fn each_status_key_sets_its_status_and_pressed_again_returns_to_pending() {
    let mut app = app();
    run(&mut app, &[Action::Expand, Action::Down]);
    let key = "beginner/databases/basics";
    for (action, status) in [
        (Action::ToggleInProgress, Status::InProgress),
        (Action::ToggleSkipped, Status::Skipped),
        (Action::ToggleDone, Status::Done),
    ] {
        run(&mut app, &[action]);
        assert_eq!(status_of(&app, key), status);
    }
    run(&mut app, &[Action::ToggleDone]);
    assert_eq!(status_of(&app, key), Status::Pending);
    run(&mut app, &[Action::ToggleSkipped]);
    assert_eq!(
        app.topic_tally(0),
        Tally {
            skipped: 1,
            total: 3,
            ..Tally::default()
        }
    );
    assert_eq!(app.level_tally(0).percent(), 0, "skipped is not done");
}

#[test]
fn status_keys_on_a_topic_set_every_item_then_clear_them() {
    let mut app = app();
    run(&mut app, &[Action::ToggleSkipped]);
    assert_eq!(app.topic_tally(0).skipped, 3);
    run(&mut app, &[Action::ToggleInProgress]);
    assert_eq!(app.topic_tally(0).in_progress, 3);
    run(&mut app, &[Action::ToggleInProgress]);
    assert_eq!(
        app.topic_tally(0),
        Tally {
            total: 3,
            ..Tally::default()
        }
    );
}

#[test]
fn undo_and_redo_walk_back_and_forth_through_whole_steps() {
    let mut app = app();
    run(&mut app, &[Action::ToggleDone]);
    run(
        &mut app,
        &[Action::Expand, Action::Down, Action::ToggleSkipped],
    );
    assert_eq!(app.level_tally(0).done, 2);
    run(&mut app, &[Action::Undo]);
    assert_eq!(app.level_tally(0).done, 3, "the skip is undone");
    assert_eq!(app.flash(), Some("Undid “Basics: skipped”: now done"));
    run(&mut app, &[Action::Undo]);
    assert_eq!(app.level_tally(0).done, 0, "the whole topic at once");
    run(&mut app, &[Action::Undo]);
    assert_eq!(app.flash(), Some("Nothing to undo"));
    run(&mut app, &[Action::Redo, Action::Redo]);
    assert_eq!(app.topic_tally(0).skipped, 1);
    assert_eq!(app.topic_tally(0).done, 2);
    run(&mut app, &[Action::Redo]);
    assert_eq!(app.flash(), Some("Nothing to redo"));
}

#[test]
fn undo_puts_back_the_original_date_and_a_new_change_clears_redo() {
    static NOW: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(100);
    let mut app = app().with_clock(|| NOW.load(std::sync::atomic::Ordering::Relaxed));
    run(
        &mut app,
        &[Action::Expand, Action::Down, Action::ToggleDone],
    );
    NOW.store(200, std::sync::atomic::Ordering::Relaxed);
    run(&mut app, &[Action::ToggleDone, Action::Undo]);
    let entry = app.progress().entry("beginner/databases/basics").unwrap();
    assert_eq!((entry.status, entry.updated), (Status::Done, 100));
    run(&mut app, &[Action::Down, Action::ToggleDone, Action::Redo]);
    assert_eq!(app.flash(), Some("Nothing to redo"));
}

#[test]
fn undo_remembers_at_least_a_hundred_steps() {
    let mut app = app();
    run(&mut app, &[Action::Expand, Action::Down]);
    for _ in 0..150 {
        run(&mut app, &[Action::ToggleDone]);
    }
    for _ in 0..150 {
        run(&mut app, &[Action::Undo]);
    }
    assert_eq!(app.session().history(), (0, 150));
}

#[test]
fn undo_shows_the_item_it_changed() {
    let mut app = app();
    run(
        &mut app,
        &[
            Action::Level(1),
            Action::Expand,
            Action::Down,
            Action::ToggleDone,
        ],
    );
    run(&mut app, &[Action::Level(0), Action::Undo]);
    assert_eq!(app.level_index(), 1);
    assert_eq!(app.tree().selected(), Some(Row::Item { topic: 0, item: 0 }));
}

#[test]
fn undo_leaves_alone_what_another_session_changed_since() {
    let dir = tempfile::tempdir().unwrap();
    let (folder, _) = state_in(dir.path());
    let roadmap = parse(YAML, "t.yaml", "test").unwrap();
    let mut mine = Runner::new(roadmap.clone(), Store::open(&folder));
    let mut theirs = Runner::new(roadmap, Store::open(&folder));
    run(&mut mine, &[Action::ToggleDone]);
    theirs.refresh();
    run(
        &mut theirs,
        &[Action::Expand, Action::Down, Action::ToggleSkipped],
    );
    mine.refresh();
    assert_eq!(
        status_of(&mine, "beginner/databases/basics"),
        Status::Skipped
    );
    run(&mut mine, &[Action::Undo]);
    assert_eq!(
        status_of(&mine, "beginner/databases/basics"),
        Status::Skipped
    );
    assert_eq!(status_of(&mine, "beginner/databases/sql"), Status::Pending);
    assert!(
        mine.flash()
            .unwrap()
            .contains("(1 item was changed since, left as it is)"),
        "{:?}",
        mine.flash()
    );
}

/// A step whose every item was changed elsewhere undoes nothing, and
/// says so: "Undid … (1 item was changed since, left as it is)"
/// contradicted itself.
#[test]
fn an_undo_that_finds_everything_changed_elsewhere_says_nothing_was_undone() {
    let dir = tempfile::tempdir().unwrap();
    let (folder, _) = state_in(dir.path());
    let roadmap = parse(YAML, "t.yaml", "test").unwrap();
    let mut mine = Runner::new(roadmap.clone(), Store::open(&folder));
    let mut theirs = Runner::new(roadmap, Store::open(&folder));
    run(
        &mut mine,
        &[Action::Expand, Action::Down, Action::ToggleDone],
    );
    theirs.refresh();
    run(
        &mut theirs,
        &[Action::Expand, Action::Down, Action::ToggleSkipped],
    );
    mine.refresh();
    run(&mut mine, &[Action::Undo]);
    assert_eq!(
        status_of(&mine, "beginner/databases/basics"),
        Status::Skipped,
        "theirs is kept"
    );
    assert_eq!(
        mine.flash(),
        Some("Nothing undone: “Basics: done” was changed elsewhere since")
    );
    run(&mut mine, &[Action::Redo]);
    assert_eq!(
        mine.flash(),
        Some("Nothing redone: “Basics: done” was changed elsewhere since")
    );
}

#[test]
fn reset_asks_first_names_what_it_clears_and_can_be_undone() {
    let mut app = app();
    run(&mut app, &[Action::ResetLevel]);
    assert_eq!(app.prompt(), None, "nothing to reset");
    assert_eq!(app.flash(), Some("Beginner has no progress to reset"));
    run(
        &mut app,
        &[Action::ToggleDone, Action::Down, Action::ToggleSkipped],
    );
    run(&mut app, &[Action::ResetLevel, Action::Down]);
    assert_eq!(app.prompt(), None, "any other key cancels");
    run(&mut app, &[Action::ResetLevel]);
    app.unbound_key();
    assert_eq!(app.prompt(), None, "even one bound to nothing");
    assert_eq!(app.flash(), Some("Cancelled: nothing was changed"));
    assert_eq!(app.level_tally(0).done, 3);
    run(&mut app, &[Action::ResetLevel]);
    assert_eq!(app.prompt(), Some(&Prompt::ResetLevel(0)));
    run(&mut app, &[Action::Confirm]);
    assert_eq!(
        app.level_tally(0),
        Tally {
            total: 4,
            ..Tally::default()
        }
    );
    run(&mut app, &[Action::Undo]);
    assert_eq!(app.level_tally(0).done, 3);
    assert_eq!(app.level_tally(0).skipped, 1);
}

#[test]
fn progress_of_items_the_roadmap_lacks_is_kept_and_reported() {
    let dir = tempfile::tempdir().unwrap();
    let (folder, _) = state_in(dir.path());
    let mut store = Store::open(&folder);
    let entry = Entry {
        status: Status::Done,
        updated: 1,
    };
    let changes: Changes = [
        ("beginner/databases/basics".to_owned(), Some(entry)),
        ("beginner/databases/renamed".to_owned(), Some(entry)),
        ("gone/old/item".to_owned(), Some(entry)),
    ]
    .into();
    store.commit("test", &changes, 1).unwrap();
    let roadmap = parse(YAML, "t.yaml", "test").unwrap();
    let mut app = Runner::new(roadmap, Store::open(&folder));
    assert_eq!(
        app.orphans(),
        ["beginner/databases/renamed", "gone/old/item"]
    );
    assert_eq!(app.overall_tally().done, 1);
    assert!(app.notices()[0].starts_with("progress kept for 2 items not in this roadmap"));
    assert!(app.notices()[0].contains("beginner/databases/renamed, gone/old/item"));
    run(&mut app, &[Action::Back]);
    assert!(app.notices().is_empty(), "Esc dismisses notices");
    assert!(app.is_running(), "and does not quit while doing so");
    run(&mut app, &[Action::ResetLevel, Action::Confirm]);
    let reopened = Store::open(&folder);
    assert_eq!(reopened.progress("test").len(), 2, "a reset keeps orphans");
}

#[test]
fn a_read_only_store_refuses_changes_and_says_why() {
    let dir = tempfile::tempdir().unwrap();
    let (folder, path) = state_in(dir.path());
    std::fs::write(&path, "{\"format\":\"roadmap-progress\",\"version\":9}\n").unwrap();
    let roadmap = parse(YAML, "t.yaml", "test").unwrap();
    let mut app = Runner::new(roadmap, Store::open(&folder));
    assert!(app.read_only().is_some());
    assert!(app.notices()[0].contains("newer roadmap"));
    run(&mut app, &[Action::ToggleDone]);
    assert_eq!(app.overall_tally().done, 0);
    assert!(app.flash().unwrap().starts_with("Read-only"));
    assert!(app.finish().is_ok(), "nothing was left unsaved");
}

#[test]
fn a_state_file_removed_while_open_is_reported_and_written_back() {
    let dir = tempfile::tempdir().unwrap();
    let (folder, path) = state_in(dir.path());
    let roadmap = parse(YAML, "t.yaml", "test").unwrap();
    let mut app = Runner::new(roadmap.clone(), Store::open(&folder));
    run(&mut app, &[Action::ToggleDone]);
    std::fs::remove_file(&path).unwrap();
    app.refresh();
    assert!(app.notices()[0].contains("was removed by something else"));
    assert_eq!(app.level_tally(0).done, 3, "still shown");
    run(&mut app, &[Action::Level(1), Action::ToggleDone]);
    let reopened = Runner::new(roadmap, Store::open(&folder));
    assert_eq!(reopened.overall_tally().done, 4);
}

#[test]
fn a_session_sees_another_sessions_changes_at_its_next_key() {
    let dir = tempfile::tempdir().unwrap();
    let (folder, _) = state_in(dir.path());
    let roadmap = parse(YAML, "t.yaml", "test").unwrap();
    let mut first = Runner::new(roadmap.clone(), Store::open(&folder));
    let mut second = Runner::new(roadmap, Store::open(&folder));
    run(&mut first, &[Action::ToggleDone]);
    second.refresh();
    assert_eq!(second.level_tally(0).done, 3);
    run(&mut first, &[Action::Undo]);
    second.refresh();
    assert_eq!(second.level_tally(0).done, 0);
    assert_eq!(second.topic_tally(0).done, 0);
}

/// The counts kept change by change equal a count from scratch.
fn assert_counts_match_a_recount(app: &Runner) {
    let (topic_tallies, level_tallies, orphans) = app.session().counts();
    let fresh = app.session().recounted();
    assert_eq!(topic_tallies, fresh.0);
    assert_eq!(level_tallies, fresh.1);
    assert_eq!(orphans, fresh.2);
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(64))]
    /// Two sessions on one file, random keys and syncs: counts never
    /// drift, and both end up showing what the file holds.
    #[test]
    fn random_keys_in_two_sessions_keep_counts_and_files_in_step(
        script in proptest::collection::vec(
            (
                0usize..2,
                proptest::sample::select(vec![
                    Action::Up, Action::Down, Action::Expand, Action::Collapse,
                    Action::ToggleDone, Action::ToggleInProgress, Action::ToggleSkipped,
                    Action::Undo, Action::Redo, Action::ResetLevel, Action::Confirm,
                    Action::NextLevel, Action::Last,
                ]),
                proptest::bool::ANY,
            ),
            0..60,
        )
    ) {
        let dir = tempfile::tempdir().unwrap();
        let (folder, _) = state_in(dir.path());
        let orphan = Entry { status: Status::Done, updated: 1 };
        Store::open(&folder)
            .commit("test", &[("gone/x/y".to_owned(), Some(orphan))].into(), 1)
            .unwrap();
        let roadmap = parse(YAML, "t.yaml", "test").unwrap();
        let mut apps = [
            Runner::new(roadmap.clone(), Store::open(&folder)),
            Runner::new(roadmap, Store::open(&folder)),
        ];
        for (who, action, sync) in script {
            if sync {
                apps[who].refresh();
            }
            apps[who].update(action);
            assert_counts_match_a_recount(&apps[who]);
        }
        let on_disk = Store::open(&folder).progress("test");
        for app in &mut apps {
            app.refresh();
            assert_counts_match_a_recount(app);
            proptest::prop_assert_eq!(app.progress(), &on_disk);
        }
    }
}

#[test]
fn tabs_switch_wrap_and_remember_their_own_selection() {
    let mut app = app();
    run(&mut app, &[Action::Down]);
    assert_eq!(app.tree().selected(), Some(Row::Topic(1)));
    run(&mut app, &[Action::NextLevel]);
    assert_eq!(app.level_index(), 1);
    assert_eq!(app.tree().selected(), Some(Row::Topic(0)));
    run(&mut app, &[Action::NextLevel]);
    assert_eq!(app.level_index(), 0, "wraps around");
    assert_eq!(app.tree().selected(), Some(Row::Topic(1)), "remembered");
    run(&mut app, &[Action::PrevLevel]);
    assert_eq!(app.level_index(), 1);
    run(&mut app, &[Action::Level(0), Action::Level(7)]);
    assert_eq!(app.level_index(), 0, "a missing level is ignored");
}

#[test]
fn help_captures_keys_until_closed() {
    let mut app = app();
    app.fit_to(Rect::new(0, 0, 60, 12));
    run(
        &mut app,
        &[Action::Help, Action::Down, Action::Down, Action::ToggleDone],
    );
    assert_eq!(app.help().map(|help| help.scroll), Some(2));
    run(&mut app, &[Action::Last, Action::Down, Action::Down]);
    let end = app.help().unwrap().scroll;
    assert!(end > 2, "a 12-row screen cannot show the whole help");
    run(&mut app, &[Action::Up]);
    assert_eq!(
        app.help().unwrap().scroll,
        end - 1,
        "never scrolls past the end"
    );
    assert_eq!(
        app.overall_tally().done,
        0,
        "keys under the help do nothing else"
    );
    run(&mut app, &[Action::Help]);
    assert_eq!(app.help(), None, "? closes the help");
    run(&mut app, &[Action::Help, Action::Back]);
    assert_eq!(app.help(), None, "Esc closes the help");
    assert!(app.is_running());
    run(&mut app, &[Action::Back]);
    assert!(app.is_running(), "Esc with nothing open never quits");
}

#[test]
fn quit_works_even_with_the_help_open() {
    let mut app = app();
    run(&mut app, &[Action::Help, Action::Quit]);
    assert!(!app.is_running());
}

#[test]
fn paging_moves_by_the_visible_tree_height() {
    let mut app = app();
    app.fit_to(Rect::new(0, 0, 120, 40));
    run(&mut app, &[Action::Expand, Action::PageDown]);
    assert_eq!(
        app.tree().selected(),
        Some(Row::Topic(1)),
        "stops at the last row"
    );
    run(&mut app, &[Action::PageUp]);
    assert_eq!(app.tree().selected(), Some(Row::Topic(0)));
}

#[test]
fn selection_resolves_to_the_roadmap_node() {
    let mut app = app();
    assert!(matches!(
        app.selection(),
        Some(Selection::Topic { level: 0, index: 0, topic }) if topic.title == "Databases"
    ));
    run(&mut app, &[Action::Expand, Action::Expand, Action::Down]);
    assert!(matches!(app.selection(), Some(Selection::Item(_, i)) if i.title == "SQL"));
}

fn typed(app: &mut Runner, text: &str) {
    for c in text.chars() {
        app.type_key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE));
    }
}

fn press(app: &mut Runner, code: KeyCode) {
    app.type_key(KeyEvent::new(code, KeyModifiers::NONE));
}

#[test]
fn search_finds_in_every_level_and_enter_jumps_there_opening_the_topic() {
    let mut app = app();
    run(&mut app, &[Action::Search]);
    assert!(app.is_typing());
    typed(&mut app, "SHARD");
    let hits = app.search().unwrap().hits().to_vec();
    assert_eq!(hits.len(), 1);
    assert!(
        matches!(app.selection(), Some(Selection::Item(_, item)) if item.title == "Sharding"),
        "the details show the chosen hit while typing"
    );
    assert_eq!(app.level_index(), 0, "the view stays until Enter");
    press(&mut app, KeyCode::Enter);
    assert!(!app.is_typing());
    assert_eq!(app.level_index(), 1);
    assert_eq!(app.tree().selected(), Some(Row::Item { topic: 0, item: 0 }));
    assert!(app.tree().is_open(0));
}

#[test]
fn n_and_shift_n_walk_the_hits_and_wrap() {
    let mut app = app();
    run(&mut app, &[Action::NextMatch]);
    assert!(app.flash().unwrap().starts_with("No search yet"));
    run(&mut app, &[Action::Search]);
    typed(&mut app, "s");
    // Databases, Basics, SQL, NoSQL, Scaling, Sharding: titles first.
    let count = app.search().unwrap().hits().len();
    assert_eq!(count, 6);
    press(&mut app, KeyCode::Enter);
    assert_eq!(app.tree().selected(), Some(Row::Topic(0)));
    assert!(app.tree().is_open(0), "a topic hit is opened");
    run(&mut app, &[Action::NextMatch]);
    assert_eq!(app.flash(), Some("Match 2 of 6"));
    assert_eq!(app.tree().selected(), Some(Row::Item { topic: 0, item: 0 }));
    run(&mut app, &[Action::PrevMatch, Action::PrevMatch]);
    assert_eq!(app.flash(), Some("Match 6 of 6"));
    assert_eq!(app.level_index(), 1, "Sharding, in the other level");
}

#[test]
fn escape_in_the_search_puts_the_view_back_as_it_was() {
    let mut app = app();
    run(&mut app, &[Action::Down, Action::Expand]);
    let before = (app.level_index(), app.trees().to_vec());
    run(&mut app, &[Action::Search]);
    typed(&mut app, "shard");
    run(&mut app, &[Action::Down, Action::Up]);
    press(&mut app, KeyCode::Esc);
    assert!(app.search().is_none());
    assert_eq!((app.level_index(), app.trees().to_vec()), before);
    run(&mut app, &[Action::Search]);
    typed(&mut app, "x");
    press(&mut app, KeyCode::Backspace);
    press(&mut app, KeyCode::Backspace);
    assert!(app.search().is_none(), "Backspace on an empty query leaves");
}

#[test]
fn enter_with_no_hit_keeps_the_prompt_and_says_so() {
    let mut app = app();
    run(&mut app, &[Action::Search]);
    typed(&mut app, "zzz");
    press(&mut app, KeyCode::Enter);
    assert!(app.is_typing());
    assert_eq!(app.flash(), Some("No match for \"zzz\" (Esc goes back)"));
    app.type_key(KeyEvent::new(KeyCode::Char('u'), KeyModifiers::CONTROL));
    assert_eq!(app.search().unwrap().query(), "");
    app.type_key(KeyEvent::new(KeyCode::Char('c'), KeyModifiers::CONTROL));
    assert!(!app.is_running(), "Ctrl-C still quits");
}

#[test]
fn the_filter_hides_finished_items_and_follows_every_change() {
    let mut app = app();
    run(
        &mut app,
        &[Action::Expand, Action::Down, Action::ToggleDone],
    );
    run(
        &mut app,
        &[Action::Down, Action::ToggleSkipped, Action::ToggleFilter],
    );
    assert!(app.hides_finished());
    let rows: Vec<Row> = app.tree().rows_from(0).collect();
    assert_eq!(
        rows,
        [
            Row::Topic(0),
            Row::Item { topic: 0, item: 2 },
            Row::Topic(1)
        ]
    );
    assert_eq!(app.tree().selected(), Some(Row::Item { topic: 0, item: 2 }));
    run(&mut app, &[Action::ToggleDone]);
    assert_eq!(
        app.tree().selected(),
        Some(Row::Topic(1)),
        "ticked off, it goes, and the next row is selected"
    );
    assert_eq!(
        app.tree().len(),
        1,
        "Databases is all finished: only Git is left"
    );
    run(&mut app, &[Action::Undo]);
    assert_eq!(app.tree().len(), 2 + 1, "undone, it is back");
    run(&mut app, &[Action::ToggleFilter]);
    assert_eq!(app.tree().len(), 2 + 3);
}

#[test]
fn the_filter_follows_changes_from_another_session() {
    let dir = tempfile::tempdir().unwrap();
    let (folder, _) = state_in(dir.path());
    let roadmap = parse(YAML, "t.yaml", "test").unwrap();
    let mut mine = Runner::new(roadmap.clone(), Store::open(&folder));
    let mut theirs = Runner::new(roadmap, Store::open(&folder));
    run(&mut mine, &[Action::ToggleFilter, Action::Level(1)]);
    run(&mut theirs, &[Action::Level(1), Action::ToggleDone]);
    mine.refresh();
    assert!(mine.tree().is_empty());
    assert_eq!(mine.tree().selected(), None);
    assert!(mine.selection().is_none());
}

#[test]
fn a_search_hit_the_filter_hides_turns_the_filter_off() {
    let mut app = app();
    run(&mut app, &[Action::Level(1), Action::ToggleDone]);
    run(
        &mut app,
        &[Action::Level(0), Action::ToggleFilter, Action::Search],
    );
    typed(&mut app, "sharding");
    press(&mut app, KeyCode::Enter);
    assert!(!app.hides_finished());
    assert_eq!(app.flash(), Some("Filter off, to show the match"));
    assert_eq!(app.tree().selected(), Some(Row::Item { topic: 0, item: 0 }));
}

#[test]
fn z_closes_and_shift_z_opens_every_topic_of_the_level() {
    let mut app = app();
    run(&mut app, &[Action::OpenAll]);
    assert_eq!(app.tree().len(), 2 + 3 + 1);
    run(&mut app, &[Action::Last, Action::CloseAll]);
    assert_eq!(app.tree().len(), 2);
    assert_eq!(app.tree().selected(), Some(Row::Topic(1)));
    run(&mut app, &[Action::NextLevel]);
    assert_eq!(app.tree().len(), 1, "other levels are left alone");
}

fn draft(text: &str) -> Draft {
    Draft {
        text: text.to_owned(),
        file: tempfile::NamedTempFile::new().unwrap().into_temp_path(),
    }
}

#[test]
fn e_asks_for_the_editor_and_the_note_is_saved_with_the_progress() {
    let dir = tempfile::tempdir().unwrap();
    let (folder, _) = state_in(dir.path());
    let roadmap = parse(YAML, "t.yaml", "test").unwrap();
    let mut app = Runner::new(roadmap.clone(), Store::open(&folder));
    run(&mut app, &[Action::EditNote]);
    assert_eq!(app.take_request(), None, "not on a topic");
    assert!(app.flash().unwrap().starts_with("Notes are kept on items"));
    run(&mut app, &[Action::Expand, Action::Down, Action::EditNote]);
    let key = "beginner/databases/basics";
    assert_eq!(
        app.take_request(),
        Some(Effect::EditNote {
            key: key.to_owned(),
            title: "Basics".to_owned(),
            note: String::new(),
        })
    );
    app.note_edited(key, "", Ok(draft("use EXPLAIN")));
    assert_eq!(app.flash(), Some("Note saved (u undoes it)"));
    let reopened = Runner::new(roadmap.clone(), Store::open(&folder));
    let item = &reopened.roadmap().levels[0].topics[0].items[0];
    assert_eq!(reopened.note(item), Some("use EXPLAIN"));
    app.note_edited(key, "use EXPLAIN", Ok(draft("use EXPLAIN")));
    assert_eq!(app.flash(), Some("Note unchanged"));
    app.note_edited(
        key,
        "use EXPLAIN",
        Err(anyhow::anyhow!("the editor `vi` failed")),
    );
    assert_eq!(app.flash(), Some("Note unchanged: the editor `vi` failed"));
    app.note_edited(key, "use EXPLAIN", Ok(draft("")));
    assert_eq!(app.flash(), Some("Note removed (u brings it back)"));
    let reopened = Runner::new(roadmap.clone(), Store::open(&folder));
    assert_eq!(reopened.progress().note(key), None);
    // Deleted by mistake: `u` brings it back, saved as any note is.
    run(&mut app, &[Action::Undo]);
    assert_eq!(app.progress().note(key), Some("use EXPLAIN"));
    let reopened = Runner::new(roadmap.clone(), Store::open(&folder));
    assert_eq!(reopened.progress().note(key), Some("use EXPLAIN"));
    // Another window changes it meanwhile: a redo leaves theirs alone.
    let mut other = Runner::new(roadmap.clone(), Store::open(&folder));
    other.note_edited(key, "use EXPLAIN", Ok(draft("theirs")));
    run(&mut app, &[Action::Redo]);
    let reopened = Runner::new(roadmap, Store::open(&folder));
    assert_eq!(reopened.progress().note(key), Some("theirs"));
    assert_eq!(app.progress().note(key), Some("theirs"), "shown as it is");
}

#[test]
fn a_note_that_cannot_be_saved_keeps_its_text_in_a_file() {
    let dir = tempfile::tempdir().unwrap();
    let blocker = dir.path().join("file");
    std::fs::write(&blocker, "").unwrap();
    let roadmap = parse(YAML, "t.yaml", "test").unwrap();
    let mut app = Runner::new(roadmap, Store::open(&blocker.join("state.json")));
    let draft = draft("precious words");
    let kept_at = draft.file.to_path_buf();
    app.note_edited("beginner/databases/basics", "", Ok(draft));
    let notice = app.notices().last().unwrap();
    assert!(notice.starts_with("the note was NOT saved"), "{notice}");
    assert!(notice.contains(&kept_at.display().to_string()), "{notice}");
    assert_eq!(std::fs::read_to_string(&kept_at).unwrap(), "");
    std::fs::remove_file(kept_at).unwrap();
}

#[test]
fn a_note_from_another_session_shows_at_the_next_key() {
    let dir = tempfile::tempdir().unwrap();
    let (folder, _) = state_in(dir.path());
    let roadmap = parse(YAML, "t.yaml", "test").unwrap();
    let mut mine = Runner::new(roadmap.clone(), Store::open(&folder));
    let mut theirs = Runner::new(roadmap, Store::open(&folder));
    run(&mut mine, &[Action::ToggleDone]);
    theirs.note_edited("beginner/databases/sql", "", Ok(draft("joins!")));
    mine.refresh();
    assert_eq!(
        mine.progress().note("beginner/databases/sql"),
        Some("joins!")
    );
    assert_eq!(mine.level_tally(0).done, 3, "the note undid no tick");
}

const LINKS: &str = "\
title: Links
levels:
  - title: One
    topics:
      - title: Web
        resources:
          - {title: MDN, url: 'https://developer.mozilla.org/'}
          - {title: RFC 9110, url: 'https://www.rfc-editor.org/rfc/rfc9110'}
        items:
          - {title: HTTP, resources: [{title: Spec, url: 'https://httpwg.org/'}]}
          - Bare
";

#[test]
fn o_opens_the_one_link_or_asks_which_of_several() {
    let roadmap = parse(LINKS, "t.yaml", "links").unwrap();
    let mut app = Runner::new(roadmap, Store::in_memory());
    run(&mut app, &[Action::OpenLink]);
    assert_eq!(app.links().map(|c| c.links.len()), Some(2));
    run(&mut app, &[Action::Down, Action::Down, Action::ToggleDone]);
    assert_eq!(app.links().unwrap().selected, 1, "stops at the last");
    assert_eq!(app.overall_tally().done, 0, "keys under it do nothing else");
    run(&mut app, &[Action::Level(0)]);
    assert!(app.links().is_none());
    assert_eq!(
        app.take_request(),
        Some(Effect::OpenLink(
            "https://developer.mozilla.org/".to_owned()
        ))
    );
    run(&mut app, &[Action::Expand, Action::Down, Action::OpenLink]);
    assert_eq!(
        app.take_request(),
        Some(Effect::OpenLink("https://httpwg.org/".to_owned()))
    );
    // An item without links of its own offers its topic's.
    run(&mut app, &[Action::Down, Action::OpenLink]);
    assert_eq!(app.links().map(|c| c.links.len()), Some(2));
    run(&mut app, &[Action::Back]);
    app.link_opened("https://httpwg.org/", Err(anyhow::anyhow!("no browser")));
    assert_eq!(
        app.notices().last().map(String::as_str),
        Some("the link, to copy: https://httpwg.org/ (no browser)")
    );
}

#[test]
fn escape_in_the_search_keeps_the_filter_up_to_date_with_other_sessions() {
    let dir = tempfile::tempdir().unwrap();
    let (folder, _) = state_in(dir.path());
    let roadmap = parse(YAML, "t.yaml", "test").unwrap();
    let mut mine = Runner::new(roadmap.clone(), Store::open(&folder));
    let mut theirs = Runner::new(roadmap, Store::open(&folder));
    run(
        &mut mine,
        &[Action::ToggleFilter, Action::Expand, Action::Search],
    );
    assert_eq!(mine.tree().len(), 2 + 3);
    run(
        &mut theirs,
        &[Action::Expand, Action::Down, Action::ToggleDone],
    );
    mine.refresh();
    press(&mut mine, KeyCode::Esc);
    assert_eq!(
        mine.tree().len(),
        2 + 2,
        "Basics, done meanwhile, stays hidden"
    );
}

#[test]
fn undo_under_the_filter_selects_the_item_it_brings_back() {
    let mut app = app();
    run(
        &mut app,
        &[
            Action::ToggleFilter,
            Action::Expand,
            Action::Down,
            Action::ToggleDone,
        ],
    );
    assert_eq!(app.tree().selected(), Some(Row::Item { topic: 0, item: 1 }));
    run(&mut app, &[Action::Undo]);
    assert_eq!(app.tree().selected(), Some(Row::Item { topic: 0, item: 0 }));
}

#[test]
fn a_click_acts_on_the_row_seen_even_if_another_session_moved_it() {
    let dir = tempfile::tempdir().unwrap();
    let (folder, _) = state_in(dir.path());
    let roadmap = parse(YAML, "t.yaml", "test").unwrap();
    let mut mine = Runner::new(roadmap.clone(), Store::open(&folder));
    let mut theirs = Runner::new(roadmap, Store::open(&folder));
    run(&mut mine, &[Action::ToggleFilter, Action::Expand]);
    mine.fit_to(Rect::new(0, 0, 120, 40));
    // SQL's checkbox, as drawn: the tree's third row.
    let seen = mine.target_at(3, 5);
    assert!(matches!(
        seen,
        Some(Target::Row {
            row: Row::Item { item: 1, .. },
            marker: true
        })
    ));
    run(
        &mut theirs,
        &[Action::Expand, Action::Down, Action::ToggleDone],
    );
    mine.refresh();
    mine.click_on(seen);
    assert_eq!(status_of(&mine, "beginner/databases/sql"), Status::Done);
    assert_eq!(
        status_of(&mine, "beginner/databases/nosql"),
        Status::Pending
    );
    // A row hidden meanwhile: nothing happens to the one in its place.
    let seen = mine.target_at(3, 4);
    run(
        &mut theirs,
        &[Action::Down, Action::Down, Action::ToggleSkipped],
    );
    mine.refresh();
    mine.click_on(seen);
    assert_eq!(mine.overall_tally().done, 2);
}

#[test]
fn a_note_saved_elsewhere_while_editing_is_kept_and_so_is_the_draft() {
    let dir = tempfile::tempdir().unwrap();
    let (folder, _) = state_in(dir.path());
    let roadmap = parse(YAML, "t.yaml", "test").unwrap();
    let mut mine = Runner::new(roadmap.clone(), Store::open(&folder));
    let mut theirs = Runner::new(roadmap, Store::open(&folder));
    let key = "beginner/databases/basics";
    theirs.note_edited(key, "", Ok(draft("theirs")));
    let draft = draft("mine");
    let kept_at = draft.file.to_path_buf();
    mine.note_edited(key, "", Ok(draft));
    assert_eq!(mine.progress().note(key), Some("theirs"));
    let notice = mine.notices().last().unwrap();
    assert!(notice.contains("changed in another window"), "{notice}");
    assert!(kept_at.exists(), "the draft is kept");
    std::fs::remove_file(kept_at).unwrap();
}

#[test]
fn a_state_file_replaced_by_a_newer_roadmaps_is_read_only_from_then_on() {
    let dir = tempfile::tempdir().unwrap();
    let (folder, path) = state_in(dir.path());
    let roadmap = parse(YAML, "t.yaml", "test").unwrap();
    let mut app = Runner::new(roadmap, Store::open(&folder));
    run(&mut app, &[Action::ToggleDone]);
    assert_eq!(app.read_only(), None);
    // A newer roadmap, run meanwhile, put its own file in place.
    let newer = dir.path().join("newer.json");
    std::fs::write(&newer, "{\"format\":\"roadmap-progress\",\"version\":9}\n").unwrap();
    std::fs::rename(&newer, &path).unwrap();
    app.refresh();
    assert!(
        app.read_only()
            .is_some_and(|why| why.contains("newer roadmap")),
        "the red line says so: {:?}",
        app.read_only()
    );
    run(&mut app, &[Action::Level(1), Action::ToggleDone]);
    assert!(
        app.flash().is_some_and(|f| f.starts_with("Read-only")),
        "{:?}",
        app.flash()
    );
    assert_eq!(app.level_tally(1).done, 0, "nothing changed");
    assert!(app.finish().is_ok(), "and nothing is left unsaved");
}

#[test]
fn a_save_that_finds_the_file_turned_read_only_says_so_and_refuses_the_next_change() {
    let dir = tempfile::tempdir().unwrap();
    let (folder, path) = state_in(dir.path());
    let roadmap = parse(YAML, "t.yaml", "test").unwrap();
    let mut app = Runner::new(roadmap, Store::open(&folder));
    run(&mut app, &[Action::ToggleDone]);
    let newer = dir.path().join("newer.json");
    std::fs::write(&newer, "{\"format\":\"roadmap-progress\",\"version\":9}\n").unwrap();
    std::fs::rename(&newer, &path).unwrap();
    // The save reads the file first, under the lock, and finds it so.
    run(&mut app, &[Action::Level(1), Action::ToggleDone]);
    assert!(app.read_only().is_some(), "{:?}", app.save_error());
    run(&mut app, &[Action::Undo]);
    assert!(
        app.flash().is_some_and(|f| f.starts_with("Read-only")),
        "{:?}",
        app.flash()
    );
}

/// The bundled roadmap on an 80x24 screen: ten rows of tree above the
/// details pane, whatever is selected.
fn on_80x24() -> Runner {
    let roadmap = crate::io::bundled::default().load().unwrap();
    let mut app = Runner::new(roadmap, Store::in_memory()).with_clock(|| 1_000);
    app.fit_to(Rect::new(0, 0, 80, 24));
    app
}

#[test]
fn the_tree_scrolls_only_when_the_selection_leaves_its_page() {
    let mut app = on_80x24();
    run(&mut app, &[Action::OpenAll]);
    run(&mut app, &[Action::Down; 7]);
    // NoSQL Databases, whose details (two links) no longer shrink the
    // tree: it is still on the first page.
    assert_eq!(app.tree().selected(), Some(Row::Item { topic: 1, item: 2 }));
    assert_eq!(app.tree().offset(), 0);
    run(&mut app, &[Action::Down; 3]);
    assert_eq!(app.tree().offset(), 1, "one row past the page");
}

#[test]
fn the_search_hits_scroll_only_when_the_chosen_one_leaves_their_page() {
    let mut app = on_80x24();
    run(&mut app, &[Action::Search]);
    typed(&mut app, "e");
    for _ in 0..7 {
        press(&mut app, KeyCode::Down);
    }
    let search = app.search().unwrap();
    assert_eq!(search.current(), 7, "NoSQL Databases");
    assert_eq!(search.offset(), 0);
    for _ in 0..3 {
        press(&mut app, KeyCode::Down);
    }
    assert_eq!(app.search().unwrap().offset(), 1);
}

#[test]
fn the_tree_follows_the_screen_size_under_the_progress_view_as_before() {
    let roadmap = crate::io::bundled::default().load().unwrap();
    let mut app = Runner::new(roadmap, Store::in_memory()).with_clock(|| 1_000);
    app.fit_to(Rect::new(0, 0, 50, 15));
    run(&mut app, &[Action::OpenAll]);
    run(&mut app, &[Action::Down; 10]);
    run(
        &mut app,
        &[
            Action::PageDown,
            Action::PageDown,
            Action::PageUp,
            Action::ProgressView,
        ],
    );
    // Resized while the view hides the tree: on the tall screen the whole
    // level fits, so the tree scrolls back to its top, as the app always
    // scrolled the tree for every frame, whatever covered it.
    app.fit_to(Rect::new(0, 0, 80, 40));
    app.fit_to(Rect::new(0, 0, 50, 12));
    run(&mut app, &[Action::Back]);
    assert_eq!(
        app.tree().selected(),
        Some(Row::Item { topic: 1, item: 1 }),
        "Relational Databases"
    );
    assert_eq!(app.tree().offset(), 0);
}

/// Two sessions end one after the other: the last one's view of its own
/// roadmap is written over the file as the first one left it, not over
/// what the file held when the last one started.
#[test]
fn the_view_is_written_over_the_file_as_it_is_when_the_app_ends() {
    use crate::format::view_state::ViewState;
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("view.json");
    let at_start = r#"{"version": 1, "roadmaps": [{"id": "other", "level": "old"}]}"#;
    let mut app = app().with_view_file(file.clone(), ViewState::parse(at_start), None);
    run(&mut app, &[Action::Level(1)]);
    // The other session ends, having left its roadmap elsewhere.
    let theirs =
        r#"{"version": 1, "last": "other", "roadmaps": [{"id": "other", "level": "new"}]}"#;
    std::fs::write(&file, theirs).unwrap();
    app.remember_view().unwrap();
    let state = view_file::load(&file);
    assert_eq!(state.last.as_deref(), Some("test"), "this one ended last");
    assert_eq!(
        state.of("test").and_then(|view| view.level.as_deref()),
        Some("advanced")
    );
    assert_eq!(
        state.of("other").and_then(|view| view.level.as_deref()),
        Some("new")
    );
}

#[test]
fn sync_without_a_remote_or_a_folder_says_why_and_runs_no_git() {
    let mut app = app();
    app.sync_now();
    assert_eq!(
        app.notices(),
        ["sync failed: progress is kept in memory only: there is nothing to sync"]
    );

    let dir = tempfile::tempdir().unwrap();
    let (folder, _) = state_in(dir.path());
    let roadmap = parse(YAML, "t.yaml", "test").unwrap();
    let mut app = Runner::new(roadmap, Store::open(&folder));
    app.update(Action::Sync);
    assert_eq!(app.take_request(), Some(Effect::Sync));
    app.sync_now();
    let notice = app.notices().join("\n");
    assert!(
        notice.starts_with("sync failed: no git remote to sync with yet: run `roadmap sync"),
        "{notice}"
    );
    assert!(!folder.with_extension("sync").exists(), "no clone was made");
}

#[test]
fn a_sync_waits_for_the_changes_to_be_saved_and_a_good_one_clears_old_failures() {
    let mut app = app();
    // A state path under a plain file can never be written.
    let blocker = tempfile::NamedTempFile::new().unwrap();
    app.store = Store::open(&blocker.path().join("progress"));
    run(
        &mut app,
        &[Action::Expand, Action::Down, Action::ToggleDone],
    );
    assert!(!app.session().unsaved().is_empty());
    app.sync_now();
    assert_eq!(
        app.notices().last().map(String::as_str),
        Some("sync failed: your last changes are not saved yet; sync once they are")
    );
    app.input(Input::Done(Outcome::Synced {
        result: Ok("Synced: up to date".to_owned()),
        arrived: Arrived::Nothing,
        notices: Vec::new(),
    }));
    assert!(
        !app.notices().iter().any(|n| n.starts_with("sync failed")),
        "{:?}",
        app.notices()
    );
    assert_eq!(app.flash(), Some("Synced: up to date"));
}
