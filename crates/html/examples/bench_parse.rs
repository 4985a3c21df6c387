//! Parse speed of the two tokenizers on a folder of pages:
//! `cargo run --release -p dyad-html --example bench_parse -- DIR fast|html5ever [ROUNDS]`.
//! Reads every `*.html` / `*.html.gz` in DIR into memory, then parses each page ROUNDS times (default 1) on one
//! thread as `Dom::parse` does (script text dropped), with the fast tokenizer (html5ever's where it gives up) or
//! with html5ever's only. Made for instruction counts (`valgrind --tool=callgrind --toggle-collect='*parse_pages*'`);
//! also prints the pages the fast tokenizer hands back.

#[path = "common/pages.rs"]
mod pages;

use dyad_html::dom::Dom;
use std::time::Instant;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let usage = "usage: bench_parse DIR fast|html5ever [ROUNDS]";
    let dir = args.next().ok_or(usage)?;
    let fast = match args.next().as_deref() {
        Some("fast") => true,
        Some("html5ever") => false,
        _ => return Err(usage.into()),
    };
    let rounds: usize = args.next().map(|r| r.parse()).transpose()?.unwrap_or(1);
    let pages = pages::read_pages(&dir)?;
    let handed_back = pages
        .iter()
        .filter(|p| fast && Dom::parse_with_fast_tokenizer(p, true).is_err())
        .count();
    let start = Instant::now();
    let nodes = parse_pages(&pages, fast, rounds.max(1));
    println!(
        "{} pages x {} rounds, {} nodes, {} handed back, {:.3} s",
        pages.len(),
        rounds.max(1),
        nodes,
        handed_back,
        start.elapsed().as_secs_f64()
    );
    Ok(())
}

/// The measured work, a function of its own for callgrind's `--toggle-collect`.
#[inline(never)]
fn parse_pages(pages: &[String], fast: bool, rounds: usize) -> usize {
    let mut nodes = 0;
    for _ in 0..rounds {
        for page in pages {
            nodes += if fast {
                Dom::parse(page).nodes.len()
            } else {
                Dom::parse_with_html5ever_tokenizer(page, true).nodes.len()
            };
        }
    }
    nodes
}
