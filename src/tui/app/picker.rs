//! The roadmap picker's state: every roadmap the catalog knows, with its
//! overall progress (each roadmap keeps its own), and which row is
//! selected. The rows are read by the runner when the picker opens, so it
//! shows files as they are now; this module only moves through them.

use crate::domain::progress::Tally;
use crate::tui::action::Action;
use crate::tui::app::overlay::Answer;

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
    /// The picker over `rows`, the roadmap on screen selected.
    pub fn new(rows: Vec<PickerRow>) -> Picker {
        let selected = rows.iter().position(|row| row.current).unwrap_or(0);
        Picker { rows, selected }
    }

    /// Moves through the rows (`page` rows at a time for a page key);
    /// `Enter` or `l` answers that the selected roadmap is to be opened,
    /// and the picker stays open until it is.
    pub fn handle(&mut self, action: Action, page: usize) -> Answer {
        let page = isize::try_from(page.max(1)).unwrap_or(isize::MAX);
        match action {
            Action::Quit => return Answer::Quit,
            Action::Back | Action::PickRoadmap => return Answer::Close,
            Action::Down => self.move_by(1),
            Action::Up => self.move_by(-1),
            Action::PageDown => self.move_by(page),
            Action::PageUp => self.move_by(-page),
            Action::First => self.first(),
            Action::Last => self.last(),
            Action::Toggle | Action::Expand => return Answer::Then(()),
            _ => {}
        }
        Answer::Stay
    }

    pub fn rows(&self) -> &[PickerRow] {
        &self.rows
    }

    pub fn selected(&self) -> usize {
        self.selected
    }

    pub fn selected_row(&self) -> Option<&PickerRow> {
        self.rows.get(self.selected)
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
