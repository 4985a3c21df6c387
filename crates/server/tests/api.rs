//! The API end to end: real articles ingested into a temporary store, the real server on a loopback port in
//! this process, real HTTP/1.1 requests. Each endpoint's shape and numbers are checked against the store
//! (pagination walks every event once, export bytes equal `dyad_store::export`, aggregates add up), and every
//! bad parameter, unknown id and method gets its JSON error.

use dyad_ingest::{read_inputs, IngestError, IngestOptions};
use dyad_pipeline::{Pipeline, RunObserver};
use dyad_store::ingest::{ingest_records, RunInfo};
use dyad_store::query::Row;
use dyad_store::{Filter, Store};
use serde_json::Value;
use std::collections::{BTreeMap, HashSet};
use std::io::{Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::path::{Path, PathBuf};
use std::sync::OnceLock;
use std::time::Duration;

const REPO: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../..");

struct Quiet;
impl RunObserver for Quiet {
    fn input_error(&mut self, _: &IngestError) {}
}

struct Fixture {
    _dir: tempfile::TempDir,
    db: PathBuf,
    addr: SocketAddr,
}

/// The inputs: the bundled examples, a copy of the wire story at another URL-less path with other
/// boilerplate (so stories merge), non-ASCII text, and the seed article when ../shared is there.
fn inputs(dir: &Path) -> Vec<PathBuf> {
    let examples = Path::new(REPO).join("examples");
    let mut paths = vec![
        examples.join("wire-story.txt"),
        examples.join("ministry-page.html"),
        examples.join("feed.jsonl"),
    ];
    let wire = std::fs::read_to_string(examples.join("wire-story.txt")).unwrap();
    let copy = dir.join("copy.txt");
    std::fs::write(
        &copy,
        format!("Home | World | Subscribe\n\n{wire}\n\n(c) 2026 Another Daily\n"),
    )
    .unwrap();
    paths.push(copy);
    let accents = dir.join("accents.txt");
    std::fs::write(
        &accents,
        "Syrian troops attacked rebels near Daraa — “a grim day” 😐\n\nDAMASCUS, March 3 (Reuters) - Syrian troops \
         attacked rebels near Daraa on Monday, the army said. Jordan’s foreign minister condemned the attack on \
         Tuesday and urged Syria to stop the shelling.\n",
    )
    .unwrap();
    paths.push(accents);
    let seed = Path::new(REPO).join("../shared/examples/seed-article.txt");
    if seed.exists() {
        paths.push(seed);
    } else {
        eprintln!(
            "note: {} absent; testing on the bundled examples only",
            seed.display()
        );
    }
    paths
}

fn fixture() -> &'static Fixture {
    static F: OnceLock<Fixture> = OnceLock::new();
    F.get_or_init(|| {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("s.db");
        let pipeline = Pipeline::builtin().unwrap();
        let mut store = Store::open(&db).unwrap();
        let info = RunInfo {
            binary_version: "test".into(),
            dictionaries: "built-in".into(),
            fingerprint: "fp".into(),
            options: "{}".into(),
            inputs: vec!["examples".into()],
        };
        let paths = inputs(dir.path());
        let mut records = read_inputs(&paths, &IngestOptions::default());
        ingest_records(
            &mut store,
            &pipeline,
            &info,
            &mut records,
            &|_| {},
            &mut Quiet,
        )
        .unwrap();
        drop(store);
        let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        listener.set_nonblocking(true).unwrap();
        let addr = listener.local_addr().unwrap();
        let served = db.clone();
        std::thread::spawn(move || {
            let rt = tokio::runtime::Builder::new_multi_thread()
                .worker_threads(2)
                .enable_all()
                .build()
                .unwrap();
            rt.block_on(async move {
                let listener = tokio::net::TcpListener::from_std(listener).unwrap();
                dyad_server::serve(listener, served, std::future::pending())
                    .await
                    .unwrap();
            });
        });
        Fixture {
            _dir: dir,
            db,
            addr,
        }
    })
}

struct Answer {
    status: u16,
    headers: Vec<(String, String)>,
    body: Vec<u8>,
}

impl Answer {
    fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    }
    fn json(&self) -> Value {
        serde_json::from_slice(&self.body)
            .unwrap_or_else(|e| panic!("not JSON ({e}): {}", String::from_utf8_lossy(&self.body)))
    }
}

/// One HTTP/1.1 request over loopback, `Connection: close`, bounded by a read timeout.
fn request(method: &str, target: &str) -> Answer {
    let f = fixture();
    let mut s = TcpStream::connect(f.addr).unwrap();
    s.set_read_timeout(Some(Duration::from_secs(30))).unwrap();
    write!(s, "{method} {target} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\nContent-Length: 0\r\n\r\n").unwrap();
    let mut raw = Vec::new();
    s.read_to_end(&mut raw).unwrap();
    let split = raw
        .windows(4)
        .position(|w| w == b"\r\n\r\n")
        .expect("a header block");
    let head = String::from_utf8_lossy(&raw[..split]).to_string();
    let mut body = raw[split + 4..].to_vec();
    let mut lines = head.split("\r\n");
    let status: u16 = lines
        .next()
        .unwrap()
        .split(' ')
        .nth(1)
        .unwrap()
        .parse()
        .unwrap();
    let headers: Vec<(String, String)> = lines
        .filter_map(|l| l.split_once(':'))
        .map(|(n, v)| (n.trim().to_ascii_lowercase(), v.trim().to_string()))
        .collect();
    if headers
        .iter()
        .any(|(n, v)| n == "transfer-encoding" && v.contains("chunked"))
    {
        body = dechunk(&body);
    }
    Answer {
        status,
        headers,
        body,
    }
}

fn get(target: &str) -> Answer {
    request("GET", target)
}

fn get_json(target: &str) -> Value {
    let a = get(target);
    assert_eq!(
        a.status,
        200,
        "{target}: {}",
        String::from_utf8_lossy(&a.body)
    );
    assert_eq!(
        a.header("content-type"),
        Some("application/json"),
        "{target}"
    );
    a.json()
}

fn dechunk(mut b: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    loop {
        let eol = b.windows(2).position(|w| w == b"\r\n").unwrap();
        let size =
            usize::from_str_radix(std::str::from_utf8(&b[..eol]).unwrap().trim(), 16).unwrap();
        b = &b[eol + 2..];
        if size == 0 {
            return out;
        }
        out.extend_from_slice(&b[..size]);
        b = &b[size + 2..];
    }
}

fn store() -> Store {
    Store::open_read_only(&fixture().db).unwrap()
}

fn rows(merged: bool) -> Vec<Row> {
    let mut out = Vec::new();
    store()
        .for_each_event(&Filter::default(), merged, |r| {
            out.push(r.clone());
            Ok(())
        })
        .unwrap();
    out
}

fn records(merged: bool) -> Vec<Value> {
    rows(merged)
        .iter()
        .map(|r| serde_json::from_str(&r.to_json()).unwrap())
        .collect()
}

/// Every page of `/api/events?{query}` with `limit`, following `next_cursor`.
fn walk(query: &str, limit: usize) -> Vec<Value> {
    let mut out = Vec::new();
    let mut cursor: Option<String> = None;
    for _ in 0..10_000 {
        let mut target = format!("/api/events?limit={limit}&{query}");
        if let Some(c) = &cursor {
            target.push_str(&format!("&cursor={c}"));
        }
        let page = get_json(&target);
        let events = page["events"].as_array().unwrap();
        assert!(events.len() <= limit);
        out.extend(events.iter().cloned());
        match page["next_cursor"].as_str() {
            Some(c) => {
                assert_eq!(events.len(), limit, "only a full page has a next page");
                cursor = Some(c.to_string());
            }
            None => return out,
        }
    }
    panic!("pagination did not end");
}

#[test]
fn event_pages_walk_every_event_once_as_export_writes_them() {
    for (merged, query) in [(true, ""), (false, "raw=true")] {
        let expected = records(merged);
        assert!(expected.len() >= 5, "{} events", expected.len());
        let walked = walk(query, 3);
        assert_eq!(walked, expected, "sort=id pages are the export, in order");
        // Every sort visits every event exactly once, in its order.
        for sort in [
            "-id",
            "date",
            "-date",
            "goldstein",
            "-goldstein",
            "mentions",
            "-mentions",
        ] {
            let walked = walk(&format!("{query}&sort={sort}"), 4);
            let ids: Vec<i64> = walked
                .iter()
                .map(|e| e["event_id"].as_i64().unwrap())
                .collect();
            let unique: HashSet<i64> = ids.iter().copied().collect();
            assert_eq!(ids.len(), expected.len(), "{sort}");
            assert_eq!(unique.len(), ids.len(), "{sort}: an event twice");
            let key = |e: &Value| -> f64 {
                match sort.trim_start_matches('-') {
                    "id" => e["event_id"].as_f64().unwrap(),
                    "goldstein" => e["goldstein"].as_f64().unwrap_or(-100.0),
                    "mentions" => e["num_mentions"].as_f64().unwrap_or(1.0),
                    _ => 0.0,
                }
            };
            for w in walked.windows(2) {
                if sort.ends_with("date") {
                    let d = |e: &Value| {
                        e["date"]
                            .as_str()
                            .unwrap_or("")
                            .get(..10)
                            .unwrap_or("")
                            .to_string()
                    };
                    if sort.starts_with('-') {
                        assert!(d(&w[0]) >= d(&w[1]), "{sort}");
                    } else {
                        assert!(d(&w[0]) <= d(&w[1]), "{sort}");
                    }
                } else if sort.starts_with('-') {
                    assert!(key(&w[0]) >= key(&w[1]), "{sort}");
                } else {
                    assert!(key(&w[0]) <= key(&w[1]), "{sort}");
                }
            }
        }
    }
    // Filters narrow as the store's do.
    let all = records(true);
    let source = all[0]["source"].as_str().unwrap()[..3].to_string();
    let by_source = walk(&format!("source={source}"), 1000);
    let want = all
        .iter()
        .filter(|e| e["source"].as_str().unwrap().starts_with(&source))
        .count();
    assert_eq!(by_source.len(), want);
    // A cursor made for another sort is refused.
    let page = get_json("/api/events?limit=1&sort=date");
    let c = page["next_cursor"].as_str().unwrap();
    let a = get(&format!("/api/events?limit=1&sort=goldstein&cursor={c}"));
    assert_eq!(a.status, 400);
    assert!(a.json()["message"]
        .as_str()
        .unwrap()
        .starts_with("parameter 'cursor'"));
}

#[test]
fn export_is_the_bytes_dyad_export_writes() {
    let s = store();
    for (name, format, content_type, ext) in dyad_server::params::EXPORT_FORMATS {
        for raw in [false, true] {
            let mut want = Vec::new();
            dyad_store::export(&s, &Filter::default(), raw, format, &mut want).unwrap();
            let a = get(&format!("/api/export?format={name}&raw={raw}"));
            assert_eq!(a.status, 200, "{name}");
            assert_eq!(a.body, want, "{name} raw={raw}");
            assert_eq!(a.header("content-type"), Some(content_type));
            assert_eq!(
                a.header("content-disposition"),
                Some(format!("attachment; filename=\"dyad-events.{ext}\"").as_str())
            );
        }
    }
    let n = get("/api/export?quad=4")
        .body
        .split(|b| *b == b'\n')
        .filter(|l| !l.is_empty())
        .count();
    let want = records(true)
        .iter()
        .filter(|e| e["quad_class"] == "material_conflict")
        .count();
    assert_eq!(n, want);
    let bad = get("/api/export?q=%22unbalanced");
    assert_eq!(bad.status, 400);
    assert!(bad.json()["message"]
        .as_str()
        .unwrap()
        .starts_with("parameter 'q'"));
}

#[test]
fn timeline_map_network_and_actors_add_up() {
    for (merged, raw) in [(true, "false"), (false, "true")] {
        let events = records(merged);
        for interval in ["day", "week", "month"] {
            let t = get_json(&format!("/api/timeline?interval={interval}&raw={raw}"));
            assert_eq!(t["interval"], interval);
            let buckets = t["buckets"].as_array().unwrap();
            let total: i64 = buckets.iter().map(|b| b["count"].as_i64().unwrap()).sum();
            assert_eq!(
                total + t["undated"].as_i64().unwrap(),
                events.len() as i64,
                "{interval}"
            );
            let mut last = String::new();
            for b in buckets {
                let period = b["period"].as_str().unwrap().to_string();
                assert_eq!(period.len(), 10);
                assert!(period > last, "periods ascend");
                last = period;
                let quads: i64 = b["by_quad"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .map(|q| q.as_i64().unwrap())
                    .sum();
                assert!(quads <= b["count"].as_i64().unwrap());
            }
            let dated = events.iter().filter(|e| e["date"].is_string()).count() as i64;
            assert_eq!(total, dated, "{interval}");
        }
        // Map: the located events, per place.
        let m = get_json(&format!("/api/map?raw={raw}"));
        let located = events.iter().filter(|e| e["location"].is_object()).count() as i64;
        let places = m["places"].as_array().unwrap();
        assert_eq!(
            places
                .iter()
                .map(|p| p["count"].as_i64().unwrap())
                .sum::<i64>(),
            located
        );
        for p in places {
            for k in [
                "name",
                "lat",
                "lon",
                "country",
                "geonameid",
                "count",
                "mean_goldstein",
            ] {
                assert!(p.get(k).is_some(), "place without {k}");
            }
        }
        // Network: edges are the (source, target) counts of events with a target.
        let mut pairs: BTreeMap<(String, String), i64> = BTreeMap::new();
        for e in &events {
            let (s, t) = (e["source"].as_str().unwrap(), e["target"].as_str().unwrap());
            if !s.is_empty() && !t.is_empty() {
                *pairs.entry((s.into(), t.into())).or_default() += 1;
            }
        }
        let n = get_json(&format!("/api/network?raw={raw}&limit=1000"));
        let edges: BTreeMap<(String, String), i64> = n["edges"]
            .as_array()
            .unwrap()
            .iter()
            .map(|e| {
                (
                    (
                        e["source"].as_str().unwrap().into(),
                        e["target"].as_str().unwrap().into(),
                    ),
                    e["count"].as_i64().unwrap(),
                )
            })
            .collect();
        assert_eq!(edges, pairs);
        let nodes: HashSet<&str> = n["nodes"]
            .as_array()
            .unwrap()
            .iter()
            .map(|x| x["id"].as_str().unwrap())
            .collect();
        for (s, t) in pairs.keys() {
            assert!(nodes.contains(s.as_str()) && nodes.contains(t.as_str()));
        }
        // Actors: counts as source and target.
        let a = get_json(&format!("/api/actors?raw={raw}&limit=1000"));
        for actor in a["actors"].as_array().unwrap() {
            let code = actor["code"].as_str().unwrap();
            let src = events.iter().filter(|e| e["source"] == code).count() as i64;
            let tgt = events.iter().filter(|e| e["target"] == code).count() as i64;
            let either = events
                .iter()
                .filter(|e| e["source"] == code || e["target"] == code)
                .count() as i64;
            assert_eq!(actor["as_source"].as_i64().unwrap(), src, "{code}");
            assert_eq!(actor["as_target"].as_i64().unwrap(), tgt, "{code}");
            assert_eq!(actor["events"].as_i64().unwrap(), either, "{code}");
            assert!(
                actor["top_partners"].as_array().unwrap().len() <= dyad_server::api::TOP_PARTNERS
            );
        }
    }
    // A dyad, both ways, on the timeline.
    let events = records(true);
    let e = events
        .iter()
        .find(|e| e["target"].as_str() != Some(""))
        .unwrap();
    let (s, t) = (e["source"].as_str().unwrap(), e["target"].as_str().unwrap());
    let both = get_json(&format!("/api/timeline?dyad={s},{t}&both=true"));
    let count = |t: &Value| {
        t["buckets"]
            .as_array()
            .unwrap()
            .iter()
            .map(|b| b["count"].as_i64().unwrap())
            .sum::<i64>()
            + t["undated"].as_i64().unwrap()
    };
    let want = events
        .iter()
        .filter(|x| {
            let (a, b) = (x["source"].as_str().unwrap(), x["target"].as_str().unwrap());
            (a.starts_with(s) && b.starts_with(t)) || (a.starts_with(t) && b.starts_with(s))
        })
        .count() as i64;
    assert_eq!(count(&both), want);
    assert!(count(&get_json(&format!("/api/timeline?dyad={s},{t}"))) <= want);
}

#[test]
fn an_event_its_evidence_mentions_and_document() {
    let all = records(true);
    let merged = all
        .iter()
        .max_by_key(|e| e["num_mentions"].as_i64().unwrap())
        .unwrap();
    let id = merged["event_id"].as_i64().unwrap();
    let d = get_json(&format!("/api/events/{id}"));
    assert_eq!(&d["event"], merged);
    let mentions = d["mentions"].as_array().unwrap();
    assert_eq!(
        mentions.len() as i64,
        merged["num_mentions"].as_i64().unwrap()
    );
    for m in mentions {
        for k in [
            "doc_id",
            "document",
            "sentence",
            "url",
            "sentence_text",
            "event_id",
        ] {
            assert!(m.get(k).is_some(), "mention without {k}");
        }
    }
    let raw = get_json(&format!("/api/events/{}?raw=true", mentions[0]["event_id"]));
    assert_eq!(raw["event"]["event_id"], mentions[0]["event_id"]);
    assert!(raw["event"].get("num_mentions").is_none());
    // The document: every evidence text is at its byte span, and the same text at its UTF-16 span.
    let doc = get_json(&format!("/api/documents/{}", mentions[0]["document"]));
    let text = doc["text"].as_str().unwrap();
    let utf16: Vec<u16> = text.encode_utf16().collect();
    let chars: Vec<char> = text.chars().collect();
    for ev in d["evidence"].as_array().unwrap() {
        let (s, e) = (
            ev["start"].as_u64().unwrap() as usize,
            ev["end"].as_u64().unwrap() as usize,
        );
        assert_eq!(&text[s..e], ev["text"].as_str().unwrap());
        assert!(["source", "verb", "target"].contains(&ev["role"].as_str().unwrap()));
    }
    assert!(!doc["sentences"].as_array().unwrap().is_empty());
    let mut spans_seen = 0;
    for ev in doc["events"].as_array().unwrap() {
        for part in ["source", "verb", "target", "place", "date"] {
            let b = &ev["spans"][part];
            if b.is_null() {
                assert!(ev["js_spans"][part].is_null());
                continue;
            }
            spans_seen += 1;
            let bytes = &text[b[0].as_u64().unwrap() as usize..b[1].as_u64().unwrap() as usize];
            let j = &ev["js_spans"][part];
            let js = String::from_utf16(
                &utf16[j[0].as_u64().unwrap() as usize..j[1].as_u64().unwrap() as usize],
            )
            .unwrap();
            let c = &ev["char_spans"][part];
            let cs: String = chars
                [c[0].as_u64().unwrap() as usize..c[1].as_u64().unwrap() as usize]
                .iter()
                .collect();
            assert_eq!(bytes, js);
            assert_eq!(bytes, cs);
        }
        assert!(ev["rules"]["verb"]["file"].is_string(), "{ev}");
    }
    assert!(spans_seen > 0);
    // Every event placed from a name in the text says how that place was chosen: the same place as its
    // location, a reason, and the runners-up with their scores, best first.
    let mut choices = 0;
    for d in 1..=8 {
        let doc = get_json(&format!("/api/documents/{d}"));
        let Some(events) = doc["events"].as_array() else {
            continue;
        };
        for ev in events {
            let choice = &ev["place_choice"];
            if ev["spans"]["place"].is_null() {
                assert!(choice.is_null(), "{ev}");
                continue;
            }
            if choice.is_null() {
                continue;
            }
            choices += 1;
            assert_eq!(choice["geonameid"], ev["location"]["geonameid"], "{ev}");
            assert!(!choice["reason"].as_str().unwrap().is_empty());
            let scores: Vec<f64> = choice["considered"]
                .as_array()
                .unwrap()
                .iter()
                .map(|c| c["score"].as_f64().unwrap())
                .collect();
            assert!(scores.windows(2).all(|w| w[0] >= w[1]), "{choice}");
        }
    }
    assert!(choices > 0, "no event said how its place was chosen");
    // Non-ASCII text: UTF-16 offsets differ from byte offsets and still slice the same words.
    let docs: Vec<i64> = (1..=20).collect();
    let mut found = false;
    for id in docs {
        let a = get(&format!("/api/documents/{id}"));
        if a.status == 404 {
            break;
        }
        let doc = a.json();
        if doc["text"].as_str().unwrap().contains('😐') {
            found = true;
            let moved = doc["events"]
                .as_array()
                .unwrap()
                .iter()
                .any(|ev| ev["spans"]["verb"] != ev["js_spans"]["verb"]);
            assert!(
                moved,
                "UTF-16 offsets after non-ASCII text differ from byte offsets"
            );
        }
    }
    assert!(found, "the accented article is stored");
}

#[test]
fn runs_mark_the_current_generation() {
    let r = get_json("/api/runs");
    let runs = r["runs"].as_array().unwrap();
    assert_eq!(runs.len(), 1);
    assert_eq!(runs[0]["current"], true);
    assert_eq!(runs[0]["kind"], "ingest");
    assert_eq!(r["generation"], runs[0]["generation"]);
    assert_eq!(runs[0]["inputs"], serde_json::json!(["examples"]));
}

#[test]
fn bad_requests_are_json_errors_naming_the_parameter() {
    for (target, name) in [
        ("/api/events?since=2024-13-01", "since"),
        ("/api/events?until=2024-02-30", "until"),
        ("/api/events?limit=abc&from=notadate", "from"),
        ("/api/events?limit=abc", "limit"),
        ("/api/events?limit=0", "limit"),
        ("/api/events?limit=1001", "limit"),
        ("/api/events?limit=99999999999999999999999", "limit"),
        ("/api/events?sort=size", "sort"),
        ("/api/events?cursor=zz", "cursor"),
        (
            "/api/events?actor=%27%3B%20DROP%20TABLE%20events%3B--",
            "actor",
        ),
        ("/api/events?root=00", "root"),
        ("/api/events?quad=9", "quad"),
        ("/api/events?cameo=abc", "cameo"),
        ("/api/events?plover=a%20b", "plover"),
        ("/api/events?country=SYRIA", "country"),
        ("/api/events?bbox=0,0,200,10", "bbox"),
        ("/api/events?q=%22unbalanced", "q"),
        ("/api/events?claimed=yes", "claimed"),
        ("/api/events?raw=2", "raw"),
        ("/api/events?generation=x", "generation"),
        ("/api/events?from=2024-01-01", "from"),
        ("/api/events?actor=SYR&actor=ISR", "actor"),
        ("/api/timeline?interval=year", "interval"),
        ("/api/timeline?dyad=SYR", "dyad"),
        ("/api/map?limit=-1", "limit"),
        ("/api/network?limit=5000", "limit"),
        ("/api/actors?limit=x", "limit"),
        ("/api/export?format=xml", "format"),
        ("/api/events/abc", "id"),
        ("/api/events/-3", "id"),
        ("/api/events/1?raw=maybe", "raw"),
        ("/api/documents/1.5", "id"),
        ("/api/runs?x=1", "x"),
    ] {
        let a = get(target);
        assert_eq!(
            a.status,
            400,
            "{target}: {}",
            String::from_utf8_lossy(&a.body)
        );
        assert_eq!(a.header("content-type"), Some("application/json"));
        let j = a.json();
        assert_eq!(j["status"], 400);
        let msg = j["message"].as_str().unwrap();
        assert!(
            msg.starts_with(&format!("parameter '{name}'")),
            "{target}: {msg}"
        );
    }
    let long = "a".repeat(10_000);
    assert_eq!(get(&format!("/api/events?q={long}")).status, 400);
    for target in [
        "/api/events/999999",
        "/api/events/999999?raw=true",
        "/api/documents/999999",
        "/api/nothing",
        "/static/../Cargo.toml",
        "/static/nope.js",
    ] {
        let a = get(target);
        assert_eq!(a.status, 404, "{target}");
        assert_eq!(a.json()["status"], 404);
    }
    for method in ["POST", "PUT", "DELETE", "PATCH"] {
        for target in ["/api/events", "/", "/api/nothing"] {
            let a = request(method, target);
            assert_eq!(a.status, 405, "{method} {target}");
            assert_eq!(a.json()["status"], 405);
            assert_eq!(a.header("allow"), Some("GET, HEAD"));
        }
    }
    // Still serving.
    assert_eq!(get("/api/events?limit=1").status, 200);
}

#[test]
fn every_response_carries_the_security_headers() {
    for target in [
        "/",
        "/static/app.js",
        "/api/events?limit=1",
        "/api/events?since=x",
        "/api/nothing",
        "/api/openapi.json",
        "/api/export",
    ] {
        for method in ["GET", "HEAD", "POST"] {
            let a = request(method, target);
            assert_eq!(
                a.header("content-security-policy"),
                Some(dyad_server::CONTENT_SECURITY_POLICY),
                "{method} {target}"
            );
            assert_eq!(a.header("x-content-type-options"), Some("nosniff"));
            assert_eq!(a.header("referrer-policy"), Some("no-referrer"));
        }
    }
    let head = request("HEAD", "/api/events?limit=1");
    assert_eq!(head.status, 200);
    assert!(head.body.is_empty());
}

#[test]
fn the_page_is_served_with_its_content_types() {
    for (target, ct) in [
        ("/", "text/html; charset=utf-8"),
        ("/static/app.js", "text/javascript; charset=utf-8"),
        ("/static/style.css", "text/css; charset=utf-8"),
        ("/static/world.json", "application/json"),
    ] {
        let a = get(target);
        assert_eq!(a.status, 200, "{target}");
        assert_eq!(a.header("content-type"), Some(ct), "{target}");
        assert!(!a.body.is_empty());
    }
}

#[test]
fn the_openapi_document_lists_every_path() {
    let d = get_json("/api/openapi.json");
    assert!(d["openapi"].as_str().unwrap().starts_with('3'));
    let paths = d["paths"].as_object().unwrap();
    for p in [
        "/",
        "/static/{path}",
        "/api/events",
        "/api/events/{id}",
        "/api/documents/{id}",
        "/api/actors",
        "/api/timeline",
        "/api/map",
        "/api/network",
        "/api/runs",
        "/api/export",
        "/api/openapi.json",
    ] {
        assert!(
            paths.contains_key(p),
            "{p} missing from the OpenAPI document"
        );
    }
    let params: Vec<&str> = d["paths"]["/api/events"]["get"]["parameters"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["name"].as_str().unwrap())
        .collect();
    for name in dyad_server::params::FILTER_PARAMS
        .iter()
        .chain(&["sort", "limit", "cursor"])
    {
        assert!(
            params.contains(name),
            "/api/events does not document {name}"
        );
    }
}
