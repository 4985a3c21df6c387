//! Runs a per-record function over every input record in parallel, writing results in input order, and
//! reports errors (file and location) as they come, then a summary; the batch never stops for one bad record.

use crate::{FormatArg, InputArgs, Outcome};
use dyad_ingest::{read_inputs, IngestOptions, RawRecord, RecordCounts};
use dyad_model::InputFormat;
use indicatif::{ProgressBar, ProgressStyle};
use rayon::prelude::*;
use std::io::{self, IsTerminal, Write};

/// Records handed to the thread pool at once: large enough to keep the cores busy, small enough to stream.
const BATCH_RECORDS: usize = 256;

pub fn ingest_options(args: &InputArgs) -> IngestOptions {
    let mut opts = IngestOptions {
        format: args.format.map(|f| match f {
            FormatArg::Text => InputFormat::Text,
            FormatArg::Html => InputFormat::Html,
            FormatArg::Jsonl => InputFormat::Jsonl,
            FormatArg::Warc => InputFormat::Warc,
        }),
        ..IngestOptions::default()
    };
    if !args.text_fields.is_empty() {
        opts.jsonl.text = args.text_fields.clone();
    }
    if !args.html_fields.is_empty() {
        opts.jsonl.html = args.html_fields.clone();
    }
    opts
}

/// Reads every record of `args.inputs`, maps each through `process` on the thread pool, and hands the results to
/// `write` in input order. Returns whether any record or input failed.
pub fn run<T, P, W>(args: &InputArgs, process: P, mut write: W) -> Result<Outcome, String>
where
    T: Send,
    P: Fn(RawRecord) -> T + Sync,
    W: FnMut(&mut dyn Write, T) -> io::Result<()>,
{
    let opts = ingest_options(args);
    let mut inputs = read_inputs(&args.inputs, &opts);
    let progress = progress_bar(args);
    let stdout = io::stdout();
    let mut out = io::BufWriter::new(stdout.lock());
    let mut pending: Vec<RawRecord> = Vec::with_capacity(BATCH_RECORDS);
    let mut done = false;
    while !done {
        pending.clear();
        while pending.len() < BATCH_RECORDS {
            match inputs.next() {
                Some(Ok(record)) => pending.push(record),
                Some(Err(e)) => progress.suspend(|| eprintln!("dyad: error: {e}")),
                None => {
                    done = true;
                    break;
                }
            }
        }
        let results: Vec<T> = pending.par_drain(..).map(&process).collect();
        progress.inc(results.len() as u64);
        for r in results {
            if let Err(e) = write(&mut out, r) {
                return finish_on_write_error(e);
            }
        }
    }
    if let Err(e) = out.flush() {
        return finish_on_write_error(e);
    }
    progress.finish_and_clear();
    let files = inputs.file_counts();
    let total = inputs.total_counts();
    eprintln!("dyad: {}", summary(files.len(), &total));
    Ok(if total.failed > 0 {
        Outcome::SomeFailed
    } else {
        Outcome::Clean
    })
}

/// A closed pipe (`dyad code ... | head`) ends the run quietly; other write errors are reported.
fn finish_on_write_error(e: io::Error) -> Result<Outcome, String> {
    if e.kind() == io::ErrorKind::BrokenPipe {
        Ok(Outcome::Clean)
    } else {
        Err(format!("cannot write output: {e}"))
    }
}

fn progress_bar(args: &InputArgs) -> ProgressBar {
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
