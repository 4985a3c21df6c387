//! Fuzzes the CAMEO table parser and code lookups: no input may panic.
#![no_main]

use dyad_dict::cameo::{normalize_code, CameoTable};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let _ = CameoTable::parse(text, "fuzz");
    for code in text.split_whitespace().take(64) {
        let _ = normalize_code(code);
        let _ = CameoTable::builtin().nearest(code);
    }
});
