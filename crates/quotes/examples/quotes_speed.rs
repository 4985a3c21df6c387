//! Throughput of the attribution finder on one core, over every Reuters-21578 story (cleaned and split first, not
//! timed): `cargo run --release -p dyad-quotes --example quotes_speed -- [ROUNDS]`. Prints sentences per second,
//! nanoseconds per sentence, the share of sentences the prefilter lets through, and the attribution counts.

#[path = "../tests/support/mod.rs"]
mod support;

use std::time::Instant;

use dyad_quotes::{AttributionKind, QuoteFinder};

fn main() {
    let rounds: usize = std::env::args()
        .nth(1)
        .and_then(|a| a.parse().ok())
        .unwrap_or(5);
    let files = std::env::var("FILES")
        .ok()
        .and_then(|f| f.parse().ok())
        .unwrap_or(22);
    let docs: Vec<_> = support::reuters::stories(files)
        .iter()
        .map(|t| support::reuters::document(t))
        .collect();
    let sentences: usize = docs.iter().map(|d| d.sentences.len()).sum();
    let bytes: usize = docs
        .iter()
        .flat_map(|d| d.sentences.iter().map(|s| s.span.len()))
        .sum();
    let finder = QuoteFinder::new();
    let mut counts = [0usize; 3];
    for doc in &docs {
        for a in finder.find_in_document(doc) {
            counts[match a.kind {
                AttributionKind::DirectQuote => 0,
                AttributionKind::IndirectQuote => 1,
                AttributionKind::According => 2,
            }] += 1;
        }
    }
    let mut best = f64::INFINITY;
    for _ in 0..rounds.max(1) {
        let start = Instant::now();
        let mut found = 0usize;
        for doc in &docs {
            found += finder.find_in_document(doc).len();
        }
        std::hint::black_box(found);
        best = best.min(start.elapsed().as_secs_f64());
    }
    println!(
        "{} documents, {sentences} sentences ({:.1} MB): best of {rounds} rounds {:.1} ms = {:.0} sentences/s, {:.0} ns/sentence, {:.0} MB/s",
        docs.len(),
        bytes as f64 / 1e6,
        best * 1e3,
        sentences as f64 / best,
        best * 1e9 / sentences as f64,
        bytes as f64 / 1e6 / best,
    );
    println!(
        "attributions: {} direct, {} indirect, {} according ({:.2} per sentence)",
        counts[0],
        counts[1],
        counts[2],
        (counts[0] + counts[1] + counts[2]) as f64 / sentences as f64
    );
}
