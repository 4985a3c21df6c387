//! The stage as the pipeline runs it: every event of a coded [`Document`] gets its date from its own sentence
//! (the mention nearest its verb) or, failing that, the publication date — `date`, `date_how`, `date_precision`
//! and `date_span` of [`dyad_model::Event`].

use dyad_model::date::Date;
use dyad_model::{Document, Span};

use crate::{event_date, resolve_in, DateMention};

/// The document's publication date as the metadata gives it (`YYYY-MM-DD`, a time may follow).
pub fn publication_of(doc: &Document) -> Option<Date> {
    doc.metadata.date.as_deref().and_then(Date::parse_iso)
}

/// Dates every event of `doc` against `publication` (a `--date` given by the user, else [`publication_of`]).
/// Each sentence is read once however many events it holds; an event with neither a date in its sentence nor a
/// publication date keeps no date.
///
/// ```
/// use dyad_model::{Document, Event, Evidence, Sentence, Part, Span, DateHow};
/// use dyad_model::date::Date;
/// let mut doc = Document::default();
/// doc.text = "Rebels shelled Daraa on Tuesday.".into();
/// doc.sentences = vec![Sentence { span: Span::new(0, doc.text.len()), part: Part::Body }];
/// doc.events = vec![Event {
///     evidence: Evidence { verb: Some(Span::new(7, 14)), ..Evidence::default() },
///     ..Event::default()
/// }];
/// dyad_dates::date_events(&mut doc, Date::from_ymd(2018, 5, 31));
/// let e = &doc.events[0];
/// assert_eq!((e.date.as_deref(), e.date_how), (Some("2018-05-29"), Some(DateHow::Sentence)));
/// ```
pub fn date_events(doc: &mut Document, publication: Option<Date>) {
    let mut cached: Option<(u32, Span, Vec<DateMention>)> = None;
    for event in &mut doc.events {
        let Some(sentence) = doc.sentences.get(event.sentence as usize) else {
            continue;
        };
        if !matches!(&cached, Some((i, _, _)) if *i == event.sentence) {
            let mentions = resolve_in(&doc.text, sentence.span, publication);
            cached = Some((event.sentence, sentence.span, mentions));
        }
        let Some((_, span, mentions)) = cached.as_ref() else {
            continue;
        };
        // Without a verb span, the sentence's start stands for it: the first mention of its first clause wins.
        let verb = event
            .evidence
            .verb
            .unwrap_or_else(|| Span::new(span.start as usize, span.start as usize));
        if let Some(chosen) = event_date(&doc.text, mentions, verb, publication) {
            event.date = Some(chosen.date.to_iso());
            event.date_how = Some(chosen.how);
            event.date_precision = Some(chosen.precision);
            event.date_span = chosen.span;
        }
    }
}
