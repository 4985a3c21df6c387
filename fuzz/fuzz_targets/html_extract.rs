//! Fuzzes HTML main-content extraction, then document assembly and sentence splitting of what it found.
#![no_main]

use dyad_ingest::RecordHints;
use dyad_model::Provenance;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let html = String::from_utf8_lossy(data);
    let page = dyad_html::extract(&html);
    let mut doc = dyad_clean::from_extracted(page, Provenance::default(), &RecordHints::default());
    dyad_sentences::split(&mut doc);
    for s in &doc.sentences {
        assert!(
            doc.text.get(s.span.range()).is_some(),
            "sentence span off a char boundary"
        );
    }
});
