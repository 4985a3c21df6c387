//! Choosing a dictionary set: dyad's own, the user's files over them, or exactly what a TABARI project or PETRARCH
//! config names. Every front-end (CLI, store, server, wheel) selects dictionaries through [`DictionarySelection`],
//! so the same options load the same set everywhere.

use dyad_dict::{Dialect, DictFile, DictKind, Dictionaries, LoadReport};
use std::path::PathBuf;

/// Which dictionaries to load. The default is dyad's own built-in set.
///
/// ```no_run
/// use dyad_pipeline::DictionarySelection;
/// let sel = DictionarySelection {
///     petrarch_config: Some("PETR_config.ini".into()),
///     ..DictionarySelection::default()
/// };
/// let (dicts, report) = sel.load().unwrap();
/// assert!(report.warnings.is_empty() || !dicts.files.is_empty());
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DictionarySelection {
    /// Load exactly the dictionaries a TABARI `.project` file names.
    pub tabari_project: Option<PathBuf>,
    /// Load exactly the dictionaries a PETRARCH `PETR_config.ini` names.
    pub petrarch_config: Option<PathBuf>,
    /// Actor dictionaries added over the built-in set (the user's entry wins for the same phrase).
    pub actors: Vec<PathBuf>,
    /// Agent dictionaries added.
    pub agents: Vec<PathBuf>,
    /// Verb dictionaries added.
    pub verbs: Vec<PathBuf>,
    /// Discard lists added.
    pub discards: Vec<PathBuf>,
    /// Issue dictionaries added.
    pub issues: Vec<PathBuf>,
    /// Syntax of the added files (and of a PETRARCH config's verb file).
    pub dialect: Dialect,
    /// Load only the files given, not dyad's own dictionaries under them.
    pub no_builtin: bool,
}

impl Default for DictionarySelection {
    /// dyad's own dictionaries; added files read as PETRARCH-1 syntax.
    fn default() -> Self {
        DictionarySelection {
            tabari_project: None,
            petrarch_config: None,
            actors: Vec::new(),
            agents: Vec::new(),
            verbs: Vec::new(),
            discards: Vec::new(),
            issues: Vec::new(),
            dialect: Dialect::Petrarch1,
            no_builtin: false,
        }
    }
}

/// Why a dictionary set could not be loaded at all (bad lines are warnings in the [`LoadReport`] instead).
#[derive(Debug, thiserror::Error)]
pub enum SelectionError {
    #[error("--no-builtin needs dictionary files (--actors, --verbs, ...)")]
    NothingSelected,
    #[error(transparent)]
    Load(#[from] dyad_dict::DictError),
}

impl DictionarySelection {
    /// Loads the selected set; bad lines are reported in the [`LoadReport`] (file:line) and the rest loads.
    pub fn load(&self) -> Result<(Dictionaries, LoadReport), SelectionError> {
        if let Some(project) = &self.tabari_project {
            return Ok(Dictionaries::load_tabari_project(project)?);
        }
        if let Some(config) = &self.petrarch_config {
            return Ok(Dictionaries::load_petrarch_config(config, self.dialect)?);
        }
        let dialect = self.dialect;
        let groups: [(&Vec<PathBuf>, DictKind); 5] = [
            (&self.actors, DictKind::Actors(dialect)),
            (&self.agents, DictKind::Agents(dialect)),
            (&self.verbs, DictKind::Verbs(dialect)),
            (&self.discards, DictKind::Discards),
            (&self.issues, DictKind::Issues),
        ];
        let files: Vec<DictFile> = groups
            .into_iter()
            .flat_map(|(paths, kind)| paths.iter().map(move |p| DictFile::new(kind, p)))
            .collect();
        if self.no_builtin {
            if files.is_empty() {
                return Err(SelectionError::NothingSelected);
            }
            return Ok(Dictionaries::load(&files)?);
        }
        Ok(Dictionaries::builtin_with(&files)?)
    }
}
