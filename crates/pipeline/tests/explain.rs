//! `explain` shows the very events `process` gives: same coding path, same story context, same order.

use dyad_ingest::{ContentKind, RawRecord, RecordHints};
use dyad_model::Provenance;
use dyad_pipeline::Pipeline;

/// Stories whose later sentences depend on earlier ones: pronouns, "the minister" (TABARI FORWARD), compounds.
const STORIES: &[&str] = &[
    "Syrian troops attacked rebels near Daraa on Monday.\nThey also shelled the town of Nawa.\nIsrael condemned \
     Iran on Tuesday. It also accused Hezbollah of smuggling weapons.\n",
    "Russia and China vetoed the resolution on Syria.\n\nThey also criticized France and Britain for the strikes.",
    "The Israeli prime minister met Egyptian President Hosni Mubarak in Cairo on Sunday. The minister later \
     accused Syria of arming Hezbollah. He also praised Jordan.",
    "Senior Hungarian and Romanian officials agreed to resume talks. They later signed a treaty with Austria.",
    "North Korea fired two missiles into the sea. Japan and South Korea condemned the launch. Pyongyang said it \
     would continue.",
];

fn record(text: &str, i: usize) -> RawRecord {
    RawRecord {
        provenance: Provenance {
            path: format!("story-{i}.txt"),
            ..Provenance::default()
        },
        kind: ContentKind::Text,
        content: text.to_string(),
        hints: RecordHints {
            date: Some("2018-05-29".into()),
            ..RecordHints::default()
        },
    }
}

#[test]
fn explain_gives_the_events_process_gives() {
    let pipeline = Pipeline::builtin().expect("built-in dictionaries");
    let mut from_context = 0;
    for (i, text) in STORIES.iter().enumerate() {
        let coded = pipeline.process(record(text, i));
        let explained = pipeline.explain(record(text, i));
        assert_eq!(coded, explained.document, "story {i}");
        assert_eq!(explained.traces.len(), coded.sentences.len());
        let rendered = explained.render();
        for e in &coded.events {
            let target = if e.target.is_empty() {
                "---"
            } else {
                &e.target
            };
            let line = format!("{} / {} / {}", e.source, target, e.cameo);
            assert!(
                rendered.contains(&line),
                "story {i}: {line} not in\n{rendered}"
            );
            // An event whose source is not named in its own sentence came from the story context.
            let sentence = coded.slice(coded.sentences[e.sentence as usize].span);
            if e.evidence.source.is_some_and(|s| {
                let w = coded.slice(s).to_lowercase();
                ["they", "it", "he", "the minister"].contains(&w.as_str())
            }) {
                from_context += 1;
                assert!(sentence.len() < text.len());
            }
        }
        // Every sentence with no event says why.
        for (s, trace) in explained.traces.iter().enumerate() {
            let has_event = coded.events.iter().any(|e| e.sentence as usize == s);
            assert_eq!(
                trace.contains("no event:"),
                !has_event,
                "story {i} sentence {s}:\n{trace}"
            );
        }
    }
    assert!(
        from_context >= 3,
        "only {from_context} events came from story context"
    );
}

#[test]
fn a_sentence_explained_alone_matches_its_coding_alone() {
    let pipeline = Pipeline::builtin().expect("built-in dictionaries");
    let coder = pipeline.coder().expect("a coder");
    for text in [
        "Russia warned Iran on Tuesday.",
        "Turkey and Greece signed an accord with Bulgaria.",
    ] {
        let events = coder.code_sentence(text, Some("2018-05-29"));
        let trace = coder.explain(text, Some("2018-05-29"));
        assert!(!events.is_empty());
        for e in events {
            assert!(
                trace.contains(&format!("event: {} / ", e.source)),
                "{trace}"
            );
        }
    }
}
