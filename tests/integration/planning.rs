//! `roadmap next` (what to work on: the app's continue view, as text or
//! JSON) and `roadmap status --short` (one line for a shell prompt), on
//! progress made with `roadmap mark`; and that neither takes the lock or
//! writes a file, however often a prompt runs them.

use std::path::PathBuf;
use std::time::SystemTime;

use predicates::prelude::*;

use crate::support::{Home, roadmap, stdout};

fn mark(home: &Home, status: &str, items: &[&str]) {
    roadmap(home)
        .arg("mark")
        .args(items)
        .args(["--status", status])
        .assert()
        .success();
}

const RELATIONAL: &str = "beginner/database-management/relational-databases";
const FOUNDATIONS: &str = "beginner/general-knowledge-and-best-practices/foundational-concepts";
const STANDARDS: &str =
    "beginner/general-knowledge-and-best-practices/coding-standards-and-best-practices";
const COMMAND_LINE: &str =
    "beginner/general-knowledge-and-best-practices/command-line-and-scripting";

/// `backend` with one item in progress, one done and one skipped.
fn home_with_marks() -> Home {
    let home = Home::new();
    mark(&home, "in-progress", &[RELATIONAL]);
    mark(&home, "done", &[FOUNDATIONS]);
    mark(&home, "skipped", &[STANDARDS]);
    home
}

#[test]
fn next_lists_what_is_in_progress_then_pending_items_in_roadmap_order() {
    let home = home_with_marks();
    let text = stdout(roadmap(&home).args(["next", "-n", "3"]));
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(
        lines[0],
        "Backend Developer (backend): 1 in progress, 82 pending"
    );
    assert!(
        lines[2].starts_with("[/] Relational Databases · Beginner · in progress since 20"),
        "{text}"
    );
    assert_eq!(lines[3], format!("    {RELATIONAL}"));
    assert_eq!(lines[4], "[ ] Command Line and Scripting · Beginner");
    assert_eq!(
        lines[5],
        format!("    {COMMAND_LINE}"),
        "done and skipped left out"
    );
    assert_eq!(
        lines.last(),
        Some(&"80 more items: `roadmap next -n 0` lists them all.")
    );

    let text = stdout(roadmap(&home).arg("next"));
    assert_eq!(
        text.matches("\n    beginner/").count(),
        10,
        "ten by default"
    );
    let every = stdout(roadmap(&home).args(["next", "-n", "0"]));
    assert_eq!(every.matches("\n    ").count(), 83);
    assert!(!every.contains("more item"), "{every}");
    let other = stdout(roadmap(&home).args(["next", "backend-essentials", "-n", "1"]));
    assert!(other.starts_with("Backend Essentials (backend-essentials): 0 in progress"));
    roadmap(&home).args(["next", "-n", "-1"]).assert().code(2);
}

#[test]
fn next_json_is_the_documented_schema_with_its_own_version() {
    let home = home_with_marks();
    let text = stdout(roadmap(&home).args(["next", "--json", "-n", "2"]));
    let json: serde_json::Value = serde_json::from_str(&text).unwrap();
    assert_eq!(json["version"], 1);
    assert_eq!(json["roadmap"]["id"], "backend");
    assert_eq!(json["roadmap"]["title"], "Backend Developer");
    assert_eq!(
        (json["in_progress"].as_u64(), json["pending"].as_u64()),
        (Some(1), Some(82))
    );
    let items = json["items"].as_array().unwrap();
    assert_eq!(items.len(), 2);
    assert_eq!(items[0]["key"], RELATIONAL);
    assert_eq!(items[0]["title"], "Relational Databases");
    assert_eq!(items[0]["level"], "Beginner");
    assert_eq!(items[0]["topic"], "Database Management");
    assert_eq!(items[0]["status"], "in-progress");
    let since = items[0]["since"].as_str().unwrap();
    assert!(since.starts_with("20") && since.ends_with('Z'), "{since}");
    assert_eq!(items[1]["key"], COMMAND_LINE);
    assert_eq!(items[1]["status"], "pending");
    assert_eq!(items[1].get("since"), None);
}

/// A roadmap of one's own, with a title a terminal would act on.
fn write_tiny(home: &Home) -> PathBuf {
    let dir = home.path().join("config/roadmap/roadmaps");
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("tiny.yaml");
    std::fs::write(
        &path,
        "title: Tiny\nid: tiny\nlevels:\n  - title: \"L\\e[2J\"\n    id: l\n    topics:\n      \
         - {title: T, id: t, items: [{title: \"One\\e]8;;x\\a\", id: one}, {title: Two, id: two}]}\n",
    )
    .unwrap();
    path
}

#[test]
fn next_spells_titles_out_and_says_so_kindly_when_everything_is_done() {
    let home = Home::new();
    write_tiny(&home);
    let text = stdout(roadmap(&home).args(["next", "tiny"]));
    assert!(
        !text.contains('\u{1b}') && !text.contains('\u{7}'),
        "{text:?}"
    );
    assert!(
        text.contains("[ ] One\\x1b]8;;x\\x07 · L\\x1b[2J\n    l/t/one\n"),
        "{text}"
    );
    roadmap(&home)
        .args(["mark", "--roadmap", "tiny", "l/t/one", "--status", "done"])
        .assert()
        .success();
    roadmap(&home)
        .args([
            "mark",
            "--roadmap",
            "tiny",
            "l/t/two",
            "--status",
            "skipped",
        ])
        .assert()
        .success();
    assert_eq!(
        stdout(roadmap(&home).args(["next", "tiny"])),
        "Tiny (tiny): 0 in progress, 0 pending\n\n\
         Every item is done or skipped: nothing left to do. Well done!\n"
    );
    let json: serde_json::Value =
        serde_json::from_str(&stdout(roadmap(&home).args(["next", "tiny", "--json"]))).unwrap();
    assert_eq!(json["items"], serde_json::json!([]));
    assert_eq!(
        stdout(roadmap(&home).args(["status", "--short", "tiny"])),
        "tiny 50% · 1-day streak\n"
    );
}

#[test]
fn status_short_is_one_line_counted_as_status_counts() {
    let home = Home::new();
    assert_eq!(
        stdout(roadmap(&home).args(["status", "--short"])),
        "backend 0%\n"
    );
    mark(&home, "in-progress", &[RELATIONAL, COMMAND_LINE]);
    mark(&home, "done", &[FOUNDATIONS]);
    assert_eq!(
        stdout(roadmap(&home).args(["status", "--short"])),
        "backend 1% · 2 in progress · 1-day streak\n"
    );
    let json: serde_json::Value =
        serde_json::from_str(&stdout(roadmap(&home).args(["status", "--json"]))).unwrap();
    assert_eq!(json["totals"]["percent"], 1);
    assert_eq!(json["totals"]["in_progress"], 2);
    // The roadmap used last, as every command opens it; and another by id.
    let view = home.path().join("state/roadmap/view.json");
    std::fs::write(&view, r#"{"version": 1, "last": "backend-essentials"}"#).unwrap();
    assert_eq!(
        stdout(roadmap(&home).args(["status", "--short"])),
        "backend-essentials 0%\n"
    );
    assert_eq!(
        stdout(roadmap(&home).args(["status", "--short", "backend"])),
        "backend 1% · 2 in progress · 1-day streak\n"
    );
    // A file given by its path is read and checked, as `status` reads it.
    let path = write_tiny(&home);
    let text = stdout(roadmap(&home).args(["status", "--short"]).arg(&path));
    assert_eq!(text, "tiny 0%\n");
    roadmap(&home)
        .args(["status", "--short", "--json"])
        .assert()
        .code(2);
}

#[test]
fn status_short_has_colour_only_when_asked_for() {
    let home = home_with_marks();
    let plain = stdout(roadmap(&home).args(["status", "--short"]));
    assert!(!plain.contains('\u{1b}'), "{plain:?}");
    let auto = stdout(roadmap(&home).args(["status", "--short", "--color=auto"]));
    assert_eq!(auto, plain, "not a terminal: no colour");
    let never = stdout(roadmap(&home).args(["status", "--short", "--color=never"]));
    assert_eq!(never, plain);
    for command in [
        roadmap(&home).args(["status", "--short", "--color"]),
        roadmap(&home)
            .args(["status", "--short", "--color=always"])
            .env("NO_COLOR", "1"),
    ] {
        let coloured = stdout(command);
        assert!(coloured.contains("\u{1b}[32m1%\u{1b}[0m"), "{coloured:?}");
    }
    roadmap(&home)
        .args(["status", "--color"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("--short"));
}

/// Every file under the home with its bytes and when it was changed.
fn snapshot(home: &Home) -> Vec<(String, Vec<u8>, SystemTime)> {
    home.files()
        .into_iter()
        .map(|file| {
            let path = home.path().join(&file);
            let modified = std::fs::metadata(&path).unwrap().modified().unwrap();
            (file, std::fs::read(&path).unwrap(), modified)
        })
        .collect()
}

#[test]
fn a_prompt_that_asks_often_takes_no_lock_and_writes_no_file() {
    let fresh = Home::new();
    for args in [&["status", "--short"][..], &["next"], &["next", "--json"]] {
        roadmap(&fresh).args(args).assert().success();
    }
    assert_eq!(
        fresh.files(),
        Vec::<String>::new(),
        "a fresh home stays empty"
    );

    let home = home_with_marks();
    let lock = home.state_file().with_extension("jsonl.lock");
    std::fs::remove_file(&lock).expect("mark left its lock file");
    let before = snapshot(&home);
    for args in [
        &["status", "--short"][..],
        &["status", "--short", "backend-essentials"],
        &["next"],
        &["next", "--json"],
    ] {
        roadmap(&home).args(args).assert().success();
    }
    assert_eq!(
        snapshot(&home),
        before,
        "no file created, changed or removed"
    );
    assert!(!lock.exists(), "no lock taken");
}
