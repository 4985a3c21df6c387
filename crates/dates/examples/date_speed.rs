//! Measures the date stage on Reuters-21578 sentences: `cargo run --release -p dyad-dates --example date_speed`.
//! Splits every story into sentences first (not timed), then times `resolve_sentence` over all of them on one
//! thread, and prints sentences per second, nanoseconds per sentence and the share of sentences with an anchor.

#[path = "../tests/support/reuters.rs"]
mod reuters;

use std::time::Instant;

use dyad_dates::resolve_sentence;
use dyad_sentences::SentenceSplitter;

/// Passes over the corpus, so the measurement is long enough to be stable.
const ROUNDS: usize = 5;

/// Nanoseconds this thread has run on a CPU (Linux `/proc/thread-self/schedstat`), if readable.
fn thread_cpu_ns() -> Option<u64> {
    let stat = std::fs::read_to_string("/proc/thread-self/schedstat").ok()?;
    stat.split_whitespace().next()?.parse().ok()
}

fn main() {
    let stories = reuters::stories(22);
    let splitter = SentenceSplitter::new();
    let sentences: Vec<(&str, Option<dyad_model::date::Date>)> = stories
        .iter()
        .flat_map(|s| {
            splitter
                .split_text(&s.body, 0)
                .map(move |span| (&s.body[span.range()], s.published))
        })
        .collect();
    let bytes: usize = sentences.iter().map(|(s, _)| s.len()).sum();
    // Warm up (builds the automaton).
    let mut mentions = 0usize;
    let mut with_date = 0usize;
    for (s, p) in &sentences {
        let found = resolve_sentence(s, *p);
        mentions += found.len();
        with_date += usize::from(!found.is_empty());
    }
    let started = Instant::now();
    let cpu_started = thread_cpu_ns();
    let mut check = 0usize;
    for _ in 0..ROUNDS {
        for (s, p) in &sentences {
            check += resolve_sentence(std::hint::black_box(s), *p).len();
        }
    }
    let wall = started.elapsed().as_secs_f64() / ROUNDS as f64;
    // On a busy machine the thread's CPU time is the fairer measure; wall time when it cannot be read.
    let secs = match (cpu_started, thread_cpu_ns()) {
        (Some(a), Some(b)) if b > a => (b - a) as f64 / 1e9 / ROUNDS as f64,
        _ => wall,
    };
    println!(
        "wall {:.1} ms per pass, CPU {:.1} ms per pass",
        wall * 1e3,
        secs * 1e3
    );
    assert_eq!(check, mentions * ROUNDS);
    println!(
        "{} sentences, {bytes} bytes, {with_date} with a date, {mentions} mentions; {:.1} ms CPU per pass (1 thread)",
        sentences.len(),
        secs * 1e3
    );
    println!(
        "{:.2} M sentences/s, {:.0} ns per sentence, {:.0} MB/s",
        sentences.len() as f64 / secs / 1e6,
        secs * 1e9 / sentences.len() as f64,
        bytes as f64 / secs / 1e6
    );
}
