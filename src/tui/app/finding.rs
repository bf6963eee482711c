//! Finding things on the main screen: the search prompt (`/`, its keys,
//! `Enter` and `Esc`), `n`/`N` through the last search's hits, and the
//! filter that hides finished items (`f`), kept up to date as statuses
//! change. Part of [`App`]'s state handling; pure like the rest.

use crate::domain::session::is_finished;
use crate::tui::app::App;
use crate::tui::app::overlay::Overlay;
use crate::tui::app::search::Search;
use crate::tui::keymap::SearchKey;
use crate::tui::search::{Hit, Index};
use crate::tui::tree::Row;

impl App {
    /// `/`: opens the search prompt, remembering the view for `Esc`.
    pub(super) fn start_search(&mut self) {
        let index = self
            .search_index
            .get_or_insert_with(|| Index::new(self.session.roadmap()));
        // Notes change between searches (edited here, or by another
        // session); titles only with the roadmap, which drops the index.
        let session = &self.session;
        index.set_notes(session.progress().notes().filter_map(|(key, note)| {
            let (level, topic, item) = session.place(key)?;
            let hit = Hit {
                level,
                topic,
                item: Some(item),
            };
            Some((hit, note))
        }));
        self.last_search = None;
        self.overlay = Some(Overlay::Search(Search::new(self.level, self.trees.clone())));
    }

    /// A key of the search prompt's table, or a character typed.
    pub(super) fn search_key(&mut self, key: Result<SearchKey, char>) {
        let page = isize::try_from(self.layout.page()).unwrap_or(isize::MAX);
        let (Some(Overlay::Search(search)), Some(index)) = (&mut self.overlay, &self.search_index)
        else {
            return;
        };
        match key {
            Err(c) => search.push(c, index),
            Ok(SearchKey::Clear) => search.clear(index),
            Ok(SearchKey::DeleteWord) => search.pop_word(index),
            Ok(SearchKey::DeleteChar) if search.query().is_empty() => self.cancel_search(),
            Ok(SearchKey::DeleteChar) => search.pop(index),
            Ok(SearchKey::Next) => search.step(1),
            Ok(SearchKey::Previous) => search.step(-1),
            Ok(SearchKey::PageDown) => search.step(page),
            Ok(SearchKey::PageUp) => search.step(-page),
            Ok(SearchKey::Accept) => self.accept_search(),
            Ok(SearchKey::Cancel) => self.cancel_search(),
        }
    }

    /// `Esc` in the prompt: puts back the level and trees as they were.
    pub(super) fn cancel_search(&mut self) {
        let Some(Overlay::Search(mut search)) = self.overlay.take() else {
            return;
        };
        if let Some((level, trees)) = search.take_before() {
            self.level = level;
            self.trees = trees;
            // The trees kept their filter from before `/`; statuses may
            // have changed since (another session's, read at each key).
            if self.hide_finished {
                self.apply_filter();
            }
        }
    }

    /// `Enter` in the prompt: jumps to the chosen hit, and keeps the hits
    /// for `n`/`N`. With no hit, the prompt stays open.
    pub(super) fn accept_search(&mut self) {
        let Some(Overlay::Search(search)) = &mut self.overlay else {
            return;
        };
        let Some(hit) = search.current_hit() else {
            self.flash = Some(format!(
                "No match for \"{}\" (Esc goes back)",
                search.query()
            ));
            return;
        };
        search.accept();
        if let Some(Overlay::Search(search)) = self.overlay.take() {
            self.last_search = Some(search);
        }
        self.jump_to(hit);
    }

    /// `n`/`N`: the next or previous hit of the last search.
    pub(super) fn next_match(&mut self, delta: isize) {
        let Some(search) = &mut self.last_search else {
            self.flash = Some("No search yet: / searches every level".to_owned());
            return;
        };
        if search.hits().is_empty() {
            self.flash = Some(format!("No match for \"{}\"", search.query()));
            return;
        }
        search.step(delta);
        let (current, count) = (search.current() + 1, search.hits().len());
        if let Some(hit) = search.current_hit() {
            self.jump_to(hit);
            let mut flash = format!("Match {current} of {count}");
            // Say so when the jump had to turn the filter off.
            if let Some(why) = self.flash.take() {
                flash.push_str(&format!(" · {why}"));
            }
            self.flash = Some(flash);
        }
    }

    /// Shows `hit`: switches to its level, opens its topic, selects it.
    /// A filter hiding it is turned off, saying so.
    pub(super) fn jump_to(&mut self, hit: Hit) {
        let row = hit.row();
        let Some(tree) = self.trees.get_mut(hit.level) else {
            return;
        };
        tree.select(row);
        if tree.selected() != Some(row) && self.hide_finished {
            self.toggle_filter();
            self.flash = Some("Filter off, to show the match".to_owned());
            self.trees[hit.level].select(row);
        }
        let tree = &mut self.trees[hit.level];
        if let Row::Topic(topic) = row
            && !tree.is_open(topic)
        {
            tree.toggle();
        }
        self.level = hit.level;
    }

    /// `f`: hides done and skipped items, or shows them again.
    pub(super) fn toggle_filter(&mut self) {
        self.hide_finished = !self.hide_finished;
        self.apply_filter();
        self.flash = Some(if self.hide_finished {
            "Hiding done and skipped items (f shows them)".to_owned()
        } else {
            "Showing every item".to_owned()
        });
    }

    /// Gives every level's tree the filter `hide_finished` asks for,
    /// computed afresh.
    pub(super) fn apply_filter(&mut self) {
        self.session.take_touched();
        for level in 0..self.trees.len() {
            let filter = self.hide_finished.then(|| {
                (0..self.roadmap().levels[level].topics.len())
                    .map(|topic| self.unfinished_items(level, topic))
                    .collect()
            });
            self.trees[level].set_filter(filter);
        }
    }

    /// Indexes of the items of a topic that are neither done nor skipped.
    pub(super) fn unfinished_items(&self, level: usize, topic: usize) -> Vec<usize> {
        self.roadmap().levels[level].topics[topic]
            .items
            .iter()
            .enumerate()
            .filter(|(_, item)| !is_finished(self.session.status(item)))
            .map(|(index, _)| index)
            .collect()
    }

    /// Brings the filter of topics whose items changed up to date.
    pub(super) fn refilter(&mut self) {
        let touched = self.session.take_touched();
        if !self.hide_finished {
            return;
        }
        for (level, topic) in touched {
            let items = self.unfinished_items(level, topic);
            self.trees[level].set_topic_filter(topic, items);
        }
    }
}
