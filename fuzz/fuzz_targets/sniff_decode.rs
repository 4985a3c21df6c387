//! Fuzzes format sniffing and decoding of arbitrary bytes: detection, charset decoding, HTTP heads, chunked
//! bodies, and the whole reader with detection on (gzip included).
#![no_main]

use dyad_ingest::{charset, http, sniff, IngestOptions, Records};
use libfuzzer_sys::fuzz_target;
use std::io::Cursor;

fuzz_target!(|data: &[u8]| {
    let _ = sniff::detect_format(data, None);
    let _ = sniff::detect_format(data, Some("page.html.gz"));
    let html = charset::decode_html(data.to_vec(), None);
    assert!(html.text.len() <= data.len() * 3 + 3);
    let _ = charset::decode_text(data.to_vec(), Some("iso-8859-1"));
    let plain = charset::decode_plain_text(data.to_vec());
    assert!(plain.text.len() <= data.len() * 3 + 3);
    let _ = sniff::judge_unlisted(data, "unnamed");
    let _ = sniff::judge_unlisted(data, "x.json");
    if let Ok(head) = http::parse_head(data) {
        assert!(head.body_start <= data.len());
        let _ = http::dechunk(&data[head.body_start..], 1 << 16);
        let _ = http::decode_content(&data[head.body_start..], "gzip", 1 << 16);
    }
    let opts = IngestOptions {
        max_record_bytes: 1 << 16,
        ..IngestOptions::default()
    };
    let mut records = Records::from_reader("fuzz.in", None, Cursor::new(data.to_vec()), &opts);
    let yielded = records.by_ref().count() as u64;
    let counts = records.counts();
    assert_eq!(counts.ok + counts.failed, yielded);
});
