//! The date stage over the first 2,000 Reuters-21578 stories (read in place from ../shared/data): every mention
//! keeps the span promises, relative dates stay within a year of the story's date, past-tense weekdays never lie
//! ahead of it, and the stage still finds what it found when this test was written (a floor, not an exact count).

mod support;

use dyad_dates::{check_mentions, resolve_sentence, DateKind};
use dyad_model::date::WEEKDAY_NAMES;
use dyad_sentences::SentenceSplitter;

/// Stories read.
const STORIES: usize = 2_000;

/// Mentions found in those stories when the test was written: 3,998. A drop below this floor is a regression.
const MENTIONS_FLOOR: usize = 3_800;

#[test]
fn reuters_stories() {
    let splitter = SentenceSplitter::new();
    let mut mentions = 0;
    for story in support::reuters::stories(3).iter().take(STORIES) {
        let p = story
            .published
            .expect("every Reuters story has a date line");
        for span in splitter.split_text(&story.body, 0) {
            let sentence = &story.body[span.range()];
            let found = resolve_sentence(sentence, Some(p));
            assert!(check_mentions(sentence, &found).is_ok(), "{sentence:?}");
            mentions += found.len();
            for m in &found {
                let words = m.span.slice(sentence);
                if m.kind == DateKind::Relative && !words.contains("years") {
                    let gap = (i64::from(m.date.year()) - i64::from(p.year())).abs();
                    assert!(gap <= 1, "{words:?} is {} in a story of {p}", m.date);
                }
                let lower = words.to_ascii_lowercase();
                let weekday = WEEKDAY_NAMES.iter().any(|w| lower.contains(w))
                    && !words.bytes().any(|b| b.is_ascii_digit());
                let future = [
                    "will",
                    "next",
                    "this",
                    "to",
                    "scheduled",
                    "due",
                    "expected",
                    "plans",
                ]
                .iter()
                .any(|w| {
                    sentence
                        .split(|c: char| !c.is_ascii_alphabetic())
                        .any(|t| t == *w)
                });
                if weekday && !future {
                    assert!(
                        m.date <= p,
                        "{words:?} is {} after {p}: {sentence:?}",
                        m.date
                    );
                }
            }
        }
    }
    assert!(mentions >= MENTIONS_FLOOR, "only {mentions} mentions");
}
