//! Calendar dates: the [`Date`] type, reading dates from metadata, and finding full dates
//! written in a story's text.
//!
//! A story's date comes from its metadata where it has one ("2025-10-16T09:30:00Z" in an HTML
//! meta tag, `date: 2025-10-16` in front matter), else from the latest full date written in the
//! text ("Thursday, October 16, 2025"). Only the proleptic Gregorian calendar is needed; times of
//! day and time zones are read past and dropped, since a story's day is all the checks use.

use std::fmt;
use std::sync::LazyLock;

use regex::Regex;

/// A day in the Gregorian calendar, always valid (no 31 April, no 29 February 2025).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    year: i32,
    month: u8,
    day: u8,
}

const MONTHS: [&str; 12] = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
];

impl Date {
    /// The date, or `None` when no such day exists.
    pub fn new(year: i32, month: u32, day: u32) -> Option<Date> {
        if !(1..=12).contains(&month) || day == 0 || !(1..=9999).contains(&year) {
            return None;
        }
        let month = month as u8;
        if day > u32::from(days_in_month(year, month)) {
            return None;
        }
        Some(Date {
            year,
            month,
            day: day as u8,
        })
    }

    /// The year.
    pub fn year(self) -> i32 {
        self.year
    }

    /// The month, 1 to 12.
    pub fn month(self) -> u32 {
        u32::from(self.month)
    }

    /// The day of the month, 1 to 31.
    pub fn day(self) -> u32 {
        u32::from(self.day)
    }

    /// Days since 1970-01-01 (negative before it), for differences between dates.
    pub fn days_since_epoch(self) -> i64 {
        // Howard Hinnant's days_from_civil.
        let y = i64::from(self.year) - i64::from(self.month <= 2);
        let era = y.div_euclid(400);
        let yoe = y - era * 400;
        let m = i64::from(self.month);
        let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + i64::from(self.day) - 1;
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        era * 146_097 + doe - 719_468
    }
}

impl Date {
    /// The day of the week, 0 = Monday.
    pub fn weekday(self) -> u8 {
        // 1970-01-01 was a Thursday (3).
        (self.days_since_epoch() + 3).rem_euclid(7) as u8
    }

    /// The date `days` days after 1970-01-01 (before it when negative).
    pub fn from_days_since_epoch(days: i64) -> Date {
        // Howard Hinnant's civil_from_days.
        let z = days + 719_468;
        let era = z.div_euclid(146_097);
        let doe = z - era * 146_097;
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let day = (doy - (153 * mp + 2) / 5 + 1) as u8;
        let month = if mp < 10 { mp + 3 } else { mp - 9 } as u8;
        let year = (yoe + era * 400 + i64::from(month <= 2)) as i32;
        Date { year, month, day }
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

fn days_in_month(year: i32, month: u8) -> u8 {
    match month {
        2 if year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// The month number for an English month name or its common abbreviation ("Sept", "Oct.").
fn month_number(word: &str) -> Option<u32> {
    let word = word.trim_end_matches('.').to_ascii_lowercase();
    if word.len() < 3 {
        return None;
    }
    let index = MONTHS.iter().position(|m| {
        *m == word || (m.starts_with(&word) && (word.len() == 3 || word == "sept"))
    })?;
    Some(index as u32 + 1)
}

const MONTH_PATTERN: &str = r"(?:Jan(?:uary|\.)?|Feb(?:ruary|\.)?|Mar(?:ch|\.)?|Apr(?:il|\.)?|May|June?|July?|Aug(?:ust|\.)?|Sep(?:t(?:ember|\.)?|\.)?|Oct(?:ober|\.)?|Nov(?:ember|\.)?|Dec(?:ember|\.)?)";

static ISO_DATE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(\d{4})[-/](\d{1,2})[-/](\d{1,2})(?:$|[T ]\d)").expect("constant pattern")
});

static COMPACT_DATE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^(\d{4})(\d{2})(\d{2})$").expect("constant pattern"));

/// Full dates as written in prose: "16 October 2025", "October 16, 2025", "Oct. 16 2025",
/// "16th of October, 2025", and ISO "2025-10-16".
static TEXT_DATE: LazyLock<Regex> = LazyLock::new(|| {
    let day = r"(\d{1,2})(?:st|nd|rd|th)?";
    Regex::new(&format!(
        r"\b(?:{day}\s+(?:of\s+)?({MONTH_PATTERN}),?\s+(\d{{4}})|({MONTH_PATTERN})\s+{day},?\s+(\d{{4}})|(\d{{4}})-(\d{{2}})-(\d{{2}}))\b"
    ))
    .expect("constant pattern")
});

/// Reads a date written in metadata: ISO 8601 with or without a time ("2025-10-16",
/// "2025-10-16T09:30:00+01:00", "2025/10/16"), "20251016", or an English date in any form
/// [`find_dates`] knows ("16 October 2025", "Thu, 16 Oct 2025 09:30:00 GMT").
///
/// The error says what was wrong, for a note to the user.
pub fn parse_metadata_date(value: &str) -> Result<Date, String> {
    let value = value.trim();
    let numeric = ISO_DATE
        .captures(value)
        .or_else(|| COMPACT_DATE.captures(value));
    if let Some(caps) = numeric {
        let number = |i: usize| caps[i].parse::<u32>().unwrap_or(0);
        let year = caps[1].parse::<i32>().unwrap_or(0);
        return Date::new(year, number(2), number(3))
            .ok_or_else(|| format!("'{value}' is not a real calendar date"));
    }
    match find_dates(value).first() {
        Some(found) => Ok(found.date),
        None => Err(format!(
            "'{value}' is not a date crosscheck can read; write it as YYYY-MM-DD"
        )),
    }
}

/// A full date found in text, with its byte span.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DateMention {
    /// Byte offset of the first character.
    pub start: usize,
    /// Byte offset just past the last character.
    pub end: usize,
    /// The day it names.
    pub date: Date,
}

/// Every full date (day, month and year) written in `text`, in order. Impossible dates
/// ("31 February 2025") are passed over.
pub fn find_dates(text: &str) -> Vec<DateMention> {
    TEXT_DATE
        .captures_iter(text)
        .filter_map(|caps| {
            let whole = caps.get(0)?;
            let date = if let Some(day) = caps.get(1) {
                Date::new(
                    caps[3].parse().ok()?,
                    month_number(&caps[2])?,
                    day.as_str().parse().ok()?,
                )
            } else if let Some(month) = caps.get(4) {
                Date::new(
                    caps[6].parse().ok()?,
                    month_number(month.as_str())?,
                    caps[5].parse().ok()?,
                )
            } else {
                Date::new(
                    caps[7].parse().ok()?,
                    caps[8].parse().ok()?,
                    caps[9].parse().ok()?,
                )
            }?;
            Some(DateMention {
                start: whole.start(),
                end: whole.end(),
                date,
            })
        })
        .collect()
}

/// The date a story's text implies: the latest full date written in it, since a story is
/// published on or after every day it reports. `None` when the text names no full date.
pub fn infer_story_date(text: &str) -> Option<Date> {
    find_dates(text).into_iter().map(|m| m.date).max()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(y: i32, m: u32, d: u32) -> Date {
        Date::new(y, m, d).unwrap()
    }

    #[test]
    fn rejects_impossible_days() {
        assert!(Date::new(2025, 2, 29).is_none());
        assert!(Date::new(2024, 2, 29).is_some());
        assert!(Date::new(2025, 4, 31).is_none());
        assert!(Date::new(2025, 13, 1).is_none());
    }

    #[test]
    fn counts_days_between_dates() {
        assert_eq!(date(1970, 1, 1).days_since_epoch(), 0);
        assert_eq!(date(2000, 3, 1).days_since_epoch(), 11_017);
        assert_eq!(
            date(2025, 10, 16).days_since_epoch() - date(2024, 7, 5).days_since_epoch(),
            468
        );
    }

    #[test]
    fn days_since_epoch_round_trips() {
        for days in [-800_000, -1, 0, 1, 11_016, 20_000, 2_000_000] {
            assert_eq!(Date::from_days_since_epoch(days).days_since_epoch(), days);
        }
        assert_eq!(Date::from_days_since_epoch(20_158), date(2025, 3, 11));
        assert_eq!(
            date(2025, 3, 11).weekday(),
            1,
            "11 March 2025 was a Tuesday"
        );
        assert_eq!(
            Date::from_days_since_epoch(0).weekday(),
            3,
            "1 January 1970 was a Thursday"
        );
    }

    #[test]
    fn reads_metadata_dates() {
        assert_eq!(parse_metadata_date("2025-10-16"), Ok(date(2025, 10, 16)));
        assert_eq!(
            parse_metadata_date("2025-10-16T09:30:00+01:00"),
            Ok(date(2025, 10, 16))
        );
        assert_eq!(parse_metadata_date("20251016"), Ok(date(2025, 10, 16)));
        assert_eq!(
            parse_metadata_date("Thu, 16 Oct 2025 09:30:00 GMT"),
            Ok(date(2025, 10, 16))
        );
        assert_eq!(
            parse_metadata_date("2025-99-99"),
            Err("'2025-99-99' is not a real calendar date".to_string())
        );
        assert!(parse_metadata_date("last Tuesday").is_err());
    }

    #[test]
    fn finds_dates_in_prose() {
        let text = "On Thursday, October 16, 2025, he spoke. Earlier, on 3rd of June 2024 and \
                    Sept. 9 2023, nothing; 2021-02-01 too. Not 31 February 2025.";
        let found: Vec<Date> = find_dates(text).iter().map(|m| m.date).collect();
        assert_eq!(
            found,
            vec![
                date(2025, 10, 16),
                date(2024, 6, 3),
                date(2023, 9, 9),
                date(2021, 2, 1)
            ]
        );
        let first = find_dates(text)[0];
        assert_eq!(&text[first.start..first.end], "October 16, 2025");
    }

    #[test]
    fn infers_the_latest_date() {
        let text =
            "Pictured in Beijing on May 30, 2024. A spokesman (pictured on June 1, 2024) said.";
        assert_eq!(infer_story_date(text), Some(date(2024, 6, 1)));
        assert_eq!(infer_story_date("No dates here, only May and 2024."), None);
    }
}
