//! Input discovery: command-line paths expanded into [`Source`]s, directories walked in sorted order, and every
//! file a walk does not take reported as an [`IngestWarning`] with its reason — nothing is passed over silently.
//!
//! A walk never opens what could block or is not a file (FIFOs, sockets, devices), never reads the run's own output
//! ([`crate::IngestOptions::exclude`]), survives links that dangle or loop and folders it may not list, and reaches
//! each file once however many links lead to it. Files whose name gives no input format are judged by their first
//! bytes ([`crate::sniff::judge_unlisted`]); files whose name says they hold no article are not opened
//! ([`crate::sniff::NON_ARTICLE_EXTENSIONS`], [`crate::sniff::NON_ARTICLE_NAMES`]). A path named on the command
//! line is taken as the caller's word: a file or FIFO there is read whatever its name (a socket cannot be).
//!
//! Discovery reads directory listings, metadata and at most [`SNIFF_BYTES`] of each unlisted file; it never
//! prints. The order of sources and warnings is the sorted walk order, the same on every run.

use crate::error::{IngestError, Location};
use crate::identity::FileIdentity;
use crate::sniff::{
    format_from_name, is_gzip, is_non_article_name, judge_unlisted, non_article_extension,
    BinaryEvidence, UnlistedVerdict, SNIFF_BYTES,
};
use crate::source::{Source, STDIN_PATH};
use crate::warning::{IngestWarning, SpecialFile, WarningCounts, WarningKind};
use crate::IngestOptions;
use std::collections::HashSet;
use std::fs::{self, Metadata};
use std::io::{self, Read};
use std::path::{Path, PathBuf};

/// Most links followed when telling a symbolic-link loop from other failures (Linux's own limit is 40).
const MAX_SYMLINK_HOPS: usize = 40;

/// What [`discover_sources`] found: the inputs to read, in order, and the files passed over (or given but not
/// readable as inputs), each with its reason.
#[derive(Debug, Default)]
pub struct Walk {
    /// Inputs in order; an `Err` stands where a path given on the command line could not be read at all.
    pub sources: Vec<Result<Source, IngestError>>,
    /// Files and directories not taken, in walk order.
    pub warnings: Vec<IngestWarning>,
}

impl Walk {
    /// The warnings counted by reason.
    pub fn warning_counts(&self) -> WarningCounts {
        self.warnings.iter().collect()
    }
}

/// Expands command-line paths into sources, in order: `-` is standard input; a file (or FIFO, or device) is taken
/// whatever its name; a directory is walked recursively in sorted order. The walk takes files with a known input
/// extension (`.txt .text .html .htm .xhtml .shtml .jsonl .ndjson .warc`, each optionally `.gz`) and files whose
/// first bytes look like text, HTML, JSON Lines or WARC (gzip looked through); it passes over hidden entries,
/// files named as non-article formats, binary content, JSON documents, FIFOs, sockets, devices, dangling links,
/// link loops, files already reached, unreadable entries and the files in `opts.exclude`, each with a warning.
/// With `opts.format` set, the walk takes every file that is not passed over by name, without sniffing.
///
/// A path given on the command line that cannot be read becomes an `Err` in its place; a given file in
/// `opts.exclude`, or a given socket, becomes a warning.
///
/// ```no_run
/// use dyad_ingest::{discover_sources, IngestOptions};
/// use std::path::PathBuf;
///
/// let walk = discover_sources(&[PathBuf::from("news/")], &IngestOptions::default());
/// for w in &walk.warnings {
///     eprintln!("warning: {w}"); // "news/photo.jpg: skipped: .jpg is an image, not an article format"
/// }
/// for (reason, n) in walk.warning_counts().iter() {
///     eprintln!("{n} {}", reason.label());
/// }
/// ```
pub fn discover_sources(paths: &[PathBuf], opts: &IngestOptions) -> Walk {
    let mut walker = Walker {
        opts,
        walk: Walk::default(),
        seen_files: HashSet::new(),
        seen_dirs: HashSet::new(),
    };
    for path in paths {
        walker.given(path);
    }
    walker.walk
}

/// How a file or directory is recognised when reached again: its identity, or where the platform has none, its
/// canonical path.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
enum NodeKey {
    Identity(FileIdentity),
    Path(PathBuf),
}

impl NodeKey {
    fn of(path: &Path, metadata: &Metadata) -> NodeKey {
        match FileIdentity::of_metadata(metadata) {
            Some(id) => NodeKey::Identity(id),
            None => NodeKey::Path(fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf())),
        }
    }
}

/// A directory being walked: its key (to catch links back into it) and the entries still to visit.
struct Frame {
    key: NodeKey,
    entries: std::vec::IntoIter<PathBuf>,
}

struct Walker<'a> {
    opts: &'a IngestOptions,
    walk: Walk,
    /// Files taken so far, so a second path to one (a link) is reported instead of read twice.
    seen_files: HashSet<NodeKey>,
    /// Directories entered so far.
    seen_dirs: HashSet<NodeKey>,
}

impl Walker<'_> {
    fn warn(&mut self, path: &Path, kind: WarningKind) {
        self.walk
            .warnings
            .push(IngestWarning::file(path.display().to_string(), kind));
    }

    fn take(&mut self, path: &Path, metadata: &Metadata) {
        self.seen_files.insert(NodeKey::of(path, metadata));
        self.walk.sources.push(Ok(Source::File(path.to_path_buf())));
    }

    fn is_excluded(&self, metadata: &Metadata) -> bool {
        FileIdentity::of_metadata(metadata).is_some_and(|id| self.opts.exclude.contains(&id))
    }

    /// A path from the command line.
    fn given(&mut self, path: &Path) {
        if path.as_os_str() == STDIN_PATH {
            self.walk.sources.push(Ok(Source::Stdin));
            return;
        }
        let metadata = match fs::metadata(path) {
            Ok(m) => m,
            Err(e) => return self.walk.sources.push(Err(path_error(path, e))),
        };
        if metadata.is_dir() {
            return self.walk_root(path, &metadata);
        }
        if self.is_excluded(&metadata) {
            return self.warn(path, WarningKind::OwnOutput);
        }
        if SpecialFile::of(metadata.file_type()) == Some(SpecialFile::Socket) {
            return self.warn(path, WarningKind::Special(SpecialFile::Socket));
        }
        self.take(path, &metadata);
    }

    /// Walks a directory given on the command line, depth first in sorted order, with an explicit stack (no
    /// recursion, however deep the tree).
    fn walk_root(&mut self, root: &Path, metadata: &Metadata) {
        let key = NodeKey::of(root, metadata);
        if !self.seen_dirs.insert(key.clone()) {
            return self.warn(root, WarningKind::Duplicate);
        }
        let entries = match fs::read_dir(root) {
            Ok(rd) => self.sorted_entries(root, rd),
            Err(e) => return self.walk.sources.push(Err(path_error(root, e))),
        };
        let mut stack = vec![Frame {
            key,
            entries: entries.into_iter(),
        }];
        while let Some(frame) = stack.last_mut() {
            let Some(path) = frame.entries.next() else {
                stack.pop();
                continue;
            };
            if let Some(key) = self.entry(&path, &stack) {
                match fs::read_dir(&path) {
                    Ok(rd) => {
                        let entries = self.sorted_entries(&path, rd);
                        stack.push(Frame {
                            key,
                            entries: entries.into_iter(),
                        });
                    }
                    Err(e) => self.warn(
                        &path,
                        WarningKind::Unreadable {
                            message: e.to_string(),
                        },
                    ),
                }
            }
        }
    }

    /// The entries of a directory as paths, sorted by name; an entry that cannot be listed is a warning on the
    /// directory and the rest are kept.
    fn sorted_entries(&mut self, dir: &Path, read_dir: fs::ReadDir) -> Vec<PathBuf> {
        let mut names = Vec::new();
        for entry in read_dir {
            match entry {
                Ok(e) => names.push(e.file_name()),
                Err(e) => self.warn(
                    dir,
                    WarningKind::Unreadable {
                        message: format!("listing stopped early: {e}"),
                    },
                ),
            }
        }
        names.sort();
        names.into_iter().map(|n| dir.join(n)).collect()
    }

    /// One directory entry: taken as a source, reported, or (for a directory to descend into) its key returned.
    fn entry(&mut self, path: &Path, ancestors: &[Frame]) -> Option<NodeKey> {
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        if name.starts_with('.') {
            self.warn(path, WarningKind::Hidden);
            return None;
        }
        let metadata = match fs::metadata(path) {
            Ok(m) => m,
            Err(e) => {
                let kind = broken_entry(path, e);
                self.warn(path, kind);
                return None;
            }
        };
        if metadata.is_dir() {
            let key = NodeKey::of(path, &metadata);
            if ancestors.iter().any(|f| f.key == key) {
                self.warn(path, WarningKind::SymlinkLoop);
                return None;
            }
            if !self.seen_dirs.insert(key.clone()) {
                self.warn(path, WarningKind::Duplicate);
                return None;
            }
            return Some(key);
        }
        if let Some(special) = SpecialFile::of(metadata.file_type()) {
            self.warn(path, WarningKind::Special(special));
            return None;
        }
        if self.is_excluded(&metadata) {
            self.warn(path, WarningKind::OwnOutput);
            return None;
        }
        if self.seen_files.contains(&NodeKey::of(path, &metadata)) {
            self.warn(path, WarningKind::Duplicate);
            return None;
        }
        match self.judge_file(path, &name) {
            Ok(()) => self.take(path, &metadata),
            Err(kind) => self.warn(path, kind),
        }
        None
    }

    /// Whether a regular file met in a walk is an input: by name first, then (no known extension) by content.
    fn judge_file(&self, path: &Path, name: &str) -> Result<(), WarningKind> {
        if is_non_article_name(name) {
            return Err(WarningKind::NonArticleName);
        }
        if let Some((extension, what)) = non_article_extension(name) {
            return Err(WarningKind::NonArticleExtension { extension, what });
        }
        let unreadable = |e: io::Error| WarningKind::Unreadable {
            message: e.to_string(),
        };
        // Opened here so that an unreadable file is a warning of the walk, not a failed input later.
        let mut file = fs::File::open(path).map_err(unreadable)?;
        if self.opts.format.is_some() || format_from_name(name).is_some() {
            return Ok(());
        }
        let head = match sniffed_head(&mut file) {
            Ok(head) => head,
            Err(Sniffed::Io(e)) => return Err(unreadable(e)),
            Err(Sniffed::BadGzip(e)) => {
                return Err(WarningKind::BinaryContent {
                    detail: format!("gzip data that does not decompress: {e}"),
                })
            }
        };
        match judge_unlisted(&head, name) {
            UnlistedVerdict::Read => Ok(()),
            UnlistedVerdict::Binary(BinaryEvidence { detail }) => {
                Err(WarningKind::BinaryContent { detail })
            }
            UnlistedVerdict::JsonDocument => Err(WarningKind::JsonDocument),
        }
    }
}

enum Sniffed {
    Io(io::Error),
    BadGzip(io::Error),
}

/// The first [`SNIFF_BYTES`] of a file, decompressed when it starts with gzip's magic bytes.
fn sniffed_head(file: &mut fs::File) -> Result<Vec<u8>, Sniffed> {
    let mut head = Vec::with_capacity(SNIFF_BYTES);
    file.by_ref()
        .take(SNIFF_BYTES as u64)
        .read_to_end(&mut head)
        .map_err(Sniffed::Io)?;
    if !is_gzip(&head) {
        return Ok(head);
    }
    let compressed = io::BufReader::new(io::Cursor::new(head).chain(file));
    let mut inner = Vec::with_capacity(SNIFF_BYTES);
    crate::GzipReader::new(compressed)
        .take(SNIFF_BYTES as u64)
        .read_to_end(&mut inner)
        .map_err(Sniffed::BadGzip)?;
    Ok(inner)
}

/// Why an entry whose metadata cannot be read is passed over: a link that dangles or loops, or an I/O error.
fn broken_entry(path: &Path, error: io::Error) -> WarningKind {
    let is_link = fs::symlink_metadata(path).is_ok_and(|m| m.file_type().is_symlink());
    if is_link && error.kind() == io::ErrorKind::NotFound {
        return WarningKind::DanglingLink;
    }
    if is_link && link_chain_loops(path) {
        return WarningKind::SymlinkLoop;
    }
    WarningKind::Unreadable {
        message: error.to_string(),
    }
}

/// Whether following `path`'s chain of symbolic links comes back to a link already passed (or goes on longer than
/// [`MAX_SYMLINK_HOPS`]).
fn link_chain_loops(path: &Path) -> bool {
    let mut seen = HashSet::new();
    let mut at = path.to_path_buf();
    for _ in 0..MAX_SYMLINK_HOPS {
        let Ok(target) = fs::read_link(&at) else {
            return false;
        };
        let next = match at.parent() {
            Some(parent) if target.is_relative() => parent.join(target),
            _ => target,
        };
        if !seen.insert(at) {
            return true;
        }
        at = next;
    }
    true
}

fn path_error(path: &Path, source: io::Error) -> IngestError {
    IngestError::Io {
        path: path.display().to_string(),
        location: Location::File,
        source,
    }
}
