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
                precision_name(m.precision),
                m.kind
            );
        }
    }
}

/// The precision as the records write it.
fn precision_name(p: dyad_dates::DatePrecision) -> &'static str {
    match p {
        dyad_dates::DatePrecision::Day => "day",
        dyad_dates::DatePrecision::Week => "week",
        dyad_dates::DatePrecision::Month => "month",
        dyad_dates::DatePrecision::Year => "year",
    }
}
