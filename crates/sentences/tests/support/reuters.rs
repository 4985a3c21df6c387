//! Story bodies of the Reuters-21578 SGML files in ../shared (gzipped), for tests and the speed examples, read by
//! the reader `dyad code` uses ([`dyad_ingest::reuters::read_file`]): character references decoded, the `Reuter`
//! sign-off removed.

#![allow(dead_code)]

use dyad_ingest::reuters::{read_file, TextType};
use std::path::PathBuf;

/// The folder holding `reut2-000.sgm.gz` … `reut2-021.sgm.gz`.
pub fn corpus_dir() -> PathBuf {
    PathBuf::from(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../../shared/data/reuters21578"
    ))
}

/// The stories of the first `files` data files, in file order.
pub fn stories(files: usize) -> Vec<dyad_ingest::reuters::Story> {
    (0..files.min(22))
        .flat_map(|n| {
            let path = corpus_dir().join(format!("reut2-{n:03}.sgm.gz"));
            read_file(&path).unwrap_or_else(|e| panic!("{e}"))
        })
        .collect()
}

/// Every `<BODY>` of the first `files` data files, in file order.
pub fn bodies(files: usize) -> Vec<String> {
    stories(files)
        .into_iter()
        .filter(|s| s.text_type != TextType::Unprocessed)
        .filter_map(|s| s.body)
        .collect()
}
