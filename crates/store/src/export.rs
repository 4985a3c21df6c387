//! Exports: the store's events in the field's formats, streamed.

use crate::query::{Filter, ReadError, Row};
use crate::Store;
use std::io::Write;

/// An export format.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExportFormat {
    /// One JSON object per line: the event record as `dyad code` writes it, with the store's fields.
    Jsonl,
}

/// Writes every event matching `filter` (merged unless `raw`) to `out` in `format`; returns the count.
pub fn export(
    store: &Store,
    filter: &Filter,
    raw: bool,
    format: ExportFormat,
    out: &mut dyn Write,
) -> Result<u64, ReadError> {
    match format {
        ExportFormat::Jsonl => store.for_each_event(filter, !raw, |row: &Row| {
            out.write_all(row.to_json().as_bytes())?;
            out.write_all(b"\n")
        }),
    }
}
