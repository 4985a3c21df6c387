//! A sentence cut into the tokens attribution needs: words (with their offsets), commas, colons, terminal
//! punctuation and quote marks. One pass over the characters; no allocation beyond the token vector.

use crate::lexicon::{MarkFamily, MarkRole, ABBREVIATIONS, QUOTE_MARKS, WORD_JOINERS};

/// What a token is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Word,
    Comma,
    Colon,
    /// `;`, `(`, `)`, dashes: ends a phrase.
    Break,
    /// `.`, `!`, `?`, `…`.
    Terminal,
    Mark(MarkFamily, MarkRole),
    Other,
}

/// One token: absolute byte offsets into the document text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Token {
    pub start: u32,
    pub end: u32,
    pub kind: Kind,
    /// A word whose first character is uppercase.
    pub capitalised: bool,
}

fn mark_of(c: char) -> Option<(MarkFamily, MarkRole)> {
    QUOTE_MARKS
        .iter()
        .find(|(m, _, _)| *m == c)
        .map(|&(_, f, r)| (f, r))
}

fn is_abbreviation(word: &str) -> bool {
    word.len() == 1 && word.starts_with(|c: char| c.is_ascii_alphabetic())
        || word.contains('.')
        || word.chars().count() == 1 && word.starts_with(|c: char| c.is_alphabetic())
        || word.len() <= 4 && ABBREVIATIONS.iter().any(|a| a.eq_ignore_ascii_case(word))
}

/// The character at byte `i` of `s` (which must be a character boundary) and its length.
fn char_at(s: &str, i: usize) -> Option<(char, usize)> {
    let b = *s.as_bytes().get(i)?;
    if b.is_ascii() {
        return Some((char::from(b), 1));
    }
    s.get(i..)?.chars().next().map(|c| (c, c.len_utf8()))
}

fn is_alnum_at(s: &str, i: usize) -> bool {
    match s.as_bytes().get(i) {
        Some(b) if b.is_ascii() => b.is_ascii_alphanumeric(),
        Some(_) => char_at(s, i).is_some_and(|(c, _)| c.is_alphanumeric()),
        None => false,
    }
}

/// Byte classes of the ASCII fast path.
const SPACE: u8 = 0;
const ALNUM: u8 = 1;
/// `'`, `&`, `/`: inside a word when a letter or digit follows.
const JOIN: u8 = 2;
const PERIOD: u8 = 3;
const HYPHEN: u8 = 4;
const COMMA: u8 = 5;
const COLON: u8 = 6;
const TERMINAL: u8 = 7;
const BREAK: u8 = 8;
const QUOTE: u8 = 9;
/// The angle brackets of Reuters' tickers (`<Fitness Systems Inc>`): passed over.
const SKIP: u8 = 10;
const OTHER: u8 = 11;
/// A byte of a multi-byte character: decoded.
const HIGH: u8 = 12;

const fn byte_classes() -> [u8; 256] {
    let mut t = [HIGH; 256];
    let mut b = 0;
    while b < 128 {
        let c = b as u8;
        t[b] = match c {
            b'a'..=b'z' | b'A'..=b'Z' | b'0'..=b'9' => ALNUM,
            b' ' | b'\t' | b'\n' | b'\r' | 0x0b | 0x0c => SPACE,
            b'\'' | b'&' | b'/' => JOIN,
            b'.' => PERIOD,
            b'-' => HYPHEN,
            b',' => COMMA,
            b':' => COLON,
            b'!' | b'?' => TERMINAL,
            b';' | b'(' | b')' | b'[' | b']' => BREAK,
            b'"' => QUOTE,
            b'<' | b'>' => SKIP,
            _ => OTHER,
        };
        b += 1;
    }
    t
}

static CLASS: [u8; 256] = byte_classes();

fn class_at(bytes: &[u8], i: usize) -> u8 {
    bytes.get(i).map_or(SPACE, |&b| CLASS[usize::from(b)])
}

/// Where a word that has reached byte `end` ends: past further letters and digits (any script), joiners
/// followed by one (`Russia’s`, `non-Syrian`, `U.S`), and the period of an abbreviation (`Mr.`, `U.S.`).
fn word_end(sentence: &str, start: usize, mut end: usize) -> usize {
    let bytes = sentence.as_bytes();
    loop {
        while class_at(bytes, end) == ALNUM {
            end += 1;
        }
        match class_at(bytes, end) {
            JOIN | PERIOD | HYPHEN if is_alnum_at(sentence, end + 1) => end += 1,
            HIGH => match char_at(sentence, end) {
                Some((d, dl))
                    if d.is_alphanumeric()
                        || WORD_JOINERS.contains(&d) && is_alnum_at(sentence, end + dl) =>
                {
                    end += dl
                }
                _ => break,
            },
            _ => break,
        }
    }
    if bytes.get(end) == Some(&b'.') && sentence.get(start..end).is_some_and(is_abbreviation) {
        end += 1;
    }
    end
}

/// Cuts `sentence` (which starts at byte `base` of the document) into `out`, replacing its contents. ASCII bytes
/// are classified by table; other characters are decoded.
pub fn tokenize(sentence: &str, base: usize, out: &mut Vec<Token>) {
    out.clear();
    let at = |i: usize| u32::try_from(base + i).unwrap_or(u32::MAX);
    let bytes = sentence.as_bytes();
    out.reserve(bytes.len() / 4 + 1);
    let mut i = 0;
    while i < bytes.len() {
        let class = CLASS[usize::from(bytes[i])];
        if class == SPACE {
            i += 1;
            continue;
        }
        if class == ALNUM {
            // The common case, kept tight: an ASCII word.
            let start = i;
            let mut end = i + 1;
            while end < bytes.len() && CLASS[usize::from(bytes[end])] == ALNUM {
                end += 1;
            }
            if end < bytes.len() && !matches!(CLASS[usize::from(bytes[end])], SPACE | COMMA) {
                end = word_end(sentence, start, end);
            }
            out.push(Token {
                start: at(start),
                end: at(end),
                kind: Kind::Word,
                capitalised: bytes[start].is_ascii_uppercase(),
            });
            i = end;
            continue;
        }
        let (word, capitalised, len) = match class {
            SKIP => {
                i += 1;
                continue;
            }
            HIGH => match char_at(sentence, i) {
                Some((c, len)) => (c.is_alphanumeric(), c.is_uppercase(), len),
                None => break,
            },
            _ => (false, false, 1),
        };
        if word {
            let start = i;
            let end = word_end(sentence, start, i + len);
            out.push(Token {
                start: at(start),
                end: at(end),
                kind: Kind::Word,
                capitalised,
            });
            i = end;
            continue;
        }
        let kind = match class {
            COMMA => Kind::Comma,
            COLON => Kind::Colon,
            PERIOD | TERMINAL => Kind::Terminal,
            HYPHEN | BREAK => Kind::Break,
            QUOTE => Kind::Mark(MarkFamily::Double, MarkRole::Toggle),
            HIGH => match char_at(sentence, i).map(|(c, _)| c) {
                Some('\u{2026}') => Kind::Terminal,
                Some('\u{2013}' | '\u{2014}') => Kind::Break,
                Some(c) if c.is_whitespace() => {
                    i += len;
                    continue;
                }
                Some(c) => match mark_of(c) {
                    Some((family, role)) => Kind::Mark(family, role),
                    None => Kind::Other,
                },
                None => Kind::Other,
            },
            _ => Kind::Other,
        };
        out.push(Token {
            start: at(i),
            end: at(i + len),
            kind,
            capitalised: false,
        });
        i += len;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(s: &str) -> Vec<&str> {
        let mut out = Vec::new();
        tokenize(s, 0, &mut out);
        out.iter()
            .map(|t| &s[t.start as usize..t.end as usize])
            .collect()
    }

    #[test]
    fn apostrophes_abbreviations_and_marks() {
        assert_eq!(
            words("“Russia’s U.S. envoy,” Mr. Smith said."),
            [
                "“",
                "Russia’s",
                "U.S.",
                "envoy",
                ",",
                "”",
                "Mr.",
                "Smith",
                "said",
                "."
            ]
        );
        assert_eq!(
            words("officials’ claims: non-Syrian ‘forces’"),
            [
                "officials",
                "’",
                "claims",
                ":",
                "non-Syrian",
                "‘",
                "forces",
                "’"
            ]
        );
    }

    #[test]
    fn offsets_are_absolute() {
        let mut out = Vec::new();
        tokenize("he said", 10, &mut out);
        assert_eq!((out[1].start, out[1].end), (13, 17));
    }
}
