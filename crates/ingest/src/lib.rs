//! Reads raw inputs (plain text, HTML, JSONL, WARC, gzip) into records with provenance; errors name file and record.
