//! Dictionaries compiled once for matching: phrase indexes for actors, agents, verbs, nouns, adjectives and
//! discards; verb patterns flattened and sorted longest first; a rule table for evidence.

use crate::lexicon::{LexWord, PhraseIndex, Vocabulary};
use crate::pattern::{flatten, split_at_verb, FlatPattern, PatKind};
use dyad_dict::{
    AgentPlacement, DateRestriction, Dialect, Dictionaries, DiscardScope, EventCode, Phrase,
    SourceLoc,
};
use dyad_model::RuleRef;
use std::collections::HashMap;

/// An actor entry's codes, in dictionary order.
#[derive(Debug, Clone)]
pub struct ActorCodes {
    pub codes: Vec<(Box<str>, DateRestriction)>,
    pub rule: u32,
}

impl ActorCodes {
    /// The code on `date` (TABARI §6.5.2): first restricted code that admits it, else the default. `None` = null.
    /// Without a date: the default code, else the first.
    pub fn resolve(&self, date: Option<dyad_dict::Date>) -> Option<&str> {
        let default = || self.codes.iter().find(|c| c.1 == DateRestriction::Default);
        let chosen = match date {
            Some(d) => self.codes.iter().find(|c| c.1.admits(d)).or_else(default),
            None => default().or_else(|| self.codes.first()),
        }?;
        (&*chosen.0 != "---").then_some(&*chosen.0)
    }
}

#[derive(Debug, Clone)]
pub struct AgentInfo {
    pub code: Box<str>,
    pub prefix: bool,
    pub rule: u32,
}

#[derive(Debug, Clone)]
pub struct VerbInfo {
    /// The verb word as written in the dictionary (its base form).
    pub root: Box<str>,
    pub block: u32,
    pub code: Option<EventCode>,
    pub rule: u32,
}

#[derive(Debug, Clone, Copy)]
pub struct DiscardInfo {
    pub story: bool,
    /// A TABARI `<TIME>` phrase coded `[+++]`: the sentence is too complex rather than discarded.
    pub complex: bool,
    pub rule: u32,
}

/// Verb patterns indexed by an anchor word each must find in the clause, so a verb with thousands of patterns
/// tries only the few whose anchor is present.
#[derive(Debug, Default, Clone)]
pub struct PatternIndex {
    /// (block, anchor word id) → range in `ids`.
    anchored: crate::lexicon::FxMap<u64, (u32, u32)>,
    ids: Vec<u32>,
    /// Per block: patterns with no whole literal word (only stems or actor tokens), always tried.
    pub free: Vec<Vec<u32>>,
}

impl PatternIndex {
    fn new(blocks: &[Vec<FlatPattern>], vocab: &mut Vocabulary) -> PatternIndex {
        let mut idx = PatternIndex::default();
        let mut pairs: Vec<(u64, u32)> = Vec::new();
        for (b, pats) in blocks.iter().enumerate() {
            let mut free = Vec::new();
            for (i, p) in pats.iter().enumerate() {
                let anchor = p
                    .pre
                    .iter()
                    .chain(&p.post)
                    .filter_map(|e| match &e.kind {
                        PatKind::Word(w) if !w.stem => Some(w),
                        _ => None,
                    })
                    .max_by_key(|w| w.text.len());
                match anchor {
                    Some(w) => {
                        let wid = vocab.intern(&w.text, false);
                        pairs.push(((b as u64) << 32 | wid as u64, i as u32));
                    }
                    None => free.push(i as u32),
                }
            }
            idx.free.push(free);
        }
        pairs.sort_unstable();
        let mut k = 0;
        while k < pairs.len() {
            let key = pairs[k].0;
            let start = idx.ids.len() as u32;
            while k < pairs.len() && pairs[k].0 == key {
                idx.ids.push(pairs[k].1);
                k += 1;
            }
            idx.anchored.insert(key, (start, idx.ids.len() as u32));
        }
        idx
    }

    /// Adds to `out` the patterns of `block` anchored on one of the word ids.
    pub fn candidates_for(&self, block: u32, word_ids: &[u32], out: &mut Vec<u32>) {
        for &w in word_ids {
            if let Some(&(a, b)) = self.anchored.get(&((block as u64) << 32 | w as u64)) {
                out.extend_from_slice(&self.ids[a as usize..b as usize]);
            }
        }
    }
}

/// Everything the coder matches against, built once.
#[derive(Debug, Default)]
pub struct Compiled {
    pub actor_dialect: Option<Dialect>,
    pub verb_dialect: Option<Dialect>,
    pub actors: PhraseIndex<u32>,
    pub actor_codes: Vec<ActorCodes>,
    pub agents: PhraseIndex<AgentInfo>,
    pub verbs: PhraseIndex<VerbInfo>,
    /// Per verb block: its patterns, longest first.
    pub block_patterns: Vec<Vec<FlatPattern>>,
    /// Which patterns can match given the words of a clause.
    pub pattern_index: PatternIndex,
    /// Every word the indexes key on.
    pub vocab: Vocabulary,
    pub nouns: PhraseIndex<()>,
    pub adjectives: PhraseIndex<()>,
    pub discards: PhraseIndex<DiscardInfo>,
    pub rules: Vec<RuleRef>,
}

fn rule(rules: &mut Vec<RuleRef>, loc: &SourceLoc, text: String) -> u32 {
    rules.push(RuleRef {
        file: loc.file.to_string(),
        line: loc.line,
        text,
    });
    (rules.len() - 1) as u32
}

fn phrase_words(p: &Phrase, dialect: Dialect) -> Vec<LexWord> {
    let mut out = Vec::with_capacity(p.words.len());
    for w in &p.words {
        // A hyphen in a dictionary word is a word break in text (TABARI 0.7.3+ reads `-` as `_`).
        let mut parts: Vec<&str> = Vec::new();
        for piece in w.word.text.split('-').filter(|s| !s.is_empty()) {
            match crate::lexicon::split_contraction(piece) {
                Some((a, b)) => parts.extend([a, b]),
                None => parts.push(piece),
            }
        }
        let n = parts.len();
        for (i, part) in parts.into_iter().enumerate() {
            let last = i + 1 == n;
            out.push(LexWord {
                text: part.into(),
                stem: last && !w.word.exact && dialect == Dialect::Tabari,
                endings: !w.word.no_endings,
                adjacent_next: if last { w.adjacent_next } else { true },
            });
        }
    }
    out
}

/// Renders a code as written in a dictionary.
pub fn code_text(c: &EventCode) -> String {
    let mut s = c.primary.as_str().to_string();
    if let Some(p) = &c.paired {
        s.push(':');
        s.push_str(p.as_str());
    }
    match c.priority {
        dyad_dict::CodePriority::Dominant => s.push('!'),
        dyad_dict::CodePriority::Subordinate => s.push('?'),
        dyad_dict::CodePriority::Normal => {}
    }
    s
}

fn render_elements(els: &[dyad_dict::PatternElement]) -> String {
    use dyad_dict::PatternToken as T;
    let mut s = String::new();
    for (i, e) in els.iter().enumerate() {
        let piece = match &e.token {
            T::Word(w) => w.text.clone(),
            T::Synset(n) => format!("&{n}"),
            T::Verb => "*".into(),
            T::Source => "$".into(),
            T::Target => "+".into(),
            T::Compound => "%".into(),
            T::Skip => "^".into(),
            T::Alternatives(a) => format!(
                "{{ {} }}",
                a.iter()
                    .map(|x| render_elements(x))
                    .collect::<Vec<_>>()
                    .join(" | ")
            ),
            T::NounPhrase(x) => format!("{{{}}}", render_elements(x)),
            T::PrepPhrase(x) => format!("({})", render_elements(x)),
        };
        s.push_str(&piece);
        if i + 1 < els.len() {
            s.push(if e.adjacent_next { '_' } else { ' ' });
        }
    }
    s
}

impl Compiled {
    /// A verb written in several blocks (PETRARCH's `--- SHOT [---] ---` and `--- SHOT [223] ---`) matches with
    /// the patterns of all of them, longest first, and the first real code among them.
    fn merge_duplicate_verbs(&mut self) {
        let mut groups: HashMap<String, Vec<u32>> = HashMap::new();
        for (id, p) in self.verbs.phrases.iter().enumerate() {
            let mut key = String::new();
            for w in &p.words {
                key.push_str(&w.text);
                key.push(if w.stem { '*' } else { ' ' });
                key.push(if w.adjacent_next { '_' } else { ' ' });
            }
            groups.entry(key).or_default().push(id as u32);
        }
        let mut keys: Vec<&String> = groups.keys().collect();
        keys.sort();
        let mut merges: Vec<Vec<u32>> = Vec::new();
        for k in keys {
            let ids = &groups[k];
            let first_block = self.verbs.phrases[ids[0] as usize].payload.block;
            if ids
                .iter()
                .any(|&i| self.verbs.phrases[i as usize].payload.block != first_block)
            {
                merges.push(ids.clone());
            }
        }
        for ids in merges {
            let mut blocks: Vec<u32> = ids
                .iter()
                .map(|&i| self.verbs.phrases[i as usize].payload.block)
                .collect();
            blocks.dedup();
            let mut pats: Vec<FlatPattern> = blocks
                .iter()
                .flat_map(|&b| self.block_patterns[b as usize].iter().cloned())
                .collect();
            pats.sort_by_key(|p| std::cmp::Reverse(p.weight));
            let merged_block = self.block_patterns.len() as u32;
            self.block_patterns.push(pats);
            let coded = ids
                .iter()
                .map(|&i| &self.verbs.phrases[i as usize].payload)
                .find(|v| {
                    v.code
                        .as_ref()
                        .is_some_and(|c| c.primary != dyad_dict::CodeValue::Null)
                })
                .map(|v| (v.code.clone(), v.rule));
            for &i in &ids {
                let v = &mut self.verbs.phrases[i as usize].payload;
                v.block = merged_block;
                if let Some((code, rule)) = &coded {
                    v.code = code.clone();
                    v.rule = *rule;
                }
            }
        }
    }

    /// Interns the words every index keys on, then seals the dense tables over the final vocabulary.
    fn index_words(&mut self) {
        let mut vocab = Vocabulary::default();
        let a = self.actors.index(&mut vocab);
        let g = self.agents.index(&mut vocab);
        let v = self.verbs.index(&mut vocab);
        let n = self.nouns.index(&mut vocab);
        let j = self.adjectives.index(&mut vocab);
        let d = self.discards.index(&mut vocab);
        self.pattern_index = PatternIndex::new(&self.block_patterns, &mut vocab);
        let len = vocab.len();
        self.actors.seal(&a, len);
        self.agents.seal(&g, len);
        self.verbs.seal(&v, len);
        self.nouns.seal(&n, len);
        self.adjectives.seal(&j, len);
        self.discards.seal(&d, len);
        self.vocab = vocab;
    }

    pub fn build(d: &Dictionaries) -> Compiled {
        let mut c = Compiled {
            actor_dialect: Some(d.actors.dialect),
            verb_dialect: Some(d.verbs.dialect),
            ..Compiled::default()
        };
        let ad = d.actors.dialect;
        for e in &d.actors.entries {
            let codes = e
                .codes
                .iter()
                .map(|dc| (dc.code.as_str().into(), dc.restriction))
                .collect::<Vec<_>>();
            let text = format!(
                "{} [{}]",
                e.phrases.first().map(|p| p.text()).unwrap_or_default(),
                e.codes
                    .iter()
                    .map(|c| c.code.as_str())
                    .collect::<Vec<_>>()
                    .join("] [")
            );
            let r = rule(&mut c.rules, &e.loc, text);
            let id = c.actor_codes.len() as u32;
            c.actor_codes.push(ActorCodes { codes, rule: r });
            for p in &e.phrases {
                c.actors.push(phrase_words(p, ad), id);
            }
        }
        for (p, _) in &d.actors.nouns {
            c.nouns.push(phrase_words(p, ad), ());
        }
        for (p, _) in &d.actors.adjectives {
            c.adjectives.push(phrase_words(p, ad), ());
        }
        let gd = d.agents.dialect;
        for e in &d.agents.entries {
            let prefix = e.code.placement == AgentPlacement::Prefix;
            let text = format!(
                "{} [{}]",
                e.phrase.text(),
                if prefix {
                    format!("{}~", e.code.code)
                } else {
                    format!("~{}", e.code.code)
                }
            );
            let r = rule(&mut c.rules, &e.loc, text);
            let info = AgentInfo {
                code: e.code.code.as_str().into(),
                prefix,
                rule: r,
            };
            if gd == Dialect::Tabari {
                c.agents.push(phrase_words(&e.phrase, gd), info.clone());
            } else {
                // PETRARCH: the phrase as written plus its plural as the entry says, no other endings.
                let exact = |p: &Phrase| {
                    let mut w = phrase_words(p, gd);
                    w.iter_mut().for_each(|w| w.endings = false);
                    w
                };
                c.agents.push(exact(&e.phrase), info.clone());
                match &e.plural {
                    dyad_dict::PluralRule::Regular => {
                        let mut w = exact(&e.phrase);
                        if let Some(last) = w.last_mut() {
                            last.text = dyad_dict::forms::regular_plural(&last.text).into();
                        }
                        c.agents.push(w, info.clone());
                    }
                    dyad_dict::PluralRule::Given(list) => {
                        for p in list {
                            c.agents.push(exact(p), info.clone());
                        }
                    }
                    dyad_dict::PluralRule::NoPlural | dyad_dict::PluralRule::Substituted => {}
                }
            }
        }
        let vd = d.verbs.dialect;
        for (bi, block) in d.verbs.blocks.iter().enumerate() {
            for v in &block.verbs {
                let code = block.code_for(v).cloned();
                let text = format!(
                    "{} [{}]",
                    v.phrase.text(),
                    code.as_ref().map(code_text).unwrap_or_else(|| "---".into())
                );
                let r = rule(&mut c.rules, &v.loc, text);
                let info = VerbInfo {
                    root: v
                        .phrase
                        .words
                        .get(v.head)
                        .map(|w| w.word.text.as_str())
                        .unwrap_or("")
                        .into(),
                    block: bi as u32,
                    code,
                    rule: r,
                };
                if vd == Dialect::Tabari {
                    // TABARI verbs may be stems and take the regular endings at match time.
                    c.verbs.push(phrase_words(&v.phrase, vd), info.clone());
                    for (p, _) in v.irregular.iter().flatten() {
                        c.verbs.push(phrase_words(p, vd), info.clone());
                    }
                } else {
                    // PETRARCH verbs match exactly the forms the format generates or lists.
                    for (p, _) in v.forms(vd) {
                        let mut words = phrase_words(&p, vd);
                        words.iter_mut().for_each(|w| {
                            w.stem = false;
                            w.endings = false;
                        });
                        c.verbs.push(words, info.clone());
                    }
                }
            }
            let mut pats = Vec::new();
            for p in &block.patterns {
                let text = format!(
                    "- {} [{}]",
                    render_elements(&p.elements),
                    code_text(&p.code)
                );
                let r = rule(&mut c.rules, &p.loc, text);
                for flat in flatten(&p.elements, &d.verbs) {
                    if let Some(fp) = split_at_verb(flat, p.code.clone(), r, vd) {
                        pats.push(fp);
                    }
                }
            }
            // Longest first; equal lengths keep dictionary order (stable sort).
            pats.sort_by_key(|p| std::cmp::Reverse(p.weight));
            c.block_patterns.push(pats);
        }
        c.merge_duplicate_verbs();
        for e in &d.discards.entries {
            let r = rule(&mut c.rules, &e.loc, e.text.clone());
            let parts: Vec<&str> = e
                .text
                .split([' ', '_', '-'])
                .filter(|s| !s.is_empty())
                .collect();
            let n = parts.len();
            let words = parts
                .into_iter()
                .enumerate()
                .map(|(i, t)| LexWord {
                    text: t.into(),
                    stem: i + 1 == n && !e.whole_word,
                    endings: true,
                    adjacent_next: true,
                })
                .collect();
            c.discards.push(
                words,
                DiscardInfo {
                    story: e.scope == DiscardScope::Story,
                    complex: false,
                    rule: r,
                },
            );
        }
        // TABARI <TIME> phrases coded ### or +++ discard the sentence or mark it complex whatever the time-shift
        // setting.
        for t in &d.verbs.time_entries {
            let complex = match t.shift.as_str() {
                "###" => false,
                "+++" => true,
                _ => continue,
            };
            let words: Vec<LexWord> = t
                .elements
                .iter()
                .filter_map(|e| match &e.token {
                    dyad_dict::PatternToken::Word(w) => Some(LexWord {
                        text: w.text.as_str().into(),
                        stem: false,
                        endings: false,
                        adjacent_next: e.adjacent_next,
                    }),
                    _ => None,
                })
                .collect();
            if words.len() != t.elements.len() {
                continue;
            }
            let r = rule(
                &mut c.rules,
                &t.loc,
                format!("{} [{}]", render_elements(&t.elements), t.shift),
            );
            c.discards.push(
                words,
                DiscardInfo {
                    story: false,
                    complex,
                    rule: r,
                },
            );
        }
        c.index_words();
        c
    }
}
