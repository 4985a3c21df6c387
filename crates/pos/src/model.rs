//! The embedded Brill model and the tagging algorithm.

use crate::tag::{Coarse, Tag};
use crate::TagBuffer;
use dyad_model::lines::lines;
use std::collections::{HashMap, HashSet};
use std::hash::{BuildHasherDefault, Hasher};
use std::sync::OnceLock;

/// Padding tags on each side of a sentence: the widest contextual rule looks three tokens away.
pub(crate) const PAD: usize = 3;

/// The word contextual rules see outside the sentence.
const PAD_WORD: &str = "STAART";

const LEXICON: &str = include_str!("../model/lexicon.tsv");
const MORPHOLOGY: &str = include_str!("../model/morphology.tsv");
const CONTEXT: &str = include_str!("../model/context.tsv");

/// FNV-1a: the lexicon's keys are short words, for which SipHash costs more than the lookup itself.
#[derive(Default)]
struct Fnv(u64);

impl Hasher for Fnv {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        let mut h = if self.0 == 0 {
            0xcbf2_9ce4_8422_2325
        } else {
            self.0
        };
        for &b in bytes {
            h ^= u64::from(b);
            h = h.wrapping_mul(0x0100_0000_01b3);
        }
        self.0 = h;
    }
}

type Lexicon = HashMap<&'static str, Tag, BuildHasherDefault<Fnv>>;

/// What a lexical (unknown-word) rule tests, with its string argument.
#[derive(Debug, Clone, Copy)]
enum MorphTest {
    /// The word contains the string.
    Char,
    HasPrefix,
    HasSuffix,
    /// The string + the word is in the lexicon.
    AddPrefix,
    /// The word + the string is in the lexicon.
    AddSuffix,
    /// The word starts with the string and the rest is in the lexicon.
    DeletePrefix,
    /// The word ends with the string and the rest is in the lexicon.
    DeleteSuffix,
    /// The next word is the string (Pattern's reading of Brill's `goodleft`).
    GoodLeft,
    /// The previous word is the string (Pattern's reading of `goodright`).
    GoodRight,
}

#[derive(Debug, Clone, Copy)]
struct MorphRule {
    /// Applies only to a word currently tagged this (`f…` rules), else to any unknown word.
    when: Option<Tag>,
    arg: &'static str,
    test: MorphTest,
    to: Tag,
}

/// What a contextual rule tests; `W` are words, tags are tags, offsets relative to the current token.
#[derive(Debug, Clone, Copy)]
enum Cond {
    Tag(isize, Tag),
    TagIn(isize, isize, Tag),
    Surround(Tag, Tag),
    Word(isize, &'static str),
    WordIn(isize, isize, &'static str),
    WordTag(isize, &'static str, Tag),
    /// The current word is the string and the token at the offset has the tag.
    TwoTagWord(isize, Tag, &'static str),
    TwoWords(isize, &'static str, isize, &'static str),
    TwoTags(isize, Tag, isize, Tag),
}

#[derive(Debug, Clone, Copy)]
struct ContextRule {
    /// `None`: any tag (`*`).
    from: Option<Tag>,
    to: Tag,
    cond: Cond,
}

/// The tagger: the embedded English model, read once (see [`tagger`]).
#[derive(Debug)]
pub struct Tagger {
    lexicon: Lexicon,
    morphology: Vec<MorphRule>,
    /// For each tag, the contextual rules (with their index, ascending) that can change a token with that tag.
    rules_for: Vec<Vec<(u16, ContextRule)>>,
    /// For each closed-class tag, the lower-cased words the lexicon gives it ([`Tagger::may_become`]).
    closed: Vec<Option<HashSet<String>>>,
    /// Apply [`Tagger::may_become`] (on by default; off reproduces Pattern's tagger).
    restrict: bool,
}

/// Closed word classes: a contextual rule may move a word into one only if the lexicon knows it there.
const CLOSED_CLASSES: &[Tag] = &[
    Tag::CC,
    Tag::DT,
    Tag::EX,
    Tag::MD,
    Tag::PDT,
    Tag::POS,
    Tag::PRP,
    Tag::PRPS,
    Tag::TO,
    Tag::WDT,
    Tag::WP,
    Tag::WPS,
];

/// The shared tagger, built from the embedded model on first use (about 94,000 words, a few milliseconds).
pub fn tagger() -> &'static Tagger {
    static TAGGER: OnceLock<Tagger> = OnceLock::new();
    TAGGER.get_or_init(Tagger::embedded)
}

/// The tagger exactly as Pattern runs it, without [`Tagger::may_become`]'s checks (for comparison).
pub fn pattern_tagger() -> &'static Tagger {
    static TAGGER: OnceLock<Tagger> = OnceLock::new();
    TAGGER.get_or_init(|| Tagger {
        restrict: false,
        ..Tagger::embedded()
    })
}

fn fields(line: &str) -> Vec<&str> {
    line.split('\t').collect()
}

fn morph_rule(f: &[&'static str]) -> Option<MorphRule> {
    let test = |name: &str| {
        Some(match name.trim_start_matches('f') {
            "char" => MorphTest::Char,
            "haspref" => MorphTest::HasPrefix,
            "hassuf" => MorphTest::HasSuffix,
            "addpref" => MorphTest::AddPrefix,
            "addsuf" => MorphTest::AddSuffix,
            "deletepref" => MorphTest::DeletePrefix,
            "deletesuf" => MorphTest::DeleteSuffix,
            "goodleft" => MorphTest::GoodLeft,
            "goodright" => MorphTest::GoodRight,
            _ => return None,
        })
    };
    // `NN s fhassuf 1 NNS` (only words tagged NN) or `ly hassuf 2 RB` (any unknown word); the length field is
    // absent from the neighbour rules (`NN $ fgoodright CD`) and unused, as in Pattern.
    let to = Tag::parse(f.last()?)?;
    if let Some(test) = f
        .get(1)
        .and_then(|n| test(n).filter(|_| !n.starts_with('f')))
    {
        return Some(MorphRule {
            when: None,
            arg: f[0],
            test,
            to,
        });
    }
    let name = f.get(2).filter(|n| n.starts_with('f'))?;
    Some(MorphRule {
        when: Some(Tag::parse(f[0])?),
        arg: f[1],
        test: test(name)?,
        to,
    })
}

fn context_rule(f: &[&'static str]) -> Option<ContextRule> {
    let [from, to, name, args @ ..] = f else {
        return None;
    };
    let tag = |i: usize| Tag::parse(args.get(i)?);
    let word = |i: usize| args.get(i).copied();
    let cond = match name.to_ascii_lowercase().as_str() {
        "prevtag" => Cond::Tag(-1, tag(0)?),
        "nexttag" => Cond::Tag(1, tag(0)?),
        "prev2tag" => Cond::Tag(-2, tag(0)?),
        "next2tag" => Cond::Tag(2, tag(0)?),
        "prev1or2tag" => Cond::TagIn(-2, -1, tag(0)?),
        "next1or2tag" => Cond::TagIn(1, 2, tag(0)?),
        "prev1or2or3tag" => Cond::TagIn(-3, -1, tag(0)?),
        "next1or2or3tag" => Cond::TagIn(1, 3, tag(0)?),
        "surroundtag" => Cond::Surround(tag(0)?, tag(1)?),
        "curwd" => Cond::Word(0, word(0)?),
        "prevwd" => Cond::Word(-1, word(0)?),
        "nextwd" => Cond::Word(1, word(0)?),
        "prev1or2wd" => Cond::WordIn(-2, -1, word(0)?),
        "next1or2wd" => Cond::WordIn(1, 2, word(0)?),
        "prevwdtag" => Cond::WordTag(-1, word(0)?, tag(1)?),
        "nextwdtag" => Cond::WordTag(1, word(0)?, tag(1)?),
        "wdprevtag" => Cond::TwoTagWord(-1, tag(0)?, word(1)?),
        "wdnexttag" => Cond::TwoTagWord(1, tag(1)?, word(0)?),
        "wdand2aft" => Cond::TwoWords(0, word(0)?, 2, word(1)?),
        "wdand2tagbfr" => Cond::TwoTagWord(-2, tag(0)?, word(1)?),
        "wdand2tagaft" => Cond::TwoTagWord(2, tag(1)?, word(0)?),
        "lbigram" => Cond::TwoWords(-1, word(0)?, 0, word(1)?),
        "rbigram" => Cond::TwoWords(0, word(0)?, 1, word(1)?),
        "prevbigram" => Cond::TwoTags(-2, tag(0)?, -1, tag(1)?),
        "nextbigram" => Cond::TwoTags(1, tag(0)?, 2, tag(1)?),
        _ => return None,
    };
    Some(ContextRule {
        from: if *from == "*" {
            None
        } else {
            Some(Tag::parse(from)?)
        },
        to: Tag::parse(to)?,
        cond,
    })
}

impl Tagger {
    /// Reads the embedded model. Lines that do not parse are skipped (a unit test checks there are none).
    fn embedded() -> Tagger {
        let mut lexicon = Lexicon::with_capacity_and_hasher(LEXICON.len() / 12, Default::default());
        for line in lines(LEXICON) {
            // A tab is one byte: cutting there keeps both sides whole characters.
            if let Some(tab) = line.bytes().position(|b| b == b'\t') {
                if let Some(tag) = Tag::parse(&line[tab + 1..]) {
                    lexicon.insert(&line[..tab], tag);
                }
            }
        }
        let morphology = MORPHOLOGY
            .lines()
            .filter_map(|l| morph_rule(&fields(l)))
            .collect();
        let context: Vec<ContextRule> = CONTEXT
            .lines()
            .filter_map(|l| context_rule(&fields(l)))
            .collect();
        let mut rules_for = vec![Vec::new(); Tag::ALL.len()];
        for (i, r) in context.iter().enumerate() {
            for &t in Tag::ALL {
                // A rule that would give the tag the token has changes nothing.
                if r.from.is_none_or(|f| f == t) && t != Tag::Staart && r.to != t {
                    rules_for[t as usize].push((i as u16, *r));
                }
            }
        }
        let mut closed: Vec<Option<HashSet<String>>> = vec![None; Tag::ALL.len()];
        for &t in CLOSED_CLASSES {
            closed[t as usize] = Some(HashSet::new());
        }
        for (word, &tag) in &lexicon {
            if let Some(set) = &mut closed[tag as usize] {
                set.insert(word.to_lowercase());
            }
        }
        Tagger {
            lexicon,
            morphology,
            rules_for,
            closed,
            restrict: true,
        }
    }

    /// The lexicon's tag for exactly this spelling.
    pub fn lookup(&self, word: &str) -> Option<Tag> {
        self.lexicon.get(word).copied()
    }

    /// Tags `words` (one sentence, already tokenized Penn-style: punctuation, `'s` and `n't` as their own tokens
    /// where the caller has them) and returns the tags, one per word, held in `buf`.
    pub fn tag<'b, S: AsRef<str>>(&self, words: &[S], buf: &'b mut TagBuffer) -> &'b [Tag] {
        self.tag_with(words.len(), |i| words[i].as_ref(), buf)
    }

    /// As [`Tagger::tag`], with the words given by a function of their index (`0..n`), so a caller can tag its
    /// own token type without building a list of strings.
    pub fn tag_with<'w, 'b>(
        &self,
        n: usize,
        word: impl Fn(usize) -> &'w str,
        buf: &'b mut TagBuffer,
    ) -> &'b [Tag] {
        if is_all_caps(n, &word) {
            // Old wire copy: capitals carry no information, so the sentence is tagged in lower case.
            let mut lower = std::mem::take(&mut buf.lower);
            let mut ends = std::mem::take(&mut buf.lower_ends);
            lower.clear();
            ends.clear();
            for i in 0..n {
                lower.extend(word(i).chars().flat_map(char::to_lowercase));
                ends.push(lower.len());
            }
            let at = |i: usize| &lower[if i == 0 { 0 } else { ends[i - 1] }..ends[i]];
            self.tag_cased(n, at, buf);
            buf.lower = lower;
            buf.lower_ends = ends;
        } else {
            self.tag_cased(n, word, buf);
        }
        buf.tags()
    }

    fn tag_cased<'w>(&self, n: usize, word: impl Fn(usize) -> &'w str, buf: &mut TagBuffer) {
        buf.padded.clear();
        buf.padded.resize(n + 2 * PAD, Tag::Staart);
        // 1. The lexicon; unknown words keep the padding tag until step 2.
        let mut scratch = std::mem::take(&mut buf.scratch);
        for i in 0..n {
            let w = word(i);
            let mut tag = self.lookup(w);
            if tag.is_none() && i == 0 && w.chars().any(char::is_uppercase) {
                scratch.clear();
                scratch.extend(w.chars().flat_map(char::to_lowercase));
                tag = self.lookup(&scratch);
            }
            if let Some(t) = tag {
                buf.padded[PAD + i] = t;
            }
        }
        // 2. Unknown words, left to right.
        for i in 0..n {
            if buf.padded[PAD + i] != Tag::Staart {
                continue;
            }
            let w = word(i);
            let tag = if is_title(w) {
                Tag::NNP
            } else if is_number(w) {
                Tag::CD
            } else {
                let prev = if i > 0 { Some(word(i - 1)) } else { None };
                let next = if i + 1 < n { Some(word(i + 1)) } else { None };
                self.morphology(w, prev, next, &mut scratch)
            };
            buf.padded[PAD + i] = tag;
        }
        // 3. Contextual rules, token by token, each token's rules in file order; a change is seen at once.
        let padded_word = |j: isize| -> &str {
            let k = j - PAD as isize;
            if k >= 0 && (k as usize) < n {
                word(k as usize)
            } else {
                PAD_WORD
            }
        };
        for i in PAD..PAD + n {
            let mut from_rule = 0u16;
            'rules: loop {
                let list = &self.rules_for[buf.padded[i] as usize];
                let at = list.partition_point(|&(r, _)| r < from_rule);
                for &(r, ref rule) in &list[at..] {
                    if self.holds(&rule.cond, &buf.padded, i as isize, &padded_word)
                        && self.may_become(
                            padded_word(i as isize),
                            buf.padded[i],
                            rule.to,
                            &mut scratch,
                        )
                    {
                        buf.padded[i] = rule.to;
                        from_rule = r + 1;
                        continue 'rules;
                    }
                }
                break;
            }
        }
        buf.scratch = scratch;
    }

    /// Whether a contextual rule may give `word` the tag `to`. Brill's tagger lets a rule move a known word only to
    /// a tag the word had in training; Pattern's lexicon keeps one tag per word, so that check is lost and rules
    /// fire on words that can never take the tag ("almost" → NNP after a name, "about" → WDT before a verb). Two
    /// closed-world checks stand in for it: a proper-noun tag needs a capital letter, and a closed-class tag
    /// (determiners, pronouns, wh-words, modals, `to`, coordinators, possessive ending) needs a word the lexicon
    /// lists with that tag in some capitalisation. A third keeps function words (prepositions, particles and the
    /// closed classes) out of the open noun, verb and adjective classes ("about to restore": not a verb).
    fn may_become(&self, word: &str, from: Tag, to: Tag, scratch: &mut String) -> bool {
        if !self.restrict {
            return true;
        }
        let function_word =
            matches!(from, Tag::IN | Tag::RP) || self.closed[from as usize].is_some();
        if function_word && matches!(to.coarse(), Coarse::Noun | Coarse::Verb | Coarse::Adjective) {
            return false;
        }
        match to {
            Tag::NNP | Tag::NNPS => word.chars().next().is_some_and(char::is_uppercase),
            _ => match &self.closed[to as usize] {
                None => true,
                Some(members) => {
                    scratch.clear();
                    scratch.extend(word.chars().flat_map(char::to_lowercase));
                    members.contains(scratch.as_str())
                }
            },
        }
    }

    fn holds<'w>(
        &self,
        cond: &Cond,
        tags: &[Tag],
        i: isize,
        word: &impl Fn(isize) -> &'w str,
    ) -> bool {
        let tag = |d: isize| tags[(i + d) as usize];
        match *cond {
            Cond::Tag(d, t) => tag(d) == t,
            Cond::TagIn(a, b, t) => (a..=b).any(|d| tag(d) == t),
            Cond::Surround(a, b) => tag(-1) == a && tag(1) == b,
            Cond::Word(d, w) => word(i + d) == w,
            Cond::WordIn(a, b, w) => (a..=b).any(|d| word(i + d) == w),
            Cond::WordTag(d, w, t) => tag(d) == t && word(i + d) == w,
            Cond::TwoTagWord(d, t, w) => tag(d) == t && word(i) == w,
            Cond::TwoWords(a, x, b, y) => word(i + a) == x && word(i + b) == y,
            Cond::TwoTags(a, x, b, y) => tag(a) == x && tag(b) == y,
        }
    }

    /// Brill's lexical rules on an unknown word that is neither a name nor a number, starting from `NN`.
    fn morphology(&self, w: &str, prev: Option<&str>, next: Option<&str>, buf: &mut String) -> Tag {
        let mut tag = Tag::NN;
        let mut in_lexicon = |a: &str, b: &str| {
            buf.clear();
            buf.push_str(a);
            buf.push_str(b);
            self.lexicon.contains_key(buf.as_str())
        };
        for r in &self.morphology {
            if r.when.is_some_and(|t| t != tag) {
                continue;
            }
            let x = r.arg;
            let fires = match r.test {
                MorphTest::Char => w.contains(x),
                MorphTest::HasPrefix => w.starts_with(x),
                MorphTest::HasSuffix => w.ends_with(x),
                MorphTest::AddPrefix => in_lexicon(x, w),
                MorphTest::AddSuffix => in_lexicon(w, x),
                MorphTest::DeletePrefix => w
                    .strip_prefix(x)
                    .is_some_and(|rest| self.lexicon.contains_key(rest)),
                MorphTest::DeleteSuffix => w
                    .strip_suffix(x)
                    .is_some_and(|rest| self.lexicon.contains_key(rest)),
                MorphTest::GoodLeft => next == Some(x),
                MorphTest::GoodRight => prev == Some(x),
            };
            if fires {
                tag = r.to;
            }
        }
        tag
    }
}

/// Every letter of the sentence is a capital (and there is one).
fn is_all_caps<'w>(n: usize, word: &impl Fn(usize) -> &'w str) -> bool {
    let mut letters = (0..n)
        .flat_map(|i| word(i).chars())
        .filter(|c| c.is_alphabetic())
        .peekable();
    letters.peek().is_some() && letters.all(char::is_uppercase)
}

/// Python's `str.istitle`: some cased letter, every upper-case letter starts a run of letters and every
/// lower-case letter follows a letter ("Habyarimana", "U.N."; not "McDonald", "AK-47", "iPhone").
fn is_title(w: &str) -> bool {
    let mut prev_cased = false;
    let mut any = false;
    for c in w.chars() {
        if c.is_uppercase() {
            if prev_cased {
                return false;
            }
            prev_cased = true;
            any = true;
        } else if c.is_lowercase() {
            if !prev_cased {
                return false;
            }
            prev_cased = true;
            any = true;
        } else {
            prev_cased = false;
        }
    }
    any
}

/// Digits and number punctuation only (`1,200`, `3.5%`, `$40`, `1987-88`).
fn is_number(w: &str) -> bool {
    !w.is_empty()
        && w.bytes()
            .all(|b| b.is_ascii_digit() || b"-,.:/%$".contains(&b))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_model_line_is_read() {
        let t = tagger();
        assert_eq!(t.lexicon.len(), LEXICON.lines().count());
        assert_eq!(t.morphology.len(), MORPHOLOGY.lines().count());
        let context = CONTEXT
            .lines()
            .filter_map(|l| context_rule(&fields(l)))
            .count();
        assert_eq!(context, CONTEXT.lines().count());
        assert!(t.lexicon.len() > 90_000 && context > 250 && t.morphology.len() > 100);
    }

    fn tags(words: &str) -> Vec<&'static str> {
        let words: Vec<&str> = words.split(' ').collect();
        let mut buf = TagBuffer::default();
        tagger()
            .tag(&words, &mut buf)
            .iter()
            .map(|t| t.as_str())
            .collect()
    }

    #[test]
    fn lexicon_unknown_words_and_context() {
        // "talks" is NNS after a determiner, a verb after a pronoun.
        assert_eq!(tags("the talks"), ["DT", "NNS"]);
        assert_eq!(tags("he talks to them"), ["PRP", "VBZ", "TO", "PRP"]);
        // Unknown words: a title-case name, a number, a suffix rule.
        assert_eq!(
            tags("President Juvenal Habyarimana said"),
            ["NNP", "NNP", "NNP", "VBD"]
        );
        assert_eq!(tags("1,234"), ["CD"]);
        assert_eq!(tags("the glorbishly"), ["DT", "RB"]);
        // "to" + a word that is a noun in the lexicon makes it a verb (NN VB PREVTAG TO).
        assert_eq!(tags("want to fight")[2], "VB");
    }

    #[test]
    fn all_capitals_read_through_lower_case() {
        assert_eq!(
            tags("THE TALKS WERE HELD IN PARIS"),
            tags("the talks were held in paris")
        );
        assert_eq!(tags("THE TALKS WERE HELD")[1], "NNS");
    }

    #[test]
    fn empty_and_odd_input_do_not_panic() {
        let mut buf = TagBuffer::default();
        assert!(tagger().tag::<&str>(&[], &mut buf).is_empty());
        let odd = ["", "\u{0}", "ÉTAT", "--", "'s", "n't", "ﬁ", "🙂"];
        assert_eq!(tagger().tag(&odd, &mut buf).len(), odd.len());
        let long: Vec<String> = (0..300).map(|i| format!("w{i}")).collect();
        assert_eq!(tagger().tag(&long, &mut buf).len(), 300);
    }
}
