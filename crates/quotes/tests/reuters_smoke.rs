//! Smoke test on real newswire: every Reuters-21578 story (title and body, cleaned and split as the pipeline
//! does) gives attributions with valid spans, and a share of them that newswire makes plausible.

mod support;

use dyad_quotes::{attributions, AttributionKind};

#[test]
fn reuters_stories_give_valid_attributions() {
    let stories = support::reuters::stories(22);
    assert!(stories.len() > 19_000, "{} stories", stories.len());
    let (mut sentences, mut direct, mut indirect, mut according) = (0usize, 0usize, 0usize, 0usize);
    for text in &stories {
        let doc = support::reuters::document(text);
        sentences += doc.sentences.len();
        for a in attributions(&doc) {
            for span in [Some(a.speaker), Some(a.cue), Some(a.content), a.outlet]
                .into_iter()
                .flatten()
            {
                assert!(
                    doc.text.get(span.range()).is_some_and(|s| !s.is_empty()),
                    "{a:?} in {text:?}"
                );
            }
            let sentence = doc.sentences[a.sentence as usize].span;
            assert!(a.content.start >= sentence.start, "{a:?}");
            match a.kind {
                AttributionKind::DirectQuote => direct += 1,
                AttributionKind::IndirectQuote => indirect += 1,
                AttributionKind::According => according += 1,
            }
        }
    }
    // Newswire attributes most of what it says: roughly one attribution per three sentences.
    let total = direct + indirect + according;
    assert!(
        total * 5 > sentences && total < sentences,
        "{total} attributions in {sentences} sentences"
    );
    assert!(
        direct > 1_000 && according > 100,
        "{direct} direct, {according} according"
    );
}
