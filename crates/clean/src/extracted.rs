//! The HTML path: an extracted page's blocks become paragraphs, with the same line filter as plain text applied
//! to each block (a "Join our Telegram channel" paragraph inside an article is still furniture).

use dyad_html::{BlockKind, Extracted};
use dyad_ingest::RecordHints;
use dyad_model::{Document, Provenance};

use crate::assemble;
use crate::line_kind::{classify, LineKind};
use crate::metadata::{collapse_whitespace, MetadataCollector};
use crate::text_builder::{BlockSource, TextBuilder};

/// Builds a Document from an extracted HTML page. Caption blocks go to `metadata.captions`; other blocks are
/// classified like plain-text lines and become paragraphs when they are body text. The headline is
/// `hints.title`, else the page's title, else a leading heading block; a block repeating it is dropped.
///
/// The offset map gives each paragraph one segment starting at its block's `raw_offset`: exact at the block
/// start as far as the extractor knows it, approximate inside (markup and entities shift the rest).
///
/// ```
/// use dyad_html::{BlockKind, Extracted, TextBlock};
/// use dyad_ingest::RecordHints;
/// use dyad_model::Provenance;
/// let block = |kind, text: &str, raw_offset| TextBlock { kind, text: text.into(), raw_offset };
/// let page = Extracted {
///     title: Some("Talks resume".into()),
///     blocks: vec![
///         block(BlockKind::Heading, "Talks resume", 10),
///         block(BlockKind::Paragraph, "Negotiators met in Geneva.", 40),
///         block(BlockKind::Caption, "Delegates arrive. REUTERS/Jane Doe", 90),
///         block(BlockKind::Paragraph, "Join our Telegram channel for the latest news!", 120),
///     ],
///     ..Extracted::default()
/// };
/// let doc = dyad_clean::from_extracted(page, Provenance::default(), &RecordHints::default());
/// assert_eq!(doc.text, "Talks resume\n\nNegotiators met in Geneva.");
/// assert_eq!(doc.metadata.captions, ["Delegates arrive. REUTERS/Jane Doe"]);
/// assert_eq!(doc.source_map.to_raw(doc.paragraphs[0].start as usize), Some(40));
/// ```
pub fn from_extracted(
    page: Extracted,
    mut provenance: Provenance,
    hints: &RecordHints,
) -> Document {
    let Extracted {
        title,
        blocks,
        metadata,
        url,
    } = page;
    if provenance.url.is_none() {
        provenance.url = hints.url.clone().or(url);
    }
    let known_captions = metadata.captions.clone();
    let mut collector = MetadataCollector::default();
    let mut body: Vec<(String, u64)> = Vec::new();
    for block in &blocks {
        if block.kind == BlockKind::Caption {
            if !known_captions.contains(&block.text) {
                collector.add_caption(&block.text);
            }
            continue;
        }
        let kind = classify(&block.text);
        collector.record(&kind, &block.text);
        if kind == LineKind::Body {
            body.push((collapse_whitespace(&block.text), block.raw_offset));
        }
    }

    let mut title = hints
        .title
        .as_deref()
        .or(title.as_deref())
        .map(collapse_whitespace)
        .filter(|t| !t.is_empty());
    let leading_heading = blocks
        .iter()
        .find(|b| b.kind != BlockKind::Caption)
        .filter(|b| b.kind == BlockKind::Heading);
    let mut builder = TextBuilder::new(body.iter().map(|(t, _)| t.len() + 2).sum());
    let mut rest = &body[..];
    if let Some((first, raw)) = body.first() {
        let repeats_title = title
            .as_ref()
            .is_some_and(|t| first.eq_ignore_ascii_case(t));
        let is_heading = leading_heading.is_some_and(|h| collapse_whitespace(&h.text) == *first);
        if repeats_title || (title.is_none() && is_heading) {
            // The page's own headline element: keep its text and position.
            if title.is_none() {
                title = Some(first.clone());
            }
            builder.add_title(
                [(title.as_deref().unwrap_or(first), None)],
                BlockSource::Element(*raw),
            );
            rest = &body[1..];
        }
    }
    if builder.text().is_empty() {
        if let Some(t) = &title {
            builder.add_title([(t.as_str(), None)], BlockSource::Unmapped);
        }
    }
    for (text, raw) in rest {
        builder.add_paragraph([(text.as_str(), None)], BlockSource::Element(*raw));
    }
    assemble(builder, collector, provenance, hints, metadata)
}

#[cfg(test)]
mod tests {
    use super::*;
    use dyad_html::TextBlock;

    fn block(kind: BlockKind, text: &str, raw_offset: u64) -> TextBlock {
        TextBlock {
            kind,
            text: text.into(),
            raw_offset,
        }
    }

    #[test]
    fn hints_win_and_boilerplate_blocks_are_set_aside() {
        let page = Extracted {
            title: Some("Page title | Site".into()),
            blocks: vec![
                block(BlockKind::Paragraph, "By Jane Doe, Reuters", 5),
                block(
                    BlockKind::Paragraph,
                    "BEIRUT (Reuters) - Troops moved south on Tuesday.",
                    50,
                ),
                block(
                    BlockKind::Paragraph,
                    "Follow us on Telegram for updates",
                    90,
                ),
                block(
                    BlockKind::Paragraph,
                    "© 2018 Example News. All rights reserved.",
                    120,
                ),
            ],
            metadata: dyad_model::Metadata {
                date: Some("2018-05-01".into()),
                ..Default::default()
            },
            url: Some("https://example.com/a".into()),
        };
        let hints = RecordHints {
            title: Some("Troops move south".into()),
            date: Some("2018-05-02".into()),
            id: Some("rec-7".into()),
            ..RecordHints::default()
        };
        let d = from_extracted(page, Provenance::default(), &hints);
        assert_eq!(d.id, "rec-7");
        assert_eq!(d.title_text(), Some("Troops move south"));
        assert_eq!(
            d.body_text(),
            "BEIRUT (Reuters) - Troops moved south on Tuesday."
        );
        assert_eq!(d.metadata.byline, ["Jane Doe"]);
        assert_eq!(d.metadata.date.as_deref(), Some("2018-05-02"));
        assert_eq!(d.metadata.outlet.as_deref(), Some("Example News"));
        assert_eq!(
            d.metadata.syndication,
            ["© 2018 Example News. All rights reserved."]
        );
        assert_eq!(d.provenance.url.as_deref(), Some("https://example.com/a"));
        assert_eq!(d.source_map.to_raw(d.body.start as usize), Some(50));
        assert_eq!(
            d.source_map.to_raw(0),
            Some(50),
            "the hinted title is not in the page: next segment"
        );
    }

    #[test]
    fn a_page_without_blocks_gives_a_title_only_document() {
        let page = Extracted {
            title: Some("Only a title".into()),
            ..Extracted::default()
        };
        let d = from_extracted(page, Provenance::default(), &RecordHints::default());
        assert_eq!(d.text, "Only a title");
        assert!(d.paragraphs.is_empty());
        assert_eq!(d.body, dyad_model::Span::new(12, 12));
    }
}
