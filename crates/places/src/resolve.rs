//! Resolution: one gazetteer entry per mention, chosen from context.
//!
//! Each candidate starts from a prior (feature class, then population) and gains from the document: a qualifier
//! after a comma ("Paris, Texas"), other places of the document in the same admin1 region or country, or near it
//! (spatial minimality), the caller's hint countries (the event's actors), and the dateline. A name keeps one
//! sense per document: its mentions are scored together. The resolver keeps every candidate's score and what made
//! it up as numbers ([`Evidence`]); the reasons are written out only when asked for ([`Candidate::reason`],
//! [`Resolved::reason`], as `--explain` does), so resolving costs no text formatting.

use std::collections::HashMap;

/// The resolver's maps are keyed by names, countries and regions of one document: FxHash, not SipHash.
type FxMap<K, V> = HashMap<K, V, std::hash::BuildHasherDefault<crate::gazetteer::FxHasher>>;

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
    /// What made up the score; [`Candidate::reason`] says it in words.
    pub evidence: Evidence,
}

impl Candidate {
    /// What made up the score, in words: "prior 6.33 (population 2138551); in an actor's country; other places in
    /// its country (0.97)". `text` is the text the mentions were found in (for a qualifier's words).
    pub fn reason(&self, text: &str) -> String {
        self.evidence.describe(text)
    }
}

/// What a candidate's score is made of, as numbers and flags, in the order [`Evidence::describe`] writes them.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Evidence {
    /// The prior, after the alternate-name and region penalties.
    prior: f64,
    prior_kind: PriorKind,
    /// An alternate name of a populated place.
    alternate: bool,
    /// An alternate name where another candidate holds it as its own.
    shadowed: bool,
    /// A region named after a town of its own.
    named_after_town: bool,
    /// Times the name's news sense matched ([`NEWS_SENSES`]).
    news_senses: u8,
    /// The byte span of the qualifying name after a comma ("Texas" in "Paris, Texas").
    qualifier: Option<(usize, usize)>,
    actor_country: bool,
    dateline: DatelineMatch,
    /// Other names' probability mass in the candidate's admin1 region and country (damped), last round.
    admin1_support: f64,
    country_support: f64,
    /// Within [`NEAR_KM`] of another name's best candidate, last round.
    near: bool,
}

#[derive(Debug, Clone, Copy, PartialEq)]
enum PriorKind {
    Country,
    Continent,
    Admin1,
    County,
    Population(u64),
    Region,
}

#[derive(Debug, Clone, Copy, PartialEq)]
enum DatelineMatch {
    None,
    Region,
    Country,
}

impl Evidence {
    fn new(prior: f64, prior_kind: PriorKind, alternate: bool) -> Evidence {
        Evidence {
            prior,
            prior_kind,
            alternate,
            shadowed: false,
            named_after_town: false,
            news_senses: 0,
            qualifier: None,
            actor_country: false,
            dateline: DatelineMatch::None,
            admin1_support: 0.0,
            country_support: 0.0,
            near: false,
        }
    }

    /// The evidence in words (see [`Candidate::reason`]).
    pub fn describe(&self, text: &str) -> String {
        use std::fmt::Write as _;
        let mut out = String::with_capacity(96);
        let _ = write!(out, "prior {:.2} (", self.prior);
        match self.prior_kind {
            PriorKind::Country => out.push_str("country"),
            PriorKind::Continent => out.push_str("continent"),
            PriorKind::Admin1 => out.push_str("admin1 region"),
            PriorKind::County => out.push_str("county"),
            PriorKind::Population(n) => {
                let _ = write!(out, "population {n}");
            }
            PriorKind::Region => out.push_str("region"),
        }
        if self.alternate {
            out.push_str(", alternate name");
        }
        if self.shadowed {
            out.push_str(", another place's own name");
        }
        if self.named_after_town {
            out.push_str(", named after a town of its own");
        }
        out.push(')');
        for _ in 0..self.news_senses {
            out.push_str("; the sense news usually means");
        }
        if let Some((s, e)) = self.qualifier {
            let _ = write!(out, "; qualified by \"{}\"", text.get(s..e).unwrap_or(""));
        }
        if self.actor_country {
            out.push_str("; in an actor's country");
        }
        match self.dateline {
            DatelineMatch::None => {}
            DatelineMatch::Region => out.push_str("; in the dateline's region"),
            DatelineMatch::Country => out.push_str("; in the dateline's country"),
        }
        if self.admin1_support > 0.01 {
            let _ = write!(
                out,
                "; other places in its admin1 region ({:.2})",
                self.admin1_support
            );
        }
        if self.country_support > 0.01 {
            let _ = write!(
                out,
                "; other places in its country ({:.2})",
                self.country_support
            );
        }
        if self.near {
            let _ = write!(out, "; within {NEAR_KM} km of another place");
        }
        out
    }
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
    /// Every candidate, best first; none for a street (placed at the town named nearest before it) or a feature or
    /// name the gazetteer lacks (placed at the place named next to it, feature code `AREA`).
    pub candidates: Vec<Candidate>,
}

impl Resolved {
    /// Why the winner won: "the only place of that name", "scored 9.10 over 6.02: prior …", or, for a street, the
    /// town it was placed at. `text` is the text the mentions were found in.
    pub fn reason(&self, text: &str) -> String {
        match self.candidates.as_slice() {
            [] if self.feature_code.as_str() == "AREA" => format!(
                "a place the gazetteer lacks, placed at {}, the place the document names next to it",
                self.name
            ),
            [] => format!(
                "a street, placed at {}, the town the document names nearest before it",
                self.name
            ),
            [_] => "the only place of that name".to_string(),
            [first, second, ..] => format!(
                "scored {:.2} over {:.2}: {}",
                first.score,
                second.score,
                first.reason(text)
            ),
        }
    }
}

/// How many of `toponyms` [`resolve`] leaves out for [`MAX_MENTIONS_RESOLVED`]: what a caller notes as the
/// document's `Limit::PlaceMentions`.
pub fn mentions_left_out(toponyms: &[Toponym]) -> u32 {
    let over = toponyms.len().saturating_sub(MAX_MENTIONS_RESOLVED);
    u32::try_from(over).unwrap_or(u32::MAX)
}

/// Great-circle distance in km (spherical earth, R = 6371.009 km).
pub fn distance_km(lat1: f64, lon1: f64, lat2: f64, lon2: f64) -> f64 {
    let (p1, p2) = (lat1.to_radians(), lat2.to_radians());
    let dp = p2 - p1;
    let dl = (lon2 - lon1).to_radians();
    let a = (dp / 2.0).sin().powi(2) + p1.cos() * p2.cos() * (dl / 2.0).sin().powi(2);
    2.0 * 6371.009 * a.sqrt().min(1.0).asin()
}

fn prior(p: &Place, primary: bool) -> Evidence {
    let pop = p.population as f64;
    let (v, kind) = match (p.feature_class, p.feature_code.as_str()) {
        ('A', "PCLI") => (PRIOR_COUNTRY, PriorKind::Country),
        (_, "CONT") => (PRIOR_CONTINENT, PriorKind::Continent),
        ('A', "ADM1") => (
            PRIOR_ADMIN1 + PRIOR_ADMIN1_PER_DECADE * (pop + 1.0).log10(),
            PriorKind::Admin1,
        ),
        ('A', "ADM2" | "ADM2C") => (PRIOR_ADMIN2, PriorKind::County),
        ('P', _) => {
            let mut v = (pop + 1.0).log10();
            if p.population >= 1_000_000 {
                v += PRIOR_MILLION_CITY_BONUS;
            }
            (v, PriorKind::Population(p.population))
        }
        _ => (PRIOR_REGION, PriorKind::Region),
    };
    if !primary && p.feature_class == 'P' {
        Evidence::new(v - ALTERNATE_NAME_PENALTY, kind, true)
    } else {
        Evidence::new(v, kind, false)
    }
}

/// Resolves mentions found in `text`: the first [`MAX_MENTIONS_RESOLVED`] of them, the rest left out (see
/// [`mentions_left_out`]).
pub fn resolve(g: &Gazetteer, text: &str, toponyms: &[Toponym], ctx: &Context) -> Vec<Resolved> {
    let toponyms = &toponyms[..toponyms.len().min(MAX_MENTIONS_RESOLVED)];
    // Distinct names, scored together (one sense per discourse).
    let mut names: Vec<&str> = Vec::new();
    let mut name_of: Vec<usize> = Vec::with_capacity(toponyms.len());
    let mut index: FxMap<&str, usize> = FxMap::default();
    for t in toponyms {
        let s = t.text(text);
        let k = *index.entry(s).or_insert_with(|| {
            names.push(s);
            names.len() - 1
        });
        name_of.push(k);
    }
    // Candidates per name, with priors and qualifier bonuses.
    let mut cands: Vec<Vec<(u32, f64, Evidence)>> = vec![Vec::new(); names.len()];
    for (ti, t) in toponyms.iter().enumerate() {
        let k = name_of[ti];
        if cands[k].is_empty() {
            let has_primary = t.candidates.iter().any(|r| r.primary);
            for r in &t.candidates {
                let p = g.place(r.place);
                let mut why = prior(p, r.primary);
                let mut v = why.prior;
                if !r.primary && has_primary && (p.feature_class == 'P' || p.feature_code == "ADM1")
                {
                    v -= SHADOWED_ALTERNATE_PENALTY;
                    why.shadowed = true;
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
                    why.named_after_town = true;
                }
                why.prior = v;
                for &(n, id, bonus) in NEWS_SENSES {
                    if n == names[k] && id == p.geonameid {
                        v += bonus;
                        why.news_senses = why.news_senses.saturating_add(1);
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
                    if holds && c.2.qualifier.is_none() {
                        c.1 += QUALIFIER_BONUS;
                        c.2.qualifier = Some((n.start, n.end));
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
                c.2.actor_country = true;
            }
            if let Some((dc, da)) = &dateline {
                if p.country == *dc && p.country != NO_COUNTRY {
                    if !da.is_empty() && p.admin1 == *da {
                        c.1 += DATELINE_ADMIN1_BONUS;
                        c.2.dateline = DatelineMatch::Region;
                    } else {
                        c.1 += DATELINE_COUNTRY_BONUS;
                        c.2.dateline = DatelineMatch::Country;
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
    for _round in 0..SUPPORT_ROUNDS {
        let mut a1_mass: Vec<FxMap<(u16, &str), f64>> = Vec::with_capacity(cands.len());
        let mut c_mass: Vec<FxMap<u16, f64>> = Vec::with_capacity(cands.len());
        let mut best_point: Vec<Option<(f64, f64, char)>> = Vec::with_capacity(cands.len());
        for (k, cs) in cands.iter().enumerate() {
            let max = scores[k].iter().copied().fold(f64::NEG_INFINITY, f64::max);
            let weights: Vec<f64> = scores[k].iter().map(|v| (v - max).exp()).collect();
            let total: f64 = weights.iter().sum();
            let mut a1 = FxMap::default();
            let mut cm = FxMap::default();
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
        let name_count = cands.len();
        for (k, cs) in cands.iter_mut().enumerate() {
            if cs.len() < 2 {
                continue;
            }
            for (i, c) in cs.iter_mut().enumerate() {
                let p = g.place(c.0);
                let (mut sa, mut sc, mut near) = (0.0f64, 0.0f64, false);
                for k2 in 0..name_count {
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
                }
                if sc > 0.01 {
                    v += SAME_COUNTRY_BONUS * sc.min(SUPPORT_CAP);
                }
                if near {
                    v += NEAR_BONUS;
                }
                // The reason names the last round's support (the text shows it above 0.01).
                c.2.admin1_support = sa;
                c.2.country_support = sc;
                c.2.near = near;
                scores[k][i] = v;
            }
        }
    }
    for (k, cs) in cands.iter_mut().enumerate() {
        for (i, c) in cs.iter_mut().enumerate() {
            c.1 = scores[k][i];
        }
    }
    let best = |cs: &[(u32, f64, Evidence)]| -> Option<usize> {
        (0..cs.len()).max_by(|&a, &b| {
            cs[a]
                .1
                .total_cmp(&cs[b].1)
                .then_with(|| g.place(cs[b].0).geonameid.cmp(&g.place(cs[a].0).geonameid))
        })
    };
    // What each name resolves to, built once per name (its mentions share it); the last mention of a name takes
    // its candidate list, the others a copy.
    struct Choice {
        place: u32,
        name: String,
        country_iso3: Option<String>,
        admin1: Option<String>,
        ranked: Vec<Candidate>,
    }
    let mut mentions_left: Vec<usize> = vec![0; names.len()];
    for &k in &name_of {
        mentions_left[k] += 1;
    }
    let mut choices: Vec<Option<Choice>> = (0..names.len()).map(|_| None).collect();
    let mut out = Vec::with_capacity(toponyms.len());
    for (ti, t) in toponyms.iter().enumerate() {
        let k = name_of[ti];
        mentions_left[k] -= 1;
        if choices[k].is_none() {
            let cs = &cands[k];
            let Some(w) = best(cs) else {
                continue;
            };
            let p = g.place(cs[w].0);
            let mut ranked: Vec<Candidate> = cs
                .iter()
                .map(|&(place, score, evidence)| Candidate {
                    geonameid: g.place(place).geonameid,
                    place,
                    score,
                    evidence,
                })
                .collect();
            ranked.sort_by(|a, b| {
                b.score
                    .total_cmp(&a.score)
                    .then(a.geonameid.cmp(&b.geonameid))
            });
            let admin1 =
                if p.country != NO_COUNTRY && !p.admin1.is_empty() && p.feature_code != "ADM1" {
                    g.admin1_place(p.country, &p.admin1)
                        .map(|a| g.place(a).name.clone())
                } else {
                    None
                };
            choices[k] = Some(Choice {
                place: cs[w].0,
                name: p.name.clone(),
                country_iso3: g.country_of(p).map(|c| c.iso3.clone()),
                admin1,
                ranked,
            });
        }
        let Some(c) = choices[k].as_mut() else {
            continue;
        };
        let p = g.place(c.place);
        let last = mentions_left[k] == 0;
        let take = |v: &mut String| if last { std::mem::take(v) } else { v.clone() };
        out.push(Resolved {
            start: t.start,
            end: t.end,
            name: take(&mut c.name),
            lat: p.lat as f64,
            lon: p.lon as f64,
            country_iso3: if last {
                c.country_iso3.take()
            } else {
                c.country_iso3.clone()
            },
            admin1: if last {
                c.admin1.take()
            } else {
                c.admin1.clone()
            },
            feature_class: p.feature_class,
            feature_code: p.feature_code,
            geonameid: p.geonameid,
            candidates: if last {
                std::mem::take(&mut c.ranked)
            } else {
                c.ranked.clone()
            },
        });
    }
    // Streets: at the town the document last named before them (else the first after), saying so; names the
    // gazetteer lacks at the place named next to them; merged into the resolved names by position, moving them,
    // not copying.
    let mut streets: Vec<Resolved> = Vec::new();
    let towns: Vec<usize> = (0..out.len())
        .filter(|&i| out[i].feature_class == 'P')
        .collect();
    for t in toponyms {
        // "the village of Cellardyke in Fife", "the town of Akuressa, in Matara district", "Lake Titicaca in the
        // Puno region": a name the gazetteer lacks (found by its shape) and a natural feature are placed at the
        // place the document names right after them in the same sentence, else at the last one it named before,
        // else the first after.
        if matches!(t.kind, MentionKind::Name | MentionKind::Feature) && t.candidates.is_empty() {
            let next = out.partition_point(|r| r.start < t.end);
            let container = out
                .get(next)
                .filter(|r| {
                    text.get(t.end..r.start).is_some_and(|gap| {
                        gap.len() <= CONTAINER_GAP_BYTES && !gap.contains(['.', ';'])
                    })
                })
                .or_else(|| out.get(out.partition_point(|r| r.end <= t.start).wrapping_sub(1)))
                .or_else(|| out.get(next));
            if let Some(c) = container {
                streets.push(Resolved {
                    start: t.start,
                    end: t.end,
                    name: c.name.clone(),
                    lat: c.lat,
                    lon: c.lon,
                    country_iso3: c.country_iso3.clone(),
                    admin1: c.admin1.clone(),
                    feature_class: 'L',
                    feature_code: Code::parse("AREA").unwrap_or_default(),
                    geonameid: c.geonameid,
                    candidates: Vec::new(),
                });
            }
            continue;
        }
        if t.kind != MentionKind::Street {
            continue;
        }
        let before = towns.partition_point(|&i| out[i].end <= t.start);
        // The last town ending before the street; towns are in text order, so their ends are too.
        let town = before.checked_sub(1).map(|b| towns[b]).or_else(|| {
            let after = towns.partition_point(|&i| out[i].start < t.end);
            towns.get(after).copied()
        });
        let Some(town) = town.map(|i| &out[i]) else {
            continue;
        };
        streets.push(Resolved {
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
        });
    }
    if streets.is_empty() {
        return out;
    }
    let mut merged = Vec::with_capacity(out.len() + streets.len());
    let mut names_iter = out.into_iter().peekable();
    for street in streets {
        while let Some(r) = names_iter.next_if(|r| r.start <= street.start) {
            merged.push(r);
        }
        merged.push(street);
    }
    merged.extend(names_iter);
    merged
}
