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
    ) -> Result<Report, String> {
        let _ = writeln!(std::io::stderr(), "{SYNCING}");
        let shown = |err: anyhow::Error| format!("{err:#}");
        let report = sync::sync_until(place, None, stop).map_err(shown)?;
        if report.copied_home.is_empty() {
            return Ok(report);
        }
        // Read again, the store takes a fresh id after a copied home;
        // what it read is kept for the app, which takes it in after.
        let seen = self.store.refresh();
        self.seen_while_syncing = std::mem::take(&mut self.seen_while_syncing).and(seen);
        match sync::fresh_id_after(&report, &place.device, &mut self.store).map_err(shown)? {
            Some(sync::FreshId::LogRewritten(id)) => self.sync_notice(format!(
                "this device's log was rewritten since it was pushed (a repair): it now \
                 saves as {id}, and nothing is lost"
            )),
            Some(sync::FreshId::TakenByTheStore(_)) | None => {}
        }
        let device = self.store.keep_device().map_err(shown)?;
        let again = Place::new(place.folder.clone(), device);
        let second = sync::sync_until(&again, None, stop).map_err(shown)?;
        Ok(report.followed_by(second))
    }

    /// Takes in how a sync went: the store is read again (other devices'
    /// logs came in), and the app says what moved or why it failed.
    pub fn synced(&mut self, result: Result<Report, String>) {
        let incoming = std::mem::take(&mut self.seen_while_syncing).and(self.store.refresh());
        let arrived = self.arrived(incoming);
        let mut notices = std::mem::take(&mut self.sync_notices);
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

    /// A notice of the sync's own, shown with what came of it.
    fn sync_notice(&mut self, notice: String) {
        self.sync_notices.push(notice);
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
            Ok(report) => format!("roadmap: {}", report.summary()),
            Err(err) => format!(
                "roadmap: warning: sync failed: {err}; your progress is saved on this machine"
            ),
        };
        // Never `eprintln!`: standard error may be gone.
        let _ = writeln!(std::io::stderr(), "{line}");
    }
}
