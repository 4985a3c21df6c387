//! Hostile and odd input (issue 17): text of any shape splits into bounded sentences in linear time. Each input is
//! a few megabytes, so a split that rescanned from every sentence start would take minutes; the checks are on
//! structure (bounds, counts), never on time.

use dyad_model::Span;
use dyad_sentences::{SentenceSplitter, MAX_SENTENCE_BYTES};

const MB: usize = 1 << 20;

fn repeat(piece: &str, bytes: usize) -> String {
    piece.repeat(bytes / piece.len() + 1)
}

/// Spans in order, in bounds, on character boundaries, trimmed, within the limit, with only whitespace between.
fn check(text: &str, spans: &[Span]) {
    let mut last = 0usize;
    for s in spans {
        let (start, end) = (s.start as usize, s.end as usize);
        assert!(
            last <= start && start < end && end <= text.len(),
            "{s:?} after {last}"
        );
        let sentence = text.get(start..end).expect("on character boundaries");
        assert_eq!(sentence.trim(), sentence);
        assert!(
            sentence.len() <= MAX_SENTENCE_BYTES,
            "{} bytes",
            sentence.len()
        );
        assert!(
            text[last..start].trim().is_empty(),
            "text lost before {start}"
        );
        last = end;
    }
    assert!(text[last..].trim().is_empty(), "text lost at the end");
}

fn split(text: &str) -> Vec<Span> {
    let spans: Vec<Span> = SentenceSplitter::new().split_text(text, 0).collect();
    check(text, &spans);
    spans
}

#[test]
fn a_line_of_words_without_punctuation_is_cut_at_whitespace() {
    let text = repeat(
        "officials from the ministry met again today near the border town ",
        4 * MB,
    );
    let spans = split(&text);
    // Every forced cut advances by at least half the limit.
    assert!(
        spans.len() <= 2 * text.len() / MAX_SENTENCE_BYTES + 1,
        "{}",
        spans.len()
    );
    for s in &spans[..spans.len() - 1] {
        let after = &text[s.end as usize..];
        assert!(after.starts_with(' '), "cut inside a word at {}", s.end);
    }
}

#[test]
fn a_run_on_sentence_is_cut_after_a_semicolon_colon_or_comma_before_a_conjunction() {
    for (piece, ending) in [
        ("troops moved north; ", ";"),
        ("the talks went on: ", ":"),
        ("the talks went on, and ", ","),
    ] {
        let text = repeat(piece, MB);
        let spans = split(&text);
        for s in &spans[..spans.len() - 1] {
            assert!(
                s.slice(&text).ends_with(ending),
                "{piece:?}: {:?}",
                s.slice(&text)
            );
        }
    }
}

#[test]
fn one_character_repeated_is_cut_at_the_limit_on_character_boundaries() {
    for piece in ["x", "é", "漢", "😀", "\0", "(", ")", "-"] {
        let text = repeat(piece, 2 * MB);
        let spans = split(&text);
        let fill = MAX_SENTENCE_BYTES / piece.len() * piece.len();
        for s in &spans[..spans.len() - 1] {
            assert_eq!(s.len(), fill, "{piece:?}");
        }
    }
}

#[test]
fn runs_of_terminators_stay_bounded() {
    for piece in [".", "!", "…", "?”", ". ", "x."] {
        let text = repeat(piece, 2 * MB);
        let spans = split(&text);
        assert!(!spans.is_empty(), "{piece:?}");
    }
}

#[test]
fn a_million_tiny_sentences_split_one_by_one() {
    let text = repeat("Troops left. ", 13 * 200_000);
    let spans = split(&text);
    assert_eq!(spans.len(), text.len() / "Troops left. ".len());
    let text = repeat("A. ", 3 * 1_000_000);
    let spans = split(&text);
    assert!(spans.len() >= 1_000_000 / 2, "{}", spans.len());
}

#[test]
fn a_long_opening_bracket_run_before_many_abbreviations_stays_linear() {
    let mut text = "(".repeat(MAX_SENTENCE_BYTES / 2);
    text.push_str(&repeat(" Mr. Smith", 2 * MB));
    split(&text);
}

#[test]
fn a_document_notes_each_forced_cut_as_a_limit_hit() {
    use dyad_model::{Document, Limit};
    let body = repeat("troops moved north ", 10 * MAX_SENTENCE_BYTES);
    let text = format!("Headline\n\n{body}. Talks ended.");
    let mut doc = Document {
        title: Some(Span::new(0, 8)),
        body: Span::new(10, text.len()),
        text,
        ..Document::default()
    };
    dyad_sentences::split(&mut doc);
    check(
        &doc.text,
        &doc.sentences.iter().map(|s| s.span).collect::<Vec<_>>(),
    );
    let hits: Vec<(Limit, u32)> = doc.limits.iter().map(|h| (h.limit, h.times)).collect();
    let cut = doc.sentences.len() as u32 - 3; // the headline, the run-on's last piece and "Talks ended."
    assert_eq!(hits, [(Limit::SentenceBytes, cut)]);
    let mut plain = Document {
        text: "Troops moved. Talks ended.".into(),
        body: Span::new(0, 26),
        ..Document::default()
    };
    dyad_sentences::split(&mut plain);
    assert!(plain.limits.is_empty());
}
