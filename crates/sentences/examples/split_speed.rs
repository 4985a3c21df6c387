//! Measures splitter throughput on the Reuters-21578 bodies: `cargo run --release -p dyad-sentences --example
//! split_speed`. Prints characters, bytes and sentences per second of splitting (reading the corpus not timed).

#[path = "../tests/support/reuters.rs"]
mod reuters;

use std::time::Instant;

use dyad_sentences::SentenceSplitter;

/// Passes over the corpus, so the measurement is long enough to be stable.
const ROUNDS: usize = 5;

fn main() {
    let bodies = reuters::bodies(22);
    let bytes: usize = bodies.iter().map(String::len).sum();
    let chars: usize = bodies.iter().map(|b| b.chars().count()).sum();
    let splitter = SentenceSplitter::new();
    let started = Instant::now();
    let mut sentences = 0usize;
    for _ in 0..ROUNDS {
        for body in &bodies {
            sentences += splitter.split_text(body, 0).count();
        }
    }
    let secs = started.elapsed().as_secs_f64();
    let sentences = sentences / ROUNDS;
    let per_round = secs / ROUNDS as f64;
    println!(
        "{} bodies, {bytes} bytes, {chars} chars, {sentences} sentences; {:.1} ms per pass (1 thread)",
        bodies.len(),
        per_round * 1e3
    );
    println!(
        "{:.1} M chars/s, {:.1} MB/s, {:.0} k sentences/s",
        chars as f64 / per_round / 1e6,
        bytes as f64 / per_round / 1e6,
        sentences as f64 / per_round / 1e3
    );
}
