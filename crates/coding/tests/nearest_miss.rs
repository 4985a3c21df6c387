//! `--explain`'s nearest miss for a sentence with no event: the dictionary verb whose patterns did not fit (and
//! the closest one, with the words the clause lacks), the verb that found no source or target, the capitalised
//! name in no dictionary, and the word that reads as a verb but is in no verb dictionary.

use dyad_coding::Coder;
use dyad_dict::{Dialect, DictFile, DictKind, Dictionaries};
use std::path::PathBuf;
use std::sync::OnceLock;

/// A small PETRARCH-1 dictionary set written for these tests, so that the expected explanations do not move
/// with the built-in dictionaries.
fn coder() -> &'static Coder {
    static CODER: OnceLock<Coder> = OnceLock::new();
    CODER.get_or_init(|| {
        let dir = std::env::temp_dir().join(format!("dyad-nearest-miss-{}", std::process::id()));
        std::fs::create_dir_all(&dir).expect("temp dir");
        let write = |name: &str, text: &str| -> PathBuf {
            let p = dir.join(name);
            std::fs::write(&p, text).expect("write dictionary");
            p
        };
        let actors = write(
            "actors.txt",
            "RUSSIA [RUS]\nIRAN [IRN]\nJAPAN [JPN]\nFRANCE [FRA]\n",
        );
        let agents = write("agents.txt", "ARMY [~MIL]\nPOLICE [~COP]\n");
        let verbs = write(
            "verbs.txt",
            "--- TRY [---] ---\nTRY {TRIES TRIED TRYING}\n- * TO ASSASSINATE + [185]\n- * TO MEDIATE BETWEEN + [043]\n\n\
             --- WARN [130] ---\nWARN\n\n\
             --- ATTACK [190] ---\nATTACK\n\n\
             --- SHELL [194] ---\nSHELL\n",
        );
        let files = [
            DictFile::new(DictKind::Actors(Dialect::Petrarch1), actors),
            DictFile::new(DictKind::Agents(Dialect::Petrarch1), agents),
            DictFile::new(DictKind::Verbs(Dialect::Petrarch1), verbs),
        ];
        let (d, _) = Dictionaries::load(&files).expect("test dictionaries");
        Coder::new(&d)
    })
}

fn explain(text: &str) -> String {
    coder().explain(text, Some("2020-01-01"))
}

/// The lines of the nearest-miss block.
fn miss(text: &str) -> Vec<String> {
    let out = explain(text);
    let lines: Vec<String> = out
        .lines()
        .skip_while(|l| *l != "nearest miss:")
        .skip(1)
        .take_while(|l| l.starts_with("  "))
        .map(|l| l.trim().to_string())
        .collect();
    assert!(!lines.is_empty(), "no nearest miss in:\n{out}");
    lines
}

#[test]
fn a_verb_whose_patterns_do_not_fit_names_the_closest_and_what_it_lacks() {
    let lines = miss("Japan tried to mediate the dispute with Iran.");
    let verb = lines
        .iter()
        .find(|l| l.starts_with("verb \"tried\""))
        .unwrap_or_else(|| panic!("no line for the verb: {lines:?}"));
    assert!(verb.contains("codes nothing (---) on its own"), "{verb}");
    assert!(verb.contains("none of its 2 patterns fits"), "{verb}");
    // TO and MEDIATE are in the clause, BETWEEN is not: the mediation pattern is closer than the other.
    assert!(
        verb.contains("closest pattern - * TO MEDIATE BETWEEN + [043]"),
        "{verb}"
    );
    assert!(verb.contains("the clause lacks \"BETWEEN\""), "{verb}");
    assert!(!verb.contains("ASSASSINATE"), "{verb}");
}

#[test]
fn a_pattern_whose_words_are_all_there_points_at_its_actor() {
    // Every word of `* TO ASSASSINATE +` is there, but no actor follows it.
    let lines = miss("Russia tried to assassinate the general.");
    assert!(
        lines
            .iter()
            .any(|l| l.contains("closest pattern - * TO ASSASSINATE + [185]")
                && l.contains("no actor where its + stands")),
        "{lines:?}"
    );
}

#[test]
fn a_verb_with_no_actor_before_it_says_it_found_no_source() {
    let lines = miss("The Ruritanian gunners shelled the town on Monday.");
    assert!(
        lines.iter().any(|l| l.starts_with("verb \"shelled\"")
            && l.contains("gives 194")
            && l.contains("but no source")),
        "{lines:?}"
    );
    assert!(
        lines.iter().any(|l| l
            == "name not in the actor or agent dictionaries: \"Ruritanian\" (so it is no actor)"),
        "{lines:?}"
    );
}

#[test]
fn a_verb_with_no_actor_after_it_says_it_found_no_target() {
    let lines = miss("Russia warned the neighbours.");
    assert!(
        lines
            .iter()
            .any(|l| l.starts_with("verb \"warned\"")
                && l.contains("with source RUS, but no target")),
        "{lines:?}"
    );
}

#[test]
fn unknown_names_are_capitalised_runs_in_no_dictionary() {
    let lines = miss("Foo Bar Corp attacked Zanzibar Holdings in France.");
    let names: Vec<&String> = lines.iter().filter(|l| l.starts_with("name ")).collect();
    assert_eq!(names.len(), 2, "{lines:?}");
    assert!(names[0].contains("\"Foo Bar Corp\""), "{names:?}");
    assert!(names[1].contains("\"Zanzibar Holdings\""), "{names:?}");
    // The known actor and the lower-case words are no unknown names.
    assert!(!lines.iter().any(|l| l.contains("\"France\"")), "{lines:?}");
}

#[test]
fn a_verb_in_no_dictionary_is_named() {
    let out = explain("Russia pontificated about Iran.");
    assert!(
        out.contains("no event: no verb of the verb dictionaries"),
        "{out}"
    );
    let lines = miss("Russia pontificated about Iran.");
    assert_eq!(
        lines,
        ["verb not in the verb dictionaries: \"pontificated\" (a past-tense ending)"]
    );
    let lines = miss("Japan tried to placate Iran.");
    assert!(
        lines
            .iter()
            .any(|l| l
                == "verb not in the verb dictionaries: \"placate\" (after an auxiliary or TO)"),
        "{lines:?}"
    );
    let lines = miss("Russia berates Iran.");
    assert!(
        lines
            .iter()
            .any(|l| l == "verb not in the verb dictionaries: \"berates\" (right after an actor)"),
        "{lines:?}"
    );
}

#[test]
fn a_negated_verb_says_so() {
    let lines = miss("Russia did not attack Iran.");
    assert!(
        lines
            .iter()
            .any(|l| l.starts_with("verb \"attack\"") && l.contains("negated")),
        "{lines:?}"
    );
}

#[test]
fn a_sentence_with_an_event_has_no_nearest_miss() {
    let out = explain("Russia warned Iran.");
    assert!(out.contains("event: RUS / IRN / 130"), "{out}");
    assert!(!out.contains("nearest miss"), "{out}");
}

#[test]
fn a_sentence_with_nothing_close_says_so() {
    assert_eq!(
        miss("it was a quiet day."),
        ["nothing close: no dictionary verb, no unknown capitalised name, no word that reads as a verb"]
    );
}
