//! Measures `from_text` throughput on the Reuters-21578 story bodies (hard-wrapped newswire):
//! `cargo run --release -p dyad-clean --example text_speed`. Reading and decompressing are not timed.

use std::io::Read;
use std::time::Instant;

use dyad_ingest::RecordHints;
use dyad_model::Provenance;

const CORPUS: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../../../shared/data/reuters21578"
);

/// Passes over the corpus, so the measurement is long enough to be stable.
const ROUNDS: usize = 3;

fn main() {
    let mut bodies = Vec::new();
    for n in 0..22 {
        let path = format!("{CORPUS}/reut2-{n:03}.sgm.gz");
        let gz = std::fs::read(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
        let mut bytes = Vec::new();
        flate2::read::GzDecoder::new(&gz[..])
            .read_to_end(&mut bytes)
            .unwrap_or_else(|e| panic!("{path}: {e}"));
        // Latin-1: every byte is the code point of the same value.
        let text: String = bytes.iter().map(|&b| b as char).collect();
        bodies.extend(
            text.split("<BODY>")
                .skip(1)
                .map(|s| s.split("</BODY>").next().unwrap_or("").replace("&lt;", "<")),
        );
    }
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
