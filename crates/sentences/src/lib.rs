//! Splits a Document's headline and body into sentences as byte spans, surviving news abbreviations.
//!
//! [`SentenceSplitter`] is rule-based and table-driven (see [`lexicon`]); [`split`] fills
//! [`Document::sentences`] for the headline ([`Part::Headline`]) and each body paragraph ([`Part::Body`]).
//! Sentences never cross paragraph boundaries, never end inside a token (CJK full stops aside), and are trimmed of
//! surrounding whitespace, and never longer than [`MAX_SENTENCE_BYTES`]: run-on text is cut at its best clause
//! boundary, so text of any shape splits in linear time.
//! This crate never does I/O and never changes the document text.

pub mod lexicon;
mod splitter;

use std::sync::OnceLock;

use dyad_model::{Document, Limit, Part, Sentence};

pub use lexicon::MAX_SENTENCE_BYTES;
pub use splitter::{SentenceSplitter, Sentences, MIN_SENTENCE_LIMIT_BYTES};

impl SentenceSplitter {
    /// Replaces `doc.sentences` with the sentences of its headline and of each body paragraph, in text order.
    /// A document without paragraphs has its whole body split as one paragraph. Each sentence the length limit
    /// cut is noted in `doc.limits` as [`Limit::SentenceBytes`].
    pub fn split_document(&self, doc: &mut Document) {
        let mut sentences = Vec::new();
        let mut forced_cuts = 0usize;
        let mut split_part = |text: &str, start: u32, part: Part| {
            let mut spans = self.split_text(text, start as usize);
            sentences.extend(spans.by_ref().map(|span| Sentence { span, part }));
            forced_cuts += spans.forced_cuts();
        };
        if let Some(title) = doc.title {
            split_part(title.slice(&doc.text), title.start, Part::Headline);
        }
        let body_paragraphs = if doc.paragraphs.is_empty() {
            std::slice::from_ref(&doc.body)
        } else {
            &doc.paragraphs[..]
        };
        for paragraph in body_paragraphs {
            split_part(paragraph.slice(&doc.text), paragraph.start, Part::Body);
        }
        doc.sentences = sentences;
        doc.limits.note_times(
            Limit::SentenceBytes,
            u32::try_from(forced_cuts).unwrap_or(u32::MAX),
        );
    }
}

/// Splits `doc` with the default [`SentenceSplitter`], built once per process.
///
/// ```
/// use dyad_model::{Document, Part, Span};
/// let mut doc = Document {
///     text: "Talks end\n\nThe U.S. envoy left. Talks ended.".into(),
///     title: Some(Span::new(0, 9)),
///     body: Span::new(11, 44),
///     paragraphs: vec![Span::new(11, 44)],
///     ..Document::default()
/// };
/// dyad_sentences::split(&mut doc);
/// let found: Vec<(&str, Part)> = doc.sentences.iter().map(|s| (doc.slice(s.span), s.part)).collect();
/// assert_eq!(
///     found,
///     [("Talks end", Part::Headline), ("The U.S. envoy left.", Part::Body), ("Talks ended.", Part::Body)]
/// );
/// ```
pub fn split(doc: &mut Document) {
    static DEFAULT: OnceLock<SentenceSplitter> = OnceLock::new();
    DEFAULT
        .get_or_init(SentenceSplitter::new)
        .split_document(doc);
}
