//! `dyad extract` (clean documents as JSONL) and `dyad code` (events as JSONL): record → Document → events.

use crate::dictionaries::{load_dictionaries, DictSelection};
use crate::{batch, InputArgs, Outcome};
use clap::Args;
use dyad_coding::Coder;
use dyad_ingest::RawRecord;
use dyad_model::{Document, Event, Metadata, Provenance, Sentence, Span};
use serde::Serialize;
use std::io::Write;

#[derive(Args)]
pub struct ExtractArgs {
    #[command(flatten)]
    pub input: InputArgs,
    /// Also print the map from clean-text offsets back to raw-input byte offsets.
    #[arg(long)]
    pub source_map: bool,
}

#[derive(Args)]
pub struct CodeArgs {
    #[command(flatten)]
    pub input: InputArgs,
    #[command(flatten)]
    pub dicts: DictSelection,
    /// Print a readable trace per sentence (tokens, actors, verb, pattern) instead of JSON.
    #[arg(long)]
    pub explain: bool,
}

/// Cleans one record and splits its sentences.
pub fn document_of(record: RawRecord) -> Document {
    let mut doc = dyad_clean::from_record(record);
    dyad_sentences::split(&mut doc);
    doc
}

/// A document as `dyad extract` prints it: the title as a string, every other annotation a span into `text`.
#[derive(Serialize)]
struct DocumentOut<'a> {
    id: &'a str,
    source: &'a Provenance,
    title: Option<&'a str>,
    text: &'a str,
    body: Span,
    paragraphs: &'a [Span],
    sentences: &'a [Sentence],
    metadata: &'a Metadata,
    #[serde(skip_serializing_if = "Option::is_none")]
    source_map: Option<&'a dyad_model::OffsetMap>,
}

pub fn run_extract(args: &ExtractArgs) -> Result<Outcome, String> {
    batch::run(
        &args.input,
        document_of,
        |out: &mut dyn Write, doc: Document| {
            let view = DocumentOut {
                id: &doc.id,
                source: &doc.provenance,
                title: doc.title_text(),
                text: &doc.text,
                body: doc.body,
                paragraphs: &doc.paragraphs,
                sentences: &doc.sentences,
                metadata: &doc.metadata,
                source_map: args.source_map.then_some(&doc.source_map),
            };
            serde_json::to_writer(&mut *out, &view)?;
            out.write_all(b"\n")
        },
    )
}

/// An event as `dyad code` prints it: the event and the text of its sentence.
#[derive(Serialize)]
struct EventOut<'a> {
    #[serde(flatten)]
    event: &'a Event,
    sentence_text: &'a str,
}

pub fn run_code(args: &CodeArgs) -> Result<Outcome, String> {
    let dicts = load_dictionaries(&args.dicts)?;
    let coder = Coder::new(&dicts);
    if args.explain {
        return batch::run(
            &args.input,
            |record| explain_document(&coder, document_of(record)),
            |out: &mut dyn Write, trace: String| out.write_all(trace.as_bytes()),
        );
    }
    batch::run(
        &args.input,
        |record| {
            let doc = document_of(record);
            let events = coder.code_document(&doc);
            (doc, events)
        },
        |out: &mut dyn Write, (doc, events): (Document, Vec<Event>)| {
            for event in &events {
                let sentence_text = doc
                    .sentences
                    .get(event.sentence as usize)
                    .map_or("", |s| doc.slice(s.span));
                serde_json::to_writer(
                    &mut *out,
                    &EventOut {
                        event,
                        sentence_text,
                    },
                )?;
                out.write_all(b"\n")?;
            }
            Ok(())
        },
    )
}

fn explain_document(coder: &Coder, doc: Document) -> String {
    let date = doc.metadata.date.as_deref();
    let mut trace = format!("# document {} ({})\n", doc.id, doc.provenance.path);
    for (i, sentence) in doc.sentences.iter().enumerate() {
        let text = doc.slice(sentence.span);
        trace.push_str(&format!("\n## sentence {i}: {text}\n"));
        trace.push_str(&coder.explain(text, date));
        if !trace.ends_with('\n') {
            trace.push('\n');
        }
    }
    trace.push('\n');
    trace
}
