//! Events carried by a noun in raw news (`nominal_events`): "Poland's talks in Washington with the World Bank",
//! "the U.S. strike against Iranian targets". Newswire often names the event with the noun of a dictionary verb,
//! its actor before it (a possessive or an adjective) and its other party after WITH or AGAINST; the verb reading
//! finds no event there, since the sentence's verb is elsewhere ("were concrete", "rallied").
//!
//! Only a sentence that gives no event otherwise is read this way, so a verb's event is never doubled. The noun
//! must be a form of a verb of the verb dictionary, and its code is that verb's own code.

use super::draft::Draft;
use super::{note, Coder};
use crate::analysis::{Analysis, ChunkKind};
use crate::grammar;
use crate::text::TokenKind;
use dyad_dict::{CodePriority, CodeValue};

/// The words that bring in the other party of an event noun ("talks WITH", "strike AGAINST").
const PARTY_PREPOSITIONS: &[&str] = &["WITH", "AGAINST"];

/// Words the actor's words may stand after the noun's end before the noun ("the U.S. naval strike").
const NOUN_REACH: usize = 2;

/// Words between the noun and its preposition ("talks in Washington with"): no verb, comma or conjunction.
const PREPOSITION_REACH: usize = 4;

/// Words between the preposition and the other party's words ("with the World Bank").
const PARTY_REACH: usize = 2;

impl Coder {
    /// The events of the event nouns of a sentence that gave none otherwise.
    pub(super) fn nominal_events(
        &self,
        a: &Analysis,
        trace: &mut Option<&mut String>,
    ) -> Vec<Draft> {
        let c = &*self.compiled;
        let n = a.toks.len();
        let mut out = Vec::new();
        // No WITH or AGAINST, no other party ([`Coder::noun_party`]): most sentences end here, before any lookup.
        if !(0..n).any(|p| PARTY_PREPOSITIONS.contains(&a.text(p))) {
            return out;
        }
        for t in 0..n {
            if !a.active[t] || a.toks.tokens[t].kind != TokenKind::Word {
                continue;
            }
            if !matches!(
                a.chunk_kind(t),
                ChunkKind::Noun | ChunkKind::Other | ChunkKind::Adjective
            ) {
                continue;
            }
            let Some(m) = c.verbs.longest_at(&a.toks, &a.words, t, n) else {
                continue;
            };
            // One word: "talks", "strike" (a phrase would be read as a verb).
            if m.end != t + 1 {
                continue;
            }
            let info = &c.verbs.phrases[m.phrase as usize].payload;
            let Some(CodeValue::Code(code)) = info.code.as_ref().map(|e| &e.primary) else {
                continue;
            };
            let Some(source) = self.noun_actor(a, t) else {
                continue;
            };
            let Some(target) = self.noun_party(a, t) else {
                continue;
            };
            let parties = |u: usize| -> Vec<&String> {
                a.units[u]
                    .codes
                    .iter()
                    .filter(|c| !(self.options.countryless_not_parties && c.starts_with("---")))
                    .collect()
            };
            let (sources, targets) = (parties(source), parties(target));
            for s in &sources {
                for tg in &targets {
                    if s == tg || sources.contains(tg) {
                        continue;
                    }
                    out.push(Draft {
                        source: s.to_string(),
                        target: tg.to_string(),
                        code: code.clone(),
                        priority: CodePriority::Normal,
                        statement: false,
                        source_unit: Some(source),
                        target_unit: Some(target),
                        verb: (t, t + 1),
                        verb_rule: info.rule,
                    });
                }
            }
            if !out.is_empty() {
                note(
                    trace,
                    format!("event noun {}: {code} (nominal_events)", a.text(t)),
                );
                break;
            }
        }
        out
    }

    /// The actor of event noun `t`: a visible unit whose actor words end at most [`NOUN_REACH`] words before it
    /// ("Poland's talks", "the U.S. strike"), with no verb, comma or conjunction between.
    fn noun_actor(&self, a: &Analysis, t: usize) -> Option<usize> {
        let (u, unit) = a
            .visible_units()
            .filter(|(_, u)| u.ev_end <= t && t - u.ev_end <= NOUN_REACH && !u.pronoun)
            .last()?;
        let plain = (unit.ev_end..t).all(|p| {
            a.toks.tokens[p].kind == TokenKind::Word
                && matches!(
                    a.chunk_kind(p),
                    ChunkKind::Noun
                        | ChunkKind::Adjective
                        | ChunkKind::Other
                        | ChunkKind::Actor(_)
                        | ChunkKind::Agent(_)
                )
        });
        // "near Mosul talks" is no actor of the talks: the unit must not stand after a place preposition.
        let place = unit.start > 0 && grammar::PLACE_PREPOSITIONS.contains(&a.text(unit.start - 1));
        (plain && !place).then_some(u)
    }

    /// The other party of event noun `t`: the visible unit right after WITH or AGAINST (and at most
    /// [`PARTY_REACH`] words such as THE), the preposition at most [`PREPOSITION_REACH`] words after the noun.
    fn noun_party(&self, a: &Analysis, t: usize) -> Option<usize> {
        let n = a.toks.len();
        let mut prep = None;
        for p in t + 1..(t + 1 + PREPOSITION_REACH + 1).min(n) {
            if a.toks.tokens[p].kind != TokenKind::Word {
                return None;
            }
            match a.chunk_kind(p) {
                ChunkKind::Verb(_) | ChunkKind::Conjunction | ChunkKind::Negation => return None,
                _ => {}
            }
            if PARTY_PREPOSITIONS.contains(&a.text(p)) {
                prep = Some(p);
                break;
            }
        }
        let p = prep?;
        a.visible_units()
            .find(|(_, u)| u.start > p && u.ev_start > p)
            .filter(|(_, u)| u.ev_start - (p + 1) <= PARTY_REACH && !u.pronoun)
            .map(|(u, _)| u)
    }
}
