//! Reads event-coding dictionaries (TABARI, PETRARCH-1/2 and dyad's own) and the CAMEO/Goldstein/PLOVER tables.
//!
//! Each reader turns one file format into typed structures that keep what the file says — phrases with their
//! match flags, codes with date restrictions, verb patterns as token sequences with `file:line` — and reports
//! every bad line as a warning in a [`LoadReport`] instead of stopping. This crate does not match text: the coder
//! (`dyad-coding`) compiles these structures into automata.
//!
//! Entry points: [`Dictionaries::load`] (explicit files), [`Dictionaries::load_tabari_project`] (a TABARI
//! `.project`), [`Dictionaries::load_petrarch_config`] (a PETRARCH `PETR_config.ini`).

pub mod actors;
pub mod agents;
pub mod builtin;
pub mod cameo;
pub mod config;
pub mod error;
pub mod forms;
pub mod lists;
pub mod phrase;
mod syntax;
pub mod verbs;

pub use actors::{ActorDictionary, ActorEntry, Date, DateRestriction, DatedCode};
pub use agents::{
    AgentCode, AgentDictionary, AgentEntry, AgentPlacement, PluralRule, SubstitutionSet,
};
pub use config::{DictFile, DictKind, Dictionaries, PetrarchConfig, TabariProject};
pub use error::{DictError, DictErrorKind, LoadReport, SourceLoc};
pub use lists::{
    DiscardEntry, DiscardList, DiscardScope, IssueDictionary, IssueEntry, IssueExpansion,
    IssueIgnore, IssueWord, PrepositionList,
};
pub use phrase::{
    CodePriority, CodeValue, Dialect, EventCode, PatternElement, PatternToken, Phrase, PhraseWord,
    Word,
};
pub use verbs::{
    Synset, SynsetMember, TimeEntry, TransformSlot, Transformation, VerbBlock, VerbDictionary,
    VerbEntry, VerbPattern,
};
