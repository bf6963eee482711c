//! The subcommands without a terminal: `list`, `status`, `mark`, `export`,
//! `import`, `paths`, `completions`, `man`, every error path, and golden
//! files in `tests/golden/` for what scripts and READMEs depend on
//! (regenerate with `UPDATE_GOLDEN=1 cargo test`, then review the diff).

use std::path::Path;

use assert_cmd::Command;
use predicates::prelude::*;

use crate::support::Home;

fn roadmap(home: &Home) -> Command {
    Command::from_std(home.command())
}

const GOLDEN: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/golden");
const SEEDS: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/seeds");

/// Compares `actual` with `tests/golden/NAME`, or rewrites it when
/// `UPDATE_GOLDEN` is set.
fn golden(name: &str, actual: &str) {
    let path = Path::new(GOLDEN).join(name);
    if std::env::var_os("UPDATE_GOLDEN").is_some() {
        std::fs::write(&path, actual).unwrap();
        return;
    }
    let expected = std::fs::read_to_string(&path)
        .unwrap_or_else(|_| panic!("no golden file {name}: run with UPDATE_GOLDEN=1"));
    assert_eq!(actual, expected, "{name} differs from tests/golden/{name}");
}

/// A home whose progress on `backend` has one item done, one in
/// progress, one skipped, and one orphan, all at fixed times.
fn home_with_progress() -> Home {
    let home = Home::new();
    let state = home.state_file();
    std::fs::create_dir_all(state.parent().unwrap()).unwrap();
    let record = |at: u64, item: &str, status: &str| {
        format!(
            "{{\"at\":{at},\"roadmap\":\"backend\",\"item\":\"{item}\",\"status\":\"{status}\"}}\n"
        )
    };
    let mut log = String::from("{\"format\":\"roadmap-progress\",\"version\":2}\n");
    log += &record(
        1_795_305_599,
        "beginner/database-management/database-basics",
        "done",
    );
    log += &record(
        1_795_305_600,
        "beginner/database-management/relational-databases",
        "in-progress",
    );
    log += &record(
        1_795_305_601,
        "beginner/web-services/apis-and-web-services",
        "skipped",
    );
    log += &record(1_795_305_602, "beginner/old-topic/removed-item", "done");
    std::fs::write(&state, log).unwrap();
    home
}

fn stdout(command: &mut Command) -> String {
    let output = command.output().unwrap();
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout).unwrap()
}

#[test]
fn status_prints_a_table_per_level_and_topic() {
    let home = home_with_progress();
    let text = stdout(roadmap(&home).arg("status"));
    golden("status.txt", &text);
    assert!(
        text.contains("beginner/old-topic/removed-item"),
        "orphans are named"
    );
}

#[test]
fn status_json_is_the_documented_schema() {
    let home = home_with_progress();
    let text = stdout(roadmap(&home).args(["status", "--json"]));
    golden("status.json", &text);
    let json: serde_json::Value = serde_json::from_str(&text).unwrap();
    assert_eq!(json["version"], 1);
    assert_eq!(json["totals"]["done"], 1);
    assert_eq!(json["orphans"][0]["key"], "beginner/old-topic/removed-item");
}

#[test]
fn export_markdown_and_json_are_deterministic() {
    let home = home_with_progress();
    let markdown = stdout(roadmap(&home).arg("export"));
    golden("export.md", &markdown);
    assert_eq!(
        markdown,
        stdout(roadmap(&home).arg("export")),
        "same bytes twice"
    );
    let json = stdout(roadmap(&home).args(["export", "--format", "json"]));
    assert_eq!(json, stdout(roadmap(&home).args(["status", "--json"])));

    let out = home.path().join("progress.md");
    roadmap(&home)
        .args(["export", "-o"])
        .arg(&out)
        .assert()
        .success()
        .stdout("");
    assert_eq!(std::fs::read_to_string(&out).unwrap(), markdown);
}

#[test]
fn mark_sets_statuses_durably_and_refuses_unknown_ids() {
    let home = Home::new();
    roadmap(&home)
        .args([
            "mark",
            "beginner/database-management/database-basics",
            "beginner/database-management/nosql-databases",
            "--status",
            "done",
        ])
        .assert()
        .success()
        .stderr("backend: 2 item(s) now done\n");
    roadmap(&home)
        .args([
            "mark",
            "beginner/database-management/database-basics",
            "--status",
            "done",
        ])
        .assert()
        .success()
        .stderr("backend: 0 item(s) now done (1 already were)\n");
    let json: serde_json::Value =
        serde_json::from_str(&stdout(roadmap(&home).args(["status", "--json"]))).unwrap();
    assert_eq!(json["totals"]["done"], 2);

    roadmap(&home)
        .args(["mark", "database-basic", "--status", "done"])
        .assert()
        .code(1)
        .stderr(
            "roadmap: error: no item `database-basic` in backend: items are named \
             level/topic/item; did you mean `beginner/database-management/database-basics`?\n",
        );
    // One bad id and nothing is saved.
    roadmap(&home)
        .args([
            "mark",
            "beginner/database-management/database-design",
            "nope",
            "--status",
            "done",
        ])
        .assert()
        .code(1);
    let json: serde_json::Value =
        serde_json::from_str(&stdout(roadmap(&home).args(["status", "--json"]))).unwrap();
    assert_eq!(json["totals"]["done"], 2, "all or nothing");

    roadmap(&home)
        .args(["mark", "x/y/z", "--status", "finished"])
        .assert()
        .code(2);
    roadmap(&home)
        .args([
            "mark",
            "--roadmap",
            "backend-essentials",
            "--status",
            "pending",
        ])
        .assert()
        .code(2);
}

#[test]
fn mark_pending_clears_and_other_roadmaps_keep_their_own_progress() {
    let home = home_with_progress();
    roadmap(&home)
        .args([
            "mark",
            "beginner/database-management/database-basics",
            "--status",
            "pending",
        ])
        .assert()
        .success();
    let json: serde_json::Value =
        serde_json::from_str(&stdout(roadmap(&home).args(["status", "--json"]))).unwrap();
    assert_eq!(json["totals"]["done"], 0);
    let essentials: serde_json::Value = serde_json::from_str(&stdout(roadmap(&home).args([
        "status",
        "--json",
        "backend-essentials",
    ])))
    .unwrap();
    assert_eq!(essentials["totals"]["done"], 0);
    assert_eq!(essentials["orphans"], serde_json::json!([]));
}

#[test]
fn list_shows_every_roadmap_with_its_progress_and_source() {
    let home = home_with_progress();
    let dir = home.path().join("config/roadmap/roadmaps");
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("broken.yaml"), "title: Broken\nlevels: []\n").unwrap();
    let text = stdout(roadmap(&home).arg("list"));
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), 4, "{text}");
    assert!(lines[0].starts_with("id "), "{text}");
    assert!(
        lines[1].starts_with("backend ") && lines[1].contains("1/85 done · 1 skipped · 1%"),
        "{text}"
    );
    assert!(lines[1].ends_with("bundled"), "{text}");
    assert!(
        lines[3].contains("cannot open: not a valid roadmap (1 error)"),
        "{text}"
    );
    assert!(lines[3].ends_with("broken.yaml"), "{text}");
}

#[test]
fn paths_says_where_everything_lives() {
    let home = Home::new();
    let text = stdout(roadmap(&home).arg("paths"));
    let state = home.state_file().display().to_string();
    assert!(
        text.contains(&format!("progress       {state}  not created yet")),
        "{text}"
    );
    assert!(text.contains("config/roadmap/roadmaps"), "{text}");
    let text = stdout(roadmap(&home).args(["paths", "--state", "elsewhere.json"]));
    assert!(text.contains("elsewhere.json"), "{text}");
}

#[test]
fn completions_and_man_page_are_generated() {
    let home = Home::new();
    for shell in ["bash", "zsh", "fish", "powershell"] {
        let script = stdout(roadmap(&home).args(["completions", shell]));
        assert!(script.contains("validate"), "{shell}");
    }
    roadmap(&home)
        .args(["completions", "tcsh"])
        .assert()
        .code(2);
    let page = stdout(roadmap(&home).arg("man"));
    assert!(page.starts_with(".ie"), "{}", &page[..40]);
    assert!(page.contains("roadmap"));
}

#[test]
fn importing_each_seed_gives_one_item_per_entry() {
    let home = Home::new();
    // Seed 003 lists `* Topic: entry, entry.` per level.
    let seed = std::fs::read_to_string(Path::new(SEEDS).join("003_c4d37fbd9854c664.txt")).unwrap();
    let entries: usize = seed
        .lines()
        .filter_map(|line| line.strip_prefix("* "))
        .filter_map(|line| line.split_once(": "))
        .map(|(_, items)| items.split(", ").count())
        .sum();
    let yaml = stdout(
        roadmap(&home)
            .arg("import")
            .arg(Path::new(SEEDS).join("003_c4d37fbd9854c664.txt")),
    );
    let items = yaml.matches("\n          - title: ").count();
    assert_eq!((items, entries), (85, 85));

    // Seed 000's checklist: every `* []` line with nothing nested under it.
    let seed = std::fs::read_to_string(Path::new(SEEDS).join("000_d2a76f8ea0ce9286.txt")).unwrap();
    let lines: Vec<&str> = seed.lines().collect();
    let indent = |line: &str| line.len() - line.trim_start().len();
    let entries = lines
        .iter()
        .enumerate()
        .filter(|(_, line)| line.trim_start().starts_with("* []"))
        .filter(|(at, line)| {
            lines.get(at + 1).is_none_or(|next| {
                !next.trim_start().starts_with("* []") || indent(next) <= indent(line)
            })
        })
        .count();
    let out = home.path().join("seed0.yaml");
    roadmap(&home)
        .arg("import")
        .arg(Path::new(SEEDS).join("000_d2a76f8ea0ce9286.txt"))
        .arg("-o")
        .arg(&out)
        .assert()
        .success()
        .stdout("")
        .stderr("imported 21 item(s) in 6 topic(s) and 1 level(s) as `seed0`\n");
    assert_eq!(entries, 21);
    roadmap(&home)
        .arg("validate")
        .arg(&out)
        .assert()
        .success()
        .stderr(predicate::str::contains("ok: 1 level, 6 topics, 21 items"));
}

#[test]
fn export_then_import_gives_back_the_same_checklist_and_progress() {
    let home = home_with_progress();
    let markdown = stdout(roadmap(&home).arg("export"));
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
        .stderr(predicate::str::contains("3 item(s) with progress recorded"));
    let again = stdout(roadmap(&home).arg("export").arg(&yaml));
    let checklist = |text: &str| -> Vec<String> {
        text.lines()
            .filter(|line| line.starts_with('#') || line.starts_with("- "))
            .map(str::to_owned)
            .collect()
    };
    assert_eq!(checklist(&again), checklist(&markdown));
}

#[test]
fn import_refuses_to_overwrite_and_explains_empty_input() {
    let home = Home::new();
    let md = home.path().join("notes.md");
    std::fs::write(&md, "Just a paragraph.\n").unwrap();
    roadmap(&home)
        .arg("import")
        .arg(&md)
        .assert()
        .code(1)
        .stderr(predicate::str::contains("has no headings or list items"));
    std::fs::write(&md, "- [ ] One\n- [ ] Two\n").unwrap();
    let out = home.path().join("taken.yaml");
    std::fs::write(&out, "keep me").unwrap();
    roadmap(&home)
        .arg("import")
        .arg(&md)
        .arg("-o")
        .arg(&out)
        .assert()
        .code(1)
        .stderr(predicate::str::contains("exists already"));
    assert_eq!(std::fs::read_to_string(&out).unwrap(), "keep me");
    roadmap(&home)
        .arg("import")
        .arg(home.path().join("missing.md"))
        .assert()
        .code(1)
        .stderr(predicate::str::contains("cannot read"));
    roadmap(&home)
        .arg("import")
        .arg(&md)
        .args(["--id", "a/b"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("not usable as an id"));
}

#[test]
fn subcommands_name_unknown_roadmaps_like_the_app_does() {
    let home = Home::new();
    for args in [vec!["status", "frontnd"], vec!["export", "frontnd"]] {
        roadmap(&home)
            .args(&args)
            .assert()
            .code(1)
            .stderr(predicate::str::starts_with(
                "roadmap: error: no roadmap named `frontnd`",
            ));
    }
}

#[test]
fn the_state_flag_goes_before_or_after_a_subcommand() {
    let home = Home::new();
    let state = home.path().join("elsewhere.json");
    let key = "beginner/database-management/database-basics";
    roadmap(&home)
        .arg("--state")
        .arg(&state)
        .args(["mark", key, key, "--status", "done"])
        .assert()
        .success()
        .stderr("backend: 1 item(s) now done\n");
    let text = stdout(
        roadmap(&home)
            .args(["status", "--json", "--state"])
            .arg(&state),
    );
    assert!(text.contains("\"done\": 1"), "{text}");
    assert!(
        !home.state_file().exists(),
        "the default file was not touched"
    );
    roadmap(&home)
        .args(["backend", "status"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("goes after the subcommand"));
}

#[test]
fn imports_never_take_an_id_in_use_and_never_read_devices() {
    let home = Home::new();
    let md = home.path().join("Backend Essentials.md");
    std::fs::write(&md, "- [ ] One\n").unwrap();
    roadmap(&home)
        .arg("import")
        .arg(&md)
        .assert()
        .success()
        .stdout(predicate::str::contains("id: backend-essentials-2\n"));
    #[cfg(unix)]
    roadmap(&home)
        .args(["import", "/dev/zero"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("not a regular file"));
}

#[test]
fn json_output_escapes_what_a_terminal_would_act_on() {
    let home = home_with_progress();
    let state = home.state_file();
    let mut log = std::fs::read_to_string(&state).unwrap();
    log += "{\"at\":1795305603,\"roadmap\":\"backend\",\"item\":\"x/\\u009b31m/\\u007f\",\"status\":\"done\"}\n";
    std::fs::write(&state, log).unwrap();
    let text = stdout(roadmap(&home).args(["status", "--json"]));
    assert!(
        !text.chars().any(|c| c.is_control() && c != '\n'),
        "{text:?}"
    );
    assert!(text.contains("x/\\u009b31m/\\u007f"), "escaped, not lost");
}

#[test]
fn round_trip_keeps_odd_titles_empty_topics_and_a_single_level() {
    let home = Home::new();
    let yaml = home.path().join("odd.yaml");
    std::fs::write(
        &yaml,
        "title: My *Plan*\nid: odd\nlevels:\n  - title: Only Level\n    topics:\n      \
         - {title: 'C# & *Rust* <tag>', items: ['a_b', '[x] done?', 'AT&amp;T', 'Ends (skipped)', '1. numbered', '# hash']}\n      \
         - {title: 'Ratio · 1/2 done', items: [One]}\n      \
         - {title: Empty, items: []}\n",
    )
    .unwrap();
    let first = stdout(roadmap(&home).arg("export").arg(&yaml));
    let md = home.path().join("odd.md");
    std::fs::write(&md, &first).unwrap();
    let again = home.path().join("again.yaml");
    roadmap(&home)
        .arg("import")
        .arg(&md)
        .arg("-o")
        .arg(&again)
        .assert()
        .success();
    let second = stdout(roadmap(&home).arg("export").arg(&again));
    assert_eq!(second, first);
}
