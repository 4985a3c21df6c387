//! Reads Reuters-21578 stories (publication date and body) from the gzipped SGML files in ../shared, for tests and
//! the examples. The files are Latin-1 SGML without a root element; a story is `<REUTERS …>` … `</REUTERS>` with a
//! `<DATE>26-FEB-1987 15:01:01.79</DATE>` and a `<BODY>`.

#![allow(dead_code)]

use std::io::Read;
use std::path::PathBuf;

use dyad_model::date::{month_from_name, Date};

/// The folder holding `reut2-000.sgm.gz` … `reut2-021.sgm.gz`.
pub fn corpus_dir() -> PathBuf {
    PathBuf::from(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../../shared/data/reuters21578"
    ))
}

/// One story: its date line read as a date, and its body text.
pub struct Story {
    pub published: Option<Date>,
    pub body: String,
}

/// The stories with a body of the first `files` data files, in file order.
pub fn stories(files: usize) -> Vec<Story> {
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
            let Some(body) = between(story, "<BODY>", "</BODY>") else {
                continue;
            };
            let published = between(story, "<DATE>", "</DATE>").and_then(parse_reuters_date);
            out.push(Story {
                published,
                body: decode_references(body),
            });
        }
    }
    out
}

fn between<'a>(s: &'a str, open: &str, close: &str) -> Option<&'a str> {
    let from = s.find(open)? + open.len();
    let len = s[from..].find(close).unwrap_or(s.len() - from);
    Some(&s[from..from + len])
}

/// `26-FEB-1987 15:01:01.79` → 1987-02-26.
fn parse_reuters_date(s: &str) -> Option<Date> {
    let mut parts = s.trim().split(['-', ' ']);
    let day = parts.next()?.parse().ok()?;
    let month = month_from_name(parts.next()?)?;
    let year = parts.next()?.parse().ok()?;
    Date::from_ymd(year, u32::from(month), day)
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
