//! The windows that open over the main screen. At most one is open: the
//! app holds an `Option<Overlay>`, so two at once cannot be represented.
//! Each owns its keys: given an action it answers with an [`Answer`] —
//! stay open, close, quit, or close and have the app do something.

use crate::domain::activity::Activity;
use crate::domain::next::UpNext;
use crate::domain::pace::Plan;
use crate::domain::progress::Tally;
use crate::domain::roadmap::Resource;
use crate::domain::session::Session;
use crate::tui::action::Action;
use crate::tui::app::goal_prompt::GoalPrompt;
use crate::tui::app::search::Search;
use crate::tui::layout::Viewport;
use crate::tui::tree::Row;

/// The one window open over the main screen.
#[derive(Debug, Clone)]
pub enum Overlay {
    /// `?`: every key.
    Help(HelpView),
    /// A question to answer before something happens.
    Prompt(Prompt),
    /// `p`: the roadmaps to switch to, each with its own progress (read
    /// by the runner when it opens, so it shows files as they are now).
    Picker(Picker),
    /// `o` on something with several links: which one.
    Links(LinkChooser),
    /// `a`: bars, streaks and the heatmap.
    Progress(ProgressView),
    /// `/`: the search prompt, taking the keys as text.
    Search(Search),
    /// `c`: every item in progress, then what is next, to jump to.
    Continue(ContinueView),
    /// `v`: the selected topic or item in full, over the whole screen.
    Reading(ReadingView),
    /// `d`: a goal's date, typed; over the progress view when opened
    /// from it (`from`), which shows again when it closes.
    Goal {
        prompt: GoalPrompt,
        from: Option<ProgressView>,
    },
}

/// What an overlay makes of an action.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Answer<T = ()> {
    /// Handled; the overlay stays open.
    Stay,
    /// The overlay closes.
    Close,
    /// The app ends, whatever is open.
    Quit,
    /// The app is to do `T` (the overlay says whether it stays open).
    Then(T),
}

/// The `?` help: how far it is scrolled.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct HelpView {
    pub scroll: usize,
}

impl HelpView {
    /// Scrolls through `viewport` (as last drawn); `?` or `Esc` closes.
    pub fn handle(&mut self, action: Action, viewport: Viewport) -> Answer {
        match action {
            Action::Quit => Answer::Quit,
            Action::Help | Action::Back => Answer::Close,
            _ => {
                self.scroll = scrolled(self.scroll, viewport, action);
                Answer::Stay
            }
        }
    }
}

/// The progress view: what it shows of the history and the pace, counted
/// when it opens and when what they count changes (never at a frame), and
/// how far its list is scrolled.
#[derive(Debug, Clone, PartialEq)]
pub struct ProgressView {
    pub activity: Activity,
    /// The whole roadmap's pace and goal.
    pub plan: Plan,
    pub scroll: usize,
}

impl ProgressView {
    /// The view of `session` at `now`, at the top.
    pub fn counted(session: &Session, now: u64) -> ProgressView {
        ProgressView {
            activity: Activity::from_completions(session.completions(), now),
            plan: session.plan(None, now),
            scroll: 0,
        }
    }

    /// Counts again what `session` holds now, where it is scrolled.
    pub fn recount(&mut self, session: &Session, now: u64) {
        *self = ProgressView {
            scroll: self.scroll,
            ..ProgressView::counted(session, now)
        };
    }

    /// Scrolls through `viewport` (as last drawn); `a` or `Esc` closes.
    pub fn handle(&mut self, action: Action, viewport: Viewport) -> Answer {
        match action {
            Action::Quit => Answer::Quit,
            Action::Back | Action::ProgressView => Answer::Close,
            _ => {
                self.scroll = scrolled(self.scroll, viewport, action);
                Answer::Stay
            }
        }
    }
}

/// The reading view: how far it is scrolled.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct ReadingView {
    pub scroll: usize,
}

impl ReadingView {
    /// Scrolls through `viewport` (as last drawn); its own key, `Esc` or
    /// `q` closes: it is read and put away, like a pager.
    pub fn handle(&mut self, action: Action, viewport: Viewport) -> Answer {
        match action {
            Action::Quit | Action::Back | Action::ReadItem => Answer::Close,
            Action::DetailsDown => {
                self.scroll = scrolled(self.scroll, viewport, Action::Down);
                Answer::Stay
            }
            Action::DetailsUp => {
                self.scroll = scrolled(self.scroll, viewport, Action::Up);
                Answer::Stay
            }
            _ => {
                self.scroll = scrolled(self.scroll, viewport, action);
                Answer::Stay
            }
        }
    }
}

/// How far the details pane is scrolled, and for which row (a level and
/// a row of its tree): another selection starts at the top.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct DetailsScroll {
    of: Option<(usize, Row)>,
    offset: usize,
}

impl DetailsScroll {
    /// The first line of the details shown for the row `of`.
    pub fn offset_for(&self, of: Option<(usize, Row)>) -> usize {
        if of.is_some() && of == self.of {
            self.offset
        } else {
            0
        }
    }

    /// Scrolls the details of `of` a line down or up, through `viewport`
    /// (as last drawn).
    pub fn scroll(&mut self, of: Option<(usize, Row)>, down: bool, viewport: Viewport) {
        let action = if down { Action::Down } else { Action::Up };
        self.offset = scrolled(self.offset_for(of), viewport, action);
        self.of = of;
    }

    /// Starts again from the top once the details are of another row
    /// than the one scrolled.
    pub fn follow(&mut self, of: Option<(usize, Row)>) {
        if self.of != of {
            *self = DetailsScroll::default();
        }
    }

    /// Never further than the details last drawn can scroll.
    pub fn clamp(&mut self, max_scroll: usize) {
        self.offset = self.offset.min(max_scroll);
    }
}

/// The list of links to choose from, when the selection has several.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LinkChooser {
    pub links: Vec<Resource>,
    pub selected: usize,
}

impl LinkChooser {
    /// Moves through the links; `Enter`, `l` or a digit answers with the
    /// link to open (the chooser closes).
    pub fn handle(&mut self, action: Action) -> Answer<String> {
        let count = self.links.len();
        match action {
            Action::Quit => Answer::Quit,
            Action::Back | Action::OpenLink => Answer::Close,
            Action::Down => {
                self.selected = (self.selected + 1).min(count.saturating_sub(1));
                Answer::Stay
            }
            Action::Up => {
                self.selected = self.selected.saturating_sub(1);
                Answer::Stay
            }
            Action::First => {
                self.selected = 0;
                Answer::Stay
            }
            Action::Last => {
                self.selected = count.saturating_sub(1);
                Answer::Stay
            }
            Action::Level(index) if index < count => Answer::Then(self.links[index].url.clone()),
            Action::Toggle | Action::Expand => match self.links.get(self.selected) {
                Some(link) => Answer::Then(link.url.clone()),
                None => Answer::Close,
            },
            _ => Answer::Stay,
        }
    }
}

/// What to work on next (every item in progress, the longest first, then
/// the next pending items), and the one chosen.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ContinueView {
    pub list: UpNext,
    pub selected: usize,
}

impl ContinueView {
    /// Moves through the items (`page` at a time for a page key);
    /// `Enter` or `l` answers with the item to jump to (the view closes).
    pub fn handle(&mut self, action: Action, page: usize) -> Answer<String> {
        match action {
            Action::Quit => Answer::Quit,
            Action::Back | Action::Continue => Answer::Close,
            Action::Toggle | Action::Expand => match self.list.items.get(self.selected) {
                Some(next) => Answer::Then(next.key.clone()),
                None => Answer::Close,
            },
            _ => {
                let viewport = Viewport {
                    page: page.max(1),
                    max_scroll: self.list.items.len().saturating_sub(1),
                };
                self.selected = scrolled(self.selected, viewport, action);
                Answer::Stay
            }
        }
    }
}

/// A question the user must answer before something happens.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Prompt {
    /// Clear every status of the level at this index.
    ResetLevel(usize),
}

impl Prompt {
    /// `y` (confirm) answers yes; any other key, no. Either way it closes.
    pub fn handle(&self, action: Action) -> Answer<bool> {
        match action {
            Action::Quit => Answer::Quit,
            Action::Confirm => Answer::Then(true),
            _ => Answer::Then(false),
        }
    }
}

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

/// Where a scrolled text is after `action`: moves by a row, a page, or to
/// an end, never past the end. Other actions leave it.
fn scrolled(scroll: usize, viewport: Viewport, action: Action) -> usize {
    let Viewport { page, max_scroll } = viewport;
    let moved = match action {
        Action::Down => scroll.saturating_add(1),
        Action::Up => scroll.saturating_sub(1),
        Action::PageDown => scroll.saturating_add(page),
        Action::PageUp => scroll.saturating_sub(page),
        Action::First => 0,
        Action::Last => max_scroll,
        _ => scroll,
    };
    moved.min(max_scroll)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::next::{Next, Stage};

    #[test]
    fn scrolling_stops_at_both_ends_and_pages_by_what_was_shown() {
        let viewport = Viewport {
            page: 5,
            max_scroll: 7,
        };
        let mut help = HelpView::default();
        assert_eq!(help.handle(Action::PageDown, viewport), Answer::Stay);
        assert_eq!(help.scroll, 5);
        help.handle(Action::PageDown, viewport);
        assert_eq!(help.scroll, 7, "never past the end");
        help.handle(Action::First, viewport);
        assert_eq!(help.scroll, 0);
        help.handle(Action::Up, viewport);
        assert_eq!(help.scroll, 0);
        assert_eq!(help.handle(Action::Back, viewport), Answer::Close);
        assert_eq!(help.handle(Action::Quit, viewport), Answer::Quit);
    }

    #[test]
    fn the_reading_view_scrolls_and_closes_on_q_as_on_esc() {
        let viewport = Viewport {
            page: 4,
            max_scroll: 3,
        };
        let mut view = ReadingView::default();
        assert_eq!(view.handle(Action::DetailsDown, viewport), Answer::Stay);
        assert_eq!(view.handle(Action::PageDown, viewport), Answer::Stay);
        assert_eq!(view.scroll, 3);
        view.handle(Action::DetailsUp, viewport);
        assert_eq!(view.scroll, 2);
        for close in [Action::Quit, Action::Back, Action::ReadItem] {
            assert_eq!(view.handle(close, viewport), Answer::Close);
        }
    }

    #[test]
    fn the_details_start_at_the_top_for_another_row() {
        let viewport = Viewport {
            page: 4,
            max_scroll: 2,
        };
        let here = Some((0, Row::Topic(1)));
        let mut details = DetailsScroll::default();
        for _ in 0..3 {
            details.scroll(here, true, viewport);
        }
        assert_eq!(details.offset_for(here), 2, "never past the end");
        assert_eq!(details.offset_for(Some((0, Row::Topic(2)))), 0);
        assert_eq!(details.offset_for(Some((1, Row::Topic(1)))), 0);
        assert_eq!(details.offset_for(None), 0);
        details.scroll(Some((1, Row::Topic(1))), true, viewport);
        assert_eq!(
            details.offset_for(here),
            0,
            "a row left starts again at the top"
        );
        details.clamp(0);
        assert_eq!(details.offset_for(Some((1, Row::Topic(1)))), 0);
    }

    #[test]
    fn the_link_chooser_answers_with_the_link_to_open() {
        let link = |url: &str| Resource {
            title: url.to_owned(),
            url: url.to_owned(),
        };
        let mut chooser = LinkChooser {
            links: vec![link("https://a"), link("https://b")],
            selected: 0,
        };
        assert_eq!(chooser.handle(Action::Down), Answer::Stay);
        assert_eq!(chooser.handle(Action::Down), Answer::Stay);
        assert_eq!(chooser.selected, 1, "stops at the last");
        assert_eq!(
            chooser.handle(Action::Toggle),
            Answer::Then("https://b".to_owned())
        );
        assert_eq!(
            chooser.handle(Action::Level(0)),
            Answer::Then("https://a".to_owned())
        );
        assert_eq!(chooser.handle(Action::Level(5)), Answer::Stay);
        assert_eq!(chooser.handle(Action::OpenLink), Answer::Close);
    }

    #[test]
    fn the_continue_view_answers_with_the_item_to_jump_to() {
        let next = |key: &str| Next {
            key: key.to_owned(),
            place: (0, 0, 0),
            stage: Stage::Pending,
        };
        let mut view = ContinueView {
            list: UpNext {
                items: vec![next("a/b/c"), next("a/b/d"), next("a/e/f")],
                in_progress: 0,
                pending: 3,
            },
            selected: 0,
        };
        assert_eq!(view.handle(Action::PageDown, 2), Answer::Stay);
        assert_eq!(view.selected, 2);
        view.handle(Action::Down, 2);
        assert_eq!(view.selected, 2, "stops at the last");
        view.handle(Action::Up, 2);
        assert_eq!(
            view.handle(Action::Toggle, 2),
            Answer::Then("a/b/d".to_owned())
        );
        assert_eq!(view.handle(Action::Continue, 2), Answer::Close);
        assert_eq!(view.handle(Action::Quit, 2), Answer::Quit);
    }

    #[test]
    fn a_prompt_takes_yes_only_from_confirm() {
        let prompt = Prompt::ResetLevel(0);
        assert_eq!(prompt.handle(Action::Confirm), Answer::Then(true));
        assert_eq!(prompt.handle(Action::Down), Answer::Then(false));
        assert_eq!(prompt.handle(Action::Quit), Answer::Quit);
    }
}
