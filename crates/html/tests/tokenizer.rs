//! The fast tokenizer must build the tree (lines included) html5ever's tokenizer builds, on every page it does not
//! hand back; and it must hand back few real pages, or the speed-up is lost.

use dyad_html::dom::Dom;
use std::collections::BTreeMap;
use std::io::Read;
use std::path::{Path, PathBuf};

/// Whether the fast tokenizer took the page; panics when its tree differs from html5ever's.
fn check(html: &str, what: &str) -> Result<(), &'static str> {
    let mut reason = Ok(());
    for drop in [true, false] {
        let reference = Dom::parse_with_html5ever_tokenizer(html, drop);
        match Dom::parse_with_fast_tokenizer(html, drop) {
            Ok(fast) => {
                if let Some(d) = fast.first_difference(&reference) {
                    panic!("{what} (script text dropped: {drop}): fast / html5ever trees differ at {d}");
                }
                assert_eq!(fast.limits, reference.limits, "{what}: limits differ");
            }
            Err(e) => reason = Err(e.0),
        }
        // Whatever the route, the public parse is html5ever's tree.
        let public = if drop {
            Dom::parse(html)
        } else {
            Dom::parse_keeping_scripts(html)
        };
        if let Some(d) = public.first_difference(&reference) {
            panic!("{what}: Dom::parse differs from html5ever's tree at {d}");
        }
    }
    reason
}

#[test]
fn tricky_markup_builds_the_same_tree() {
    let cases = [
        "",
        "plain",
        "\u{feff}<p>bom</p>",
        "<!DOCTYPE html><html><head><title>T &amp; x</title></head><body><p>a</p></body></html>",
        "<!doctype HTML PUBLIC \"-//W3C//DTD HTML 4.01 Transitional//EN\" \"http://www.w3.org/TR/html4/loose.dtd\">\n<p>q",
        "<!DOCTYPE html PUBLIC \"-//W3C//DTD XHTML 1.0 Strict//EN\"\r\n \"http://www.w3.org/TR/xhtml1/DTD/xhtml1-strict.dtd\">\r\n<html><p>x</p>",
        "<!DOCTYPE html SYSTEM 'about:legacy-compat'><table><p>quirks?</p></table>",
        "<!DOCTYPE html PUBLIC \"-//W3C//DTD HTML 4.01//EN\"><table><p>x</table>",
        "<!DOCTYPE>x",
        "<!DOCTYPEhtml>x",
        "<p>a\nb\n\nc</p>\n\n<p>\n d</p>",
        "<p>a\r\nb\rc\r\n\r\n<b>d</b>\r</p>",
        "\r\n\r\n<html>\r\n<head>\r\n<title>\r\nT\r\n</title>\r\n</head>\r\n<body>\r\n<p>x</p></body></html>\r\n",
        "<p>1 < 2 <\n3 <\r\n4 <<b>5</b> <3</p>",
        "<p>a &amp b &amp; c &ampx &notit; &notin; &#65; &#x41; &#X41 &#; &#x; &#0; &#128; &#x110000; &#xD800; &#99999999999; & ; &\n</p>",
        "<p>AT&T &T; &zzzz; &zz &Aacute &Aacutex &lt;&gt;&amp&lt<b>x</b></p>",
        "<a href=\"?a=1&b=2&amp;c=3&copy=4&copy;&notit=5&lt\">l</a><a href=x&amp;y&lt=z>m</a>",
        "<a title='it&apos;s' data-x=\"&#10;&#13;\r\n\">q</a>",
        "<div\nclass=\"a\"\n  id=b\r\n title =\n\"c\"\n>x</div>\n<p>after</p>",
        "<div class=\n\n\"a\">x</div><p>line</p>",
        "<img src=a.png alt=\"x\"/><br/><input type=checkbox checked><p/>",
        "<p class=a class=b CLASS=c Id=X>dup</p>",
        "<DIV CLASS=\"A\"><SPAN>x</SPAN></DIV>",
        "<p a=\"1\"b='2'c=3 =d \"e' <f>x</p>",
        "<p a/b/c/>x</p><p / >y</p>",
        "<a href=x>unquoted</a ><a href = 'y' >s</a>",
        "</>x</ p></3>y<?xml version=\"1.0\"?><p>z</p>",
        "<!-- c --><p>a<!----><!---->b<!-->c<!--->d<!-- <!-- x -->e<!-- a -- b -->f</p>",
        "<!-- a --!> b --><p>x</p>",
        "<!--\r\nmulti\nline\r-->\n<p>x</p>",
        "<!x><!-x-><![if IE]>y<![endif]><p>z</p>",
        "<svg><![CDATA[ <p> ]]></svg><p>x</p>",
        "<title>a<b>&amp;</b></title><textarea>\n\nt&lt;</textarea><textarea>\r\nu</textarea>",
        "<textarea>&#10;\nx</textarea><pre>\ny</pre><pre>\r\n\r\nz</pre><listing>\nw</listing>",
        "<style>p > a { x: '</p>' }</style ><style>q</style>",
        "<script>if (a < b && c > d) x = '</p>';</script><p>s</p>",
        "<script type=\"application/ld+json\">{\"a\": \"</scrip\"}</script>",
        "<script>\n\nvar a;\r\n</SCRIPT><p>x</p>",
        "<script><!-- x --></script><p>y</p>",
        "<script>a</script\n><p>x</p>",
        "<noscript><img src=a></noscript><iframe><p>x</iframe><xmp><b></xmp><noembed>n</noembed>",
        "<plaintext><p>x</p>",
        "<table><tr><td>a</td>b<td>c</td></tr>\n\n text <b>f</b></table>",
        "<table>\n<tr>\n<td>1</td>\n</tr>\n</table>",
        "<p><b><i>x</p>y\nz</i></b>",
        "<head>\n<meta charset=utf-8>\n<link rel=x>\n</head>\n\n<body>\n<p>x</p>",
        "</head>\n\n\nx<p>y",
        "<html>\n\n\n  text after html</html>\n\n\n after",
        "<body></body>\n\n<p>after body</p>\n</html>\n\nend",
        "<frameset><frame src=a>\n</frameset>\n<noframes>x</noframes>",
        "<svg viewBox='0 0 1 1'><path d='M0'/><foreignObject><p>x</p></foreignObject></svg>",
        "<math><mi>x</mi><annotation-xml encoding='text/html'><p>y</p></annotation-xml></math>",
        "<template><p>t</p></template><select><option>a<option>b</select>",
        "<p>é ü 中文 &eacute; &#x1F600; <span title=\"ü\">ü</span></p>",
        "<a\u{a0}b>x</a>",
        "<p>end <",
        "<p>end &",
        "<p>end &am",
        "<p>end <a href='x",
        "<p>end <!-- open",
        "<script>never closed",
        "<p>a\0b</p>",
        "<b>\n\n<p>x</p></b>",
        "<table><b>\n\nx</b></table>",
        "<ul><li>a\n<li>b\r\n<li>c</ul>",
        "<p>a&amp;\nb&lt;\r\nc</p>",
        "<pre><\n<\r\nx<\ry",
        "<title><\nx</title><title></\nx</title><title></a\r\nx</title><style><!\n</style><title><a\n</title>",
        "x&amp;y\nz",
        "<p>&amp\r\nx &amp\ny</p>",
    ];
    for html in cases {
        let _ = check(html, &format!("{html:?}"));
    }
    // The common markup goes the fast way.
    for html in [
        "<!DOCTYPE html><html><head><title>T</title><script>x</script></head><body><p>a &amp; b</p></body></html>",
        "<div class=\"a\" id=b>x<br/>y</div>",
        "<p>a\r\nb</p>",
    ] {
        assert_eq!(check(html, html), Ok(()), "{html}");
    }
}

fn read_page(path: &Path) -> Option<String> {
    let raw = std::fs::read(path).ok()?;
    let bytes = if path.extension().is_some_and(|e| e == "gz") {
        let mut out = Vec::new();
        flate2::read::GzDecoder::new(&raw[..])
            .read_to_end(&mut out)
            .ok()?;
        out
    } else {
        raw
    };
    Some(String::from_utf8_lossy(&bytes).into_owned())
}

/// Every page in `<root>/<set>/html`, for each set there, with its source name.
fn pages_under(root: &Path) -> Vec<(String, PathBuf)> {
    let mut out = Vec::new();
    let Ok(sets) = std::fs::read_dir(root) else {
        return out;
    };
    let mut sets: Vec<PathBuf> = sets.filter_map(|e| e.ok().map(|e| e.path())).collect();
    sets.sort();
    for set in sets {
        let Ok(dir) = std::fs::read_dir(set.join("html")) else {
            continue;
        };
        let name = set.file_name().unwrap().to_string_lossy().into_owned();
        let mut paths: Vec<PathBuf> = dir.filter_map(|e| e.ok().map(|e| e.path())).collect();
        paths.sort();
        out.extend(paths.into_iter().map(|p| (name.clone(), p)));
    }
    out
}

/// The committed samples, the shared dev set (every 4th page in a debug build unless `DYAD_TOKENIZER_ALL` is set)
/// and, with `DYAD_TOKENIZER_ALL`, the extraction caches: same tree on every page, and few pages handed back.
#[test]
fn real_pages_build_the_same_tree() {
    let all = std::env::var_os("DYAD_TOKENIZER_ALL").is_some();
    let step = if all || !cfg!(debug_assertions) { 1 } else { 4 };
    let shared = std::env::var("DYAD_SHARED_DATA")
        .map(PathBuf::from)
        .unwrap_or_else(|_| PathBuf::from("../../../shared/data"));
    let mut pages = pages_under(Path::new("../eval/data/extraction-samples"));
    pages.extend(
        pages_under(&shared.join("extraction-dev"))
            .into_iter()
            .step_by(step),
    );
    if all {
        if let Some(home) = std::env::var_os("HOME") {
            let cache = PathBuf::from(home).join(".cache/dyad/extraction");
            pages.extend(pages_under(&cache));
        }
    }
    let mut by_source: BTreeMap<String, (usize, usize)> = BTreeMap::new();
    let mut reasons: BTreeMap<&'static str, usize> = BTreeMap::new();
    for (source, path) in &pages {
        let Some(html) = read_page(path) else {
            continue;
        };
        let entry = by_source.entry(source.clone()).or_default();
        entry.0 += 1;
        if let Err(reason) = check(&html, &path.display().to_string()) {
            entry.1 += 1;
            *reasons.entry(reason).or_default() += 1;
        }
    }
    let (total, handed_back) = by_source
        .values()
        .fold((0, 0), |(t, h), (pt, ph)| (t + pt, h + ph));
    for (source, (n, back)) in &by_source {
        eprintln!("{source}: {back} of {n} pages handed to html5ever's tokenizer");
    }
    for (reason, n) in &reasons {
        eprintln!("  {n} pages: {reason}");
    }
    assert!(total > 0, "no pages found");
    // Most real pages must go the fast way, or it is no faster.
    assert!(
        handed_back * 10 <= total,
        "{handed_back} of {total} pages handed back"
    );
}

#[test]
fn script_escapes_end_where_html5ever_ends_them() {
    let cases = [
        "<script><!-- document.write('<script>x</script>'); --></script><p>after</p>",
        "<script><!--<script></script>--></script><p>y</p><script>z</script>",
        "<script><!-- a --></script><p>b</p>",
        "<script><!--></script><p>c</p>",
        "<script><!---></script><p>d</p>",
        "<script><!-- <script> a </script> b --> c </script><p>e</p>",
        "<script><!-- <SCRIPT\n> a </script\t> b </script><p>f</p>",
        "<script><!-- <scripts> a </script><p>g</p>",
        "<script><!-- <script> -- > --!> </script><p>h</p> --> </script><p>i</p>",
        "<script><!-- x </scriptx> y </script><p>j</p>",
        "<script><!--- <script>-- -></script>--->k</script><p>k</p>",
        "<script><!-- <<script>>> </script> <</script><p>l</p>",
        "<script>a <!-x <!-- b</script><p>m</p>",
        "<script>\n<!--\r\nx\r\n//-->\n</script>\n<p>n</p>",
    ];
    for html in cases {
        assert_eq!(check(html, html), Ok(()), "{html}");
    }
}

/// Random markup from the pieces the tokenizer's states turn on: the same tree whenever the fast way takes it.
#[test]
fn random_markup_builds_the_same_tree() {
    const PIECES: &[&str] = &[
        "<",
        ">",
        "</",
        "/>",
        "&",
        "amp;",
        "amp",
        "lt",
        "not",
        "notin;",
        "#",
        "x",
        "41",
        ";",
        "=",
        "\"",
        "'",
        " ",
        "\n",
        "\r",
        "\r\n",
        "\t",
        "a",
        "p",
        "b",
        "<p>",
        "</p>",
        "<b>",
        "</b>",
        "<a href=",
        "<div class=\"",
        "<!--",
        "-->",
        "--!>",
        "-",
        "!",
        "?",
        "<!DOCTYPE html",
        " PUBLIC \"-//W3C//DTD HTML 4.01//EN\"",
        "<script>",
        "</script>",
        "<script type=application/ld+json>",
        "<!--<script>",
        "<style>",
        "</style>",
        "<title>",
        "</title>",
        "<textarea>",
        "</textarea>",
        "<pre>",
        "<table>",
        "<td>",
        "<tr>",
        "<svg>",
        "</svg>",
        "<math>",
        "<![CDATA[",
        "]]>",
        "<noscript>",
        "</noscript>",
        "é",
        "中",
        "\u{feff}",
        "<body>",
        "</body>",
        "</html>",
        "<html>",
        "<head>",
        "</head>",
        "<template>",
        "<select>",
        "<option>",
        "<iframe>",
        "</iframe>",
        "<plaintext>",
        "&#10;",
        "&#x0D;",
        "&#128;",
        "AT&T ",
    ];
    // A fixed xorshift generator: the same documents on every run.
    let mut state: u64 = 0x9E37_79B9_7F4A_7C15;
    let mut next = move || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state
    };
    let (mut taken, runs) = (
        0,
        if cfg!(debug_assertions) {
            3_000
        } else {
            30_000
        },
    );
    for _ in 0..runs {
        let len = (next() % 40) as usize;
        let html: String = (0..len)
            .map(|_| PIECES[(next() % PIECES.len() as u64) as usize])
            .collect();
        if check(&html, &format!("{html:?}")).is_ok() {
            taken += 1;
        }
    }
    // The test means something only if the fast way takes a fair share of them.
    assert!(taken * 5 >= runs, "only {taken} of {runs} taken");
}
