//! The raw-news rules of the default options, on the built-in dictionaries: agents shared across a compound,
//! reciprocal events only for a compound that is its own target, future consultations as intent, bare
//! statements only toward their addressee, orders as demands. Sentences written for these tests.

use dyad_coding::{Coder, CoderOptions};
use dyad_dict::Dictionaries;
use std::sync::OnceLock;

fn dicts() -> &'static Dictionaries {
    static D: OnceLock<Dictionaries> = OnceLock::new();
    D.get_or_init(|| Dictionaries::builtin().0)
}

fn coder() -> &'static Coder {
    static C: OnceLock<Coder> = OnceLock::new();
    C.get_or_init(|| Coder::new(dicts()))
}

fn code_with(coder: &Coder, text: &str) -> Vec<String> {
    coder
        .code_sentence(text, Some("2019-03-01"))
        .iter()
        .map(|e| format!("{} {} {}", e.source, e.target, e.cameo))
        .collect()
}

fn code(text: &str) -> Vec<String> {
    code_with(coder(), text)
}

#[test]
fn a_compound_of_countries_shares_the_agent_of_its_last_member() {
    let got = code(
        "Senior Hungarian and Romanian officials agreed on Monday to reopen the border crossing.",
    );
    assert!(
        got.iter().any(|e| e.starts_with("HUNGOV ROUGOV 03")),
        "{got:?}"
    );
    assert!(
        got.iter().any(|e| e.starts_with("ROUGOV HUNGOV 03")),
        "{got:?}"
    );
    // PETRARCH's reading keeps the bare country.
    let petrarch = Coder::with_options(dicts(), CoderOptions::petrarch());
    let got = code_with(
        &petrarch,
        "Senior Hungarian and Romanian officials agreed on Monday to reopen the border crossing.",
    );
    assert!(got.iter().any(|e| e.starts_with("HUN ROUGOV")), "{got:?}");
}

#[test]
fn a_compound_is_its_own_target_only_for_reciprocal_events() {
    let got = code("France and Germany signed a defence treaty on Tuesday.");
    assert!(got.iter().any(|e| e.starts_with("FRA DEU 057")), "{got:?}");
    let got = code("Canada and Mexico urged an end to the tariffs.");
    assert!(
        !got.iter()
            .any(|e| e.starts_with("CAN MEX") || e.starts_with("MEX CAN")),
        "{got:?}"
    );
}

#[test]
fn a_consultation_still_to_come_is_an_intent_to_meet() {
    let got = code("The Chinese foreign minister will visit Pakistan next week.");
    assert!(
        got.iter().any(|e| e.starts_with("CHNGOV PAK 036")),
        "{got:?}"
    );
    let got = code("The Chinese foreign minister visited Pakistan on Monday.");
    assert!(
        got.iter().any(|e| e.starts_with("CHNGOV PAK 042")),
        "{got:?}"
    );
    let got = code("The Brazilian president hopes to meet Argentina's leaders in May.");
    assert!(
        got.iter()
            .any(|e| e.starts_with("BRAGOV ARG") && e.ends_with("036")),
        "{got:?}"
    );
}

#[test]
fn a_bare_statement_is_coded_only_toward_its_addressee() {
    let got = code("The Kenyan minister said Uganda's economy was growing fast.");
    assert!(got.is_empty(), "{got:?}");
    let got = code("The Kenyan minister told Uganda that the border would stay open.");
    assert!(
        got.iter().any(|e| e.starts_with("KENGOV UGA 01")),
        "{got:?}"
    );
}

#[test]
fn telling_an_actor_to_act_is_a_demand() {
    let got = code("Russia told Iran to withdraw its forces from the border.");
    assert!(got.iter().any(|e| e.starts_with("RUS IRN 10")), "{got:?}");
}

#[test]
fn meeting_a_target_is_no_meeting() {
    let got = code("Indonesia raised output to meet demand from Japan.");
    assert!(
        !got.iter().any(|e| e.contains(" 03") || e.contains(" 04")),
        "{got:?}"
    );
}

#[test]
fn charging_an_actor_with_a_breach_is_an_accusation() {
    let got = code("The European Commission charged Japan with violating trade rules.");
    assert!(got.iter().any(|e| e.ends_with(" 112")), "{got:?}");
}

#[test]
fn the_place_of_a_meeting_is_not_its_target() {
    let got = code("Japanese and South Korean leaders met in Beijing on Saturday.");
    assert!(
        got.iter().any(|e| e.starts_with("JPNGOV KORGOV 04")),
        "{got:?}"
    );
    assert!(!got.iter().any(|e| e.contains(" CHN")), "{got:?}");
    let got = code("The Italian foreign minister met his Egyptian counterpart in Cairo on Sunday.");
    assert!(
        got.iter().any(|e| e.starts_with("ITAGOV EGYGOV 04")),
        "{got:?}"
    );
}

#[test]
fn the_own_country_of_an_agent_is_not_its_target() {
    let got =
        code("The Italian foreign minister expressed Italy's willingness to support the plan.");
    assert!(!got.iter().any(|e| e.starts_with("ITAGOV ITA ")), "{got:?}");
    let got = code("Iraqi police arrested ten Iraqi insurgents in Mosul.");
    assert!(
        got.iter().any(|e| e.starts_with("IRQCOP IRQREB 173")),
        "{got:?}"
    );
}

#[test]
fn the_duma_is_a_whole_word_not_the_stem_of_a_surname() {
    let got = code("French Foreign Minister Roland Dumas met the Soviet delegation in Paris.");
    assert!(got.iter().all(|e| !e.contains("RUSLEG")), "{got:?}");
    let got = code("The Duma condemned the government of Ukraine on Tuesday.");
    assert!(
        got.iter().any(|e| e.starts_with("RUSLEG UKRGOV")),
        "{got:?}"
    );
}
