//! A coded event: who did what to whom, with the evidence that produced it.

use crate::Span;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// CAMEO quad class: the four-way split of CAMEO roots used by GDELT and ICEWS.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum QuadClass {
    /// Roots 01–05.
    VerbalCooperation = 1,
    /// Roots 06–08.
    MaterialCooperation = 2,
    /// Roots 09–13.
    VerbalConflict = 3,
    /// Roots 14–20.
    MaterialConflict = 4,
}

impl QuadClass {
    /// The quad class of a CAMEO code from its two-digit root; `None` for a code that is not a CAMEO code.
    ///
    /// ```
    /// use dyad_model::QuadClass;
    /// assert_eq!(QuadClass::of_cameo("0311"), Some(QuadClass::VerbalCooperation));
    /// assert_eq!(QuadClass::of_cameo("190"), Some(QuadClass::MaterialConflict));
    /// ```
    pub fn of_cameo(code: &str) -> Option<QuadClass> {
        let root: u8 = code.get(..2)?.parse().ok()?;
        Some(match root {
            1..=5 => QuadClass::VerbalCooperation,
            6..=8 => QuadClass::MaterialCooperation,
            9..=13 => QuadClass::VerbalConflict,
            14..=20 => QuadClass::MaterialConflict,
            _ => return None,
        })
    }

    /// The number GDELT writes for it (1–4).
    pub fn number(self) -> u8 {
        self as u8
    }
}

/// The PLOVER reading of a CAMEO code.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct Plover {
    /// PLOVER event type, e.g. `AGREE`, `ASSAULT`.
    pub event_type: String,
    /// PLOVER mode where the CAMEO code determines it, e.g. `military`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub mode: Option<String>,
}

/// The dictionary rule that fired: file and line, and the rule text as written.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct RuleRef {
    /// The dictionary file: a path, or `dyad:NAME` for a file of dyad's own built-in set.
    pub file: String,
    /// One-based line number in that file.
    pub line: u32,
    /// The rule as written there.
    pub text: String,
}

/// Where in the sentence each part of an event was found, and which rules made it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct Evidence {
    /// The source actor's words.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub source: Option<Span>,
    /// The verb's words.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub verb: Option<Span>,
    /// The target actor's words.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub target: Option<Span>,
    /// The verb pattern that fired.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub verb_rule: Option<RuleRef>,
    /// The actor entries that matched source and target.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub source_rule: Option<RuleRef>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub target_rule: Option<RuleRef>,
}

/// One coded event.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Event {
    /// The document the event was coded from.
    pub doc_id: String,
    /// Index of the sentence in the document's sentence list (0 is the first; the headline counts).
    pub sentence: u32,
    /// Event date (ISO 8601), normally the document date.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub date: Option<String>,
    /// Source actor code, e.g. `RUSGOV`.
    pub source: String,
    /// Target actor code, e.g. `IRN`; empty when the event has no target.
    pub target: String,
    /// Full CAMEO code, e.g. `0311`.
    pub cameo: String,
    /// Two-digit CAMEO root, e.g. `03`.
    pub root: String,
    /// Three-digit CAMEO base code, e.g. `031`.
    pub base: String,
    /// CAMEO quad class of the root (GDELT's QuadClass), absent for a code outside CAMEO.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub quad_class: Option<QuadClass>,
    /// Goldstein conflict-cooperation score of the code, -10 (most conflictual) to +10.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub goldstein: Option<f32>,
    /// The PLOVER event type (and mode) the CAMEO code maps to.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub plover: Option<Plover>,
    /// Where source, verb and target were found (byte spans into the document's clean text) and the dictionary
    /// rules that fired.
    pub evidence: Evidence,
}
