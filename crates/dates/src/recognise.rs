//! The date grammar: an Aho-Corasick automaton finds the anchor words (month and weekday names, "today", "week",
//! "ago" …) and a byte scan finds four-digit numbers; only a sentence with an anchor is tokenized, and each anchor
//! is read with a few tokens of context on either side, so the work is linear in the sentence.
//!
//! This file decides what is a date and which words it spans; `resolve` turns it into a calendar date and `tense`
//! says which way a bare weekday or month points.

use aho_corasick::{AhoCorasick, MatchKind};
use dyad_model::date::{
    month_from_name, most_days_in_month, Date, Weekday, MONTH_NAMES, WEEKDAY_NAMES,
};

use crate::lexicon::AgoUnit;
use crate::lexicon::{
    is_one_of, lookup, month_forms, Modifier, RelativeWord, AGO_UNITS, AMBIGUOUS_MONTHS,
    AMBIGUOUS_MONTH_PREPOSITIONS, EARLIER_LATER, MONTH_PREPOSITIONS, NAMED_DATE_SUFFIXES,
    NAMED_DAY_PREFIXES, NAMED_DAY_SUFFIXES, NAMED_MONTH_SUFFIXES, NUMBER_WORDS, PERIOD_MODIFIERS,
    PERIOD_PARTS, QUANTITY_WORDS, RELATIVE_ANCHORS, SECURITY_WORDS, SPAN_PREPOSITIONS, TIME_OF_DAY,
    WEEKDAY_ABBREVIATIONS, WEEK_ORDINALS, YEAR_PREPOSITIONS, YEAR_RANGE,
};
use crate::resolve::{Expr, YearSpec};
use crate::tokens::{tokenize, Tok, TokKind};

/// What an anchor word is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Anchor {
    Month {
        month: u8,
        abbreviation: bool,
    },
    Weekday(Weekday),
    Relative(RelativeWord),
    /// A four-digit number.
    Year,
}

/// The automaton over the anchor words, built once. Aho-Corasick (ASCII case ignored, leftmost-longest) measured
/// faster on news text than a word-by-word table lookup; matches inside words are dropped by a boundary check.
pub(crate) struct AnchorIndex {
    automaton: AhoCorasick,
    anchors: Vec<Anchor>,
}

impl AnchorIndex {
    pub(crate) fn new() -> AnchorIndex {
        let mut words: Vec<String> = Vec::new();
        let mut anchors = Vec::new();
        for (form, month, abbreviation) in month_forms() {
            words.push(form);
            anchors.push(Anchor::Month {
                month,
                abbreviation,
            });
        }
        for (i, name) in WEEKDAY_NAMES.iter().enumerate() {
            words.push(name.to_string());
            anchors.push(Anchor::Weekday(Weekday::ALL[i]));
        }
        for &(abbr, day) in WEEKDAY_ABBREVIATIONS {
            words.push(abbr.to_string());
            anchors.push(Anchor::Weekday(day));
        }
        for &(word, rel) in RELATIVE_ANCHORS {
            words.push(word.to_string());
            anchors.push(Anchor::Relative(rel));
        }
        let automaton = AhoCorasick::builder()
            .ascii_case_insensitive(true)
            .match_kind(MatchKind::LeftmostLongest)
            .build(&words)
            // The patterns are the fixed tables above: a failure is a bug in them, caught by every test.
            .expect("the anchor tables build an automaton");
        AnchorIndex { automaton, anchors }
    }

    /// The anchors of `text` worth reading, in order: byte offset and kind.
    fn anchors(&self, text: &str) -> Vec<(usize, Anchor)> {
        let b = text.as_bytes();
        let mut words = self
            .automaton
            .find_iter(text)
            .filter(|m| {
                let before = m.start().checked_sub(1).and_then(|i| b.get(i));
                let after = b.get(m.end());
                !before.is_some_and(u8::is_ascii_alphanumeric)
                    && !after.is_some_and(u8::is_ascii_alphanumeric)
            })
            .map(|m| (m.start(), self.anchors[m.pattern().as_usize()]))
            .filter(|&(start, anchor)| worth_reading(b, start, anchor))
            .peekable();
        let mut years = four_digit_runs(b)
            .filter(|&start| worth_reading(b, start, Anchor::Year))
            .peekable();
        let mut out = Vec::new();
        loop {
            let next = match (words.peek(), years.peek()) {
                (Some(&(w, _)), Some(&y)) if y < w => years.next().map(|y| (y, Anchor::Year)),
                (Some(_), _) => words.next(),
                (None, Some(_)) => years.next().map(|y| (y, Anchor::Year)),
                (None, None) => break,
            };
            out.extend(next);
        }
        out
    }
}

/// Starts of the runs of exactly four ASCII digits beginning with 1 or 2 (the year range) not glued to a word.
fn four_digit_runs(b: &[u8]) -> impl Iterator<Item = usize> + '_ {
    let mut i = 0;
    std::iter::from_fn(move || {
        while i < b.len() {
            if !b[i].is_ascii_digit() {
                i += 1;
                continue;
            }
            let start = i;
            while i < b.len() && b[i].is_ascii_digit() {
                i += 1;
            }
            let letter_before = start
                .checked_sub(1)
                .is_some_and(|p| b[p].is_ascii_alphabetic());
            if i - start == 4 && matches!(b[start], b'1' | b'2') && !letter_before {
                return Some(start);
            }
        }
        None
    })
}

/// Whether the anchor at `start` could begin or end an expression, judged from its first letter and the word
/// before it: the cheap test that spares most sentences the tokenizer. It accepts everything the grammar might
/// (the grammar checks again); it only turns away what the grammar would certainly reject.
fn worth_reading(b: &[u8], start: usize, anchor: Anchor) -> bool {
    let before = previous_word(b, start);
    let before_in = |table: &[&str]| std::str::from_utf8(before).is_ok_and(|w| is_one_of(w, table));
    let modifier = || before_in(&["last", "next", "this", "coming"]);
    match anchor {
        Anchor::Month { .. } | Anchor::Weekday(_) => b[start].is_ascii_uppercase(),
        Anchor::Relative(rel) => match rel {
            RelativeWord::Today
            | RelativeWord::Tonight
            | RelativeWord::Yesterday
            | RelativeWord::Tomorrow => true,
            RelativeWord::Week => modifier() || WEEK_ORDINALS.iter().any(|(w, _)| before_in(&[w])),
            RelativeWord::Weekend => modifier() || before_in(&["the"]),
            RelativeWord::Month | RelativeWord::Year => modifier(),
            RelativeWord::Ago => AGO_UNITS.iter().any(|(w, _, _)| before_in(&[w])),
            RelativeWord::Night => before_in(&["last"]),
            RelativeWord::Morning | RelativeWord::Afternoon | RelativeWord::Evening => {
                before_in(&["this"])
            }
        },
        Anchor::Year => {
            let after = b.get(start + 4);
            matches!(after, Some(b'-' | b'/'))
                || start.checked_sub(1).is_some_and(|p| b[p] == b'-')
                || before_in(YEAR_PREPOSITIONS)
        }
    }
}

/// The ASCII letters of the word before `start`, across whitespace only (empty when anything else comes first).
fn previous_word(b: &[u8], start: usize) -> &[u8] {
    let mut end = start;
    while end > 0 && b[end - 1].is_ascii_whitespace() {
        end -= 1;
    }
    let mut first = end;
    while first > 0 && b[first - 1].is_ascii_alphabetic() {
        first -= 1;
    }
    &b[first..end]
}

/// A recognised expression: the tokens it spans (inclusive) and what it says.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Found {
    pub(crate) first: usize,
    pub(crate) last: usize,
    pub(crate) expr: Expr,
}

/// The expressions of `text`, in order and not overlapping; `toks` is filled with its tokens when it has any
/// anchor (and left empty otherwise).
pub(crate) fn find(index: &AnchorIndex, text: &str, toks: &mut Vec<Tok>) -> Vec<Found> {
    let anchors = index.anchors(text);
    if anchors.is_empty() {
        return Vec::new();
    }
    tokenize(text, toks);
    let g = Grammar { text, toks };
    let mut out: Vec<Found> = Vec::new();
    let mut t = 0;
    for (start, anchor) in anchors {
        while t < toks.len() && toks[t].start < start {
            t += 1;
        }
        if t >= toks.len() || toks[t].start != start {
            continue;
        }
        let taken_until = out.last().map_or(0, |f| f.last + 1);
        if t < taken_until {
            continue;
        }
        let found = match anchor {
            Anchor::Month {
                month,
                abbreviation,
            } => g.month(t, month, abbreviation),
            Anchor::Weekday(day) => g.weekday(t, day),
            Anchor::Relative(rel) => g.relative(t, rel),
            Anchor::Year => g.year(t),
        };
        if let Some(f) = found.filter(|f| f.first >= taken_until && f.first <= f.last) {
            out.push(f);
        }
    }
    out
}

/// The tokens of one sentence and the rules that read them.
pub(crate) struct Grammar<'a> {
    pub(crate) text: &'a str,
    pub(crate) toks: &'a [Tok],
}

impl<'a> Grammar<'a> {
    /// The word at token `i`, if it is one.
    pub(crate) fn word(&self, i: usize) -> Option<&'a str> {
        let t = self.toks.get(i)?;
        (t.kind == TokKind::Word).then(|| self.text.get(t.start..t.end))?
    }

    pub(crate) fn word_in(&self, i: usize, table: &[&str]) -> bool {
        self.word(i).is_some_and(|w| is_one_of(w, table))
    }

    /// The word at `i - back`, if there is one.
    fn word_before(&self, i: usize, back: usize) -> Option<&'a str> {
        self.word(i.checked_sub(back)?)
    }

    fn word_before_in(&self, i: usize, back: usize, table: &[&str]) -> bool {
        self.word_before(i, back)
            .is_some_and(|w| is_one_of(w, table))
    }

    pub(crate) fn punct(&self, i: usize) -> Option<u8> {
        match self.toks.get(i)?.kind {
            TokKind::Punct(c) => Some(c),
            _ => None,
        }
    }

    /// Value, digit count and ordinal suffix of the number at `i`.
    fn number(&self, i: usize) -> Option<(u32, usize, bool)> {
        match self.toks.get(i)?.kind {
            TokKind::Number {
                value: Some(v),
                digits,
                ordinal,
            } => Some((v, digits, ordinal)),
            _ => None,
        }
    }

    /// Whether token `j` starts where token `i` ends.
    fn adjacent(&self, i: usize, j: usize) -> bool {
        match (self.toks.get(i), self.toks.get(j)) {
            (Some(a), Some(b)) => a.end == b.start,
            _ => false,
        }
    }

    /// Whether the word at `i` starts with an upper-case letter.
    fn capitalised(&self, i: usize) -> bool {
        self.word(i)
            .is_some_and(|w| w.as_bytes()[0].is_ascii_uppercase())
    }

    /// Whether the word at `i` is in capitals throughout (a headline).
    fn all_caps(&self, i: usize) -> bool {
        self.word(i)
            .is_some_and(|w| w.bytes().all(|b| b.is_ascii_uppercase()))
    }

    /// Whether the capitalised word at `i` is one of `table` (exact case).
    fn named(&self, i: usize, table: &[&str]) -> bool {
        self.capitalised(i) && self.word(i).is_some_and(|w| table.contains(&w))
    }

    /// The first token of a mention starting at `first`, taking in one preceding word of `table`.
    fn lead(&self, first: usize, table: &[&str]) -> usize {
        if self.word_before_in(first, 1, table) {
            first - 1
        } else {
            first
        }
    }

    /// Whether the number at `i` stands alone: not a time, decimal, thousands group or percentage.
    fn stands_alone(&self, i: usize) -> bool {
        let glued_digit = |p: usize| {
            self.adjacent(i, p)
                && matches!(self.punct(p), Some(b':' | b'.' | b','))
                && self.adjacent(p, p + 1)
                && self.number(p + 1).is_some()
        };
        let glued_before = i.checked_sub(2).is_some_and(|p| {
            self.adjacent(p, p + 1)
                && self.adjacent(p + 1, i)
                && self.number(p).is_some()
                && matches!(self.punct(p + 1), Some(b':' | b'.' | b','))
        });
        let percent = self.adjacent(i, i + 1) && self.punct(i + 1) == Some(b'%');
        let currency = i > 0 && self.adjacent(i - 1, i) && self.punct(i - 1) == Some(b'$');
        let quantity = self.word_in(i + 1, QUANTITY_WORDS);
        !(glued_digit(i + 1) || glued_before || percent || currency || quantity)
    }

    /// A day of `month` at `i` ("3", "3rd", "3-5"): the day and the last token it takes.
    fn day_at(&self, i: usize, month: u8) -> Option<(u8, usize)> {
        let (day, digits, _) = self.number(i)?;
        let max = most_days_in_month(u32::from(month))?;
        if digits > 2 || day == 0 || day > max || !self.stands_alone(i) {
            return None;
        }
        // A range ("March 3-5") is read as its first day.
        let range_end = (self.adjacent(i, i + 1)
            && self.punct(i + 1) == Some(b'-')
            && self
                .number(i + 2)
                .is_some_and(|(d, n, _)| n <= 2 && d <= max))
        .then_some(i + 2);
        Some((day as u8, range_end.unwrap_or(i)))
    }

    /// A plain year at `i`: four digits in [`YEAR_RANGE`], standing alone, not a decade ("1990s") or a span of
    /// years ("1986/87").
    fn plain_year(&self, i: usize) -> Option<u32> {
        let (y, digits, ordinal) = self.number(i)?;
        if digits != 4 || ordinal || !YEAR_RANGE.contains(&y) || !self.stands_alone(i) {
            return None;
        }
        // "1990s", and "1980's" for a round year (a possessive of 1987 is a year: "1987's budget").
        let apostrophe = self.punct(i + 1) == Some(b'\'')
            || self
                .toks
                .get(i + 1)
                .is_some_and(|t| self.text.get(t.start..t.end) == Some("\u{2019}"));
        let decade = (self.adjacent(i, i + 1) && self.word(i + 1).is_some())
            || (y % 10 == 0
                && apostrophe
                && self.adjacent(i, i + 1)
                && self.adjacent(i + 1, i + 2)
                && self.word_in(i + 2, &["s"]));
        let span_of_years = self.adjacent(i, i + 1)
            && matches!(self.punct(i + 1), Some(b'-' | b'/'))
            && self.number(i + 2).is_some();
        (!decade && !span_of_years).then_some(y)
    }

    /// A year after a date at `i`: ", 2019", "2019", "of 2019", or "last year" / "this year" / "next year".
    fn year_after(&self, i: usize) -> Option<(YearSpec, usize)> {
        let mut k = i;
        if matches!(self.punct(k), Some(b',')) || self.word_in(k, &["of"]) {
            k += 1;
        }
        if let Some(y) = self.plain_year(k) {
            return Some((YearSpec::Given(y), k));
        }
        let modifier = lookup(self.word(k)?, PERIOD_MODIFIERS)?;
        self.word_in(k + 1, &["year"])
            .then_some((YearSpec::Relative(modifier.offset()), k + 1))
    }

    /// A month name at `i`.
    fn month(&self, i: usize, month: u8, abbreviation: bool) -> Option<Found> {
        if !self.capitalised(i) || self.named(i + 1, NAMED_MONTH_SUFFIXES) {
            return None;
        }
        let mut j = i + 1;
        if abbreviation && self.punct(j) == Some(b'.') && self.adjacent(i, j) {
            j += 1;
        }
        // "March 3", "March 3, 2019", "March 3 last year".
        if let Some((day, mut last)) = self.day_at(j, month) {
            let year = match self.year_after(last + 1) {
                Some((spec, end)) => {
                    last = end;
                    spec
                }
                None => YearSpec::Infer,
            };
            if self.named(last + 1, NAMED_DATE_SUFFIXES) {
                return None;
            }
            let first = self.lead(i, SPAN_PREPOSITIONS);
            return Some(Found {
                first,
                last,
                expr: month_day(month, day, year)?,
            });
        }
        // "3 March", "3rd of March", "the 3rd of March (2019)".
        if let Some((first, day)) = self.day_before(i, month) {
            let (year, last) = match self.year_after(j) {
                Some((spec, end)) => (spec, end),
                None => (YearSpec::Infer, i),
            };
            return Some(Found {
                first: self.lead(first, SPAN_PREPOSITIONS),
                last,
                expr: month_day(month, day, year)?,
            });
        }
        // "March 2019", "March of 2019".
        if let Some((YearSpec::Given(y), last)) = self.year_after(j) {
            // "the variable-rate January 1999 stock": a security named by its maturity.
            if self.word_in(last + 1, SECURITY_WORDS) {
                return None;
            }
            let first = self.lead(self.part_lead(i), SPAN_PREPOSITIONS);
            return Some(Found {
                first,
                last,
                expr: Expr::Month {
                    month,
                    year: YearSpec::Given(y),
                },
            });
        }
        if abbreviation {
            return None;
        }
        // A bare month after a preposition: "in March", "early June", "mid-July", "last March".
        let prepositions = if AMBIGUOUS_MONTHS.contains(&month) {
            AMBIGUOUS_MONTH_PREPOSITIONS
        } else {
            MONTH_PREPOSITIONS
        };
        let part = self.part_lead(i);
        if part == i && !self.word_before_in(i, 1, prepositions) {
            return None;
        }
        let (year, last) = match self.year_after(j) {
            Some((spec, end)) => (spec, end),
            None => (YearSpec::Infer, i),
        };
        if part == i {
            if let Some(modifier) = self
                .word_before(i, 1)
                .and_then(|w| lookup(w, PERIOD_MODIFIERS))
            {
                if year == YearSpec::Infer {
                    return Some(Found {
                        first: i - 1,
                        last: i,
                        expr: Expr::MonthModified { month, modifier },
                    });
                }
            }
        }
        let first = self.lead(part, SPAN_PREPOSITIONS);
        Some(Found {
            first,
            last,
            expr: Expr::Month { month, year },
        })
    }

    /// The first token of "early", "late" or "mid-" before `i`, or `i`.
    fn part_lead(&self, i: usize) -> usize {
        if self.word_before_in(i, 1, &["early", "late"]) {
            return i - 1;
        }
        // "mid-March": three tokens glued together.
        if i >= 2
            && self.punct(i - 1) == Some(b'-')
            && self.adjacent(i - 1, i)
            && self.adjacent(i - 2, i - 1)
            && self.word_in(i - 2, &["mid"])
        {
            return i - 2;
        }
        i
    }

    /// A day number before the month at `i` ("3 March", "3rd of March", "the 3rd of March"): first token, day.
    fn day_before(&self, i: usize, month: u8) -> Option<(usize, u8)> {
        let mut k = i.checked_sub(1)?;
        let with_of = self.word_in(k, &["of"]);
        if with_of {
            k = k.checked_sub(1)?;
        }
        let (day, digits, ordinal) = self.number(k)?;
        let max = most_days_in_month(u32::from(month))?;
        if digits > 2 || day == 0 || day > max || (with_of && !ordinal) {
            return None;
        }
        let glued_before =
            k > 0 && self.adjacent(k - 1, k) && !matches!(self.toks[k - 1].kind, TokKind::Word);
        if glued_before && !matches!(self.punct(k - 1), Some(b'(')) {
            return None;
        }
        Some((self.lead(k, &["the"]), day as u8))
    }

    /// A weekday name at `i`.
    fn weekday(&self, i: usize, day: Weekday) -> Option<Found> {
        if !self.capitalised(i) || self.word_before_in(i, 1, NAMED_DAY_PREFIXES) {
            return None;
        }
        let mut j = i + 1;
        if self.punct(j) == Some(b'.') && self.adjacent(i, j) {
            j += 1;
        }
        let named = NAMED_DAY_SUFFIXES.iter().any(|words| {
            words
                .iter()
                .enumerate()
                .all(|(n, w)| self.named(j + n, &[w]))
        });
        if named {
            return None;
        }
        let mut first = self.lead(i, SPAN_PREPOSITIONS);
        if first < i {
            first = self.lead(first, PERIOD_PARTS);
        } else {
            first = self.lead(first, &["early", "late"]);
        }
        // "Tuesday, March 3": the date written out wins, the weekday stays in the span.
        let k = if self.punct(j) == Some(b',') {
            j + 1
        } else {
            j
        };
        if let Some(month) = self.word(k).and_then(month_from_name) {
            let abbreviation = self.word(k).and_then(full_month).is_none();
            if let Some(f) = self.month(k, month, abbreviation) {
                if f.first == k && matches!(f.expr, Expr::Full(_) | Expr::MonthDay { .. }) {
                    return Some(Found { first, ..f });
                }
            }
        }
        let last = if self.word_in(j, TIME_OF_DAY) { j } else { i };
        let modifier = self
            .word_before(i, 1)
            .and_then(|w| lookup(w, PERIOD_MODIFIERS));
        if modifier.is_some() {
            first = self.lead(i - 1, &["late", "early"]);
        }
        Some(Found {
            first,
            last,
            expr: Expr::Weekday { day, modifier },
        })
    }

    /// A relative anchor word at `i`.
    fn relative(&self, i: usize, rel: RelativeWord) -> Option<Found> {
        match rel {
            RelativeWord::Today
            | RelativeWord::Tonight
            | RelativeWord::Yesterday
            | RelativeWord::Tomorrow => {
                // "USA Today", "the Today programme": capitalised inside a sentence, it is a name.
                if i > 0 && self.capitalised(i) && !self.all_caps(i) {
                    return None;
                }
                let mut days = match rel {
                    RelativeWord::Yesterday => -1,
                    RelativeWord::Tomorrow => 1,
                    _ => 0,
                };
                let mut first = i;
                let two_away = match rel {
                    RelativeWord::Yesterday => Some("before"),
                    RelativeWord::Tomorrow => Some("after"),
                    _ => None,
                };
                if let Some(link) = two_away {
                    if i >= 3
                        && self.word_in(i - 1, &[link])
                        && self.word_in(i - 2, &["day"])
                        && self.word_in(i - 3, &["the"])
                    {
                        days *= 2;
                        first = i - 3;
                    }
                }
                if first == i {
                    first = self.lead(self.lead(i, EARLIER_LATER), PERIOD_PARTS);
                }
                let last = if self.word_in(i + 1, TIME_OF_DAY) {
                    i + 1
                } else {
                    i
                };
                Some(Found {
                    first,
                    last,
                    expr: Expr::Days(days),
                })
            }
            RelativeWord::Night => {
                // "last night", "late last night".
                if !self.word_before_in(i, 1, &["last"]) || self.word_before_in(i, 2, &["the"]) {
                    return None;
                }
                Some(Found {
                    first: self.lead(i - 1, &["late"]),
                    last: i,
                    expr: Expr::Days(-1),
                })
            }
            RelativeWord::Morning | RelativeWord::Afternoon | RelativeWord::Evening => {
                // "this morning", "earlier this morning".
                if !self.word_before_in(i, 1, &["this"]) {
                    return None;
                }
                Some(Found {
                    first: self.lead(i - 1, EARLIER_LATER),
                    last: i,
                    expr: Expr::Days(0),
                })
            }
            RelativeWord::Week => self
                .week_of_month(i)
                .or_else(|| self.period(i, Expr::Weeks)),
            RelativeWord::Month => self.period(i, Expr::Months),
            RelativeWord::Year => self.period(i, Expr::Years),
            RelativeWord::Weekend => {
                if let Some(found) = self.period(i, |n| {
                    Expr::Weekend(Some(match n {
                        -1 => Modifier::Last,
                        0 => Modifier::This,
                        _ => Modifier::Next,
                    }))
                }) {
                    return Some(found);
                }
                // "over the weekend", "at the weekend".
                self.word_before_in(i, 1, &["the"]).then(|| Found {
                    first: i - 1,
                    last: i,
                    expr: Expr::Weekend(None),
                })
            }
            RelativeWord::Ago => self.ago(i),
        }
    }

    /// "last week", "this month", "earlier this year", "next year" at the period word `i`.
    fn period(&self, i: usize, expr: impl Fn(i64) -> Expr) -> Option<Found> {
        let modifier = lookup(self.word_before(i, 1)?, PERIOD_MODIFIERS)?;
        // "the last year", "over the past week": a stretch of time, not a period of the calendar.
        if self.word_before_in(i, 2, &["the", "past"]) {
            return None;
        }
        let mut first = i - 1;
        if modifier == Modifier::This {
            first = self.lead(first, EARLIER_LATER);
        }
        Some(Found {
            first,
            last: i,
            expr: expr(modifier.offset()),
        })
    }

    /// "the first week of May (2019)" at "week" (`i`).
    fn week_of_month(&self, i: usize) -> Option<Found> {
        let week = lookup(self.word_before(i, 1)?, WEEK_ORDINALS)?;
        if !self.word_in(i + 1, &["of"]) || !self.capitalised(i + 2) {
            return None;
        }
        let month = self.word(i + 2).and_then(full_month)?;
        let (year, last) = match self.year_after(i + 3) {
            Some((spec, end)) => (spec, end),
            None => (YearSpec::Infer, i + 2),
        };
        Some(Found {
            first: self.lead(i - 1, &["the"]),
            last,
            expr: Expr::WeekOfMonth { week, month, year },
        })
    }

    /// "two days ago", "a week ago", "3 years ago" at "ago" (`i`).
    fn ago(&self, i: usize) -> Option<Found> {
        let unit_at = i.checked_sub(1)?;
        let count_at = i.checked_sub(2)?;
        let (unit, max) = AGO_UNITS
            .iter()
            .find(|(w, _, _)| {
                self.word(unit_at)
                    .is_some_and(|u| u.eq_ignore_ascii_case(w))
            })
            .map(|&(_, unit, max)| (unit, max))?;
        let count = match self.number(count_at) {
            Some((n, digits, false)) if digits <= 3 && self.stands_alone(count_at) => n,
            Some(_) => return None,
            None => lookup(self.word(count_at)?, NUMBER_WORDS)?,
        };
        if count == 0 || count > max {
            return None;
        }
        let n = -i64::from(count);
        let expr = match unit {
            AgoUnit::Day => Expr::Days(n),
            AgoUnit::Week => Expr::Weeks(n),
            AgoUnit::Month => Expr::Months(n),
            AgoUnit::Year => Expr::Years(n),
        };
        Some(Found {
            first: count_at,
            last: i,
            expr,
        })
    }

    /// A four-digit number at `i`: an ISO date ("2019-03-03") or a year after a preposition ("in 2019").
    fn year(&self, i: usize) -> Option<Found> {
        let iso = (1..=4).all(|k| self.adjacent(i + k - 1, i + k))
            && matches!(self.punct(i + 1), Some(b'-' | b'/'))
            && self.punct(i + 3) == self.punct(i + 1)
            && self.number(i + 2).is_some_and(|(_, n, o)| n == 2 && !o)
            && self.number(i + 4).is_some_and(|(_, n, o)| n == 2 && !o)
            && !(self.adjacent(i + 4, i + 5) && self.number(i + 5).is_some());
        if iso {
            let start = self.toks[i].start;
            let (date, _) = Date::parse_numeric_prefix(self.text.get(start..)?)?;
            return Some(Found {
                first: self.lead(i, SPAN_PREPOSITIONS),
                last: i + 4,
                expr: Expr::Full(date),
            });
        }
        let y = self.plain_year(i)?;
        let part = self.part_lead(i);
        if part == i && !self.word_before_in(i, 1, YEAR_PREPOSITIONS) {
            return None;
        }
        // "the 8-1/2 pct of 2011": a bond named by its maturity, not a time of the story.
        if self.word_before_in(i, 1, &["of"]) && self.word_before_in(i, 2, SECURITY_WORDS) {
            return None;
        }
        Some(Found {
            first: self.lead(part, SPAN_PREPOSITIONS),
            last: i,
            expr: Expr::Year(y),
        })
    }
}

/// The month a full month name names ("May", "June"; not "Jun").
fn full_month(word: &str) -> Option<u8> {
    MONTH_NAMES
        .iter()
        .position(|n| n.eq_ignore_ascii_case(word))
        .map(|i| i as u8 + 1)
}

/// A month-day expression; `None` for a day the given year lacks (no 2019-02-29).
fn month_day(month: u8, day: u8, year: YearSpec) -> Option<Expr> {
    Some(match year {
        YearSpec::Given(y) => Expr::Full(Date::from_ymd(y, u32::from(month), u32::from(day))?),
        _ => Expr::MonthDay { month, day, year },
    })
}
