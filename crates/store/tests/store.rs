//! The store end to end on real articles: idempotence, stories and merged counts, re-coding, and faults (not a
//! database, a newer schema, a second writer, a full disk, a read-only file system).

use dyad_ingest::{read_inputs, IngestError, IngestOptions};
use dyad_pipeline::{Pipeline, RunObserver};
use dyad_store::ingest::{ingest_records, RunCounts, RunInfo};
use dyad_store::query::{Filter, Row};
use dyad_store::{Store, StoreError};
use std::path::{Path, PathBuf};
use std::time::Duration;

const REPO: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../..");

fn example(name: &str) -> PathBuf {
    Path::new(REPO).join("examples").join(name)
}

/// The seed article beside the repository (../shared), if this checkout has it.
fn seed() -> Option<PathBuf> {
    let p = Path::new(REPO).join("../shared/examples/seed-article.txt");
    if p.exists() {
        Some(p)
    } else {
        eprintln!("note: {} absent; using the bundled wire story", p.display());
        None
    }
}

struct Quiet(u64);
impl RunObserver for Quiet {
    fn input_error(&mut self, _: &IngestError) {
        self.0 += 1;
    }
}

fn info(fingerprint: &str) -> RunInfo {
    RunInfo {
        binary_version: "test".into(),
        dictionaries: "built-in".into(),
        fingerprint: fingerprint.into(),
        options: "{}".into(),
        inputs: vec![],
    }
}

fn ingest(
    store: &mut Store,
    pipeline: &Pipeline,
    paths: &[PathBuf],
) -> Result<RunCounts, StoreError> {
    let mut inputs = read_inputs(paths, &IngestOptions::default());
    ingest_records(
        store,
        pipeline,
        &info("fp"),
        &mut inputs,
        &|_| {},
        &mut Quiet(0),
    )
}

fn events(store: &Store, merged: bool) -> Vec<Row> {
    let mut out = Vec::new();
    store
        .for_each_event(&Filter::default(), merged, |r| {
            out.push(r.clone());
            Ok(())
        })
        .unwrap();
    out
}

fn json(row: &Row) -> serde_json::Value {
    serde_json::from_str(&row.to_json()).unwrap()
}

/// The article and a re-post of it with other boilerplate around it, plus a different story.
fn corpus(dir: &Path) -> Vec<PathBuf> {
    let article =
        std::fs::read_to_string(seed().unwrap_or_else(|| example("wire-story.txt"))).unwrap();
    let a = dir.join("a.txt");
    let b = dir.join("b.txt");
    std::fs::write(&a, &article).unwrap();
    std::fs::write(
        &b,
        format!("Home | World | Politics | Subscribe\n\n{article}\n\nShare this story on X and Facebook.\n(c) 2026 Another Daily\n"),
    )
    .unwrap();
    vec![a, b, example("ministry-page.html"), example("feed.jsonl")]
}

#[test]
fn ingest_is_idempotent_and_copies_merge_into_one_story() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("s.db");
    let pipeline = Pipeline::builtin().unwrap();
    let paths = corpus(dir.path());
    let mut store = Store::open(&db).unwrap();
    let first = ingest(&mut store, &pipeline, &paths).unwrap();
    assert!(first.documents_added >= 4, "{first:?}");
    assert_eq!(
        first.duplicates, 1,
        "the re-post is the one copy: {first:?}"
    );
    let raw = events(&store, false);
    assert_eq!(raw.len() as u64, first.events_added);
    let again = ingest(&mut store, &pipeline, &paths).unwrap();
    assert_eq!(again.documents_added, 0);
    assert_eq!(again.events_added, 0);
    assert_eq!(
        events(&store, false),
        raw,
        "a second ingest changes nothing"
    );

    // The raw events equal what the pipeline codes for the same input, record for record.
    let mut coded = Vec::new();
    for r in read_inputs(&paths[..1], &IngestOptions::default()) {
        let doc = pipeline.process(r.unwrap());
        let mut buf = Vec::new();
        pipeline.write_events(&doc, &mut buf).unwrap();
        coded.extend(String::from_utf8(buf).unwrap().lines().map(str::to_string));
    }
    let a_records: Vec<&str> = raw
        .iter()
        .take(coded.len())
        .map(|r| r.record.as_str())
        .collect();
    assert_eq!(a_records, coded);

    // Every event of the article is merged with its copy's; the other documents' events are their own.
    let merged = events(&store, true);
    let a_story = raw[0].story;
    let (in_story, others): (Vec<_>, Vec<_>) = merged.iter().partition(|r| r.story == a_story);
    assert!(!in_story.is_empty() && !others.is_empty());
    for r in &in_story {
        let m = r.merged.as_ref().unwrap();
        assert_eq!((m.num_articles, m.num_mentions), (2, 2), "{}", r.to_json());
        let mentions: Vec<serde_json::Value> = serde_json::from_str(&m.mentions).unwrap();
        assert_eq!(mentions.len(), 2);
    }
    for r in &others {
        assert_eq!(
            r.merged.as_ref().unwrap().num_articles,
            1,
            "{}",
            r.to_json()
        );
    }
    let mentions: i64 = merged
        .iter()
        .map(|r| r.merged.as_ref().unwrap().num_mentions)
        .sum();
    assert_eq!(
        mentions as usize,
        raw.len(),
        "every raw event is a mention of one merged event"
    );
    let j = json(in_story[0]);
    assert_eq!(j["num_articles"], 2);
    assert!(j["event_id"].is_i64() && j["story"].is_i64());
}

#[test]
fn filters_are_parameters_not_sql() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("s.db");
    let pipeline = Pipeline::builtin().unwrap();
    let mut store = Store::open(&db).unwrap();
    ingest(&mut store, &pipeline, &corpus(dir.path())).unwrap();
    let all = events(&store, false);
    let count = |f: Filter| store.for_each_event(&f, false, |_| Ok(())).unwrap();
    let first_source = json(&all[0])["source"].as_str().unwrap().to_string();
    let by_source = count(Filter {
        source: Some(first_source[..3].to_string()),
        ..Filter::default()
    });
    let expected = all
        .iter()
        .filter(|r| {
            json(r)["source"]
                .as_str()
                .unwrap()
                .starts_with(&first_source[..3])
        })
        .count() as u64;
    assert_eq!(by_source, expected);
    assert!(by_source > 0);
    // Quotes, percent signs and SQL in a value are data.
    for hostile in ["' OR 1=1 --", "%", "_", "\"; DROP TABLE events; --"] {
        assert_eq!(
            count(Filter {
                actor: Some(hostile.into()),
                ..Filter::default()
            }),
            0
        );
    }
    assert_eq!(
        count(Filter::default()),
        all.len() as u64,
        "events table intact"
    );
    // Full-text search finds the documents that say a word; bad FTS syntax is a clear error.
    let jordan = count(Filter {
        text: Some("Jordan OR Greece OR ministry".into()),
        ..Filter::default()
    });
    assert!(jordan > 0);
    let bad = store.for_each_event(
        &Filter {
            text: Some("\"unbalanced".into()),
            ..Filter::default()
        },
        false,
        |_| Ok(()),
    );
    let msg = bad.unwrap_err().to_string();
    assert!(msg.contains("s.db") && msg.contains("FTS5"), "{msg}");
    let quad = count(Filter {
        quad_class: Some(1),
        ..Filter::default()
    });
    assert!(quad <= all.len() as u64);
}

#[test]
fn recode_is_a_new_generation_and_old_ones_stay_readable() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("s.db");
    let pipeline = Pipeline::builtin().unwrap();
    let mut store = Store::open(&db).unwrap();
    ingest(&mut store, &pipeline, &corpus(dir.path())).unwrap();
    let before = events(&store, false);
    let first_generation = store.generation().unwrap().unwrap();

    // Other dictionaries: a verb file that codes "insisted" as a demand (100) instead of a statement.
    let verbs = dir.path().join("extra.verbs.txt");
    std::fs::write(&verbs, "--- DEMAND   [100] ---\nINSIST\nSAY\nTELL\n").unwrap();
    let selection = dyad_pipeline::DictionarySelection {
        verbs: vec![verbs],
        ..Default::default()
    };
    let (dicts, _) = selection.load().unwrap();
    let other = Pipeline::with_coder(dyad_coding::Coder::new(&dicts));
    // Ingesting with other dictionaries into a store coded with these is refused, naming the way out.
    let mut inputs = read_inputs(&corpus(dir.path()), &IngestOptions::default());
    let refused = ingest_records(
        &mut store,
        &other,
        &info(&dicts.fingerprint()),
        &mut inputs,
        &|_| {},
        &mut Quiet(0),
    );
    let msg = refused.unwrap_err().to_string();
    assert!(msg.contains("recode"), "{msg}");

    let (run, counts) = store
        .recode(&other, &info(&dicts.fingerprint()), &mut |_| {})
        .unwrap();
    assert_eq!(
        counts.records_seen as i64,
        store.counts().unwrap().documents
    );
    assert_eq!(store.generation().unwrap(), Some(run));
    let after = events(&store, false);
    assert_ne!(
        after.iter().map(|r| &r.record).collect::<Vec<_>>(),
        before.iter().map(|r| &r.record).collect::<Vec<_>>()
    );
    let changes = store.changes(run).unwrap().expect("a recode has changes");
    let added: i64 = changes.iter().map(|c| c.added).sum();
    let removed: i64 = changes.iter().map(|c| c.removed).sum();
    assert!(added > 0 && removed > 0, "{changes:?}");
    let ten = changes
        .iter()
        .find(|c| c.root == "10")
        .expect("demands appear");
    assert!(ten.after > ten.before);
    // The old generation is still there, event for event.
    let mut old = Vec::new();
    store
        .for_each_event(
            &Filter {
                generation: Some(first_generation),
                ..Filter::default()
            },
            false,
            |r| {
                old.push(r.record.clone());
                Ok(())
            },
        )
        .unwrap();
    assert_eq!(
        old,
        before.iter().map(|r| r.record.clone()).collect::<Vec<_>>()
    );
    let runs = store.runs().unwrap();
    assert_eq!(runs.last().unwrap().kind, "recode");
    assert!(runs.last().unwrap().finished.is_some());
}

#[test]
fn a_file_that_is_not_a_store_is_refused_by_name() {
    let dir = tempfile::tempdir().unwrap();
    let junk = dir.path().join("notes.db");
    std::fs::write(
        &junk,
        "this is not SQLite at all, just some text that is long enough ............",
    )
    .unwrap();
    let msg = Store::open(&junk).unwrap_err().to_string();
    assert!(
        msg.contains("notes.db") && msg.contains("not a dyad store"),
        "{msg}"
    );
    assert_eq!(
        std::fs::read(&junk).unwrap(),
        b"this is not SQLite at all, just some text that is long enough ............",
        "left as it was"
    );
    // Someone else's SQLite database.
    let other = dir.path().join("other.db");
    let conn = rusqlite_free_db(&other);
    drop(conn);
    let msg = Store::open(&other).unwrap_err().to_string();
    assert!(
        msg.contains("other.db") && msg.contains("not a dyad store"),
        "{msg}"
    );
    // A store that does not exist, for reading.
    let msg = Store::open_read_only(&dir.path().join("none.db"))
        .unwrap_err()
        .to_string();
    assert!(
        msg.contains("none.db") && msg.contains("no such store"),
        "{msg}"
    );
}

/// An SQLite database with a table of its own, made through a store's connection type.
fn rusqlite_free_db(path: &Path) -> Store {
    // Open as a store (creating dyad's tables), then make it look foreign: drop the version, add a table.
    let s = Store::open(path).unwrap();
    s.connection()
        .execute_batch("PRAGMA user_version = 0; CREATE TABLE their_table (x INTEGER);")
        .unwrap();
    s
}

#[test]
fn a_store_from_a_newer_dyad_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("new.db");
    Store::open(&db)
        .unwrap()
        .connection()
        .execute_batch("PRAGMA user_version = 999")
        .unwrap();
    for e in [
        Store::open(&db).unwrap_err(),
        Store::open_read_only(&db).unwrap_err(),
    ] {
        let msg = e.to_string();
        assert!(
            msg.contains("new.db") && msg.contains("newer dyad"),
            "{msg}"
        );
    }
}

#[test]
fn a_second_writer_waits_then_says_the_store_is_locked() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("s.db");
    let pipeline = Pipeline::builtin().unwrap();
    let first = Store::open(&db).unwrap();
    let mut second = Store::open(&db).unwrap();
    second.set_busy_timeout(Duration::from_millis(200)).unwrap();
    first.connection().execute_batch("BEGIN IMMEDIATE").unwrap();
    let err = ingest(&mut second, &pipeline, &[example("wire-story.txt")]).unwrap_err();
    assert!(matches!(err, StoreError::Locked { .. }), "{err}");
    assert!(err.to_string().contains("s.db"));
    first.connection().execute_batch("COMMIT").unwrap();
    // Once the first writer is done, the same ingest goes through.
    let counts = ingest(&mut second, &pipeline, &[example("wire-story.txt")]).unwrap();
    assert_eq!(counts.documents_added, 1);
    // Readers are never blocked by a writer (WAL).
    first.connection().execute_batch("BEGIN IMMEDIATE").unwrap();
    let reader = Store::open_read_only(&db).unwrap();
    assert_eq!(reader.counts().unwrap().documents, 1);
    first.connection().execute_batch("ROLLBACK").unwrap();
}

/// Whole documents with all their events, and run counts that match the rows: what a store must look like
/// after any failure.
fn assert_consistent(store: &Store) {
    let conn = store.connection();
    let one = |sql: &str| -> i64 { conn.query_row(sql, [], |r| r.get(0)).unwrap() };
    assert_eq!(
        one("SELECT count(*) FROM documents"),
        one("SELECT coalesce(sum(documents_added), 0) FROM runs WHERE kind = 'ingest'")
    );
    assert_eq!(
        one("SELECT count(*) FROM events"),
        one("SELECT coalesce(sum(events_added), 0) FROM runs")
    );
    assert_eq!(
        one("SELECT count(*) FROM documents_fts"),
        one("SELECT count(*) FROM documents")
    );
    assert_eq!(one("SELECT count(*) FROM pragma_foreign_key_check"), 0);
    let ok: String = conn
        .query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .unwrap();
    assert_eq!(ok, "ok");
}

#[test]
fn a_full_store_rolls_back_the_batch_and_keeps_what_was_committed() {
    // SQLite's own full-disk path (SQLITE_FULL) by a page limit: the same error a full disk gives.
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("full.db");
    let pipeline = Pipeline::builtin().unwrap();
    let mut store = Store::open(&db).unwrap();
    ingest(&mut store, &pipeline, &[example("wire-story.txt")]).unwrap();
    let pages: i64 = store
        .connection()
        .query_row("PRAGMA page_count", [], |r| r.get(0))
        .unwrap();
    store
        .connection()
        .execute_batch(&format!("PRAGMA max_page_count = {}", pages + 2))
        .unwrap();
    let big = dir.path().join("big.txt");
    let article = std::fs::read_to_string(example("wire-story.txt")).unwrap();
    std::fs::write(&big, article.repeat(40)).unwrap();
    let err = ingest(&mut store, &pipeline, &[example("ministry-page.html"), big]).unwrap_err();
    assert!(matches!(err, StoreError::Full { .. }), "{err}");
    assert!(err.to_string().contains("full.db"), "{err}");
    assert_consistent(&store);
    assert_eq!(
        store.counts().unwrap().documents,
        1,
        "the failed batch left nothing"
    );
}

/// A tmpfs of `size` mounted at a fresh directory, unmounted on drop; `None` where mounting is not allowed.
struct Tmpfs(PathBuf);
impl Tmpfs {
    fn mount(size: &str) -> Option<Tmpfs> {
        let dir = tempfile::tempdir().ok()?.keep();
        let ok = std::process::Command::new("mount")
            .args(["-t", "tmpfs", "-o", &format!("size={size}"), "tmpfs"])
            .arg(&dir)
            .stderr(std::process::Stdio::null())
            .status()
            .is_ok_and(|s| s.success());
        if ok {
            Some(Tmpfs(dir))
        } else {
            eprintln!("note: cannot mount a tmpfs here (not root?): the file-system fault test did not run");
            None
        }
    }
    fn remount_read_only(&self) -> bool {
        std::process::Command::new("mount")
            .args(["-o", "remount,ro"])
            .arg(&self.0)
            .status()
            .is_ok_and(|s| s.success())
    }
}
impl Drop for Tmpfs {
    fn drop(&mut self) {
        let _ = std::process::Command::new("umount").arg(&self.0).status();
        let _ = std::fs::remove_dir(&self.0);
    }
}

#[test]
fn a_full_disk_and_a_read_only_file_system_are_clear_errors() {
    let Some(fs) = Tmpfs::mount("400k") else {
        return;
    };
    let db = fs.0.join("s.db");
    let pipeline = Pipeline::builtin().unwrap();
    let mut store = Store::open(&db).unwrap();
    ingest(&mut store, &pipeline, &[example("wire-story.txt")]).unwrap();
    // Fill the disk: many distinct articles until the file system is full.
    let src = tempfile::tempdir().unwrap();
    let article = std::fs::read_to_string(example("wire-story.txt")).unwrap();
    let mut paths = Vec::new();
    for i in 0..400 {
        let p = src.path().join(format!("a{i:03}.txt"));
        std::fs::write(
            &p,
            format!(
                "{article}\n\nUpdate {i}: {}",
                "more words here ".repeat(i % 50 + 20)
            ),
        )
        .unwrap();
        paths.push(p);
    }
    let err = ingest(&mut store, &pipeline, &paths).unwrap_err();
    assert!(matches!(err, StoreError::Full { .. }), "{err}");
    assert!(err.to_string().contains("s.db"), "{err}");
    assert_consistent(&store);
    drop(store);
    // Reopened, the store is whole and readable.
    let store = Store::open_read_only(&db).unwrap();
    assert_consistent(&store);
    drop(store);

    // Read-only file system: opening for writing says so, naming the file; reading still works.
    assert!(fs.remount_read_only());
    let err = Store::open(&db).unwrap_err();
    assert!(err.to_string().contains("s.db"), "{err}");
    assert!(matches!(err, StoreError::ReadOnly { .. }), "{err}");
}
