//! The simple PETRARCH lists: discards, issues and prepositions.
//!
//! ```text
//! +ACADEMY AWARD   # LRP 08 Mar 2004      discard: `+` = whole story, else the sentence; final `_` = whole word
//! <ISSUE CATEGORY="EDUCATION" TYPE="ALL">
//! n:preschool [EARLY_CHILDHOOD_EDUCATION] `n:` noun forms, `v:` verb forms, `a+b` = "a b" and "a-b"
//! ~a head start                           ignore phrase (cancels issue coding of the sentence)
//! </ISSUE>
//! ```

use crate::error::{DictErrorKind, LoadReport, SourceLoc};
use crate::forms::{issue_plural, petrarch_verb_forms};
use crate::phrase::Dialect;
use crate::syntax::logical_lines;
use std::sync::Arc;

/// What a discard phrase discards.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum DiscardScope {
    /// No `+`: the sentence is not coded.
    Sentence,
    /// Leading `+`: the whole story is not coded.
    Story,
}

/// One discard phrase.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DiscardEntry {
    /// Upper-cased words joined by single blanks (`_` read as blank), without the final `_`.
    pub text: String,
    /// The phrase ended with `_`: the match must end at a blank or punctuation; otherwise it is a stem.
    pub whole_word: bool,
    pub scope: DiscardScope,
    pub loc: SourceLoc,
}

/// Expansion marker on one word of an issue phrase.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum IssueExpansion {
    /// Plain word.
    None,
    /// `n:word`: singular and plural.
    Noun,
    /// `v:word`: regular verb forms (`S`, `ED`, `ING`). (Markers inside a word, `pre+n:school`, stay in
    /// [`IssueWord::text`] and are expanded by [`expand_issue_words`].)
    Verb,
}

/// One word of an issue phrase.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct IssueWord {
    /// Upper-cased. A `+` inside (`PRE+K`) is kept: it stands for "blank or hyphen".
    pub text: String,
    pub expansion: IssueExpansion,
}

/// One `phrase [CODE]` line of an issues file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IssueEntry {
    pub words: Vec<IssueWord>,
    pub code: String,
    /// The `CATEGORY` of the enclosing `<ISSUE>` block, if any.
    pub category: Option<String>,
    pub loc: SourceLoc,
}

/// A `~phrase` ignore line: its presence cancels issue coding for the sentence.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IssueIgnore {
    pub words: Vec<IssueWord>,
    /// `~~phrase`: the phrase anywhere in the story cancels (PETRARCH: "not yet fully implemented"; it cancels the
    /// sentence like `~`).
    pub story: bool,
    pub category: Option<String>,
    pub loc: SourceLoc,
}

/// An issues file.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct IssueDictionary {
    pub entries: Vec<IssueEntry>,
    pub ignores: Vec<IssueIgnore>,
}

/// A discard list.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DiscardList {
    pub entries: Vec<DiscardEntry>,
}

/// A prepositions list (`Phoenix.prepositions.txt`): one upper-cased word per entry.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PrepositionList {
    pub words: Vec<(String, SourceLoc)>,
}

impl DiscardList {
    /// Reads the text of one file (named `file` in locations) into this list; bad lines go to `report`.
    pub fn read_str(&mut self, file: &str, text: &str, report: &mut LoadReport) {
        let file: Arc<str> = Arc::from(file);
        for line in logical_lines(text, Dialect::Petrarch1) {
            let loc = SourceLoc::new(&file, line.number);
            let (scope, body) = match line.content.strip_prefix('+') {
                Some(rest) => (DiscardScope::Story, rest),
                None => (DiscardScope::Sentence, line.content.as_str()),
            };
            let body = body.trim();
            let whole_word = body.ends_with('_');
            let text = body
                .split(|c: char| c == '_' || c.is_whitespace())
                .filter(|w| !w.is_empty())
                .collect::<Vec<_>>()
                .join(" ")
                .to_uppercase();
            if text.is_empty() {
                report.push(loc, DictErrorKind::Syntax, "empty discard phrase");
                continue;
            }
            self.entries.push(DiscardEntry {
                text,
                whole_word,
                scope,
                loc,
            });
        }
    }
}

/// Splits issue text into words with their `n:`/`v:` markers.
fn issue_words(text: &str) -> Vec<IssueWord> {
    text.split_whitespace()
        .map(|w| {
            let upper = w.to_uppercase();
            if let Some(rest) = upper.strip_prefix("N:") {
                IssueWord {
                    text: rest.to_string(),
                    expansion: IssueExpansion::Noun,
                }
            } else if let Some(rest) = upper.strip_prefix("V:") {
                IssueWord {
                    text: rest.to_string(),
                    expansion: IssueExpansion::Verb,
                }
            } else {
                IssueWord {
                    text: upper,
                    expansion: IssueExpansion::None,
                }
            }
        })
        .filter(|w| !w.text.is_empty())
        .collect()
}

/// The strings a list of issue words expands to, by PETRARCH's own procedure (`read_issue_list`): repeatedly, in
/// each form, the first `+` becomes a blank (and a copy gets a hyphen), the first `N:` is dropped (and a copy gets
/// the plural of the word after it), the first `V:` is dropped (and copies get the verb forms). Markers may sit
/// inside a word (`pre+n:school`). Blanks are normalised to one.
pub fn expand_issue_words(words: &[IssueWord]) -> Vec<String> {
    let target = words
        .iter()
        .map(|w| match w.expansion {
            IssueExpansion::None => w.text.clone(),
            IssueExpansion::Noun => format!("N:{}", w.text),
            IssueExpansion::Verb => format!("V:{}", w.text),
        })
        .collect::<Vec<_>>()
        .join(" ");
    let mut forms = vec![target];
    // Each pass removes at least one marker from a form, so this ends; the cap guards against pathological input.
    let mut budget = MAX_ISSUE_FORMS;
    let mut changed = true;
    while changed && budget > 0 {
        changed = false;
        let mut k = 0;
        while k < forms.len() && budget > 0 {
            budget -= 1;
            let form = forms[k].clone();
            if form.contains('+') {
                forms[k] = form.replacen('+', " ", 1);
                forms.insert(k + 1, form.replacen('+', "-", 1));
                changed = true;
            }
            let form = forms[k].clone();
            if let Some(at) = form.find("N:") {
                let (before, after) = (&form[..at], &form[at + 2..]);
                forms[k] = format!("{before}{after}");
                let (word, rest) = after.split_once(' ').unwrap_or((after, ""));
                forms.insert(k + 1, format!("{before}{} {rest}", issue_plural(word)));
                changed = true;
            }
            let form = forms[k].clone();
            if let Some(at) = form.find("V:") {
                let (before, after) = (&form[..at], &form[at + 2..]);
                forms[k] = format!("{before}{after}");
                let (word, rest) = after.split_once(' ').unwrap_or((after, ""));
                for (i, v) in petrarch_verb_forms(word).iter().enumerate() {
                    forms.insert(k + 1 + i, format!("{before}{v} {rest}"));
                }
                changed = true;
            }
            k += 1;
        }
    }
    forms
        .iter()
        .map(|f| f.split_whitespace().collect::<Vec<_>>().join(" "))
        .collect()
}

/// Upper bound on expansion steps for one issue line (real lines need a handful).
const MAX_ISSUE_FORMS: usize = 4096;

impl IssueEntry {
    /// Every string this entry matches (see [`expand_issue_words`]).
    pub fn expansions(&self) -> Vec<String> {
        expand_issue_words(&self.words)
    }
}

impl IssueDictionary {
    /// Reads the text of one file (named `file` in locations) into this dictionary; bad lines go to `report`.
    pub fn read_str(&mut self, file: &str, text: &str, report: &mut LoadReport) {
        let file: Arc<str> = Arc::from(file);
        let mut category: Option<String> = None;
        for line in logical_lines(text, Dialect::Petrarch1) {
            let loc = SourceLoc::new(&file, line.number);
            let content = line.content.as_str();
            let upper = content.to_ascii_uppercase();
            if upper.starts_with("<ISSUE") {
                category = attribute(content, "CATEGORY");
                if category.is_none() {
                    report.push(loc, DictErrorKind::Syntax, "<ISSUE> without CATEGORY");
                }
                continue;
            }
            if upper.starts_with("</ISSUE") {
                category = None;
                continue;
            }
            if let Some(rest) = content.strip_prefix('~') {
                let (story, rest) = match rest.strip_prefix('~') {
                    Some(r) => (true, r),
                    None => (false, rest),
                };
                let words = issue_words(rest);
                if words.is_empty() {
                    report.push(loc, DictErrorKind::Syntax, "empty ignore phrase");
                } else {
                    self.ignores.push(IssueIgnore {
                        words,
                        story,
                        category: category.clone(),
                        loc,
                    });
                }
                continue;
            }
            let Some(open) = content.find('[') else {
                report.push(
                    loc,
                    DictErrorKind::Ignored,
                    format!("issue line without [code]: {content:?}"),
                );
                continue;
            };
            let Some(close) = content[open..].find(']').map(|c| open + c) else {
                report.push(
                    loc,
                    DictErrorKind::Syntax,
                    format!("missing ']' in {content:?}"),
                );
                continue;
            };
            let code = content[open + 1..close].trim().to_uppercase();
            let words = issue_words(&content[..open]);
            if code.is_empty() || words.is_empty() || !content[close + 1..].trim().is_empty() {
                report.push(
                    loc,
                    DictErrorKind::Syntax,
                    format!("issue line is not 'phrase [CODE]': {content:?}"),
                );
                continue;
            }
            self.entries.push(IssueEntry {
                words,
                code,
                category: category.clone(),
                loc,
            });
        }
    }
}

/// The value of `NAME="value"` in a tag line.
fn attribute(tag: &str, name: &str) -> Option<String> {
    let upper = tag.to_ascii_uppercase();
    let key = format!("{name}=");
    let at = upper.find(&key)? + key.len();
    let rest = tag.get(at..)?.trim_start().strip_prefix('"')?;
    let end = rest.find('"')?;
    Some(rest[..end].to_string())
}

impl PrepositionList {
    /// Reads the text of one file (named `file` in locations) into this list; bad lines go to `report`.
    pub fn read_str(&mut self, file: &str, text: &str, report: &mut LoadReport) {
        let file: Arc<str> = Arc::from(file);
        for line in logical_lines(text, Dialect::Petrarch1) {
            let loc = SourceLoc::new(&file, line.number);
            let word = line.content.to_uppercase();
            if word.contains(char::is_whitespace) {
                report.push(
                    loc,
                    DictErrorKind::Syntax,
                    format!("preposition with a blank: {word:?}"),
                );
                continue;
            }
            self.words.push((word, loc));
        }
    }
}
