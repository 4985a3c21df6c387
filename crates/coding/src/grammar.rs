//! The closed-class English words the shallow parser relies on, as named tables (TABARI §7.1 word types).

/// Determiners: a verb right after one is read as a noun (TABARI §7.4).
pub const DETERMINERS: WordSet = WordSet {
    bit: 1 << 0,
    words: &["THE", "A", "AN"],
};

/// Definite determiners: "the minister" refers back to a known actor.
pub const DEFINITE_DETERMINERS: WordSet = WordSet {
    bit: 1 << 15,
    words: &["THE"],
};
/// Agent codes (prefixes) of state institutions, which "the minister", "the army" may refer back to; a
/// militia or an opposition group named without its country is not assumed to belong to the last one named.
pub const BACK_REFERENCE_AGENTS: &[&str] = &["GOV", "MIL", "COP", "JUD", "LEG", "SPY"];
/// Length of the country part of a CAMEO actor code (`RUS` of `RUSGOV`).
pub const COUNTRY_CODE_LEN: usize = 3;

/// Indefinite singular determiners.
pub const INDEFINITE_DETERMINERS: WordSet = WordSet {
    bit: 1 << 1,
    words: &["A", "AN"],
};

/// Pronouns that refer to the first actor of the sentence (TABARI §7.7).
pub const PRONOUNS_FIRST_ACTOR: WordSet = WordSet {
    bit: 1 << 2,
    words: &["HE", "HIM", "SHE", "IT"],
};
/// Possessive pronouns that refer to the first actor before them.
pub const PRONOUNS_PRIOR_ACTOR: WordSet = WordSet {
    bit: 1 << 3,
    words: &["ITS", "HIS", "HER"],
};
/// Plural pronouns: the first compound actor, else the first actor.
pub const PRONOUNS_PLURAL: WordSet = WordSet {
    bit: 1 << 4,
    words: &["THEY", "THEM", "THEIR"],
};

/// Clause-joining conjunctions (TABARI §7.6).
pub const CONJUNCTIONS: WordSet = WordSet {
    bit: 1 << 5,
    words: &["AND", "BUT", "OR", "NOR"],
};
/// Conjunctions that may join the members of a compound actor.
pub const COMPOUND_CONJUNCTIONS: WordSet = WordSet {
    bit: 1 << 6,
    words: &["AND", "OR", "NOR"],
};

/// Auxiliaries that, one or two words before a verb followed by BY, make it passive (TABARI §7.9, plus the
/// present-tense forms raw news uses).
pub const PASSIVE_AUXILIARIES: WordSet = WordSet {
    bit: 1 << 7,
    words: &["WAS", "WERE", "BEEN", "IS", "ARE", "BE", "BEING"],
};
/// Past participles without the -ED ending that a passive may use ("were held", "was shot").
pub const IRREGULAR_PARTICIPLES: &[&str] = &[
    "HELD",
    "HIT",
    "SHOT",
    "STRUCK",
    "CAUGHT",
    "FOUGHT",
    "TAKEN",
    "GIVEN",
    "SEEN",
    "BEATEN",
    "HURT",
    "SOLD",
    "TOLD",
    "SENT",
    "BROUGHT",
    "THROWN",
    "DRIVEN",
    "SLAIN",
    "KEPT",
    "LED",
    "MET",
    "CHOSEN",
    "STOLEN",
    "TORN",
    "BOUND",
    "SHUT",
    "SPENT",
    "WON",
    "LOST",
    "BURNT",
    "FORBIDDEN",
    "OVERTHROWN",
    "SHAKEN",
    "BITTEN",
    "SWORN",
];
/// Prepositions of place whose actor is where an event happened, not a party to it ("near Mosul").
pub const PLACE_PREPOSITIONS: &[&str] = &[
    "NEAR", "OUTSIDE", "INSIDE", "AROUND", "OFF", "ALONG", "NEARBY", "BESIDE", "ACROSS",
];
/// Relative pronouns that open an object relative clause when an actor follows them ("a ship which Greece
/// threatened").
pub const OBJECT_RELATIVE_PRONOUNS: &[&str] = &["WHICH", "WHOM"];
/// The agent marker of a passive.
pub const PASSIVE_BY: &str = "BY";
/// How many words may stand between a passive verb and its BY ("was opposed earlier by").
pub const PASSIVE_BY_REACH: usize = 1;

/// Prepositions through which an agent takes the actor that follows (TABARI §5.4: "PRESIDENT OF ISRAEL").
pub const AGENT_PREPOSITIONS: WordSet = WordSet {
    bit: 1 << 8,
    words: &["OF", "IN"],
};
/// Prepositions through which a noun phrase of agents takes the actor that follows (PETRARCH reading:
/// "lawmakers in Fornost", "soldiers from Gondor").
pub const AGENT_PREPOSITIONS_NP: WordSet = WordSet {
    bit: 1 << 9,
    words: &["OF", "IN", "FROM"],
};
/// Words before an actor or agent that make the agent an elite (TABARI §5.4.1).
pub const FORMER_WORDS: WordSet = WordSet {
    bit: 1 << 10,
    words: &["FORMER", "EX"],
};
/// The agent code "former" turns an agent into.
pub const ELITE_AGENT: &str = "ELI";

/// Words that end a noun phrase: prepositions (other than OF), auxiliaries and modals, relative words, negation,
/// subordinators. Anything not listed and not tagged as a verb may sit inside a noun phrase.
pub const NOUN_PHRASE_BREAKERS: WordSet = WordSet {
    bit: 1 << 11,
    words: &[
        "TO",
        "FOR",
        "WITH",
        "ON",
        "AT",
        "FROM",
        "AGAINST",
        "BY",
        "ABOUT",
        "INTO",
        "ONTO",
        "OVER",
        "UNDER",
        "AFTER",
        "BEFORE",
        "DURING",
        "SINCE",
        "UNTIL",
        "WITHOUT",
        "WITHIN",
        "BETWEEN",
        "AMONG",
        "THROUGH",
        "ACROSS",
        "TOWARD",
        "TOWARDS",
        "NEAR",
        "UPON",
        "VIA",
        "AS",
        "THAN",
        "LIKE",
        "IN",
        "IS",
        "ARE",
        "WAS",
        "WERE",
        "BE",
        "BEEN",
        "BEING",
        "AM",
        "HAS",
        "HAVE",
        "HAD",
        "HAVING",
        "DO",
        "DOES",
        "DID",
        "WILL",
        "WOULD",
        "SHALL",
        "SHOULD",
        "CAN",
        "COULD",
        "MAY",
        "MIGHT",
        "MUST",
        "THAT",
        "WHICH",
        "WHO",
        "WHOM",
        "WHOSE",
        "WHERE",
        "WHEN",
        "WHILE",
        "BECAUSE",
        "IF",
        "ALTHOUGH",
        "THOUGH",
        "WHETHER",
        "NOT",
        "NEVER",
        "N'T",
        "NO",
        "THERE",
        "THIS",
        "THESE",
        "THOSE",
        "SAID",
        "SAYS",
        "SAY",
        "TOLD",
        "ALSO",
        "ALREADY",
        "STILL",
        "NOW",
        "THEN",
        "YESTERDAY",
        "TODAY",
        "TOMORROW",
        "MONDAY",
        "TUESDAY",
        "WEDNESDAY",
        "THURSDAY",
        "FRIDAY",
        "SATURDAY",
        "SUNDAY",
        "WE",
        "I",
        "YOU",
    ],
};

/// Negation words (PETRARCH/TABARI code negation through patterns such as `- NOT * [112]`; dyad additionally
/// drops an event whose verb is negated and matched no negating pattern).
pub const NEGATIONS: WordSet = WordSet {
    bit: 1 << 12,
    words: &[
        "NOT",
        "NEVER",
        "N'T",
        "DIDN'T",
        "DOESN'T",
        "DON'T",
        "WON'T",
        "CAN'T",
        "CANNOT",
        "WOULDN'T",
        "SHOULDN'T",
        "COULDN'T",
        "ISN'T",
        "AREN'T",
        "WASN'T",
        "WEREN'T",
        "HASN'T",
        "HAVEN'T",
        "HADN'T",
    ],
};

/// How many words before a verb a negation may stand ("did not", "has not yet").
pub const NEGATION_REACH: usize = 3;

/// Auxiliaries that put a verb in the future or the conditional ("will meet", "would hold talks").
pub const FUTURE_AUXILIARIES: WordSet = WordSet {
    bit: 1 << 16,
    words: &["WILL", "WOULD", "SHALL", "'LL"],
};

/// How many words before a verb a future auxiliary may stand ("will this week visit").
pub const FUTURE_REACH: usize = 3;

/// Statement verbs whose direct object is the addressee ("told Iran", "briefed Japan"); after the others the
/// actor that follows is what is said ("said Iran would ..."), and only TO marks the addressee.
pub const ADDRESSING_VERBS: WordSet = WordSet {
    bit: 1 << 17,
    words: &[
        "TELL",
        "TELLS",
        "TOLD",
        "TELLING",
        "INFORM",
        "INFORMS",
        "INFORMED",
        "INFORMING",
        "BRIEF",
        "BRIEFS",
        "BRIEFED",
        "BRIEFING",
        "ASSURE",
        "ASSURES",
        "ASSURED",
        "ASSURING",
        "ADVISE",
        "ADVISES",
        "ADVISED",
        "ADVISING",
        "NOTIFY",
        "NOTIFIES",
        "NOTIFIED",
        "NOTIFYING",
    ],
};

/// The preposition of place: "met in Paris".
pub const PLACE_IN: &str = "IN";

/// The infinitive marker: a verb right after it is intended, not done ("hopes to meet", "agreed to hold talks").
pub const INFINITIVE_TO: &str = "TO";

/// A closed word class: its words and the bit that marks them in the class table.
#[derive(Debug, Clone, Copy)]
pub struct WordSet {
    pub bit: u32,
    pub words: &'static [&'static str],
}

/// Words that end a company's name ("American Express Co", "British Airways", "Air U.K. Ltd"): an actor word
/// inside such a name is part of the name, not a country that acts (`company_names_not_parties`).
pub const CORPORATE_SUFFIXES: WordSet = WordSet {
    bit: 1 << 18,
    words: &[
        "CO", "CORP", "INC", "LTD", "LIMITED", "PLC", "LLC", "AG", "NV", "AB", "GMBH", "SPA",
        "BHD", "AIRWAYS", "AIRLINES",
    ],
};
/// How many capitalised words may stand between an actor word and the suffix of the company name it is part of
/// ("Anglo American Gold Investment Co": three).
pub const COMPANY_NAME_REACH: usize = 4;

/// Words that make the verb a few words after them speculation, not an act ("might agree", "was rumored to be
/// tendering"): `speculation_not_events`. MAY and COULD are left out: "may lift sanctions" is coded as intent.
pub const SPECULATION_WORDS: &[&str] = &["MIGHT", "RUMORED", "RUMOURED"];
/// How many words before a verb a speculation word may stand ("was rumored to be tendering": three).
pub const SPECULATION_REACH: usize = 3;

/// Every class, for the lookup table.
const ALL_SETS: [WordSet; 19] = [
    DEFINITE_DETERMINERS,
    DETERMINERS,
    INDEFINITE_DETERMINERS,
    PRONOUNS_FIRST_ACTOR,
    PRONOUNS_PRIOR_ACTOR,
    PRONOUNS_PLURAL,
    CONJUNCTIONS,
    COMPOUND_CONJUNCTIONS,
    PASSIVE_AUXILIARIES,
    AGENT_PREPOSITIONS,
    AGENT_PREPOSITIONS_NP,
    FORMER_WORDS,
    NOUN_PHRASE_BREAKERS,
    NEGATIONS,
    FUTURE_AUXILIARIES,
    ADDRESSING_VERBS,
    AUXILIARIES,
    PREPOSITIONS,
    CORPORATE_SUFFIXES,
];

/// Word → the bits of every class it belongs to; built once (one hash probe per check instead of a table scan).
fn classes() -> &'static crate::lexicon::FxMap<&'static str, u32> {
    static TABLE: std::sync::OnceLock<crate::lexicon::FxMap<&'static str, u32>> =
        std::sync::OnceLock::new();
    TABLE.get_or_init(|| {
        let mut t = crate::lexicon::FxMap::default();
        for set in ALL_SETS {
            for w in set.words {
                *t.entry(*w).or_insert(0) |= set.bit;
            }
        }
        t
    })
}

/// Whether `word` (upper case) is in `set`.
pub fn is_in(set: WordSet, word: &str) -> bool {
    set.holds(word_classes(word))
}

/// The bits of every class `word` (upper case) belongs to (0: none). The tagger stores them per token, so a
/// class test on a token is a bit test, not a hash probe.
pub fn word_classes(word: &str) -> u32 {
    // No class word is longer than this: longer tokens skip the hash.
    if word.is_empty() || word.len() > MAX_CLASS_WORD_LEN {
        return 0;
    }
    classes().get(word).copied().unwrap_or(0)
}

/// The length of the longest word of any class (checked by a test).
const MAX_CLASS_WORD_LEN: usize = 9;

impl WordSet {
    /// Whether class bits from [`word_classes`] include this set.
    pub fn holds(self, classes: u32) -> bool {
        classes & self.bit != 0
    }
}

/// Auxiliaries and modals: with another verb right after them they are not the verb of the clause.
pub const AUXILIARIES: WordSet = WordSet {
    bit: 1 << 13,
    words: &[
        "HAS", "HAVE", "HAD", "HAVING", "IS", "ARE", "WAS", "WERE", "BE", "BEEN", "BEING", "DO",
        "DOES", "DID", "WILL", "WOULD", "SHALL", "SHOULD", "CAN", "COULD", "MAY", "MIGHT", "MUST",
    ],
};
/// How far after an auxiliary the main verb may be.
pub const AUXILIARY_REACH: usize = 2;

/// How many words may stand between a determiner and a verb word that heads its noun phrase ("an anti-Gondor
/// parade").
pub const NOUN_HEAD_REACH: usize = 3;

/// Prepositions after which a verb word is a noun unless it is a gerund ("concern about reports"). TO is left
/// out: it introduces infinitives.
pub const PREPOSITIONS: WordSet = WordSet {
    bit: 1 << 14,
    words: &[
        "ABOUT", "OF", "FOR", "WITH", "ON", "AT", "FROM", "AGAINST", "BY", "INTO", "OVER", "UNDER",
        "AFTER", "BEFORE", "DURING", "SINCE", "WITHOUT", "WITHIN", "BETWEEN", "AMONG", "THROUGH",
        "ACROSS", "TOWARD", "TOWARDS", "UPON", "AMID", "DESPITE", "IN",
    ],
};

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn no_class_word_is_longer_than_the_length_cut() {
        for set in ALL_SETS {
            for w in set.words {
                assert!(w.len() <= MAX_CLASS_WORD_LEN, "{w}");
                assert!(is_in(set, w), "{w}");
            }
        }
        assert!(!is_in(NEGATIONS, "SHOULDN'TS"));
    }
}
