//! Reads raw inputs (plain text, HTML, JSONL, WARC, gzip) into records with provenance; errors name file and record.

use dyad_model::Provenance;

/// What a record's content is, once unwrapped from its container (JSONL line, WARC record, gzip).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ContentKind {
    Text,
    Html,
}

/// Fields a container may carry beside the content (JSONL fields, WARC headers).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RecordHints {
    pub id: Option<String>,
    pub title: Option<String>,
    pub date: Option<String>,
    pub url: Option<String>,
}

/// One article's raw content, decoded to UTF-8, with where it came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RawRecord {
    pub provenance: Provenance,
    pub kind: ContentKind,
    pub content: String,
    pub hints: RecordHints,
}
