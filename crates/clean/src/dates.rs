//! Finds calendar dates written the ways news copy writes them ("Feb 26", "May 3, 2018", "3 May 2018",
//! "2018-05-03") and normalises them to ISO 8601. Used on datelines, date stamps and footers; never on body prose.

use dyad_model::date::{month_from_name, most_days_in_month, Date};

use crate::patterns::{MAX_YEAR, MIN_YEAR};

/// A date as found: the year is optional because datelines often omit it ("SALVADOR, Feb 26 -").
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FoundDate {
    pub year: Option<u16>,
    pub month: u8,
    pub day: u8,
    /// Index of the first and one past the last word the date took, in [`words`] of the searched text.
    pub words: (usize, usize),
}

impl FoundDate {
    /// `YYYY-MM-DD`, taking the year from `fallback_year` when the date has none; `None` without any year or when
    /// the day is not in that year's month (February 29 of 2019).
    pub fn iso(&self, fallback_year: Option<u16>) -> Option<String> {
        let year = self.year.or(fallback_year)?;
        Date::from_ymd(year.into(), self.month.into(), self.day.into()).map(Date::to_iso)
    }
}

/// The words of `text` as the date finder sees them: split on whitespace, surrounding punctuation removed.
pub fn words(text: &str) -> impl Iterator<Item = &str> + Clone {
    text.split_whitespace().map(|w| {
        w.trim_matches(|c: char| matches!(c, ',' | '.' | ';' | '(' | ')' | '|' | '[' | ']' | ':'))
    })
}

/// The first date in `text`, if any.
pub fn find_date(text: &str) -> Option<FoundDate> {
    // A window of three words slid along the text; no allocation.
    let mut rest = words(text);
    let mut i = 0;
    while let Some(word) = rest.next() {
        let mut ahead = rest.clone();
        let (next, after) = (ahead.next(), ahead.next());
        let found = |year: Option<u16>, month, day, len: usize| FoundDate {
            year,
            month,
            day,
            words: (i, i + len),
        };
        if let Some(date) = iso_date(word) {
            return Some(found(Some(date.year()), date.month(), date.day(), 1));
        }
        if let Some(month) = month_number(word) {
            if let Some(day) = next.and_then(|w| day_number(w, month)) {
                let year = after.and_then(year_number);
                return Some(found(year, month, day, 2 + usize::from(year.is_some())));
            }
        }
        if let Some(month) = next.and_then(month_number) {
            if let Some(day) = day_number(word, month) {
                let year = after.and_then(year_number);
                return Some(found(year, month, day, 2 + usize::from(year.is_some())));
            }
        }
        i += 1;
    }
    None
}

/// The first plausible year standing alone in `text` ("© 2018 Arab News" gives 2018; ranges give the last year).
pub fn find_year(text: &str) -> Option<u16> {
    words(text).find_map(|w| w.rsplit(['-', '–']).next().and_then(year_number))
}

/// Normalises a date string given by a container (`2018-05-03T10:00:00Z`, `May 3, 2018`) to ISO 8601; a string
/// already starting with an ISO date is kept whole, so a time is not lost.
pub fn normalise(text: &str) -> Option<String> {
    let trimmed = text.trim();
    if iso_date(trimmed).is_some() {
        return Some(trimmed.to_string());
    }
    find_date(trimmed).and_then(|d| d.iso(None))
}

/// `YYYY-MM-DD` at the start of a word (a time may follow), in a plausible year.
fn iso_date(word: &str) -> Option<Date> {
    Date::parse_iso_prefix(word).filter(|d| plausible_year(d.year()))
}

/// A month name or abbreviation, capitalised as in prose ("May", "Feb", "SEPT"): lower-case "may" is a verb.
fn month_number(word: &str) -> Option<u8> {
    if !word.chars().next().is_some_and(char::is_uppercase) {
        return None;
    }
    month_from_name(word)
}

/// A day of the month, with an optional ordinal suffix ("3rd"), valid for `month`.
fn day_number(word: &str, month: u8) -> Option<u8> {
    let digits = word.trim_end_matches(|c: char| c.is_ascii_alphabetic());
    if digits.is_empty() || digits.len() > 2 || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let suffix = &word[digits.len()..];
    if !matches!(suffix, "" | "st" | "nd" | "rd" | "th") {
        return None;
    }
    let day: u8 = digits.parse().ok()?;
    // The year may be unknown yet, so February allows the 29th.
    let longest = most_days_in_month(month.into())?;
    (1..=longest).contains(&day.into()).then_some(day)
}

fn year_number(word: &str) -> Option<u16> {
    if word.len() != 4 || !word.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    word.parse().ok().filter(|&y| plausible_year(y))
}

fn plausible_year(year: u16) -> bool {
    (MIN_YEAR..=MAX_YEAR).contains(&year)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_news_date_forms() {
        let iso = |s: &str| find_date(s).and_then(|d| d.iso(Some(1999)));
        assert_eq!(iso("SALVADOR, Feb 26 -"), Some("1999-02-26".into()));
        assert_eq!(
            iso("Published May 3, 2018 10:02 GMT"),
            Some("2018-05-03".into())
        );
        assert_eq!(iso("Updated: 3rd March 2017"), Some("2017-03-03".into()));
        assert_eq!(
            iso("posted 2016-11-09T08:00:00Z"),
            Some("2016-11-09".into())
        );
        assert_eq!(iso("Sept. 11, 2001"), Some("2001-09-11".into()));
        assert_eq!(iso("Iran may 5 times"), None, "lower-case may is a verb");
        assert_eq!(iso("Feb 30"), None);
        assert_eq!(iso("Feb 29"), None, "1999 is no leap year");
        assert_eq!(iso("Feb 29, 2000"), Some("2000-02-29".into()));
        assert_eq!(iso("1899-05-03"), None, "not a publication year");
        assert_eq!(
            find_date("May 3").and_then(|d| d.iso(None)),
            None,
            "no year anywhere"
        );
    }

    #[test]
    fn years_and_container_dates() {
        assert_eq!(
            find_year("© 2018 Arab News (Jeddah, Saudi Arabia)"),
            Some(2018)
        );
        assert_eq!(
            find_year("Copyright 2016-2018 The Example Times"),
            Some(2018)
        );
        assert_eq!(find_year("No year 12345 here"), None);
        assert_eq!(
            normalise("2018-05-03T10:00:00Z"),
            Some("2018-05-03T10:00:00Z".into())
        );
        assert_eq!(normalise("May 3, 2018"), Some("2018-05-03".into()));
        assert_eq!(normalise("soon"), None);
        assert_eq!(normalise("2018-1é"), None);
    }
}
