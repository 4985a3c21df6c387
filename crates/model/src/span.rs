//! Byte spans into a document's clean text, and the map from clean text back to raw input.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// A half-open byte range `[start, end)` into a document's clean text.
///
/// ```
/// use dyad_model::Span;
/// let s = Span::new(4, 9);
/// assert_eq!(s.slice("the quick fox"), "quick");
/// ```
#[derive(
    Debug,
    Clone,
    Copy,
    Default,
    PartialEq,
    Eq,
    PartialOrd,
    Ord,
    Hash,
    Serialize,
    Deserialize,
    JsonSchema,
)]
pub struct Span {
    /// First byte.
    pub start: u32,
    /// One past the last byte.
    pub end: u32,
}

impl Span {
    /// A span from `start` to `end`; an inverted range becomes empty at `start`.
    pub fn new(start: usize, end: usize) -> Span {
        let start = start.min(u32::MAX as usize) as u32;
        let end = end.min(u32::MAX as usize) as u32;
        Span {
            start,
            end: end.max(start),
        }
    }

    pub fn len(&self) -> usize {
        (self.end - self.start) as usize
    }

    pub fn is_empty(&self) -> bool {
        self.start >= self.end
    }

    pub fn range(&self) -> std::ops::Range<usize> {
        self.start as usize..self.end as usize
    }

    /// Whether `other` lies wholly inside this span.
    pub fn contains(&self, other: Span) -> bool {
        self.start <= other.start && other.end <= self.end
    }

    /// The smallest span covering both.
    pub fn cover(&self, other: Span) -> Span {
        Span {
            start: self.start.min(other.start),
            end: self.end.max(other.end),
        }
    }

    /// The text this span covers, or `""` when out of range or not on character boundaries.
    pub fn slice<'a>(&self, text: &'a str) -> &'a str {
        text.get(self.range()).unwrap_or("")
    }
}

/// One run of clean text copied from the raw input: `len` bytes at `clean` came from `raw`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct OffsetSegment {
    /// Offset in the clean text.
    pub clean: u32,
    /// Offset in the raw (decompressed) input.
    pub raw: u64,
    /// Length in bytes.
    pub len: u32,
}

/// Map from clean-text byte offsets to raw-input byte offsets, as sorted, non-overlapping segments.
///
/// Text the cleaner produced itself (paragraph breaks, decoded entities) falls between segments and maps to the
/// start of the next segment.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(transparent)]
pub struct OffsetMap {
    segments: Vec<OffsetSegment>,
}

impl OffsetMap {
    pub fn new() -> OffsetMap {
        OffsetMap::default()
    }

    pub fn is_empty(&self) -> bool {
        self.segments.is_empty()
    }

    pub fn segments(&self) -> &[OffsetSegment] {
        &self.segments
    }

    /// Record that `len` bytes at clean offset `clean` were copied from raw offset `raw`. Segments must be pushed
    /// in increasing clean order; an adjacent continuation is merged into the previous segment.
    pub fn push(&mut self, clean: usize, raw: u64, len: usize) {
        if len == 0 {
            return;
        }
        let (clean, len) = (clean as u32, len as u32);
        if let Some(last) = self.segments.last_mut() {
            debug_assert!(
                last.clean + last.len <= clean,
                "segments must be pushed in order"
            );
            if last.clean + last.len == clean && last.raw + last.len as u64 == raw {
                last.len += len;
                return;
            }
        }
        self.segments.push(OffsetSegment { clean, raw, len });
    }

    /// The raw-input offset of clean offset `clean`, or `None` past the last segment.
    pub fn to_raw(&self, clean: usize) -> Option<u64> {
        let clean = clean as u32;
        let i = self.segments.partition_point(|s| s.clean + s.len <= clean);
        let seg = self.segments.get(i)?;
        if clean >= seg.clean {
            Some(seg.raw + (clean - seg.clean) as u64)
        } else {
            Some(seg.raw)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn span_slices_only_on_char_boundaries() {
        let text = "Tehran’s militias";
        assert_eq!(Span::new(0, 6).slice(text), "Tehran");
        assert_eq!(
            Span::new(0, 7).slice(text),
            "",
            "inside a multi-byte character"
        );
        assert_eq!(Span::new(5, 100).slice(text), "");
        assert!(Span::new(9, 3).is_empty());
    }

    #[test]
    fn offset_map_merges_and_maps_back() {
        let mut m = OffsetMap::new();
        m.push(0, 10, 5);
        m.push(5, 15, 5); // continuation: merged
        m.push(12, 40, 3); // gap in clean text (inserted break), jump in raw
        assert_eq!(m.segments().len(), 2);
        assert_eq!(m.to_raw(0), Some(10));
        assert_eq!(m.to_raw(7), Some(17));
        assert_eq!(
            m.to_raw(10),
            Some(40),
            "inserted text maps to the next segment"
        );
        assert_eq!(m.to_raw(14), Some(42));
        assert_eq!(m.to_raw(15), None);
    }
}
