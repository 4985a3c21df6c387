//! Per-page figures of dyad against trafilatura on one readable extraction source, for finding what to fix: the
//! pages where dyad trails trafilatura most come first. Pages are listed only for the sources whose pages may be
//! read: extraction-dev's and the `:tune` halves of the site-split cache sources; for an aside half or another
//! held-out source only the aggregate figures are printed.
//!
//! ```text
//! cargo run --release -p dyad-eval --example extraction_pages -- SHARED_DATA SOURCE [N] [--show ID]
//!     [--save FILE] [--against FILE]
//! ```
//! SOURCE is `scrapinghub`, `trafilatura`, `newspaper4k`, `wceb-article:tune` or `go-trafilatura:tune`. With
//! `--show ID` it prints dyad's text for that page, then the truth (the full text, or the snippets it missed or
//! wrongly kept).

use std::path::PathBuf;

use dyad_eval::extraction_sources::{
    default_cache_dir, load_cache, load_extraction_dev, load_peer, score_source, split_by_site,
    Origin, Truth,
};

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if args.len() < 2 {
        eprintln!("usage: extraction_pages SHARED_DATA SOURCE [N] [--show ID]");
        std::process::exit(2);
    }
    let shared = PathBuf::from(&args[0]);
    let name = &args[1];
    let show = args
        .iter()
        .position(|a| a == "--show")
        .and_then(|i| args.get(i + 1));
    let n: usize = args
        .get(2)
        .filter(|a| !a.starts_with("--"))
        .and_then(|a| a.parse().ok())
        .unwrap_or(40);
    let cache = default_cache_dir();
    let mut sources = load_extraction_dev(&shared.join("extraction-dev")).expect("extraction-dev");
    sources.extend(split_by_site(load_cache(&cache).expect("cache")));
    let Some(source) = sources.into_iter().find(|s| &s.name == name) else {
        eprintln!("no source {name}");
        std::process::exit(2);
    };
    let html = source.read_html().expect("pages");
    if source.origin == Origin::Cache {
        // Held out: its pages are not for reading, only its aggregate figures are printed.
        let texts: Vec<String> = html
            .iter()
            .map(|h| dyad_eval::extraction::body_text(&dyad_html::extract(h)))
            .collect();
        let preds: Vec<Option<&str>> = texts.iter().map(|t| Some(t.as_str())).collect();
        let s = score_source(&source, &preds);
        println!(
            "{name} (held out, aggregate only): dyad F1 {:.3} (P {:.3} R {:.3}, {} empty)",
            s.f1, s.precision, s.recall, s.empty
        );
        return;
    }
    let texts: Vec<String> = html
        .iter()
        .map(|h| dyad_eval::extraction::body_text(&dyad_html::extract(h)))
        .collect();
    if let Some(id) = show {
        let Some(i) = source.pages.iter().position(|p| &p.id == id) else {
            eprintln!("no page {id}");
            std::process::exit(2);
        };
        println!("=== dyad\n{}", texts[i]);
        match &source.pages[i].truth {
            Truth::Text(t) => println!("=== truth\n{t}"),
            Truth::Snippets { with, without } => {
                let norm = |s: &str| s.split_whitespace().collect::<Vec<_>>().join(" ");
                let got = norm(&texts[i]);
                for s in with.iter().filter(|s| !got.contains(&norm(s))) {
                    println!("=== missed: {s}");
                }
                for s in without.iter().filter(|s| got.contains(&norm(s))) {
                    println!("=== kept (must not): {s}");
                }
            }
        }
        return;
    }
    let preds: Vec<Option<&str>> = texts.iter().map(|t| Some(t.as_str())).collect();
    let dyad = score_source(&source, &preds);
    let traf = load_peer(&cache, "trafilatura", &source.base)
        .ok()
        .flatten()
        .map(|run| score_source(&source, &run.predictions(&source)));
    println!(
        "{name}: dyad F1 {:.3} (P {:.3} R {:.3}, {} empty); trafilatura {}",
        dyad.f1,
        dyad.precision,
        dyad.recall,
        dyad.empty,
        traf.as_ref()
            .map_or("absent".to_owned(), |t| format!("F1 {:.3}", t.f1))
    );
    // `--save FILE` writes each page's F1; `--against FILE` lists the pages whose F1 moved since that file.
    let flag = |f: &str| {
        args.iter()
            .position(|a| a == f)
            .and_then(|i| args.get(i + 1))
    };
    if let Some(path) = flag("--save") {
        let lines: String = dyad
            .pages
            .iter()
            .map(|p| format!("{}\t{:.4}\n", p.id, p.f1))
            .collect();
        if let Err(e) = std::fs::write(path, lines) {
            eprintln!("{path}: {e}");
        }
    }
    if let Some(path) = flag("--against") {
        let before: std::collections::HashMap<String, f64> = std::fs::read_to_string(path)
            .unwrap_or_default()
            .lines()
            .filter_map(|l| {
                let (id, f) = l.split_once('\t')?;
                Some((id.to_owned(), f.parse().ok()?))
            })
            .collect();
        for p in &dyad.pages {
            if let Some(b) = before.get(&p.id) {
                if (b - p.f1).abs() > 0.0005 {
                    println!(
                        "moved {:+.3}  {b:.3} -> {:.3}  {}  {}",
                        p.f1 - b,
                        p.f1,
                        p.id,
                        p.site
                    );
                }
            }
        }
    }
    let mut rows: Vec<(f64, usize)> = (0..dyad.pages.len())
        .map(|i| {
            let t = traf.as_ref().map_or(1.0, |t| t.pages[i].f1);
            (dyad.pages[i].f1 - t, i)
        })
        .collect();
    rows.sort_by(|a, b| a.0.total_cmp(&b.0).then(a.1.cmp(&b.1)));
    for (gap, i) in rows.into_iter().take(n) {
        let p = &dyad.pages[i];
        println!(
            "{gap:+.3}  dyad {:.3} {:.3} {:.3}  {:<10}  {}  {}",
            p.precision,
            p.recall,
            p.f1,
            p.failure().name(),
            p.id,
            p.site
        );
    }
}
