//! Prints the Document `from_text` builds for a plain-text file: `cargo run -p dyad-clean --example clean_file --
//! PATH`. For eyeballing the cleaner on new inputs.

use dyad_ingest::RecordHints;
use dyad_model::Provenance;

fn main() {
    let Some(path) = std::env::args().nth(1) else {
        eprintln!("usage: clean_file PATH");
        std::process::exit(2);
    };
    let raw = match std::fs::read_to_string(&path) {
        Ok(raw) => raw,
        Err(e) => {
            eprintln!("{path}: {e}");
            std::process::exit(1);
        }
    };
    let provenance = Provenance {
        path: path.clone(),
        ..Provenance::default()
    };
    let doc = dyad_clean::from_text(&raw, provenance, &RecordHints::default());
    println!("id: {}", doc.id);
    println!("title: {:?}", doc.title_text());
    for (n, p) in doc.paragraphs.iter().enumerate() {
        println!("[{n}] {}", doc.slice(*p));
    }
    println!("metadata: {:#?}", doc.metadata);
    println!("source map segments: {}", doc.source_map.segments().len());
}
