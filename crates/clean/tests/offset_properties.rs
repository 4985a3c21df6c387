//! Property tests for `from_text` on arbitrary and article-like text: it never panics, spans are valid, and every
//! character of a copied run maps back to the same character of the raw input.

use dyad_clean::from_text;
use dyad_ingest::RecordHints;
use dyad_model::{Document, Provenance};
use proptest::prelude::*;

/// Checks the Document invariants against the raw text it came from.
fn check(raw: &str, doc: &Document) -> Result<(), TestCaseError> {
    let text = &doc.text;
    let mut last = 0u32;
    for span in doc.title.iter().chain(&doc.paragraphs) {
        prop_assert!(span.start >= last && span.end <= text.len() as u32 && !span.is_empty());
        let s = text.get(span.range());
        prop_assert!(s.is_some(), "span off char boundaries");
        let s = s.unwrap_or_default();
        prop_assert_eq!(s.trim(), s, "untrimmed block");
        prop_assert!(
            !s.contains('\n') && !s.contains("  "),
            "whitespace not normalised: {:?}",
            s
        );
        last = span.end;
    }
    for p in &doc.paragraphs {
        prop_assert!(doc.body.contains(*p));
    }
    let mut prev_end = 0u32;
    for seg in doc.source_map.segments() {
        prop_assert!(seg.clean >= prev_end, "segments overlap");
        prev_end = seg.clean + seg.len;
        let clean = text.get(seg.clean as usize..(seg.clean + seg.len) as usize);
        let copied = raw.get(seg.raw as usize..seg.raw as usize + seg.len as usize);
        prop_assert!(
            clean.is_some() && clean == copied,
            "segment {:?} does not copy the raw bytes",
            seg
        );
    }
    Ok(())
}

fn article_like() -> impl Strategy<Value = String> {
    let line = prop::sample::select(vec![
        "Navigation",
        "Join our Telegram channel for news!",
        "  • \u{a0}",
        "———",
        "",
        "",
        "",
        "Talks stall in Geneva",
        "By Jane Doe, Reuters",
        "GENEVA, May 3 (Reuters) - Talks stalled on Monday.",
        "“We will not leave,” he said.",
        "Troops moved south. (Army photo by Sgt. Jo Ro)",
        "© 2018 Example News",
        "Distributed by Example Agency.",
        "Reuter",
        "    Indented  start of a wrapped",
        "line that goes on,",
        "and ends here.",
        "Tehran’s militias\u{200b} withdrew\r",
        "\t",
        "Photo: REUTERS/Ann Bee",
        "é ü 中文 ",
    ]);
    prop::collection::vec(line, 0..30).prop_map(|v| v.join("\n"))
}

proptest! {
    #[test]
    fn article_like_text_gives_valid_documents(raw in article_like()) {
        let doc = from_text(&raw, Provenance::default(), &RecordHints::default());
        check(&raw, &doc)?;
    }

    #[test]
    fn any_text_gives_valid_documents(raw in any::<String>()) {
        let doc = from_text(&raw, Provenance::default(), &RecordHints::default());
        check(&raw, &doc)?;
    }

    #[test]
    fn hinted_titles_never_break_invariants(raw in article_like(), title in any::<String>()) {
        let hints = RecordHints { title: Some(title), ..RecordHints::default() };
        let doc = from_text(&raw, Provenance::default(), &hints);
        check(&raw, &doc)?;
    }
}

fn block_kind() -> impl Strategy<Value = dyad_html::BlockKind> {
    use dyad_html::BlockKind::*;
    prop::sample::select(vec![
        Paragraph,
        Heading,
        ListItem,
        Quote,
        Caption,
        Table,
        Preformatted,
    ])
}

proptest! {
    #[test]
    fn any_extracted_page_gives_a_valid_document(
        title in prop::option::of(any::<String>()),
        blocks in prop::collection::vec((block_kind(), any::<String>(), any::<u32>()), 0..12),
        hinted in prop::option::of(any::<String>()),
    ) {
        let page = dyad_html::Extracted {
            title,
            blocks: blocks
                .into_iter()
                .map(|(kind, text, raw)| dyad_html::TextBlock { kind, text, raw_offset: u64::from(raw) })
                .collect(),
            ..dyad_html::Extracted::default()
        };
        let hints = RecordHints { title: hinted, ..RecordHints::default() };
        let doc = dyad_clean::from_extracted(page, Provenance::default(), &hints);
        let mut last = 0u32;
        for span in doc.title.iter().chain(&doc.paragraphs) {
            prop_assert!(span.start >= last && !span.is_empty());
            let s = doc.text.get(span.range());
            prop_assert!(s.is_some_and(|s| s.trim() == s && !s.contains('\n')));
            last = span.end;
        }
        let mut prev = 0u32;
        for seg in doc.source_map.segments() {
            prop_assert!(seg.clean >= prev);
            prev = seg.clean + seg.len;
        }
    }
}
