//! Part-of-speech tags for the words of one sentence: Eric Brill's rule-based tagger with the English model that
//! Pattern (CLiPS) ships and TextBlob redistributes (see `model/README.md` for sources and licences).
//!
//! Three steps, as in Pattern's `find_tags`: (1) a lexicon gives each known word its most likely Penn tag (exact
//! spelling; the first word and words of an all-capitals sentence also lower-cased); (2) an unknown word is `NNP`
//! if written in title case, `CD` if made of digits and number punctuation, else `NN` refined by Brill's lexical
//! rules (suffixes, prefixes, characters, neighbours); (3) Brill's contextual rules then revise tags from the
//! neighbouring words and tags, token by token in rule order. The model is embedded (no file or network access at
//! run time) and read once into a hash map on first use.
//!
//! ```
//! use dyad_pos::{Tag, TagBuffer, tagger};
//! let mut buf = TagBuffer::default();
//! let tags = tagger().tag(&["The", "talks", "collapsed", "."], &mut buf);
//! assert_eq!(tags, &[Tag::DT, Tag::NNS, Tag::VBD, Tag::Period]);
//! ```
//!
//! Nothing here allocates per token: the caller keeps a [`TagBuffer`] and reuses it. Output is deterministic and
//! no input can make the tagger panic.

mod model;
mod tag;
pub mod treebank;

pub use model::{pattern_tagger, tagger, Tagger};
pub use tag::{Coarse, Tag};

/// Buffers the tagger reuses between sentences.
#[derive(Debug, Default, Clone)]
pub struct TagBuffer {
    /// Tags with [`model::PAD`] padding tags either side.
    padded: Vec<Tag>,
    /// Scratch space for lower-casing and affixing a word.
    scratch: String,
    /// An all-capitals sentence in lower case, and the end of each word in it.
    lower: String,
    lower_ends: Vec<usize>,
}

impl TagBuffer {
    /// The tags of the last sentence tagged.
    pub fn tags(&self) -> &[Tag] {
        let n = self.padded.len().saturating_sub(2 * model::PAD);
        self.padded.get(model::PAD..model::PAD + n).unwrap_or(&[])
    }
}
