//! `attributions_through(doc, last)` gives exactly the attributions of `attributions(doc)` that can hold a verb of
//! sentences `..=last` (those whose content starts there), in the same order, on the seed article and on
//! Reuters-21578 stories, for every `last`.

mod support;

use dyad_model::Document;
use dyad_quotes::{attributions, attributions_through, Attribution};

/// The attributions of `all` whose content starts in sentences `..=last`.
fn reaching(doc: &Document, all: &[Attribution], last: usize) -> Vec<Attribution> {
    let end = doc.sentences.get(last).map_or(u32::MAX, |s| s.span.end);
    all.iter()
        .filter(|a| a.content.start < end)
        .cloned()
        .collect()
}

fn check(doc: &Document, label: &str) {
    let all = attributions(doc);
    for last in 0..doc.sentences.len() {
        let through = attributions_through(doc, last);
        let want = reaching(doc, &all, last);
        let got = reaching(doc, &through, last);
        assert_eq!(got, want, "{label}: sentences ..={last}");
        // What it gives beyond them is still `attributions`' own.
        assert!(
            through.iter().all(|a| all.contains(a)),
            "{label}: ..={last}"
        );
    }
}

#[test]
fn the_seed_article_read_through_any_sentence() {
    let raw = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../../shared/examples/seed-article.txt"
    ))
    .expect("seed article");
    let mut doc = dyad_clean::from_text(
        &raw,
        dyad_model::Provenance::default(),
        &dyad_ingest::RecordHints::default(),
    );
    dyad_sentences::split(&mut doc);
    check(&doc, "seed");
}

#[test]
fn reuters_stories_read_through_any_sentence() {
    // Stories with quote marks: quotes over several sentences and paragraphs are where reading can stop early.
    let stories = support::reuters::stories(2);
    let mut checked = 0;
    for text in stories.iter().filter(|t| t.contains('"')).take(300) {
        let doc = support::reuters::document(text);
        check(&doc, &text.chars().take(60).collect::<String>());
        checked += 1;
    }
    assert!(checked > 100, "{checked} stories with quotes");
}
