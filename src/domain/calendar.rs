//! Calendar arithmetic on Unix seconds, in UTC, without a date library:
//! the one place that reads the clock, and the one that turns seconds into
//! dates for the screen and for file names.
//! Nothing else in the crate may call the system clock. A debug build
//! (what `cargo test` runs) takes the time from `ROADMAP_TEST_NOW` (Unix
//! seconds) when it is set, so tests of what depends on the day (pace,
//! forecast) give the same output on any day; a release build never
//! reads it.

use std::time::{SystemTime, UNIX_EPOCH};

/// Seconds since the Unix epoch, now (0 if the clock is before 1970).
pub fn now() -> u64 {
    #[cfg(debug_assertions)]
    if let Some(secs) = std::env::var("ROADMAP_TEST_NOW")
        .ok()
        .and_then(|text| text.parse().ok())
    {
        return secs;
    }
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |since| since.as_secs())
}

/// `YYYY-MM-DD` (UTC) of a Unix timestamp, without a date library.
pub fn date(secs: u64) -> String {
    iso(day(secs))
}

/// The UTC day of a Unix timestamp: days since 1970-01-01.
pub fn day(secs: u64) -> i64 {
    (secs / 86_400) as i64
}

/// `YYYY-MM-DD` of a day.
pub fn iso(day: i64) -> String {
    let (year, month, day) = civil(day);
    format!("{year:04}-{month:02}-{day:02}")
}

/// Month names, January first, as dates and the heatmaps print them.
pub const MONTH_NAMES: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];

/// Year, month (1–12) and day (1–31) of a day since 1970-01-01; any day
/// number, however far off (the year saturates).
pub fn civil(day: i64) -> (i64, u32, u32) {
    // Howard Hinnant's days-to-civil algorithm, in i128 so that no day
    // number overflows.
    let days = i128::from(day) + 719_468;
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
    let year = year_of_era + era * 400 + i128::from(month <= 2);
    let year = i64::try_from(year).unwrap_or(if year < 0 { i64::MIN } else { i64::MAX });
    (year, month as u32, day as u32)
}

/// The day of a calendar date, if there is such a date.
pub fn from_civil(year: i64, month: u32, day: u32) -> Option<i64> {
    if !(1..=12).contains(&month) || day == 0 || day > days_in_month(year, month) {
        return None;
    }
    // Howard Hinnant's days-from-civil algorithm.
    let year = year - i64::from(month <= 2);
    let era = year.div_euclid(400);
    let year_of_era = year.rem_euclid(400);
    let month = i64::from(month);
    let day_of_year =
        (153 * (if month > 2 { month - 3 } else { month + 9 }) + 2) / 5 + i64::from(day) - 1;
    let day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
    Some(era * 146_097 + day_of_era - 719_468)
}

fn days_in_month(year: i64, month: u32) -> u32 {
    match month {
        2 if year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// The day `text` names, written `YYYY-MM-DD`; else why not, in words
/// that fit after "the date …".
pub fn parse_date(text: &str) -> Result<i64, String> {
    let parts: Vec<&str> = text.split('-').collect();
    let number = |part: &str, digits: usize| {
        (part.len() == digits && part.bytes().all(|b| b.is_ascii_digit()))
            .then(|| part.parse::<u32>().ok())
            .flatten()
    };
    let [year, month, day] = parts.as_slice() else {
        return Err("is not written YYYY-MM-DD (like 2027-03-01)".to_owned());
    };
    let (Some(year), Some(month), Some(day)) = (number(year, 4), number(month, 2), number(day, 2))
    else {
        return Err("is not written YYYY-MM-DD (like 2027-03-01)".to_owned());
    };
    from_civil(i64::from(year), month, day).ok_or_else(|| "is no day of the calendar".to_owned())
}

/// `14 Aug`, or `14 Aug 2027` when not in the year of `today`: a date
/// in a sentence.
pub fn short(day: i64, today: i64) -> String {
    let (year, month, date) = civil(day);
    let name = MONTH_NAMES[(month as usize).saturating_sub(1).min(11)];
    if year == civil(today).0 {
        format!("{date} {name}")
    } else {
        format!("{date} {name} {year}")
    }
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
    fn days_go_to_dates_and_back() {
        for day in [-1, 0, 59, 10_957, 11_016, 20_789, 2_932_896] {
            let (year, month, date) = civil(day);
            assert_eq!(from_civil(year, month, date), Some(day), "{day}");
        }
        assert_eq!(from_civil(2000, 2, 29), Some(11_016));
        assert_eq!(from_civil(1900, 2, 29), None);
        assert_eq!(from_civil(2027, 4, 31), None);
        assert_eq!(from_civil(2027, 13, 1), None);
    }

    #[test]
    fn a_date_is_read_strictly() {
        assert_eq!(parse_date("2000-02-29"), Ok(11_016));
        assert_eq!(iso(parse_date("2027-03-01").unwrap()), "2027-03-01");
        for bad in [
            "2027-3-1",
            "27-03-01",
            "2027/03/01",
            "2027-03-01x",
            "",
            "２０２７-03-01",
        ] {
            assert!(parse_date(bad).unwrap_err().contains("YYYY-MM-DD"), "{bad}");
        }
        assert_eq!(
            parse_date("2027-02-30"),
            Err("is no day of the calendar".to_owned())
        );
    }

    #[test]
    fn a_short_date_names_the_year_only_when_another() {
        let today = parse_date("2026-12-02").unwrap();
        assert_eq!(short(parse_date("2026-08-14").unwrap(), today), "14 Aug");
        assert_eq!(
            short(parse_date("2027-01-05").unwrap(), today),
            "5 Jan 2027"
        );
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
