//! Near-duplicate detection as the store does it ([`dyad_store::dedup`]: MinHash, LSH bands, each new document
//! in the story of its most similar stored one), scored on two sets:
//!
//! - a **synthetic** set: news stories and copies made the way the web makes them — re-wrapped with other
//!   boilerplate as plain text or as HTML pages in other site templates, re-posted with small edits, truncated —
//!   from a seeded generator ([`synthetic_set`]); gold pairs are each copy with its original and copies of one
//!   original with each other;
//! - **Reuters-21578** itself, whose repeated and updated stories are the gold pairs when their exact shingle
//!   Jaccard similarity ([`dyad_store::dedup::exact_similarity`]) is at least
//!   [`dyad_store::dedup::DUPLICATE_SIMILARITY`], computed exactly over an inverted index ([`exact_pairs`]).
//!
//! Articles go through the store itself ([`store_stories`]: a temporary store, the pipeline's cleaning and the
//! store's ingest) and the stories are read back with SQL, so what is scored is what `dyad ingest` does.
//! Nothing here prints.

use dyad_ingest::{ContentKind, RawRecord, RecordHints};
use dyad_model::Provenance;
use dyad_pipeline::{Pipeline, RunObserver};
use dyad_store::dedup::{shingle_hashes, DUPLICATE_SIMILARITY};
use std::collections::{HashMap, HashSet};
use std::path::Path;
use std::time::{Duration, Instant};

/// How a synthetic copy was made.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum CopyKind {
    /// Plain text re-wrapped to another width, between another site's navigation, share prompts, "Related:"
    /// teasers and copyright lines.
    RewrappedText,
    /// An HTML page in another site's template (navigation, asides, footer) that cleaning must strip.
    RewrappedHtml,
    /// A re-post with small edits: another headline, a paragraph dropped or added, a few words changed, an
    /// "Updated at" line.
    Edited,
    /// The first 60–80% of the body.
    Truncated,
}

impl CopyKind {
    pub const ALL: [CopyKind; 4] = [
        CopyKind::RewrappedText,
        CopyKind::RewrappedHtml,
        CopyKind::Edited,
        CopyKind::Truncated,
    ];

    pub fn name(self) -> &'static str {
        match self {
            CopyKind::RewrappedText => "re-wrapped text",
            CopyKind::RewrappedHtml => "re-wrapped HTML",
            CopyKind::Edited => "edited re-post",
            CopyKind::Truncated => "truncated",
        }
    }
}

/// One article of the synthetic set.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Article {
    /// Index of its original in the originals given to [`synthetic_set`].
    pub original: usize,
    /// `None` for the original itself.
    pub kind: Option<CopyKind>,
    pub html: bool,
    pub content: String,
}

/// A story to copy: headline and body.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Original {
    pub title: String,
    pub body: String,
}

/// A small seeded generator (splitmix64): the same seed gives the same set on every machine.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.below(items.len())]
    }
}

/// Site boilerplate: each template is a site with its own navigation, prompts and footer.
const SITES: [&str; 4] = [
    "The Daily Ledger",
    "Metro Herald Online",
    "WorldWire Now",
    "Capital Post",
];
const NAVIGATION: [&str; 4] = [
    "Home | World | Business | Markets | Politics | Opinion | Sport",
    "Menu  News  Economy  Energy  Tech  Subscribe  Sign in",
    "Skip to content > Latest > Top stories > Regions > Video",
    "NEWS | MONEY | COMMODITIES | COMPANIES | NEWSLETTERS",
];
const SHARE_PROMPTS: [&str; 4] = [
    "Share this article: Facebook Twitter LinkedIn Email",
    "Share on WhatsApp  |  Copy link  |  Print",
    "Follow us for breaking news alerts. Share this story.",
    "Like this story? Share it with your friends.",
];
const TEASERS: [&str; 6] = [
    "Related: Central bank holds rates steady as inflation eases",
    "Related: Oil prices slip on supply worries",
    "Read more: Markets close mixed after a volatile week",
    "See also: Parliament debates the new budget",
    "Related: Port strike enters its second week",
    "Most read: Ten things to know before the market opens",
];
const FOOTERS: [&str; 4] = [
    "Copyright 2026 The Daily Ledger. All rights reserved.",
    "(c) Metro Herald Online. This material may not be published, broadcast, rewritten or redistributed.",
    "© WorldWire Now 2026 | Privacy | Terms | Contact us",
    "Capital Post - Independent news since 1921. Sign up for our newsletter.",
];
/// Paragraphs a re-post adds.
const ADDED_PARAGRAPHS: [&str; 4] = [
    "The company did not immediately respond to a request for comment.",
    "Officials declined to give further details when contacted on Friday.",
    "Analysts said the move had been widely expected by the market.",
    "The report could not be independently verified.",
];
/// Words a re-post puts in place of others.
const REPLACEMENT_WORDS: [&str; 8] = [
    "also",
    "reportedly",
    "officials",
    "nearly",
    "about",
    "said",
    "percent",
    "group",
];
/// Headline prefixes of a re-post.
const HEADLINE_EDITS: [&str; 4] = ["UPDATE 1-", "UPDATE 2-", "Exclusive: ", "WRAPUP-"];
/// Body share a truncated copy keeps: from `TRUNCATE_MIN` to `TRUNCATE_MIN + TRUNCATE_SPAN`.
const TRUNCATE_MIN: f64 = 0.6;
const TRUNCATE_SPAN: f64 = 0.2;

/// The paragraphs of a body: blank lines or indented lines start one; wrapped lines are joined.
fn paragraphs(body: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let mut current = String::new();
    for line in body.lines() {
        let starts = line.trim().is_empty() || line.starts_with(' ') || line.starts_with('\t');
        if starts && !current.is_empty() {
            out.push(std::mem::take(&mut current));
        }
        let t = line.trim();
        if !t.is_empty() {
            if !current.is_empty() {
                current.push(' ');
            }
            current.push_str(t);
        }
    }
    if !current.is_empty() {
        out.push(current);
    }
    out
}

/// Words re-wrapped to lines of at most `width` characters.
fn wrap(text: &str, width: usize) -> String {
    let mut out = String::new();
    let mut line = 0;
    for w in text.split_whitespace() {
        if line > 0 && line + 1 + w.len() > width {
            out.push('\n');
            line = 0;
        } else if line > 0 {
            out.push(' ');
            line += 1;
        }
        out.push_str(w);
        line += w.len();
    }
    out
}

fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

fn text_page(rng: &mut Rng, site: usize, title: &str, paras: &[String]) -> String {
    let width = [60, 72, 100, 10_000][rng.below(4)];
    let mut out = format!("{}\n{}\n\n{title}\n\n", SITES[site], NAVIGATION[site]);
    for (i, p) in paras.iter().enumerate() {
        out.push_str(&wrap(p, width));
        out.push_str("\n\n");
        if i == 1 {
            out.push_str(rng.pick(&TEASERS));
            out.push_str("\n\n");
        }
    }
    out.push_str(SHARE_PROMPTS[site]);
    out.push_str("\n\n");
    out.push_str(rng.pick(&TEASERS));
    out.push('\n');
    out.push_str(FOOTERS[site]);
    out.push('\n');
    out
}

fn html_page(rng: &mut Rng, site: usize, title: &str, paras: &[String]) -> String {
    let t = escape(title);
    let body: String = paras
        .iter()
        .map(|p| format!("<p>{}</p>\n", escape(p)))
        .collect();
    let nav: String = NAVIGATION[site]
        .split(['|', '>'])
        .map(|n| {
            format!(
                "<li><a href=\"/{}\">{}</a></li>",
                n.trim().to_lowercase(),
                n.trim()
            )
        })
        .collect();
    let teasers = format!(
        "<li><a href=\"/a/1\">{}</a></li><li><a href=\"/a/2\">{}</a></li>",
        escape(rng.pick(&TEASERS)),
        escape(rng.pick(&TEASERS))
    );
    let site_name = SITES[site];
    let footer = escape(FOOTERS[site]);
    let share = escape(SHARE_PROMPTS[site]);
    match site % 3 {
        0 => format!(
            "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>{t} | {site_name}</title></head><body>\
             <header><div class=\"logo\">{site_name}</div><nav><ul>{nav}</ul></nav></header>\
             <main><article><h1>{t}</h1><div class=\"share\">{share}</div>\n{body}</article>\
             <aside><h3>Related</h3><ul>{teasers}</ul></aside></main><footer><p>{footer}</p></footer></body></html>"
        ),
        1 => format!(
            "<html><head><title>{t}</title><meta property=\"og:title\" content=\"{t}\"></head><body>\
             <div id=\"top\"><ul class=\"menu\">{nav}</ul></div><div class=\"wrapper\"><div class=\"content\">\
             <h2 class=\"headline\">{t}</h2><div class=\"story-body\">\n{body}</div>\
             <div class=\"social\">{share}</div><div class=\"more\"><ul>{teasers}</ul></div></div>\
             <div class=\"sidebar\"><p>Most read</p><ul>{teasers}</ul></div></div>\
             <div id=\"footer\">{footer}</div></body></html>"
        ),
        _ => format!(
            "<html><body><table><tr><td>{site_name}</td><td><ul>{nav}</ul></td></tr></table>\
             <div itemprop=\"articleBody\"><h1 itemprop=\"headline\">{t}</h1>\n{body}</div>\
             <section class=\"related\"><h4>Read more</h4><ul>{teasers}</ul></section>\
             <p class=\"share\">{share}</p><p class=\"copyright\">{footer}</p></body></html>"
        ),
    }
}

fn edited(rng: &mut Rng, title: &str, paras: &[String]) -> (String, Vec<String>) {
    let mut title = title.to_string();
    let mut paras = paras.to_vec();
    // Two or three of the edits a re-post makes.
    let mut edits = [0usize, 1, 2, 3, 4];
    for i in (1..edits.len()).rev() {
        edits.swap(i, rng.below(i + 1));
    }
    for &edit in &edits[..2 + rng.below(2)] {
        match edit {
            0 => title = format!("{}{title}", rng.pick(&HEADLINE_EDITS)),
            1 if paras.len() > 2 => {
                let i = 1 + rng.below(paras.len() - 1);
                paras.remove(i);
            }
            2 => {
                let i = 1 + rng.below(paras.len());
                paras.insert(i.min(paras.len()), rng.pick(&ADDED_PARAGRAPHS).to_string());
            }
            3 => {
                for _ in 0..3 {
                    let i = rng.below(paras.len());
                    let mut words: Vec<&str> = paras[i].split(' ').collect();
                    let w = rng.below(words.len());
                    words[w] = rng.pick(&REPLACEMENT_WORDS);
                    paras[i] = words.join(" ");
                }
            }
            _ => paras.insert(
                0,
                format!("Updated at {:02}:{:02} GMT", rng.below(24), rng.below(60)),
            ),
        }
    }
    (title, paras)
}

fn truncated(rng: &mut Rng, paras: &[String]) -> Vec<String> {
    let total: usize = paras.iter().map(|p| p.split(' ').count()).sum();
    let share = TRUNCATE_MIN + TRUNCATE_SPAN * (rng.below(1001) as f64 / 1000.0);
    let mut keep = (total as f64 * share).round() as usize;
    let mut out = Vec::new();
    for p in paras {
        if keep == 0 {
            break;
        }
        let words: Vec<&str> = p.split(' ').collect();
        let n = words.len().min(keep);
        out.push(words[..n].join(" "));
        keep -= n;
    }
    out
}

/// The synthetic set: each original, then one copy of each [`CopyKind`] (in a site template chosen at
/// random), all in a seeded random order. The same originals and seed give the same set.
pub fn synthetic_set(originals: &[Original], seed: u64) -> Vec<Article> {
    let mut rng = Rng(seed);
    let mut out = Vec::with_capacity(originals.len() * 5);
    for (i, o) in originals.iter().enumerate() {
        let paras = paragraphs(&o.body);
        out.push(Article {
            original: i,
            kind: None,
            html: false,
            content: format!("{}\n\n{}", o.title, paras.join("\n\n")),
        });
        for kind in CopyKind::ALL {
            let site = rng.below(SITES.len());
            let (html, content) = match kind {
                CopyKind::RewrappedText => (false, text_page(&mut rng, site, &o.title, &paras)),
                CopyKind::RewrappedHtml => (true, html_page(&mut rng, site, &o.title, &paras)),
                CopyKind::Edited => {
                    let (t, p) = edited(&mut rng, &o.title, &paras);
                    if rng.below(2) == 0 {
                        (true, html_page(&mut rng, site, &t, &p))
                    } else {
                        (false, text_page(&mut rng, site, &t, &p))
                    }
                }
                CopyKind::Truncated => {
                    let p = truncated(&mut rng, &paras);
                    (false, text_page(&mut rng, site, &o.title, &p))
                }
            };
            out.push(Article {
                original: i,
                kind: Some(kind),
                html,
                content,
            });
        }
    }
    for i in (1..out.len()).rev() {
        out.swap(i, rng.below(i + 1));
    }
    out
}

/// Every pair `(i, j)`, `i < j`, of `texts` whose exact shingle Jaccard similarity is at least `threshold`,
/// with it: the same similarity as [`dyad_store::dedup::exact_similarity`], found through an inverted index over
/// shingles (pairs sharing no shingle are never looked at).
pub fn exact_pairs<S: AsRef<str> + Sync>(texts: &[S], threshold: f64) -> Vec<(usize, usize, f64)> {
    use rayon::prelude::*;
    let sets: Vec<Vec<u64>> = texts
        .par_iter()
        .map(|t| shingle_hashes(t.as_ref()))
        .collect();
    let mut postings: HashMap<u64, Vec<u32>> = HashMap::new();
    for (i, set) in sets.iter().enumerate() {
        for &h in set {
            postings.entry(h).or_default().push(i as u32);
        }
    }
    let mut pairs: Vec<(usize, usize, f64)> = (0..sets.len())
        .into_par_iter()
        .flat_map_iter(|i| {
            // Shared shingles with every later text.
            let mut shared: HashMap<u32, u32> = HashMap::new();
            for h in &sets[i] {
                for &j in &postings[h] {
                    if j as usize > i {
                        *shared.entry(j).or_default() += 1;
                    }
                }
            }
            let a = sets[i].len();
            let mut found: Vec<(usize, usize, f64)> = shared
                .into_iter()
                .filter_map(|(j, n)| {
                    let union = a + sets[j as usize].len() - n as usize;
                    let s = n as f64 / union as f64;
                    (s >= threshold).then_some((i, j as usize, s))
                })
                .collect();
            found.sort_by_key(|p| p.1);
            found.into_iter()
        })
        .collect();
    pairs.sort_by_key(|p| (p.0, p.1));
    pairs
}

/// Precision and recall of pairs.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct PairScore {
    /// Pairs both in gold and placed in one story.
    pub found: usize,
    /// Pairs placed in one story.
    pub predicted: usize,
    /// Gold pairs.
    pub gold: usize,
}

impl PairScore {
    pub fn precision(&self) -> f64 {
        ratio(self.found, self.predicted)
    }
    pub fn recall(&self) -> f64 {
        ratio(self.found, self.gold)
    }
}

fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 {
        1.0
    } else {
        a as f64 / b as f64
    }
}

impl std::fmt::Display for PairScore {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "P {:.3} R {:.3} ({} found of {} gold; {} pairs placed together)",
            self.precision(),
            self.recall(),
            self.found,
            self.gold,
            self.predicted
        )
    }
}

/// Pairs `(i, j)`, `i < j`, of items in the same group.
fn pairs_of_groups(groups: &[i64]) -> HashSet<(usize, usize)> {
    let mut by_group: HashMap<i64, Vec<usize>> = HashMap::new();
    for (i, &g) in groups.iter().enumerate() {
        by_group.entry(g).or_default().push(i);
    }
    let mut out = HashSet::new();
    for members in by_group.values() {
        for (a, &i) in members.iter().enumerate() {
            for &j in &members[a + 1..] {
                out.insert((i.min(j), i.max(j)));
            }
        }
    }
    out
}

/// The stories the store gives `records`, in order: each record ingested into a fresh store at `db` (removed
/// before and after) with `pipeline`; the story of record `i` is read back by its URL. Also the ingest time.
pub fn store_stories(
    db: &Path,
    pipeline: &Pipeline,
    records: Vec<RawRecord>,
) -> Result<(Vec<i64>, Duration), dyad_store::StoreError> {
    struct Quiet;
    impl RunObserver for Quiet {
        fn input_error(&mut self, _: &dyad_ingest::IngestError) {}
    }
    let remove = || {
        for suffix in ["", "-wal", "-shm", "-journal"] {
            let mut p = db.to_path_buf().into_os_string();
            p.push(suffix);
            let _ = std::fs::remove_file(&p);
        }
    };
    remove();
    let urls: Vec<String> = records
        .iter()
        .map(|r| r.provenance.url.clone().unwrap_or_default())
        .collect();
    let info = dyad_store::RunInfo {
        binary_version: "bench".into(),
        dictionaries: "none".into(),
        fingerprint: "bench".into(),
        options: "{}".into(),
        inputs: Vec::new(),
    };
    let started = Instant::now();
    let result = (|| {
        let mut store = dyad_store::Store::open(db)?;
        dyad_store::ingest::ingest_records(
            &mut store,
            pipeline,
            &info,
            records.into_iter().map(Ok),
            &|_| {},
            &mut Quiet,
        )?;
        let elapsed = started.elapsed();
        let conn = store.connection();
        let sql = |e| dyad_store::StoreError::Sql {
            path: db.display().to_string(),
            context: "read stories".into(),
            source: e,
        };
        let mut stmt = conn
            .prepare("SELECT url, story FROM documents")
            .map_err(sql)?;
        let by_url: HashMap<String, i64> = stmt
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
            .map_err(sql)?
            .collect::<Result<_, _>>()
            .map_err(sql)?;
        // A record the store did not keep (no words) is a story of its own.
        let stories = urls
            .iter()
            .enumerate()
            .map(|(i, u)| by_url.get(u).copied().unwrap_or(-(i as i64) - 1))
            .collect();
        Ok((stories, elapsed))
    })();
    remove();
    result
}

/// A record of plain text or HTML at a URL of its own.
pub fn record(content: String, html: bool, url: String) -> RawRecord {
    RawRecord {
        provenance: Provenance {
            path: url.clone(),
            url: Some(url.clone()),
            ..Provenance::default()
        },
        kind: if html {
            ContentKind::Html
        } else {
            ContentKind::Text
        },
        content,
        hints: RecordHints {
            url: Some(url),
            ..RecordHints::default()
        },
    }
}

/// The synthetic set's scores.
#[derive(Debug, Clone)]
pub struct SyntheticReport {
    pub articles: usize,
    pub originals: usize,
    pub overall: PairScore,
    /// Per kind: the pairs that hold a copy of that kind (with its original or another copy of it).
    pub per_kind: Vec<(CopyKind, PairScore)>,
    /// Exact similarity of each kind's copies to their originals (clean text): mean and share below the
    /// threshold.
    pub similarity: Vec<(CopyKind, f64, f64)>,
    pub ingest: Duration,
}

/// Scores the store's grouping of `articles` (from [`synthetic_set`]).
pub fn score_synthetic(articles: &[Article], stories: &[i64], ingest: Duration) -> SyntheticReport {
    let originals: Vec<i64> = articles.iter().map(|a| a.original as i64).collect();
    let gold = pairs_of_groups(&originals);
    let predicted = pairs_of_groups(stories);
    let overall = PairScore {
        found: predicted.intersection(&gold).count(),
        predicted: predicted.len(),
        gold: gold.len(),
    };
    let per_kind = CopyKind::ALL
        .iter()
        .map(|&kind| {
            let holds = |&&(i, j): &&(usize, usize)| {
                articles[i].kind == Some(kind) || articles[j].kind == Some(kind)
            };
            let gold_k = gold.iter().filter(holds).count();
            let pred_k: Vec<_> = predicted.iter().filter(holds).collect();
            (
                kind,
                PairScore {
                    found: pred_k.iter().filter(|p| gold.contains(p)).count(),
                    predicted: pred_k.len(),
                    gold: gold_k,
                },
            )
        })
        .collect();
    SyntheticReport {
        articles: articles.len(),
        originals: articles.iter().filter(|a| a.kind.is_none()).count(),
        overall,
        per_kind,
        similarity: Vec::new(),
        ingest,
    }
}

/// Reuters-21578's scores.
#[derive(Debug, Clone)]
pub struct ReutersReport {
    pub stories: usize,
    pub score: PairScore,
    /// Gold pairs by exact similarity band: (lower bound, gold, found).
    pub by_similarity: Vec<(f64, usize, usize)>,
    /// Gold pairs found, as (similarity, text a, text b), for the record.
    pub sample: Vec<(f64, usize, usize)>,
    pub exact_pairs_time: Duration,
    pub ingest: Duration,
}

/// Scores the store's grouping of `texts` against their exact near-duplicate pairs.
pub fn score_against_exact<S: AsRef<str> + Sync>(
    texts: &[S],
    stories: &[i64],
    ingest: Duration,
    sample: usize,
) -> ReutersReport {
    let started = Instant::now();
    let exact = exact_pairs(texts, DUPLICATE_SIMILARITY);
    let exact_pairs_time = started.elapsed();
    let gold: HashSet<(usize, usize)> = exact.iter().map(|p| (p.0, p.1)).collect();
    let predicted = pairs_of_groups(stories);
    let bands = [0.5, 0.6, 0.7, 0.8, 0.9, 1.0];
    let by_similarity = bands
        .iter()
        .enumerate()
        .map(|(b, &lo)| {
            let hi = bands.get(b + 1).copied().unwrap_or(f64::INFINITY);
            let in_band: Vec<_> = exact.iter().filter(|p| p.2 >= lo && p.2 < hi).collect();
            let found = in_band
                .iter()
                .filter(|p| predicted.contains(&(p.0, p.1)))
                .count();
            (lo, in_band.len(), found)
        })
        .collect();
    let found: Vec<_> = exact
        .iter()
        .filter(|p| predicted.contains(&(p.0, p.1)) && p.2 < 1.0)
        .collect();
    let step = (found.len() / sample.max(1)).max(1);
    ReutersReport {
        stories: texts.len(),
        score: PairScore {
            found: predicted.intersection(&gold).count(),
            predicted: predicted.len(),
            gold: gold.len(),
        },
        by_similarity,
        sample: found
            .iter()
            .step_by(step)
            .take(sample)
            .map(|p| (p.2, p.0, p.1))
            .collect(),
        exact_pairs_time,
        ingest,
    }
}

/// Mean exact similarity of each kind's copies to their originals, and the share under the threshold.
pub fn copy_similarities(articles: &[Article], clean: &[String]) -> Vec<(CopyKind, f64, f64)> {
    let original_of: HashMap<usize, usize> = articles
        .iter()
        .enumerate()
        .filter(|(_, a)| a.kind.is_none())
        .map(|(i, a)| (a.original, i))
        .collect();
    CopyKind::ALL
        .iter()
        .map(|&kind| {
            let sims: Vec<f64> = articles
                .iter()
                .enumerate()
                .filter(|(_, a)| a.kind == Some(kind))
                .map(|(i, a)| {
                    dyad_store::dedup::exact_similarity(&clean[i], &clean[original_of[&a.original]])
                })
                .collect();
            let n = sims.len().max(1) as f64;
            let below = sims.iter().filter(|&&s| s < DUPLICATE_SIMILARITY).count() as f64;
            (kind, sims.iter().sum::<f64>() / n, below / n)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use dyad_store::dedup::exact_similarity;

    fn originals() -> Vec<Original> {
        (0..6)
            .map(|i| Original {
                title: format!("Story number {i} about talks"),
                body: (0..5)
                    .map(|p| {
                        format!(
                            "  Paragraph {p} of story {i} says the ministers of country{i} met \
                             on day {p} to discuss trade, tariffs and the harbour{p} project.\n"
                        )
                    })
                    .collect(),
            })
            .collect()
    }

    #[test]
    fn generator_is_deterministic_and_copies_differ() {
        let a = synthetic_set(&originals(), 7);
        let b = synthetic_set(&originals(), 7);
        assert_eq!(a, b);
        assert_eq!(a.len(), 6 * 5);
        assert_ne!(a, synthetic_set(&originals(), 8));
        for copy in a.iter().filter(|x| x.kind.is_some()) {
            let original = a
                .iter()
                .find(|x| x.kind.is_none() && x.original == copy.original)
                .unwrap();
            assert_ne!(copy.content, original.content, "{:?}", copy.kind);
            if copy.html {
                assert!(copy.content.contains("<p>"), "{}", copy.content);
            }
        }
        for kind in CopyKind::ALL {
            assert_eq!(a.iter().filter(|x| x.kind == Some(kind)).count(), 6);
        }
    }

    #[test]
    fn inverted_index_agrees_with_exact_similarity() {
        let texts = [
            "one two three four five six seven eight nine ten eleven twelve",
            "One two three four five six seven eight nine ten eleven thirteen",
            "one two three four five six seven",
            "alpha beta gamma delta epsilon zeta eta theta",
            "Alpha, beta, gamma: delta epsilon zeta eta theta!",
            "",
            "word",
        ];
        let pairs = exact_pairs(&texts, 0.0);
        for i in 0..texts.len() {
            for j in i + 1..texts.len() {
                let exact = exact_similarity(texts[i], texts[j]);
                let found = pairs.iter().find(|p| p.0 == i && p.1 == j);
                match found {
                    Some(p) => assert!((p.2 - exact).abs() < 1e-12, "{i} {j}: {} vs {exact}", p.2),
                    None => assert_eq!(exact, 0.0, "{i} {j}"),
                }
            }
        }
        let strict = exact_pairs(&texts, 0.5);
        assert!(strict.iter().any(|p| (p.0, p.1) == (3, 4) && p.2 == 1.0));
        assert!(strict.iter().all(|p| p.2 >= 0.5));
    }

    #[test]
    fn pair_scores() {
        let gold = pairs_of_groups(&[1, 1, 2, 2, 3]);
        assert_eq!(gold.len(), 2);
        let all = pairs_of_groups(&[1, 1, 1, 1, 1]);
        assert_eq!(all.len(), 10);
    }
}
