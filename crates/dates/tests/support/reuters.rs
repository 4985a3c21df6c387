//! Reuters-21578 stories (publication date and body) from the gzipped SGML files in ../shared, for tests and the
//! examples, read by the reader `dyad code` uses ([`dyad_ingest::reuters::read_file`]).

#![allow(dead_code)]

use dyad_ingest::reuters::{read_file, TextType};
use dyad_model::date::Date;
use std::path::PathBuf;

/// The folder holding `reut2-000.sgm.gz` … `reut2-021.sgm.gz`.
pub fn corpus_dir() -> PathBuf {
    PathBuf::from(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../../shared/data/reuters21578"
    ))
}

/// One story: its `<DATE>` day, and its body text.
pub struct Story {
    pub published: Option<Date>,
    pub body: String,
}

/// The stories with a body of the first `files` data files, in file order.
pub fn stories(files: usize) -> Vec<Story> {
    let mut out = Vec::new();
    for n in 0..files.min(22) {
        let path = corpus_dir().join(format!("reut2-{n:03}.sgm.gz"));
        for story in read_file(&path).unwrap_or_else(|e| panic!("{e}")) {
            if story.text_type == TextType::Unprocessed {
                continue;
            }
            let published = story.day().and_then(Date::parse_iso);
            if let Some(body) = story.body {
                out.push(Story { published, body });
            }
        }
    }
    out
}
