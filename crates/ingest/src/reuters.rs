//! Reuters-21578 SGML input (`lewis.dtd`): one record per `<REUTERS …>…</REUTERS>` story, as JSONL has one per line
//! and WARC one per response.
//!
//! The files are line-oriented SGML with no root element, so this is a small streaming tag scanner, not an SGML
//! parser: stories are found in the raw bytes (offsets are byte offsets of the `<REUTERS` tag in the decompressed
//! input), and each is decoded on its own — UTF-8 when it is valid, else windows-1252 with a warning (the
//! collection is ASCII but for one 0xFC, `ü` either way). Character references are decoded
//! ([`crate::entities::decode_entities`]); the wire control characters they encode (`&#2;`, `&#3;`, …) are dropped,
//! as is the closing `Reuter` sign-off of a body.
//!
//! A record's text is the title, a blank line and the body ([`Story::text`]); its date the `<DATE>` day; its id
//! `reut2-000.sgm#NEWID` (the file name without `.gz`; the bare `NEWID` on standard input) and `Provenance::record`
//! the `NEWID`. Stories with neither
//! title nor body are skipped as empty. A story cut off by the end of the input or by the next `<REUTERS` tag, one
//! without a numeric `NEWID`, and a stray `</REUTERS>` fail alone, named by file, story index and byte; no story may
//! exceed the record size limit. Nothing here panics on input.

use crate::entities::decode_entities;
use crate::error::{IngestError, Location};
use crate::stream::InputStream;
use crate::warning::{IngestWarning, WarningKind};
use crate::{ContentKind, RawRecord, RecordHints, SkipReason, Step};
use dyad_model::date::{month_from_name, Date};
use dyad_model::{InputFormat, Provenance};
use memchr::memmem;
use std::io::BufRead;

/// The tag that opens a story (followed by whitespace or `>`).
pub const STORY_OPEN: &[u8] = b"<REUTERS";
/// The tag that closes a story.
pub const STORY_CLOSE: &[u8] = b"</REUTERS>";
/// The sign-off line that ends most bodies; not part of the story.
const SIGN_OFFS: [&str; 2] = ["Reuter", "REUTER"];
/// Bytes read from the input at a time while looking for tags.
const READ_CHUNK: u64 = 64 * 1024;

/// How a story's `<TEXT>` is structured (its `TYPE` attribute).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TextType {
    /// Title, dateline and body.
    Normal,
    /// Title only.
    Brief,
    /// Raw text without title/body structure; its text is in [`Story::body`].
    Unprocessed,
}

/// One Reuters-21578 story.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Story {
    /// `NEWID`: 1–21578 in the collection, chronological and unique.
    pub new_id: u32,
    /// `<DATE>` as ISO 8601 (`1987-02-26T15:01:01`), or just the day when the time is garbled; `None` when the
    /// date does not parse.
    pub date: Option<String>,
    pub topics: Vec<String>,
    pub places: Vec<String>,
    pub text_type: TextType,
    pub title: Option<String>,
    /// The dateline, trimmed (`SALVADOR, Feb 26 -`).
    pub dateline: Option<String>,
    /// The body (or raw text of an unprocessed story), entities decoded, sign-off removed.
    pub body: Option<String>,
    /// Byte offset of the `<REUTERS` tag in the (decompressed) input.
    pub byte_offset: u64,
}

impl Story {
    /// The text a coder reads: title, a blank line, then the body (either may be missing).
    pub fn text(&self) -> String {
        match (&self.title, &self.body) {
            (Some(t), Some(b)) => format!("{t}\n\n{b}"),
            (Some(t), None) => t.clone(),
            (None, Some(b)) => b.clone(),
            (None, None) => String::new(),
        }
    }

    /// The day of `<DATE>`, `YYYY-MM-DD`.
    pub fn day(&self) -> Option<&str> {
        self.date.as_deref().and_then(|d| d.get(..10))
    }
}

/// Where the scanner is between stories.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Scan {
    /// Looking for the next `<REUTERS` tag.
    Between,
    /// Passing over the rest of a story larger than the record limit, up to its `</REUTERS>`.
    SkippingOversized,
}

/// A story's raw bytes as found, before decoding.
struct FoundStory {
    /// Zero-based count of `<REUTERS` tags before it.
    index: u64,
    /// Offset of its `<REUTERS` tag.
    byte: u64,
    bytes: Vec<u8>,
}

/// Streaming reader of the stories of one Reuters-21578 SGML input.
///
/// ```
/// use dyad_ingest::reuters::ReutersReader;
/// let sgml = "<!DOCTYPE lewis SYSTEM \"lewis.dtd\">\n<REUTERS NEWID=\"7\"><DATE>26-FEB-1987 15:01:01.79</DATE>\n\
///             <TEXT><TITLE>AT&amp;T &lt;T> PROFIT UP</TITLE><BODY>Net rose.\n Reuter\n&#3;</BODY></TEXT></REUTERS>\n";
/// let stories: Vec<_> = ReutersReader::new(std::io::Cursor::new(sgml), "t.sgm", 1 << 20).collect();
/// let story = stories[0].as_ref().unwrap();
/// assert_eq!((story.new_id, story.day()), (7, Some("1987-02-26")));
/// assert_eq!(story.text(), "AT&T <T> PROFIT UP\n\nNet rose.");
/// ```
pub struct ReutersReader {
    input: InputStream,
    path: String,
    max_record_bytes: u64,
    strict_utf8: bool,
    /// Bytes read; `buf[pos..]` are not yet passed, and `buf[pos]` is at input offset `buf_offset`.
    buf: Vec<u8>,
    pos: usize,
    buf_offset: u64,
    eof: bool,
    done: bool,
    scan: Scan,
    /// `<REUTERS` tags met so far (good or bad stories).
    stories_seen: u64,
    /// Whether any byte outside stories was not whitespace (the DOCTYPE line, or a file that is no SGML at all).
    other_content: bool,
    warnings: Vec<IngestWarning>,
}

impl ReutersReader {
    /// A reader over decompressed SGML bytes; `path` is used in errors.
    pub fn new<R: BufRead + Send + 'static>(
        input: R,
        path: &str,
        max_record_bytes: u64,
    ) -> ReutersReader {
        ReutersReader::from_stream(
            InputStream::new(Box::new(input)),
            path,
            max_record_bytes,
            false,
        )
    }

    pub(crate) fn from_stream(
        input: InputStream,
        path: &str,
        max_record_bytes: u64,
        strict_utf8: bool,
    ) -> ReutersReader {
        ReutersReader {
            input,
            path: path.to_string(),
            max_record_bytes,
            strict_utf8,
            buf: Vec::new(),
            pos: 0,
            buf_offset: 0,
            eof: false,
            done: false,
            scan: Scan::Between,
            stories_seen: 0,
            other_content: false,
            warnings: Vec::new(),
        }
    }

    /// Warnings (stories decoded from windows-1252) since the last call.
    pub fn take_warnings(&mut self) -> Vec<IngestWarning> {
        std::mem::take(&mut self.warnings)
    }

    /// Whether the input, read to its end, held no story and nothing but whitespace (an empty file).
    fn was_blank(&self) -> bool {
        self.done && self.stories_seen == 0 && !self.other_content
    }

    fn sgml_error(&self, location: Location, message: impl Into<String>) -> IngestError {
        IngestError::Sgml {
            path: self.path.clone(),
            location,
            message: message.into(),
        }
    }

    /// The bytes read but not yet passed.
    fn window(&self) -> &[u8] {
        &self.buf[self.pos..]
    }

    /// Reads another chunk into the buffer; sets `eof` when there is no more.
    fn fill(&mut self) -> Result<(), IngestError> {
        self.buf.drain(..self.pos);
        self.pos = 0;
        match self.input.take_into(&mut self.buf, READ_CHUNK) {
            Ok(0) => {
                self.eof = true;
                Ok(())
            }
            Ok(_) => Ok(()),
            Err(e) => {
                self.done = true;
                let at = Location::Byte(self.buf_offset + self.buf.len() as u64);
                Err(crate::io_to_ingest_error(&self.path, at, e))
            }
        }
    }

    /// Passes the next `n` bytes; bytes outside any story are noted when they are more than whitespace.
    fn pass(&mut self, n: usize) {
        if self.scan == Scan::Between
            && !self.other_content
            && self.window()[..n].iter().any(|b| !b.is_ascii_whitespace())
        {
            self.other_content = true;
        }
        self.pos += n;
        self.buf_offset += n as u64;
    }

    fn read_story(&mut self) -> Option<Result<Story, IngestError>> {
        while !self.done {
            match self.next_story_bytes() {
                Ok(Some(found)) => return Some(self.parse(found)),
                Ok(None) => {}
                Err(e) => return Some(Err(e)),
            }
        }
        None
    }

    /// The next story (from its `<REUTERS` tag to before its `</REUTERS>`); `Ok(None)` when the input ended (then
    /// `done` is set).
    fn next_story_bytes(&mut self) -> Result<Option<FoundStory>, IngestError> {
        // Find the next `<REUTERS` tag; a `</REUTERS>` met first is stray, or ends an oversized story.
        loop {
            let open = find_open_tag(self.window(), 0, self.eof);
            let close = memmem::find(self.window(), STORY_CLOSE);
            match (open, close) {
                (_, Some(c)) if open.is_none_or(|o| c < o) => {
                    let at = self.buf_offset + c as u64;
                    self.pass(c);
                    let stray = self.scan == Scan::Between;
                    self.scan = Scan::Between;
                    self.pass(STORY_CLOSE.len());
                    if stray {
                        let message = "</REUTERS> without a <REUTERS> tag";
                        return Err(self.sgml_error(Location::Byte(at), message));
                    }
                    continue;
                }
                (Some(o), _) => {
                    self.pass(o);
                    self.scan = Scan::Between;
                    break;
                }
                _ => {}
            }
            // Keep a tail that may hold the start of a tag.
            let len = self.window().len();
            self.pass(if self.eof {
                len
            } else {
                len.saturating_sub(STORY_CLOSE.len())
            });
            if self.eof {
                self.done = true;
                if self.stories_seen == 0 && self.other_content {
                    return Err(self.sgml_error(
                        Location::File,
                        "no <REUTERS> story in the input (read it as text with --format text)",
                    ));
                }
                return Ok(None);
            }
            self.fill()?;
        }
        let index = self.stories_seen;
        self.stories_seen += 1;
        let byte = self.buf_offset;
        let location = Location::Story { index, byte };
        // Find its end: `</REUTERS>`, or the next `<REUTERS` tag if that comes first.
        let mut from = STORY_OPEN.len();
        loop {
            let window = self.window();
            let close = memmem::find(&window[from..], STORY_CLOSE).map(|c| from + c);
            let next = find_open_tag(window, from, self.eof);
            let end = match (close, next) {
                (Some(c), n) if n.is_none_or(|n| c < n) => Some(c),
                (_, Some(n)) => {
                    self.pass(n);
                    let message = "no </REUTERS> before the next <REUTERS> tag";
                    return Err(self.sgml_error(location, message));
                }
                _ => None,
            };
            let len = end.unwrap_or(window.len());
            if len as u64 > self.max_record_bytes {
                // Pass over the story; its `</REUTERS>` (or the next `<REUTERS`) ends the skip.
                self.scan = Scan::SkippingOversized;
                // Always past the opening tag, so the same story is not found again (a story shorter than
                // `</REUTERS>` would otherwise pass nothing and fail for ever).
                self.pass(
                    len.saturating_sub(STORY_CLOSE.len())
                        .max(STORY_OPEN.len().min(len)),
                );
                return Err(IngestError::TooLarge {
                    path: self.path.clone(),
                    location,
                    limit: self.max_record_bytes,
                });
            }
            if let Some(c) = end {
                let bytes = self.window()[..c].to_vec();
                self.pass(c + STORY_CLOSE.len());
                return Ok(Some(FoundStory { index, byte, bytes }));
            }
            if self.eof {
                self.pass(len);
                self.done = true;
                let message = "truncated: the input ends before </REUTERS>";
                return Err(self.sgml_error(location, message));
            }
            from = len.saturating_sub(STORY_CLOSE.len()).max(from);
            // `fill` moves the window to the start of the buffer: `from` is relative to the window.
            self.fill()?;
        }
    }

    /// Decodes and parses one story's bytes.
    fn parse(&mut self, found: FoundStory) -> Result<Story, IngestError> {
        let FoundStory { index, byte, bytes } = found;
        let location = Location::Story { index, byte };
        let text = match String::from_utf8(bytes) {
            Ok(text) => text,
            Err(e) if self.strict_utf8 => {
                return Err(IngestError::InvalidUtf8 {
                    path: self.path.clone(),
                    location,
                    bad_byte: byte + e.utf8_error().valid_up_to() as u64,
                })
            }
            Err(e) => {
                let encoding = encoding_rs::WINDOWS_1252;
                let (text, _) = encoding.decode_without_bom_handling(e.as_bytes());
                self.warnings.push(IngestWarning {
                    path: self.path.clone(),
                    location,
                    kind: WarningKind::NotUtf8 {
                        decoded_as: encoding,
                        replaced_bad_bytes: false,
                    },
                });
                text.into_owned()
            }
        };
        parse_story(&text, byte).map_err(|message| self.sgml_error(location, message))
    }
}

impl Iterator for ReutersReader {
    type Item = Result<Story, IngestError>;

    /// Every story, in file order.
    fn next(&mut self) -> Option<Self::Item> {
        self.read_story()
    }
}

/// Every story of one Reuters-21578 data file, in file order: `.sgm`, or gzipped (told by its magic bytes, so
/// `reut2-000.sgm.gz` and a gzipped file without the suffix alike). The first malformed story is the error. For
/// benchmarks, tests and examples that want the stories themselves; `dyad code` reads these files as records and
/// goes on past a bad story.
pub fn read_file(path: &std::path::Path) -> Result<Vec<Story>, IngestError> {
    let name = path.display().to_string();
    let raw = std::fs::read(path).map_err(|source| IngestError::Io {
        path: name.clone(),
        location: Location::File,
        source,
    })?;
    let bytes = if raw.starts_with(&[0x1f, 0x8b]) {
        let mut out = Vec::with_capacity(raw.len().saturating_mul(4));
        std::io::Read::read_to_end(
            &mut flate2::read::MultiGzDecoder::new(raw.as_slice()),
            &mut out,
        )
        .map_err(|source| IngestError::Gzip {
            path: name.clone(),
            location: Location::Byte(out.len() as u64),
            source,
        })?;
        out
    } else {
        raw
    };
    ReutersReader::new(
        std::io::Cursor::new(bytes),
        &name,
        crate::DEFAULT_MAX_RECORD_BYTES,
    )
    .collect()
}

/// The records of a Reuters-21578 input: stories as [`RawRecord`]s, empty ones skipped.
pub(crate) struct ReutersRecords {
    reader: ReutersReader,
    /// Prefix of record ids: the file name without `.gz` and a `#`; none for standard input (the id is the NEWID).
    id_prefix: String,
    finished: bool,
}

impl ReutersRecords {
    pub(crate) fn new(
        input: InputStream,
        path: &str,
        name: Option<&str>,
        max_record_bytes: u64,
        strict_utf8: bool,
    ) -> ReutersRecords {
        let name = name.unwrap_or_default();
        ReutersRecords {
            reader: ReutersReader::from_stream(input, path, max_record_bytes, strict_utf8),
            id_prefix: match name {
                "" => String::new(),
                name => format!("{}#", name.strip_suffix(".gz").unwrap_or(name)),
            },
            finished: false,
        }
    }

    pub(crate) fn take_warnings(&mut self) -> Vec<IngestWarning> {
        self.reader.take_warnings()
    }

    pub(crate) fn next_step(&mut self) -> Option<Step> {
        if self.finished {
            return None;
        }
        let story = match self.reader.next() {
            Some(Ok(story)) => story,
            Some(Err(e)) => return Some(Step::Failed(e)),
            None => {
                self.finished = true;
                // An empty input is skipped as empty, as other formats skip an empty file.
                return self
                    .reader
                    .was_blank()
                    .then_some(Step::Skipped(SkipReason::Empty));
            }
        };
        let content = story.text();
        if content.trim().is_empty() {
            return Some(Step::Skipped(SkipReason::Empty));
        }
        Some(Step::Record(RawRecord {
            provenance: Provenance {
                path: self.reader.path.clone(),
                record: Some(u64::from(story.new_id)),
                byte_offset: Some(story.byte_offset),
                url: None,
                format: Some(InputFormat::Reuters),
            },
            kind: ContentKind::Text,
            content,
            hints: RecordHints {
                id: Some(format!("{}{}", self.id_prefix, story.new_id)),
                date: story.day().map(str::to_string),
                ..RecordHints::default()
            },
        }))
    }
}

/// Position of the first `<REUTERS` tag at or after `from`: the name must end (whitespace or `>`), so `<REUTERSX`
/// is no tag. A candidate at the very end of `hay` counts only at end of input.
fn find_open_tag(hay: &[u8], from: usize, eof: bool) -> Option<usize> {
    let hay_from = hay.get(from..)?;
    for p in memmem::find_iter(hay_from, STORY_OPEN) {
        let at = from + p;
        match hay.get(at + STORY_OPEN.len()) {
            Some(b) if b.is_ascii_whitespace() || *b == b'>' => return Some(at),
            Some(_) => continue,
            None if eof => return Some(at),
            None => return None,
        }
    }
    None
}

/// Parses one story, from its `<REUTERS` tag to before its `</REUTERS>`; `byte_offset` is where it starts. `Err` is
/// what is wrong with it.
pub fn parse_story(story: &str, byte_offset: u64) -> Result<Story, String> {
    let open_end = story
        .find('>')
        .ok_or("the <REUTERS tag is not closed by '>'")?;
    let new_id =
        attribute(&story[..open_end], "NEWID").ok_or("<REUTERS> without a NEWID attribute")?;
    let new_id: u32 = new_id.trim().parse().map_err(|_| {
        format!(
            "NEWID {:?} is not a number",
            crate::excerpt::excerpt(new_id)
        )
    })?;
    let (text_type, text_part) = match element_with_attributes(story, "TEXT") {
        Some((attrs, inner)) => {
            let kind = match attribute(attrs, "TYPE") {
                Some("BRIEF") => TextType::Brief,
                Some("UNPROC") => TextType::Unprocessed,
                _ => TextType::Normal,
            };
            (kind, inner)
        }
        None => (TextType::Brief, ""),
    };
    let body = match text_type {
        TextType::Unprocessed => Some(text_part),
        _ => element(text_part, "BODY"),
    };
    Ok(Story {
        new_id,
        date: element(story, "DATE").and_then(parse_date),
        topics: categories(element(story, "TOPICS")),
        places: categories(element(story, "PLACES")),
        text_type,
        title: element(text_part, "TITLE")
            .map(|t| normalize_space(&decode(t)))
            .filter(|t| !t.is_empty()),
        dateline: element(text_part, "DATELINE")
            .map(|d| normalize_space(&decode(d)))
            .filter(|d| !d.is_empty()),
        body: body
            .map(|b| clean_body(&decode(b)))
            .filter(|b| !b.is_empty()),
        byte_offset,
    })
}

/// The content of the first `<name>…</name>` in `text`.
fn element<'a>(text: &'a str, name: &str) -> Option<&'a str> {
    element_with_attributes(text, name).map(|(_, inner)| inner)
}

/// The attribute text and content of the first `<name …>…</name>`.
fn element_with_attributes<'a>(text: &'a str, name: &str) -> Option<(&'a str, &'a str)> {
    let open = format!("<{name}");
    let mut from = 0;
    let start = loop {
        let at = from + text[from..].find(&open)?;
        // `<TEXT` must not match `<TEXTS`: the tag name ends at `>` or whitespace.
        match text[at + open.len()..].chars().next() {
            Some('>') | Some(' ') | Some('\t') | Some('\n') => break at,
            _ => from = at + open.len(),
        }
    };
    let open_end = start + text[start..].find('>')?;
    let attrs = &text[start + open.len()..open_end];
    let close = format!("</{name}>");
    let end = open_end + text[open_end..].find(&close)?;
    Some((attrs, &text[open_end + 1..end]))
}

/// `NAME="value"` from a tag's attribute text.
fn attribute<'a>(attrs: &'a str, name: &str) -> Option<&'a str> {
    let key = format!("{name}=\"");
    let at = attrs.find(&key)? + key.len();
    let end = attrs[at..].find('"')?;
    Some(&attrs[at..at + end])
}

/// The `<D>…</D>` entries of a category field.
fn categories(field: Option<&str>) -> Vec<String> {
    let Some(mut rest) = field else {
        return Vec::new();
    };
    let mut out = Vec::new();
    while let Some(inner) = element(rest, "D") {
        out.push(decode(inner));
        let Some(next) = rest.find("</D>") else { break };
        rest = &rest[next + 4..];
    }
    out
}

/// `26-FEB-1987 15:01:01.79` (day may be space-padded, noise may follow) → `1987-02-26T15:01:01`; a story whose
/// time is garbled (one reads `605:12:19.12`) keeps just its date, `1987-03-31`.
fn parse_date(raw: &str) -> Option<String> {
    let mut parts = raw.split_whitespace();
    let mut dmy = parts.next()?.split('-');
    let day: u32 = dmy.next()?.parse().ok()?;
    let month = month_from_name(dmy.next()?)?;
    let year: u32 = dmy.next()?.parse().ok()?;
    let date = Date::from_ymd(year, month.into(), day)?.to_iso();
    let time = parts.next().and_then(|t| {
        let hms: Vec<u32> = t
            .split('.')
            .next()?
            .split(':')
            .map(|p| p.parse().ok())
            .collect::<Option<_>>()?;
        match hms.as_slice() {
            [h, m, s] if *h < 24 && *m < 60 && *s < 61 => Some(format!("{h:02}:{m:02}:{s:02}")),
            _ => None,
        }
    });
    Some(match time {
        Some(time) => format!("{date}T{time}"),
        None => date,
    })
}

/// Decodes character references; control characters (wire codes) are dropped.
fn decode(text: &str) -> String {
    let mut out = decode_entities(text);
    out.retain(|c| !c.is_control() || c == '\n' || c == '\t');
    out
}

/// Trims a body and drops its closing sign-off line.
fn clean_body(body: &str) -> String {
    let trimmed = body.trim_end();
    let without = SIGN_OFFS
        .iter()
        .find_map(|s| {
            trimmed
                .strip_suffix(s)
                .filter(|head| head.is_empty() || head.ends_with(char::is_whitespace))
        })
        .unwrap_or(trimmed);
    without.trim().to_string()
}

fn normalize_space(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io;

    const STORIES: &str = r#"<!DOCTYPE lewis SYSTEM "lewis.dtd">
<REUTERS TOPICS="YES" LEWISSPLIT="TRAIN" CGISPLIT="TRAINING-SET" OLDID="5544" NEWID="1">
<DATE> 6-FEB-1987 15:01:01.79 noise</DATE>
<TOPICS><D>cocoa</D></TOPICS>
<PLACES><D>el-salvador</D><D>usa</D></PLACES>
<UNKNOWN>&#5;&#5;C T</UNKNOWN>
<TEXT>&#2;
<TITLE>BAHIA &lt;COCOA> REVIEW</TITLE>
<DATELINE>    SALVADOR, Feb 26 - </DATELINE><BODY>Showers &amp; rain continued.
    Second paragraph.
 Reuter
&#3;</BODY></TEXT>
</REUTERS>
<REUTERS TOPICS="NO" NEWID="2">
<DATE>26-FEB-1987 15:02:20.00</DATE>
<TEXT TYPE="BRIEF">&#2;
******<TITLE>SHORT ONE</TITLE>
&#3;</TEXT>
</REUTERS>
<REUTERS NEWID="3">
<DATE>26-FEB-1987 15:03:20.00</DATE>
<TEXT TYPE="UNPROC">&#2;
FEDERAL RESERVE WEEKLY REPORT
 Net free reserves.............644 vs.....1,337
&#3;</TEXT>
</REUTERS>
<REUTERS NEWID="4"><DATE>26-FEB-1987</DATE><TEXT>&#2;&#3;</TEXT></REUTERS>
"#;

    fn read(bytes: &[u8], max: u64) -> Vec<Result<Story, IngestError>> {
        ReutersReader::new(io::Cursor::new(bytes.to_vec()), "t.sgm", max).collect()
    }

    fn records(bytes: &[u8], name: &str) -> crate::Records {
        let opts = crate::IngestOptions::default();
        crate::Records::from_reader(name, Some(name), io::Cursor::new(bytes.to_vec()), &opts)
    }

    #[test]
    fn reads_fields_and_decodes_entities() {
        let stories: Vec<Story> = read(STORIES.as_bytes(), 1 << 20)
            .into_iter()
            .collect::<Result<_, _>>()
            .unwrap();
        assert_eq!(stories.len(), 4);
        let s = &stories[0];
        assert_eq!(s.new_id, 1);
        assert_eq!(s.date.as_deref(), Some("1987-02-06T15:01:01"));
        assert_eq!(s.day(), Some("1987-02-06"));
        assert_eq!(s.places, ["el-salvador", "usa"]);
        assert_eq!(s.topics, ["cocoa"]);
        assert_eq!(s.title.as_deref(), Some("BAHIA <COCOA> REVIEW"));
        assert_eq!(s.dateline.as_deref(), Some("SALVADOR, Feb 26 -"));
        assert_eq!(
            s.body.as_deref(),
            Some("Showers & rain continued.\n    Second paragraph.")
        );
        assert_eq!(
            s.text(),
            "BAHIA <COCOA> REVIEW\n\nShowers & rain continued.\n    Second paragraph."
        );
        assert_eq!(stories[1].text_type, TextType::Brief);
        assert_eq!(stories[1].body, None);
        assert_eq!(stories[1].text(), "SHORT ONE");
        assert_eq!(stories[2].text_type, TextType::Unprocessed);
        assert_eq!(stories[2].title, None);
        assert!(stories[2]
            .text()
            .starts_with("FEDERAL RESERVE WEEKLY REPORT\n Net free"));
        assert_eq!(stories[3].text(), "");
        assert_eq!(
            &STORIES.as_bytes()[stories[1].byte_offset as usize..][..9],
            b"<REUTERS "
        );
        assert_eq!(
            parse_date("31-MAR-1987 605:12:19.12").as_deref(),
            Some("1987-03-31")
        );
        assert_eq!(parse_date("31-APR-1987 10:00:00.00"), None);
    }

    #[test]
    fn records_carry_newid_date_and_offset_and_skip_empty_stories() {
        let mut records = records(STORIES.as_bytes(), "reut2-000.sgm");
        let got: Vec<RawRecord> = records.by_ref().collect::<Result<_, _>>().unwrap();
        assert_eq!(records.format(), Some(InputFormat::Reuters));
        assert_eq!(got.len(), 3);
        assert_eq!(
            (records.counts().ok, records.counts().skipped.empty),
            (3, 1)
        );
        let r = &got[1];
        assert_eq!(r.provenance.record, Some(2));
        assert_eq!(r.provenance.format, Some(InputFormat::Reuters));
        assert_eq!(r.hints.id.as_deref(), Some("reut2-000.sgm#2"));
        assert_eq!(r.hints.date.as_deref(), Some("1987-02-26"));
        assert_eq!(r.content, "SHORT ONE");
        let at = r.provenance.byte_offset.unwrap() as usize;
        assert!(STORIES[at..].starts_with("<REUTERS TOPICS=\"NO\" NEWID=\"2\">"));
    }

    #[test]
    fn gzip_is_looked_through_and_the_id_drops_gz() {
        use std::io::Write;
        let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
        gz.write_all(STORIES.as_bytes()).unwrap();
        let bytes = gz.finish().unwrap();
        // Detected by content: the name says nothing.
        let got: Vec<RawRecord> = records(&bytes, "wire.gz")
            .collect::<Result<_, _>>()
            .unwrap();
        assert_eq!(got.len(), 3);
        assert_eq!(got[0].hints.id.as_deref(), Some("wire#1"));
        assert_eq!(got[0].provenance.byte_offset, Some(36));
        let got: Vec<RawRecord> = records(&bytes, "reut2-005.sgm.gz")
            .collect::<Result<_, _>>()
            .unwrap();
        assert_eq!(got[2].hints.id.as_deref(), Some("reut2-005.sgm#3"));
        // Standard input has no file name: the id is the NEWID.
        let opts = crate::IngestOptions::default();
        let got: Vec<RawRecord> =
            crate::Records::from_reader("-", None, io::Cursor::new(bytes), &opts)
                .collect::<Result<_, _>>()
                .unwrap();
        assert_eq!(got[0].hints.id.as_deref(), Some("1"));
    }

    #[test]
    fn truncated_file_fails_its_last_story_only() {
        let cut = &STORIES[..STORIES.find("<DATE>26-FEB-1987 15:03").unwrap() + 10];
        let got = read(cut.as_bytes(), 1 << 20);
        assert_eq!(got.len(), 3);
        assert!(got[0].is_ok() && got[1].is_ok());
        let at = STORIES.find("<REUTERS NEWID=\"3\"").unwrap();
        assert_eq!(
            got[2].as_ref().unwrap_err().to_string(),
            format!("t.sgm: story 2 at byte {at}: malformed Reuters SGML: truncated: the input ends before </REUTERS>")
        );
    }

    #[test]
    fn bad_stories_fail_alone_and_reading_goes_on() {
        let sgml = "<REUTERS NEWID=\"1\"><TEXT><TITLE>CUT</TITLE>\n\
                    <REUTERS NEWID=\"x\"><TEXT><TITLE>NO ID</TITLE></TEXT></REUTERS>\n\
                    </REUTERS>\n\
                    <REUTERS OLDID=\"5\"><TEXT><TITLE>NONE</TITLE></TEXT></REUTERS>\n\
                    <REUTERS NEWID=\"4\"><TEXT><TITLE>GOOD</TITLE></TEXT></REUTERS>";
        assert_eq!(sgml.find("</REUTERS>\n<REUTERS OLDID"), Some(107));
        let got = read(sgml.as_bytes(), 1 << 20);
        let shown: Vec<String> = got
            .iter()
            .map(|r| match r {
                Ok(s) => format!("ok {}", s.new_id),
                Err(e) => e.to_string(),
            })
            .collect();
        assert_eq!(
            shown,
            [
                "t.sgm: story 0 at byte 0: malformed Reuters SGML: no </REUTERS> before the next <REUTERS> tag",
                "t.sgm: story 1 at byte 44: malformed Reuters SGML: NEWID \"x\" is not a number",
                "t.sgm: byte 107: malformed Reuters SGML: </REUTERS> without a <REUTERS> tag",
                "t.sgm: story 2 at byte 118: malformed Reuters SGML: <REUTERS> without a NEWID attribute",
                "ok 4",
            ]
        );
    }

    #[test]
    fn oversized_story_fails_and_the_next_is_read() {
        let big = format!(
            "<REUTERS NEWID=\"1\"><TEXT><BODY>{}</BODY></TEXT></REUTERS>\n\
             <REUTERS NEWID=\"2\"><TEXT><TITLE>SMALL</TITLE></TEXT></REUTERS>\n",
            "word ".repeat(40_000)
        );
        let got = read(big.as_bytes(), 1000);
        assert_eq!(got.len(), 2, "{got:?}");
        assert!(matches!(got[0], Err(IngestError::TooLarge { .. })));
        assert_eq!(got[1].as_ref().unwrap().text(), "SMALL");
    }

    #[test]
    fn non_utf8_story_is_decoded_with_a_warning_or_refused_when_strict() {
        let mut sgml =
            b"<REUTERS NEWID=\"9\"><TEXT><TITLE>M\xfcNCHEN</TITLE></TEXT></REUTERS>".to_vec();
        let mut reader = ReutersReader::new(io::Cursor::new(sgml.clone()), "t.sgm", 1 << 20);
        assert_eq!(reader.next().unwrap().unwrap().text(), "MüNCHEN");
        let warnings = reader.take_warnings();
        assert_eq!(warnings.len(), 1);
        assert_eq!(warnings[0].location, Location::Story { index: 0, byte: 0 });
        sgml.insert(0, b'\n');
        let opts = crate::IngestOptions {
            strict_utf8: true,
            ..crate::IngestOptions::default()
        };
        let got: Vec<_> =
            crate::Records::from_reader("t.sgm", Some("t.sgm"), io::Cursor::new(sgml), &opts)
                .collect();
        let bad_byte = 1 + "<REUTERS NEWID=\"9\"><TEXT><TITLE>M".len() as u64;
        assert!(
            matches!(got[0], Err(IngestError::InvalidUtf8 { bad_byte: b, .. }) if b == bad_byte),
            "{got:?}"
        );
    }

    #[test]
    fn files_without_stories() {
        let got: Vec<_> = records(b"  \n", "empty.sgm").collect();
        assert!(got.is_empty());
        let mut r = records(b"", "empty.sgm");
        assert!(r.next().is_none());
        assert_eq!(r.counts().skipped.empty, 1);
        let got: Vec<_> = records(b"<DOC>not reuters</DOC>", "trec.sgm").collect();
        assert_eq!(got.len(), 1);
        assert_eq!(
            got[0].as_ref().unwrap_err().to_string(),
            "trec.sgm: malformed Reuters SGML: no <REUTERS> story in the input (read it as text with --format text)"
        );
    }

    #[test]
    fn tags_split_across_reads_are_found() {
        // A one-byte buffer under the chunked scanner: every tag spans reads.
        let reader = io::BufReader::with_capacity(1, io::Cursor::new(STORIES.as_bytes().to_vec()));
        let got: Vec<Story> = ReutersReader::new(reader, "t.sgm", 1 << 20)
            .collect::<Result<_, _>>()
            .unwrap();
        let whole: Vec<Story> = read(STORIES.as_bytes(), 1 << 20)
            .into_iter()
            .collect::<Result<_, _>>()
            .unwrap();
        assert_eq!(got, whole);
    }

    #[test]
    fn an_oversized_story_shorter_than_its_close_tag_fails_once() {
        for input in [
            "<REUTERS",
            "<REUTERS>",
            "<REUTERS NEWID=\"1\">",
            "<REUTERS</REUTERS>",
        ] {
            for max in 1..12 {
                let stories =
                    ReutersReader::new(io::Cursor::new(input.as_bytes().to_vec()), "t.sgm", max)
                        .take(10)
                        .count();
                assert!(
                    stories <= 2,
                    "{input:?} with limit {max}: {stories} results"
                );
            }
        }
    }

    proptest::proptest! {
        #[test]
        fn never_panics_and_offsets_point_at_tags(
            body in proptest::collection::vec(proptest::prelude::any::<u8>(), 0..200),
            tags in "((<REUTERS NEWID=\"1\">|</REUTERS>|<REUTERS|<TEXT|<BODY>|</BODY>|<D>|</D>|&#3;|&lt|&|;|>| |[a-z]{1,3})){0,30}",
            max in 1u64..400,
        ) {
            for bytes in [&body[..], tags.as_bytes()] {
                for story in read(bytes, max).into_iter().flatten() {
                    let at = story.byte_offset as usize;
                    proptest::prop_assert!(bytes[at..].starts_with(STORY_OPEN));
                }
            }
        }
    }
}
