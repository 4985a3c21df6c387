//! The closed-class English words the shallow parser relies on, as named tables (TABARI §7.1 word types).

/// Determiners: a verb right after one is read as a noun (TABARI §7.4).
pub const DETERMINERS: &[&str] = &["THE", "A", "AN"];

/// Indefinite singular determiners.
pub const INDEFINITE_DETERMINERS: &[&str] = &["A", "AN"];

/// Pronouns that refer to the first actor of the sentence (TABARI §7.7).
pub const PRONOUNS_FIRST_ACTOR: &[&str] = &["HE", "SHE", "IT"];
/// Possessive pronouns that refer to the first actor before them.
pub const PRONOUNS_PRIOR_ACTOR: &[&str] = &["ITS", "HIS", "HER"];
/// Plural pronouns: the first compound actor, else the first actor.
pub const PRONOUNS_PLURAL: &[&str] = &["THEY", "THEM", "THEIR"];

/// Clause-joining conjunctions (TABARI §7.6).
pub const CONJUNCTIONS: &[&str] = &["AND", "BUT", "OR", "NOR"];
/// Conjunctions that may join the members of a compound actor.
pub const COMPOUND_CONJUNCTIONS: &[&str] = &["AND", "OR", "NOR"];

/// Auxiliaries that, one or two words before a verb followed by BY, make it passive (TABARI §7.9, plus the
/// present-tense forms raw news uses).
pub const PASSIVE_AUXILIARIES: &[&str] = &["WAS", "WERE", "BEEN", "IS", "ARE", "BE", "BEING"];
/// The agent marker of a passive.
pub const PASSIVE_BY: &str = "BY";
/// How many words may stand between a passive verb and its BY ("was opposed earlier by").
pub const PASSIVE_BY_REACH: usize = 1;

/// Prepositions through which an agent takes the actor that follows (TABARI §5.4: "PRESIDENT OF ISRAEL").
pub const AGENT_PREPOSITIONS: &[&str] = &["OF", "IN"];
/// Prepositions through which a noun phrase of agents takes the actor that follows (PETRARCH reading:
/// "lawmakers in Fornost", "soldiers from Gondor").
pub const AGENT_PREPOSITIONS_NP: &[&str] = &["OF", "IN", "FROM"];
/// Words before an actor or agent that make the agent an elite (TABARI §5.4.1).
pub const FORMER_WORDS: &[&str] = &["FORMER", "EX"];
/// The agent code "former" turns an agent into.
pub const ELITE_AGENT: &str = "ELI";

/// Words that end a noun phrase: prepositions (other than OF), auxiliaries and modals, relative words, negation,
/// subordinators. Anything not listed and not tagged as a verb may sit inside a noun phrase.
pub const NOUN_PHRASE_BREAKERS: &[&str] = &[
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
];

/// Negation words (PETRARCH/TABARI code negation through patterns such as `- NOT * [112]`; dyad additionally
/// drops an event whose verb is negated and matched no negating pattern).
pub const NEGATIONS: &[&str] = &[
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
];

/// How many words before a verb a negation may stand ("did not", "has not yet").
pub const NEGATION_REACH: usize = 3;

pub fn is_in(table: &[&str], word: &str) -> bool {
    table.contains(&word)
}

/// Auxiliaries and modals: with another verb right after them they are not the verb of the clause.
pub const AUXILIARIES: &[&str] = &[
    "HAS", "HAVE", "HAD", "HAVING", "IS", "ARE", "WAS", "WERE", "BE", "BEEN", "BEING", "DO",
    "DOES", "DID", "WILL", "WOULD", "SHALL", "SHOULD", "CAN", "COULD", "MAY", "MIGHT", "MUST",
];
/// How far after an auxiliary the main verb may be.
pub const AUXILIARY_REACH: usize = 2;

/// How many words may stand between a determiner and a verb word that heads its noun phrase ("an anti-Gondor
/// parade").
pub const NOUN_HEAD_REACH: usize = 3;

/// Prepositions after which a verb word is a noun unless it is a gerund ("concern about reports"). TO is left
/// out: it introduces infinitives.
pub const PREPOSITIONS: &[&str] = &[
    "ABOUT", "OF", "FOR", "WITH", "ON", "AT", "FROM", "AGAINST", "BY", "INTO", "OVER", "UNDER",
    "AFTER", "BEFORE", "DURING", "SINCE", "WITHOUT", "WITHIN", "BETWEEN", "AMONG", "THROUGH",
    "ACROSS", "TOWARD", "TOWARDS", "UPON", "AMID", "DESPITE", "IN",
];
