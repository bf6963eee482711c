//! The store against a real file system: durability, sharing, damage.

use super::*;
use crate::domain::progress::{Entry, Status};
use crate::format::progress_log;

const WHEN: u64 = 1_700_000_000;

fn done(keys: &[&str]) -> Changes {
    let entry = Entry {
        status: Status::Done,
        updated: WHEN,
    };
    keys.iter()
        .map(|key| (key.to_string(), Some(entry)))
        .collect()
}

fn cleared(keys: &[&str]) -> Changes {
    keys.iter().map(|key| (key.to_string(), None)).collect()
}

fn progress(keys: &[&str]) -> Progress {
    let mut progress = Progress::default();
    for key in keys {
        progress.set(key, Status::Done, WHEN);
    }
    progress
}

/// A directory that lives as long as the returned guard, and the path of a
/// state file in it (not created).
/// A progress folder `progress` whose device is `d1`, and that device's
/// log in it: the file most of these tests look at.
fn temp_state() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("device"), "d1\n").unwrap();
    let folder = dir.path().join("progress");
    fs::create_dir(&folder).unwrap();
    (dir, folder.join("d1.jsonl"))
}

/// The store of the folder holding the log `log`.
fn open(log: &Path) -> Store {
    Store::open(files::parent(log))
}

fn names(dir: &Path) -> Vec<String> {
    let mut names: Vec<_> = fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

fn backups(dir: &Path, marker: &str) -> Vec<PathBuf> {
    names(dir)
        .into_iter()
        .filter(|name| name.contains(marker))
        .map(|name| dir.join(name))
        .collect()
}

#[test]
fn missing_file_opens_empty_and_is_created_on_save() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("progress").join("nested/dir/progress.json");
    let mut store = open(&path);
    assert!(store.progress("backend").is_empty());
    assert!(!path.exists(), "opening writes nothing");
    store.commit("backend", &done(&["a/b/c"]), WHEN).unwrap();
    assert_eq!(store.progress("backend"), progress(&["a/b/c"]));
    assert_eq!(open(&path).progress("backend"), progress(&["a/b/c"]));
    assert_eq!(store.read_only(), None);
    assert!(store.take_notices().is_empty());
}

#[test]
fn each_save_appends_one_line_per_change_and_keeps_the_history() {
    let (_dir, path) = temp_state();
    let mut store = open(&path);
    store.commit("backend", &done(&["l/t/a"]), WHEN).unwrap();
    let after_first = fs::read(&path).unwrap();
    store
        .commit("backend", &cleared(&["l/t/a"]), WHEN + 60)
        .unwrap();
    store
        .commit("backend", &done(&["l/t/b"]), WHEN + 120)
        .unwrap();
    let bytes = fs::read(&path).unwrap();
    assert!(bytes.starts_with(&after_first), "appended, not rewritten");
    assert_eq!(bytes.iter().filter(|&&b| b == b'\n').count(), 4);
    let reopened = open(&path);
    let history: Vec<_> = reopened
        .history()
        .iter()
        .map(|r| (r.item.as_str(), r.status.unwrap_or_default(), r.at))
        .collect();
    assert_eq!(
        history,
        [
            ("l/t/a", Status::Done, WHEN),
            ("l/t/a", Status::Pending, WHEN + 60),
            ("l/t/b", Status::Done, WHEN + 120),
        ]
    );
    assert_eq!(reopened.progress("backend"), progress(&["l/t/b"]));
}

#[test]
fn two_sessions_on_one_file_lose_nothing_and_see_each_other() {
    let (_dir, path) = temp_state();
    let mut first = open(&path);
    let mut second = open(&path);
    first.commit("backend", &done(&["l/t/one"]), WHEN).unwrap();
    let incoming = second
        .commit("essentials", &done(&["l/t/x"]), WHEN)
        .unwrap();
    assert_eq!(
        incoming,
        Incoming::Reloaded,
        "the file was created meanwhile"
    );
    first
        .commit("backend", &done(&["l/t/one-more"]), WHEN)
        .unwrap();
    let incoming = second.commit("backend", &done(&["l/t/two"]), WHEN).unwrap();
    let Incoming::Changes(records) = incoming else {
        panic!("expected the first session's change, got {incoming:?}");
    };
    assert_eq!(records.len(), 1);
    assert_eq!(records[0].item, "l/t/one-more");
    assert_eq!(
        second.progress("backend"),
        progress(&["l/t/one", "l/t/one-more", "l/t/two"])
    );
    first
        .commit("backend", &cleared(&["l/t/one"]), WHEN)
        .unwrap();
    assert_eq!(
        first.progress("backend"),
        progress(&["l/t/one-more", "l/t/two"])
    );
    let reread = open(&path);
    assert_eq!(
        reread.progress("backend"),
        progress(&["l/t/one-more", "l/t/two"])
    );
    assert_eq!(reread.progress("essentials"), progress(&["l/t/x"]));
}

#[test]
fn refresh_takes_in_other_sessions_changes_without_a_save() {
    let (_dir, path) = temp_state();
    let mut watcher = open(&path);
    assert_eq!(watcher.refresh(), Incoming::Nothing);
    let mut writer = open(&path);
    writer.commit("backend", &done(&["l/t/a"]), WHEN).unwrap();
    assert_eq!(watcher.refresh(), Incoming::Reloaded, "the file appeared");
    assert_eq!(watcher.progress("backend"), progress(&["l/t/a"]));
    writer.commit("backend", &done(&["l/t/b"]), WHEN).unwrap();
    assert!(matches!(watcher.refresh(), Incoming::Changes(r) if r.len() == 1));
    assert_eq!(watcher.refresh(), Incoming::Nothing, "nothing new");
    assert_eq!(watcher.progress("backend"), progress(&["l/t/a", "l/t/b"]));
    assert_eq!(watcher.history().len(), 2);
}

#[test]
fn a_file_replaced_from_outside_is_read_afresh() {
    let (dir, path) = temp_state();
    let mut store = open(&path);
    store.commit("backend", &done(&["l/t/a"]), WHEN).unwrap();
    let mut other = Store::open(&dir.path().join("other"));
    other.commit("backend", &done(&["x/y/z"]), WHEN).unwrap();
    fs::rename(dir.path().join("other").join("d1.jsonl"), &path).unwrap();
    assert_eq!(store.refresh(), Incoming::Reloaded);
    assert_eq!(store.progress("backend"), progress(&["x/y/z"]));
}

#[test]
fn a_torn_last_line_is_dropped_with_a_notice_and_cut_off_at_the_next_save() {
    let (dir, path) = temp_state();
    open(&path)
        .commit("backend", &done(&["l/t/a"]), WHEN)
        .unwrap();
    let mut bytes = fs::read(&path).unwrap();
    bytes.extend_from_slice(br#"{"at":1,"roadmap":"backend","item":"l/t/"#);
    fs::write(&path, &bytes).unwrap();

    let mut store = open(&path);
    assert_eq!(store.progress("backend"), progress(&["l/t/a"]));
    let notices = store.take_notices();
    assert_eq!(notices.len(), 1);
    assert!(notices[0].contains("cut short"), "{notices:?}");
    assert_eq!(store.read_only(), None, "a torn line is not damage");
    assert_eq!(fs::read(&path).unwrap(), bytes, "opening changes nothing");
    assert!(backups(&dir.path().join("progress"), "damaged").is_empty());
    let cuts = backups(&dir.path().join("progress"), ".cut-");
    assert_eq!(cuts.len(), 1, "{:?}", names(&dir.path().join("progress")));
    assert_eq!(
        fs::read(&cuts[0]).unwrap(),
        br#"{"at":1,"roadmap":"backend","item":"l/t/"#
    );
    assert!(
        notices[0].contains(&cuts[0].display().to_string()),
        "{notices:?}"
    );

    store.commit("backend", &done(&["l/t/b"]), WHEN).unwrap();
    let reopened = open(&path);
    assert_eq!(reopened.progress("backend"), progress(&["l/t/a", "l/t/b"]));
    assert!(
        open(&path).take_notices().is_empty(),
        "the torn line is gone"
    );
}

#[test]
fn a_last_line_without_its_newline_is_kept_and_finished() {
    let (_dir, path) = temp_state();
    open(&path)
        .commit("backend", &done(&["l/t/a"]), WHEN)
        .unwrap();
    let mut bytes = fs::read(&path).unwrap();
    bytes.pop();
    fs::write(&path, &bytes).unwrap();
    let mut store = open(&path);
    assert!(store.take_notices().is_empty());
    store.commit("backend", &done(&["l/t/b"]), WHEN).unwrap();
    let reopened = open(&path);
    assert_eq!(reopened.progress("backend"), progress(&["l/t/a", "l/t/b"]));
}

#[test]
fn damage_in_the_middle_is_backed_up_byte_for_byte_and_the_rest_recovered() {
    let (dir, path) = temp_state();
    let mut store = open(&path);
    store.commit("backend", &done(&["l/t/a"]), WHEN).unwrap();
    let mut damaged = fs::read(&path).unwrap();
    damaged.extend_from_slice(b"\x00\xffnot json\n");
    damaged.extend(progress_log::encode(&[Record::new(
        "backend",
        "l/t/b",
        Some(Entry {
            status: Status::Skipped,
            updated: WHEN,
        }),
        WHEN,
    )]));
    fs::write(&path, &damaged).unwrap();

    let mut store = open(&path);
    let notices = store.take_notices();
    assert!(
        notices[0].contains("1 unreadable line (line 3)"),
        "{notices:?}"
    );
    assert!(
        notices[0].contains("2 changes were recovered"),
        "{notices:?}"
    );
    let copies = backups(&dir.path().join("progress"), ".damaged-");
    assert_eq!(copies.len(), 1);
    assert_eq!(fs::read(&copies[0]).unwrap(), damaged, "byte for byte");
    assert!(notices[0].contains(&copies[0].display().to_string()));
    assert_eq!(store.progress("backend").status("l/t/b"), Status::Skipped);
    assert_eq!(store.read_only(), None);

    // Opening again before any save finds the same damage: no second copy.
    open(&path);
    assert_eq!(backups(&dir.path().join("progress"), ".damaged-").len(), 1);

    store.commit("backend", &done(&["l/t/c"]), WHEN).unwrap();
    let mut reopened = open(&path);
    assert!(
        reopened.take_notices().is_empty(),
        "the file is whole again"
    );
    assert_eq!(reopened.progress("backend").len(), 3);
    assert_eq!(fs::read(&copies[0]).unwrap(), damaged, "still intact");
}

#[test]
fn garbage_is_kept_and_the_store_is_read_only() {
    let (dir, path) = temp_state();
    let garbage = b"{\"version\": 1, \"roadmaps\": {\"backend\": tru";
    fs::write(&path, garbage).unwrap();
    let mut store = open(&path);
    let notices = store.take_notices();
    assert!(
        notices[0].contains("no progress could be recovered"),
        "{notices:?}"
    );
    let reason = store.read_only().unwrap().to_owned();
    let err = store
        .commit("backend", &done(&["a/b/c"]), WHEN)
        .unwrap_err();
    assert!(format!("{err:#}").contains(&reason), "{err:#}");
    assert_eq!(fs::read(&path).unwrap(), garbage, "never overwritten");
    let copies = backups(&dir.path().join("progress"), ".damaged-");
    assert_eq!(fs::read(&copies[0]).unwrap(), garbage);
}

#[test]
fn a_file_damaged_while_open_is_backed_up_before_the_next_save() {
    let (dir, path) = temp_state();
    let mut store = open(&path);
    store.commit("backend", &done(&["l/t/a"]), WHEN).unwrap();
    let mut bytes = fs::read(&path).unwrap();
    bytes.extend_from_slice(b"written by something else\n");
    fs::write(&path, &bytes).unwrap();
    store.commit("backend", &done(&["l/t/b"]), WHEN).unwrap();
    let copies = backups(&dir.path().join("progress"), ".damaged-");
    assert_eq!(fs::read(&copies[0]).unwrap(), bytes);
    assert!(!store.take_notices().is_empty());
    assert_eq!(
        open(&path).progress("backend"),
        progress(&["l/t/a", "l/t/b"])
    );
}

#[test]
fn newer_format_is_read_only_and_left_alone() {
    let (dir, path) = temp_state();
    let newer = "{\"format\":\"roadmap-progress\",\"version\":4}\n{\"new\":1}\n";
    fs::write(&path, newer).unwrap();
    let mut store = open(&path);
    assert!(
        store
            .read_only()
            .unwrap()
            .contains("newer roadmap (format 4"),
        "{:?}",
        store.read_only()
    );
    assert!(store.take_notices()[0].contains("upgrade roadmap"));
    assert!(store.commit("backend", &done(&["a/b/c"]), WHEN).is_err());
    assert_eq!(fs::read_to_string(&path).unwrap(), newer);
    assert_eq!(
        names(&dir.path().join("progress")),
        ["d1.jsonl", "d1.jsonl.lock"]
    );
}

#[test]
fn version_1_is_kept_as_a_backup_and_rewritten_at_the_first_save() {
    let (dir, path) = temp_state();
    let v1 = r#"{"version": 1, "roadmaps": {"backend": {"l/t/a": {"status": "done", "updated": 1700000000}}}}"#;
    fs::write(&path, v1).unwrap();
    let mut store = open(&path);
    assert_eq!(store.progress("backend"), progress(&["l/t/a"]));
    assert!(store.take_notices().is_empty());
    assert_eq!(fs::read_to_string(&path).unwrap(), v1, "not before a save");
    store.commit("backend", &done(&["l/t/b"]), WHEN).unwrap();
    assert_eq!(
        fs::read_to_string(dir.path().join("progress").join("d1.jsonl.v1.bak")).unwrap(),
        v1
    );
    let text = fs::read_to_string(&path).unwrap();
    assert!(text.starts_with(r#"{"format":"roadmap-progress","version":3,"device":"d1"}"#));
    let reopened = open(&path);
    assert_eq!(reopened.progress("backend"), progress(&["l/t/a", "l/t/b"]));
    assert_eq!(reopened.history().len(), 2);
}

#[test]
fn clearing_every_item_drops_the_roadmap() {
    let mut store = Store::in_memory();
    store.commit("backend", &done(&["a/b/c"]), WHEN).unwrap();
    store.commit("backend", &cleared(&["a/b/c"]), WHEN).unwrap();
    assert!(store.progress("backend").is_empty());
    assert!(store.merged.clone().into_state().is_empty());
    assert_eq!(store.history().len(), 2);
}

#[test]
fn unwritable_location_is_an_error_not_a_panic() {
    let dir = tempfile::tempdir().unwrap();
    let blocker = dir.path().join("not-a-dir");
    fs::write(&blocker, "").unwrap();
    let mut store = Store::open(&blocker.join("progress"));
    let err = store
        .commit("backend", &done(&["a/b/c"]), WHEN)
        .unwrap_err();
    assert!(
        format!("{err:#}").contains("cannot save progress"),
        "{err:#}"
    );
    assert!(store.progress("backend").is_empty(), "nothing was applied");
}

#[cfg(unix)]
#[test]
fn a_symlinked_progress_folder_stays_a_symlink() {
    let dir = tempfile::tempdir().unwrap();
    let target = dir.path().join("real");
    let link = dir.path().join("progress");
    std::os::unix::fs::symlink(&target, &link).unwrap();
    let mut store = Store::open(&link);
    store.commit("backend", &done(&["a/b/c"]), WHEN).unwrap();
    store.commit("backend", &done(&["a/b/d"]), WHEN).unwrap();
    assert!(
        fs::symlink_metadata(&link)
            .unwrap()
            .file_type()
            .is_symlink()
    );
    assert_eq!(
        Store::open(&target).progress("backend"),
        progress(&["a/b/c", "a/b/d"])
    );
}

#[cfg(unix)]
#[test]
fn the_file_is_private_to_its_owner() {
    use std::os::unix::fs::PermissionsExt;
    let (_dir, path) = temp_state();
    open(&path)
        .commit("backend", &done(&["a/b/c"]), WHEN)
        .unwrap();
    let mode = fs::metadata(&path).unwrap().permissions().mode();
    assert_eq!(mode & 0o777, 0o600);
}

#[test]
fn in_memory_store_never_touches_disk() {
    let mut store = Store::in_memory();
    store.commit("backend", &done(&["a/b/c"]), WHEN).unwrap();
    assert_eq!(store.path(), None);
    assert_eq!(store.progress("backend"), progress(&["a/b/c"]));
}

#[test]
fn a_log_that_is_not_a_regular_file_is_never_read_or_written() {
    let (_dir, path) = temp_state();
    fs::create_dir(&path).unwrap();
    let mut store = open(&path);
    assert!(store.read_only().unwrap().contains("not a regular file"));
    assert!(store.commit("backend", &done(&["a/b/c"]), WHEN).is_err());
    #[cfg(unix)]
    {
        // Reading /dev/zero would never end.
        let store = Store::open(Path::new("/dev/zero"));
        assert!(store.read_only().is_some());
    }
}

#[test]
fn a_torn_tail_replaced_by_another_writer_is_not_cut_off_again() {
    let (_dir, path) = temp_state();
    open(&path)
        .commit("backend", &done(&["l/t/a"]), WHEN)
        .unwrap();
    // A torn tail exactly as long as the line the other writer will add,
    // so the file's length alone cannot tell that anything happened.
    let their_line =
        progress_log::encode(&[
            Record::new("backend", "l/t/theirs", done(&["x"])["x"], WHEN).stamped(
                "d1",
                2,
                progress_log::Clock(WHEN * 1000, 1),
            ),
        ]);
    let mut bytes = fs::read(&path).unwrap();
    bytes.extend(std::iter::repeat_n(b'x', their_line.len()));
    fs::write(&path, &bytes).unwrap();

    let mut mine = open(&path);
    let mut theirs = open(&path);
    mine.take_notices();
    theirs
        .commit("backend", &done(&["l/t/theirs"]), WHEN)
        .unwrap();
    assert_eq!(fs::metadata(&path).unwrap().len(), bytes.len() as u64);
    mine.commit("backend", &done(&["l/t/mine"]), WHEN).unwrap();
    assert_eq!(
        open(&path).progress("backend"),
        progress(&["l/t/a", "l/t/mine", "l/t/theirs"])
    );
}

#[test]
fn a_file_rewritten_in_place_is_read_afresh() {
    let (_dir, path) = temp_state();
    let mut store = open(&path);
    store.commit("backend", &done(&["l/t/a"]), WHEN).unwrap();
    let mut other = progress_log::header("d1");
    other.extend(progress_log::encode(&[Record::new(
        "backend",
        "l/t/a-longer-key-than-before",
        done(&["x"])["x"],
        WHEN,
    )]));
    // Same file, new content: what a `cat other > progress.json` does.
    fs::OpenOptions::new()
        .write(true)
        .truncate(true)
        .open(&path)
        .unwrap()
        .write_all(&other)
        .unwrap();
    assert_eq!(store.refresh(), Incoming::Reloaded);
    assert_eq!(
        store.progress("backend"),
        progress(&["l/t/a-longer-key-than-before"])
    );
}

#[test]
fn a_file_removed_while_open_is_written_back_whole() {
    let (_dir, path) = temp_state();
    let mut store = open(&path);
    store.commit("backend", &done(&["l/t/a"]), WHEN).unwrap();
    fs::remove_file(&path).unwrap();
    assert_eq!(store.refresh(), Incoming::Nothing);
    assert!(store.take_notices()[0].contains("was removed by something else"));
    assert_eq!(
        store.progress("backend"),
        progress(&["l/t/a"]),
        "still shown"
    );
    store.commit("backend", &done(&["l/t/b"]), WHEN).unwrap();
    let reopened = open(&path);
    assert_eq!(reopened.progress("backend"), progress(&["l/t/a", "l/t/b"]));
    assert_eq!(reopened.history().len(), 2);
}

#[test]
fn an_empty_file_appended_to_from_outside_still_gets_its_header() {
    let (_dir, path) = temp_state();
    fs::write(&path, "").unwrap();
    let mut store = open(&path);
    let mut outside = fs::OpenOptions::new().append(true).open(&path).unwrap();
    outside
        .write_all(&progress_log::encode(&[Record::new(
            "backend",
            "l/t/a",
            done(&["x"])["x"],
            WHEN,
        )]))
        .unwrap();
    store.commit("backend", &done(&["l/t/b"]), WHEN).unwrap();
    let mut reopened = open(&path);
    assert!(reopened.take_notices().is_empty());
    assert_eq!(reopened.progress("backend"), progress(&["l/t/a", "l/t/b"]));
}

#[cfg(unix)]
#[test]
fn a_link_and_its_target_are_one_folder_with_one_lock() {
    let dir = tempfile::tempdir().unwrap();
    let target = dir.path().join("real");
    fs::create_dir(&target).unwrap();
    let link = dir.path().join("progress");
    std::os::unix::fs::symlink(&target, &link).unwrap();
    let mut by_link = Store::open(&link);
    let mut by_target = Store::open(&target);
    assert_eq!(by_link.path(), by_target.path());
    by_link.commit("backend", &done(&["l/t/a"]), WHEN).unwrap();
    by_target
        .commit("backend", &done(&["l/t/b"]), WHEN)
        .unwrap();
    by_link.commit("backend", &done(&["l/t/c"]), WHEN).unwrap();
    assert_eq!(
        Store::open(&link).progress("backend"),
        progress(&["l/t/a", "l/t/b", "l/t/c"])
    );
    // Both found one device id, and so one log and one lock.
    let id = fs::read_to_string(dir.path().join("device")).unwrap();
    let lock = target.join(format!("{}.jsonl.lock", id.trim()));
    assert!(lock.exists(), "{:?}", names(&target));
}

#[test]
fn a_note_is_saved_durably_and_keeps_the_status_another_session_set_meanwhile() {
    let (_dir, path) = temp_state();
    let mut mine = open(&path);
    let mut theirs = open(&path);
    theirs.commit("backend", &done(&["l/t/a"]), WHEN).unwrap();
    // This session has not seen the tick: the note must not undo it.
    let incoming = mine
        .commit_note("backend", "l/t/a", "", "see chapter 2", WHEN + 5)
        .unwrap();
    assert_ne!(incoming, Incoming::Nothing, "the tick is read first");
    let reopened = open(&path).progress("backend");
    assert_eq!(reopened.note("l/t/a"), Some("see chapter 2"));
    let entry = reopened.entry("l/t/a").unwrap();
    assert_eq!((entry.status, entry.updated), (Status::Done, WHEN));
    theirs.refresh();
    assert_eq!(
        theirs.progress("backend").note("l/t/a"),
        Some("see chapter 2"),
        "the other session learns of it"
    );
    mine.commit_note("backend", "l/t/a", "see chapter 2", "", WHEN + 6)
        .unwrap();
    assert_eq!(open(&path).progress("backend").note("l/t/a"), None);
}

#[test]
fn a_note_another_session_saved_meanwhile_is_never_overwritten() {
    let (_dir, path) = temp_state();
    let mut mine = open(&path);
    let mut theirs = open(&path);
    theirs
        .commit_note("backend", "l/t/a", "", "theirs", WHEN)
        .unwrap();
    // Mine started editing from the empty note it knew.
    let err = mine
        .commit_note("backend", "l/t/a", "", "mine", WHEN + 1)
        .unwrap_err();
    assert!(
        err.to_string().contains("changed in another window"),
        "{err}"
    );
    assert_eq!(
        open(&path).progress("backend").note("l/t/a"),
        Some("theirs")
    );
    assert_ne!(
        mine.refresh(),
        Incoming::Nothing,
        "what was read is reported"
    );
    assert_eq!(mine.progress("backend").note("l/t/a"), Some("theirs"));
}

#[test]
fn a_note_on_a_read_only_store_is_refused() {
    let (_dir, path) = temp_state();
    fs::write(&path, "{\"format\":\"roadmap-progress\",\"version\":9}\n").unwrap();
    let mut store = open(&path);
    let err = store
        .commit_note("backend", "l/t/a", "", "x", WHEN)
        .unwrap_err();
    assert!(format!("{err:#}").contains("newer roadmap"), "{err:#}");
    assert_eq!(store.progress("backend").note("l/t/a"), None);
}

#[test]
fn a_hand_edit_that_lost_its_last_newline_is_copied_before_it_is_cut() {
    let (dir, path) = temp_state();
    let mut store = open(&path);
    store.commit("backend", &done(&["l/t/a"]), WHEN).unwrap();
    drop(store);
    let mut bytes = fs::read(&path).unwrap();
    // A trailing comma typed by hand, and no newline after it.
    let edit = br#"{"at":1700000000,"roadmap":"backend","item":"l/t/b","status":"done",}"#;
    bytes.extend_from_slice(edit);
    fs::write(&path, &bytes).unwrap();

    let mut store = open(&path);
    let notices = store.take_notices();
    let cuts = backups(&dir.path().join("progress"), ".cut-");
    assert_eq!(cuts.len(), 1, "{:?}", names(&dir.path().join("progress")));
    assert_eq!(fs::read(&cuts[0]).unwrap(), edit, "byte for byte");
    assert!(
        notices[0].contains(&cuts[0].display().to_string()),
        "{notices:?}"
    );
    store.commit("backend", &done(&["l/t/c"]), WHEN).unwrap();
    assert_eq!(
        backups(&dir.path().join("progress"), ".cut-").len(),
        1,
        "the same copy, once"
    );
    assert_eq!(fs::read(&cuts[0]).unwrap(), edit, "still whole");
    assert_eq!(
        open(&path).progress("backend"),
        progress(&["l/t/a", "l/t/c"])
    );
}

#[test]
fn a_torn_line_that_appears_while_open_is_copied_before_the_cut() {
    let (dir, path) = temp_state();
    let mut store = open(&path);
    store.commit("backend", &done(&["l/t/a"]), WHEN).unwrap();
    // Another process dies half way through its line.
    let torn = br#"{"at":1,"roadmap":"backend","it"#;
    let mut out = OpenOptions::new().append(true).open(&path).unwrap();
    out.write_all(torn).unwrap();
    drop(out);
    store.commit("backend", &done(&["l/t/b"]), WHEN).unwrap();
    let cuts = backups(&dir.path().join("progress"), ".cut-");
    assert_eq!(cuts.len(), 1, "{:?}", names(&dir.path().join("progress")));
    assert_eq!(fs::read(&cuts[0]).unwrap(), torn);
    assert_eq!(
        open(&path).progress("backend"),
        progress(&["l/t/a", "l/t/b"])
    );
}

/// Every file in `dir` but the state file and its lock, with its size.
fn extras(dir: &Path) -> Vec<(String, u64)> {
    names(dir)
        .into_iter()
        .filter(|name| name != "d1.jsonl" && name != "d1.jsonl.lock")
        .map(|name| {
            let len = fs::metadata(dir.join(&name)).unwrap().len();
            (name, len)
        })
        .collect()
}

#[test]
fn on_a_full_disk_a_damaged_file_is_left_alone_with_no_half_copy() {
    let (dir, path) = temp_state();
    let mut damaged = progress_log::header("d1");
    damaged.extend(progress_log::encode(&[Record::new(
        "backend",
        "l/t/a",
        Some(Entry {
            status: Status::Done,
            updated: WHEN,
        }),
        WHEN,
    )]));
    damaged.extend_from_slice(b"not json\n");
    damaged.extend(std::iter::repeat_n(b'x', 20_000));
    damaged.push(b'\n');
    fs::write(&path, &damaged).unwrap();

    disk::fill_after(Some(8192));
    let mut store = open(&path);
    disk::fill_after(None);
    assert!(store.read_only().is_some(), "no copy, so no repair");
    assert!(
        store.take_notices()[0].contains("could not be copied aside"),
        "says why"
    );
    assert_eq!(
        extras(&dir.path().join("progress")),
        [],
        "no half copy, no temporary"
    );
    assert!(store.commit("backend", &done(&["l/t/b"]), WHEN).is_err());
    assert_eq!(fs::read(&path).unwrap(), damaged, "the original stays");

    // With room again, the next start makes the whole copy and repairs.
    let mut store = open(&path);
    let copies = backups(&dir.path().join("progress"), ".damaged-");
    assert_eq!(fs::read(&copies[0]).unwrap(), damaged);
    store.commit("backend", &done(&["l/t/b"]), WHEN).unwrap();
}

#[test]
fn on_a_full_disk_a_version_1_file_is_not_converted_and_no_empty_backup_is_left() {
    let (dir, path) = temp_state();
    let v1 = r#"{"version": 1, "roadmaps": {"backend": {"l/t/a": {"status": "done", "updated": 1700000000}}}}"#;
    fs::write(&path, v1).unwrap();
    let mut store = open(&path);
    for room in [0, 10, v1.len() + 5] {
        disk::fill_after(Some(room));
        let err = store
            .commit("backend", &done(&["l/t/b"]), WHEN)
            .unwrap_err();
        disk::fill_after(None);
        assert!(format!("{err:#}").contains("No space left"), "{err:#}");
        assert_eq!(fs::read_to_string(&path).unwrap(), v1, "room {room}");
        let left = extras(&dir.path().join("progress"));
        // The backup (written first) may exist, but only whole.
        assert!(
            left.is_empty() || left == [("d1.jsonl.v1.bak".to_owned(), v1.len() as u64)],
            "room {room}: {left:?}"
        );
    }
    store.commit("backend", &done(&["l/t/b"]), WHEN).unwrap();
    assert_eq!(
        fs::read_to_string(dir.path().join("progress").join("d1.jsonl.v1.bak")).unwrap(),
        v1
    );
    assert_eq!(
        open(&path).progress("backend"),
        progress(&["l/t/a", "l/t/b"])
    );
}

#[test]
fn on_a_full_disk_a_torn_line_is_not_cut_without_its_copy() {
    let (dir, path) = temp_state();
    open(&path)
        .commit("backend", &done(&["l/t/a"]), WHEN)
        .unwrap();
    let mut bytes = fs::read(&path).unwrap();
    bytes.extend_from_slice(br#"{"at":1,"roadmap":"backend","item":"l/t/"#);
    fs::write(&path, &bytes).unwrap();
    disk::fill_after(Some(0));
    let mut store = open(&path);
    assert!(
        store.take_notices()[0].contains("could not be copied aside yet"),
        "says so"
    );
    assert!(store.commit("backend", &done(&["l/t/b"]), WHEN).is_err());
    disk::fill_after(None);
    assert_eq!(fs::read(&path).unwrap(), bytes, "nothing cut");
    assert_eq!(extras(&dir.path().join("progress")), []);
    store.commit("backend", &done(&["l/t/b"]), WHEN).unwrap();
    assert_eq!(backups(&dir.path().join("progress"), ".cut-").len(), 1);
}

#[test]
fn a_failed_append_on_a_full_disk_leaves_the_file_as_it_was() {
    let (_dir, path) = temp_state();
    let mut store = open(&path);
    store.commit("backend", &done(&["l/t/a"]), WHEN).unwrap();
    let before = fs::read(&path).unwrap();
    disk::fill_after(Some(7));
    assert!(store.commit("backend", &done(&["l/t/b"]), WHEN).is_err());
    disk::fill_after(None);
    assert_eq!(fs::read(&path).unwrap(), before, "no half line");
    store.commit("backend", &done(&["l/t/b"]), WHEN).unwrap();
    assert_eq!(
        open(&path).progress("backend"),
        progress(&["l/t/a", "l/t/b"])
    );
}

/// Holds the lock beside `path` as another process would, until dropped.
fn hold_lock(path: &Path) -> File {
    let lock = OpenOptions::new()
        .create(true)
        .truncate(false)
        .write(true)
        .open(files::lock(path))
        .unwrap();
    lock.lock().unwrap();
    lock
}

#[test]
fn leftover_temporaries_are_removed_only_when_nobody_holds_the_lock() {
    let (dir, path) = temp_state();
    open(&path)
        .commit("backend", &done(&["l/t/a"]), WHEN)
        .unwrap();
    let ours = dir.path().join("progress").join(".d1.jsonl.Ab12Cd.tmp");
    let theirs = dir.path().join("progress").join(".other.json.Ab12Cd.tmp");
    let legacy_fresh = dir.path().join("progress").join(".roadmap-state-new.tmp");
    let legacy_old = dir.path().join("progress").join(".roadmap-state-old.tmp");
    for file in [&ours, &theirs, &legacy_fresh, &legacy_old] {
        fs::write(file, vec![b'x'; 4096]).unwrap();
    }
    let long_ago = SystemTime::now() - std::time::Duration::from_secs(3600);
    File::options()
        .write(true)
        .open(&legacy_old)
        .unwrap()
        .set_modified(long_ago)
        .unwrap();

    let held = hold_lock(&path);
    let store = open(&path);
    assert_eq!(
        store.progress("backend"),
        progress(&["l/t/a"]),
        "read all the same"
    );
    assert!(ours.exists(), "someone may be writing it");
    drop(held);

    open(&path);
    assert!(!ours.exists(), "a leftover of this state file");
    assert!(!legacy_old.exists(), "an old leftover of an older build");
    assert!(theirs.exists(), "another state file's");
    assert!(legacy_fresh.exists(), "may be in use by an older build");
}

#[test]
fn a_held_lock_never_blocks_a_reader_and_fails_a_save_at_once() {
    let (_dir, path) = temp_state();
    let mut store = open(&path);
    store.commit("backend", &done(&["l/t/a"]), WHEN).unwrap();
    let before = fs::read(&path).unwrap();

    let held = hold_lock(&path);
    let mut other = open(&path);
    assert_eq!(other.progress("backend"), progress(&["l/t/a"]));
    let err = store
        .commit("backend", &done(&["l/t/b"]), WHEN)
        .unwrap_err();
    let busy = err.downcast_ref::<Busy>().expect("a Busy error");
    assert_eq!(busy.lock, files::lock(&path));
    assert!(format!("{err:#}").contains("d1.jsonl.lock"), "{err:#}");
    assert_eq!(fs::read(&path).unwrap(), before, "nothing written");
    assert_eq!(other.refresh(), Incoming::Nothing);
    drop(held);

    store.commit("backend", &done(&["l/t/b"]), WHEN).unwrap();
    assert!(matches!(other.refresh(), Incoming::Changes(_)));
    assert_eq!(other.progress("backend"), progress(&["l/t/a", "l/t/b"]));
}

#[test]
fn a_partial_line_read_without_the_lock_is_a_save_in_flight_not_a_crash() {
    let (dir, path) = temp_state();
    open(&path)
        .commit("backend", &done(&["l/t/a"]), WHEN)
        .unwrap();
    let held = hold_lock(&path);
    let mut out = OpenOptions::new().append(true).open(&path).unwrap();
    let line = progress_log::encode(
        &done(&["l/t/b"])
            .iter()
            .map(|(k, e)| Record::new("backend", k, *e, WHEN))
            .collect::<Vec<_>>(),
    );
    out.write_all(&line[..10]).unwrap();
    let mut store = open(&path);
    assert!(store.take_notices().is_empty(), "not announced as a crash");
    assert!(
        backups(&dir.path().join("progress"), ".cut-").is_empty(),
        "nor copied"
    );
    out.write_all(&line[10..]).unwrap();
    drop(held);
    assert!(matches!(store.refresh(), Incoming::Changes(_)));
    assert_eq!(store.progress("backend"), progress(&["l/t/a", "l/t/b"]));
}

/// Every file under `dir`, relative, with its bytes.
fn tree(dir: &Path) -> Vec<(PathBuf, Vec<u8>)> {
    let mut files = Vec::new();
    let mut todo = vec![dir.to_owned()];
    while let Some(at) = todo.pop() {
        for entry in fs::read_dir(&at).unwrap().flatten() {
            let path = entry.path();
            if path.is_dir() {
                todo.push(path);
            } else {
                let bytes = fs::read(&path).unwrap();
                files.push((path.strip_prefix(dir).unwrap().to_owned(), bytes));
            }
        }
    }
    files.sort();
    files
}

#[test]
fn reading_only_takes_no_lock_makes_no_copy_and_saves_nothing() {
    let (dir, path) = temp_state();
    open(&path)
        .commit("backend", &done(&["l/t/a"]), WHEN)
        .unwrap();
    let mut damaged = fs::read(&path).unwrap();
    damaged.extend_from_slice(b"not json\n");
    damaged.extend(progress_log::encode(&[Record::new(
        "backend",
        "l/t/b",
        Some(Entry {
            status: Status::Done,
            updated: WHEN,
        }),
        WHEN,
    )]));
    damaged.extend_from_slice(b"{\"half\":");
    fs::write(&path, &damaged).unwrap();
    fs::remove_file(files::lock(&path)).unwrap();
    let leftover = dir.path().join("progress").join(".d1.jsonl.Ab12Cd.tmp");
    fs::write(&leftover, "x").unwrap();
    let before = tree(dir.path());

    let mut store = Store::read_at(Place::beside(files::parent(&path)));
    assert_eq!(store.progress("backend"), progress(&["l/t/a", "l/t/b"]));
    let notices = store.take_notices();
    assert!(notices[0].contains("1 unreadable line"), "{notices:?}");
    assert!(notices[0].contains("2 changes were read"), "{notices:?}");
    let err = store
        .commit("backend", &done(&["l/t/c"]), WHEN)
        .unwrap_err();
    assert!(format!("{err:#}").contains(ONLY_READ), "{err:#}");
    assert_eq!(store.refresh(), Incoming::Nothing);
    assert_eq!(tree(dir.path()), before, "no lock, copy, cut or removal");

    // Nor does it wait for a lock another process holds.
    let _held = hold_lock(&path);
    let store = Store::read_at(Place::beside(files::parent(&path)));
    assert_eq!(store.progress("backend").len(), 2);
}

#[test]
fn reading_only_converts_no_older_file_and_creates_no_folder() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("device"), "d1\n").unwrap();
    let folder = dir.path().join("progress");
    let v1 = r#"{"version": 1, "roadmaps": {"backend": {"l/t/a": {"status": "done", "updated": 1700000000}}}}"#;
    fs::write(&folder, v1).unwrap();
    let before = tree(dir.path());
    let store = Store::read_at(Place::beside(&folder));
    assert_eq!(store.progress("backend"), progress(&["l/t/a"]));
    assert_eq!(tree(dir.path()), before);

    let fresh = tempfile::tempdir().unwrap();
    let store = Store::read_at(Place::beside(&fresh.path().join("progress")));
    assert!(store.progress("backend").is_empty());
    assert_eq!(tree(fresh.path()), [], "not even a device id");
}

/// A disk that fills up: the next `room` bytes the store writes on this
/// thread go out, then writes fail as on a full disk. Tests run on
/// threads of their own, so one test's disk never fills another's.
pub(super) mod disk {
    use std::cell::Cell;
    use std::io;

    thread_local! {
        static ROOM: Cell<Option<usize>> = const { Cell::new(None) };
    }

    /// From now on, `room` more bytes fit; `None`: the disk never fills.
    pub fn fill_after(room: Option<usize>) {
        ROOM.with(|cell| cell.set(room));
    }

    /// What of `bytes` fits: all of it, or (on a full disk) the bytes that
    /// fit are written to `file` and the write fails as `write(2)` does.
    pub fn take<'a>(bytes: &'a [u8], file: &mut std::fs::File) -> io::Result<&'a [u8]> {
        let Some(room) = ROOM.with(Cell::get) else {
            return Ok(bytes);
        };
        if bytes.len() <= room {
            ROOM.with(|cell| cell.set(Some(room - bytes.len())));
            return Ok(bytes);
        }
        io::Write::write_all(file, &bytes[..room])?;
        ROOM.with(|cell| cell.set(Some(0)));
        Err(io::Error::new(
            io::ErrorKind::StorageFull,
            "No space left on device (a full disk made by the test)",
        ))
    }
}
