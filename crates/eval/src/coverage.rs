//! How much of a corpus a coder's dictionaries reach, and how far two coders agree on the same sentences.
//!
//! [`coverage`] codes every document the way the pipeline does ([`Coder::code_document`]) and reads the coder's
//! own trace of each sentence ([`Coder::explain`]: the word types it assigned and the actor units it built) to
//! count sentences with an actor and with an event, events per CAMEO root, and what the dictionaries missed:
//!
//! - **uncoded verb candidates**, in sentences that produced no event: the first lower-case word after an actor's
//!   noun phrase (optionally after an auxiliary and an `-ly` adverb) that the verb dictionary did not type as a
//!   verb, when it looks like a verb: it follows an auxiliary ("has imposed", "will impose", "to impose"), or a
//!   form of "be" and ends in `-ed`/`-ing` ("was expelled"), or it ends in `-ed` and is not hyphenated onto the
//!   actor ("U.S.-based"), or it ends in a third-person `-s` and an object follows at once (a determiner, pronoun, actor or agent: "Japan urges the U.S."), which keeps
//!   out most plural nouns ("U.S. bonds rose"). A heuristic: participles used as adjectives and nouns after an
//!   adjectival actor still slip in, so the list is a worklist for a dictionary author, not a measurement;
//! - **dictionary verbs that coded nothing**: verbs the dictionary knows, in sentences with an actor and no event
//!   (no pattern matched, or the verb has no code of its own);
//! - **unknown capitalised names**: runs of capitalised words that no actor or agent entry matched (the sentence's
//!   first word only as part of a longer run; sentences written all in capitals carry no such information and are
//!   skipped), with company names ("Texaco Inc") in a list of their own.
//!
//! Reading the trace ties this module to the layout of [`Coder::explain`]; a sentence whose trace does not line up
//! with the tokenizer's tokens is counted as unparsed rather than guessed at.
//!
//! [`agreement`] codes the same documents with two coders and compares them sentence by sentence.
//!
//! Both run on the current rayon pool, one document per task, and merge in input order; every list is sorted
//! (count descending, then text ascending), so the reports are identical for any number of threads.

use dyad_coding::text::{TokenKind, Tokens};
use dyad_coding::Coder;
use dyad_dict::cameo::CameoTable;
use dyad_model::{Document, Event};
use rayon::prelude::*;
use std::collections::{BTreeMap, HashMap};
use std::fmt;

/// Past-tense ending of a lower-case word after an actor that makes it look like a verb.
const PAST_ENDING: &str = "ED";
/// Third-person ending; such a word counts only when an object follows it.
const THIRD_PERSON_ENDING: &str = "S";
/// Endings of `-s` words that are not third-person verbs ("across", "thus", "basis", "crisis").
const NOT_VERB_S_ENDINGS: &[&str] = &["SS", "US", "IS", "YS"];
/// Auxiliaries and modals that may come between an actor and its verb; the word after one is a verb in any form.
const AUXILIARIES: &[&str] = &[
    "HAS", "HAVE", "HAD", "WILL", "WOULD", "SHALL", "SHOULD", "MAY", "MIGHT", "CAN", "COULD",
    "MUST", "DID", "DOES", "DO", "TO",
];
/// Forms of "be": the word after one is a verb only as a participle ("was expelled", "is sending"), not an
/// adjective ("is available").
const COPULAS: &[&str] = &["IS", "ARE", "WAS", "WERE", "BE", "BEEN", "BEING"];
/// Participle endings required after a copula.
const PARTICIPLE_ENDINGS: &[&str] = &["ED", "ING"];
/// Last words that make an unknown name a company's ("Texaco Inc"); such names are listed apart, since a political
/// actor dictionary rarely wants them.
const COMPANY_SUFFIXES: &[&str] = &[
    "CORP",
    "CORPORATION",
    "INC",
    "INCORPORATED",
    "CO",
    "COMPANY",
    "LTD",
    "LIMITED",
    "PLC",
    "AG",
    "SA",
    "NV",
    "BV",
    "SPA",
    "GMBH",
    "HOLDINGS",
    "GROUP",
    "BANCORP",
    "LP",
];
/// Shortest candidate verb, in letters ("is", "as" and their kind are not verbs a dictionary lacks).
const MIN_VERB_LETTERS: usize = 3;
/// Shortest unknown name, in bytes (single letters are initials and list markers).
const MIN_NAME_LEN: usize = 2;
/// Capitalised words that are never actors: calendar words (month names and abbreviations, weekday names), which
/// otherwise fill the top of the names list.
fn is_calendar_word(word: &str) -> bool {
    dyad_model::date::month_from_name(word).is_some()
        || dyad_model::date::WEEKDAY_NAMES
            .iter()
            .any(|d| d.eq_ignore_ascii_case(word))
}

/// The word type the coder gave a token, as its trace writes it.
#[derive(Debug, Clone, PartialEq, Eq)]
enum WordType {
    Actor,
    Agent,
    /// A dictionary verb, with its code as the trace writes it (`---` for none).
    Verb,
    /// Noun, adjective and "other": open-class words no dictionary entry claimed.
    Open,
    /// Determiners and pronouns: the start of an object noun phrase.
    Determiner,
    /// Conjunctions, negations, breakers, commas.
    Closed,
}

/// One sentence as the coder saw it: tokens from the tokenizer, types and units from the trace.
struct SentenceView<'t> {
    text: &'t str,
    tokens: Tokens,
    types: Vec<WordType>,
    /// Actor units the parse built (actors, agent-only phrases, pronouns resolved inside the sentence).
    units: usize,
}

/// What the coder's trace of a sentence says.
enum Trace<'t> {
    Parsed(SentenceView<'t>),
    /// The coder stopped before typing words: a discard phrase matched, or the sentence is too short.
    Halted,
    /// The trace does not line up with the tokenizer's tokens.
    Unreadable,
}

/// Reads the `tokens:`, `halt:` and `unit` lines of [`Coder::explain`].
fn read_trace<'t>(trace: &str, text: &'t str, tokens: Tokens) -> Trace<'t> {
    match read_typed_trace(trace, text, tokens) {
        Some(v) => Trace::Parsed(v),
        None if trace.lines().any(|l| l.starts_with("halt:")) => Trace::Halted,
        None => Trace::Unreadable,
    }
}

/// The typed tokens of a trace; `None` when they do not line up with `tokens`.
fn read_typed_trace<'t>(trace: &str, text: &'t str, tokens: Tokens) -> Option<SentenceView<'t>> {
    let mut types = Vec::with_capacity(tokens.len());
    let mut units = 0;
    let mut saw_tokens = false;
    for line in trace.lines() {
        if let Some(chunks) = line.strip_prefix("tokens:") {
            saw_tokens = true;
            // Chunks are ` [WORD WORD|tag]`, with `~` before a chunk inside an eliminated clause. Token text
            // never holds `|`, `[` or `]` (the tokenizer keeps only letters, digits, `.`, `'` and `&`).
            let mut rest = chunks;
            while let Some(open) = rest.find('[') {
                let close = open + rest[open..].find(']')?;
                let (words, tag) = rest[open + 1..close].split_once('|')?;
                let kind = if tag.starts_with("actor=") {
                    WordType::Actor
                } else if tag.starts_with("agent=") {
                    WordType::Agent
                } else if tag.starts_with("verb=") {
                    WordType::Verb
                } else if matches!(tag, "noun" | "adjective" | "other") {
                    WordType::Open
                } else if matches!(tag, "determiner" | "pronoun") {
                    WordType::Determiner
                } else {
                    WordType::Closed
                };
                let n = words.split(' ').filter(|w| !w.is_empty()).count();
                types.extend(std::iter::repeat_n(kind, n));
                rest = &rest[close + 1..];
            }
        } else if line.starts_with("unit ") {
            units += 1;
        }
    }
    (saw_tokens && types.len() == tokens.len()).then_some(SentenceView {
        text,
        tokens,
        types,
        units,
    })
}

fn is_word(v: &SentenceView, i: usize) -> bool {
    v.tokens.tokens[i].kind == TokenKind::Word
}

/// Whether token `i` is joined to the token before it by a hyphen ("U.S.-based", "state-owned").
fn hyphenated(v: &SentenceView, i: usize) -> bool {
    i > 0 && {
        let (prev, cur) = (&v.tokens.tokens[i - 1], &v.tokens.tokens[i]);
        v.text.get(prev.end as usize..cur.start as usize) == Some("-")
    }
}

/// Whether word `j`, right after an actor's noun phrase, looks like a finite verb by its form and what follows.
fn looks_finite(v: &SentenceView, j: usize) -> bool {
    let w = v.tokens.text(j);
    if w.ends_with(PAST_ENDING) {
        return !hyphenated(v, j);
    }
    let object_follows = v
        .types
        .get(j + 1)
        .is_some_and(|t| matches!(t, WordType::Determiner | WordType::Actor | WordType::Agent));
    w.ends_with(THIRD_PERSON_ENDING)
        && !NOT_VERB_S_ENDINGS.iter().any(|e| w.ends_with(e))
        && object_follows
}

/// Lower-case verb-looking words right after an actor's noun phrase that the verb dictionary did not type.
fn uncoded_verb_candidates(v: &SentenceView, out: &mut HashMap<String, usize>) {
    let n = v.tokens.len();
    let mut i = 0;
    while i < n {
        if !matches!(v.types[i], WordType::Actor | WordType::Agent) {
            i += 1;
            continue;
        }
        // The noun phrase goes on over actor/agent words and capitalised words ("U.S. Agriculture Department").
        let mut j = i + 1;
        while j < n
            && is_word(v, j)
            && !v.tokens.tokens[j - 1].possessive
            && (matches!(v.types[j], WordType::Actor | WordType::Agent)
                || v.tokens.tokens[j].capitalized)
        {
            j += 1;
        }
        let next_start = j;
        // Up to two auxiliaries, copulas or negations: "has been", "would not", "is to".
        let mut after_auxiliary = false;
        let mut after_copula = false;
        for _ in 0..2 {
            let Some(w) = (j < n && is_word(v, j)).then(|| v.tokens.text(j)) else {
                break;
            };
            if AUXILIARIES.contains(&w) || (after_auxiliary && w == "NOT") {
                after_auxiliary = true;
                after_copula = false;
            } else if COPULAS.contains(&w) {
                after_copula = true;
            } else {
                break;
            }
            j += 1;
        }
        if j < n && is_word(v, j) && v.tokens.text(j).ends_with("LY") {
            j += 1;
        }
        if j < n && is_word(v, j) && v.types[j] == WordType::Open && !v.tokens.tokens[j].capitalized
        {
            let w = v.tokens.text(j);
            let letters = w.bytes().all(|b| b.is_ascii_alphabetic());
            if letters
                && w.len() >= MIN_VERB_LETTERS
                && if after_copula {
                    PARTICIPLE_ENDINGS.iter().any(|e| w.ends_with(e))
                } else {
                    after_auxiliary || looks_finite(v, j)
                }
                && !v.tokens.tokens[j].possessive
            {
                *out.entry(w.to_string()).or_default() += 1;
            }
        }
        i = next_start.max(i + 1);
    }
}

/// Dictionary verbs of a sentence, phrase by phrase ("CALLED FOR" is one).
fn dictionary_verbs(v: &SentenceView, out: &mut HashMap<String, usize>) {
    let mut i = 0;
    while i < v.types.len() {
        if v.types[i] != WordType::Verb {
            i += 1;
            continue;
        }
        let start = i;
        while i < v.types.len() && v.types[i] == WordType::Verb {
            i += 1;
        }
        let phrase: Vec<&str> = (start..i).map(|t| v.tokens.text(t)).collect();
        *out.entry(phrase.join(" ")).or_default() += 1;
    }
}

/// Runs of capitalised words that no actor or agent entry matched, split into company names (ending in a
/// [`COMPANY_SUFFIXES`] word) and others. The sentence's first word is capitalised anyway, so it counts only as the
/// start of a longer run ("Texaco Inc said").
fn unknown_names(
    v: &SentenceView,
    names: &mut HashMap<String, usize>,
    companies: &mut HashMap<String, usize>,
) {
    if v.tokens.all_caps {
        return;
    }
    let first_word = (0..v.tokens.len()).find(|&i| is_word(v, i));
    let unknown = |i: usize| {
        is_word(v, i)
            && v.tokens.tokens[i].capitalized
            && v.types[i] == WordType::Open
            && !is_calendar_word(v.tokens.text(i))
    };
    let mut i = 0;
    while i < v.tokens.len() {
        if !unknown(i) {
            i += 1;
            continue;
        }
        let start = i;
        i += 1;
        // A possessive ends the name: "Lavrov's deputy".
        while i < v.tokens.len() && unknown(i) && !v.tokens.tokens[i - 1].possessive {
            i += 1;
        }
        if Some(start) == first_word && i - start == 1 {
            continue;
        }
        let words: Vec<&str> = (start..i).map(|t| v.tokens.text(t)).collect();
        let name = words.join(" ");
        if name.len() < MIN_NAME_LEN {
            continue;
        }
        let company = words.last().is_some_and(|w| COMPANY_SUFFIXES.contains(w));
        let list = if company {
            &mut *companies
        } else {
            &mut *names
        };
        *list.entry(name).or_default() += 1;
    }
}

/// What one document contributes to a [`CoverageReport`].
#[derive(Default)]
struct DocumentCoverage {
    sentences: usize,
    with_actor: usize,
    with_event: usize,
    event_without_actor: usize,
    halted: usize,
    unparsed: usize,
    events: usize,
    by_root: BTreeMap<String, usize>,
    uncoded_verbs: HashMap<String, usize>,
    idle_verbs: HashMap<String, usize>,
    names: HashMap<String, usize>,
    companies: HashMap<String, usize>,
}

fn document_coverage(coder: &Coder, doc: &Document) -> DocumentCoverage {
    let mut c = DocumentCoverage {
        sentences: doc.sentences.len(),
        ..DocumentCoverage::default()
    };
    let events = coder.code_document(doc);
    c.events = events.len();
    let mut events_in = vec![0usize; doc.sentences.len()];
    for e in &events {
        *c.by_root.entry(root_of(e).to_string()).or_default() += 1;
        if let Some(n) = events_in.get_mut(e.sentence as usize) {
            *n += 1;
        }
    }
    let date = doc.metadata.date.as_deref();
    for (sentence, &n_events) in doc.sentences.iter().zip(&events_in) {
        let text = doc.slice(sentence.span);
        let mut tokens = Tokens::default();
        tokens.fill(text);
        let view = match read_trace(&coder.explain(text, date), text, tokens) {
            Trace::Parsed(view) => view,
            other => {
                match other {
                    Trace::Halted => c.halted += 1,
                    _ => c.unparsed += 1,
                }
                c.with_event += usize::from(n_events > 0);
                continue;
            }
        };
        let has_actor = view.units > 0;
        c.with_actor += usize::from(has_actor);
        if n_events > 0 {
            c.with_event += 1;
            c.event_without_actor += usize::from(!has_actor);
        } else {
            uncoded_verb_candidates(&view, &mut c.uncoded_verbs);
            if has_actor {
                dictionary_verbs(&view, &mut c.idle_verbs);
            }
        }
        unknown_names(&view, &mut c.names, &mut c.companies);
    }
    c
}

/// The two-digit root of an event's code (its own field, else the code's first two characters).
fn root_of(e: &Event) -> &str {
    if e.root.is_empty() {
        e.cameo.get(..2).unwrap_or(&e.cameo)
    } else {
        &e.root
    }
}

/// The `top` most frequent entries: count descending, then text ascending.
fn top_entries(counts: HashMap<String, usize>, top: usize) -> Vec<(String, usize)> {
    let mut v: Vec<(String, usize)> = counts.into_iter().collect();
    v.sort_unstable_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    v.truncate(top);
    v
}

fn merge_counts(into: &mut HashMap<String, usize>, from: HashMap<String, usize>) {
    for (k, n) in from {
        *into.entry(k).or_default() += n;
    }
}

/// How much of a corpus a coder reaches. Lists are sorted by count (descending), then text.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CoverageReport {
    pub documents: usize,
    pub sentences: usize,
    /// Sentences whose parse built at least one actor unit (an actor, an agent-only phrase such as "police", or a
    /// pronoun resolved inside the sentence).
    pub sentences_with_actor: usize,
    /// Sentences with at least one event from [`Coder::code_document`].
    pub sentences_with_event: usize,
    /// Of those, sentences with no actor unit of their own: a pronoun took its actor from an earlier sentence.
    pub sentences_with_event_without_actor: usize,
    /// Sentences the coder set aside before typing words: a discard phrase matched (financial tables, sports
    /// results) or too few words. They count as having no actor and feed no list.
    pub halted_sentences: usize,
    /// Sentences whose trace did not line up with the tokenizer (excluded from the actor count and the lists).
    pub unparsed_sentences: usize,
    pub events: usize,
    /// Events per two-digit CAMEO root, in root order.
    pub events_by_root: Vec<(String, usize)>,
    /// Verb-looking words after an actor that the verb dictionary did not type, in sentences with no event.
    pub uncoded_verbs: Vec<(String, usize)>,
    /// Dictionary verb phrases in sentences with an actor and no event.
    pub idle_dictionary_verbs: Vec<(String, usize)>,
    /// Capitalised word runs no actor or agent entry matched, company names aside.
    pub unknown_names: Vec<(String, usize)>,
    /// Unknown names ending in a company suffix ("TEXACO INC").
    pub unknown_companies: Vec<(String, usize)>,
}

/// Codes `docs` with `coder` and reports coverage, with the `top` most frequent entries of each list.
///
/// ```no_run
/// use dyad_eval::coverage::coverage;
/// let (dicts, _) = dyad_dict::Dictionaries::builtin();
/// let coder = dyad_coding::Coder::new(&dicts);
/// let docs: Vec<dyad_model::Document> = Vec::new();
/// println!("{}", coverage(&coder, &docs, 30));
/// ```
pub fn coverage(coder: &Coder, docs: &[Document], top: usize) -> CoverageReport {
    let parts: Vec<DocumentCoverage> = docs
        .par_iter()
        .map(|d| document_coverage(coder, d))
        .collect();
    let mut report = CoverageReport {
        documents: docs.len(),
        ..CoverageReport::default()
    };
    let mut by_root: BTreeMap<String, usize> = BTreeMap::new();
    let (mut verbs, mut idle) = (HashMap::new(), HashMap::new());
    let (mut names, mut companies) = (HashMap::new(), HashMap::new());
    for p in parts {
        report.sentences += p.sentences;
        report.sentences_with_actor += p.with_actor;
        report.sentences_with_event += p.with_event;
        report.sentences_with_event_without_actor += p.event_without_actor;
        report.halted_sentences += p.halted;
        report.unparsed_sentences += p.unparsed;
        report.events += p.events;
        for (root, n) in p.by_root {
            *by_root.entry(root).or_default() += n;
        }
        merge_counts(&mut verbs, p.uncoded_verbs);
        merge_counts(&mut idle, p.idle_verbs);
        merge_counts(&mut names, p.names);
        merge_counts(&mut companies, p.companies);
    }
    report.events_by_root = by_root.into_iter().collect();
    report.uncoded_verbs = top_entries(verbs, top);
    report.idle_dictionary_verbs = top_entries(idle, top);
    report.unknown_names = top_entries(names, top);
    report.unknown_companies = top_entries(companies, top);
    report
}

/// `part / whole` as a percentage, 0 for an empty whole.
fn percent(part: usize, whole: usize) -> f64 {
    if whole == 0 {
        0.0
    } else {
        100.0 * part as f64 / whole as f64
    }
}

fn write_list(f: &mut fmt::Formatter<'_>, title: &str, list: &[(String, usize)]) -> fmt::Result {
    writeln!(f, "{title}:")?;
    for (i, (text, n)) in list.iter().enumerate() {
        writeln!(f, "  {:>3}. {n:>7}  {text}", i + 1)?;
    }
    Ok(())
}

impl fmt::Display for CoverageReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let s = self.sentences;
        writeln!(f, "coverage: {} documents, {} sentences", self.documents, s)?;
        writeln!(
            f,
            "  sentences with an actor: {:>8} ({:.1}%)",
            self.sentences_with_actor,
            percent(self.sentences_with_actor, s)
        )?;
        writeln!(
            f,
            "  sentences with an event: {:>8} ({:.1}%), of which {} through an earlier sentence's actor",
            self.sentences_with_event,
            percent(self.sentences_with_event, s),
            self.sentences_with_event_without_actor
        )?;
        writeln!(
            f,
            "  events: {} ({:.3} per sentence); set aside by discards or length: {}; unreadable traces: {}",
            self.events,
            if s == 0 {
                0.0
            } else {
                self.events as f64 / s as f64
            },
            self.halted_sentences,
            self.unparsed_sentences
        )?;
        writeln!(f, "events by CAMEO root:")?;
        let table = CameoTable::builtin();
        for (root, n) in &self.events_by_root {
            let name = table.get(root).map_or("", |c| c.name.as_str());
            writeln!(
                f,
                "  {root:<3} {n:>7} ({:>5.1}%)  {name}",
                percent(*n, self.events)
            )?;
        }
        write_list(
            f,
            "uncoded verb candidates (word after an actor, sentences with no event)",
            &self.uncoded_verbs,
        )?;
        write_list(
            f,
            "dictionary verbs that coded nothing (sentences with an actor and no event)",
            &self.idle_dictionary_verbs,
        )?;
        write_list(
            f,
            "unknown capitalised names (no actor or agent entry)",
            &self.unknown_names,
        )?;
        write_list(
            f,
            "unknown company names (ending in Corp, Inc, Co, Ltd ...)",
            &self.unknown_companies,
        )
    }
}

/// Two coders on the same sentences. "Both" counts are over sentences where each coder coded an event.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct AgreementReport {
    /// Names printed for the two coders (default `A` and `B`).
    pub label_a: String,
    pub label_b: String,
    pub sentences: usize,
    pub events_a: usize,
    pub events_b: usize,
    pub sentences_with_event_a: usize,
    pub sentences_with_event_b: usize,
    /// Sentences where both coders coded at least one event.
    pub both: usize,
    /// Sentences where exactly one coder coded an event.
    pub only_one: usize,
    /// Of `both`: sentences where the coders share an identical (source, target, code) event.
    pub same_triple: usize,
    /// Of `both`: sentences where the coders share an event root (`01`–`20`), actors aside.
    pub same_root: usize,
    /// Of `both`: sentences where the coders share a (source, target) pair, code aside.
    pub same_dyad: usize,
}

/// What one document contributes to an [`AgreementReport`].
#[derive(Default)]
struct DocumentAgreement {
    sentences: usize,
    events: [usize; 2],
    with_event: [usize; 2],
    both: usize,
    only_one: usize,
    same_triple: usize,
    same_root: usize,
    same_dyad: usize,
}

fn by_sentence(events: &[Event], sentences: usize) -> Vec<Vec<&Event>> {
    let mut v: Vec<Vec<&Event>> = vec![Vec::new(); sentences];
    for e in events {
        if let Some(s) = v.get_mut(e.sentence as usize) {
            s.push(e);
        }
    }
    v
}

fn document_agreement(a: &Coder, b: &Coder, doc: &Document) -> DocumentAgreement {
    let n = doc.sentences.len();
    let (ea, eb) = (a.code_document(doc), b.code_document(doc));
    let mut d = DocumentAgreement {
        sentences: n,
        events: [ea.len(), eb.len()],
        ..DocumentAgreement::default()
    };
    for (sa, sb) in by_sentence(&ea, n).iter().zip(by_sentence(&eb, n).iter()) {
        d.with_event[0] += usize::from(!sa.is_empty());
        d.with_event[1] += usize::from(!sb.is_empty());
        match (sa.is_empty(), sb.is_empty()) {
            (false, false) => {}
            (true, true) => continue,
            _ => {
                d.only_one += 1;
                continue;
            }
        }
        d.both += 1;
        let shared = |same: &dyn Fn(&Event, &Event) -> bool| {
            sa.iter().any(|x| sb.iter().any(|y| same(x, y)))
        };
        d.same_triple += usize::from(shared(&|x, y| {
            x.source == y.source && x.target == y.target && x.cameo == y.cameo
        }));
        d.same_root += usize::from(shared(&|x, y| root_of(x) == root_of(y)));
        d.same_dyad += usize::from(shared(&|x, y| x.source == y.source && x.target == y.target));
    }
    d
}

/// Codes `docs` with both coders and compares their events sentence by sentence.
pub fn agreement(a: &Coder, b: &Coder, docs: &[Document]) -> AgreementReport {
    let parts: Vec<DocumentAgreement> = docs
        .par_iter()
        .map(|d| document_agreement(a, b, d))
        .collect();
    let mut r = AgreementReport {
        label_a: "A".into(),
        label_b: "B".into(),
        ..AgreementReport::default()
    };
    for p in parts {
        r.sentences += p.sentences;
        r.events_a += p.events[0];
        r.events_b += p.events[1];
        r.sentences_with_event_a += p.with_event[0];
        r.sentences_with_event_b += p.with_event[1];
        r.both += p.both;
        r.only_one += p.only_one;
        r.same_triple += p.same_triple;
        r.same_root += p.same_root;
        r.same_dyad += p.same_dyad;
    }
    r
}

impl AgreementReport {
    /// The same report with the coders named.
    pub fn labeled(mut self, a: &str, b: &str) -> AgreementReport {
        self.label_a = a.to_string();
        self.label_b = b.to_string();
        self
    }
}

impl fmt::Display for AgreementReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let s = self.sentences;
        let per = |n: usize| if s == 0 { 0.0 } else { n as f64 / s as f64 };
        writeln!(
            f,
            "agreement {} vs {}: {} sentences",
            self.label_a, self.label_b, s
        )?;
        for (label, events, with) in [
            (&self.label_a, self.events_a, self.sentences_with_event_a),
            (&self.label_b, self.events_b, self.sentences_with_event_b),
        ] {
            writeln!(
                f,
                "  {label}: {events} events ({:.3} per sentence), {with} sentences with an event ({:.1}%)",
                per(events),
                percent(with, s)
            )?;
        }
        writeln!(
            f,
            "  both code an event: {} sentences ({:.1}% of all, {:.1}% of those either codes); only one: {}",
            self.both,
            percent(self.both, s),
            percent(self.both, self.both + self.only_one),
            self.only_one
        )?;
        writeln!(f, "  where both code an event, a shared:")?;
        for (what, n) in [
            ("(source, target, code)", self.same_triple),
            ("root", self.same_root),
            ("(source, target)", self.same_dyad),
        ] {
            writeln!(f, "    {what:<24} {n:>7} ({:.1}%)", percent(n, self.both))?;
        }
        Ok(())
    }
}
