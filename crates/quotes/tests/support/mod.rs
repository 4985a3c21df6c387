//! Shared readers for the integration tests and examples.
pub mod reuters;
