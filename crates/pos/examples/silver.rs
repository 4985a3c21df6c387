//! Token accuracy of the tagger against the parse tags carried by the PETRARCH validation records (a silver
//! standard: CoreNLP's and UDPipe-style tagger output, not hand-checked).
//!
//! `DYAD_SHARED_DATA=/work/shared/data cargo run --release -p dyad-pos --example silver [-- --pattern --confusions]`
//! `--pattern` scores Pattern's tagger without dyad's closed-class checks; `--confusions` also lists the 25 most frequent (reference → tagged) disagreements.

use dyad_pos::treebank::{score_file, Score, SILVER_FILES};
use std::collections::HashMap;
use std::path::PathBuf;

fn main() {
    let shared = PathBuf::from(
        std::env::var("DYAD_SHARED_DATA").unwrap_or_else(|_| "../shared/data".into()),
    );
    let confusions = std::env::args().any(|a| a == "--confusions");
    // `--pattern`: Pattern's tagger as it is, without the closed-class checks.
    let tagger = if std::env::args().any(|a| a == "--pattern") {
        dyad_pos::pattern_tagger()
    } else {
        dyad_pos::tagger()
    };
    let mut total = Score::default();
    let mut wrong: HashMap<(String, String), usize> = HashMap::new();
    for (label, rel) in SILVER_FILES {
        let path = shared.join(rel);
        let Ok(xml) = std::fs::read_to_string(&path) else {
            eprintln!("{}: not readable, skipped", path.display());
            continue;
        };
        let s = score_file(tagger, &xml, |_, gold, got| {
            if dyad_pos::Tag::parse(gold) != Some(got) {
                *wrong
                    .entry((gold.to_string(), got.to_string()))
                    .or_default() += 1;
            }
        });
        println!(
            "{label:32} {:4} sentences {:6} tokens  all {:5.1}%  words {:5.1}%",
            s.sentences,
            s.tokens,
            100.0 * s.accuracy(),
            100.0 * s.word_accuracy()
        );
        total.add(s);
    }
    println!(
        "{:32} {:4} sentences {:6} tokens  all {:5.1}%  words {:5.1}%",
        "total",
        total.sentences,
        total.tokens,
        100.0 * total.accuracy(),
        100.0 * total.word_accuracy()
    );
    if confusions {
        let mut v: Vec<_> = wrong.into_iter().collect();
        v.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
        for ((gold, got), n) in v.into_iter().take(25) {
            println!("{n:5}  {gold:>6} -> {got}");
        }
    }
}
