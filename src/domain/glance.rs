//! A roadmap at a glance, for a shell prompt or a status bar (`roadmap
//! status --short`): its overall percentage, how many items are in
//! progress and the current daily streak, counted as the app counts them
//! (the gauge's percentage, the progress view's streak). Made from the
//! roadmap's item keys alone, so a caller that knows them without reading
//! the roadmap's file (a bundled roadmap) need not read it. Pure: the time
//! is passed in.

use std::collections::HashSet;

use crate::domain::activity::Activity;
use crate::domain::progress::Progress;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Glance {
    pub id: String,
    /// Done ÷ all items, rounded down ([`crate::domain::progress::Tally::percent`]).
    pub percent: u16,
    pub in_progress: usize,
    /// Days in a row with an item done, up to today or yesterday.
    pub streak: u32,
}

/// What one part of the line says, for a caller that colours them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Part {
    Id,
    Percent,
    InProgress,
    Streak,
}

impl Glance {
    /// Roadmap `id`, whose items have these `keys` (each once), with its
    /// `progress`, at time `now`.
    pub fn new<'a>(
        id: &str,
        keys: impl IntoIterator<Item = &'a str>,
        progress: &Progress,
        now: u64,
    ) -> Glance {
        let keys: HashSet<&str> = keys.into_iter().collect();
        let tally = progress.tally_keys(keys.iter().copied());
        let completions = progress.completions(|key| keys.contains(key));
        let activity = Activity::from_completions(completions, now);
        Glance {
            id: id.to_owned(),
            percent: tally.percent(),
            in_progress: tally.in_progress,
            streak: activity.current_streak,
        }
    }

    /// `backend 23% · 2 in progress · 5-day streak`, as parts; the id and
    /// the percentage always, the others only when they are not zero.
    pub fn parts(&self) -> Vec<(Part, String)> {
        let mut parts = vec![
            (Part::Id, self.id.clone()),
            (Part::Percent, format!("{}%", self.percent)),
        ];
        if self.in_progress > 0 {
            parts.push((
                Part::InProgress,
                format!("{} in progress", self.in_progress),
            ));
        }
        if self.streak > 0 {
            parts.push((Part::Streak, format!("{}-day streak", self.streak)));
        }
        parts
    }

    /// The parts in one line, without colour.
    pub fn line(&self) -> String {
        self.painted(|_, text| text.to_owned())
    }

    /// The parts in one line, each part and each separator between them
    /// (`None`) as `paint` gives it: for a caller that colours them.
    pub fn painted(&self, paint: impl Fn(Option<Part>, &str) -> String) -> String {
        let mut line = String::new();
        for (at, (part, text)) in self.parts().into_iter().enumerate() {
            if at > 0 {
                let separator = if part == Part::Percent {
                    " "
                } else {
                    SEPARATOR
                };
                line.push_str(&paint(None, separator));
            }
            line.push_str(&paint(Some(part), &text));
        }
        line
    }
}

/// Between the parts after the percentage.
const SEPARATOR: &str = " · ";

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::progress::Status;

    const DAY: u64 = 86_400;
    /// 2026-11-21 12:00 UTC.
    const NOW: u64 = 1_795_262_400;

    const KEYS: [&str; 8] = [
        "a/x/1", "a/x/2", "a/x/3", "a/y/4", "b/z/5", "b/z/6", "b/z/7", "b/z/8",
    ];

    #[test]
    fn percent_in_progress_and_streak_as_the_app_counts_them() {
        let mut progress = Progress::default();
        progress.set("a/x/1", Status::Done, NOW - 2 * DAY);
        progress.set("a/x/2", Status::Done, NOW - DAY);
        progress.set("a/x/3", Status::Skipped, NOW);
        progress.set("a/y/4", Status::InProgress, NOW);
        progress.set("b/z/5", Status::InProgress, NOW);
        // Progress kept for an item no longer there counts for nothing.
        progress.set("gone/old/9", Status::Done, NOW);
        let glance = Glance::new("backend", KEYS, &progress, NOW);
        assert_eq!(
            glance,
            Glance {
                id: "backend".to_owned(),
                percent: 25,
                in_progress: 2,
                streak: 2,
            }
        );
        assert_eq!(glance.line(), "backend 25% · 2 in progress · 2-day streak");
    }

    #[test]
    fn parts_that_are_zero_are_left_out() {
        let glance = Glance::new("t", KEYS, &Progress::default(), NOW);
        assert_eq!(glance.line(), "t 0%");
        let mut progress = Progress::default();
        progress.set("a/x/1", Status::Done, NOW - 5 * DAY);
        let glance = Glance::new("t", KEYS, &progress, NOW);
        assert_eq!(
            glance.line(),
            "t 12%",
            "a streak broken days ago is no streak"
        );
        progress.set("a/x/2", Status::Done, NOW);
        assert_eq!(
            Glance::new("t", KEYS, &progress, NOW).line(),
            "t 25% · 1-day streak"
        );
    }

    #[test]
    fn a_roadmap_without_items_is_at_zero() {
        let glance = Glance::new("empty", [], &Progress::default(), NOW);
        assert_eq!(glance.line(), "empty 0%");
    }
}
