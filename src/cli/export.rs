//! `roadmap export`: a roadmap with its progress as a GitHub Markdown
//! checklist (to paste into a README) or as the JSON of `docs/json.md`.
//! The same progress always gives the same bytes.
//! Never writes over the state or its source (see [`super::output`]).

use std::ffi::OsString;
use std::path::PathBuf;

use anyhow::Result;

use super::Context;
use super::output::{Guard, print, write_file};
use crate::domain::summary::Summary;
use crate::format::markdown::checklist::checklist;

/// Export a roadmap with your progress as a Markdown checklist or JSON
#[derive(Debug, clap::Args)]
#[command(after_help = "Examples:\n  \
                  roadmap export > progress.md          a checklist for a README\n  \
                  roadmap export backend-essentials -o essentials.md\n  \
                  roadmap export --format json | jq '.levels[].counts.percent'\n\n\
                  -o never writes over roadmap's own files (`roadmap paths`) or a roadmap;\n\
                  a terminal, device or FIFO is written to, a regular file replaced whole.")]
pub struct Args {
    /// A roadmap's id or the path of a roadmap file.
    #[arg(value_name = "ROADMAP", add = super::completion::roadmaps())]
    pub roadmap: Option<OsString>,

    /// What to write: a checklist to read, or the document scripts read
    #[arg(long, value_enum, default_value_t = Format::Markdown)]
    pub format: Format,

    /// Write to FILE (replaced whole; a terminal, device or FIFO is
    /// written to) instead of standard output. Never one of roadmap's own
    /// files (see below).
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
    #[command(flatten)]
    pub state: super::StateArg,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// `#` levels, `##` topics, `- [x]` items, counts in the headings.
    Markdown,
    /// The `status --json` document.
    Json,
}

pub fn run(args: Args, context: &Context) -> Result<()> {
    let roadmap = context.roadmap(args.roadmap.as_deref())?;
    let store = context.store()?;
    let summary = Summary::new(
        &roadmap,
        &store.progress(&roadmap.id),
        crate::domain::calendar::now(),
    );
    let text = match args.format {
        Format::Markdown => checklist(&summary),
        Format::Json => super::output::json(&summary)?,
    };
    match &args.output {
        Some(path) => {
            let locations = context.locations()?;
            let source = context.roadmap_file(args.roadmap.as_deref())?;
            let guard = Guard::new(&locations)
                .and_source(source.as_deref(), "the roadmap being exported")
                .and_roadmaps(&locations);
            write_file(path, &text, &guard)
        }
        None => print(&text).map(drop),
    }
}
