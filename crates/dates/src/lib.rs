//! When: finds the date expressions of a sentence — "on March 3", "in 2019", "last Tuesday", "two days ago",
//! "earlier this month" — as byte spans, and resolves each against the publication date to the first day of the
//! period it names, with a precision (day, week, month, year).
//!
//! The stage runs after coding: the pipeline calls [`date_events`] on the coded document, which reads each event's
//! sentence with [`resolve_in`] and chooses the event's date with [`event_date`]. Most sentences name no date, so an
//! Aho-Corasick automaton over the anchor words (and a byte scan for four-digit numbers) rejects them before any
//! tokenizing; a sentence with an anchor is tokenized once and each anchor read with a few tokens of context, so
//! the cost is linear in the sentence. Only events' sentences are read: in the pipeline on Reuters-21578 the stage
//! costs about 2% of the time cleaning and coding take. Every word list is a table in `lexicon`.
//!
//! No I/O, no panics on any `&str`; calendar arithmetic is `dyad_model::date`'s.
//!
//! ```
//! use dyad_dates::{resolve_sentence, DateKind, DatePrecision};
//! use dyad_model::date::Date;
//! let text = "Russia's Lavrov said on Monday that the talks held on March 3 failed.";
//! let found = resolve_sentence(text, Date::from_ymd(2018, 5, 31));
//! let read: Vec<_> = found.iter().map(|m| (m.span.slice(text), m.date.to_iso(), m.kind)).collect();
//! assert_eq!(read, [
//!     ("on Monday", "2018-05-28".to_string(), DateKind::Relative),
//!     ("on March 3", "2018-03-03".to_string(), DateKind::Explicit),
//! ]);
//! assert!(found.iter().all(|m| m.precision == DatePrecision::Day));
//! ```

mod event_date;
mod lexicon;
mod recognise;
mod resolve;
mod stage;
mod tense;
mod tokens;

use std::fmt;
use std::sync::OnceLock;

use dyad_model::date::Date;
use dyad_model::Span;

pub use dyad_model::{DateHow, DatePrecision};
pub use event_date::{event_date, EventDate};
pub use stage::{date_events, publication_of};

use recognise::{find, AnchorIndex, Grammar};
use resolve::{resolve, Tense};
use tense::tense_of;

/// Whether a date is written out or read against the publication date.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum DateKind {
    /// A calendar date, month or year ("March 3", "in 2019"); a missing year is still taken from publication.
    Explicit,
    /// Relative to publication ("yesterday", "last Tuesday", "two weeks ago", "last March").
    Relative,
}

/// A date expression in a sentence and the date it names.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct DateMention {
    /// The words of the expression, prepositions included ("on Tuesday", "in early 2019").
    pub span: Span,
    /// The first day of the period named.
    pub date: Date,
    /// How precise `date` is: a calendar week starts on Monday ("last week"), "the first week of May" on May 1,
    /// a weekend on its Saturday.
    pub precision: DatePrecision,
    pub kind: DateKind,
}

/// The anchor automaton, built on first use and shared (read-only) by every thread.
fn index() -> &'static AnchorIndex {
    static INDEX: OnceLock<AnchorIndex> = OnceLock::new();
    INDEX.get_or_init(AnchorIndex::new)
}

/// The date expressions of `text` resolved against `publication`, in order and not overlapping; spans are byte
/// offsets into `text`. Without a publication date only dates that carry their year are returned.
pub fn resolve_sentence(text: &str, publication: Option<Date>) -> Vec<DateMention> {
    let mut toks = Vec::new();
    let found = find(index(), text, &mut toks);
    if found.is_empty() {
        return Vec::new();
    }
    let g = Grammar { text, toks: &toks };
    found
        .into_iter()
        .filter(|f| publication.is_some() || f.expr.is_absolute())
        .filter_map(|f| {
            let tense = if f.expr.needs_tense() {
                tense_of(&g, f.first, f.last)
            } else {
                Tense::Past
            };
            let (date, precision) = resolve(f.expr, publication, tense)?;
            Some(DateMention {
                span: Span::new(toks[f.first].start, toks[f.last].end),
                date,
                precision,
                kind: if f.expr.is_relative() {
                    DateKind::Relative
                } else {
                    DateKind::Explicit
                },
            })
        })
        .collect()
}

/// [`resolve_sentence`] on the sentence at `sentence` of a document's `text`, with spans into `text`; nothing when
/// the span is not a valid slice of it.
pub fn resolve_in(text: &str, sentence: Span, publication: Option<Date>) -> Vec<DateMention> {
    let Some(slice) = text.get(sentence.range()) else {
        return Vec::new();
    };
    let mut mentions = resolve_sentence(slice, publication);
    let base = sentence.start as usize;
    for m in &mut mentions {
        m.span = Span::new(m.span.start as usize + base, m.span.end as usize + base);
    }
    mentions
}

/// A broken promise of [`resolve_sentence`], as [`check_mentions`] reports it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Violation {
    /// A span is empty, out of the text, or not on character boundaries.
    BadSpan(Span),
    /// Mentions out of order or overlapping.
    Overlap(Span, Span),
    /// A span that does not start and end on a word or number of the text.
    Untrimmed(Span),
}

impl fmt::Display for Violation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Violation::BadSpan(s) => {
                write!(f, "span {}..{} is not a slice of the text", s.start, s.end)
            }
            Violation::Overlap(a, b) => {
                write!(
                    f,
                    "spans {}..{} and {}..{} overlap or are out of order",
                    a.start, a.end, b.start, b.end
                )
            }
            Violation::Untrimmed(s) => write!(
                f,
                "span {}..{} does not start and end on a word",
                s.start, s.end
            ),
        }
    }
}

impl std::error::Error for Violation {}

/// Checks what [`resolve_sentence`] promises about `mentions` of `text`: non-empty spans on character boundaries,
/// in order, not overlapping, each starting and ending on an alphanumeric character. For tests and fuzz targets.
pub fn check_mentions(text: &str, mentions: &[DateMention]) -> Result<(), Violation> {
    let mut previous: Option<Span> = None;
    for m in mentions {
        let s = m.span;
        let slice = text
            .get(s.range())
            .filter(|t| !t.is_empty())
            .ok_or(Violation::BadSpan(s))?;
        let b = slice.as_bytes();
        if !b[0].is_ascii_alphanumeric() || !b[b.len() - 1].is_ascii_alphanumeric() {
            return Err(Violation::Untrimmed(s));
        }
        if let Some(p) = previous.filter(|p| p.end > s.start) {
            return Err(Violation::Overlap(p, s));
        }
        previous = Some(s);
    }
    Ok(())
}

/// Verb positions [`fuzz_sentence`] tries (bounds its cost on long inputs).
const FUZZ_VERBS: usize = 64;

/// A fuzz target's body: the first four bytes (when present) give the publication date as days from 1970 (so any
/// input reaches every rule with and without a publication date), the rest is the sentence, read lossily as UTF-8.
/// Runs the recogniser and the event-date choice for a verb at every word and checks [`check_mentions`].
pub fn fuzz_sentence(data: &[u8]) -> Result<(), Violation> {
    let (publication, rest) = match data {
        [a, b, c, d, rest @ ..] => {
            let days = i64::from(i32::from_le_bytes([*a, *b, *c, *d]) % 200_000);
            (Date::from_days(days), rest)
        }
        _ => (None, data),
    };
    let text = String::from_utf8_lossy(rest);
    let mentions = resolve_sentence(&text, publication);
    check_mentions(&text, &mentions)?;
    let mut at = 0;
    for word in text.split(' ').take(FUZZ_VERBS) {
        let verb = Span::new(at, at + word.len());
        let _ = event_date(&text, &mentions, verb, publication);
        at += word.len() + 1;
    }
    Ok(())
}
