//! Query parameters: read from the raw query string, checked one by one, and turned into the store's
//! [`Filter`] and paging values. Every refusal is a 400 that names the parameter; an unknown or repeated
//! parameter is refused too, so a typo never silently widens a query.

use crate::error::ApiError;
use dyad_model::date::Date;
use dyad_store::query::{Cursor, Interval, Sort, SORT_NAMES};
use dyad_store::{ExportFormat, Filter};
use std::collections::BTreeMap;

/// The longest value any parameter may have (characters).
pub const MAX_VALUE_CHARS: usize = 1000;
/// The most events one page may hold.
pub const MAX_PAGE: usize = 1000;
/// Events per page when `limit` is not given.
pub const DEFAULT_PAGE: usize = 100;

/// The filter parameters every event endpoint reads.
pub const FILTER_PARAMS: [&str; 17] = [
    "since",
    "until",
    "actor",
    "source",
    "target",
    "cameo",
    "root",
    "quad",
    "plover",
    "country",
    "bbox",
    "q",
    "claimed",
    "raw",
    "generation",
    "dyad",
    "both",
];

/// A request's parameters by name.
#[derive(Debug, Default)]
pub struct Params(BTreeMap<String, String>);

impl Params {
    /// Reads `query`, allowing the filter parameters when `filters`, and `extra`.
    pub fn parse(query: Option<&str>, filters: bool, extra: &[&str]) -> Result<Params, ApiError> {
        let mut map = BTreeMap::new();
        for (name, value) in form_urlencoded::parse(query.unwrap_or("").as_bytes()) {
            let known = (filters && FILTER_PARAMS.contains(&name.as_ref()))
                || extra.contains(&name.as_ref());
            if !known {
                let mut names: Vec<&str> = extra.to_vec();
                if filters {
                    names.extend(FILTER_PARAMS);
                }
                let shown: String = name.chars().take(40).collect();
                return Err(ApiError::parameter(
                    &shown,
                    format!(
                        "not a parameter of this endpoint (it takes: {})",
                        if names.is_empty() {
                            "none".to_string()
                        } else {
                            names.join(", ")
                        }
                    ),
                ));
            }
            if value.chars().count() > MAX_VALUE_CHARS {
                return Err(ApiError::parameter(
                    &name,
                    format!("longer than {MAX_VALUE_CHARS} characters"),
                ));
            }
            if map.insert(name.to_string(), value.to_string()).is_some() {
                return Err(ApiError::parameter(&name, "given more than once"));
            }
        }
        Ok(Params(map))
    }

    pub fn get(&self, name: &str) -> Option<&str> {
        self.0.get(name).map(String::as_str)
    }

    /// A yes/no parameter: `true` or `false` (also `1`/`0`).
    pub fn flag(&self, name: &str) -> Result<Option<bool>, ApiError> {
        self.get(name)
            .map(|v| match v {
                "true" | "1" => Ok(true),
                "false" | "0" => Ok(false),
                _ => Err(ApiError::parameter(
                    name,
                    format!("{v:?} is not true or false"),
                )),
            })
            .transpose()
    }

    /// A whole number in `range`, or `default`.
    pub fn number(
        &self,
        name: &str,
        range: std::ops::RangeInclusive<usize>,
        default: usize,
    ) -> Result<usize, ApiError> {
        match self.get(name) {
            None => Ok(default),
            Some(v) => v
                .parse::<usize>()
                .ok()
                .filter(|n| range.contains(n))
                .ok_or_else(|| {
                    ApiError::parameter(
                        name,
                        format!(
                            "{v:?} is not a whole number from {} to {}",
                            range.start(),
                            range.end()
                        ),
                    )
                }),
        }
    }

    /// `raw=true`: raw events instead of merged ones.
    pub fn raw(&self) -> Result<bool, ApiError> {
        Ok(self.flag("raw")?.unwrap_or(false))
    }

    /// The store filter the filter parameters describe.
    pub fn filter(&self) -> Result<Filter, ApiError> {
        let mut f = Filter {
            since: self.get("since").map(|v| day("since", v)).transpose()?,
            until: self.get("until").map(|v| day("until", v)).transpose()?,
            actor: self.code("actor")?,
            source: self.code("source")?,
            target: self.code("target")?,
            cameo: self
                .get("cameo")
                .map(|v| {
                    if !v.is_empty() && v.len() <= 4 && v.bytes().all(|b| b.is_ascii_digit()) {
                        Ok(v.to_string())
                    } else {
                        Err(ApiError::parameter(
                            "cameo",
                            format!("{v:?} is not a CAMEO code or prefix (1 to 4 digits)"),
                        ))
                    }
                })
                .transpose()?,
            root: self
                .get("root")
                .map(|v| match v.parse::<u8>() {
                    Ok(n @ 1..=20) if v.len() <= 2 => Ok(format!("{n:02}")),
                    _ => Err(ApiError::parameter(
                        "root",
                        format!("{v:?} is not a CAMEO root code (01 to 20)"),
                    )),
                })
                .transpose()?,
            quad_class: self
                .get("quad")
                .map(|v| match v.parse::<u8>() {
                    Ok(n @ 1..=4) if v.len() == 1 => Ok(n),
                    _ => Err(ApiError::parameter(
                        "quad",
                        format!("{v:?} is not a quad class (1 to 4)"),
                    )),
                })
                .transpose()?,
            plover: self
                .get("plover")
                .map(|v| {
                    if !v.is_empty()
                        && v.len() <= 40
                        && v.bytes().all(|b| b.is_ascii_alphabetic() || b == b'_')
                    {
                        Ok(v.to_ascii_uppercase())
                    } else {
                        Err(ApiError::parameter(
                            "plover",
                            format!("{v:?} is not a PLOVER event type (e.g. ASSAULT)"),
                        ))
                    }
                })
                .transpose()?,
            country: self
                .get("country")
                .map(|v| {
                    if v.len() == 3 && v.bytes().all(|b| b.is_ascii_alphabetic()) {
                        Ok(v.to_ascii_uppercase())
                    } else {
                        Err(ApiError::parameter(
                            "country",
                            format!("{v:?} is not an ISO 3166 alpha-3 country code (e.g. SYR)"),
                        ))
                    }
                })
                .transpose()?,
            bbox: self.get("bbox").map(bbox).transpose()?,
            text: self
                .get("q")
                .map(|v| {
                    if v.trim().is_empty() {
                        Err(ApiError::parameter("q", "empty full-text query"))
                    } else {
                        Ok(v.to_string())
                    }
                })
                .transpose()?,
            claimed: self.flag("claimed")?,
            generation: self.filter_generation()?,
            ..Filter::default()
        };
        if let Some(v) = self.get("dyad") {
            let pair = v
                .split_once(',')
                .and_then(|(a, b)| Some((actor_code(a)?, actor_code(b)?)))
                .ok_or_else(|| {
                    ApiError::parameter(
                        "dyad",
                        format!("{v:?} is not two actor codes separated by a comma (e.g. SYR,ISR)"),
                    )
                })?;
            if self.flag("both")?.unwrap_or(false) {
                f.dyad = Some(pair);
            } else {
                if f.source.is_some() || f.target.is_some() {
                    return Err(ApiError::parameter(
                        "dyad",
                        "give either dyad or source/target, not both",
                    ));
                }
                f.source = Some(pair.0);
                f.target = Some(pair.1);
            }
        } else if self.get("both").is_some() {
            self.flag("both")?;
            return Err(ApiError::parameter(
                "both",
                "only means something with dyad=A,B",
            ));
        }
        Ok(f)
    }

    /// `generation` alone (for endpoints that take no other filter).
    pub fn filter_generation(&self) -> Result<Option<i64>, ApiError> {
        self.get("generation")
            .map(|v| {
                v.parse::<i64>().ok().filter(|g| *g > 0).ok_or_else(|| {
                    ApiError::parameter(
                        "generation",
                        format!("{v:?} is not a run id (a positive whole number)"),
                    )
                })
            })
            .transpose()
    }

    fn code(&self, name: &str) -> Result<Option<String>, ApiError> {
        self.get(name)
            .map(|v| {
                actor_code(v).ok_or_else(|| {
                    ApiError::parameter(
                        name,
                        format!("{v:?} is not an actor code or prefix (letters, digits and '-', e.g. SYRGOV)"),
                    )
                })
            })
            .transpose()
    }

    /// `sort`, default `id`.
    pub fn sort(&self) -> Result<Sort, ApiError> {
        match self.get("sort") {
            None => Ok(Sort::default()),
            Some(v) => Sort::parse(v).ok_or_else(|| {
                ApiError::parameter(
                    "sort",
                    format!("{v:?} is not one of {}", SORT_NAMES.join(", ")),
                )
            }),
        }
    }

    /// `cursor`, which must have been made for `sort`.
    pub fn cursor(&self, sort: Sort) -> Result<Option<Cursor>, ApiError> {
        let Some(v) = self.get("cursor") else {
            return Ok(None);
        };
        let c = Cursor::decode(v).ok_or_else(|| {
            ApiError::parameter(
                "cursor",
                "not a cursor this server gave (pass next_cursor back as it is)",
            )
        })?;
        if c.sort != sort {
            return Err(ApiError::parameter(
                "cursor",
                format!("made for sort={}, not sort={}", c.sort.name(), sort.name()),
            ));
        }
        Ok(Some(c))
    }

    /// `interval`, default `day`.
    pub fn interval(&self) -> Result<Interval, ApiError> {
        match self.get("interval") {
            None | Some("day") => Ok(Interval::Day),
            Some("week") => Ok(Interval::Week),
            Some("month") => Ok(Interval::Month),
            Some(v) => Err(ApiError::parameter(
                "interval",
                format!("{v:?} is not day, week or month"),
            )),
        }
    }

    /// `format`, default `jsonl`.
    pub fn format(&self) -> Result<ExportFormat, ApiError> {
        let v = self.get("format").unwrap_or("jsonl");
        export_format(v).ok_or_else(|| {
            ApiError::parameter(
                "format",
                format!(
                    "{v:?} is not one of {}",
                    EXPORT_FORMATS
                        .iter()
                        .map(|(n, _, _, _)| *n)
                        .collect::<Vec<_>>()
                        .join(", ")
                ),
            )
        })
    }
}

/// Export formats by name: the format, its Content-Type and file extension.
pub const EXPORT_FORMATS: [(&str, ExportFormat, &str, &str); 4] = [
    (
        "jsonl",
        ExportFormat::Jsonl,
        "application/x-ndjson; charset=utf-8",
        "jsonl",
    ),
    ("csv", ExportFormat::Csv, "text/csv; charset=utf-8", "csv"),
    (
        "gdelt",
        ExportFormat::Gdelt,
        "text/tab-separated-values; charset=utf-8",
        "tsv",
    ),
    (
        "plover",
        ExportFormat::Plover,
        "application/x-ndjson; charset=utf-8",
        "plover.jsonl",
    ),
];

fn export_format(name: &str) -> Option<ExportFormat> {
    EXPORT_FORMATS
        .iter()
        .find(|(n, ..)| *n == name)
        .map(|(_, f, ..)| *f)
}

/// An actor code or prefix, upper-cased: letters, digits and `-`, at most 64 characters.
fn actor_code(v: &str) -> Option<String> {
    let v = v.trim();
    (!v.is_empty() && v.len() <= 64 && v.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-'))
        .then(|| v.to_ascii_uppercase())
}

fn day(name: &str, v: &str) -> Result<String, ApiError> {
    Date::parse_iso(v)
        .filter(|_| v.len() == 10)
        .map(|d| d.to_iso())
        .ok_or_else(|| ApiError::parameter(name, format!("{v:?} is not a date (YYYY-MM-DD)")))
}

fn bbox(v: &str) -> Result<[f64; 4], ApiError> {
    let bad = |why: &str| ApiError::parameter("bbox", format!("{v:?} {why}"));
    let parts: Vec<f64> = v
        .split(',')
        .map(|p| p.trim().parse::<f64>().ok().filter(|x| x.is_finite()))
        .collect::<Option<_>>()
        .ok_or_else(|| bad("is not four numbers west,south,east,north"))?;
    let [w, s, e, n] = parts[..] else {
        return Err(bad("is not four numbers west,south,east,north"));
    };
    if !(-180.0..=180.0).contains(&w) || !(-180.0..=180.0).contains(&e) {
        return Err(bad("has a longitude outside -180..180"));
    }
    if !(-90.0..=90.0).contains(&s) || !(-90.0..=90.0).contains(&n) {
        return Err(bad("has a latitude outside -90..90"));
    }
    if w > e || s > n {
        return Err(bad("is not west ≤ east and south ≤ north"));
    }
    Ok([w, s, e, n])
}

#[cfg(test)]
mod tests {
    use super::*;

    fn filter(q: &str) -> Result<Filter, ApiError> {
        Params::parse(Some(q), true, &[])?.filter()
    }

    #[test]
    fn filters_read_and_refuse_by_name() {
        let f = filter("since=2024-01-02&actor=syr&root=4&quad=4&bbox=-10,-5,10,5&claimed=false")
            .unwrap();
        assert_eq!(f.since.as_deref(), Some("2024-01-02"));
        assert_eq!(f.actor.as_deref(), Some("SYR"));
        assert_eq!(f.root.as_deref(), Some("04"));
        assert_eq!(f.quad_class, Some(4));
        assert_eq!(f.bbox, Some([-10.0, -5.0, 10.0, 5.0]));
        assert_eq!(f.claimed, Some(false));
        for (q, name) in [
            ("since=2024-13-01", "since"),
            ("until=yesterday", "until"),
            ("actor=%27%20OR%201%3D1", "actor"),
            ("root=21", "root"),
            ("quad=5", "quad"),
            ("cameo=19a", "cameo"),
            ("country=SY", "country"),
            ("bbox=1,2,3", "bbox"),
            ("bbox=10,0,-10,5", "bbox"),
            ("claimed=maybe", "claimed"),
            ("generation=-1", "generation"),
            ("dyad=SYR", "dyad"),
            ("both=true", "both"),
            ("from=2024-01-01", "from"),
            ("q=", "q"),
            ("actor=SYR&actor=ISR", "actor"),
        ] {
            let e = filter(q).unwrap_err();
            assert_eq!(e.status, 400, "{q}");
            assert!(
                e.message.starts_with(&format!("parameter '{name}'")),
                "{q}: {}",
                e.message
            );
        }
        let f = filter("dyad=SYR,ISR&both=true").unwrap();
        assert_eq!(f.dyad, Some(("SYR".into(), "ISR".into())));
        let f = filter("dyad=SYR,ISR").unwrap();
        assert_eq!(
            (f.source.as_deref(), f.target.as_deref()),
            (Some("SYR"), Some("ISR"))
        );
    }
}
