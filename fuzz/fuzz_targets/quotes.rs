//! Fuzzes quote and attribution finding: any bytes as a document's text with its sentences; every span (speaker,
//! cue, content, outlet) must lie on character boundaries inside the text.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    dyad_quotes::fuzz_attributions(data);
});
