//! Line-level syntax shared by the readers: comments, bracketed codes, words with connectors, pattern tokens.
//!
//! Everything here is total: malformed text yields `Err(message)`, never a panic, and the caller turns the message
//! into a warning with the file and line.

use crate::phrase::{
    CodePriority, CodeValue, Dialect, EventCode, PatternElement, PatternToken, Phrase, PhraseWord,
    Word,
};

/// One logical line of a dictionary after comment removal.
#[derive(Debug, Clone)]
pub(crate) struct Line<'a> {
    /// 1-based line number.
    pub number: u32,
    /// The content without comments, trimmed.
    pub content: String,
    /// The comment text (after `#`/`;`), trimmed, if any.
    pub comment: Option<&'a str>,
}

/// Splits `text` into non-empty logical lines with comments removed, per the dialect's comment rules.
///
/// TABARI: lines starting (after blanks) with `#` or `/` are comments; `;` starts a comment; a `~FINISH` line ends the
/// dictionary. PETRARCH: lines starting with `#` or `<!`, `<!-- … -->` (also over several lines) and text after `#`.
pub(crate) fn logical_lines(text: &str, dialect: Dialect) -> Vec<Line<'_>> {
    let mut out = Vec::new();
    let mut in_xml_comment = false;
    for (i, raw) in text.split('\n').enumerate() {
        let number = u32::try_from(i + 1).unwrap_or(u32::MAX);
        let raw = raw.strip_suffix('\r').unwrap_or(raw);
        let trimmed = raw.trim();
        if in_xml_comment {
            if let Some(end) = raw.find("-->") {
                in_xml_comment = false;
                let rest = raw[end + 3..].trim();
                if rest.is_empty() {
                    continue;
                }
            }
            continue;
        }
        if trimmed.is_empty() {
            continue;
        }
        let (content, comment): (String, Option<&str>) = match dialect {
            Dialect::Tabari => {
                if trimmed.starts_with('#') || trimmed.starts_with('/') {
                    continue;
                }
                // `~FINISH` (files write `~~FINISH` plus a time stamp) ends the dictionary.
                if trimmed.starts_with('~')
                    && trimmed
                        .trim_start_matches('~')
                        .get(..6)
                        .is_some_and(|w| w.eq_ignore_ascii_case("FINISH"))
                {
                    break;
                }
                match trimmed.split_once(';') {
                    Some((c, rest)) => (c.trim().to_string(), Some(rest.trim())),
                    None => (trimmed.to_string(), None),
                }
            }
            Dialect::Petrarch1 | Dialect::Petrarch2 => {
                if trimmed.starts_with('#') {
                    continue;
                }
                // Remove one-line XML comments; an unclosed one runs to its `-->` line.
                let mut content = trimmed.to_string();
                while let Some(start) = content.find("<!--") {
                    match content[start..].find("-->") {
                        Some(len) => content.replace_range(start..start + len + 3, " "),
                        None => {
                            content.truncate(start);
                            in_xml_comment = true;
                            break;
                        }
                    }
                }
                if content.trim_start().starts_with("<!") {
                    continue;
                }
                // PETRARCH-1 still honours TABARI's `;` (its docs: "for legacy purposes"); PETRARCH-2 only `#`.
                let is_comment_start =
                    |c: char| c == '#' || (c == ';' && dialect == Dialect::Petrarch1);
                match content.find(is_comment_start) {
                    Some(pos) => {
                        let comment = trimmed
                            .find(is_comment_start)
                            .map(|p| trimmed[p + 1..].trim());
                        content.truncate(pos);
                        (content.trim().to_string(), comment)
                    }
                    None => (content.trim().to_string(), None),
                }
            }
        };
        if content.is_empty() {
            continue;
        }
        out.push(Line {
            number,
            content,
            comment,
        });
    }
    out
}

/// Splits `s` at its first `[`: the text before (trimmed) and the bracket blocks' contents after it.
/// Text between or after blocks is an error.
pub(crate) fn split_brackets(s: &str) -> Result<(&str, Vec<&str>), String> {
    let (head, blocks, trailing) = split_brackets_lenient(s)?;
    match trailing {
        Some(t) => Err(format!("text after code block: {t:?}")),
        None => Ok((head, blocks)),
    }
}

/// [`split_brackets`] that returns text after the blocks instead of failing on it; an unclosed `[` still fails.
pub(crate) fn split_brackets_lenient(s: &str) -> Result<(&str, Vec<&str>, Option<&str>), String> {
    let Some(start) = s.find('[') else {
        return Ok((s.trim(), Vec::new(), None));
    };
    let head = s[..start].trim();
    let mut blocks = Vec::new();
    let mut rest = &s[start..];
    loop {
        rest = rest.trim_start();
        if rest.is_empty() {
            break;
        }
        let Some(body) = rest.strip_prefix('[') else {
            return Ok((head, blocks, Some(rest.trim_end())));
        };
        let Some(end) = body.find(']') else {
            return Err(format!("missing ']' in {s:?}"));
        };
        blocks.push(&body[..end]);
        rest = &body[end + 1..];
    }
    Ok((head, blocks, None))
}

/// Reads one code value: `042`, `---` (also `- - -`), `###`, `+++`.
pub(crate) fn parse_code_value(s: &str) -> Result<CodeValue, String> {
    let compact: String = s.chars().filter(|c| !c.is_whitespace()).collect();
    if compact.is_empty() {
        return Err("empty code".to_string());
    }
    parse_code_compact(&compact)
}

/// [`parse_code_value`] on blank-free text.
fn parse_code_compact(compact: &str) -> Result<CodeValue, String> {
    match compact {
        "---" => Ok(CodeValue::Null),
        "###" => Ok(CodeValue::Discard),
        "+++" => Ok(CodeValue::Complex),
        c if c.chars().all(|ch| ch.is_alphanumeric()) => Ok(CodeValue::Code(c.to_uppercase())),
        c => Err(format!("bad event code {c:?}")),
    }
}

/// Reads an event code block's content: `042`, `032:033`, `031!`, `023?`, `---`.
pub(crate) fn parse_event_code(s: &str) -> Result<EventCode, String> {
    let compact: String = s.chars().filter(|c| !c.is_whitespace()).collect();
    let (body, priority) = if let Some(b) = compact.strip_suffix('!') {
        (b, CodePriority::Dominant)
    } else if let Some(b) = compact.strip_suffix('?') {
        (b, CodePriority::Subordinate)
    } else {
        (compact.as_str(), CodePriority::Normal)
    };
    let (primary, paired) = match body.split_once(':') {
        // PETRARCH-2 writes `[:193]`: no code for the first side — read as the null code.
        Some(("", b)) => (CodeValue::Null, Some(parse_code_value(b)?)),
        Some((a, b)) => (parse_code_value(a)?, Some(parse_code_value(b)?)),
        None => (parse_code_value(body)?, None),
    };
    Ok(EventCode {
        primary,
        paired,
        priority,
    })
}

/// A run of text between connectors, with the connector that follows it.
#[derive(Debug, Clone, Copy)]
struct Chunk<'a> {
    text: &'a str,
    /// An `_` followed this chunk.
    underscore_after: bool,
    /// Another chunk follows right after that `_` (no blank): the two are joined.
    joined_next: bool,
}

/// Characters that always form a chunk of their own in patterns.
const PATTERN_PUNCT: [char; 5] = ['{', '}', '|', '(', ')'];

/// Splits phrase or pattern text into chunks at blanks and `_`; with `split_punct`, `{ } | ( )` are chunks of
/// their own.
fn chunks<'a>(s: &'a str, split_punct: bool) -> Vec<Chunk<'a>> {
    let mut out: Vec<Chunk<'a>> = Vec::new();
    let bytes = s.as_bytes();
    let mut i = 0;
    let mut start: Option<usize> = None;
    let mut pending_underscore = false;
    let finish = |out: &mut Vec<Chunk<'a>>, start: &mut Option<usize>, end: usize| {
        if let Some(st) = start.take() {
            out.push(Chunk {
                text: &s[st..end],
                underscore_after: false,
                joined_next: false,
            });
        }
    };
    while i < bytes.len() {
        let c = s[i..].chars().next().unwrap_or(' ');
        let len = c.len_utf8();
        if c == '_' {
            finish(&mut out, &mut start, i);
            if let Some(last) = out.last_mut() {
                last.underscore_after = true;
            }
            pending_underscore = true;
        } else if c.is_whitespace() {
            finish(&mut out, &mut start, i);
            pending_underscore = false;
        } else if split_punct && PATTERN_PUNCT.contains(&c) {
            finish(&mut out, &mut start, i);
            if pending_underscore {
                if let Some(last) = out.last_mut() {
                    last.joined_next = last.underscore_after;
                }
            }
            out.push(Chunk {
                text: &s[i..i + len],
                underscore_after: false,
                joined_next: false,
            });
            pending_underscore = false;
        } else {
            if start.is_none() {
                if pending_underscore {
                    if let Some(last) = out.last_mut() {
                        last.joined_next = last.underscore_after;
                    }
                }
                start = Some(i);
            }
            pending_underscore = false;
        }
        i += len;
    }
    finish(&mut out, &mut start, bytes.len());
    out
}

/// Turns a word chunk into a [`Word`] and whether it joins the next element. `~` = stem joined to the next word,
/// `=` = whole word without automatic endings, `_` after = whole word.
fn chunk_word(chunk: &Chunk<'_>) -> Result<(Word, bool), String> {
    let mut text = chunk.text;
    let mut tilde = false;
    let mut no_endings = false;
    loop {
        if let Some(t) = text.strip_suffix('~') {
            tilde = true;
            text = t;
        } else if let Some(t) = text.strip_suffix('=') {
            no_endings = true;
            text = t;
        } else {
            break;
        }
    }
    if text.is_empty() {
        return Err(format!("empty word in {:?}", chunk.text));
    }
    let exact = (chunk.underscore_after && !tilde) || no_endings;
    Ok((
        Word {
            text: text.to_uppercase(),
            exact,
            no_endings,
        },
        chunk.joined_next || tilde,
    ))
}

/// TABARI reads `-` inside dictionary words as `_` (§5.2); PETRARCH keeps it.
fn dialect_text(s: &str, dialect: Dialect) -> std::borrow::Cow<'_, str> {
    if dialect == Dialect::Tabari && s.contains('-') {
        std::borrow::Cow::Owned(s.replace('-', "_"))
    } else {
        std::borrow::Cow::Borrowed(s)
    }
}

/// Reads a plain phrase (actor, agent, noun): words joined by `_` or blanks.
pub(crate) fn parse_phrase(s: &str, dialect: Dialect) -> Result<Phrase, String> {
    let text = dialect_text(s, dialect);
    let mut words = Vec::new();
    for chunk in chunks(&text, false) {
        let (word, adjacent_next) = chunk_word(&chunk)?;
        words.push(PhraseWord {
            word,
            adjacent_next,
        });
    }
    if let Some(last) = words.last_mut() {
        last.adjacent_next = false;
    } else {
        return Err("empty phrase".to_string());
    }
    Ok(Phrase { words })
}

/// Reads a verb pattern or synset member into elements. `{ | }` are TABARI alternatives (TABARI, PETRARCH-1);
/// in PETRARCH-2 `{…}` is a noun phrase and `(…)` a prepositional phrase.
pub(crate) fn parse_pattern(s: &str, dialect: Dialect) -> Result<Vec<PatternElement>, String> {
    let text = dialect_text(s, dialect);
    let list = chunks(&text, true);
    let mut pos = 0;
    let elements = parse_sequence(&list, &mut pos, dialect, None)?;
    if pos < list.len() {
        return Err(format!("unbalanced {:?}", list[pos].text));
    }
    Ok(elements)
}

/// Reads elements until `close` (consumed) or the end.
fn parse_sequence(
    list: &[Chunk<'_>],
    pos: &mut usize,
    dialect: Dialect,
    close: Option<&str>,
) -> Result<Vec<PatternElement>, String> {
    let mut out: Vec<PatternElement> = Vec::new();
    while *pos < list.len() {
        let chunk = list[*pos];
        let joined = chunk.joined_next;
        match chunk.text {
            t if Some(t) == close => return Ok(out),
            "|" if close == Some("}") => return Ok(out),
            "}" | ")" | "|" => return Err(format!("unexpected {t:?}", t = chunk.text)),
            "{" if dialect == Dialect::Petrarch2 => {
                *pos += 1;
                let inner = parse_sequence(list, pos, dialect, Some("}"))?;
                let end = expect_close(list, pos, "}")?;
                out.push(PatternElement {
                    token: PatternToken::NounPhrase(inner),
                    adjacent_next: end,
                });
            }
            "(" if dialect == Dialect::Petrarch2 => {
                *pos += 1;
                let inner = parse_sequence(list, pos, dialect, Some(")"))?;
                let end = expect_close(list, pos, ")")?;
                if inner.is_empty() {
                    return Err("empty prepositional phrase '( )'".to_string());
                }
                out.push(PatternElement {
                    token: PatternToken::PrepPhrase(inner),
                    adjacent_next: end,
                });
            }
            "{" => {
                *pos += 1;
                let mut alternatives = Vec::new();
                loop {
                    let alt = parse_sequence(list, pos, dialect, Some("}"))?;
                    if alt.is_empty() {
                        return Err("empty alternative in '{ | }'".to_string());
                    }
                    alternatives.push(alt);
                    match list.get(*pos).map(|c| c.text) {
                        Some("|") => *pos += 1,
                        Some("}") => break,
                        _ => return Err("missing '}'".to_string()),
                    }
                }
                let end = expect_close(list, pos, "}")?;
                out.push(PatternElement {
                    token: PatternToken::Alternatives(alternatives),
                    adjacent_next: end,
                });
            }
            "(" => return Err("'(' is PETRARCH-2 syntax".to_string()),
            text => {
                *pos += 1;
                let token = match text {
                    "*" | "**" => PatternToken::Verb,
                    "$" => PatternToken::Source,
                    "+" => PatternToken::Target,
                    "%" => PatternToken::Compound,
                    "^" => PatternToken::Skip,
                    t if t.starts_with('&') => {
                        let name = t[1..].trim_end_matches('_').to_uppercase();
                        if name.is_empty() || !name.chars().all(|c| c.is_alphanumeric() || c == '_')
                        {
                            return Err(format!("bad synset name {t:?}"));
                        }
                        PatternToken::Synset(name)
                    }
                    t if t.contains(['*', '$', '%', '^', '&', '[', ']']) => {
                        return Err(format!("marker glued to a word: {t:?}"))
                    }
                    _ => {
                        let (word, adjacent) = chunk_word(&chunk)?;
                        out.push(PatternElement {
                            token: PatternToken::Word(word),
                            adjacent_next: adjacent,
                        });
                        continue;
                    }
                };
                out.push(PatternElement {
                    token,
                    adjacent_next: joined,
                });
            }
        }
    }
    match close {
        Some(c) => Err(format!("missing {c:?}")),
        None => Ok(out),
    }
}

/// Consumes the closing chunk `close`; returns whether it was joined to the next chunk by `_`.
fn expect_close(list: &[Chunk<'_>], pos: &mut usize, close: &str) -> Result<bool, String> {
    match list.get(*pos) {
        Some(c) if c.text == close => {
            *pos += 1;
            Ok(c.joined_next)
        }
        _ => Err(format!("missing {close:?}")),
    }
}

/// Counts the [`PatternToken::Verb`] markers at any depth.
pub(crate) fn count_verb_markers(elements: &[PatternElement]) -> usize {
    elements
        .iter()
        .map(|e| match &e.token {
            PatternToken::Verb => 1,
            PatternToken::Alternatives(alts) => alts
                .iter()
                .map(|a| count_verb_markers(a))
                .max()
                .unwrap_or(0),
            PatternToken::NounPhrase(inner) | PatternToken::PrepPhrase(inner) => {
                count_verb_markers(inner)
            }
            _ => 0,
        })
        .sum()
}

/// Every synset name referred to, at any depth.
pub(crate) fn synset_refs<'a>(elements: &'a [PatternElement], out: &mut Vec<&'a str>) {
    for e in elements {
        match &e.token {
            PatternToken::Synset(name) => out.push(name),
            PatternToken::Alternatives(alts) => alts.iter().for_each(|a| synset_refs(a, out)),
            PatternToken::NounPhrase(inner) | PatternToken::PrepPhrase(inner) => {
                synset_refs(inner, out)
            }
            _ => {}
        }
    }
}
