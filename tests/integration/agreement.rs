//! The subcommands agree with the app and with their own help: the same
//! default roadmap, a mistyped subcommand taken for one, keys that can be
//! found without `jq` (`status --keys`, shell completion), notes in every
//! export and back through import, a `list` that fits the screen, and a
//! help and manual page that say what is true.

use std::path::Path;

use predicates::prelude::*;
use unicode_width::UnicodeWidthStr;

use crate::support::{Home, roadmap, stdout};

fn write_config(home: &Home, text: &str) {
    let dir = home.path().join("config/roadmap");
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("config.yaml"), text).unwrap();
}

const ESSENTIALS_KEY: &str = "advanced/caching/redis";

#[test]
fn status_export_and_mark_open_the_settings_default_roadmap_as_the_app_does() {
    let home = Home::new();
    write_config(&home, "roadmap: backend-essentials\n");
    let text = stdout(roadmap(&home).arg("status"));
    assert!(
        text.starts_with("Backend Essentials (backend-essentials)"),
        "{text}"
    );
    let text = stdout(roadmap(&home).arg("export"));
    assert!(text.starts_with("**Backend Essentials** · "), "{text}");
    roadmap(&home)
        .args(["mark", ESSENTIALS_KEY, "--status", "done"])
        .assert()
        .success()
        .stderr("backend-essentials: 1 item now done\n");
    let json: serde_json::Value =
        serde_json::from_str(&stdout(roadmap(&home).args(["status", "--json"]))).unwrap();
    assert_eq!(json["roadmap"]["id"], "backend-essentials");
    assert_eq!(json["totals"]["done"], 1);
    // A name on the command line still wins.
    let text = stdout(roadmap(&home).args(["status", "backend"]));
    assert!(text.starts_with("Backend Developer (backend)"), "{text}");
}

#[test]
fn a_settings_default_that_opens_nothing_says_where_it_was_set() {
    let home = Home::new();
    write_config(&home, "roadmap: frontnd\n");
    roadmap(&home)
        .arg("status")
        .assert()
        .code(1)
        .stderr(predicate::str::contains("`roadmap:` in "))
        .stderr(predicate::str::contains("config.yaml"))
        .stderr(predicate::str::contains("no roadmap named `frontnd`"));
}

#[test]
fn each_help_names_the_same_default() {
    let home = Home::new();
    for args in [
        &["--help"][..],
        &["status", "--help"],
        &["export", "--help"],
        &["mark", "--help"],
    ] {
        let text = stdout(roadmap(&home).args(args).env("COLUMNS", "400"));
        assert!(
            text.contains(
                "Default: the settings file's `roadmap:`, else the roadmap the app had open last, \
                 else the bundled backend."
            ),
            "{args:?}: {text}"
        );
    }
}

#[test]
fn a_mistyped_subcommand_is_a_usage_error_that_suggests_it() {
    let home = Home::new();
    for (typo, meant) in [
        ("lsit", "list"),
        ("statsu", "status"),
        ("valdiate", "validate"),
    ] {
        roadmap(&home)
            .arg(typo)
            .assert()
            .code(2)
            .stdout("")
            .stderr(predicate::str::contains(format!("did you mean `{meant}`?")));
    }
    // With more words after it, clap stops at the second: the first is
    // still what is named.
    roadmap(&home)
        .args(["statsu", "backend"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "`statsu` is no roadmap and no subcommand: did you mean `status`?",
        ));
    // A word like no subcommand is still an unknown roadmap (exit 1).
    roadmap(&home)
        .arg("frontnd")
        .assert()
        .code(1)
        .stderr(predicate::str::contains("no roadmap named `frontnd`"));
}

#[test]
fn status_keys_lists_every_item_with_its_key_status_and_title() {
    let home = Home::new();
    roadmap(&home)
        .args([
            "mark",
            "beginner/database-management/database-basics",
            "--status",
            "done",
        ])
        .assert()
        .success();
    let text = stdout(roadmap(&home).args(["status", "--keys"]));
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), 1 + 85, "{text}");
    assert!(lines[0].starts_with("key "), "{text}");
    let basics = lines
        .iter()
        .find(|line| line.starts_with("beginner/database-management/database-basics "))
        .unwrap();
    assert!(
        basics.contains(" done ") && basics.ends_with("Database Basics"),
        "{basics}"
    );
    roadmap(&home)
        .args(["status", "--keys", "--json"])
        .assert()
        .code(2);
}

/// What bash offers for `line` (the last word being completed), through
/// the script `roadmap completions bash` prints, as bash runs it.
fn bash_completes(home: &Home, line: &[&str]) -> Vec<String> {
    let bin = Path::new(env!("CARGO_BIN_EXE_roadmap")).parent().unwrap();
    let path = format!(
        "{}:{}",
        bin.display(),
        std::env::var("PATH").unwrap_or_default()
    );
    let words = line
        .iter()
        .map(|word| format!("'{word}'"))
        .collect::<Vec<_>>()
        .join(" ");
    let current = line.last().unwrap();
    let before = line[line.len() - 2];
    let script = format!(
        "source <(roadmap completions bash)\n\
         COMP_WORDS=({words}); COMP_CWORD={}; COMP_TYPE=9\n\
         _clap_complete_roadmap roadmap '{current}' '{before}'\n\
         printf '%s\\n' \"${{COMPREPLY[@]}}\"\n",
        line.len() - 1
    );
    // The environment the binary gets in every test, for bash to pass on.
    let confined = home.command();
    let output = std::process::Command::new("bash")
        .args(["--norc", "--noprofile", "-c", &script])
        .envs(confined.get_envs().filter_map(|(k, v)| v.map(|v| (k, v))))
        .env("PATH", path)
        .env_remove("COMPLETE")
        .current_dir(home.path())
        .output()
        .expect("bash");
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout)
        .unwrap()
        .lines()
        .map(str::to_owned)
        .filter(|word| !word.is_empty())
        .collect()
}

#[test]
fn bash_completes_roadmap_ids_and_item_keys() {
    let home = Home::new();
    let dir = home.path().join("config/roadmap/roadmaps");
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(
        dir.join("mine.yaml"),
        "title: Mine\nid: mine\nlevels:\n  - title: L\n    id: l\n    topics:\n      - {title: T, id: t, items: [{title: One, id: one}, {title: Two, id: two}]}\n",
    )
    .unwrap();
    let ids = bash_completes(&home, &["roadmap", "status", "back"]);
    assert_eq!(ids, ["backend", "backend-essentials"]);
    let ids = bash_completes(&home, &["roadmap", "export", "mi"]);
    assert_eq!(ids, ["mine"]);
    let ids = bash_completes(&home, &["roadmap", "mi"]);
    assert_eq!(ids, ["mine"]);
    // Keys of the default roadmap, then of the one named with --roadmap.
    let keys = bash_completes(&home, &["roadmap", "mark", "beginner/database-management/"]);
    assert!(
        keys.contains(&"beginner/database-management/database-basics".to_owned()),
        "{keys:?}"
    );
    assert!(
        keys.iter()
            .all(|key| key.starts_with("beginner/database-management/"))
    );
    let keys = bash_completes(&home, &["roadmap", "mark", "--roadmap", "mine", "l/t/"]);
    assert_eq!(keys, ["l/t/one", "l/t/two"]);
    // And the settings' default, as `mark` itself uses it.
    write_config(&home, "roadmap: mine\n");
    let keys = bash_completes(&home, &["roadmap", "mark", "l/"]);
    assert_eq!(keys, ["l/t/one", "l/t/two"]);
    // Subcommands and options still complete.
    let words = bash_completes(&home, &["roadmap", "sta"]);
    assert!(words.contains(&"status".to_owned()), "{words:?}");
}

/// A home with `backend` progress: one item done with a note on it, and
/// a note on an item that is still pending.
fn home_with_notes() -> Home {
    let home = Home::new();
    let state = home.state_file();
    std::fs::create_dir_all(state.parent().unwrap()).unwrap();
    let log = "{\"format\":\"roadmap-progress\",\"version\":2}\n\
        {\"at\":1795305599,\"roadmap\":\"backend\",\"item\":\"beginner/database-management/database-basics\",\"status\":\"done\",\"note\":\"Read chapter 3: *joins*.\\nThen the exercises.\\n\\n- one more\"}\n\
        {\"at\":1795305600,\"roadmap\":\"backend\",\"item\":\"beginner/database-management/database-design\",\"status\":\"pending\",\"note\":\"ask about \\u001b[31m normal forms\"}\n";
    std::fs::write(&state, log).unwrap();
    home
}

#[test]
fn notes_go_into_every_export_and_come_back_through_import() {
    let home = home_with_notes();
    let markdown = stdout(roadmap(&home).arg("export"));
    assert!(
        markdown.contains(
            "- [x] Database Basics\n  > Read chapter 3: \\*joins\\*.\\\n  > Then the exercises.\n  >\n  > \\- one more\n"
        ),
        "{markdown}"
    );
    // Spelled out, never sent to the terminal or the file.
    assert!(
        markdown.contains("  > ask about \\x1b\\[31m normal forms\n"),
        "{markdown}"
    );
    assert!(!markdown.contains('\u{1b}'));

    for args in [&["status", "--json"][..], &["export", "--format", "json"]] {
        let text = stdout(roadmap(&home).args(args));
        assert!(!text.contains('\u{1b}'), "{text}");
        let json: serde_json::Value = serde_json::from_str(&text).unwrap();
        let topic = &json["levels"][0]["topics"][1];
        assert_eq!(topic["id"], "database-management");
        assert_eq!(
            topic["items"][0]["note"],
            "Read chapter 3: *joins*.\nThen the exercises.\n\n- one more"
        );
        assert_eq!(
            topic["items"][3]["note"],
            "ask about \\x1b[31m normal forms"
        );
        assert_eq!(topic["items"][1].get("note"), None);
    }

    let md = home.path().join("progress.md");
    std::fs::write(&md, &markdown).unwrap();
    let yaml = home.path().join("again.yaml");
    roadmap(&home)
        .arg("import")
        .arg(&md)
        .args(["--id", "again", "--with-progress", "-o"])
        .arg(&yaml)
        .assert()
        .success()
        .stderr(predicate::str::contains("1 status and 2 notes recorded"));
    let json: serde_json::Value = serde_json::from_str(&stdout(
        roadmap(&home).args(["status", "--json"]).arg(&yaml),
    ))
    .unwrap();
    let topic = &json["levels"][0]["topics"][1];
    assert_eq!(
        topic["items"][0]["note"],
        "Read chapter 3: *joins*.\nThen the exercises.\n\n- one more"
    );
    assert_eq!(topic["items"][0]["status"], "done");
    assert_eq!(
        topic["items"][3]["note"],
        "ask about \\x1b[31m normal forms"
    );
    assert_eq!(topic["items"][3]["status"], "pending");
    // And the export of the import is the export.
    let again = stdout(roadmap(&home).arg("export").arg(&yaml));
    // (But for its title line, and the note that was spelled out, which
    // now holds a backslash of its own.)
    let body = |text: &str| text.lines().skip(1).map(str::to_owned).collect::<Vec<_>>();
    assert_eq!(body(&again), body(&markdown));
}

/// The app keeps a note to 64 KiB (it bounds a line of the progress
/// file); `import --with-progress` took a 250 KiB quote as a note, which
/// the app then could not save back. Refused, naming the item, with
/// nothing recorded and no file written.
#[test]
fn import_refuses_a_note_longer_than_the_app_keeps() {
    let home = Home::new();
    let quote: String = (0..5000)
        .map(|n| format!("  > line {n} of a note far longer than any page of notes\n"))
        .collect();
    let md = home.path().join("big.md");
    std::fs::write(
        &md,
        format!("# L\n\n## T\n\n- [ ] Long one\n{quote}- [x] Short\n"),
    )
    .unwrap();
    let yaml = home.path().join("big.yaml");
    roadmap(&home)
        .arg("import")
        .arg(&md)
        .args(["--id", "big", "--with-progress", "-o"])
        .arg(&yaml)
        .assert()
        .code(1)
        .stderr(predicate::str::contains(
            "the note under `Long one` is longer than 64 KiB",
        ));
    assert!(!yaml.exists(), "no roadmap written");
    assert!(
        !home.path().join("state/roadmap/progress.json").exists(),
        "nothing recorded"
    );
}

#[test]
fn list_fits_its_table_to_the_width() {
    let home = Home::new();
    let dir = home.path().join("config/roadmap/roadmaps");
    std::fs::create_dir_all(&dir).unwrap();
    let name = format!("{}.yaml", "a-rather-long-file-name".repeat(2));
    std::fs::write(dir.join(&name), "title: Broken\nlevels: []\n").unwrap();
    for (columns, width) in [(None, 80), (Some("60"), 60), (Some("300"), 300)] {
        let mut command = roadmap(&home);
        command.arg("list");
        if let Some(columns) = columns {
            command.env("COLUMNS", columns);
        }
        let text = stdout(&mut command);
        for line in text.lines() {
            assert!(line.width() <= width, "{} > {width}: {line}", line.width());
        }
        let cut = text.contains('…');
        assert_eq!(cut, width < 300, "{text}");
        assert_eq!(
            text.contains("`roadmap validate` shows every problem"),
            cut,
            "{text}"
        );
        assert!(text.contains(".yaml"), "the file's name is kept: {text}");
    }
}

#[test]
fn help_shows_the_state_variable_and_only_where_it_is_used() {
    let home = Home::new();
    let text = stdout(roadmap(&home).arg("--help"));
    assert!(text.contains("[env: ROADMAP_STATE]"), "{text}");
    assert!(!text.contains("ROADMAP_STATE="), "{text}");
    for sub in [
        "status", "next", "list", "mark", "export", "import", "paths", "sync",
    ] {
        let text = stdout(roadmap(&home).args([sub, "--help"]));
        assert!(text.contains("--state <DIR>"), "{sub}: {text}");
    }
    for sub in ["completions", "man", "validate"] {
        let text = stdout(roadmap(&home).args([sub, "--help"]));
        assert!(!text.contains("--state"), "{sub}: {text}");
    }
}

#[test]
fn the_help_footer_names_the_roadmaps_folder_in_use() {
    let home = Home::new();
    let custom = home.path().join("elsewhere");
    let text = stdout(roadmap(&home).arg("--help").env("XDG_CONFIG_HOME", &custom));
    let folder = custom.join("roadmap/roadmaps");
    assert!(
        text.contains(&format!("{}/*.yaml", folder.display())),
        "{text}"
    );
    assert!(!text.contains("~/.config"), "{text}");
}

#[test]
fn the_manual_page_is_one_real_page() {
    let home = Home::new();
    let page = stdout(roadmap(&home).arg("man"));
    for section in [
        ".SH NAME",
        ".SH SYNOPSIS",
        ".SH OPTIONS",
        ".SH COMMANDS",
        ".SH KEYS",
        ".SH FILES",
        ".SH ENVIRONMENT",
        ".SH \"EXIT STATUS\"",
        ".SH EXAMPLES",
    ] {
        assert!(page.contains(section), "no {section}");
    }
    assert!(!page.contains("EXTRA"));
    assert_eq!(
        page.matches(".SH OPTIONS").count(),
        1,
        "subcommands' under their own"
    );
    assert!(!page.contains("(1)"), "no page it refers to exists");
    assert!(!page.contains("ROADMAP_STATE="));
    assert_eq!(page.matches(".ds Aq").count(), 2, "one preamble");
    // Every subcommand, and every key the app has, as its help says it.
    let text = page.replace("\\-", "-").replace("\\*(Aq", "'");
    for sub in subcommands() {
        assert!(text.contains(&format!(".SS \"roadmap {sub}")), "{sub}");
    }
    for binding in roadmap::tui::keymap::BINDINGS {
        assert!(text.contains(binding.help), "KEYS lacks {:?}", binding.help);
    }
    assert!(text.contains("ROADMAP_STATE") && text.contains("XDG_CONFIG_HOME"));
    assert!(
        text.contains("view.json"),
        "FILES names every file it writes"
    );
    assert!(
        text.contains("\\fBBROWSER\\fR"),
        "ENVIRONMENT names what `o` starts"
    );
    // Examples are left as written: filled, roff stretched and hyphenated
    // `roadmap completions bash > ~/.local/share/bash-completion/comple‐tions`.
    let example = "roadmap completions bash > ~/.local/share/bash-completion/completions/roadmap";
    let unfilled = text
        .split("\n.nf\n")
        .skip(1)
        .filter_map(|block| block.split("\n.fi").next())
        .any(|block| block.lines().any(|line| line == example));
    assert!(unfilled, "examples are not in no-fill blocks:\n{text}");
}

#[test]
fn commands_open_the_roadmap_the_app_had_open_last_after_the_settings_one() {
    let home = Home::new();
    let view = home.path().join("state/roadmap/view.json");
    std::fs::create_dir_all(view.parent().unwrap()).unwrap();
    std::fs::write(&view, r#"{"version": 1, "last": "backend-essentials"}"#).unwrap();
    let text = stdout(roadmap(&home).arg("status"));
    assert!(text.starts_with("Backend Essentials"), "{text}");
    roadmap(&home)
        .args([
            "mark",
            "beginner/programming-fundamentals/core-language-python-or-javascript",
            "--status",
            "done",
        ])
        .assert()
        .success();
    // The settings' roadmap: still wins.
    let config = home.path().join("config/roadmap");
    std::fs::create_dir_all(&config).unwrap();
    std::fs::write(config.join("config.yaml"), "roadmap: backend\n").unwrap();
    let text = stdout(roadmap(&home).arg("status"));
    assert!(text.starts_with("Backend Developer"), "{text}");
    std::fs::remove_file(config.join("config.yaml")).unwrap();
    // One that opens no more is only a memory: the default, with a warning.
    std::fs::write(&view, r#"{"version": 1, "last": "/gone/mine.yaml"}"#).unwrap();
    roadmap(&home)
        .arg("status")
        .assert()
        .success()
        .stdout(predicate::str::starts_with("Backend Developer"))
        .stderr(predicate::str::contains(
            "roadmap: warning: the roadmap used last, /gone/mine.yaml, cannot be opened",
        ));
}

/// Every subcommand the command line defines (`help` aside).
fn subcommands() -> Vec<String> {
    let command = roadmap::cli::definition();
    let names: Vec<String> = command
        .get_subcommands()
        .filter(|sub| !sub.is_hide_set() && sub.get_name() != "help")
        .map(|sub| sub.get_name().to_owned())
        .collect();
    assert!(names.len() >= 10, "{names:?}");
    names
}

/// A subcommand added without a word in the README (`next` nearly was)
/// is one a learner never finds: each is in the README's list of
/// subcommands, each of its options (or their short forms) somewhere in
/// the README, and the shell completes its name.
#[test]
fn the_readme_and_the_shell_know_every_subcommand_and_option() {
    let readme = include_str!("../../README.md");
    let listed = readme
        .split_once("Subcommands work without a terminal")
        .and_then(|(_, rest)| rest.split_once("```text\n"))
        .and_then(|(_, rest)| rest.split_once("```"))
        .map(|(block, _)| block)
        .expect("the README lists the subcommands");
    let mut command = roadmap::cli::definition();
    command.build();
    let home = Home::new();
    for name in subcommands() {
        assert!(
            listed
                .lines()
                .any(|line| line.starts_with(&format!("roadmap {name} "))),
            "the README's list lacks `roadmap {name}`"
        );
        let sub = command.find_subcommand(&name).unwrap();
        for arg in sub.get_arguments().filter(|arg| !arg.is_hide_set()) {
            let long = arg.get_long().map(|long| format!("--{long}"));
            let short = arg.get_short().map(|short| format!("-{short} "));
            if long.is_none() || long.as_deref() == Some("--help") {
                continue;
            }
            assert!(
                long.iter()
                    .chain(&short)
                    .any(|flag| readme.contains(flag.as_str())),
                "the README never names `roadmap {name}` {long:?}"
            );
        }
        let offered = bash_completes(&home, &["roadmap", &name[..2]]);
        assert!(offered.contains(&name), "{name}: {offered:?}");
    }
}

/// The README's Settings section names every action a `keys:` entry may
/// take: an action missing there (`continue` was) cannot be rebound by a
/// learner who reads it.
#[test]
fn the_readme_names_every_action_the_settings_take() {
    let readme = include_str!("../../README.md");
    let settings = readme
        .split_once("\n## Settings\n")
        .and_then(|(_, rest)| rest.split("\n## ").next())
        .expect("the README has a Settings section");
    let missing: Vec<&str> = roadmap::tui::keymap::BINDINGS
        .iter()
        .map(|binding| binding.action.name())
        // `level-1`…`level-9` stand for the nine.
        .filter(|name| !name.starts_with("level-") || *name == "level-1" || *name == "level-9")
        .filter(|name| !settings.contains(&format!("`{name}`")))
        .collect();
    assert!(missing.is_empty(), "the README's Settings lack {missing:?}");
}
