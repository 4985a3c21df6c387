//! Fuzzes the plain-text path end to end: boilerplate cleaning, sentence splitting and event coding with dyad's
//! own dictionaries. Every span an event carries must lie on character boundaries of the document text.
#![no_main]

use dyad_coding::Coder;
use dyad_dict::Dictionaries;
use dyad_ingest::RecordHints;
use dyad_model::Provenance;
use libfuzzer_sys::fuzz_target;
use std::sync::OnceLock;

fn coder() -> &'static Coder {
    static CODER: OnceLock<Coder> = OnceLock::new();
    CODER.get_or_init(|| Coder::new(&Dictionaries::builtin().0))
}

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let mut doc = dyad_clean::from_text(text, Provenance::default(), &RecordHints::default());
    dyad_sentences::split(&mut doc);
    for event in coder().code_document(&doc) {
        for span in [
            event.evidence.source,
            event.evidence.verb,
            event.evidence.target,
        ]
        .into_iter()
        .flatten()
        {
            assert!(
                doc.text.get(span.range()).is_some(),
                "evidence span off a char boundary"
            );
        }
    }
});
