//! Reads the Reuters-21578 collection (22 gzipped SGML files, 21,578 stories of 1987 newswire) for throughput
//! and coverage benchmarks.
//!
//! The files are line-oriented SGML with no root element, so this is a small tag scanner, not an XML parser.
//! Bytes are read as Latin-1 (one file holds a stray 0xFC). Character references are decoded; the wire control
//! characters they encode (`&#2;`, `&#3;`, …) are dropped, as is the closing `Reuter` sign-off of a body.

use dyad_model::date::{month_from_name, Date};
use flate2::read::GzDecoder;
use memchr::memmem::Finder;
use std::io::Read;
use std::path::{Path, PathBuf};

/// File names of the collection's data files: `reut2-000.sgm(.gz)` … `reut2-021.sgm(.gz)`.
const DATA_FILE_PREFIX: &str = "reut2-";
const DATA_FILE_SUFFIXES: [&str; 2] = [".sgm.gz", ".sgm"];
/// The tags that open and close a story.
const STORY_OPEN: &[u8] = b"<REUTERS";
const STORY_CLOSE: &[u8] = b"</REUTERS>";
/// The sign-off line that ends most bodies; not part of the story.
const SIGN_OFFS: [&str; 2] = ["Reuter", "REUTER"];

/// How a story's `<TEXT>` is structured (its `TYPE` attribute).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TextType {
    /// Title, dateline and body.
    Normal,
    /// Title only.
    Brief,
    /// Raw text without title/body structure; its text is in [`ReutersStory::body`].
    Unprocessed,
}

/// One Reuters story.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReutersStory {
    /// The data file it came from (file name only).
    pub file: String,
    /// `NEWID`: 1–21578, chronological and unique.
    pub new_id: u32,
    /// `<DATE>` as ISO 8601 (`1987-02-26T15:01:01`), when it parses.
    pub date: Option<String>,
    pub topics: Vec<String>,
    pub places: Vec<String>,
    pub text_type: TextType,
    pub title: Option<String>,
    /// The dateline, trimmed (`SALVADOR, Feb 26 -`).
    pub dateline: Option<String>,
    /// The body (or raw text of an unprocessed story), entities decoded, sign-off removed.
    pub body: Option<String>,
    /// Byte offset of the `<REUTERS` tag in the decompressed file.
    pub byte_offset: u64,
}

impl ReutersStory {
    /// The text a coder reads: title, a blank line, then the body (either may be missing).
    pub fn text(&self) -> String {
        match (&self.title, &self.body) {
            (Some(t), Some(b)) => format!("{t}\n\n{b}"),
            (Some(t), None) => t.clone(),
            (None, Some(b)) => b.clone(),
            (None, None) => String::new(),
        }
    }
}

/// A story as raw text with what a reader knows beside it: the input to end-to-end coding benchmarks.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoryText {
    pub new_id: u32,
    /// `YYYY-MM-DD`, when the story's date parses.
    pub date: Option<String>,
    /// Title, a blank line, then the body ([`ReutersStory::text`]).
    pub text: String,
}

impl AsRef<str> for StoryText {
    fn as_ref(&self) -> &str {
        &self.text
    }
}

impl StoryText {
    /// The story as dyad reads any plain-text article: cleaned, split into sentences, its NEWID as id and its
    /// date as the document date (date-restricted actor codes depend on it).
    pub fn document(&self) -> dyad_model::Document {
        let hints = dyad_ingest::RecordHints {
            id: Some(self.new_id.to_string()),
            date: self.date.clone(),
            ..dyad_ingest::RecordHints::default()
        };
        dyad_pipeline::document_from_text(&self.text, dyad_model::Provenance::default(), &hints)
    }
}

impl ReutersStory {
    /// The story's raw text, id and date.
    pub fn story_text(&self) -> StoryText {
        StoryText {
            new_id: self.new_id,
            date: self
                .date
                .as_ref()
                .and_then(|d| d.get(..10))
                .map(str::to_string),
            text: self.text(),
        }
    }
}

/// Why the collection could not be read.
#[derive(Debug, thiserror::Error)]
pub enum ReutersError {
    #[error("{path}: {source}")]
    Io {
        path: String,
        #[source]
        source: std::io::Error,
    },
    #[error("{path}: byte {offset}: {message}")]
    Format {
        path: String,
        offset: u64,
        message: String,
    },
    #[error("{path}: no reut2-*.sgm or reut2-*.sgm.gz files")]
    NoDataFiles { path: String },
}

/// Every story of the collection in `dir`, data files in name order, stories in file order.
pub fn read_reuters_dir(dir: &Path) -> Result<Vec<ReutersStory>, ReutersError> {
    let files = reuters_data_files(dir)?;
    let mut stories = Vec::new();
    for file in files {
        stories.extend(read_reuters_file(&file)?);
    }
    Ok(stories)
}

/// The data files in `dir`, in name order.
pub fn reuters_data_files(dir: &Path) -> Result<Vec<PathBuf>, ReutersError> {
    let io = |source| ReutersError::Io {
        path: dir.display().to_string(),
        source,
    };
    let mut files = Vec::new();
    for entry in std::fs::read_dir(dir).map_err(io)? {
        let path = entry.map_err(io)?.path();
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        if name.starts_with(DATA_FILE_PREFIX)
            && DATA_FILE_SUFFIXES.iter().any(|s| name.ends_with(s))
        {
            files.push(path);
        }
    }
    files.sort();
    if files.is_empty() {
        return Err(ReutersError::NoDataFiles {
            path: dir.display().to_string(),
        });
    }
    Ok(files)
}

/// The stories of one data file (`.sgm` or gzipped `.sgm.gz`).
pub fn read_reuters_file(path: &Path) -> Result<Vec<ReutersStory>, ReutersError> {
    let io = |source| ReutersError::Io {
        path: path.display().to_string(),
        source,
    };
    let raw = std::fs::read(path).map_err(io)?;
    let bytes = if path.extension().is_some_and(|e| e == "gz") {
        let mut out = Vec::with_capacity(raw.len() * 4);
        GzDecoder::new(raw.as_slice())
            .read_to_end(&mut out)
            .map_err(io)?;
        out
    } else {
        raw
    };
    let file = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    parse_reuters_sgml(&bytes, &file)
}

/// Parse SGML bytes; `file` names them in stories and errors.
pub fn parse_reuters_sgml(bytes: &[u8], file: &str) -> Result<Vec<ReutersStory>, ReutersError> {
    let err = |offset: usize, message: &str| ReutersError::Format {
        path: file.to_string(),
        offset: offset as u64,
        message: message.to_string(),
    };
    let (open_tag, close_tag) = (Finder::new(STORY_OPEN), Finder::new(STORY_CLOSE));
    let mut stories = Vec::new();
    let mut pos = 0;
    // Stories are found in the raw bytes (so offsets are byte offsets), then each is decoded on its own.
    while let Some(rel) = open_tag.find(&bytes[pos..]) {
        let start = pos + rel;
        let end = close_tag
            .find(&bytes[start..])
            .map(|e| start + e)
            .ok_or_else(|| err(start, "<REUTERS> without </REUTERS>"))?;
        let story = latin1(&bytes[start..end]);
        let story = story.as_str();
        let open_end = story.find('>').ok_or_else(|| err(start, "unclosed tag"))?;
        let new_id = attribute(&story[..open_end], "NEWID")
            .and_then(|v| v.parse().ok())
            .ok_or_else(|| err(start, "<REUTERS> without a numeric NEWID"))?;
        let (text_type, text_part) = match element_with_attributes(story, "TEXT") {
            Some((attrs, inner)) => {
                let kind = match attribute(attrs, "TYPE").as_deref() {
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
        stories.push(ReutersStory {
            file: file.to_string(),
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
            byte_offset: start as u64,
        });
        pos = end + STORY_CLOSE.len();
    }
    Ok(stories)
}

/// Latin-1: every byte is the code point of the same value; the files are ASCII but for one byte.
fn latin1(bytes: &[u8]) -> String {
    bytes.iter().map(|&b| b as char).collect()
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
fn attribute(attrs: &str, name: &str) -> Option<String> {
    let key = format!("{name}=\"");
    let at = attrs.find(&key)? + key.len();
    let end = attrs[at..].find('"')?;
    Some(attrs[at..at + end].to_string())
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

/// Decode character references; control characters (wire codes) are dropped.
fn decode(text: &str) -> String {
    let mut out = crate::markup::decode_entities(text);
    out.retain(|c| !c.is_control() || c == '\n' || c == '\t');
    out
}

/// Trim a body and drop its closing sign-off line.
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

    const STORY: &str = r#"<!DOCTYPE lewis SYSTEM "lewis.dtd">
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
"#;

    #[test]
    fn reads_fields_and_decodes() {
        let stories = parse_reuters_sgml(STORY.as_bytes(), "t.sgm").unwrap();
        assert_eq!(stories.len(), 2);
        let s = &stories[0];
        assert_eq!(s.new_id, 1);
        assert_eq!(s.date.as_deref(), Some("1987-02-06T15:01:01"));
        assert_eq!(s.places, ["el-salvador", "usa"]);
        assert_eq!(s.topics, ["cocoa"]);
        assert_eq!(s.title.as_deref(), Some("BAHIA <COCOA> REVIEW"));
        assert_eq!(s.dateline.as_deref(), Some("SALVADOR, Feb 26 -"));
        assert_eq!(
            s.body.as_deref(),
            Some("Showers & rain continued.\n    Second paragraph.")
        );
        assert_eq!(stories[1].text_type, TextType::Brief);
        assert_eq!(stories[1].body, None);
        assert_eq!(stories[1].text(), "SHORT ONE");
        assert_eq!(
            parse_date("31-MAR-1987 605:12:19.12").as_deref(),
            Some("1987-03-31")
        );
        assert_eq!(parse_date("31-APR-1987 10:00:00.00"), None);
    }

    #[test]
    fn offsets_are_raw_byte_offsets() {
        let mut bytes = b"\xfc\xfc<REUTERS NEWID=\"7\">\xfc</REUTERS>\n".to_vec();
        bytes.extend_from_slice(b"<REUTERS NEWID=\"8\"></REUTERS>");
        let stories = parse_reuters_sgml(&bytes, "t.sgm").unwrap();
        assert_eq!(stories[0].byte_offset, 2);
        assert_eq!(stories[1].byte_offset, 33);
        assert_eq!(&bytes[33..41], b"<REUTERS");
    }

    #[test]
    fn truncated_story_is_an_error() {
        let err = parse_reuters_sgml(b"\n<REUTERS NEWID=\"1\">\n<DATE>", "t.sgm")
            .unwrap_err()
            .to_string();
        assert_eq!(err, "t.sgm: byte 1: <REUTERS> without </REUTERS>");
    }

    proptest::proptest! {
        #[test]
        fn never_panics_on_arbitrary_sgml(body in proptest::collection::vec(proptest::prelude::any::<u8>(), 0..200),
                                          tags in "((<REUTERS NEWID=\"1\">|</REUTERS>|<TEXT|<BODY>|</BODY>|<D>|</D>|&#3;|&lt|&|;|>| |[a-z]{1,3})){0,30}") {
            let _ = parse_reuters_sgml(&body, "p");
            let _ = parse_reuters_sgml(tags.as_bytes(), "p");
        }
    }
}
