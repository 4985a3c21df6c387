//! Processing limits a document ran into: each stage that bounds its work (DOM depth, sentence length, tokens per
//! sentence, events of a run-on, the sentence text an event carries, place mentions resolved) notes it here, so
//! the caller can warn with the file and record. Limits keep time and output linear in the input; hitting one is
//! never an error.

/// A named processing limit. Each is a setting with a documented default in the stage that applies it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Limit {
    /// HTML nested deeper than the DOM depth cap: deeper tags were flattened.
    DomDepth,
    /// An HTML element with more attributes than the cap: the rest were dropped.
    DomAttributes,
    /// HTML formatting elements reopened more often than the cap (mis-nested markup).
    DomReopenedFormatting,
    /// A run of text with no sentence end longer than the sentence byte cap: it was cut.
    SentenceBytes,
    /// A sentence with more tokens than the coder reads: the rest was not coded.
    SentenceTokens,
    /// A sentence cut by the byte cap (a run-on) gave more events than kept for one.
    RunOnEvents,
    /// An event's sentence was longer than the text an event record carries: a window was written.
    SentenceText,
    /// A document named more places than the places stage resolves: the rest were left unresolved.
    PlaceMentions,
    /// HTML extraction was less sure than `--min-confidence` that it found one article: the document was not coded.
    LowConfidence,
}

impl Limit {
    /// What happened, for a warning line.
    pub fn describe(self) -> &'static str {
        match self {
            Limit::DomDepth => "HTML nested deeper than the depth cap; deeper tags flattened",
            Limit::DomAttributes => {
                "an HTML element with more attributes than the cap; the rest dropped"
            }
            Limit::DomReopenedFormatting => {
                "mis-nested HTML formatting tags beyond the cap; not reopened"
            }
            Limit::SentenceBytes => {
                "text with no sentence end beyond the sentence byte cap; cut into pieces"
            }
            Limit::SentenceTokens => {
                "a sentence longer than the coder's token cap; the rest not coded"
            }
            Limit::RunOnEvents => {
                "a run-on sentence (cut by the byte cap) gave more events than kept for one"
            }
            Limit::SentenceText => {
                "an event's sentence longer than --max-sentence-text; a window written"
            }
            Limit::PlaceMentions => {
                "more place mentions than the places stage resolves; the rest left unresolved"
            }
            Limit::LowConfidence => {
                "extraction confidence under --min-confidence (a listing or hub page?); not coded"
            }
        }
    }
}

/// A limit and how often a document hit it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct LimitHit {
    pub limit: Limit,
    pub times: u32,
}

/// The limits one document hit, in the order first hit.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct LimitsHit {
    hits: Vec<LimitHit>,
}

impl LimitsHit {
    /// Counts one more hit of `limit`.
    pub fn note(&mut self, limit: Limit) {
        self.note_times(limit, 1);
    }

    /// Counts `times` more hits of `limit` (nothing when `times` is 0).
    pub fn note_times(&mut self, limit: Limit, times: u32) {
        if times == 0 {
            return;
        }
        match self.hits.iter_mut().find(|h| h.limit == limit) {
            Some(h) => h.times = h.times.saturating_add(times),
            None => self.hits.push(LimitHit { limit, times }),
        }
    }

    pub fn is_empty(&self) -> bool {
        self.hits.is_empty()
    }

    pub fn iter(&self) -> impl Iterator<Item = &LimitHit> {
        self.hits.iter()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hits_are_counted_per_limit_in_first_hit_order() {
        let mut l = LimitsHit::default();
        l.note(Limit::SentenceBytes);
        l.note_times(Limit::DomDepth, 0);
        l.note(Limit::SentenceText);
        l.note_times(Limit::SentenceBytes, 2);
        let hits: Vec<(Limit, u32)> = l.iter().map(|h| (h.limit, h.times)).collect();
        assert_eq!(hits, [(Limit::SentenceBytes, 3), (Limit::SentenceText, 1)]);
    }
}
