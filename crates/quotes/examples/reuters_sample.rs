//! Prints the attributions found in a sample of Reuters-21578 stories, for eyeballing precision:
//! `cargo run --release -p dyad-quotes --example reuters_sample -- [STORIES] [SKIP]` (default 200 stories from the
//! first data file). Each line: story, sentence, kind, speaker, cue, outlet, content; then the totals.

#[path = "../tests/support/mod.rs"]
mod support;

use std::collections::BTreeMap;

fn main() {
    let mut args = std::env::args().skip(1);
    let count: usize = args.next().and_then(|a| a.parse().ok()).unwrap_or(200);
    let skip: usize = args.next().and_then(|a| a.parse().ok()).unwrap_or(0);
    let stories = support::reuters::stories(1 + (count + skip) / 900);
    let mut kinds: BTreeMap<String, usize> = BTreeMap::new();
    let (mut sentences, mut total) = (0usize, 0usize);
    for (n, text) in stories.iter().enumerate().skip(skip).take(count) {
        let doc = support::reuters::document(text);
        if std::env::var("DUMP").ok().and_then(|d| d.parse().ok()) == Some(n) {
            for (i, s) in doc.sentences.iter().enumerate() {
                println!("  <{i}> {:?}", doc.slice(s.span));
            }
        }
        sentences += doc.sentences.len();
        for a in dyad_quotes::attributions(&doc) {
            total += 1;
            *kinds.entry(format!("{:?}", a.kind)).or_default() += 1;
            let clip = |s: &str| s.split_whitespace().collect::<Vec<_>>().join(" ");
            println!(
                "#{n} [{}] {:?} speaker={:?} ({:?}) cue={:?}{}{}\n    content={:?}",
                a.sentence,
                a.kind,
                clip(doc.slice(a.speaker)),
                a.speaker_kind,
                doc.slice(a.cue),
                a.outlet
                    .map(|o| format!(" outlet={:?}", doc.slice(o)))
                    .unwrap_or_default(),
                if a.carried_over { " carried" } else { "" },
                clip(doc.slice(a.content)),
            );
        }
    }
    println!("{count} stories, {sentences} sentences, {total} attributions: {kinds:?}");
}
