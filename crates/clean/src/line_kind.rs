//! Classifies one line (plain text) or one block (HTML) as body text or as something set aside: furniture,
//! decoration, caption, syndication footer, wire sign-off, byline or date stamp. Line-local and table-driven
//! (see [`crate::patterns`]); the headline and paragraph decisions that need context live in the assemblers.

use crate::dates::{self, FoundDate};
use crate::patterns::{
    AUTHOR_CREDITS, BYLINE_AFFILIATIONS, BYLINE_AFFILIATION_PREFIXES, BYLINE_MAX_WORDS,
    BYLINE_PLACE_SEPARATOR, BYLINE_PREFIXES, CAPTION_MAX_WORDS, COPYRIGHT_MARKERS, COPYRIGHT_TAILS,
    CREDIT_LINE_SUFFIXES, CREDIT_PARENTHESIS_MAX_WORDS, CREDIT_PARENTHESIS_WORDS,
    DATE_STAMP_MAX_WORDS, DATE_STAMP_WORDS, LINK_LINE_MAX_WORDS, LONGEST_SET_ASIDE_WORDS,
    NAME_MAX_WORDS, NAME_MIN_WORDS, NAME_PARTICLES, NOT_NAME_WORDS, REPORTING_WORDS, SIGNOFF_LINES,
    SYNDICATION_MAX_WORDS, SYNDICATION_PREFIXES_WITH_YEAR, WEEKDAYS,
};
use crate::phrase_index::{LinePrefixes, PhraseIndex, PrefixTable};

/// What a line is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LineKind {
    /// Article text.
    Body,
    /// Menus, share bars, prompts, link lines: dropped.
    Furniture,
    /// No letter or digit at all: bullets, rules, stray punctuation. Dropped.
    Decoration,
    /// A photo caption or credit: goes to `metadata.captions`.
    Caption,
    /// A copyright or syndication line: goes to `metadata.syndication`; `outlet` is the publisher a copyright
    /// line names.
    Syndication { outlet: Option<String> },
    /// A wire sign-off ("Reuter"): dropped, naming the outlet when it can.
    Signoff { outlet: Option<&'static str> },
    /// A byline or wire credit line: the author names go to `metadata.byline`.
    Byline(Vec<String>),
    /// A line that is only a date stamp: the date may set `metadata.date`.
    DateStamp(FoundDate),
}

/// Classifies a line known to continue a body sentence: only decoration and wire sign-offs are set aside.
pub fn classify_continuation(line: &str) -> LineKind {
    let text = line.trim();
    if !text.chars().any(char::is_alphanumeric) {
        LineKind::Decoration
    } else if let Some(&(_, outlet)) = SIGNOFF_LINES.iter().find(|(s, _)| *s == text) {
        LineKind::Signoff { outlet }
    } else {
        LineKind::Body
    }
}

/// A line prepared once for every test: whitespace collapsed, and lower-cased.
struct Line<'a> {
    text: &'a str,
    lower: String,
    words: usize,
    prefixes: LinePrefixes,
}

/// Classifies `line` (one line of text, or one HTML block; surrounding whitespace is ignored).
pub fn classify(line: &str) -> LineKind {
    let text = line.trim();
    if !text.chars().any(char::is_alphanumeric) {
        return LineKind::Decoration;
    }
    if let Some(&(_, outlet)) = SIGNOFF_LINES.iter().find(|(s, _)| *s == text) {
        return LineKind::Signoff { outlet };
    }
    // Most paragraphs are longer than anything set aside: skip the tests for them.
    let words = text
        .split_whitespace()
        .take(LONGEST_SET_ASIDE_WORDS + 1)
        .count();
    if words > LONGEST_SET_ASIDE_WORDS {
        return LineKind::Body;
    }
    let mut lower = String::with_capacity(text.len());
    for word in text.split_whitespace() {
        if !lower.is_empty() {
            lower.push(' ');
        }
        if word.is_ascii() {
            lower.push_str(word);
            let from = lower.len() - word.len();
            lower[from..].make_ascii_lowercase();
        } else {
            lower.extend(word.chars().flat_map(char::to_lowercase));
        }
    }
    let prefixes = PhraseIndex::get().line_prefixes(&lower);
    let line = Line {
        text,
        words,
        lower,
        prefixes,
    };
    if is_furniture(&line) {
        return LineKind::Furniture;
    }
    if is_syndication(&line) {
        return LineKind::Syndication {
            outlet: copyright_outlet(&line),
        };
    }
    if let Some(authors) = credit_line_authors(&line) {
        return LineKind::Byline(authors);
    }
    if is_caption(&line) {
        return LineKind::Caption;
    }
    if is_link_or_prompt(&line) {
        return LineKind::Furniture;
    }
    if let Some(authors) = byline_authors(&line) {
        return LineKind::Byline(authors);
    }
    if let Some(date) = date_stamp(&line) {
        return LineKind::DateStamp(date);
    }
    LineKind::Body
}

fn is_furniture(line: &Line) -> bool {
    let bare = line
        .lower
        .trim_end_matches([':', '.', '»', '›', '>', '|', ' '])
        .trim_start_matches(['«', '‹', '<', '|', ' ']);
    PhraseIndex::get().is_furniture_line(bare)
}

fn is_syndication(line: &Line) -> bool {
    let lower = line.lower.as_str();
    line.words <= SYNDICATION_MAX_WORDS
        && (line.prefixes.has(PrefixTable::Syndication)
            || (SYNDICATION_PREFIXES_WITH_YEAR
                .iter()
                .any(|p| line.text.starts_with(p))
                && dates::find_year(lower).is_some())
            || PhraseIndex::get().has_syndication_phrase(lower))
}

/// The publisher a copyright line names: "© 2018 Arab News (Jeddah, Saudi Arabia)" gives "Arab News".
fn copyright_outlet(line: &Line) -> Option<String> {
    let lower = line.lower.as_str();
    if !COPYRIGHT_MARKERS.iter().any(|m| lower.starts_with(m)) {
        return None;
    }
    // Work on the original-case text word by word: skip markers and years, stop at the first sentence end.
    let mut rest = line.text;
    loop {
        let before = rest;
        rest = rest.trim_start();
        for marker in COPYRIGHT_MARKERS {
            if rest.len() >= marker.len()
                && rest.is_char_boundary(marker.len())
                && rest[..marker.len()].eq_ignore_ascii_case(marker)
            {
                rest = &rest[marker.len()..];
            }
        }
        let word_end = rest
            .trim_start()
            .find(char::is_whitespace)
            .unwrap_or(rest.trim_start().len());
        let word = &rest.trim_start()[..word_end];
        let bare = word.trim_end_matches([',', '.']);
        if !bare.is_empty()
            && bare
                .split(['-', '–'])
                .all(|y| dates::find_year(y).is_some())
        {
            rest = &rest.trim_start()[word_end..];
        }
        if rest == before {
            break;
        }
    }
    let mut name = rest.trim();
    for stop in [
        ". ",
        "; ",
        " | ",
        " - ",
        " — ",
        " – ",
        ", all rights",
        ". all rights",
    ] {
        if let Some(p) = name.to_lowercase().find(stop) {
            name = name.get(..p).unwrap_or(name);
        }
    }
    if let Some(p) = name.find(" (") {
        name = &name[..p];
    }
    let mut name = name.trim_end_matches(['.', ',', ';', ' ']);
    for tail in COPYRIGHT_TAILS {
        let cut = name.len().saturating_sub(tail.len());
        if cut > 0
            && name
                .get(cut..)
                .is_some_and(|t| t.eq_ignore_ascii_case(tail))
        {
            name = name[..cut].trim_end_matches(['.', ',', ';', ' ']);
        }
    }
    // "© Reuters 2019": a year after the name.
    while let Some((head, last)) = name.rsplit_once(' ') {
        let last = last.trim_matches([',', '.']);
        if last.is_empty()
            || !last
                .split(['-', '–'])
                .all(|y| dates::find_year(y).is_some())
        {
            break;
        }
        name = head.trim_end_matches(['.', ',', ';', ' ']);
    }
    let words = name.split_whitespace().count();
    let capitalised = name
        .chars()
        .next()
        .is_some_and(|c| c.is_uppercase() || c.is_ascii_digit());
    (capitalised && (1..=8).contains(&words)).then(|| name.to_string())
}

/// Authors named in a wire credit line ("Reporting by Jane Doe and John Roe; Editing by Sam Poe").
fn credit_line_authors(line: &Line) -> Option<Vec<String>> {
    if line.words > BYLINE_MAX_WORDS * 2 {
        return None;
    }
    let bare = line.lower.trim_end_matches(['.', ')', ' ']);
    if CREDIT_LINE_SUFFIXES.iter().any(|s| bare.ends_with(s)) {
        // "… writer Aya Batrawy in Dubai contributed to this report": a credit, but its names are not the
        // article's authors.
        return Some(Vec::new());
    }
    if !line.prefixes.has(PrefixTable::CreditLine) {
        return None;
    }
    let inner = line
        .text
        .trim_start_matches('(')
        .trim_end_matches([')', '.']);
    let mut authors = Vec::new();
    for clause in inner.split(';') {
        let clause = clause.trim();
        let lower = clause.to_lowercase();
        let Some(credit) = AUTHOR_CREDITS.iter().find(|c| lower.starts_with(*c)) else {
            continue;
        };
        let names = clause.get(credit.len()..).unwrap_or("");
        authors.extend(
            byline_parts(names)
                .filter(|p| looks_like_name(p))
                .map(str::to_string),
        );
    }
    Some(authors)
}

fn is_caption(line: &Line) -> bool {
    if line.words > CAPTION_MAX_WORDS {
        return false;
    }
    line.prefixes.has(PrefixTable::Caption)
        || PhraseIndex::get().has_credit_marker(line.text)
        || has_credit_parenthesis(line.lower.as_str())
}

/// Whether the line ends with a parenthesised credit: "… (Army photo by Staff Sgt. Jacob Connor)".
fn has_credit_parenthesis(lower: &str) -> bool {
    let body = lower.trim_end_matches(['.', ' ']);
    let Some(inner) = body.strip_suffix([')', ']']) else {
        return false;
    };
    let Some(open) = inner.rfind(['(', '[']) else {
        return false;
    };
    let inner = &inner[open + 1..];
    let words = inner.split_whitespace().count();
    words <= CREDIT_PARENTHESIS_MAX_WORDS
        && inner
            .split(|c: char| !c.is_alphanumeric())
            .any(|w| CREDIT_PARENTHESIS_WORDS.contains(&w))
}

fn is_link_or_prompt(line: &Line) -> bool {
    let lower = line.lower.as_str();
    if REPORTING_WORDS.iter().any(|w| lower.contains(w)) {
        return false;
    }
    (line.words <= LINK_LINE_MAX_WORDS && line.prefixes.has(PrefixTable::LinkLine))
        || PhraseIndex::get().prompt_rule_fires(lower, line.words)
}

/// Authors of a byline ("By Jane Doe and John Roe, Reuters", "Jane Doe | Staff Writer"), or `None` if the line
/// is not one. A line without a "By" prefix must name an affiliation as well as a person.
fn byline_authors(line: &Line) -> Option<Vec<String>> {
    if line.words > BYLINE_MAX_WORDS || line.text.ends_with(['.', '?', '!', '"', '”']) {
        return None;
    }
    let prefix = line
        .prefixes
        .has(PrefixTable::Byline)
        .then(|| BYLINE_PREFIXES.iter().find(|p| line.lower.starts_with(*p)))
        .flatten();
    // Cheap rejections first: names carry no digits, and a byline without "By" separates name and affiliation.
    let separated = line
        .text
        .contains([',', ';', '&', '|', '/', '•', '·', '-', '—'])
        || line.text.contains(" and ");
    if line.text.bytes().any(|b| b.is_ascii_digit()) || (prefix.is_none() && !separated) {
        return None;
    }
    let rest = match prefix {
        // Prefixes are ASCII, so their length is a boundary in the original text too when it starts the same.
        Some(p) => line.text.get(p.len()..)?,
        None => line.text,
    };
    // Every word of a byline is capitalised (or punctuation), a name particle, or a word of an affiliation.
    let index = PhraseIndex::get();
    let plausible = rest.split_whitespace().all(|w| {
        w.chars().next().is_some_and(|c| !c.is_lowercase())
            || index.is_byline_lowercase_word(w.trim_end_matches([',', ';', ':', '.']))
    });
    if !plausible {
        return None;
    }
    let mut names = Vec::new();
    let mut affiliations = 0;
    for part in byline_parts(rest) {
        let lower = part.to_lowercase();
        // "for Reuters", "Special to The Times": a role phrase naming an organisation, capitalised.
        let role = BYLINE_AFFILIATION_PREFIXES.iter().any(|p| {
            lower.starts_with(p)
                && part
                    .get(p.len()..)
                    .and_then(|r| r.chars().next())
                    .is_some_and(char::is_uppercase)
        });
        // "JOSEPH KRAUSS Associated Press": a name run into its affiliation, no comma between.
        let trailing = BYLINE_AFFILIATIONS.iter().find_map(|a| {
            let cut = lower.len().checked_sub(a.len() + 1)?;
            let tail = lower.get(cut..)?;
            (tail.starts_with(' ') && &tail[1..] == *a)
                .then(|| part.get(..cut))
                .flatten()
        });
        if BYLINE_AFFILIATIONS.contains(&lower.as_str()) {
            affiliations += 1;
        } else if role && prefix.is_some() {
            // Role phrases only count after "By": unprefixed, "… WITH DOLLAR" is just capitals.
            affiliations += 1;
        } else if let Some(name) = trailing.filter(|n| looks_like_name(n)) {
            names.push(name.to_string());
            affiliations += 1;
        } else if looks_like_name(part) {
            names.push(part.to_string());
        } else {
            return None;
        }
    }
    let enough = if prefix.is_some() {
        !names.is_empty() || affiliations > 0
    } else {
        !names.is_empty() && affiliations > 0
    };
    enough.then_some(names)
}

/// The parts of a byline: names and affiliations separated by commas, "and", "&", bars or slashes; a filing place
/// ("Jane Doe in Beirut") is dropped.
fn byline_parts(text: &str) -> impl Iterator<Item = &str> {
    text.split([',', ';', '|', '&', '/', '•', '·'])
        .flat_map(|p| p.split(" and "))
        .flat_map(|p| p.split(" - "))
        .flat_map(|p| p.split(" — "))
        .map(|p| {
            let p = p.trim().trim_end_matches(['.', ':']).trim();
            match p.find(BYLINE_PLACE_SEPARATOR) {
                Some(i) => p[..i].trim(),
                None => p,
            }
        })
        .filter(|p| !p.is_empty())
}

/// A person's name: two to five capitalised words (particles like "al" or "van" allowed), none a calendar word.
fn looks_like_name(part: &str) -> bool {
    let mut capitalised = 0;
    for word in part.split_whitespace() {
        let lower = word.to_lowercase();
        if NAME_PARTICLES.contains(&lower.as_str())
            && word.chars().next().is_some_and(char::is_lowercase)
        {
            continue;
        }
        let bare = lower.trim_end_matches('.');
        let shaped = word.chars().next().is_some_and(char::is_uppercase)
            && word
                .chars()
                .all(|c| c.is_alphabetic() || matches!(c, '.' | '-' | '\'' | '’'));
        if !shaped
            || NOT_NAME_WORDS.contains(&bare)
            || WEEKDAYS.contains(&bare)
            || dyad_model::date::MONTH_NAMES.contains(&bare)
        {
            return false;
        }
        capitalised += 1;
    }
    (NAME_MIN_WORDS..=NAME_MAX_WORDS).contains(&capitalised)
}

/// A line that is only a date stamp: a date and words like "Published", "Updated", times and zones.
fn date_stamp(line: &Line) -> Option<FoundDate> {
    if line.words > DATE_STAMP_MAX_WORDS || !line.text.bytes().any(|b| b.is_ascii_digit()) {
        return None;
    }
    let date = dates::find_date(line.text)?;
    let only_stamp = dates::words(&line.lower).enumerate().all(|(i, w)| {
        (date.words.0..date.words.1).contains(&i)
            || w.is_empty()
            || DATE_STAMP_WORDS.contains(&w)
            || WEEKDAYS.contains(&w)
            || w.chars().all(|c| c.is_ascii_digit() || c == ':')
    });
    only_stamp.then_some(date)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kind(line: &str) -> LineKind {
        classify(line)
    }

    #[test]
    fn furniture_and_prompts_are_dropped() {
        for line in [
            "Navigation",
            "Share this article:",
            "Join our brand new verified AMN Telegram channel and get important news uncensored!",
            "Follow us on Twitter for the latest updates",
            "Subscribe to our newsletter to get the news in your inbox",
            "Sign up for free to read unlimited articles",
            "Read more: Iran rejects Russian demand",
            "Related: Syria's southern front",
            "Share on Facebook",
            "We use cookies to improve your experience. By using this site you accept our cookie policy.",
            "Support independent journalism today",
            "Story continues below advertisement",
        ] {
            assert_eq!(kind(line), LineKind::Furniture, "{line}");
        }
    }

    #[test]
    fn decoration_is_dropped() {
        for line in [
            "  • \u{a0}",
            "*",
            "-",
            "———",
            "----",
            "***",
            "* * *",
            "|",
            "…",
        ] {
            assert_eq!(kind(line), LineKind::Decoration, "{line:?}");
        }
    }

    #[test]
    fn captions_and_credits_are_recognised() {
        for line in [
            "Maghaweir al Thowra conducts a security patrol near At Tanf, Syria. (Army photo by Staff Sgt. Jacob Connor)",
            "Photo: Syrian troops in Daraa",
            "File photo of the Kremlin",
            "A man walks past rubble in Douma, Syria, April 16, 2018. REUTERS/Ali Hashisho",
            "Protesters gather in Tehran. (AP Photo/Vahid Salemi)",
            "Lavrov speaks in Moscow. AFP via Getty Images",
            "Soldiers patrol the border (File)",
            "Image credit: Ministry of Defence",
        ] {
            assert_eq!(kind(line), LineKind::Caption, "{line}");
        }
    }

    #[test]
    fn syndication_and_copyright_lines_name_the_outlet() {
        assert_eq!(
            kind("© 2018 Arab News (Jeddah, Saudi Arabia)"),
            LineKind::Syndication {
                outlet: Some("Arab News".into())
            }
        );
        assert_eq!(
            kind("Copyright 2019 The Associated Press. All rights reserved. This material may not be published, broadcast, rewritten or redistributed."),
            LineKind::Syndication {
                outlet: Some("The Associated Press".into())
            }
        );
        assert_eq!(
            kind("(c) 2017-2018 Example Daily, All rights reserved"),
            LineKind::Syndication {
                outlet: Some("Example Daily".into())
            }
        );
        assert_eq!(
            kind("Distributed by\u{a0}Tribune Content Agency, LLC."),
            LineKind::Syndication { outlet: None }
        );
        assert_eq!(
            kind("This article was originally published on The Conversation."),
            LineKind::Syndication { outlet: None }
        );
        assert_eq!(
            kind("All rights reserved."),
            LineKind::Syndication { outlet: None }
        );
        assert_eq!(
            kind("Reuter"),
            LineKind::Signoff {
                outlet: Some("Reuters")
            }
        );
    }

    #[test]
    fn bylines_and_credit_lines_give_authors() {
        let names = |v: &[&str]| LineKind::Byline(v.iter().map(|s| s.to_string()).collect());
        assert_eq!(
            kind("By Jane Doe and John Roe, Reuters"),
            names(&["Jane Doe", "John Roe"])
        );
        assert_eq!(
            kind("By ALI AL-MANSOUR in Beirut"),
            names(&["ALI AL-MANSOUR"])
        );
        assert_eq!(
            kind("Maria Tsvetkova, Reuters"),
            names(&["Maria Tsvetkova"])
        );
        assert_eq!(kind("By Reuters Staff"), names(&[]));
        assert_eq!(
            kind("(Reporting by Suleiman Al-Khalidi; Additional reporting by Dan Williams; Editing by Sam Poe)"),
            names(&["Suleiman Al-Khalidi"])
        );
        assert_eq!(
            kind("Writing by Tom Perry; Editing by Giles Elgood"),
            names(&["Tom Perry"])
        );
        // Prose that merely starts with "By".
        assert_eq!(kind("By Tuesday, the army had withdrawn."), LineKind::Body);
        assert_eq!(kind("By Tuesday Morning"), LineKind::Body);
        assert_eq!(kind("Israel and Jordan"), LineKind::Body);
        assert_eq!(kind("Texas Instruments, for example"), LineKind::Body);
        assert_eq!(
            kind("By JOSEPH KRAUSS Associated Press"),
            names(&["JOSEPH KRAUSS"])
        );
        assert_eq!(
            kind("Associated Press writer Aya Batrawy in Dubai contributed to this report."),
            names(&[])
        );
        assert_eq!(
            kind("By Jane Doe, Special to The Times"),
            names(&["Jane Doe"])
        );
        assert_eq!(
            kind("MAXIMUM PRICES, IN PESOS PER KILO, WITH DOLLAR"),
            LineKind::Body
        );
    }

    #[test]
    fn date_stamps_and_body_lines() {
        assert!(matches!(
            kind("Published: May 3, 2018 10:02 GMT"),
            LineKind::DateStamp(_)
        ));
        assert!(matches!(kind("Updated 2018-05-03"), LineKind::DateStamp(_)));
        assert!(matches!(
            kind("Tuesday, June 5, 2018"),
            LineKind::DateStamp(_)
        ));
        for line in [
            "Get your militia out of southern Syria, Russia’s Lavrov tells Iran",
            "Russian Foreign Minister Sergei Lavrov, said on Monday only Syrian army troops should be on the country’s southern border.",
            "The parties met on May 3, 2018 in Amman.",
            "Oil prices rose 3.5 percent, Reuters reported.",
            "The photo agency said it would share the images.",
            "“Join our fight,” the group said on its Telegram channel.",
            "Getty Images, the photo agency, reported higher sales for the quarter as demand for stock images rose.",
        ] {
            assert_eq!(kind(line), LineKind::Body, "{line}");
        }
    }
}
