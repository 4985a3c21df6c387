//! Prints the date mentions of each line of standard input: `cargo run -p dyad-dates --example dates_of --
//! 2018-05-31 < sentences.txt` (the argument is the publication date; leave it out for none).

use std::io::BufRead;

use dyad_model::date::Date;

fn main() {
    let publication = std::env::args().nth(1).and_then(|a| Date::parse_iso(&a));
    for line in std::io::stdin().lock().lines().map_while(Result::ok) {
        println!("{line}");
        for m in dyad_dates::resolve_sentence(&line, publication) {
            println!(
                "  {:?} -> {} {} {:?}",
                m.span.slice(&line),
                m.date,
                m.precision.as_str(),
                m.kind
            );
        }
    }
}
