//! `dyad validate`: runs a TABARI or PETRARCH validation suite from its raw sentence text with the suite's own
//! dictionaries and prints records passed, event precision/recall and failures by category.

use crate::bench::data_dir;
use crate::Outcome;
use clap::{Args, ValueEnum};
use std::path::PathBuf;

#[derive(Args)]
pub struct ValidateArgs {
    /// Which suite to run.
    #[arg(value_enum)]
    pub suite: SuiteName,
    /// The shared data folder (default: $DYAD_SHARED_DATA, else ../shared/data).
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
    let data = data_dir(&args.data).join("petrarch");
    let _ = (&data, args.failures);
    Err(match args.suite {
        SuiteName::Tabari | SuiteName::Petrarch => "validate: not wired yet".to_string(),
    })
}
