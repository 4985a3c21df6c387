//! Prints every date mention found in the first Reuters-21578 stories, for eyeballing precision:
//! `cargo run --release -p dyad-dates --example reuters_dates [STORIES]` (default 2,000). Each line is the story
//! number, its publication date, the mention, its resolution, and the sentence around it; a summary of counts by
//! kind and precision ends the output.

#[path = "../tests/support/reuters.rs"]
mod reuters;

use std::collections::BTreeMap;

use dyad_dates::resolve_sentence;
use dyad_sentences::SentenceSplitter;

/// Stories read by default.
const DEFAULT_STORIES: usize = 2_000;

/// Characters of sentence context printed either side of a mention.
const CONTEXT: usize = 50;

fn main() {
    let limit = std::env::args()
        .nth(1)
        .and_then(|a| a.parse().ok())
        .unwrap_or(DEFAULT_STORIES);
    let stories = reuters::stories(22);
    let splitter = SentenceSplitter::new();
    let mut counts: BTreeMap<String, usize> = BTreeMap::new();
    let (mut sentences, mut with_date) = (0usize, 0usize);
    for (n, story) in stories.iter().take(limit).enumerate() {
        for span in splitter.split_text(&story.body, 0) {
            let sentence = &story.body[span.range()];
            sentences += 1;
            let mentions = resolve_sentence(sentence, story.published);
            with_date += usize::from(!mentions.is_empty());
            for m in mentions {
                let key = format!("{:?} {}", m.kind, precision_name(m.precision));
                *counts.entry(key).or_default() += 1;
                let (s, e) = (m.span.start as usize, m.span.end as usize);
                let before = tail_chars(&sentence[..s], CONTEXT);
                let after = head_chars(&sentence[e..], CONTEXT);
                let published = story.published.map(|d| d.to_iso()).unwrap_or_default();
                println!(
                    "{n}\t{published}\t{:?}\t{} {}\t…{}[{}]{}…",
                    m.span.slice(sentence),
                    m.date,
                    precision_name(m.precision),
                    before.replace('\n', " "),
                    m.span.slice(sentence).replace('\n', " "),
                    after.replace('\n', " ")
                );
            }
        }
    }
    let total: usize = counts.values().sum();
    println!("# {limit} stories, {sentences} sentences, {with_date} with a date, {total} mentions");
    for (key, count) in counts {
        println!("# {key}: {count}");
    }
}

fn tail_chars(s: &str, n: usize) -> &str {
    let start = s.char_indices().rev().nth(n).map_or(0, |(i, _)| i);
    &s[start..]
}

fn head_chars(s: &str, n: usize) -> &str {
    let end = s.char_indices().nth(n).map_or(s.len(), |(i, _)| i);
    &s[..end]
}

/// The precision as the records write it.
fn precision_name(p: dyad_dates::DatePrecision) -> &'static str {
    match p {
        dyad_dates::DatePrecision::Day => "day",
        dyad_dates::DatePrecision::Week => "week",
        dyad_dates::DatePrecision::Month => "month",
        dyad_dates::DatePrecision::Year => "year",
    }
}
