//! Fuzzes the TABARI and PETRARCH suite readers: no input may panic, and every error must name a line of the
//! input.
#![no_main]

use dyad_eval::suite::{parse_petrarch_records, parse_tabari_records, SuiteError};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    // Suite files are read as Latin-1 where they are not UTF-8; do the same.
    let text: String = match std::str::from_utf8(data) {
        Ok(s) => s.to_string(),
        Err(_) => data.iter().map(|&b| b as char).collect(),
    };
    let lines = text.lines().count().max(1) + 1;
    for result in [
        parse_tabari_records(&text, "fuzz"),
        parse_petrarch_records(&text, "fuzz"),
    ] {
        match result {
            Ok(records) => {
                for r in records {
                    assert!(r.line >= 1 && r.line <= lines);
                }
            }
            Err(SuiteError::Format { line, .. }) => assert!(line <= lines),
            Err(SuiteError::Io { .. }) => unreachable!("no I/O on text"),
        }
    }
});
