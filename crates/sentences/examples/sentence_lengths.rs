//! The length distribution of real news sentences, the evidence behind `MAX_SENTENCE_BYTES`: `cargo run --release
//! -p dyad-sentences --example sentence_lengths`. Splits the Reuters-21578 bodies paragraph by paragraph (blank or
//! indented lines start one, as the clean stage reads them) and prints byte and word percentiles and the longest
//! sentences.

#[path = "../tests/support/reuters.rs"]
mod reuters;

use dyad_sentences::SentenceSplitter;

fn main() {
    let bodies = reuters::bodies(22);
    let splitter = SentenceSplitter::new();
    let mut lengths: Vec<(usize, usize, String)> = Vec::new();
    for body in &bodies {
        // A Reuters paragraph begins on an indented line or after a blank one.
        let mut paragraph = String::new();
        let mut paragraphs = Vec::new();
        for line in body.lines() {
            if (line.trim().is_empty() || line.starts_with(char::is_whitespace))
                && !paragraph.is_empty()
            {
                paragraphs.push(std::mem::take(&mut paragraph));
            }
            paragraph.push_str(line.trim());
            paragraph.push(' ');
        }
        paragraphs.push(paragraph);
        for p in &paragraphs {
            for span in splitter.split_text(p, 0) {
                let s = span.slice(p);
                let words = s.split_whitespace().count();
                lengths.push((s.len(), words, s.chars().take(120).collect()));
            }
        }
    }
    lengths.sort_by_key(|l| l.0);
    let n = lengths.len();
    println!("{n} sentences");
    for q in [0.5, 0.9, 0.99, 0.999, 0.9999, 1.0] {
        let i = ((n as f64 * q) as usize).min(n - 1);
        println!(
            "bytes p{:<6} {:>6}  ({} words)",
            q * 100.0,
            lengths[i].0,
            lengths[i].1
        );
    }
    let mut words: Vec<usize> = lengths.iter().map(|l| l.1).collect();
    words.sort_unstable();
    println!(
        "words max {}, p99.9 {}",
        words[n - 1],
        words[(n as f64 * 0.999) as usize]
    );
    for (bytes, w, head) in lengths.iter().rev().take(8) {
        println!("{bytes:>6} bytes {w:>5} words: {head}");
    }
}
