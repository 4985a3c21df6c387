//! Properties of the date stage: weekdays stay on or before publication unless the tense says otherwise, "N days
//! ago" is exactly N days back, relative dates stay near publication, spans are slices of the text covering the
//! words matched, and no input panics.

use dyad_dates::{
    check_mentions, event_date, fuzz_sentence, resolve_sentence, DateKind,
    DatePrecision as Precision,
};
use dyad_model::date::{Date, WEEKDAY_NAMES};
use dyad_model::Span;
use proptest::prelude::*;

/// Publication dates from 1900 to 2100.
fn publication() -> impl Strategy<Value = Date> {
    (-25_567i64..=47_482).prop_map(|d| Date::from_days(d).unwrap())
}

fn capitalised(word: &str) -> String {
    let mut c = word.chars();
    c.next()
        .map(|f| f.to_ascii_uppercase().to_string() + c.as_str())
        .unwrap_or_default()
}

fn weekday_name() -> impl Strategy<Value = String> {
    (0usize..7, any::<bool>()).prop_map(|(i, caps)| {
        if caps {
            WEEKDAY_NAMES[i].to_ascii_uppercase()
        } else {
            capitalised(WEEKDAY_NAMES[i])
        }
    })
}

/// Words of past-tense reporting with no future marker and no date word.
const PAST_FILLER: &[&str] = &[
    "the",
    "army",
    "said",
    "rebels",
    "attacked",
    "a",
    "convoy",
    "near",
    "Daraa",
    ",",
    "officials",
    "reported",
    "that",
    "troops",
    "had",
    "withdrawn",
    "from",
    "border",
    "Jordan",
    "and",
    "Israel",
    "insisted",
    "militias",
    "left",
    "15",
    "people",
    "were",
    "killed",
    ";",
    "\"",
    "Iran",
    "denied",
    "it",
    "of",
    "to",
    "agreed",
    "talks",
];

/// Any words, dates among them, to reach every rule.
const ANY_WORDS: &[&str] = &[
    "the",
    "on",
    "in",
    "last",
    "next",
    "this",
    "early",
    "late",
    "mid",
    "-",
    "mid-",
    "of",
    "week",
    "weeks",
    "month",
    "months",
    "year",
    "years",
    "ago",
    "days",
    "day",
    "a",
    "two",
    "three",
    "March",
    "May",
    "may",
    "June",
    "Jan",
    ".",
    ",",
    "Sept",
    "Monday",
    "Tuesday",
    "Sunday",
    "Times",
    "Black",
    "Friday",
    "night",
    "morning",
    "this",
    "today",
    "Today",
    "yesterday",
    "tomorrow",
    "before",
    "after",
    "will",
    "is",
    "to",
    "said",
    "3",
    "31",
    "3rd",
    "2019",
    "1987",
    "1990s",
    "2019-03-03",
    "2019/02/30",
    "10:00",
    "5.5",
    "1,000",
    "%",
    "$",
    "pct",
    "weekend",
    "first",
    "earlier",
    "later",
    "é",
    "’",
    "\u{a0}",
    "Syria",
    "attacked",
    ";",
    "that",
    "\"",
    "(",
    "0",
    "999999999999",
];

fn words(vocabulary: &'static [&'static str], max: usize) -> impl Strategy<Value = String> {
    proptest::collection::vec(proptest::sample::select(vocabulary), 0..max)
        .prop_map(|w| w.join(" "))
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    /// In past-tense reporting a weekday is the most recent such day on or before publication.
    #[test]
    fn past_weekdays_never_lie_ahead(
        p in publication(),
        before in words(PAST_FILLER, 8),
        prep in proptest::sample::select(vec!["on ", "", "late on ", "last ", "early "]),
        day in weekday_name(),
        night in proptest::sample::select(vec!["", " night", " morning"]),
        after in words(PAST_FILLER, 8),
    ) {
        let text = format!("{before} {prep}{day}{night} {after}.");
        let found = resolve_sentence(&text, Some(p));
        let m = found.iter().find(|m| m.span.slice(&text).contains(day.as_str()));
        let m = m.unwrap_or_else(|| panic!("no weekday in {text:?}"));
        prop_assert!(m.date <= p, "{text:?}: {} after {}", m.date, p);
        prop_assert!(m.date.to_days() >= p.to_days() - 7, "{text:?}: {} too early for {}", m.date, p);
        prop_assert_eq!(m.date.weekday().name(), day.to_ascii_lowercase());
        prop_assert_eq!(m.precision, Precision::Day);
        prop_assert_eq!(m.kind, DateKind::Relative);
        // The span covers the words matched: the weekday, its preposition and time of day.
        let expected = format!("{}{day}{night}", prep.trim_start());
        prop_assert_eq!(m.span.slice(&text), expected.as_str());
    }

    /// With the future in the clause, a weekday is the next such day on or after publication.
    #[test]
    fn future_weekdays_lie_ahead(
        p in publication(),
        subject in proptest::sample::select(vec!["The minister", "Talks", "The council", "He"]),
        marker in proptest::sample::select(vec!["will meet", "is to vote", "are due to resume", "is scheduled to arrive", "will"]),
        day in weekday_name(),
    ) {
        let text = format!("{subject} {marker} on {day}.");
        let found = resolve_sentence(&text, Some(p));
        prop_assert_eq!(found.len(), 1, "{:?}", text);
        let d = found[0].date;
        prop_assert!(d >= p && d.to_days() < p.to_days() + 7, "{text:?}: {d} for {p}");
        prop_assert_eq!(found[0].span.slice(&text), format!("on {day}"));
    }

    /// "next Tuesday" is after publication, "last Tuesday" before it, each within a week.
    #[test]
    fn next_and_last_weekdays(p in publication(), day in weekday_name()) {
        let text = format!("They met last {day} and meet again next {day}.");
        let found = resolve_sentence(&text, Some(p));
        prop_assert_eq!(found.len(), 2);
        let (last, next) = (found[0].date.to_days(), found[1].date.to_days());
        prop_assert!((p.to_days() - 7..p.to_days()).contains(&last));
        prop_assert!((p.to_days() + 1..=p.to_days() + 7).contains(&next));
    }

    /// A year-less "March 3" lies within 200 days before publication or, beyond that, in the year ahead; with the
    /// future in the clause, on or after publication within a year.
    #[test]
    fn year_less_dates_stay_near(
        p in publication(),
        month in 1usize..=12,
        day in 1u32..=28,
        future in any::<bool>(),
    ) {
        let name = capitalised(dyad_model::date::MONTH_NAMES[month - 1]);
        let text = if future {
            format!("The council will vote on {name} {day}.")
        } else {
            format!("The council voted on {name} {day}.")
        };
        let found = resolve_sentence(&text, Some(p));
        prop_assert_eq!(found.len(), 1);
        let (d, p_days) = (found[0].date.to_days(), p.to_days());
        prop_assert_eq!(found[0].span.slice(&text), format!("on {name} {day}"));
        prop_assert_eq!((found[0].date.month() as usize, u32::from(found[0].date.day())), (month, day));
        if future {
            prop_assert!((p_days..=p_days + 366).contains(&d), "{text:?}: {} for {p}", found[0].date);
        } else {
            prop_assert!((p_days - 200..=p_days + 366).contains(&d), "{text:?}: {} for {p}", found[0].date);
        }
    }

    /// "N days ago" is exactly N days before publication, in digits or words.
    #[test]
    fn days_ago_is_exact(
        p in publication(),
        n in 1u32..=366,
        spelled in any::<bool>(),
        before in words(PAST_FILLER, 6),
        after in words(PAST_FILLER, 6),
    ) {
        const WORDS: [&str; 10] = ["one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten"];
        let count = if spelled && n <= 10 { WORDS[n as usize - 1].to_string() } else { n.to_string() };
        let unit = if n == 1 { "day" } else { "days" };
        let phrase = format!("{count} {unit} ago");
        let text = format!("{before} {phrase} {after}");
        let found = resolve_sentence(&text, Some(p));
        let m = found.iter().find(|m| m.span.slice(&text) == phrase);
        let m = m.unwrap_or_else(|| panic!("{phrase:?} not found in {text:?}: {found:?}"));
        prop_assert_eq!(Some(m.date), p.add_days(-i64::from(n)));
        prop_assert_eq!(m.precision, Precision::Day);
    }

    /// On any mix of date words: spans are ordered slices of the text on word boundaries, relative dates stay
    /// within a year of publication ("N years ago" within N), and a weekday lies ahead only when the sentence
    /// carries a future word.
    #[test]
    fn mixed_words_keep_the_promises(p in publication(), text in words(ANY_WORDS, 24)) {
        let found = resolve_sentence(&text, Some(p));
        prop_assert!(check_mentions(&text, &found).is_ok(), "{:?}: {:?}", text, check_mentions(&text, &found));
        for m in &found {
            let words = m.span.slice(&text);
            if m.kind == DateKind::Relative {
                // "years ago" and the ungrammatical "two year ago" both count back whole years.
                let allowed = if words.contains("years ago") || words.contains("year ago") { 10 } else { 1 };
                let gap = (i64::from(m.date.year()) - i64::from(p.year())).abs();
                prop_assert!(gap <= allowed, "{text:?}: {words:?} is {} for {}", m.date, p);
            }
            let weekday_only = WEEKDAY_NAMES.iter().any(|w| words.to_ascii_lowercase().contains(w))
                && !words.chars().any(|c| c.is_ascii_digit());
            let future_word = ["will", "is to", "next", "this", "tomorrow"].iter().any(|w| text.contains(w));
            if weekday_only && !future_word {
                prop_assert!(m.date <= p, "{text:?}: {words:?} is {} after {}", m.date, p);
            }
        }
        let verb = Span::new(text.len() / 2, text.len() / 2);
        let _ = event_date(&text, &found, verb, Some(p));
    }

    /// Arbitrary text never panics and keeps the span promises, with and without a publication date.
    #[test]
    fn arbitrary_text(text in "\\PC{0,120}", p in proptest::option::of(publication())) {
        let found = resolve_sentence(&text, p);
        prop_assert!(check_mentions(&text, &found).is_ok());
    }

    /// Arbitrary bytes through the fuzz body.
    #[test]
    fn arbitrary_bytes(data in proptest::collection::vec(any::<u8>(), 0..200)) {
        prop_assert!(fuzz_sentence(&data).is_ok());
    }
}

#[test]
fn hostile_shapes_stay_linear_and_whole() {
    // Long runs of anchors, digits and non-ASCII text: each finishes and keeps the promises.
    let p = Date::from_ymd(2018, 5, 31);
    let shapes = [
        "last week ".repeat(20_000),
        "on Tuesday, March 3 ".repeat(10_000),
        "2019 ".repeat(40_000),
        "é".repeat(100_000),
        format!("in{}2019", " ".repeat(200_000)),
        "March ".repeat(50_000) + "3",
        "3 ".repeat(50_000) + "March",
        "two days ago ".repeat(20_000),
        "\u{a0}May\u{a0}".repeat(30_000),
    ];
    for text in &shapes {
        let started = std::time::Instant::now();
        let found = resolve_sentence(text, p);
        assert!(check_mentions(text, &found).is_ok());
        // Not a timing assertion: a generous bound that only a quadratic walk would break.
        assert!(
            started.elapsed().as_secs() < 20,
            "{} bytes took {:?}",
            text.len(),
            started.elapsed()
        );
    }
}
