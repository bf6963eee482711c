//! The subcommands without a terminal: `list`, `status`, `mark`, `export`,
//! `import`, `paths`, `completions`, `man`, every error path, and golden
//! files in `tests/golden/` for what scripts and READMEs depend on
//! (regenerate with `UPDATE_GOLDEN=1 cargo test`, then review the diff).

use std::path::Path;

use assert_cmd::Command;
use predicates::prelude::*;

use crate::support::{Home, roadmap, stdout};

/// Noon of the day of [`home_with_progress`]'s last changes (2026-11-22T12:00:00Z):
/// what depends on the day (pace, forecast) is the same on any day.
const FIXED_NOW: &str = "1795348800";

/// `roadmap` at [`FIXED_NOW`].
fn roadmap_at_fixed_now(home: &Home) -> Command {
    let mut command = roadmap(home);
    command.env("ROADMAP_TEST_NOW", FIXED_NOW);
    command
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

#[test]
fn status_prints_a_table_per_level_and_topic() {
    let home = home_with_progress();
    let text = stdout(roadmap_at_fixed_now(&home).arg("status"));
    golden("status.txt", &text);
    assert!(
        text.contains("beginner/old-topic/removed-item"),
        "orphans are named"
    );
}

#[test]
fn status_json_is_the_documented_schema() {
    let home = home_with_progress();
    let text = stdout(roadmap_at_fixed_now(&home).args(["status", "--json"]));
    golden("status.json", &text);
    let json: serde_json::Value = serde_json::from_str(&text).unwrap();
    assert_eq!(json["version"], 2);
    // One item done the day before: a quarter of an item a week.
    assert_eq!(json["pace_per_week"], 0.25);
    assert_eq!(json["levels"][0]["pace_per_week"], 0.25);
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
    let json = stdout(roadmap_at_fixed_now(&home).args(["export", "--format", "json"]));
    assert_eq!(
        json,
        stdout(roadmap_at_fixed_now(&home).args(["status", "--json"]))
    );

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
fn export_svg_prints_a_card_or_writes_it_with_o_never_over_the_progress() {
    let home = home_with_progress();
    let printed = stdout(roadmap(&home).args(["export", "--format", "svg"]));
    roadmap(&home)
        .args(["export", "--format", "svg", "-o", "card.svg"])
        .assert()
        .success()
        .stdout("");
    let written = std::fs::read_to_string(home.path().join("card.svg")).unwrap();
    // The card is as of today: should the day have turned in between,
    // printing it again gives today's.
    let printed = if written == printed {
        printed
    } else {
        stdout(roadmap(&home).args(["export", "--format", "svg"]))
    };
    assert_eq!(written, printed);
    let doc = roxmltree::Document::parse(&written).unwrap();
    assert_eq!(doc.root_element().tag_name().name(), "svg");
    let texts: Vec<&str> = doc
        .descendants()
        .filter(|node| node.has_tag_name("text"))
        .filter_map(|node| node.text())
        .collect();
    for want in ["Backend Developer", "1%", "Beginner", "1/12 · 8%"] {
        assert!(texts.contains(&want), "{want:?} in {texts:?}");
    }

    let (home, state, bytes) = home_with_local_progress();
    roadmap(&home)
        .args(["export", "--format", "svg", "--state", "progress.json"])
        .args(["-o", "progress.json"])
        .assert()
        .code(1)
        .stdout("")
        .stderr(
            "roadmap: error: cannot write progress.json: it is where your progress is \
             kept; choose another file\n",
        );
    assert_eq!(std::fs::read(&state).unwrap(), bytes);
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
        .stderr("backend: 2 items now done\n");
    roadmap(&home)
        .args([
            "mark",
            "beginner/database-management/database-basics",
            "--status",
            "done",
        ])
        .assert()
        .success()
        .stderr("backend: 0 items now done (1 already was)\n");
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
    // Wide enough for the whole error (see the next test for a narrow one).
    let text = stdout(roadmap(&home).arg("list").env("COLUMNS", "300"));
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
    let state = home.progress_folder().display().to_string();
    assert!(
        text.contains(&format!("progress       {state}")) && text.contains("not created yet"),
        "{text}"
    );
    assert!(
        text.contains("device id") && text.contains("never sync it"),
        "{text}"
    );
    assert!(text.contains("config/roadmap/roadmaps"), "{text}");
    let clone = format!("{state}.sync");
    assert!(
        text.contains(&format!("sync clone     {clone}"))
            && text.contains("made by `roadmap sync --remote URL`"),
        "{text}"
    );
    let text = stdout(roadmap(&home).args(["paths", "--state", "elsewhere.json"]));
    assert!(text.contains("elsewhere.json"), "{text}");

    // What sync keeps is never written over by `-o`.
    std::fs::create_dir_all(format!("{clone}/.git")).unwrap();
    for (target, why) in [
        (
            format!("{clone}/.git/config"),
            "is in the git clone `roadmap sync` keeps",
        ),
        (format!("{clone}.lock"), "is the lock `roadmap sync` holds"),
    ] {
        roadmap(&home)
            .args(["export", "-o", &target])
            .assert()
            .code(1)
            .stderr(predicate::str::contains(why));
        assert!(!std::path::Path::new(&target).exists(), "{target}");
    }
    let text = stdout(roadmap(&home).arg("paths"));
    assert!(text.contains("exists; `roadmap sync` keeps it"), "{text}");

    // A progress folder reached through a link: the clone is beside the
    // real folder, as sync makes it, and guarded there.
    let real = home.path().join("real-progress");
    std::fs::create_dir(&real).unwrap();
    std::os::unix::fs::symlink(&real, home.path().join("linked")).unwrap();
    std::fs::create_dir_all(home.path().join("real-progress.sync/.git")).unwrap();
    let linked = home.path().join("linked");
    let text = stdout(roadmap(&home).arg("paths").arg("--state").arg(&linked));
    assert!(text.contains("real-progress.sync"), "{text}");
    roadmap(&home)
        .arg("--state")
        .arg(&linked)
        .args(["export", "-o", "real-progress.sync/x.md"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("is in the git clone"));
}

#[test]
fn completions_and_man_page_are_generated() {
    let home = Home::new();
    // Each script asks `roadmap` for the words at each Tab.
    for shell in ["bash", "zsh", "fish", "powershell", "elvish"] {
        let script = stdout(roadmap(&home).args(["completions", shell]));
        assert!(
            script.contains("COMPLETE") && script.contains(shell),
            "{shell}"
        );
        assert!(script.contains("roadmap"), "{shell}");
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
    // Items are the third list down; serde_yaml writes a mapping's list
    // at the mapping's own indent, so theirs is four spaces.
    let items = yaml.matches("\n    - title: ").count();
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
        .stderr("imported 21 items in 6 topics and 1 level as `seed0`\n");
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
        .stderr(predicate::str::contains("3 statuses and 0 notes recorded"));
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
        .stderr("backend: 1 item now done\n");
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

/// A home whose progress is `progress.json` in the home folder itself,
/// the name `docs/json.md` gives its example export.
fn home_with_local_progress() -> (Home, std::path::PathBuf, Vec<u8>) {
    let home = home_with_progress();
    let state = home.path().join("progress.json");
    std::fs::rename(home.state_file(), &state).unwrap();
    let bytes = std::fs::read(&state).unwrap();
    (home, state, bytes)
}

#[test]
fn export_never_writes_over_the_progress_file_however_it_is_named() {
    let (home, state, bytes) = home_with_local_progress();
    let refused = "roadmap: error: cannot write progress.json: it is where your progress is \
                   kept; choose another file\n";
    roadmap(&home)
        .args(["export", "--format", "json", "--state", "progress.json"])
        .args(["-o", "progress.json"])
        .assert()
        .code(1)
        .stdout("")
        .stderr(refused);
    roadmap(&home)
        .env("ROADMAP_STATE", "progress.json")
        .args(["export", "--format", "json", "-o", "progress.json"])
        .assert()
        .code(1)
        .stderr(refused);
    // Another name of the same file: a symlink, a hard link, `./`.
    #[cfg(unix)]
    {
        std::os::unix::fs::symlink(&state, home.path().join("soft.json")).unwrap();
        std::fs::hard_link(&state, home.path().join("hard.json")).unwrap();
    }
    // Through folders that do not exist, then back out of them.
    std::os::unix::fs::symlink("nowhere/../progress.json", home.path().join("sneaky.md")).unwrap();
    for (name, why) in [
        ("./progress.json", "is where your progress is kept"),
        ("soft.json", "is where your progress is kept"),
        ("hard.json", "is your progress file"),
        ("nope/../progress.json", "is where your progress is kept"),
        ("a/b/../../progress.json", "is where your progress is kept"),
        ("sneaky.md", "is where your progress is kept"),
        (
            "nope/../progress.json.lock",
            "is one of the files kept beside",
        ),
    ] {
        if !home.path().join(name).exists() {
            continue;
        }
        roadmap(&home)
            .env("ROADMAP_STATE", &state)
            .args(["export", "-o", name])
            .assert()
            .code(1)
            .stderr(predicate::str::contains(why));
    }
    assert_eq!(
        std::fs::read(&state).unwrap(),
        bytes,
        "byte for byte as it was"
    );
    assert!(
        !home.path().join("nope").exists(),
        "no folder made on the way"
    );
    // A path through a missing folder that is allowed lands where it says.
    roadmap(&home)
        .env("ROADMAP_STATE", &state)
        .args(["export", "-o", "new/../out.md"])
        .assert()
        .success();
    assert!(home.path().join("out.md").exists());
    assert!(!home.path().join("new").exists());
}

#[cfg(unix)]
#[test]
fn a_state_file_whose_name_is_not_utf8_keeps_its_files_protected() {
    use std::os::unix::ffi::OsStrExt;
    let home = home_with_progress();
    let name = std::ffi::OsStr::from_bytes(b"st\xffate.json");
    let state = home.path().join(name);
    std::fs::rename(home.state_file(), &state).unwrap();
    for suffix in [&b".lock"[..], b".damaged-x", b".cut-y", b".v1.bak"] {
        let target = std::ffi::OsStr::from_bytes(&[name.as_bytes(), suffix].concat()).to_owned();
        roadmap(&home)
            .arg("--state")
            .arg(&state)
            .arg("export")
            .arg("-o")
            .arg(&target)
            .assert()
            .code(1)
            .stderr(predicate::str::contains("is one of the files kept beside"));
        // Nothing written: the lock (there already) is still empty, the
        // rest were never made.
        let left = std::fs::read(home.path().join(&target)).unwrap_or_default();
        assert!(left.is_empty(), "{target:?} was written");
    }
}

#[cfg(unix)]
#[test]
fn a_roadmap_linked_into_the_roadmaps_folder_is_never_written_over() {
    let home = Home::new();
    let dotfiles = home.path().join("dotfiles");
    let folder = home.path().join("config/roadmap/roadmaps");
    std::fs::create_dir_all(&dotfiles).unwrap();
    std::fs::create_dir_all(&folder).unwrap();
    let yaml = "id: mine\ntitle: Mine\nlevels:\n  - title: L\n    topics:\n      - title: T\n        items: [I]\n";
    std::fs::write(dotfiles.join("mine.yaml"), yaml).unwrap();
    std::os::unix::fs::symlink(dotfiles.join("mine.yaml"), folder.join("mine.yaml")).unwrap();
    roadmap(&home)
        .args(["export", "-o"])
        .arg(folder.join("mine.yaml"))
        .assert()
        .code(1)
        .stderr(predicate::str::contains("is in your roadmaps folder"));
    assert_eq!(
        std::fs::read_to_string(dotfiles.join("mine.yaml")).unwrap(),
        yaml
    );
}

#[test]
fn output_paths_never_take_the_files_kept_beside_progress_nor_the_settings() {
    let (home, state, bytes) = home_with_local_progress();
    let config = home.path().join("config/roadmap");
    std::fs::create_dir_all(&config).unwrap();
    std::fs::write(config.join("config.yaml"), "theme: dark\n").unwrap();
    std::fs::write(
        home.path().join("progress.json.damaged-20260101T000000Z"),
        "old",
    )
    .unwrap();
    let settings = config.join("config.yaml").display().to_string();
    for (target, why) in [
        (
            "progress.json.lock",
            "is one of the files kept beside your progress file",
        ),
        (
            "progress.json.damaged-20260101T000000Z",
            "kept beside your progress file",
        ),
        (settings.as_str(), "is your settings file"),
    ] {
        roadmap(&home)
            .args(["--state", "progress.json", "export", "-o", target])
            .assert()
            .code(1)
            .stderr(predicate::str::contains(why));
    }
    let md = home.path().join("list.md");
    std::fs::write(&md, "- [ ] One\n").unwrap();
    roadmap(&home)
        .args(["--state", "progress.json", "import"])
        .arg(&md)
        .args(["-o", "progress.json.lock"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("kept beside your progress file"));
    assert_eq!(std::fs::read(&state).unwrap(), bytes);
    assert_eq!(
        std::fs::read_to_string(config.join("config.yaml")).unwrap(),
        "theme: dark\n"
    );
    // The store makes its lock when it opens; no output went into it.
    let lock = std::fs::read(home.path().join("progress.json.lock")).unwrap_or_default();
    assert!(!String::from_utf8_lossy(&lock).contains("Beginner"));
    assert_eq!(
        std::fs::read_to_string(home.path().join("progress.json.damaged-20260101T000000Z"))
            .unwrap(),
        "old"
    );
}

#[test]
fn an_export_never_replaces_the_roadmap_it_was_made_from() {
    let home = Home::new();
    let yaml = "title: Mine\nlevels:\n  - title: One\n    topics:\n      - title: T\n        items: [a, b]\n";
    std::fs::write(home.path().join("mine.yaml"), yaml).unwrap();
    roadmap(&home)
        .args(["export", "mine.yaml", "-o", "mine.yaml"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("is the roadmap being exported"));
    let folder = home.path().join("config/roadmap/roadmaps");
    std::fs::create_dir_all(&folder).unwrap();
    std::fs::write(folder.join("yours.yaml"), yaml.replace("Mine", "Yours")).unwrap();
    roadmap(&home)
        .args(["export", "-o"])
        .arg(folder.join("yours.yaml"))
        .assert()
        .code(1)
        .stderr(predicate::str::contains("is in your roadmaps folder"));
    assert_eq!(
        std::fs::read_to_string(home.path().join("mine.yaml")).unwrap(),
        yaml
    );
}

#[test]
fn a_regular_output_file_is_still_replaced_whole() {
    let home = home_with_progress();
    let out = home.path().join("out.md");
    std::fs::write(&out, "old text, longer than nothing\n").unwrap();
    roadmap(&home)
        .args(["export", "-o", "out.md"])
        .assert()
        .success();
    let expected = stdout(roadmap(&home).arg("export"));
    assert_eq!(std::fs::read_to_string(&out).unwrap(), expected);
    let leftovers: Vec<_> = std::fs::read_dir(home.path())
        .unwrap()
        .flatten()
        .filter(|entry| entry.file_name().to_string_lossy().starts_with(".tmp"))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
}

#[cfg(target_os = "linux")]
#[test]
fn a_fifo_is_written_to_and_stays_a_fifo() {
    use std::os::unix::fs::FileTypeExt;
    let home = home_with_progress();
    let fifo = home.path().join("pipe");
    let made = std::process::Command::new("mkfifo").arg(&fifo).status();
    if !made.is_ok_and(|status| status.success()) {
        eprintln!("skipped: no mkfifo to make a FIFO with");
        return;
    }
    // The reader waits in a thread of its own: if the FIFO were renamed
    // over, it would wait forever, and the test fails at the timeout.
    let (sent, received) = std::sync::mpsc::channel();
    {
        let fifo = fifo.clone();
        std::thread::spawn(move || sent.send(std::fs::read_to_string(fifo).unwrap()));
    }
    roadmap(&home)
        .args(["export", "-o", "pipe"])
        .timeout(std::time::Duration::from_secs(20))
        .assert()
        .success();
    assert!(
        std::fs::symlink_metadata(&fifo)
            .unwrap()
            .file_type()
            .is_fifo(),
        "still a FIFO"
    );
    let expected = stdout(roadmap(&home).arg("export"));
    let read = received
        .recv_timeout(std::time::Duration::from_secs(20))
        .expect("the reader got the bytes");
    assert_eq!(read, expected);
}

#[cfg(target_os = "linux")]
#[test]
fn dev_stdout_is_written_to_not_renamed_over() {
    let home = home_with_progress();
    let expected = stdout(roadmap(&home).arg("export"));
    // `-o` a link to `/dev/stdout` in the test's home, never `/dev/stdout`
    // itself: a build that renamed over its target would replace this
    // link, not the system's `/dev/stdout` (as root, it could).
    let out = home.path().join("out");
    std::os::unix::fs::symlink("/dev/stdout", &out).unwrap();
    // assert_cmd's standard output is a pipe: the bytes come through it.
    roadmap(&home)
        .args(["export", "-o", "out"])
        .assert()
        .success()
        .stdout(expected.clone());
    assert!(
        std::fs::symlink_metadata(&out)
            .unwrap()
            .file_type()
            .is_symlink()
    );
    // Redirected into a file, as `>> log` does: appended, and the same
    // file afterwards, not one renamed over it.
    let log = home.path().join("log.md");
    std::fs::write(&log, "before\n").unwrap();
    let file = std::fs::OpenOptions::new().append(true).open(&log).unwrap();
    let status = home
        .command()
        .args(["export", "-o", "out"])
        .stdout(file)
        .status()
        .unwrap();
    assert!(status.success());
    assert_eq!(
        std::fs::read_to_string(&log).unwrap(),
        format!("before\n{expected}")
    );
    // Redirected into the progress file itself: refused, file unchanged.
    let state = home.state_file();
    let bytes = std::fs::read(&state).unwrap();
    let file = std::fs::OpenOptions::new()
        .append(true)
        .open(&state)
        .unwrap();
    let output = home
        .command()
        .args(["export", "-o", "out"])
        .stdout(file)
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("is in your progress folder"), "{stderr}");
    assert_eq!(std::fs::read(&state).unwrap(), bytes);
}

#[test]
fn goal_sets_and_clears_a_target_date_that_status_shows_with_the_pace() {
    let home = home_with_progress();
    // 2026-11-22: one item done the day before, so 0.25 a week.
    let said = stdout(roadmap_at_fixed_now(&home).args([
        "goal",
        "backend",
        "--level",
        "beginner",
        "--by",
        "2027-02-27",
    ]));
    // 9 left in 14 weeks (98 days, today and the goal's day included).
    assert_eq!(
        said,
        "Beginner: at 0.25 a week: done around 29 Aug 2027; goal 27 Feb 2027 needs 0.72 a week\n"
    );
    let again = stdout(roadmap_at_fixed_now(&home).args([
        "goal",
        "--level",
        "beginner",
        "--by",
        "2027-02-27",
    ]));
    assert_eq!(again, "Beginner: the goal was 27 Feb 2027 already\n");
    stdout(roadmap_at_fixed_now(&home).args(["goal", "--by", "2027-12-31"]));

    let text = stdout(roadmap_at_fixed_now(&home).arg("status"));
    assert!(
        text.contains(
            "\nPace: at 0.25 a week: done around 3 Apr 2033; goal 31 Dec 2027 needs 1.44 a week\n\
             Beginner: at 0.25 a week: done around 29 Aug 2027; goal 27 Feb 2027 needs 0.72 a week\n"
        ),
        "{text}"
    );
    let json: serde_json::Value = serde_json::from_str(&stdout(
        roadmap_at_fixed_now(&home).args(["status", "--json"]),
    ))
    .unwrap();
    assert_eq!(json["goal"], "2027-12-31");
    assert_eq!(json["needed_per_week"], 1.44);
    assert_eq!(json["levels"][0]["goal"], "2027-02-27");
    assert_eq!(json["levels"][0]["needed_per_week"], 0.72);
    assert_eq!(json["levels"][1]["goal"], serde_json::Value::Null);

    // Kept with the progress: a line of this device's log.
    let log = std::fs::read_to_string(home.state_file()).unwrap();
    assert!(
        log.contains("\"item\":\"beginner\",\"goal\":\"2027-02-27\""),
        "{log}"
    );

    let said = stdout(roadmap_at_fixed_now(&home).args(["goal", "--level", "beginner", "--clear"]));
    assert_eq!(
        said,
        "Beginner: no goal now; at 0.25 a week: done around 29 Aug 2027\n"
    );
    let json: serde_json::Value = serde_json::from_str(&stdout(
        roadmap_at_fixed_now(&home).args(["status", "--json"]),
    ))
    .unwrap();
    assert_eq!(json["levels"][0]["goal"], serde_json::Value::Null);
    assert_eq!(json["goal"], "2027-12-31", "the roadmap's goal stays");
}

#[test]
fn goal_refuses_a_bad_date_a_past_one_and_an_unknown_level_saving_nothing() {
    let home = home_with_progress();
    let before = std::fs::read(home.state_file()).unwrap();
    for (args, message) in [
        (
            &["goal", "--by", "2027-3-1"][..],
            "the date `2027-3-1` is not written YYYY-MM-DD (like 2027-03-01)",
        ),
        (
            &["goal", "--by", "2027-02-29"][..],
            "the date `2027-02-29` is no day of the calendar",
        ),
        (
            &["goal", "--by", "2026-11-21"][..],
            "2026-11-21 is in the past: a goal is a day to come (today is 2026-11-22)",
        ),
        (
            &["goal", "--level", "beginer", "--by", "2027-01-01"][..],
            "no level `beginer` in backend (did you mean `beginner`?)",
        ),
    ] {
        roadmap_at_fixed_now(&home)
            .args(args)
            .assert()
            .code(1)
            .stderr(predicate::str::contains(message));
    }
    // Neither a date nor --clear, or both: usage errors.
    roadmap(&home).arg("goal").assert().code(2);
    roadmap(&home)
        .args(["goal", "--by", "2027-01-01", "--clear"])
        .assert()
        .code(2);
    assert_eq!(std::fs::read(home.state_file()).unwrap(), before);
}
