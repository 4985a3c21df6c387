//! Shared test support: the Reuters-21578 reader.

pub mod reuters;
