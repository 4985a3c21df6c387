//! Readers of the shared data used by this crate's tests and examples (examples include this file with
//! `#[path]`), so each is written once.

#![allow(dead_code)] // each test or example uses part of it

use std::collections::HashMap;
use std::io::Read;

/// Reuters-21578 beside the repository.
pub const REUTERS: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../../../shared/data/reuters21578"
);

/// Files in Reuters-21578: `reut2-000.sgm.gz` … `reut2-021.sgm.gz`.
pub const REUTERS_FILES: usize = 22;

/// The story bodies of Reuters data file `n` (Latin-1 SGML, see the data README), `&lt;` and the `&#3;` end mark
/// decoded, other character references left as they are.
pub fn reuters_bodies(n: usize) -> Vec<String> {
    let path = format!("{REUTERS}/reut2-{n:03}.sgm.gz");
    let gz = std::fs::read(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    let mut bytes = Vec::new();
    flate2::read::GzDecoder::new(&gz[..])
        .read_to_end(&mut bytes)
        .unwrap_or_else(|e| panic!("{path}: {e}"));
    // Latin-1: every byte is the code point of the same value.
    let text: String = bytes.iter().map(|&b| b as char).collect();
    text.split("<BODY>")
        .skip(1)
        .map(|s| {
            s.split("</BODY>")
                .next()
                .unwrap_or("")
                .replace("&lt;", "<")
                .replace("&#3;", "\u{3}")
        })
        .collect()
}

/// Word counts: maximal runs of alphanumeric characters, case kept (the benchmark's `\w+` tokens, near enough).
pub fn words(text: &str) -> HashMap<&str, usize> {
    let mut counts = HashMap::new();
    for w in text
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
    {
        *counts.entry(w).or_insert(0) += 1;
    }
    counts
}
