//! Throughput of the WARC reader on real pages: every extraction-dev page (scrapinghub, trafilatura, newspaper4k)
//! wrapped in a request + response WARC crawl, read plain and as a member-per-record .warc.gz; the same pages as a
//! JSONL file (one `html` field per line); and the pages read one by one as .html.gz files. Prints MB/s (of
//! uncompressed container bytes) and records/s.
//!
//! Run: `cargo run --release -p dyad-ingest --example warc_throughput [ROUNDS]`

use dyad_ingest::{discover_sources, IngestOptions, Source};
use flate2::{write::GzEncoder, Compression};
use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::time::Instant;

const SETS: [&str; 3] = ["scrapinghub", "trafilatura", "newspaper4k"];

fn data_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/data/extraction-dev")
}

fn record(out: &mut Vec<u8>, headers: &[(&str, &str)], block: &[u8]) {
    let headers: Vec<(&str, &str)> = headers.to_vec();
    dyad_ingest::warc::write_record(out, &headers, block).expect("write to memory");
}

fn gzip(bytes: &[u8]) -> Vec<u8> {
    let mut gz = GzEncoder::new(Vec::new(), Compression::fast());
    gz.write_all(bytes).expect("gzip to memory");
    gz.finish().expect("gzip to memory")
}

fn main() {
    let rounds: usize = std::env::args()
        .nth(1)
        .and_then(|a| a.parse().ok())
        .unwrap_or(3);
    let opts = IngestOptions::default();
    let mut html_files = Vec::new();
    for set in SETS {
        let dir = data_dir().join(set).join("html");
        html_files.extend(
            discover_sources(&[dir], &opts)
                .sources
                .into_iter()
                .filter_map(Result::ok),
        );
    }
    // Build the crawl: one request and one response record per page, each also gzipped as its own member.
    let mut plain = Vec::new();
    let mut members = Vec::new();
    let mut jsonl = Vec::new();
    let mut page_bytes = 0usize;
    for (i, source) in html_files.iter().enumerate() {
        let Source::File(path) = source else { continue };
        let mut page = Vec::new();
        flate2::read::MultiGzDecoder::new(std::fs::File::open(path).expect("page"))
            .read_to_end(&mut page)
            .expect("page gunzips");
        page_bytes += page.len();
        let uri = format!("https://example.org/page/{i}");
        let html = String::from_utf8_lossy(&page);
        jsonl.extend(
            serde_json::json!({"id": i, "url": uri, "html": html})
                .to_string()
                .into_bytes(),
        );
        jsonl.push(b'\n');
        let mut req = Vec::new();
        record(
            &mut req,
            &[
                ("WARC-Type", "request"),
                ("WARC-Target-URI", &uri),
                ("Content-Type", "application/http; msgtype=request"),
            ],
            b"GET / HTTP/1.1\r\nHost: example.org\r\n\r\n",
        );
        let mut http = format!(
            "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: {}\r\n\r\n",
            page.len()
        )
        .into_bytes();
        http.extend_from_slice(&page);
        let mut resp = Vec::new();
        record(
            &mut resp,
            &[
                ("WARC-Type", "response"),
                ("WARC-Target-URI", &uri),
                ("WARC-Date", "2024-05-01T10:00:00Z"),
                ("WARC-Record-ID", &format!("<urn:uuid:{i:08}>")),
                ("Content-Type", "application/http; msgtype=response"),
            ],
            &http,
        );
        members.extend(gzip(&req));
        members.extend(gzip(&resp));
        plain.extend(req);
        plain.extend(resp);
    }
    let dir = std::env::temp_dir().join(format!("dyad-warc-throughput-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let plain_path = dir.join("crawl.warc");
    let gz_path = dir.join("crawl.warc.gz");
    std::fs::write(&plain_path, &plain).expect("write warc");
    std::fs::write(&gz_path, &members).expect("write warc.gz");
    let jsonl_path = dir.join("pages.jsonl");
    std::fs::write(&jsonl_path, &jsonl).expect("write jsonl");
    let mb = plain.len() as f64 / 1e6;
    let jsonl_mb = jsonl.len() as f64 / 1e6;
    println!(
        "{} pages; WARC {:.1} MB uncompressed, {:.1} MB as .warc.gz; best of {rounds} rounds",
        html_files.len(),
        mb,
        members.len() as f64 / 1e6
    );

    for (label, path, mb) in [
        ("warc", &plain_path, mb),
        ("warc.gz", &gz_path, mb),
        ("jsonl", &jsonl_path, jsonl_mb),
    ] {
        let mut best = f64::MAX;
        let mut ok = 0;
        for _ in 0..rounds {
            let start = Instant::now();
            let mut records = Source::File(path.clone()).records(&opts);
            let mut bytes = 0usize;
            for r in records.by_ref() {
                bytes += r.map(|r| r.content.len()).unwrap_or(0);
            }
            best = best.min(start.elapsed().as_secs_f64());
            ok = records.counts().ok;
            std::hint::black_box(bytes);
        }
        println!(
            "{label:>8}: {ok} articles in {:.3} s = {:.0} MB/s, {:.0} records/s",
            best,
            mb / best,
            ok as f64 / best
        );
    }

    let mut best = f64::MAX;
    for _ in 0..rounds {
        let start = Instant::now();
        let mut n = 0;
        for source in &html_files {
            n += source.records(&opts).filter(Result::is_ok).count();
        }
        best = best.min(start.elapsed().as_secs_f64());
        std::hint::black_box(n);
    }
    println!(
        "html.gz files: {} pages in {:.3} s = {:.0} pages/s ({:.0} MB/s of page bytes)",
        html_files.len(),
        best,
        html_files.len() as f64 / best,
        page_bytes as f64 / 1e6 / best
    );
    let _ = std::fs::remove_dir_all(&dir);
}
