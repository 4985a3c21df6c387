//! Fuzzes the JSONL reader: bounded lines, UTF-8 checks and legacy-encoding decoding, JSON parsing and field
//! lookup.
#![no_main]

use dyad_ingest::{IngestOptions, JsonlFields, Records};
use dyad_model::InputFormat;
use libfuzzer_sys::fuzz_target;
use std::io::Cursor;

fuzz_target!(|data: &[u8]| {
    let opts = IngestOptions {
        format: Some(InputFormat::Jsonl),
        max_record_bytes: 4096,
        jsonl: JsonlFields {
            title: vec!["title".into(), "meta.title".into()],
            ..JsonlFields::default()
        },
        ..IngestOptions::default()
    };
    let mut records = Records::from_reader("fuzz.jsonl", None, Cursor::new(data.to_vec()), &opts);
    let yielded = records.by_ref().count() as u64;
    let counts = records.counts();
    assert_eq!(counts.ok + counts.failed, yielded);
});
