//! The one path from a raw record to coded output, which every front-end calls.
//!
//! `dyad-pipeline` joins the stages — ingest's [`RawRecord`] → `dyad-clean` (a [`Document`], text stored once)
//! → `dyad-sentences` (sentence spans) → `dyad-coding` (events with evidence) — and owns what every consumer of
//! that path needs: dictionary selection ([`DictionarySelection`]), the published record shapes and their JSON
//! Schema ([`records`]), the explanation of how each event came about ([`Pipeline::explain`]), and the ordered
//! parallel runner ([`run_ordered`]). The CLI, the eval crate, the fuzz targets and the edge crates to come (store,
//! server, Python wheel) call this crate and never re-join stages, so `dyad code`, `dyad code --explain`, the API
//! and Python cannot disagree.
//!
//! A coded document is one value: the [`Document`] with its `events`.
//!
//! ```
//! use dyad_pipeline::Pipeline;
//! let pipeline = Pipeline::builtin().unwrap();
//! let doc = pipeline.process_text("Russia warned Iran on Tuesday. It also accused Israel of spying.");
//! for event in &doc.events {
//!     println!("{} {} {} — {}", event.source, event.cameo, event.target, doc.slice(event.evidence.verb.unwrap()));
//! }
//! ```
//!
//! This crate never prints and never panics on input.

mod context;
mod dictionaries;
pub mod geoparse;
pub mod records;
mod runner;

pub use context::{Considered, PlaceChoice, RUNNERS_UP};
pub use dictionaries::{DictionarySelection, SelectionError};
pub use records::{DocumentRecord, EventRecord, RecordSettings, SCHEMA_VERSION};
pub use runner::{run_ordered, RunObserver, BATCH_RECORDS};

use dyad_coding::Coder;
use dyad_dict::LoadReport;
use dyad_ingest::{RawRecord, RecordHints};
use dyad_model::date::Date;
use dyad_model::{Document, Limit, Provenance};
use std::fmt::Write as _;
use std::io::{self, Write};

/// Cleans one record and splits its sentences: the document before coding.
pub fn document_of(record: RawRecord) -> Document {
    let mut doc = dyad_clean::from_record(record);
    dyad_sentences::split(&mut doc);
    doc
}

/// Cleans plain text (an optional headline, then paragraphs) and splits its sentences.
pub fn document_from_text(text: &str, provenance: Provenance, hints: &RecordHints) -> Document {
    let mut doc = dyad_clean::from_text(text, provenance, hints);
    dyad_sentences::split(&mut doc);
    doc
}

/// Sentences longer than this many bytes are run-ons: real news never comes near it (the longest of the
/// 143,784 Reuters-21578 body sentences is 681 bytes), so such a "sentence" is text that lost its punctuation,
/// a table or a list, cut by the splitter's byte cap.
pub const RUN_ON_SENTENCE_BYTES: usize = 1_000;

/// Events kept from one run-on sentence: its first, as a coder in TABARI's code-by-sentence mode would. Coding
/// every clause of word salad gives an event per ~200 bytes, each record several times the size of its text, so
/// without this cap the output of such input grows to many times its size.
pub const MAX_RUN_ON_EVENTS: usize = 1;

/// A document coded with a trace of how: `traces[i]` tells how sentence `i` was read and why it gave the events
/// it gave, or none.
#[derive(Debug, Clone)]
pub struct Explained {
    pub document: Document,
    pub traces: Vec<String>,
}

/// The stages joined: cleaning, sentence splitting and (with a coder) event coding, plus record shaping.
/// Immutable and `Sync`: build once, share across threads.
#[derive(Debug, Clone)]
pub struct Pipeline {
    coder: Option<Coder>,
    records: RecordSettings,
    /// Publication date for documents whose input gives none (`--date`).
    default_date: Option<Date>,
    /// Documents whose HTML extraction is less sure than this that it found one article are not coded
    /// (`--min-confidence`): listing and hub pages give events from unrelated teasers.
    min_confidence: Option<f64>,
}

impl Pipeline {
    /// Cleaning and sentence splitting only (what `dyad extract` runs).
    pub fn extraction() -> Pipeline {
        Pipeline {
            coder: None,
            records: RecordSettings::default(),
            default_date: None,
            min_confidence: None,
        }
    }

    /// Every stage, coding with `coder`.
    pub fn with_coder(coder: Coder) -> Pipeline {
        Pipeline {
            coder: Some(coder),
            records: RecordSettings::default(),
            default_date: None,
            min_confidence: None,
        }
    }

    /// Every stage, coding with dyad's own dictionaries.
    pub fn builtin() -> Result<Pipeline, SelectionError> {
        Ok(Pipeline::from_selection(&DictionarySelection::default())?.0)
    }

    /// Every stage, coding with the selected dictionaries; the report lists bad dictionary lines (file:line).
    pub fn from_selection(
        selection: &DictionarySelection,
    ) -> Result<(Pipeline, LoadReport), SelectionError> {
        let (dicts, report) = selection.load()?;
        Ok((Pipeline::with_coder(Coder::new(&dicts)), report))
    }

    /// The same pipeline with other record settings.
    pub fn with_record_settings(mut self, records: RecordSettings) -> Pipeline {
        self.records = records;
        self
    }

    /// The same pipeline, taking `date` as the publication date of documents whose input names none (it
    /// resolves "on Tuesday" and selects date-restricted actor codes).
    pub fn with_default_date(mut self, date: Date) -> Pipeline {
        self.default_date = Some(date);
        self
    }

    /// The same pipeline, leaving uncoded the documents whose extraction confidence
    /// (`metadata.extraction.confidence`, HTML input only) is under `min`; each such document notes
    /// [`Limit::LowConfidence`]. Plain text has no extraction confidence and is always coded.
    pub fn with_min_confidence(mut self, min: f64) -> Pipeline {
        self.min_confidence = Some(min);
        self
    }

    /// Whether `doc` is left uncoded for its extraction confidence (see [`Pipeline::with_min_confidence`]).
    pub fn below_min_confidence(&self, doc: &Document) -> bool {
        match (self.min_confidence, &doc.metadata.extraction) {
            (Some(min), Some(q)) => q.confidence < min,
            _ => false,
        }
    }

    pub fn record_settings(&self) -> &RecordSettings {
        &self.records
    }

    /// The coder, when this pipeline codes.
    pub fn coder(&self) -> Option<&Coder> {
        self.coder.as_ref()
    }

    /// A record through every stage: the document with its events.
    pub fn process(&self, record: RawRecord) -> Document {
        let mut doc = self.prepare(record);
        self.code(&mut doc);
        doc
    }

    /// Plain text through every stage, with empty provenance.
    pub fn process_text(&self, text: &str) -> Document {
        let mut doc = document_from_text(text, Provenance::default(), &RecordHints::default());
        self.date_if_none(&mut doc);
        self.code(&mut doc);
        doc
    }

    /// Cleaning and sentence splitting, with the default publication date where the input gives none.
    pub fn prepare(&self, record: RawRecord) -> Document {
        let mut doc = document_of(record);
        self.date_if_none(&mut doc);
        doc
    }

    fn date_if_none(&self, doc: &mut Document) {
        if doc.metadata.date.is_none() {
            doc.metadata.date = self.default_date.map(|d| d.to_iso());
        }
    }

    /// Codes an already split document (e.g. one read back from a store), replacing its events.
    pub fn code(&self, doc: &mut Document) {
        if self.below_min_confidence(doc) {
            doc.events.clear();
            doc.limits.note(Limit::LowConfidence);
            return;
        }
        match &self.coder {
            Some(coder) => coder.code_into(doc),
            None => doc.events.clear(),
        }
        self.bound_events(doc);
        self.place_date_attribute(doc);
    }

    /// The stages after coding: where and when each event happened, and according to whom. Returns the
    /// resolved place mentions (for `explain`).
    fn place_date_attribute(&self, doc: &mut Document) -> Vec<dyad_places::Resolved> {
        let places = context::attach_places(doc);
        context::attach_dates(doc);
        if let Some(coder) = &self.coder {
            context::attach_attribution(doc, coder);
        }
        places
    }

    /// Keeps at most [`MAX_RUN_ON_EVENTS`] of each run-on sentence and notes the limits the document's events hit.
    fn bound_events(&self, doc: &mut Document) {
        let long = |doc: &Document, sentence: u32, bytes: usize| {
            doc.sentences
                .get(sentence as usize)
                .is_some_and(|s| s.span.len() > bytes)
        };
        let mut kept_in_sentence = (u32::MAX, 0usize);
        let mut dropped = 0u32;
        let events = std::mem::take(&mut doc.events);
        let mut kept = Vec::with_capacity(events.len());
        for e in events {
            if long(doc, e.sentence, RUN_ON_SENTENCE_BYTES) {
                if kept_in_sentence.0 != e.sentence {
                    kept_in_sentence = (e.sentence, 0);
                }
                if kept_in_sentence.1 >= MAX_RUN_ON_EVENTS {
                    dropped += 1;
                    continue;
                }
                kept_in_sentence.1 += 1;
            }
            kept.push(e);
        }
        doc.events = kept;
        doc.limits.note_times(Limit::RunOnEvents, dropped);
        let max_text = self.records.max_sentence_text_bytes;
        let windows = doc
            .events
            .iter()
            .filter(|e| long(doc, e.sentence, max_text))
            .count();
        doc.limits
            .note_times(Limit::SentenceText, windows.min(u32::MAX as usize) as u32);
    }

    /// A record through every stage, with the trace of how each sentence was coded. The events are the very ones
    /// [`Pipeline::process`] gives (the same coding path and story context).
    pub fn explain(&self, record: RawRecord) -> Explained {
        let mut document = self.prepare(record);
        if self.below_min_confidence(&document) {
            let confidence = document
                .metadata
                .extraction
                .as_ref()
                .map_or(1.0, |q| q.confidence);
            let mut traces = vec![String::new(); document.sentences.len()];
            if let Some(first) = traces.first_mut() {
                *first = format!(
                    "not coded: extraction confidence {confidence:.2} is under --min-confidence {:.2}",
                    self.min_confidence.unwrap_or_default()
                );
            }
            self.code(&mut document);
            return Explained { document, traces };
        }
        let traces = match &self.coder {
            Some(coder) => {
                let mut traces = coder.explain_into(&mut document);
                // Events per sentence before and after the run-on bound, counted in one pass each.
                let per_sentence = |doc: &Document| {
                    let mut n = vec![0usize; doc.sentences.len()];
                    for e in &doc.events {
                        if let Some(c) = n.get_mut(e.sentence as usize) {
                            *c += 1;
                        }
                    }
                    n
                };
                let before = per_sentence(&document);
                self.bound_events(&mut document);
                let mut places = self.place_date_attribute(&mut document);
                places.sort_by_key(|r| (r.start, r.end));
                let after = per_sentence(&document);
                // The events of each sentence, found by binary search over (sentence, index) pairs.
                let mut by_sentence: Vec<(u32, usize)> = document
                    .events
                    .iter()
                    .enumerate()
                    .map(|(k, e)| (e.sentence, k))
                    .collect();
                by_sentence.sort_unstable();
                for (i, (sentence, trace)) in
                    document.sentences.iter().zip(traces.iter_mut()).enumerate()
                {
                    context::describe_places(&document.text, &places, sentence.span, trace);
                    let lo = by_sentence.partition_point(|&(s, _)| (s as usize) < i);
                    let hi = by_sentence.partition_point(|&(s, _)| (s as usize) <= i);
                    let events: Vec<usize> = by_sentence[lo..hi].iter().map(|&(_, k)| k).collect();
                    context::describe_dates(&document, &events, sentence.span, trace);
                    let (had, has) = (before[i], after[i]);
                    if has < had {
                        let _ = writeln!(
                            trace,
                            "run-on sentence (over {RUN_ON_SENTENCE_BYTES} bytes): {has} of its {had} events kept"
                        );
                    }
                }
                traces
            }
            None => vec![String::new(); document.sentences.len()],
        };
        Explained { document, traces }
    }

    /// How the places a coded document names were resolved: each mention in text order with the place chosen,
    /// why, and the runners-up — what `--explain` prints, as data. `codes` are the document's events' source and
    /// target codes in event order (their countries are context), so that a document read back from a store
    /// without its coder (the server) resolves as it did when it was coded.
    pub fn places_considered(doc: &Document, codes: &[&str]) -> Vec<PlaceChoice> {
        context::place_choices(doc, codes)
    }

    /// Writes one JSON line per event of `doc` ([`EventRecord`]).
    pub fn write_events(&self, doc: &Document, out: &mut dyn Write) -> io::Result<()> {
        for event in &doc.events {
            serde_json::to_writer(&mut *out, &EventRecord::of(doc, event, &self.records))?;
            out.write_all(b"\n")?;
        }
        Ok(())
    }

    /// Writes the document as one JSON line ([`DocumentRecord`]).
    pub fn write_document(&self, doc: &Document, out: &mut dyn Write) -> io::Result<()> {
        serde_json::to_writer(&mut *out, &DocumentRecord::of(doc, &self.records))?;
        out.write_all(b"\n")
    }
}

impl Explained {
    /// The readable explanation: per sentence its text, how it was read, and its events (each with the rule that
    /// fired) or why it has none; then the document's events, exactly as `dyad code` writes them.
    pub fn render(&self) -> String {
        let doc = &self.document;
        let mut out = format!("# document {} ({})\n", doc.id, doc.provenance.path);
        for (i, sentence) in doc.sentences.iter().enumerate() {
            let _ = writeln!(out, "\n## sentence {i}: {}", doc.slice(sentence.span));
            if let Some(trace) = self.traces.get(i) {
                out.push_str(trace);
                if !trace.is_empty() && !trace.ends_with('\n') {
                    out.push('\n');
                }
            }
        }
        let _ = writeln!(out, "\n## {} events", doc.events.len());
        for e in &doc.events {
            let _ = writeln!(
                out,
                "sentence {}: {} / {} / {}  ({})",
                e.sentence,
                e.source,
                if e.target.is_empty() {
                    "---"
                } else {
                    &e.target
                },
                e.cameo,
                e.evidence.verb.map_or("", |s| doc.slice(s))
            );
        }
        out.push('\n');
        out
    }
}
