//! How far to trust an extraction: page-level signals (link-dense blocks, teaser structure, where the prose is,
//! where the headline is) and the page's own JSON-LD `articleBody`, weighed into a confidence in [0, 1] with the
//! reasons, so that listing pages and truncated articles can be flagged downstream.
//!
//! The JSON-LD body is evidence, not the answer: it is often a teaser of a few hundred characters, so it confirms
//! the article when the extracted text covers it, and it replaces the extracted text only when it is long and the
//! extraction covers little of it (an article cut short, or the wrong container).

use std::collections::HashSet;
use std::hash::{BuildHasherDefault, Hasher};

use dyad_model::hash::Fnv1a64;
use dyad_model::ExtractionQuality;

use crate::content::PageSignals;
use crate::hints::*;

/// Word shingles of this many words compare the JSON-LD body with the extracted text.
const SHINGLE_WORDS: usize = 3;

type ShingleSet = HashSet<u64, BuildHasherDefault<Fnv1a64>>;

fn words(text: &str) -> impl Iterator<Item = &str> {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
}

/// Hashes of the text's word shingles (a text shorter than a shingle gives one of all its words).
fn shingles(text: &str) -> ShingleSet {
    let ws: Vec<&str> = words(text).collect();
    let mut set = ShingleSet::default();
    let hash = |group: &[&str]| {
        let mut h = Fnv1a64::default();
        for w in group {
            for c in w.chars().flat_map(char::to_lowercase) {
                h.write_u32(c as u32);
            }
            h.write_u8(0);
        }
        h.finish()
    };
    if ws.len() < SHINGLE_WORDS {
        if !ws.is_empty() {
            set.insert(hash(&ws));
        }
        return set;
    }
    for group in ws.windows(SHINGLE_WORDS) {
        set.insert(hash(group));
    }
    set
}

/// How the page's JSON-LD `articleBody` compares with the extracted body.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct BodyAgreement {
    /// Words in the JSON-LD body.
    pub declared_words: usize,
    /// Words in the extracted body.
    pub extracted_words: usize,
    /// Share of the JSON-LD body's shingles found in the extracted body.
    pub coverage: f64,
    /// Share of the extracted body's shingles found in the JSON-LD body.
    pub support: f64,
}

pub(crate) fn compare(declared: &str, extracted: &str) -> BodyAgreement {
    let d = shingles(declared);
    let e = shingles(extracted);
    let shared = d.iter().filter(|h| e.contains(h)).count();
    let share = |n: usize| {
        if n == 0 {
            0.0
        } else {
            shared as f64 / n as f64
        }
    };
    BodyAgreement {
        declared_words: words(declared).count(),
        extracted_words: words(extracted).count(),
        coverage: share(d.len()),
        support: share(e.len()),
    }
}

impl BodyAgreement {
    /// A full-length declared body (not a teaser) that the extraction covers too little of, while what was
    /// extracted is part of it: the article was cut short (split by ads or embeds, only the first part kept), and
    /// the declared body is the better text.
    pub fn extraction_falls_short(&self) -> bool {
        self.declared_words >= LD_FULL_BODY_MIN_WORDS
            && self.coverage < LD_MIN_COVERAGE
            && self.support >= LD_TRUNCATED_SUPPORT
            && (self.extracted_words as f64) < LD_SHORTFALL_SHARE * self.declared_words as f64
    }
}

/// Where the body text came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum BodySource {
    Markup,
    /// The JSON-LD body, because the markup had almost none (script-rendered page).
    DeclaredNoMarkup,
    /// The JSON-LD body, because the markup's article covered little of it.
    DeclaredShortfall,
    /// The page's description, because the markup (and JSON-LD) had no body.
    Description,
}

fn round2(x: f64) -> f64 {
    (x.clamp(0.0, 1.0) * 100.0).round() / 100.0
}

/// The extracted body's length, and the length the page's JSON-LD `wordCount` declares.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct BodySize {
    pub chars: usize,
    /// Whitespace-separated words.
    pub words: usize,
    pub declared_words: Option<usize>,
}

/// Weigh the signals into a confidence and its reasons.
pub(crate) fn assess(
    sig: &PageSignals,
    size: BodySize,
    agreement: Option<BodyAgreement>,
    source: BodySource,
    min_article_chars: usize,
) -> ExtractionQuality {
    let body_chars = size.chars;
    let mut reasons: Vec<String> = Vec::new();
    let mut c = 1.0f64;
    if body_chars == 0 {
        return ExtractionQuality {
            confidence: 0.0,
            reasons: vec!["no body text".into()],
        };
    }
    if body_chars < min_article_chars {
        c *= CONFIDENCE_SHORT_BODY;
        reasons.push(format!("short body: {body_chars} chars"));
    }
    match source {
        BodySource::Markup => {}
        BodySource::DeclaredNoMarkup => {
            c *= CONFIDENCE_DECLARED_BODY;
            reasons.push("body from JSON-LD articleBody: the markup has almost none".into());
        }
        BodySource::DeclaredShortfall => {
            c *= CONFIDENCE_DECLARED_BODY;
            reasons.push(
                "body from JSON-LD articleBody: the markup's article covered little of it".into(),
            );
        }
        BodySource::Description => {
            c *= CONFIDENCE_DESCRIPTION_BODY;
            reasons.push("body from the page's description: the markup has none".into());
        }
    }
    // Listing, hub and section pages: many link-dense blocks around the chosen text and few prose blocks in it.
    let listing = sig.link_dense_blocks >= LISTING_MIN_LINK_DENSE_BLOCKS
        && sig.link_dense_blocks
            > LISTING_LINK_DENSE_PER_PROSE_BLOCK * sig.article_prose_blocks.max(1);
    if listing {
        c *= CONFIDENCE_LISTING;
        reasons.push(format!(
            "listing page: {} link-dense blocks, {} prose blocks in the article",
            sig.link_dense_blocks, sig.article_prose_blocks
        ));
    }
    let teasers = sig.article_headings >= TEASER_MIN_HEADINGS
        && sig.article_headings as f64
            >= TEASER_HEADINGS_PER_PARAGRAPH * sig.article_long_paragraphs.max(1) as f64;
    if teasers {
        let per_paragraph = sig.article_headings as f64 / sig.article_long_paragraphs.max(1) as f64;
        let (low, high) = TEASER_LIST_HEADINGS_PER_PARAGRAPH;
        let uniform = sig.article_headings >= TEASER_LIST_MIN_HEADINGS
            && (low..=high).contains(&per_paragraph);
        c *= if uniform {
            CONFIDENCE_TEASER_LIST
        } else {
            CONFIDENCE_TEASERS
        };
        reasons.push(format!(
            "teaser list: {} linked headings for {} long paragraphs{}",
            sig.article_headings,
            sig.article_long_paragraphs,
            if uniform { ", one per teaser card" } else { "" }
        ));
    }
    if sig.page_prose_chars > 0 && source == BodySource::Markup {
        let share = sig.article_prose_chars as f64 / sig.page_prose_chars as f64;
        if share < PROSE_SHARE_LOW && sig.outside_prose_blocks >= SPLIT_PROSE_MIN_BLOCKS {
            c *= CONFIDENCE_PROSE_ELSEWHERE;
            reasons.push(format!(
                "article holds {:.0}% of the page's prose ({} prose blocks elsewhere)",
                share * 100.0,
                sig.outside_prose_blocks
            ));
        }
    }
    // A declared word count (of text written with spaces between words) well above or below the extraction's.
    if let Some(declared) = size.declared_words.filter(|&n| n >= LD_FULL_BODY_MIN_WORDS) {
        let spaced = size.words > 0 && size.chars / size.words <= MAX_CHARS_PER_SPACED_WORD;
        let ratio = size.words as f64 / declared as f64;
        if spaced && ratio < WORD_COUNT_SHORT_RATIO {
            c *= CONFIDENCE_WORD_COUNT_OFF;
            reasons.push(format!(
                "wordCount says {declared} words, {} extracted: truncated?",
                size.words
            ));
        } else if spaced && ratio > WORD_COUNT_LONG_RATIO {
            c *= CONFIDENCE_WORD_COUNT_OFF;
            reasons.push(format!(
                "wordCount says {declared} words, {} extracted: more than the article?",
                size.words
            ));
        }
    }
    if sig.teasers_cut > 0 {
        c *= CONFIDENCE_TEASERS_CUT;
        reasons.push(format!(
            "{} blocks of story teasers after the article left out",
            sig.teasers_cut
        ));
    }
    if sig.second_article_cut {
        c *= CONFIDENCE_SECOND_ARTICLE;
        reasons.push("second article after this one left out".into());
    }
    if sig.relaxed && source == BodySource::Markup {
        c *= CONFIDENCE_RELAXED;
        reasons.push("found only without class hints".into());
    }
    match sig.headline_aligned {
        Some(false) if source == BodySource::Markup => {
            c *= CONFIDENCE_HEADLINE_APART;
            reasons.push("headline not next to the body".into());
        }
        Some(true) if source == BodySource::Markup => {
            reasons.push("body follows the headline".into())
        }
        _ => {}
    }
    if let Some(a) = agreement {
        if source == BodySource::Markup {
            if a.declared_words >= LD_FULL_BODY_MIN_WORDS {
                if a.coverage >= LD_AGREES_COVERAGE {
                    c = c.max(CONFIDENCE_AGREED_FLOOR);
                    reasons.push(format!(
                        "articleBody agrees: {:.0}% of it found",
                        a.coverage * 100.0
                    ));
                } else {
                    c *= CONFIDENCE_DISAGREES;
                    reasons.push(format!(
                        "articleBody disagrees: {:.0}% of it found",
                        a.coverage * 100.0
                    ));
                }
            } else if a.coverage >= LD_AGREES_COVERAGE {
                reasons.push("articleBody teaser found in the body".into());
            } else {
                c *= CONFIDENCE_TEASER_MISSING;
                reasons.push("articleBody teaser not found in the body".into());
            }
        }
    }
    ExtractionQuality {
        confidence: round2(c),
        reasons,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn coverage_measures_how_much_of_the_declared_body_was_found() {
        let declared = "Negotiators met in Geneva on Monday and agreed to meet again next week.";
        let a = compare(declared, &format!("Intro line here. {declared}"));
        assert_eq!(a.coverage, 1.0);
        assert!(a.support < 1.0);
        let half = compare(declared, "Negotiators met in Geneva on Monday");
        assert!(half.coverage > 0.2 && half.coverage < 0.6, "{half:?}");
        assert_eq!(compare(declared, "").coverage, 0.0);
    }

    #[test]
    fn a_long_declared_body_the_extraction_misses_is_a_shortfall() {
        let sentence =
            "Officials from both delegations said the talks on the border would continue. ";
        let declared = sentence.to_owned()
            + &"Further rounds were planned for the spring in several capitals. ".repeat(30);
        let short = compare(&declared, sentence);
        assert_eq!(short.support, 1.0);
        assert!(short.extraction_falls_short(), "{short:?}");
        let teaser = compare(
            sentence,
            "Something else entirely was extracted from this page.",
        );
        assert!(!teaser.extraction_falls_short());
    }

    fn chars(n: usize) -> BodySize {
        BodySize {
            chars: n,
            words: n / 6,
            declared_words: None,
        }
    }

    #[test]
    fn a_declared_word_count_far_from_the_extraction_lowers_confidence() {
        let sig = PageSignals::default();
        let size = |words, declared| BodySize {
            chars: words * 6,
            words,
            declared_words: Some(declared),
        };
        let q = assess(&sig, size(200, 1000), None, BodySource::Markup, 250);
        assert!(
            q.confidence < 1.0 && q.reasons[0].contains("truncated?"),
            "{q:?}"
        );
        assert_eq!(
            assess(&sig, size(950, 1000), None, BodySource::Markup, 250).confidence,
            1.0
        );
        // Text without spaces between words (Japanese) cannot be counted so.
        let unspaced = BodySize {
            chars: 3000,
            words: 20,
            declared_words: Some(1000),
        };
        assert_eq!(
            assess(&sig, unspaced, None, BodySource::Markup, 250).confidence,
            1.0
        );
    }

    #[test]
    fn listing_pages_and_empty_pages_get_low_confidence() {
        let article = PageSignals {
            article_prose_blocks: 12,
            article_long_paragraphs: 12,
            article_prose_chars: 5000,
            page_prose_chars: 5200,
            headline_aligned: Some(true),
            ..PageSignals::default()
        };
        let good = assess(&article, chars(5000), None, BodySource::Markup, 250);
        assert_eq!(good.confidence, 1.0);
        let listing = PageSignals {
            link_dense_blocks: 30,
            article_prose_blocks: 2,
            article_headings: 9,
            article_long_paragraphs: 3,
            ..article
        };
        let bad = assess(&listing, chars(900), None, BodySource::Markup, 250);
        assert!(bad.confidence < 0.5, "{bad:?}");
        assert!(bad.reasons[0].starts_with("listing page: 30 link-dense blocks"));
        assert_eq!(
            assess(&article, chars(0), None, BodySource::Markup, 250).confidence,
            0.0
        );
    }

    #[test]
    fn extraction_reports_its_confidence() {
        let prose = "Negotiators met in Geneva on Monday, officials said, and agreed to meet again next week to \
                     settle the remaining questions about the border, the prisoners and the aid convoys.";
        let article = format!(
            "<html><head><title>Talks resume</title></head><body><article><h1>Talks resume</h1>\
             <p>{prose}</p><p>{prose}</p><p>{prose}</p></article></body></html>"
        );
        let q = crate::extract(&article).metadata.extraction.unwrap();
        assert_eq!(q.confidence, 1.0, "{q:?}");
        assert_eq!(q.reasons, ["body follows the headline"]);
        let teasers: String = (0..10)
            .map(|i| {
                format!(
                    "<div class=card><h2><a href=/story/{i}>Story number {i} of the day</a></h2>\
                     <p>A summary of story number {i}, which says what happened and where it happened.</p></div>"
                )
            })
            .collect();
        let listing = format!("<html><body><h1>Latest news</h1><div>{teasers}</div></body></html>");
        let q = crate::extract(&listing).metadata.extraction.unwrap();
        assert!(q.confidence <= 0.6, "{q:?}");
        assert!(
            q.reasons[0].starts_with("teaser list: 10 linked headings"),
            "{q:?}"
        );
    }

    /// Many teaser cards of one shape (a linked headline over a summary paragraph) weigh more than a few linked
    /// headings in an article: a listing page, well under 0.5.
    #[test]
    fn a_list_of_uniform_teaser_cards_is_flagged_below_one_half() {
        let card = |i: usize| {
            format!(
                "<article class=teaser><h2><a href=/world/story-{i}>Story number {i} of the day</a></h2>\
                 <p>Officials met in the capital on Monday, as story number {i} tells, in a move that drew swift \
                 criticism from neighbouring governments and from the United Nations.</p></article>"
            )
        };
        let page = |n: usize| {
            let cards: String = (0..n).map(card).collect();
            format!("<html><body><h1>World</h1><main>{cards}</main></body></html>")
        };
        let many = crate::extract(&page(24)).metadata.extraction.unwrap();
        assert!(many.confidence < 0.5, "{many:?}");
        assert!(many.reasons[0].ends_with("one per teaser card"), "{many:?}");
        let few = crate::extract(&page(5)).metadata.extraction.unwrap();
        assert!(few.confidence > many.confidence, "{few:?} vs {many:?}");
    }

    #[test]
    fn a_full_json_ld_body_replaces_a_truncated_extraction() {
        let first = "Negotiators met in Geneva on Monday, officials said, and agreed to meet again next week to \
                     settle the remaining questions about the border.";
        let rest: String = (0..20)
            .map(|i| format!("Round {i} of the talks will take up the prisoners and the aid convoys, they said. "))
            .collect();
        let json =
            serde_json::json!({"@type": "NewsArticle", "articleBody": format!("{first}\n{rest}")});
        let html = format!(
            "<html><head><script type=application/ld+json>{json}</script></head><body><article>\
             <p>{first}</p><p>{first}</p></article></body></html>"
        );
        let page = crate::extract(&html);
        assert!(
            page.body_text().contains("Round 19 of"),
            "{}",
            page.body_text()
        );
        let q = page.metadata.extraction.unwrap();
        assert!(q.reasons[0].contains("covered little of it"), "{q:?}");
    }
}
