//! `dyad ingest` / `export` / `recode` / `runs` end to end, with the binary: a `kill -9` in the middle of a real
//! ingest (Reuters-21578 from ../shared) and the same command again give the store an uninterrupted run gives.

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

const REPO: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../..");
const SHARED: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../../shared");

fn dyad(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_dyad"))
        .args(args)
        .current_dir(dir)
        .output()
        .expect("dyad runs")
}

fn ok(out: &Output) -> String {
    assert!(
        out.status.success(),
        "exit {:?}: {}",
        out.status,
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout.clone()).expect("UTF-8")
}

/// Sorted (doc_id, sentence, source, target, cameo, record) of a store's raw events, and its document count.
fn raw_keys(dir: &Path, db: &str) -> Vec<String> {
    let out = ok(&dyad(dir, &["export", "--db", db, "--raw"]));
    let mut keys: Vec<String> = out
        .lines()
        .map(|l| {
            let mut e: serde_json::Value = serde_json::from_str(l).expect("JSON");
            // Row ids and story ids depend on the order documents were committed; the events do not.
            e.as_object_mut().unwrap().remove("event_id");
            e.as_object_mut().unwrap().remove("story");
            e.to_string()
        })
        .collect();
    keys.sort();
    keys
}

fn documents(db: &Path) -> i64 {
    dyad_store::Store::open_read_only(db)
        .map(|s| s.counts().map(|c| c.documents).unwrap_or(0))
        .unwrap_or(0)
}

#[test]
fn kill_9_in_the_middle_of_an_ingest_then_the_same_command_loses_and_doubles_nothing() {
    let reuters = Path::new(SHARED).join("data/reuters21578");
    if !reuters.exists() {
        eprintln!("note: {} absent; test not run", reuters.display());
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    // Three of the collection's files: enough that the kill lands mid-run, small enough for a debug build.
    let input = dir.path().join("news");
    std::fs::create_dir(&input).unwrap();
    for f in ["reut2-000.sgm.gz", "reut2-001.sgm.gz", "reut2-002.sgm.gz"] {
        std::fs::copy(reuters.join(f), input.join(f)).unwrap();
    }
    let killed_db = dir.path().join("k.db");
    let mut child = Command::new(env!("CARGO_BIN_EXE_dyad"))
        .args(["ingest", "news", "--db", "k.db", "--quiet"])
        .current_dir(dir.path())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    // Kill as soon as something is committed (and before the end, or the test says it could not).
    let start = Instant::now();
    let mut killed = false;
    while start.elapsed() < Duration::from_secs(120) {
        if child.try_wait().unwrap().is_some() {
            break;
        }
        if documents(&killed_db) > 0 {
            child.kill().unwrap(); // SIGKILL
            killed = true;
            break;
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    let status = child.wait().unwrap();
    let partial = documents(&killed_db);
    assert!(
        killed,
        "the ingest finished before it could be killed ({status:?})"
    );
    eprintln!("killed with {partial} documents committed");

    let resumed = dyad(dir.path(), &["ingest", "news", "--db", "k.db"]);
    ok(&resumed);
    let full = dyad(dir.path(), &["ingest", "news", "--db", "f.db"]);
    ok(&full);
    assert_eq!(documents(&killed_db), documents(&dir.path().join("f.db")));
    let (k, f) = (raw_keys(dir.path(), "k.db"), raw_keys(dir.path(), "f.db"));
    assert!(!f.is_empty());
    assert_eq!(k.len(), f.len(), "raw events after resume vs uninterrupted");
    assert!(
        k == f,
        "the resumed store's events differ from the uninterrupted run's"
    );
    // A third run adds nothing.
    let again = dyad(dir.path(), &["ingest", "news", "--db", "k.db"]);
    let msg = String::from_utf8_lossy(&again.stderr).to_string();
    assert!(msg.contains(" 0 documents added"), "{msg}");
    // The interrupted run is listed as such.
    let runs = ok(&dyad(dir.path(), &["runs", "--db", "k.db"]));
    assert!(runs.contains("unfinished"), "{runs}");
}

#[test]
fn ingest_export_recode_runs_from_the_command_line() {
    let dir = tempfile::tempdir().unwrap();
    let examples: PathBuf = Path::new(REPO).join("examples");
    let ex = examples.to_str().unwrap();
    let out = dyad(dir.path(), &["ingest", ex]);
    ok(&out);
    assert!(dir.path().join("dyad.db").exists(), "default store file");
    let merged = ok(&dyad(dir.path(), &["export"]));
    let raw = ok(&dyad(dir.path(), &["export", "--raw"]));
    assert!(!merged.is_empty() && merged.lines().count() <= raw.lines().count());
    // The raw export's records are `dyad code`'s, record for record, with the store's fields added.
    let coded = ok(&dyad(dir.path(), &["code", ex]));
    let strip = |l: &str| {
        let mut v: serde_json::Value = serde_json::from_str(l).unwrap();
        v.as_object_mut().unwrap().remove("event_id");
        v.as_object_mut().unwrap().remove("story");
        v
    };
    let a: Vec<_> = raw.lines().map(strip).collect();
    let b: Vec<serde_json::Value> = coded
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(a, b);
    // Filters: a bad date or root is refused by name.
    let bad = dyad(dir.path(), &["export", "--since", "2024-13-01"]);
    assert!(!bad.status.success());
    assert!(String::from_utf8_lossy(&bad.stderr).contains("2024-13-01"));
    let bad = dyad(dir.path(), &["export", "--root", "21"]);
    assert!(!bad.status.success());
    // Re-code with an added verb file: a new run, listed with its changes per root.
    let verbs = dir.path().join("more.verbs.txt");
    std::fs::write(&verbs, "--- DEMAND   [100] ---\nSAY\nAGREE\n").unwrap();
    let out = dyad(dir.path(), &["recode", "--verbs", verbs.to_str().unwrap()]);
    let table = ok(&out);
    assert!(table.contains("root"), "{table}");
    let runs = ok(&dyad(dir.path(), &["runs"]));
    assert!(
        runs.contains("run 2 recode (generation 2, current)"),
        "{runs}"
    );
    // The first generation is still there.
    let old = ok(&dyad(dir.path(), &["export", "--raw", "--generation", "1"]));
    assert_eq!(old, raw);
    // A missing store for export is an error naming it; ingest into a directory that is not there too.
    let out = dyad(dir.path(), &["export", "--db", "missing.db"]);
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("missing.db"));
    let out = dyad(dir.path(), &["ingest", ex, "--db", "no/such/dir/x.db"]);
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("x.db"));
}
