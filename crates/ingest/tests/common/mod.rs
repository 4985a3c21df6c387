//! Test fixtures built at test time from the real pages in ../shared/data: WARC and JSONL files, scratch folders.
//!
//! Nothing here is copied into the repo; pages are read in place and wrapped in containers written by hand with
//! correct lengths, so the readers are tested on real bytes in real container layouts.
#![allow(dead_code)]

use flate2::{write::GzEncoder, Compression};
use std::io::{Read, Write};
use std::path::{Path, PathBuf};

pub const SHARED: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../../shared");

pub fn shared(rel: &str) -> PathBuf {
    Path::new(SHARED).join(rel)
}

/// A real page from extraction-dev: its raw bytes and the URL ground truth gives for it.
#[derive(Clone)]
pub struct Page {
    pub set: String,
    pub id: String,
    pub url: String,
    pub bytes: Vec<u8>,
}

pub fn gunzip(bytes: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    flate2::read::MultiGzDecoder::new(bytes)
        .read_to_end(&mut out)
        .expect("fixture gunzips");
    out
}

pub fn gzip(bytes: &[u8]) -> Vec<u8> {
    let mut gz = GzEncoder::new(Vec::new(), Compression::fast());
    gz.write_all(bytes).unwrap();
    gz.finish().unwrap()
}

/// Every page of one extraction-dev set, in id order, with its ground-truth URL.
pub fn pages(set: &str) -> Vec<Page> {
    let dir = shared(&format!("data/extraction-dev/{set}"));
    let truth: serde_json::Value = serde_json::from_slice(
        &std::fs::read(dir.join("ground-truth.json")).expect("ground truth"),
    )
    .unwrap();
    let truth = truth.as_object().expect("ground truth is an object");
    let mut ids: Vec<&String> = truth.keys().collect();
    ids.sort();
    ids.into_iter()
        .map(|id| Page {
            set: set.to_string(),
            id: id.clone(),
            url: truth[id]["url"].as_str().unwrap_or("").to_string(),
            bytes: gunzip(
                &std::fs::read(dir.join(format!("html/{id}.html.gz"))).expect("page file"),
            ),
        })
        .collect()
}

/// Ground truth of one set, as JSON.
pub fn ground_truth(set: &str) -> serde_json::Value {
    let p = shared(&format!("data/extraction-dev/{set}/ground-truth.json"));
    serde_json::from_slice(&std::fs::read(p).unwrap()).unwrap()
}

/// An HTTP/1.1 response message.
pub fn http_response(status: &str, headers: &[(&str, &str)], body: &[u8]) -> Vec<u8> {
    let mut out = format!("HTTP/1.1 {status}\r\n").into_bytes();
    for (k, v) in headers {
        out.extend_from_slice(format!("{k}: {v}\r\n").as_bytes());
    }
    out.extend_from_slice(b"\r\n");
    out.extend_from_slice(body);
    out
}

/// `body` in chunked transfer-encoding, in chunks of `size` bytes.
pub fn chunked(body: &[u8], size: usize) -> Vec<u8> {
    let mut out = Vec::new();
    for chunk in body.chunks(size) {
        out.extend_from_slice(format!("{:x}\r\n", chunk.len()).as_bytes());
        out.extend_from_slice(chunk);
        out.extend_from_slice(b"\r\n");
    }
    out.extend_from_slice(b"0\r\n\r\n");
    out
}

/// One WARC record by hand: version line, headers, Content-Length, CRLF, block, CRLF CRLF.
pub fn warc_record(version: &str, headers: &[(&str, &str)], block: &[u8]) -> Vec<u8> {
    let mut out = format!("{version}\r\n").into_bytes();
    for (k, v) in headers {
        out.extend_from_slice(format!("{k}: {v}\r\n").as_bytes());
    }
    out.extend_from_slice(format!("Content-Length: {}\r\n\r\n", block.len()).as_bytes());
    out.extend_from_slice(block);
    out.extend_from_slice(b"\r\n\r\n");
    out
}

/// What a crawl WARC built by [`crawl_warc`] should read as.
pub struct CrawlExpectation {
    /// Per article record, in order: (record index, page or None for the synthetic text resource, expected url).
    pub articles: Vec<(u64, Option<usize>, String)>,
    pub not_response: u64,
    pub content_type: u64,
    pub http_status: u64,
    /// Record ids and dates in article order.
    pub ids: Vec<String>,
    pub dates: Vec<String>,
}

/// A WARC/1.1 crawl of `pages` as a crawler writes it: warcinfo, then per page a request and a response (every
/// third page chunked and gzip content-encoded), a metadata record every fifth page, plus a redirect, an image, a
/// JSON response and a plain-text resource. Returns the records (one `Vec` each, for per-member gzip) and what the
/// reader should make of them.
pub fn crawl_warc(pages: &[Page]) -> (Vec<Vec<u8>>, CrawlExpectation) {
    let mut records = Vec::new();
    let mut exp = CrawlExpectation {
        articles: Vec::new(),
        not_response: 0,
        content_type: 0,
        http_status: 0,
        ids: Vec::new(),
        dates: Vec::new(),
    };
    let info = b"software: dyad-ingest tests\r\nformat: WARC File Format 1.1\r\n";
    records.push(warc_record(
        "WARC/1.1",
        &[
            ("WARC-Type", "warcinfo"),
            (
                "WARC-Record-ID",
                "<urn:uuid:00000000-0000-4000-8000-000000000000>",
            ),
            ("WARC-Date", "2024-05-01T10:00:00Z"),
            ("Content-Type", "application/warc-fields"),
        ],
        info,
    ));
    exp.not_response += 1;
    for (i, page) in pages.iter().enumerate() {
        let date = format!("2024-05-01T10:{:02}:{:02}Z", (i / 60) % 60, i % 60);
        let request = "GET / HTTP/1.1\r\nHost: example\r\nUser-Agent: dyad-test\r\n\r\n";
        records.push(warc_record(
            "WARC/1.1",
            &[
                ("WARC-Type", "request"),
                ("WARC-Target-URI", &page.url),
                ("WARC-Date", &date),
                ("WARC-Record-ID", &format!("<urn:uuid:req-{i:08}>")),
                ("Content-Type", "application/http; msgtype=request"),
            ],
            request.as_bytes(),
        ));
        exp.not_response += 1;
        let http = if i % 3 == 2 {
            http_response(
                "200 OK",
                &[
                    ("Content-Type", "text/html"),
                    ("Transfer-Encoding", "chunked"),
                    ("Content-Encoding", "gzip"),
                ],
                &chunked(&gzip(&page.bytes), 4000),
            )
        } else {
            http_response(
                "200 OK",
                &[
                    ("Content-Type", "text/html"),
                    ("Content-Length", &page.bytes.len().to_string()),
                ],
                &page.bytes,
            )
        };
        let id = format!("urn:uuid:resp-{i:08}");
        exp.articles
            .push((records.len() as u64, Some(i), page.url.clone()));
        exp.ids.push(id.clone());
        exp.dates.push(date.clone());
        records.push(warc_record(
            "WARC/1.1",
            &[
                ("WARC-Type", "response"),
                ("WARC-Target-URI", &page.url),
                ("WARC-Date", &date),
                ("WARC-Record-ID", &format!("<{id}>")),
                ("Content-Type", "application/http; msgtype=response"),
            ],
            &http,
        ));
        if i % 5 == 0 {
            records.push(warc_record(
                "WARC/1.1",
                &[
                    ("WARC-Type", "metadata"),
                    ("WARC-Target-URI", &page.url),
                    ("Content-Type", "application/warc-fields"),
                ],
                b"fetchTimeMs: 120\r\n",
            ));
            exp.not_response += 1;
        }
    }
    let png = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x01\0\0\0\x01\x08\x06\0\0\0\x1f\x15\xc4\x89";
    for (status, ctype, body) in [
        (
            "301 Moved Permanently",
            "text/html",
            &b"<html><body>Moved</body></html>"[..],
        ),
        ("200 OK", "image/png", &png[..]),
        (
            "200 OK",
            "application/json; charset=utf-8",
            &b"{\"ok\": true}"[..],
        ),
    ] {
        let http = http_response(status, &[("Content-Type", ctype)], body);
        records.push(warc_record(
            "WARC/1.1",
            &[
                ("WARC-Type", "response"),
                ("WARC-Target-URI", "https://example.org/other"),
                ("WARC-Date", "2024-05-01T11:00:00Z"),
                ("Content-Type", "application/http; msgtype=response"),
            ],
            &http,
        ));
    }
    exp.http_status += 1;
    exp.content_type += 2;
    let seed = std::fs::read(shared("examples/seed-article.txt")).unwrap();
    exp.articles.push((
        records.len() as u64,
        None,
        "file:///seed-article.txt".into(),
    ));
    exp.ids.push("urn:uuid:seed".into());
    exp.dates.push("2024-05-01T12:00:00Z".into());
    records.push(warc_record(
        "WARC/1.0",
        &[
            ("WARC-Type", "resource"),
            ("WARC-Target-URI", "<file:///seed-article.txt>"),
            ("WARC-Date", "2024-05-01T12:00:00Z"),
            ("WARC-Record-ID", "<urn:uuid:seed>"),
            ("Content-Type", "text/plain; charset=utf-8"),
        ],
        &seed,
    ));
    (records, exp)
}

/// A scratch folder removed when dropped.
pub struct Scratch(pub PathBuf);

impl Scratch {
    pub fn new(name: &str) -> Scratch {
        let dir = std::env::temp_dir().join(format!("dyad-ingest-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        Scratch(dir)
    }

    pub fn write(&self, rel: &str, bytes: &[u8]) -> PathBuf {
        let p = self.0.join(rel);
        if let Some(parent) = p.parent() {
            std::fs::create_dir_all(parent).unwrap();
        }
        std::fs::write(&p, bytes).unwrap();
        p
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}
