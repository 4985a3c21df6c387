//! The published schema: the committed copy is what the code generates, and real output validates against it.

use dyad_ingest::{read_inputs, IngestOptions};
use dyad_pipeline::{records, Pipeline, RecordSettings};
use std::path::PathBuf;

const REPO: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../..");
const SHARED: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../../shared");

fn committed_schema() -> serde_json::Value {
    let path = format!("{REPO}/schema/dyad-records.schema.json");
    let text = std::fs::read_to_string(&path).expect("the committed schema");
    serde_json::from_str(&text).expect("the committed schema is JSON")
}

#[test]
fn the_committed_schema_is_the_generated_one() {
    assert!(
        committed_schema() == records::json_schema(),
        "schema/dyad-records.schema.json is stale: run `cargo run -q -- schema > schema/dyad-records.schema.json`"
    );
}

/// Every line a pipeline writes for the bundled examples, the seed article and a Reuters file.
fn written_lines(settings: RecordSettings) -> (Vec<serde_json::Value>, Vec<serde_json::Value>) {
    let pipeline = Pipeline::builtin()
        .expect("built-in dictionaries")
        .with_record_settings(settings);
    let inputs: Vec<PathBuf> = vec![
        format!("{REPO}/examples").into(),
        format!("{SHARED}/examples/seed-article.txt").into(),
    ];
    let (mut events, mut documents) = (Vec::new(), Vec::new());
    for record in read_inputs(&inputs, &IngestOptions::default()) {
        let doc = pipeline.process(record.expect("the examples read"));
        let (mut ev, mut dv) = (Vec::new(), Vec::new());
        pipeline.write_events(&doc, &mut ev).expect("write");
        pipeline.write_document(&doc, &mut dv).expect("write");
        for (buf, out) in [(ev, &mut events), (dv, &mut documents)] {
            for line in String::from_utf8(buf).expect("UTF-8").lines() {
                out.push(serde_json::from_str(line).expect("each line is JSON"));
            }
        }
    }
    (events, documents)
}

#[test]
fn real_output_validates_against_the_schema() {
    let schema = committed_schema();
    let validator = jsonschema::validator_for(&schema).expect("a valid JSON Schema");
    let (events, documents) = written_lines(RecordSettings {
        source_map: true,
        ..RecordSettings::default()
    });
    assert!(events.len() >= 10, "only {} events", events.len());
    assert_eq!(documents.len(), 6);
    for record in events.iter().chain(&documents) {
        if let Err(e) = validator.validate(record) {
            panic!("{e} in {record}");
        }
        assert_eq!(record["schema_version"], records::SCHEMA_VERSION);
    }
    // The schema is not vacuous: a record with a misspelt field, or a span that is not a span, fails.
    let mut wrong = events[0].clone();
    wrong["cameo_code"] = wrong["cameo"].take();
    assert!(!validator.is_valid(&wrong));
    let mut wrong = events[0].clone();
    wrong["evidence"]["verb"] = serde_json::json!("attacked");
    assert!(!validator.is_valid(&wrong));
}

#[test]
fn long_sentences_are_cut_around_the_evidence() {
    let pipeline = Pipeline::builtin()
        .expect("dictionaries")
        .with_record_settings(RecordSettings {
            max_sentence_text_bytes: 60,
            ..RecordSettings::default()
        });
    let filler = "in a long and winding statement that went on ".repeat(5);
    let doc = pipeline.process_text(&format!("Russia warned Iran {filler}about the talks."));
    assert!(!doc.events.is_empty());
    let mut out = Vec::new();
    pipeline.write_events(&doc, &mut out).expect("write");
    let record: serde_json::Value =
        serde_json::from_str(String::from_utf8(out).unwrap().lines().next().unwrap()).unwrap();
    let text = record["sentence_text"].as_str().unwrap();
    assert!(text.len() <= 60 && text.contains("warned"), "{text:?}");
    assert_eq!(record["sentence_text_truncated"], true);
}
