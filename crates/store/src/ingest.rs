//! Writing coded documents: runs, batched transactions, idempotence and stories.
//!
//! The expensive work (cleaning, coding, MinHash, JSON) happens in [`Prepared::new`] on the caller's worker
//! threads; [`Batch::add`] only writes, on one thread, in input order, so a store's rows do not depend on the
//! thread count. Writes are grouped in transactions of [`BATCH_DOCUMENTS`] documents (or [`BATCH_TIME`]), and
//! each commit also updates the run's counts, so after a crash or `kill -9` the store holds whole documents with
//! all their events and a run whose counts match them; running the same command again adds what is missing.
//!
//! The writer finds each new document's near-duplicate candidates in memory (`BandIndex`, built from the stored
//! signatures) and leaves the `lsh` table alone; only a store too large for that brings the table up to date
//! (from `meta.lsh_through` on) and uses it. The rows, stories and exports are what they were.

use crate::dedup::{Signature, DUPLICATE_SIMILARITY};
use crate::{classify, now_utc, Store, StoreError};
use dyad_ingest::{IngestError, RawRecord};
use dyad_model::{Document, Event};
use dyad_pipeline::{run_ordered, EventRecord, Pipeline, RunObserver};
use rusqlite::{params, OptionalExtension};
use sha2::{Digest, Sha256};
use std::collections::{HashMap, HashSet};
use std::time::{Duration, Instant};

/// Documents per transaction. Each commit flushes the full-text index's pending terms as a new segment and
/// writes every page the transaction touched to the WAL, so larger transactions write less; 2,048 short
/// articles are a few MB.
pub const BATCH_DOCUMENTS: usize = 2048;
/// Longest time between commits while documents keep coming.
pub const BATCH_TIME: Duration = Duration::from_secs(2);
/// Coded documents waiting for the writer (a batch of the pipeline's runner and a bit).
const WRITE_QUEUE: usize = 384;
/// SQLite page cache while ingesting, in KiB (SQLite's default is 2 MiB). With the default, a transaction of
/// 512 documents spills dirty pages to the WAL before it commits and reads index pages back from the file; the
/// random keys of the LSH, content-hash and FTS indexes touch pages all over the file.
const INGEST_CACHE_KIB: i64 = 64 * 1024;
/// WAL pages between automatic checkpoints while ingesting (SQLite's default is 1000). A page written by many
/// transactions is copied back into the database once per checkpoint, so fewer checkpoints copy less; the WAL
/// grows to at most about this many pages (16 MiB of 4 KiB pages) plus one transaction.
const INGEST_WAL_AUTOCHECKPOINT: i64 = 4096;
/// Band keys the writer holds in memory at most (about 20 bytes each): 4 Mi keys are the bands of some 167,000
/// documents, about 80 MB. Past that the writer brings the `lsh` table up to date and looks candidates up there.
const BAND_INDEX_MAX_KEYS: usize = 4 << 20;

/// `lsh` rows written by one statement (two parameters each, well under SQLite's limit of 32,766).
const LSH_ROWS_PER_INSERT: usize = 128;

/// The statement that writes [`LSH_ROWS_PER_INSERT`] rows of `lsh`.
static LSH_INSERT_MANY: std::sync::LazyLock<String> = std::sync::LazyLock::new(|| {
    let rows: Vec<String> = (0..LSH_ROWS_PER_INSERT)
        .map(|i| format!("(?{}, ?{})", 2 * i + 1, 2 * i + 2))
        .collect();
    format!(
        "INSERT OR IGNORE INTO lsh (key, document) VALUES {}",
        rows.join(", ")
    )
});

/// Where the writer finds the stored documents that share a band key with a new one.
enum Bands {
    /// In memory: exactly the `lsh` rows committed, plus this transaction's.
    Memory(BandIndex),
    /// In the `lsh` table (a store with more bands than [`BAND_INDEX_MAX_KEYS`]), brought up to date at the
    /// start of each transaction and written with each document.
    Table,
}

/// The band keys of the stored documents in memory, for the writer. Looking a document's 25 band keys up in the
/// `lsh` table's B-tree (and sorting the candidates in SQL) was a fifth of the writer's time, and writing the 25
/// rows at random places in it another sixth; in memory it is a few hash probes. The index is built from the
/// stored signatures when the first transaction begins, and every transaction begins by adding what another
/// writer committed since (documents get increasing ids), so the candidates, and with them the stories, are
/// those a complete `lsh` table gives.
#[derive(Default)]
struct BandIndex {
    /// Band key → the first (lowest) document with that key.
    first: KeyMap<i64>,
    /// Band key → the further documents with it, ascending (keys shared by copies; rare).
    more: KeyMap<Vec<i64>>,
    /// Every stored document up to this id is in the index.
    through: i64,
    /// (key, document) pairs held.
    keys: usize,
}

/// A map over band keys, which are hashes already: hashing them again (SipHash) cost more than the look-up.
type KeyMap<V> = HashMap<i64, V, std::hash::BuildHasherDefault<KeyHasher>>;

/// Spreads a band key over the 64 bits (multiply by an odd constant); for [`KeyMap`] only.
#[derive(Default)]
struct KeyHasher(u64);

impl std::hash::Hasher for KeyHasher {
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0.rotate_left(8) ^ u64::from(b)).wrapping_mul(0x9e37_79b9_7f4a_7c15);
        }
    }
    fn write_i64(&mut self, key: i64) {
        self.0 = (key as u64).wrapping_mul(0x9e37_79b9_7f4a_7c15);
    }
    fn finish(&self) -> u64 {
        self.0
    }
}

impl BandIndex {
    /// Adds a document's band keys; documents come in ascending id order.
    fn add(&mut self, document: i64, keys: &[i64]) {
        for &key in keys {
            match self.first.entry(key) {
                std::collections::hash_map::Entry::Vacant(v) => {
                    v.insert(document);
                }
                std::collections::hash_map::Entry::Occupied(o) => {
                    if *o.get() == document {
                        continue;
                    }
                    let more = self.more.entry(key).or_default();
                    if more.last() == Some(&document) {
                        continue;
                    }
                    more.push(document);
                }
            }
            self.keys += 1;
        }
        self.through = self.through.max(document);
    }

    /// The documents sharing at least one of `keys`, ascending, each once.
    fn candidates(&self, keys: &[i64]) -> Vec<i64> {
        let mut out = Vec::new();
        for key in keys {
            if let Some(&d) = self.first.get(key) {
                out.push(d);
                if let Some(more) = self.more.get(key) {
                    out.extend_from_slice(more);
                }
            }
        }
        out.sort_unstable();
        out.dedup();
        out
    }
}

/// What identifies a stored document: the SHA-256 of its raw content and its URL (empty when unknown). The same
/// bytes from another path are the same document; the same bytes at another URL are a copy (same story).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct DocKey {
    pub content_hash: [u8; 32],
    pub url: String,
}

impl DocKey {
    /// The key of a raw record, before any processing.
    pub fn of(record: &RawRecord) -> DocKey {
        DocKey {
            content_hash: Sha256::digest(record.content.as_bytes()).into(),
            url: record.provenance.url.clone().unwrap_or_default(),
        }
    }
}

/// A run's kind.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RunKind {
    Ingest,
    Recode,
}

impl RunKind {
    pub fn as_str(self) -> &'static str {
        match self {
            RunKind::Ingest => "ingest",
            RunKind::Recode => "recode",
        }
    }
}

/// What a run records about itself.
#[derive(Debug, Clone, Default)]
pub struct RunInfo {
    /// The dyad version that ran.
    pub binary_version: String,
    /// The dictionaries in words ("built-in", or the files).
    pub dictionaries: String,
    /// A fingerprint of the dictionaries' contents: runs with the same fingerprint code alike.
    pub fingerprint: String,
    /// Options that change coding (publication date default, record settings), as JSON.
    pub options: String,
    /// The inputs named on the command line.
    pub inputs: Vec<String>,
}

/// A document ready to store: everything that needs no database, computed off the writer thread.
#[derive(Debug)]
pub struct Prepared {
    pub key: DocKey,
    pub document: Document,
    /// The coded events (taken out of `document`).
    pub events: Vec<Event>,
    /// Each event's record as `dyad code` writes it.
    pub records: Vec<String>,
    /// The document as JSON, without its text, events and source map (for re-coding).
    pub document_json: String,
    pub signature: Signature,
    /// The document's metadata as stored JSON.
    pub metadata_json: String,
    /// The signature's LSH band keys (empty for a text without words, which is never compared).
    pub band_keys: Vec<i64>,
}

impl Prepared {
    /// Codes `record` with `pipeline` and prepares it for the store. Runs on any thread.
    pub fn new(pipeline: &Pipeline, record: RawRecord) -> Prepared {
        let key = DocKey::of(&record);
        let document = pipeline.process(record);
        Prepared::of_document(pipeline, key, document)
    }

    /// Prepares an already coded document.
    pub fn of_document(pipeline: &Pipeline, key: DocKey, mut document: Document) -> Prepared {
        let settings = pipeline.record_settings();
        let records = document
            .events
            .iter()
            .map(|e| {
                serde_json::to_string(&EventRecord::of(&document, e, settings)).unwrap_or_default()
            })
            .collect();
        let events = std::mem::take(&mut document.events);
        let document_json = document_json(&mut document);
        let signature = Signature::of_text(&document.text);
        let metadata_json =
            serde_json::to_string(&document.metadata).unwrap_or_else(|_| "{}".into());
        let band_keys = if signature.is_empty() {
            Vec::new()
        } else {
            signature.band_keys().to_vec()
        };
        Prepared {
            key,
            document,
            events,
            records,
            document_json,
            signature,
            metadata_json,
            band_keys,
        }
    }
}

/// What a worker hands the writer.
enum Item {
    Known,
    New(Box<Prepared>),
}

/// Codes `records` with `pipeline` on the rayon pool and stores them in one ingest run, in input order: records
/// whose key the store already holds are skipped before coding; input errors go to `observer` and are counted
/// in the run. `inspect` sees each coded document before it is stored (e.g. to warn about limits it hit). On a
/// store error the batch being written is rolled back and what was committed before stays.
pub fn ingest_records(
    store: &mut Store,
    pipeline: &Pipeline,
    info: &RunInfo,
    records: impl Iterator<Item = Result<RawRecord, IngestError>>,
    inspect: &(dyn Fn(&Document) + Sync),
    observer: &mut dyn RunObserver,
) -> Result<RunCounts, StoreError> {
    let known = store.document_keys()?;
    let restore = store.tune_for_ingest()?;
    let result = ingest_into(store, pipeline, info, records, &known, inspect, observer);
    // The connection's settings as they were, whatever happened (a failed restore only costs memory).
    store.restore_tuning(restore);
    result
}

/// [`ingest_records`] once the store is tuned: coding on the pool, writing on a thread of its own.
fn ingest_into(
    store: &mut Store,
    pipeline: &Pipeline,
    info: &RunInfo,
    records: impl Iterator<Item = Result<RawRecord, IngestError>>,
    known: &HashSet<DocKey>,
    inspect: &(dyn Fn(&Document) + Sync),
    observer: &mut dyn RunObserver,
) -> Result<RunCounts, StoreError> {
    let batch = store.begin_ingest(info)?;
    let mut counter = CountErrors {
        inner: observer,
        errors: 0,
    };
    // The writer runs beside the pool: while it stores one batch of documents the pool codes the next (with
    // the writer inline, every commit would stall the workers). It still writes one document at a time, in
    // input order, so the rows do not depend on scheduling.
    let (written, batch, failure) = std::thread::scope(|scope| {
        let (send, receive) = std::sync::mpsc::sync_channel::<Item>(WRITE_QUEUE);
        let writer = scope.spawn(move || {
            let mut batch = batch;
            let mut failure = None;
            for item in receive {
                let r = match item {
                    Item::Known => {
                        batch.skipped();
                        Ok(())
                    }
                    Item::New(p) => batch.add(*p).map(|_| ()),
                };
                if let Err(e) = r {
                    failure = Some(e);
                    break;
                }
            }
            (batch, failure)
        });
        let written = run_ordered(
            records,
            |record| {
                let key = DocKey::of(&record);
                if known.contains(&key) {
                    Item::Known
                } else {
                    let document = pipeline.process(record);
                    inspect(&document);
                    Item::New(Box::new(Prepared::of_document(pipeline, key, document)))
                }
            },
            // The writer hangs up only when a write failed; its error is the one reported.
            |item| {
                send.send(item)
                    .map_err(|_| std::io::Error::other("store write failed"))
            },
            &mut counter,
        );
        drop(send);
        match writer.join() {
            Ok((batch, failure)) => (written, batch, failure),
            Err(panic) => std::panic::resume_unwind(panic),
        }
    });
    let mut batch = batch;
    for _ in 0..counter.errors {
        batch.error();
    }
    if let Some(e) = failure {
        return Err(e);
    }
    if let Err(e) = written {
        return Err(batch.store().invalid(format!("ingest stopped: {e}")));
    }
    batch.finish()
}

/// The connection's settings that [`Store::tune_for_ingest`] changed.
#[derive(Debug, Clone, Copy)]
struct Tuning {
    cache_size: i64,
    wal_autocheckpoint: i64,
}

impl Store {
    /// A larger page cache and fewer automatic checkpoints for the ingest; returns the settings before. Neither
    /// touches durability: commits are as atomic and synchronous (`NORMAL`) as before.
    fn tune_for_ingest(&self) -> Result<Tuning, StoreError> {
        let get = |pragma: &str| -> Result<i64, StoreError> {
            self.conn
                .query_row(&format!("PRAGMA {pragma}"), [], |r| r.get(0))
                .map_err(|e| self.sql("read settings", e))
        };
        let before = Tuning {
            cache_size: get("cache_size")?,
            wal_autocheckpoint: get("wal_autocheckpoint")?,
        };
        self.apply_tuning(Tuning {
            cache_size: -INGEST_CACHE_KIB,
            wal_autocheckpoint: INGEST_WAL_AUTOCHECKPOINT,
        })?;
        Ok(before)
    }

    fn restore_tuning(&self, before: Tuning) {
        let _ = self.apply_tuning(before);
    }

    fn apply_tuning(&self, t: Tuning) -> Result<(), StoreError> {
        self.conn
            .execute_batch(&format!(
                "PRAGMA cache_size = {}; PRAGMA wal_autocheckpoint = {};",
                t.cache_size, t.wal_autocheckpoint
            ))
            .map_err(|e| self.sql("tune for ingest", e))
    }
}

/// Passes input errors on and counts them.
struct CountErrors<'a> {
    inner: &'a mut dyn RunObserver,
    errors: u64,
}

impl RunObserver for CountErrors<'_> {
    fn input_error(&mut self, error: &IngestError) {
        self.errors += 1;
        self.inner.input_error(error);
    }
    fn progress(&mut self, n: usize) {
        self.inner.progress(n);
    }
}

/// The document as stored JSON: without text (a column of its own), events (rows of their own) and source map.
pub(crate) fn document_json(document: &mut Document) -> String {
    let text = std::mem::take(&mut document.text);
    let map = std::mem::take(&mut document.source_map);
    let json = serde_json::to_string(&*document).unwrap_or_default();
    document.text = text;
    document.source_map = map;
    json
}

/// What [`Batch::add`] did with a document.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Ingested {
    /// Stored, with its events, in `story`; `duplicate_of` is the stored document it copies, if any.
    Added {
        id: i64,
        events: usize,
        story: i64,
        duplicate_of: Option<i64>,
    },
    /// The store already holds this content at this URL: nothing written.
    AlreadyStored,
}

/// Counts of one run so far.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct RunCounts {
    pub records_seen: u64,
    pub documents_added: u64,
    pub duplicates: u64,
    pub events_added: u64,
    pub errors: u64,
}

/// An ingest or recode run writing to a store.
pub struct Batch<'s> {
    store: &'s mut Store,
    run: i64,
    generation: i64,
    kind: RunKind,
    in_transaction: bool,
    pending: usize,
    last_commit: Instant,
    counts: RunCounts,
    committed: RunCounts,
    bands: Bands,
    /// The first document this transaction stored: the full-text index takes this transaction's documents in
    /// one statement when it commits.
    fts_from: Option<i64>,
    /// The id the next stored document gets: SQLite's own choice (one past the largest), read when the
    /// transaction begins, so a document that starts a story is written with its story rather than updated.
    next_id: i64,
}

impl Store {
    /// The keys of every stored document, so a caller can skip records already stored before coding them.
    pub fn document_keys(&self) -> Result<HashSet<DocKey>, StoreError> {
        let mut stmt = self
            .conn
            .prepare("SELECT content_hash, url FROM documents")
            .map_err(|e| self.sql("read document keys", e))?;
        let rows = stmt
            .query_map([], |r| {
                let hash: Vec<u8> = r.get(0)?;
                let url: String = r.get(1)?;
                Ok((hash, url))
            })
            .map_err(|e| self.sql("read document keys", e))?;
        let mut keys = HashSet::new();
        for row in rows {
            let (hash, url) = row.map_err(|e| self.sql("read document keys", e))?;
            if let Ok(content_hash) = <[u8; 32]>::try_from(hash.as_slice()) {
                keys.insert(DocKey { content_hash, url });
            }
        }
        Ok(keys)
    }

    /// Starts an ingest run. Its events join the store's current generation, which must have been coded with
    /// the same dictionaries (same fingerprint); the first ingest starts generation one.
    pub fn begin_ingest(&mut self, info: &RunInfo) -> Result<Batch<'_>, StoreError> {
        let current = self.generation()?;
        if let Some(generation) = current {
            let (fingerprint, dictionaries): (String, String) = self
                .conn
                .query_row(
                    "SELECT fingerprint, dictionaries FROM runs WHERE id = ?1",
                    [generation],
                    |r| Ok((r.get(0)?, r.get(1)?)),
                )
                .map_err(|e| self.sql("read current generation", e))?;
            if fingerprint != info.fingerprint {
                return Err(self.invalid(format!(
                    "its events were coded with other dictionaries (run {generation}: {dictionaries}, fingerprint {fingerprint}; \
                     now: {}, fingerprint {}). Ingest with the same dictionary options, or run `dyad recode --db {}` with the new ones first",
                    info.dictionaries, info.fingerprint, self.name()
                )));
            }
        }
        self.begin(RunKind::Ingest, info, current)
    }

    /// Starts a run; `generation` `None` makes the run its own (new) generation.
    pub(crate) fn begin(
        &mut self,
        kind: RunKind,
        info: &RunInfo,
        generation: Option<i64>,
    ) -> Result<Batch<'_>, StoreError> {
        let inputs = serde_json::to_string(&info.inputs).unwrap_or_else(|_| "[]".into());
        let tx = self
            .conn
            .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)
            .map_err(|e| classify(&self.path, "begin run", e))?;
        tx.execute(
            "INSERT INTO runs (kind, generation, binary_version, dictionaries, fingerprint, options, inputs, started)
             VALUES (?1, 0, ?2, ?3, ?4, ?5, ?6, ?7)",
            params![
                kind.as_str(),
                info.binary_version,
                info.dictionaries,
                info.fingerprint,
                info.options,
                inputs,
                now_utc()
            ],
        )
        .map_err(|e| classify(&self.path, "record run", e))?;
        let run = tx.last_insert_rowid();
        let generation = generation.unwrap_or(run);
        tx.execute(
            "UPDATE runs SET generation = ?1 WHERE id = ?2",
            params![generation, run],
        )
        .map_err(|e| classify(&self.path, "record run", e))?;
        if kind == RunKind::Ingest && generation == run {
            Store::set_meta(&tx, "generation", &generation.to_string())
                .map_err(|e| classify(&self.path, "record generation", e))?;
        }
        tx.commit()
            .map_err(|e| classify(&self.path, "record run", e))?;
        Ok(Batch {
            store: self,
            run,
            generation,
            kind,
            in_transaction: false,
            pending: 0,
            last_commit: Instant::now(),
            counts: RunCounts::default(),
            committed: RunCounts::default(),
            bands: Bands::Memory(BandIndex::default()),
            fts_from: None,
            next_id: 0,
        })
    }
}

impl Batch<'_> {
    /// The run's id.
    pub fn run(&self) -> i64 {
        self.run
    }

    /// The store written to.
    pub(crate) fn store(&self) -> &Store {
        self.store
    }

    /// The generation its events belong to.
    pub fn generation(&self) -> i64 {
        self.generation
    }

    /// Counts so far (committed or not).
    pub fn counts(&self) -> RunCounts {
        self.counts
    }

    /// Counts a record that was already stored (skipped before coding).
    pub fn skipped(&mut self) {
        self.counts.records_seen += 1;
    }

    /// Counts a record that could not be read.
    pub fn error(&mut self) {
        self.counts.errors += 1;
    }

    fn begin_if_needed(&mut self) -> Result<(), StoreError> {
        if !self.in_transaction {
            self.store
                .conn
                .execute_batch("BEGIN IMMEDIATE")
                .map_err(|e| self.store.sql("begin batch", e))?;
            self.in_transaction = true;
            self.next_id = self
                .store
                .conn
                .prepare_cached("SELECT coalesce(max(id), 0) + 1 FROM documents")
                .and_then(|mut s| s.query_row([], |r| r.get(0)))
                .map_err(|e| self.store.sql("begin batch", e))?;
            if self.kind == RunKind::Ingest {
                self.catch_up_bands()?;
            }
        }
        Ok(())
    }

    /// Adds to the band index the documents stored since it was last brought up to date (all of them the first
    /// time; afterwards only what another writer committed between two transactions of this run). A store too
    /// large to hold turns to the `lsh` table, brought up to date first.
    fn catch_up_bands(&mut self) -> Result<(), StoreError> {
        let Bands::Memory(index) = &mut self.bands else {
            return self.catch_up_lsh();
        };
        let conn = &self.store.conn;
        let sql = |e| classify(&self.store.path, "read band keys", e);
        let last: i64 = conn
            .prepare_cached("SELECT coalesce(max(id), 0) FROM documents")
            .and_then(|mut s| s.query_row([], |r| r.get(0)))
            .map_err(sql)?;
        if last <= index.through {
            return Ok(());
        }
        // Ids are dense: a store too large to hold is not read at all.
        let estimate = (last - index.through) as usize * crate::dedup::BANDS;
        if index.keys + estimate > BAND_INDEX_MAX_KEYS {
            self.bands = Bands::Table;
            return self.catch_up_lsh();
        }
        let mut stmt = conn
            .prepare_cached(
                "SELECT document, signature FROM signatures WHERE document > ?1 ORDER BY document",
            )
            .map_err(sql)?;
        let mut rows = stmt.query([index.through]).map_err(sql)?;
        while let Some(row) = rows.next().map_err(sql)? {
            let document: i64 = row.get(0).map_err(sql)?;
            let bytes: Vec<u8> = row.get(1).map_err(sql)?;
            if let Some(signature) = Signature::from_bytes(&bytes) {
                index.add(document, &signature.band_keys());
            }
        }
        index.through = last;
        Ok(())
    }

    /// Writes the `lsh` rows of the documents stored after `meta.lsh_through` (from their signatures, sorted,
    /// [`LSH_ROWS_PER_INSERT`] to a statement) and moves `lsh_through` to the last document.
    fn catch_up_lsh(&mut self) -> Result<(), StoreError> {
        let conn = &self.store.conn;
        let sql = |e| classify(&self.store.path, "bring the lsh table up to date", e);
        let through: i64 = self
            .store
            .meta("lsh_through")?
            .and_then(|v| v.parse().ok())
            .unwrap_or(0);
        let last: i64 = conn
            .prepare_cached("SELECT coalesce(max(id), 0) FROM documents")
            .and_then(|mut s| s.query_row([], |r| r.get(0)))
            .map_err(sql)?;
        if last <= through {
            return Ok(());
        }
        let mut rows: Vec<(i64, i64)> = Vec::new();
        {
            let mut stmt = conn
                .prepare_cached("SELECT document, signature FROM signatures WHERE document > ?1")
                .map_err(sql)?;
            let mut found = stmt.query([through]).map_err(sql)?;
            while let Some(row) = found.next().map_err(sql)? {
                let document: i64 = row.get(0).map_err(sql)?;
                let bytes: Vec<u8> = row.get(1).map_err(sql)?;
                if let Some(signature) = Signature::from_bytes(&bytes) {
                    rows.extend(signature.band_keys().iter().map(|&k| (k, document)));
                }
            }
        }
        // Sorted, neighbouring keys share B-tree pages; many rows to a statement, SQLite's statement machinery
        // costs less than the tree.
        rows.sort_unstable();
        let mut chunks = rows.chunks_exact(LSH_ROWS_PER_INSERT);
        let mut many = conn.prepare_cached(&LSH_INSERT_MANY).map_err(sql)?;
        for chunk in &mut chunks {
            let values = chunk.iter().flat_map(|(key, id)| [*key, *id]);
            many.execute(rusqlite::params_from_iter(values))
                .map_err(sql)?;
        }
        let mut one = conn
            .prepare_cached("INSERT OR IGNORE INTO lsh (key, document) VALUES (?1, ?2)")
            .map_err(sql)?;
        for (key, id) in chunks.remainder() {
            one.execute(params![key, id]).map_err(sql)?;
        }
        Store::set_meta(conn, "lsh_through", &last.to_string()).map_err(sql)
    }

    /// Stores one document and its events (unless its key is already stored), in its story.
    pub fn add(&mut self, prepared: Prepared) -> Result<Ingested, StoreError> {
        self.counts.records_seen += 1;
        self.begin_if_needed()?;
        let result = self.write(&prepared);
        let result = match result {
            Ok(r) => r,
            Err(e) => {
                self.rollback();
                return Err(e);
            }
        };
        if let Ingested::Added {
            events,
            duplicate_of,
            ..
        } = result
        {
            self.counts.documents_added += 1;
            self.counts.events_added += events as u64;
            if duplicate_of.is_some() {
                self.counts.duplicates += 1;
            }
        }
        self.pending += 1;
        if self.pending >= BATCH_DOCUMENTS || self.last_commit.elapsed() >= BATCH_TIME {
            self.commit()?;
        }
        Ok(result)
    }

    /// Writes a recoded document's events (recode runs): the document is already stored as `document`.
    pub(crate) fn add_events(
        &mut self,
        document: i64,
        story: i64,
        events: &[Event],
        records: &[String],
    ) -> Result<(), StoreError> {
        self.counts.records_seen += 1;
        self.begin_if_needed()?;
        if let Err(e) = self.write_events(document, story, events, records) {
            self.rollback();
            return Err(e);
        }
        self.counts.events_added += events.len() as u64;
        self.pending += 1;
        if self.pending >= BATCH_DOCUMENTS || self.last_commit.elapsed() >= BATCH_TIME {
            self.commit()?;
        }
        Ok(())
    }

    fn rollback(&mut self) {
        if self.in_transaction {
            let _ = self.store.conn.execute_batch("ROLLBACK");
            self.in_transaction = false;
        }
        self.fts_from = None;
        // The index held rows that are gone now: read it again from what is committed.
        if let Bands::Memory(_) = self.bands {
            self.bands = Bands::Memory(BandIndex::default());
        }
        self.counts = self.committed;
        self.pending = 0;
    }

    /// With the `lsh` table in use, every document written has its rows: `lsh_through` moves to the last.
    fn note_lsh_through(&mut self) -> Result<(), StoreError> {
        if self.kind != RunKind::Ingest || !matches!(self.bands, Bands::Table) {
            return Ok(());
        }
        self.store
            .conn
            .prepare_cached(
                "UPDATE meta SET value = (SELECT CAST(coalesce(max(id), 0) AS TEXT) FROM documents)
                 WHERE key = 'lsh_through'",
            )
            .and_then(|mut s| s.execute([]))
            .map(|_| ())
            .map_err(|e| self.store.sql("bring the lsh table up to date", e))
    }

    /// Indexes this transaction's documents for full-text search, in one statement.
    fn write_fts(&mut self) -> Result<(), StoreError> {
        let Some(from) = self.fts_from.take() else {
            return Ok(());
        };
        self.store
            .conn
            .prepare_cached(
                "INSERT INTO documents_fts (rowid, title, text) SELECT id, title, text FROM documents WHERE id >= ?1 ORDER BY id",
            )
            .and_then(|mut s| s.execute([from]))
            .map(|_| ())
            .map_err(|e| self.store.sql("index documents for search", e))
    }

    /// Commits the open transaction with the run's counts.
    pub fn commit(&mut self) -> Result<(), StoreError> {
        if !self.in_transaction {
            return Ok(());
        }
        if let Err(e) = self.write_fts().and_then(|_| self.note_lsh_through()) {
            self.rollback();
            return Err(e);
        }
        let c = self.counts;
        let updated = self.store.conn.execute(
            "UPDATE runs SET records_seen = ?1, documents_added = ?2, duplicates = ?3, events_added = ?4, errors = ?5
             WHERE id = ?6",
            params![
                c.records_seen as i64,
                c.documents_added as i64,
                c.duplicates as i64,
                c.events_added as i64,
                c.errors as i64,
                self.run
            ],
        );
        let committed = updated.and_then(|_| self.store.conn.execute_batch("COMMIT"));
        if let Err(e) = committed {
            let err = self.store.sql("commit batch", e);
            self.rollback();
            return Err(err);
        }
        self.in_transaction = false;
        self.committed = c;
        self.pending = 0;
        self.last_commit = Instant::now();
        Ok(())
    }

    /// Commits what is pending and marks the run finished; a recode run becomes the current generation.
    pub fn finish(mut self) -> Result<RunCounts, StoreError> {
        self.begin_if_needed()?;
        let marked = self
            .store
            .conn
            .execute(
                "UPDATE runs SET finished = ?1 WHERE id = ?2",
                params![now_utc(), self.run],
            )
            .and_then(|_| {
                if self.kind == RunKind::Recode {
                    Store::set_meta(&self.store.conn, "generation", &self.generation.to_string())
                } else {
                    Ok(())
                }
            });
        if let Err(e) = marked {
            let err = self.store.sql("finish run", e);
            self.rollback();
            return Err(err);
        }
        self.commit()?;
        Ok(self.counts)
    }

    fn write(&mut self, p: &Prepared) -> Result<Ingested, StoreError> {
        let conn = &self.store.conn;
        let sql = |e| classify(&self.store.path, "store document", e);
        let doc = &p.document;
        // An exact copy (same bytes) at another URL, else the most similar stored document.
        let exact: Option<(i64, i64)> = conn
            .prepare_cached(
                "SELECT id, story FROM documents WHERE content_hash = ?1 AND url <> ?2 ORDER BY id LIMIT 1",
            )
            .and_then(|mut s| {
                s.query_row(params![&p.key.content_hash[..], &p.key.url], |r| {
                    Ok((r.get(0)?, r.get(1)?))
                })
                .optional()
            })
            .map_err(sql)?;
        let (duplicate_of, similarity, story) = match exact {
            Some((id, story)) => (Some(id), Some(1.0), Some(story)),
            None => match self.most_similar(p)? {
                Some((id, story, s)) => (Some(id), Some(s), Some(story)),
                None => (None, None, None),
            },
        };
        let meta = &doc.metadata;
        let prov = &doc.provenance;
        let inserted = conn
            .prepare_cached(
                "INSERT INTO documents (id, doc_id, content_hash, url, story, duplicate_of, similarity, path, record,
                     byte_offset, format, title, date, outlet, language, metadata, text, document, sentences, run)
                 VALUES (?20, ?1, ?2, ?3, coalesce(?4, ?20), ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17,
                     ?18, ?19)
                 ON CONFLICT (content_hash, url) DO NOTHING",
            )
            .and_then(|mut s| {
                s.execute(params![
                    doc.id,
                    &p.key.content_hash[..],
                    p.key.url,
                    story,
                    duplicate_of,
                    similarity,
                    prov.path,
                    prov.record.map(|r| r as i64),
                    prov.byte_offset.map(|r| r as i64),
                    prov.format
                        .and_then(|f| serde_json::to_value(f).ok())
                        .and_then(|v| v.as_str().map(str::to_string)),
                    doc.title_text(),
                    meta.date,
                    meta.outlet,
                    meta.language,
                    p.metadata_json,
                    doc.text,
                    p.document_json,
                    doc.sentences.len() as i64,
                    self.run,
                    self.next_id
                ])
            })
            .map_err(sql)?;
        if inserted == 0 {
            return Ok(Ingested::AlreadyStored);
        }
        let id = self.next_id;
        // At the largest id the next insert fails on the primary key, as SQLite's own choice could not go on.
        self.next_id = id.saturating_add(1);
        let story = story.unwrap_or(id);
        self.fts_from.get_or_insert(id);
        if !p.band_keys.is_empty() {
            conn.prepare_cached("INSERT INTO signatures (document, signature) VALUES (?1, ?2)")
                .and_then(|mut s| s.execute(params![id, p.signature.to_bytes()]))
                .map_err(sql)?;
            if let Bands::Table = self.bands {
                let mut stmt = conn
                    .prepare_cached("INSERT OR IGNORE INTO lsh (key, document) VALUES (?1, ?2)")
                    .map_err(sql)?;
                for key in &p.band_keys {
                    stmt.execute(params![key, id]).map_err(sql)?;
                }
            }
        }
        if let Bands::Memory(index) = &mut self.bands {
            index.add(id, &p.band_keys);
            if index.keys > BAND_INDEX_MAX_KEYS {
                self.bands = Bands::Table;
                self.catch_up_lsh()?;
            }
        }
        self.write_events(id, story, &p.events, &p.records)?;
        Ok(Ingested::Added {
            id,
            events: p.events.len(),
            story,
            duplicate_of,
        })
    }

    /// The stored document most similar to `p`'s signature at or above [`DUPLICATE_SIMILARITY`]: (id, story,
    /// similarity), the lowest id among equals.
    fn most_similar(&self, p: &Prepared) -> Result<Option<(i64, i64, f64)>, StoreError> {
        if p.band_keys.is_empty() {
            return Ok(None);
        }
        let conn = &self.store.conn;
        let sql = |e| classify(&self.store.path, "find similar documents", e);
        let candidates = match &self.bands {
            Bands::Memory(index) => index.candidates(&p.band_keys),
            Bands::Table => {
                // One step through the index per key; sorted and made unique here, not in SQL.
                let mut found = Vec::new();
                let mut stmt = conn
                    .prepare_cached("SELECT document FROM lsh WHERE key = ?1")
                    .map_err(sql)?;
                for key in &p.band_keys {
                    let rows = stmt.query_map([key], |r| r.get::<_, i64>(0)).map_err(sql)?;
                    for r in rows {
                        found.push(r.map_err(sql)?);
                    }
                }
                found.sort_unstable();
                found.dedup();
                found
            }
        };
        if candidates.is_empty() {
            return Ok(None);
        }
        let mut best: Option<(i64, f64)> = None;
        let mut stmt = conn
            .prepare_cached("SELECT signature FROM signatures WHERE document = ?1")
            .map_err(sql)?;
        for id in candidates {
            let bytes: Vec<u8> = stmt.query_row([id], |r| r.get(0)).map_err(sql)?;
            let Some(other) = Signature::from_bytes(&bytes) else {
                continue;
            };
            let s = p.signature.similarity(&other);
            if s >= DUPLICATE_SIMILARITY && best.is_none_or(|(_, b)| s > b) {
                best = Some((id, s));
            }
        }
        let Some((id, s)) = best else {
            return Ok(None);
        };
        let story: i64 = conn
            .prepare_cached("SELECT story FROM documents WHERE id = ?1")
            .and_then(|mut st| st.query_row([id], |r| r.get(0)))
            .map_err(sql)?;
        Ok(Some((id, story, s)))
    }

    fn write_events(
        &self,
        document: i64,
        story: i64,
        events: &[Event],
        records: &[String],
    ) -> Result<(), StoreError> {
        let conn = &self.store.conn;
        let sql = |e| classify(&self.store.path, "store events", e);
        let mut insert = conn
            .prepare_cached(
                "INSERT INTO events (generation, run, document, story, sentence, source, target, cameo, root, base,
                     quad_class, goldstein, plover, plover_mode, date, day, date_how, date_precision, place, lat, lon,
                     country, admin1, feature_class, geonameid, location_how, claimed, reported_by, record)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20,
                     ?21, ?22, ?23, ?24, ?25, ?26, ?27, ?28, ?29)",
            )
            .map_err(sql)?;
        let mut evidence = conn
            .prepare_cached(
                "INSERT INTO evidence (event, role, start, end, rule_file, rule_line, rule_text)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
            )
            .map_err(sql)?;
        let text = |v: Option<serde_json::Value>| v.and_then(|v| v.as_str().map(str::to_string));
        for (e, record) in events.iter().zip(records) {
            let loc = e.location.as_ref();
            let day = e.date.as_deref().and_then(|d| d.get(..10)).unwrap_or("");
            insert
                .execute(params![
                    self.generation,
                    self.run,
                    document,
                    story,
                    e.sentence,
                    e.source,
                    e.target,
                    e.cameo,
                    e.root,
                    e.base,
                    e.quad_class.map(|q| q.number()),
                    e.goldstein.map(f64::from),
                    e.plover.as_ref().map(|p| p.event_type.as_str()),
                    e.plover.as_ref().and_then(|p| p.mode.as_deref()),
                    e.date,
                    day,
                    text(e.date_how.and_then(|h| serde_json::to_value(h).ok())),
                    text(e.date_precision.and_then(|h| serde_json::to_value(h).ok())),
                    loc.map(|l| l.name.as_str()),
                    loc.map(|l| l.lat),
                    loc.map(|l| l.lon),
                    loc.map(|l| l.country.as_str()),
                    loc.and_then(|l| l.admin1.as_deref()),
                    loc.map(|l| l.feature_class.as_str()),
                    loc.map(|l| l.geonameid),
                    text(
                        loc.and_then(|l| l.how)
                            .and_then(|h| serde_json::to_value(h).ok())
                    ),
                    e.claimed,
                    e.reported_by.as_ref().map(|r| r.actor.as_str()),
                    record
                ])
                .map_err(sql)?;
            let event = conn.last_insert_rowid();
            let ev = &e.evidence;
            for (role, span, rule) in [
                ("source", ev.source, ev.source_rule.as_ref()),
                ("verb", ev.verb, ev.verb_rule.as_ref()),
                ("target", ev.target, ev.target_rule.as_ref()),
            ] {
                if let Some(span) = span {
                    evidence
                        .execute(params![
                            event,
                            role,
                            span.start,
                            span.end,
                            rule.map(|r| r.file.as_str()),
                            rule.map(|r| r.line),
                            rule.map(|r| r.text.as_str())
                        ])
                        .map_err(sql)?;
                }
            }
        }
        Ok(())
    }
}

impl Drop for Batch<'_> {
    /// A batch dropped without [`Batch::finish`] (an error upstream) keeps what it wrote: documents are whole in
    /// every transaction, so committing the open one loses nothing and stores nothing half-done.
    fn drop(&mut self) {
        if self.in_transaction && self.commit().is_err() {
            self.rollback();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn band_index_candidates_are_every_document_with_a_key_ascending_once() {
        let mut index = BandIndex::default();
        index.add(1, &[10, 11, 12]);
        index.add(2, &[20, 11, 11]);
        index.add(3, &[30, 12, 11]);
        assert_eq!(index.candidates(&[11]), vec![1, 2, 3]);
        assert_eq!(index.candidates(&[12, 20, 99]), vec![1, 2, 3]);
        assert_eq!(index.candidates(&[30]), vec![3]);
        assert!(index.candidates(&[99]).is_empty());
        assert_eq!((index.keys, index.through), (8, 3));
    }

    fn lsh_rows(store: &Store) -> i64 {
        store
            .conn
            .query_row("SELECT count(*) FROM lsh", [], |r| r.get(0))
            .unwrap()
    }

    /// A store too large for the index in memory brings the `lsh` table up to date (the documents a run with the
    /// index in memory stored have no rows yet) and finds the copy there.
    #[test]
    fn without_the_index_in_memory_the_table_is_caught_up_and_finds_the_copy() {
        let dir = tempfile::tempdir().unwrap();
        let pipeline = Pipeline::builtin().unwrap();
        let article = include_str!("../../../examples/wire-story.txt");
        let record = |text: String, name: &str| {
            let path = dir.path().join(name);
            std::fs::write(&path, text).unwrap();
            dyad_ingest::read_inputs(&[path], &dyad_ingest::IngestOptions::default())
                .next()
                .unwrap()
                .unwrap()
        };
        let mut store = Store::open(&dir.path().join("s.db")).unwrap();
        let mut batch = store.begin_ingest(&RunInfo::default()).unwrap();
        batch
            .add(Prepared::new(
                &pipeline,
                record(article.to_string(), "a.txt"),
            ))
            .unwrap();
        batch.finish().unwrap();
        assert_eq!(lsh_rows(&store), 0, "the index in memory writes no rows");
        let mut batch = store.begin_ingest(&RunInfo::default()).unwrap();
        batch.bands = Bands::Table;
        let copy = format!("Home | World | Subscribe\n\n{article}\n\nShare this story.\n");
        let second = batch
            .add(Prepared::new(&pipeline, record(copy, "b.txt")))
            .unwrap();
        let third = batch
            .add(Prepared::new(
                &pipeline,
                record(format!("{article}\nUpdated at 10:00."), "c.txt"),
            ))
            .unwrap();
        batch.finish().unwrap();
        assert!(
            matches!(
                second,
                Ingested::Added {
                    id: 2,
                    story: 1,
                    duplicate_of: Some(1),
                    ..
                }
            ),
            "{second:?}"
        );
        assert!(
            matches!(
                third,
                Ingested::Added {
                    id: 3,
                    story: 1,
                    duplicate_of: Some(_),
                    ..
                }
            ),
            "{third:?}"
        );
        assert_eq!(lsh_rows(&store) % 3, 0);
        assert!(lsh_rows(&store) > 3 * 20, "{}", lsh_rows(&store));
        assert_eq!(store.meta("lsh_through").unwrap().as_deref(), Some("3"));
    }

    /// A store of schema 1 has every `lsh` row: the migration marks the table complete up to its last document.
    #[test]
    fn a_schema_1_store_is_upgraded_with_its_lsh_table_complete() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("old.db");
        {
            let conn = rusqlite::Connection::open(&path).unwrap();
            conn.execute_batch(crate::schema::MIGRATIONS[0]).unwrap();
            conn.execute_batch(
                "INSERT INTO runs (id, kind, generation, binary_version, dictionaries, fingerprint, options, inputs, started)
                 VALUES (1, 'ingest', 1, 'old', 'built-in', 'fp', '{}', '[]', 'then');
                 INSERT INTO documents (id, doc_id, content_hash, story, path, metadata, text, document, sentences, run)
                 VALUES (7, 'a', x'00', 7, 'a.txt', '{}', 'text', '{}', 0, 1);
                 PRAGMA user_version = 1;",
            )
            .unwrap();
        }
        let store = Store::open(&path).unwrap();
        assert_eq!(store.user_version().unwrap(), crate::schema::version());
        assert_eq!(store.meta("lsh_through").unwrap().as_deref(), Some("7"));
        let fresh = Store::open(&dir.path().join("new.db")).unwrap();
        assert_eq!(fresh.meta("lsh_through").unwrap().as_deref(), Some("0"));
    }
}
