//! Main-content extraction from HTML news pages: article text blocks and page metadata, boilerplate removed.
//!
//! The output is an [`Extracted`] page: headline, ordered text blocks (each with the byte offset of its source
//! element in the raw HTML), and metadata found in the page. `dyad-clean` turns it into a `Document`.
//!
//! Pipeline: an HTML5 parse (html5ever) into a compact arena ([`dom`]), metadata from JSON-LD, `<meta>` and the
//! document ([`metadata`]), then the article found by scoring containers and cut into blocks ([`content`]). The
//! heuristics' word lists and thresholds are data in [`hints`] (the main thresholds also as a runtime [`Tuning`]).
//! The page's JSON-LD `articleBody` and `wordCount` are evidence: they confirm or question the extraction, and a
//! full-length `articleBody` replaces an extraction that covers little of it. Every page gets a confidence in
//! `metadata.extraction` (in [0, 1], with its reasons), low for listing pages, teaser lists and truncated
//! articles. Extraction never fails and never panics: a page with no article yields no blocks.
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

mod confidence;
mod content;
pub mod dom;
pub mod hints;
mod metadata;
pub mod tokenizer;
pub mod tuning;

pub use dom::ParseLimits;
pub use hints::{MAX_ATTRIBUTES, MAX_DOM_DEPTH, MAX_REOPENED_FORMATTING};
pub use metadata::normalise_date;
pub use tuning::Tuning;

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
    /// Byte offset in the raw HTML where the block's text begins: its first word, found from the source line the
    /// parser reported (html5ever reports lines, not bytes); the start of that line (or the previous block's offset,
    /// if later) when the word is escaped in the markup or otherwise not found nearby. Never decreasing.
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

/// Extract the article and metadata from an HTML page (already decoded to UTF-8). Linear in the page, however
/// hostile: see [`extract_with_limits`] for the limits that keep it so.
pub fn extract(html: &str) -> Extracted {
    extract_with_limits(html).0
}

/// [`extract`] with other thresholds than the defaults (for benches that compare tunings; see [`tuning::grid`]).
pub fn extract_tuned(html: &str, tuning: &Tuning) -> Extracted {
    extract_tuned_with_limits(html, tuning).0
}

/// [`extract`], also telling which input limits the page hit ([`MAX_DOM_DEPTH`], [`MAX_ATTRIBUTES`],
/// [`MAX_REOPENED_FORMATTING`]): a page that hits one is hostile or badly broken, and its text may have lost some
/// structure, so the caller may warn, naming the file and record.
///
/// ```
/// let deep = "<div>".repeat(10_000) + "Officials met on Monday.";
/// let (page, limits) = dyad_html::extract_with_limits(&deep);
/// assert!(limits.depth && limits.any());
/// assert!(page.body_text().is_empty() || page.body_text().contains("Officials"));
/// ```
pub fn extract_with_limits(html: &str) -> (Extracted, ParseLimits) {
    extract_tuned_with_limits(html, &Tuning::default())
}

/// [`extract_with_limits`] with the given thresholds.
pub fn extract_tuned_with_limits(html: &str, tuning: &Tuning) -> (Extracted, ParseLimits) {
    let dom = dom::Dom::parse(html);
    let meta = metadata::page_metadata(&dom);
    let lines = dom::LineIndex::new(html);
    let article = content::article_blocks(&dom, meta.title.as_deref(), &meta.authors, tuning);
    let mut raw_blocks = article.blocks;
    let mut source = confidence::BodySource::Markup;
    let mut agreement = None;
    if let Some(json_body) = meta.json_ld_body.as_deref() {
        let mut body = String::new();
        for b in raw_blocks.iter().filter(|b| b.0 != BlockKind::Caption) {
            body.push_str(&b.1);
            body.push('\n');
        }
        let found = body.chars().filter(|c| *c != '\n').count();
        let a = confidence::compare(json_body, &body);
        agreement = Some(a);
        // A page that renders its body by script still ships it in JSON-LD: use that when the markup has less.
        // So too when the declared body is a full article (not a teaser) and the extraction covers little of it.
        if found < tuning.min_article_chars && json_body.chars().count() > found {
            source = confidence::BodySource::DeclaredNoMarkup;
        } else if tuning.declared_body_recovery && a.extraction_falls_short() {
            source = confidence::BodySource::DeclaredShortfall;
        }
        if source != confidence::BodySource::Markup {
            raw_blocks.retain(|b| b.0 == BlockKind::Caption);
            raw_blocks.extend(
                json_body
                    .lines()
                    .map(|l| l.split_whitespace().collect::<Vec<_>>().join(" "))
                    .filter(|l| !l.is_empty())
                    .map(|l| (BlockKind::Paragraph, l, 0)),
            );
        }
    }
    let mut body_chars: usize = raw_blocks
        .iter()
        .filter(|b| b.0 != BlockKind::Caption)
        .map(|b| b.1.chars().count())
        .sum();
    // A page whose body is rendered by script and not declared in JSON-LD still summarises it in its description:
    // better that summary than nothing. Only when nothing was found: a short body found in the markup is more
    // often the article's own first lines than a stray banner.
    if let Some(description) = meta.description.as_deref() {
        let chars = description.chars().count();
        if body_chars == 0
            && description.split_whitespace().count() >= hints::MIN_DESCRIPTION_BODY_WORDS
        {
            source = confidence::BodySource::Description;
            raw_blocks.retain(|b| b.0 == BlockKind::Caption);
            raw_blocks.push((BlockKind::Paragraph, description.to_owned(), 0));
            body_chars = chars;
        }
    }
    let body_words = raw_blocks
        .iter()
        .filter(|b| b.0 != BlockKind::Caption)
        .map(|b| b.1.split_whitespace().count())
        .sum();
    let quality = confidence::assess(
        &article.signals,
        confidence::BodySize {
            chars: body_chars,
            words: body_words,
            declared_words: meta.json_ld_word_count,
        },
        agreement,
        source,
        tuning.min_article_chars,
    );
    let mut captions = Vec::new();
    let mut cursor = 0usize;
    let blocks: Vec<TextBlock> = raw_blocks
        .into_iter()
        .map(|(kind, text, line)| {
            if kind == BlockKind::Caption {
                captions.push(text.clone());
            }
            // Blocks come in document order, so each is looked for after the previous one.
            let from = cursor.max(lines.offset(line) as usize);
            let raw_offset = locate_text(html, &text, from).unwrap_or(from);
            cursor = raw_offset;
            TextBlock {
                kind,
                text,
                raw_offset: raw_offset as u64,
            }
        })
        .collect();
    let page = Extracted {
        title: meta.title,
        blocks,
        metadata: Metadata {
            date: meta.date,
            outlet: meta.site_name,
            byline: meta.authors,
            captions,
            language: meta.language,
            extraction: Some(quality),
            ..Metadata::default()
        },
        url: meta.canonical,
    };
    (page, dom.limits)
}

/// How far past the parser's line a block's first word is looked for, in bytes.
const LOCATE_WINDOW: usize = 64 * 1024;

/// The byte offset of a block's first word in the raw page, searched from `from`: the part of the word before any
/// character that markup might escape (`&`, `<`, quotes) is looked up within [`LOCATE_WINDOW`].
fn locate_text(html: &str, text: &str, from: usize) -> Option<usize> {
    let word = text.split_whitespace().next()?;
    let end = word
        .find(['&', '<', '>', '"', '\'', '\u{a0}'])
        .unwrap_or(word.len());
    let needle = &word.as_bytes()[..end];
    if needle.is_empty() {
        return None;
    }
    let hay = html.as_bytes().get(from..)?;
    let hay = &hay[..hay.len().min(LOCATE_WINDOW)];
    memchr::memmem::find(hay, needle).map(|i| from + i)
}

#[cfg(test)]
mod tests {
    use super::*;

    const SUMMARY: &str =
        "Negotiators from both sides met in Geneva on Monday and agreed to meet again next week \
                           to settle the border.";

    #[test]
    fn a_script_rendered_page_falls_back_to_its_description() {
        let html = format!(
            "<html><head><title>Talks</title><meta property=og:description content=\"{SUMMARY}\"></head>\
             <body><div id=app></div><script>render()</script></body></html>"
        );
        let page = extract(&html);
        assert_eq!(page.body_text(), SUMMARY);
        let quality = page.metadata.extraction.unwrap();
        assert!(quality.confidence < 0.5, "{quality:?}");
        assert!(quality.reasons.iter().any(|r| r.contains("description")));
    }

    #[test]
    fn a_tagline_or_a_body_found_keeps_the_description_out() {
        let tagline = "<html><head><meta name=description content=\"News from Geneva\"></head>\
                       <body><div id=app></div></body></html>";
        assert_eq!(extract(tagline).body_text(), "");
        let prose = "Officials said on Monday that the talks, which had stalled for weeks over the border, \
                     the prisoners and the aid convoys, would resume in Geneva next week with both delegations.";
        let article = format!(
            "<html><head><meta name=description content=\"{SUMMARY}\"></head><body><article><p>{prose}</p>\
             <p>{prose}</p></article></body></html>"
        );
        assert!(!extract(&article).body_text().contains("border."));
        // A short body is kept too: the article's first lines more often than a stray banner.
        let short = format!(
            "<html><head><meta name=description content=\"{SUMMARY}\"></head><body><article><p>Officials met \
             on Monday in Geneva.</p></article></body></html>"
        );
        assert_eq!(
            extract(&short).body_text(),
            "Officials met on Monday in Geneva."
        );
    }
}
