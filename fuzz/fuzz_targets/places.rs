//! Fuzzes toponym recognition and resolution over the embedded gazetteer, and the gazetteer's TSV reader on arbitrary
//! text (which must give a typed error, never a panic).
#![no_main]

use libfuzzer_sys::fuzz_target;
use std::path::Path;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    dyad_places::fuzz_geoparse(&text);
    let _ = dyad_places::Gazetteer::from_tsv(&text, Path::new("fuzz.tsv"));
});
