//! The rules dyad adds for raw news, on the built-in dictionaries: passive victims, places that are no parties,
//! object relative clauses, denials, the other party of talks after WITH, clauses dated years back, actors with no
//! country, event nouns, targets from the clause before, company names, businesses with no country, compound
//! asides, capitals after IN and speculation — each with the reading it replaces — and the negation
//! and modality rules they must leave as they were. TABARI's settings turn them off.

use dyad_coding::{Coder, CoderOptions};
use dyad_dict::Dictionaries;
use std::sync::OnceLock;

fn coder() -> &'static Coder {
    static CODER: OnceLock<Coder> = OnceLock::new();
    CODER.get_or_init(|| Coder::new(&Dictionaries::builtin().0))
}

fn code_with(coder: &Coder, text: &str) -> Vec<(String, String, String)> {
    coder
        .code_sentence(text, Some("2010-06-01"))
        .into_iter()
        .map(|e| (e.source, e.target, e.cameo))
        .collect()
}

fn code(text: &str) -> Vec<(String, String, String)> {
    code_with(coder(), text)
}

#[test]
fn a_passive_victim_is_never_the_source() {
    // No agent: the victims are the target and nobody named acted.
    assert_eq!(
        code("Three US servicemen were killed in a bombing in Baghdad, Iraqi police said."),
        []
    );
    // The phrase after BY is a weapon and a place, not an actor.
    assert_eq!(
        code("Three US servicemen were killed by an IED outside the Iraqi city of Basra."),
        []
    );
    // With an actor after BY the passive is swapped as before.
    let got = code("France was invaded by Germany.");
    assert_eq!(got.len(), 1, "{got:?}");
    assert_eq!((got[0].0.as_str(), got[0].1.as_str()), ("DEU", "FRA"));
}

#[test]
fn a_place_after_near_or_outside_is_no_party() {
    let got = code("Insurgents attacked a convoy near Mosul.");
    assert!(got.iter().all(|(_, t, _)| !t.starts_with("IRQ")), "{got:?}");
    let got = code("Israel attacked Syria.");
    assert_eq!(got.len(), 1, "{got:?}");
    assert_eq!((got[0].0.as_str(), got[0].1.as_str()), ("ISR", "SYR"));
}

#[test]
fn an_object_relative_clause_has_the_actor_after_which_as_source() {
    let got = code(
        "A Turkish research ship which Greece had threatened to tackle kept to Turkish waters.",
    );
    assert_eq!(got.len(), 1, "{got:?}");
    assert_eq!((got[0].0.as_str(), got[0].1.as_str()), ("GRC", "TUR"));
    assert!(got[0].2.starts_with("13"), "{got:?}");
    // A subject relative keeps the antecedent as the source.
    let got = code("A Turkish ship which threatened Greece sailed on.");
    assert!(
        got.iter().any(|(s, t, _)| s == "TUR" && t == "GRC"),
        "{got:?}"
    );
}

#[test]
fn a_denial_is_the_event_not_what_is_denied() {
    let got = code("Rwanda denied that it supports the rebels.");
    assert_eq!(got.len(), 1, "{got:?}");
    assert_eq!(got[0].2, "016", "{got:?}");
    assert!(got[0].0 == "RWA" && got[0].1.ends_with("REB"), "{got:?}");
    // A plain statement still gives way to what it reports.
    let got = code("Rwanda said that it supports the rebels.");
    assert!(got.iter().all(|(_, _, c)| c != "010"), "{got:?}");
}

#[test]
fn negation_and_future_are_unchanged() {
    assert_eq!(code("Russia did not attack Iran."), []);
    let got = code("Russia will meet Iran next week.");
    assert!(
        got.iter()
            .any(|(s, t, c)| s == "RUS" && t == "IRN" && c == "036"),
        "{got:?}"
    );
}

#[test]
fn tabari_settings_turn_the_rules_off() {
    let tabari = coder().reconfigured(CoderOptions::tabari());
    let o = tabari.options();
    assert!(
        !o.passive_needs_agent
            && !o.places_not_actors
            && !o.object_relatives
            && !o.denials_not_statements
    );
    let got = code_with(&tabari, "A Turkish research ship which Greece had threatened to tackle it kept to Turkish waters today.");
    assert!(got.iter().all(|(s, _, _)| s != "GRC"), "{got:?}");
}

#[test]
fn the_other_party_of_talks_is_named_after_with() {
    // The country before WITH is the topic of the talks, not their other party.
    let got = code("Moscow has agreed to discuss Afghanistan in its talks with Peking.");
    assert!(
        got.iter()
            .any(|(s, t, c)| s.starts_with("RUS") && t.starts_with("CHN") && c.starts_with("03")),
        "{got:?}"
    );
    assert!(got.iter().all(|(_, t, _)| !t.starts_with("AFG")), "{got:?}");
    // Off under TABARI's settings: the first actor after the verb, as before.
    let tabari = coder().reconfigured(CoderOptions::tabari());
    assert!(!tabari.options().partner_after_with);
    let got = code_with(
        &tabari,
        "Moscow has agreed to discuss Afghanistan in its talks with Peking.",
    );
    assert!(got.iter().all(|(_, t, _)| !t.starts_with("CHN")), "{got:?}");
}

#[test]
fn a_clause_dated_years_before_the_story_is_background() {
    // The story is dated 2010: a year after IN two or more years earlier is background.
    assert_eq!(
        code("Bahrain and Kuwait agreed in 1981 to integrate their economies."),
        []
    );
    assert_eq!(code("Gaza was captured by Israel in the 1967 war."), []);
    // This year's or last year's news, a year to come, or a story with no date: coded as before.
    for text in [
        "Iraq attacked Iran in 2010.",
        "Iraq attacked Iran in 2009.",
        "Portugal agreed to return Macao to China in 2020.",
    ] {
        assert!(!code(text).is_empty(), "{text}");
    }
    assert!(!coder()
        .code_sentence("Iraq attacked Iran in 1981.", None)
        .is_empty());
    assert!(!code("Bahrain and Kuwait agreed in 2010 to integrate their economies.").is_empty());
    let tabari = coder().reconfigured(CoderOptions::tabari());
    assert!(!tabari.options().past_years_background);
}

#[test]
fn an_actor_with_no_country_gives_way_to_one_with_a_country() {
    // The warships are no party: Kuwait is the target.
    let got = code("The United States has offered warships to Kuwait.");
    assert!(
        got.iter()
            .any(|(s, t, _)| s.starts_with("USA") && t.starts_with("KWT")),
        "{got:?}"
    );
    assert!(got.iter().all(|(_, t, _)| !t.starts_with("---")), "{got:?}");
    // With no other actor, a countryless one still stands in.
    let got = code("Delegates attacked Iran.");
    assert!(
        got.iter()
            .any(|(s, t, _)| s.starts_with("---") && t.starts_with("IRN")),
        "{got:?}"
    );
    let tabari = coder().reconfigured(CoderOptions::tabari());
    assert!(!tabari.options().countryless_not_parties);
}

#[test]
fn an_event_noun_with_its_parties_is_coded_when_no_verb_gives_one() {
    let got = code("Chile's talks with the International Monetary Fund were concrete and frank.");
    assert!(
        got.iter().any(|(s, t, c)| s.starts_with("CHL")
            && t.starts_with("IGOBUSIMF")
            && c.starts_with("04")),
        "{got:?}"
    );
    // No other party after WITH or AGAINST: nothing.
    assert_eq!(code("Chile's talks were concrete and frank."), []);
    // A sentence whose verb gives an event is not read for nouns as well: the same events as with the rule off.
    let text = "Chile accused Peru of sabotaging Bolivia's talks with Brazil.";
    let got = code(text);
    assert!(
        !got.is_empty() && got.iter().all(|(s, _, _)| !s.starts_with("BOL")),
        "{got:?}"
    );
    let off = coder().reconfigured(CoderOptions {
        nominal_events: false,
        ..coder().options().clone()
    });
    assert_eq!(got, code_with(&off, text));
    let tabari = coder().reconfigured(CoderOptions::tabari());
    assert!(!tabari.options().nominal_events);
}

#[test]
fn a_clause_with_no_target_takes_the_last_actor_of_the_clause_before() {
    let got = code("Syria proposed a new plan, but Jordan and Egypt rejected the plan.");
    assert!(
        got.iter()
            .any(|(s, t, c)| s.starts_with("JOR") && t.starts_with("SYR") && c.starts_with("12")),
        "{got:?}"
    );
    // The first clause has no clause before it: no target, no event.
    assert_eq!(code("Jordan rejected the plan."), []);
    // A clause with a subject of its own words ("all three") carries no target over.
    let got = code("Syria met Jordan, and all three rejected the plan.");
    assert!(got.iter().all(|(_, _, c)| !c.starts_with("12")), "{got:?}");
    let tabari = coder().reconfigured(CoderOptions::tabari());
    assert!(!tabari.options().target_from_earlier_clause);
}

/// The same sentence coded with one option turned off.
fn code_without(text: &str, off: impl FnOnce(&mut CoderOptions)) -> Vec<(String, String, String)> {
    let mut options = coder().options().clone();
    off(&mut options);
    code_with(&coder().reconfigured(options), text)
}

#[test]
fn an_actor_word_inside_a_company_name_is_no_party() {
    // "Canadian" names the airline, not Canada.
    let text = "Canadian Airlines Ltd said it signed an agreement with Brazil.";
    assert_eq!(code(text), []);
    let off = code_without(text, |o| o.company_names_not_parties = false);
    assert!(off.iter().any(|(s, _, _)| s.starts_with("CAN")), "{off:?}");
    // A company tied to its country through OF inside the name keeps it; a bare country is still an actor.
    let got = code("Canada signed an agreement with Brazil.");
    assert!(
        got.iter()
            .any(|(s, t, c)| s.starts_with("CAN") && t.starts_with("BRA") && c.starts_with("057")),
        "{got:?}"
    );
    let tabari = coder().reconfigured(CoderOptions::tabari());
    assert!(!tabari.options().company_names_not_parties);
}

#[test]
fn a_business_with_no_country_is_no_party() {
    let text = "A small engineering company accused the Iraqi government of breaking its contract.";
    assert_eq!(code(text), []);
    let off = code_without(text, |o| o.countryless_businesses_not_parties = false);
    assert!(off.iter().any(|(s, _, _)| s == "---BUS"), "{off:?}");
    let petrarch = coder().reconfigured(CoderOptions::petrarch());
    assert!(!petrarch.options().countryless_businesses_not_parties);
}

#[test]
fn a_compound_member_may_follow_an_aside_between_commas() {
    let text =
        "Ministers from Kenya, Uganda and, possibly, Tanzania will meet to discuss regional trade.";
    let got = code(text);
    assert!(
        got.iter()
            .any(|(s, t, c)| s.starts_with("KEN") && t.starts_with("UGA") && c.starts_with("03")),
        "{got:?}"
    );
    assert!(got.iter().any(|(_, t, _)| t.starts_with("TZA")), "{got:?}");
    let off = code_without(text, |o| o.compound_asides = false);
    assert!(off.iter().all(|(_, t, _)| !t.starts_with("TZA")), "{off:?}");
}

#[test]
fn a_capital_after_in_is_where_an_agreement_was_made() {
    let text = "Kenya and Uganda agreed in London to cooperate on trade.";
    let got = code(text);
    assert!(got.iter().all(|(_, t, _)| !t.starts_with("GBR")), "{got:?}");
    let off = code_without(text, |o| o.places_after_in_not_parties = false);
    assert!(off.iter().any(|(_, t, _)| t.starts_with("GBR")), "{off:?}");
    // A country after IN stays a party, and so does the place of an attack.
    let got = code("Egypt agreed to build roads in Uganda.");
    assert!(got.iter().any(|(_, t, _)| t.starts_with("UGA")), "{got:?}");
}

#[test]
fn a_verb_after_might_or_rumored_is_speculation() {
    let text = "Kenya and Uganda might agree to cooperate on trade.";
    assert_eq!(code(text), []);
    let off = code_without(text, |o| o.speculation_not_events = false);
    assert!(off.iter().any(|(_, _, c)| c.starts_with("03")), "{off:?}");
    // Without the speculation word the agreement is coded.
    let got = code("Kenya and Uganda agreed to cooperate on trade.");
    assert!(got.iter().any(|(_, _, c)| c.starts_with("03")), "{got:?}");
}

#[test]
fn a_null_coded_pattern_covers_the_verbs_it_matched() {
    let text = "Iraq declined to discuss the proposal with Iran.";
    let on = code(text);
    assert!(on.is_empty(), "{on:?}");
    let off = code_without(text, |o| o.null_patterns_cover = false);
    assert!(
        off.iter()
            .any(|(s, t, c)| s == "IRQ" && t == "IRN" && c.starts_with("03")),
        "{off:?}"
    );
}
