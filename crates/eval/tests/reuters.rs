//! The Reuters-21578 reader on the real collection in ../shared/data/reuters21578 (counts from its README), and
//! the throughput runner over it with a stand-in coding closure (prints figures; asserts only determinism).

use dyad_eval::reuters::{read_reuters_dir, TextType};
use dyad_eval::throughput::{throughput, CodingCounts};
use std::collections::BTreeSet;
use std::path::Path;

const REUTERS: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../../../shared/data/reuters21578"
);

#[test]
fn reads_every_story_with_readme_counts() {
    let stories = read_reuters_dir(Path::new(REUTERS)).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(stories.len(), 21_578);
    let ids: BTreeSet<u32> = stories.iter().map(|s| s.new_id).collect();
    assert_eq!(ids.len(), 21_578, "NEWIDs are unique");
    assert_eq!((ids.first(), ids.last()), (Some(&1), Some(&21_578)));

    let count = |f: &dyn Fn(&dyad_eval::reuters::ReutersStory) -> bool| {
        stories.iter().filter(|s| f(s)).count()
    };
    assert_eq!(
        count(&|s| s.text_type == TextType::Normal && s.body.is_some()),
        19_043
    );
    assert_eq!(count(&|s| s.text_type == TextType::Brief), 1_798);
    assert_eq!(count(&|s| s.text_type == TextType::Unprocessed), 737);
    assert_eq!(count(&|s| s.title.is_some()), 20_841);
    assert_eq!(count(&|s| s.dateline.is_some()), 19_043);
    assert_eq!(count(&|s| !s.topics.is_empty()), 11_367);
    assert_eq!(count(&|s| !s.places.is_empty()), 18_798);
    // The README's "usa 12,542" counts entries: one story lists usa twice.
    let usa: usize = stories
        .iter()
        .map(|s| s.places.iter().filter(|p| *p == "usa").count())
        .sum();
    assert_eq!(usa, 12_542);
    assert_eq!(count(&|s| s.date.is_some()), 21_578, "every DATE parses");
    let dates: BTreeSet<&str> = stories
        .iter()
        .filter_map(|s| s.date.as_deref())
        .map(|d| &d[..10])
        .collect();
    assert_eq!(
        (dates.first(), dates.last()),
        (Some(&"1987-02-26"), Some(&"1987-10-20"))
    );

    let first = &stories[0];
    assert_eq!(first.new_id, 1);
    assert_eq!(first.title.as_deref(), Some("BAHIA COCOA REVIEW"));
    let body = first.body.as_deref().unwrap();
    assert!(body.starts_with("Showers continued throughout the week in\nthe Bahia cocoa zone"));
    assert!(!body.ends_with("Reuter"), "sign-off removed");
    // Entities decoded, wire control characters dropped.
    assert!(stories
        .iter()
        .filter_map(|s| s.body.as_deref())
        .all(|b| !b.contains("&lt;") && !b.contains('\u{3}')));
    assert!(stories
        .iter()
        .filter_map(|s| s.body.as_deref())
        .any(|b| b.contains("<")));
}

#[test]
fn throughput_over_reuters_is_deterministic() {
    let stories = read_reuters_dir(Path::new(REUTERS)).unwrap_or_else(|e| panic!("{e}"));
    let texts: Vec<String> = stories.iter().map(|s| s.text()).collect();
    // A stand-in coder: counts sentence-final stops and capitalised words, just to give the pool work.
    let stand_in = |text: &String| CodingCounts {
        sentences: text.matches(". ").count() + 1,
        events: text
            .split_whitespace()
            .filter(|w| w.starts_with(char::is_uppercase))
            .count()
            / 10,
    };
    let one = throughput(&texts, 1, stand_in).unwrap();
    let two = throughput(&texts, 2, stand_in).unwrap();
    println!("reuters stand-in coder, 1 thread: {one}");
    println!("reuters stand-in coder, 2 threads: {two}");
    assert_eq!(one.per_document, two.per_document);
    assert_eq!((one.articles, one.bytes), (two.articles, two.bytes));
    assert_eq!(one.articles, 21_578);
}
