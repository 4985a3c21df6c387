//! Golden checks of `dyad_html::extract` on single real pages from ../shared/data/extraction-dev: the article's
//! opening and closing paragraphs (taken from the set's own ground truth) are in the body, the page furniture seen
//! in the raw HTML is not, and the metadata matches what the page declares.

use std::io::Read;
use std::path::{Path, PathBuf};

use dyad_eval::extraction::{body_text, decode_page};
use dyad_html::Extracted;

fn set_dir(set: &str) -> PathBuf {
    Path::new(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../../shared/data/extraction-dev"
    ))
    .join(set)
}

fn extract_page(set: &str, id: &str) -> Extracted {
    let path = set_dir(set).join("html").join(format!("{id}.html.gz"));
    let raw = std::fs::read(&path).unwrap();
    let mut bytes = Vec::new();
    flate2::read::GzDecoder::new(&raw[..])
        .read_to_end(&mut bytes)
        .unwrap();
    dyad_html::extract(&decode_page(&bytes))
}

/// The ground-truth text of a page: `text` (newspaper4k) or `articleBody` (ScrapingHub).
fn truth_text(set: &str, id: &str) -> String {
    let path = set_dir(set).join("ground-truth.json");
    let all: serde_json::Value = serde_json::from_slice(&std::fs::read(path).unwrap()).unwrap();
    let entry = &all[id];
    entry["text"]
        .as_str()
        .or(entry["articleBody"].as_str())
        .unwrap()
        .to_owned()
}

fn normalise(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// First and last non-empty paragraphs of the truth must appear in the body.
fn assert_opening_and_closing_kept(page: &Extracted, truth: &str) {
    let body = normalise(&body_text(page));
    let paragraphs: Vec<&str> = truth.lines().filter(|l| !l.trim().is_empty()).collect();
    for p in [paragraphs[0], paragraphs[paragraphs.len() - 1]] {
        assert!(
            body.contains(&normalise(p)),
            "missing paragraph: {p:?}\nbody: {body}"
        );
    }
}

fn assert_absent(page: &Extracted, furniture: &[&str]) {
    let body = body_text(page);
    for f in furniture {
        assert!(!body.contains(f), "furniture kept: {f:?}");
    }
}

#[test]
fn cnn_analysis_keeps_article_drops_video_card_and_account_menu() {
    let page = extract_page("newspaper4k", "cnn_001");
    assert_opening_and_closing_kept(&page, &truth_text("newspaper4k", "cnn_001"));
    assert_absent(
        &page,
        &[
            "Log in to your CNN account",
            "Video Ad Feedback",
            "CNN values your feedback",
            "Topics You Follow",
            "Wildfire Tracker",
            "Cable News Network",
        ],
    );
    let m = &page.metadata;
    assert_eq!(m.byline, ["Joan Biskupic"]);
    assert!(m.date.as_deref().unwrap().starts_with("2023-11-06"));
    assert_eq!(m.language.as_deref(), Some("en"));
    assert_eq!(m.outlet.as_deref(), Some("CNN"));
    assert_eq!(
        page.url.as_deref(),
        Some("https://www.cnn.com/2023/11/06/politics/alito-prelogar-supreme-court-analysis/index.html")
    );
    // The headline is metadata, never a body block.
    let title = page.title.as_deref().unwrap();
    assert!(title.contains("nonstop sparring match"), "{title}");
    assert!(page.blocks.iter().all(|b| b.text != title));
}

#[test]
fn time_story_keeps_article_drops_must_reads_and_footer() {
    let page = extract_page("newspaper4k", "time_001");
    assert_opening_and_closing_kept(&page, &truth_text("newspaper4k", "time_001"));
    assert_absent(
        &page,
        &[
            "More Must-Reads From TIME",
            "Sign Up for Our Ideas Newsletter",
            "Contact the Editors",
            "Modern Slavery Statement",
            "alejandro.delagarza@time.com",
        ],
    );
    let m = &page.metadata;
    assert_eq!(m.byline, ["Alejandro de la Garza"]);
    assert_eq!(m.date.as_deref(), Some("2023-11-02T19:53:52Z"));
    assert_eq!(m.outlet.as_deref(), Some("TIME"));
}

/// The Hill wraps hover cards full of links inside its paragraphs and prints a byline above the body.
#[test]
fn hover_cards_inside_paragraphs_are_dropped_not_the_paragraphs() {
    let id = "6ebac05f637ece8aa57c298a2a5e3a8047f546f855d0f29cc683cea60ce85c85";
    let page = extract_page("scrapinghub", id);
    assert_opening_and_closing_kept(&page, &truth_text("scrapinghub", id));
    assert_absent(
        &page,
        &[
            "Hillicon Valley: Progressives oppose funding bill",
            "By Justine Coleman",
        ],
    );
    assert_eq!(page.metadata.byline, ["Justine Coleman"]);
}

/// Quanta splits one article into sections at different depths, with figures between them: every paragraph of
/// the truth must be found.
#[test]
fn article_split_into_sections_is_kept_whole() {
    let id = "bdb56ac83513635db1d8b9eb46b2da4c0de8da2f1f28f5bf5163df3eb3d3ec06";
    let page = extract_page("scrapinghub", id);
    let body = normalise(&body_text(&page));
    let truth = truth_text("scrapinghub", id);
    for p in truth.lines().filter(|l| !l.trim().is_empty()) {
        assert!(body.contains(&normalise(p)), "missing paragraph: {p:?}");
    }
}

/// Captions are set aside: kept as caption blocks and in the metadata, never in the body. Barron's puts a photo
/// with caption and credit inside the article.
#[test]
fn captions_are_set_aside_from_body() {
    let id = "f8ff621a0b9b7646cc0d57d37416feabba2bf78ef5dd0bfc5b080f9f97bbe584";
    let page = extract_page("scrapinghub", id);
    let body = body_text(&page);
    let captions = &page.metadata.captions;
    assert!(
        captions
            .iter()
            .any(|c| c.contains("Home Depot stock fell after the retailer")),
        "{captions:?}"
    );
    for c in captions {
        assert!(!body.contains(c.as_str()), "caption in body: {c:?}");
    }
    assert_opening_and_closing_kept(&page, &truth_text("scrapinghub", id));
}

/// Share of blocks whose raw offset must land exactly on their first word (the rest fall back to the line start,
/// e.g. when the word is written with an entity).
const MIN_EXACT_OFFSET_SHARE: f64 = 0.9;

#[test]
fn raw_offsets_point_at_block_text() {
    let path = set_dir("newspaper4k").join("html").join("cnn_001.html.gz");
    let raw = std::fs::read(&path).unwrap();
    let mut bytes = Vec::new();
    flate2::read::GzDecoder::new(&raw[..])
        .read_to_end(&mut bytes)
        .unwrap();
    let html = decode_page(&bytes);
    let page = dyad_html::extract(&html);
    let exact = page
        .blocks
        .iter()
        .filter(|b| {
            let word = b.text.split_whitespace().next().unwrap_or("");
            html.get(b.raw_offset as usize..)
                .is_some_and(|rest| rest.starts_with(word))
        })
        .count();
    let share = exact as f64 / page.blocks.len() as f64;
    assert!(
        share >= MIN_EXACT_OFFSET_SHARE,
        "{exact} of {} blocks",
        page.blocks.len()
    );
    let offsets: Vec<u64> = page.blocks.iter().map(|b| b.raw_offset).collect();
    assert!(
        offsets.windows(2).all(|w| w[0] <= w[1]),
        "offsets follow document order"
    );
}
