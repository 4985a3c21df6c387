//! Input-format detection from the first bytes of the (decompressed) input and the file name.
//!
//! A WARC version line is decisive whatever the name; binary data is refused; otherwise a known extension decides,
//! and without one the content does: a leading `{` means JSONL, markup means HTML, anything else is plain text.

use dyad_model::InputFormat;

/// How many leading bytes the sniffer looks at.
pub const SNIFF_BYTES: usize = 8 * 1024;

/// gzip's two magic bytes (RFC 1952).
pub const GZIP_MAGIC: [u8; 2] = [0x1f, 0x8b];

/// File extensions (after any `.gz` is removed), lower-case, and the format each names.
pub const EXTENSION_FORMATS: &[(&str, InputFormat)] = &[
    ("txt", InputFormat::Text),
    ("text", InputFormat::Text),
    ("html", InputFormat::Html),
    ("htm", InputFormat::Html),
    ("xhtml", InputFormat::Html),
    ("shtml", InputFormat::Html),
    ("jsonl", InputFormat::Jsonl),
    ("ndjson", InputFormat::Jsonl),
    ("warc", InputFormat::Warc),
];

/// Tags that, found near the top of a file starting with `<`, mark it as HTML.
pub const HTML_MARKERS: &[&[u8]] = &[
    b"<!doctype html",
    b"<html",
    b"<head",
    b"<body",
    b"<meta",
    b"<title",
    b"<div",
    b"<p>",
    b"<p ",
    b"<article",
    b"<br",
];

/// Control bytes (other than tab, line feed, form feed and carriage return) per 1000 sniffed bytes above which the
/// input is taken as binary. Legacy text has a few stray ones; binary formats have many.
const BINARY_CONTROL_PER_MILLE: usize = 50;

/// Why a sniffed prefix was judged binary.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BinaryEvidence {
    pub detail: String,
}

/// Names accepted for a format on a command line (`--format jsonl`), lower-case.
pub const FORMAT_NAMES: &[(&str, InputFormat)] = &[
    ("text", InputFormat::Text),
    ("txt", InputFormat::Text),
    ("html", InputFormat::Html),
    ("jsonl", InputFormat::Jsonl),
    ("ndjson", InputFormat::Jsonl),
    ("warc", InputFormat::Warc),
];

/// The format a user-given name means (case-insensitive), e.g. `"JSONL"` → [`InputFormat::Jsonl`].
pub fn format_named(name: &str) -> Option<InputFormat> {
    let lower = name.trim().to_ascii_lowercase();
    FORMAT_NAMES
        .iter()
        .find(|(n, _)| *n == lower)
        .map(|&(_, f)| f)
}

/// The format named by a file name's extension, looking through a trailing `.gz`.
pub fn format_from_name(name: &str) -> Option<InputFormat> {
    let lower = name.to_ascii_lowercase();
    let base = lower.strip_suffix(".gz").unwrap_or(&lower);
    let ext = base.rsplit_once('.')?.1;
    EXTENSION_FORMATS
        .iter()
        .find(|(e, _)| *e == ext)
        .map(|&(_, f)| f)
}

/// Whether the bytes open with a WARC version line.
pub fn is_warc(head: &[u8]) -> bool {
    let trimmed = trim_leading_blank_lines(head);
    trimmed.starts_with(b"WARC/1.") || trimmed.starts_with(b"WARC/0.")
}

/// Whether the bytes start with gzip's magic number.
pub fn is_gzip(head: &[u8]) -> bool {
    head.starts_with(&GZIP_MAGIC)
}

/// `Err` with the reason when the prefix looks like binary data rather than text in some encoding.
pub fn check_not_binary(head: &[u8]) -> Result<(), BinaryEvidence> {
    if head.is_empty() || encoding_rs::Encoding::for_bom(head).is_some() {
        return Ok(());
    }
    if let Some(at) = memchr::memchr(0, head) {
        return Err(BinaryEvidence {
            detail: format!("NUL byte at offset {at}"),
        });
    }
    let controls = head
        .iter()
        .filter(|&&b| (b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r' | 0x0c)) || b == 0x7f)
        .count();
    if controls * 1000 > head.len() * BINARY_CONTROL_PER_MILLE {
        return Err(BinaryEvidence {
            detail: format!("{controls} control bytes in the first {} bytes", head.len()),
        });
    }
    Ok(())
}

/// Detects the format of an input from its first bytes and (optional) file name.
pub fn detect_format(head: &[u8], name: Option<&str>) -> Result<InputFormat, BinaryEvidence> {
    if is_warc(head) {
        return Ok(InputFormat::Warc);
    }
    check_not_binary(head)?;
    if let Some(format) = name.and_then(format_from_name) {
        return Ok(format);
    }
    Ok(detect_from_content(head))
}

/// Detects text, HTML or JSONL from content alone (the prefix is known not to be WARC or binary).
pub fn detect_from_content(head: &[u8]) -> InputFormat {
    let body = strip_bom(head);
    let start = body
        .iter()
        .position(|b| !b.is_ascii_whitespace())
        .unwrap_or(body.len());
    let body = &body[start..];
    match body.first() {
        Some(b'{') => InputFormat::Jsonl,
        Some(b'<') if looks_like_html(body) => InputFormat::Html,
        _ => InputFormat::Text,
    }
}

/// Whether a prefix starting with `<` contains one of the [`HTML_MARKERS`].
pub fn looks_like_html(prefix: &[u8]) -> bool {
    let lower = prefix[..prefix.len().min(SNIFF_BYTES)].to_ascii_lowercase();
    HTML_MARKERS
        .iter()
        .any(|m| memchr::memmem::find(&lower, m).is_some())
}

fn strip_bom(b: &[u8]) -> &[u8] {
    b.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(b)
}

fn trim_leading_blank_lines(b: &[u8]) -> &[u8] {
    let n = b.iter().take_while(|&&c| c == b'\r' || c == b'\n').count();
    &b[n..]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_look_through_gz() {
        assert_eq!(
            format_from_name("a/b/crawl.WARC.gz"),
            Some(InputFormat::Warc)
        );
        assert_eq!(format_from_name("x.html.gz"), Some(InputFormat::Html));
        assert_eq!(format_from_name("news.ndjson"), Some(InputFormat::Jsonl));
        assert_eq!(format_from_name("README"), None);
        assert_eq!(format_from_name("data.gz"), None);
        assert_eq!(format_named(" WARC"), Some(InputFormat::Warc));
        assert_eq!(format_named("pdf"), None);
    }

    #[test]
    fn content_decides_without_a_known_name() {
        assert_eq!(
            detect_format(b"WARC/1.1\r\n", Some("x.txt")),
            Ok(InputFormat::Warc)
        );
        assert_eq!(
            detect_format(b"\xEF\xBB\xBF {\"text\":1}", None),
            Ok(InputFormat::Jsonl)
        );
        assert_eq!(
            detect_format(b"<!DOCTYPE html><html>", None),
            Ok(InputFormat::Html)
        );
        assert_eq!(
            detect_format(b"<Reuters> wire", None),
            Ok(InputFormat::Text)
        );
        assert_eq!(
            detect_format(b"Headline\n\nBody.", None),
            Ok(InputFormat::Text)
        );
        assert!(detect_format(b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR", Some("a.html")).is_err());
    }
}
