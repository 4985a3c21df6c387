//! The ordered parallel runner: records go to the thread pool in batches, results come back in input order.
//!
//! Output order never depends on the thread count, so the same input gives byte-identical output at `-j 1` and
//! `-j 64`. One bad record is reported through the caller's handler and the run goes on. The runner never prints:
//! the caller decides what errors and progress look like.

use dyad_ingest::{IngestError, RawRecord};
use rayon::prelude::*;
use std::io;

/// Records handed to the thread pool at once: large enough to keep the cores busy, small enough to stream.
pub const BATCH_RECORDS: usize = 256;

/// What the runner tells its caller while it works.
pub trait RunObserver {
    /// A record or input that could not be read; the run goes on.
    fn input_error(&mut self, error: &IngestError);
    /// `n` more records were processed and written.
    fn progress(&mut self, _n: usize) {}
}

/// Reads every record of `records`, maps each through `process` on the rayon pool, and hands the results to
/// `write` in input order. Stops at the first write error (e.g. a closed pipe) and returns it.
///
/// ```no_run
/// use dyad_pipeline::{run_ordered, Pipeline, RunObserver};
/// struct Quiet;
/// impl RunObserver for Quiet {
///     fn input_error(&mut self, e: &dyad_ingest::IngestError) { eprintln!("{e}"); }
/// }
/// let pipeline = Pipeline::builtin().unwrap();
/// let opts = dyad_ingest::IngestOptions::default();
/// let mut inputs = dyad_ingest::read_inputs(&["news/".into()], &opts);
/// run_ordered(&mut inputs, |r| pipeline.process(r), |doc| {
///     println!("{} events", doc.events.len());
///     Ok(())
/// }, &mut Quiet).unwrap();
/// ```
pub fn run_ordered<I, T, P, W>(
    records: I,
    process: P,
    mut write: W,
    observer: &mut dyn RunObserver,
) -> io::Result<()>
where
    I: Iterator<Item = Result<RawRecord, IngestError>>,
    T: Send,
    P: Fn(RawRecord) -> T + Sync,
    W: FnMut(T) -> io::Result<()>,
{
    let mut records = records;
    let mut pending: Vec<RawRecord> = Vec::with_capacity(BATCH_RECORDS);
    let mut done = false;
    while !done {
        pending.clear();
        while pending.len() < BATCH_RECORDS {
            match records.next() {
                Some(Ok(record)) => pending.push(record),
                Some(Err(e)) => observer.input_error(&e),
                None => {
                    done = true;
                    break;
                }
            }
        }
        let results: Vec<T> = pending.par_drain(..).map(&process).collect();
        let n = results.len();
        for r in results {
            write(r)?;
        }
        observer.progress(n);
    }
    Ok(())
}
