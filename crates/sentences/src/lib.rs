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

use dyad_model::{Document, Part, Sentence};

pub use lexicon::MAX_SENTENCE_BYTES;
pub use splitter::{SentenceSplitter, Sentences, MIN_SENTENCE_LIMIT_BYTES};

impl SentenceSplitter {
    /// Replaces `doc.sentences` with the sentences of its headline and of each body paragraph, in text order.
    /// A document without paragraphs has its whole body split as one paragraph.
    pub fn split_document(&self, doc: &mut Document) {
        let mut sentences = Vec::new();
        if let Some(title) = doc.title {
            let text = title.slice(&doc.text);
            sentences.extend(
                self.split_text(text, title.start as usize)
                    .map(|span| Sentence {
                        span,
                        part: Part::Headline,
                    }),
            );
        }
        let body_paragraphs = if doc.paragraphs.is_empty() {
            std::slice::from_ref(&doc.body)
        } else {
            &doc.paragraphs[..]
        };
        for paragraph in body_paragraphs {
            let text = paragraph.slice(&doc.text);
            sentences.extend(self.split_text(text, paragraph.start as usize).map(|span| {
                Sentence {
                    span,
                    part: Part::Body,
                }
            }));
        }
        doc.sentences = sentences;
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
