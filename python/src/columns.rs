//! Events as Arrow columns: one row per event, the event record's fields flattened into columns of types every
//! engine reads (signed integers, UTF-8, date32, float64, boolean — Spark has no unsigned types).
//!
//! The rows are the very [`EventRecord`]s `dyad code` writes, so a table and the JSON lines of the same input
//! hold the same values; only the shape differs (nested objects become prefixed columns, quad class its number
//! 1–4 as GDELT writes it, the date a date32). This module only shapes; it never codes.

use arrow_array::builder::{
    ArrayBuilder, BooleanBuilder, Date32Builder, Float64Builder, Int32Builder, Int64Builder,
    Int8Builder, StringBuilder,
};
use arrow_array::{ArrayRef, RecordBatch};
use arrow_schema::{ArrowError, DataType, Field, Schema, SchemaRef};
use dyad_model::date::Date;
use dyad_model::{DateHow, DatePrecision, Event, LocationHow, RuleRef, Span};
use dyad_pipeline::EventRecord;
use std::collections::HashMap;
use std::sync::Arc;

/// Schema metadata key holding the record schema version the columns were shaped from.
pub const SCHEMA_VERSION_KEY: &str = "dyad.schema_version";

/// Columns in front of the event's own: which input each event came from (`code`), or where the store keeps
/// it (`read_store`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Leading {
    /// `doc_index`: the position of the input text or record the event was coded from.
    DocIndex,
    /// `event_id`, `story`, `added` of a stored event, and for merged events their counts and mentions.
    Store { merged: bool },
}

/// The event columns after the leading ones, in order, with their types.
const EVENT_FIELDS: &[(&str, DataType)] = &[
    ("doc_id", DataType::Utf8),
    ("sentence", DataType::Int32),
    ("source", DataType::Utf8),
    ("target", DataType::Utf8),
    ("cameo", DataType::Utf8),
    ("root", DataType::Utf8),
    ("base", DataType::Utf8),
    ("quad_class", DataType::Int8),
    ("goldstein", DataType::Float64),
    ("plover_type", DataType::Utf8),
    ("plover_mode", DataType::Utf8),
    ("date", DataType::Date32),
    ("date_how", DataType::Utf8),
    ("date_precision", DataType::Utf8),
    ("date_start", DataType::Int32),
    ("date_end", DataType::Int32),
    ("place", DataType::Utf8),
    ("lat", DataType::Float64),
    ("lon", DataType::Float64),
    ("country", DataType::Utf8),
    ("admin1", DataType::Utf8),
    ("feature_class", DataType::Utf8),
    ("geonameid", DataType::Int32),
    ("place_start", DataType::Int32),
    ("place_end", DataType::Int32),
    ("location_how", DataType::Utf8),
    ("claimed", DataType::Boolean),
    ("reported_by", DataType::Utf8),
    ("reported_by_start", DataType::Int32),
    ("reported_by_end", DataType::Int32),
    ("reported_by_outlet", DataType::Utf8),
    ("source_start", DataType::Int32),
    ("source_end", DataType::Int32),
    ("verb_start", DataType::Int32),
    ("verb_end", DataType::Int32),
    ("target_start", DataType::Int32),
    ("target_end", DataType::Int32),
    ("verb_rule", DataType::Utf8),
    ("verb_rule_file", DataType::Utf8),
    ("verb_rule_line", DataType::Int32),
    ("source_rule", DataType::Utf8),
    ("source_rule_file", DataType::Utf8),
    ("source_rule_line", DataType::Int32),
    ("target_rule", DataType::Utf8),
    ("target_rule_file", DataType::Utf8),
    ("target_rule_line", DataType::Int32),
    ("sentence_text", DataType::Utf8),
    ("sentence_text_truncated", DataType::Boolean),
    ("sentence_start", DataType::Int32),
    ("url", DataType::Utf8),
];

/// Columns that are never null (the rest are null where the record leaves the field out).
const NOT_NULL: &[&str] = &[
    "doc_index",
    "event_id",
    "story",
    "doc_id",
    "sentence",
    "source",
    "target",
    "cameo",
    "root",
    "base",
    "claimed",
    "sentence_text",
    "sentence_text_truncated",
    "sentence_start",
];

/// The schema of a table of events with `leading` columns in front.
pub fn schema(leading: Leading) -> SchemaRef {
    let mut fields: Vec<(&str, DataType)> = Vec::new();
    match leading {
        Leading::DocIndex => fields.push(("doc_index", DataType::Int64)),
        Leading::Store { .. } => {
            fields.push(("event_id", DataType::Int64));
            fields.push(("story", DataType::Int64));
            fields.push(("added", DataType::Utf8));
        }
    }
    fields.extend(EVENT_FIELDS.iter().cloned());
    if let Leading::Store { merged: true } = leading {
        fields.push(("num_mentions", DataType::Int64));
        fields.push(("num_sources", DataType::Int64));
        fields.push(("num_articles", DataType::Int64));
        fields.push(("mentions", DataType::Utf8));
    }
    let fields: Vec<Field> = fields
        .into_iter()
        .map(|(name, ty)| Field::new(name, ty, !NOT_NULL.contains(&name)))
        .collect();
    let metadata = HashMap::from([(
        SCHEMA_VERSION_KEY.to_string(),
        dyad_pipeline::SCHEMA_VERSION.to_string(),
    )]);
    Arc::new(Schema::new_with_metadata(fields, metadata))
}

/// The fields of one event record that live outside the [`Event`]: what [`EventRecord`] adds.
pub struct RecordParts<'a> {
    pub event: &'a Event,
    pub url: Option<&'a str>,
    pub sentence_text: &'a str,
    pub sentence_text_truncated: bool,
    pub sentence_start: u32,
}

impl<'a> RecordParts<'a> {
    /// The parts of a record as the pipeline shapes it for `dyad code`.
    pub fn of(record: &'a EventRecord<'a>) -> RecordParts<'a> {
        RecordParts {
            event: record.event,
            url: record.url,
            sentence_text: &record.sentence_text,
            sentence_text_truncated: record.sentence_text_truncated,
            sentence_start: record.sentence_start,
        }
    }
}

/// A stored event's place in the store, for [`Leading::Store`] tables.
pub struct StoredParts<'a> {
    pub event_id: i64,
    pub story: i64,
    pub added: &'a str,
    /// `num_mentions`, `num_sources`, `num_articles`, `mentions` of a merged event.
    pub merged: Option<(i64, i64, i64, &'a str)>,
}

/// Column builders for a table of events; rows are pushed one event at a time.
pub struct EventColumns {
    leading: Leading,
    doc_index: Int64Builder,
    event_id: Int64Builder,
    story: Int64Builder,
    added: StringBuilder,
    doc_id: StringBuilder,
    sentence: Int32Builder,
    source: StringBuilder,
    target: StringBuilder,
    cameo: StringBuilder,
    root: StringBuilder,
    base: StringBuilder,
    quad_class: Int8Builder,
    goldstein: Float64Builder,
    plover_type: StringBuilder,
    plover_mode: StringBuilder,
    date: Date32Builder,
    date_how: StringBuilder,
    date_precision: StringBuilder,
    date_span: SpanBuilder,
    place: StringBuilder,
    lat: Float64Builder,
    lon: Float64Builder,
    country: StringBuilder,
    admin1: StringBuilder,
    feature_class: StringBuilder,
    geonameid: Int32Builder,
    place_span: SpanBuilder,
    location_how: StringBuilder,
    claimed: BooleanBuilder,
    reported_by: StringBuilder,
    reported_by_span: SpanBuilder,
    reported_by_outlet: StringBuilder,
    source_span: SpanBuilder,
    verb_span: SpanBuilder,
    target_span: SpanBuilder,
    verb_rule: RuleBuilder,
    source_rule: RuleBuilder,
    target_rule: RuleBuilder,
    sentence_text: StringBuilder,
    sentence_text_truncated: BooleanBuilder,
    sentence_start: Int32Builder,
    url: StringBuilder,
    num_mentions: Int64Builder,
    num_sources: Int64Builder,
    num_articles: Int64Builder,
    mentions: StringBuilder,
}

/// A span as two nullable offset columns.
#[derive(Default)]
struct SpanBuilder {
    start: Int32Builder,
    end: Int32Builder,
}

impl SpanBuilder {
    fn push(&mut self, span: Option<Span>) {
        self.start.append_option(span.map(|s| offset(s.start)));
        self.end.append_option(span.map(|s| offset(s.end)));
    }

    fn finish(&mut self, out: &mut Vec<ArrayRef>) {
        out.push(Arc::new(self.start.finish()));
        out.push(Arc::new(self.end.finish()));
    }
}

/// A rule reference as three columns: the rule text, its file, its line.
#[derive(Default)]
struct RuleBuilder {
    text: StringBuilder,
    file: StringBuilder,
    line: Int32Builder,
}

impl RuleBuilder {
    fn push(&mut self, rule: Option<&RuleRef>) {
        self.text.append_option(rule.map(|r| r.text.as_str()));
        self.file.append_option(rule.map(|r| r.file.as_str()));
        self.line.append_option(rule.map(|r| offset(r.line)));
    }

    fn finish(&mut self, out: &mut Vec<ArrayRef>) {
        out.push(Arc::new(self.text.finish()));
        out.push(Arc::new(self.file.finish()));
        out.push(Arc::new(self.line.finish()));
    }
}

/// A byte offset or line number as Arrow's int32 (documents are far below 2 GiB: ingest caps records at 64 MiB).
fn offset(v: u32) -> i32 {
    i32::try_from(v).unwrap_or(i32::MAX)
}

/// The Goldstein score as the JSON record writes it: the shortest decimal of the `f32`, so 2.8 reads back as
/// 2.8 and not 2.799999952316284.
fn goldstein(g: f32) -> f64 {
    g.to_string().parse().unwrap_or(f64::from(g))
}

fn date_how(h: DateHow) -> &'static str {
    match h {
        DateHow::Sentence => "sentence",
        DateHow::Publication => "publication",
    }
}

fn date_precision(p: DatePrecision) -> &'static str {
    match p {
        DatePrecision::Day => "day",
        DatePrecision::Week => "week",
        DatePrecision::Month => "month",
        DatePrecision::Year => "year",
    }
}

fn location_how(h: LocationHow) -> &'static str {
    match h {
        LocationHow::Sentence => "sentence",
        LocationHow::PreviousSentence => "previous_sentence",
        LocationHow::Dateline => "dateline",
    }
}

/// Days since 1970-01-01 of an ISO date (`YYYY-MM-DD`, as every event date is written).
fn days(iso: &str) -> Option<i32> {
    Date::parse_iso(iso).and_then(|d| i32::try_from(d.to_days()).ok())
}

impl EventColumns {
    pub fn new(leading: Leading) -> EventColumns {
        EventColumns {
            leading,
            doc_index: Int64Builder::new(),
            event_id: Int64Builder::new(),
            story: Int64Builder::new(),
            added: StringBuilder::new(),
            doc_id: StringBuilder::new(),
            sentence: Int32Builder::new(),
            source: StringBuilder::new(),
            target: StringBuilder::new(),
            cameo: StringBuilder::new(),
            root: StringBuilder::new(),
            base: StringBuilder::new(),
            quad_class: Int8Builder::new(),
            goldstein: Float64Builder::new(),
            plover_type: StringBuilder::new(),
            plover_mode: StringBuilder::new(),
            date: Date32Builder::new(),
            date_how: StringBuilder::new(),
            date_precision: StringBuilder::new(),
            date_span: SpanBuilder::default(),
            place: StringBuilder::new(),
            lat: Float64Builder::new(),
            lon: Float64Builder::new(),
            country: StringBuilder::new(),
            admin1: StringBuilder::new(),
            feature_class: StringBuilder::new(),
            geonameid: Int32Builder::new(),
            place_span: SpanBuilder::default(),
            location_how: StringBuilder::new(),
            claimed: BooleanBuilder::new(),
            reported_by: StringBuilder::new(),
            reported_by_span: SpanBuilder::default(),
            reported_by_outlet: StringBuilder::new(),
            source_span: SpanBuilder::default(),
            verb_span: SpanBuilder::default(),
            target_span: SpanBuilder::default(),
            verb_rule: RuleBuilder::default(),
            source_rule: RuleBuilder::default(),
            target_rule: RuleBuilder::default(),
            sentence_text: StringBuilder::new(),
            sentence_text_truncated: BooleanBuilder::new(),
            sentence_start: Int32Builder::new(),
            url: StringBuilder::new(),
            num_mentions: Int64Builder::new(),
            num_sources: Int64Builder::new(),
            num_articles: Int64Builder::new(),
            mentions: StringBuilder::new(),
        }
    }

    /// Rows pushed so far.
    pub fn len(&self) -> usize {
        self.sentence.len()
    }

    /// One event of input `doc_index` (tables with [`Leading::DocIndex`]).
    pub fn push_coded(&mut self, doc_index: i64, record: &RecordParts<'_>) {
        self.doc_index.append_value(doc_index);
        self.push_event(record);
    }

    /// One stored event (tables with [`Leading::Store`]).
    pub fn push_stored(&mut self, stored: &StoredParts<'_>, record: &RecordParts<'_>) {
        self.event_id.append_value(stored.event_id);
        self.story.append_value(stored.story);
        self.added.append_value(stored.added);
        if let Some((mentions, sources, articles, list)) = stored.merged {
            self.num_mentions.append_value(mentions);
            self.num_sources.append_value(sources);
            self.num_articles.append_value(articles);
            self.mentions.append_value(list);
        }
        self.push_event(record);
    }

    fn push_event(&mut self, r: &RecordParts<'_>) {
        let e = r.event;
        self.doc_id.append_value(&e.doc_id);
        self.sentence.append_value(offset(e.sentence));
        self.source.append_value(&e.source);
        self.target.append_value(&e.target);
        self.cameo.append_value(&e.cameo);
        self.root.append_value(&e.root);
        self.base.append_value(&e.base);
        self.quad_class
            .append_option(e.quad_class.map(|q| q.number() as i8));
        self.goldstein.append_option(e.goldstein.map(goldstein));
        self.plover_type
            .append_option(e.plover.as_ref().map(|p| p.event_type.as_str()));
        self.plover_mode
            .append_option(e.plover.as_ref().and_then(|p| p.mode.as_deref()));
        self.date.append_option(e.date.as_deref().and_then(days));
        self.date_how.append_option(e.date_how.map(date_how));
        self.date_precision
            .append_option(e.date_precision.map(date_precision));
        self.date_span.push(e.date_span);
        let place = e.location.as_ref();
        self.place.append_option(place.map(|p| p.name.as_str()));
        self.lat.append_option(place.map(|p| p.lat));
        self.lon.append_option(place.map(|p| p.lon));
        self.country
            .append_option(place.map(|p| p.country.as_str()));
        self.admin1
            .append_option(place.and_then(|p| p.admin1.as_deref()));
        self.feature_class
            .append_option(place.map(|p| p.feature_class.as_str()));
        self.geonameid
            .append_option(place.map(|p| offset(p.geonameid)));
        self.place_span.push(place.and_then(|p| p.span));
        self.location_how
            .append_option(place.and_then(|p| p.how).map(location_how));
        self.claimed.append_value(e.claimed);
        let reported = e.reported_by.as_ref();
        self.reported_by
            .append_option(reported.map(|r| r.actor.as_str()));
        self.reported_by_span.push(reported.map(|r| r.span));
        self.reported_by_outlet
            .append_option(reported.and_then(|r| r.outlet.as_deref()));
        let ev = &e.evidence;
        self.source_span.push(ev.source);
        self.verb_span.push(ev.verb);
        self.target_span.push(ev.target);
        self.verb_rule.push(ev.verb_rule.as_ref());
        self.source_rule.push(ev.source_rule.as_ref());
        self.target_rule.push(ev.target_rule.as_ref());
        self.sentence_text.append_value(r.sentence_text);
        self.sentence_text_truncated
            .append_value(r.sentence_text_truncated);
        self.sentence_start.append_value(offset(r.sentence_start));
        self.url.append_option(r.url);
    }

    /// The rows pushed so far as one record batch; the builders start empty again.
    pub fn finish(&mut self) -> Result<RecordBatch, ArrowError> {
        let mut out: Vec<ArrayRef> = Vec::with_capacity(64);
        match self.leading {
            Leading::DocIndex => out.push(Arc::new(self.doc_index.finish())),
            Leading::Store { .. } => {
                out.push(Arc::new(self.event_id.finish()));
                out.push(Arc::new(self.story.finish()));
                out.push(Arc::new(self.added.finish()));
            }
        }
        out.push(Arc::new(self.doc_id.finish()));
        out.push(Arc::new(self.sentence.finish()));
        out.push(Arc::new(self.source.finish()));
        out.push(Arc::new(self.target.finish()));
        out.push(Arc::new(self.cameo.finish()));
        out.push(Arc::new(self.root.finish()));
        out.push(Arc::new(self.base.finish()));
        out.push(Arc::new(self.quad_class.finish()));
        out.push(Arc::new(self.goldstein.finish()));
        out.push(Arc::new(self.plover_type.finish()));
        out.push(Arc::new(self.plover_mode.finish()));
        out.push(Arc::new(self.date.finish()));
        out.push(Arc::new(self.date_how.finish()));
        out.push(Arc::new(self.date_precision.finish()));
        self.date_span.finish(&mut out);
        out.push(Arc::new(self.place.finish()));
        out.push(Arc::new(self.lat.finish()));
        out.push(Arc::new(self.lon.finish()));
        out.push(Arc::new(self.country.finish()));
        out.push(Arc::new(self.admin1.finish()));
        out.push(Arc::new(self.feature_class.finish()));
        out.push(Arc::new(self.geonameid.finish()));
        self.place_span.finish(&mut out);
        out.push(Arc::new(self.location_how.finish()));
        out.push(Arc::new(self.claimed.finish()));
        out.push(Arc::new(self.reported_by.finish()));
        self.reported_by_span.finish(&mut out);
        out.push(Arc::new(self.reported_by_outlet.finish()));
        self.source_span.finish(&mut out);
        self.verb_span.finish(&mut out);
        self.target_span.finish(&mut out);
        self.verb_rule.finish(&mut out);
        self.source_rule.finish(&mut out);
        self.target_rule.finish(&mut out);
        out.push(Arc::new(self.sentence_text.finish()));
        out.push(Arc::new(self.sentence_text_truncated.finish()));
        out.push(Arc::new(self.sentence_start.finish()));
        out.push(Arc::new(self.url.finish()));
        if let Leading::Store { merged: true } = self.leading {
            out.push(Arc::new(self.num_mentions.finish()));
            out.push(Arc::new(self.num_sources.finish()));
            out.push(Arc::new(self.num_articles.finish()));
            out.push(Arc::new(self.mentions.finish()));
        }
        RecordBatch::try_new(schema(self.leading), out)
    }
}

/// Raw records (uncoded articles) as columns: provenance, the container's hints, and the content, so that a data
/// frame of articles can be coded later with the same hints (`ids`, `titles`, `dates`, `urls`). `id` is the
/// document id `dyad code` gives the record (the container's, else one from its path and record number).
pub struct RecordColumns {
    path: StringBuilder,
    record: Int64Builder,
    id: StringBuilder,
    title: StringBuilder,
    date: StringBuilder,
    url: StringBuilder,
    format: StringBuilder,
    text: StringBuilder,
}

impl Default for RecordColumns {
    fn default() -> Self {
        RecordColumns {
            path: StringBuilder::new(),
            record: Int64Builder::new(),
            id: StringBuilder::new(),
            title: StringBuilder::new(),
            date: StringBuilder::new(),
            url: StringBuilder::new(),
            format: StringBuilder::new(),
            text: StringBuilder::new(),
        }
    }
}

impl RecordColumns {
    pub fn schema() -> SchemaRef {
        let utf8 = |name: &str, nullable: bool| Field::new(name, DataType::Utf8, nullable);
        Arc::new(Schema::new(vec![
            utf8("path", false),
            Field::new("record", DataType::Int64, true),
            utf8("id", false),
            utf8("title", true),
            utf8("date", true),
            utf8("url", true),
            utf8("format", true),
            utf8("text", false),
        ]))
    }

    pub fn len(&self) -> usize {
        self.path.len()
    }

    pub fn push(&mut self, r: &dyad_ingest::RawRecord) {
        let p = &r.provenance;
        self.path.append_value(&p.path);
        self.record
            .append_option(p.record.map(|n| i64::try_from(n).unwrap_or(i64::MAX)));
        // The id `dyad code` gives the document: the container's, else one from provenance.
        let id = match r.hints.id.as_deref().filter(|id| !id.is_empty()) {
            Some(id) => id.to_string(),
            None => dyad_clean::document_id(p),
        };
        self.id.append_value(id);
        self.title.append_option(r.hints.title.as_deref());
        self.date.append_option(r.hints.date.as_deref());
        self.url
            .append_option(p.url.as_deref().or(r.hints.url.as_deref()));
        self.format.append_option(p.format.map(format_name));
        self.text.append_value(&r.content);
    }

    pub fn finish(&mut self) -> Result<RecordBatch, ArrowError> {
        let columns: Vec<ArrayRef> = vec![
            Arc::new(self.path.finish()),
            Arc::new(self.record.finish()),
            Arc::new(self.id.finish()),
            Arc::new(self.title.finish()),
            Arc::new(self.date.finish()),
            Arc::new(self.url.finish()),
            Arc::new(self.format.finish()),
            Arc::new(self.text.finish()),
        ];
        RecordBatch::try_new(Self::schema(), columns)
    }
}

/// The container format a record was read from, as `--format` names it.
fn format_name(format: dyad_model::InputFormat) -> &'static str {
    use dyad_model::InputFormat as F;
    match format {
        F::Text => "text",
        F::Html => "html",
        F::Jsonl => "jsonl",
        F::Warc => "warc",
        F::Reuters => "reuters",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn goldstein_reads_as_the_json_writes_it() {
        assert_eq!(goldstein(2.8), 2.8);
        assert_eq!(goldstein(-10.0), -10.0);
    }

    #[test]
    fn an_empty_batch_has_the_schema() {
        for leading in [
            Leading::DocIndex,
            Leading::Store { merged: false },
            Leading::Store { merged: true },
        ] {
            let batch = EventColumns::new(leading).finish().unwrap();
            assert_eq!(batch.num_rows(), 0);
            assert_eq!(batch.schema(), schema(leading));
        }
    }
}
