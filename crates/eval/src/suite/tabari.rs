//! TABARI validation records (`Validate.text`, `TABARI.Demo.text`) and the `.project` file naming their
//! dictionaries.
//!
//! A record starts with a `YYMMDD  ID` line (separator: spaces or `*`) and ends at a blank line. The text runs up
//! to the `/*` that opens the comment block; inside the block, `{ SRC / TGT / CODE }` lines give the expected
//! events, `{---}` / `{###}` / `{+++}` say "no event" / "discarded" / "too complex", `-{` skips the check and
//! `{ OPTION: ... }` changes a setting. Records after the `FINAL` record need other settings and are inactive.

use super::{
    iso_date, normalize_text, read_text, resolve_dictionary, CodedTriple, DictionaryKind, Expected,
    NoEventReason, Suite, SuiteDictionary, SuiteError, SuiteFormat, SuiteRecord, UncheckedReason,
};
use std::path::{Path, PathBuf};

/// `.project` tags that name dictionary files, and what each is.
const PROJECT_DICTIONARY_TAGS: [(&str, DictionaryKind); 4] = [
    ("<actorsfile>", DictionaryKind::Actors),
    ("<verbsfile>", DictionaryKind::Verbs),
    ("<agentsfile>", DictionaryKind::Agents),
    ("<optionsfile>", DictionaryKind::Options),
];

/// The `.project` tag naming the records file.
const PROJECT_TEXT_TAG: &str = "<textfile>";
/// Record ids (prefixes) that are run-control records, not tests.
const CONTROL_ID_PREFIXES: [&str; 2] = ["START", "FINAL"];
/// The control record after which records need other settings.
const FINAL_ID_PREFIX: &str = "FINAL";
/// The setting name under which OPTION commands are passed on to later records.
const OPTION_SETTING: &str = "OPTION";
/// The no-event markers: no event, discarded, too complex.
const NO_EVENT_MARKERS: [&str; 3] = ["---", "###", "+++"];
/// Two-digit years at or above this are 19xx, below it 20xx (the suites run from 1982 to 2002).
const CENTURY_PIVOT: u32 = 50;

/// Read a TABARI suite. Given a `.text` file, its dictionaries come from the `.project` file of the same stem
/// beside it (`Validate.text` → `Validate.project`), if there is one; given a `.project` file, the records come
/// from the `<textfile>` it names.
pub fn read_tabari_suite(path: &Path, extra_dirs: &[PathBuf]) -> Result<Suite, SuiteError> {
    let is_project = path.extension().is_some_and(|e| e == "project");
    let (text_path, project) = if is_project {
        let text = read_text(path)?;
        let named = project_entries(&text, PROJECT_TEXT_TAG).next();
        let Some(named) = named else {
            return Err(SuiteError::Format {
                path: path.display().to_string(),
                line: 1,
                message: format!("no {PROJECT_TEXT_TAG} line"),
            });
        };
        (path.with_file_name(named), Some(path.to_path_buf()))
    } else {
        let stem = file_stem(path);
        let project = path.with_file_name(format!("{stem}.project"));
        (path.to_path_buf(), project.is_file().then_some(project))
    };
    let text = read_text(&text_path)?;
    let records = parse_records(&text);
    let dictionaries = match project {
        Some(project) => read_tabari_project(&project, extra_dirs)?,
        None => Vec::new(),
    };
    Ok(Suite {
        name: file_stem(&text_path),
        path: text_path,
        format: SuiteFormat::Tabari,
        records,
        dictionaries,
    })
}

/// `Validate.text` → `Validate`.
fn file_stem(path: &Path) -> String {
    let file_name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    file_name
        .strip_suffix(".text")
        .or_else(|| file_name.strip_suffix(".txt"))
        .unwrap_or(&file_name)
        .to_string()
}

/// The values of `<tag> VALUE` lines of a project file (tag matched case-insensitively).
fn project_entries<'a>(text: &'a str, tag: &'a str) -> impl Iterator<Item = &'a str> + 'a {
    text.lines().filter_map(move |line| {
        let line = line.trim();
        let head = line.get(..tag.len())?;
        if !head.eq_ignore_ascii_case(tag) {
            return None;
        }
        line[tag.len()..].split_whitespace().next()
    })
}

/// The dictionary files a TABARI `.project` file names (`<actorsfile>`, `<verbsfile>`, `<agentsfile>`,
/// `<optionsfile>`), resolved beside the project file.
pub fn read_tabari_project(
    path: &Path,
    extra_dirs: &[PathBuf],
) -> Result<Vec<SuiteDictionary>, SuiteError> {
    let text = read_text(path)?;
    let mut dictionaries = Vec::new();
    // Tags may repeat; each file keeps its position in the project.
    for line in text.lines() {
        for (tag, kind) in PROJECT_DICTIONARY_TAGS {
            if let Some(name) = project_entries(line, tag).next() {
                dictionaries.push(resolve_dictionary(kind, name, path, extra_dirs));
            }
        }
    }
    Ok(dictionaries)
}

/// The records of TABARI suite text. Used by [`read_tabari_suite`]; public for callers holding the text already
/// (and the fuzz target). Reading records does not fail: an unreadable expectation marks only its own record
/// ([`UncheckedReason::Malformed`]); the `Result` and `_origin` keep the signature of the PETRARCH reader.
pub fn parse_tabari_records(text: &str, _origin: &str) -> Result<Vec<SuiteRecord>, SuiteError> {
    Ok(parse_records(text))
}

/// Split the file into records and read each.
fn parse_records(text: &str) -> Vec<SuiteRecord> {
    let mut records = Vec::new();
    let mut current: Option<(usize, Vec<&str>)> = None;
    let mut after_final = false;
    let mut settings: Vec<(String, String)> = Vec::new();
    let lines = text.lines().map(|l| l.trim_end_matches('\r'));
    for (i, line) in lines.chain(std::iter::once("")).enumerate() {
        match current.as_mut() {
            None if is_record_header(line) => current = Some((i + 1, vec![line])),
            None => {}
            Some(_) if line.trim().is_empty() => {
                let Some((start, body)) = current.take() else {
                    continue;
                };
                let mut record = parse_record(&body, start);
                record.active = !after_final;
                record.settings = settings.clone();
                if let Expected::Unchecked(UncheckedReason::Option(commands)) = &record.expected {
                    settings.extend(
                        commands
                            .iter()
                            .map(|c| (OPTION_SETTING.to_string(), c.clone())),
                    );
                }
                if record.id.to_ascii_uppercase().starts_with(FINAL_ID_PREFIX) {
                    after_final = true;
                }
                records.push(record);
            }
            Some((_, body)) => body.push(line),
        }
    }
    records
}

/// `YYMMDD` followed by a space or `*` and an id.
fn is_record_header(line: &str) -> bool {
    let b = line.as_bytes();
    b.len() > 7
        && b[..6].iter().all(u8::is_ascii_digit)
        && (b[6] == b'*' || b[6].is_ascii_whitespace())
        && !line[7..]
            .trim_matches(|c: char| c == '*' || c.is_whitespace())
            .is_empty()
}

fn parse_record(lines: &[&str], start: usize) -> SuiteRecord {
    let header = lines[0];
    let digits = |r: std::ops::Range<usize>| header[r].parse::<u32>().unwrap_or(0);
    let (yy, month, day) = (digits(0..2), digits(2..4), digits(4..6));
    let year = if yy >= CENTURY_PIVOT {
        1900 + yy
    } else {
        2000 + yy
    };
    let id = header[6..]
        .trim_start_matches(|c: char| c == '*' || c.is_whitespace())
        .split_whitespace()
        .next()
        .unwrap_or("")
        .to_string();
    let category = id.split('-').next().unwrap_or(&id).to_string();

    // Text is everything before the comment block opens; without a `/*`, lines that start with a literal `\n`
    // are the comment.
    let mut text = String::new();
    let mut comment = String::new();
    let mut in_comment = false;
    for line in &lines[1..] {
        if in_comment {
            comment.push_str(line);
            comment.push('\n');
        } else if let Some(at) = line.find("/*") {
            text.push_str(&line[..at]);
            text.push('\n');
            comment.push_str(&line[at..]);
            comment.push('\n');
            in_comment = true;
        } else if line.trim_start().starts_with("\\n") {
            comment.push_str(line);
            comment.push('\n');
        } else {
            text.push_str(line);
            text.push('\n');
        }
    }
    let is_control = CONTROL_ID_PREFIXES
        .iter()
        .any(|p| id.to_ascii_uppercase().starts_with(p));
    let expected = if is_control {
        Expected::Unchecked(UncheckedReason::Control)
    } else {
        // An unreadable expectation spoils only its own record: counted apart, not a reason to lose the suite.
        expectation(&comment)
            .unwrap_or_else(|message| Expected::Unchecked(UncheckedReason::Malformed(message)))
    };
    SuiteRecord {
        id,
        date: iso_date(year, month, day),
        category,
        text: normalize_text(&text),
        expected,
        active: true,
        line: start,
        settings: Vec::new(),
    }
}

/// One `{...}` or `-{...}` marker in a comment block.
struct Marker<'a> {
    skip: bool,
    content: &'a str,
}

/// The `{...}` markers of a comment block, in order; empty braces (prose such as "coded in {}") are not markers.
/// A marker without its closing brace runs to the end of its line (the suite has such OPTION lines).
fn markers(comment: &str) -> Vec<Marker<'_>> {
    let mut found = Vec::new();
    for line in comment.lines() {
        let mut rest = line;
        let mut offset = 0;
        while let Some(open) = rest.find('{') {
            let skip = line[..offset + open].ends_with('-');
            let after = &rest[open + 1..];
            let close = after.find('}').unwrap_or(after.len());
            let content = after[..close].trim();
            let content = content.trim_end_matches("*/").trim();
            if !content.is_empty() {
                found.push(Marker { skip, content });
            }
            let consumed = open + 1 + (close + 1).min(after.len());
            offset += consumed;
            rest = &rest[consumed..];
        }
    }
    found
}

/// What a record's comment block expects.
fn expectation(comment: &str) -> Result<Expected, String> {
    let markers = markers(comment);
    let Some(first) = markers.first() else {
        // Coded by TABARI but with nothing to check against (FBIS-002-003 after FINAL has no comment block).
        return Ok(Expected::Unchecked(UncheckedReason::Unmarked));
    };
    if first.skip {
        return Ok(Expected::Unchecked(UncheckedReason::SkipCheck));
    }
    if first.content.starts_with("OPTION:") {
        let commands = markers
            .iter()
            .filter_map(|m| m.content.strip_prefix("OPTION:"))
            .map(|c| c.trim().to_string())
            .collect();
        return Ok(Expected::Unchecked(UncheckedReason::Option(commands)));
    }
    let compact: String = first.content.split_whitespace().collect();
    match compact.as_str() {
        "---" => return Ok(Expected::Nothing(NoEventReason::NoEvents)),
        "###" => return Ok(Expected::Nothing(NoEventReason::Discard)),
        "+++" => return Ok(Expected::Nothing(NoEventReason::Complex)),
        _ => {}
    }
    let mut events = Vec::new();
    // A `-{` line among expected events is a deactivated expectation, not part of the check; a no-event marker
    // after events gives the outcome under another setting (MISC-01 after FINAL), so it is not checked either.
    for marker in markers.iter().filter(|m| !m.skip) {
        let compact: String = marker.content.split_whitespace().collect();
        if NO_EVENT_MARKERS.contains(&compact.as_str()) {
            continue;
        }
        let fields: Vec<&str> = marker.content.split('/').collect();
        match fields.as_slice() {
            [source, target, code] => events.push(CodedTriple::new(source, target, code)),
            _ => {
                return Err(format!(
                    "expected `SOURCE / TARGET / CODE`, found {{{}}}",
                    marker.content
                ))
            }
        }
    }
    Ok(Expected::Events(events))
}

#[cfg(test)]
mod tests {
    use super::*;

    const SAMPLE: &str = "\
# comment
950103  DEMO-04
Dagolath's Deputy Prime Minister Telemar left for
Minas Tirith on Wednesday.
/*\\n----
\\n[Paired events]
\\n{ DAG / GON / 032 } 950103
\\n{ GON / DAG / 033 } 950103   */

950101  DEMO-05
Arnor text /*\\n[Complex]
\\n-{ARN / GON / 064  } */

990101  FINAL-01
End.
\\nThe remaining records

950112  LINELONG-01
Too long.
/*\\n{ +++ }*/
";

    #[test]
    fn reads_events_skips_and_final() {
        let records = parse_records(SAMPLE);
        assert_eq!(records.len(), 4);
        let demo = &records[0];
        assert_eq!(demo.id, "DEMO-04");
        assert_eq!(demo.category, "DEMO");
        assert_eq!(demo.date.as_deref(), Some("1995-01-03"));
        assert_eq!(demo.line, 2);
        assert_eq!(
            demo.text,
            "Dagolath's Deputy Prime Minister Telemar left for Minas Tirith on Wednesday."
        );
        assert_eq!(
            demo.expected.events(),
            [
                CodedTriple::new("DAG", "GON", "032"),
                CodedTriple::new("GON", "DAG", "033")
            ]
        );
        assert_eq!(records[1].text, "Arnor text");
        assert_eq!(records[1].expected.kind(), "skip");
        assert_eq!(records[2].expected.kind(), "control");
        assert!(records[2].active);
        assert_eq!(records[3].expected.kind(), "complex");
        assert!(!records[3].active, "records after FINAL are inactive");
        assert!(records.iter().all(|r| r.settings.is_empty()));
    }

    #[test]
    fn option_commands_carry_to_later_records() {
        let text = "950101  A-01\nx\n/*\\n{ OPTION: SET: CODE ALL } */\n\n950101  A-02\ny\n/*\\n{---} */\n";
        let records = parse_records(text);
        assert!(records[0].settings.is_empty());
        assert_eq!(
            records[1].settings,
            [("OPTION".to_string(), "SET: CODE ALL".to_string())]
        );
    }

    #[test]
    fn option_without_closing_brace_and_bad_triple() {
        let ok = expectation("\\n{ OPTION: SET: MINIMUM WORDS = 4  */\n").unwrap();
        assert_eq!(
            ok,
            Expected::Unchecked(UncheckedReason::Option(vec![
                "SET: MINIMUM WORDS = 4".to_string()
            ]))
        );
        assert!(expectation("\\n{ ARN / GON }").is_err());
        let text = "950101  BAD-01\nText\n/*\\n{ ARN GON 064 } */\n";
        let records = parse_records(text);
        assert_eq!(records[0].expected.kind(), "malformed");
        assert!(records[0]
            .expected
            .unusable()
            .is_some_and(|why| why.contains("{ARN GON 064}")));
    }

    proptest::proptest! {
        #[test]
        fn never_panics_on_arbitrary_records(body in "(([0-9]{6}[ *]+[A-Z-]{1,6}|\\\\n|[{}/*#+-]| |é|[a-z]{1,4}|\n)){0,60}") {
            let _ = parse_records(&body);
        }
    }
}
