//! `roadmap paths`: where progress, configuration and settings, the user's own
//! roadmaps and the cache live, and whether they exist yet.

use anyhow::Result;

use super::Context;
use super::output::{Align, print, table};
use crate::paths;
use crate::safe_text::clean_line;

/// Show where progress, configuration, your roadmaps and the cache are kept
#[derive(Debug, clap::Args)]
#[command(after_help = "Example:\n  roadmap paths")]
pub struct Args {}

pub fn run(_args: Args, context: &Context) -> Result<()> {
    let state = paths::state_file(context.state.clone())?;
    let mut rows = vec![vec![
        "progress".to_owned(),
        clean_line(&state.display().to_string()),
        exists(&state),
    ]];
    if let Some(config) = paths::config_dir() {
        rows.push(vec![
            "config folder".to_owned(),
            clean_line(&config.display().to_string()),
            exists(&config),
        ]);
        let settings = config.join(crate::config::FILE_NAME);
        let note = if settings.exists() {
            "exists".to_owned()
        } else {
            "optional, none yet".to_owned()
        };
        rows.push(vec![
            "settings".to_owned(),
            clean_line(&settings.display().to_string()),
            note,
        ]);
    }
    if let Some(dir) = context.catalog().user_dir() {
        let count = context.catalog().user_files().count();
        let note = if dir.is_dir() {
            crate::roadmap::diagnostic::count(count, "roadmap")
        } else {
            "not created yet".to_owned()
        };
        rows.push(vec![
            "your roadmaps".to_owned(),
            clean_line(&dir.display().to_string()),
            note,
        ]);
    }
    if let Some(cache) = paths::cache_dir() {
        let note = if cache.exists() {
            "exists (safe to delete)".to_owned()
        } else {
            "not created yet".to_owned()
        };
        rows.push(vec![
            "cache".to_owned(),
            clean_line(&cache.display().to_string()),
            note,
        ]);
    }
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
