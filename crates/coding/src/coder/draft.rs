//! Events before they become [`dyad_model::Event`]s: built from a verb's code and roles, then chosen by priority.
//!
//! Every source code is paired with every target code (a compound gives several), and a paired code (`[a:b]`)
//! adds the reverse event. Within a clause the first verb with a dominant or normal event ends the search, a
//! subordinate or statement event is kept only as a fallback ([`ClausePick`]); over the sentence, dominant events
//! drop the others, events that are neither subordinate nor statements drop those, and duplicates go
//! ([`keep_preferred`]).

use super::clause::VerbMatch;
use super::roles::Roles;
use dyad_dict::{CodePriority, CodeValue};

/// An event before it becomes a [`dyad_model::Event`].
#[derive(Debug, Clone)]
pub(super) struct Draft {
    pub source: String,
    pub target: String,
    pub code: String,
    pub priority: CodePriority,
    pub statement: bool,
    pub source_unit: Option<usize>,
    pub target_unit: Option<usize>,
    /// Token range of the verb (end exclusive).
    pub verb: (usize, usize),
    pub verb_rule: u32,
}

/// The events of one verb: each source code with each target code (never an actor with itself), and the reverse
/// events of a paired code. `verb` is the verb's token range; `statement` marks a statement verb (01…).
pub(super) fn drafts_of(
    m: &VerbMatch,
    primary: &str,
    roles: &Roles,
    verb: (usize, usize),
    statement: bool,
) -> Vec<Draft> {
    let mut evs = Vec::new();
    let draft =
        |source: &str, target: &str, code: &str, units: (Option<usize>, Option<usize>)| Draft {
            source: source.to_string(),
            target: target.to_string(),
            code: code.to_string(),
            priority: m.code.priority,
            statement,
            source_unit: units.0,
            target_unit: units.1,
            verb,
            verb_rule: m.rule,
        };
    for s in &roles.source_codes {
        for t in &roles.target_codes {
            if s == t {
                continue;
            }
            evs.push(draft(s, t, primary, (roles.source, roles.target)));
            if let Some(CodeValue::Code(p2)) = &m.code.paired {
                if t != "---" {
                    evs.push(draft(t, s, p2, (roles.target, roles.source)));
                }
            }
        }
    }
    evs
}

/// The events one clause keeps: those of the first verb with a dominant or normal code, else those of the first
/// verb with a subordinate or statement code.
#[derive(Debug, Default)]
pub(super) struct ClausePick {
    event: Option<Vec<Draft>>,
    fallback: Option<Vec<Draft>>,
}

impl ClausePick {
    /// Offers the (non-empty) events of the next verb; true once the clause has its event and no further verb
    /// need be tried.
    pub fn offer(&mut self, evs: Vec<Draft>, subordinate: bool) -> bool {
        if subordinate {
            if self.fallback.is_none() {
                self.fallback = Some(evs);
            }
            return false;
        }
        self.event = Some(evs);
        true
    }

    pub fn into_drafts(self) -> Option<Vec<Draft>> {
        self.event.or(self.fallback)
    }
}

/// Over the sentence: dominant events win; subordinate and statement events only when nothing else was found;
/// one event per (source, target, code).
pub(super) fn keep_preferred(drafts: &mut Vec<Draft>) {
    if drafts.iter().any(|d| d.priority == CodePriority::Dominant) {
        drafts.retain(|d| d.priority == CodePriority::Dominant);
    }
    if drafts
        .iter()
        .any(|d| d.priority != CodePriority::Subordinate && !d.statement)
    {
        drafts.retain(|d| d.priority != CodePriority::Subordinate && !d.statement);
    }
    let mut seen = std::collections::HashSet::new();
    drafts.retain(|d| seen.insert((d.source.clone(), d.target.clone(), d.code.clone())));
}
