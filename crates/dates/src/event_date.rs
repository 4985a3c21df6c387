//! The event date of a coded sentence: the date mention nearest the event's verb — one after the verb in the same
//! clause first ("attacked the town on Tuesday"), else the nearest on either side ("On Tuesday, rebels attacked") —
//! or the publication date when the sentence gives none.

use dyad_model::date::Date;
use dyad_model::{DateHow, DatePrecision, Span};

use crate::recognise::Grammar;
use crate::tense::ends_clause;
use crate::tokens::tokenize;
use crate::DateMention;

/// An event's date, how precise it is, and where it came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct EventDate {
    /// The first day of the period.
    pub date: Date,
    pub precision: DatePrecision,
    pub how: DateHow,
    /// The date expression, when the sentence gave the date.
    pub span: Option<Span>,
}

/// The event date for the verb at `verb`: among `mentions` (as [`crate::resolve_sentence`] found them in `text`,
/// spans in the same frame as `verb`), the nearest one after the verb in the same clause, else the nearest one;
/// with no mention, `publication` at day precision; `None` when there is neither.
///
/// ```
/// use dyad_dates::{event_date, resolve_sentence, DateHow};
/// use dyad_model::{date::Date, Span};
/// let text = "Jordan said on Monday that rebels attacked the border post last week.";
/// let published = Date::from_ymd(2018, 5, 31);
/// let mentions = resolve_sentence(text, published);
/// let attacked = Span::new(34, 42);
/// let chosen = event_date(text, &mentions, attacked, published).unwrap();
/// assert_eq!((chosen.date.to_iso().as_str(), chosen.how), ("2018-05-21", DateHow::Sentence));
/// let said = Span::new(7, 11);
/// assert_eq!(event_date(text, &mentions, said, published).unwrap().date.to_iso(), "2018-05-28");
/// ```
pub fn event_date(
    text: &str,
    mentions: &[DateMention],
    verb: Span,
    publication: Option<Date>,
) -> Option<EventDate> {
    let after = mentions
        .iter()
        .filter(|m| m.span.start >= verb.end)
        .min_by_key(|m| m.span.start)
        .filter(|m| same_clause(text, verb.end as usize, m.span.start as usize));
    let chosen = after.or_else(|| {
        mentions
            .iter()
            .min_by_key(|m| (distance(m.span, verb), m.span.end <= verb.start))
    });
    match chosen {
        Some(m) => Some(EventDate {
            date: m.date,
            precision: m.precision,
            how: DateHow::Sentence,
            span: Some(m.span),
        }),
        None => publication.map(|date| EventDate {
            date,
            precision: DatePrecision::Day,
            how: DateHow::Publication,
            span: None,
        }),
    }
}

/// Bytes between two spans (0 when they touch or overlap).
fn distance(a: Span, b: Span) -> u32 {
    if a.start >= b.end {
        a.start - b.end
    } else {
        b.start.saturating_sub(a.end)
    }
}

/// Whether nothing between `from` and `to` in `text` ends a clause.
fn same_clause(text: &str, from: usize, to: usize) -> bool {
    let Some(gap) = text.get(from..to) else {
        return false;
    };
    let mut toks = Vec::new();
    tokenize(gap, &mut toks);
    let g = Grammar {
        text: gap,
        toks: &toks,
    };
    !(0..toks.len()).any(|k| ends_clause(&g, k))
}
