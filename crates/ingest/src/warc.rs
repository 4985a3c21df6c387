//! WARC 1.0/1.1 container reading and writing (ISO 28500): version line, headers, `Content-Length` body, CRLF CRLF.
//!
//! The reader streams within the record limit: bodies the caller does not want (requests, metadata) go through a
//! reused buffer and are not returned, and a body larger than the limit is skipped unread and reported. After a malformed record it resynchronises on the
//! next line that starts with `WARC/1.`; when a wrong `Content-Length` swallowed the start of the next record, the
//! bytes read are searched for it and put back. Errors name the record index and byte offset.

use crate::error::{IngestError, Location};
use crate::excerpt::excerpt;
use crate::stream::{InputStream, LineRead};
use std::io::{self, BufRead, Write};

/// Longest WARC header line accepted.
pub const MAX_WARC_HEADER_LINE: usize = 64 * 1024;
/// Largest WARC header block accepted.
pub const MAX_WARC_HEADER_BYTES: usize = 1024 * 1024;

/// What follows every record body.
const RECORD_TRAILER: &[u8] = b"\r\n\r\n";
/// Where resynchronisation may restart: a line beginning with this.
const VERSION_PREFIX: &[u8] = b"WARC/1.";

/// One header: name and trimmed value.
pub type Header = (String, String);

/// One WARC record: its headers and, when wanted, its body.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WarcRecord {
    /// Zero-based index of the record in the file (records whose header could not be parsed are not counted).
    pub index: u64,
    /// Byte offset of the `WARC/1.x` line in the (decompressed) input.
    pub offset: u64,
    /// The version line without its line end, e.g. `WARC/1.1`.
    pub version: String,
    /// Headers in file order (`Content-Length` included), values trimmed.
    pub headers: Vec<(String, String)>,
    pub content_length: u64,
    /// The block; `None` when the caller's filter did not want it.
    pub body: Option<Vec<u8>>,
}

impl WarcRecord {
    /// The first header named `name` (case-insensitive).
    pub fn header(&self, name: &str) -> Option<&str> {
        header_in(&self.headers, name)
    }

    /// `WARC-Type`, e.g. `response`.
    pub fn record_type(&self) -> Option<&str> {
        self.header("WARC-Type")
    }

    pub fn location(&self) -> Location {
        Location::Record {
            index: self.index,
            byte: self.offset,
        }
    }
}

/// The first header named `name` (case-insensitive) in a header list.
pub fn header_in<'a>(headers: &'a [(String, String)], name: &str) -> Option<&'a str> {
    headers
        .iter()
        .find(|(k, _)| k.eq_ignore_ascii_case(name))
        .map(|(_, v)| v.as_str())
}

/// Writes one WARC/1.1 record; `Content-Length` is added from `body`, so `headers` must not contain it.
///
/// ```
/// let mut out = Vec::new();
/// dyad_ingest::warc::write_record(&mut out, &[("WARC-Type", "resource")], b"hi").unwrap();
/// assert_eq!(out, b"WARC/1.1\r\nWARC-Type: resource\r\nContent-Length: 2\r\n\r\nhi\r\n\r\n");
/// ```
pub fn write_record<W: Write>(
    out: &mut W,
    headers: &[(&str, &str)],
    body: &[u8],
) -> io::Result<()> {
    out.write_all(b"WARC/1.1\r\n")?;
    for (name, value) in headers {
        write!(out, "{name}: {value}\r\n")?;
    }
    write!(out, "Content-Length: {}\r\n\r\n", body.len())?;
    out.write_all(body)?;
    out.write_all(RECORD_TRAILER)
}

/// Streaming WARC reader.
pub struct WarcReader {
    input: InputStream,
    path: String,
    max_record_bytes: u64,
    next_index: u64,
    /// Set after a malformed record: skip to the next version line before reading on.
    resync: bool,
    done: bool,
    line: Vec<u8>,
    /// Reused buffer for bodies the caller does not want.
    scratch: Vec<u8>,
}

impl WarcReader {
    /// A reader over decompressed WARC bytes; `path` is used in errors.
    pub fn new<R: BufRead + Send + 'static>(
        input: R,
        path: &str,
        max_record_bytes: u64,
    ) -> WarcReader {
        WarcReader::from_stream(InputStream::new(Box::new(input)), path, max_record_bytes)
    }

    pub(crate) fn from_stream(input: InputStream, path: &str, max_record_bytes: u64) -> WarcReader {
        WarcReader {
            input,
            path: path.to_string(),
            max_record_bytes,
            next_index: 0,
            resync: false,
            done: false,
            line: Vec::new(),
            scratch: Vec::new(),
        }
    }

    /// Reads the next record; `want_body` sees its headers and says whether to keep the body. `None` at the end.
    pub fn next_record(
        &mut self,
        want_body: &dyn Fn(&[Header]) -> bool,
    ) -> Option<Result<WarcRecord, IngestError>> {
        if self.done {
            return None;
        }
        let result = self.read_record(want_body);
        match result {
            Ok(Some(r)) => Some(Ok(r)),
            Ok(None) => {
                self.done = true;
                None
            }
            Err(e) => Some(Err(e)),
        }
    }

    fn warc_error(&self, location: Location, message: String) -> IngestError {
        IngestError::Warc {
            path: self.path.clone(),
            location,
            message,
        }
    }

    /// An I/O error ends the file: a failing decoder cannot be resynchronised.
    fn io_error(&mut self, source: io::Error) -> IngestError {
        self.done = true;
        crate::io_to_ingest_error(&self.path, Location::Byte(self.input.offset()), source)
    }

    fn read_record(
        &mut self,
        want_body: &dyn Fn(&[Header]) -> bool,
    ) -> Result<Option<WarcRecord>, IngestError> {
        if self.resync {
            self.resync = false;
            if !self.skip_to_version_line().map_err(|e| self.io_error(e))? {
                return Ok(None);
            }
        }
        // Version line, after any stray blank lines between records.
        let (offset, version) = loop {
            let offset = self.input.offset();
            let read = self
                .input
                .read_line_bounded(&mut self.line, MAX_WARC_HEADER_LINE)
                .map_err(|e| self.io_error(e))?;
            match read {
                LineRead::Eof => return Ok(None),
                LineRead::Line if trim_eol(&self.line).is_empty() => continue,
                LineRead::Line if self.line.starts_with(b"WARC/") => {
                    break (
                        offset,
                        String::from_utf8_lossy(trim_eol(&self.line)).into_owned(),
                    )
                }
                _ => {
                    self.resync = true;
                    let shown =
                        String::from_utf8_lossy(&self.line[..self.line.len().min(40)]).into_owned();
                    return Err(self.warc_error(
                        Location::Byte(offset),
                        format!(
                            "expected a WARC/1.x version line, found {:?}",
                            shown.trim_end()
                        ),
                    ));
                }
            }
        };
        let at = Location::Byte(offset);
        let headers = match self.read_headers()? {
            Ok(h) => h,
            Err(message) => {
                self.resync = true;
                return Err(self.warc_error(at, message));
            }
        };
        let content_length = match header_in(&headers, "Content-Length") {
            None => {
                self.resync = true;
                return Err(self.warc_error(at, "missing Content-Length header".into()));
            }
            Some(v) => match v.trim().parse::<u64>() {
                Ok(n) => n,
                Err(_) => {
                    self.resync = true;
                    return Err(self.warc_error(at, format!("bad Content-Length {:?}", excerpt(v))));
                }
            },
        };
        let index = self.next_index;
        self.next_index += 1;
        let location = Location::Record {
            index,
            byte: offset,
        };
        let record_type_missing = header_in(&headers, "WARC-Type").is_none();
        let too_large = content_length > self.max_record_bytes;
        let keep = !too_large && !record_type_missing && want_body(&headers);

        // Bodies are read even when not wanted (into a reused buffer), so that a wrong Content-Length can be
        // detected and the records it swallowed recovered; only bodies over the limit are skipped unread.
        let mut body = if keep {
            Vec::with_capacity(content_length.min(1 << 20) as usize)
        } else {
            let mut scratch = std::mem::take(&mut self.scratch);
            scratch.clear();
            scratch
        };
        let got = if too_large {
            self.input.skip(content_length)
        } else {
            self.input.take_into(&mut body, content_length)
        }
        .map_err(|e| self.io_error(e))?;
        if got < content_length {
            // A wrong length may have run over later records to the end of the input: put back from the first
            // version line inside, if any, and read on from there.
            match find_version_line(&body) {
                Some(p) => {
                    self.input.unread(&body[p..]);
                    self.resync = true;
                }
                None => self.done = true,
            }
            return Err(self.truncated(location, content_length, got));
        }
        let trailer = self.read_trailer((!too_large).then_some(&body[..]), content_length)?;
        let body = if keep {
            Some(body)
        } else {
            self.scratch = body;
            None
        };
        if let Err(message) = trailer {
            self.resync = true;
            return Err(self.warc_error(location, message));
        }
        if too_large {
            return Err(IngestError::TooLarge {
                path: self.path.clone(),
                location,
                limit: self.max_record_bytes,
            });
        }
        if record_type_missing {
            return Err(self.warc_error(location, "missing WARC-Type header".into()));
        }
        Ok(Some(WarcRecord {
            index,
            offset,
            version,
            headers,
            content_length,
            body,
        }))
    }

    fn truncated(&self, location: Location, want: u64, got: u64) -> IngestError {
        self.warc_error(
            location,
            format!("truncated: Content-Length is {want} but only {got} bytes follow"),
        )
    }

    /// Header lines up to the blank line. The outer `Result` is I/O, the inner one a malformed header.
    #[allow(clippy::type_complexity)]
    fn read_headers(&mut self) -> Result<Result<Vec<(String, String)>, String>, IngestError> {
        let mut headers: Vec<(String, String)> = Vec::new();
        let mut total = 0usize;
        loop {
            let read = self
                .input
                .read_line_bounded(&mut self.line, MAX_WARC_HEADER_LINE)
                .map_err(|e| self.io_error(e))?;
            match read {
                LineRead::Eof => return Ok(Err("input ends inside the record header".into())),
                LineRead::TooLong { len } => {
                    return Ok(Err(format!(
                        "header line of {len} bytes is longer than {MAX_WARC_HEADER_LINE}"
                    )))
                }
                LineRead::Line => {}
            }
            total += self.line.len();
            if total > MAX_WARC_HEADER_BYTES {
                return Ok(Err(format!(
                    "header block longer than {MAX_WARC_HEADER_BYTES} bytes"
                )));
            }
            if !self.line.ends_with(b"\n") {
                return Ok(Err("input ends inside the record header".into()));
            }
            let line = trim_eol(&self.line);
            if line.is_empty() {
                return Ok(Ok(headers));
            }
            if line.starts_with(VERSION_PREFIX) {
                // A new record starts before this one's header ended: put it back for the resync.
                let again = self.line.clone();
                self.input.unread(&again);
                return Ok(Err("record header not terminated by a blank line".into()));
            }
            let text = String::from_utf8_lossy(line);
            if matches!(line[0], b' ' | b'\t') {
                match headers.last_mut() {
                    Some((_, v)) => {
                        v.push(' ');
                        v.push_str(text.trim());
                        continue;
                    }
                    None => return Ok(Err("continuation line before any header".into())),
                }
            }
            match text.split_once(':') {
                Some((name, value)) if !name.trim().is_empty() => {
                    headers.push((name.trim().to_string(), value.trim().to_string()))
                }
                _ => {
                    return Ok(Err(format!(
                        "header line without a name and colon: {:?}",
                        excerpt(&text)
                    )))
                }
            }
        }
    }

    /// Checks the CRLF CRLF after a body. The inner `Err` says the length was wrong; anything read that may
    /// belong to the next record is put back.
    fn read_trailer(
        &mut self,
        body: Option<&[u8]>,
        content_length: u64,
    ) -> Result<Result<(), String>, IngestError> {
        let mut trailer = Vec::with_capacity(RECORD_TRAILER.len());
        self.input
            .take_into(&mut trailer, RECORD_TRAILER.len() as u64)
            .map_err(|e| self.io_error(e))?;
        if trailer == RECORD_TRAILER || RECORD_TRAILER.starts_with(&trailer) {
            // Complete, or a file that ends right after the body (some writers drop the final CRLF CRLF).
            return Ok(Ok(()));
        }
        // Lenient: bare LF LF, or a single line end right before the next record.
        let lenient_end = if trailer.starts_with(b"\n\n") || trailer.starts_with(b"\r\nW") {
            Some(2)
        } else if trailer.starts_with(b"\nW") {
            Some(1)
        } else {
            None
        };
        if let Some(end) = lenient_end {
            self.input.unread(&trailer[end..]);
            return Ok(Ok(()));
        }
        // Wrong length. If the body swallowed the next version line, put everything from it back.
        let mut tail = Vec::new();
        if let Some(body) = body {
            let mut joined = body.to_vec();
            joined.extend_from_slice(&trailer);
            if let Some(p) = find_version_line(&joined) {
                tail = joined.split_off(p);
            }
        }
        if tail.is_empty() {
            self.input.unread(&trailer);
        } else {
            self.input.unread(&tail);
        }
        Ok(Err(format!(
            "record does not end with CRLF CRLF after {content_length} bytes: Content-Length looks wrong"
        )))
    }

    /// Consumes lines up to the next one starting with `WARC/1.`, which is put back; `false` at end of input.
    fn skip_to_version_line(&mut self) -> io::Result<bool> {
        loop {
            match self
                .input
                .read_line_bounded(&mut self.line, MAX_WARC_HEADER_LINE)?
            {
                LineRead::Eof => return Ok(false),
                LineRead::Line if self.line.starts_with(VERSION_PREFIX) => {
                    let again = std::mem::take(&mut self.line);
                    self.input.unread(&again);
                    self.line = again;
                    return Ok(true);
                }
                _ => {}
            }
        }
    }
}

impl Iterator for WarcReader {
    type Item = Result<WarcRecord, IngestError>;

    /// Every record, with its body.
    fn next(&mut self) -> Option<Self::Item> {
        self.next_record(&|_| true)
    }
}

/// Position of the first `WARC/1.` at the start of a line (not at offset 0) in `bytes`.
fn find_version_line(bytes: &[u8]) -> Option<usize> {
    memchr::memmem::find_iter(bytes, VERSION_PREFIX).find(|&p| p > 0 && bytes[p - 1] == b'\n')
}

fn trim_eol(line: &[u8]) -> &[u8] {
    let line = line.strip_suffix(b"\n").unwrap_or(line);
    line.strip_suffix(b"\r").unwrap_or(line)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn reader(bytes: Vec<u8>) -> WarcReader {
        WarcReader::new(io::Cursor::new(bytes), "t.warc", 1 << 20)
    }

    fn record(body: &[u8]) -> Vec<u8> {
        let mut out = Vec::new();
        write_record(
            &mut out,
            &[("WARC-Type", "resource"), ("WARC-Target-URI", "http://x/")],
            body,
        )
        .unwrap();
        out
    }

    #[test]
    fn reads_written_records() {
        let mut bytes = record(b"first");
        bytes.extend(record(b"second\r\n\r\nbody"));
        let got: Vec<_> = reader(bytes).collect::<Result<_, _>>().unwrap();
        assert_eq!(got.len(), 2);
        assert_eq!(got[1].body.as_deref(), Some(&b"second\r\n\r\nbody"[..]));
        assert_eq!(got[1].header("warc-target-uri"), Some("http://x/"));
        assert_eq!(got[1].index, 1);
        assert_eq!(got[1].offset, record(b"first").len() as u64);
    }

    #[test]
    fn too_long_content_length_gives_back_the_next_record() {
        let mut bad = record(b"aaaa");
        let text = String::from_utf8(bad.clone())
            .unwrap()
            .replace("Content-Length: 4", "Content-Length: 40");
        bad = text.into_bytes();
        bad.extend(record(b"next record body, long enough to be swallowed"));
        // Also when the caller does not want the bodies: the swallowed record is still recovered.
        let mut unwanted = reader(bad.clone());
        let first = unwanted.next_record(&|_| false).unwrap();
        assert!(first.is_err());
        let second = unwanted.next_record(&|_| false).unwrap().unwrap();
        assert_eq!((second.index, second.body), (1, None));
        assert!(unwanted.next_record(&|_| false).is_none());
        let got: Vec<_> = reader(bad).collect();
        assert_eq!(got.len(), 2, "{got:?}");
        let err = got[0].as_ref().unwrap_err().to_string();
        assert!(
            err.contains("t.warc: WARC record 0 at byte 0: malformed WARC record"),
            "{err}"
        );
        let ok = got[1].as_ref().unwrap();
        assert_eq!(
            ok.body.as_deref(),
            Some(&b"next record body, long enough to be swallowed"[..])
        );
    }

    #[test]
    fn missing_length_and_garbage_resync() {
        let mut bytes = b"WARC/1.0\r\nWARC-Type: response\r\n\r\njunk\r\n\r\n".to_vec();
        bytes.extend(b"garbage line\n");
        bytes.extend(record(b"ok"));
        let got: Vec<_> = reader(bytes).collect();
        assert_eq!(got.len(), 2, "{got:?}");
        assert!(got[0]
            .as_ref()
            .unwrap_err()
            .to_string()
            .contains("missing Content-Length"));
        assert_eq!(got[1].as_ref().unwrap().body.as_deref(), Some(&b"ok"[..]));
    }

    #[test]
    fn length_running_past_the_end_gives_back_later_records() {
        let first = String::from_utf8(record(b"aaaa")).unwrap();
        let mut bytes = first
            .replace("Content-Length: 4", "Content-Length: 4000")
            .into_bytes();
        bytes.extend(record(b"second"));
        bytes.extend(record(b"third"));
        let got: Vec<_> = reader(bytes).collect();
        assert_eq!(got.len(), 3, "{got:?}");
        assert!(got[0]
            .as_ref()
            .unwrap_err()
            .to_string()
            .contains("truncated"));
        assert_eq!(
            got[1].as_ref().unwrap().body.as_deref(),
            Some(&b"second"[..])
        );
        assert_eq!(
            got[2].as_ref().unwrap().body.as_deref(),
            Some(&b"third"[..])
        );
    }

    #[test]
    fn truncated_body_is_an_error() {
        let mut bytes = record(b"0123456789");
        bytes.truncate(bytes.len() - 10);
        let got: Vec<_> = reader(bytes).collect();
        assert_eq!(got.len(), 1);
        assert!(got[0]
            .as_ref()
            .unwrap_err()
            .to_string()
            .contains("truncated"));
    }
}
