//! `dyad bench`: extraction quality and speed on extraction-dev, end-to-end coding throughput and dictionary
//! coverage on Reuters, the stress table (pathological input shapes, one thread, `dyad_eval::stress`), the
//! store's ingest against `dyad code` on the same input, and near-duplicate detection (`dyad_eval::dedup`).

use crate::dictionaries::{load_dictionaries, load_pipeline, DictOptions};
use crate::outln;
use crate::Outcome;
use clap::{Args, Subcommand, ValueEnum};
use dyad_coding::Coder;
use dyad_eval::reuters::StoryText;
use dyad_eval::stress::{self, NewsSample, Shape, StressRun};
use dyad_eval::throughput::{throughput, CodingCounts};
use rayon::prelude::*;
use std::path::{Path, PathBuf};

#[path = "bench_serve.rs"]
mod bench_serve;

#[derive(Args)]
pub struct BenchArgs {
    /// The shared data folder (default: $DYAD_SHARED_DATA, else ../shared/data).
    #[arg(long, global = true, value_name = "DIR")]
    pub data: Option<PathBuf>,
    #[command(subcommand)]
    pub command: BenchCommand,
}

#[derive(Subcommand)]
pub enum BenchCommand {
    /// Score main-content extraction (word 4-gram shingle P/R/F1) and time it, single-threaded.
    Extraction {
        /// The page set under DIR/extraction-dev to score, or `all`: every source of extraction-dev and of the
        /// extraction cache, per-source table with the peers' saved predictions, and leave-one-source-out F1.
        #[arg(long, value_enum, default_value = "scrapinghub")]
        set: ExtractionSet,
        /// List the N pages with the lowest F1, worst first (0 lists none; not for trafilatura; with `all`, per
        /// held-out source).
        #[arg(long, value_name = "N", default_value_t = 12)]
        worst: usize,
        /// The extraction cache written by scripts/extraction-data and scripts/extraction-peers (default:
        /// $DYAD_EXTRACTION_CACHE, else ~/.cache/dyad/extraction); `--set all` only.
        #[arg(long, value_name = "DIR")]
        cache: Option<PathBuf>,
        /// With `--set all`: only dyad's default settings, no tuning grid (leave-one-source-out then has one
        /// candidate; the run takes a fraction of the time).
        #[arg(long)]
        default_only: bool,
    },
    /// Code Reuters-21578 end to end (raw text → clean → sentences → events) and report sentences/s.
    Coding {
        #[command(flatten)]
        dicts: DictOptions,
        /// Repetitions over the corpus (the best is reported).
        #[arg(long, default_value_t = 3)]
        repeat: usize,
    },
    /// The store's ingest against `dyad code` to /dev/null on Reuters-21578, interleaved in one run (code,
    /// ingest, code, ingest, ...): documents/s, events/s, sentences/s, the ratio, and the store's size.
    Ingest {
        #[command(flatten)]
        dicts: DictOptions,
        /// Rounds of (code, ingest); each ingest writes a fresh store in a temporary folder.
        #[arg(long, default_value_t = 3)]
        repeat: usize,
    },
    /// Near-duplicate detection as the store does it: precision and recall of duplicate pairs on a synthetic set
    /// of Reuters stories and web-style copies (per kind of copy) and on Reuters-21578 against exact shingle
    /// Jaccard >= 0.5, and the time per 10k articles.
    Dedup {
        /// Reuters stories (bodies of at least 80 words, no near-duplicate of each other) to copy.
        #[arg(long, default_value_t = 2000)]
        originals: usize,
        /// Seed of the copy generator.
        #[arg(long, default_value_t = 14)]
        seed: u64,
        /// Score only the originals with an even (`even`) or odd (`odd`) position, for tuning on one half and
        /// reporting on the other.
        #[arg(long, value_name = "even|odd")]
        half: Option<String>,
    },
    /// Coverage of a dictionary set on Reuters-21578 (sentences with an actor, with an event, events by root,
    /// frequent uncoded verbs and unknown names), and its agreement with a second set when one is given.
    Coverage {
        #[command(flatten)]
        dicts: DictOptions,
        /// Compare with the dictionaries this PETRARCH config names (e.g. the Phoenix set).
        #[arg(long, value_name = "FILE")]
        against_petrarch_config: Option<PathBuf>,
        /// Entries shown in each list.
        #[arg(long, default_value_t = 30)]
        top: usize,
    },
    /// Geoparsing on geoparsing-dev (LGL, GeoVirus): recognition P/R/F1 (exact and overlapping spans), resolution
    /// acc@161 km, mean and median error, AUC, and articles/s on one thread.
    Geo,
    /// Run pathological input shapes (no punctuation, one giant line, deep nesting, huge blocks and tables, NUL
    /// bytes, mixed encodings, ...) through the whole pipeline on one thread at each size, with normal news as the
    /// reference, and print MB/s, peak memory, output size and the limits hit, marked against the aims.
    Stress {
        /// Input sizes in MB (10^6 bytes), comma-separated.
        #[arg(
            long,
            value_name = "MB",
            value_delimiter = ',',
            default_value = "1,10,50"
        )]
        sizes: Vec<f64>,
        /// Run only these shapes (comma-separated or repeated; normal-news always runs, as the reference).
        #[arg(long = "shape", value_name = "NAME", value_delimiter = ',', value_parser = shape_names())]
        shapes: Vec<String>,
        /// Skip a shape's next size when its rate at the size before projects a run longer than this.
        #[arg(long, value_name = "SECONDS", default_value_t = 300.0)]
        budget: f64,
        /// Run the measurements in this process and print each as a JSON line (normally each runs in a child
        /// process of its own, so that its peak memory is its own).
        #[arg(long, hide = true)]
        in_process: bool,
    },
    /// The HTTP API under load: a store of --events events (Reuters-21578 ingested, then its events copied in SQL
    /// with the day shifted by a year per copy), concurrent keep-alive clients on loopback per scenario (event
    /// search, timeline, map, network): requests/s, p50/p95/p99 latency, errors and the server's peak memory;
    /// Datasette serving the same store with the same filters, side by side, when it is installed.
    Serve {
        /// Reuse (or build once and keep) the store at PATH; without it the store is built in a temporary file.
        #[arg(long, value_name = "PATH")]
        db: Option<PathBuf>,
        /// Events the store holds.
        #[arg(long, value_name = "N", default_value_t = 1_000_000)]
        events: i64,
        /// Concurrent clients.
        #[arg(long, value_name = "C", default_value_t = 8)]
        clients: usize,
        /// Requests per scenario (at most).
        #[arg(long, value_name = "N", default_value_t = 2000)]
        requests: usize,
        /// Seconds per scenario (at most).
        #[arg(long, value_name = "S", default_value_t = 30.0)]
        seconds: f64,
        /// The datasette executable (default: `datasette` on PATH; skipped when there is none).
        #[arg(long, value_name = "PATH")]
        datasette: Option<PathBuf>,
    },
}

fn shape_names() -> clap::builder::PossibleValuesParser {
    clap::builder::PossibleValuesParser::new(Shape::ALL.map(Shape::name))
}

#[derive(Clone, Copy, ValueEnum)]
pub enum ExtractionSet {
    /// scrapinghub/article-extraction-benchmark: 181 pages, word 4-gram shingle P/R/F1.
    Scrapinghub,
    /// trafilatura's evaluation pages: snippets that must and must not be in the text, and metadata.
    Trafilatura,
    /// newspaper4k's evaluation pages: word 4-gram shingle P/R/F1.
    Newspaper4k,
    /// Every source: extraction-dev's three and the extraction cache's, with peers and leave-one-source-out.
    All,
}

/// Where the shared data folder is looked for when neither `--data` nor `DYAD_SHARED_DATA` says.
const DEFAULT_DATA_DIR: &str = "../shared/data";
const DATA_DIR_VARIABLE: &str = "DYAD_SHARED_DATA";

/// The shared data folder: `--data DIR`, else `$DYAD_SHARED_DATA`, else `../shared/data`. A missing folder is an
/// error that says where it was looked for and how to point dyad at it.
pub fn data_dir(arg: &Option<PathBuf>) -> Result<PathBuf, String> {
    let (dir, from) = match (arg, std::env::var_os(DATA_DIR_VARIABLE)) {
        (Some(dir), _) => (dir.clone(), "from --data".to_string()),
        (None, Some(var)) => (PathBuf::from(var), format!("from ${DATA_DIR_VARIABLE}")),
        (None, None) => (
            PathBuf::from(DEFAULT_DATA_DIR),
            "the default, relative to the current directory".to_string(),
        ),
    };
    if dir.is_dir() {
        Ok(dir)
    } else {
        Err(format!(
            "shared data folder {} ({from}) not found; {}",
            dir.display(),
            data_dir_hint()
        ))
    }
}

/// `data`'s sub-folder `name`, or an error saying so with the same hint.
pub fn data_subdir(data: &Path, name: &str) -> Result<PathBuf, String> {
    let dir = data.join(name);
    if dir.is_dir() {
        Ok(dir)
    } else {
        Err(format!(
            "{}: no such folder in the shared data folder {}; {}",
            dir.display(),
            data.display(),
            data_dir_hint()
        ))
    }
}

fn data_dir_hint() -> String {
    format!(
        "point dyad at the shared data (the folder holding extraction-dev, petrarch and reuters21578) with \
         --data DIR or the {DATA_DIR_VARIABLE} environment variable"
    )
}

pub fn run(args: &BenchArgs) -> Result<Outcome, String> {
    let data = data_dir(&args.data)?;
    match &args.command {
        BenchCommand::Extraction {
            set,
            worst,
            cache,
            default_only,
        } => {
            let dir = data_subdir(&data, "extraction-dev")?;
            match set {
                ExtractionSet::All => {
                    let cache = cache
                        .clone()
                        .unwrap_or_else(dyad_eval::extraction_sources::default_cache_dir);
                    if !cache.is_dir() {
                        outln!(
                            "no extraction cache at {}: only extraction-dev is scored; make it with \
                             scripts/extraction-data (and scripts/extraction-peers for the peers)",
                            cache.display()
                        );
                    }
                    let mut candidates = dyad_eval::extraction_sources::extractor_candidates();
                    if *default_only {
                        candidates.truncate(1);
                    }
                    let report = dyad_eval::extraction_sources::bench_all_sources(
                        &dir,
                        &cache,
                        &candidates,
                        *worst,
                    )
                    .map_err(|e| e.to_string())?;
                    outln!("{report}");
                }
                ExtractionSet::Scrapinghub | ExtractionSet::Newspaper4k => {
                    let report = match set {
                        ExtractionSet::Scrapinghub => {
                            dyad_eval::extraction::score_scrapinghub(&dir.join("scrapinghub"))
                        }
                        _ => dyad_eval::extraction::score_newspaper4k(&dir.join("newspaper4k")),
                    }
                    .map_err(|e| e.to_string())?;
                    // The summary lines, then exactly the --worst pages (the report's own listing is fixed).
                    outln!("{}: {}", report.set, report.summary);
                    outln!("  speed: {}", report.throughput);
                    if *worst > 0 {
                        outln!("  worst pages (P/R/F1):");
                    }
                    for p in report.worst(*worst) {
                        outln!(
                            "    {:.3} {:.3} {:.3}  {}",
                            p.matched.precision(),
                            p.matched.recall(),
                            p.matched.f1(),
                            p.id
                        );
                    }
                }
                ExtractionSet::Trafilatura => {
                    let report = dyad_eval::extraction::score_trafilatura(&dir.join("trafilatura"))
                        .map_err(|e| e.to_string())?;
                    outln!("{report}");
                }
            }
            Ok(Outcome::Clean)
        }
        BenchCommand::Coding { dicts, repeat } => {
            let stories =
                dyad_eval::reuters::read_reuters_dir(&data_subdir(&data, "reuters21578")?)
                    .map_err(|e| e.to_string())?;
            let texts: Vec<StoryText> = stories.iter().map(|s| s.story_text()).collect();
            let load_started = std::time::Instant::now();
            let pipeline = load_pipeline(dicts)?;
            outln!(
                "dictionaries loaded and compiled in {:.3} s",
                load_started.elapsed().as_secs_f64()
            );
            let threads = rayon::current_num_threads();
            // Raw text to events: cleaning and sentence splitting are inside the timed part.
            let code = |story: &StoryText| {
                let mut doc = story.document();
                pipeline.code(&mut doc);
                CodingCounts {
                    sentences: doc.sentences.len(),
                    events: doc.events.len(),
                }
            };
            let mut best = None;
            for _ in 0..(*repeat).max(1) {
                let report = throughput(&texts, threads, code).map_err(|e| e.to_string())?;
                outln!("{report}");
                if best
                    .as_ref()
                    .is_none_or(|b: &dyad_eval::throughput::ThroughputReport| {
                        report.elapsed < b.elapsed
                    })
                {
                    best = Some(report);
                }
            }
            if let Some(b) = best {
                outln!("best: {:.0} sentences/s", b.sentences_per_second());
            }
            Ok(Outcome::Clean)
        }
        BenchCommand::Serve {
            db,
            events,
            clients,
            requests,
            seconds,
            datasette,
        } => bench_serve::run(&bench_serve::ServeBench {
            reuters: &data_subdir(&data, "reuters21578")?,
            db: db.clone(),
            events: *events,
            clients: *clients,
            requests: *requests,
            seconds: *seconds,
            datasette: datasette.clone(),
        }),
        BenchCommand::Ingest { dicts, repeat } => {
            bench_ingest(&data_subdir(&data, "reuters21578")?, dicts, *repeat)
        }
        BenchCommand::Dedup {
            originals,
            seed,
            half,
        } => bench_dedup(
            &data_subdir(&data, "reuters21578")?,
            *originals,
            *seed,
            half.as_deref(),
        ),
        BenchCommand::Geo => {
            let dir = data_subdir(&data, "geoparsing-dev")?;
            let scores = dyad_eval::geo::bench(&dir).map_err(|e| e.to_string())?;
            for (name, s) in &scores {
                outln!("{}", dyad_eval::geo::summary(name, s));
            }
            Ok(Outcome::Clean)
        }
        BenchCommand::Coverage {
            dicts,
            against_petrarch_config,
            top,
        } => {
            let stories =
                dyad_eval::reuters::read_reuters_dir(&data_subdir(&data, "reuters21578")?)
                    .map_err(|e| e.to_string())?;
            let docs: Vec<dyad_model::Document> = stories
                .par_iter()
                .map(|s| s.story_text().document())
                .collect();
            let coder = Coder::new(&load_dictionaries(dicts)?);
            outln!("{}", dyad_eval::coverage::coverage(&coder, &docs, *top));
            if let Some(config) = against_petrarch_config {
                let (other, _) = dyad_dict::Dictionaries::load_petrarch_config(
                    config,
                    dyad_dict::Dialect::Petrarch1,
                )
                .map_err(|e| e.to_string())?;
                let other = Coder::new(&other);
                let agreement = dyad_eval::coverage::agreement(&coder, &other, &docs)
                    .labeled("selected", "compared");
                outln!("{agreement}");
            }
            Ok(Outcome::Clean)
        }
        BenchCommand::Stress {
            sizes,
            shapes,
            budget,
            in_process,
        } => {
            // A child runs exactly its shape; the table always has the normal-news reference.
            let plan = StressPlan::new(&data, sizes, shapes, !*in_process)?;
            if *in_process {
                plan.run_here()
            } else {
                plan.run_isolated(&data, *budget)
            }
        }
    }
}

/// One timed pass of `dyad bench ingest`.
#[derive(Default, Clone, Copy)]
struct Pass {
    documents: usize,
    sentences: usize,
    events: usize,
    seconds: f64,
    /// CPU time of the whole process (every thread) during the pass: less sensitive to other load than `seconds`.
    cpu_seconds: f64,
}

impl Pass {
    fn line(&self, what: &str) -> String {
        let rate = |n: usize| n as f64 / self.seconds.max(f64::MIN_POSITIVE);
        format!(
            "{what:<6} {:>7} documents {:>8} sentences {:>7} events in {:>7.3} s: {:>7.0} documents/s {:>8.0} \
             sentences/s {:>7.0} events/s, {:>7.3} s of CPU",
            self.documents,
            self.sentences,
            self.events,
            self.seconds,
            rate(self.documents),
            rate(self.sentences),
            rate(self.events),
            self.cpu_seconds
        )
    }
}

/// Input errors counted, not printed (the bench reads a known corpus).
#[derive(Default)]
struct CountInputErrors(usize);

impl dyad_pipeline::RunObserver for CountInputErrors {
    fn input_error(&mut self, _: &dyad_ingest::IngestError) {
        self.0 += 1;
    }
}

/// CPU time (user and system, every thread) this process has used so far, in seconds; 0 where unknown.
fn process_cpu_seconds() -> f64 {
    // /proc/self/stat: utime and stime are the 12th and 13th fields after the parenthesised command name, in
    // clock ticks (100 per second on Linux).
    std::fs::read_to_string("/proc/self/stat")
        .ok()
        .and_then(|s| {
            let rest = s.get(s.rfind(')')? + 1..)?;
            let f: Vec<&str> = rest.split_whitespace().collect();
            let ticks = f.get(11)?.parse::<f64>().ok()? + f.get(12)?.parse::<f64>().ok()?;
            Some(ticks / 100.0)
        })
        .unwrap_or(0.0)
}

/// The 1-, 5- and 15-minute load averages, when the system says.
fn load_average() -> String {
    std::fs::read_to_string("/proc/loadavg")
        .ok()
        .map(|s| s.split_whitespace().take(3).collect::<Vec<_>>().join(" "))
        .unwrap_or_else(|| "n/a".into())
}

/// `dyad bench ingest`: what `dyad code DIR > /dev/null` does and what `dyad ingest DIR --db NEW` does, on the
/// same records with the same pipeline, alternately, so both see the same machine load.
fn bench_ingest(dir: &Path, dicts: &DictOptions, repeat: usize) -> Result<Outcome, String> {
    use dyad_ingest::{read_inputs, IngestOptions};
    use std::sync::atomic::{AtomicUsize, Ordering};
    let loaded = load_dictionaries(dicts)?;
    let pipeline = dyad_pipeline::Pipeline::with_coder(Coder::new(&loaded));
    let info = dyad_store::RunInfo {
        binary_version: env!("CARGO_PKG_VERSION").to_string(),
        dictionaries: "bench".into(),
        fingerprint: loaded.fingerprint(),
        options: "{}".into(),
        inputs: vec![dir.display().to_string()],
    };
    let inputs = [dir.to_path_buf()];
    let opts = IngestOptions::default();
    let work = std::env::temp_dir().join(format!("dyad-bench-ingest-{}", std::process::id()));
    std::fs::create_dir_all(&work).map_err(|e| format!("{}: {e}", work.display()))?;
    outln!(
        "{}: {} threads, load average {} at the start",
        dir.display(),
        rayon::current_num_threads(),
        load_average()
    );
    let mut rounds: Vec<(Pass, Pass)> = Vec::new();
    let mut last_store = None;
    for round in 0..repeat.max(1) {
        // (a) `dyad code` to /dev/null: read, code on the pool, write event records in input order.
        let mut code = Pass::default();
        let mut sink = std::io::sink();
        let mut errors = CountInputErrors::default();
        let cpu = process_cpu_seconds();
        let started = std::time::Instant::now();
        dyad_pipeline::run_ordered(
            read_inputs(&inputs, &opts),
            |r| pipeline.process(r),
            |doc| {
                code.documents += 1;
                code.sentences += doc.sentences.len();
                code.events += doc.events.len();
                pipeline.write_events(&doc, &mut sink)
            },
            &mut errors,
        )
        .map_err(|e| e.to_string())?;
        code.seconds = started.elapsed().as_secs_f64();
        code.cpu_seconds = process_cpu_seconds() - cpu;
        outln!("{}", code.line("code"));
        // (b) `dyad ingest` into a new store.
        let db = work.join(format!("round-{round}.db"));
        remove_store(&db);
        let sentences = AtomicUsize::new(0);
        let events = AtomicUsize::new(0);
        let cpu = process_cpu_seconds();
        let started = std::time::Instant::now();
        let mut store = dyad_store::Store::open(&db).map_err(|e| e.to_string())?;
        let counts = dyad_store::ingest::ingest_records(
            &mut store,
            &pipeline,
            &info,
            read_inputs(&inputs, &opts),
            &|doc: &dyad_model::Document| {
                sentences.fetch_add(doc.sentences.len(), Ordering::Relaxed);
                events.fetch_add(doc.events.len(), Ordering::Relaxed);
            },
            &mut errors,
        )
        .map_err(|e| e.to_string())?;
        let ingest = Pass {
            documents: counts.records_seen as usize,
            sentences: sentences.into_inner(),
            events: events.into_inner(),
            seconds: started.elapsed().as_secs_f64(),
            cpu_seconds: process_cpu_seconds() - cpu,
        };
        outln!(
            "{}  (ingest/code throughput {:.2}, CPU {:.2}x)",
            ingest.line("ingest"),
            code.seconds / ingest.seconds.max(f64::MIN_POSITIVE),
            ingest.cpu_seconds / code.cpu_seconds.max(f64::MIN_POSITIVE)
        );
        rounds.push((code, ingest));
        if let Some(previous) = last_store.replace(db.clone()) {
            remove_store(&previous);
        }
        drop(store);
    }
    let best = |f: fn(&(Pass, Pass)) -> Pass| {
        rounds
            .iter()
            .map(f)
            .min_by(|a, b| a.seconds.total_cmp(&b.seconds))
            .unwrap_or_default()
    };
    let (code, ingest) = (best(|r| r.0), best(|r| r.1));
    let mut ratios: Vec<f64> = rounds
        .iter()
        .map(|(c, i)| c.seconds / i.seconds.max(f64::MIN_POSITIVE))
        .collect();
    ratios.sort_by(f64::total_cmp);
    outln!("best of {}:", rounds.len());
    outln!("  {}", code.line("code"));
    outln!("  {}", ingest.line("ingest"));
    outln!(
        "  ingest throughput / code throughput: {:.2} (best against best), median of the rounds {:.2} (aim >= 0.50); \
         load average {} at the end",
        code.seconds / ingest.seconds.max(f64::MIN_POSITIVE),
        ratios[ratios.len() / 2],
        load_average()
    );
    if let Some(db) = last_store {
        let store = dyad_store::Store::open(&db).map_err(|e| e.to_string())?;
        store
            .connection()
            .query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |_| Ok(()))
            .map_err(|e| format!("{}: checkpoint: {e}", db.display()))?;
        let size = |suffix: &str| {
            let mut p = db.clone().into_os_string();
            p.push(suffix);
            std::fs::metadata(&p).map(|m| m.len()).unwrap_or(0)
        };
        let bytes = size("") + size("-wal");
        let counts = store.counts().map_err(|e| e.to_string())?;
        outln!(
            "  store: {} documents in {} stories, {} events; {:.1} MB after a checkpoint ({:.2} MB per 1,000 \
             documents)",
            counts.documents,
            counts.stories,
            counts.events,
            bytes as f64 / 1e6,
            bytes as f64 / 1e6 * 1000.0 / (counts.documents.max(1) as f64)
        );
        drop(store);
        remove_store(&db);
    }
    let _ = std::fs::remove_dir(&work);
    Ok(Outcome::Clean)
}

/// `dyad bench dedup`: the synthetic set and Reuters-21578 through a temporary store.
fn bench_dedup(
    dir: &Path,
    originals: usize,
    seed: u64,
    half: Option<&str>,
) -> Result<Outcome, String> {
    use dyad_eval::dedup::{self as dd, Original};
    let stories = dyad_eval::reuters::read_reuters_dir(dir).map_err(|e| e.to_string())?;
    let pipeline = dyad_pipeline::Pipeline::extraction();
    let work = std::env::temp_dir().join(format!("dyad-bench-dedup-{}", std::process::id()));
    std::fs::create_dir_all(&work).map_err(|e| format!("{}: {e}", work.display()))?;
    let db = work.join("dedup.db");
    outln!("load average {} at the start", load_average());
    // Originals: long bodies, none a near-duplicate of another (else the gold would miss true pairs).
    let long: Vec<&dyad_eval::reuters::ReutersStory> = stories
        .iter()
        .filter(|s| {
            s.title.is_some()
                && s.body
                    .as_deref()
                    .is_some_and(|b| b.split_whitespace().count() >= 80)
        })
        .collect();
    let texts: Vec<String> = long.iter().map(|s| s.text()).collect();
    let mut near: std::collections::HashSet<usize> = std::collections::HashSet::new();
    for (i, j, _) in dd::exact_pairs(&texts, 0.2) {
        near.insert(i);
        near.insert(j);
    }
    let half_keeps = |i: usize| match half {
        Some("even") => i.is_multiple_of(2),
        Some("odd") => i % 2 == 1,
        _ => true,
    };
    let chosen: Vec<Original> = long
        .iter()
        .enumerate()
        .filter(|(i, _)| !near.contains(i))
        .map(|(_, s)| Original {
            title: s.title.clone().unwrap_or_default(),
            body: s.body.clone().unwrap_or_default(),
        })
        .take(originals)
        .enumerate()
        .filter(|(i, _)| half_keeps(*i))
        .map(|(_, o)| o)
        .collect();
    let articles = dd::synthetic_set(&chosen, seed);
    let records: Vec<_> = articles
        .iter()
        .enumerate()
        .map(|(i, a)| {
            dd::record(
                a.content.clone(),
                a.html,
                format!("https://synthetic.example/{i}"),
            )
        })
        .collect();
    let clean: Vec<String> = records
        .iter()
        .map(|r| dyad_pipeline::document_of(r.clone()).text)
        .collect();
    let started = std::time::Instant::now();
    let signatures: Vec<_> = clean
        .iter()
        .map(|t| dyad_store::dedup::Signature::of_text(t))
        .collect();
    let signing = started.elapsed();
    drop(signatures);
    let (story_of, ingest) =
        dd::store_stories(&db, &pipeline, records).map_err(|e| e.to_string())?;
    let mut report = dd::score_synthetic(&articles, &story_of, ingest);
    report.similarity = dd::copy_similarities(&articles, &clean);
    let per_10k = |d: std::time::Duration, n: usize| d.as_secs_f64() * 10_000.0 / n.max(1) as f64;
    outln!(
        "synthetic: {} originals (Reuters bodies of >= 80 words, no two with shingle Jaccard >= 0.2{}), {} articles, seed {seed}",
        report.originals,
        half.map(|h| format!(", {h} half")).unwrap_or_default(),
        report.articles
    );
    outln!("  all pairs: {}", report.overall);
    for ((kind, score), (_, mean, below)) in report.per_kind.iter().zip(&report.similarity) {
        outln!(
            "  {:<16} {}  (exact J to original: mean {mean:.3}, {:.1}% below {})",
            kind.name(),
            score,
            100.0 * below,
            dyad_store::dedup::DUPLICATE_SIMILARITY
        );
    }
    outln!(
        "  time per 10k articles: {:.2} s store ingest (clean, sign, find the story, write; one run on {} threads), \
         {:.3} s signatures alone (one thread)",
        per_10k(report.ingest, report.articles),
        rayon::current_num_threads(),
        per_10k(signing, report.articles)
    );
    // Reuters-21578 itself: every story, gold from exact similarities.
    let texts: Vec<String> = stories.iter().map(|s| s.text()).collect();
    let records: Vec<_> = stories
        .iter()
        .zip(&texts)
        .map(|(s, t)| dd::record(t.clone(), false, format!("reuters://{}", s.new_id)))
        .collect();
    let (story_of, ingest) =
        dd::store_stories(&db, &pipeline, records).map_err(|e| e.to_string())?;
    let r = dd::score_against_exact(&texts, &story_of, ingest, 10);
    outln!(
        "reuters21578: {} stories; gold: {} pairs with exact 5-word-shingle Jaccard >= {} (inverted index, {:.2} s)",
        r.stories,
        r.score.gold,
        dyad_store::dedup::DUPLICATE_SIMILARITY,
        r.exact_pairs_time.as_secs_f64()
    );
    outln!("  {}", r.score);
    for (lo, gold, found) in &r.by_similarity {
        outln!("  J >= {lo:.1}: {found} of {gold} found");
    }
    outln!(
        "  time per 10k articles: {:.2} s store ingest",
        per_10k(r.ingest, r.stories)
    );
    outln!("  sample of found pairs (similarity, first 80 characters of each):");
    let head = |t: &str| -> String {
        t.split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
            .chars()
            .take(80)
            .collect()
    };
    for (s, a, b) in &r.sample {
        outln!("    {s:.3}  [{}] {}", stories[*a].new_id, head(&texts[*a]));
        outln!("           [{}] {}", stories[*b].new_id, head(&texts[*b]));
    }
    let _ = std::fs::remove_dir(&work);
    Ok(Outcome::Clean)
}

/// Removes a store file and its journal files, if there.
fn remove_store(db: &Path) {
    for suffix in ["", "-wal", "-shm", "-journal"] {
        let mut p = db.to_path_buf().into_os_string();
        p.push(suffix);
        let _ = std::fs::remove_file(&p);
    }
}

/// What `dyad bench stress` runs: shapes (normal news first, as the reference) at sizes, with the news sample.
struct StressPlan {
    shapes: Vec<Shape>,
    /// (MB as given, bytes).
    sizes: Vec<(f64, usize)>,
    seed: PathBuf,
    reuters: PathBuf,
}

impl StressPlan {
    fn new(
        data: &Path,
        sizes: &[f64],
        names: &[String],
        with_reference: bool,
    ) -> Result<StressPlan, String> {
        if let Some(bad) = sizes.iter().find(|&&mb| !(mb > 0.0 && mb <= 4_000.0)) {
            return Err(format!(
                "--sizes: {bad} MB is not a size between 0 and 4000 MB"
            ));
        }
        let seed = data.join("..").join("examples").join("seed-article.txt");
        if !seed.is_file() {
            return Err(format!(
                "{}: the seed article (beside the shared data folder) not found; {}",
                seed.display(),
                data_dir_hint()
            ));
        }
        Ok(StressPlan {
            shapes: Shape::ALL
                .into_iter()
                .filter(|s| {
                    names.is_empty()
                        || (with_reference && *s == Shape::NormalNews)
                        || names.iter().any(|n| n == s.name())
                })
                .collect(),
            sizes: sizes
                .iter()
                .map(|&mb| (mb, (mb * 1e6).round() as usize))
                .collect(),
            seed,
            reuters: data_subdir(data, "reuters21578")?,
        })
    }

    /// Every run in this process, one JSON line each ([`StressRun`]): what a child process does.
    fn run_here(&self) -> Result<Outcome, String> {
        let news = NewsSample::read(&self.seed, &self.reuters).map_err(|e| e.to_string())?;
        let pipeline = dyad_pipeline::Pipeline::builtin().map_err(|e| e.to_string())?;
        for &shape in &self.shapes {
            for &(_, size) in &self.sizes {
                let run = stress::run(&pipeline, shape, size, &news);
                outln!(
                    "{}",
                    serde_json::to_string(&run).map_err(|e| e.to_string())?
                );
            }
        }
        Ok(Outcome::Clean)
    }

    /// Every run in a child process of its own (`dyad bench stress --in-process` for one shape and size), so that
    /// its peak memory is its own and a crash or an abort costs one row; the table is printed row by row.
    fn run_isolated(&self, data: &Path, budget: f64) -> Result<Outcome, String> {
        let exe =
            std::env::current_exe().map_err(|e| format!("cannot find the dyad binary: {e}"))?;
        outln!(
            "one thread, each run in a fresh process; aims: >= {} MB/s, peak memory < {}x input, output < {}x \
             input, at most {}x slower per byte than normal-news at the same size",
            stress::aims::MIN_MEGABYTES_PER_SECOND,
            stress::aims::MAX_PEAK_MEMORY_RATIO,
            stress::aims::MAX_OUTPUT_RATIO,
            stress::aims::MAX_SLOWDOWN_VS_NEWS
        );
        outln!(
            "{:<18} {:<4} {:>5} {:>7} {:>6} {:>7} {:>7} {:>7} {:>7} {:>6} {:>7} {:>6}  {:<23} limits",
            "shape",
            "kind",
            "MB",
            "s",
            "MB/s",
            "peak MB",
            "peak/in",
            "events",
            "doc",
            "out/in",
            "sents",
            "events",
            "aims"
        );
        let mut news_runs: Vec<Option<StressRun>> = vec![None; self.sizes.len()];
        let mut misses = Vec::new();
        for &shape in &self.shapes {
            let mut previous: Option<f64> = None;
            for (i, &(mb, size)) in self.sizes.iter().enumerate() {
                let lead = format!(
                    "{:<18} {:<4} {:>5}",
                    shape.name(),
                    kind_name(shape),
                    megabytes(size as u64)
                );
                if let Some(mbps) = previous {
                    let projected = size as f64 / 1e6 / mbps.max(f64::MIN_POSITIVE);
                    if projected > budget {
                        outln!(
                            "{lead} skipped: at {mbps:.2} MB/s it would take about {projected:.0} s \
                             (--budget {budget})"
                        );
                        misses.push(format!(
                            "{} {} MB: skipped",
                            shape.name(),
                            megabytes(size as u64)
                        ));
                        continue;
                    }
                }
                let run = match run_child(&exe, data, shape, mb) {
                    Ok(run) => run,
                    Err(why) => {
                        outln!("{lead} failed: {why}");
                        misses.push(format!(
                            "{} {} MB: failed",
                            shape.name(),
                            megabytes(size as u64)
                        ));
                        previous = None;
                        continue;
                    }
                };
                let met = run.aims(news_runs[i].as_ref());
                outln!(
                    "{lead} {:>7.3} {:>6.2} {:>7} {:>7} {:>7} {:>7} {:>6.2} {:>7} {:>6}  {:<23} {}",
                    run.elapsed.as_secs_f64(),
                    run.megabytes_per_second(),
                    run.peak_memory_bytes.map_or("n/a".to_string(), megabytes),
                    run.memory_ratio()
                        .map_or("n/a".to_string(), |r| format!("{r:.1}x")),
                    megabytes(run.event_bytes),
                    megabytes(run.document_bytes),
                    run.output_ratio(),
                    run.sentences,
                    run.events,
                    aims_cell(&met),
                    limits_cell(&run)
                );
                if !met.all() {
                    misses.push(format!(
                        "{} {} MB: {}",
                        shape.name(),
                        megabytes(run.input_bytes as u64),
                        aims_cell(&met)
                    ));
                }
                previous = Some(run.megabytes_per_second());
                if shape == Shape::NormalNews {
                    news_runs[i] = Some(run);
                }
            }
        }
        if misses.is_empty() {
            outln!("every shape meets every aim at every size");
        } else {
            outln!("aims missed:");
            for m in misses {
                outln!("  {m}");
            }
        }
        Ok(Outcome::Clean)
    }
}

/// One shape at one size in a child process: its [`StressRun`], or why there is none.
fn run_child(exe: &Path, data: &Path, shape: Shape, mb: f64) -> Result<StressRun, String> {
    let out = std::process::Command::new(exe)
        .arg("bench")
        .arg("--data")
        .arg(data)
        .args(["stress", "--in-process", "--shape", shape.name(), "--sizes"])
        .arg(mb.to_string())
        .stdin(std::process::Stdio::null())
        .output()
        .map_err(|e| format!("cannot start {}: {e}", exe.display()))?;
    let stdout = String::from_utf8_lossy(&out.stdout);
    let line = stdout.lines().last().unwrap_or_default();
    if !out.status.success() || line.is_empty() {
        let stderr = String::from_utf8_lossy(&out.stderr);
        return Err(format!(
            "{} ({})",
            out.status,
            stderr.lines().last().unwrap_or("no message")
        ));
    }
    serde_json::from_str(line).map_err(|e| format!("unreadable result {line:?}: {e}"))
}

fn kind_name(shape: Shape) -> &'static str {
    match shape.kind() {
        dyad_ingest::ContentKind::Html => "html",
        dyad_ingest::ContentKind::Text => "text",
    }
}

/// Bytes as MB (10^6), with as many decimals as small sizes need.
fn megabytes(bytes: u64) -> String {
    let mb = bytes as f64 / 1e6;
    if mb >= 10.0 || mb == 0.0 {
        format!("{mb:.1}")
    } else if mb >= 0.1 {
        format!("{mb:.2}")
    } else {
        format!("{mb:.4}")
    }
}

/// "ok", or the aims missed; "(memory n/a)" where memory cannot be measured.
fn aims_cell(met: &stress::AimsMet) -> String {
    let mut missed = Vec::new();
    if !met.speed {
        missed.push("speed");
    }
    if met.memory == Some(false) {
        missed.push("memory");
    }
    if !met.output {
        missed.push("output");
    }
    if met.relative == Some(false) {
        missed.push("vs-news");
    }
    let cell = if missed.is_empty() {
        "ok".to_string()
    } else {
        format!("MISS {}", missed.join(","))
    };
    if met.memory.is_none() {
        format!("{cell} (memory n/a)")
    } else {
        cell
    }
}

fn limits_cell(run: &StressRun) -> String {
    if run.limits.is_empty() {
        return "-".to_string();
    }
    run.limits
        .iter()
        .map(|h| format!("{} x{}", stress::limit_name(h.limit), h.times))
        .collect::<Vec<_>>()
        .join(", ")
}
