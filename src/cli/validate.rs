//! `roadmap validate [FILE]...`: checks roadmap files without opening the
//! app. Every problem goes to standard output, one per line, as
//! `FILE:LINE:COLUMN: error|warning: message`; a summary of each file goes
//! to standard error. Exits 1 if any file has an error.
//! Reads only roadmap files (those named, or the roadmaps folder): never progress.

use std::path::{Path, PathBuf};

use anyhow::{Result, bail};

use super::output::print;
use crate::domain::plural::count;
use crate::domain::safe_text::clean_line;
use crate::format::roadmap::diagnostic::Severity;
use crate::io::catalog::{self, Catalog};

/// Check roadmap files and report every problem, without opening the app
#[derive(Debug, clap::Args)]
#[command(
    after_help = "Each problem is printed as FILE:LINE:COLUMN: error|warning: message.\n\
                  Errors stop a roadmap from opening; warnings point at things that\n\
                  are probably mistakes (a list element indented too far, say).\n\n\
                  Examples:\n  \
                  roadmap validate mine.yaml\n  \
                  roadmap validate             check every roadmap in your roadmaps folder\n  \
                  roadmap validate -q *.yaml   errors only"
)]
pub struct Args {
    /// Roadmap files to check. Default: every file in your roadmaps folder
    /// (`roadmap paths` shows where).
    #[arg(value_name = "FILE")]
    pub files: Vec<PathBuf>,

    /// Print errors only, not warnings.
    #[arg(short, long)]
    pub quiet: bool,
}

pub fn run(args: Args, catalog: &Catalog) -> Result<()> {
    let files: Vec<PathBuf> = if args.files.is_empty() {
        catalog.user_files().map(Path::to_owned).collect()
    } else {
        args.files
    };
    if files.is_empty() {
        let folder = catalog.user_dir().map_or_else(
            || "your roadmaps folder".to_owned(),
            |dir| clean_line(&dir.display().to_string()),
        );
        bail!("no roadmap files to check: name some, or put your roadmaps in {folder}");
    }
    // The roadmaps folder's files, resolved once for the clash check.
    let folder: Vec<PathBuf> = catalog
        .user_files()
        .filter_map(|file| std::fs::canonicalize(file).ok())
        .collect();
    let mut failed = 0;
    for path in &files {
        let (roadmap, report) = catalog::validate(path, !args.quiet);
        let origin = clean_line(&report.origin);
        let mut lines: Vec<String> = report
            .diagnostics()
            .iter()
            .filter(|d| d.severity == Severity::Error || !args.quiet)
            .map(|d| report.line(d))
            .collect();
        if report.omitted() > 0 {
            lines.push(format!(
                "{origin}: … and {} more not shown",
                report.omitted()
            ));
        }
        // A file in the roadmaps folder must not take another's id,
        // however its path is spelled here.
        let clash = roadmap.as_ref().and_then(|roadmap| {
            let real = std::fs::canonicalize(path).ok()?;
            folder
                .contains(&real)
                .then(|| catalog.find(&roadmap.id).err())?
        });
        if let Some(clash) = &clash {
            lines.push(format!("{origin}: error: {clash}"));
        }
        let mut text = lines.join("\n");
        if !text.is_empty() {
            text.push('\n');
        }
        if !print(&text)? {
            return Ok(());
        }
        let warnings = if args.quiet {
            String::new()
        } else {
            format!(", {}", count(report.warnings(), "warning"))
        };
        match roadmap.filter(|_| clash.is_none()) {
            Some(roadmap) => {
                let topics: usize = roadmap.levels.iter().map(|l| l.topics.len()).sum();
                eprintln!(
                    "{origin}: ok: {}, {}, {}{warnings}",
                    count(roadmap.levels.len(), "level"),
                    count(topics, "topic"),
                    count(roadmap.items().count(), "item"),
                );
            }
            None => {
                failed += 1;
                let errors = report.errors() + usize::from(clash.is_some());
                eprintln!("{origin}: {}{warnings}", count(errors, "error"));
            }
        }
    }
    if failed > 0 {
        // The verb agrees with the files that failed: "1 of 2 files has",
        // "2 of 2 files have".
        let verb = if failed == 1 { "has" } else { "have" };
        bail!("{failed} of {} {verb} errors", count(files.len(), "file"));
    }
    Ok(())
}
