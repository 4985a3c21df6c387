//! Prints the coder's trace for the sentences in `DYAD_EXPLAIN` (one per line) with the TABARI (`DYAD_DICTS=tabari`),
//! PETRARCH unit-test (`petrarch`) or Phoenix (`phoenix`, default) dictionaries. A debugging aid:
//! `DYAD_EXPLAIN="Russia warned Iran." cargo test -p dyad-coding --test explain -- --ignored --nocapture`

use dyad_coding::{Coder, CoderOptions};
use dyad_dict::{Dialect, DictFile, DictKind, Dictionaries};
use std::path::Path;

const DATA: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../../shared/data/petrarch");

#[test]
#[ignore = "debugging aid: needs DYAD_EXPLAIN"]
fn explain_sentences() {
    let which = std::env::var("DYAD_DICTS").unwrap_or_else(|_| "phoenix".into());
    let coder = match which.as_str() {
        "tabari" => {
            let dir = Path::new(DATA).join("tabari");
            let (d, _) =
                Dictionaries::load_tabari_project(&dir.join("Validate.project")).expect("dicts");
            let mut o = CoderOptions::tabari();
            o.complexity = dyad_coding::Complexity {
                verbs: Some(5),
                conjunctions: Some(4),
                no_actor_prior: true,
            };
            Coder::with_options(&d, o)
        }
        "petrarch" => {
            let d = Path::new(DATA).join("petrarch1/dictionaries");
            let files = [
                DictFile::new(
                    DictKind::Actors(Dialect::Petrarch1),
                    d.join("PETR.Validate.actors.txt"),
                ),
                DictFile::new(
                    DictKind::Agents(Dialect::Petrarch1),
                    d.join("PETR.Validate.agents.txt"),
                ),
                DictFile::new(
                    DictKind::Verbs(Dialect::Petrarch1),
                    d.join("PETR.Validate.verbs.txt"),
                ),
                DictFile::new(DictKind::Discards, d.join("PETR.Validate.discards.txt")),
            ];
            let (d, _) = Dictionaries::load(&files).expect("dicts");
            Coder::with_options(&d, CoderOptions::petrarch())
        }
        _ => {
            let d = Path::new(DATA).join("petrarch1/dictionaries");
            let (d, _) = Dictionaries::load_petrarch_config(
                &d.join("../config/PETR_config.ini"),
                Dialect::Petrarch1,
            )
            .expect("dicts");
            Coder::new(&d)
        }
    };
    let text = std::env::var("DYAD_EXPLAIN").unwrap_or_default();
    for line in text.lines().filter(|l| !l.trim().is_empty()) {
        println!("{}", coder.explain(line, Some("1995-01-01")));
    }
}
