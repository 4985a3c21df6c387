//! The attribution finder: quote marks tracked across the sentences of a paragraph, attribution clauses around
//! them, and reported-speech cues in the rest of the text.
//!
//! Every look-around is bounded by a constant of [`crate::lexicon`], so a document costs time linear in its length.

use std::cell::Cell;
use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};
use dyad_model::{Document, Sentence, Span};

use crate::lexicon::{self, CueForm, CueVerb, MarkFamily, MarkRole};
use crate::tokens::{tokenize, Kind, Token};
use crate::{Attribution, AttributionKind, SpeakerKind};

const DET: u16 = 1;
const LINK: u16 = 1 << 1;
const PRONOUN: u16 = 1 << 2;
const BETWEEN: u16 = 1 << 3;
const BE: u16 = 1 << 4;
const NOT: u16 = 1 << 5;
const BREAK: u16 = 1 << 6;
const ADJUNCT_OPEN: u16 = 1 << 7;
const ADJUNCT_WORD: u16 = 1 << 8;
const OUTLET_LINK: u16 = 1 << 9;
const NOT_HEAD: u16 = 1 << 10;
const TIME: u16 = 1 << 11;
const PREP: u16 = 1 << 12;
const POSTMOD: u16 = 1 << 13;
const PLURAL_PRONOUN: u16 = 1 << 14;
const LY_NOUN: u16 = 1 << 15;

/// A multiply-rotate hasher over 8-byte chunks (the FxHash scheme) for the table words: short keys dyad supplies
/// itself, hashed several times per sentence, where FNV's byte loop showed in profiles.
#[derive(Debug, Clone, Copy, Default)]
struct WordHasher(u64);

impl Hasher for WordHasher {
    fn write(&mut self, bytes: &[u8]) {
        const K: u64 = 0x51_7c_c1_b7_27_22_0a_95;
        for chunk in bytes.chunks(8) {
            let mut word = [0u8; 8];
            word[..chunk.len()].copy_from_slice(chunk);
            self.0 = (self.0.rotate_left(5) ^ u64::from_le_bytes(word)).wrapping_mul(K);
        }
    }

    fn write_usize(&mut self, n: usize) {
        self.0 = (self.0.rotate_left(5) ^ n as u64).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
    }

    fn finish(&self) -> u64 {
        self.0
    }
}

type WordMap = HashMap<&'static [u8], Entry, BuildHasherDefault<WordHasher>>;

/// What the tables say about one lowercase word.
#[derive(Debug, Clone, Copy, Default)]
struct Entry {
    classes: u16,
    /// Index into [`lexicon::CUE_VERBS`].
    cue: Option<u16>,
}

/// A token whose entry has not been looked up yet.
const UNKNOWN: u32 = u32::MAX;

impl Entry {
    fn pack(self) -> u32 {
        u32::from(self.classes) | (self.cue.map_or(0, |c| u32::from(c) + 1) << 16)
    }

    fn unpack(v: u32) -> Entry {
        let cue = (v >> 16) as u16;
        Entry {
            classes: v as u16,
            cue: cue.checked_sub(1),
        }
    }
}

/// Special cue words handled by their own patterns.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Special {
    None,
    Quoted,
    According,
}

/// Finds quotes and claims with their speakers. Build once ([`QuoteFinder::new`] compiles the tables) and share.
#[derive(Debug, Clone)]
pub struct QuoteFinder {
    prefilter: AhoCorasick,
    words: WordMap,
    /// For each first letter a-z, bit `n` is set when some table word of `n` bytes starts with it: most words are
    /// turned away without hashing.
    shapes: [u32; 26],
    /// The same for cue forms and the special cue words only (`according`, `quoted`).
    cue_shapes: Box<[u32; 26 * 26]>,
}

impl Default for QuoteFinder {
    fn default() -> QuoteFinder {
        QuoteFinder::new()
    }
}

/// A speaker phrase: tokens `first..=last` of a sentence.
#[derive(Debug, Clone, Copy)]
struct Phrase {
    first: usize,
    last: usize,
}

/// An attribution clause found for a quote or claim, before its content is known.
#[derive(Debug, Clone, Copy)]
struct Source {
    speaker: Span,
    speaker_kind: SpeakerKind,
    cue: Span,
    lemma: &'static str,
    outlet: Option<Span>,
    sentence: u32,
}

/// A quote whose closing mark has not been seen yet.
#[derive(Debug, Clone, Copy)]
struct OpenQuote {
    family: MarkFamily,
    /// First byte after the opening mark.
    start: u32,
    sentence: u32,
    /// The mark is the sentence's first token (a quote paragraph may carry the previous speaker over).
    at_sentence_start: bool,
    pre: Option<Source>,
}

/// Where the words after a cue lead: the first content token, and an outlet passed on the way.
#[derive(Debug, Clone, Copy)]
struct AfterCue {
    next: usize,
    outlet: Option<Span>,
    that: bool,
}

/// One sentence being read: the document text, its tokens, its index.
struct Sent<'a> {
    text: &'a str,
    toks: &'a [Token],
    index: u32,
    /// Each token's table entry, looked up once ([`UNKNOWN`] until then).
    entries: &'a [Cell<u32>],
}

impl Sent<'_> {
    fn word(&self, i: usize) -> &str {
        match self.toks.get(i) {
            Some(t) if t.kind == Kind::Word => self
                .text
                .get(t.start as usize..t.end as usize)
                .unwrap_or(""),
            _ => "",
        }
    }

    fn kind(&self, i: usize) -> Option<Kind> {
        self.toks.get(i).map(|t| t.kind)
    }

    fn capitalised(&self, i: usize) -> bool {
        self.toks
            .get(i)
            .is_some_and(|t| t.kind == Kind::Word && t.capitalised)
    }

    fn span(&self, first: usize, last: usize) -> Span {
        match (self.toks.get(first), self.toks.get(last)) {
            (Some(a), Some(b)) if a.start <= b.end => Span {
                start: a.start,
                end: b.end,
            },
            _ => Span::default(),
        }
    }

    /// Index one past the last token that can end a content span (terminal punctuation, closing marks and
    /// trailing commas are dropped).
    fn content_end(&self) -> usize {
        let mut end = self.toks.len();
        while end > 0
            && matches!(
                self.toks[end - 1].kind,
                Kind::Terminal | Kind::Comma | Kind::Colon | Kind::Mark(..) | Kind::Break
            )
        {
            end -= 1;
        }
        end
    }
}

/// `s` without surrounding whitespace, commas and quote marks, as a span of the text (`span` must be valid).
fn trimmed(text: &str, span: Span) -> Span {
    let Some(s) = text.get(span.range()) else {
        return Span::new(span.start as usize, span.start as usize);
    };
    let is_edge = |c: char| {
        c.is_whitespace() || c == ',' || lexicon::QUOTE_MARKS.iter().any(|&(m, _, _)| m == c)
    };
    let start = s.trim_start_matches(is_edge);
    let lead = s.len() - start.len();
    let inner = start.trim_end_matches(is_edge);
    Span::new(
        span.start as usize + lead,
        span.start as usize + lead + inner.len(),
    )
}

/// The slot of a word in [`QuoteFinder`]'s cue shapes: its first and last letters (ASCII, any case), when it
/// is shorter than 32 bytes.
fn cue_shape_slot(word: &[u8]) -> Option<usize> {
    let (first, last) = (
        word.first()?.to_ascii_lowercase(),
        word.last()?.to_ascii_lowercase(),
    );
    (word.len() < 32 && first.is_ascii_lowercase() && last.is_ascii_lowercase())
        .then(|| usize::from(first - b'a') * 26 + usize::from(last - b'a'))
}

fn is_possessive(word: &str) -> bool {
    word.ends_with("'s") || word.ends_with("\u{2019}s") || word.ends_with("s'")
}

fn is_negated(word: &str) -> bool {
    word.ends_with("n't") || word.ends_with("n\u{2019}t")
}

impl QuoteFinder {
    /// Compiles the tables of [`lexicon`].
    pub fn new() -> QuoteFinder {
        let prefilter = AhoCorasickBuilder::new()
            .match_kind(MatchKind::LeftmostFirst)
            .ascii_case_insensitive(true)
            .build(lexicon::PREFILTER)
            .unwrap_or_else(|_| AhoCorasick::new([""; 0]).expect("empty automaton"));
        let mut words = WordMap::default();
        let classes: [(&[&'static str], u16); 16] = [
            (lexicon::NOT_HEADS, NOT_HEAD),
            (lexicon::TIME_WORDS, TIME),
            (lexicon::PREPOSITIONS, PREP),
            (lexicon::POSTMODIFIER_PREPOSITIONS, POSTMOD),
            (lexicon::PLURAL_PRONOUNS, PLURAL_PRONOUN),
            (lexicon::LY_NOUNS, LY_NOUN),
            (lexicon::DETERMINERS, DET),
            (lexicon::NAME_LINKS, LINK),
            (lexicon::PRONOUNS, PRONOUN),
            (lexicon::BETWEEN_SPEAKER_AND_VERB, BETWEEN),
            (lexicon::BE_FORMS, BE),
            (lexicon::NOT_ATTRIBUTING, NOT),
            (lexicon::PHRASE_BREAKS, BREAK),
            (lexicon::ADJUNCT_OPENERS, ADJUNCT_OPEN),
            (lexicon::ADJUNCT_WORDS, ADJUNCT_WORD),
            (lexicon::OUTLET_LINKS, OUTLET_LINK),
        ];
        for (list, class) in classes {
            for w in list {
                words.entry(w.as_bytes()).or_default().classes |= class;
            }
        }
        for (i, v) in lexicon::CUE_VERBS.iter().enumerate() {
            words.entry(v.form.as_bytes()).or_default().cue = u16::try_from(i).ok();
        }
        let shape_of = |keys: &mut dyn Iterator<Item = &[u8]>| {
            let mut shapes = [0u32; 26];
            for w in keys {
                if let (Some(&b), true) = (w.first(), w.len() < 32) {
                    if b.is_ascii_lowercase() {
                        shapes[usize::from(b - b'a')] |= 1 << w.len();
                    }
                }
            }
            shapes
        };
        let shapes = shape_of(&mut words.keys().copied());
        // Cue forms by first letter, last letter and length: `that` and `shares` are turned away at once.
        let mut cue_shapes = Box::new([0u32; 26 * 26]);
        let cue_words = lexicon::CUE_VERBS.iter().map(|v| v.form.as_bytes()).chain([
            lexicon::QUOTED.as_bytes(),
            lexicon::ACCORDING_TO[0].as_bytes(),
        ]);
        for w in cue_words {
            if let Some(slot) = cue_shape_slot(w) {
                cue_shapes[slot] |= 1 << w.len();
            }
        }
        QuoteFinder {
            prefilter,
            words,
            shapes,
            cue_shapes,
        }
    }

    /// The attributions of a document's sentences.
    pub fn find_in_document(&self, doc: &Document) -> Vec<Attribution> {
        self.find(&doc.text, &doc.sentences)
    }

    /// The attributions in `text` read as `sentences` (spans into it, in text order). Total: sentence spans out
    /// of range, off character boundaries, overlapping or unordered are passed over or start a new paragraph, so
    /// any input is safe (this is the fuzz entry point).
    pub fn find(&self, text: &str, sentences: &[Sentence]) -> Vec<Attribution> {
        self.find_through(text, sentences, usize::MAX)
    }

    /// As [`QuoteFinder::find`], for a caller that needs only the attributions of sentences `..=last` (those of a
    /// document's events): every attribution whose content reaches into one of them, exactly as `find` gives it,
    /// in the same order. Reading stops after sentence `last`, or, when a quote opened there is still open, after
    /// the sentence that closes it (or its paragraph's end). Attributions of the sentences read past `last` may
    /// come too; those of later sentences do not.
    pub fn find_through(
        &self,
        text: &str,
        sentences: &[Sentence],
        last: usize,
    ) -> Vec<Attribution> {
        let mut run = Run {
            finder: self,
            text,
            out: Vec::new(),
            open: None,
            last: None,
            last_named: None,
            toks: Vec::new(),
            consumed: Vec::new(),
            regions: Vec::new(),
            entries: Vec::new(),
            prev: None,
        };
        if u32::try_from(text.len()).is_err() {
            return run.out;
        }
        for (index, sentence) in sentences.iter().enumerate() {
            // Past `last`, only a quote left open can still reach back into the sentences asked for.
            if index > last && run.open.is_none() {
                break;
            }
            let Ok(index) = u32::try_from(index) else {
                break;
            };
            run.sentence(index, sentence);
        }
        run.flush_open();
        run.out
            .sort_by_key(|a| (a.sentence, a.content.start, a.cue.start));
        run.out
    }

    /// Whether a word may be a cue (first letter and length of some cue form), without hashing.
    fn may_be_cue(&self, word: &[u8]) -> bool {
        cue_shape_slot(word).is_some_and(|slot| self.cue_shapes[slot] & (1 << word.len()) != 0)
    }

    fn entry(&self, word: &str) -> Entry {
        let bytes = word.as_bytes();
        let Some(first) = bytes.first().map(u8::to_ascii_lowercase) else {
            return Entry::default();
        };
        if bytes.len() > lexicon::MAX_LOOKUP_BYTES
            || !first.is_ascii_lowercase()
            || self.shapes[usize::from(first - b'a')] & (1 << bytes.len()) == 0
        {
            return Entry::default();
        }
        let mut buf = [0u8; lexicon::MAX_LOOKUP_BYTES];
        for (b, w) in buf.iter_mut().zip(bytes) {
            *b = w.to_ascii_lowercase();
        }
        self.words
            .get(&buf[..bytes.len()])
            .copied()
            .unwrap_or_default()
    }

    /// The table entry of token `i`, looked up once per sentence.
    fn token_entry(&self, s: &Sent, i: usize) -> Entry {
        let Some(cell) = s.entries.get(i) else {
            return Entry::default();
        };
        let v = cell.get();
        if v != UNKNOWN {
            return Entry::unpack(v);
        }
        let w = s.word(i);
        let mut e = self.entry(w);
        if is_negated(w) {
            e.classes |= NOT;
        }
        cell.set(e.pack());
        e
    }

    fn classes(&self, s: &Sent, i: usize) -> u16 {
        self.token_entry(s, i).classes
    }

    fn is(&self, s: &Sent, i: usize, class: u16) -> bool {
        self.classes(s, i) & class != 0
    }

    /// A lowercase `-ly` adverb (`typically`, `repeatedly`) or a table word allowed between speaker and verb.
    fn is_between(&self, s: &Sent, i: usize) -> bool {
        if s.kind(i) != Some(Kind::Word) {
            return false;
        }
        let c = self.classes(s, i);
        let w = s.word(i);
        c & BETWEEN != 0
            || c & TIME != 0 && !s.capitalised(i)
            || !s.capitalised(i) && w.len() > 4 && w.ends_with("ly") && c & LY_NOUN == 0
    }

    fn is_auxiliary(&self, s: &Sent, i: usize) -> bool {
        let w = s.word(i);
        w.len() <= 6
            && lexicon::AUXILIARIES
                .iter()
                .any(|a| a.eq_ignore_ascii_case(w))
    }

    /// Whether a base form (`say`, `report`) agrees with the phrase: a plural noun, `they`/`we`/`I`/`you`, or a
    /// coordination. Other forms always do.
    fn agrees(&self, s: &Sent, p: Phrase, cue: &CueVerb) -> bool {
        if cue.form != cue.lemma {
            // `claims`, `reports`, `notes` after a bare lowercase noun are nouns: `insurance claims`.
            return !cue.form.ends_with('s')
                || (p.first..=p.last).any(|i| s.capitalised(i))
                || self.is(s, p.first, DET | PRONOUN);
        }
        let head = s.word(p.last);
        self.is(s, p.last, PLURAL_PRONOUN)
            || head.ends_with(['s', 'S']) && !is_possessive(head)
            || (p.first..p.last).any(|i| self.word_is(s, i, "and"))
    }

    fn cue(&self, s: &Sent, i: usize) -> Option<&'static CueVerb> {
        let e = self.token_entry(s, i);
        e.cue.and_then(|c| lexicon::CUE_VERBS.get(c as usize))
    }

    fn special(&self, s: &Sent, i: usize) -> Special {
        let w = s.word(i);
        if w.eq_ignore_ascii_case(lexicon::QUOTED) {
            Special::Quoted
        } else if w.eq_ignore_ascii_case(lexicon::ACCORDING_TO[0])
            && s.word(i + 1).eq_ignore_ascii_case(lexicon::ACCORDING_TO[1])
        {
            Special::According
        } else {
            Special::None
        }
    }

    fn word_is(&self, s: &Sent, i: usize, w: &str) -> bool {
        s.word(i).eq_ignore_ascii_case(w)
    }

    /// The number of tokens of a named outlet starting at token `i` (an optional `the` included), if one does.
    fn outlet_at(&self, s: &Sent, i: usize) -> Option<usize> {
        let skip = usize::from(self.word_is(s, i, "the"));
        let t = s.toks.get(i + skip)?;
        if t.kind != Kind::Word || !t.capitalised {
            return None;
        }
        let rest = s.text.get(t.start as usize..)?;
        for outlet in lexicon::OUTLETS {
            if !rest.starts_with(outlet) {
                continue;
            }
            let end = t.start as usize + outlet.len();
            // The outlet must end where a token ends.
            if let Some(k) = s.toks[i + skip..]
                .iter()
                .take(8)
                .position(|x| x.end as usize == end)
            {
                return Some(skip + k + 1);
            }
        }
        None
    }

    /// Pronoun, or named when the head (before an appositive's comma) is capitalised.
    fn speaker_kind(&self, s: &Sent, p: Phrase) -> SpeakerKind {
        let head = (p.first..=p.last)
            .find(|&i| s.kind(i) == Some(Kind::Comma))
            .map_or(p.last, |c| c.saturating_sub(1));
        if p.first == p.last && self.is(s, p.first, PRONOUN) {
            SpeakerKind::Pronoun
        } else if s.capitalised(head) && !self.is(s, head, DET) {
            SpeakerKind::Named
        } else {
            SpeakerKind::Description
        }
    }

    /// The noun phrase ending just before token `end`: a speaker or subject. Scans left over names, determiners,
    /// name links, lists (`Russia, Israel and Jordan`) and at most a few lowercase words.
    fn phrase_left(&self, s: &Sent, end: usize) -> Option<Phrase> {
        let head = end.checked_sub(1)?;
        if s.kind(head) != Some(Kind::Word) {
            return None;
        }
        let hc = self.classes(s, head);
        if hc & PRONOUN != 0 {
            return Some(Phrase {
                first: head,
                last: head,
            });
        }
        let w = s.word(head);
        if hc & (DET | LINK | BREAK | BE | NOT | BETWEEN | NOT_HEAD | TIME | PREP) != 0
            || is_possessive(w)
            || self.is_between(s, head)
            // Lowercase verb forms are no heads: `filed claims`, `having said`.
            || !s.capitalised(head) && w.len() > 4 && (w.ends_with("ed") || w.ends_with("ing"))
            || w.starts_with(|c: char| c.is_ascii_digit())
            || !s.capitalised(head) && self.cue(s, head).is_some()
        {
            return None;
        }
        let mut first = head;
        let mut lower_run = usize::from(!s.capitalised(head));
        let mut seen_and = false;
        let mut j = head;
        while j > 0 && end - (j - 1) <= lexicon::MAX_SPEAKER_TOKENS {
            let t = j - 1;
            match s.kind(t) {
                Some(Kind::Word) => {
                    let c = self.classes(s, t);
                    if c & TIME != 0 {
                        break;
                    }
                    if c & POSTMOD != 0
                        && t > 0
                        && s.kind(t - 1) == Some(Kind::Word)
                        && self.classes(s, t - 1)
                            & (BREAK | BE | NOT | BETWEEN | DET | LINK | PRONOUN | TIME)
                            == 0
                        && self.cue(s, t - 1).is_none()
                    {
                        j = t;
                        continue;
                    }
                    if c & DET != 0 {
                        first = t;
                        if t > 0 && self.is(s, t - 1, LINK) && s.kind(t - 1) == Some(Kind::Word) {
                            j = t;
                            continue;
                        }
                        break;
                    }
                    if c & LINK != 0 {
                        let before_ok = t > 0
                            && s.kind(t - 1) == Some(Kind::Word)
                            && self.classes(s, t - 1) & (BREAK | BE | NOT | BETWEEN | LINK) == 0
                            && (self.cue(s, t - 1).is_none() || s.capitalised(t - 1))
                            // `dealers and bank officials`, `Israel and Jordan`, not `comment and the NUM`.
                            && (!self.word_is(s, t, "and")
                                || s.capitalised(t - 1)
                                || s.word(t - 1).ends_with(['s', 'S'])
                                || !s.capitalised(t + 1) && !self.is(s, t + 1, DET));
                        if !before_ok {
                            break;
                        }
                        seen_and |= self.word_is(s, t, "and");
                        j = t;
                        continue;
                    }
                    if c & (BREAK | BE | NOT | PRONOUN | BETWEEN) != 0 {
                        break;
                    }
                    if s.capitalised(t) {
                        lower_run = 0;
                    } else {
                        if s.word(t).starts_with(|c: char| c.is_ascii_digit())
                            || self.cue(s, t).is_some()
                        {
                            break;
                        }
                        lower_run += 1;
                        if lower_run > lexicon::MAX_LOWERCASE_RUN {
                            break;
                        }
                    }
                    first = t;
                    j = t;
                }
                Some(Kind::Comma) if seen_and && t > 0 && s.capitalised(t - 1) => j = t,
                _ => break,
            }
        }
        // The object of a preposition is no subject; a name at its end may be (`In a statement Rostenkowski`).
        if first > 0 && self.is(s, first - 1, PREP) && s.kind(first - 1) == Some(Kind::Word) {
            if !s.capitalised(head) {
                return None;
            }
            let mut k = head;
            while k > first
                && (s.capitalised(k - 1)
                    || self.is(s, k - 1, LINK) && k >= 2 && s.capitalised(k - 2) && k - 1 > first)
            {
                k -= 1;
            }
            first = k;
        }
        Some(Phrase { first, last: head })
    }

    /// The noun phrase starting at token `start` (a speaker after an inverted verb: `said Lavrov, a spokesman
    /// for …`), with an appositive that opens with a determiner.
    fn phrase_right(&self, s: &Sent, start: usize) -> Option<Phrase> {
        let c0 = self.classes(s, start);
        if s.kind(start) != Some(Kind::Word) || c0 & (BREAK | BE | NOT | LINK) != 0 {
            return None;
        }
        if c0 & PRONOUN != 0 {
            return Some(Phrase {
                first: start,
                last: start,
            });
        }
        if !s.capitalised(start) && c0 & DET == 0 {
            return None;
        }
        let stop = |i: usize| -> bool {
            s.kind(i) != Some(Kind::Word)
                || self.classes(s, i) & (BREAK | BE | NOT | PRONOUN | TIME) != 0
                    && !self.is(s, i, LINK)
                || self.cue(s, i).is_some() && !s.capitalised(i) && !self.is(s, i - 1, DET)
        };
        let limit = (start + lexicon::MAX_SPEAKER_TOKENS).min(s.toks.len());
        let mut last = start;
        let mut i = start + 1;
        while i < limit && !stop(i) {
            last = i;
            i += 1;
        }
        // Appositive: `, a spokesman for the ministry`.
        if s.kind(i) == Some(Kind::Comma) && self.is(s, i + 1, DET) {
            let mut k = i + 2;
            let limit = (i + 1 + lexicon::MAX_SPEAKER_TOKENS).min(s.toks.len());
            while k < limit && !stop(k) {
                k += 1;
            }
            if k > i + 2 {
                last = k - 1;
            }
        }
        while last > start && self.is(s, last, LINK | DET) {
            last -= 1;
        }
        if self.is(s, last, DET) {
            return None;
        }
        Some(Phrase { first: start, last })
    }

    /// The speaker of the cue at token `v`: the phrase before it, past auxiliaries and adverbs (`have repeatedly
    /// insisted`), an appositive or relative clause between commas, or a `who` clause.
    fn subject_before(&self, s: &Sent, v: usize) -> Option<Phrase> {
        let mut i = v;
        while i > 0 && self.is_between(s, i - 1) {
            i -= 1;
        }
        if i > 0 && self.is(s, i - 1, BE | NOT) {
            return None;
        }
        if i > 0 && s.kind(i - 1) == Some(Kind::Comma) {
            return self.subject_before_comma(s, i - 1);
        }
        if i > 0 && self.word_is(s, i - 1, lexicon::WHO) {
            return self.phrase_left(s, i - 1);
        }
        // `officials who spoke on condition of anonymity said`: the speaker is before `who`.
        let from = i.saturating_sub(lexicon::MAX_SPEAKER_TOKENS);
        for w in (from..i).rev() {
            match s.kind(w) {
                Some(Kind::Word) if self.word_is(s, w, lexicon::WHO) => {
                    return self.phrase_left(s, w);
                }
                Some(Kind::Word) => {}
                _ => break,
            }
        }
        self.phrase_left(s, i)
    }

    /// The speaker when a comma (token `c`) stands before the verb: `Lavrov, a spokesman for X, said`,
    /// `Lavrov, who met Y on Monday, said`, or a headline-style `Russian Foreign Minister Sergei Lavrov, said`.
    fn subject_before_comma(&self, s: &Sent, c: usize) -> Option<Phrase> {
        let from = c.saturating_sub(lexicon::MAX_SPEAKER_TOKENS * 2);
        let mut p = None;
        for k in (from..c).rev() {
            match s.kind(k) {
                Some(Kind::Comma) => {
                    p = Some(k);
                    break;
                }
                Some(Kind::Word) | Some(Kind::Other) => {}
                _ => break,
            }
        }
        if let Some(p) = p {
            if self.word_is(s, p + 1, lexicon::WHO) {
                return self.phrase_left(s, p);
            }
            // `Lavrov, a spokesman for X, said` / `Iran's foreign minister, Javad Zarif, said`.
            if self.is(s, p + 1, DET) || s.capitalised(p + 1) {
                let appositive = self.phrase_left(s, c)?;
                let name = self.phrase_left(s, p)?;
                if appositive.first == p + 1
                    && (s.capitalised(name.last) || s.capitalised(appositive.last))
                {
                    return Some(Phrase {
                        first: name.first,
                        last: appositive.last,
                    });
                }
            }
            return None;
        }
        let name = self.phrase_left(s, c)?;
        (name.first == 0 && s.capitalised(name.last)).then_some(name)
    }

    /// The subject at the start of the sentence, for a participle cue (`Iran rejected the plan, saying …`).
    fn sentence_subject(&self, s: &Sent) -> Option<Phrase> {
        let c0 = self.classes(s, 0);
        if s.kind(0) != Some(Kind::Word) || c0 & (BREAK | BE | NOT | LINK | BETWEEN) != 0 {
            return None;
        }
        if c0 & PRONOUN != 0 {
            return Some(Phrase { first: 0, last: 0 });
        }
        let det = c0 & DET != 0;
        if !det && !s.capitalised(0) {
            return None;
        }
        let mut last = 0;
        let mut lower = 0;
        let limit = lexicon::MAX_SPEAKER_TOKENS.min(s.toks.len());
        let mut i = 1;
        while i < limit && s.kind(i) == Some(Kind::Word) {
            let c = self.classes(s, i);
            if c & LINK != 0 && s.capitalised(i + 1) {
                i += 1;
                continue;
            }
            if c & (BREAK | BE | NOT | BETWEEN | DET | PRONOUN | LINK) != 0
                || self.cue(s, i).is_some()
            {
                break;
            }
            if s.capitalised(i) {
                last = i;
            } else {
                let w = s.word(i);
                if !det
                    || lower >= 2
                    || w.ends_with("ed")
                    || w.starts_with(|c: char| c.is_ascii_digit())
                {
                    break;
                }
                lower += 1;
                last = i;
            }
            i += 1;
        }
        if det && last == 0 {
            return None;
        }
        Some(Phrase { first: 0, last })
    }

    /// Skips what may follow a cue before its content: the addressee of `told` (an outlet is kept), adjuncts
    /// (`on Monday`, `in a statement`, `in an interview with the BBC`) and `that`.
    fn after_cue(&self, s: &Sent, v: usize, cue: Option<&CueVerb>) -> AfterCue {
        let mut k = v + 1;
        let mut outlet = None;
        if cue.is_some_and(|c| c.addressee) {
            if let Some(n) = self.outlet_at(s, k) {
                outlet = Some(s.span(k, k + n - 1));
                k += n;
            } else {
                let start = k;
                if self.is(s, k, DET) {
                    k += 1;
                }
                while k < s.toks.len()
                    && k - start < lexicon::MAX_ADDRESSEE_TOKENS
                    && s.kind(k) == Some(Kind::Word)
                    && self.classes(s, k) & (DET | PRONOUN | BREAK | BE | NOT | ADJUNCT_OPEN) == 0
                    && !self.word_is(s, k, lexicon::THAT)
                {
                    k += 1;
                }
            }
        }
        loop {
            if s.kind(k) != Some(Kind::Word) || !self.is(s, k, ADJUNCT_OPEN) {
                break;
            }
            let mut m = k + 1;
            if self.is(s, k, ADJUNCT_WORD) {
                // A time word on its own (`yesterday`, `today`), perhaps with a part of the day.
                while m < s.toks.len() && m - k <= 2 && self.is(s, m, TIME) {
                    m += 1;
                }
                k = m;
                continue;
            }
            let mut prev_allows_name = true;
            let mut after_det = false;
            while m < s.toks.len()
                && m - k <= lexicon::MAX_ADJUNCT_TOKENS
                && s.kind(m) == Some(Kind::Word)
            {
                let c = self.classes(s, m);
                if c & ADJUNCT_WORD != 0 {
                    prev_allows_name = c & (DET | LINK) != 0;
                    // Only a preposition takes a noun phrase: `in its weekly bulletin`, not `yesterday the …`.
                    after_det |= c & DET != 0 && m == k + 1 && !self.is(s, k, ADJUNCT_WORD);
                } else if after_det
                    && !s.capitalised(m)
                    && c & (BREAK | BE | NOT | PRONOUN | DET | TIME) == 0
                    && self.cue(s, m).is_none()
                {
                    // `in its weekly statistical bulletin`: the rest of the noun phrase.
                } else if s.capitalised(m) && prev_allows_name {
                    prev_allows_name = true;
                } else if s.word(m).starts_with(|c: char| c.is_ascii_digit()) {
                    prev_allows_name = false;
                } else {
                    break;
                }
                m += 1;
            }
            // An adjunct never ends on a determiner: `said on Monday the deal …`.
            while m > k + 1 && self.is(s, m - 1, DET) {
                m -= 1;
            }
            if m == k + 1 && !self.is(s, k, ADJUNCT_WORD) {
                break;
            }
            if self.is(s, m, OUTLET_LINK) {
                if let Some(n) = self.outlet_at(s, m + 1) {
                    outlet = Some(s.span(m + 1, m + n));
                    m += 1 + n;
                }
            }
            k = m;
        }
        let that = self.word_is(s, k, lexicon::THAT);
        AfterCue {
            next: k + usize::from(that),
            outlet,
            that,
        }
    }

    fn source(
        &self,
        s: &Sent,
        p: Phrase,
        v_first: usize,
        v_last: usize,
        lemma: &'static str,
        outlet: Option<Span>,
    ) -> Source {
        Source {
            speaker: s.span(p.first, p.last),
            speaker_kind: self.speaker_kind(s, p),
            cue: s.span(v_first, v_last),
            lemma,
            outlet,
            sentence: s.index,
        }
    }

    /// The attribution clause right after a closing mark at token `c`: `,” Lavrov said`, `” said X, a spokesman`,
    /// `,” a Jordanian official told Reuters`, `,” he added`.
    fn after_quote(&self, s: &Sent, c: usize) -> Option<(Source, usize)> {
        let mut k = c + 1;
        if s.kind(k) == Some(Kind::Comma) {
            k += 1;
        }
        if let Some(cue) = self.cue(s, k).filter(|c| c.use_ == CueForm::Finite) {
            if let Some(p) = self.phrase_right(s, k + 1) {
                let after = self.after_cue(s, p.last, None);
                return Some((self.source(s, p, k, k, cue.lemma, after.outlet), k));
            }
        }
        let limit = (k + lexicon::MAX_SPEAKER_TOKENS + 4).min(s.toks.len());
        for v in k..limit {
            match s.kind(v) {
                Some(Kind::Word) => {}
                Some(Kind::Comma) | Some(Kind::Other) => continue,
                _ => return None,
            }
            if let Some(cue) = self.cue(s, v).filter(|c| c.use_ == CueForm::Finite) {
                let p = self.subject_before(s, v)?;
                if p.first != k || !self.agrees(s, p, cue) {
                    return None;
                }
                let after = self.after_cue(s, v, Some(cue));
                return Some((self.source(s, p, v, v, cue.lemma, after.outlet), v));
            }
        }
        None
    }

    /// The attribution clause right before an opening mark at token `o`: `Lavrov said: “`, `X told Reuters on
    /// Monday, “`, `X said that “`.
    fn before_quote(&self, s: &Sent, o: usize) -> Option<(Source, usize)> {
        let p = o.checked_sub(1)?;
        let j = if matches!(s.kind(p), Some(Kind::Colon) | Some(Kind::Comma)) {
            p
        } else {
            o
        };
        let from = j.saturating_sub(lexicon::MAX_PRE_QUOTE_TOKENS);
        for v in (from..j).rev() {
            match s.kind(v) {
                Some(Kind::Word) => {}
                Some(Kind::Comma) | Some(Kind::Other) => continue,
                _ => return None,
            }
            let Some(cue) = self.cue(s, v).filter(|c| c.use_ == CueForm::Finite) else {
                continue;
            };
            let after = self.after_cue(s, v, Some(cue));
            if after.next != o && after.next != j {
                return None;
            }
            let speaker = self
                .subject_before(s, v)
                .filter(|&p| self.agrees(s, p, cue))?;
            return Some((self.source(s, speaker, v, v, cue.lemma, after.outlet), v));
        }
        None
    }
}

/// The state of one pass over a document.
struct Run<'f, 't> {
    finder: &'f QuoteFinder,
    text: &'t str,
    out: Vec<Attribution>,
    open: Option<OpenQuote>,
    /// The last attribution's source and the last sentence it touched (for carried-over quote paragraphs).
    last: Option<(Source, u32)>,
    last_named: Option<Span>,
    toks: Vec<Token>,
    /// Cue tokens (by start offset) of the current sentence already used by a quote.
    /// Indexed by token.
    consumed: Vec<bool>,
    /// The current sentence's token entries (kept to reuse the allocation).
    entries: Vec<Cell<u32>>,
    /// Quoted stretches of the current sentence, where cues are the speaker's words, not attributions.
    regions: Vec<(u32, u32)>,
    /// The previous sentence read: its span and part.
    prev: Option<Sentence>,
}

impl Run<'_, '_> {
    fn sentence(&mut self, index: u32, sentence: &Sentence) {
        let span = sentence.span;
        let Some(body) = self.text.get(span.range()) else {
            self.flush_open();
            self.prev = None;
            return;
        };
        let paragraph_start = match self.prev {
            None => true,
            Some(p) => {
                p.part != sentence.part
                    || p.span.end > span.start
                    || self
                        .text
                        .get(p.span.end as usize..span.start as usize)
                        .is_none_or(|gap| gap.contains('\n'))
            }
        };
        if paragraph_start {
            self.flush_open();
        }
        self.prev = Some(*sentence);
        if self.finder.prefilter.find(body).is_none() {
            return;
        }
        let mut toks = std::mem::take(&mut self.toks);
        tokenize(body, span.start as usize, &mut toks);
        self.entries.clear();
        self.entries.resize(toks.len(), Cell::new(UNKNOWN));
        let entries = std::mem::take(&mut self.entries);
        let s = Sent {
            text: self.text,
            toks: &toks,
            index,
            entries: &entries,
        };
        self.consumed.clear();
        self.consumed.resize(toks.len(), false);
        self.regions.clear();
        let first_in_sentence = self.out.len();
        self.quotes(&s, span);
        self.reported(&s, first_in_sentence);
        self.toks = toks;
        self.entries = entries;
    }

    /// Ends a quote left open at a paragraph's end (news style: a quote running over paragraphs is closed only
    /// in its last one).
    fn flush_open(&mut self) {
        let (Some(open), Some(prev)) = (self.open.take(), self.prev) else {
            return;
        };
        let content = trimmed(
            self.text,
            Span::new(open.start as usize, prev.span.end as usize),
        );
        let source = open.pre.or_else(|| self.carry(&open));
        if let Some((source, carried)) = source.map(|s| (s, open.pre.is_none())) {
            self.emit_direct(source, content, open.sentence, carried);
        }
    }

    /// The previous attribution's source, when a quote opening its sentence follows it directly.
    fn carry(&self, open: &OpenQuote) -> Option<Source> {
        let (source, last_sentence) = self.last?;
        (open.at_sentence_start && last_sentence + 1 >= open.sentence).then_some(source)
    }

    fn emit_direct(&mut self, source: Source, content: Span, sentence: u32, carried: bool) {
        self.emit(
            source,
            content,
            AttributionKind::DirectQuote,
            sentence,
            carried,
        );
    }

    fn emit(
        &mut self,
        source: Source,
        content: Span,
        kind: AttributionKind,
        sentence: u32,
        carried: bool,
    ) {
        if content.is_empty() || source.speaker.is_empty() {
            return;
        }
        let antecedent = match source.speaker_kind {
            SpeakerKind::Pronoun => self.last_named.filter(|n| n.start < source.speaker.start),
            _ => {
                self.last_named = Some(source.speaker);
                None
            }
        };
        let last_sentence = sentence.max(source.sentence);
        if kind != AttributionKind::According {
            self.last = Some((source, last_sentence));
        }
        self.out.push(Attribution {
            kind,
            speaker: source.speaker,
            speaker_kind: source.speaker_kind,
            antecedent,
            cue: source.cue,
            cue_lemma: source.lemma,
            content,
            outlet: source.outlet,
            sentence,
            cue_sentence: source.sentence,
            carried_over: carried,
        });
    }

    /// Tracks quote marks through the sentence, attributing each quote as it closes.
    fn quotes(&mut self, s: &Sent, span: Span) {
        if let Some(open) = self.open {
            self.regions.push((open.start, span.end));
        }
        for (i, t) in s.toks.iter().enumerate() {
            let Kind::Mark(family, role) = t.kind else {
                continue;
            };
            match (self.open, role) {
                (None, MarkRole::Open) | (None, MarkRole::Toggle) => {
                    if role == MarkRole::Toggle && looks_closing(self.text, t) {
                        continue;
                    }
                    self.open_quote(s, i, family, span);
                }
                (Some(open), MarkRole::Toggle)
                    if open.family == family && looks_opening(self.text, t) =>
                {
                    // A quote left unclosed in an earlier sentence: end it here and open the next one.
                    self.open = None;
                    let content =
                        trimmed(self.text, Span::new(open.start as usize, t.start as usize));
                    let source = open
                        .pre
                        .map(|p| (p, false))
                        .or_else(|| self.carry(&open).map(|p| (p, true)));
                    if let Some((source, carried)) = source {
                        self.emit_direct(source, content, open.sentence, carried);
                    }
                    self.open_quote(s, i, family, span);
                }
                (Some(open), MarkRole::Close)
                | (Some(open), MarkRole::Toggle)
                | (Some(open), MarkRole::CloseSingleOrApostrophe)
                    if open.family == family =>
                {
                    self.open = None;
                    if let Some(r) = self.regions.last_mut() {
                        r.1 = t.end;
                    }
                    let content =
                        trimmed(self.text, Span::new(open.start as usize, t.start as usize));
                    let post = self.finder.after_quote(s, i);
                    if let Some((_, v)) = post {
                        self.consume(v);
                    }
                    let (source, carried) = match (post, open.pre) {
                        (Some((src, _)), _) => (Some(src), false),
                        (None, Some(src)) => (Some(src), false),
                        (None, None) => (self.carry(&open), true),
                    };
                    if let Some(source) = source {
                        self.emit_direct(source, content, open.sentence, carried);
                    }
                }
                _ => {}
            }
        }
    }

    fn open_quote(&mut self, s: &Sent, i: usize, family: MarkFamily, span: Span) {
        let Some(t) = s.toks.get(i) else {
            return;
        };
        let pre = self.finder.before_quote(s, i);
        if let Some((_, v)) = pre {
            self.consume(v);
        }
        self.open = Some(OpenQuote {
            family,
            start: t.end,
            sentence: s.index,
            at_sentence_start: i == 0,
            pre: pre.map(|(src, _)| src),
        });
        self.regions.push((t.start, span.end));
    }

    fn consume(&mut self, v: usize) {
        if let Some(c) = self.consumed.get_mut(v) {
            *c = true;
        }
    }

    /// Reported speech outside the quotes of the sentence. `first_in_sentence` is the length of the output when
    /// the sentence began.
    fn reported(&mut self, s: &Sent, first_in_sentence: usize) {
        let f = self.finder;
        let end = s.content_end();
        // Quote regions are in text order and do not overlap: one cursor walks them with the tokens.
        let mut region = 0;
        for v in 0..s.toks.len() {
            let t = &s.toks[v];
            if t.kind != Kind::Word
                || self.consumed.get(v).copied().unwrap_or(false)
                || !f.may_be_cue(
                    self.text
                        .as_bytes()
                        .get(t.start as usize..t.end as usize)
                        .unwrap_or_default(),
                )
            {
                continue;
            }
            while self.regions.get(region).is_some_and(|r| r.1 < t.end) {
                region += 1;
            }
            if self
                .regions
                .get(region)
                .is_some_and(|&(a, b)| a <= t.start && t.end <= b)
            {
                continue;
            }
            match f.special(s, v) {
                Special::According => {
                    self.according(s, v, end);
                    continue;
                }
                Special::Quoted => {
                    self.quoted_as_saying(s, v, end);
                    continue;
                }
                Special::None => {}
            }
            let Some(cue) = f.cue(s, v) else {
                continue;
            };
            match cue.use_ {
                CueForm::Participle => {
                    if v == 0 || s.kind(v - 1) != Some(Kind::Comma) {
                        continue;
                    }
                    let earlier = self.out[first_in_sentence.min(self.out.len())..]
                        .last()
                        .filter(|a| a.cue.end <= t.start && a.cue_sentence == s.index)
                        .map(|a| Source {
                            speaker: a.speaker,
                            speaker_kind: a.speaker_kind,
                            cue: Span::default(),
                            lemma: "",
                            outlet: a.outlet,
                            sentence: s.index,
                        });
                    let source = match earlier {
                        Some(src) => Source {
                            cue: s.span(v, v),
                            lemma: cue.lemma,
                            ..src
                        },
                        None => match f.sentence_subject(s) {
                            Some(p) if p.last + 1 < v => f.source(s, p, v, v, cue.lemma, None),
                            _ => continue,
                        },
                    };
                    let after = f.after_cue(s, v, Some(cue));
                    if after.next < end {
                        let content = s.span(after.next, end - 1);
                        self.emit(
                            source,
                            content,
                            AttributionKind::IndirectQuote,
                            s.index,
                            false,
                        );
                    }
                }
                CueForm::Finite => {
                    // `said to be`, `reported to have`: hearsay about the subject, no speaker.
                    if f.word_is(s, v + 1, "to")
                        && (f.word_is(s, v + 2, "be") || f.word_is(s, v + 2, "have"))
                    {
                        continue;
                    }
                    let Some(p) = f.subject_before(s, v).filter(|&p| f.agrees(s, p, cue)) else {
                        continue;
                    };
                    let after = f.after_cue(s, v, Some(cue));
                    let source = f.source(s, p, v, v, cue.lemma, after.outlet);
                    let after_comma = p.first >= 2 && s.kind(p.first - 1) == Some(Kind::Comma);
                    let content = if after.next >= end {
                        // `…, the ministry said (on Monday).`
                        if !after_comma {
                            continue;
                        }
                        s.span(0, p.first - 2)
                    } else if s.kind(after.next) == Some(Kind::Comma) {
                        // `Prices, the ministry said, will rise.`
                        if !after_comma {
                            continue;
                        }
                        s.span(0, end - 1)
                    } else {
                        if cue.clause_only && !after.that {
                            continue;
                        }
                        // `marks announced recently by Volkswagen`, `lire announced for 1986`: a participle.
                        let mut n = after.next;
                        while f.is_between(s, n) {
                            n += 1;
                        }
                        if !after.that
                            && !lexicon::PREPOSITION_CUES.contains(&cue.lemma)
                            && f.is(s, n, PREP)
                            && !f.is(s, n, DET)
                        {
                            continue;
                        }
                        if f.is_auxiliary(s, after.next) {
                            // `The problem, he said was …`: the clause wraps the attribution.
                            s.span(0, end - 1)
                        } else {
                            s.span(after.next, end - 1)
                        }
                    };
                    let content = trimmed(self.text, content);
                    self.emit(
                        source,
                        content,
                        AttributionKind::IndirectQuote,
                        s.index,
                        false,
                    );
                }
            }
        }
    }

    /// `according to X, …`, `…, according to X.` and `X, according to Y, …`.
    fn according(&mut self, s: &Sent, v: usize, end: usize) {
        let f = self.finder;
        let start = v + 2;
        let mut k = start;
        while k < s.toks.len()
            && k - start < lexicon::MAX_SPEAKER_TOKENS
            && s.kind(k) == Some(Kind::Word)
            && !f.word_is(s, k, lexicon::THAT)
            && !f.word_is(s, k, lexicon::WHO)
            && !f.word_is(s, k, "which")
        {
            k += 1;
        }
        while k > start && f.is(s, k - 1, DET | LINK) {
            k -= 1;
        }
        if k == start {
            return;
        }
        // `according to the president of X, Hanns Schroeder.`: a name after a comma ends the sentence.
        if s.kind(k) == Some(Kind::Comma)
            && end > k + 1
            && end - k <= lexicon::MAX_SPEAKER_TOKENS / 2
            && (k + 1..end).all(|i| s.capitalised(i) || f.is(s, i, LINK))
        {
            k = end;
        }
        let phrase = Phrase {
            first: start,
            last: k - 1,
        };
        let bare = start + usize::from(f.is(s, start, DET));
        if bare + 1 == k
            && lexicon::NOT_SOURCES
                .iter()
                .any(|w| w.eq_ignore_ascii_case(s.word(bare)))
        {
            return;
        }
        let outlet = (start..k).find_map(|i| f.outlet_at(s, i).map(|n| s.span(i, i + n - 1)));
        let source = f.source(s, phrase, v, v + 1, lexicon::ACCORDING_LEMMA, outlet);
        let opens = v == 0
            || v == 1 && f.is(s, 0, BREAK)
            || v == 1 && matches!(s.kind(0), Some(Kind::Mark(..)));
        let content = if opens && s.kind(k) == Some(Kind::Comma) && k + 1 < end {
            s.span(k + 1, end - 1)
        } else if v >= 2 && s.kind(v - 1) == Some(Kind::Comma) && k >= end {
            s.span(0, v - 2)
        } else if v >= 3
            && matches!(s.kind(v - 1), Some(Kind::Mark(..)))
            && s.kind(v - 2) == Some(Kind::Comma)
            && k >= end
        {
            // `“…,” according to the analysis.`
            s.span(0, v - 3)
        } else if end > 0 {
            s.span(0, end - 1)
        } else {
            return;
        };
        let content = trimmed(self.text, content);
        self.emit(source, content, AttributionKind::According, s.index, false);
    }

    /// `X was quoted (by Interfax) as saying …` and `Interfax quoted X as saying …`.
    fn quoted_as_saying(&mut self, s: &Sent, v: usize, end: usize) {
        let f = self.finder;
        let limit = (v + 2 + lexicon::MAX_SPEAKER_TOKENS).min(s.toks.len());
        let Some(a) = (v + 1..limit).find(|&i| {
            f.word_is(s, i, lexicon::QUOTED_AS[0]) && f.word_is(s, i + 1, lexicon::QUOTED_AS[1])
        }) else {
            return;
        };
        let passive = v > 0 && f.is(s, v - 1, BE);
        let (speaker, outlet) = if passive {
            let Some(p) = f
                .subject_before(s, v - 1)
                .or_else(|| f.phrase_left(s, v - 1))
            else {
                return;
            };
            let outlet = (f.word_is(s, v + 1, "by") && a > v + 2).then(|| s.span(v + 2, a - 1));
            (p, outlet)
        } else {
            let Some(by) = f.phrase_left(s, v) else {
                return;
            };
            if a <= v + 1 {
                return;
            }
            (
                Phrase {
                    first: v + 1,
                    last: a - 1,
                },
                Some(s.span(by.first, by.last)),
            )
        };
        let cue_first = if passive { v - 1 } else { v };
        let mut source = f.source(s, speaker, cue_first, a + 1, lexicon::QUOTED_LEMMA, outlet);
        source.cue = s.span(v, v);
        let mut next = a + 2;
        if f.word_is(s, next, lexicon::THAT) {
            next += 1;
        }
        // `… as saying: “…”`: the quote pass has the words; skip the mark itself.
        while matches!(s.kind(next), Some(Kind::Colon) | Some(Kind::Comma)) {
            next += 1;
        }
        if next < end {
            let content = trimmed(self.text, s.span(next, end - 1));
            self.emit(
                source,
                content,
                AttributionKind::IndirectQuote,
                s.index,
                false,
            );
        }
    }
}

/// An ASCII `"` after a space and before a letter: an opening mark.
fn looks_opening(text: &str, t: &Token) -> bool {
    let before = text[..t.start as usize].chars().next_back();
    let after = text[t.end as usize..].chars().next();
    before.is_none_or(char::is_whitespace) && after.is_some_and(char::is_alphanumeric)
}

/// An ASCII `"` that follows a word and precedes a space: a closing mark (whose opening one is out of reach).
fn looks_closing(text: &str, t: &Token) -> bool {
    let before = text[..t.start as usize].chars().next_back();
    let after = text[t.end as usize..].chars().next();
    before.is_some_and(|c| !c.is_whitespace() && !matches!(c, '(' | '[' | '-' | '\u{2014}'))
        && after.is_none_or(|c| c.is_whitespace() || c.is_ascii_punctuation())
}
