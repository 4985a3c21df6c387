//! HTTP/1.x response messages as stored in WARC `response` records: status line and headers split off, chunked
//! transfer-encoding undone, gzip/deflate content-encoding decoded, all within a size limit.

use crate::excerpt::excerpt;
use flate2::read::{DeflateDecoder, MultiGzDecoder, ZlibDecoder};
use std::io::Read;

/// Longest header block accepted; real responses stay far below (a few KiB of cookies at worst).
pub const MAX_HTTP_HEADER_BYTES: usize = 256 * 1024;

/// A parsed HTTP response head; `body_start` is where the payload begins in the record body.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HttpHead {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body_start: usize,
}

impl HttpHead {
    /// The first header named `name` (case-insensitive).
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }

    /// Whether a comma-separated header (Transfer-Encoding, Content-Encoding) lists `token`.
    pub fn lists(&self, name: &str, token: &str) -> bool {
        self.headers
            .iter()
            .filter(|(k, _)| k.eq_ignore_ascii_case(name))
            .flat_map(|(_, v)| v.split(','))
            .any(|t| t.trim().eq_ignore_ascii_case(token))
    }
}

/// Parses the status line and headers at the start of `message`. Accepts bare `\n` line ends, as some crawlers
/// write them.
pub fn parse_head(message: &[u8]) -> Result<HttpHead, String> {
    let window = &message[..message.len().min(MAX_HTTP_HEADER_BYTES)];
    let (head_len, body_start) = match find_head_end(window) {
        Some(v) => v,
        None if message.len() > MAX_HTTP_HEADER_BYTES => {
            return Err(format!(
                "HTTP headers longer than {MAX_HTTP_HEADER_BYTES} bytes"
            ))
        }
        None => return Err("HTTP headers are not terminated by a blank line".into()),
    };
    let head = String::from_utf8_lossy(&window[..head_len]);
    let mut lines = head.split('\n').map(|l| l.strip_suffix('\r').unwrap_or(l));
    let status_line = lines.next().unwrap_or("");
    let status = parse_status_line(status_line)?;
    let mut headers: Vec<(String, String)> = Vec::new();
    for line in lines {
        if line.starts_with([' ', '\t']) {
            // Obsolete line folding: continue the previous value.
            if let Some((_, v)) = headers.last_mut() {
                v.push(' ');
                v.push_str(line.trim());
            }
            continue;
        }
        if let Some((name, value)) = line.split_once(':') {
            headers.push((name.trim().to_string(), value.trim().to_string()));
        }
    }
    Ok(HttpHead {
        status,
        headers,
        body_start,
    })
}

fn parse_status_line(line: &str) -> Result<u16, String> {
    let mut parts = line.split_whitespace();
    let version = parts.next().unwrap_or("");
    if !version.starts_with("HTTP/") {
        return Err(format!("not an HTTP status line: {:?}", excerpt(line)));
    }
    parts
        .next()
        .and_then(|s| s.parse::<u16>().ok())
        .filter(|s| (100..1000).contains(s))
        .ok_or_else(|| format!("bad HTTP status in {:?}", excerpt(line)))
}

/// `(end of the header lines, start of the body)`.
fn find_head_end(b: &[u8]) -> Option<(usize, usize)> {
    let mut from = 0;
    while let Some(i) = memchr::memchr(b'\n', &b[from..]) {
        let nl = from + i;
        let rest = &b[nl + 1..];
        if rest.starts_with(b"\r\n") {
            return Some((nl, nl + 3));
        }
        if rest.starts_with(b"\n") {
            return Some((nl, nl + 2));
        }
        from = nl + 1;
    }
    None
}

/// Undoes chunked transfer-encoding. A payload that does not start with a chunk-size line is returned as is: many
/// archivers store the de-chunked body but keep the original header.
pub fn dechunk(payload: &[u8], limit: usize) -> Result<Option<Vec<u8>>, String> {
    if !starts_with_chunk_size(payload) {
        return Ok(None);
    }
    let mut out = Vec::with_capacity(payload.len().min(limit));
    let mut pos = 0;
    loop {
        let line_end = memchr::memchr(b'\n', &payload[pos..])
            .map(|i| pos + i)
            .ok_or_else(|| format!("chunk size line missing at payload byte {pos}"))?;
        let line = std::str::from_utf8(&payload[pos..line_end])
            .map_err(|_| format!("bad chunk size at payload byte {pos}"))?;
        let size_text = line
            .trim_end_matches('\r')
            .split(';')
            .next()
            .unwrap_or("")
            .trim();
        let size = usize::from_str_radix(size_text, 16).map_err(|_| {
            format!(
                "bad chunk size {:?} at payload byte {pos}",
                excerpt(size_text)
            )
        })?;
        pos = line_end + 1;
        if size == 0 {
            // Trailers, if any, are ignored.
            return Ok(Some(out));
        }
        let end = pos
            .checked_add(size)
            .filter(|&e| e <= payload.len())
            .ok_or_else(|| {
                format!("chunk of {size} bytes at payload byte {pos} runs past the end")
            })?;
        if out.len() + size > limit {
            return Err(format!("de-chunked payload larger than {limit} bytes"));
        }
        out.extend_from_slice(&payload[pos..end]);
        pos = end;
        // CRLF after the chunk data; tolerate a bare LF or a missing terminator at the very end.
        if payload[pos..].starts_with(b"\r\n") {
            pos += 2;
        } else if payload[pos..].starts_with(b"\n") {
            pos += 1;
        }
        if pos >= payload.len() {
            // Truncated after a full chunk: keep what was there, as browsers do.
            return Ok(Some(out));
        }
    }
}

fn starts_with_chunk_size(payload: &[u8]) -> bool {
    let digits = payload.iter().take_while(|b| b.is_ascii_hexdigit()).count();
    digits > 0 && digits <= 16 && matches!(payload.get(digits), Some(b'\r' | b'\n' | b';' | b' '))
}

/// Decodes a gzip or deflate content-encoding. Payloads already decoded by the archiver (no gzip magic for gzip)
/// are returned as `None`, meaning "use as is".
pub fn decode_content(
    payload: &[u8],
    encoding: &str,
    limit: usize,
) -> Result<Option<Vec<u8>>, String> {
    let encoding = encoding.trim().to_ascii_lowercase();
    let mut out = Vec::new();
    let result = match encoding.as_str() {
        "" | "identity" => return Ok(None),
        "gzip" | "x-gzip" => {
            if !payload.starts_with(&crate::sniff::GZIP_MAGIC) {
                return Ok(None);
            }
            MultiGzDecoder::new(payload)
                .take(limit as u64 + 1)
                .read_to_end(&mut out)
        }
        "deflate" => {
            // "deflate" is zlib-wrapped by the standard but raw deflate from some servers.
            let zlib = ZlibDecoder::new(payload)
                .take(limit as u64 + 1)
                .read_to_end(&mut out);
            if zlib.is_err() {
                out.clear();
                DeflateDecoder::new(payload)
                    .take(limit as u64 + 1)
                    .read_to_end(&mut out)
            } else {
                zlib
            }
        }
        other => return Err(format!("unsupported Content-Encoding {:?}", excerpt(other))),
    };
    result.map_err(|e| format!("{encoding} content-encoding: {e}"))?;
    if out.len() > limit {
        return Err(format!("decoded payload larger than {limit} bytes"));
    }
    Ok(Some(out))
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    #[test]
    fn head_split_with_crlf_and_folding() {
        let msg =
            b"HTTP/1.1 200 OK\r\nContent-Type: text/html;\r\n charset=utf-8\r\nX: y\r\n\r\n<html>";
        let h = parse_head(msg).unwrap();
        assert_eq!(h.status, 200);
        assert_eq!(h.header("content-type"), Some("text/html; charset=utf-8"));
        assert_eq!(&msg[h.body_start..], b"<html>");
        assert!(parse_head(b"HTTP/1.1 200 OK\r\nX: y\r\n").is_err());
        assert!(parse_head(b"GET / HTTP/1.1\r\n\r\n").is_err());
    }

    #[test]
    fn chunked_bodies() {
        let body = b"5\r\nhello\r\n7;ext=1\r\n, world\r\n0\r\n\r\n";
        assert_eq!(dechunk(body, 100).unwrap().unwrap(), b"hello, world");
        assert_eq!(dechunk(b"<html>", 100).unwrap(), None);
        assert!(dechunk(b"ff\r\nshort", 100).is_err());
        assert!(dechunk(b"5\r\nhello\r\n0\r\n", 3).is_err());
    }

    #[test]
    fn gzip_content_encoding() {
        let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
        gz.write_all(b"<p>zipped</p>").unwrap();
        let gz = gz.finish().unwrap();
        assert_eq!(
            decode_content(&gz, "gzip", 100).unwrap().unwrap(),
            b"<p>zipped</p>"
        );
        assert_eq!(decode_content(b"<p>plain</p>", "gzip", 100).unwrap(), None);
        assert!(decode_content(&gz[..gz.len() - 9], "gzip", 100).is_err());
        assert!(decode_content(&gz, "gzip", 5).is_err());
        assert!(decode_content(b"x", "br", 100).is_err());
    }
}
