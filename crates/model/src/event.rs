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

/// How an event's place was found.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum LocationHow {
    /// A place named in the event's own sentence.
    Sentence,
    /// The nearest earlier sentence of the story that names a place.
    PreviousSentence,
    /// The article's dateline ("DAMASCUS, March 3 (Reuters) -").
    Dateline,
}

/// Where an event happened: a GeoNames entry and the words that named it.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct EventLocation {
    /// The place's name in the gazetteer, e.g. `Daraa`.
    pub name: String,
    /// Latitude, WGS84 degrees.
    pub lat: f64,
    /// Longitude, WGS84 degrees.
    pub lon: f64,
    /// Country, ISO 3166 alpha-3 as the actor codes use it, e.g. `SYR`.
    pub country: String,
    /// First-level administrative division (province, state), when known.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub admin1: Option<String>,
    /// GeoNames feature class: `A` country/region, `P` populated place, `L` area, `T` terrain, `H` water ...
    pub feature_class: String,
    /// GeoNames id (0 for a place of dyad's own region table).
    pub geonameid: u32,
    /// The place mention in the clean text.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub span: Option<Span>,
    /// Where the place was found: the event's sentence, an earlier one, or the dateline.
    pub how: Option<LocationHow>,
}

/// How an event's date was found.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum DateHow {
    /// A date expression in the event's sentence ("on Tuesday", "March 3"), resolved against the publication date.
    Sentence,
    /// The publication date (the sentence gives none).
    Publication,
}

/// How precise an event date is: the date is the first day of that period.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum DatePrecision {
    Day,
    Week,
    Month,
    Year,
}

/// Who asserts an event that is reported in a quote or claim.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct ReportedBy {
    /// The speaker's actor code, e.g. `SYRGOV`; empty when the dictionaries do not know the speaker.
    pub actor: String,
    /// The speaker's words in the clean text ("the Syrian foreign ministry").
    pub span: Span,
    /// The outlet the speaker spoke to ("told Reuters"), when named.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub outlet: Option<String>,
}

/// One coded event.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Event {
    /// The document the event was coded from.
    pub doc_id: String,
    /// Index of the sentence in the document's sentence list (0 is the first; the headline counts).
    pub sentence: u32,
    /// Event date (ISO 8601): a date the sentence gives, resolved against the publication date, else the
    /// publication date.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub date: Option<String>,
    /// Where `date` came from.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub date_how: Option<DateHow>,
    /// How precise `date` is (it is the first day of that period).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub date_precision: Option<DatePrecision>,
    /// The date expression in the clean text, when the sentence gave the date.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub date_span: Option<Span>,
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
    /// Where the event happened; `null` when the story names no place for it (never a guess).
    #[serde(default)]
    pub location: Option<EventLocation>,
    /// Who asserts the event, when it is coded inside a quote or claim.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reported_by: Option<ReportedBy>,
    /// True when the event is reported as someone's claim or quote rather than observed by the reporter.
    #[serde(default)]
    pub claimed: bool,
    /// Where source, verb and target were found (byte spans into the document's clean text) and the dictionary
    /// rules that fired.
    pub evidence: Evidence,
}
