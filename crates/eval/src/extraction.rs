//! Main-content extraction scoring on ../shared/data/extraction-dev (word 4-gram shingle F1, pages/s).
//!
//! Three public sets are scored with the metric their upstream uses:
//! - ScrapingHub's article-extraction-benchmark: the exact port of its `evaluate.py` (see [`shingle_match`] and
//!   [`ShingleSummary::from_pages`]);
//! - trafilatura's evaluation: must-contain / must-not-contain snippets, counted over the corpus;
//! - newspaper4k's fixtures: the ScrapingHub shingle metric against newspaper4k's saved text.
//!
//! The text scored is the article body: every extracted block except captions, joined by `"\n"`; the title is left
//! out because the ScrapingHub ground truth (`articleBody`) does not contain it. Speed counts extraction time only,
//! on one thread.

use crate::validation::{PrecisionRecall, Tally};
use std::collections::HashMap;
use std::fmt;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::time::Instant;

use dyad_html::{BlockKind, Extracted};
use serde::Deserialize;
use unicode_properties::{GeneralCategoryGroup, UnicodeGeneralCategory};

/// Why a benchmark could not be scored.
#[derive(Debug, thiserror::Error)]
pub enum EvalError {
    #[error("{path}: {source}")]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("{path}: invalid JSON: {source}")]
    Json {
        path: PathBuf,
        source: serde_json::Error,
    },
    #[error("{path}: no page for ground-truth id {id}")]
    MissingPage { path: PathBuf, id: String },
    #[error("{path}: {message}")]
    Invalid { path: PathBuf, message: String },
}

fn read_bytes(path: &Path) -> Result<Vec<u8>, EvalError> {
    std::fs::read(path).map_err(|source| EvalError::Io {
        path: path.to_owned(),
        source,
    })
}

/// Read a gzip file whole.
pub(crate) fn read_gzip(path: &Path) -> Result<Vec<u8>, EvalError> {
    let raw = read_bytes(path)?;
    let mut out = Vec::with_capacity(raw.len() * 6);
    flate2::read::GzDecoder::new(&raw[..])
        .read_to_end(&mut out)
        .map_err(|source| EvalError::Io {
            path: path.to_owned(),
            source,
        })?;
    Ok(out)
}

fn parse_json<T: for<'de> Deserialize<'de>>(path: &Path, bytes: &[u8]) -> Result<T, EvalError> {
    serde_json::from_slice(bytes).map_err(|source| EvalError::Json {
        path: path.to_owned(),
        source,
    })
}

/// Decode page bytes: UTF-8 when valid, else Windows-1252 (a superset of ISO-8859-1 for printable text), which is
/// what the few non-UTF-8 pages in these sets use. Charset sniffing proper belongs to the ingest stage.
pub fn decode_page(bytes: &[u8]) -> String {
    match std::str::from_utf8(bytes) {
        Ok(s) => s.to_owned(),
        Err(_) => bytes.iter().map(|&b| windows_1252_char(b)).collect(),
    }
}

/// Windows-1252 bytes 0x80–0x9F; the rest map to the same code point.
const WINDOWS_1252_HIGH: [char; 32] = [
    '€', '\u{81}', '‚', 'ƒ', '„', '…', '†', '‡', 'ˆ', '‰', 'Š', '‹', 'Œ', '\u{8d}', 'Ž', '\u{8f}',
    '\u{90}', '‘', '’', '“', '”', '•', '–', '—', '˜', '™', 'š', '›', 'œ', '\u{9d}', 'ž', 'Ÿ',
];

fn windows_1252_char(b: u8) -> char {
    if (0x80..0xA0).contains(&b) {
        WINDOWS_1252_HIGH[(b - 0x80) as usize]
    } else {
        b as char
    }
}

/// The article body text that the benchmarks score: all blocks but captions, joined by newlines.
pub fn body_text(page: &Extracted) -> String {
    let mut out = String::new();
    for block in page.blocks.iter().filter(|b| b.kind != BlockKind::Caption) {
        if !out.is_empty() {
            out.push('\n');
        }
        out.push_str(&block.text);
    }
    out
}

// ---------------------------------------------------------------------------------------------------------------
// The ScrapingHub shingle metric.

/// Shingle length of the upstream metric.
pub const SHINGLE_TOKENS: usize = 4;

/// Python's `\w` for `str` patterns: `str.isalnum()` (general categories L* and N*) or `_`. Rust's
/// `is_alphanumeric` also takes combining marks with the Alphabetic property (Arabic harakat), which Python does not.
fn is_word_char(c: char) -> bool {
    c == '_'
        || (c.is_alphanumeric()
            && matches!(
                c.general_category_group(),
                GeneralCategoryGroup::Letter | GeneralCategoryGroup::Number
            ))
}

/// Upstream's tokens: maximal runs of `\w` characters, case kept.
pub fn tokenize(text: &str) -> Vec<&str> {
    let mut tokens = Vec::new();
    let mut start = None;
    for (i, c) in text.char_indices() {
        match (is_word_char(c), start) {
            (true, None) => start = Some(i),
            (false, Some(s)) => {
                tokens.push(&text[s..i]);
                start = None;
            }
            _ => {}
        }
    }
    if let Some(s) = start {
        tokens.push(&text[s..]);
    }
    tokens
}

/// Counts of each shingle; a text of 1–3 tokens gives one short shingle, an empty text none.
fn shingles<'a>(tokens: &'a [&'a str]) -> HashMap<&'a [&'a str], u32> {
    let mut counts = HashMap::new();
    if tokens.is_empty() {
        return counts;
    }
    if tokens.len() < SHINGLE_TOKENS {
        counts.insert(tokens, 1);
        return counts;
    }
    for w in tokens.windows(SHINGLE_TOKENS) {
        *counts.entry(w).or_insert(0) += 1;
    }
    counts
}

/// One page's shingle match: counts normalised to sum 1 as upstream does (ratios are unchanged by it).
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct PageMatch {
    pub tp: f64,
    pub fp: f64,
    pub fn_: f64,
    /// The token lists are identical.
    pub exact: bool,
}

impl PageMatch {
    /// Upstream's `precision_score`.
    pub fn precision(&self) -> f64 {
        self.upstream_share(self.fp)
    }

    /// Upstream's `recall_score`.
    pub fn recall(&self) -> f64 {
        self.upstream_share(self.fn_)
    }

    /// `tp / (tp + wrong)` as upstream scores it: 1 when nothing is wrong either way (two empty texts match
    /// perfectly), 0 when there is neither a match nor an error of this kind.
    fn upstream_share(&self, wrong: f64) -> f64 {
        if self.fp == 0.0 && self.fn_ == 0.0 {
            1.0
        } else if self.tp == 0.0 && wrong == 0.0 {
            0.0
        } else {
            self.tp / (self.tp + wrong)
        }
    }

    pub fn f1(&self) -> f64 {
        PrecisionRecall {
            precision: self.precision(),
            recall: self.recall(),
        }
        .f1()
    }
}

/// Upstream's `string_shingle_matching` on a true and a predicted text.
pub fn shingle_match(truth: &str, pred: &str) -> PageMatch {
    let true_tokens = tokenize(truth);
    let pred_tokens = tokenize(pred);
    let t = shingles(&true_tokens);
    let p = shingles(&pred_tokens);
    let (mut tp, mut fp, mut fn_) = (0u64, 0u64, 0u64);
    for (k, &tc) in &t {
        let pc = p.get(k).copied().unwrap_or(0);
        tp += tc.min(pc) as u64;
        fn_ += tc.saturating_sub(pc) as u64;
    }
    for (k, &pc) in &p {
        fp += pc.saturating_sub(t.get(k).copied().unwrap_or(0)) as u64;
    }
    let sum = (tp + fp + fn_) as f64;
    let norm = if sum > 0.0 { sum } else { 1.0 };
    PageMatch {
        tp: tp as f64 / norm,
        fp: fp as f64 / norm,
        fn_: fn_ as f64 / norm,
        exact: true_tokens == pred_tokens,
    }
}

/// Corpus figures of the shingle metric.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct ShingleSummary {
    /// Mean page precision over pages whose prediction has shingles.
    pub precision: f64,
    /// Mean page recall over pages whose truth has shingles.
    pub recall: f64,
    /// Harmonic mean of the two averages.
    pub f1: f64,
    /// Share of pages whose token lists are equal.
    pub accuracy: f64,
}

impl ShingleSummary {
    /// Upstream's `metrics_from_tp_fp_fns`, plus accuracy.
    pub fn from_pages(pages: &[PageMatch]) -> ShingleSummary {
        // Precision is averaged over the pages whose prediction has shingles, recall over those whose truth has.
        let mean_over = |counted: fn(&PageMatch) -> bool, score: fn(&PageMatch) -> f64| {
            let scores: Vec<f64> = pages.iter().filter(|m| counted(m)).map(score).collect();
            if scores.is_empty() {
                0.0
            } else {
                scores.iter().sum::<f64>() / scores.len() as f64
            }
        };
        let precision = mean_over(|m| m.tp + m.fp > 0.0, PageMatch::precision);
        let recall = mean_over(|m| m.tp + m.fn_ > 0.0, PageMatch::recall);
        let f1 = PrecisionRecall { precision, recall }.f1();
        let accuracy = if pages.is_empty() {
            0.0
        } else {
            pages.iter().filter(|m| m.exact).count() as f64 / pages.len() as f64
        };
        ShingleSummary {
            precision,
            recall,
            f1,
            accuracy,
        }
    }
}

impl fmt::Display for ShingleSummary {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "F1 {:.3}  P {:.3}  R {:.3}  accuracy {:.3}",
            self.f1, self.precision, self.recall, self.accuracy
        )
    }
}

/// Extraction speed: extraction time only, one thread.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Throughput {
    pub pages: usize,
    pub bytes: u64,
    pub seconds: f64,
}

impl Throughput {
    pub fn pages_per_second(&self) -> f64 {
        self.pages as f64 / self.seconds.max(f64::MIN_POSITIVE)
    }
    pub fn megabytes_per_second(&self) -> f64 {
        self.bytes as f64 / 1e6 / self.seconds.max(f64::MIN_POSITIVE)
    }
}

impl fmt::Display for Throughput {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{} pages, {:.1} MB in {:.3} s: {:.0} pages/s, {:.1} MB/s (one thread)",
            self.pages,
            self.bytes as f64 / 1e6,
            self.seconds,
            self.pages_per_second(),
            self.megabytes_per_second()
        )
    }
}

/// One page's score, kept so the worst pages can be looked at.
#[derive(Debug, Clone, PartialEq)]
pub struct PageScore {
    pub id: String,
    pub matched: PageMatch,
}

/// The result of a shingle-metric benchmark run.
#[derive(Debug, Clone, PartialEq)]
pub struct ExtractionReport {
    pub set: String,
    pub summary: ShingleSummary,
    pub throughput: Throughput,
    /// Every page, in id order.
    pub pages: Vec<PageScore>,
}

/// How many of the worst pages the report lists.
const WORST_PAGES_SHOWN: usize = 12;

impl ExtractionReport {
    /// The pages with the lowest F1, worst first.
    pub fn worst(&self, n: usize) -> Vec<&PageScore> {
        let mut v: Vec<&PageScore> = self.pages.iter().collect();
        v.sort_by(|a, b| a.matched.f1().total_cmp(&b.matched.f1()));
        v.truncate(n);
        v
    }
}

impl fmt::Display for ExtractionReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(f, "{}: {}", self.set, self.summary)?;
        writeln!(f, "  speed: {}", self.throughput)?;
        writeln!(f, "  worst pages (P/R/F1):")?;
        for p in self.worst(WORST_PAGES_SHOWN) {
            writeln!(
                f,
                "    {:.3} {:.3} {:.3}  {}",
                p.matched.precision(),
                p.matched.recall(),
                p.matched.f1(),
                p.id
            )?;
        }
        Ok(())
    }
}

/// Reads the set's page `<id>.html.gz` from `html_dir` and extracts it, adding the extraction (only) to `throughput`.
fn extract_page(
    html_dir: &Path,
    id: &str,
    throughput: &mut Throughput,
) -> Result<Extracted, EvalError> {
    let path = html_dir.join(format!("{id}.html.gz"));
    if !path.exists() {
        return Err(EvalError::MissingPage {
            path,
            id: id.to_owned(),
        });
    }
    let html = decode_page(&read_gzip(&path)?);
    let start = Instant::now();
    let extracted = dyad_html::extract(&html);
    throughput.seconds += start.elapsed().as_secs_f64();
    throughput.pages += 1;
    throughput.bytes += html.len() as u64;
    Ok(extracted)
}

/// A ground-truth page that carries a text to compare with.
struct TruthPage {
    id: String,
    text: String,
}

/// Extract each page, time it, and score body text against the truth.
fn run_shingle_benchmark(
    set: &str,
    html_dir: &Path,
    truth: Vec<TruthPage>,
) -> Result<ExtractionReport, EvalError> {
    let mut throughput = Throughput::default();
    let mut pages = Vec::with_capacity(truth.len());
    for t in truth {
        let extracted = extract_page(html_dir, &t.id, &mut throughput)?;
        let matched = shingle_match(&t.text, &body_text(&extracted));
        pages.push(PageScore { id: t.id, matched });
    }
    let matches: Vec<PageMatch> = pages.iter().map(|p| p.matched).collect();
    Ok(ExtractionReport {
        set: set.to_owned(),
        summary: ShingleSummary::from_pages(&matches),
        throughput,
        pages,
    })
}

#[derive(Deserialize)]
struct ArticleBody {
    #[serde(rename = "articleBody", default)]
    article_body: String,
}

fn read_article_bodies(path: &Path) -> Result<Vec<(String, String)>, EvalError> {
    let map: HashMap<String, ArticleBody> = parse_json(path, &read_bytes(path)?)?;
    let mut v: Vec<(String, String)> = map.into_iter().map(|(k, b)| (k, b.article_body)).collect();
    v.sort();
    Ok(v)
}

/// Score `dyad_html::extract` on the ScrapingHub article-extraction-benchmark (`set_dir` is its folder).
pub fn score_scrapinghub(set_dir: &Path) -> Result<ExtractionReport, EvalError> {
    let truth = read_article_bodies(&set_dir.join("ground-truth.json"))?
        .into_iter()
        .map(|(id, text)| TruthPage { id, text })
        .collect();
    run_shingle_benchmark("scrapinghub", &set_dir.join("html"), truth)
}

/// Score a saved upstream prediction file (`reference-outputs/*.json.gz`) with the same metric, to check the port.
pub fn score_scrapinghub_reference(
    set_dir: &Path,
    reference: &Path,
) -> Result<ShingleSummary, EvalError> {
    // Upstream files are either `{"output": {id: {...}}, "version": ..}` or `{id: {...}}`.
    #[derive(Deserialize)]
    #[serde(untagged)]
    enum Output {
        Wrapped {
            output: HashMap<String, ArticleBody>,
        },
        Bare(HashMap<String, ArticleBody>),
    }
    let truth = read_article_bodies(&set_dir.join("ground-truth.json"))?;
    let pred = match parse_json::<Output>(reference, &read_gzip(reference)?)? {
        Output::Wrapped { output } => output,
        Output::Bare(map) => map,
    };
    let matches: Vec<PageMatch> = truth
        .iter()
        .map(|(id, text)| {
            let p = pred.get(id).map(|b| b.article_body.as_str());
            shingle_match(text, p.unwrap_or(""))
        })
        .collect();
    Ok(ShingleSummary::from_pages(&matches))
}

/// Score `dyad_html::extract` on newspaper4k's fixtures: shingle metric against newspaper4k's saved text.
pub fn score_newspaper4k(set_dir: &Path) -> Result<ExtractionReport, EvalError> {
    #[derive(Deserialize)]
    struct Entry {
        #[serde(default)]
        text: String,
    }
    let path = set_dir.join("ground-truth.json");
    let map: HashMap<String, Entry> = parse_json(&path, &read_bytes(&path)?)?;
    let mut truth: Vec<TruthPage> = map
        .into_iter()
        .map(|(id, e)| TruthPage { id, text: e.text })
        .collect();
    truth.sort_by(|a, b| a.id.cmp(&b.id));
    run_shingle_benchmark("newspaper4k", &set_dir.join("html"), truth)
}

// ---------------------------------------------------------------------------------------------------------------
// trafilatura's snippet metric.

/// Corpus counts of trafilatura's snippet evaluation.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct SnippetCounts {
    pub tp: usize,
    pub fp: usize,
    pub tn: usize,
    pub fn_: usize,
}

impl SnippetCounts {
    /// Precision and recall of the snippet counts.
    pub fn precision_recall(&self) -> PrecisionRecall {
        PrecisionRecall::from_counts(self.tp, self.fp, self.fn_)
    }
    pub fn precision(&self) -> f64 {
        self.precision_recall().precision
    }
    pub fn recall(&self) -> f64 {
        self.precision_recall().recall
    }
    pub fn accuracy(&self) -> f64 {
        (self.tp + self.tn) as f64 / ((self.tp + self.tn + self.fp + self.fn_) as f64).max(1.0)
    }
    pub fn f1(&self) -> f64 {
        self.precision_recall().f1()
    }
}

/// Metadata agreement with trafilatura's annotations: date (`YYYY-MM-DD` equal), title (equal after whitespace
/// normalisation), author (the first expected author is among the extracted byline names).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct MetadataHits {
    pub date: Tally,
    pub title: Tally,
    pub author: Tally,
}

/// The result of the trafilatura snippet benchmark.
#[derive(Debug, Clone, PartialEq)]
pub struct SnippetReport {
    pub counts: SnippetCounts,
    pub metadata: MetadataHits,
    pub throughput: Throughput,
    /// Pages with a missed "with" or a present "without" snippet: (id, missed, intruding).
    pub failures: Vec<(String, usize, usize)>,
}

impl fmt::Display for SnippetReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let c = &self.counts;
        writeln!(
            f,
            "trafilatura snippets: F1 {:.3}  P {:.3}  R {:.3}  accuracy {:.3}  (TP {} FP {} TN {} FN {})",
            c.f1(),
            c.precision(),
            c.recall(),
            c.accuracy(),
            c.tp,
            c.fp,
            c.tn,
            c.fn_
        )?;
        writeln!(
            f,
            "  metadata: date {}  title {}  author {}",
            self.metadata.date, self.metadata.title, self.metadata.author
        )?;
        writeln!(f, "  speed: {}", self.throughput)
    }
}

/// Collapse whitespace runs to one space, as upstream's evaluation does before substring tests.
pub(crate) fn normalise_space(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Score `dyad_html::extract` on trafilatura's evaluation subset (snippets that must / must not appear).
pub fn score_trafilatura(set_dir: &Path) -> Result<SnippetReport, EvalError> {
    #[derive(Deserialize)]
    struct Entry {
        #[serde(default)]
        with: Vec<String>,
        #[serde(default)]
        without: Vec<String>,
        #[serde(default)]
        date: String,
        #[serde(default)]
        title: String,
        /// A string, or (4 cases) a list of names.
        #[serde(default)]
        author: serde_json::Value,
    }
    let path = set_dir.join("ground-truth.json");
    let map: HashMap<String, Entry> = parse_json(&path, &read_bytes(&path)?)?;
    let mut entries: Vec<(String, Entry)> = map.into_iter().collect();
    entries.sort_by(|a, b| a.0.cmp(&b.0));
    let mut counts = SnippetCounts::default();
    let mut throughput = Throughput::default();
    let mut failures = Vec::new();
    let mut metadata = MetadataHits::default();
    for (id, entry) in entries {
        let extracted = extract_page(&set_dir.join("html"), &id, &mut throughput)?;
        let text = normalise_space(&body_text(&extracted));
        let (mut missed, mut intruding) = (0, 0);
        for s in &entry.with {
            if text.contains(&normalise_space(s)) {
                counts.tp += 1;
            } else {
                counts.fn_ += 1;
                missed += 1;
            }
        }
        for s in &entry.without {
            if text.contains(&normalise_space(s)) {
                counts.fp += 1;
                intruding += 1;
            } else {
                counts.tn += 1;
            }
        }
        if missed + intruding > 0 {
            failures.push((id, missed, intruding));
        }
        let m = &extracted.metadata;
        if !entry.date.is_empty() {
            let date = m.date.as_deref().and_then(|d| d.get(..10));
            metadata.date.add(date == Some(entry.date.as_str()));
        }
        if !entry.title.is_empty() {
            let title = extracted.title.as_deref().map(normalise_space);
            metadata
                .title
                .add(title == Some(normalise_space(&entry.title)));
        }
        let first_author = match &entry.author {
            serde_json::Value::String(a) => a.split(';').next().unwrap_or("").trim().to_owned(),
            serde_json::Value::Array(a) => {
                a.first().and_then(|v| v.as_str()).unwrap_or("").to_owned()
            }
            _ => String::new(),
        };
        if !first_author.is_empty() {
            metadata.author.add(
                m.byline.iter().any(|b| {
                    normalise_space(b).eq_ignore_ascii_case(&normalise_space(&first_author))
                }),
            );
        }
    }
    Ok(SnippetReport {
        counts,
        metadata,
        throughput,
        failures,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_are_word_runs_of_any_script() {
        assert_eq!(
            tokenize("It's 3.5% — Москва_2 日本"),
            ["It", "s", "3", "5", "Москва_2", "日本"]
        );
    }

    #[test]
    fn short_texts_give_one_shingle_and_empty_none() {
        let m = shingle_match("a b", "a b");
        assert!(m.exact && m.tp == 1.0);
        let m = shingle_match("", "");
        assert_eq!((m.tp, m.fp, m.fn_), (0.0, 0.0, 0.0));
        let m = shingle_match("one two three four five", "");
        assert_eq!((m.precision(), m.recall()), (0.0, 0.0));
    }

    #[test]
    fn counts_repeated_shingles() {
        // truth: 2 shingles (abcd, bcde); the repeated prediction has 7, abcd and bcde twice each: 2 matched.
        let m = shingle_match("a b c d e", "a b c d e a b c d e");
        assert!((m.precision() - 2.0 / 7.0).abs() < 1e-9, "{m:?}");
        assert_eq!(m.recall(), 1.0);
    }

    #[test]
    fn windows_1252_decoding() {
        assert_eq!(decode_page(b"caf\xe9 \x93q\x94"), "café “q”");
    }
}
