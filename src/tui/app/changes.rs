//! What the keys that change something do: statuses (`Space`, `i`, `s`),
//! reset (`R`, asked first), undo and redo, notes (`e`), links (`o`), the
//! progress view (`a`), and switching roadmaps from the picker. Each
//! changes the [`crate::domain::session::Session`] and asks for a save,
//! or asks the runner for what only it can do. Pure like the rest of
//! [`App`].

use crate::domain::next::{Length, UpNext, nothing_next};
use crate::domain::plural;
use crate::domain::progress::Status;
use crate::domain::roadmap::Resource;
use crate::domain::session::{Node, Replayed, Session};
use crate::tui::action::Action;
use crate::tui::app::overlay::Picker;
use crate::tui::app::overlay::{ContinueView, LinkChooser, Overlay, ProgressView, Prompt};
use crate::tui::app::{App, Selection, trees_for};
use crate::tui::effect::{Effect, NoteOutcome};
use crate::tui::tree::Row;

impl App {
    /// `Enter` in the picker: opens the roadmap picked in place of this
    /// one. The picker stays open, saying why, when that cannot be.
    pub(super) fn switch_to(&mut self, picker: Picker, effects: &mut Vec<Effect>) {
        let Some(row) = picker.selected_row() else {
            return;
        };
        if row.current {
            return;
        }
        if let Some(problem) = &row.problem {
            self.flash = Some(format!("Cannot open {}: {problem}", row.id));
            self.overlay = Some(Overlay::Picker(picker));
            return;
        }
        let Some(entry) = row.entry else {
            return;
        };
        // Unsaved changes belong to this roadmap: saved first, never left
        // behind (whether they were is looked at when it has opened).
        if !self.session.unsaved().is_empty() {
            effects.push(Effect::Save);
        }
        effects.push(Effect::OpenRoadmap(entry));
        self.overlay = Some(Overlay::Picker(picker));
    }

    /// The roadmap picked has opened (or could not be): it replaces the
    /// session, and only the session, unless changes of this one are
    /// still not saved.
    pub(super) fn opened(&mut self, opened: Result<Box<Session>, String>) {
        if !matches!(self.overlay, Some(Overlay::Picker(_))) {
            return;
        }
        // As before opening anything: this roadmap's changes come first.
        let unsaved = self.session.unsaved().len();
        if unsaved > 0 {
            self.flash = Some(format!(
                "Cannot switch: {} not saved yet (the red line says why)",
                plural::count_as(unsaved, "change is", "changes are")
            ));
            return;
        }
        let session = match opened {
            Ok(session) => session,
            Err(why) => return self.flash = Some(why),
        };
        // Notices not yet dismissed still hold, except the one about the
        // old roadmap's orphans.
        let old_orphans = self.session.orphan_notice();
        self.notices
            .retain(|notice| Some(notice) != old_orphans.as_ref());
        self.park();
        self.session = *session;
        self.notices.extend(self.session.orphan_notice());
        self.level = 0;
        self.trees = trees_for(self.session.roadmap());
        self.opened_as = None;
        self.unpark();
        self.overlay = None;
        self.last_search = None;
        self.search_index = None;
        self.save_error = None;
        self.waiting_for = None;
        if self.hide_finished {
            self.apply_filter();
        }
        self.flash = Some(format!(
            "Opened {}: {}",
            self.roadmap().title,
            self.overall_tally().summary()
        ));
    }

    /// `e`: asks for the editor on the item's note.
    pub(super) fn ask_to_edit_note(&mut self, effects: &mut Vec<Effect>) {
        match self.selection() {
            Some(Selection::Item(_, item)) => {
                let effect = Effect::EditNote {
                    key: item.key.clone(),
                    title: item.title.clone(),
                    note: self.session.note(item).unwrap_or("").to_owned(),
                };
                if !self.refuse_if_read_only() {
                    effects.push(effect);
                }
            }
            Some(Selection::Topic { .. }) => {
                self.flash =
                    Some("Notes are kept on items: open the topic (l) and pick one".to_owned());
            }
            None => {}
        }
    }

    /// How a note edit ended: saved (and undoable), or if it could not
    /// be (the store failed, or another session changed the note
    /// meanwhile), the draft is kept and the notice says where.
    pub(super) fn note_edited(&mut self, note: NoteOutcome) {
        match note {
            NoteOutcome::EditorFailed(err) => self.flash = Some(format!("Note unchanged: {err}")),
            NoteOutcome::Unchanged => self.flash = Some("Note unchanged".to_owned()),
            NoteOutcome::Saved {
                key,
                was,
                text,
                arrived,
                notices,
            } => {
                self.take_in(arrived, notices);
                self.session.edit_note(&key, &was, &text);
                self.flash = Some(if text.is_empty() {
                    self.with_undo_hint("Note removed", "brings it back")
                } else {
                    self.with_undo_hint("Note saved", "undoes it")
                });
            }
            NoteOutcome::Replayed {
                edit,
                undone,
                result,
                arrived,
                notices,
            } => {
                if let Err(why) = result {
                    self.session.note_not_replayed(&edit, undone);
                    self.notices.push(format!(
                        "the note could not be put back ({why}); it is as it was"
                    ));
                }
                self.take_in(arrived, notices);
            }
            NoteOutcome::NotSaved {
                why,
                kept,
                arrived,
                notices,
            } => {
                // What the store read meanwhile (the other note) shows.
                self.take_in(arrived, notices);
                self.notices
                    .push(format!("the note was NOT saved ({why}); {kept}"));
            }
        }
    }

    /// `o`: the selection's link, or a choice of them when there are several.
    /// An item without links of its own offers its topic's.
    pub(super) fn choose_link(&mut self, effects: &mut Vec<Effect>) {
        let links: Vec<Resource> = match self.selection() {
            Some(Selection::Item(topic, item)) if item.resources.is_empty() => {
                topic.resources.clone()
            }
            Some(Selection::Item(_, item)) => item.resources.clone(),
            Some(Selection::Topic { topic, .. }) => topic.resources.clone(),
            None => Vec::new(),
        };
        match links.as_slice() {
            [] => {
                self.flash = Some(match self.selection() {
                    Some(Selection::Item(..)) => "No links on this item or its topic".to_owned(),
                    _ => "No links on this topic".to_owned(),
                });
            }
            [link] => effects.push(Effect::OpenLink(link.url.clone())),
            _ => self.overlay = Some(Overlay::Links(LinkChooser { links, selected: 0 })),
        }
    }

    /// `c`: what to work on next, as `roadmap next` lists it, to jump to
    /// one; when every item is done or skipped, says so.
    pub(super) fn show_continue_view(&mut self) {
        let list = UpNext::of(self.roadmap(), self.session.progress(), Length::Default);
        if list.items.is_empty() {
            self.flash = Some(nothing_next(self.roadmap().items().count()).to_owned());
            return;
        }
        self.overlay = Some(Overlay::Continue(ContinueView { list, selected: 0 }));
    }

    /// `a`: opens the progress view, counted as of now.
    pub(super) fn show_progress_view(&mut self) {
        let view = ProgressView::counted(&self.session, (self.clock)());
        self.overlay = Some(Overlay::Progress(view));
    }

    /// The items the selected row stands for: an item, or a topic's items.
    pub(super) fn selected_node(&self) -> Option<Node> {
        let level = self.level;
        let node = match self.trees[level].selected()? {
            Row::Topic(topic) => Node {
                level,
                topic,
                item: None,
            },
            Row::Item { topic, item } => Node {
                level,
                topic,
                item: Some(item),
            },
        };
        // A topic with no items: nothing to change, nothing to refuse.
        let topic = self.roadmap().levels.get(level)?.topics.get(node.topic)?;
        (!topic.items.is_empty()).then_some(node)
    }

    /// `Space`, `i`, `s`: gives the selection `status`, or takes it back
    /// to pending when it already has it. On a topic, every item at once.
    pub(super) fn toggle_status(&mut self, status: Status, effects: &mut Vec<Effect>) {
        let Some(node) = self.selected_node() else {
            return;
        };
        if self.refuse_if_read_only() {
            return;
        }
        let now = (self.clock)();
        if let Some(what) = self.session.toggle_status(node, status, now) {
            self.flash = Some(what);
            effects.push(Effect::Save);
        }
    }

    /// `R`: asks before clearing the shown level.
    pub(super) fn ask_reset(&mut self) {
        if self.session.has_progress(self.level) {
            self.overlay = Some(Overlay::Prompt(Prompt::ResetLevel(self.level)));
        } else {
            self.flash = Some(format!("{} has no progress to reset", self.level().title));
        }
    }

    pub(super) fn answer(&mut self, prompt: Prompt, effects: &mut Vec<Effect>) {
        match prompt {
            Prompt::ResetLevel(index) => {
                if !self.session.has_progress(index) || self.refuse_if_read_only() {
                    return;
                }
                if let Some(what) = self.session.reset_level(index) {
                    self.flash = Some(self.with_undo_hint(&what, "undoes it"));
                    effects.push(Effect::Save);
                }
            }
        }
    }

    /// In a read-only session, says why nothing changes; returns whether
    /// that is so. The reason itself is on the red row already.
    pub(super) fn refuse_if_read_only(&mut self) -> bool {
        let read_only = self.read_only.is_some();
        if read_only {
            self.flash = Some("Read-only: nothing was changed (the red line says why)".to_owned());
        }
        read_only
    }

    /// `message`, and which key takes it back, when one is bound.
    fn with_undo_hint(&self, message: &str, does: &str) -> String {
        match self.keymap.first_key(Action::Undo) {
            Some(key) => format!("{message} ({} {does})", key.label()),
            None => message.to_owned(),
        }
    }

    /// `u`: puts back what the last step changed.
    pub(super) fn undo(&mut self, effects: &mut Vec<Effect>) {
        if self.refuse_if_read_only() {
            return;
        }
        match self.session.undo() {
            None => self.flash = Some("Nothing to undo".to_owned()),
            Some(undone) => self.replayed(true, undone, effects),
        }
    }

    /// `Ctrl-r`: does again what `u` undid.
    pub(super) fn redo(&mut self, effects: &mut Vec<Effect>) {
        if self.refuse_if_read_only() {
            return;
        }
        match self.session.redo() {
            None => self.flash = Some("Nothing to redo".to_owned()),
            Some(redone) => self.replayed(false, redone, effects),
        }
    }

    /// Says what an undo or redo did, saves it, and shows its first item.
    /// The step is quoted, so "Undid “Git: in progress”" never reads as
    /// if Git were in progress now; where one item changed, its status
    /// now follows.
    pub(super) fn replayed(&mut self, undone: bool, replayed: Replayed, effects: &mut Vec<Effect>) {
        // Nothing to save, but the item is still shown: the learner sees
        // what the other window made of it.
        if replayed.changed == 0 {
            let nothing = if undone {
                "Nothing undone"
            } else {
                "Nothing redone"
            };
            self.flash = Some(format!(
                "{nothing}: “{}” was changed elsewhere since",
                replayed.what
            ));
            if let Some(key) = replayed.first {
                self.reveal(&key);
            }
            return;
        }
        let verb = if undone { "Undid" } else { "Redid" };
        let mut flash = format!("{verb} “{}”", replayed.what);
        if let Some(now) = replayed.now {
            flash.push_str(&format!(": now {}", now.label()));
        }
        if replayed.left > 0 {
            flash.push_str(&format!(
                " ({} since, left as {})",
                plural::count_as(replayed.left, "item was changed", "items were changed"),
                if replayed.left == 1 {
                    "it is"
                } else {
                    "they are"
                }
            ));
        }
        self.flash = Some(flash);
        match replayed.note {
            Some(edit) => effects.push(Effect::SaveNote { edit, undone }),
            None => effects.push(Effect::Save),
        }
        if let Some(key) = replayed.first {
            self.reveal(&key);
        }
    }

    /// Switches to the tab of item `key` and selects it.
    pub(super) fn reveal(&mut self, key: &str) {
        // An item brought back must be on the list before it is selected.
        self.refilter();
        if let Some((level, topic, item)) = self.session.place(key) {
            self.level = level;
            self.trees[level].select(Row::Item { topic, item });
        }
    }
}
