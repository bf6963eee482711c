//! Roadmaps compiled into the binary, so an installed `roadmap` works from
//! any directory. Their YAML lives in `roadmaps/`. It owns which roadmaps
//! are bundled (their ids are the ones a user's file may not take by its
//! name alone); their text is checked by [`crate::format::roadmap`] at
//! every load like any file's, never trusted as it is.

use crate::domain::roadmap::Roadmap;
use crate::format::roadmap::load::{LoadError, parse};

/// A roadmap shipped inside the binary.
#[derive(Debug)]
pub struct Bundled {
    /// What the user types: `roadmap backend-essentials`.
    pub id: &'static str,
    /// The source file, named in error messages.
    pub file: &'static str,
    pub yaml: &'static str,
}

const ALL: &[Bundled] = &[
    Bundled {
        id: "backend",
        file: "roadmaps/backend.yaml",
        yaml: include_str!("../../roadmaps/backend.yaml"),
    },
    Bundled {
        id: "backend-essentials",
        file: "roadmaps/backend-essentials.yaml",
        yaml: include_str!("../../roadmaps/backend-essentials.yaml"),
    },
];

impl Bundled {
    pub fn load(&self) -> Result<Roadmap, LoadError> {
        parse(self.yaml, self.file, self.id)
    }
}

/// Every bundled roadmap, the default first.
pub fn all() -> &'static [Bundled] {
    ALL
}

/// The roadmap `roadmap` opens when given no name.
pub fn default() -> &'static Bundled {
    &ALL[0]
}

pub fn find(id: &str) -> Option<&'static Bundled> {
    ALL.iter().find(|bundled| bundled.id == id)
}

pub fn ids() -> impl Iterator<Item = &'static str> {
    ALL.iter().map(|bundled| bundled.id)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::format::roadmap::check::check;

    #[test]
    fn every_bundled_roadmap_loads_under_its_own_id() {
        for bundled in all() {
            let roadmap = bundled.load().unwrap_or_else(|err| panic!("{err}"));
            assert_eq!(
                roadmap.id, bundled.id,
                "{} declares another id",
                bundled.file
            );
            let titles: Vec<_> = roadmap.levels.iter().map(|l| l.title.as_str()).collect();
            assert_eq!(
                titles,
                ["Beginner", "Intermediate", "Advanced"],
                "{}",
                bundled.file
            );
        }
    }

    #[test]
    fn every_bundled_item_is_described_and_documented_over_https() {
        for bundled in all() {
            let roadmap = bundled.load().unwrap();
            for item in roadmap.items() {
                assert!(
                    !item.description.is_empty(),
                    "{} has no description",
                    item.key
                );
                for resource in &item.resources {
                    assert!(
                        resource.url.starts_with("https://"),
                        "{}: {}",
                        item.key,
                        resource.url
                    );
                }
            }
        }
    }

    #[test]
    fn the_bundled_roadmaps_have_no_warnings() {
        for bundled in all() {
            let (roadmap, report) = check(bundled.yaml, bundled.file, bundled.id, &[], true);
            assert!(roadmap.is_some());
            assert_eq!(report.diagnostics(), [], "{}", bundled.file);
        }
    }
}
