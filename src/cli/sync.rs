//! `roadmap sync`: syncs the progress folder with the user's own git
//! remote through [`crate::io::sync`], and says in a line what moved.
//! `--status` reports where sync stands without reaching the remote.
//! The git work, the network and every rule about which file goes where
//! are the module's; this only finds the place and words the report.

use std::io::Write as _;
use std::path::{Path, PathBuf};

use anyhow::{Context as _, Result, bail};

use super::Context;
use super::output::print;
use crate::domain::calendar;
use crate::domain::plural::count;
use crate::io::paths;
use crate::io::sync::{self, Place, Report, SyncStatus};

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

    #[command(flatten)]
    pub state: super::StateArg,
}

pub fn run(args: Args, context: &Context) -> Result<()> {
    let place = place(context.state.clone())?;
    if args.status {
        print(&status_text(&sync::status(&place)?))?;
        return Ok(());
    }
    let report = sync::sync(&place, args.remote.as_deref())?;
    for stray in &report.copied_home {
        // Never `eprintln!`: standard error may be gone.
        let _ = writeln!(
            std::io::stderr(),
            "roadmap: warning: another machine pushed changes under this device's id \
             (a copied home folder?): they are kept in {}, and this device's log was not \
             pushed over them",
            stray.display()
        );
    }
    print(&report_text(&report))?;
    Ok(())
}

/// One line: what was pushed and what came in, or that nothing moved.
fn report_text(report: &Report) -> String {
    let remote = &report.remote;
    let pushed = report.pushed_lines();
    let came_in = report.came_in_lines();
    let came_in_text = format!(
        "{} came in from {}",
        count(came_in, "line"),
        count(report.devices_in(), "other device")
    );
    match (pushed, came_in) {
        (0, 0) => format!("Up to date with {remote}\n"),
        (_, 0) => format!("Pushed {} to {remote}\n", count(pushed, "line")),
        (0, _) => format!("From {remote}: {came_in_text}\n"),
        _ => format!(
            "Pushed {} to {remote}; {came_in_text}\n",
            count(pushed, "line")
        ),
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
        count(status.unpushed_lines(), "line")
    )
}

// ---------------------------------------------------------------------
// SEAM (issue 17): where sync finds the progress folder and this
// device's id. Until the store owns both, the folder is what `--state`
// and `ROADMAP_STATE` name (else the per-user default), and the id is
// the file `device` beside it, made here at first use. When merging,
// replace this function with the store's own device and folder logic;
// nothing else in this file knows where they are.
// ---------------------------------------------------------------------

/// Where `roadmap sync` works, for `--state` (if given).
fn place(state: Option<PathBuf>) -> Result<Place> {
    let folder = paths::state_file(state)?;
    let dir = folder.parent().unwrap_or(Path::new(""));
    let device = device_id(&dir.join("device"))?;
    Ok(Place::new(folder, device))
}

/// The id in `file`, or a new random one written there (16 lowercase
/// hex digits).
fn device_id(file: &Path) -> Result<String> {
    use std::fs::{self, OpenOptions};
    use std::io::ErrorKind;
    let read = |file: &Path| -> Result<String> {
        let text = fs::read_to_string(file)
            .with_context(|| format!("cannot read the device id in {}", file.display()))?;
        let id = text.trim();
        if id.len() != 16 || !id.bytes().all(|b| b.is_ascii_hexdigit()) {
            bail!("{} holds no device id (16 hex digits)", file.display());
        }
        Ok(id.to_ascii_lowercase())
    };
    if file.exists() {
        return read(file);
    }
    let random = getrandom::u64().context("cannot make a random device id")?;
    let id = format!("{random:016x}");
    if let Some(dir) = file.parent().filter(|dir| !dir.as_os_str().is_empty()) {
        fs::create_dir_all(dir).with_context(|| format!("cannot create {}", dir.display()))?;
    }
    // `create_new`: of two first runs at once, one id wins.
    match OpenOptions::new().write(true).create_new(true).open(file) {
        Ok(mut out) => {
            out.write_all(format!("{id}\n").as_bytes())
                .and_then(|()| out.sync_all())
                .with_context(|| format!("cannot write {}", file.display()))?;
            Ok(id)
        }
        Err(err) if err.kind() == ErrorKind::AlreadyExists => read(file),
        Err(err) => Err(err).with_context(|| format!("cannot create {}", file.display())),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::io::sync::FileLines;

    fn report(pushed: usize, came_in: &[(&str, usize)]) -> Report {
        let lines = |name: &str, lines| FileLines {
            name: name.to_owned(),
            lines,
        };
        Report {
            remote: "git@example.com:me/p.git".to_owned(),
            pushed: (pushed > 0)
                .then(|| lines("a.jsonl", pushed))
                .into_iter()
                .collect(),
            came_in: came_in.iter().map(|(name, n)| lines(name, *n)).collect(),
            ..Report::default()
        }
    }

    #[test]
    fn the_report_says_what_moved_in_one_line() {
        assert_eq!(
            report_text(&report(0, &[])),
            "Up to date with git@example.com:me/p.git\n"
        );
        assert_eq!(
            report_text(&report(3, &[])),
            "Pushed 3 lines to git@example.com:me/p.git\n"
        );
        assert_eq!(
            report_text(&report(1, &[("b.jsonl", 2), ("b.was-c.jsonl", 1)])),
            "Pushed 1 line to git@example.com:me/p.git; 3 lines came in from 1 other device\n"
        );
        assert_eq!(
            report_text(&report(0, &[("b.jsonl", 1), ("c.jsonl", 1)])),
            "From git@example.com:me/p.git: 2 lines came in from 2 other devices\n"
        );
    }

    #[test]
    fn a_device_id_is_made_once_and_kept() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("roadmap/device");
        let id = device_id(&file).unwrap();
        assert_eq!(id.len(), 16);
        assert!(
            id.bytes()
                .all(|b| b.is_ascii_hexdigit() && !b.is_ascii_uppercase())
        );
        assert_eq!(device_id(&file).unwrap(), id);
        std::fs::write(&file, "not an id\n").unwrap();
        let err = device_id(&file).unwrap_err();
        assert!(err.to_string().contains("holds no device id"), "{err}");
    }
}
