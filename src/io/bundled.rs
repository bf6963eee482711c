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
    /// `roadmaps/<id>.keys`: its items' keys, made from the YAML by a test
    /// (see [`Bundled::item_keys`]).
    keys: &'static str,
    /// [`fingerprint`] of `yaml`, computed as the binary is built.
    fingerprint: u64,
}

const BACKEND: &str = include_str!("../../roadmaps/backend.yaml");
const ESSENTIALS: &str = include_str!("../../roadmaps/backend-essentials.yaml");

const ALL: &[Bundled] = &[
    Bundled {
        id: "backend",
        file: "roadmaps/backend.yaml",
        yaml: BACKEND,
        keys: include_str!("../../roadmaps/backend.keys"),
        fingerprint: fingerprint(BACKEND),
    },
    Bundled {
        id: "backend-essentials",
        file: "roadmaps/backend-essentials.yaml",
        yaml: ESSENTIALS,
        keys: include_str!("../../roadmaps/backend-essentials.keys"),
        fingerprint: fingerprint(ESSENTIALS),
    },
];

impl Bundled {
    pub fn load(&self) -> Result<Roadmap, LoadError> {
        parse(self.yaml, self.file, self.id)
    }

    /// Its items' keys in file order, without reading the YAML, which
    /// costs a shell prompt's `status --short` most of its time; `None`
    /// when the list was made from other YAML than this (the roadmap was
    /// edited since, and the list not made again), so that a stale list is
    /// never believed: the caller then loads the roadmap.
    pub fn item_keys(&self) -> Option<impl Iterator<Item = &'static str>> {
        let mut lines = self.keys.lines().filter(|line| !line.starts_with('#'));
        let made_from = lines.next()?.strip_prefix(FINGERPRINT)?;
        (made_from == format!("{:016x}", self.fingerprint)).then_some(lines)
    }
}

/// What a `.keys` file's first line after its comments starts with.
const FINGERPRINT: &str = "fingerprint ";

/// FNV-1a, 64 bits, of `text`: enough to tell one version of a bundled
/// roadmap from another (it guards against mistakes, not forgery: both
/// files are compiled in).
const fn fingerprint(text: &str) -> u64 {
    let bytes = text.as_bytes();
    let mut hash = 0xcbf2_9ce4_8422_2325_u64;
    let mut at = 0;
    while at < bytes.len() {
        hash ^= bytes[at] as u64;
        hash = hash.wrapping_mul(0x0000_0100_0000_01b3);
        at += 1;
    }
    hash
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

    /// What `roadmaps/<id>.keys` must hold for `bundled`.
    fn keys_file(bundled: &Bundled, roadmap: &Roadmap) -> String {
        let mut text = format!(
            "# The item keys of {}, for `roadmap status --short`.\n\
             # Made by `UPDATE_BUNDLED_KEYS=1 cargo test --lib bundled`, not by hand.\n\
             {FINGERPRINT}{:016x}\n",
            bundled.file,
            fingerprint(bundled.yaml)
        );
        for item in roadmap.items() {
            text.push_str(&item.key);
            text.push('\n');
        }
        text
    }

    #[test]
    fn every_bundled_key_list_is_made_from_its_roadmap_as_it_is_now() {
        for bundled in all() {
            let roadmap = bundled.load().unwrap();
            let wanted = keys_file(bundled, &roadmap);
            let file = bundled.file.replace(".yaml", ".keys");
            if std::env::var_os("UPDATE_BUNDLED_KEYS").is_some() {
                let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(&file);
                std::fs::write(path, &wanted).unwrap();
                continue;
            }
            assert_eq!(
                bundled.keys, wanted,
                "{file} is not made from {} as it is now: run \
                 UPDATE_BUNDLED_KEYS=1 cargo test --lib bundled",
                bundled.file
            );
            let keys: Vec<&str> = bundled.item_keys().unwrap().collect();
            let items: Vec<&str> = roadmap.items().map(|item| item.key.as_str()).collect();
            assert_eq!(keys, items);
        }
    }

    #[test]
    fn a_key_list_made_from_other_yaml_is_never_believed() {
        let mut edited = Bundled {
            yaml: "title: Edited\n",
            fingerprint: fingerprint("title: Edited\n"),
            ..*default()
        };
        assert!(edited.item_keys().is_none());
        edited.keys = "# comment\nfingerprint 00\na/b/c\n";
        assert!(edited.item_keys().is_none());
        edited.keys = "a/b/c\n";
        assert!(edited.item_keys().is_none(), "no fingerprint");
        let made = format!(
            "# c\nfingerprint {:016x}\na/b/c\nd/e/f\n",
            edited.fingerprint
        );
        edited.keys = Box::leak(made.into_boxed_str());
        assert_eq!(
            edited.item_keys().unwrap().collect::<Vec<_>>(),
            ["a/b/c", "d/e/f"]
        );
        assert_ne!(fingerprint("a"), fingerprint("b"));
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
