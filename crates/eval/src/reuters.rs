//! Reads the Reuters-21578 collection (22 gzipped SGML files, 21,578 stories of 1987 newswire) for throughput
//! and coverage benchmarks.
//!
//! The SGML is read by dyad-ingest's Reuters reader ([`dyad_ingest::reuters`]), the one `dyad code` uses on these
//! files, so a benchmark codes the very text a user's run does; this module picks the collection's data files
//! and wraps each story with its file name and the benchmarks' [`StoryText`]. Unlike `dyad code`, which reports a
//! bad story and goes on, a benchmark refuses a collection with one.

use dyad_ingest::reuters::{ReutersReader, Story};
use dyad_ingest::{IngestError, DEFAULT_MAX_RECORD_BYTES};
use std::path::{Path, PathBuf};

pub use dyad_ingest::reuters::TextType;

/// File names of the collection's data files: `reut2-000.sgm(.gz)` … `reut2-021.sgm(.gz)`.
const DATA_FILE_PREFIX: &str = "reut2-";
const DATA_FILE_SUFFIXES: [&str; 2] = [".sgm.gz", ".sgm"];

/// One Reuters story and the data file it came from; its fields ([`Story`]: `new_id`, `title`, `body`, …) are
/// reached through it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReutersStory {
    /// The data file it came from (file name only).
    pub file: String,
    pub story: Story,
}

impl std::ops::Deref for ReutersStory {
    type Target = Story;

    fn deref(&self) -> &Story {
        &self.story
    }
}

/// A story as raw text with what a reader knows beside it: the input to end-to-end coding benchmarks.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoryText {
    pub new_id: u32,
    /// `YYYY-MM-DD`, when the story's date parses.
    pub date: Option<String>,
    /// Title, a blank line, then the body ([`Story::text`]).
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
            date: self.day().map(str::to_string),
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
    /// A malformed story (or corrupt gzip data), as the ingest reader reports it: file, story and byte.
    #[error(transparent)]
    Story(#[from] IngestError),
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

/// The stories of one data file (`.sgm` or gzipped `.sgm.gz`), read by [`dyad_ingest::reuters::read_file`].
pub fn read_reuters_file(path: &Path) -> Result<Vec<ReutersStory>, ReutersError> {
    let file = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    Ok(dyad_ingest::reuters::read_file(path)?
        .into_iter()
        .map(|story| ReutersStory {
            file: file.clone(),
            story,
        })
        .collect())
}

/// Parses SGML bytes; `file` names them in stories and errors. The first malformed story is the error.
pub fn parse_reuters_sgml(bytes: &[u8], file: &str) -> Result<Vec<ReutersStory>, ReutersError> {
    let reader = ReutersReader::new(
        std::io::Cursor::new(bytes.to_vec()),
        file,
        DEFAULT_MAX_RECORD_BYTES,
    );
    reader
        .map(|story| {
            Ok(ReutersStory {
                file: file.to_string(),
                story: story?,
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stories_carry_their_file_and_benchmark_text() {
        let sgml = "<REUTERS NEWID=\"5\">\n<DATE>27-FEB-1987 09:00:00.00</DATE>\n<TEXT>\
                    <TITLE>TALKS END</TITLE><BODY>Ministers met &amp; agreed.\n Reuter\n&#3;</BODY>\
                    </TEXT></REUTERS>\n";
        let stories = parse_reuters_sgml(sgml.as_bytes(), "reut2-009.sgm").unwrap();
        assert_eq!(stories.len(), 1);
        assert_eq!(
            (stories[0].file.as_str(), stories[0].new_id),
            ("reut2-009.sgm", 5)
        );
        let text = stories[0].story_text();
        assert_eq!(text.text, "TALKS END\n\nMinisters met & agreed.");
        assert_eq!(text.date.as_deref(), Some("1987-02-27"));
        assert_eq!(text.document().id, "5");
    }

    #[test]
    fn a_malformed_story_refuses_the_file() {
        let err = parse_reuters_sgml(b"\n<REUTERS NEWID=\"1\">\n<DATE>", "t.sgm")
            .unwrap_err()
            .to_string();
        assert_eq!(
            err,
            "t.sgm: story 0 at byte 1: malformed Reuters SGML: truncated: the input ends before </REUTERS>"
        );
    }
}
