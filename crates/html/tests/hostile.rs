//! Hostile shapes that used to take quadratic time: each is big enough that a quadratic parse would take minutes
//! (even in a release build), and must keep its text and report the limit it hit. Speed figures come from the
//! `stress` example, not from here: no timed assertions.

use dyad_html::{extract_with_limits, MAX_ATTRIBUTES, MAX_DOM_DEPTH};

const SENTENCE: &str = "Officials said the talks would resume on Monday, after a week of delays. ";

#[test]
fn a_hundred_thousand_nested_divs_keep_their_text_and_report_the_depth_cap() {
    let n = 100_000;
    let mut html = "<div>".repeat(n);
    html.push_str("<p>");
    html.push_str(&SENTENCE.repeat(5));
    html.push_str("</p>");
    html.push_str(&"</div>".repeat(n));
    html.push_str("<p>After the nest, the talks went on for a second week, the ministry said.</p>");
    let (page, limits) = extract_with_limits(&html);
    assert!(limits.depth && limits.any(), "{limits}");
    assert!(!limits.attributes && !limits.formatting, "{limits}");
    assert_eq!(
        limits.hits().collect::<Vec<_>>(),
        [dyad_model::Limit::DomDepth]
    );
    let body = page.body_text();
    assert!(body.contains("talks would resume"), "{body}");
}

#[test]
fn every_common_tag_nested_past_the_cap_is_flattened() {
    let depth = 4 * MAX_DOM_DEPTH as usize;
    for (open, close) in [
        ("<p>", "</p>"),
        ("<span>", "</span>"),
        ("<table><tr><td>", "</td></tr></table>"),
        ("<ul><li>", "</li></ul>"),
        ("<blockquote>", "</blockquote>"),
        ("<a href=#>", "</a>"),
        ("<b><i>", "</i></b>"),
        ("<font size=2>", "</font>"),
        ("<section><article>", "</article></section>"),
        ("<x-custom>", "</x-other>"),
    ] {
        let mut html = String::new();
        for _ in 0..depth {
            html.push_str(open);
            html.push_str("word ");
        }
        html.push_str(&SENTENCE.repeat(5));
        html.push_str(&close.repeat(depth));
        let (page, _) = extract_with_limits(&html);
        let dom = dyad_html::dom::Dom::parse(&html);
        let mut deepest = 0;
        let mut depths = vec![0u32; dom.nodes.len()];
        for (i, node) in dom.nodes.iter().enumerate().skip(1) {
            if let Some(&d) = depths.get(node.parent as usize) {
                depths[i] = d + 1;
                deepest = deepest.max(d + 1);
            }
        }
        // Elements nest at most to the cap; a text node sits one below its element.
        assert!(deepest <= MAX_DOM_DEPTH + 1, "{open}: {deepest}");
        // `<a>` cannot nest and link-only text is not article; the rest keeps its prose.
        if open != "<a href=#>" {
            assert!(page.body_text().contains("talks would resume"), "{open}");
        }
    }
}

#[test]
fn thousands_of_attributes_on_one_tag_are_cut() {
    let mut html = String::from("<p><span ");
    for i in 0..200_000 {
        html.push_str(&format!("a{i}=\"v\" "));
    }
    html.push('>');
    html.push_str(&SENTENCE.repeat(5));
    html.push_str("</span></p>");
    let (page, limits) = extract_with_limits(&html);
    assert!(limits.attributes, "{limits}");
    assert!(page.body_text().contains("talks would resume"));
    let dom = dyad_html::dom::Dom::parse(&html);
    let most = dom
        .nodes
        .iter()
        .map(|n| match &n.data {
            dyad_html::dom::NodeData::Element { attrs, .. } => attrs.len(),
            _ => 0,
        })
        .max();
    assert_eq!(most, Some(MAX_ATTRIBUTES));
}

#[test]
fn attributes_in_scripts_and_comments_are_not_counted() {
    let fake_tag = format!("<a {}>", "x=1 ".repeat(2 * MAX_ATTRIBUTES));
    let html = format!(
        "<script>var s = '{fake_tag}';</script><!-- {fake_tag} --><article><p>{}</p></article>",
        SENTENCE.repeat(5)
    );
    let (page, limits) = extract_with_limits(&html);
    assert!(!limits.any(), "{limits}");
    assert!(page.body_text().contains("talks would resume"));
}

#[test]
fn paragraphs_reopening_ever_more_formatting_elements_stay_linear() {
    let mut html = String::new();
    for i in 0..50_000 {
        html.push_str(&format!("<p><b class=c{i}>{SENTENCE}</p>"));
    }
    let (page, limits) = extract_with_limits(&html);
    assert!(limits.formatting, "{limits}");
    assert!(page.body_text().contains("talks would resume"));
}

#[test]
fn misnested_and_unclosed_formatting_repeated_stays_linear() {
    for unit in [
        "<b><i>x</b>y</i> ",
        "<a href=#>word ",
        "<b id=1>w ",
        "a\0<b\0>\0 \0</b>&#0;",
    ] {
        let html = format!("<p>{}</p>", unit.repeat(50_000));
        let _ = extract_with_limits(&html);
    }
}

#[test]
fn ordinary_pages_hit_no_limit() {
    let html = format!(
        "<html><body><nav><a href=/>Home</a></nav><article><h1>Talks</h1><p>{}</p><p><b>Bold <i>both</b> \
         italic</i> text.</p></article></body></html>",
        SENTENCE.repeat(5)
    );
    let (page, limits) = extract_with_limits(&html);
    assert!(!limits.any(), "{limits}");
    assert_eq!(limits.to_string(), "none");
    assert_eq!(page, dyad_html::extract(&html));
}
