//! Output stays proportional to input on run-on text, and every limit hit is noted on the document.

use dyad_model::Limit;
use dyad_pipeline::{Pipeline, MAX_RUN_ON_EVENTS, RUN_ON_SENTENCE_BYTES};

/// Word salad with no sentence end: actors, verbs and conjunctions in a fixed pseudo-random order.
fn word_salad(words: usize) -> String {
    let vocab: Vec<&str> =
        "Syria army attacked rebels near the border Russia said talks with Iran police arrested \
         protesters in Jordan on Monday and officials met"
            .split(' ')
            .collect();
    let mut state: u64 = 0x9E37_79B9_7F4A_7C15;
    let mut out = String::with_capacity(words * 7);
    for i in 0..words {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        if i > 0 {
            out.push(' ');
        }
        out.push_str(vocab[(state % vocab.len() as u64) as usize]);
    }
    out
}

#[test]
fn run_on_text_gives_output_smaller_than_twice_its_size() {
    let pipeline = Pipeline::builtin().expect("dictionaries");
    let text = word_salad(60_000);
    let doc = pipeline.process_text(&text);
    let run_ons = doc
        .sentences
        .iter()
        .filter(|s| s.span.len() > RUN_ON_SENTENCE_BYTES)
        .count();
    assert!(run_ons > 100, "{run_ons} run-on pieces");
    // At most MAX_RUN_ON_EVENTS per run-on piece, and most pieces give one.
    for (i, s) in doc.sentences.iter().enumerate() {
        let n = doc
            .events
            .iter()
            .filter(|e| e.sentence as usize == i)
            .count();
        if s.span.len() > RUN_ON_SENTENCE_BYTES {
            assert!(n <= MAX_RUN_ON_EVENTS, "sentence {i}: {n} events");
        }
    }
    assert!(
        doc.events.len() >= run_ons / 2,
        "{} events",
        doc.events.len()
    );
    let mut out = Vec::new();
    pipeline.write_events(&doc, &mut out).expect("write");
    assert!(
        out.len() < 2 * text.len(),
        "{} bytes out for {} in",
        out.len(),
        text.len()
    );
    let hits: Vec<Limit> = doc.limits.iter().map(|h| h.limit).collect();
    assert!(
        hits.contains(&Limit::RunOnEvents) && hits.contains(&Limit::SentenceText),
        "{hits:?}"
    );
}

#[test]
fn real_news_hits_no_limit() {
    let pipeline = Pipeline::builtin().expect("dictionaries");
    let seed = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../../shared/examples/seed-article.txt"
    ))
    .expect("seed article");
    let doc = pipeline.process_text(&seed);
    assert!(doc.events.len() >= 9);
    assert!(doc.limits.is_empty(), "{:?}", doc.limits);
}

#[test]
fn a_document_naming_more_places_than_resolved_notes_the_limit() {
    let pipeline = Pipeline::builtin().expect("dictionaries");
    let repeats = dyad_places::MAX_MENTIONS_RESOLVED / 2 + 100;
    let text = "Russia attacked Ukraine and ".repeat(repeats);
    let doc = pipeline.process_text(&text);
    assert!(!doc.events.is_empty());
    let hit = doc
        .limits
        .iter()
        .find(|h| h.limit == Limit::PlaceMentions)
        .map(|h| h.times);
    assert_eq!(hit, Some(200), "{:?}", doc.limits);
}
