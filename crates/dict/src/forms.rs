//! Word-form generation as the formats themselves define it: verb inflections and noun plurals.
//!
//! These follow the programs' own rules, not English grammar, so that a coder built on them matches what TABARI
//! and PETRARCH matched:
//! - PETRARCH verbs (`PETRreader.make_verb_forms`): `+S`; root ending in `E`: `+D` and `E`→`ING`; otherwise `+ED`,
//!   `+ING`. With `{…}` given, exactly the listed forms are used ("no alternative forms are generated").
//! - PETRARCH synset plurals (`make_plural`): `Y`→`IES`; final `S` → `ES` replacing it; else `+S`.
//! - PETRARCH agent plurals (`read_agent_dictionary`): `Y`→`IES`; final `S` → `+ES`; else `+S`.
//! - PETRARCH issues (`n:`): `Y`→`IES`, else `+S`.
//! - TABARI (§5.2.3): the endings `S ED ES EN ING` are accepted after the final word of any phrase unless the word
//!   ends with `=`; irregular forms come from `{…}` and get the same endings.

use crate::phrase::{Dialect, Phrase, Word};
use crate::verbs::VerbEntry;

/// TABARI's automatic endings (§5.2.3).
pub const TABARI_ENDINGS: [&str; 5] = ["S", "ED", "ES", "EN", "ING"];

/// PETRARCH's regular verb forms of `root` (without the root itself): `[S-form, past, -ING]`.
pub fn petrarch_verb_forms(root: &str) -> [String; 3] {
    match root.strip_suffix('E') {
        Some(stem) => [format!("{root}S"), format!("{root}D"), format!("{stem}ING")],
        None => [
            format!("{root}S"),
            format!("{root}ED"),
            format!("{root}ING"),
        ],
    }
}

/// PETRARCH's regular plural of a synset member (`make_plural`): `Y`→`IES`, final `S`→`ES`, else `+S`. The rule
/// is applied as written, vowel or not (`MONEY` → `MONEIES`): it is what PETRARCH matched.
pub fn regular_plural(noun: &str) -> String {
    if let Some(stem) = noun.strip_suffix('Y') {
        format!("{stem}IES")
    } else if let Some(stem) = noun.strip_suffix('S') {
        format!("{stem}ES")
    } else {
        format!("{noun}S")
    }
}

/// PETRARCH's regular plural of an agent phrase's last word (`read_agent_dictionary`): `Y`→`IES`, final `S` →
/// `+ES` (`CONGRESS` → `CONGRESSES`), else `+S`. (Synsets use [`regular_plural`], which drops the `S`.)
pub fn agent_plural(noun: &str) -> String {
    if let Some(stem) = noun.strip_suffix('Y') {
        format!("{stem}IES")
    } else if noun.ends_with('S') {
        format!("{noun}ES")
    } else {
        format!("{noun}S")
    }
}

/// PETRARCH's issue-file noun plural (`n:`): `Y`→`IES`, else `+S`.
pub fn issue_plural(noun: &str) -> String {
    match noun.strip_suffix('Y') {
        Some(stem) => format!("{stem}IES"),
        None => format!("{noun}S"),
    }
}

/// A copy of `phrase` with the word at `index` replaced by `text` (flags kept).
fn with_word(phrase: &Phrase, index: usize, text: String) -> Phrase {
    let mut out = phrase.clone();
    if let Some(w) = out.words.get_mut(index) {
        w.word = Word {
            text,
            exact: w.word.exact,
            no_endings: w.word.no_endings,
        };
    }
    out
}

impl VerbEntry {
    /// Every form of this verb the format recognises, base form first, each with the index of its verb word.
    ///
    /// - PETRARCH: without `{…}`, the base and the three regular forms of the head word; with `{…}`, the base and
    ///   the listed forms only.
    /// - TABARI: the base and the `{…}` forms, each also with the [`TABARI_ENDINGS`] on its last word unless that
    ///   word ends with `=` (TABARI accepts these endings at match time; stems additionally match by prefix, which
    ///   [`Word::exact`] tells).
    pub fn forms(&self, dialect: Dialect) -> Vec<(Phrase, usize)> {
        let mut out = vec![(self.phrase.clone(), self.head)];
        match dialect {
            Dialect::Petrarch1 | Dialect::Petrarch2 => match &self.irregular {
                Some(list) => out.extend(list.iter().cloned()),
                None => {
                    if let Some(head) = self.phrase.words.get(self.head) {
                        for form in petrarch_verb_forms(&head.word.text) {
                            out.push((with_word(&self.phrase, self.head, form), self.head));
                        }
                    }
                }
            },
            Dialect::Tabari => {
                let mut bases = vec![(self.phrase.clone(), self.head)];
                if let Some(list) = &self.irregular {
                    bases.extend(list.iter().cloned());
                    out.extend(list.iter().cloned());
                }
                for (phrase, head) in bases {
                    let Some(last_index) = phrase.words.len().checked_sub(1) else {
                        continue;
                    };
                    let last = &phrase.words[last_index].word;
                    if last.no_endings {
                        continue;
                    }
                    for ending in TABARI_ENDINGS {
                        out.push((
                            with_word(&phrase, last_index, format!("{}{ending}", last.text)),
                            head,
                        ));
                    }
                }
            }
        }
        out
    }
}
