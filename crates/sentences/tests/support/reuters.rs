//! Reads story bodies from the Reuters-21578 SGML files in ../shared (gzipped), for tests and the speed example.
//!
//! The files are Latin-1 SGML without a root element (see the data README), so this is a small line-agnostic
//! scan for `<BODY>`…`</BODY>`, with the collection's few character references decoded.

use std::io::Read;
use std::path::PathBuf;

/// The folder holding `reut2-000.sgm.gz` … `reut2-021.sgm.gz`.
pub fn corpus_dir() -> PathBuf {
    PathBuf::from(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../../shared/data/reuters21578"
    ))
}

/// Every story body of the first `files` data files, in file order, decoded to text.
pub fn bodies(files: usize) -> Vec<String> {
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
        let mut rest = text.as_str();
        while let Some(open) = rest.find("<BODY>") {
            let after = &rest[open + "<BODY>".len()..];
            let close = after.find("</BODY>").unwrap_or(after.len());
            out.push(decode_references(&after[..close]));
            rest = &after[close..];
        }
    }
    out
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
