//! The dev-news set: real news sentences from Reuters-21578 with hand-written CAMEO events (`data/dev-news`, its
//! README says how it was made), scored per part — `tune`, which dyad's dictionaries and rules may be fitted to,
//! and `aside`, which is never looked at while tuning.
//!
//! Each sentence is coded alone, on the date of its story. An expected event is matched by an emitted event of
//! the same sentence whose CAMEO code begins with one of the expected alternatives, and (for the actor figure)
//! whose source and target begin with the expected codes. Precision counts every emitted event.

use dyad_coding::Coder;
use dyad_model::Event;
use std::collections::HashMap;
use std::fmt;
use std::path::Path;

/// The set as it ships, compiled in so a scorer needs no path to it.
pub const DEV_NEWS_TSV: &str = include_str!("../data/dev-news/dev-news.tsv");

/// One event a human coded: actor code prefixes and the CAMEO code prefixes that count.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExpectedEvent {
    pub source: String,
    pub target: String,
    pub codes: Vec<String>,
}

impl ExpectedEvent {
    fn code_matches(&self, e: &Event) -> bool {
        self.codes.iter().any(|c| e.cameo.starts_with(c.as_str()))
    }

    fn matches(&self, e: &Event) -> bool {
        self.code_matches(e)
            && e.source.starts_with(self.source.as_str())
            && e.target.starts_with(self.target.as_str())
    }
}

impl fmt::Display for ExpectedEvent {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}>{}:{}",
            self.source,
            self.target,
            self.codes.join("|")
        )
    }
}

/// One line of the set.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DevSentence {
    /// 1-based line number in `dev-news.tsv`.
    pub line: usize,
    /// Reuters-21578 NEWID of the story.
    pub new_id: u32,
    /// `true` for the part set aside (never tuned on).
    pub aside: bool,
    pub expected: Vec<ExpectedEvent>,
    pub text: String,
}

/// A line of `dev-news.tsv` that does not read.
#[derive(Debug, thiserror::Error)]
#[error("dev-news.tsv:{line}: {why}")]
pub struct DevNewsError {
    pub line: usize,
    pub why: String,
}

/// Reads the set's TSV (`newid  part  expected  sentence`; `#` lines are comments).
pub fn parse(tsv: &str) -> Result<Vec<DevSentence>, DevNewsError> {
    let mut out = Vec::new();
    for (i, raw) in tsv.lines().enumerate() {
        let line = i + 1;
        if raw.starts_with('#') || raw.trim().is_empty() {
            continue;
        }
        let err = |why: &str| DevNewsError {
            line,
            why: why.to_string(),
        };
        let mut cols = raw.splitn(4, '\t');
        let (Some(id), Some(part), Some(expected), Some(text)) =
            (cols.next(), cols.next(), cols.next(), cols.next())
        else {
            return Err(err("expected four tab-separated columns"));
        };
        let new_id = id.parse().map_err(|_| err("NEWID is not a number"))?;
        let aside = match part {
            "aside" => true,
            "tune" => false,
            _ => return Err(err("part is neither `tune` nor `aside`")),
        };
        let mut events = Vec::new();
        if expected != "-" {
            for ev in expected.split_whitespace() {
                let (actors, codes) = ev
                    .split_once(':')
                    .ok_or_else(|| err("event without `:CODE`"))?;
                let (source, target) = actors
                    .split_once('>')
                    .ok_or_else(|| err("event without `SOURCE>TARGET`"))?;
                events.push(ExpectedEvent {
                    source: source.to_string(),
                    target: target.to_string(),
                    codes: codes.split('|').map(str::to_string).collect(),
                });
            }
        }
        out.push(DevSentence {
            line,
            new_id,
            aside,
            expected: events,
            text: text.to_string(),
        });
    }
    Ok(out)
}

/// The figures of one part.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct PartScore {
    pub sentences: usize,
    pub expected: usize,
    /// Expected events with an emitted event of a matching code.
    pub type_right: usize,
    /// ... whose source and target match too.
    pub dyad_right: usize,
    pub emitted: usize,
    /// Emitted events whose code matches an expected event of their sentence.
    pub emitted_right: usize,
    /// Sentences with an expected event and nothing emitted.
    pub silent: usize,
}

impl PartScore {
    pub fn type_rate(&self) -> f64 {
        ratio(self.type_right, self.expected)
    }
    pub fn dyad_rate(&self) -> f64 {
        ratio(self.dyad_right, self.expected)
    }
    pub fn precision(&self) -> f64 {
        ratio(self.emitted_right, self.emitted)
    }
}

fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 {
        0.0
    } else {
        a as f64 / b as f64
    }
}

impl fmt::Display for PartScore {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{} sentences, {} expected events: type right {:.1}%, type + both actors {:.1}%, precision {:.2} \
             ({} of {} emitted), {} sentences with an event coded nothing",
            self.sentences,
            self.expected,
            100.0 * self.type_rate(),
            100.0 * self.dyad_rate(),
            self.precision(),
            self.emitted_right,
            self.emitted,
            self.silent
        )
    }
}

/// One sentence with what dyad emitted.
#[derive(Debug, Clone)]
pub struct CodedSentence {
    pub sentence: DevSentence,
    pub events: Vec<Event>,
}

impl CodedSentence {
    /// Expected events not matched with both actors.
    pub fn missed(&self) -> impl Iterator<Item = &ExpectedEvent> {
        self.sentence
            .expected
            .iter()
            .filter(|x| !self.events.iter().any(|e| x.matches(e)))
    }

    /// Emitted events whose code matches no expected event.
    pub fn wrong(&self) -> impl Iterator<Item = &Event> {
        self.events
            .iter()
            .filter(|e| !self.sentence.expected.iter().any(|x| x.code_matches(e)))
    }
}

/// The scores of both parts and every sentence coded.
#[derive(Debug, Clone)]
pub struct DevNewsReport {
    pub tune: PartScore,
    pub aside: PartScore,
    pub coded: Vec<CodedSentence>,
}

/// Codes every sentence with `coder` on its story's date (from `dates`, NEWID → `YYYY-MM-DD`) and scores both
/// parts.
pub fn score(
    coder: &Coder,
    sentences: &[DevSentence],
    dates: &HashMap<u32, String>,
) -> DevNewsReport {
    let mut tune = PartScore::default();
    let mut aside = PartScore::default();
    let mut coded = Vec::with_capacity(sentences.len());
    for s in sentences {
        let events = coder.code_sentence(&s.text, dates.get(&s.new_id).map(String::as_str));
        let part = if s.aside { &mut aside } else { &mut tune };
        part.sentences += 1;
        part.expected += s.expected.len();
        part.emitted += events.len();
        for x in &s.expected {
            if events.iter().any(|e| x.code_matches(e)) {
                part.type_right += 1;
            }
            if events.iter().any(|e| x.matches(e)) {
                part.dyad_right += 1;
            }
        }
        part.emitted_right += events
            .iter()
            .filter(|e| s.expected.iter().any(|x| x.code_matches(e)))
            .count();
        if !s.expected.is_empty() && events.is_empty() {
            part.silent += 1;
        }
        coded.push(CodedSentence {
            sentence: s.clone(),
            events,
        });
    }
    DevNewsReport { tune, aside, coded }
}

/// Why the set could not be scored.
#[derive(Debug, thiserror::Error)]
pub enum DevNewsRunError {
    #[error(transparent)]
    Set(#[from] DevNewsError),
    #[error(transparent)]
    Reuters(#[from] crate::reuters::ReutersError),
}

/// The shipped set scored with the built-in dictionaries, story dates from `shared_data/reuters21578`: what a
/// `dyad validate dev-news` prints (`tune` and `aside` lines).
pub fn run_builtin(shared_data: &Path) -> Result<DevNewsReport, DevNewsRunError> {
    let set = parse(DEV_NEWS_TSV)?;
    let dates = story_dates(&shared_data.join("reuters21578"), &set)?;
    let (dicts, _) = dyad_dict::Dictionaries::builtin();
    Ok(score(&Coder::new(&dicts), &set, &dates))
}

/// The story dates of the NEWIDs the set uses, from the Reuters-21578 folder.
pub fn story_dates(
    reuters_dir: &Path,
    sentences: &[DevSentence],
) -> Result<HashMap<u32, String>, crate::reuters::ReutersError> {
    let wanted: std::collections::HashSet<u32> = sentences.iter().map(|s| s.new_id).collect();
    let mut out = HashMap::new();
    for story in crate::reuters::read_reuters_dir(reuters_dir)? {
        let text = story.story_text();
        if wanted.contains(&text.new_id) {
            if let Some(date) = text.date {
                out.insert(text.new_id, date);
            }
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_shipped_set_parses_with_both_parts() {
        let set = parse(DEV_NEWS_TSV).unwrap();
        assert!(set.len() >= 120);
        let aside = set.iter().filter(|s| s.aside).count();
        assert!(aside * 4 >= set.len() - 3 && aside * 4 <= set.len());
        assert!(set.iter().any(|s| s.expected.len() > 1));
    }

    #[test]
    fn a_bad_line_names_its_line() {
        let e = parse("# header\n1\ttune\tUSA-JPN:04\tx\n").unwrap_err();
        assert_eq!(e.line, 2);
        assert!(parse("1\tmaybe\t-\tx\n").is_err());
    }

    #[test]
    fn alternatives_and_prefixes_match() {
        let set = parse("7\ttune\tUSA>JPN:10|02\tx\n").unwrap();
        let x = &set[0].expected[0];
        let mut e = Event {
            source: "USAGOV".into(),
            target: "JPN".into(),
            cameo: "020".into(),
            ..Event::default()
        };
        assert!(x.matches(&e));
        e.cameo = "112".into();
        assert!(!x.code_matches(&e));
    }
}
