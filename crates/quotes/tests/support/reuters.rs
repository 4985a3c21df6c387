//! Reuters-21578 stories (title and body) from the gzipped SGML files in ../shared, as plain-text documents split
//! into sentences: the input of the smoke test, the sample printer and the speed example. Read by the reader
//! `dyad code` uses ([`dyad_ingest::reuters::read_file`]).

use dyad_ingest::reuters::{read_file, TextType};
use dyad_ingest::RecordHints;
use dyad_model::{Document, Provenance};
use std::path::PathBuf;

/// The folder holding `reut2-000.sgm.gz` … `reut2-021.sgm.gz`.
pub fn corpus_dir() -> PathBuf {
    PathBuf::from(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../../shared/data/reuters21578"
    ))
}

/// The title-and-body text of every story with a body in the first `files` data files, in file order.
pub fn stories(files: usize) -> Vec<String> {
    let mut out = Vec::new();
    for n in 0..files.min(22) {
        let path = corpus_dir().join(format!("reut2-{n:03}.sgm.gz"));
        for story in read_file(&path).unwrap_or_else(|e| panic!("{e}")) {
            if story.text_type != TextType::Unprocessed && story.body.is_some() {
                out.push(story.text());
            }
        }
    }
    out
}

/// A story's text cleaned and split as the pipeline does (`dyad_clean::from_text`, then `split`).
pub fn document(text: &str) -> Document {
    let mut doc = dyad_clean::from_text(text, Provenance::default(), &RecordHints::default());
    dyad_sentences::split(&mut doc);
    doc
}
