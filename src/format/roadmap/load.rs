//! A roadmap's text → [`Roadmap`], however it is opened (a file, a
//! bundled roadmap, an import), and [`LoadError`], what a roadmap that
//! cannot be opened says. The content is checked by [`super::check`],
//! which reports every problem it finds.
//!
//! Text in, roadmap out: this module must not open a file (reading one,
//! with its size and UTF-8 guards, is [`crate::io::catalog`]'s, which
//! hands the text here) nor know which roadmaps are bundled (the ids a
//! file may not take are given to [`parse_file`]).

use std::fmt;

use super::check::check;
use super::diagnostic::{Position, Report};
use crate::domain::plural::count;
use crate::domain::roadmap::Roadmap;
use crate::domain::safe_text::clean_line;

/// Larger files are refused before parsing: no hand-written roadmap comes
/// near this, and it bounds the memory a hostile file can make us use.
pub const MAX_FILE_BYTES: u64 = 16 * 1024 * 1024;

/// A roadmap that could not be loaded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LoadError {
    /// The file could not be read at all: missing, a directory, too large.
    File { origin: String, message: String },
    /// The text is not a valid roadmap: every error found, in file order.
    Invalid(Report),
}

impl LoadError {
    /// The file `origin` could not be read, for `message`'s reason.
    pub fn file(origin: &str, message: impl Into<String>) -> LoadError {
        LoadError::File {
            origin: origin.to_owned(),
            message: message.into(),
        }
    }

    /// The file `origin` is not UTF-8 text from `at` on.
    pub fn not_utf8(origin: &str, at: Position) -> LoadError {
        let mut report = Report::new(origin, false);
        report.error(
            Some(at),
            "the file is not UTF-8 text: save it as UTF-8".into(),
        );
        LoadError::Invalid(report)
    }

    /// Why the roadmap cannot be opened, in one line that says what to do
    /// (for lists of roadmaps, where the full report does not fit).
    pub fn brief(&self) -> String {
        match self {
            LoadError::File { message, .. } => clean_line(message),
            LoadError::Invalid(report) => format!(
                "not a valid roadmap ({}): `roadmap validate` lists them",
                count(report.errors(), "error")
            ),
        }
    }

    /// Whether the problems need lines of their own before the one
    /// `roadmap: error:` line, which can only hold one.
    pub fn has_several(&self) -> bool {
        matches!(self, LoadError::Invalid(report) if report.errors() > 1)
    }

    /// The problems as `validate` prints them, one per line.
    pub fn report(&self) -> Report {
        match self {
            LoadError::Invalid(report) => report.clone(),
            LoadError::File { origin, message } => {
                let mut report = Report::new(origin, false);
                report.error(None, message.clone());
                report
            }
        }
    }
}

impl fmt::Display for LoadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            LoadError::File { origin, message } => write!(f, "{}: {message}", clean_line(origin)),
            // One problem reads best as one line, the way it is found.
            LoadError::Invalid(report) => match report.diagnostics() {
                [only] if report.errors() == 1 => {
                    write!(f, "{}", report.line(only).replacen(": error: ", ": ", 1))
                }
                _ => write!(
                    f,
                    "{} is not a valid roadmap: {} (listed above)",
                    clean_line(&report.origin),
                    count(report.errors(), "error")
                ),
            },
        }
    }
}

impl std::error::Error for LoadError {}

/// Parses roadmap YAML. `origin` names the text in messages; `default_id`
/// is the roadmap id when the text has no `id:` (slugged if need be).
pub fn parse(text: &str, origin: &str, default_id: &str) -> Result<Roadmap, LoadError> {
    parse_file(text, origin, default_id, &[])
}

/// Parses a roadmap file's text, whose id is its `file_stem` when it has
/// no `id:`, unless that id is one of `reserved` (the bundled roadmaps'):
/// `backend.yaml` must say `id: backend` to share the bundled roadmap's
/// progress, and never does so by its name alone.
pub fn parse_file(
    text: &str,
    origin: &str,
    file_stem: &str,
    reserved: &[&str],
) -> Result<Roadmap, LoadError> {
    let (roadmap, report) = check(text, origin, file_stem, reserved, false);
    roadmap.ok_or(LoadError::Invalid(report))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn load(text: &str) -> Result<Roadmap, LoadError> {
        parse(text, "test.yaml", "test")
    }

    const MINIMAL: &str = "title: T\nlevels:\n  - title: L\n    topics: [{title: A, items: [x]}]\n";

    #[test]
    fn error_display_leads_with_file_line_column() {
        let err = load("title: X\nlevels: []\n").unwrap_err();
        assert!(err.to_string().starts_with("test.yaml:2:9: "), "{err}");
    }

    #[test]
    fn a_file_may_not_take_a_reserved_id_by_its_name_alone() {
        let reserved = ["backend"];
        let refused = parse_file(MINIMAL, "backend.yaml", "backend", &reserved).unwrap_err();
        assert!(
            refused
                .to_string()
                .starts_with("backend.yaml:1:1: this file has no `id:`"),
            "{refused}"
        );
        let declared = format!("id: backend\n{MINIMAL}");
        let file = |text, stem| parse_file(text, "f.yaml", stem, &reserved).map(|r| r.id);
        assert_eq!(file(&declared, "backend"), Ok("backend".to_owned()));
        assert_eq!(file(MINIMAL, "mine"), Ok("mine".to_owned()));
        let bundled = parse(MINIMAL, "b.yaml", "backend").unwrap();
        assert_eq!(bundled.id, "backend", "nothing is reserved");
    }

    #[test]
    fn a_file_that_cannot_be_read_is_one_line_that_says_why() {
        let err = LoadError::file("a\u{1b}.yaml", "no such file");
        assert_eq!(err.to_string(), "a\\x1b.yaml: no such file");
        assert_eq!(err.brief(), "no such file");
        assert!(!err.has_several());
        let lines: Vec<String> = err.report().lines().collect();
        assert_eq!(lines, ["a\\x1b.yaml: error: no such file"]);
    }

    #[test]
    fn a_text_that_is_not_utf8_is_an_error_at_its_place() {
        let err = LoadError::not_utf8("f.yaml", Position { line: 2, column: 5 });
        assert_eq!(
            err.to_string(),
            "f.yaml:2:5: the file is not UTF-8 text: save it as UTF-8"
        );
        assert!(!err.has_several());
        assert_eq!(
            err.brief(),
            "not a valid roadmap (1 error): `roadmap validate` lists them"
        );
    }

    #[test]
    fn several_errors_are_counted_and_listed_apart() {
        let err = load("title: ''\nlevels: []\n").unwrap_err();
        assert!(err.has_several());
        assert_eq!(
            err.to_string(),
            "test.yaml is not a valid roadmap: 2 errors (listed above)"
        );
        assert_eq!(
            err.brief(),
            "not a valid roadmap (2 errors): `roadmap validate` lists them"
        );
        assert_eq!(err.report().lines().count(), 2);
    }
}
