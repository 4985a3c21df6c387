//! Articles from WARC files: `response` records (HTTP head split off, body de-chunked and decompressed) and
//! `resource` records, kept when their media type is HTML or plain text and decoded to UTF-8.
//!
//! Everything else is skipped and counted: request, metadata, warcinfo and revisit records, non-2xx responses,
//! images, JSON, PDFs and other media types, empty bodies.

use crate::charset::{content_type_charset, decode_html, decode_text};
use crate::error::IngestError;
use crate::http::{dechunk, decode_content, parse_head};
use crate::sniff::looks_like_html;
use crate::warc::{header_in, WarcReader, WarcRecord};
use crate::{ContentKind, RawRecord, RecordHints, SkipReason, Step};
use dyad_model::{InputFormat, Provenance};

/// WARC record types whose block is an article candidate.
const ARTICLE_RECORD_TYPES: &[&str] = &["response", "resource"];

/// Media types read as HTML.
const HTML_MEDIA_TYPES: &[&str] = &[
    "text/html",
    "application/xhtml+xml",
    "application/vnd.wap.xhtml+xml",
];

/// Media types read as plain text.
const TEXT_MEDIA_TYPES: &[&str] = &["text/plain"];

/// HTTP statuses whose body is the page itself.
const ARTICLE_STATUSES: std::ops::RangeInclusive<u16> = 200..=299;

pub(crate) struct WarcResponses {
    reader: WarcReader,
    path: String,
    max_record_bytes: u64,
}

fn wants_body(headers: &[(String, String)]) -> bool {
    header_in(headers, "WARC-Type").is_some_and(|t| {
        ARTICLE_RECORD_TYPES
            .iter()
            .any(|a| t.eq_ignore_ascii_case(a))
    })
}

impl WarcResponses {
    pub(crate) fn new(reader: WarcReader, path: &str, max_record_bytes: u64) -> WarcResponses {
        WarcResponses {
            reader,
            path: path.to_string(),
            max_record_bytes,
        }
    }

    pub(crate) fn next_step(&mut self) -> Option<Step> {
        Some(match self.reader.next_record(&wants_body)? {
            Err(e) => Step::Failed(e),
            Ok(record) => self.article(record),
        })
    }

    fn article(&self, mut record: WarcRecord) -> Step {
        let location = record.location();
        let http_error = |message: String| {
            Step::Failed(IngestError::Http {
                path: self.path.clone(),
                location,
                message,
            })
        };
        // Only article record types keep their body (see `wants_body`).
        let Some(mut block) = record.body.take() else {
            return Step::Skipped(SkipReason::NotResponse);
        };
        let is_response = record
            .record_type()
            .is_some_and(|t| t.eq_ignore_ascii_case("response"));
        let warc_content_type = record.header("Content-Type").unwrap_or("");
        let carries_http = is_response
            && (media_type(warc_content_type) == "application/http"
                || (warc_content_type.is_empty() && block.starts_with(b"HTTP/")));

        let limit = self.max_record_bytes.min(usize::MAX as u64) as usize;
        let content_type: String;
        if carries_http {
            let head = match parse_head(&block) {
                Ok(h) => h,
                Err(m) => return http_error(m),
            };
            if !ARTICLE_STATUSES.contains(&head.status) {
                return Step::Skipped(SkipReason::HttpStatus);
            }
            content_type = head.header("Content-Type").unwrap_or("").to_string();
            block.drain(..head.body_start);
            if head.lists("Transfer-Encoding", "chunked") {
                match dechunk(&block, limit) {
                    Ok(Some(plain)) => block = plain,
                    Ok(None) => {}
                    Err(m) => return http_error(m),
                }
            }
            let encodings: Vec<String> = head
                .headers
                .iter()
                .filter(|(k, _)| k.eq_ignore_ascii_case("Content-Encoding"))
                .flat_map(|(_, v)| v.split(',').map(|t| t.trim().to_string()))
                .collect();
            // Encodings apply in order, so they are undone in reverse.
            for encoding in encodings.iter().rev() {
                match decode_content(&block, encoding, limit) {
                    Ok(Some(plain)) => block = plain,
                    Ok(None) => {}
                    Err(m) => return http_error(m),
                }
            }
        } else {
            content_type = warc_content_type.to_string();
        }

        let media = media_type(&content_type);
        let kind = if HTML_MEDIA_TYPES.contains(&media.as_str()) {
            ContentKind::Html
        } else if TEXT_MEDIA_TYPES.contains(&media.as_str()) {
            ContentKind::Text
        } else if media.is_empty() && looks_like_html(trim_ascii_start(&block)) {
            ContentKind::Html
        } else {
            return Step::Skipped(SkipReason::ContentType);
        };
        let charset = content_type_charset(&content_type);
        let content = match kind {
            ContentKind::Html => decode_html(block, charset).text,
            ContentKind::Text => decode_text(block, charset).text,
        };
        if content.trim().is_empty() {
            return Step::Skipped(SkipReason::Empty);
        }
        let hints = RecordHints {
            id: record.header("WARC-Record-ID").map(strip_angle_brackets),
            title: None,
            date: record.header("WARC-Date").map(str::to_string),
            url: record.header("WARC-Target-URI").map(strip_angle_brackets),
        };
        Step::Record(RawRecord {
            provenance: Provenance {
                path: self.path.clone(),
                record: Some(record.index),
                byte_offset: Some(record.offset),
                url: hints.url.clone(),
                format: Some(InputFormat::Warc),
            },
            kind,
            content,
            hints,
        })
    }
}

/// `text/html; charset=x` → `text/html`, lower-cased.
fn media_type(content_type: &str) -> String {
    content_type
        .split(';')
        .next()
        .unwrap_or("")
        .trim()
        .to_ascii_lowercase()
}

/// WARC 1.0 writes URIs and record ids in angle brackets; 1.1 does not.
fn strip_angle_brackets(v: &str) -> String {
    v.trim()
        .trim_start_matches('<')
        .trim_end_matches('>')
        .to_string()
}

fn trim_ascii_start(b: &[u8]) -> &[u8] {
    let n = b.iter().take_while(|c| c.is_ascii_whitespace()).count();
    &b[n..]
}
