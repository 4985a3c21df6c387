//! Golden test: who says what in the shared seed article (through `dyad_clean::from_text` and `split`), checked
//! by hand against the text.

use dyad_ingest::RecordHints;
use dyad_model::{Document, Provenance};
use dyad_quotes::{attributions, claim_of, AttributionKind, SpeakerKind};

const SEED: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../../../shared/examples/seed-article.txt"
);

fn seed() -> Document {
    let raw = std::fs::read_to_string(SEED).unwrap_or_else(|e| panic!("{SEED}: {e}"));
    let mut doc = dyad_clean::from_text(&raw, Provenance::default(), &RecordHints::default());
    dyad_sentences::split(&mut doc);
    doc
}

/// (sentence, kind, speaker, cue, outlet, carried over, content).
type Row<'a> = (
    u32,
    AttributionKind,
    &'a str,
    &'a str,
    Option<&'a str>,
    bool,
    &'a str,
);

const EXPECTED: &[Row] = &[
    (0, AttributionKind::IndirectQuote, "Russia’s Lavrov", "tells", None, false,
        "Get your militia out of southern Syria"),
    (1, AttributionKind::IndirectQuote, "Russia, Israel and Jordan", "insisted", None, false,
        "there was no place for Tehran-funded militias on Syria’s southern border"),
    (2, AttributionKind::IndirectQuote, "Israel and Jordan", "insisted", None, false,
        "the Shiite militias that backed President Bashar Assad in the war, should not be allowed near their borders"),
    (5, AttributionKind::IndirectQuote, "Russian Foreign Minister Sergei Lavrov", "said", None, false,
        "only Syrian army troops should be on the country’s southern border"),
    (6, AttributionKind::DirectQuote, "Lavrov", "said", None, false,
        "Of course, the withdrawal of all non-Syrian forces must be carried out on a mutual basis. This should be a two-way street"),
    (8, AttributionKind::DirectQuote, "Lavrov", "said", None, true,
        "The result of this work, which should continue and is continuing should be a situation when representatives of the Syrian Arab Republic’s army stand at Syria’s border with Israel."),
    (11, AttributionKind::IndirectQuote, "The US", "warning", None, false,
        "Damascus it would respond to breaches"),
    (12, AttributionKind::IndirectQuote, "Jordan", "said", None, false,
        "it was discussing south Syria with Washington and Moscow, and all three agreed on the need to preserve the cease-fire there"),
    (13, AttributionKind::DirectQuote, "a Jordanian official", "told", Some("Reuters"), false,
        "The de-escalation zone has produced the cease-fire that has held best in all of Syria. The parties to the agreement are all committed to preserving it"),
];

#[test]
fn seed_article_attributions_match_the_hand_reading() {
    let doc = seed();
    let found = attributions(&doc);
    let rows: Vec<Row> = found
        .iter()
        .map(|a| {
            (
                a.sentence,
                a.kind,
                doc.slice(a.speaker),
                doc.slice(a.cue),
                a.outlet.map(|o| doc.slice(o)),
                a.carried_over,
                doc.slice(a.content),
            )
        })
        .collect();
    assert_eq!(rows, EXPECTED);
    let official = &found[8];
    assert_eq!(official.speaker_kind, SpeakerKind::Description);
    assert_eq!(
        official.cue_sentence, 14,
        "the quote runs over two sentences; the cue is in the second"
    );
}

#[test]
fn events_inside_quotes_are_claims_of_their_speaker() {
    let doc = seed();
    let found = attributions(&doc);
    let at = |needle: &str| {
        let start = doc.text.find(needle).expect(needle);
        dyad_model::Span::new(start, start + needle.len())
    };
    // "respond" (Syria's threatened response) is the US's warning.
    let claim = claim_of(&found, at("respond to breaches")).expect("a claim");
    assert_eq!(doc.slice(claim.speaker), "The US");
    // "backed" in "Russia has also backed Assad" is the reporter's own statement.
    assert!(claim_of(&found, at("has also backed")).is_none());
    // "discussing" is Jordan's claim.
    let claim = claim_of(&found, at("discussing")).expect("a claim");
    assert_eq!(doc.slice(claim.speaker), "Jordan");
}
