//! The coder's linguistic mechanisms on plain sentences with the Phoenix dictionaries: compounds, passive voice,
//! negation, agents, date-restricted actors, pronouns and "the minister" across a document, and evidence spans.

use dyad_coding::{Coder, DocumentContext};
use dyad_dict::{Dialect, Dictionaries};
use dyad_model::Event;
use std::path::Path;
use std::sync::OnceLock;

const DICTS: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../../../shared/data/petrarch/petrarch1/dictionaries"
);

fn coder() -> &'static Coder {
    static CODER: OnceLock<Coder> = OnceLock::new();
    CODER.get_or_init(|| {
        let d = Path::new(DICTS);
        Coder::new(
            &Dictionaries::load_petrarch_config(
                &d.join("../config/PETR_config.ini"),
                Dialect::Petrarch1,
            )
            .expect("Phoenix dictionaries")
            .0,
        )
    })
}

fn dyads(events: &[Event]) -> Vec<(String, String, String)> {
    events
        .iter()
        .map(|e| (e.source.clone(), e.target.clone(), e.root.clone()))
        .collect()
}

fn code(text: &str, date: &str) -> Vec<(String, String, String)> {
    dyads(&coder().code_sentence(text, Some(date)))
}

fn pair(s: &str, t: &str, root: &str) -> (String, String, String) {
    (s.into(), t.into(), root.into())
}

#[test]
fn compound_actors_give_one_event_each() {
    let got = code("Russia, Israel and Jordan condemned Iran.", "2018-05-29");
    for s in ["RUS", "ISR", "JOR"] {
        assert!(got.contains(&pair(s, "IRN", "11")), "{s} in {got:?}");
    }
    assert_eq!(got.len(), 3);
}

#[test]
fn passive_voice_swaps_source_and_target() {
    assert_eq!(
        code("France was invaded by Germany.", "2018-05-29"),
        [pair("DEU", "FRA", "19")]
    );
}

#[test]
fn negated_verbs_code_nothing() {
    assert!(code("Israel did not attack Syria.", "2018-05-29").is_empty());
    assert!(code("Iran has never threatened Israel.", "2018-05-29").is_empty());
    assert!(!code("Israel attacked Syria.", "2018-05-29").is_empty());
}

#[test]
fn agents_attach_to_their_actor() {
    let got = code(
        "Russian Foreign Minister Sergei Lavrov met Iran's president on Monday.",
        "2018-05-29",
    );
    assert_eq!(got, [pair("RUSGOV", "IRNGOV", "04")]);
    let got = code(
        "Egyptian police arrested three Hamas militants.",
        "2018-05-29",
    );
    assert!(got.iter().all(|(s, _, _)| s == "EGYCOP"), "{got:?}");
}

#[test]
fn date_restricted_actors_follow_the_sentence_date() {
    // Putin: RUSELI until 1999-08-09, RUSGOV after.
    let before = code("Vladimir Putin criticized Georgia.", "1998-06-01");
    let after = code("Vladimir Putin criticized Georgia.", "2018-06-01");
    assert_eq!(
        before.first().map(|e| e.0.as_str()),
        Some("RUSELI"),
        "{before:?}"
    );
    assert_eq!(
        after.first().map(|e| e.0.as_str()),
        Some("RUSGOV"),
        "{after:?}"
    );
}

#[test]
fn pronouns_and_the_minister_refer_back_across_sentences() {
    let c = coder();
    let mut ctx = DocumentContext::default();
    let first = c.code_in_context(
        "Russia accused Georgia of provocations.",
        Some("2018-06-01"),
        &mut ctx,
    );
    assert!(!first.is_empty());
    let he = dyads(&c.code_in_context("He also threatened Ukraine.", Some("2018-06-01"), &mut ctx));
    assert!(
        he.iter().any(|(s, t, _)| s == "RUS" && t == "UKR"),
        "{he:?}"
    );
    let minister = dyads(&c.code_in_context(
        "The foreign minister later criticized Ukraine.",
        Some("2018-06-01"),
        &mut ctx,
    ));
    assert!(
        minister
            .iter()
            .any(|(s, t, _)| s.starts_with("RUSGOV") && t == "UKR"),
        "{minister:?}"
    );
}

#[test]
fn evidence_points_at_the_words_that_made_the_event() {
    let text = "Israel called for Tehran to be denied any military presence in Syria.";
    let events = coder().code_sentence(text, Some("2018-05-29"));
    let e = events.first().expect("an event");
    let slice = |s: Option<dyad_model::Span>| s.map(|s| s.slice(text)).unwrap_or("");
    assert_eq!(slice(e.evidence.source), "Israel");
    assert_eq!(slice(e.evidence.verb), "called for");
    assert_eq!(slice(e.evidence.target), "Tehran");
    let rule = e.evidence.verb_rule.as_ref().expect("verb rule");
    assert!(
        rule.file.ends_with("CAMEO.verbpatterns.150430.txt") && rule.line > 0,
        "{rule:?}"
    );
    assert!(e.quad_class.is_some() && e.goldstein.is_some());
}

#[test]
fn compound_evidence_points_at_each_member() {
    let text = "Russia and Jordan condemned Israel on Monday.";
    let events = coder().code_sentence(text, Some("2018-05-29"));
    assert!(events.len() >= 2, "{events:?}");
    let slice = |s: Option<dyad_model::Span>| s.map(|s| s.slice(text)).unwrap_or("");
    for e in &events {
        let source = slice(e.evidence.source);
        let rule = e.evidence.source_rule.as_ref().expect("source rule");
        match e.source.as_str() {
            "RUS" => assert_eq!(source, "Russia"),
            "JOR" => assert_eq!(source, "Jordan"),
            other => panic!("unexpected source {other}"),
        }
        assert!(
            rule.text.to_uppercase().contains(&source.to_uppercase()),
            "{rule:?}"
        );
    }
}

#[test]
fn odd_input_does_not_panic() {
    for text in [
        "",
        " ",
        ",,,",
        "’s",
        "U.S.",
        "N'T",
        "— “ ” ‘ ’",
        "a, b and, or , nor",
        "\u{feff}Iran",
    ] {
        let _ = coder().code_sentence(text, None);
        let _ = coder().explain(text, Some("not a date"));
    }
}

#[test]
fn actors_in_a_speaker_phrase_come_with_their_spans() {
    let text = "Syrian Foreign Minister Walid al-Moualem";
    let found = coder().actors_in(text, Some("2018-05-29"));
    assert_eq!(found.len(), 1, "{found:?}");
    let (span, codes) = &found[0];
    assert!(codes.iter().any(|c| c.starts_with("SYR")), "{codes:?}");
    assert!(text[span.range()].contains("Syrian"));
    assert!(coder().actors_in("he", None).is_empty());
}
