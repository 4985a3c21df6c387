//! `dyad extract` and `dyad code`: inputs through [`dyad_pipeline`], records to standard output, errors and a
//! summary to standard error. The stages are joined in the pipeline library; this module only reports.

use crate::dictionaries::{load_pipeline, DictOptions};
use crate::{FormatArg, InputArgs, Outcome};
use clap::Args;
use dyad_ingest::{
    read_inputs, FileIdentity, IngestError, IngestOptions, Inputs, RawRecord, RecordCounts,
    WarningCounts,
};
use dyad_model::{Document, InputFormat};
use dyad_pipeline::{run_ordered, Pipeline, RecordSettings, RunObserver};
use indicatif::{ProgressBar, ProgressStyle};
use std::io::{self, IsTerminal, Write};

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
    pub dicts: DictOptions,
    /// Print, per sentence, how it was read (tokens, actors, clauses, verbs and patterns tried) and the events
    /// it gave or why none: the very events `dyad code` writes. A sentence with no event also gets its nearest
    /// miss: each dictionary verb and why it gave nothing (no pattern fit — with the closest pattern and the
    /// words of it the clause lacks —, it codes nothing, it is negated, no source or no target), capitalised
    /// names in no actor or agent dictionary, and words that read as verbs but are in no verb dictionary.
    #[arg(long)]
    pub explain: bool,
    /// Publication date (YYYY-MM-DD) for articles whose input gives none: "on Tuesday" resolves against it.
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = parse_date)]
    pub date: Option<dyad_model::date::Date>,
    /// Longest sentence text an event record carries; a longer sentence is cut around the event's evidence.
    #[arg(long, value_name = "BYTES", default_value_t = dyad_pipeline::records::DEFAULT_MAX_SENTENCE_TEXT_BYTES)]
    pub max_sentence_text: usize,
    #[command(flatten)]
    pub confidence: ConfidenceArg,
}

/// `--min-confidence`, shared by `code`, `ingest` and `recode`.
#[derive(Args, Clone, Copy, Default)]
pub struct ConfidenceArg {
    /// Leave uncoded (with a warning) the HTML pages whose extraction confidence (`metadata.extraction`, 0–1) is
    /// under this: listing, hub and gallery pages, whose teasers give events about unrelated stories. On the
    /// web-content-extraction benchmark's pages, 0.5 leaves uncoded 22% of listing pages, 53% of collection pages
    /// and 2% of news articles; 0.7 leaves 51%, 61% and 6%. Plain text and JSONL text are always coded. Default:
    /// code every document.
    #[arg(long, value_name = "0..1", value_parser = parse_confidence)]
    pub min_confidence: Option<f64>,
}

impl ConfidenceArg {
    /// `pipeline` with the option applied.
    pub fn apply(self, pipeline: Pipeline) -> Pipeline {
        match self.min_confidence {
            Some(min) => pipeline.with_min_confidence(min),
            None => pipeline,
        }
    }
}

/// `--min-confidence`: a number from 0 to 1.
pub(crate) fn parse_confidence(s: &str) -> Result<f64, String> {
    s.parse::<f64>()
        .ok()
        .filter(|x| (0.0..=1.0).contains(x))
        .ok_or_else(|| format!("{s:?} is not a confidence (a number from 0 to 1)"))
}

/// `--date`: a calendar date as YYYY-MM-DD.
pub(crate) fn parse_date(s: &str) -> Result<dyad_model::date::Date, String> {
    dyad_model::date::Date::parse_iso(s)
        .filter(|_| s.len() == 10)
        .ok_or_else(|| format!("{s:?} is not a calendar date in the form YYYY-MM-DD"))
}

pub fn ingest_options(args: &InputArgs) -> IngestOptions {
    let mut opts = IngestOptions {
        format: args.format.map(|f| match f {
            FormatArg::Text => InputFormat::Text,
            FormatArg::Html => InputFormat::Html,
            FormatArg::Jsonl => InputFormat::Jsonl,
            FormatArg::Warc => InputFormat::Warc,
            FormatArg::Reuters => InputFormat::Reuters,
        }),
        strict_utf8: args.strict_utf8,
        ..IngestOptions::default()
    };
    // Never read this run's own output: `dyad extract DIR > DIR/out.jsonl` would otherwise read itself.
    opts.exclude.extend(FileIdentity::of_stdout());
    if !args.text_fields.is_empty() {
        opts.jsonl.text = args.text_fields.clone();
    }
    if !args.html_fields.is_empty() {
        opts.jsonl.html = args.html_fields.clone();
    }
    opts
}

pub fn run_extract(args: &ExtractArgs) -> Result<Outcome, String> {
    let pipeline = Pipeline::extraction().with_record_settings(RecordSettings {
        source_map: args.source_map,
        ..RecordSettings::default()
    });
    run(
        &args.input,
        dyad_pipeline::document_of,
        |out, doc: Document| {
            warn_limits(&doc);
            pipeline.write_document(&doc, out)
        },
    )
}

pub fn run_code(args: &CodeArgs) -> Result<Outcome, String> {
    let mut pipeline = load_pipeline(&args.dicts)?.with_record_settings(RecordSettings {
        max_sentence_text_bytes: args.max_sentence_text,
        ..RecordSettings::default()
    });
    if let Some(date) = args.date {
        pipeline = pipeline.with_default_date(date);
    }
    let pipeline = args.confidence.apply(pipeline);
    if args.explain {
        return run(
            &args.input,
            |r| pipeline.explain(r).render(),
            |out, text: String| out.write_all(text.as_bytes()),
        );
    }
    run(
        &args.input,
        |r| pipeline.process(r),
        |out, doc: Document| {
            warn_limits(&doc);
            pipeline.write_events(&doc, out)
        },
    )
}

/// One warning per processing limit a document hit, naming the file and record: "dyad: warning: x.txt: 3 ×
/// text with no sentence end beyond the sentence byte cap; cut into pieces".
pub(crate) fn warn_limits(doc: &Document) {
    for hit in doc.limits.iter() {
        let p = &doc.provenance;
        let record = p
            .record
            .map(|r| format!(": record {r}"))
            .unwrap_or_default();
        eprintln!(
            "dyad: warning: {}{record}: {} × {}",
            p.path,
            hit.times,
            hit.limit.describe()
        );
    }
}

#[derive(Args)]
pub struct GeoparseArgs {
    #[command(flatten)]
    pub input: InputArgs,
}

/// `dyad geoparse`: one JSON line per document with its place mentions and their GeoNames entries.
pub fn run_geoparse(args: &GeoparseArgs) -> Result<Outcome, String> {
    run(
        &args.input,
        dyad_pipeline::geoparse::geoparse,
        |out, record: dyad_pipeline::geoparse::GeoparseRecord| {
            serde_json::to_writer(&mut *out, &record)?;
            out.write_all(b"\n")
        },
    )
}

/// Errors on standard error (file and location) as they come, a progress spinner on a terminal, and a summary.
struct Reporter {
    progress: ProgressBar,
}

impl RunObserver for Reporter {
    fn input_error(&mut self, e: &IngestError) {
        self.progress.suspend(|| eprintln!("dyad: error: {e}"));
    }
    fn progress(&mut self, n: usize) {
        self.progress.inc(n as u64);
    }
}

fn run<T, P, W>(input: &InputArgs, process: P, mut write: W) -> Result<Outcome, String>
where
    T: Send,
    P: Fn(RawRecord) -> T + Sync,
    W: FnMut(&mut dyn Write, T) -> io::Result<()>,
{
    let mut opts = ingest_options(input);
    let sink: Box<dyn Write> = match &input.output {
        Some(path) => {
            let file = std::fs::File::create(path)
                .map_err(|e| format!("cannot create {}: {e}", path.display()))?;
            opts.exclude.extend(FileIdentity::of_path(path));
            Box::new(file)
        }
        None => Box::new(io::stdout().lock()),
    };
    let mut inputs = read_inputs(&input.inputs, &opts);
    let progress = progress_bar(input);
    let mut reporter = Reporter {
        progress: progress.clone(),
    };
    let mut out = io::BufWriter::new(sink);
    let records = WarnAsRead {
        inputs: &mut inputs,
        verbose: input.verbose,
        progress: progress.clone(),
    };
    let written = run_ordered(records, process, |t| write(&mut out, t), &mut reporter)
        .and_then(|()| out.flush());
    if let Err(e) = written {
        return finish_on_write_error(e);
    }
    progress.finish_and_clear();
    let files = inputs.file_counts();
    let total = inputs.total_counts();
    eprintln!("dyad: {}", summary(files.len(), &total));
    let warned = inputs.warning_counts();
    if warned.total() > 0 {
        eprintln!("dyad: {}", warning_summary(&warned, input.verbose));
    }
    Ok(if total.failed > 0 {
        Outcome::SomeFailed
    } else {
        Outcome::Clean
    })
}

/// The records of the inputs, printing each warning (a file skipped and why, a guessed encoding) as it comes:
/// all of them with `-v`, otherwise all but the routine ones (hidden files, images, paperwork).
pub(crate) struct WarnAsRead<'a> {
    pub inputs: &'a mut Inputs,
    pub verbose: bool,
    pub progress: ProgressBar,
}

impl Iterator for WarnAsRead<'_> {
    type Item = Result<RawRecord, IngestError>;
    fn next(&mut self) -> Option<Self::Item> {
        let next = self.inputs.next();
        for w in self.inputs.take_warnings() {
            if self.verbose || !w.reason().is_routine() {
                self.progress.suspend(|| eprintln!("dyad: warning: {w}"));
            }
        }
        next
    }
}

/// "3 files skipped (1 this run's output, 1 FIFO, socket or device, 1 non-article extension); 2 read with
/// warnings (2 not UTF-8, decoded)".
pub(crate) fn warning_summary(w: &WarningCounts, verbose: bool) -> String {
    let part = |skip: bool| -> (u64, Vec<String>) {
        let list: Vec<_> = w.iter().filter(|(r, _)| r.is_skip() == skip).collect();
        (
            list.iter().map(|(_, n)| n).sum(),
            list.iter()
                .map(|(r, n)| format!("{n} {}", r.label()))
                .collect(),
        )
    };
    let mut out = Vec::new();
    let (n, list) = part(true);
    if n > 0 {
        out.push(format!(
            "{n} file{} skipped ({}){}",
            if n == 1 { "" } else { "s" },
            list.join(", "),
            if verbose { "" } else { "; -v lists them" }
        ));
    }
    let (n, list) = part(false);
    if n > 0 {
        out.push(format!("{n} read with warnings ({})", list.join(", ")));
    }
    out.join("; ")
}

/// A closed pipe (`dyad code ... | head`) ends the run quietly; other write errors are reported.
pub(crate) fn finish_on_write_error(e: io::Error) -> Result<Outcome, String> {
    if e.kind() == io::ErrorKind::BrokenPipe {
        Ok(Outcome::Clean)
    } else {
        Err(format!("cannot write output: {e}"))
    }
}

pub(crate) fn progress_bar(args: &InputArgs) -> ProgressBar {
    let wanted = !args.quiet && io::stderr().is_terminal();
    if !wanted {
        return ProgressBar::hidden();
    }
    let bar = ProgressBar::new_spinner();
    bar.set_style(
        ProgressStyle::with_template("{spinner} {pos} records  {per_sec}  {elapsed}")
            .unwrap_or_else(|_| ProgressStyle::default_spinner()),
    );
    bar.enable_steady_tick(std::time::Duration::from_millis(200));
    bar
}

/// One line: inputs read and records ok / skipped (by reason) / failed.
pub fn summary(inputs: usize, total: &RecordCounts) -> String {
    let s = &total.skipped;
    let mut reasons = Vec::new();
    for (n, what) in [
        (s.content_type, "not HTML or text"),
        (s.not_response, "not a response"),
        (s.http_status, "HTTP status not 2xx"),
        (s.empty, "empty"),
    ] {
        if n > 0 {
            reasons.push(format!("{n} {what}"));
        }
    }
    let skipped = if reasons.is_empty() {
        format!("{} skipped", s.total())
    } else {
        format!("{} skipped ({})", s.total(), reasons.join(", "))
    };
    format!(
        "{inputs} input{}: {} ok, {skipped}, {} failed",
        if inputs == 1 { "" } else { "s" },
        total.ok,
        total.failed
    )
}
