//! The store's tables, as numbered migrations. `PRAGMA user_version` holds the number of migrations applied;
//! opening a store applies the missing ones in one transaction each, and refuses a store whose number is higher
//! than this binary knows (written by a newer dyad).
//!
//! Layout (every table's rows are written in input order, so the same inputs give the same rows):
//! - `meta`: key/value facts about the store (`generation`: the coding generation queries read by default).
//! - `runs`: one row per `ingest` or `recode`: binary version, dictionary fingerprint, options, inputs, start and
//!   end, counts; `generation` is the coding generation its events belong to.
//! - `documents`: one row per distinct input record (`content_hash`, `url` unique): provenance, metadata, the
//!   clean text, the document as JSON (sentences and paragraph spans, for re-coding), its `story` and what it
//!   duplicates.
//! - `documents_fts`: FTS5 index over title and clean text (external content: `documents`).
//! - `lsh`: MinHash LSH band keys of each document, for near-duplicate search. Since migration 2 it holds the
//!   rows of the documents up to `meta.lsh_through` only: a writer finds candidates in memory, from
//!   `signatures`, and brings the table up to date only for a store larger than it holds in memory.
//! - `events`: raw per-sentence events of each generation: typed columns for every field the queries filter on
//!   and the event record as `dyad code` writes it (`record`).
//! - `evidence`: the actor and verb spans behind each event and the dictionary rule each came from.

/// Migrations in order; the store's `user_version` is how many have run.
pub const MIGRATIONS: &[&str] = &[
    r#"
CREATE TABLE meta (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
) STRICT;

CREATE TABLE runs (
    id              INTEGER PRIMARY KEY,
    kind            TEXT NOT NULL CHECK (kind IN ('ingest', 'recode')),
    generation      INTEGER NOT NULL,
    binary_version  TEXT NOT NULL,
    dictionaries    TEXT NOT NULL,
    fingerprint     TEXT NOT NULL,
    options         TEXT NOT NULL,
    inputs          TEXT NOT NULL,
    started         TEXT NOT NULL,
    finished        TEXT,
    records_seen    INTEGER NOT NULL DEFAULT 0,
    documents_added INTEGER NOT NULL DEFAULT 0,
    duplicates      INTEGER NOT NULL DEFAULT 0,
    events_added    INTEGER NOT NULL DEFAULT 0,
    errors          INTEGER NOT NULL DEFAULT 0
) STRICT;

CREATE TABLE documents (
    id           INTEGER PRIMARY KEY,
    doc_id       TEXT NOT NULL,
    content_hash BLOB NOT NULL,
    url          TEXT NOT NULL DEFAULT '',
    story        INTEGER NOT NULL,
    duplicate_of INTEGER REFERENCES documents (id),
    similarity   REAL,
    path         TEXT NOT NULL,
    record       INTEGER,
    byte_offset  INTEGER,
    format       TEXT,
    title        TEXT,
    date         TEXT,
    outlet       TEXT,
    language     TEXT,
    metadata     TEXT NOT NULL,
    text         TEXT NOT NULL,
    document     TEXT NOT NULL,
    sentences    INTEGER NOT NULL,
    run          INTEGER NOT NULL REFERENCES runs (id),
    UNIQUE (content_hash, url)
) STRICT;
CREATE INDEX documents_story ON documents (story);
CREATE INDEX documents_doc_id ON documents (doc_id);

CREATE VIRTUAL TABLE documents_fts USING fts5 (
    title, text, content = 'documents', content_rowid = 'id'
);

CREATE TABLE lsh (
    key      INTEGER NOT NULL,
    document INTEGER NOT NULL REFERENCES documents (id),
    PRIMARY KEY (key, document)
) STRICT, WITHOUT ROWID;

CREATE TABLE signatures (
    document  INTEGER PRIMARY KEY REFERENCES documents (id),
    signature BLOB NOT NULL
) STRICT;

CREATE TABLE events (
    id             INTEGER PRIMARY KEY,
    generation     INTEGER NOT NULL REFERENCES runs (id),
    run            INTEGER NOT NULL REFERENCES runs (id),
    document       INTEGER NOT NULL REFERENCES documents (id),
    story          INTEGER NOT NULL,
    sentence       INTEGER NOT NULL,
    source         TEXT NOT NULL,
    target         TEXT NOT NULL,
    cameo          TEXT NOT NULL,
    root           TEXT NOT NULL,
    base           TEXT NOT NULL,
    quad_class     INTEGER,
    goldstein      REAL,
    plover         TEXT,
    plover_mode    TEXT,
    date           TEXT,
    day            TEXT NOT NULL,
    date_how       TEXT,
    date_precision TEXT,
    place          TEXT,
    lat            REAL,
    lon            REAL,
    country        TEXT,
    admin1         TEXT,
    feature_class  TEXT,
    geonameid      INTEGER,
    location_how   TEXT,
    claimed        INTEGER NOT NULL,
    reported_by    TEXT,
    record         TEXT NOT NULL
) STRICT;
CREATE INDEX events_document ON events (generation, document);
CREATE INDEX events_merge ON events (generation, story, source, target, cameo, geonameid, day);
CREATE INDEX events_day ON events (generation, day);

CREATE TABLE evidence (
    event     INTEGER NOT NULL REFERENCES events (id),
    role      TEXT NOT NULL CHECK (role IN ('source', 'verb', 'target')),
    start     INTEGER NOT NULL,
    end       INTEGER NOT NULL,
    rule_file TEXT,
    rule_line INTEGER,
    rule_text TEXT,
    PRIMARY KEY (event, role)
) STRICT, WITHOUT ROWID;
"#,
    // 2: `lsh` is complete up to `meta.lsh_through` (here: every stored document); writers add the rest only
    // when they need the table.
    r#"
INSERT INTO meta (key, value)
SELECT 'lsh_through', CAST(coalesce(max(id), 0) AS TEXT) FROM documents;
"#,
];

/// The schema version this binary writes: the number of migrations it knows.
pub fn version() -> i64 {
    MIGRATIONS.len() as i64
}
