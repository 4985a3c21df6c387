//! Which dictionary files a run uses: explicit lists, TABARI `.project` files and PETRARCH `PETR_config.ini`.
//!
//! TABARI project lines are `<actorsfile> NAME`, `<verbsfile> NAME`, `<agentsfile> NAME`, `<optionsfile> NAME`,
//! `<textfile> NAME` (repeatable), … followed by a session log; names are relative to the project's folder.
//! PETRARCH's `[Dictionaries]` section has `verbfile_name`, `actorfile_list` (comma-separated), `agentfile_name`,
//! `discardfile_name`, `issuefile_name`; names are resolved in `../dictionaries/` next to the config folder (the
//! PETRARCH package layout), else in the config's own folder.

use crate::actors::ActorDictionary;
use crate::agents::AgentDictionary;
use crate::error::{DictError, DictErrorKind, LoadReport, SourceLoc};
use crate::lists::{DiscardList, IssueDictionary, PrepositionList};
use crate::phrase::Dialect;
use crate::verbs::VerbDictionary;
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// The kind and syntax of a dictionary file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum DictKind {
    /// Actors (`.actors`, `*.actors.txt`).
    Actors(Dialect),
    /// Agents (`.agents`, `*.agents.txt`).
    Agents(Dialect),
    /// Verbs and patterns. `Dialect::Petrarch1` for `CAMEO.verbpatterns.*`/`PETR.Validate.verbs.txt`,
    /// `Dialect::Petrarch2` for `CAMEO.2.0.txt` (petrarch2) and `PETR_Validate_verbs_2_02.txt`.
    Verbs(Dialect),
    /// PETRARCH discard list.
    Discards,
    /// PETRARCH issues file.
    Issues,
    /// PETRARCH prepositions list.
    Prepositions,
}

/// One dictionary file to load.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct DictFile {
    pub kind: DictKind,
    pub path: PathBuf,
}

impl DictFile {
    pub fn new(kind: DictKind, path: impl Into<PathBuf>) -> Self {
        Self {
            kind,
            path: path.into(),
        }
    }
}

/// Everything a coding run needs from dictionaries. Several files of one kind are merged in load order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Dictionaries {
    pub actors: ActorDictionary,
    pub agents: AgentDictionary,
    pub verbs: VerbDictionary,
    pub discards: DiscardList,
    pub issues: IssueDictionary,
    pub prepositions: PrepositionList,
    /// The files loaded, in order.
    pub files: Vec<DictFile>,
}

impl Default for Dictionaries {
    fn default() -> Self {
        Self {
            actors: ActorDictionary::new(Dialect::Petrarch1),
            agents: AgentDictionary::new(Dialect::Petrarch1),
            verbs: VerbDictionary::new(Dialect::Petrarch1),
            discards: DiscardList::default(),
            issues: IssueDictionary::default(),
            prepositions: PrepositionList::default(),
            files: Vec::new(),
        }
    }
}

/// Whether two kinds name the same dictionary, whatever their dialect.
fn same_kind(a: DictKind, b: DictKind) -> bool {
    std::mem::discriminant(&a) == std::mem::discriminant(&b)
}

/// Reads a dictionary file as text. The formats are ASCII; stray non-UTF-8 bytes are read as Latin-1 so that no
/// line is lost (PETRARCH reads UTF-8, TABARI bytes).
pub(crate) fn read_text(path: &Path) -> Result<String, DictError> {
    let bytes = std::fs::read(path).map_err(|e| {
        DictError::new(
            SourceLoc {
                file: Arc::from(path.display().to_string()),
                line: 0,
            },
            DictErrorKind::Io,
            format!("cannot read file: {e}"),
        )
    })?;
    Ok(match String::from_utf8(bytes) {
        Ok(s) => s,
        Err(e) => e.into_bytes().iter().map(|&b| b as char).collect(),
    })
}

impl Dictionaries {
    /// Loads the files in order. Only an unreadable file is an error; every bad line is a warning in the report.
    pub fn load(files: &[DictFile]) -> Result<(Dictionaries, LoadReport), DictError> {
        let mut dicts = Dictionaries::default();
        let mut report = LoadReport::default();
        dicts.add_files(files, &mut report)?;
        Ok((dicts, report))
    }

    /// Reads more files into these dictionaries, in order. Only an unreadable file is an error.
    pub fn add_files(
        &mut self,
        files: &[DictFile],
        report: &mut LoadReport,
    ) -> Result<(), DictError> {
        for f in files {
            let text = read_text(&f.path)?;
            self.add_text(f.kind, &f.path.display().to_string(), &text, report);
            self.files.push(f.clone());
        }
        Ok(())
    }

    /// Reads one dictionary's text, named `name` in warnings and rule references. The first file of a kind sets
    /// that dictionary's dialect.
    pub fn add_text(&mut self, kind: DictKind, name: &str, text: &str, report: &mut LoadReport) {
        let first = !self.files.iter().any(|f| same_kind(f.kind, kind));
        match kind {
            DictKind::Actors(d) => {
                if first {
                    self.actors.dialect = d;
                }
                self.actors.read_str(name, text, report);
            }
            DictKind::Agents(d) => {
                if first {
                    self.agents.dialect = d;
                }
                self.agents.read_str(name, text, report);
            }
            DictKind::Verbs(d) => {
                if first {
                    self.verbs.dialect = d;
                }
                self.verbs.read_str(name, text, report);
            }
            DictKind::Discards => self.discards.read_str(name, text, report),
            DictKind::Issues => self.issues.read_str(name, text, report),
            DictKind::Prepositions => self.prepositions.read_str(name, text, report),
        }
    }

    /// Loads the dictionaries a TABARI `.project` names (actors, verbs, agents).
    pub fn load_tabari_project(path: &Path) -> Result<(Dictionaries, LoadReport), DictError> {
        let (project, mut report) = TabariProject::read(path)?;
        let (dicts, r) = Dictionaries::load(&project.dict_files())?;
        report.extend(r);
        Ok((dicts, report))
    }

    /// Loads the dictionaries the `[Dictionaries]` section of a PETRARCH `PETR_config.ini` names. `dialect` says
    /// how to read the verb file (petrarch1 and petrarch2 configs look alike but their verb files differ).
    pub fn load_petrarch_config(
        path: &Path,
        dialect: Dialect,
    ) -> Result<(Dictionaries, LoadReport), DictError> {
        let (config, mut report) = PetrarchConfig::read(path)?;
        let (dicts, r) = Dictionaries::load(&config.dict_files(dialect))?;
        report.extend(r);
        Ok((dicts, report))
    }
}

/// The files a TABARI `.project` names.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TabariProject {
    /// The first line: a free-text description.
    pub title: String,
    pub actors: Vec<PathBuf>,
    pub verbs: Vec<PathBuf>,
    pub agents: Vec<PathBuf>,
    pub options: Vec<PathBuf>,
    /// `<textfile>` entries: the input texts (for the suite reader).
    pub texts: Vec<PathBuf>,
}

impl TabariProject {
    /// Reads a project file; names are resolved against its folder.
    pub fn read(path: &Path) -> Result<(TabariProject, LoadReport), DictError> {
        let text = read_text(path)?;
        let file: Arc<str> = Arc::from(path.display().to_string());
        let dir = path.parent().unwrap_or(Path::new(""));
        Ok(TabariProject::parse(&text, &file, dir))
    }

    /// Parses project text; `dir` is the folder names are relative to.
    pub fn parse(text: &str, file: &Arc<str>, dir: &Path) -> (TabariProject, LoadReport) {
        let mut project = TabariProject::default();
        let mut report = LoadReport::default();
        for (i, line) in text.lines().enumerate() {
            let lineno = u32::try_from(i + 1).unwrap_or(u32::MAX);
            let line = line.trim();
            if i == 0 && !line.starts_with('<') {
                project.title = line.to_string();
                continue;
            }
            let Some(rest) = line.strip_prefix('<') else {
                continue;
            };
            let Some((tag, value)) = rest.split_once('>') else {
                report.push(
                    SourceLoc::new(file, lineno),
                    DictErrorKind::Config,
                    format!("project line without closing '>': {line:?}"),
                );
                continue;
            };
            let value = value.trim();
            let target = match tag.trim().to_ascii_lowercase().as_str() {
                "actorsfile" => &mut project.actors,
                "verbsfile" => &mut project.verbs,
                "agentsfile" => &mut project.agents,
                "optionsfile" => &mut project.options,
                "textfile" => &mut project.texts,
                // Output, log and session lines name no input.
                _ => continue,
            };
            if value.is_empty() {
                report.push(
                    SourceLoc::new(file, lineno),
                    DictErrorKind::Config,
                    format!("<{tag}> names no file"),
                );
                continue;
            }
            target.push(dir.join(value));
        }
        (project, report)
    }

    /// The dictionary files in TABARI's reading order: actors, agents, verbs.
    pub fn dict_files(&self) -> Vec<DictFile> {
        let mut out = Vec::new();
        out.extend(
            self.actors
                .iter()
                .map(|p| DictFile::new(DictKind::Actors(Dialect::Tabari), p)),
        );
        out.extend(
            self.agents
                .iter()
                .map(|p| DictFile::new(DictKind::Agents(Dialect::Tabari), p)),
        );
        out.extend(
            self.verbs
                .iter()
                .map(|p| DictFile::new(DictKind::Verbs(Dialect::Tabari), p)),
        );
        out
    }
}

/// The `[Dictionaries]` section of a PETRARCH config.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PetrarchConfig {
    /// `verbfile_name`.
    pub verbs: Option<PathBuf>,
    /// UD-PETRARCH `P1verbfile_name`: the PETRARCH-1 verb file it can use instead (`use_Petrarch1_verb_dictionary`).
    pub petrarch1_verbs: Option<PathBuf>,
    /// UD-PETRARCH `internal_coding_ontology_filename` (CAMEO ↔ internal hex codes; not read by this crate).
    pub internal_coding_ontology: Option<PathBuf>,
    pub actors: Vec<PathBuf>,
    pub agents: Option<PathBuf>,
    pub discards: Option<PathBuf>,
    pub issues: Option<PathBuf>,
}

impl PetrarchConfig {
    /// Reads a config file; names are resolved in `../dictionaries/` from its folder if the file exists there,
    /// else in its folder.
    pub fn read(path: &Path) -> Result<(PetrarchConfig, LoadReport), DictError> {
        let text = read_text(path)?;
        let file: Arc<str> = Arc::from(path.display().to_string());
        let dir = path.parent().unwrap_or(Path::new(""));
        Ok(PetrarchConfig::parse(&text, &file, dir))
    }

    /// Parses config text; `dir` is the config's folder.
    pub fn parse(text: &str, file: &Arc<str>, dir: &Path) -> (PetrarchConfig, LoadReport) {
        let mut config = PetrarchConfig::default();
        let mut report = LoadReport::default();
        let resolve = |name: &str| -> PathBuf {
            let packaged = dir.join("..").join("dictionaries").join(name);
            if packaged.exists() {
                packaged
            } else {
                dir.join(name)
            }
        };
        let mut section = String::new();
        // (key, value, line) of the current key, so continuation lines can extend it (ConfigParser rule).
        let mut entries: Vec<(String, String, u32)> = Vec::new();
        for (i, raw) in text.lines().enumerate() {
            let lineno = u32::try_from(i + 1).unwrap_or(u32::MAX);
            let trimmed = raw.trim();
            if trimmed.is_empty() || trimmed.starts_with('#') || trimmed.starts_with(';') {
                continue;
            }
            if trimmed.starts_with('[') && trimmed.ends_with(']') {
                section = trimmed[1..trimmed.len() - 1].trim().to_string();
                continue;
            }
            if section != "Dictionaries" {
                continue;
            }
            if raw.starts_with([' ', '\t']) {
                if let Some(last) = entries.last_mut() {
                    last.1.push(' ');
                    last.1.push_str(trimmed);
                    continue;
                }
            }
            match trimmed.split_once(['=', ':']) {
                Some((k, v)) => {
                    entries.push((k.trim().to_ascii_lowercase(), v.trim().to_string(), lineno))
                }
                None => report.push(
                    SourceLoc::new(file, lineno),
                    DictErrorKind::Config,
                    format!("config line is not 'key = value': {trimmed:?}"),
                ),
            }
        }
        for (key, value, lineno) in entries {
            let one = || (!value.is_empty()).then(|| resolve(&value));
            match key.as_str() {
                "verbfile_name" => config.verbs = one(),
                "p1verbfile_name" => config.petrarch1_verbs = one(),
                "internal_coding_ontology_filename" => config.internal_coding_ontology = one(),
                "agentfile_name" => config.agents = one(),
                "discardfile_name" => config.discards = one(),
                "issuefile_name" => config.issues = one(),
                "actorfile_list" => {
                    config.actors = value
                        .split(',')
                        .map(str::trim)
                        .filter(|s| !s.is_empty())
                        .map(&resolve)
                        .collect()
                }
                _ => report.push(
                    SourceLoc::new(file, lineno),
                    DictErrorKind::Config,
                    format!("unknown [Dictionaries] key {key:?}"),
                ),
            }
        }
        (config, report)
    }

    /// The files in PETRARCH's reading order: verbs, actors, agents, discards, issues.
    pub fn dict_files(&self, verb_dialect: Dialect) -> Vec<DictFile> {
        let mut out = Vec::new();
        if let Some(p) = &self.verbs {
            out.push(DictFile::new(DictKind::Verbs(verb_dialect), p));
        }
        let noun_dialect = Dialect::Petrarch1;
        out.extend(
            self.actors
                .iter()
                .map(|p| DictFile::new(DictKind::Actors(noun_dialect), p)),
        );
        if let Some(p) = &self.agents {
            out.push(DictFile::new(DictKind::Agents(noun_dialect), p));
        }
        if let Some(p) = &self.discards {
            out.push(DictFile::new(DictKind::Discards, p));
        }
        if let Some(p) = &self.issues {
            out.push(DictFile::new(DictKind::Issues, p));
        }
        out
    }
}
