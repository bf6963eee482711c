//! The view-state file (`view.json` in the per-user state folder): read
//! at start, written when the app ends, so it opens where it was left.
//!
//! Safe to lose, and treated so: a missing, unreadable or damaged file is
//! a fresh view, never an error, and a failed write costs only the place
//! the next start opens at. It is written whole through a temporary file
//! and a rename ([`store::write_atomically`]), so a crash leaves the old
//! file or the new one. No lock:
//! the app writes what it showed over the file as it finds it then, so of
//! two sessions each keeps its views, and of a roadmap both showed, the
//! one that ended last wins. What the text
//! means is [`crate::format::view_state`]'s; this must not interpret it.

use std::path::Path;

use anyhow::{Context, Result};

use crate::format::view_state::ViewState;
use crate::io::{store, text_file};

/// Far more than [`crate::format::view_state::MAX_ROADMAPS`] roadmaps'
/// worth; a bigger file is not ours, and is read as a fresh view.
const LIMIT: u64 = 1 << 20;

/// The view state at `path`; a fresh one if there is none to be had.
pub fn load(path: &Path) -> ViewState {
    match text_file::read(path, LIMIT) {
        Ok(text) => ViewState::parse(&text),
        Err(_) => ViewState::default(),
    }
}

/// Writes `state` to `path`, whole or not at all, as the store replaces
/// a file.
pub fn save(path: &Path, state: &ViewState) -> Result<()> {
    store::write_atomically(path, state.to_text().as_bytes())
        .with_context(|| format!("cannot write {}", path.display()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::format::view_state::RoadmapView;

    #[test]
    fn a_saved_view_loads_back_and_a_missing_or_damaged_one_is_fresh() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("deeper").join("view.json");
        assert_eq!(load(&path), ViewState::default(), "missing");
        let mut state = ViewState {
            last: Some("backend".to_owned()),
            ..ViewState::default()
        };
        state.remember(RoadmapView {
            id: "backend".to_owned(),
            ..RoadmapView::default()
        });
        save(&path, &state).unwrap();
        assert_eq!(load(&path), state);
        std::fs::write(&path, "{\"version\": 1, \"roadm").unwrap();
        assert_eq!(load(&path), ViewState::default(), "damaged");
        std::fs::remove_file(&path).unwrap();
        std::fs::create_dir(&path).unwrap();
        assert_eq!(load(&path), ViewState::default(), "a folder in its place");
        assert!(save(&path, &state).is_err(), "says so, never panics");
        let left: Vec<_> = std::fs::read_dir(path.parent().unwrap())
            .unwrap()
            .map(|entry| entry.unwrap().file_name())
            .collect();
        assert_eq!(left.len(), 1, "no temporary left behind: {left:?}");
    }
}
