//! `roadmap sync`: syncs the progress folder with the user's own git
//! remote through [`crate::io::sync`], and says in a line what moved.
//! `--status` reports where sync stands without reaching the remote.
//! The git work, the network and every rule about which file goes where
//! are the module's; this finds the place, stops git when the command is
//! asked to end, syncs again at once when the device had to take a fresh
//! id, and words the report.

use std::io::Write as _;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

use anyhow::{Context as _, Result};

use super::Context;
use super::output::print;
use crate::domain::calendar;
use crate::domain::plural::count;
use crate::io::store::Store;
use crate::io::sync::{self, FreshId, Place, SyncStatus};

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
    /// Needed the first time; remembered once it could be fetched from.
    #[arg(
        long,
        value_name = "URL",
        conflicts_with = "status",
        value_parser = non_blank,
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
    let (place, mut store) = place(context, args.new_device)?;
    if args.new_device && args.remote.is_none() && sync::status(&place)?.remote.is_none() {
        return Ok(());
    }
    if args.status {
        print(&status_text(&sync::status(&place)?))?;
        return Ok(());
    }
    let stop = StopOnSignal::new();
    let settled = sync::sync_settled(&place, args.remote.as_deref(), &|| stop.asked(), &mut store)?;
    // Read again after a stray copy, the store says what it made of it.
    super::warn(store.take_notices());
    if let Some(warning) = settled.fresh_id.as_ref().and_then(FreshId::warning) {
        let _ = writeln!(std::io::stderr(), "roadmap: warning: {warning}");
    }
    let report = settled.report;
    if !report.copied_home.is_empty() {
        let _ = writeln!(
            std::io::stderr(),
            "roadmap: warning: run `roadmap sync` again to push this device's changes under its \
             new id"
        );
    }
    print(&format!("{}\n", report.summary()))?;
    Ok(())
}

/// `--remote`: a blank one is a mistake of the command line, not a
/// remote that cannot be reached.
fn non_blank(remote: &str) -> Result<String, String> {
    if remote.trim().is_empty() {
        return Err("a remote is a git URL or a path, not blank".to_owned());
    }
    Ok(remote.to_owned())
}

/// Asks a sync to stop on `SIGTERM`, `SIGINT` (`Ctrl-C`) or `SIGHUP`, so
/// that a git waiting on a host that never answers is ended and the sync
/// fails as stopped instead of keeping the command alive. A second such
/// signal ends the command at once, as it would have without this.
struct StopOnSignal {
    asked: Arc<AtomicBool>,
}

impl StopOnSignal {
    fn new() -> StopOnSignal {
        let asked = Arc::new(AtomicBool::new(false));
        #[cfg(unix)]
        for signal in [libc::SIGTERM, libc::SIGINT, libc::SIGHUP] {
            use signal_hook::flag;
            // Registered first, so it sees the flag before this signal
            // sets it: only a second signal takes the default action.
            let _ = flag::register_conditional_default(signal, Arc::clone(&asked));
            let _ = flag::register(signal, Arc::clone(&asked));
        }
        StopOnSignal { asked }
    }

    fn asked(&self) -> bool {
        self.asked.load(Ordering::Relaxed)
    }
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
/// `new_device`, the device first takes a fresh id. With the store, kept
/// for the sync to read again.
fn place(context: &Context, new_device: bool) -> Result<(Place, Store)> {
    let mut store = context.store()?;
    // Said already, as the store opened.
    drop(store.take_notices());
    if new_device {
        let id = store.new_device()?;
        println!("This device now saves as {id}; its earlier log is kept and read as before");
    }
    let device = store.keep_device()?;
    let folder = store
        .path()
        .context("progress is kept in memory only")?
        .to_owned();
    Ok((Place::new(folder, device), store))
}
