//! `dyad validate`: runs a TABARI or PETRARCH validation suite from its raw sentence text with the suite's own
//! dictionaries and prints records passed, event precision/recall and failures by category; or scores dyad's own
//! hand-coded news sentences (`dev-news`) with the built-in dictionaries.

use crate::bench::{data_dir, data_subdir};
use crate::outln;
use crate::Outcome;
use clap::{Args, ValueEnum};
use std::path::PathBuf;

#[derive(Args)]
pub struct ValidateArgs {
    /// Which suite to run.
    #[arg(value_enum)]
    pub suite: SuiteName,
    /// The shared data folder, holding petrarch/ (default: $DYAD_SHARED_DATA, else ../shared/data).
    #[arg(long, value_name = "DIR")]
    pub data: Option<PathBuf>,
    /// List every failed record with expected and coded events.
    #[arg(long)]
    pub failures: bool,
}

#[derive(Clone, Copy, ValueEnum)]
pub enum SuiteName {
    /// TABARI Validate.text with Validate.project's dictionaries.
    Tabari,
    /// PETRARCH-1 PETR.UnitTest.records.xml with the PETR.Validate.* dictionaries.
    Petrarch,
    /// dyad's dev set: 186 Reuters-21578 sentences coded by hand (crates/eval/data/dev-news), with the built-in
    /// dictionaries; the tuning part and the part set aside (never tuned on) apart.
    DevNews,
}

pub fn run(args: &ValidateArgs) -> Result<Outcome, String> {
    let shared = data_dir(&args.data)?;
    let petrarch = |suite: &str| data_subdir(&data_subdir(&shared, "petrarch")?, suite);
    let report = match args.suite {
        SuiteName::Tabari => dyad_eval::coding_suites::run_tabari(&petrarch("tabari")?),
        SuiteName::Petrarch => dyad_eval::coding_suites::run_petrarch(&petrarch("petrarch1")?),
        SuiteName::DevNews => {
            let report = dyad_eval::dev_news::run_builtin(&shared).map_err(|e| e.to_string())?;
            outln!("tune:  {}\naside: {}", report.tune, report.aside);
            return Ok(Outcome::Clean);
        }
    }
    .map_err(|e| e.to_string())?;
    if args.failures {
        outln!("{report:#}");
    } else {
        outln!("{report}");
    }
    Ok(Outcome::Clean)
}
