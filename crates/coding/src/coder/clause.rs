//! One clause of a sentence as the assembler sees it, and its verbs matched against their patterns.
//!
//! A clause is laid out as positions over its active tokens ([`ClauseSeq`], the view the pattern matcher runs
//! on), with the actor units that start in it ([`UnitAt`]). Its verbs are tried left to right ([`VerbSpan`]); a
//! verb's candidate patterns come from the pattern index (only patterns whose anchor word occurs between the
//! commas around the verb can match), the first that matches wins, else the verb's own code ([`VerbMatch`]).
//! What the matched code then says — an event code, nothing, or stop the sentence — is [`VerbCode`]. Nothing here
//! picks source or target (`roles`) or builds events (`draft`).

use super::{note, Coder};
use crate::analysis::{Analysis, ChunkKind};
use crate::compiled::code_text;
use crate::grammar;
use crate::pattern::{Bindings, ClauseView};
use crate::text::TokenKind;
use dyad_dict::{CodeValue, EventCode};
use std::fmt::Write as _;

/// One clause laid out as positions over its active tokens.
pub(super) struct ClauseSeq<'a> {
    pub a: &'a Analysis,
    pub toks: Vec<usize>,
    /// Actor elements of patterns look only within the next phrase (PETRARCH reading).
    pub bounded_actor_search: bool,
}

impl ClauseSeq<'_> {
    /// Whether the token at `pos` is a word of the closed class `set` (commas belong to none).
    pub fn word_is(&self, set: grammar::WordSet, pos: usize) -> bool {
        self.toks.get(pos).is_some_and(|&t| self.a.words.is(set, t))
    }

    fn pos_of(&self, tok: usize) -> usize {
        self.toks.partition_point(|&t| t < tok)
    }

    /// Whether the token at `pos` is a comma that separates phrases (not one inside a compound).
    fn is_clause_comma(&self, pos: usize) -> bool {
        let t = self.toks[pos];
        self.a.toks.tokens[t].kind == TokenKind::Comma && !self.a.in_compound[t]
    }
}

impl ClauseView for ClauseSeq<'_> {
    fn len(&self) -> usize {
        self.toks.len()
    }
    fn word(&self, pos: usize) -> Option<&str> {
        let t = *self.toks.get(pos)?;
        // A word with a possessive 's is a noun ("plan's"): no pattern word matches it (TABARI noun endings).
        let tok = &self.a.toks.tokens[t];
        (tok.kind == TokenKind::Word && !tok.possessive).then(|| self.a.text(t))
    }
    fn unit_at(&self, pos: usize) -> Option<(usize, usize, bool)> {
        let t = *self.toks.get(pos)?;
        let u = self.a.unit_start[t];
        if u == 0 {
            return None;
        }
        let unit = &self.a.units[u as usize - 1];
        Some((u as usize - 1, self.pos_of(unit.end), unit.compound))
    }
    fn phrase_boundary(&self, pos: usize) -> bool {
        if !self.bounded_actor_search {
            return false;
        }
        let Some(&t) = self.toks.get(pos) else {
            return true;
        };
        // Prepositional phrases may come between (`* TABASKI ^ $` over "with Eriador"); verbs, clause words
        // and conjunctions end the search.
        let word = self.a.toks.tokens[t].kind == TokenKind::Word;
        match self.a.chunk_kind(t) {
            ChunkKind::Verb(_) | ChunkKind::Comma | ChunkKind::Negation => true,
            ChunkKind::Conjunction => !self.a.in_compound[t],
            ChunkKind::Breaker => {
                word && !self.a.words.is(grammar::PREPOSITIONS, t) && self.a.text(t) != "TO"
            }
            _ => false,
        }
    }
    fn bare_phrase_end(&self, pos: usize) -> Option<usize> {
        if !self.bounded_actor_search {
            return None;
        }
        let mut p = pos;
        while let Some(&t) = self.toks.get(p) {
            if self.a.unit_start[t] != 0 {
                return None;
            }
            let noun_word = match self.a.chunk_kind(t) {
                ChunkKind::Noun | ChunkKind::Adjective | ChunkKind::Determiner => true,
                ChunkKind::Other => !self.a.words.is(grammar::PREPOSITIONS, t),
                _ => false,
            };
            if !noun_word {
                break;
            }
            p += 1;
        }
        (p > pos).then_some(p)
    }
}

impl ClauseContext<'_> {
    /// Whether `target` is the addressee of the verb: the actor right after TO ("said to Iran"), or right after
    /// a verb that addresses its object ("told Iran").
    pub fn is_addressee(&self, verb: VerbSpan, target: Option<usize>) -> bool {
        let Some(at) = target.and_then(|t| self.units.iter().find(|u| u.unit == t)) else {
            return false;
        };
        let addressing =
            (verb.start..verb.end).any(|p| self.seq.word_is(grammar::ADDRESSING_VERBS, p));
        (at.pos == verb.end && addressing)
            || (at.pos == verb.end + 1 && self.seq.word(verb.end) == Some(grammar::INFINITIVE_TO))
    }
}

/// An actor unit visible in a clause, by position.
#[derive(Debug, Clone, Copy)]
pub(super) struct UnitAt {
    /// Index into `Analysis::units`.
    pub unit: usize,
    /// Position of its first token.
    pub pos: usize,
    /// Position after its last token.
    pub after: usize,
}

/// A verb of a clause: positions `start..end` and its verb-dictionary phrase.
#[derive(Debug, Clone, Copy)]
pub(super) struct VerbSpan {
    pub start: usize,
    pub end: usize,
    pub id: u32,
}

/// A clause being coded: its positions and the actor units in it.
pub(super) struct ClauseContext<'a> {
    /// Which clause of the sentence (0 for the first).
    pub index: usize,
    pub seq: ClauseSeq<'a>,
    /// Units starting in the clause, in order.
    pub units: Vec<UnitAt>,
}

impl<'a> ClauseContext<'a> {
    /// Clause `index` of `a`, tokens `start..end`; `None` when none of its tokens is active.
    pub fn new(
        a: &'a Analysis,
        index: usize,
        (start, end): (usize, usize),
        bounded_actor_search: bool,
    ) -> Option<ClauseContext<'a>> {
        // Sized up front: collecting a filter grows the vector step by step (several reallocations).
        let mut toks = Vec::with_capacity(end - start);
        toks.extend((start..end).filter(|&t| a.active[t]));
        let seq = ClauseSeq {
            a,
            toks,
            bounded_actor_search,
        };
        if seq.toks.is_empty() {
            return None;
        }
        let mut units = Vec::with_capacity(a.units.len());
        units.extend((0..seq.len()).filter_map(|pos| {
            seq.unit_at(pos)
                .map(|(unit, after, _)| UnitAt { unit, pos, after })
        }));
        Some(ClauseContext { index, seq, units })
    }

    pub fn analysis(&self) -> &'a Analysis {
        self.seq.a
    }

    /// The actor that opens a clause after the first (right after the conjunction): it replaces the source
    /// carried from the clause before.
    pub fn opening_actor(&self) -> Option<usize> {
        self.units
            .first()
            .filter(|u| self.index > 0 && u.pos == 0)
            .map(|u| u.unit)
    }

    /// The verbs of the clause, left to right.
    pub fn verbs(&self) -> impl Iterator<Item = VerbSpan> + '_ {
        let a = self.seq.a;
        let mut p = 0;
        std::iter::from_fn(move || {
            while p < self.seq.len() {
                let t = self.seq.toks[p];
                if let ChunkKind::Verb(id) = a.chunk_kind(t) {
                    let ch = a.chunks[a.chunk_of[t] as usize];
                    let end = self.seq.pos_of(ch.end).max(p + 1);
                    let verb = VerbSpan { start: p, end, id };
                    p = end;
                    return Some(verb);
                }
                p += 1;
            }
            None
        })
    }

    /// The verb's token range (start, end exclusive) in the sentence.
    pub fn verb_tokens(&self, verb: VerbSpan) -> (usize, usize) {
        (self.seq.toks[verb.start], self.seq.toks[verb.end - 1] + 1)
    }

    /// Positions a pattern of `verb` may cover: from after the last comma before it to the first comma after it.
    pub(super) fn comma_bounds(&self, verb: VerbSpan) -> (usize, usize) {
        let pre_from = (0..verb.start)
            .rev()
            .find(|&p| self.seq.is_clause_comma(p))
            .map_or(0, |p| p + 1);
        let post_to = (verb.end..self.seq.len())
            .find(|&p| self.seq.is_clause_comma(p))
            .unwrap_or(self.seq.len());
        (pre_from, post_to)
    }
}

/// CAMEO root of consultations (meet, visit, host, negotiate).
const CONSULT_ROOT: &str = "04";
/// CAMEO code of an intent to meet or negotiate.
const INTENT_TO_MEET: &str = "036";

/// Whether the verb at `vs` is still to come: a future auxiliary shortly before it, or the infinitive TO right
/// before it.
fn is_future(clause: &ClauseContext, vs: usize) -> bool {
    let seq = &clause.seq;
    (vs >= 1 && seq.word(vs - 1) == Some(grammar::INFINITIVE_TO))
        || (vs.saturating_sub(grammar::FUTURE_REACH)..vs)
            .any(|p| seq.word_is(grammar::FUTURE_AUXILIARIES, p))
}

/// The pattern (or the verb's own code) that fired for a verb.
pub(super) struct VerbMatch<'c> {
    pub verb: VerbSpan,
    pub code: &'c EventCode,
    /// Actor units the pattern bound (none for the verb's own code).
    pub bindings: Bindings,
    /// The rule that fired (`Compiled::rules`).
    pub rule: u32,
    /// The pattern spells out a negation (`- NOT * [112]`), so a negated verb is coded as it says.
    pub negation_handled: bool,
    /// A pattern matched (not the verb's own code).
    pub from_pattern: bool,
}

/// What a matched verb gives.
pub(super) enum VerbCode<'c> {
    /// An event with this CAMEO code.
    Event(&'c str),
    /// Nothing: a null code or a negated verb; the next verb is tried.
    Skip,
    /// A discard or complex code: the sentence gives no event at all.
    Halt,
}

impl Coder {
    /// The first of the verb's patterns that matches in the clause, else the verb's own code; `None` when the
    /// verb has neither. `cands` is a buffer for the candidate patterns, reused across verbs.
    pub(super) fn match_verb(
        &self,
        clause: &ClauseContext,
        verb: VerbSpan,
        cands: &mut Vec<u32>,
    ) -> Option<VerbMatch<'_>> {
        let c = &*self.compiled;
        let a = clause.analysis();
        let info = &c.verbs.phrases[verb.id as usize].payload;
        let (pre_from, post_to) = clause.comma_bounds(verb);
        // Only patterns whose anchor word occurs in the clause can match.
        let index = &c.pattern_index;
        cands.clear();
        cands.extend_from_slice(&index.free[info.block as usize]);
        for p in pre_from..post_to {
            index.candidates_for(info.block, a.words.of(clause.seq.toks[p]), cands);
        }
        cands.sort_unstable();
        cands.dedup();
        let pats = &c.block_patterns[info.block as usize];
        let matched = cands.iter().map(|&i| &pats[i as usize]).find_map(|fp| {
            fp.matches(&clause.seq, pre_from, verb.start, verb.end, post_to)
                .map(|b| VerbMatch {
                    verb,
                    code: &fp.code,
                    bindings: b,
                    rule: fp.rule,
                    negation_handled: fp.negates(),
                    from_pattern: true,
                })
        });
        matched.or_else(|| {
            info.code.as_ref().map(|code| VerbMatch {
                verb,
                code,
                bindings: Bindings {
                    first: verb.start,
                    last: verb.end,
                    ..Bindings::default()
                },
                rule: info.rule,
                negation_handled: false,
                from_pattern: false,
            })
        })
    }

    /// What the matched code says, noted in the trace; a verb negated just before ("did not attack") gives
    /// nothing unless its pattern spells the negation out.
    pub(super) fn verb_code<'c>(
        &self,
        clause: &ClauseContext,
        m: &VerbMatch<'c>,
        trace: &mut Option<&mut String>,
    ) -> VerbCode<'c> {
        let a = clause.analysis();
        if let Some(t) = trace.as_deref_mut() {
            let _ = writeln!(
                t,
                "verb {}: {} [{}]",
                a.text(clause.seq.toks[m.verb.start]),
                self.compiled.rules[m.rule as usize].text,
                code_text(m.code)
            );
        }
        let primary = match &m.code.primary {
            CodeValue::Code(s) => s.as_str(),
            CodeValue::Null => return VerbCode::Skip,
            CodeValue::Discard => {
                note(trace, "discard code".into());
                return VerbCode::Halt;
            }
            CodeValue::Complex => {
                note(trace, "complex code".into());
                return VerbCode::Halt;
            }
        };
        if self.options.negation_blocks && !m.negation_handled {
            let vs = m.verb.start;
            let negated = (vs.saturating_sub(grammar::NEGATION_REACH)..vs)
                .any(|p| clause.seq.word_is(grammar::NEGATIONS, p));
            if negated {
                note(trace, "negated verb: no event".into());
                return VerbCode::Skip;
            }
        }
        if self.options.speculation_not_events {
            let vs = m.verb.start;
            let speculated = (vs.saturating_sub(grammar::SPECULATION_REACH)..vs).any(|p| {
                clause
                    .seq
                    .word(p)
                    .is_some_and(|w| grammar::SPECULATION_WORDS.contains(&w))
            });
            if speculated {
                note(trace, "speculation (might, rumored): no event".into());
                return VerbCode::Skip;
            }
        }
        if self.options.future_consultation_intent
            && primary.starts_with(CONSULT_ROOT)
            && is_future(clause, m.verb.start)
        {
            note(
                trace,
                format!("future consultation: {primary} → {INTENT_TO_MEET}"),
            );
            return VerbCode::Event(INTENT_TO_MEET);
        }
        VerbCode::Event(primary)
    }
}
