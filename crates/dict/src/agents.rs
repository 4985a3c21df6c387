//! Agent dictionaries: common nouns (MINISTER, POLICE) whose code is glued onto the actor code.
//!
//! ```text
//! !PERSON! = MAN, MEN, WOMAN, WOMEN, PERSON     substitution set (PETRARCH)
//! CONGRESS!PERSON! [~LEG]                       expands to CONGRESSMAN, CONGRESSMEN, … (no further plurals)
//! ATTORNEY_GENERAL {ATTORNEYS_GENERAL} [~GOV]   explicit plural; `{}` = no plural (PETRARCH)
//! HUMAN_RIGHTS_BODY [NGO~]                      `X~` = prefix code, `~X` = suffix code
//! PARLIAMENT_   [  ~LEG] ;SLS 25 Mar 2008       TABARI: no plural syntax, automatic endings
//! ```

use crate::error::{DictErrorKind, LoadReport, SourceLoc};
use crate::forms::agent_plural;
use crate::phrase::{Dialect, Phrase};
use crate::syntax::{logical_lines, parse_phrase, split_brackets};
use std::sync::Arc;

/// Where the agent code goes relative to the actor code.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum AgentPlacement {
    /// `[~GOV]`: appended after the actor code (`ISR` + `GOV` = `ISRGOV`).
    Suffix,
    /// `[NGO~]`: put before the actor code.
    Prefix,
}

/// An agent code without its `~`.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct AgentCode {
    /// The code, e.g. `GOV`, `GOVFRM`.
    pub code: String,
    pub placement: AgentPlacement,
}

/// What the entry says about plurals (PETRARCH agents; TABARI relies on its automatic endings).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum PluralRule {
    /// Nothing given: generate the regular plural (see [`crate::forms::agent_plural`]).
    Regular,
    /// `{}`: no plural (already plural, or same form).
    NoPlural,
    /// `{FORM}`: this plural instead of the regular one (PETRARCH reads the braces' content as one phrase; the type
    /// allows several).
    Given(Vec<Phrase>),
    /// Produced by a `!SET!` substitution: every item is used as is, with no plural formation.
    Substituted,
}

/// One agent entry (after `!SET!` substitution: one entry per substituted item).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AgentEntry {
    pub phrase: Phrase,
    pub plural: PluralRule,
    pub code: AgentCode,
    /// The line as written before substitution (`CONGRESS!PERSON!`) when this entry came from a `!SET!`.
    pub template: Option<String>,
    pub loc: SourceLoc,
}

/// A `!NAME! = A, B, C` substitution set.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SubstitutionSet {
    /// The name without `!`.
    pub name: String,
    /// The items, upper-cased, blanks stripped.
    pub items: Vec<String>,
    pub loc: SourceLoc,
}

/// All agent entries of one or more files.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AgentDictionary {
    pub dialect: Dialect,
    pub entries: Vec<AgentEntry>,
    pub substitution_sets: Vec<SubstitutionSet>,
}

impl AgentDictionary {
    /// An empty dictionary of the given dialect.
    pub fn new(dialect: Dialect) -> Self {
        Self {
            dialect,
            entries: Vec::new(),
            substitution_sets: Vec::new(),
        }
    }
}

impl AgentEntry {
    /// The phrases this entry matches: the singular, then its plurals by the format's rule — PETRARCH:
    /// [`PluralRule`] (regular plural of the last word, `{…}` forms, none); TABARI: the singular only (its
    /// automatic endings apply at match time, see [`crate::forms::TABARI_ENDINGS`]).
    pub fn forms(&self, dialect: Dialect) -> Vec<Phrase> {
        let mut out = vec![self.phrase.clone()];
        if dialect == Dialect::Tabari {
            return out;
        }
        match &self.plural {
            PluralRule::Regular => {
                let mut plural = self.phrase.clone();
                if let Some(last) = plural.words.last_mut() {
                    last.word.text = agent_plural(&last.word.text);
                    out.push(plural);
                }
            }
            PluralRule::Given(list) => out.extend(list.iter().cloned()),
            PluralRule::NoPlural | PluralRule::Substituted => {}
        }
        out
    }
}

impl AgentDictionary {
    /// Reads the text of one file (named `file` in locations) into this dictionary; bad lines go to `report`.
    pub fn read_str(&mut self, file: &str, text: &str, report: &mut LoadReport) {
        let file: Arc<str> = Arc::from(file);
        for line in logical_lines(text, self.dialect) {
            let loc = SourceLoc::new(&file, line.number);
            let content = line.content.as_str();
            if content.starts_with('!') && content.contains('=') && !content.contains('[') {
                match parse_substitution_set(content, loc.clone()) {
                    Ok(set) => {
                        self.substitution_sets.retain(|s| s.name != set.name);
                        self.substitution_sets.push(set);
                    }
                    Err(e) => report.push(loc, DictErrorKind::Syntax, e),
                }
                continue;
            }
            if let Err(e) = self.read_entry(content, &loc) {
                report.push(loc, DictErrorKind::Syntax, e);
            }
        }
    }

    /// `PHRASE {plurals} [code]`, expanding `!SET!` markers.
    fn read_entry(&mut self, content: &str, loc: &SourceLoc) -> Result<(), String> {
        let (head, blocks) = split_brackets(content)?;
        let code = match blocks.as_slice() {
            [c] => parse_agent_code(c)?,
            [] => return Err(format!("agent without [code]: {content:?}")),
            _ => return Err(format!("agent with several codes: {content:?}")),
        };
        let (phrase_text, plural_text) = match head.find('{') {
            Some(open) => {
                let close = head
                    .rfind('}')
                    .filter(|&c| c > open)
                    .ok_or_else(|| format!("missing '}}' in {content:?}"))?;
                if !head[close + 1..].trim().is_empty() {
                    return Err(format!("text after plurals in {content:?}"));
                }
                (head[..open].trim(), Some(&head[open + 1..close]))
            }
            None => (head, None),
        };
        if phrase_text.contains('!') {
            let expansions = self.substitute(phrase_text)?;
            for text in expansions {
                let phrase = parse_phrase(&text, self.dialect)?;
                self.entries.push(AgentEntry {
                    phrase,
                    plural: PluralRule::Substituted,
                    code: code.clone(),
                    template: Some(phrase_text.to_uppercase()),
                    loc: loc.clone(),
                });
            }
            return Ok(());
        }
        let phrase = parse_phrase(phrase_text, self.dialect)?;
        let plural = match plural_text {
            None => PluralRule::Regular,
            Some(t) if t.trim().is_empty() => PluralRule::NoPlural,
            // PETRARCH reads the brace content as one phrase string.
            Some(t) => PluralRule::Given(vec![parse_phrase(t.trim(), self.dialect)?]),
        };
        self.entries.push(AgentEntry {
            phrase,
            plural,
            code,
            template: None,
            loc: loc.clone(),
        });
        Ok(())
    }

    /// Every text `!NAME!` markers in `text` expand to (several markers multiply).
    fn substitute(&self, text: &str) -> Result<Vec<String>, String> {
        let mut done = Vec::new();
        let mut todo = vec![text.to_string()];
        while let Some(t) = todo.pop() {
            let Some(start) = t.find('!') else {
                done.push(t);
                continue;
            };
            let end = t[start + 1..]
                .find('!')
                .map(|e| start + 1 + e)
                .ok_or_else(|| format!("unclosed '!' marker in {text:?}"))?;
            let name = t[start + 1..end].to_uppercase();
            let set = self
                .substitution_sets
                .iter()
                .find(|s| s.name == name)
                .ok_or_else(|| format!("undefined substitution set !{name}! in {text:?}"))?;
            if done.len() + todo.len() + set.items.len() > MAX_SUBSTITUTIONS {
                return Err(format!(
                    "more than {MAX_SUBSTITUTIONS} substitutions for {text:?}"
                ));
            }
            for item in set.items.iter().rev() {
                todo.push(format!("{}{}{}", &t[..start], item, &t[end + 1..]));
            }
        }
        Ok(done)
    }
}

/// Cap on the entries one line may expand to: markers multiply (real lines give at most 25).
const MAX_SUBSTITUTIONS: usize = 10_000;

/// `!NAME! = A, B, C`.
fn parse_substitution_set(content: &str, loc: SourceLoc) -> Result<SubstitutionSet, String> {
    let (lhs, rhs) = content
        .split_once('=')
        .ok_or("substitution set without '='")?;
    let name = lhs.trim().trim_matches('!').trim().to_uppercase();
    if name.is_empty() || lhs.trim().matches('!').count() != 2 {
        return Err(format!("bad substitution marker {lhs:?}"));
    }
    let items: Vec<String> = rhs
        .split(',')
        .map(|i| {
            i.chars()
                .filter(|c| !c.is_whitespace())
                .collect::<String>()
                .to_uppercase()
        })
        .filter(|i| !i.is_empty())
        .collect();
    if items.is_empty() {
        return Err(format!("substitution set !{name}! is empty"));
    }
    Ok(SubstitutionSet { name, items, loc })
}

/// `~GOV` (suffix) or `NGO~` (prefix); blanks ignored.
fn parse_agent_code(block: &str) -> Result<AgentCode, String> {
    let compact: String = block.chars().filter(|c| !c.is_whitespace()).collect();
    let (code, placement) = if let Some(c) = compact.strip_prefix('~') {
        (c, AgentPlacement::Suffix)
    } else if let Some(c) = compact.strip_suffix('~') {
        (c, AgentPlacement::Prefix)
    } else {
        return Err(format!("agent code [{block}] has no '~' connector"));
    };
    if code.is_empty() || !code.chars().all(|c| c.is_alphanumeric()) {
        return Err(format!("bad agent code [{block}]"));
    }
    Ok(AgentCode {
        code: code.to_uppercase(),
        placement,
    })
}
