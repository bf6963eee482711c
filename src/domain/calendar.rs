//! Calendar arithmetic on Unix seconds, in UTC, without a date library:
//! the one place that reads the clock, and the one that turns seconds into
//! dates for the screen and for file names.
//! Nothing else in the crate may call the system clock.

use std::time::{SystemTime, UNIX_EPOCH};

/// Seconds since the Unix epoch, now (0 if the clock is before 1970).
pub fn now() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |since| since.as_secs())
}

/// `YYYY-MM-DD` (UTC) of a Unix timestamp, without a date library.
pub fn date(secs: u64) -> String {
    // Howard Hinnant's days-to-civil algorithm.
    let days = (secs / 86_400) as i64 + 719_468;
    let era = days.div_euclid(146_097);
    let day_of_era = days.rem_euclid(146_097);
    let year_of_era =
        (day_of_era - day_of_era / 1_460 + day_of_era / 36_524 - day_of_era / 146_096) / 365;
    let day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
    let month_index = (5 * day_of_year + 2) / 153;
    let day = day_of_year - (153 * month_index + 2) / 5 + 1;
    let month = if month_index < 10 {
        month_index + 3
    } else {
        month_index - 9
    };
    let year = year_of_era + era * 400 + i64::from(month <= 2);
    format!("{year:04}-{month:02}-{day:02}")
}

/// `2026-11-21T09:30:00Z`: RFC 3339 in UTC, for machine-readable output.
pub fn timestamp(secs: u64) -> String {
    let time = secs % 86_400;
    format!(
        "{}T{:02}:{:02}:{:02}Z",
        date(secs),
        time / 3600,
        time % 3600 / 60,
        time % 60
    )
}

/// [`timestamp`] for a time RFC 3339 can write: its years have four
/// digits, so a later time (a clock gone wrong) is no real one and `None`.
pub fn rfc3339(secs: u64) -> Option<String> {
    // 9999-12-31T23:59:59Z.
    const LAST_SECOND: u64 = 253_402_300_799;
    (secs <= LAST_SECOND).then(|| timestamp(secs))
}

/// `20261121T093000Z`: sorts by time and is safe in a file name.
pub fn stamp(secs: u64) -> String {
    let time = secs % 86_400;
    format!(
        "{}T{:02}{:02}{:02}Z",
        date(secs).replace('-', ""),
        time / 3600,
        time % 3600 / 60,
        time % 60
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_are_utc_calendar_days() {
        assert_eq!(date(0), "1970-01-01");
        assert_eq!(date(951_782_400), "2000-02-29");
        assert_eq!(date(1_700_000_000), "2023-11-14");
        assert_eq!(date(1_795_305_599), "2026-11-21");
    }

    #[test]
    fn rfc3339_stops_at_the_last_four_digit_year() {
        assert_eq!(rfc3339(0).as_deref(), Some("1970-01-01T00:00:00Z"));
        assert_eq!(
            rfc3339(253_402_300_799).as_deref(),
            Some("9999-12-31T23:59:59Z")
        );
        assert_eq!(rfc3339(253_402_300_800), None);
        assert_eq!(rfc3339(u64::MAX), None);
    }

    #[test]
    fn stamps_sort_by_time_and_fit_in_file_names() {
        assert_eq!(stamp(1_795_305_599), "20261121T235959Z");
        assert_eq!(stamp(0), "19700101T000000Z");
    }
}
