//! The multi-source extraction development set: every source scored alike, per source and leave-one-source-out.
//!
//! A *source* is a folder in the extraction-dev layout (`html/<id>.html.gz`, `ground-truth.json`): the three sets
//! of `../shared/data/extraction-dev` and the folders that `scripts/extraction-data` writes into the extraction
//! cache (each with a `source.json` naming its metric). Truth is either a full text, scored with the ScrapingHub
//! shingle metric ([`crate::extraction::shingle_match`]), or must / must-not snippets, scored as trafilatura's
//! evaluation does. Any extractor is scored the same way from its predicted texts, so dyad and the peers whose
//! predictions `scripts/extraction-peers` saved share one table.
//!
//! Leave-one-source-out ([`leave_one_source_out`]) is generic over named candidates (settings of the extractor)
//! and a score per (candidate, source): for each source it picks the candidate with the best mean F1 on the
//! others and reports that candidate's F1 on the one left out.
//!
//! Speed is the CPU time of the extracting thread (`/proc/thread-self/schedstat` where there is one, else wall
//! time), which a machine busy with other work disturbs less than wall-clock time.

use std::collections::HashMap;
use std::fmt;
use std::path::{Path, PathBuf};
use std::time::Instant;

use serde::Deserialize;

use crate::extraction::{
    decode_page, normalise_space, shingle_match, tokenize, EvalError, ShingleSummary,
    SnippetCounts, Throughput,
};

/// How a source's truth is scored.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Metric {
    /// Word 4-gram shingle P/R/F1 against the full text (macro over pages, ScrapingHub's `evaluate.py`).
    Shingle,
    /// Must / must-not snippets, counted over the source (trafilatura's evaluation).
    Snippets,
}

impl Metric {
    pub fn name(self) -> &'static str {
        match self {
            Metric::Shingle => "shingle",
            Metric::Snippets => "snippets",
        }
    }
}

/// What a page should give.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Truth {
    Text(String),
    Snippets {
        with: Vec<String>,
        without: Vec<String>,
    },
}

impl Truth {
    /// The truth has something to find (a text with words, or a must-contain snippet).
    fn expects_text(&self) -> bool {
        match self {
            Truth::Text(t) => !tokenize(t).is_empty(),
            Truth::Snippets { with, .. } => !with.is_empty(),
        }
    }
}

/// One page of a source.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SourcePage {
    pub id: String,
    /// The page's site (its URL's host without "www."), empty when unknown.
    pub site: String,
    pub truth: Truth,
}

/// Where a source comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Origin {
    /// `../shared/data/extraction-dev`: the sets dyad's rules were developed on.
    ExtractionDev,
    /// The extraction cache: sources converted by `scripts/extraction-data`, held out from rule tuning.
    Cache,
    /// The tune half of a cache source split by site ([`split_by_site`]): its pages and errors may be read and
    /// tuned on; its aside half stays [`Origin::Cache`].
    Tune,
}

/// A named set of pages with their truth, in id order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Source {
    pub name: String,
    /// The source the pages were read as (its folder's name, which names the peers' files): `name` itself, or
    /// the whole source a site-split half ([`split_by_site`]) came from.
    pub base: String,
    pub origin: Origin,
    pub metric: Metric,
    pub dir: PathBuf,
    pub pages: Vec<SourcePage>,
}

fn read_json<T: for<'de> Deserialize<'de>>(path: &Path) -> Result<T, EvalError> {
    let bytes = std::fs::read(path).map_err(|source| EvalError::Io {
        path: path.to_owned(),
        source,
    })?;
    serde_json::from_slice(&bytes).map_err(|source| EvalError::Json {
        path: path.to_owned(),
        source,
    })
}

/// The site of a URL: its host, lower-cased, without "www." (empty when there is none).
pub fn site_of(url: &str) -> String {
    let rest = url.split_once("://").map_or("", |(_, r)| r);
    let host = rest.split(['/', '?', '#']).next().unwrap_or("");
    let host = host.rsplit_once('@').map_or(host, |(_, h)| h);
    let host = host.split(':').next().unwrap_or("").to_lowercase();
    host.strip_prefix("www.").map(str::to_owned).unwrap_or(host)
}

/// One ground-truth entry in any of the layouts: full text in `articleBody` (ScrapingHub, the cache) or `text`
/// (newspaper4k), snippets in `with` / `without` (trafilatura, the cache).
#[derive(Deserialize)]
struct Entry {
    #[serde(default)]
    url: String,
    #[serde(default)]
    site: Option<String>,
    #[serde(rename = "articleBody", default)]
    article_body: Option<String>,
    #[serde(default)]
    text: Option<String>,
    #[serde(default)]
    with: Vec<String>,
    #[serde(default)]
    without: Vec<String>,
}

fn read_pages(dir: &Path, metric: Metric) -> Result<Vec<SourcePage>, EvalError> {
    let entries: HashMap<String, Entry> = read_json(&dir.join("ground-truth.json"))?;
    let mut pages: Vec<SourcePage> = entries
        .into_iter()
        .map(|(id, e)| {
            let truth = match metric {
                Metric::Shingle => Truth::Text(e.article_body.or(e.text).unwrap_or_default()),
                Metric::Snippets => Truth::Snippets {
                    with: e.with,
                    without: e.without,
                },
            };
            let site = e.site.unwrap_or_else(|| site_of(&e.url));
            SourcePage { id, site, truth }
        })
        .collect();
    pages.sort_by(|a, b| a.id.cmp(&b.id));
    Ok(pages)
}

/// The three sets of `extraction-dev` (its folder), as sources.
pub fn load_extraction_dev(dir: &Path) -> Result<Vec<Source>, EvalError> {
    [
        ("scrapinghub", Metric::Shingle),
        ("trafilatura", Metric::Snippets),
        ("newspaper4k", Metric::Shingle),
    ]
    .into_iter()
    .map(|(name, metric)| {
        let dir = dir.join(name);
        Ok(Source {
            name: name.to_owned(),
            base: name.to_owned(),
            origin: Origin::ExtractionDev,
            metric,
            pages: read_pages(&dir, metric)?,
            dir,
        })
    })
    .collect()
}

/// What `scripts/extraction-data` says about a source it wrote.
#[derive(Debug, Clone, Deserialize)]
pub struct SourceInfo {
    pub name: String,
    pub metric: String,
    #[serde(default)]
    pub upstream: String,
    #[serde(default)]
    pub commit: String,
    #[serde(default)]
    pub licence: String,
}

/// Every source in the extraction cache (each sub-folder with a `source.json`), by name. A cache that does not
/// exist holds no source.
pub fn load_cache(cache: &Path) -> Result<Vec<Source>, EvalError> {
    let listing = match std::fs::read_dir(cache) {
        Ok(l) => l,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(source) => {
            return Err(EvalError::Io {
                path: cache.to_owned(),
                source,
            })
        }
    };
    let mut dirs: Vec<PathBuf> = listing
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.join("source.json").is_file())
        .collect();
    dirs.sort();
    dirs.into_iter()
        .map(|dir| {
            let info_path = dir.join("source.json");
            let info: SourceInfo = read_json(&info_path)?;
            let metric = match info.metric.as_str() {
                "shingle" => Metric::Shingle,
                "snippets" => Metric::Snippets,
                other => {
                    return Err(EvalError::Invalid {
                        path: info_path,
                        message: format!("unknown metric {other:?} (shingle or snippets)"),
                    })
                }
            };
            Ok(Source {
                base: info.name.clone(),
                name: info.name,
                origin: Origin::Cache,
                metric,
                pages: read_pages(&dir, metric)?,
                dir,
            })
        })
        .collect()
}

/// The cache sources split by site into a half to tune on and a half kept aside ([`split_by_site`]): the two
/// with news articles from many sites.
pub const SITE_SPLIT_SOURCES: [&str; 2] = ["wceb-article", "go-trafilatura"];

/// FNV-1a (64-bit) of a site's name: a hash that stays the same across runs, machines and Rust versions.
pub fn site_hash(site: &str) -> u64 {
    site.bytes().fold(0xcbf2_9ce4_8422_2325, |h, b| {
        (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
    })
}

/// Whether a site's pages are in the tune half: its [`site_hash`] is even (odd → aside). Every page of a site is
/// on one side, so the aside half has only sites never looked at.
pub fn site_is_tune(site: &str) -> bool {
    site_hash(site).is_multiple_of(2)
}

/// Split each of the [`SITE_SPLIT_SOURCES`] into `<name>:tune` ([`Origin::Tune`]) and `<name>:aside` (still
/// [`Origin::Cache`], held out) by [`site_is_tune`], in place of the whole source; other sources pass through.
/// A half with no page is dropped.
pub fn split_by_site(sources: Vec<Source>) -> Vec<Source> {
    let mut out = Vec::with_capacity(sources.len() + SITE_SPLIT_SOURCES.len());
    for source in sources {
        if source.origin != Origin::Cache || !SITE_SPLIT_SOURCES.contains(&source.name.as_str()) {
            out.push(source);
            continue;
        }
        let (tune, aside): (Vec<SourcePage>, Vec<SourcePage>) = source
            .pages
            .iter()
            .cloned()
            .partition(|p| site_is_tune(&p.site));
        for (half, origin, pages) in [
            ("tune", Origin::Tune, tune),
            ("aside", Origin::Cache, aside),
        ] {
            if pages.is_empty() {
                continue;
            }
            out.push(Source {
                name: format!("{}:{half}", source.name),
                base: source.base.clone(),
                origin,
                metric: source.metric,
                dir: source.dir.clone(),
                pages,
            });
        }
    }
    out
}

/// Where the extraction cache is: `$DYAD_EXTRACTION_CACHE`, else `~/.cache/dyad/extraction`.
pub fn default_cache_dir() -> PathBuf {
    if let Some(dir) = std::env::var_os("DYAD_EXTRACTION_CACHE") {
        return PathBuf::from(dir);
    }
    let home = std::env::var_os("HOME").map_or_else(|| PathBuf::from("."), PathBuf::from);
    home.join(".cache").join("dyad").join("extraction")
}

impl Source {
    /// The decoded HTML of every page, in page order.
    pub fn read_html(&self) -> Result<Vec<String>, EvalError> {
        let html_dir = self.dir.join("html");
        self.pages
            .iter()
            .map(|p| {
                let path = html_dir.join(format!("{}.html.gz", p.id));
                if !path.exists() {
                    return Err(EvalError::MissingPage {
                        path,
                        id: p.id.clone(),
                    });
                }
                Ok(decode_page(&crate::extraction::read_gzip(&path)?))
            })
            .collect()
    }
}

// ---------------------------------------------------------------------------------------------------------------
// Scoring predicted texts.

/// One page's outcome under its source's metric.
#[derive(Debug, Clone, PartialEq)]
pub struct PageOutcome {
    pub id: String,
    pub site: String,
    pub precision: f64,
    pub recall: f64,
    pub f1: f64,
    /// The prediction has no word although the truth expects text.
    pub empty: bool,
}

/// What kind of failure a page's figures show (a first sort; reading the page tells more).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Failure {
    /// Nothing extracted.
    Empty,
    /// Mostly the wrong text: low precision and low recall (another block, a teaser, a listing).
    WrongText,
    /// The article and much more: low precision, good recall (whole page, comments, boilerplate).
    TooMuch,
    /// Part of the article: good precision, low recall (truncated, first block only).
    TooLittle,
    /// Precision and recall both at least half: a near miss.
    Minor,
}

/// Below this precision or recall a page counts as failing on that side.
const FAILURE_LINE: f64 = 0.5;

impl PageOutcome {
    pub fn failure(&self) -> Failure {
        let (p, r) = (self.precision >= FAILURE_LINE, self.recall >= FAILURE_LINE);
        match (self.empty, p, r) {
            (true, _, _) => Failure::Empty,
            (_, false, false) => Failure::WrongText,
            (_, false, true) => Failure::TooMuch,
            (_, true, false) => Failure::TooLittle,
            (_, true, true) => Failure::Minor,
        }
    }
}

impl Failure {
    pub fn name(self) -> &'static str {
        match self {
            Failure::Empty => "empty",
            Failure::WrongText => "wrong text",
            Failure::TooMuch => "too much",
            Failure::TooLittle => "too little",
            Failure::Minor => "minor",
        }
    }
}

/// A source scored from predicted texts.
#[derive(Debug, Clone, PartialEq)]
pub struct SourceScore {
    pub source: String,
    pub metric: Metric,
    pub precision: f64,
    pub recall: f64,
    pub f1: f64,
    /// Pages with an empty prediction where the truth expects text.
    pub empty: usize,
    /// Pages with no prediction at all (a peer's file lacks them); scored as empty.
    pub missing: usize,
    pub pages: Vec<PageOutcome>,
}

impl SourceScore {
    /// The `n` pages with the lowest F1, worst first (ties by id).
    pub fn worst(&self, n: usize) -> Vec<&PageOutcome> {
        let mut v: Vec<&PageOutcome> = self.pages.iter().collect();
        v.sort_by(|a, b| a.f1.total_cmp(&b.f1).then_with(|| a.id.cmp(&b.id)));
        v.truncate(n);
        v
    }
}

/// Score a source from one predicted text per page (in page order; `None` = no prediction, scored as empty).
pub fn score_source(source: &Source, predictions: &[Option<&str>]) -> SourceScore {
    let mut outcomes = Vec::with_capacity(source.pages.len());
    let mut matches = Vec::new();
    let mut snippets = SnippetCounts::default();
    let mut missing = 0;
    for (i, page) in source.pages.iter().enumerate() {
        let pred = predictions.get(i).copied().flatten();
        missing += usize::from(pred.is_none());
        let pred = pred.unwrap_or("");
        let empty = page.truth.expects_text() && tokenize(pred).is_empty();
        let (precision, recall, f1) = match &page.truth {
            Truth::Text(truth) => {
                let m = shingle_match(truth, pred);
                matches.push(m);
                (m.precision(), m.recall(), m.f1())
            }
            Truth::Snippets { with, without } => {
                let text = normalise_space(pred);
                let mut page_counts = SnippetCounts::default();
                for s in with {
                    if text.contains(&normalise_space(s)) {
                        page_counts.tp += 1;
                    } else {
                        page_counts.fn_ += 1;
                    }
                }
                for s in without {
                    if text.contains(&normalise_space(s)) {
                        page_counts.fp += 1;
                    } else {
                        page_counts.tn += 1;
                    }
                }
                snippets.tp += page_counts.tp;
                snippets.fp += page_counts.fp;
                snippets.tn += page_counts.tn;
                snippets.fn_ += page_counts.fn_;
                snippet_page_figures(&page_counts)
            }
        };
        outcomes.push(PageOutcome {
            id: page.id.clone(),
            site: page.site.clone(),
            precision,
            recall,
            f1,
            empty,
        });
    }
    let (precision, recall, f1) = match source.metric {
        Metric::Shingle => {
            let s = ShingleSummary::from_pages(&matches);
            (s.precision, s.recall, s.f1)
        }
        Metric::Snippets => (snippets.precision(), snippets.recall(), snippets.f1()),
    };
    SourceScore {
        source: source.name.clone(),
        metric: source.metric,
        precision,
        recall,
        f1,
        empty: outcomes.iter().filter(|o| o.empty).count(),
        missing,
        pages: outcomes,
    }
}

/// A page's snippet P/R/F1: precision 1 when no snippet is found either way (nothing found is wrong), recall 1
/// when the page has no must-contain snippet.
fn snippet_page_figures(c: &SnippetCounts) -> (f64, f64, f64) {
    let precision = if c.tp + c.fp == 0 {
        1.0
    } else {
        c.tp as f64 / (c.tp + c.fp) as f64
    };
    let recall = if c.tp + c.fn_ == 0 {
        1.0
    } else {
        c.tp as f64 / (c.tp + c.fn_) as f64
    };
    let f1 = if precision + recall == 0.0 {
        0.0
    } else {
        2.0 * precision * recall / (precision + recall)
    };
    (precision, recall, f1)
}

// ---------------------------------------------------------------------------------------------------------------
// Running dyad, reading the peers.

/// CPU time of the calling thread in seconds (`/proc/thread-self/schedstat`), when the system tells it.
fn thread_cpu_seconds() -> Option<f64> {
    let stat = std::fs::read_to_string("/proc/thread-self/schedstat").ok()?;
    let ns: u64 = stat.split_whitespace().next()?.parse().ok()?;
    Some(ns as f64 / 1e9)
}

/// A clock for the extraction loop: thread CPU time where the system gives it, else wall time.
struct CpuClock {
    cpu: Option<f64>,
    wall: Instant,
}

impl CpuClock {
    fn start() -> CpuClock {
        CpuClock {
            cpu: thread_cpu_seconds(),
            wall: Instant::now(),
        }
    }
    fn seconds(&self) -> f64 {
        match (self.cpu, thread_cpu_seconds()) {
            (Some(a), Some(b)) => b - a,
            _ => self.wall.elapsed().as_secs_f64(),
        }
    }
}

/// Whether [`run_extractor`]'s time is CPU time (else wall-clock time).
pub fn timing_is_cpu_time() -> bool {
    thread_cpu_seconds().is_some()
}

/// Run `extract` over every page on this thread; the texts in page order and the time of the loop (extraction
/// only: the pages are read and decoded before).
pub fn run_extractor(
    html: &[String],
    extract: impl Fn(&str) -> String,
) -> (Vec<String>, Throughput) {
    let clock = CpuClock::start();
    let texts: Vec<String> = html.iter().map(|h| extract(h)).collect();
    let seconds = clock.seconds();
    let throughput = Throughput {
        pages: html.len(),
        bytes: html.iter().map(|h| h.len() as u64).sum(),
        seconds,
    };
    (texts, throughput)
}

/// A peer extractor's saved run on one source (`<cache>/peers/<extractor>/<source>.json`).
#[derive(Debug, Clone, Deserialize)]
pub struct PeerRun {
    pub extractor: String,
    #[serde(default)]
    pub version: String,
    #[serde(default)]
    pub settings: String,
    /// CPU time of the extraction calls, summed.
    pub seconds: f64,
    pub pages: HashMap<String, String>,
    #[serde(default)]
    pub errors: HashMap<String, String>,
}

impl PeerRun {
    /// The predictions in the source's page order.
    pub fn predictions<'a>(&'a self, source: &Source) -> Vec<Option<&'a str>> {
        source
            .pages
            .iter()
            .map(|p| self.pages.get(&p.id).map(String::as_str))
            .collect()
    }
}

/// The peers whose runs `scripts/extraction-peers` writes, in table order.
pub const PEERS: [&str; 3] = ["trafilatura", "resiliparse", "readability"];

/// A peer's saved run on a source, if there is one.
pub fn load_peer(
    cache: &Path,
    extractor: &str,
    source: &str,
) -> Result<Option<PeerRun>, EvalError> {
    let path = cache
        .join("peers")
        .join(extractor)
        .join(format!("{source}.json"));
    if !path.is_file() {
        return Ok(None);
    }
    read_json(&path).map(Some)
}

// ---------------------------------------------------------------------------------------------------------------
// Leave-one-source-out.

/// The candidate chosen for a left-out source.
#[derive(Debug, Clone, PartialEq)]
pub struct LosoPick {
    pub left_out: String,
    /// The candidate with the best mean F1 over the other sources (the first listed on a tie).
    pub chosen: String,
    /// Its mean F1 on the other sources.
    pub tuned_f1: f64,
    /// Its F1 on the left-out source: the held-out figure.
    pub held_out_f1: f64,
    /// The first candidate's F1 on the left-out source (the default settings, by convention).
    pub first_f1: f64,
}

/// For each source, the candidate with the best mean F1 over all other sources and its F1 on that source.
/// `f1[c][s]` is candidate `c`'s F1 on source `s`. With fewer than two sources there is nothing to leave out.
pub fn leave_one_source_out(
    candidates: &[String],
    sources: &[String],
    f1: &[Vec<f64>],
) -> Vec<LosoPick> {
    if sources.len() < 2 || candidates.is_empty() {
        return Vec::new();
    }
    (0..sources.len())
        .map(|left| {
            let mean_elsewhere = |c: usize| {
                let others: Vec<f64> = (0..sources.len())
                    .filter(|&s| s != left)
                    .map(|s| f1[c][s])
                    .collect();
                others.iter().sum::<f64>() / others.len() as f64
            };
            let mut best = 0;
            let mut best_mean = mean_elsewhere(0);
            for c in 1..candidates.len() {
                let m = mean_elsewhere(c);
                if m > best_mean {
                    best = c;
                    best_mean = m;
                }
            }
            LosoPick {
                left_out: sources[left].clone(),
                chosen: candidates[best].clone(),
                tuned_f1: best_mean,
                held_out_f1: f1[best][left],
                first_f1: f1[0][left],
            }
        })
        .collect()
}

/// [`leave_one_source_out`] with the F1 matrix filled by `score(candidate, source index)`, for any kind of
/// candidate (a settings struct, a closure).
pub fn leave_one_source_out_with<C>(
    candidates: &[(String, C)],
    sources: &[String],
    score: impl Fn(&C, usize) -> f64,
) -> Vec<LosoPick> {
    let names: Vec<String> = candidates.iter().map(|(n, _)| n.clone()).collect();
    let f1: Vec<Vec<f64>> = candidates
        .iter()
        .map(|(_, c)| (0..sources.len()).map(|s| score(c, s)).collect())
        .collect();
    leave_one_source_out(&names, sources, &f1)
}

// ---------------------------------------------------------------------------------------------------------------
// The whole bench: every source, dyad and the peers, leave-one-source-out.

/// A named setting of the extractor for leave-one-source-out: a function from HTML to body text.
pub type Candidate<'a> = (String, Box<dyn Fn(&str) -> String + Sync + 'a>);

/// The extractor settings leave-one-source-out chooses among: dyad-html's tuning grid
/// ([`dyad_html::tuning::grid`]), the default first (run as plain [`dyad_html::extract`], whose output it is).
pub fn extractor_candidates() -> Vec<Candidate<'static>> {
    let default = dyad_html::Tuning::default();
    dyad_html::tuning::grid()
        .into_iter()
        .map(|(name, tuning)| -> Candidate<'static> {
            if tuning == default {
                (
                    name,
                    Box::new(|html: &str| crate::extraction::body_text(&dyad_html::extract(html))),
                )
            } else {
                (
                    name,
                    Box::new(move |html: &str| {
                        crate::extraction::body_text(&dyad_html::extract_tuned(html, &tuning))
                    }),
                )
            }
        })
        .collect()
}

/// One extractor's result on one source.
#[derive(Debug, Clone, PartialEq)]
pub struct ExtractorRun {
    /// "dyad", or the peer's name and version.
    pub label: String,
    pub score: SourceScore,
    pub speed: Throughput,
}

/// One source's row group in the table.
#[derive(Debug, Clone, PartialEq)]
pub struct SourceRow {
    pub name: String,
    pub origin: Origin,
    pub metric: Metric,
    pub pages: usize,
    pub sites: usize,
    pub dyad: ExtractorRun,
    /// Each of [`PEERS`], when its predictions are in the cache.
    pub peers: Vec<(String, Option<ExtractorRun>)>,
}

/// The result of `dyad bench extraction --set all`.
#[derive(Debug, Clone, PartialEq)]
pub struct MultiSourceReport {
    pub cache: PathBuf,
    pub rows: Vec<SourceRow>,
    pub candidates: Vec<String>,
    pub loso: Vec<LosoPick>,
    /// Speeds are CPU time of the extracting thread (else wall time).
    pub cpu_time: bool,
    /// Worst pages listed per tune half ([`Origin::Tune`]).
    pub worst: usize,
}

/// Score dyad on every source (extraction-dev's and the cache's), the peers from their saved predictions, and
/// leave-one-source-out over `candidates` (the first is dyad's default and gives the table's dyad rows).
pub fn bench_all_sources(
    extraction_dev: &Path,
    cache: &Path,
    candidates: &[Candidate<'_>],
    worst: usize,
) -> Result<MultiSourceReport, EvalError> {
    use rayon::prelude::*;
    let mut sources = load_extraction_dev(extraction_dev)?;
    sources.extend(split_by_site(load_cache(cache)?));
    let default: &(dyn Fn(&str) -> String + Sync) = match candidates.first() {
        Some((_, f)) => f.as_ref(),
        None => &|h: &str| crate::extraction::body_text(&dyad_html::extract(h)),
    };
    let mut rows = Vec::with_capacity(sources.len());
    // f1[candidate][source]
    let mut f1 = vec![Vec::with_capacity(sources.len()); candidates.len()];
    for source in &sources {
        let html = source.read_html()?;
        let (texts, speed) = run_extractor(&html, default);
        let preds: Vec<Option<&str>> = texts.iter().map(|t| Some(t.as_str())).collect();
        let score = score_source(source, &preds);
        if let Some(first) = f1.first_mut() {
            first.push(score.f1);
        }
        for (c, (_, extract)) in candidates.iter().enumerate().skip(1) {
            let texts: Vec<String> = html.par_iter().map(|h| extract(h)).collect();
            let preds: Vec<Option<&str>> = texts.iter().map(|t| Some(t.as_str())).collect();
            f1[c].push(score_source(source, &preds).f1);
        }
        let mut peers = Vec::new();
        for peer in PEERS {
            let run = load_peer(cache, peer, &source.base)?.map(|run| ExtractorRun {
                label: format!("{} {}", run.extractor, run.version),
                score: score_source(source, &run.predictions(source)),
                speed: Throughput {
                    pages: source.pages.len(),
                    bytes: html.iter().map(|h| h.len() as u64).sum(),
                    seconds: run.seconds,
                },
            });
            peers.push((peer.to_owned(), run));
        }
        let mut sites: Vec<&str> = source.pages.iter().map(|p| p.site.as_str()).collect();
        sites.sort_unstable();
        sites.dedup();
        rows.push(SourceRow {
            name: source.name.clone(),
            origin: source.origin,
            metric: source.metric,
            pages: source.pages.len(),
            sites: sites.into_iter().filter(|s| !s.is_empty()).count(),
            dyad: ExtractorRun {
                label: "dyad".to_owned(),
                score,
                speed,
            },
            peers,
        });
    }
    let names: Vec<String> = candidates.iter().map(|(n, _)| n.clone()).collect();
    let source_names: Vec<String> = sources.iter().map(|s| s.name.clone()).collect();
    Ok(MultiSourceReport {
        cache: cache.to_owned(),
        loso: leave_one_source_out(&names, &source_names, &f1),
        candidates: names,
        rows,
        cpu_time: timing_is_cpu_time(),
        worst,
    })
}

/// Mean of the F1s and pooled pages/s of one extractor over a group of rows.
fn group_summary<'a>(
    runs: impl Iterator<Item = &'a ExtractorRun>,
) -> Option<(f64, usize, f64, usize)> {
    let (mut f1, mut n, mut pages, mut seconds) = (0.0, 0usize, 0usize, 0.0);
    for r in runs {
        f1 += r.score.f1;
        n += 1;
        pages += r.speed.pages;
        seconds += r.speed.seconds;
    }
    (n > 0).then(|| {
        (
            f1 / n as f64,
            n,
            pages as f64 / seconds.max(f64::MIN_POSITIVE),
            pages,
        )
    })
}

impl fmt::Display for MultiSourceReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let clock = if self.cpu_time {
            "CPU time of one thread"
        } else {
            "wall time, one thread"
        };
        writeln!(
            f,
            "extraction on {} sources (extraction-dev and the cache {}); pages/s: {clock}, extraction only",
            self.rows.len(),
            self.cache.display()
        )?;
        writeln!(
            f,
            "metric: shingle = word 4-gram shingle P/R/F1 against the full text (macro over pages); snippets = \
             must/must-not snippets counted over the source. empty = pages with no output where truth expects text"
        )?;
        let absent: Vec<&str> = PEERS
            .iter()
            .copied()
            .filter(|p| {
                self.rows
                    .iter()
                    .any(|r| r.peers.iter().any(|(n, run)| n == p && run.is_none()))
            })
            .collect();
        if !absent.is_empty() {
            writeln!(
                f,
                "peer predictions absent for {} on some or all sources: run scripts/extraction-peers",
                absent.join(", ")
            )?;
        }
        writeln!(
            f,
            "\n{:<21} {:<8} {:>5} {:>5}  {:<20} {:>6} {:>6} {:>6} {:>5} {:>8}",
            "source", "metric", "pages", "sites", "extractor", "P", "R", "F1", "empty", "pages/s"
        )?;
        for row in &self.rows {
            let held_out = if row.origin == Origin::Cache { "*" } else { "" };
            let mut first = true;
            for run in
                std::iter::once(&row.dyad).chain(row.peers.iter().filter_map(|(_, r)| r.as_ref()))
            {
                if first {
                    write!(
                        f,
                        "{:<21} {:<8} {:>5} {:>5}  ",
                        format!("{}{held_out}", row.name),
                        row.metric.name(),
                        row.pages,
                        row.sites
                    )?;
                    first = false;
                } else {
                    write!(f, "{:<43}  ", "")?;
                }
                writeln!(
                    f,
                    "{:<20} {:>6.3} {:>6.3} {:>6.3} {:>5} {:>8.1}",
                    run.label,
                    run.score.precision,
                    run.score.recall,
                    run.score.f1,
                    run.score.empty,
                    run.speed.pages_per_second()
                )?;
            }
        }
        writeln!(
            f,
            "(* = held out: converted by scripts/extraction-data, not used to develop dyad's rules; :tune / :aside \
             = the sites whose FNV-1a hash is even / odd, only the tune half's pages are read)"
        )?;
        writeln!(f, "\nmean F1 over sources, pooled pages/s:")?;
        for (group, origin) in [
            ("extraction-dev", Origin::ExtractionDev),
            ("tune halves", Origin::Tune),
            ("held-out (cache)", Origin::Cache),
        ] {
            let rows: Vec<&SourceRow> = self.rows.iter().filter(|r| r.origin == origin).collect();
            if rows.is_empty() {
                continue;
            }
            let mut labels = vec![("dyad".to_owned(), None)];
            labels.extend(PEERS.iter().map(|p| (p.to_string(), Some(*p))));
            for (label, peer) in labels {
                let runs: Vec<&ExtractorRun> = rows
                    .iter()
                    .filter_map(|r| match peer {
                        None => Some(&r.dyad),
                        Some(p) => r
                            .peers
                            .iter()
                            .find(|(n, _)| n == p)
                            .and_then(|(_, run)| run.as_ref()),
                    })
                    .collect();
                if let Some((mean, n, pps, pages)) = group_summary(runs.into_iter()) {
                    writeln!(
                        f,
                        "  {group:<17} {label:<12} F1 {mean:.3} over {n} of {} sources, {pages} pages, {pps:.1} pages/s",
                        rows.len()
                    )?;
                }
            }
        }
        if !self.loso.is_empty() {
            writeln!(
                f,
                "\nleave-one-source-out over {} candidate(s) [{}]: for each source, the candidate with the best \
                 mean F1 on the others, scored on it",
                self.candidates.len(),
                self.candidates.join(", ")
            )?;
            writeln!(
                f,
                "{:<21} {:<24} {:>12} {:>10} {:>10}",
                "left out", "chosen", "F1 elsewhere", "F1 (LOSO)", "F1 default"
            )?;
            for p in &self.loso {
                writeln!(
                    f,
                    "{:<21} {:<24} {:>12.3} {:>10.3} {:>10.3}",
                    p.left_out, p.chosen, p.tuned_f1, p.held_out_f1, p.first_f1
                )?;
            }
        }
        if self.worst > 0 {
            // Only the tune halves: the pages of held-out sources are not for reading.
            for row in self.rows.iter().filter(|r| r.origin == Origin::Tune) {
                writeln!(
                    f,
                    "\n{}: worst pages for dyad (P/R/F1, failure, site):",
                    row.name
                )?;
                for p in row.dyad.score.worst(self.worst) {
                    writeln!(
                        f,
                        "  {:.3} {:.3} {:.3}  {:<10}  {}  {}",
                        p.precision,
                        p.recall,
                        p.f1,
                        p.failure().name(),
                        p.id,
                        p.site
                    )?;
                }
            }
        }
        Ok(())
    }
}

impl fmt::Display for Failure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text_source(pages: &[(&str, &str)]) -> Source {
        Source {
            name: "t".into(),
            base: "t".into(),
            origin: Origin::Cache,
            metric: Metric::Shingle,
            dir: PathBuf::new(),
            pages: pages
                .iter()
                .map(|(id, t)| SourcePage {
                    id: id.to_string(),
                    site: String::new(),
                    truth: Truth::Text(t.to_string()),
                })
                .collect(),
        }
    }

    #[test]
    fn sites_are_hosts_without_www() {
        assert_eq!(site_of("https://www.BBC.co.uk/news/x?y"), "bbc.co.uk");
        assert_eq!(site_of("http://user@example.org:8080"), "example.org");
        assert_eq!(site_of("not a url"), "");
    }

    #[test]
    fn site_split_is_fnv_parity_and_keeps_each_site_on_one_side() {
        // FNV-1a 64 test vectors.
        assert_eq!(site_hash(""), 0xcbf2_9ce4_8422_2325);
        assert_eq!(site_hash("a"), 0xaf63_dc4c_8601_ec8c);
        let mut s = text_source(&[("1", "x"), ("2", "y"), ("3", "z"), ("4", "w")]);
        s.name = "wceb-article".into();
        s.base = s.name.clone();
        for (p, site) in s.pages.iter_mut().zip(["a", "b", "a", "c"]) {
            p.site = site.into();
        }
        let other = Source {
            name: "wceb-forum".into(),
            base: "wceb-forum".into(),
            ..s.clone()
        };
        let split = split_by_site(vec![s, other]);
        let names: Vec<&str> = split.iter().map(|s| s.name.as_str()).collect();
        assert!(names.ends_with(&["wceb-forum"]), "{names:?}");
        let halves = &split[..split.len() - 1];
        assert_eq!(halves.iter().map(|h| h.pages.len()).sum::<usize>(), 4);
        for h in halves {
            assert_eq!(h.base, "wceb-article");
            let tune = h.origin == Origin::Tune;
            assert_eq!(h.name.ends_with(":tune"), tune);
            assert!(h.pages.iter().all(|p| site_is_tune(&p.site) == tune));
        }
        // "a" has two pages; both land in the same half.
        let a_half: Vec<&str> = halves
            .iter()
            .filter(|h| h.pages.iter().any(|p| p.site == "a"))
            .map(|h| h.name.as_str())
            .collect();
        assert_eq!(a_half.len(), 1);
    }

    #[test]
    fn perfect_empty_and_missing_predictions() {
        let s = text_source(&[
            ("a", "one two three four five"),
            ("b", "six seven eight nine"),
        ]);
        let perfect = score_source(
            &s,
            &[
                Some("one two three four five"),
                Some("six seven eight nine"),
            ],
        );
        assert_eq!((perfect.f1, perfect.empty), (1.0, 0));
        let none = score_source(&s, &[Some(""), None]);
        assert_eq!((none.f1, none.empty, none.missing), (0.0, 2, 1));
        assert_eq!(none.pages[0].failure(), Failure::Empty);
    }

    #[test]
    fn failure_kinds_follow_precision_and_recall() {
        let s = text_source(&[("a", "a b c d e f g h i j")]);
        let too_much = score_source(
            &s,
            &[Some("a b c d e f g h i j k l m n o p q r s t u v w x y z")],
        );
        assert_eq!(too_much.pages[0].failure(), Failure::TooMuch);
        let too_little = score_source(&s, &[Some("a b c d e")]);
        assert_eq!(too_little.pages[0].failure(), Failure::TooLittle);
        let wrong = score_source(&s, &[Some("x y z w v u")]);
        assert_eq!(wrong.pages[0].failure(), Failure::WrongText);
    }

    #[test]
    fn snippets_count_over_the_source() {
        let s = Source {
            name: "s".into(),
            base: "s".into(),
            origin: Origin::Cache,
            metric: Metric::Snippets,
            dir: PathBuf::new(),
            pages: vec![SourcePage {
                id: "p".into(),
                site: String::new(),
                truth: Truth::Snippets {
                    with: vec!["the  article".into(), "missing".into()],
                    without: vec!["Subscribe".into()],
                },
            }],
        };
        let score = score_source(&s, &[Some("the article\nSubscribe now")]);
        // TP 1, FN 1, FP 1: P 1/2, R 1/2.
        assert_eq!((score.precision, score.recall, score.f1), (0.5, 0.5, 0.5));
    }

    #[test]
    fn loso_picks_the_best_elsewhere_not_on_the_left_out_source() {
        let cands = vec!["default".to_string(), "loose".to_string()];
        let sources = vec!["a".to_string(), "b".to_string(), "c".to_string()];
        // "loose" is best on a and b, worst on c; default is better on c only.
        let f1 = vec![vec![0.80, 0.80, 0.90], vec![0.90, 0.90, 0.50]];
        let picks = leave_one_source_out(&cands, &sources, &f1);
        // Leaving out c: loose wins on a, b (0.90 > 0.80) and scores 0.50 on c, below default's 0.90.
        assert_eq!(picks[2].chosen, "loose");
        assert_eq!((picks[2].held_out_f1, picks[2].first_f1), (0.50, 0.90));
        // Leaving out a: default mean (0.80+0.90)/2 = 0.85 > loose (0.90+0.50)/2 = 0.70.
        assert_eq!(picks[0].chosen, "default");
        assert_eq!(picks[0].held_out_f1, 0.80);
    }

    #[test]
    fn loso_ties_go_to_the_first_candidate_and_one_source_gives_nothing() {
        let cands = vec!["default".to_string(), "same".to_string()];
        let sources = vec!["a".to_string(), "b".to_string()];
        let picks = leave_one_source_out_with(
            &[(cands[0].clone(), 0.7), (cands[1].clone(), 0.7)],
            &sources,
            |c, _| *c,
        );
        assert!(picks.iter().all(|p| p.chosen == "default"));
        assert!(leave_one_source_out(&cands, &sources[..1], &[vec![1.0], vec![0.0]]).is_empty());
    }
}
