//! Print what `dyad_html::extract` finds in one page: `cargo run -p dyad-html --example extract -- PAGE.html[.gz]`.
//! A look-at-one-page tool for tuning the heuristics.

use std::io::Read;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let path = std::env::args()
        .nth(1)
        .ok_or("usage: extract PAGE.html[.gz]")?;
    let raw = std::fs::read(&path)?;
    let bytes = if path.ends_with(".gz") {
        let mut out = Vec::new();
        flate2::read::GzDecoder::new(&raw[..]).read_to_end(&mut out)?;
        out
    } else {
        raw
    };
    let html = String::from_utf8_lossy(&bytes);
    let page = dyad_html::extract(&html);
    println!("title: {:?}", page.title);
    println!("url: {:?}", page.url);
    println!("metadata: {:?}", page.metadata);
    for b in &page.blocks {
        println!("[{:?} @{}] {}", b.kind, b.raw_offset, b.text);
    }
    Ok(())
}
