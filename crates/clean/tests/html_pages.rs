//! The HTML path on real pages: every ScrapingHub benchmark page (../shared/data/extraction-dev/scrapinghub) goes
//! through `dyad_html::extract` and `from_extracted` into a valid Document, and the cleaner's block filter does
//! not lose article text the extractor found: word recall against the ground truth stays within a point.

mod support;

use std::collections::HashMap;
use std::io::Read;
use support::words;

use dyad_clean::from_extracted;
use dyad_ingest::RecordHints;
use dyad_model::Provenance;

const SET: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../../../shared/data/extraction-dev/scrapinghub"
);

/// Share of the truth's words found in `text`, counting repeats.
fn recall(truth: &HashMap<&str, usize>, text: &str) -> f64 {
    let found = words(text);
    let total: usize = truth.values().sum();
    let hit: usize = truth
        .iter()
        .map(|(w, n)| (*n).min(*found.get(w).unwrap_or(&0)))
        .sum();
    if total == 0 {
        1.0
    } else {
        hit as f64 / total as f64
    }
}

#[test]
fn scrapinghub_pages_clean_into_valid_documents_without_losing_text() {
    let truth_path = format!("{SET}/ground-truth.json");
    let truth_text =
        std::fs::read_to_string(&truth_path).unwrap_or_else(|e| panic!("{truth_path}: {e}"));
    let truth: serde_json::Value =
        serde_json::from_str(&truth_text).unwrap_or_else(|e| panic!("{truth_path}: {e}"));
    let truth = truth.as_object().expect("an object of pages");
    let (mut extracted_recall, mut cleaned_recall, mut pages) = (0.0, 0.0, 0usize);
    for (id, fields) in truth {
        let path = format!("{SET}/html/{id}.html.gz");
        let gz = std::fs::read(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
        let mut bytes = Vec::new();
        flate2::read::GzDecoder::new(&gz[..])
            .read_to_end(&mut bytes)
            .unwrap_or_else(|e| panic!("{path}: {e}"));
        let html = String::from_utf8_lossy(&bytes);
        let page = dyad_html::extract(&html);
        let extracted_body = page.body_text();
        let provenance = Provenance {
            path: path.clone(),
            ..Provenance::default()
        };
        let doc = from_extracted(page, provenance, &RecordHints::default());
        for span in doc.title.iter().chain(&doc.paragraphs) {
            let s = doc.text.get(span.range()).expect("span on char boundaries");
            assert!(
                !s.is_empty() && s.trim() == s && !s.contains('\n'),
                "{path}: bad block {s:?}"
            );
        }
        let mut last = 0;
        for seg in doc.source_map.segments() {
            assert!(
                seg.clean >= last && (seg.raw as usize) <= html.len(),
                "{path}: segment {seg:?}"
            );
            last = seg.clean + seg.len;
        }
        let body_truth = fields["articleBody"].as_str().unwrap_or("");
        let truth_words = words(body_truth);
        extracted_recall += recall(&truth_words, &extracted_body);
        cleaned_recall += recall(&truth_words, doc.body_text());
        pages += 1;
    }
    assert_eq!(pages, 181);
    let (extracted_recall, cleaned_recall) = (
        extracted_recall / pages as f64,
        cleaned_recall / pages as f64,
    );
    assert!(
        cleaned_recall >= extracted_recall - 0.01,
        "cleaning lost text: recall {cleaned_recall:.3} after vs {extracted_recall:.3} before"
    );
}
