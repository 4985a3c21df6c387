//! Quotes and attribution: who says what in a document, and which of its statements are claims.
//!
//! [`QuoteFinder`] reads a [`Document`]'s sentences and returns an [`Attribution`] for each direct quote
//! (`“…,” Lavrov said.`, `X told Reuters: “…”`, a quote paragraph carried over from the previous speaker), each
//! reported claim (`X said (that) …`, `…, the ministry said.`, `X was quoted as saying …`, `X denied …`) and each
//! `according to X`. Every part is a [`Span`] into the document text: the speaker's phrase, the cue (the verb or
//! `according to`), the content (what is asserted) and the outlet a source spoke to (`told Reuters`).
//! [`claim_of`] then says whether an event's verb lies inside some attribution's content, and whose.
//!
//! The finder is rule-based and table-driven: every word list is in [`lexicon`]. A sentence is first scanned once
//! by an Aho-Corasick automaton for quote marks and cue stems; only sentences with a hit (half of Reuters) are
//! tokenised, and table lookups happen only near cues: under a microsecond per sentence on one core (the
//! `quotes_speed` example). A caller that needs only the claims of some sentences (the pipeline: its events')
//! stops after the last of them with [`attributions_through`]; in the pipeline on Reuters-21578 the stage then
//! costs about 5% of the time cleaning and coding take (7% reading whole stories). It runs in time linear in the
//! text (every look-around is bounded by a table constant), never panics and never prints. It does not resolve
//! pronouns or code speakers as actors: a pronoun speaker is marked [`SpeakerKind::Pronoun`] with the nearest
//! earlier named speaker as a hint, and the caller maps speaker spans to actor codes with its dictionaries.
//!
//! ```
//! use dyad_model::{Document, Part, Sentence, Span};
//! let text = "“We will not leave,” Lavrov told Reuters.";
//! let doc = Document {
//!     text: text.into(),
//!     sentences: vec![Sentence { span: Span::new(0, text.len()), part: Part::Body }],
//!     ..Document::default()
//! };
//! let found = dyad_quotes::attributions(&doc);
//! assert_eq!(doc.slice(found[0].speaker), "Lavrov");
//! assert_eq!(doc.slice(found[0].content), "We will not leave");
//! assert_eq!(found[0].outlet.map(|o| doc.slice(o)), Some("Reuters"));
//! ```

mod finder;
pub mod lexicon;
mod tokens;

use std::sync::OnceLock;

use dyad_model::{Document, Span};
use serde::Serialize;

pub use finder::QuoteFinder;

/// What kind of attribution.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum AttributionKind {
    /// Words in quote marks, attributed to a speaker.
    DirectQuote,
    /// Reported speech or a claim: `X said (that) …`, `…, X said.`, `X denied …`.
    IndirectQuote,
    /// `according to X, …` / `…, according to X`.
    According,
}

/// What the speaker's phrase is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum SpeakerKind {
    /// Headed by a name: `Russian Foreign Minister Sergei Lavrov`, `Jordan`, `Israel and Jordan`.
    Named,
    /// A description: `the ministry`, `a Jordanian official`, `state media`, `officials`.
    Description,
    /// `he`, `she`, `they`, `it`, `we`: the caller resolves it (see [`Attribution::antecedent`]).
    Pronoun,
}

/// One quote or claim and who makes it. Every span is on character boundaries of the document text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Attribution {
    pub kind: AttributionKind,
    /// The speaker's noun phrase (for a carried-over quote, the earlier attribution's speaker).
    pub speaker: Span,
    pub speaker_kind: SpeakerKind,
    /// For a pronoun speaker: the nearest earlier non-pronoun speaker in the document, as a resolution hint.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub antecedent: Option<Span>,
    /// The reporting verb (`said`, `told`, `was quoted` → `quoted`) or `according to`.
    pub cue: Span,
    /// The cue's lemma from [`lexicon::CUE_VERBS`]: `say`, `tell`, `deny`, `quote`, `according to`, …
    pub cue_lemma: &'static str,
    /// What is asserted: the quoted words without their marks, or the reported clause.
    pub content: Span,
    /// The outlet the speaker spoke to or was quoted by (`Reuters` in `told Reuters`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub outlet: Option<Span>,
    /// Index (into `Document::sentences`) of the sentence where the content starts.
    pub sentence: u32,
    /// Index of the sentence holding the cue (differs for quotes over several sentences and carried-over quotes).
    pub cue_sentence: u32,
    /// A quote paragraph with no attribution of its own, given the previous attribution's speaker.
    pub carried_over: bool,
}

/// The attributions of `doc`, found with the default [`QuoteFinder`] (built once per process).
pub fn attributions(doc: &Document) -> Vec<Attribution> {
    default_finder().find_in_document(doc)
}

/// The attributions of `doc` that can hold a verb of sentences `..=last`, found with the default [`QuoteFinder`]:
/// the same ones, in the same order, as [`attributions`] gives for those sentences, without reading the rest of
/// the document (see [`QuoteFinder::find_through`]).
pub fn attributions_through(doc: &Document, last: usize) -> Vec<Attribution> {
    default_finder().find_through(&doc.text, &doc.sentences, last)
}

/// The default finder, built once per process.
pub fn default_finder() -> &'static QuoteFinder {
    static DEFAULT: OnceLock<QuoteFinder> = OnceLock::new();
    DEFAULT.get_or_init(QuoteFinder::new)
}

/// The attribution whose content holds `verb` (an event's verb span), if any: the innermost one when claims nest
/// (`X said Y claimed …` gives Y's). `None` means the text asserts it in the reporter's own voice.
///
/// ```
/// use dyad_model::Span;
/// use dyad_quotes::claim_of;
/// assert!(claim_of(&[], Span::new(3, 8)).is_none());
/// ```
pub fn claim_of(attributions: &[Attribution], verb: Span) -> Option<&Attribution> {
    attributions
        .iter()
        .filter(|a| !verb.is_empty() && a.content.contains(verb))
        .min_by_key(|a| (a.content.len(), std::cmp::Reverse(a.content.start)))
}

/// Fuzzing entry point: reads `data` as text (lossily decoded) and runs the default finder twice, once over
/// sentences cut at `.`, `!`, `?` and newlines, once over arbitrary spans built from the data's own bytes (out of
/// range, inverted, inside characters). Panics only if an invariant breaks: every returned span must lie inside
/// the text on character boundaries, and every sentence index inside the sentence list.
pub fn fuzz_attributions(data: &[u8]) {
    use dyad_model::{Part, Sentence};
    let text = String::from_utf8_lossy(data);
    let mut cut = Vec::new();
    let mut start = 0;
    for (i, c) in text.char_indices() {
        if matches!(c, '.' | '!' | '?' | '\n') {
            cut.push(Sentence {
                span: Span::new(start, i + c.len_utf8()),
                part: Part::Body,
            });
            start = i + c.len_utf8();
        }
    }
    cut.push(Sentence {
        span: Span::new(start, text.len()),
        part: Part::Body,
    });
    let arbitrary: Vec<Sentence> = data
        .chunks_exact(3)
        .take(64)
        .map(|c| Sentence {
            span: Span {
                start: u32::from(c[0]) * 2,
                end: u32::from(c[1]) * 2,
            },
            part: if c[2] & 1 == 0 {
                Part::Body
            } else {
                Part::Headline
            },
        })
        .collect();
    for sentences in [cut, arbitrary] {
        for a in default_finder().find(&text, &sentences) {
            for span in [
                Some(a.speaker),
                Some(a.cue),
                Some(a.content),
                a.outlet,
                a.antecedent,
            ]
            .into_iter()
            .flatten()
            {
                assert!(text.get(span.range()).is_some(), "span off the text: {a:?}");
            }
            assert!(
                (a.sentence as usize) < sentences.len(),
                "sentence out of range: {a:?}"
            );
        }
    }
}
