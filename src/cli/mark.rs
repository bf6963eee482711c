//! `roadmap mark`: sets item statuses from scripts, saved exactly as the
//! app saves a key press (appended, flushed to disk, under the lock).
//! Never waits on the lock for long: it gives up after a few seconds.

use std::ffi::OsString;

use anyhow::{Result, bail};

use super::Context;
use crate::domain::calendar;
use crate::domain::plural::count;
use crate::domain::progress::{Entry, Status};
use crate::domain::roadmap::Roadmap;
use crate::domain::safe_text::clean_line;
use crate::format::yaml::edit_distance;
use crate::io::store::Changes;

/// Set the status of items, by id, without opening the app
#[derive(Debug, clap::Args)]
#[command(
    after_help = "Items are named by their full id, level/topic/item, as `roadmap status\n\
                  --keys` lists them; the shell completes them (`roadmap completions`).\n\n\
                  Examples:\n  \
                  roadmap mark beginner/database-management/database-basics --status done\n  \
                  roadmap mark --roadmap backend-essentials advanced/caching/redis --status in-progress\n  \
                  roadmap mark beginner/web-services/apis-and-web-services --status pending"
)]
pub struct Args {
    /// The roadmap's id or the path of its file.
    #[arg(long, value_name = "ROADMAP", add = super::completion::roadmaps())]
    pub roadmap: Option<OsString>,

    /// Items to set, as level/topic/item ids.
    #[arg(value_name = "ITEM", required = true, add = super::completion::item_keys())]
    pub items: Vec<String>,

    /// The status to give them.
    #[arg(long, value_enum)]
    pub status: StatusArg,
    #[command(flatten)]
    pub state: super::StateArg,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum StatusArg {
    Done,
    InProgress,
    Skipped,
    /// Not started: clears the item's status.
    Pending,
}

impl From<StatusArg> for Status {
    fn from(status: StatusArg) -> Status {
        match status {
            StatusArg::Done => Status::Done,
            StatusArg::InProgress => Status::InProgress,
            StatusArg::Skipped => Status::Skipped,
            StatusArg::Pending => Status::Pending,
        }
    }
}

pub fn run(mut args: Args, context: &Context) -> Result<()> {
    let roadmap = context.roadmap(args.roadmap.as_deref())?;
    // An item named twice is still one item.
    let mut seen = std::collections::HashSet::new();
    args.items.retain(|key| seen.insert(key.clone()));
    // Every id is checked before anything is saved: all or nothing.
    for key in &args.items {
        if !roadmap.items().any(|item| &item.key == key) {
            bail!("{}", unknown_item(&roadmap, key));
        }
    }
    let mut store = super::saving::store_to_save(context, "nothing")?;
    let status = Status::from(args.status);
    let progress = store.progress(&roadmap.id);
    let now = calendar::now();
    let mut changes = Changes::new();
    for key in &args.items {
        if progress.status(key) != status {
            let entry = (status != Status::Pending).then_some(Entry {
                status,
                updated: now,
            });
            changes.insert(key.clone(), entry);
        }
    }
    let unchanged = args.items.len() - changes.len();
    if !changes.is_empty() {
        super::saving::commit(&mut store, &roadmap.id, &changes, now)?;
    }
    let mut message = format!(
        "{}: {} now {}",
        clean_line(&roadmap.id),
        count(changes.len(), "item"),
        status.label()
    );
    match unchanged {
        0 => {}
        1 => message.push_str(" (1 already was)"),
        n => message.push_str(&format!(" ({n} already were)")),
    }
    eprintln!("{message}");
    Ok(())
}

/// "no item `x` in backend": with the ids that were most likely meant.
fn unknown_item(roadmap: &Roadmap, wanted: &str) -> String {
    let shown = clean_line(wanted);
    let mut message = format!(
        "no item `{shown}` in {}: items are named level/topic/item",
        clean_line(&roadmap.id)
    );
    let suggestions = closest_keys(roadmap, wanted);
    if !suggestions.is_empty() {
        let listed: Vec<String> = suggestions.iter().map(|k| format!("`{k}`")).collect();
        message.push_str(&format!("; did you mean {}?", listed.join(" or ")));
    }
    message
}

/// Up to three item keys `wanted` was likely meant as: keys ending with it
/// (only the item's own id was given), else the nearest by edit distance.
fn closest_keys<'r>(roadmap: &'r Roadmap, wanted: &str) -> Vec<&'r str> {
    let keys = || roadmap.items().map(|item| item.key.as_str());
    let tail = format!("/{}", wanted.trim_start_matches('/'));
    let by_tail: Vec<&str> = keys().filter(|key| key.ends_with(&tail)).take(3).collect();
    if !by_tail.is_empty() {
        return by_tail;
    }
    // Comparing very long input against every key would cost its length
    // times theirs; nobody mistypes a key that long.
    if wanted.len() > 200 {
        return Vec::new();
    }
    // Without a `/`, the item's own id was meant: compare with those.
    let own_id = !wanted.contains('/');
    let mut ranked: Vec<(usize, &str)> = roadmap
        .items()
        .map(|item| {
            let against = if own_id { &item.id } else { &item.key };
            (edit_distance(wanted, against), item.key.as_str())
        })
        .filter(|(distance, _)| *distance <= wanted.len().max(6) / 3)
        .collect();
    ranked.sort();
    // Only the nearest: a one-letter slip hides a four-letter one.
    let best = ranked.first().map_or(0, |&(distance, _)| distance);
    ranked
        .into_iter()
        .take_while(|&(distance, _)| distance <= best + 1)
        .take(3)
        .map(|(_, key)| key)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::io::bundled;

    #[test]
    fn an_item_id_alone_suggests_its_full_key() {
        let roadmap = bundled::default().load().unwrap();
        let message = unknown_item(&roadmap, "database-basics");
        assert!(
            message.contains("did you mean `beginner/database-management/database-basics`?"),
            "{message}"
        );
    }

    #[test]
    fn a_typo_suggests_the_nearest_key() {
        let roadmap = bundled::default().load().unwrap();
        let message = unknown_item(&roadmap, "beginner/database-managment/database-basic");
        assert!(
            message.contains("`beginner/database-management/database-basics`"),
            "{message}"
        );
        let message = unknown_item(&roadmap, "database-basic");
        assert!(
            message.contains("`beginner/database-management/database-basics`"),
            "{message}"
        );
        let message = unknown_item(&roadmap, "nothing/like/this-at-all");
        assert!(!message.contains("did you mean"), "{message}");
    }
}
