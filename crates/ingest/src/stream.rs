//! A buffered byte stream that knows its offset, can push bytes back (to sniff a format or resynchronise after a bad
//! WARC record) and reads lines and bodies with a size limit, so no single line or record can exhaust memory.

use std::io::{self, BufRead, Read};

/// Outcome of [`InputStream::read_line_bounded`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum LineRead {
    /// End of input before any byte.
    Eof,
    /// A line (with its `\n`, unless it was the last line of the input) was appended to the buffer.
    Line,
    /// The line was longer than the limit; it was consumed up to and including its `\n`, and `len` is its full
    /// length. The buffer holds only its first `limit` bytes.
    TooLong { len: u64 },
}

/// A [`BufRead`] over the decompressed input with an offset counter and a push-back buffer.
pub(crate) struct InputStream {
    inner: Box<dyn BufRead + Send>,
    /// Bytes pushed back, served before `inner`; `pending[pending_pos..]` is what remains.
    pending: Vec<u8>,
    pending_pos: usize,
    offset: u64,
}

impl InputStream {
    pub(crate) fn new(inner: Box<dyn BufRead + Send>) -> InputStream {
        InputStream {
            inner,
            pending: Vec::new(),
            pending_pos: 0,
            offset: 0,
        }
    }

    /// Offset of the next byte to be read, counted in the decompressed input.
    pub(crate) fn offset(&self) -> u64 {
        self.offset
    }

    /// Puts `bytes` back in front of the stream; they are read again next, and the offset moves back.
    pub(crate) fn unread(&mut self, bytes: &[u8]) {
        if bytes.is_empty() {
            return;
        }
        let mut joined = Vec::with_capacity(bytes.len() + self.pending.len() - self.pending_pos);
        joined.extend_from_slice(bytes);
        joined.extend_from_slice(&self.pending[self.pending_pos..]);
        self.pending = joined;
        self.pending_pos = 0;
        self.offset = self.offset.saturating_sub(bytes.len() as u64);
    }

    /// Up to `n` bytes from the front of the stream, without consuming them.
    pub(crate) fn peek(&mut self, n: usize) -> io::Result<Vec<u8>> {
        let mut head = Vec::with_capacity(n.min(1 << 16));
        self.take_into(&mut head, n as u64)?;
        self.unread(&head);
        Ok(head)
    }

    /// Appends up to `limit` bytes to `buf` (fewer only at end of input); returns how many.
    pub(crate) fn take_into(&mut self, buf: &mut Vec<u8>, limit: u64) -> io::Result<u64> {
        let mut got = 0u64;
        while got < limit {
            let chunk = self.fill_buf()?;
            if chunk.is_empty() {
                break;
            }
            let n = chunk
                .len()
                .min((limit - got).min(usize::MAX as u64) as usize);
            buf.extend_from_slice(&chunk[..n]);
            self.consume(n);
            got += n as u64;
        }
        Ok(got)
    }

    /// Discards up to `n` bytes without storing them; returns how many were there.
    pub(crate) fn skip(&mut self, n: u64) -> io::Result<u64> {
        let mut left = n;
        while left > 0 {
            let chunk = self.fill_buf()?;
            if chunk.is_empty() {
                break;
            }
            let k = chunk.len().min(left.min(usize::MAX as u64) as usize);
            self.consume(k);
            left -= k as u64;
        }
        Ok(n - left)
    }

    /// Reads one line (through `\n`) into `buf` (cleared first), keeping at most `limit` bytes of it.
    pub(crate) fn read_line_bounded(
        &mut self,
        buf: &mut Vec<u8>,
        limit: usize,
    ) -> io::Result<LineRead> {
        buf.clear();
        let mut len = 0u64;
        loop {
            let chunk = self.fill_buf()?;
            if chunk.is_empty() {
                return Ok(match len {
                    0 => LineRead::Eof,
                    _ if len > limit as u64 => LineRead::TooLong { len },
                    _ => LineRead::Line,
                });
            }
            let (take, done) = match memchr::memchr(b'\n', chunk) {
                Some(i) => (i + 1, true),
                None => (chunk.len(), false),
            };
            let room = limit.saturating_sub(buf.len());
            buf.extend_from_slice(&chunk[..take.min(room)]);
            len += take as u64;
            self.consume(take);
            if done {
                return Ok(if len > limit as u64 {
                    LineRead::TooLong { len }
                } else {
                    LineRead::Line
                });
            }
        }
    }
}

impl Read for InputStream {
    fn read(&mut self, out: &mut [u8]) -> io::Result<usize> {
        let chunk = self.fill_buf()?;
        let n = chunk.len().min(out.len());
        out[..n].copy_from_slice(&chunk[..n]);
        self.consume(n);
        Ok(n)
    }
}

impl BufRead for InputStream {
    fn fill_buf(&mut self) -> io::Result<&[u8]> {
        if self.pending_pos < self.pending.len() {
            return Ok(&self.pending[self.pending_pos..]);
        }
        self.inner.fill_buf()
    }

    fn consume(&mut self, amt: usize) {
        if self.pending_pos < self.pending.len() {
            let amt = amt.min(self.pending.len() - self.pending_pos);
            self.pending_pos += amt;
            if self.pending_pos == self.pending.len() {
                self.pending.clear();
                self.pending_pos = 0;
            }
            self.offset += amt as u64;
        } else {
            self.inner.consume(amt);
            self.offset += amt as u64;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn stream(bytes: &'static [u8]) -> InputStream {
        // A tiny buffer so lines span several fills.
        InputStream::new(Box::new(io::BufReader::with_capacity(3, bytes)))
    }

    #[test]
    fn bounded_lines_consume_long_lines_whole() {
        let mut s = stream(b"short\nthis line is long\nlast");
        let mut buf = Vec::new();
        assert_eq!(s.read_line_bounded(&mut buf, 8).unwrap(), LineRead::Line);
        assert_eq!(buf, b"short\n");
        assert_eq!(
            s.read_line_bounded(&mut buf, 8).unwrap(),
            LineRead::TooLong { len: 18 }
        );
        assert_eq!(buf, b"this lin");
        assert_eq!(s.offset(), 24);
        assert_eq!(s.read_line_bounded(&mut buf, 8).unwrap(), LineRead::Line);
        assert_eq!(buf, b"last");
        assert_eq!(s.read_line_bounded(&mut buf, 8).unwrap(), LineRead::Eof);
    }

    #[test]
    fn unread_and_peek_keep_offsets() {
        let mut s = stream(b"WARC/1.1\r\nabc");
        assert_eq!(s.peek(4).unwrap(), b"WARC");
        assert_eq!(s.offset(), 0);
        let mut buf = Vec::new();
        s.read_line_bounded(&mut buf, 100).unwrap();
        assert_eq!(s.offset(), 10);
        s.unread(b"\r\n");
        assert_eq!(s.offset(), 8);
        let mut rest = Vec::new();
        s.read_to_end(&mut rest).unwrap();
        assert_eq!(rest, b"\r\nabc");
        assert_eq!(s.offset(), 13);
    }
}
