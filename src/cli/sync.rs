//! `roadmap sync`: syncs the progress folder with the user's own git
//! remote through [`crate::io::sync`], and says in a line what moved.
//! `--status` reports where sync stands without reaching the remote.
//! The git work, the network and every rule about which file goes where
//! are the module's; this only finds the place and words the report.

use std::io::Write as _;

use anyhow::{Context as _, Result};

use super::Context;
use super::output::print;
use crate::domain::calendar;
use crate::domain::plural::count;
use crate::io::sync::{self, Place, SyncStatus};

/// Sync progress with your own git remote
#[derive(Debug, clap::Args)]
#[command(
    after_help = "Progress goes on the remote's branch `roadmap-progress`, so a repository\n\
                  used for other things keeps its own branches. Each device pushes only its\n\
                  own log, so a sync never conflicts. Runs your git, with your ssh and\n\
                  credential settings; never changes your git configuration.\n\n\
                  Examples:\n  \
                  roadmap sync --remote git@github.com:you/progress.git\n  \
                  roadmap sync\n  \
                  roadmap sync --status"
)]
pub struct Args {
    /// The git remote to sync with: any URL git accepts, or a local path.
    /// Needed the first time; remembered after.
    #[arg(
        long,
        value_name = "URL",
        conflicts_with = "status",
        value_parser = clap::builder::NonEmptyStringValueParser::new(),
        value_hint = clap::ValueHint::Url
    )]
    pub remote: Option<String>,

    /// Show the remote, the last sync and what is not pushed yet, without
    /// syncing.
    #[arg(long)]
    pub status: bool,

    /// Give this device a fresh id first (after copying a home folder to
    /// another machine); its log so far is kept.
    #[arg(long, conflicts_with = "status")]
    pub new_device: bool,

    #[command(flatten)]
    pub state: super::StateArg,
}

pub fn run(args: Args, context: &Context) -> Result<()> {
    let place = place(context, args.new_device)?;
    if args.new_device && args.remote.is_none() && sync::status(&place)?.remote.is_none() {
        return Ok(());
    }
    if args.status {
        print(&status_text(&sync::status(&place)?))?;
        return Ok(());
    }
    let report = sync::sync(&place, args.remote.as_deref())?;
    if !report.copied_home.is_empty() {
        // The store sees the stray copy and takes a fresh id, saying so.
        drop(context.store()?);
        let _ = writeln!(
            std::io::stderr(),
            "roadmap: warning: run `roadmap sync` again to push this device's changes under \
             its new id"
        );
    }
    print(&format!("{}\n", report.summary()))?;
    Ok(())
}

fn status_text(status: &SyncStatus) -> String {
    let remote = status
        .remote
        .clone()
        .unwrap_or_else(|| "none yet (run `roadmap sync --remote URL`)".to_owned());
    let last = status
        .last_sync
        .map_or_else(|| "never".to_owned(), calendar::timestamp);
    format!(
        "remote:     {remote}\nlast sync:  {last}\nnot pushed: {}\n",
        count(status.unpushed_changes(), "change")
    )
}

/// Where `roadmap sync` works: the store's folder and this device's id,
/// kept now if this is the device's first save of any kind. With
/// `new_device`, the device first takes a fresh id.
fn place(context: &Context, new_device: bool) -> Result<Place> {
    let mut store = context.store()?;
    if new_device {
        let id = store.new_device()?;
        println!("This device now saves as {id}; its earlier log is kept and read as before");
    }
    let device = store.keep_device()?;
    let folder = store
        .path()
        .context("progress is kept in memory only")?
        .to_owned();
    Ok(Place::new(folder, device))
}
