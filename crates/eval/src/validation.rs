//! Scores a coder against a validation suite: records passed, event precision/recall/F1, and every failure
//! with what went wrong (missed event, wrong code, wrong actor, spurious event).
//!
//! A record passes as TABARI's and PETRARCH-1's validators judge it: an event record when the coded triples
//! equal the expected ones as a multiset (order ignored, duplicates counted); a no-event record (`{---}`,
//! `{###}`, `{+++}`, `noevents`, `error`) when nothing is coded. UD-PETRARCH's validator has no record verdict,
//! only event counts per category; the same rule is applied to its files, and the event counts are its own.
//! Inactive and unchecked records (options, skip-checks, control records, categories outside `<Include>`) are
//! not coded or scored; active records whose expectation is missing or unreadable are listed apart. Scores are
//! broken down by record category and by code root (CAMEO cue category). The coder is any closure, so this
//! module knows nothing of dyad's coder.

use crate::suite::{CodedTriple, Suite, SuiteRecord};
use serde::Serialize;
use std::collections::BTreeMap;
use std::fmt;

/// How one expected or coded event failed to match.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum MismatchKind {
    /// Expected, and nothing coded for that source and target or that code.
    MissedEvent,
    /// Right source and target, different CAMEO code.
    WrongCode,
    /// Right code, different source or target.
    WrongActor,
    /// Coded, but not expected.
    SpuriousEvent,
}

impl MismatchKind {
    pub fn name(self) -> &'static str {
        match self {
            MismatchKind::MissedEvent => "missed event",
            MismatchKind::WrongCode => "wrong code",
            MismatchKind::WrongActor => "wrong actor",
            MismatchKind::SpuriousEvent => "spurious event",
        }
    }
}

/// One unmatched event, paired with its nearest counterpart where there is one.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Mismatch {
    pub kind: MismatchKind,
    pub expected: Option<CodedTriple>,
    pub coded: Option<CodedTriple>,
}

/// A record that did not pass.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RecordFailure {
    pub id: String,
    pub category: String,
    /// [`Expected::kind`](crate::suite::Expected::kind) of the record.
    pub expected_kind: &'static str,
    pub line: usize,
    pub text: String,
    pub expected: Vec<CodedTriple>,
    pub coded: Vec<CodedTriple>,
    pub mismatches: Vec<Mismatch>,
}

/// Passed out of total.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Tally {
    pub passed: usize,
    pub total: usize,
}

impl fmt::Display for Tally {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}/{} ({:.3})", self.passed, self.total, self.rate())
    }
}

impl Tally {
    pub(crate) fn add(&mut self, passed: bool) {
        self.total += 1;
        self.passed += usize::from(passed);
    }

    /// Share passed, 0 when empty.
    pub fn rate(&self) -> f64 {
        ratio(self.passed, self.total)
    }
}

/// Event-level counts over all scored records (multiset matching per record).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct EventScore {
    pub true_positives: usize,
    pub false_positives: usize,
    pub false_negatives: usize,
}

impl EventScore {
    fn add(&mut self, other: EventScore) {
        self.true_positives += other.true_positives;
        self.false_positives += other.false_positives;
        self.false_negatives += other.false_negatives;
    }

    /// Precision and recall of these counts.
    pub fn precision_recall(&self) -> PrecisionRecall {
        PrecisionRecall::from_counts(
            self.true_positives,
            self.false_positives,
            self.false_negatives,
        )
    }

    /// TP / (TP + FP); 0 when nothing was coded.
    pub fn precision(&self) -> f64 {
        self.precision_recall().precision
    }

    /// TP / (TP + FN); 0 when nothing was expected.
    pub fn recall(&self) -> f64 {
        self.precision_recall().recall
    }

    pub fn f1(&self) -> f64 {
        self.precision_recall().f1()
    }
}

/// A precision and a recall, and their harmonic mean: the one F1 of every score in this crate (suite events,
/// extraction shingles and snippets).
///
/// ```
/// use dyad_eval::validation::PrecisionRecall;
/// let pr = PrecisionRecall::from_counts(3, 1, 3);
/// assert_eq!((pr.precision, pr.recall), (0.75, 0.5));
/// assert!((pr.f1() - 0.6).abs() < 1e-12);
/// assert_eq!(PrecisionRecall::from_counts(0, 0, 0).f1(), 0.0);
/// ```
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize)]
pub struct PrecisionRecall {
    pub precision: f64,
    pub recall: f64,
}

impl PrecisionRecall {
    /// TP / (TP + FP) and TP / (TP + FN), each 0 when its denominator is.
    pub fn from_counts(
        true_positives: usize,
        false_positives: usize,
        false_negatives: usize,
    ) -> PrecisionRecall {
        PrecisionRecall {
            precision: ratio(true_positives, true_positives + false_positives),
            recall: ratio(true_positives, true_positives + false_negatives),
        }
    }

    /// The harmonic mean of precision and recall; 0 when both are 0.
    pub fn f1(&self) -> f64 {
        let (p, r) = (self.precision, self.recall);
        if p + r == 0.0 {
            0.0
        } else {
            2.0 * p * r / (p + r)
        }
    }
}

fn ratio(num: usize, den: usize) -> f64 {
    if den == 0 {
        0.0
    } else {
        num as f64 / den as f64
    }
}

/// Records passed and events matched within one slice of a suite (one record category).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct CategoryScore {
    pub records: Tally,
    pub events: EventScore,
}

/// An active record whose expectation is missing or unreadable: counted apart, neither passed nor failed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct UnusableRecord {
    pub id: String,
    pub category: String,
    pub line: usize,
    /// What is wrong with the expectation ([`Expected::unusable`](crate::suite::Expected::unusable)).
    pub reason: String,
}

/// The result of running a coder over a suite. `Display` prints a summary with a table by record category and
/// one by code root; the alternate form (`{:#}`) adds every failure, grouped by category; `Serialize` gives the
/// same as JSON.
///
/// Every record of the suite is in exactly one of `records` (scored), `unscored` and `unusable`.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct SuiteReport {
    pub suite: String,
    /// Scored records.
    pub records: Tally,
    /// Records read but not scored by design (inactive, options, skip-checks, control).
    pub unscored: usize,
    /// Active records without a usable expectation, in suite order.
    pub unusable: Vec<UnusableRecord>,
    /// By [`Expected::kind`](crate::suite::Expected::kind): `events`, `none`, `discard`, `complex`, `error`.
    pub by_expected: BTreeMap<&'static str, Tally>,
    /// By record category (the suite's own categories: PETRARCH `category`, TABARI id prefix).
    pub by_category: BTreeMap<String, CategoryScore>,
    /// Events by the root of their code (first two digits: the CAMEO cue category, `01`–`20`): true positives
    /// and misses by the expected code, false positives by the coded one. Codes that do not start with two
    /// digits fall under `other`.
    pub by_code_root: BTreeMap<String, EventScore>,
    pub events: EventScore,
    /// How many unmatched events of each kind.
    pub mismatches: BTreeMap<MismatchKind, usize>,
    /// Failed records in suite order.
    pub failures: Vec<RecordFailure>,
}

impl SuiteReport {
    /// Failures grouped by record category (categories in name order, records in suite order).
    pub fn failures_by_category(&self) -> BTreeMap<&str, Vec<&RecordFailure>> {
        let mut grouped: BTreeMap<&str, Vec<&RecordFailure>> = BTreeMap::new();
        for failure in &self.failures {
            grouped.entry(&failure.category).or_default().push(failure);
        }
        grouped
    }
}

/// Where [`SuiteReport::by_code_root`] files codes that do not start with two digits.
pub const OTHER_ROOT: &str = "other";

/// The root of an event code: its first two digits (`0871` → `08`), or [`OTHER_ROOT`].
///
/// ```
/// use dyad_eval::validation::code_root;
/// assert_eq!(code_root("0871"), "08");
/// assert_eq!(code_root("190"), "19");
/// assert_eq!(code_root("~MOS"), "other");
/// ```
pub fn code_root(code: &str) -> &str {
    match code.as_bytes() {
        [a, b, ..] if a.is_ascii_digit() && b.is_ascii_digit() => &code[..2],
        _ => OTHER_ROOT,
    }
}

/// Run `coder` over every scored record of `suite` and score it.
///
/// A record passes as PETRARCH-1's and TABARI's validators judge it: the coded events equal the expected ones
/// as a multiset (every expected event coded, nothing extra); a no-event record passes when nothing is coded.
/// Event precision and recall count the same matches (UD-PETRARCH's validator reports these counts only, as
/// "correct", "uncoded" and "extra" per category).
pub fn run_suite(suite: &Suite, coder: &dyn Fn(&SuiteRecord) -> Vec<CodedTriple>) -> SuiteReport {
    let mut report = SuiteReport {
        suite: suite.name.clone(),
        ..SuiteReport::default()
    };
    for record in &suite.records {
        if !record.is_scored() {
            match record.expected.unusable().filter(|_| record.active) {
                Some(reason) => report.unusable.push(UnusableRecord {
                    id: record.id.clone(),
                    category: record.category.clone(),
                    line: record.line,
                    reason,
                }),
                None => report.unscored += 1,
            }
            continue;
        }
        let coded: Vec<CodedTriple> = coder(record)
            .iter()
            .map(|t| CodedTriple::new(&t.source, &t.target, &t.code))
            .collect();
        let expected = record.expected.events();
        let outcome = compare(expected, &coded);
        // A no-event record passes exactly when nothing is coded; `compare` gives that too, since its
        // expected list is empty.
        let passed = outcome.mismatches.is_empty();
        let score = EventScore {
            true_positives: outcome.matched.len(),
            false_positives: coded.len() - outcome.matched.len(),
            false_negatives: expected.len() - outcome.matched.len(),
        };
        report.records.add(passed);
        report
            .by_expected
            .entry(record.expected.kind())
            .or_default()
            .add(passed);
        let category = report
            .by_category
            .entry(record.category.clone())
            .or_default();
        category.records.add(passed);
        category.events.add(score);
        report.events.add(score);
        let roots = &mut report.by_code_root;
        for m in &outcome.matched {
            root_entry(roots, &m.code).true_positives += 1;
        }
        for m in &outcome.mismatches {
            if let Some(e) = &m.expected {
                root_entry(roots, &e.code).false_negatives += 1;
            }
            if let Some(c) = &m.coded {
                root_entry(roots, &c.code).false_positives += 1;
            }
        }
        for m in &outcome.mismatches {
            *report.mismatches.entry(m.kind).or_default() += 1;
        }
        if !passed {
            report.failures.push(RecordFailure {
                id: record.id.clone(),
                category: record.category.clone(),
                expected_kind: record.expected.kind(),
                line: record.line,
                text: record.text.clone(),
                expected: expected.to_vec(),
                coded,
                mismatches: outcome.mismatches,
            });
        }
    }
    report
}

fn root_entry<'m>(roots: &'m mut BTreeMap<String, EventScore>, code: &str) -> &'m mut EventScore {
    roots.entry(code_root(code).to_string()).or_default()
}

/// The matched events and the unmatched ones of one record.
struct Comparison<'a> {
    matched: Vec<&'a CodedTriple>,
    mismatches: Vec<Mismatch>,
}

/// Whether an unmatched expected and coded event belong together.
type PairRule = fn(&CodedTriple, &CodedTriple) -> bool;

/// Multiset comparison, then pairing of leftovers: same source and target → wrong code; same code → wrong
/// actor; the rest missed or spurious.
fn compare<'a>(expected: &'a [CodedTriple], coded: &[CodedTriple]) -> Comparison<'a> {
    let mut left_expected: Vec<&CodedTriple> = expected.iter().collect();
    let mut left_coded: Vec<&CodedTriple> = Vec::new();
    let mut matched = Vec::new();
    for c in coded {
        match left_expected.iter().position(|e| *e == c) {
            Some(i) => matched.push(left_expected.remove(i)),
            None => left_coded.push(c),
        }
    }
    let mut mismatches = Vec::new();
    let pairings: [(MismatchKind, PairRule); 2] = [
        (MismatchKind::WrongCode, |e, c| {
            e.source == c.source && e.target == c.target
        }),
        (MismatchKind::WrongActor, |e, c| e.code == c.code),
    ];
    for (kind, pairs) in pairings {
        left_expected.retain(|e| match left_coded.iter().position(|c| pairs(e, c)) {
            Some(i) => {
                let c = left_coded.remove(i);
                mismatches.push(Mismatch {
                    kind,
                    expected: Some((*e).clone()),
                    coded: Some(c.clone()),
                });
                false
            }
            None => true,
        });
    }
    mismatches.extend(left_expected.into_iter().map(|e| Mismatch {
        kind: MismatchKind::MissedEvent,
        expected: Some(e.clone()),
        coded: None,
    }));
    mismatches.extend(left_coded.into_iter().map(|c| Mismatch {
        kind: MismatchKind::SpuriousEvent,
        expected: None,
        coded: Some(c.clone()),
    }));
    Comparison {
        matched,
        mismatches,
    }
}

/// `0.953`, or `-` when the share has no denominator.
fn share(num: usize, den: usize) -> String {
    if den == 0 {
        "-".to_string()
    } else {
        format!("{:.3}", num as f64 / den as f64)
    }
}

/// `TP FP FN precision recall` columns of a table row.
fn event_columns(e: &EventScore) -> String {
    let (tp, fp, fn_) = (e.true_positives, e.false_positives, e.false_negatives);
    format!(
        "{tp:>5} {fp:>5} {fn_:>5}  {:>9} {:>6}",
        share(tp, tp + fp),
        share(tp, tp + fn_)
    )
}

impl fmt::Display for SuiteReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(
            f,
            "suite {}: {}/{} records passed ({:.1}%), {} not scored, {} without a usable expectation",
            self.suite,
            self.records.passed,
            self.records.total,
            100.0 * self.records.rate(),
            self.unscored,
            self.unusable.len()
        )?;
        writeln!(
            f,
            "events: precision {:.3}  recall {:.3}  F1 {:.3}  (TP {}, FP {}, FN {})",
            self.events.precision(),
            self.events.recall(),
            self.events.f1(),
            self.events.true_positives,
            self.events.false_positives,
            self.events.false_negatives
        )?;
        let by_expected: Vec<String> = self
            .by_expected
            .iter()
            .map(|(k, t)| format!("{k} {}/{}", t.passed, t.total))
            .collect();
        writeln!(f, "by expectation: {}", by_expected.join(", "))?;
        if !self.mismatches.is_empty() {
            let kinds: Vec<String> = self
                .mismatches
                .iter()
                .map(|(k, n)| format!("{} {n}", k.name()))
                .collect();
            writeln!(f, "mismatches: {}", kinds.join(", "))?;
        }
        for u in &self.unusable {
            writeln!(
                f,
                "counted apart: {} (line {}, {}): {}",
                u.id, u.line, u.category, u.reason
            )?;
        }
        writeln!(
            f,
            "by category:  passed/total  rate     TP    FP    FN  precision recall"
        )?;
        for (category, c) in &self.by_category {
            writeln!(
                f,
                "  {category:<12} {:>4}/{:<4}  {:>5}  {}",
                c.records.passed,
                c.records.total,
                share(c.records.passed, c.records.total),
                event_columns(&c.events)
            )?;
        }
        writeln!(
            f,
            "by code root:                        TP    FP    FN  precision recall"
        )?;
        for (root, e) in &self.by_code_root {
            writeln!(f, "  {root:<33} {}", event_columns(e))?;
        }
        if f.alternate() {
            for (category, failures) in self.failures_by_category() {
                writeln!(f, "failures in {category}:")?;
                for failure in failures {
                    writeln!(
                        f,
                        "  {} (line {}, expects {}): {}",
                        failure.id, failure.line, failure.expected_kind, failure.text
                    )?;
                    for m in &failure.mismatches {
                        let show = |t: &Option<CodedTriple>| {
                            t.as_ref().map_or("-".to_string(), ToString::to_string)
                        };
                        writeln!(
                            f,
                            "    {:<15} expected {:<24} coded {}",
                            m.kind.name(),
                            show(&m.expected),
                            show(&m.coded)
                        )?;
                    }
                }
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn t(s: &str, d: &str, c: &str) -> CodedTriple {
        CodedTriple::new(s, d, c)
    }

    #[test]
    fn multiset_match_counts_duplicates() {
        let expected = [t("A", "B", "010"), t("A", "B", "010")];
        assert!(
            compare(&expected, &[t("A", "B", "010"), t("A", "B", "010")])
                .mismatches
                .is_empty()
        );
        let once = compare(&expected, &[t("A", "B", "010")]);
        assert_eq!(once.matched.len(), 1);
        assert_eq!(once.mismatches[0].kind, MismatchKind::MissedEvent);
    }

    #[test]
    fn leftovers_pair_by_kind() {
        let expected = [t("A", "B", "010"), t("C", "D", "020"), t("E", "F", "030")];
        let coded = [t("A", "B", "011"), t("X", "D", "020"), t("G", "H", "190")];
        let kinds: Vec<MismatchKind> = compare(&expected, &coded)
            .mismatches
            .iter()
            .map(|m| m.kind)
            .collect();
        assert_eq!(
            kinds,
            [
                MismatchKind::WrongCode,
                MismatchKind::WrongActor,
                MismatchKind::MissedEvent,
                MismatchKind::SpuriousEvent
            ]
        );
    }

    #[test]
    fn empty_scores_are_zero_not_nan() {
        let s = EventScore::default();
        assert_eq!((s.precision(), s.recall(), s.f1()), (0.0, 0.0, 0.0));
    }
}
