//! Extraction speed and memory on hostile page shapes: `cargo run --release -p dyad-html --example stress`.
//!
//! Each shape (deep nesting of common tags, thousands of attributes, huge script and style blocks, a huge table,
//! one long word, many tiny paragraphs, NUL bytes, misnested and unclosed formatting tags, ...) is generated at
//! each size (default 1, 10 and 50 MB) and extracted once on one thread. The table gives throughput, the peak heap
//! during extraction as a multiple of the input (input included), the output size and the limits the extractor
//! reports hitting. A size is skipped when the shape ran below 1 MB/s at the size before, which would mean minutes.
//!
//! Options: `--sizes 1,10,50` (MB), `--only NAME[,NAME...]` (shapes whose name contains one of them).

use std::alloc::{GlobalAlloc, Layout, System};
use std::fmt::Write;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Instant;

/// The system allocator, counting live and peak bytes.
struct Counting;

static LIVE: AtomicUsize = AtomicUsize::new(0);
static PEAK: AtomicUsize = AtomicUsize::new(0);

unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        let p = unsafe { System.alloc(layout) };
        if !p.is_null() {
            let live = LIVE.fetch_add(layout.size(), Ordering::Relaxed) + layout.size();
            PEAK.fetch_max(live, Ordering::Relaxed);
        }
        p
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        unsafe { System.dealloc(ptr, layout) };
        LIVE.fetch_sub(layout.size(), Ordering::Relaxed);
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        let p = unsafe { System.realloc(ptr, layout, new_size) };
        if !p.is_null() {
            if new_size >= layout.size() {
                let grow = new_size - layout.size();
                let live = LIVE.fetch_add(grow, Ordering::Relaxed) + grow;
                PEAK.fetch_max(live, Ordering::Relaxed);
            } else {
                LIVE.fetch_sub(layout.size() - new_size, Ordering::Relaxed);
            }
        }
        p
    }
}

#[global_allocator]
static ALLOCATOR: Counting = Counting;

const MB: usize = 1_000_000;

/// A sentence of prose, so that pages have an article to find.
const SENTENCE: &str = "Officials said the talks would resume on Monday, after a week of delays. ";

/// `open` repeated with a word of text after each, then `close` as often: nesting as deep as the size allows.
fn nested(size: usize, open: &str, close: &str) -> String {
    let unit = open.len() + 5 + close.len();
    let n = size / unit;
    let mut s = String::with_capacity(size + unit);
    for _ in 0..n {
        s.push_str(open);
        s.push_str("word ");
    }
    for _ in 0..n {
        s.push_str(close);
    }
    s
}

/// `unit(i)` repeated until the page reaches `size`, between `head` and `tail`.
fn repeated(
    size: usize,
    head: &str,
    tail: &str,
    mut unit: impl FnMut(usize, &mut String),
) -> String {
    let mut s = String::with_capacity(size + 1024);
    s.push_str(head);
    let mut i = 0;
    while s.len() + tail.len() < size {
        unit(i, &mut s);
        i += 1;
    }
    s.push_str(tail);
    s
}

type Shape = (&'static str, fn(usize) -> String);

fn shapes() -> Vec<Shape> {
    vec![
        ("article (normal page)", |n| {
            repeated(
                n,
                "<html><body><article><h1>Talks</h1>",
                "</article></body></html>",
                |_, s| {
                    s.push_str("<p>");
                    s.push_str(&SENTENCE.repeat(4));
                    s.push_str("<a href=/x>a link</a></p>\n");
                },
            )
        }),
        ("nest div", |n| nested(n, "<div>", "</div>")),
        ("nest p", |n| nested(n, "<p>", "</p>")),
        ("nest span", |n| nested(n, "<span>", "</span>")),
        ("nest table/tr/td", |n| {
            nested(n, "<table><tr><td>", "</td></tr></table>")
        }),
        ("nest ul/li", |n| nested(n, "<ul><li>", "</li></ul>")),
        ("nest blockquote", |n| {
            nested(n, "<blockquote>", "</blockquote>")
        }),
        ("nest a", |n| nested(n, "<a href=#>", "</a>")),
        ("nest b/i", |n| nested(n, "<b><i>", "</i></b>")),
        ("nest font", |n| nested(n, "<font size=2>", "</font>")),
        ("nest section/article", |n| {
            nested(n, "<section><article>", "</article></section>")
        }),
        ("nest div, unclosed", |n| {
            repeated(n, "", "", |_, s| s.push_str("<div>word "))
        }),
        ("attributes on one element", |n| {
            repeated(n, "<p><span ", ">text</span></p>", |i, s| {
                let _ = write!(s, "a{i}=\"v\" ");
            })
        }),
        ("attributes, repeated <body>", |n| {
            repeated(n, "<body>", "", |i, s| {
                s.push_str("<body");
                for j in 0..400 {
                    let _ = write!(s, " b{}=1", (i * 7 + j) % 1000);
                }
                s.push('>');
            })
        }),
        ("script block", |n| {
            repeated(n, "<p>Text before.</p><script>", "</script>", |i, s| {
                let _ = writeln!(s, "var x{i} = '<div>' + 1 < 2;");
            })
        }),
        ("style block", |n| {
            repeated(n, "<p>Text before.</p><style>", "</style>", |i, s| {
                let _ = writeln!(s, ".c{i} > div {{ color: red }}");
            })
        }),
        ("table, many rows", |n| {
            repeated(n, "<table>", "</table>", |i, s| {
                let _ = writeln!(s, "<tr><td>{i}</td><td>Kyle Busch</td><td>5040</td></tr>");
            })
        }),
        ("one long word", |n| {
            repeated(n, "<p>", "</p>", |_, s| s.push_str(&"a".repeat(1000)))
        }),
        ("many tiny <p>", |n| {
            repeated(n, "", "", |_, s| s.push_str("<p>a</p>"))
        }),
        ("NUL bytes", |n| {
            repeated(n, "<p>", "</p>", |_, s| s.push_str("a\0<b\0>\0 \0</b>&#0;"))
        }),
        ("misnested <b><i></b></i>", |n| {
            repeated(n, "<p>", "", |_, s| s.push_str("<b><i>x</b>y</i>"))
        }),
        ("unclosed <a>", |n| {
            repeated(n, "<p>", "", |_, s| s.push_str("<a href=#>word "))
        }),
        ("unclosed <b>, distinct attributes", |n| {
            repeated(n, "<p>", "", |i, s| {
                let _ = write!(s, "<b id={i}>w ");
            })
        }),
        ("<p><b></p>, distinct attributes", |n| {
            repeated(n, "", "", |i, s| {
                let _ = write!(s, "<p><b class=c{i}>w</p>");
            })
        }),
        ("unclosed <li>, <option>, <td>", |n| {
            repeated(n, "<ul>", "", |_, s| {
                s.push_str("<li>item <select><option>o</select><table><td>c</table>")
            })
        }),
        ("comments and entities", |n| {
            repeated(n, "<p>", "</p>", |_, s| {
                s.push_str("<!-- c --> &amp; &eacute;&#x41; &bogus; ")
            })
        }),
    ]
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut sizes = vec![1, 10, 50];
    let mut only: Vec<String> = Vec::new();
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        match a.as_str() {
            "--sizes" => {
                sizes = args
                    .next()
                    .ok_or("--sizes needs a list")?
                    .split(',')
                    .map(str::parse)
                    .collect::<Result<_, _>>()?
            }
            "--only" => {
                only = args
                    .next()
                    .ok_or("--only needs a list")?
                    .split(',')
                    .map(str::to_owned)
                    .collect()
            }
            _ => return Err(format!("unknown argument {a}").into()),
        }
    }
    println!(
        "{:<36} {:>6} {:>8} {:>8} {:>7} {:>9} {:>11}  limits hit",
        "shape", "MB", "seconds", "MB/s", "peak×", "blocks", "out bytes"
    );
    for (name, make) in shapes() {
        if !only.is_empty() && !only.iter().any(|o| name.contains(o.as_str())) {
            continue;
        }
        let mut too_slow = false;
        for &size in &sizes {
            if too_slow {
                println!("{name:<36} {size:>6} skipped: below 1 MB/s at the size before");
                continue;
            }
            let html = make(size * MB);
            let before = LIVE.load(Ordering::Relaxed);
            PEAK.store(before, Ordering::Relaxed);
            let start = Instant::now();
            let (page, limits) = dyad_html::extract_with_limits(&html);
            let secs = start.elapsed().as_secs_f64();
            let peak = PEAK.load(Ordering::Relaxed);
            let mbs = html.len() as f64 / 1e6 / secs;
            let out: usize = page.blocks.iter().map(|b| b.text.len()).sum();
            println!(
                "{name:<36} {:>6.1} {secs:>8.3} {mbs:>8.1} {:>7.1} {:>9} {out:>11}  {}",
                html.len() as f64 / 1e6,
                peak as f64 / html.len() as f64,
                page.blocks.len(),
                limits,
            );
            too_slow = mbs < 1.0;
        }
    }
    Ok(())
}
