//! `roadmap list`: every roadmap that opens by id, bundled and the user's,
//! with its title, overall progress and where it comes from.
//! Reads only: never takes the lock or writes.

use anyhow::Result;

use super::Context;
use super::output::{Align, output_width, print, table_within};
use crate::domain::safe_text::clean_line;
use crate::io::catalog::Source;

/// List every roadmap, bundled and yours, with its progress
#[derive(Debug, clap::Args)]
#[command(after_help = "Example:\n  roadmap list")]
pub struct Args {
    #[command(flatten)]
    pub state: super::StateArg,
}

const CANNOT_OPEN: &str = "cannot open: ";

pub fn run(_args: Args, context: &Context) -> Result<()> {
    let store = context.read_store()?;
    let catalog = context.catalog();
    let rows: Vec<Vec<String>> = catalog
        .entries()
        .iter()
        .map(|entry| {
            let source = match &entry.source {
                Source::Bundled(_) => "bundled".to_owned(),
                Source::File(path) => clean_line(&path.display().to_string()),
            };
            let (title, progress) = match catalog.open_entry(entry) {
                Ok(roadmap) => {
                    let tally = store.progress(&roadmap.id).tally(roadmap.items());
                    (
                        clean_line(&roadmap.title),
                        format!("{} · {}%", tally.summary(), tally.percent()),
                    )
                }
                Err(why) => ("-".to_owned(), format!("{CANNOT_OPEN}{why}")),
            };
            vec![clean_line(&entry.id), title, progress, source]
        })
        .collect();
    // One long error must not pad every row past the screen: cut to fit,
    // with `validate` to read it whole.
    let text = table_within(
        &["id", "title", "progress", "source"],
        // The id is what the user types: the rest gives way first.
        &[Align::Whole, Align::Left, Align::Left, Align::Path],
        &rows,
        output_width(),
    );
    // An error the table shows whole needs no pointer to the rest.
    let cut = rows
        .iter()
        .any(|row| row[2].starts_with(CANNOT_OPEN) && !text.contains(row[2].as_str()));
    let text = if cut {
        format!("{text}\n`roadmap validate` shows every problem in full.\n")
    } else {
        text
    };
    print(&text)?;
    Ok(())
}
