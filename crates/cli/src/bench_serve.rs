//! `dyad bench serve`: the HTTP API under concurrent load on a store of (by default) a million events, and
//! Datasette serving the same store with the same filters, side by side in one run.
//!
//! The store: Reuters-21578 ingested as `dyad ingest` does (the built-in dictionaries), then its events copied
//! in SQL until the store holds `--events`: copy k of every event has its `day` shifted by k×365 days and keeps
//! everything else (actors, codes, place, Goldstein score, document, story, its evidence rows), so the
//! distribution of actors, codes and places is Reuters', not random. Documents are not copied: the copies point
//! at the real documents. (The stored `record` JSON keeps the original date.)
//!
//! The clients: threads with plain HTTP/1.1 keep-alive connections over loopback, each scenario bounded by a
//! request count and a time. dyad's server runs in this process (its peak memory is this process's, measured
//! after resetting the peak when the store is built); Datasette runs as a child process.

use super::{load_average, remove_store, CountInputErrors};
use crate::outln;
use crate::Outcome;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

/// A client gives up on an answer after this long (counted as an error).
const READ_TIMEOUT_SECONDS: u64 = 60;

/// Days between two copies of the Reuters events.
const SHIFT_DAYS: i64 = 365;

pub struct ServeBench<'a> {
    pub reuters: &'a Path,
    pub db: Option<PathBuf>,
    pub events: i64,
    pub clients: usize,
    pub requests: usize,
    pub seconds: f64,
    pub datasette: Option<PathBuf>,
}

/// One scenario: the dyad API path and the equivalent Datasette SQL (run through its JSON API).
struct Scenario {
    name: &'static str,
    dyad: String,
    sql: String,
    note: &'static str,
}

#[derive(Default, Clone)]
struct Figures {
    requests: usize,
    errors: usize,
    seconds: f64,
    latencies: Vec<f64>,
}

impl Figures {
    fn percentile(&self, p: f64) -> f64 {
        if self.latencies.is_empty() {
            return f64::NAN;
        }
        let i = ((p / 100.0) * self.latencies.len() as f64).ceil() as usize;
        self.latencies[i.clamp(1, self.latencies.len()) - 1]
    }

    fn line(&self) -> String {
        format!(
            "{:>6} req {:>8.1} req/s  p50 {:>8.1} ms  p95 {:>8.1} ms  p99 {:>8.1} ms  errors {}",
            self.requests,
            self.requests as f64 / self.seconds.max(1e-9),
            self.percentile(50.0),
            self.percentile(95.0),
            self.percentile(99.0),
            self.errors
        )
    }
}

pub fn run(bench: &ServeBench) -> Result<Outcome, String> {
    outln!(
        "{} cores, load average {} at the start",
        std::thread::available_parallelism().map_or(0, |n| n.get()),
        load_average()
    );
    let db = match &bench.db {
        Some(db) if db.exists() => {
            outln!("reusing the store {}", db.display());
            db.clone()
        }
        other => {
            let db = other.clone().unwrap_or_else(|| {
                std::env::temp_dir().join(format!("dyad-bench-serve-{}.db", std::process::id()))
            });
            build_store(bench.reuters, &db, bench.events)?;
            db
        }
    };
    let (generation, events) = {
        let store = dyad_store::Store::open(&db).map_err(|e| e.to_string())?;
        // Datasette opens the store immutable: everything must be in the main file.
        store
            .connection()
            .execute_batch("PRAGMA wal_checkpoint(TRUNCATE)")
            .map_err(|e| format!("{}: checkpoint: {e}", db.display()))?;
        let generation = store.generation().map_err(|e| e.to_string())?.unwrap_or(0);
        (
            generation,
            store.counts().map_err(|e| e.to_string())?.events,
        )
    };
    let size = std::fs::metadata(&db).map(|m| m.len()).unwrap_or(0);
    outln!(
        "store {}: {events} events (generation {generation}), {:.0} MB",
        db.display(),
        size as f64 / 1e6
    );
    let scenarios = scenarios(generation);
    outln!(
        "{} clients (HTTP/1.1 keep-alive, loopback); each scenario stops at {} requests or {:.0} s; no answer \
         within {READ_TIMEOUT_SECONDS} s is an error",
        bench.clients,
        bench.requests,
        bench.seconds
    );

    // dyad, in this process.
    reset_peak_memory();
    let before = memory("VmHWM");
    let dyad = serve_dyad(&db, bench, &scenarios)?;
    let after = memory("VmHWM");
    outln!(
        "dyad server (in this process): peak RSS {} when serving started (the peak is reset then; with the store \
         built in this run it includes what building left allocated), {} after (VmHWM of the bench process{})",
        kb(before),
        kb(after),
        if before.is_some() { "" } else { ": unknown" }
    );

    // Datasette, as a child process.
    let datasette = bench
        .datasette
        .clone()
        .or_else(|| find_on_path("datasette"));
    let ds = match datasette {
        Some(exe) => Some(serve_datasette(&exe, &db, bench, &scenarios)?),
        None => {
            outln!("datasette: not on PATH and no --datasette given; skipped (python3 -m venv /tmp/ds && /tmp/ds/bin/pip install datasette)");
            None
        }
    };

    outln!("");
    outln!(
        "{:<24} {:>10} {:>9} {:>9} {:>9} {:>7} | {:>10} {:>9} {:>9} {:>9} {:>7}",
        "scenario",
        "dyad r/s",
        "p50 ms",
        "p95 ms",
        "p99 ms",
        "errors",
        "dsette r/s",
        "p50 ms",
        "p95 ms",
        "p99 ms",
        "errors"
    );
    for (i, s) in scenarios.iter().enumerate() {
        let d = &dyad[i];
        let cells = |f: &Figures| {
            format!(
                "{:>10.1} {:>9.1} {:>9.1} {:>9.1} {:>7}",
                f.requests as f64 / f.seconds.max(1e-9),
                f.percentile(50.0),
                f.percentile(95.0),
                f.percentile(99.0),
                f.errors
            )
        };
        let other = ds
            .as_ref()
            .map_or_else(|| "(skipped)".to_string(), |(f, _)| cells(&f[i]));
        outln!("{:<24} {} | {}", s.name, cells(d), other);
    }
    if let Some((_, peak)) = &ds {
        outln!("datasette peak RSS (VmHWM of its process): {}", kb(*peak));
    }
    for s in &scenarios {
        if !s.note.is_empty() {
            outln!("  {}: {}", s.name, s.note);
        }
    }
    let bar = |name: &str, limit: f64| {
        if let Some((i, _)) = scenarios.iter().enumerate().find(|(_, s)| s.name == name) {
            let p99 = dyad[i].percentile(99.0);
            outln!(
                "bar: {name} p99 {p99:.1} ms (< {limit:.0} ms: {})",
                if p99 < limit { "met" } else { "MISSED" }
            );
        }
    };
    bar("events actor+root", 50.0);
    bar("timeline month", 200.0);
    outln!("load average {} at the end", load_average());
    Ok(Outcome::Clean)
}

/// The scenarios, dyad's request and Datasette's SQL over the same events of `generation`.
fn scenarios(generation: i64) -> Vec<Scenario> {
    let g = generation;
    let usa = "(substr(source, 1, 3) = 'USA' OR substr(target, 1, 3) = 'USA')";
    let timeline = |extra: &str| {
        format!(
            "SELECT substr(day, 1, 7) AS p, count(*), sum(quad_class = 1), sum(quad_class = 2), \
             sum(quad_class = 3), sum(quad_class = 4), avg(goldstein) FROM events \
             WHERE generation = {g}{extra} GROUP BY p ORDER BY p"
        )
    };
    vec![
        Scenario {
            name: "events actor+root",
            dyad: "/api/events?actor=USA&root=04&limit=100".into(),
            sql: format!("SELECT id, record FROM events WHERE generation = {g} AND {usa} AND root = '04' ORDER BY id LIMIT 100"),
            note: "dyad returns merged events (the page's default; mentions counted per group), Datasette raw rows",
        },
        Scenario {
            name: "events dates+quad",
            dyad: "/api/events?since=2000-01-01&until=2000-12-31&quad=4&limit=100".into(),
            sql: format!("SELECT id, record FROM events WHERE generation = {g} AND day >= '2000-01-01' AND day <> '' AND day <= '2000-12-31' AND quad_class = 4 ORDER BY id LIMIT 100"),
            note: "",
        },
        Scenario {
            name: "events q=oil",
            dyad: "/api/events?q=oil&limit=100".into(),
            sql: format!("SELECT id, record FROM events WHERE generation = {g} AND document IN (SELECT rowid FROM documents_fts WHERE documents_fts MATCH 'oil') ORDER BY id LIMIT 100"),
            note: "",
        },
        Scenario {
            name: "events raw actor+root",
            dyad: "/api/events?actor=USA&root=04&limit=100&raw=true".into(),
            sql: format!("SELECT id, record FROM events WHERE generation = {g} AND {usa} AND root = '04' ORDER BY id LIMIT 100"),
            note: "",
        },
        Scenario {
            name: "timeline month",
            dyad: "/api/timeline?interval=month".into(),
            sql: timeline(""),
            note: "dyad counts merged events, Datasette raw rows",
        },
        Scenario {
            name: "timeline month USA",
            dyad: "/api/timeline?interval=month&actor=USA".into(),
            sql: timeline(&format!(" AND {usa}")),
            note: "",
        },
        Scenario {
            name: "timeline raw month",
            dyad: "/api/timeline?interval=month&raw=true".into(),
            sql: timeline(""),
            note: "",
        },
        Scenario {
            name: "map",
            dyad: "/api/map".into(),
            sql: format!("SELECT place, min(lat), min(lon), country, geonameid, count(*), avg(goldstein) FROM events WHERE generation = {g} AND lat IS NOT NULL AND lon IS NOT NULL GROUP BY geonameid, place, country ORDER BY count(*) DESC, geonameid, place LIMIT 1000"),
            note: "",
        },
        Scenario {
            name: "network",
            dyad: "/api/network".into(),
            sql: format!("SELECT source, target, count(*), avg(goldstein) FROM events WHERE generation = {g} AND source <> '' AND target <> '' GROUP BY source, target ORDER BY count(*) DESC, source, target LIMIT 100"),
            note: "dyad also counts every actor's events (a second query); Datasette runs the pairs query only",
        },
    ]
}

/// Ingests Reuters-21578 into a new store at `db` and copies its events until it holds `target` events.
fn build_store(reuters: &Path, db: &Path, target: i64) -> Result<(), String> {
    use dyad_ingest::{read_inputs, IngestOptions};
    remove_store(db);
    let started = Instant::now();
    let pipeline = dyad_pipeline::Pipeline::builtin().map_err(|e| e.to_string())?;
    let info = dyad_store::RunInfo {
        binary_version: env!("CARGO_PKG_VERSION").to_string(),
        dictionaries: "builtin".into(),
        fingerprint: "bench serve".into(),
        options: "{}".into(),
        inputs: vec![reuters.display().to_string()],
    };
    let mut store = dyad_store::Store::open(db).map_err(|e| e.to_string())?;
    let mut errors = CountInputErrors::default();
    let counts = dyad_store::ingest::ingest_records(
        &mut store,
        &pipeline,
        &info,
        read_inputs(&[reuters.to_path_buf()], &IngestOptions::default()),
        &|_: &dyad_model::Document| {},
        &mut errors,
    )
    .map_err(|e| e.to_string())?;
    let ingested = started.elapsed().as_secs_f64();
    let generation = store.generation().map_err(|e| e.to_string())?.unwrap_or(0);
    let conn = store.connection();
    let sql = |e| synth_error(db, e);
    let one = |q: &str| -> Result<i64, String> {
        conn.query_row(q, [generation], |r| r.get::<_, Option<i64>>(0))
            .map(|v| v.unwrap_or(0))
            .map_err(sql)
    };
    let real = one("SELECT count(*) FROM events WHERE generation = ?1")?;
    let max_id = one("SELECT max(id) FROM events WHERE generation = ?1")?;
    let top = one("SELECT max(id) FROM events WHERE ?1 IS NOT NULL")?;
    if real == 0 || top != max_id {
        return Err(format!(
            "{}: {real} events after ingest; cannot synthesise",
            db.display()
        ));
    }
    outln!(
        "ingested Reuters-21578: {} documents, {real} events in {ingested:.1} s",
        counts.documents_added
    );
    let columns = "generation, run, document, story, sentence, source, target, cameo, root, base, quad_class, \
        goldstein, plover, plover_mode, date, %day%, date_how, date_precision, place, lat, lon, country, admin1, \
        feature_class, geonameid, location_how, claimed, reported_by, record";
    let insert_events = format!(
        "INSERT INTO events (id, {}) SELECT id + ?1, {} FROM events WHERE generation = ?2 AND id <= ?3 \
         ORDER BY id LIMIT ?4",
        columns.replace("%day%", "day"),
        columns.replace(
            "%day%",
            "CASE WHEN day = '' THEN '' ELSE date(day, printf('%+d days', ?5)) END"
        )
    );
    let insert_evidence = "INSERT INTO evidence (event, role, start, end, rule_file, rule_line, rule_text) \
        SELECT x.event + ?1, x.role, x.start, x.end, x.rule_file, x.rule_line, x.rule_text FROM evidence x \
        WHERE x.event <= ?2 AND EXISTS (SELECT 1 FROM events e WHERE e.id = x.event + ?1)";
    let synth_started = Instant::now();
    conn.execute_batch("PRAGMA cache_size = -262144; BEGIN IMMEDIATE")
        .map_err(sql)?;
    let mut have = real;
    let mut k = 0i64;
    while have < target {
        k += 1;
        let take = (target - have).min(real);
        let offset = k * max_id;
        let added = conn
            .execute(
                &insert_events,
                [offset, generation, max_id, take, k * SHIFT_DAYS],
            )
            .map_err(sql)?;
        conn.execute(insert_evidence, [offset, max_id])
            .map_err(sql)?;
        have += added as i64;
        if added == 0 {
            break;
        }
    }
    conn.execute(
        "INSERT INTO meta (key, value) VALUES ('bench_serve', ?1) \
         ON CONFLICT (key) DO UPDATE SET value = excluded.value",
        [format!(
            "{real} Reuters-21578 events copied {k} times (day shifted by k*{SHIFT_DAYS} days) to {have} events"
        )],
    )
    .map_err(sql)?;
    conn.execute_batch("COMMIT; PRAGMA wal_checkpoint(TRUNCATE)")
        .map_err(sql)?;
    outln!(
        "synthesised {} events in {:.1} s: the {real} Reuters events copied {k} times in SQL (copy k's day shifted \
         by k×{SHIFT_DAYS} days, with its evidence rows; documents not copied), one transaction",
        have - real,
        synth_started.elapsed().as_secs_f64()
    );
    outln!(
        "store built in {:.1} s in all",
        started.elapsed().as_secs_f64()
    );
    Ok(())
}

fn synth_error(db: &Path, e: impl std::fmt::Display) -> String {
    format!("{}: synthesising events: {e}", db.display())
}

fn serve_dyad(
    db: &Path,
    bench: &ServeBench,
    scenarios: &[Scenario],
) -> Result<Vec<Figures>, String> {
    dyad_server::check_store(db).map_err(|e| e.to_string())?;
    // The server's connections and its in-memory cube, built here to say what the cube costs.
    let stores = dyad_server::pool::Stores::new(db.to_path_buf());
    let started = Instant::now();
    let (held, bytes) = stores.warm().map_err(|e| e.to_string())?;
    outln!(
        "dyad: the aggregates' in-memory cube: {held} events, about {:.0} MB, built in {:.2} s before serving",
        bytes as f64 / 1e6,
        started.elapsed().as_secs_f64()
    );
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .map_err(|e| e.to_string())?;
    let listener = runtime
        .block_on(tokio::net::TcpListener::bind("127.0.0.1:0"))
        .map_err(|e| e.to_string())?;
    let addr = listener.local_addr().map_err(|e| e.to_string())?;
    let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
    let server = runtime.spawn(dyad_server::serve_stores(listener, stores, async {
        let _ = stopped.await;
    }));
    outln!("dyad: serving {} on http://{addr}", db.display());
    let mut out = Vec::new();
    for s in scenarios {
        let f = load(&addr.to_string(), &s.dyad, bench);
        outln!("dyad      {:<24} {}", s.name, f.line());
        out.push(f);
    }
    let _ = stop.send(());
    let _ = runtime.block_on(server);
    Ok(out)
}

fn serve_datasette(
    exe: &Path,
    db: &Path,
    bench: &ServeBench,
    scenarios: &[Scenario],
) -> Result<(Vec<Figures>, Option<u64>), String> {
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map_err(|e| e.to_string())?
        .port();
    let mut child = std::process::Command::new(exe)
        .arg("serve")
        .arg("-i")
        .arg(db)
        .args(["--host", "127.0.0.1", "--port", &port.to_string()])
        .args(["--setting", "sql_time_limit_ms", "10000"])
        .args(["--setting", "max_returned_rows", "1000"])
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .map_err(|e| format!("{}: {e}", exe.display()))?;
    let addr = format!("127.0.0.1:{port}");
    let name = db
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    let started = Instant::now();
    let mut ready = false;
    while started.elapsed() < Duration::from_secs(60) {
        if let Ok(mut c) = Client::connect(&addr) {
            if c.get("/-/versions.json").map(|s| s == 200).unwrap_or(false) {
                ready = true;
                break;
            }
        }
        std::thread::sleep(Duration::from_millis(200));
    }
    if !ready {
        let _ = child.kill();
        let _ = child.wait();
        return Err(format!("datasette did not answer on {addr} within 60 s"));
    }
    outln!(
        "datasette ({}): serving {} immutable on http://{addr} (sql_time_limit_ms 10000, max_returned_rows 1000)",
        exe.display(),
        db.display()
    );
    let mut out = Vec::new();
    for s in scenarios {
        let path = format!("/{name}.json?sql={}&_size=100", encode(&s.sql));
        let f = load(&addr, &path, bench);
        outln!("datasette {:<24} {}", s.name, f.line());
        out.push(f);
    }
    let peak = std::fs::read_to_string(format!("/proc/{}/status", child.id()))
        .ok()
        .and_then(|s| field(&s, "VmHWM"));
    let _ = child.kill();
    let _ = child.wait();
    Ok((out, peak))
}

/// `bench.clients` threads GET `path` on keep-alive connections until `bench.requests` have been sent or
/// `bench.seconds` have passed (requests in flight then are waited for); a non-200 answer, a broken connection or
/// no answer within [`READ_TIMEOUT_SECONDS`] is an error.
fn load(addr: &str, path: &str, bench: &ServeBench) -> Figures {
    let issued = AtomicUsize::new(0);
    let limit = Duration::from_secs_f64(bench.seconds);
    let started = Instant::now();
    let parts: Vec<Figures> = std::thread::scope(|scope| {
        let handles: Vec<_> = (0..bench.clients.max(1))
            .map(|_| {
                let issued = &issued;
                scope.spawn(move || {
                    let mut f = Figures::default();
                    let mut client: Option<Client> = None;
                    while started.elapsed() < limit
                        && issued.fetch_add(1, Ordering::Relaxed) < bench.requests
                    {
                        let t = Instant::now();
                        let status = match client.as_mut() {
                            Some(c) => c.get(path),
                            None => Client::connect(addr).and_then(|mut c| {
                                let s = c.get(path);
                                client = Some(c);
                                s
                            }),
                        };
                        f.latencies.push(t.elapsed().as_secs_f64() * 1000.0);
                        f.requests += 1;
                        if client.as_ref().is_some_and(|c| c.closed) {
                            client = None;
                        }
                        match status {
                            Ok(200) => {}
                            Ok(_) => f.errors += 1,
                            Err(_) => {
                                f.errors += 1;
                                client = None;
                            }
                        }
                    }
                    f
                })
            })
            .collect();
        handles
            .into_iter()
            .map(|h| h.join().unwrap_or_default())
            .collect()
    });
    let mut all = Figures {
        seconds: started.elapsed().as_secs_f64(),
        ..Figures::default()
    };
    for p in parts {
        all.requests += p.requests;
        all.errors += p.errors;
        all.latencies.extend(p.latencies);
    }
    all.latencies.sort_by(f64::total_cmp);
    all
}

/// A minimal HTTP/1.1 client on one keep-alive connection: GET, read the whole body (Content-Length or chunked).
struct Client {
    reader: BufReader<TcpStream>,
    /// The server said it closes the connection after this answer.
    closed: bool,
}

impl Client {
    fn connect(addr: &str) -> std::io::Result<Client> {
        let stream = TcpStream::connect(addr)?;
        stream.set_nodelay(true)?;
        stream.set_read_timeout(Some(Duration::from_secs(READ_TIMEOUT_SECONDS)))?;
        Ok(Client {
            reader: BufReader::new(stream),
            closed: false,
        })
    }

    fn get(&mut self, path: &str) -> std::io::Result<u16> {
        let request =
            format!("GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: application/json\r\n\r\n");
        self.reader.get_mut().write_all(request.as_bytes())?;
        let bad = |m: &str| std::io::Error::new(std::io::ErrorKind::InvalidData, m.to_string());
        let mut line = String::new();
        self.reader.read_line(&mut line)?;
        let status: u16 = line
            .split_whitespace()
            .nth(1)
            .and_then(|s| s.parse().ok())
            .ok_or_else(|| bad("no status line"))?;
        let mut length = None;
        let mut chunked = false;
        let mut close = false;
        loop {
            line.clear();
            if self.reader.read_line(&mut line)? == 0 {
                return Err(bad("headers cut short"));
            }
            let l = line.trim_end();
            if l.is_empty() {
                break;
            }
            if let Some((k, v)) = l.split_once(':') {
                let (k, v) = (k.trim().to_ascii_lowercase(), v.trim().to_ascii_lowercase());
                match k.as_str() {
                    "content-length" => length = v.parse::<u64>().ok(),
                    "transfer-encoding" => chunked = v.contains("chunked"),
                    "connection" => close = v == "close",
                    _ => {}
                }
            }
        }
        let mut sink = std::io::sink();
        if chunked {
            loop {
                line.clear();
                self.reader.read_line(&mut line)?;
                let size = u64::from_str_radix(line.trim().split(';').next().unwrap_or(""), 16)
                    .map_err(|_| bad("bad chunk size"))?;
                std::io::copy(&mut (&mut self.reader).take(size), &mut sink)?;
                line.clear();
                self.reader.read_line(&mut line)?;
                if size == 0 {
                    break;
                }
            }
        } else if let Some(n) = length {
            let copied = std::io::copy(&mut (&mut self.reader).take(n), &mut sink)?;
            if copied != n {
                return Err(bad("body cut short"));
            }
        } else {
            std::io::copy(&mut self.reader, &mut sink)?;
            close = true;
        }
        self.closed = close;
        Ok(status)
    }
}

/// Percent-encodes a query value.
fn encode(s: &str) -> String {
    let mut out = String::new();
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || b"-_.~".contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

fn find_on_path(name: &str) -> Option<PathBuf> {
    std::env::split_paths(&std::env::var_os("PATH")?)
        .map(|d| d.join(name))
        .find(|p| p.is_file())
}

/// Resets this process's peak RSS (VmHWM) to its current RSS (Linux: `5` to /proc/self/clear_refs).
fn reset_peak_memory() {
    let _ = std::fs::write("/proc/self/clear_refs", "5");
}

fn memory(key: &str) -> Option<u64> {
    field(&std::fs::read_to_string("/proc/self/status").ok()?, key)
}

/// A `/proc/*/status` field in kB.
fn field(status: &str, key: &str) -> Option<u64> {
    status
        .lines()
        .find(|l| l.starts_with(key))?
        .split_whitespace()
        .nth(1)?
        .parse()
        .ok()
}

fn kb(v: Option<u64>) -> String {
    v.map_or_else(
        || "unknown".into(),
        |k| format!("{:.0} MB", k as f64 / 1024.0),
    )
}
