//! Fuzzes HTML main-content extraction, then document assembly and sentence splitting of what it found; and checks
//! that the parse extraction uses (script and style text dropped before tokenizing) builds the tree a parse keeping
//! that text builds.
#![no_main]

use dyad_ingest::RecordHints;
use dyad_model::Provenance;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let html = String::from_utf8_lossy(data);
    let dropped = dyad_html::dom::Dom::parse(&html);
    let kept = dyad_html::dom::Dom::parse_keeping_scripts(&html);
    if let Some(d) = dropped.first_difference_outside_scripts(&kept) {
        panic!("dropping script text changed the tree at {d}");
    }
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
