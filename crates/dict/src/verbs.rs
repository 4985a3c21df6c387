//! Verb dictionaries: synsets, verbs (with irregular forms) and their patterns with CAMEO codes.
//!
//! TABARI `.verbs`:
//! ```text
//! <SYNSETS> &TIETYPES +MILITARY … </SYNSETS>   <TIME> … </TIME>
//! BREAK_ [1717]                  a verb line starts a block of one verb
//! { BROKE_ BROKEN_ }             irregular forms on the following line
//! - + KNOWN_ * IN_ $  [076]      patterns: `*` verb, `$` source, `+` target, `%` compound, `^` skip, `&SYN`
//! - INCHING { &TIETYPES | CLOSER } *  [083]   alternatives
//! ```
//! PETRARCH-1 `CAMEO.verbpatterns.*.txt`:
//! ```text
//! &CURRENCY  +DOLLAR …                       synsets anywhere (label `_` = no plurals)
//! --- DELAY [120] ---                        block header with the block's code
//! DEFER {DEFERS DEFERRED DEFERRING }  # BNL  verbs of the block, irregular forms in { }, optional own [code]
//! +CORDON_OFF {+CORDONED_OFF …}              multi-word verb, `+` marks the verb word
//! - + * FROM LEAVING $ [172]  # PREVENT      patterns shared by every verb of the block
//! ```
//! PETRARCH-2 `CAMEO.2.0.txt`: blocks `---  ADD   [---]  ---`, phrase-structured patterns
//! `- * (TO {BANNED PARTIES}) $  [1722]`, and `~ a (a b ATTACK) SAY = a b 015` transformations.

use crate::error::{DictErrorKind, LoadReport, SourceLoc};
use crate::phrase::{Dialect, EventCode, PatternElement, PatternToken, Phrase};
use crate::syntax::{
    count_verb_markers, logical_lines, parse_event_code, parse_pattern, parse_phrase,
    split_brackets, synset_refs,
};
use std::collections::HashSet;
use std::sync::Arc;

/// A synonym set `&NAME` and its `+` members.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Synset {
    /// The name without `&` and without a trailing `_`.
    pub name: String,
    /// The label ended with `_`: no plurals are generated for any member (PETRARCH).
    pub no_plurals: bool,
    pub members: Vec<SynsetMember>,
    pub loc: SourceLoc,
}

/// One `+` line of a synset: words, and in TABARI other synsets (`+&TIETYPES_MEMOS`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SynsetMember {
    pub elements: Vec<PatternElement>,
    /// The member ended with `_`: no plural is generated for it (PETRARCH).
    pub no_plural: bool,
    pub loc: SourceLoc,
}

impl Synset {
    /// Every element sequence this synset stands for: each member, then (PETRARCH, unless the label or the member
    /// ends with `_`) the member with the regular plural of its last word (see [`crate::forms::regular_plural`]).
    /// TABARI generates no plurals here (its automatic endings apply at match time).
    pub fn member_forms(&self, dialect: Dialect) -> Vec<Vec<PatternElement>> {
        let mut out = Vec::new();
        for m in &self.members {
            out.push(m.elements.clone());
            if dialect == Dialect::Tabari || self.no_plurals || m.no_plural {
                continue;
            }
            let mut plural = m.elements.clone();
            if let Some(PatternElement {
                token: PatternToken::Word(w),
                ..
            }) = plural.last_mut()
            {
                w.text = crate::forms::regular_plural(&w.text);
                out.push(plural);
            }
        }
        out
    }
}

/// A verb (or multi-word verb) as written on its line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VerbEntry {
    /// The words: `ABANDON`, `APPRECIATE POSITION` (TABARI), `CORDON OFF` (PETRARCH `+CORDON_OFF`).
    pub phrase: Phrase,
    /// Index in `phrase.words` of the verb word proper: the word marked `+` in PETRARCH multi-word verbs
    /// (`WIRE_+TAP` → 1), else 0.
    pub head: usize,
    /// Irregular forms from `{…}` (same line in PETRARCH, next line in TABARI), each with its own head index.
    /// `None` when no `{…}` was given: the format's regular forms apply (see [`VerbEntry::forms`]).
    pub irregular: Option<Vec<(Phrase, usize)>>,
    /// The verb's own code, if it has one; otherwise the block's code applies.
    pub code: Option<EventCode>,
    pub loc: SourceLoc,
}

/// A pattern: elements as written (exactly one [`crate::phrase::PatternToken::Verb`] for valid patterns), its
/// code, and where it is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VerbPattern {
    pub elements: Vec<PatternElement>,
    pub code: EventCode,
    /// The comment after `#` / `;` (PETRARCH writes the verb the pattern came from and the coder there).
    pub comment: Option<String>,
    pub loc: SourceLoc,
}

/// A verb block: TABARI — one verb line and its patterns; PETRARCH — a `--- LABEL [code] ---` header, its verbs
/// and the patterns they share.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VerbBlock {
    /// PETRARCH header label (`DELAY`, `EXPLAIN_VERBAL`); `None` for TABARI.
    pub label: Option<String>,
    /// The block's code: PETRARCH header code; TABARI the verb line's code. `None` = no code given (null).
    pub code: Option<EventCode>,
    pub verbs: Vec<VerbEntry>,
    pub patterns: Vec<VerbPattern>,
    pub loc: SourceLoc,
}

impl VerbBlock {
    /// The code a verb of this block has when no pattern matches: its own, else the block's.
    pub fn code_for<'a>(&'a self, verb: &'a VerbEntry) -> Option<&'a EventCode> {
        verb.code.as_ref().or(self.code.as_ref())
    }
}

/// One actor or verb slot of a PETRARCH-2 transformation.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum TransformSlot {
    /// A letter variable (`a`, `b`): the same letter means the same actor.
    Var(String),
    /// `.`: an actor that is not specified (any actor).
    Unspecified,
    /// `_`: no actor present.
    Absent,
    /// `Q` in verb position: any verb.
    AnyVerb,
    /// A verb (matched by its code) or, on the right-hand side, a CAMEO code.
    Verb(String),
}

/// PETRARCH-2 `~ a (b c VERB2) VERB1 = x y CODE`: "a VERB1s that b VERB2s c" becomes "x CODE y".
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Transformation {
    /// The outer source (`a`).
    pub source: TransformSlot,
    /// The inner `(source target verb)`.
    pub inner: (TransformSlot, TransformSlot, TransformSlot),
    /// The outer verb.
    pub verb: TransformSlot,
    /// The result `(source target code)`.
    pub result: (TransformSlot, TransformSlot, TransformSlot),
    pub loc: SourceLoc,
}

/// A TABARI `<TIME>` entry: a phrase or pattern shifting the event date (`LAST_WEEK [-7]`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TimeEntry {
    pub elements: Vec<PatternElement>,
    /// The bracket content as written, blanks removed: `-7`, `+30`, `###`, `+++`, `---`.
    pub shift: String,
    pub loc: SourceLoc,
}

/// All synsets, verb blocks and transformations of one or more verb files.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VerbDictionary {
    pub dialect: Dialect,
    pub synsets: Vec<Synset>,
    pub blocks: Vec<VerbBlock>,
    pub transformations: Vec<Transformation>,
    pub time_entries: Vec<TimeEntry>,
}

impl VerbDictionary {
    /// An empty dictionary of the given dialect.
    pub fn new(dialect: Dialect) -> Self {
        Self {
            dialect,
            synsets: Vec::new(),
            blocks: Vec::new(),
            transformations: Vec::new(),
            time_entries: Vec::new(),
        }
    }

    /// The synset named `name` (without `&`), if defined.
    pub fn synset(&self, name: &str) -> Option<&Synset> {
        self.synsets.iter().find(|s| s.name == name)
    }

    /// Every pattern with its block, in file order.
    pub fn patterns(&self) -> impl Iterator<Item = (&VerbBlock, &VerbPattern)> {
        self.blocks
            .iter()
            .flat_map(|b| b.patterns.iter().map(move |p| (b, p)))
    }
}

/// What `+` lines attach to: the synset just opened, or the verb block (PETRARCH multi-word verbs start with `+`).
#[derive(Clone, Copy, PartialEq, Eq)]
enum Context {
    Synset,
    Block,
}

/// TABARI sections of a verbs file.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Section {
    Main,
    Synsets,
    Time,
}

impl VerbDictionary {
    /// Reads the text of one file (named `file` in locations) into this dictionary; bad lines go to `report`.
    ///
    /// Patterns that refer to a synset defined nowhere in the dictionary are dropped with a warning (PETRARCH:
    /// "a pattern containing an undefined synset will be ignored").
    pub fn read_str(&mut self, file: &str, text: &str, report: &mut LoadReport) {
        let file: Arc<str> = Arc::from(file);
        let first_block = self.blocks.len();
        let first_synset = self.synsets.len();
        let mut context = Context::Block;
        let mut section = Section::Main;
        let mut block: Option<VerbBlock> = None;
        let mut synset: Option<Synset> = None;
        for line in logical_lines(text, self.dialect) {
            let loc = SourceLoc::new(&file, line.number);
            let content = line.content.as_str();
            let comment = line.comment.map(str::to_string).filter(|c| !c.is_empty());
            if self.dialect == Dialect::Tabari {
                let tag = content.to_ascii_uppercase();
                let next = match tag.as_str() {
                    "<SYNSETS>" | "<SYNSET>" => Some(Section::Synsets),
                    "<TIME>" => Some(Section::Time),
                    "</SYNSETS>" | "</SYNSET>" | "</TIME>" => Some(Section::Main),
                    _ => None,
                };
                if let Some(next) = next {
                    self.close_synset(&mut synset);
                    section = next;
                    continue;
                }
                if section == Section::Time {
                    self.read_time_line(content, loc, report);
                    continue;
                }
            }
            if let Some(label) = content.strip_prefix('&') {
                self.close_synset(&mut synset);
                let no_plurals = label.ends_with('_');
                let name = label.trim().trim_end_matches('_').to_uppercase();
                if name.is_empty() || name.contains(char::is_whitespace) {
                    report.push(
                        loc,
                        DictErrorKind::Syntax,
                        format!("bad synset label {content:?}"),
                    );
                    context = Context::Block;
                    continue;
                }
                synset = Some(Synset {
                    name,
                    no_plurals,
                    members: Vec::new(),
                    loc,
                });
                context = Context::Synset;
                continue;
            }
            if let (Some(member), Context::Synset) = (content.strip_prefix('+'), context) {
                let member = member.trim();
                match parse_pattern(member, self.dialect) {
                    Ok(elements) if !elements.is_empty() => {
                        if let Some(set) = synset.as_mut() {
                            set.members.push(SynsetMember {
                                elements,
                                no_plural: member.ends_with('_'),
                                loc,
                            });
                        }
                    }
                    Ok(_) => report.push(loc, DictErrorKind::Syntax, "empty synset member"),
                    Err(e) => report.push(
                        loc,
                        DictErrorKind::Syntax,
                        format!("{e} in synset member {member:?}"),
                    ),
                }
                continue;
            }
            if section == Section::Synsets {
                report.push(
                    loc,
                    DictErrorKind::Syntax,
                    format!("line in <SYNSETS> is neither '&' nor '+': {content:?}"),
                );
                continue;
            }
            self.close_synset(&mut synset);
            context = Context::Block;
            if self.dialect != Dialect::Tabari && content.starts_with("---") {
                self.close_block(&mut block);
                block = read_block_header(content, &loc, report);
                continue;
            }
            if let Some(rest) = content.strip_prefix('~') {
                if self.dialect == Dialect::Petrarch2 {
                    match parse_transformation(rest, loc.clone()) {
                        Ok(t) => self.transformations.push(t),
                        Err(e) => report.push(loc, DictErrorKind::Syntax, e),
                    }
                } else {
                    report.push(
                        loc,
                        DictErrorKind::Ignored,
                        "'~' transformation outside a PETRARCH-2 dictionary",
                    );
                }
                continue;
            }
            if let Some(rest) = content.strip_prefix('-') {
                let Some(current) = block.as_mut() else {
                    report.push(loc, DictErrorKind::Ignored, "pattern before any verb");
                    continue;
                };
                match read_pattern(rest, self.dialect, comment, loc.clone()) {
                    Ok(p) => current.patterns.push(p),
                    Err(e) => report.push(loc, DictErrorKind::Syntax, e),
                }
                continue;
            }
            if content.starts_with('{') {
                // TABARI: irregular forms on the line after their verb.
                let Some(verb) = block.as_mut().and_then(|b| b.verbs.last_mut()) else {
                    report.push(
                        loc,
                        DictErrorKind::Ignored,
                        "verb forms '{…}' before any verb",
                    );
                    continue;
                };
                match read_forms(content, self.dialect) {
                    Ok((forms, rest)) if rest.trim().is_empty() => verb.irregular = Some(forms),
                    Ok((_, rest)) => report.push(
                        loc,
                        DictErrorKind::Syntax,
                        format!("text after verb forms: {rest:?}"),
                    ),
                    Err(e) => report.push(loc, DictErrorKind::Syntax, e),
                }
                continue;
            }
            // A verb line.
            let verb = match read_verb_line(content, self.dialect, loc.clone()) {
                Ok(v) => v,
                Err(e) => {
                    report.push(loc, DictErrorKind::Syntax, e);
                    continue;
                }
            };
            match self.dialect {
                Dialect::Tabari => {
                    self.close_block(&mut block);
                    block = Some(VerbBlock {
                        label: None,
                        code: verb.code.clone(),
                        verbs: vec![verb],
                        patterns: Vec::new(),
                        loc,
                    });
                }
                Dialect::Petrarch1 | Dialect::Petrarch2 => match block.as_mut() {
                    Some(current) => {
                        if !current.patterns.is_empty() {
                            report.push(
                                loc,
                                DictErrorKind::Ignored,
                                "verb after the block's patterns: it shares them (no '---' header before it)",
                            );
                        }
                        current.verbs.push(verb);
                    }
                    None => {
                        block = Some(VerbBlock {
                            label: None,
                            code: None,
                            verbs: vec![verb],
                            patterns: Vec::new(),
                            loc,
                        });
                    }
                },
            }
        }
        self.close_synset(&mut synset);
        self.close_block(&mut block);
        self.drop_undefined_synsets(first_block, first_synset, report);
    }

    fn close_synset(&mut self, synset: &mut Option<Synset>) {
        if let Some(s) = synset.take() {
            self.synsets.push(s);
        }
    }

    fn close_block(&mut self, block: &mut Option<VerbBlock>) {
        if let Some(b) = block.take() {
            self.blocks.push(b);
        }
    }

    /// TABARI `<TIME>` line: `PHRASE [shift]` or `- pattern [shift]`.
    fn read_time_line(&mut self, content: &str, loc: SourceLoc, report: &mut LoadReport) {
        let body = content.strip_prefix('-').unwrap_or(content);
        let result = split_brackets(body).and_then(|(head, blocks)| match blocks.as_slice() {
            [shift] => {
                let elements = parse_pattern(head, self.dialect)?;
                if elements.is_empty() {
                    return Err("time entry without a phrase".to_string());
                }
                Ok(TimeEntry {
                    elements,
                    shift: shift.chars().filter(|c| !c.is_whitespace()).collect(),
                    loc: loc.clone(),
                })
            }
            _ => Err(format!("time entry needs exactly one [shift]: {content:?}")),
        });
        match result {
            Ok(t) => self.time_entries.push(t),
            Err(e) => report.push(loc, DictErrorKind::Syntax, e),
        }
    }

    /// Drops, with a warning, patterns and synset members (of the blocks/synsets read from this file) that refer
    /// to a synset defined nowhere.
    fn drop_undefined_synsets(
        &mut self,
        first_block: usize,
        first_synset: usize,
        report: &mut LoadReport,
    ) {
        let defined: HashSet<String> = self.synsets.iter().map(|s| s.name.clone()).collect();
        let undefined = |elements: &[PatternElement]| -> Option<String> {
            let mut refs = Vec::new();
            synset_refs(elements, &mut refs);
            refs.into_iter()
                .find(|r| !defined.contains(*r))
                .map(str::to_string)
        };
        for block in self.blocks.iter_mut().skip(first_block) {
            block.patterns.retain(|p| match undefined(&p.elements) {
                Some(name) => {
                    report.push(
                        p.loc.clone(),
                        DictErrorKind::UndefinedSynset,
                        format!("pattern uses undefined synset &{name}"),
                    );
                    false
                }
                None => true,
            });
        }
        for set in self.synsets.iter_mut().skip(first_synset) {
            set.members.retain(|m| match undefined(&m.elements) {
                Some(name) => {
                    report.push(
                        m.loc.clone(),
                        DictErrorKind::UndefinedSynset,
                        format!("synset member uses undefined synset &{name}"),
                    );
                    false
                }
                None => true,
            });
        }
    }
}

/// `--- LABEL [code] ---` → an empty block.
fn read_block_header(content: &str, loc: &SourceLoc, report: &mut LoadReport) -> Option<VerbBlock> {
    // Trailing dashes and blanks close the header (`[110]---  ---` occurs); the code's own `[---]` stops at `]`.
    let inner = content
        .trim_start_matches('-')
        .trim_end_matches(|c: char| c == '-' || c.is_whitespace());
    let (label, blocks) = match split_brackets(inner) {
        Ok(v) => v,
        Err(e) => {
            report.push(
                loc.clone(),
                DictErrorKind::Syntax,
                format!("{e} in block header"),
            );
            return None;
        }
    };
    let code = match blocks.as_slice() {
        [] => None,
        [c] => match parse_event_code(c) {
            Ok(code) => Some(code),
            Err(e) => {
                report.push(
                    loc.clone(),
                    DictErrorKind::Syntax,
                    format!("{e} in block header"),
                );
                None
            }
        },
        _ => {
            report.push(
                loc.clone(),
                DictErrorKind::Syntax,
                "block header with several codes",
            );
            None
        }
    };
    Some(VerbBlock {
        label: (!label.is_empty()).then(|| label.to_uppercase()),
        code,
        verbs: Vec::new(),
        patterns: Vec::new(),
        loc: loc.clone(),
    })
}

/// The part of a pattern line after `-`: elements and one `[code]`.
fn read_pattern(
    rest: &str,
    dialect: Dialect,
    comment: Option<String>,
    loc: SourceLoc,
) -> Result<VerbPattern, String> {
    let (head, blocks) = split_brackets(rest)?;
    let code = match blocks.as_slice() {
        [c] => parse_event_code(c)?,
        [] => return Err(format!("pattern without [code]: {rest:?}")),
        _ => return Err(format!("pattern with several codes: {rest:?}")),
    };
    let elements = parse_pattern(head, dialect)?;
    match count_verb_markers(&elements) {
        1 => {}
        0 => return Err(format!("pattern without verb marker '*': {head:?}")),
        n => return Err(format!("pattern with {n} verb markers '*': {head:?}")),
    }
    Ok(VerbPattern {
        elements,
        code,
        comment,
        loc,
    })
}

/// A verb phrase with an optional `+` before its verb word (`RE_+ARREST`): the phrase and the head index.
fn read_verb_phrase(text: &str, dialect: Dialect) -> Result<(Phrase, usize), String> {
    let mut head = 0;
    let mut marked = 0;
    let mut cleaned = String::with_capacity(text.len());
    let mut word_index = 0;
    let mut in_word = false;
    for c in text.chars() {
        if c == '_' || c.is_whitespace() {
            if in_word {
                word_index += 1;
            }
            in_word = false;
            cleaned.push(c);
        } else if c == '+' && !in_word {
            head = word_index;
            marked += 1;
        } else {
            in_word = true;
            cleaned.push(c);
        }
    }
    if marked > 1 {
        return Err(format!("several '+' verb markers in {text:?}"));
    }
    let phrase = parse_phrase(&cleaned, dialect)?;
    if head >= phrase.len() {
        return Err(format!("'+' marks no word in {text:?}"));
    }
    Ok((phrase, head))
}

/// Verb forms with their head indices, as in [`VerbEntry::irregular`].
type VerbForms = Vec<(Phrase, usize)>;

/// `{FORM FORM …}` at the start of `s`: the forms and the text after `}`.
fn read_forms(s: &str, dialect: Dialect) -> Result<(VerbForms, &str), String> {
    let body = s
        .trim_start()
        .strip_prefix('{')
        .ok_or("verb forms must start with '{'")?;
    let end = body
        .find('}')
        .ok_or_else(|| format!("missing '}}' in {s:?}"))?;
    let mut forms = Vec::new();
    for form in body[..end].split_whitespace() {
        forms.push(read_verb_phrase(form, dialect)?);
    }
    Ok((forms, &body[end + 1..]))
}

/// `VERB [code]`, `VERB {FORMS} [code]`, `+CORDON_OFF {…}`.
fn read_verb_line(content: &str, dialect: Dialect, loc: SourceLoc) -> Result<VerbEntry, String> {
    let (phrase_text, irregular, tail) = match content.find('{') {
        Some(open) => {
            let (forms, tail) = read_forms(&content[open..], dialect)?;
            (&content[..open], Some(forms), tail)
        }
        None => match content.find('[') {
            Some(open) => (&content[..open], None, &content[open..]),
            None => (content, None, ""),
        },
    };
    let (extra, blocks) = split_brackets(tail)?;
    if !extra.is_empty() {
        return Err(format!("unexpected text {extra:?} in verb line"));
    }
    let code = match blocks.as_slice() {
        [] => None,
        [c] => Some(parse_event_code(c)?),
        _ => return Err(format!("verb line with several codes: {content:?}")),
    };
    let (phrase, head) = read_verb_phrase(phrase_text.trim(), dialect)?;
    Ok(VerbEntry {
        phrase,
        head,
        irregular,
        code,
        loc,
    })
}

/// The slot of a transformation term; `verb_position` allows `Q` and verbs.
fn transform_slot(token: &str, verb_position: bool) -> TransformSlot {
    match token {
        "." => TransformSlot::Unspecified,
        "_" => TransformSlot::Absent,
        "Q" if verb_position => TransformSlot::AnyVerb,
        t if !verb_position && t.chars().all(|c| c.is_ascii_lowercase()) => {
            TransformSlot::Var(t.to_string())
        }
        t => TransformSlot::Verb(t.to_uppercase()),
    }
}

/// `a (b c VERB2) VERB1 = x y CODE` (the text after `~`).
fn parse_transformation(rest: &str, loc: SourceLoc) -> Result<Transformation, String> {
    let spaced = rest.replace('(', " ( ").replace(')', " ) ");
    let t: Vec<&str> = spaced.split_whitespace().collect();
    match t.as_slice() {
        [src, "(", s2, t2, v2, ")", v1, "=", rs, rt, rc] => Ok(Transformation {
            source: transform_slot(src, false),
            inner: (
                transform_slot(s2, false),
                transform_slot(t2, false),
                transform_slot(v2, true),
            ),
            verb: transform_slot(v1, true),
            result: (
                transform_slot(rs, false),
                transform_slot(rt, false),
                transform_slot(rc, true),
            ),
            loc,
        }),
        _ => Err(format!(
            "transformation is not '~ a (b c VERB) VERB = x y CODE': {rest:?}"
        )),
    }
}
