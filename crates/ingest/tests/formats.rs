//! Each input format on real data from ../shared: the seed article, extraction-dev pages as HTML files, as JSONL
//! lines and wrapped in WARC / WARC.gz crawls built at test time.

mod common;

use common::*;
use dyad_ingest::charset::{decode_html, CharsetSource};
use dyad_ingest::{
    discover_sources, read_inputs, ContentKind, IngestOptions, RawRecord, Records, Source,
};
use dyad_model::InputFormat;
use std::path::PathBuf;

fn read_all(
    path: &std::path::Path,
    opts: &IngestOptions,
) -> (Vec<RawRecord>, Vec<String>, dyad_ingest::RecordCounts) {
    let mut records = Source::File(path.to_path_buf()).records(opts);
    let mut ok = Vec::new();
    let mut errors = Vec::new();
    for r in records.by_ref() {
        match r {
            Ok(r) => ok.push(r),
            Err(e) => errors.push(e.to_string()),
        }
    }
    (ok, errors, records.counts())
}

#[test]
fn seed_article_is_one_text_record() {
    let path = shared("examples/seed-article.txt");
    let (recs, errors, counts) = read_all(&path, &IngestOptions::default());
    assert!(errors.is_empty(), "{errors:?}");
    assert_eq!(recs.len(), 1);
    let r = &recs[0];
    assert_eq!(r.kind, ContentKind::Text);
    assert_eq!(r.content.as_bytes(), std::fs::read(&path).unwrap());
    assert_eq!(r.provenance.format, Some(InputFormat::Text));
    assert_eq!(r.provenance.path, path.display().to_string());
    assert_eq!(r.provenance.record, None);
    assert_eq!(counts.ok, 1);
}

#[test]
fn gzipped_html_pages_read_and_decode() {
    // The pages are stored as .html.gz: gzip by magic bytes, then HTML by name and content.
    let dir = shared("data/extraction-dev/newspaper4k/html");
    let opts = IngestOptions::default();
    let sources: Vec<Source> = discover_sources(&[dir], &opts)
        .sources
        .into_iter()
        .map(Result::unwrap)
        .collect();
    assert_eq!(sources.len(), 22);
    let mut names: Vec<String> = sources.iter().map(Source::display_path).collect();
    let sorted = {
        let mut s = names.clone();
        s.sort();
        s
    };
    assert_eq!(names, sorted, "directory walk is sorted");
    names.dedup();
    for source in &sources {
        let mut records = source.records(&opts);
        let all: Vec<_> = records.by_ref().collect();
        assert_eq!(all.len(), 1, "{source}");
        let r = all[0].as_ref().unwrap();
        assert_eq!(r.kind, ContentKind::Html);
        let raw = gunzip(&std::fs::read(source.display_path()).unwrap());
        assert_eq!(
            r.content.as_bytes(),
            &raw[..],
            "UTF-8 pages are passed through byte for byte"
        );
        assert_eq!(records.counts().ok, 1);
    }
}

#[test]
fn legacy_charset_pages_decode_to_their_words() {
    // Pages that are not valid UTF-8: ground truth (title and must-contain snippets, UTF-8) has non-ASCII words
    // that must appear in the decoded page once entities are set aside.
    let truth = ground_truth("trafilatura");
    let mut legacy = 0;
    let mut checked_words = 0;
    for page in pages("trafilatura") {
        if std::str::from_utf8(&page.bytes).is_ok() {
            continue;
        }
        legacy += 1;
        let decoded = decode_html(page.bytes.clone(), None);
        // Mixed pages (UTF-8 with a stray latin-1 widget) keep UTF-8: replacements must stay rare.
        let replaced = decoded.text.matches('\u{FFFD}').count();
        let non_ascii = decoded
            .text
            .chars()
            .filter(|c| !c.is_ascii() && *c != '\u{FFFD}')
            .count();
        assert!(
            replaced * 10 <= non_ascii,
            "{}: {replaced} replacements",
            page.id
        );
        let entry = &truth[&page.id];
        let mut texts: Vec<&str> = entry["with"]
            .as_array()
            .unwrap()
            .iter()
            .filter_map(|v| v.as_str())
            .collect();
        texts.extend(entry["title"].as_str());
        let words: Vec<&str> = texts
            .iter()
            .flat_map(|t| t.split(|c: char| !c.is_alphanumeric()))
            .filter(|w| !w.is_ascii() && w.chars().count() > 2)
            .collect();
        let mut unescaped = unescape_numeric_refs(&decoded.text);
        for (name, c) in LATIN_ENTITIES {
            unescaped = unescaped.replace(&format!("&{name};"), c);
        }
        let found = words.iter().filter(|w| unescaped.contains(**w)).count();
        checked_words += words.len();
        // A few words are written as named entities (&uuml;) or split by markup; most must be found.
        assert!(
            words.is_empty() || found * 2 >= words.len(),
            "{}: {:?} {:?} found {found} of {words:?}",
            page.id,
            decoded.encoding.name(),
            decoded.source
        );
    }
    assert!(
        legacy >= 10,
        "expected the ~15 non-UTF-8 pages, saw {legacy}"
    );
    assert!(checked_words > 20);
}

/// Named entities for the letters of the German, French and Polish pages in the set.
const LATIN_ENTITIES: &[(&str, &str)] = &[
    ("auml", "ä"),
    ("ouml", "ö"),
    ("uuml", "ü"),
    ("Auml", "Ä"),
    ("Ouml", "Ö"),
    ("Uuml", "Ü"),
    ("szlig", "ß"),
    ("eacute", "é"),
    ("egrave", "è"),
    ("agrave", "à"),
    ("ccedil", "ç"),
    ("oacute", "ó"),
];

/// `&#243;` and `&#xF3;` → `ó`, so words a page writes as numeric references can be found.
fn unescape_numeric_refs(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find("&#") {
        out.push_str(&rest[..at]);
        let tail = &rest[at + 2..];
        let end = tail.find(';').filter(|&e| e <= 8);
        let decoded = end.and_then(|e| {
            let digits = &tail[..e];
            let code = match digits.strip_prefix(['x', 'X']) {
                Some(hex) => u32::from_str_radix(hex, 16).ok()?,
                None => digits.parse().ok()?,
            };
            Some((char::from_u32(code)?, e))
        });
        match decoded {
            Some((c, e)) => {
                out.push(c);
                rest = &tail[e + 1..];
            }
            None => {
                out.push_str("&#");
                rest = tail;
            }
        }
    }
    out.push_str(rest);
    out
}

#[test]
fn meta_declared_latin1_page_uses_the_declaration() {
    let page = pages("trafilatura")
        .into_iter()
        .find(|p| p.id == "winfuture.de-NASA")
        .expect("page present");
    let d = decode_html(page.bytes, None);
    assert_eq!(
        (d.encoding, d.source),
        (encoding_rs::WINDOWS_1252, CharsetSource::Meta)
    );
    assert!(!d.had_errors);
}

#[test]
fn jsonl_built_from_real_articles() {
    let scratch = Scratch::new("jsonl-real");
    let truth = ground_truth("scrapinghub");
    let mut ids: Vec<&String> = truth.as_object().unwrap().keys().collect();
    ids.sort();
    let html_pages = pages("newspaper4k");
    let mut lines = Vec::new();
    let mut expected = Vec::new();
    for (i, id) in ids.iter().enumerate() {
        let body = truth[*id]["articleBody"].as_str().unwrap();
        let url = truth[*id]["url"].as_str().unwrap();
        lines.push(
            serde_json::json!({"id": id, "content": body, "url": url, "published": "2019-11-0"})
                .to_string(),
        );
        expected.push((
            lines.len() as u64 - 1,
            ContentKind::Text,
            body.to_string(),
            url.to_string(),
        ));
        if i == 3 {
            lines.push(String::new()); // a blank line: ignored, but it keeps its line number
        }
    }
    for p in &html_pages {
        let html = String::from_utf8(p.bytes.clone()).unwrap();
        lines.push(serde_json::json!({"raw_html": html, "url": p.url, "title": p.id}).to_string());
        expected.push((
            lines.len() as u64 - 1,
            ContentKind::Html,
            html,
            p.url.clone(),
        ));
    }
    let mut text = lines.join("\r\n"); // CRLF line ends are accepted
    text.push('\n');
    let path = scratch.write("articles.jsonl.gz", &gzip(text.as_bytes()));
    let (recs, errors, counts) = read_all(&path, &IngestOptions::default());
    assert!(errors.is_empty(), "{errors:?}");
    assert_eq!(recs.len(), expected.len());
    assert_eq!(counts.ok as usize, expected.len());
    // Byte offsets point at each line's start in the decompressed file.
    let mut starts = vec![0u64];
    for (i, b) in text.bytes().enumerate() {
        if b == b'\n' {
            starts.push(i as u64 + 1);
        }
    }
    for (r, (line, kind, content, url)) in recs.iter().zip(&expected) {
        assert_eq!(r.provenance.record, Some(*line));
        assert_eq!(r.provenance.byte_offset, Some(starts[*line as usize]));
        assert_eq!(r.kind, *kind);
        assert_eq!(&r.content, content);
        assert_eq!(r.hints.url.as_deref(), Some(url.as_str()));
        assert_eq!(r.provenance.url.as_deref(), Some(url.as_str()));
        assert_eq!(r.provenance.format, Some(InputFormat::Jsonl));
    }
    assert!(recs[0].hints.id.is_some() && recs[0].hints.date.is_some());
    assert_eq!(
        recs.last().unwrap().hints.title.as_deref(),
        Some(html_pages.last().unwrap().id.as_str())
    );
}

fn check_crawl(
    recs: &[RawRecord],
    counts: dyad_ingest::RecordCounts,
    pages: &[Page],
    exp: &CrawlExpectation,
    flat: &[u8],
) {
    assert_eq!(recs.len(), exp.articles.len());
    assert_eq!(counts.ok as usize, exp.articles.len());
    assert_eq!(counts.failed, 0);
    assert_eq!(counts.skipped.not_response, exp.not_response);
    assert_eq!(counts.skipped.content_type, exp.content_type);
    assert_eq!(counts.skipped.http_status, exp.http_status);
    let seed = std::fs::read_to_string(shared("examples/seed-article.txt")).unwrap();
    for (i, (r, (index, page, url))) in recs.iter().zip(&exp.articles).enumerate() {
        assert_eq!(r.provenance.record, Some(*index));
        let offset = r.provenance.byte_offset.unwrap() as usize;
        assert!(
            flat[offset..].starts_with(b"WARC/1."),
            "offset {offset} is a record start"
        );
        assert_eq!(r.hints.url.as_deref(), Some(url.as_str()));
        assert_eq!(r.hints.id.as_deref(), Some(exp.ids[i].as_str()));
        assert_eq!(r.hints.date.as_deref(), Some(exp.dates[i].as_str()));
        assert_eq!(r.provenance.format, Some(InputFormat::Warc));
        match page {
            Some(p) => {
                assert_eq!(r.kind, ContentKind::Html);
                assert_eq!(
                    r.content,
                    decode_html(pages[*p].bytes.clone(), None).text,
                    "page {}",
                    pages[*p].id
                );
            }
            None => {
                assert_eq!(r.kind, ContentKind::Text);
                assert_eq!(r.content, seed);
            }
        }
    }
}

#[test]
fn warc_crawl_of_real_pages_plain_and_gzipped() {
    let scratch = Scratch::new("warc-real");
    let mut all = pages("scrapinghub");
    all.truncate(40);
    // Include legacy-charset pages so HTTP bodies exercise charset detection.
    all.extend(
        pages("trafilatura")
            .into_iter()
            .filter(|p| std::str::from_utf8(&p.bytes).is_err()),
    );
    let (records, exp) = crawl_warc(&all);
    let flat: Vec<u8> = records.concat();
    let members: Vec<u8> = records.iter().flat_map(|r| gzip(r)).collect();
    let plain = scratch.write("crawl.warc", &flat);
    let gz = scratch.write("crawl.warc.gz", &members);
    // A misleading name: content sniffing finds gzip and WARC anyway.
    let odd = scratch.write("crawl.bin", &members);
    for path in [plain, gz, odd] {
        let mut records = Source::File(path.clone()).records(&IngestOptions::default());
        assert_eq!(records.format(), None, "not opened yet");
        records.next();
        assert_eq!(records.format(), Some(InputFormat::Warc));
        let (recs, errors, counts) = read_all(&path, &IngestOptions::default());
        assert!(errors.is_empty(), "{}: {errors:?}", path.display());
        check_crawl(&recs, counts, &all, &exp, &flat);
    }
}

#[test]
fn read_inputs_walks_a_tree_in_order_with_counts() {
    let scratch = Scratch::new("tree");
    let seed = std::fs::read(shared("examples/seed-article.txt")).unwrap();
    scratch.write("b/seed.txt", &seed);
    scratch.write("a/page.html", &pages("newspaper4k")[0].bytes);
    scratch.write("a/.hidden.txt", &seed);
    scratch.write("a/photo.png", b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR");
    scratch.write(
        "c.jsonl",
        b"{\"text\": \"one\"}\n{\"title\": \"no text\"}\n{\"text\": \"\"}\n",
    );
    let mut inputs = read_inputs(
        &[scratch.0.clone(), PathBuf::from("/nonexistent/dyad/input")],
        &IngestOptions::default(),
    );
    let skipped: Vec<String> = inputs
        .take_warnings()
        .iter()
        .map(|w| {
            w.to_string()
                .replace(&scratch.0.display().to_string(), "DIR")
        })
        .collect();
    assert_eq!(
        skipped,
        [
            "DIR/a/.hidden.txt: skipped: hidden",
            "DIR/a/photo.png: skipped: .png is an image, not an article format"
        ]
    );
    let results: Vec<_> = inputs.by_ref().collect();
    let files: Vec<String> = inputs
        .file_counts()
        .iter()
        .map(|f| f.path.rsplit('/').next().unwrap().to_string())
        .collect();
    assert_eq!(files, ["page.html", "seed.txt", "c.jsonl", "input"]);
    let counts: Vec<(u64, u64, u64)> = inputs
        .file_counts()
        .iter()
        .map(|f| (f.counts.ok, f.counts.skipped.total(), f.counts.failed))
        .collect();
    assert_eq!(counts, [(1, 0, 0), (1, 0, 0), (1, 1, 1), (0, 0, 1)]);
    assert_eq!(results.len(), 5);
    let errors: Vec<String> = results
        .iter()
        .filter_map(|r| r.as_ref().err())
        .map(|e| e.to_string())
        .collect();
    assert!(errors[0].ends_with("c.jsonl: line 2: expected a string field \"text\" (or \"content\", \"body\", \"html\", \"raw_html\")"), "{errors:?}");
    assert!(
        errors[1].starts_with("/nonexistent/dyad/input: "),
        "{errors:?}"
    );
    let total = inputs.total_counts();
    assert_eq!((total.ok, total.failed, total.skipped.empty), (3, 2, 1));
}

#[test]
fn stdin_style_reader_with_forced_format() {
    let seed = std::fs::read(shared("examples/seed-article.txt")).unwrap();
    // Forced HTML on text bytes: the caller's word wins over sniffing.
    let opts = IngestOptions {
        format: Some(InputFormat::Html),
        ..IngestOptions::default()
    };
    let mut records = Records::from_reader("-", None, std::io::Cursor::new(seed.clone()), &opts);
    let r = records.next().unwrap().unwrap();
    assert_eq!(r.kind, ContentKind::Html);
    assert_eq!(r.provenance.path, "-");
    assert!(records.next().is_none());
}

#[test]
fn whole_extraction_dev_tree_reads_cleanly() {
    // The walk keeps the .html.gz pages and passes over README.md, ground-truth.json, LICENSE and
    // reference-outputs/*.json.gz, each with its reason.
    let root = shared("data/extraction-dev");
    let mut inputs = read_inputs(&[root], &IngestOptions::default());
    let skipped: Vec<String> = inputs
        .take_warnings()
        .iter()
        .map(|w| {
            format!(
                "{}: {}",
                w.path.rsplit('/').next().unwrap(),
                w.reason().label()
            )
        })
        .collect();
    assert_eq!(
        skipped,
        [
            "README.md: non-article file name",
            "LICENSE: non-article file name",
            "ground-truth.json: JSON, not JSON Lines",
            "LICENSE: non-article file name",
            "ground-truth.json: JSON, not JSON Lines",
            "newspaper.json.gz: JSON, not JSON Lines",
            "readability.json.gz: JSON, not JSON Lines",
            "trafilatura.json.gz: JSON, not JSON Lines",
            "LICENSE: non-article file name",
            "ground-truth.json: JSON, not JSON Lines",
        ]
    );
    let mut html = 0;
    for r in inputs.by_ref() {
        let r = r.unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(r.kind, ContentKind::Html);
        assert!(!r.content.trim().is_empty());
        html += 1;
    }
    let files = inputs.file_counts();
    assert!(inputs.take_warnings().is_empty());
    assert_eq!(html, 181 + 719 + 22);
    assert_eq!(files.len(), html);
    assert!(files
        .iter()
        .all(|f| f.path.ends_with(".html.gz") && f.counts.ok == 1));
}
