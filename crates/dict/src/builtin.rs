//! dyad's own dictionaries, compiled into the binary so that coding works with no dictionary of the user's.
//!
//! The files live in the repository's `dictionaries/` folder, in the PETRARCH-1 formats, and are read by the same
//! readers as a user's files. A user's files are read before them: where both have the same phrase, the coder keeps
//! the first entry it read, so the user's entry wins; everything else of dyad's still applies.

use crate::config::{DictFile, DictKind, Dictionaries};
use crate::error::{DictError, LoadReport};
use crate::phrase::Dialect;

/// One built-in dictionary file: its kind, its name in warnings and rule references, and its text.
pub struct BuiltinFile {
    pub kind: DictKind,
    pub name: &'static str,
    pub text: &'static str,
}

macro_rules! builtin {
    ($kind:expr, $file:literal) => {
        BuiltinFile {
            kind: $kind,
            name: concat!("dyad:", $file),
            text: include_str!(concat!("../../../dictionaries/", $file)),
        }
    };
}

/// dyad's dictionary files, in load order.
pub const BUILTIN_FILES: &[BuiltinFile] = &[
    builtin!(DictKind::Actors(Dialect::Petrarch1), "countries.actors.txt"),
    builtin!(
        DictKind::Actors(Dialect::Petrarch1),
        "international.actors.txt"
    ),
    builtin!(DictKind::Actors(Dialect::Petrarch1), "nonstate.actors.txt"),
    builtin!(DictKind::Agents(Dialect::Petrarch1), "agents.txt"),
    builtin!(DictKind::Verbs(Dialect::Petrarch1), "verbs.txt"),
    builtin!(DictKind::Discards, "discards.txt"),
    builtin!(DictKind::Issues, "issues.txt"),
    builtin!(DictKind::Prepositions, "prepositions.txt"),
];

impl Dictionaries {
    /// dyad's own dictionaries. The report lists any bad line (a test keeps it empty).
    pub fn builtin() -> (Dictionaries, LoadReport) {
        let mut dicts = Dictionaries::default();
        let mut report = LoadReport::default();
        dicts.add_builtin(&mut report);
        (dicts, report)
    }

    /// The user's `files` with dyad's own dictionaries under them: the user's entries win for the same phrase.
    pub fn builtin_with(files: &[DictFile]) -> Result<(Dictionaries, LoadReport), DictError> {
        let (mut dicts, mut report) = Dictionaries::load(files)?;
        dicts.add_builtin(&mut report);
        Ok((dicts, report))
    }

    fn add_builtin(&mut self, report: &mut LoadReport) {
        for f in BUILTIN_FILES {
            self.add_text(f.kind, f.name, f.text, report);
            self.files.push(DictFile::new(f.kind, f.name));
        }
    }
}

impl Dictionaries {
    /// A fingerprint of the dictionaries' contents (16 hex digits): the same files with the same bytes, in the
    /// same order, give the same fingerprint, so a store can tell whether two runs coded alike. Built-in files
    /// count by their text; a user's file by its bytes as they are when this is called, so call it right after
    /// loading (a file that cannot be read counts by its path alone).
    pub fn fingerprint(&self) -> String {
        use dyad_model::hash::{fnv1a64_extend, FNV1A64_OFFSET_BASIS};
        let mut h = FNV1A64_OFFSET_BASIS;
        for f in &self.files {
            let name = f.path.to_string_lossy();
            h = fnv1a64_extend(h, format!("{:?}\0{name}\0", f.kind).as_bytes());
            match BUILTIN_FILES.iter().find(|b| b.name == name) {
                Some(b) => h = fnv1a64_extend(h, b.text.as_bytes()),
                None => {
                    if let Ok(bytes) = std::fs::read(&f.path) {
                        h = fnv1a64_extend(h, &bytes);
                    }
                }
            }
            h = fnv1a64_extend(h, b"\0");
        }
        format!("{h:016x}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builtin_dictionaries_load_without_warnings() {
        let (d, report) = Dictionaries::builtin();
        let warnings: Vec<String> = report.warnings.iter().map(|w| w.to_string()).collect();
        assert!(warnings.is_empty(), "{}", warnings.join("\n"));
        assert!(
            d.actors.entries.len() > 1000,
            "{} actors",
            d.actors.entries.len()
        );
        assert!(
            d.agents.entries.len() > 100,
            "{} agents",
            d.agents.entries.len()
        );
        assert!(
            d.verbs.blocks.len() > 50,
            "{} verb blocks",
            d.verbs.blocks.len()
        );
        assert_eq!(d.files.len(), BUILTIN_FILES.len());
    }

    #[test]
    fn fingerprint_follows_contents() {
        let (a, _) = Dictionaries::builtin();
        let (b, _) = Dictionaries::builtin();
        assert_eq!(a.fingerprint(), b.fingerprint());
        assert_eq!(a.fingerprint().len(), 16);
        let dir = std::env::temp_dir().join(format!("dyad-fp-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let file = dir.join("extra.verbs.txt");
        std::fs::write(&file, "--- PROTEST   [140] ---\nPICKET\n").unwrap();
        let files = [DictFile::new(DictKind::Verbs(Dialect::Petrarch1), &file)];
        let c = Dictionaries::builtin_with(&files).unwrap().0.fingerprint();
        std::fs::write(&file, "--- PROTEST   [141] ---\nPICKET\n").unwrap();
        let d = Dictionaries::builtin_with(&files).unwrap().0.fingerprint();
        std::fs::remove_dir_all(&dir).ok();
        assert_ne!(a.fingerprint(), c);
        assert_ne!(c, d);
    }
}
