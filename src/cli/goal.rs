//! `roadmap goal`: sets or removes a target date for a roadmap or one of
//! its levels, saved with the progress (so it syncs, and survives the
//! roadmap's file changing), and says in a line what it asks for. The
//! pace and the wording are [`crate::domain::pace`]'s; this checks the
//! date and the level, and saves as `mark` does.

use std::ffi::OsString;

use anyhow::{Result, bail};

use super::Context;
use crate::domain::calendar;
use crate::domain::pace::Plan;
use crate::domain::roadmap::Item;
use crate::domain::safe_text::clean_line;
use crate::format::yaml::closest;

/// Set a target date for a roadmap or one of its levels
#[derive(Debug, clap::Args)]
#[command(
    after_help = "The goal is kept with your progress, so it syncs like it. `roadmap status`\n\
                  shows it with your pace: items done in the last 4 weeks, per week.\n\n\
                  Examples:\n  \
                  roadmap goal --by 2027-06-30                   the whole default roadmap\n  \
                  roadmap goal backend --level beginner --by 2027-03-01\n  \
                  roadmap goal backend --level beginner --clear"
)]
pub struct Args {
    /// A roadmap's id or the path of a roadmap file.
    #[arg(value_name = "ROADMAP", add = super::completion::roadmaps())]
    pub roadmap: Option<OsString>,

    /// The level the goal is for (its id, as `roadmap status --json`
    /// shows it); without it, the whole roadmap.
    #[arg(long, value_name = "ID", add = super::completion::level_ids())]
    pub level: Option<String>,

    /// The day to be done by.
    #[arg(
        long,
        value_name = "YYYY-MM-DD",
        required_unless_present = "clear",
        conflicts_with = "clear"
    )]
    pub by: Option<String>,

    /// Remove the goal.
    #[arg(long)]
    pub clear: bool,

    #[command(flatten)]
    pub state: super::StateArg,
}

pub fn run(args: Args, context: &Context) -> Result<()> {
    let roadmap = context.roadmap(args.roadmap.as_deref())?;
    let now = calendar::now();
    let today = calendar::day(now);
    let (target, name, level) = match &args.level {
        None => (String::new(), clean_line(&roadmap.title), None),
        Some(id) => match roadmap.levels.iter().find(|level| &level.id == id) {
            Some(level) => (level.id.clone(), clean_line(&level.title), Some(level)),
            None => {
                let ids = roadmap.levels.iter().map(|level| level.id.as_str());
                let hint = closest(id, ids.clone())
                    .map(|meant| format!(" (did you mean `{meant}`?)"))
                    .unwrap_or_default();
                let known: Vec<String> = ids.map(|id| format!("`{}`", clean_line(id))).collect();
                bail!(
                    "no level `{}` in {}{hint}: its levels are {}",
                    clean_line(id),
                    clean_line(&roadmap.id),
                    known.join(", ")
                );
            }
        },
    };
    let by = match &args.by {
        None => None,
        Some(text) => {
            let day = calendar::parse_date(text)
                .map_err(|why| anyhow::anyhow!("the date `{}` {why}", clean_line(text)))?;
            if day < today {
                bail!(
                    "{} is in the past: a goal is a day to come (today is {})",
                    calendar::iso(day),
                    calendar::iso(today)
                );
            }
            Some(day)
        }
    };
    let mut store = super::saving::store_to_save(context, "nothing")?;
    if store.progress(&roadmap.id).goal(&target) == by {
        println!("{name}: {}", unchanged(by, today));
        return Ok(());
    }
    super::saving::commit_goal(&mut store, &roadmap.id, &target, by, now)?;
    let progress = store.progress(&roadmap.id);
    let items: Vec<&Item> = match level {
        Some(level) => level.items().collect(),
        None => roadmap.items().collect(),
    };
    let plan = Plan::new(
        progress.tally(items.iter().copied()),
        progress.done_times(items.iter().copied()),
        progress.goal(&target),
        now,
    );
    match by {
        Some(_) => println!("{name}: {}", plan.sentence()),
        None => println!("{name}: no goal now; {}", plan.sentence()),
    }
    Ok(())
}

/// When the goal asked for is the one there is already.
fn unchanged(by: Option<i64>, today: i64) -> String {
    match by {
        Some(day) => format!("the goal was {} already", calendar::short(day, today)),
        None => "there was no goal".to_owned(),
    }
}
