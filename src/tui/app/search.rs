//! The search prompt's state: the query being typed, its hits across all
//! levels, which hit is chosen, and the view to put back if the search is
//! cancelled. [`crate::tui::search`] does the finding; this keeps the session.
//! Pure; it does not draw and does not know which keys drive it
//! ([`crate::tui::keymap::SEARCH_BINDINGS`] does).

use crate::tui::search::{self, Hit, Index};
use crate::tui::tree::TreeState;

/// Longest query kept: enough for any title, and bounded.
pub const MAX_QUERY_CHARS: usize = 200;

#[derive(Debug, Clone)]
pub struct Search {
    query: String,
    hits: Vec<Hit>,
    /// The chosen hit: Enter jumps to it, `n`/`N` move from it.
    current: usize,
    /// The prompt is open and takes the keys.
    typing: bool,
    /// The first hit on screen in the list of hits.
    offset: usize,
    /// The shown level and every tree as they were before `/`: `Esc` puts
    /// them back.
    before: Option<(usize, Vec<TreeState>)>,
}

impl Search {
    /// An empty prompt, remembering the view to go back to.
    pub fn new(level: usize, trees: Vec<TreeState>) -> Search {
        Search {
            query: String::new(),
            hits: Vec::new(),
            current: 0,
            typing: true,
            offset: 0,
            before: Some((level, trees)),
        }
    }

    pub fn query(&self) -> &str {
        &self.query
    }

    pub fn hits(&self) -> &[Hit] {
        &self.hits
    }

    /// Index of the chosen hit in [`Search::hits`].
    pub fn current(&self) -> usize {
        self.current
    }

    pub fn current_hit(&self) -> Option<Hit> {
        self.hits.get(self.current).copied()
    }

    pub fn is_typing(&self) -> bool {
        self.typing
    }

    pub fn offset(&self) -> usize {
        self.offset
    }

    /// Adds `c` to the query and finds again: only among the hits so far,
    /// as a longer query can only match fewer nodes.
    pub fn push(&mut self, c: char, index: &Index) {
        if c.is_control() || self.query.chars().count() >= MAX_QUERY_CHARS {
            return;
        }
        let narrowing = !self.query.trim().is_empty();
        self.query.push(c);
        self.hits = if narrowing {
            index.narrow(&self.query, search::in_roadmap_order(&self.hits))
        } else {
            index.find(&self.query)
        };
        self.current = 0;
        self.offset = 0;
    }

    /// Takes the last character off the query and finds again.
    pub fn pop(&mut self, index: &Index) {
        self.query.pop();
        self.refind(index);
    }

    /// Takes the last word (and the spaces after it) off the query.
    pub fn pop_word(&mut self, index: &Index) {
        let kept = self.query.trim_end().len();
        // Any space ends a word, however many bytes it takes (U+3000).
        let start = self.query[..kept]
            .trim_end_matches(|c: char| !c.is_whitespace())
            .len();
        self.query.truncate(start);
        self.refind(index);
    }

    /// Empties the query.
    pub fn clear(&mut self, index: &Index) {
        self.query.clear();
        self.refind(index);
    }

    fn refind(&mut self, index: &Index) {
        self.hits = index.find(&self.query);
        self.current = 0;
        self.offset = 0;
    }

    /// Moves the chosen hit by `delta`, wrapping around the ends.
    pub fn step(&mut self, delta: isize) {
        let count = self.hits.len();
        if count == 0 {
            return;
        }
        let steps = delta.unsigned_abs() % count;
        self.current = if delta >= 0 {
            (self.current + steps) % count
        } else {
            (self.current + count - steps) % count
        };
    }

    /// Makes hit `index` the chosen one, if there is such a hit.
    pub fn choose(&mut self, index: usize) {
        if index < self.hits.len() {
            self.current = index;
        }
    }

    /// Closes the prompt, keeping the hits for `n`/`N`; the view stays
    /// where the jump took it.
    pub fn accept(&mut self) {
        self.typing = false;
        self.before = None;
    }

    /// The view as it was before `/`, taken to put back.
    pub fn take_before(&mut self) -> Option<(usize, Vec<TreeState>)> {
        self.before.take()
    }

    /// Scrolls the list of hits so the chosen one shows in `rows` rows.
    pub fn scroll_to_current(&mut self, rows: usize) {
        self.offset = self.offset_for(rows);
    }

    /// The first hit to show in `rows` rows, scrolled as
    /// [`Search::scroll_to_current`] would, without changing the search.
    pub fn offset_for(&self, rows: usize) -> usize {
        let rows = rows.max(1);
        let mut offset = self.offset;
        if self.current < offset {
            offset = self.current;
        } else if self.current >= offset + rows {
            offset = self.current + 1 - rows;
        }
        offset.min(self.hits.len().saturating_sub(rows))
    }

    /// Takes the first hit shown as the view drew it.
    pub fn set_offset(&mut self, offset: usize) {
        self.offset = offset;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::format::roadmap::load::parse;

    const YAML: &str = "\
title: T
levels:
  - title: One
    topics:
      - {title: Alpha, items: [Alpha one, Alpha two, Beta]}
";

    fn setup() -> (Search, Index) {
        let roadmap = parse(YAML, "t.yaml", "t").unwrap();
        (Search::new(0, Vec::new()), Index::new(&roadmap))
    }

    fn typed(search: &mut Search, index: &Index, text: &str) {
        for c in text.chars() {
            search.push(c, index);
        }
    }

    #[test]
    fn typing_narrows_and_deleting_widens_again() {
        let (mut search, index) = setup();
        typed(&mut search, &index, "alpha");
        assert_eq!(search.hits().len(), 3);
        typed(&mut search, &index, " t");
        assert_eq!(search.hits().len(), 1, "Alpha two");
        search.pop(&index);
        assert_eq!(search.hits().len(), 3, "alpha␠ again");
        search.pop_word(&index);
        assert_eq!(search.query(), "");
        typed(&mut search, &index, "alpha\u{3000}beta");
        search.pop_word(&index);
        assert_eq!(
            search.query(),
            "alpha\u{3000}",
            "a wide space ends a word too"
        );
        search.clear(&index);
        assert!(search.hits().is_empty());
        typed(&mut search, &index, "be");
        search.clear(&index);
        assert_eq!((search.query(), search.hits().len()), ("", 0));
    }

    #[test]
    fn control_characters_are_not_typed_and_the_query_is_bounded() {
        let (mut search, index) = setup();
        typed(&mut search, &index, "a\u{1b}[2J\tb");
        assert_eq!(search.query(), "a[2Jb");
        typed(&mut search, &index, &"x".repeat(500));
        assert_eq!(search.query().chars().count(), MAX_QUERY_CHARS);
    }

    #[test]
    fn stepping_wraps_both_ways_and_scrolling_follows() {
        let (mut search, index) = setup();
        typed(&mut search, &index, "alpha");
        assert_eq!(search.hits().len(), 3, "the topic and two items");
        search.step(-1);
        assert_eq!(search.current(), 2);
        search.step(1);
        assert_eq!(search.current(), 0);
        search.step(7);
        assert_eq!(search.current(), 1);
        search.step(2);
        search.scroll_to_current(1);
        assert_eq!(search.offset(), 0);
        search.step(-1);
        search.scroll_to_current(1);
        assert_eq!((search.current(), search.offset()), (2, 2));
    }

    #[test]
    fn accepting_forgets_the_view_to_go_back_to() {
        let (mut search, _) = setup();
        assert!(search.is_typing());
        search.accept();
        assert!(!search.is_typing());
        assert!(search.take_before().is_none());
    }
}
