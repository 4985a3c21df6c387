//! What the page's browser tests share: a store of real articles ingested as `dyad ingest` does, and the real
//! server over it on a loopback port of its own.

use dyad_ingest::{read_inputs, IngestError, IngestOptions};
use dyad_pipeline::{Pipeline, RunObserver};
use dyad_store::ingest::{ingest_records, RunInfo};
use dyad_store::Store;
use std::net::SocketAddr;
use std::path::{Path, PathBuf};

pub const REPO: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../..");

pub struct Quiet;
impl RunObserver for Quiet {
    fn input_error(&mut self, _: &IngestError) {}
}

/// A store in `dir` holding `paths`, ingested the way `dyad ingest` does it.
pub fn store_of(dir: &Path, paths: &[PathBuf]) -> PathBuf {
    let db = dir.join("page.db");
    let mut store = Store::open(&db).unwrap();
    let pipeline = Pipeline::builtin().unwrap();
    let info = RunInfo {
        binary_version: "test".into(),
        dictionaries: "built-in".into(),
        fingerprint: "page".into(),
        options: "{}".into(),
        inputs: vec![],
    };
    let mut inputs = read_inputs(paths, &IngestOptions::default());
    let counts = ingest_records(
        &mut store,
        &pipeline,
        &info,
        &mut inputs,
        &|_| {},
        &mut Quiet,
    )
    .unwrap();
    assert!(counts.events_added > 0, "{counts:?}");
    db
}

/// The real server over a store, on a loopback port of its own, stopped on drop.
pub struct Server {
    pub addr: SocketAddr,
    stop: Option<tokio::sync::oneshot::Sender<()>>,
    thread: Option<std::thread::JoinHandle<()>>,
}

impl Server {
    pub fn start(db: PathBuf) -> Server {
        let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        listener.set_nonblocking(true).unwrap();
        let addr = listener.local_addr().unwrap();
        let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
        let thread = std::thread::spawn(move || {
            let runtime = tokio::runtime::Builder::new_multi_thread()
                .worker_threads(2)
                .enable_all()
                .build()
                .unwrap();
            runtime.block_on(async move {
                let listener = tokio::net::TcpListener::from_std(listener).unwrap();
                dyad_server::serve(listener, db, async {
                    let _ = stopped.await;
                })
                .await
                .unwrap();
            });
        });
        Server {
            addr,
            stop: Some(stop),
            thread: Some(thread),
        }
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
        if let Some(t) = self.thread.take() {
            let _ = t.join();
        }
    }
}

/// The bundled examples and the seed article (when ../shared has it).
pub fn articles() -> Vec<PathBuf> {
    let mut paths = vec![Path::new(REPO).join("examples")];
    let seed = Path::new(REPO).join("../shared/examples/seed-article.txt");
    if seed.exists() {
        paths.push(seed);
    } else {
        eprintln!("note: {} absent; the examples alone", seed.display());
    }
    paths
}
