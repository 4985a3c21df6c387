//! Scores dyad against the field's suites and benchmarks: extraction F1, TABARI/PETRARCH validation, throughput.
//!
//! - [`suite`] reads validation suites (records and the dictionaries they run with);
//! - [`validation`] scores a coder closure against a suite;
//! - [`reuters`] reads the Reuters-21578 corpus for benchmarks;
//! - [`geo`] scores the geoparser (dyad-places) on LGL and GeoVirus: recognition P/R/F1, acc@161, AUC;
//! - [`dev_news`] scores the built-in dictionaries on hand-coded Reuters-21578 sentences, tuning part and set-aside part;
//! - [`extraction`] scores main-content extraction on the public sets of extraction-dev, each with its upstream metric;
//! - [`extraction_sources`] scores every extraction source alike (extraction-dev and the extraction cache), dyad
//!   and the peers' saved predictions side by side, and leave-one-source-out;
//! - [`throughput`] times a coder over a corpus on a thread pool.

pub mod coding_suites;
pub mod coverage;
pub mod dedup;
pub mod dev_news;
pub mod extraction;
pub mod extraction_sources;
pub mod geo;
mod markup;
pub mod reuters;
pub mod stress;
pub mod suite;
pub mod throughput;
pub mod validation;
