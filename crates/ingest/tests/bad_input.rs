//! Bad input: binary junk, truncated gzip, malformed WARC records, invalid UTF-8, malformed JSON lines and a
//! 200 MB line. Each gives an error naming the file and where; the rest of the input and the batch go on.

mod common;

use common::*;
use dyad_ingest::{
    read_inputs, IngestError, IngestOptions, Location, RawRecord, Records, Source, WarningKind,
    WarningReason,
};
use std::io::Read;

fn read_all(records: &mut Records) -> (Vec<RawRecord>, Vec<IngestError>) {
    let mut ok = Vec::new();
    let mut errors = Vec::new();
    for r in records.by_ref() {
        match r {
            Ok(r) => ok.push(r),
            Err(e) => errors.push(e),
        }
    }
    (ok, errors)
}

fn read_file(path: &std::path::Path, opts: &IngestOptions) -> (Vec<RawRecord>, Vec<IngestError>) {
    read_all(&mut Source::File(path.to_path_buf()).records(opts))
}

/// The header block of a record built by `warc_record` (up to the blank line).
fn header_of(record: &[u8]) -> String {
    let end = record.windows(4).position(|w| w == b"\r\n\r\n").unwrap() + 4;
    String::from_utf8(record[..end].to_vec()).unwrap()
}

/// The record with one edit made in its header; the block (binary for gzip-encoded bodies) is untouched.
fn edit_header(record: &[u8], from: &str, to: &str) -> Vec<u8> {
    let header = header_of(record);
    assert!(header.contains(from));
    let mut out = header.replacen(from, to, 1).into_bytes();
    out.extend_from_slice(&record[header.len()..]);
    out
}

#[test]
fn binary_junk_is_refused_by_name_and_cause() {
    let scratch = Scratch::new("binary");
    // A real gzip stream of a page, gunzipped twice is not possible: the raw deflate bytes are junk to a reader.
    let page = std::fs::read(shared(
        "data/extraction-dev/newspaper4k/html/cnn_001.html.gz",
    ))
    .unwrap();
    let deflate_junk: Vec<u8> = page[20..].to_vec();
    let path = scratch.write("junk.html", &deflate_junk);
    let (ok, errors) = read_file(&path, &IngestOptions::default());
    assert!(ok.is_empty());
    assert_eq!(errors.len(), 1);
    assert!(
        matches!(errors[0], IngestError::Binary { .. }),
        "{}",
        errors[0]
    );
    let msg = errors[0].to_string();
    assert!(
        msg.starts_with(&format!("{}: binary data", path.display())),
        "{msg}"
    );
}

#[test]
fn truncated_gzip_names_the_file() {
    let scratch = Scratch::new("truncated-gz");
    let page = std::fs::read(shared(
        "data/extraction-dev/newspaper4k/html/cnn_001.html.gz",
    ))
    .unwrap();
    let path = scratch.write("cut.html.gz", &page[..page.len() / 2]);
    let (ok, errors) = read_file(&path, &IngestOptions::default());
    assert!(ok.is_empty());
    assert_eq!(errors.len(), 1);
    assert!(
        matches!(errors[0], IngestError::Gzip { .. }),
        "{}",
        errors[0]
    );
    assert!(errors[0].to_string().contains("cut.html.gz: "));
}

#[test]
fn truncated_warc_gz_keeps_the_records_before_the_cut() {
    let scratch = Scratch::new("truncated-warc-gz");
    let pages = pages("newspaper4k");
    let (records, exp) = crawl_warc(&pages[..6]);
    let members: Vec<Vec<u8>> = records.iter().map(|r| gzip(r)).collect();
    // Cut inside the member of the 5th article's response record.
    let cut_record = exp.articles[4].0 as usize;
    let mut bytes: Vec<u8> = members[..cut_record].concat();
    bytes.extend_from_slice(&members[cut_record][..members[cut_record].len() / 2]);
    let path = scratch.write("cut.warc.gz", &bytes);
    let mut recs = Source::File(path.clone()).records(&IngestOptions::default());
    let (ok, errors) = read_all(&mut recs);
    assert_eq!(ok.len(), 4);
    assert_eq!(errors.len(), 1);
    assert!(
        matches!(errors[0], IngestError::Gzip { .. }),
        "{}",
        errors[0]
    );
    assert_eq!(recs.counts().ok, 4);
    assert_eq!(recs.counts().failed, 1);
}

#[test]
fn malformed_warc_records_fail_alone_and_reading_resyncs() {
    let scratch = Scratch::new("bad-warc");
    let pages = pages("newspaper4k");
    let (records, exp) = crawl_warc(&pages[..8]);
    let article = |n: usize| exp.articles[n].0 as usize;
    let mut records = records;
    // 1. Content-Length too large by 100: the record swallows the start of the next one.
    let header = header_of(&records[article(1)]);
    let len_value = header
        .split("Content-Length: ")
        .nth(1)
        .unwrap()
        .split("\r\n")
        .next()
        .unwrap()
        .to_string();
    let bigger = (len_value.parse::<usize>().unwrap() + 100).to_string();
    records[article(1)] = edit_header(
        &records[article(1)],
        &format!("Content-Length: {len_value}"),
        &format!("Content-Length: {bigger}"),
    );
    // 2. Missing Content-Length.
    records[article(3)] = edit_header(&records[article(3)], "Content-Length: ", "Content-Size: ");
    // 3. Missing WARC-Type (length fine): fails alone, no resync needed.
    records[article(5)] = edit_header(&records[article(5)], "WARC-Type: response\r\n", "");
    // 4. Garbage between records.
    records.insert(
        article(7),
        b"this is not a WARC record\r\nnor is this\r\n".to_vec(),
    );
    let flat = records.concat();
    let path = scratch.write("bad.warc", &flat);
    let mut recs = Source::File(path.clone()).records(&IngestOptions::default());
    let (ok, errors) = read_all(&mut recs);
    let messages: Vec<String> = errors.iter().map(|e| e.to_string()).collect();
    assert_eq!(errors.len(), 4, "{messages:#?}");
    assert!(
        messages[0].contains("Content-Length looks wrong"),
        "{messages:#?}"
    );
    assert!(
        messages[1].contains("missing Content-Length"),
        "{messages:#?}"
    );
    assert!(messages[2].contains("missing WARC-Type"), "{messages:#?}");
    assert!(
        messages[3].contains("expected a WARC/1.x version line"),
        "{messages:#?}"
    );
    for e in &errors {
        assert!(e.to_string().starts_with(&format!("{}: ", path.display())));
        let at = e
            .location()
            .byte_offset()
            .expect("WARC errors carry a byte offset") as usize;
        assert!(at < flat.len());
    }
    // The bad-length record is named by index and offset of its version line.
    let Location::Record { byte, .. } = errors[0].location() else {
        panic!("record location expected: {:?}", errors[0].location())
    };
    assert!(flat[byte as usize..].starts_with(b"WARC/1.1"));
    // Every other article is read: 8 pages + the seed resource - 3 broken responses.
    let urls: Vec<&str> = ok.iter().map(|r| r.hints.url.as_deref().unwrap()).collect();
    assert_eq!(ok.len(), 9 - 3, "{urls:?}");
    for n in [0, 2, 4, 6, 7] {
        assert!(
            urls.contains(&pages[n].url.as_str()),
            "page {n} missing: {urls:?}"
        );
    }
    assert_eq!(recs.counts().failed, 4);
}

#[test]
fn invalid_utf8_in_text_names_the_first_bad_byte_when_strict() {
    let scratch = Scratch::new("bad-utf8");
    let mut bytes = std::fs::read(shared("examples/seed-article.txt")).unwrap();
    let at = bytes.len() / 2;
    bytes.insert(at, 0xC3); // a lead byte followed by an ASCII byte
    bytes.insert(at + 1, b'(');
    let path = scratch.write("bad.txt", &bytes);
    let strict = IngestOptions {
        strict_utf8: true,
        ..IngestOptions::default()
    };
    let (ok, errors) = read_file(&path, &strict);
    assert!(ok.is_empty());
    match &errors[..] {
        [IngestError::InvalidUtf8 { bad_byte, .. }] => {
            let valid = std::str::from_utf8(&bytes).unwrap_err().valid_up_to();
            assert_eq!(*bad_byte as usize, valid);
            assert!(*bad_byte as usize <= at);
        }
        other => panic!("{other:?}"),
    }
    assert!(errors[0]
        .to_string()
        .starts_with(&format!("{}: invalid UTF-8 at byte", path.display())));
}

#[test]
fn bad_jsonl_lines_fail_alone_when_utf8_is_strict() {
    let scratch = Scratch::new("bad-jsonl");
    let seed = std::fs::read_to_string(shared("examples/seed-article.txt")).unwrap();
    let good = serde_json::json!({"text": seed, "id": "seed"}).to_string();
    let mut bytes = Vec::new();
    bytes.extend_from_slice(good.as_bytes());
    bytes.extend_from_slice(b"\n{\"text\": \"unterminated\n");
    bytes.extend_from_slice(b"{\"text\": \"caf\xe9\"}\n");
    bytes.extend_from_slice(b"[\"an array\"]\n");
    bytes.extend_from_slice(b"{\"title\": \"no text\"}\n");
    bytes.extend_from_slice(good.as_bytes());
    bytes.push(b'\n');
    let path = scratch.write("mixed.jsonl", &bytes);
    let strict = IngestOptions {
        strict_utf8: true,
        ..IngestOptions::default()
    };
    let mut recs = Source::File(path.clone()).records(&strict);
    let (ok, errors) = read_all(&mut recs);
    assert_eq!(ok.len(), 2);
    assert_eq!(ok[1].provenance.record, Some(5));
    let lines: Vec<u64> = errors
        .iter()
        .map(|e| match e.location() {
            Location::Line { line, .. } => line,
            other => panic!("{other:?}"),
        })
        .collect();
    assert_eq!(lines, [2, 3, 4, 5]);
    let p = path.display();
    assert!(
        errors[0]
            .to_string()
            .starts_with(&format!("{p}: line 2: invalid JSON")),
        "{}",
        errors[0]
    );
    let third_line = good.len() as u64 + 1 + "{\"text\": \"unterminated\n".len() as u64;
    assert!(
        matches!(errors[1], IngestError::InvalidUtf8 { bad_byte, .. } if bad_byte == third_line + 13),
        "{:?}",
        errors[1]
    );
    assert_eq!(
        errors[2].to_string(),
        format!("{p}: line 4: expected a JSON object, found an array")
    );
    assert!(errors[3]
        .to_string()
        .starts_with(&format!("{p}: line 5: expected a string field \"text\"")));
    assert_eq!(recs.counts().failed, 4);
}

#[test]
fn jsonl_lines_in_a_legacy_encoding_are_decoded_with_a_warning() {
    let scratch = Scratch::new("latin1-jsonl");
    let mut bytes = b"{\"text\": \"plain ASCII line\"}\n".to_vec();
    bytes.extend_from_slice(
        b"{\"text\": \"Z\xfcrich, 3 March - Swiss police arrested two protesters near the caf\xe9 on Monday.\"}\n",
    );
    let path = scratch.write("old.jsonl", &bytes);
    let mut recs = Source::File(path.clone()).records(&IngestOptions::default());
    let (ok, errors) = read_all(&mut recs);
    assert!(errors.is_empty(), "{errors:?}");
    assert_eq!(
        ok[1].content,
        "Zürich, 3 March - Swiss police arrested two protesters near the café on Monday."
    );
    let warnings = recs.take_warnings();
    assert_eq!(warnings.len(), 1);
    assert_eq!(
        warnings[0].to_string(),
        format!(
            "{}: line 2: not UTF-8; decoded as windows-1252 (guessed)",
            path.display()
        )
    );
    assert!(matches!(
        warnings[0].kind,
        WarningKind::NotUtf8 { decoded_as, replaced_bad_bytes: false } if decoded_as == encoding_rs::WINDOWS_1252
    ));
    assert!(recs.take_warnings().is_empty(), "taken once");
    assert_eq!(recs.warning_counts().get(WarningReason::NotUtf8), 1);
}

#[test]
fn legacy_plain_text_is_decoded_with_a_warning() {
    let scratch = Scratch::new("latin1-text");
    let path = scratch.write(
        "zurich.txt",
        b"Z\xfcrich, 3 March - Swiss police arrested two protesters near the caf\xe9 on Monday.",
    );
    let mut recs = Source::File(path.clone()).records(&IngestOptions::default());
    let (ok, errors) = read_all(&mut recs);
    assert!(errors.is_empty(), "{errors:?}");
    assert_eq!(
        ok[0].content,
        "Zürich, 3 March - Swiss police arrested two protesters near the café on Monday."
    );
    assert_eq!(
        recs.warnings()[0].to_string(),
        format!(
            "{}: not UTF-8; decoded as windows-1252 (guessed)",
            path.display()
        )
    );
    // Mostly-UTF-8 text with one stray byte stays UTF-8, the byte replaced, and says so.
    let path = scratch.write("stray.txt", "Genève talks \u{2014} day two ".as_bytes());
    let mut bytes = std::fs::read(&path).unwrap();
    bytes.push(0xff);
    std::fs::write(&path, &bytes).unwrap();
    let mut recs = Source::File(path.clone()).records(&IngestOptions::default());
    let (ok, _) = read_all(&mut recs);
    assert_eq!(ok[0].content, "Genève talks \u{2014} day two \u{FFFD}");
    assert!(recs.warnings()[0]
        .to_string()
        .ends_with("invalid UTF-8; bad bytes replaced with U+FFFD"));
}

#[test]
fn a_200_mb_line_is_refused_without_loading_it() {
    // Streamed, never written to disk: 200 MB of one line, then a good line.
    let huge = std::io::repeat(b'a').take(200 * 1024 * 1024);
    let input = std::io::Cursor::new(b"{\"text\": \"first\"}\n".to_vec())
        .chain(huge)
        .chain(std::io::Cursor::new(b"\n{\"text\": \"after\"}\n".to_vec()));
    let opts = IngestOptions::default();
    let mut recs = Records::from_reader("stream.jsonl", Some("stream.jsonl"), input, &opts);
    let (ok, errors) = read_all(&mut recs);
    assert_eq!(
        ok.iter().map(|r| r.content.as_str()).collect::<Vec<_>>(),
        ["first", "after"]
    );
    assert_eq!(ok[1].provenance.record, Some(2));
    match &errors[..] {
        [IngestError::TooLarge {
            location: Location::Line { line: 2, byte: 18 },
            limit,
            ..
        }] => {
            assert_eq!(*limit, opts.max_record_bytes)
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn oversized_files_and_warc_records_are_refused() {
    let scratch = Scratch::new("too-large");
    let opts = IngestOptions {
        max_record_bytes: 10_000,
        ..IngestOptions::default()
    };
    let page = &pages("newspaper4k")[0];
    assert!(page.bytes.len() > 10_000);
    let path = scratch.write("big.html", &page.bytes);
    let (ok, errors) = read_file(&path, &opts);
    assert!(ok.is_empty());
    assert!(
        matches!(errors[..], [IngestError::TooLarge { limit: 10_000, .. }]),
        "{errors:?}"
    );
    // In a WARC, the big record fails and the small seed resource after it is still read.
    let (records, _) = crawl_warc(std::slice::from_ref(page));
    let path = scratch.write("big.warc", &records.concat());
    let (ok, errors) = read_file(
        &path,
        &IngestOptions {
            max_record_bytes: 20_000,
            ..opts
        },
    );
    assert_eq!(ok.len(), 1, "{errors:?}");
    assert!(
        matches!(
            errors[..],
            [IngestError::TooLarge {
                location: Location::Record { .. },
                ..
            }]
        ),
        "{errors:?}"
    );
}

#[test]
fn a_batch_goes_on_past_every_kind_of_bad_file() {
    let scratch = Scratch::new("batch");
    let seed = std::fs::read(shared("examples/seed-article.txt")).unwrap();
    let page = std::fs::read(shared(
        "data/extraction-dev/newspaper4k/html/cnn_001.html.gz",
    ))
    .unwrap();
    scratch.write("1-good.txt", &seed);
    scratch.write("2-junk.html", &page[30..]);
    scratch.write("3-cut.html.gz", &page[..page.len() / 3]);
    scratch.write("4-bad.txt", b"caf\xe9\n");
    scratch.write(
        "5-bad.warc",
        b"WARC/1.1\r\nWARC-Type: response\r\nContent-Length: 999\r\n\r\nshort",
    );
    scratch.write("6-empty.txt", b"  \n");
    scratch.write("7-good.html.gz", &page);
    let mut inputs = read_inputs(std::slice::from_ref(&scratch.0), &IngestOptions::default());
    let results: Vec<_> = inputs.by_ref().collect();
    let oks = results.iter().filter(|r| r.is_ok()).count();
    assert_eq!(oks, 3);
    // The windows-1252 text is read, with a warning naming it and the guessed encoding.
    let warnings: Vec<String> = inputs
        .take_warnings()
        .iter()
        .map(|w| w.to_string())
        .collect();
    assert_eq!(
        warnings,
        [format!(
            "{}: not UTF-8; decoded as windows-1252 (guessed)",
            scratch.0.join("4-bad.txt").display()
        )]
    );
    assert_eq!(inputs.warning_counts().get(WarningReason::NotUtf8), 1);
    let per_file: Vec<(u64, u64, u64)> = inputs
        .file_counts()
        .iter()
        .map(|f| (f.counts.ok, f.counts.failed, f.counts.skipped.total()))
        .collect();
    assert_eq!(
        per_file,
        [
            (1, 0, 0),
            (0, 1, 0),
            (0, 1, 0),
            (1, 0, 0),
            (0, 1, 0),
            (0, 0, 1),
            (1, 0, 0)
        ]
    );
}
