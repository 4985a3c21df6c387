//! Fuzzes dyad-ingest's Reuters-21578 SGML reader: the streaming story scanner (tags split across reads, stray and
//! missing closing tags, oversized stories), story parsing and entity decoding, and the story → record path with
//! the format forced and sniffed (gzip looked through).
#![no_main]

use dyad_ingest::reuters::{ReutersReader, STORY_OPEN};
use dyad_ingest::{IngestOptions, Records};
use dyad_model::InputFormat;
use libfuzzer_sys::fuzz_target;
use std::io::{BufReader, Cursor};

/// Small enough that the fuzzer reaches the too-large path.
const MAX_RECORD_BYTES: u64 = 4096;

fuzz_target!(|data: &[u8]| {
    // A tiny read buffer makes every tag span reads; the stories must be those read with a large one.
    let small = BufReader::with_capacity(7, Cursor::new(data.to_vec()));
    let stories: Vec<_> = ReutersReader::new(small, "fuzz.sgm", MAX_RECORD_BYTES)
        .map(|r| r.map_err(|e| e.to_string()))
        .collect();
    let large: Vec<_> =
        ReutersReader::new(Cursor::new(data.to_vec()), "fuzz.sgm", MAX_RECORD_BYTES)
            .map(|r| r.map_err(|e| e.to_string()))
            .collect();
    assert_eq!(stories, large);
    for story in stories.iter().flatten() {
        let at = story.byte_offset as usize;
        assert!(data[at..].starts_with(STORY_OPEN));
        let _ = story.text();
    }
    for format in [Some(InputFormat::Reuters), None] {
        let opts = IngestOptions {
            format,
            max_record_bytes: MAX_RECORD_BYTES,
            ..IngestOptions::default()
        };
        let mut records = Records::from_reader(
            "fuzz.sgm",
            Some("fuzz.sgm"),
            Cursor::new(data.to_vec()),
            &opts,
        );
        let yielded = records.by_ref().count() as u64;
        let counts = records.counts();
        assert_eq!(counts.ok + counts.failed, yielded);
    }
});
