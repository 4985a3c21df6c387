//! `dyad validate`: runs a TABARI, PETRARCH-1, PETRARCH-2 or UD-PETRARCH validation suite from its raw sentence
//! text with the suite's own dictionaries (or, with `--builtin`, dyad's) and prints records passed, event
//! precision/recall, tables by record category and by CAMEO root, and failures; or scores dyad's own hand-coded
//! news sentences (`dev-news`) with the built-in dictionaries.

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
    /// Code with dyad's built-in dictionaries and default options instead of the suite's own dictionaries and
    /// settings (closest to what `dyad code` does with news; actor codes only match where the suite uses real
    /// country codes, as ud-petrarch does).
    #[arg(long)]
    pub builtin: bool,
}

#[derive(Clone, Copy, ValueEnum)]
pub enum SuiteName {
    /// TABARI Validate.text with Validate.project's dictionaries.
    Tabari,
    /// PETRARCH-1 PETR.UnitTest.records.xml with the PETR.Validate.* dictionaries.
    Petrarch,
    /// PETRARCH-2 functional suite PETR_Validate_records_2_02.xml with its PETR_Validate_*_2_02 dictionaries.
    Petrarch2,
    /// UD-PETRARCH PETR2_GSR_validation.xml (78 news sentences) with the Phoenix dictionaries.
    UdPetrarch,
    /// dyad's dev set: 448 Reuters-21578 sentences coded by hand (crates/eval/data/dev-news), with the built-in
    /// dictionaries; the tuning part and the part set aside (never tuned on) apart.
    DevNews,
}

pub fn run(args: &ValidateArgs) -> Result<Outcome, String> {
    let shared = data_dir(&args.data)?;
    let family = || data_subdir(&shared, "petrarch");
    let petrarch = |suite: &str| data_subdir(&family()?, suite);
    use dyad_eval::coding_suites as suites;
    let report = match (args.suite, args.builtin) {
        (SuiteName::DevNews, true) => {
            return Err(
                "dev-news is always coded with the built-in dictionaries; drop --builtin".into(),
            )
        }
        (SuiteName::Tabari, false) => suites::run_tabari(&petrarch("tabari")?),
        (SuiteName::Tabari, true) => {
            suites::run_builtin(&petrarch("tabari")?.join("Validate.project"))
        }
        (SuiteName::Petrarch, false) => suites::run_petrarch(&petrarch("petrarch1")?),
        (SuiteName::Petrarch, true) => {
            suites::run_builtin(&petrarch("petrarch1")?.join("text/PETR.UnitTest.records.xml"))
        }
        (SuiteName::Petrarch2, false) => suites::run_petrarch2(&family()?),
        (SuiteName::Petrarch2, true) => {
            suites::run_builtin(&family()?.join(suites::PETRARCH2_SUITE))
        }
        (SuiteName::UdPetrarch, false) => suites::run_ud_petrarch(&family()?),
        (SuiteName::UdPetrarch, true) => {
            suites::run_builtin(&family()?.join(suites::UD_PETRARCH_SUITE))
        }
        (SuiteName::DevNews, false) => {
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
