//! Reads raw inputs (plain text, HTML, JSONL, WARC, Reuters-21578 SGML, gzip) into records with provenance; errors
//! name file and record.
//!
//! Entry points: [`discover_sources`] expands paths (files, directories, `-`) into a [`Walk`]: [`Source`]s plus a
//! warning for every file passed over ([`IngestWarning`]: the run's own output, FIFOs, binary content, dangling
//! links, ...). Each [`Source::records`] is an iterator of `Result<RawRecord, IngestError>` with per-file
//! [`RecordCounts`] ([`Records::counts`]) and its own warnings ([`Records::take_warnings`]: a guessed encoding, a
//! size change), so a caller can read files in parallel and keep input order. [`read_inputs`] chains them for
//! sequential use ([`Inputs::take_warnings`], [`Inputs::warning_counts`]). The format comes from content sniffing and the file name ([`sniff`]) unless
//! [`IngestOptions::format`] forces it; gzip is detected by its magic bytes. One bad record (a JSONL line, a WARC
//! record, a Reuters story) fails alone and reading goes on; no record may exceed [`IngestOptions::max_record_bytes`].
//!
//! ```no_run
//! use dyad_ingest::{discover_sources, FileIdentity, IngestOptions};
//! use std::path::PathBuf;
//!
//! let mut opts = IngestOptions::default();
//! opts.exclude.extend(FileIdentity::of_stdout()); // never read our own output
//! let walk = discover_sources(&[PathBuf::from("news/")], &opts);
//! for w in &walk.warnings {
//!     eprintln!("warning: {w}"); // "news/out.jsonl: skipped: it is this run's output"
//! }
//! for source in walk.sources {
//!     let source = match source {
//!         Ok(s) => s,
//!         Err(e) => { eprintln!("{e}"); continue; } // e.g. "news/x: No such file or directory"
//!     };
//!     let mut records = source.records(&opts);
//!     while let Some(record) = records.next() {
//!         match record {
//!             Ok(r) => println!("{} {:?} {} bytes", r.provenance.path, r.provenance.record, r.content.len()),
//!             Err(e) => eprintln!("{e}"), // "news/a.jsonl: line 17: expected a string field \"text\" ..."
//!         }
//!         for w in records.take_warnings() {
//!             eprintln!("warning: {w}"); // "news/old.txt: not UTF-8; decoded as windows-1252 (guessed)"
//!         }
//!     }
//!     let c = records.counts();
//!     eprintln!("{source}: {} ok, {} skipped, {} failed", c.ok, c.skipped.total(), c.failed);
//! }
//! ```
//!
//! This crate reads and decodes; it never prints and never panics on input.

pub mod charset;
pub mod entities;
mod error;
mod excerpt;
pub mod http;
mod identity;
mod jsonl;
pub mod reuters;
pub mod sniff;
mod source;
mod stream;
mod walk;
pub mod warc;
mod warc_responses;
mod warning;

pub use error::{IngestError, Location};
pub use identity::FileIdentity;
pub use source::{Records, Source, STDIN_PATH};
pub use walk::{discover_sources, Walk};
pub use warning::{IngestWarning, SpecialFile, WarningCounts, WarningKind, WarningReason};

use dyad_model::{InputFormat, Provenance};
use std::io::{self, BufRead, Read};
use std::path::PathBuf;

/// What a record's content is, once unwrapped from its container (JSONL line, WARC record, gzip).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ContentKind {
    Text,
    Html,
}

/// Fields a container may carry beside the content (JSONL fields, WARC headers, a Reuters story's id and date).
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

/// Default for [`IngestOptions::max_record_bytes`]: 64 MiB.
pub const DEFAULT_MAX_RECORD_BYTES: u64 = 64 * 1024 * 1024;

/// JSONL field names, each list tried in order. A dotted name (`meta.title`) reaches into nested objects.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct JsonlFields {
    /// Fields holding plain text; tried before `html`.
    pub text: Vec<String>,
    /// Fields holding HTML.
    pub html: Vec<String>,
    pub title: Vec<String>,
    pub date: Vec<String>,
    pub url: Vec<String>,
    pub id: Vec<String>,
}

fn names(list: &[&str]) -> Vec<String> {
    list.iter().map(|s| s.to_string()).collect()
}

impl Default for JsonlFields {
    fn default() -> JsonlFields {
        JsonlFields {
            text: names(&["text", "content", "body"]),
            html: names(&["html", "raw_html"]),
            title: names(&["title", "headline"]),
            date: names(&["date", "published", "publish_date"]),
            url: names(&["url"]),
            id: names(&["id"]),
        }
    }
}

/// How to read inputs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IngestOptions {
    /// Force a format instead of detecting it (gzip is still undone). With a format set, directory walks take
    /// every non-hidden file, not only known extensions.
    pub format: Option<InputFormat>,
    /// Largest record (file, JSONL line, WARC record, decoded HTTP payload, Reuters story) read; larger ones fail
    /// alone.
    pub max_record_bytes: u64,
    pub jsonl: JsonlFields,
    /// Files never read, by identity, whatever path reaches them: a walk passes over them and a path given for one
    /// is refused, each with an [`WarningKind::OwnOutput`] warning. A front-end puts its own output here
    /// ([`FileIdentity::of_stdout`]), so that `dyad code news/ > news/out.jsonl` does not read `out.jsonl`.
    pub exclude: Vec<FileIdentity>,
    /// Refuse plain text, JSON lines and Reuters stories that are not UTF-8 ([`IngestError::InvalidUtf8`]) instead of decoding them
    /// from a guessed encoding with a [`WarningKind::NotUtf8`] warning. HTML keeps its own charset rules.
    pub strict_utf8: bool,
}

impl Default for IngestOptions {
    fn default() -> IngestOptions {
        IngestOptions {
            format: None,
            max_record_bytes: DEFAULT_MAX_RECORD_BYTES,
            jsonl: JsonlFields::default(),
            exclude: Vec::new(),
            strict_utf8: false,
        }
    }
}

/// Why a record was passed over without an error.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum SkipReason {
    /// No content (empty file, empty JSONL text field, empty HTTP body, a Reuters story with no title or body).
    Empty,
    /// A WARC record that is not a `response` or `resource` (warcinfo, request, metadata, revisit, ...).
    NotResponse,
    /// A WARC payload that is not HTML or plain text (images, JSON, PDF, ...).
    ContentType,
    /// An HTTP response outside 2xx (redirects, errors).
    HttpStatus,
}

/// Records skipped, by reason.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct SkipCounts {
    pub empty: u64,
    pub not_response: u64,
    pub content_type: u64,
    pub http_status: u64,
}

impl SkipCounts {
    pub fn add(&mut self, reason: SkipReason) {
        match reason {
            SkipReason::Empty => self.empty += 1,
            SkipReason::NotResponse => self.not_response += 1,
            SkipReason::ContentType => self.content_type += 1,
            SkipReason::HttpStatus => self.http_status += 1,
        }
    }

    pub fn total(&self) -> u64 {
        self.empty + self.not_response + self.content_type + self.http_status
    }
}

/// Per-input outcome counts: records yielded, skipped (by reason) and failed (errors yielded).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct RecordCounts {
    pub ok: u64,
    pub failed: u64,
    pub skipped: SkipCounts,
}

impl RecordCounts {
    /// Adds another input's counts (for totals).
    pub fn merge(&mut self, other: &RecordCounts) {
        self.ok += other.ok;
        self.failed += other.failed;
        self.skipped.empty += other.skipped.empty;
        self.skipped.not_response += other.skipped.not_response;
        self.skipped.content_type += other.skipped.content_type;
        self.skipped.http_status += other.skipped.http_status;
    }
}

/// The outcome of reading one record: format readers return these, [`Records`] counts them.
pub(crate) enum Step {
    Record(RawRecord),
    Skipped(SkipReason),
    Failed(IngestError),
}

/// Marks an I/O error as coming from the gzip decoder, so it is reported as corrupt gzip data.
#[derive(Debug)]
struct GzipFailure(io::Error);

impl std::fmt::Display for GzipFailure {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.0.fmt(f)
    }
}

impl std::error::Error for GzipFailure {}

/// A multi-member gzip decoder (`.warc.gz` stores one member per record) whose errors are tagged.
pub(crate) struct GzipReader<R: BufRead>(flate2::bufread::MultiGzDecoder<R>);

impl<R: BufRead> GzipReader<R> {
    pub(crate) fn new(inner: R) -> GzipReader<R> {
        GzipReader(flate2::bufread::MultiGzDecoder::new(inner))
    }
}

impl<R: BufRead> Read for GzipReader<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        self.0
            .read(buf)
            .map_err(|e| io::Error::new(e.kind(), GzipFailure(e)))
    }
}

/// An I/O error as an [`IngestError`]: a gzip decoder's error becomes [`IngestError::Gzip`].
pub(crate) fn io_to_ingest_error(path: &str, location: Location, e: io::Error) -> IngestError {
    let from_gzip = e.get_ref().is_some_and(|inner| inner.is::<GzipFailure>());
    if from_gzip {
        let source = match e.into_inner().map(|inner| inner.downcast::<GzipFailure>()) {
            Some(Ok(g)) => g.0,
            Some(Err(other)) => io::Error::other(other),
            None => io::Error::other("gzip error"),
        };
        IngestError::Gzip {
            path: path.to_string(),
            location,
            source,
        }
    } else {
        IngestError::Io {
            path: path.to_string(),
            location,
            source: e,
        }
    }
}

/// Counts for one input, as kept by [`Inputs`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FileCounts {
    pub path: String,
    pub counts: RecordCounts,
}

/// Every record of every input, in order: [`discover_sources`] then each [`Source::records`]. Warnings — files
/// the walk passed over, then each input's own as it is read — wait in [`Inputs::take_warnings`].
pub struct Inputs {
    sources: std::vec::IntoIter<Result<Source, IngestError>>,
    current: Option<Records>,
    finished: Vec<FileCounts>,
    opts: IngestOptions,
    /// Warnings not yet taken (the walk's, and those of inputs already finished).
    warnings: Vec<IngestWarning>,
    /// Warnings of the walk and of finished inputs, taken or not.
    warning_counts: WarningCounts,
}

impl Inputs {
    /// Takes the warnings that arose since the last call: the walk's on the first call, then those of the inputs
    /// read so far. Call it after each `next()` to show warnings beside the errors, in order.
    pub fn take_warnings(&mut self) -> Vec<IngestWarning> {
        let mut taken = std::mem::take(&mut self.warnings);
        if let Some(records) = &mut self.current {
            taken.append(&mut records.take_warnings());
        }
        taken
    }

    /// Warnings so far by reason (the walk's and every input's, taken or not): the figures for a summary line.
    pub fn warning_counts(&self) -> WarningCounts {
        let mut counts = self.warning_counts;
        if let Some(records) = &self.current {
            counts.merge(&records.warning_counts());
        }
        counts
    }

    /// Counts per input so far, in input order (the input being read included).
    pub fn file_counts(&self) -> Vec<FileCounts> {
        let mut all = self.finished.clone();
        if let Some(r) = &self.current {
            all.push(FileCounts {
                path: r.path().to_string(),
                counts: r.counts(),
            });
        }
        all
    }

    /// Totals over all inputs so far.
    pub fn total_counts(&self) -> RecordCounts {
        let mut total = RecordCounts::default();
        for f in self.file_counts() {
            total.merge(&f.counts);
        }
        total
    }
}

impl Iterator for Inputs {
    type Item = Result<RawRecord, IngestError>;

    fn next(&mut self) -> Option<Self::Item> {
        loop {
            if let Some(records) = &mut self.current {
                if let Some(item) = records.next() {
                    return Some(item);
                }
                if let Some(mut done) = self.current.take() {
                    self.warnings.append(&mut done.take_warnings());
                    self.warning_counts.merge(&done.warning_counts());
                    self.finished.push(FileCounts {
                        path: done.path().to_string(),
                        counts: done.counts(),
                    });
                }
            }
            match self.sources.next()? {
                Ok(source) => self.current = Some(source.records(&self.opts)),
                Err(e) => {
                    self.finished.push(FileCounts {
                        path: e.path().to_string(),
                        counts: RecordCounts {
                            failed: 1,
                            ..RecordCounts::default()
                        },
                    });
                    return Some(Err(e));
                }
            }
        }
    }
}

/// Every record of `paths` (files, directories, `-`), in order. Use [`Inputs::take_warnings`] as you go for files
/// passed over and decoding caveats, and [`Inputs::file_counts`] / [`Inputs::warning_counts`] afterwards for
/// per-file ok/skipped/failed counts and warnings by reason.
pub fn read_inputs(paths: &[PathBuf], opts: &IngestOptions) -> Inputs {
    let walk = discover_sources(paths, opts);
    Inputs {
        sources: walk.sources.into_iter(),
        current: None,
        finished: Vec::new(),
        opts: opts.clone(),
        warning_counts: walk.warnings.iter().collect(),
        warnings: walk.warnings,
    }
}
