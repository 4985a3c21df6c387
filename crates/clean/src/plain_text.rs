//! The plain-text path: lines are classified, boilerplate set aside, the headline found, wrapped lines joined into
//! paragraphs, and every copied run mapped back to its raw byte offset.
//!
//! Paragraph layout is detected, not assumed: blank lines always separate paragraphs; hard-wrapped newswire copy
//! (short lines, indented paragraph starts, as in Reuters-21578) has its lines joined; otherwise each line is a
//! paragraph unless it plainly continues (next line starts lower-case, or the line ends with a comma).

use dyad_ingest::RecordHints;
use dyad_model::{Document, Provenance};

use crate::assemble;
use crate::line_kind::{classify, classify_continuation, LineKind};
use crate::metadata::{collapse_whitespace, MetadataCollector};
use crate::patterns::{
    CONTINUATION_ENDINGS, HARD_WRAP_MAX_CHARS, HEADLINE_MAX_CHARS, HEADLINE_MAX_WORDS,
    LINE_CLOSERS, LINE_TERMINATORS, WRAP_FULL_LINE_RATIO, WRAP_FULL_LINE_SHARE,
    WRAP_SHORT_LINE_RATIO,
};
use crate::text_builder::{is_space, BlockSource, TextBuilder};

/// One input line: its trimmed content and where that content starts in the raw text.
#[derive(Debug)]
struct RawLine<'a> {
    content: &'a str,
    start: usize,
    indent: usize,
    chars: usize,
}

/// Builds a Document from a plain-text article: headline (first short line without a final period, or
/// `hints.title`), paragraphs, and metadata set aside (captions, syndication, outlet, byline, date).
///
/// ```
/// use dyad_ingest::RecordHints;
/// use dyad_model::Provenance;
/// let raw = "Navigation\n\nTalks stall in Geneva\n\nBy Jane Doe, Reuters\n\nGENEVA, May 3 - Talks stalled.\n\n© 2018 Example News";
/// let doc = dyad_clean::from_text(raw, Provenance::default(), &RecordHints::default());
/// assert_eq!(doc.title_text(), Some("Talks stall in Geneva"));
/// assert_eq!(doc.body_text(), "GENEVA, May 3 - Talks stalled.");
/// assert_eq!(doc.metadata.byline, ["Jane Doe"]);
/// assert_eq!(doc.metadata.outlet.as_deref(), Some("Example News"));
/// assert_eq!(doc.metadata.date.as_deref(), Some("2018-05-03"));
/// ```
pub fn from_text(text: &str, provenance: Provenance, hints: &RecordHints) -> Document {
    let lines = split_lines(text);
    let layout = Layout::detect(&lines);
    let kinds = classify_lines(&lines, layout);
    let mut collector = MetadataCollector::default();
    for (line, kind) in lines.iter().zip(&kinds) {
        if let Some(kind) = kind {
            collector.record(kind, line.content);
        }
    }
    let mut paragraphs = group_paragraphs(&lines, &kinds, layout);

    let mut builder = TextBuilder::new(text.len());
    let pieces = |group: &[usize]| -> Vec<(&str, Option<u64>)> {
        group
            .iter()
            .map(|&i| (lines[i].content, Some(lines[i].start as u64)))
            .collect()
    };
    let hinted_title = hints
        .title
        .as_deref()
        .map(collapse_whitespace)
        .filter(|t| !t.is_empty());
    let first_text = paragraphs.first().map(|g| {
        collapse_whitespace(
            &g.iter()
                .map(|&i| lines[i].content)
                .collect::<Vec<_>>()
                .join(" "),
        )
    });
    match (&hinted_title, first_text) {
        (Some(title), Some(first)) if first.eq_ignore_ascii_case(title) => {
            let group = paragraphs.remove(0);
            builder.add_title(pieces(&group), BlockSource::Pieces);
        }
        (Some(title), _) => {
            builder.add_title([(title.as_str(), None)], BlockSource::Unmapped);
        }
        (None, Some(_))
            if paragraphs.len() > 1
                && paragraphs[0].len() == 1
                && is_headline_like(lines[paragraphs[0][0]].content) =>
        {
            let group = paragraphs.remove(0);
            builder.add_title(pieces(&group), BlockSource::Pieces);
        }
        _ => {}
    }
    for group in &paragraphs {
        builder.add_paragraph(pieces(group), BlockSource::Pieces);
    }
    assemble(builder, collector, provenance, hints, Default::default())
}

/// The lines of `text` with their trimmed content, byte offsets, indentation and length.
fn split_lines(text: &str) -> Vec<RawLine<'_>> {
    let mut lines = Vec::new();
    let mut start = 0;
    for line in text.split('\n') {
        let trimmed_start = line.trim_start_matches(is_space);
        let content = trimmed_start.trim_end_matches(is_space);
        let offset = start + (line.len() - trimmed_start.len());
        lines.push(RawLine {
            content,
            start: offset,
            indent: line.len() - trimmed_start.len(),
            chars: content.chars().count(),
        });
        start += line.len() + 1;
    }
    lines
}

/// How the text lays out its paragraphs.
#[derive(Debug, Clone, Copy)]
struct Layout {
    /// Hard-wrapped newswire copy: lines are joined unless a paragraph break shows.
    wrapped: bool,
    /// The longest body line, in characters: the wrap width.
    width: usize,
}

impl Layout {
    /// Detects the layout from the lines that hold words (bullets, rules and wire sign-offs aside).
    fn detect(lines: &[RawLine]) -> Layout {
        let worded: Vec<bool> = lines
            .iter()
            .map(|l| classify_continuation(l.content) == LineKind::Body)
            .collect();
        let width = (0..lines.len())
            .filter(|&i| worded[i])
            .map(|i| lines[i].chars)
            .max()
            .unwrap_or(0);
        let adjacent = (1..lines.len()).any(|i| worded[i] && worded[i - 1]);
        let (mut worded_lines, mut full_lines) = (0usize, 0usize);
        for i in (0..lines.len()).filter(|&i| worded[i]) {
            worded_lines += 1;
            full_lines += usize::from(lines[i].chars as f64 >= WRAP_FULL_LINE_RATIO * width as f64);
        }
        let mostly_full = full_lines as f64 >= WRAP_FULL_LINE_SHARE * worded_lines as f64;
        Layout {
            wrapped: width <= HARD_WRAP_MAX_CHARS && adjacent && mostly_full,
            width,
        }
    }

    /// Whether `next` continues the paragraph `prev` ends.
    fn continues(&self, prev: &RawLine, next: &RawLine) -> bool {
        if self.wrapped {
            continues_wrapped(prev, next, self.width)
        } else {
            continues_unwrapped(prev, next)
        }
    }
}

/// Classifies every line in order. A line that plainly continues the body line before it is body text without
/// further tests: a wrapped "share." or "March 17." after "… 1.45 dlrs a" ends a sentence, it is not a share
/// button or a date stamp. A line continues one that ends without a sentence end when it starts lower-case, when
/// the layout joins them, or when it ends the sentence itself. Bullets, rules and wire sign-offs are still set
/// aside; skipping the tests for continuations is also what makes wrapped newswire fast to clean.
fn classify_lines(lines: &[RawLine], layout: Layout) -> Vec<Option<LineKind>> {
    let mut kinds: Vec<Option<LineKind>> = Vec::with_capacity(lines.len());
    for (i, line) in lines.iter().enumerate() {
        if line.content.is_empty() {
            kinds.push(None);
            continue;
        }
        let after_body = i > 0 && kinds[i - 1] == Some(LineKind::Body);
        let kind = if after_body && continues_sentence(&lines[i - 1], line, layout) {
            classify_continuation(line.content)
        } else {
            classify(line.content)
        };
        kinds.push(Some(kind));
    }
    kinds
}

/// Whether `line` continues the sentence the body line `prev` left open.
fn continues_sentence(prev: &RawLine, line: &RawLine, layout: Layout) -> bool {
    let lower_start = line.content.chars().next().is_some_and(char::is_lowercase);
    lower_start
        || (!ends_sentence(prev.content)
            && (layout.continues(prev, line) || ends_sentence(line.content)))
}

/// Whether a line ends with sentence-final punctuation (closing quotes and brackets aside).
fn ends_sentence(line: &str) -> bool {
    line.trim_end_matches(LINE_CLOSERS)
        .ends_with(LINE_TERMINATORS)
}

/// Groups body lines into paragraphs (lists of line indices). Blank and set-aside lines always end a paragraph.
fn group_paragraphs(
    lines: &[RawLine],
    kinds: &[Option<LineKind>],
    layout: Layout,
) -> Vec<Vec<usize>> {
    let is_body = |i: usize| kinds[i] == Some(LineKind::Body);
    let mut groups: Vec<Vec<usize>> = Vec::new();
    let mut current: Vec<usize> = Vec::new();
    for i in 0..lines.len() {
        if !is_body(i) {
            if !current.is_empty() {
                groups.push(std::mem::take(&mut current));
            }
            continue;
        }
        if let Some(&prev) = current.last() {
            if !layout.continues(&lines[prev], &lines[i]) {
                groups.push(std::mem::take(&mut current));
            }
        }
        current.push(i);
    }
    if !current.is_empty() {
        groups.push(current);
    }
    groups
}

/// In hard-wrapped text, the next line continues the paragraph unless it is indented deeper (a paragraph start) or
/// the previous line is a short line ending a sentence.
fn continues_wrapped(prev: &RawLine, next: &RawLine, width: usize) -> bool {
    if next.indent > prev.indent {
        return false;
    }
    !(ends_sentence(prev.content) && (prev.chars as f64) < WRAP_SHORT_LINE_RATIO * width as f64)
}

/// In text that is not wrapped, each line is a paragraph unless the next line plainly continues it.
fn continues_unwrapped(prev: &RawLine, next: &RawLine) -> bool {
    prev.content.ends_with(CONTINUATION_ENDINGS)
        || next.content.chars().next().is_some_and(char::is_lowercase)
}

/// A headline: short, and not ending with a period (a question or exclamation may end one).
fn is_headline_like(line: &str) -> bool {
    let words = line.split_whitespace().count();
    let ending = line.trim_end_matches(LINE_CLOSERS);
    words <= HEADLINE_MAX_WORDS
        && line.chars().count() <= HEADLINE_MAX_CHARS
        && !ending.ends_with(['.', ',', ';', ':'])
}

#[cfg(test)]
mod tests {
    use super::*;

    fn doc(raw: &str) -> Document {
        from_text(raw, Provenance::default(), &RecordHints::default())
    }

    fn paragraphs(d: &Document) -> Vec<&str> {
        d.paragraphs.iter().map(|p| d.slice(*p)).collect()
    }

    #[test]
    fn wrapped_newswire_lines_join_into_indented_paragraphs() {
        let raw = "Standard Oil Co and BP North America\nInc said they plan to form a venture to manage the money market\nborrowing and investment activities of both companies.\n    BP North America is a subsidiary of British Petroleum Co\nPlc, which also owns a 55 pct interest in Standard Oil.\n\n Reuter\n\u{3}";
        let d = doc(raw);
        assert_eq!(d.title, None, "a wrapped first line is not a headline");
        assert_eq!(
            paragraphs(&d),
            [
                "Standard Oil Co and BP North America Inc said they plan to form a venture to manage the money market borrowing and investment activities of both companies.",
                "BP North America is a subsidiary of British Petroleum Co Plc, which also owns a 55 pct interest in Standard Oil."
            ]
        );
        assert_eq!(d.metadata.outlet.as_deref(), Some("Reuters"));
    }

    #[test]
    fn unwrapped_lines_are_paragraphs_unless_they_continue() {
        let d = doc("Iran rejects demand\nTehran said on Monday it would stay,\nofficials said.\nIsrael struck again on Tuesday, killing several people in the south of the country near the border.");
        assert_eq!(d.title_text(), Some("Iran rejects demand"));
        assert_eq!(
            paragraphs(&d),
            [
                "Tehran said on Monday it would stay, officials said.",
                "Israel struck again on Tuesday, killing several people in the south of the country near the border."
            ]
        );
    }

    #[test]
    fn hinted_title_replaces_or_consumes_the_first_line() {
        let hints = RecordHints {
            title: Some("Talks  stall".into()),
            ..RecordHints::default()
        };
        let d = from_text(
            "Talks stall\n\nThe talks stalled.",
            Provenance::default(),
            &hints,
        );
        assert_eq!(d.title_text(), Some("Talks stall"));
        assert_eq!(
            d.source_map.to_raw(0),
            Some(0),
            "consumed first line keeps its mapping"
        );
        assert_eq!(paragraphs(&d), ["The talks stalled."]);
        let d = from_text("The talks stalled.", Provenance::default(), &hints);
        assert_eq!(d.title_text(), Some("Talks stall"));
        assert_eq!(paragraphs(&d), ["The talks stalled."]);
    }

    #[test]
    fn single_line_and_empty_inputs() {
        let d = doc("Just one line without a period");
        assert_eq!(d.title, None, "a lone line is the body, not a headline");
        assert_eq!(d.body_text(), "Just one line without a period");
        let d = doc(" \n\n\u{a0}\r\n");
        assert_eq!(d.text, "");
        assert!(d.paragraphs.is_empty() && d.body.is_empty());
    }
}
