//! Which way a bare weekday or a year-less date points: news reports the past, so a date is read backwards from
//! publication unless a future marker ("will", "is to", "scheduled") stands near it in the same clause. A reporting
//! verb right before the date ("said on Monday he will …") keeps it in the past whatever follows.

use crate::lexicon::{
    is_one_of, BE_PRESENT, CLAUSE_PUNCT, CLAUSE_WORDS, FUTURE_AFTER_BE, FUTURE_MARKERS,
    PAST_MARKERS, REPORTING_VERBS, TENSE_WINDOW,
};
use crate::recognise::Grammar;
use crate::resolve::Tense;

/// Suffix of regular past tenses ("attacked on Tuesday").
const PAST_SUFFIX: &str = "ed";

/// Shortest word read as a regular past tense by its suffix ("fled" is not, "bombed" is).
const MIN_PAST_LEN: usize = 5;

/// The tense of the mention spanning tokens `first..=last`.
pub(crate) fn tense_of(g: &Grammar<'_>, first: usize, last: usize) -> Tense {
    let prev = first.checked_sub(1);
    if let Some(prev) = prev {
        if is_future(g, prev) {
            return Tense::Future;
        }
        // "said on Monday he will …": the report's own date, whatever the clause after says.
        if g.word_in(prev, REPORTING_VERBS) {
            return Tense::Past;
        }
    }
    for k in (first.saturating_sub(TENSE_WINDOW)..first).rev() {
        if ends_clause(g, k) || g.punct(k) == Some(b',') {
            break;
        }
        if is_future(g, k) {
            return Tense::Future;
        }
    }
    // A past verb right before the date ("attacked on Tuesday", "met on Friday"), once no future marker stands
    // before it ("is scheduled to be released on Friday").
    if let Some(w) = prev.and_then(|p| g.word(p)) {
        let regular_past = w.len() >= MIN_PAST_LEN
            && w.get(w.len() - PAST_SUFFIX.len()..)
                .is_some_and(|s| s.eq_ignore_ascii_case(PAST_SUFFIX));
        if regular_past || is_one_of(w, PAST_MARKERS) {
            return Tense::Past;
        }
    }
    // A date opening the sentence ("On Tuesday, the council will vote", "After July 1, dividends will be …")
    // reads across its comma.
    let mut comma_allowed = first <= 1;
    for k in last + 1..(last + 1 + TENSE_WINDOW).min(g.toks.len()) {
        if g.punct(k) == Some(b',') {
            if comma_allowed {
                comma_allowed = false;
                continue;
            }
            break;
        }
        if ends_clause(g, k) {
            break;
        }
        if is_future(g, k) {
            return Tense::Future;
        }
    }
    Tense::Past
}

/// Whether token `k` marks the future.
fn is_future(g: &Grammar<'_>, k: usize) -> bool {
    g.word_in(k, FUTURE_MARKERS)
        || (g.word_in(k, FUTURE_AFTER_BE) && k > 0 && g.word_in(k - 1, BE_PRESENT))
}

/// Whether token `k` ends a clause (for the tense window and the event-date choice).
pub(crate) fn ends_clause(g: &Grammar<'_>, k: usize) -> bool {
    g.punct(k).is_some_and(|c| CLAUSE_PUNCT.contains(&c)) || g.word_in(k, CLAUSE_WORDS)
}
