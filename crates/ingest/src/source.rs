//! Input sources: paths expanded into files (directories walked in sorted order), each opened lazily, gunzipped
//! when it starts with gzip's magic bytes, sniffed, and read as records with per-file ok/skipped/failed counts.

use crate::charset::decode_html;
use crate::error::{IngestError, Location};
use crate::jsonl::JsonlReader;
use crate::sniff::{detect_format, format_from_name, is_gzip, SNIFF_BYTES};
use crate::stream::InputStream;
use crate::warc::WarcReader;
use crate::warc_responses::WarcResponses;
use crate::{ContentKind, IngestOptions, RawRecord, RecordCounts, RecordHints, SkipReason, Step};
use dyad_model::{InputFormat, Provenance};
use std::collections::HashSet;
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
        Records {
            path: self.display_path(),
            format: None,
            state: State::Unopened(Opener::Source(self.clone())),
            counts: RecordCounts::default(),
            opts: opts.clone(),
        }
    }
}

impl fmt::Display for Source {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.display_path())
    }
}

/// Expands command-line paths into sources, in order: `-` is standard input; a file is taken whatever its name;
/// a directory is walked recursively in sorted order, skipping hidden entries and keeping files with a known input
/// extension (`.txt .text .html .htm .xhtml .shtml .jsonl .ndjson .warc`, each optionally `.gz`) — or every file
/// when `opts.format` is set. A path that cannot be read becomes an `Err` in its place.
pub fn discover_sources(
    paths: &[PathBuf],
    opts: &IngestOptions,
) -> Vec<Result<Source, IngestError>> {
    let mut out = Vec::new();
    for path in paths {
        if path.as_os_str() == STDIN_PATH {
            out.push(Ok(Source::Stdin));
            continue;
        }
        match fs::metadata(path) {
            Ok(m) if m.is_dir() => {
                let mut seen = HashSet::new();
                walk_dir(path, opts, &mut seen, &mut out);
            }
            Ok(_) => out.push(Ok(Source::File(path.clone()))),
            Err(e) => out.push(Err(file_error(path, e))),
        }
    }
    out
}

fn file_error(path: &Path, source: io::Error) -> IngestError {
    IngestError::Io {
        path: path.display().to_string(),
        location: Location::File,
        source,
    }
}

fn walk_dir(
    dir: &Path,
    opts: &IngestOptions,
    seen: &mut HashSet<PathBuf>,
    out: &mut Vec<Result<Source, IngestError>>,
) {
    // Symlinked directories could form a loop: visit each real directory once.
    match fs::canonicalize(dir) {
        Ok(real) => {
            if !seen.insert(real) {
                return;
            }
        }
        Err(e) => return out.push(Err(file_error(dir, e))),
    }
    let entries = match fs::read_dir(dir) {
        Ok(rd) => rd.collect::<Result<Vec<_>, _>>(),
        Err(e) => Err(e),
    };
    let mut entries = match entries {
        Ok(v) => v,
        Err(e) => return out.push(Err(file_error(dir, e))),
    };
    entries.sort_by_key(|e| e.file_name());
    for entry in entries {
        let name = entry.file_name();
        let name = name.to_string_lossy();
        if name.starts_with('.') {
            continue;
        }
        let path = entry.path();
        match fs::metadata(&path) {
            Ok(m) if m.is_dir() => walk_dir(&path, opts, seen, out),
            Ok(_) if opts.format.is_some() || format_from_name(&name).is_some() => {
                out.push(Ok(Source::File(path)))
            }
            Ok(_) => {}
            Err(e) => out.push(Err(file_error(&path, e))),
        }
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
    Done,
}

/// The records of one input, in file order, with running counts. Skipped records are not yielded, only counted.
pub struct Records {
    path: String,
    /// The format read as, once opened.
    format: Option<InputFormat>,
    state: State,
    counts: RecordCounts,
    opts: IngestOptions,
}

impl Records {
    /// Records read from any byte stream (e.g. a network body or an in-memory buffer). `path` is shown in
    /// provenance and errors; `name` (a file name, if there is one) lets the extension help format detection.
    pub fn from_reader<R: Read + Send + 'static>(
        path: &str,
        name: Option<&str>,
        reader: R,
        opts: &IngestOptions,
    ) -> Records {
        Records {
            path: path.to_string(),
            format: None,
            state: State::Unopened(Opener::Reader {
                reader: Box::new(reader),
                name: name.map(str::to_string),
            }),
            counts: RecordCounts::default(),
            opts: opts.clone(),
        }
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

    fn open(&mut self, opener: Opener) -> Result<State, IngestError> {
        let (raw, name): (Box<dyn Read + Send>, Option<String>) = match opener {
            Opener::Source(Source::File(p)) => {
                let file = fs::File::open(&p).map_err(|e| file_error(&p, e))?;
                let name = p.file_name().map(|n| n.to_string_lossy().into_owned());
                (Box::new(file), name)
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
            ))),
            InputFormat::Warc => State::Warc(Box::new(WarcResponses::new(
                WarcReader::from_stream(input, &self.path, max),
                &self.path,
                max,
            ))),
        })
    }

    /// A whole file as one text or HTML record.
    fn read_single(&self, mut input: InputStream, format: InputFormat) -> Step {
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
        } else {
            match decode_plain_text(bytes) {
                Ok(text) => (ContentKind::Text, text),
                Err(bad_byte) => {
                    return Step::Failed(IngestError::InvalidUtf8 {
                        path: self.path.clone(),
                        location: Location::File,
                        bad_byte,
                    })
                }
            }
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
        loop {
            match std::mem::replace(&mut self.state, State::Done) {
                State::Done => return None,
                State::Unopened(opener) => match self.open(opener) {
                    Ok(state) => self.state = state,
                    Err(e) => return Some(Step::Failed(e)),
                },
                State::Single(step) => return step,
                State::Jsonl(mut r) => {
                    let step = r.next_step()?;
                    self.state = State::Jsonl(r);
                    return Some(step);
                }
                State::Warc(mut r) => {
                    let step = r.next_step()?;
                    self.state = State::Warc(r);
                    return Some(step);
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

/// Plain text must be UTF-8 (a UTF-8 BOM is dropped); UTF-16 with a BOM is decoded. `Err` is the offset of the
/// first invalid byte.
fn decode_plain_text(bytes: Vec<u8>) -> Result<String, u64> {
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
            decode_plain_text(b"\xEF\xBB\xBFabc".to_vec()),
            Ok("abc".to_string())
        );
        assert_eq!(
            decode_plain_text(b"\xFF\xFEa\0b\0".to_vec()),
            Ok("ab".to_string())
        );
        assert_eq!(decode_plain_text(b"\xEF\xBB\xBFab\xFFc".to_vec()), Err(5));
    }
}
