//! Every word list the attribution finder reads: reporting verbs and their forms, the words that may sit between a
//! speaker and its verb, the adjuncts that may follow the verb, news outlets, and the quote marks.
//!
//! All entries are lowercase (outlets excepted: they are matched as written). Nothing here is logic; the finder
//! compiles these tables once in [`crate::QuoteFinder::new`].

/// How a reporting verb form behaves.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CueForm {
    /// A finite or base form: `said`, `says`, `say`, `told`.
    Finite,
    /// A present participle after a comma: `…, saying …`, `…, warning …` (the speaker is the clause's subject).
    Participle,
}

/// One reporting verb form: the written form, its lemma, and how it is used.
#[derive(Debug, Clone, Copy)]
pub struct CueVerb {
    pub form: &'static str,
    pub lemma: &'static str,
    pub use_: CueForm,
    /// Takes an addressee before its content (`told Reuters …`, `tells Iran …`).
    pub addressee: bool,
    /// Reports speech only before a `that` clause, a quote or at the end of a sentence (`added`, `noted`): `the
    /// company added 10 stores` is not a claim.
    pub clause_only: bool,
}

const fn verb(form: &'static str, lemma: &'static str, use_: CueForm) -> CueVerb {
    CueVerb {
        form,
        lemma,
        use_,
        addressee: false,
        clause_only: false,
    }
}

const fn tell(form: &'static str, lemma: &'static str, use_: CueForm) -> CueVerb {
    CueVerb {
        form,
        lemma,
        use_,
        addressee: true,
        clause_only: false,
    }
}

const fn clause(form: &'static str, lemma: &'static str, use_: CueForm) -> CueVerb {
    CueVerb {
        form,
        lemma,
        use_,
        addressee: false,
        clause_only: true,
    }
}

use CueForm::{Finite as F, Participle as P};

/// Speech and claim verbs, every form the finder recognises. `state` (noun: "state media"), `charge` and
/// `maintain` (mostly non-speech in news) are left out on purpose.
pub const CUE_VERBS: &[CueVerb] = &[
    verb("say", "say", F),
    verb("says", "say", F),
    verb("said", "say", F),
    verb("saying", "say", P),
    tell("tell", "tell", F),
    tell("tells", "tell", F),
    tell("told", "tell", F),
    verb("claim", "claim", F),
    verb("claims", "claim", F),
    verb("claimed", "claim", F),
    verb("claiming", "claim", P),
    verb("allege", "allege", F),
    verb("alleges", "allege", F),
    verb("alleged", "allege", F),
    verb("alleging", "allege", P),
    verb("deny", "deny", F),
    verb("denies", "deny", F),
    verb("denied", "deny", F),
    verb("denying", "deny", P),
    verb("accuse", "accuse", F),
    verb("accuses", "accuse", F),
    verb("accused", "accuse", F),
    verb("accusing", "accuse", P),
    verb("insist", "insist", F),
    verb("insists", "insist", F),
    verb("insisted", "insist", F),
    verb("insisting", "insist", P),
    verb("warn", "warn", F),
    verb("warns", "warn", F),
    verb("warned", "warn", F),
    verb("warning", "warn", P),
    verb("announce", "announce", F),
    verb("announces", "announce", F),
    verb("announced", "announce", F),
    verb("confirm", "confirm", F),
    verb("confirms", "confirm", F),
    verb("confirmed", "confirm", F),
    verb("confirming", "confirm", P),
    clause("report", "report", F),
    clause("reports", "report", F),
    verb("reported", "report", F),
    verb("declare", "declare", F),
    verb("declares", "declare", F),
    verb("declared", "declare", F),
    verb("assert", "assert", F),
    verb("asserts", "assert", F),
    verb("asserted", "assert", F),
    verb("reiterated", "reiterate", F),
    verb("reiterates", "reiterate", F),
    verb("disclosed", "disclose", F),
    verb("revealed", "reveal", F),
    verb("predicted", "predict", F),
    verb("predicts", "predict", F),
    verb("wrote", "write", F),
    verb("writes", "write", F),
    verb("tweeted", "tweet", F),
    verb("complained", "complain", F),
    clause("add", "add", F),
    clause("adds", "add", F),
    clause("added", "add", F),
    verb("adding", "add", P),
    clause("note", "note", F),
    clause("notes", "note", F),
    clause("noted", "note", F),
    clause("noting", "note", P),
    clause("stressed", "stress", F),
    clause("stresses", "stress", F),
    clause("explained", "explain", F),
    clause("argued", "argue", F),
    clause("argues", "argue", F),
    clause("admitted", "admit", F),
    clause("acknowledged", "acknowledge", F),
    clause("stated", "state", F),
];

/// Lemmas whose content may open with a preposition (`said in …`, `warned of …`, `insisted on …`); after any
/// other cue (`announced for 1986`, `claims against it`) a preposition marks a participle or a noun, not speech.
pub const PREPOSITION_CUES: &[&str] = &[
    "say",
    "tell",
    "warn",
    "insist",
    "accuse",
    "reiterate",
    "confirm",
    "argue",
    "complain",
    "write",
    "tweet",
];

/// The participle of `X was quoted as saying` and `Interfax quoted X as saying`.
pub const QUOTED: &str = "quoted";
/// `as saying` after `quoted`.
pub const QUOTED_AS: [&str; 2] = ["as", "saying"];
/// The lemma reported for `quoted … as saying`.
pub const QUOTED_LEMMA: &str = "quote";
/// `according to X`.
pub const ACCORDING_TO: [&str; 2] = ["according", "to"];
/// What `according to` may name that is no source: `according to plan`, `according to the terms`.
pub const NOT_SOURCES: &[&str] = &[
    "plan",
    "plans",
    "schedule",
    "terms",
    "law",
    "tradition",
    "custom",
    "rules",
    "protocol",
    "procedure",
    "expectations",
    "script",
];
/// The lemma reported for `according to`.
pub const ACCORDING_LEMMA: &str = "according to";

/// Words that begin a noun phrase and end it on the left: `the ministry`, `a Jordanian official`, `its chief`.
pub const DETERMINERS: &[&str] = &[
    "the", "a", "an", "this", "these", "those", "its", "his", "her", "their", "our", "my", "your",
    "some", "several", "many", "most", "other", "another", "two", "three", "four", "one", "no",
];

/// Words that may sit inside a speaker's name or description: `head of the ministry`, `Israel and Jordan`,
/// `Bashar al Assad`.
pub const NAME_LINKS: &[&str] = &[
    "of", "for", "and", "&", "de", "al", "el", "bin", "ibn", "von", "van", "der", "den", "la",
    "le", "du", "del", "della", "da", "di", "dos",
];

/// Pronouns that can be speakers; the caller resolves them to an earlier actor.
pub const PRONOUNS: &[&str] = &["he", "she", "they", "it", "we", "i", "you"];

/// Words allowed between a speaker and its verb (`Israel and Jordan have repeatedly insisted`, `Russia, Israel
/// and Jordan all insisted`).
pub const BETWEEN_SPEAKER_AND_VERB: &[&str] = &[
    "has",
    "have",
    "had",
    "did",
    "does",
    "do",
    "also",
    "repeatedly",
    "again",
    "later",
    "previously",
    "reportedly",
    "publicly",
    "privately",
    "recently",
    "then",
    "already",
    "all",
    "both",
    "each",
    "further",
    "separately",
    "similarly",
    "likewise",
    "once",
    "often",
    "frequently",
    "flatly",
    "strongly",
    "firmly",
    "categorically",
    "vehemently",
    "explicitly",
    "openly",
    "officially",
    "formally",
    "subsequently",
    "still",
    "just",
    "earlier",
    "initially",
    "originally",
    "quickly",
    "immediately",
    "angrily",
    "bluntly",
];

/// Forms of `be`: before a cue they make it passive (`were reported killed`, `is said to`), not an attribution.
pub const BE_FORMS: &[&str] = &["is", "are", "was", "were", "be", "been", "being", "'s"];

/// Negation and infinitive markers before a cue: `did not say`, `declined to say`, `would not confirm`.
pub const NOT_ATTRIBUTING: &[&str] = &[
    "not", "never", "to", "would", "could", "should", "might", "may", "must", "will", "can",
    "cannot",
];

/// Function words that end a speaker's phrase on the left: prepositions, conjunctions, relatives, subordinators.
pub const PHRASE_BREAKS: &[&str] = &[
    "in",
    "on",
    "at",
    "to",
    "from",
    "with",
    "by",
    "about",
    "after",
    "before",
    "during",
    "since",
    "over",
    "under",
    "against",
    "into",
    "than",
    "as",
    "like",
    "near",
    "between",
    "among",
    "through",
    "without",
    "within",
    "across",
    "around",
    "amid",
    "despite",
    "but",
    "or",
    "nor",
    "so",
    "yet",
    "because",
    "although",
    "though",
    "while",
    "when",
    "where",
    "whether",
    "if",
    "unless",
    "until",
    "who",
    "which",
    "that",
    "whom",
    "whose",
    "what",
    "there",
    "here",
    "is",
    "are",
    "was",
    "were",
    "be",
    "been",
    "not",
    "would",
    "will",
    "could",
    "should",
    "might",
    "may",
    "must",
    "can",
    "also",
    "now",
    "however",
    "meanwhile",
    "pct",
    "percent",
    "mln",
    "billion",
    "million",
    "dlrs",
];

/// Words that cannot head a speaker's phrase (adjectives, ordinals, time words): `a negative report`, `various
/// claims`, `last week declared`.
pub const NOT_HEADS: &[&str] = &[
    "various",
    "first",
    "last",
    "next",
    "new",
    "such",
    "same",
    "own",
    "previous",
    "recent",
    "final",
    "initial",
    "second",
    "third",
    "latest",
    "negative",
    "positive",
    "following",
    "above",
    "below",
    "further",
    "total",
    "annual",
    "weekly",
    "monthly",
    "quarterly",
    "daily",
    "only",
    "even",
    "more",
    "less",
    "much",
    "few",
];

/// Time words: they end a speaker's phrase on the left (`last night Citibank said`, `Brown-Forman today
/// reported`).
pub const TIME_WORDS: &[&str] = &[
    "today",
    "yesterday",
    "tonight",
    "tomorrow",
    "night",
    "week",
    "month",
    "year",
    "weekend",
    "morning",
    "afternoon",
    "evening",
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
    "ago",
];

/// Prepositions: a phrase right after one is its object, not a subject (`in a statement Rostenkowski said` keeps
/// only the name; `in its daily operations report` is no speaker).
pub const PREPOSITIONS: &[&str] = &[
    "in", "on", "at", "to", "from", "with", "by", "about", "during", "over", "under", "against",
    "into", "through", "without", "within", "across", "around", "amid", "despite", "among",
    "between", "near", "of", "for", "via",
];

/// Prepositions that may join a post-modifier inside a speaker's phrase after a noun (`members of Congress from
/// Iowa`, `officials in Moscow`, `an analyst at Shearson`).
pub const POSTMODIFIER_PREPOSITIONS: &[&str] = &["in", "at", "from", "with"];

/// Subjects a plural or first/second-person present form (`say`, `report`) agrees with, besides plural nouns and
/// coordinations.
pub const PLURAL_PRONOUNS: &[&str] = &["they", "we", "i", "you"];

/// Lowercase words ending in `-ly` that are nouns, not adverbs (`the family said`, `the daily reported`).
pub const LY_NOUNS: &[&str] = &[
    "family",
    "ally",
    "assembly",
    "rally",
    "supply",
    "monopoly",
    "daily",
    "weekly",
    "monthly",
    "quarterly",
    "july",
    "reply",
    "italy",
    "anomaly",
    "elderly",
    "fly",
    "belly",
    "bully",
    "lily",
    "tally",
    "jelly",
];

/// Auxiliaries and modals: a reported clause that starts with one lacks its subject (`a deal he said would give
/// …`), so the whole sentence is the content.
pub const AUXILIARIES: &[&str] = &[
    "would", "will", "could", "should", "might", "must", "can", "may", "has", "had", "have", "is",
    "was", "are", "were",
];

/// The relative pronoun of `officials who spoke on condition of anonymity said`.
pub const WHO: &str = "who";

/// The complementiser after a cue: `said that …`.
pub const THAT: &str = "that";

/// Prepositions that open an adjunct after a cue (`said on Monday`, `said in a statement`, `told Reuters in an
/// interview with …`).
pub const ADJUNCT_OPENERS: &[&str] = &[
    "on",
    "in",
    "at",
    "during",
    "late",
    "early",
    "earlier",
    "later",
    "last",
    "this",
    "after",
    "via",
    "through",
    "from",
    "yesterday",
    "today",
    "tonight",
    "overnight",
    "publicly",
    "privately",
    "again",
    "also",
    "repeatedly",
    "separately",
    "previously",
    "recently",
    "however",
    "then",
];

/// Words inside such an adjunct (besides determiners, numbers and capitalised words).
pub const ADJUNCT_WORDS: &[&str] = &[
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
    "yesterday",
    "today",
    "tonight",
    "week",
    "weekend",
    "month",
    "year",
    "morning",
    "afternoon",
    "evening",
    "night",
    "day",
    "days",
    "weeks",
    "statement",
    "interview",
    "interviews",
    "speech",
    "briefing",
    "conference",
    "news",
    "press",
    "television",
    "tv",
    "radio",
    "broadcast",
    "broadcasts",
    "televised",
    "remarks",
    "letter",
    "report",
    "communique",
    "message",
    "post",
    "posting",
    "tweet",
    "twitter",
    "facebook",
    "website",
    "condition",
    "anonymity",
    "parliament",
    "meeting",
    "session",
    "summit",
    "visit",
    "trip",
    "written",
    "joint",
    "telephone",
    "phone",
    "call",
    "state",
    "a",
    "an",
    "the",
    "his",
    "her",
    "its",
    "their",
    "of",
    "late",
    "early",
    "separate",
    "brief",
    "exclusive",
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
    "jan",
    "feb",
    "mar",
    "apr",
    "jun",
    "jul",
    "aug",
    "sep",
    "sept",
    "oct",
    "nov",
    "dec",
    "local",
    "national",
    "official",
    "address",
    "appearance",
    "ceremony",
    "rally",
    "gathering",
    "hearing",
    "testimony",
    "filing",
    "email",
    "e-mailed",
    "emailed",
    "social",
    "media",
    "video",
    "earlier",
    "later",
    "same",
    "previous",
    "whose",
    "who",
    "asked",
    "ended",
];

/// Words linking an adjunct to a named outlet: `in an interview with Reuters`, `in remarks to AFP`.
pub const OUTLET_LINKS: &[&str] = &["with", "to", "by", "on"];

/// News outlets and agencies, as written. A speaker talking to one (`told Reuters`, `in an interview with the BBC`,
/// `quoted by Interfax`) gets it as the attribution's outlet. Longer names first where one is a prefix of another.
pub const OUTLETS: &[&str] = &[
    "Reuters",
    "Agence France-Presse",
    "Agence France Presse",
    "AFP",
    "Associated Press",
    "AP",
    "Interfax",
    "Itar-Tass",
    "ITAR-TASS",
    "TASS",
    "Tass",
    "RIA Novosti",
    "RIA",
    "Sputnik",
    "Xinhua",
    "IRNA",
    "ISNA",
    "Fars",
    "Tasnim",
    "SANA",
    "Anadolu",
    "Al Jazeera",
    "Al-Jazeera",
    "Al Arabiya",
    "Al-Arabiya",
    "BBC",
    "CNN",
    "Bloomberg",
    "DPA",
    "dpa",
    "EFE",
    "ANSA",
    "Kyodo",
    "Yonhap",
    "KCNA",
    "WAFA",
    "MENA",
    "Petra",
    "Bernama",
    "Antara",
    "PTI",
    "Press Trust of India",
    "New York Times",
    "Washington Post",
    "Wall Street Journal",
    "Financial Times",
    "Guardian",
    "Le Monde",
    "Le Figaro",
    "Der Spiegel",
    "Spiegel",
    "Haaretz",
    "Times of Israel",
    "Jerusalem Post",
    "Asharq Al-Awsat",
    "Kommersant",
    "Izvestia",
    "Pravda",
    "RT",
    "NHK",
    "CBS",
    "NBC",
    "ABC",
    "Fox News",
    "NPR",
    "Politico",
    "Axios",
    "Arab News",
    "Al-Monitor",
    "Sky News",
    "Euronews",
    "Deutsche Welle",
    "France 24",
    "Radio Free Europe",
    "Voice of America",
    "VOA",
    "Yedioth Ahronoth",
    "Channel 12",
    "Kan",
    "Le Parisien",
    "El Pais",
    "La Repubblica",
    "Corriere della Sera",
    "Asahi",
    "Yomiuri",
    "Nikkei",
    "South China Morning Post",
    "Global Times",
    "People's Daily",
    "Hurriyet",
    "Dawn",
    "Daily Telegraph",
    "Telegraph",
    "The Times",
    "Times",
    "Independent",
    "Observer",
    "Sunday Times",
    "Mail on Sunday",
];

/// Abbreviations whose period belongs to the word (`Mr. Smith said`), besides single letters and dotted forms.
pub const ABBREVIATIONS: &[&str] = &[
    "mr", "mrs", "ms", "dr", "gen", "col", "lt", "sgt", "sen", "rep", "gov", "pres", "co", "corp",
    "inc", "ltd", "jr", "sr", "st", "mt", "prof", "adm", "maj", "capt", "cmdr", "no", "dept",
    "govt", "rev", "hon",
];

/// Byte strings that make a sentence worth a closer look: quote marks and the stems of every cue, matched ASCII
/// case-insensitively (`said`, `Said`, `SAID`). A sentence without any of them is passed over after one automaton
/// scan.
pub const PREFILTER: &[&str] = &[
    "\"",
    "\u{201C}",
    "\u{201D}",
    "\u{2018}",
    "\u{00AB}",
    "\u{00BB}",
    "\u{201E}",
    "said",
    "say",
    "tell",
    "told",
    "laim",
    "lleg",
    "deni",
    "deny",
    "ccus",
    "nsist",
    "warn",
    "nnounc",
    "onfirm",
    "report",
    "added",
    "adds",
    "adding",
    "note",
    "ccording",
    "quoted",
    "declare",
    "ssert",
    "eiterat",
    "isclosed",
    "evealed",
    "redict",
    "wrote",
    "writes",
    "tweeted",
    "omplained",
    "tress",
    "xplained",
    "rgue",
    "dmitted",
    "cknowledged",
    "stated",
];

/// Quote mark characters and what they do.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MarkRole {
    Open,
    Close,
    /// ASCII `"`: opens when no quote is open, closes otherwise.
    Toggle,
    /// `’`: a closing single quote only when a single quote is open (otherwise an apostrophe).
    CloseSingleOrApostrophe,
}

/// Which quote family a mark belongs to; a quote closes only with a mark of its family.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MarkFamily {
    Double,
    Single,
    Guillemet,
}

/// Every quote mark: character, family, role.
pub const QUOTE_MARKS: &[(char, MarkFamily, MarkRole)] = &[
    ('"', MarkFamily::Double, MarkRole::Toggle),
    ('\u{201C}', MarkFamily::Double, MarkRole::Open),
    ('\u{201E}', MarkFamily::Double, MarkRole::Open),
    ('\u{201D}', MarkFamily::Double, MarkRole::Close),
    ('\u{2018}', MarkFamily::Single, MarkRole::Open),
    (
        '\u{2019}',
        MarkFamily::Single,
        MarkRole::CloseSingleOrApostrophe,
    ),
    ('\u{00AB}', MarkFamily::Guillemet, MarkRole::Open),
    ('\u{00BB}', MarkFamily::Guillemet, MarkRole::Close),
];

/// Characters that join two word parts into one token when a letter or digit follows: `Russia’s`, `non-Syrian`,
/// `U.S`, `AT&T`.
pub const WORD_JOINERS: &[char] = &['\'', '\u{2019}', '-', '.', '&', '/'];

/// Longest span of tokens a speaker phrase may cover.
pub const MAX_SPEAKER_TOKENS: usize = 12;
/// Longest run of lowercase content words in a speaker phrase (`oil industry sources`).
pub const MAX_LOWERCASE_RUN: usize = 3;
/// Longest adjunct skipped after a cue (`in an interview with the BBC on Monday`), in tokens.
pub const MAX_ADJUNCT_TOKENS: usize = 8;
/// Longest addressee skipped after `told` (`told a news conference`), in tokens.
pub const MAX_ADDRESSEE_TOKENS: usize = 5;
/// How far before a quote mark the finder looks for the attribution clause (`Lavrov told Reuters on Monday:`).
pub const MAX_PRE_QUOTE_TOKENS: usize = 14;
/// Longest word looked up in the tables, in bytes; longer words are content words.
pub const MAX_LOOKUP_BYTES: usize = 24;
