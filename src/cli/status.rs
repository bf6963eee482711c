//! `roadmap status`: progress per level and per topic, and totals, as an
//! aligned table or as the JSON of `docs/json.md`.
//! Reads only: never takes the lock or writes.

use std::ffi::OsString;

use anyhow::Result;

use super::Context;
use super::output::{Align, print, table};
use crate::domain::safe_text::clean_line;
use crate::domain::summary::{Counts, Summary};

/// Show progress per level and topic, and totals
#[derive(Debug, clap::Args)]
#[command(after_help = "Examples:\n  \
                  roadmap status                  the default roadmap\n  \
                  roadmap status backend-essentials\n  \
                  roadmap status --json | jq .totals.percent\n\n\
                  The JSON schema is documented in docs/json.md.")]
pub struct Args {
    /// A roadmap's id or the path of a roadmap file. Default: backend.
    #[arg(value_name = "ROADMAP")]
    pub roadmap: Option<OsString>,

    /// Print JSON (a stable schema with a `version` field) instead of a table.
    #[arg(long)]
    pub json: bool,
}

pub fn run(args: Args, context: &Context) -> Result<()> {
    let roadmap = context.roadmap(args.roadmap.as_deref())?;
    let store = context.store()?;
    let summary = Summary::new(&roadmap, &store.progress(&roadmap.id));
    let text = if args.json {
        super::output::json(&summary)?
    } else {
        render(&summary)
    };
    print(&text)?;
    Ok(())
}

/// The table: a row per level, its topics indented under it, then totals.
pub fn render(summary: &Summary) -> String {
    let counts = |name: String, counts: &Counts| {
        vec![
            name,
            counts.done.to_string(),
            counts.in_progress.to_string(),
            counts.skipped.to_string(),
            counts.pending.to_string(),
            counts.total.to_string(),
            format!("{}%", counts.percent),
        ]
    };
    let mut rows = Vec::new();
    for level in &summary.levels {
        rows.push(counts(clean_line(&level.title), &level.counts));
        for topic in &level.topics {
            rows.push(counts(
                format!("  {}", clean_line(&topic.title)),
                &topic.counts,
            ));
        }
    }
    rows.push(counts("Total".to_owned(), &summary.totals));
    let mut text = format!(
        "{} ({})\n\n",
        clean_line(&summary.roadmap.title),
        clean_line(&summary.roadmap.id)
    );
    let mut align = vec![Align::Right; 7];
    align[0] = Align::Left;
    text.push_str(&table(
        &[
            "level / topic",
            "done",
            "in progress",
            "skipped",
            "pending",
            "total",
            "%",
        ],
        &align,
        &rows,
    ));
    if !summary.orphans.is_empty() {
        let keys: Vec<String> = summary.orphans.iter().map(|o| clean_line(&o.key)).collect();
        text.push_str(&format!(
            "\nProgress is kept for {} item(s) not in this roadmap (renamed or removed?): {}\n",
            keys.len(),
            keys.join(", ")
        ));
    }
    text
}
