//! The nearest miss of a sentence that gave no event, for `--explain`: what came closest, and what was missing.
//!
//! The question users of TABARI and PETRARCH ask most is "why did this sentence give nothing?". Three answers
//! cover most of it, and each is listed:
//! - a dictionary verb was found, but none of its patterns fit (the closest one is named, with the words of it
//!   the clause lacks), or it codes nothing (`---`), or it is negated, or it found no source or no target;
//! - a capitalised name is in no actor or agent dictionary (so it is no actor);
//! - a word reads as a verb (after TO or an auxiliary, a past-tense ending, a third-person ending right after an
//!   actor) but is in no verb dictionary.
//!
//! Only `--explain` comes here: nothing of it runs when coding. It calls the coder's own steps (`match_verb`,
//! `verb_code`, `find_roles`), so what it reports is what coding saw; the source carried between clauses is
//! the one `assemble` would carry, but an earlier statement verb's effect on the source search is not replayed.

use super::clause::{ClauseContext, VerbCode, VerbSpan};
use super::roles::Prior;
use super::Coder;
use crate::analysis::{Analysis, ChunkKind};
use crate::pattern::{ClauseView, FlatPattern, PatElem, PatKind};
use crate::text::TokenKind;
use dyad_dict::CodeValue;
use std::fmt::Write as _;
use std::ops::ControlFlow;

/// Words after which an unknown word reads as a verb: the infinitive TO, modals and auxiliaries of tense.
const VERB_CUES: &[&str] = &[
    "TO", "WILL", "WOULD", "COULD", "SHOULD", "MAY", "MIGHT", "CAN", "MUST", "DID", "DOES", "HAS",
    "HAVE", "HAD",
];
/// The shortest word a past-tense ending ("-ED") makes read as a verb ("fled" and "shed" are too short to tell).
const MIN_PAST_TENSE_LEN: usize = 5;
/// The shortest unknown word listed as a possible verb.
const MIN_VERB_LEN: usize = 3;
/// At most this many unknown names, and as many unknown verbs, are listed.
const MAX_LISTED: usize = 6;

impl Coder {
    /// Writes the nearest miss of an analysed sentence that gave no event (see the module doc). `text` is the
    /// sentence the token offsets point into.
    pub(super) fn describe_nearest_miss(&self, a: &Analysis, text: &str, out: &mut String) {
        let _ = writeln!(out, "nearest miss:");
        let mut lines = 0usize;
        let mut cands = Vec::new();
        self.walk_clauses(a, |clause, carried| {
            for verb in clause.verbs() {
                let line = self.verb_miss(clause, verb, *carried, text, &mut cands);
                let _ = writeln!(out, "  {line}");
                lines += 1;
            }
            ControlFlow::<()>::Continue(())
        });
        for name in unknown_names(a, text) {
            let _ = writeln!(
                out,
                "  name not in the actor or agent dictionaries: \"{name}\" (so it is no actor)"
            );
            lines += 1;
        }
        for (word, why) in unknown_verbs(a, text) {
            let _ = writeln!(
                out,
                "  verb not in the verb dictionaries: \"{word}\" ({why})"
            );
            lines += 1;
        }
        if lines == 0 {
            let _ = writeln!(
                out,
                "  nothing close: no dictionary verb, no unknown capitalised name, no word that reads as a verb"
            );
        }
    }

    /// Why one dictionary verb gave no event.
    fn verb_miss(
        &self,
        clause: &ClauseContext,
        verb: VerbSpan,
        carried: Option<usize>,
        text: &str,
        cands: &mut Vec<u32>,
    ) -> String {
        let c = &*self.compiled;
        let a = clause.analysis();
        let info = &c.verbs.phrases[verb.id as usize].payload;
        let (t0, t1) = clause.verb_tokens(verb);
        let own = &c.rules[info.rule as usize];
        let head = format!(
            "verb \"{}\" ({}, {}:{})",
            original(a, text, t0, t1),
            own.text,
            own.file,
            own.line
        );
        let n_patterns = c.block_patterns[info.block as usize].len();
        let Some(m) = self.match_verb(clause, verb, cands) else {
            return format!(
                "{head}: no code of its own and none of its {n_patterns} patterns fits; {}",
                self.closest_pattern(clause, verb)
            );
        };
        let by_pattern = m.rule != info.rule;
        let rule = &c.rules[m.rule as usize];
        let fired = if by_pattern {
            format!("pattern {} ({}:{})", rule.text, rule.file, rule.line)
        } else {
            "its own code".to_string()
        };
        let code = match self.verb_code(clause, &m, &mut None) {
            VerbCode::Event(code) => code,
            VerbCode::Halt => return format!("{head}: {fired} says discard or complex: no event"),
            VerbCode::Skip => {
                return if matches!(m.code.primary, CodeValue::Null) {
                    if by_pattern {
                        format!("{head}: {fired} fits but codes nothing (---)")
                    } else {
                        format!(
                            "{head}: codes nothing (---) on its own and none of its {n_patterns} patterns \
                             fits; {}",
                            self.closest_pattern(clause, verb)
                        )
                    }
                } else {
                    format!("{head}: {fired} matched, but the verb is negated (not, never, ...): no event")
                };
            }
        };
        let prior = Prior {
            statement_end: None,
            sentence_source: carried,
        };
        let roles = self.find_roles(clause, &m, prior);
        let codes = |u: Option<usize>| u.map_or(String::new(), |u| a.units[u].codes.join("/"));
        if roles.source_codes.is_empty() {
            return format!(
                "{head}: {fired} gives {code}, but no source: no actor before the verb, none carried from an \
                 earlier clause{}",
                if self.options.source_after_verb {
                    ", and none after it"
                } else {
                    ""
                }
            );
        }
        if roles.target_codes.is_empty() {
            return format!(
                "{head}: {fired} gives {code} with source {}, but no target: no actor after the verb (or \
                 before it) with a code the source lacks",
                roles.source_codes.join("/")
            );
        }
        format!(
            "{head}: {fired} gives {} / {} / {code}, but no event was kept (the same actor on both sides, a \
             statement with no addressee, another verb of the clause took precedence, or a null-coded pattern \
             of an earlier verb covers it)",
            if roles.source.is_some() {
                codes(roles.source)
            } else {
                roles.source_codes.join("/")
            },
            if roles.target.is_some() {
                codes(roles.target)
            } else {
                roles.target_codes.join("/")
            },
        )
    }

    /// The pattern of the verb's block whose words the clause has most of (in order, on the pattern's side of
    /// the verb), and what of it is missing.
    fn closest_pattern(&self, clause: &ClauseContext, verb: VerbSpan) -> String {
        let c = &*self.compiled;
        let info = &c.verbs.phrases[verb.id as usize].payload;
        let (pre_from, post_to) = clause.comma_bounds(verb);
        let mut best: Option<(usize, usize, &FlatPattern, Vec<&str>)> = None;
        for fp in &c.block_patterns[info.block as usize] {
            let mut missing = Vec::new();
            let found_pre = words_in_order(clause, &fp.pre, pre_from, verb.start, &mut missing);
            let found_post = words_in_order(clause, &fp.post, verb.end, post_to, &mut missing);
            let found = found_pre + found_post;
            // More words found first, then fewer missing; the first such pattern (the longest) wins ties.
            let better = best
                .as_ref()
                .is_none_or(|(f, m, _, _)| found > *f || (found == *f && missing.len() < *m));
            if better {
                best = Some((found, missing.len(), fp, missing));
            }
        }
        let Some((found, _, fp, missing)) = best else {
            return "it has no patterns".to_string();
        };
        let rule = &c.rules[fp.rule as usize];
        let name = format!("{} ({}:{})", rule.text, rule.file, rule.line);
        if found == 0 && !missing.is_empty() {
            return format!("no pattern has a word of this clause (first tried: {name})");
        }
        if missing.is_empty() {
            let slots: String = fp
                .pre
                .iter()
                .chain(&fp.post)
                .filter_map(|e| match e.kind {
                    PatKind::Source => Some("$ "),
                    PatKind::Target => Some("+ "),
                    PatKind::Compound => Some("% "),
                    _ => None,
                })
                .collect();
            return format!(
                "closest pattern {name}: its words are all here, but not in its order or with no actor where \
                 its {}stands",
                if slots.is_empty() { "word ".into() } else { slots }
            );
        }
        format!(
            "closest pattern {name}: the clause lacks {}",
            missing
                .iter()
                .map(|w| format!("\"{w}\""))
                .collect::<Vec<_>>()
                .join(", ")
        )
    }
}

/// How many literal words of `elems` occur in positions `from..to` of the clause, in order; the ones that do
/// not are pushed to `missing`.
fn words_in_order<'p>(
    clause: &ClauseContext,
    elems: &'p [PatElem],
    from: usize,
    to: usize,
    missing: &mut Vec<&'p str>,
) -> usize {
    let mut at = from;
    let mut found = 0;
    for e in elems {
        let PatKind::Word(w) = &e.kind else {
            continue;
        };
        match (at..to).find(|&p| clause.seq.word(p).is_some_and(|t| w.matches(t))) {
            Some(p) => {
                found += 1;
                at = p + 1;
            }
            None => missing.push(&w.text),
        }
    }
    found
}

/// The input text of tokens `t0..t1`.
fn original<'t>(a: &Analysis, text: &'t str, t0: usize, t1: usize) -> &'t str {
    let start = a.toks.tokens[t0].start as usize;
    let end = a.toks.tokens[t1.max(t0 + 1) - 1].end as usize;
    text.get(start..end).unwrap_or("")
}

/// Runs of capitalised words that no dictionary knows (not the sentence's first word alone, which is
/// capitalised anyway). Nothing when the whole text is upper case.
fn unknown_names<'t>(a: &Analysis, text: &'t str) -> Vec<&'t str> {
    if a.toks.all_caps {
        return Vec::new();
    }
    let name_like = |t: usize| {
        let tok = &a.toks.tokens[t];
        tok.kind == TokenKind::Word
            && tok.capitalized
            && matches!(
                a.chunk_kind(t),
                ChunkKind::Other | ChunkKind::Noun | ChunkKind::Adjective
            )
    };
    let mut names = Vec::new();
    let mut t = 0;
    while t < a.toks.len() && names.len() < MAX_LISTED {
        if !name_like(t) {
            t += 1;
            continue;
        }
        let start = t;
        while t < a.toks.len() && name_like(t) {
            t += 1;
        }
        if start == 0 && t == 1 {
            continue;
        }
        names.push(original(a, text, start, t));
    }
    names
}

/// Words in no dictionary that read as verbs, each with the reason.
fn unknown_verbs<'t>(a: &Analysis, text: &'t str) -> Vec<(&'t str, &'static str)> {
    let mut out = Vec::new();
    let after_actor = |t: usize| {
        t.checked_sub(1).is_some_and(|p| {
            !a.toks.tokens[p].possessive
                && matches!(a.chunk_kind(p), ChunkKind::Actor(_) | ChunkKind::Agent(_))
        })
    };
    for t in 0..a.toks.len() {
        if out.len() >= MAX_LISTED {
            break;
        }
        let tok = &a.toks.tokens[t];
        let word = a.text(t);
        if tok.kind != TokenKind::Word
            || a.chunk_kind(t) != ChunkKind::Other
            || (tok.capitalized && !a.toks.all_caps && t > 0)
            || word.len() < MIN_VERB_LEN
            || !word.bytes().all(|b| b.is_ascii_alphabetic())
        {
            continue;
        }
        let prev = t
            .checked_sub(1)
            .filter(|&p| a.toks.tokens[p].kind == TokenKind::Word)
            .map(|p| a.text(p));
        let why = if prev.is_some_and(|p| VERB_CUES.contains(&p)) {
            "after an auxiliary or TO"
        } else if word.len() >= MIN_PAST_TENSE_LEN
            && word.ends_with("ED")
            && !prev.is_some_and(|p| crate::grammar::is_in(crate::grammar::DETERMINERS, p))
        {
            "a past-tense ending"
        } else if word.ends_with('S') && !word.ends_with("SS") && after_actor(t) {
            "right after an actor"
        } else {
            continue;
        };
        out.push((original(a, text, t, t + 1), why));
    }
    out
}
