//! Checks dyad's CAMEO table against the published reference files in ../shared/data/petrarch/cameo:
//! GDELT's code and Goldstein lookups, the ICEWS codebook table and the CAMEO→PLOVER 2021 mapping.

use dyad_dict::cameo::CameoTable;
use std::collections::HashMap;

const CAMEO_DIR: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../../../shared/data/petrarch/cameo"
);

fn read(rel: &str) -> Vec<u8> {
    let path = format!("{CAMEO_DIR}/{rel}");
    std::fs::read(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

/// A GDELT lookup: header line, then `CODE<TAB>VALUE` lines.
fn gdelt_lookup(rel: &str) -> HashMap<String, String> {
    String::from_utf8(read(rel))
        .expect("GDELT lookups are UTF-8")
        .lines()
        .skip(1)
        .filter_map(|l| l.split_once('\t'))
        .map(|(c, v)| (c.trim().to_string(), v.trim().to_string()))
        .collect()
}

/// RFC 4180 CSV rows (quoted fields may hold commas, quotes and newlines); bytes read as Latin-1 because the
/// ICEWS file is not valid UTF-8.
fn csv_rows(bytes: &[u8]) -> Vec<Vec<String>> {
    let text: String = bytes.iter().map(|&b| b as char).collect();
    let mut rows = Vec::new();
    let (mut row, mut field, mut quoted) = (Vec::new(), String::new(), false);
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match (quoted, c) {
            (true, '"') if chars.peek() == Some(&'"') => {
                chars.next();
                field.push('"');
            }
            (true, '"') => quoted = false,
            (true, c) => field.push(c),
            (false, '"') => quoted = true,
            (false, ',') => row.push(std::mem::take(&mut field)),
            (false, '\r') => {}
            (false, '\n') => {
                row.push(std::mem::take(&mut field));
                rows.push(std::mem::take(&mut row));
            }
            (false, c) => field.push(c),
        }
    }
    if !field.is_empty() || !row.is_empty() {
        row.push(field);
        rows.push(row);
    }
    rows
}

#[test]
fn every_gdelt_code_is_listed_with_gdelt_goldstein() {
    let table = CameoTable::builtin();
    let names = gdelt_lookup("gdelt/CAMEO.eventcodes.txt");
    let goldstein = gdelt_lookup("gdelt/CAMEO.goldsteinscale.txt");
    assert_eq!(names.len(), 311);
    for (code, value) in &goldstein {
        assert!(
            names.contains_key(code),
            "{code} has a Goldstein value but no name"
        );
        let entry = table
            .get(code)
            .unwrap_or_else(|| panic!("GDELT code {code} missing"));
        let value: f32 = value.parse().expect("numeric Goldstein value");
        assert_eq!(entry.goldstein, value, "Goldstein of {code}");
    }
}

#[test]
fn every_icews_code_is_listed_with_its_name() {
    let table = CameoTable::builtin();
    let gdelt_goldstein = gdelt_lookup("gdelt/CAMEO.goldsteinscale.txt");
    let rows = csv_rows(&read("icews/cameo-codes.csv"));
    let header = &rows[0];
    let col = |name: &str| header.iter().position(|h| h == name).expect(name);
    let (code_col, name_col, gold_col) = (col("code"), col("name"), col("goldstein"));
    let codes: Vec<&Vec<String>> = rows[1..].iter().filter(|r| r.len() > gold_col).collect();
    assert_eq!(codes.len(), 312);
    assert_eq!(
        table.len(),
        codes.len(),
        "the table lists exactly the ICEWS codes"
    );
    for row in codes {
        let code = row[code_col].as_str();
        let entry = table
            .get(code)
            .unwrap_or_else(|| panic!("ICEWS code {code} missing"));
        assert_eq!(entry.code, code);
        assert_eq!(entry.name, row[name_col].trim(), "name of {code}");
        // The table takes GDELT's Goldstein value where GDELT has the code, ICEWS's otherwise.
        if !gdelt_goldstein.contains_key(code) {
            let icews: f32 = row[gold_col].parse().expect("numeric ICEWS Goldstein");
            assert_eq!(entry.goldstein, icews, "Goldstein of {code}");
        }
    }
}

#[test]
fn plover_columns_follow_the_2021_mapping() {
    let table = CameoTable::builtin();
    let text = String::from_utf8(read("plover/CAMEO2PLOVER-2021.txt")).expect("UTF-8");
    let mut mapped = HashMap::new();
    for line in text.lines() {
        let line = line.split('#').next().unwrap_or("").trim();
        let Some((code, rest)) = line.split_once(':') else {
            continue;
        };
        if code.is_empty() || !code.bytes().all(|b| b.is_ascii_digit()) {
            continue;
        }
        // The first line for a code wins, as the table header documents.
        mapped.entry(code.to_string()).or_insert_with(|| {
            let parts: Vec<&str> = rest.split(',').map(str::trim).collect();
            let context: Vec<String> = parts
                .get(2)
                .map(|c| c.split(';').map(str::trim).filter(|c| !c.is_empty()))
                .into_iter()
                .flatten()
                .map(str::to_string)
                .collect();
            (
                parts[0].to_string(),
                parts.get(1).copied().unwrap_or("").to_string(),
                context,
            )
        });
    }
    assert!(mapped.len() > 270, "read {} mapping lines", mapped.len());
    let mut checked = 0;
    for (code, (event_type, mode, context)) in &mapped {
        let Some(entry) = table.get(code) else {
            continue; // e.g. 1214, which is not a CAMEO code
        };
        let plover = entry
            .plover
            .as_ref()
            .unwrap_or_else(|| panic!("{code} lacks PLOVER"));
        assert_eq!(&plover.event_type, event_type, "PLOVER type of {code}");
        assert_eq!(
            plover.mode.as_deref().unwrap_or(""),
            mode,
            "PLOVER mode of {code}"
        );
        assert_eq!(&entry.plover_context, context, "PLOVER context of {code}");
        checked += 1;
    }
    for entry in table.iter() {
        assert_eq!(
            entry.plover.is_some(),
            mapped.contains_key(&entry.code),
            "{} has PLOVER exactly when the mapping lists it",
            entry.code
        );
    }
    assert!(checked > 270);
}
