//! The rule-based sentence splitter: finds sentence boundaries in one paragraph of text.
//!
//! A boundary can only fall after a run of terminators ("." "?" "!" "…", and their CJK/Arabic forms) plus any
//! closing quotes or brackets, and only where whitespace or the end of the text follows, so a sentence never ends
//! inside a token (decimals "3.5", hosts "reuters.com", "U.S.-backed"); the one exception is the CJK full stops,
//! which end a sentence in scripts written without spaces. Whether a boundary falls depends on the next word and
//! the word before the period, looked up in the tables of [`crate::lexicon`]:
//!
//! - a lower-case next word never starts a sentence (`…street,” Lavrov said`, `a.m. on Monday`, `e.g. the`);
//! - a sentence that is so far only a list number or letter ("3.", "a.") goes on;
//! - after a title or Latin connective ("Mr.", "Lt. Col.", "vs.", "e.g.") there is never a boundary;
//! - after a number prefix ("No.", "pp.") there is none before a digit;
//! - after an ambiguous abbreviation ("U.S.", "Inc.", "St.", "Jan.", "a.m.", an initial "J.", also at the end of a
//!   compound: "Japan-U.S."), and after an ellipsis, there is a boundary only before a common sentence starter
//!   ("The", "He", "But", …). This is the documented answer to "the U.S. The talks" (split) versus "the U.S.
//!   Treasury" (no split); capitalised conjunctions ("the U.S. And Japan", as 1987 wire copy writes) do not split;
//! - after "?" or "!" closing a quotation, a capitalised name followed by a verb of saying is an attribution
//!   (`“Why?” Lavrov asked.`), not a new sentence;
//! - after any other word there is a boundary.
//!
//! A sentence is never longer than [`MAX_SENTENCE_BYTES`] (or the splitter's own limit): a run-on stretch with no
//! boundary that close is cut at the last semicolon or colon before whitespace in the second half of that
//! reach, else after the last comma before a clause conjunction ([`FORCED_SPLIT_CONJUNCTIONS`]), else at the last
//! whitespace, else at the last character boundary. Every candidate looks only a bounded way around itself, and
//! a forced cut advances by at least half the limit, so splitting is linear in the text, whatever its shape.
//!
//! The scan walks bytes and decodes a character only at candidate positions; it allocates nothing per character.

use std::collections::HashSet;

use dyad_model::Span;

use crate::lexicon::{
    AMBIGUOUS_ABBREVIATIONS, CLOSERS, ELLIPSES, FORCED_SPLIT_CONJUNCTIONS, MAX_ABBREVIATION_BYTES,
    MAX_ATTRIBUTION_NAME_WORDS, MAX_DOTTED_SEGMENT_LETTERS, MAX_LIST_MARKER_BYTES,
    MAX_LIST_NUMBER_DIGITS, MAX_SENTENCE_BYTES, NON_TERMINAL_ABBREVIATIONS, NUMBER_PREFIXES,
    OPENERS, SENTENCE_STARTERS, SPEECH_VERBS, STRAY_CLOSERS, TERMINATORS, UNSPACED_TERMINATORS,
};

/// The smallest sentence limit a splitter accepts: one character of any script (4 bytes of UTF-8) always fits,
/// so a forced cut always advances.
pub const MIN_SENTENCE_LIMIT_BYTES: usize = 4;

/// How far past a comma the forced split looks for a clause conjunction (", and"): whitespace and the longest
/// conjunction of [`FORCED_SPLIT_CONJUNCTIONS`] fit, and the check stays constant-time.
const CONJUNCTION_LOOKAHEAD_BYTES: usize = 16;

/// Splits text into sentence spans. Build once ([`SentenceSplitter::new`]) and share: it holds only the compiled
/// word tables and is `Sync`.
///
/// ```
/// use dyad_sentences::SentenceSplitter;
/// let splitter = SentenceSplitter::new();
/// let text = "Lt. Col. J. Smith arrived in the U.S. at 9 a.m. on Monday. He met Mr. Jones.";
/// let sentences: Vec<&str> = splitter.split_text(text, 0).map(|s| s.slice(text)).collect();
/// assert_eq!(
///     sentences,
///     ["Lt. Col. J. Smith arrived in the U.S. at 9 a.m. on Monday.", "He met Mr. Jones."]
/// );
/// ```
#[derive(Debug, Clone)]
pub struct SentenceSplitter {
    non_terminal: HashSet<&'static str>,
    ambiguous: HashSet<&'static str>,
    number_prefixes: HashSet<&'static str>,
    starters: HashSet<&'static str>,
    speech_verbs: HashSet<&'static str>,
    /// Longest sentence given out, in bytes.
    max_bytes: usize,
}

impl Default for SentenceSplitter {
    fn default() -> Self {
        SentenceSplitter::new()
    }
}

/// What the word before a period is, as far as the boundary decision goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum WordClass {
    NonTerminal,
    NumberPrefix,
    Ambiguous,
    Ordinary,
}

/// What kind of terminator run ended a candidate sentence.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Terminator {
    Period,
    Ellipsis,
    /// "?", "!" and the full stops of scripts that do not use abbreviation periods ("。").
    Strong,
}

impl SentenceSplitter {
    /// A splitter using the built-in tables of [`crate::lexicon`].
    pub fn new() -> SentenceSplitter {
        SentenceSplitter {
            non_terminal: NON_TERMINAL_ABBREVIATIONS.iter().copied().collect(),
            ambiguous: AMBIGUOUS_ABBREVIATIONS.iter().copied().collect(),
            number_prefixes: NUMBER_PREFIXES.iter().copied().collect(),
            starters: SENTENCE_STARTERS.iter().copied().collect(),
            speech_verbs: SPEECH_VERBS.iter().copied().collect(),
            max_bytes: MAX_SENTENCE_BYTES,
        }
    }

    /// The same splitter giving out sentences of at most `max` bytes (at least [`MIN_SENTENCE_LIMIT_BYTES`])
    /// instead of [`MAX_SENTENCE_BYTES`].
    ///
    /// ```
    /// use dyad_sentences::SentenceSplitter;
    /// let splitter = SentenceSplitter::new().with_max_sentence_bytes(32);
    /// let text = "Troops moved north; talks stalled again, and the envoy flew home";
    /// let pieces: Vec<&str> = splitter.split_text(text, 0).map(|s| s.slice(text)).collect();
    /// assert_eq!(pieces, ["Troops moved north;", "talks stalled again,", "and the envoy flew home"]);
    /// ```
    pub fn with_max_sentence_bytes(mut self, max: usize) -> SentenceSplitter {
        self.max_bytes = max.max(MIN_SENTENCE_LIMIT_BYTES);
        self
    }

    /// The longest sentence this splitter gives out, in bytes.
    pub fn max_sentence_bytes(&self) -> usize {
        self.max_bytes
    }

    /// The sentences of `text` (one paragraph, or any text: boundaries never depend on what lies outside it) as
    /// spans offset by `base`, in order, non-overlapping and trimmed of surrounding whitespace.
    pub fn split_text<'s, 't>(&'s self, text: &'t str, base: usize) -> Sentences<'s, 't> {
        Sentences {
            splitter: self,
            text,
            pos: 0,
            base,
            forced_cuts: 0,
        }
    }

    /// Where the sentence starting at `start` ends (exclusive), where the search for the next one resumes, and
    /// whether the limit forced the cut.
    fn find_end(&self, text: &str, start: usize) -> (usize, usize, bool) {
        let bytes = text.as_bytes();
        // A terminator at or past `limit` could only end a sentence longer than the limit.
        let limit = start.saturating_add(self.max_bytes);
        let scan_to = limit.min(bytes.len());
        let mut i = start;
        while i < scan_to {
            let b = bytes[i];
            let term_len = if b < 0x80 {
                if !matches!(b, b'.' | b'?' | b'!') {
                    i += 1;
                    continue;
                }
                1
            } else if matches!(b, 0xD8 | 0xE2 | 0xE3 | 0xEF) {
                // Lead bytes of the non-ASCII terminators; anything else is skipped without decoding.
                match text.get(i..).and_then(|t| t.chars().next()) {
                    Some(c) if TERMINATORS.contains(&c) => c.len_utf8(),
                    _ => {
                        i += 1;
                        continue;
                    }
                }
            } else {
                i += 1;
                continue;
            };
            match self.boundary_at(text, start, i, term_len, limit) {
                Ok((end, resume)) if text[start..end].trim_end().len() <= self.max_bytes => {
                    return (end, resume, false)
                }
                // The boundary comes too late (a long run of closers).
                Ok(_) => break,
                Err(next) => i = next,
            }
        }
        // No boundary: the rest of the text is the sentence if it fits once trimmed.
        let fits = bytes.len() <= limit || {
            let mut b = limit;
            while !text.is_char_boundary(b) {
                b -= 1;
            }
            text[b..].trim_start().is_empty()
        };
        if fits {
            (text.len(), text.len(), false)
        } else {
            let (end, resume) = self.forced_end(text, start);
            (end, resume, true)
        }
    }

    /// Where a sentence with no boundary within the limit is cut, and where the next one resumes: the best
    /// boundary in the second half of its reach (so every cut advances by at least half the limit), as the
    /// module documentation orders them.
    fn forced_end(&self, text: &str, start: usize) -> (usize, usize) {
        let floor_boundary = |mut b: usize| {
            while !text.is_char_boundary(b) {
                b -= 1;
            }
            b
        };
        let hi = floor_boundary((start + self.max_bytes).min(text.len()));
        let lo = floor_boundary(start + self.max_bytes / 2);
        let space_after = |q: usize| text[q..].chars().next().is_none_or(char::is_whitespace);
        let (mut colon, mut comma, mut space) = (None, None, None);
        for (p, c) in text[lo..hi].char_indices().rev() {
            let p = lo + p;
            match c {
                ';' if space_after(p + 1) => return (p + 1, p + 1),
                ':' if colon.is_none() && space_after(p + 1) => colon = Some(p + 1),
                ',' if comma.is_none() && before_conjunction(&text[p + 1..]) => comma = Some(p + 1),
                c if space.is_none() && c.is_whitespace() => space = Some((p, p + c.len_utf8())),
                _ => {}
            }
        }
        match (colon.or(comma), space) {
            (Some(end), _) => (end, end),
            (None, Some((end, resume))) if end > start => (end, resume),
            // `hi` is past `start`: the limit holds at least one character.
            _ => (hi, hi),
        }
    }

    /// Decides whether the terminator at `i` ends a sentence: on a boundary `Ok((end, resume))`, otherwise
    /// `Err(next)`, the offset after the terminator run where the scan goes on.
    /// A terminator run reaching past `limit` is no boundary: the scan resumes after it, past the limit.
    fn boundary_at(
        &self,
        text: &str,
        start: usize,
        i: usize,
        term_len: usize,
        limit: usize,
    ) -> Result<(usize, usize), usize> {
        // The terminator run and the closers after it.
        let mut j = i + term_len;
        let opening = text[i..].chars().next().unwrap_or('.');
        let mut periods = usize::from(opening == '.');
        let mut ellipsis = ELLIPSES.contains(&opening);
        let mut strong = opening != '.' && !ellipsis;
        let mut quoted = false;
        let mut unspaced = UNSPACED_TERMINATORS.contains(&opening);
        for c in text[j..].chars() {
            if TERMINATORS.contains(&c) {
                unspaced = UNSPACED_TERMINATORS.contains(&c);
                periods += usize::from(c == '.');
                ellipsis |= ELLIPSES.contains(&c);
                strong |= c != '.' && !ELLIPSES.contains(&c);
            } else if CLOSERS.contains(&c) {
                quoted |= c != ')' && c != ']' && c != '}';
            } else {
                break;
            }
            j += c.len_utf8();
            if j > limit {
                return Err(j);
            }
        }
        let rest = &text[j..];
        let Some(first) = rest.chars().next() else {
            return Ok((j, j));
        };
        if !first.is_whitespace() {
            return if unspaced { Ok((j, j)) } else { Err(j) };
        }
        let mut k = j + (rest.len() - rest.trim_start().len());
        // A closing quote set off by a stray space ("with that. ”") still closes this sentence.
        if let Some(c) = text[k..]
            .chars()
            .next()
            .filter(|c| STRAY_CLOSERS.contains(c))
        {
            let after = &text[k + c.len_utf8()..];
            if after.is_empty() || after.starts_with(char::is_whitespace) {
                j = k + c.len_utf8();
                quoted = true;
                k = j + (after.len() - after.trim_start().len());
            }
        }
        if k >= text.len() {
            return Ok((j, k));
        }
        let terminator = if strong {
            Terminator::Strong
        } else if ellipsis || periods >= 2 {
            Terminator::Ellipsis
        } else {
            Terminator::Period
        };
        if self.decide(text, start, i, k, terminator, quoted) {
            Ok((j, k))
        } else {
            Err(j)
        }
    }

    /// Whether a terminator at `i` (of the given kind, `quoted` when a closing quote followed it) ends a sentence
    /// whose successor would begin at `k`.
    fn decide(
        &self,
        text: &str,
        start: usize,
        i: usize,
        k: usize,
        terminator: Terminator,
        quoted: bool,
    ) -> bool {
        let next = &text[k..];
        let opens = next.starts_with(OPENERS);
        let word = next.trim_start_matches(OPENERS);
        let Some(first) = word.chars().next() else {
            return true;
        };
        if first.is_lowercase() {
            return false;
        }
        let next_word = leading_word(word);
        match terminator {
            Terminator::Strong => !(quoted && !opens && self.is_attribution(word)),
            Terminator::Ellipsis => opens || self.starters.contains(next_word),
            Terminator::Period if is_list_marker(&text[start..i]) => false,
            Terminator::Period => match self.classify(word_before(text, i)) {
                WordClass::NonTerminal => false,
                WordClass::NumberPrefix => !first.is_ascii_digit(),
                WordClass::Ambiguous => {
                    !first.is_ascii_digit() && (opens || self.starters.contains(next_word))
                }
                WordClass::Ordinary => true,
            },
        }
    }

    fn classify(&self, word: &str) -> WordClass {
        if word.is_empty() || word.len() > MAX_ABBREVIATION_BYTES {
            return WordClass::Ordinary;
        }
        if self.non_terminal.contains(word) {
            WordClass::NonTerminal
        } else if self.number_prefixes.contains(word) {
            WordClass::NumberPrefix
        } else if self.ambiguous.contains(word) || is_initial(word) || is_dotted_abbreviation(word)
        {
            WordClass::Ambiguous
        } else if let Some((_, last)) = word.rsplit_once(['-', '/']) {
            // A compound ending in an abbreviation: "Japan-U.S.", "Sino-U.S.", "U.S./U.K.".
            match self.classify(last) {
                WordClass::NumberPrefix => WordClass::Ordinary,
                class => class,
            }
        } else {
            WordClass::Ordinary
        }
    }

    /// Whether `text` opens with an attribution: up to [`MAX_ATTRIBUTION_NAME_WORDS`] capitalised words that are
    /// not sentence starters ("Foreign Minister Sergei Lavrov"), then a verb of saying.
    fn is_attribution(&self, text: &str) -> bool {
        for (names, word) in text
            .split_whitespace()
            .take(MAX_ATTRIBUTION_NAME_WORDS + 1)
            .enumerate()
        {
            let word = word.trim_end_matches([',', '.', ';', ':']);
            if names > 0 && self.speech_verbs.contains(word) {
                return true;
            }
            let capitalised = word.chars().next().is_some_and(char::is_uppercase);
            if !capitalised || self.starters.contains(word) {
                return false;
            }
        }
        false
    }
}

/// The word that ends just before byte `i`, without leading openers: "(Jan" gives "Jan", "U.S" stays "U.S".
fn word_before(text: &str, i: usize) -> &str {
    let head = &text[..i];
    let start = head
        .char_indices()
        .rev()
        .take_while(|(_, c)| !c.is_whitespace())
        .take(MAX_ABBREVIATION_BYTES + 1)
        .last()
        .map_or(i, |(p, _)| p);
    head[start..].trim_start_matches(OPENERS)
}

/// The letters at the start of `text`: "It's" gives "It".
fn leading_word(text: &str) -> &str {
    let end = text
        .char_indices()
        .find(|(_, c)| !c.is_alphabetic())
        .map_or(text.len(), |(p, _)| p);
    &text[..end]
}

/// A single letter: an initial as in "J. Smith", or a short form as in "Viera d. Smith" (defeated).
fn is_initial(word: &str) -> bool {
    let mut chars = word.chars();
    matches!((chars.next(), chars.next()), (Some(c), None) if c.is_alphabetic())
}

/// The sentence so far is only a list number or letter ("3." or "(b)." or "a."): the period marks the item.
fn is_list_marker(so_far: &str) -> bool {
    if so_far.len() > MAX_LIST_MARKER_BYTES {
        return false;
    }
    let marker = so_far.trim_start_matches(OPENERS).trim_end_matches(CLOSERS);
    let digits = marker.bytes().all(|b| b.is_ascii_digit());
    (digits && (1..=MAX_LIST_NUMBER_DIGITS).contains(&marker.len())) || is_initial(marker)
}

/// Whether `rest` (the text after a comma) opens with whitespace and then a clause conjunction of
/// [`FORCED_SPLIT_CONJUNCTIONS`] as a whole word; reads at most [`CONJUNCTION_LOOKAHEAD_BYTES`].
fn before_conjunction(rest: &str) -> bool {
    let head = &rest.as_bytes()[..rest.len().min(CONJUNCTION_LOOKAHEAD_BYTES)];
    let word_start = head
        .iter()
        .position(|b| !b.is_ascii_whitespace())
        .unwrap_or(head.len());
    if word_start == 0 {
        return false;
    }
    let word = &head[word_start..];
    FORCED_SPLIT_CONJUNCTIONS.iter().any(|conj| {
        word.len() > conj.len()
            && word[..conj.len()].eq_ignore_ascii_case(conj.as_bytes())
            && !word[conj.len()].is_ascii_alphanumeric()
    })
}

/// Letters in short dot-separated segments: "U.S", "a.m", "Ph.D" (the final period is not part of `word`).
fn is_dotted_abbreviation(word: &str) -> bool {
    word.contains('.')
        && word.split('.').all(|seg| {
            let letters = seg.chars().count();
            (1..=MAX_DOTTED_SEGMENT_LETTERS).contains(&letters)
                && seg.chars().all(char::is_alphabetic)
        })
}

/// Iterator over the sentence spans of one text; see [`SentenceSplitter::split_text`].
#[derive(Debug, Clone)]
pub struct Sentences<'s, 't> {
    splitter: &'s SentenceSplitter,
    text: &'t str,
    pos: usize,
    base: usize,
    forced_cuts: usize,
}

impl Sentences<'_, '_> {
    /// How many of the sentences given so far were cut by the sentence limit rather than ended by the text.
    pub fn forced_cuts(&self) -> usize {
        self.forced_cuts
    }
}

impl Iterator for Sentences<'_, '_> {
    type Item = Span;

    fn next(&mut self) -> Option<Span> {
        let rest = self.text.get(self.pos..)?;
        let start = self.pos + (rest.len() - rest.trim_start().len());
        if start >= self.text.len() {
            self.pos = self.text.len();
            return None;
        }
        let (end, resume, forced) = self.splitter.find_end(self.text, start);
        self.forced_cuts += usize::from(forced);
        let end = start + self.text[start..end].trim_end().len();
        // `resume` is past `end` and `end` past `start`, so the iteration always advances.
        self.pos = resume.max(end);
        Some(Span::new(self.base + start, self.base + end))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sentences(text: &str) -> Vec<&str> {
        SentenceSplitter::new()
            .split_text(text, 0)
            .map(|s| s.slice(text))
            .collect()
    }

    #[test]
    fn plain_sentences_split_and_trim() {
        assert_eq!(
            sentences("  Israel struck. Iran answered!  Why now?  "),
            ["Israel struck.", "Iran answered!", "Why now?"]
        );
        assert_eq!(sentences("No terminator at all"), ["No terminator at all"]);
        assert!(sentences(" \n\t ").is_empty());
    }

    #[test]
    fn titles_and_ranks_never_end_a_sentence() {
        for text in [
            "Lt. Col. Smith spoke.",
            "Gen. Mark Milley spoke.",
            "Mr. Lavrov and Mrs. Clinton met Dr. Who.",
            "Sen. Graham, Rep. Pelosi and Gov. Newsom agreed.",
            "Sgt. First Class Jones was hurt.",
            "Brazil vs. Argentina ended in a draw.",
            "Allies, e.g. France, objected.",
            "Allies, e.g. France. objected.",
        ] {
            assert_eq!(sentences(text), [text], "{text}");
        }
    }

    #[test]
    fn dotted_abbreviations_split_only_before_sentence_starters() {
        assert_eq!(
            sentences(
                "He met U.S. Secretary of State Rex Tillerson. U.N. envoys met U.K. officials."
            ),
            [
                "He met U.S. Secretary of State Rex Tillerson.",
                "U.N. envoys met U.K. officials."
            ]
        );
        assert_eq!(
            sentences("Sanctions were imposed by the U.S. The talks stalled."),
            ["Sanctions were imposed by the U.S.", "The talks stalled."]
        );
        assert_eq!(
            sentences("The blast came at 9 a.m. on Monday. Police arrived at 10 p.m. They left."),
            [
                "The blast came at 9 a.m. on Monday.",
                "Police arrived at 10 p.m.",
                "They left."
            ]
        );
        assert_eq!(
            sentences(
                "Sales rose in the U.S. And Japan. Banks in the U.K. Which lent more gained. \
                 Japan-U.S. Trade grew."
            ),
            [
                "Sales rose in the U.S. And Japan.",
                "Banks in the U.K. Which lent more gained.",
                "Japan-U.S. Trade grew."
            ],
            "wire copy capitalises conjunctions after abbreviations"
        );
        assert_eq!(
            sentences("He holds a Ph.D. in physics, i.e. he is a doctor."),
            ["He holds a Ph.D. in physics, i.e. he is a doctor."]
        );
    }

    #[test]
    fn company_place_and_month_abbreviations() {
        assert_eq!(
            sentences(
                "Apple Inc. Chief Executive Tim Cook spoke. Acme Corp. and Beta Co. Ltd. merged."
            ),
            [
                "Apple Inc. Chief Executive Tim Cook spoke.",
                "Acme Corp. and Beta Co. Ltd. merged."
            ]
        );
        assert_eq!(
            sentences("The deal was signed by Acme Inc. But it failed."),
            ["The deal was signed by Acme Inc.", "But it failed."]
        );
        assert_eq!(
            sentences("He flew to St. Petersburg on Jan. 5 and returned in Sept. 2017. Talks resumed Feb. 1."),
            ["He flew to St. Petersburg on Jan. 5 and returned in Sept. 2017.", "Talks resumed Feb. 1."]
        );
    }

    #[test]
    fn number_prefixes_and_decimals() {
        assert_eq!(
            sentences(
                "It ranked No. 5 with 3.5 percent. Growth was 2.1 pct. He said No. Then he left."
            ),
            [
                "It ranked No. 5 with 3.5 percent.",
                "Growth was 2.1 pct.",
                "He said No.",
                "Then he left."
            ]
        );
    }

    #[test]
    fn initials_are_not_sentence_ends() {
        assert_eq!(
            sentences("J. Smith and George W. Bush met John F. Kennedy Jr. in Washington."),
            ["J. Smith and George W. Bush met John F. Kennedy Jr. in Washington."]
        );
        assert_eq!(
            sentences("Shares of <J.P. Morgan and Co> rose. Wm. Smith sold."),
            ["Shares of <J.P. Morgan and Co> rose.", "Wm. Smith sold."]
        );
        assert_eq!(
            sentences("They chose Plan B. The rest failed."),
            ["They chose Plan B.", "The rest failed."]
        );
    }

    #[test]
    fn list_markers_sports_results_and_stray_quotes() {
        assert_eq!(
            sentences("1. Buy low. 2. Sell high. 10. Repeat."),
            ["1. Buy low.", "2. Sell high.", "10. Repeat."]
        );
        assert_eq!(
            sentences("Viera d. Smith 6-3. Melbourne d. Perth."),
            ["Viera d. Smith 6-3.", "Melbourne d. Perth."]
        );
        assert_eq!(
            sentences("“We are talking to businesses with that. ” Even his supporters agree."),
            [
                "“We are talking to businesses with that. ”",
                "Even his supporters agree."
            ]
        );
        assert_eq!(
            sentences("It rose in 1987. 1988 was worse."),
            ["It rose in 1987.", "1988 was worse."]
        );
    }

    #[test]
    fn urls_and_emails_stay_whole() {
        assert_eq!(
            sentences(
                "See www.reuters.com/world or mail desk@example.org. Officials declined comment."
            ),
            [
                "See www.reuters.com/world or mail desk@example.org.",
                "Officials declined comment."
            ]
        );
        assert_eq!(
            sentences("Visit reuters.com. Officials said so."),
            ["Visit reuters.com.", "Officials said so."]
        );
    }

    #[test]
    fn ellipses_split_only_before_sentence_starters() {
        assert_eq!(
            sentences("“Of course ... carried out on a mutual basis … This is it.” Then ... Moscow agreed."),
            ["“Of course ... carried out on a mutual basis …", "This is it.”", "Then ... Moscow agreed."]
        );
    }

    #[test]
    fn quotations_keep_closing_quotes_and_attributions() {
        let text = "“Of course, the withdrawal of all non-Syrian forces must be carried out on a mutual basis. \
                    This should be a two-way street,” Lavrov said.";
        assert_eq!(
            sentences(text),
            [
                "“Of course, the withdrawal of all non-Syrian forces must be carried out on a mutual basis.",
                "This should be a two-way street,” Lavrov said."
            ]
        );
        assert_eq!(
            sentences("\"We will win.\" he said. \"Why?\" she asked. “No!” Foreign Minister Sergei Lavrov shouted."),
            ["\"We will win.\" he said.", "\"Why?\" she asked.", "“No!” Foreign Minister Sergei Lavrov shouted."]
        );
        assert_eq!(
            sentences("“Is it over?” He left. “We won.” The crowd cheered."),
            [
                "“Is it over?”",
                "He left.",
                "“We won.”",
                "The crowd cheered."
            ]
        );
    }

    #[test]
    fn parentheses_close_with_their_sentence() {
        assert_eq!(
            sentences("Prices rose (see chart.) Traders (who asked not to be named.) declined."),
            [
                "Prices rose (see chart.)",
                "Traders (who asked not to be named.) declined."
            ]
        );
        assert_eq!(
            sentences("(Reuters) - Troops moved. (Editing by Jane Doe.)"),
            ["(Reuters) - Troops moved.", "(Editing by Jane Doe.)"]
        );
    }

    #[test]
    fn other_scripts_and_odd_input_never_panic() {
        assert_eq!(sentences("他来了。她走了。"), ["他来了。", "她走了。"]);
        assert_eq!(sentences("هل جاء؟ نعم"), ["هل جاء؟", "نعم"]);
        for text in [
            "...",
            ".",
            "?!",
            "“",
            "a.",
            ". A",
            "…",
            "\u{a0}.\u{a0}",
            "é. É",
            "ab.\u{a0}Cd",
        ] {
            let spans: Vec<Span> = SentenceSplitter::new().split_text(text, 0).collect();
            for s in spans {
                assert!(!s.slice(text).is_empty(), "{text:?}");
            }
        }
    }
}
