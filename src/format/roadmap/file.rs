//! The roadmap file's shape for writing: the keys [`super::check`] reads,
//! as `Serialize` types that `serde_yaml` turns into text.
//!
//! Reading stays on saphyr-parser ([`super::check`]), which gives every
//! node its line and column and bounds what aliases may cost; writing has
//! neither need, so it goes through serde, which quotes every scalar that
//! would not read back as the same text (`yes`, `404`, `a: b`, `# x`,
//! a leading `-`, control characters, line breaks).
//!
//! Optional keys are left out when empty, so a written file holds only what
//! a person would have written. Fields are in the order
//! `docs/roadmap-format.md` shows them: `title` first, children last.

use serde::Serialize;

/// What every node but a resource starts with.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Head {
    pub title: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
}

/// A whole roadmap file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Roadmap {
    #[serde(flatten)]
    pub head: Head,
    pub levels: Vec<Level>,
}

/// One of `levels`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Level {
    #[serde(flatten)]
    pub head: Head,
    pub topics: Vec<Topic>,
}

/// One of a level's `topics`. `items` is written even when empty
/// (`items: []`), so that the file shows the topic is empty on purpose.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Topic {
    #[serde(flatten)]
    pub head: Head,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub resources: Vec<Resource>,
    pub items: Vec<Item>,
}

/// One of a topic's `items`, in long form (a mapping, not a bare title).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Item {
    #[serde(flatten)]
    pub head: Head,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub resources: Vec<Resource>,
}

/// A link of a topic or item.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Resource {
    pub title: String,
    pub url: String,
}

impl Roadmap {
    /// The YAML text of the file, in block style.
    ///
    /// Any text is written so that it reads back as itself, but for one
    /// thing, refused with an error: the line and paragraph separators
    /// U+2028 and U+2029. serde_yaml's emitter (libyaml) follows YAML 1.1,
    /// where they are line breaks, and indents after them; saphyr-parser
    /// follows YAML 1.2, where they are text, and would read the indent
    /// into the title. Markdown import turns them into spaces
    /// ([`crate::domain::safe_text::clean_line_for_file`]). Double-quoted
    /// text has them escaped (`\L`, `\P`), which reads back fine: only a
    /// raw one in the output is a problem.
    pub fn to_yaml(&self) -> Result<String, serde_yaml::Error> {
        let yaml = serde_yaml::to_string(self)?;
        if yaml.contains(['\u{2028}', '\u{2029}']) {
            return Err(serde::ser::Error::custom(
                "text holds a line or paragraph separator (U+2028, U+2029), which \
                 YAML 1.1 and 1.2 read differently",
            ));
        }
        Ok(yaml)
    }
}
