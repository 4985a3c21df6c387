//! Shared readers for the integration tests.
pub mod reuters;
