//! Fuzzes the plain-text path end to end through the pipeline library: boilerplate cleaning, sentence splitting,
//! event coding with dyad's own dictionaries, and the event records. Every span an event carries must lie on
//! character boundaries of the document text, and `explain` must give the very events `process` gives.
#![no_main]

use dyad_ingest::{ContentKind, RawRecord, RecordHints};
use dyad_model::Provenance;
use dyad_pipeline::Pipeline;
use libfuzzer_sys::fuzz_target;
use std::sync::OnceLock;

fn pipeline() -> &'static Pipeline {
    static PIPELINE: OnceLock<Pipeline> = OnceLock::new();
    PIPELINE.get_or_init(|| Pipeline::builtin().expect("built-in dictionaries"))
}

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let record = RawRecord {
        provenance: Provenance::default(),
        kind: ContentKind::Text,
        content: text.to_string(),
        hints: RecordHints::default(),
    };
    let doc = pipeline().process(record.clone());
    for event in &doc.events {
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
    let mut out = Vec::new();
    pipeline()
        .write_events(&doc, &mut out)
        .expect("writing to memory");
    assert_eq!(
        pipeline().explain(record).document,
        doc,
        "explain differs from process"
    );
});
