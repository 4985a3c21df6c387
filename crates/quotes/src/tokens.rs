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

/// Cuts `sentence` (which starts at byte `base` of the document) into `out`, replacing its contents. ASCII bytes
/// take a fast path; other characters are decoded.
pub fn tokenize(sentence: &str, base: usize, out: &mut Vec<Token>) {
    out.clear();
    let at = |i: usize| u32::try_from(base + i).unwrap_or(u32::MAX);
    let bytes = sentence.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        if b == b' ' || b == b'\n' {
            i += 1;
            continue;
        }
        let Some((c, len)) = char_at(sentence, i) else {
            break;
        };
        if c.is_alphanumeric() {
            let start = i;
            let mut end = i + len;
            loop {
                let Some((d, dl)) = char_at(sentence, end) else {
                    break;
                };
                if d.is_alphanumeric() {
                    end += dl;
                } else if WORD_JOINERS.contains(&d) && is_alnum_at(sentence, end + dl) {
                    end += dl;
                } else {
                    break;
                }
            }
            if bytes.get(end) == Some(&b'.') && is_abbreviation(&sentence[start..end]) {
                end += 1;
            }
            out.push(Token {
                start: at(start),
                end: at(end),
                kind: Kind::Word,
                capitalised: c.is_uppercase(),
            });
            i = end;
            continue;
        }
        i += len;
        let kind = match c {
            ',' => Kind::Comma,
            ':' => Kind::Colon,
            '.' | '!' | '?' | '\u{2026}' => Kind::Terminal,
            ';' | '(' | ')' | '[' | ']' | '\u{2013}' | '\u{2014}' | '-' => Kind::Break,
            // Whitespace, and the angle brackets of Reuters' tickers (`<Fitness Systems Inc>`).
            c if c.is_whitespace() || c == '<' || c == '>' => continue,
            c => match mark_of(c) {
                Some((family, role)) => Kind::Mark(family, role),
                None => Kind::Other,
            },
        };
        out.push(Token {
            start: at(i - len),
            end: at(i),
            kind,
            capitalised: false,
        });
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
