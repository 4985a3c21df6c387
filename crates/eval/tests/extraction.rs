//! Extraction benchmarks on ../shared/data/extraction-dev: the metric port checked against upstream's published
//! figures, score floors that may only rise, and golden checks on single real pages; and the multi-source code
//! (the cache layout, scoring any extractor's texts, leave-one-source-out) on the committed sample of the
//! web-content-extraction-benchmark (crates/eval/data/extraction-samples, Apache-2.0).
//!
//! Speed figures print with `cargo test -p dyad-eval --release --test extraction -- --nocapture`.

use std::path::{Path, PathBuf};

use dyad_eval::extraction::{
    body_text, score_newspaper4k, score_scrapinghub, score_scrapinghub_reference, score_trafilatura,
};
use dyad_eval::extraction_sources::{
    bench_all_sources, leave_one_source_out_with, load_cache, run_extractor, score_source,
    Candidate, Metric, Origin, Truth,
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
/// F1 floor on the trafilatura snippet subset (lowered from .922 when the split-article threshold moved to what
/// leave-one-source-out chose: .923 → .922 here for +.009 mean F1 on the held-out sources).
const TRAFILATURA_F1_FLOOR: f64 = 0.92;
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

fn sample_cache() -> PathBuf {
    Path::new(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/data/extraction-samples"
    ))
    .to_owned()
}

/// dyad's shingle F1 on the 3 sample article pages, floor just below the current score.
const SAMPLE_ARTICLE_F1_FLOOR: f64 = 0.90;

#[test]
fn sample_sources_load_in_the_cache_layout() {
    let sources = load_cache(&sample_cache()).unwrap();
    let names: Vec<&str> = sources.iter().map(|s| s.name.as_str()).collect();
    assert_eq!(names, ["wceb-article", "wceb-forum"]);
    for s in &sources {
        assert_eq!((s.origin, s.metric), (Origin::Cache, Metric::Shingle));
        assert!(s.dir.join("LICENSE").is_file(), "{} has no LICENSE", s.name);
        let html = s.read_html().unwrap();
        assert_eq!(html.len(), s.pages.len());
        for (p, h) in s.pages.iter().zip(&html) {
            assert!(
                !p.site.is_empty() && !p.site.starts_with("www."),
                "{}: site {:?}",
                p.id,
                p.site
            );
            assert!(
                h.contains("<html") || h.contains("<HTML") || h.contains("<!DOCTYPE"),
                "{}",
                p.id
            );
            assert!(
                matches!(&p.truth, Truth::Text(t) if t.split_whitespace().count() > 20),
                "{}",
                p.id
            );
        }
    }
    assert_eq!(sources[0].pages.len() + sources[1].pages.len(), 5);
}

#[test]
fn sample_truth_scores_perfect_and_nothing_scores_zero() {
    for s in load_cache(&sample_cache()).unwrap() {
        let truth: Vec<String> = s
            .pages
            .iter()
            .map(|p| match &p.truth {
                Truth::Text(t) => t.clone(),
                Truth::Snippets { with, .. } => with.join("\n"),
            })
            .collect();
        let perfect = score_source(
            &s,
            &truth.iter().map(|t| Some(t.as_str())).collect::<Vec<_>>(),
        );
        assert_eq!((perfect.f1, perfect.empty), (1.0, 0), "{}", s.name);
        let nothing = score_source(&s, &vec![None; s.pages.len()]);
        assert_eq!(
            (nothing.f1, nothing.empty, nothing.missing),
            (0.0, s.pages.len(), s.pages.len())
        );
    }
}

#[test]
fn dyad_on_the_sample_articles_stays_above_floor() {
    let sources = load_cache(&sample_cache()).unwrap();
    let article = &sources[0];
    let html = article.read_html().unwrap();
    let (texts, speed) = run_extractor(&html, |h| body_text(&dyad_html::extract(h)));
    assert_eq!(speed.pages, 3);
    let score = score_source(
        article,
        &texts.iter().map(|t| Some(t.as_str())).collect::<Vec<_>>(),
    );
    for p in &score.pages {
        println!(
            "{} {:.3} {:.3} {:.3} {}",
            p.id,
            p.precision,
            p.recall,
            p.f1,
            p.failure()
        );
    }
    assert!(score.f1 >= SAMPLE_ARTICLE_F1_FLOOR, "{score:?}");
}

#[test]
fn loso_on_the_sample_prefers_the_extractor_over_a_whole_page_dump() {
    let sources = load_cache(&sample_cache()).unwrap();
    let html: Vec<Vec<String>> = sources.iter().map(|s| s.read_html().unwrap()).collect();
    let names: Vec<String> = sources.iter().map(|s| s.name.clone()).collect();
    // A deliberately bad candidate: every text node of the page, boilerplate and all.
    let candidates: Vec<Candidate<'static>> = vec![
        (
            "default".into(),
            Box::new(|h: &str| body_text(&dyad_html::extract(h))),
        ),
        ("tag-strip".into(), Box::new(|h: &str| strip_tags(h))),
    ];
    let picks = leave_one_source_out_with(&candidates, &names, |extract, s| {
        let texts: Vec<String> = html[s].iter().map(|h| extract(h)).collect();
        score_source(
            &sources[s],
            &texts.iter().map(|t| Some(t.as_str())).collect::<Vec<_>>(),
        )
        .f1
    });
    assert_eq!(picks.len(), 2);
    for p in &picks {
        assert_eq!(p.chosen, "default", "{p:?}");
        assert_eq!(p.held_out_f1, p.first_f1);
    }
}

/// Crude whole-page text: everything outside `<...>`, scripts and styles included.
fn strip_tags(html: &str) -> String {
    let mut out = String::new();
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => in_tag = true,
            '>' => {
                in_tag = false;
                out.push(' ');
            }
            _ if !in_tag => out.push(c),
            _ => {}
        }
    }
    out
}

#[test]
fn bench_all_sources_reads_dev_and_cache_and_says_when_peers_are_absent() {
    let candidates: Vec<Candidate<'static>> = vec![(
        "default".into(),
        Box::new(|h: &str| body_text(&dyad_html::extract(h))),
    )];
    let report = bench_all_sources(&data_dir(""), &sample_cache(), &candidates, 2).unwrap();
    let names: Vec<&str> = report.rows.iter().map(|r| r.name.as_str()).collect();
    assert_eq!(
        names,
        [
            "scrapinghub",
            "trafilatura",
            "newspaper4k",
            "wceb-article:tune",
            "wceb-article:aside",
            "wceb-forum"
        ]
    );
    // sam.bossley.com and blog.ravven.dev hash even (tune), coryd.dev odd (aside).
    let pages: Vec<(usize, Origin)> = report.rows[3..5]
        .iter()
        .map(|r| (r.pages, r.origin))
        .collect();
    assert_eq!(pages, [(2, Origin::Tune), (1, Origin::Cache)]);
    assert!(report
        .rows
        .iter()
        .all(|r| r.peers.iter().all(|(_, run)| run.is_none())));
    assert_eq!(report.loso.len(), 6);
    let text = report.to_string();
    println!("{text}");
    assert!(text.contains("peer predictions absent"), "{text}");
    // Worst pages are listed for the tune half only, never for held-out sources.
    assert!(text.contains("wceb-article:tune: worst pages"), "{text}");
    assert!(!text.contains("wceb-article:aside: worst pages"), "{text}");
    assert!(!text.contains("wceb-forum: worst pages"), "{text}");
}
