//! The simple PETRARCH lists: discards, issues and prepositions.
//!
//! ```text
//! +ACADEMY AWARD   # LRP 08 Mar 2004      discard: `+` = whole story, else the sentence; final `_` = whole word
//! <ISSUE CATEGORY="EDUCATION" TYPE="ALL">
//! n:preschool [EARLY_CHILDHOOD_EDUCATION] `n:` noun forms, `v:` verb forms, `a+b` = "a b" and "a-b"
//! ~a head start                           ignore phrase (cancels issue coding of the sentence)
//! </ISSUE>
//! ```

use crate::error::SourceLoc;

/// What a discard phrase discards.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum DiscardScope {
    /// No `+`: the sentence is not coded.
    Sentence,
    /// Leading `+`: the whole story is not coded.
    Story,
}

/// One discard phrase.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DiscardEntry {
    /// Upper-cased words joined by single blanks (`_` read as blank), without the final `_`.
    pub text: String,
    /// The phrase ended with `_`: the match must end at a blank or punctuation; otherwise it is a stem.
    pub whole_word: bool,
    pub scope: DiscardScope,
    pub loc: SourceLoc,
}

/// Expansion marker on one word of an issue phrase.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum IssueExpansion {
    /// Plain word.
    None,
    /// `n:word`: singular and plural.
    Noun,
    /// `v:word`: regular verb forms (`S`, `ED`, `ING`).
    Verb,
}

/// One word of an issue phrase.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct IssueWord {
    /// Upper-cased. A `+` inside (`PRE+K`) is kept: it stands for "blank or hyphen".
    pub text: String,
    pub expansion: IssueExpansion,
}

/// One `phrase [CODE]` line of an issues file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IssueEntry {
    pub words: Vec<IssueWord>,
    pub code: String,
    /// The `CATEGORY` of the enclosing `<ISSUE>` block, if any.
    pub category: Option<String>,
    pub loc: SourceLoc,
}

/// A `~phrase` ignore line: its presence cancels issue coding for the sentence.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IssueIgnore {
    pub words: Vec<IssueWord>,
    pub category: Option<String>,
    pub loc: SourceLoc,
}

/// An issues file.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct IssueDictionary {
    pub entries: Vec<IssueEntry>,
    pub ignores: Vec<IssueIgnore>,
}

/// A discard list.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DiscardList {
    pub entries: Vec<DiscardEntry>,
}

/// A prepositions list (`Phoenix.prepositions.txt`): one upper-cased word per entry.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PrepositionList {
    pub words: Vec<(String, SourceLoc)>,
}

impl DiscardList {
    /// Reads the text of one file (named `file` in locations) into this dictionary; bad lines go to `report`.
    pub fn read_str(&mut self, file: &str, text: &str, report: &mut crate::error::LoadReport) {
        let _ = (file, text, report);
    }
}

impl IssueDictionary {
    /// Reads the text of one file (named `file` in locations) into this dictionary; bad lines go to `report`.
    pub fn read_str(&mut self, file: &str, text: &str, report: &mut crate::error::LoadReport) {
        let _ = (file, text, report);
    }
}

impl PrepositionList {
    /// Reads the text of one file (named `file` in locations) into this dictionary; bad lines go to `report`.
    pub fn read_str(&mut self, file: &str, text: &str, report: &mut crate::error::LoadReport) {
        let _ = (file, text, report);
    }
}
