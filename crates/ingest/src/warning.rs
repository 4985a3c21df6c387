//! Warnings: inputs passed over and inputs read with a caveat, each with the path and a typed reason, so that
//! nothing is skipped silently. The library only collects them; the caller decides what to print.
//!
//! A directory walk ([`crate::discover_sources`]) reports files it does not read (the run's own output, FIFOs,
//! binary content, images, dangling links, ...); [`crate::Records`] reports decoding caveats (a guessed encoding,
//! a file that changed size while being read). Display reads like the errors:
//! `news/out.jsonl: skipped: it is this run's output`, `old.jsonl: line 3: not UTF-8; decoded as windows-1252`.

use crate::error::Location;
use std::fmt;

/// Kinds of file that are not regular files or directories.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum SpecialFile {
    /// A named pipe: opening it blocks until a writer comes.
    Fifo,
    Socket,
    CharDevice,
    BlockDevice,
}

impl SpecialFile {
    /// The special kind of a file type, or `None` for regular files, directories and links.
    pub fn of(file_type: std::fs::FileType) -> Option<SpecialFile> {
        #[cfg(unix)]
        {
            use std::os::unix::fs::FileTypeExt;
            if file_type.is_fifo() {
                return Some(SpecialFile::Fifo);
            }
            if file_type.is_socket() {
                return Some(SpecialFile::Socket);
            }
            if file_type.is_char_device() {
                return Some(SpecialFile::CharDevice);
            }
            if file_type.is_block_device() {
                return Some(SpecialFile::BlockDevice);
            }
            None
        }
        #[cfg(not(unix))]
        {
            let _ = file_type;
            None
        }
    }

    fn describe(self) -> &'static str {
        match self {
            SpecialFile::Fifo => "a FIFO (named pipe)",
            SpecialFile::Socket => "a socket",
            SpecialFile::CharDevice => "a character device",
            SpecialFile::BlockDevice => "a block device",
        }
    }
}

/// What a warning is about, with its details.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum WarningKind {
    /// The file is one of [`crate::IngestOptions::exclude`]: this run's own output.
    OwnOutput,
    /// A FIFO, socket or device met in a directory walk (never opened), or a socket given by path.
    Special(SpecialFile),
    /// A file without a known input extension whose first bytes are binary.
    BinaryContent { detail: String },
    /// A `.json` (or extensionless) file holding one JSON document rather than one object per line.
    JsonDocument,
    /// A file whose extension names a format that holds no article (see [`crate::sniff::NON_ARTICLE_EXTENSIONS`]).
    NonArticleExtension {
        extension: String,
        what: &'static str,
    },
    /// A file named like project paperwork (see [`crate::sniff::NON_ARTICLE_NAMES`]).
    NonArticleName,
    /// A hidden file or directory (name starting with `.`) in a walk.
    Hidden,
    /// A file or directory that could not be opened or listed (permissions, I/O error).
    Unreadable { message: String },
    /// A symbolic link whose target does not exist.
    DanglingLink,
    /// A symbolic link that leads back to itself, or a directory link back into the walk's own ancestors.
    SymlinkLoop,
    /// A file or directory already reached by another path (through a link, or given twice).
    Duplicate,
    /// Text that is not valid UTF-8, decoded anyway: from a guessed encoding, or (when `decoded_as` is UTF-8:
    /// the text is mostly valid UTF-8) with the bad bytes replaced by U+FFFD. `replaced_bad_bytes` tells whether
    /// any byte was replaced.
    NotUtf8 {
        decoded_as: &'static encoding_rs::Encoding,
        replaced_bad_bytes: bool,
    },
    /// The file's size changed while it was being read; what was read is the first `size_at_open` bytes at most.
    ChangedWhileReading { size_at_open: u64, size_at_end: u64 },
}

/// A warning's reason without its details, for counting (see [`WarningCounts`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum WarningReason {
    OwnOutput,
    Special,
    BinaryContent,
    JsonDocument,
    NonArticleExtension,
    NonArticleName,
    Hidden,
    Unreadable,
    DanglingLink,
    SymlinkLoop,
    Duplicate,
    NotUtf8,
    ChangedWhileReading,
}

impl WarningReason {
    /// Every reason, in the order summaries list them.
    pub const ALL: [WarningReason; 13] = [
        WarningReason::OwnOutput,
        WarningReason::Special,
        WarningReason::BinaryContent,
        WarningReason::JsonDocument,
        WarningReason::NonArticleExtension,
        WarningReason::NonArticleName,
        WarningReason::Hidden,
        WarningReason::Unreadable,
        WarningReason::DanglingLink,
        WarningReason::SymlinkLoop,
        WarningReason::Duplicate,
        WarningReason::NotUtf8,
        WarningReason::ChangedWhileReading,
    ];

    /// A short plural label for a summary line: `3 FIFO, socket or device`.
    pub fn label(self) -> &'static str {
        match self {
            WarningReason::OwnOutput => "this run's output",
            WarningReason::Special => "FIFO, socket or device",
            WarningReason::BinaryContent => "binary content",
            WarningReason::JsonDocument => "JSON, not JSON Lines",
            WarningReason::NonArticleExtension => "non-article extension",
            WarningReason::NonArticleName => "non-article file name",
            WarningReason::Hidden => "hidden",
            WarningReason::Unreadable => "unreadable",
            WarningReason::DanglingLink => "dangling link",
            WarningReason::SymlinkLoop => "symlink loop",
            WarningReason::Duplicate => "reached twice",
            WarningReason::NotUtf8 => "not UTF-8, decoded",
            WarningReason::ChangedWhileReading => "changed while read",
        }
    }

    /// Whether a warning of this reason means the file (or line) was not read at all. The others (`NotUtf8`,
    /// `ChangedWhileReading`) were read, with a caveat.
    pub fn is_skip(self) -> bool {
        !matches!(
            self,
            WarningReason::NotUtf8 | WarningReason::ChangedWhileReading
        )
    }

    /// Whether this is an expected skip in any real folder (hidden files, images, paperwork, binaries) that a
    /// front-end may list only when asked to be verbose; the rest deserve a line each.
    pub fn is_routine(self) -> bool {
        matches!(
            self,
            WarningReason::Hidden
                | WarningReason::NonArticleExtension
                | WarningReason::NonArticleName
                | WarningReason::BinaryContent
                | WarningReason::JsonDocument
                | WarningReason::Duplicate
        )
    }

    fn index(self) -> usize {
        self as usize
    }
}

impl WarningKind {
    /// The warning for text that was not valid UTF-8 and was decoded as `decoded` says.
    pub(crate) fn not_utf8(decoded: &crate::charset::DecodedText) -> WarningKind {
        WarningKind::NotUtf8 {
            decoded_as: decoded.encoding,
            replaced_bad_bytes: decoded.had_errors,
        }
    }

    /// The reason, for counting.
    pub fn reason(&self) -> WarningReason {
        match self {
            WarningKind::OwnOutput => WarningReason::OwnOutput,
            WarningKind::Special(_) => WarningReason::Special,
            WarningKind::BinaryContent { .. } => WarningReason::BinaryContent,
            WarningKind::JsonDocument => WarningReason::JsonDocument,
            WarningKind::NonArticleExtension { .. } => WarningReason::NonArticleExtension,
            WarningKind::NonArticleName => WarningReason::NonArticleName,
            WarningKind::Hidden => WarningReason::Hidden,
            WarningKind::Unreadable { .. } => WarningReason::Unreadable,
            WarningKind::DanglingLink => WarningReason::DanglingLink,
            WarningKind::SymlinkLoop => WarningReason::SymlinkLoop,
            WarningKind::Duplicate => WarningReason::Duplicate,
            WarningKind::NotUtf8 { .. } => WarningReason::NotUtf8,
            WarningKind::ChangedWhileReading { .. } => WarningReason::ChangedWhileReading,
        }
    }
}

impl fmt::Display for WarningKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.reason().is_skip() {
            f.write_str("skipped: ")?;
        }
        match self {
            WarningKind::OwnOutput => f.write_str("it is this run's output"),
            WarningKind::Special(s) => write!(f, "{}, not a regular file", s.describe()),
            WarningKind::BinaryContent { detail } => write!(f, "binary content ({detail})"),
            WarningKind::JsonDocument => {
                f.write_str("a JSON document, not JSON Lines (one object per line)")
            }
            WarningKind::NonArticleExtension { extension, what } => {
                write!(f, ".{extension} is {what}, not an article format")
            }
            WarningKind::NonArticleName => f.write_str("named like project paperwork, not an article"),
            WarningKind::Hidden => f.write_str("hidden"),
            WarningKind::Unreadable { message } => write!(f, "unreadable: {message}"),
            WarningKind::DanglingLink => f.write_str("dangling symbolic link"),
            WarningKind::SymlinkLoop => f.write_str("symbolic link loop"),
            WarningKind::Duplicate => f.write_str("already read through another path"),
            WarningKind::NotUtf8 { decoded_as, .. } if *decoded_as == encoding_rs::UTF_8 => {
                f.write_str("invalid UTF-8; bad bytes replaced with U+FFFD")
            }
            WarningKind::NotUtf8 {
                decoded_as,
                replaced_bad_bytes,
            } => {
                write!(f, "not UTF-8; decoded as {} (guessed)", decoded_as.name())?;
                if *replaced_bad_bytes {
                    f.write_str("; bytes invalid in it replaced with U+FFFD")?;
                }
                Ok(())
            }
            WarningKind::ChangedWhileReading {
                size_at_open,
                size_at_end,
            } => write!(
                f,
                "changed size while being read ({size_at_open} bytes when opened, {size_at_end} after); \
                 read at most the first {size_at_open}"
            ),
        }
    }
}

/// A file passed over, or read with a caveat.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IngestWarning {
    /// The path as found (walks join directory and entry names) or given; `-` for standard input.
    pub path: String,
    /// Where in the file: [`Location::File`] for whole-file warnings, a line for JSONL.
    pub location: Location,
    pub kind: WarningKind,
}

impl IngestWarning {
    pub(crate) fn file(path: impl Into<String>, kind: WarningKind) -> IngestWarning {
        IngestWarning {
            path: path.into(),
            location: Location::File,
            kind,
        }
    }

    /// Shortcut for `self.kind.reason()`.
    pub fn reason(&self) -> WarningReason {
        self.kind.reason()
    }
}

impl fmt::Display for IngestWarning {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}{}", self.path, self.location, self.kind)
    }
}

/// Warnings counted by reason.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct WarningCounts {
    by_reason: [u64; WarningReason::ALL.len()],
}

impl WarningCounts {
    pub fn add(&mut self, reason: WarningReason) {
        self.by_reason[reason.index()] += 1;
    }

    pub fn get(&self, reason: WarningReason) -> u64 {
        self.by_reason[reason.index()]
    }

    /// Adds another count (for totals).
    pub fn merge(&mut self, other: &WarningCounts) {
        for (mine, theirs) in self.by_reason.iter_mut().zip(other.by_reason) {
            *mine += theirs;
        }
    }

    /// Files (or lines) not read, over all skip reasons.
    pub fn skipped(&self) -> u64 {
        self.iter()
            .filter(|(r, _)| r.is_skip())
            .map(|(_, n)| n)
            .sum()
    }

    /// Every warning, skips and caveats.
    pub fn total(&self) -> u64 {
        self.by_reason.iter().sum()
    }

    /// `(reason, count)` for every reason with a non-zero count, in [`WarningReason::ALL`] order.
    pub fn iter(&self) -> impl Iterator<Item = (WarningReason, u64)> + '_ {
        WarningReason::ALL
            .into_iter()
            .map(|r| (r, self.get(r)))
            .filter(|&(_, n)| n > 0)
    }
}

impl<'a> FromIterator<&'a IngestWarning> for WarningCounts {
    fn from_iter<I: IntoIterator<Item = &'a IngestWarning>>(iter: I) -> WarningCounts {
        let mut counts = WarningCounts::default();
        for w in iter {
            counts.add(w.reason());
        }
        counts
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reasons_are_listed_once_in_index_order() {
        for (i, r) in WarningReason::ALL.into_iter().enumerate() {
            assert_eq!(r.index(), i);
        }
    }

    #[test]
    fn display_reads_like_a_message() {
        let w = IngestWarning::file("news/out.jsonl", WarningKind::OwnOutput);
        assert_eq!(
            w.to_string(),
            "news/out.jsonl: skipped: it is this run's output"
        );
        let w = IngestWarning {
            path: "old.jsonl".into(),
            location: Location::Line { line: 3, byte: 80 },
            kind: WarningKind::NotUtf8 {
                decoded_as: encoding_rs::WINDOWS_1252,
                replaced_bad_bytes: false,
            },
        };
        assert_eq!(
            w.to_string(),
            "old.jsonl: line 3: not UTF-8; decoded as windows-1252 (guessed)"
        );
        let counts: WarningCounts = [&w, &w].into_iter().collect();
        assert_eq!(counts.get(WarningReason::NotUtf8), 2);
        assert_eq!((counts.skipped(), counts.total()), (0, 2));
    }
}
