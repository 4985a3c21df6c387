//! Scores a coder against a validation suite: records passed, event precision/recall/F1, and every failure
//! with what went wrong (missed event, wrong code, wrong actor, spurious event).
//!
//! A record passes as its suite's own tool judges it: an event record when the coded triples equal the
//! expected ones as a multiset (order ignored, duplicates counted); a no-event record (`{---}`, `{###}`,
//! `{+++}`, `noevents`, `error`) when nothing is coded. Inactive and unchecked records (options, skip-checks,
//! control records, categories outside `<Include>`) are not coded or scored. The coder is any closure, so this
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

/// The result of running a coder over a suite. `Display` prints a summary; the alternate form (`{:#}`) adds
/// every failure, grouped by category; `Serialize` gives the same as JSON.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct SuiteReport {
    pub suite: String,
    /// Scored records.
    pub records: Tally,
    /// Records read but not scored (inactive, options, skip-checks, control).
    pub unscored: usize,
    /// By [`Expected::kind`](crate::suite::Expected::kind): `events`, `none`, `discard`, `complex`, `error`, `unstated`.
    pub by_expected: BTreeMap<&'static str, Tally>,
    /// By record category.
    pub by_category: BTreeMap<String, Tally>,
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

/// Run `coder` over every scored record of `suite` and score it.
pub fn run_suite(suite: &Suite, coder: &dyn Fn(&SuiteRecord) -> Vec<CodedTriple>) -> SuiteReport {
    let mut report = SuiteReport {
        suite: suite.name.clone(),
        ..SuiteReport::default()
    };
    for record in &suite.records {
        if !record.is_scored() {
            report.unscored += 1;
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
        report.records.add(passed);
        report
            .by_expected
            .entry(record.expected.kind())
            .or_default()
            .add(passed);
        report
            .by_category
            .entry(record.category.clone())
            .or_default()
            .add(passed);
        report.events.true_positives += outcome.matched;
        report.events.false_positives += coded.len() - outcome.matched;
        report.events.false_negatives += expected.len() - outcome.matched;
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

/// Matched count and the unmatched events of one record.
struct Comparison {
    matched: usize,
    mismatches: Vec<Mismatch>,
}

/// Whether an unmatched expected and coded event belong together.
type PairRule = fn(&CodedTriple, &CodedTriple) -> bool;

/// Multiset comparison, then pairing of leftovers: same source and target → wrong code; same code → wrong
/// actor; the rest missed or spurious.
fn compare(expected: &[CodedTriple], coded: &[CodedTriple]) -> Comparison {
    let mut left_expected: Vec<&CodedTriple> = expected.iter().collect();
    let mut left_coded: Vec<&CodedTriple> = Vec::new();
    for c in coded {
        match left_expected.iter().position(|e| *e == c) {
            Some(i) => {
                left_expected.remove(i);
            }
            None => left_coded.push(c),
        }
    }
    let matched = coded.len() - left_coded.len();
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

impl fmt::Display for SuiteReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(
            f,
            "suite {}: {}/{} records passed ({:.1}%), {} not scored",
            self.suite,
            self.records.passed,
            self.records.total,
            100.0 * self.records.rate(),
            self.unscored
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
        writeln!(f, "by category:")?;
        for (category, t) in &self.by_category {
            writeln!(f, "  {category:<12} {:>4}/{:<4}", t.passed, t.total)?;
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
        assert_eq!(once.matched, 1);
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
