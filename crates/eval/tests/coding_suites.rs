//! The field's validation suites, run by dyad's coder on raw sentence text (never the gold parses) with each
//! suite's own dictionaries and settings: TABARI, the PETRARCH-1 unit tests, the PETRARCH-2 functional suite
//! and UD-PETRARCH's news sentences, plus those news sentences with dyad's built-in dictionaries. Prints every
//! failure by category and holds the pass rate, event precision and event recall above floors set just below
//! what the coder achieves: floors only rise.

use dyad_eval::coding_suites::{
    run_builtin, run_petrarch, run_petrarch2, run_tabari, run_ud_petrarch, UD_PETRARCH_SUITE,
};
use dyad_eval::validation::SuiteReport;
use std::path::Path;

const DATA: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../../shared/data/petrarch");

/// What a suite must keep: records scored, and the least pass rate, event precision and event recall. Each floor
/// is the measured figure cut to two decimals (one hundredth lower when the cut equals it).
struct Floors {
    records: usize,
    pass_rate: f64,
    precision: f64,
    recall: f64,
}

/// Pass rates measured 7 Dec 2026: TABARI 425/438 (0.970), P 0.978, R 0.961.
const TABARI: Floors = Floors {
    records: 438,
    pass_rate: 0.97,
    precision: 0.97,
    recall: 0.96,
};
/// 252/277 (0.910), P 0.931, R 0.931; PATTERN-06, whose expectation is commented out, is counted apart.
const PETRARCH: Floors = Floors {
    records: 277,
    pass_rate: 0.90,
    precision: 0.93,
    recall: 0.93,
};
/// PETR_Validate_records_2_02.xml: 186/245 (0.759), P 0.763, R 0.813.
const PETRARCH2: Floors = Floors {
    records: 245,
    pass_rate: 0.75,
    precision: 0.76,
    recall: 0.81,
};
/// PETR2_GSR_validation.xml with its Phoenix dictionaries: 26/78 (0.333), P 0.352, R 0.400.
const UD_PETRARCH: Floors = Floors {
    records: 78,
    pass_rate: 0.33,
    precision: 0.35,
    recall: 0.39,
};
/// PETR2_GSR_validation.xml with dyad's built-in dictionaries: 14/78 (0.179), P 0.182, R 0.175.
const UD_PETRARCH_BUILTIN: Floors = Floors {
    records: 78,
    pass_rate: 0.17,
    precision: 0.18,
    recall: 0.17,
};

fn hold(report: &SuiteReport, floors: &Floors) {
    println!("{report:#}");
    let name = &report.suite;
    assert_eq!(
        report.records.total, floors.records,
        "{name}: records scored"
    );
    let checks = [
        ("pass rate", report.records.rate(), floors.pass_rate),
        (
            "event precision",
            report.events.precision(),
            floors.precision,
        ),
        ("event recall", report.events.recall(), floors.recall),
    ];
    for (what, value, floor) in checks {
        assert!(
            value >= floor,
            "{name}: {what} {value:.3} fell below the floor {floor}"
        );
    }
}

#[test]
fn tabari_validation_suite() {
    let report = run_tabari(&Path::new(DATA).join("tabari")).unwrap_or_else(|e| panic!("{e}"));
    hold(&report, &TABARI);
}

#[test]
fn petrarch_unit_test_suite() {
    let report = run_petrarch(&Path::new(DATA).join("petrarch1")).unwrap_or_else(|e| panic!("{e}"));
    hold(&report, &PETRARCH);
    assert_eq!(report.unusable.len(), 1);
}

#[test]
fn petrarch2_functional_suite() {
    let report = run_petrarch2(Path::new(DATA)).unwrap_or_else(|e| panic!("{e}"));
    hold(&report, &PETRARCH2);
    assert!(report.unusable.is_empty());
}

#[test]
fn ud_petrarch_news_suite() {
    let report = run_ud_petrarch(Path::new(DATA)).unwrap_or_else(|e| panic!("{e}"));
    hold(&report, &UD_PETRARCH);
}

#[test]
fn ud_petrarch_news_suite_with_builtin_dictionaries() {
    let report =
        run_builtin(&Path::new(DATA).join(UD_PETRARCH_SUITE)).unwrap_or_else(|e| panic!("{e}"));
    hold(&report, &UD_PETRARCH_BUILTIN);
}
