//! Saving progress from a command: what `mark` and `import --with-progress`
//! share. Another process holding the lock is waited for a few seconds,
//! with a word on standard error, never for ever; then the command fails
//! having changed nothing.

use std::collections::BTreeMap;
use std::time::{Duration, Instant};

use anyhow::{Result, bail};

use crate::domain::safe_text::clean_line;
use crate::io::store::{Busy, Changes, Incoming, LOCK_WAIT, Store};

/// How often the lock is tried again meanwhile.
const RETRY: Duration = Duration::from_millis(50);

/// The store, opened to save into; an error when it cannot be written
/// (the store's warning, printed as it opened, says why), starting with
/// what was then not saved: `nothing`, `no progress`.
pub fn store_to_save(context: &super::Context, not_saved: &str) -> Result<Store> {
    let store = context.store()?;
    if store.read_only().is_some() {
        bail!(
            "{not_saved} was saved: the progress file cannot be written (the warning above says \
             why)"
        );
    }
    Ok(store)
}

/// Saves `changes` to roadmap `roadmap_id`, waiting up to [`LOCK_WAIT`]
/// for the lock.
pub fn commit(store: &mut Store, roadmap_id: &str, changes: &Changes, now: u64) -> Result<()> {
    commit_with_notes(store, roadmap_id, changes, &BTreeMap::new(), now)
}

/// [`commit`], with notes (item key → note) saved in the same append.
pub fn commit_with_notes(
    store: &mut Store,
    roadmap_id: &str,
    changes: &Changes,
    notes: &BTreeMap<String, String>,
    now: u64,
) -> Result<()> {
    patiently(store, |store| {
        store.commit_with_notes(roadmap_id, changes, notes, now)
    })
}

/// Saves the goal of `target` (`""`: the whole roadmap, else a level's
/// id) as [`commit`] saves statuses.
pub fn commit_goal(
    store: &mut Store,
    roadmap_id: &str,
    target: &str,
    by: Option<i64>,
    now: u64,
) -> Result<()> {
    patiently(store, |store| {
        store.commit_goal(roadmap_id, target, by, now)
    })
}

/// Runs `save` until it is not refused for a lock another process holds,
/// for up to [`LOCK_WAIT`].
fn patiently(
    store: &mut Store,
    mut save: impl FnMut(&mut Store) -> Result<Incoming>,
) -> Result<()> {
    let deadline = Instant::now() + LOCK_WAIT;
    let mut told = false;
    loop {
        let err = match save(store) {
            Ok(_) => return Ok(()),
            Err(err) => err,
        };
        let Some(busy) = err.downcast_ref::<Busy>() else {
            return Err(err);
        };
        let lock = clean_line(&busy.lock.display().to_string());
        if Instant::now() >= deadline {
            bail!(
                "nothing was saved: {lock} has been locked by another process for {} s; \
                 if no other roadmap is saving, another program holds it: close it and try \
                 again",
                LOCK_WAIT.as_secs()
            );
        }
        if !told {
            eprintln!(
                "roadmap: waiting for {lock}, locked by another process (another roadmap \
                 saving?); giving up in {} s",
                LOCK_WAIT.as_secs()
            );
            told = true;
        }
        std::thread::sleep(RETRY);
    }
}
