//! Prints the attributions of a plain-text article: `cargo run -p dyad-quotes --example quotes_file -- FILE`.

use dyad_ingest::RecordHints;
use dyad_model::Provenance;

fn main() {
    let Some(path) = std::env::args().nth(1) else {
        eprintln!("usage: quotes_file FILE");
        std::process::exit(2);
    };
    let raw = match std::fs::read_to_string(&path) {
        Ok(raw) => raw,
        Err(e) => {
            eprintln!("{path}: {e}");
            std::process::exit(1);
        }
    };
    let mut doc = dyad_clean::from_text(&raw, Provenance::default(), &RecordHints::default());
    dyad_sentences::split(&mut doc);
    for a in dyad_quotes::attributions(&doc) {
        println!(
            "[{}] {:?} speaker={:?} ({:?}{}) cue={:?} outlet={:?}{}\n    content={:?}",
            a.sentence,
            a.kind,
            doc.slice(a.speaker),
            a.speaker_kind,
            a.antecedent
                .map(|s| format!(" → {}", doc.slice(s)))
                .unwrap_or_default(),
            doc.slice(a.cue),
            a.outlet.map(|o| doc.slice(o)),
            if a.carried_over { " carried" } else { "" },
            doc.slice(a.content)
        );
    }
}
