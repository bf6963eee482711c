//! Progress on several machines without `roadmap sync`: one log per
//! device in the progress folder, merged on read, whatever a sync folder
//! copies about (stray conflict copies included), an older single file
//! converted with a byte-exact backup, and a home folder copied to a
//! second machine noticed and untangled.

use std::path::Path;

use assert_cmd::Command;

use crate::support::{Home, roadmap};

fn run_ok(command: &mut Command) -> (String, String) {
    let output = command.output().unwrap();
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    (
        String::from_utf8(output.stdout).unwrap(),
        String::from_utf8(output.stderr).unwrap(),
    )
}

fn mark(home: &Home, status: &str, item: &str) {
    run_ok(roadmap(home).args(["mark", "--roadmap", "backend", item, "--status", status]));
}

fn status_json(home: &Home) -> String {
    run_ok(roadmap(home).args(["status", "backend", "--json"])).0
}

/// Copies every file of `from` into `to` that `to` lacks or has shorter:
/// what a sync folder does, one way, at some moment.
fn copy_folder(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap().flatten() {
        let name = entry.file_name();
        if !name.to_string_lossy().ends_with(".jsonl") {
            continue;
        }
        let bytes = std::fs::read(entry.path()).unwrap();
        let there = to.join(&name);
        let theirs = std::fs::read(&there).unwrap_or_default();
        if theirs.len() < bytes.len() {
            std::fs::write(there, bytes).unwrap();
        }
    }
}

const A: &str = "beginner/general-knowledge-and-best-practices/foundational-concepts";
const B: &str = "beginner/general-knowledge-and-best-practices/coding-standards-and-best-practices";
const C: &str = "beginner/database-management/database-basics";

#[test]
fn two_machines_sharing_a_folder_end_equal_whatever_was_copied_when() {
    let laptop = Home::with_device("laptop");
    let desktop = Home::with_device("desktop");
    mark(&laptop, "done", A);
    mark(&desktop, "in-progress", B);
    // Copied both ways while both go on writing.
    copy_folder(&laptop.progress_folder(), &desktop.progress_folder());
    mark(&desktop, "skipped", A);
    mark(&laptop, "done", C);
    copy_folder(&desktop.progress_folder(), &laptop.progress_folder());
    copy_folder(&laptop.progress_folder(), &desktop.progress_folder());
    let both = status_json(&laptop);
    assert_eq!(both, status_json(&desktop));
    // The desktop skipped A after it had seen the laptop's tick: it wins.
    let json: serde_json::Value = serde_json::from_str(&both).unwrap();
    let items: Vec<_> = json["levels"][0]["topics"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|topic| topic["items"].as_array().unwrap().clone())
        .map(|item| {
            (
                item["key"].as_str().unwrap().to_owned(),
                item["status"].as_str().unwrap().to_owned(),
            )
        })
        .collect();
    let status = |key: &str| items.iter().find(|(k, _)| k == key).unwrap().1.clone();
    assert_eq!(status(A), "skipped");
    assert_eq!(status(B), "in-progress");
    assert_eq!(status(C), "done");
    // Each machine wrote only its own log.
    let log = std::fs::read_to_string(laptop.state_file()).unwrap();
    assert!(!log.contains("\"device\":\"desktop\""), "{log}");
}

#[test]
fn a_conflict_copy_a_sync_tool_made_is_merged_and_counts_once() {
    let laptop = Home::with_device("laptop");
    mark(&laptop, "done", A);
    let folder = laptop.progress_folder();
    // An older copy of the same log beside it, as Syncthing names one.
    std::fs::copy(
        laptop.state_file(),
        folder.join("laptop.sync-conflict-20261202-101010-ABCDEFG.jsonl"),
    )
    .unwrap();
    mark(&laptop, "done", B);
    let (text, stderr) = run_ok(roadmap(&laptop).args(["status", "backend"]));
    assert!(stderr.is_empty(), "a copy is no damage: {stderr}");
    assert!(
        text.contains("General Knowledge and Best Practices     2"),
        "{text}"
    );
    let history: serde_json::Value = serde_json::from_str(&status_json(&laptop)).unwrap();
    assert_eq!(history["totals"]["done"], 2, "{history}");
}

#[test]
fn a_version_2_file_is_converted_into_the_folder_and_kept_byte_for_byte() {
    let home = Home::new();
    let legacy = home.legacy_state_file();
    let v2 = format!(
        "{{\"format\":\"roadmap-progress\",\"version\":2}}\n\
         {{\"at\":1795305599,\"roadmap\":\"backend\",\"item\":\"{A}\",\"status\":\"done\",\"note\":\"kept\"}}\n"
    );
    std::fs::write(&legacy, &v2).unwrap();
    // Reading converts nothing.
    let before = status_json(&home);
    assert!(before.contains("\"note\": \"kept\""), "{before}");
    assert_eq!(std::fs::read_to_string(&legacy).unwrap(), v2);
    assert!(!home.progress_folder().exists());

    mark(&home, "done", B);
    let backup = legacy.with_file_name("progress.json.v2.bak");
    assert_eq!(
        std::fs::read_to_string(&backup).unwrap(),
        v2,
        "byte for byte"
    );
    assert!(
        !legacy.exists(),
        "moved aside, so no older roadmap writes it on"
    );
    let log = std::fs::read_to_string(home.state_file()).unwrap();
    assert!(
        log.starts_with("{\"format\":\"roadmap-progress\",\"version\":3,\"device\":\"d1\"}\n"),
        "{log}"
    );
    let after = status_json(&home);
    assert!(after.contains("\"note\": \"kept\""), "{after}");
    let json: serde_json::Value = serde_json::from_str(&after).unwrap();
    assert_eq!(json["totals"]["done"], 2, "{after}");
}

#[test]
fn an_older_file_named_by_state_becomes_the_folder_in_its_place() {
    let home = Home::new();
    let state = home.path().join("mine.json");
    let v2 = format!(
        "{{\"format\":\"roadmap-progress\",\"version\":2}}\n\
         {{\"at\":1795305599,\"roadmap\":\"backend\",\"item\":\"{A}\",\"status\":\"done\"}}\n"
    );
    std::fs::write(&state, &v2).unwrap();
    let state_arg = state.to_str().unwrap();
    run_ok(roadmap(&home).args([
        "--state",
        state_arg,
        "mark",
        "--roadmap",
        "backend",
        B,
        "--status",
        "done",
    ]));
    assert!(state.is_dir());
    assert_eq!(
        std::fs::read_to_string(home.path().join("mine.json.v2.bak")).unwrap(),
        v2
    );
    let (text, _) = run_ok(roadmap(&home).args(["--state", state_arg, "status", "backend"]));
    assert!(
        text.contains("General Knowledge and Best Practices     2"),
        "{text}"
    );
}

#[test]
fn a_home_copied_to_another_machine_is_noticed_and_both_keep_their_changes() {
    let first = Home::with_device("same");
    mark(&first, "done", A);
    // The second machine starts as a copy of the first, and goes on.
    let second = Home::with_device("same");
    copy_folder(&first.progress_folder(), &second.progress_folder());
    mark(&second, "done", B);
    mark(&first, "done", C);
    // A sync tool brings the second's log over, beside the first's own.
    std::fs::copy(
        second.state_file(),
        first
            .progress_folder()
            .join("same.sync-conflict-20261202-101010-XYZ.jsonl"),
    )
    .unwrap();
    // A command that only reads says so and changes nothing.
    let (_, stderr) = run_ok(roadmap(&first).args(["status", "backend"]));
    assert!(
        stderr.contains("the next change here gives this device a new id"),
        "{stderr}"
    );
    assert_eq!(first.device(), "same");
    // The next change mends it.
    let (_, stderr) = run_ok(roadmap(&first).args([
        "mark",
        "beginner/database-management/database-design",
        "--status",
        "skipped",
    ]));
    assert!(
        stderr.contains("another machine has been saving progress as this one"),
        "{stderr}"
    );
    let fresh = first.device();
    assert_ne!(fresh, "same", "a new id");
    assert!(
        first
            .progress_folder()
            .join(format!("{fresh}.was-same.jsonl"))
            .exists()
    );
    let json: serde_json::Value = serde_json::from_str(&status_json(&first)).unwrap();
    assert_eq!(json["totals"]["done"], 3, "both machines' ticks: {json}");
    // Said once: the next start is quiet.
    let (_, stderr) = run_ok(roadmap(&first).args(["status", "backend"]));
    assert!(stderr.is_empty(), "{stderr}");
    mark(&first, "in-progress", A);
    let log = std::fs::read_to_string(first.state_file()).unwrap();
    assert!(log.contains(&format!("\"device\":\"{fresh}\"")), "{log}");
}
