//! Measures `from_text` throughput on the Reuters-21578 story bodies (hard-wrapped newswire):
//! `cargo run --release -p dyad-clean --example text_speed`. Reading and decompressing are not timed.

#[path = "../tests/support/mod.rs"]
mod support;

use std::time::Instant;

use dyad_ingest::RecordHints;
use dyad_model::Provenance;

/// Passes over the corpus, so the measurement is long enough to be stable.
const ROUNDS: usize = 3;

fn main() {
    let bodies: Vec<String> = (0..support::REUTERS_FILES)
        .flat_map(support::reuters_bodies)
        .collect();
    let bytes: usize = bodies.iter().map(String::len).sum();
    let started = Instant::now();
    let mut paragraphs = 0usize;
    for _ in 0..ROUNDS {
        for body in &bodies {
            let doc = dyad_clean::from_text(body, Provenance::default(), &RecordHints::default());
            paragraphs += doc.paragraphs.len();
        }
    }
    let per_pass = started.elapsed().as_secs_f64() / ROUNDS as f64;
    println!(
        "{} bodies, {bytes} bytes, {} paragraphs; {:.1} ms per pass (1 thread): {:.1} MB/s, {:.0} documents/s",
        bodies.len(),
        paragraphs / ROUNDS,
        per_pass * 1e3,
        bytes as f64 / per_pass / 1e6,
        bodies.len() as f64 / per_pass
    );
}
