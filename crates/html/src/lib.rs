//! Main-content extraction from HTML news pages: article text blocks and page metadata, boilerplate removed.
//!
//! The output is an [`Extracted`] page: headline, ordered text blocks (each with the byte offset of its source
//! element in the raw HTML), and metadata found in the page. `dyad-clean` turns it into a `Document`.
//!
//! Pipeline: an HTML5 parse (html5ever) into a compact arena ([`dom`]), metadata from JSON-LD, `<meta>` and the
//! document ([`metadata`]), then the article found by scoring containers and cut into blocks ([`content`]). The
//! heuristics' word lists and thresholds are data in [`hints`]. Extraction never fails and never panics: a page
//! with no article yields no blocks.
//!
//! ```
//! let page = dyad_html::extract(
//!     "<html lang=en><head><title>Talks resume | Daily</title></head><body><nav><a href=/>Home</a></nav>\
//!      <article><h1>Talks resume</h1><p>Negotiators from both sides met in Geneva on Monday, officials said, \
//!      and agreed to meet again next week.</p></article></body></html>",
//! );
//! assert_eq!(page.title.as_deref(), Some("Talks resume"));
//! assert_eq!(page.blocks.len(), 1);
//! assert_eq!(page.metadata.language.as_deref(), Some("en"));
//! ```

mod content;
pub mod dom;
pub mod hints;
mod metadata;

pub use metadata::normalise_date;

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
    /// Byte offset of the block's element in the raw HTML: the start of the source line its text began on
    /// (html5ever reports lines, not bytes).
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

impl Extracted {
    /// The body text: every block except captions, joined by newlines.
    pub fn body_text(&self) -> String {
        let mut out = String::new();
        for b in self.blocks.iter().filter(|b| b.kind != BlockKind::Caption) {
            if !out.is_empty() {
                out.push('\n');
            }
            out.push_str(&b.text);
        }
        out
    }
}

/// Extract the article and metadata from an HTML page (already decoded to UTF-8).
pub fn extract(html: &str) -> Extracted {
    let dom = dom::Dom::parse(html);
    let meta = metadata::page_metadata(&dom);
    let lines = dom::LineIndex::new(html);
    let raw_blocks = content::article_blocks(&dom, meta.title.as_deref(), &meta.authors);
    let mut captions = Vec::new();
    let blocks: Vec<TextBlock> = raw_blocks
        .into_iter()
        .map(|(kind, text, line)| {
            if kind == BlockKind::Caption {
                captions.push(text.clone());
            }
            TextBlock {
                kind,
                text,
                raw_offset: lines.offset(line),
            }
        })
        .collect();
    Extracted {
        title: meta.title,
        blocks,
        metadata: Metadata {
            date: meta.date,
            outlet: meta.site_name,
            byline: meta.authors,
            captions,
            language: meta.language,
            ..Metadata::default()
        },
        url: meta.canonical,
    }
}
