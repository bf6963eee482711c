//! Writing a roadmap by hand, as `validate` sees it: the forms the docs
//! recommend give no warnings (the README's example, `import`'s output,
//! the bundled roadmaps, short-form items), and the slips that change
//! what a file means (a list element indented too far, a tab) are
//! reported at the line and column where they are.

use std::path::Path;

use predicates::prelude::*;

use crate::support::{Home, roadmap};

const README: &str = include_str!("../../README.md");
const ROOT: &str = env!("CARGO_MANIFEST_DIR");

fn write(home: &Home, name: &str, text: &str) -> String {
    let path = home.path().join(name);
    std::fs::write(&path, text).unwrap();
    path.display().to_string()
}

/// The first fenced block of `fence` after `heading` in the README.
fn readme_block(heading: &str, fence: &str) -> &'static str {
    let section = &README[README.find(heading).expect("heading in README")..];
    let open = format!("```{fence}\n");
    let start = section.find(&open).expect("block under heading") + open.len();
    let len = section[start..].find("```").expect("block ends");
    &section[start..start + len]
}

/// `validate FILE` that must pass with nothing to say: no line on
/// standard output, and a summary counting no warnings.
fn assert_clean(home: &Home, file: &str) {
    roadmap(home)
        .args(["validate", file])
        .assert()
        .success()
        .stdout("")
        .stderr(predicate::str::ends_with(", 0 warnings\n"));
}

const SHORT_FORM: &str = "\
title: Rust
levels:
  - title: Beginner
    topics:
      - title: Tooling
        items:
          - Install rustup
          - Cargo
          - Clippy
      - title: Language
        items:
          - Ownership
          - Borrowing
          - Lifetimes
          - Traits
";

#[test]
fn the_forms_the_docs_recommend_give_no_warnings() {
    let home = Home::new();
    let example = write(
        &home,
        "frontend.yaml",
        readme_block("## Your own roadmaps", "yaml"),
    );
    assert_clean(&home, &example);

    let short = write(&home, "rust.yaml", SHORT_FORM);
    roadmap(&home)
        .args(["validate", &short])
        .assert()
        .success()
        .stdout("")
        .stderr(format!(
            "{short}: ok: 1 level, 2 topics, 7 items, 0 warnings\n"
        ));

    for bundled in ["backend.yaml", "backend-essentials.yaml"] {
        let path = Path::new(ROOT).join("roadmaps").join(bundled);
        assert_clean(&home, &path.display().to_string());
    }
}

/// `roadmap validate roadmaps/*.yaml` in one run, as a contributor types
/// it: a file added to the folder is held to the same bar without anyone
/// having to list it here.
#[test]
fn every_file_in_the_roadmaps_folder_validates_without_warnings() {
    let home = Home::new();
    let folder = Path::new(ROOT).join("roadmaps");
    let mut files: Vec<String> = std::fs::read_dir(&folder)
        .unwrap()
        .map(|entry| entry.unwrap().path())
        .filter(|path| path.extension().is_some_and(|ext| ext == "yaml"))
        .map(|path| path.display().to_string())
        .collect();
    files.sort();
    assert!(files.len() >= 2, "the bundled roadmaps are in {folder:?}");
    let output = roadmap(&home)
        .arg("validate")
        .args(&files)
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(output.status.success(), "{stderr}");
    assert_eq!(String::from_utf8_lossy(&output.stdout), "");
    for file in &files {
        let summary = stderr
            .lines()
            .find(|line| line.starts_with(&format!("{file}: ")))
            .unwrap_or_else(|| panic!("no summary for {file} in:\n{stderr}"));
        assert!(summary.ends_with(", 0 warnings"), "{summary}");
    }
}

#[test]
fn imports_output_gives_no_warnings() {
    let home = Home::new();
    let checklist = roadmap(&home).arg("export").output().unwrap();
    assert!(checklist.status.success());
    let markdown = home.path().join("backend.md");
    std::fs::write(&markdown, &checklist.stdout).unwrap();
    let imported = home.path().join("mine.yaml");
    roadmap(&home)
        .arg("import")
        .arg(&markdown)
        .arg("-o")
        .arg(&imported)
        .assert()
        .success();
    assert_clean(&home, &imported.display().to_string());
}

/// The README shows `validate` on its example with `items` mistyped:
/// that is what the binary prints, word for word.
#[test]
fn the_readmes_validate_example_is_the_real_output() {
    let home = Home::new();
    let example = readme_block("## Your own roadmaps", "yaml").replace("items:", "itmes:");
    write(&home, "frontend.yaml", &example);
    let shown = readme_block("`roadmap validate` checks files", "text");
    let (command, want) = shown.split_once('\n').unwrap();
    assert!(
        command.starts_with("$ roadmap validate frontend.yaml"),
        "{command}"
    );
    let output = roadmap(&home)
        .args(["validate", "frontend.yaml"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1));
    let got = format!(
        "{}{}",
        String::from_utf8(output.stdout).unwrap(),
        String::from_utf8(output.stderr).unwrap()
    );
    assert_eq!(got, want);
}

#[test]
fn an_item_indented_one_space_too_far_is_warned_at_its_line() {
    let home = Home::new();
    let joined = SHORT_FORM.replace("          - Cargo", "           - Cargo");
    let file = write(&home, "joined.yaml", &joined);
    roadmap(&home)
        .args(["validate", &file])
        .assert()
        .success()
        .stdout(format!(
            "{file}:8:12: warning: this `- ` line is read as more of the text above it, \
             `Install rustup - Cargo`, not as a new list element: to make it one, indent its \
             `-` like the elements above it (or quote the text, if the dash belongs to it)\n"
        ))
        .stderr(format!(
            "{file}: ok: 1 level, 2 topics, 6 items, 1 warning\n"
        ));
}

#[test]
fn a_tab_is_reported_at_its_own_column() {
    let home = Home::new();
    // The parser blames `Tooling`, on the line above the tab.
    let tabbed = SHORT_FORM.replace(
        "        items:\n          - Install",
        "\titems:\n          - Install",
    );
    let file = write(&home, "tab.yaml", &tabbed);
    roadmap(&home)
        .args(["validate", &file])
        .assert()
        .code(1)
        .stdout(format!(
            "{file}:6:1: error: YAML syntax error: while scanning a plain scalar, found a tab \
             (YAML does not allow tabs for indentation: use spaces)\n"
        ));
    let later = SHORT_FORM.replace("          - Clippy", "          \t- Clippy");
    let file = write(&home, "later.yaml", &later);
    roadmap(&home)
        .args(["validate", &file])
        .assert()
        .code(1)
        .stdout(predicate::str::starts_with(format!("{file}:9:11: error: ")));
}

#[test]
fn a_misaligned_key_says_to_check_the_indentation() {
    let home = Home::new();
    let misaligned = SHORT_FORM.replace(
        "          - Traits\n",
        "          - title: Traits\n          description: Shared behaviour.\n",
    );
    let file = write(&home, "misaligned.yaml", &misaligned);
    roadmap(&home)
        .args(["validate", &file])
        .assert()
        .code(1)
        .stdout(predicate::str::starts_with(format!(
            "{file}:16:11: error: YAML syntax error: while parsing a block collection, did not \
             find expected '-' indicator (check this line's indentation:"
        )));
}

#[test]
fn the_summary_agrees_with_the_number_of_files() {
    let home = Home::new();
    let one = write(&home, "one.yaml", "title: X\nlevels: []\n");
    let two = write(&home, "two.yaml", "title: Y\nlevels: []\n");
    roadmap(&home)
        .args(["validate", &one, &two])
        .assert()
        .code(1)
        .stderr(predicate::str::ends_with(
            "roadmap: error: 2 of 2 files have errors\n",
        ));
    roadmap(&home)
        .args(["validate", &one])
        .assert()
        .code(1)
        .stderr(predicate::str::ends_with(
            "roadmap: error: 1 of 1 file has errors\n",
        ));
}
