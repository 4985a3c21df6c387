//! Load-time benchmark of the full Phoenix set (actors, agents, CAMEO verb patterns, discards, issues) as
//! PETR_config.ini names it. Prints figures; asserts nothing about time.
//!
//! `cargo test --release -p dyad-dict --test load_time -- --nocapture`

use dyad_dict::*;
use std::time::Instant;

const DATA: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../../../shared/data/petrarch/"
);
const CONFIG: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../../../shared/data/petrarch/petrarch1/config/PETR_config.ini"
);

#[test]
fn phoenix_load_time() {
    const RUNS: u32 = 5;
    let mut best = f64::MAX;
    let mut last = None;
    for _ in 0..RUNS {
        let start = Instant::now();
        let loaded =
            Dictionaries::load_petrarch_config(std::path::Path::new(CONFIG), Dialect::Petrarch1);
        best = best.min(start.elapsed().as_secs_f64());
        last = Some(loaded.expect("config loads"));
    }
    let Some((d, report)) = last else { return };
    let patterns: usize = d.verbs.blocks.iter().map(|b| b.patterns.len()).sum();
    println!(
        "phoenix set: {} actor entries, {} agent entries, {} verb blocks, {} patterns, {} discards, {} issues, {} warnings; best of {RUNS}: {:.3} s",
        d.actors.entries.len(),
        d.agents.entries.len(),
        d.verbs.blocks.len(),
        patterns,
        d.discards.entries.len(),
        d.issues.entries.len(),
        report.warnings.len(),
        best
    );
    assert!(patterns > 0 && !d.actors.entries.is_empty());
}

/// The TABARI CAMEO verb dictionary (15,582 pattern lines) with the demo actors and agents.
#[test]
fn tabari_load_time() {
    const RUNS: u32 = 5;
    let files = [
        DictFile::new(
            DictKind::Actors(Dialect::Tabari),
            format!("{DATA}tabari/TABARI.Demo.actors"),
        ),
        DictFile::new(
            DictKind::Agents(Dialect::Tabari),
            format!("{DATA}tabari/Validate.agents"),
        ),
        DictFile::new(
            DictKind::Verbs(Dialect::Tabari),
            format!("{DATA}tabari/CAMEO.091003.master.verbs"),
        ),
    ];
    let mut best = f64::MAX;
    let mut patterns = 0;
    for _ in 0..RUNS {
        let start = Instant::now();
        let (d, _) = Dictionaries::load(&files).expect("files load");
        best = best.min(start.elapsed().as_secs_f64());
        patterns = d.verbs.blocks.iter().map(|b| b.patterns.len()).sum();
    }
    println!("tabari CAMEO.091003.master.verbs + demo actors/agents: {patterns} patterns; best of {RUNS}: {best:.3} s");
    assert!(patterns > 0);
}
