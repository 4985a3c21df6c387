//! Smoke test on real newswire: every Reuters-21578 body splits without panicking into valid, ordered, trimmed
//! spans that end only at whitespace or the end of the text.

mod support;

use dyad_sentences::SentenceSplitter;

#[test]
fn reuters_bodies_split_into_valid_spans() {
    let bodies = support::reuters::bodies(22);
    assert_eq!(
        bodies.len(),
        19_043,
        "bodies in the collection (data README)"
    );
    let splitter = SentenceSplitter::new();
    let mut sentences = 0usize;
    for body in &bodies {
        let mut last_end = 0;
        for span in splitter.split_text(body, 0) {
            let s = body.get(span.range()).expect("span on char boundaries");
            assert!(!s.is_empty() && s.trim() == s, "untrimmed sentence {s:?}");
            assert!(span.start as usize >= last_end, "overlap before {s:?}");
            assert!(
                body[last_end..span.start as usize].trim().is_empty(),
                "text lost before {s:?}"
            );
            let after = &body[span.end as usize..];
            assert!(
                after.is_empty() || after.starts_with(char::is_whitespace),
                "split inside a token: {s:?}"
            );
            last_end = span.end as usize;
            sentences += 1;
        }
        assert!(body[last_end..].trim().is_empty());
    }
    // Each story has at least its one sentence; the average story has several.
    assert!(
        sentences > 2 * bodies.len(),
        "{sentences} sentences in {} bodies",
        bodies.len()
    );
}

#[test]
fn a_reuters_story_splits_as_hand_checked() {
    // reut2-000, NEWID 2 ("STANDARD OIL <SRD> TO FORM FINANCIAL UNIT"), split by hand; the reader has taken off
    // the "Reuter" sign-off.
    let bodies = support::reuters::bodies(1);
    let body = bodies
        .iter()
        .find(|b| b.starts_with("Standard Oil Co and BP North America"))
        .expect("story NEWID 2 in reut2-000");
    let found: Vec<String> = SentenceSplitter::new()
        .split_text(body, 0)
        .map(|s| {
            s.slice(body)
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" ")
        })
        .collect();
    assert_eq!(
        found,
        [
            "Standard Oil Co and BP North America Inc said they plan to form a venture to manage the money \
             market borrowing and investment activities of both companies.",
            "BP North America is a subsidiary of British Petroleum Co Plc <BP>, which also owns a 55 pct \
             interest in Standard Oil.",
            "The venture will be called BP/Standard Financial Trading and will be operated by Standard Oil \
             under the oversight of a joint management committee.",
        ]
    );
}
