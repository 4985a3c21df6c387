//! The shallow parse of one sentence (TABARI §7.10): word types from the dictionaries, actor units (noun phrases
//! with their agents), compound actors, pronoun references, nonrestrictive comma clauses and conjunction-delimited
//! clauses. The result is what the event assembler walks; nothing here decides an event.

use crate::compiled::Compiled;
use crate::grammar;
use crate::options::CoderOptions;
use crate::text::{PosWord, TokenKind, Tokens};
use dyad_dict::{CodeValue, Date};

/// The type of a chunk of tokens.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ChunkKind {
    /// An actor phrase; index into `Compiled::actor_codes`, with the code resolved for the date.
    Actor(u32),
    /// An agent phrase; index into `Compiled::agents.phrases`.
    Agent(u32),
    /// A verb phrase; index into `Compiled::verbs.phrases`.
    Verb(u32),
    Noun,
    Adjective,
    Determiner,
    Pronoun,
    Conjunction,
    Negation,
    Comma,
    /// Closed-class word that ends a noun phrase.
    Breaker,
    /// Any other word.
    Other,
}

#[derive(Debug, Clone, Copy)]
pub struct Chunk {
    pub start: usize,
    pub end: usize,
    pub kind: ChunkKind,
}

/// An actor as the coder uses it: a noun phrase (or compound, or resolved pronoun) with its final codes.
#[derive(Debug, Clone)]
pub struct Unit {
    /// Token range (end exclusive), including leading determiners/adjectives.
    pub start: usize,
    pub end: usize,
    /// Token range of the evidence (actor and agent words).
    pub ev_start: usize,
    pub ev_end: usize,
    /// Final actor codes (several for compounds and coded compounds).
    pub codes: Vec<String>,
    pub compound: bool,
    /// The actor rule that matched (first member for compounds).
    pub rule: Option<u32>,
    /// The actor entry (index into `Compiled::actor_codes`) of the unit's actor, or its first member's, without
    /// agents; `None` for an agent phrase with no actor.
    pub actor: Option<u32>,
    /// Part of a compound: not visible on its own.
    pub absorbed: bool,
    /// A pronoun standing for another unit.
    pub pronoun: bool,
}

/// Why a sentence produced no events before event assembly.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Halt {
    /// A discard phrase or `###` code matched (rule index).
    Discard(u32),
    /// Too complex to code: the reason.
    Complex(String),
}

/// A sentence longer than [`CoderOptions::max_sentence_tokens`] is cut at its last clause punctuation (`,` `;`
/// `:`) within this fraction of the limit before it (a quarter: 250 of 1,000 tokens), so the part coded ends on a
/// clause rather than between a verb and its object; with none there, it is cut at the limit itself.
pub const TRUNCATION_CLAUSE_REACH_DIVISOR: usize = 4;

/// How a sentence longer than [`CoderOptions::max_sentence_tokens`] was cut: only its head was coded.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Truncation {
    /// Tokens read and coded.
    pub tokens: usize,
    /// Byte offset in the sentence where the text left uncoded begins.
    pub coded_bytes: usize,
}

/// Words that open a subordinate clause when a finite verb follows ([`CoderOptions::pos_subordinate_clauses`]).
pub const SUBORDINATORS: &[&str] = &[
    "AFTER", "ALTHOUGH", "AS", "BECAUSE", "BEFORE", "SINCE", "THOUGH", "UNLESS", "UNTIL", "WHEN",
    "WHEREAS", "WHILE",
];

/// How many separator tokens (commas, a conjunction) may stand between two members of a compound actor:
/// "Russia and Ukraine", "Russia, and Ukraine" (TABARI §7.5).
pub const MAX_COMPOUND_SEPARATORS: usize = 2;
/// How many words an aside between two compound members may have ("and, perhaps, Thailand").
pub const MAX_COMPOUND_ASIDE_WORDS: usize = 2;
/// The actor part of the code of an agent named with no actor (`---GOV`, PETRARCH's anonymous actor).
const ANONYMOUS_ACTOR: &str = "---";
/// Words of the noun phrase a compound's last member may open with before OF/IN/FROM and its actor ("goats of").
pub const MAX_MEMBER_NOUN_WORDS: usize = 3;

/// Lists shorter than this are deduplicated by a linear check (cheaper for the usual one to four codes); longer
/// ones through a hash set, so a compound of thousands of distinct actors costs linear time.
const LINEAR_DEDUP_MAX: usize = 16;

/// Codes in first-seen order, without repeats.
#[derive(Debug, Default)]
struct UniqueCodes {
    codes: Vec<String>,
    seen: Option<std::collections::HashSet<String>>,
}

impl UniqueCodes {
    fn push(&mut self, code: &str) {
        if self.codes.len() < LINEAR_DEDUP_MAX {
            if self.codes.iter().any(|c| c == code) {
                return;
            }
        } else {
            let codes = &self.codes;
            let seen = self
                .seen
                .get_or_insert_with(|| codes.iter().cloned().collect());
            if !seen.insert(code.to_string()) {
                return;
            }
        }
        self.codes.push(code.to_string());
    }

    fn len(&self) -> usize {
        self.codes.len()
    }

    fn into_vec(self) -> Vec<String> {
        self.codes
    }
}

/// A noun phrase with agents and no actor: token range, evidence range, agents (with "former").
type AgentPhrase = (usize, usize, (usize, usize), Vec<(u32, bool)>);

/// The parse of one sentence.
#[derive(Debug, Default)]
pub struct Analysis {
    pub toks: Tokens,
    /// Vocabulary word ids of each token.
    pub words: crate::lexicon::TokenWords,
    pub chunks: Vec<Chunk>,
    /// Chunk index of each token.
    pub chunk_of: Vec<u32>,
    pub units: Vec<Unit>,
    /// Unit id + 1 of the visible unit starting at each token (0: none).
    pub unit_start: Vec<u32>,
    /// Token is kept (not inside an eliminated comma clause).
    pub active: Vec<bool>,
    /// Token is a comma or conjunction inside a compound actor or compound noun phrase.
    pub in_compound: Vec<bool>,
    /// Conjunction-delimited clauses: token ranges.
    pub clauses: Vec<(usize, usize)>,
    pub halt: Option<Halt>,
    /// A story-level discard matched.
    pub story_discard: bool,
    /// Set when the sentence had more tokens than [`CoderOptions::max_sentence_tokens`] and only its head was
    /// read; callers turn it into a warning naming the file and record.
    pub truncated: Option<Truncation>,
    /// The publication date the sentence was read for, if any.
    pub date: Option<Date>,
    /// Part-of-speech tag of each token ([`Analysis::part_of_speech`]); empty until a rule asks for it, so only
    /// sentences with a subordinating word (or, with `pos_nouns_not_verbs`, a verb-dictionary word) are tagged.
    pub pos: Vec<dyad_pos::Tag>,
    pos_words: Vec<PosWord>,
    pos_of_token: Vec<u32>,
    pos_buf: dyad_pos::TagBuffer,
}

/// Resolved chunk codes kept outside the chunk so that chunks stay `Copy`.
pub(crate) fn actor_code(c: &Compiled, id: u32, date: Option<Date>) -> Option<&str> {
    c.actor_codes[id as usize].resolve(date)
}

/// Adds an agent code to an actor code unless it is already there on a 3-character boundary (TABARI §5.4).
pub fn with_agent(actor: &str, agent: &str, prefix: bool) -> String {
    let present = !agent.is_empty()
        && (0..actor.len())
            .step_by(3)
            .any(|i| actor.get(i..i + agent.len()) == Some(agent));
    if present || agent.is_empty() {
        actor.to_string()
    } else if prefix {
        format!("{agent}{actor}")
    } else {
        format!("{actor}{agent}")
    }
}

impl Analysis {
    pub fn text(&self, i: usize) -> &str {
        self.toks.text(i)
    }

    /// Tags the sentence's tokens with `dyad_pos` (once per sentence; `text` is the sentence [`Analysis::run`]
    /// read) and returns one tag per token. A possessive token is tagged with its `'s` after it, so "Iran's
    /// support" reads as a noun phrase.
    pub fn part_of_speech(&mut self, text: &str) -> &[dyad_pos::Tag] {
        if self.pos.len() != self.toks.len() {
            self.toks
                .pos_words(text, &mut self.pos_words, &mut self.pos_of_token);
            let words = &self.pos_words;
            let tags = dyad_pos::tagger().tag_with(
                words.len(),
                |k| match words[k] {
                    PosWord::Input(a, b) => text.get(a as usize..b as usize).unwrap_or(""),
                    PosWord::Literal(w) => w,
                },
                &mut self.pos_buf,
            );
            self.pos.clear();
            self.pos
                .extend(self.pos_of_token.iter().map(|&k| tags[k as usize]));
        }
        &self.pos
    }

    fn kind_at(&self, tok: usize) -> ChunkKind {
        self.chunks[self.chunk_of[tok] as usize].kind
    }

    /// Runs the parse of `text` into `self` (buffers reused).
    pub fn run(
        &mut self,
        c: &Compiled,
        o: &CoderOptions,
        text: &str,
        date: Option<Date>,
        prev_actor: Option<&[String]>,
    ) {
        self.truncated = self
            .toks
            .fill_limited(text, o.max_sentence_tokens)
            .map(|first_left_out| self.cut_at_clause(first_left_out));
        c.vocab.tag(&self.toks, &mut self.words);
        self.chunks.clear();
        self.chunk_of.clear();
        self.units.clear();
        self.unit_start.clear();
        self.active.clear();
        self.in_compound.clear();
        self.clauses.clear();
        self.halt = None;
        self.story_discard = false;
        self.date = date;
        self.pos.clear();
        let n = self.toks.len();
        self.active.resize(n, true);
        self.in_compound.resize(n, false);
        self.unit_start.resize(n, 0);
        if n == 0 {
            return;
        }
        let words = self
            .toks
            .tokens
            .iter()
            .filter(|t| t.kind == TokenKind::Word)
            .count();
        if words < o.minimum_words {
            self.halt = Some(Halt::Complex(format!(
                "fewer than {} words",
                o.minimum_words
            )));
            return;
        }
        // Discards anywhere in the sentence.
        if !c.discards.is_empty() {
            for i in 0..n {
                if let Some(m) = c.discards.longest_at(&self.toks, &self.words, i, n) {
                    let info = c.discards.phrases[m.phrase as usize].payload;
                    self.story_discard |= info.story;
                    self.halt = Some(if info.complex {
                        Halt::Complex(c.rules[info.rule as usize].text.clone())
                    } else {
                        Halt::Discard(info.rule)
                    });
                    return;
                }
            }
        }
        self.tag(c, o, date, text);
        if self.halt.is_some() {
            return;
        }
        if o.auxiliaries_yield {
            self.demote_auxiliaries();
        }
        self.build_units(c, o, date, prev_actor);
        if !o.merge_noun_phrases {
            self.compounds(o.compound_shares_agent, false, o.compound_asides);
        }
        if o.company_names_not_parties {
            self.company_names();
        }
        if o.pronouns_after_comma_clauses {
            // A pronoun never refers to an actor of a clause that was dropped.
            self.comma_clauses(o);
            self.pronouns(prev_actor, true);
        } else {
            self.pronouns(prev_actor, false);
            self.comma_clauses(o);
        }
        self.split_clauses(o, text);
    }

    /// Ends a sentence that reached the token limit at its last clause punctuation near the limit
    /// ([`TRUNCATION_CLAUSE_REACH_DIVISOR`]); `first_left_out` is the byte where the tokenizer stopped.
    fn cut_at_clause(&mut self, first_left_out: usize) -> Truncation {
        let n = self.toks.len();
        let reach = n / TRUNCATION_CLAUSE_REACH_DIVISOR;
        let comma = (n - reach..n)
            .rev()
            .find(|&t| t > 0 && self.toks.tokens[t].kind == TokenKind::Comma);
        let coded_bytes = match comma {
            Some(t) => {
                let at = self.toks.tokens[t].start as usize;
                self.toks.tokens.truncate(t);
                at
            }
            None => first_left_out,
        };
        Truncation {
            tokens: self.toks.len(),
            coded_bytes,
        }
    }

    fn push_chunk(&mut self, start: usize, end: usize, kind: ChunkKind) {
        let id = self.chunks.len() as u32;
        self.chunks.push(Chunk { start, end, kind });
        for _ in start..end {
            self.chunk_of.push(id);
        }
    }

    fn tag(&mut self, c: &Compiled, o: &CoderOptions, date: Option<Date>, text: &str) {
        let n = self.toks.len();
        let first_word = self
            .toks
            .tokens
            .iter()
            .position(|t| t.kind == TokenKind::Word)
            .unwrap_or(0);
        let mut i = 0;
        while i < n {
            if self.toks.tokens[i].kind == TokenKind::Comma {
                self.push_chunk(i, i + 1, ChunkKind::Comma);
                i += 1;
                continue;
            }
            // Candidates: (end, priority, kind).
            let mut best: Option<(usize, u8, ChunkKind)> = None;
            let mut consider = |end: usize, prio: u8, kind: ChunkKind| {
                if best.is_none_or(|(e, p, _)| (end, prio) > (e, p)) {
                    best = Some((end, prio, kind));
                }
            };
            if let Some(m) = c.actors.longest_at(&self.toks, &self.words, i, n) {
                consider(
                    m.end,
                    5,
                    ChunkKind::Actor(c.actors.phrases[m.phrase as usize].payload),
                );
            }
            if let Some(m) = c.agents.longest_at(&self.toks, &self.words, i, n) {
                consider(m.end, 4, ChunkKind::Agent(m.phrase));
            }
            if let Some(m) = c.nouns.longest_at(&self.toks, &self.words, i, n) {
                consider(m.end, 3, ChunkKind::Noun);
            }
            if let Some(m) = c.adjectives.longest_at(&self.toks, &self.words, i, n) {
                consider(m.end, 3, ChunkKind::Adjective);
            }
            if let Some(m) = c.verbs.longest_at(&self.toks, &self.words, i, n) {
                consider(m.end, 2, ChunkKind::Verb(m.phrase));
            }
            // "the talks", "a maritime dispute": the tagger reads the verb word as a noun or adjective.
            let pos_noun = o.pos_nouns_not_verbs
                && matches!(best, Some((_, _, ChunkKind::Verb(_))))
                && matches!(
                    self.part_of_speech(text)[i].coarse(),
                    dyad_pos::Coarse::Noun | dyad_pos::Coarse::Adjective
                );
            let w = self.toks.text(i);
            let (end, kind) = match best {
                Some((end, _, ChunkKind::Actor(id))) => match actor_code(c, id, date) {
                    // TABARI's `[###]` actor discards the sentence; PETRARCH writes it out as a code.
                    Some("###") if c.actor_dialect == Some(dyad_dict::Dialect::Tabari) => {
                        self.halt = Some(Halt::Discard(c.actor_codes[id as usize].rule));
                        return;
                    }
                    Some("+++") => {
                        self.halt = Some(Halt::Complex(format!("complex actor {w}")));
                        return;
                    }
                    Some(_) => (end, ChunkKind::Actor(id)),
                    // Null-coded actors are nouns (TABARI §6.2, §7.4).
                    None => (end, ChunkKind::Noun),
                },
                Some((end, _, ChunkKind::Verb(id))) => {
                    let info = &c.verbs.phrases[id as usize].payload;
                    let prev = self
                        .chunks
                        .iter()
                        .rev()
                        .find(|ch| ch.kind != ChunkKind::Comma);
                    let mut after_determiner =
                        prev.is_some_and(|p| p.kind == ChunkKind::Determiner);
                    if o.noun_phrase_heads {
                        // "concern about reports": after a preposition only a gerund is verbal.
                        let after_preposition = prev.is_some_and(|p| {
                            p.end - p.start == 1 && self.words.is(grammar::PREPOSITIONS, p.start)
                        });
                        after_determiner |= after_preposition && !w.ends_with("ING");
                        // "the regime's favor": a verb word right after a possessive is its head noun.
                        after_determiner |= i > 0 && self.toks.tokens[i - 1].possessive;
                        // "its air power": likewise after a possessive pronoun.
                        after_determiner |= prev.is_some_and(|p| {
                            p.kind == ChunkKind::Pronoun
                                && (self.words.is(grammar::PRONOUNS_PRIOR_ACTOR, p.start)
                                    || self.toks.text(p.start) == "THEIR")
                        });
                    }
                    if o.noun_phrase_heads && !after_determiner {
                        // "an anti-Gondor parade": a singular indefinite subject would take an inflected verb, so
                        // an uninflected verb word closing an A/AN phrase is its head noun.
                        let uninflected = *info.root == *self.toks.text(i);
                        let mut back = self.chunks.iter().rev().take(grammar::NOUN_HEAD_REACH + 1);
                        let reaches_det = back
                            .by_ref()
                            .take_while(|ch| {
                                matches!(
                                    ch.kind,
                                    ChunkKind::Other
                                        | ChunkKind::Actor(_)
                                        | ChunkKind::Adjective
                                        | ChunkKind::Determiner
                                )
                            })
                            .any(|ch| {
                                ch.kind == ChunkKind::Determiner
                                    && self.words.is(grammar::INDEFINITE_DETERMINERS, ch.start)
                            });
                        after_determiner =
                            uninflected && reaches_det && !self.words.is(grammar::AUXILIARIES, i);
                    }
                    let tok = &self.toks.tokens[i];
                    let capitalized = tok.capitalized && i != first_word && !self.toks.all_caps;
                    let has_patterns = !c.block_patterns[info.block as usize].is_empty();
                    let null = info
                        .code
                        .as_ref()
                        .is_none_or(|ec| ec.primary == CodeValue::Null);
                    match info.code.as_ref().map(|ec| &ec.primary) {
                        Some(CodeValue::Discard) => {
                            self.halt = Some(Halt::Discard(info.rule));
                            return;
                        }
                        Some(CodeValue::Complex) => {
                            self.halt = Some(Halt::Complex(format!("complex verb {w}")));
                            return;
                        }
                        _ => {}
                    }
                    // "Estonia donate's cash": a verb word with a possessive 's is a noun (TABARI noun endings).
                    let possessive = self.toks.tokens[i..end].iter().any(|t| t.possessive);
                    if (o.noun_shift && (after_determiner || capitalized))
                        || (null && !has_patterns)
                        || possessive
                        || pos_noun
                    {
                        (end, ChunkKind::Noun)
                    } else {
                        (end, ChunkKind::Verb(id))
                    }
                }
                Some((end, _, kind)) => (end, kind),
                None => {
                    let kind = if self.words.is(grammar::DETERMINERS, i) {
                        ChunkKind::Determiner
                    } else if (self.words.is(grammar::PRONOUNS_FIRST_ACTOR, i)
                        && (o.him_refers || w != "HIM"))
                        || self.words.is(grammar::PRONOUNS_PRIOR_ACTOR, i)
                        || self.words.is(grammar::PRONOUNS_PLURAL, i)
                    {
                        ChunkKind::Pronoun
                    } else if self.words.is(grammar::CONJUNCTIONS, i) {
                        ChunkKind::Conjunction
                    } else if self.words.is(grammar::NEGATIONS, i) {
                        ChunkKind::Negation
                    } else if self.words.is(grammar::NOUN_PHRASE_BREAKERS, i) {
                        ChunkKind::Breaker
                    } else {
                        ChunkKind::Other
                    };
                    (i + 1, kind)
                }
            };
            self.push_chunk(i, end.max(i + 1), kind);
            i = end.max(i + 1);
        }
    }

    /// Auxiliary verbs followed closely by another verb are not verbs ("should have acted").
    fn demote_auxiliaries(&mut self) {
        for k in 0..self.chunks.len() {
            let ch = self.chunks[k];
            if !matches!(ch.kind, ChunkKind::Verb(_)) || ch.end - ch.start != 1 {
                continue;
            }
            if !self.words.is(grammar::AUXILIARIES, ch.start) {
                continue;
            }
            let main_follows = self.chunks[k + 1..]
                .iter()
                .take(grammar::AUXILIARY_REACH + 1)
                .take_while(|c| c.start <= ch.end + grammar::AUXILIARY_REACH)
                .any(|c| matches!(c.kind, ChunkKind::Verb(_)));
            if main_follows {
                self.chunks[k].kind = ChunkKind::Breaker;
            }
        }
    }

    fn new_unit(
        &mut self,
        start: usize,
        end: usize,
        ev: (usize, usize),
        codes: Vec<String>,
        rule: Option<u32>,
        actor: Option<u32>,
    ) {
        if codes.is_empty() {
            return;
        }
        self.units.push(Unit {
            start,
            end,
            ev_start: ev.0,
            ev_end: ev.1,
            codes,
            compound: false,
            rule,
            actor,
            absorbed: false,
            pronoun: false,
        });
        self.unit_start[start] = self.units.len() as u32;
    }

    /// Actor codes of an actor chunk with agents applied, split on `/` (coded compounds).
    fn compose(
        c: &Compiled,
        date: Option<Date>,
        actor: u32,
        agents: &[(u32, bool)],
    ) -> Vec<String> {
        let Some(code) = actor_code(c, actor, date) else {
            return Vec::new();
        };
        code.split('/')
            .filter(|p| !p.is_empty() && *p != "---")
            .map(|base| {
                let mut s = base.to_string();
                for &(a, former) in agents {
                    let info = &c.agents.phrases[a as usize].payload;
                    let code = if former {
                        grammar::ELITE_AGENT
                    } else {
                        &info.code
                    };
                    s = with_agent(&s, code, info.prefix);
                }
                s
            })
            .collect()
    }

    fn is_former(&self, chunk: usize) -> bool {
        chunk > 0 && {
            let p = self.chunks[chunk - 1];
            p.end - p.start == 1 && self.words.is(grammar::FORMER_WORDS, p.start)
        }
    }

    fn build_units(
        &mut self,
        c: &Compiled,
        o: &CoderOptions,
        date: Option<Date>,
        prev_actor: Option<&[String]>,
    ) {
        let chunks = self.chunks.clone();
        // Noun phrases with agents but no actor: (start, end, evidence, agents).
        let mut agent_nps: Vec<AgentPhrase> = Vec::new();
        if o.merge_noun_phrases {
            // PETRARCH reading: a noun phrase holds at most one actor; its agents apply to it.
            let np_able = |k: ChunkKind| {
                matches!(
                    k,
                    ChunkKind::Actor(_)
                        | ChunkKind::Agent(_)
                        | ChunkKind::Noun
                        | ChunkKind::Adjective
                        | ChunkKind::Determiner
                        | ChunkKind::Other
                )
            };
            let mut k = 0;
            while k < chunks.len() {
                let ck = chunks[k];
                let prep_at_k = ck.end - ck.start == 1
                    && self.words.is(grammar::AGENT_PREPOSITIONS_NP, ck.start);
                if !np_able(ck.kind) || prep_at_k {
                    k += 1;
                    continue;
                }
                let mut j = k;
                // Extend over NP words, and over OF between NP words.
                while j + 1 < chunks.len() {
                    let nx = chunks[j + 1];
                    let is_prep = nx.end - nx.start == 1
                        && self.words.is(grammar::AGENT_PREPOSITIONS_NP, nx.start);
                    if np_able(nx.kind) && !is_prep {
                        j += 1;
                    } else if nx.kind == ChunkKind::Conjunction
                        && self.adjective_coordination(j + 1)
                    {
                        // "awful and evil minister": a conjunction inside the noun phrase.
                        self.in_compound[nx.start] = true;
                        j += 1;
                    } else {
                        break;
                    }
                }
                let mut actor = None;
                let mut agents = Vec::new();
                let mut ev: Option<(usize, usize)> = None;
                for (ci, ch) in chunks.iter().enumerate().take(j + 1).skip(k) {
                    match ch.kind {
                        ChunkKind::Actor(id) => {
                            // The first actor of the phrase, unless a later one refines it ("Russia's Lavrov":
                            // RUS then RUSGOV).
                            let refines = |prev: u32| match (
                                actor_code(c, prev, date),
                                actor_code(c, id, date),
                            ) {
                                (Some(p), Some(n)) => n.len() > p.len() && n.starts_with(p),
                                _ => false,
                            };
                            if actor.is_none_or(refines) {
                                actor = Some(id);
                            }
                            ev = Some(ev.map_or((ch.start, ch.end), |(s, _)| (s, ch.end)));
                        }
                        ChunkKind::Agent(id) => {
                            agents.push((id, self.is_former(ci)));
                            ev = Some(ev.map_or((ch.start, ch.end), |(s, _)| (s, ch.end)));
                        }
                        _ => {}
                    }
                }
                let (start, end) = (chunks[k].start, chunks[j].end);
                if let Some(a) = actor {
                    let codes = Self::compose(c, date, a, &agents);
                    let rule = Some(c.actor_codes[a as usize].rule);
                    self.new_unit(start, end, ev.unwrap_or((start, end)), codes, rule, Some(a));
                } else if !agents.is_empty() {
                    agent_nps.push((start, end, ev.unwrap_or((start, end)), agents));
                }
                k = j + 1;
            }
            self.compounds(
                o.compound_shares_agent,
                o.merge_noun_phrases,
                o.compound_asides,
            );
            self.attach_agent_phrases(c, o, agent_nps, prev_actor);
            self.compounds(
                o.compound_shares_agent,
                o.merge_noun_phrases,
                o.compound_asides,
            );
        } else {
            // TABARI reading: each actor is a unit; an agent right before or after it (or before OF/IN + actor)
            // is attached.
            let mut used_agent = vec![false; chunks.len()];
            for k in 0..chunks.len() {
                let ChunkKind::Actor(id) = chunks[k].kind else {
                    continue;
                };
                let mut agents = Vec::new();
                let mut ev = (chunks[k].start, chunks[k].end);
                if k > 0 {
                    if let ChunkKind::Agent(a) = chunks[k - 1].kind {
                        if !used_agent[k - 1] {
                            agents.push((a, self.is_former(k - 1)));
                            used_agent[k - 1] = true;
                            ev.0 = chunks[k - 1].start;
                        }
                    }
                }
                if agents.is_empty() && k + 1 < chunks.len() {
                    if let ChunkKind::Agent(a) = chunks[k + 1].kind {
                        agents.push((a, self.is_former(k)));
                        used_agent[k + 1] = true;
                        ev.1 = chunks[k + 1].end;
                    } else if let Some(ChunkKind::Agent(a)) = chunks.get(k + 2).map(|ch| ch.kind) {
                        // "Arnor former security officials": FORMER between the actor and its agent.
                        if self.is_former(k + 2) {
                            agents.push((a, true));
                            used_agent[k + 2] = true;
                            ev.1 = chunks[k + 2].end;
                        }
                    }
                }
                if agents.is_empty() {
                    // AGENT OF/IN [the] ACTOR
                    let mut b = k;
                    while b > 0 && chunks[b - 1].kind == ChunkKind::Determiner {
                        b -= 1;
                    }
                    if b >= 2
                        && chunks[b - 1].end - chunks[b - 1].start == 1
                        && self
                            .words
                            .is(grammar::AGENT_PREPOSITIONS, chunks[b - 1].start)
                    {
                        if let ChunkKind::Agent(a) = chunks[b - 2].kind {
                            agents.push((a, self.is_former(b - 2)));
                            used_agent[b - 2] = true;
                            ev.0 = chunks[b - 2].start;
                        }
                    }
                }
                let mut start = chunks[k].start.min(ev.0);
                let mut s = self.chunk_of[start] as usize;
                while s > 0
                    && matches!(
                        chunks[s - 1].kind,
                        ChunkKind::Determiner | ChunkKind::Adjective
                    )
                {
                    s -= 1;
                    start = chunks[s].start;
                }
                let end = ev.1.max(chunks[k].end);
                let codes = Self::compose(c, date, id, &agents);
                let rule = Some(c.actor_codes[id as usize].rule);
                self.new_unit(start, end, ev, codes, rule, Some(id));
            }
            if o.convert_agents {
                // TABARI CONVERT AGENTS: an agent with no actor is an actor coded `~AGT`.
                for k in 0..chunks.len() {
                    let ChunkKind::Agent(a) = chunks[k].kind else {
                        continue;
                    };
                    if used_agent[k] {
                        continue;
                    }
                    let info = &c.agents.phrases[a as usize].payload;
                    let code = if info.prefix {
                        format!("{}~", info.code)
                    } else {
                        format!("~{}", info.code)
                    };
                    let (s, e) = (chunks[k].start, chunks[k].end);
                    self.new_unit(s, e, (s, e), vec![code], Some(info.rule), None);
                }
            }
        }
    }

    /// Whether the conjunction chunk `ci` joins two modifiers inside a noun phrase ("awful and evil", "heavily and
    /// unjustly"): both neighbours are untyped lower-case words or adjectives.
    fn adjective_coordination(&self, ci: usize) -> bool {
        let modifier = |k: usize| -> bool {
            self.chunks.get(k).is_some_and(|ch| {
                matches!(ch.kind, ChunkKind::Other | ChunkKind::Adjective)
                    && !self.toks.tokens[ch.start].capitalized
                    && self.text(ch.start) != "OF"
            })
        };
        ci > 0 && modifier(ci - 1) && modifier(ci + 1)
    }

    /// PETRARCH reading: agent phrases before OF/IN/FROM + actor take that actor ("the ambassadors of Arnor,
    /// Osgiliath and Gondor", "lawmakers in Fornost and Gondor", "soldiers from Gondor"), distributing over
    /// compounds on either side; the rest become anonymous actors `---AGT`.
    fn attach_agent_phrases(
        &mut self,
        c: &Compiled,
        o: &CoderOptions,
        nps: Vec<AgentPhrase>,
        prev_actor: Option<&[String]>,
    ) {
        let mut used = vec![false; nps.len()];
        let mut i = 0;
        while i < nps.len() {
            // A chain of agent phrases joined by commas / AND / OR.
            let mut j = i;
            while j + 1 < nps.len() {
                // The length first: the separator test then reads at most two tokens.
                let gap_ok = nps[j + 1].0 > nps[j].1
                    && nps[j + 1].0 - nps[j].1 <= MAX_COMPOUND_SEPARATORS
                    && (nps[j].1..nps[j + 1].0).all(|t| {
                        matches!(self.kind_at(t), ChunkKind::Comma)
                            || (self.kind_at(t) == ChunkKind::Conjunction
                                && self.words.is(grammar::COMPOUND_CONJUNCTIONS, t))
                    });
                if !gap_ok {
                    break;
                }
                j += 1;
            }
            let end = nps[j].1;
            let prep_ok = end < self.toks.len()
                && self.toks.tokens[end].kind == TokenKind::Word
                && self.words.is(grammar::AGENT_PREPOSITIONS_NP, end);
            let target = if prep_ok && end + 1 < self.toks.len() {
                self.unit_start[end + 1]
            } else {
                0
            };
            if target > 0 {
                let u = target as usize - 1;
                let mut codes = UniqueCodes::default();
                for np in &nps[i..=j] {
                    for base in &self.units[u].codes {
                        let mut code = base.clone();
                        for &(a, former) in &np.3 {
                            let info = &c.agents.phrases[a as usize].payload;
                            let agent: &str = if former {
                                grammar::ELITE_AGENT
                            } else {
                                &info.code
                            };
                            code = with_agent(&code, agent, info.prefix);
                        }
                        codes.push(&code);
                    }
                }
                let unit = &self.units[u];
                let merged = Unit {
                    start: nps[i].0,
                    end: unit.end,
                    ev_start: nps[i].2 .0,
                    ev_end: unit.ev_end,
                    compound: codes.len() > 1,
                    codes: codes.into_vec(),
                    rule: unit.rule,
                    actor: unit.actor,
                    absorbed: false,
                    pronoun: false,
                };
                let old_start = unit.start;
                self.units[u].absorbed = true;
                self.unit_start[old_start] = 0;
                for t in nps[i].1..=end {
                    self.in_compound[t] = true;
                }
                self.units.push(merged);
                self.unit_start[nps[i].0] = self.units.len() as u32;
                for flag in used.iter_mut().take(j + 1).skip(i) {
                    *flag = true;
                }
            }
            i = j + 1;
        }
        // Anonymous actors: PETRARCH codes an agent without actor as `---AGT` (TABARI's CONVERT AGENTS: `~AGT`).
        if !(o.anonymous_agents || o.convert_agents) {
            return;
        }
        for (k, np) in nps.iter().enumerate() {
            if used[k] || self.unit_start[np.0] != 0 {
                continue;
            }
            let Some(&(a, _)) = np.3.first() else {
                continue;
            };
            let info = &c.agents.phrases[a as usize].payload;
            // "The minister said …" after a sentence about Russia: a definite agent phrase with no actor refers
            // back to the country of the nearest earlier actor.
            let definite = self.toks.tokens[np.0].kind == TokenKind::Word
                && self.words.is(grammar::DEFINITE_DETERMINERS, np.0);
            let institutional = grammar::BACK_REFERENCE_AGENTS
                .iter()
                .any(|a| info.code.starts_with(a));
            if let (true, Some(prev)) =
                (definite && institutional && o.anonymous_agents, prev_actor)
            {
                let codes: Vec<String> = prev
                    .iter()
                    .filter_map(|p| p.get(..grammar::COUNTRY_CODE_LEN))
                    .filter(|cc| cc.bytes().all(|b| b.is_ascii_uppercase()))
                    .map(|cc| with_agent(cc, &info.code, info.prefix))
                    .collect();
                if !codes.is_empty() {
                    self.new_unit(np.0, np.1, np.2, codes, Some(info.rule), None);
                    continue;
                }
            }
            let base = if o.convert_agents { "~" } else { "---" };
            let code = if info.prefix {
                format!("{}{base}", info.code)
            } else {
                format!("{base}{}", info.code)
            };
            self.new_unit(np.0, np.1, np.2, vec![code], Some(info.rule), None);
        }
    }

    /// Parsed compound actors: `U , U , … and U` and `U and U` (TABARI §7.5).
    ///
    /// One pass over the visible units in token order: a chain is extended while the gap to the next unit is one
    /// or two separators, and ends at its first conjunction. A chain that ends without one is an apposition, and
    /// so is every chain starting inside it (same separators, same end), so the scan goes on after it.
    ///
    /// With `share_agent`, bare countries before a last member with an agent take that agent: "Hungarian and
    /// Romanian officials" are HUNGOV and ROUGOV, "Japan and South Korea leaders" JPNGOV and KORGOV.
    ///
    /// An agent with no actor after a member that is a country with an agent takes that country: "Danish media
    /// and government" are DNKMED and DNKGOV (with `share_agent` too).
    ///
    /// With `noun_members` (the PETRARCH reading), a last member may be a noun phrase of an actor: "Ithilen's
    /// sheep and goats of Gondor" lists ITH and GON ([`Analysis::noun_of_member`]).
    ///
    /// With `asides`, a member may follow an aside of a word or two set off by commas ("Malaysia, Singapore
    /// and, perhaps, Thailand": [`Analysis::aside_gap`]).
    fn compounds(&mut self, share_agent: bool, noun_members: bool, asides: bool) {
        let mut order: Vec<usize> = (0..self.units.len())
            .filter(|&u| {
                !self.units[u].absorbed && self.unit_start[self.units[u].start] as usize == u + 1
            })
            .collect();
        order.sort_by_key(|&u| self.units[u].start);
        let mut i = 0;
        while i < order.len() {
            let mut j = i;
            let mut closed = false;
            while j + 1 < order.len() {
                let (a_end, b_start) = (self.units[order[j]].end, self.units[order[j + 1]].start);
                // Touching or overlapping units, or units too far apart, are no list.
                if b_start <= a_end {
                    break;
                }
                let ok = (b_start - a_end <= MAX_COMPOUND_SEPARATORS
                    && (a_end..b_start).all(|t| self.compound_separator(t)))
                    || (asides && self.aside_gap(a_end, b_start));
                let noun_member =
                    !ok && noun_members && self.noun_of_member(order[j], order[j + 1]);
                if !(ok || noun_member) {
                    break;
                }
                j += 1;
                if noun_member
                    || (a_end..b_start).any(|t| self.kind_at(t) == ChunkKind::Conjunction)
                {
                    closed = true;
                    break;
                }
            }
            // Must end with a conjunction; a comma-only chain is an apposition, not a list.
            if !closed {
                i = j + 1;
                continue;
            }
            let members = &order[i..=j];
            for w in members.windows(2) {
                for t in self.units[w[0]].end..self.units[w[1]].start {
                    self.in_compound[t] = true;
                }
            }
            let first = &self.units[members[0]];
            let last = &self.units[members[members.len() - 1]];
            let (start, end, ev_start, ev_end, rule, actor) = (
                first.start,
                last.end,
                first.ev_start,
                last.ev_end,
                first.rule,
                first.actor,
            );
            let agent = if share_agent {
                shared_agent(&self.units[members[members.len() - 1]].codes).map(str::to_string)
            } else {
                None
            };
            let mut codes = UniqueCodes::default();
            // The country of the latest member that is a country with an agent: an agent named with no actor
            // after it takes that country ("Danish media and government": DNKMED and DNKGOV, not ---GOV).
            let mut country: Option<String> = None;
            for &m in members {
                let own = &self.units[m].codes;
                for code in own {
                    let anonymous = code.strip_prefix(ANONYMOUS_ACTOR).filter(|a| !a.is_empty());
                    match (&agent, anonymous, &country) {
                        (Some(agent), _, _) if is_bare_country(code) => {
                            codes.push(&format!("{code}{agent}"))
                        }
                        (_, Some(its_agent), Some(c)) if share_agent => {
                            codes.push(&format!("{c}{its_agent}"))
                        }
                        _ => codes.push(code),
                    }
                }
                if shared_agent(own).is_some() {
                    country = own[0].get(..grammar::COUNTRY_CODE_LEN).map(str::to_string);
                }
                self.units[m].absorbed = true;
                let s = self.units[m].start;
                self.unit_start[s] = 0;
            }
            self.units.push(Unit {
                start,
                end,
                ev_start,
                ev_end,
                codes: codes.into_vec(),
                compound: true,
                rule,
                actor,
                absorbed: false,
                pronoun: false,
            });
            self.unit_start[start] = self.units.len() as u32;
            i = j + 1;
        }
    }

    /// Hides the visible units that are part of a company's name ([`CoderOptions::company_names_not_parties`]):
    /// from the unit's first evidence word, capitalised words (and AND, "&", joining them) run to a corporate
    /// suffix within [`grammar::COMPANY_NAME_REACH`] words ("American Express Co", "British and Commonwealth
    /// Shipping Plc"). An actor after OF or IN inside the name ("Bank of Tokyo Ltd") is its country and stays;
    /// a possessive ends the name ("France's Renault").
    fn company_names(&mut self) {
        // Bail out before any work: most sentences name no company.
        let n = self.toks.len();
        if !(0..n).any(|t| self.words.is(grammar::CORPORATE_SUFFIXES, t)) {
            return;
        }
        for u in 0..self.units.len() {
            let unit = &self.units[u];
            if unit.absorbed || unit.pronoun || self.unit_start[unit.start] as usize != u + 1 {
                continue;
            }
            let first = unit.ev_start;
            // "Bank of Tokyo Ltd": the name runs through OF, and its actor is the company's country; "a unit of
            // American Express Co" is no such tie.
            let tied = first > 1
                && self.toks.tokens[first - 1].kind == TokenKind::Word
                && self.words.is(grammar::AGENT_PREPOSITIONS, first - 1)
                && self.toks.tokens[first - 2].capitalized;
            if tied || !self.toks.tokens[first].capitalized {
                continue;
            }
            let mut words = 0;
            let mut t = first;
            let company = loop {
                if self.toks.tokens[t].possessive
                    || t + 1 >= n
                    || words > grammar::COMPANY_NAME_REACH
                {
                    break false;
                }
                t += 1;
                let tok = &self.toks.tokens[t];
                if tok.kind != TokenKind::Word {
                    break false;
                }
                if self.words.is(grammar::CORPORATE_SUFFIXES, t) {
                    break true;
                }
                let joins = matches!(self.text(t), "AND" | "&");
                if !(tok.capitalized || joins) {
                    break false;
                }
                words += 1;
            };
            if company {
                self.unit_start[self.units[u].start] = 0;
            }
        }
    }

    /// Whether tokens `from..to` between two compound members are separators around one aside: at most
    /// [`MAX_COMPOUND_SEPARATORS`] commas or conjunctions, and a run of at most [`MAX_COMPOUND_ASIDE_WORDS`]
    /// lower-case words of no word class with a comma right before and right after it ("and, perhaps,").
    fn aside_gap(&self, from: usize, to: usize) -> bool {
        // The length first: most gaps between units are long.
        let longest = MAX_COMPOUND_SEPARATORS + 2 + MAX_COMPOUND_ASIDE_WORDS;
        if to <= from || to - from > longest {
            return false;
        }
        let Some(aside) = (from..to).find(|&t| !self.compound_separator(t)) else {
            return false;
        };
        let after = (aside..to)
            .find(|&t| self.compound_separator(t))
            .unwrap_or(to);
        let plain = |t: usize| {
            let tok = &self.toks.tokens[t];
            tok.kind == TokenKind::Word && !tok.capitalized && self.kind_at(t) == ChunkKind::Other
        };
        let comma = |t: usize| self.toks.tokens[t].kind == TokenKind::Comma;
        aside > from
            && after < to
            && comma(aside - 1)
            && comma(after)
            && after - aside <= MAX_COMPOUND_ASIDE_WORDS
            && (aside..after).all(plain)
            && (after..to).all(|t| self.compound_separator(t))
            && (to - from) - (after - aside) - 2 <= MAX_COMPOUND_SEPARATORS
    }

    /// A comma or a conjunction that may join the members of a compound.
    fn compound_separator(&self, t: usize) -> bool {
        match self.kind_at(t) {
            ChunkKind::Comma => true,
            ChunkKind::Conjunction => self.words.is(grammar::COMPOUND_CONJUNCTIONS, t),
            _ => false,
        }
    }

    /// Whether the actor unit `second` is the last member of a compound after unit `first` as the noun phrase
    /// of its actor ("goats of Gondor"), as a parser's NP would have it: OF/IN/FROM right before it, and before
    /// that a noun phrase with no actor of its own that a conjunction joins to `first`, either after `first`
    /// ("Ithilen and the goats of Gondor") or inside the noun phrase of `first`, after its actor ("Ithilen's
    /// sheep and goats of Gondor").
    fn noun_of_member(&self, first: usize, second: usize) -> bool {
        let (unit, of) = (&self.units[first], &self.units[second]);
        // The second phrase is its actor, maybe after a determiner or adjectives: not a noun phrase that ends
        // in one ("international oil markets estimate OPEC").
        if !(of.start..of.ev_start).all(|t| {
            matches!(
                self.kind_at(t),
                ChunkKind::Determiner | ChunkKind::Adjective
            )
        }) {
            return false;
        }
        let Some(prep) = of.start.checked_sub(1) else {
            return false;
        };
        if prep < unit.end
            || self.toks.tokens[prep].kind != TokenKind::Word
            || !self.words.is(grammar::AGENT_PREPOSITIONS_NP, prep)
        {
            return false;
        }
        let noun = |n: usize| {
            self.unit_start[n] == 0
                && matches!(
                    self.kind_at(n),
                    ChunkKind::Noun
                        | ChunkKind::Other
                        | ChunkKind::Adjective
                        | ChunkKind::Determiner
                )
                && !self.words.is(grammar::PREPOSITIONS, n)
        };
        // The noun phrase's words run back from OF to the conjunction.
        let mut t = prep;
        while t > unit.ev_end && prep - t < MAX_MEMBER_NOUN_WORDS && noun(t - 1) {
            t -= 1;
        }
        if t == prep || t == unit.ev_end {
            return false;
        }
        let conj = t - 1;
        let joins = self.kind_at(conj) == ChunkKind::Conjunction
            && self.words.is(grammar::COMPOUND_CONJUNCTIONS, conj);
        // Between `first` and the conjunction: separators only, or nothing when it is inside its phrase.
        joins && (unit.end.min(conj)..conj).all(|s| self.compound_separator(s))
    }

    /// Visible units in token order.
    pub fn visible_units(&self) -> impl Iterator<Item = (usize, &Unit)> {
        (0..self.toks.len()).filter_map(move |t| {
            let u = self.unit_start[t];
            (u > 0).then(|| (u as usize - 1, &self.units[u as usize - 1]))
        })
    }

    /// Coreference of pronouns (TABARI §7.7); `prev_actor` is the first actor of an earlier sentence, for a
    /// pronoun with nothing to refer to in its own sentence.
    fn pronouns(&mut self, prev_actor: Option<&[String]>, active_only: bool) {
        let pronoun_chunks: Vec<Chunk> = self
            .chunks
            .iter()
            .copied()
            .filter(|c| c.kind == ChunkKind::Pronoun)
            .collect();
        // The visible non-pronoun units in token order, gathered once: a pronoun's referent is the first of them
        // (or the first compound) if it stands before the pronoun. Units only ever leave this list (a possessive
        // pronoun absorbs the agent phrase after it), so two cursors that skip the departed find the first ones in
        // linear time over the sentence.
        let visible: Vec<(usize, usize, bool)> = self
            .visible_units()
            .filter(|(_, u)| !u.pronoun && (!active_only || self.active[u.start]))
            .map(|(id, u)| (id, u.start, u.compound))
            .collect();
        let mut slot = vec![usize::MAX; self.units.len()];
        for (k, v) in visible.iter().enumerate() {
            slot[v.0] = k;
        }
        let mut alive = vec![true; visible.len()];
        let mut first = 0;
        let mut first_compound = 0;
        for ch in pronoun_chunks {
            let w = self.text(ch.start).to_string();
            while first < visible.len() && !alive[first] {
                first += 1;
            }
            while first_compound < visible.len()
                && !(alive[first_compound] && visible[first_compound].2)
            {
                first_compound += 1;
            }
            let prior_first = visible.get(first).filter(|v| v.1 < ch.start);
            let referent = if self.words.is(grammar::PRONOUNS_PLURAL, ch.start) {
                visible
                    .get(first_compound)
                    .filter(|v| v.1 < ch.start)
                    .or(prior_first)
            } else {
                prior_first
            };
            let codes = match referent {
                Some(&(id, _, _)) => self.units[id].codes.clone(),
                None => match prev_actor {
                    Some(p) if !p.is_empty() => p.to_vec(),
                    _ => continue,
                },
            };
            let rule = referent.and_then(|&(id, _, _)| self.units[id].rule);
            let actor = referent.and_then(|&(id, _, _)| self.units[id].actor);
            // "its military": a possessive pronoun before an agent phrase is that agent of the referent.
            let mut codes = codes;
            let mut end = ch.end;
            if self.words.is(grammar::PRONOUNS_PRIOR_ACTOR, ch.start) || w == "THEIR" {
                let next = if ch.end < self.toks.len() {
                    self.unit_start[ch.end]
                } else {
                    0
                };
                if next > 0 {
                    let nu = next as usize - 1;
                    if self.units[nu].codes.iter().all(|c| c.starts_with("---")) {
                        let agent_codes: Vec<String> = self.units[nu].codes.clone();
                        codes = codes
                            .iter()
                            .flat_map(|base| {
                                agent_codes.iter().map(move |a| {
                                    let agent = a.trim_start_matches('-');
                                    with_agent(base, agent, false)
                                })
                            })
                            .collect();
                        end = self.units[nu].end;
                        self.units[nu].absorbed = true;
                        self.unit_start[ch.end] = 0;
                        if let Some(&k) = slot.get(nu).filter(|&&k| k != usize::MAX) {
                            alive[k] = false;
                        }
                    }
                }
            }
            let compound = codes.len() > 1;
            self.units.push(Unit {
                start: ch.start,
                end,
                ev_start: ch.start,
                ev_end: end,
                codes,
                compound,
                rule,
                actor,
                absorbed: false,
                pronoun: true,
            });
            // A unit that started here is hidden by the pronoun's.
            let hidden = self.unit_start[ch.start] as usize;
            if let Some(&k) = hidden
                .checked_sub(1)
                .and_then(|u| slot.get(u))
                .filter(|&&k| k != usize::MAX)
            {
                alive[k] = false;
            }
            self.unit_start[ch.start] = self.units.len() as u32;
        }
    }

    /// Eliminates comma-delimited nonrestrictive clauses (TABARI §7.8, §8.6).
    fn comma_clauses(&mut self, o: &CoderOptions) {
        let Some(limits) = o.comma else { return };
        let n = self.toks.len();
        let commas: Vec<usize> = (0..n)
            .filter(|&t| self.toks.tokens[t].kind == TokenKind::Comma && !self.in_compound[t])
            .collect();
        if commas.is_empty() {
            return;
        }
        let count_words = |a: usize, b: usize| -> usize {
            (a..b)
                .filter(|&t| self.toks.tokens[t].kind == TokenKind::Word)
                .count()
        };
        let mut kill = Vec::new();
        // Initial phrase.
        let first = commas[0];
        let w = count_words(0, first);
        if w >= limits.bmin && w <= limits.bmax {
            kill.push((0, first + 1));
        }
        // Middle phrases, chained: a dropped phrase takes its closing comma with it, so the phrase after it has
        // no opening comma and is kept.
        let mut opened = true;
        for pair in commas.windows(2) {
            let w = count_words(pair[0] + 1, pair[1]);
            if opened && w >= limits.min && w <= limits.max {
                kill.push((pair[0], pair[1] + 1));
                opened = false;
            } else {
                opened = true;
            }
        }
        let last = *commas.last().unwrap_or(&0);
        let w = count_words(last + 1, n);
        if opened && w >= limits.emin && w <= limits.emax {
            kill.push((last, n));
        }
        for (a, b) in kill {
            for t in a..b {
                self.active[t] = false;
            }
        }
    }

    /// Splits at conjunctions outside compounds (TABARI §7.6).
    fn split_clauses(&mut self, o: &CoderOptions, text: &str) {
        let n = self.toks.len();
        let subordinate_at = if o.pos_subordinate_clauses {
            self.subordinate_clause_starts(text)
        } else {
            Vec::new()
        };
        let mut start = 0;
        // The last comma sets off the attribution (", officials said").
        let last_comma = (0..n).rev().find(|&t| {
            self.active[t] && !self.in_compound[t] && self.toks.tokens[t].kind == TokenKind::Comma
        });
        for t in 0..n {
            if !self.active[t] || self.in_compound[t] {
                continue;
            }
            if o.comma_splits_clauses && Some(t) == last_comma {
                if t > start {
                    self.clauses.push((start, t));
                }
                start = t + 1;
                continue;
            }
            if subordinate_at.contains(&t) {
                if t > start {
                    self.clauses.push((start, t));
                }
                start = t + 1;
                continue;
            }
            if self.toks.tokens[t].kind == TokenKind::Word
                && self.kind_at(t) == ChunkKind::Conjunction
            {
                // Compound noun / adjective phrase: noun CONJ adj* noun, adj CONJ adj.
                let ci = self.chunk_of[t] as usize;
                let before = ci.checked_sub(1).map(|p| self.chunks[p].kind);
                let mut k = ci + 1;
                while k < self.chunks.len() && self.chunks[k].kind == ChunkKind::Adjective {
                    k += 1;
                }
                let after = self.chunks.get(k).map(|c| c.kind);
                let noun_pair = before == Some(ChunkKind::Noun) && after == Some(ChunkKind::Noun);
                let adj_pair = before == Some(ChunkKind::Adjective)
                    && self.chunks.get(ci + 1).map(|c| c.kind) == Some(ChunkKind::Adjective);
                if noun_pair || adj_pair {
                    self.in_compound[t] = true;
                    continue;
                }
                if t > start {
                    self.clauses.push((start, t));
                }
                start = t + 1;
            }
        }
        if start < n {
            self.clauses.push((start, n));
        }
    }

    /// Chunk kind of token `t` (for the event assembler).
    /// Tokens where a subordinate clause starts ([`CoderOptions::pos_subordinate_clauses`]): a subordinating
    /// word ([`SUBORDINATORS`]) the tagger reads as one (IN/WRB), with a finite verb (VBD VBZ VBP MD) both
    /// between the previous clause break and it and between it and the next break (comma or end). The tagger runs
    /// only on sentences that have such a word with a dictionary verb on either side of it: without one on each
    /// side the split gives no second event (it would only bound the first clause), and tagging every sentence
    /// with a subordinating word cost a tenth of the coding time.
    fn subordinate_clause_starts(&mut self, text: &str) -> Vec<usize> {
        let n = self.toks.len();
        let is_verb =
            |a: &Analysis, t: usize| a.active[t] && matches!(a.kind_at(t), ChunkKind::Verb(_));
        let (Some(first_verb), Some(last_verb)) = (
            (0..n).find(|&t| is_verb(self, t)),
            (0..n).rev().find(|&t| is_verb(self, t)),
        ) else {
            return Vec::new();
        };
        let candidate = |a: &Analysis, t: usize| {
            first_verb < t
                && t < last_verb
                && a.active[t]
                && a.toks.tokens[t].kind == TokenKind::Word
                && SUBORDINATORS.contains(&a.toks.text(t))
        };
        if !(0..n).any(|t| candidate(self, t)) {
            return Vec::new();
        }
        let tags = self.part_of_speech(text).to_vec();
        let brk = |a: &Analysis, t: usize| {
            a.toks.tokens[t].kind == TokenKind::Comma || a.kind_at(t) == ChunkKind::Conjunction
        };
        let mut starts = Vec::new();
        let mut clause_start = 0;
        for t in 0..n {
            if brk(self, t) {
                clause_start = t + 1;
                continue;
            }
            if !candidate(self, t) || !matches!(tags[t], dyad_pos::Tag::IN | dyad_pos::Tag::WRB) {
                continue;
            }
            let finite =
                |r: std::ops::Range<usize>| r.into_iter().any(|k| tags[k].is_finite_verb());
            let end = (t + 1..n).find(|&k| brk(self, k)).unwrap_or(n);
            if finite(clause_start..t) && finite(t + 1..end) {
                starts.push(t);
                clause_start = t + 1;
            }
        }
        starts
    }

    pub fn chunk_kind(&self, t: usize) -> ChunkKind {
        self.kind_at(t)
    }
}

/// Whether `code` is a country with no agent (`HUN`), the kind a following agent distributes over.
fn is_bare_country(code: &str) -> bool {
    code.len() == grammar::COUNTRY_CODE_LEN && code.bytes().all(|b| b.is_ascii_uppercase())
}

/// The agent of a compound's last member when it is one country with one agent (`ROUGOV` → `GOV`).
fn shared_agent(codes: &[String]) -> Option<&str> {
    let [code] = codes else {
        return None;
    };
    let (country, agent) = code.split_at_checked(grammar::COUNTRY_CODE_LEN)?;
    (is_bare_country(country) && country != "IGO" && !agent.is_empty()).then_some(agent)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::OnceLock;

    fn compiled() -> &'static Compiled {
        static C: OnceLock<Compiled> = OnceLock::new();
        C.get_or_init(|| Compiled::build(&dyad_dict::Dictionaries::builtin().0))
    }

    fn analyse(text: &str, o: &CoderOptions) -> Analysis {
        let mut a = Analysis::default();
        a.run(compiled(), o, text, None, None);
        a
    }

    fn visible_codes(a: &Analysis) -> Vec<Vec<String>> {
        a.visible_units().map(|(_, u)| u.codes.clone()).collect()
    }

    #[test]
    fn an_agent_after_a_member_with_a_country_takes_that_country() {
        let a = analyse(
            "Danish media and government warned Syria on Monday.",
            &CoderOptions::default(),
        );
        assert_eq!(visible_codes(&a)[0], ["DNKMED", "DNKGOV"]);
        // The classic readings keep PETRARCH's anonymous actor.
        let a = analyse(
            "Danish media and government warned Syria on Monday.",
            &CoderOptions::petrarch(),
        );
        assert_eq!(visible_codes(&a)[0], ["DNKMED", "---GOV"]);
    }

    #[test]
    fn a_noun_phrase_of_an_actor_is_a_compound_member() {
        let o = CoderOptions::petrarch();
        for text in [
            "Egypt's sheep and goats of Syria warned Israel.",
            "Egypt and the goats of Syria warned Israel.",
        ] {
            let a = analyse(text, &o);
            assert_eq!(visible_codes(&a)[0], ["EGY", "SYR"], "{text}");
        }
        // Not without a conjunction, nor under TABARI's reading.
        let a = analyse("Egypt's goats of Syria warned Israel.", &o);
        assert!(a.visible_units().all(|(_, u)| !u.compound));
        let a = analyse(
            "Egypt and the goats of Syria warned Israel.",
            &CoderOptions::tabari(),
        );
        assert!(a.visible_units().all(|(_, u)| !u.compound));
        // Nor when the phrase after OF only ends in an actor.
        let a = analyse(
            "Traders and analysts in international oil markets estimate OPEC is producing more.",
            &o,
        );
        assert!(a.visible_units().all(|(_, u)| !u.compound));
    }

    #[test]
    fn compounds_need_a_closing_conjunction() {
        for o in [CoderOptions::default(), CoderOptions::tabari()] {
            let a = analyse(
                "Russia, Ukraine and Iran attacked Syria on Monday with guns.",
                &o,
            );
            assert_eq!(visible_codes(&a)[0], ["RUS", "UKR", "IRN"], "{o:?}");
            assert!(a.visible_units().next().is_some_and(|(_, u)| u.compound));
            // Commas only: an apposition, every actor stays on its own.
            let a = analyse(
                "Russia, Ukraine, Iran attacked Syria on Monday with guns.",
                &o,
            );
            assert_eq!(visible_codes(&a).len(), 4);
        }
    }

    #[test]
    fn pronouns_take_the_first_actor_or_the_first_compound() {
        let o = CoderOptions::default();
        let a = analyse(
            "Iran met Russia and Ukraine, and they said it would help.",
            &o,
        );
        let pronouns: Vec<Vec<String>> = a
            .visible_units()
            .filter(|(_, u)| u.pronoun)
            .map(|(_, u)| u.codes.clone())
            .collect();
        assert_eq!(pronouns, [vec!["RUS", "UKR"], vec!["IRN"]]);
    }

    #[test]
    fn a_long_chain_of_actors_parses_in_linear_time() {
        // 'Russia attacked Ukraine and ' × N: quadratic compounds took 30 s on 9 MB; this is 1.4 MB.
        let n = 50_000;
        let text = "Russia attacked Ukraine and ".repeat(n);
        for merge_noun_phrases in [true, false] {
            let o = CoderOptions {
                max_sentence_tokens: usize::MAX,
                merge_noun_phrases,
                ..CoderOptions::default()
            };
            let a = analyse(&text, &o);
            assert_eq!(a.truncated, None);
            assert_eq!(a.toks.len(), 4 * n);
            let compounds = a.visible_units().filter(|(_, u)| u.compound).count();
            assert_eq!(compounds, n - 1, "Ukraine and Russia, each time");
        }
        // Commas only, and pronouns everywhere.
        let text = "Russia, Ukraine, he, they, ".repeat(n);
        let o = CoderOptions {
            max_sentence_tokens: usize::MAX,
            ..CoderOptions::default()
        };
        let a = analyse(&text, &o);
        assert_eq!(a.visible_units().filter(|(_, u)| u.compound).count(), 0);
        assert_eq!(a.visible_units().filter(|(_, u)| u.pronoun).count(), 2 * n);
    }

    #[test]
    fn a_sentence_over_the_token_limit_is_cut_at_a_clause_and_says_so() {
        let o = CoderOptions {
            max_sentence_tokens: 100,
            ..CoderOptions::default()
        };
        // 8 tokens per piece: the limit falls inside the 13th piece; the last comma before it is token 95.
        let piece = "Russia attacked Ukraine near the border town, ";
        let text = piece.repeat(40);
        let a = analyse(&text, &o);
        let cut = a.truncated.expect("truncated");
        assert_eq!(cut.tokens, 95);
        assert_eq!(a.toks.len(), cut.tokens);
        assert_eq!(&text[cut.coded_bytes..cut.coded_bytes + 1], ",");
        // No clause punctuation near the limit: cut at the limit itself.
        let text = "Russia attacked Ukraine ".repeat(40);
        let a = analyse(&text, &o);
        let cut = a.truncated.expect("truncated");
        assert_eq!((cut.tokens, a.toks.len()), (100, 100));
        assert_eq!(cut.coded_bytes, text.len() / 40 * 33 + "Russia ".len());
        // Within the limit: nothing said.
        let a = analyse("Russia attacked Ukraine.", &o);
        assert_eq!(a.truncated, None);
    }

    #[test]
    fn agent_codes_are_not_doubled() {
        assert_eq!(with_agent("ISR", "GOV", false), "ISRGOV");
        assert_eq!(with_agent("LKAREB", "REB", false), "LKAREB");
        assert_eq!(with_agent("AREBKK", "REB", false), "AREBKKREB");
        assert_eq!(with_agent("ISR", "NGO", true), "NGOISR");
    }

    #[test]
    fn a_verb_word_the_tagger_reads_as_a_noun_is_no_verb_when_asked() {
        let text = "Iraqi support for the rebels threatened Iran.";
        let o = CoderOptions {
            pos_nouns_not_verbs: true,
            ..CoderOptions::default()
        };
        let mut a = analyse(text, &o);
        let support = (0..a.toks.len()).find(|&t| a.text(t) == "SUPPORT").unwrap();
        assert_eq!(a.part_of_speech(text)[support], dyad_pos::Tag::NN);
        assert!(!matches!(a.chunk_kind(support), ChunkKind::Verb(_)));
        assert!((0..a.toks.len()).any(|t| matches!(a.chunk_kind(t), ChunkKind::Verb(_))));
        // Off (every preset), the tagger is never run.
        assert!(analyse(text, &CoderOptions::default()).pos.is_empty());
    }

    #[test]
    fn a_subordinator_between_two_finite_verbs_starts_a_clause() {
        let o = CoderOptions::default();
        assert!(o.pos_subordinate_clauses && !CoderOptions::tabari().pos_subordinate_clauses);
        let text = "Iraqi troops shelled Basra after Iranian forces attacked the town.";
        let a = analyse(text, &o);
        let after = (0..a.toks.len()).find(|&t| a.text(t) == "AFTER").unwrap();
        assert_eq!(a.clauses, [(0, after), (after + 1, a.toks.len())]);
        // No finite verb after it: one clause, and off it is one clause too.
        assert_eq!(
            analyse("Iraqi troops shelled Basra after the talks.", &o)
                .clauses
                .len(),
            1
        );
        let off = CoderOptions {
            pos_subordinate_clauses: false,
            ..o
        };
        assert_eq!(analyse(text, &off).clauses.len(), 1);
        assert!(analyse(text, &off).pos.is_empty());
    }
}
