//! Runs dyad's coder on the field's validation suites, the way each suite's own tool runs: the suite's own
//! dictionaries, its settings file, and the settings each record has in force (TABARI OPTION records, PETRARCH
//! `<Config>` elements). Sentence text only — never the suites' parse trees.

use crate::suite::{suite_dict_files, CodedTriple, DictionaryKind, Suite, SuiteError, SuiteRecord};
use crate::validation::{run_suite, SuiteReport};
use dyad_coding::{Coder, CoderOptions, DocumentContext};
use dyad_dict::Dictionaries;
use dyad_model::Event;
use std::collections::HashMap;
use std::path::Path;

/// Why a suite could not be run.
#[derive(Debug, thiserror::Error)]
pub enum SuiteRunError {
    #[error(transparent)]
    Suite(#[from] SuiteError),
    #[error(transparent)]
    Dictionary(#[from] dyad_dict::DictError),
    #[error("{path}: {source}")]
    Settings {
        path: String,
        source: std::io::Error,
    },
}

/// The coded triples of one record, as the suites write them (an empty target is `---`).
pub fn coded_triples(coder: &Coder, record: &SuiteRecord) -> Vec<CodedTriple> {
    triples_of(&coder.code_sentence(&record.text, record.date.as_deref()))
}

fn triples_of(events: &[Event]) -> Vec<CodedTriple> {
    events
        .iter()
        .map(|e| {
            let target = if e.target.is_empty() {
                "---"
            } else {
                &e.target
            };
            CodedTriple::new(&e.source, target, &e.cameo)
        })
        .collect()
}

/// TABARI's `Validate.text` with the dictionaries and `.options` file its `Validate.project` names.
///
/// Records are coded in suite order, as TABARI reads them: each with the `.options` file and then the OPTION
/// commands of the records before it, and, while `FORWARD:` is on, consecutive records of one story (the same id
/// up to its last `-`) share pronoun context.
pub fn run_tabari(tabari_dir: &Path) -> Result<SuiteReport, SuiteRunError> {
    let suite = Suite::load(&tabari_dir.join("Validate.project"), &[])?;
    let (dicts, _warnings) = Dictionaries::load(&suite_dict_files(&suite))?;
    let mut base = CoderOptions::tabari();
    for options in suite.dictionaries_of(DictionaryKind::Options) {
        let text = read_settings(&options.path)?;
        base.apply_tabari_options_file(&text);
    }
    let coder = Coder::with_options(&dicts, base.clone());
    let mut by_settings: HashMap<&[(String, String)], Coder> = HashMap::new();
    let mut coded: HashMap<usize, Vec<CodedTriple>> = HashMap::new();
    let mut story: Option<(&str, DocumentContext)> = None;
    for r in &suite.records {
        let current = by_settings.entry(&r.settings).or_insert_with(|| {
            let mut o = base.clone();
            for (_, command) in &r.settings {
                o.apply_tabari_command(command);
            }
            coder.reconfigured(o)
        });
        let forward = r.settings.iter().rev().find_map(|(_, c)| {
            let c = c.trim_start().to_ascii_uppercase();
            c.starts_with("FORWARD:").then(|| !c.contains("OFF"))
        });
        let events = if forward == Some(true) {
            let id = r.id.rsplit_once('-').map_or(r.id.as_str(), |x| x.0);
            if story.as_ref().is_none_or(|(s, _)| *s != id) {
                story = Some((id, DocumentContext::default()));
            }
            match &mut story {
                Some((_, ctx)) => current.code_in_context(&r.text, r.date.as_deref(), ctx),
                None => Vec::new(),
            }
        } else {
            story = None;
            current.code_sentence(&r.text, r.date.as_deref())
        };
        coded.insert(r.line, triples_of(&events));
    }
    Ok(run_suite(&suite, &|r| {
        coded.get(&r.line).cloned().unwrap_or_default()
    }))
}

/// PETRARCH-1's `PETR.UnitTest.records.xml` with the `PETR.Validate.*` dictionaries, the options of
/// `config/PETR_config.ini`, and each record's `<Config>` settings.
pub fn run_petrarch(petrarch_dir: &Path) -> Result<SuiteReport, SuiteRunError> {
    let suite = Suite::load(&petrarch_dir.join("text/PETR.UnitTest.records.xml"), &[])?;
    run_petrarch_xml(&suite, &petrarch_dir.join("config/PETR_config.ini"))
}

/// The PETRARCH-2 functional suite, `PETR_Validate_records_2_02.xml` (UD-PETRARCH's `validate/` folder; the
/// PETRARCH-1 unit tests with PETRARCH-2 verb patterns and revised codes), with the `PETR_Validate_*_2_02`
/// dictionaries its `<Environment>` names and each record's `<Config>` settings. `petrarch_dir` is the folder
/// holding `universal-petrarch/` and `petrarch2/`.
///
/// UD-PETRARCH's `validation.py` reads no config file: it codes with PETRARCH's built-in defaults
/// (`RequireDyad = True`, comma limits 2/8/0/0/2/8), which are the values of PETRARCH-2's
/// `config/PETR_config.ini`, so that file gives the base options.
pub fn run_petrarch2(petrarch_dir: &Path) -> Result<SuiteReport, SuiteRunError> {
    let suite = Suite::load(&petrarch_dir.join(PETRARCH2_SUITE), &[])?;
    run_petrarch_xml(&suite, &petrarch_dir.join(PETRARCH2_CONFIG))
}

/// UD-PETRARCH's `PETR2_GSR_validation.xml` (78 AFP and Gigaword news sentences with PETRARCH-2's output as
/// the expected events) with the Phoenix dictionaries its `<Environment>` names: UD-PETRARCH's own
/// `CAMEO.2.0.txt` verbs and country and international actors, and, for the files the shared copy of
/// UD-PETRARCH does not hold (MilNonState actors, agents, discards), PETRARCH-2's identical ones. Options as
/// for [`run_petrarch2`].
pub fn run_ud_petrarch(petrarch_dir: &Path) -> Result<SuiteReport, SuiteRunError> {
    let suite = Suite::load(
        &petrarch_dir.join(UD_PETRARCH_SUITE),
        &[petrarch_dir.join("petrarch2/dictionaries")],
    )?;
    run_petrarch_xml(&suite, &petrarch_dir.join(PETRARCH2_CONFIG))
}

/// `PETR_Validate_records_2_02.xml`, under the `petrarch/` data folder.
pub const PETRARCH2_SUITE: &str = "universal-petrarch/validate/PETR_Validate_records_2_02.xml";
/// `PETR2_GSR_validation.xml`, under the `petrarch/` data folder.
pub const UD_PETRARCH_SUITE: &str = "universal-petrarch/text/PETR2_GSR_validation.xml";
/// PETRARCH-2's settings file, under the `petrarch/` data folder.
const PETRARCH2_CONFIG: &str = "petrarch2/config/PETR_config.ini";

/// Any suite coded as a dyad user codes news: the built-in dictionaries and default options (raw-news rules
/// on), one sentence at a time; the suite's dictionaries and settings are ignored. Actor codes match only where
/// the built-in dictionaries use the suite's codes (real countries do; Middle-earth does not).
pub fn run_builtin(suite_path: &Path) -> Result<SuiteReport, SuiteRunError> {
    let suite = Suite::load(suite_path, &[])?;
    let (dicts, _warnings) = Dictionaries::builtin();
    let coder = Coder::new(&dicts);
    Ok(run_suite(&suite, &|r| coded_triples(&coder, r)))
}

/// A PETRARCH-family XML suite with its own dictionaries, the options of a `PETR_config.ini`, and each record's
/// `<Config>` settings on top.
fn run_petrarch_xml(suite: &Suite, config_path: &Path) -> Result<SuiteReport, SuiteRunError> {
    let (dicts, _warnings) = Dictionaries::load(&suite_dict_files(suite))?;
    let config = read_settings(config_path)?;
    let mut base = CoderOptions::petrarch();
    base.apply_petrarch_settings(ini_values(&config));
    let coder = Coder::with_options(&dicts, base.clone());
    let mut by_settings: HashMap<&[(String, String)], Coder> = HashMap::new();
    for r in &suite.records {
        by_settings.entry(&r.settings).or_insert_with(|| {
            let mut o = base.clone();
            o.apply_petrarch_settings(r.settings.iter().map(|(k, v)| (k.as_str(), v.as_str())));
            coder.reconfigured(o)
        });
    }
    Ok(run_suite(suite, &|r| {
        coded_triples(&by_settings[r.settings.as_slice()], r)
    }))
}

fn read_settings(path: &Path) -> Result<String, SuiteRunError> {
    std::fs::read_to_string(path).map_err(|source| SuiteRunError::Settings {
        path: path.display().to_string(),
        source,
    })
}

/// `key = value` lines of an ini file (sections and `#` comments skipped).
fn ini_values(text: &str) -> impl Iterator<Item = (&str, &str)> {
    text.lines().filter_map(|line| {
        let line = line.trim();
        if line.starts_with(['#', ';', '[']) {
            return None;
        }
        let (k, v) = line.split_once('=')?;
        Some((k.trim(), v.trim()))
    })
}
