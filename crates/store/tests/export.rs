//! Every export format read back by an independent reader and checked against the store: a store built from
//! real articles (the bundled examples, the seed article beside the repository, and an article whose text and
//! URL hold commas, quotes, line breaks and tabs), then CSV read with an RFC 4180 reader written here (and with
//! Python's csv module when python3 is installed), GDELT split on tabs, PLOVER parsed as JSON.

use dyad_ingest::{read_inputs, IngestError, IngestOptions};
use dyad_pipeline::{Pipeline, RunObserver};
use dyad_store::ingest::{ingest_records, RunInfo};
use dyad_store::query::{Filter, ReadError, Row};
use dyad_store::{export, ExportFormat, Store, StoreError};
use serde_json::Value;
use std::path::{Path, PathBuf};

const REPO: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../..");
const SHARED: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../../shared");

struct Quiet;
impl RunObserver for Quiet {
    fn input_error(&mut self, e: &IngestError) {
        panic!("input error: {e}");
    }
}

/// An article written to exercise quoting: commas, double quotes, a line break inside a sentence, tabs, and a
/// URL holding a comma, a quote and a tab.
const TRICKY: &str = r#"{"id": "tricky-1", "title": "Syrian rebels, \"hardliners\" attack army", "date": "2023-02-06", "url": "https://news.example/a,b?q=\"x\"\ty\nz", "text": "Syrian rebels attacked government forces in Aleppo on Monday, \"killing\" at least\nfive soldiers,\tofficials said.\n\nThe Syrian army\tbombarded rebel positions, and Turkey condemned the attack, \"strongly\"."}"#;

/// A store holding the bundled examples, the seed article (when ../shared is present) and the tricky article.
fn build_store(dir: &Path) -> PathBuf {
    let db = dir.join("export.db");
    let tricky = dir.join("tricky.jsonl");
    // The same article again under another URL: a copy of the story, so merged events count two articles.
    let copy = TRICKY
        .replace("tricky-1", "tricky-copy")
        .replace("https://news.example/", "https://mirror.example/");
    std::fs::write(&tricky, format!("{TRICKY}\n{copy}\n")).unwrap();
    let mut inputs = vec![
        Path::new(REPO).join("examples/wire-story.txt"),
        Path::new(REPO).join("examples/feed.jsonl"),
        tricky,
    ];
    let seed = Path::new(SHARED).join("examples/seed-article.txt");
    if seed.exists() {
        inputs.push(seed);
    } else {
        eprintln!(
            "note: {} absent; the store is built without the seed article",
            seed.display()
        );
    }
    let mut store = Store::open(&db).unwrap();
    let info = RunInfo {
        binary_version: "test".into(),
        dictionaries: "built-in".into(),
        fingerprint: "fp".into(),
        options: "{}".into(),
        inputs: vec![],
    };
    let mut records = read_inputs(&inputs, &IngestOptions::default());
    ingest_records(
        &mut store,
        &Pipeline::builtin().unwrap(),
        &info,
        &mut records,
        &|_| {},
        &mut Quiet,
    )
    .unwrap();
    db
}

fn rows(store: &Store, merged: bool) -> Vec<Row> {
    let mut out = Vec::new();
    store
        .for_each_event(&Filter::default(), merged, |r| {
            out.push(r.clone());
            Ok(())
        })
        .unwrap();
    out
}

fn exported(store: &Store, raw: bool, format: ExportFormat) -> (u64, String) {
    let mut out = Vec::new();
    let n = export(store, &Filter::default(), raw, format, &mut out).unwrap();
    (n, String::from_utf8(out).expect("exports are UTF-8"))
}

fn record(row: &Row) -> Value {
    serde_json::from_str(&row.record).unwrap()
}

fn text(v: &Value, key: &str) -> String {
    match &v[key] {
        Value::String(s) => s.clone(),
        Value::Null => String::new(),
        other => other.to_string(),
    }
}

const QUADS: [&str; 4] = [
    "verbal_cooperation",
    "material_cooperation",
    "verbal_conflict",
    "material_conflict",
];

fn quad_number(v: &Value) -> String {
    v["quad_class"]
        .as_str()
        .and_then(|q| QUADS.iter().position(|&n| n == q))
        .map(|i| (i + 1).to_string())
        .unwrap_or_default()
}

fn goldstein(v: &Value) -> Option<f64> {
    v["goldstein"].as_f64()
}

/// An RFC 4180 reader: records of fields, quoted fields with doubled quotes, CRLF (or LF) record ends.
fn read_csv(text: &str) -> Vec<Vec<String>> {
    let mut records = Vec::new();
    let mut record = Vec::new();
    let mut field = String::new();
    let mut chars = text.chars().peekable();
    let mut quoted = false;
    let mut at_start = true;
    while let Some(c) = chars.next() {
        if quoted {
            match c {
                '"' if chars.peek() == Some(&'"') => {
                    chars.next();
                    field.push('"');
                }
                '"' => quoted = false,
                _ => field.push(c),
            }
            continue;
        }
        match c {
            '"' if at_start => {
                quoted = true;
                at_start = false;
            }
            '"' => panic!("a quote inside an unquoted field: {field:?}"),
            ',' => {
                record.push(std::mem::take(&mut field));
                at_start = true;
            }
            '\r' if chars.peek() == Some(&'\n') => {}
            '\n' => {
                record.push(std::mem::take(&mut field));
                records.push(std::mem::take(&mut record));
                at_start = true;
            }
            '\r' => panic!("a bare CR outside quotes"),
            _ => {
                field.push(c);
                at_start = false;
            }
        }
    }
    assert!(!quoted, "the file ends inside a quoted field");
    assert!(
        field.is_empty() && record.is_empty(),
        "the last record has no line end"
    );
    records
}

/// Python's csv module on the file, when python3 is installed.
fn python_csv(path: &Path) -> Option<Vec<Vec<String>>> {
    let out = std::process::Command::new("python3")
        .arg("-c")
        .arg(
            "import csv, json, sys\n\
             with open(sys.argv[1], newline='', encoding='utf-8') as f:\n\
             \x20   print(json.dumps(list(csv.reader(f))))",
        )
        .arg(path)
        .output();
    match out {
        Ok(o) if o.status.success() => Some(serde_json::from_slice(&o.stdout).unwrap()),
        Ok(o) => panic!("python3 csv failed: {}", String::from_utf8_lossy(&o.stderr)),
        Err(_) => {
            eprintln!("note: python3 not found; CSV checked with the test's own reader only");
            None
        }
    }
}

const CSV_HEADER: [&str; 31] = [
    "event_id",
    "story",
    "doc_id",
    "sentence",
    "date",
    "date_how",
    "date_precision",
    "source",
    "target",
    "cameo",
    "root",
    "base",
    "quad_class",
    "goldstein",
    "plover_type",
    "plover_mode",
    "place",
    "lat",
    "lon",
    "country",
    "admin1",
    "feature_class",
    "geonameid",
    "location_how",
    "claimed",
    "reported_by",
    "url",
    "num_mentions",
    "num_sources",
    "num_articles",
    "sentence_text",
];

fn check_csv(dir: &Path, store: &Store, raw: bool) {
    let (n, csv) = exported(store, raw, ExportFormat::Csv);
    let expected = rows(store, !raw);
    assert_eq!(n as usize, expected.len());
    assert!(!expected.is_empty(), "the store holds events");
    let records = read_csv(&csv);
    assert_eq!(records[0], CSV_HEADER);
    assert_eq!(records.len(), expected.len() + 1, "one header row");
    let path = dir.join(if raw { "raw.csv" } else { "merged.csv" });
    std::fs::write(&path, &csv).unwrap();
    if let Some(python) = python_csv(&path) {
        assert_eq!(python, records, "Python's csv module reads the same");
    }
    let col = |name: &str| CSV_HEADER.iter().position(|&c| c == name).unwrap();
    for (fields, row) in records[1..].iter().zip(&expected) {
        assert_eq!(fields.len(), CSV_HEADER.len());
        let v = record(row);
        let f = |name: &str| fields[col(name)].as_str();
        assert_eq!(f("event_id"), row.id.to_string());
        assert_eq!(f("story"), row.story.to_string());
        for key in [
            "doc_id",
            "date",
            "source",
            "target",
            "cameo",
            "root",
            "base",
            "url",
            "sentence_text",
        ] {
            assert_eq!(f(key), text(&v, key), "{key} of event {}", row.id);
        }
        assert_eq!(f("quad_class"), quad_number(&v));
        assert_eq!(f("goldstein").parse::<f64>().ok(), goldstein(&v));
        assert_eq!(f("plover_type"), text(&v["plover"], "event_type"));
        assert_eq!(f("claimed"), v["claimed"].as_bool().unwrap().to_string());
        match &v["location"] {
            Value::Null => assert_eq!((f("place"), f("lat")), ("", "")),
            loc => {
                assert_eq!(f("place"), text(loc, "name"));
                assert_eq!(f("country"), text(loc, "country"));
                assert_eq!(f("geonameid"), text(loc, "geonameid"));
                assert_eq!(f("lat").parse::<f64>().ok(), loc["lat"].as_f64());
            }
        }
        match &row.merged {
            Some(m) => {
                assert_eq!(f("num_mentions"), m.num_mentions.to_string());
                assert_eq!(f("num_sources"), m.num_sources.to_string());
                assert_eq!(f("num_articles"), m.num_articles.to_string());
            }
            None => assert_eq!(
                (f("num_mentions"), f("num_sources"), f("num_articles")),
                ("", "", "")
            ),
        }
    }
    // The tricky article's quoting went through: its URL and sentences hold commas, quotes, a tab.
    let all: Vec<&String> = records.iter().flatten().collect();
    assert!(all.iter().any(|f| f.contains(',') && f.contains('"')));
    assert!(all.iter().any(|f| f.contains('\t')));
    assert!(
        all.iter().any(|f| f.contains('\n')),
        "a line break inside a field"
    );
    assert!(
        csv.contains("\"https://news.example/a,b?q=\"\"x\"\"\ty\nz\""),
        "the URL is quoted with its quotes doubled"
    );
}

#[test]
fn csv_reads_back_equal_to_the_store() {
    let dir = tempfile::tempdir().unwrap();
    let db = build_store(dir.path());
    let store = Store::open_read_only(&db).unwrap();
    check_csv(dir.path(), &store, false);
    check_csv(dir.path(), &store, true);
}

#[test]
fn gdelt_rows_have_58_fields_equal_to_the_store() {
    let dir = tempfile::tempdir().unwrap();
    let db = build_store(dir.path());
    let store = Store::open_read_only(&db).unwrap();
    for raw in [false, true] {
        let (n, tsv) = exported(&store, raw, ExportFormat::Gdelt);
        let expected = rows(&store, !raw);
        assert_eq!(n as usize, expected.len());
        assert!(tsv.ends_with('\n'));
        let lines: Vec<&str> = tsv.lines().collect();
        assert_eq!(lines.len(), expected.len(), "one line per event, no header");
        assert!(!tsv.contains('\r'));
        let mut located = 0;
        let mut tricky = false;
        for (line, row) in lines.iter().zip(&expected) {
            let f: Vec<&str> = line.split('\t').collect();
            assert_eq!(f.len(), 58, "{line}");
            let v = record(row);
            assert_eq!(f[0], row.id.to_string(), "GLOBALEVENTID");
            let date = text(&v, "date").replace('-', "");
            assert_eq!(f[1], date, "SQLDATE");
            if date.is_empty() {
                assert_eq!(&f[2..5], ["", "", ""]);
            } else {
                assert_eq!(f[2], &date[..6]);
                assert_eq!(f[3], &date[..4]);
                let fraction: f64 = f[4].parse().unwrap();
                assert!(fraction >= f[3].parse::<f64>().unwrap(), "{}", f[4]);
            }
            assert_eq!(f[5], text(&v, "source"), "Actor1Code");
            assert_eq!(f[15], text(&v, "target"), "Actor2Code");
            if text(&v, "source").starts_with("SYR") {
                assert_eq!(f[7], "SYR", "Actor1CountryCode");
            }
            if text(&v, "source").get(3..6) == Some("GOV") {
                assert_eq!(f[12], "GOV", "Actor1Type1Code");
            }
            assert!(f[25] == "0" || f[25] == "1", "IsRootEvent");
            assert_eq!(f[26], text(&v, "cameo"), "EventCode");
            assert_eq!(f[27], text(&v, "base"), "EventBaseCode");
            assert_eq!(f[28], text(&v, "root"), "EventRootCode");
            assert_eq!(f[29], quad_number(&v), "QuadClass");
            assert_eq!(f[30].parse::<f64>().ok(), goldstein(&v), "GoldsteinScale");
            let counts = row.merged.as_ref().map_or((1, 1, 1), |m| {
                (m.num_mentions, m.num_sources, m.num_articles)
            });
            assert_eq!(
                (f[31], f[32], f[33]),
                (
                    counts.0.to_string().as_str(),
                    counts.1.to_string().as_str(),
                    counts.2.to_string().as_str()
                )
            );
            assert_eq!(f[34], "", "AvgTone is not computed");
            assert!(f[35..49].iter().all(|s| s.is_empty()), "actor geo empty");
            match &v["location"] {
                Value::Null => assert!(f[49..56].iter().all(|s| s.is_empty())),
                loc => {
                    located += 1;
                    assert!(["1", "2", "3", "4", "5"].contains(&f[49]), "{}", f[49]);
                    assert!(f[50].contains(&text(loc, "name")) || f[49] == "1");
                    assert_eq!(f[51], text(loc, "country"), "ActionGeo_CountryCode");
                    assert_eq!(f[53].parse::<f64>().ok(), loc["lat"].as_f64());
                    assert_eq!(f[54].parse::<f64>().ok(), loc["lon"].as_f64());
                }
            }
            let added = row.added.get(..10).unwrap().replace('-', "");
            assert_eq!(f[56], added, "DATEADDED");
            assert_eq!(
                f[57],
                text(&v, "url").replace(['\t', '\r', '\n'], " "),
                "SOURCEURL"
            );
            tricky |= f[57] == "https://news.example/a,b?q=\"x\" y z";
        }
        assert!(located > 0, "some events are located");
        if !raw {
            assert!(
                expected
                    .iter()
                    .any(|r| r.merged.as_ref().is_some_and(|m| m.num_articles >= 2)),
                "the copied story merges"
            );
        }
        assert!(
            tricky,
            "the tricky URL lost its tab and line break, nothing else"
        );
    }
}

#[test]
fn plover_lines_parse_as_json_with_the_documented_fields() {
    let dir = tempfile::tempdir().unwrap();
    let db = build_store(dir.path());
    let store = Store::open_read_only(&db).unwrap();
    for raw in [false, true] {
        let (n, jsonl) = exported(&store, raw, ExportFormat::Plover);
        let expected = rows(&store, !raw);
        assert_eq!(n as usize, expected.len());
        let lines: Vec<&str> = jsonl.lines().collect();
        assert_eq!(lines.len(), expected.len());
        for (line, row) in lines.iter().zip(&expected) {
            let p: Value = serde_json::from_str(line).unwrap();
            let v = record(row);
            for key in [
                "id",
                "date",
                "actor",
                "recipient",
                "event",
                "mode",
                "context",
                "quad_code",
                "event_scale",
                "event_text",
                "event_loc",
                "text",
                "text_info",
                "cite_info",
                "coder",
                "coded_date",
                "cameo",
                "doc_id",
                "story",
                "num_mentions",
                "num_sources",
                "num_articles",
            ] {
                assert!(p.get(key).is_some(), "{key} missing: {line}");
            }
            assert_eq!(p["id"], row.id.to_string());
            assert_eq!(text(&p, "date"), text(&v, "date"));
            assert_eq!(p["actor"][0]["actor_code"], v["source"]);
            let code = &p["actor"][0]["code"];
            assert!(
                code.is_null() || code.as_str().unwrap().len() == 3,
                "{}",
                p["actor"]
            );
            match v["target"].as_str().unwrap() {
                "" => assert_eq!(p["recipient"], Value::Array(vec![])),
                t => assert_eq!(p["recipient"][0]["actor_code"], t),
            }
            match v["plover"].get("event_type") {
                Some(t) => assert_eq!(p["event"], Value::Array(vec![t.clone()])),
                None => assert_eq!(p["event"], Value::Array(vec![])),
            }
            assert!(p["context"]
                .as_array()
                .unwrap()
                .iter()
                .all(Value::is_string));
            assert_eq!(
                p["quad_code"]
                    .as_u64()
                    .map(|q| q.to_string())
                    .unwrap_or_default(),
                quad_number(&v)
            );
            assert_eq!(p["event_scale"].as_f64(), goldstein(&v));
            assert_eq!(p["cameo"], v["cameo"]);
            assert_eq!(p["text"], v["sentence_text"]);
            assert_eq!(p["text_info"]["sequence"], v["sentence"]);
            assert_eq!(p["text_info"]["start_byte"], v["sentence_start"]);
            assert_eq!(p["cite_info"]["citation"], v["doc_id"]);
            assert_eq!(text(&p["cite_info"], "url"), text(&v, "url"));
            assert_eq!(p["doc_id"], v["doc_id"]);
            assert_eq!(p["story"], row.story);
            let mentions = row.merged.as_ref().map_or(1, |m| m.num_mentions);
            assert_eq!(p["num_mentions"], mentions);
            match &v["location"] {
                Value::Null => assert_eq!(p["event_loc"], Value::Null),
                loc => {
                    assert_eq!(p["event_loc"]["resolved_place"], loc["name"]);
                    assert_eq!(p["event_loc"]["country_code"], loc["country"]);
                    assert_eq!(p["event_loc"]["geonameid"], loc["geonameid"]);
                    let r = p["event_loc"]["resolution"].as_u64().unwrap();
                    assert!((1..=4).contains(&r));
                }
            }
        }
    }
}

#[test]
fn exports_are_deterministic_and_filters_apply() {
    let dir = tempfile::tempdir().unwrap();
    let db = build_store(dir.path());
    let store = Store::open_read_only(&db).unwrap();
    for format in [
        ExportFormat::Jsonl,
        ExportFormat::Csv,
        ExportFormat::Gdelt,
        ExportFormat::Plover,
    ] {
        assert_eq!(
            exported(&store, false, format),
            exported(&store, false, format)
        );
        let filter = Filter {
            quad_class: Some(4),
            ..Filter::default()
        };
        let mut out = Vec::new();
        let n = export(&store, &filter, true, format, &mut out).unwrap();
        let mut expected = 0;
        store
            .for_each_event(&filter, false, |_| {
                expected += 1;
                Ok(())
            })
            .unwrap();
        assert_eq!(n, expected);
        let header = usize::from(format == ExportFormat::Csv);
        let text = String::from_utf8(out).unwrap();
        let lines = match format {
            ExportFormat::Csv => read_csv(&text).len(),
            _ => text.lines().count(),
        };
        assert_eq!(lines, expected as usize + header);
    }
}

#[test]
fn an_unreadable_stored_record_stops_the_export_naming_the_event() {
    let dir = tempfile::tempdir().unwrap();
    let db = build_store(dir.path());
    let id: i64 = {
        let store = Store::open(&db).unwrap();
        let id = store
            .connection()
            .query_row("SELECT min(id) FROM events", [], |r| r.get(0))
            .unwrap();
        store
            .connection()
            .execute(
                "UPDATE events SET record = 'not json' WHERE id = (SELECT min(id) FROM events)",
                [],
            )
            .unwrap();
        id
    };
    let store = Store::open_read_only(&db).unwrap();
    for format in [ExportFormat::Csv, ExportFormat::Gdelt, ExportFormat::Plover] {
        let mut out = Vec::new();
        match export(&store, &Filter::default(), true, format, &mut out) {
            Err(ReadError::Store(StoreError::Invalid { message, .. })) => {
                assert!(message.contains(&format!("event {id}")), "{message}")
            }
            other => panic!("want an invalid-record error, got {other:?}"),
        }
    }
}
