//! Resolution: one gazetteer entry per mention, chosen from context.
//!
//! Each candidate starts from a prior (feature class, then population) and gains from the document: a qualifier
//! after a comma ("Paris, Texas"), other places of the document in the same admin1 region or country, or near it
//! (spatial minimality), the caller's hint countries (the event's actors), and the dateline. A name keeps one
//! sense per document: its mentions are scored together. The resolver keeps every candidate's score and the
//! reason the winner won, for `--explain`.

use std::collections::HashMap;

use crate::gazetteer::{Code, Gazetteer, Place, NO_COUNTRY};
use crate::hints::*;
use crate::recognize::{MentionKind, Toponym};

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
    pub feature_code: Code,
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
            let has_primary = t.candidates.iter().any(|r| r.primary);
            for r in &t.candidates {
                let p = g.place(r.place);
                let (mut v, mut why) = prior(p, r.primary);
                if !r.primary && has_primary && (p.feature_class == 'P' || p.feature_code == "ADM1")
                {
                    v -= SHADOWED_ALTERNATE_PENALTY;
                    why.push_str(", another place's own name");
                }
                // "Beirut", "Krasnodar": a region named after a town of its own stands for the town.
                if p.feature_code == "ADM1"
                    && t.candidates.iter().any(|q| {
                        let town = g.place(q.place);
                        q.primary
                            && town.feature_class == 'P'
                            && town.country == p.country
                            && town.admin1 == p.admin1
                            && town.population >= REGION_TOWN_MIN_POPULATION
                    })
                {
                    v -= REGION_NAMED_AFTER_TOWN_PENALTY;
                    why.push_str(", named after a town of its own");
                }
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
        // "Paris, Texas": the next toponym, after a comma, holds the candidate — unless the two open a list
        // ("China, Japan and Korea"), or the name is a country or region's own ("Oklahoma, Pennsylvania").
        let levels = |t: &Toponym| -> (bool, bool) {
            let code = |c: &str| {
                t.candidates
                    .iter()
                    .any(|r| r.primary && g.place(r.place).feature_code == c)
            };
            (code("PCLI"), code("ADM1"))
        };
        let peers = |n: &Toponym| {
            let (a, b) = (levels(t), levels(n));
            a.0 && b.0 || a.1 && b.1
        };
        if let Some(n) = toponyms.get(ti + 1).filter(|n| !peers(n)) {
            let list = toponyms.get(ti + 2).is_some_and(|m| {
                text.get(n.end..m.start)
                    .is_some_and(|s| matches!(s.trim(), "," | "and" | ", and" | "or" | ", or"))
            });
            if !list && text.get(t.end..n.start).is_some_and(|s| s.trim() == ",") {
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
    let dateline: Option<(u16, Code)> = ctx.dateline.and_then(|d| {
        let d = d.trim();
        let mut refs = g.lookup(d);
        let titled;
        if refs.is_empty() && !d.chars().any(char::is_lowercase) {
            // "DAMASCUS" as datelines write it.
            titled = crate::recognize::title_case(d);
            refs = g.lookup(&titled);
        }
        refs.iter()
            .map(|r| g.place(r.place))
            .max_by_key(|p| p.population)
            .map(|p| (p.country, p.admin1))
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
    // Spatial minimality, softly: each other name spreads its probability (a softmax of its scores) over the
    // regions and countries of its candidates; a candidate gains from the mass other names put in its admin1 region
    // and country, and from being near another name's best candidate. Two rounds.
    let base: Vec<Vec<f64>> = cands
        .iter()
        .map(|cs| cs.iter().map(|c| c.1).collect())
        .collect();
    let mut scores = base.clone();
    let mut notes: Vec<Vec<String>> = cands
        .iter()
        .map(|cs| vec![String::new(); cs.len()])
        .collect();
    for _round in 0..SUPPORT_ROUNDS {
        let mut a1_mass: Vec<HashMap<(u16, &str), f64>> = Vec::with_capacity(cands.len());
        let mut c_mass: Vec<HashMap<u16, f64>> = Vec::with_capacity(cands.len());
        let mut best_point: Vec<Option<(f64, f64, char)>> = Vec::with_capacity(cands.len());
        for (k, cs) in cands.iter().enumerate() {
            let max = scores[k].iter().copied().fold(f64::NEG_INFINITY, f64::max);
            let weights: Vec<f64> = scores[k].iter().map(|v| (v - max).exp()).collect();
            let total: f64 = weights.iter().sum();
            let mut a1 = HashMap::new();
            let mut cm = HashMap::new();
            let mut best: Option<(usize, f64)> = None;
            for (i, c) in cs.iter().enumerate() {
                let p = g.place(c.0);
                let w = weights[i] / total;
                if p.country != NO_COUNTRY {
                    *cm.entry(p.country).or_insert(0.0) += w;
                    if !p.admin1.is_empty() && p.feature_code != "PCLI" {
                        *a1.entry((p.country, p.admin1.as_str())).or_insert(0.0) += w;
                    }
                }
                if best.is_none_or(|(_, v)| scores[k][i] > v) {
                    best = Some((i, scores[k][i]));
                }
            }
            a1_mass.push(a1);
            c_mass.push(cm);
            best_point.push(best.map(|(i, _)| {
                let p = g.place(cs[i].0);
                (p.lat as f64, p.lon as f64, p.feature_class)
            }));
        }
        for (k, cs) in cands.iter().enumerate() {
            if cs.len() < 2 {
                continue;
            }
            for (i, c) in cs.iter().enumerate() {
                let p = g.place(c.0);
                let (mut sa, mut sc, mut near) = (0.0f64, 0.0f64, false);
                for k2 in 0..cands.len() {
                    if k2 == k {
                        continue;
                    }
                    if p.country != NO_COUNTRY {
                        sc += c_mass[k2].get(&p.country).copied().unwrap_or(0.0);
                        if !p.admin1.is_empty() && p.feature_code != "PCLI" {
                            sa += a1_mass[k2]
                                .get(&(p.country, p.admin1.as_str()))
                                .copied()
                                .unwrap_or(0.0);
                        }
                    }
                    if p.feature_class == 'P' {
                        if let Some((la, lo, fc)) = best_point[k2] {
                            if fc == 'P'
                                && distance_km(p.lat as f64, p.lon as f64, la, lo) < NEAR_KM
                            {
                                near = true;
                            }
                        }
                    }
                }
                let mut v = base[k][i];
                let mut note = String::new();
                // A hamlet of the same region gains less than a city or a region does.
                let damp = if p.feature_class == 'P' {
                    ((p.population as f64 + 1.0).log10() / SUPPORT_FULL_FROM_LOG10_POPULATION)
                        .clamp(SUPPORT_MIN_FACTOR, 1.0)
                } else {
                    1.0
                };
                let (sa, sc) = (sa * damp, sc * damp);
                if sa > 0.01 {
                    v += SAME_ADMIN1_BONUS * sa.min(SUPPORT_CAP);
                    note.push_str(&format!("; other places in its admin1 region ({sa:.2})"));
                }
                if sc > 0.01 {
                    v += SAME_COUNTRY_BONUS * sc.min(SUPPORT_CAP);
                    note.push_str(&format!("; other places in its country ({sc:.2})"));
                }
                if near {
                    v += NEAR_BONUS;
                    note.push_str(&format!("; within {NEAR_KM} km of another place"));
                }
                scores[k][i] = v;
                notes[k][i] = note;
            }
        }
    }
    for (k, cs) in cands.iter_mut().enumerate() {
        for (i, c) in cs.iter_mut().enumerate() {
            c.1 = scores[k][i];
            c.2.push_str(&notes[k][i]);
        }
    }
    let best = |cs: &[(u32, f64, String)]| -> Option<usize> {
        (0..cs.len()).max_by(|&a, &b| {
            cs[a]
                .1
                .total_cmp(&cs[b].1)
                .then_with(|| g.place(cs[b].0).geonameid.cmp(&g.place(cs[a].0).geonameid))
        })
    };
    let mut out = Vec::with_capacity(toponyms.len());
    for (ti, t) in toponyms.iter().enumerate() {
        let cs = &cands[name_of[ti]];
        let Some(w) = best(cs) else {
            continue;
        };
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
            feature_code: p.feature_code,
            geonameid: p.geonameid,
            candidates: ranked,
            reason,
        });
    }
    // Streets: at the town the document last named before them (else the first after), saying so.
    let mut with_streets = Vec::with_capacity(out.len());
    let towns: Vec<&Resolved> = out.iter().filter(|r| r.feature_class == 'P').collect();
    let mut next = out.iter().peekable();
    for t in toponyms {
        while let Some(r) = next.next_if(|r| r.start <= t.start) {
            with_streets.push(r.clone());
        }
        if t.kind != MentionKind::Street {
            continue;
        }
        let before = towns.iter().rev().find(|r| r.end <= t.start);
        let Some(town) = before.or_else(|| towns.iter().find(|r| r.start >= t.end)) else {
            continue;
        };
        with_streets.push(Resolved {
            start: t.start,
            end: t.end,
            name: town.name.clone(),
            lat: town.lat,
            lon: town.lon,
            country_iso3: town.country_iso3.clone(),
            admin1: town.admin1.clone(),
            feature_class: 'R',
            feature_code: Code::parse("ST").unwrap_or_default(),
            geonameid: town.geonameid,
            candidates: Vec::new(),
            reason: format!(
                "a street, placed at {}, the town the document names nearest before it",
                town.name
            ),
        });
    }
    with_streets.extend(next.cloned());
    with_streets
}
