//! Fuzzes the WARC container reader and the WARC → article path (HTTP split, chunked, content-encoding, charset).
#![no_main]

use dyad_ingest::warc::WarcReader;
use dyad_ingest::{IngestOptions, Records};
use dyad_model::InputFormat;
use libfuzzer_sys::fuzz_target;
use std::io::Cursor;

/// Small enough that the fuzzer reaches the too-large paths.
const MAX_RECORD_BYTES: u64 = 4096;

fuzz_target!(|data: &[u8]| {
    for record in
        WarcReader::new(Cursor::new(data.to_vec()), "fuzz.warc", MAX_RECORD_BYTES).flatten()
    {
        assert!((record.offset as usize) < data.len());
    }
    let opts = IngestOptions {
        format: Some(InputFormat::Warc),
        max_record_bytes: MAX_RECORD_BYTES,
        ..IngestOptions::default()
    };
    let mut records = Records::from_reader("fuzz.warc", None, Cursor::new(data.to_vec()), &opts);
    let yielded = records.by_ref().count() as u64;
    let counts = records.counts();
    assert_eq!(counts.ok + counts.failed, yielded);
});
