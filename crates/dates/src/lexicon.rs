//! Every word list the date recogniser reads, as named tables: the anchor words the automaton looks for, the
//! modifiers around them, the tense markers, and the names that look like dates but are not.
//!
//! Month and weekday names themselves come from `dyad_model::date`; this file only says which of their forms news
//! copy uses as dates and what surrounds them. Words are compared ignoring ASCII case unless a table says otherwise.

use dyad_model::date::{Weekday, MONTH_ABBREVIATIONS_BEYOND_THREE_LETTERS, MONTH_NAMES};

/// Words (besides month and weekday names) that start a date expression or end one ("two days ago").
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum RelativeWord {
    Today,
    Tonight,
    Yesterday,
    Tomorrow,
    Week,
    Weekend,
    Month,
    Year,
    Ago,
    Night,
    Morning,
    Afternoon,
    Evening,
}

/// The relative anchor words and what they are.
pub(crate) const RELATIVE_ANCHORS: &[(&str, RelativeWord)] = &[
    ("today", RelativeWord::Today),
    ("tonight", RelativeWord::Tonight),
    ("yesterday", RelativeWord::Yesterday),
    ("tomorrow", RelativeWord::Tomorrow),
    ("week", RelativeWord::Week),
    ("weekend", RelativeWord::Weekend),
    ("month", RelativeWord::Month),
    ("year", RelativeWord::Year),
    ("ago", RelativeWord::Ago),
    ("night", RelativeWord::Night),
    ("morning", RelativeWord::Morning),
    ("afternoon", RelativeWord::Afternoon),
    ("evening", RelativeWord::Evening),
];

/// Weekday abbreviations read as dates. The three-letter ones are left out on purpose: "Sun", "Wed" and "Sat" are
/// far more often a newspaper, a verb or a past tense than a day in running text.
pub(crate) const WEEKDAY_ABBREVIATIONS: &[(&str, Weekday)] = &[
    ("tues", Weekday::Tuesday),
    ("thur", Weekday::Thursday),
    ("thurs", Weekday::Thursday),
];

/// Every month form the automaton looks for: full names, three-letter abbreviations and the longer ones ("Sept").
/// The bool says whether the form is an abbreviation (which must be followed by a day or a year).
pub(crate) fn month_forms() -> Vec<(String, u8, bool)> {
    let mut forms = Vec::new();
    for (i, name) in MONTH_NAMES.iter().enumerate() {
        let month = i as u8 + 1;
        forms.push((name.to_string(), month, false));
        if name.len() > 3 {
            forms.push((name[..3].to_string(), month, true));
        }
    }
    for &(abbr, month) in MONTH_ABBREVIATIONS_BEYOND_THREE_LETTERS {
        forms.push((abbr.to_string(), month, true));
    }
    forms
}

/// Words before a bare month name that make it a date ("in June", "since June", "early June"). A month name is
/// never read in lower case, and without a day or year beside it only after one of these.
pub(crate) const MONTH_PREPOSITIONS: &[&str] = &[
    "in",
    "since",
    "until",
    "till",
    "during",
    "through",
    "throughout",
    "early",
    "late",
    "mid",
    "last",
    "next",
    "this",
    "of",
    "from",
];

/// Month names that are also common English words or names ("may attack", "the march", "Theresa May").
pub(crate) const AMBIGUOUS_MONTHS: &[u8] = &[3, 5];

/// The narrower word list before a bare ambiguous month ("of May" is too often the politician).
pub(crate) const AMBIGUOUS_MONTH_PREPOSITIONS: &[&str] = &[
    "in", "since", "until", "till", "during", "early", "late", "mid", "last", "next", "this",
];

/// Preposition-like words kept inside a mention's span ("on Tuesday", "in March", "in early 2019").
pub(crate) const SPAN_PREPOSITIONS: &[&str] = &["on", "in"];

/// Part-of-period words kept inside a span ("early March", "late on Tuesday"); they do not move the date.
pub(crate) const PERIOD_PARTS: &[&str] = &["early", "late", "mid"];

/// Words before a year that make a four-digit number a year ("in 2019", "since 1987", "the end of 2019").
pub(crate) const YEAR_PREPOSITIONS: &[&str] = &[
    "in",
    "during",
    "throughout",
    "since",
    "until",
    "till",
    "through",
    "early",
    "late",
    "mid",
    "of",
];

/// The years a bare four-digit number may name. Outside this it is a quantity ("in 2500 tonnes").
pub(crate) const YEAR_RANGE: std::ops::RangeInclusive<u32> = 1800..=2199;

/// Words after a number that make it a quantity, not a day or a year ("May 5 pct", "in 2019 people").
pub(crate) const QUANTITY_WORDS: &[&str] = &[
    "pct", "percent", "per", "mln", "million", "billion", "bln", "trillion", "thousand", "tonnes",
    "tons", "tonne", "dlrs", "dollars", "shares", "people", "persons", "barrels", "bpd", "points",
    "cents", "units", "troops", "soldiers", "km", "miles", "kg",
];

/// Words before "of YEAR" that make the year a bond's maturity ("the 8-1/2 pct of 2011", "the notes of 1997").
pub(crate) const SECURITY_WORDS: &[&str] = &[
    "pct", "percent", "bond", "bonds", "notes", "stock", "gilt", "gilts",
];

/// Words before a weekday that make a named day, not a date: "Black Friday", "Bloody Sunday", "Super Tuesday".
pub(crate) const NAMED_DAY_PREFIXES: &[&str] = &[
    "black", "good", "bloody", "super", "ash", "cyber", "holy", "easter", "palm", "maundy",
    "shrove", "giving", "manic", "blue",
];

/// Words after a weekday (case-sensitive, capitalised) that make a name: "Sunday Times", "Saturday Night Live".
pub(crate) const NAMED_DAY_SUFFIXES: &[&[&str]] = &[
    &["Times"],
    &["Telegraph"],
    &["Express"],
    &["Mirror"],
    &["Herald"],
    &["Post"],
    &["Mail"],
    &["Independent"],
    &["Tribune"],
    &["People"],
    &["Star"],
    &["Sport"],
    &["Observer"],
    &["Business"],
    &["Night", "Football"],
    &["Night", "Live"],
    &["Night", "Fever"],
    &["Evening", "Post"],
];

/// Capitalised words after "March 23" and the like that make a name: "the March 23 Movement", "March 14 Alliance".
pub(crate) const NAMED_DATE_SUFFIXES: &[&str] = &[
    "Movement",
    "Alliance",
    "Coalition",
    "Revolution",
    "Youth",
    "Group",
    "Brigade",
    "Brigades",
    "Forces",
    "Party",
    "Front",
    "Agreement",
    "Accord",
    "Accords",
    "Square",
    "Street",
    "Bridge",
    "Stadium",
    "University",
];

/// Month names followed by these (capitalised) are names, not dates: "March Madness".
pub(crate) const NAMED_MONTH_SUFFIXES: &[&str] = &["Madness", "Hare"];

/// Time-of-day words that may follow a weekday or "yesterday" and stay in the span ("Monday night").
pub(crate) const TIME_OF_DAY: &[&str] = &["night", "morning", "afternoon", "evening", "overnight"];

/// Modifiers of "week", "month", "year", "weekend" and weekday names, with the period offset they give.
pub(crate) const PERIOD_MODIFIERS: &[(&str, Modifier)] = &[
    ("last", Modifier::Last),
    ("next", Modifier::Next),
    ("this", Modifier::This),
    ("coming", Modifier::Next),
];

/// How a modifier moves a period from the one holding the publication date.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Modifier {
    Last,
    This,
    Next,
}

impl Modifier {
    /// Periods from the current one.
    pub(crate) fn offset(self) -> i64 {
        match self {
            Modifier::Last => -1,
            Modifier::This => 0,
            Modifier::Next => 1,
        }
    }
}

/// Words before "this week/month/year" that stay in the span ("earlier this month").
pub(crate) const EARLIER_LATER: &[&str] = &["earlier", "later"];

/// Ordinals naming a week of a month ("the first week of May"); `0` is the last week.
pub(crate) const WEEK_ORDINALS: &[(&str, u8)] = &[
    ("first", 1),
    ("second", 2),
    ("third", 3),
    ("fourth", 4),
    ("last", 0),
    ("final", 0),
];

/// Units of "N … ago".
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum AgoUnit {
    Day,
    Week,
    Month,
    Year,
}

/// Unit words of "N … ago" and the largest count read for each: a larger one is not a date worth resolving.
pub(crate) const AGO_UNITS: &[(&str, AgoUnit, u32)] = &[
    ("day", AgoUnit::Day, 366),
    ("days", AgoUnit::Day, 366),
    ("week", AgoUnit::Week, 52),
    ("weeks", AgoUnit::Week, 52),
    ("month", AgoUnit::Month, 12),
    ("months", AgoUnit::Month, 12),
    ("year", AgoUnit::Year, 10),
    ("years", AgoUnit::Year, 10),
];

/// Counts written as words ("two days ago", "a week ago").
pub(crate) const NUMBER_WORDS: &[(&str, u32)] = &[
    ("a", 1),
    ("an", 1),
    ("one", 1),
    ("two", 2),
    ("three", 3),
    ("four", 4),
    ("five", 5),
    ("six", 6),
    ("seven", 7),
    ("eight", 8),
    ("nine", 9),
    ("ten", 10),
    ("eleven", 11),
    ("twelve", 12),
    ("thirteen", 13),
    ("fourteen", 14),
    ("fifteen", 15),
    ("sixteen", 16),
    ("seventeen", 17),
    ("eighteen", 18),
    ("nineteen", 19),
    ("twenty", 20),
    ("thirty", 30),
];

/// Words that put a date in the future when they stand near it in the same clause ("will meet on Tuesday").
pub(crate) const FUTURE_MARKERS: &[&str] = &[
    "will",
    "shall",
    "ll",
    "scheduled",
    "slated",
    "upcoming",
    "plans",
    "planned",
    "intends",
    "expected",
];

/// Words that mark the future only after a present form of "be" ("is to visit", "are due to meet", "is going
/// to"): alone they are too common ("agreed to", "due to rain").
pub(crate) const FUTURE_AFTER_BE: &[&str] = &["to", "due", "going", "set"];

/// The forms of "be" of [`FUTURE_AFTER_BE`].
pub(crate) const BE_PRESENT: &[&str] = &["is", "are", "am"];

/// Reporting verbs directly before a date: the date is the report's, in the past whatever follows ("said on Monday
/// he will …").
pub(crate) const REPORTING_VERBS: &[&str] = &[
    "said",
    "told",
    "announced",
    "reported",
    "added",
    "stated",
    "declared",
    "wrote",
    "confirmed",
    "denied",
];

/// Past forms directly before a date that put it in the past unless a future marker precedes them
/// ("met on Friday"; but "is to be held on Friday"). Regular "-ed" forms count too.
pub(crate) const PAST_MARKERS: &[&str] = &[
    "was", "were", "had", "did", "met", "held", "made", "took", "began", "came", "went", "left",
    "fell", "rose", "struck", "hit", "shot", "killed", "sent", "gave", "spoke", "saw",
];

/// Words that end a clause for the tense window and for the event-date choice.
pub(crate) const CLAUSE_WORDS: &[&str] = &[
    "that", "which", "who", "while", "but", "whereas", "because", "although", "though", "said",
    "says", "when",
];

/// Punctuation that ends a clause for the tense window and for the event-date choice.
pub(crate) const CLAUSE_PUNCT: &[u8] = b";:\"()[]";

/// How many tokens either side of a date the tense check reads.
pub(crate) const TENSE_WINDOW: usize = 8;

/// Whether `word` is one of `table`, ignoring ASCII case.
pub(crate) fn is_one_of(word: &str, table: &[&str]) -> bool {
    table.iter().any(|w| w.eq_ignore_ascii_case(word))
}

/// The value `word` has in `table`, ignoring ASCII case.
pub(crate) fn lookup<T: Copy>(word: &str, table: &[(&str, T)]) -> Option<T> {
    table
        .iter()
        .find(|(w, _)| w.eq_ignore_ascii_case(word))
        .map(|&(_, v)| v)
}
