//! The `dyad` command: a thin shell over the pipeline library.
//!
//! `extract` and `code` run inputs through `dyad-pipeline` (which joins ingest, cleaning, sentences and coding);
//! `validate` and `bench` call `dyad-eval`. This crate holds no pipeline logic of its own: argument parsing,
//! terminal output (progress, errors, summaries) and exit status.

mod bench;
mod dictionaries;
mod run;
mod serve;
mod store;
mod validate;

use clap::{Args, Parser, Subcommand, ValueEnum};
use std::path::PathBuf;
use std::process::ExitCode;

/// mimalloc instead of the C library's malloc: the pipeline allocates many small, short-lived strings and vectors
/// per sentence from several threads, and glibc's allocator cost about a tenth of `dyad code`'s time.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[derive(Parser)]
#[command(name = "dyad", version, about = "News in, political event data out.")]
struct Cli {
    /// Worker threads (default: all cores). Output is the same at any thread count.
    #[arg(short = 'j', long, global = true)]
    threads: Option<usize>,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Read articles and print one clean JSON document per article (JSONL).
    Extract(run::ExtractArgs),
    /// Read articles and print one JSON event per coded event (JSONL).
    Code(run::CodeArgs),
    /// Run a validation suite (TABARI, PETRARCH) from its raw sentence text and report records passed.
    Validate(validate::ValidateArgs),
    /// Measure extraction quality and speed, or coding throughput.
    Bench(bench::BenchArgs),
    /// Load dictionaries and report what they hold and any errors (file:line).
    Dict(dictionaries::DictArgs),
    /// Find and resolve place names: one JSON line per document with each mention's character and byte offsets,
    /// coordinates, GeoNames id, country and admin1 (null when unresolved), as a standalone geoparser.
    Geoparse(run::GeoparseArgs),
    /// Code articles into an event store (SQLite): idempotent, resumable, near-duplicate stories merged.
    Ingest(store::IngestArgs),
    /// Write a store's events (merged, or `--raw`) as JSONL, CSV, GDELT or PLOVER, with filters.
    Export(store::ExportArgs),
    /// Re-code a store's documents with other dictionaries, as a new run; old runs stay queryable.
    Recode(store::RecodeArgs),
    /// List a store's runs: version, dictionaries, counts, and what each re-code changed per CAMEO root.
    Runs(store::RunsArgs),
    /// Serve a store over HTTP (read-only JSON API and the analyst's page), on loopback by default.
    Serve(serve::ServeArgs),
    /// Print the JSON Schema of the records `dyad code` and `dyad extract` write.
    Schema,
}

/// Input options shared by `extract` and `code`.
#[derive(Args, Clone)]
pub struct InputArgs {
    /// Files, directories (read recursively) or `-` for standard input.
    #[arg(required = true)]
    pub inputs: Vec<PathBuf>,
    /// Force the input format instead of detecting it.
    #[arg(long, value_enum)]
    pub format: Option<FormatArg>,
    /// JSONL field holding plain text (repeatable; tried in order).
    #[arg(long = "text-field")]
    pub text_fields: Vec<String>,
    /// JSONL field holding HTML (repeatable; tried in order).
    #[arg(long = "html-field")]
    pub html_fields: Vec<String>,
    /// Write the output to FILE instead of standard output (never read back as input).
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Never show a progress bar.
    #[arg(long)]
    pub quiet: bool,
    /// Refuse text that is not valid UTF-8 instead of decoding it from a guessed encoding (with a warning).
    #[arg(long)]
    pub strict_utf8: bool,
    /// List every file passed over and why (hidden files, images and other routine skips too).
    #[arg(short, long)]
    pub verbose: bool,
}

#[derive(Clone, Copy, ValueEnum)]
pub enum FormatArg {
    Text,
    Html,
    Jsonl,
    Warc,
    Reuters,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    if let Some(n) = cli.threads {
        if let Err(e) = rayon::ThreadPoolBuilder::new()
            .num_threads(n.max(1))
            .build_global()
        {
            eprintln!("dyad: cannot start {n} threads: {e}");
            return ExitCode::from(2);
        }
    }
    let result = match cli.command {
        Command::Extract(args) => run::run_extract(&args),
        Command::Code(args) => run::run_code(&args),
        Command::Validate(args) => validate::run(&args),
        Command::Bench(args) => bench::run(&args),
        Command::Dict(args) => dictionaries::run(&args),
        Command::Geoparse(args) => run::run_geoparse(&args),
        Command::Ingest(args) => store::run_ingest(&args),
        Command::Export(args) => store::run_export(&args),
        Command::Recode(args) => store::run_recode(&args),
        Command::Runs(args) => store::run_runs(&args),
        Command::Serve(args) => serve::run(&args),
        Command::Schema => {
            let schema = dyad_pipeline::records::json_schema();
            outln!(
                "{}",
                serde_json::to_string_pretty(&schema).unwrap_or_default()
            );
            Ok(Outcome::Clean)
        }
    };
    match result {
        Ok(outcome) => outcome.exit_code(),
        Err(message) => {
            eprintln!("dyad: {message}");
            ExitCode::from(2)
        }
    }
}

/// How a run ended: whether any input failed.
pub enum Outcome {
    Clean,
    SomeFailed,
}

impl Outcome {
    fn exit_code(&self) -> ExitCode {
        match self {
            Outcome::Clean => ExitCode::SUCCESS,
            Outcome::SomeFailed => ExitCode::from(1),
        }
    }
}

/// Writes one line to standard output. A closed pipe (`dyad validate tabari | head`) ends the process quietly
/// instead of panicking as `println!` would.
pub fn emit(line: std::fmt::Arguments) {
    use std::io::Write;
    let mut out = std::io::stdout().lock();
    if let Err(e) = writeln!(out, "{line}") {
        if e.kind() != std::io::ErrorKind::BrokenPipe {
            eprintln!("dyad: cannot write output: {e}");
        }
        std::process::exit(if e.kind() == std::io::ErrorKind::BrokenPipe {
            0
        } else {
            2
        });
    }
}

/// `println!` through [`emit`].
#[macro_export]
macro_rules! outln {
    ($($arg:tt)*) => { $crate::emit(format_args!($($arg)*)) };
}
