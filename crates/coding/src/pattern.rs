//! Verb patterns compiled to flat element sequences, and the matcher that runs them on a clause.
//!
//! Synsets (`&NAME`) and TABARI alternatives (`{ a | b }`) are expanded at compile time into separate flat
//! patterns, so matching is a small backtracking walk over the clause's tokens: literal words in order (a blank
//! lets words come between, `_` does not), `$`/`+`/`%`/`^` on the first actor found at that place (TABARI §5.7.3).
//! Patterns are tried longest first, length counted in letters as TABARI does (§5.7.1).

use crate::lexicon::LexWord;
use dyad_dict::{Dialect, EventCode, PatternElement, PatternToken, VerbDictionary};

/// How many flat variants one written pattern may expand to; beyond that the rest are dropped.
pub const MAX_PATTERN_VARIANTS: usize = 512;
/// How deep synsets may refer to synsets.
const MAX_SYNSET_DEPTH: usize = 4;

/// One element of a flat pattern.
#[derive(Debug, Clone)]
pub enum PatKind {
    Word(LexWord),
    Source,
    Target,
    Compound,
    Skip,
    Verb,
}

#[derive(Debug, Clone)]
pub struct PatElem {
    pub kind: PatKind,
    pub adjacent_next: bool,
    /// Came from a synset: TABARI counts no letters for it when ranking patterns.
    pub from_synset: bool,
}

/// A pattern ready to match.
#[derive(Debug, Clone)]
pub struct FlatPattern {
    /// Elements before the verb, in order.
    pub pre: Vec<PatElem>,
    /// The last pre element must touch the verb.
    pub pre_touches_verb: bool,
    /// Elements after the verb, in order.
    pub post: Vec<PatElem>,
    /// The first post element must follow the verb at once.
    pub post_touches_verb: bool,
    /// Letters in literal words: longer patterns are tried first.
    pub weight: u32,
    pub code: EventCode,
    /// Index into the coder's rule table.
    pub rule: u32,
}

/// Converts a dictionary word to a lexicon word under `dialect`'s matching rules.
pub fn lex_word(
    w: &dyad_dict::Word,
    adjacent_next: bool,
    dialect: Dialect,
    allow_stem: bool,
) -> LexWord {
    let tabari = matches!(dialect, Dialect::Tabari);
    let _ = w.no_endings;
    LexWord {
        text: w.text.replace('-', "_").into(),
        stem: allow_stem && !w.exact && tabari,
        // Pattern words match as written: TABARI's automatic endings are for actors, agents and nouns (§5.2.3),
        // and PETRARCH only forms plurals of synset members.
        endings: false,
        adjacent_next,
    }
}

/// Expands a written pattern into flat element lists.
pub fn flatten(elements: &[PatternElement], verbs: &VerbDictionary) -> Vec<Vec<PatElem>> {
    let mut out: Vec<Vec<PatElem>> = vec![Vec::new()];
    expand_into(elements, verbs, &mut out, 0, false);
    out
}

fn expand_into(
    elements: &[PatternElement],
    verbs: &VerbDictionary,
    out: &mut Vec<Vec<PatElem>>,
    depth: usize,
    in_synset: bool,
) {
    let dialect = verbs.dialect;
    for el in elements {
        let single = |kind: PatKind| PatElem {
            kind,
            adjacent_next: el.adjacent_next,
            from_synset: in_synset,
        };
        match &el.token {
            PatternToken::Word(w) => {
                let mut word = lex_word(w, el.adjacent_next, dialect, true);
                if in_synset && matches!(dialect, Dialect::Petrarch1 | Dialect::Petrarch2) {
                    // PETRARCH generates plurals for synset members only.
                    word.endings = !w.no_endings;
                }
                let parts: Vec<PatElem> = match crate::lexicon::split_contraction(&word.text) {
                    Some((a, b)) => vec![
                        PatElem {
                            kind: PatKind::Word(LexWord {
                                text: a.into(),
                                stem: false,
                                endings: false,
                                adjacent_next: true,
                            }),
                            adjacent_next: true,
                            from_synset: in_synset,
                        },
                        PatElem {
                            kind: PatKind::Word(LexWord {
                                text: b.into(),
                                ..word.clone()
                            }),
                            adjacent_next: el.adjacent_next,
                            from_synset: in_synset,
                        },
                    ],
                    None => vec![single(PatKind::Word(word))],
                };
                for v in out.iter_mut() {
                    v.extend(parts.iter().cloned());
                }
            }
            PatternToken::Verb => out.iter_mut().for_each(|v| v.push(single(PatKind::Verb))),
            PatternToken::Source => out.iter_mut().for_each(|v| v.push(single(PatKind::Source))),
            PatternToken::Target => out.iter_mut().for_each(|v| v.push(single(PatKind::Target))),
            PatternToken::Compound => out
                .iter_mut()
                .for_each(|v| v.push(single(PatKind::Compound))),
            PatternToken::Skip => out.iter_mut().for_each(|v| v.push(single(PatKind::Skip))),
            PatternToken::Synset(name) => {
                let Some(set) = verbs.synset(name) else {
                    // An undefined synset makes the pattern unusable (PETRARCH ignores such patterns).
                    out.clear();
                    return;
                };
                if depth >= MAX_SYNSET_DEPTH {
                    out.clear();
                    return;
                }
                let alts: Vec<Vec<PatternElement>> = set
                    .members
                    .iter()
                    .map(|m| {
                        let mut e = m.elements.clone();
                        // Member words are consecutive; the synset's own connector applies after the last word.
                        let n = e.len();
                        for (i, x) in e.iter_mut().enumerate() {
                            x.adjacent_next = if i + 1 < n {
                                matches!(dialect, Dialect::Petrarch1 | Dialect::Petrarch2)
                                    || x.adjacent_next
                            } else {
                                el.adjacent_next
                            };
                        }
                        e
                    })
                    .collect();
                branch(out, &alts, verbs, depth + 1, true);
            }
            PatternToken::Alternatives(alts) => {
                let alts: Vec<Vec<PatternElement>> = alts
                    .iter()
                    .map(|a| {
                        let mut e = a.clone();
                        if let Some(last) = e.last_mut() {
                            last.adjacent_next = last.adjacent_next || el.adjacent_next;
                        }
                        e
                    })
                    .collect();
                branch(out, &alts, verbs, depth + 1, in_synset);
            }
            // PETRARCH-2 phrase structure: read as its words in order.
            PatternToken::NounPhrase(inner) | PatternToken::PrepPhrase(inner) => {
                expand_into(inner, verbs, out, depth + 1, in_synset);
            }
        }
        if out.is_empty() {
            return;
        }
    }
}

fn branch(
    out: &mut Vec<Vec<PatElem>>,
    alts: &[Vec<PatternElement>],
    verbs: &VerbDictionary,
    depth: usize,
    in_synset: bool,
) {
    let mut next = Vec::new();
    for alt in alts {
        let mut part = out.clone();
        expand_into(alt, verbs, &mut part, depth, in_synset);
        next.extend(part);
        if next.len() > MAX_PATTERN_VARIANTS {
            next.truncate(MAX_PATTERN_VARIANTS);
            break;
        }
    }
    *out = next;
}

/// Splits a flat element list at its verb; `None` when it has no verb or more than one.
pub fn split_at_verb(
    elems: Vec<PatElem>,
    code: EventCode,
    rule: u32,
    dialect: Dialect,
) -> Option<FlatPattern> {
    let vi = elems.iter().position(|e| matches!(e.kind, PatKind::Verb))?;
    if elems[vi + 1..]
        .iter()
        .any(|e| matches!(e.kind, PatKind::Verb))
    {
        return None;
    }
    let weight = elems
        .iter()
        .map(|e| match &e.kind {
            PatKind::Word(_) if e.from_synset && dialect == Dialect::Tabari => 0,
            PatKind::Word(w) => w.text.chars().filter(|c| c.is_alphanumeric()).count() as u32,
            _ => 0,
        })
        .sum();
    let post_touches_verb = elems[vi].adjacent_next;
    let mut pre = elems;
    let post = pre.split_off(vi + 1);
    pre.pop();
    let pre_touches_verb = pre.last().is_some_and(|e| e.adjacent_next);
    Some(FlatPattern {
        pre,
        pre_touches_verb,
        post,
        post_touches_verb,
        weight,
        code,
        rule,
    })
}

/// What the matcher needs to know about the clause it runs on.
pub trait ClauseView {
    /// Number of positions in the clause.
    fn len(&self) -> usize;
    /// True for a clause with no positions.
    fn is_empty(&self) -> bool {
        self.len() == 0
    }
    /// Normalised word at a position, or `None` for punctuation.
    fn word(&self, pos: usize) -> Option<&str>;
    /// The actor unit starting at `pos`: (unit id, position after it, is compound).
    fn unit_at(&self, pos: usize) -> Option<(usize, usize, bool)>;
    /// Whether position `pos` ends the search for an actor element (a preposition, verb or other phrase break
    /// under the PETRARCH reading; never under TABARI's).
    fn phrase_boundary(&self, _pos: usize) -> bool {
        false
    }
    /// Where the noun phrase opening at `pos` ends when it holds no actor ("their populations" before ABOUT),
    /// under the PETRARCH reading; `None` when none opens there, it holds an actor, or under TABARI's reading.
    fn bare_phrase_end(&self, _pos: usize) -> Option<usize> {
        None
    }
    /// The actor unit ending just before `end`: (unit id, its start position, is compound).
    fn unit_ending_at(&self, end: usize) -> Option<(usize, usize, bool)> {
        (0..end).rev().find_map(|p| {
            self.unit_at(p)
                .filter(|&(_, after, _)| after == end)
                .map(|(u, _, c)| (u, p, c))
        })
    }
}

/// Actor units a pattern bound, and the positions it covered.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Bindings {
    pub source: Option<usize>,
    pub target: Option<usize>,
    pub compound: Option<usize>,
    /// The `%` compound was found after the verb.
    pub compound_after_verb: bool,
    /// An actor a `^` skipped (the last one): the pattern says it is neither source nor target.
    pub skipped: Option<usize>,
    pub first: usize,
    pub last: usize,
}

impl FlatPattern {
    /// Whether the pattern spells out a negation ("NOT", "N'T", "NEVER", …), so a negated verb it matches is
    /// coded as the pattern says.
    pub fn negates(&self) -> bool {
        self.pre.iter().chain(&self.post).any(|e| match &e.kind {
            PatKind::Word(w) => crate::grammar::is_in(crate::grammar::NEGATIONS, &w.text),
            _ => false,
        })
    }

    /// Matches this pattern around the verb at positions `verb_start..verb_end` of `clause`, with the pre part
    /// restricted to `pre_from..` and the post part to `..post_to`.
    pub fn matches(
        &self,
        clause: &dyn ClauseView,
        pre_from: usize,
        verb_start: usize,
        verb_end: usize,
        post_to: usize,
    ) -> Option<Bindings> {
        let mut b = Bindings {
            first: verb_start,
            last: verb_end,
            ..Bindings::default()
        };
        // Post part first: it is usually the selective one.
        if !self.post.is_empty() {
            let end = match_seq(
                clause,
                &self.post,
                0,
                verb_end,
                post_to,
                self.post_touches_verb,
                None,
                &mut b,
            )?;
            b.last = b.last.max(end);
        }
        if !self.pre.is_empty() {
            // The pre part is matched backwards from the verb: `$ *` takes the actor nearest the verb, and
            // `+ s1 *` the actor before the `s1` nearest the verb (TABARI §5.7.4).
            let k = self.pre.len() - 1;
            let start = match_back(
                clause,
                &self.pre,
                k,
                verb_start,
                pre_from,
                self.pre_touches_verb,
                &mut b,
            )?;
            b.first = b.first.min(start);
        }
        Some(b)
    }
}

/// Matches `elems[k..]` starting at `pos` (exactly at `pos` when `anchored`), never reaching `limit`; when
/// `must_end` is set the match must end exactly there. Returns the position after the match.
#[allow(clippy::too_many_arguments)]
fn match_seq(
    clause: &dyn ClauseView,
    elems: &[PatElem],
    k: usize,
    pos: usize,
    limit: usize,
    anchored: bool,
    must_end: Option<usize>,
    b: &mut Bindings,
) -> Option<usize> {
    if k == elems.len() {
        return match must_end {
            Some(e) if e != pos => None,
            _ => Some(pos),
        };
    }
    let el = &elems[k];
    let last_start = if anchored {
        pos
    } else {
        limit.saturating_sub(1)
    };
    let mut p = pos;
    while p <= last_start && p < limit {
        match &el.kind {
            PatKind::Word(w) => {
                if clause.word(p).is_some_and(|t| w.matches(t)) {
                    let mut bb = *b;
                    if let Some(end) = match_seq(
                        clause,
                        elems,
                        k + 1,
                        p + 1,
                        limit,
                        el.adjacent_next,
                        must_end,
                        &mut bb,
                    ) {
                        *b = bb;
                        return Some(end);
                    }
                }
            }
            PatKind::Verb => return None,
            PatKind::Skip if p == pos && clause.unit_at(p).is_none() => {
                // PETRARCH's `^` skips the next noun phrase, coded or not (PETR.UnitTest COMPOUND-21: "a skip on
                // a null-coded (NE"): a phrase with no actor opening right here is passed over whole.
                if let Some(end) = clause.bare_phrase_end(p).filter(|&e| e <= limit) {
                    let mut bb = *b;
                    if let Some(done) = match_seq(
                        clause,
                        elems,
                        k + 1,
                        end,
                        limit,
                        el.adjacent_next,
                        must_end,
                        &mut bb,
                    ) {
                        *b = bb;
                        return Some(done);
                    }
                }
                if clause.phrase_boundary(p) {
                    return None;
                }
            }
            kind => {
                if let Some((unit, after, compound)) = clause.unit_at(p) {
                    if after <= limit && (!matches!(kind, PatKind::Compound) || compound) {
                        let mut bb = *b;
                        match kind {
                            PatKind::Source => bb.source = Some(unit),
                            PatKind::Target => bb.target = Some(unit),
                            PatKind::Compound => {
                                bb.compound = Some(unit);
                                bb.compound_after_verb = true;
                            }
                            PatKind::Skip => bb.skipped = Some(unit),
                            _ => {}
                        }
                        if let Some(end) = match_seq(
                            clause,
                            elems,
                            k + 1,
                            after,
                            limit,
                            el.adjacent_next,
                            must_end,
                            &mut bb,
                        ) {
                            *b = bb;
                            return Some(end);
                        }
                    }
                    // $ + % ^ take the first actor at this place, not a later one (TABARI §5.7.3).
                    return None;
                }
                // In the PETRARCH reading the actor must open the phrase that follows, not lie beyond it.
                if clause.phrase_boundary(p) {
                    return None;
                }
            }
        }
        p += 1;
    }
    None
}

/// Matches `elems[..=k]` backwards so that element `k` ends at `end` (exactly, when `anchored`, else at or before
/// it), never going below `floor`. Returns the start position of element 0.
fn match_back(
    clause: &dyn ClauseView,
    elems: &[PatElem],
    k: usize,
    end: usize,
    floor: usize,
    anchored: bool,
    b: &mut Bindings,
) -> Option<usize> {
    let el = &elems[k];
    let lowest_end = if anchored { end } else { floor + 1 };
    let mut e = end;
    while e >= lowest_end && e > floor {
        match &el.kind {
            PatKind::Word(w) => {
                if clause.word(e - 1).is_some_and(|t| w.matches(t)) {
                    let start = e - 1;
                    if k == 0 {
                        return Some(start);
                    }
                    let mut bb = *b;
                    let prev_adjacent = elems[k - 1].adjacent_next;
                    if let Some(s) =
                        match_back(clause, elems, k - 1, start, floor, prev_adjacent, &mut bb)
                    {
                        *b = bb;
                        return Some(s);
                    }
                }
            }
            PatKind::Verb => return None,
            kind => {
                if let Some((unit, start, compound)) = clause.unit_ending_at(e) {
                    if start >= floor && (!matches!(kind, PatKind::Compound) || compound) {
                        let mut bb = *b;
                        match kind {
                            PatKind::Source => bb.source = Some(unit),
                            PatKind::Target => bb.target = Some(unit),
                            PatKind::Compound => bb.compound = Some(unit),
                            PatKind::Skip => bb.skipped = Some(unit),
                            _ => {}
                        }
                        if k == 0 {
                            *b = bb;
                            return Some(start);
                        }
                        let prev_adjacent = elems[k - 1].adjacent_next;
                        if let Some(s) =
                            match_back(clause, elems, k - 1, start, floor, prev_adjacent, &mut bb)
                        {
                            *b = bb;
                            return Some(s);
                        }
                    }
                    // The actor nearest the verb is the one `$ + %` take.
                    return None;
                }
            }
        }
        e -= 1;
    }
    None
}
