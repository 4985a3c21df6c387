//! Event-coding validation suites: the records (sentence text, date, expected events) of the TABARI and
//! PETRARCH families, and the dictionary files each suite is meant to run with.
//!
//! Readers take the sentence TEXT only; parse trees in the PETRARCH files are skipped. Reading is separate from
//! scoring ([`crate::validation`]), so a suite can be listed, filtered or fed to any coder.

mod petrarch;
mod tabari;

use dyad_model::date::Date;
use std::fmt;
use std::path::{Path, PathBuf};

pub use petrarch::{parse_petrarch_records, read_petrarch_suite};
pub use tabari::{parse_tabari_records, read_tabari_project, read_tabari_suite};

/// One event as a suite states it and as a coder reports it: source actor, target actor, CAMEO code.
///
/// Fields are compared exactly after trimming; codes keep their suite spelling (`064`, `174K`, `~MOS` agents).
#[derive(
    Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize,
)]
pub struct CodedTriple {
    pub source: String,
    pub target: String,
    pub code: String,
}

impl CodedTriple {
    /// A triple with each field trimmed.
    pub fn new(source: &str, target: &str, code: &str) -> CodedTriple {
        CodedTriple {
            source: source.trim().to_string(),
            target: target.trim().to_string(),
            code: code.trim().to_string(),
        }
    }
}

impl fmt::Display for CodedTriple {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} / {} / {}", self.source, self.target, self.code)
    }
}

/// Why a record expects no event.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NoEventReason {
    /// TABARI `{---}`, PETRARCH `noevents="True"`: nothing should be coded.
    NoEvents,
    /// TABARI `{###}`, PETRARCH `error="storydiscard|sentencediscard"`: the discard list removes it.
    Discard,
    /// TABARI `{+++}`: rejected as too complex.
    Complex,
    /// PETRARCH `error="dateline|bad_input_parse"`: the input is rejected before coding.
    InputError(String),
}

/// Why a record is read but not scored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum UncheckedReason {
    /// TABARI `{ OPTION: ... }`: changes a coder setting mid-run; the commands as written.
    Option(Vec<String>),
    /// TABARI `-{ ... }`: coded, but the check is skipped.
    SkipCheck,
    /// TABARI START/FINAL control records.
    Control,
    /// A TABARI record with no expected-event marker at all.
    Unmarked,
    /// A PETRARCH record with no `<EventCoding>` at all: nothing states what it expects (PETRARCH-1's PATTERN-06
    /// has its expectation commented out), so it is counted apart rather than read as "no event".
    Unstated,
    /// The expectation is there but unreadable (an `<EventCoding>` without an `eventcode`, events mixed with
    /// `noevents`, a TABARI `{ ... }` line that is not `SOURCE / TARGET / CODE`); the message says what.
    Malformed(String),
}

/// What a record expects a coder to produce.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Expected {
    /// Exactly these events, as a multiset (order ignored).
    Events(Vec<CodedTriple>),
    /// No event at all.
    Nothing(NoEventReason),
    /// Not scored.
    Unchecked(UncheckedReason),
}

impl Expected {
    /// A short name for reports: `events`, `none`, `discard`, `complex`, `error`, `option`, `skip`, `control`,
    /// `unmarked`, `unstated`, `malformed`.
    pub fn kind(&self) -> &'static str {
        match self {
            Expected::Events(_) => "events",
            Expected::Nothing(NoEventReason::NoEvents) => "none",
            Expected::Nothing(NoEventReason::Discard) => "discard",
            Expected::Nothing(NoEventReason::Complex) => "complex",
            Expected::Nothing(NoEventReason::InputError(_)) => "error",
            Expected::Unchecked(UncheckedReason::Option(_)) => "option",
            Expected::Unchecked(UncheckedReason::SkipCheck) => "skip",
            Expected::Unchecked(UncheckedReason::Control) => "control",
            Expected::Unchecked(UncheckedReason::Unmarked) => "unmarked",
            Expected::Unchecked(UncheckedReason::Unstated) => "unstated",
            Expected::Unchecked(UncheckedReason::Malformed(_)) => "malformed",
        }
    }

    /// Why the record has no usable expectation, when it has none: no expected-event marker or `<EventCoding>`
    /// at all, or one that cannot be read. Options, skip-checks and control records are unchecked by design and
    /// give `None`.
    pub fn unusable(&self) -> Option<String> {
        match self {
            Expected::Unchecked(UncheckedReason::Unmarked) => {
                Some("no expected-event marker".to_string())
            }
            Expected::Unchecked(UncheckedReason::Unstated) => Some("no <EventCoding>".to_string()),
            Expected::Unchecked(UncheckedReason::Malformed(why)) => Some(why.clone()),
            _ => None,
        }
    }

    /// The expected events; empty for records that expect none or are not scored.
    pub fn events(&self) -> &[CodedTriple] {
        match self {
            Expected::Events(events) => events,
            _ => &[],
        }
    }
}

/// One suite record: a sentence (or short story) with what should be coded from it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SuiteRecord {
    /// Record id as written (`DEMO-01`).
    pub id: String,
    /// Record date, ISO 8601 (`1995-01-01`), when the record gives a valid one.
    pub date: Option<String>,
    /// Record category: the PETRARCH `category` attribute, or the TABARI id prefix (`DEMO` of `DEMO-01`).
    pub category: String,
    /// The text to code, whitespace-normalised (lines joined with single spaces).
    pub text: String,
    pub expected: Expected,
    /// Whether the suite's own tool runs this record: PETRARCH `sentence`/`evaluate="true"` with an
    /// `<Include>`d category; TABARI records before FINAL.
    pub active: bool,
    /// 1-based line of the record's first line in the suite file.
    pub line: usize,
    /// Coder settings in force when the suite's tool reaches this record, as (option, value) in the order first
    /// set: PETRARCH `<Config option=".." value="..">` elements seen so far (a later value replaces an earlier
    /// one); for TABARI, every `{ OPTION: ... }` command of the records before it, as `("OPTION", command)`,
    /// in order (apply them in turn on top of the `.options` file).
    pub settings: Vec<(String, String)>,
}

impl SuiteRecord {
    /// Whether the record is scored: active and not [`Expected::Unchecked`].
    pub fn is_scored(&self) -> bool {
        self.active && !matches!(self.expected, Expected::Unchecked(_))
    }
}

/// The suite file's family.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SuiteFormat {
    /// TABARI `.text` records with a `.project` file.
    Tabari,
    /// PETRARCH-1/2 validation XML (`sentence="true"` records; PETRARCH-1 verb syntax).
    Petrarch,
    /// UD-PETRARCH validation XML (`evaluate="true"` records; PETRARCH-2 verb syntax).
    UdPetrarch,
}

/// What a dictionary file is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum DictionaryKind {
    Actors,
    Verbs,
    Agents,
    Discards,
    Options,
    /// UD-PETRARCH internal coding ontology (`<PICOfile>`).
    Ontology,
    Issues,
}

/// One dictionary file a suite names, resolved to a path.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SuiteDictionary {
    pub kind: DictionaryKind,
    /// The name as the suite writes it.
    pub name: String,
    /// Where it was found, or, when it was not, where the suite's layout puts it.
    pub path: PathBuf,
    pub exists: bool,
}

/// A whole suite: its records in file order and the dictionaries it runs with.
#[derive(Debug, Clone)]
pub struct Suite {
    /// File stem, e.g. `Validate` or `PETR.UnitTest.records`.
    pub name: String,
    pub path: PathBuf,
    pub format: SuiteFormat,
    pub records: Vec<SuiteRecord>,
    pub dictionaries: Vec<SuiteDictionary>,
}

impl Suite {
    /// Read a suite, choosing the reader by extension: `.xml` → PETRARCH or UD-PETRARCH; anything else → TABARI
    /// (a `.text` records file, or a `.project` file naming one). Dictionary names are resolved against the
    /// suite's folder, its sibling `dictionaries/` folder, then `extra_dictionary_dirs`.
    ///
    /// ```no_run
    /// use dyad_eval::suite::{suite_dict_files, Suite};
    /// use dyad_eval::validation::run_suite;
    /// let suite = Suite::load("../shared/data/petrarch/tabari/Validate.project".as_ref(), &[]).unwrap();
    /// let _files = suite_dict_files(&suite); // hand to dyad_dict::Dictionaries::load
    /// let report = run_suite(&suite, &|record| {
    ///     // code record.text (dated record.date) and return (source, target, code) triples
    ///     let _ = record;
    ///     Vec::new()
    /// });
    /// println!("{report:#}");
    /// ```
    pub fn load(path: &Path, extra_dictionary_dirs: &[PathBuf]) -> Result<Suite, SuiteError> {
        let is_xml = path
            .extension()
            .is_some_and(|e| e.eq_ignore_ascii_case("xml"));
        if is_xml {
            read_petrarch_suite(path, extra_dictionary_dirs)
        } else {
            read_tabari_suite(path, extra_dictionary_dirs)
        }
    }

    /// Records the suite's own tool scores.
    pub fn scored_records(&self) -> impl Iterator<Item = &SuiteRecord> {
        self.records.iter().filter(|r| r.is_scored())
    }

    /// Dictionaries of one kind, in the order the suite names them.
    pub fn dictionaries_of(&self, kind: DictionaryKind) -> impl Iterator<Item = &SuiteDictionary> {
        self.dictionaries.iter().filter(move |d| d.kind == kind)
    }
}

/// Every dictionary file the suite runs with, in the order it names them (so the CLI or coder loads the right
/// ones).
pub fn suite_dictionaries(suite: &Suite) -> Vec<PathBuf> {
    suite.dictionaries.iter().map(|d| d.path.clone()).collect()
}

/// The suite's dictionaries as `dyad_dict` load descriptions, with the syntax each file is written in: TABARI
/// suites use TABARI syntax throughout; PETRARCH suites PETRARCH-1 syntax; UD-PETRARCH suites PETRARCH-2 verb
/// patterns with PETRARCH-1 actors and agents. Options and ontology files are not dictionaries `dyad_dict`
/// loads and are left out (see [`Suite::dictionaries_of`]); files that were not found are left out too.
pub fn suite_dict_files(suite: &Suite) -> Vec<dyad_dict::DictFile> {
    use dyad_dict::{Dialect, DictFile, DictKind};
    let (nouns, verbs) = match suite.format {
        SuiteFormat::Tabari => (Dialect::Tabari, Dialect::Tabari),
        SuiteFormat::Petrarch => (Dialect::Petrarch1, Dialect::Petrarch1),
        SuiteFormat::UdPetrarch => (Dialect::Petrarch1, Dialect::Petrarch2),
    };
    suite
        .dictionaries
        .iter()
        .filter(|d| d.exists)
        .filter_map(|d| {
            let kind = match d.kind {
                DictionaryKind::Actors => DictKind::Actors(nouns),
                DictionaryKind::Agents => DictKind::Agents(nouns),
                DictionaryKind::Verbs => DictKind::Verbs(verbs),
                DictionaryKind::Discards => DictKind::Discards,
                DictionaryKind::Issues => DictKind::Issues,
                DictionaryKind::Options | DictionaryKind::Ontology => return None,
            };
            Some(DictFile::new(kind, &d.path))
        })
        .collect()
}

/// Why a suite could not be read.
#[derive(Debug, thiserror::Error)]
pub enum SuiteError {
    #[error("{path}: {source}")]
    Io {
        path: String,
        #[source]
        source: std::io::Error,
    },
    #[error("{path}:{line}: {message}")]
    Format {
        path: String,
        line: usize,
        message: String,
    },
}

/// Read a file as text; suite files are ASCII or Latin-1 (TABARI), so bytes that are not UTF-8 are read as
/// Latin-1 rather than rejected.
pub(crate) fn read_text(path: &Path) -> Result<String, SuiteError> {
    let bytes = std::fs::read(path).map_err(|source| SuiteError::Io {
        path: path.display().to_string(),
        source,
    })?;
    Ok(match String::from_utf8(bytes) {
        Ok(text) => text,
        Err(e) => e.into_bytes().iter().map(|&b| b as char).collect(),
    })
}

/// Resolve a dictionary name: the suite's folder, its sibling `dictionaries/`, then the extra folders; when
/// none has it, the sibling `dictionaries/` path is reported with `exists: false`.
pub(crate) fn resolve_dictionary(
    kind: DictionaryKind,
    name: &str,
    suite_path: &Path,
    extra_dirs: &[PathBuf],
) -> SuiteDictionary {
    let dir = suite_path.parent().unwrap_or(Path::new(""));
    // `…/text/../dictionaries` written as `…/dictionaries` where the folder has a parent.
    let sibling = match dir.parent() {
        Some(up) if !dir.as_os_str().is_empty() => up.join("dictionaries"),
        _ => dir.join("..").join("dictionaries"),
    };
    let candidates: Vec<PathBuf> = [dir.to_path_buf(), sibling.clone()]
        .into_iter()
        .chain(extra_dirs.iter().cloned())
        .map(|d| d.join(name))
        .collect();
    match candidates.iter().find(|p| p.is_file()) {
        Some(found) => SuiteDictionary {
            kind,
            name: name.to_string(),
            path: found.clone(),
            exists: true,
        },
        None => SuiteDictionary {
            kind,
            name: name.to_string(),
            path: sibling.join(name),
            exists: false,
        },
    }
}

/// Join lines with single spaces and trim: suite texts are wrapped at arbitrary columns.
pub(crate) fn normalize_text(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// A record date as `YYYY-MM-DD`, when it is a calendar date.
pub(crate) fn iso_date(year: u32, month: u32, day: u32) -> Option<String> {
    Date::from_ymd(year, month, day).map(Date::to_iso)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_is_whitespace_normalised() {
        assert_eq!(
            normalize_text("  Arnor is \n about  to\r\n"),
            "Arnor is about to"
        );
    }

    #[test]
    fn dates_are_checked() {
        assert_eq!(iso_date(1995, 1, 3).as_deref(), Some("1995-01-03"));
        assert_eq!(iso_date(1995, 13, 3), None);
        assert_eq!(iso_date(1995, 2, 29), None);
    }
}
