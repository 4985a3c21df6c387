//! The phrase tables of [`crate::patterns`] compiled once into Aho-Corasick automata, so classifying a line is a
//! few linear scans instead of one substring search per table entry.

use std::collections::HashSet;
use std::sync::OnceLock;

use aho_corasick::{AhoCorasick, AhoCorasickKind};

use crate::patterns::{
    BYLINE_AFFILIATIONS, BYLINE_AFFILIATION_PREFIXES, BYLINE_PLACE_SEPARATOR, BYLINE_PREFIXES,
    CAPTION_PREFIXES, CREDIT_LINE_PREFIXES, CREDIT_MARKERS, CREDIT_MARKER_TAIL_BYTES,
    FURNITURE_LINES, LINK_LINE_PREFIXES, NAME_PARTICLES, PROMPT_RULES, SYNDICATION_PHRASES,
    SYNDICATION_PREFIXES,
};

/// The prefix tables a line can start with.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PrefixTable {
    Syndication,
    CreditLine,
    Caption,
    LinkLine,
    Byline,
}

impl PrefixTable {
    const ALL: [(PrefixTable, &'static [&'static str]); 5] = [
        (PrefixTable::Syndication, SYNDICATION_PREFIXES),
        (PrefixTable::CreditLine, CREDIT_LINE_PREFIXES),
        (PrefixTable::Caption, CAPTION_PREFIXES),
        (PrefixTable::LinkLine, LINK_LINE_PREFIXES),
        (PrefixTable::Byline, BYLINE_PREFIXES),
    ];

    fn bit(self) -> u8 {
        1 << (self as u8)
    }
}

/// The set of prefix tables a line starts with.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct LinePrefixes(u8);

impl LinePrefixes {
    pub fn has(self, table: PrefixTable) -> bool {
        self.0 & table.bit() != 0
    }
}

/// Compiled phrase tables.
#[derive(Debug)]
pub struct PhraseIndex {
    /// Every `any_of` phrase of every prompt rule; `prompt_rule[pattern]` is its rule.
    prompt_any: Option<AhoCorasick>,
    prompt_any_rule: Vec<usize>,
    /// Every `with_any_of` word of every prompt rule; `prompt_with_rule[pattern]` is its rule.
    prompt_with: Option<AhoCorasick>,
    prompt_with_rule: Vec<usize>,
    syndication: Option<AhoCorasick>,
    credits: Option<AhoCorasick>,
    furniture: HashSet<&'static str>,
    /// Lower-case words a byline may hold: name particles and the words of affiliations ("staff", "for").
    byline_lowercase: HashSet<&'static str>,
    /// Every prefix of every prefix table; `prefix_table[pattern]` is its table. Only matches at the line start
    /// count, so only the first `longest_prefix` bytes are scanned.
    prefixes: Option<AhoCorasick>,
    prefix_table: Vec<PrefixTable>,
    longest_prefix: usize,
}

/// An automaton over `patterns`; `None` only if the tables outgrew the automaton's limits (a unit test guards).
/// A full DFA without prefilter: the tables are small, lines are scanned far more often than the automata are
/// built, and the phrases start with common letters, so a prefilter would fire at almost every byte.
fn automaton<'a>(patterns: impl IntoIterator<Item = &'a str>) -> Option<AhoCorasick> {
    AhoCorasick::builder()
        .kind(Some(AhoCorasickKind::DFA))
        .prefilter(false)
        .build(patterns)
        .ok()
}

impl PhraseIndex {
    /// The process-wide index, built on first use.
    pub fn get() -> &'static PhraseIndex {
        static INDEX: OnceLock<PhraseIndex> = OnceLock::new();
        INDEX.get_or_init(PhraseIndex::build)
    }

    fn build() -> PhraseIndex {
        let mut any = (Vec::new(), Vec::new());
        let mut with = (Vec::new(), Vec::new());
        for (rule, r) in PROMPT_RULES.iter().enumerate() {
            for p in r.any_of {
                any.0.push(*p);
                any.1.push(rule);
            }
            for w in r.with_any_of {
                with.0.push(*w);
                with.1.push(rule);
            }
        }
        PhraseIndex {
            prompt_any: automaton(any.0),
            prompt_any_rule: any.1,
            prompt_with: automaton(with.0),
            prompt_with_rule: with.1,
            syndication: automaton(SYNDICATION_PHRASES.iter().copied()),
            credits: automaton(CREDIT_MARKERS.iter().copied()),
            furniture: FURNITURE_LINES.iter().copied().collect(),
            byline_lowercase: NAME_PARTICLES
                .iter()
                .copied()
                .chain(BYLINE_AFFILIATIONS.iter().flat_map(|a| a.split(' ')))
                .chain(
                    BYLINE_AFFILIATION_PREFIXES
                        .iter()
                        .flat_map(|a| a.split_whitespace()),
                )
                .chain([BYLINE_PLACE_SEPARATOR.trim(), "and"])
                .collect(),
            prefixes: automaton(PrefixTable::ALL.iter().flat_map(|(_, t)| t.iter().copied())),
            longest_prefix: PrefixTable::ALL
                .iter()
                .flat_map(|(_, t)| t.iter().map(|p| p.len()))
                .max()
                .unwrap_or(0),
            prefix_table: PrefixTable::ALL
                .iter()
                .flat_map(|&(table, t)| t.iter().map(move |_| table))
                .collect(),
        }
    }

    /// Whether some prompt rule fires on `lower` (a lower-cased line of `words` words): one of its phrases and,
    /// if it has any, one of its companion words occur at word boundaries, and the line is short enough.
    pub fn prompt_rule_fires(&self, lower: &str, words: usize) -> bool {
        let mut fired_any = [false; 64];
        let mut fired_with = [false; 64];
        if let Some(ac) = &self.prompt_any {
            for m in ac.find_overlapping_iter(lower) {
                if at_word_boundaries(lower, m.start(), m.end()) {
                    fired_any[self.prompt_any_rule[m.pattern().as_usize()] % 64] = true;
                }
            }
        }
        if !fired_any.contains(&true) {
            return false;
        }
        if let Some(ac) = &self.prompt_with {
            for m in ac.find_overlapping_iter(lower) {
                if at_word_boundaries(lower, m.start(), m.end()) {
                    fired_with[self.prompt_with_rule[m.pattern().as_usize()] % 64] = true;
                }
            }
        }
        PROMPT_RULES.iter().enumerate().any(|(i, rule)| {
            words <= rule.max_words
                && fired_any[i % 64]
                && (rule.with_any_of.is_empty() || fired_with[i % 64])
        })
    }

    /// The prefix tables `lower` (a lower-cased line) starts with, in one scan of its head.
    pub fn line_prefixes(&self, lower: &str) -> LinePrefixes {
        let Some(ac) = &self.prefixes else {
            return prefixes_by_search(lower);
        };
        let mut head = self.longest_prefix.min(lower.len());
        while !lower.is_char_boundary(head) {
            head += 1;
        }
        let mut found = 0u8;
        for m in ac.find_overlapping_iter(&lower[..head]) {
            if m.start() == 0 {
                found |= self.prefix_table[m.pattern().as_usize()].bit();
            }
        }
        LinePrefixes(found)
    }

    /// Whether `bare` (a lower-cased line without trailing punctuation) is site furniture ("share this").
    pub fn is_furniture_line(&self, bare: &str) -> bool {
        self.furniture.contains(bare)
    }

    /// Whether `word`, written in lower case, may stand in a byline.
    pub fn is_byline_lowercase_word(&self, word: &str) -> bool {
        self.byline_lowercase.contains(word)
    }

    /// Whether `lower` holds a syndication phrase ("all rights reserved").
    pub fn has_syndication_phrase(&self, lower: &str) -> bool {
        self.syndication
            .as_ref()
            .is_some_and(|ac| ac.is_match(lower))
    }

    /// Whether `text` (original case) holds a wire-photo credit ("REUTERS/", "AP Photo").
    /// Only a credit standing in the line's last [`CREDIT_MARKER_TAIL_BYTES`] counts: captions end with their
    /// credit, while prose may name a photo agency anywhere.
    pub fn has_credit_marker(&self, text: &str) -> bool {
        let tail_from = text.len().saturating_sub(CREDIT_MARKER_TAIL_BYTES);
        self.credits
            .as_ref()
            .is_some_and(|ac| ac.find_iter(text).any(|m| m.end() >= tail_from))
    }
}

/// The prefix tables `lower` starts with, table by table: the reference for [`PhraseIndex::line_prefixes`].
fn prefixes_by_search(lower: &str) -> LinePrefixes {
    let mut found = 0u8;
    for (table, prefixes) in PrefixTable::ALL {
        if prefixes.iter().any(|p| lower.starts_with(p)) {
            found |= table.bit();
        }
    }
    LinePrefixes(found)
}

/// Whether `text[start..end]` starts and ends at word boundaries.
fn at_word_boundaries(text: &str, start: usize, end: usize) -> bool {
    let before = text[..start].chars().next_back();
    let after = text[end..].chars().next();
    !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_table_compiles_and_rules_fit_the_masks() {
        let index = PhraseIndex::build();
        assert!(index.prompt_any.is_some() && index.prompt_with.is_some());
        assert!(index.syndication.is_some() && index.credits.is_some() && index.prefixes.is_some());
        assert!(PROMPT_RULES.len() <= 64);
    }

    #[test]
    fn anchored_prefix_scan_agrees_with_table_search() {
        let index = PhraseIndex::get();
        for line in [
            "photo: reuters/jane doe",
            "(reporting by jane doe; editing by john roe)",
            "© 2018 example news",
            "read more: talks stall",
            "by jane doe",
            "copyright 2019 the associated press",
            "the talks stalled",
            "",
            "by",
        ] {
            assert_eq!(
                index.line_prefixes(line),
                prefixes_by_search(line),
                "{line}"
            );
        }
        assert!(index.line_prefixes("by jane doe").has(PrefixTable::Byline));
        assert!(
            !index
                .line_prefixes("stand by jane doe")
                .has(PrefixTable::Byline),
            "anchored at the start"
        );
    }

    #[test]
    fn phrases_match_only_whole_words() {
        let index = PhraseIndex::get();
        assert!(index.prompt_rule_fires("follow us on telegram", 4));
        assert!(
            !index.prompt_rule_fires("follow us on telegrams", 4),
            "companion must be a whole word"
        );
        assert!(
            !index.prompt_rule_fires("unfollow us on telegram", 4),
            "phrase must start a word"
        );
        assert!(
            !index.prompt_rule_fires("follow us on telegram", 400),
            "too long for a prompt"
        );
    }
}
