//! Page metadata: headline, publication date, authors, site name, language and canonical URL.
//!
//! Sources, best first: JSON-LD (`NewsArticle` and kin), OpenGraph / article / Dublin Core / parsely `<meta>` tags,
//! `itemprop` microdata, `<time datetime>`, then the document itself (`<h1>`, `<title>`, `<html lang>`). Dates are
//! normalised to ISO 8601 by [`normalise_date`].

use dyad_model::date::{month_from_name, Date};
use serde_json::Value;

use crate::dom::{Dom, NodeData, NodeId, DOCUMENT};

/// `<meta>` names/properties giving the publication date, best first.
pub const DATE_META_KEYS: &[&str] = &[
    "article:published_time",
    "og:article:published_time",
    "datepublished",
    "article.published",
    "published_time",
    "published-date",
    "publish-date",
    "publishdate",
    "pubdate",
    "publication_date",
    "parsely-pub-date",
    "sailthru.date",
    "dc.date.issued",
    "dcterms.created",
    "dc.date",
    "dcterms.date",
    "date",
    "uploaddate",
    "og:updated_time",
    "article:modified_time",
    "datemodified",
];

/// `<meta>` names/properties giving the author.
pub const AUTHOR_META_KEYS: &[&str] = &[
    "author",
    "article:author",
    "parsely-author",
    "sailthru.author",
    "dc.creator",
    "dcterms.creator",
    "byl",
    "twitter:creator",
];

/// `<meta>` names/properties giving the headline, best first.
pub const TITLE_META_KEYS: &[&str] = &["og:title", "twitter:title", "headline", "dc.title"];

/// `<meta>` names/properties giving the page's summary; the longest is kept (one is often cut shorter).
pub const DESCRIPTION_META_KEYS: &[&str] = &[
    "og:description",
    "description",
    "twitter:description",
    "dc.description",
];

/// `<meta>` names/properties giving the site name.
pub const SITE_META_KEYS: &[&str] = &[
    "og:site_name",
    "application-name",
    "publisher",
    "dc.publisher",
];

/// JSON-LD `@type`s that describe the article itself.
pub const ARTICLE_LD_TYPES: &[&str] = &[
    "NewsArticle",
    "Article",
    "BlogPosting",
    "ReportageNewsArticle",
    "AnalysisNewsArticle",
    "OpinionNewsArticle",
    "BackgroundNewsArticle",
    "ReviewNewsArticle",
    "LiveBlogPosting",
    "Report",
    "WebPage",
    "ScholarlyArticle",
    "TechArticle",
    "SocialMediaPosting",
];

/// Separators between a headline and the site name in `<title>`.
pub const TITLE_SEPARATORS: &[&str] = &[" | ", " - ", " – ", " — ", " :: ", " · ", " » ", " // "];

/// What was found in the page.
#[derive(Debug, Default)]
pub struct PageMetadata {
    pub title: Option<String>,
    pub date: Option<String>,
    pub authors: Vec<String>,
    pub site_name: Option<String>,
    pub language: Option<String>,
    pub canonical: Option<String>,
    /// The article text a JSON-LD `articleBody` carries, for pages that render their body by script.
    pub json_ld_body: Option<String>,
    /// The article's length in words as its JSON-LD `wordCount` declares it.
    pub json_ld_word_count: Option<usize>,
    /// The page's summary: the longest of its description `<meta>`s and the JSON-LD article's `description`.
    pub description: Option<String>,
}

/// Collected raw values before choosing.
#[derive(Default)]
struct Found {
    meta: Vec<(String, String)>,
    ld: Vec<Value>,
    time_datetime: Option<String>,
    itemprop_date: Option<String>,
    itemprop_authors: Vec<String>,
    /// Texts of `rel=author` links and byline/author-classed elements.
    page_authors: Vec<String>,
    /// Texts of `<time>` elements and date-classed elements.
    page_dates: Vec<String>,
    h1: Option<String>,
    title_tag: Option<String>,
    lang: Option<String>,
    canonical: Option<String>,
}

fn collapse(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn text_of(dom: &Dom, id: NodeId) -> String {
    let mut out = String::new();
    dom.raw_text(id, &mut out);
    collapse(&out)
}

fn non_empty(s: String) -> Option<String> {
    let s = collapse(&s);
    (!s.is_empty()).then_some(s)
}

fn collect(dom: &Dom) -> Found {
    let mut f = Found::default();
    let mut stack = vec![DOCUMENT];
    while let Some(id) = stack.pop() {
        let start = stack.len();
        stack.extend(dom.children(id));
        stack[start..].reverse();
        let NodeData::Element { .. } = dom.node(id).data else {
            continue;
        };
        let Some(tag) = dom.tag(id) else {
            continue;
        };
        let attr = |n: &str| dom.attr(id, n);
        match &**tag {
            "html" if f.lang.is_none() => {
                f.lang = attr("lang").or(attr("xml:lang")).map(str::to_owned);
            }
            "meta" => {
                let key = attr("property")
                    .or(attr("name"))
                    .or(attr("itemprop"))
                    .or(attr("http-equiv"));
                if let (Some(k), Some(v)) = (key, attr("content")) {
                    if f.lang.is_none() && k.eq_ignore_ascii_case("content-language") {
                        f.lang = Some(v.to_owned());
                    }
                    f.meta.push((k.to_ascii_lowercase(), v.to_owned()));
                }
            }
            "link" => {
                let canonical = attr("rel").is_some_and(|r| {
                    r.split_ascii_whitespace()
                        .any(|t| t.eq_ignore_ascii_case("canonical"))
                });
                if canonical && f.canonical.is_none() {
                    f.canonical = attr("href").map(str::to_owned);
                }
            }
            "script"
                if attr("type").is_some_and(|t| t.eq_ignore_ascii_case("application/ld+json")) =>
            {
                let mut raw = String::new();
                dom.raw_text(id, &mut raw);
                if let Ok(v) = serde_json::from_str::<Value>(raw.trim()) {
                    f.ld.push(v);
                }
            }
            "time" if f.time_datetime.is_none() => {
                f.time_datetime = attr("datetime").map(str::to_owned);
            }
            "title" if f.title_tag.is_none() => {
                f.title_tag = non_empty(text_of(dom, id));
            }
            "h1" if f.h1.is_none() => {
                f.h1 = non_empty(text_of(dom, id));
            }
            _ => {}
        }
        if !matches!(
            &**tag,
            "meta" | "script" | "style" | "link" | "html" | "body" | "head"
        ) {
            collect_page_byline_and_date(dom, id, tag, &mut f);
        }
        if let Some(prop) = attr("itemprop") {
            let prop = prop.to_ascii_lowercase();
            if prop == "datepublished" && f.itemprop_date.is_none() {
                f.itemprop_date = attr("datetime")
                    .or(attr("content"))
                    .map(str::to_owned)
                    .or_else(|| non_empty(text_of(dom, id)));
            }
            if prop == "author" && &**tag != "meta" && f.itemprop_authors.len() < MAX_AUTHORS {
                // An author element often wraps a `name` item; its whole text is close enough.
                if let Some(name) = non_empty(text_of(dom, id)) {
                    if name.chars().count() <= MAX_AUTHOR_CHARS {
                        f.itemprop_authors.push(name);
                    }
                }
            }
        }
    }
    f
}

/// Class/id substrings of elements holding the byline.
pub const BYLINE_CLASS_SUBSTRINGS: &[&str] = &["byline", "author", "autor", "auteur"];
/// Class/id substrings of author elements that hold something else (bio, photo, social links).
pub const NOT_BYLINE_CLASS_SUBSTRINGS: &[&str] =
    &["bio", "avatar", "image", "img", "photo", "social", "follow"];
/// Class/id substrings of elements holding the publication date.
pub const DATE_CLASS_SUBSTRINGS: &[&str] = &[
    "date",
    "published",
    "datum",
    "dateline",
    "pubtime",
    "timestamp",
];
/// How many candidate byline or date elements are read.
const MAX_PAGE_CANDIDATES: usize = 8;
/// A date element's text longer than this is not a date line.
const MAX_DATE_TEXT_CHARS: usize = 80;

/// Record `rel=author` links, byline-classed and date-classed elements, and `<time>` texts.
fn collect_page_byline_and_date(dom: &Dom, id: NodeId, tag: &str, f: &mut Found) {
    let class = match (dom.attr(id, "class"), dom.attr(id, "id")) {
        (None, None) => String::new(),
        (c, i) => format!("{} {}", c.unwrap_or(""), i.unwrap_or("")).to_ascii_lowercase(),
    };
    let rel_author = dom.attr(id, "rel").is_some_and(|r| {
        r.split_ascii_whitespace()
            .any(|t| t.eq_ignore_ascii_case("author"))
    });
    let byline_class = BYLINE_CLASS_SUBSTRINGS.iter().any(|b| class.contains(b))
        && !NOT_BYLINE_CLASS_SUBSTRINGS
            .iter()
            .any(|b| class.contains(b));
    if (rel_author || byline_class)
        && f.page_authors.len() < MAX_PAGE_CANDIDATES
        && !in_comments_or_form(dom, id)
    {
        if let Some(t) = non_empty(text_of(dom, id)) {
            if t.chars().count() <= MAX_AUTHOR_CHARS {
                f.page_authors.push(t);
            }
        }
    }
    let date_class = DATE_CLASS_SUBSTRINGS.iter().any(|d| class.contains(d));
    if (tag == "time" || date_class) && f.page_dates.len() < MAX_PAGE_CANDIDATES {
        if let Some(t) = non_empty(text_of(dom, id)) {
            if t.chars().count() <= MAX_DATE_TEXT_CHARS {
                f.page_dates.push(t);
            }
        }
    }
}

/// Whether an element sits in a comment section or a form (where "author" labels a commenter or a field).
fn in_comments_or_form(dom: &Dom, id: NodeId) -> bool {
    let mut a = dom.node(id).parent;
    while a != crate::dom::NONE {
        if dom.tag(a).is_some_and(|t| &**t == "form") {
            return true;
        }
        let named_comment = ["class", "id"].iter().any(|n| {
            dom.attr(a, n)
                .is_some_and(|v| v.to_ascii_lowercase().contains("comment"))
        });
        if named_comment {
            return true;
        }
        a = dom.node(a).parent;
    }
    false
}

/// The name part of a byline line: "By Jane Doe | 5 min read" → "Jane Doe".
fn byline_names(line: &str) -> Vec<String> {
    let mut s = line.trim();
    for p in BYLINE_WORDS {
        if let Some(rest) = s.strip_prefix(p) {
            s = rest.trim_start_matches([':', ' ']);
            break;
        }
    }
    let end = s
        .find(|c: char| c.is_ascii_digit() || matches!(c, '|' | '•' | '·' | '\n' | '(' | '@'))
        .unwrap_or(s.len());
    let s = s[..end]
        .split(" - ")
        .next()
        .unwrap_or("")
        .trim_end_matches([' ', ',', '-', '–']);
    split_authors(s)
}

/// Words that open a byline, with their trailing space.
pub const BYLINE_WORDS: &[&str] = &[
    "By ", "by ", "BY ", "Von ", "von ", "VON ", "Par ", "par ", "Por ", "por ", "Door ", "Di ",
    "Autor:", "Author:", "Text:", "Von:",
];

/// More authors than this is a list of staff, not a byline.
const MAX_AUTHORS: usize = 8;
/// A longer "author" is a bio, not a name.
const MAX_AUTHOR_CHARS: usize = 80;

fn meta_value<'a>(f: &'a Found, keys: &[&str]) -> Option<&'a str> {
    keys.iter().find_map(|k| {
        f.meta
            .iter()
            .find(|(mk, v)| mk == k && !v.trim().is_empty())
            .map(|(_, v)| v.as_str())
    })
}

fn ld_types(v: &Value) -> Vec<&str> {
    match v.get("@type") {
        Some(Value::String(s)) => vec![s.as_str()],
        Some(Value::Array(a)) => a.iter().filter_map(Value::as_str).collect(),
        _ => Vec::new(),
    }
}

/// All JSON-LD objects describing an article (walking `@graph` and top-level arrays, not deeper).
fn ld_articles(found: &Found) -> Vec<&Value> {
    let mut out = Vec::new();
    let mut queue: Vec<&Value> = found.ld.iter().collect();
    let mut budget = MAX_LD_OBJECTS;
    while let Some(v) = queue.pop() {
        if budget == 0 {
            break;
        }
        budget -= 1;
        match v {
            Value::Array(a) => queue.extend(a.iter().rev()),
            Value::Object(o) => {
                if let Some(g) = o.get("@graph") {
                    queue.push(g);
                }
                if ld_types(v).iter().any(|t| ARTICLE_LD_TYPES.contains(t)) {
                    out.push(v);
                }
            }
            _ => {}
        }
    }
    // Articles before generic web pages.
    out.sort_by_key(|v| ld_types(v).contains(&"WebPage"));
    out
}

/// Cap on JSON-LD objects examined, against pathological pages.
const MAX_LD_OBJECTS: usize = 256;

fn ld_string(v: &Value) -> Option<String> {
    match v {
        Value::String(s) => non_empty(s.clone()),
        Value::Object(o) => o.get("name").and_then(ld_string),
        Value::Array(a) => a.first().and_then(ld_string),
        _ => None,
    }
}

fn ld_names(v: &Value) -> Vec<String> {
    match v {
        Value::Array(a) => a.iter().filter_map(ld_string).collect(),
        other => ld_string(other).into_iter().collect(),
    }
}

/// Whether an author value is a name rather than a URL or handle.
fn plausible_author(s: &str) -> bool {
    !s.starts_with("http") && !s.starts_with('@') && s.chars().count() <= MAX_AUTHOR_CHARS
}

/// Split "A, B and C" into names, dropping a leading "By".
fn split_authors(s: &str) -> Vec<String> {
    let s = s.trim();
    let s = BYLINE_WORDS
        .iter()
        .find_map(|p| s.strip_prefix(p))
        .map(|rest| rest.trim_start_matches([':', ' ']))
        .unwrap_or(s);
    s.split([',', ';', '|'])
        .flat_map(|p| p.split(" and "))
        .flat_map(|p| p.split(" und "))
        .map(collapse)
        .filter(|p| !p.is_empty() && plausible_author(p))
        .collect()
}

/// Strip the site name from a `<title>`: keep the longest part around a separator.
fn clean_title(title: &str, site: Option<&str>) -> String {
    for sep in TITLE_SEPARATORS {
        if let Some((head, tail)) = title.rsplit_once(sep) {
            let site_matches = site.is_some_and(|s| same_words(s, tail));
            if site_matches || tail.chars().count() * 2 < head.chars().count() {
                return head.trim().to_owned();
            }
            if let Some((first, rest)) = title.split_once(sep) {
                if site.is_some_and(|s| same_words(s, first)) {
                    return rest.trim().to_owned();
                }
            }
        }
    }
    title.trim().to_owned()
}

/// Share of the shorter title's words that the two must have in common to be the same headline.
const SAME_HEADLINE_WORD_SHARE: f64 = 0.6;

/// Whether two headlines share most of the shorter one's words (case-insensitive).
fn shares_most_words(a: &str, b: &str) -> bool {
    let words = |s: &str| -> Vec<String> {
        s.split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .map(str::to_lowercase)
            .collect()
    };
    let (wa, wb) = (words(a), words(b));
    let (short, long) = if wa.len() <= wb.len() {
        (&wa, &wb)
    } else {
        (&wb, &wa)
    };
    if short.is_empty() {
        return false;
    }
    let common = short.iter().filter(|w| long.contains(w)).count();
    common as f64 >= SAME_HEADLINE_WORD_SHARE * short.len() as f64
}

fn same_words(a: &str, b: &str) -> bool {
    a.split_whitespace()
        .map(str::to_lowercase)
        .eq(b.split_whitespace().map(str::to_lowercase))
}

/// ISO 639-1 code of a language tag ("en-US" → "en").
fn language_code(tag: &str) -> Option<String> {
    let code: String = tag.trim().split(['-', '_']).next()?.to_ascii_lowercase();
    (code.len() == 2 || code.len() == 3)
        .then_some(code)
        .filter(|c| c.chars().all(|ch| ch.is_ascii_alphabetic()))
}

pub fn page_metadata(dom: &Dom) -> PageMetadata {
    let f = collect(dom);
    let articles = ld_articles(&f);
    let ld_field = |key: &str| articles.iter().find_map(|a| a.get(key));

    let site_name = meta_value(&f, SITE_META_KEYS)
        .map(collapse)
        .or_else(|| ld_field("publisher").and_then(ld_string));

    let declared = meta_value(&f, TITLE_META_KEYS)
        .map(|t| clean_title(&collapse(t), site_name.as_deref()))
        .or_else(|| ld_field("headline").and_then(ld_string))
        .or_else(|| {
            f.title_tag
                .as_deref()
                .map(|t| clean_title(t, site_name.as_deref()))
        })
        .filter(|t| !t.is_empty());
    // The page's own headline wins when it agrees with the declared one (the declared one often carries a
    // section prefix or a site suffix); an unrelated `<h1>` (the site logo) does not.
    let title = match (&f.h1, declared) {
        (Some(h1), Some(d)) if shares_most_words(h1, &d) => Some(h1.clone()),
        (_, Some(d)) => Some(d),
        (h1, None) => h1.clone(),
    };

    let date = ld_field("datePublished")
        .and_then(Value::as_str)
        .and_then(normalise_date)
        .or_else(|| meta_value(&f, DATE_META_KEYS).and_then(normalise_date))
        .or_else(|| f.itemprop_date.as_deref().and_then(normalise_date))
        .or_else(|| f.time_datetime.as_deref().and_then(normalise_date))
        .or_else(|| f.page_dates.iter().find_map(|d| normalise_date(d)))
        .or_else(|| {
            ld_field("dateCreated")
                .and_then(Value::as_str)
                .and_then(normalise_date)
        });

    let mut authors: Vec<String> = ld_field("author")
        .map(ld_names)
        .unwrap_or_default()
        .into_iter()
        .flat_map(|a| split_authors(&a))
        .collect();
    if authors.is_empty() {
        if let Some(a) = AUTHOR_META_KEYS.iter().find_map(|k| {
            let v = meta_value(&f, &[k])?;
            let names = split_authors(v);
            (!names.is_empty()).then_some(names)
        }) {
            authors = a;
        }
    }
    if authors.is_empty() {
        authors = f
            .itemprop_authors
            .iter()
            .flat_map(|a| split_authors(a))
            .collect();
    }
    if authors.is_empty() {
        authors = f
            .page_authors
            .iter()
            .flat_map(|a| byline_names(a))
            .collect();
    }
    let mut seen = std::collections::HashSet::new();
    authors.retain(|a| seen.insert(a.clone()));
    authors.truncate(MAX_AUTHORS);

    let canonical = f
        .canonical
        .clone()
        .or_else(|| meta_value(&f, &["og:url"]).map(str::to_owned))
        .map(|u| u.trim().to_owned())
        .filter(|u| !u.is_empty());

    let description = DESCRIPTION_META_KEYS
        .iter()
        .filter_map(|k| meta_value(&f, &[k]))
        .chain(ld_field("description").and_then(Value::as_str))
        .map(collapse)
        .filter(|d| !d.is_empty())
        // Longest first; the first listed on a tie, so the choice is deterministic.
        .fold(None, |best: Option<String>, d| match best {
            Some(b) if b.chars().count() >= d.chars().count() => Some(b),
            _ => Some(d),
        });

    PageMetadata {
        title,
        date,
        authors,
        site_name,
        language: f.lang.as_deref().and_then(language_code),
        canonical,
        json_ld_body: ld_field("articleBody")
            .and_then(Value::as_str)
            .map(str::to_owned),
        json_ld_word_count: ld_field("wordCount").and_then(|v| match v {
            Value::Number(n) => n.as_u64().map(|n| n as usize),
            Value::String(s) => s.trim().parse().ok(),
            _ => None,
        }),
        description,
    }
}

// ----------------------------------------------------------------------------------------------------------------
// Dates.

/// Month names and abbreviations in German, French and Spanish, lower-case, with their numbers; English ones are
/// `dyad_model::date::month_from_name`'s.
pub const OTHER_LANGUAGE_MONTH_NAMES: &[(&str, u8)] = &[
    ("januar", 1),
    ("janvier", 1),
    ("enero", 1),
    ("jänner", 1),
    ("februar", 2),
    ("février", 2),
    ("febrero", 2),
    ("märz", 3),
    ("mars", 3),
    ("marzo", 3),
    ("avril", 4),
    ("abril", 4),
    ("mai", 5),
    ("mayo", 5),
    ("juni", 6),
    ("juin", 6),
    ("junio", 6),
    ("juli", 7),
    ("juillet", 7),
    ("julio", 7),
    ("août", 8),
    ("agosto", 8),
    ("septembre", 9),
    ("septiembre", 9),
    ("oktober", 10),
    ("octobre", 10),
    ("octubre", 10),
    ("okt", 10),
    ("novembre", 11),
    ("noviembre", 11),
    ("dezember", 12),
    ("décembre", 12),
    ("diciembre", 12),
    ("dez", 12),
];

/// Years outside this range are not publication dates.
const YEAR_RANGE: std::ops::RangeInclusive<u32> = 1990..=2100;

/// The calendar date, when it is one and its year is a plausible publication year.
fn publication_date(year: u32, month: u32, day: u32) -> Option<Date> {
    Date::from_ymd(year, month, day).filter(in_publication_years)
}

fn in_publication_years(date: &Date) -> bool {
    YEAR_RANGE.contains(&u32::from(date.year()))
}

/// The month an English, German, French or Spanish month name or abbreviation names, in any case.
fn month_of(word: &str) -> Option<u32> {
    let lower = word.to_lowercase();
    let month = month_from_name(&lower).or_else(|| {
        OTHER_LANGUAGE_MONTH_NAMES
            .iter()
            .find(|(name, _)| *name == lower)
            .map(|&(_, m)| m)
    })?;
    Some(u32::from(month))
}

/// Normalise a date as pages write it to ISO 8601: `YYYY-MM-DD`, plus `THH:MM:SS` and the zone when the input is
/// ISO with a time. Handles ISO and its variants (`2019/11/18`, `20191118`), RFC 2822 (`Mon, 18 Nov 2019 10:00:00
/// GMT`), `November 18, 2019`, `18. November 2019` and `18.11.2019`; `None` for anything else.
///
/// ```
/// use dyad_html::normalise_date;
/// assert_eq!(normalise_date("2019-11-18T10:05:00Z").as_deref(), Some("2019-11-18T10:05:00Z"));
/// assert_eq!(normalise_date("Nov. 18, 2019").as_deref(), Some("2019-11-18"));
/// ```
pub fn normalise_date(input: &str) -> Option<String> {
    let s = input.trim();
    if let Some(iso) = iso_date(s) {
        return Some(iso);
    }
    let words: Vec<&str> = s
        .split(|c: char| {
            c.is_whitespace() || matches!(c, ',' | '.' | '/' | '-' | ':' | '(' | ')' | '|')
        })
        .filter(|w| !w.is_empty())
        .collect();
    let num = |j: usize| -> Option<u32> {
        let w = words.get(j)?;
        if w.len() <= 4 && w.bytes().all(|b| b.is_ascii_digit()) {
            w.parse().ok()
        } else {
            None
        }
    };
    let year = |j: usize| num(j).filter(|_| words[j].len() == 4);
    let iso = |y: u32, m: u32, d: u32| publication_date(y, m, d).map(Date::to_iso);
    // The first window of three words that reads as a date: y-m-d, d.m.y (then m/d/y), or with a month name.
    for (i, word) in words.iter().enumerate() {
        let found = if let Some(m) = month_of(word) {
            // "November 18 2019", "18 November 2019".
            num(i + 1)
                .zip(year(i + 2))
                .and_then(|(d, y)| iso(y, m, d))
                .or_else(|| {
                    i.checked_sub(1)
                        .and_then(num)
                        .zip(year(i + 1))
                        .and_then(|(d, y)| iso(y, m, d))
                })
        } else if let (Some(a), Some(b)) = (num(i), num(i + 1)) {
            match (year(i), year(i + 2)) {
                (Some(y), _) => num(i + 2).and_then(|d| iso(y, b, d)),
                (None, Some(y)) => iso(y, b, a).or_else(|| iso(y, a, b)),
                _ => None,
            }
        } else {
            None
        };
        if found.is_some() {
            return found;
        }
    }
    None
}

/// `YYYY-MM-DD` (or `/`, `.`, or none: [`Date::parse_numeric_prefix`]), optionally followed by
/// `THH:MM[:SS][.fff][zone]`.
fn iso_date(s: &str) -> Option<String> {
    let (date, rest) = Date::parse_numeric_prefix(s)?;
    let date = Some(date).filter(in_publication_years)?.to_iso();
    let b = s.as_bytes();
    let digits = |r: std::ops::Range<usize>| -> Option<u32> {
        let part = b.get(r)?;
        if part.iter().all(u8::is_ascii_digit) {
            std::str::from_utf8(part).ok()?.parse().ok()
        } else {
            None
        }
    };
    if !matches!(b.get(rest), Some(b'T' | b' ')) {
        return Some(date);
    }
    let (hh, mm) = (digits(rest + 1..rest + 3), digits(rest + 4..rest + 6));
    let (Some(hh), Some(mm)) = (hh, mm) else {
        return Some(date);
    };
    if b.get(rest + 3) != Some(&b':') || hh > 23 || mm > 59 {
        return Some(date);
    }
    let mut pos = rest + 6;
    let mut ss = 0;
    if b.get(pos) == Some(&b':') {
        ss = digits(pos + 1..pos + 3).filter(|&s| s <= 60).unwrap_or(0);
        pos += 3;
        // Fractional seconds are dropped.
        if b.get(pos) == Some(&b'.') {
            pos += 1;
            while b.get(pos).is_some_and(u8::is_ascii_digit) {
                pos += 1;
            }
        }
    }
    let zone = match b.get(pos) {
        Some(b'Z') => "Z".to_owned(),
        Some(b'+' | b'-') => {
            let sign = b[pos] as char;
            let zh = digits(pos + 1..pos + 3);
            let zm_at = if b.get(pos + 3) == Some(&b':') {
                pos + 4
            } else {
                pos + 3
            };
            let zm = digits(zm_at..zm_at + 2).unwrap_or(0);
            match zh {
                Some(zh) if zh <= 14 && zm <= 59 => format!("{sign}{zh:02}:{zm:02}"),
                _ => String::new(),
            }
        }
        _ => String::new(),
    };
    Some(format!("{date}T{hh:02}:{mm:02}:{ss:02}{zone}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_in_common_shapes() {
        let cases = [
            ("2019-11-18", Some("2019-11-18")),
            (
                "2019-11-18T10:05:07.123+0100",
                Some("2019-11-18T10:05:07+01:00"),
            ),
            ("20191118", Some("2019-11-18")),
            ("Mon, 18 Nov 2019 10:00:00 GMT", Some("2019-11-18")),
            ("18. März 2019", Some("2019-03-18")),
            ("18.03.2019", Some("2019-03-18")),
            ("Janic Cathomen, 01.12.2021", Some("2021-12-01")),
            ("am 25.08.2015 22:30", Some("2015-08-25")),
            ("11/18/2019", Some("2019-11-18")),
            ("Posted 13:36, 29.12.2010", Some("2010-12-29")),
            ("1. Juni 2020", Some("2020-06-01")),
            ("JUNE 1, 2020", Some("2020-06-01")),
            ("yesterday", None),
            ("2019-13-45", None),
            ("2019-02-29", None),
        ];
        for (input, expected) in cases {
            assert_eq!(normalise_date(input).as_deref(), expected, "{input}");
        }
    }

    #[test]
    fn title_loses_site_suffix() {
        assert_eq!(
            clean_title("WeWork probed | VentureBeat", Some("VentureBeat")),
            "WeWork probed"
        );
        assert_eq!(
            clean_title("A long headline about things - BBC", None),
            "A long headline about things"
        );
    }

    #[test]
    fn authors_split() {
        assert_eq!(
            split_authors("By Ann Lee and Bo Chan"),
            ["Ann Lee", "Bo Chan"]
        );
    }
}
