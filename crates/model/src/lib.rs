//! The document model every dyad stage shares.
//!
//! Text is stored once, in [`Document::text`]. Every annotation — headline, body, paragraph, sentence, and later
//! actor mention, verb, place or quote — is a [`Span`] of byte offsets into that text, so any output can point back
//! to its evidence. [`OffsetMap`] maps clean-text offsets back to byte offsets of the raw input.
//!
//! This crate does no I/O and has no logic beyond small, total helpers: it is the schema, not a stage. The helpers
//! every stage needs alike live here once: civil dates and their numeric forms ([`date`]) and the stable FNV-1a hash
//! ([`hash`]).

pub mod date;
mod event;
pub mod hash;
mod limits;
pub mod lines;
mod span;

pub use event::{
    DateHow, DatePrecision, Event, EventLocation, Evidence, LocationHow, Plover, QuadClass,
    ReportedBy, RuleRef,
};
pub use limits::{Limit, LimitHit, LimitsHit};
pub use span::{OffsetMap, OffsetSegment, Span};

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// The input format a record was read as.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum InputFormat {
    /// Plain text: an optional headline, then paragraphs separated by blank lines.
    Text,
    /// An HTML page; main content is extracted.
    Html,
    /// One JSON object per line with a text or HTML field.
    Jsonl,
    /// A WARC file; `response` records carrying HTML are read.
    Warc,
    /// Reuters-21578 SGML (`lewis.dtd`): one record per `<REUTERS>` story.
    Reuters,
}

/// Where a document came from: enough to find the raw bytes again.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct Provenance {
    /// The file path as given on the command line (or `-` for standard input).
    pub path: String,
    /// Zero-based record number inside a multi-record file (JSONL line, WARC record), or a Reuters-21578 story's
    /// `NEWID`; `None` for single documents.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub record: Option<u64>,
    /// Byte offset of the record in the (decompressed) file.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub byte_offset: Option<u64>,
    /// The URL the content was fetched from, when the input says so (WARC-Target-URI, a JSONL `url` field, a
    /// canonical link).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    /// The format the record was read as.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub format: Option<InputFormat>,
}

/// Which part of an article a sentence belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum Part {
    Headline,
    Body,
}

/// One sentence: a span of the clean text and the part it belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct Sentence {
    /// The sentence's bytes in the clean text.
    pub span: Span,
    /// Headline or body.
    pub part: Part,
}

/// Article metadata found around the text; none of it is part of the body.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct Metadata {
    /// Publication date as found, normalised to ISO 8601 (`YYYY-MM-DD`, or with time when known).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub date: Option<String>,
    /// The outlet that published the article (site name, or the first entry of a syndication chain).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub outlet: Option<String>,
    /// Syndication and copyright lines, in order (e.g. "© 2018 Arab News (Jeddah, Saudi Arabia)",
    /// "Distributed by Tribune Content Agency, LLC.").
    #[serde(skip_serializing_if = "Vec::is_empty", default)]
    pub syndication: Vec<String>,
    /// Authors, as written in the byline.
    #[serde(skip_serializing_if = "Vec::is_empty", default)]
    pub byline: Vec<String>,
    /// Photo captions and credits set aside from the body.
    #[serde(skip_serializing_if = "Vec::is_empty", default)]
    pub captions: Vec<String>,
    /// ISO 639-1 language code, when detected or declared.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub language: Option<String>,
    /// How sure HTML extraction is that the text is one article's body, and why (absent for plain-text input).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub extraction: Option<ExtractionQuality>,
}

/// How far HTML extraction trusts its output to be one whole article, so that a store or an analyst can flag or
/// skip listing pages, hub pages and truncated articles.
///
/// ```
/// let q = dyad_model::ExtractionQuality { confidence: 0.4, reasons: vec!["listing page: 14 link-dense blocks".into()] };
/// assert!(q.confidence < 0.5);
/// ```
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct ExtractionQuality {
    /// In [0, 1], two decimals: 1 for an article whose signals all agree, near 0 for a page with no article.
    pub confidence: f64,
    /// The signals behind the figure, most telling first ("listing page: 14 link-dense blocks",
    /// "articleBody agrees").
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub reasons: Vec<String>,
}

// The confidence is always a finite number (clamped to [0, 1]), so equality is reflexive.
impl Eq for ExtractionQuality {}

/// A cleaned article: text stored once, with every annotation a span into it.
///
/// `text` holds the headline (if any), a blank line, then the body paragraphs separated by blank lines. `title` and
/// `body` are spans into it; `paragraphs` and `sentences` lie inside them.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Document {
    /// Stable identifier: derived from provenance (path, record) unless the input names one.
    pub id: String,
    pub provenance: Provenance,
    pub text: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub title: Option<Span>,
    pub body: Span,
    #[serde(default)]
    pub paragraphs: Vec<Span>,
    #[serde(default)]
    pub sentences: Vec<Sentence>,
    pub metadata: Metadata,
    /// Map from clean-text offsets back to raw-input byte offsets.
    #[serde(default, skip_serializing_if = "OffsetMap::is_empty")]
    pub source_map: OffsetMap,
    /// Events coded from the sentences, in sentence order (empty until the coding stage has run).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub events: Vec<Event>,
    /// Processing limits this document ran into (reported as warnings; not part of the record).
    #[serde(skip)]
    #[schemars(skip)]
    pub limits: LimitsHit,
}

impl Document {
    /// The text a span covers, or `""` when the span is out of range or not on character boundaries.
    pub fn slice(&self, span: Span) -> &str {
        span.slice(&self.text)
    }

    /// The headline text, if any.
    pub fn title_text(&self) -> Option<&str> {
        self.title.map(|s| self.slice(s))
    }

    /// The body text.
    pub fn body_text(&self) -> &str {
        self.slice(self.body)
    }
}
