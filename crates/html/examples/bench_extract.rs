//! Extraction speed on a folder of pages: `cargo run --release -p dyad-html --example bench_extract -- DIR [ROUNDS]`.
//! Reads every `*.html` / `*.html.gz` in DIR into memory, then extracts each page ROUNDS times (default 3) on one
//! thread and reports the best round, which keeps other processes' load out of the figure.

#[path = "common/pages.rs"]
mod pages;

use std::time::Instant;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let dir = args.next().ok_or("usage: bench_extract DIR [ROUNDS]")?;
    let rounds: usize = args.next().map(|r| r.parse()).transpose()?.unwrap_or(3);
    let pages = pages::read_pages(&dir)?;
    let bytes: usize = pages.iter().map(String::len).sum();
    let mut best = f64::MAX;
    let mut blocks = 0;
    for _ in 0..rounds.max(1) {
        let start = Instant::now();
        blocks = 0;
        for page in &pages {
            blocks += dyad_html::extract(page).blocks.len();
        }
        best = best.min(start.elapsed().as_secs_f64());
    }
    println!(
        "{} pages, {:.1} MB, {} blocks: best of {} rounds {:.3} s = {:.0} pages/s, {:.1} MB/s (one thread)",
        pages.len(),
        bytes as f64 / 1e6,
        blocks,
        rounds,
        best,
        pages.len() as f64 / best,
        bytes as f64 / 1e6 / best
    );
    Ok(())
}
