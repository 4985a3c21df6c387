//! Fuzzes date recognition and resolution: any bytes as a sentence, resolved against a publication date; every
//! mention must lie on character boundaries, in order, not overlapping.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Err(v) = dyad_dates::fuzz_sentence(data) {
        panic!("date mention breaks an invariant: {v:?}");
    }
});
