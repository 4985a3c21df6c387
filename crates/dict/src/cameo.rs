//! The CAMEO code table: names, Goldstein values, quad classes and the PLOVER mapping, loaded from data.
//!
//! The table lives in `dictionaries/cameo/cameo.tsv` (its header comment documents the columns and sources);
//! [`CameoTable::builtin`] compiles that file into the binary and parses it once. Lookups accept the code forms
//! coders and suites actually write: `"0311"`, `" 190 "`, a trailing variant letter (`"174K"` reads as `174`),
//! and treat PETRARCH/TABARI no-code markers (`"---"`, `"###"`, empty) as "no code".

use dyad_model::{Event, Plover, QuadClass};
use std::collections::HashMap;
use std::path::Path;
use std::sync::OnceLock;

/// The table shipped with dyad.
const BUILTIN_TSV: &str = include_str!("../../../dictionaries/cameo/cameo.tsv");
/// How the builtin table is named in errors.
const BUILTIN_ORIGIN: &str = "dictionaries/cameo/cameo.tsv";
/// The column header every table file must carry, in this order.
const COLUMNS: [&str; 7] = [
    "code",
    "name",
    "goldstein",
    "quad",
    "plover_type",
    "plover_mode",
    "plover_context",
];
/// The Goldstein scale's range.
const GOLDSTEIN_RANGE: std::ops::RangeInclusive<f32> = -10.0..=10.0;

/// One CAMEO code and what it means.
#[derive(Debug, Clone, PartialEq)]
pub struct CameoCode {
    /// The code as written in the table: 2 (root), 3 (base) or 4 (sub code) digits.
    pub code: String,
    pub name: String,
    /// Goldstein conflict–cooperation weight, −10 … +10.
    pub goldstein: f32,
    pub quad: QuadClass,
    /// PLOVER event type and mode; `None` for roots 01 and 02, which PLOVER dropped.
    pub plover: Option<Plover>,
    /// PLOVER context labels the code implies (e.g. `crime`, `corruption`), possibly empty.
    pub plover_context: Vec<String>,
}

impl CameoCode {
    /// The two-digit root, e.g. `03` for `0311`.
    pub fn root(&self) -> &str {
        &self.code[..2]
    }

    /// The three-digit base code, e.g. `031` for `0311`; a root is its own base.
    pub fn base(&self) -> &str {
        self.code.get(..3).unwrap_or(&self.code)
    }
}

/// Why a CAMEO table file could not be read.
#[derive(Debug, thiserror::Error)]
pub enum CameoError {
    #[error("{path}: {source}")]
    Io {
        path: String,
        #[source]
        source: std::io::Error,
    },
    #[error("{origin}:{line}: {message}")]
    Parse {
        origin: String,
        line: usize,
        message: String,
    },
}

/// All CAMEO codes, indexed by code.
#[derive(Debug, Clone, Default)]
pub struct CameoTable {
    codes: Vec<CameoCode>,
    index: HashMap<String, usize>,
}

impl CameoTable {
    /// The table compiled into dyad from `dictionaries/cameo/cameo.tsv`, parsed on first use.
    ///
    /// ```
    /// use dyad_dict::cameo::CameoTable;
    /// let code = CameoTable::builtin().get("190").unwrap();
    /// assert_eq!(code.goldstein, -10.0);
    /// assert_eq!(code.plover.as_ref().unwrap().event_type, "ASSAULT");
    /// ```
    pub fn builtin() -> &'static CameoTable {
        static TABLE: OnceLock<CameoTable> = OnceLock::new();
        TABLE.get_or_init(|| {
            // The builtin file is checked by this crate's tests; should it ever fail to parse, an empty table
            // (every lookup `None`) is the non-panicking fallback.
            CameoTable::parse(BUILTIN_TSV, BUILTIN_ORIGIN).unwrap_or_default()
        })
    }

    /// Read a table file in the `cameo.tsv` format.
    pub fn load(path: &Path) -> Result<CameoTable, CameoError> {
        let text = std::fs::read_to_string(path).map_err(|source| CameoError::Io {
            path: path.display().to_string(),
            source,
        })?;
        CameoTable::parse(&text, &path.display().to_string())
    }

    /// Parse table text; `origin` names it in errors.
    pub fn parse(text: &str, origin: &str) -> Result<CameoTable, CameoError> {
        let err = |line: usize, message: String| CameoError::Parse {
            origin: origin.to_string(),
            line,
            message,
        };
        let mut table = CameoTable::default();
        let mut seen_header = false;
        for (i, raw) in text.lines().enumerate() {
            let line_no = i + 1;
            let line = raw.trim_end_matches('\r');
            if line.trim().is_empty() || line.starts_with('#') {
                continue;
            }
            let fields: Vec<&str> = line.split('\t').map(str::trim).collect();
            if !seen_header {
                if fields != COLUMNS {
                    return Err(err(
                        line_no,
                        format!("expected the column header {:?}", COLUMNS.join("\t")),
                    ));
                }
                seen_header = true;
                continue;
            }
            if fields.len() < 4 || fields.len() > COLUMNS.len() {
                return Err(err(
                    line_no,
                    format!("expected 4 to {} tab-separated fields", COLUMNS.len()),
                ));
            }
            let field = |k: usize| fields.get(k).copied().unwrap_or("");
            let code = field(0);
            if !(2..=4).contains(&code.len()) || !code.bytes().all(|b| b.is_ascii_digit()) {
                return Err(err(line_no, format!("code {code:?} is not 2 to 4 digits")));
            }
            let goldstein: f32 = field(2)
                .parse()
                .ok()
                .filter(|g| GOLDSTEIN_RANGE.contains(g))
                .ok_or_else(|| {
                    err(
                        line_no,
                        format!("Goldstein value {:?} is not a number in -10..10", field(2)),
                    )
                })?;
            let quad = match field(3) {
                "1" => QuadClass::VerbalCooperation,
                "2" => QuadClass::MaterialCooperation,
                "3" => QuadClass::VerbalConflict,
                "4" => QuadClass::MaterialConflict,
                other => return Err(err(line_no, format!("quad class {other:?} is not 1 to 4"))),
            };
            let plover = match (field(4), field(5)) {
                ("", "") => None,
                ("", mode) => {
                    return Err(err(
                        line_no,
                        format!("PLOVER mode {mode:?} without an event type"),
                    ))
                }
                (event_type, mode) => Some(Plover {
                    event_type: event_type.to_string(),
                    mode: (!mode.is_empty()).then(|| mode.to_string()),
                }),
            };
            let plover_context = field(6)
                .split(';')
                .map(str::trim)
                .filter(|c| !c.is_empty())
                .map(str::to_string)
                .collect();
            if table.index.contains_key(code) {
                return Err(err(line_no, format!("code {code} listed twice")));
            }
            table.index.insert(code.to_string(), table.codes.len());
            table.codes.push(CameoCode {
                code: code.to_string(),
                name: field(1).to_string(),
                goldstein,
                quad,
                plover,
                plover_context,
            });
        }
        if !seen_header {
            return Err(err(0, "no column header found".to_string()));
        }
        Ok(table)
    }

    /// The entry for `code`, after [`normalize_code`]; `None` for no-code markers and unknown codes.
    pub fn get(&self, code: &str) -> Option<&CameoCode> {
        let code = normalize_code(code)?;
        self.index.get(code).map(|&i| &self.codes[i])
    }

    /// The entry for `code`, or for its nearest listed ancestor when the code itself is unknown (a non-standard
    /// sub code such as `1717` reads as `171`, then `17`).
    pub fn nearest(&self, code: &str) -> Option<&CameoCode> {
        let code = normalize_code(code)?;
        (2..=code.len())
            .rev()
            .find_map(|n| self.index.get(&code[..n]).map(|&i| &self.codes[i]))
    }

    /// Every code, in file order (roots before their codes).
    pub fn iter(&self) -> impl Iterator<Item = &CameoCode> {
        self.codes.iter()
    }

    pub fn len(&self) -> usize {
        self.codes.len()
    }

    pub fn is_empty(&self) -> bool {
        self.codes.is_empty()
    }

    /// Fill `event.root`, `base`, `quad_class`, `goldstein` and `plover` from `event.cameo`.
    ///
    /// Root and base come from the code's digits; the rest from [`CameoTable::nearest`]. Returns whether the
    /// code (or an ancestor) was found; on `false` the derived fields are cleared, so a stale value never
    /// survives a code change.
    ///
    /// ```
    /// use dyad_dict::cameo::CameoTable;
    /// use dyad_model::{Event, QuadClass};
    /// let mut event = Event { cameo: "0311".into(), ..Event::default() };
    /// assert!(CameoTable::builtin().fill_event(&mut event));
    /// assert_eq!((event.root.as_str(), event.base.as_str()), ("03", "031"));
    /// assert_eq!(event.quad_class, Some(QuadClass::VerbalCooperation));
    /// ```
    pub fn fill_event(&self, event: &mut Event) -> bool {
        let found = self.nearest(&event.cameo);
        match normalize_code(&event.cameo) {
            Some(code) => {
                event.root = code[..2].to_string();
                event.base = code.get(..3).unwrap_or(code).to_string();
            }
            None => {
                event.root.clear();
                event.base.clear();
            }
        }
        event.quad_class = found.map(|c| c.quad);
        event.goldstein = found.map(|c| c.goldstein);
        event.plover = found.and_then(|c| c.plover.clone());
        found.is_some()
    }
}

/// The digits of a code as coders and suites write it: surrounding space trimmed and one trailing variant
/// letter dropped (`"174K"` → `"174"`, `"075A"` → `"075"`). `None` for the no-code markers (`---`, `###`,
/// empty) and anything that is not 2 to 4 digits.
///
/// ```
/// use dyad_dict::cameo::normalize_code;
/// assert_eq!(normalize_code(" 174K "), Some("174"));
/// assert_eq!(normalize_code("---"), None);
/// ```
pub fn normalize_code(code: &str) -> Option<&str> {
    let code = code.trim();
    let code = match code.as_bytes().last() {
        Some(b) if b.is_ascii_alphabetic() => &code[..code.len() - 1],
        _ => code,
    };
    ((2..=4).contains(&code.len()) && code.bytes().all(|b| b.is_ascii_digit())).then_some(code)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builtin_table_parses_with_every_code() {
        let table = CameoTable::parse(BUILTIN_TSV, BUILTIN_ORIGIN).expect("builtin table parses");
        assert_eq!(table.len(), 312);
        assert_eq!(CameoTable::builtin().len(), 312);
        let roots: Vec<&str> = table
            .iter()
            .filter(|c| c.code.len() == 2)
            .map(|c| c.code.as_str())
            .collect();
        let expected: Vec<String> = (1..=20).map(|r| format!("{r:02}")).collect();
        assert_eq!(roots, expected);
    }

    #[test]
    fn quad_class_agrees_with_the_model_rule() {
        for code in CameoTable::builtin().iter() {
            assert_eq!(
                Some(code.quad),
                QuadClass::of_cameo(&code.code),
                "{}",
                code.code
            );
        }
    }

    #[test]
    fn lookups_accept_variants_and_reject_markers() {
        let table = CameoTable::builtin();
        assert_eq!(table.get("174K").map(|c| c.code.as_str()), Some("174"));
        assert_eq!(table.get(" 0311").map(|c| c.code.as_str()), Some("0311"));
        assert!(table.get("---").is_none());
        assert!(table.get("###").is_none());
        assert!(table.get("").is_none());
        assert!(table.get("1717").is_none(), "a TABARI test code, not CAMEO");
        assert_eq!(table.nearest("1717").map(|c| c.code.as_str()), Some("171"));
        assert_eq!(table.nearest("2099").map(|c| c.code.as_str()), Some("20"));
        assert!(table.nearest("99").is_none());
    }

    #[test]
    fn fill_event_clears_fields_for_no_code() {
        let table = CameoTable::builtin();
        let mut event = Event {
            cameo: "190".into(),
            ..Event::default()
        };
        assert!(table.fill_event(&mut event));
        assert_eq!(event.base, "190");
        assert_eq!(event.goldstein, Some(-10.0));
        event.cameo = "---".into();
        assert!(!table.fill_event(&mut event));
        assert!(event.root.is_empty() && event.goldstein.is_none() && event.plover.is_none());
    }

    #[test]
    fn parse_errors_name_origin_and_line() {
        let text = "# c\ncode\tname\tgoldstein\tquad\tplover_type\tplover_mode\tplover_context\n01\tX\t0.0\t9\n";
        let e = CameoTable::parse(text, "t.tsv").unwrap_err().to_string();
        assert!(e.starts_with("t.tsv:3:"), "{e}");
        let e = CameoTable::parse("01\tX\n", "t.tsv")
            .unwrap_err()
            .to_string();
        assert!(e.starts_with("t.tsv:1:"), "{e}");
        let dup = "code\tname\tgoldstein\tquad\tplover_type\tplover_mode\tplover_context\n01\tX\t0\t1\n01\tX\t0\t1\n";
        assert!(CameoTable::parse(dup, "d").is_err());
    }

    proptest::proptest! {
        #[test]
        fn parse_and_lookup_never_panic(
            rows in "((code\tname\tgoldstein\tquad\tplover_type\tplover_mode\tplover_context|[0-9]{1,5}|\t|-?[0-9]{1,2}\\.[0-9]|[A-Z]{1,4}|;|#|é| |\n)){0,40}",
            code in "[0-9A-Za-z #-]{0,6}",
        ) {
            let _ = CameoTable::parse(&rows, "p");
            let _ = CameoTable::builtin().nearest(&code);
            let _ = normalize_code(&code);
        }
    }
}
