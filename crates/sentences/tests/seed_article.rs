//! Golden test: the shared seed article through `dyad_clean::from_text` and `split`, against a hand-checked
//! sentence list.

use dyad_ingest::RecordHints;
use dyad_model::{Part, Provenance};

const SEED: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../../../shared/examples/seed-article.txt"
);

/// The seed article's sentences, split by hand.
const EXPECTED: &[(Part, &str)] = &[
    (Part::Headline, "Get your militia out of southern Syria, Russia’s Lavrov tells Iran"),
    (Part::Body, "Iran came under pressure from both alies and enemies on Tuesday as Russia, Israel and Jordan all insisted there was no place for Tehran-funded militias on Syria’s southern border."),
    (Part::Body, "Israel and Jordan have repeatedly insisted that the Shiite militias that backed President Bashar Assad in the war, should not be allowed near their borders."),
    (Part::Body, "A cease-fire brokered last year by the US, Russia and Jordan, reduced fighting in south-west Syria, where rebel fighters still control territory."),
    (Part::Body, "With Assad’s forces now in their strongest military position since the war began seven years ago, there are fears he may launch a fresh offensive to seize the area."),
    (Part::Body, "Russian Foreign Minister Sergei Lavrov, said on Monday only Syrian army troops should be on the country’s southern border."),
    (Part::Body, "“Of course, the withdrawal of all non-Syrian forces must be carried out on a mutual basis."),
    (Part::Body, "This should be a two-way street,” Lavrov said."),
    (Part::Body, "“The result of this work, which should continue and is continuing should be a situation when representatives of the Syrian Arab Republic’s army stand at Syria’s border with Israel.”"),
    (Part::Body, "Russia has also backed Assad in the conflict, with its air power regarded as one of the key turning points in the regime’s favor."),
    (Part::Body, "But Moscow was also instrumental in the de-escalation deals that reduced fighting in certain parts of the country last year."),
    (Part::Body, "The US has voiced concern about reports of an impending Syrian offensive in the south, warning Damascus it would respond to breaches."),
    (Part::Body, "Jordan said on Monday it was discussing south Syria with Washington and Moscow, and all three agreed on the need to preserve the cease-fire there."),
    (Part::Body, "“The de-escalation zone has produced the cease-fire that has held best in all of Syria."),
    (Part::Body, "The parties to the agreement are all committed to preserving it,” a Jordanian official told Reuters."),
    (Part::Body, "Both Israel and Jordan have been seeking understandings with Moscow to push the Shiite militias away from the area."),
    (Part::Body, "Israel has stepped up its military strikes on suspected Iranian targets across Syria in recent weeks."),
    (Part::Body, "Israel called for Tehran to be denied any military presence in Syria."),
    (Part::Body, "“We believe that there is no place for any Iranian military presence, anywhere in Syria.”"),
];

#[test]
fn seed_article_sentences_match_the_hand_split() {
    let raw = std::fs::read_to_string(SEED).unwrap_or_else(|e| panic!("{SEED}: {e}"));
    let mut doc = dyad_clean::from_text(&raw, Provenance::default(), &RecordHints::default());
    dyad_sentences::split(&mut doc);
    let found: Vec<(Part, &str)> = doc
        .sentences
        .iter()
        .map(|s| (s.part, doc.slice(s.span)))
        .collect();
    assert_eq!(found, EXPECTED);
    // Every sentence lies in one paragraph (or the headline).
    for s in doc.sentences.iter().filter(|s| s.part == Part::Body) {
        assert_eq!(
            doc.paragraphs.iter().filter(|p| p.contains(s.span)).count(),
            1
        );
    }
}
