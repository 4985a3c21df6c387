//! Event assembly: from an analysed sentence to the drafts of its events.
//!
//! A sentence that is too complex gives nothing (the complexity filter). Otherwise each clause is coded in turn
//! ([`Coder::code_clause`]): its verbs are matched left to right (`clause`), each matched verb gets a source and
//! a target (`roles`) and its events (`draft`), and the clause keeps the events its verbs' priorities choose. The
//! source found in one clause carries over to the next. Every step writes its notes into the optional trace.

use super::clause::{ClauseContext, VerbCode};
use super::draft::{drafts_of, keep_preferred, ClausePick, Draft};
use super::roles::Prior;
use super::{note, Coder};
use crate::analysis::{Analysis, ChunkKind};
use crate::options::CodeBy;
use crate::text::TokenKind;
use dyad_dict::{CodePriority, CodeValue};
use std::ops::ControlFlow;

/// CAMEO code of a bare public statement.
const BARE_STATEMENT: &str = "010";
/// CAMEO root of public statements.
const STATEMENT_ROOT: &str = "01";
/// CAMEO code of a denial ("deny responsibility"): under `denials_not_statements` it is the event.
const DENIAL: &str = "016";

/// What coding a clause leaves for the sentence.
enum ClauseOutcome {
    /// The events the clause keeps, if any.
    Coded(Option<Vec<Draft>>),
    /// A discard or complex code: the sentence gives no event at all.
    Halted,
}

impl Coder {
    /// Finds the events of an analysed sentence.
    ///
    /// `statement_source` receives the source of the first bare statement dropped for want of an addressee
    /// (`statements_need_addressee`): the speaker stays the story's subject ("He said ... He was greeted").
    pub(super) fn assemble(
        &self,
        a: &Analysis,
        statement_source: &mut Option<usize>,
        mut trace: Option<&mut String>,
    ) -> Vec<Draft> {
        if a.halt.is_some() {
            return Vec::new();
        }
        if let Some(why) = self.too_complex(a) {
            note(&mut trace, why);
            return Vec::new();
        }
        let mut drafts: Vec<Draft> = Vec::new();
        // Pattern candidates of the verb being tried (one buffer for the sentence).
        let mut cands: Vec<u32> = Vec::new();
        // Breaks with `true` on a halt (the sentence gives nothing), `false` when coding by sentence is done.
        let halted = self.walk_clauses(a, |clause, sentence_source| {
            let outcome = self.code_clause(
                clause,
                sentence_source,
                &mut *statement_source,
                &mut cands,
                &mut drafts,
                &mut trace,
            );
            match outcome {
                ClauseOutcome::Halted => ControlFlow::Break(true),
                ClauseOutcome::Coded(kept) => {
                    if let Some(e) = kept {
                        drafts.extend(e);
                        if self.options.code_by == CodeBy::Sentence {
                            return ControlFlow::Break(false);
                        }
                    }
                    ControlFlow::Continue(())
                }
            }
        });
        if halted == Some(true) {
            return Vec::new();
        }
        keep_preferred(&mut drafts);
        drafts
    }

    /// Walks the clauses of a sentence in order, as coding does, carrying the sentence's source from clause to
    /// clause: an actor right after a clause's conjunction replaces it, and while there is none, a clause passes on
    /// its first actor. `visit` sees each clause with the carried source (coding a clause may change it) and ends
    /// the walk by breaking; the walk returns that break's value. The nearest miss walks the same way, so it tries
    /// what coding tried.
    pub(super) fn walk_clauses<B>(
        &self,
        a: &Analysis,
        mut visit: impl FnMut(&ClauseContext<'_>, &mut Option<usize>) -> ControlFlow<B>,
    ) -> Option<B> {
        let mut source: Option<usize> = None;
        for (index, &bounds) in a.clauses.iter().enumerate() {
            let Some(clause) =
                ClauseContext::new(a, index, bounds, self.options.bounded_pattern_actors)
            else {
                continue;
            };
            if let Some(u) = clause.opening_actor() {
                source = Some(u);
            }
            if let ControlFlow::Break(b) = visit(&clause, &mut source) {
                return Some(b);
            }
            if source.is_none() {
                source = clause.units.first().map(|u| u.unit);
            }
        }
        None
    }

    /// Why the sentence is too complex to code (too many verbs or conjunctions, no actor before the first
    /// verb), as the trace notes it; `None` when it is not.
    fn too_complex(&self, a: &Analysis) -> Option<String> {
        let limits = &self.options.complexity;
        let mut verbs =
            (0..a.chunks.len()).filter(|&k| matches!(a.chunks[k].kind, ChunkKind::Verb(_)));
        if let Some(n) = limits.verbs {
            let count = verbs.clone().count();
            if n > 0 && count >= n {
                return Some(format!("complex: {count} verbs"));
            }
        }
        if let Some(n) = limits.conjunctions {
            let conj = (0..a.toks.len())
                .filter(|&t| {
                    a.toks.tokens[t].kind == TokenKind::Word
                        && a.chunk_kind(t) == ChunkKind::Conjunction
                        && !a.in_compound[t]
                })
                .count();
            if n > 0 && conj >= n {
                return Some(format!("complex: {conj} conjunctions"));
            }
        }
        if limits.no_actor_prior {
            if let Some(v) = verbs.next() {
                let vs = a.chunks[v].start;
                if !a.visible_units().any(|(_, u)| u.start < vs) {
                    return Some("complex: no actor before the first verb".into());
                }
            }
        }
        None
    }

    /// Codes one clause: tries its verbs left to right until one gives a dominant or normal event (under
    /// [`CodeBy::All`], every verb's events go straight to `drafts`). `sentence_source` is the source carried
    /// between clauses; `cands` a buffer for candidate patterns.
    fn code_clause(
        &self,
        clause: &ClauseContext,
        sentence_source: &mut Option<usize>,
        statement_source: &mut Option<usize>,
        cands: &mut Vec<u32>,
        drafts: &mut Vec<Draft>,
        trace: &mut Option<&mut String>,
    ) -> ClauseOutcome {
        let o = &self.options;
        let mut pick = ClausePick::default();
        let mut statement_end: Option<usize> = None;
        // The end of the words a null-coded pattern matched (`null_patterns_cover`).
        let mut covered_until = 0;
        for verb in clause.verbs() {
            if verb.start < covered_until {
                note(trace, "inside a null-coded pattern: no event".into());
                continue;
            }
            let Some(m) = self.match_verb(clause, verb, cands) else {
                continue;
            };
            let primary = match self.verb_code(clause, &m, trace) {
                VerbCode::Event(primary) => primary,
                VerbCode::Skip => {
                    if o.null_patterns_cover
                        && m.from_pattern
                        && matches!(m.code.primary, CodeValue::Null)
                    {
                        covered_until = m.bindings.last;
                    }
                    continue;
                }
                VerbCode::Halt => return ClauseOutcome::Halted,
            };
            let prior = Prior {
                statement_end,
                sentence_source: *sentence_source,
            };
            let roles = self.find_roles(clause, &m, prior);
            if roles.source_codes.is_empty() || roles.target_codes.is_empty() {
                note(trace, "no source or target".into());
                continue;
            }
            if o.statements_need_addressee
                && primary == BARE_STATEMENT
                && m.bindings.target.is_none()
                && m.bindings.compound.is_none()
                && !clause.is_addressee(verb, roles.target)
            {
                note(trace, "bare statement with no addressee: no event".into());
                if statement_source.is_none() {
                    *statement_source = roles.source;
                }
                if o.statements_subordinate {
                    statement_end = Some(verb.end);
                }
                continue;
            }
            let statement = o.statements_subordinate
                && primary.starts_with(STATEMENT_ROOT)
                && !(o.denials_not_statements && primary.starts_with(DENIAL));
            let evs = drafts_of(&m, primary, &roles, clause.verb_tokens(verb), statement);
            if statement {
                statement_end = Some(verb.end);
            }
            if evs.is_empty() {
                continue;
            }
            if clause.index == 0 || sentence_source.is_none() {
                *sentence_source = roles.source.or(*sentence_source);
            }
            if o.code_by == CodeBy::All {
                drafts.extend(evs);
                continue;
            }
            let subordinate = m.code.priority == CodePriority::Subordinate || statement;
            if pick.offer(evs, subordinate) {
                break;
            }
        }
        ClauseOutcome::Coded(pick.into_drafts())
    }
}
