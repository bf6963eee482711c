//! The roadmap picker's state: every roadmap the catalog knows, with its
//! overall progress (each roadmap keeps its own), and which row is
//! selected. Built when the picker opens, so it shows files as they are
//! now; drawing it reads this and nothing else.

use crate::domain::progress::Tally;
use crate::domain::roadmap::Roadmap;
use crate::io::catalog::{Catalog, Entry};
use crate::io::store::Store;

/// One roadmap in the picker.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PickerRow {
    pub id: String,
    pub title: String,
    /// "bundled", or which file of the user's.
    pub origin: String,
    /// Its overall progress; `None` when it cannot be opened.
    pub tally: Option<Tally>,
    /// Why it cannot be opened.
    pub problem: Option<String>,
    /// The roadmap on screen now.
    pub current: bool,
    /// Its index in the catalog; `None` for a roadmap opened from a path
    /// outside the catalog.
    pub entry: Option<usize>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Picker {
    rows: Vec<PickerRow>,
    selected: usize,
}

impl Picker {
    /// Lists every roadmap of `catalog`, with the progress `store` holds
    /// for it; `current` (on screen, counted already as `current_tally`)
    /// is marked and selected.
    pub fn new(
        catalog: &Catalog,
        store: &Store,
        current: &Roadmap,
        current_tally: Tally,
    ) -> Picker {
        let mut rows: Vec<PickerRow> = catalog
            .entries()
            .iter()
            .enumerate()
            .map(|(index, entry)| {
                if entry.id == current.id {
                    return PickerRow {
                        id: entry.id.clone(),
                        title: current.title.clone(),
                        origin: entry.origin(),
                        tally: Some(current_tally),
                        problem: None,
                        current: true,
                        entry: Some(index),
                    };
                }
                row(catalog, store, index, entry)
            })
            .collect();
        if !rows.iter().any(|row| row.current) {
            rows.insert(
                0,
                PickerRow {
                    id: current.id.clone(),
                    title: current.title.clone(),
                    origin: "opened by path".to_owned(),
                    tally: Some(current_tally),
                    problem: None,
                    current: true,
                    entry: None,
                },
            );
        }
        let selected = rows.iter().position(|row| row.current).unwrap_or(0);
        Picker { rows, selected }
    }

    pub fn rows(&self) -> &[PickerRow] {
        &self.rows
    }

    pub fn selected(&self) -> usize {
        self.selected
    }

    pub fn selected_row(&self) -> &PickerRow {
        &self.rows[self.selected]
    }

    /// Moves the selection, stopping at either end.
    pub fn move_by(&mut self, delta: isize) {
        let last = self.rows.len().saturating_sub(1);
        self.selected = self.selected.saturating_add_signed(delta).min(last);
    }

    pub fn first(&mut self) {
        self.selected = 0;
    }

    pub fn last(&mut self) {
        self.selected = self.rows.len().saturating_sub(1);
    }
}

/// A catalog entry that is not on screen: loaded to count its progress.
fn row(catalog: &Catalog, store: &Store, index: usize, entry: &Entry) -> PickerRow {
    let mut row = PickerRow {
        id: entry.id.clone(),
        title: entry.id.clone(),
        origin: entry.origin(),
        tally: None,
        problem: None,
        current: false,
        entry: Some(index),
    };
    match catalog.open_entry(entry) {
        Ok(roadmap) => {
            row.tally = Some(store.progress(&roadmap.id).tally(roadmap.items()));
            row.title = roadmap.title;
        }
        Err(why) => row.problem = Some(why),
    }
    row
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::io::bundled;

    #[test]
    fn lists_every_roadmap_with_its_own_progress_and_marks_the_current_one() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(
            dir.path().join("mine.yaml"),
            "title: Mine\nid: mine\nlevels: [{title: L, topics: [{title: T, items: [A, B]}]}]\n",
        )
        .unwrap();
        std::fs::write(dir.path().join("broken.yaml"), "title: [\n").unwrap();
        let catalog = Catalog::scan(Some(dir.path()));
        let mut store = Store::in_memory();
        let mut changes = crate::io::store::Changes::new();
        changes.insert(
            "l/t/a".to_owned(),
            Some(crate::domain::progress::Entry {
                status: crate::domain::progress::Status::Done,
                updated: 1,
            }),
        );
        store.commit("mine", &changes, 1).unwrap();
        let current = bundled::default().load().unwrap();
        let picker = Picker::new(&catalog, &store, &current, Tally::default());
        let rows = picker.rows();
        let ids: Vec<_> = rows.iter().map(|r| r.id.as_str()).collect();
        assert_eq!(ids, ["backend", "backend-essentials", "broken", "mine"]);
        assert!(rows[0].current);
        assert_eq!(picker.selected(), 0);
        let mine = &rows[3];
        assert_eq!(mine.title, "Mine");
        assert_eq!(mine.tally.map(|t| (t.done, t.total)), Some((1, 2)));
        assert!(
            rows[2]
                .problem
                .as_deref()
                .is_some_and(|p| p.contains("roadmap validate")),
            "{:?}",
            rows[2]
        );
    }

    #[test]
    fn a_roadmap_opened_by_path_is_listed_first() {
        let current = crate::format::roadmap::load::parse(
            "title: Elsewhere\nid: elsewhere\nlevels: [{title: L, topics: [{title: T}]}]\n",
            "x.yaml",
            "x",
        )
        .unwrap();
        let mut picker = Picker::new(
            &Catalog::bundled(),
            &Store::in_memory(),
            &current,
            Tally::default(),
        );
        assert_eq!(picker.selected_row().title, "Elsewhere");
        assert_eq!(picker.selected_row().entry, None);
        picker.move_by(10);
        assert_eq!(picker.selected(), picker.rows().len() - 1);
        picker.move_by(-10);
        assert_eq!(picker.selected(), 0);
    }
}
