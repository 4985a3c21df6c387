//! The published output records and their JSON Schema.
//!
//! `dyad extract` prints one [`DocumentRecord`] per article and `dyad code` one [`EventRecord`] per event; the
//! store, the server and the Python wheel give the same shapes. Both carry [`SCHEMA_VERSION`]. The JSON Schema
//! ([`json_schema`]) is generated from these Rust types, so it cannot drift from what is written; the repository
//! keeps a copy (`schema/dyad-records.schema.json`) that a test compares with the generated one.
//!
//! Versioning: the major number changes when a field is removed, renamed or changes meaning or type; the minor
//! number when a field is added. Readers should ignore fields they do not know.

use dyad_model::{Document, Event, Metadata, OffsetMap, Provenance, Sentence, Span};
use schemars::JsonSchema;
use serde::Serialize;
use std::borrow::Cow;

/// The version of the record shapes below (`major.minor`).
pub const SCHEMA_VERSION: &str = "1.3";

/// Default for [`RecordSettings::max_sentence_text_bytes`]. Real news sentences run to a few hundred bytes (the
/// longest of the 143,784 Reuters-21578 body sentences is 681); a longer one is a run-on, and repeating it whole
/// on its events would make the output many times the input.
pub const DEFAULT_MAX_SENTENCE_TEXT_BYTES: usize = 1_000;

/// How records are shaped.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RecordSettings {
    /// Longest `sentence_text` an event carries; a longer sentence is cut to a window around the event's
    /// evidence (on character boundaries) and the record says `sentence_text_truncated`.
    pub max_sentence_text_bytes: usize,
    /// Add the clean→raw offset map to document records.
    pub source_map: bool,
}

impl Default for RecordSettings {
    fn default() -> Self {
        RecordSettings {
            max_sentence_text_bytes: DEFAULT_MAX_SENTENCE_TEXT_BYTES,
            source_map: false,
        }
    }
}

/// One coded event as `dyad code` writes it: the event, the document's URL, and the text of its sentence.
#[derive(Debug, Serialize, JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct EventRecord<'a> {
    /// Version of this record shape, e.g. `1.0`.
    pub schema_version: &'static str,
    #[serde(flatten)]
    pub event: &'a Event,
    /// The URL of the article, when the input says so.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub url: Option<&'a str>,
    /// The sentence the event was coded from (cut around the evidence when longer than the configured limit).
    pub sentence_text: Cow<'a, str>,
    /// Set when `sentence_text` is a window of a longer sentence.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    #[schemars(default)]
    pub sentence_text_truncated: bool,
    /// Byte offset of `sentence_text` in the document's clean text (evidence spans are offsets there too).
    pub sentence_start: u32,
}

/// One clean article as `dyad extract` writes it: every annotation is a byte span into `text`.
#[derive(Debug, Serialize, JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct DocumentRecord<'a> {
    /// Version of this record shape, e.g. `1.0`.
    pub schema_version: &'static str,
    /// Stable identifier: derived from provenance (path, record) unless the input names one.
    pub id: &'a str,
    /// Where the article came from.
    pub source: &'a Provenance,
    /// The headline, when one was found.
    pub title: Option<&'a str>,
    /// The clean text: headline, a blank line, then the body paragraphs separated by blank lines.
    pub text: &'a str,
    /// The body's span in `text`.
    pub body: Span,
    /// Paragraph spans in `text`.
    pub paragraphs: &'a [Span],
    /// Sentence spans in `text`, each marked headline or body.
    pub sentences: &'a [Sentence],
    /// Date, outlet, syndication, byline, captions, language, and for HTML input the extraction's confidence
    /// (`metadata.extraction`: `confidence` in [0, 1] and its `reasons`).
    pub metadata: &'a Metadata,
    /// Map from clean-text offsets to raw-input byte offsets (with `--source-map`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub source_map: Option<&'a OffsetMap>,
}

impl<'a> DocumentRecord<'a> {
    pub fn of(doc: &'a Document, settings: &RecordSettings) -> DocumentRecord<'a> {
        DocumentRecord {
            schema_version: SCHEMA_VERSION,
            id: &doc.id,
            source: &doc.provenance,
            title: doc.title_text(),
            text: &doc.text,
            body: doc.body,
            paragraphs: &doc.paragraphs,
            sentences: &doc.sentences,
            metadata: &doc.metadata,
            source_map: settings.source_map.then_some(&doc.source_map),
        }
    }
}

impl<'a> EventRecord<'a> {
    /// The record of `event`, one of `doc.events`.
    pub fn of(doc: &'a Document, event: &'a Event, settings: &RecordSettings) -> EventRecord<'a> {
        let sentence = doc
            .sentences
            .get(event.sentence as usize)
            .map_or(Span::default(), |s| s.span);
        let text = doc.slice(sentence);
        let (sentence_text, truncated) = if text.len() <= settings.max_sentence_text_bytes {
            (Cow::Borrowed(text), false)
        } else {
            let ev = &event.evidence;
            let spans = [ev.source, ev.verb, ev.target];
            let lo = spans
                .iter()
                .flatten()
                .map(|s| s.start)
                .min()
                .unwrap_or(sentence.start);
            let hi = spans
                .iter()
                .flatten()
                .map(|s| s.end)
                .max()
                .unwrap_or(sentence.start);
            (
                Cow::Borrowed(window(
                    text,
                    sentence.start,
                    lo,
                    hi,
                    settings.max_sentence_text_bytes,
                )),
                true,
            )
        };
        EventRecord {
            schema_version: SCHEMA_VERSION,
            event,
            url: doc.provenance.url.as_deref(),
            sentence_text,
            sentence_text_truncated: truncated,
            sentence_start: sentence.start,
        }
    }
}

/// At most `max` bytes of `text` (which starts at document offset `base`) around the evidence `lo..hi`, cut on
/// character boundaries: the evidence first, then context on both sides.
fn window(text: &str, base: u32, lo: u32, hi: u32, max: usize) -> &str {
    let lo = (lo.saturating_sub(base) as usize).min(text.len());
    let hi = (hi.saturating_sub(base) as usize).clamp(lo, text.len());
    let spare = max.saturating_sub(hi - lo) / 2;
    let mut start = lo.saturating_sub(spare);
    let mut end = (hi + spare).min(text.len()).max(start);
    if end - start > max {
        end = start + max;
    }
    while start > 0 && !text.is_char_boundary(start) {
        start -= 1;
    }
    while end < text.len() && !text.is_char_boundary(end) {
        end -= 1;
    }
    text.get(start..end.max(start)).unwrap_or("")
}

/// The JSON Schema (draft 2020-12) of the records dyad writes: `$defs` holds `EventRecord` and `DocumentRecord`
/// and every type they use; a record is one of the two.
pub fn json_schema() -> serde_json::Value {
    let mut generator = schemars::generate::SchemaSettings::draft2020_12().into_generator();
    let event = generator.subschema_for::<EventRecord>();
    let document = generator.subschema_for::<DocumentRecord>();
    let defs: serde_json::Map<String, serde_json::Value> = generator.take_definitions(true);
    let defs: std::collections::BTreeMap<_, _> = defs.into_iter().collect();
    serde_json::json!({
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": format!("https://dyad.invalid/schema/records-{SCHEMA_VERSION}.json"),
        "title": "dyad records",
        "description": format!(
            "Records written by dyad (schema version {SCHEMA_VERSION}): `dyad code` writes EventRecord lines, \
             `dyad extract` DocumentRecord lines."
        ),
        "oneOf": [event, document],
        "$defs": defs,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn window_keeps_the_evidence_and_char_boundaries() {
        let text = "é".repeat(100); // 200 bytes
        for max in [1, 7, 50, 199] {
            let w = window(&text, 1000, 1100, 1104, max);
            assert!(w.len() <= max, "max {max}: {} bytes", w.len());
            if max >= 4 {
                assert!(w.len() >= 4);
            }
        }
        assert_eq!(window("abcdefghij", 0, 4, 6, 4), "defg");
        assert_eq!(window("abcdefghij", 0, 0, 2, 4), "abc");
    }
}
