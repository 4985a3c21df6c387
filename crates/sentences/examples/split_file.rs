//! Prints one sentence per line for a text file, paragraphs separated by blank lines in the input:
//! `cargo run -p dyad-sentences --example split_file -- PATH`. For reviewing the splitter on new text.

use dyad_sentences::SentenceSplitter;

fn main() {
    let Some(path) = std::env::args().nth(1) else {
        eprintln!("usage: split_file PATH");
        std::process::exit(2);
    };
    let text = match std::fs::read_to_string(&path) {
        Ok(text) => text,
        Err(e) => {
            eprintln!("{path}: {e}");
            std::process::exit(1);
        }
    };
    let splitter = SentenceSplitter::new();
    for paragraph in text.split("\n\n") {
        for span in splitter.split_text(paragraph, 0) {
            let sentence: Vec<&str> = span.slice(paragraph).split_whitespace().collect();
            println!("{}", sentence.join(" "));
        }
    }
}
