//! Coding options: the TABARI `.options` / PETRARCH `PETR_config.ini` switches the coder honours.

/// Word-count limits of comma-delimited clauses that are eliminated (TABARI §8.6, PETRARCH `comma_*`).
/// A clause is dropped when its word count is within `min..=max` (middle), `bmin..=bmax` (before the first
/// comma) or `emin..=emax` (after the last comma).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CommaLimits {
    pub min: usize,
    pub max: usize,
    pub bmin: usize,
    pub bmax: usize,
    pub emin: usize,
    pub emax: usize,
}

impl Default for CommaLimits {
    /// TABARI's defaults: more than 2 and at most 10 words; the initial phrase is never dropped.
    fn default() -> Self {
        CommaLimits {
            min: 3,
            max: 10,
            bmin: 128,
            bmax: 0,
            emin: 3,
            emax: 10,
        }
    }
}

/// When the coder stops looking for events in a sentence (TABARI §7.6.1).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum CodeBy {
    /// The first event of each conjunction-delimited clause.
    #[default]
    Clause,
    /// The first event of the sentence.
    Sentence,
    /// Every verb that yields an event.
    All,
}

/// TABARI `COMPLEX:` conditions; a sentence meeting one is not coded.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Complexity {
    /// `VERBS[n]`: n or more verbs.
    pub verbs: Option<usize>,
    /// `CONJ[n]`: n or more clause conjunctions.
    pub conjunctions: Option<usize>,
    /// `NOACTPRIOR`: no actor before the first verb.
    pub no_actor_prior: bool,
}

/// The default of [`CoderOptions::max_sentence_tokens`].
///
/// Real news sentences stay far below it: the longest in the Reuters-21578 bodies and the validation suites run to
/// a few hundred tokens (wire-copy leads listing names or figures), and the sentence splitter cuts run-on text at
/// `dyad_sentences::MAX_SENTENCE_BYTES` (some 700 tokens of prose). A longer "sentence" is a table, a list, or raw
/// text handed straight to [`crate::Coder::code_sentence`]; reading only its head keeps the coder's work and its
/// events per sentence bounded, while no real sentence is ever cut.
pub const MAX_SENTENCE_TOKENS: usize = 1_000;

/// Everything that changes how sentences are coded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CoderOptions {
    /// `None`: comma-clause elimination off (`COMMA: OFF`).
    pub comma: Option<CommaLimits>,
    pub code_by: CodeBy,
    pub complexity: Complexity,
    /// PETRARCH `require_dyad`: an event needs both source and target. When false, a missing target is `---` and
    /// an agent without actor becomes the anonymous actor `---AGT`.
    pub require_dyad: bool,
    /// The last comma left after comma-clause elimination also ends a clause (PETRARCH codes each verb phrase,
    /// and a trailing ", officials said" is one).
    pub comma_splits_clauses: bool,
    /// PETRARCH: a noun phrase with an agent and no actor is the anonymous actor `---AGT` ("officials said").
    pub anonymous_agents: bool,
    /// TABARI `CONVERT AGENTS`: an agent without an actor is an actor with the bare agent code.
    pub convert_agents: bool,
    /// Sentences with fewer words are not coded (TABARI `MINIMUM WORDS`).
    pub minimum_words: usize,
    /// Read a noun phrase as one actor with its agents (PETRARCH); otherwise attach agents only to an adjacent
    /// actor and keep every actor separate (TABARI).
    pub merge_noun_phrases: bool,
    /// A verb after a determiner or capitalised mid-sentence is a noun (TABARI §7.4).
    pub noun_shift: bool,
    /// An uninflected verb word closing a noun phrase that starts with a determiner is a noun (PETRARCH reading:
    /// "an anti-Gondor parade").
    pub noun_phrase_heads: bool,
    /// A verb-dictionary word that the part-of-speech tagger (`dyad_pos`) reads as a noun or adjective in its
    /// context ("the talks", "a maritime dispute", "Iran's support") is a noun, not the clause's verb. Off in
    /// every preset: the built-in dictionaries code nominal events on purpose ("economic talks in Bonn": a
    /// meeting), and on dev-news (tune) it costs type + actors 48.1% → 44.3% and PETRARCH-1 250 → 235 records,
    /// for UD-PETRARCH 26 → 29. Only sentences with a verb-dictionary word are tagged, and only when it is on.
    pub pos_nouns_not_verbs: bool,
    /// A subordinating word the tagger reads as one ("after", "while", "because", ...), with a finite verb on
    /// both sides, starts a new clause ("Iraq shelled Basra after Iran attacked Faw": two clauses, two events).
    /// On for raw news (dev-news tune: type 62.0% → 63.9%, type + actors 48.1% → 49.4%, precision .79 → .80);
    /// off in the TABARI and PETRARCH presets, whose suites lose a record or three with it.
    pub pos_subordinate_clauses: bool,
    /// A pattern's `$ + % ^` find their actor only in the phrase right after the preceding element, not
    /// anywhere later in the clause (PETRARCH reads patterns against the parse, TABARI against the word string).
    pub bounded_pattern_actors: bool,
    /// Across a story, a pronoun refers to the source of the previous sentence's first event; otherwise (TABARI
    /// FORWARD) to that sentence's first actor.
    pub subject_from_events: bool,
    /// Statement events (CAMEO root 01, e.g. SAY) give way to another event of the same clause: "X said Y
    /// attacked Z" codes the attack.
    pub statements_subordinate: bool,
    /// A verb negated within a few words ("did not attack") yields no event unless a pattern matched the
    /// negation.
    pub negation_blocks: bool,
    /// TABARI `DEFAULT: SOURCE [code]`: source when none is found.
    pub default_source: Option<String>,
    /// TABARI `PRIOR`: the default source applies whenever no actor precedes the verb.
    pub default_source_prior: bool,
    /// TABARI `DEFAULT: TARGET [code]`: target when none is found.
    pub default_target: Option<String>,
    /// TABARI `AFTER`: the default target applies whenever no actor follows the verb.
    pub default_target_after: bool,
    /// With no actor before the verb, take the source from after it (TABARI's greedy search).
    pub source_after_verb: bool,
    /// The same, only when a pattern bound the target (`- + WAS * DEAD IN $`-like readings).
    pub source_after_bound_target: bool,
    /// An auxiliary or modal that the verb dictionary lists (HAS, SHOULD) is not the verb when another verb
    /// follows within two words ("should have acted"): PETRARCH's parser never makes it the head.
    pub auxiliaries_yield: bool,
    /// A compound source with no other actor is its own target ("Britain and Japan agreed", each toward the
    /// other) only for reciprocal events — intent to cooperate, consult, sign, cooperate (CAMEO 03, 04, 057,
    /// 06) — not for one-sided ones ("West Germany and Britain called for ...": neither appeals to the other).
    /// Off, every code pairs the compound with itself (TABARI, PETRARCH).
    pub reciprocal_compound_targets: bool,
    /// The object pronoun HIM refers to the sentence's first actor, as HE does (TABARI §7.7: "Gondor asked him");
    /// off (raw news), HIM is no actor.
    pub him_refers: bool,
    /// Comma clauses are dropped before pronouns are resolved, so a pronoun never refers to an actor of a
    /// dropped clause (TABARI); off, a dropped clause still holds a pronoun's referent ("He said that, if China
    /// wants GSP status, it will have to lobby Congress": CHN).
    pub pronouns_after_comma_clauses: bool,
    /// A compound source with no other actor has its later members as its target, so each pair is coded once
    /// ("Bree and Arnor are about to restore ties": BRE → ARN), also before a default target when the compound
    /// came after the verb (TABARI reads on from the source it found there). Off, every member is paired with
    /// every other.
    pub compound_later_members_target: bool,
    /// Bare countries listed before a country with an agent share its agent ("Hungarian and Romanian
    /// officials": HUNGOV and ROUGOV, not HUN and ROUGOV).
    pub compound_shares_agent: bool,
    /// The place of a meeting or negotiation ("met in Paris", CAMEO 040, 041, 044-046) is not its target; the
    /// place of a visit still is ("arrived in Algiers").
    pub meeting_place_not_target: bool,
    /// The bare country of a source with an agent is not its target ("Italy's foreign minister ... expressed
    /// Italy's willingness": no ITAGOV → ITA).
    pub own_country_not_target: bool,
    /// The other party of a meeting or negotiation (CAMEO 036, 04x) is the actor right after WITH when one
    /// follows the verb; an actor named before it is the topic ("agreed to discuss Afghanistan in its talks
    /// with Peking": Peking, not Afghanistan).
    pub partner_after_with: bool,
    /// A clause dated two or more years before the publication date ("agreed in 1981", "captured in the 1967
    /// war", in a 1987 story) is background, not news: it gives no event. Inert without a publication date.
    pub past_years_background: bool,
    /// A consultation that is still to come — its verb after WILL, WOULD or SHALL within three words, or right
    /// after TO ("hopes to meet", "will visit") — is coded as intent to meet or negotiate (CAMEO 036), not as
    /// the meeting (04x).
    pub future_consultation_intent: bool,
    /// A bare statement (the statement verb's own code 010, no pattern) is an event only toward its addressee,
    /// the actor right after the verb ("told Iran", "said to Iran"); "X said Y's talks ..." gives no 010 toward
    /// Y, and the events of the reported clause are coded as before.
    pub statements_need_addressee: bool,
    /// A passive verb with no actor after its BY ("were killed in a bombing", "were killed by an IED") has its
    /// subject as the target (the victim) and no source, so it gives no event: the subject is never the one
    /// who acted.
    pub passive_needs_agent: bool,
    /// An actor right after a preposition of place that is no party ("near Mosul", "outside the Iraqi city of
    /// Basra", "off Kuwait") is where the event happened, not its source or target.
    pub places_not_actors: bool,
    /// An object relative clause ("a Turkish ship which Greece had threatened") has the actor after WHICH or
    /// WHOM as its source and the noun phrase before it as its target.
    pub object_relatives: bool,
    /// A denial (CAMEO 016: "Rwanda denied that it supports the rebels") is the event, not a statement that
    /// gives way to the verb it denies.
    pub denials_not_statements: bool,
    // s24-news: raw-news rules for dev-news (issue 16).
    /// An actor with no country — an agent alone, read as the anonymous `---GOV`, `---BUS` ("banks", "officials",
    /// "warships") — is the source or target of an event only when no actor that names a country or body can be:
    /// the roles are looked for among those first ("The U.S. has offered warships to escort Kuwaiti tankers":
    /// USA → KWT, not USA → `---MIL`), and a compound keeps only its members that do.
    pub countryless_not_parties: bool,
    /// A sentence that gives no event otherwise is read for an event noun: a one-word form of a dictionary verb
    /// with an actor right before it and another party after WITH or AGAINST ("Poland's talks in Washington with
    /// the World Bank", "the U.S. strike against Iranian targets"), coded with the verb's own code.
    pub nominal_events: bool,
    /// A clause after the first with a source and no target of its own, no subject but an actor before its verb and
    /// no pronoun after it, takes as target the last actor of the clause before it that is no place and not the source ("The EC proposed a package, but West Germany and
    /// Britain called for a smaller rise": DEU and GBR → EC; "Iraq attacked Iranian oil sites and vowed to keep up
    /// such raids": IRQ → IRN).
    pub target_from_earlier_clause: bool,
    /// Tokens of one sentence the coder reads (default [`MAX_SENTENCE_TOKENS`]). A longer sentence is coded from
    /// its head only, cut at the last clause punctuation near the limit, and its analysis says so
    /// ([`crate::analysis::Analysis::truncated`]). `usize::MAX` reads everything.
    pub max_sentence_tokens: usize,
    // s25-news: raw-news rules for dev-news (issue 16).
    /// An actor word inside a company's name — capitalised words from it to a corporate suffix such as CO, LTD,
    /// AIRWAYS ("American Express Co", "British Airways", "Air U.K. Ltd") — names the company, not a country: the
    /// phrase is no actor ("American Express Co said it has agreed with ..." gives no USA). A company tied to a
    /// country by OF ("<MMC Sittipol Co Ltd> of Thailand") keeps that country.
    pub company_names_not_parties: bool,
    /// A business with no country — the anonymous `---BUS` of "the company", "creditor banks", "a Portland-based
    /// wood products company" — is never the source or target of an event: business between unnamed firms, or
    /// a firm and a state, is no political dyad.
    pub countryless_businesses_not_parties: bool,
    /// A compound actor's member may follow an aside of a word or two between commas ("Officials from
    /// Indonesia, Malaysia, Singapore and, perhaps, Thailand will meet": one compound of four members).
    pub compound_asides: bool,
    /// A seat of government right after IN (or IN THE) — one actor phrase coded as a government, a capital — is
    /// where the event happened, not its source or target, unless the event is a meeting (CAMEO 04, see
    /// `meeting_place_not_target`) or the use of force (15, 17-20): "the Group of Five and Canada agreed in Paris
    /// to ..." gives no target FRAGOV, nor does "as pledged in the Paris accord". A country after IN stays
    /// ("build roads in Uganda").
    pub places_after_in_not_parties: bool,
    /// A verb a few words after MIGHT, RUMORED or RUMOURED is speculation, not an event ("Denmark and Portugal
    /// might agree to the tax", "Algeria was rumored to be tendering"); MAY, COULD and WILL are unchanged.
    pub speculation_not_events: bool,
    /// A verb pattern with the null code covers the words it matched: a later verb among them gives no event
    /// either ("agreed to take a stake in", "declined to name the buyer"). A verb's own null code covers nothing.
    pub null_patterns_cover: bool,
}

impl Default for CoderOptions {
    /// Settings for raw news with PETRARCH/Phoenix dictionaries.
    fn default() -> Self {
        CoderOptions {
            // The clause after the last comma is coded on its own (see `comma_splits_clauses`), so it is not
            // dropped: ", warning Damascus it would respond" is an event.
            comma: Some(CommaLimits {
                emax: 0,
                ..CommaLimits::default()
            }),
            code_by: CodeBy::Clause,
            complexity: Complexity::default(),
            require_dyad: true,
            convert_agents: false,
            anonymous_agents: true,
            comma_splits_clauses: true,
            minimum_words: 0,
            merge_noun_phrases: true,
            noun_shift: true,
            noun_phrase_heads: true,
            pos_nouns_not_verbs: false,
            pos_subordinate_clauses: true,
            subject_from_events: true,
            bounded_pattern_actors: true,
            statements_subordinate: true,
            negation_blocks: true,
            default_source: None,
            default_source_prior: false,
            default_target: None,
            default_target_after: false,
            source_after_verb: false,
            source_after_bound_target: true,
            auxiliaries_yield: true,
            reciprocal_compound_targets: true,
            compound_later_members_target: false,
            pronouns_after_comma_clauses: false,
            him_refers: false,
            compound_shares_agent: true,
            meeting_place_not_target: true,
            own_country_not_target: true,
            partner_after_with: true,
            past_years_background: true,
            future_consultation_intent: true,
            statements_need_addressee: true,
            passive_needs_agent: true,
            places_not_actors: true,
            object_relatives: true,
            denials_not_statements: true,
            countryless_not_parties: true,
            nominal_events: true,
            target_from_earlier_clause: true,
            max_sentence_tokens: MAX_SENTENCE_TOKENS,
            company_names_not_parties: true,
            countryless_businesses_not_parties: true,
            compound_asides: true,
            places_after_in_not_parties: true,
            speculation_not_events: true,
            null_patterns_cover: true,
        }
    }
}

impl CoderOptions {
    /// TABARI's behaviour (validation settings aside): actors kept apart, no dyad-less events.
    pub fn tabari() -> CoderOptions {
        CoderOptions {
            comma: Some(CommaLimits::default()),
            merge_noun_phrases: false,
            statements_subordinate: false,
            negation_blocks: false,
            source_after_verb: true,
            // TABARI skips sentence fragments under 8 words (§8.2.3), a comma counting as a word.
            minimum_words: 8,
            auxiliaries_yield: false,
            comma_splits_clauses: false,
            noun_phrase_heads: false,
            subject_from_events: false,
            bounded_pattern_actors: false,
            compound_later_members_target: true,
            pronouns_after_comma_clauses: true,
            him_refers: true,
            ..CoderOptions::default()
        }
        .without_raw_news_rules()
    }

    /// PETRARCH-1's behaviour.
    pub fn petrarch() -> CoderOptions {
        CoderOptions {
            statements_subordinate: false,
            negation_blocks: false,
            ..CoderOptions::default()
        }
        .without_raw_news_rules()
    }

    /// The rules dyad adds for raw news (compounds, meeting places, own countries, intent, statements needing an
    /// addressee, passives, places, object relatives, denials, partners after WITH, background years, subordinate
    /// clauses, countryless actors, event nouns, targets from the clause before, company names, countryless
    /// businesses, compound asides, places after IN,
    /// speculation) turned off, so the classic coders'
    /// suites are scored by their own conventions.
    fn without_raw_news_rules(self) -> CoderOptions {
        CoderOptions {
            reciprocal_compound_targets: false,
            compound_shares_agent: false,
            meeting_place_not_target: false,
            own_country_not_target: false,
            partner_after_with: false,
            past_years_background: false,
            future_consultation_intent: false,
            statements_need_addressee: false,
            passive_needs_agent: false,
            places_not_actors: false,
            object_relatives: false,
            denials_not_statements: false,
            pos_subordinate_clauses: false,
            countryless_not_parties: false,
            nominal_events: false,
            target_from_earlier_clause: false,
            company_names_not_parties: false,
            countryless_businesses_not_parties: false,
            compound_asides: false,
            places_after_in_not_parties: false,
            speculation_not_events: false,
            null_patterns_cover: false,
            ..self
        }
    }
}
