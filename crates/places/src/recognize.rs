//! Toponym recognition: place names found in text by their gazetteer names, on word boundaries, with byte spans.
//!
//! Words are runs of letters and digits. From every capitalised word the recogniser looks up the text of the next
//! one to [`MAX_NAME_WORDS`] words (and a trailing full stop, for "U.S." and "Calif.") in the gazetteer's name
//! index, longest first — a hash probe per window instead of an automaton over 600,000 names, which keeps the
//! embedded gazetteer cheap to load. Each match is then judged in context (a second pass over the document, so
//! one decision covers every mention of a name): persons ("Jordan Peterson", "President Paris"), organisations
//! ("Washington Post"), stop words, and small places with no locative word, qualifier or nearby region fall away.
//! Document evidence counts both ways: a name once shown to be a person's (a title, a first name, a kinship noun or
//! an age before it, a middle initial, an age or a role after it) is a person's throughout, unless a locative word introduces it; a
//! dateline in capitals ("TORRINGTON —") vouches for the town's name elsewhere. Some places are found by shape
//! alone: streets and natural features, names listed before a plural place noun ("Lakeview and Harrison streets"),
//! a legislator's home town ("R-Marshall"), and, known to the gazetteer or not, a name after a settlement's noun
//! and "of" ("the village of Prisi") or after a person's age and "of" ("Watson, 30, of Ten Mile"), or before
//! "area" ("the Hardeetown area").

use std::borrow::Cow;
use std::collections::{HashMap, HashSet};

type FxBuild = std::hash::BuildHasherDefault<crate::gazetteer::FxHasher>;
type WordSet = HashSet<&'static str, FxBuild>;

use crate::gazetteer::{Gazetteer, NameRef};
use crate::hints::*;

/// What kind of words name the place.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MentionKind {
    /// A gazetteer name ("Daraa", "United States"), or a settlement's name the gazetteer lacks, found after "the
    /// village of" and the like (no candidates).
    Name,
    /// An adjective or people-form of a country standing for the place ("the Syrian border").
    Demonym,
    /// An adjective or people-form of a country kept because the caller asked for them
    /// ([`FindOptions::adjectival`]); it may denote people or a government rather than the place.
    Adjectival,
    /// A street or road ("Main St.", "Dublin Road"), found by its shape; no gazetteer entry. Numbered roads
    /// ("Highway 19") are found but not reported: they run for miles.
    Street,
    /// A river, lake, mountain range, island or park ("Neches River", "Lake Titicaca"), found by its shape; no
    /// gazetteer entry.
    Feature,
}

/// A place mention.
#[derive(Debug, Clone, PartialEq)]
pub struct Toponym {
    /// Byte span into the text.
    pub start: usize,
    pub end: usize,
    pub kind: MentionKind,
    /// A direction word before the name ("southern" in "southern Syria"), outside the span.
    pub qualifier: Option<String>,
    /// Gazetteer entries the name may mean.
    pub candidates: Vec<NameRef>,
}

impl Toponym {
    /// The mention's text.
    pub fn text<'t>(&self, text: &'t str) -> &'t str {
        text.get(self.start..self.end).unwrap_or("")
    }
}

/// Recognition switches.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct FindOptions {
    /// Also report every demonym ("American", "Israelis") as a mention of its country, as annotation schemes such as
    /// LGL's do. Off, a demonym counts only where it means the place ("the Syrian border").
    pub adjectival: bool,
    /// Also report a union of countries ("European Union", "EU") as a place, as LGL's annotators mark it. Off, it
    /// is an organisation (an actor, for event data), not a place.
    pub unions: bool,
}

#[derive(Debug, Clone, Copy)]
struct Word {
    start: usize,
    end: usize,
}

/// Words of a text: runs of alphanumeric characters, with byte spans.
fn words(text: &str) -> Vec<Word> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, c) in text.char_indices() {
        if c.is_alphanumeric() {
            if start.is_none() {
                start = Some(i);
            }
        } else if let Some(s) = start.take() {
            out.push(Word { start: s, end: i });
        }
    }
    if let Some(s) = start {
        out.push(Word {
            start: s,
            end: text.len(),
        });
    }
    out
}

/// `w` in lowercase, borrowed when it already is (most words before a name: "in", "of", "the").
fn lowercase(w: &str) -> Cow<'_, str> {
    if w.bytes().all(|b| b.is_ascii() && !b.is_ascii_uppercase()) {
        Cow::Borrowed(w)
    } else {
        Cow::Owned(w.to_lowercase())
    }
}

fn capitalised(w: &str) -> bool {
    w.chars().next().is_some_and(char::is_uppercase)
}

struct Tables {
    demonyms: HashMap<&'static str, &'static str, FxBuild>,
    place_nouns: WordSet,
    directions: WordSet,
    locatives: WordSet,
    titles: WordSet,
    first_names: WordSet,
    organisation_words: WordSet,
    stop_names: WordSet,
    stop_after_locative: WordSet,
    speech_verbs: WordSet,
    street_words: WordSet,
    name_suffixes: WordSet,
    feature_words: WordSet,
    feature_prefixes: WordSet,
    road_prefixes: WordSet,
    organisation_heads: WordSet,
    organisation_prefixes: WordSet,
    disease_words: WordSet,
    place_head_nouns: WordSet,
    event_heads: WordSet,
    kinship: WordSet,
}

impl Tables {
    fn new() -> Tables {
        let demonyms = DEMONYMS_TSV
            .lines()
            .filter(|l| !l.starts_with('#') && !l.is_empty())
            .filter_map(|l| l.split_once('\t'))
            .collect();
        Tables {
            demonyms,
            place_nouns: DEMONYM_PLACE_NOUNS.iter().copied().collect(),
            directions: DIRECTION_WORDS.iter().copied().collect(),
            locatives: LOCATIVE_WORDS.iter().copied().collect(),
            titles: PERSON_TITLES.iter().copied().collect(),
            first_names: FIRST_NAMES.iter().copied().collect(),
            organisation_words: ORGANISATION_WORDS.iter().copied().collect(),
            stop_names: STOP_NAMES.iter().copied().collect(),
            stop_after_locative: STOP_NAMES_PLACE_AFTER_LOCATIVE.iter().copied().collect(),
            speech_verbs: SPEECH_VERBS.iter().copied().collect(),
            street_words: STREET_WORDS.iter().copied().collect(),
            name_suffixes: NAME_SUFFIXES.iter().copied().collect(),
            feature_words: FEATURE_WORDS.iter().copied().collect(),
            feature_prefixes: FEATURE_PREFIXES.iter().copied().collect(),
            road_prefixes: ROAD_PREFIXES.iter().copied().collect(),
            organisation_heads: ORGANISATION_HEADS.iter().copied().collect(),
            organisation_prefixes: ORGANISATION_PREFIXES.iter().copied().collect(),
            disease_words: DISEASE_WORDS.iter().copied().collect(),
            place_head_nouns: PLACE_HEAD_NOUNS.iter().copied().collect(),
            event_heads: EVENT_HEADS.iter().copied().collect(),
            kinship: KINSHIP_WORDS.iter().copied().collect(),
        }
    }
}

/// The recogniser: the gazetteer and the compiled word tables.
pub struct Recognizer<'g> {
    gazetteer: &'g Gazetteer,
    tables: Tables,
}

/// A gazetteer match before the context decides.
struct Match {
    start: usize,
    end: usize,
    first_word: usize,
    last_word: usize,
    candidates: Vec<NameRef>,
    demonym: Option<u16>,
    /// Matched in capitals ("BEIRUT"), which only a dateline's punctuation makes a place.
    capitals: bool,
    /// A street or a natural feature found by its shape, not in the gazetteer.
    feature: Option<MentionKind>,
}

impl<'g> Recognizer<'g> {
    pub fn new(gazetteer: &'g Gazetteer) -> Recognizer<'g> {
        Recognizer {
            gazetteer,
            tables: Tables::new(),
        }
    }

    pub fn gazetteer(&self) -> &'g Gazetteer {
        self.gazetteer
    }

    /// Place mentions in `text`, in text order, spans never overlapping.
    pub fn find(&self, text: &str, options: FindOptions) -> Vec<Toponym> {
        self.find_with_starts(text, &[], options)
    }

    /// As [`Recognizer::find`], with the byte offsets where sentences start (sorted), as a sentence splitter found
    /// them: a headline without a full stop still ends before the body.
    pub fn find_with_starts(
        &self,
        text: &str,
        sentence_starts: &[usize],
        options: FindOptions,
    ) -> Vec<Toponym> {
        let ws = words(text);
        let mut initial: Vec<bool> = (0..ws.len())
            .map(|i| Self::sentence_initial(text, &ws, i))
            .collect();
        for (i, w) in ws.iter().enumerate() {
            // The first word at or after a sentence's start.
            let start = sentence_starts.partition_point(|&s| s <= w.start);
            if start > 0 {
                let s = sentence_starts[start - 1];
                let before = text.get(s..w.start).unwrap_or("");
                if !before.chars().any(char::is_alphanumeric) {
                    initial[i] = true;
                }
            }
        }
        let matches = self.matches(text, &ws);
        self.judge(text, &ws, &initial, matches, options)
    }

    /// The mention a caller marks at `start..end` (a gold span, a span another stage found), if the gazetteer or
    /// the demonym table knows its text; `None` for spans off character boundaries.
    pub fn toponym_at(&self, text: &str, start: usize, end: usize) -> Option<Toponym> {
        let s = text.get(start..end)?;
        let g = self.gazetteer;
        let mut candidates = g.lookup(s).to_vec();
        let mut kind = MentionKind::Name;
        if candidates.is_empty() {
            let iso2 = self.tables.demonyms.get(s)?;
            let c = g.country_by_iso2(iso2)?;
            candidates.push(NameRef {
                place: g.countries()[c as usize].place,
                primary: true,
            });
            kind = MentionKind::Adjectival;
        }
        Some(Toponym {
            start,
            end,
            kind,
            qualifier: None,
            candidates,
        })
    }

    fn matches(&self, text: &str, ws: &[Word]) -> Vec<Match> {
        let g = self.gazetteer;
        let max_words = MAX_NAME_WORDS.min(g.max_name_words()).max(1);
        let mut out = Vec::new();
        let mut i = 0;
        while i < ws.len() {
            let w = &text[ws[i].start..ws[i].end];
            if !capitalised(w) {
                i += 1;
                continue;
            }
            let feature = self.feature_at(text, ws, i);
            let mut found = None;
            // Windows run over capitalised words and the small words inside names ("Bay of Bengal", "Rio de
            // Janeiro"), across spaces, hyphens, apostrophes and full stops; not across a comma: "Washington, D.C."
            // is two places, a city and what holds it, as "Paris, Texas" is.
            let mut last = i + 1;
            while last < ws.len() && last < i + max_words {
                let gap = &text[ws[last - 1].end..ws[last].start];
                let next = &text[ws[last].start..ws[last].end];
                let gap_ok = gap.len() <= 3
                    && gap
                        .chars()
                        .all(|c| matches!(c, ' ' | '-' | '.' | '\'' | '\u{2019}'));
                let elided = gap.ends_with(['\'', '\u{2019}']) && next.len() <= 2; // "People's", "Côte d'Ivoire"
                if !gap_ok || !(capitalised(next) || elided || NAME_CONNECTORS.contains(&next)) {
                    break;
                }
                last += 1;
            }
            'len: for j in (i..last).rev() {
                // Names never run over a sentence or clause break.
                let span_text = &text[ws[i].start..ws[j].end];
                if span_text.contains(['\n', ';', '(', ')', '"', ':']) {
                    continue;
                }
                let dot = ws[j].end - ws[j].start <= MAX_ABBREVIATION_BYTES
                    && text[ws[j].end..].starts_with('.');
                let tries: [Option<usize>; 2] = [dot.then_some(ws[j].end + 1), Some(ws[j].end)];
                for end in tries.into_iter().flatten() {
                    let s = &text[ws[i].start..end];
                    let refs = g.lookup(s);
                    if !refs.is_empty() {
                        found = Some((j, end, refs.to_vec(), None, false));
                        break 'len;
                    }
                    // Datelines in capitals: "CHARLESTON, W.Va. —".
                    if s.len() >= MIN_CAPITALS_NAME_BYTES && is_all_caps(s) {
                        let refs = g.lookup(&title_case(s));
                        if !refs.is_empty() {
                            found = Some((j, end, refs.to_vec(), None, true));
                            break 'len;
                        }
                    }
                    if j == i || j == i + 1 {
                        if let Some(&iso2) = self.tables.demonyms.get(s) {
                            if let Some(c) = g.country_by_iso2(iso2) {
                                let place = g.countries()[c as usize].place;
                                found = Some((
                                    j,
                                    end,
                                    vec![NameRef {
                                        place,
                                        primary: true,
                                    }],
                                    Some(c),
                                    false,
                                ));
                                break 'len;
                            }
                        }
                    }
                }
            }
            // A street or feature longer than the gazetteer's name wins ("Dublin Road"); else the gazetteer does
            // ("Prince Edward Island", "Newport Beach").
            if let Some((j, end, kind)) = feature {
                if found.as_ref().is_none_or(|f| f.1 < end) {
                    out.push(Match {
                        start: ws[i].start,
                        end,
                        first_word: i,
                        last_word: j,
                        candidates: Vec::new(),
                        demonym: None,
                        capitals: false,
                        feature: Some(kind),
                    });
                    i = j + 1;
                    continue;
                }
            }
            match found {
                Some((mut j, mut end, candidates, demonym, capitals)) => {
                    // "Jackson Township": a civil township takes its town's name; the word is part of the name.
                    if demonym.is_none()
                        && end == ws[j].end
                        && ws.get(j + 1).is_some_and(|n| {
                            &text[end..n.start] == " "
                                && ADMIN_SUFFIXES.contains(&&text[n.start..n.end])
                        })
                    {
                        j += 1;
                        end = ws[j].end;
                    }
                    // "Phila. officer charged": a short name's full stop before a lowercase word closes an
                    // abbreviation, not a sentence.
                    if demonym.is_none()
                        && end == ws[j].end
                        && ws[j].end - ws[j].start <= MAX_ABBREVIATION_BYTES
                        && text[end..]
                            .strip_prefix(". ")
                            .is_some_and(|r| r.starts_with(char::is_lowercase))
                    {
                        end += 1;
                    }
                    out.push(Match {
                        start: ws[i].start,
                        end,
                        first_word: i,
                        last_word: j,
                        candidates,
                        demonym,
                        capitals,
                        feature: None,
                    });
                    i = j + 1;
                }
                None => i += 1,
            }
        }
        out
    }

    /// A street ("Main St.", "Highway 19", "Dublin Road") or a natural feature ("Neches River", "Lake Titicaca")
    /// starting at word `i`: capitalised words closed by a street or feature word, or opened by a feature word.
    fn feature_at(&self, text: &str, ws: &[Word], i: usize) -> Option<(usize, usize, MentionKind)> {
        let t = &self.tables;
        let w = |k: usize| Self::word(text, ws, k);
        let joined = |k: usize| {
            ws.get(k + 1)
                .is_some_and(|n| text[ws[k].end..n.start] == *" ")
        };
        let first = w(i);
        if text[ws[i].end..].starts_with('-') && PARTY_MARKERS.contains(&first) {
            return None; // "R-Elbow Lake"
        }
        // "1200 E. Broad St.", "S. Clinton Avenue": an abbreviated direction opens the street's name.
        if DIRECTION_ABBREVIATIONS.contains(&first)
            && ws
                .get(i + 1)
                .is_some_and(|n| text[ws[i].end..n.start] == *". ")
        {
            return self
                .feature_at(text, ws, i + 1)
                .filter(|f| f.2 == MentionKind::Street);
        }
        // "North Street", "Bridge Street": a stop word names a street when a street word follows it.
        // "Old Lexington Road", "Valley View Boulevard", "Spring Mountain Road": a qualifier, or any capitalised
        // word inside a sentence, opens a street's name that closes within a few words.
        let street_later = || {
            joined(i)
                && capitalised(w(i + 1))
                && (i + 2..=i + MAX_FEATURE_NAME_WORDS)
                    .take_while(|&k| joined(k - 1) && capitalised(w(k)))
                    .any(|k| t.street_words.contains(w(k)))
        };
        let street_next = || {
            joined(i) && t.street_words.contains(w(i + 1)) && first.len() >= 3
                || street_later()
                    && (STREET_QUALIFIERS.contains(&first)
                        || !FUNCTION_WORDS.contains(&first) && !Self::sentence_initial(text, ws, i))
        };
        // "Big Draft Wilderness", "Zion National Park": likewise a capitalised word inside a sentence opens a
        // feature's name that closes within a few words.
        // Not when the capitalised words run on past the feature word ("Anne Park Harlan", "District Sea
        // Cadets") or it is a compound's first part ("a Jordan Valley-style clinic").
        let feature_later = || {
            // Most words before which no capitalised word follows fall away here, at the cheapest test.
            if !(joined(i) && capitalised(w(i + 1))) {
                return false;
            }
            if FUNCTION_WORDS.contains(&first)
                || DATE_WORDS.contains(&first)
                || Self::sentence_initial(text, ws, i)
            {
                return false;
            }
            let Some(mut k) = (i + 1..=i + MAX_FEATURE_NAME_WORDS)
                .take_while(|&k| joined(k - 1) && capitalised(w(k)))
                .find(|&k| t.feature_words.contains(w(k)))
            else {
                return false;
            };
            while joined(k) && capitalised(w(k + 1)) {
                if t.feature_words.contains(w(k + 1)) {
                    k += 1;
                } else if joined(k + 1) && t.feature_words.contains(w(k + 2)) {
                    k += 2;
                } else {
                    return false;
                }
            }
            !text[ws[k].end..].starts_with('-')
        };
        if (t.stop_names.contains(first) && !t.feature_prefixes.contains(first)
            || t.first_names.contains(first))
            && !street_next()
            && !feature_later()
        {
            return None;
        }
        // "Highway 19", "Interstate 45", "County Road 225".
        if t.road_prefixes.contains(first) && !text[..ws[i].start].ends_with('$') {
            let mut k = i;
            if first == "County" || first == "State" {
                if w(k + 1) != "Road" && w(k + 1) != "Route" || !joined(k) {
                    return None;
                }
                k += 1;
            }
            if joined(k) && w(k + 1).chars().all(|c| c.is_ascii_digit()) && !w(k + 1).is_empty() {
                return Some((k + 1, ws[k + 1].end, MentionKind::Street));
            }
            return None;
        }
        // "Lake Titicaca", "Mount Kenya".
        if t.feature_prefixes.contains(first)
            && joined(i)
            && capitalised(w(i + 1))
            && !t.stop_names.contains(w(i + 1))
        {
            let mut k = i + 1;
            while k < i + 3
                && joined(k)
                && capitalised(w(k + 1))
                && !t.stop_names.contains(w(k + 1))
            {
                k += 1;
            }
            return Some((k, ws[k].end, MentionKind::Feature));
        }
        // "Main Street", "Neches River", "Smoky Mountains", "Hyland-Croy Road", "Governors' Parkway".
        let linked = |k: usize| {
            ws.get(k + 1).is_some_and(|n| {
                matches!(&text[ws[k].end..n.start], " " | "-" | "' " | "\u{2019} ")
            })
        };
        let mut k = i;
        while k < i + MAX_FEATURE_NAME_WORDS {
            if !linked(k) {
                return None;
            }
            let next = w(k + 1);
            if !capitalised(next) {
                return None;
            }
            if t.street_words.contains(next) {
                // "The St Ives", "South St. Paul": "St" before a place's name is "Saint" ("Broad St. Lanier said"
                // is a street).
                if next == "St"
                    && ws.get(k + 2).is_some_and(|n| {
                        matches!(&text[ws[k + 1].end..n.start], " " | ". ")
                            && !self
                                .gazetteer
                                .lookup(&text[ws[k + 1].start..n.end])
                                .is_empty()
                    })
                {
                    return None;
                }
                let mut end = ws[k + 1].end;
                if text[end..].starts_with('.') && STREET_ABBREVIATIONS.contains(&next) {
                    end += 1;
                }
                return Some((k + 1, end, MentionKind::Street));
            }
            if t.feature_words.contains(next) {
                // "Greenbrier River Valley", "Otter Creek Wilderness", "Spring Mountain Road": the name runs on
                // over further feature or street words.
                let mut last = k + 1;
                while joined(last) && last < k + 1 + MAX_FEATURE_NAME_WORDS {
                    let more = w(last + 1);
                    if t.street_words.contains(more) {
                        let mut end = ws[last + 1].end;
                        if text[end..].starts_with('.') && STREET_ABBREVIATIONS.contains(&more) {
                            end += 1;
                        }
                        return Some((last + 1, end, MentionKind::Street));
                    }
                    if !t.feature_words.contains(more) {
                        // "Rocky Mountain National Park": one capitalised word, then a feature word.
                        if capitalised(more)
                            && joined(last + 1)
                            && t.feature_words.contains(w(last + 2))
                        {
                            last += 2;
                            continue;
                        }
                        break;
                    }
                    last += 1;
                }
                return Some((last, ws[last].end, MentionKind::Feature));
            }
            k += 1;
        }
        None
    }

    fn word<'t>(text: &'t str, ws: &[Word], i: usize) -> &'t str {
        ws.get(i).map_or("", |w| &text[w.start..w.end])
    }

    /// The sentence starts right before word `i`.
    fn sentence_initial(text: &str, ws: &[Word], i: usize) -> bool {
        let before =
            text[..ws[i].start].trim_end_matches([' ', '"', '\'', '\u{201c}', '\u{2018}', '(']);
        before.is_empty() || before.ends_with(['.', '!', '?', '\n', ':'])
    }

    fn judge(
        &self,
        text: &str,
        ws: &[Word],
        initial: &[bool],
        matches: Vec<Match>,
        options: FindOptions,
    ) -> Vec<Toponym> {
        let g = self.gazetteer;
        let t = &self.tables;
        // Document evidence: names seen as persons, admin1 regions named with confidence.
        let mut persons: HashSet<&str, FxBuild> = HashSet::default();
        let mut regions: HashSet<(u16, &str), FxBuild> = HashSet::default();
        let mut datelines: HashSet<String, FxBuild> = HashSet::default();
        let mut previous_person: Option<usize> = None;
        let mut schools: Vec<&str> = Vec::new();
        let mut towns: HashSet<&str, FxBuild> = HashSet::default();
        for m in &matches {
            let s = &text[m.start..m.end];
            if m.capitals && Self::capitals_dateline(text, ws, initial, m) {
                datelines.insert(title_case(s));
            }
            let prev = Self::word(text, ws, m.first_word.wrapping_sub(1));
            let prev_is_first_name = m.first_word > 0
                && t.first_names.contains(prev)
                && text[ws[m.first_word - 1].end..m.start] == *" ";
            let prev_is_title = m.first_word > 0 && t.titles.contains(prev);
            // "Jason Terrell Jones": a name right after a person's name goes on with it.
            let after_person =
                previous_person.is_some_and(|end| text.get(end..m.start) == Some(" "));
            if m.demonym.is_none()
                && m.feature.is_none()
                && (prev_is_title
                    || prev_is_first_name
                    || after_person
                    || followed_by_age(&text[m.end..])
                    || aged_before(text, ws, m)
                    || self.person_context(text, ws, m))
            {
                persons.insert(s);
                previous_person = Some(m.end);
            } else {
                previous_person = None;
                // "Franklin Elementary", "Lee Academy": a school of this kind named with one word, a town's below
                // a city's size, is named after a person, and the name means the school throughout the story ("a
                // teacher at Franklin"; "Glen Carbon Elementary" is the town's), unless the story also writes "a
                // Franklin man".
                let head = ws
                    .get(m.last_word + 1)
                    .filter(|w| text[m.end..w.start] == *" ");
                let head = head.map_or("", |w| &text[w.start..w.end]);
                if m.demonym.is_none() && m.feature.is_none() && m.first_word == m.last_word {
                    if PERSON_NAMED_SCHOOL_HEADS.contains(&head)
                        && self.strength(m) < Strength::Strong
                    {
                        schools.push(s);
                    } else if t.place_head_nouns.contains(head) {
                        towns.insert(s);
                    }
                }
            }
            for r in &m.candidates {
                let p = g.place(r.place);
                if r.primary && p.feature_code == "ADM1" {
                    regions.insert((p.country, p.admin1.as_str()));
                }
            }
        }
        persons.extend(schools.into_iter().filter(|s| !towns.contains(s)));
        // Each match gets a verdict; names left undecided for want of evidence are settled at the end by the rest
        // of the document (one sense per discourse, lists of places).
        let evidence = DocumentEvidence {
            persons,
            regions,
            datelines,
            common_words: Default::default(),
        };
        let mut verdicts: Vec<Verdict> = Vec::with_capacity(matches.len());
        for k in 0..matches.len() {
            verdicts.push(self.verdict(text, ws, initial, &matches, k, &evidence, options));
        }
        // A dateline in capitals counts for the name as written elsewhere ("CLINTON —", "Clinton couple").
        let accepted: HashSet<Cow<str>, FxBuild> = matches
            .iter()
            .zip(&verdicts)
            .filter(|(m, v)| {
                matches!(v, Verdict::Accept(MentionKind::Name, _)) && m.demonym.is_none()
            })
            .map(|(m, _)| {
                let s = &text[m.start..m.end];
                if m.capitals {
                    Cow::Owned(title_case(s))
                } else {
                    Cow::Borrowed(s)
                }
            })
            .collect();
        // Forward, then backward, so that a list settles from an accepted name on either side ("including
        // Harwinton, Bantam, Litchfield").
        let n = matches.len();
        for k in (0..n).chain((0..n).rev()) {
            if verdicts[k] != Verdict::Undecided {
                continue;
            }
            let m = &matches[k];
            let listed = |o: usize, gap: Option<&str>| {
                matches!(verdicts[o], Verdict::Accept(MentionKind::Name, _))
                    && matches!(
                        gap.unwrap_or("").trim(),
                        "," | "and" | ", and" | "or" | ", or"
                    )
            };
            let before = k > 0 && listed(k - 1, text.get(matches[k - 1].end..m.start));
            let after =
                k + 1 < matches.len() && listed(k + 1, text.get(m.end..matches[k + 1].start));
            if accepted.contains(&text[m.start..m.end]) || before || after {
                verdicts[k] = Verdict::Accept(MentionKind::Name, self.qualifier(text, ws, m));
            }
        }
        // "Meadow Grove", "Southland Vista", "Lee Rashid", "Trenton Kuta": two names of places below a city's size
        // side by side (a space between) are one name the gazetteer lacks — a town, an estate, a person — not two
        // places; when only one of them passed, the other must not be a stop name or an institution's word
        // ("Carthage Police"), nor the first a sentence's first word or in a headline's capitals.
        for k in 1..matches.len() {
            let (a, b) = (&matches[k - 1], &matches[k]);
            let plain = |m: &Match| m.feature.is_none() && m.demonym.is_none() && !m.capitals;
            let accepted = |v: &Verdict| matches!(v, Verdict::Accept(MentionKind::Name, _));
            if plain(a)
                && plain(b)
                && (accepted(&verdicts[k - 1]) && accepted(&verdicts[k])
                    || [a, b].iter().all(|m| {
                        let w = &text[m.start..m.end];
                        !t.stop_names.contains(w)
                            && !is_institution_word(w)
                            && !LOCAL_INSTITUTION_HEADS.contains(&w)
                    }) && !initial[a.first_word]
                        && !title_case_run(text, ws, a.first_word, b.last_word))
                && text[a.end..b.start] == *" "
                && self.strength(a) < Strength::Strong
                && self.strength(b) < Strength::Strong
            {
                verdicts[k - 1] = Verdict::Reject;
                verdicts[k] = Verdict::Reject;
            }
        }
        let mut out: Vec<Toponym> = matches
            .into_iter()
            .zip(verdicts)
            .filter_map(|(m, v)| match v {
                Verdict::Accept(kind, qualifier) => Some(Toponym {
                    // "Al-Minya", "El-Arish": a capitalised article opens the place's name.
                    start: match m.first_word.checked_sub(1) {
                        Some(p)
                            if kind == MentionKind::Name
                                && text[ws[p].end..m.start] == *"-"
                                && PLACE_ARTICLES.contains(&&text[ws[p].start..ws[p].end]) =>
                        {
                            ws[p].start
                        }
                        _ => m.start,
                    },
                    end: m.end,
                    kind,
                    qualifier,
                    candidates: m.candidates,
                }),
                _ => None,
            })
            .collect();
        self.add_plural_head_lists(text, ws, &mut out);
        self.add_settlements_of(text, ws, &mut out);
        self.add_named_areas(text, ws, &mut out);
        out
    }

    /// "the Hardeetown area of Chiefland", "a Silverado Ranch neighborhood", "the Tennessee Colony area": one to
    /// [`MAX_FEATURE_NAME_WORDS`] capitalised words between an article (or "in") and "area" or "neighborhood" name
    /// a place, whether or not the gazetteer knows it — not a group's ("a Shiite area", [`GROUP_ADJECTIVES`]), a
    /// day's, or a direction's or prefix's before a place found ("the North Texas area" keeps "Texas"). A place
    /// found inside the words ("Tennessee" in "Tennessee Colony") gives way to the whole.
    fn add_named_areas(&self, text: &str, ws: &[Word], out: &mut Vec<Toponym>) {
        let t = &self.tables;
        let mut changed = false;
        let bytes = text.as_bytes();
        for h in 2..ws.len() {
            // Every head opens with a lowercase 'a' or 'n': most words fall away on their first byte.
            if !matches!(bytes[ws[h].start], b'a' | b'n') {
                continue;
            }
            let head = Self::word(text, ws, h);
            if !AREA_HEADS.contains(&head) || text[ws[h - 1].end..ws[h].start] != *" " {
                continue;
            }
            let mut first = h;
            while first > 0
                && h - first < MAX_FEATURE_NAME_WORDS
                && text[ws[first - 1].end..ws[first].start] == *" "
                && capitalised(Self::word(text, ws, first - 1))
            {
                first -= 1;
            }
            if first == h || first == 0 || text[ws[first - 1].end..ws[first].start] != *" " {
                continue;
            }
            if !matches!(Self::word(text, ws, first - 1), "the" | "a" | "an" | "in") {
                continue;
            }
            let run: Vec<&str> = (first..h).map(|k| Self::word(text, ws, k)).collect();
            if run.iter().any(|w| {
                is_all_caps(w)
                    || FUNCTION_WORDS.contains(w)
                    || DATE_WORDS.contains(w)
                    || GROUP_ADJECTIVES.contains(w)
                    || t.demonyms.contains_key(w)
            }) {
                continue;
            }
            let (start, end) = (ws[first].start, ws[h - 1].end);
            let inside: Vec<usize> = (0..out.len())
                .filter(|&k| out[k].start < end && start < out[k].end)
                .collect();
            match inside.as_slice() {
                [] => {}
                [k] if out[*k].start >= start
                    && out[*k].end <= end
                    && (out[*k].start, out[*k].end) != (start, end)
                    && out[*k].kind == MentionKind::Name
                    && !run.iter().any(|w| {
                        t.directions.contains(lowercase(w).as_ref()) || PLACE_PREFIXES.contains(w)
                    }) =>
                {
                    out.remove(*k);
                }
                _ => continue,
            }
            out.push(self.found_by_shape(text, start, end));
            changed = true;
        }
        if changed {
            out.sort_by_key(|t| t.start);
        }
    }

    /// A name found by its shape rather than by the gazetteer: a plain name mention with the gazetteer's entries
    /// for it, if any.
    fn found_by_shape(&self, text: &str, start: usize, end: usize) -> Toponym {
        Toponym {
            start,
            end,
            kind: MentionKind::Name,
            qualifier: None,
            candidates: self.gazetteer.lookup(&text[start..end]).to_vec(),
        }
    }

    /// "the town of Akuressa", "the villages of Nuli and Avnevi", "the island of Tortola": a capitalised name after
    /// a settlement's or a division's noun and "of" is a place of that kind, whether or not the gazetteer knows it
    /// (it lacks most villages); so is the name after a person's age and "of" ("Jeremy Watson, 30, of Ten Mile",
    /// "Jimmy Delaney (23) of Cahir"), where the person lives. One to [`MAX_FEATURE_NAME_WORDS`] capitalised words, a list after a plural noun;
    /// not a possessive ("the district of Angola's …") nor a day or a month. Adds those not found yet, with the
    /// gazetteer's entries for the name when it has some, keeping `out` in text order.
    fn add_settlements_of(&self, text: &str, ws: &[Word], out: &mut Vec<Toponym>) {
        let mut added = false;
        let bytes = text.as_bytes();
        for of in 1..ws.len() {
            if bytes[ws[of].start..ws[of].end] != *b"of" {
                continue;
            }
            let after_head = text[ws[of - 1].end..ws[of].start] == *" "
                && SETTLEMENT_OF_HEADS.contains(&Self::word(text, ws, of - 1));
            if !after_head && !aged_of(&text[..ws[of].start]) {
                continue;
            }
            let plural = Self::word(text, ws, of - 1).ends_with('s');
            if ws
                .get(of + 1)
                .is_none_or(|w| text[ws[of].end..w.start] != *" ")
            {
                continue;
            }
            let mut k = of + 1;
            while k < ws.len() {
                // One name: capitalised words joined by single spaces or hyphens.
                let first = k;
                let mut last = k;
                while last + 1 < ws.len()
                    && last + 1 < first + MAX_FEATURE_NAME_WORDS
                    && matches!(&text[ws[last].end..ws[last + 1].start], " " | "-")
                    && capitalised(Self::word(text, ws, last + 1))
                {
                    last += 1;
                }
                let name_ok = (first..=last).all(|i| {
                    let w = Self::word(text, ws, i);
                    capitalised(w)
                        && !is_all_caps(w)
                        && !FUNCTION_WORDS.contains(&w)
                        && !DATE_WORDS.contains(&w)
                });
                let (start, end) = (ws[first].start, ws[last].end);
                let after = &text[end..];
                let possessive = after.starts_with("'s")
                    || after.starts_with('\u{2019}')
                    || after.starts_with('\'');
                let runs_on = ws.get(last + 1).is_some_and(|n| {
                    text[end..n.start] == *" " && capitalised(&text[n.start..n.end])
                });
                if !name_ok || possessive || runs_on {
                    break;
                }
                if !out.iter().any(|t| t.start < end && start < t.end) {
                    out.push(self.found_by_shape(text, start, end));
                    added = true;
                }
                // "the villages of Nuli and Avnevi", "the towns of Ein, Yabad and Qabatiya".
                if !plural {
                    break;
                }
                k = last + 1;
                let gap = ws.get(k).map_or("", |n| &text[end..n.start]);
                let conjunction = matches!(Self::word(text, ws, k), "and" | "or");
                match gap {
                    ", " | " " if conjunction => {
                        k += 1;
                        if ws
                            .get(k)
                            .is_none_or(|w| text[ws[k - 1].end..w.start] != *" ")
                        {
                            break;
                        }
                    }
                    ", " => {}
                    _ => break,
                }
            }
        }
        if added {
            out.sort_by_key(|t| t.start);
        }
    }

    /// "Lakeview and Harrison streets", "Dakota, Otoe and Washington counties": the names listed before a plural
    /// place noun are each a place of that kind, whatever the gazetteer says of them alone. Adds those not found
    /// yet (a county with its "X County" entry, a street or river without one), keeping `out` in text order.
    fn add_plural_head_lists(&self, text: &str, ws: &[Word], out: &mut Vec<Toponym>) {
        let g = self.gazetteer;
        let mut added = false;
        for (h, head) in ws.iter().enumerate() {
            let word = &text[head.start..head.end];
            if h == 0 || !word.ends_with('s') {
                continue; // every head is a plural in -s
            }
            let Some(&(_, kind)) = PLURAL_PLACE_HEADS
                .iter()
                .find(|(w, _)| w.eq_ignore_ascii_case(word))
            else {
                continue;
            };
            // Walk back over "X, Y and Z": one capitalised word per item.
            let mut items: Vec<usize> = Vec::new();
            let mut k = h;
            while k > 0 {
                let item = k - 1;
                let gap = &text[ws[item].end..ws[k].start];
                let sep_ok = if items.is_empty() {
                    gap == " "
                } else {
                    matches!(gap, ", " | " ")
                };
                if !sep_ok || !capitalised(&text[ws[item].start..ws[item].end]) {
                    break;
                }
                items.push(item);
                // The separator before this item: ", ", " and ", ", and ".
                if item == 0 {
                    break;
                }
                let before = &text[ws[item - 1].end..ws[item].start];
                let prev = Self::word(text, ws, item - 1);
                if before == ", " {
                    k = item;
                    continue;
                }
                if (prev == "and" || prev == "or") && item >= 2 {
                    let gap2 = &text[ws[item - 2].end..ws[item - 1].start];
                    if matches!(gap2, " " | ", ") && before == " " {
                        k = item - 1;
                        continue;
                    }
                }
                break;
            }
            // A list needs two items at least ("Culver and Charter streets"); one name before the noun is a name
            // of its own ("High Streets").
            if items.len() < 2 {
                continue;
            }
            for &i in &items {
                let (start, end) = (ws[i].start, ws[i].end);
                if out.iter().any(|t| t.start < end && start < t.end) {
                    continue;
                }
                let (kind, candidates) = match kind {
                    PluralHead::County => {
                        let refs = g.lookup(&format!("{} County", &text[start..end]));
                        if refs.is_empty() {
                            continue;
                        }
                        (MentionKind::Name, refs.to_vec())
                    }
                    PluralHead::Street => (MentionKind::Street, Vec::new()),
                    PluralHead::Feature => (MentionKind::Feature, Vec::new()),
                };
                out.push(Toponym {
                    start,
                    end,
                    kind,
                    qualifier: None,
                    candidates,
                });
                added = true;
            }
        }
        if added {
            out.sort_by_key(|t| t.start);
        }
    }

    /// Context that makes a name a person's wherever it appears in the document: a kinship noun before it ("her
    /// daughter, Brittany", "son Bryan"), a middle initial after it ("Milton J. Little"), or an age after the rest
    /// of the name ("Nikki Lynn Barlow, 18,"). (A relative "who" is no sign: "Jones of Roswell, who …".)
    fn person_context(&self, text: &str, ws: &[Word], m: &Match) -> bool {
        let t = &self.tables;
        let prev = lowercase(Self::word(text, ws, m.first_word.wrapping_sub(1)));
        if m.first_word > 0
            && matches!(&text[ws[m.first_word - 1].end..m.start], " " | ", ")
            && t.kinship.contains(prev.as_ref())
        {
            return true;
        }
        if self.name_chain_before(text, ws, m.first_word) {
            return true;
        }
        let after = &text[m.end..];
        let mut initial = after.chars();
        if initial.next() == Some(' ')
            && initial.next().is_some_and(char::is_uppercase)
            && initial.next() == Some('.')
            && initial.next() == Some(' ')
            && initial.next().is_some_and(char::is_uppercase)
        {
            return true;
        }
        // The rest of the name (up to two capitalised words), then an age or a role ("Allison Martin, spokeswoman
        // for", "Clayton, founder of").
        let mut k = m.last_word;
        for n in 0..3 {
            if n > 0 {
                match ws.get(k + 1) {
                    Some(w)
                        if &text[ws[k].end..w.start] == " "
                            && capitalised(&text[w.start..w.end]) =>
                    {
                        k += 1
                    }
                    _ => break,
                }
            }
            let after = &text[ws[k].end..];
            // "Sen. Max Baucus of Montana, the chairman": the role is the person's before the place.
            let introduced = prev == "of" || t.locatives.contains(prev.as_ref());
            if n > 0 && followed_by_age(after) || !introduced && followed_by_role(after) {
                return true;
            }
        }
        false
    }

    /// The words before word `i` open a person's name that `i` ends: a title or a first name, then one or two
    /// given names, initials or a quoted nickname ("Gov. Deval Patrick", "Rep. Harold “Hal” Rogers", "Eileen
    /// Cassidy Rivera", "Pattie A. Clay").
    fn name_chain_before(&self, text: &str, ws: &[Word], i: usize) -> bool {
        let t = &self.tables;
        let mut k = i;
        let mut saw_initial = false;
        for step in 0..MAX_NAME_CHAIN_WORDS {
            if k == 0 {
                return false;
            }
            let w = Self::word(text, ws, k - 1);
            let gap = &text[ws[k - 1].end..ws[k].start];
            let initial = w.len() == 1 && w.chars().all(|c| c.is_ascii_uppercase());
            let gap_ok = match gap {
                " " => true,
                ". " => initial || t.titles.contains(w),
                " \u{201c}" | "\u{201d} " | " \"" | "\" " => true,
                _ => false,
            };
            if !gap_ok || !capitalised(w) {
                return false;
            }
            k -= 1;
            // "John F. Kennedy", "Pattie A. Clay": a given name and a middle initial.
            if step > 0 && (t.titles.contains(w) || t.first_names.contains(w) || saw_initial) {
                return true;
            }
            if t.titles.contains(w) || !initial && t.stop_names.contains(w) {
                return false;
            }
            saw_initial = initial && gap == ". ";
        }
        false
    }

    /// A person's name or age ends right before word `of` ("Rebecca Sears, 41, of", "Jimmy Delaney (23) of",
    /// "Gary Breidenstine Sr. of", "Mindy Miller of"): the "of" gives where the person lives.
    fn person_before(&self, text: &str, ws: &[Word], of: usize) -> bool {
        let before = text[..ws[of].start].trim_end_matches(' ');
        let before = before.strip_suffix(',').unwrap_or(before);
        let before = before.strip_suffix(')').unwrap_or(before);
        let digits = before.len() - before.trim_end_matches(|c: char| c.is_ascii_digit()).len();
        if (1..=3).contains(&digits) {
            let rest = &before[..before.len() - digits];
            return rest.ends_with(", ") || rest.ends_with('(');
        }
        // "Jr. of", "Miller of" after a first name ("Mindy Miller of").
        if of < 2 || text[ws[of - 1].end..ws[of].start].trim_start_matches('.') != " " {
            return false;
        }
        let surname = Self::word(text, ws, of - 1);
        let first = Self::word(text, ws, of - 2);
        self.tables.name_suffixes.contains(surname)
            || capitalised(surname)
                && text[ws[of - 2].end..ws[of - 1].start] == *" "
                && self.tables.first_names.contains(first)
    }

    /// Word `of` follows a noun for a place or part of one: "the city of", "outskirts of", "north of", "residents
    /// of".
    fn place_of(&self, text: &str, ws: &[Word], of: usize) -> bool {
        of > 0
            && text[ws[of - 1].end..ws[of].start] == *" "
            && PLACE_OF_HEADS.contains(&Self::word(text, ws, of - 1))
    }

    fn qualifier(&self, text: &str, ws: &[Word], m: &Match) -> Option<String> {
        let prev = lowercase(Self::word(text, ws, m.first_word.wrapping_sub(1)));
        (m.first_word > 0 && self.tables.directions.contains(prev.as_ref()))
            .then(|| prev.into_owned())
    }

    /// "TORRINGTON — A fire …", "BYESVILLE -- Firefighters …", "March 29, 2009 PATASKALA -- City officials",
    /// "NEWARK  It was …": a name in capitals closed by a dash (or a wide space before a capital) and opening a
    /// sentence, or standing alone among words that are not capitals, is the story's dateline, however small the town.
    fn capitals_dateline(text: &str, ws: &[Word], initials: &[bool], m: &Match) -> bool {
        let after = &text[m.end..];
        let dashed = after.trim_start_matches(' ').starts_with(DATELINE_DASHES);
        let wide = after.starts_with("  ") && after.trim_start().starts_with(char::is_uppercase);
        let prev = Self::word(text, ws, m.first_word.wrapping_sub(1));
        let alone = !prev.is_empty() && !prev.chars().any(char::is_uppercase);
        initials[m.first_word] && (dashed || wide) || alone && dashed
    }

    #[allow(clippy::too_many_arguments)]
    fn verdict<'t>(
        &self,
        text: &'t str,
        ws: &[Word],
        initials: &[bool],
        matches: &[Match],
        k: usize,
        evidence: &DocumentEvidence<'t>,
        options: FindOptions,
    ) -> Verdict {
        let DocumentEvidence {
            persons,
            regions,
            datelines,
            common_words,
        } = evidence;
        let g = self.gazetteer;
        let t = &self.tables;
        let m = &matches[k];
        let s = &text[m.start..m.end];
        let prev = Self::word(text, ws, m.first_word.wrapping_sub(1));
        let prev_lower = lowercase(prev);
        let next = Self::word(text, ws, m.last_word + 1);
        let next2 = Self::word(text, ws, m.last_word + 2);
        let gap_after = ws
            .get(m.last_word + 1)
            .map_or("", |w| &text[m.end.min(w.start)..w.start]);
        let next_joined = gap_after == " ";
        // "in Clinton April 4", "in Alexandria Friday night": a date after a name does not go on with it.
        let next_cap = next_joined && capitalised(next) && !DATE_WORDS.contains(&next);
        let prev_joined = m.first_word > 0 && text[ws[m.first_word - 1].end..m.start] == *" ";
        let prev_hyphen = m.first_word > 0 && text[..m.start].ends_with('-');
        let initial = initials[m.first_word];
        let qualifier = self.qualifier(text, ws, m);
        if let Some(kind) = m.feature {
            // "Highway 19", "Interstate 64", "County Road 225": a numbered road runs for miles across a county or a
            // state, so it gives no point to place anything at (LGL's annotators marked fewer than half of them).
            let numbered_road = kind == MentionKind::Street
                && t.road_prefixes.contains(Self::word(text, ws, m.first_word))
                && Self::word(text, ws, m.last_word)
                    .bytes()
                    .all(|b| b.is_ascii_digit());
            if numbered_road {
                return Verdict::Reject;
            }
            // "Rigdon Road Elementary School", "Spring Valley Mall": the street or feature names a building.
            if next_joined && NAMED_BUILDING_HEADS.contains(&next) {
                return Verdict::Reject;
            }
            return Verdict::Accept(kind, qualifier);
        }
        if m.demonym.is_some() {
            // "Syrian-Jordanian border": skip joined demonyms to the noun.
            let mut n = m.last_word + 1;
            while ws.get(n).is_some_and(|w| {
                t.demonyms.contains_key(&text[w.start..w.end])
                    && matches!(text[ws[n - 1].end..w.start].trim(), "-" | "\u{2013}" | "/")
            }) {
                n += 1;
            }
            let noun = lowercase(Self::word(text, ws, n));
            if t.place_nouns.contains(noun.as_ref()) {
                return Verdict::Accept(MentionKind::Demonym, qualifier);
            }
            // Adjectival forms as places where the caller's scheme wants them, but not inside names ("American
            // Airlines", "African-American") or as surnames ("Monica French", "French said").
            let prev_demonym = t.demonyms.contains_key(prev);
            let in_name = prev_hyphen && !prev_demonym
                || prev_joined
                    && capitalised(prev)
                    && !initial
                    && !prev_demonym
                    && !t.stop_names.contains(prev)
                    && !t.titles.contains(prev);
            // "Italian food", "Irish pub": a cuisine or a culture, not the country.
            let culture = CULTURE_NOUNS.contains(&noun.as_ref());
            // "American Airlines", "the American Heart Association", "French Immersion School": the adjective opens
            // a company's or an association's name.
            let company = (m.last_word + 1..m.last_word + 1 + MAX_COMPANY_NAME_WORDS)
                .take_while(|&k| {
                    ws.get(k).is_some_and(|w| {
                        text[ws[k - 1].end..w.start] == *" " && capitalised(&text[w.start..w.end])
                    })
                })
                .any(|k| COMPANY_HEADS.contains(&Self::word(text, ws, k)));
            if options.adjectival
                && !in_name
                && !culture
                && !company
                && !t.speech_verbs.contains(next)
            {
                return Verdict::Accept(MentionKind::Adjectival, qualifier);
            }
            return Verdict::Reject;
        }
        // "the EU", "European Union": a union of countries is a place only in schemes that say so.
        if !m.candidates.is_empty()
            && m.candidates
                .iter()
                .all(|r| g.place(r.place).feature_code == UNION_FEATURE_CODE)
        {
            return if options.unions {
                Verdict::Accept(MentionKind::Name, qualifier)
            } else {
                Verdict::Reject
            };
        }
        // "Marty Seifert, R-Marshall", "(D-Calif.)": a legislator's party and home town.
        if party_hometown(&text[..m.start]) {
            return Verdict::Accept(MentionKind::Name, qualifier);
        }
        // "al-Sadr", "ibn-Saud", "Hospital-Siena": a name joined by a hyphen to a lowercase Arabic article, or a
        // city's joined to a capitalised word that is no place, is part of a longer name ("Athens-Clarke",
        // "EU-Israel", "D-W. Va.", "Mid-Michigan" stay; "Al-Minya" is the place, article and all: see `judge`).
        if prev_hyphen
            && !PLACE_ARTICLES.contains(&prev)
            && (NAME_ARTICLES.contains(&prev)
                || capitalised(prev)
                    && !is_all_caps(prev)
                    && prev.len() > 1
                    && g.lookup(prev).is_empty()
                    && !t.demonyms.contains_key(prev)
                    && !t.directions.contains(prev_lower.as_ref())
                    && !PLACE_PREFIXES.contains(&prev)
                    && m.candidates
                        .iter()
                        .all(|r| g.place(r.place).feature_class == 'P'))
        {
            return Verdict::Reject;
        }
        // A name the document uses for a person elsewhere is still the place after a locative word ("'Mr.
        // Arlington' … the Sports Center in Arlington").
        let after_locative = m.first_word > 0
            && !initial
            && (t.locatives.contains(prev_lower.as_ref())
                || prev == "of" && self.place_of(text, ws, m.first_word - 1));
        if persons.contains(s) && !(after_locative && self.strength(m) == Strength::Strong) {
            return Verdict::Reject;
        }
        if m.capitals {
            if Self::capitals_dateline(text, ws, initials, m) {
                return Verdict::Accept(MentionKind::Name, qualifier);
            }
            if !text[m.end..]
                .trim_start_matches(' ')
                .starts_with(DATELINE_MARKS)
            {
                return Verdict::Reject;
            }
        }
        let strength = self.strength(m);
        let next_is_place = !g.lookup(next).is_empty();
        let next_institution = is_institution_word(next);
        // "US$1.19", "$US 15 billion": a currency.
        if text[m.end..].starts_with('$') || text[..m.start].ends_with('$') {
            return Verdict::Reject;
        }
        if next_cap && t.street_words.contains(next) {
            return Verdict::Reject; // "Dublin Road"
        }
        if next_cap && t.organisation_words.contains(next) {
            return Verdict::Reject; // "Washington Post"
        }
        // "Luc van den Brande", "Dennis van Engelsdorp": a given name before a surname's particle.
        if next_joined && SURNAME_PARTICLES.contains(&next) && {
            let mut k = m.last_word + 2;
            while SURNAME_PARTICLES.contains(&Self::word(text, ws, k)) {
                k += 1;
            }
            ws.get(k).is_some_and(|w| {
                text[ws[k - 1].end..w.start] == *" " && capitalised(&text[w.start..w.end])
            })
        } {
            return Verdict::Reject;
        }
        // "Jordan Peterson", "David Mills": a first name before a capitalised word that ends the name ("George
        // Bush Jr" too), unless the words run on as an institution's name ("Georgia Modular Systems").
        let next2_cap = ws
            .get(m.last_word + 2)
            .is_some_and(|w| text[ws[m.last_word + 1].end..w.start] == *" ")
            && capitalised(next2)
            && !t.name_suffixes.contains(next2);
        if t.first_names.contains(s)
            && next_cap
            && !next_institution
            && (strength < Strength::Strong || !next2_cap)
        {
            return Verdict::Reject;
        }
        // "St. Patrick's Day", "Gulf War": a holiday or a war named after the place (a country's war stays: "Iraq
        // War").
        let after_possessive = text[m.end..]
            .strip_prefix("'s ")
            .or_else(|| text[m.end..].strip_prefix("\u{2019}s "));
        let head = match after_possessive {
            Some(rest) => rest
                .split(|c: char| !c.is_alphanumeric())
                .next()
                .unwrap_or(""),
            None if next_joined => next,
            None => "",
        };
        if t.event_heads.contains(head)
            && !m
                .candidates
                .iter()
                .any(|r| g.place(r.place).feature_code == "PCLI")
        {
            return Verdict::Reject;
        }
        // "Radio Pyongyang": an organisation named after the place.
        if prev_joined && t.organisation_prefixes.contains(prev) {
            return Verdict::Reject;
        }
        // "West Nile virus", "Reston ebolavirus": a disease named after the place.
        if t.disease_words.contains(next) || text[..m.start].ends_with("Ebola-") || prev == "Ebola"
        {
            return Verdict::Reject;
        }
        // "Council of Europe", "Bank of America": an organisation named after the place (a country's own name
        // stays, as in its central bank: "Bank of Canada").
        if m.first_word >= 2
            && prev_lower == "of"
            && t.organisation_heads
                .contains(Self::word(text, ws, m.first_word - 2))
            && !m
                .candidates
                .iter()
                .any(|r| r.primary && g.place(r.place).feature_code == "PCLI")
        {
            return Verdict::Reject;
        }
        // "Dale Crandall", "Seth Pettry": a small place's name before a capitalised word.
        if strength < Strength::Strong
            && next_cap
            && !next_is_place
            && !next_institution
            && !t.stop_names.contains(next)
        {
            return Verdict::Reject;
        }
        // "Dale Crandall" seen from "Crandall": a capitalised given name before a small place's name.
        if strength < Strength::Strong
            && prev_joined
            && capitalised(prev)
            && !initials[m.first_word - 1]
            && (g.lookup(prev).is_empty() || t.first_names.contains(prev))
            && !t.stop_names.contains(prev)
            && !t.directions.contains(prev_lower.as_ref())
        {
            return Verdict::Reject;
        }
        // "Tanya Rodriguez", "Lonnie Jackson Academy", "Palmetto Health Richland": a capitalised word that is no
        // place before even a city's name (not a country's or a region's) makes the name a person's or an
        // organisation's, outside a headline's capitals ("Missing Lancaster girl").
        if prev_joined
            && capitalised(prev)
            && !initials[m.first_word - 1]
            && !is_all_caps(prev)
            && !t.stop_names.contains(prev)
            && !t.titles.contains(prev)
            && !t.directions.contains(prev_lower.as_ref())
            && !DATE_WORDS.contains(&prev)
            && !PLACE_PREFIXES.contains(&prev)
            && !is_institution_word(prev)
            && m.candidates
                .iter()
                .all(|r| g.place(r.place).feature_class == 'P')
            && (g.lookup(prev).is_empty() || t.first_names.contains(prev))
            && !title_case_run(text, ws, m.first_word, m.last_word)
        {
            return Verdict::Reject;
        }
        // "said Allen", "Allen said" (but "officials in Clinton said": a locative word makes it the place).
        let head_noun = next_joined && t.place_head_nouns.contains(next);
        let residence = prev == "of" && self.person_before(text, ws, m.first_word - 1);
        if strength < Strength::Strong
            && !next_institution
            && !after_locative
            && !head_noun
            && !residence
            && (t.speech_verbs.contains(next) || t.speech_verbs.contains(prev))
        {
            return Verdict::Reject;
        }
        let locative = m.first_word > 0 && t.locatives.contains(prev_lower.as_ref()) && !initial
            || m.first_word > 0 && t.directions.contains(prev_lower.as_ref())
            || residence
            || after_locative
            || residence_after_age(&text[..m.start])
            || text[m.end..].starts_with("-based");
        let qualified = self.qualified(text, ws, m, matches, k);
        // A stop name the story's dateline names is the place ("CLINTON — …", "Clinton couple").
        let stop_name_kept =
            qualified || locative && t.stop_after_locative.contains(s) || datelines.contains(s);
        if t.stop_names.contains(s) && !stop_name_kept {
            return Verdict::Reject;
        }
        let in_named_region = m.candidates.iter().any(|r| {
            let p = g.place(r.place);
            p.feature_class == 'P' && regions.contains(&(p.country, p.admin1.as_str()))
        });
        let multiword = m.last_word > m.first_word;
        // At a sentence's start a town's name needs more: a verb or noun after it ("Winchester was denied"),
        // an institution ("Clinton Police"), not a capitalised word.
        let initial_ok = !initial
            || next_joined_capital(next, next_joined)
            || next_joined && !capitalised(next) && !t.first_names.contains(s);
        // "St. Mary's High School", "St. Michael's pupils", "St. John's Health System": a saint's name in the
        // possessive names a church, school or hospital, not a small place.
        let possessive = s.ends_with("'s")
            || s.ends_with("\u{2019}s")
            || text[m.end..].starts_with("'s")
            || text[m.end..].starts_with("\u{2019}s");
        if strength < Strength::Strong && possessive && SAINT_WORDS.iter().any(|w| s.starts_with(w))
        {
            return Verdict::Reject;
        }
        // "Lot No. 15", "Section 2AA", "Loop 286": a small place's name before a number is a numbered thing (not
        // before a count: "return to Earth 13 days later").
        let counted = next2.ends_with('s') && next2.starts_with(char::is_lowercase);
        if strength < Strength::Strong
            && next_joined
            && (next.starts_with(|c: char| c.is_ascii_digit()) && !counted
                || next == "No" && text[ws[m.last_word + 1].end..].starts_with('.'))
        {
            return Verdict::Reject;
        }
        // "Lee Academy", "Story Elementary", "Smith College": a school or hall is often named after a person; a
        // small place's name before one is the place only if the document names the place elsewhere.
        if strength < Strength::Strong && next_joined && NAMED_BUILDING_HEADS.contains(&next) {
            return Verdict::Undecided;
        }
        // "the Beer Board", "Vice Mayor", "Story Elementary": a small place's one-word name that the story also
        // writes in lowercase as a common word is that word, unless a locative word or a region vouches for it.
        if strength < Strength::Strong
            && m.first_word == m.last_word
            && !locative
            && !qualified
            && *common_words
                .borrow_mut()
                .entry(s)
                .or_insert_with(|| used_as_common_word(text, s))
        {
            return Verdict::Reject;
        }
        // "a Chapin man", "the Lindsay area", "Litchfield Fire Chief": a local-news head after the name.
        let institution_after = next_joined && LOCAL_INSTITUTION_HEADS.contains(&next);
        let accept = qualified
            || head_noun
            || institution_after
            || strength == Strength::Strong
            || strength == Strength::Medium && initial_ok
            || locative
            || in_named_region && !initial
            || multiword && !initial;
        if accept {
            Verdict::Accept(MentionKind::Name, qualifier)
        } else {
            Verdict::Undecided
        }
    }

    /// How much a name is a place on its own: a country, region or large city is; a small town's name needs context.
    fn strength(&self, m: &Match) -> Strength {
        let g = self.gazetteer;
        let mut best = Strength::Weak;
        for r in &m.candidates {
            let p = g.place(r.place);
            let small_region = p.feature_code == "ADM1" && p.population < STRONG_ADMIN1_POPULATION;
            let s = if p.feature_class != 'P' && !small_region
                || r.primary && p.population >= STRONG_CITY_POPULATION
                || p.population >= STRONG_ALTERNATE_NAME_POPULATION
            {
                Strength::Strong
            } else if p.population >= SELF_EVIDENT_CITY_POPULATION && r.primary {
                Strength::Medium
            } else {
                Strength::Weak
            };
            best = best.max(s);
        }
        best
    }

    /// "Paris, Texas": the next match, after a comma, names a region or country holding a candidate.
    fn qualified(&self, text: &str, ws: &[Word], m: &Match, matches: &[Match], k: usize) -> bool {
        let _ = ws;
        let Some(n) = matches.get(k + 1) else {
            return false;
        };
        if text[m.end..n.start].trim() != "," {
            return false;
        }
        let g = self.gazetteer;
        m.candidates.iter().any(|r| {
            let p = g.place(r.place);
            n.candidates.iter().any(|q| {
                let c = g.place(q.place);
                (c.feature_code == "ADM1" && c.country == p.country && c.admin1 == p.admin1)
                    || (c.feature_code == "PCLI" && c.country == p.country)
            })
        })
    }
}

fn is_all_caps(s: &str) -> bool {
    s.chars().any(char::is_alphabetic) && !s.chars().any(char::is_lowercase)
}

/// "NEW YORK" → "New York", "BAIKONUR" → "Baikonur", "ISLE OF PALMS" → "Isle of Palms" (the small words inside
/// names, [`NAME_CONNECTORS`], in lowercase after the first word).
pub(crate) fn title_case(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut start = true;
    let mut word_start = 0;
    for c in s.chars() {
        if c.is_alphanumeric() {
            if start {
                word_start = out.len();
                out.push(c);
            } else {
                out.extend(c.to_lowercase());
            }
            start = false;
        } else {
            lower_connector(&mut out, word_start);
            out.push(c);
            start = c != '\'' && c != '\u{2019}';
        }
    }
    lower_connector(&mut out, word_start);
    out
}

/// Lowercases the word `out[from..]` when it is a connector inside a name ("Of" in "Isle Of").
fn lower_connector(out: &mut String, from: usize) {
    if from == 0 || from >= out.len() {
        return;
    }
    let word = &out[from..];
    if word.len() <= 5 && NAME_CONNECTORS.iter().any(|c| c.eq_ignore_ascii_case(word)) {
        let lower = word.to_lowercase();
        out.truncate(from);
        out.push_str(&lower);
    }
}

/// What the whole document says before each match is judged.
struct DocumentEvidence<'a> {
    /// Names seen as persons ("Mayor Clinton", "Jones, 23,").
    persons: HashSet<&'a str, FxBuild>,
    /// Admin1 regions named with confidence, as (country, admin1 code).
    regions: HashSet<(u16, &'a str), FxBuild>,
    /// Datelines' names in title case ("TORRINGTON —" gives "Torrington").
    datelines: HashSet<String, FxBuild>,
    /// Names already looked up in lowercase in the text ([`used_as_common_word`]), with the answer: a name comes
    /// back with each mention.
    common_words: std::cell::RefCell<HashMap<&'a str, bool, FxBuild>>,
}

/// What the context says of a match.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Verdict {
    Accept(MentionKind, Option<String>),
    /// A person, an organisation, a stop word.
    Reject,
    /// No evidence either way yet.
    Undecided,
}

/// How much a name is a place on its own.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Strength {
    Weak,
    Medium,
    Strong,
}

/// Most words around words `first..=last` (a name) are capitalised: a headline in title case ("Missing Lancaster
/// Girl Is Found").
fn title_case_run(text: &str, ws: &[Word], first: usize, last: usize) -> bool {
    let from = first.saturating_sub(TITLE_CASE_WINDOW);
    let to = (last + TITLE_CASE_WINDOW + 1).min(ws.len());
    let mut long = (from..to)
        .filter(|&k| k < first || k > last)
        .map(|k| &text[ws[k].start..ws[k].end])
        .filter(|w| w.len() > 3 && w.chars().all(char::is_alphabetic))
        .peekable();
    long.peek().is_some() && long.all(capitalised)
}

/// "Jeffery McDaniel, 41, Grapeland, …": a name after a person's name and age, between commas, is where the
/// person lives (as "…, 41, of Grapeland" is).
fn residence_after_age(before: &str) -> bool {
    let Some(rest) = before.strip_suffix(", ") else {
        return false;
    };
    let digits = rest.len() - rest.trim_end_matches(|c: char| c.is_ascii_digit()).len();
    (1..=3).contains(&digits)
        && rest[..rest.len() - digits]
            .strip_suffix(", ")
            .is_some_and(|r| r.rsplit(' ').next().is_some_and(capitalised))
}

fn is_institution_word(w: &str) -> bool {
    INSTITUTION_WORDS.contains(&w)
}

fn next_joined_capital(next: &str, joined: bool) -> bool {
    joined && capitalised(next) && is_institution_word(next)
}

/// The text before a name ends in a party's letter and a hyphen after a comma or a parenthesis: ", R-", "(DFL-".
fn party_hometown(before: &str) -> bool {
    let Some(rest) = before.strip_suffix('-') else {
        return false;
    };
    PARTY_MARKERS.iter().any(|p| {
        rest.strip_suffix(p)
            .is_some_and(|r| r.ends_with(", ") || r.ends_with('('))
    })
}

/// `name` (capitalised) also stands in `text` in lowercase as a whole word ("beer" for "Beer").
fn used_as_common_word(text: &str, name: &str) -> bool {
    let mut chars = name.chars();
    let Some(first) = chars.next() else {
        return false;
    };
    if !chars.clone().all(char::is_lowercase) {
        return false; // "DeKalb", "McLean": not a common word
    }
    let lower: String = first.to_lowercase().chain(chars).collect();
    let mut from = 0;
    while let Some(i) = text[from..].find(lower.as_str()) {
        let at = from + i;
        let end = at + lower.len();
        let before_ok = !text[..at]
            .chars()
            .next_back()
            .is_some_and(char::is_alphanumeric);
        let after_ok = !text[end..]
            .chars()
            .next()
            .is_some_and(char::is_alphanumeric);
        if before_ok && after_ok {
            return true;
        }
        from = end;
    }
    false
}

/// ", spokeswoman for …", ", the founder of …": a role in apposition after a name.
fn followed_by_role(after: &str) -> bool {
    let Some(rest) = after.strip_prefix(", ") else {
        return false;
    };
    let rest = ["the ", "a ", "an "]
        .iter()
        .find_map(|a| rest.strip_prefix(a))
        .unwrap_or(rest);
    let word = &rest[..rest
        .find(|c: char| !c.is_alphanumeric())
        .unwrap_or(rest.len())];
    ROLE_NOUNS.contains(&word)
}

/// "19-year-old Lutchman Chandler", "a 30-year-old Jordan Smith": the match is part of a name of two or three
/// capitalised words right after an age ("a 30-year-old Baghdad resident", "the 25-year-old New York native" are
/// a place's: one name alone).
fn aged_before(text: &str, ws: &[Word], m: &Match) -> bool {
    let joined = |k: usize| {
        ws.get(k + 1)
            .is_some_and(|n| text[ws[k].end..n.start] == *" ")
    };
    let cap = |k: usize| {
        ws.get(k)
            .is_some_and(|w| capitalised(&text[w.start..w.end]))
    };
    let mut first = m.first_word;
    while first > 0 && m.first_word - first < 2 && joined(first - 1) && cap(first - 1) {
        first -= 1;
    }
    // Not an institution's name ("25-year-old Carthage Police Officer Justin Garner").
    let next = ws
        .get(m.last_word + 1)
        .map_or("", |w| &text[w.start..w.end]);
    if joined(m.last_word) && is_institution_word(next) {
        return false;
    }
    let more_after = joined(m.last_word) && cap(m.last_word + 1);
    (first < m.first_word || more_after)
        && (text[..ws[first].start].ends_with("year-old ")
            || text[..ws[first].start].ends_with("year old "))
}

/// `before` (the text before an "of") ends in an age between commas or in parentheses: "Watson, 30, ", "Delaney (23) ".
fn aged_of(before: &str) -> bool {
    let before = before.strip_suffix(' ').unwrap_or(before);
    let Some(rest) = before
        .strip_suffix(',')
        .or_else(|| before.strip_suffix(')'))
    else {
        return false;
    };
    let digits = rest.len() - rest.trim_end_matches(|c: char| c.is_ascii_digit()).len();
    (1..=3).contains(&digits) && {
        let r = &rest[..rest.len() - digits];
        r.ends_with(", ") || r.ends_with('(')
    }
}

/// "Jones, 23, of …": a name followed by an age.
fn followed_by_age(after: &str) -> bool {
    let Some(rest) = after.strip_prefix(", ") else {
        return false;
    };
    let digits: &str = &rest[..rest.bytes().take_while(u8::is_ascii_digit).count()];
    !digits.is_empty()
        && digits.len() <= 3
        && rest[digits.len()..].starts_with(',')
        && digits.parse::<u32>().is_ok_and(|n| n <= MAX_AGE)
}

/// The dateline place at the start of a news body, as a byte span: "AMMAN - …", "BEIRUT (Reuters) - …",
/// "CHARLESTON, W.Va. — …", "NEW YORK, March 3 (AP) – …", "BEIRUT: …". The place is one to
/// [`MAX_DATELINE_WORDS`] words in capitals at the text's start (after blank space), optionally followed by ", " and
/// a region, country or date, and by an outlet in parentheses, then by a dash or a colon. Only the first place (the
/// city) is returned; the span is of the text as written, capitals and all, for [`crate::Context::dateline`].
/// `None` when the text opens otherwise. Looks at the first [`MAX_DATELINE_BYTES`] bytes only.
///
/// ```
/// use dyad_places::recognize::dateline_of;
/// let text = "BEIRUT (Reuters) - Shelling hit Daraa.";
/// let (s, e) = dateline_of(text).unwrap();
/// assert_eq!(&text[s..e], "BEIRUT");
/// assert_eq!(dateline_of("Shelling hit Daraa."), None);
/// ```
pub fn dateline_of(text: &str) -> Option<(usize, usize)> {
    let start = text.len() - text.trim_start().len();
    let head = &text[start..];
    let head = &head[..floor_boundary(head, MAX_DATELINE_BYTES)];
    // The place: words in capitals (letters, with '.', '-', '\'' inside), single spaces between.
    let mut end = 0;
    let mut words = 0;
    let mut letters = 0;
    for (i, c) in head.char_indices() {
        if c.is_uppercase() {
            letters += 1;
            end = i + c.len_utf8();
        } else if c.is_lowercase() || c.is_ascii_digit() {
            return None;
        } else if matches!(c, '.' | '-' | '\'' | '\u{2019}') && letters > 0 {
            // Inside a word ("ST. LOUIS", "WINSTON-SALEM"), or a trailing full stop ("ST.").
            if head[i + c.len_utf8()..].starts_with(char::is_uppercase)
                || c == '.' && head[i + 1..].starts_with(' ')
            {
                end = i + c.len_utf8();
            } else {
                break;
            }
        } else if c == ' ' && head[i + 1..].starts_with(char::is_uppercase) && letters > 0 {
            let next_word = head[i + 1..].split(' ').next().unwrap_or("");
            // The next word in capitals goes on with the name; one with lowercase letters starts the body.
            if next_word.chars().any(char::is_lowercase) {
                break;
            }
            words += 1;
            if words >= MAX_DATELINE_WORDS {
                return None;
            }
        } else {
            break;
        }
    }
    let place = head[..end].trim_end_matches(['.', ' ']);
    if letters < 2 || place.is_empty() {
        return None;
    }
    let mut rest = &head[place.len()..];
    // ", Jordan", ", W.Va.", ", March 3": up to the outlet or the dash, on the same line, short.
    if let Some(r) = rest.strip_prefix(", ") {
        let stop = r.find(['(', '-', '\u{2013}', '\u{2014}', ':', '\n'])?;
        if stop > MAX_DATELINE_QUALIFIER_BYTES || !r.starts_with(|c: char| c.is_uppercase()) {
            return None;
        }
        rest = &r[stop..];
    }
    rest = rest.trim_start_matches(' ');
    // "(Reuters)", "(AP)".
    if let Some(r) = rest.strip_prefix('(') {
        let close = r.find(')')?;
        if close > MAX_DATELINE_QUALIFIER_BYTES || r[..close].contains('\n') {
            return None;
        }
        rest = r[close + 1..].trim_start_matches(' ');
    }
    let dash = rest.starts_with(['-', '\u{2013}', '\u{2014}']) || rest.starts_with(':');
    dash.then_some((start, start + place.len()))
}

/// The largest char boundary of `s` at or below `at`.
fn floor_boundary(s: &str, at: usize) -> usize {
    if at >= s.len() {
        return s.len();
    }
    (0..=at).rev().find(|&i| s.is_char_boundary(i)).unwrap_or(0)
}
