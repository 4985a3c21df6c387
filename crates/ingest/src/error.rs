//! Ingest errors: every error names the input file and, where there is one, the line, record or byte it is about.
//!
//! Display reads like a compiler message: `news.jsonl: line 17: expected a string field "text"`.

use std::fmt;
use std::io;

/// Where in an input an error was found.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Location {
    /// The file as a whole (it could not be opened, or is not a readable format).
    File,
    /// A byte offset in the (decompressed) input.
    Byte(u64),
    /// A JSONL line: `line` is one-based, as editors show it (the record's `Provenance::record` is `line - 1`);
    /// `byte` is the offset of the line's first byte.
    Line { line: u64, byte: u64 },
    /// A WARC record: `index` is zero-based, as in `Provenance::record`; `byte` is the offset of its `WARC/1.x` line.
    Record { index: u64, byte: u64 },
    /// A Reuters-21578 story: `index` is the zero-based count of `<REUTERS` tags before it in the file; `byte` is
    /// the offset of its `<REUTERS` tag.
    Story { index: u64, byte: u64 },
}

impl Location {
    /// The byte offset this location points at, when it has one.
    pub fn byte_offset(&self) -> Option<u64> {
        match *self {
            Location::File => None,
            Location::Byte(b)
            | Location::Line { byte: b, .. }
            | Location::Record { byte: b, .. }
            | Location::Story { byte: b, .. } => Some(b),
        }
    }
}

impl fmt::Display for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match *self {
            Location::File => Ok(()),
            Location::Byte(b) => write!(f, "byte {b}: "),
            Location::Line { line, .. } => write!(f, "line {line}: "),
            Location::Record { index, byte } => write!(f, "WARC record {index} at byte {byte}: "),
            Location::Story { index, byte } => write!(f, "story {index} at byte {byte}: "),
        }
    }
}

/// An input that could not be read, or one record of it that could not be.
#[derive(Debug, thiserror::Error)]
pub enum IngestError {
    /// Opening or reading failed at the operating-system level.
    #[error("{path}: {location}{source}")]
    Io {
        path: String,
        location: Location,
        #[source]
        source: io::Error,
    },
    /// gzip data that ends early or does not decompress.
    #[error("{path}: {location}corrupt or truncated gzip data: {source}")]
    Gzip {
        path: String,
        location: Location,
        #[source]
        source: io::Error,
    },
    /// The content is neither text, HTML, JSONL, WARC nor SGML (NUL bytes, control characters).
    #[error("{path}: {location}binary data, not text, HTML, JSONL, WARC or SGML{detail}")]
    Binary {
        path: String,
        location: Location,
        detail: String,
    },
    /// Text that must be UTF-8 is not; `bad_byte` is the file offset of the first invalid byte.
    #[error("{path}: {location}invalid UTF-8 at byte {bad_byte}")]
    InvalidUtf8 {
        path: String,
        location: Location,
        bad_byte: u64,
    },
    /// One record (file, line, WARC record or decoded payload) is larger than `IngestOptions::max_record_bytes`.
    #[error("{path}: {location}record too large: more than {limit} bytes (max_record_bytes)")]
    TooLarge {
        path: String,
        location: Location,
        limit: u64,
    },
    /// A JSONL line that is not a JSON object or lacks the content field.
    #[error("{path}: {location}{message}")]
    Json {
        path: String,
        location: Location,
        message: String,
    },
    /// A malformed WARC record (bad version line, missing or bad header, wrong length).
    #[error("{path}: {location}malformed WARC record: {message}")]
    Warc {
        path: String,
        location: Location,
        message: String,
    },
    /// A malformed Reuters-21578 SGML story (truncated, no `NEWID`, a stray `</REUTERS>`) or a file with none.
    #[error("{path}: {location}malformed Reuters SGML: {message}")]
    Sgml {
        path: String,
        location: Location,
        message: String,
    },
    /// A WARC response whose HTTP message cannot be read (headers, chunked body, content encoding).
    #[error("{path}: {location}bad HTTP payload: {message}")]
    Http {
        path: String,
        location: Location,
        message: String,
    },
}

impl IngestError {
    /// The input path as given (or `-` for standard input).
    pub fn path(&self) -> &str {
        match self {
            IngestError::Io { path, .. }
            | IngestError::Gzip { path, .. }
            | IngestError::Binary { path, .. }
            | IngestError::InvalidUtf8 { path, .. }
            | IngestError::TooLarge { path, .. }
            | IngestError::Json { path, .. }
            | IngestError::Warc { path, .. }
            | IngestError::Sgml { path, .. }
            | IngestError::Http { path, .. } => path,
        }
    }

    /// Where in the input the error is.
    pub fn location(&self) -> Location {
        match self {
            IngestError::Io { location, .. }
            | IngestError::Gzip { location, .. }
            | IngestError::Binary { location, .. }
            | IngestError::InvalidUtf8 { location, .. }
            | IngestError::TooLarge { location, .. }
            | IngestError::Json { location, .. }
            | IngestError::Warc { location, .. }
            | IngestError::Sgml { location, .. }
            | IngestError::Http { location, .. } => *location,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn display_names_file_and_line() {
        let e = IngestError::Json {
            path: "news/a.jsonl".into(),
            location: Location::Line {
                line: 17,
                byte: 900,
            },
            message: "expected a string field \"text\"".into(),
        };
        assert_eq!(
            e.to_string(),
            "news/a.jsonl: line 17: expected a string field \"text\""
        );
        assert_eq!(e.location().byte_offset(), Some(900));
        let e = IngestError::Warc {
            path: "crawl.warc.gz".into(),
            location: Location::Record { index: 3, byte: 12 },
            message: "missing Content-Length".into(),
        };
        assert_eq!(
            e.to_string(),
            "crawl.warc.gz: WARC record 3 at byte 12: malformed WARC record: missing Content-Length"
        );
    }
}
