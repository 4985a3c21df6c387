//! Re-coding the stored documents with other dictionaries, without reading the sources again.
//!
//! A recode is a run of its own and a new generation: the stored documents (clean text and sentence spans) are
//! coded again and their events stored beside the old ones. When it finishes it becomes the store's current
//! generation; until then (or if it is interrupted) queries read the previous one. Old generations stay
//! queryable ([`crate::Filter::generation`]), and [`Store::changes`] compares a run's generation with the one
//! before it, per CAMEO root.

use crate::ingest::{RunCounts, RunInfo, RunKind};
use crate::{Store, StoreError};
use dyad_model::Document;
use dyad_pipeline::{EventRecord, Pipeline};
use rayon::prelude::*;

/// Documents read and coded at once.
const PAGE: i64 = 256;

/// Events added and removed for one CAMEO root between two generations (an event is its document, sentence,
/// source, target and code).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RootChange {
    pub root: String,
    pub before: i64,
    pub after: i64,
    pub added: i64,
    pub removed: i64,
}

/// One run as `dyad runs` lists it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RunRow {
    pub id: i64,
    pub kind: String,
    pub generation: i64,
    pub binary_version: String,
    pub dictionaries: String,
    pub fingerprint: String,
    pub options: String,
    pub inputs: String,
    pub started: String,
    pub finished: Option<String>,
    pub records_seen: i64,
    pub documents_added: i64,
    pub duplicates: i64,
    pub events_added: i64,
    pub errors: i64,
}

impl Store {
    /// Codes every stored document with `pipeline` as a new generation; `progress` hears the documents done.
    pub fn recode(
        &mut self,
        pipeline: &Pipeline,
        info: &RunInfo,
        progress: &mut dyn FnMut(u64),
    ) -> Result<(i64, RunCounts), StoreError> {
        let mut batch = self.begin(RunKind::Recode, info, None)?;
        let run = batch.run();
        let mut after = 0i64;
        loop {
            let page = batch.store().documents_after(after, PAGE)?;
            let Some(last) = page.last() else {
                break;
            };
            after = last.0;
            let coded: Vec<(i64, i64, Document, Vec<String>)> = page
                .into_par_iter()
                .map(|(id, story, mut doc)| {
                    pipeline.code(&mut doc);
                    let records = doc
                        .events
                        .iter()
                        .map(|e| {
                            serde_json::to_string(&EventRecord::of(
                                &doc,
                                e,
                                pipeline.record_settings(),
                            ))
                            .unwrap_or_default()
                        })
                        .collect();
                    (id, story, doc, records)
                })
                .collect();
            let n = coded.len() as u64;
            for (id, story, doc, records) in coded {
                batch.add_events(id, story, &doc.events, &records)?;
            }
            progress(n);
        }
        let counts = batch.finish()?;
        Ok((run, counts))
    }

    /// Stored documents with id above `after`, in id order, at most `limit`: (id, story, document).
    fn documents_after(
        &self,
        after: i64,
        limit: i64,
    ) -> Result<Vec<(i64, i64, Document)>, StoreError> {
        let mut stmt = self
            .conn
            .prepare_cached(
                "SELECT id, story, text, document FROM documents WHERE id > ?1 ORDER BY id LIMIT ?2",
            )
            .map_err(|e| self.sql("read documents", e))?;
        let rows = stmt
            .query_map([after, limit], |r| {
                Ok((
                    r.get::<_, i64>(0)?,
                    r.get::<_, i64>(1)?,
                    r.get::<_, String>(2)?,
                    r.get::<_, String>(3)?,
                ))
            })
            .map_err(|e| self.sql("read documents", e))?;
        let mut out = Vec::new();
        for row in rows {
            let (id, story, text, json) = row.map_err(|e| self.sql("read documents", e))?;
            let mut doc: Document = serde_json::from_str(&json)
                .map_err(|e| self.invalid(format!("document {id} cannot be read back: {e}")))?;
            doc.text = text;
            out.push((id, story, doc));
        }
        Ok(out)
    }

    /// Every run, oldest first.
    pub fn runs(&self) -> Result<Vec<RunRow>, StoreError> {
        let mut stmt = self
            .conn
            .prepare(
                "SELECT id, kind, generation, binary_version, dictionaries, fingerprint, options, inputs, started,
                        finished, records_seen, documents_added, duplicates, events_added, errors
                 FROM runs ORDER BY id",
            )
            .map_err(|e| self.sql("read runs", e))?;
        let rows = stmt
            .query_map([], |r| {
                Ok(RunRow {
                    id: r.get(0)?,
                    kind: r.get(1)?,
                    generation: r.get(2)?,
                    binary_version: r.get(3)?,
                    dictionaries: r.get(4)?,
                    fingerprint: r.get(5)?,
                    options: r.get(6)?,
                    inputs: r.get(7)?,
                    started: r.get(8)?,
                    finished: r.get(9)?,
                    records_seen: r.get(10)?,
                    documents_added: r.get(11)?,
                    duplicates: r.get(12)?,
                    events_added: r.get(13)?,
                    errors: r.get(14)?,
                })
            })
            .map_err(|e| self.sql("read runs", e))?;
        rows.collect::<Result<Vec<_>, _>>()
            .map_err(|e| self.sql("read runs", e))
    }

    /// What recode run `run` changed against the generation current before it, per CAMEO root; `None` when the
    /// run is not a recode or there was nothing before it.
    pub fn changes(&self, run: i64) -> Result<Option<Vec<RootChange>>, StoreError> {
        let previous: Option<i64> = self
            .conn
            .query_row(
                "SELECT max(generation) FROM runs
                 WHERE id < ?1 AND (kind = 'ingest' OR finished IS NOT NULL)
                   AND EXISTS (SELECT 1 FROM runs r WHERE r.id = ?1 AND r.kind = 'recode')",
                [run],
                |r| r.get(0),
            )
            .map_err(|e| self.sql("read runs", e))?;
        let Some(previous) = previous else {
            return Ok(None);
        };
        let mut stmt = self
            .conn
            .prepare(
                "WITH old AS (SELECT document, sentence, source, target, cameo, root FROM events WHERE generation = ?1),
                      new AS (SELECT document, sentence, source, target, cameo, root FROM events WHERE generation = ?2),
                      added AS (SELECT * FROM new EXCEPT SELECT * FROM old),
                      removed AS (SELECT * FROM old EXCEPT SELECT * FROM new),
                      roots AS (SELECT root FROM old UNION SELECT root FROM new)
                 SELECT roots.root,
                        (SELECT count(*) FROM old WHERE old.root = roots.root),
                        (SELECT count(*) FROM new WHERE new.root = roots.root),
                        (SELECT count(*) FROM added WHERE added.root = roots.root),
                        (SELECT count(*) FROM removed WHERE removed.root = roots.root)
                 FROM roots ORDER BY roots.root",
            )
            .map_err(|e| self.sql("compare generations", e))?;
        let rows = stmt
            .query_map([previous, run], |r| {
                Ok(RootChange {
                    root: r.get(0)?,
                    before: r.get(1)?,
                    after: r.get(2)?,
                    added: r.get(3)?,
                    removed: r.get(4)?,
                })
            })
            .map_err(|e| self.sql("compare generations", e))?;
        rows.collect::<Result<Vec<_>, _>>()
            .map(Some)
            .map_err(|e| self.sql("compare generations", e))
    }
}
