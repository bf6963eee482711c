//! `roadmap export`: a roadmap with its progress as a GitHub Markdown
//! checklist (to paste into a README), as the JSON of `docs/json.md`, or
//! as an SVG progress card to show in a README. The same progress always
//! gives the same bytes (the card's, on the same day).
//! Never writes over the state or its source (see [`super::output`]).

use std::ffi::OsString;
use std::path::PathBuf;

use anyhow::Result;

use super::Context;
use super::output::{Guard, print, write_file};
use crate::domain::activity::Activity;
use crate::domain::calendar;
use crate::domain::session::Session;
use crate::domain::summary::Summary;
use crate::format::markdown::checklist::checklist;
use crate::format::svg_card::card;

/// Export a roadmap with your progress as a Markdown checklist, JSON or an SVG card
#[derive(Debug, clap::Args)]
#[command(after_help = "Examples:\n  \
                  roadmap export > progress.md          a checklist for a README\n  \
                  roadmap export backend-essentials -o essentials.md\n  \
                  roadmap export --format json | jq '.levels[].counts.percent'\n  \
                  roadmap export --format svg -o progress.svg\n\n\
                  -o never writes over roadmap's own files (`roadmap paths`) or a roadmap;\n\
                  a terminal, device or FIFO is written to, a regular file replaced whole.")]
pub struct Args {
    /// A roadmap's id or the path of a roadmap file.
    #[arg(value_name = "ROADMAP", add = super::completion::roadmaps())]
    pub roadmap: Option<OsString>,

    /// What to write: a checklist to read, the document scripts read, or
    /// a picture of your progress
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
    /// A picture for a README: percentage, level bars, streak, heatmap.
    Svg,
}

pub fn run(args: Args, context: &Context) -> Result<()> {
    let roadmap = context.roadmap(args.roadmap.as_deref())?;
    let store = context.read_store()?;
    let progress = store.progress(&roadmap.id);
    let now = calendar::now();
    let summary = Summary::new(&roadmap, &progress, now);
    let text = match args.format {
        Format::Markdown => checklist(&summary),
        Format::Json => super::output::json(&summary)?,
        Format::Svg => {
            // Counted as the progress view counts it, as of now.
            let session = Session::new(roadmap, progress);
            let activity = Activity::from_completions(session.completions(), now);
            card(&summary, &activity)
        }
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
