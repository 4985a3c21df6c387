//! Attribution on sentences written in the wire style: each case is a short article (paragraphs separated by blank
//! lines), cleaned and split as the pipeline does, and the attributions expected in it.

use dyad_ingest::RecordHints;
use dyad_model::{Document, Provenance};
use dyad_quotes::{attributions, claim_of, Attribution, AttributionKind, SpeakerKind};

fn document(text: &str) -> Document {
    // A headline line first, so every case's text is body.
    let raw = format!("Wire story\n\n{text}\n");
    let mut doc = dyad_clean::from_text(&raw, Provenance::default(), &RecordHints::default());
    dyad_sentences::split(&mut doc);
    doc
}

/// (kind, speaker, cue, outlet, content) of every attribution in the body.
fn read(text: &str) -> Vec<(AttributionKind, String, String, Option<String>, String)> {
    let doc = document(text);
    attributions(&doc)
        .iter()
        .map(|a| {
            (
                a.kind,
                doc.slice(a.speaker).to_string(),
                doc.slice(a.cue).to_string(),
                a.outlet.map(|o| doc.slice(o).to_string()),
                doc.slice(a.content).to_string(),
            )
        })
        .collect()
}

fn one(text: &str) -> (AttributionKind, String, String, Option<String>, String) {
    let found = read(text);
    assert_eq!(found.len(), 1, "{text}: {found:#?}");
    found.into_iter().next().unwrap_or_else(|| unreachable!())
}

use AttributionKind::{According, DirectQuote as Direct, IndirectQuote as Indirect};

fn check(
    text: &str,
    kind: AttributionKind,
    speaker: &str,
    cue: &str,
    outlet: Option<&str>,
    content: &str,
) {
    let got = one(text);
    assert_eq!(
        got,
        (
            kind,
            speaker.into(),
            cue.into(),
            outlet.map(String::from),
            content.into()
        ),
        "{text}"
    );
}

#[test]
fn direct_quotes_with_the_attribution_after() {
    check(
        "\"We will not allow it,\" said Ahmed Hassan, a spokesman for the Egyptian foreign ministry.",
        Direct,
        "Ahmed Hassan, a spokesman for the Egyptian foreign ministry",
        "said",
        None,
        "We will not allow it",
    );
    check(
        "“The talks have failed,” a senior Western diplomat told Reuters.",
        Direct,
        "a senior Western diplomat",
        "told",
        Some("Reuters"),
        "The talks have failed",
    );
    check(
        "‘We will respond,’ the minister said on Tuesday.",
        Direct,
        "the minister",
        "said",
        None,
        "We will respond",
    );
    check(
        "“There is no military solution” he added.",
        Direct,
        "he",
        "added",
        None,
        "There is no military solution",
    );
}

#[test]
fn direct_quotes_with_the_attribution_before() {
    check(
        "Prime Minister Benjamin Netanyahu said: “Israel will defend itself.”",
        Direct,
        "Prime Minister Benjamin Netanyahu",
        "said",
        None,
        "Israel will defend itself.",
    );
    check(
        "The ministry told AFP on Monday: \"The border is closed.\"",
        Direct,
        "The ministry",
        "told",
        Some("AFP"),
        "The border is closed.",
    );
}

#[test]
fn a_quote_split_by_its_attribution_and_a_quote_paragraph_carried_over() {
    let text = "Iran's foreign minister, Javad Zarif, spoke in Geneva.\n\n\
                “We will fight,” he said, “until the end.”\n\n\
                “Nobody can stop us.”";
    let doc = document(text);
    let found: Vec<Attribution> = attributions(&doc);
    let rows: Vec<(&str, &str, bool)> = found
        .iter()
        .map(|a| (doc.slice(a.speaker), doc.slice(a.content), a.carried_over))
        .collect();
    assert_eq!(
        rows,
        [
            ("he", "We will fight", false),
            ("he", "until the end.", false),
            ("he", "Nobody can stop us.", true)
        ]
    );
    assert!(found.iter().all(|a| a.speaker_kind == SpeakerKind::Pronoun));
}

#[test]
fn a_pronoun_speaker_points_back_to_the_last_named_one() {
    let text = "Lavrov said Russia would stay in Syria.\n\n\"This is our duty,\" he added.";
    let doc = document(text);
    let found = attributions(&doc);
    assert_eq!(found.len(), 2);
    assert_eq!(found[1].speaker_kind, SpeakerKind::Pronoun);
    assert_eq!(found[1].antecedent.map(|s| doc.slice(s)), Some("Lavrov"));
}

#[test]
fn reported_speech_and_claims() {
    check(
        "Iran denied that its forces had attacked the tanker.",
        Indirect,
        "Iran",
        "denied",
        None,
        "its forces had attacked the tanker",
    );
    check(
        "Russia accused Ukraine of shelling the plant.",
        Indirect,
        "Russia",
        "accused",
        None,
        "Ukraine of shelling the plant",
    );
    check(
        "Officials who spoke on condition of anonymity said the strike killed 12 people.",
        Indirect,
        "Officials",
        "said",
        None,
        "the strike killed 12 people",
    );
    check(
        "State media reported that Israeli jets struck a base near Damascus.",
        Indirect,
        "State media",
        "reported",
        None,
        "Israeli jets struck a base near Damascus",
    );
    check(
        "Sources say the president will resign.",
        Indirect,
        "Sources",
        "say",
        None,
        "the president will resign",
    );
    check(
        "Lavrov told reporters in Moscow that the troops would stay.",
        Indirect,
        "Lavrov",
        "told",
        None,
        "the troops would stay",
    );
    check(
        "Iran's foreign minister, Javad Zarif, said on Monday the deal was dead.",
        Indirect,
        "Iran's foreign minister, Javad Zarif",
        "said",
        None,
        "the deal was dead",
    );
    check(
        "The army insisted in a statement late on Sunday that no civilians were hurt.",
        Indirect,
        "The army",
        "insisted",
        None,
        "no civilians were hurt",
    );
    check(
        "The minister said in an interview with the BBC that talks would resume.",
        Indirect,
        "The minister",
        "said",
        Some("the BBC"),
        "talks would resume",
    );
}

#[test]
fn attribution_at_the_end_of_the_sentence() {
    check(
        "Rebels attacked a convoy near Aleppo, the ministry said in a statement.",
        Indirect,
        "the ministry",
        "said",
        None,
        "Rebels attacked a convoy near Aleppo",
    );
    check(
        "Get your militia out of southern Syria, Russia’s Lavrov tells Iran",
        Indirect,
        "Russia’s Lavrov",
        "tells",
        None,
        "Get your militia out of southern Syria",
    );
    check(
        "The offensive, officials said, would begin within days.",
        Indirect,
        "officials",
        "said",
        None,
        "The offensive, officials said, would begin within days",
    );
}

#[test]
fn a_clause_wrapped_around_its_attribution_is_content_whole() {
    check(
        "Mulroney defended the deal that he said would create jobs.",
        Indirect,
        "he",
        "said",
        None,
        "Mulroney defended the deal that he said would create jobs",
    );
    check(
        "Growth is still possible, according to the president of the federation, Hanns Schroeder.",
        According,
        "the president of the federation, Hanns Schroeder",
        "according to",
        None,
        "Growth is still possible",
    );
    check(
        "“Prices must be considered,” according to the analysis.",
        According,
        "the analysis",
        "according to",
        None,
        "Prices must be considered",
    );
}

#[test]
fn quoted_as_saying() {
    check(
        "The army was quoted by Interfax as saying that rebels had fired first.",
        Indirect,
        "The army",
        "quoted",
        Some("Interfax"),
        "rebels had fired first",
    );
    check(
        "Interfax quoted a defence ministry source as saying the missile was launched from Crimea.",
        Indirect,
        "a defence ministry source",
        "quoted",
        Some("Interfax"),
        "the missile was launched from Crimea",
    );
}

#[test]
fn according_to() {
    check(
        "According to state media, troops shelled the town overnight.",
        According,
        "state media",
        "According to",
        None,
        "troops shelled the town overnight",
    );
    check(
        "Troops shelled the town overnight, according to the Syrian Observatory for Human Rights.",
        According,
        "the Syrian Observatory for Human Rights",
        "according to",
        None,
        "Troops shelled the town overnight",
    );
    check(
        "Two soldiers were killed, according to Xinhua.",
        According,
        "Xinhua",
        "according to",
        Some("Xinhua"),
        "Two soldiers were killed",
    );
}

#[test]
fn what_is_not_an_attribution() {
    for text in [
        "The spokesman declined to say whether the talks would resume.",
        "Ten people were reported killed in the attack.",
        "The alleged plot was foiled by police.",
        "He did not say when the troops would leave.",
        "The report said nothing new.",
        "Israel has stepped up its military strikes on suspected Iranian targets across Syria in recent weeks.",
        "The claims were rejected.",
        "Israel's claims about the convoy could not be verified.",
        "The company added 10 stores last year.",
        "The town is said to be under siege.",
        "About 3.5 mln acres are said to be idle.",
        "Rebels reported to have fled were later found.",
        "The government, aware that insurance claims would be huge, set a ceiling.",
        "The 480 mln marks announced recently by Volkswagen were lost.",
        "The company filed claims against the owners.",
        "The talks went according to plan.",
    ] {
        let found = read(text);
        assert!(
            found.iter().all(|a| a.1 != "The spokesman" && a.1 != "Ten people" && a.1 != "He"),
            "{text}: {found:#?}"
        );
        if text != "The report said nothing new." {
            assert!(found.is_empty(), "{text}: {found:#?}");
        }
    }
}

#[test]
fn claims_nest_and_the_innermost_speaker_wins() {
    let text = "The ministry said rebels claimed they had shot down a jet.";
    let doc = document(text);
    let found = attributions(&doc);
    assert_eq!(found.len(), 2);
    let verb = doc
        .text
        .find("shot")
        .map(|s| dyad_model::Span::new(s, s + 4));
    let claim = verb.and_then(|v| claim_of(&found, v)).expect("claimed");
    assert_eq!(doc.slice(claim.speaker), "rebels");
    let said = doc
        .text
        .find("claimed")
        .map(|s| dyad_model::Span::new(s, s + 7));
    let claim = said.and_then(|v| claim_of(&found, v)).expect("claimed");
    assert_eq!(doc.slice(claim.speaker), "The ministry");
}
