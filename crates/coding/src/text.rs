//! Tokenizer: raw sentence text → upper-cased, accent-folded word tokens with byte offsets into the input.
//!
//! Follows TABARI's input filtering (manual §7.3) on raw text: hyphens, `?` and `!` separate words; commas,
//! semicolons and colons become comma tokens (except inside numbers); quotes and brackets are dropped; a period is
//! kept only inside an abbreviation written with capitals (`U.N.`, `W.`). A possessive `'s` is split off and
//! recorded on the word it follows, so `Russia's` matches the actor `RUSSIA`. Nothing here knows a dictionary.

/// What a token is, before any dictionary lookup.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TokenKind {
    Word,
    /// `,` `;` `:` — clause punctuation.
    Comma,
}

/// One token: its normalised text lives in [`Tokens::norm`] at `norm_start..norm_end`.
#[derive(Debug, Clone, Copy)]
pub struct Token {
    pub kind: TokenKind,
    /// Byte range in the input text.
    pub start: u32,
    pub end: u32,
    norm_start: u32,
    norm_end: u32,
    /// The first letter was upper case in the input.
    pub capitalized: bool,
    /// A possessive `'s` / `'` followed the word.
    pub possessive: bool,
}

/// The tokens of one sentence and their normalised text.
#[derive(Debug, Default, Clone)]
pub struct Tokens {
    pub tokens: Vec<Token>,
    norm: String,
    /// Every letter of the input is upper case (old wire copy): capitalization carries no information.
    pub all_caps: bool,
}

/// One word of the tagger's view of a sentence: a byte range of the input, or punctuation the tokenizer keeps as a
/// flag or a comma token (`'s`, `,`, the closing `.`).
#[derive(Debug, Clone, Copy)]
pub enum PosWord {
    Input(u32, u32),
    Literal(&'static str),
}

impl Tokens {
    /// The sentence as the part-of-speech tagger reads it (Penn style): each word token in its input spelling, a
    /// possessive as its own `'s`, commas as `,` and the sentence's final `.` `?` `!`. `of_token[i]` is the index
    /// in `out` of token `i`. Both buffers are cleared first.
    pub fn pos_words(&self, text: &str, out: &mut Vec<PosWord>, of_token: &mut Vec<u32>) {
        out.clear();
        of_token.clear();
        for t in &self.tokens {
            of_token.push(out.len() as u32);
            match t.kind {
                TokenKind::Comma => out.push(PosWord::Literal(",")),
                TokenKind::Word => {
                    out.push(PosWord::Input(t.start, t.end));
                    if t.possessive {
                        out.push(PosWord::Literal("'s"));
                    }
                }
            }
        }
        let end = text
            .trim_end_matches(|c: char| c.is_whitespace() || "\"'\u{201d}\u{2019})".contains(c));
        if let Some(last) = end.chars().last().filter(|c| matches!(c, '.' | '?' | '!')) {
            out.push(PosWord::Literal(match last {
                '?' => "?",
                '!' => "!",
                _ => ".",
            }));
        }
    }

    /// The normalised (upper-case, ASCII-folded) text of token `i`.
    pub fn text(&self, i: usize) -> &str {
        let t = &self.tokens[i];
        &self.norm[t.norm_start as usize..t.norm_end as usize]
    }

    pub fn len(&self) -> usize {
        self.tokens.len()
    }

    pub fn is_empty(&self) -> bool {
        self.tokens.is_empty()
    }

    /// Tokenize `text`, reusing this value's buffers.
    pub fn fill(&mut self, text: &str) {
        self.fill_limited(text, usize::MAX);
    }

    /// Tokenize at most `max_tokens` tokens of `text`, reusing this value's buffers. Returns `None` when the whole
    /// text was read, else the byte offset where the first token left out starts. Reading stops as soon as that
    /// token is found, so the cost is bounded by what is kept, however long `text` is.
    pub fn fill_limited(&mut self, text: &str, max_tokens: usize) -> Option<usize> {
        self.tokens.clear();
        self.norm.clear();
        let mut upper = 0usize;
        let mut lower = 0usize;
        let bytes = text.as_bytes();
        // Byte offset of the next character to read.
        let mut pos = 0usize;
        // Word being built: input start, norm start, capitalized.
        let mut cur: Option<(usize, usize, bool)> = None;
        let mut cur_end = 0usize;
        let mut last_char_lower = false;

        fn finish(toks: &mut Tokens, cur: &mut Option<(usize, usize, bool)>, end: usize) {
            if let Some((s, ns, cap)) = cur.take() {
                // Strip a trailing period unless it closes a capital abbreviation ("U.N.", "W.").
                let mut ne = toks.norm.len();
                let mut e = end;
                while ne > ns && toks.norm.as_bytes()[ne - 1] == b'\'' {
                    ne -= 1;
                    e -= 1;
                }
                if ne > ns {
                    toks.tokens.push(Token {
                        kind: TokenKind::Word,
                        start: s as u32,
                        end: e as u32,
                        norm_start: ns as u32,
                        norm_end: ne as u32,
                        capitalized: cap,
                        possessive: false,
                    });
                }
                toks.norm.truncate(ne);
            }
        }

        while pos < bytes.len() {
            // Earlier tokens never change once a later one is pushed, so the first `max_tokens` are final.
            if self.tokens.len() > max_tokens {
                break;
            }
            if ASCII_CLASS[usize::from(bytes[pos])] != 0 {
                // News is mostly ASCII words: a run of ASCII letters and digits is read a byte at a time and
                // upper-cased in place, as the character loop below would (it pushes no token inside a word).
                let run = pos;
                let mut seen = 0u8;
                while let Some(&b) = bytes.get(pos) {
                    let class = ASCII_CLASS[usize::from(b)];
                    if class == 0 {
                        break;
                    }
                    seen |= class;
                    pos += 1;
                }
                // Only whether there are capitals and small letters at all matters (`all_caps`).
                upper += usize::from(seen & UPPER != 0);
                lower += usize::from(seen & LOWER != 0);
                if cur.is_none() {
                    cur = Some((run, self.norm.len(), bytes[run].is_ascii_uppercase()));
                }
                let from = self.norm.len();
                self.norm.push_str(&text[run..pos]);
                if let Some(added) = self.norm.get_mut(from..) {
                    added.make_ascii_uppercase();
                }
                cur_end = pos;
                last_char_lower = bytes[pos - 1].is_ascii_lowercase();
                continue;
            }
            let i = pos;
            let Some(c) = text[i..].chars().next() else {
                break;
            };
            pos += c.len_utf8();
            let next = text[pos..].chars().next();
            // News is mostly ASCII: its classes are a table lookup, not a Unicode one (same answers).
            let (alphanumeric, is_upper, is_lower) = if c.is_ascii() {
                (
                    c.is_ascii_alphanumeric(),
                    c.is_ascii_uppercase(),
                    c.is_ascii_lowercase(),
                )
            } else {
                (c.is_alphanumeric(), c.is_uppercase(), c.is_lowercase())
            };
            if alphanumeric {
                if is_upper {
                    upper += 1;
                } else if is_lower {
                    lower += 1;
                }
                if cur.is_none() {
                    cur = Some((i, self.norm.len(), is_upper));
                }
                push_folded(&mut self.norm, c);
                cur_end = i + c.len_utf8();
                last_char_lower = is_lower;
                continue;
            }
            match c {
                '\'' | '\u{2019}' | '\u{2018}' | '`' => {
                    if let Some((_, ns, _)) = cur {
                        // Possessive 's / s' : split off and mark the word.
                        let after = &text[i + c.len_utf8()..];
                        let is_s = after.starts_with(['s', 'S'])
                            && !after[1..].starts_with(|n: char| n.is_alphanumeric());
                        let word_ends_s = self.norm.len() > ns && self.norm.ends_with('S');
                        if is_s {
                            finish(self, &mut cur, cur_end);
                            if let Some(t) = self.tokens.last_mut() {
                                t.possessive = true;
                            }
                            pos += next.map_or(0, char::len_utf8);
                            continue;
                        }
                        if word_ends_s && !next.is_some_and(|n| n.is_alphanumeric()) {
                            finish(self, &mut cur, cur_end);
                            if let Some(t) = self.tokens.last_mut() {
                                t.possessive = true;
                            }
                            continue;
                        }
                        let after_is_t = after.starts_with(['t', 'T'])
                            && !after[1..].starts_with(|n: char| n.is_alphanumeric());
                        if after_is_t && self.norm.len() > ns && self.norm.ends_with('N') {
                            // Treebank contraction: DIDN'T → DID + N'T, WON'T → WO + N'T (PETRARCH's dictionaries
                            // are written that way; TABARI's DIDN'T is split the same way when compiled).
                            let (s0, _, cap) = cur.unwrap_or((0, 0, false));
                            let n_byte = cur_end - 1;
                            self.norm.pop();
                            if self.norm.len() > ns {
                                cur = Some((s0, ns, cap));
                                finish(self, &mut cur, n_byte);
                            } else {
                                cur = None;
                            }
                            let ns2 = self.norm.len();
                            self.norm.push_str("N'T");
                            let end = i + c.len_utf8() + 1;
                            self.tokens.push(Token {
                                kind: TokenKind::Word,
                                start: n_byte as u32,
                                end: end as u32,
                                norm_start: ns2 as u32,
                                norm_end: self.norm.len() as u32,
                                capitalized: false,
                                possessive: false,
                            });
                            pos += next.map_or(0, char::len_utf8);
                            continue;
                        }
                        if next.is_some_and(|n| n.is_alphanumeric()) {
                            // Inside a word: SHI'A, O'BRIEN.
                            self.norm.push('\'');
                            continue;
                        }
                    }
                    finish(self, &mut cur, cur_end);
                }
                '.' => {
                    let keep = cur.is_some()
                        && !last_char_lower
                        && (next.is_some_and(|n| n.is_alphanumeric()) || {
                            // A capital abbreviation: a single letter, or a word already containing a period.
                            let (_, ns, _) = cur.unwrap_or((0, 0, false));
                            let w = &self.norm[ns..];
                            w.len() == 1 && w.as_bytes()[0].is_ascii_alphabetic() || w.contains('.')
                        });
                    let in_number = cur.is_some()
                        && i > 0
                        && bytes[i - 1].is_ascii_digit()
                        && next.is_some_and(|n| n.is_ascii_digit());
                    if keep || in_number {
                        self.norm.push('.');
                        cur_end = i + 1;
                    } else {
                        finish(self, &mut cur, cur_end);
                    }
                }
                ',' | ';' | ':' => {
                    let in_number = c == ','
                        && cur.is_some()
                        && i > 0
                        && bytes[i - 1].is_ascii_digit()
                        && next.is_some_and(|n| n.is_ascii_digit());
                    if in_number {
                        continue;
                    }
                    finish(self, &mut cur, cur_end);
                    self.tokens.push(Token {
                        kind: TokenKind::Comma,
                        start: i as u32,
                        end: (i + 1) as u32,
                        norm_start: self.norm.len() as u32,
                        norm_end: self.norm.len() as u32,
                        capitalized: false,
                        possessive: false,
                    });
                }
                '&' if cur.is_some() && next.is_some_and(|n| n.is_alphanumeric()) => {
                    self.norm.push('&');
                }
                _ => finish(self, &mut cur, cur_end),
            }
        }
        if self.tokens.len() <= max_tokens {
            finish(self, &mut cur, cur_end);
        }
        let cut = (self.tokens.len() > max_tokens).then(|| {
            let first_left_out = self.tokens[max_tokens];
            self.tokens.truncate(max_tokens);
            self.norm.truncate(first_left_out.norm_start as usize);
            first_left_out.start as usize
        });
        self.all_caps = lower == 0 && upper > 0;
        cut
    }
}

/// [`ASCII_CLASS`] bits: an ASCII letter or digit has one of them.
const UPPER: u8 = 1;
const LOWER: u8 = 2;
const DIGIT: u8 = 4;

/// The class of each byte for the tokenizer's ASCII word runs: 0 for anything but an ASCII letter or digit.
static ASCII_CLASS: [u8; 256] = {
    let mut t = [0u8; 256];
    let mut b = 0;
    while b < 256 {
        let c = b as u8;
        t[b] = if c.is_ascii_uppercase() {
            UPPER
        } else if c.is_ascii_lowercase() {
            LOWER
        } else if c.is_ascii_digit() {
            DIGIT
        } else {
            0
        };
        b += 1;
    }
    t
};

/// Upper-case `c`, folding common Latin accents to ASCII (TABARI removes diacritics).
fn push_folded(out: &mut String, c: char) {
    if c.is_ascii() {
        out.push(c.to_ascii_uppercase());
        return;
    }
    let folded = match c {
        'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' | 'À' | 'Á' | 'Â' | 'Ã' | 'Ä' | 'Å' | 'ā' | 'Ā' => {
            'A'
        }
        'ç' | 'Ç' | 'č' | 'Č' | 'ć' | 'Ć' => 'C',
        'è' | 'é' | 'ê' | 'ë' | 'È' | 'É' | 'Ê' | 'Ë' | 'ē' | 'Ē' | 'ě' | 'Ě' => 'E',
        'ì' | 'í' | 'î' | 'ï' | 'Ì' | 'Í' | 'Î' | 'Ï' | 'ī' | 'Ī' | 'ı' | 'İ' => 'I',
        'ñ' | 'Ñ' | 'ń' | 'Ń' => 'N',
        'ò' | 'ó' | 'ô' | 'õ' | 'ö' | 'ø' | 'Ò' | 'Ó' | 'Ô' | 'Õ' | 'Ö' | 'Ø' | 'ō' | 'Ō' => {
            'O'
        }
        'ù' | 'ú' | 'û' | 'ü' | 'Ù' | 'Ú' | 'Û' | 'Ü' | 'ū' | 'Ū' => 'U',
        'ý' | 'ÿ' | 'Ý' => 'Y',
        'š' | 'Š' | 'ś' | 'Ś' | 'ş' | 'Ş' => 'S',
        'ž' | 'Ž' | 'ź' | 'Ź' | 'ż' | 'Ż' => 'Z',
        'ł' | 'Ł' => 'L',
        'ğ' | 'Ğ' => 'G',
        'ř' | 'Ř' => 'R',
        'ß' => {
            out.push_str("SS");
            return;
        }
        _ => {
            for u in c.to_uppercase() {
                out.push(u);
            }
            return;
        }
    };
    out.push(folded);
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(text: &str) -> Vec<String> {
        let mut t = Tokens::default();
        t.fill(text);
        (0..t.len())
            .map(|i| match t.tokens[i].kind {
                TokenKind::Comma => ",".to_string(),
                TokenKind::Word => {
                    let mut s = t.text(i).to_string();
                    if t.tokens[i].possessive {
                        s.push_str("'S");
                    }
                    s
                }
            })
            .collect()
    }

    #[test]
    fn filters_like_tabari() {
        assert_eq!(
            words("Russia’s Lavrov, in 1,500 U.N. talks; al-Assad didn't go."),
            [
                "RUSSIA'S", "LAVROV", ",", "IN", "1500", "U.N.", "TALKS", ",", "AL", "ASSAD",
                "DID", "N'T", "GO"
            ]
        );
        assert_eq!(words("the U.S."), ["THE", "U.S."]);
        assert_eq!(words("Gondor.  Arnor"), ["GONDOR", "ARNOR"]);
        assert_eq!(words("Québec's \"rebels\""), ["QUEBEC'S", "REBELS"]);
    }

    #[test]
    fn a_token_limit_stops_reading_at_the_first_token_left_out() {
        let text = "Russia attacked Ukraine's army, didn't it";
        let mut all = Tokens::default();
        assert_eq!(all.fill_limited(text, usize::MAX), None);
        for max in 0..=all.len() + 1 {
            let mut t = Tokens::default();
            let cut = t.fill_limited(text, max);
            assert_eq!(t.len(), max.min(all.len()), "{max}");
            for i in 0..t.len() {
                assert_eq!(t.text(i), all.text(i));
                assert_eq!(t.tokens[i].possessive, all.tokens[i].possessive);
            }
            let expected = (max < all.len()).then(|| all.tokens[max].start as usize);
            assert_eq!(cut, expected, "{max}");
        }
    }

    #[test]
    fn words_mixing_ascii_and_other_letters_stay_whole() {
        assert_eq!(
            words("São Paulo's Zürich2 ÉTAT"),
            ["SAO", "PAULO'S", "ZURICH2", "ETAT"]
        );
        let mut t = Tokens::default();
        t.fill("ÉTAT DE SIÈGE À 12H");
        assert!(t.all_caps);
        t.fill("ÉTAT de SIÈGE");
        assert!(!t.all_caps);
        t.fill("1987 - 88");
        assert!(!t.all_caps);
    }

    #[test]
    fn offsets_point_into_input() {
        let text = "Tehran’s militias, said";
        let mut t = Tokens::default();
        t.fill(text);
        let spans: Vec<&str> = t
            .tokens
            .iter()
            .map(|k| &text[k.start as usize..k.end as usize])
            .collect();
        assert_eq!(spans, ["Tehran", "militias", ",", "said"]);
    }
}
