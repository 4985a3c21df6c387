//! The coder: compiled dictionaries + options; turns a sentence's shallow parse into events with evidence.
//!
//! For each conjunction-delimited clause, verbs are tried left to right; a verb's patterns are tried longest
//! first, then its own code. Source and target come from the pattern's `$ + %` or the default search (TABARI
//! §5.8): the source is the first actor before the verb (the one after any earlier verb first, so "X said Y
//! attacked Z" gives Y), carried over from the previous clause when the clause has none; the target is the first
//! actor after the verb with another code, else one before it. Passive voice swaps them (§7.9).
//!
//! This file holds the public entry points, the trace and the final events; event assembly is split along its
//! steps: `assemble` (complexity filter, clause by clause), `clause` (verbs and pattern matching), `roles`
//! (source and target) and `draft` (events of a verb, choice by priority).

mod assemble;
mod clause;
mod draft;
mod miss;
mod nominal;
mod roles;

use crate::analysis::{Analysis, ChunkKind, Unit};
use crate::compiled::{code_text, Compiled};
use crate::options::CoderOptions;
use crate::text::TokenKind;
use draft::Draft;
use dyad_dict::cameo::CameoTable;
use dyad_dict::{Date, Dictionaries};
use dyad_model::{Document, Event, Evidence, Limit, Span};
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
    /// Sentences so far cut at the coder's token limit.
    pub truncated_sentences: u32,
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
        self.code_document_traced(doc, None).0
    }

    /// [`Coder::code_document`] as a stage: sets `doc.events` and notes on `doc.limits` the sentences cut at
    /// [`CoderOptions::max_sentence_tokens`](crate::CoderOptions).
    pub fn code_into(&self, doc: &mut Document) {
        let (events, ctx) = self.code_document_traced(doc, None);
        doc.events = events;
        doc.limits
            .note_times(Limit::SentenceTokens, ctx.truncated_sentences);
    }

    /// [`Coder::code_into`] with the trace per sentence that [`Coder::explain_document`] gives.
    pub fn explain_into(&self, doc: &mut Document) -> Vec<String> {
        let mut traces = Vec::with_capacity(doc.sentences.len());
        let (events, ctx) = self.code_document_traced(doc, Some(&mut traces));
        doc.events = events;
        doc.limits
            .note_times(Limit::SentenceTokens, ctx.truncated_sentences);
        traces
    }

    /// [`Coder::code_document`] with a readable trace per sentence: the very events `code_document` returns
    /// (same path, same story context), and for each sentence the tokens, actor units, clauses, verbs and
    /// patterns tried, and why no event came when none did. `traces[i]` belongs to `doc.sentences[i]`.
    pub fn explain_document(&self, doc: &Document) -> (Vec<Event>, Vec<String>) {
        let mut traces = Vec::with_capacity(doc.sentences.len());
        let (events, _) = self.code_document_traced(doc, Some(&mut traces));
        (events, traces)
    }

    fn code_document_traced(
        &self,
        doc: &Document,
        mut traces: Option<&mut Vec<String>>,
    ) -> (Vec<Event>, DocumentContext) {
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
                return (Vec::new(), ctx);
            }
            for e in &mut evs {
                e.doc_id = doc.id.clone();
                e.sentence = i as u32;
                shift(&mut e.evidence, sent.span.start);
            }
            out.extend(evs);
        }
        (out, ctx)
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
            if a.truncated.is_some() {
                ctx.truncated_sentences = ctx.truncated_sentences.saturating_add(1);
            }
            if let Some(t) = trace.as_deref_mut() {
                self.describe_analysis(&a, d, t);
                if let Some(cut) = &a.truncated {
                    let _ = writeln!(
                        t,
                        "truncated: only the first {} tokens ({} bytes) coded (max_sentence_tokens)",
                        cut.tokens, cut.coded_bytes
                    );
                }
            }
            let mut statement_source = None;
            let mut drafts = self.assemble(&a, &mut statement_source, trace.as_deref_mut());
            if drafts.is_empty() && a.halt.is_none() && self.options.nominal_events {
                drafts = self.nominal_events(&a, &mut trace);
            }
            // The story's current subject: the source of the sentence's first event, else of a statement that
            // gave none (TABARI: its first actor).
            let subject = drafts
                .first()
                .and_then(|d| d.source_unit)
                .or(statement_source)
                .filter(|_| self.options.subject_from_events)
                .map(|u| a.units[u].codes.clone())
                .or_else(|| {
                    let (_, u) = a.visible_units().find(|(_, u)| !u.pronoun)?;
                    if self.options.subject_from_events {
                        return Some(u.codes.clone());
                    }
                    // TABARI FORWARD carries the first actor alone: its own code, without its agents or the
                    // other members of its compound ("Fornost President Umbardacil ... He has asked": FOR).
                    let own = u.actor.and_then(|id| crate::analysis::actor_code(&self.compiled, id, d));
                    Some(own.map_or_else(|| u.codes.clone(), |c| vec![c.to_string()]))
                });
            if subject.is_some() {
                ctx.last_actor = subject;
            }
            let events = self.events(&a, drafts, date, 0, "");
            if let Some(t) = trace {
                self.describe_outcome(&a, &events, text, t);
            }
            events
        })
    }

    /// The actors the dictionaries find in `text` (e.g. a quote's speaker, "Syria's foreign ministry"), each
    /// with the span of its words relative to `text` and its codes, in text order. Pronouns are not resolved.
    pub fn actors_in(&self, text: &str, date: Option<&str>) -> Vec<(Span, Vec<String>)> {
        let d = date.and_then(Date::parse_iso);
        SCRATCH.with(|s| {
            let mut a = s.borrow_mut();
            a.run(&self.compiled, &self.options, text, d, None);
            a.visible_units()
                .filter(|(_, u)| !u.pronoun && !u.codes.is_empty())
                .map(|(_, u)| {
                    let start = a.toks.tokens[u.ev_start].start as usize;
                    let end = a.toks.tokens[u.ev_end.max(u.ev_start + 1) - 1].end as usize;
                    (Span::new(start, end), u.codes.clone())
                })
                .collect()
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

    /// The events of a sentence, each with the rule that fired, or why there is none and its nearest miss.
    fn describe_outcome(&self, a: &Analysis, events: &[Event], text: &str, out: &mut String) {
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
            if a.halt.is_none() {
                self.describe_nearest_miss(a, text, out);
            }
        }
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
        // Built once per sentence, and only when an event has a compound actor.
        let members = drafts
            .iter()
            .flat_map(|d| [d.source_unit, d.target_unit])
            .flatten()
            .any(|u| a.units[u].compound)
            .then(|| CompoundMembers::new(&a.units));
        drafts
            .into_iter()
            .map(|d| {
                // A compound's event points at the member that carries the code ("Greece" of "Turkey and
                // Greece"), not at the whole compound and its first member's rule.
                let member = |u: Option<usize>, code: &str| -> Option<usize> {
                    let id = u?;
                    if !a.units[id].compound {
                        return u;
                    }
                    members
                        .as_ref()
                        .and_then(|m| m.carrying(&a.units, id, code))
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

/// The members of each compound unit: the absorbed units inside its token range, in unit order.
struct CompoundMembers {
    /// Per unit, its members as a range of `members` (empty for a unit that is not a compound).
    ranges: Vec<(usize, usize)>,
    members: Vec<usize>,
}

impl CompoundMembers {
    /// One sort of the absorbed units by start, then per compound the ones that start inside it: linear in the
    /// units (and their compounds' sizes), where asking every unit for every event was quadratic.
    fn new(units: &[Unit]) -> CompoundMembers {
        let mut absorbed: Vec<usize> = (0..units.len()).filter(|&m| units[m].absorbed).collect();
        absorbed.sort_by_key(|&m| units[m].start);
        let mut ranges = vec![(0, 0); units.len()];
        let mut members = Vec::new();
        for (u, unit) in units.iter().enumerate().filter(|(_, u)| u.compound) {
            let from = members.len();
            let first = absorbed.partition_point(|&m| units[m].start < unit.start);
            members.extend(
                absorbed[first..]
                    .iter()
                    .take_while(|&&m| units[m].start <= unit.end)
                    .filter(|&&m| units[m].end <= unit.end),
            );
            members[from..].sort_unstable();
            ranges[u] = (from, members.len());
        }
        CompoundMembers { ranges, members }
    }

    /// The first member of compound `u` (in unit order) that carries `code`.
    fn carrying(&self, units: &[Unit], u: usize, code: &str) -> Option<usize> {
        let (from, to) = self.ranges[u];
        self.members[from..to]
            .iter()
            .copied()
            .find(|&m| units[m].codes.iter().any(|c| c == code))
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
