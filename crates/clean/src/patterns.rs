//! Boilerplate, caption, credit, syndication, byline and date patterns, and the thresholds that go with them.
//!
//! Data, not logic (trafilatura's `settings.cfg` style): [`crate::line_kind`] reads these tables. Unless a table
//! says otherwise, entries are lower case and matched against the lower-cased, whitespace-normalised line. Edit
//! the tables to tune the cleaner; no rule elsewhere names an outlet or a phrase.

/// Whole lines that are site furniture (menus, share bars, section labels), matched after trailing `:` `.` `»`
/// `›` `>` `|` are stripped.
pub const FURNITURE_LINES: &[&str] = &[
    "navigation",
    "menu",
    "main menu",
    "open menu",
    "close menu",
    "toggle navigation",
    "skip to content",
    "skip to main content",
    "search",
    "home",
    "advertisement",
    "advertisements",
    "advertising",
    "ad",
    "sponsored",
    "sponsored content",
    "promoted",
    "promoted content",
    "partner content",
    "share",
    "shares",
    "share this",
    "share this article",
    "share this story",
    "share this post",
    "share on facebook",
    "share on twitter",
    "tweet",
    "email",
    "e-mail",
    "print",
    "print this article",
    "comments",
    "comment",
    "leave a comment",
    "related",
    "related articles",
    "related stories",
    "related news",
    "related posts",
    "related content",
    "read more",
    "read next",
    "more",
    "more news",
    "more stories",
    "see also",
    "trending",
    "trending now",
    "most read",
    "most popular",
    "popular",
    "latest",
    "latest news",
    "top stories",
    "tags",
    "topics",
    "categories",
    "loading",
    "loading…",
    "close",
    "back to top",
    "next",
    "previous",
    "next article",
    "previous article",
    "next story",
    "previous story",
    "story continues below",
    "story continues below advertisement",
    "continue reading",
    "article continues below",
    "scroll to continue",
    "listen to this article",
    "listen to article",
    "click to share",
    "whatsapp",
    "facebook",
    "twitter",
    "linkedin",
    "telegram",
    "reddit",
    "pinterest",
    "copy link",
    "link copied",
    "subscribe",
    "sign in",
    "log in",
    "login",
    "register",
    "newsletter",
    "follow us",
    "contact us",
    "about us",
    "privacy policy",
    "terms of use",
    "cookie policy",
    "accept cookies",
    "watch",
    "video",
    "audio",
    "photos",
    "gallery",
    "view gallery",
    "enlarge",
    "expand",
    "full screen",
    "zoom",
    "play",
    "replay",
    "open in app",
    "menu search",
    // German, Spanish, French, Polish and Italian equivalents.
    "mehr zum thema",
    "das könnte sie auch interessieren",
    "das könnte dich auch interessieren",
    "weitere artikel",
    "aktuelle artikel",
    "neueste artikel",
    "weitere interessante news",
    "mehr interessantes",
    "meistgelesen",
    "meistgeklickt",
    "teilen",
    "anzeige",
    "werbung",
    "navigation schliessen",
    "navigation schließen",
    "einloggen",
    "anmelden",
    "gefällt mir",
    "kommentare",
    "lesen sie auch",
    "publicidad",
    "compartir",
    "más noticias",
    "noticias relacionadas",
    "lire aussi",
    "à lire aussi",
    "publicité",
    "partager",
    "sur le même sujet",
    "czytaj więcej",
    "czytaj także",
    "zobacz także",
    "najnowsze",
    "reklama",
    "udostępnij",
    "pubblicità",
    "condividi",
    "leggi anche",
];

/// A prompt: a short line holding a phrase from `any_of` together with a word from `with_any_of` (an empty
/// `with_any_of` means the first phrase suffices). "Join our … Telegram channel", "Subscribe to our newsletter",
/// "Share this article on Facebook".
#[derive(Debug, Clone, Copy)]
pub struct PromptRule {
    /// What the rule catches, for documentation and test names.
    pub name: &'static str,
    pub any_of: &'static [&'static str],
    pub with_any_of: &'static [&'static str],
    /// Most words the line may have; longer lines are prose that merely mentions such words.
    pub max_words: usize,
}

/// Calls to join, follow, share, subscribe, donate, comment or accept cookies.
pub const PROMPT_RULES: &[PromptRule] = &[
    PromptRule {
        name: "join or follow a channel",
        any_of: &[
            "join our",
            "join us",
            "follow us",
            "follow our",
            "subscribe to our",
            "subscribe to the",
            "sign up for",
            "sign up to",
            "like us on",
            "find us on",
            "connect with us",
            "download our",
            "install our",
            "stay up to date",
            "stay updated",
            "stay informed",
            "don't miss",
            "don’t miss",
            "never miss",
            "get breaking news",
            "get the latest news",
        ],
        with_any_of: &[
            "telegram",
            "whatsapp",
            "channel",
            "newsletter",
            "facebook",
            "twitter",
            "instagram",
            "youtube",
            "tiktok",
            "linkedin",
            "google news",
            "app",
            "podcast",
            "mailing list",
            "updates",
            "alerts",
            "inbox",
            "news",
            "x",
            "signal",
            "viber",
            "rss",
            "feed",
            "email",
            "stories",
        ],
        max_words: 30,
    },
    PromptRule {
        name: "share prompt",
        any_of: &[
            "share this article",
            "share this story",
            "share this post",
            "click to share",
            "tweet this",
            "email this article",
            "email this story",
            "share the article",
            "share article",
            "share story",
            "share your thoughts",
            "share:",
        ],
        with_any_of: &[],
        max_words: 12,
    },
    PromptRule {
        name: "share to a platform",
        any_of: &[
            "share on",
            "share via",
            "share to",
            "share with",
            "send to",
            "post to",
        ],
        with_any_of: &[
            "facebook",
            "twitter",
            "whatsapp",
            "email",
            "linkedin",
            "telegram",
            "reddit",
            "x",
            "messenger",
            "friends",
            "pinterest",
        ],
        max_words: 12,
    },
    PromptRule {
        name: "subscription pitch",
        any_of: &[
            "subscribe now",
            "subscribe today",
            "subscribe to read",
            "subscribe to continue",
            "sign in to",
            "log in to",
            "create a free account",
            "already a subscriber",
            "become a subscriber",
            "start your free trial",
            "free trial",
            "for unlimited access",
            "to continue reading",
            "sign up for free",
            "read unlimited",
            "unlimited articles",
        ],
        with_any_of: &[],
        max_words: 30,
    },
    PromptRule {
        name: "support request",
        any_of: &[
            "support our journalism",
            "support independent journalism",
            "support our work",
            "please support us",
            "donate now",
            "donate today",
            "become a member today",
            "become a patron",
            "make a contribution today",
            "please consider supporting",
            "support us on patreon",
        ],
        with_any_of: &[],
        max_words: 40,
    },
    PromptRule {
        name: "newsletter sign-up in other languages",
        any_of: &[
            "newsletter",
            "boletín",
            "lettre d'information",
            "lettre d’information",
        ],
        with_any_of: &[
            "anmelden",
            "abonnieren",
            "bestellen",
            "bekommen",
            "verpasst",
            "inscríbete",
            "suscríbete",
            "abonnez-vous",
            "inscrivez-vous",
            "zapisz się",
            "iscriviti",
        ],
        max_words: 30,
    },
    PromptRule {
        name: "comment prompts in other languages",
        any_of: &[
            "du musst angemeldet sein",
            "sie müssen angemeldet sein",
            "kommentar abzugeben",
            "sei der erste",
            "schreiben sie einen kommentar",
            "deja un comentario",
            "laisser un commentaire",
            "dodaj komentarz",
        ],
        with_any_of: &[],
        max_words: 20,
    },
    PromptRule {
        name: "cookie notice",
        any_of: &["cookie", "cookies"],
        with_any_of: &[
            "accept", "consent", "policy", "we use", "use of", "settings", "agree",
        ],
        max_words: 60,
    },
    PromptRule {
        name: "comment and tip prompts",
        any_of: &[
            "comments are closed",
            "leave a reply",
            "post a comment",
            "add a comment",
            "join the conversation",
            "join the discussion",
            "comment below",
            "view comments",
            "show comments",
            "report an error",
            "report a typo",
            "spotted a typo",
            "send us a tip",
            "got a news tip",
            "have a news tip",
            "you may also like",
            "recommended for you",
        ],
        with_any_of: &[],
        max_words: 15,
    },
];

/// Prefixes of link lines that point elsewhere ("Read more: …", "Related: …").
pub const LINK_LINE_PREFIXES: &[&str] = &[
    "read more:",
    "read more -",
    "read also:",
    "also read:",
    "read:",
    "related:",
    "related coverage",
    "related content",
    "see also:",
    "recommended:",
    "watch:",
    "listen:",
    "click here",
    "more on this:",
    "more on this story",
    "read the full",
    "read the original",
    "sponsored:",
    "advertisement:",
    "tags:",
    "topics:",
    "filed under",
    "categories:",
    "share this:",
    "follow:",
    // Other languages.
    "mehr zum thema:",
    "lesen sie auch:",
    "lesen sie mehr:",
    "lea también:",
    "lea más:",
    "lea:",
    "lire aussi:",
    "à lire aussi:",
    "czytaj więcej",
    "czytaj też:",
    "czytaj także:",
    "zobacz też:",
    "zobacz także:",
    "leggi anche:",
];

/// Most words a link line may have.
pub const LINK_LINE_MAX_WORDS: usize = 30;

/// Prefixes that open a photo caption or credit line.
pub const CAPTION_PREFIXES: &[&str] = &[
    "photo:",
    "photo by",
    "photos:",
    "photos by",
    "photo credit",
    "photograph:",
    "photograph by",
    "photographs by",
    "image:",
    "image credit",
    "image by",
    "images:",
    "picture:",
    "pictures:",
    "pictured:",
    "caption:",
    "credit:",
    "credits:",
    "file photo",
    "file image",
    "file picture",
    "(photo",
    "[photo",
    "(image",
    "(file photo",
    "(file",
    "illustration:",
    "illustration by",
    "graphic:",
    "video:",
    "screenshot:",
    "top image:",
    "main image:",
    "featured image",
    "header image",
    "above:",
    "top:",
    "photo illustration",
    // Other languages.
    "foto:",
    "fotos:",
    "bild:",
    "bilder:",
    "fot.",
    "zdjęcie:",
    "imagen:",
    "photo :",
    "crédit photo",
    "quelle:",
];

/// Wire-photo credits, matched case-sensitively anywhere in a caption-length line: "REUTERS/Omar Sanadiki",
/// "(AP Photo/Hussein Malla)", "AFP via Getty Images".
pub const CREDIT_MARKERS: &[&str] = &[
    "REUTERS/",
    "Reuters/",
    "AP Photo",
    "AP PHOTO",
    "AFP Photo",
    "AFP PHOTO",
    "/AFP",
    "AFP/",
    "Getty Images",
    "EPA-EFE",
    "EPA/",
    "/EPA",
    "File Photo",
    "FILE PHOTO",
    "Xinhua/",
    "SANA/",
    "via REUTERS",
    "Anadolu Agency",
    "Shutterstock",
    "iStock",
    "Photo courtesy",
    "Courtesy photo",
    "Handout photo",
    "HANDOUT",
    "/Handout",
    "Photo credit",
    "Image credit",
    "Sputnik/",
    "TASS/",
    "IRNA/",
    "WANA/",
    "Pool Photo",
    "POOL/",
];

/// How near the end of a line a wire-photo credit must stand (bytes) for the line to be a caption.
pub const CREDIT_MARKER_TAIL_BYTES: usize = 80;

/// Words that mark a line as reported prose, which is never a prompt or link line however many prompt words it
/// holds ("“Join our fight,” the group said on its Telegram channel").
pub const REPORTING_WORDS: &[&str] = &[" said", " says", " told", " according to", " quoted"];

/// Words that make a parenthesis closing the line a photo credit: "(Army photo by Staff Sgt. Jacob Connor)",
/// "(File)". A dateline's "(Reuters)" is not one.
pub const CREDIT_PARENTHESIS_WORDS: &[&str] = &[
    "photo",
    "photos",
    "photograph",
    "photographer",
    "image",
    "images",
    "picture",
    "getty",
    "courtesy",
    "credit",
    "illustration",
    "file",
    "screenshot",
    "screengrab",
    "handout",
    "shutterstock",
    "pool",
];

/// Most words a parenthesised credit may have.
pub const CREDIT_PARENTHESIS_MAX_WORDS: usize = 14;

/// Most words a caption line may have; longer lines are body prose even if they name a photo agency.
pub const CAPTION_MAX_WORDS: usize = 70;

/// Prefixes of copyright and syndication lines.
pub const SYNDICATION_PREFIXES: &[&str] = &[
    "©",
    "copyright",
    "distributed by",
    "syndicated by",
    "this article was originally published",
    "this article originally appeared",
    "this story was originally published",
    "this story originally appeared",
    "this article first appeared",
    "this story first appeared",
    "this article was first published",
    "originally published",
    "republished with permission",
    "reprinted with permission",
    "used with permission",
    "this article is republished",
    "this story is republished",
    "this article was produced",
    "this story was produced",
    "this content was produced",
    "content provided by",
    "source:",
    "via:",
    "this article appeared",
    "this story appeared",
    "a version of this",
    "an earlier version of this",
    // Other languages.
    "źródło:",
    "fuente:",
    "source :",
    "alle rechte vorbehalten",
];

/// Prefixes of copyright lines only when the line also names a year: "(c) 2018 Example News" is a footer, "(c)
/// calls upon all parties" an item of a quoted resolution.
pub const SYNDICATION_PREFIXES_WITH_YEAR: &[&str] = &["(c)", "(C)"];

/// Phrases that make a short line a copyright or syndication line wherever they stand.
pub const SYNDICATION_PHRASES: &[&str] = &[
    "all rights reserved",
    "tribune content agency",
    "tribune media services",
    "creators syndicate",
    "king features syndicate",
    "under a creative commons",
    "creative commons license",
    "creative commons licence",
    "may not be published, broadcast, rewritten or redistributed",
    "may not be reproduced",
    "may not be republished",
    "may not be copied",
    "used under license",
    "used under licence",
    "reproduction in whole or in part",
    "republished under",
    // Other languages.
    "alle rechte vorbehalten",
    "todos los derechos reservados",
    "tous droits réservés",
    "wszelkie prawa zastrzeżone",
    "materiał chroniony prawem autorskim",
    "tutti i diritti riservati",
];

/// Most words a syndication line may have.
pub const SYNDICATION_MAX_WORDS: usize = 45;

/// Prefixes that mark the outlet's name in a copyright line, stripped when reading the outlet.
pub const COPYRIGHT_MARKERS: &[&str] = &["©", "(c)", "copyright", "copr.", ":"];

/// Trailing phrases stripped from a copyright line when reading the outlet: "… All rights reserved."
pub const COPYRIGHT_TAILS: &[&str] = &["all rights reserved", "some rights reserved"];

/// Wire sign-offs standing alone on a line, case-sensitive, with the outlet each names (if any).
pub const SIGNOFF_LINES: &[(&str, Option<&str>)] = &[
    ("Reuter", Some("Reuters")),
    ("REUTER", Some("Reuters")),
    ("Reuters", Some("Reuters")),
    ("REUTERS", Some("Reuters")),
    ("AP", Some("Associated Press")),
    ("AFP", Some("AFP")),
    ("-30-", None),
    ("(END)", None),
    ("END", None),
    ("ENDS", None),
    ("— END —", None),
];

/// Prefixes of wire credit lines ("Reporting by Jane Doe; Editing by John Roe"). Names after an `AUTHOR_CREDITS`
/// prefix are authors; the rest (editors) are not.
pub const CREDIT_LINE_PREFIXES: &[&str] = &[
    "reporting by",
    "additional reporting by",
    "writing by",
    "written by",
    "editing by",
    "edited by",
    "compiled by",
    "(reporting by",
    "(additional reporting by",
    "(writing by",
    "(editing by",
    "with reporting by",
    "contributing:",
    "contributors:",
    "contributed reporting",
];

/// Endings of wire credit lines naming contributors ("Associated Press writer Jane Doe contributed to this
/// report.").
pub const CREDIT_LINE_SUFFIXES: &[&str] = &[
    "contributed to this report",
    "contributed to this story",
    "contributed to this article",
    "contributed reporting",
    "contributed to reporting",
];

/// Credit phrases whose names are authors.
pub const AUTHOR_CREDITS: &[&str] = &[
    "reporting by",
    "writing by",
    "written by",
    "with reporting by",
];

/// Prefixes that introduce a byline ("By Jane Doe and John Roe, Reuters").
pub const BYLINE_PREFIXES: &[&str] = &[
    "by:",
    "by ",
    "written by ",
    "reported by ",
    "story by ",
    "words by ",
    "text by ",
    "report by ",
    "author:",
    "authors:",
    "posted by ",
    "published by ",
];

/// Byline parts that are affiliations or roles, not names. A byline without "By" needs at least one of these
/// ("Jane Doe, Reuters").
pub const BYLINE_AFFILIATIONS: &[&str] = &[
    "reuters",
    "associated press",
    "the associated press",
    "ap",
    "afp",
    "agence france-presse",
    "bloomberg",
    "xinhua",
    "tass",
    "ria novosti",
    "dpa",
    "efe",
    "ansa",
    "upi",
    "anadolu",
    "anadolu agency",
    "kyodo",
    "yonhap",
    "irna",
    "sputnik",
    "al jazeera",
    "bbc",
    "bbc news",
    "cnn",
    "staff",
    "staff writer",
    "staff writers",
    "staff reporter",
    "staff report",
    "correspondent",
    "senior correspondent",
    "chief correspondent",
    "foreign correspondent",
    "contributor",
    "contributing writer",
    "editor",
    "senior editor",
    "reporter",
    "news desk",
    "the editorial board",
    "editorial board",
    "special correspondent",
    "wire services",
    "wire service",
    "wires",
    "agencies",
    "news agencies",
    "and agencies",
    "reuters staff",
    "ap staff",
];

/// Byline affiliation prefixes that open a role phrase ("Special to The Times", "for Reuters").
pub const BYLINE_AFFILIATION_PREFIXES: &[&str] = &["special to ", "for "];

/// Separates a name from the place it was filed in: "Jane Doe in Beirut".
pub const BYLINE_PLACE_SEPARATOR: &str = " in ";

/// Lower-case particles allowed inside names ("Bashar al-Assad" style bylines: "Ali al Mansour", "Ursula von der").
pub const NAME_PARTICLES: &[&str] = &[
    "al", "al-", "el", "bin", "ibn", "ben", "bint", "abu", "de", "del", "della", "der", "den",
    "di", "da", "du", "dos", "das", "van", "von", "le", "la", "y", "e", "st", "ter", "ten",
];

/// Capitalised words that cannot be part of a byline name besides month and weekday names: calendar words and
/// common sentence openers, so that "By Tuesday, the army…" is not a byline.
pub const NOT_NAME_WORDS: &[&str] = &[
    "the",
    "this",
    "that",
    "these",
    "those",
    "then",
    "now",
    "today",
    "tomorrow",
    "yesterday",
    "early",
    "late",
    "last",
    "next",
    "noon",
    "midnight",
    "morning",
    "evening",
    "night",
    "weekend",
    "end",
    "mid",
    "year",
    "month",
    "week",
];

/// Weekday names: never part of a byline name, allowed on a date-stamp line.
pub const WEEKDAYS: &[&str] = &dyad_model::date::WEEKDAY_NAMES;

/// Most words a byline may have, and a name inside it.
pub const BYLINE_MAX_WORDS: usize = 14;
pub const NAME_MIN_WORDS: usize = 2;
pub const NAME_MAX_WORDS: usize = 5;

/// Words allowed around a date on a line that is only a date stamp ("Published: May 3, 2018 10:02 GMT").
pub const DATE_STAMP_WORDS: &[&str] = &[
    "published",
    "updated",
    "posted",
    "last",
    "first",
    "modified",
    "date",
    "dated",
    "on",
    "at",
    "gmt",
    "utc",
    "edt",
    "est",
    "cet",
    "cest",
    "bst",
    "pst",
    "pdt",
    "msk",
    "ist",
    "am",
    "pm",
    "a.m",
    "p.m",
    "a.m.",
    "p.m.",
    "|",
    "-",
    "–",
    "—",
    "/",
    "•",
    "·",
    "updated:",
    "published:",
    "posted:",
    "time",
    "local",
];

/// Most words a date-stamp line may have.
pub const DATE_STAMP_MAX_WORDS: usize = 12;

/// Plausible publication years; four-digit numbers outside are not years.
pub const MIN_YEAR: u16 = 1900;
pub const MAX_YEAR: u16 = 2100;

/// Separators that end a dateline ("DAMASCUS, Syria (Reuters) - ", "SALVADOR, Feb 26 - ").
pub const DATELINE_SEPARATORS: &[&str] = &[" - ", " — ", " – ", " -- ", "—", " —", " –"];

/// Longest dateline, in bytes, before its separator.
pub const DATELINE_MAX_BYTES: usize = 90;

/// Headline limits: a headline is a short line that does not end with a period.
pub const HEADLINE_MAX_WORDS: usize = 30;
pub const HEADLINE_MAX_CHARS: usize = 250;

/// Hard-wrap detection: a text whose longest line has at most this many characters, and which has lines
/// following each other without a blank line between, is wrapped (newswire copy) and its lines are joined.
pub const HARD_WRAP_MAX_CHARS: usize = 100;

/// ... and at least this share of its body lines fill at least [`WRAP_FULL_LINE_RATIO`] of the longest line.
pub const WRAP_FULL_LINE_SHARE: f64 = 0.5;
pub const WRAP_FULL_LINE_RATIO: f64 = 0.8;

/// In wrapped text, a line ending a sentence and shorter than this share of the wrap width ends its paragraph.
pub const WRAP_SHORT_LINE_RATIO: f64 = 0.75;

/// Characters a line can end with when its sentence continues on the next line, in text that is not wrapped.
pub const CONTINUATION_ENDINGS: &[char] = &[',', ';', '-', '(', '/', '&'];

/// Characters dropped from the clean text without leaving a space: zero-width spaces and joiners, byte-order
/// marks, soft hyphens.
pub const INVISIBLE_CHARS: &[char] = &[
    '\u{200b}', '\u{200c}', '\u{200d}', '\u{2060}', '\u{feff}', '\u{ad}',
];

/// Characters that end a sentence at the end of a line (closing quotes trimmed first).
pub const LINE_TERMINATORS: &[char] = &['.', '?', '!', ':', '…'];

/// Closing quotes and brackets trimmed before looking at how a line ends.
pub const LINE_CLOSERS: &[char] = &['"', '\'', '”', '’', '»', ')', ']'];

/// The most words any set-aside line may have (the largest of the limits above): longer lines are body text
/// without further tests.
pub const LONGEST_SET_ASIDE_WORDS: usize = {
    let limits = [
        CAPTION_MAX_WORDS,
        SYNDICATION_MAX_WORDS,
        LINK_LINE_MAX_WORDS,
        BYLINE_MAX_WORDS * 2,
        DATE_STAMP_MAX_WORDS,
    ];
    let mut longest = 0;
    let mut i = 0;
    while i < limits.len() {
        if limits[i] > longest {
            longest = limits[i];
        }
        i += 1;
    }
    let mut r = 0;
    while r < PROMPT_RULES.len() {
        if PROMPT_RULES[r].max_words > longest {
            longest = PROMPT_RULES[r].max_words;
        }
        r += 1;
    }
    longest
};
