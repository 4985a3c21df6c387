//! Scores dyad against the field's suites and benchmarks: extraction F1, TABARI/PETRARCH validation, throughput.

pub mod extraction;
