//! After coding: when each event happened and according to whom, from the dates and quotes stages.
//!
//! Dates: the date expression of an event's sentence nearest its verb ("attacked the town on Tuesday"), resolved
//! against the publication date, else the publication date (`date_how` says which). Attribution: an event whose
//! verb lies inside a quote or a reported claim is `claimed`, `reported_by` the speaker, coded with the actor
//! dictionaries ("the Syrian foreign ministry" → `SYRGOV`); a pronoun speaker takes its antecedent's code. Only
//! documents with events pay for either stage.

use dyad_coding::Coder;
use dyad_model::date::Date;
use dyad_model::{DateHow, DatePrecision, Document, ReportedBy};
use std::collections::HashMap;

/// Sets each event's date from its sentence, or the publication date.
pub(crate) fn attach_dates(doc: &mut Document) {
    if doc.events.is_empty() {
        return;
    }
    let publication = doc
        .metadata
        .date
        .as_deref()
        .and_then(|d| Date::parse_iso(d.get(..10).unwrap_or(d)));
    let mut mentions: HashMap<u32, Vec<dyad_dates::DateMention>> = HashMap::new();
    let Document {
        text,
        sentences,
        events,
        ..
    } = doc;
    for e in events.iter_mut() {
        let Some(sentence) = sentences.get(e.sentence as usize) else {
            continue;
        };
        let found = mentions
            .entry(e.sentence)
            .or_insert_with(|| dyad_dates::resolve_in(text, sentence.span, publication));
        let verb = e.evidence.verb.unwrap_or(sentence.span);
        let Some(chosen) = dyad_dates::event_date(text, found, verb, publication) else {
            continue;
        };
        e.date = Some(chosen.date.to_iso());
        e.date_precision = Some(match chosen.precision {
            dyad_dates::Precision::Day => DatePrecision::Day,
            dyad_dates::Precision::Week => DatePrecision::Week,
            dyad_dates::Precision::Month => DatePrecision::Month,
            dyad_dates::Precision::Year => DatePrecision::Year,
        });
        e.date_how = Some(match chosen.how {
            dyad_dates::DateHow::Sentence => DateHow::Sentence,
            dyad_dates::DateHow::Publication => DateHow::Publication,
        });
        e.date_span = chosen.span;
    }
}

/// Marks events asserted in a quote or claim, with the speaker as `reported_by`.
pub(crate) fn attach_attribution(doc: &mut Document, coder: &Coder) {
    if doc.events.is_empty() {
        return;
    }
    let attributions = dyad_quotes::attributions(doc);
    if attributions.is_empty() {
        return;
    }
    let date = doc.metadata.date.clone();
    let mut speakers: HashMap<dyad_model::Span, String> = HashMap::new();
    let mut code_of = |doc: &Document, span: dyad_model::Span| -> String {
        speakers
            .entry(span)
            .or_insert_with(|| {
                coder
                    .actors_in(doc.slice(span), date.as_deref())
                    .into_iter()
                    .next()
                    .and_then(|(_, codes)| codes.into_iter().next())
                    .unwrap_or_default()
            })
            .clone()
    };
    let mut reported = Vec::with_capacity(doc.events.len());
    for e in &doc.events {
        let claim = e
            .evidence
            .verb
            .and_then(|verb| dyad_quotes::claim_of(&attributions, verb));
        reported.push(claim.map(|a| {
            let speaker = match a.speaker_kind {
                dyad_quotes::SpeakerKind::Pronoun => a.antecedent.unwrap_or(a.speaker),
                _ => a.speaker,
            };
            ReportedBy {
                actor: code_of(doc, speaker),
                span: speaker,
                outlet: a.outlet.map(|o| doc.slice(o).to_string()),
            }
        }));
    }
    for (e, r) in doc.events.iter_mut().zip(reported) {
        e.claimed = r.is_some();
        e.reported_by = r;
    }
}
