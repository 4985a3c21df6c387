//! Throughput benchmark: times a coding closure over a corpus (normally Reuters-21578 stories) on a rayon pool
//! of a given size and reports articles/s, sentences/s, MB/s and events.
//!
//! Per-document results are collected in input order, so totals do not depend on scheduling. Timing covers
//! only the coding, not building the pool or reading the corpus. This module prints nothing: callers print
//! the report (`Display`).

use serde::Serialize;
use std::fmt;
use std::time::{Duration, Instant};

/// What the coding closure reports for one document.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct CodingCounts {
    pub sentences: usize,
    pub events: usize,
}

/// The figures of one timed run. Serialized without the per-document list, with `elapsed` in seconds.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ThroughputReport {
    pub threads: usize,
    pub articles: usize,
    /// Bytes of input text coded.
    pub bytes: usize,
    pub sentences: usize,
    pub events: usize,
    /// Documents with at least one event (coverage).
    pub articles_with_events: usize,
    #[serde(serialize_with = "seconds")]
    pub elapsed: Duration,
    /// Per-document counts, in input order.
    #[serde(skip)]
    pub per_document: Vec<CodingCounts>,
}

impl ThroughputReport {
    fn per_second(&self, n: f64) -> f64 {
        let secs = self.elapsed.as_secs_f64();
        if secs > 0.0 {
            n / secs
        } else {
            0.0
        }
    }

    pub fn articles_per_second(&self) -> f64 {
        self.per_second(self.articles as f64)
    }

    pub fn sentences_per_second(&self) -> f64 {
        self.per_second(self.sentences as f64)
    }

    /// Share of documents with at least one event, 0 when there are none.
    pub fn coverage(&self) -> f64 {
        if self.articles == 0 {
            0.0
        } else {
            self.articles_with_events as f64 / self.articles as f64
        }
    }

    /// Megabytes (10^6 bytes) of input per second.
    pub fn megabytes_per_second(&self) -> f64 {
        self.per_second(self.bytes as f64 / 1e6)
    }
}

impl fmt::Display for ThroughputReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{} articles, {} sentences, {:.2} MB, {} events ({:.1}% of articles with one) in {:.3} s on {} \
             thread{}: {:.0} articles/s, {:.0} sentences/s, {:.2} MB/s",
            self.articles,
            self.sentences,
            self.bytes as f64 / 1e6,
            self.events,
            100.0 * self.coverage(),
            self.elapsed.as_secs_f64(),
            self.threads,
            if self.threads == 1 { "" } else { "s" },
            self.articles_per_second(),
            self.sentences_per_second(),
            self.megabytes_per_second()
        )
    }
}

fn seconds<S: serde::Serializer>(d: &Duration, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_f64(d.as_secs_f64())
}

/// Why a run could not start.
#[derive(Debug, thiserror::Error)]
pub enum ThroughputError {
    #[error("cannot build a pool of {threads} threads: {message}")]
    Pool { threads: usize, message: String },
}

/// Time `code` over `documents` on a pool of `threads` threads (0 = rayon's default, one per core). A document is
/// anything that gives its text (`AsRef<str>`); `code` gets the whole document, so it can use more than the text
/// (a date, an id).
///
/// ```
/// use dyad_eval::throughput::{throughput, CodingCounts};
/// let docs = ["One. Two.", "Three."];
/// let report = throughput(&docs, 2, |text: &&str| CodingCounts {
///     sentences: text.matches('.').count(),
///     events: 0,
/// })
/// .unwrap();
/// assert_eq!((report.articles, report.sentences), (2, 3));
/// ```
pub fn throughput<S, F>(
    documents: &[S],
    threads: usize,
    code: F,
) -> Result<ThroughputReport, ThroughputError>
where
    S: AsRef<str> + Sync,
    F: Fn(&S) -> CodingCounts + Sync + Send,
{
    use rayon::prelude::*;
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(threads)
        .build()
        .map_err(|e| ThroughputError::Pool {
            threads,
            message: e.to_string(),
        })?;
    let started = Instant::now();
    let per_document: Vec<CodingCounts> =
        pool.install(|| documents.par_iter().map(&code).collect());
    let elapsed = started.elapsed();
    Ok(ThroughputReport {
        threads: pool.current_num_threads(),
        articles: documents.len(),
        bytes: documents.iter().map(|d| d.as_ref().len()).sum(),
        sentences: per_document.iter().map(|c| c.sentences).sum(),
        events: per_document.iter().map(|c| c.events).sum(),
        articles_with_events: per_document.iter().filter(|c| c.events > 0).count(),
        elapsed,
        per_document,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn results_keep_input_order_whatever_the_pool() {
        let docs: Vec<String> = (0..200).map(|i| "word. ".repeat(i % 7)).collect();
        let count = |t: &String| CodingCounts {
            sentences: t.matches('.').count(),
            events: t.len() % 3,
        };
        let one = throughput(&docs, 1, count).unwrap();
        let two = throughput(&docs, 2, count).unwrap();
        assert_eq!(one.per_document, two.per_document);
        assert_eq!(one.sentences, (0..200).map(|i| i % 7).sum::<usize>());
        assert_eq!(two.threads, 2);
        assert_eq!(
            one.articles_with_events,
            docs.iter().filter(|d| d.len() % 3 > 0).count()
        );
    }
}
