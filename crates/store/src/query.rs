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
    /// JSON array of `{"doc_id", "sentence", "url"}`, in storage order.
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
pub(crate) fn where_clause(filter: &Filter, generation: i64) -> (String, Vec<Value>) {
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
    if let Some(s) = filter.story {
        add("e.story = ?", vec![Value::Integer(s)]);
    }
    if let Some(d) = filter.document {
        add("e.document = ?", vec![Value::Integer(d)]);
    }
    (sql, params)
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
                 FROM (SELECT min(e.id) AS id, e.story AS story, count(*) AS mentions,
                              count(DISTINCT coalesce(d.outlet, 'document ' || d.id)) AS sources,
                              count(DISTINCT e.document) AS articles,
                              json_group_array(json_object('doc_id', d.doc_id, 'sentence', e.sentence,
                                  'url', nullif(d.url, '')) ORDER BY e.id) AS list
                       FROM events e JOIN documents d ON d.id = e.document
                       WHERE {clause}
                       GROUP BY e.story, e.source, e.target, e.cameo, e.geonameid, e.day) g
                 JOIN events ev ON ev.id = g.id JOIN runs r ON r.id = ev.run
                 ORDER BY g.id"
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
            let get = |i: usize| -> Result<Value, StoreError> {
                r.get::<_, Value>(i).map_err(|e| self.sql("read events", e))
            };
            let int = |v: Value| match v {
                Value::Integer(i) => i,
                _ => 0,
            };
            let string = |v: Value| match v {
                Value::Text(s) => s,
                _ => String::new(),
            };
            let row = Row {
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
            };
            each(&row)?;
            n += 1;
        }
        Ok(n)
    }

    /// A query error: a bad full-text query is the user's, said as such.
    fn query_error(&self, filter: &Filter, e: rusqlite::Error) -> StoreError {
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
