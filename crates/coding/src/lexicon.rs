//! Phrase lookup: dictionary phrases compiled into hash indexes keyed on their first word, matched against tokens.
//!
//! A dictionary word is either a *stem* (TABARI: `ACCEPT` matches `ACCEPTED`, `ACCEPTING`) or a whole word that
//! may carry a regular English ending (`S ES ED D EN ING`, `Y→IES/IED`, a doubled final consonant). Lookup probes
//! the token's possible bases and prefixes in the indexes, so a sentence costs a handful of hash probes per token
//! and no allocation. Multi-word phrases then check their remaining words; a blank between dictionary words lets
//! a few other words come between (TABARI), `_` requires the next word to follow at once.

use crate::text::{TokenKind, Tokens};
use std::collections::HashMap;

/// How many tokens may come between two blank-separated words of an actor/agent phrase.
pub const MAX_PHRASE_GAP: usize = 3;
/// Regular endings a whole word may carry (TABARI §5.2.3 plus the PETRARCH verb and plural forms).
const REGULAR_ENDINGS: [&str; 6] = ["S", "ES", "ED", "D", "EN", "ING"];

/// One compiled dictionary word.
#[derive(Debug, Clone)]
pub struct LexWord {
    pub text: Box<str>,
    /// Prefix match (TABARI stem).
    pub stem: bool,
    /// Regular endings accepted on a whole word.
    pub endings: bool,
    /// The next word must follow immediately.
    pub adjacent_next: bool,
}

impl LexWord {
    /// Whether token text `tok` is this word.
    pub fn matches(&self, tok: &str) -> bool {
        let w: &str = &self.text;
        if self.stem {
            return tok.starts_with(w);
        }
        if tok == w {
            return true;
        }
        if !self.endings {
            return false;
        }
        // A trailing period of an abbreviation-looking token ("JORDAN." in all-caps copy).
        if let Some(t) = tok.strip_suffix('.') {
            if t == w {
                return true;
            }
        }
        has_regular_ending(w, tok)
    }
}

/// Whether `tok` is `base` plus one regular ending.
pub fn has_regular_ending(base: &str, tok: &str) -> bool {
    let Some(rest) = tok.strip_prefix(base) else {
        // Y → IES / IED, E dropped before ING / ED.
        if let Some(stem) = base.strip_suffix('Y') {
            if let Some(r) = tok.strip_prefix(stem) {
                return r == "IES" || r == "IED";
            }
        }
        if let Some(stem) = base.strip_suffix('E') {
            if let Some(r) = tok.strip_prefix(stem) {
                return r == "ING";
            }
        }
        return false;
    };
    if rest.is_empty() || REGULAR_ENDINGS.contains(&rest) || rest == "'S" {
        return true;
    }
    // Doubled final consonant: STOP → STOPPED, STOPPING.
    let last = base.as_bytes().last().copied().unwrap_or(0);
    if rest.len() > 1 && rest.as_bytes()[0] == last && !b"AEIOU".contains(&last) {
        let r = &rest[1..];
        return r == "ED" || r == "ING";
    }
    false
}

/// The bases a token may be a regular form of (itself included), for index probes. Writes into `out`.
pub fn candidate_bases<'a>(tok: &'a str, out: &mut Vec<std::borrow::Cow<'a, str>>) {
    use std::borrow::Cow;
    out.clear();
    out.push(Cow::Borrowed(tok));
    if let Some(t) = tok.strip_suffix('.') {
        out.push(Cow::Borrowed(t));
    }
    for end in REGULAR_ENDINGS {
        if let Some(b) = tok.strip_suffix(end) {
            if b.len() >= 2 {
                out.push(Cow::Borrowed(b));
                let bb = b.as_bytes();
                if (end == "ED" || end == "ING")
                    && bb.len() >= 3
                    && bb[bb.len() - 1] == bb[bb.len() - 2]
                {
                    out.push(Cow::Borrowed(&b[..b.len() - 1]));
                }
            }
        }
    }
    for end in ["IES", "IED"] {
        if let Some(b) = tok.strip_suffix(end) {
            if !b.is_empty() {
                out.push(Cow::Owned(format!("{b}Y")));
            }
        }
    }
    if let Some(b) = tok.strip_suffix("ING") {
        if b.len() >= 2 {
            out.push(Cow::Owned(format!("{b}E")));
        }
    }
}

/// A compiled phrase and what it stands for.
#[derive(Debug, Clone)]
pub struct LexPhrase<T> {
    pub words: Vec<LexWord>,
    pub payload: T,
}

/// Phrases indexed by first word.
#[derive(Debug, Clone)]
pub struct PhraseIndex<T> {
    pub phrases: Vec<LexPhrase<T>>,
    whole: HashMap<Box<str>, Vec<u32>>,
    stems: HashMap<Box<str>, Vec<u32>>,
    /// Longest stem length, to bound prefix probes.
    max_stem: usize,
}

impl<T> Default for PhraseIndex<T> {
    fn default() -> Self {
        PhraseIndex {
            phrases: Vec::new(),
            whole: HashMap::new(),
            stems: HashMap::new(),
            max_stem: 0,
        }
    }
}

/// A phrase found in the token stream.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PhraseMatch {
    pub phrase: u32,
    /// Token range covered (end exclusive).
    pub start: usize,
    pub end: usize,
    /// Number of dictionary words matched (longer wins).
    pub words: usize,
}

impl<T> PhraseIndex<T> {
    pub fn push(&mut self, words: Vec<LexWord>, payload: T) {
        let Some(first) = words.first() else { return };
        let id = self.phrases.len() as u32;
        if first.stem {
            self.max_stem = self.max_stem.max(first.text.len());
            self.stems.entry(first.text.clone()).or_default().push(id);
        } else {
            self.whole.entry(first.text.clone()).or_default().push(id);
        }
        self.phrases.push(LexPhrase { words, payload });
    }

    pub fn len(&self) -> usize {
        self.phrases.len()
    }

    pub fn is_empty(&self) -> bool {
        self.phrases.is_empty()
    }

    /// Calls `f` with every phrase id whose first word matches token text `tok`.
    fn candidates<'t>(
        &self,
        tok: &'t str,
        bases: &mut Vec<std::borrow::Cow<'t, str>>,
        mut f: impl FnMut(u32),
    ) {
        if !self.whole.is_empty() {
            candidate_bases(tok, bases);
            for (i, b) in bases.iter().enumerate() {
                if bases[..i].iter().any(|p| p == b) {
                    continue;
                }
                if let Some(ids) = self.whole.get(b.as_ref()) {
                    for &id in ids {
                        f(id);
                    }
                }
            }
        }
        if !self.stems.is_empty() {
            let max = self.max_stem.min(tok.len());
            for l in 1..=max {
                if !tok.is_char_boundary(l) {
                    continue;
                }
                if let Some(ids) = self.stems.get(&tok[..l]) {
                    for &id in ids {
                        f(id);
                    }
                }
            }
        }
    }

    /// The longest phrase starting at token `start` whose words all match (ties: earliest in the dictionary).
    /// `usable(i)` says whether token `i` may be part of a match.
    pub fn longest_at(&self, toks: &Tokens, start: usize, limit: usize) -> Option<PhraseMatch> {
        if toks.tokens[start].kind != TokenKind::Word {
            return None;
        }
        let mut best: Option<PhraseMatch> = None;
        let mut bases = Vec::new();
        let tok = toks.text(start);
        self.candidates(tok, &mut bases, |id| {
            let p = &self.phrases[id as usize];
            if !p.words[0].matches(tok) {
                return;
            }
            if let Some(end) = match_rest(&p.words, toks, start, limit) {
                let m = PhraseMatch {
                    phrase: id,
                    start,
                    end,
                    words: p.words.len(),
                };
                let better = match best {
                    None => true,
                    Some(b) => {
                        (m.words, usize::MAX - m.end, u32::MAX - m.phrase)
                            > (b.words, usize::MAX - b.end, u32::MAX - b.phrase)
                    }
                };
                if better {
                    best = Some(m);
                }
            }
        });
        best
    }
}

/// Match words 1.. of a phrase after its first word matched at `start`; returns the end token (exclusive).
fn match_rest(words: &[LexWord], toks: &Tokens, start: usize, limit: usize) -> Option<usize> {
    let mut pos = start + 1;
    for k in 1..words.len() {
        let adjacent = words[k - 1].adjacent_next;
        let max_gap = if adjacent { 0 } else { MAX_PHRASE_GAP };
        let mut found = None;
        for g in 0..=max_gap {
            let i = pos + g;
            if i >= limit || toks.tokens[i].kind != TokenKind::Word {
                break;
            }
            // A possessive ends a name: "Israel's Jordan" is not "ISRAEL JORDAN".
            if toks.tokens[i - 1].possessive && !words[k - 1].text.ends_with('\'') {
                break;
            }
            if words[k].matches(toks.text(i)) {
                found = Some(i);
                break;
            }
        }
        pos = found? + 1;
    }
    Some(pos)
}

/// Splits a dictionary word the way the tokenizer splits text: `DIDN'T` → `DID`, `N'T`.
pub fn split_contraction(word: &str) -> Option<(&str, &str)> {
    let stem = word.strip_suffix("N'T")?;
    (!stem.is_empty()).then(|| (stem, &word[stem.len()..]))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn w(text: &str, stem: bool, adjacent_next: bool) -> LexWord {
        LexWord {
            text: text.into(),
            stem,
            endings: !stem,
            adjacent_next,
        }
    }

    #[test]
    fn endings_and_stems() {
        assert!(w("ACCEPT", true, false).matches("ACCEPTED"));
        assert!(w("STOP", false, false).matches("STOPPED"));
        assert!(w("CRY", false, false).matches("CRIED"));
        assert!(w("MEET", false, false).matches("MEETING"));
        assert!(w("RAISE", false, false).matches("RAISING"));
        assert!(!w("OF", false, false).matches("OFFER"));
    }

    #[test]
    fn longest_phrase_wins_and_gaps_follow_connectors() {
        let mut idx = PhraseIndex::default();
        idx.push(vec![w("AL", false, true), w("GORE", false, false)], "AGR");
        idx.push(vec![w("AL", false, false), w("GORE", false, false)], "TEN");
        idx.push(
            vec![w("UNITED", false, true), w("NATIONS", false, false)],
            "UNO",
        );
        let mut t = Tokens::default();
        t.fill("The United Nations warned Al Gore");
        let m = idx.longest_at(&t, 1, t.len()).expect("UN");
        assert_eq!((idx.phrases[m.phrase as usize].payload, m.end), ("UNO", 3));
        let m = idx.longest_at(&t, 4, t.len()).expect("gore");
        assert_eq!(idx.phrases[m.phrase as usize].payload, "AGR");
        t.fill("Al \"The Weasel\" Gore");
        let m = idx.longest_at(&t, 0, t.len()).expect("gore");
        assert_eq!(idx.phrases[m.phrase as usize].payload, "TEN");
    }
}
