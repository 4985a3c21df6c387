//! PETRARCH-family validation XML: PETRARCH-1/2 `PETR.UnitTest.records.xml`, UD-PETRARCH
//! `PETR_Validate_records_2_02.xml` and `PETR2_GSR_validation.xml`.
//!
//! Only the unit-test file is well-formed XML (the GSR file self-closes `<Sentence .../>` and then lists its
//! children), so this is a lenient tag scanner rather than an XML tree: comments are skipped, `<Environment>`
//! gives the dictionaries and `<Include>`d categories, each `<Sentence>` starts a record that collects its
//! `<EventCoding>` tags and `<Text>`, and `<Parse>` blocks are skipped unread.

use super::{
    iso_date, normalize_text, read_text, resolve_dictionary, CodedTriple, DictionaryKind, Expected,
    NoEventReason, Suite, SuiteDictionary, SuiteError, SuiteFormat, SuiteRecord, UncheckedReason,
};
use crate::markup::decode_entities;
use std::path::{Path, PathBuf};

/// `<Environment>` elements that name dictionary files (a comma-separated list is allowed).
const ENVIRONMENT_DICTIONARIES: [(&str, DictionaryKind); 6] = [
    ("Verbfile", DictionaryKind::Verbs),
    ("Actorfile", DictionaryKind::Actors),
    ("Agentfile", DictionaryKind::Agents),
    ("Discardfile", DictionaryKind::Discards),
    ("PICOfile", DictionaryKind::Ontology),
    ("Issuefile", DictionaryKind::Issues),
];
/// Attributes that switch a record on: PETRARCH-1/2 `sentence`, UD-PETRARCH `evaluate`.
const ACTIVE_ATTRIBUTES: [&str; 2] = ["sentence", "evaluate"];
/// The attribute only UD-PETRARCH files use.
const UD_ACTIVE_ATTRIBUTE: &str = "evaluate";
/// `error=` values whose record is removed by the discard list, not rejected as input.
const DISCARD_ERRORS: [&str; 2] = ["storydiscard", "sentencediscard"];
/// Elements whose content is skipped unread.
const SKIPPED_ELEMENTS: [&str; 1] = ["Parse"];

/// Read a PETRARCH-family validation file. Records are active when their `sentence`/`evaluate` attribute is
/// `true` and their category is `<Include>`d (every category when there is no `<Include>`).
pub fn read_petrarch_suite(path: &Path, extra_dirs: &[PathBuf]) -> Result<Suite, SuiteError> {
    let text = read_text(path)?;
    let origin = path.display().to_string();
    let parsed = scan(&text, &origin)?;
    let dictionaries = parsed
        .dictionaries
        .iter()
        .map(|(kind, name)| resolve_dictionary(*kind, name, path, extra_dirs))
        .collect::<Vec<SuiteDictionary>>();
    let file_name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let name = file_name
        .strip_suffix(".xml")
        .unwrap_or(&file_name)
        .to_string();
    Ok(Suite {
        name,
        path: path.to_path_buf(),
        format: if parsed.evaluate_attribute {
            SuiteFormat::UdPetrarch
        } else {
            SuiteFormat::Petrarch
        },
        records: parsed.records,
        dictionaries,
    })
}

/// The records of PETRARCH-family validation XML; `origin` names it in errors. Used by
/// [`read_petrarch_suite`]; public for callers holding the text already (and the fuzz target).
pub fn parse_petrarch_records(text: &str, origin: &str) -> Result<Vec<SuiteRecord>, SuiteError> {
    scan(text, origin).map(|scanned| scanned.records)
}

/// What the scanner collects.
#[derive(Default)]
struct Scanned {
    /// Some record switches on with `evaluate=` (UD-PETRARCH) rather than `sentence=`.
    evaluate_attribute: bool,
    dictionaries: Vec<(DictionaryKind, String)>,
    records: Vec<SuiteRecord>,
}

/// A record under construction.
struct OpenRecord {
    record: SuiteRecord,
    active_attribute: bool,
    events: Vec<CodedTriple>,
    nothing: Option<NoEventReason>,
    /// The first unreadable `<EventCoding>`, with its line.
    malformed: Option<String>,
}

fn scan(text: &str, origin: &str) -> Result<Scanned, SuiteError> {
    // Line numbers only for records and errors: a binary search over newline offsets, not a rescan.
    let newlines: Vec<usize> = newline_offsets(text);
    let line_of = |pos: usize| newlines.partition_point(|&n| n < pos) + 1;
    let err = |pos: usize, message: String| SuiteError::Format {
        path: origin.to_string(),
        line: line_of(pos),
        message,
    };
    let mut out = Scanned::default();
    let mut include: Option<Vec<String>> = None;
    let mut settings: Vec<(String, String)> = Vec::new();
    let mut open: Option<OpenRecord> = None;
    let mut pos = 0;
    while let Some(rel) = text[pos..].find('<') {
        let at = pos + rel;
        let rest = &text[at..];
        if rest.starts_with("<!--") {
            let end = rest
                .find("-->")
                .ok_or_else(|| err(at, "unclosed comment".to_string()))?;
            pos = at + end + 3;
            continue;
        }
        let end = rest
            .find('>')
            .ok_or_else(|| err(at, "unclosed tag".to_string()))?;
        let tag = Tag::parse(&rest[1..end]);
        pos = at + end + 1;
        if tag.closing {
            if tag.name == "Sentence" || tag.name == "Sentences" {
                if let Some(done) = open.take() {
                    out.records.push(finish(done, include.as_deref()));
                }
            }
            continue;
        }
        match tag.name {
            "Sentence" => {
                if let Some(done) = open.take() {
                    out.records.push(finish(done, include.as_deref()));
                }
                let id = tag.attribute("id").unwrap_or_default();
                let category = tag.attribute("category").unwrap_or_default();
                let date = tag.attribute("date").and_then(|d| parse_date(&d));
                out.evaluate_attribute |= tag.attribute(UD_ACTIVE_ATTRIBUTE).is_some();
                let active_attribute = ACTIVE_ATTRIBUTES.iter().any(|a| {
                    tag.attribute(a)
                        .is_some_and(|v| v.eq_ignore_ascii_case("true"))
                });
                open = Some(OpenRecord {
                    record: SuiteRecord {
                        id,
                        date,
                        category,
                        text: String::new(),
                        expected: Expected::Events(Vec::new()),
                        active: false,
                        line: line_of(at),
                        settings: settings.clone(),
                    },
                    active_attribute,
                    events: Vec::new(),
                    nothing: None,
                    malformed: None,
                });
            }
            "EventCoding" => {
                let Some(record) = open.as_mut() else {
                    return Err(err(at, "<EventCoding> outside a <Sentence>".to_string()));
                };
                if tag
                    .attribute("noevents")
                    .is_some_and(|v| v.eq_ignore_ascii_case("true"))
                {
                    record.nothing = Some(NoEventReason::NoEvents);
                } else if let Some(error) = tag.attribute("error") {
                    record.nothing = Some(if DISCARD_ERRORS.contains(&error.as_str()) {
                        NoEventReason::Discard
                    } else {
                        NoEventReason::InputError(error)
                    });
                } else {
                    let field = |name: &str| tag.attribute(name).unwrap_or_default();
                    let code = field("eventcode");
                    if code.trim().is_empty() {
                        // Spoils only this record's expectation; it is counted apart, not scored.
                        record.malformed.get_or_insert_with(|| {
                            format!("line {}: <EventCoding> without an eventcode", line_of(at))
                        });
                    } else {
                        record.events.push(CodedTriple::new(
                            &field("sourcecode"),
                            &field("targetcode"),
                            &code,
                        ));
                    }
                }
            }
            "Text" => {
                let close = text[pos..]
                    .find("</Text>")
                    .ok_or_else(|| err(at, "unclosed <Text>".to_string()))?;
                if let Some(record) = open.as_mut() {
                    record.record.text = normalize_text(&decode_entities(&text[pos..pos + close]));
                }
                pos += close + "</Text>".len();
            }
            name if SKIPPED_ELEMENTS.contains(&name) && !tag.self_closing => {
                let closing = format!("</{name}>");
                let close = text[pos..]
                    .find(&closing)
                    .ok_or_else(|| err(at, format!("unclosed <{name}>")))?;
                pos += close + closing.len();
            }
            "Config" => {
                if let (Some(option), Some(value)) =
                    (tag.attribute("option"), tag.attribute("value"))
                {
                    match settings.iter_mut().find(|(o, _)| *o == option) {
                        Some(slot) => slot.1 = value,
                        None => settings.push((option, value)),
                    }
                }
            }
            "Include" => {
                let close = text[pos..].find('<').unwrap_or(0);
                include = Some(
                    text[pos..pos + close]
                        .split_whitespace()
                        .map(str::to_string)
                        .collect(),
                );
            }
            name => {
                if let Some((_, kind)) = ENVIRONMENT_DICTIONARIES.iter().find(|(n, _)| *n == name) {
                    let close = text[pos..].find('<').unwrap_or(0);
                    for file in text[pos..pos + close].split(',') {
                        let file = file.trim();
                        if !file.is_empty() {
                            out.dictionaries.push((*kind, file.to_string()));
                        }
                    }
                }
            }
        }
    }
    if let Some(done) = open.take() {
        out.records.push(finish(done, include.as_deref()));
    }
    Ok(out)
}

/// Byte offsets of every `\n`.
fn newline_offsets(text: &str) -> Vec<usize> {
    text.bytes()
        .enumerate()
        .filter_map(|(i, b)| (b == b'\n').then_some(i))
        .collect()
}

/// Settle a record's expectation and whether it is active. A record with no `<EventCoding>`, an unreadable
/// one, or both events and a no-event marker has no usable expectation and is counted apart.
fn finish(open: OpenRecord, include: Option<&[String]>) -> SuiteRecord {
    let mut record = open.record;
    record.expected = match (open.malformed, open.nothing, open.events.is_empty()) {
        (Some(why), _, _) => Expected::Unchecked(UncheckedReason::Malformed(why)),
        (None, Some(reason), false) => Expected::Unchecked(UncheckedReason::Malformed(format!(
            "expects {} events and also `{}`",
            open.events.len(),
            Expected::Nothing(reason).kind()
        ))),
        (None, None, false) => Expected::Events(open.events),
        (None, Some(reason), true) => Expected::Nothing(reason),
        (None, None, true) => Expected::Unchecked(UncheckedReason::Unstated),
    };
    record.active = open.active_attribute
        && include
            .into_iter()
            .all(|inc| inc.contains(&record.category));
    record
}

/// `YYYYMMDD` → ISO date.
fn parse_date(date: &str) -> Option<String> {
    let d = date.trim();
    if d.len() != 8 || !d.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let n = |r: std::ops::Range<usize>| d[r].parse::<u32>().ok();
    iso_date(n(0..4)?, n(4..6)?, n(6..8)?)
}

/// One start or end tag.
struct Tag<'a> {
    name: &'a str,
    closing: bool,
    self_closing: bool,
    attributes: &'a str,
}

impl<'a> Tag<'a> {
    /// Parse the inside of `<...>`.
    fn parse(inner: &'a str) -> Tag<'a> {
        let closing = inner.starts_with('/');
        let inner = inner.trim_start_matches('/');
        let self_closing = inner.trim_end().ends_with('/');
        let inner = inner.trim_end().trim_end_matches('/');
        let name_end = inner
            .find(|c: char| c.is_whitespace())
            .unwrap_or(inner.len());
        Tag {
            name: &inner[..name_end],
            closing,
            self_closing,
            attributes: &inner[name_end..],
        }
    }

    /// An attribute value, entity-decoded; `name = "v"` and `name='v'` both allowed.
    fn attribute(&self, name: &str) -> Option<String> {
        let mut rest = self.attributes;
        loop {
            rest = rest.trim_start();
            let eq = rest.find('=')?;
            let key = rest[..eq].trim();
            let value_part = rest[eq + 1..].trim_start();
            let quote = value_part.chars().next()?;
            if quote != '"' && quote != '\'' {
                return None;
            }
            let close = value_part[1..].find(quote)?;
            let value = &value_part[1..1 + close];
            if key == name {
                return Some(decode_entities(value));
            }
            rest = &value_part[close + 2..];
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lenient_scan_of_self_closed_sentences() {
        let xml = r#"<Validation><Environment>
<Actorfile>A.txt, B.txt</Actorfile><Include>AFP</Include></Environment>
<Sentences>
<Sentence category="AFP" date="20080804" id="X_1" evaluate="true"/>
<EventCoding eventcode="042" sourcecode="USA" targetcode="CHN" />
<!-- <EventCoding eventcode="999" sourcecode="NO" targetcode="NO" /> -->
<Text>
The US &amp; China
met.
</Text>
<Parse>1	The	<odd> &</Parse>
<Config option="require_dyad" value="false"></Config>
<Config option="comma_min" value="2"/><Config option="require_dyad" value="true"/>
<Sentence category="OTHER" date="2008" id="X_2" evaluate="true"/>
<EventCoding noevents = "True" />
<Text>Nothing.</Text>
</Sentences></Validation>"#;
        let scanned = scan(xml, "t.xml").unwrap();
        assert_eq!(
            scanned.dictionaries,
            [
                (DictionaryKind::Actors, "A.txt".to_string()),
                (DictionaryKind::Actors, "B.txt".to_string())
            ]
        );
        let [first, second] = scanned.records.as_slice() else {
            panic!("two records expected");
        };
        assert_eq!(first.text, "The US & China met.");
        assert_eq!(first.date.as_deref(), Some("2008-08-04"));
        assert_eq!(
            first.expected.events(),
            [CodedTriple::new("USA", "CHN", "042")]
        );
        assert!(first.active);
        assert_eq!(second.expected.kind(), "none");
        assert!(!second.active, "category not included");
        assert_eq!(second.date, None);
        assert!(first.settings.is_empty());
        let pair = |o: &str, v: &str| (o.to_string(), v.to_string());
        assert_eq!(
            second.settings,
            [pair("require_dyad", "true"), pair("comma_min", "2")]
        );
    }

    #[test]
    fn errors_name_the_line() {
        let err = scan("<Validation>\n<EventCoding eventcode=\"1\"/>", "t.xml")
            .err()
            .unwrap()
            .to_string();
        assert_eq!(err, "t.xml:2: <EventCoding> outside a <Sentence>");
        assert!(scan("<Sentence id=\"a\">\n<Text>open", "t.xml").is_err());
    }

    #[test]
    fn unusable_expectations_are_kept_apart() {
        let xml = r#"<Sentence id="A" sentence="true"><EventCoding sourcecode="X" targetcode="Y"/>
<EventCoding eventcode="010" sourcecode="X" targetcode="Y"/><Text>a</Text></Sentence>
<Sentence id="B" sentence="true"><EventCoding noevents="True"/>
<EventCoding eventcode="010" sourcecode="X" targetcode="Y"/><Text>b</Text></Sentence>
<Sentence id="C" sentence="true"><Text>c</Text></Sentence>"#;
        let records = scan(xml, "t.xml").unwrap().records;
        let kinds: Vec<&str> = records.iter().map(|r| r.expected.kind()).collect();
        assert_eq!(kinds, ["malformed", "malformed", "unstated"]);
        assert_eq!(
            records[0].expected.unusable().as_deref(),
            Some("line 1: <EventCoding> without an eventcode")
        );
        assert!(records.iter().all(|r| r.active && !r.is_scored()));
    }

    #[test]
    fn entities_decode() {
        assert_eq!(
            decode_entities("a &lt;b&gt; &#65;&#x42; & c"),
            "a <b> AB & c"
        );
    }

    proptest::proptest! {
        #[test]
        fn never_panics_on_arbitrary_markup(body in "((<|>|/|=|\"|'|&|;|#|!--|-->|Sentence|EventCoding|Text|Parse|Config|Include| |é|[a-z]{1,3}|\n)){0,60}") {
            let _ = scan(&body, "p");
        }
    }
}
