//! `dyad ingest`, `dyad recode`, `dyad runs` and `dyad export`: the event store ([`dyad_store`]) from the
//! command line. Coding is the pipeline library's, storing the store crate's; this module parses, reports
//! progress and errors, and sets the exit status.

use crate::dictionaries::{print_warnings, DictOptions};
use crate::run::{finish_on_write_error, warn_limits, warning_summary, WarnAsRead};
use crate::{InputArgs, Outcome};
use clap::{Args, ValueEnum};
use dyad_coding::Coder;
use dyad_ingest::{read_inputs, FileIdentity, IngestError};
use dyad_pipeline::{Pipeline, RecordSettings, RunObserver};
use dyad_store::ingest::RunInfo;
use dyad_store::query::Filter;
use dyad_store::{ExportFormat, Store, StoreError};
use indicatif::ProgressBar;
use std::io::{self, Write};
use std::path::{Path, PathBuf};

/// The store file used when `--db` is not given.
pub const DEFAULT_DB: &str = "dyad.db";

#[derive(Args)]
pub struct IngestArgs {
    #[command(flatten)]
    pub input: InputArgs,
    /// The store (SQLite file), created if missing.
    #[arg(long, value_name = "PATH", default_value = DEFAULT_DB)]
    pub db: PathBuf,
    #[command(flatten)]
    pub dicts: DictOptions,
    /// Publication date (YYYY-MM-DD) for articles whose input gives none.
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = crate::run::parse_date)]
    pub date: Option<dyad_model::date::Date>,
    #[command(flatten)]
    pub confidence: crate::run::ConfidenceArg,
}

#[derive(Args)]
pub struct RecodeArgs {
    /// The store (SQLite file).
    #[arg(long, value_name = "PATH", default_value = DEFAULT_DB)]
    pub db: PathBuf,
    #[command(flatten)]
    pub dicts: DictOptions,
    /// Publication date (YYYY-MM-DD) for documents whose input gave none.
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = crate::run::parse_date)]
    pub date: Option<dyad_model::date::Date>,
    #[command(flatten)]
    pub confidence: crate::run::ConfidenceArg,
    /// Never show a progress bar.
    #[arg(long)]
    pub quiet: bool,
}

#[derive(Args)]
pub struct RunsArgs {
    /// The store (SQLite file).
    #[arg(long, value_name = "PATH", default_value = DEFAULT_DB)]
    pub db: PathBuf,
}

/// `dyad export --format`: what each writes is documented on [`ExportFormat`].
#[derive(Clone, Copy, ValueEnum)]
pub enum ExportFormatArg {
    /// One JSON object per line: the event record as `dyad code` writes it, with story, counts and mentions.
    Jsonl,
    /// One header row and one row per event, RFC 4180 (CRLF, quoted where needed, UTF-8); code columns keep
    /// leading zeros, read them as text.
    Csv,
    /// GDELT 1.0 event table: its 57 columns and SOURCEURL, tab-separated, no header. Geo country codes are
    /// ISO alpha-3, not FIPS; AvgTone and the actor geo columns are empty, and so are the date columns of an
    /// event without a date.
    Gdelt,
    /// PLOVER JSON, one object per line: actor, recipient, event, mode, context, event_loc, text, cite_info.
    Plover,
}

/// Event filters shared by `export` (and the server's query parameters).
#[derive(Args, Clone, Default)]
pub struct FilterArgs {
    /// First day, inclusive (YYYY-MM-DD), on the event's date.
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = day)]
    pub since: Option<String>,
    /// Last day, inclusive (YYYY-MM-DD).
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = day)]
    pub until: Option<String>,
    /// Actor code prefix, source or target (e.g. SYR, SYRGOV).
    #[arg(long, value_name = "CODE")]
    pub actor: Option<String>,
    /// Source actor code prefix.
    #[arg(long, value_name = "CODE")]
    pub source: Option<String>,
    /// Target actor code prefix.
    #[arg(long, value_name = "CODE")]
    pub target: Option<String>,
    /// CAMEO root code (01–20).
    #[arg(long, value_name = "ROOT", value_parser = cameo_root)]
    pub root: Option<String>,
    /// CAMEO code prefix (e.g. 19, 190, 1901).
    #[arg(long, value_name = "CODE")]
    pub cameo: Option<String>,
    /// Quad class: 1 verbal cooperation, 2 material cooperation, 3 verbal conflict, 4 material conflict.
    #[arg(long, value_name = "1-4", value_parser = clap::value_parser!(u8).range(1..=4))]
    pub quad: Option<u8>,
    /// Country of the event's location (ISO 3166 alpha-3, e.g. SYR).
    #[arg(long, value_name = "ISO3")]
    pub country: Option<String>,
    /// Full-text query over the articles (SQLite FTS5 syntax: words, "a phrase", AND, OR, NOT).
    #[arg(long, value_name = "QUERY")]
    pub text: Option<String>,
    /// Only events reported in a quote or claim (`--claimed true`) or only the others (`false`).
    #[arg(long, value_name = "BOOL")]
    pub claimed: Option<bool>,
    /// Read this coding generation (a run id from `dyad runs`) instead of the current one.
    #[arg(long, value_name = "RUN")]
    pub generation: Option<i64>,
}

impl FilterArgs {
    pub fn filter(&self) -> Filter {
        Filter {
            since: self.since.clone(),
            until: self.until.clone(),
            actor: self.actor.clone(),
            source: self.source.clone(),
            target: self.target.clone(),
            cameo: self.cameo.clone(),
            root: self.root.clone(),
            quad_class: self.quad,
            country: self.country.clone(),
            text: self.text.clone(),
            claimed: self.claimed,
            generation: self.generation,
            ..Filter::default()
        }
    }
}

fn day(s: &str) -> Result<String, String> {
    dyad_model::date::Date::parse_iso(s)
        .filter(|_| s.len() == 10)
        .map(|d| d.to_iso())
        .ok_or_else(|| format!("{s:?} is not a calendar date in the form YYYY-MM-DD"))
}

fn cameo_root(s: &str) -> Result<String, String> {
    match s.parse::<u8>() {
        Ok(n @ 1..=20) if s.len() <= 2 => Ok(format!("{n:02}")),
        _ => Err(format!("{s:?} is not a CAMEO root code (01 to 20)")),
    }
}

#[derive(Args)]
pub struct ExportArgs {
    /// The store (SQLite file).
    #[arg(long, value_name = "PATH", default_value = DEFAULT_DB)]
    pub db: PathBuf,
    /// Output format (merged events unless --raw; each format streams, whatever the store's size).
    #[arg(long, value_enum, default_value = "jsonl")]
    pub format: ExportFormatArg,
    /// Raw per-sentence events instead of merged events (one per story, actors, code, place and day).
    #[arg(long)]
    pub raw: bool,
    #[command(flatten)]
    pub filter: FilterArgs,
    /// Write to FILE instead of standard output.
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
}

fn store_error(e: StoreError) -> String {
    e.to_string()
}

/// What the run's dictionary options are, in words, for the run record.
fn describe_dictionaries(opts: &DictOptions) -> String {
    let sel = opts.selection();
    if let Some(p) = &sel.tabari_project {
        return format!("TABARI project {}", p.display());
    }
    if let Some(p) = &sel.petrarch_config {
        return format!("PETRARCH config {}", p.display());
    }
    let mut parts = Vec::new();
    if !sel.no_builtin {
        parts.push("built-in".to_string());
    }
    for (what, files) in [
        ("actors", &sel.actors),
        ("agents", &sel.agents),
        ("verbs", &sel.verbs),
        ("discards", &sel.discards),
        ("issues", &sel.issues),
    ] {
        for f in files {
            parts.push(format!("{what} {}", f.display()));
        }
    }
    parts.join(", ")
}

/// The pipeline and the run record for the dictionary options.
fn pipeline_and_run(
    dicts: &DictOptions,
    date: Option<dyad_model::date::Date>,
    confidence: crate::run::ConfidenceArg,
    inputs: Vec<String>,
) -> Result<(Pipeline, RunInfo), String> {
    let (loaded, report) = dicts.selection().load().map_err(|e| e.to_string())?;
    print_warnings(&report);
    let fingerprint = loaded.fingerprint();
    let mut pipeline =
        Pipeline::with_coder(Coder::new(&loaded)).with_record_settings(RecordSettings::default());
    if let Some(d) = date {
        pipeline = pipeline.with_default_date(d);
    }
    let pipeline = confidence.apply(pipeline);
    let mut options = serde_json::json!({ "date": date.map(|d| d.to_iso()) });
    if let Some(min) = confidence.min_confidence {
        options["min_confidence"] = serde_json::json!(min);
    }
    let options = options.to_string();
    Ok((
        pipeline,
        RunInfo {
            binary_version: env!("CARGO_PKG_VERSION").to_string(),
            dictionaries: describe_dictionaries(dicts),
            fingerprint,
            options,
            inputs,
        },
    ))
}

/// The ingest progress bar: on a terminal (and without `--quiet`), bytes of input done out of the total found by
/// a first walk of the inputs, with records/s and an ETA; hidden otherwise.
struct IngestProgress {
    bar: ProgressBar,
    /// Bytes of the inputs before each one, and the total last: `done_bytes[k]` when `k` inputs are finished.
    done_bytes: Vec<u64>,
}

fn ingest_progress(input: &InputArgs, opts: &dyad_ingest::IngestOptions) -> IngestProgress {
    let wanted = !input.quiet && std::io::IsTerminal::is_terminal(&io::stderr());
    if !wanted {
        return IngestProgress {
            bar: ProgressBar::hidden(),
            done_bytes: Vec::new(),
        };
    }
    let walk = dyad_ingest::discover_sources(&input.inputs, opts);
    let mut done_bytes = vec![0u64];
    for s in walk.sources.iter().flatten() {
        let size = match s {
            dyad_ingest::Source::File(p) => std::fs::metadata(p).map(|m| m.len()).unwrap_or(0),
            dyad_ingest::Source::Stdin => 0,
        };
        let last = *done_bytes.last().unwrap_or(&0);
        done_bytes.push(last + size);
    }
    let bar = ProgressBar::new(*done_bytes.last().unwrap_or(&0));
    bar.set_style(
        indicatif::ProgressStyle::with_template(
            "{bar:30} {percent:>3}% of input  {msg}  {elapsed} ETA {eta}",
        )
        .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar()),
    );
    bar.enable_steady_tick(std::time::Duration::from_millis(250));
    IngestProgress { bar, done_bytes }
}

/// The records, moving the bar to the bytes of the inputs finished (every few records; the walk's order is the
/// reading order).
struct WithEta<'a> {
    inner: WarnAsRead<'a>,
    done_bytes: Vec<u64>,
    seen: u64,
}

impl Iterator for WithEta<'_> {
    type Item = Result<dyad_ingest::RawRecord, IngestError>;
    fn next(&mut self) -> Option<Self::Item> {
        let next = self.inner.next();
        self.seen += 1;
        if !self.done_bytes.is_empty() && self.seen % 64 == 1 {
            let files = self.inner.inputs.file_counts().len();
            let finished = files.saturating_sub(1);
            if let Some(&b) = self.done_bytes.get(finished) {
                self.inner.progress.set_position(b);
            }
            let elapsed = self.inner.progress.elapsed().as_secs_f64().max(1e-3);
            self.inner.progress.set_message(format!(
                "{} records, {:.0}/s",
                self.seen,
                self.seen as f64 / elapsed
            ));
        }
        next
    }
}

/// Input errors printed as they come.
struct IngestReporter {
    progress: ProgressBar,
}

impl RunObserver for IngestReporter {
    fn input_error(&mut self, e: &IngestError) {
        self.progress.suspend(|| eprintln!("dyad: error: {e}"));
    }
}

pub fn run_ingest(args: &IngestArgs) -> Result<Outcome, String> {
    if args.input.output.is_some() {
        return Err("ingest writes to the store (--db), not to -o".into());
    }
    let inputs: Vec<String> = args
        .input
        .inputs
        .iter()
        .map(|p| p.display().to_string())
        .collect();
    let (pipeline, info) = pipeline_and_run(&args.dicts, args.date, args.confidence, inputs)?;
    let mut store = Store::open(&args.db).map_err(store_error)?;
    let mut opts = crate::run::ingest_options(&args.input);
    // Never read the store itself (or its journal) as input.
    for suffix in ["", "-wal", "-shm", "-journal"] {
        let mut p = args.db.clone().into_os_string();
        p.push(suffix);
        opts.exclude.extend(FileIdentity::of_path(Path::new(&p)));
    }
    let mut inputs = read_inputs(&args.input.inputs, &opts);
    let progress = ingest_progress(&args.input, &opts);
    let mut reporter = IngestReporter {
        progress: progress.bar.clone(),
    };
    let records = WithEta {
        inner: WarnAsRead {
            inputs: &mut inputs,
            verbose: args.input.verbose,
            progress: progress.bar.clone(),
        },
        done_bytes: progress.done_bytes,
        seen: 0,
    };
    let result = dyad_store::ingest::ingest_records(
        &mut store,
        &pipeline,
        &info,
        records,
        &warn_limits,
        &mut reporter,
    );
    reporter.progress.finish_and_clear();
    // What was committed before a failure stays; the failed batch was rolled back.
    let counts = result.map_err(store_error)?;
    let total = inputs.total_counts();
    let files = inputs.file_counts().len();
    let stored = store.counts().map_err(store_error)?;
    eprintln!("dyad: {}", crate::run::summary(files, &total));
    eprintln!(
        "dyad: {}: {} documents added ({} copies of stored stories), {} already stored, {} events added; the store holds {} documents in {} stories, {} events",
        args.db.display(),
        counts.documents_added,
        counts.duplicates,
        counts.records_seen - counts.documents_added,
        counts.events_added,
        stored.documents,
        stored.stories,
        stored.events
    );
    let warned = inputs.warning_counts();
    if warned.total() > 0 {
        eprintln!("dyad: {}", warning_summary(&warned, args.input.verbose));
    }
    Ok(if total.failed > 0 {
        Outcome::SomeFailed
    } else {
        Outcome::Clean
    })
}

pub fn run_recode(args: &RecodeArgs) -> Result<Outcome, String> {
    if !args.db.exists() {
        return Err(format!("{}: no such store", args.db.display()));
    }
    let (pipeline, info) = pipeline_and_run(&args.dicts, args.date, args.confidence, Vec::new())?;
    let mut store = Store::open(&args.db).map_err(store_error)?;
    let show = !args.quiet && std::io::IsTerminal::is_terminal(&io::stderr());
    let progress = if show {
        let bar = ProgressBar::new(store.counts().map_err(store_error)?.documents as u64);
        bar.set_style(
            indicatif::ProgressStyle::with_template(
                "{bar:30} {pos}/{len} documents  {per_sec}  ETA {eta}",
            )
            .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar()),
        );
        bar
    } else {
        ProgressBar::hidden()
    };
    let (run, counts) = store
        .recode(&pipeline, &info, &mut |n| progress.inc(n))
        .map_err(store_error)?;
    progress.finish_and_clear();
    eprintln!(
        "dyad: {}: run {run} re-coded {} documents: {} events",
        args.db.display(),
        counts.records_seen,
        counts.events_added
    );
    print_changes(&store, run)?;
    Ok(Outcome::Clean)
}

fn print_changes(store: &Store, run: i64) -> Result<(), String> {
    if let Some(changes) = store.changes(run).map_err(store_error)? {
        crate::outln!("  root  before   after   added  removed");
        for c in changes {
            crate::outln!(
                "  {:>4}  {:>6}  {:>6}  {:>6}  {:>7}",
                c.root,
                c.before,
                c.after,
                c.added,
                c.removed
            );
        }
    }
    Ok(())
}

pub fn run_runs(args: &RunsArgs) -> Result<Outcome, String> {
    let store = Store::open_read_only(&args.db).map_err(store_error)?;
    let current = store.generation().map_err(store_error)?;
    for r in store.runs().map_err(store_error)? {
        let status = match &r.finished {
            Some(f) => format!("finished {f}"),
            None => "unfinished (interrupted, or still running)".to_string(),
        };
        crate::outln!(
            "run {} {} (generation {}{}) dyad {}, dictionaries {} [{}], started {}, {}",
            r.id,
            r.kind,
            r.generation,
            if Some(r.generation) == current {
                ", current"
            } else {
                ""
            },
            r.binary_version,
            r.dictionaries,
            r.fingerprint,
            r.started,
            status
        );
        crate::outln!(
            "  {} records seen, {} documents added ({} copies), {} events added, {} input errors; inputs {}",
            r.records_seen,
            r.documents_added,
            r.duplicates,
            r.events_added,
            r.errors,
            r.inputs
        );
        if r.kind == "recode" {
            print_changes(&store, r.id)?;
        }
    }
    Ok(Outcome::Clean)
}

pub fn run_export(args: &ExportArgs) -> Result<Outcome, String> {
    let store = Store::open_read_only(&args.db).map_err(store_error)?;
    let format = match args.format {
        ExportFormatArg::Jsonl => ExportFormat::Jsonl,
        ExportFormatArg::Csv => ExportFormat::Csv,
        ExportFormatArg::Gdelt => ExportFormat::Gdelt,
        ExportFormatArg::Plover => ExportFormat::Plover,
    };
    let sink: Box<dyn Write> = match &args.output {
        Some(path) => Box::new(
            std::fs::File::create(path)
                .map_err(|e| format!("cannot create {}: {e}", path.display()))?,
        ),
        None => Box::new(io::stdout().lock()),
    };
    let mut out = io::BufWriter::new(sink);
    let filter = args.filter.filter();
    match dyad_store::export(&store, &filter, args.raw, format, &mut out) {
        Ok(_) => {}
        Err(dyad_store::query::ReadError::Output(e)) => return finish_on_write_error(e),
        Err(dyad_store::query::ReadError::Store(e)) => return Err(e.to_string()),
    }
    if let Err(e) = out.flush() {
        return finish_on_write_error(e);
    }
    Ok(Outcome::Clean)
}
