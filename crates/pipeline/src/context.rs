//! After coding: where and when each event happened and according to whom, from the places, dates and quotes
//! stages.
//!
//! Dates: the date expression of an event's sentence nearest its verb ("attacked the town on Tuesday"), resolved
//! against the publication date, else the publication date (`date_how` says which). Attribution: an event whose
//! verb lies inside a quote or a reported claim is `claimed`, `reported_by` the speaker, coded with the actor
//! dictionaries ("the Syrian foreign ministry" → `SYRGOV`); a pronoun speaker takes its antecedent's code. Only
//! documents with events pay for either stage.

use dyad_coding::Coder;
use dyad_model::{Document, EventLocation, LocationHow, ReportedBy, Span};
use dyad_places::{Context, Gazetteer, Geoparser, Resolved};
use std::collections::HashMap;
use std::sync::OnceLock;

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

/// The geoparser over the embedded gazetteer, built on first use and shared by every thread; `None` only if the
/// embedded gazetteer could not be read.
pub(crate) fn geoparser() -> Option<&'static Geoparser<'static>> {
    static PARSER: OnceLock<Option<Geoparser<'static>>> = OnceLock::new();
    PARSER
        .get_or_init(|| Gazetteer::embedded().ok().map(Geoparser::new))
        .as_ref()
}

/// Actor spans checked for overlap with one place mention (the nearest ones starting before it).
const ACTOR_SPANS_LOOKED_AT: usize = 8;

/// Sets each event's location: the most specific place of its own sentence, else of the nearest earlier sentence
/// naming one; `None` when the story names none. Place names are resolved with the events' actor countries as
/// context. Returns the resolved mentions (for `--explain`).
pub(crate) fn attach_places(doc: &mut Document) -> Vec<Resolved> {
    if doc.events.is_empty() {
        return Vec::new();
    }
    let Some(parser) = geoparser() else {
        return Vec::new();
    };
    let gazetteer = parser.gazetteer();
    let mut countries: Vec<&str> = Vec::new();
    for e in &doc.events {
        for code in [&e.source, &e.target] {
            if let Some(iso3) = code.get(..3) {
                if !countries.contains(&iso3) && gazetteer.country_by_iso3(iso3).is_some() {
                    countries.push(iso3);
                }
            }
        }
    }
    let toponyms = parser.find_in_document(doc);
    if toponyms.is_empty() {
        return Vec::new();
    }
    let context = Context {
        countries: &countries,
        dateline: None,
    };
    let resolved = parser.resolve(&doc.text, &toponyms, &context);
    let sentences: Vec<(usize, usize)> = doc
        .sentences
        .iter()
        .map(|s| (s.span.start as usize, s.span.end as usize))
        .collect();
    // Place names that are the events' actors ("Israel" in "Israel condemned ...") do not say where. Mentions
    // and actor spans are kept sorted, so each event's choice costs a binary search, not a scan of the story.
    let mut resolved = resolved;
    resolved.sort_by_key(|r| (r.start, r.end));
    let mut actor_spans: Vec<(usize, usize)> = doc
        .events
        .iter()
        .flat_map(|e| [e.evidence.source, e.evidence.target])
        .flatten()
        .map(|a| (a.start as usize, a.end as usize))
        .collect();
    actor_spans.sort_unstable();
    actor_spans.dedup();
    let not_actor = |r: &Resolved| {
        // Actor spans are short and never nest deeply: look at the ones starting before the mention's end.
        let upto = actor_spans.partition_point(|&(s, _)| s < r.end);
        !actor_spans[..upto]
            .iter()
            .rev()
            .take(ACTOR_SPANS_LOOKED_AT)
            .any(|&(_, e)| e > r.start)
    };
    let in_span = |start: usize, end: usize| -> &[Resolved] {
        let lo = resolved.partition_point(|r| r.start < start);
        let hi = resolved.partition_point(|r| r.start < end);
        &resolved[lo..hi.max(lo)]
    };
    let locations: Vec<Option<EventLocation>> = doc
        .events
        .iter()
        .map(|e| {
            let own = sentences
                .get(e.sentence as usize)
                .and_then(|&(start, end)| {
                    let verb_end = e.evidence.verb.map_or(start, |v| v.end as usize);
                    let here = || {
                        in_span(start, end)
                            .iter()
                            .filter(|r| r.end <= end && not_actor(r))
                    };
                    // The place nearest after the verb ("attacked the town near Daraa"), else the nearest before it.
                    here()
                        .find(|r| r.start >= verb_end)
                        .or_else(|| here().rfind(|r| r.start < verb_end))
                        .map(|r| (r, dyad_places::LocationHow::Sentence))
                });
            // Else the nearest earlier sentence that names a place: its most specific one.
            let earlier = || {
                let start = sentences.get(e.sentence as usize)?.0;
                let before = resolved.partition_point(|r| r.start < start);
                let last = resolved[..before].last()?;
                let k = sentences
                    .partition_point(|&(s, _)| s <= last.start)
                    .checked_sub(1)?;
                let (s, t) = sentences[k];
                dyad_places::locate::best_in(in_span(s, t), s, t)
                    .map(|r| (r, dyad_places::LocationHow::PrecedingSentence))
            };
            own.or_else(earlier).map(|(r, how)| EventLocation {
                name: r.name.clone(),
                lat: coordinate(r.lat),
                lon: coordinate(r.lon),
                country: r.country_iso3.clone().unwrap_or_default(),
                admin1: r.admin1.clone(),
                feature_class: r.feature_class.to_string(),
                geonameid: r.geonameid,
                span: Some(Span::new(r.start, r.end)),
                how: Some(match how {
                    dyad_places::LocationHow::Sentence => LocationHow::Sentence,
                    dyad_places::LocationHow::PrecedingSentence => LocationHow::PreviousSentence,
                    dyad_places::LocationHow::Dateline => LocationHow::Dateline,
                }),
            })
        })
        .collect();
    for (e, l) in doc.events.iter_mut().zip(locations) {
        e.location = l;
    }
    resolved
}

/// `--explain` lines for the places of sentence `span` (`resolved` sorted by start): each mention, the winner and
/// why, the runners-up.
pub(crate) fn describe_places(text: &str, resolved: &[Resolved], span: Span, out: &mut String) {
    use std::fmt::Write as _;
    let Some(parser) = geoparser() else {
        return;
    };
    // `resolved` is sorted by start: the sentence's mentions are one slice of it.
    let lo = resolved.partition_point(|r| r.start < span.start as usize);
    let hi = resolved.partition_point(|r| r.start < span.end as usize);
    for r in resolved[lo..hi.max(lo)]
        .iter()
        .filter(|r| r.end <= span.end as usize)
    {
        let _ = writeln!(
            out,
            "place: {} → {} ({}, {}, geonameid {}, {:.3} {:.3}): {}",
            text.get(r.start..r.end).unwrap_or(""),
            r.name,
            r.country_iso3.as_deref().unwrap_or("-"),
            r.feature_class,
            r.geonameid,
            r.lat,
            r.lon,
            r.reason
        );
        for c in r.candidates.iter().skip(1).take(3) {
            let p = parser.gazetteer().place(c.place);
            let _ = writeln!(
                out,
                "  also considered: {} (geonameid {}) score {:.2}: {}",
                p.name, c.geonameid, c.score, c.reason
            );
        }
    }
}

/// A coordinate as written: five decimals (about a metre), as the gazetteer gives them, without the binary noise
/// of its single-precision storage.
pub(crate) fn coordinate(degrees: f64) -> f64 {
    (degrees * 1e5).round() / 1e5
}
