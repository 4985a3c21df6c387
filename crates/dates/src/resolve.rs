//! Calendar arithmetic against the publication date: what "last Tuesday", "March 3" or "three weeks ago" names once
//! the day of writing is known. Every function is total (dates outside years 0–9999 give `None`).

use dyad_model::date::{Date, Weekday};

use crate::lexicon::Modifier;
use dyad_model::DatePrecision as Precision;

/// Which way a year-less or bare expression points from the publication date.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Tense {
    /// Reporting: the most recent such day or month on or before publication.
    Past,
    /// Announcing: the next one on or after publication.
    Future,
}

/// The year of a month or month-day expression.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum YearSpec {
    /// Written out: "March 3, 2019".
    Given(u32),
    /// "March last year" (-1), "March this year" (0), "March next year" (1).
    Relative(i64),
    /// None written: the nearest one in the direction of the tense.
    Infer,
}

/// A recognised expression before resolution.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Expr {
    /// A full date: "March 3, 2019", "2019-03-03".
    Full(Date),
    /// "March 3" with the year given, relative or inferred.
    MonthDay { month: u8, day: u8, year: YearSpec },
    /// "in March", "March 2019", "mid-March".
    Month { month: u8, year: YearSpec },
    /// "last March", "next March", "this March".
    MonthModified { month: u8, modifier: Modifier },
    /// "the first week of May (2019)": week 1–4, 0 the last.
    WeekOfMonth { week: u8, month: u8, year: YearSpec },
    /// "in 2019".
    Year(u32),
    /// "Tuesday", "last Tuesday", "next Tuesday", "this Tuesday".
    Weekday {
        day: Weekday,
        modifier: Option<Modifier>,
    },
    /// Days from publication: "today" 0, "yesterday" -1, "last night" -1, "two days ago" -2.
    Days(i64),
    /// Weeks from publication's week (weeks start on Monday): "last week" -1, "three weeks ago" -3.
    Weeks(i64),
    /// "last weekend", "this weekend", "over the weekend" (no modifier).
    Weekend(Option<Modifier>),
    /// Months from publication's month: "last month" -1, "two months ago" -2.
    Months(i64),
    /// Years from publication's year: "last year" -1.
    Years(i64),
}

impl Expr {
    /// Whether the expression is read against the publication date.
    pub(crate) fn is_relative(self) -> bool {
        !matches!(
            self,
            Expr::Full(_)
                | Expr::MonthDay { .. }
                | Expr::Month { .. }
                | Expr::WeekOfMonth { .. }
                | Expr::Year(_)
        )
    }

    /// Whether the tense of the sentence changes the resolution.
    pub(crate) fn needs_tense(self) -> bool {
        matches!(
            self,
            Expr::MonthDay {
                year: YearSpec::Infer,
                ..
            } | Expr::Month {
                year: YearSpec::Infer,
                ..
            } | Expr::WeekOfMonth {
                year: YearSpec::Infer,
                ..
            } | Expr::Weekday { modifier: None, .. }
                | Expr::Weekend(None | Some(Modifier::This))
        )
    }

    /// Whether the date can be read without a publication date.
    pub(crate) fn is_absolute(self) -> bool {
        matches!(
            self,
            Expr::Full(_)
                | Expr::Year(_)
                | Expr::MonthDay {
                    year: YearSpec::Given(_),
                    ..
                }
                | Expr::Month {
                    year: YearSpec::Given(_),
                    ..
                }
                | Expr::WeekOfMonth {
                    year: YearSpec::Given(_),
                    ..
                }
        )
    }
}

/// How far back a year-less date ("March 20", "in July") is read in past tense. News style gives the year of a
/// date outside the current year or so ("last July", "March 20, 1986"), so a year-less date that would lie further
/// back is the one ahead: "payable March 20" in a story of February 26, 1987 is 1987-03-20, not 1986-03-20.
pub(crate) const YEAR_LESS_PAST_REACH_DAYS: i64 = 200;

/// The month form of [`YEAR_LESS_PAST_REACH_DAYS`]: "in September" from March is last September, "in October" the
/// coming one.
pub(crate) const YEAR_LESS_PAST_REACH_MONTHS: u32 = 6;

/// How many years back or forward a year-less "February 29" may look for a leap year.
const LEAP_SEARCH_YEARS: u32 = 8;

/// The date and precision `expr` names, published on `publication` (needed unless the expression is absolute).
pub(crate) fn resolve(
    expr: Expr,
    publication: Option<Date>,
    tense: Tense,
) -> Option<(Date, Precision)> {
    let day = |d: Option<Date>| d.map(|d| (d, Precision::Day));
    match expr {
        Expr::Full(d) => Some((d, Precision::Day)),
        Expr::Year(y) => Some((Date::from_ymd(y, 1, 1)?, Precision::Year)),
        Expr::MonthDay {
            month,
            day: d,
            year,
        } => {
            let (m, d) = (u32::from(month), u32::from(d));
            let date = match year_of(year, publication)? {
                Some(y) => Date::from_ymd(y, m, d)?,
                None => infer_month_day(m, d, publication?, tense)?,
            };
            Some((date, Precision::Day))
        }
        Expr::Month { month, year } => {
            let m = u32::from(month);
            let y = match year_of(year, publication)? {
                Some(y) => y,
                None => {
                    let p = publication?;
                    let (py, pm) = (u32::from(p.year()), u32::from(p.month()));
                    // Months back to the past candidate; beyond the reach, the month ahead is meant.
                    let back = (pm + 12 - m) % 12;
                    match tense {
                        Tense::Past if back > YEAR_LESS_PAST_REACH_MONTHS => {
                            if m < pm {
                                py + 1
                            } else {
                                py
                            }
                        }
                        Tense::Past if m > pm => py.checked_sub(1)?,
                        Tense::Future if m < pm => py + 1,
                        _ => py,
                    }
                }
            };
            Some((Date::from_ymd(y, m, 1)?, Precision::Month))
        }
        Expr::MonthModified { month, modifier } => {
            let p = publication?;
            let (py, pm, m) = (u32::from(p.year()), p.month(), month);
            let y = match modifier {
                Modifier::Last if m >= pm => py.checked_sub(1)?,
                Modifier::Next if m <= pm => py + 1,
                _ => py,
            };
            Some((Date::from_ymd(y, u32::from(m), 1)?, Precision::Month))
        }
        Expr::WeekOfMonth { week, month, year } => {
            let m = u32::from(month);
            let y = match year_of(year, publication)? {
                Some(y) => y,
                None => {
                    let (d, _) = resolve(
                        Expr::Month {
                            month,
                            year: YearSpec::Infer,
                        },
                        publication,
                        tense,
                    )?;
                    u32::from(d.year())
                }
            };
            let first = match week {
                0 => dyad_model::date::days_in_month(y, m)?.checked_sub(6)?,
                n => (u32::from(n) - 1) * 7 + 1,
            };
            Some((Date::from_ymd(y, m, first)?, Precision::Week))
        }
        Expr::Weekday { day: w, modifier } => {
            let p = publication?;
            let back = i64::from(w.days_until(p.weekday()));
            let forward = i64::from(p.weekday().days_until(w));
            let offset = match (modifier, tense) {
                (Some(Modifier::Last), _) => -(if back == 0 { 7 } else { back }),
                // "this Friday": the Friday of publication's week (Monday to Sunday), ahead or behind.
                (Some(Modifier::This), _) => {
                    i64::from(w.number_from_monday()) - i64::from(p.weekday().number_from_monday())
                }
                (Some(Modifier::Next), _) => {
                    if forward == 0 {
                        7
                    } else {
                        forward
                    }
                }
                (_, Tense::Past) => -back,
                (_, Tense::Future) => forward,
            };
            day(p.add_days(offset))
        }
        Expr::Days(n) => day(publication?.add_days(n)),
        Expr::Weeks(n) => {
            let p = publication?;
            let monday = p.add_days(-i64::from(p.weekday().number_from_monday() - 1))?;
            Some((monday.add_days(n.checked_mul(7)?)?, Precision::Week))
        }
        Expr::Weekend(modifier) => {
            let p = publication?;
            // The Saturday of the weekend holding or last before publication.
            let since_saturday = i64::from(Weekday::Saturday.days_until(p.weekday()));
            let in_weekend = since_saturday <= 1;
            let saturday = p.add_days(-since_saturday)?;
            let weeks = match (modifier, tense) {
                (Some(Modifier::Last), _) if in_weekend => -1,
                (Some(Modifier::Last), _) => 0,
                (Some(Modifier::Next), _) => 1,
                (_, Tense::Future) if !in_weekend => 1,
                _ => 0,
            };
            Some((saturday.add_days(weeks * 7)?, Precision::Week))
        }
        Expr::Months(n) => {
            let p = publication?;
            let index = i64::from(p.year()) * 12 + i64::from(p.month()) - 1 + n;
            let (y, m) = (index.div_euclid(12), index.rem_euclid(12) + 1);
            let date = Date::from_ymd(u32::try_from(y).ok()?, m as u32, 1)?;
            Some((date, Precision::Month))
        }
        Expr::Years(n) => {
            let y = i64::from(publication?.year()) + n;
            Some((
                Date::from_ymd(u32::try_from(y).ok()?, 1, 1)?,
                Precision::Year,
            ))
        }
    }
}

/// The year a [`YearSpec`] gives: `Some(Some(y))` written or relative, `Some(None)` to infer, `None` when a
/// relative year has no publication date or leaves the calendar.
fn year_of(year: YearSpec, publication: Option<Date>) -> Option<Option<u32>> {
    match year {
        YearSpec::Given(y) => Some(Some(y)),
        YearSpec::Relative(n) => {
            let y = i64::from(publication?.year()) + n;
            Some(Some(u32::try_from(y).ok()?))
        }
        YearSpec::Infer => Some(None),
    }
}

/// A year-less month and day: the latest on or before publication (past) unless that lies more than
/// [`YEAR_LESS_PAST_REACH_DAYS`] back, or the earliest on or after (future).
fn infer_month_day(month: u32, day: u32, publication: Date, tense: Tense) -> Option<Date> {
    if tense == Tense::Past {
        let past = nearest_month_day(month, day, publication, Tense::Past);
        let reach = publication.add_days(-YEAR_LESS_PAST_REACH_DAYS);
        if past.is_some() && past >= reach {
            return past;
        }
        return nearest_month_day(month, day, publication, Tense::Future).or(past);
    }
    nearest_month_day(month, day, publication, Tense::Future)
}

/// The latest `month`/`day` on or before publication (past), or the earliest on or after (future).
fn nearest_month_day(month: u32, day: u32, publication: Date, tense: Tense) -> Option<Date> {
    let py = u32::from(publication.year());
    (0..=LEAP_SEARCH_YEARS).find_map(|k| {
        let y = match tense {
            Tense::Past => py.checked_sub(k)?,
            Tense::Future => py + k,
        };
        let d = Date::from_ymd(y, month, day)?;
        let fits = match tense {
            Tense::Past => d <= publication,
            Tense::Future => d >= publication,
        };
        fits.then_some(d)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ymd(y: u32, m: u32, d: u32) -> Date {
        Date::from_ymd(y, m, d).unwrap()
    }

    fn at(expr: Expr, p: Date, tense: Tense) -> Option<(String, Precision)> {
        resolve(expr, Some(p), tense).map(|(d, pr)| (d.to_iso(), pr))
    }

    #[test]
    fn weekdays_around_a_thursday() {
        // 2018-05-31 is a Thursday.
        let p = ymd(2018, 5, 31);
        let tue = |modifier| Expr::Weekday {
            day: Weekday::Tuesday,
            modifier,
        };
        let thu = |modifier| Expr::Weekday {
            day: Weekday::Thursday,
            modifier,
        };
        let d = |s: &str| Some((s.to_string(), Precision::Day));
        assert_eq!(at(tue(None), p, Tense::Past), d("2018-05-29"));
        assert_eq!(at(tue(None), p, Tense::Future), d("2018-06-05"));
        assert_eq!(
            at(tue(Some(Modifier::Last)), p, Tense::Future),
            d("2018-05-29")
        );
        assert_eq!(
            at(tue(Some(Modifier::Next)), p, Tense::Past),
            d("2018-06-05")
        );
        assert_eq!(at(thu(None), p, Tense::Past), d("2018-05-31"));
        assert_eq!(at(thu(None), p, Tense::Future), d("2018-05-31"));
        assert_eq!(
            at(thu(Some(Modifier::Last)), p, Tense::Past),
            d("2018-05-24")
        );
        assert_eq!(
            at(thu(Some(Modifier::Next)), p, Tense::Past),
            d("2018-06-07")
        );
    }

    #[test]
    fn periods() {
        let p = ymd(2018, 5, 31);
        let w = |s: &str| Some((s.to_string(), Precision::Week));
        assert_eq!(at(Expr::Weeks(-1), p, Tense::Past), w("2018-05-21"));
        assert_eq!(at(Expr::Weeks(0), p, Tense::Past), w("2018-05-28"));
        assert_eq!(at(Expr::Weekend(None), p, Tense::Past), w("2018-05-26"));
        assert_eq!(at(Expr::Weekend(None), p, Tense::Future), w("2018-06-02"));
        assert_eq!(
            at(Expr::Weekend(Some(Modifier::Last)), p, Tense::Past),
            w("2018-05-26")
        );
        assert_eq!(
            at(Expr::Weekend(Some(Modifier::Next)), p, Tense::Past),
            w("2018-06-02")
        );
        // Sunday 2018-06-03: "this weekend" is the one under way.
        let sunday = ymd(2018, 6, 3);
        assert_eq!(
            at(Expr::Weekend(None), sunday, Tense::Future),
            w("2018-06-02")
        );
        assert_eq!(
            at(Expr::Weekend(Some(Modifier::Last)), sunday, Tense::Past),
            w("2018-05-26")
        );
        let m = |s: &str| Some((s.to_string(), Precision::Month));
        assert_eq!(at(Expr::Months(-1), p, Tense::Past), m("2018-04-01"));
        assert_eq!(at(Expr::Months(-5), p, Tense::Past), m("2017-12-01"));
        assert_eq!(
            at(Expr::Years(-1), p, Tense::Past),
            Some(("2017-01-01".into(), Precision::Year))
        );
    }

    #[test]
    fn year_less_dates() {
        let p = ymd(2018, 5, 31);
        let md = |month, day| Expr::MonthDay {
            month,
            day,
            year: YearSpec::Infer,
        };
        let d = |s: &str| Some((s.to_string(), Precision::Day));
        assert_eq!(at(md(3, 3), p, Tense::Past), d("2018-03-03"));
        // Further back than the reach: the one ahead.
        assert_eq!(at(md(6, 3), p, Tense::Past), d("2018-06-03"));
        assert_eq!(at(md(12, 3), p, Tense::Past), d("2017-12-03"));
        assert_eq!(at(md(6, 3), p, Tense::Future), d("2018-06-03"));
        assert_eq!(at(md(3, 3), p, Tense::Future), d("2019-03-03"));
        assert_eq!(at(md(5, 31), p, Tense::Past), d("2018-05-31"));
        assert_eq!(at(md(2, 29), p, Tense::Past), d("2020-02-29"));
        assert_eq!(at(md(2, 29), ymd(2016, 6, 1), Tense::Past), d("2016-02-29"));
        let month = |month| Expr::Month {
            month,
            year: YearSpec::Infer,
        };
        let m = |s: &str| Some((s.to_string(), Precision::Month));
        assert_eq!(at(month(5), p, Tense::Past), m("2018-05-01"));
        assert_eq!(at(month(7), p, Tense::Past), m("2018-07-01"));
        assert_eq!(at(month(12), p, Tense::Past), m("2017-12-01"));
        assert_eq!(at(month(11), p, Tense::Past), m("2017-11-01"));
        assert_eq!(at(month(3), p, Tense::Future), m("2019-03-01"));
        let last = |month| Expr::MonthModified {
            month,
            modifier: Modifier::Last,
        };
        assert_eq!(at(last(5), p, Tense::Past), m("2017-05-01"));
        assert_eq!(at(last(4), p, Tense::Past), m("2018-04-01"));
        let week = |week| Expr::WeekOfMonth {
            week,
            month: 5,
            year: YearSpec::Given(2019),
        };
        let w = |s: &str| Some((s.to_string(), Precision::Week));
        assert_eq!(at(week(1), p, Tense::Past), w("2019-05-01"));
        assert_eq!(at(week(2), p, Tense::Past), w("2019-05-08"));
        assert_eq!(at(week(0), p, Tense::Past), w("2019-05-25"));
    }

    #[test]
    fn relative_needs_publication_and_calendar() {
        assert_eq!(resolve(Expr::Days(-1), None, Tense::Past), None);
        assert_eq!(
            resolve(Expr::Days(-1), Some(ymd(0, 1, 1)), Tense::Past),
            None
        );
        assert_eq!(
            resolve(Expr::Years(1), Some(ymd(9999, 6, 1)), Tense::Past),
            None
        );
        assert_eq!(
            resolve(Expr::Year(2019), None, Tense::Past),
            Some((ymd(2019, 1, 1), Precision::Year))
        );
    }
}
