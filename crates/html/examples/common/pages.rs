//! The page loader the benchmark examples share.

use std::io::Read;

/// Every `*.html` / `*.html.gz` in `dir`, in name order, gunzipped and read as UTF-8 (lossily).
pub fn read_pages(dir: &str) -> Result<Vec<String>, Box<dyn std::error::Error>> {
    let mut paths: Vec<_> = std::fs::read_dir(dir)?
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| {
            let name = p.to_string_lossy();
            name.ends_with(".html") || name.ends_with(".html.gz")
        })
        .collect();
    paths.sort();
    let mut pages = Vec::with_capacity(paths.len());
    for p in &paths {
        let raw = std::fs::read(p)?;
        let bytes = if p.to_string_lossy().ends_with(".gz") {
            let mut out = Vec::new();
            flate2::read::GzDecoder::new(&raw[..]).read_to_end(&mut out)?;
            out
        } else {
            raw
        };
        pages.push(String::from_utf8_lossy(&bytes).into_owned());
    }
    Ok(pages)
}
