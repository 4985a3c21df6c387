//! Property tests: no reader panics on arbitrary or mutated bytes (plain and gzipped, every format), counts agree
//! with what is yielded, and WARC and JSONL round-trip.

use dyad_ingest::warc::{write_record, WarcReader};
use dyad_ingest::{ContentKind, IngestOptions, Records};
use dyad_model::InputFormat;
use flate2::{write::GzEncoder, Compression};
use proptest::prelude::*;
use std::io::{Cursor, Write};

const FORMATS: [Option<InputFormat>; 5] = [
    None,
    Some(InputFormat::Text),
    Some(InputFormat::Html),
    Some(InputFormat::Jsonl),
    Some(InputFormat::Warc),
];

fn gzip(bytes: &[u8]) -> Vec<u8> {
    let mut gz = GzEncoder::new(Vec::new(), Compression::fast());
    gz.write_all(bytes).unwrap();
    gz.finish().unwrap()
}

/// Reads `bytes` in every format with a small record limit; checks counts and error paths.
fn read_every_way(bytes: &[u8]) {
    for format in FORMATS {
        let opts = IngestOptions {
            format,
            max_record_bytes: 2048,
            ..IngestOptions::default()
        };
        let mut records = Records::from_reader("prop.in", None, Cursor::new(bytes.to_vec()), &opts);
        let mut yielded = (0u64, 0u64);
        for r in records.by_ref() {
            match r {
                Ok(rec) => {
                    yielded.0 += 1;
                    assert_eq!(rec.provenance.path, "prop.in");
                }
                Err(e) => {
                    yielded.1 += 1;
                    assert_eq!(e.path(), "prop.in");
                    assert!(e.to_string().starts_with("prop.in: "));
                }
            }
        }
        let counts = records.counts();
        assert_eq!((counts.ok, counts.failed), yielded);
    }
}

/// A generated record: WARC-Type, extra headers, block.
type GeneratedRecord = (String, Vec<(String, String)>, Vec<u8>);

fn record_strategy() -> impl Strategy<Value = GeneratedRecord> {
    let kind = prop::sample::select(vec![
        "response", "request", "resource", "metadata", "warcinfo",
    ]);
    let header = ("X-[A-Za-z-]{1,16}", "[!-~]([ -~]{0,30}[!-~])?");
    (
        kind,
        prop::collection::vec(header, 0..5),
        prop::collection::vec(any::<u8>(), 0..600),
    )
        .prop_map(|(k, h, b)| (k.to_string(), h, b))
}

fn write_warc(records: &[GeneratedRecord]) -> Vec<u8> {
    let mut out = Vec::new();
    for (kind, headers, body) in records {
        let mut all: Vec<(&str, &str)> = vec![("WARC-Type", kind)];
        all.extend(headers.iter().map(|(k, v)| (k.as_str(), v.as_str())));
        write_record(&mut out, &all, body).unwrap();
    }
    out
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    #[test]
    fn arbitrary_bytes_never_panic(bytes in prop::collection::vec(any::<u8>(), 0..3000)) {
        read_every_way(&bytes);
        read_every_way(&gzip(&bytes));
    }

    #[test]
    fn texty_bytes_never_panic(text in "[\\PC\\n\\r{}\":<>/WARC1. ]{0,800}") {
        read_every_way(text.as_bytes());
    }

    #[test]
    fn warc_round_trips(records in prop::collection::vec(record_strategy(), 0..8)) {
        let bytes = write_warc(&records);
        let read: Vec<_> = WarcReader::new(Cursor::new(bytes.clone()), "rt.warc", 1 << 20)
            .collect::<Result<_, _>>()
            .map_err(|e| TestCaseError::fail(e.to_string()))?;
        prop_assert_eq!(read.len(), records.len());
        for (i, (got, (kind, headers, body))) in read.iter().zip(&records).enumerate() {
            prop_assert_eq!(got.index, i as u64);
            prop_assert!(bytes[got.offset as usize..].starts_with(b"WARC/1.1\r\n"));
            prop_assert_eq!(got.record_type(), Some(kind.as_str()));
            prop_assert_eq!(&got.headers[1..headers.len() + 1], &headers[..]);
            prop_assert_eq!(got.body.as_deref(), Some(&body[..]));
        }
    }

    #[test]
    fn mutated_warc_never_panics_and_keeps_untouched_records(
        records in prop::collection::vec(record_strategy(), 1..6),
        cut in any::<prop::sample::Index>(),
        flips in prop::collection::vec((any::<prop::sample::Index>(), any::<u8>()), 0..6),
    ) {
        let mut bytes = write_warc(&records);
        for (at, b) in flips {
            let i = at.index(bytes.len());
            bytes[i] = b;
        }
        let keep = cut.index(bytes.len() + 1);
        bytes.truncate(keep);
        read_every_way(&bytes);
        read_every_way(&gzip(&bytes));
        // The raw reader also never panics and its offsets stay inside the input.
        for rec in WarcReader::new(Cursor::new(bytes.clone()), "m.warc", 1 << 20).flatten() {
            prop_assert!((rec.offset as usize) < bytes.len());
        }
    }

    #[test]
    fn html_responses_round_trip_through_records(pages in prop::collection::vec("[ -~\\n]{0,200}[a-z]", 1..6)) {
        let mut bytes = Vec::new();
        for (i, page) in pages.iter().enumerate() {
            let html = format!("<html><body><p>{page}</p></body></html>");
            let http = format!("HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n\r\n{html}");
            let uri = format!("https://example.org/{i}");
            write_record(&mut bytes, &[("WARC-Type", "response"), ("WARC-Target-URI", &uri),
                ("Content-Type", "application/http; msgtype=response")], http.as_bytes()).unwrap();
        }
        let gz = gzip(&bytes);
        let recs: Vec<_> = Records::from_reader("p.warc.gz", None, Cursor::new(gz), &IngestOptions::default())
            .collect::<Result<_, _>>()
            .map_err(|e| TestCaseError::fail(e.to_string()))?;
        prop_assert_eq!(recs.len(), pages.len());
        for (i, (r, page)) in recs.iter().zip(&pages).enumerate() {
            prop_assert_eq!(r.kind, ContentKind::Html);
            prop_assert_eq!(&r.content, &format!("<html><body><p>{page}</p></body></html>"));
            let uri = format!("https://example.org/{i}");
            prop_assert_eq!(r.hints.url.as_deref(), Some(uri.as_str()));
        }
    }

    #[test]
    fn jsonl_round_trips(texts in prop::collection::vec("\\PC*[^\\s]\\PC*", 1..10)) {
        let mut bytes = Vec::new();
        for t in &texts {
            bytes.extend(serde_json::json!({"text": t}).to_string().into_bytes());
            bytes.push(b'\n');
        }
        let recs: Vec<_> = Records::from_reader("p.jsonl", Some("p.jsonl"), Cursor::new(bytes), &IngestOptions::default())
            .collect::<Result<_, _>>()
            .map_err(|e| TestCaseError::fail(e.to_string()))?;
        let got: Vec<&str> = recs.iter().map(|r| r.content.as_str()).collect();
        let want: Vec<&str> = texts.iter().map(String::as_str).collect();
        prop_assert_eq!(got, want);
    }
}
