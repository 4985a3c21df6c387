//! `dyad geoparse`: the places stage on its own, as Mordecai's and CLIFF's users use theirs — one record per
//! document with every place mention, its character and byte offsets, and the GeoNames entry it resolves to.

use crate::context::{coordinate, geoparser};
use dyad_ingest::{ContentKind, RawRecord};
use dyad_places::Context;
use schemars::JsonSchema;
use serde::Serialize;

/// One document's place mentions.
#[derive(Debug, Serialize, JsonSchema)]
pub struct GeoparseRecord {
    /// The input's id (a JSONL `id` field), else the document id.
    pub id: String,
    pub toponyms: Vec<ToponymRecord>,
}

/// One place mention; the coordinates and codes are `null` when no gazetteer entry was chosen.
#[derive(Debug, Serialize, JsonSchema)]
pub struct ToponymRecord {
    /// The mention as written.
    pub text: String,
    /// Offsets in Unicode characters (code points) of the text geoparsed, end exclusive.
    pub start: usize,
    pub end: usize,
    /// The same span in bytes of UTF-8.
    pub byte_start: usize,
    pub byte_end: usize,
    pub lat: Option<f64>,
    pub lon: Option<f64>,
    pub geonameid: Option<u32>,
    /// ISO 3166 alpha-3.
    pub country: Option<String>,
    pub admin1: Option<String>,
    pub feature_class: Option<String>,
}

/// Geoparses one record. Plain text and JSONL text are taken as they are (offsets index the input's own text,
/// with no title prepended); an HTML page is first reduced to its clean article text.
pub fn geoparse(record: RawRecord) -> GeoparseRecord {
    let (id, text) = match record.kind {
        ContentKind::Text => {
            let id = record
                .hints
                .id
                .clone()
                .unwrap_or_else(|| dyad_clean::document_id(&record.provenance));
            (id, record.content)
        }
        ContentKind::Html => {
            let doc = crate::document_of(record);
            (doc.id, doc.text)
        }
    };
    let Some(parser) = geoparser() else {
        return GeoparseRecord {
            id,
            toponyms: Vec::new(),
        };
    };
    let found = parser.find(&text);
    let resolved = parser.resolve(&text, &found, &Context::default());
    // Character offsets by one walk over the text, mentions in order.
    let mut chars = 0usize;
    let mut at = 0usize;
    let mut char_offset = |byte: usize| {
        chars += text.get(at..byte).map_or(0, |s| s.chars().count());
        at = at.max(byte);
        chars
    };
    // Both lists are in text order: one merge pairs each mention with its resolution, if any.
    let mut next = 0usize;
    let toponyms = found
        .iter()
        .map(|t| {
            while resolved
                .get(next)
                .is_some_and(|r| (r.start, r.end) < (t.start, t.end))
            {
                next += 1;
            }
            let r = resolved
                .get(next)
                .filter(|r| r.start == t.start && r.end == t.end);
            ToponymRecord {
                text: t.text(&text).to_string(),
                start: char_offset(t.start),
                end: char_offset(t.end),
                byte_start: t.start,
                byte_end: t.end,
                lat: r.map(|r| coordinate(r.lat)),
                lon: r.map(|r| coordinate(r.lon)),
                geonameid: r.map(|r| r.geonameid),
                country: r.and_then(|r| r.country_iso3.clone()),
                admin1: r.and_then(|r| r.admin1.clone()),
                feature_class: r.map(|r| r.feature_class.to_string()),
            }
        })
        .collect();
    GeoparseRecord { id, toponyms }
}

#[cfg(test)]
mod tests {
    use super::*;
    use dyad_ingest::RecordHints;
    use dyad_model::Provenance;

    #[test]
    fn offsets_count_characters_and_bytes() {
        let record = RawRecord {
            provenance: Provenance::default(),
            kind: ContentKind::Text,
            content: "Zürich police met officials from Daraa in southern Syria.".into(),
            hints: RecordHints {
                id: Some("a1".into()),
                ..RecordHints::default()
            },
        };
        let out = geoparse(record);
        assert_eq!(out.id, "a1");
        let daraa = out
            .toponyms
            .iter()
            .find(|t| t.text == "Daraa")
            .expect("Daraa");
        assert_eq!((daraa.start, daraa.byte_start), (33, 34));
        assert_eq!(daraa.country.as_deref(), Some("SYR"));
        let zurich = &out.toponyms[0];
        assert_eq!(
            (
                zurich.text.as_str(),
                zurich.start,
                zurich.end,
                zurich.byte_end
            ),
            ("Zürich", 0, 6, 7)
        );
    }
}
