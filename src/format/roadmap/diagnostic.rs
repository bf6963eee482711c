//! What the checker found in a roadmap file: [`Diagnostic`]s gathered in a
//! [`Report`], printed one per line as `FILE:LINE:COLUMN: error: message`,
//! the form editors and `grep` understand. It only collects and prints
//! what the checker finds: it reads no YAML and no file.

use crate::domain::plural::count;
use std::fmt;

pub use crate::format::yaml::Position;

/// Beyond this many errors, and as many warnings, diagnostics are counted
/// but not kept: a file broken in a thousand places needs its first fixes,
/// not a flood. Kept apart, so warnings never crowd out an error.
pub const MAX_DIAGNOSTICS: usize = 200;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    /// Loadable, but probably not what the author meant.
    Warning,
    /// The file cannot be used as it is.
    Error,
}

impl Severity {
    pub fn label(self) -> &'static str {
        match self {
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }
}

/// One problem, where it is, and what to do about it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    pub severity: Severity,
    /// `None` for problems of the whole file (it is empty, say).
    pub at: Option<Position>,
    /// Safe to print: never holds a control character.
    pub message: String,
}

/// Every diagnostic of one file, in the order they were found.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Report {
    /// The file's path, or the bundled file's name.
    pub origin: String,
    diagnostics: Vec<Diagnostic>,
    errors: usize,
    warnings: usize,
    /// Whether warnings are being looked for at all.
    wants_warnings: bool,
}

impl Report {
    pub fn new(origin: &str, wants_warnings: bool) -> Report {
        Report {
            origin: origin.to_owned(),
            wants_warnings,
            ..Report::default()
        }
    }

    pub fn error(&mut self, at: Option<Position>, message: String) {
        self.errors += 1;
        self.keep(Severity::Error, at, message);
    }

    /// Adds a warning; `message` is only built when warnings are wanted,
    /// so opening a roadmap in the app pays nothing for them.
    pub fn warn(&mut self, at: Position, message: impl FnOnce() -> String) {
        if self.wants_warnings {
            self.warnings += 1;
            self.keep(Severity::Warning, Some(at), message());
        }
    }

    fn keep(&mut self, severity: Severity, at: Option<Position>, message: String) {
        let diagnostic = Diagnostic {
            severity,
            at,
            message,
        };
        // Content reached through several aliases is checked once per
        // alias: the same problem at the same place is one problem.
        if self.diagnostics.contains(&diagnostic) {
            match severity {
                Severity::Error => self.errors -= 1,
                Severity::Warning => self.warnings -= 1,
            }
            return;
        }
        let kept = self
            .diagnostics
            .iter()
            .filter(|d| d.severity == severity)
            .count();
        if kept < MAX_DIAGNOSTICS {
            self.diagnostics.push(diagnostic);
        }
    }

    /// The kept diagnostics, in the order of their place in the file.
    pub fn diagnostics(&self) -> &[Diagnostic] {
        &self.diagnostics
    }

    /// Sorts by place, errors before warnings at one place; a stable sort
    /// keeps what was found first first.
    pub fn sort(&mut self) {
        self.diagnostics
            .sort_by_key(|d| (d.at, std::cmp::Reverse(d.severity)));
    }

    pub fn errors(&self) -> usize {
        self.errors
    }

    pub fn warnings(&self) -> usize {
        self.warnings
    }

    pub fn has_errors(&self) -> bool {
        self.errors > 0
    }

    /// Found but not kept, past [`MAX_DIAGNOSTICS`].
    pub fn omitted(&self) -> usize {
        self.errors + self.warnings - self.diagnostics.len()
    }

    /// Every kept diagnostic as printed, one per line.
    pub fn lines(&self) -> impl Iterator<Item = String> + '_ {
        self.diagnostics
            .iter()
            .map(|diagnostic| self.line(diagnostic))
    }

    pub fn line(&self, diagnostic: &Diagnostic) -> String {
        let origin = crate::domain::safe_text::clean_line(&self.origin);
        let severity = diagnostic.severity.label();
        match diagnostic.at {
            Some(at) => format!(
                "{origin}:{}:{}: {severity}: {}",
                at.line, at.column, diagnostic.message
            ),
            None => format!("{origin}: {severity}: {}", diagnostic.message),
        }
    }

    /// "2 errors, 1 warning".
    pub fn summary(&self) -> String {
        let mut parts = vec![count(self.errors, "error")];
        if self.wants_warnings {
            parts.push(count(self.warnings, "warning"));
        }
        parts.join(", ")
    }
}

impl fmt::Display for Report {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for line in self.lines() {
            writeln!(f, "{line}")?;
        }
        if self.omitted() > 0 {
            writeln!(f, "… and {} more", self.omitted())?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn report_counts_beyond_what_it_keeps() {
        let mut report = Report::new("f.yaml", true);
        for n in 0..MAX_DIAGNOSTICS + 5 {
            report.error(
                Some(Position {
                    line: n + 1,
                    column: 1,
                }),
                "bad".into(),
            );
        }
        assert_eq!(report.errors(), MAX_DIAGNOSTICS + 5);
        assert_eq!(report.omitted(), 5);
        assert!(report.to_string().ends_with("… and 5 more\n"));
    }

    #[test]
    fn warnings_never_crowd_out_errors() {
        let mut report = Report::new("f.yaml", true);
        for n in 0..MAX_DIAGNOSTICS + 40 {
            report.warn(
                Position {
                    line: n + 1,
                    column: 1,
                },
                || "odd".into(),
            );
        }
        report.error(
            Some(Position {
                line: 999,
                column: 1,
            }),
            "bad".into(),
        );
        assert!(report.lines().any(|line| line.contains("error: bad")));
        assert_eq!(report.omitted(), 40);
    }

    #[test]
    fn the_same_problem_at_the_same_place_counts_once() {
        let mut report = Report::new("f.yaml", true);
        for _ in 0..3 {
            report.error(Some(Position { line: 4, column: 2 }), "bad".into());
        }
        report.error(Some(Position { line: 5, column: 2 }), "bad".into());
        assert_eq!(report.errors(), 2);
        assert_eq!(report.diagnostics().len(), 2);
    }

    #[test]
    fn warnings_cost_nothing_when_not_wanted() {
        let mut report = Report::new("f.yaml", false);
        report.warn(Position { line: 1, column: 1 }, || {
            unreachable!("built only when wanted")
        });
        assert_eq!(report.warnings(), 0);
        assert_eq!(report.summary(), "0 errors");
    }

    #[test]
    fn lines_lead_with_file_line_column_and_severity() {
        let mut report = Report::new("mine.yaml", true);
        report.error(
            Some(Position {
                line: 4,
                column: 13,
            }),
            "bad".into(),
        );
        report.warn(Position { line: 2, column: 1 }, || "odd".into());
        report.error(None, "empty".into());
        let lines: Vec<_> = report.lines().collect();
        assert_eq!(
            lines,
            [
                "mine.yaml:4:13: error: bad",
                "mine.yaml:2:1: warning: odd",
                "mine.yaml: error: empty"
            ]
        );
        assert_eq!(report.summary(), "2 errors, 1 warning");
    }
}
