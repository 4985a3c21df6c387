//! The demonym table (`data/hand/demonyms.tsv`) agrees with the actor dictionaries' country lexicon
//! (`dictionaries/countries.actors.txt`): a demonym both list names the same country. The places stage keeps its own
//! table rather than reading the lexicon (see `hints::DEMONYMS_TSV`); this test keeps the two from drifting apart.

use std::collections::{HashMap, HashSet};

use dyad_places::{hints::DEMONYMS_TSV, Gazetteer};

const COUNTRY_LEXICON: &str = include_str!("../../../dictionaries/countries.actors.txt");

/// Countries CAMEO codes apart from GeoNames' ISO3: (GeoNames, CAMEO).
const CAMEO_CODES: &[(&str, &str)] = &[("XKX", "KSV")];

/// Phrase (as the lexicon writes it: capitals, `_` between words) → the ISO3 codes of the entries listing it.
fn lexicon() -> HashMap<String, HashSet<String>> {
    let mut out: HashMap<String, HashSet<String>> = HashMap::new();
    let mut code: Option<String> = None;
    for line in COUNTRY_LEXICON.lines() {
        let line = line.split('#').next().unwrap_or("").trim();
        if line.is_empty() {
            continue;
        }
        let (phrase, rest) = line.split_once(char::is_whitespace).unwrap_or((line, ""));
        if let Some(synonym) = phrase.strip_prefix('+') {
            if let Some(c) = &code {
                out.entry(synonym.to_string())
                    .or_default()
                    .insert(c.clone());
            }
        } else if let Some(c) = rest.trim().strip_prefix('[').and_then(|r| r.get(..3)) {
            code = Some(c.to_string());
            out.entry(phrase.to_string())
                .or_default()
                .insert(c.to_string());
        }
    }
    out
}

#[test]
fn demonyms_name_the_countries_the_actor_lexicon_gives_them() {
    let g = Gazetteer::embedded().unwrap();
    let lexicon = lexicon();
    let mut checked = 0;
    for line in DEMONYMS_TSV
        .lines()
        .filter(|l| !l.starts_with('#') && !l.is_empty())
    {
        let (demonym, iso2) = line.split_once('\t').unwrap();
        let country = g.country_by_iso2(iso2).expect("a known country");
        let iso3 = g.countries()[country as usize].iso3.as_str();
        let iso3 = CAMEO_CODES
            .iter()
            .find(|(geonames, _)| *geonames == iso3)
            .map_or(iso3, |(_, cameo)| cameo);
        let key = demonym.to_uppercase().replace(' ', "_");
        if let Some(codes) = lexicon.get(&key) {
            checked += 1;
            assert!(
                codes.contains(iso3),
                "{demonym}: {iso3} here, {codes:?} in the actor lexicon"
            );
        }
    }
    assert!(
        checked > 150,
        "only {checked} demonyms found in the lexicon"
    );
}
