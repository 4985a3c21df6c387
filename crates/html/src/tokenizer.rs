//! A byte-oriented HTML tokenizer for the markup real pages are made of, feeding html5ever's tree builder the very
//! tokens, with the very line numbers, that html5ever's own tokenizer would.
//!
//! html5ever's tokenizer walks tags and attributes one `char` at a time through a state machine over tendrils; on
//! news pages that is most of the parse. This one scans bytes with `memchr`, takes tag and attribute names in one
//! slice each, and cuts text runs out of the input without copying. It does not try to cover the whole HTML5
//! tokenizer: at the first construct it does not reproduce exactly (a NUL, CDATA, script text with `<!--`, a bogus
//! doctype, `<plaintext>`, an end of input inside a tag or a character reference, ...) it gives up with
//! [`Unsupported`], and [`crate::dom::Dom`] parses the whole page again with html5ever's tokenizer. So the tree is
//! always html5ever's; this module only decides how fast it is built.
//!
//! What "exactly" means here is html5ever 0.35's behaviour, quirks included, because node line numbers (which map
//! blocks back to the raw page) depend on how text is cut into tokens: a data-state text run is cut at `<`, `&` and
//! CR, and at the end of the text a character reference pushed back; a run starting with LF is that LF alone; after a
//! CR (or a `<` that opens no tag) the next character is a token of its own; whitespace between `=` and an attribute
//! value is skipped without counting its line breaks. Raw text (`<title>`, `<style>`, ...) goes to the tree builder
//! as one text node whatever its cut, so only the line of its first token is reproduced. Parse-error tokens are not
//! sent: the tree builder only reports them.

use html5ever::data::{C1_REPLACEMENTS, NAMED_ENTITIES};
use html5ever::tendril::StrTendril;
use html5ever::tokenizer::states::RawKind;
use html5ever::tokenizer::{
    CharacterTokens, CommentToken, Doctype, DoctypeToken, EOFToken, EndTag, StartTag, Tag, TagKind,
    TagToken, Token, TokenSink, TokenSinkResult,
};
use html5ever::{ns, Attribute, LocalName, QualName};

/// Why the fast tokenizer handed a page back to html5ever's: the first construct it does not reproduce.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Unsupported(pub &'static str);

type Step<T> = Result<T, Unsupported>;

/// Tokenize all of `html` into `sink`, then end it; `Err` when the page needs html5ever's tokenizer (the sink has
/// then seen part of the page and must be thrown away). With `drop_script_text`, the text of the elements
/// [`crate::dom::droppable_text`] names is replaced by its line breaks, as [`crate::dom::Dom::parse`] does.
pub(crate) fn tokenize<S: TokenSink>(html: &str, sink: &S, drop_script_text: bool) -> Step<()> {
    if memchr::memchr(0, html.as_bytes()).is_some() {
        return Err(Unsupported("NUL"));
    }
    let mut t = Fast {
        s: html,
        b: html.as_bytes(),
        input: StrTendril::from_slice(html),
        sink,
        pos: 0,
        line: 1,
        drop_script_text,
    };
    // The tokenizer discards a byte-order mark at the start.
    if html.starts_with('\u{feff}') {
        t.pos = '\u{feff}'.len_utf8();
    }
    t.data()?;
    let line = t.line;
    let _ = sink.process_token(EOFToken, line);
    sink.end();
    Ok(())
}

struct Fast<'a, S> {
    s: &'a str,
    b: &'a [u8],
    /// The page as one shared tendril: text runs are slices of it.
    input: StrTendril,
    sink: &'a S,
    pos: usize,
    /// The line html5ever's tokenizer would be on: line breaks consumed so far, plus one.
    line: u64,
    drop_script_text: bool,
}

/// Whitespace between tag parts; CR counts, as the tokenizer turns it into LF first.
fn is_space(c: u8) -> bool {
    matches!(c, b'\t' | b'\n' | b'\x0c' | b'\r' | b' ')
}

/// Line breaks in `b` as the tokenizer counts them: CR LF, a lone CR and a lone LF are one each.
fn breaks(b: &[u8]) -> u64 {
    let lf = memchr::memchr_iter(b'\n', b).count();
    let lone_cr = memchr::memchr_iter(b'\r', b)
        .filter(|&i| b.get(i + 1) != Some(&b'\n'))
        .count();
    (lf + lone_cr) as u64
}

/// `b` with CR LF and lone CR turned into LF, as the tokenizer's input preprocessing does.
fn push_normalized(out: &mut String, s: &str) {
    let mut rest = s;
    while let Some(i) = memchr::memchr(b'\r', rest.as_bytes()) {
        out.push_str(&rest[..i]);
        out.push('\n');
        rest = &rest[i + 1..];
        if rest.starts_with('\n') {
            rest = &rest[1..];
        }
    }
    out.push_str(rest);
}

fn lowercase_name(s: &str) -> LocalName {
    if s.bytes().any(|c| c.is_ascii_uppercase()) {
        LocalName::from(s.to_ascii_lowercase())
    } else {
        LocalName::from(s)
    }
}

/// A character reference as the tokenizer reads it: what it stands for, where tokenizing goes on, and the end of
/// the characters it read ahead and pushed back (a separate input buffer: a data-state text run stops there).
struct CharRef {
    chars: [char; 2],
    /// 0: not a reference, the `&` stands for itself.
    count: u8,
    resume: usize,
    pushed_back_end: usize,
}

impl<S: TokenSink> Fast<'_, S> {
    fn emit(&self, token: Token) -> TokenSinkResult<S::Handle> {
        self.sink.process_token(token, self.line)
    }

    /// Send a token that may not switch the tokenizer's state.
    fn emit_plain(&self, token: Token) -> Step<()> {
        match self.emit(token) {
            TokenSinkResult::Continue => Ok(()),
            _ => Err(Unsupported("state switch on a non-tag token")),
        }
    }

    fn emit_str(&self, text: &str) -> Step<()> {
        self.emit_plain(CharacterTokens(StrTendril::from_slice(text)))
    }

    fn emit_char(&self, c: char) -> Step<()> {
        let mut buf = [0u8; 4];
        self.emit_str(c.encode_utf8(&mut buf))
    }

    fn char_len_at(&self, at: usize) -> usize {
        self.s[at..].chars().next().map_or(1, char::len_utf8)
    }

    /// The data state, to the end of the input.
    fn data(&mut self) -> Step<()> {
        let len = self.b.len();
        // The end of text pushed back by a character reference, which html5ever tokenizes as a buffer of its own.
        let mut pushed_back_end = 0;
        // The next character is read alone: after a CR, or when a `<` opened no tag.
        let mut single = false;
        while self.pos < len {
            let c = self.b[self.pos];
            match c {
                b'\n' => {
                    self.pos += 1;
                    self.line += 1;
                    self.emit_str("\n")?;
                    single = false;
                }
                b'\r' => {
                    self.pos += 1;
                    if self.b.get(self.pos) == Some(&b'\n') {
                        self.pos += 1;
                    }
                    self.line += 1;
                    self.emit_str("\n")?;
                    single = true;
                }
                b'<' => {
                    single = self.tag_open()?;
                }
                b'&' => {
                    single = false;
                    let r = self.char_ref(self.pos, false)?;
                    self.emit_char_ref(&r)?;
                    self.pos = r.resume;
                    pushed_back_end = r.pushed_back_end;
                }
                _ if single => {
                    let n = self.char_len_at(self.pos);
                    let at = self.pos;
                    self.pos += n;
                    self.emit_str(&self.s[at..at + n])?;
                    single = false;
                }
                _ => {
                    let rest = &self.b[self.pos..];
                    let mut end =
                        memchr::memchr3(b'<', b'&', b'\r', rest).map_or(len, |i| self.pos + i);
                    if pushed_back_end > self.pos {
                        end = end.min(pushed_back_end);
                    }
                    let run = &self.b[self.pos..end];
                    self.line += memchr::memchr_iter(b'\n', run).count() as u64;
                    let text = self
                        .input
                        .subtendril(self.pos as u32, (end - self.pos) as u32);
                    self.pos = end;
                    self.emit_plain(CharacterTokens(text))?;
                }
            }
        }
        Ok(())
    }

    fn emit_char_ref(&self, r: &CharRef) -> Step<()> {
        if r.count == 0 {
            return self.emit_str("&");
        }
        for &c in &r.chars[..r.count as usize] {
            self.emit_char(c)?;
        }
        Ok(())
    }

    /// A character reference starting at the `&` at `at`, read as html5ever's character reference tokenizer does
    /// (named ones by the longest match in html5ever's own table).
    fn char_ref(&self, at: usize, in_attribute: bool) -> Step<CharRef> {
        const EOF: Unsupported = Unsupported("end of input in a character reference");
        let b = self.b;
        let none = |pushed_back_end: usize| CharRef {
            chars: ['\0'; 2],
            count: 0,
            resume: at + 1,
            pushed_back_end,
        };
        let mut p = at + 1;
        let first = *b.get(p).ok_or(EOF)?;
        if first == b'#' {
            p += 1;
            let hex = matches!(b.get(p).ok_or(EOF)?, b'x' | b'X');
            if hex {
                p += 1;
            }
            let base = if hex { 16 } else { 10 };
            let (mut num, mut too_big, mut digits) = (0u32, false, false);
            loop {
                let c = *b.get(p).ok_or(EOF)?;
                let Some(n) = (c as char).to_digit(base).filter(|_| c.is_ascii()) else {
                    break;
                };
                p += 1;
                num = num.wrapping_mul(base);
                if num > 0x10FFFF {
                    too_big = true;
                }
                num = num.wrapping_add(n);
                digits = true;
            }
            if !digits {
                return Ok(none(p));
            }
            if *b.get(p).ok_or(EOF)? == b';' {
                p += 1;
            }
            let c = match num {
                n if n > 0x10FFFF || too_big => '\u{fffd}',
                0x00 | 0xD800..=0xDFFF => '\u{fffd}',
                0x80..=0x9F => C1_REPLACEMENTS[(num - 0x80) as usize]
                    .unwrap_or_else(|| char::from_u32(num).unwrap_or('\u{fffd}')),
                n => char::from_u32(n).unwrap_or('\u{fffd}'),
            };
            return Ok(CharRef {
                chars: [c, '\0'],
                count: 1,
                resume: p,
                pushed_back_end: p,
            });
        }
        if !first.is_ascii_alphanumeric() {
            return Ok(none(at + 1));
        }
        // Named: extend the name while it is a prefix of some entity, remembering the longest entity.
        let start = at + 1;
        let mut matched: Option<((u32, u32), usize)> = None;
        let failing = loop {
            if p >= b.len() {
                return Err(EOF);
            }
            let next = p + self.char_len_at(p);
            match NAMED_ENTITIES.get(&self.s[start..next]) {
                Some(&m) => {
                    if m.0 != 0 {
                        matched = Some((m, next));
                    }
                    p = next;
                }
                None => break (b[p], next),
            }
        };
        let (c, failing_end) = failing;
        let Some(((c1, c2), end)) = matched else {
            if c.is_ascii_alphanumeric() {
                // A bogus name: read on over letters and digits, then push it all back.
                let mut q = failing_end;
                loop {
                    let c = *b.get(q).ok_or(EOF)?;
                    q += self.char_len_at(q);
                    if !c.is_ascii_alphanumeric() {
                        return Ok(none(q));
                    }
                }
            }
            return Ok(none(failing_end));
        };
        let last = b[end - 1];
        let next_after = b[end];
        if in_attribute
            && last != b';'
            && (next_after == b'=' || next_after.is_ascii_alphanumeric())
        {
            return Ok(none(failing_end));
        }
        let conv = |n: u32| char::from_u32(n).unwrap_or('\u{fffd}');
        Ok(CharRef {
            chars: [conv(c1), conv(c2)],
            count: if c2 == 0 { 1 } else { 2 },
            resume: end,
            pushed_back_end: failing_end,
        })
    }

    /// After a `<` in the data state. Returns whether the next character is read alone (the `<` opened nothing).
    fn tag_open(&mut self) -> Step<bool> {
        let b = self.b;
        let p = self.pos + 1;
        let c = *b.get(p).ok_or(Unsupported("end of input after `<`"))?;
        match c {
            b'!' => {
                self.markup_declaration(p + 1)?;
                Ok(false)
            }
            b'/' => {
                let c = *b.get(p + 1).ok_or(Unsupported("end of input after `</`"))?;
                if c == b'>' {
                    self.pos = p + 2;
                } else if c.is_ascii_alphabetic() {
                    self.tag(EndTag, p + 1)?;
                } else {
                    self.bogus_comment(p + 1)?;
                }
                Ok(false)
            }
            b'?' => {
                self.bogus_comment(p)?;
                Ok(false)
            }
            c if c.is_ascii_alphabetic() => {
                self.tag(StartTag, p)?;
                Ok(false)
            }
            b'\n' | b'\r' => {
                // The line break is read (and counted) before the `<` goes out, then read again as text; after a
                // CR the character that follows is read alone.
                self.line += 1;
                self.emit_str("<")?;
                self.emit_str("\n")?;
                self.pos = p + 1;
                if c == b'\r' && b.get(self.pos) == Some(&b'\n') {
                    self.pos += 1;
                }
                Ok(c == b'\r')
            }
            _ => {
                self.pos = p;
                self.emit_str("<")?;
                Ok(true)
            }
        }
    }

    /// Up to and including the first `>` from `from`, as a comment whose text nobody reads.
    fn bogus_comment(&mut self, from: usize) -> Step<()> {
        let end = memchr::memchr(b'>', &self.b[from..])
            .ok_or(Unsupported("end of input in a bogus comment"))?
            + from;
        self.line += breaks(&self.b[self.pos..end]);
        self.pos = end + 1;
        self.emit_plain(CommentToken(StrTendril::new()))
    }

    /// After `<!` at `p`.
    fn markup_declaration(&mut self, p: usize) -> Step<()> {
        let b = self.b;
        if b[p..].starts_with(b"--") {
            return self.comment(p + 2);
        }
        if b.len() < p + 7 {
            return Err(Unsupported("end of input after `<!`"));
        }
        if b[p..p + 7].eq_ignore_ascii_case(b"doctype") {
            return self.doctype(p + 7);
        }
        if b[p..].starts_with(b"[CDATA[") {
            return Err(Unsupported("CDATA"));
        }
        self.bogus_comment(p)
    }

    /// A comment whose text starts at `body` (after `<!--`).
    fn comment(&mut self, body: usize) -> Step<()> {
        let b = self.b;
        let end = if b[body..].starts_with(b">") {
            body
        } else if b[body..].starts_with(b"->") {
            body + 1
        } else {
            let close = memchr::memmem::find(&b[body..], b"-->")
                .ok_or(Unsupported("end of input in a comment"))?
                + body;
            if memchr::memmem::find(&b[body..close + 2], b"--!").is_some() {
                return Err(Unsupported("`--!` in a comment"));
            }
            close + 2
        };
        self.line += breaks(&b[self.pos..end]);
        self.pos = end + 1;
        self.emit_plain(CommentToken(StrTendril::new()))
    }

    /// Skip whitespace from `p`, counting its line breaks.
    fn skip_space(&mut self, mut p: usize) -> usize {
        let b = self.b;
        while p < b.len() && is_space(b[p]) {
            if b[p] == b'\n' {
                self.line += 1;
            } else if b[p] == b'\r' {
                self.line += 1;
                if b.get(p + 1) == Some(&b'\n') {
                    p += 1;
                }
            }
            p += 1;
        }
        p
    }

    /// `<!DOCTYPE` with a name and optional quoted public and system identifiers; the rest goes to html5ever.
    fn doctype(&mut self, p: usize) -> Step<()> {
        const ODD: Unsupported = Unsupported("unusual doctype");
        let b = self.b;
        if !b.get(p).copied().is_some_and(is_space) {
            return Err(ODD);
        }
        let mut p = self.skip_space(p);
        let name_start = p;
        while p < b.len() && !is_space(b[p]) && b[p] != b'>' {
            p += 1;
        }
        if p == name_start || p >= b.len() {
            return Err(ODD);
        }
        let mut doctype = Doctype {
            name: Some(StrTendril::from_slice(
                &self.s[name_start..p].to_ascii_lowercase(),
            )),
            ..Doctype::default()
        };
        p = self.skip_space(p);
        if b.get(p) == Some(&b'>') {
            self.pos = p + 1;
            return self.emit_plain(DoctypeToken(doctype));
        }
        // Identifiers: PUBLIC "a" ["b"] or SYSTEM "b".
        let keyword = b.get(p..p + 6).ok_or(ODD)?;
        let mut ids_left = if keyword.eq_ignore_ascii_case(b"public") {
            2
        } else if keyword.eq_ignore_ascii_case(b"system") {
            1
        } else {
            0
        };
        if ids_left > 0 {
            p += 6;
            if !b.get(p).copied().is_some_and(is_space) {
                return Err(ODD);
            }
            p = self.skip_space(p);
            let mut first = true;
            while ids_left > 0 {
                let q = *b.get(p).ok_or(ODD)?;
                if q != b'"' && q != b'\'' {
                    if first || q != b'>' {
                        return Err(ODD);
                    }
                    break;
                }
                let close = memchr::memchr(q, &b[p + 1..]).ok_or(ODD)? + p + 1;
                let text = &self.s[p + 1..close];
                if text.contains('>') {
                    return Err(ODD);
                }
                self.line += breaks(text.as_bytes());
                let mut id = String::new();
                push_normalized(&mut id, text);
                let id = Some(StrTendril::from_slice(&id));
                if ids_left == 2 {
                    doctype.public_id = id;
                } else {
                    doctype.system_id = id;
                }
                ids_left -= 1;
                p = close + 1;
                if ids_left == 1 {
                    // After a public identifier: whitespace, then a system identifier or `>`; or `>` at once.
                    if b.get(p) == Some(&b'>') {
                        break;
                    }
                    if !b.get(p).copied().is_some_and(is_space) {
                        return Err(ODD);
                    }
                }
                p = self.skip_space(p);
                first = false;
            }
        }
        if b.get(p) != Some(&b'>') {
            return Err(ODD);
        }
        self.pos = p + 1;
        self.emit_plain(DoctypeToken(doctype))
    }

    /// A start or end tag whose name starts at `name_start` (a letter), through its `>`; then, if the tree builder
    /// switches to raw text, that text and its end tag.
    fn tag(&mut self, kind: TagKind, name_start: usize) -> Step<()> {
        const EOF: Unsupported = Unsupported("end of input in a tag");
        let b = self.b;
        let mut p = name_start;
        while p < b.len() && !matches!(b[p], b'\t' | b'\n' | b'\x0c' | b'\r' | b' ' | b'/' | b'>') {
            p += 1;
        }
        let name = lowercase_name(&self.s[name_start..p]);
        let mut attrs: Vec<Attribute> = Vec::new();
        let mut self_closing = false;
        // Before an attribute name (the tag name's end included).
        loop {
            p = self.skip_space(p);
            let c = *b.get(p).ok_or(EOF)?;
            if c == b'>' {
                break;
            }
            if c == b'/' {
                // A self-closing tag, or a stray `/` read as whitespace.
                p += 1;
                if *b.get(p).ok_or(EOF)? == b'>' {
                    self_closing = true;
                    break;
                }
                continue;
            }
            // An attribute name: its first character may be anything, even `=`.
            let attr_start = p;
            p += self.char_len_at(p);
            while p < b.len()
                && !matches!(
                    b[p],
                    b'\t' | b'\n' | b'\x0c' | b'\r' | b' ' | b'/' | b'>' | b'='
                )
            {
                p += 1;
            }
            let attr_name = lowercase_name(&self.s[attr_start..p]);
            p = self.skip_space(p);
            let mut value = StrTendril::new();
            if b.get(p) == Some(&b'=') {
                p += 1;
                // Whitespace before the value is skipped without counting its line breaks (html5ever peeks it).
                while p < b.len() && is_space(b[p]) {
                    p += 1;
                }
                let c = *b.get(p).ok_or(EOF)?;
                if c == b'"' || c == b'\'' {
                    let (v, end) = self.quoted_value(p + 1, c)?;
                    value = v;
                    p = end + 1;
                    // After the quote: whitespace, `/`, `>`, or (an error) the next attribute at once.
                } else if c != b'>' {
                    let (v, end) = self.unquoted_value(p)?;
                    value = v;
                    p = end;
                }
            }
            // A repeated attribute is dropped.
            if !attrs.iter().any(|a| a.name.local == attr_name) {
                attrs.push(Attribute {
                    name: QualName::new(None, ns!(), attr_name),
                    value,
                });
            }
        }
        self.pos = p + 1;
        let tag = Tag {
            kind,
            name,
            self_closing,
            attrs,
        };
        self.emit_tag(tag)
    }

    /// A quoted attribute value from `from` to its closing `quote`: the value and where the quote is.
    fn quoted_value(&mut self, from: usize, quote: u8) -> Step<(StrTendril, usize)> {
        let b = self.b;
        let close = memchr::memchr(quote, &b[from..])
            .ok_or(Unsupported("end of input in an attribute value"))?
            + from;
        let raw = &self.s[from..close];
        self.line += breaks(raw.as_bytes());
        if memchr::memchr2(b'&', b'\r', raw.as_bytes()).is_none() {
            return Ok((StrTendril::from_slice(raw), close));
        }
        Ok((self.decode_value(from, close)?, close))
    }

    /// An unquoted attribute value from `from`: the value and where it ends (whitespace or `>`).
    fn unquoted_value(&mut self, from: usize) -> Step<(StrTendril, usize)> {
        let b = self.b;
        let mut end = from;
        while end < b.len() && !matches!(b[end], b'\t' | b'\n' | b'\x0c' | b'\r' | b' ' | b'>') {
            end += 1;
        }
        if end >= b.len() {
            return Err(Unsupported("end of input in an attribute value"));
        }
        let raw = &self.s[from..end];
        if memchr::memchr(b'&', raw.as_bytes()).is_none() {
            return Ok((StrTendril::from_slice(raw), end));
        }
        Ok((self.decode_value(from, end)?, end))
    }

    /// The attribute value `from..to` with character references decoded and line breaks normalised.
    fn decode_value(&self, from: usize, to: usize) -> Step<StrTendril> {
        let mut out = String::with_capacity(to - from);
        let mut p = from;
        while p < to {
            let Some(amp) = memchr::memchr(b'&', &self.b[p..to]).map(|i| p + i) else {
                push_normalized(&mut out, &self.s[p..to]);
                break;
            };
            push_normalized(&mut out, &self.s[p..amp]);
            let r = self.char_ref(amp, true)?;
            if r.count == 0 {
                out.push('&');
            } else {
                out.extend(&r.chars[..r.count as usize]);
            }
            // Whatever the reference pushed back is read again as value text.
            p = r.resume;
        }
        Ok(StrTendril::from_slice(&out))
    }

    fn emit_tag(&mut self, tag: Tag) -> Step<()> {
        let dropped = if self.drop_script_text && tag.kind == StartTag {
            crate::dom::droppable_text(&tag).map(|(_, kind)| kind)
        } else {
            None
        };
        let name = tag.name.clone();
        match self.emit(TagToken(tag)) {
            TokenSinkResult::Continue => Ok(()),
            TokenSinkResult::Script(_) => {
                // html5ever discards a byte-order mark at the start of every feed, and a script ends one.
                if self.s[self.pos..].starts_with('\u{feff}') {
                    return Err(Unsupported("byte-order mark after a script"));
                }
                Ok(())
            }
            TokenSinkResult::Plaintext => Err(Unsupported("plaintext")),
            TokenSinkResult::RawData(kind) => self.raw_text(kind, &name, dropped == Some(kind)),
        }
    }

    /// The text of a raw-text element (`kind` as the tree builder asked) and its end tag.
    fn raw_text(&mut self, kind: RawKind, name: &LocalName, drop: bool) -> Step<()> {
        if !matches!(
            kind,
            RawKind::Rawtext | RawKind::Rcdata | RawKind::ScriptData
        ) {
            return Err(Unsupported("escaped script data"));
        }
        let b = self.b;
        let start = self.pos;
        let mut end = start + crate::dom::raw_text_end(&b[start..], name.as_bytes());
        let mut drop = drop;
        if kind == RawKind::ScriptData && memchr::memmem::find(&b[start..end], b"<!--").is_some() {
            // The escape states decide where the script ends; its text is kept (see `Dom::parse`).
            drop = false;
            end = script_end(b, start);
        }
        if end >= b.len() {
            return Err(Unsupported("raw text without an end tag"));
        }
        let after = end + 2 + name.len();
        if b.get(after) != Some(&b'>') {
            return Err(Unsupported("raw text end tag with more than a name"));
        }
        let text = &self.s[start..end];
        if drop {
            // The text is replaced by its line breaks, each a token of its own.
            for _ in 0..breaks(text.as_bytes()) {
                self.line += 1;
                self.emit_str("\n")?;
            }
        } else {
            // Leading line breaks are tokens of their own; what follows goes to the same text node, so only the
            // line of its first token counts.
            let mut p = start;
            while p < end && matches!(b[p], b'\n' | b'\r') {
                if b[p] == b'\r' && b.get(p + 1) == Some(&b'\n') {
                    p += 1;
                }
                p += 1;
                self.line += 1;
                self.emit_str("\n")?;
            }
            if p < end {
                let rest = &self.s[p..end];
                // A `<` opening the text goes out once the tokenizer has read past it (`</name` and one more
                // character): a line break there would count towards its line.
                if b[p] == b'<' {
                    let mut q = p + 1;
                    if b.get(q) == Some(&b'/') {
                        q += 1;
                        if b.get(q).is_some_and(u8::is_ascii_alphabetic) {
                            while b.get(q).is_some_and(u8::is_ascii_alphabetic) {
                                q += 1;
                            }
                        }
                    }
                    if matches!(b.get(q), Some(b'\n' | b'\r')) {
                        return Err(Unsupported("raw text opening with `<` and a line break"));
                    }
                }
                let mut out = String::with_capacity(rest.len());
                if kind == RawKind::Rcdata && memchr::memchr(b'&', rest.as_bytes()).is_some() {
                    let mut q = p;
                    while q < end {
                        let Some(amp) = memchr::memchr(b'&', &b[q..end]).map(|i| q + i) else {
                            push_normalized(&mut out, &self.s[q..end]);
                            break;
                        };
                        push_normalized(&mut out, &self.s[q..amp]);
                        let r = self.char_ref(amp, false)?;
                        if r.count == 0 {
                            out.push('&');
                        } else {
                            out.extend(&r.chars[..r.count as usize]);
                        }
                        q = r.resume;
                    }
                    // A reference for LF opening the text would be a token the tree builder may drop.
                    if b[p] == b'&' && out.starts_with('\n') {
                        return Err(Unsupported("raw text opening with a line break reference"));
                    }
                } else {
                    push_normalized(&mut out, rest);
                }
                self.emit_plain(CharacterTokens(StrTendril::from_slice(&out)))?;
                self.line += breaks(rest.as_bytes());
            }
        }
        self.pos = after + 1;
        let end_tag = Tag {
            kind: EndTag,
            name: name.clone(),
            self_closing: false,
            attrs: Vec::new(),
        };
        match self.emit(TagToken(end_tag)) {
            TokenSinkResult::Continue => Ok(()),
            TokenSinkResult::Script(_) => {
                if self.s[self.pos..].starts_with('\u{feff}') {
                    return Err(Unsupported("byte-order mark after a script"));
                }
                Ok(())
            }
            _ => Err(Unsupported("state switch on a raw text end tag")),
        }
    }
}

/// Where script text from `start` ends, through the tokenizer's script-data escape states (`<!--`, `<script`
/// inside it, `-->`): the `<` of the end tag `</script` followed by whitespace, `/` or `>`, or the end of `b`.
fn script_end(b: &[u8], start: usize) -> usize {
    #[derive(Clone, Copy, PartialEq)]
    enum Escape {
        None,
        Escaped,
        Double,
    }
    let is_end = |at: usize| {
        b.len() > at + 8
            && b[at + 2..at + 8].eq_ignore_ascii_case(b"script")
            && matches!(
                b[at + 8],
                b'\t' | b'\n' | b'\x0c' | b'\r' | b' ' | b'/' | b'>'
            )
    };
    // Letters from `at`, and whether they spell `script` and then whitespace, `/` or `>`.
    let script_word = |at: usize| {
        let mut e = at;
        while e < b.len() && b[e].is_ascii_alphabetic() {
            e += 1;
        }
        let word = b[at..e].eq_ignore_ascii_case(b"script")
            && e < b.len()
            && matches!(b[e], b'\t' | b'\n' | b'\x0c' | b'\r' | b' ' | b'/' | b'>');
        (e, word)
    };
    let mut state = Escape::None;
    let mut i = start;
    while i < b.len() {
        match (state, b[i]) {
            (Escape::None, b'<') => {
                if b.get(i + 1) == Some(&b'/') && is_end(i) {
                    return i;
                }
                if b[i + 1..].starts_with(b"!--") {
                    // Escaped, and the dashes count towards a closing `-->` (`<!-->` closes at once).
                    state = Escape::Escaped;
                    i += 4;
                    while b.get(i) == Some(&b'-') {
                        i += 1;
                    }
                    if b.get(i) == Some(&b'>') {
                        state = Escape::None;
                        i += 1;
                    }
                    continue;
                }
                i += 1;
            }
            (Escape::None, _) => i += 1,
            (_, b'-') => {
                // `-->` closes the escape (double escaped too).
                let mut e = i;
                while b.get(e) == Some(&b'-') {
                    e += 1;
                }
                if e - i >= 2 && b.get(e) == Some(&b'>') {
                    state = Escape::None;
                    i = e + 1;
                } else {
                    i = e;
                }
            }
            (Escape::Escaped, b'<') => {
                if b.get(i + 1) == Some(&b'/') {
                    if is_end(i) {
                        return i;
                    }
                    i += 2;
                } else if b.get(i + 1).is_some_and(u8::is_ascii_alphabetic) {
                    let (e, word) = script_word(i + 1);
                    if word {
                        state = Escape::Double;
                    }
                    i = e;
                } else {
                    i += 1;
                }
            }
            (Escape::Double, b'<') => {
                if b.get(i + 1) == Some(&b'/') {
                    let (e, word) = script_word(i + 2);
                    if word {
                        state = Escape::Escaped;
                    }
                    i = e.max(i + 2);
                } else {
                    i += 1;
                }
            }
            _ => i += 1,
        }
    }
    b.len()
}
