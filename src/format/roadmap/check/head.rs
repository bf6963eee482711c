//! What every level, topic and item has: a title, an id (written, or
//! derived from the title) and a description, each checked as it is
//! read, with the messages of the rules they break. Reading the node they
//! belong to is [`super`]'s.

use super::kind::Kind;
use super::{Checker, Keys, MAX_DESCRIPTION_CHARS, MAX_ID_CHARS, MAX_TITLE_CHARS, Walk};
use crate::domain::roadmap::{is_valid_id, slug};
use crate::domain::safe_text::{clean_block_owned, clean_line, clean_line_owned};
use crate::format::roadmap::diagnostic::Report;
use crate::format::yaml::{Position, Scalar, shorten};

/// `title`, `id` and `description`, as read from one node.
#[derive(Default)]
pub(super) struct Head {
    pub(super) title: Option<(String, Position)>,
    pub(super) id: Option<String>,
    pub(super) description: Option<String>,
}

/// A node's validated title, id and description.
pub(super) struct Named {
    pub(super) id: String,
    pub(super) title: String,
    pub(super) description: String,
}

impl Checker<'_, '_> {
    /// Checks the title and resolves the id. `None` when the node has no
    /// usable id (already reported).
    pub(super) fn name(
        &mut self,
        kind: Kind,
        at: Position,
        keys: &Keys,
        head: Head,
    ) -> Option<Named> {
        let (title, title_at) = self.title_of(kind, at, keys, head.title)?;
        let id = if keys.has("id") {
            head.id?
        } else {
            let derived = slug(&title);
            if derived.is_empty() {
                self.report.error(
                    Some(title_at),
                    format!(
                        "cannot derive an id from the {} title `{}`: add an explicit `id:`",
                        kind.name(),
                        shorten(&title)
                    ),
                );
                return None;
            }
            // No warning: the short form (`- Cargo`) is how items are
            // meant to be written; keeping an id through a rename is
            // documented, not nagged about on every node.
            derived
        };
        Some(Named {
            id,
            title,
            description: head.description.unwrap_or_default(),
        })
    }

    /// The title, or an error if the node has no `title:` key. (A title
    /// that is there but bad was reported when it was read.)
    pub(super) fn title_of(
        &mut self,
        kind: Kind,
        at: Position,
        keys: &Keys,
        title: Option<(String, Position)>,
    ) -> Option<(String, Position)> {
        if !keys.tried("title") {
            self.report
                .error(Some(at), format!("this {} has no `title`", kind.name()));
        }
        title
    }

    pub(super) fn check_title(
        &mut self,
        kind: Kind,
        scalar: Scalar,
        at: Position,
    ) -> Option<(String, Position)> {
        if scalar.is_null() || scalar.text.trim().is_empty() {
            self.report
                .error(Some(at), format!("the {} title is empty", kind.name()));
            return None;
        }
        let chars = scalar.text.chars().count();
        if chars > MAX_TITLE_CHARS {
            self.report.error(
                Some(at),
                format!(
                    "the {} title is {chars} characters long, over the limit of \
                     {MAX_TITLE_CHARS}: move the detail into `description`",
                    kind.name()
                ),
            );
            return None;
        }
        Some((clean_line_owned(scalar.text), at))
    }
}

impl Head {
    /// Reads the value of `title`, `id` or `description`.
    pub(super) fn read(&mut self, checker: &mut Checker, kind: Kind, key: &str) -> Walk<()> {
        let expected = match key {
            "title" => "a title (text)",
            "id" => "an id (text)",
            _ => "a description (text)",
        };
        let Some((scalar, at)) = checker.scalar(expected)? else {
            return Ok(());
        };
        match key {
            "title" => self.title = checker.check_title(kind, scalar, at),
            "id" => self.id = explicit_id(checker.report, kind, scalar, at),
            _ => self.description = description(checker.report, scalar, at),
        }
        Ok(())
    }
}

fn explicit_id(report: &mut Report, kind: Kind, scalar: Scalar, at: Position) -> Option<String> {
    let id = scalar.text.as_ref();
    let problem = if scalar.is_null() || id.is_empty() {
        format!("the {} id is empty", kind.name())
    } else if !is_valid_id(id) {
        format!(
            "{} id `{}` is not usable as a stable key: use only letters, digits, `-`, `_` and `.`",
            kind.name(),
            shorten(&clean_line(id))
        )
    } else if id.chars().count() > MAX_ID_CHARS {
        format!(
            "the {} id is longer than {MAX_ID_CHARS} characters, the limit",
            kind.name()
        )
    } else {
        return Some(scalar.text.into_owned());
    };
    report.error(Some(at), problem);
    None
}

fn description(report: &mut Report, scalar: Scalar, at: Position) -> Option<String> {
    if scalar.is_null() {
        return None;
    }
    let chars = scalar.text.chars().count();
    if chars > MAX_DESCRIPTION_CHARS {
        report.error(
            Some(at),
            format!(
                "the description is {chars} characters long, over the limit of \
                 {MAX_DESCRIPTION_CHARS}: link to a page instead (`resources`)"
            ),
        );
        return None;
    }
    Some(clean_block_owned(scalar.text))
}
