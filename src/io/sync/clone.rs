//! The clone sync keeps beside the progress folder (`F.sync/`): made
//! whole or not at all, pointed at a remote only once a fetch from it
//! worked (so a mistyped `--remote` is never remembered), and mended
//! before each sync from what a git that was stopped or killed left
//! behind: its lock files, a merge or a reset half done.
//!
//! Runs only while sync holds its lock (`F.sync.lock`); touches nothing
//! outside the clone and its `F.sync.new` beside it.

use std::fs;
use std::io::ErrorKind;
use std::path::Path;

use anyhow::{Context, Result, bail};

use super::git::{self, Env, Git, Stop};
use super::url::local_path_made_absolute;
use super::{BRANCH, FETCH_SPEC, FETCHED, Place, fetch, no_remote, with_suffix};

/// The clone, ready to sync: fetched from its remote.
pub(super) struct Opened<'a> {
    pub git: Git<'a>,
    /// The remote's URL as git's config keeps it.
    pub url: String,
    /// Whether the clone had fetched the branch before this sync: a clone
    /// that never did has no history anyone shares, and may start over
    /// from the remote's.
    pub shared: bool,
}

/// Opens the clone, made if missing (which needs a remote), and fetches
/// from `remote` if given, else from the remote it has. A `remote` that
/// cannot be fetched from changes nothing: a clone made for it is
/// removed, and an existing one keeps the remote it had.
pub(super) fn open<'a>(
    place: &'a Place,
    remote: Option<&str>,
    env: &'a Env,
    stop: Stop<'a>,
) -> Result<Opened<'a>> {
    let remote = remote.map(local_path_made_absolute);
    if place.clone.join(".git").is_dir() && !Git::new(&place.clone, env, stop).is_repository()? {
        // Only fetched copies live in the clone: remade from the remote
        // given, nothing is lost.
        let Some(_) = &remote else {
            bail!(
                "the sync clone {} is damaged (git cannot read it); run `roadmap sync --remote \
                 URL` to make it again: your progress is in the progress folder, not in it",
                place.clone.display()
            );
        };
        fs::remove_dir_all(&place.clone).with_context(|| {
            format!(
                "cannot remove the damaged sync clone {}",
                place.clone.display()
            )
        })?;
    }
    let made = !place.clone.join(".git").is_dir();
    if made {
        let Some(url) = &remote else {
            return Err(no_remote());
        };
        make(&place.clone, url, env, stop)?;
    } else {
        remove_stale_locks(&place.clone.join(".git"))?;
    }
    let git = Git::new(&place.clone, env, stop);
    let shared = !made && git.commit(FETCHED)?.is_some();
    let url = match remote {
        Some(url) if made => url,
        configured => {
            tidy(&git)?;
            let kept = git.setting("remote.origin.url")?;
            match configured {
                Some(url) if kept.as_deref() != Some(url.as_str()) => {
                    fetch(&git, &url, &url)?;
                    git.ok("change the remote", &["config", "remote.origin.url", &url])?;
                    url
                }
                _ => {
                    let url = kept.ok_or_else(no_remote)?;
                    fetch(&git, "origin", &url)?;
                    url
                }
            }
        }
    };
    let git = if git.setting("user.email")?.is_some() {
        git
    } else {
        git.with_identity(&place.device)
    };
    Ok(Opened { git, url, shared })
}

/// Makes the clone and fetches from `url` into it, in a folder beside it
/// that is renamed into place once both worked, and removed when either
/// failed (or is found at the next sync, left by one that was killed).
fn make(clone: &Path, url: &str, env: &Env, stop: Stop) -> Result<()> {
    let new = with_suffix(clone, ".new");
    remove_made(&new)?;
    if let Err(err) = set_up(&new, url, env, stop) {
        let _ = remove_made(&new);
        return Err(err);
    }
    fs::rename(&new, clone).with_context(|| format!("cannot create {}", clone.display()))
}

fn remove_made(new: &Path) -> Result<()> {
    match fs::remove_dir_all(new) {
        Err(err) if err.kind() != ErrorKind::NotFound => {
            Err(err).with_context(|| format!("cannot remove {}", new.display()))
        }
        _ => Ok(()),
    }
}

fn set_up(new: &Path, url: &str, env: &Env, stop: Stop) -> Result<()> {
    let mut init = git::command(env);
    init.arg("init").arg("--quiet").arg(new);
    let output = git::output(&mut init, stop)?;
    if !output.ok {
        bail!(
            "cannot create the sync clone {}: {}",
            new.display(),
            output.reason()
        );
    }
    let git = Git::new(new, env, stop);
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
    fetch(&git, "origin", url)
}

/// Removes the lock files a git that was killed left in the clone's
/// `.git` (`gitdir`): the ones git takes at its top (`index.lock`,
/// `HEAD.lock`, `config.lock`, `packed-refs.lock`, …) and a ref's under
/// `refs/` (no ref's name may end in `.lock`, so each such file is one).
/// Sync holds its own lock whenever it runs git in the clone, so any
/// found now is stale; git would refuse to work until it is gone.
fn remove_stale_locks(gitdir: &Path) -> Result<()> {
    let mut todo = vec![(gitdir.to_path_buf(), false)];
    while let Some((dir, walk)) = todo.pop() {
        let entries = match fs::read_dir(&dir) {
            Ok(entries) => entries,
            Err(err) if err.kind() == ErrorKind::NotFound => continue,
            Err(err) => return Err(err).with_context(|| format!("cannot read {}", dir.display())),
        };
        for entry in entries.flatten() {
            let path = entry.path();
            let Ok(kind) = entry.file_type() else {
                continue;
            };
            if kind.is_dir() {
                if walk || (dir == gitdir && entry.file_name() == "refs") {
                    todo.push((path, true));
                }
            } else if kind.is_file() && entry.file_name().as_encoded_bytes().ends_with(b".lock") {
                fs::remove_file(&path)
                    .with_context(|| format!("cannot remove the stale {}", path.display()))?;
            }
        }
    }
    Ok(())
}

/// Puts the clone's index and files back to its last commit, dropping a
/// merge half done (`MERGE_HEAD`) or a reset cut short: its files are
/// copies the sync writes again, so nothing is lost, and a commit made
/// from a stale index could undo other devices' logs.
fn tidy(git: &Git) -> Result<()> {
    if git.commit("HEAD")?.is_some() {
        git.ok(
            "put the clone back to its last commit",
            &["reset", "--quiet", "--hard"],
        )?;
    }
    Ok(())
}
