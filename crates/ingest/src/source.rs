//! Input sources: a file or standard input, opened lazily, gunzipped when it starts with gzip's magic bytes,
//! sniffed, and read as records with per-file ok/skipped/failed counts and warnings (a guessed encoding, a file that
//! changed size while being read, a file that is this run's output). Discovery of sources is in `walk`.
//!
//! A regular file is read up to the size it had when opened, so a file that grows while it is read (a log, an
//! output file) cannot keep the reader going forever; a change of size is reported when the file is done.

use crate::charset::{decode_html, decode_plain_text, CharsetSource};
use crate::error::{IngestError, Location};
use crate::identity::FileIdentity;
use crate::jsonl::JsonlReader;
use crate::reuters::ReutersRecords;
use crate::sniff::{detect_format, is_gzip, SNIFF_BYTES};
use crate::stream::InputStream;
use crate::warc::WarcReader;
use crate::warc_responses::WarcResponses;
use crate::warning::{IngestWarning, WarningCounts, WarningKind};
use crate::{ContentKind, IngestOptions, RawRecord, RecordCounts, RecordHints, SkipReason, Step};
use dyad_model::{InputFormat, Provenance};
use std::fmt;
use std::fs;
use std::io::{self, BufReader, Read};
use std::path::{Path, PathBuf};

/// Read buffer per input; large enough that syscalls stay rare on big WARC files.
const READ_BUFFER_BYTES: usize = 256 * 1024;

/// The path argument that means standard input.
pub const STDIN_PATH: &str = "-";

/// One input: a file or standard input.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Source {
    File(PathBuf),
    Stdin,
}

impl Source {
    /// The path as shown in provenance and errors (`-` for standard input).
    pub fn display_path(&self) -> String {
        match self {
            Source::File(p) => p.display().to_string(),
            Source::Stdin => STDIN_PATH.to_string(),
        }
    }

    /// The records of this input. Nothing is opened until the first `next()`.
    pub fn records(&self, opts: &IngestOptions) -> Records {
        Records::new(
            self.display_path(),
            State::Unopened(Opener::Source(self.clone())),
            opts,
        )
    }
}

impl fmt::Display for Source {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.display_path())
    }
}

fn file_error(path: &Path, source: io::Error) -> IngestError {
    IngestError::Io {
        path: path.display().to_string(),
        location: Location::File,
        source,
    }
}

/// What to open on the first `next()`.
enum Opener {
    Source(Source),
    Reader {
        reader: Box<dyn Read + Send>,
        name: Option<String>,
    },
}

enum State {
    Unopened(Opener),
    Single(Option<Step>),
    Jsonl(Box<JsonlReader>),
    Warc(Box<WarcResponses>),
    Reuters(Box<ReutersRecords>),
    Done,
}

/// A regular file's size when opened, and a handle to ask again when it is done.
struct SizeWatch {
    file: fs::File,
    size_at_open: u64,
}

/// The records of one input, in file order, with running counts. Skipped records are not yielded, only counted;
/// warnings (a guessed encoding, a size change, the run's own output) are kept for [`Records::take_warnings`].
pub struct Records {
    path: String,
    /// The format read as, once opened.
    format: Option<InputFormat>,
    state: State,
    counts: RecordCounts,
    opts: IngestOptions,
    /// Warnings not yet taken.
    warnings: Vec<IngestWarning>,
    /// All warnings so far, taken or not.
    warning_counts: WarningCounts,
    size_watch: Option<SizeWatch>,
}

impl Records {
    fn new(path: String, state: State, opts: &IngestOptions) -> Records {
        Records {
            path,
            format: None,
            state,
            counts: RecordCounts::default(),
            opts: opts.clone(),
            warnings: Vec::new(),
            warning_counts: WarningCounts::default(),
            size_watch: None,
        }
    }

    /// Records read from any byte stream (e.g. a network body or an in-memory buffer). `path` is shown in
    /// provenance and errors; `name` (a file name, if there is one) lets the extension help format detection.
    pub fn from_reader<R: Read + Send + 'static>(
        path: &str,
        name: Option<&str>,
        reader: R,
        opts: &IngestOptions,
    ) -> Records {
        Records::new(
            path.to_string(),
            State::Unopened(Opener::Reader {
                reader: Box::new(reader),
                name: name.map(str::to_string),
            }),
            opts,
        )
    }

    /// The path as given.
    pub fn path(&self) -> &str {
        &self.path
    }

    /// The format the input is read as (detected or forced); `None` before the first `next()` or when the input
    /// could not be opened or was refused as binary.
    pub fn format(&self) -> Option<InputFormat> {
        self.format
    }

    /// Records read, skipped and failed so far (final once the iterator has returned `None`).
    pub fn counts(&self) -> RecordCounts {
        self.counts
    }

    /// Warnings not yet taken, in the order they arose.
    pub fn warnings(&self) -> &[IngestWarning] {
        &self.warnings
    }

    /// Takes the warnings that arose since the last call (e.g. after each `next()`), so that they can be shown
    /// as they come without being kept.
    pub fn take_warnings(&mut self) -> Vec<IngestWarning> {
        std::mem::take(&mut self.warnings)
    }

    /// All warnings so far by reason, taken or not (final once the iterator has returned `None`).
    pub fn warning_counts(&self) -> WarningCounts {
        self.warning_counts
    }

    fn warn(&mut self, location: Location, kind: WarningKind) {
        self.push_warning(IngestWarning {
            path: self.path.clone(),
            location,
            kind,
        });
    }

    fn push_warning(&mut self, warning: IngestWarning) {
        self.warning_counts.add(warning.reason());
        self.warnings.push(warning);
    }

    /// Opens a file: the run's own output is refused with a warning (`Ok(None)`); a regular file is read only up to
    /// its size now.
    fn open_file(&mut self, path: &Path) -> Result<Option<Box<dyn Read + Send>>, IngestError> {
        let file = fs::File::open(path).map_err(|e| file_error(path, e))?;
        let metadata = file.metadata().map_err(|e| file_error(path, e))?;
        let identity = FileIdentity::of_metadata(&metadata);
        if identity.is_some_and(|id| self.opts.exclude.contains(&id)) {
            self.warn(Location::File, WarningKind::OwnOutput);
            return Ok(None);
        }
        // Procfs and sysfs files report size 0 and have content: those are read to their end.
        if !metadata.is_file() || metadata.len() == 0 {
            return Ok(Some(Box::new(file)));
        }
        let size_at_open = metadata.len();
        if let Ok(watch) = file.try_clone() {
            self.size_watch = Some(SizeWatch {
                file: watch,
                size_at_open,
            });
        }
        Ok(Some(Box::new(file.take(size_at_open))))
    }

    /// When a regular file is done: a warning if its size is not what it was when opened.
    fn check_size(&mut self) {
        let Some(watch) = self.size_watch.take() else {
            return;
        };
        if let Ok(m) = watch.file.metadata() {
            if m.len() != watch.size_at_open {
                self.warn(
                    Location::File,
                    WarningKind::ChangedWhileReading {
                        size_at_open: watch.size_at_open,
                        size_at_end: m.len(),
                    },
                );
            }
        }
    }

    fn open(&mut self, opener: Opener) -> Result<State, IngestError> {
        let (raw, name): (Box<dyn Read + Send>, Option<String>) = match opener {
            Opener::Source(Source::File(p)) => {
                let Some(file) = self.open_file(&p)? else {
                    return Ok(State::Done);
                };
                let name = p.file_name().map(|n| n.to_string_lossy().into_owned());
                (file, name)
            }
            Opener::Source(Source::Stdin) => (Box::new(io::stdin()), None),
            Opener::Reader { reader, name } => (reader, name),
        };
        let path = self.path.clone();
        let io_err = |e: io::Error| crate::io_to_ingest_error(&path, Location::Byte(0), e);
        let mut input =
            InputStream::new(Box::new(BufReader::with_capacity(READ_BUFFER_BYTES, raw)));
        if is_gzip(&input.peek(2).map_err(io_err)?) {
            let gz = crate::GzipReader::new(input);
            input = InputStream::new(Box::new(BufReader::with_capacity(READ_BUFFER_BYTES, gz)));
        }
        let head = input.peek(SNIFF_BYTES).map_err(io_err)?;
        let format = match self.opts.format {
            Some(f) => f,
            None => detect_format(&head, name.as_deref()).map_err(|b| IngestError::Binary {
                path: self.path.clone(),
                location: Location::File,
                detail: format!(" ({})", b.detail),
            })?,
        };
        self.format = Some(format);
        let max = self.opts.max_record_bytes;
        Ok(match format {
            InputFormat::Text | InputFormat::Html => {
                State::Single(Some(self.read_single(input, format)))
            }
            InputFormat::Jsonl => State::Jsonl(Box::new(JsonlReader::new(
                input,
                &self.path,
                self.opts.jsonl.clone(),
                max,
                self.opts.strict_utf8,
            ))),
            InputFormat::Warc => State::Warc(Box::new(WarcResponses::new(
                WarcReader::from_stream(input, &self.path, max),
                &self.path,
                max,
            ))),
            InputFormat::Reuters => State::Reuters(Box::new(ReutersRecords::new(
                input,
                &self.path,
                name.as_deref(),
                max,
                self.opts.strict_utf8,
            ))),
        })
    }

    /// A whole file as one text or HTML record.
    fn read_single(&mut self, mut input: InputStream, format: InputFormat) -> Step {
        let max = self.opts.max_record_bytes;
        let mut bytes = Vec::new();
        if let Err(e) = input.take_into(&mut bytes, max.saturating_add(1)) {
            return Step::Failed(crate::io_to_ingest_error(
                &self.path,
                Location::Byte(input.offset()),
                e,
            ));
        }
        if bytes.len() as u64 > max {
            return Step::Failed(IngestError::TooLarge {
                path: self.path.clone(),
                location: Location::File,
                limit: max,
            });
        }
        let (kind, content) = if format == InputFormat::Html {
            (ContentKind::Html, decode_html(bytes, None).text)
        } else if self.opts.strict_utf8 {
            match strict_plain_text(bytes) {
                Ok(text) => (ContentKind::Text, text),
                Err(bad_byte) => {
                    return Step::Failed(IngestError::InvalidUtf8 {
                        path: self.path.clone(),
                        location: Location::File,
                        bad_byte,
                    })
                }
            }
        } else {
            let decoded = decode_plain_text(bytes);
            let guessed = decoded.source == CharsetSource::Detected;
            if guessed || decoded.had_errors {
                self.warn(Location::File, WarningKind::not_utf8(&decoded));
            }
            (ContentKind::Text, decoded.text)
        };
        if content.trim().is_empty() {
            return Step::Skipped(SkipReason::Empty);
        }
        Step::Record(RawRecord {
            provenance: Provenance {
                path: self.path.clone(),
                record: None,
                byte_offset: None,
                url: None,
                format: Some(format),
            },
            kind,
            content,
            hints: RecordHints::default(),
        })
    }

    fn next_step(&mut self) -> Option<Step> {
        let step = self.advance();
        if step.is_none() {
            self.check_size();
        }
        step
    }

    fn advance(&mut self) -> Option<Step> {
        loop {
            match std::mem::replace(&mut self.state, State::Done) {
                State::Done => return None,
                State::Unopened(opener) => match self.open(opener) {
                    Ok(state) => self.state = state,
                    Err(e) => return Some(Step::Failed(e)),
                },
                State::Single(step) => return step,
                State::Jsonl(mut r) => {
                    let step = r.next_step();
                    for w in r.take_warnings() {
                        self.push_warning(w);
                    }
                    self.state = State::Jsonl(r);
                    return step;
                }
                State::Warc(mut r) => {
                    let step = r.next_step()?;
                    self.state = State::Warc(r);
                    return Some(step);
                }
                State::Reuters(mut r) => {
                    let step = r.next_step();
                    for w in r.take_warnings() {
                        self.push_warning(w);
                    }
                    self.state = State::Reuters(r);
                    return step;
                }
            }
        }
    }
}

impl Iterator for Records {
    type Item = Result<RawRecord, IngestError>;

    fn next(&mut self) -> Option<Self::Item> {
        loop {
            match self.next_step()? {
                Step::Record(r) => {
                    self.counts.ok += 1;
                    return Some(Ok(r));
                }
                Step::Failed(e) => {
                    self.counts.failed += 1;
                    return Some(Err(e));
                }
                Step::Skipped(reason) => self.counts.skipped.add(reason),
            }
        }
    }
}

/// Plain text under `strict_utf8`: it must be UTF-8 (a UTF-8 BOM is dropped); UTF-16 with a BOM is decoded. `Err`
/// is the offset of the first invalid byte.
fn strict_plain_text(bytes: Vec<u8>) -> Result<String, u64> {
    if let Some((enc, bom_len)) = encoding_rs::Encoding::for_bom(&bytes) {
        if enc != encoding_rs::UTF_8 {
            return Ok(enc
                .decode_without_bom_handling(&bytes[bom_len..])
                .0
                .into_owned());
        }
    }
    let bom = if bytes.starts_with(b"\xEF\xBB\xBF") {
        3
    } else {
        0
    };
    let mut bytes = bytes;
    bytes.drain(..bom);
    String::from_utf8(bytes).map_err(|e| (bom + e.utf8_error().valid_up_to()) as u64)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn records_can_move_across_threads() {
        // The CLI reads sources in parallel (rayon): a source's records must be Send.
        fn assert_send<T: Send>() {}
        assert_send::<Records>();
        assert_send::<Source>();
        assert_send::<IngestError>();
    }

    #[test]
    fn plain_text_boms_and_bad_bytes() {
        assert_eq!(
            strict_plain_text(b"\xEF\xBB\xBFabc".to_vec()),
            Ok("abc".to_string())
        );
        assert_eq!(
            strict_plain_text(b"\xFF\xFEa\0b\0".to_vec()),
            Ok("ab".to_string())
        );
        assert_eq!(strict_plain_text(b"\xEF\xBB\xBFab\xFFc".to_vec()), Err(5));
    }
}
