//! Source and target of a matched verb (TABARI §5.8, §7.9).
//!
//! In order: the units the pattern designates (`$`, `+`, `%`); passive voice ("X was attacked by Y") swaps the
//! actor before the verb and the agent after BY; otherwise the source is the actor before the verb (the one after
//! an earlier statement verb first, so "X said Y attacked Z" gives Y), else the source carried from earlier
//! clauses, else the default source or — TABARI is greedy — the first actor after the verb. The target is the
//! first actor after the verb with another code ("distinct"), else the default target or a distinct one before
//! the verb, else a compound source is its own target. Codes come from the units, the defaults, or `---`.

use super::clause::{ClauseContext, UnitAt, VerbMatch};
use super::Coder;
use crate::analysis::ChunkKind;
use crate::grammar;
use crate::options::CoderOptions;
use crate::pattern::ClauseView;

/// CAMEO code prefixes of reciprocal events: intent to cooperate, consult, sign an agreement, cooperate.
const RECIPROCAL_CODES: &[&str] = &["03", "04", "057", "06"];

/// CAMEO code prefixes of meetings whose place is not a party: consult, by telephone, meet at a third
/// location, mediate, negotiate (a visit's place, 042/043, is the host).
const MEETING_CODES: &[&str] = &["040", "041", "044", "045", "046"];

/// CAMEO code prefixes of meetings and negotiations whose other party is named after WITH: intent to meet or
/// negotiate, consult (`partner_after_with`).
const PARTNER_CODES: &[&str] = &["036", "04"];

/// CAMEO roots whose place after IN may be a party (`places_after_in_not_parties`): consult (the place of talks
/// may be the host: "talks in Bonn"; see `meeting_place_not_target`), and the roots of force — coerce, assault,
/// fight, mass violence, and military posture — whose place is where the target is struck.
const PLACE_PARTY_ROOTS: &[&str] = &["04", "15", "17", "18", "19", "20"];

/// The agent code a capital stands for: "Paris" is `FRAGOV`.
const SEAT_AGENT: &str = "GOV";

/// The word before the other party of a meeting ("talks with Peking").
const PARTNER_WITH: &str = "WITH";

/// The country part of an actor code with no country (`---GOV`).
const NO_COUNTRY: &str = "---";

/// Whether an actor code names no country or body: the anonymous agent `---GOV`, `---BUS`.
fn countryless(code: &str) -> bool {
    code.starts_with(NO_COUNTRY)
}

/// The anonymous business: a firm named with no country (`countryless_businesses_not_parties`).
const COUNTRYLESS_BUSINESS: &str = "---BUS";

/// Years before the publication year from which a year named after IN makes a clause background
/// (`past_years_background`): "in 1985" in a 1987 story; "in 1986" may still be this winter's news.
const BACKGROUND_YEARS: u16 = 2;

/// Whether the verb is a meeting whose place after IN is not its target (`meeting_place_not_target`).
fn o_meeting_place(o: &CoderOptions, verb: &VerbMatch) -> bool {
    o.meeting_place_not_target
        && matches!(&verb.code.primary, dyad_dict::CodeValue::Code(c)
            if MEETING_CODES.iter().any(|m| c.starts_with(m)))
}

/// What earlier verbs and clauses of the sentence leave for the source search.
#[derive(Debug, Clone, Copy, Default)]
pub(super) struct Prior {
    /// Position after the latest statement verb of the clause ("said"): the source is the actor after it.
    pub statement_end: Option<usize>,
    /// The source carried from earlier clauses of the sentence.
    pub sentence_source: Option<usize>,
}

/// The source and target of one verb: the units (when an actor of the sentence) and the codes to pair.
#[derive(Debug, Clone, Default)]
pub(super) struct Roles {
    pub source: Option<usize>,
    pub target: Option<usize>,
    pub source_codes: Vec<String>,
    pub target_codes: Vec<String>,
}

/// The search for one verb's source and target in its clause.
struct RoleSearch<'s, 'a> {
    options: &'s CoderOptions,
    /// Under `countryless_not_parties`: an actor with no country is passed over (the first search); the search
    /// is run again without this when it finds no source or no target.
    parties_only: bool,
    clause: &'s ClauseContext<'a>,
    verb: &'s VerbMatch<'s>,
}

impl Coder {
    /// Source and target of the verb `m` matched in `clause`.
    pub(super) fn find_roles(&self, clause: &ClauseContext, m: &VerbMatch, prior: Prior) -> Roles {
        let o = &self.options;
        if o.countryless_not_parties {
            let roles = self.find_roles_in(clause, m, prior, true);
            if !roles.source_codes.is_empty() && !roles.target_codes.is_empty() {
                return roles;
            }
        }
        self.find_roles_in(clause, m, prior, false)
    }

    /// [`Coder::find_roles`], passing over countryless actors when `parties_only`.
    fn find_roles_in(
        &self,
        clause: &ClauseContext,
        m: &VerbMatch,
        prior: Prior,
        parties_only: bool,
    ) -> Roles {
        let search = RoleSearch {
            options: &self.options,
            parties_only,
            clause,
            verb: m,
        };
        if self.options.past_years_background && search.background_year() {
            // Nobody acts now: the clause tells what happened years ago.
            return Roles::default();
        }
        let designated = search.designated(self.compiled.verb_dialect);
        if !designated.any && self.options.object_relatives {
            if let Some((source, target)) = search.object_relative() {
                return search.codes(Some(source), Some(target));
            }
        }
        let mut source = designated.source;
        let mut target = designated.target;
        // With a target already bound, the source is the first actor with another code.
        let bound_target = target;
        let prior_source = search.prior_source(prior, bound_target);
        if !designated.any {
            if let Some(agent) = search.passive_agent() {
                target = prior_source;
                source = Some(agent);
            } else if self.options.passive_needs_agent && search.is_passive() {
                // The subject is the victim; nobody named acted.
                return search.codes(None, prior_source);
            }
        }
        if source.is_none() {
            source = prior_source;
        }
        if source.is_none() {
            source = search.source_after_verb(bound_target);
        }
        if target.is_none() {
            target = search.distinct_target(source);
        }
        search.codes(source, target)
    }
}

/// The units a pattern designates.
struct Designated {
    source: Option<usize>,
    target: Option<usize>,
    /// The pattern bound some unit: passive voice is not looked for.
    any: bool,
}

impl RoleSearch<'_, '_> {
    fn codes_of(&self, u: usize) -> &[String] {
        &self.clause.analysis().units[u].codes
    }

    /// Whether unit `u` may be a party to the event: in the search for parties only (`countryless_not_parties`),
    /// one of its codes names a country or body (not `---GOV`).
    fn party(&self, u: usize) -> bool {
        let codes = self.codes_of(u);
        if self.options.countryless_businesses_not_parties
            && codes.iter().all(|c| c == COUNTRYLESS_BUSINESS)
        {
            return false;
        }
        !self.parties_only || codes.iter().any(|c| !countryless(c))
    }

    /// The units the pattern binds. `%`: the compound is both source and target; PETRARCH's `* WITH %` after
    /// the verb makes it the target only.
    fn designated(&self, dialect: Option<dyad_dict::Dialect>) -> Designated {
        let b = &self.verb.bindings;
        let (cs, ct) = match (dialect, b.compound) {
            (Some(dyad_dict::Dialect::Tabari) | None, cu) => (cu, cu),
            (_, Some(cu)) if b.compound_after_verb => (None, Some(cu)),
            (_, cu) => (cu, cu),
        };
        Designated {
            source: b.source.or(cs),
            target: b.target.or(ct),
            any: b.source.is_some() || b.target.is_some() || b.compound.is_some(),
        }
    }

    /// Whether `u` may be the source next to a bound target: another unit with a code the target lacks.
    fn unlike_target(&self, bound_target: Option<usize>, u: usize) -> bool {
        bound_target.is_none_or(|t| {
            u != t
                && self
                    .codes_of(u)
                    .iter()
                    .any(|c| !self.codes_of(t).contains(c))
        })
    }

    /// The source before the verb: after a statement verb ("X said Y attacked Z") the actor after it, else the
    /// first actor before the verb, else the one carried from earlier clauses.
    fn prior_source(&self, prior: Prior, bound_target: Option<usize>) -> Option<usize> {
        let vs = self.verb.verb.start;
        let before = || {
            self.clause
                .units
                .iter()
                .filter(move |u| u.after <= vs)
                .filter(move |u| !self.is_place(u))
                .filter(move |u| self.party(u.unit))
                .filter(move |u| self.unlike_target(bound_target, u.unit))
        };
        prior
            .statement_end
            .and_then(|end| before().find(|u| u.pos >= end))
            .or_else(|| before().next())
            .map(|u| u.unit)
            .or(prior
                .sentence_source
                .filter(|&u| self.party(u) && self.unlike_target(bound_target, u)))
    }

    /// Passive voice (AUX one or two words before the verb, BY right after it or one word later): the actor
    /// right after BY.
    fn passive_agent(&self) -> Option<usize> {
        let seq = &self.clause.seq;
        let (vs, ve) = (self.verb.verb.start, self.verb.verb.end);
        let by = (ve..(ve + 1 + grammar::PASSIVE_BY_REACH).min(seq.len()))
            .find(|&p| seq.word(p) == Some(grammar::PASSIVE_BY))?;
        if !(vs.saturating_sub(2)..vs).any(|p| seq.word_is(grammar::PASSIVE_AUXILIARIES, p)) {
            return None;
        }
        self.clause
            .units
            .iter()
            .find(|u| u.pos == by + 1)
            .filter(|u| !self.is_place(u) && self.party(u.unit))
            .map(|u| u.unit)
    }

    /// Passive voice with no agent: a passive auxiliary one or two words before a verb that reads as a past
    /// participle ("were killed", "was held").
    fn is_passive(&self) -> bool {
        let seq = &self.clause.seq;
        let vs = self.verb.verb.start;
        let participle = seq.word(vs).is_some_and(|w| {
            (w.len() > 3 && w.ends_with("ED")) || grammar::IRREGULAR_PARTICIPLES.contains(&w)
        });
        participle
            && (vs.saturating_sub(2)..vs).any(|p| seq.word_is(grammar::PASSIVE_AUXILIARIES, p))
    }

    /// Whether the unit stands right after a preposition of place ("near Mosul"): where, not who
    /// (`places_not_actors`).
    fn is_place(&self, u: &UnitAt) -> bool {
        if !self.options.places_not_actors {
            return false;
        }
        let a = self.clause.analysis();
        let unit = &a.units[u.unit];
        // The preposition before the phrase, or inside it before the actor's words ("an IED outside the Iraqi
        // city": the actor of that phrase is where, not who).
        let place_word = |t: usize| {
            a.toks.tokens[t].kind == crate::text::TokenKind::Word
                && grammar::PLACE_PREPOSITIONS.contains(&a.text(t))
        };
        (unit.start > 0 && place_word(unit.start - 1))
            || (unit.start..unit.ev_start.max(unit.start)).any(place_word)
            || self.place_after_in(u)
    }

    /// Under `places_after_in_not_parties`, for a verb whose code is neither a meeting nor the use of force:
    /// whether the unit is a seat of government right after IN (and THE), where the event happened ("agreed in
    /// Paris to cooperate", "as pledged in the Paris accord").
    fn place_after_in(&self, u: &UnitAt) -> bool {
        if !self.options.places_after_in_not_parties {
            return false;
        }
        let seq = &self.clause.seq;
        let after_in = (u.pos >= 1 && seq.word(u.pos - 1) == Some(grammar::PLACE_IN))
            || (u.pos >= 2
                && seq.word_is(grammar::DEFINITE_DETERMINERS, u.pos - 1)
                && seq.word(u.pos - 2) == Some(grammar::PLACE_IN));
        if !after_in {
            return false;
        }
        // A seat of government: one actor phrase that is itself a government ("Paris", "Washington"), not a
        // country ("roads in Uganda") or an agent phrase ("officials in the French government").
        let a = self.clause.analysis();
        let unit = &a.units[u.unit];
        let chunk = a.chunks[a.chunk_of[unit.ev_start] as usize];
        let seat = matches!(chunk.kind, ChunkKind::Actor(_))
            && chunk.end == unit.ev_end
            && unit.codes.iter().all(|c| c.ends_with(SEAT_AGENT));
        seat && matches!(&self.verb.code.primary, dyad_dict::CodeValue::Code(c)
                if !PLACE_PARTY_ROOTS.iter().any(|r| c.starts_with(r)))
    }

    /// An object relative clause: the last actor before the verb comes right after WHICH or WHOM, and the noun
    /// phrase before the pronoun holds another actor ("a Turkish research ship which Greece had threatened"):
    /// (source, target) = (that actor, the noun phrase's).
    fn object_relative(&self) -> Option<(usize, usize)> {
        let seq = &self.clause.seq;
        let a = self.clause.analysis();
        let vs = self.verb.verb.start;
        let units = &self.clause.units;
        let yi = units.iter().rposition(|u| u.after <= vs)?;
        let y = units[yi];
        let which = y.pos.checked_sub(1)?;
        if !seq
            .word(which)
            .is_some_and(|w| grammar::OBJECT_RELATIVE_PRONOUNS.contains(&w))
        {
            return None;
        }
        // Between the relative's actor and the verb, only auxiliaries and other plain words: no verb, comma or
        // clause break.
        let plain = |p: usize| {
            matches!(
                a.chunk_kind(seq.toks[p]),
                ChunkKind::Other | ChunkKind::Noun | ChunkKind::Adjective | ChunkKind::Breaker
            ) && seq.word(p).is_some()
        };
        if !(y.after..vs).all(plain) {
            return None;
        }
        // The antecedent: the unit before WHICH, at most a few plain words (its noun's head) away.
        let x = units[..yi].last()?;
        let gap_ok = x.after <= which
            && which - x.after <= grammar::NOUN_HEAD_REACH
            && (x.after..which).all(|p| {
                matches!(
                    a.chunk_kind(seq.toks[p]),
                    ChunkKind::Other | ChunkKind::Noun | ChunkKind::Adjective
                )
            });
        let differ = self
            .codes_of(x.unit)
            .iter()
            .any(|c| !self.codes_of(y.unit).contains(c));
        (gap_ok && differ).then_some((y.unit, x.unit))
    }

    /// With no actor before the verb: none when a default source stands in first, else (TABARI is greedy, and
    /// so is a pattern that bound only the target under `source_after_bound_target`) the first actor after it.
    fn source_after_verb(&self, bound_target: Option<usize>) -> Option<usize> {
        let o = self.options;
        if o.default_source.is_some() && o.default_source_prior {
            return None;
        }
        if !(o.source_after_verb
            || (self.verb.bindings.target.is_some() && o.source_after_bound_target))
        {
            return None;
        }
        self.clause
            .units
            .iter()
            .filter(|u| u.pos >= self.verb.verb.end)
            .filter(|u| self.party(u.unit))
            .find(|u| self.unlike_target(bound_target, u.unit))
            .map(|u| u.unit)
    }

    /// Whether `u` may be the target of `source`: another unit, not a pronoun standing for the source itself
    /// ("Israel stepped up its military strikes"), with a code the source lacks.
    fn distinct(&self, source: Option<usize>, u: &UnitAt) -> bool {
        let src_codes: &[String] = source.map_or(&[], |s| self.codes_of(s));
        let self_reference = self.clause.analysis().units[u.unit].pronoun
            && self
                .codes_of(u.unit)
                .iter()
                .all(|code| src_codes.iter().any(|sc| code.starts_with(sc.as_str())));
        // "Italy's foreign minister ... expressed Italy's willingness": the bare country of an agent source is
        // the source again, not its target.
        let own_country = self.options.own_country_not_target
            && self.codes_of(u.unit).iter().all(|code| {
                code.len() == grammar::COUNTRY_CODE_LEN
                    && src_codes.iter().any(|sc| {
                        sc.len() > grammar::COUNTRY_CODE_LEN
                            && sc.get(..grammar::COUNTRY_CODE_LEN) == Some(code.as_str())
                    })
            });
        Some(u.unit) != source
            && self.party(u.unit)
            && Some(u.unit) != self.verb.bindings.skipped
            && !self_reference
            && !own_country
            && self
                .codes_of(u.unit)
                .iter()
                .any(|code| !src_codes.contains(code))
    }

    /// The target when the pattern bound none: the first distinct actor after the verb; else none when a default
    /// target stands in, else the first distinct actor before the verb, else a compound source itself.
    fn distinct_target(&self, source: Option<usize>) -> Option<usize> {
        let (vs, ve) = (self.verb.verb.start, self.verb.verb.end);
        let units = &self.clause.units;
        let place_meeting = o_meeting_place(self.options, self.verb);
        if let Some(u) = self.partner_after_with(source) {
            return Some(u);
        }
        let after = units
            .iter()
            .filter(|u| u.pos >= ve)
            .filter(|u| !(place_meeting && self.meeting_place(source, u)))
            .filter(|u| !self.is_place(u))
            .find(|u| self.distinct(source, u));
        if let Some(u) = after {
            return Some(u.unit);
        }
        let o = self.options;
        if o.compound_later_members_target {
            // A compound source found after the verb: its later members are the target.
            let found_after = units.iter().any(|u| Some(u.unit) == source && u.pos >= ve);
            if let Some(later) = source
                .filter(|_| found_after)
                .and_then(|s| self.last_member(s))
            {
                return Some(later);
            }
        }
        if o.default_target.is_some() && o.default_target_after {
            return None;
        }
        let before = units
            .iter()
            .filter(|u| u.after <= vs)
            .filter(|u| !self.is_place(u))
            .find(|u| self.distinct(source, u));
        if let Some(u) = before {
            return Some(u.unit);
        }
        if o.target_from_earlier_clause {
            if let Some(u) = self.earlier_clause_target(source) {
                return Some(u);
            }
        }
        match before {
            Some(u) => Some(u.unit),
            None if o.compound_later_members_target => source.and_then(|s| self.last_member(s)),
            None => source.filter(|&s| {
                self.clause.analysis().units[s].compound
                    && (!o.reciprocal_compound_targets || self.reciprocal())
            }),
        }
    }

    /// Under `target_from_earlier_clause`, for a clause after the first with a source and no target of its own,
    /// whose words before the verb are no subject of their own and with no pronoun after the verb: the last actor of the clause before that may be
    /// the target ("The EC proposed a package, but West Germany
    /// and Britain called for a smaller rise": the EC).
    fn earlier_clause_target(&self, source: Option<usize>) -> Option<usize> {
        source?;
        let a = self.clause.analysis();
        // Before the verb only a conjunction, an actor, auxiliaries or a pronoun ("and vowed", "but West Germany
        // called for"): a subject of other words ("and all three agreed") is no party carried over.
        let own_subject = (0..self.verb.verb.start).any(|p| {
            !matches!(
                a.chunk_kind(self.clause.seq.toks[p]),
                ChunkKind::Conjunction
                    | ChunkKind::Comma
                    | ChunkKind::Actor(_)
                    | ChunkKind::Agent(_)
                    | ChunkKind::Determiner
                    | ChunkKind::Breaker
                    | ChunkKind::Pronoun
            )
        });
        // A pronoun after the verb ("and shelling its towns") refers back to the clause's own actors.
        let pronoun_after = self
            .clause
            .units
            .iter()
            .any(|u| u.pos >= self.verb.verb.end && a.units[u.unit].pronoun);
        if own_subject || pronoun_after {
            return None;
        }
        let index = self.clause.index.checked_sub(1)?;
        let &(start, end) = a.clauses.get(index)?;
        a.visible_units()
            .filter(|(_, u)| u.start >= start && u.start < end && !u.pronoun)
            .map(|(unit, _)| UnitAt {
                unit,
                pos: 0,
                after: 0,
            })
            .filter(|u| !self.is_place(u) && self.distinct(source, u))
            .last()
            .map(|u| u.unit)
    }

    /// Whether the clause names, after IN (and THE), a year at least [`BACKGROUND_YEARS`] before the
    /// publication date: "agreed in 1981", "captured in the 1967 war".
    fn background_year(&self) -> bool {
        let Some(published) = self.clause.analysis().date.map(|d| d.year()) else {
            return false;
        };
        let seq = &self.clause.seq;
        let year = |p: usize| {
            seq.word(p)
                .filter(|w| w.len() == 4)
                .and_then(|w| w.parse::<u16>().ok())
                .filter(|&y| y >= 1000)
        };
        (0..seq.len()).any(|p| {
            if seq.word(p) != Some(grammar::PLACE_IN) {
                return false;
            }
            let at = if seq.word_is(grammar::DETERMINERS, p + 1) {
                p + 2
            } else {
                p + 1
            };
            year(at).is_some_and(|y| y.saturating_add(BACKGROUND_YEARS) <= published)
        })
    }

    /// Under `partner_after_with`, for a meeting or negotiation: the first distinct actor with a country after
    /// the verb that comes right after WITH (or WITH and a determiner).
    fn partner_after_with(&self, source: Option<usize>) -> Option<usize> {
        let partner_code = matches!(&self.verb.code.primary, dyad_dict::CodeValue::Code(c)
            if PARTNER_CODES.iter().any(|p| c.starts_with(p)));
        if !(self.options.partner_after_with && partner_code) {
            return None;
        }
        let seq = &self.clause.seq;
        let after_with = |pos: usize| {
            let with_at = |p: usize| seq.word(p) == Some(PARTNER_WITH);
            (pos >= 1 && with_at(pos - 1))
                || (pos >= 2 && seq.word_is(grammar::DETERMINERS, pos - 1) && with_at(pos - 2))
        };
        self.clause
            .units
            .iter()
            .filter(|u| u.pos >= self.verb.verb.end && after_with(u.pos))
            .filter(|u| !self.is_place(u))
            // "visit Britain ... for discussions with governments": a partner with no country names nobody.
            .filter(|u| {
                self.codes_of(u.unit)
                    .iter()
                    .any(|c| !c.starts_with(NO_COUNTRY))
            })
            .find(|u| self.distinct(source, u))
            .map(|u| u.unit)
    }

    /// The last member of compound `s` (`None` when `s` is no compound). With two members the pairs are
    /// first → last; an actor is never paired with itself.
    fn last_member(&self, s: usize) -> Option<usize> {
        let units = &self.clause.analysis().units;
        let c = &units[s];
        if !c.compound {
            return None;
        }
        (0..units.len())
            .filter(|&m| {
                m != s && units[m].absorbed && units[m].start >= c.start && units[m].end <= c.end
            })
            .max_by_key(|&m| units[m].start)
    }

    /// Whether the unit, right after IN, is only where a meeting of the source took place: the source is a
    /// compound (its members meet one another: "Japanese and Korean leaders met in Beijing") or the place is
    /// in the source's own country ("met in Tokyo" said of Japan). "Talks in Bonn" of a Soviet minister keep
    /// Bonn as the other party.
    fn meeting_place(&self, source: Option<usize>, u: &UnitAt) -> bool {
        if u.pos == 0 || self.clause.seq.word(u.pos - 1) != Some(grammar::PLACE_IN) {
            return false;
        }
        let Some(s) = source else {
            return false;
        };
        let src = self.codes_of(s);
        self.clause.analysis().units[s].compound
            || self.codes_of(u.unit).iter().all(|c| {
                let country = c.get(..3);
                country.is_some() && src.iter().any(|sc| sc.get(..3) == country)
            })
    }

    /// Whether the verb's code is a reciprocal event: each member of a compound source does it toward the
    /// others ("Britain and Japan agreed").
    fn reciprocal(&self) -> bool {
        match &self.verb.code.primary {
            dyad_dict::CodeValue::Code(c) => RECIPROCAL_CODES.iter().any(|r| c.starts_with(r)),
            _ => false,
        }
    }

    /// The codes to pair: the units' codes, else the default source or target, else `---` for a missing target
    /// when a dyad is not required.
    fn codes(&self, source: Option<usize>, target: Option<usize>) -> Roles {
        let o = self.options;
        // A pattern may bind a countryless actor, and a compound may hold one: only the codes of parties count.
        let party_codes = |u: usize| -> Vec<String> {
            let codes = self.codes_of(u).iter();
            let no_business = o.countryless_businesses_not_parties;
            if self.parties_only {
                codes.filter(|c| !countryless(c)).cloned().collect()
            } else {
                codes
                    .filter(|c| !(no_business && c.as_str() == COUNTRYLESS_BUSINESS))
                    .cloned()
                    .collect()
            }
        };
        let source_codes = match source {
            Some(s) => party_codes(s),
            None => o.default_source.iter().cloned().collect(),
        };
        let target_codes = match (target, &o.default_target) {
            (Some(t), _) => party_codes(t),
            (None, Some(d)) => vec![d.clone()],
            (None, None) if !o.require_dyad => vec!["---".to_string()],
            (None, None) => Vec::new(),
        };
        Roles {
            source,
            target,
            source_codes,
            target_codes,
        }
    }
}
