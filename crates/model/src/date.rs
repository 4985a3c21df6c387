//! Civil dates: the one calendar-date type every stage reads dates into, with the month and weekday tables and the
//! numeric forms (`YYYY-MM-DD`, `YYYYMMDD`, `YYMMDD`) the inputs write.
//!
//! A [`Date`] is a valid day of the proleptic Gregorian calendar in years 0–9999, so day arithmetic
//! ([`Date::add_days`], [`Date::weekday`]) is total. Free-text recognition ("Feb 26", "18. März 2019") belongs to
//! the stage reading the text and builds on [`month_from_name`] and [`Date::from_ymd`]. No I/O, no panics.

use std::fmt;

/// The years a [`Date`] can hold: four-digit years, as ISO 8601 writes them without an expansion.
pub const YEARS: std::ops::RangeInclusive<u32> = 0..=9999;

/// English month names, January first (month `n` is `MONTH_NAMES[n - 1]`). Their first three letters are the
/// abbreviations; [`MONTH_ABBREVIATIONS_BEYOND_THREE_LETTERS`] lists the others.
pub const MONTH_NAMES: [&str; 12] = [
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

/// Month abbreviations news copy writes besides the first three letters ("Sept. 11").
pub const MONTH_ABBREVIATIONS_BEYOND_THREE_LETTERS: &[(&str, u8)] = &[("sept", 9)];

/// English weekday names, Monday first (ISO 8601 numbering: Monday is 1).
pub const WEEKDAY_NAMES: [&str; 7] = [
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
];

/// Weekday abbreviations besides the first three letters ("Tues.", "Thurs.").
pub const WEEKDAY_ABBREVIATIONS_BEYOND_THREE_LETTERS: &[(&str, Weekday)] = &[
    ("tues", Weekday::Tuesday),
    ("thur", Weekday::Thursday),
    ("thurs", Weekday::Thursday),
];

/// Length of the abbreviations made of a name's first letters ("Jan", "Mon").
const SHORT_NAME_LEN: usize = 3;

/// The index in `names` of a word that is one of them or its first three letters, ignoring ASCII case.
fn name_index(names: &[&str], word: &str) -> Option<usize> {
    names.iter().position(|name| {
        name.eq_ignore_ascii_case(word)
            || (word.len() == SHORT_NAME_LEN && name[..SHORT_NAME_LEN].eq_ignore_ascii_case(word))
    })
}

/// The month (1–12) an English month name or abbreviation names, ignoring ASCII case; no punctuation is trimmed.
///
/// ```
/// use dyad_model::date::month_from_name;
/// assert_eq!(month_from_name("Sept"), Some(9));
/// assert_eq!(month_from_name("DEC"), Some(12));
/// assert_eq!(month_from_name("Ma"), None);
/// ```
pub fn month_from_name(word: &str) -> Option<u8> {
    let n = match name_index(&MONTH_NAMES, word) {
        Some(i) => i as u8 + 1,
        None => MONTH_ABBREVIATIONS_BEYOND_THREE_LETTERS
            .iter()
            .find(|(abbr, _)| abbr.eq_ignore_ascii_case(word))
            .map(|&(_, n)| n)?,
    };
    Some(n)
}

/// Whether `year` has a February 29.
pub fn is_leap_year(year: u32) -> bool {
    // Every fourth year but the centuries, and every fourth century (`is_multiple_of` is newer than rust-version).
    matches!((year % 4, year % 100, year % 400), (0, 1.., _) | (_, _, 0))
}

/// Days in `month` (1–12) of `year`; `None` for a month out of range.
pub fn days_in_month(year: u32, month: u32) -> Option<u32> {
    match month {
        2 if is_leap_year(year) => Some(29),
        2 => Some(28),
        4 | 6 | 9 | 11 => Some(30),
        1..=12 => Some(31),
        _ => None,
    }
}

/// The most days `month` has in any year (29 for February): the check for a date written without its year.
pub fn most_days_in_month(month: u32) -> Option<u32> {
    // 2000 is a leap year.
    days_in_month(2000, month)
}

/// A day of the week.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Weekday {
    Monday,
    Tuesday,
    Wednesday,
    Thursday,
    Friday,
    Saturday,
    Sunday,
}

impl Weekday {
    /// Monday first.
    pub const ALL: [Weekday; 7] = [
        Weekday::Monday,
        Weekday::Tuesday,
        Weekday::Wednesday,
        Weekday::Thursday,
        Weekday::Friday,
        Weekday::Saturday,
        Weekday::Sunday,
    ];

    /// The English name, lower-case ("monday").
    pub fn name(self) -> &'static str {
        WEEKDAY_NAMES[self.index()]
    }

    /// The weekday an English name or abbreviation names ("Tuesday", "tue", "Tues"), ignoring ASCII case.
    ///
    /// ```
    /// use dyad_model::date::Weekday;
    /// assert_eq!(Weekday::from_name("THURS"), Some(Weekday::Thursday));
    /// assert_eq!(Weekday::from_name("sun"), Some(Weekday::Sunday));
    /// assert_eq!(Weekday::from_name("sunny"), None);
    /// ```
    pub fn from_name(word: &str) -> Option<Weekday> {
        match name_index(&WEEKDAY_NAMES, word) {
            Some(i) => Some(Weekday::ALL[i]),
            None => WEEKDAY_ABBREVIATIONS_BEYOND_THREE_LETTERS
                .iter()
                .find(|(abbr, _)| abbr.eq_ignore_ascii_case(word))
                .map(|&(_, d)| d),
        }
    }

    /// ISO 8601 number: Monday 1 … Sunday 7.
    pub fn number_from_monday(self) -> u32 {
        self.index() as u32 + 1
    }

    /// Days from `self` forward to `later` (0–6): from Friday to Monday is 3.
    pub fn days_until(self, later: Weekday) -> u32 {
        (later.number_from_monday() + 7 - self.number_from_monday()) % 7
    }

    fn index(self) -> usize {
        self as usize
    }
}

impl fmt::Display for Weekday {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// A day of the proleptic Gregorian calendar, years 0–9999; ordered by time.
///
/// ```
/// use dyad_model::date::{Date, Weekday};
/// let d = Date::parse_iso("1987-02-26").unwrap();
/// assert_eq!(d.weekday(), Weekday::Thursday);
/// assert_eq!(d.add_days(3).map(Date::to_iso).as_deref(), Some("1987-03-01"));
/// assert!(d < Date::from_ymd(1987, 3, 1).unwrap());
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Date {
    // Field order is the order of dates.
    year: u16,
    month: u8,
    day: u8,
}

/// Days from 0000-03-01 to 1970-01-01: [`Date::to_days`] counts from 1970.
const UNIX_EPOCH_DAYS_FROM_MARCH_0000: i64 = 719_468;
/// Days in a 400-year cycle of the Gregorian calendar.
const DAYS_PER_400_YEARS: i64 = 146_097;
/// 1970-01-01 was a Thursday.
const UNIX_EPOCH_WEEKDAY: Weekday = Weekday::Thursday;

impl Date {
    /// The date, or `None` when the year is outside [`YEARS`] or the day is not in the month (no 2019-02-29).
    pub fn from_ymd(year: u32, month: u32, day: u32) -> Option<Date> {
        if !YEARS.contains(&year) || day == 0 || day > days_in_month(year, month)? {
            return None;
        }
        Some(Date {
            year: year as u16,
            month: month as u8,
            day: day as u8,
        })
    }

    /// 0–9999.
    pub fn year(self) -> u16 {
        self.year
    }

    /// 1–12.
    pub fn month(self) -> u8 {
        self.month
    }

    /// 1–31.
    pub fn day(self) -> u8 {
        self.day
    }

    /// An ISO 8601 calendar date: the trimmed `s` starting with `YYYY-MM-DD` (what follows, such as a time, is
    /// ignored) or being exactly the basic form `YYYYMMDD` (the form validation suites use).
    ///
    /// ```
    /// use dyad_model::date::Date;
    /// assert_eq!(Date::parse_iso(" 2018-05-03T10:00Z"), Date::from_ymd(2018, 5, 3));
    /// assert_eq!(Date::parse_iso("19950601"), Date::from_ymd(1995, 6, 1));
    /// assert_eq!(Date::parse_iso("2018-02-30"), None);
    /// ```
    pub fn parse_iso(s: &str) -> Option<Date> {
        let s = s.trim();
        Date::parse_iso_prefix(s).or_else(|| Date::parse_compact(s))
    }

    /// `YYYY-MM-DD` at the very start of `s`; anything may follow.
    pub fn parse_iso_prefix(s: &str) -> Option<Date> {
        Date::parse_numeric_prefix(s)
            .filter(|&(_, len)| len == ISO_DATE_LEN && s.as_bytes().get(4) == Some(&b'-'))
            .map(|(date, _)| date)
    }

    /// Exactly eight digits `YYYYMMDD`.
    pub fn parse_compact(s: &str) -> Option<Date> {
        if s.len() != COMPACT_DATE_LEN {
            return None;
        }
        Date::parse_numeric_prefix(s).map(|(date, _)| date)
    }

    /// Exactly six digits `YYMMDD`: years `00..=last_20xx` are 20YY, the later ones 19YY (TABARI's convention;
    /// its dictionaries read 00–30 as 2000–2030).
    ///
    /// ```
    /// use dyad_model::date::Date;
    /// assert_eq!(Date::parse_yymmdd("950601", 30), Date::from_ymd(1995, 6, 1));
    /// assert_eq!(Date::parse_yymmdd("300101", 30), Date::from_ymd(2030, 1, 1));
    /// ```
    pub fn parse_yymmdd(s: &str, last_20xx: u32) -> Option<Date> {
        let b = s.as_bytes();
        if b.len() != 6 {
            return None;
        }
        let yy = digits(b, 0..2)?;
        let century = if yy <= last_20xx { 2000 } else { 1900 };
        Date::from_ymd(century + yy, digits(b, 2..4)?, digits(b, 4..6)?)
    }

    /// A numeric date at the start of `s` as pages write them: `YYYY-MM-DD`, `YYYY/MM/DD`, `YYYY.MM.DD` (one
    /// separator twice) or `YYYYMMDD`; the date and the bytes it took (10 or 8).
    ///
    /// ```
    /// use dyad_model::date::Date;
    /// assert_eq!(Date::parse_numeric_prefix("2019/11/18 10:00"), Some((Date::from_ymd(2019, 11, 18).unwrap(), 10)));
    /// assert_eq!(Date::parse_numeric_prefix("20191118"), Some((Date::from_ymd(2019, 11, 18).unwrap(), 8)));
    /// assert_eq!(Date::parse_numeric_prefix("2019-11/18"), None);
    /// ```
    pub fn parse_numeric_prefix(s: &str) -> Option<(Date, usize)> {
        let b = s.as_bytes();
        let year = digits(b, 0..4)?;
        let (month, day, len) = match b.get(4) {
            Some(b'-' | b'/' | b'.') if b.get(7) == b.get(4) => {
                (digits(b, 5..7)?, digits(b, 8..10)?, ISO_DATE_LEN)
            }
            Some(c) if c.is_ascii_digit() => (digits(b, 4..6)?, digits(b, 6..8)?, COMPACT_DATE_LEN),
            _ => return None,
        };
        Some((Date::from_ymd(year, month, day)?, len))
    }

    /// `YYYY-MM-DD`.
    pub fn to_iso(self) -> String {
        self.to_string()
    }

    /// The date as the number `YYYYMMDD` (how dictionaries write it).
    pub fn yyyymmdd(self) -> u32 {
        u32::from(self.year) * 10_000 + u32::from(self.month) * 100 + u32::from(self.day)
    }

    /// Days since 1970-01-01 (negative before it).
    pub fn to_days(self) -> i64 {
        // Howard Hinnant's days_from_civil: years counted from March, so the leap day ends the year.
        let (month, day) = (i64::from(self.month), i64::from(self.day));
        let year = i64::from(self.year) - i64::from(month <= 2);
        let era = year.div_euclid(400);
        let year_of_era = year - era * 400;
        let month_from_march = (month + 9) % 12;
        let day_of_year = (153 * month_from_march + 2) / 5 + day - 1;
        let day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
        era * DAYS_PER_400_YEARS + day_of_era - UNIX_EPOCH_DAYS_FROM_MARCH_0000
    }

    /// The date `days` after 1970-01-01, or `None` outside [`YEARS`].
    pub fn from_days(days: i64) -> Option<Date> {
        // Howard Hinnant's civil_from_days.
        let z = days.checked_add(UNIX_EPOCH_DAYS_FROM_MARCH_0000)?;
        let era = z.div_euclid(DAYS_PER_400_YEARS);
        let day_of_era = z - era * DAYS_PER_400_YEARS;
        let year_of_era =
            (day_of_era - day_of_era / 1460 + day_of_era / 36_524 - day_of_era / 146_096) / 365;
        let day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
        let month_from_march = (5 * day_of_year + 2) / 153;
        let day = day_of_year - (153 * month_from_march + 2) / 5 + 1;
        let month = if month_from_march < 10 {
            month_from_march + 3
        } else {
            month_from_march - 9
        };
        let year = year_of_era + era * 400 + i64::from(month <= 2);
        Date::from_ymd(
            u32::try_from(year).ok()?,
            u32::try_from(month).ok()?,
            u32::try_from(day).ok()?,
        )
    }

    /// The date `days` later (earlier when negative), or `None` outside [`YEARS`].
    pub fn add_days(self, days: i64) -> Option<Date> {
        Date::from_days(self.to_days().checked_add(days)?)
    }

    /// The day of the week.
    pub fn weekday(self) -> Weekday {
        let from_epoch_weekday = self.to_days().rem_euclid(7) as usize;
        Weekday::ALL[(UNIX_EPOCH_WEEKDAY.index() + from_epoch_weekday) % 7]
    }
}

impl fmt::Display for Date {
    /// `YYYY-MM-DD`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

/// Length of `YYYY-MM-DD` and of `YYYYMMDD`.
const ISO_DATE_LEN: usize = 10;
const COMPACT_DATE_LEN: usize = 8;

/// The number the ASCII digits `b[range]` write; `None` when any is not a digit or the range is out of bounds.
fn digits(b: &[u8], range: std::ops::Range<usize>) -> Option<u32> {
    let part = b.get(range)?;
    if part.is_empty() || !part.iter().all(u8::is_ascii_digit) {
        return None;
    }
    Some(part.iter().fold(0, |n, &d| n * 10 + u32::from(d - b'0')))
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn ymd(y: u32, m: u32, d: u32) -> Date {
        Date::from_ymd(y, m, d).unwrap()
    }

    #[test]
    fn validity_follows_the_calendar() {
        assert!(Date::from_ymd(2020, 2, 29).is_some());
        assert!(Date::from_ymd(2019, 2, 29).is_none());
        assert!(Date::from_ymd(1900, 2, 29).is_none());
        assert!(Date::from_ymd(2000, 2, 29).is_some());
        assert!(Date::from_ymd(2019, 4, 31).is_none());
        assert!(Date::from_ymd(2019, 13, 1).is_none());
        assert!(Date::from_ymd(2019, 1, 0).is_none());
        assert!(Date::from_ymd(10_000, 1, 1).is_none());
        assert_eq!(most_days_in_month(2), Some(29));
        assert_eq!(most_days_in_month(0), None);
    }

    #[test]
    fn numeric_forms() {
        assert_eq!(Date::parse_iso("2018-05-03"), Some(ymd(2018, 5, 3)));
        assert_eq!(Date::parse_iso("2018-05-03 10:00"), Some(ymd(2018, 5, 3)));
        assert_eq!(Date::parse_iso("20180503"), Some(ymd(2018, 5, 3)));
        assert_eq!(Date::parse_iso("201805031"), None);
        assert_eq!(Date::parse_iso("2018/05/03"), None);
        assert_eq!(Date::parse_iso("2018-+5-03"), None);
        assert_eq!(Date::parse_iso("2018-5-3"), None);
        assert_eq!(Date::parse_iso("é"), None);
        assert_eq!(
            Date::parse_iso_prefix("2018-05-03xyz"),
            Some(ymd(2018, 5, 3))
        );
        assert_eq!(Date::parse_iso_prefix("20180503"), None);
        assert_eq!(Date::parse_compact("20180503"), Some(ymd(2018, 5, 3)));
        assert_eq!(Date::parse_compact("2018-05-03"), None);
        assert_eq!(Date::parse_yymmdd("010114", 30), Some(ymd(2001, 1, 14)));
        assert_eq!(Date::parse_yymmdd("310114", 30), Some(ymd(1931, 1, 14)));
        assert_eq!(Date::parse_yymmdd("31011", 30), None);
        assert_eq!(
            Date::parse_numeric_prefix("2019.11.18"),
            Some((ymd(2019, 11, 18), 10))
        );
        assert_eq!(Date::parse_numeric_prefix("2019-11"), None);
        assert_eq!(ymd(1995, 6, 1).yyyymmdd(), 19_950_601);
        assert_eq!(ymd(7, 6, 1).to_iso(), "0007-06-01");
    }

    #[test]
    fn names() {
        assert_eq!(month_from_name("january"), Some(1));
        assert_eq!(month_from_name("Jun"), Some(6));
        assert_eq!(month_from_name("May"), Some(5));
        assert_eq!(month_from_name("SEP"), Some(9));
        assert_eq!(month_from_name("sept"), Some(9));
        assert_eq!(month_from_name("septe"), None);
        assert_eq!(month_from_name(""), None);
        assert_eq!(Weekday::from_name("Wed"), Some(Weekday::Wednesday));
        assert_eq!(Weekday::from_name("tues"), Some(Weekday::Tuesday));
        assert_eq!(Weekday::Friday.days_until(Weekday::Monday), 3);
        assert_eq!(Weekday::Monday.days_until(Weekday::Monday), 0);
        assert_eq!(Weekday::Sunday.number_from_monday(), 7);
        assert_eq!(Weekday::Saturday.to_string(), "saturday");
    }

    #[test]
    fn day_arithmetic() {
        assert_eq!(ymd(1970, 1, 1).to_days(), 0);
        assert_eq!(ymd(1969, 12, 31).to_days(), -1);
        assert_eq!(ymd(2000, 3, 1).to_days(), 11_017);
        assert_eq!(ymd(1970, 1, 1).weekday(), Weekday::Thursday);
        assert_eq!(ymd(2001, 9, 11).weekday(), Weekday::Tuesday);
        assert_eq!(ymd(1900, 1, 1).weekday(), Weekday::Monday);
        assert_eq!(ymd(2020, 2, 28).add_days(1), Some(ymd(2020, 2, 29)));
        assert_eq!(ymd(2019, 12, 31).add_days(1), Some(ymd(2020, 1, 1)));
        assert_eq!(ymd(2020, 3, 1).add_days(-1), Some(ymd(2020, 2, 29)));
        assert_eq!(ymd(9999, 12, 31).add_days(1), None);
        assert_eq!(ymd(0, 1, 1).add_days(-1), None);
        assert_eq!(ymd(0, 1, 1).add_days(i64::MIN), None);
        assert_eq!(Date::from_days(i64::MAX), None);
    }

    fn any_date() -> impl Strategy<Value = Date> {
        (0u32..=9999, 1u32..=12, 1u32..=31)
            .prop_map(|(y, m, d)| ymd(y, m, d.min(days_in_month(y, m).unwrap())))
    }

    proptest! {
        #[test]
        fn days_round_trip(d in any_date()) {
            prop_assert_eq!(Date::from_days(d.to_days()), Some(d));
        }

        #[test]
        fn iso_round_trip(d in any_date()) {
            prop_assert_eq!(Date::parse_iso(&d.to_iso()), Some(d));
            prop_assert_eq!(Date::parse_iso(&format!("{:08}", d.yyyymmdd())), Some(d));
        }

        #[test]
        fn days_keep_order_and_weekdays_step(a in any_date(), b in any_date()) {
            prop_assert_eq!(a.cmp(&b), a.to_days().cmp(&b.to_days()));
            if let Some(next) = a.add_days(1) {
                prop_assert_eq!(next.to_days(), a.to_days() + 1);
                prop_assert_eq!(a.weekday().days_until(next.weekday()), 1);
            }
        }

        #[test]
        fn parsers_never_panic(s in "\\PC{0,12}") {
            let _ = Date::parse_iso(&s);
            let _ = Date::parse_numeric_prefix(&s);
            let _ = Date::parse_yymmdd(&s, 30);
            let _ = month_from_name(&s);
            let _ = Weekday::from_name(&s);
        }
    }
}
