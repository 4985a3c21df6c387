//! Coding throughput without the cleaning stage: Reuters-21578 bodies split into sentences and coded with the
//! Phoenix dictionaries on all cores, wall-clock and per CPU-second (`dyad bench coding` measures raw text to
//! events). Run: `cargo run --release -p dyad-eval --example sentence_throughput`

use dyad_coding::Coder;
use dyad_dict::{Dialect, Dictionaries};
use dyad_sentences::SentenceSplitter;
use rayon::prelude::*;
use std::path::Path;
use std::time::Instant;

const DATA: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../../shared/data");

fn main() {
    let d = Path::new(DATA).join("petrarch/petrarch1/dictionaries");
    let t0 = Instant::now();
    let (dicts, _) = Dictionaries::load_petrarch_config(
        &d.join("../config/PETR_config.ini"),
        Dialect::Petrarch1,
    )
    .expect("Phoenix dictionaries");
    let t_load = t0.elapsed();
    let t1 = Instant::now();
    let coder = Coder::new(&dicts);
    let t_compile = t1.elapsed();
    println!(
        "compiled (actor phrases, agent phrases, verb forms, flat patterns, largest block): {:?}",
        coder.sizes()
    );

    let stories = dyad_eval::reuters::read_reuters_dir(&Path::new(DATA).join("reuters21578"))
        .expect("Reuters");
    let bodies: Vec<String> = stories.iter().filter_map(|s| s.body.clone()).collect();
    let splitter = SentenceSplitter::new();
    let sentences: Vec<&str> = bodies
        .iter()
        .flat_map(|b| splitter.split_text(b, 0).map(move |s| s.slice(b)))
        .collect();
    let bytes: usize = sentences.iter().map(|s| s.len()).sum();
    let threads = rayon::current_num_threads();

    // Coding only, sentences already split.
    let t2 = Instant::now();
    let c2 = cpu_seconds();
    let events: usize = sentences
        .par_iter()
        .map(|s| coder.code_sentence(s, Some("1987-03-01")).len())
        .sum();
    let t_code = t2.elapsed().as_secs_f64();
    let cpu_code = cpu_seconds() - c2;

    // End to end from body text: split and code.
    let t3 = Instant::now();
    let c3 = cpu_seconds();
    let events2: usize = bodies
        .par_iter()
        .map(|b| {
            splitter
                .split_text(b, 0)
                .map(|s| coder.code_sentence(s.slice(b), Some("1987-03-01")).len())
                .sum::<usize>()
        })
        .sum();
    let t_e2e = t3.elapsed().as_secs_f64();
    let cpu_e2e = cpu_seconds() - c3;
    assert_eq!(events, events2);

    println!(
        "dictionaries: load {:.2}s, compile {:.2}s",
        t_load.as_secs_f64(),
        t_compile.as_secs_f64()
    );
    println!(
        "Reuters-21578: {} bodies, {} sentences, {:.1} MB, {} events, {} threads",
        bodies.len(),
        sentences.len(),
        bytes as f64 / 1e6,
        events,
        threads
    );
    println!(
        "coding only: {:.2}s = {:.0} sentences/s ({:.2} MB/s)",
        t_code,
        sentences.len() as f64 / t_code,
        bytes as f64 / 1e6 / t_code
    );
    println!(
        "split + code: {:.2}s = {:.0} sentences/s",
        t_e2e,
        sentences.len() as f64 / t_e2e
    );
    // Wall time depends on what else the machine runs; CPU time does not.
    println!(
        "per CPU-second: coding {:.0} sentences, split + code {:.0} sentences (x{} threads if the cores are free)",
        sentences.len() as f64 / cpu_code,
        sentences.len() as f64 / cpu_e2e,
        threads
    );
}

/// User + system CPU seconds of this process so far (Linux `/proc/self/stat`, clock ticks of 1/100 s).
fn cpu_seconds() -> f64 {
    let stat = std::fs::read_to_string("/proc/self/stat").unwrap_or_default();
    let after = stat.rsplit_once(')').map(|x| x.1).unwrap_or("");
    let fields: Vec<&str> = after.split_whitespace().collect();
    let ticks = |i: usize| {
        fields
            .get(i)
            .and_then(|v| v.parse::<f64>().ok())
            .unwrap_or(0.0)
    };
    // After the command name: state is field 0, utime 11, stime 12.
    (ticks(11) + ticks(12)) / 100.0
}
