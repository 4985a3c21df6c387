//! The coder: compiled dictionaries + options; turns a sentence's shallow parse into events with evidence.
//!
//! For each conjunction-delimited clause, verbs are tried left to right; a verb's patterns are tried longest
//! first, then its own code. Source and target come from the pattern's `$ + %` or the default search (TABARI
//! §5.8): the source is the first actor before the verb (the one after any earlier verb first, so "X said Y
//! attacked Z" gives Y), carried over from the previous clause when the clause has none; the target is the first
//! actor after the verb with another code, else one before it. Passive voice swaps them (§7.9).

use crate::analysis::{Analysis, ChunkKind};
use crate::compiled::{code_text, Compiled};
use crate::grammar;
use crate::options::{CodeBy, CoderOptions};
use crate::pattern::{Bindings, ClauseView};
use crate::text::TokenKind;
use dyad_dict::cameo::CameoTable;
use dyad_dict::{CodePriority, CodeValue, Date, Dictionaries, EventCode};
use dyad_model::{Document, Event, Evidence, Span};
use std::cell::RefCell;
use std::fmt::Write as _;
use std::sync::Arc;

/// A compiled event coder. Immutable and `Sync`: share one across threads.
///
/// ```no_run
/// use dyad_coding::Coder;
/// let (dicts, _report) = dyad_dict::Dictionaries::load(&[]).unwrap();
/// let coder = Coder::new(&dicts);
/// for e in coder.code_sentence("Russia warned Iran on Tuesday.", Some("2018-05-29")) {
///     println!("{} {} {}", e.source, e.target, e.cameo);
/// }
/// ```
#[derive(Debug, Clone)]
pub struct Coder {
    compiled: Arc<Compiled>,
    options: CoderOptions,
}

thread_local! {
    static SCRATCH: RefCell<Analysis> = RefCell::new(Analysis::default());
}

/// What the coder carries from one sentence of a story to the next.
#[derive(Debug, Clone, Default)]
pub struct DocumentContext {
    /// Codes of the first actor of the latest sentence that had one.
    pub last_actor: Option<Vec<String>>,
    /// A story-level discard phrase was found: nothing of the story is coded.
    pub story_discarded: bool,
}

/// One clause laid out as positions over its active tokens.
struct ClauseSeq<'a> {
    a: &'a Analysis,
    toks: Vec<usize>,
    /// Actor elements of patterns look only within the next phrase (PETRARCH reading).
    bounded_actor_search: bool,
}

impl ClauseSeq<'_> {
    /// Whether the token at `pos` is a word of the closed class `set` (commas belong to none).
    fn word_is(&self, set: grammar::WordSet, pos: usize) -> bool {
        self.toks.get(pos).is_some_and(|&t| self.a.words.is(set, t))
    }

    fn pos_of(&self, tok: usize) -> usize {
        self.toks.partition_point(|&t| t < tok)
    }
}

impl ClauseView for ClauseSeq<'_> {
    fn len(&self) -> usize {
        self.toks.len()
    }
    fn word(&self, pos: usize) -> Option<&str> {
        let t = *self.toks.get(pos)?;
        (self.a.toks.tokens[t].kind == TokenKind::Word).then(|| self.a.text(t))
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
}

/// An event before it becomes a [`dyad_model::Event`].
#[derive(Debug, Clone)]
struct Draft {
    source: String,
    target: String,
    code: String,
    priority: CodePriority,
    statement: bool,
    source_unit: Option<usize>,
    target_unit: Option<usize>,
    verb: (usize, usize),
    verb_rule: u32,
}

impl Coder {
    /// Compiles `dicts` with options matching their dialect (TABARI or PETRARCH reading).
    pub fn new(dicts: &Dictionaries) -> Coder {
        let options = match dicts.actors.dialect {
            dyad_dict::Dialect::Tabari => CoderOptions::tabari(),
            _ => CoderOptions::default(),
        };
        Coder::with_options(dicts, options)
    }

    /// Compiles `dicts` with explicit options.
    pub fn with_options(dicts: &Dictionaries, options: CoderOptions) -> Coder {
        Coder {
            compiled: Arc::new(Compiled::build(dicts)),
            options,
        }
    }

    /// The same compiled dictionaries with other options (cheap: the dictionaries are shared).
    pub fn reconfigured(&self, options: CoderOptions) -> Coder {
        Coder {
            compiled: Arc::clone(&self.compiled),
            options,
        }
    }

    pub fn options(&self) -> &CoderOptions {
        &self.options
    }

    /// Sizes of the compiled dictionaries: (actor phrases, agent phrases, verb forms, flat patterns, largest
    /// pattern list of one verb block).
    pub fn sizes(&self) -> (usize, usize, usize, usize, usize) {
        let c = &self.compiled;
        let pats: usize = c.block_patterns.iter().map(Vec::len).sum();
        let max = c.block_patterns.iter().map(Vec::len).max().unwrap_or(0);
        (c.actors.len(), c.agents.len(), c.verbs.len(), pats, max)
    }

    /// Codes one sentence; spans are byte offsets into `text`. `date` is ISO `YYYY-MM-DD` or `YYYYMMDD`.
    pub fn code_sentence(&self, text: &str, date: Option<&str>) -> Vec<Event> {
        self.code_in_context_traced(text, date, &mut DocumentContext::default(), None)
    }

    /// Codes every sentence of a document, with spans into `doc.text` and pronouns that find no actor in their
    /// own sentence resolved to the first actor of the nearest earlier sentence that had one.
    pub fn code_document(&self, doc: &Document) -> Vec<Event> {
        self.code_document_traced(doc, None)
    }

    /// [`Coder::code_document`] with a readable trace per sentence: the very events `code_document` returns
    /// (same path, same story context), and for each sentence the tokens, actor units, clauses, verbs and
    /// patterns tried, and why no event came when none did. `traces[i]` belongs to `doc.sentences[i]`.
    pub fn explain_document(&self, doc: &Document) -> (Vec<Event>, Vec<String>) {
        let mut traces = Vec::with_capacity(doc.sentences.len());
        let events = self.code_document_traced(doc, Some(&mut traces));
        (events, traces)
    }

    fn code_document_traced(
        &self,
        doc: &Document,
        mut traces: Option<&mut Vec<String>>,
    ) -> Vec<Event> {
        let date = doc.metadata.date.as_deref();
        let mut ctx = DocumentContext::default();
        let mut out = Vec::new();
        for (i, sent) in doc.sentences.iter().enumerate() {
            let mut trace = traces.is_some().then(String::new);
            let mut evs =
                self.code_in_context_traced(doc.slice(sent.span), date, &mut ctx, trace.as_mut());
            if let (Some(all), Some(t)) = (traces.as_deref_mut(), trace) {
                all.push(t);
            }
            if ctx.story_discarded {
                if let Some(all) = traces.as_deref_mut() {
                    let note = format!(
                        "story discarded: a story-level discard phrase in sentence {i}; no event of the document is kept\n"
                    );
                    all.resize(doc.sentences.len(), String::new());
                    for t in all.iter_mut().skip(i + 1) {
                        t.push_str(&note);
                    }
                    if let Some(t) = all.get_mut(i) {
                        t.push_str(&note);
                    }
                }
                return Vec::new();
            }
            for e in &mut evs {
                e.doc_id = doc.id.clone();
                e.sentence = i as u32;
                shift(&mut e.evidence, sent.span.start);
            }
            out.extend(evs);
        }
        out
    }

    /// Codes one sentence of a story, after the sentences already given to `ctx`: a pronoun or "the minister"
    /// with no actor of its own refers to the first actor of the nearest earlier sentence that had one (TABARI's
    /// FORWARD coreference). Spans are relative to `text`.
    pub fn code_in_context(
        &self,
        text: &str,
        date: Option<&str>,
        ctx: &mut DocumentContext,
    ) -> Vec<Event> {
        self.code_in_context_traced(text, date, ctx, None)
    }

    /// The one coding path: every public coding method comes here, so a trace always describes the events
    /// that are returned.
    fn code_in_context_traced(
        &self,
        text: &str,
        date: Option<&str>,
        ctx: &mut DocumentContext,
        mut trace: Option<&mut String>,
    ) -> Vec<Event> {
        let d = date.and_then(Date::parse_iso);
        SCRATCH.with(|s| {
            let mut a = s.borrow_mut();
            a.run(
                &self.compiled,
                &self.options,
                text,
                d,
                ctx.last_actor.as_deref(),
            );
            ctx.story_discarded |= a.story_discard;
            if let Some(t) = trace.as_deref_mut() {
                self.describe_analysis(&a, d, t);
            }
            let drafts = self.assemble(&a, trace.as_deref_mut());
            // The story's current subject: the source of the sentence's first event (TABARI: its first actor).
            let subject = drafts
                .first()
                .filter(|_| self.options.subject_from_events)
                .and_then(|d| d.source_unit)
                .map(|u| a.units[u].codes.clone())
                .or_else(|| {
                    a.visible_units()
                        .find(|(_, u)| !u.pronoun)
                        .map(|(_, u)| u.codes.clone())
                });
            if subject.is_some() {
                ctx.last_actor = subject;
            }
            let events = self.events(&a, drafts, date, 0, "");
            if let Some(t) = trace {
                self.describe_outcome(&a, &events, t);
            }
            events
        })
    }

    /// A readable trace of how `text` is coded as a sentence on its own (no story context): tokens with their
    /// types, actor units, clauses, the verbs and patterns tried, and the events. For a document, use
    /// [`Coder::explain_document`], which carries the story context the way [`Coder::code_document`] does.
    pub fn explain(&self, text: &str, date: Option<&str>) -> String {
        let mut out = format!("sentence: {text}\n");
        self.code_in_context_traced(text, date, &mut DocumentContext::default(), Some(&mut out));
        out
    }

    /// Tokens with their types, actor units and clauses of an analysed sentence.
    fn describe_analysis(&self, a: &Analysis, d: Option<Date>, out: &mut String) {
        let mut line = String::from("tokens:");
        for ch in &a.chunks {
            let words: Vec<&str> = (ch.start..ch.end)
                .map(|t| {
                    if a.toks.tokens[t].kind == TokenKind::Comma {
                        ","
                    } else {
                        a.text(t)
                    }
                })
                .collect();
            let tag = match ch.kind {
                ChunkKind::Actor(id) => format!(
                    "actor={}",
                    self.compiled.actor_codes[id as usize]
                        .resolve(d)
                        .unwrap_or("---")
                ),
                ChunkKind::Agent(id) => format!(
                    "agent={}",
                    self.compiled.agents.phrases[id as usize].payload.code
                ),
                ChunkKind::Verb(id) => {
                    let v = &self.compiled.verbs.phrases[id as usize].payload;
                    format!(
                        "verb={}",
                        v.code
                            .as_ref()
                            .map(code_text)
                            .unwrap_or_else(|| "---".into())
                    )
                }
                k => format!("{k:?}").to_lowercase(),
            };
            let dead = if a.active[ch.start] { "" } else { "~" };
            let _ = write!(line, " {dead}[{}|{tag}]", words.join(" "));
        }
        let _ = writeln!(out, "{line}");
        if let Some(h) = &a.halt {
            let _ = writeln!(out, "halt: {h:?}");
        }
        for (id, u) in a.visible_units() {
            let words: Vec<&str> = (u.ev_start..u.ev_end).map(|t| a.text(t)).collect();
            let _ = writeln!(
                out,
                "unit {id}: {} -> {}{}{}",
                words.join(" "),
                u.codes.join("/"),
                if u.compound { " (compound)" } else { "" },
                if u.pronoun { " (pronoun)" } else { "" }
            );
        }
        for (s, e) in &a.clauses {
            let words: Vec<&str> = (*s..*e)
                .filter(|&t| a.active[t] && a.toks.tokens[t].kind == TokenKind::Word)
                .map(|t| a.text(t))
                .collect();
            let _ = writeln!(out, "clause: {}", words.join(" "));
        }
    }

    /// The events of a sentence, each with the rule that fired, or why there is none.
    fn describe_outcome(&self, a: &Analysis, events: &[Event], out: &mut String) {
        for e in events {
            let rule = e.evidence.verb_rule.as_ref();
            let _ = writeln!(
                out,
                "event: {} / {} / {}  rule {}:{} {}",
                e.source,
                if e.target.is_empty() {
                    "---"
                } else {
                    &e.target
                },
                e.cameo,
                rule.map_or("", |r| r.file.as_str()),
                rule.map_or(0, |r| r.line),
                rule.map_or("", |r| r.text.as_str()),
            );
        }
        if events.is_empty() {
            let has_verb = a
                .chunks
                .iter()
                .any(|c| matches!(c.kind, ChunkKind::Verb(_)));
            let why = match (&a.halt, has_verb, a.visible_units().next().is_some()) {
                (Some(h), _, _) => format!("the sentence was set aside ({h:?})"),
                (None, false, _) => "no verb of the verb dictionaries".to_string(),
                (None, true, false) => "no actor of the actor dictionaries".to_string(),
                (None, true, true) => {
                    "verbs and actors found, but no verb gave a coded source-target pair (see above)"
                        .to_string()
                }
            };
            let _ = writeln!(out, "no event: {why}");
        }
    }

    /// Finds the events of an analysed sentence.
    fn assemble(&self, a: &Analysis, mut trace: Option<&mut String>) -> Vec<Draft> {
        let o = &self.options;
        let c = &*self.compiled;
        if a.halt.is_some() {
            return Vec::new();
        }
        // Complexity filter.
        let verbs: Vec<usize> = (0..a.chunks.len())
            .filter(|&k| matches!(a.chunks[k].kind, ChunkKind::Verb(_)))
            .collect();
        if let Some(n) = o.complexity.verbs {
            if n > 0 && verbs.len() >= n {
                note(&mut trace, format!("complex: {} verbs", verbs.len()));
                return Vec::new();
            }
        }
        if let Some(n) = o.complexity.conjunctions {
            let conj = (0..a.toks.len())
                .filter(|&t| {
                    a.toks.tokens[t].kind == TokenKind::Word
                        && a.chunk_kind(t) == ChunkKind::Conjunction
                        && !a.in_compound[t]
                })
                .count();
            if n > 0 && conj >= n {
                note(&mut trace, format!("complex: {conj} conjunctions"));
                return Vec::new();
            }
        }
        if o.complexity.no_actor_prior {
            if let Some(&v) = verbs.first() {
                let vs = a.chunks[v].start;
                if !a.visible_units().any(|(_, u)| u.start < vs) {
                    note(&mut trace, "complex: no actor before the first verb".into());
                    return Vec::new();
                }
            }
        }

        let mut drafts: Vec<Draft> = Vec::new();
        // Pattern candidates of the verb being tried (one buffer for the sentence).
        let mut cands: Vec<u32> = Vec::new();
        let mut sentence_source: Option<usize> = None;
        for (ci, &(cs, ce)) in a.clauses.iter().enumerate() {
            // Sized up front: collecting a filter grows the vector step by step (several reallocations).
            let mut toks = Vec::with_capacity(ce - cs);
            toks.extend((cs..ce).filter(|&t| a.active[t]));
            let seq = ClauseSeq {
                a,
                toks,
                bounded_actor_search: o.bounded_pattern_actors,
            };
            if seq.toks.is_empty() {
                continue;
            }
            // Units visible in this clause, by position.
            let mut units: Vec<(usize, usize, usize)> = Vec::with_capacity(a.units.len());
            units.extend(
                (0..seq.len()).filter_map(|p| seq.unit_at(p).map(|(u, after, _)| (u, p, after))),
            );
            // An actor right after the conjunction replaces the carried source.
            if ci > 0 {
                if let Some(&(u, p, _)) = units.first() {
                    if p == 0 {
                        sentence_source = Some(u);
                    }
                }
            }
            let mut clause_event: Option<Vec<Draft>> = None;
            let mut fallback: Option<Vec<Draft>> = None;
            let mut prev_statement_end: Option<usize> = None;
            let verb_positions: Vec<(usize, usize, u32)> = {
                let mut v = Vec::new();
                let mut p = 0;
                while p < seq.len() {
                    let t = seq.toks[p];
                    if let ChunkKind::Verb(id) = a.chunk_kind(t) {
                        let ch = a.chunks[a.chunk_of[t] as usize];
                        let end = seq.pos_of(ch.end);
                        v.push((p, end.max(p + 1), id));
                        p = end.max(p + 1);
                    } else {
                        p += 1;
                    }
                }
                v
            };
            for &(vs, ve, vid) in &verb_positions {
                let info = &c.verbs.phrases[vid as usize].payload;
                let pre_from = (0..vs)
                    .rev()
                    .find(|&p| {
                        a.toks.tokens[seq.toks[p]].kind == TokenKind::Comma
                            && !a.in_compound[seq.toks[p]]
                    })
                    .map_or(0, |p| p + 1);
                let post_to = (ve..seq.len())
                    .find(|&p| {
                        a.toks.tokens[seq.toks[p]].kind == TokenKind::Comma
                            && !a.in_compound[seq.toks[p]]
                    })
                    .unwrap_or(seq.len());
                let mut chosen: Option<(EventCode, Bindings, u32, bool)> = None;
                // Only patterns whose anchor word occurs in the clause can match.
                let index = &c.pattern_index;
                cands.clear();
                cands.extend_from_slice(&index.free[info.block as usize]);
                for p in pre_from..post_to {
                    index.candidates_for(info.block, a.words.of(seq.toks[p]), &mut cands);
                }
                cands.sort_unstable();
                cands.dedup();
                let pats = &c.block_patterns[info.block as usize];
                for fp in cands.iter().map(|&i| &pats[i as usize]) {
                    if let Some(b) = fp.matches(&seq, pre_from, vs, ve, post_to) {
                        chosen = Some((fp.code.clone(), b, fp.rule, fp.negates()));
                        break;
                    }
                }
                // `negation_handled`: the pattern that fired spells out a negation (`- NOT * [112]`).
                let (code, b, rule, negation_handled) = match chosen {
                    Some(x) => x,
                    None => match &info.code {
                        Some(code) => (
                            code.clone(),
                            Bindings {
                                first: vs,
                                last: ve,
                                ..Bindings::default()
                            },
                            info.rule,
                            false,
                        ),
                        None => continue,
                    },
                };
                if let Some(t) = trace.as_deref_mut() {
                    let _ = writeln!(
                        t,
                        "verb {}: {} [{}]",
                        a.text(seq.toks[vs]),
                        c.rules[rule as usize].text,
                        code_text(&code)
                    );
                }
                let primary = match &code.primary {
                    CodeValue::Code(s) => s.clone(),
                    CodeValue::Null => continue,
                    CodeValue::Discard => {
                        note(&mut trace, "discard code".into());
                        return Vec::new();
                    }
                    CodeValue::Complex => {
                        note(&mut trace, "complex code".into());
                        return Vec::new();
                    }
                };
                if o.negation_blocks && !negation_handled {
                    let negated = (vs.saturating_sub(grammar::NEGATION_REACH)..vs)
                        .any(|p| seq.word_is(grammar::NEGATIONS, p));
                    if negated {
                        note(&mut trace, "negated verb: no event".into());
                        continue;
                    }
                }
                // Source and target (TABARI §5.8).
                let codes_of = |u: usize| -> &[String] { &a.units[u].codes };
                // `%`: the compound is both source and target; PETRARCH's `* WITH %` after the verb makes it the
                // target only.
                let (cs, ct) = match (c.verb_dialect, b.compound) {
                    (Some(dyad_dict::Dialect::Tabari) | None, cu) => (cu, cu),
                    (_, Some(cu)) if b.compound_after_verb => (None, Some(cu)),
                    (_, cu) => (cu, cu),
                };
                let mut source = b.source.or(cs);
                let mut target = b.target.or(ct);
                let designated = b.source.is_some() || b.target.is_some() || b.compound.is_some();
                // With a target already bound, the source is the first actor with another code.
                let bound_target = target;
                let unlike_target = |u: &&(usize, usize, usize)| {
                    bound_target.is_none_or(|t| {
                        u.0 != t && codes_of(u.0).iter().any(|c| !codes_of(t).contains(c))
                    })
                };
                let before: Vec<&(usize, usize, usize)> = units
                    .iter()
                    .filter(|u| u.2 <= vs)
                    .filter(unlike_target)
                    .collect();
                // After a statement verb ("X said Y attacked Z") the source is the actor after it.
                let prior_source = prev_statement_end
                    .and_then(|end| before.iter().find(|u| u.1 >= end))
                    .or_else(|| before.first())
                    .map(|u| u.0)
                    .or(sentence_source.filter(|&u| unlike_target(&&(u, 0, 0))));
                let mut default_source_code = None;
                // Passive voice: AUX one or two words before, BY right after (or one word later).
                let by_at = (ve..(ve + 1 + grammar::PASSIVE_BY_REACH).min(seq.len()))
                    .find(|&p| seq.word(p) == Some(grammar::PASSIVE_BY));
                let passive = !designated
                    && (vs.saturating_sub(2)..vs)
                        .any(|p| seq.word_is(grammar::PASSIVE_AUXILIARIES, p))
                    && by_at.is_some();
                if let (true, Some(by)) = (passive, by_at) {
                    let agent = units.iter().find(|u| u.1 == by + 1).map(|u| u.0);
                    if agent.is_some() {
                        target = prior_source;
                        source = agent;
                    }
                }
                if source.is_none() {
                    source = prior_source;
                }
                if source.is_none() {
                    if let (Some(d), true) = (&o.default_source, o.default_source_prior) {
                        default_source_code = Some(d.clone());
                    } else if o.source_after_verb
                        || (b.target.is_some() && o.source_after_bound_target)
                    {
                        // TABARI is greedy: with no actor before the verb, the first one after it.
                        source = units
                            .iter()
                            .filter(|u| u.1 >= ve)
                            .find(unlike_target)
                            .map(|u| u.0);
                    }
                }
                let mut default_target_code = None;
                if target.is_none() {
                    let src_codes: &[String] = source.map_or(&[], |s| codes_of(s));
                    let distinct = |u: &&(usize, usize, usize)| {
                        // A pronoun standing for the source itself ("Israel stepped up its military strikes") is
                        // not its target.
                        let self_reference = a.units[u.0].pronoun
                            && codes_of(u.0).iter().all(|code| {
                                src_codes.iter().any(|sc| code.starts_with(sc.as_str()))
                            });
                        Some(u.0) != source
                            && !self_reference
                            && codes_of(u.0).iter().any(|code| !src_codes.contains(code))
                    };
                    target = units
                        .iter()
                        .filter(|u| u.1 >= ve)
                        .find(distinct)
                        .map(|u| u.0);
                    if target.is_none() {
                        if let (Some(d), true) = (&o.default_target, o.default_target_after) {
                            default_target_code = Some(d.clone());
                        } else {
                            target = units
                                .iter()
                                .filter(|u| u.2 <= vs)
                                .find(distinct)
                                .map(|u| u.0);
                            if target.is_none() && source.is_some_and(|s| a.units[s].compound) {
                                target = source;
                            }
                        }
                    }
                }
                let source_codes: Vec<String> = match (source, default_source_code) {
                    (Some(s), _) => a.units[s].codes.clone(),
                    (None, Some(d)) => vec![d],
                    (None, None) => o.default_source.iter().cloned().collect(),
                };
                let target_codes: Vec<String> = match (target, default_target_code) {
                    (Some(t), _) => a.units[t].codes.clone(),
                    (None, Some(d)) => vec![d],
                    (None, None) => match &o.default_target {
                        Some(d) => vec![d.clone()],
                        None if !o.require_dyad => vec!["---".to_string()],
                        None => Vec::new(),
                    },
                };
                if source_codes.is_empty() || target_codes.is_empty() {
                    note(&mut trace, "no source or target".into());
                    continue;
                }
                let verb_tok = (seq.toks[vs], seq.toks[ve - 1] + 1);
                let mut evs = Vec::new();
                let statement = o.statements_subordinate && primary.starts_with("01");
                for s in &source_codes {
                    for t in &target_codes {
                        if s == t {
                            continue;
                        }
                        evs.push(Draft {
                            source: s.clone(),
                            target: t.clone(),
                            code: primary.clone(),
                            priority: code.priority,
                            statement,
                            source_unit: source,
                            target_unit: target,
                            verb: verb_tok,
                            verb_rule: rule,
                        });
                        if let Some(CodeValue::Code(p2)) = &code.paired {
                            if t != "---" {
                                evs.push(Draft {
                                    source: t.clone(),
                                    target: s.clone(),
                                    code: p2.clone(),
                                    priority: code.priority,
                                    statement,
                                    source_unit: target,
                                    target_unit: source,
                                    verb: verb_tok,
                                    verb_rule: rule,
                                });
                            }
                        }
                    }
                }
                if statement {
                    prev_statement_end = Some(ve);
                }
                if evs.is_empty() {
                    continue;
                }
                if ci == 0 || sentence_source.is_none() {
                    sentence_source = source.or(sentence_source);
                }
                let subordinate = code.priority == CodePriority::Subordinate || statement;
                if o.code_by == CodeBy::All {
                    drafts.extend(evs);
                    continue;
                }
                if subordinate {
                    if fallback.is_none() {
                        fallback = Some(evs);
                    }
                    continue;
                }
                clause_event = Some(evs);
                break;
            }
            if sentence_source.is_none() {
                sentence_source = units.first().map(|u| u.0);
            }
            if let Some(e) = clause_event.or(fallback) {
                drafts.extend(e);
                if o.code_by == CodeBy::Sentence {
                    break;
                }
            }
        }
        // Dominant events win; subordinate ones only when nothing else was found.
        if drafts.iter().any(|d| d.priority == CodePriority::Dominant) {
            drafts.retain(|d| d.priority == CodePriority::Dominant);
        }
        if drafts
            .iter()
            .any(|d| d.priority != CodePriority::Subordinate && !d.statement)
        {
            drafts.retain(|d| d.priority != CodePriority::Subordinate && !d.statement);
        }
        let mut seen = std::collections::HashSet::new();
        drafts.retain(|d| seen.insert((d.source.clone(), d.target.clone(), d.code.clone())));
        drafts
    }

    fn events(
        &self,
        a: &Analysis,
        drafts: Vec<Draft>,
        date: Option<&str>,
        sentence: u32,
        doc_id: &str,
    ) -> Vec<Event> {
        let c = &*self.compiled;
        let span_of = |s: usize, e: usize| -> Span {
            let st = a.toks.tokens[s].start as usize;
            let en = a.toks.tokens[e.max(s + 1) - 1].end as usize;
            Span::new(st, en)
        };
        drafts
            .into_iter()
            .map(|d| {
                // A compound's event points at the member that carries the code ("Greece" of "Turkey and
                // Greece"), not at the whole compound and its first member's rule.
                let member = |u: Option<usize>, code: &str| -> Option<usize> {
                    let unit = &a.units[u?];
                    if !unit.compound {
                        return u;
                    }
                    a.units
                        .iter()
                        .position(|m| {
                            m.absorbed
                                && m.start >= unit.start
                                && m.end <= unit.end
                                && m.codes.iter().any(|c| c == code)
                        })
                        .or(u)
                };
                let source_unit = member(d.source_unit, &d.source);
                let target_unit = member(d.target_unit, &d.target);
                let unit_span =
                    |u: Option<usize>| u.map(|u| span_of(a.units[u].ev_start, a.units[u].ev_end));
                let unit_rule = |u: Option<usize>| {
                    u.and_then(|u| a.units[u].rule)
                        .map(|r| c.rules[r as usize].clone())
                };
                let mut e = Event {
                    doc_id: doc_id.to_string(),
                    sentence,
                    date: date.map(str::to_string),
                    source: d.source,
                    target: if d.target == "---" {
                        String::new()
                    } else {
                        d.target
                    },
                    cameo: d.code,
                    evidence: Evidence {
                        source: unit_span(source_unit),
                        verb: Some(span_of(d.verb.0, d.verb.1)),
                        target: unit_span(target_unit),
                        verb_rule: Some(c.rules[d.verb_rule as usize].clone()),
                        source_rule: unit_rule(source_unit),
                        target_rule: unit_rule(target_unit),
                    },
                    ..Event::default()
                };
                if !CameoTable::builtin().fill_event(&mut e) {
                    // Not a CAMEO code (suite test codes): keep root/base from the digits when there are some.
                    e.root = e.cameo.get(..2).unwrap_or("").to_string();
                    e.base = e.cameo.get(..3).unwrap_or(&e.cameo).to_string();
                }
                e
            })
            .collect()
    }
}

fn note(trace: &mut Option<&mut String>, msg: String) {
    if let Some(t) = trace.as_deref_mut() {
        t.push_str(&msg);
        t.push('\n');
    }
}

fn shift(ev: &mut Evidence, by: u32) {
    for s in [&mut ev.source, &mut ev.verb, &mut ev.target]
        .into_iter()
        .flatten()
    {
        s.start += by;
        s.end += by;
    }
}
