//! Navigation in one level's collapsible tree: topics that open to show
//! their items. Knows only how many items each topic has, never what they
//! are, so it is pure and tested without a roadmap or a terminal.
//!
//! Rows are addressed two ways: as a [`Row`] (what is selected) and as an
//! index into the list of *visible* rows (where it is on screen).

/// One visible line of the tree.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Row {
    Topic(usize),
    Item { topic: usize, item: usize },
}

impl Row {
    /// The topic this row is, or belongs to.
    pub fn topic(self) -> usize {
        match self {
            Row::Topic(topic) | Row::Item { topic, .. } => topic,
        }
    }
}

/// Which topics are open, which row is selected, where the view scrolls,
/// and which items a filter lets through.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TreeState {
    /// Items per topic. A roadmap does not change shape while it is open.
    counts: Vec<usize>,
    open: Vec<bool>,
    selected: Row,
    /// Index of the first visible row on screen.
    offset: usize,
    /// While a filter is on, what it lets through.
    filter: Option<Filter>,
}

/// The items a filter lets through: per topic, their indexes in order. A
/// topic with none left is hidden.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Filter {
    items: Vec<Vec<usize>>,
    /// How many topics have items left: kept so emptiness is a lookup.
    topics: usize,
}

impl TreeState {
    /// A closed tree with the first topic selected.
    pub fn new(counts: Vec<usize>) -> Self {
        TreeState {
            open: vec![false; counts.len()],
            counts,
            selected: Row::Topic(0),
            offset: 0,
            filter: None,
        }
    }

    /// The selected row; `None` only when no row is visible.
    pub fn selected(&self) -> Option<Row> {
        (!self.is_empty()).then_some(self.selected)
    }

    pub fn offset(&self) -> usize {
        self.offset
    }

    pub fn is_open(&self, topic: usize) -> bool {
        self.open.get(topic).copied().unwrap_or(false)
    }

    /// How many rows are visible (topics, plus the items of open ones).
    pub fn len(&self) -> usize {
        (0..self.counts.len())
            .map(|topic| self.rows_of(topic))
            .sum()
    }

    /// No row is visible: no topics, or a filter let nothing through.
    pub fn is_empty(&self) -> bool {
        match &self.filter {
            Some(filter) => filter.topics == 0,
            None => self.counts.is_empty(),
        }
    }

    /// Whether a filter is on.
    pub fn is_filtered(&self) -> bool {
        self.filter.is_some()
    }

    /// Lets through only `items` (per topic, indexes in order) and hides
    /// topics left with none; `None` shows everything again. A selection
    /// filtered out moves to the nearest row still shown.
    pub fn set_filter(&mut self, items: Option<Vec<Vec<usize>>>) {
        self.filter = items.map(|items| Filter {
            topics: items.iter().filter(|items| !items.is_empty()).count(),
            items,
        });
        self.keep_selection_shown();
    }

    /// Changes what the filter lets through of one topic (after a status
    /// change there), without recomputing the others.
    pub fn set_topic_filter(&mut self, topic: usize, items: Vec<usize>) {
        let Some(filter) = &mut self.filter else {
            return;
        };
        let Some(slot) = filter.items.get_mut(topic) else {
            return;
        };
        let was_shown = !slot.is_empty();
        *slot = items;
        match (was_shown, slot.is_empty()) {
            (true, true) => filter.topics -= 1,
            (false, false) => filter.topics += 1,
            _ => {}
        }
        self.keep_selection_shown();
    }

    /// Whether `topic` has a row (a filter may hide it).
    fn topic_shown(&self, topic: usize) -> bool {
        match &self.filter {
            Some(filter) => filter
                .items
                .get(topic)
                .is_some_and(|items| !items.is_empty()),
            None => topic < self.counts.len(),
        }
    }

    /// Items of `topic` the filter lets through, open or not.
    fn passing(&self, topic: usize) -> usize {
        match &self.filter {
            Some(filter) => filter.items.get(topic).map_or(0, Vec::len),
            None => self.counts.get(topic).copied().unwrap_or(0),
        }
    }

    fn shown_items(&self, topic: usize) -> usize {
        if self.is_open(topic) {
            self.passing(topic)
        } else {
            0
        }
    }

    /// Rows `topic` takes: its own and its shown items'.
    fn rows_of(&self, topic: usize) -> usize {
        if self.topic_shown(topic) {
            1 + self.shown_items(topic)
        } else {
            0
        }
    }

    /// The item at position `position` among those `topic` lets through.
    fn item_at(&self, topic: usize, position: usize) -> usize {
        match &self.filter {
            Some(filter) => filter.items[topic][position],
            None => position,
        }
    }

    /// Where `item` is among the items `topic` lets through, if it is.
    fn position_of(&self, topic: usize, item: usize) -> Option<usize> {
        match &self.filter {
            Some(filter) => filter.items.get(topic)?.binary_search(&item).ok(),
            None => (item < self.counts.get(topic).copied().unwrap_or(0)).then_some(item),
        }
    }

    /// Whether `row` is on the list of visible rows.
    fn is_shown(&self, row: Row) -> bool {
        match row {
            Row::Topic(topic) => self.topic_shown(topic),
            Row::Item { topic, item } => {
                self.topic_shown(topic)
                    && self.is_open(topic)
                    && self.position_of(topic, item).is_some()
            }
        }
    }

    /// The position of a visible `row` in the list of visible rows.
    pub fn index_of(&self, row: Row) -> usize {
        let topic = row.topic().min(self.counts.len());
        let before: usize = (0..topic).map(|t| self.rows_of(t)).sum();
        match row {
            Row::Topic(_) => before,
            Row::Item { topic, item } => before + 1 + self.position_of(topic, item).unwrap_or(0),
        }
    }

    /// The visible row at `index`, if there is one.
    pub fn row_at(&self, index: usize) -> Option<Row> {
        let mut start = 0;
        for topic in 0..self.counts.len() {
            let rows = self.rows_of(topic);
            if rows == 0 {
                continue;
            }
            if index == start {
                return Some(Row::Topic(topic));
            }
            let end = start + rows;
            if index < end {
                return Some(Row::Item {
                    topic,
                    item: self.item_at(topic, index - start - 1),
                });
            }
            start = end;
        }
        None
    }

    /// The first topic after `topic` that has a row.
    fn following_topic(&self, topic: usize) -> Option<Row> {
        (topic + 1..self.counts.len())
            .find(|&t| self.topic_shown(t))
            .map(Row::Topic)
    }

    /// The visible row after `row`.
    pub fn next(&self, row: Row) -> Option<Row> {
        match row {
            Row::Topic(topic) if self.shown_items(topic) > 0 => Some(Row::Item {
                topic,
                item: self.item_at(topic, 0),
            }),
            Row::Topic(topic) => self.following_topic(topic),
            Row::Item { topic, item } => match self.position_of(topic, item) {
                Some(position) if position + 1 < self.shown_items(topic) => Some(Row::Item {
                    topic,
                    item: self.item_at(topic, position + 1),
                }),
                _ => self.following_topic(topic),
            },
        }
    }

    /// The visible rows from `index` on, in order; costs only what is taken.
    pub fn rows_from(&self, index: usize) -> impl Iterator<Item = Row> + '_ {
        std::iter::successors(self.row_at(index), |&row| self.next(row))
    }

    /// Opens `topic` (one with items), leaving the selection where it is.
    pub fn open_topic(&mut self, topic: usize) {
        if self.counts.get(topic).is_some_and(|&count| count > 0) {
            self.open[topic] = true;
        }
    }

    /// Selects `row`, opening its topic if it is a hidden item.
    /// Rows that do not exist, or that the filter hides, are ignored.
    pub fn select(&mut self, row: Row) {
        let exists = match row {
            Row::Topic(topic) => self.topic_shown(topic),
            Row::Item { topic, item } => {
                item < self.counts.get(topic).copied().unwrap_or(0)
                    && self.position_of(topic, item).is_some()
            }
        };
        if !exists {
            return;
        }
        if let Row::Item { topic, .. } = row {
            self.open[topic] = true;
        }
        self.selected = row;
    }

    /// Moves the selection by `delta` visible rows, stopping at the ends.
    pub fn move_by(&mut self, delta: isize) {
        if self.is_empty() {
            return;
        }
        let last = self.len() - 1;
        let index = self
            .index_of(self.selected)
            .saturating_add_signed(delta)
            .min(last);
        if let Some(row) = self.row_at(index) {
            self.selected = row;
        }
    }

    pub fn first(&mut self) {
        if let Some(row) = self.row_at(0) {
            self.selected = row;
        }
    }

    pub fn last(&mut self) {
        if let Some(row) = self.len().checked_sub(1).and_then(|last| self.row_at(last)) {
            self.selected = row;
        }
    }

    /// `l`/`→`: opens a closed topic; on an open one, steps to its first item.
    pub fn expand(&mut self) {
        if let Row::Topic(topic) = self.selected {
            if self.passing(topic) == 0 {
                return;
            }
            if self.open[topic] {
                self.selected = Row::Item {
                    topic,
                    item: self.item_at(topic, 0),
                };
            } else {
                self.open[topic] = true;
            }
        }
    }

    /// `h`/`←`: closes an open topic; on an item, steps to its topic.
    pub fn collapse(&mut self) {
        match self.selected {
            Row::Topic(topic) => {
                if let Some(open) = self.open.get_mut(topic) {
                    *open = false;
                }
            }
            Row::Item { topic, .. } => self.selected = Row::Topic(topic),
        }
    }

    /// `Enter`: opens or closes the selected topic. Items have no children.
    pub fn toggle(&mut self) {
        if let Row::Topic(topic) = self.selected {
            if self.is_open(topic) {
                self.open[topic] = false;
            } else {
                self.expand();
            }
        }
    }

    /// Opens every topic that has items; the selection stays where it is.
    pub fn open_all(&mut self) {
        for (open, &count) in self.open.iter_mut().zip(&self.counts) {
            *open = count > 0;
        }
    }

    /// Closes every topic; a selected item hands the selection to its topic.
    pub fn close_all(&mut self) {
        self.open.fill(false);
        self.selected = Row::Topic(self.selected.topic());
    }

    /// After rows were hidden: moves the selection, if it went, to the
    /// next row still shown, or else the one before it.
    fn keep_selection_shown(&mut self) {
        if self.is_empty() || self.is_shown(self.selected) {
            return;
        }
        let topic = self.selected.topic();
        let after = match self.selected {
            Row::Item { item, .. } if self.topic_shown(topic) && self.is_open(topic) => (item + 1
                ..self.counts[topic])
                .find(|&i| self.position_of(topic, i).is_some())
                .map(|item| Row::Item { topic, item }),
            _ => None,
        }
        .or_else(|| self.following_topic(topic));
        let before = || {
            let before_topic = match self.selected {
                Row::Item { item, .. } if self.topic_shown(topic) => (0..item)
                    .rev()
                    .find(|&i| self.is_open(topic) && self.position_of(topic, i).is_some())
                    .map(|item| Row::Item { topic, item })
                    .or(Some(Row::Topic(topic))),
                _ => None,
            };
            before_topic.or_else(|| {
                let previous = (0..topic.min(self.counts.len()))
                    .rev()
                    .find(|&t| self.topic_shown(t))?;
                Some(match self.shown_items(previous) {
                    0 => Row::Topic(previous),
                    n => Row::Item {
                        topic: previous,
                        item: self.item_at(previous, n - 1),
                    },
                })
            })
        };
        if let Some(row) = after.or_else(before) {
            self.selected = row;
        }
    }

    /// Scrolls so the selection shows in a view `height` rows tall, moving
    /// as little as possible and never leaving blank rows at the bottom
    /// while there are rows above to show instead.
    pub fn scroll_to_selection(&mut self, height: usize) {
        self.offset = self.offset_for(height);
    }

    /// The first row to show in a view `height` rows tall, scrolled as
    /// [`TreeState::scroll_to_selection`] would: what the view draws
    /// without changing the tree, and records for the app to adopt.
    pub fn offset_for(&self, height: usize) -> usize {
        let height = height.max(1);
        let selected = self.index_of(self.selected);
        let mut offset = self.offset;
        if selected < offset {
            offset = selected;
        } else if selected >= offset + height {
            offset = selected + 1 - height;
        }
        offset.min(self.len().saturating_sub(height))
    }

    /// Takes the first row shown as the view drew it.
    pub fn set_offset(&mut self, offset: usize) {
        self.offset = offset.min(self.len().saturating_sub(1));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use Row::{Item, Topic};

    /// Three topics with 2, 0 and 3 items.
    fn tree() -> TreeState {
        TreeState::new(vec![2, 0, 3])
    }

    fn visible(tree: &TreeState) -> Vec<Row> {
        tree.rows_from(0).collect()
    }

    #[test]
    fn starts_closed_on_the_first_topic() {
        let tree = tree();
        assert_eq!(tree.selected(), Some(Topic(0)));
        assert_eq!(visible(&tree), [Topic(0), Topic(1), Topic(2)]);
        assert_eq!(tree.len(), 3);
    }

    #[test]
    fn empty_tree_has_no_selection_and_ignores_every_move() {
        let mut tree = TreeState::new(vec![]);
        assert_eq!(tree.selected(), None);
        tree.move_by(3);
        tree.move_by(-3);
        tree.last();
        tree.first();
        tree.expand();
        tree.collapse();
        tree.toggle();
        tree.scroll_to_selection(10);
        assert_eq!(tree.len(), 0);
        assert_eq!(visible(&tree), []);
    }

    #[test]
    fn opening_a_topic_shows_its_items_in_place() {
        let mut tree = tree();
        tree.move_by(2);
        tree.expand();
        assert_eq!(
            visible(&tree),
            [
                Topic(0),
                Topic(1),
                Topic(2),
                Item { topic: 2, item: 0 },
                Item { topic: 2, item: 1 },
                Item { topic: 2, item: 2 }
            ]
        );
        tree.first();
        tree.expand();
        assert_eq!(tree.len(), 8);
        assert_eq!(tree.row_at(1), Some(Item { topic: 0, item: 0 }));
        assert_eq!(tree.row_at(3), Some(Topic(1)));
        assert_eq!(tree.row_at(8), None);
    }

    #[test]
    fn index_of_and_row_at_are_inverse_for_every_visible_row() {
        let mut tree = TreeState::new(vec![3, 0, 1, 4, 0]);
        tree.select(Item { topic: 0, item: 0 });
        tree.select(Item { topic: 3, item: 0 });
        for index in 0..tree.len() {
            let row = tree.row_at(index).unwrap();
            assert_eq!(tree.index_of(row), index, "{row:?}");
        }
        assert_eq!(visible(&tree).len(), tree.len());
    }

    #[test]
    fn moving_walks_visible_rows_and_stops_at_the_ends() {
        let mut tree = tree();
        tree.expand();
        tree.move_by(1);
        assert_eq!(tree.selected(), Some(Item { topic: 0, item: 0 }));
        tree.move_by(2);
        assert_eq!(tree.selected(), Some(Topic(1)));
        tree.move_by(100);
        assert_eq!(tree.selected(), Some(Topic(2)));
        tree.move_by(-100);
        assert_eq!(tree.selected(), Some(Topic(0)));
        tree.move_by(-1);
        assert_eq!(tree.selected(), Some(Topic(0)));
    }

    #[test]
    fn first_and_last_go_to_the_ends_of_what_is_visible() {
        let mut tree = tree();
        tree.select(Item { topic: 2, item: 1 });
        tree.first();
        assert_eq!(tree.selected(), Some(Topic(0)));
        tree.last();
        assert_eq!(tree.selected(), Some(Item { topic: 2, item: 2 }));
    }

    #[test]
    fn expand_opens_then_steps_into_the_first_item() {
        let mut tree = tree();
        tree.expand();
        assert!(tree.is_open(0));
        assert_eq!(tree.selected(), Some(Topic(0)));
        tree.expand();
        assert_eq!(tree.selected(), Some(Item { topic: 0, item: 0 }));
        tree.expand();
        assert_eq!(
            tree.selected(),
            Some(Item { topic: 0, item: 0 }),
            "items have no children"
        );
    }

    #[test]
    fn expanding_an_empty_topic_does_nothing() {
        let mut tree = tree();
        tree.select(Topic(1));
        tree.expand();
        assert!(!tree.is_open(1));
        tree.toggle();
        assert!(!tree.is_open(1));
    }

    #[test]
    fn collapse_on_an_item_goes_to_its_topic_then_closes_it() {
        let mut tree = tree();
        tree.select(Item { topic: 2, item: 2 });
        tree.collapse();
        assert_eq!(tree.selected(), Some(Topic(2)));
        assert!(tree.is_open(2), "h on an item only steps up");
        tree.collapse();
        assert!(!tree.is_open(2));
        tree.collapse();
        assert!(!tree.is_open(2), "closing a closed topic is harmless");
    }

    #[test]
    fn toggle_opens_and_closes_topics_and_ignores_items() {
        let mut tree = tree();
        tree.toggle();
        assert!(tree.is_open(0));
        tree.toggle();
        assert!(!tree.is_open(0));
        tree.select(Item { topic: 0, item: 1 });
        tree.toggle();
        assert_eq!(tree.selected(), Some(Item { topic: 0, item: 1 }));
        assert!(tree.is_open(0));
    }

    #[test]
    fn selecting_a_hidden_item_opens_its_topic_and_bad_rows_are_ignored() {
        let mut tree = tree();
        tree.select(Item { topic: 2, item: 1 });
        assert!(tree.is_open(2));
        assert_eq!(tree.selected(), Some(Item { topic: 2, item: 1 }));
        tree.select(Item { topic: 1, item: 0 });
        tree.select(Topic(9));
        tree.select(Item { topic: 0, item: 2 });
        assert_eq!(tree.selected(), Some(Item { topic: 2, item: 1 }));
    }

    #[test]
    fn scrolling_keeps_the_selection_in_view_with_minimal_movement() {
        let mut tree = TreeState::new(vec![10, 10]);
        tree.expand();
        tree.move_by(5);
        tree.scroll_to_selection(4);
        assert_eq!(tree.offset(), 2, "selected row 5 is the last of rows 2..6");
        tree.move_by(-1);
        tree.scroll_to_selection(4);
        assert_eq!(tree.offset(), 2, "still in view: no scroll");
        tree.first();
        tree.scroll_to_selection(4);
        assert_eq!(tree.offset(), 0);
        assert_eq!(tree.rows_from(tree.offset()).take(4).count(), 4);
    }

    #[test]
    fn closing_a_topic_pulls_the_view_back_so_no_rows_are_wasted() {
        let mut tree = TreeState::new(vec![30]);
        tree.expand();
        tree.last();
        tree.scroll_to_selection(10);
        assert_eq!(tree.offset(), 21);
        tree.collapse();
        tree.collapse();
        tree.scroll_to_selection(10);
        assert_eq!(tree.offset(), 0);
    }

    #[test]
    fn zero_height_view_is_treated_as_one_row() {
        let mut tree = tree();
        tree.last();
        tree.scroll_to_selection(0);
        assert_eq!(tree.offset(), 2);
    }

    /// Three topics with 2, 0 and 3 items, filtered to topic 0's second
    /// item and topic 2's first and last.
    fn filtered() -> TreeState {
        let mut tree = tree();
        tree.open_all();
        tree.set_filter(Some(vec![vec![1], vec![], vec![0, 2]]));
        tree
    }

    #[test]
    fn a_filter_hides_items_and_topics_left_empty() {
        let tree = filtered();
        assert_eq!(
            visible(&tree),
            [
                Topic(0),
                Item { topic: 0, item: 1 },
                Topic(2),
                Item { topic: 2, item: 0 },
                Item { topic: 2, item: 2 }
            ]
        );
        assert_eq!(tree.len(), 5);
        for index in 0..tree.len() {
            let row = tree.row_at(index).unwrap();
            assert_eq!(tree.index_of(row), index, "{row:?}");
        }
    }

    #[test]
    fn a_filtered_out_selection_moves_to_the_next_row_shown_or_else_back() {
        let mut tree = tree();
        tree.select(Item { topic: 2, item: 1 });
        tree.set_filter(Some(vec![vec![1], vec![], vec![0, 2]]));
        assert_eq!(tree.selected(), Some(Item { topic: 2, item: 2 }));
        tree.set_topic_filter(2, vec![0]);
        assert_eq!(tree.selected(), Some(Item { topic: 2, item: 0 }), "back");
        tree.set_topic_filter(2, vec![]);
        assert_eq!(tree.selected(), Some(Topic(0)), "a topic before it");
        tree.set_topic_filter(0, vec![]);
        assert_eq!(tree.selected(), None, "nothing left to show");
        assert!(tree.is_empty());
        tree.move_by(1);
        tree.last();
        tree.set_filter(None);
        assert_eq!(tree.selected(), Some(Topic(0)));
        assert_eq!(tree.len(), 3 + 3, "topic 2 is still open");
    }

    #[test]
    fn moving_and_selecting_skip_what_the_filter_hides() {
        let mut tree = filtered();
        tree.first();
        tree.move_by(2);
        assert_eq!(tree.selected(), Some(Topic(2)));
        tree.expand();
        assert_eq!(tree.selected(), Some(Item { topic: 2, item: 0 }));
        tree.select(Item { topic: 2, item: 1 });
        assert_eq!(
            tree.selected(),
            Some(Item { topic: 2, item: 0 }),
            "a hidden item cannot be selected"
        );
        tree.select(Topic(1));
        assert_eq!(tree.selected(), Some(Item { topic: 2, item: 0 }));
        tree.last();
        assert_eq!(tree.selected(), Some(Item { topic: 2, item: 2 }));
    }

    #[test]
    fn open_all_and_close_all_act_on_every_topic() {
        let mut tree = tree();
        tree.open_all();
        assert_eq!(tree.len(), 3 + 2 + 3);
        assert!(!tree.is_open(1), "a topic without items stays closed");
        tree.select(Item { topic: 2, item: 2 });
        tree.close_all();
        assert_eq!(tree.selected(), Some(Topic(2)));
        assert_eq!(tree.len(), 3);
    }
}
