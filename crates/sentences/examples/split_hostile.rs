//! Splitter throughput on hostile shapes (issue 17): `cargo run --release -p dyad-sentences --example
//! split_hostile [MB …]` (default 1 10 50). Prints MB/s and sentence counts per shape and size; a linear splitter
//! keeps MB/s flat as the size grows. Building the input is not timed.

use dyad_sentences::SentenceSplitter;
use std::time::Instant;

/// The shapes, by name: the repeated piece of text.
const SHAPES: [(&str, &str); 6] = [
    (
        "line of words, no punctuation",
        "officials from the ministry met again today ",
    ),
    ("actor conjunction run-on", "Russia attacked Ukraine and "),
    ("one character run", "x"),
    ("tiny sentences", "A. "),
    ("NUL bytes", "\0"),
    ("multi-byte run", "漢"),
];

fn main() {
    let sizes: Vec<f64> = {
        let args: Vec<f64> = std::env::args()
            .skip(1)
            .filter_map(|a| a.parse().ok())
            .collect();
        if args.is_empty() {
            vec![1.0, 10.0, 50.0]
        } else {
            args
        }
    };
    let splitter = SentenceSplitter::new();
    println!(
        "{:<32} {:>6} {:>9} {:>9} {:>10} {:>10}",
        "shape", "MB", "seconds", "MB/s", "sentences", "longest"
    );
    for (name, piece) in SHAPES {
        for &mb in &sizes {
            let text = piece.repeat((mb * 1e6) as usize / piece.len() + 1);
            let started = Instant::now();
            let (mut count, mut longest) = (0usize, 0usize);
            for span in splitter.split_text(&text, 0) {
                count += 1;
                longest = longest.max(span.len());
            }
            let secs = started.elapsed().as_secs_f64();
            println!(
                "{name:<32} {mb:>6} {secs:>9.3} {:>9.1} {count:>10} {longest:>10}",
                mb / secs
            );
        }
    }
}
