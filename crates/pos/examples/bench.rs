//! Tagging speed: tags the reference sentences of the PETRARCH validation files (their own tokenization) a number
//! of times and prints tokens per second. A figure to compare runs by, not an assertion; under
//! `valgrind --tool=callgrind` divide the instruction count by the tokens printed.
//!
//! `DYAD_SHARED_DATA=/work/shared/data cargo run --release -p dyad-pos --example bench [-- ROUNDS]`

use dyad_pos::treebank::{conllu_tokens, parse_elements, penn_leaves, SILVER_FILES};
use std::path::PathBuf;
use std::time::Instant;

fn main() {
    let shared = PathBuf::from(
        std::env::var("DYAD_SHARED_DATA").unwrap_or_else(|_| "../shared/data".into()),
    );
    let rounds: usize = std::env::args()
        .nth(1)
        .and_then(|a| a.parse().ok())
        .unwrap_or(20);
    let mut sentences: Vec<Vec<String>> = Vec::new();
    for (_, rel) in SILVER_FILES {
        let Ok(xml) = std::fs::read_to_string(shared.join(rel)) else {
            continue;
        };
        for parse in parse_elements(&xml) {
            let toks = if parse.trim_start().starts_with('(') {
                penn_leaves(parse)
            } else {
                conllu_tokens(parse)
            };
            sentences.push(toks.into_iter().map(|t| t.word).collect());
        }
    }
    let tagger = dyad_pos::tagger();
    let mut buf = dyad_pos::TagBuffer::default();
    let (mut tokens, mut check) = (0usize, 0usize);
    let start = Instant::now();
    for _ in 0..rounds {
        for s in &sentences {
            let tags = tagger.tag(s, &mut buf);
            tokens += tags.len();
            check += tags.iter().map(|&t| t as usize).sum::<usize>();
        }
    }
    let secs = start.elapsed().as_secs_f64();
    println!(
        "{} sentences x {rounds} rounds: {tokens} tokens in {secs:.3} s = {:.0} tokens/s (checksum {check})",
        sentences.len(),
        tokens as f64 / secs
    );
}
