//! `Dom::parse` drops the text of scripts and styles before tokenizing it; the tree must be the one a parse
//! keeping that text builds, on real pages and on the markup that makes a script's end hard to find.

use dyad_html::dom::Dom;
use std::io::Read;

fn assert_same(html: &str, what: &str) {
    let dropped = Dom::parse(html);
    let kept = Dom::parse_keeping_scripts(html);
    if let Some(d) = dropped.first_difference_outside_scripts(&kept) {
        panic!("{what}: the trees differ at {d}");
    }
}

#[test]
fn tricky_script_and_style_ends() {
    let cases = [
        "<script>a</script><p>x</p>",
        "<script>if (a </script > b) {}</script><p>x</p>",
        "<script>a</scripts>b</script><p>x</p>",
        "<SCRIPT>a</ScRiPt\n><p>x</p>",
        "<script><!-- document.write('<script>x</script>'); --></script><p>after</p>",
        "<script><!--<script></script>--></script><p>y</p><script>z</script>",
        "<script type=application/ld+json>{\"a\": 1}</script><p>x</p>",
        "<svg><script><p>breaks out</p></script></svg><p>x</p>",
        "<svg><style><p>also</p></style></svg>",
        "<frameset><script><p>ignored</p></script></frameset>",
        "<title><script>x</title><p>y</p><script>z</script>",
        "<textarea></textarea><script>\r\n\r\na\rb</script>\n<p>line</p>",
        "<style>p{}</style\t><p>x</p><style>",
        "<script>never closed <p>x</p>",
        "<script>a</script",
        "<noscript><script>x</script></noscript><p>y</p>",
        "<math><mi><style>q</style></mi></math><p>z</p>",
        "<table><script>x</script><tr><td>c</td></tr></table>",
        "<select><script>s</script><option>o</option></select>",
        "<template><script>t</script><p>in template</p></template>",
    ];
    for html in cases {
        assert_same(html, html);
    }
    // The text is gone, its line breaks are not.
    let dom = Dom::parse("<script>\nvar a = 1;\n</script><p>x</p>");
    let kept = Dom::parse_keeping_scripts("<script>\nvar a = 1;\n</script><p>x</p>");
    assert!(dom.nodes.len() <= kept.nodes.len());
    let mut text = String::new();
    dom.raw_text(dyad_html::dom::DOCUMENT, &mut text);
    assert_eq!(text, "\n\nx");
}

/// Every page of the shared extraction dev sets parses to the same tree either way.
#[test]
fn real_pages_parse_the_same() {
    let root = std::env::var("DYAD_SHARED_DATA")
        .map(std::path::PathBuf::from)
        .unwrap_or_else(|_| std::path::PathBuf::from("../../../shared/data"))
        .join("extraction-dev");
    let mut pages = 0;
    let step = if std::env::var_os("DYAD_SCRIPT_TEXT_ALL").is_some() {
        1
    } else {
        4
    };
    for set in ["scrapinghub", "newspaper4k", "trafilatura"] {
        let Ok(dir) = std::fs::read_dir(root.join(set).join("html")) else {
            continue;
        };
        let mut paths: Vec<_> = dir.filter_map(|e| e.ok().map(|e| e.path())).collect();
        paths.sort();
        // A share of the pages keeps the debug-build test short (DYAD_SCRIPT_TEXT_ALL=1: all of them).
        for path in paths.iter().step_by(step) {
            let mut bytes = Vec::new();
            flate2::read::GzDecoder::new(std::fs::File::open(path).unwrap())
                .read_to_end(&mut bytes)
                .unwrap();
            assert_same(
                &String::from_utf8_lossy(&bytes),
                &path.display().to_string(),
            );
            pages += 1;
        }
    }
    assert!(
        pages > 200,
        "only {pages} pages found under {} (set DYAD_SHARED_DATA)",
        root.display()
    );
}
