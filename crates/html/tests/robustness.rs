//! `extract` must never panic and must stay well-behaved on hostile or broken input: deep nesting, unclosed and
//! misnested tags, garbage bytes, huge attributes, pages without an article.

use dyad_html::{extract, BlockKind};

/// Nesting deep enough to overflow a recursive walk on [`SMALL_STACK`], shallow enough for the parser's scope checks
/// (quadratic in depth) in a debug build.
const DEEP_NESTING: usize = 5_000;
/// The stack the deep-nesting test runs on.
const SMALL_STACK: usize = 256 * 1024;

#[test]
fn empty_and_textless_inputs_give_no_blocks() {
    for html in [
        "",
        " ",
        "<html></html>",
        "<!doctype html>",
        "<<<>>>",
        "<script>alert(1)</script>",
    ] {
        let page = extract(html);
        assert!(page.blocks.is_empty(), "{html:?}: {:?}", page.blocks);
    }
}

#[test]
fn deep_nesting_does_not_overflow_the_stack() {
    let run = || {
        let sentence = "Officials said the talks would resume on Monday, after a week of delays. ";
        let mut html = "<div>".repeat(DEEP_NESTING);
        html.push_str("<p>");
        html.push_str(&sentence.repeat(5));
        html.push_str("</p>");
        let page = extract(&html);
        assert!(page.body_text().contains("talks would resume"));

        let mut inline = "<b><i>".repeat(DEEP_NESTING / 2);
        inline.push_str(&sentence.repeat(5));
        assert!(!extract(&inline).body_text().is_empty());
    };
    std::thread::Builder::new()
        .stack_size(SMALL_STACK)
        .spawn(run)
        .unwrap()
        .join()
        .unwrap();
}

#[test]
fn misnested_and_unclosed_markup_is_repaired() {
    let html = "<p>First <b>bold <i>both</b> italic</i> paragraph about the ceasefire, which held overnight, \
                officials said.<p>Second paragraph, unclosed, about the same ceasefire talks in the capital.\
                <table><tr><td>cell<p>in a cell</table><form><p>x</form></div></span>";
    let page = extract(html);
    let body = page.body_text();
    assert!(body.contains("bold both italic"), "{body}");
    assert!(body.contains("Second paragraph"), "{body}");
}

#[test]
fn garbage_and_control_characters_do_not_panic() {
    let mut garbage = String::new();
    for i in 0..20_000u32 {
        // Every code point class: controls, surrogate-adjacent, private use, markup characters.
        let c = char::from_u32((i * 7919) % 0x11_0000).unwrap_or('\u{fffd}');
        garbage.push(c);
        if i % 97 == 0 {
            garbage.push_str("<p class=\"");
        }
        if i % 89 == 0 {
            garbage.push_str("&#x0;&amp;&bogus;</");
        }
    }
    let _ = extract(&garbage);
}

#[test]
fn huge_attributes_and_hostile_metadata_do_not_panic() {
    let big = "x".repeat(1_000_000);
    let html = format!(
        "<html lang=\"{big}\"><head><meta property=\"article:published_time\" content=\"9999-99-99T99:99\">\
         <meta name=\"date\" content=\"2019-02-30T25:61:61+99:99\"><script type=\"application/ld+json\">\
         {{\"@type\":\"NewsArticle\",\"author\":[[[[{{\"name\":{{}}}}]]]],\"datePublished\":7,\"@graph\":[[[[]]]]}}\
         </script><title> | - | </title></head><body class=\"{big}\"><p>{big}</p></body></html>"
    );
    let page = extract(&html);
    assert_eq!(page.metadata.language, None);
}

#[test]
fn metadata_from_a_simple_page() {
    let html = r#"<html lang="de-AT"><head>
        <title>Regierung einigt sich auf Budget | Beispiel Zeitung</title>
        <meta property="og:site_name" content="Beispiel Zeitung">
        <meta property="article:published_time" content="2021-03-04T05:06:07+01:00">
        <meta name="author" content="Anna Berger, Paul Gruber">
        <link rel="canonical" href="https://example.at/budget">
        </head><body><nav><a href="/">Start</a><a href="/p">Politik</a><a href="/w">Wirtschaft</a></nav>
        <article><h1>Regierung einigt sich auf Budget</h1>
        <p>Die Regierung hat sich nach langen Verhandlungen auf ein Budget geeinigt, wie am Donnerstag bekannt wurde.</p>
        <figure><img src="a.jpg"><figcaption>Der Finanzminister am Donnerstag.</figcaption></figure>
        <p>Die Opposition kritisierte den Entwurf, der im Parlament noch beschlossen werden muss, scharf.</p>
        </article><footer>Impressum Kontakt Datenschutz</footer></body></html>"#;
    let page = extract(html);
    assert_eq!(
        page.title.as_deref(),
        Some("Regierung einigt sich auf Budget")
    );
    assert_eq!(page.metadata.language.as_deref(), Some("de"));
    assert_eq!(page.metadata.outlet.as_deref(), Some("Beispiel Zeitung"));
    assert_eq!(
        page.metadata.date.as_deref(),
        Some("2021-03-04T05:06:07+01:00")
    );
    assert_eq!(page.metadata.byline, ["Anna Berger", "Paul Gruber"]);
    assert_eq!(page.url.as_deref(), Some("https://example.at/budget"));
    let kinds: Vec<BlockKind> = page.blocks.iter().map(|b| b.kind).collect();
    assert_eq!(
        kinds,
        [
            BlockKind::Paragraph,
            BlockKind::Caption,
            BlockKind::Paragraph
        ]
    );
    assert_eq!(
        page.metadata.captions,
        ["Der Finanzminister am Donnerstag."]
    );
    let body = page.body_text();
    assert!(
        !body.contains("Impressum")
            && !body.contains("Politik")
            && !body.contains("einigt sich auf Budget\n")
    );
    // Offsets point at each block's first word in the raw page.
    for b in &page.blocks {
        let first_word = b.text.split_whitespace().next().unwrap();
        assert!(
            html[b.raw_offset as usize..].starts_with(first_word),
            "{b:?}"
        );
    }
}
