//! The roadmap domain: a [`Roadmap`] is levels ▸ topics ▸ checklist items,
//! each with a stable id. Values are only built by [`crate::format::roadmap::load`], which validates
//! them, so the rest of the crate can trust every invariant documented here.

/// A whole roadmap, as loaded from one YAML file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Roadmap {
    /// Stable id: explicit `id:` or the file stem. Keys the roadmap's progress.
    pub id: String,
    pub title: String,
    pub description: String,
    /// Never empty.
    pub levels: Vec<Level>,
}

/// One tab of the roadmap (Beginner, Intermediate, ...).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Level {
    /// Unique among the roadmap's levels.
    pub id: String,
    pub title: String,
    pub description: String,
    /// Never empty.
    pub topics: Vec<Topic>,
}

/// An area of study inside a level, shown as a collapsible row.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Topic {
    /// Unique among the level's topics.
    pub id: String,
    pub title: String,
    pub description: String,
    pub resources: Vec<Resource>,
    /// May be empty: an empty topic is odd, but not wrong.
    pub items: Vec<Item>,
}

/// One thing to learn: the unit that gets ticked off.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Item {
    /// Unique among the topic's items.
    pub id: String,
    /// `level/topic/item`: the key progress is stored under. It depends only
    /// on ids, never on positions, so reordering a file keeps progress.
    pub key: String,
    pub title: String,
    pub description: String,
    pub resources: Vec<Resource>,
}

/// A link worth reading for an item or topic. `url` is always http(s).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Resource {
    pub title: String,
    pub url: String,
}

/// Where an item is: the indexes of its level, its topic in the level,
/// and the item in the topic.
pub type Place = (usize, usize, usize);

impl Roadmap {
    /// Every item of every level, in file order.
    pub fn items(&self) -> impl Iterator<Item = &Item> {
        self.levels.iter().flat_map(Level::items)
    }

    /// Every item with its [`Place`], in file order.
    pub fn placed_items(&self) -> impl Iterator<Item = (&Item, Place)> {
        self.levels.iter().enumerate().flat_map(|(l, level)| {
            level.topics.iter().enumerate().flat_map(move |(t, topic)| {
                topic
                    .items
                    .iter()
                    .enumerate()
                    .map(move |(i, item)| (item, (l, t, i)))
            })
        })
    }
}

impl Level {
    /// Every item of the level, in file order.
    pub fn items(&self) -> impl Iterator<Item = &Item> {
        self.topics.iter().flat_map(|topic| topic.items.iter())
    }
}

/// The key an item's progress is stored under: `level/topic/item`.
pub fn item_key(level: &str, topic: &str, item: &str) -> String {
    // Not `format!`: this runs once per item of every roadmap loaded.
    let mut key = String::with_capacity(level.len() + topic.len() + item.len() + 2);
    for part in [level, "/", topic, "/", item] {
        key.push_str(part);
    }
    key
}

/// Derives an id from a title: lowercase, alphanumeric runs joined by `-`.
/// Empty when the title has no letters or digits, which the loader reports.
///
/// ```
/// use roadmap::domain::roadmap::slug;
/// assert_eq!(slug("CI/CD Pipelines"), "ci-cd-pipelines");
/// assert_eq!(slug("Object-Oriented Programming (OOP)"), "object-oriented-programming-oop");
/// assert_eq!(slug("???"), "");
/// ```
pub fn slug(title: &str) -> String {
    let mut slug = String::with_capacity(title.len());
    for word in title.split(|c: char| !c.is_alphanumeric()) {
        if word.is_empty() {
            continue;
        }
        if !slug.is_empty() {
            slug.push('-');
        }
        slug.extend(word.chars().flat_map(char::to_lowercase));
    }
    slug
}

/// The id a file without `id:` gets from its name: the stem as it is if
/// it is a usable id, else slugged (`My Plan` → `my-plan`). Empty when the
/// name has no letters or digits.
pub fn id_from_file_stem(stem: &str) -> String {
    if is_valid_id(stem) {
        stem.to_owned()
    } else {
        slug(stem)
    }
}

/// Whether `id` can serve as a stable key: non-empty, and only letters,
/// digits, `-`, `_` and `.`, so it never clashes with the `/` that joins
/// ids into item keys and survives being typed on a command line.
pub fn is_valid_id(id: &str) -> bool {
    !id.is_empty()
        && id
            .chars()
            .all(|c| c.is_alphanumeric() || matches!(c, '-' | '_' | '.'))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slug_joins_alphanumeric_runs_with_dashes() {
        assert_eq!(slug("Database Management"), "database-management");
        assert_eq!(slug("CI/CD Pipelines"), "ci-cd-pipelines");
        assert_eq!(
            slug("Secure Software Development Lifecycle (SDLC)"),
            "secure-software-development-lifecycle-sdlc"
        );
        assert_eq!(
            slug("  Object-Oriented   Programming "),
            "object-oriented-programming"
        );
        assert_eq!(slug("Node.js"), "node-js");
    }

    #[test]
    fn slug_keeps_non_ascii_letters() {
        assert_eq!(slug("Базы данных"), "базы-данных");
        assert_eq!(slug("データベース 基礎"), "データベース-基礎");
    }

    #[test]
    fn slug_of_punctuation_only_is_empty() {
        assert_eq!(slug("!!! ???"), "");
        assert_eq!(slug(""), "");
    }

    #[test]
    fn valid_ids_are_slug_like() {
        assert!(is_valid_id("database-basics"));
        assert!(is_valid_id("v1.2_final"));
        assert!(!is_valid_id(""));
        assert!(!is_valid_id("a/b"));
        assert!(!is_valid_id("has space"));
        assert!(!is_valid_id("esc\u{1b}"));
    }
}
