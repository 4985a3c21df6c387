//! The page in a real browser: Debian's headless Chromium loads it from the real server over a store of real
//! articles, and the rendered DOM (`--dump-dom`) is checked — the timeline, map, network and event table drawn,
//! filters read from and written back to the URL, the article view with its evidence highlighted and the rules
//! that fired — and, from an article full of injected markup, that no script of it runs and its text shows as
//! text. Screenshots go to `$CARGO_TARGET_TMPDIR/page/`.
//!
//! Chromium is required: CI installs it (.ci/run). Without it these tests fail and say how to install it,
//! unless `DYAD_SKIP_BROWSER=1` is set.

mod common;

use common::{articles, store_of, Server, REPO};
use serde_json::Value;
use std::io::{Read, Write};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};
/// The longest one Chromium run may take before the test gives up on it.
const BROWSER_TIMEOUT: Duration = Duration::from_secs(120);
/// Virtual time the page gets to fetch and draw before the DOM is dumped (ms).
const VIRTUAL_TIME_MS: u32 = 8000;

// ------------------------------------------------------------------------------------------ the browser

/// The Chromium binary, or `None` when the caller asked to skip browser tests.
fn chromium() -> Option<PathBuf> {
    if std::env::var("DYAD_SKIP_BROWSER").as_deref() == Ok("1") {
        eprintln!("note: DYAD_SKIP_BROWSER=1: the page's browser test is skipped");
        return None;
    }
    let path = std::env::var_os("PATH").unwrap_or_default();
    for dir in std::env::split_paths(&path) {
        for name in ["chromium", "chromium-browser"] {
            let candidate = dir.join(name);
            if candidate.is_file() {
                return Some(candidate);
            }
        }
    }
    panic!(
        "the page's tests need headless Chromium and found none on PATH: install it \
         (`apt-get install -y chromium`, as .ci/run does) or set DYAD_SKIP_BROWSER=1 to skip them"
    );
}

struct Browser {
    bin: PathBuf,
    /// Profiles and outputs of this test's runs.
    work: tempfile::TempDir,
}

impl Browser {
    fn new(bin: PathBuf) -> Browser {
        Browser {
            bin,
            work: tempfile::tempdir().unwrap(),
        }
    }

    /// Runs Chromium headless on `url` with `extra` arguments; its stdout, within the time limit.
    fn run(&self, url: &str, extra: &[String]) -> String {
        // A profile per run: concurrent runs must not share one.
        let profile = tempfile::tempdir_in(self.work.path()).unwrap();
        let out_path = profile.path().join("stdout");
        let err_path = profile.path().join("stderr");
        let mut child = Command::new(&self.bin)
            .args([
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-dev-shm-usage",
                "--no-first-run",
                "--disable-extensions",
                "--hide-scrollbars",
                "--window-size=1400,1000",
            ])
            .arg(format!(
                "--user-data-dir={}",
                profile.path().join("profile").display()
            ))
            .arg(format!("--virtual-time-budget={VIRTUAL_TIME_MS}"))
            .args(extra)
            .arg(url)
            .stdin(Stdio::null())
            .stdout(std::fs::File::create(&out_path).unwrap())
            .stderr(std::fs::File::create(&err_path).unwrap())
            .spawn()
            .unwrap_or_else(|e| panic!("cannot run {}: {e}", self.bin.display()));
        let start = Instant::now();
        loop {
            if let Some(status) = child.try_wait().unwrap() {
                let out = std::fs::read_to_string(&out_path).unwrap_or_default();
                if !status.success() && out.is_empty() {
                    let err = std::fs::read_to_string(&err_path).unwrap_or_default();
                    panic!("chromium on {url} exited with {status}: {err}");
                }
                return out;
            }
            if start.elapsed() > BROWSER_TIMEOUT {
                let _ = child.kill();
                let _ = child.wait();
                panic!("chromium on {url} took longer than {BROWSER_TIMEOUT:?}");
            }
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    /// The DOM after the page has loaded its data and drawn.
    fn dom(&self, url: &str) -> Dom {
        let html = self.run(url, &["--dump-dom".to_string()]);
        assert!(html.contains("</html>"), "no DOM from {url}: {html:.300}");
        Dom::parse(html)
    }

    /// Saves a screenshot of `url` as `$CARGO_TARGET_TMPDIR/page/<name>.png` and says where.
    fn screenshot(&self, url: &str, name: &str) -> PathBuf {
        self.screenshot_sized(url, name, 1000)
    }

    /// A screenshot `height` pixels tall (1400 wide).
    fn screenshot_sized(&self, url: &str, name: &str, height: u32) -> PathBuf {
        let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("page");
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join(format!("{name}.png"));
        let _ = std::fs::remove_file(&path);
        self.run(
            url,
            &[
                format!("--screenshot={}", path.display()),
                format!("--window-size=1400,{height}"),
            ],
        );
        assert!(path.exists(), "no screenshot of {url}");
        eprintln!("screenshot: {}", path.display());
        path
    }
}

// ------------------------------------------------------------------------------------------ the serialised DOM

/// One start tag of the serialised DOM, with its attributes (values unescaped) and the text right after it.
#[derive(Debug)]
struct Tag {
    name: String,
    attrs: Vec<(String, String)>,
    /// The text between this tag's end and the next tag, unescaped.
    text: String,
}

impl Tag {
    fn attr(&self, name: &str) -> Option<&str> {
        self.attrs
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    }
    fn has_class(&self, class: &str) -> bool {
        self.attr("class")
            .is_some_and(|c| c.split_whitespace().any(|x| x == class))
    }
}

/// The DOM as Chromium serialises it: in text, `<` and `>` are always escaped, and attribute values are
/// double-quoted with `"` escaped, so every raw `<` starts a tag and a small scanner reads them all exactly.
struct Dom {
    html: String,
    tags: Vec<Tag>,
}

fn unescape(s: &str) -> String {
    s.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&nbsp;", "\u{a0}")
        .replace("&amp;", "&")
}

impl Dom {
    fn parse(html: String) -> Dom {
        let b = html.as_bytes();
        let mut tags = Vec::new();
        let mut i = 0;
        while i < b.len() {
            if b[i] != b'<' {
                i += 1;
                continue;
            }
            // End tags, comments and the doctype carry no attributes that matter here.
            if matches!(b.get(i + 1), Some(b'/') | Some(b'!')) {
                i += 1;
                continue;
            }
            let mut j = i + 1;
            while j < b.len() && !b[j].is_ascii_whitespace() && b[j] != b'>' && b[j] != b'/' {
                j += 1;
            }
            let name = html[i + 1..j].to_ascii_lowercase();
            let mut attrs = Vec::new();
            loop {
                while j < b.len() && (b[j].is_ascii_whitespace() || b[j] == b'/') {
                    j += 1;
                }
                if j >= b.len() || b[j] == b'>' {
                    break;
                }
                let a = j;
                while j < b.len() && b[j] != b'=' && b[j] != b'>' && !b[j].is_ascii_whitespace() {
                    j += 1;
                }
                let attr = html[a..j].to_ascii_lowercase();
                let mut value = String::new();
                if j < b.len() && b[j] == b'=' {
                    j += 1;
                    if b.get(j) == Some(&b'"') {
                        let v = j + 1;
                        j = v;
                        while j < b.len() && b[j] != b'"' {
                            j += 1;
                        }
                        value = unescape(&html[v..j]);
                        j += 1;
                    }
                }
                attrs.push((attr, value));
            }
            let end = (j + 1).min(b.len());
            let next = html[end..].find('<').map_or(html.len(), |k| end + k);
            tags.push(Tag {
                name,
                attrs,
                text: unescape(&html[end..next]),
            });
            i = end;
        }
        Dom { html, tags }
    }

    fn all<'a>(&'a self, name: &'a str) -> impl Iterator<Item = &'a Tag> + 'a {
        self.tags.iter().filter(move |t| t.name == name)
    }
    fn with_class<'a>(&'a self, name: &'a str, class: &'a str) -> Vec<&'a Tag> {
        self.all(name).filter(|t| t.has_class(class)).collect()
    }
    /// All text of the page (unescaped, tags removed).
    fn text(&self) -> String {
        self.tags.iter().map(|t| t.text.as_str()).collect()
    }
}

// ------------------------------------------------------------------------------------------ store and server

impl Server {
    fn url(&self, path_and_query: &str) -> String {
        format!("http://{}{}", self.addr, path_and_query)
    }

    /// GET `path` (HTTP/1.0, so the body is not chunked): status and body.
    fn get(&self, path: &str) -> (u16, String) {
        let mut s = TcpStream::connect(self.addr).unwrap();
        s.set_read_timeout(Some(Duration::from_secs(30))).unwrap();
        write!(s, "GET {path} HTTP/1.0\r\nHost: {}\r\n\r\n", self.addr).unwrap();
        let mut raw = Vec::new();
        s.read_to_end(&mut raw).unwrap();
        let raw = String::from_utf8(raw).unwrap();
        let (head, body) = raw.split_once("\r\n\r\n").unwrap();
        let status = head.split(' ').nth(1).unwrap().parse().unwrap();
        (status, body.to_string())
    }

    fn json(&self, path: &str) -> Value {
        let (status, body) = self.get(path);
        assert_eq!(status, 200, "GET {path}: {body}");
        serde_json::from_str(&body).unwrap()
    }
}

/// Every `tr` of the event table.
fn event_rows(dom: &Dom) -> Vec<&Tag> {
    dom.all("tr")
        .filter(|t| t.attr("data-event").is_some())
        .collect()
}

// ------------------------------------------------------------------------------------------ tests

#[test]
fn overview_draws_timeline_map_network_and_table_and_keeps_filters_in_the_url() {
    let Some(bin) = chromium() else { return };
    let browser = Browser::new(bin);
    let dir = tempfile::tempdir().unwrap();
    let server = Server::start(store_of(dir.path(), &articles()));

    let dom = browser.dom(&server.url("/"));
    // Timeline: an SVG with stacked quad-class bars.
    let timeline = dom
        .all("svg")
        .find(|t| {
            t.attr("aria-label")
                .is_some_and(|l| l.starts_with("Timeline:"))
        })
        .unwrap_or_else(|| panic!("no timeline SVG: {}", dom.text()));
    assert!(!timeline
        .attr("aria-label")
        .unwrap()
        .starts_with("Timeline: 0 "));
    let bars = dom
        .all("rect")
        .filter(|t| ["q1", "q2", "q3", "q4"].iter().any(|q| t.has_class(q)))
        .count();
    assert!(bars > 0, "no timeline bars");
    // Map: the world drawn from world.json, and points that link to a place filter.
    assert!(
        dom.with_class("path", "land").len() > 100,
        "the world map is not drawn"
    );
    let points = dom.with_class("a", "place-point");
    assert!(!points.is_empty(), "no map points");
    assert!(points
        .iter()
        .all(|p| p.attr("href").is_some_and(|h| h.contains("bbox="))));
    // Network: actor nodes, linking to an actor filter.
    assert!(dom.with_class("g", "node").len() >= 2, "no network nodes");
    assert!(dom
        .all("a")
        .any(|a| a.attr("href").is_some_and(|h| h.starts_with("?actor="))));
    // The table, with the stored events' sentences.
    let rows = event_rows(&dom);
    assert!(rows.len() >= 5, "{} event rows", rows.len());
    let text = dom.text();
    assert!(
        text.contains("Syria") || text.contains("Russia"),
        "no stored text shown"
    );
    // No error shown by any panel.
    assert!(dom.all("p").all(|p| !p.has_class("error")), "{text}");
    browser.screenshot(&server.url("/"), "overview");
    browser.screenshot_sized(&server.url("/"), "overview-full", 2400);

    // Filters come from the URL and go back into every link the page builds.
    let filtered = "/?actor=SYR&interval=month";
    let dom = browser.dom(&server.url(filtered));
    let rows = event_rows(&dom);
    assert!(!rows.is_empty(), "no SYR events");
    for r in &rows {
        let (s, t) = (
            r.attr("data-source").unwrap(),
            r.attr("data-target").unwrap(),
        );
        assert!(
            s.starts_with("SYR") || t.starts_with("SYR"),
            "row {s} → {t} under actor=SYR"
        );
    }
    let chips: String = dom
        .with_class("span", "chip")
        .iter()
        .map(|c| c.text.as_str())
        .collect();
    assert!(chips.contains("actor: SYR"), "chips: {chips}");
    let exports: Vec<&str> = dom
        .all("a")
        .filter_map(|a| a.attr("href"))
        .filter(|h| h.starts_with("/api/export?"))
        .collect();
    assert_eq!(exports.len(), 4, "{exports:?}");
    for h in &exports {
        assert!(h.contains("actor=SYR"), "{h}");
        let (status, _) = server.get(h);
        assert_eq!(status, 200, "{h}");
    }
    // The interval from the URL: the timeline says what it counted (SYR's events may all be undated).
    assert!(
        dom.text().contains("dated events per month"),
        "{}",
        dom.text()
    );
    // A chip's remove link drops its filter and keeps the rest of the state.
    let remove = dom
        .with_class("span", "chip")
        .iter()
        .find(|c| c.text.starts_with("actor"))
        .and_then(|_| {
            dom.all("a").find(|a| {
                a.attr("aria-label")
                    .is_some_and(|l| l.starts_with("Remove the filter actor"))
            })
        })
        .unwrap()
        .attr("href")
        .unwrap()
        .to_string();
    assert_eq!(remove, "?interval=month");
    browser.screenshot(&server.url(filtered), "overview-filtered");

    // A dyad's timeline, both directions.
    let dyad = "/?dyad=TUR,GRC&both=true&interval=month";
    let dom = browser.dom(&server.url(dyad));
    let text = dom.text();
    assert!(dom.all("p").all(|p| !p.has_class("error")), "{text}");
    assert!(text.contains("per month between TUR and GRC"), "{text}");
    assert!(
        dom.all("rect").any(|t| t.has_class("q1")),
        "no verbal cooperation bars for TUR–GRC"
    );
}

#[test]
fn article_view_highlights_the_evidence_and_shows_the_rules() {
    let Some(bin) = chromium() else { return };
    let browser = Browser::new(bin);
    let dir = tempfile::tempdir().unwrap();
    let server = Server::start(store_of(dir.path(), &articles()));
    let events = server.json("/api/events?limit=200");
    let event = events["events"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| {
            e["evidence"]["verb"].is_object() && !e["source"].as_str().unwrap_or("").is_empty()
        })
        .expect("an event with evidence")
        .clone();
    let id = event["event_id"].as_i64().unwrap();
    let url = server.url(&format!("/?event={id}"));
    let dom = browser.dom(&url);
    let text = dom.text();
    assert!(dom.all("p").all(|p| !p.has_class("error")), "{text}");
    // The selected event's verb, source and target are marked, and the verb is the stored evidence.
    let verbs = dom.with_class("mark", "hl-verb");
    assert_eq!(verbs.len(), 1, "one verb marked");
    let sentence = event["sentence_text"].as_str().unwrap();
    assert!(
        sentence.contains(verbs[0].text.as_str()),
        "{:?} not in {sentence:?}",
        verbs[0].text
    );
    assert!(
        !dom.with_class("mark", "hl-source").is_empty(),
        "source not marked"
    );
    assert!(
        !dom.with_class("mark", "hl-target").is_empty(),
        "target not marked"
    );
    // The event list beside it, with the event selected, and the why panel with the rules that fired.
    let pressed: Vec<&Tag> = dom
        .all("button")
        .filter(|b| b.attr("aria-pressed") == Some("true"))
        .collect();
    assert_eq!(pressed.len(), 1);
    let verb_rule = event["evidence"]["verb_rule"]["file"].as_str().unwrap();
    assert!(
        text.contains(&format!("{verb_rule}:")),
        "no verb rule {verb_rule} in the why panel"
    );
    assert!(text.contains(event["evidence"]["verb_rule"]["text"].as_str().unwrap()));
    // The way back keeps the filter state: no article keys.
    let back = dom.all("a").find(|a| a.attr("id") == Some("back")).unwrap();
    assert!(!back.attr("href").unwrap().contains("event="));
    browser.screenshot(&url, "article");
}

/// Payloads that each set `data-pwned` on the root element if they ever ran.
const HOSTILE_TEXT: &str = r#"<img src=x onerror="document.documentElement.setAttribute('data-pwned','1')"> Syrian troops attacked rebels
<script>document.documentElement.setAttribute('data-pwned','2')</script>

Syrian troops attacked rebels near Daraa on Monday, the army said. "><svg onload="document.documentElement.setAttribute('data-pwned','3')">

Iranian forces shelled villages near Aleppo on Tuesday. <a href="javascript:document.documentElement.setAttribute('data-pwned','4')">details</a>

Turkish troops attacked Kurdish fighters in Afrin on Sunday. " onmouseover="document.documentElement.setAttribute('data-pwned','5')" x="
"#;

#[test]
fn hostile_article_runs_no_script_and_shows_as_text() {
    let Some(bin) = chromium() else { return };
    let browser = Browser::new(bin);
    let dir = tempfile::tempdir().unwrap();
    let x = dir.path().join("x.txt");
    std::fs::write(&x, HOSTILE_TEXT).unwrap();
    // A feed record whose title, URL and text all carry markup: JSONL text is not HTML, so it stays text.
    let feed = dir.path().join("hostile.jsonl");
    let record = serde_json::json!({
        "id": "hostile-1\"><img src=x onerror=\"document.documentElement.setAttribute('data-pwned','6')\">",
        "title": "<img src=x onerror=\"document.documentElement.setAttribute('data-pwned','7')\">Syrian army shells Idlib",
        "date": "2024-02-05",
        "url": "javascript:document.documentElement.setAttribute('data-pwned','8')",
        "text": "Syrian army forces shelled rebels in Idlib on Monday. <script>document.documentElement.setAttribute('data-pwned','9')</script> \" onmouseover=\"document.documentElement.setAttribute('data-pwned','10')\" The rebels accused Damascus of attacking civilians.",
    });
    std::fs::write(&feed, format!("{record}\n")).unwrap();
    let seed = Path::new(REPO).join("examples/wire-story.txt");
    let server = Server::start(store_of(dir.path(), &[seed, x, feed]));

    // The hostile documents' events, by the words of their sentences.
    let events = server.json("/api/events?limit=200");
    let hostile: Vec<&Value> = events["events"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| {
            let s = e["sentence_text"].as_str().unwrap_or("");
            [
                "Daraa",
                "Aleppo",
                "Afrin",
                "Idlib",
                "Damascus",
                "Syrian troops",
            ]
            .iter()
            .any(|w| s.contains(w))
        })
        .collect();
    assert!(
        !hostile.is_empty(),
        "no event coded from the hostile articles"
    );
    let mut pages = vec![
        "/".to_string(),
        "/?q=Syrian".to_string(),
        "/?raw=true".to_string(),
    ];
    let mut docs_seen = std::collections::BTreeSet::new();
    for e in &hostile {
        if docs_seen.insert(e["doc_id"].as_str().unwrap().to_string()) {
            pages.push(format!("/?event={}", e["event_id"]));
        }
    }
    assert!(
        docs_seen.len() >= 2,
        "both hostile articles coded: {docs_seen:?}"
    );

    let mut shown = String::new();
    let mut escaped = String::new();
    for page in &pages {
        let dom = browser.dom(&server.url(page));
        let root = dom.all("html").next().unwrap();
        assert!(
            root.attr("data-pwned").is_none(),
            "injected script ran on {page}: {:?}",
            root.attrs
        );
        assert!(
            !dom.html.contains("data-pwned=\""),
            "an injected attribute reached the DOM on {page}"
        );
        for tag in &dom.tags {
            for (name, value) in &tag.attrs {
                assert!(
                    !name.starts_with("on"),
                    "event handler attribute {name} on <{}> in {page}",
                    tag.name
                );
                let v = value.trim_start().to_ascii_lowercase();
                assert!(
                    !((name == "href" || name == "src") && v.starts_with("javascript:")),
                    "javascript: URL in {name} on <{}> in {page}",
                    tag.name
                );
            }
            assert!(
                !matches!(tag.name.as_str(), "img" | "iframe" | "object" | "embed"),
                "an injected <{}> element on {page}",
                tag.name
            );
        }
        let scripts: Vec<&Tag> = dom.all("script").collect();
        assert_eq!(scripts.len(), 1, "only the page's own script on {page}");
        assert_eq!(scripts[0].attr("src"), Some("/static/app.js"));
        assert!(
            dom.all("p").all(|p| !p.has_class("error")),
            "{page}: {}",
            dom.text()
        );
        shown.push_str(&dom.text());
        escaped.push_str(&dom.html);
    }
    // The payloads are there, as text.
    assert!(
        shown.contains("onerror=\"document.documentElement"),
        "the hostile text is not shown as text"
    );
    // The article text is split into text nodes around its highlights: look for the script as escaped markup.
    assert!(
        escaped.contains("&lt;script&gt;document.documentElement"),
        "the hostile script is not shown as text"
    );
    browser.screenshot(&server.url(pages.last().unwrap()), "hostile-article");
}
