//! The JSON endpoints, their response types and the OpenAPI document generated from them ([`ApiDoc`]).
//!
//! Events are written exactly as `dyad export` writes them (the stored record with the store's fields,
//! [`dyad_store::query::Row::to_json`]); aggregates count the same events — merged by default, raw with
//! `raw=true`. Offsets: spans are byte offsets into the document's clean text (`spans`, as everywhere in dyad);
//! `char_spans` are the same ranges in Unicode code points (Python's `str`), `js_spans` in UTF-16 code units
//! (JavaScript's `String.prototype.slice`).

use crate::error::ApiError;
use crate::params::{Params, DEFAULT_PAGE, EXPORT_FORMATS, MAX_PAGE};
use crate::pool::Stores;
use crate::{assets, json_response};
use axum::body::{Body, Bytes};
use axum::extract::{Path, RawQuery, State};
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::Response;
use axum::routing::get;
use axum::Router;
use dyad_model::{Event, RuleRef, Span};
use dyad_store::query::{PairCount, Row};
use serde::Serialize;
use serde_json::value::RawValue;
use std::collections::HashMap;
use utoipa::{IntoParams, OpenApi, ToSchema};

/// Partners listed per actor in `/api/actors`.
pub const TOP_PARTNERS: usize = 5;

/// Every route.
pub fn routes(stores: Stores) -> Router {
    Router::new()
        .route("/", get(index))
        .route("/static/{*path}", get(static_file))
        .route("/api/events", get(events))
        .route("/api/events/{id}", get(event))
        .route("/api/documents/{id}", get(document))
        .route("/api/actors", get(actors))
        .route("/api/timeline", get(timeline))
        .route("/api/map", get(map))
        .route("/api/network", get(network))
        .route("/api/runs", get(runs))
        .route("/api/export", get(export))
        .route("/api/openapi.json", get(openapi))
        .with_state(stores)
}

/// The OpenAPI document: every path, generated from the handlers below.
#[derive(OpenApi)]
#[openapi(
    info(
        title = "dyad",
        description = "Read-only API over a dyad event store: events (merged per story by default), one event with \
its evidence, documents with highlighted spans, actors, timeline, map and network aggregates, runs, exports. \
Errors are {\"status\", \"message\"}; a bad parameter is 400 and names it."
    ),
    paths(
        index,
        static_file,
        events,
        event,
        document,
        actors,
        timeline,
        map,
        network,
        runs,
        export,
        openapi
    ),
    components(schemas(
        ApiError,
        EventsResponse,
        EventResponse,
        EvidenceJson,
        MentionJson,
        DocumentResponse,
        SentenceJson,
        DocumentEvent,
        Spans,
        Rules,
        RuleJson,
        PlaceChoiceJson,
        ConsideredJson,
        ActorsResponse,
        ActorJson,
        PartnerJson,
        TimelineResponse,
        BucketJson,
        MapResponse,
        PlaceJson,
        NetworkResponse,
        NodeJson,
        EdgeJson,
        RunsResponse,
        RunJson
    ))
)]
pub struct ApiDoc;

// ------------------------------------------------------------------------------------------ parameters (documentation)

/// The filters every event endpoint takes (all optional; each narrows).
#[derive(IntoParams)]
#[into_params(parameter_in = Query)]
#[allow(dead_code)] // Describes the parameters for the OpenAPI document; `params` reads them.
pub struct FilterParams {
    /// First day, inclusive, on the event's date (YYYY-MM-DD).
    since: Option<String>,
    /// Last day, inclusive (YYYY-MM-DD).
    until: Option<String>,
    /// Actor code prefix, source or target (e.g. SYR, SYRGOV).
    actor: Option<String>,
    /// Source actor code prefix.
    source: Option<String>,
    /// Target actor code prefix.
    target: Option<String>,
    /// CAMEO code prefix (1–4 digits).
    cameo: Option<String>,
    /// CAMEO root code, 01–20.
    root: Option<String>,
    /// Quad class 1–4.
    quad: Option<u8>,
    /// PLOVER event type (e.g. ASSAULT).
    plover: Option<String>,
    /// Country of the event's location (ISO 3166 alpha-3).
    country: Option<String>,
    /// Bounding box of the event's location: west,south,east,north (degrees).
    bbox: Option<String>,
    /// Full-text query over the articles (SQLite FTS5 syntax).
    q: Option<String>,
    /// Only claimed (reported) events (true) or only the others (false).
    claimed: Option<bool>,
    /// Raw per-sentence events instead of merged events.
    raw: Option<bool>,
    /// Read this coding generation (a run id) instead of the current one.
    generation: Option<i64>,
    /// Two actor code prefixes A,B: events of A on B (with both=true, either way).
    dyad: Option<String>,
    /// With dyad: both directions.
    both: Option<bool>,
}

/// Paging of `/api/events`.
#[derive(IntoParams)]
#[into_params(parameter_in = Query)]
#[allow(dead_code)] // Documentation only, as above.
pub struct PageParams {
    /// id, -id, date, -date, goldstein, -goldstein, mentions, -mentions (default id; ties by id).
    sort: Option<String>,
    /// Events per page, 1–1000 (default 100).
    limit: Option<u32>,
    /// `next_cursor` of the previous page, as given.
    cursor: Option<String>,
}

/// How many rows an aggregate returns.
#[derive(IntoParams)]
#[into_params(parameter_in = Query)]
#[allow(dead_code)] // Documentation only, as above.
pub struct LimitParams {
    /// Rows to return (actors: 1–1000, default 50; network edges: 1–1000, default 100; places: 1–10000,
    /// default 1000).
    limit: Option<u32>,
}

/// The timeline's period.
#[derive(IntoParams)]
#[into_params(parameter_in = Query)]
#[allow(dead_code)] // Documentation only, as above.
pub struct IntervalParams {
    /// day (default), week (ISO weeks, named by their Monday) or month.
    interval: Option<String>,
}

/// The export's format.
#[derive(IntoParams)]
#[into_params(parameter_in = Query)]
#[allow(dead_code)] // Documentation only, as above.
pub struct FormatParams {
    /// jsonl (default), csv, gdelt or plover: the bytes `dyad export --format` writes.
    format: Option<String>,
}

// ------------------------------------------------------------------------------------------ responses

/// A page of events.
#[derive(Serialize, ToSchema)]
pub struct EventsResponse {
    /// Events as `dyad export` writes them (JSONL records).
    #[schema(value_type = Vec<Object>)]
    pub events: Vec<Box<RawValue>>,
    /// Pass as `cursor` for the next page; null on the last page.
    pub next_cursor: Option<String>,
}

/// One event, its evidence and every sentence that reported it.
#[derive(Serialize, ToSchema)]
pub struct EventResponse {
    #[schema(value_type = Object)]
    pub event: Box<RawValue>,
    pub evidence: Vec<EvidenceJson>,
    pub mentions: Vec<MentionJson>,
}

/// An evidence span (byte offsets into the document's clean text) and the rule behind it.
#[derive(Serialize, ToSchema)]
pub struct EvidenceJson {
    /// source, verb or target.
    pub role: String,
    pub start: i64,
    pub end: i64,
    pub text: String,
    pub rule_file: Option<String>,
    pub rule_line: Option<i64>,
    pub rule_text: Option<String>,
}

/// A sentence that reported the event.
#[derive(Serialize, ToSchema)]
pub struct MentionJson {
    /// The raw event's id.
    pub event_id: i64,
    pub doc_id: String,
    /// The stored document's id, for `/api/documents/{id}`.
    pub document: i64,
    pub sentence: i64,
    pub url: Option<String>,
    pub sentence_text: String,
}

/// A stored document with its sentences and events.
#[derive(Serialize, ToSchema)]
pub struct DocumentResponse {
    pub id: i64,
    pub doc_id: String,
    pub title: Option<String>,
    /// The clean text; `spans` are byte offsets into it.
    pub text: String,
    pub url: Option<String>,
    pub outlet: Option<String>,
    pub date: Option<String>,
    pub sentences: Vec<SentenceJson>,
    pub events: Vec<DocumentEvent>,
}

/// A sentence: byte offsets, and UTF-16 offsets for JavaScript.
#[derive(Serialize, ToSchema)]
pub struct SentenceJson {
    pub start: u32,
    pub end: u32,
    /// headline or body.
    pub part: String,
    pub js_start: u32,
    pub js_end: u32,
}

/// One raw event of a document, with its spans in three units and its rules.
#[derive(Serialize, ToSchema)]
pub struct DocumentEvent {
    pub event_id: i64,
    pub sentence: u32,
    pub source: String,
    pub target: String,
    pub cameo: String,
    /// 1–4.
    pub quad_class: Option<u8>,
    pub goldstein: Option<f32>,
    pub date: Option<String>,
    /// The event's place (name, lat, lon, country, admin1, feature_class, geonameid, span, how).
    #[schema(value_type = Option<Object>)]
    pub location: Option<serde_json::Value>,
    pub claimed: bool,
    /// Who asserts it (actor, span, outlet), when claimed.
    #[schema(value_type = Option<Object>)]
    pub reported_by: Option<serde_json::Value>,
    /// Byte offsets into `text`.
    pub spans: Spans,
    /// Unicode code point offsets.
    pub char_spans: Spans,
    /// UTF-16 code unit offsets (JavaScript string indices).
    pub js_spans: Spans,
    pub rules: Rules,
    /// How the event's place was chosen, when the document names it: the place, why, and the runners-up.
    pub place_choice: Option<PlaceChoiceJson>,
}

/// A place mention as resolved: the place chosen, why, and the other candidates considered, best first.
#[derive(Serialize, ToSchema)]
pub struct PlaceChoiceJson {
    pub name: String,
    pub geonameid: u32,
    /// ISO 3166 alpha-3.
    pub country: Option<String>,
    pub reason: String,
    pub considered: Vec<ConsideredJson>,
}

/// A candidate place that lost, with its score and what made it up.
#[derive(Serialize, ToSchema)]
pub struct ConsideredJson {
    pub name: String,
    pub geonameid: u32,
    pub country: Option<String>,
    pub score: f64,
    pub reason: String,
}

impl From<dyad_pipeline::PlaceChoice> for PlaceChoiceJson {
    fn from(c: dyad_pipeline::PlaceChoice) -> PlaceChoiceJson {
        PlaceChoiceJson {
            name: c.name,
            geonameid: c.geonameid,
            country: c.country,
            reason: c.reason,
            considered: c
                .considered
                .into_iter()
                .map(|k| ConsideredJson {
                    name: k.name,
                    geonameid: k.geonameid,
                    country: k.country,
                    score: (k.score * 100.0).round() / 100.0,
                    reason: k.reason,
                })
                .collect(),
        }
    }
}

/// How the places of a stored document were resolved (see [`dyad_pipeline::Pipeline::places_considered`]):
/// `document` is its stored JSON, `codes` its events' actor codes in order. Empty when it cannot be read back.
fn place_choices(
    document: &str,
    text: String,
    codes: &[String],
) -> Vec<dyad_pipeline::PlaceChoice> {
    let Ok(mut doc) = serde_json::from_str::<dyad_model::Document>(document) else {
        return Vec::new();
    };
    doc.text = text;
    let codes: Vec<&str> = codes.iter().map(String::as_str).collect();
    dyad_pipeline::Pipeline::places_considered(&doc, &codes)
}

/// `[start, end)` of each part of an event, or null.
#[derive(Serialize, ToSchema, Default)]
pub struct Spans {
    pub source: Option<[u32; 2]>,
    pub verb: Option<[u32; 2]>,
    pub target: Option<[u32; 2]>,
    pub place: Option<[u32; 2]>,
    pub date: Option<[u32; 2]>,
}

/// The dictionary rules that coded an event.
#[derive(Serialize, ToSchema)]
pub struct Rules {
    pub source: Option<RuleJson>,
    pub verb: Option<RuleJson>,
    pub target: Option<RuleJson>,
}

/// A dictionary rule: file, line, text as written.
#[derive(Serialize, ToSchema)]
pub struct RuleJson {
    pub file: String,
    pub line: u32,
    pub text: String,
}

#[derive(Serialize, ToSchema)]
pub struct ActorsResponse {
    pub actors: Vec<ActorJson>,
}

/// An actor's events.
#[derive(Serialize, ToSchema)]
pub struct ActorJson {
    pub code: String,
    /// Events with the actor on either side (once when on both).
    pub events: i64,
    pub as_source: i64,
    pub as_target: i64,
    /// The actors it meets most, either direction.
    pub top_partners: Vec<PartnerJson>,
}

#[derive(Serialize, ToSchema)]
pub struct PartnerJson {
    pub code: String,
    pub events: i64,
}

/// Events per period.
#[derive(Serialize, ToSchema)]
pub struct TimelineResponse {
    /// day, week or month.
    pub interval: String,
    /// Events without a date (not in any bucket).
    pub undated: i64,
    pub buckets: Vec<BucketJson>,
}

#[derive(Serialize, ToSchema)]
pub struct BucketJson {
    /// The period's first day, YYYY-MM-DD.
    pub period: String,
    pub count: i64,
    /// Events per quad class 1, 2, 3, 4.
    pub by_quad: [i64; 4],
    pub mean_goldstein: Option<f64>,
}

/// Events per place (located events only).
#[derive(Serialize, ToSchema)]
pub struct MapResponse {
    pub places: Vec<PlaceJson>,
}

#[derive(Serialize, ToSchema)]
pub struct PlaceJson {
    pub name: String,
    pub lat: f64,
    pub lon: f64,
    pub country: String,
    pub geonameid: i64,
    pub count: i64,
    pub mean_goldstein: Option<f64>,
}

/// Actors and the events between them (the `limit` largest edges and their actors).
#[derive(Serialize, ToSchema)]
pub struct NetworkResponse {
    pub nodes: Vec<NodeJson>,
    pub edges: Vec<EdgeJson>,
}

#[derive(Serialize, ToSchema)]
pub struct NodeJson {
    /// The actor code.
    pub id: String,
    /// All the actor's events under the filter.
    pub events: i64,
}

#[derive(Serialize, ToSchema)]
pub struct EdgeJson {
    pub source: String,
    pub target: String,
    pub count: i64,
    pub mean_goldstein: Option<f64>,
}

#[derive(Serialize, ToSchema)]
pub struct RunsResponse {
    /// The generation queries read by default.
    pub generation: Option<i64>,
    pub runs: Vec<RunJson>,
}

/// One ingest or re-code.
#[derive(Serialize, ToSchema)]
pub struct RunJson {
    pub id: i64,
    /// ingest or recode.
    pub kind: String,
    pub generation: i64,
    /// True for the runs of the generation queries read by default.
    pub current: bool,
    pub binary_version: String,
    pub dictionaries: String,
    pub fingerprint: String,
    #[schema(value_type = Object)]
    pub options: serde_json::Value,
    #[schema(value_type = Object)]
    pub inputs: serde_json::Value,
    pub started: String,
    pub finished: Option<String>,
    pub records_seen: i64,
    pub documents_added: i64,
    pub duplicates: i64,
    pub events_added: i64,
    pub errors: i64,
}

// ------------------------------------------------------------------------------------------ handlers

fn json<T: Serialize>(value: &T) -> Result<Response, ApiError> {
    serde_json::to_vec(value)
        .map(|b| json_response(StatusCode::OK, b))
        .map_err(|e| ApiError::new(StatusCode::INTERNAL_SERVER_ERROR, e.to_string()))
}

fn raw_json(row: &Row) -> Result<Box<RawValue>, ApiError> {
    RawValue::from_string(row.to_json()).map_err(|e| {
        ApiError::new(
            StatusCode::INTERNAL_SERVER_ERROR,
            format!("event {}: the stored record is not JSON ({e})", row.id),
        )
    })
}

/// A mean Goldstein score to three decimals (the scores have one).
fn mean(v: Option<f64>) -> Option<f64> {
    v.map(|x| (x * 1000.0).round() / 1000.0)
}

/// A positive id from the path.
fn path_id(v: &str) -> Result<i64, ApiError> {
    v.parse::<i64>().ok().filter(|i| *i > 0).ok_or_else(|| {
        ApiError::parameter(
            "id",
            format!("{v:?} is not an id (a positive whole number)"),
        )
    })
}

/// The page.
#[utoipa::path(get, path = "/", responses((status = 200, description = "index.html", content_type = "text/html")))]
pub async fn index() -> Response {
    assets::response("index.html").unwrap_or_else(|| {
        axum::response::IntoResponse::into_response(ApiError::not_found("no page"))
    })
}

/// The page's files (app.js, style.css, world.json, ...), embedded in the binary.
#[utoipa::path(get, path = "/static/{path}",
    params(("path" = String, Path, description = "a file of the page")),
    responses((status = 200, description = "the file"), (status = 404, body = ApiError)))]
pub async fn static_file(Path(path): Path<String>) -> Response {
    assets::response(&path).unwrap_or_else(|| {
        axum::response::IntoResponse::into_response(ApiError::not_found(format!(
            "no static file {:?}",
            path.chars().take(100).collect::<String>()
        )))
    })
}

/// Events matching the filters, a page at a time (keyset pagination: pass `next_cursor` back as `cursor`).
#[utoipa::path(get, path = "/api/events", params(FilterParams, PageParams),
    responses((status = 200, body = EventsResponse), (status = 400, body = ApiError)))]
pub async fn events(
    State(stores): State<Stores>,
    RawQuery(query): RawQuery,
) -> Result<Response, ApiError> {
    let p = Params::parse(query.as_deref(), true, &["sort", "limit", "cursor"])?;
    let filter = p.filter()?;
    let raw = p.raw()?;
    let sort = p.sort()?;
    let cursor = p.cursor(sort)?;
    let limit = p.number("limit", 1..=MAX_PAGE, DEFAULT_PAGE)?;
    let page = stores
        .aggregates(move |s| {
            s.events_page(&filter, !raw, sort, cursor.as_ref(), limit)
                .map_err(|e| ApiError::query(e, &filter))
        })
        .await?;
    json(&EventsResponse {
        events: page.rows.iter().map(raw_json).collect::<Result<_, _>>()?,
        next_cursor: page.next.map(|c| c.encode()),
    })
}

/// One event (merged by default; `raw=true` for a raw event id) with its evidence and mentions.
#[utoipa::path(get, path = "/api/events/{id}",
    params(("id" = i64, Path, description = "event id (`event_id`)"),
           ("raw" = Option<bool>, Query, description = "the raw event itself, not the merged event it belongs to")),
    responses((status = 200, body = EventResponse), (status = 400, body = ApiError), (status = 404, body = ApiError)))]
pub async fn event(
    State(stores): State<Stores>,
    Path(id): Path<String>,
    RawQuery(query): RawQuery,
) -> Result<Response, ApiError> {
    let p = Params::parse(query.as_deref(), false, &["raw"])?;
    let raw = p.raw()?;
    let id = path_id(&id)?;
    let detail = stores
        .with(move |s| s.event(id, !raw).map_err(ApiError::store))
        .await?
        .ok_or_else(|| ApiError::not_found(format!("no event {id}")))?;
    json(&EventResponse {
        event: raw_json(&detail.row)?,
        evidence: detail
            .evidence
            .into_iter()
            .map(|e| EvidenceJson {
                role: e.role,
                start: e.start,
                end: e.end,
                text: e.text,
                rule_file: e.rule_file,
                rule_line: e.rule_line,
                rule_text: e.rule_text,
            })
            .collect(),
        mentions: detail
            .mentions
            .into_iter()
            .map(|m| MentionJson {
                event_id: m.event_id,
                doc_id: m.doc_id,
                document: m.document,
                sentence: m.sentence,
                url: m.url,
                sentence_text: m.sentence_text,
            })
            .collect(),
    })
}

/// Offsets of a text's byte positions in code points and UTF-16 code units.
struct Offsets {
    chars: Vec<u32>,
    utf16: Vec<u32>,
}

impl Offsets {
    fn of(text: &str) -> Offsets {
        let mut chars = vec![0u32; text.len() + 1];
        let mut utf16 = vec![0u32; text.len() + 1];
        let (mut c, mut u) = (0u32, 0u32);
        for (i, ch) in text.char_indices() {
            for b in i..i + ch.len_utf8() {
                chars[b] = c;
                utf16[b] = u;
            }
            c += 1;
            u += ch.len_utf16() as u32;
        }
        chars[text.len()] = c;
        utf16[text.len()] = u;
        Offsets { chars, utf16 }
    }

    /// `span` in bytes, code points and UTF-16 units; `None` when it does not lie in the text.
    fn span(&self, span: Option<Span>) -> [Option<[u32; 2]>; 3] {
        match span {
            Some(s) if (s.end as usize) < self.chars.len() && s.start <= s.end => {
                let (a, b) = (s.start as usize, s.end as usize);
                [
                    Some([s.start, s.end]),
                    Some([self.chars[a], self.chars[b]]),
                    Some([self.utf16[a], self.utf16[b]]),
                ]
            }
            _ => [None, None, None],
        }
    }
}

fn rule(r: Option<RuleRef>) -> Option<RuleJson> {
    r.map(|r| RuleJson {
        file: r.file,
        line: r.line,
        text: r.text,
    })
}

/// A stored document: its clean text, sentences, and events with their spans and rules.
#[utoipa::path(get, path = "/api/documents/{id}",
    params(("id" = i64, Path, description = "stored document id (`document` of a mention)"),
           ("generation" = Option<i64>, Query, description = "the coding generation of its events")),
    responses((status = 200, body = DocumentResponse), (status = 400, body = ApiError), (status = 404, body = ApiError)))]
pub async fn document(
    State(stores): State<Stores>,
    Path(id): Path<String>,
    RawQuery(query): RawQuery,
) -> Result<Response, ApiError> {
    let p = Params::parse(query.as_deref(), false, &["generation"])?;
    let generation = p.filter_generation()?;
    let id = path_id(&id)?;
    let doc = stores
        .with(move |s| s.document(id, generation).map_err(ApiError::store))
        .await?
        .ok_or_else(|| ApiError::not_found(format!("no document {id}")))?;
    let offsets = Offsets::of(&doc.text);
    let sentences = serde_json::from_str::<serde_json::Value>(&doc.document)
        .ok()
        .and_then(|v| v.get("sentences").cloned())
        .and_then(|s| serde_json::from_value::<Vec<dyad_model::Sentence>>(s).ok())
        .unwrap_or_default()
        .into_iter()
        .filter_map(|s| {
            let [_, _, js] = offsets.span(Some(s.span));
            let js = js?;
            Some(SentenceJson {
                start: s.span.start,
                end: s.span.end,
                part: match s.part {
                    dyad_model::Part::Headline => "headline",
                    dyad_model::Part::Body => "body",
                }
                .to_string(),
                js_start: js[0],
                js_end: js[1],
            })
        })
        .collect();
    let mut parsed = Vec::with_capacity(doc.events.len());
    for row in &doc.events {
        let e: Event = serde_json::from_str(&row.record).map_err(|err| {
            ApiError::new(
                StatusCode::INTERNAL_SERVER_ERROR,
                format!(
                    "event {}: the stored record is not an event record ({err})",
                    row.id
                ),
            )
        })?;
        parsed.push((row.id, e));
    }
    // The places considered: the places stage again on the stored text (the gazetteer loads once, on a
    // blocking thread), with the events' actors as context, as when it was coded.
    let choices = {
        let codes: Vec<String> = parsed
            .iter()
            .flat_map(|(_, e)| [e.source.clone(), e.target.clone()])
            .collect();
        let (json, text) = (doc.document.clone(), doc.text.clone());
        tokio::task::spawn_blocking(move || place_choices(&json, text, &codes))
            .await
            .unwrap_or_default()
    };
    let mut events = Vec::with_capacity(parsed.len());
    for (id, e) in parsed {
        let mut spans = Spans::default();
        let mut char_spans = Spans::default();
        let mut js_spans = Spans::default();
        let place = e.location.as_ref().and_then(|l| l.span);
        for (span, slot) in [
            (e.evidence.source, 0),
            (e.evidence.verb, 1),
            (e.evidence.target, 2),
            (place, 3),
            (e.date_span, 4),
        ] {
            let [b, c, j] = offsets.span(span);
            for (spans, v) in [(&mut spans, b), (&mut char_spans, c), (&mut js_spans, j)] {
                *match slot {
                    0 => &mut spans.source,
                    1 => &mut spans.verb,
                    2 => &mut spans.target,
                    3 => &mut spans.place,
                    _ => &mut spans.date,
                } = v;
            }
        }
        let place_choice = place.and_then(|span| {
            let at = choices
                .iter()
                .position(|c| (c.start, c.end) == (span.start as usize, span.end as usize))?;
            Some(PlaceChoiceJson::from(choices[at].clone()))
        });
        events.push(DocumentEvent {
            event_id: id,
            place_choice,
            sentence: e.sentence,
            quad_class: e.quad_class.map(|q| q.number()),
            goldstein: e.goldstein,
            location: e
                .location
                .as_ref()
                .and_then(|l| serde_json::to_value(l).ok()),
            reported_by: e
                .reported_by
                .as_ref()
                .and_then(|r| serde_json::to_value(r).ok()),
            claimed: e.claimed,
            spans,
            char_spans,
            js_spans,
            rules: Rules {
                source: rule(e.evidence.source_rule),
                verb: rule(e.evidence.verb_rule),
                target: rule(e.evidence.target_rule),
            },
            source: e.source,
            target: e.target,
            cameo: e.cameo,
            date: e.date,
        });
    }
    json(&DocumentResponse {
        id: doc.id,
        doc_id: doc.doc_id,
        title: doc.title,
        text: doc.text,
        url: doc.url,
        outlet: doc.outlet,
        date: doc.date,
        sentences,
        events,
    })
}

/// Each actor's partners, most events first, from the pair counts.
fn partners(pairs: &[PairCount]) -> HashMap<&str, Vec<(&str, i64)>> {
    let mut by: HashMap<&str, HashMap<&str, i64>> = HashMap::new();
    for p in pairs {
        *by.entry(&p.source)
            .or_default()
            .entry(&p.target)
            .or_default() += p.count;
        if p.source != p.target {
            *by.entry(&p.target)
                .or_default()
                .entry(&p.source)
                .or_default() += p.count;
        }
    }
    by.into_iter()
        .map(|(actor, m)| {
            let mut v: Vec<(&str, i64)> = m.into_iter().collect();
            v.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
            v.truncate(TOP_PARTNERS);
            (actor, v)
        })
        .collect()
}

/// Actors by events (as source or target), with their top partners.
#[utoipa::path(get, path = "/api/actors", params(FilterParams, LimitParams),
    responses((status = 200, body = ActorsResponse), (status = 400, body = ApiError)))]
pub async fn actors(
    State(stores): State<Stores>,
    RawQuery(query): RawQuery,
) -> Result<Response, ApiError> {
    let p = Params::parse(query.as_deref(), true, &["limit"])?;
    let filter = p.filter()?;
    let merged = !p.raw()?;
    let limit = p.number("limit", 1..=1000, 50)?;
    let (actors, pairs) = stores
        .aggregates(move |s| {
            let (pairs, actors) = s
                .pairs_and_actors(&filter, merged, None, Some(limit))
                .map_err(|e| ApiError::query(e, &filter))?;
            Ok((actors, pairs))
        })
        .await?;
    let partners = partners(&pairs);
    json(&ActorsResponse {
        actors: actors
            .into_iter()
            .map(|a| ActorJson {
                top_partners: partners
                    .get(a.code.as_str())
                    .map(|v| {
                        v.iter()
                            .map(|(code, events)| PartnerJson {
                                code: code.to_string(),
                                events: *events,
                            })
                            .collect()
                    })
                    .unwrap_or_default(),
                code: a.code,
                events: a.events,
                as_source: a.as_source,
                as_target: a.as_target,
            })
            .collect(),
    })
}

/// Events per day, week or month: counts per quad class and mean Goldstein.
#[utoipa::path(get, path = "/api/timeline", params(FilterParams, IntervalParams),
    responses((status = 200, body = TimelineResponse), (status = 400, body = ApiError)))]
pub async fn timeline(
    State(stores): State<Stores>,
    RawQuery(query): RawQuery,
) -> Result<Response, ApiError> {
    let p = Params::parse(query.as_deref(), true, &["interval"])?;
    let filter = p.filter()?;
    let merged = !p.raw()?;
    let interval = p.interval()?;
    let t = stores
        .aggregates(move |s| {
            s.timeline(&filter, merged, interval)
                .map_err(|e| ApiError::query(e, &filter))
        })
        .await?;
    json(&TimelineResponse {
        interval: p.get("interval").unwrap_or("day").to_string(),
        undated: t.undated,
        buckets: t
            .buckets
            .into_iter()
            .map(|b| BucketJson {
                period: b.period,
                count: b.count,
                by_quad: b.by_quad,
                mean_goldstein: mean(b.mean_goldstein),
            })
            .collect(),
    })
}

/// Events per place (located events only), most first.
#[utoipa::path(get, path = "/api/map", params(FilterParams, LimitParams),
    responses((status = 200, body = MapResponse), (status = 400, body = ApiError)))]
pub async fn map(
    State(stores): State<Stores>,
    RawQuery(query): RawQuery,
) -> Result<Response, ApiError> {
    let p = Params::parse(query.as_deref(), true, &["limit"])?;
    let filter = p.filter()?;
    let merged = !p.raw()?;
    let limit = p.number("limit", 1..=10_000, 1000)?;
    let places = stores
        .aggregates(move |s| {
            s.places(&filter, merged, limit)
                .map_err(|e| ApiError::query(e, &filter))
        })
        .await?;
    json(&MapResponse {
        places: places
            .into_iter()
            .map(|p| PlaceJson {
                name: p.name,
                lat: p.lat,
                lon: p.lon,
                country: p.country,
                geonameid: p.geonameid,
                count: p.count,
                mean_goldstein: mean(p.mean_goldstein),
            })
            .collect(),
    })
}

/// The largest source→target edges and their actors.
#[utoipa::path(get, path = "/api/network", params(FilterParams, LimitParams),
    responses((status = 200, body = NetworkResponse), (status = 400, body = ApiError)))]
pub async fn network(
    State(stores): State<Stores>,
    RawQuery(query): RawQuery,
) -> Result<Response, ApiError> {
    let p = Params::parse(query.as_deref(), true, &["limit"])?;
    let filter = p.filter()?;
    let merged = !p.raw()?;
    let limit = p.number("limit", 1..=1000, 100)?;
    let (edges, actors) = stores
        .aggregates(move |s| {
            s.pairs_and_actors(&filter, merged, Some(limit), None)
                .map_err(|e| ApiError::query(e, &filter))
        })
        .await?;
    let counts: HashMap<&str, i64> = actors.iter().map(|a| (a.code.as_str(), a.events)).collect();
    let mut nodes: Vec<NodeJson> = Vec::new();
    let mut seen = std::collections::HashSet::new();
    for e in &edges {
        for code in [&e.source, &e.target] {
            if seen.insert(code.as_str()) {
                nodes.push(NodeJson {
                    id: code.clone(),
                    events: counts.get(code.as_str()).copied().unwrap_or(0),
                });
            }
        }
    }
    nodes.sort_by(|a, b| b.events.cmp(&a.events).then(a.id.cmp(&b.id)));
    json(&NetworkResponse {
        nodes,
        edges: edges
            .into_iter()
            .map(|e| EdgeJson {
                source: e.source,
                target: e.target,
                count: e.count,
                mean_goldstein: mean(e.mean_goldstein),
            })
            .collect(),
    })
}

/// The store's runs (ingests and re-codes), the current generation's marked.
#[utoipa::path(get, path = "/api/runs", responses((status = 200, body = RunsResponse)))]
pub async fn runs(
    State(stores): State<Stores>,
    RawQuery(query): RawQuery,
) -> Result<Response, ApiError> {
    Params::parse(query.as_deref(), false, &[])?;
    let (generation, runs) = stores
        .with(|s| {
            Ok((
                s.generation().map_err(ApiError::store)?,
                s.runs().map_err(ApiError::store)?,
            ))
        })
        .await?;
    let parse = |s: String| serde_json::from_str(&s).unwrap_or(serde_json::Value::String(s));
    json(&RunsResponse {
        generation,
        runs: runs
            .into_iter()
            .map(|r| RunJson {
                current: Some(r.generation) == generation,
                id: r.id,
                kind: r.kind,
                generation: r.generation,
                binary_version: r.binary_version,
                dictionaries: r.dictionaries,
                fingerprint: r.fingerprint,
                options: parse(r.options),
                inputs: parse(r.inputs),
                started: r.started,
                finished: r.finished,
                records_seen: r.records_seen,
                documents_added: r.documents_added,
                duplicates: r.duplicates,
                events_added: r.events_added,
                errors: r.errors,
            })
            .collect(),
    })
}

/// Bytes bound for the response body, in chunks of [`EXPORT_CHUNK`].
struct ChannelWriter {
    tx: tokio::sync::mpsc::Sender<Result<Bytes, ApiError>>,
    buf: Vec<u8>,
}

/// Bytes sent to the client at once.
const EXPORT_CHUNK: usize = 64 * 1024;

impl ChannelWriter {
    fn send(&mut self) -> std::io::Result<()> {
        if self.buf.is_empty() {
            return Ok(());
        }
        let chunk = Bytes::from(std::mem::take(&mut self.buf));
        self.tx
            .blocking_send(Ok(chunk))
            .map_err(|_| std::io::Error::new(std::io::ErrorKind::BrokenPipe, "the client left"))
    }
}

impl std::io::Write for ChannelWriter {
    fn write(&mut self, data: &[u8]) -> std::io::Result<usize> {
        self.buf.extend_from_slice(data);
        if self.buf.len() >= EXPORT_CHUNK {
            self.send()?;
        }
        Ok(data.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.send()
    }
}

/// The events matching the filters as `dyad export --format` writes them, streamed as a download.
#[utoipa::path(get, path = "/api/export", params(FilterParams, FormatParams),
    responses((status = 200, description = "the export file (attachment)"), (status = 400, body = ApiError)))]
pub async fn export(
    State(stores): State<Stores>,
    RawQuery(query): RawQuery,
) -> Result<Response, ApiError> {
    let p = Params::parse(query.as_deref(), true, &["format"])?;
    let filter = p.filter()?;
    let raw = p.raw()?;
    let format = p.format()?;
    let (_, _, content_type, ext) = EXPORT_FORMATS
        .iter()
        .find(|(_, f, ..)| *f == format)
        .copied()
        .unwrap_or(EXPORT_FORMATS[0]);
    let (tx, mut rx) = tokio::sync::mpsc::channel::<Result<Bytes, ApiError>>(4);
    let failed = tx.clone();
    tokio::spawn(async move {
        let done = stores
            .with(move |s| {
                let mut out = ChannelWriter {
                    tx,
                    buf: Vec::with_capacity(EXPORT_CHUNK),
                };
                let result = dyad_store::export(s, &filter, raw, format, &mut out)
                    .map_err(|e| ApiError::read(e, &filter))
                    .and_then(|_| {
                        std::io::Write::flush(&mut out).map_err(|e| {
                            ApiError::new(StatusCode::INTERNAL_SERVER_ERROR, e.to_string())
                        })
                    });
                if let Err(e) = result {
                    let _ = out.tx.blocking_send(Err(e));
                }
                Ok(())
            })
            .await;
        if let Err(e) = done {
            let _ = failed.send(Err(e)).await;
        }
    });
    // An error before the first bytes (a bad full-text query) is still an error answer.
    let first = match rx.recv().await {
        Some(Err(e)) => return Err(e),
        Some(Ok(bytes)) => Some(bytes),
        None => None,
    };
    let rest = futures_util::stream::unfold(rx, |mut rx| async move {
        let item = rx.recv().await?;
        Some((item.map_err(|e| std::io::Error::other(e.message)), rx))
    });
    let head = futures_util::stream::iter(first.map(Ok::<Bytes, std::io::Error>));
    let body = Body::from_stream(futures_util::StreamExt::chain(head, rest));
    let mut r = Response::new(body);
    let h = r.headers_mut();
    h.insert(header::CONTENT_TYPE, HeaderValue::from_static(content_type));
    if let Ok(v) = HeaderValue::from_str(&format!("attachment; filename=\"dyad-events.{ext}\"")) {
        h.insert(header::CONTENT_DISPOSITION, v);
    }
    Ok(r)
}

/// This document.
#[utoipa::path(get, path = "/api/openapi.json", responses((status = 200, description = "the OpenAPI 3.1 document")))]
pub async fn openapi() -> Result<Response, ApiError> {
    json(&ApiDoc::openapi())
}
