//! The building blocks every dictionary shares: words with their match flags, phrases, pattern tokens and codes.
//!
//! All three formats (TABARI, PETRARCH-1, PETRARCH-2) write phrases as upper-case words joined by `_` (must be
//! consecutive) or blanks (TABARI: other words may come between), with a word-final `_` meaning "whole word, not a
//! stem". These types keep exactly what the line said; how a coder interprets it per format is described on
//! [`Dialect`]. Text is upper-cased on reading (Unicode upper case), so every consumer compares upper-case strings.

/// Which program's dictionary syntax a file follows. The syntax is close across the three, the meaning differs:
///
/// - `Tabari`: word without `_` at its end is a *stem* (prefix match: `ACCEPT` matches `ACCEPTED`); a final `_`
///   forces a whole word; `=` at the end turns off TABARI's automatic endings (`S ED ES EN ING`, and `'S` on
///   nouns). Words joined by `_` must be consecutive; a blank lets other words come between (verb patterns). `-`
///   inside a dictionary word is read as `_` (TABARI 0.7.3+, which also replaces hyphens in text by blanks).
///   Comments: lines starting `#` or `/`, and anything after `;`.
/// - `Petrarch1`: words are matched whole against parsed text (no stems in practice, though the `_` flags are kept);
///   blanks and `_` both separate phrase words in actors; regular verb forms / noun plurals are generated (see
///   [`crate::forms`]). Comments: lines starting `#` or `<!`, `<!-- … -->`, and text after the last ` #`.
/// - `Petrarch2`: as `Petrarch1`, but verb patterns are phrase-structured (`{A B}` noun phrase, `(PREP …)`
///   prepositional phrase) and the file may end with `~` transformations.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Dialect {
    Tabari,
    Petrarch1,
    Petrarch2,
}

/// One dictionary word, upper-cased, without its connector characters.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Word {
    /// The word itself, e.g. `UNITED`. Never empty; may contain `'` `.` `-` (PETRARCH keeps hyphens).
    pub text: String,
    /// The word ended with `_` or `=`: it matches a whole word only, not as a stem (TABARI semantics).
    pub exact: bool,
    /// The word ended with `=`: TABARI adds none of its regular endings (`S ED ES EN ING`).
    pub no_endings: bool,
}

/// A word of a phrase and how it links to the next word.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct PhraseWord {
    pub word: Word,
    /// `_` or `~` joined this word to the next: the next word must follow immediately. False after a blank (and on
    /// the last word).
    pub adjacent_next: bool,
}

/// A plain phrase: actor names, agent nouns, nouns/adjectives, discard phrases.
///
/// `UNITED_STATES_` reads as `UNITED` (exact, adjacent) + `STATES` (exact).
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default)]
pub struct Phrase {
    /// At least one word for every phrase a reader returns.
    pub words: Vec<PhraseWord>,
}

impl Phrase {
    /// The words joined by single blanks, e.g. `"UNITED STATES"`: the form PETRARCH matches against text.
    pub fn text(&self) -> String {
        let mut out = String::new();
        for (i, w) in self.words.iter().enumerate() {
            if i > 0 {
                out.push(' ');
            }
            out.push_str(&w.word.text);
        }
        out
    }

    /// The number of words.
    pub fn len(&self) -> usize {
        self.words.len()
    }

    /// True for a phrase with no words (readers never return one).
    pub fn is_empty(&self) -> bool {
        self.words.is_empty()
    }
}

/// What a pattern element is. Patterns are kept as written, left to right; `Verb` marks where the verb goes.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum PatternToken {
    /// A literal word.
    Word(Word),
    /// `&NAME`: any member of the synset `NAME` (stored without `&` and without a trailing `_`).
    Synset(String),
    /// `*` (PETRARCH docs also write `**`): the position of the verb.
    Verb,
    /// `$`: the source actor is the first actor found here.
    Source,
    /// `+`: the target actor is the first actor found here.
    Target,
    /// `%`: a compound actor that supplies both source and target.
    Compound,
    /// `^`: skip over one actor (noun phrase) without assigning it.
    Skip,
    /// TABARI `{ a | b | … }`: one of several alternative sub-patterns.
    Alternatives(Vec<Vec<PatternElement>>),
    /// PETRARCH-2 `{A B …}`: a noun phrase; the last word is its head.
    NounPhrase(Vec<PatternElement>),
    /// PETRARCH-2 `(PREP …)`: a prepositional phrase; the first element is the preposition, the rest its object
    /// (a word, a synset or a [`PatternToken::NounPhrase`], possibly with `$`/`+`).
    PrepPhrase(Vec<PatternElement>),
}

/// One element of a pattern and how it links to the next.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct PatternElement {
    pub token: PatternToken,
    /// `_` (or TABARI `~`) joined this element to the next: the next one must follow immediately.
    pub adjacent_next: bool,
}

/// A code value inside `[...]`, with the special codes of TABARI/PETRARCH told apart.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum CodeValue {
    /// An ordinary code, e.g. `042`, `0331`, `174K` (verbs) — kept as written, upper-cased.
    Code(String),
    /// `---` (also written `- - -`): the null code; the phrase matches but generates nothing.
    Null,
    /// `###`: discard the sentence (TABARI; PETRARCH keeps discards in a separate list).
    Discard,
    /// `+++`: the sentence is too complex to code.
    Complex,
}

impl CodeValue {
    /// The code as a string: the code itself, or `---`, `###`, `+++`.
    pub fn as_str(&self) -> &str {
        match self {
            CodeValue::Code(c) => c,
            CodeValue::Null => "---",
            CodeValue::Discard => "###",
            CodeValue::Complex => "+++",
        }
    }
}

/// How a verb code ranks against other events in the sentence (TABARI §6.6).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum CodePriority {
    #[default]
    Normal,
    /// `!` after the code: only dominant events are kept when one is found.
    Dominant,
    /// `?` after the code: used only when no other event is found.
    Subordinate,
}

/// An event code from a verb line or pattern: `[042]`, `[032:033]`, `[031!]`, `[023?]`, `[---]`.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct EventCode {
    /// The code for source → target.
    pub primary: CodeValue,
    /// `[a:b]`: TABARI/PETRARCH-1 paired code — also emit target → source with `b`. (PETRARCH-2's docs call the
    /// same syntax "source:target codes"; its `[:193]` has an empty first side, read as `primary` = `Null`.)
    pub paired: Option<CodeValue>,
    pub priority: CodePriority,
}
