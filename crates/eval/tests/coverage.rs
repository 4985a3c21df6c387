//! Coverage and agreement reports on the first 2,000 Reuters-21578 stories with dyad's built-in dictionaries:
//! their counts add up, agree with coding the documents directly, and do not depend on the number of threads.
//! `--nocapture` prints the reports.

use dyad_coding::Coder;
use dyad_dict::{Dialect, Dictionaries};
use dyad_eval::coverage::{agreement, coverage, CoverageReport};
use dyad_ingest::RecordHints;
use dyad_model::{Document, Provenance};
use std::path::Path;
use std::sync::OnceLock;

const SHARED: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../../shared/data");
/// Stories coded: enough for every list to fill, few enough for a debug build.
const STORIES: usize = 2000;
const TOP: usize = 30;

fn documents() -> &'static [Document] {
    static DOCS: OnceLock<Vec<Document>> = OnceLock::new();
    DOCS.get_or_init(|| {
        let stories = dyad_eval::reuters::read_reuters_dir(&Path::new(SHARED).join("reuters21578"))
            .expect("Reuters-21578 reads");
        stories
            .iter()
            .take(STORIES)
            .map(|s| {
                let mut doc = dyad_pipeline::document_from_text(
                    &s.text(),
                    Provenance::default(),
                    &RecordHints::default(),
                );
                doc.id = s.new_id.to_string();
                doc.metadata.date = s
                    .date
                    .as_ref()
                    .and_then(|d| d.get(..10))
                    .map(str::to_string);
                doc
            })
            .collect()
    })
}

fn builtin() -> &'static Coder {
    static CODER: OnceLock<Coder> = OnceLock::new();
    CODER.get_or_init(|| Coder::new(&Dictionaries::builtin().0))
}

fn report_on(threads: usize) -> CoverageReport {
    rayon::ThreadPoolBuilder::new()
        .num_threads(threads)
        .build()
        .expect("thread pool")
        .install(|| coverage(builtin(), documents(), TOP))
}

fn assert_ranked(name: &str, list: &[(String, usize)]) {
    assert!(!list.is_empty(), "{name}: empty on {STORIES} stories");
    assert!(list.len() <= TOP, "{name}: more than {TOP} entries");
    for pair in list.windows(2) {
        let ((a, na), (b, nb)) = (&pair[0], &pair[1]);
        assert!(
            na > nb || (na == nb && a < b),
            "{name}: {a} ({na}) ranked before {b} ({nb})"
        );
    }
}

#[test]
fn coverage_counts_add_up_and_match_direct_coding() {
    let docs = documents();
    let report = report_on(2);
    println!("{report}");
    let coder = builtin();

    let sentences: usize = docs.iter().map(|d| d.sentences.len()).sum();
    let mut events = 0;
    let mut with_event = 0;
    for d in docs {
        let evs = coder.code_document(d);
        events += evs.len();
        let mut seen: Vec<u32> = evs.iter().map(|e| e.sentence).collect();
        seen.sort_unstable();
        seen.dedup();
        with_event += seen.len();
    }
    assert_eq!(report.documents, docs.len());
    assert_eq!(report.sentences, sentences);
    assert_eq!(report.events, events, "events differ from code_document");
    assert_eq!(report.sentences_with_event, with_event);
    let by_root: usize = report.events_by_root.iter().map(|(_, n)| n).sum();
    assert_eq!(by_root, report.events, "events by root do not add up");
    for (root, _) in &report.events_by_root {
        let n: u8 = root.parse().unwrap_or(0);
        assert!(
            root.len() == 2 && (1..=20).contains(&n),
            "root {root:?} is not a CAMEO root"
        );
    }
    assert_eq!(
        report.unparsed_sentences, 0,
        "the coder's trace no longer lines up with its tokens"
    );
    assert!(report.sentences_with_actor <= report.sentences);
    assert!(report.sentences_with_event_without_actor <= report.sentences_with_event);
    // An event needs an actor: one of the sentence's own, or one a pronoun carried from an earlier sentence.
    assert!(
        report.sentences_with_event - report.sentences_with_event_without_actor
            <= report.sentences_with_actor
    );
    assert!(report.sentences_with_event <= report.sentences_with_actor);
    assert!(
        report.sentences_with_event > 0
            && report.sentences_with_actor > report.sentences_with_event
    );

    assert_ranked("uncoded verbs", &report.uncoded_verbs);
    assert_ranked("idle dictionary verbs", &report.idle_dictionary_verbs);
    assert_ranked("unknown names", &report.unknown_names);
    assert_ranked("unknown companies", &report.unknown_companies);
    for (verb, _) in &report.uncoded_verbs {
        assert!(
            verb.bytes().all(|b| b.is_ascii_uppercase()),
            "uncoded verb {verb:?} is not a word"
        );
    }
    // A listed name is one no actor or agent entry matches: the coder types none of its words as one.
    for (name, _) in report.unknown_names.iter().chain(&report.unknown_companies) {
        let sentence = format!("Then came {name} again.");
        let trace = coder.explain(&sentence, Some("1987-03-01"));
        assert!(
            !trace.contains("|actor=") && !trace.contains("|agent="),
            "{name:?} is listed as unknown but the coder matches an entry:\n{trace}"
        );
    }
}

#[test]
fn coverage_is_identical_on_one_and_two_threads() {
    let one = report_on(1).to_string();
    let two = report_on(2).to_string();
    assert_eq!(one, two);
}

#[test]
fn agreement_with_phoenix_adds_up() {
    let docs = documents();
    let config = Path::new(SHARED).join("petrarch/petrarch1/config/PETR_config.ini");
    let phoenix = Coder::new(
        &Dictionaries::load_petrarch_config(&config, Dialect::Petrarch1)
            .expect("Phoenix dictionaries load")
            .0,
    );
    let run = |threads: usize| {
        rayon::ThreadPoolBuilder::new()
            .num_threads(threads)
            .build()
            .expect("thread pool")
            .install(|| agreement(builtin(), &phoenix, docs).labeled("built-in", "Phoenix"))
    };
    let r = run(2);
    println!("{r}");
    let direct = report_on(2);
    assert_eq!(r.sentences, direct.sentences);
    assert_eq!(
        r.events_a, direct.events,
        "coder A's events differ from its coverage report"
    );
    assert_eq!(r.sentences_with_event_a, direct.sentences_with_event);
    assert_eq!(
        r.both + r.only_one,
        r.sentences_with_event_a + r.sentences_with_event_b - r.both,
        "sentences coded by either coder do not add up"
    );
    assert!(r.both <= r.sentences_with_event_a.min(r.sentences_with_event_b));
    assert!(r.same_triple <= r.same_dyad && r.same_triple <= r.same_root);
    assert!(r.same_dyad <= r.both && r.same_root <= r.both);
    assert!(r.events_b > 0 && r.both > 0);
    assert_eq!(
        r.to_string(),
        run(1).to_string(),
        "agreement depends on the thread count"
    );
}
