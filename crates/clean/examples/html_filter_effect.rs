//! Measures what the cleaner's block filter does to extracted pages, before (`dyad_html::extract`) and after
//! (`from_extracted`): on ScrapingHub, word precision and recall of the body against the ground truth and time per
//! page; on the trafilatura set, how many "with" snippets are kept and "without" (boilerplate) snippets remain.
//! `cargo run --release -p dyad-clean --example html_filter_effect [-- --show-dropped]`.

#[path = "../tests/support/mod.rs"]
mod support;

use std::io::Read;
use std::time::Instant;
use support::words;

use dyad_ingest::RecordHints;
use dyad_model::Provenance;

/// Timing rounds over the set.
const ROUNDS: usize = 20;

const SET: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../../../shared/data/extraction-dev/scrapinghub"
);

const TRAFILATURA: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../../../shared/data/extraction-dev/trafilatura"
);

fn collapse(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Trafilatura's snippet counts for one output: (with present, with absent, without present).
fn snippet_counts(fields: &serde_json::Value, output: &str) -> (usize, usize, usize) {
    let output = collapse(output);
    let present = |s: &serde_json::Value| s.as_str().is_some_and(|s| output.contains(&collapse(s)));
    let list = |k: &str| fields[k].as_array().cloned().unwrap_or_default();
    let with = list("with");
    let kept = with.iter().filter(|s| present(s)).count();
    let leaked = list("without").iter().filter(|s| present(s)).count();
    (kept, with.len() - kept, leaked)
}

/// Runs the trafilatura set and prints snippet counts before and after cleaning.
fn trafilatura_snippets() {
    let truth_text =
        std::fs::read_to_string(format!("{TRAFILATURA}/ground-truth.json")).expect("ground truth");
    let truth: serde_json::Value = serde_json::from_str(&truth_text).expect("ground truth JSON");
    let (mut before, mut after) = ((0, 0, 0), (0, 0, 0));
    for (id, fields) in truth.as_object().expect("object") {
        let mut bytes = Vec::new();
        let gz = std::fs::read(format!("{TRAFILATURA}/html/{id}.html.gz")).expect("page");
        flate2::read::GzDecoder::new(&gz[..])
            .read_to_end(&mut bytes)
            .expect("gzip");
        let page = dyad_html::extract(&String::from_utf8_lossy(&bytes));
        let extracted = format!(
            "{}\n{}",
            page.title.clone().unwrap_or_default(),
            page.body_text()
        );
        let doc = dyad_clean::from_extracted(page, Provenance::default(), &RecordHints::default());
        let add = |acc: &mut (usize, usize, usize), c: (usize, usize, usize)| {
            *acc = (acc.0 + c.0, acc.1 + c.1, acc.2 + c.2);
        };
        add(&mut before, snippet_counts(fields, &extracted));
        add(&mut after, snippet_counts(fields, &doc.text));
    }
    let f = |(tp, fn_, fp): (usize, usize, usize)| 2.0 * tp as f64 / (2 * tp + fp + fn_) as f64;
    println!(
        "{} pages (trafilatura), snippets: with kept / with lost / without leaked, F",
        truth.as_object().map_or(0, |o| o.len())
    );
    println!(
        "  extracted blocks: {} / {} / {}, F {:.4}",
        before.0,
        before.1,
        before.2,
        f(before)
    );
    println!(
        "  after dyad-clean: {} / {} / {}, F {:.4}",
        after.0,
        after.1,
        after.2,
        f(after)
    );
}

/// (precision, recall) of `text`'s words against `truth`'s, counting repeats.
fn precision_recall(truth: &str, text: &str) -> (f64, f64) {
    let (t, p) = (words(truth), words(text));
    let hit: usize = t
        .iter()
        .map(|(w, n)| (*n).min(*p.get(w).unwrap_or(&0)))
        .sum();
    let ratio = |n: usize| if n == 0 { 1.0 } else { hit as f64 / n as f64 };
    (ratio(p.values().sum()), ratio(t.values().sum()))
}

fn main() {
    let show_dropped = std::env::args().any(|a| a == "--show-dropped");
    let truth_text =
        std::fs::read_to_string(format!("{SET}/ground-truth.json")).expect("ground truth");
    let truth: serde_json::Value = serde_json::from_str(&truth_text).expect("ground truth JSON");
    let mut pages = Vec::new();
    for (id, fields) in truth.as_object().expect("object") {
        let mut bytes = Vec::new();
        let gz = std::fs::read(format!("{SET}/html/{id}.html.gz")).expect("page");
        flate2::read::GzDecoder::new(&gz[..])
            .read_to_end(&mut bytes)
            .expect("gzip");
        let page = dyad_html::extract(&String::from_utf8_lossy(&bytes));
        pages.push((
            id.clone(),
            fields["articleBody"].as_str().unwrap_or("").to_string(),
            page,
        ));
    }
    let (mut before, mut after) = ((0.0, 0.0), (0.0, 0.0));
    for (id, truth, page) in &pages {
        let doc = dyad_clean::from_extracted(
            page.clone(),
            Provenance::default(),
            &RecordHints::default(),
        );
        let (p0, r0) = precision_recall(truth, &page.body_text());
        let (p1, r1) = precision_recall(truth, doc.body_text());
        before = (before.0 + p0, before.1 + r0);
        after = (after.0 + p1, after.1 + r1);
        if show_dropped {
            for b in page.blocks.iter().filter(|b| {
                !doc.text
                    .contains(b.text.split_whitespace().next().unwrap_or(""))
            }) {
                println!("{id:.8} dropped: {:.120}", b.text);
            }
        }
    }
    // Timing: cleaning only, over copies made beforehand, several rounds.
    let block_bytes: usize = pages
        .iter()
        .flat_map(|(_, _, p)| &p.blocks)
        .map(|b| b.text.len())
        .sum();
    let mut copies: Vec<_> = (0..ROUNDS)
        .flat_map(|_| pages.iter().map(|(_, _, p)| p.clone()))
        .collect();
    let started = Instant::now();
    let mut paragraphs = 0usize;
    for page in copies.drain(..) {
        paragraphs +=
            dyad_clean::from_extracted(page, Provenance::default(), &RecordHints::default())
                .paragraphs
                .len();
    }
    let per_page = started.elapsed().as_secs_f64() / copies_len(ROUNDS, pages.len());
    let n = pages.len() as f64;
    println!(
        "{} pages (scrapinghub), word precision / recall of the body against articleBody:",
        pages.len()
    );
    println!(
        "  extracted blocks: {:.4} / {:.4}",
        before.0 / n,
        before.1 / n
    );
    println!(
        "  after dyad-clean: {:.4} / {:.4}",
        after.0 / n,
        after.1 / n
    );
    println!(
        "  from_extracted: {:.1} µs per page, {:.1} MB/s of block text ({} paragraphs per round)",
        per_page * 1e6,
        block_bytes as f64 / n / per_page / 1e6,
        paragraphs / ROUNDS
    );
    trafilatura_snippets();
}

fn copies_len(rounds: usize, pages: usize) -> f64 {
    (rounds * pages) as f64
}
