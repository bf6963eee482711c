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
//! It must not touch this device's logs in the folder (the store owns
//! them; a copy of ours that another machine pushed under our id is kept
//! beside them as a stray, for the store to notice), never write any git
//! configuration but the clone's own (no identity is stored: a machine
//! without one commits through `-c`), and never ask a question on the
//! terminal (`GIT_TERMINAL_PROMPT=0`; ssh may still ask for a passphrase
//! on it). Whatever fails, the folder is as it was, and the error is one
//! line.

mod files;
mod git;

use std::fs::{self, File, OpenOptions, TryLockError};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use anyhow::{Context, Result, anyhow, bail};

use crate::domain::calendar;
use crate::domain::plural::count;
use crate::domain::safe_text::clean_line;
use git::{Env, Git};

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
        self.clone.join(".git").is_dir()
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
    /// The remote's URL, as configured in the clone.
    pub remote: String,
    /// This device's logs the remote had not all of, with the lines it
    /// now has that it had not.
    pub pushed: Vec<FileChanges>,
    /// Other logs written into the folder, with the lines that came in.
    pub came_in: Vec<FileChanges>,
    /// How many pushes lost a race and were tried again.
    pub retries: u32,
    /// Stray copies written into the folder: the remote's copy of one of
    /// this device's logs was not a beginning of ours, so another machine
    /// uses this device's id (a copied HOME). Ours was not pushed over it.
    pub copied_home: Vec<PathBuf>,
}

impl Report {
    pub fn pushed_changes(&self) -> usize {
        self.pushed.iter().map(|file| file.changes).sum()
    }

    pub fn came_in_changes(&self) -> usize {
        self.came_in.iter().map(|file| file.changes).sum()
    }

    /// One line for the user: what was pushed and what came in, or that
    /// nothing moved. No newline at the end.
    pub fn summary(&self) -> String {
        let remote = &self.remote;
        match (self.pushed_changes(), self.came_in_changes()) {
            (0, 0) => format!("Up to date with {remote}"),
            (_, 0) => format!("Pushed {} to {remote}", self.pushed_text()),
            (0, _) => format!("From {remote}: {}", self.came_in_text()),
            _ => format!(
                "Pushed {} to {remote}; {}",
                self.pushed_text(),
                self.came_in_text()
            ),
        }
    }

    /// [`Report::summary`] without the remote, for a line that has little
    /// room (the app's): `Synced: pushed 1 change`.
    pub fn short_summary(&self) -> String {
        match (self.pushed_changes(), self.came_in_changes()) {
            (0, 0) => "Synced: up to date".to_owned(),
            (_, 0) => format!("Synced: pushed {}", self.pushed_text()),
            (0, _) => format!("Synced: {}", self.came_in_text()),
            _ => format!(
                "Synced: pushed {}; {}",
                self.pushed_text(),
                self.came_in_text()
            ),
        }
    }

    fn pushed_text(&self) -> String {
        count(self.pushed_changes(), "change")
    }

    fn came_in_text(&self) -> String {
        format!(
            "{} came in from {}",
            count(self.came_in_changes(), "change"),
            count(self.devices_in(), "other device")
        )
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
/// clone's remote (the first sync needs one).
pub fn sync(place: &Place, remote: Option<&str>) -> Result<Report> {
    sync_with(place, remote, &[], &mut |_| Ok(()))
}

/// Where sync stands: the remote, the last sync, and what is not pushed.
pub fn status(place: &Place) -> Result<SyncStatus> {
    status_with(place, &[])
}

/// [`sync`], with `env` given to every git call and `before_push` called
/// before each push with the number of retries so far (tests move the
/// remote there).
fn sync_with(
    place: &Place,
    remote: Option<&str>,
    env: &Env,
    before_push: &mut dyn FnMut(u32) -> Result<()>,
) -> Result<Report> {
    check_place(place)?;
    let _lock = lock(&place.lock_file())?;
    let git = open_clone(place, remote, env)?;
    let url = git.setting("remote.origin.url")?.ok_or_else(no_remote)?;
    let mut report = Report {
        remote: clean_line(&url),
        ..Report::default()
    };
    // A clone that never saw the branch has no history anyone shares:
    // it may start over from the remote's.
    let shared = git.commit(FETCHED)?.is_some();
    fetch(&git, &url)?;
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
        fetch(&git, &url)?;
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
                clean_line(&url)
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
    let git = Git::new(&place.clone, env);
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
        remote: git
            .setting("remote.origin.url")?
            .map(|url| clean_line(&url)),
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

/// The clone, made if missing (which needs a remote), with `remote` as
/// its remote if given, and the identity its commits are made with.
fn open_clone<'a>(place: &'a Place, remote: Option<&str>, env: &'a Env) -> Result<Git<'a>> {
    let remote = remote.map(local_path_made_absolute);
    if !place.clone.join(".git").is_dir() {
        let Some(url) = &remote else {
            return Err(no_remote());
        };
        make_clone(&place.clone, url, env)?;
    }
    let git = Git::new(&place.clone, env);
    if let Some(url) = &remote
        && git.setting("remote.origin.url")?.as_deref() != Some(url.as_str())
    {
        git.ok("change the remote", &["remote", "set-url", "origin", url])?;
    }
    if git.setting("user.email")?.is_some() {
        Ok(git)
    } else {
        Ok(git.with_identity(&place.device))
    }
}

/// Makes the clone, set up whole or not at all: in a folder beside it,
/// renamed into place once ready.
fn make_clone(clone: &Path, url: &str, env: &Env) -> Result<()> {
    let new = with_suffix(clone, ".new");
    // Left by a sync that stopped half way; the lock says none runs now.
    if new.exists() {
        fs::remove_dir_all(&new).with_context(|| format!("cannot remove {}", new.display()))?;
    }
    let mut init = git::command(env);
    init.arg("init").arg("--quiet").arg(&new);
    let output = git::output(&mut init)?;
    if !output.ok {
        bail!(
            "cannot create the sync clone {}: {}",
            clone.display(),
            output.reason()
        );
    }
    let git = Git::new(&new, env);
    let head = format!("refs/heads/{BRANCH}");
    let setup: &[&[&str]] = &[
        &["symbolic-ref", "HEAD", &head],
        &["remote", "add", "origin", url],
        &["config", "remote.origin.fetch", FETCH_SPEC],
        // The clone is roadmap's: the user's hooks and signing, meant for
        // their own commits, would stop or question ours, and line-ending
        // conversion would change the bytes it compares.
        &["config", "core.hooksPath", ".git/roadmap-no-hooks"],
        &["config", "commit.gpgSign", "false"],
        &["config", "push.gpgSign", "false"],
        &["config", "core.autocrlf", "false"],
    ];
    for args in setup {
        git.ok("set up the clone", args)?;
    }
    fs::rename(&new, clone).with_context(|| format!("cannot create {}", clone.display()))
}

/// A remote given as a path that exists is made absolute: git runs in
/// the clone, not where the user typed it.
fn local_path_made_absolute(remote: &str) -> String {
    let path = Path::new(remote);
    if !remote.contains("://")
        && path.exists()
        && let Ok(absolute) = std::path::absolute(path)
        && let Some(text) = absolute.to_str()
    {
        return text.to_owned();
    }
    remote.to_owned()
}

/// Fetches [`BRANCH`]: a remote that cannot be reached or refuses us is
/// an error that says which.
fn fetch(git: &Git, url: &str) -> Result<()> {
    let output = git.run(&["fetch", "--quiet", "--prune", "--no-tags", "origin"])?;
    if !output.ok {
        return Err(remote_error(url, &output, "reach"));
    }
    Ok(())
}

/// One line for a remote that failed: refused, or `doing` it failed.
fn remote_error(url: &str, output: &git::Output, doing: &str) -> anyhow::Error {
    let url = clean_line(url);
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
            report.came_in.push(FileChanges { name, changes });
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests;
