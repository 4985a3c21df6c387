//! `dyad validate`: runs a TABARI or PETRARCH validation suite from its raw sentence text with the suite's own
//! dictionaries and prints records passed, event precision/recall and failures by category.

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
}

pub fn run(args: &ValidateArgs) -> Result<Outcome, String> {
    let data = data_subdir(&data_dir(&args.data)?, "petrarch")?;
    let report = match args.suite {
        SuiteName::Tabari => dyad_eval::coding_suites::run_tabari(&data_subdir(&data, "tabari")?),
        SuiteName::Petrarch => {
            dyad_eval::coding_suites::run_petrarch(&data_subdir(&data, "petrarch1")?)
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
