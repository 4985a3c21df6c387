//! The small tokenizer the date grammar reads: ASCII letter runs, digit runs (with an ordinal suffix: "3rd"), single
//! ASCII punctuation marks, and runs of other characters. Whitespace separates tokens and is dropped; a token's
//! offsets always lie on character boundaries. One pass, linear in the text.

/// What a token is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum TokKind {
    /// ASCII letters.
    Word,
    /// ASCII digits; `value` is `None` past nine digits.
    Number {
        value: Option<u32>,
        digits: usize,
        ordinal: bool,
    },
    /// One ASCII punctuation mark.
    Punct(u8),
    /// A run of non-ASCII, non-space characters (or ASCII controls).
    Other,
}

/// A token: its kind and byte range.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Tok {
    pub(crate) start: usize,
    pub(crate) end: usize,
    pub(crate) kind: TokKind,
}

/// Ordinal suffixes after a day number.
const ORDINAL_SUFFIXES: &[&str] = &["st", "nd", "rd", "th"];

/// Bytes per token assumed when reserving room for the tokens.
const BYTES_PER_TOKEN_GUESS: usize = 4;

/// Most digits a number's value is read for.
const MAX_VALUE_DIGITS: usize = 9;

/// The tokens of `text`, in order.
pub(crate) fn tokenize(text: &str, out: &mut Vec<Tok>) {
    let b = text.as_bytes();
    // News averages about six bytes a token: one allocation for most sentences.
    out.reserve(b.len() / BYTES_PER_TOKEN_GUESS + 1);
    let mut i = 0;
    while i < b.len() {
        let c = b[i];
        let start = i;
        let kind = if c.is_ascii_whitespace() {
            i += 1;
            continue;
        } else if c.is_ascii_alphabetic() {
            while i < b.len() && b[i].is_ascii_alphabetic() {
                i += 1;
            }
            TokKind::Word
        } else if c.is_ascii_digit() {
            while i < b.len() && b[i].is_ascii_digit() {
                i += 1;
            }
            let digits = i - start;
            let value = (digits <= MAX_VALUE_DIGITS).then(|| {
                b[start..i]
                    .iter()
                    .fold(0u32, |n, &d| n * 10 + u32::from(d - b'0'))
            });
            let suffix = b.get(i..i + 2);
            let after_suffix = b.get(i + 2).is_some_and(u8::is_ascii_alphanumeric);
            let ordinal = !after_suffix
                && suffix.is_some_and(|s| {
                    ORDINAL_SUFFIXES
                        .iter()
                        .any(|o| o.as_bytes().eq_ignore_ascii_case(s))
                });
            if ordinal {
                i += 2;
            }
            TokKind::Number {
                value,
                digits,
                ordinal,
            }
        } else if c.is_ascii() && !c.is_ascii_control() {
            i += 1;
            TokKind::Punct(c)
        } else {
            // A run of other characters up to ASCII text or whitespace; steps whole characters, so it ends on a
            // character boundary. A lone non-ASCII whitespace character is skipped like a space.
            let mut space = false;
            for ch in text.get(start..).unwrap_or_default().chars() {
                if ch.is_ascii_graphic() || ch.is_ascii_whitespace() {
                    break;
                }
                if ch.is_whitespace() {
                    if i == start {
                        i += ch.len_utf8();
                        space = true;
                    }
                    break;
                }
                i += ch.len_utf8();
            }
            if i == start {
                // Unreachable for a &str (its first character is taken above); guarantees progress.
                i += 1;
            }
            if space {
                continue;
            }
            TokKind::Other
        };
        out.push(Tok {
            start,
            end: i,
            kind,
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(text: &str) -> Vec<(&str, TokKind)> {
        let mut toks = Vec::new();
        tokenize(text, &mut toks);
        toks.iter()
            .map(|t| (&text[t.start..t.end], t.kind))
            .collect()
    }

    #[test]
    fn words_numbers_and_marks() {
        let t = kinds("On March 3rd, 2019-03-03 mid-May");
        let texts: Vec<&str> = t.iter().map(|(s, _)| *s).collect();
        assert_eq!(
            texts,
            ["On", "March", "3rd", ",", "2019", "-", "03", "-", "03", "mid", "-", "May"]
        );
        assert_eq!(
            t[2].1,
            TokKind::Number {
                value: Some(3),
                digits: 1,
                ordinal: true
            }
        );
        assert_eq!(t[3].1, TokKind::Punct(b','));
    }

    #[test]
    fn other_characters_keep_boundaries() {
        let t = kinds("Syria’s\u{a0}army é 12345678901");
        let texts: Vec<&str> = t.iter().map(|(s, _)| *s).collect();
        assert_eq!(texts, ["Syria", "’", "s", "army", "é", "12345678901"]);
        assert_eq!(
            t[5].1,
            TokKind::Number {
                value: None,
                digits: 11,
                ordinal: false
            }
        );
    }
}
