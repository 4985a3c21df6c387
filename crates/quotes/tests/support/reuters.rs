//! Reads Reuters-21578 stories (title and body) from the gzipped SGML files in ../shared, as plain-text
//! documents split into sentences: the input of the smoke test, the sample printer and the speed example.
//!
//! The files are Latin-1 SGML without a root element (see the data README), so this is a small scan for
//! `<TITLE>` and `<BODY>`, with the collection's few character references decoded.

use std::io::Read;
use std::path::PathBuf;

use dyad_ingest::RecordHints;
use dyad_model::{Document, Provenance};

/// The folder holding `reut2-000.sgm.gz` … `reut2-021.sgm.gz`.
pub fn corpus_dir() -> PathBuf {
    PathBuf::from(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../../shared/data/reuters21578"
    ))
}

/// The title-and-body text of every story with a body in the first `files` data files, in file order.
pub fn stories(files: usize) -> Vec<String> {
    let mut out = Vec::new();
    for n in 0..files.min(22) {
        let path = corpus_dir().join(format!("reut2-{n:03}.sgm.gz"));
        let raw = std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        let mut bytes = Vec::new();
        flate2::read::GzDecoder::new(&raw[..])
            .read_to_end(&mut bytes)
            .unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        // Latin-1: every byte is the code point of the same value.
        let text: String = bytes.iter().map(|&b| b as char).collect();
        for story in text.split("</REUTERS>") {
            let (Some(body), title) = (
                between(story, "<BODY>", "</BODY>"),
                between(story, "<TITLE>", "</TITLE>"),
            ) else {
                continue;
            };
            let body = decode_references(body);
            let body = body
                .trim_end()
                .trim_end_matches("Reuter")
                .trim_end_matches("REUTER");
            match title {
                Some(t) => out.push(format!("{}\n\n{}", decode_references(t), body)),
                None => out.push(body.to_string()),
            }
        }
    }
    out
}

/// A story's text cleaned and split as the pipeline does (`dyad_clean::from_text`, then `split`).
pub fn document(text: &str) -> Document {
    let mut doc = dyad_clean::from_text(text, Provenance::default(), &RecordHints::default());
    dyad_sentences::split(&mut doc);
    doc
}

fn between<'a>(s: &'a str, open: &str, close: &str) -> Option<&'a str> {
    let start = s.find(open)? + open.len();
    let end = s[start..].find(close)? + start;
    Some(&s[start..end])
}

/// Decodes `&lt;`, `&amp;` and numeric references; control characters become nothing.
fn decode_references(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(amp) = rest.find('&') {
        out.push_str(&rest[..amp]);
        let tail = &rest[amp..];
        let end = tail.find(';').filter(|&e| e <= 6);
        match end.map(|e| &tail[1..e]) {
            Some("lt") => out.push('<'),
            Some("amp") => out.push('&'),
            Some(num) if num.starts_with('#') => {}
            _ => {
                out.push('&');
                rest = &tail[1..];
                continue;
            }
        }
        rest = &tail[end.unwrap_or(0) + 1..];
    }
    out.push_str(rest);
    out
}
