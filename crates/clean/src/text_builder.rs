//! Assembles a Document's clean text: headline and paragraphs joined by blank lines, whitespace inside a
//! paragraph collapsed to single spaces, and the offset map from every copied run back to the raw input.

use dyad_model::{OffsetMap, Span};

use crate::patterns::INVISIBLE_CHARS;

/// What separates the headline and paragraphs in `Document::text`.
pub const PARAGRAPH_SEPARATOR: &str = "\n\n";

/// Where a block's text came from, for the offset map.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BlockSource {
    /// Pieces carry their own raw offsets (plain text): every copied character maps exactly.
    Pieces,
    /// The block was produced from an HTML element at this raw offset: the whole block maps from there, exact at
    /// its start and approximate inside (markup and entities shift the rest).
    Element(u64),
    /// Text the input did not contain at this place (a container's title): not mapped.
    Unmapped,
}

/// Builds the clean text block by block.
#[derive(Debug, Default)]
pub struct TextBuilder {
    text: String,
    map: OffsetMap,
    title: Option<Span>,
    paragraphs: Vec<Span>,
}

/// The assembled text and its spans.
#[derive(Debug, Default)]
pub struct BuiltText {
    pub text: String,
    pub title: Option<Span>,
    pub body: Span,
    pub paragraphs: Vec<Span>,
    pub source_map: OffsetMap,
}

/// Whitespace for the cleaner: Unicode white space and control characters (a stray `\r`, `&#3;`).
pub fn is_space(c: char) -> bool {
    c.is_whitespace() || c.is_control()
}

impl TextBuilder {
    pub fn new(capacity: usize) -> TextBuilder {
        TextBuilder {
            text: String::with_capacity(capacity),
            ..TextBuilder::default()
        }
    }

    /// Adds the headline; only the first block may be one. Returns its span, or `None` if it was empty.
    pub fn add_title<'a>(
        &mut self,
        pieces: impl IntoIterator<Item = (&'a str, Option<u64>)>,
        source: BlockSource,
    ) -> Option<Span> {
        if !self.text.is_empty() {
            return None;
        }
        let span = self.add_block(pieces, source)?;
        self.title = Some(span);
        Some(span)
    }

    /// Adds a body paragraph. Returns its span, or `None` if it was empty.
    pub fn add_paragraph<'a>(
        &mut self,
        pieces: impl IntoIterator<Item = (&'a str, Option<u64>)>,
        source: BlockSource,
    ) -> Option<Span> {
        let span = self.add_block(pieces, source)?;
        self.paragraphs.push(span);
        Some(span)
    }

    /// The text of the blocks added so far.
    pub fn text(&self) -> &str {
        &self.text
    }

    /// Appends one block made of `pieces` (lines, each with the raw offset of its first byte when it was copied
    /// from the input). Pieces are joined with a space; whitespace runs become one space, which is mapped only
    /// when it was a single ASCII space in the input.
    fn add_block<'a>(
        &mut self,
        pieces: impl IntoIterator<Item = (&'a str, Option<u64>)>,
        source: BlockSource,
    ) -> Option<Span> {
        let separator_at = self.text.len();
        if !self.text.is_empty() {
            self.text.push_str(PARAGRAPH_SEPARATOR);
        }
        let start = self.text.len();
        let mut block_map = OffsetMap::new();
        for (piece, raw) in pieces {
            let raw = if source == BlockSource::Pieces {
                raw
            } else {
                None
            };
            self.push_piece(piece, raw, start, &mut block_map);
        }
        if self.text.len() == start {
            self.text.truncate(separator_at);
            return None;
        }
        let span = Span::new(start, self.text.len());
        match source {
            BlockSource::Pieces => {
                for seg in block_map.segments() {
                    self.map.push(seg.clean as usize, seg.raw, seg.len as usize);
                }
            }
            BlockSource::Element(raw) => self.map.push(span.start as usize, raw, span.len()),
            BlockSource::Unmapped => {}
        }
        Some(span)
    }

    fn push_piece(
        &mut self,
        piece: &str,
        raw: Option<u64>,
        block_start: usize,
        map: &mut OffsetMap,
    ) {
        // A pending space: `Some(Some(raw))` when it is one copied ASCII space, `Some(None)` otherwise.
        let mut space: Option<Option<u64>> = (self.text.len() > block_start).then_some(None);
        let mut run_start: Option<usize> = None;
        let bytes = piece.as_bytes();
        let mut i = 0;
        while i < bytes.len() {
            let b = bytes[i];
            // ASCII is decided from the byte; other characters are decoded.
            let (len, gap) = if b < 0x80 {
                let gap = (b <= b' ' || b == 0x7f).then_some(Gap::Space {
                    ascii_space: b == b' ',
                });
                (1, gap)
            } else {
                let c = piece[i..].chars().next().unwrap_or(' ');
                let gap = if INVISIBLE_CHARS.contains(&c) {
                    Some(Gap::Invisible)
                } else {
                    is_space(c).then_some(Gap::Space { ascii_space: false })
                };
                (c.len_utf8(), gap)
            };
            match gap {
                None if run_start.is_none() => {
                    if let Some(copied) = space.take() {
                        let at = self.text.len();
                        self.text.push(' ');
                        if let Some(r) = copied {
                            map.push(at, r, 1);
                        }
                    }
                    run_start = Some(i);
                }
                None => {}
                Some(gap) => {
                    if let Some(start) = run_start.take() {
                        self.copy_run(piece, start..i, raw, map);
                    }
                    if let Gap::Space { ascii_space } = gap {
                        if self.text.len() > block_start {
                            space = match space {
                                None if ascii_space => Some(raw.map(|r| r + i as u64)),
                                _ => Some(None),
                            };
                        }
                    }
                }
            }
            i += len;
        }
        if let Some(start) = run_start {
            self.copy_run(piece, start..bytes.len(), raw, map);
        }
    }

    /// Copies `piece[range]` (no whitespace inside) to the text, mapping it when the piece has a raw offset.
    fn copy_run(
        &mut self,
        piece: &str,
        range: std::ops::Range<usize>,
        raw: Option<u64>,
        map: &mut OffsetMap,
    ) {
        let at = self.text.len();
        self.text.push_str(&piece[range.clone()]);
        if let Some(r) = raw {
            map.push(at, r + range.start as u64, range.len());
        }
    }

    /// The assembled text; the body covers the paragraphs (empty at the end of the text when there are none).
    pub fn finish(self) -> BuiltText {
        let body = match (self.paragraphs.first(), self.paragraphs.last()) {
            (Some(first), Some(last)) => first.cover(*last),
            _ => Span::new(self.text.len(), self.text.len()),
        };
        BuiltText {
            text: self.text,
            title: self.title,
            body,
            paragraphs: self.paragraphs,
            source_map: self.map,
        }
    }
}

/// What breaks a copied run: whitespace (collapsed to one space) or an invisible character (dropped).
#[derive(Debug, Clone, Copy)]
enum Gap {
    Space { ascii_space: bool },
    Invisible,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn blocks_join_with_blank_lines_and_map_back() {
        let raw = "Head  line\nfirst  line\nsecond\u{a0}line";
        let mut b = TextBuilder::new(64);
        b.add_title([(&raw[0..10], Some(0))], BlockSource::Pieces);
        b.add_paragraph(
            [(&raw[11..22], Some(11)), (&raw[23..], Some(23))],
            BlockSource::Pieces,
        );
        b.add_paragraph([(" \u{200b} ", Some(0))], BlockSource::Pieces);
        let built = b.finish();
        assert_eq!(built.text, "Head line\n\nfirst line second line");
        assert_eq!(built.title.map(|t| t.slice(&built.text)), Some("Head line"));
        assert_eq!(built.paragraphs.len(), 1, "the empty block is dropped");
        assert_eq!(built.body.slice(&built.text), "first line second line");
        // Copied characters map to themselves; the inserted join space maps to the next copied run.
        for (clean, c) in built.text.char_indices() {
            if let Some(r) = built.source_map.to_raw(clean) {
                if c != ' ' && c != '\n' {
                    assert_eq!(raw[r as usize..].chars().next(), Some(c), "at {clean}");
                }
            }
        }
        assert_eq!(built.source_map.to_raw(11), Some(11));
        assert_eq!(
            built.source_map.to_raw(22),
            Some(23),
            "join space maps to the next line"
        );
    }
}
