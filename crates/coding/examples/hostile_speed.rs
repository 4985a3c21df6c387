//! Throughput on hostile input (issue 17: linear time, bounded output): `cargo run --release -p dyad-coding
//! --example hostile_speed [MB …]` (default sizes 1 10 50).
//!
//! Three shapes, each one "line" of a `.txt` file: a long actor/conjunction sentence (`Russia attacked Ukraine and
//! …`), words with no sentence punctuation, and one run of a single character. Each goes through the whole text
//! path (clean → sentences → `Coder::code_document`, built-in dictionaries), and the actor sentence also straight
//! into `Coder::code_sentence` as one sentence (and, with `ALL_TOKENS=1`, with no token limit). Prints MB/s per shape and size; a linear path keeps MB/s flat as the
//! size grows. Building the input is not timed. `SHAPE=actor` (any part of a shape's name) runs only that shape.

use dyad_coding::{Coder, CoderOptions};
use dyad_dict::Dictionaries;
use dyad_ingest::RecordHints;
use dyad_model::Provenance;
use std::time::Instant;

/// The input shapes, by name: the repeated piece of text.
const SHAPES: [(&str, &str); 3] = [
    ("actor conjunction sentence", "Russia attacked Ukraine and "),
    (
        "unpunctuated word line",
        "officials from the ministry met again today near the border town ",
    ),
    ("one character run", "x"),
];

fn build(piece: &str, bytes: usize) -> String {
    let mut s = String::with_capacity(bytes + piece.len());
    while s.len() < bytes {
        s.push_str(piece);
    }
    s
}

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
    let (dicts, _) = Dictionaries::builtin();
    let coder = Coder::new(&dicts);
    // `ALL_TOKENS=1`: also code the whole text as one sentence with no token limit (the analysis on its own
    // length; the event assembler is then the cost).
    let all_tokens = std::env::var_os("ALL_TOKENS").is_some();
    let unlimited = coder.reconfigured(CoderOptions {
        max_sentence_tokens: usize::MAX,
        ..coder.options().clone()
    });
    println!(
        "{:<32} {:>8} {:>10} {:>9} {:>9} {:>9}",
        "shape", "MB", "path", "seconds", "MB/s", "events"
    );
    // `SHAPE=actor` (any part of a shape's name) runs only the shapes that match.
    let only = std::env::var("SHAPE").unwrap_or_default();
    for (name, piece) in SHAPES.into_iter().filter(|(n, _)| n.contains(&only)) {
        for &mb in &sizes {
            let text = build(piece, (mb * 1e6) as usize);
            let started = Instant::now();
            let mut doc =
                dyad_clean::from_text(&text, Provenance::default(), &RecordHints::default());
            dyad_sentences::split(&mut doc);
            let events = coder.code_document(&doc);
            let secs = started.elapsed().as_secs_f64();
            println!(
                "{name:<32} {mb:>8} {:>10} {secs:>9.3} {:>9.1} {:>9}",
                "document",
                mb / secs,
                events.len()
            );
            if piece.len() > 1 {
                for (path, coder) in [("sentence", &coder), ("unlimited", &unlimited)] {
                    if path == "unlimited" && !all_tokens {
                        continue;
                    }
                    let started = Instant::now();
                    let events = coder.code_sentence(&text, None);
                    let secs = started.elapsed().as_secs_f64();
                    println!(
                        "{name:<32} {mb:>8} {path:>10} {secs:>9.3} {:>9.1} {:>9}",
                        mb / secs,
                        events.len()
                    );
                }
            }
        }
    }
}
