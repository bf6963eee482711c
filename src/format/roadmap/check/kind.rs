//! The kinds of node a roadmap file is made of, and what the checker's
//! messages say of each: its name, its keys, its shape, and the key an
//! unknown one was likely meant as. Words only: walking the text is
//! [`super`]'s.

use crate::format::yaml::closest;

/// The kinds of node a roadmap file is made of.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Kind {
    Roadmap,
    Level,
    Topic,
    Item,
    Resource,
}

impl Kind {
    pub(super) fn name(self) -> &'static str {
        match self {
            Kind::Roadmap => "roadmap",
            Kind::Level => "level",
            Kind::Topic => "topic",
            Kind::Item => "item",
            Kind::Resource => "resource",
        }
    }

    pub(super) fn a(self) -> &'static str {
        match self {
            Kind::Item => "an",
            _ => "a",
        }
    }

    pub(super) fn keys(self) -> &'static [&'static str] {
        match self {
            Kind::Roadmap => &["title", "id", "description", "levels"],
            Kind::Level => &["title", "id", "description", "topics"],
            Kind::Topic => &["title", "id", "description", "resources", "items"],
            Kind::Item => &["title", "id", "description", "resources"],
            Kind::Resource => &["title", "url"],
        }
    }

    /// The key of the node's own list.
    pub(super) fn children(self) -> Option<&'static str> {
        match self {
            Kind::Roadmap => Some("levels"),
            Kind::Level => Some("topics"),
            Kind::Topic => Some("items"),
            Kind::Item | Kind::Resource => None,
        }
    }

    /// What a node of this kind looks like, for "expected …" messages.
    pub(super) fn shape(self) -> &'static str {
        match self {
            Kind::Roadmap => "a roadmap (a mapping with `title` and `levels`)",
            Kind::Level => "a level (a mapping with `title` and `topics`)",
            Kind::Topic => "a topic (a mapping with `title` and `items`)",
            Kind::Item => "an item (a title, or a mapping with `title`)",
            Kind::Resource => "a resource (a url, or a mapping with `title` and `url`)",
        }
    }

    /// The key an unknown `key` was most likely meant as.
    pub(super) fn suggest(self, key: &str) -> Option<&'static str> {
        if let Some(close) = closest(key, self.keys().iter().copied()) {
            return Some(close);
        }
        let meant = match (self, key.to_lowercase().as_str()) {
            (Kind::Resource, "link" | "href" | "uri" | "address" | "site") => "url",
            (Kind::Resource, "name" | "text" | "label") => "title",
            (_, "name" | "label" | "heading" | "caption" | "header") => "title",
            (_, "desc" | "summary" | "details" | "about" | "text" | "body" | "notes") => {
                "description"
            }
            (_, "key" | "slug" | "identifier") => "id",
            (_, "link" | "links" | "url" | "urls" | "refs" | "references" | "docs") => "resources",
            (
                _,
                "levels" | "topics" | "items" | "children" | "subtopics" | "tasks" | "todos"
                | "checklist" | "steps" | "stages" | "tabs" | "sections" | "entries",
            ) => self.children()?,
            _ => return None,
        };
        self.keys().contains(&meant).then_some(meant)
    }
}
