//! Properties of the finder on any input: it never panics, every span it returns lies inside the text on character
//! boundaries, and the same input gives the same output. Inputs mix the finder's own vocabulary (cues, quote marks,
//! outlets, pronouns) with arbitrary text, and sentence spans that are valid, out of range, inverted, overlapping or
//! inside a multi-byte character.

use dyad_model::{Part, Sentence, Span};
use dyad_quotes::{claim_of, Attribution, QuoteFinder};
use proptest::prelude::*;

const VOCABULARY: &[&str] = &[
    "said",
    "says",
    "say",
    "told",
    "tells",
    "Reuters",
    "AFP",
    "according",
    "to",
    "According",
    "the",
    "a",
    "ministry",
    "he",
    "she",
    "they",
    "it",
    "“",
    "”",
    "\"",
    "‘",
    "’",
    "«",
    "»",
    ",",
    ".",
    ":",
    ";",
    " ",
    " ",
    " ",
    "\n",
    "\n\n",
    "Lavrov",
    "Sergei",
    "who",
    "quoted",
    "as",
    "saying",
    "that",
    "on",
    "Monday",
    "in",
    "statement",
    "é",
    "日本",
    "of",
    "for",
    "and",
    "denied",
    "warned",
    "added",
    "adding",
    "was",
    "not",
    "by",
    "Interfax",
    "<",
    ">",
    "officials",
    "spokesman",
    "’s",
    "'s",
    "-",
    "(",
    ")",
    "!",
    "?",
    "…",
    "U.S.",
    "Mr.",
    "",
];

fn text_strategy() -> impl Strategy<Value = String> {
    prop_oneof![
        prop::collection::vec(prop::sample::select(VOCABULARY), 0..80).prop_map(|words| {
            let mut s = String::new();
            for (i, w) in words.iter().enumerate() {
                if i % 3 != 0 {
                    s.push(' ');
                }
                s.push_str(w);
            }
            s
        }),
        any::<String>(),
        "[\"“”‘’a-zA-Z ,.:\n]{0,200}",
    ]
}

/// Sentences from a sentence-like cut of the text (valid spans) plus arbitrary pairs (any spans).
fn sentences_for(text: &str, raw: &[(u16, u16, bool)], valid: bool) -> Vec<Sentence> {
    let part = |h: bool| if h { Part::Headline } else { Part::Body };
    if valid {
        let mut out = Vec::new();
        let mut start = 0;
        for (i, c) in text.char_indices() {
            if matches!(c, '.' | '!' | '?' | '\n') {
                let end = i + c.len_utf8();
                out.push(Sentence {
                    span: Span::new(start, end),
                    part: Part::Body,
                });
                start = end;
            }
        }
        out.push(Sentence {
            span: Span::new(start, text.len()),
            part: Part::Body,
        });
        out
    } else {
        raw.iter()
            .map(|&(a, b, h)| Sentence {
                span: Span {
                    start: u32::from(a),
                    end: u32::from(b),
                },
                part: part(h),
            })
            .collect()
    }
}

fn check_spans(text: &str, sentences: &[Sentence], found: &[Attribution]) {
    for a in found {
        for span in [
            Some(a.speaker),
            Some(a.cue),
            Some(a.content),
            a.outlet,
            a.antecedent,
        ]
        .into_iter()
        .flatten()
        {
            assert!(
                text.get(span.range()).is_some(),
                "span {span:?} off the text or a char boundary in {text:?}: {a:?}"
            );
        }
        assert!(
            !a.speaker.is_empty() && !a.cue.is_empty() && !a.content.is_empty(),
            "{a:?}"
        );
        assert!(
            (a.sentence as usize) < sentences.len() && (a.cue_sentence as usize) < sentences.len()
        );
        // The content never contains the cue's own sentence-final attribution beyond the sentence's text.
        assert!(a.content.end as usize <= text.len());
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    #[test]
    fn any_text_and_any_sentences_give_valid_spans(
        text in text_strategy(),
        raw in prop::collection::vec((0u16..300, 0u16..300, any::<bool>()), 0..12),
        valid in any::<bool>(),
        verb in (0u32..300, 0u32..20),
    ) {
        let finder = dyad_quotes::default_finder();
        let sentences = sentences_for(&text, &raw, valid);
        let found = finder.find(&text, &sentences);
        check_spans(&text, &sentences, &found);
        prop_assert_eq!(&found, &finder.find(&text, &sentences), "deterministic");
        let verb = Span::new(verb.0 as usize, (verb.0 + verb.1) as usize);
        if let Some(a) = claim_of(&found, verb) {
            prop_assert!(a.content.contains(verb));
        }
    }
}

#[test]
fn hostile_shapes_finish_and_stay_valid() {
    let finder = QuoteFinder::new();
    let shapes = [
        "“".repeat(50_000),
        "\" said he, ".repeat(20_000),
        "said ".repeat(50_000),
        "according to ".repeat(30_000),
        "X told Reuters: “".repeat(20_000),
        "the the the of of and , , , said".repeat(10_000),
        "Officials who who who said ".repeat(20_000),
        "’s".repeat(50_000),
    ];
    for text in shapes {
        for sentences in [
            vec![Sentence {
                span: Span::new(0, text.len()),
                part: Part::Body,
            }],
            (0..text.len())
                .step_by(97)
                .filter(|&i| {
                    text.is_char_boundary(i) && text.is_char_boundary((i + 97).min(text.len()))
                })
                .map(|i| Sentence {
                    span: Span::new(i, (i + 97).min(text.len())),
                    part: Part::Body,
                })
                .collect(),
        ] {
            let found = finder.find(&text, &sentences);
            check_spans(&text, &sentences, &found);
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(500))]

    #[test]
    fn the_fuzz_entry_point_holds_on_any_bytes(data in prop::collection::vec(any::<u8>(), 0..400)) {
        dyad_quotes::fuzz_attributions(&data);
    }
}
