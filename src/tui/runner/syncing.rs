//! Syncing with the user's git remote from the app: the `S` key
//! ([`Effect::Sync`]), and `sync: {on-start, on-quit}` from the settings.
//! The git work is [`crate::io::sync`]'s; this finds the place, runs it
//! at the right moment, and turns what came of it into an
//! [`Outcome::Synced`] after reading the store again, so what other
//! machines did shows at once.
//!
//! It must not take the terminal: the event loop hands it over (so ssh
//! can ask for a passphrase) around [`Runner::sync_with_git`].

use std::io::Write as _;

use crate::format::config::SyncSettings;
use crate::io::sync::{self, Place, Report};
use crate::tui::app::Input;
use crate::tui::effect::Outcome;

use super::Runner;

/// What the terminal shows while git has it.
const SYNCING: &str = "roadmap: syncing progress with your git remote…";

impl Runner {
    /// When the app syncs by itself.
    pub fn with_sync_settings(self, sync: SyncSettings) -> Runner {
        Runner { sync, ..self }
    }

    pub fn sync_settings(&self) -> SyncSettings {
        self.sync
    }

    /// Where a sync works, or why there is nothing to sync with yet, or
    /// why not now: the save before it waits for the lock, and a sync now
    /// would leave the last changes behind.
    pub fn sync_place(&mut self) -> Result<Place, String> {
        if !self.app.session().unsaved().is_empty() {
            return Err("your last changes are not saved yet; sync once they are".to_owned());
        }
        let Some(folder) = self.store.path().map(|path| path.to_path_buf()) else {
            return Err("progress is kept in memory only: there is nothing to sync".to_owned());
        };
        // Asked first: without a remote, nothing is kept (not even the id).
        if !Place::new(folder.clone(), String::new()).has_remote() {
            return Err(
                "no git remote to sync with yet: run `roadmap sync --remote URL` once, in a \
                 shell"
                    .to_owned(),
            );
        }
        let device = self.store.keep_device().map_err(|err| format!("{err:#}"))?;
        Ok(Place::new(folder, device))
    }

    /// Runs git for a sync of `place`, saying so on standard error: for
    /// the event loop to call with the terminal handed over, or before
    /// and after the full screen.
    pub fn sync_with_git(place: &Place) -> Result<Report, String> {
        let _ = writeln!(std::io::stderr(), "{SYNCING}");
        sync::sync(place, None).map_err(|err| format!("{err:#}"))
    }

    /// Takes in how a sync went: the store is read again (other devices'
    /// logs came in), and the app says what moved or why it failed.
    pub fn synced(&mut self, result: Result<Report, String>) {
        let mut notices = Vec::new();
        let before = self.store.device().map(str::to_owned);
        let incoming = self.store.refresh();
        if let Ok(report) = &result
            && !report.copied_home.is_empty()
        {
            // Reading again, the store takes a fresh id when another
            // machine saved as this one (a copied home), and says so. When
            // it did not, this device's own log was rewritten since it was
            // pushed (a repair): a fresh id keeps it, and lets it go out.
            if self.store.device().map(str::to_owned) == before {
                match self.store.new_device() {
                    Ok(id) => notices.push(format!(
                        "this device's log was rewritten since it was pushed (a repair): \
                         it now saves as {id}, and its log so far is kept"
                    )),
                    Err(err) => notices.push(format!(
                        "this device's log was rewritten since it was pushed, and it could \
                         not take a new id ({err:#}): run `roadmap sync --new-device`"
                    )),
                }
            }
            notices.push("sync again to push this device's changes under its new id".to_owned());
        }
        let arrived = self.arrived(incoming);
        let mut store_notices = self.store.take_notices();
        store_notices.extend(notices);
        let outcome = Outcome::Synced {
            result: result.map(|report| report.short_summary()),
            arrived,
            notices: store_notices,
        };
        self.input(Input::Done(outcome));
        self.tell_if_read_only();
    }

    /// A sync from start to end, with no terminal to hand over (tests;
    /// `on-start`, before the full screen).
    pub fn sync_now(&mut self) {
        let result = self
            .sync_place()
            .and_then(|place| Runner::sync_with_git(&place));
        self.synced(result);
    }

    /// `sync: {on-quit: true}`: after the last save, on the terminal the
    /// full screen gave back. A failure is a warning: the progress is
    /// saved here either way, and the next sync sends it.
    pub fn sync_on_quit(&mut self) {
        if !self.sync.on_quit {
            return;
        }
        let line = match self
            .sync_place()
            .and_then(|place| Runner::sync_with_git(&place))
        {
            Ok(report) => format!("roadmap: {}", report.summary()),
            Err(err) => format!(
                "roadmap: warning: sync failed: {err}; your progress is saved on this machine"
            ),
        };
        // Never `eprintln!`: standard error may be gone.
        let _ = writeln!(std::io::stderr(), "{line}");
    }
}
