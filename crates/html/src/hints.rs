//! The heuristics' data: tag sets, class/id hint words, boilerplate phrases and every threshold, in one place.
//!
//! In the manner of trafilatura's `xpaths.py` / `settings.cfg`: the extractor's code reads these tables and never
//! carries its own literals, so tuning is editing data. Class/id words are matched against the lowercased words of
//! an element's `class` and `id` (split on anything not a letter or digit), substrings against the whole value.

/// Elements whose content is never article text.
pub const NEVER_CONTENT_TAGS: &[&str] = &[
    "script", "style", "noscript", "template", "iframe", "object", "embed", "applet", "canvas",
    "video", "audio", "source", "track", "map", "select", "option", "button", "input", "textarea",
    "head", "title", "meta", "link", "base", "dialog", "picture", "img",
];

/// Page furniture: dropped wherever found.
pub const BOILERPLATE_TAGS: &[&str] = &["nav", "aside", "footer", "menu", "address"];

/// Headers hold the headline, byline and date, none of which is body text; kept only when they hold real prose.
pub const HEADER_TAG: &str = "header";
/// The id prefix of a streamed segment (React's `<div hidden id="S:3">`, moved into place by a script): hidden in
/// the markup, shown on the page.
pub const STREAMED_SEGMENT_ID_PREFIX: &str = "S:";

/// Elements that start a new text block.
pub const BLOCK_TAGS: &[&str] = &[
    "p",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "li",
    "blockquote",
    "pre",
    "table",
    "tr",
    "td",
    "th",
    "caption",
    "dd",
    "dt",
    "dl",
    "ul",
    "ol",
    "div",
    "section",
    "article",
    "main",
    "figure",
    "figcaption",
    "body",
    "center",
    "details",
    "summary",
    "hr",
    "br",
    "form",
    "fieldset",
    "header",
    "footer",
    "aside",
    "nav",
    "address",
];

/// Elements whose text is a caption or credit, set aside from the body.
pub const CAPTION_TAGS: &[&str] = &["figcaption", "caption"];

/// How a web address written out in the text begins (a link whose text is its own address is kept in the body).
pub const PRINTED_ADDRESS_PREFIXES: &[&str] = &["http://", "https://", "www."];

/// Class/id substrings of captions and photo credits: emitted as caption blocks, set aside from the body.
pub const CAPTION_CLASS_SUBSTRINGS: &[&str] = &["caption", "credit"];
/// Class words (whole words of the class attribute, not of the id: ids are often slugs of the text) that mark a
/// caption.
pub const CAPTION_CLASS_WORDS: &[&str] = &["legend"];

/// Class/id words that mark furniture (whole words of the attribute).
pub const BOILERPLATE_WORDS: &[&str] = &[
    "ad",
    "ads",
    "advert",
    "advertisement",
    "advertising",
    "adslot",
    "banner",
    "breadcrumb",
    "breadcrumbs",
    "byline",
    "comment",
    "comments",
    "commentlist",
    "consent",
    "cookie",
    "cookies",
    "disqus",
    "dropdown",
    "footer",
    "gdpr",
    "masthead",
    "menu",
    "modal",
    "nav",
    "navbar",
    "navigation",
    "newsletter",
    "outbrain",
    "overlay",
    "pagination",
    "pager",
    "popup",
    "promo",
    "promotion",
    "recirc",
    "recommended",
    "related",
    "share",
    "shares",
    "sharing",
    "sidebar",
    "signup",
    "social",
    "sponsor",
    "sponsored",
    "subscribe",
    "subscription",
    "taboola",
    "tags",
    "toolbar",
    "trending",
    "author",
    "authors",
    "dateline",
    "timestamp",
    "meta",
    "tools",
    "utility",
    "print",
    "rating",
    "ratings",
    "follow",
    "login",
    "tooltip",
    "offscreen",
    "mostread",
    "popular",
    "readmore",
    "topics",
    "keywords",
    "bio",
    "jump",
    "toc",
    "nocontent",
    "noprint",
    "rail",
    "email",
    "kicker",
    "eyebrow",
    "date",
    "published",
    "updated",
    "pubdate",
    "contributor",
    "contributors",
    "embed",
    "video",
    "player",
    "slideshow",
    "recent",
    "prev",
    "previous",
    "upnext",
    "widget",
    // A call-to-action box: subscription or membership pitch.
    "cta",
];

/// Class/id substrings that mark furniture even inside compound names ("sharebar", "relatedposts").
pub const BOILERPLATE_SUBSTRINGS: &[&str] = &[
    "share",
    "social",
    "related",
    "comment",
    "newsletter",
    "subscri",
    "sidebar",
    "cookie",
    "breadcrumb",
    "advert",
    "sponsor",
    "outbrain",
    "taboola",
    "recommend",
    "signup",
    "sign-up",
    "byline",
    "navbar",
    "navigation",
    "footer",
    "masthead",
    "popup",
    "modal",
    "trending",
    "popular",
    "read-more",
    "readmore",
    "more-stories",
    "morestories",
    "author-bio",
    "authorbio",
    "author-info",
    "tag-list",
    "taglist",
    "gdpr",
    "consent",
    "toolbar",
    "skip-link",
    "visually-hidden",
    "visuallyhidden",
    "sr-only",
    "screen-reader",
    "timestamp",
    "dateline",
    "published",
    "dropcap-no",
    "next-prev",
    "prev-next",
    "nextprev",
    "next-article",
    "next-post",
];

/// Whole class tokens that hide an element (utility classes of CSS frameworks).
pub const HIDDEN_CLASSES: &[&str] = &[
    "hidden",
    "hide",
    "d-none",
    "invisible",
    "sr-only",
    "visually-hidden",
    "is-hidden",
];

/// Inline `style` fragments that hide an element (compared with spaces removed, lowercased).
pub const HIDDEN_STYLES: &[&str] = &["display:none", "visibility:hidden"];

/// Class/id substrings of comment sections, which stay furniture however much prose they hold.
pub const COMMENT_SUBSTRINGS: &[&str] = &["comment", "disqus", "replies", "respond", "discussion"];

/// Blockquote classes of embedded social posts, kept with their wrappers despite "social"/"embed" classes.
pub const EMBEDDED_POST_CLASSES: &[&str] = &[
    "twitter-tweet",
    "instagram-media",
    "tiktok-embed",
    "fb-xfbml-parse-ignore",
    "bluesky-embed",
    "mastodon-embed",
];
/// How many wrappers above an embedded post are kept with it.
pub const EMBED_WRAPPER_LEVELS: usize = 3;

/// Class tokens starting with these are page-builder scaffolding ("elementor-widget-container" wraps everything,
/// content included): their words say nothing and are ignored.
pub const SCAFFOLDING_CLASS_PREFIXES: &[&str] = &["elementor"];

/// Class/id words that mark the article body; they outweigh furniture words on the same element.
pub const CONTENT_WORDS: &[&str] = &[
    "article",
    "articlebody",
    "body",
    "content",
    "entry",
    "main",
    "post",
    "story",
    "text",
    "blog",
    "prose",
    "copy",
    "richtext",
    "rte",
    "paragraph",
    "paragraphs",
    "storytext",
    "articletext",
    "postbody",
];

/// Class/id substrings that name the article body outright.
pub const STRONG_CONTENT_SUBSTRINGS: &[&str] = &[
    "article-body",
    "articlebody",
    "article_body",
    "article__body",
    "article-content",
    "article__content",
    "articlecontent",
    "article-text",
    "articletext",
    "story-body",
    "storybody",
    "story-content",
    "storycontent",
    "post-body",
    "postbody",
    "post-content",
    "postcontent",
    "entry-content",
    "entrycontent",
    "body-text",
    "bodytext",
    "article-main",
    "main-content",
    "maincontent",
    "content-body",
    "contentbody",
    "text-body",
    "article-section",
    "rich-text",
    "richtext",
    "story-text",
    "storytext",
    "body-copy",
    "bodycopy",
    "post-text",
    "blog-content",
    "news-content",
    "newscontent",
    "article-detail",
    "detail-content",
    "article__text",
    "paywall-article",
];

/// `itemprop` values that name the article body.
pub const BODY_ITEMPROPS: &[&str] = &["articlebody", "text", "reviewbody"];

/// `itemprop` values of metadata shown in the page (dates, author boxes), not body text.
pub const METADATA_ITEMPROPS: &[&str] = &[
    "datepublished",
    "datemodified",
    "datecreated",
    "author",
    "publisher",
    "creator",
    "headline",
    "name",
];

/// Class/id furniture hints are not applied inside these elements (tables and code are data, not layout) ...
pub const HINT_EXEMPT_ANCESTORS: &[&str] = &["table", "pre", "code"];
/// ... nor to these elements themselves.
pub const HINT_EXEMPT_TAGS: &[&str] = &[
    "a", "p", "tr", "td", "th", "tbody", "thead", "tfoot", "h2", "h3", "h4", "h5", "h6",
];

/// `role` values of furniture.
pub const BOILERPLATE_ROLES: &[&str] = &[
    "navigation",
    "banner",
    "contentinfo",
    "complementary",
    "search",
    "dialog",
    "alert",
    "menu",
    "menubar",
    "toolbar",
    "tooltip",
];

/// Short whole-block texts that are furniture, compared lowercased with trailing punctuation trimmed (English, and
/// the German, French, Portuguese, Polish and Spanish of the test sets).
pub const BOILERPLATE_LINES: &[&str] = &[
    "advertisement",
    "advertisements",
    "ad",
    "sponsored",
    "sponsored content",
    "share",
    "share this",
    "share this article",
    "share this story",
    "share on facebook",
    "share on twitter",
    "tweet",
    "email",
    "print",
    "comments",
    "comment",
    "read more",
    "continue reading",
    "related",
    "related articles",
    "related stories",
    "related content",
    "more stories",
    "recommended",
    "recommended for you",
    "you may also like",
    "most popular",
    "most read",
    "trending",
    "sign up",
    "subscribe",
    "log in",
    "login",
    "follow us",
    "click here",
    "skip to content",
    "skip advertisement",
    "story continues below advertisement",
    "article continues below advertisement",
    "content continues below",
    "scroll to continue with content",
    "close",
    "menu",
    "search",
    "next",
    "previous",
    "back to top",
    "loading",
    "image",
    "photo",
    "video",
    "watch",
    "listen",
    "listen to this article",
    "view comments",
    "view gallery",
    "see more",
    "show more",
    "load more",
    "copy link",
    "link copied",
    "facebook",
    "twitter",
    "linkedin",
    "whatsapp",
    "pinterest",
    "reddit",
    "text size",
    "font size",
    "print this article",
    "save",
    "save article",
    "bookmark",
    "ad feedback",
    "schon gelesen",
    "auch interessant",
    "weitere informationen",
    "mehr themen",
    "mehr zum thema",
    "empfohlene beiträge",
    "kommentieren",
    "kommentare",
    "wird geladen",
    "artikel teilen",
    "teilen",
    "drucken",
    "lesen sie auch",
    "weiterlesen",
    "zum artikel",
    "anzeige",
    "werbung",
    "veja também",
    "leia também",
    "leia mais",
    "lire aussi",
    "à lire aussi",
    "lire la suite",
    "partager",
    "publicité",
    "czytaj także",
    "czytaj też",
    "zobacz też",
    "zobacz także",
    "reklama",
    "lee también",
    "te puede interesar",
    "publicidad",
    "compartir",
    "leer más",
    "advert",
    "adverts",
    "this slideshow requires javascript",
    "javascript is disabled",
    "enable javascript",
    "loading comments",
    "post a comment",
    "leave a comment",
    "leave a reply",
    "add comment",
    "write a comment",
    "report an error",
    "report a typo",
];

/// Words that open a byline ("By Jane Doe"), in the languages of the test sets.
pub const BYLINE_PREFIXES: &[&str] = &[
    "By ", "by ", "BY ", "Von ", "von ", "Par ", "par ", "Por ", "por ", "Door ", "Di ", "Av ",
];

/// A block this short that opens with a byline word, or names a page author, is a byline.
pub const MAX_BYLINE_CHARS: usize = 100;

/// Block-text prefixes that mark a furniture line ("Read more: …", "Related: …"), lowercased.
pub const BOILERPLATE_PREFIXES: &[&str] = &[
    "read more:",
    "related:",
    "read also:",
    "see also:",
    "also read:",
    "more:",
    "recommended:",
    "sign up for",
    "subscribe to",
    "click here to",
    "follow us on",
    "share this",
    "advertisement",
    "das könnte sie auch interessieren",
    "das könnte dich auch interessieren",
    "lesen sie auch",
    "mehr zum thema",
    "auch interessant",
    "veja também",
    "leia também",
    "lire aussi",
    "à lire aussi",
    "czytaj także",
    "czytaj też",
    "zobacz także",
    "lee también",
    "te puede interesar",
    "tell us what you think",
    "you may also",
    "you might also",
    "this slideshow requires",
    "please enable javascript",
    "to view this video please enable",
];

/// Phrases (ASCII case-insensitive) of end-of-article furniture: bios, pitches, credits. Only tested on the last
/// [`TRAILER_WINDOW`] blocks, each at most [`TRAILER_MAX_CHARS`] long.
pub const TRAILER_PHRASES: &[&str] = &[
    "follow us",
    "follow him",
    "follow her",
    "follow them",
    "on twitter",
    "on facebook",
    "on instagram",
    "sign up",
    "subscribe",
    "newsletter",
    "click here",
    "reporting by",
    "editing by",
    "writing by",
    "contributed to this report",
    "contributed reporting",
    "additional reporting",
    "all rights reserved",
    "copyright",
    "email the writer",
    "may be reached at",
    "can be reached at",
    "have a tip",
    "download our app",
    "join our",
    "share this",
    "read more",
];

/// Whole words and phrases of calls to action: log in, subscribe now, get the app ("sign up" opens too many lines of
/// deals articles, and is a furniture line and prefix above). A block of at most
/// [`CALL_TO_ACTION_MAX_CHARS`] holding one, as whole words, is a prompt or pitch box and not article text (an
/// article's sentence about subscribing is longer). Lowercase, in English and the German, French, Portuguese, Polish
/// and Spanish of the test sets.
pub const CALL_TO_ACTION_PHRASES: &[&str] = &[
    "log in",
    "logged in",
    "sign in",
    "signed in",
    "subscribe now",
    "subscribe today",
    "download our app",
    "download the app",
    "get the app",
    "einloggen",
    "eingeloggt",
    "anmelden",
    "jetzt abonnieren",
    "newsletter abonnieren",
    "connectez-vous",
    "abonnez-vous",
    "inscrivez-vous",
    "faça login",
    "assine já",
    "inscreva-se",
    "inicia sesión",
    "suscríbete",
    "regístrate",
    "zaloguj się",
    "zarejestruj się",
];

/// Zero-width and byte-order characters, dropped from block text.
pub const INVISIBLE_CHARS: &[char] = &[
    '\u{feff}', '\u{200b}', '\u{200c}', '\u{200d}', '\u{2060}', '\u{00ad}',
];

// ----------------------------------------------------------------------------------------------------------------
// Thresholds.

/// A text run shorter than this (in chars) does not vote for its ancestors.
pub const MIN_SCORED_PARAGRAPH_CHARS: usize = 25;
/// Each this many chars of a paragraph add one point, up to [`MAX_LENGTH_POINTS`].
pub const CHARS_PER_LENGTH_POINT: usize = 100;
pub const MAX_LENGTH_POINTS: f64 = 3.0;
/// How many ancestors a paragraph's score reaches.
pub const SCORE_ANCESTOR_LEVELS: usize = 5;
/// Weight of a class/id content or furniture hint in the container score.
pub const CLASS_HINT_WEIGHT: f64 = 25.0;
/// Extra weight of a container that names itself the article body.
pub const STRONG_CONTENT_WEIGHT: f64 = 40.0;
/// A sibling of the best container joins the article when its score reaches this share of the best ...
pub const SIBLING_SCORE_SHARE: f64 = 0.25;
/// ... and at least this score.
pub const SIBLING_MIN_SCORE: f64 = 10.0;
/// A sibling paragraph joins when it is at least this long with link density below [`SIBLING_MAX_LINK_DENSITY`].
pub const SIBLING_PARAGRAPH_CHARS: usize = 80;
pub const SIBLING_MAX_LINK_DENSITY: f64 = 0.25;
/// A sibling container with at least this much prose (and low link density) joins too.
pub const SIBLING_PROSE_CHARS: usize = 300;
/// ... in at least this many paragraphs of [`SIBLING_PARAGRAPH_CHARS`] (a teaser has one).
pub const SIBLING_MIN_LONG_PARAGRAPHS: u32 = 2;
/// ... and fewer headings per paragraph than this (a list of teasers has one heading per summary).
pub const TEASER_HEADINGS_PER_PARAGRAPH: f64 = 0.5;
/// The lead (standfirst) of an article often sits in its own wrapper between the headline and the body. Walking
/// back from the article over at most this many siblings, ...
pub const LEAD_MAX_SIBLINGS: usize = 4;
/// ... a prose block of at least this many chars with link density below [`SIBLING_MAX_LINK_DENSITY`] joins the
/// article when the walk ends at a heading sibling (the headline); shorter blocks (a figure, a date line) are
/// passed over, and anything else longer ends the walk with nothing taken.
pub const LEAD_MIN_CHARS: u32 = 60;
/// A lead found after the headline in document order (in the headline's wrapper) has at most this many
/// paragraphs ...
pub const LEAD_MAX_PARAGRAPHS: usize = 3;
/// ... with at most this much other text between the headline and the article (a byline, a date, share buttons).
pub const LEAD_MAX_GAP_CHARS: usize = 300;
/// ... and each inside the headline's wrapper: its parent or an ancestor up to this many levels above it (the
/// article's head), never a wrapper that also holds the article.
pub const LEAD_HEAD_LEVELS: usize = 2;
/// Furniture words are ignored on a container with at least this much prose (a "comments-enabled" article body).
pub const KEEP_HINTED_PROSE_CHARS: usize = 400;
/// ... when its link density is below this.
pub const KEEP_HINTED_MAX_LINK_DENSITY: f64 = 0.3;
/// A furniture-named container holding at least this share of the page's prose is a layout wrapper, kept.
pub const WRAPPER_PROSE_SHARE: f64 = 0.5;
/// A header with at least this much paragraph text is kept.
/// (A header holding the page's headline is the article's head: kept whatever its prose.)
pub const KEEP_HEADER_PROSE_CHARS: usize = 400;
/// Inside the article, a list/div/table with link density above this is dropped as link furniture ...
pub const CONTAINER_MAX_LINK_DENSITY: f64 = 0.4;
/// ... and a block with link density above this, unless it is long.
pub const BLOCK_MAX_LINK_DENSITY: f64 = 0.8;
/// A block at least this long survives the block link-density filter (prose with many inline links).
pub const BLOCK_LINK_DENSITY_EXEMPT_CHARS: usize = 400;
/// A subtree with at least this many links ...
pub const LINK_CLUSTER_MIN_LINKS: u32 = 3;
/// ... this link density ...
pub const LINK_CLUSTER_MIN_DENSITY: f64 = 0.8;
/// ... and less plain text than this is link furniture, dropped before scoring.
pub const LINK_CLUSTER_MAX_PLAIN_CHARS: usize = 200;
/// How many of the best containers are compared when looking for a split article.
pub const TOP_CANDIDATES: usize = 5;
/// A container scoring at least this share of the best is an alternative ... (0.45 since leave-one-source-out over
/// 12 sources chose it in every fold against 0.6: held-out mean F1 .665 → .674, extraction-dev .960 → .958) ...
pub const ALTERNATIVE_SCORE_SHARE: f64 = 0.45;
/// ... and this many alternatives under one ancestor make that ancestor the article.
pub const MIN_ALTERNATIVE_CANDIDATES: usize = 3;
/// A text block with more than this share of link text counts as link-dense (a teaser or link list) for the
/// confidence's listing-page signal.
pub const LINK_DENSE_BLOCK_SHARE: f64 = 0.5;
/// A later `<h1>` opens a second article when one of the next [`SECOND_ARTICLE_HEAD_SIBLINGS`] element siblings of
/// it or of its wrappers (up to this many levels) ...
pub const SECOND_ARTICLE_HEAD_LEVELS: usize = 2;
pub const SECOND_ARTICLE_HEAD_SIBLINGS: usize = 3;
/// ... holds, in its first this many nodes, a `<time>`, a date/author `itemprop` or one of these classes.
pub const SECOND_ARTICLE_HEAD_NODES: usize = 200;
pub const ARTICLE_HEAD_CLASS_SUBSTRINGS: &[&str] =
    &["byline", "author", "date", "timestamp", "published"];

// Confidence (see `confidence.rs`): each signal multiplies the confidence by its factor.

/// A page with at least this many link-dense blocks outside the article ...
pub const LISTING_MIN_LINK_DENSE_BLOCKS: u32 = 8;
/// ... and more than this many per prose block inside it is a listing, hub or section page.
pub const LISTING_LINK_DENSE_PER_PROSE_BLOCK: u32 = 2;
pub const CONFIDENCE_LISTING: f64 = 0.4;
/// An article with at least this many linked headings, and one per two long paragraphs or more
/// ([`TEASER_HEADINGS_PER_PARAGRAPH`]), is a list of teasers (or a live blog).
pub const TEASER_MIN_HEADINGS: u32 = 4;
pub const CONFIDENCE_TEASERS: f64 = 0.6;
/// A teaser list of many teasers of one shape — at least this many linked headings, ...
pub const TEASER_LIST_MIN_HEADINGS: u32 = 8;
/// ... each with about one long paragraph (headings per long paragraph in this range: a linked headline over its
/// summary, card after card) — is a listing page, not an article with a few related links:
pub const TEASER_LIST_HEADINGS_PER_PARAGRAPH: (f64, f64) = (0.6, 1.5);
pub const CONFIDENCE_TEASER_LIST: f64 = 0.3;
/// An article holding less than this share of the page's prose, with at least [`SPLIT_PROSE_MIN_BLOCKS`] prose
/// blocks elsewhere, may be one piece of a split article or one story of several.
pub const PROSE_SHARE_LOW: f64 = 0.5;
pub const SPLIT_PROSE_MIN_BLOCKS: u32 = 3;
/// A strict-pass article holding less than this share of the page's prose (with at least
/// [`SPLIT_PROSE_MIN_BLOCKS`] prose blocks elsewhere) has likely missed the body: the relaxed pass is tried too ...
pub const RERUN_PROSE_SHARE: f64 = 0.2;
/// ... and wins when its article holds this many times the strict one's prose (and a body of
/// [`MIN_ARTICLE_CHARS`]).
pub const RERUN_PROSE_GAIN: f64 = 2.0;
pub const CONFIDENCE_PROSE_ELSEWHERE: f64 = 0.7;
pub const CONFIDENCE_SHORT_BODY: f64 = 0.4;
pub const CONFIDENCE_SECOND_ARTICLE: f64 = 0.9;
pub const CONFIDENCE_TEASERS_CUT: f64 = 0.9;
/// A JSON-LD `wordCount` (of at least [`LD_FULL_BODY_MIN_WORDS`]) disagrees with the extraction when the extracted
/// words are below this share of it or above this multiple.
pub const WORD_COUNT_SHORT_RATIO: f64 = 0.5;
pub const WORD_COUNT_LONG_RATIO: f64 = 2.0;
pub const CONFIDENCE_WORD_COUNT_OFF: f64 = 0.6;
/// Text averaging more chars than this per whitespace-separated word is not written with spaces between words.
pub const MAX_CHARS_PER_SPACED_WORD: usize = 20;
pub const CONFIDENCE_RELAXED: f64 = 0.7;
pub const CONFIDENCE_HEADLINE_APART: f64 = 0.8;
/// The body came from JSON-LD rather than the markup.
pub const CONFIDENCE_DECLARED_BODY: f64 = 0.8;
/// A body taken from the page's description (`og:description`, `<meta name=description>`) because the markup gave
/// almost none: a summary at best.
pub const CONFIDENCE_DESCRIPTION_BODY: f64 = 0.4;
/// A description shorter than this many words is a tagline, not a summary worth giving as the body.
pub const MIN_DESCRIPTION_BODY_WORDS: usize = 12;
/// A full JSON-LD body the extraction covers well lifts the confidence to at least this ...
pub const CONFIDENCE_AGREED_FLOOR: f64 = 0.9;
/// ... one it covers badly, or a teaser not found, lowers it.
pub const CONFIDENCE_DISAGREES: f64 = 0.5;
pub const CONFIDENCE_TEASER_MISSING: f64 = 0.7;
/// A JSON-LD `articleBody` of at least this many words is the full article, not a teaser.
pub const LD_FULL_BODY_MIN_WORDS: usize = 150;
/// The extraction agrees with the JSON-LD body when it holds this share of its word shingles.
pub const LD_AGREES_COVERAGE: f64 = 0.8;
/// A full JSON-LD body replaces the extraction when the extraction holds less than this share of its shingles
/// ...
pub const LD_MIN_COVERAGE: f64 = 0.5;
/// ... and has fewer words than this share of it.
pub const LD_SHORTFALL_SHARE: f64 = 0.6;
/// ... while at least this share of the extraction's shingles are in it (the extraction is a part of it).
pub const LD_TRUNCATED_SUPPORT: f64 = 0.8;
/// A run of story teasers: at least this many blocks ending in an ellipsis ...
pub const TEASER_RUN_MIN: usize = 2;
/// ... among this many consecutive blocks ...
pub const TEASER_RUN_WINDOW: usize = 3;
/// ... each at least this long.
pub const TEASER_EXCERPT_MIN_CHARS: usize = 100;
/// Extraction below this many body chars falls back to a less selective pass.
pub const MIN_ARTICLE_CHARS: usize = 250;
/// How many closing blocks are tested against [`TRAILER_PHRASES`] ...
pub const TRAILER_WINDOW: usize = 5;
/// ... and how long such a block may be.
pub const TRAILER_MAX_CHARS: usize = 200;
/// Call-to-action phrases mark blocks up to this long.
pub const CALL_TO_ACTION_MAX_CHARS: usize = 80;
/// Boilerplate line tests only apply to blocks up to this long.
pub const MAX_BOILERPLATE_LINE_CHARS: usize = 60;

// Input limits: hostile or broken pages must parse in linear time and bounded memory. Each limit sits far above
// anything a real page needs; hitting one is reported (`LimitsHit`) so the caller can warn about the record.

/// Deepest element nesting the parser builds (the document is depth 0, `<html>` depth 1). Start tags that would
/// nest deeper are dropped (their text is kept; a dropped block-level tag leaves a line break), as browsers cap
/// the tree (Chromium and WebKit at 512). The HTML5 tree builder scans its stack of open elements on most start
/// tags, so without a cap `<div>` nested 100,000 deep costs quadratic time (half a minute per megabyte). Real
/// news pages nest 10 to 60 deep; 256 keeps a wide margin and halves the worst-case scans of Chromium's 512.
pub const MAX_DOM_DEPTH: u32 = 256;

/// Most attributes kept on one tag; the rest are cut before parsing. The tokenizer checks each new attribute name
/// against every earlier one on the tag (quadratic: a megabyte of distinct attributes took 18 s). Real tags carry
/// a few dozen at most, and extraction reads only a handful (class, id, role, style, itemprop, ...).
pub const MAX_ATTRIBUTES: usize = 256;

/// Most formatting elements (`<b>`, `<i>`, `<font>`, `<a>`, ...) the parser may reopen for one token. The HTML5
/// "reconstruct the active formatting elements" step reopens every formatting element left open when a block
/// closed, at each new run of text; `<p><b class=N>x</p>` repeated with distinct classes makes that list, and the
/// work per paragraph, grow without end (quadratic time and memory). When a token reopens more, the reopened
/// elements are closed at once, which empties the list. Real pages reopen a handful.
pub const MAX_REOPENED_FORMATTING: usize = 16;
