//! Word and character tables the sentence splitter consults: data, not logic.
//!
//! Entries are written as they appear before the final period (no trailing dot) and are matched case-sensitively,
//! so `No` (number prefix) is not `no` (a word). Edit these tables, not the splitter, to tune behaviour.

/// Abbreviations that stand before a name, number or phrase and practically never end a sentence: titles, ranks
/// and Latin connectives. A period after one of these is never a boundary.
pub const NON_TERMINAL_ABBREVIATIONS: &[&str] = &[
    // Civil titles.
    "Mr", "Mrs", "Ms", "Messrs", "Mme", "Mmes", "Dr", "Drs", "Prof", "Profs", "Rev", "Msgr", "Hon",
    "Amb", "Atty", "Pres", "Supt", "Insp", "Det", "Sen", "Sens", "Rep", "Reps", "Gov", "Govs",
    "Sec", "Secy", "Fr", "Sra", "Srta", "Mlle", "Hr", // Military ranks.
    "Gen", "Lt", "Col", "Maj", "Capt", "Cmdr", "Cmdt", "Adm", "Brig", "Sgt", "Cpl", "Pvt", "Pfc",
    "Spc", "Ens", "Cdr", "Comdr", "Lieut", "Gens", "Lts", "Cols",
    // Latin and reference connectives, written lower case.
    "vs", "v", "e.g", "i.e", "cf", "viz", "ibid",
];

/// Abbreviations that can end a sentence as well as sit inside one: company suffixes, name suffixes, street and
/// place words, months and weekdays, US state abbreviations of the AP style. After one of these a boundary is
/// placed only when the next word is a common sentence starter (see [`SENTENCE_STARTERS`]). Dotted
/// abbreviations made of one- or two-letter segments ("U.S.", "U.N.", "a.m.", "Ph.D.") and single capital initials
/// ("J.") are treated the same way without being listed.
pub const AMBIGUOUS_ABBREVIATIONS: &[&str] = &[
    // Company and organisation suffixes.
    "Inc", "Corp", "Co", "Cos", "Ltd", "Plc", "PLC", "LLC", "LLP", "Bros", "Assn", "Assoc", "Dept",
    "Univ", "Intl", "Mfg", "Natl", "Govt", // Name suffixes.
    "Wm", "Chas", "Thos", "Jr", "Sr", "Esq", // Places.
    "St", "Ste", "Mt", "Ft", "Ave", "Blvd", "Rd", "Sq", "Bldg",
    // Months and weekdays as abbreviated in news copy.
    "Jan", "Feb", "Mar", "Apr", "Jun", "Jul", "Aug", "Sep", "Sept", "Oct", "Nov", "Dec", "Mon",
    "Tue", "Tues", "Wed", "Thu", "Thur", "Thurs", "Fri", "Sat",
    // US states, AP style (datelines: "SPRINGFIELD, Ill. -").
    "Ala", "Ariz", "Ark", "Calif", "Colo", "Conn", "Del", "Fla", "Ga", "Ill", "Ind", "Kan", "Kans",
    "Ky", "La", "Md", "Mass", "Mich", "Minn", "Miss", "Mo", "Mont", "Neb", "Nev", "Okla", "Ore",
    "Pa", "Penn", "Tenn", "Tex", "Va", "Vt", "Wash", "Wis", "Wyo",
    // Others that end sentences as often as they continue them.
    "etc", "al", "approx", "est", "min", "max",
];

/// Abbreviations that introduce a number ("No. 5", "pp. 12"): a period after one of these is not a boundary when
/// a digit follows; before anything else the word is treated as an ordinary word ("He said No.").
pub const NUMBER_PREFIXES: &[&str] = &[
    "No", "Nos", "Nr", "no", "nos", "Art", "art", "Vol", "vol", "Vols", "p", "pp", "Fig", "fig",
    "Figs", "Ch", "ch", "Para", "para", "Ref", "ref", "Tel", "tel", "Ext", "ext", "Pt", "pt", "Ed",
    "ed", "ca", "c",
];

/// Capitalised words that commonly open a sentence in news copy. After an ambiguous abbreviation ("U.S.",
/// "Inc.", "a.m.", "St.", an initial) a boundary is placed only when the next word is one of these: "the U.S.
/// The talks" splits, "the U.S. Treasury" and "J. Smith" do not. The list favours function words, which never
/// begin a proper name. Conjunctions and prepositions that mostly continue a sentence ("And", "Or", "Of", "To",
/// "Which") are left out: wire copy capitalises them after abbreviations ("the U.S. And Japan").
pub const SENTENCE_STARTERS: &[&str] = &[
    "A",
    "About",
    "According",
    "After",
    "Against",
    "All",
    "Also",
    "Although",
    "Among",
    "An",
    "Another",
    "Any",
    "Are",
    "As",
    "Asked",
    "At",
    "Because",
    "Before",
    "Both",
    "But",
    "By",
    "Can",
    "Could",
    "Despite",
    "Did",
    "Do",
    "Does",
    "During",
    "Each",
    "Earlier",
    "Either",
    "Even",
    "Every",
    "Few",
    "For",
    "From",
    "Further",
    "Furthermore",
    "He",
    "Her",
    "Here",
    "His",
    "How",
    "However",
    "I",
    "If",
    "In",
    "Indeed",
    "Instead",
    "It",
    "Its",
    "Last",
    "Later",
    "Many",
    "Meanwhile",
    "More",
    "Moreover",
    "Most",
    "Much",
    "My",
    "Neither",
    "Nevertheless",
    "Next",
    "No",
    "Not",
    "Now",
    "On",
    "Once",
    "One",
    "Only",
    "Other",
    "Others",
    "Our",
    "Over",
    "Separately",
    "Several",
    "She",
    "Since",
    "So",
    "Some",
    "Still",
    "Such",
    "That",
    "The",
    "Their",
    "Then",
    "There",
    "These",
    "They",
    "This",
    "Those",
    "Though",
    "Thus",
    "Today",
    "Under",
    "Unlike",
    "Until",
    "Was",
    "We",
    "Were",
    "What",
    "When",
    "Where",
    "Whether",
    "While",
    "Who",
    "Why",
    "With",
    "Within",
    "Without",
    "Yesterday",
    "Yet",
    "You",
];

/// Verbs of saying. After a quotation that ends in "?" or "!", a capitalised name followed by one of these
/// ("“Why?” Lavrov asked.") is an attribution, not a new sentence.
pub const SPEECH_VERBS: &[&str] = &[
    "said",
    "says",
    "asked",
    "asks",
    "added",
    "adds",
    "told",
    "tells",
    "shouted",
    "shouts",
    "wrote",
    "writes",
    "replied",
    "replies",
    "tweeted",
    "insisted",
    "cried",
    "exclaimed",
    "declared",
    "warned",
    "continued",
    "recalled",
    "demanded",
    "wondered",
    "shot",
    "quipped",
    "joked",
];

/// Characters that end a sentence. Runs of them ("?!", "...") end it together.
pub const TERMINATORS: &[char] = &[
    '.', '?', '!', '…', '‼', '⁇', '⁈', '⁉', '。', '？', '！', '؟',
];

/// Terminators of scripts written without spaces: they end a sentence even when no whitespace follows.
pub const UNSPACED_TERMINATORS: &[char] = &['。', '？', '！'];

/// Characters that end a sentence by themselves only when the next word allows it (see
/// [`AMBIGUOUS_ABBREVIATIONS`]): an ellipsis often marks an omission inside a quotation.
pub const ELLIPSES: &[char] = &['…'];

/// Closing quotes and brackets that belong to the sentence they follow: `street.”`, `(see above.)`.
pub const CLOSERS: &[char] = &['"', '\'', '”', '’', '»', '›', ')', ']', '}', '」', '』'];

/// Closing quotes that close the sentence before them even when a stray space precedes them ("that. ”"). The
/// straight quotes open as often as they close, so they are not here.
pub const STRAY_CLOSERS: &[char] = &['”', '’', '»'];

/// Longest list number ("12.") taken as an item marker rather than a sentence when it is all a sentence holds.
pub const MAX_LIST_NUMBER_DIGITS: usize = 3;

/// Opening quotes and brackets skipped when looking at the first word of the next sentence, and at the start of
/// the word before a period. `<` opens wire-copy ticker names ("<J.P. Morgan and Co>").
pub const OPENERS: &[char] = &[
    '"', '\'', '“', '‘', '«', '‹', '(', '[', '{', '¿', '¡', '「', '『', '„', '<',
];

/// Longest segment, in letters, of a dotted abbreviation such as "U.S." or "Ph.D.": longer segments make a host
/// name ("reuters.com"), which is an ordinary word.
pub const MAX_DOTTED_SEGMENT_LETTERS: usize = 2;

/// Longest word, in bytes, looked up in the tables; longer words are ordinary words.
pub const MAX_ABBREVIATION_BYTES: usize = 16;

/// How many capitalised words may stand between a quotation and a speech verb in an attribution
/// ("“Why?” Foreign Minister Sergei Lavrov asked").
pub const MAX_ATTRIBUTION_NAME_WORDS: usize = 5;

/// Longest sentence, in bytes, the splitter gives out; a run-on "sentence" beyond it is cut at the best boundary
/// it offers (see [`FORCED_SPLIT_CONJUNCTIONS`] and `SentenceSplitter::with_max_sentence_bytes`).
///
/// Real news never comes near it: over the 143,784 sentences of the Reuters-21578 bodies the 99.99th percentile is
/// 510 bytes and the longest is 681 (`cargo run --release -p dyad-sentences --example sentence_lengths`), and
/// long-form prose rarely passes 1,000 bytes (some 170 words). Anything longer is a table, a list with no
/// full stops, or text that lost its punctuation, and every later stage pays for a sentence's length (the coder's
/// clause search grows with it), so such text is cut into pieces of at most this size, in linear time.
pub const MAX_SENTENCE_BYTES: usize = 2_000;

/// Clause conjunctions after a comma where a run-on sentence may be cut (", and the talks …"), the third choice
/// after a semicolon and a colon, before any whitespace. Matched without regard to case.
pub const FORCED_SPLIT_CONJUNCTIONS: &[&str] =
    &["and", "but", "or", "nor", "yet", "while", "whereas"];

/// Longest stretch of text, in bytes, that can still be only a list marker ("3.", "(b).", "“12)."); longer text
/// before a period is never one, so the check never reads more.
pub const MAX_LIST_MARKER_BYTES: usize = 16;
