//! Tags each line of standard input (words separated by spaces) and prints `word/TAG` pairs.
//!
//! `echo "The talks collapsed ." | cargo run -p dyad-pos --example tag`

use std::io::BufRead;

fn main() {
    let mut buf = dyad_pos::TagBuffer::default();
    for line in std::io::stdin().lock().lines().map_while(Result::ok) {
        let words: Vec<&str> = line.split_whitespace().collect();
        let tags = dyad_pos::tagger().tag(&words, &mut buf);
        let out: Vec<String> = words
            .iter()
            .zip(tags)
            .map(|(w, t)| format!("{w}/{t}"))
            .collect();
        println!("{}", out.join(" "));
    }
}
