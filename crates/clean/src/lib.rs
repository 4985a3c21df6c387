//! Turns a raw record into a clean Document: plain-text boilerplate removal, headline and paragraphs, metadata
//! set aside, and the offset map back to the raw input.
//!
//! Two entry points share one line filter ([`line_kind`], tables in [`patterns`]): [`from_text`] for plain-text
//! articles and [`from_extracted`] for pages `dyad-html` has extracted; [`from_record`] picks one for a
//! [`RawRecord`]. `Document::text` is the headline, a blank line, then the paragraphs separated by blank lines.
//! This crate does no I/O, never panics on input, and is deterministic (ids are hashes of provenance).

mod dates;
mod extracted;
pub mod line_kind;
mod metadata;
pub mod patterns;
mod phrase_index;
mod plain_text;
mod text_builder;

pub use extracted::from_extracted;
pub use plain_text::from_text;
pub use text_builder::PARAGRAPH_SEPARATOR;

use dyad_ingest::{ContentKind, RawRecord, RecordHints};
use dyad_model::hash::{fnv1a64, fnv1a64_extend};
use dyad_model::{Document, Metadata, Provenance};

use metadata::MetadataCollector;
use text_builder::TextBuilder;

/// Cleans one raw record: plain text through [`from_text`], HTML through `dyad_html::extract_with_limits` then
/// [`from_extracted`], noting the parse limits the page hit in `doc.limits`.
pub fn from_record(rec: RawRecord) -> Document {
    let RawRecord {
        provenance,
        kind,
        content,
        hints,
    } = rec;
    match kind {
        ContentKind::Text => from_text(&content, provenance, &hints),
        ContentKind::Html => {
            let (page, limits) = dyad_html::extract_with_limits(&content);
            let mut doc = from_extracted(page, provenance, &hints);
            for limit in limits.hits() {
                doc.limits.note(limit);
            }
            doc
        }
    }
}

/// A stable document id from provenance: FNV-1a (64-bit) of the path and record number, as 16 hex digits.
///
/// ```
/// use dyad_model::Provenance;
/// let p = Provenance { path: "news.jsonl".into(), record: Some(3), ..Provenance::default() };
/// assert_eq!(dyad_clean::document_id(&p), dyad_clean::document_id(&p.clone()));
/// assert_ne!(dyad_clean::document_id(&p), dyad_clean::document_id(&Provenance { record: Some(4), ..p }));
/// ```
pub fn document_id(provenance: &Provenance) -> String {
    let record = provenance.record.map(|r| r.to_string()).unwrap_or_default();
    // A 0xff byte never occurs in UTF-8, so "a" + "1" and "a1" + "" hash apart.
    let path_and_separator = fnv1a64_extend(fnv1a64(provenance.path.as_bytes()), &[0xff]);
    let hash = fnv1a64_extend(path_and_separator, record.as_bytes());
    format!("{hash:016x}")
}

/// Finishes a Document from the assembled text and the collected metadata.
fn assemble(
    builder: TextBuilder,
    collector: MetadataCollector,
    provenance: Provenance,
    hints: &RecordHints,
    page: Metadata,
) -> Document {
    let built = builder.finish();
    let first_paragraph = built.paragraphs.first().map(|p| p.slice(&built.text));
    let metadata = collector.finish(page, hints, first_paragraph);
    let mut provenance = provenance;
    if provenance.url.is_none() {
        provenance.url.clone_from(&hints.url);
    }
    Document {
        id: hints
            .id
            .clone()
            .filter(|id| !id.is_empty())
            .unwrap_or_else(|| document_id(&provenance)),
        provenance,
        text: built.text,
        title: built.title,
        body: built.body,
        paragraphs: built.paragraphs,
        sentences: Vec::new(),
        metadata,
        source_map: built.source_map,
        events: Vec::new(),
        limits: Default::default(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn record(kind: ContentKind, content: &str, hints: RecordHints) -> RawRecord {
        RawRecord {
            provenance: Provenance {
                path: "in.jsonl".into(),
                record: Some(2),
                ..Provenance::default()
            },
            kind,
            content: content.into(),
            hints,
        }
    }

    #[test]
    fn records_go_down_the_path_their_kind_names() {
        let text = record(
            ContentKind::Text,
            "Talks resume\n\nNegotiators met in Geneva on Monday.\n\nShare this article",
            RecordHints::default(),
        );
        let doc = from_record(text);
        assert_eq!(doc.title_text(), Some("Talks resume"));
        assert_eq!(doc.body_text(), "Negotiators met in Geneva on Monday.");
        assert_eq!(doc.id.len(), 16, "hash id from provenance");

        let html = record(
            ContentKind::Html,
            "<html><head><title>Talks resume</title></head><body><article><h1>Talks resume</h1>\
             <p>Negotiators from both sides met in Geneva on Monday, officials said, and agreed to meet again.</p>\
             <p>Join our Telegram channel for breaking news!</p></article></body></html>",
            RecordHints {
                id: Some("story-9".into()),
                url: Some("https://example.com/talks".into()),
                ..RecordHints::default()
            },
        );
        let doc = from_record(html);
        assert_eq!(doc.id, "story-9");
        assert_eq!(doc.title_text(), Some("Talks resume"));
        assert_eq!(
            doc.body_text(),
            "Negotiators from both sides met in Geneva on Monday, officials said, and agreed to meet again."
        );
        assert_eq!(
            doc.provenance.url.as_deref(),
            Some("https://example.com/talks")
        );
    }

    #[test]
    fn ids_are_stable_and_distinct() {
        let p = |path: &str, record| Provenance {
            path: path.into(),
            record,
            ..Provenance::default()
        };
        assert_eq!(document_id(&p("a", None)), document_id(&p("a", None)));
        assert_ne!(document_id(&p("a1", None)), document_id(&p("a", Some(1))));
        // FNV-1a of "" + 0xff, fixed so ids never change between releases.
        assert_eq!(document_id(&p("", None)), "af64724c8602eb6e");
    }
}
