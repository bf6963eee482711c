//! The binary's contract without a terminal: exit codes, and errors
//! printed once as `roadmap: error: …`.

use predicates::prelude::*;

use crate::support::{Home, roadmap};

fn write(home: &Home, name: &str, text: &[u8]) -> String {
    let path = home.path().join(name);
    std::fs::write(&path, text).unwrap();
    path.display().to_string()
}

#[test]
fn help_shows_usage_and_examples() {
    let home = Home::new();
    roadmap(&home)
        .arg("--help")
        .assert()
        .success()
        .stdout(predicate::str::contains(
            "Usage: roadmap [OPTIONS] [ROADMAP]",
        ))
        .stdout(predicate::str::contains("roadmap backend-essentials"))
        .stdout(predicate::str::contains("ROADMAP_STATE"));
}

#[test]
fn bad_usage_exits_2() {
    let home = Home::new();
    roadmap(&home)
        .arg("--no-such-flag")
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "unexpected argument '--no-such-flag'",
        ));
}

#[test]
fn without_a_terminal_it_says_so_and_exits_1_without_writing() {
    let home = Home::new();
    roadmap(&home)
        .write_stdin("")
        .assert()
        .code(1)
        .stdout("")
        .stderr(
            "roadmap: error: roadmap is interactive and needs a terminal, but standard input or \
             output is not one; run it from a terminal\n",
        );
    // The roadmap was loaded (its errors would have been reported); no
    // progress, setting or anything else is written.
    let written: Vec<String> = home.files();
    assert_eq!(written, Vec::<String>::new(), "nothing at all");
}

#[test]
fn bundled_roadmaps_open_by_id() {
    let home = Home::new();
    // Getting as far as the terminal check means the roadmap loaded.
    for id in ["backend", "backend-essentials"] {
        roadmap(&home)
            .arg(id)
            .assert()
            .code(1)
            .stderr(predicate::str::contains("needs a terminal"));
    }
}

#[test]
fn unknown_roadmap_name_lists_the_known_ones() {
    let home = Home::new();
    roadmap(&home).arg("frontend").assert().code(1).stderr(
        "roadmap: error: no roadmap named `frontend` (known: backend, backend-essentials; \
         to open a file, give its path)\n",
    );
    roadmap(&home)
        .arg("backedn")
        .assert()
        .code(1)
        .stderr(predicate::str::contains("did you mean `backend`?"));
}

#[test]
fn invalid_roadmap_file_is_reported_at_file_line_column_before_the_terminal() {
    let home = Home::new();
    let path = write(
        &home,
        "mine.yaml",
        b"title: Mine\nlevels:\n  - title: Beginner\n    topics: []\n",
    );
    roadmap(&home).arg(&path).assert().code(1).stderr(format!(
        "roadmap: error: {path}:4:13: `topics` is empty: a level needs at least one topic\n"
    ));
}

#[test]
fn unknown_key_in_a_roadmap_file_names_the_key_meant() {
    let home = Home::new();
    let path = write(
        &home,
        "typo.yaml",
        b"title: Mine\nlevels:\n  - title: Beginner\n    topics:\n      - title: Git\n        itmes: [Commit]\n",
    );
    roadmap(&home).arg(&path).assert().code(1).stderr(format!(
        "roadmap: error: {path}:6:9: unknown key `itmes` in a topic: did you mean `items`?\n"
    ));
}

#[test]
fn unreadable_roadmap_files_get_one_line_errors() {
    let home = Home::new();
    let missing = home.path().join("missing.yaml").display().to_string();
    roadmap(&home)
        .arg(&missing)
        .assert()
        .code(1)
        .stderr(format!("roadmap: error: {missing}: no such file\n"));

    let dir = home.path().join("adir.yaml");
    std::fs::create_dir(&dir).unwrap();
    roadmap(&home).arg(&dir).assert().code(1).stderr(format!(
        "roadmap: error: {}: is a directory, not a roadmap file\n",
        dir.display()
    ));

    let binary = write(&home, "latin1.yaml", b"title: Caf\xe9\nlevels: []\n");
    roadmap(&home).arg(&binary).assert().code(1).stderr(format!(
        "roadmap: error: {binary}:1:11: the file is not UTF-8 text: save it as UTF-8\n"
    ));

    let empty = write(&home, "empty.yaml", b"");
    roadmap(&home).arg(&empty).assert().code(1).stderr(format!(
        "roadmap: error: {empty}: the file is empty: a roadmap needs a `title` and `levels`\n"
    ));
}

#[test]
fn a_damaged_state_file_is_reported_on_stderr_copied_aside_and_left_untouched() {
    let home = Home::new();
    let state = home.state_file();
    std::fs::create_dir_all(state.parent().unwrap()).unwrap();
    std::fs::write(&state, b"{ not json").unwrap();
    // Without a terminal the app cannot start, but the warning comes first.
    roadmap(&home)
        .assert()
        .code(1)
        .stderr(predicate::str::starts_with(format!(
            "roadmap: warning: the state file {} is not a roadmap state file",
            state.display()
        )));
    assert_eq!(std::fs::read(&state).unwrap(), b"{ not json");
    let dir = state.parent().unwrap();
    let copies: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .map(|entry| entry.unwrap().path())
        .filter(|path| path.to_string_lossy().contains(".damaged-"))
        .collect();
    assert_eq!(copies.len(), 1, "one timestamped copy beside it");
    assert_eq!(std::fs::read(&copies[0]).unwrap(), b"{ not json");
}

#[test]
fn state_flag_and_environment_variable_choose_the_state_file() {
    let home = Home::new();
    let damaged = write(&home, "elsewhere.json", b"garbage");
    let warns = predicate::str::contains(format!(
        "roadmap: warning: the progress file {damaged} is damaged"
    ));
    roadmap(&home)
        .args(["--state", &damaged])
        .assert()
        .code(1)
        .stderr(warns.clone());
    roadmap(&home)
        .env("ROADMAP_STATE", &damaged)
        .assert()
        .code(1)
        .stderr(warns);
}

#[test]
fn an_empty_state_variable_counts_as_unset() {
    let home = Home::new();
    // Gets as far as the terminal check: the default state file was used.
    roadmap(&home)
        .env("ROADMAP_STATE", "")
        .assert()
        .code(1)
        .stderr(predicate::str::contains("needs a terminal"));
}

#[test]
fn a_file_named_like_a_bundled_roadmap_must_say_which_progress_it_keeps() {
    let home = Home::new();
    let path = write(
        &home,
        "backend.yaml",
        b"title: Mine\nlevels: [{title: L, topics: [{title: T}]}]\n",
    );
    roadmap(&home)
        .arg(&path)
        .assert()
        .code(1)
        .stderr(predicate::str::contains(format!(
            "{path}:1:1: this file has no `id:`"
        )));
}

#[test]
fn escape_sequences_in_a_bad_file_never_reach_the_terminal_through_errors() {
    let home = Home::new();
    let path = write(
        &home,
        "evil.yaml",
        b"title: X\n\"\\e]0;pwned\\a\": 1\nlevels: []\n",
    );
    let output = roadmap(&home).arg(&path).output().unwrap();
    assert_eq!(output.status.code(), Some(1));
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert!(
        stderr.contains("unknown key `\\x1b]0;pwned\\x07`"),
        "{stderr}"
    );
    assert!(
        !stderr.chars().any(|c| c.is_control() && c != '\n'),
        "{stderr:?}"
    );
}

#[cfg(unix)]
#[test]
fn a_roadmap_path_need_not_be_utf8() {
    use std::os::unix::ffi::OsStrExt;
    let home = Home::new();
    let path = home
        .path()
        .join(std::ffi::OsStr::from_bytes(b"caf\xe9.yaml"));
    std::fs::write(
        &path,
        "title: Mine\nlevels: [{title: L, topics: [{title: T}]}]\n",
    )
    .unwrap();
    roadmap(&home)
        .arg(&path)
        .assert()
        .code(1)
        .stderr(predicate::str::contains("needs a terminal"));
}

/// Writes a roadmap into this home's roadmaps folder.
fn write_user_roadmap(home: &Home, name: &str, text: &str) -> std::path::PathBuf {
    let dir = home.path().join("config/roadmap/roadmaps");
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join(name);
    std::fs::write(&path, text).unwrap();
    path
}

const FRONTEND: &str = "title: Frontend\nid: frontend\nlevels:\n  - title: Basics\n    id: basics\n    topics:\n      - title: HTML\n        id: html\n        items:\n          - {title: Forms, id: forms, description: Inputs and labels.}\n";

#[test]
fn user_roadmaps_open_by_id_like_bundled_ones() {
    let home = Home::new();
    write_user_roadmap(&home, "web.yaml", FRONTEND);
    roadmap(&home)
        .arg("frontend")
        .assert()
        .code(1)
        .stderr(predicate::str::contains("needs a terminal"));
    roadmap(&home)
        .arg("frontnd")
        .assert()
        .code(1)
        .stderr(predicate::str::contains("did you mean `frontend`?"))
        .stderr(predicate::str::contains(
            "known: backend, backend-essentials, frontend",
        ));
}

#[test]
fn a_user_roadmap_taking_a_bundled_id_is_an_error_naming_both() {
    let home = Home::new();
    let path = write_user_roadmap(
        &home,
        "mine.yaml",
        &FRONTEND.replace("id: frontend", "id: backend"),
    );
    roadmap(&home).assert().code(1).stderr(format!(
        "roadmap: error: two roadmaps have the id `backend`: the bundled roadmap `backend` \
         and {path}; give {path} another `id:`\n",
        path = path.display()
    ));
    // validate says so too, for a file in the roadmaps folder.
    roadmap(&home)
        .args(["validate"])
        .assert()
        .code(1)
        .stdout(predicate::str::contains(
            "two roadmaps have the id `backend`",
        ));
}

#[test]
fn validate_reports_every_problem_and_exits_by_errors() {
    let home = Home::new();
    let good = write(&home, "good.yaml", FRONTEND.as_bytes());
    roadmap(&home)
        .args(["validate", &good])
        .assert()
        .success()
        .stdout("")
        .stderr(format!(
            "{good}: ok: 1 level, 1 topic, 1 item, 0 warnings\n"
        ));

    let bad = write(
        &home,
        "bad.yaml",
        b"title: X\nid: x\nlevels:\n  - title: L\n    id: l\n    topics:\n      - {title: T, id: t, itmes: []}\n      - {title: T, id: t}\n",
    );
    roadmap(&home)
        .args(["validate", &good, &bad])
        .assert()
        .code(1)
        .stdout(format!(
            "{bad}:7:27: error: unknown key `itmes` in a topic: did you mean `items`?\n\
             {bad}:8:9: error: duplicate topic id `t`: topic 1 (\"T\", line 7, column 9) already \
             uses it; give one of them a different `id:`\n\
             {bad}:8:9: warning: topic `T` has no items: it shows as 0/0\n"
        ))
        .stderr(format!(
            "{good}: ok: 1 level, 1 topic, 1 item, 0 warnings\n\
             {bad}: 2 errors, 1 warning\n\
             roadmap: error: 1 of 2 files has errors\n"
        ));

    roadmap(&home)
        .args(["validate", "--quiet", &bad])
        .assert()
        .code(1)
        .stdout(predicate::str::contains("warning").not());
}

#[test]
fn validate_without_files_checks_the_roadmaps_folder() {
    let home = Home::new();
    roadmap(&home)
        .arg("validate")
        .assert()
        .code(1)
        .stderr(predicate::str::contains("no roadmap files to check"));
    write_user_roadmap(&home, "web.yml", FRONTEND);
    roadmap(&home)
        .arg("validate")
        .assert()
        .success()
        .stderr(predicate::str::contains("web.yml: ok: 1 level"));
}

#[test]
fn validate_names_files_it_cannot_read() {
    let home = Home::new();
    let missing = home.path().join("missing.yaml").display().to_string();
    roadmap(&home)
        .args(["validate", &missing])
        .assert()
        .code(1)
        .stdout(format!("{missing}: error: no such file\n"));
}

fn write_config(home: &Home, text: &str) -> std::path::PathBuf {
    let dir = home.path().join("config").join("roadmap");
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("config.yaml");
    std::fs::write(&path, text).unwrap();
    path
}

#[test]
fn a_key_bound_twice_in_the_config_is_an_error_naming_both_actions() {
    let home = Home::new();
    let path = write_config(&home, "keys:\n  toggle-done: [x, j]\n");
    roadmap(&home)
        .write_stdin("")
        .assert()
        .code(1)
        .stderr(format!(
            "roadmap: error: {}:2:3: the key `j` is bound to both `down` and `toggle-done`; \
             give one of them another key\n",
            path.display()
        ));
}

#[test]
fn a_mistyped_setting_is_an_error_with_its_place() {
    let home = Home::new();
    write_config(&home, "theme: dark\nmuose: false\n");
    roadmap(&home)
        .write_stdin("")
        .assert()
        .code(1)
        .stderr(predicate::str::contains("config.yaml:2:1:"))
        .stderr(predicate::str::contains("muose"));
    write_config(&home, "theme: neon\n");
    roadmap(&home)
        .write_stdin("")
        .assert()
        .code(1)
        .stderr(predicate::str::contains("neon"));
}

#[test]
fn a_valid_config_is_read_and_the_app_goes_on_to_need_a_terminal() {
    let home = Home::new();
    write_config(
        &home,
        "# mine\ntheme: light\nmouse: false\nroadmap: backend-essentials\nkeys:\n  toggle-done: [x]\n",
    );
    roadmap(&home)
        .write_stdin("")
        .assert()
        .code(1)
        .stderr(predicate::str::contains("needs a terminal"));
}

#[test]
fn settings_that_would_trap_the_user_are_errors_with_their_place() {
    let home = Home::new();
    let path = write_config(&home, "keys: {quit: [], back: []}\n");
    roadmap(&home)
        .write_stdin("")
        .assert()
        .code(1)
        .stderr(predicate::str::starts_with(format!(
            "roadmap: error: {}:1:8: `quit` is left without a key",
            path.display()
        )));
    write_config(
        &home,
        "theme: dark\nkeys:\n  quit: x\n  search: [/, ctrl-c]\n",
    );
    roadmap(&home)
        .write_stdin("")
        .assert()
        .code(1)
        .stderr(predicate::str::contains(
            "config.yaml:4:3: `search` cannot have the key `Ctrl-C`: it always quits",
        ));
    write_config(&home, "keys:\n  help: []\n  back: []\n");
    roadmap(&home)
        .write_stdin("")
        .assert()
        .code(1)
        .stderr(predicate::str::contains(
            "config.yaml:3:3: `help` and `back` are both left without a key",
        ));
    // Ctrl-C alone is a way to quit, when the file says so.
    write_config(&home, "keys:\n  quit: ctrl-c\n  back: []\n");
    roadmap(&home)
        .write_stdin("")
        .assert()
        .code(1)
        .stderr(predicate::str::contains("needs a terminal"));
}
