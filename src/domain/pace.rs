//! Pace, forecast and goals: how fast items get done lately, when the rest
//! will be done at that pace, and what a target date asks for. Numbers a
//! learner can act on, worded without pressure ([`Plan::sentence`]).
//!
//! Pure: the time is given, never read, and days are UTC days as
//! everywhere in [`crate::domain::calendar`]. It must not decide where a
//! goal is kept (that is the progress log's) nor how it is drawn.

use crate::domain::calendar;
use crate::domain::progress::Tally;

/// The pace is counted over the last this many days, today included.
pub const WINDOW_DAYS: i64 = 28;

/// A forecast further off than this many days (100 years) is none: a
/// date that far says nothing a learner can act on.
pub const FARTHEST_FORECAST_DAYS: i64 = 36_525;

/// Where a roadmap or a level stands against its pace and its goal.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Plan {
    /// Items done in the last [`WINDOW_DAYS`] (and still done), per week.
    pub per_week: f64,
    /// Items in all.
    pub total: usize,
    /// Items neither done nor skipped.
    pub remaining: usize,
    /// The day the remaining items are done at `per_week`: none when
    /// nothing is left, the pace is 0, or it is more than
    /// [`FARTHEST_FORECAST_DAYS`] away.
    pub forecast: Option<i64>,
    /// The target date, if the learner set one.
    pub goal: Option<i64>,
    /// Items a week that meet the goal from today: none without a goal or
    /// when its day is past; 0 when nothing is left.
    pub needed_per_week: Option<f64>,
    /// Today, as the plan was made.
    pub today: i64,
}

/// How a plan stands against its goal.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Standing {
    /// Nothing is left: done (or skipped) throughout.
    Finished,
    NoGoal,
    /// The current pace meets the goal.
    OnTrack,
    /// The goal needs a faster pace than the current one.
    Behind,
    /// The goal's day is past with items left.
    Missed,
}

impl Plan {
    /// The plan for items counted as `tally`, whose done items were done
    /// at `completed` (seconds; items done again count once, at their
    /// latest), with `goal` (a day), at `now` (seconds).
    pub fn new(
        tally: Tally,
        completed: impl IntoIterator<Item = u64>,
        goal: Option<i64>,
        now: u64,
    ) -> Plan {
        let today = calendar::day(now);
        let first = today - (WINDOW_DAYS - 1);
        // A clock a day ahead on another device counts as today; one far
        // ahead is a broken clock, and counts for nothing.
        let recent = completed
            .into_iter()
            .filter(|&at| (first..=today + 1).contains(&calendar::day(at)))
            .count();
        let per_week = recent as f64 / (WINDOW_DAYS / 7) as f64;
        let remaining = tally.total.saturating_sub(tally.done + tally.skipped);
        let forecast = (remaining > 0 && per_week > 0.0)
            .then(|| (remaining as f64 / per_week * 7.0).ceil())
            .filter(|&days| days <= FARTHEST_FORECAST_DAYS as f64)
            .map(|days| today + days as i64);
        let needed_per_week = goal.and_then(|goal| {
            if remaining == 0 {
                return Some(0.0);
            }
            // Today and the goal's own day both count.
            let days_left = goal - today + 1;
            (days_left > 0).then(|| round_up(remaining as f64 * 7.0 / days_left as f64))
        });
        Plan {
            per_week,
            total: tally.total,
            remaining,
            forecast,
            goal,
            needed_per_week,
            today,
        }
    }

    pub fn standing(&self) -> Standing {
        match (self.goal, self.needed_per_week) {
            _ if self.remaining == 0 => Standing::Finished,
            (None, _) => Standing::NoGoal,
            (Some(_), None) => Standing::Missed,
            (Some(_), Some(needed)) if self.per_week >= needed => Standing::OnTrack,
            (Some(_), Some(_)) => Standing::Behind,
        }
    }

    /// One sentence, factual and never a nag: `at 2 a week: done around
    /// 14 Aug`, with the goal after it when there is one.
    pub fn sentence(&self) -> String {
        let pace = self.pace_sentence();
        match (self.standing(), self.goal_sentence()) {
            (_, None) => pace,
            (Standing::Missed, Some(goal)) => format!("goal {goal}; {pace}"),
            (_, Some(goal)) => format!("{pace}; goal {goal}"),
        }
    }

    /// The pace and the forecast: `at 2 a week: done around 14 Aug`.
    pub fn pace_sentence(&self) -> String {
        match (self.remaining, self.forecast) {
            _ if self.total == 0 => "no items to do".to_owned(),
            (0, _) => "all done".to_owned(),
            (_, Some(day)) => format!(
                "at {} a week: done around {}",
                number(self.per_week),
                calendar::short(day, self.today)
            ),
            (_, None) if self.per_week > 0.0 => format!(
                "at {} a week: more than 100 years to go",
                number(self.per_week)
            ),
            (_, None) => "nothing done in the last 4 weeks, so no forecast yet".to_owned(),
        }
    }

    /// The goal and what it asks for, `1 Mar needs 3 a week: on track`;
    /// none without a goal.
    pub fn goal_sentence(&self) -> Option<String> {
        let by = calendar::short(self.goal?, self.today);
        Some(match (self.standing(), self.needed_per_week) {
            (Standing::Finished, _) => format!("{by} met"),
            (Standing::Missed, _) | (_, None) => format!("{by} missed"),
            (Standing::OnTrack, Some(needed)) => {
                format!("{by} needs {} a week: on track", number(needed))
            }
            (_, Some(needed)) => format!("{by} needs {} a week", number(needed)),
        })
    }
}

/// Up to the next hundredth: a pace needed is never understated.
fn round_up(value: f64) -> f64 {
    (value * 100.0 - 1e-9).ceil() / 100.0
}

/// `2`, `2.25`, `0.5`: a rate as a person writes it.
pub fn number(value: f64) -> String {
    let text = format!("{value:.2}");
    text.trim_end_matches('0').trim_end_matches('.').to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    const DAY: u64 = 86_400;
    /// 2026-12-02, noon UTC.
    const NOW: u64 = 20_789 * DAY + DAY / 2;
    const TODAY: i64 = 20_789;

    fn tally(done: usize, skipped: usize, total: usize) -> Tally {
        Tally {
            done,
            skipped,
            total,
            ..Tally::default()
        }
    }

    fn days_ago(days: u64) -> u64 {
        NOW - days * DAY
    }

    #[test]
    fn the_pace_counts_the_last_four_weeks_today_included() {
        assert_eq!(calendar::iso(TODAY), "2026-12-02");
        // Day 27 ago is the window's first day; day 28 ago is outside.
        let done = [0, 1, 27, 28, 300].map(days_ago);
        let plan = Plan::new(tally(5, 0, 20), done, None, NOW);
        assert_eq!(plan.per_week, 0.75);
        assert_eq!(plan.remaining, 15);
        // 15 items at 0.75 a week: 20 weeks.
        assert_eq!(plan.forecast, Some(TODAY + 140));
        assert_eq!(plan.sentence(), "at 0.75 a week: done around 21 Apr 2027");
        // A done time a little in the future (another device's clock);
        // one years ahead is a broken clock.
        let ahead = Plan::new(tally(1, 0, 2), [NOW + 3_600], None, NOW);
        assert_eq!(ahead.per_week, 0.25);
        let broken = Plan::new(tally(1, 0, 2), [NOW + 400 * DAY], None, NOW);
        assert_eq!(broken.per_week, 0.0);
    }

    #[test]
    fn skipped_items_are_not_left_and_a_zero_pace_has_no_forecast() {
        let plan = Plan::new(tally(2, 3, 10), [days_ago(100), days_ago(90)], None, NOW);
        assert_eq!(plan.remaining, 5);
        assert_eq!(plan.per_week, 0.0);
        assert_eq!(plan.forecast, None);
        assert_eq!(
            plan.sentence(),
            "nothing done in the last 4 weeks, so no forecast yet"
        );
        let empty = Plan::new(Tally::default(), [], None, NOW);
        assert_eq!(empty.forecast, None);
        assert_eq!(empty.standing(), Standing::Finished);
        assert_eq!(empty.sentence(), "no items to do");
        // 400,000 items at a quarter a week: no date that far.
        let far = Plan::new(tally(1, 0, 400_001), [NOW], None, NOW);
        assert_eq!(far.forecast, None);
        assert_eq!(far.sentence(), "at 0.25 a week: more than 100 years to go");
    }

    #[test]
    fn a_goal_says_the_pace_it_needs_and_whether_the_pace_meets_it() {
        let done = [1, 2, 3, 4, 5, 6, 7, 8].map(days_ago);
        // 8 in 4 weeks: 2 a week; 10 left.
        let far = Plan::new(tally(8, 0, 18), done, Some(TODAY + 69), NOW);
        // 70 days, today and the goal's day included: 10 weeks, 1 a week.
        assert_eq!(far.needed_per_week, Some(1.0));
        assert_eq!(far.standing(), Standing::OnTrack);
        assert_eq!(
            far.sentence(),
            "at 2 a week: done around 6 Jan 2027; goal 9 Feb 2027 needs 1 a week: on track"
        );
        let near = Plan::new(tally(8, 0, 18), done, Some(TODAY + 20), NOW);
        // 10 items in 21 days: 3.33… a week, never shown as less.
        assert_eq!(near.needed_per_week, Some(3.34));
        assert_eq!(near.standing(), Standing::Behind);
        assert!(near.sentence().ends_with("goal 22 Dec needs 3.34 a week"));
        let today = Plan::new(tally(8, 0, 18), done, Some(TODAY), NOW);
        assert_eq!(today.needed_per_week, Some(70.0));
    }

    #[test]
    fn a_past_goal_is_missed_once_with_the_forecast_and_a_finished_one_met() {
        let done = [days_ago(3)];
        let missed = Plan::new(tally(1, 0, 3), done, Some(TODAY - 1), NOW);
        assert_eq!(missed.needed_per_week, None);
        assert_eq!(missed.standing(), Standing::Missed);
        assert_eq!(
            missed.sentence(),
            "goal 1 Dec missed; at 0.25 a week: done around 27 Jan 2027"
        );
        let met = Plan::new(tally(2, 1, 3), done, Some(TODAY - 1), NOW);
        assert_eq!(met.needed_per_week, Some(0.0));
        assert_eq!(met.standing(), Standing::Finished);
        assert_eq!(met.sentence(), "all done; goal 1 Dec met");
    }

    #[test]
    fn rates_are_written_as_a_person_writes_them() {
        assert_eq!(number(2.0), "2");
        assert_eq!(number(2.25), "2.25");
        assert_eq!(number(0.5), "0.5");
        assert_eq!(number(0.0), "0");
    }
}
