//! Resolution: one gazetteer entry per mention, chosen from context.
//!
//! Each candidate starts from a prior (feature class, then population) and gains from the document: a qualifier
//! after a comma ("Paris, Texas"), other places of the document in the same admin1 region or country, or near it
//! (spatial minimality), the caller's hint countries (the event's actors), and the dateline. A name keeps one
//! sense per document: its mentions are scored together. The resolver keeps every candidate's score and the
//! reason the winner won, for `--explain`.

use std::collections::HashMap;

use crate::gazetteer::{Gazetteer, Place, NO_COUNTRY};
use crate::hints::*;
use crate::recognize::Toponym;

/// What the caller knows beyond the text.
#[derive(Debug, Clone, Copy, Default)]
pub struct Context<'a> {
    /// ISO 3166 alpha-3 codes of the countries involved (the event's actors), most relevant first.
    pub countries: &'a [&'a str],
    /// The dateline place ("DAMASCUS"), as written.
    pub dateline: Option<&'a str>,
}

/// A candidate considered for a mention.
#[derive(Debug, Clone, PartialEq)]
pub struct Candidate {
    pub geonameid: u32,
    /// Index of the place in the gazetteer.
    pub place: u32,
    pub score: f64,
    /// What made up the score ("prior 6.3 (population 2138551); same admin1 as 2 other places").
    pub reason: String,
}

/// A resolved mention.
#[derive(Debug, Clone, PartialEq)]
pub struct Resolved {
    /// Byte span into the text.
    pub start: usize,
    pub end: usize,
    /// The gazetteer's name of the chosen place.
    pub name: String,
    pub lat: f64,
    pub lon: f64,
    /// ISO 3166 alpha-3, as the actor codes use; `None` for places over several countries.
    pub country_iso3: Option<String>,
    /// The admin1 region's name, if any.
    pub admin1: Option<String>,
    pub feature_class: char,
    pub feature_code: String,
    pub geonameid: u32,
    /// Every candidate, best first.
    pub candidates: Vec<Candidate>,
    /// Why the winner won.
    pub reason: String,
}

/// Great-circle distance in km (spherical earth, R = 6371.009 km).
pub fn distance_km(lat1: f64, lon1: f64, lat2: f64, lon2: f64) -> f64 {
    let (p1, p2) = (lat1.to_radians(), lat2.to_radians());
    let dp = p2 - p1;
    let dl = (lon2 - lon1).to_radians();
    let a = (dp / 2.0).sin().powi(2) + p1.cos() * p2.cos() * (dl / 2.0).sin().powi(2);
    2.0 * 6371.009 * a.sqrt().min(1.0).asin()
}

fn prior(p: &Place, primary: bool) -> (f64, String) {
    let pop = p.population as f64;
    let (v, why) = match (p.feature_class, p.feature_code.as_str()) {
        ('A', "PCLI") => (PRIOR_COUNTRY, "country".to_string()),
        (_, "CONT") => (PRIOR_CONTINENT, "continent".to_string()),
        ('A', "ADM1") => (
            PRIOR_ADMIN1 + PRIOR_ADMIN1_PER_DECADE * (pop + 1.0).log10(),
            "admin1 region".to_string(),
        ),
        ('A', "ADM2" | "ADM2C") => (PRIOR_ADMIN2, "county".to_string()),
        ('P', _) => {
            let mut v = (pop + 1.0).log10();
            if p.population >= 1_000_000 {
                v += PRIOR_MILLION_CITY_BONUS;
            }
            (v, format!("population {}", p.population))
        }
        _ => (PRIOR_REGION, "region".to_string()),
    };
    if !primary && p.feature_class == 'P' {
        (v - ALTERNATE_NAME_PENALTY, format!("{why}, alternate name"))
    } else {
        (v, why)
    }
}

/// Resolves mentions found in `text`.
pub fn resolve(g: &Gazetteer, text: &str, toponyms: &[Toponym], ctx: &Context) -> Vec<Resolved> {
    // Distinct names, scored together (one sense per discourse).
    let mut names: Vec<&str> = Vec::new();
    let mut name_of: Vec<usize> = Vec::with_capacity(toponyms.len());
    let mut index: HashMap<&str, usize> = HashMap::new();
    for t in toponyms {
        let s = t.text(text);
        let k = *index.entry(s).or_insert_with(|| {
            names.push(s);
            names.len() - 1
        });
        name_of.push(k);
    }
    // Candidates per name, with priors and qualifier bonuses.
    let mut cands: Vec<Vec<(u32, f64, String)>> = vec![Vec::new(); names.len()];
    for (ti, t) in toponyms.iter().enumerate() {
        let k = name_of[ti];
        if cands[k].is_empty() {
            for r in &t.candidates {
                let p = g.place(r.place);
                let (mut v, mut why) = prior(p, r.primary);
                why = format!("prior {v:.2} ({why})");
                for &(n, id, bonus) in NEWS_SENSES {
                    if n == names[k] && id == p.geonameid {
                        v += bonus;
                        why.push_str("; the sense news usually means");
                    }
                }
                cands[k].push((r.place, v, why));
            }
        }
        // "Paris, Texas": the next toponym, after a comma, holds the candidate.
        if let Some(n) = toponyms.get(ti + 1) {
            if text.get(t.end..n.start).is_some_and(|s| s.trim() == ",") {
                for c in cands[k].iter_mut() {
                    let p = g.place(c.0);
                    let holds = n.candidates.iter().any(|q| {
                        let h = g.place(q.place);
                        h.country == p.country
                            && (h.feature_code == "PCLI"
                                || h.feature_code == "ADM1" && h.admin1 == p.admin1)
                            && !std::ptr::eq(h, p)
                    });
                    if holds && !c.2.contains("qualified") {
                        c.1 += QUALIFIER_BONUS;
                        c.2.push_str(&format!("; qualified by \"{}\"", n.text(text)));
                    }
                }
            }
        }
    }
    // Hint countries and the dateline.
    let hints: Vec<u16> = ctx
        .countries
        .iter()
        .filter_map(|c| g.country_by_iso3(c))
        .collect();
    let dateline: Option<(u16, String)> = ctx.dateline.and_then(|d| {
        let refs = g.lookup(d.trim());
        refs.iter()
            .map(|r| g.place(r.place))
            .max_by_key(|p| p.population)
            .map(|p| (p.country, p.admin1.clone()))
    });
    for cs in cands.iter_mut() {
        for c in cs.iter_mut() {
            let p = g.place(c.0);
            if p.country != NO_COUNTRY && hints.contains(&p.country) {
                c.1 += HINT_COUNTRY_BONUS;
                c.2.push_str("; in an actor's country");
            }
            if let Some((dc, da)) = &dateline {
                if p.country == *dc && p.country != NO_COUNTRY {
                    if !da.is_empty() && p.admin1 == *da {
                        c.1 += DATELINE_ADMIN1_BONUS;
                        c.2.push_str("; in the dateline's region");
                    } else {
                        c.1 += DATELINE_COUNTRY_BONUS;
                        c.2.push_str("; in the dateline's country");
                    }
                }
            }
        }
    }
    // Pass 1 winners; their regions, countries and points anchor pass 2.
    let best = |cs: &[(u32, f64, String)]| -> Option<usize> {
        (0..cs.len()).max_by(|&a, &b| {
            cs[a]
                .1
                .total_cmp(&cs[b].1)
                .then_with(|| g.place(cs[b].0).geonameid.cmp(&g.place(cs[a].0).geonameid))
        })
    };
    let first: Vec<Option<usize>> = cands.iter().map(|cs| best(cs)).collect();
    // Anchor weight: confident names count fully (one candidate, or a clear margin), others half.
    let mut anchors: Vec<(usize, u32, f64)> = Vec::new();
    for (k, cs) in cands.iter().enumerate() {
        let Some(w) = first[k] else { continue };
        let second = cs
            .iter()
            .enumerate()
            .filter(|(i, _)| *i != w)
            .map(|(_, c)| c.1)
            .fold(f64::NEG_INFINITY, f64::max);
        let weight = if cs[w].1 - second >= 2.0 { 1.0 } else { 0.5 };
        anchors.push((k, cs[w].0, weight));
    }
    for (k, cs) in cands.iter_mut().enumerate() {
        if cs.len() < 2 {
            continue;
        }
        for c in cs.iter_mut() {
            let p = g.place(c.0);
            let (mut same_a1, mut same_c, mut near) = (0.0f64, 0.0f64, false);
            for &(ak, ap, w) in &anchors {
                if ak == k {
                    continue;
                }
                let a = g.place(ap);
                if p.country == NO_COUNTRY || a.country != p.country {
                    if a.country == NO_COUNTRY
                        && distance_km(p.lat as f64, p.lon as f64, a.lat as f64, a.lon as f64)
                            < NEAR_KM
                    {
                        near = true;
                    }
                    continue;
                }
                if a.feature_code == "PCLI" || p.feature_code == "PCLI" {
                    same_c += w;
                    continue;
                }
                same_c += w;
                if !a.admin1.is_empty() && a.admin1 == p.admin1 {
                    same_a1 += w;
                }
                if a.feature_class == 'P'
                    && p.feature_class == 'P'
                    && distance_km(p.lat as f64, p.lon as f64, a.lat as f64, a.lon as f64) < NEAR_KM
                {
                    near = true;
                }
            }
            if same_a1 > 0.0 {
                c.1 += SAME_ADMIN1_BONUS * same_a1.min(3.0);
                c.2.push_str(&format!("; same admin1 as {same_a1} other place(s)"));
            }
            if same_c > 0.0 {
                c.1 += SAME_COUNTRY_BONUS * same_c.min(3.0);
                c.2.push_str(&format!("; same country as {same_c} other place(s)"));
            }
            if near {
                c.1 += NEAR_BONUS;
                c.2.push_str(&format!("; within {NEAR_KM} km of another place"));
            }
        }
    }
    let mut out = Vec::with_capacity(toponyms.len());
    for (ti, t) in toponyms.iter().enumerate() {
        let cs = &cands[name_of[ti]];
        let Some(w) = best(cs) else { continue };
        let p = g.place(cs[w].0);
        let mut ranked: Vec<Candidate> = cs
            .iter()
            .map(|(pi, s, why)| Candidate {
                geonameid: g.place(*pi).geonameid,
                place: *pi,
                score: *s,
                reason: why.clone(),
            })
            .collect();
        ranked.sort_by(|a, b| {
            b.score
                .total_cmp(&a.score)
                .then(a.geonameid.cmp(&b.geonameid))
        });
        let reason = if ranked.len() == 1 {
            "the only place of that name".to_string()
        } else {
            format!(
                "scored {:.2} over {:.2}: {}",
                ranked[0].score, ranked[1].score, ranked[0].reason
            )
        };
        let country = g.country_of(p);
        let admin1 = if p.country != NO_COUNTRY && !p.admin1.is_empty() && p.feature_code != "ADM1"
        {
            g.admin1_place(p.country, &p.admin1)
                .map(|a| g.place(a).name.clone())
        } else {
            None
        };
        out.push(Resolved {
            start: t.start,
            end: t.end,
            name: p.name.clone(),
            lat: p.lat as f64,
            lon: p.lon as f64,
            country_iso3: country.map(|c| c.iso3.clone()),
            admin1,
            feature_class: p.feature_class,
            feature_code: p.feature_code.clone(),
            geonameid: p.geonameid,
            candidates: ranked,
            reason,
        });
    }
    out
}
