//! The writer's band index (near-duplicate candidates found in memory, from the stored signatures, not in the `lsh`
//! table) finds the same stories the table does: copies of documents stored by an earlier run, and of documents
//! another writer committed between two of this run's transactions.

use dyad_ingest::{read_inputs, IngestError, IngestOptions};
use dyad_pipeline::{Pipeline, RunObserver};
use dyad_store::ingest::{ingest_records, Ingested, Prepared, RunInfo};
use dyad_store::Store;
use std::path::{Path, PathBuf};

const REPO: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../..");

struct Quiet;
impl RunObserver for Quiet {
    fn input_error(&mut self, _: &IngestError) {}
}

fn info() -> RunInfo {
    RunInfo {
        binary_version: "test".into(),
        dictionaries: "built-in".into(),
        fingerprint: "fp".into(),
        options: "{}".into(),
        inputs: vec![],
    }
}

/// The wire story, a re-post of it with other boilerplate around it, and an unrelated page.
fn files(dir: &Path) -> (PathBuf, PathBuf, PathBuf) {
    let examples = Path::new(REPO).join("examples");
    let article = std::fs::read_to_string(examples.join("wire-story.txt")).unwrap();
    let a = dir.join("a.txt");
    let b = dir.join("b.txt");
    std::fs::write(&a, &article).unwrap();
    std::fs::write(
        &b,
        format!("Home | World | Politics | Subscribe\n\n{article}\n\nShare this story on X and Facebook.\n(c) 2026 Another Daily\n"),
    )
    .unwrap();
    (a, b, examples.join("ministry-page.html"))
}

fn ingest(store: &mut Store, pipeline: &Pipeline, path: &Path) -> dyad_store::ingest::RunCounts {
    let records = read_inputs(&[path.to_path_buf()], &IngestOptions::default());
    ingest_records(store, pipeline, &info(), records, &|_| {}, &mut Quiet).unwrap()
}

fn prepared(pipeline: &Pipeline, path: &Path) -> Prepared {
    let record = read_inputs(&[path.to_path_buf()], &IngestOptions::default())
        .next()
        .unwrap()
        .unwrap();
    Prepared::new(pipeline, record)
}

/// (id, story, duplicate_of) of every stored document.
fn stories(store: &Store) -> Vec<(i64, i64, Option<i64>)> {
    let mut stmt = store
        .connection()
        .prepare("SELECT id, story, duplicate_of FROM documents ORDER BY id")
        .unwrap();
    stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
        .unwrap()
        .map(Result::unwrap)
        .collect()
}

#[test]
fn a_copy_of_a_document_an_earlier_run_stored_joins_its_story() {
    let dir = tempfile::tempdir().unwrap();
    let (a, b, other) = files(dir.path());
    let pipeline = Pipeline::builtin().unwrap();
    let mut store = Store::open(&dir.path().join("s.db")).unwrap();
    ingest(&mut store, &pipeline, &other);
    ingest(&mut store, &pipeline, &a);
    let counts = ingest(&mut store, &pipeline, &b);
    assert_eq!((counts.documents_added, counts.duplicates), (1, 1));
    assert_eq!(
        stories(&store),
        vec![(1, 1, None), (2, 2, None), (3, 2, Some(2))]
    );
}

#[test]
fn a_copy_of_what_another_writer_committed_meanwhile_joins_its_story() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("s.db");
    let (a, b, other) = files(dir.path());
    let pipeline = Pipeline::builtin().unwrap();
    let mut first = Store::open(&db).unwrap();
    let mut second = Store::open(&db).unwrap();
    let mut batch = first.begin_ingest(&info()).unwrap();
    assert!(matches!(
        batch.add(prepared(&pipeline, &other)).unwrap(),
        Ingested::Added { id: 1, .. }
    ));
    batch.commit().unwrap();
    // Between two of the first run's transactions, another writer stores the article.
    ingest(&mut second, &pipeline, &a);
    let added = batch.add(prepared(&pipeline, &b)).unwrap();
    assert!(
        matches!(
            added,
            Ingested::Added {
                id: 3,
                story: 2,
                duplicate_of: Some(2),
                ..
            }
        ),
        "{added:?}"
    );
    batch.finish().unwrap();
    assert_eq!(
        stories(&second),
        vec![(1, 1, None), (2, 2, None), (3, 2, Some(2))]
    );
}
