//! Fuzzes the Reuters-21578 SGML reader: no input may panic, and every story's offset lies inside the input.
#![no_main]

use dyad_eval::reuters::parse_reuters_sgml;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(stories) = parse_reuters_sgml(data, "fuzz") {
        for s in stories {
            assert!((s.byte_offset as usize) < data.len());
            let _ = s.text();
        }
    }
});
