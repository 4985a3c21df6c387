//! Dictionary options on the command line, and `dyad dict` (check and search what a set of dictionaries holds).
//!
//! With no option, dyad's own dictionaries are used. `--actors`/`--agents`/`--verbs`/... add the user's files to
//! them (the user's entry wins where both have the same phrase), `--no-builtin` drops dyad's own, and
//! `--tabari-project` / `--petrarch-config` load exactly the set such a project or config names. The options map
//! onto [`DictionarySelection`]; loading is the pipeline library's.

use crate::outln;
use crate::Outcome;
use clap::{Args, Subcommand, ValueEnum};
use dyad_dict::{Dialect, Dictionaries, LoadReport};
use dyad_pipeline::{DictionarySelection, Pipeline};
use std::path::PathBuf;

#[derive(Args, Clone, Default)]
pub struct DictOptions {
    /// Load the dictionaries a TABARI `.project` file names.
    #[arg(long, value_name = "FILE", conflicts_with = "petrarch_config")]
    pub tabari_project: Option<PathBuf>,
    /// Load the dictionaries a PETRARCH `PETR_config.ini` names.
    #[arg(long, value_name = "FILE")]
    pub petrarch_config: Option<PathBuf>,
    /// Actor dictionary to add (repeatable).
    #[arg(long, value_name = "FILE")]
    pub actors: Vec<PathBuf>,
    /// Agent dictionary to add (repeatable).
    #[arg(long, value_name = "FILE")]
    pub agents: Vec<PathBuf>,
    /// Verb dictionary to add (repeatable).
    #[arg(long, value_name = "FILE")]
    pub verbs: Vec<PathBuf>,
    /// Discard list to add (repeatable).
    #[arg(long, value_name = "FILE")]
    pub discards: Vec<PathBuf>,
    /// Issue dictionary to add (repeatable).
    #[arg(long, value_name = "FILE")]
    pub issues: Vec<PathBuf>,
    /// Syntax of the files given with --actors/--agents/--verbs (and of a PETRARCH config's verb file).
    #[arg(long, value_enum, default_value = "petrarch1")]
    pub dialect: DialectArg,
    /// Do not load dyad's own dictionaries under the files given.
    #[arg(long)]
    pub no_builtin: bool,
}

#[derive(Clone, Copy, Default, ValueEnum)]
pub enum DialectArg {
    Tabari,
    #[default]
    Petrarch1,
    Petrarch2,
}

impl DialectArg {
    fn dialect(self) -> Dialect {
        match self {
            DialectArg::Tabari => Dialect::Tabari,
            DialectArg::Petrarch1 => Dialect::Petrarch1,
            DialectArg::Petrarch2 => Dialect::Petrarch2,
        }
    }
}

impl DictOptions {
    pub fn selection(&self) -> DictionarySelection {
        DictionarySelection {
            tabari_project: self.tabari_project.clone(),
            petrarch_config: self.petrarch_config.clone(),
            actors: self.actors.clone(),
            agents: self.agents.clone(),
            verbs: self.verbs.clone(),
            discards: self.discards.clone(),
            issues: self.issues.clone(),
            dialect: self.dialect.dialect(),
            no_builtin: self.no_builtin,
        }
    }
}

/// Dictionary warnings printed in full before the rest are only counted (`dyad dict check` lists them all).
const WARNINGS_SHOWN: usize = 3;

/// Loads the selected dictionaries and prints the first warnings (file:line) and a count to standard error.
pub fn load_dictionaries(opts: &DictOptions) -> Result<Dictionaries, String> {
    let (dicts, report) = load_with_report(opts)?;
    print_warnings(&report);
    Ok(dicts)
}

/// The pipeline with the selected dictionaries; warnings as [`load_dictionaries`] prints them.
pub fn load_pipeline(opts: &DictOptions) -> Result<Pipeline, String> {
    let (pipeline, report) =
        Pipeline::from_selection(&opts.selection()).map_err(|e| e.to_string())?;
    print_warnings(&report);
    Ok(pipeline)
}

pub(crate) fn print_warnings(report: &LoadReport) {
    for w in report.warnings.iter().take(WARNINGS_SHOWN) {
        eprintln!("dyad: dictionary warning: {w}");
    }
    if report.warnings.len() > WARNINGS_SHOWN {
        eprintln!(
            "dyad: {} more dictionary warnings; `dyad dict check` with the same options lists them all",
            report.warnings.len() - WARNINGS_SHOWN
        );
    }
}

fn load_with_report(opts: &DictOptions) -> Result<(Dictionaries, LoadReport), String> {
    opts.selection().load().map_err(|e| e.to_string())
}

#[derive(Args)]
pub struct DictArgs {
    #[command(subcommand)]
    pub command: DictCommand,
}

#[derive(Subcommand)]
pub enum DictCommand {
    /// Load the dictionaries, print what they hold and every problem found (file:line); exit 1 on any problem.
    Check {
        #[command(flatten)]
        dicts: DictOptions,
    },
    /// Find actor, agent and verb entries whose words contain WORD (case-insensitive).
    Search {
        /// The word or part of a word to look for, e.g. `lavrov` or `sanction`.
        word: String,
        #[command(flatten)]
        dicts: DictOptions,
    },
}

pub fn run(args: &DictArgs) -> Result<Outcome, String> {
    match &args.command {
        DictCommand::Check { dicts } => {
            let (d, report) = load_with_report(dicts)?;
            outln!(
                "{} actor entries, {} agent entries, {} verb blocks ({} verbs, {} patterns), {} synsets, \
                 {} discards, {} files",
                d.actors.entries.len(),
                d.agents.entries.len(),
                d.verbs.blocks.len(),
                d.verbs.blocks.iter().map(|b| b.verbs.len()).sum::<usize>(),
                d.verbs.blocks.iter().map(|b| b.patterns.len()).sum::<usize>(),
                d.verbs.synsets.len(),
                d.discards.entries.len(),
                d.files.len(),
            );
            for w in &report.warnings {
                outln!("warning: {w}");
            }
            outln!("{} warnings", report.warnings.len());
            Ok(if report.is_clean() {
                Outcome::Clean
            } else {
                Outcome::SomeFailed
            })
        }
        DictCommand::Search { word, dicts } => {
            let (d, _) = load_with_report(dicts)?;
            let needle = word.to_uppercase();
            let mut found = 0usize;
            for e in &d.actors.entries {
                if e.phrases.iter().any(|p| p.text().contains(&needle)) {
                    found += 1;
                    let names: Vec<String> = e.phrases.iter().map(|p| p.text()).collect();
                    let codes: Vec<String> = e.codes.iter().map(dated_code).collect();
                    outln!(
                        "actor  {}  [{}]  {}",
                        names.join(" | "),
                        codes.join("] ["),
                        e.loc
                    );
                }
            }
            for e in &d.agents.entries {
                if e.phrase.text().contains(&needle) {
                    found += 1;
                    outln!("agent  {}  [{}]  {}", e.phrase.text(), e.code.code, e.loc);
                }
            }
            for b in &d.verbs.blocks {
                for v in &b.verbs {
                    if v.phrase.text().contains(&needle) {
                        found += 1;
                        let code = b
                            .code_for(v)
                            .map(|c| c.primary.as_str())
                            .unwrap_or_default();
                        outln!(
                            "verb   {}  [{}]  {} patterns  {}",
                            v.phrase.text(),
                            code,
                            b.patterns.len(),
                            b.loc
                        );
                    }
                }
            }
            if found == 0 {
                eprintln!("dyad: no actor, agent or verb entry contains {word:?}");
                return Ok(Outcome::SomeFailed);
            }
            Ok(Outcome::Clean)
        }
    }
}

/// A code with its date restriction as the dictionaries write it: `RUSGOV >20040309`, `USAGOV 20090120-20170120`.
fn dated_code(c: &dyad_dict::DatedCode) -> String {
    use dyad_dict::DateRestriction as R;
    match c.restriction {
        R::Default => c.code.clone(),
        R::OnOrBefore(d) => format!("{} <{}", c.code, d.yyyymmdd()),
        R::OnOrAfter(d) => format!("{} >{}", c.code, d.yyyymmdd()),
        R::Between(a, b) => format!("{} {}-{}", c.code, a.yyyymmdd(), b.yyyymmdd()),
    }
}
