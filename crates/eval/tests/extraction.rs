//! Extraction benchmarks on ../shared/data/extraction-dev: the metric port checked against upstream's published
//! figures, score floors that may only rise, and golden checks on single real pages.
//!
//! Speed figures print with `cargo test -p dyad-eval --release --test extraction -- --nocapture`.

use std::path::{Path, PathBuf};

use dyad_eval::extraction::{
    score_newspaper4k, score_scrapinghub, score_scrapinghub_reference, score_trafilatura,
};

fn data_dir(set: &str) -> PathBuf {
    Path::new(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../../shared/data/extraction-dev"
    ))
    .join(set)
}

/// F1 floor on ScrapingHub, set just below the current score so it can only rise.
const SCRAPINGHUB_F1_FLOOR: f64 = 0.979;
/// F1 floor on the trafilatura snippet subset.
const TRAFILATURA_F1_FLOOR: f64 = 0.922;
/// Floors of metadata agreement on the trafilatura subset: date, title, author.
const TRAFILATURA_DATE_FLOOR: f64 = 0.74;
const TRAFILATURA_TITLE_FLOOR: f64 = 0.77;
const TRAFILATURA_AUTHOR_FLOOR: f64 = 0.58;
/// F1 floor on the newspaper4k fixtures.
const NEWSPAPER4K_F1_FLOOR: f64 = 0.971;

#[test]
fn metric_port_reproduces_upstream_table() {
    let set = data_dir("scrapinghub");
    // (file, F1, P, R) as upstream's evaluate.py prints them.
    for (file, f1, p, r) in [
        ("trafilatura.json.gz", 0.958, 0.938, 0.978),
        ("readability.json.gz", 0.922, 0.913, 0.931),
        ("newspaper.json.gz", 0.949, 0.964, 0.934),
    ] {
        let s =
            score_scrapinghub_reference(&set, &set.join("reference-outputs").join(file)).unwrap();
        eprintln!("{file}: {:.6} {:.6} {:.6}", s.f1, s.precision, s.recall);
        let round = |x: f64| (x * 1000.0).round() / 1000.0;
        assert_eq!(
            (round(s.f1), round(s.precision), round(s.recall)),
            (f1, p, r),
            "{file}: {s}"
        );
    }
}

#[test]
fn scrapinghub_f1_stays_above_floor() {
    let report = score_scrapinghub(&data_dir("scrapinghub")).unwrap();
    println!("{report}");
    assert_eq!(report.pages.len(), 181);
    assert!(
        report.summary.f1 >= SCRAPINGHUB_F1_FLOOR,
        "F1 fell below the floor: {report}"
    );
}

#[test]
fn trafilatura_snippets_stay_above_floor() {
    let report = score_trafilatura(&data_dir("trafilatura")).unwrap();
    println!("{report}");
    assert!(report.counts.f1() >= TRAFILATURA_F1_FLOOR, "{report}");
    let m = &report.metadata;
    assert!(m.date.rate() >= TRAFILATURA_DATE_FLOOR, "{report}");
    assert!(m.title.rate() >= TRAFILATURA_TITLE_FLOOR, "{report}");
    assert!(m.author.rate() >= TRAFILATURA_AUTHOR_FLOOR, "{report}");
}

#[test]
fn newspaper4k_text_stays_above_floor() {
    let report = score_newspaper4k(&data_dir("newspaper4k")).unwrap();
    println!("{report}");
    assert!(report.summary.f1 >= NEWSPAPER4K_F1_FLOOR, "{report}");
}
