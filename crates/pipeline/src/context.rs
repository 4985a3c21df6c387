//! After coding: where and when each event happened and according to whom, from the places, dates and quotes
//! stages.
//!
//! Dates: the date expression of an event's sentence nearest its verb ("attacked the town on Tuesday"), resolved
//! against the publication date, else the publication date (`date_how` says which). Attribution: an event whose
//! verb lies inside a quote or a reported claim is `claimed`, `reported_by` the speaker, coded with the actor
//! dictionaries ("the Syrian foreign ministry" → `SYRGOV`); a pronoun speaker takes its antecedent's code. Only
//! documents with events pay for any of the stages, and quotes are read only up to the last event's sentence.
//!
//! # Cost
//! Measured on Reuters-21578 (`dyad bench coding`, 150,109 sentences, 7,032 stories with events) as a share of
//! the time cleaning, splitting and coding take, from perf samples of one run (so the machine's load cancels out;
//! figures vary by ±0.03 between runs): places about 0.25 (toponym recognition over the whole story about
//! four-fifths of it, resolution one fifth; 0.34–0.38 before resolution stopped writing reasons only `--explain`
//! reads and a name filter spared the index probes), dates 0.02, quotes 0.05 (0.07 before reading stopped at the
//! last event's sentence). With all three the pipeline ran at about 0.68 of its speed without them when places
//! took 0.38. Places read the
//! whole story on purpose: reading only the events' sentences (and the ones before them back to a place) reads
//! half the text and changes 2% of event locations on Reuters-21578; on LGL (local news) the same restriction
//! lowers recognition recall from 0.80 to 0.75 and acc@161 from 0.85 to 0.79, because the story's other places
//! and the names it shows as persons' decide ambiguous names.

use dyad_coding::Coder;
use dyad_model::{Document, EventLocation, Limit, LocationHow, ReportedBy, Span};
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
    // A claim holds a verb of its own sentence or, for a quote over several sentences, of one before the sentence
    // that closes it: nothing after the last event's sentence (and the quote open there) needs reading.
    let last = doc
        .events
        .iter()
        .map(|e| e.sentence as usize)
        .max()
        .unwrap_or(0);
    let attributions = dyad_quotes::attributions_through(doc, last);
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

/// The place mentions of `doc` resolved, with `codes` (the events' source and target actor codes, in event
/// order) giving the actor countries as context, and the body's dateline as a hint; with the number of mentions
/// left unresolved for [`dyad_places::MAX_MENTIONS_RESOLVED`].
pub(crate) fn resolve_places(doc: &Document, codes: &[&str]) -> (Vec<Resolved>, u32) {
    let Some(parser) = geoparser() else {
        return (Vec::new(), 0);
    };
    let gazetteer = parser.gazetteer();
    let mut countries: Vec<&str> = Vec::new();
    for code in codes {
        if let Some(iso3) = code.get(..3) {
            if !countries.contains(&iso3) && gazetteer.country_by_iso3(iso3).is_some() {
                countries.push(iso3);
            }
        }
    }
    let toponyms = parser.find_in_document(doc);
    if toponyms.is_empty() {
        return (Vec::new(), 0);
    }
    // The dateline ("AMMAN - ...") opening the body: a hint for resolving the story's other names.
    let body = doc.slice(doc.body);
    let dateline = dyad_places::recognize::dateline_of(body).and_then(|(s, e)| body.get(s..e));
    let context = Context {
        countries: &countries,
        dateline,
    };
    let left_out = dyad_places::mentions_left_out(&toponyms);
    (parser.resolve(&doc.text, &toponyms, &context), left_out)
}

/// A place mention as resolved: the place chosen, why, and the other candidates considered.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct PlaceChoice {
    /// Byte span of the mention in the document's text.
    pub start: usize,
    pub end: usize,
    /// The place chosen (the gazetteer's name), its GeoNames id and country (ISO 3166 alpha-3).
    pub name: String,
    pub geonameid: u32,
    pub country: Option<String>,
    /// Why it won, in words ("scored 9.10 over 6.02: prior ...", "the only place of that name").
    pub reason: String,
    /// The runners-up, best first (at most [`RUNNERS_UP`]).
    pub considered: Vec<Considered>,
}

/// A candidate place that lost.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Considered {
    pub name: String,
    pub geonameid: u32,
    pub country: Option<String>,
    pub score: f64,
    pub reason: String,
}

/// Runners-up kept per mention.
pub const RUNNERS_UP: usize = 3;

/// How the places `doc` names were resolved, in text order; see [`crate::Pipeline::places_considered`].
pub(crate) fn place_choices(doc: &Document, codes: &[&str]) -> Vec<PlaceChoice> {
    let Some(parser) = geoparser() else {
        return Vec::new();
    };
    let gazetteer = parser.gazetteer();
    let (mut resolved, _) = resolve_places(doc, codes);
    resolved.sort_by_key(|r| (r.start, r.end));
    resolved
        .iter()
        .map(|r| PlaceChoice {
            start: r.start,
            end: r.end,
            name: r.name.clone(),
            geonameid: r.geonameid,
            country: r.country_iso3.clone(),
            reason: r.reason(&doc.text),
            considered: r
                .candidates
                .iter()
                .skip(1)
                .take(RUNNERS_UP)
                .map(|c| {
                    let p = gazetteer.place(c.place);
                    Considered {
                        name: p.name.to_string(),
                        geonameid: c.geonameid,
                        country: gazetteer.country_of(p).map(|c| c.iso3.clone()),
                        score: c.score,
                        reason: c.reason(&doc.text),
                    }
                })
                .collect(),
        })
        .collect()
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
    let codes: Vec<&str> = doc
        .events
        .iter()
        .flat_map(|e| [e.source.as_str(), e.target.as_str()])
        .collect();
    let (resolved, left_out) = resolve_places(doc, &codes);
    doc.limits.note_times(Limit::PlaceMentions, left_out);
    if resolved.is_empty() {
        return Vec::new();
    }
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
            r.reason(text)
        );
        for c in r.candidates.iter().skip(1).take(3) {
            let p = parser.gazetteer().place(c.place);
            let _ = writeln!(
                out,
                "  also considered: {} (geonameid {}) score {:.2}: {}",
                p.name,
                c.geonameid,
                c.score,
                c.reason(text)
            );
        }
    }
}

/// `--explain` lines for the dates of the events `events` (indices into `doc.events`) of the sentence at `span`:
/// the date expressions the sentence holds, then each event's date and why it got it — the expression after its
/// verb in its clause or else the nearest one, or the publication date when the sentence names none.
pub(crate) fn describe_dates(doc: &Document, events: &[usize], span: Span, out: &mut String) {
    use std::fmt::Write as _;
    if events.is_empty() {
        return;
    }
    let publication = dyad_dates::publication_of(doc);
    let mentions = dyad_dates::resolve_in(&doc.text, span, publication);
    if !mentions.is_empty() {
        let listed: Vec<String> = mentions
            .iter()
            .map(|m| {
                format!(
                    "\"{}\" → {} ({})",
                    doc.slice(m.span),
                    m.date.to_iso(),
                    precision_name(m.precision)
                )
            })
            .collect();
        let _ = writeln!(out, "date expressions: {}", listed.join(", "));
    }
    for &k in events {
        let Some(e) = doc.events.get(k) else {
            continue;
        };
        let verb = e.evidence.verb.map_or("", |v| doc.slice(v));
        let head = format!(
            "date of {} / {} / {} ({verb})",
            e.source,
            or_dashes(&e.target),
            e.cameo
        );
        let precision = e.date_precision.map_or("", precision_name);
        let _ = match (e.date.as_deref(), e.date_how, e.date_span) {
            (Some(date), Some(dyad_model::DateHow::Sentence), Some(at)) => {
                let side = match e.evidence.verb {
                    Some(v) if at.start >= v.end => "after its verb, in its clause",
                    Some(_) => "nearest its verb",
                    None => "first in the sentence",
                };
                writeln!(
                    out,
                    "{head}: {date} ({precision}) from \"{}\", the date expression {side}",
                    doc.slice(at)
                )
            }
            (Some(date), _, _) => writeln!(
                out,
                "{head}: {date} ({precision}), the publication date: the sentence names no date"
            ),
            (None, _, _) => writeln!(
                out,
                "{head}: none: the sentence names no date and the document has no publication date"
            ),
        };
    }
}

fn precision_name(p: dyad_model::DatePrecision) -> &'static str {
    match p {
        dyad_model::DatePrecision::Day => "day",
        dyad_model::DatePrecision::Week => "week",
        dyad_model::DatePrecision::Month => "month",
        dyad_model::DatePrecision::Year => "year",
    }
}

fn or_dashes(code: &str) -> &str {
    if code.is_empty() {
        "---"
    } else {
        code
    }
}

/// A coordinate as written: five decimals (about a metre), as the gazetteer gives them, without the binary noise
/// of its single-precision storage.
pub(crate) fn coordinate(degrees: f64) -> f64 {
    (degrees * 1e5).round() / 1e5
}

#[cfg(test)]
mod tests {
    use super::*;
    use dyad_model::date::Date;

    fn explained_dates(text: &str) -> String {
        let doc = crate::Pipeline::builtin()
            .expect("dictionaries")
            .with_default_date(Date::from_ymd(2018, 5, 30).expect("a date"))
            .process_text(text);
        let mut out = String::new();
        for (i, s) in doc.sentences.iter().enumerate() {
            let events: Vec<usize> = (0..doc.events.len())
                .filter(|&k| doc.events[k].sentence as usize == i)
                .collect();
            describe_dates(&doc, &events, s.span, &mut out);
        }
        out
    }

    #[test]
    fn explain_says_which_date_each_event_got_and_why() {
        let out = explained_dates("Russia accused Iran on Monday. Israel warned Syria.");
        assert!(
            out.contains("date expressions: \"on Monday\" → 2018-05-28 (day)"),
            "{out}"
        );
        assert!(
            out.contains(
                ": 2018-05-28 (day) from \"on Monday\", the date expression after its verb"
            ),
            "{out}"
        );
        assert!(
            out.contains(": 2018-05-30 (day), the publication date: the sentence names no date"),
            "{out}"
        );
    }
}
