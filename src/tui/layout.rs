//! What the view drew last: where the panes, tabs and rows were, and how
//! much of each list fitted. The view writes a [`Layout`] each frame; the
//! app reads it at the next input, so a page is a page of what was on
//! screen and a click lands on what was seen.
//!
//! Only data: this module knows nothing of drawing or of the app.

use ratatui::layout::{Position, Rect};

use crate::tui::tree::Row;

/// Rows of a scrolled text that fit, and how far it can scroll.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Viewport {
    pub page: usize,
    pub max_scroll: usize,
}

impl Default for Viewport {
    fn default() -> Viewport {
        Viewport {
            page: 1,
            max_scroll: 0,
        }
    }
}

/// The frame as drawn.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Layout {
    /// The row of level tabs, and each tab's columns (`start..end`).
    pub tabs: Rect,
    pub tab_spans: Vec<(u16, u16)>,
    /// Inside the outline pane's border: tree rows, or search hits.
    pub outline: Rect,
    /// The first tree row shown, and how many fit.
    pub tree_offset: usize,
    pub tree_rows: usize,
    /// The first search hit shown, while the search prompt is open.
    pub hits_offset: usize,
    /// The help, the progress view and the reading view, when they were
    /// drawn, and the details pane.
    pub help: Viewport,
    pub progress: Viewport,
    pub reading: Viewport,
    pub details: Viewport,
}

/// What is under a mouse click.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Target {
    /// The tab of the level at this index.
    Tab(usize),
    /// A row of the outline; `marker`: on its checkbox.
    Row { row: Row, marker: bool },
    /// A hit in the search's list, by its index.
    Hit(usize),
}

/// Where a click at `x`, `y` landed, before it is known what is there.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Spot {
    Tab(usize),
    /// The `line`-th row inside the outline (0: its first shown row), and
    /// whether on the checkbox columns.
    Line {
        line: usize,
        marker: bool,
    },
}

impl Layout {
    /// Rows of the tree a page moves by.
    pub fn page(&self) -> usize {
        self.tree_rows.max(1)
    }

    /// Which part of the screen `x`, `y` is on.
    pub fn spot(&self, x: u16, y: u16) -> Option<Spot> {
        let at = Position { x, y };
        if self.tabs.contains(at) {
            return self
                .tab_spans
                .iter()
                .position(|&(_, end)| x < end)
                .map(Spot::Tab);
        }
        if !self.outline.contains(at) {
            return None;
        }
        // `▸ [ ] Topic` and `  [ ] Item`: the checkbox is columns 2 to 4.
        Some(Spot::Line {
            line: usize::from(y - self.outline.y),
            marker: (2..5).contains(&(x - self.outline.x)),
        })
    }
}
