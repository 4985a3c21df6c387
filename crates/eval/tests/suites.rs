//! The suite readers on the real TABARI and PETRARCH files in ../shared/data/petrarch (record counts as that
//! folder's README tables give them), and the scoring of `run_suite` with coders built from each suite's own
//! expected answers.

use dyad_eval::suite::{
    suite_dict_files, suite_dictionaries, CodedTriple, DictionaryKind, Expected, Suite,
    SuiteRecord, UncheckedReason,
};
use dyad_eval::validation::{run_suite, EventScore, MismatchKind, SuiteReport};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

const PETRARCH: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../../shared/data/petrarch");

fn load(rel: &str) -> Suite {
    load_with(rel, &[])
}

fn load_with(rel: &str, extra: &[PathBuf]) -> Suite {
    let path = Path::new(PETRARCH).join(rel);
    Suite::load(&path, extra).unwrap_or_else(|e| panic!("{e}"))
}

/// Record counts by expectation kind, and expected tuples, over the records `keep` selects.
fn census(
    suite: &Suite,
    keep: impl Fn(&SuiteRecord) -> bool,
) -> (BTreeMap<&'static str, usize>, usize) {
    let mut kinds = BTreeMap::new();
    let mut tuples = 0;
    for r in suite.records.iter().filter(|r| keep(r)) {
        *kinds.entry(r.expected.kind()).or_default() += 1;
        tuples += r.expected.events().len();
    }
    (kinds, tuples)
}

fn counts(pairs: &[(&'static str, usize)]) -> BTreeMap<&'static str, usize> {
    pairs.iter().copied().collect()
}

#[test]
fn tabari_validate_counts() {
    let suite = load("tabari/Validate.text");
    assert_eq!(suite.records.len(), 475);
    let (all_active, tuples) = census(&suite, |r| r.active);
    // README: 467 standard records up to FINAL-01 = 395 event records + 16 {---} + 7 {###} + 20 {+++}
    // + 22 OPTION + 5 skip-check + START + FINAL; 8 records after FINAL-01.
    assert_eq!(
        all_active,
        counts(&[
            ("events", 395),
            ("none", 16),
            ("discard", 7),
            ("complex", 20),
            ("option", 22),
            ("skip", 5),
            ("control", 2),
        ])
    );
    assert_eq!(suite.records.iter().filter(|r| !r.active).count(), 8);
    // The README gives 508 tuples; the file's event records hold 510 `{ SRC / TGT / CODE }` lines (COMPOUND-07's
    // `-{ --- / --- / 000 }` line is a deactivated check and is not counted).
    assert_eq!(tuples, 510);
    let demo = &suite.records.iter().find(|r| r.id == "DEMO-04").unwrap();
    assert_eq!(demo.date.as_deref(), Some("1995-01-03"));
    assert_eq!(demo.category, "DEMO");
    assert!(demo
        .text
        .starts_with("Dagolath's first Deputy Prime Minister Telemar left for Minas Tirith"));
    assert_eq!(
        demo.expected.events(),
        [
            CodedTriple::new("DAG", "GON", "032"),
            CodedTriple::new("GON", "DAG", "033")
        ]
    );
}

#[test]
fn tabari_demo_counts() {
    let suite = load("tabari/TABARI.Demo.text");
    assert_eq!(suite.records.len(), 46);
    let (kinds, tuples) = census(&suite, |r| r.active);
    // README: 34 event records (56 tuples), 3 {---} + 2 {###} + 3 {+++}, 3 skip-check, and the INTRO header
    // record, which itself expects {---}.
    assert_eq!(
        kinds,
        counts(&[
            ("events", 34),
            ("none", 4),
            ("discard", 2),
            ("complex", 3),
            ("skip", 3)
        ])
    );
    assert_eq!(tuples, 56);
    assert_eq!(suite.records[0].id, "INTRO");
}

#[test]
fn tabari_project_names_the_dictionaries() {
    let suite = load("tabari/Validate.text");
    let names: Vec<(DictionaryKind, &str)> = suite
        .dictionaries
        .iter()
        .map(|d| (d.kind, d.name.as_str()))
        .collect();
    assert_eq!(
        names,
        [
            (DictionaryKind::Actors, "TABARI.Demo.actors"),
            (DictionaryKind::Verbs, "TABARI.Demo.verbs"),
            (DictionaryKind::Options, "Validate.options"),
            (DictionaryKind::Agents, "Validate.agents"),
        ]
    );
    assert!(suite.dictionaries.iter().all(|d| d.exists));
    assert!(suite_dictionaries(&suite).iter().all(|p| p.is_file()));
}

#[test]
fn petrarch_unit_test_counts() {
    let suite = load("petrarch1/text/PETR.UnitTest.records.xml");
    assert_eq!(suite.records.len(), 284);
    let (all, tuples) = census(&suite, |_| true);
    // README: 257 event records (359 tuples), 19 noevents + 7 error, PATTERN-06 without EventCoding. Of the 7
    // errors, storydiscard and sentencediscard (2 each) are discards, dateline and bad_input_parse input errors.
    assert_eq!(
        all,
        counts(&[
            ("events", 257),
            ("none", 19),
            ("discard", 4),
            ("error", 3),
            ("unstated", 1)
        ])
    );
    assert_eq!(tuples, 359);
    let (active, active_tuples) = census(&suite, |r| r.active);
    assert_eq!(
        active,
        counts(&[
            ("events", 251),
            ("none", 19),
            ("discard", 4),
            ("error", 3),
            ("unstated", 1)
        ])
    );
    assert_eq!(active_tuples, 350);
    let unstated: Vec<&str> = suite
        .records
        .iter()
        .filter(|r| r.expected == Expected::Unchecked(UncheckedReason::Unstated))
        .map(|r| r.id.as_str())
        .collect();
    assert_eq!(unstated, ["PATTERN-06"]);
    assert!(suite
        .records
        .iter()
        .all(|r| r.expected.kind() != "malformed"));
    let first = &suite.records[0];
    assert_eq!(
        (first.id.as_str(), first.date.as_deref()),
        ("DEMO-00", Some("1995-01-01"))
    );
    assert_eq!(
        first.text,
        "Arnor is about to restore full diplomatic ties with Gondor almost five years after crowds trashed its embassy."
    );
    let dictionaries: Vec<&str> = suite.dictionaries.iter().map(|d| d.name.as_str()).collect();
    assert_eq!(
        dictionaries,
        [
            "PETR.Validate.verbs.txt",
            "PETR.Validate.actors.txt",
            "PETR.Validate.agents.txt",
            "PETR.Validate.discards.txt"
        ]
    );
    assert!(suite.dictionaries.iter().all(|d| d.exists));
}

#[test]
fn petrarch2_copy_reads_the_same() {
    let one = load("petrarch1/text/PETR.UnitTest.records.xml");
    let two = load("petrarch2/text/PETR.UnitTest.records.xml");
    assert_eq!(one.records, two.records);
}

#[test]
fn ud_petrarch_validate_counts() {
    let suite = load("universal-petrarch/validate/PETR_Validate_records_2_02.xml");
    assert_eq!(suite.records.len(), 274);
    let (all, tuples) = census(&suite, |_| true);
    let nothing: usize = ["none", "discard", "error"]
        .iter()
        .map(|k| all.get(k).copied().unwrap_or(0))
        .sum();
    // README: 247 event records (322 tuples), 20 noevents + 7 error.
    assert_eq!(
        (all["events"], tuples, all["none"], nothing),
        (247, 322, 20, 27)
    );
    let (active, active_tuples) = census(&suite, |r| r.active);
    // README: active = 245 = 237 event records (305 tuples) + 8 noevents.
    assert_eq!(active, counts(&[("events", 237), ("none", 8)]));
    assert_eq!(active_tuples, 305);
    assert!(
        suite.dictionaries.iter().all(|d| d.exists),
        "{:?}",
        suite.dictionaries
    );
}

#[test]
fn ud_petrarch_gsr_counts() {
    // Its Phoenix.* files beyond those in universal-petrarch/dictionaries equal petrarch2's.
    let petrarch2 = Path::new(PETRARCH).join("petrarch2/dictionaries");
    let suite = load_with(
        "universal-petrarch/text/PETR2_GSR_validation.xml",
        &[petrarch2],
    );
    assert_eq!(suite.records.len(), 78);
    let (active, tuples) = census(&suite, |r| r.active);
    assert_eq!(active, counts(&[("events", 66), ("none", 12)]));
    assert_eq!(tuples, 80);
    let mut categories: BTreeMap<&str, usize> = BTreeMap::new();
    for r in &suite.records {
        *categories.entry(r.category.as_str()).or_default() += 1;
    }
    assert_eq!(
        categories,
        [
            ("AFP", 18),
            ("GOLD", 10),
            ("OTHER", 23),
            ("PASSIVE", 8),
            ("TEST", 11),
            ("VERB", 8)
        ]
        .into_iter()
        .collect()
    );
    let actors: Vec<&str> = suite
        .dictionaries_of(DictionaryKind::Actors)
        .map(|d| d.name.as_str())
        .collect();
    assert_eq!(
        actors,
        [
            "Phoenix.Countries.actors.txt",
            "Phoenix.International.actors.txt",
            "Phoenix.MilNonState.actors.txt"
        ]
    );
    assert!(
        suite.dictionaries.iter().all(|d| d.exists),
        "{:?}",
        suite.dictionaries
    );
}

/// Every suite, as (path, extra dictionary folders).
fn every_suite() -> Vec<Suite> {
    vec![
        load("tabari/Validate.text"),
        load("tabari/TABARI.Demo.text"),
        load("petrarch1/text/PETR.UnitTest.records.xml"),
        load("universal-petrarch/validate/PETR_Validate_records_2_02.xml"),
        load("universal-petrarch/text/PETR2_GSR_validation.xml"),
    ]
}

#[test]
fn a_coder_giving_the_expected_answers_passes_everything() {
    for suite in every_suite() {
        // Reversed, to show that order does not matter.
        let perfect = |r: &SuiteRecord| r.expected.events().iter().rev().cloned().collect();
        let report = run_suite(&suite, &perfect);
        let scored = suite.scored_records().count();
        assert_eq!(report.records.total, scored, "{}", suite.name);
        assert_eq!(report.records.passed, scored, "{}", suite.name);
        assert!(report.failures.is_empty());
        assert_eq!(
            report.events.false_positives + report.events.false_negatives,
            0
        );
        assert_eq!(report.events.f1(), 1.0);
        assert_eq!(
            report.unscored + report.unusable.len(),
            suite.records.len() - scored
        );
        assert_tables_add_up(&report);
        assert!(report
            .by_code_root
            .values()
            .all(|e| e.false_positives + e.false_negatives == 0));
    }
}

#[test]
fn an_empty_coder_fails_exactly_the_event_records() {
    for suite in every_suite() {
        let report = run_suite(&suite, &|_: &SuiteRecord| Vec::new());
        let event_records: Vec<&str> = suite
            .scored_records()
            .filter(|r| !r.expected.events().is_empty())
            .map(|r| r.id.as_str())
            .collect();
        let failed: Vec<&str> = report.failures.iter().map(|f| f.id.as_str()).collect();
        assert_eq!(failed, event_records, "{}", suite.name);
        let tuples: usize = suite
            .scored_records()
            .map(|r| r.expected.events().len())
            .sum();
        assert_eq!(report.events.false_negatives, tuples);
        assert_eq!(
            report.mismatches.get(&MismatchKind::MissedEvent),
            Some(&tuples)
        );
        assert_eq!(report.events.true_positives, 0);
        assert_eq!(
            report.records.passed,
            report.records.total - event_records.len()
        );
        assert_tables_add_up(&report);
    }
}

/// The category table and the code-root table each split the suite's totals without loss.
fn assert_tables_add_up(report: &SuiteReport) {
    let mut records = (0, 0);
    let mut by_category = EventScore::default();
    for c in report.by_category.values() {
        records.0 += c.records.passed;
        records.1 += c.records.total;
        by_category.true_positives += c.events.true_positives;
        by_category.false_positives += c.events.false_positives;
        by_category.false_negatives += c.events.false_negatives;
    }
    assert_eq!(
        records,
        (report.records.passed, report.records.total),
        "{}",
        report.suite
    );
    assert_eq!(by_category, report.events, "{}", report.suite);
    let mut by_root = EventScore::default();
    for e in report.by_code_root.values() {
        by_root.true_positives += e.true_positives;
        by_root.false_positives += e.false_positives;
        by_root.false_negatives += e.false_negatives;
    }
    assert_eq!(by_root, report.events, "{}", report.suite);
}

#[test]
fn failures_are_classified_and_grouped() {
    let suite = load("petrarch1/text/PETR.UnitTest.records.xml");
    // Every expected event with its code changed, and a spurious event on every no-event record.
    let wrong = |r: &SuiteRecord| -> Vec<CodedTriple> {
        match &r.expected {
            Expected::Events(events) => events
                .iter()
                .map(|e| CodedTriple::new(&e.source, &e.target, &format!("{}9", e.code)))
                .collect(),
            _ => vec![CodedTriple::new("AAA", "BBB", "010")],
        }
    };
    let report = run_suite(&suite, &wrong);
    assert_eq!(report.records.passed, 0);
    assert_eq!(report.failures.len(), 277);
    assert_eq!(report.mismatches[&MismatchKind::WrongCode], 350);
    assert_eq!(report.mismatches[&MismatchKind::SpuriousEvent], 277 - 251);
    assert_tables_add_up(&report);
    // Every spurious event is `010`; every expected code appended `9` stays under its own root, so root `01`
    // holds the 26 spurious events on top of its own misses.
    let root_01 = report.by_code_root["01"];
    assert!(root_01.false_positives >= 26 && root_01.true_positives == 0);
    let unusable: Vec<(&str, &str)> = report
        .unusable
        .iter()
        .map(|u| (u.id.as_str(), u.reason.as_str()))
        .collect();
    assert_eq!(unusable, [("PATTERN-06", "no <EventCoding>")]);
    let grouped = report.failures_by_category();
    let demo_records = suite
        .scored_records()
        .filter(|r| r.category == "DEMO")
        .count();
    assert_eq!(grouped["DEMO"].len(), demo_records);
    let listing = format!("{report:#}");
    assert!(listing.contains("failures in DEMO:"));
    assert!(listing.contains("wrong code"));
    let summary = report.to_string();
    assert!(summary.starts_with("suite PETR.UnitTest.records: 0/277 records passed"));
    assert!(summary.contains("1 without a usable expectation"));
    assert!(summary.contains("counted apart: PATTERN-06"));
    assert!(summary.contains("by code root:"));
    assert!(!summary.contains("failures in"));
    let json = serde_json::to_value(&report).unwrap();
    assert_eq!(json["records"]["total"], 277);
    assert_eq!(json["mismatches"]["wrong_code"], 350);
    assert_eq!(json["failures"].as_array().map(Vec::len), Some(277));
    assert_eq!(json["by_category"]["DEMO"]["records"]["passed"], 0);
    assert_eq!(json["unusable"][0]["id"], "PATTERN-06");
}

#[test]
fn every_suite_names_dictionaries_that_dyad_dict_loads() {
    for suite in every_suite() {
        let files = suite_dict_files(&suite);
        let names: Vec<String> = files.iter().map(|f| f.path.display().to_string()).collect();
        assert!(
            files
                .iter()
                .any(|f| matches!(f.kind, dyad_dict::DictKind::Verbs(_))),
            "{}: {names:?}",
            suite.name
        );
        let (dicts, _warnings) =
            dyad_dict::Dictionaries::load(&files).unwrap_or_else(|e| panic!("{}: {e}", suite.name));
        assert_eq!(dicts.files.len(), files.len(), "{}", suite.name);
    }
}

#[test]
fn suite_format_picks_the_verb_syntax() {
    use dyad_dict::{Dialect, DictKind};
    use dyad_eval::suite::SuiteFormat;
    let verbs = |suite: &Suite| {
        suite_dict_files(suite)
            .into_iter()
            .find_map(|f| match f.kind {
                DictKind::Verbs(d) => Some(d),
                _ => None,
            })
    };
    let tabari = load("tabari/Validate.text");
    let unit = load("petrarch1/text/PETR.UnitTest.records.xml");
    let ud = load("universal-petrarch/validate/PETR_Validate_records_2_02.xml");
    assert_eq!(
        (tabari.format, unit.format, ud.format),
        (
            SuiteFormat::Tabari,
            SuiteFormat::Petrarch,
            SuiteFormat::UdPetrarch
        )
    );
    assert_eq!(verbs(&tabari), Some(Dialect::Tabari));
    assert_eq!(verbs(&unit), Some(Dialect::Petrarch1));
    assert_eq!(verbs(&ud), Some(Dialect::Petrarch2));
}

#[test]
fn records_carry_the_settings_in_force() {
    let unit = load("petrarch1/text/PETR.UnitTest.records.xml");
    let pair = |o: &str, v: &str| (o.to_string(), v.to_string());
    assert_eq!(unit.records[0].settings, [pair("stop_on_error", "True")]);
    let without_dyad = unit
        .records
        .iter()
        .filter(|r| r.settings.contains(&pair("require_dyad", "false")))
        .count();
    assert!(without_dyad > 0);
    assert!(unit.records.iter().all(|r| r
        .settings
        .iter()
        .filter(|(o, _)| o == "require_dyad")
        .count()
        <= 1));

    let tabari = load("tabari/Validate.text");
    let commands: Vec<String> = tabari
        .records
        .iter()
        .take_while(|r| r.id != "FINAL-01")
        .flat_map(|r| match &r.expected {
            Expected::Unchecked(dyad_eval::suite::UncheckedReason::Option(c)) => c.clone(),
            _ => Vec::new(),
        })
        .collect();
    let final_record = tabari.records.iter().find(|r| r.id == "FINAL-01").unwrap();
    let carried: Vec<&String> = final_record.settings.iter().map(|(_, c)| c).collect();
    assert_eq!(carried, commands.iter().collect::<Vec<_>>());
    assert_eq!(commands[0], "SET: TIME SHIFT = FALSE");
}

#[test]
fn a_tabari_project_file_loads_its_suite() {
    let from_project = load("tabari/Validate.project");
    let from_text = load("tabari/Validate.text");
    assert_eq!(from_project.name, "Validate");
    assert_eq!(from_project.path, from_text.path);
    assert_eq!(from_project.records, from_text.records);
    assert_eq!(from_project.dictionaries, from_text.dictionaries);
    let demo = load("tabari/TABARI.Demo.project");
    assert_eq!(demo.records.len(), 46);
    assert_eq!(demo.dictionaries_of(DictionaryKind::Options).count(), 1);
}
