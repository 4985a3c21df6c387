//! Where a dictionary item came from, and what can be wrong with a dictionary line.
//!
//! Readers never stop at a bad line: they record a [`DictError`] in the [`LoadReport`] and go on, so one typo in a
//! 40,000-line actor file costs one entry, not the whole file. Only failing to read a file at all is fatal.

use std::fmt;
use std::sync::Arc;

/// A position in a dictionary file: the file as given and the 1-based line number.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct SourceLoc {
    /// The path as given to the loader (shared by every item of the file).
    pub file: Arc<str>,
    /// 1-based line number; 0 when the problem concerns the file as a whole.
    pub line: u32,
}

impl SourceLoc {
    /// A location in `file` at 1-based `line`.
    pub fn new(file: &Arc<str>, line: u32) -> Self {
        Self {
            file: Arc::clone(file),
            line,
        }
    }
}

impl fmt::Display for SourceLoc {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}", self.file, self.line)
    }
}

/// What kind of problem a [`DictError`] reports.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum DictErrorKind {
    /// The file could not be read (missing, unreadable).
    Io,
    /// A line does not follow the format (missing bracket, bad date, pattern without `*`, …).
    Syntax,
    /// A pattern or synset refers to a synset `&NAME` that is not defined (before it, where the format requires).
    UndefinedSynset,
    /// A line that is well-formed but ignored by the format's own reader (pattern before any verb, code on an
    /// unexpected line, …).
    Ignored,
    /// A project or config file names no usable dictionary of some kind, or an unknown key.
    Config,
}

/// One problem in a dictionary, project or config file: file, line and what is wrong.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{loc}: {message}")]
pub struct DictError {
    /// Where the problem is.
    pub loc: SourceLoc,
    /// The class of problem.
    pub kind: DictErrorKind,
    /// What is wrong, in words, quoting the offending text where short.
    pub message: String,
}

impl DictError {
    pub(crate) fn new(loc: SourceLoc, kind: DictErrorKind, message: impl Into<String>) -> Self {
        Self {
            loc,
            kind,
            message: message.into(),
        }
    }
}

/// The problems found while loading: every line that was skipped or read with a caveat.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct LoadReport {
    /// One entry per problem, in file order (files in load order).
    pub warnings: Vec<DictError>,
}

impl LoadReport {
    /// True when nothing was wrong.
    pub fn is_clean(&self) -> bool {
        self.warnings.is_empty()
    }

    pub(crate) fn push(&mut self, loc: SourceLoc, kind: DictErrorKind, message: impl Into<String>) {
        self.warnings.push(DictError::new(loc, kind, message));
    }

    /// Appends another report's warnings.
    pub fn extend(&mut self, other: LoadReport) {
        self.warnings.extend(other.warnings);
    }
}
