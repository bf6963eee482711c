//! Syncing with the user's git remote from the app: the `S` key
//! ([`Effect::Sync`]), and `sync: {on-start, on-quit}` from the settings.
//! The git work is [`crate::io::sync`]'s; this finds the place, runs it
//! at the right moment, and turns what came of it into an
//! [`Outcome::Synced`] after reading the store again, so what other
//! machines did shows at once.
//!
//! It must not take the terminal: the event loop lends it in place (so
//! ssh can ask for a passphrase) around [`Runner::sync_with_git`].

use std::io::Write as _;

use crate::format::config::SyncSettings;
use crate::io::store::Incoming;
use crate::io::sync::{self, Place, Settled};
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
        if !sync::has_remote(&folder) {
            return Err(
                "no git remote to sync with yet: run `roadmap sync --remote URL` once, in a \
                 shell"
                    .to_owned(),
            );
        }
        let device = self.store.keep_device().map_err(|err| format!("{err:#}"))?;
        Ok(Place::new(folder, device))
    }

    /// Runs git for a sync of `place`, saying so on standard error, until
    /// `stop` turns true (a signal ending the app): for the event loop to
    /// call with the terminal lent, or before and after the full screen.
    /// When the sync kept a stray copy of this device's log (a copied
    /// home, or this device's log rewritten since it was pushed), the
    /// device takes a fresh id and syncs again at once, so that its
    /// changes go out.
    pub fn sync_with_git(
        &mut self,
        place: &Place,
        stop: &dyn Fn() -> bool,
    ) -> Result<Settled, String> {
        let _ = writeln!(std::io::stderr(), "{SYNCING}");
        sync::sync_settled(place, None, stop, &mut self.store).map_err(|err| format!("{err:#}"))
    }

    /// Takes in how a sync went: the store is read again (other devices'
    /// logs came in), and the app says what moved or why it failed.
    pub fn synced(&mut self, result: Result<Settled, String>) {
        let (result, seen, mut notices): (_, _, Vec<String>) = match result {
            Ok(Settled {
                report,
                fresh_id,
                seen,
            }) => (
                Ok(report),
                seen,
                fresh_id.iter().filter_map(sync::FreshId::warning).collect(),
            ),
            Err(why) => (Err(why), Incoming::Nothing, Vec::new()),
        };
        let incoming = seen.and(self.store.refresh());
        let arrived = self.arrived(incoming);
        notices.extend(self.store.take_notices());
        if let Ok(report) = &result
            && !report.copied_home.is_empty()
        {
            notices.push("sync again to push this device's changes under its new id".to_owned());
        }
        let outcome = Outcome::Synced {
            result: result.map(|report| report.short_summary()),
            arrived,
            notices,
        };
        self.input(Input::Done(outcome));
        self.tell_if_read_only();
    }

    /// A sync from start to end, with no terminal to hand over (tests;
    /// `on-start`, before the full screen, when no signal is handled yet).
    pub fn sync_now(&mut self) {
        let result = self
            .sync_place()
            .and_then(|place| self.sync_with_git(&place, &|| false));
        self.synced(result);
    }

    /// `sync: {on-quit: true}`: after the last save, on the terminal the
    /// full screen gave back. A failure is a warning: the progress is
    /// saved here either way, and the next sync sends it.
    pub fn sync_on_quit(&mut self, stop: &dyn Fn() -> bool) {
        if !self.sync.on_quit {
            return;
        }
        let line = match self
            .sync_place()
            .and_then(|place| self.sync_with_git(&place, stop))
        {
            Ok(settled) => {
                let warning = settled.fresh_id.as_ref().and_then(sync::FreshId::warning);
                let warning = warning.map(|text| format!("roadmap: warning: {text}\n"));
                format!(
                    "{}roadmap: {}",
                    warning.unwrap_or_default(),
                    settled.report.summary()
                )
            }
            Err(err) => format!(
                "roadmap: warning: sync failed: {err}; your progress is saved on this machine"
            ),
        };
        // Never `eprintln!`: standard error may be gone.
        let _ = writeln!(std::io::stderr(), "{line}");
    }
}
