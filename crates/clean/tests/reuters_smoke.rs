//! Smoke test on real newswire: every Reuters-21578 story body (hard-wrapped, indented paragraphs, " Reuter"
//! sign-off) cleans into valid paragraphs whose copied runs map back to the raw body.

mod support;

use dyad_clean::from_text;
use dyad_clean::line_kind::{classify, LineKind};
use dyad_ingest::RecordHints;
use dyad_model::Provenance;
use support::reuters_bodies;

/// Most words a line set aside from wrapped newswire may have: wire furniture ("More"), sign-offs and bare date
/// lines are short; anything longer is prose that must stay in the text.
const SET_ASIDE_MAX_WORDS: usize = 3;

/// Words: runs of letters and digits.
fn words(text: &str) -> usize {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .count()
}

/// Every raw line missing from the clean text is short wire furniture, a sign-off, a date line or decoration:
/// wrapped fragments such as "share." or "March 17." stay in their sentences.
fn assert_no_prose_lost(body: &str, doc: &dyad_model::Document) {
    let text: String = doc.text.split_whitespace().collect::<Vec<_>>().join(" ");
    for line in body.lines() {
        let line = line.split_whitespace().collect::<Vec<_>>().join(" ");
        if line.is_empty() || text.contains(&line) {
            continue;
        }
        let kind = classify(&line);
        let set_aside = matches!(
            kind,
            LineKind::Furniture
                | LineKind::Signoff { .. }
                | LineKind::DateStamp(_)
                | LineKind::Decoration
        );
        assert!(
            set_aside && words(&line) <= SET_ASIDE_MAX_WORDS,
            "prose lost: {line:?} ({kind:?}) from {body:?}"
        );
    }
}

#[test]
fn reuters_bodies_clean_into_mapped_paragraphs() {
    let mut stories = 0;
    let mut signed_off = 0;
    for n in 0..22 {
        for body in reuters_bodies(n) {
            let doc = from_text(&body, Provenance::default(), &RecordHints::default());
            assert!(!doc.paragraphs.is_empty(), "no paragraph in {body:?}");
            for seg in doc.source_map.segments() {
                let clean = &doc.text[seg.clean as usize..(seg.clean + seg.len) as usize];
                assert_eq!(
                    Some(clean),
                    body.get(seg.raw as usize..seg.raw as usize + seg.len as usize)
                );
            }
            // Wrapped lines are joined: a newline survives only in the blank-line paragraph separator.
            assert!(doc.paragraphs.iter().all(|p| !doc.slice(*p).contains('\n')));
            // A sign-off line never survives as a paragraph (one typed inline after a sentence does).
            assert!(
                !doc.paragraphs
                    .iter()
                    .any(|p| matches!(doc.slice(*p), "Reuter" | "REUTER")),
                "sign-off left in {:?}",
                doc.body_text()
            );
            assert_no_prose_lost(&body, &doc);
            signed_off += usize::from(doc.metadata.outlet.as_deref() == Some("Reuters"));
            stories += 1;
        }
    }
    assert_eq!(stories, 19_043, "bodies in the collection (data README)");
    assert!(
        signed_off * 10 > stories * 9,
        "{signed_off} of {stories} stories signed off"
    );
}
