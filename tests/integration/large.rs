//! Large roadmaps, as the benchmarks make them: the generator gives valid
//! roadmaps of the shape asked for.

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
