//! Golden test: the shared seed article (../shared/examples/seed-article.txt) through `from_text`.

use dyad_clean::from_text;
use dyad_ingest::RecordHints;
use dyad_model::{Document, Provenance};

const SEED: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../../../shared/examples/seed-article.txt"
);

fn seed() -> (String, Document) {
    let raw = std::fs::read_to_string(SEED).unwrap_or_else(|e| panic!("{SEED}: {e}"));
    let provenance = Provenance {
        path: "seed-article.txt".into(),
        ..Provenance::default()
    };
    let doc = from_text(&raw, provenance, &RecordHints::default());
    (raw, doc)
}

#[test]
fn headline_paragraphs_and_metadata() {
    let (_, doc) = seed();
    assert_eq!(
        doc.title_text(),
        Some("Get your militia out of southern Syria, Russia’s Lavrov tells Iran")
    );
    assert_eq!(doc.paragraphs.len(), 16);
    assert_eq!(
        doc.slice(doc.paragraphs[0]),
        "Iran came under pressure from both alies and enemies on Tuesday as Russia, Israel and Jordan all insisted \
         there was no place for Tehran-funded militias on Syria’s southern border."
    );
    assert_eq!(
        doc.slice(doc.paragraphs[15]),
        "“We believe that there is no place for any Iranian military presence, anywhere in Syria.”"
    );
    assert_eq!(
        doc.metadata.captions,
        ["Maghaweir al Thowra conducts a security patrol near At Tanf, Syria. (Army photo by Staff Sgt. Jacob Connor)"]
    );
    assert_eq!(
        doc.metadata.syndication,
        [
            "© 2018 Arab News (Jeddah, Saudi Arabia)",
            "Distributed by Tribune Content Agency, LLC."
        ]
    );
    assert_eq!(doc.metadata.outlet.as_deref(), Some("Arab News"));
    assert!(doc.metadata.byline.is_empty(), "the article has no byline");
    assert_eq!(
        doc.metadata.date, None,
        "no dateline or date stamp gives a day"
    );
    assert_eq!(doc.id, dyad_clean::document_id(&doc.provenance));
}

#[test]
fn no_boilerplate_reaches_the_text() {
    let (_, doc) = seed();
    for fragment in [
        "Navigation",
        "Telegram",
        "•",
        "———",
        "©",
        "Distributed",
        "Army photo",
        "Tribune",
    ] {
        assert!(
            !doc.text.contains(fragment),
            "{fragment:?} left in the text"
        );
    }
    // Text layout: headline, blank line, paragraphs separated by blank lines, nothing else.
    let blocks: Vec<&str> = doc.text.split("\n\n").collect();
    assert_eq!(blocks.len(), 17);
    assert!(blocks
        .iter()
        .all(|b| !b.is_empty() && !b.contains('\n') && b.trim() == *b));
    assert_eq!(doc.body.start, doc.paragraphs[0].start);
    assert_eq!(doc.body.end as usize, doc.text.len());
}

#[test]
fn every_paragraph_maps_back_to_its_raw_bytes() {
    let (raw, doc) = seed();
    // The seed's paragraphs are single lines, so each is one exact copied run.
    for span in doc.title.iter().chain(&doc.paragraphs) {
        let start = doc.source_map.to_raw(span.start as usize).expect("mapped") as usize;
        let text = doc.slice(*span);
        assert_eq!(&raw[start..start + text.len()], text);
    }
    assert_eq!(doc.source_map.segments().len(), 17, "one segment per block");
}
