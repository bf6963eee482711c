//! The bundled roadmaps cover every topic of the user's seed roadmaps
//! (copied into `tests/fixtures/seeds/`, so a fresh clone has them).

use roadmap::domain::roadmap::Roadmap;
use roadmap::io::bundled;

fn load(id: &str) -> Roadmap {
    bundled::find(id).unwrap().load().unwrap()
}

fn normalise(text: &str) -> String {
    text.to_lowercase()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// Seed 003 lists, per level, `* Topic: Item, Item, Item.`: every one of
/// them must be a topic of that level with exactly those items, in order.
#[test]
fn backend_has_every_level_topic_and_item_of_its_seed_in_order() {
    let seed = include_str!("../fixtures/seeds/003_c4d37fbd9854c664.txt");
    let roadmap = load("backend");
    let mut level = None;
    let mut checked = 0;
    for line in seed.lines() {
        if let Some(name) = line
            .strip_prefix("### ")
            .and_then(|l| l.strip_suffix(" Level"))
        {
            level = roadmap.levels.iter().find(|l| l.title == name);
            assert!(level.is_some(), "level {name} is missing");
            continue;
        }
        let (Some(level), Some(entry)) = (level, line.strip_prefix("* ")) else {
            continue;
        };
        let (topic_title, items) = entry.split_once(": ").unwrap();
        let topic = level
            .topics
            .iter()
            .find(|t| normalise(&t.title) == normalise(topic_title))
            .unwrap_or_else(|| panic!("{}: topic {topic_title} is missing", level.title));
        let expected: Vec<String> = items
            .trim_end_matches('.')
            .split(", ")
            .map(normalise)
            .collect();
        let actual: Vec<String> = topic.items.iter().map(|i| normalise(&i.title)).collect();
        assert_eq!(actual, expected, "{} / {}", level.title, topic.title);
        checked += 1;
    }
    assert_eq!(checked, 24, "every topic line of the seed was checked");
    assert_eq!(roadmap.items().count(), 85);
}

/// Seed 000's table of contents: its groups map to levels, and every entry
/// appears as a topic or an item of backend-essentials.
#[test]
fn backend_essentials_covers_every_entry_of_its_seed() {
    let seed = include_str!("../fixtures/seeds/000_d2a76f8ea0ce9286.txt");
    let roadmap = load("backend-essentials");
    let level_of = |topic: &str| {
        roadmap
            .levels
            .iter()
            .find(|l| l.topics.iter().any(|t| t.title == topic))
            .map(|l| l.title.as_str())
    };
    for (topic, level) in [
        ("Programming Fundamentals", "Beginner"),
        ("System Design Principles", "Beginner"),
        ("Server-Side Frameworks", "Intermediate"),
        ("Cloud Computing", "Intermediate"),
        ("Version Control (Git)", "Intermediate"),
        ("Message Queues", "Advanced"),
        ("Caching", "Advanced"),
        ("Security", "Advanced"),
        ("Testing", "Advanced"),
        ("CI/CD", "Advanced"),
    ] {
        assert_eq!(level_of(topic), Some(level), "{topic}");
    }

    let titles: Vec<String> = roadmap
        .levels
        .iter()
        .flat_map(|l| l.topics.iter())
        .flat_map(|t| std::iter::once(&t.title).chain(t.items.iter().map(|i| &i.title)))
        .map(|title| normalise(title))
        .collect();
    let groups = [
        "Foundational Knowledge",
        "Backend Technologies",
        "Advanced Concepts",
        "Key Skills",
        "Learning Resources",
    ];
    // The seed's last two entries have no content in the seed.
    let skipped = ["Roadmap (Example)", "Important Notes"];
    let mut checked = 0;
    for line in seed.lines() {
        let Some(entry) = line.trim_start().strip_prefix("* [] ") else {
            continue;
        };
        if groups.contains(&entry) || skipped.contains(&entry) {
            continue;
        }
        assert!(
            titles.iter().any(|title| title.contains(&normalise(entry))),
            "seed entry {entry:?} is not a topic or item"
        );
        checked += 1;
    }
    assert_eq!(checked, 19, "every table-of-contents entry was checked");
}
