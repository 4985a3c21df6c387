//! Reuters-21578 as an input format on the real collection in ../shared/data/reuters21578: a folder walk reads each
//! `reut2-NNN.sgm.gz` as its stories (21,578 records), and the other files of the folder as they always were.

use dyad_ingest::{read_inputs, IngestOptions, RawRecord};
use dyad_model::InputFormat;
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

const REUTERS: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../../../shared/data/reuters21578"
);

fn file_name(r: &RawRecord) -> String {
    Path::new(&r.provenance.path)
        .file_name()
        .unwrap()
        .to_string_lossy()
        .into_owned()
}

#[test]
fn the_collection_reads_as_21578_stories() {
    let dir = PathBuf::from(REUTERS);
    if !dir.exists() {
        println!("note: {} absent; test not run", dir.display());
        return;
    }
    let mut inputs = read_inputs(&[dir], &IngestOptions::default());
    let mut stories = Vec::new();
    let mut others = Vec::new();
    for r in inputs.by_ref() {
        let r = r.unwrap_or_else(|e| panic!("{e}"));
        match r.provenance.format {
            Some(InputFormat::Reuters) => stories.push(r),
            _ => others.push(r),
        }
    }
    let warnings = inputs.take_warnings();

    // 21,578 stories: 21,577 records and one skipped as empty (NEWID 12793, an UNPROC story with no text).
    assert_eq!(stories.len(), 21_577);
    let skipped: Vec<(String, u64)> = inputs
        .file_counts()
        .iter()
        .filter(|f| f.counts.skipped.total() > 0)
        .map(|f| {
            (
                f.path.rsplit('/').next().unwrap().to_string(),
                f.counts.skipped.empty,
            )
        })
        .collect();
    assert_eq!(skipped, [("reut2-012.sgm.gz".to_string(), 1)]);
    assert_eq!(inputs.total_counts().failed, 0);
    let per_file: BTreeMap<String, usize> = stories.iter().fold(BTreeMap::new(), |mut m, r| {
        *m.entry(file_name(r)).or_default() += 1;
        m
    });
    assert_eq!(per_file.len(), 22);
    assert!(per_file.keys().all(|f| f.starts_with("reut2-")));
    assert_eq!(per_file["reut2-000.sgm.gz"], 1_000);
    assert_eq!(per_file["reut2-012.sgm.gz"], 999);
    assert_eq!(per_file["reut2-021.sgm.gz"], 578);
    let ids: BTreeSet<u64> = stories.iter().filter_map(|r| r.provenance.record).collect();
    assert_eq!(ids.len(), 21_577, "NEWIDs are unique");
    assert_eq!((ids.first(), ids.last()), (Some(&1), Some(&21_578)));
    assert!(!ids.contains(&12_793));
    let doc_ids: BTreeSet<&str> = stories
        .iter()
        .filter_map(|r| r.hints.id.as_deref())
        .collect();
    assert_eq!(doc_ids.len(), 21_577);
    assert!(stories.iter().all(|r| r.hints.date.is_some()));

    let first = &stories[0];
    assert_eq!(first.hints.id.as_deref(), Some("reut2-000.sgm#1"));
    assert_eq!(first.hints.date.as_deref(), Some("1987-02-26"));
    assert!(first
        .content
        .starts_with("BAHIA COCOA REVIEW\n\nShowers continued throughout the week in\n"));
    // Byte offsets point at the story's tag in the decompressed file.
    let raw = {
        use std::io::Read;
        let mut out = Vec::new();
        let file = std::fs::File::open(Path::new(REUTERS).join("reut2-000.sgm.gz")).unwrap();
        flate2::read::GzDecoder::new(file)
            .read_to_end(&mut out)
            .unwrap();
        out
    };
    for r in stories.iter().take(1_000) {
        let at = r.provenance.byte_offset.unwrap() as usize;
        let tag = format!("NEWID=\"{}\">", r.provenance.record.unwrap());
        let line_end = at + raw[at..].iter().position(|&b| b == b'\n').unwrap();
        assert!(raw[at..].starts_with(b"<REUTERS "));
        assert!(raw[at..line_end].ends_with(tag.as_bytes()));
    }
    // The one story with a non-UTF-8 byte (0xFC) is decoded with a warning naming it.
    let not_utf8: Vec<String> = warnings
        .iter()
        .filter(|w| w.reason() == dyad_ingest::WarningReason::NotUtf8)
        .map(|w| w.to_string())
        .collect();
    assert_eq!(not_utf8.len(), 1, "{not_utf8:?}");
    assert!(
        not_utf8[0].contains("reut2-017.sgm.gz: story "),
        "{not_utf8:?}"
    );

    // The category lists and descriptions are .txt files, read as text as before; README and lewis.dtd are passed over.
    let other_names: BTreeSet<String> = others.iter().map(file_name).collect();
    assert!(
        other_names.iter().all(|n| n.ends_with(".txt")),
        "{other_names:?}"
    );
    assert!(!other_names.iter().any(|n| n.starts_with("README")));
}
