//! Reading events back: filters, raw events and merged events.
//!
//! Every filter value is bound as an SQL parameter; the SQL text is built only from this module's own fragments.
//!
//! A **merged event** is GDELT's unit: the events of one story (a document and its near-duplicate copies) with
//! the same source, target, CAMEO code, place (GeoNames id) and day. `num_mentions` counts its raw events,
//! `num_articles` the distinct documents they come from, `num_sources` the distinct outlets (a document whose
//! outlet is unknown counts as an outlet of its own). The merged event's fields are those of its first raw event,
//! and `mentions` lists the sentences behind it.

use crate::{Store, StoreError};
use rusqlite::types::Value;

/// Which events to read. Every field narrows; the default is every event of the store's current generation.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Filter {
    /// First day (`YYYY-MM-DD`), inclusive, on the event's date.
    pub since: Option<String>,
    /// Last day (`YYYY-MM-DD`), inclusive.
    pub until: Option<String>,
    /// Actor code prefix matching the source or the target (`SYR`, `SYRGOV`).
    pub actor: Option<String>,
    /// Source actor code prefix.
    pub source: Option<String>,
    /// Target actor code prefix.
    pub target: Option<String>,
    /// CAMEO code prefix (`19` is every code of root 19; `190` that code and its children).
    pub cameo: Option<String>,
    /// CAMEO root code exactly (`"19"`).
    pub root: Option<String>,
    /// Quad class 1–4.
    pub quad_class: Option<u8>,
    /// PLOVER event type (`ASSAULT`).
    pub plover: Option<String>,
    /// Country of the event's location (ISO 3166 alpha-3, as actor codes use).
    pub country: Option<String>,
    /// Bounding box of the event's location: west, south, east, north (degrees).
    pub bbox: Option<[f64; 4]>,
    /// Full-text query over the documents' title and text (SQLite FTS5 syntax: words, "phrases", AND/OR/NOT).
    pub text: Option<String>,
    /// Only claimed (reported) events, or only observed ones.
    pub claimed: Option<bool>,
    /// Events between two actors in either direction (code prefixes): `A` on `B` or `B` on `A`. One direction
    /// is `source` and `target`.
    pub dyad: Option<(String, String)>,
    /// Only events of this story.
    pub story: Option<i64>,
    /// Only events of this stored document (`documents.id`).
    pub document: Option<i64>,
    /// Read this generation instead of the current one.
    pub generation: Option<i64>,
}

/// One event as read back.
#[derive(Debug, Clone, PartialEq)]
pub struct Row {
    /// The raw event's id (for a merged event: its first raw event's).
    pub id: i64,
    /// The event record as `dyad code` wrote it (JSON).
    pub record: String,
    /// The story the event belongs to.
    pub story: i64,
    /// When the run that stored it started (ISO 8601 UTC).
    pub added: String,
    /// The counts of a merged event; `None` for a raw one.
    pub merged: Option<Merged>,
}

/// A merged event's counts and the sentences behind it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Merged {
    pub num_mentions: i64,
    pub num_sources: i64,
    pub num_articles: i64,
    /// JSON array of `{"doc_id", "document", "sentence", "path", "outlet", "url"}` (the input file, the
    /// outlet when known), in storage order.
    pub mentions: String,
}

impl Row {
    /// The record as JSON with the store's fields added: `story`, and for a merged event `num_mentions`,
    /// `num_sources`, `num_articles` and `mentions`.
    pub fn to_json(&self) -> String {
        let Some(body) = self.record.strip_suffix('}') else {
            return self.record.clone();
        };
        let mut out = String::with_capacity(self.record.len() + 96);
        out.push_str(body);
        out.push_str(&format!(
            ",\"event_id\":{},\"story\":{}",
            self.id, self.story
        ));
        if let Some(m) = &self.merged {
            out.push_str(&format!(
                ",\"num_mentions\":{},\"num_sources\":{},\"num_articles\":{},\"mentions\":{}",
                m.num_mentions, m.num_sources, m.num_articles, m.mentions
            ));
        }
        out.push('}');
        out
    }
}

/// The WHERE clause and its parameters for `filter` over `events e JOIN documents d`.
pub fn where_clause(filter: &Filter, generation: i64) -> (String, Vec<Value>) {
    let mut sql = String::from("e.generation = ?");
    let mut params: Vec<Value> = vec![Value::Integer(generation)];
    let mut add = |fragment: &str, values: Vec<Value>| {
        sql.push_str(" AND ");
        sql.push_str(fragment);
        params.extend(values);
    };
    let text = |s: &String| Value::Text(s.clone());
    if let Some(s) = &filter.since {
        add("e.day >= ?", vec![text(s)]);
    }
    if let Some(s) = &filter.until {
        add("e.day <> '' AND e.day <= ?", vec![text(s)]);
    }
    // Prefixes compare with substr, not LIKE, so `%` and `_` in a code are plain characters.
    if let Some(s) = &filter.actor {
        add(
            "(substr(e.source, 1, length(?)) = ? OR substr(e.target, 1, length(?)) = ?)",
            vec![text(s), text(s), text(s), text(s)],
        );
    }
    if let Some(s) = &filter.source {
        add("substr(e.source, 1, length(?)) = ?", vec![text(s), text(s)]);
    }
    if let Some(s) = &filter.target {
        add("substr(e.target, 1, length(?)) = ?", vec![text(s), text(s)]);
    }
    if let Some(s) = &filter.cameo {
        add("substr(e.cameo, 1, length(?)) = ?", vec![text(s), text(s)]);
    }
    if let Some(s) = &filter.root {
        add("e.root = ?", vec![text(s)]);
    }
    if let Some(q) = filter.quad_class {
        add("e.quad_class = ?", vec![Value::Integer(i64::from(q))]);
    }
    if let Some(s) = &filter.plover {
        add("e.plover = ?", vec![text(s)]);
    }
    if let Some(s) = &filter.country {
        add("e.country = ?", vec![text(s)]);
    }
    if let Some([w, s, e, n]) = filter.bbox {
        add(
            "e.lon >= ? AND e.lat >= ? AND e.lon <= ? AND e.lat <= ?",
            vec![
                Value::Real(w),
                Value::Real(s),
                Value::Real(e),
                Value::Real(n),
            ],
        );
    }
    if let Some(q) = &filter.text {
        add(
            "e.document IN (SELECT rowid FROM documents_fts WHERE documents_fts MATCH ?)",
            vec![text(q)],
        );
    }
    if let Some(c) = filter.claimed {
        add("e.claimed = ?", vec![Value::Integer(i64::from(c))]);
    }
    if let Some((a, b)) = &filter.dyad {
        add(
            "((substr(e.source, 1, length(?)) = ? AND substr(e.target, 1, length(?)) = ?)
              OR (substr(e.source, 1, length(?)) = ? AND substr(e.target, 1, length(?)) = ?))",
            vec![
                text(a),
                text(a),
                text(b),
                text(b),
                text(b),
                text(b),
                text(a),
                text(a),
            ],
        );
    }
    if let Some(s) = filter.story {
        add("e.story = ?", vec![Value::Integer(s)]);
    }
    if let Some(d) = filter.document {
        add("e.document = ?", vec![Value::Integer(d)]);
    }
    (sql, params)
}

/// [`where_clause`] over events aliased `alias` instead of `e` (the clause refers to no other table).
fn where_clause_as(filter: &Filter, generation: i64, alias: &str) -> (String, Vec<Value>) {
    let (sql, params) = where_clause(filter, generation);
    (sql.replace("e.", &format!("{alias}.")), params)
}

/// One mention of a merged event (`mentions`), over `events e JOIN documents d`.
pub(crate) const MENTION_JSON: &str =
    "json_object('doc_id', d.doc_id, 'document', d.id, 'sentence', e.sentence, \
     'path', d.path, 'outlet', d.outlet, 'url', nullif(d.url, ''))";

/// The merged events of the events matching `clause` (over `events e JOIN documents d`): one row per story,
/// source, target, CAMEO code, place and day, with its first raw event's id, its counts and its mentions.
fn merged_groups(clause: &str) -> String {
    format!(
        "SELECT min(e.id) AS id, e.story AS story, count(*) AS mentions,
                count(DISTINCT coalesce(d.outlet, 'document ' || d.id)) AS sources,
                count(DISTINCT e.document) AS articles,
                json_group_array({MENTION_JSON} ORDER BY e.id) AS list
         FROM events e JOIN documents d ON d.id = e.document
         WHERE {clause}
         GROUP BY e.story, e.source, e.target, e.cameo, e.geonameid, e.day"
    )
}

fn int(v: Value) -> i64 {
    match v {
        Value::Integer(i) => i,
        _ => 0,
    }
}

fn string(v: Value) -> String {
    match v {
        Value::Text(s) => s,
        _ => String::new(),
    }
}

/// Why reading events stopped.
#[derive(Debug, thiserror::Error)]
pub enum ReadError {
    #[error(transparent)]
    Store(#[from] StoreError),
    /// The caller's handler failed (e.g. writing an export).
    #[error(transparent)]
    Output(#[from] std::io::Error),
}

impl Store {
    /// The generation `filter` reads: its own, else the store's current one.
    pub fn generation_of(&self, filter: &Filter) -> Result<i64, StoreError> {
        Ok(match filter.generation {
            Some(g) => g,
            None => self.generation()?.unwrap_or(0),
        })
    }

    /// Calls `each` with every event matching `filter`, raw or merged, in storage order (a merged event where
    /// its first raw event was stored). Streams: memory does not grow with the store. Returns the count.
    pub fn for_each_event(
        &self,
        filter: &Filter,
        merged: bool,
        mut each: impl FnMut(&Row) -> std::io::Result<()>,
    ) -> Result<u64, ReadError> {
        let generation = self.generation_of(filter)?;
        let (clause, params) = where_clause(filter, generation);
        let sql = if merged {
            format!(
                "SELECT g.id, ev.record, g.story, r.started, g.mentions, g.sources, g.articles, g.list
                 FROM ({}) g
                 JOIN events ev ON ev.id = g.id JOIN runs r ON r.id = ev.run
                 ORDER BY g.id",
                merged_groups(&clause)
            )
        } else {
            format!(
                "SELECT e.id, e.record, e.story, r.started FROM events e JOIN documents d ON d.id = e.document
                 JOIN runs r ON r.id = e.run WHERE {clause} ORDER BY e.id"
            )
        };
        let mut stmt = self
            .conn
            .prepare(&sql)
            .map_err(|e| self.sql("read events", e))?;
        let mut rows = stmt
            .query(rusqlite::params_from_iter(params))
            .map_err(|e| self.query_error(filter, e))?;
        let mut n = 0u64;
        while let Some(r) = rows.next().map_err(|e| self.query_error(filter, e))? {
            let row = self.row_of(r, merged)?;
            each(&row)?;
            n += 1;
        }
        Ok(n)
    }

    /// A [`Row`] from the columns `id, record, story, started` and, when `merged`, `mentions, sources, articles,
    /// list`.
    fn row_of(&self, r: &rusqlite::Row<'_>, merged: bool) -> Result<Row, StoreError> {
        let get = |i: usize| -> Result<Value, StoreError> {
            r.get::<_, Value>(i).map_err(|e| self.sql("read events", e))
        };
        Ok(Row {
            id: int(get(0)?),
            record: string(get(1)?),
            story: int(get(2)?),
            added: string(get(3)?),
            merged: if merged {
                Some(Merged {
                    num_mentions: int(get(4)?),
                    num_sources: int(get(5)?),
                    num_articles: int(get(6)?),
                    mentions: string(get(7)?),
                })
            } else {
                None
            },
        })
    }

    /// A query error: a bad full-text query is the user's, said as such.
    pub(crate) fn query_error(&self, filter: &Filter, e: rusqlite::Error) -> StoreError {
        let msg = e.to_string();
        // FTS5 reports a bad query as a plain SQL error (SQLITE_ERROR): the only user-written SQL input.
        let plain_error = matches!(&e, rusqlite::Error::SqliteFailure(f, _) if f.code == rusqlite::ErrorCode::Unknown);
        if filter.text.is_some() && plain_error {
            return self.invalid(format!(
                "text query {:?} is not valid FTS5 syntax ({msg}); put phrases in double quotes",
                filter.text.as_deref().unwrap_or("")
            ));
        }
        self.sql("read events", e)
    }
}

// ------------------------------------------------------------------------------------------ pages of events

/// What events are sorted by, for [`Store::events_page`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum SortKey {
    /// The event id (storage order; a merged event's first raw event's id).
    #[default]
    Id,
    /// The event's day; events without a date sort first (ascending).
    Date,
    /// The Goldstein score; events without one sort first (ascending).
    Goldstein,
    /// A merged event's `num_mentions` (raw events all have one).
    Mentions,
}

/// A sort order: a key, ascending or descending; ties are broken by the event id in the same direction.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Sort {
    pub key: SortKey,
    pub descending: bool,
}

/// The names [`Sort::parse`] accepts.
pub const SORT_NAMES: [&str; 8] = [
    "id",
    "-id",
    "date",
    "-date",
    "goldstein",
    "-goldstein",
    "mentions",
    "-mentions",
];

impl Sort {
    /// `id`, `date`, `goldstein`, `mentions`, each optionally preceded by `-` for descending.
    pub fn parse(s: &str) -> Option<Sort> {
        let (descending, name) = match s.strip_prefix('-') {
            Some(rest) => (true, rest),
            None => (false, s),
        };
        let key = match name {
            "id" => SortKey::Id,
            "date" => SortKey::Date,
            "goldstein" => SortKey::Goldstein,
            "mentions" => SortKey::Mentions,
            _ => return None,
        };
        Some(Sort { key, descending })
    }

    /// The name [`Sort::parse`] reads back.
    pub fn name(&self) -> String {
        let key = match self.key {
            SortKey::Id => "id",
            SortKey::Date => "date",
            SortKey::Goldstein => "goldstein",
            SortKey::Mentions => "mentions",
        };
        format!("{}{key}", if self.descending { "-" } else { "" })
    }

    /// The sort expression over raw events (`e`) or merged groups (`g` joined with its first event `ev`);
    /// `None` for the id alone. Unknown Goldstein scores sort as −100, below every real score.
    fn expression(&self, merged: bool) -> Option<&'static str> {
        match (self.key, merged) {
            (SortKey::Id, _) => None,
            (SortKey::Date, false) => Some("e.day"),
            (SortKey::Date, true) => Some("ev.day"),
            (SortKey::Goldstein, false) => Some("coalesce(e.goldstein, -100.0)"),
            (SortKey::Goldstein, true) => Some("coalesce(ev.goldstein, -100.0)"),
            (SortKey::Mentions, false) => Some("1"),
            (SortKey::Mentions, true) => Some("g.mentions"),
        }
    }
}

/// Where a page of events ends: the sort, the last event's sort value and its id. The next page starts after
/// it (keyset pagination: each page is an index range, however deep).
#[derive(Debug, Clone, PartialEq)]
pub struct Cursor {
    pub sort: Sort,
    pub key: SortValue,
    pub id: i64,
}

/// A sort value as read from the store.
#[derive(Debug, Clone, PartialEq)]
pub enum SortValue {
    None,
    Integer(i64),
    Real(f64),
    Text(String),
}

impl Cursor {
    /// The cursor as an opaque, URL-safe string (hex of `sort~id~value`).
    pub fn encode(&self) -> String {
        let value = match &self.key {
            SortValue::None => "n".to_string(),
            SortValue::Integer(i) => format!("i{i}"),
            SortValue::Real(r) => format!("r{r:?}"),
            SortValue::Text(t) => format!("t{t}"),
        };
        let plain = format!("{}~{}~{value}", self.sort.name(), self.id);
        plain.bytes().map(|b| format!("{b:02x}")).collect()
    }

    /// Reads a cursor [`Cursor::encode`] wrote; `None` when `s` is not one.
    pub fn decode(s: &str) -> Option<Cursor> {
        if !s.len().is_multiple_of(2) || s.len() > 2048 {
            return None;
        }
        let bytes = (0..s.len())
            .step_by(2)
            .map(|i| u8::from_str_radix(s.get(i..i + 2)?, 16).ok())
            .collect::<Option<Vec<u8>>>()?;
        let plain = String::from_utf8(bytes).ok()?;
        let mut parts = plain.splitn(3, '~');
        let sort = Sort::parse(parts.next()?)?;
        let id = parts.next()?.parse().ok()?;
        let value = parts.next()?;
        let key = match value.split_at_checked(1)? {
            ("n", "") => SortValue::None,
            ("i", v) => SortValue::Integer(v.parse().ok()?),
            ("r", v) => SortValue::Real(v.parse().ok().filter(|r: &f64| r.is_finite())?),
            ("t", v) => SortValue::Text(v.to_string()),
            _ => return None,
        };
        Some(Cursor { sort, key, id })
    }
}

/// One page of events and the cursor of the next, if there are more.
#[derive(Debug, Clone, PartialEq)]
pub struct EventPage {
    pub rows: Vec<Row>,
    pub next: Option<Cursor>,
}

fn sort_value(v: Value) -> SortValue {
    match v {
        Value::Integer(i) => SortValue::Integer(i),
        Value::Real(r) => SortValue::Real(r),
        Value::Text(t) => SortValue::Text(t),
        _ => SortValue::None,
    }
}

fn bind(v: &SortValue) -> Value {
    match v {
        SortValue::None => Value::Null,
        SortValue::Integer(i) => Value::Integer(*i),
        SortValue::Real(r) => Value::Real(*r),
        SortValue::Text(t) => Value::Text(t.clone()),
    }
}

// ------------------------------------------------------------------------------------------ aggregates

/// The period a timeline counts by.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Interval {
    #[default]
    Day,
    /// ISO weeks, Monday to Sunday, named by their Monday.
    Week,
    /// Calendar months, named by their first day.
    Month,
}

/// One period of a timeline.
#[derive(Debug, Clone, PartialEq)]
pub struct Bucket {
    /// The period's first day, `YYYY-MM-DD`.
    pub period: String,
    pub count: i64,
    /// Events per quad class 1–4.
    pub by_quad: [i64; 4],
    pub mean_goldstein: Option<f64>,
}

/// Events per period, and how many have no date.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Timeline {
    pub buckets: Vec<Bucket>,
    pub undated: i64,
}

/// Events at one place.
#[derive(Debug, Clone, PartialEq)]
pub struct PlaceCount {
    pub name: String,
    pub lat: f64,
    pub lon: f64,
    pub country: String,
    pub geonameid: i64,
    pub count: i64,
    pub mean_goldstein: Option<f64>,
}

/// Events from one actor to another.
#[derive(Debug, Clone, PartialEq)]
pub struct PairCount {
    pub source: String,
    pub target: String,
    pub count: i64,
    pub mean_goldstein: Option<f64>,
}

/// Events one actor takes part in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ActorCount {
    pub code: String,
    /// Events with the actor as source or target (an event with it on both sides counts once).
    pub events: i64,
    pub as_source: i64,
    pub as_target: i64,
}

// ------------------------------------------------------------------------------------------ one event, one document

/// One event with the evidence behind it and every sentence that reported it.
#[derive(Debug, Clone, PartialEq)]
pub struct EventDetail {
    pub row: Row,
    /// The evidence of the (first) raw event: source, verb, target.
    pub evidence: Vec<EvidenceRow>,
    /// The raw events behind it (one for a raw event), in storage order.
    pub mentions: Vec<Mention>,
}

/// One evidence span and the rule behind it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EvidenceRow {
    /// `source`, `verb` or `target`.
    pub role: String,
    /// Byte offsets into the document's clean text.
    pub start: i64,
    pub end: i64,
    /// The words at those offsets.
    pub text: String,
    pub rule_file: Option<String>,
    pub rule_line: Option<i64>,
    pub rule_text: Option<String>,
}

/// A sentence that reported an event.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mention {
    /// The raw event's id.
    pub event_id: i64,
    pub doc_id: String,
    /// The stored document (`documents.id`).
    pub document: i64,
    pub sentence: i64,
    pub url: Option<String>,
    pub sentence_text: String,
}

/// A stored document and its raw events.
#[derive(Debug, Clone, PartialEq)]
pub struct StoredDocument {
    pub id: i64,
    pub doc_id: String,
    pub title: Option<String>,
    /// The clean text; every span is a byte range of it.
    pub text: String,
    pub url: Option<String>,
    pub outlet: Option<String>,
    pub date: Option<String>,
    /// The document as JSON without its text (sentences, paragraphs, metadata).
    pub document: String,
    /// Its raw events of the generation read, in storage order.
    pub events: Vec<Row>,
}

impl Store {
    /// Up to `limit` events matching `filter` in `sort` order, after `after` (a cursor from the previous page,
    /// made for the same sort). Pages by id read events in id order and stop at the page's end, raw or merged
    /// (a merged event is found as its group's first raw event); other sorts read the filter's events whole.
    pub fn events_page(
        &self,
        filter: &Filter,
        merged: bool,
        sort: Sort,
        after: Option<&Cursor>,
        limit: usize,
    ) -> Result<EventPage, StoreError> {
        let generation = self.generation_of(filter)?;
        let (clause, mut params) = where_clause(filter, generation);
        let key = sort.expression(merged);
        let (dir, cmp) = if sort.descending {
            ("DESC", "<")
        } else {
            ("ASC", ">")
        };
        let id = if merged { "g.id" } else { "e.id" };
        let mut keyset = String::new();
        if let Some(c) = after {
            match key {
                Some(k) => {
                    keyset = format!(" AND ({k}, {id}) {cmp} (?, ?)");
                    params.push(bind(&c.key));
                }
                None => keyset = format!(" AND {id} {cmp} ?"),
            }
            params.push(Value::Integer(c.id));
        }
        let order = match key {
            Some(k) => format!("{k} {dir}, {id} {dir}"),
            None => format!("{id} {dir}"),
        };
        let key_column = key.unwrap_or("NULL");
        params.push(Value::Integer(limit as i64 + 1));
        let sql = if merged && key.is_none() {
            // By id, a merged event is its group's first raw event: find the page's first events by index
            // (each matching event with no earlier matching event of its group), then count their groups.
            let (clause_p, params_p) = where_clause_as(filter, generation, "p");
            let (_, params_e) = where_clause(filter, generation);
            let limit = params.pop().unwrap_or(Value::Integer(1));
            params.extend(params_p);
            params.push(limit);
            params.extend(params_e);
            let scan = if filter.since.is_none() && filter.until.is_none() {
                "+"
            } else {
                ""
            };
            let keyset = keyset.replace("g.id", "e.id");
            format!(
                "WITH firsts AS (
                   SELECT e.id AS id FROM events e
                   WHERE {scan}{clause}{keyset}
                     AND NOT EXISTS (SELECT 1 FROM events p
                         WHERE p.generation = e.generation AND p.story = e.story AND p.source = e.source
                           AND p.target = e.target AND p.cameo = e.cameo AND p.geonameid IS e.geonameid
                           AND p.day = e.day AND p.id < e.id AND {clause_p})
                   ORDER BY e.id {dir} LIMIT ?)
                 SELECT f.id, ev.record, ev.story, r.started, count(*),
                        count(DISTINCT coalesce(d.outlet, 'document ' || d.id)), count(DISTINCT e.document),
                        json_group_array({MENTION_JSON} ORDER BY e.id),
                        NULL
                 FROM firsts f JOIN events ev ON ev.id = f.id
                 JOIN events e ON e.generation = ev.generation AND e.story = ev.story AND e.source = ev.source
                      AND e.target = ev.target AND e.cameo = ev.cameo AND e.geonameid IS ev.geonameid
                      AND e.day = ev.day AND {clause}
                 JOIN documents d ON d.id = e.document JOIN runs r ON r.id = ev.run
                 GROUP BY f.id ORDER BY f.id {dir}"
            )
        } else if merged {
            format!(
                "SELECT g.id, ev.record, g.story, r.started, g.mentions, g.sources, g.articles, g.list, {key_column}
                 FROM ({}) g
                 JOIN events ev ON ev.id = g.id JOIN runs r ON r.id = ev.run
                 WHERE 1{keyset} ORDER BY {order} LIMIT ?",
                merged_groups(&clause)
            )
        } else {
            // By id without a date range, read the table in id order and stop at the page's end (the
            // generation's date index would read and sort every event first).
            let scan = if key.is_none() && filter.since.is_none() && filter.until.is_none() {
                "+"
            } else {
                ""
            };
            format!(
                "SELECT e.id, e.record, e.story, r.started, {key_column}
                 FROM events e JOIN runs r ON r.id = e.run
                 WHERE {scan}{clause}{keyset} ORDER BY {order} LIMIT ?"
            )
        };
        let mut stmt = self
            .conn
            .prepare_cached(&sql)
            .map_err(|e| self.sql("read events", e))?;
        let mut rows = stmt
            .query(rusqlite::params_from_iter(params))
            .map_err(|e| self.query_error(filter, e))?;
        let mut out = Vec::new();
        let mut last_key = SortValue::None;
        let mut more = false;
        let key_index = if merged { 8 } else { 4 };
        while let Some(r) = rows.next().map_err(|e| self.query_error(filter, e))? {
            if out.len() == limit {
                more = true;
                break;
            }
            out.push(self.row_of(r, merged)?);
            last_key = sort_value(
                r.get::<_, Value>(key_index)
                    .map_err(|e| self.sql("read events", e))?,
            );
        }
        let next = match out.last() {
            Some(last) if more => Some(Cursor {
                sort,
                key: last_key,
                id: last.id,
            }),
            _ => None,
        };
        Ok(EventPage { rows: out, next })
    }

    /// The events matching `filter` as one row set `x` with the `events` table's columns: raw events, or each
    /// merged event's first raw event. (The filter's clause reads only `events` columns, so no join; grouping
    /// for merged events reads the merge index alone.)
    fn event_set(&self, filter: &Filter, merged: bool) -> Result<(String, Vec<Value>), StoreError> {
        let generation = self.generation_of(filter)?;
        let (clause, params) = where_clause(filter, generation);
        let sql = if merged {
            format!(
                "SELECT ev.* FROM (SELECT min(e.id) AS id FROM events e
                   WHERE {clause} GROUP BY e.story, e.source, e.target, e.cameo, e.geonameid, e.day) g
                 JOIN events ev ON ev.id = g.id"
            )
        } else {
            format!("SELECT e.* FROM events e WHERE {clause}")
        };
        Ok((sql, params))
    }

    /// Runs an aggregate over [`Store::event_set`] (`{set}` in `sql`), one `T` per row.
    fn aggregate<T>(
        &self,
        filter: &Filter,
        merged: bool,
        sql: &str,
        extra: &[Value],
        map: impl Fn(&rusqlite::Row<'_>) -> rusqlite::Result<T>,
    ) -> Result<Vec<T>, StoreError> {
        let (set, mut params) = self.event_set(filter, merged)?;
        params.extend_from_slice(extra);
        let sql = sql.replace("{set}", &set);
        let mut stmt = self
            .conn
            .prepare_cached(&sql)
            .map_err(|e| self.sql("aggregate events", e))?;
        let rows = stmt
            .query_map(rusqlite::params_from_iter(params), map)
            .map_err(|e| self.query_error(filter, e))?;
        rows.collect::<Result<Vec<T>, _>>()
            .map_err(|e| self.query_error(filter, e))
    }

    /// Events per day, week or month, with counts per quad class and the mean Goldstein score.
    pub fn timeline(
        &self,
        filter: &Filter,
        merged: bool,
        interval: Interval,
    ) -> Result<Timeline, StoreError> {
        let period = match interval {
            Interval::Day => "x.day",
            Interval::Week => "coalesce(date(nullif(x.day, ''), 'weekday 0', '-6 days'), '')",
            Interval::Month => "coalesce(date(nullif(x.day, ''), 'start of month'), '')",
        };
        let quad = |q: u8| format!("sum(CASE WHEN x.quad_class = {q} THEN 1 ELSE 0 END)");
        let sql = format!(
            "SELECT {period} AS p, count(*), {}, {}, {}, {}, avg(x.goldstein) FROM ({{set}}) x GROUP BY p ORDER BY p",
            quad(1),
            quad(2),
            quad(3),
            quad(4)
        );
        let rows = self.aggregate(filter, merged, &sql, &[], |r| {
            Ok(Bucket {
                period: r.get::<_, Option<String>>(0)?.unwrap_or_default(),
                count: r.get(1)?,
                by_quad: [r.get(2)?, r.get(3)?, r.get(4)?, r.get(5)?],
                mean_goldstein: r.get(6)?,
            })
        })?;
        let mut timeline = Timeline::default();
        for b in rows {
            if b.period.is_empty() {
                timeline.undated += b.count;
            } else {
                timeline.buckets.push(b);
            }
        }
        Ok(timeline)
    }

    /// Events per place (events without a location are not counted), most events first; at most `limit`.
    pub fn places(
        &self,
        filter: &Filter,
        merged: bool,
        limit: usize,
    ) -> Result<Vec<PlaceCount>, StoreError> {
        self.aggregate(
            filter,
            merged,
            "SELECT x.place, min(x.lat), min(x.lon), x.country, x.geonameid, count(*), avg(x.goldstein)
             FROM ({set}) x WHERE x.lat IS NOT NULL AND x.lon IS NOT NULL
             GROUP BY x.geonameid, x.place, x.country ORDER BY count(*) DESC, x.geonameid, x.place LIMIT ?",
            &[Value::Integer(limit as i64)],
            |r| {
                Ok(PlaceCount {
                    name: r.get::<_, Option<String>>(0)?.unwrap_or_default(),
                    lat: r.get(1)?,
                    lon: r.get(2)?,
                    country: r.get::<_, Option<String>>(3)?.unwrap_or_default(),
                    geonameid: r.get::<_, Option<i64>>(4)?.unwrap_or(0),
                    count: r.get(5)?,
                    mean_goldstein: r.get(6)?,
                })
            },
        )
    }

    /// Events per (source, target) pair of actors, events without a target left out; most events first, then
    /// by codes; at most `limit` (`None`: all).
    pub fn pairs(
        &self,
        filter: &Filter,
        merged: bool,
        limit: Option<usize>,
    ) -> Result<Vec<PairCount>, StoreError> {
        self.aggregate(
            filter,
            merged,
            "SELECT x.source, x.target, count(*), avg(x.goldstein) FROM ({set}) x
             WHERE x.source <> '' AND x.target <> ''
             GROUP BY x.source, x.target ORDER BY count(*) DESC, x.source, x.target LIMIT ?",
            &[Value::Integer(limit.map_or(-1, |l| l as i64))],
            |r| {
                Ok(PairCount {
                    source: r.get(0)?,
                    target: r.get(1)?,
                    count: r.get(2)?,
                    mean_goldstein: r.get(3)?,
                })
            },
        )
    }

    /// Events per actor (as source or target), most events first, then by code; at most `limit` (`None`: all).
    pub fn actors(
        &self,
        filter: &Filter,
        merged: bool,
        limit: Option<usize>,
    ) -> Result<Vec<ActorCount>, StoreError> {
        self.aggregate(
            filter,
            merged,
            "WITH x AS ({set})
             SELECT code, count(DISTINCT id), sum(s), sum(t) FROM (
                 SELECT x.id AS id, x.source AS code, 1 AS s, 0 AS t FROM x WHERE x.source <> ''
                 UNION ALL SELECT x.id, x.target, 0, 1 FROM x WHERE x.target <> '')
             GROUP BY code ORDER BY count(DISTINCT id) DESC, code LIMIT ?",
            &[Value::Integer(limit.map_or(-1, |l| l as i64))],
            |r| {
                Ok(ActorCount {
                    code: r.get(0)?,
                    events: r.get(1)?,
                    as_source: r.get(2)?,
                    as_target: r.get(3)?,
                })
            },
        )
    }

    /// Event `id` with its evidence and mentions: as stored (`merged` false), or the merged event it belongs
    /// to (of its own generation). `None` when there is no such event.
    pub fn event(&self, id: i64, merged: bool) -> Result<Option<EventDetail>, StoreError> {
        use rusqlite::OptionalExtension;
        let sql = |e| self.sql("read event", e);
        type Key = (i64, i64, String, String, String, Option<i64>, String);
        let key: Option<Key> = self
            .conn
            .query_row(
                "SELECT generation, story, source, target, cameo, geonameid, day FROM events WHERE id = ?1",
                [id],
                |r| {
                    Ok((
                        r.get(0)?,
                        r.get(1)?,
                        r.get(2)?,
                        r.get(3)?,
                        r.get(4)?,
                        r.get(5)?,
                        r.get(6)?,
                    ))
                },
            )
            .optional()
            .map_err(sql)?;
        let Some((generation, story, source, target, cameo, geonameid, day)) = key else {
            return Ok(None);
        };
        let members: Vec<i64> = if merged {
            let mut stmt = self
                .conn
                .prepare_cached(
                    "SELECT id FROM events WHERE generation = ?1 AND story = ?2 AND source = ?3 AND target = ?4
                       AND cameo = ?5 AND geonameid IS ?6 AND day = ?7 ORDER BY id",
                )
                .map_err(sql)?;
            let ids = stmt
                .query_map(
                    rusqlite::params![generation, story, source, target, cameo, geonameid, day],
                    |r| r.get(0),
                )
                .map_err(sql)?;
            ids.collect::<Result<_, _>>().map_err(sql)?
        } else {
            vec![id]
        };
        let first = members.first().copied().unwrap_or(id);
        let row = if merged {
            let filter = Filter {
                story: Some(story),
                generation: Some(generation),
                ..Filter::default()
            };
            let mut found = None;
            self.for_each_event(&filter, true, |r| {
                if r.id == first {
                    found = Some(r.clone());
                }
                Ok(())
            })
            .map_err(|e| match e {
                ReadError::Store(s) => s,
                ReadError::Output(o) => self.invalid(o.to_string()),
            })?;
            found
        } else {
            self.conn
                .query_row(
                    "SELECT e.id, e.record, e.story, r.started FROM events e JOIN runs r ON r.id = e.run
                     WHERE e.id = ?1",
                    [id],
                    |r| Ok(self.row_of(r, false)),
                )
                .optional()
                .map_err(sql)?
                .transpose()?
        };
        let Some(row) = row else {
            return Ok(None);
        };
        let mut mentions = Vec::with_capacity(members.len());
        let mut stmt = self
            .conn
            .prepare_cached(
                "SELECT e.id, d.doc_id, d.id, e.sentence, nullif(d.url, ''), e.record
                 FROM events e JOIN documents d ON d.id = e.document WHERE e.id = ?1",
            )
            .map_err(sql)?;
        for m in &members {
            let mention = stmt
                .query_row([m], |r| {
                    let record: String = r.get(5)?;
                    let sentence_text = serde_json::from_str::<serde_json::Value>(&record)
                        .ok()
                        .and_then(|v| v.get("sentence_text")?.as_str().map(str::to_string))
                        .unwrap_or_default();
                    Ok(Mention {
                        event_id: r.get(0)?,
                        doc_id: r.get(1)?,
                        document: r.get(2)?,
                        sentence: r.get(3)?,
                        url: r.get(4)?,
                        sentence_text,
                    })
                })
                .map_err(sql)?;
            mentions.push(mention);
        }
        let text: String = self
            .conn
            .query_row(
                "SELECT d.text FROM events e JOIN documents d ON d.id = e.document WHERE e.id = ?1",
                [first],
                |r| r.get(0),
            )
            .map_err(sql)?;
        let mut stmt = self
            .conn
            .prepare_cached(
                "SELECT role, start, end, rule_file, rule_line, rule_text FROM evidence WHERE event = ?1
                 ORDER BY CASE role WHEN 'source' THEN 0 WHEN 'verb' THEN 1 ELSE 2 END",
            )
            .map_err(sql)?;
        let evidence = stmt
            .query_map([first], |r| {
                let start: i64 = r.get(1)?;
                let end: i64 = r.get(2)?;
                Ok(EvidenceRow {
                    role: r.get(0)?,
                    start,
                    end,
                    text: text
                        .get(start.max(0) as usize..end.max(0) as usize)
                        .unwrap_or("")
                        .to_string(),
                    rule_file: r.get(3)?,
                    rule_line: r.get(4)?,
                    rule_text: r.get(5)?,
                })
            })
            .map_err(sql)?
            .collect::<Result<Vec<_>, _>>()
            .map_err(sql)?;
        Ok(Some(EventDetail {
            row,
            evidence,
            mentions,
        }))
    }

    /// Stored document `id` (`documents.id`) with its raw events of `generation` (default: the current one).
    pub fn document(
        &self,
        id: i64,
        generation: Option<i64>,
    ) -> Result<Option<StoredDocument>, StoreError> {
        use rusqlite::OptionalExtension;
        let doc = self
            .conn
            .query_row(
                "SELECT id, doc_id, title, text, nullif(url, ''), outlet, date, document FROM documents
                 WHERE id = ?1",
                [id],
                |r| {
                    Ok(StoredDocument {
                        id: r.get(0)?,
                        doc_id: r.get(1)?,
                        title: r.get(2)?,
                        text: r.get(3)?,
                        url: r.get(4)?,
                        outlet: r.get(5)?,
                        date: r.get(6)?,
                        document: r.get(7)?,
                        events: Vec::new(),
                    })
                },
            )
            .optional()
            .map_err(|e| self.sql("read document", e))?;
        let Some(mut doc) = doc else {
            return Ok(None);
        };
        let filter = Filter {
            document: Some(id),
            generation,
            ..Filter::default()
        };
        let mut events = Vec::new();
        self.for_each_event(&filter, false, |r| {
            events.push(r.clone());
            Ok(())
        })
        .map_err(|e| match e {
            ReadError::Store(s) => s,
            ReadError::Output(o) => self.invalid(o.to_string()),
        })?;
        doc.events = events;
        Ok(Some(doc))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn aliased_clauses_name_only_the_alias() {
        let f = Filter {
            since: Some("2024-01-01".into()),
            until: Some("2024-02-01".into()),
            actor: Some("SYR".into()),
            source: Some("SYR".into()),
            target: Some("ISR".into()),
            cameo: Some("19".into()),
            root: Some("19".into()),
            quad_class: Some(4),
            plover: Some("ASSAULT".into()),
            country: Some("SYR".into()),
            bbox: Some([0.0, 0.0, 1.0, 1.0]),
            text: Some("army".into()),
            claimed: Some(true),
            dyad: Some(("SYR".into(), "ISR".into())),
            story: Some(1),
            document: Some(1),
            generation: Some(1),
        };
        let (e, pe) = where_clause(&f, 1);
        let (p, pp) = where_clause_as(&f, 1, "p");
        assert_eq!(pe, pp);
        assert!(!p.contains("e."), "{p}");
        assert_eq!(p.matches("p.").count(), e.matches("e.").count());
    }

    #[test]
    fn sorts_parse_and_name_themselves() {
        for name in SORT_NAMES {
            assert_eq!(Sort::parse(name).unwrap().name(), name);
        }
        assert_eq!(Sort::parse("size"), None);
        assert_eq!(Sort::parse("--id"), None);
    }

    #[test]
    fn cursors_round_trip_and_refuse_junk() {
        let sort = Sort::parse("-goldstein").unwrap();
        for key in [
            SortValue::None,
            SortValue::Integer(-3),
            SortValue::Real(-2.5),
            SortValue::Real(0.1 + 0.2),
            SortValue::Text("2024-01-02".into()),
            SortValue::Text("a~b~c é".into()),
        ] {
            let c = Cursor { sort, key, id: 42 };
            let s = c.encode();
            assert!(s.bytes().all(|b| b.is_ascii_hexdigit()), "{s}");
            assert_eq!(Cursor::decode(&s), Some(c));
        }
        for junk in ["", "zz", "abc", "6964", "69647e317e78", "é"] {
            assert_eq!(Cursor::decode(junk), None, "{junk}");
        }
    }
}
