//! Phrase lookup: dictionary phrases compiled into hash indexes keyed on their first word, matched against tokens.
//!
//! A dictionary word is either a *stem* (TABARI: `ACCEPT` matches `ACCEPTED`, `ACCEPTING`) or a whole word that
//! may carry a regular English ending (`S ES ED D EN ING`, `Y→IES/IED`, a doubled final consonant). Lookup probes
//! the token's possible bases and prefixes in the indexes, so a sentence costs a handful of hash probes per token
//! and no allocation. Multi-word phrases then check their remaining words; a blank between dictionary words lets
//! a few other words come between (TABARI), `_` requires the next word to follow at once.

use crate::text::{TokenKind, Tokens};

/// How many tokens may come between two blank-separated words of an actor/agent phrase.
pub const MAX_PHRASE_GAP: usize = 3;
/// Regular endings a whole word may carry (TABARI §5.2.3 plus the PETRARCH verb and plural forms).
const REGULAR_ENDINGS: [&str; 6] = ["S", "ES", "ED", "D", "EN", "ING"];

/// One compiled dictionary word.
#[derive(Debug, Clone)]
pub struct LexWord {
    pub text: Box<str>,
    /// Prefix match (TABARI stem).
    pub stem: bool,
    /// Regular endings accepted on a whole word.
    pub endings: bool,
    /// The next word must follow immediately.
    pub adjacent_next: bool,
}

impl LexWord {
    /// Whether token text `tok` is this word.
    pub fn matches(&self, tok: &str) -> bool {
        let w: &str = &self.text;
        // Every reading below starts the token with the word's first letter, except the ending rules for the
        // one-letter bases `Y` and `E` (whose stem is empty): a cheap first test before any string comparison.
        if w.len() > 1 && w.as_bytes().first() != tok.as_bytes().first() {
            return false;
        }
        if self.stem {
            return tok.starts_with(w);
        }
        if tok == w {
            return true;
        }
        if !self.endings {
            return false;
        }
        // A trailing period of an abbreviation-looking token ("JORDAN." in all-caps copy).
        if let Some(t) = tok.strip_suffix('.') {
            if t == w {
                return true;
            }
        }
        has_regular_ending(w, tok)
    }
}

/// Whether `tok` is `base` plus one regular ending.
pub fn has_regular_ending(base: &str, tok: &str) -> bool {
    let Some(rest) = tok.strip_prefix(base) else {
        // Y → IES / IED, E dropped before ING / ED.
        if let Some(stem) = base.strip_suffix('Y') {
            if let Some(r) = tok.strip_prefix(stem) {
                return r == "IES" || r == "IED";
            }
        }
        if let Some(stem) = base.strip_suffix('E') {
            if let Some(r) = tok.strip_prefix(stem) {
                return r == "ING";
            }
        }
        return false;
    };
    if rest.is_empty() || REGULAR_ENDINGS.contains(&rest) || rest == "'S" {
        return true;
    }
    // Doubled final consonant: STOP → STOPPED, STOPPING.
    let last = base.as_bytes().last().copied().unwrap_or(0);
    if rest.len() > 1 && rest.as_bytes()[0] == last && !b"AEIOU".contains(&last) {
        let r = &rest[1..];
        return r == "ED" || r == "ING";
    }
    false
}

/// A compiled phrase and what it stands for.
#[derive(Debug, Clone)]
pub struct LexPhrase<T> {
    pub words: Vec<LexWord>,
    pub payload: T,
}

/// A byte trie over dictionary words: one walk along a token finds every stem that prefixes it and every whole
/// word it is a regular form of (the bases of `STOPPED`, `COUNTRIES`, `RAISING` lie on or next to its path), with
/// no hashing and no allocation.
#[derive(Debug, Clone, Default)]
pub struct WordTrie {
    nodes: Vec<TrieNode>,
}

#[derive(Debug, Clone, Default)]
struct TrieNode {
    /// (byte, child node), sorted by byte.
    children: Vec<(u8, u32)>,
    /// Ids whose word ends here, matched as whole words (with regular endings).
    whole: Vec<u32>,
    /// Ids whose word ends here, matched as stems (any continuation).
    stem: Vec<u32>,
}

impl WordTrie {
    pub fn insert(&mut self, word: &str, id: u32, stem: bool) {
        if word.is_empty() {
            return;
        }
        if self.nodes.is_empty() {
            self.nodes.push(TrieNode::default());
        }
        let mut node = 0usize;
        for &b in word.as_bytes() {
            node = match self.nodes[node].children.binary_search_by_key(&b, |c| c.0) {
                Ok(i) => self.nodes[node].children[i].1 as usize,
                Err(i) => {
                    let id = self.nodes.len() as u32;
                    self.nodes.push(TrieNode::default());
                    self.nodes[node].children.insert(i, (b, id));
                    id as usize
                }
            };
        }
        let n = &mut self.nodes[node];
        if stem {
            n.stem.push(id);
        } else {
            n.whole.push(id);
        }
    }

    pub fn is_empty(&self) -> bool {
        self.nodes.is_empty()
    }

    fn child(&self, node: usize, b: u8) -> Option<usize> {
        let c = &self.nodes[node].children;
        c.binary_search_by_key(&b, |x| x.0)
            .ok()
            .map(|i| c[i].1 as usize)
    }

    /// Calls `f` with the ids of every word that `tok` may be: stems prefixing it, whole words equal to it or to
    /// one of its base forms. Callers verify with [`LexWord::matches`].
    pub fn lookup(&self, tok: &str, mut f: impl FnMut(u32)) {
        if self.nodes.is_empty() {
            return;
        }
        let b = tok.as_bytes();
        let mut node = 0usize;
        for d in 0..=b.len() {
            let n = &self.nodes[node];
            n.stem.iter().for_each(|&id| f(id));
            let rest = &tok[d.min(tok.len())..];
            if !n.whole.is_empty() && d > 0 && is_base_rest(rest, b[d - 1]) {
                n.whole.iter().for_each(|&id| f(id));
            }
            // COUNTRIES → COUNTRY, RAISING → RAISE: the base leaves the token's path by one letter.
            let variant = match rest {
                "IES" | "IED" => Some(b'Y'),
                "ING" | "ED" => Some(b'E'),
                _ => None,
            };
            if let Some(v) = variant {
                if let Some(c) = self.child(node, v) {
                    self.nodes[c].whole.iter().for_each(|&id| f(id));
                }
            }
            if d == b.len() {
                break;
            }
            match self.child(node, b[d]) {
                Some(c) => node = c,
                None => break,
            }
        }
    }
}

/// Whether `rest` is what may follow a whole word's base in a token: nothing, a regular ending, a possessive, an
/// abbreviation's period, or a doubled final consonant plus ED/ING.
fn is_base_rest(rest: &str, last: u8) -> bool {
    if rest.is_empty() || rest == "." || rest == "'S" || REGULAR_ENDINGS.contains(&rest) {
        return true;
    }
    let r = rest.as_bytes();
    r.len() > 2
        && r[0] == last
        && !b"AEIOU".contains(&last)
        && (&rest[1..] == "ED" || &rest[1..] == "ING")
}

/// A fast hasher for integer keys (FxHash, as rustc uses): lookups happen per token, SipHash's DoS resistance is
/// not needed for dictionary-built keys.
#[derive(Default, Clone, Copy)]
pub struct FxHasher(u64);

impl std::hash::Hasher for FxHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        let mut chunks = bytes.chunks_exact(8);
        for c in &mut chunks {
            let mut w = [0u8; 8];
            w.copy_from_slice(c);
            self.write_u64(u64::from_le_bytes(w));
        }
        let rest = chunks.remainder();
        if !rest.is_empty() {
            let mut w = [0u8; 8];
            w[..rest.len()].copy_from_slice(rest);
            self.write_u64(u64::from_le_bytes(w) ^ ((rest.len() as u64) << 59));
        }
    }
    fn write_u32(&mut self, n: u32) {
        self.write_u64(n as u64);
    }
    fn write_u64(&mut self, n: u64) {
        self.0 = (self.0.rotate_left(5) ^ n).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
    }
}

/// A hash map keyed by integers with [`FxHasher`].
pub type FxMap<K, V> = std::collections::HashMap<K, V, std::hash::BuildHasherDefault<FxHasher>>;

/// Every dictionary word a lookup keys on, interned once: a sentence's tokens are walked through one trie, and
/// all indexes (actors, agents, verbs, nouns, discards, pattern anchors) then work on word ids.
#[derive(Debug, Clone)]
pub struct Vocabulary {
    trie: WordTrie,
    ids: std::collections::HashMap<(Box<str>, bool), u32>,
    /// Unique per vocabulary (see [`TokenWords`]' cache).
    instance: u64,
}

impl Default for Vocabulary {
    fn default() -> Self {
        Vocabulary {
            trie: WordTrie::default(),
            ids: std::collections::HashMap::new(),
            instance: VOCABULARY_INSTANCES.fetch_add(1, std::sync::atomic::Ordering::Relaxed),
        }
    }
}

impl Vocabulary {
    /// The id of a dictionary word (stem or whole word).
    pub fn intern(&mut self, text: &str, stem: bool) -> u32 {
        if let Some(&id) = self.ids.get(&(text.into(), stem)) {
            return id;
        }
        let id = self.ids.len() as u32;
        self.trie.insert(text, id, stem);
        self.ids.insert((text.into(), stem), id);
        id
    }

    pub fn len(&self) -> usize {
        self.ids.len()
    }

    pub fn is_empty(&self) -> bool {
        self.ids.is_empty()
    }

    /// Fills `out` with the word ids each token may be (see [`WordTrie::lookup`]).
    pub fn tag(&self, toks: &Tokens, out: &mut TokenWords) {
        out.ids.clear();
        out.ranges.clear();
        out.classes.clear();
        if out.cache_owner != self.instance || out.cache.len() > WORD_CACHE_LIMIT {
            out.cache.clear();
            out.cache_ids.clear();
            out.hot.clear();
            out.cache_owner = self.instance;
        }
        if out.hot.is_empty() {
            out.hot.resize(HOT_WORDS, HotWord::EMPTY);
        }
        for i in 0..toks.len() {
            let start = out.ids.len() as u32;
            if toks.tokens[i].kind == TokenKind::Word {
                let text = toks.text(i);
                let slot = HotWord::slot(text);
                let (a, b, classes) = match out.hot[slot].get(text) {
                    Some(r) => r,
                    None => {
                        // News repeats its words: the trie walk of a word is remembered per thread.
                        let r = match out.cache.get(text) {
                            Some(&r) => r,
                            None => {
                                let a = out.cache_ids.len() as u32;
                                let ids = &mut out.cache_ids;
                                self.trie.lookup(text, |id| ids.push(id));
                                let r = (
                                    a,
                                    out.cache_ids.len() as u32,
                                    crate::grammar::word_classes(text),
                                );
                                out.cache.insert(text.into(), r);
                                r
                            }
                        };
                        out.hot[slot] = HotWord::new(text, r);
                        r
                    }
                };
                out.ids
                    .extend_from_slice(&out.cache_ids[a as usize..b as usize]);
                out.classes.push(classes);
            } else {
                out.classes.push(0);
            }
            out.ranges.push((start, out.ids.len() as u32));
        }
    }
}

/// Slots of the direct-mapped front of the word cache (a power of two; 32 bytes each, 128 KiB in all).
const HOT_WORDS: usize = 4096;

/// A slot of the word cache's front: a short word inline with its lookup, so the words a story repeats most are
/// found in one cache line, without the hash map's bucket and key loads (which missed the CPU cache on most tokens
/// and were the coder's largest cost). Words longer than [`HotWord::MAX`] bytes always go to the map.
#[derive(Debug, Clone, Copy)]
struct HotWord {
    len: u8,
    bytes: [u8; HotWord::MAX],
    found: (u32, u32, u32),
}

impl HotWord {
    const MAX: usize = 19;
    /// No word: length 0 never matches, as tokens are never empty.
    const EMPTY: HotWord = HotWord {
        len: 0,
        bytes: [0; HotWord::MAX],
        found: (0, 0, 0),
    };

    fn new(text: &str, found: (u32, u32, u32)) -> HotWord {
        if text.is_empty() || text.len() > Self::MAX {
            return Self::EMPTY;
        }
        let mut bytes = [0; Self::MAX];
        bytes[..text.len()].copy_from_slice(text.as_bytes());
        HotWord {
            len: text.len() as u8,
            bytes,
            found,
        }
    }

    fn get(&self, text: &str) -> Option<(u32, u32, u32)> {
        (self.len as usize == text.len() && &self.bytes[..text.len()] == text.as_bytes())
            .then_some(self.found)
    }

    /// The word's slot: FxHash of its bytes, top bits (the best mixed).
    fn slot(text: &str) -> usize {
        use std::hash::Hasher as _;
        let mut h = FxHasher::default();
        h.write(text.as_bytes());
        (h.0 >> (64 - HOT_WORDS.trailing_zeros())) as usize
    }
}

/// How many distinct words the per-thread lookup cache holds before it starts afresh.
const WORD_CACHE_LIMIT: usize = 200_000;

/// Distinguishes vocabularies, so a per-thread cache never serves one coder's word ids to another.
static VOCABULARY_INSTANCES: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(1);

/// Per-thread memo of word lookups: text → (first, end) in `cache_ids`, word classes. Its keys are the article's
/// words, which an adversary chooses, so it hashes with std's randomly keyed SipHash: FxHash collisions are easy to
/// make and would turn the map quadratic. (The map is never iterated, so the seed never shows in the output; the
/// hot front takes most lookups, so SipHash costs little.)
type WordCache = std::collections::HashMap<Box<str>, (u32, u32, u32)>;

/// The vocabulary word ids of each token of a sentence.
#[derive(Debug, Clone, Default)]
pub struct TokenWords {
    ids: Vec<u32>,
    ranges: Vec<(u32, u32)>,
    /// Closed word classes of each token ([`crate::grammar::word_classes`]; 0 for commas).
    classes: Vec<u32>,
    /// Word text → range in `cache_ids` and word classes, for the vocabulary `cache_owner`.
    cache: WordCache,
    cache_ids: Vec<u32>,
    cache_owner: u64,
    /// The cache's front, [`HOT_WORDS`] slots once the first sentence is tagged.
    hot: Vec<HotWord>,
}

impl TokenWords {
    pub fn of(&self, token: usize) -> &[u32] {
        let (a, b) = self.ranges[token];
        &self.ids[a as usize..b as usize]
    }

    /// Whether token `token` is a word of the closed class `set` (same as `grammar::is_in` on its text).
    pub fn is(&self, set: crate::grammar::WordSet, token: usize) -> bool {
        set.holds(self.classes[token])
    }
}

/// Phrases indexed by first word (and, when it must follow at once, second word).
#[derive(Debug, Clone)]
pub struct PhraseIndex<T> {
    pub phrases: Vec<LexPhrase<T>>,
    /// First word id → group + 1 (0: none), dense over the vocabulary.
    first: Vec<u32>,
    groups: Vec<PhraseGroup>,
}

/// The phrases sharing a first word: those that can match on it alone (one word, or a gap after it), and those
/// whose second word must follow at once, by that word (so "THE …" actors cost one probe, not hundreds).
#[derive(Debug, Clone, Default)]
struct PhraseGroup {
    singles: Vec<u32>,
    /// (second word id, phrase), sorted.
    second: Vec<(u32, u32)>,
}

impl<T> Default for PhraseIndex<T> {
    fn default() -> Self {
        PhraseIndex {
            phrases: Vec::new(),
            first: Vec::new(),
            groups: Vec::new(),
        }
    }
}

/// A phrase found in the token stream.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PhraseMatch {
    pub phrase: u32,
    /// Token range covered (end exclusive).
    pub start: usize,
    pub end: usize,
    /// Number of dictionary words matched (longer wins).
    pub words: usize,
}

impl<T> PhraseIndex<T> {
    /// Adds a phrase; [`PhraseIndex::index`] must run once all are added.
    pub fn push(&mut self, words: Vec<LexWord>, payload: T) {
        if words.first().is_none_or(|w| w.text.is_empty()) {
            return;
        }
        self.phrases.push(LexPhrase { words, payload });
    }

    /// Interns the words lookups key on and builds the groups. Returns (first word id, group) pairs for
    /// [`PhraseIndex::seal`], which runs once the vocabulary is complete.
    pub fn index(&mut self, vocab: &mut Vocabulary) -> Vec<(u32, u32)> {
        let mut group_of: FxMap<u32, u32> = FxMap::default();
        self.groups.clear();
        for (id, p) in self.phrases.iter().enumerate() {
            let first = &p.words[0];
            let fw = vocab.intern(&first.text, first.stem);
            let groups = &mut self.groups;
            let g = *group_of.entry(fw).or_insert_with(|| {
                groups.push(PhraseGroup::default());
                (groups.len() - 1) as u32
            });
            let group = &mut self.groups[g as usize];
            match p.words.get(1) {
                Some(second) if first.adjacent_next && !second.text.is_empty() => group
                    .second
                    .push((vocab.intern(&second.text, second.stem), id as u32)),
                _ => group.singles.push(id as u32),
            }
        }
        for g in &mut self.groups {
            g.second.sort_unstable();
        }
        let mut pairs: Vec<(u32, u32)> = group_of.into_iter().collect();
        pairs.sort_unstable();
        pairs
    }

    /// Builds the dense first-word table over the final vocabulary.
    pub fn seal(&mut self, pairs: &[(u32, u32)], vocab_len: usize) {
        self.first = vec![0; vocab_len];
        for &(w, g) in pairs {
            self.first[w as usize] = g + 1;
        }
    }

    pub fn len(&self) -> usize {
        self.phrases.len()
    }

    pub fn is_empty(&self) -> bool {
        self.phrases.is_empty()
    }

    /// The longest phrase starting at token `start` whose words all match (ties: more dictionary letters, then
    /// the tighter span, then dictionary order).
    ///
    /// Inlined into the callers: most tokens start no phrase of the index, and that test takes a few instructions,
    /// where calling the whole search (saving and restoring its registers) cost more than the test itself.
    #[inline]
    pub fn longest_at(
        &self,
        toks: &Tokens,
        words: &TokenWords,
        start: usize,
        limit: usize,
    ) -> Option<PhraseMatch> {
        if toks.tokens[start].kind != TokenKind::Word || self.phrases.is_empty() {
            return None;
        }
        let firsts = words.of(start);
        if !firsts
            .iter()
            .any(|&w| self.first.get(w as usize).is_some_and(|&g| g != 0))
        {
            return None;
        }
        self.longest_from(toks, words, start, limit, firsts)
    }

    /// [`PhraseIndex::longest_at`] once some first word of the token starts a phrase of the index.
    #[inline(never)]
    fn longest_from(
        &self,
        toks: &Tokens,
        words: &TokenWords,
        start: usize,
        limit: usize,
        firsts: &[u32],
    ) -> Option<PhraseMatch> {
        let mut best: Option<PhraseMatch> = None;
        let tok = toks.text(start);
        let mut check = |id: u32| {
            let p = &self.phrases[id as usize];
            // The trie already matched the word's letters as a prefix of the token: only an ending needs checking.
            let w0 = &p.words[0];
            if !(w0.stem || tok.len() == w0.text.len() || w0.matches(tok)) {
                return;
            }
            if let Some(end) = match_rest(&p.words, toks, start, limit) {
                let m = PhraseMatch {
                    phrase: id,
                    start,
                    end,
                    words: p.words.len(),
                };
                // More words, then more dictionary letters (ATTACKED over the stem ATTACK), then the tighter
                // span, then dictionary order.
                let key = |m: &PhraseMatch| {
                    let letters: usize = self.phrases[m.phrase as usize]
                        .words
                        .iter()
                        .map(|w| w.text.len())
                        .sum();
                    (m.words, letters, usize::MAX - m.end, u32::MAX - m.phrase)
                };
                let better = match best {
                    None => true,
                    Some(b) => key(&m) > key(&b),
                };
                if better {
                    best = Some(m);
                }
            }
        };
        let next: &[u32] = if start + 1 < limit
            && toks.tokens[start + 1].kind == TokenKind::Word
            && !toks.tokens[start].possessive
        {
            words.of(start + 1)
        } else {
            &[]
        };
        for &w in firsts {
            let g = self.first.get(w as usize).copied().unwrap_or(0);
            if g == 0 {
                continue;
            }
            let group = &self.groups[g as usize - 1];
            group.singles.iter().for_each(|&id| check(id));
            for &nw in next {
                let from = group.second.partition_point(|e| e.0 < nw);
                for &(w2, id) in &group.second[from..] {
                    if w2 != nw {
                        break;
                    }
                    check(id);
                }
            }
        }
        best
    }
}

/// Match words 1.. of a phrase after its first word matched at `start`; returns the end token (exclusive).
fn match_rest(words: &[LexWord], toks: &Tokens, start: usize, limit: usize) -> Option<usize> {
    let mut pos = start + 1;
    for k in 1..words.len() {
        let adjacent = words[k - 1].adjacent_next;
        let max_gap = if adjacent { 0 } else { MAX_PHRASE_GAP };
        let mut found = None;
        for g in 0..=max_gap {
            let i = pos + g;
            if i >= limit || toks.tokens[i].kind != TokenKind::Word {
                break;
            }
            // A possessive ends a name: "Israel's Jordan" is not "ISRAEL JORDAN".
            if toks.tokens[i - 1].possessive && !words[k - 1].text.ends_with('\'') {
                break;
            }
            if words[k].matches(toks.text(i)) {
                found = Some(i);
                break;
            }
        }
        pos = found? + 1;
    }
    Some(pos)
}

/// Splits a dictionary word the way the tokenizer splits text: `DIDN'T` → `DID`, `N'T`.
pub fn split_contraction(word: &str) -> Option<(&str, &str)> {
    let stem = word.strip_suffix("N'T")?;
    (!stem.is_empty()).then(|| (stem, &word[stem.len()..]))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn w(text: &str, stem: bool, adjacent_next: bool) -> LexWord {
        LexWord {
            text: text.into(),
            stem,
            endings: !stem,
            adjacent_next,
        }
    }

    #[test]
    fn endings_and_stems() {
        assert!(w("ACCEPT", true, false).matches("ACCEPTED"));
        assert!(w("STOP", false, false).matches("STOPPED"));
        assert!(w("CRY", false, false).matches("CRIED"));
        assert!(w("MEET", false, false).matches("MEETING"));
        assert!(w("RAISE", false, false).matches("RAISING"));
        assert!(!w("OF", false, false).matches("OFFER"));
        // The first-letter shortcut leaves one-letter bases to the ending rules (their stem is empty).
        assert!(w("Y", false, false).matches("IES"));
        assert!(w("E", false, false).matches("ING"));
        assert!(!w("AB", true, false).matches("BA"));
    }

    #[test]
    fn longest_phrase_wins_and_gaps_follow_connectors() {
        let mut idx = PhraseIndex::default();
        idx.push(vec![w("AL", false, true), w("GORE", false, false)], "AGR");
        idx.push(vec![w("AL", false, false), w("GORE", false, false)], "TEN");
        idx.push(
            vec![w("UNITED", false, true), w("NATIONS", false, false)],
            "UNO",
        );
        let mut vocab = Vocabulary::default();
        let pairs = idx.index(&mut vocab);
        idx.seal(&pairs, vocab.len());
        let mut t = Tokens::default();
        let mut tw = TokenWords::default();
        t.fill("The United Nations warned Al Gore");
        vocab.tag(&t, &mut tw);
        let m = idx.longest_at(&t, &tw, 1, t.len()).expect("UN");
        assert_eq!((idx.phrases[m.phrase as usize].payload, m.end), ("UNO", 3));
        let m = idx.longest_at(&t, &tw, 4, t.len()).expect("gore");
        assert_eq!(idx.phrases[m.phrase as usize].payload, "AGR");
        t.fill("Al \"The Weasel\" Gore");
        vocab.tag(&t, &mut tw);
        let m = idx.longest_at(&t, &tw, 0, t.len()).expect("gore");
        assert_eq!(idx.phrases[m.phrase as usize].payload, "TEN");
    }
}
