//! `roadmap next`: what to work on next, the list the app's continue view
//! (`c`) shows ([`UpNext`]): every item in progress, the longest first,
//! then the pending ones in the roadmap's order; as text, or as the JSON
//! of `docs/json.md`. Reads only: takes no lock and writes nothing.

use std::ffi::OsString;

use anyhow::Result;

use super::Context;
use super::output::print;
use crate::domain::calendar;
use crate::domain::next::{Length, Stage, UpNext, nothing_next};
use crate::domain::plural;
use crate::domain::progress::Status;
use crate::domain::roadmap::Roadmap;
use crate::domain::safe_text::clean_line;

/// List what to work on next: items in progress, then pending ones
#[derive(Debug, clap::Args)]
#[command(
    after_help = "Items in progress come first, the longest in progress first; then the\n\
                  pending ones, in the roadmap's order. Done and skipped items are left\n\
                  out. It is the list the app shows on `c`.\n\n\
                  Examples:\n  \
                  roadmap next                    the default roadmap\n  \
                  roadmap next backend-essentials -n 3\n  \
                  roadmap next -n 0 --json | jq -r '.items[].key'   every item left\n\n\
                  The JSON schema is documented in docs/json.md."
)]
pub struct Args {
    /// A roadmap's id or the path of a roadmap file.
    #[arg(value_name = "ROADMAP", add = super::completion::roadmaps())]
    pub roadmap: Option<OsString>,

    /// List at most N items; 0 lists every one [default: 10, or every
    /// item in progress when more are in progress].
    #[arg(short = 'n', long = "count", value_name = "N")]
    pub count: Option<usize>,

    /// Print JSON (a stable schema with a `version` field) instead of text.
    #[arg(long)]
    pub json: bool,

    #[command(flatten)]
    pub state: super::StateArg,
}

pub fn run(args: Args, context: &Context) -> Result<()> {
    let roadmap = context.roadmap(args.roadmap.as_deref())?;
    let progress = context.read_store()?.progress(&roadmap.id);
    let length = match args.count {
        None => Length::Default,
        Some(0) => Length::All,
        Some(count) => Length::AtMost(count),
    };
    let list = UpNext::of(&roadmap, &progress, length);
    let text = if args.json {
        super::output::json(&list.report(&roadmap))?
    } else {
        render(&roadmap, &list)
    };
    print(&text)?;
    Ok(())
}

/// The roadmap and its counts, then two lines an item: its status, title
/// and level (and since when, in progress), then its key.
pub fn render(roadmap: &Roadmap, list: &UpNext) -> String {
    let mut text = format!(
        "{} ({}): {} in progress, {} pending\n\n",
        clean_line(&roadmap.title),
        clean_line(&roadmap.id),
        list.in_progress,
        list.pending
    );
    if list.is_finished() {
        text.push_str(nothing_next(roadmap.items().count()));
        text.push('\n');
        return text;
    }
    for next in &list.items {
        let (l, t, i) = next.place;
        let Some(level) = roadmap.levels.get(l) else {
            continue;
        };
        let Some(item) = level.topics.get(t).and_then(|topic| topic.items.get(i)) else {
            continue;
        };
        let (status, since) = match next.stage {
            Stage::InProgress { since } => (
                Status::InProgress,
                format!(" · in progress since {}", calendar::date(since)),
            ),
            Stage::Pending => (Status::Pending, String::new()),
        };
        text.push_str(&format!(
            "{} {} · {}{since}\n    {}\n",
            status.marker(),
            clean_line(&item.title),
            clean_line(&level.title),
            clean_line(&next.key)
        ));
    }
    let left_out = list.left_out();
    if left_out > 0 {
        text.push_str(&format!(
            "\n{}: `roadmap next -n 0` lists them all.\n",
            plural::count(left_out, "more item")
        ));
    }
    text
}
