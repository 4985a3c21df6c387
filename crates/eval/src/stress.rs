//! Stress benchmark: pathological input shapes run end to end through the real pipeline, one thread, to show
//! where time, memory or output stop growing linearly with the input.
//!
//! Each [`Shape`] has a deterministic generator ([`generate`]) that makes an input of exactly the asked size: word
//! salad without punctuation, one giant line, `Russia attacked Ukraine and ` repeated, deep nesting of each common
//! HTML tag, thousands of attributes on one element, huge `<script>` and `<style>` blocks, a huge table, long runs
//! of one character, many tiny sentences, NUL bytes, UTF-8 with stray Latin-1 bytes, and normal news (real
//! articles repeated to size) as the reference. [`run`] decodes the bytes as ingest does (charset detection), builds
//! a [`RawRecord`] of the shape's [`ContentKind`], [`Pipeline::process`]es it and writes its events and document
//! records into a byte-counting sink, and returns a [`StressRun`]: time, peak memory (the process's resident set
//! high-water mark, where the platform lets it be reset), output bytes and the limits the document hit.
//! [`StressRun::aims`] marks a run against the aims in [`aims`].
//!
//! ```no_run
//! use dyad_eval::stress::{run, NewsSample, Shape};
//! let pipeline = dyad_pipeline::Pipeline::builtin().unwrap();
//! let news = NewsSample::new(vec!["Russia warned Iran on Tuesday.".to_string()]);
//! let reference = run(&pipeline, Shape::NormalNews, 1_000_000, &news);
//! let salad = run(&pipeline, Shape::NoPunctuation, 1_000_000, &news);
//! let met = salad.aims(Some(&reference));
//! assert!(met.output);
//! ```
//!
//! This module times and measures; it prints nothing (the CLI prints the table). Memory figures are
//! process-wide, so runs must not overlap with other work in the process.

use dyad_ingest::charset::{decode_html, decode_plain_text};
use dyad_ingest::{ContentKind, RawRecord, RecordHints};
use dyad_model::{Limit, LimitHit, Provenance};
use dyad_pipeline::Pipeline;
use serde::{Deserialize, Serialize};
use std::io::{self, Write};
use std::path::Path;
use std::time::{Duration, Instant};

/// The aims every shape is held to (issue 17).
pub mod aims {
    /// Input megabytes (10^6 bytes) per second on one core, at least.
    pub const MIN_MEGABYTES_PER_SECOND: f64 = 5.0;
    /// Peak memory of a run (input included) as a multiple of the input, below.
    pub const MAX_PEAK_MEMORY_RATIO: f64 = 10.0;
    /// Output bytes (events or document records) as a multiple of the input, below.
    pub const MAX_OUTPUT_RATIO: f64 = 2.0;
    /// Time per byte as a multiple of normal news at the same size, at most.
    pub const MAX_SLOWDOWN_VS_NEWS: f64 = 10.0;
}

/// One pathological input shape.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Shape {
    /// Real articles repeated to size: the reference row.
    NormalNews,
    /// Word salad of actors, verbs and conjunctions, wrapped in lines, with no punctuation at all.
    NoPunctuation,
    /// Real articles with every line break turned into a space: one line.
    GiantLine,
    /// `Russia attacked Ukraine and ` repeated: one sentence full of actors and conjunctions.
    ActorConjunctions,
    /// `<div>word ` nested as deep as the size allows, then every `</div>`.
    NestDiv,
    NestSpan,
    NestP,
    /// `<table><tr><td>` nested.
    NestTable,
    /// `<ul><li>` nested.
    NestList,
    NestBlockquote,
    /// `<b><i>` nested.
    NestBoldItalic,
    /// `<a href=#>` nested.
    NestLink,
    /// `<font size=2>` nested.
    NestFont,
    /// Every tag above in turn, nested.
    NestMixed,
    /// One `<div>` with as many distinct attributes as the size allows, after a short article.
    Attributes,
    /// One `<script>` block filling the page, after a short article.
    ScriptBlock,
    /// One `<style>` block filling the page, after a short article.
    StyleBlock,
    /// One table with as many rows as the size allows.
    HugeTable,
    /// Runs of 64 KiB of one character each: a letter, a full stop, a space, a hyphen, `é`, a line break, `!`.
    CharacterRuns,
    /// Tiny sentences (`Yes. No! Iran warned. ...`), twenty to a line.
    TinySentences,
    /// Sentences with NUL bytes between their words and runs of NULs between them.
    NulBytes,
    /// UTF-8 text (accents, quotes, Cyrillic) with Latin-1 sentences mixed in.
    MixedEncodings,
}

impl Shape {
    /// Every shape, the reference ([`Shape::NormalNews`]) first.
    pub const ALL: [Shape; 22] = [
        Shape::NormalNews,
        Shape::NoPunctuation,
        Shape::GiantLine,
        Shape::ActorConjunctions,
        Shape::NestDiv,
        Shape::NestSpan,
        Shape::NestP,
        Shape::NestTable,
        Shape::NestList,
        Shape::NestBlockquote,
        Shape::NestBoldItalic,
        Shape::NestLink,
        Shape::NestFont,
        Shape::NestMixed,
        Shape::Attributes,
        Shape::ScriptBlock,
        Shape::StyleBlock,
        Shape::HugeTable,
        Shape::CharacterRuns,
        Shape::TinySentences,
        Shape::NulBytes,
        Shape::MixedEncodings,
    ];

    /// The shape's name on the command line and in the table.
    pub fn name(self) -> &'static str {
        match self {
            Shape::NormalNews => "normal-news",
            Shape::NoPunctuation => "no-punctuation",
            Shape::GiantLine => "giant-line",
            Shape::ActorConjunctions => "actor-conjunctions",
            Shape::NestDiv => "nest-div",
            Shape::NestSpan => "nest-span",
            Shape::NestP => "nest-p",
            Shape::NestTable => "nest-table",
            Shape::NestList => "nest-list",
            Shape::NestBlockquote => "nest-blockquote",
            Shape::NestBoldItalic => "nest-b-i",
            Shape::NestLink => "nest-a",
            Shape::NestFont => "nest-font",
            Shape::NestMixed => "nest-mixed",
            Shape::Attributes => "attributes",
            Shape::ScriptBlock => "script-block",
            Shape::StyleBlock => "style-block",
            Shape::HugeTable => "huge-table",
            Shape::CharacterRuns => "character-runs",
            Shape::TinySentences => "tiny-sentences",
            Shape::NulBytes => "nul-bytes",
            Shape::MixedEncodings => "mixed-encodings",
        }
    }

    /// The shape named `name` ([`Shape::name`]).
    pub fn from_name(name: &str) -> Option<Shape> {
        Shape::ALL.into_iter().find(|s| s.name() == name)
    }

    /// What the pipeline reads the input as: HTML shapes are extracted, text shapes go straight to cleaning.
    pub fn kind(self) -> ContentKind {
        match self {
            Shape::NestDiv
            | Shape::NestSpan
            | Shape::NestP
            | Shape::NestTable
            | Shape::NestList
            | Shape::NestBlockquote
            | Shape::NestBoldItalic
            | Shape::NestLink
            | Shape::NestFont
            | Shape::NestMixed
            | Shape::Attributes
            | Shape::ScriptBlock
            | Shape::StyleBlock
            | Shape::HugeTable => ContentKind::Html,
            _ => ContentKind::Text,
        }
    }
}

/// The articles [`Shape::NormalNews`] and [`Shape::GiantLine`] repeat (e.g. the seed article and a Reuters
/// story).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewsSample {
    texts: Vec<String>,
}

/// Used when a sample is built from no text at all.
const FALLBACK_ARTICLE: &str =
    "Russia warned Iran on Tuesday.\n\nIsrael and Jordan accused Syria of shelling the \
                                border, officials said.\n";

impl NewsSample {
    /// A sample of these article texts (an empty list falls back to a two-sentence article).
    pub fn new(texts: Vec<String>) -> NewsSample {
        let texts: Vec<String> = texts.into_iter().filter(|t| !t.trim().is_empty()).collect();
        if texts.is_empty() {
            NewsSample {
                texts: vec![FALLBACK_ARTICLE.to_string()],
            }
        } else {
            NewsSample { texts }
        }
    }

    /// The seed article (a scraped syndicated story) and the first Reuters-21578 story of at least
    /// [`MIN_REUTERS_BODY_BYTES`] in `reuters_dir`.
    pub fn read(seed_article: &Path, reuters_dir: &Path) -> Result<NewsSample, StressError> {
        let seed = std::fs::read(seed_article).map_err(|source| StressError::Io {
            path: seed_article.display().to_string(),
            source,
        })?;
        let seed = String::from_utf8_lossy(&seed).into_owned();
        let files = crate::reuters::reuters_data_files(reuters_dir)?;
        let mut story = None;
        for file in files {
            let stories = crate::reuters::read_reuters_file(&file)?;
            story = stories.into_iter().find(|s| {
                s.body
                    .as_ref()
                    .is_some_and(|b| b.len() >= MIN_REUTERS_BODY_BYTES)
            });
            if story.is_some() {
                break;
            }
        }
        let story = story.ok_or_else(|| StressError::NoStory {
            path: reuters_dir.display().to_string(),
        })?;
        Ok(NewsSample::new(vec![seed, story.text()]))
    }

    pub fn texts(&self) -> &[String] {
        &self.texts
    }
}

/// The Reuters story in a [`NewsSample`] is the first with a body at least this long (a full story, not a brief).
pub const MIN_REUTERS_BODY_BYTES: usize = 1_500;

/// Why a news sample could not be read.
#[derive(Debug, thiserror::Error)]
pub enum StressError {
    #[error("{path}: {source}")]
    Io {
        path: String,
        #[source]
        source: io::Error,
    },
    #[error(transparent)]
    Reuters(#[from] crate::reuters::ReutersError),
    #[error("{path}: no Reuters story with a body of {MIN_REUTERS_BODY_BYTES} bytes or more")]
    NoStory { path: String },
}

/// Words of the no-punctuation salad: actors, verbs and conjunctions, picked in turn by a fixed generator.
const SALAD_ACTORS: &[&str] = &[
    "Russia",
    "Ukraine",
    "Iran",
    "Israel",
    "the United States",
    "China",
    "Syrian rebels",
    "NATO",
    "police",
    "President Putin",
    "the government",
    "Hamas",
];
const SALAD_VERBS: &[&str] = &[
    "attacked",
    "accused",
    "met",
    "warned",
    "condemned",
    "praised",
    "threatened",
    "visited",
    "signed a deal with",
    "rejected",
    "criticized",
    "welcomed",
];
const SALAD_CONJUNCTIONS: &[&str] = &[
    "and", "but", "while", "or", "because", "after", "then", "as",
];
/// Words per line of the salad (wire copy is wrapped, but this never ends a sentence).
const SALAD_WORDS_PER_LINE: usize = 12;

/// The text inside each level of the nesting shapes.
const NEST_WORD: &str = "word ";
/// The open and close tags of [`Shape::NestMixed`], in turn.
const NEST_MIXED: &[(&str, &str)] = &[
    ("<div>", "</div>"),
    ("<span>", "</span>"),
    ("<p>", "</p>"),
    ("<table><tr><td>", "</td></tr></table>"),
    ("<ul><li>", "</li></ul>"),
    ("<blockquote>", "</blockquote>"),
    ("<b><i>", "</i></b>"),
    ("<a href=#>", "</a>"),
    ("<font size=2>", "</font>"),
];

/// The short article before the attribute, script and style blocks, so a page has text to find.
const PAGE_ARTICLE: &str = "<html><head><title>Talks resume</title></head><body><article><h1>Talks resume</h1>\
                            <p>Russia warned Iran on Tuesday that the talks would resume on Monday, after a week \
                            of delays, officials said.</p></article>";

/// Bytes of each run of [`Shape::CharacterRuns`].
const CHARACTER_RUN_BYTES: usize = 64 * 1024;
/// The characters [`Shape::CharacterRuns`] repeats, in turn.
const CHARACTER_RUN_CHARS: &[char] = &['a', '.', ' ', '-', 'é', '\n', '!'];

/// The sentences of [`Shape::TinySentences`], in turn.
const TINY_SENTENCES: &[&str] = &[
    "Yes. ",
    "No! ",
    "Iran warned. ",
    "Why? ",
    "OK. ",
    "Russia attacked. ",
];
const TINY_SENTENCES_PER_LINE: usize = 20;

/// Runs of NULs between the sentences of [`Shape::NulBytes`].
const NUL_RUN_BYTES: usize = 256;

/// A small deterministic generator (xorshift64*), so every input is the same on every run.
struct Xorshift(u64);

impl Xorshift {
    fn pick<'a>(&mut self, words: &[&'a str]) -> &'a str {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        let n = self.0.wrapping_mul(0x2545_F491_4F6C_DD1D);
        words[(n >> 33) as usize % words.len()]
    }
}

/// Builds an input of exactly `size` bytes: a head, whole units while they fit before the tail, the tail, then
/// spaces up to the size (or a cut, when head and tail alone are larger).
struct Input {
    out: Vec<u8>,
    size: usize,
}

impl Input {
    fn new(size: usize, head: &[u8]) -> Input {
        let mut out = Vec::with_capacity(size);
        out.extend_from_slice(head);
        Input { out, size }
    }

    /// Appends `unit(i, buf)` for i = 0, 1, ... while it fits with `tail_len` bytes still to come.
    fn units(&mut self, tail_len: usize, mut unit: impl FnMut(usize, &mut Vec<u8>)) {
        let mut buf = Vec::new();
        for i in 0.. {
            buf.clear();
            unit(i, &mut buf);
            if buf.is_empty() || self.out.len() + buf.len() + tail_len > self.size {
                break;
            }
            self.out.extend_from_slice(&buf);
        }
    }

    fn finish(mut self, tail: &[u8]) -> Vec<u8> {
        self.out.extend_from_slice(tail);
        self.out.resize(self.size, b' ');
        self.out
    }
}

/// `open` + [`NEST_WORD`] as often as fits, then the matching closes: nesting as deep as the size allows.
fn nested(size: usize, levels: &[(&str, &str)]) -> Vec<u8> {
    let (head, tail) = ("<html><body>", "</body></html>");
    let cycle: usize = levels
        .iter()
        .map(|(o, c)| o.len() + NEST_WORD.len() + c.len())
        .sum();
    let room = size.saturating_sub(head.len() + tail.len());
    // Whole cycles, then the first levels of one more while they fit.
    let mut depth = room / cycle * levels.len();
    let mut left = room % cycle;
    for (o, c) in levels {
        let unit = o.len() + NEST_WORD.len() + c.len();
        if unit > left {
            break;
        }
        left -= unit;
        depth += 1;
    }
    let mut input = Input::new(size, head.as_bytes());
    for i in 0..depth {
        input
            .out
            .extend_from_slice(levels[i % levels.len()].0.as_bytes());
        input.out.extend_from_slice(NEST_WORD.as_bytes());
    }
    for i in (0..depth).rev() {
        input
            .out
            .extend_from_slice(levels[i % levels.len()].1.as_bytes());
    }
    input.finish(tail.as_bytes())
}

/// The input of `shape`, exactly `size` bytes long; the same bytes on every call.
///
/// ```
/// use dyad_eval::stress::{generate, NewsSample, Shape};
/// let news = NewsSample::new(vec![]);
/// let page = generate(Shape::NestDiv, 4096, &news);
/// assert_eq!(page.len(), 4096);
/// assert!(page.starts_with(b"<html><body><div>word <div>"));
/// ```
pub fn generate(shape: Shape, size: usize, news: &NewsSample) -> Vec<u8> {
    use std::io::Write as _;
    let nest = |open: &str, close: &str| nested(size, &[(open, close)]);
    match shape {
        Shape::NormalNews => {
            let mut input = Input::new(size, b"");
            let texts = news.texts();
            input.units(0, |i, buf| {
                buf.extend_from_slice(texts[i % texts.len()].trim_end().as_bytes());
                buf.extend_from_slice(b"\n\n");
            });
            input.finish(b"")
        }
        Shape::GiantLine => {
            let lines: Vec<String> = news
                .texts()
                .iter()
                .map(|t| t.split_whitespace().collect::<Vec<_>>().join(" ") + " ")
                .collect();
            let mut input = Input::new(size, b"");
            input.units(0, |i, buf| {
                buf.extend_from_slice(lines[i % lines.len()].as_bytes())
            });
            input.finish(b"")
        }
        Shape::NoPunctuation => {
            let mut rng = Xorshift(0x9E37_79B9_7F4A_7C15);
            let mut input = Input::new(size, b"");
            input.units(0, |_, buf| {
                for w in 0..SALAD_WORDS_PER_LINE {
                    let list = match w % 4 {
                        0 | 2 => SALAD_ACTORS,
                        1 => SALAD_VERBS,
                        _ => SALAD_CONJUNCTIONS,
                    };
                    if w > 0 {
                        buf.push(b' ');
                    }
                    buf.extend_from_slice(rng.pick(list).as_bytes());
                }
                buf.push(b'\n');
            });
            input.finish(b"")
        }
        Shape::ActorConjunctions => {
            let mut input = Input::new(size, b"");
            input.units(0, |_, buf| {
                buf.extend_from_slice(b"Russia attacked Ukraine and ")
            });
            input.finish(b"")
        }
        Shape::NestDiv => nest("<div>", "</div>"),
        Shape::NestSpan => nest("<span>", "</span>"),
        Shape::NestP => nest("<p>", "</p>"),
        Shape::NestTable => nest("<table><tr><td>", "</td></tr></table>"),
        Shape::NestList => nest("<ul><li>", "</li></ul>"),
        Shape::NestBlockquote => nest("<blockquote>", "</blockquote>"),
        Shape::NestBoldItalic => nest("<b><i>", "</i></b>"),
        Shape::NestLink => nest("<a href=#>", "</a>"),
        Shape::NestFont => nest("<font size=2>", "</font>"),
        Shape::NestMixed => nested(size, NEST_MIXED),
        Shape::Attributes => {
            let mut input = Input::new(size, PAGE_ARTICLE.as_bytes());
            input.out.extend_from_slice(b"<div");
            let tail = b">Officials said the talks would resume.</div></body></html>";
            input.units(tail.len(), |i, buf| {
                let _ = write!(buf, " a{i}=\"v{i}\"");
            });
            input.finish(tail)
        }
        Shape::ScriptBlock => {
            let mut input = Input::new(size, PAGE_ARTICLE.as_bytes());
            input.out.extend_from_slice(b"<script>");
            let tail = b"</script></body></html>";
            input.units(tail.len(), |i, buf| {
                let _ = writeln!(
                    buf,
                    "var x{i} = \"<div>Russia attacked Ukraine.</div>\" + 1 < 2; // </scrip"
                );
            });
            input.finish(tail)
        }
        Shape::StyleBlock => {
            let mut input = Input::new(size, PAGE_ARTICLE.as_bytes());
            input.out.extend_from_slice(b"<style>");
            let tail = b"</style></body></html>";
            input.units(tail.len(), |i, buf| {
                let _ = writeln!(
                    buf,
                    ".c{i} > div::after {{ content: \"Russia attacked Ukraine. <p>\"; color: red }}"
                );
            });
            input.finish(tail)
        }
        Shape::HugeTable => {
            let mut input = Input::new(
                size,
                b"<html><body><h1>Results</h1><table><tr><th>#</th><th>Source</th><th>Action</th>\
                  <th>Target</th><th>Points</th></tr>\n",
            );
            let tail = b"</table></body></html>";
            input.units(tail.len(), |i, buf| {
                let _ = writeln!(
                    buf,
                    "<tr><td>{i}</td><td>Russia</td><td>attacked</td><td>Ukraine</td><td>{}</td></tr>",
                    5040 + i % 97
                );
            });
            input.finish(tail)
        }
        Shape::CharacterRuns => {
            let mut input = Input::new(size, b"");
            input.units(0, |i, buf| {
                let c = CHARACTER_RUN_CHARS[i % CHARACTER_RUN_CHARS.len()];
                let mut utf8 = [0u8; 4];
                let c = c.encode_utf8(&mut utf8).as_bytes();
                for _ in 0..CHARACTER_RUN_BYTES / c.len() {
                    buf.extend_from_slice(c);
                }
            });
            // The last run, cut to fit (whole characters), before the padding.
            let i = input.out.len() / CHARACTER_RUN_BYTES;
            let c = CHARACTER_RUN_CHARS[i % CHARACTER_RUN_CHARS.len()];
            while input.out.len() + c.len_utf8() <= input.size {
                let mut utf8 = [0u8; 4];
                input
                    .out
                    .extend_from_slice(c.encode_utf8(&mut utf8).as_bytes());
            }
            input.finish(b"")
        }
        Shape::TinySentences => {
            let mut input = Input::new(size, b"");
            input.units(0, |i, buf| {
                buf.extend_from_slice(TINY_SENTENCES[i % TINY_SENTENCES.len()].as_bytes());
                if (i + 1) % TINY_SENTENCES_PER_LINE == 0 {
                    buf.push(b'\n');
                }
            });
            input.finish(b"")
        }
        Shape::NulBytes => {
            let mut input = Input::new(size, b"");
            input.units(0, |i, buf| {
                if i % 2 == 0 {
                    buf.extend_from_slice(
                        b"Russia\0 warned\0\0 Iran\0 on\0 Tuesday\0.\0 Officials\0 said\0 so\0.\n",
                    );
                } else {
                    buf.extend(std::iter::repeat_n(0u8, NUL_RUN_BYTES));
                }
            });
            input.finish(b"")
        }
        Shape::MixedEncodings => {
            let mut input = Input::new(size, b"");
            input.units(0, |i, buf| {
                match i % 3 {
                    0 => buf.extend_from_slice(
                        "Zürich police met the café owners’ “union” in Kyiv (Київ) on Tuesday. "
                            .as_bytes(),
                    ),
                    // Latin-1: ü, é, ñ as single bytes, invalid in UTF-8.
                    1 => buf.extend_from_slice(
                        b"Z\xfcrich police arrested a caf\xe9 owner from Espa\xf1a on Monday. ",
                    ),
                    _ => buf.extend_from_slice(b"Russia warned Iran.\n"),
                }
            });
            input.finish(b"")
        }
    }
}

/// What one shape at one size cost and gave. It serializes to JSON (shape and limits by name, time in seconds), so
/// that a caller can run each measurement in a fresh process, where the memory high-water mark is that run's alone.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StressRun {
    #[serde(with = "wire::shape")]
    pub shape: Shape,
    pub input_bytes: usize,
    /// Decoding, every pipeline stage and writing the records.
    #[serde(with = "wire::seconds")]
    pub elapsed: Duration,
    /// Resident memory at the run's peak above the resident memory before its input was generated (so the input
    /// is included); `None` where the high-water mark cannot be reset and read (outside Linux).
    pub peak_memory_bytes: Option<u64>,
    /// Bytes of event records ([`Pipeline::write_events`], what `dyad code` writes).
    pub event_bytes: u64,
    /// Bytes of the document record ([`Pipeline::write_document`], what `dyad extract` writes).
    pub document_bytes: u64,
    pub sentences: usize,
    pub events: usize,
    /// The limits the document hit, in the order first hit.
    #[serde(with = "wire::limits")]
    pub limits: Vec<LimitHit>,
}

/// The serialized forms of [`StressRun`]'s fields.
mod wire {
    use super::*;
    use serde::de::Error as _;
    use serde::{Deserializer, Serializer};

    pub mod shape {
        use super::*;
        pub fn serialize<S: Serializer>(shape: &Shape, s: S) -> Result<S::Ok, S::Error> {
            s.serialize_str(shape.name())
        }
        pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Shape, D::Error> {
            let name = String::deserialize(d)?;
            Shape::from_name(&name).ok_or_else(|| D::Error::custom(format!("no shape {name:?}")))
        }
    }

    pub mod seconds {
        use super::*;
        pub fn serialize<S: Serializer>(d: &Duration, s: S) -> Result<S::Ok, S::Error> {
            s.serialize_f64(d.as_secs_f64())
        }
        pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Duration, D::Error> {
            Duration::try_from_secs_f64(f64::deserialize(d)?).map_err(D::Error::custom)
        }
    }

    /// Every limit, for reading names back; [`limit_name`]'s exhaustive match is the list to keep it in step with.
    const LIMITS: [Limit; 9] = [
        Limit::DomDepth,
        Limit::DomAttributes,
        Limit::DomReopenedFormatting,
        Limit::SentenceBytes,
        Limit::SentenceTokens,
        Limit::RunOnEvents,
        Limit::SentenceText,
        Limit::PlaceMentions,
        Limit::LowConfidence,
    ];

    /// A limit's short name (also the table's).
    pub fn limit_name(limit: Limit) -> &'static str {
        match limit {
            Limit::DomDepth => "dom-depth",
            Limit::DomAttributes => "dom-attributes",
            Limit::DomReopenedFormatting => "dom-reopened-formatting",
            Limit::SentenceBytes => "sentence-bytes",
            Limit::SentenceTokens => "sentence-tokens",
            Limit::RunOnEvents => "run-on-events",
            Limit::SentenceText => "sentence-text",
            Limit::PlaceMentions => "place-mentions",
            Limit::LowConfidence => "low-confidence",
        }
    }

    pub mod limits {
        use super::*;
        pub fn serialize<S: Serializer>(hits: &[LimitHit], s: S) -> Result<S::Ok, S::Error> {
            s.collect_seq(hits.iter().map(|h| (limit_name(h.limit), h.times)))
        }
        pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<LimitHit>, D::Error> {
            Vec::<(String, u32)>::deserialize(d)?
                .into_iter()
                .map(|(name, times)| {
                    LIMITS
                        .into_iter()
                        .find(|l| limit_name(*l) == name)
                        .map(|limit| LimitHit { limit, times })
                        .ok_or_else(|| D::Error::custom(format!("no limit {name:?}")))
                })
                .collect()
        }
    }
}

/// A limit's short name, as a [`StressRun`] serializes it (`sentence-bytes`, `dom-depth`, ...).
pub fn limit_name(limit: Limit) -> &'static str {
    wire::limit_name(limit)
}

/// Which of the [`aims`] a run meets; `None` where it cannot be told (no memory figure, no reference run).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct AimsMet {
    /// At least [`aims::MIN_MEGABYTES_PER_SECOND`].
    pub speed: bool,
    /// Peak memory below [`aims::MAX_PEAK_MEMORY_RATIO`] times the input.
    pub memory: Option<bool>,
    /// Event and document records each below [`aims::MAX_OUTPUT_RATIO`] times the input.
    pub output: bool,
    /// At most [`aims::MAX_SLOWDOWN_VS_NEWS`] times slower per byte than normal news at the same size.
    pub relative: Option<bool>,
}

impl AimsMet {
    /// Whether every aim that can be told is met.
    pub fn all(&self) -> bool {
        self.speed && self.memory != Some(false) && self.output && self.relative != Some(false)
    }
}

impl StressRun {
    /// Input megabytes (10^6 bytes) per second.
    pub fn megabytes_per_second(&self) -> f64 {
        self.input_bytes as f64 / 1e6 / self.elapsed.as_secs_f64().max(f64::MIN_POSITIVE)
    }

    /// Peak memory as a multiple of the input.
    pub fn memory_ratio(&self) -> Option<f64> {
        self.peak_memory_bytes
            .map(|m| m as f64 / self.input_bytes.max(1) as f64)
    }

    /// The larger of the event and document outputs as a multiple of the input.
    pub fn output_ratio(&self) -> f64 {
        self.event_bytes.max(self.document_bytes) as f64 / self.input_bytes.max(1) as f64
    }

    /// The run held to the [`aims`]; `news` is the normal-news run at the same size, if any.
    pub fn aims(&self, news: Option<&StressRun>) -> AimsMet {
        AimsMet {
            speed: self.megabytes_per_second() >= aims::MIN_MEGABYTES_PER_SECOND,
            memory: self.memory_ratio().map(|r| r < aims::MAX_PEAK_MEMORY_RATIO),
            output: self.output_ratio() < aims::MAX_OUTPUT_RATIO,
            relative: news.map(|n| {
                self.megabytes_per_second() * aims::MAX_SLOWDOWN_VS_NEWS >= n.megabytes_per_second()
            }),
        }
    }
}

/// A sink that counts what is written to it.
#[derive(Debug, Default)]
struct CountingSink(u64);

impl Write for CountingSink {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.0 += buf.len() as u64;
        Ok(buf.len())
    }
    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

/// Generates `shape` at `size` bytes and runs it once through `pipeline` on the calling thread: decoding as ingest
/// does ([`decode_plain_text`] for text, [`decode_html`] for pages), [`Pipeline::process`], then the event and
/// document records written to a counting sink. Generation is not timed.
pub fn run(pipeline: &Pipeline, shape: Shape, size: usize, news: &NewsSample) -> StressRun {
    let before = memory::resident_bytes();
    let input = generate(shape, size, news);
    let input_bytes = input.len();
    let peak_reset = memory::reset_peak();
    let started = Instant::now();
    let content = match shape.kind() {
        ContentKind::Html => decode_html(input, None).text,
        ContentKind::Text => decode_plain_text(input).text,
    };
    let record = RawRecord {
        provenance: Provenance {
            path: format!("stress/{}", shape.name()),
            ..Provenance::default()
        },
        kind: shape.kind(),
        content,
        hints: RecordHints::default(),
    };
    let doc = pipeline.process(record);
    let mut events = CountingSink::default();
    let mut document = CountingSink::default();
    // Neither sink can fail.
    let _ = pipeline.write_events(&doc, &mut events);
    let _ = pipeline.write_document(&doc, &mut document);
    let elapsed = started.elapsed();
    let peak = if peak_reset {
        memory::peak_bytes()
    } else {
        None
    };
    StressRun {
        shape,
        input_bytes,
        elapsed,
        peak_memory_bytes: match (peak, before) {
            (Some(p), Some(b)) => Some(p.saturating_sub(b)),
            _ => None,
        },
        event_bytes: events.0,
        document_bytes: document.0,
        sentences: doc.sentences.len(),
        events: doc.events.len(),
        limits: doc.limits.iter().copied().collect(),
    }
}

/// The process's resident memory, from `/proc/self/status` (Linux only; elsewhere every figure is `None`).
mod memory {
    /// Resets the resident-set high-water mark (`VmHWM`) to the current resident set; false where it cannot.
    pub fn reset_peak() -> bool {
        std::fs::write("/proc/self/clear_refs", "5").is_ok()
    }

    /// The high-water mark of the resident set since the last reset, in bytes.
    pub fn peak_bytes() -> Option<u64> {
        status_kilobytes("VmHWM:").map(|k| k * 1024)
    }

    /// The resident set now, in bytes.
    pub fn resident_bytes() -> Option<u64> {
        status_kilobytes("VmRSS:").map(|k| k * 1024)
    }

    fn status_kilobytes(field: &str) -> Option<u64> {
        let status = std::fs::read_to_string("/proc/self/status").ok()?;
        let line = status.lines().find(|l| l.starts_with(field))?;
        line[field.len()..]
            .trim()
            .trim_end_matches("kB")
            .trim()
            .parse()
            .ok()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The size every shape is generated at in tests.
    const TEST_BYTES: usize = 64 * 1024;

    fn news() -> NewsSample {
        NewsSample::new(vec![
            include_str!("../../../examples/wire-story.txt").to_string(),
            "Iran accused Israel of spying on Monday.\n\nOfficials in Tehran said talks would go on.\n"
                .to_string(),
        ])
    }

    #[test]
    fn every_shape_is_generated_at_its_size_and_goes_through_the_pipeline() {
        let pipeline = Pipeline::builtin().expect("built-in dictionaries load");
        let news = news();
        for shape in Shape::ALL {
            let input = generate(shape, TEST_BYTES, &news);
            assert_eq!(input.len(), TEST_BYTES, "{}", shape.name());
            assert_eq!(
                input,
                generate(shape, TEST_BYTES, &news),
                "{} is deterministic",
                shape.name()
            );
            let r = run(&pipeline, shape, TEST_BYTES, &news);
            assert_eq!(r.input_bytes, TEST_BYTES);
            assert!(
                r.document_bytes > 0,
                "{} wrote a document record",
                shape.name()
            );
            // Text keeps its sentences; a page of markup without prose may rightly give none.
            assert!(
                r.sentences > 0 || shape.kind() == ContentKind::Html,
                "{} gave no sentences",
                shape.name()
            );
        }
    }

    #[test]
    fn shapes_have_their_defining_features() {
        let news = news();
        let g = |s| generate(s, TEST_BYTES, &news);
        assert!(!g(Shape::NoPunctuation)
            .iter()
            .any(|b| b.is_ascii_punctuation()));
        assert!(!g(Shape::GiantLine).contains(&b'\n'));
        assert!(g(Shape::ActorConjunctions).starts_with(b"Russia attacked Ukraine and Russia"));
        assert!(g(Shape::NulBytes).contains(&0));
        assert!(std::str::from_utf8(&g(Shape::MixedEncodings)).is_err());
        let nest = String::from_utf8(g(Shape::NestTable)).unwrap();
        assert_eq!(nest.matches("<td>").count(), nest.matches("</td>").count());
        let page = String::from_utf8(g(Shape::Attributes)).unwrap();
        assert!(page.matches("=\"v").count() > 1000);
    }

    #[test]
    fn tiny_sizes_are_cut_to_size() {
        let news = news();
        for shape in Shape::ALL {
            for size in [0, 1, 7, 100] {
                assert_eq!(generate(shape, size, &news).len(), size, "{}", shape.name());
            }
        }
    }

    #[test]
    fn names_round_trip() {
        for shape in Shape::ALL {
            assert_eq!(Shape::from_name(shape.name()), Some(shape));
        }
    }

    #[test]
    fn runs_round_trip_through_json() {
        let r = StressRun {
            shape: Shape::NestTable,
            input_bytes: 1_000_000,
            elapsed: Duration::from_millis(125),
            peak_memory_bytes: None,
            event_bytes: 3,
            document_bytes: 4,
            sentences: 5,
            events: 6,
            limits: vec![
                LimitHit {
                    limit: Limit::DomDepth,
                    times: 1,
                },
                LimitHit {
                    limit: Limit::SentenceText,
                    times: 9,
                },
            ],
        };
        let json = serde_json::to_string(&r).unwrap();
        assert!(json.contains("\"nest-table\"") && json.contains("[\"dom-depth\",1]"));
        assert_eq!(serde_json::from_str::<StressRun>(&json).unwrap(), r);
    }

    #[test]
    fn aims_compare_with_the_reference() {
        let at = |mbps: f64, out: u64| StressRun {
            shape: Shape::NormalNews,
            input_bytes: 10_000_000,
            elapsed: Duration::from_secs_f64(10.0 / mbps),
            peak_memory_bytes: Some(50_000_000),
            event_bytes: out,
            document_bytes: 0,
            sentences: 1,
            events: 0,
            limits: Vec::new(),
        };
        let news = at(20.0, 1_000_000);
        let met = at(4.0, 30_000_000).aims(Some(&news));
        assert!(!met.speed && !met.output && met.memory == Some(true));
        assert_eq!(met.relative, Some(true));
        assert_eq!(at(1.0, 0).aims(Some(&news)).relative, Some(false));
        assert!(news.aims(None).all());
    }
}
