//! `roadmap sync`: carries the progress folder's logs between machines
//! through the user's own git remote, on a branch of its own
//! ([`BRANCH`]), from a clone that roadmap owns beside the folder
//! (`F.sync/`). The one place the program runs git, and so the only one
//! that reaches the network.
//!
//! It works on files only and never parses a progress line: a log is a
//! `*.jsonl` name, and only whole lines (up to the last `\n`) of this
//! device's logs are pushed. Because every log has one writer, merging
//! never conflicts; a push that loses a race with another machine is
//! merged and tried again. Other devices' logs come into the folder
//! atomically, and only over a beginning of themselves.
//!
//! It must not write over this device's logs in the folder (the store
//! owns them; a copy of ours that another machine pushed under our id is
//! kept beside them as a stray, for the store to notice, and one the
//! folder lost is only written back where nothing is), never write any git
//! configuration but the clone's own (no identity is stored: a machine
//! without one commits through `-c`), and never ask a question on the
//! terminal (`GIT_TERMINAL_PROMPT=0`; ssh may still ask for a passphrase
//! on it). Whatever fails, the folder is as it was, and the error is one
//! line. The caller may stop a sync at any moment ([`sync_until`]): git
//! is ended, and the next sync mends what it left half done.

mod clone;
mod files;
mod git;
mod url;

use std::fs::{self, File, OpenOptions, TryLockError};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use anyhow::{Context, Result, anyhow, bail};

use crate::domain::calendar;
use crate::domain::plural::count;
use crate::domain::safe_text::clean_line;
use crate::io::store::{Incoming, Store};
pub use git::Stopped;
use git::{Env, Git, Stop};
use url::shown;

/// The remote's branch that holds the logs, so that a repository used
/// for other things keeps its own branches untouched.
pub const BRANCH: &str = "roadmap-progress";

/// Where the clone keeps what it last fetched of [`BRANCH`].
const FETCHED: &str = "refs/remotes/origin/roadmap-progress";

/// What a fetch brings: [`BRANCH`] only (the glob makes a remote without
/// it yet no error), never the repository's other branches or its tags.
const FETCH_SPEC: &str = "+refs/heads/roadmap-progress*:refs/remotes/origin/roadmap-progress*";

/// How long sync waits for another sync of the same folder.
const LOCK_PATIENCE: Duration = Duration::from_secs(5);

/// How many times a push that lost a race is merged and tried again.
const MAX_RETRIES: u32 = 5;

/// The file in the clone's `.git` that holds when it last synced.
const LAST_SYNC_FILE: &str = "roadmap-last-sync";

/// Where sync works: the progress folder, this device, and the clone.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Place {
    /// The progress folder F, with every device's log.
    pub folder: PathBuf,
    /// This device's id: its logs are `<device>.jsonl` and
    /// `<device>.*.jsonl`.
    pub device: String,
    /// The git clone roadmap owns, `F.sync` beside the folder.
    pub clone: PathBuf,
}

impl Place {
    /// The place for `folder`, with its clone beside it.
    pub fn new(folder: PathBuf, device: String) -> Place {
        let clone = clone_of(&folder);
        Place {
            folder,
            device,
            clone,
        }
    }

    /// Whether a remote was set (`roadmap sync --remote URL`): without
    /// one there is nothing to sync with. Reads no file.
    pub fn has_remote(&self) -> bool {
        has_remote(&self.folder)
    }

    /// `F.sync.lock`: held while a sync runs.
    fn lock_file(&self) -> PathBuf {
        lock_of(&self.clone)
    }
}

/// The clone sync keeps for progress folder `folder`: `F.sync` beside
/// it, with its lock `F.sync.lock`. What `roadmap paths` lists, and `-o`
/// never writes into.
pub fn clone_of(folder: &Path) -> PathBuf {
    with_suffix(folder, ".sync")
}

/// Whether the progress folder `folder` has a remote to sync with: its
/// clone was made (`roadmap sync --remote URL`). Reads no file.
pub fn has_remote(folder: &Path) -> bool {
    clone_of(folder).join(".git").is_dir()
}

/// The lock a sync holds on `clone`.
pub fn lock_of(clone: &Path) -> PathBuf {
    with_suffix(clone, ".lock")
}

fn with_suffix(path: &Path, suffix: &str) -> PathBuf {
    let mut name = path.as_os_str().to_owned();
    name.push(suffix);
    PathBuf::from(name)
}

/// A log and a number of its lines.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FileChanges {
    pub name: String,
    pub changes: usize,
}

/// What a sync did.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Report {
    /// The remote's URL as sync shows it: its password, if any, hidden.
    pub remote: String,
    /// This device's logs the remote had not all of, with the lines it
    /// now has that it had not.
    pub pushed: Vec<FileChanges>,
    /// This device's logs the folder had lost (it was deleted, say) and
    /// the remote kept, written back into the folder.
    pub restored: Vec<FileChanges>,
    /// Other logs written into the folder, with the lines that came in.
    pub came_in: Vec<FileChanges>,
    /// How many pushes lost a race and were tried again.
    pub retries: u32,
    /// Stray copies written into the folder: the remote's copy of one of
    /// this device's logs was not a beginning of ours, so another machine
    /// uses this device's id (a copied HOME), or ours was rewritten since
    /// it was pushed (a repair). Ours was not pushed over it; see
    /// [`sync_settled`].
    pub copied_home: Vec<PathBuf>,
}

impl Report {
    pub fn pushed_changes(&self) -> usize {
        self.pushed.iter().map(|file| file.changes).sum()
    }

    pub fn came_in_changes(&self) -> usize {
        self.came_in.iter().map(|file| file.changes).sum()
    }

    pub fn restored_changes(&self) -> usize {
        self.restored.iter().map(|file| file.changes).sum()
    }

    /// This report, then `later`'s, as one: what a sync run again at once
    /// did in all (what `later` pushed, what came in during either).
    pub fn followed_by(self, later: Report) -> Report {
        let mut came_in = self.came_in;
        let mut restored = self.restored;
        for (all, more) in [
            (&mut came_in, later.came_in),
            (&mut restored, later.restored),
        ] {
            for file in more {
                match all.iter_mut().find(|known| known.name == file.name) {
                    Some(known) => known.changes += file.changes,
                    None => all.push(file),
                }
            }
        }
        Report {
            came_in,
            restored,
            retries: self.retries + later.retries,
            ..later
        }
    }

    /// One line for the user: what was pushed and what came in, or that
    /// nothing moved. No newline at the end.
    pub fn summary(&self) -> String {
        let remote = &self.remote;
        match (self.pushed_changes(), self.came_back_text()) {
            (0, None) => format!("Up to date with {remote}"),
            (_, None) => format!("Pushed {} to {remote}", self.pushed_text()),
            (0, Some(back)) => format!("From {remote}: {back}"),
            (_, Some(back)) => format!("Pushed {} to {remote}; {back}", self.pushed_text()),
        }
    }

    /// [`Report::summary`] without the remote, for a line that has little
    /// room (the app's): `Synced: pushed 1 change`.
    pub fn short_summary(&self) -> String {
        match (self.pushed_changes(), self.came_back_text()) {
            (0, None) => "Synced: up to date".to_owned(),
            (_, None) => format!("Synced: pushed {}", self.pushed_text()),
            (0, Some(back)) => format!("Synced: {back}"),
            (_, Some(back)) => format!("Synced: pushed {}; {back}", self.pushed_text()),
        }
    }

    fn pushed_text(&self) -> String {
        count(self.pushed_changes(), "change")
    }

    /// What the folder got: this device's changes restored, and the
    /// other devices'.
    fn came_back_text(&self) -> Option<String> {
        let restored = (self.restored_changes() > 0).then(|| {
            format!(
                "{} came back to this device",
                count(self.restored_changes(), "change")
            )
        });
        let came_in = (self.came_in_changes() > 0).then(|| {
            format!(
                "{} came in from {}",
                count(self.came_in_changes(), "change"),
                count(self.devices_in(), "other device")
            )
        });
        match (restored, came_in) {
            (Some(restored), Some(came_in)) => Some(format!("{restored}; {came_in}")),
            (one, other) => one.or(other),
        }
    }

    /// How many devices the logs that came in are from, by their names.
    pub fn devices_in(&self) -> usize {
        let mut devices: Vec<&str> = self
            .came_in
            .iter()
            .map(|file| files::device_of(&file.name))
            .collect();
        devices.sort_unstable();
        devices.dedup();
        devices.len()
    }
}

/// How this device came to take a fresh id after a sync that kept a
/// stray copy of its log ([`Report::copied_home`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FreshId {
    /// Another machine saved as this device (a copied home folder): the
    /// store, reading the stray, took the id and said so.
    TakenByTheStore(String),
    /// This device's log was rewritten since it was pushed (the store
    /// repaired it, dropping a damaged line), so the remote's copy is no
    /// beginning of it: the id was taken here. The log so far is kept as
    /// `<new>.was-<old>.jsonl`, and the remote's `<old>.jsonl` comes in at
    /// the next sync as another device's, bringing back what only it had.
    LogRewritten(String),
}

impl FreshId {
    /// What to tell the user, when the store did not already: the log
    /// was rewritten, and the device saves under a new id.
    pub fn warning(&self) -> Option<String> {
        match self {
            FreshId::TakenByTheStore(_) => None,
            FreshId::LogRewritten(id) => Some(format!(
                "this device's log was rewritten since it was pushed (a repair, say), so the \
                 remote's copy no longer fits it; this device now saves as {id}, and nothing is \
                 lost"
            )),
        }
    }
}

/// A sync as [`sync_until`] makes it, settled: when it kept a stray copy
/// of this device's log, the device has taken a fresh id and the sync
/// has been run again under it.
#[derive(Debug)]
pub struct Settled {
    /// Both syncs', as one when there were two.
    pub report: Report,
    /// The fresh id, and how it came, when there were two.
    pub fresh_id: Option<FreshId>,
    /// What `store` read between the two: for a caller that shows
    /// progress (the app), which takes it in with the outcome.
    pub seen: Incoming,
}

/// Syncs `place` as [`sync_until`] does, `store` being this device's
/// (read again, it takes a fresh id after a copied home, saying so in its
/// notices). When the sync kept a stray copy of this device's log, the
/// device is given a fresh id (taken here when the store did not: this
/// device's log was rewritten since it was pushed) and synced again at
/// once, so that one call leaves its changes pushed.
pub fn sync_settled(
    place: &Place,
    remote: Option<&str>,
    stop: &dyn Fn() -> bool,
    store: &mut Store,
) -> Result<Settled> {
    let report = sync_until(place, remote, stop)?;
    if report.copied_home.is_empty() {
        return Ok(Settled {
            report,
            fresh_id: None,
            seen: Incoming::Nothing,
        });
    }
    let seen = store.refresh();
    let fresh_id = fresh_id_after(&place.device, store)?;
    let again = Place::new(place.folder.clone(), store.keep_device()?);
    let report = report.followed_by(sync_until(&again, None, stop)?);
    Ok(Settled {
        report,
        fresh_id: Some(fresh_id),
        seen,
    })
}

/// After a sync of device `synced_as` that kept a stray copy of its log,
/// with `store` read again since: the fresh id it took, or one taken now.
fn fresh_id_after(synced_as: &str, store: &mut Store) -> Result<FreshId> {
    if let Some(device) = store.device()
        && device != synced_as
    {
        return Ok(FreshId::TakenByTheStore(device.to_owned()));
    }
    if let Some(reason) = store.read_only() {
        bail!("this device cannot take a fresh id to push its changes under: {reason}");
    }
    let id = store
        .new_device()
        .context("this device cannot take a fresh id to push its changes under")?;
    Ok(FreshId::LogRewritten(id))
}

/// Where sync stands, without reaching the remote.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct SyncStatus {
    /// The remote, once `roadmap sync --remote URL` was run.
    pub remote: Option<String>,
    /// When the last sync ended, in Unix seconds.
    pub last_sync: Option<u64>,
    /// This device's lines the remote did not have at the last sync, by
    /// log.
    pub unpushed: Vec<FileChanges>,
}

impl SyncStatus {
    pub fn unpushed_changes(&self) -> usize {
        self.unpushed.iter().map(|file| file.changes).sum()
    }
}

/// Syncs `place` with its remote: `remote`, if given, becomes the
/// clone's remote (the first sync needs one) once a fetch from it worked.
pub fn sync(place: &Place, remote: Option<&str>) -> Result<Report> {
    sync_until(place, remote, &git::never)
}

/// [`sync`], stopped as soon as `stop` turns true (it is asked every few
/// milliseconds while git runs, and before each git command): git is
/// ended, and the sync fails with [`Stopped`]. The folder keeps every log
/// whole; what git left half done in the clone is mended by the next
/// sync.
pub fn sync_until(place: &Place, remote: Option<&str>, stop: &dyn Fn() -> bool) -> Result<Report> {
    sync_with(place, remote, &[], stop, &mut |_| Ok(()))
}

/// Where sync stands: the remote, the last sync, and what is not pushed.
pub fn status(place: &Place) -> Result<SyncStatus> {
    status_with(place, &[])
}

/// [`sync_until`], with `env` given to every git call and `before_push`
/// called before each push with the number of retries so far (tests move
/// the remote there).
fn sync_with(
    place: &Place,
    remote: Option<&str>,
    env: &Env,
    stop: Stop,
    before_push: &mut dyn FnMut(u32) -> Result<()>,
) -> Result<Report> {
    check_place(place)?;
    if remote.is_some_and(|url| url.trim().is_empty()) {
        bail!("the remote's URL is blank: give the URL of a git repository, or a path to one");
    }
    let _lock = lock(&place.lock_file())?;
    let clone::Opened { git, url, shared } = clone::open(place, remote, env, stop)?;
    let mut report = Report {
        remote: shown(&url),
        ..Report::default()
    };
    loop {
        integrate(place, &git, shared, &mut report)?;
        before_push(report.retries)?;
        let Some(head) = git.commit("HEAD")? else {
            break;
        };
        if git.commit(FETCHED)?.as_deref() == Some(head.as_str()) {
            break;
        }
        let push = git.run(&[
            "push",
            "--quiet",
            "--no-verify",
            "origin",
            &format!("HEAD:refs/heads/{BRANCH}"),
        ])?;
        if push.ok {
            break;
        }
        fetch(&git, "origin", &url)?;
        let moved = match git.commit(FETCHED)? {
            Some(fetched) => !git.contains(&head, &fetched)?,
            None => false,
        };
        if !moved {
            return Err(remote_error(&url, &push, "push to"));
        }
        if report.retries == MAX_RETRIES {
            bail!(
                "the remote {} kept changing while this device pushed (tried again {MAX_RETRIES} times); \
                 run `roadmap sync` again",
                shown(&url)
            );
        }
        report.retries += 1;
    }
    bring_in(place, &git, &mut report)?;
    let stamp = place.clone.join(".git").join(LAST_SYNC_FILE);
    fs::write(&stamp, format!("{}\n", calendar::now()))
        .with_context(|| format!("cannot write {}", stamp.display()))?;
    Ok(report)
}

fn status_with(place: &Place, env: &Env) -> Result<SyncStatus> {
    check_place(place)?;
    let own = files::own_logs(&place.folder, &place.device)?;
    if !place.clone.join(".git").exists() {
        return Ok(SyncStatus {
            unpushed: own
                .iter()
                .map(|(name, bytes)| FileChanges {
                    name: name.clone(),
                    changes: files::changes(bytes),
                })
                .collect(),
            ..SyncStatus::default()
        });
    }
    let git = Git::new(&place.clone, env, &git::never);
    let fetched = git.commit(FETCHED)?;
    let mut unpushed = Vec::new();
    for (name, ours) in own {
        let theirs = match &fetched {
            Some(commit) => git.file_at(commit, &name)?.unwrap_or_default(),
            None => Vec::new(),
        };
        let new = ours.strip_prefix(theirs.as_slice()).unwrap_or(&ours);
        if !new.is_empty() {
            unpushed.push(FileChanges {
                name,
                changes: files::changes(new),
            });
        }
    }
    let last_sync = fs::read_to_string(place.clone.join(".git").join(LAST_SYNC_FILE))
        .ok()
        .and_then(|text| text.trim().parse().ok());
    Ok(SyncStatus {
        remote: git.setting("remote.origin.url")?.map(|url| shown(&url)),
        last_sync,
        unpushed,
    })
}

/// A device id is part of file names: letters, digits, `-` and `_` only.
fn check_place(place: &Place) -> Result<()> {
    let device = &place.device;
    if device.is_empty()
        || !device
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
    {
        bail!("the device id {:?} is not a valid one", clean_line(device));
    }
    if place.folder.exists() && !place.folder.is_dir() {
        bail!(
            "{} is not a folder of progress logs, so it cannot be synced",
            place.folder.display()
        );
    }
    Ok(())
}

fn no_remote() -> anyhow::Error {
    anyhow!("no remote configured yet: run `roadmap sync --remote URL` first")
}

/// Holds `path` locked for as long as the file lives, waiting a few
/// seconds for another sync to end.
fn lock(path: &Path) -> Result<File> {
    if let Some(dir) = path.parent().filter(|dir| !dir.as_os_str().is_empty()) {
        fs::create_dir_all(dir).with_context(|| format!("cannot create {}", dir.display()))?;
    }
    let file = OpenOptions::new()
        .create(true)
        .truncate(false)
        .write(true)
        .open(path)
        .with_context(|| format!("cannot open the lock {}", path.display()))?;
    let deadline = Instant::now() + LOCK_PATIENCE;
    loop {
        match file.try_lock() {
            Ok(()) => return Ok(file),
            Err(TryLockError::WouldBlock) if Instant::now() < deadline => {
                std::thread::sleep(Duration::from_millis(20));
            }
            Err(TryLockError::WouldBlock) => bail!(
                "another `roadmap sync` of this folder is running (it holds {}); try again when it ends",
                path.display()
            ),
            Err(TryLockError::Error(err)) => {
                return Err(err).with_context(|| format!("cannot lock {}", path.display()));
            }
        }
    }
}

/// Fetches [`BRANCH`] from `from` (`origin`, or a URL not kept yet): a
/// remote that cannot be reached or refuses us is an error that names
/// `url` and says which.
fn fetch(git: &Git, from: &str, url: &str) -> Result<()> {
    let output = git.run(&["fetch", "--quiet", "--prune", "--no-tags", from, FETCH_SPEC])?;
    if !output.ok {
        return Err(remote_error(url, &output, "reach"));
    }
    Ok(())
}

/// One line for a remote that failed: refused, or `doing` it failed.
fn remote_error(url: &str, output: &git::Output, doing: &str) -> anyhow::Error {
    let url = shown(url);
    if output.refused() {
        anyhow!("the remote {url} refused access: {}", output.reason())
    } else {
        anyhow!("cannot {doing} the remote {url}: {}", output.reason())
    }
}

/// Puts what was fetched and this device's logs together in the clone:
/// starts from the remote's branch when the clone has no history of its
/// own to keep, commits this device's whole lines, merges the remote's.
/// Fills in what will be pushed and the stray copies kept.
fn integrate(place: &Place, git: &Git, shared: bool, report: &mut Report) -> Result<()> {
    let fetched = git.commit(FETCHED)?;
    if let Some(fetched) = &fetched {
        let start_over = match git.commit("HEAD")? {
            None => true,
            Some(head) if git.related(&head, fetched)? => false,
            // Commits made here before the branch was ever fetched hold
            // nothing but copies of this device's logs, made again below.
            Some(_) if !shared => true,
            Some(_) => bail!(
                "the remote {}'s branch `{BRANCH}` has a history unrelated to this device's; \
                 nothing was changed (use another remote, or delete that branch there)",
                report.remote
            ),
        };
        if start_over {
            git.ok(
                "start from the remote",
                &["reset", "--quiet", "--hard", fetched],
            )?;
        }
        restore_own(place, git, fetched, report)?;
    }
    report.pushed.clear();
    report.copied_home.clear();
    let mut changed = Vec::new();
    for (name, ours) in files::own_logs(&place.folder, &place.device)? {
        let theirs = match &fetched {
            Some(commit) => git.file_at(commit, &name)?,
            None => None,
        };
        let theirs_len = theirs.as_ref().map_or(0, Vec::len);
        let content = match theirs {
            Some(theirs) if !ours.starts_with(&theirs) => {
                report
                    .copied_home
                    .push(files::keep_stray(&place.folder, &name, &theirs)?);
                // The other machine's copy stays as it is in the clone,
                // so the merge leaves it alone and nothing of it is lost.
                theirs
            }
            _ => {
                if ours.len() > theirs_len {
                    report.pushed.push(FileChanges {
                        name: name.clone(),
                        changes: files::changes(&ours[theirs_len..]),
                    });
                }
                ours
            }
        };
        let path = place.clone.join(&name);
        if fs::read(&path).ok().as_deref() != Some(content.as_slice()) {
            fs::write(&path, &content)
                .with_context(|| format!("cannot write {}", path.display()))?;
            changed.push(name);
        }
    }
    if !changed.is_empty() {
        let mut add: Vec<&str> = vec!["add", "--"];
        add.extend(changed.iter().map(String::as_str));
        git.ok("add this device's logs", &add)?;
    }
    if !git.run(&["diff", "--cached", "--quiet"])?.ok {
        let message = format!("roadmap: progress of {}", place.device);
        git.ok(
            "commit this device's logs",
            &["commit", "--quiet", "--no-verify", "-m", &message],
        )?;
    }
    if let Some(fetched) = &fetched
        && let Some(head) = git.commit("HEAD")?
        && !git.contains(&head, fetched)?
    {
        // Said outright, whatever the user's `merge.ff` or signature
        // settings: a fast-forward when this device added nothing.
        let how = if git.contains(fetched, &head)? {
            "--ff-only"
        } else {
            "--no-ff"
        };
        let merge = git.run(&[
            "merge",
            "--quiet",
            how,
            "--no-verify",
            "--no-verify-signatures",
            "-m",
            "roadmap: merge the remote's progress",
            fetched,
        ])?;
        if !merge.ok {
            let _ = git.run(&["merge", "--abort"]);
            bail!("cannot merge what came from the remote: {}", merge.reason());
        }
    }
    Ok(())
}

/// Brings back this device's logs that the remote has and the folder
/// lost (deleted with the folder, say), before anything of the folder is
/// committed. Without them the store would number this device's changes
/// from one again, and the device would look like a copy of itself.
fn restore_own(place: &Place, git: &Git, fetched: &str, report: &mut Report) -> Result<()> {
    for name in git.top_files(fetched)? {
        if !files::is_own(&name, &place.device) || files::exists(&place.folder.join(&name)) {
            continue;
        }
        let theirs = git.blob(fetched, &name)?;
        if files::restore(&place.folder, &name, &theirs)? {
            report.restored.push(FileChanges {
                changes: files::changes(&theirs),
                name,
            });
        }
    }
    Ok(())
}

/// Writes every other device's log that the clone has into the folder,
/// where the folder lacks it or has a beginning of it.
fn bring_in(place: &Place, git: &Git, report: &mut Report) -> Result<()> {
    if git.commit("HEAD")?.is_none() {
        return Ok(());
    }
    for name in git.top_files("HEAD")? {
        if !files::is_log(&name) || files::is_own(&name, &place.device) {
            continue;
        }
        // From git's objects, not the work tree: bytes as pushed.
        let theirs = git.blob("HEAD", &name)?;
        if let Some(changes) = files::bring_in(&place.folder, &name, &theirs)? {
            files::drop_strays_held_in(&place.folder, &name)?;
            report.came_in.push(FileChanges { name, changes });
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests;
