//! Coverage of dyad's built-in dictionaries on Reuters-21578, and their agreement with the Phoenix dictionaries.
//!
//! `cargo run -p dyad-eval --release --example coverage -- [STORIES] [TOP] [LIST_FILE]`: codes the first STORIES
//! stories (default: all), prints both reports with the TOP (default 30) entries of each list, and writes the
//! lists, [`LIST_FILE_TOP`] entries each, to LIST_FILE when given (a worklist for the dictionary author).

use dyad_coding::Coder;
use dyad_dict::{Dialect, Dictionaries};
use dyad_eval::coverage::{agreement, coverage};
use dyad_model::Document;
use rayon::prelude::*;
use std::path::Path;
use std::time::Instant;

/// Entries per list in the list file.
const LIST_FILE_TOP: usize = 200;
const SHARED: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../../shared/data");

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let limit: usize = args.next().map_or(Ok(usize::MAX), |a| a.parse())?;
    let top: usize = args.next().map_or(Ok(30), |a| a.parse())?;
    let list_file = args.next();

    let started = Instant::now();
    let stories = dyad_eval::reuters::read_reuters_dir(&Path::new(SHARED).join("reuters21578"))?;
    let docs: Vec<Document> = stories
        .par_iter()
        .take(limit)
        .map(|s| s.story_text().document())
        .collect();
    eprintln!(
        "{} documents prepared in {:.1} s",
        docs.len(),
        started.elapsed().as_secs_f64()
    );

    let (builtin, _) = Dictionaries::builtin();
    let builtin = Coder::new(&builtin);
    let started = Instant::now();
    let report = coverage(&builtin, &docs, top.max(LIST_FILE_TOP));
    eprintln!("coverage in {:.1} s", started.elapsed().as_secs_f64());
    let mut shown = report.clone();
    for list in [
        &mut shown.uncoded_verbs,
        &mut shown.idle_dictionary_verbs,
        &mut shown.unknown_names,
        &mut shown.unknown_companies,
    ] {
        list.truncate(top);
    }
    println!("dictionaries: dyad built-in\n{shown}");

    let config = Path::new(SHARED).join("petrarch/petrarch1/config/PETR_config.ini");
    let (phoenix, _) = Dictionaries::load_petrarch_config(&config, Dialect::Petrarch1)?;
    let phoenix = Coder::new(&phoenix);
    let started = Instant::now();
    let agree = agreement(&builtin, &phoenix, &docs).labeled("built-in", "Phoenix");
    eprintln!("agreement in {:.1} s", started.elapsed().as_secs_f64());
    println!("{agree}");

    if let Some(path) = list_file {
        let mut out = format!(
            "dyad built-in dictionaries on Reuters-21578 ({} stories, {} sentences)\n\n",
            report.documents, report.sentences
        );
        for (title, list) in [
            (
                "uncoded verb candidates (word after an actor, sentences with no event)",
                &report.uncoded_verbs,
            ),
            (
                "dictionary verbs that coded nothing (sentences with an actor and no event)",
                &report.idle_dictionary_verbs,
            ),
            (
                "unknown capitalised names (no actor or agent entry)",
                &report.unknown_names,
            ),
        ] {
            out.push_str(title);
            out.push('\n');
            for (text, n) in list {
                out.push_str(&format!("{n}\t{text}\n"));
            }
            out.push('\n');
        }
        std::fs::write(&path, out)?;
    }
    Ok(())
}
