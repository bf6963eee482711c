//! The links of the bundled roadmaps: every one is `https://`, none is
//! repeated within its topic, none points where a page used to be (or at a
//! page that is off the item's subject), and every item of every bundled
//! roadmap has at least one. Checked on the text compiled into
//! the binary; nothing is fetched.

use std::collections::HashSet;

use roadmap::domain::roadmap::Roadmap;
use roadmap::format::roadmap::load::parse;
use roadmap::io::bundled;

/// Pages that moved or were retired: each has a current replacement, and
/// a link starting with one of these is stale.
const MOVED: &[&str] = &[
    // The `/ee/` paths redirect; the CI docs are at docs.gitlab.com/ci/.
    "https://docs.gitlab.com/ee/",
    // Timescale is now Tiger Data, with its docs at www.tigerdata.com/docs/
    // (docs.tigerdata.com is only in older copies).
    "https://docs.timescale.com",
    "https://docs.tigerdata.com",
    // Elastic's legacy documentation tree.
    "https://www.elastic.co/guide/index.html",
    // The wiki now only points at docs.memcached.org.
    "https://github.com/memcached/memcached/wiki",
    // The project page, not the list: the list is owasp.org/Top10/2025/.
    "https://owasp.org/www-project-top-ten",
    // The command-line debugger's API page, not Node's debugging guide.
    "https://nodejs.org/docs/latest/api/debugger.html",
    "https://nodejs.org/api/debugger.html",
];

/// Pages that are current but off the subject of the item with this id
/// (in any bundled roadmap): fine elsewhere, wrong there.
const OFF_TOPIC: &[(&str, &str)] = &[
    // The Zen of Python is not a page about design principles.
    ("design-principles", "https://peps.python.org/pep-0020"),
    // Lists, dicts and sets only: no algorithms.
    (
        "data-structures-algorithms",
        "https://docs.python.org/3/tutorial/datastructures.html",
    ),
];

/// Every broken rule among a roadmap's links, one line each, and how many
/// links were looked at.
fn problems(roadmap: &Roadmap) -> (Vec<String>, usize) {
    let mut problems = Vec::new();
    let mut checked = 0;
    for level in &roadmap.levels {
        for topic in &level.topics {
            let own = topic.resources.iter().map(|r| {
                let place = format!("{}: topic {}/{}", roadmap.id, level.id, topic.id);
                (place, "", r)
            });
            let items = topic.items.iter().flat_map(|item| {
                let place = format!("{}: {}", roadmap.id, item.key);
                item.resources
                    .iter()
                    .map(move |r| (place.clone(), item.id.as_str(), r))
            });
            let mut seen = HashSet::new();
            for (place, item_id, resource) in own.chain(items) {
                let url = resource.url.as_str();
                checked += 1;
                if !url.starts_with("https://") {
                    problems.push(format!("{place}: not https: {url}"));
                }
                if !seen.insert(url) {
                    problems.push(format!("{place}: linked twice in its topic: {url}"));
                }
                if let Some(prefix) = MOVED.iter().find(|prefix| url.starts_with(**prefix)) {
                    problems.push(format!("{place}: {url} has moved (it is under {prefix})"));
                }
                if OFF_TOPIC
                    .iter()
                    .any(|(id, prefix)| *id == item_id && url.starts_with(prefix))
                {
                    problems.push(format!("{place}: {url} is off the item's subject"));
                }
            }
        }
    }
    (problems, checked)
}

#[test]
fn every_bundled_link_is_https_unique_in_its_topic_and_current() {
    let mut all = Vec::new();
    for bundled in bundled::all() {
        let roadmap = bundled
            .load()
            .unwrap_or_else(|err| panic!("{}: {err}", bundled.file));
        let (problems, checked) = problems(&roadmap);
        assert!(checked >= roadmap.items().count(), "{}", bundled.file);
        all.extend(problems);
    }
    assert!(all.is_empty(), "\n{}", all.join("\n"));
}

#[test]
fn every_item_of_every_bundled_roadmap_has_a_link() {
    for id in ["backend", "backend-essentials"] {
        let roadmap = bundled::find(id).unwrap().load().unwrap();
        let bare: Vec<&str> = roadmap
            .items()
            .filter(|item| item.resources.is_empty())
            .map(|item| item.key.as_str())
            .collect();
        assert_eq!(bare, Vec::<&str>::new(), "{id}: items with no link");
    }
}

/// The rules catch what they are for, so a clean run above means clean
/// links and not a check that matches nothing.
#[test]
fn the_link_rules_report_each_kind_of_bad_link() {
    let yaml = r#"
title: Links
levels:
  - title: Beginner
    topics:
      - title: Tools
        resources:
          - { title: Twice, url: "https://example.org/a" }
        items:
          - title: GitLab CI
            resources:
              - { title: Old CI docs, url: "https://docs.gitlab.com/ee/ci/" }
              - { title: Plain, url: "http://example.org/b" }
              - { title: Again, url: "https://example.org/a" }
          - title: Design Principles
            resources:
              - { title: Zen, url: "https://peps.python.org/pep-0020/" }
          - title: Coding standards
            resources:
              - { title: Zen, url: "https://peps.python.org/pep-0020/" }
"#;
    let roadmap = parse(yaml, "links.yaml", "links").unwrap();
    let (problems, checked) = problems(&roadmap);
    assert_eq!(checked, 6);
    assert_eq!(
        problems,
        [
            "links: beginner/tools/gitlab-ci: https://docs.gitlab.com/ee/ci/ has moved \
             (it is under https://docs.gitlab.com/ee/)",
            "links: beginner/tools/gitlab-ci: not https: http://example.org/b",
            "links: beginner/tools/gitlab-ci: linked twice in its topic: https://example.org/a",
            "links: beginner/tools/design-principles: https://peps.python.org/pep-0020/ \
             is off the item's subject",
            "links: beginner/tools/coding-standards: linked twice in its topic: \
             https://peps.python.org/pep-0020/",
        ]
    );
}
