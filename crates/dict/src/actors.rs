//! Actor dictionaries: proper nouns and their (possibly date-restricted) actor codes.
//!
//! One reader serves TABARI `.actors` and PETRARCH/Phoenix `*.actors.txt`:
//!
//! ```text
//! GOLLUM ; pas 27 Apr 03          primary phrase, optional [code] on the same line
//! +SMEAGOL                        synonym phrases
//!     [HOB < 950601]              indented code lines (date-restricted or default)
//!     [HOBGOV 950601 - 990815]
//! ALBRIGHT  [USAGOV 991201-010114] [---]     TABARI: several code blocks on one line
//! <NOUN> … </NOUN>  <ADJECTIVE> … </ADJECTIVE>   TABARI word lists without codes
//! ```

use crate::error::{DictErrorKind, LoadReport, SourceLoc};
use crate::phrase::{Dialect, Phrase};
use crate::syntax::{logical_lines, parse_phrase, split_brackets, split_brackets_lenient};
use std::sync::Arc;

/// The calendar date restrictions compare against: dyad's one civil date type, ordered.
pub use dyad_model::date::Date;

/// The last two-digit year a dictionary date reads as 20YY: like TABARI, `YYMMDD` years 00–30 are 2000–2030 and
/// 31–99 are 1931–1999.
pub const DATE_PIVOT_YEAR: u32 = 30;

/// Reads a dictionary date: `YYMMDD` (pivoted at [`DATE_PIVOT_YEAR`]) or `YYYYMMDD`.
///
/// ```
/// use dyad_dict::actors::parse_dictionary_date;
/// assert_eq!(parse_dictionary_date("950601").map(|d| d.yyyymmdd()), Some(19950601));
/// assert_eq!(parse_dictionary_date("010114").map(|d| d.yyyymmdd()), Some(20010114));
/// assert_eq!(parse_dictionary_date("20010114").map(|d| d.yyyymmdd()), Some(20010114));
/// assert_eq!(parse_dictionary_date("2001-01-14"), None);
/// ```
pub fn parse_dictionary_date(s: &str) -> Option<Date> {
    Date::parse_yymmdd(s, DATE_PIVOT_YEAR).or_else(|| Date::parse_compact(s))
}

/// When a code applies. Bounds are inclusive ("or equal to" in both TABARI and PETRARCH).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum DateRestriction {
    /// No restriction: the default code, used when no restricted code applies.
    Default,
    /// `<date`: on or before the date.
    OnOrBefore(Date),
    /// `>date`: on or after the date.
    OnOrAfter(Date),
    /// `date-date`: between the dates.
    Between(Date, Date),
}

impl DateRestriction {
    /// True when a restricted code applies on `date` (always false for [`DateRestriction::Default`], which is
    /// only a fallback).
    pub fn admits(&self, date: Date) -> bool {
        match *self {
            DateRestriction::Default => false,
            DateRestriction::OnOrBefore(d) => date <= d,
            DateRestriction::OnOrAfter(d) => date >= d,
            DateRestriction::Between(a, b) => a <= date && date <= b,
        }
    }
}

/// One `[CODE restriction]` block.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct DatedCode {
    /// The code as written, upper-cased: `USAGOV`, a coded compound `GME/GMW`, `---` (null), `###` (discard) or `+++`
    /// (complex).
    pub code: String,
    pub restriction: DateRestriction,
    /// Where this code was written (the entry line or its own indented line).
    pub loc: SourceLoc,
}

impl DatedCode {
    /// True for the null code `---`.
    pub fn is_null(&self) -> bool {
        self.code == "---"
    }

    /// The codes of a coded compound actor (`GME/GMW` → `GME`, `GMW`); one item for a simple code.
    pub fn parts(&self) -> impl Iterator<Item = &str> {
        self.code.split('/').filter(|p| !p.is_empty())
    }
}

/// One actor record: a primary phrase, its `+` synonyms, and its codes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ActorEntry {
    /// The primary phrase first, then the synonyms in file order. All share the codes.
    pub phrases: Vec<Phrase>,
    /// The codes in the order written (restrictions are tried in this order, the default last whatever its
    /// position, as TABARI §6.5.2 specifies).
    pub codes: Vec<DatedCode>,
    /// Where the primary phrase is.
    pub loc: SourceLoc,
}

impl ActorEntry {
    /// The code that applies on `date`: the first restricted code whose restriction admits the date, else the
    /// default code; `None` when nothing applies or the applying code is the null code `---`. A discard code is
    /// returned as `"###"`.
    pub fn code_at(&self, date: Date) -> Option<&str> {
        let chosen = self
            .codes
            .iter()
            .find(|c| c.restriction.admits(date))
            .or_else(|| {
                self.codes
                    .iter()
                    .find(|c| c.restriction == DateRestriction::Default)
            })?;
        if chosen.is_null() {
            None
        } else {
            Some(chosen.code.as_str())
        }
    }

    /// The code regardless of date: the default code, else the first code (for text without a date).
    pub fn code_undated(&self) -> Option<&str> {
        let chosen = self
            .codes
            .iter()
            .find(|c| c.restriction == DateRestriction::Default)
            .or_else(|| self.codes.first())?;
        if chosen.is_null() {
            None
        } else {
            Some(chosen.code.as_str())
        }
    }
}

/// All actor entries of one or more files.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ActorDictionary {
    pub dialect: Dialect,
    /// Entries in file order (files in load order).
    pub entries: Vec<ActorEntry>,
    /// TABARI `<NOUN>` list: common nouns that help TABARI's parser; no codes.
    pub nouns: Vec<(Phrase, SourceLoc)>,
    /// TABARI `<ADJECTIVE>` list.
    pub adjectives: Vec<(Phrase, SourceLoc)>,
}

impl ActorDictionary {
    /// An empty dictionary of the given dialect.
    pub fn new(dialect: Dialect) -> Self {
        Self {
            dialect,
            entries: Vec::new(),
            nouns: Vec::new(),
            adjectives: Vec::new(),
        }
    }
}

/// Which part of a TABARI actors file a line is in.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Section {
    Actors,
    Nouns,
    Adjectives,
}

impl ActorDictionary {
    /// Reads the text of one file (named `file` in locations) into this dictionary; bad lines go to `report`.
    pub fn read_str(&mut self, file: &str, text: &str, report: &mut LoadReport) {
        let file: Arc<str> = Arc::from(file);
        let mut section = Section::Actors;
        // The entry that `+` synonyms and indented code lines attach to.
        let mut current: Option<ActorEntry> = None;
        for line in logical_lines(text, self.dialect) {
            let loc = SourceLoc::new(&file, line.number);
            let content = line.content.as_str();
            let upper = content.to_ascii_uppercase();
            match upper.as_str() {
                "<NOUN>" | "<NOUNS>" => {
                    self.flush(&mut current);
                    section = Section::Nouns;
                    continue;
                }
                "<ADJECTIVE>" | "<ADJECTIVES>" => {
                    self.flush(&mut current);
                    section = Section::Adjectives;
                    continue;
                }
                "</NOUN>" | "</NOUNS>" | "</ADJECTIVE>" | "</ADJECTIVES>" => {
                    section = Section::Actors;
                    continue;
                }
                _ => {}
            }
            if section != Section::Actors {
                match parse_phrase(content, self.dialect) {
                    Ok(p) if section == Section::Nouns => self.nouns.push((p, loc)),
                    Ok(p) => self.adjectives.push((p, loc)),
                    Err(e) => report.push(loc, DictErrorKind::Syntax, e),
                }
                continue;
            }
            if content.starts_with('[') {
                // A code line: belongs to the entry above (indented by the format's rule, but TABARI and
                // PETRARCH both only assemble it onto the current record).
                let Some(entry) = current.as_mut() else {
                    report.push(
                        loc,
                        DictErrorKind::Ignored,
                        "code line before any actor phrase",
                    );
                    continue;
                };
                match split_brackets(content) {
                    Ok((_, blocks)) => push_codes(entry, &blocks, &loc, report),
                    Err(e) => report.push(loc, DictErrorKind::Syntax, e),
                }
                continue;
            }
            let (is_synonym, body) = match content.strip_prefix('+') {
                Some(rest) => (true, rest),
                None => (false, content),
            };
            let (head, blocks) = match split_brackets_lenient(body) {
                Ok((head, blocks, trailing)) => {
                    if let Some(t) = trailing {
                        // The phrase and codes are intact; only the stray text is dropped.
                        report.push(
                            loc.clone(),
                            DictErrorKind::Syntax,
                            format!("text after code block ignored: {t:?}"),
                        );
                    }
                    (head, blocks)
                }
                Err(e) => {
                    report.push(loc, DictErrorKind::Syntax, e);
                    if !is_synonym {
                        // The record is broken: its synonyms and codes must not attach to the previous one.
                        self.flush(&mut current);
                    }
                    continue;
                }
            };
            let phrase = match parse_phrase(head, self.dialect) {
                Ok(p) => p,
                Err(e) => {
                    report.push(loc, DictErrorKind::Syntax, format!("{e} in {content:?}"));
                    if !is_synonym {
                        self.flush(&mut current);
                    }
                    continue;
                }
            };
            if is_synonym {
                match current.as_mut() {
                    Some(entry) => {
                        entry.phrases.push(phrase);
                        push_codes(entry, &blocks, &loc, report);
                    }
                    None => report.push(
                        loc,
                        DictErrorKind::Ignored,
                        "synonym '+' line before any actor phrase",
                    ),
                }
                continue;
            }
            self.flush(&mut current);
            let mut entry = ActorEntry {
                phrases: vec![phrase],
                codes: Vec::new(),
                loc: loc.clone(),
            };
            push_codes(&mut entry, &blocks, &loc, report);
            current = Some(entry);
        }
        self.flush(&mut current);
    }

    fn flush(&mut self, current: &mut Option<ActorEntry>) {
        if let Some(entry) = current.take() {
            self.entries.push(entry);
        }
    }
}

/// Parses each `[...]` block and appends the valid ones to the entry.
fn push_codes(entry: &mut ActorEntry, blocks: &[&str], loc: &SourceLoc, report: &mut LoadReport) {
    for block in blocks {
        match parse_dated_code(block) {
            Ok((code, restriction)) => entry.codes.push(DatedCode {
                code,
                restriction,
                loc: loc.clone(),
            }),
            Err(e) => report.push(loc.clone(), DictErrorKind::Syntax, e),
        }
    }
}

/// Reads a code block's content: `USAGOV`, `USAGOV 991201-010114`, `HOB < 950601`, `HOBREB >990816`, `---`,
/// `- - -`.
pub(crate) fn parse_dated_code(block: &str) -> Result<(String, DateRestriction), String> {
    let block = block.trim();
    if !block.is_empty() && block.chars().all(|c| c == '-' || c.is_whitespace()) {
        return Ok(("---".to_string(), DateRestriction::Default));
    }
    let code_end = block
        .find(|c: char| c.is_whitespace() || c == '<' || c == '>')
        .unwrap_or(block.len());
    let code = block[..code_end].to_uppercase();
    let rest: String = block[code_end..]
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect();
    if code.is_empty() {
        return Err(format!("code block without a code: [{block}]"));
    }
    let is_special = matches!(code.as_str(), "---" | "###" | "+++");
    if !is_special && !code.chars().all(|c| c.is_alphanumeric() || c == '/') {
        return Err(format!("bad actor code {code:?} in [{block}]"));
    }
    if code.chars().all(|c| c.is_ascii_digit()) && rest.is_empty() {
        // `[991201-010114]` splits as code `991201-010114`… caught above; a bare number is a date without a code.
        return Err(format!("code block has a date but no code: [{block}]"));
    }
    let date =
        |d: &str| parse_dictionary_date(d).ok_or_else(|| format!("bad date {d:?} in [{block}]"));
    let restriction = if rest.is_empty() {
        DateRestriction::Default
    } else if let Some(d) = rest.strip_prefix('<') {
        DateRestriction::OnOrBefore(date(d)?)
    } else if let Some(d) = rest.strip_prefix('>') {
        DateRestriction::OnOrAfter(date(d)?)
    } else if let Some((a, b)) = rest.split_once('-') {
        DateRestriction::Between(date(a)?, date(b)?)
    } else {
        return Err(format!("bad date restriction {rest:?} in [{block}]"));
    };
    Ok((code, restriction))
}
