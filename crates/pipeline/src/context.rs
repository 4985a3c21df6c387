//! After coding: when each event happened and according to whom, from the dates and quotes stages.
//!
//! Dates: the date expression of an event's sentence nearest its verb ("attacked the town on Tuesday"), resolved
//! against the publication date, else the publication date (`date_how` says which). Attribution: an event whose
//! verb lies inside a quote or a reported claim is `claimed`, `reported_by` the speaker, coded with the actor
//! dictionaries ("the Syrian foreign ministry" → `SYRGOV`); a pronoun speaker takes its antecedent's code. Only
//! documents with events pay for either stage.

use dyad_coding::Coder;
use dyad_model::{Document, ReportedBy};
use std::collections::HashMap;

/// Sets each event's date from its sentence, or the publication date (the dates stage).
pub(crate) fn attach_dates(doc: &mut Document) {
    let publication = dyad_dates::publication_of(doc);
    dyad_dates::date_events(doc, publication);
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
