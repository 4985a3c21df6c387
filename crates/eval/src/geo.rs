//! Geoparsing scores on ../shared/data/geoparsing-dev (LGL and GeoVirus), as that folder's README describes:
//! recognition precision, recall and F1 with exact and overlapping spans (and exact precision by kind of mention:
//! names, demonyms, streets, …); resolution accuracy within 161 km, mean
//! and median error in km and AUC; articles per second on one core.
//!
//! Gold offsets are in Unicode characters (GeoVirus's are 1-based); the readers turn them into byte spans of the
//! article text. Resolution is scored on the gold toponyms with coordinates that the recogniser found (a predicted
//! span overlapping the gold one), as the papers score end-to-end systems, and, apart, with the gold spans given
//! (resolution alone, as Mordecai 3 reports).

use std::io::Read;
use std::path::{Path, PathBuf};
use std::time::Instant;

use dyad_places::{Context, Geoparser, MentionKind};

/// What went wrong reading a corpus.
#[derive(Debug, thiserror::Error)]
pub enum GeoCorpusError {
    #[error("{path}: cannot read: {source}")]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("{path}: article {article}: {message}")]
    Format {
        path: PathBuf,
        article: usize,
        message: String,
    },
}

/// A gold toponym.
#[derive(Debug, Clone, PartialEq)]
pub struct GoldToponym {
    /// Byte span into the article text.
    pub start: usize,
    pub end: usize,
    /// Gold coordinates, when the corpus gives them.
    pub coords: Option<(f64, f64)>,
}

/// An article with its gold toponyms.
#[derive(Debug, Clone, PartialEq)]
pub struct GeoArticle {
    pub text: String,
    pub gold: Vec<GoldToponym>,
}

/// Which corpus a file holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum GeoCorpusKind {
    /// LGL: `<article><text>` CDATA, `<toponyms><toponym><start/end>` 0-based characters, `<gaztag><lat/lon>`.
    Lgl,
    /// GeoVirus: `<article><text>`, `<locations><location><start/end>` 1-based characters, `<lat/lon>`.
    GeoVirus,
}

/// The dev data folder, relative to a crate's manifest directory.
pub fn default_data_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/data/geoparsing-dev")
}

/// Reads `lgl.xml.gz` or `GeoVirus.xml.gz`.
pub fn read_corpus(path: &Path, kind: GeoCorpusKind) -> Result<Vec<GeoArticle>, GeoCorpusError> {
    let raw = std::fs::read(path).map_err(|source| GeoCorpusError::Io {
        path: path.to_path_buf(),
        source,
    })?;
    let mut xml = String::new();
    let decoded = if raw.starts_with(&[0x1f, 0x8b]) {
        flate2::read::GzDecoder::new(&raw[..]).read_to_string(&mut xml)
    } else {
        (&raw[..]).read_to_string(&mut xml)
    };
    decoded.map_err(|source| GeoCorpusError::Io {
        path: path.to_path_buf(),
        source,
    })?;
    parse_corpus(&xml, kind).map_err(|(article, message)| GeoCorpusError::Format {
        path: path.to_path_buf(),
        article,
        message,
    })
}

/// Parses the XML of a corpus; errors give the article number (0-based) and what is wrong.
pub fn parse_corpus(xml: &str, kind: GeoCorpusKind) -> Result<Vec<GeoArticle>, (usize, String)> {
    let xml = strip_comments(xml);
    let mut out = Vec::new();
    for (n, article) in elements(&xml, "article").into_iter().enumerate() {
        let text_raw = first(article, "text").ok_or((n, "no <text>".to_string()))?;
        let text = unescape(text_raw);
        // Character offset → byte offset.
        let mut bytes: Vec<usize> = text.char_indices().map(|(b, _)| b).collect();
        bytes.push(text.len());
        let (list_tag, item_tag) = match kind {
            GeoCorpusKind::Lgl => ("toponyms", "toponym"),
            GeoCorpusKind::GeoVirus => ("locations", "location"),
        };
        let list = first(article, list_tag).unwrap_or("");
        let mut gold = Vec::new();
        for item in direct_children(list, item_tag) {
            let num = |tag: &str| -> Result<usize, (usize, String)> {
                last_direct(item, tag)
                    .and_then(|s| s.trim().parse::<usize>().ok())
                    .ok_or((n, format!("<{item_tag}> without a numeric <{tag}>")))
            };
            let (mut s, mut e) = (num("start")?, num("end")?);
            if kind == GeoCorpusKind::GeoVirus {
                s = s.saturating_sub(1);
                e = e.saturating_sub(1);
            }
            if s >= e || e >= bytes.len() {
                return Err((n, format!("span {s}..{e} outside the text")));
            }
            let coords = match (last_direct(item, "lat"), last_direct(item, "lon")) {
                (Some(a), Some(o)) => a
                    .trim()
                    .parse::<f64>()
                    .ok()
                    .zip(o.trim().parse::<f64>().ok()),
                _ => None,
            };
            gold.push(GoldToponym {
                start: bytes[s],
                end: bytes[e],
                coords,
            });
        }
        gold.sort_by_key(|g| (g.start, g.end));
        out.push(GeoArticle { text, gold });
    }
    Ok(out)
}

/// The XML without `<!-- … -->` comments (GeoVirus comments out a few draft articles).
fn strip_comments(xml: &str) -> String {
    let mut out = String::with_capacity(xml.len());
    let mut rest = xml;
    while let Some(i) = rest.find("<!--") {
        out.push_str(&rest[..i]);
        match rest[i..].find("-->") {
            Some(j) => rest = &rest[i + j + 3..],
            None => {
                rest = "";
                break;
            }
        }
    }
    out.push_str(rest);
    out
}

/// Contents of every top-level `<tag>…</tag>` (not nested in one another).
fn elements<'a>(xml: &'a str, tag: &str) -> Vec<&'a str> {
    let (open, close) = (format!("<{tag}"), format!("</{tag}>"));
    let mut out = Vec::new();
    let mut rest = xml;
    while let Some(i) = find_open(rest, &open) {
        let after = &rest[i + open.len()..];
        let Some(gt) = after.find('>') else { break };
        let body = &after[gt + 1..];
        let Some(end) = body.find(&close) else { break };
        out.push(&body[..end]);
        rest = &body[end + close.len()..];
    }
    out
}

/// The start of `<tag` followed by `>`, space or `/`.
fn find_open(s: &str, open: &str) -> Option<usize> {
    let mut from = 0;
    while let Some(i) = s[from..].find(open) {
        let at = from + i;
        match s[at + open.len()..].chars().next() {
            Some('>' | ' ' | '/' | '\n' | '\t') => return Some(at),
            _ => from = at + open.len(),
        }
    }
    None
}

fn first<'a>(xml: &'a str, tag: &str) -> Option<&'a str> {
    let open = format!("<{tag}");
    let i = find_open(xml, &open)?;
    let after = &xml[i + open.len()..];
    let gt = after.find('>')?;
    if after[..gt].ends_with('/') {
        return Some("");
    }
    let body = &after[gt + 1..];
    let end = body.find(&format!("</{tag}>"))?;
    Some(&body[..end])
}

/// Direct `<tag>` children, matching nested ones by depth (GeoVirus nests `<location>`s once).
fn direct_children<'a>(xml: &'a str, tag: &str) -> Vec<&'a str> {
    let (open, close) = (format!("<{tag}"), format!("</{tag}>"));
    let mut out = Vec::new();
    let mut pos = 0;
    while let Some(i) = find_open(&xml[pos..], &open) {
        let start = pos + i;
        let Some(gt) = xml[start..].find('>') else {
            break;
        };
        let body_start = start + gt + 1;
        let mut depth = 1;
        let mut cur = body_start;
        let mut body_end = None;
        while depth > 0 {
            let next_open = find_open(&xml[cur..], &open).map(|k| cur + k);
            let Some(next_close) = xml[cur..].find(&close).map(|k| cur + k) else {
                break;
            };
            match next_open {
                Some(o) if o < next_close => {
                    depth += 1;
                    cur = o + open.len();
                }
                _ => {
                    depth -= 1;
                    cur = next_close + close.len();
                    if depth == 0 {
                        body_end = Some(next_close);
                    }
                }
            }
        }
        let Some(end) = body_end else { break };
        out.push(&xml[body_start..end]);
        pos = cur;
    }
    out
}

/// The last `<tag>` at depth 0 of `item` (after any nested children, as a nested `<location>`'s own fields come
/// after them).
fn last_direct<'a>(item: &'a str, tag: &str) -> Option<&'a str> {
    // Drop nested items of the same kind first.
    let mut flat = item;
    for t in ["location", "toponym"] {
        let close = format!("</{t}>");
        if let Some(k) = flat.rfind(&close) {
            flat = &flat[k + close.len()..];
        }
    }
    first(flat, tag)
}

fn unescape(s: &str) -> String {
    let s = s.trim_start_matches("<![CDATA[");
    let s = s.strip_suffix("]]>").unwrap_or(s);
    if !s.contains('&') {
        return s.to_string();
    }
    s.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&apos;", "'")
        .replace("&amp;", "&")
}

/// Precision, recall, F1.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Prf {
    pub true_positives: usize,
    pub predicted: usize,
    pub gold: usize,
}

impl Prf {
    pub fn precision(&self) -> f64 {
        ratio(self.true_positives, self.predicted)
    }
    pub fn recall(&self) -> f64 {
        ratio(self.true_positives, self.gold)
    }
    pub fn f1(&self) -> f64 {
        let (p, r) = (self.precision(), self.recall());
        if p + r == 0.0 {
            0.0
        } else {
            2.0 * p * r / (p + r)
        }
    }
}

fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 {
        0.0
    } else {
        a as f64 / b as f64
    }
}

/// Resolution errors and their summaries.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Errors {
    /// Errors in km, in corpus order.
    pub km: Vec<f64>,
}

impl Errors {
    pub fn count(&self) -> usize {
        self.km.len()
    }
    /// Share of errors under 161 km, tested as upstream does: ln(err + 1) < ln(161).
    pub fn acc161(&self) -> f64 {
        let ok = self
            .km
            .iter()
            .filter(|&&e| (e + 1.0).ln() < 161f64.ln())
            .count();
        ratio(ok, self.km.len())
    }
    pub fn mean(&self) -> f64 {
        if self.km.is_empty() {
            0.0
        } else {
            self.km.iter().sum::<f64>() / self.km.len() as f64
        }
    }
    pub fn median(&self) -> f64 {
        let mut v = self.km.clone();
        v.sort_by(f64::total_cmp);
        match v.len() {
            0 => 0.0,
            n if n % 2 == 1 => v[n / 2],
            n => (v[n / 2 - 1] + v[n / 2]) / 2.0,
        }
    }
    /// AUC of Jurgens et al. as Gritta computes it: the trapezoid integral of ln(err + 1) at unit spacing, in corpus
    /// order (upstream does not sort), over ln(20039) × (n − 1). Lower is better.
    pub fn auc(&self) -> f64 {
        let n = self.km.len();
        if n < 2 {
            return 0.0;
        }
        let x: Vec<f64> = self.km.iter().map(|e| (e + 1.0).ln()).collect();
        let area: f64 = x.windows(2).map(|w| (w[0] + w[1]) / 2.0).sum();
        area / (20039f64.ln() * (n - 1) as f64)
    }
}

/// The error charged for a recognised toponym the resolver left without coordinates (half the earth's
/// circumference, the AUC's ceiling).
pub const UNRESOLVED_KM: f64 = 20_039.0;

/// Scores of a geoparser on (part of) a corpus.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct GeoScores {
    pub articles: usize,
    pub exact: Prf,
    pub inexact: Prf,
    /// Gold toponyms with coordinates the recogniser found, resolved (unresolved ones count [`UNRESOLVED_KM`]).
    pub end_to_end: Errors,
    /// Gold toponyms with coordinates, of them.
    pub gold_with_coords: usize,
    /// Resolution alone, on the gold spans with coordinates whose text the gazetteer knows.
    pub gold_spans: Errors,
    /// Gold spans with coordinates whose text the gazetteer does not know.
    pub gold_spans_unknown: usize,
    /// Seconds spent finding and resolving (one thread).
    pub seconds: f64,
    /// Mentions found and exact matches among them, by kind, in [`KINDS`] order.
    pub by_kind: [KindScore; 5],
}

/// The kinds of mention [`GeoScores::by_kind`] counts, with their names in the summary.
pub const KINDS: [(MentionKind, &str); 5] = [
    (MentionKind::Name, "name"),
    (MentionKind::Demonym, "demonym"),
    (MentionKind::Adjectival, "adjectival"),
    (MentionKind::Street, "street"),
    (MentionKind::Feature, "feature"),
];

/// Mentions of one kind found, and how many of them match a gold span exactly.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct KindScore {
    pub predicted: usize,
    pub exact: usize,
}

impl KindScore {
    pub fn precision(&self) -> f64 {
        ratio(self.exact, self.predicted)
    }
}

impl GeoScores {
    pub fn articles_per_second(&self) -> f64 {
        if self.seconds > 0.0 {
            self.articles as f64 / self.seconds
        } else {
            0.0
        }
    }
}

/// Scores `parser` on the articles `keep` selects (by index), single-threaded.
pub fn score(
    articles: &[GeoArticle],
    parser: &Geoparser,
    keep: impl Fn(usize) -> bool,
) -> GeoScores {
    let mut s = GeoScores::default();
    let ctx = Context::default();
    for (i, a) in articles.iter().enumerate() {
        if !keep(i) {
            continue;
        }
        s.articles += 1;
        let t0 = Instant::now();
        let found = parser.find(&a.text);
        let resolved = parser.resolve(&a.text, &found, &ctx);
        s.seconds += t0.elapsed().as_secs_f64();
        s.exact.predicted += found.len();
        s.inexact.predicted += found.len();
        s.exact.gold += a.gold.len();
        s.inexact.gold += a.gold.len();
        // Recognition is scored on the spans found (streets and natural features too, which the resolver may
        // leave without coordinates). Exact: identical spans. Inexact: a one-to-one pairing of overlapping spans,
        // in order; a paired gold toponym with coordinates is then scored on its mention's resolution, or
        // charged UNRESOLVED_KM when it has none.
        for g in &a.gold {
            if found.iter().any(|f| f.start == g.start && f.end == g.end) {
                s.exact.true_positives += 1;
            }
        }
        for f in &found {
            if let Some(k) = KINDS.iter().position(|(kind, _)| *kind == f.kind) {
                s.by_kind[k].predicted += 1;
                if a.gold.iter().any(|g| g.start == f.start && g.end == f.end) {
                    s.by_kind[k].exact += 1;
                }
            }
        }
        let mut used = vec![false; found.len()];
        for g in &a.gold {
            let hit = found
                .iter()
                .enumerate()
                .find(|(k, f)| !used[*k] && f.start < g.end && g.start < f.end);
            if let Some((k, f)) = hit {
                used[k] = true;
                s.inexact.true_positives += 1;
                if let Some((lat, lon)) = g.coords {
                    let km = resolved
                        .iter()
                        .find(|r| r.start == f.start && r.end == f.end)
                        .map_or(UNRESOLVED_KM, |r| {
                            dyad_places::distance_km(r.lat, r.lon, lat, lon)
                        });
                    s.end_to_end.km.push(km);
                }
            }
        }
        s.gold_with_coords += a.gold.iter().filter(|g| g.coords.is_some()).count();
        // Resolution alone on gold spans.
        let spans: Vec<dyad_places::Toponym> = a
            .gold
            .iter()
            .filter(|g| g.coords.is_some())
            .filter_map(|g| parser.toponym_at(&a.text, g.start, g.end))
            .collect();
        let with_coords = a.gold.iter().filter(|g| g.coords.is_some()).count();
        s.gold_spans_unknown += with_coords - spans.len();
        let resolved = parser.resolve(&a.text, &spans, &ctx);
        for r in &resolved {
            if let Some(g) = a.gold.iter().find(|g| g.start == r.start && g.end == r.end) {
                if let Some((lat, lon)) = g.coords {
                    s.gold_spans
                        .km
                        .push(dyad_places::distance_km(r.lat, r.lon, lat, lon));
                }
            }
        }
    }
    s
}

/// Which part of a corpus a row covers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Half {
    /// Every article.
    All,
    /// The even-numbered articles, which dyad's weights were tuned on.
    Tuned,
    /// The odd-numbered articles, held back.
    HeldBack,
}

impl Half {
    pub fn keeps(self, index: usize) -> bool {
        match self {
            Half::All => true,
            Half::Tuned => index & 1 == 0,
            Half::HeldBack => index & 1 == 1,
        }
    }
}

/// `dyad bench geo`: both corpora of `data_dir` (see [`default_data_dir`]), each whole, tuned half and held-back
/// half, with the embedded gazetteer. LGL is read with adjectival demonyms and unions of countries ("the EU") on,
/// as its annotators marked them (GeoVirus's did not).
pub fn bench(data_dir: &Path) -> Result<Vec<(String, GeoScores)>, GeoCorpusError> {
    let g = dyad_places::Gazetteer::embedded().map_err(|e| GeoCorpusError::Format {
        path: PathBuf::from(dyad_places::gazetteer::EMBEDDED_NAME),
        article: 0,
        message: e.to_string(),
    })?;
    let mut out = Vec::new();
    // LGL's scheme: adjectival forms and unions of countries are toponyms.
    for (name, file, kind, adjectival) in [
        ("LGL", "lgl.xml.gz", GeoCorpusKind::Lgl, true),
        (
            "GeoVirus",
            "GeoVirus.xml.gz",
            GeoCorpusKind::GeoVirus,
            false,
        ),
    ] {
        let articles = read_corpus(&data_dir.join(file), kind)?;
        let options = dyad_places::FindOptions {
            adjectival,
            unions: adjectival,
        };
        let parser = Geoparser::new(g).with_options(options);
        for (half, label) in [
            (Half::All, "all"),
            (Half::Tuned, "tuned half"),
            (Half::HeldBack, "held-back half"),
        ] {
            out.push((
                format!("{name} {label}"),
                score(&articles, &parser, |i| half.keeps(i)),
            ));
        }
    }
    Ok(out)
}

/// One line per figure, for `dyad bench geo` and the test log.
pub fn summary(name: &str, s: &GeoScores) -> String {
    format!(
        "{name}: {} articles; recognition exact P {:.3} R {:.3} F1 {:.3}, inexact P {:.3} R {:.3} F1 {:.3}; \
         resolution end-to-end on {}/{} gold toponyms: acc@161 {:.3}, mean {:.0} km, median {:.1} km, AUC {:.3}; \
         with gold spans ({} known, {} unknown to the gazetteer): acc@161 {:.3}, mean {:.0} km, median {:.1} km, \
         AUC {:.3}; exact precision by kind: {}; {:.0} articles/s on one core",
        s.articles,
        s.exact.precision(),
        s.exact.recall(),
        s.exact.f1(),
        s.inexact.precision(),
        s.inexact.recall(),
        s.inexact.f1(),
        s.end_to_end.count(),
        s.gold_with_coords,
        s.end_to_end.acc161(),
        s.end_to_end.mean(),
        s.end_to_end.median(),
        s.end_to_end.auc(),
        s.gold_spans.count(),
        s.gold_spans_unknown,
        s.gold_spans.acc161(),
        s.gold_spans.mean(),
        s.gold_spans.median(),
        s.gold_spans.auc(),
        KINDS
            .iter()
            .zip(&s.by_kind)
            .filter(|(_, k)| k.predicted > 0)
            .map(|((_, name), k)| format!("{name} {:.3} of {}", k.precision(), k.predicted))
            .collect::<Vec<_>>()
            .join(", "),
        s.articles_per_second(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn geovirus_nested_locations_count_once() {
        let xml = "<articles><article><text>In Ilocos Sur, Philippines.</text><locations>\
            <location><location><name>Ilocos Sur</name><start>4</start><end>14</end></location>\
            <name>Philippines</name><start>16</start><end>27</end><lat>13</lat><lon>122</lon></location>\
            </locations></article></articles>";
        let a = parse_corpus(xml, GeoCorpusKind::GeoVirus).unwrap();
        assert_eq!(a[0].gold.len(), 1);
        assert_eq!(
            &a[0].text[a[0].gold[0].start..a[0].gold[0].end],
            "Philippines"
        );
        assert_eq!(a[0].gold[0].coords, Some((13.0, 122.0)));
    }

    #[test]
    fn auc_of_perfect_answers_is_zero() {
        let e = Errors { km: vec![0.0; 5] };
        assert_eq!(e.auc(), 0.0);
        assert_eq!(e.acc161(), 1.0);
    }
}
