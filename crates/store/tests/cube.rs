//! The in-memory cube answers every aggregate exactly as the SQL does, on real newswire: a thousand
//! Reuters-21578 stories (with copies under other URLs, so merged events gather several articles), every filter
//! the API takes, raw and merged, and after the store grows (refresh) and is re-coded (a new generation).

use dyad_ingest::{read_inputs, IngestError, IngestOptions};
use dyad_model::InputFormat;
use dyad_pipeline::{Pipeline, RunObserver};
use dyad_store::cube::Cube;
use dyad_store::ingest::{ingest_records, RunInfo};
use dyad_store::query::{Filter, Interval, Sort, SORT_NAMES};
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

fn ingest(store: &mut Store, paths: &[PathBuf], options: &IngestOptions) {
    let mut inputs = read_inputs(paths, options);
    ingest_records(
        store,
        &Pipeline::builtin().unwrap(),
        &info(),
        &mut inputs,
        &|_| {},
        &mut Quiet,
    )
    .unwrap();
}

fn reuters(file: &str) -> PathBuf {
    Path::new(REPO)
        .join("../shared/data/reuters21578")
        .join(file)
}

/// Every filter shape the API builds, with values that occur in Reuters' events.
fn filters() -> Vec<(&'static str, Filter)> {
    let f = Filter::default;
    vec![
        ("all", f()),
        (
            "actor USA",
            Filter {
                actor: Some("USA".into()),
                ..f()
            },
        ),
        (
            "source USAGOV",
            Filter {
                source: Some("USAGOV".into()),
                ..f()
            },
        ),
        (
            "target JPN",
            Filter {
                target: Some("JPN".into()),
                ..f()
            },
        ),
        (
            "cameo 04",
            Filter {
                cameo: Some("04".into()),
                ..f()
            },
        ),
        (
            "root 01 quad 1",
            Filter {
                root: Some("01".into()),
                quad_class: Some(1),
                ..f()
            },
        ),
        (
            "quad 4",
            Filter {
                quad_class: Some(4),
                ..f()
            },
        ),
        (
            "since/until",
            Filter {
                since: Some("1987-03-05".into()),
                until: Some("1987-03-20".into()),
                ..f()
            },
        ),
        (
            "until only",
            Filter {
                until: Some("1987-03-01".into()),
                ..f()
            },
        ),
        (
            "text oil",
            Filter {
                text: Some("oil".into()),
                ..f()
            },
        ),
        (
            "text phrase AND",
            Filter {
                text: Some("\"trade deficit\" OR tariffs".into()),
                actor: Some("USA".into()),
                ..f()
            },
        ),
        (
            "country USA",
            Filter {
                country: Some("USA".into()),
                ..f()
            },
        ),
        (
            "bbox Europe",
            Filter {
                bbox: Some([-10.0, 35.0, 30.0, 60.0]),
                ..f()
            },
        ),
        (
            "plover AGREE",
            Filter {
                plover: Some("AGREE".into()),
                ..f()
            },
        ),
        (
            "claimed",
            Filter {
                claimed: Some(true),
                ..f()
            },
        ),
        (
            "observed",
            Filter {
                claimed: Some(false),
                ..f()
            },
        ),
        (
            "dyad USA JPN",
            Filter {
                dyad: Some(("USA".into(), "JPN".into())),
                ..f()
            },
        ),
        (
            "story 3",
            Filter {
                story: Some(3),
                ..f()
            },
        ),
        (
            "document 10",
            Filter {
                document: Some(10),
                ..f()
            },
        ),
        (
            "matches nothing",
            Filter {
                actor: Some("ZZZ".into()),
                ..f()
            },
        ),
    ]
}

fn close(a: Option<f64>, b: Option<f64>) -> bool {
    match (a, b) {
        (Some(x), Some(y)) => (x - y).abs() <= 1e-9 * x.abs().max(1.0),
        (None, None) => true,
        _ => false,
    }
}

/// Every aggregate of the cube equals the SQL's, for every filter, raw and merged. Returns how many aggregates
/// had rows (so the caller can check the comparison was not of empty answers).
fn assert_cube_equals_sql(store: &Store, cube: &Cube) -> usize {
    let mut nonempty = 0;
    for (name, filter) in filters() {
        for merged in [false, true] {
            let what = format!("{name} (merged {merged})");
            for interval in [Interval::Day, Interval::Week, Interval::Month] {
                let sql = store.timeline(&filter, merged, interval).unwrap();
                let mem = cube.timeline(store, &filter, merged, interval).unwrap();
                assert_eq!(sql.undated, mem.undated, "{what}: undated");
                assert_eq!(sql.buckets.len(), mem.buckets.len(), "{what}: periods");
                for (s, m) in sql.buckets.iter().zip(&mem.buckets) {
                    assert_eq!(
                        (&s.period, s.count, s.by_quad),
                        (&m.period, m.count, m.by_quad),
                        "{what} {interval:?}"
                    );
                    assert!(close(s.mean_goldstein, m.mean_goldstein), "{what}: mean");
                }
                nonempty += usize::from(!sql.buckets.is_empty());
            }
            let sql = store.places(&filter, merged, 50).unwrap();
            let mem = cube.places(store, &filter, merged, 50).unwrap();
            assert_eq!(sql.len(), mem.len(), "{what}: places");
            for (s, m) in sql.iter().zip(&mem) {
                assert_eq!(
                    (&s.name, s.lat, s.lon, &s.country, s.geonameid, s.count),
                    (&m.name, m.lat, m.lon, &m.country, m.geonameid, m.count),
                    "{what}: place"
                );
                assert!(close(s.mean_goldstein, m.mean_goldstein), "{what}: mean");
            }
            nonempty += usize::from(!sql.is_empty());
            for limit in [Some(20), None] {
                let sql = store.pairs(&filter, merged, limit).unwrap();
                let mem = cube.pairs(store, &filter, merged, limit).unwrap();
                assert_eq!(sql.len(), mem.len(), "{what}: pairs");
                for (s, m) in sql.iter().zip(&mem) {
                    assert_eq!(
                        (&s.source, &s.target, s.count),
                        (&m.source, &m.target, m.count),
                        "{what}: pair"
                    );
                    assert!(close(s.mean_goldstein, m.mean_goldstein), "{what}: mean");
                }
                assert_eq!(
                    store.actors(&filter, merged, limit).unwrap(),
                    cube.actors(store, &filter, merged, limit).unwrap(),
                    "{what}: actors"
                );
                nonempty += usize::from(!sql.is_empty());
            }
        }
    }
    nonempty
}

/// Pages of events from the cube equal the SQL's, row for row (the JSON each gives) and cursor for cursor, for
/// every sort, raw and merged, paging on through the cursors. Returns the rows compared.
fn assert_pages_equal(store: &Store, cube: &Cube) -> usize {
    let mut compared = 0;
    for (name, filter) in filters() {
        for merged in [false, true] {
            for sort_name in SORT_NAMES {
                let sort = Sort::parse(sort_name).unwrap();
                let mut cursor = None;
                // Small pages, and for the largest sets only the first few.
                for page in 0..6 {
                    let what = format!("{name} (merged {merged}, sort {sort_name}, page {page})");
                    let sql = store
                        .events_page(&filter, merged, sort, cursor.as_ref(), 9)
                        .unwrap();
                    let mem = cube
                        .events_page(store, &filter, merged, sort, cursor.as_ref(), 9)
                        .unwrap();
                    let json = |p: &dyad_store::query::EventPage| {
                        p.rows.iter().map(|r| r.to_json()).collect::<Vec<_>>()
                    };
                    assert_eq!(json(&sql), json(&mem), "{what}");
                    assert_eq!(
                        sql.next.as_ref().map(|c| c.encode()),
                        mem.next.as_ref().map(|c| c.encode()),
                        "{what}: cursor"
                    );
                    compared += sql.rows.len();
                    match sql.next {
                        Some(c) => cursor = Some(c),
                        None => break,
                    }
                }
            }
        }
    }
    compared
}

#[test]
fn the_cube_answers_as_the_sql_does_and_follows_the_store() {
    let first = reuters("reut2-000.sgm.gz");
    if !first.exists() {
        panic!(
            "{} is missing: these tests read ../shared/data beside the repository",
            first.display()
        );
    }
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(&dir.path().join("cube.db")).unwrap();
    let reuters_format = IngestOptions {
        format: Some(InputFormat::Reuters),
        ..IngestOptions::default()
    };
    // Two files: enough events for every filter, sort and aggregate (one file gave 480 events before the
    // built-in rules dropped business and press readings, 344 after).
    ingest(
        &mut store,
        &[first, reuters("reut2-001.sgm.gz")],
        &reuters_format,
    );
    // Copies of three stories under other URLs: merged events of two articles each.
    let copies = dir.path().join("copies.jsonl");
    let mut lines = String::new();
    let mut n = 0;
    store
        .connection()
        .prepare("SELECT title, text, date FROM documents ORDER BY id LIMIT 40")
        .unwrap()
        .query_map([], |r| {
            Ok((
                r.get::<_, Option<String>>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, Option<String>>(2)?,
            ))
        })
        .unwrap()
        .for_each(|row| {
            let (title, text, date) = row.unwrap();
            n += 1;
            if n % 13 == 0 {
                let line = serde_json::json!({
                    "id": format!("copy-{n}"), "url": format!("https://mirror.example/{n}"),
                    "title": title, "text": text, "date": date,
                });
                lines.push_str(&format!("{line}\n"));
            }
        });
    std::fs::write(&copies, lines).unwrap();
    ingest(&mut store, &[copies], &IngestOptions::default());

    let cube = Cube::load(&store).unwrap();
    // Enough events that every filter, sort and aggregate has rows to compare.
    assert!(cube.len() > 400, "only {} events", cube.len());
    let nonempty = assert_cube_equals_sql(&store, &cube);
    assert!(nonempty > 150, "only {nonempty} aggregates had rows");
    let compared = assert_pages_equal(&store, &cube);
    assert!(compared > 5000, "only {compared} rows of pages compared");
    let merged = store
        .timeline(&Filter::default(), true, Interval::Day)
        .unwrap();
    let raw = store
        .timeline(&Filter::default(), false, Interval::Day)
        .unwrap();
    let count = |t: &dyad_store::query::Timeline| {
        t.buckets.iter().map(|b| b.count).sum::<i64>() + t.undated
    };
    assert!(count(&merged) < count(&raw), "the copies merged nothing");

    // The store grows: refresh adds the new events and answers as the SQL does again.
    let mut cube = cube;
    let before = cube.len();
    assert!(!cube.refresh(&store).unwrap(), "nothing new yet");
    ingest(&mut store, &[reuters("reut2-002.sgm.gz")], &reuters_format);
    assert!(cube.refresh(&store).unwrap());
    assert!(cube.len() > before);
    assert_eq!(cube.len(), Cube::load(&store).unwrap().len());
    assert_cube_equals_sql(&store, &cube);
    assert_pages_equal(&store, &cube);

    // A recode is a new generation: refresh rebuilds, and the old generation is not the cube's.
    let old = cube.generation();
    store
        .recode(&Pipeline::builtin().unwrap(), &info(), &mut |_| {})
        .unwrap();
    assert!(cube.refresh(&store).unwrap());
    assert_ne!(cube.generation(), old);
    assert!(!cube.covers(&Filter {
        generation: Some(old),
        ..Filter::default()
    }));
    assert_cube_equals_sql(&store, &cube);
}

#[test]
fn a_bad_text_query_is_the_users_error_as_in_sql() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(&dir.path().join("bad.db")).unwrap();
    ingest(
        &mut store,
        &[Path::new(REPO).join("examples/feed.jsonl")],
        &IngestOptions::default(),
    );
    let cube = Cube::load(&store).unwrap();
    let filter = Filter {
        text: Some("\"unbalanced".into()),
        ..Filter::default()
    };
    let sql = store.timeline(&filter, true, Interval::Day).unwrap_err();
    let mem = cube
        .timeline(&store, &filter, true, Interval::Day)
        .unwrap_err();
    assert_eq!(sql.to_string(), mem.to_string());
    assert!(mem.to_string().contains("FTS5"), "{mem}");
}
