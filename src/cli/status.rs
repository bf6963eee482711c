//! `roadmap status`: progress per level and per topic, and totals, as an
//! aligned table or as the JSON of `docs/json.md`; `--short` is
//! [`super::statusline`]'s one line.
//! Reads only: never takes the lock or writes.

use std::ffi::OsString;

use anyhow::Result;

use super::Context;
use super::output::{Align, print, table};
use crate::domain::calendar;
use crate::domain::safe_text::clean_line;
use crate::domain::summary::{Counts, Summary};

/// Show progress per level and topic, and totals
#[derive(Debug, clap::Args)]
#[command(after_help = "Examples:\n  \
                  roadmap status                  the default roadmap\n  \
                  roadmap status backend-essentials\n  \
                  roadmap status --keys | grep -i docker   find an item's key for `mark`\n  \
                  roadmap status --json | jq .totals.percent\n  \
                  roadmap status --short          one line for a shell prompt or tmux\n\n\
                  The JSON schema is documented in docs/json.md.")]
pub struct Args {
    /// A roadmap's id or the path of a roadmap file.
    #[arg(value_name = "ROADMAP", add = super::completion::roadmaps())]
    pub roadmap: Option<OsString>,

    /// Print JSON (a stable schema with a `version` field) instead of a table.
    #[arg(long, conflicts_with = "keys")]
    pub json: bool,

    /// Print one line for a shell prompt or a status bar: the roadmap's
    /// id, its percentage, the items in progress and the daily streak
    /// (those two left out when zero). Takes no lock and writes nothing.
    #[arg(long, conflicts_with_all = ["json", "keys"])]
    pub short: bool,

    /// Colour the --short line: always (`--color` alone), auto (on a
    /// terminal, unless NO_COLOR is set) or never (the default).
    #[arg(
        long,
        value_name = "WHEN",
        value_enum,
        num_args = 0..=1,
        require_equals = true,
        default_missing_value = "always",
        requires = "short"
    )]
    pub color: Option<super::statusline::ColorWhen>,

    /// List every item with its key (what `roadmap mark` takes), status
    /// and title, instead of the counts.
    #[arg(long)]
    pub keys: bool,

    #[command(flatten)]
    pub state: super::StateArg,
}

pub fn run(args: Args, context: &Context) -> Result<()> {
    if args.short {
        return super::statusline::run(args.roadmap.as_deref(), args.color, context);
    }
    let roadmap = context.roadmap(args.roadmap.as_deref())?;
    let store = context.read_store()?;
    let summary = Summary::new(&roadmap, &store.progress(&roadmap.id), calendar::now());
    let text = if args.json {
        super::output::json(&summary)?
    } else if args.keys {
        render_keys(&summary)
    } else {
        render(&summary)
    };
    print(&text)?;
    Ok(())
}

/// The pace of the whole roadmap, and of each level that has a goal:
/// `Pace: at 2 a week: done around 14 Aug`.
fn plan_lines(summary: &Summary) -> String {
    let mut text = format!("\nPace: {}\n", summary.plan.sentence());
    for level in summary
        .levels
        .iter()
        .filter(|level| level.plan.goal.is_some())
    {
        text.push_str(&format!(
            "{}: {}\n",
            clean_line(&level.title),
            level.plan.sentence()
        ));
    }
    text
}

/// `--keys`: a row per item, its key first, in the roadmap's order.
pub fn render_keys(summary: &Summary) -> String {
    let rows: Vec<Vec<String>> = summary
        .levels
        .iter()
        .flat_map(|level| &level.topics)
        .flat_map(|topic| &topic.items)
        .map(|item| {
            vec![
                clean_line(&item.key),
                item.status.label().to_owned(),
                clean_line(item.title.as_deref().unwrap_or_default()),
            ]
        })
        .collect();
    table(&["key", "status", "title"], &[Align::Left; 3], &rows)
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
    text.push_str(&plan_lines(summary));
    if !summary.orphans.is_empty() {
        let keys: Vec<String> = summary.orphans.iter().map(|o| clean_line(&o.key)).collect();
        text.push_str(&format!(
            "\nProgress is kept for {} not in this roadmap (renamed or removed?): {}\n",
            crate::domain::plural::count(keys.len(), "item"),
            keys.join(", ")
        ));
    }
    text
}
