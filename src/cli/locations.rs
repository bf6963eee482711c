//! `roadmap paths`: where progress, configuration and settings, and the
//! user's own roadmaps live, and whether they exist yet. The list is
//! [`crate::io::paths::Locations`], the one `-o` is checked against.
//! Reads only: it creates none of them.

use anyhow::Result;

use super::Context;
use super::output::{Align, print, table};
use crate::domain::safe_text::clean_line;
use crate::io::paths::Kind;

/// Show where progress, configuration and your roadmaps are kept
#[derive(Debug, clap::Args)]
#[command(
    after_help = "Sync the progress folder between machines (`roadmap sync`, or any\n\
                  sync folder), never the device id. `-o` never writes over any of these,\n\
                  nor into the progress folder.\n\n\
                  Example:\n  roadmap paths"
)]
pub struct Args {
    #[command(flatten)]
    pub state: super::StateArg,
}

pub fn run(_args: Args, context: &Context) -> Result<()> {
    let rows: Vec<Vec<String>> = context
        .locations()?
        .places()
        .iter()
        .map(|place| {
            let path = &place.path;
            // Every kind named, so a new place cannot go unlisted.
            let note = match place.kind {
                Kind::Progress if path.is_dir() => "exists; sync this folder".to_owned(),
                Kind::Progress | Kind::ConfigFolder => exists(path),
                Kind::Device if path.exists() => "exists; this machine's, never sync it".to_owned(),
                Kind::Device => "made at the first change".to_owned(),
                Kind::SyncClone if path.is_dir() => "exists; `roadmap sync` keeps it".to_owned(),
                Kind::SyncClone => "made by `roadmap sync --remote URL`".to_owned(),
                Kind::Settings if path.exists() => "exists".to_owned(),
                Kind::Settings => "optional, none yet".to_owned(),
                Kind::Roadmaps if path.is_dir() => {
                    let count = context.catalog().user_files().count();
                    crate::domain::plural::count(count, "roadmap")
                }
                Kind::Roadmaps => "not created yet".to_owned(),
                Kind::View if path.exists() => "exists (safe to delete)".to_owned(),
                Kind::View => "none yet".to_owned(),
            };
            vec![
                place.kind.label().to_owned(),
                clean_line(&path.display().to_string()),
                note,
            ]
        })
        .collect();
    let text = table(
        &["what", "where", "now"],
        &[Align::Left, Align::Left, Align::Left],
        &rows,
    );
    print(&text)?;
    Ok(())
}

fn exists(path: &std::path::Path) -> String {
    if path.exists() {
        "exists".to_owned()
    } else {
        "not created yet".to_owned()
    }
}
