//! `dyad bench`: extraction quality and speed on extraction-dev, and end-to-end coding throughput on Reuters.

use crate::dictionaries::{load_dictionaries, load_pipeline, DictOptions};
use crate::outln;
use crate::Outcome;
use clap::{Args, Subcommand, ValueEnum};
use dyad_coding::Coder;
use dyad_eval::reuters::StoryText;
use dyad_eval::throughput::{throughput, CodingCounts};
use rayon::prelude::*;
use std::path::PathBuf;

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
        #[arg(long, value_enum, default_value = "scrapinghub")]
        set: ExtractionSet,
        /// Also list the N worst pages.
        #[arg(long, default_value_t = 0)]
        worst: usize,
    },
    /// Code Reuters-21578 end to end (raw text → clean → sentences → events) and report sentences/s.
    Coding {
        #[command(flatten)]
        dicts: DictOptions,
        /// Repetitions over the corpus (the best is reported).
        #[arg(long, default_value_t = 3)]
        repeat: usize,
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
}

#[derive(Clone, Copy, ValueEnum)]
pub enum ExtractionSet {
    Scrapinghub,
    Trafilatura,
    Newspaper4k,
}

pub fn data_dir(arg: &Option<PathBuf>) -> PathBuf {
    arg.clone()
        .or_else(|| std::env::var_os("DYAD_SHARED_DATA").map(PathBuf::from))
        .unwrap_or_else(|| PathBuf::from("../shared/data"))
}

pub fn run(args: &BenchArgs) -> Result<Outcome, String> {
    let data = data_dir(&args.data);
    match &args.command {
        BenchCommand::Extraction { set, worst } => {
            let dir = data.join("extraction-dev");
            match set {
                ExtractionSet::Scrapinghub | ExtractionSet::Newspaper4k => {
                    let report = match set {
                        ExtractionSet::Scrapinghub => {
                            dyad_eval::extraction::score_scrapinghub(&dir.join("scrapinghub"))
                        }
                        _ => dyad_eval::extraction::score_newspaper4k(&dir.join("newspaper4k")),
                    }
                    .map_err(|e| e.to_string())?;
                    outln!("{report}");
                    for page in report.worst(*worst) {
                        outln!(
                            "  {}  P {:.3} R {:.3} F1 {:.3}",
                            page.id,
                            page.matched.precision(),
                            page.matched.recall(),
                            page.matched.f1()
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
            let stories = dyad_eval::reuters::read_reuters_dir(&data.join("reuters21578"))
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
        BenchCommand::Coverage {
            dicts,
            against_petrarch_config,
            top,
        } => {
            let stories = dyad_eval::reuters::read_reuters_dir(&data.join("reuters21578"))
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
    }
}
