//! Property tests: on any text, sentence spans are ordered, non-overlapping, trimmed, on character boundaries,
//! never end inside a token, and together with the whitespace gaps between them reproduce the text. Under any
//! sentence limit, run-on text is cut so that no sentence exceeds it and the rest still holds.

use dyad_model::{Document, Part, Span};
use dyad_sentences::lexicon::{CLOSERS, UNSPACED_TERMINATORS};
use dyad_sentences::SentenceSplitter;
use proptest::prelude::*;

/// Text drawn from the characters the splitter reacts to, plus ordinary words, so boundaries are exercised.
fn newsy_text() -> impl Strategy<Value = String> {
    let pieces = prop::sample::select(vec![
        "The",
        "U.S.",
        "Mr.",
        "J.",
        "a.m.",
        "said",
        "3.5",
        "No.",
        "5",
        "Inc.",
        "“",
        "”",
        "\"",
        "'",
        "(",
        ")",
        ".",
        "?",
        "!",
        "…",
        "...",
        " ",
        " ",
        " ",
        "\n",
        "\u{a0}",
        "é",
        "。",
        "؟",
        "he",
        "Lavrov",
        "www.x.com",
        ",",
    ]);
    prop::collection::vec(pieces, 0..60).prop_map(|v| v.concat())
}

fn check_spans(text: &str, spans: &[Span]) -> Result<(), TestCaseError> {
    let mut last = 0usize;
    for span in spans {
        let (start, end) = (span.start as usize, span.end as usize);
        prop_assert!(start >= last && end > start && end <= text.len());
        let s = text.get(start..end);
        prop_assert!(s.is_some(), "not on char boundaries");
        let s = s.unwrap_or_default();
        prop_assert_eq!(s.trim(), s);
        prop_assert!(
            text[last..start].trim().is_empty(),
            "non-space text between sentences"
        );
        let before_ok = text[..start].ends_with(char::is_whitespace) || start == 0 || last > 0;
        prop_assert!(before_ok);
        last = end;
    }
    prop_assert!(text[last..].trim().is_empty(), "text lost at the end");
    Ok(())
}

/// Run-on text: words, clause punctuation and conjunctions, long unbroken runs, multi-byte characters and NUL,
/// with few full stops, so the limit (not the terminators) decides most cuts.
fn run_on_text() -> impl Strategy<Value = String> {
    let pieces = prop::sample::select(vec![
        "Russia",
        "attacked",
        "and",
        "And",
        "but",
        "or",
        " ",
        " ",
        " ",
        "  ",
        "\n",
        ",",
        ";",
        ":",
        "; ",
        ": ",
        ", and ",
        ", but ",
        "\u{a0}",
        "é",
        "ß",
        "漢字",
        "😀",
        "\0",
        "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx",
        "12:30",
        "http://x.org/a;b",
        ".",
        "U.S.",
        "!",
        "”",
        ")))))))))))))))",
        "(((((((((((((",
    ]);
    prop::collection::vec(pieces, 0..120).prop_map(|v| v.concat())
}

fn check_limit(text: &str, spans: &[Span], max: usize) -> Result<(), TestCaseError> {
    check_spans(text, spans)?;
    for span in spans {
        prop_assert!(
            span.len() <= max,
            "sentence of {} bytes over the limit {max}: {:?}",
            span.len(),
            span.slice(text)
        );
    }
    Ok(())
}

proptest! {
    #[test]
    fn no_sentence_exceeds_the_limit_on_run_on_text(text in run_on_text(), max in 4usize..160) {
        let splitter = SentenceSplitter::new().with_max_sentence_bytes(max);
        let spans: Vec<Span> = splitter.split_text(&text, 0).collect();
        check_limit(&text, &spans, max)?;
    }

    #[test]
    fn no_sentence_exceeds_the_limit_on_any_text(text in any::<String>(), max in 0usize..64) {
        let splitter = SentenceSplitter::new().with_max_sentence_bytes(max);
        let spans: Vec<Span> = splitter.split_text(&text, 0).collect();
        check_limit(&text, &spans, splitter.max_sentence_bytes())?;
    }

    #[test]
    fn short_sentences_split_the_same_under_a_limit(text in newsy_text()) {
        // Every sentence of newsy text fits the limit, so the limit changes nothing.
        let plain: Vec<Span> = SentenceSplitter::new().split_text(&text, 0).collect();
        let max = plain.iter().map(|s| s.len()).max().unwrap_or(0).max(4);
        let limited: Vec<Span> =
            SentenceSplitter::new().with_max_sentence_bytes(max).split_text(&text, 0).collect();
        prop_assert_eq!(plain, limited);
    }

    #[test]
    fn spans_are_valid_on_newsy_text(text in newsy_text()) {
        let spans: Vec<Span> = SentenceSplitter::new().split_text(&text, 0).collect();
        check_spans(&text, &spans)?;
        for span in &spans {
            let after = &text[span.end as usize..];
            let unspaced = text[..span.end as usize].trim_end_matches(CLOSERS).ends_with(UNSPACED_TERMINATORS);
            prop_assert!(after.is_empty() || after.starts_with(char::is_whitespace) || unspaced,
                "split inside a token at {}", span.end);
        }
        // Round trip: sentences and the gaps between them give back the text.
        let mut rebuilt = String::new();
        let mut last = 0;
        for span in &spans {
            rebuilt.push_str(&text[last..span.start as usize]);
            rebuilt.push_str(span.slice(&text));
            last = span.end as usize;
        }
        rebuilt.push_str(&text[last..]);
        prop_assert_eq!(rebuilt, text);
    }

    #[test]
    fn spans_are_valid_on_any_text(text in any::<String>()) {
        let spans: Vec<Span> = SentenceSplitter::new().split_text(&text, 0).collect();
        check_spans(&text, &spans)?;
    }

    #[test]
    fn document_sentences_stay_inside_their_paragraphs(
        title in newsy_text(),
        paragraphs in prop::collection::vec(newsy_text(), 0..5),
    ) {
        let title = title.trim().to_string();
        let mut text = title.clone();
        let mut spans = Vec::new();
        for p in &paragraphs {
            let p = p.trim();
            if p.is_empty() { continue; }
            if !text.is_empty() { text.push_str("\n\n"); }
            spans.push(Span::new(text.len(), text.len() + p.len()));
            text.push_str(p);
        }
        let body = spans.first().map_or(Span::new(text.len(), text.len()), |f| f.cover(*spans.last().unwrap_or(f)));
        let mut doc = Document {
            title: (!title.is_empty()).then(|| Span::new(0, title.len())),
            text,
            body,
            paragraphs: spans,
            ..Document::default()
        };
        dyad_sentences::split(&mut doc);
        let mut last = 0;
        for s in &doc.sentences {
            prop_assert!(s.span.start >= last);
            last = s.span.end;
            let home = match s.part {
                Part::Headline => doc.title.into_iter().collect::<Vec<_>>(),
                Part::Body => doc.paragraphs.clone(),
            };
            prop_assert!(home.iter().any(|p| p.contains(s.span)), "sentence outside its part");
        }
    }
}
