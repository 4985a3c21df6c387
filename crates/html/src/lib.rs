//! Main-content extraction from HTML news pages: article text blocks and page metadata, boilerplate removed.
//!
//! The output is an [`Extracted`] page: headline, ordered text blocks (each with the byte offset of its source
//! element in the raw HTML), and metadata found in the page. `dyad-clean` turns it into a `Document`.

use dyad_model::Metadata;

/// What a text block is, as far as the page's markup tells.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BlockKind {
    Paragraph,
    Heading,
    ListItem,
    Quote,
    Caption,
    Table,
    Preformatted,
}

/// One block of article text, whitespace-normalised.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TextBlock {
    pub kind: BlockKind,
    pub text: String,
    /// Byte offset of the block's element in the raw HTML.
    pub raw_offset: u64,
}

/// The article found in a page.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Extracted {
    pub title: Option<String>,
    pub blocks: Vec<TextBlock>,
    pub metadata: Metadata,
    /// The canonical URL, when the page declares one.
    pub url: Option<String>,
}
