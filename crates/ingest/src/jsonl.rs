//! JSONL input: one JSON object per line carrying a text or HTML field and optional title, date, URL and id.
//!
//! Lines are read with the record size limit, so a runaway line costs at most that much memory. A bad line (not
//! JSON, not an object, no content field) fails alone; blank lines are ignored. A line that is not UTF-8 is decoded
//! from a guessed encoding with a warning naming the line ([`crate::charset::decode_plain_text`]), or fails under
//! `IngestOptions::strict_utf8`. `Provenance::record`
//! is the zero-based line index and `byte_offset` the offset of the line's first byte; errors show the one-based
//! line number, as editors do.

use crate::charset::decode_plain_text;
use crate::error::{IngestError, Location};
use crate::stream::{InputStream, LineRead};
use crate::warning::{IngestWarning, WarningKind};
use crate::{ContentKind, JsonlFields, RawRecord, RecordHints, SkipReason, Step};
use dyad_model::{InputFormat, Provenance};
use serde_json::{Map, Value};
use std::borrow::Cow;

pub(crate) struct JsonlReader {
    input: InputStream,
    path: String,
    fields: JsonlFields,
    max_record_bytes: u64,
    strict_utf8: bool,
    line_index: u64,
    line: Vec<u8>,
    done: bool,
    /// Warnings not yet taken by the caller ([`JsonlReader::take_warnings`]).
    warnings: Vec<IngestWarning>,
}

impl JsonlReader {
    pub(crate) fn new(
        input: InputStream,
        path: &str,
        fields: JsonlFields,
        max_record_bytes: u64,
        strict_utf8: bool,
    ) -> JsonlReader {
        JsonlReader {
            input,
            path: path.to_string(),
            fields,
            max_record_bytes,
            strict_utf8,
            line_index: 0,
            line: Vec::new(),
            done: false,
            warnings: Vec::new(),
        }
    }

    /// Warnings (lines decoded from a guessed encoding) since the last call.
    pub(crate) fn take_warnings(&mut self) -> Vec<IngestWarning> {
        std::mem::take(&mut self.warnings)
    }

    pub(crate) fn next_step(&mut self) -> Option<Step> {
        while !self.done {
            let offset = self.input.offset();
            let index = self.line_index;
            let location = Location::Line {
                line: index + 1,
                byte: offset,
            };
            let limit = self.max_record_bytes.min(usize::MAX as u64) as usize;
            let read = match self.input.read_line_bounded(&mut self.line, limit) {
                Ok(r) => r,
                Err(e) => {
                    self.done = true;
                    return Some(Step::Failed(crate::io_to_ingest_error(
                        &self.path, location, e,
                    )));
                }
            };
            self.line_index += 1;
            match read {
                LineRead::Eof => {
                    self.done = true;
                    return None;
                }
                LineRead::TooLong { .. } => {
                    return Some(Step::Failed(IngestError::TooLarge {
                        path: self.path.clone(),
                        location,
                        limit: self.max_record_bytes,
                    }))
                }
                LineRead::Line => {}
            }
            let mut bytes = &self.line[..];
            bytes = bytes.strip_suffix(b"\n").unwrap_or(bytes);
            bytes = bytes.strip_suffix(b"\r").unwrap_or(bytes);
            let mut skipped = 0u64;
            if index == 0 {
                if let Some(rest) = bytes.strip_prefix(b"\xEF\xBB\xBF") {
                    bytes = rest;
                    skipped = 3;
                }
            }
            if bytes.iter().all(u8::is_ascii_whitespace) {
                continue;
            }
            let text = match std::str::from_utf8(bytes) {
                Ok(t) => Cow::Borrowed(t),
                Err(e) if self.strict_utf8 => {
                    return Some(Step::Failed(IngestError::InvalidUtf8 {
                        path: self.path.clone(),
                        location,
                        bad_byte: offset + skipped + e.valid_up_to() as u64,
                    }))
                }
                Err(_) => {
                    let decoded = decode_plain_text(bytes.to_vec());
                    self.warnings.push(IngestWarning {
                        path: self.path.clone(),
                        location,
                        kind: WarningKind::not_utf8(&decoded),
                    });
                    Cow::Owned(decoded.text)
                }
            };
            return Some(match parse_line(&text, &self.fields) {
                Ok(Some((kind, content, hints))) => Step::Record(RawRecord {
                    provenance: Provenance {
                        path: self.path.clone(),
                        record: Some(index),
                        byte_offset: Some(offset),
                        url: hints.url.clone(),
                        format: Some(InputFormat::Jsonl),
                    },
                    kind,
                    content,
                    hints,
                }),
                Ok(None) => Step::Skipped(SkipReason::Empty),
                Err(message) => Step::Failed(IngestError::Json {
                    path: self.path.clone(),
                    location,
                    message,
                }),
            });
        }
        None
    }
}

/// The content kind, content and hints of one line; `None` when the content field is empty.
fn parse_line(
    text: &str,
    fields: &JsonlFields,
) -> Result<Option<(ContentKind, String, RecordHints)>, String> {
    let value: Value = serde_json::from_str(text).map_err(|e| format!("invalid JSON: {e}"))?;
    let mut object = match value {
        Value::Object(o) => o,
        other => {
            return Err(format!(
                "expected a JSON object, found {}",
                json_kind(&other)
            ))
        }
    };
    let mut found = None;
    for (names, kind) in [
        (&fields.text, ContentKind::Text),
        (&fields.html, ContentKind::Html),
    ] {
        for name in names {
            match take_field(&mut object, name) {
                None | Some(Value::Null) => continue,
                Some(Value::String(s)) => {
                    found = Some((kind, s));
                    break;
                }
                Some(other) => {
                    return Err(format!(
                        "field {name:?} is {}, expected a string",
                        json_kind(&other)
                    ))
                }
            }
        }
        if found.is_some() {
            break;
        }
    }
    let Some((kind, content)) = found else {
        return Err(missing_field_message(fields));
    };
    if content.trim().is_empty() {
        return Ok(None);
    }
    let hints = RecordHints {
        id: first_scalar(&mut object, &fields.id),
        title: first_scalar(&mut object, &fields.title),
        date: first_scalar(&mut object, &fields.date),
        url: first_scalar(&mut object, &fields.url),
    };
    Ok(Some((kind, content, hints)))
}

/// `expected a string field "text" (or "content", "body", "html", "raw_html")`.
fn missing_field_message(fields: &JsonlFields) -> String {
    let mut names = fields
        .text
        .iter()
        .chain(&fields.html)
        .map(|n| format!("{n:?}"));
    let first = names.next().unwrap_or_else(|| "\"text\"".into());
    let rest: Vec<String> = names.collect();
    if rest.is_empty() {
        format!("expected a string field {first}")
    } else {
        format!("expected a string field {first} (or {})", rest.join(", "))
    }
}

/// Removes and returns a field; a dotted name (`meta.title`) reaches into nested objects when no top-level key
/// has that exact name.
fn take_field(object: &mut Map<String, Value>, name: &str) -> Option<Value> {
    if let Some(v) = object.remove(name) {
        return Some(v);
    }
    let (head, rest) = name.split_once('.')?;
    take_field(object.get_mut(head)?.as_object_mut()?, rest)
}

/// The first of `names` present as a non-empty string or a number, as a string.
fn first_scalar(object: &mut Map<String, Value>, names: &[String]) -> Option<String> {
    names
        .iter()
        .find_map(|name| match take_field(object, name)? {
            Value::String(s) if !s.trim().is_empty() => Some(s),
            Value::Number(n) => Some(n.to_string()),
            _ => None,
        })
}

fn json_kind(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fields_in_order_and_nested() {
        let f = JsonlFields::default();
        let (kind, content, hints) = parse_line(
            r#"{"id": 7, "body": "b", "content": "c", "meta": {"title": "T"}, "published": "2020-01-02"}"#,
            &JsonlFields {
                title: vec!["meta.title".into()],
                ..f.clone()
            },
        )
        .unwrap()
        .unwrap();
        assert_eq!((kind, content.as_str()), (ContentKind::Text, "c"));
        assert_eq!(hints.id.as_deref(), Some("7"));
        assert_eq!(hints.title.as_deref(), Some("T"));
        assert_eq!(hints.date.as_deref(), Some("2020-01-02"));
        let (kind, _, _) = parse_line(r#"{"raw_html": "<p>x</p>"}"#, &f)
            .unwrap()
            .unwrap();
        assert_eq!(kind, ContentKind::Html);
        assert_eq!(parse_line(r#"{"text": "  "}"#, &f).unwrap(), None);
    }

    #[test]
    fn errors_say_what_is_wrong() {
        let f = JsonlFields::default();
        assert_eq!(
            parse_line(r#"{"title": "x"}"#, &f).unwrap_err(),
            r#"expected a string field "text" (or "content", "body", "html", "raw_html")"#
        );
        assert_eq!(
            parse_line(r#"{"text": 3}"#, &f).unwrap_err(),
            r#"field "text" is a number, expected a string"#
        );
        assert_eq!(
            parse_line("[1]", &f).unwrap_err(),
            "expected a JSON object, found an array"
        );
        assert!(parse_line("{\"text\": ", &f)
            .unwrap_err()
            .starts_with("invalid JSON"));
    }
}
