//! Smoke test on real newswire: every Reuters-21578 story body (hard-wrapped, indented paragraphs, " Reuter"
//! sign-off) cleans into valid paragraphs whose copied runs map back to the raw body.

use std::io::Read;

use dyad_clean::from_text;
use dyad_ingest::RecordHints;
use dyad_model::Provenance;

const CORPUS: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../../../shared/data/reuters21578"
);

/// The story bodies of one data file (Latin-1 SGML, see the data README), character references left as they are.
fn bodies(n: usize) -> Vec<String> {
    let path = format!("{CORPUS}/reut2-{n:03}.sgm.gz");
    let gz = std::fs::read(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    let mut bytes = Vec::new();
    flate2::read::GzDecoder::new(&gz[..])
        .read_to_end(&mut bytes)
        .unwrap_or_else(|e| panic!("{path}: {e}"));
    let text: String = bytes.iter().map(|&b| b as char).collect();
    text.split("<BODY>")
        .skip(1)
        .map(|s| {
            s.split("</BODY>")
                .next()
                .unwrap_or("")
                .replace("&lt;", "<")
                .replace("&#3;", "\u{3}")
        })
        .collect()
}

#[test]
fn reuters_bodies_clean_into_mapped_paragraphs() {
    let mut stories = 0;
    let mut signed_off = 0;
    for n in [0, 10, 21] {
        for body in bodies(n) {
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
            assert!(
                !doc.body_text().ends_with("Reuter"),
                "sign-off left in {:?}",
                doc.body_text()
            );
            signed_off += usize::from(doc.metadata.outlet.as_deref() == Some("Reuters"));
            stories += 1;
        }
    }
    assert!(stories > 2000, "{stories} stories");
    assert!(
        signed_off * 10 > stories * 9,
        "{signed_off} of {stories} stories signed off"
    );
}
