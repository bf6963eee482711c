//! Large roadmaps, as the benchmarks make them: the generator gives valid
//! roadmaps of the shape asked for, and the cache that makes them open
//! fast gives the same roadmap as parsing, never a stale one.

#[path = "../../benches/support/generate.rs"]
mod generate;

use generate::{Shape, roadmap_yaml};

use crate::support::Home;

#[test]
fn generated_roadmaps_are_valid_deterministic_and_of_the_shape_asked() {
    let large = Shape {
        levels: 3,
        topics: 1_000,
        items: 100_000,
    };
    assert_eq!(Shape::LARGE, large, "the speed targets' roadmap");
    let yaml = roadmap_yaml(Shape::with_items(1_000));
    assert_eq!(yaml, roadmap_yaml(Shape::with_items(1_000)), "same bytes");
    let home = Home::new();
    let file = home.path().join("large.yaml");
    std::fs::write(&file, &yaml).unwrap();
    let output = home.command().arg("validate").arg(&file).output().unwrap();
    assert!(output.status.success(), "{output:?}");
    let summary = String::from_utf8(output.stderr).unwrap();
    assert!(
        summary.contains("ok: 3 levels, 10 topics, 1000 items, 0 warnings"),
        "{summary}"
    );
}

#[test]
fn a_cached_roadmap_reads_back_the_same_and_an_edit_is_seen_at_once() {
    let home = Home::new();
    let file = home.path().join("large.yaml");
    std::fs::write(&file, roadmap_yaml(Shape::with_items(500))).unwrap();
    let status = || {
        let output = home
            .command()
            .args(["status", "--json"])
            .arg(&file)
            .output()
            .unwrap();
        assert!(output.status.success(), "{output:?}");
        let mut json: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
        // The report's time changes from run to run; nothing else may.
        json.as_object_mut().unwrap().remove("updated");
        json
    };
    let parsed = status();
    let cached_copies = || {
        home.files()
            .into_iter()
            .filter(|file| file.starts_with("cache/roadmap/roadmaps/"))
            .count()
    };
    assert_eq!(cached_copies(), 1, "the first open caches a copy");
    assert_eq!(status(), parsed, "the copy reads back as the same roadmap");

    let edited =
        std::fs::read_to_string(&file)
            .unwrap()
            .replacen("title: Level 1", "title: Level One", 1);
    std::fs::write(&file, edited).unwrap();
    let after = status();
    assert_eq!(after["levels"][0]["title"], "Level One", "never stale");
    assert_eq!(cached_copies(), 1, "replaced, not added to");
}
