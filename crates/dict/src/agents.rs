//! Agent dictionaries: common nouns (MINISTER, POLICE) whose code is glued onto the actor code.
//!
//! ```text
//! !PERSON! = MAN, MEN, WOMAN, WOMEN, PERSON     substitution set (PETRARCH)
//! CONGRESS!PERSON! [~LEG]                       expands to CONGRESSMAN, CONGRESSMEN, … (no further plurals)
//! ATTORNEY_GENERAL {ATTORNEYS_GENERAL} [~GOV]   explicit plural; `{}` = no plural (PETRARCH)
//! HUMAN_RIGHTS_BODY [NGO~]                      `X~` = prefix code, `~X` = suffix code
//! PARLIAMENT_   [  ~LEG] ;SLS 25 Mar 2008       TABARI: no plural syntax, automatic endings
//! ```

use crate::error::SourceLoc;
use crate::phrase::{Dialect, Phrase};

/// Where the agent code goes relative to the actor code.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum AgentPlacement {
    /// `[~GOV]`: appended after the actor code (`ISR` + `GOV` = `ISRGOV`).
    Suffix,
    /// `[NGO~]`: put before the actor code.
    Prefix,
}

/// An agent code without its `~`.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct AgentCode {
    /// The code, e.g. `GOV`, `GOVFRM`.
    pub code: String,
    pub placement: AgentPlacement,
}

/// What the entry says about plurals (PETRARCH agents; TABARI relies on its automatic endings).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum PluralRule {
    /// Nothing given: generate the regular plural (see [`crate::forms::regular_plural`]).
    Regular,
    /// `{}`: no plural (already plural, or same form).
    NoPlural,
    /// `{FORM …}`: these plurals instead of the regular one.
    Given(Vec<Phrase>),
    /// Produced by a `!SET!` substitution: every item is used as is, with no plural formation.
    Substituted,
}

/// One agent entry (after `!SET!` substitution: one entry per substituted item).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AgentEntry {
    pub phrase: Phrase,
    pub plural: PluralRule,
    pub code: AgentCode,
    /// The line as written before substitution (`CONGRESS!PERSON!`) when this entry came from a `!SET!`.
    pub template: Option<String>,
    pub loc: SourceLoc,
}

/// A `!NAME! = A, B, C` substitution set.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SubstitutionSet {
    /// The name without `!`.
    pub name: String,
    /// The items, upper-cased, blanks stripped.
    pub items: Vec<String>,
    pub loc: SourceLoc,
}

/// All agent entries of one or more files.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AgentDictionary {
    pub dialect: Dialect,
    pub entries: Vec<AgentEntry>,
    pub substitution_sets: Vec<SubstitutionSet>,
}

impl AgentDictionary {
    /// An empty dictionary of the given dialect.
    pub fn new(dialect: Dialect) -> Self {
        Self {
            dialect,
            entries: Vec::new(),
            substitution_sets: Vec::new(),
        }
    }
}

impl AgentDictionary {
    /// Reads the text of one file (named `file` in locations) into this dictionary; bad lines go to `report`.
    pub fn read_str(&mut self, file: &str, text: &str, report: &mut crate::error::LoadReport) {
        let _ = (file, text, report);
    }
}
