//! A learner's activity from the days items were completed: counts per day
//! for the heatmap, streaks, and this week's total. Pure: no I/O, and the
//! time is passed in, so every rule is unit-tested.
//!
//! Days are UTC days (`secs / 86_400`), numbered from 1970-01-01 = 0, the
//! same days [`crate::domain::calendar::date`] prints. A learner far from UTC sees
//! a late-evening completion on the next day's square; that is the price
//! of agreeing with every date the rest of the program shows.

use std::collections::BTreeMap;

use crate::domain::calendar;

/// Weeks shown by the heatmap.
pub const HEATMAP_WEEKS: usize = 26;

/// Weekday names by heatmap row (Monday first); only every other row is
/// named, as on GitHub, so the names do not crowd each other.
pub const WEEKDAY_LABELS: [Option<&str>; 7] = [
    Some("Mon"),
    None,
    Some("Wed"),
    None,
    Some("Fri"),
    None,
    None,
];

const SECS_PER_DAY: u64 = 86_400;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Activity {
    /// Day number (days since 1970-01-01, UTC) of the first cell: the
    /// Monday starting the week `HEATMAP_WEEKS - 1` weeks before today's.
    pub first_day: i64,
    /// Completions per day from `first_day` through `today` inclusive, so
    /// the last week may be partial: the length is
    /// `7 * (HEATMAP_WEEKS - 1) + weekday(today) + 1`.
    pub counts: Vec<u32>,
    pub today: i64,
    /// Consecutive days with at least one completion, ending today, or
    /// ending yesterday if today has none yet: a streak is not broken until
    /// a whole day passes without any.
    pub current_streak: u32,
    /// The longest such run ever, over every completion, not only the
    /// heatmap's weeks.
    pub longest_streak: u32,
    /// Completions since Monday 00:00 UTC of the current week.
    pub this_week: u32,
    /// Completions on the busiest day in the window (for scaling shades).
    pub busiest_day: u32,
}

impl Activity {
    /// `completed`: when each done item was completed (Unix seconds, UTC);
    /// `now`: the current time.
    ///
    /// A completion stamped after `now` (another machine's clock ahead of
    /// this one) counts as done now: it shows on today's square and keeps
    /// the streak alive, rather than vanishing or starting a streak in the
    /// future. Any `u64`, `u64::MAX` included, is accepted.
    pub fn from_completions(completed: impl IntoIterator<Item = u64>, now: u64) -> Activity {
        let today = day_of(now);
        let week_start = today - Activity::weekday(today) as i64;
        let first_day = week_start - 7 * (HEATMAP_WEEKS as i64 - 1);
        // `today - first_day` is at most 7 * HEATMAP_WEEKS, so this is exact.
        let mut counts = vec![0u32; (today - first_day + 1) as usize];

        // Completions per day, over all time, for the streaks.
        let mut per_day: BTreeMap<i64, u32> = BTreeMap::new();
        for secs in completed {
            let day = day_of(secs.min(now));
            let count = per_day.entry(day).or_default();
            *count = count.saturating_add(1);
        }

        let mut this_week = 0u32;
        for (&day, &count) in per_day.range(first_day..) {
            counts[(day - first_day) as usize] = count;
            if day >= week_start {
                this_week = this_week.saturating_add(count);
            }
        }

        // Runs of consecutive days, in order; the last one may be current.
        let mut longest_streak = 0u32;
        let mut run = 0u32;
        let mut previous: Option<i64> = None;
        for &day in per_day.keys() {
            run = if previous == Some(day - 1) {
                run.saturating_add(1)
            } else {
                1
            };
            longest_streak = longest_streak.max(run);
            previous = Some(day);
        }
        // Nothing is later than today (see the clamp above), so the last
        // run is current when it reaches today or yesterday.
        let current_streak = match previous {
            Some(last) if last >= today - 1 => run,
            _ => 0,
        };

        let busiest_day = counts.iter().copied().max().unwrap_or(0);
        Activity {
            first_day,
            counts,
            today,
            current_streak,
            longest_streak,
            this_week,
            busiest_day,
        }
    }

    /// Weekday of a day number, 0 = Monday.
    pub fn weekday(day: i64) -> usize {
        // Day 0, 1970-01-01, was a Thursday (3). Reduced first so that no
        // day number, however large, overflows.
        ((day.rem_euclid(7) + 3) % 7) as usize
    }

    /// Month of a day number, 0 = January (UTC, proleptic Gregorian).
    pub fn month(day: i64) -> usize {
        calendar::civil(day).1 as usize - 1
    }

    /// The month a week column (`0..HEATMAP_WEEKS`, oldest first) begins,
    /// for its name above the heatmap: the month of its Monday, when the
    /// week before began in another; `None` for every other week. A week
    /// compares with the one before even when that one is not shown, so
    /// names stay over the same weeks however many weeks are drawn.
    pub fn month_starting(&self, week: usize) -> Option<usize> {
        let monday = self.first_day + 7 * week as i64;
        let month = Activity::month(monday);
        (month != Activity::month(monday - 7)).then_some(month)
    }

    /// Count for a given week column (`0..HEATMAP_WEEKS`, oldest first) and
    /// weekday row (`0..7`, Monday first); `None` for days after today and
    /// for positions outside the grid.
    pub fn cell(&self, week: usize, weekday: usize) -> Option<u32> {
        if week >= HEATMAP_WEEKS || weekday >= 7 {
            return None;
        }
        self.counts.get(week * 7 + weekday).copied()
    }

    /// Shade `0..=4` of a count, relative to `busiest_day`: 0 only for
    /// zero, and any non-zero count is at least 1, so a single completion
    /// never looks like an empty day.
    pub fn shade(&self, count: u32) -> usize {
        if count == 0 {
            return 0;
        }
        // Quarters of the busiest day, rounded up. A count above it (or
        // any count when the window is empty) is the darkest shade.
        let busiest = u64::from(self.busiest_day.max(1));
        (u64::from(count) * 4).div_ceil(busiest).clamp(1, 4) as usize
    }
}

/// UTC day number of a Unix time. `u64::MAX / 86_400` fits an `i64`.
fn day_of(secs: u64) -> i64 {
    (secs / SECS_PER_DAY) as i64
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::calendar;

    const DAY: u64 = SECS_PER_DAY;
    /// 2026-11-18, a Wednesday, 12:00 UTC.
    const NOW: u64 = 1_794_960_000 + 12 * 3600;

    /// A time on the day `days_ago` days before NOW's, at `hour` UTC.
    fn at(days_ago: u64, hour: u64) -> u64 {
        (NOW / DAY - days_ago) * DAY + hour * 3600
    }

    fn activity(days_ago: &[u64]) -> Activity {
        Activity::from_completions(days_ago.iter().map(|&d| at(d, 9)), NOW)
    }

    #[test]
    fn the_fixed_now_is_a_wednesday() {
        assert_eq!(calendar::date(NOW), "2026-11-18");
        assert_eq!(Activity::weekday(day_of(NOW)), 2);
    }

    #[test]
    fn weekdays_count_from_monday_and_never_overflow() {
        assert_eq!(Activity::weekday(0), 3, "1970-01-01 was a Thursday");
        assert_eq!(Activity::weekday(4), 0, "1970-01-05 was a Monday");
        assert_eq!(Activity::weekday(-3), 0, "1969-12-29 was a Monday");
        assert_eq!(Activity::weekday(-1), 2);
        assert!(Activity::weekday(i64::MAX) < 7);
        assert!(Activity::weekday(i64::MIN) < 7);
    }

    #[test]
    fn months_agree_with_calendar_dates() {
        for day in (0..40_000).step_by(13) {
            let date = calendar::date(day as u64 * DAY);
            let month: usize = date[5..7].parse().unwrap();
            assert_eq!(Activity::month(day), month - 1, "{date}");
        }
        assert_eq!(Activity::month(-1), 11, "1969-12-31");
        assert!(Activity::month(i64::MAX) < 12);
        assert!(Activity::month(i64::MIN) < 12);
    }

    #[test]
    fn a_month_starts_over_the_first_week_whose_monday_is_in_it() {
        // The window starts on Monday 2026-05-25, in May as the week
        // before it; June's first Monday is the 1st, a week later.
        let a = activity(&[]);
        let starts: Vec<(usize, &str)> = (0..HEATMAP_WEEKS)
            .filter_map(|week| {
                a.month_starting(week)
                    .map(|m| (week, calendar::MONTH_NAMES[m]))
            })
            .collect();
        assert_eq!(
            starts,
            [
                (1, "Jun"),
                (6, "Jul"),
                (10, "Aug"),
                (15, "Sep"),
                (19, "Oct"),
                (23, "Nov")
            ]
        );
    }

    #[test]
    fn the_window_starts_on_a_monday_and_ends_today() {
        let a = activity(&[]);
        assert_eq!(a.today, day_of(NOW));
        assert_eq!(Activity::weekday(a.first_day), 0);
        assert_eq!(a.counts.len(), 7 * (HEATMAP_WEEKS - 1) + 2 + 1);
        assert_eq!(a.first_day + a.counts.len() as i64 - 1, a.today);
        assert_eq!(calendar::date(a.first_day as u64 * DAY), "2026-05-25");
    }

    #[test]
    fn the_window_length_follows_todays_weekday() {
        for offset in 0..14 {
            let now = NOW + offset * DAY;
            let a = Activity::from_completions([], now);
            let weekday = Activity::weekday(a.today);
            assert_eq!(a.counts.len(), 7 * (HEATMAP_WEEKS - 1) + weekday + 1);
            assert_eq!(Activity::weekday(a.first_day), 0);
        }
    }

    #[test]
    fn empty_input_is_all_zero() {
        let a = activity(&[]);
        assert!(a.counts.iter().all(|&c| c == 0));
        assert_eq!(
            (
                a.current_streak,
                a.longest_streak,
                a.this_week,
                a.busiest_day
            ),
            (0, 0, 0, 0)
        );
    }

    #[test]
    fn a_streak_can_end_today() {
        let a = activity(&[0, 1, 2, 4]);
        assert_eq!(a.current_streak, 3);
        assert_eq!(a.longest_streak, 3);
    }

    #[test]
    fn a_streak_ending_yesterday_is_still_current() {
        let a = activity(&[1, 2, 3]);
        assert_eq!(a.current_streak, 3);
    }

    #[test]
    fn a_day_without_any_breaks_the_streak() {
        let a = activity(&[2, 3, 4]);
        assert_eq!(a.current_streak, 0);
        assert_eq!(a.longest_streak, 3);
    }

    #[test]
    fn several_completions_on_one_day_count_once_for_streaks() {
        let a = activity(&[0, 0, 0, 1, 1]);
        assert_eq!((a.current_streak, a.longest_streak), (2, 2));
        assert_eq!(a.counts[a.counts.len() - 1], 3);
        assert_eq!(a.counts[a.counts.len() - 2], 2);
        assert_eq!(a.busiest_day, 3);
    }

    #[test]
    fn the_longest_streak_counts_all_time_not_only_the_window() {
        // Ten days in a row a year ago, two now.
        let mut days: Vec<u64> = (400..410).collect();
        days.extend([0, 1]);
        let a = activity(&days);
        assert_eq!((a.current_streak, a.longest_streak), (2, 10));
        // Old completions are outside the window's counts.
        assert_eq!(a.counts.iter().sum::<u32>(), 2);
        assert_eq!(a.busiest_day, 1);
    }

    #[test]
    fn streaks_run_across_midnight_by_utc_day() {
        let a = Activity::from_completions([at(1, 23), at(0, 0)], NOW);
        assert_eq!(a.current_streak, 2);
    }

    #[test]
    fn this_week_starts_monday_at_midnight_utc() {
        // NOW is Wednesday: days 0..=2 ago are this week, 3 ago is Sunday.
        let monday_midnight = at(2, 0);
        let a = Activity::from_completions(
            [
                monday_midnight,
                monday_midnight - 1,
                at(1, 5),
                at(0, 1),
                at(3, 12),
            ],
            NOW,
        );
        assert_eq!(a.this_week, 3);
        assert_eq!(a.current_streak, 4);
    }

    #[test]
    fn this_week_on_a_monday_is_only_today() {
        let monday = at(2, 10);
        let a = Activity::from_completions([at(2, 9), at(3, 9), at(4, 9)], monday);
        assert_eq!(a.this_week, 1);
        assert_eq!(a.counts.len(), 7 * (HEATMAP_WEEKS - 1) + 1);
        assert_eq!(a.cell(HEATMAP_WEEKS - 1, 0), Some(1));
        assert_eq!(a.cell(HEATMAP_WEEKS - 1, 1), None);
        assert_eq!(a.cell(HEATMAP_WEEKS - 2, 6), Some(1), "last Sunday");
    }

    #[test]
    fn cells_map_weeks_and_weekdays_to_days() {
        let a = activity(&[0, 2, 9]);
        let last = HEATMAP_WEEKS - 1;
        assert_eq!(a.cell(last, 2), Some(1), "today, Wednesday");
        assert_eq!(a.cell(last, 1), Some(0));
        assert_eq!(a.cell(last, 0), Some(1), "Monday");
        assert_eq!(a.cell(last - 1, 0), Some(1), "Monday a week before");
        assert_eq!(a.cell(last, 3), None, "tomorrow");
        assert_eq!(a.cell(0, 0), Some(0));
        assert_eq!(a.cell(HEATMAP_WEEKS, 0), None);
        assert_eq!(a.cell(0, 7), None);
    }

    #[test]
    fn future_timestamps_count_as_done_now() {
        let a = Activity::from_completions([NOW + 3 * DAY, u64::MAX, at(1, 9)], NOW);
        assert_eq!(a.counts[a.counts.len() - 1], 2);
        assert_eq!((a.current_streak, a.longest_streak), (2, 2));
        assert_eq!(a.this_week, 3);
    }

    #[test]
    fn huge_and_tiny_times_do_not_panic() {
        let a = Activity::from_completions([u64::MAX, 0, u64::MAX - 1], u64::MAX);
        assert_eq!(a.today, (u64::MAX / DAY) as i64);
        assert_eq!(a.counts[a.counts.len() - 1], 2);
        assert_eq!(a.longest_streak, 1);
        assert_eq!(Activity::weekday(a.first_day), 0);

        // At the epoch the window reaches back before 1970.
        let a = Activity::from_completions([0, 5, 86_399], 0);
        assert!(a.first_day < 0);
        assert_eq!(Activity::weekday(a.first_day), 0);
        assert_eq!(a.counts[a.counts.len() - 1], 3);
        assert_eq!(a.current_streak, 1);
    }

    #[test]
    fn shades_scale_to_the_busiest_day() {
        let a = Activity::from_completions([NOW; 8], NOW);
        assert_eq!(a.busiest_day, 8);
        let shades: Vec<usize> = (0..=9).map(|c| a.shade(c)).collect();
        assert_eq!(shades, [0, 1, 1, 2, 2, 3, 3, 4, 4, 4]);
        assert_eq!(a.shade(u32::MAX), 4);

        let busy = Activity::from_completions(vec![NOW; 100], NOW);
        assert_eq!(busy.shade(1), 1, "one completion never looks empty");
        assert_eq!(busy.shade(100), 4);

        let one = activity(&[0]);
        assert_eq!((one.shade(0), one.shade(1)), (0, 4));
        let none = activity(&[]);
        assert_eq!((none.shade(0), none.shade(1)), (0, 4));
    }
}
