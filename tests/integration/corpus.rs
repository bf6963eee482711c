//! The corpus of bad roadmaps in `tests/corpus/`: for each file,
//! `roadmap validate` must print exactly the lines `expected.txt` lists
//! for it (every error and warning, at its line and column, nothing more),
//! and exit 1 exactly when one of them is an error.

use std::collections::BTreeMap;
use std::path::Path;

use crate::support::Home;

const CORPUS: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/corpus");

fn cases() -> Vec<String> {
    let mut cases: Vec<String> = std::fs::read_dir(CORPUS)
        .unwrap()
        .map(|entry| entry.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|name| name.ends_with(".yaml"))
        .collect();
    cases.sort();
    cases
}

#[test]
fn every_bad_roadmap_is_reported_exactly_where_expected() {
    let expected = std::fs::read_to_string(Path::new(CORPUS).join("expected.txt")).unwrap();
    let mut by_file: BTreeMap<&str, Vec<&str>> = BTreeMap::new();
    for line in expected.lines() {
        let file = line.split(':').next().unwrap();
        by_file.entry(file).or_default().push(line);
    }
    let cases = cases();
    assert!(cases.len() >= 30, "only {} cases", cases.len());
    let home = Home::new();
    let mut failures = Vec::new();
    for case in &cases {
        let output = home
            .command()
            .current_dir(CORPUS)
            .args(["validate", case])
            .output()
            .unwrap();
        let stdout = String::from_utf8(output.stdout).unwrap();
        let got: Vec<&str> = stdout.lines().collect();
        let want = by_file.remove(case.as_str()).unwrap_or_default();
        assert!(!want.is_empty(), "{case} has no expected lines");
        if got != want {
            failures.push(format!("{case}\n  want: {want:#?}\n  got:  {got:#?}"));
        }
        let has_errors = want.iter().any(|line| line.contains(": error: "));
        assert_eq!(
            output.status.code(),
            Some(i32::from(has_errors)),
            "{case}: exit code"
        );
    }
    assert!(
        by_file.is_empty(),
        "expected.txt names files the corpus lacks: {:?}",
        by_file.keys()
    );
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn opening_a_bad_roadmap_prints_its_errors_and_exits_before_the_terminal() {
    let home = Home::new();
    let output = home
        .command()
        .current_dir(CORPUS)
        .arg("many-problems.yaml")
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1));
    let expected = std::fs::read_to_string(Path::new(CORPUS).join("expected.txt")).unwrap();
    let errors: Vec<&str> = expected
        .lines()
        .filter(|line| line.starts_with("many-problems.yaml:") && line.contains(": error: "))
        .collect();
    let stderr = String::from_utf8(output.stderr).unwrap();
    let mut want = errors.join("\n");
    want.push_str(
        "\nroadmap: error: many-problems.yaml is not a valid roadmap: 4 errors (listed above)\n",
    );
    assert_eq!(stderr, want);
}
