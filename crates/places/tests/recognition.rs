//! Recognition and resolution on hand-written news sentences: places, demonyms where they mean a place, persons
//! and organisations named after places, context that picks one of several homonyms.

use dyad_places::{Context, FindOptions, Gazetteer, Geoparser, MentionKind, Resolved};

fn parser() -> Geoparser<'static> {
    Geoparser::new(Gazetteer::embedded().expect("embedded gazetteer"))
}

fn names(text: &str) -> Vec<&str> {
    parser().find(text).iter().map(|t| t.text(text)).collect()
}

fn resolve(text: &str, ctx: &Context) -> Vec<(String, Resolved)> {
    let p = parser();
    let found = p.find(text);
    p.resolve(text, &found, ctx)
        .into_iter()
        .map(|r| (text[r.start..r.end].to_string(), r))
        .collect()
}

#[test]
fn countries_cities_and_regions() {
    let text = "Shelling hit Daraa in southern Syria near the Jordanian border, and Aleppo, as talks opened in Geneva.";
    assert_eq!(
        names(text),
        ["Daraa", "Syria", "Jordanian", "Aleppo", "Geneva"]
    );
    let found = parser().find(text);
    assert_eq!(found[1].qualifier.as_deref(), Some("southern"));
    assert_eq!(found[2].kind, MentionKind::Demonym);
    let r = resolve(text, &Context::default());
    assert!(r
        .iter()
        .all(|(_, r)| r.candidates.iter().all(|c| c.score.is_finite())));
    let iso: Vec<_> = r
        .iter()
        .map(|(n, r)| (n.as_str(), r.country_iso3.clone().unwrap()))
        .collect();
    assert_eq!(
        iso,
        [
            ("Daraa", "SYR".into()),
            ("Syria", "SYR".into()),
            ("Jordanian", "JOR".into()),
            ("Aleppo", "SYR".into()),
            ("Geneva", "CHE".into())
        ]
    );
}

#[test]
fn demonyms_are_places_only_before_a_place_noun() {
    assert_eq!(names("Syrian forces shelled the town."), Vec::<&str>::new());
    assert_eq!(
        names("They crossed the Syrian-Jordanian border."),
        ["Syrian", "Jordanian"]
    );
    assert_eq!(names("Troops entered Iraqi territory."), ["Iraqi"]);
    let p = parser().with_options(FindOptions {
        adjectival: true,
        ..FindOptions::default()
    });
    let text = "Syrian forces shelled the town.";
    let found = p.find(text);
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].kind, MentionKind::Adjectival);
}

#[test]
fn persons_and_organisations_are_not_places() {
    assert_eq!(names("Jordan Peterson spoke in Toronto."), ["Toronto"]);
    assert_eq!(names("Paris Hilton arrived on Monday."), Vec::<&str>::new());
    assert_eq!(
        names("The Washington Post reported it first."),
        Vec::<&str>::new()
    );
    assert_eq!(
        names("Texas Instruments said sales fell."),
        Vec::<&str>::new()
    );
    assert_eq!(
        names("The president met Barack Obama and Obama left."),
        Vec::<&str>::new()
    );
    assert_eq!(
        names("Council of Europe members met in Strasbourg."),
        ["Strasbourg"]
    );
    assert_eq!(names("Cases of West Nile virus rose."), Vec::<&str>::new());
}

#[test]
fn datelines_in_capitals() {
    assert_eq!(names("BEIRUT (Reuters) - Talks resumed."), ["BEIRUT"]);
    assert_eq!(names("The NATO summit ended."), Vec::<&str>::new());
}

#[test]
fn context_picks_among_homonyms() {
    let r = resolve("Paris, Texas, flooded again.", &Context::default());
    assert_eq!(r[0].1.country_iso3.as_deref(), Some("USA"));
    assert_eq!(r[0].1.admin1.as_deref(), Some("Texas"));
    let r = resolve("Tourists returned to Paris.", &Context::default());
    assert_eq!(r[0].1.country_iso3.as_deref(), Some("FRA"));
    // Other places of the document: Alexandria among Louisiana towns.
    let r = resolve(
        "A man from Alexandria was arrested in Pineville after a chase from Shreveport.",
        &Context::default(),
    );
    assert_eq!(r[0].1.admin1.as_deref(), Some("Louisiana"));
    // The caller's hint countries (the event's actors).
    let r = resolve(
        "Fighting near Tripoli went on.",
        &Context {
            countries: &["LBN"],
            dateline: None,
        },
    );
    assert_eq!(r[0].1.country_iso3.as_deref(), Some("LBN"));
    let r = resolve("Fighting near Tripoli went on.", &Context::default());
    assert_eq!(r[0].1.country_iso3.as_deref(), Some("LBY"));
    // Every candidate is kept with a score and a reason; the winner says why it won.
    assert!(r[0].1.candidates.len() > 1);
    assert!(r[0]
        .1
        .reason("Fighting near Tripoli went on.")
        .starts_with("scored"));
}

#[test]
fn seed_article_places_the_border_in_southern_syria() {
    let text = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../../shared/examples/seed-article.txt"
    ))
    .expect("seed article");
    let r = resolve(
        &text,
        &Context {
            countries: &["SYR", "JOR"],
            dateline: None,
        },
    );
    let southern: Vec<_> = parser()
        .find(&text)
        .into_iter()
        .filter(|t| t.qualifier.is_some())
        .collect();
    assert!(southern
        .iter()
        .any(|t| t.text(&text) == "Syria" && t.qualifier.as_deref() == Some("southern")));
    for (name, r) in &r {
        match name.as_str() {
            "Syria" | "Syrian Arab Republic" => assert_eq!(r.country_iso3.as_deref(), Some("SYR")),
            "Jordan" => assert_eq!(r.country_iso3.as_deref(), Some("JOR")),
            "Damascus" => assert_eq!(
                (r.country_iso3.as_deref(), r.feature_class),
                (Some("SYR"), 'P')
            ),
            _ => {}
        }
    }
    assert!(
        !r.iter().any(|(n, _)| n == "Of"),
        "sentence-initial 'Of course' is no place"
    );
}

#[test]
fn streets_and_natural_features() {
    let text = "A fire broke out at 6016 Dublin Road in Alexandria, near the Red River, and closed Highway 19.";
    // A numbered road runs for miles: no point to place anything at, so no mention ("County Road 225" neither).
    assert_eq!(names(text), ["Dublin Road", "Alexandria", "Red River"]);
    assert!(names("Crews closed County Road 225 and Interstate 64 near Paris.") == ["Paris"]);
    let found = parser().find(text);
    assert_eq!(found[0].kind, MentionKind::Street);
    assert_eq!(found[2].kind, MentionKind::Feature);
    let r = parser().resolve(text, &found, &Context::default());
    // The streets sit at the document's town; the river at the place named next to it (here the one before).
    let spans: Vec<&str> = r.iter().map(|r| &text[r.start..r.end]).collect();
    assert_eq!(spans, ["Dublin Road", "Alexandria", "Red River"]);
    assert_eq!(r[0].feature_class, 'R');
    assert_eq!(r[0].geonameid, r[1].geonameid);
    assert_eq!(r[2].feature_code.as_str(), "AREA");
    assert_eq!(r[2].geonameid, r[1].geonameid);
    assert_eq!(names("The United Way raised funds."), Vec::<&str>::new());
}

#[test]
fn streets_take_the_town_before_them_else_the_first_after() {
    let text = "Crews closed Main Street before reaching Alexandria, then Dublin Road, then Paris and Oak Drive.";
    let p = parser();
    let found = p.find(text);
    let r = p.resolve(text, &found, &Context::default());
    let placed: Vec<(&str, &str)> = r
        .iter()
        .map(|r| (&text[r.start..r.end], r.name.as_str()))
        .collect();
    assert_eq!(
        placed,
        [
            ("Main Street", "Alexandria"),
            ("Alexandria", "Alexandria"),
            ("Dublin Road", "Alexandria"),
            ("Paris", "Paris"),
            ("Oak Drive", "Paris"),
        ]
    );
}

#[test]
fn resolution_is_bounded_per_document() {
    let text = "Russia attacked Ukraine and ".repeat(dyad_places::MAX_MENTIONS_RESOLVED / 2 + 5);
    let p = parser();
    let found = p.find(&text);
    assert_eq!(found.len(), dyad_places::MAX_MENTIONS_RESOLVED + 10);
    assert_eq!(dyad_places::mentions_left_out(&found), 10);
    let r = p.resolve(&text, &found, &Context::default());
    assert_eq!(r.len(), dyad_places::MAX_MENTIONS_RESOLVED);
    // Every mention of a name shares its resolution.
    assert!(r
        .iter()
        .step_by(2)
        .all(|m| m.name == r[0].name && m.candidates == r[0].candidates));
    assert_eq!(dyad_places::mentions_left_out(&found[..10]), 0);
}

#[test]
fn unions_of_countries_are_places_only_when_asked() {
    let text = "Trade between the EU and Canada grew, the European Union said.";
    assert_eq!(names(text), ["Canada"]);
    let p = parser().with_options(FindOptions {
        unions: true,
        ..FindOptions::default()
    });
    let found: Vec<&str> = p.find(text).iter().map(|t| t.text(text)).collect();
    assert_eq!(found, ["EU", "Canada", "European Union"]);
}

#[test]
fn local_news_heads_make_small_towns_places() {
    assert_eq!(names("A Chapin man died early Tuesday."), ["Chapin"]);
    assert_eq!(
        names("Blood pressure checks, said Litchfield Fire Chief Jim Koser."),
        ["Litchfield"]
    );
}

#[test]
fn holidays_wars_and_people_named_like_places_are_not_places() {
    assert!(names("Crashes during the St. Patrick's Day holiday.").is_empty());
    assert!(names("The disabled Gulf War veteran rode on.").is_empty());
    assert_eq!(names("The Iraq War ended.").len(), 1);
    // A name after a person's name, or before an age, is the person's.
    let text = "Police said Jason Terrell Jones, 23, of Central Avenue fled. Jones was caught.";
    assert!(!names(text).contains(&"Jones"));
    assert!(names("Fighting near the White House lawn.").is_empty());
}

#[test]
fn streets_with_qualifiers_hyphens_and_apostrophes() {
    let text =
        "A farm at North Cooper Street, a crash on Hyland-Croy Road, a park on Governors' Parkway.";
    assert_eq!(
        names(text),
        [
            "North Cooper Street",
            "Hyland-Croy Road",
            "Governors' Parkway"
        ]
    );
}

#[test]
fn datelines_at_the_start_of_a_body() {
    use dyad_places::recognize::dateline_of;
    let cases = [
        (
            "AMMAN - Jordan said on Sunday it would reopen the crossing.",
            Some("AMMAN"),
        ),
        ("BEIRUT (Reuters) - Shelling hit Daraa.", Some("BEIRUT")),
        (
            "  CHARLESTON, W.Va. — The legislature met.",
            Some("CHARLESTON"),
        ),
        ("NEW YORK, March 3 (AP) – Stocks fell.", Some("NEW YORK")),
        ("ST. LOUIS — The river rose.", Some("ST. LOUIS")),
        (
            "WINSTON-SALEM, N.C. - A fire broke out.",
            Some("WINSTON-SALEM"),
        ),
        (
            "BEIRUT: Unknown assailants removed the graves.",
            Some("BEIRUT"),
        ),
        ("Shelling hit Daraa - again.", None),
        ("AMMAN said nothing.", None),
        (
            "U.S. TROOPS ENTER THE CITY AFTER A LONG SIEGE - report",
            None,
        ),
        ("", None),
        ("-", None),
        ("Ä", None),
    ];
    for (text, want) in cases {
        let got = dateline_of(text).map(|(s, e)| &text[s..e]);
        assert_eq!(got, want, "{text:?}");
    }
}

#[test]
fn a_dateline_in_capitals_steers_resolution() {
    let text = "Police in Springfield made an arrest.";
    let admin1 = |dateline: Option<&str>| {
        resolve(
            text,
            &Context {
                countries: &[],
                dateline,
            },
        )[0]
        .1
        .admin1
        .clone()
    };
    assert_ne!(admin1(None).as_deref(), Some("Massachusetts"));
    assert_eq!(admin1(Some("BOSTON")).as_deref(), Some("Massachusetts"));
    assert_eq!(admin1(Some("Boston")).as_deref(), Some("Massachusetts"));
}

#[test]
fn datelines_in_capitals_after_a_headline() {
    // A small town in capitals closed by a dash opens the story, even after the headline or a byline's date; the
    // dateline then vouches for the name written in title case ("Clinton" is a stop name on its own).
    let text = "Couple faces drug counts. TORRINGTON — A fire destroyed a roof.";
    assert_eq!(names(text), ["TORRINGTON"]);
    let text = "By a reporter, March 29, 2009 WINONA -- City officials met.";
    assert_eq!(names(text), ["WINONA"]);
    let text = "Clinton couple faces drug counts. CLINTON — A town couple was charged.";
    assert_eq!(names(text), ["Clinton", "CLINTON"]);
    // Small words inside a name stay small: "ISLE OF PALMS" is "Isle of Palms".
    assert_eq!(
        names("Two vie for a seat. ISLE OF PALMS — Two members ran."),
        ["ISLE OF PALMS"]
    );
    // Capitals in a headline are not a dateline.
    assert!(names("CLINTON SAYS NO - to the plan.").is_empty());
}

#[test]
fn legislators_home_towns_and_townships() {
    let text = "House Minority Leader Marty Seifert, R-Marshall, joined Rep. Torrey Westrom, R-Elbow Lake.";
    assert_eq!(names(text), ["Marshall", "Elbow Lake"]);
    assert_eq!(
        names("She was born in Jackson Township in 1930."),
        ["Jackson Township"]
    );
}

#[test]
fn streets_with_abbreviated_directions() {
    let text = "The meeting is at City Hall, 1200 E. Broad St. and at 216 S. Clinton Avenue.";
    assert_eq!(names(text), ["E. Broad St.", "S. Clinton Avenue"]);
}

#[test]
fn kinship_initials_and_ages_make_persons() {
    // Once a name is a person's, it is a person's throughout the story.
    let text = "Polk's son, Trent, runs the shop. Trent said sales rose.";
    assert!(!names(text).contains(&"Trent"));
    assert!(names("said Milton J. Little Jr., president of the fund.").is_empty());
    let text = "Nikki Lynn Barlow, 18, of Paris was arrested.";
    assert_eq!(names(text), ["Paris"]);
    // A role in apposition: the name is a person's, unless a place introduced by "of" carries it.
    let text = "Allison Martin, spokeswoman for the office, met Trent at Martin.";
    assert!(!names(text).contains(&"Martin"));
    let text =
        "The bill is sponsored by Sen. Max Baucus of Montana, the chairman of the committee.";
    assert_eq!(names(text), ["Montana"]);
}

#[test]
fn numbered_things_and_named_schools_are_not_small_towns() {
    assert!(names("Tammy Danner lives at Lot No. 7 in the park.").is_empty());
    // A sports club named after its town.
    assert!(names("Rivals AC Milan and Club America will play.").is_empty());
    assert!(names("The crash happened on Loop 286 at night.").is_empty());
    assert!(names("Students at Story Elementary sang.").is_empty());
    // The school is the town's when the story names the town.
    assert_eq!(
        names("A Story man spoke. Students at Story Elementary sang."),
        ["Story", "Story"]
    );
}

#[test]
fn home_towns_after_a_person_and_places_after_place_nouns() {
    // "of" after a person's name or age gives where the person lives; after "the city of", "north of", the name
    // is the place.
    let text = "Authorities said Rebecca Sears, 41, of Grovetown, planned it.";
    assert_eq!(names(text), ["Grovetown"]);
    assert_eq!(
        names("A spokesman for the city of Sevierville said so."),
        ["Sevierville"]
    );
    // A date after a name does not make it a person's: "in Clinton April 4".
    assert_eq!(
        names("Civil War re-enactment planned in Clinton April 4."),
        ["Clinton"]
    );
    // A nickname makes the name a person's, but not after a locative word.
    let text = "Harold Patterson, known as 'Mr. Arlington,' dies. The Sports Center in Arlington is named for him.";
    assert_eq!(names(text), ["Arlington"]);
}

#[test]
fn names_listed_before_a_plural_place_noun() {
    let text = "A water main blew on the corner of Lakeview and Harrison streets.";
    assert_eq!(names(text), ["Lakeview", "Harrison"]);
    let found = parser().find(text);
    assert!(found.iter().all(|t| t.kind == MentionKind::Street));
    // Counties take their "X County" entries.
    let text = "The combined population of Douglas, Sarpy and Lancaster counties grew.";
    let r = resolve(text, &Context::default());
    let got: Vec<_> = r
        .iter()
        .map(|(n, r)| (n.as_str(), r.country_iso3.as_deref()))
        .collect();
    assert_eq!(
        got,
        [
            ("Douglas", Some("USA")),
            ("Sarpy", Some("USA")),
            ("Lancaster", Some("USA"))
        ]
    );
}

#[test]
fn a_city_and_what_holds_it_are_two_places() {
    assert_eq!(
        names("An organization based in Washington, D.C. said so."),
        ["Washington", "D.C."]
    );
    // A short name's full stop before a lowercase word closes an abbreviation.
    assert_eq!(names("One dead in W. Phila. shooting."), ["Phila."]);
    // "St" before a place's name is "Saint", not a street.
    assert_eq!(names("A South St. Paul man was charged."), ["St. Paul"]);
    assert_eq!(
        names("The council meets at 1200 E. Broad St. Lanier said so."),
        ["E. Broad St."]
    );
}

#[test]
fn feature_names_run_over_further_feature_and_street_words() {
    let text = "The slope of the Greenbrier River Valley, near Otter Creek Wilderness and the Antelope Valley Freeway.";
    assert_eq!(
        names(text),
        [
            "Greenbrier River Valley",
            "Otter Creek Wilderness",
            "Antelope Valley Freeway"
        ]
    );
}

#[test]
fn saints_in_the_possessive_and_common_words_are_not_small_places() {
    assert!(names("Drop-offs at St. Michael's Catholic School start at nine.").is_empty());
    // "Story" is a small town's name, but the story writes "story" in lowercase too.
    assert!(names("Parents of Story Elementary pupils heard the story.").is_empty());
    assert_eq!(names("A conference was set at Story."), ["Story"]);
}

fn adjectival_names(text: &str) -> Vec<&str> {
    parser()
        .with_options(FindOptions {
            adjectival: true,
            ..FindOptions::default()
        })
        .find(text)
        .iter()
        .map(|t| t.text(text))
        .collect()
}

#[test]
fn demonyms_in_cuisines_and_company_names_are_not_places() {
    assert!(
        adjectival_names("Try the Italian food and the Polish sausage at an Irish pub.").is_empty()
    );
    assert!(
        adjectival_names("The American Heart Association and American Airlines agreed.").is_empty()
    );
    assert_eq!(
        adjectival_names("The Georgian Interior Ministry said Russian troops moved."),
        ["Georgian", "Russian"]
    );
}

#[test]
fn two_small_places_side_by_side_are_one_unknown_name() {
    // "Meadow" and "Grove" are each a small place; together they are one the gazetteer lacks.
    assert!(names("A Meadow Grove man was charged.").is_empty());
    assert!(names("The charge against Richard Pehrson of Meadow Grove was dropped.").is_empty());
    // An institution's word after a town's name leaves the town: "Carthage Police".
    assert_eq!(
        names("Carthage Police Chief Chris McKenzie said."),
        ["Carthage"]
    );
}

#[test]
fn names_opened_by_a_title_a_given_name_or_an_initial_are_persons() {
    assert!(names("He was taken to Pattie A. Clay Regional Medical Center.").is_empty());
    assert!(names("A party hosted by Tanya Rodriguez at her home.").is_empty());
    assert!(names("U.S. Rep. Harold \u{201c}Hal\u{201d} Rogers spoke.")
        .iter()
        .all(|n| *n != "Rogers"));
}

#[test]
fn residence_after_an_age_and_places_before_based_or_downtown() {
    assert_eq!(
        names("Jeffery Bernard McDaniel, 41, Grapeland, date of alleged offense."),
        ["Grapeland"]
    );
    assert_eq!(
        names("Officials for Northbrook-based Crate & Barrel declined."),
        ["Northbrook"]
    );
    assert_eq!(
        names("Water boil advisory issued in downtown Pineville."),
        ["Pineville"]
    );
}

#[test]
fn hyphens_to_articles_and_heads_after_small_towns() {
    assert!(names("A truce since cleric Muqtada al-Sadr declared it.").is_empty());
    assert_eq!(
        names("Cases rose in Giza and Al-Minya."),
        ["Giza", "Al-Minya"]
    );
    assert_eq!(names("Talks on an EU-Israel summit stalled."), ["Israel"]);
    assert_eq!(names("Storms hit Mid-Michigan overnight."), ["Michigan"]);
    assert!(names("Offices in Midtown Atlanta closed.").contains(&"Atlanta"));
    assert_eq!(
        names("Items were found. Grand Ledge investigators interviewed the resident."),
        ["Grand Ledge"]
    );
    assert_eq!(names("John Smith of Ravenel said it."), ["Ravenel"]);
    // A country's own name after an organisation's head stays (a central bank); an alias does not.
    assert_eq!(names("A former Bank of Canada governor spoke."), ["Canada"]);
    assert!(names("He banks with Bank of America.").is_empty());
}

#[test]
fn datelines_closed_by_a_windows_1252_dash_read_as_latin_1() {
    assert_eq!(
        names("Trustees to meet. CINCINNATI \u{97} The school's trustees met."),
        ["CINCINNATI"]
    );
}

#[test]
fn a_one_word_elementary_school_or_academy_is_named_after_a_person_throughout() {
    assert!(names(
        "Five boys attending Franklin Elementary fell ill. A teacher at Franklin spoke."
    )
    .is_empty());
}

#[test]
fn a_given_name_before_a_surname_particle_is_a_persons() {
    assert_eq!(
        names("Luc van den Brande and others monitor Russia."),
        ["Russia"]
    );
}

#[test]
fn a_capitalised_word_inside_a_sentence_opens_a_street_name_closed_within_a_few_words() {
    assert_eq!(
        names(
            "The site is bound by Valley View Boulevard, Spring Mountain Road and Desert Inn Road."
        ),
        [
            "Valley View Boulevard",
            "Spring Mountain Road",
            "Desert Inn Road"
        ]
    );
    assert_eq!(
        names("A winner at least.\u{201d} The Upper Richmond Road shop owner smiled."),
        ["Upper Richmond Road"]
    );
}

#[test]
fn a_name_after_a_settlement_noun_and_of_is_a_place_the_gazetteer_may_lack() {
    let text = "The bombing occurred in the town of Akuressa, in Matara district, Sri Lanka.";
    assert!(names(text).contains(&"Akuressa"));
    // Placed at the place named right after it, saying so.
    let r = resolve(text, &Context::default());
    let (_, a) = r.iter().find(|(n, _)| n == "Akuressa").expect("resolved");
    assert_eq!(a.country_iso3.as_deref(), Some("LKA"));
    assert!(a.reason(text).starts_with("a place the gazetteer lacks"));
    // With no place before it and none right after, at the first one after.
    let text = "Cases rose on the island of Zorbalu. Officials in Manila said so.";
    let r = resolve(text, &Context::default());
    assert_eq!(r[0].0, "Zorbalu");
    assert_eq!(r[0].1.geonameid, r[1].1.geonameid);
    // A list after a plural noun.
    let text = "Shells fell on the villages of Nuli and Avnevi overnight.";
    assert_eq!(names(text), ["Nuli", "Avnevi"]);
    // Not a possessive, a day, or a name running on into an organisation's.
    assert!(names("The district of Saturday's market was closed.").is_empty());
    assert!(!names("Police in the town of Hollis Fire Department said.").contains(&"Hollis Fire"));
    // Where a person lives, after the age.
    let text =
        "Police spoke with Jeremy Watson, 30, of Zellbrook Mile, and Ann Roe (23) of Quillton, La.";
    assert_eq!(names(text), ["Zellbrook Mile", "Quillton", "La."]);
    // Not an acronym.
    assert!(names("Unemployment is the lowest in the OECD area.").is_empty());
    // Not after a noun that is not a settlement's.
    assert!(names("He met the head of Zorbix yesterday.").is_empty());
}

#[test]
fn feature_names_opened_by_a_common_word_or_a_given_name() {
    let text = "The act protects the Big Draft Wilderness, Utah's Zion National Park and Rocky Mountain National Park.";
    let found = parser().find(text);
    let got: Vec<(&str, MentionKind)> = found.iter().map(|t| (t.text(text), t.kind)).collect();
    assert!(got.contains(&("Big Draft Wilderness", MentionKind::Feature)));
    assert!(got.contains(&("Zion National Park", MentionKind::Feature)));
    assert!(got.contains(&("Rocky Mountain National Park", MentionKind::Feature)));
    // A feature is placed at the place named next to it.
    let text = "Fishermen on Lake Titicaca in the Puno region of Peru found dead frogs.";
    let r = resolve(text, &Context::default());
    let (_, lake) = r
        .iter()
        .find(|(n, _)| n == "Lake Titicaca")
        .expect("placed");
    assert_eq!(lake.country_iso3.as_deref(), Some("PER"));
    assert_eq!(lake.feature_code.as_str(), "AREA");
    // A month before a feature is a date's ("March Ohio River" in a table of barge rates).
    assert!(names("Rates: March Ohio River 110, May Ohio River 115.")
        .iter()
        .all(|n| !n.starts_with("March") && !n.starts_with("May")));
    // A person's name running on past the feature word is not a feature.
    assert!(
        !names("Winners: Grace Carmichael, Anne Park Harlan and Ben Reese.").contains(&"Anne Park")
    );
}

#[test]
fn a_name_after_an_age_is_a_persons() {
    let text = "The driver, 22-year-old Xolani Chandler, fled. Chandler, who was unhurt, was held in Alexandria.";
    assert_eq!(names(text), ["Alexandria"]);
    // One name alone after the age is a place's, and so is an institution's.
    assert!(names("A 30-year-old Alexandria resident was hurt.").contains(&"Alexandria"));
    assert!(names("The 25-year-old Carthage Police Officer fired.").contains(&"Carthage"));
}

#[test]
fn a_street_or_feature_before_a_buildings_noun_names_the_building() {
    assert!(names("She fought to build a new Rigdon Road Elementary School.").is_empty());
    assert!(names("Pupils at Harlow Creek Academy sang on Friday.").is_empty());
    assert_eq!(
        names("Crews closed Rigdon Road on Friday."),
        ["Rigdon Road"]
    );
}

#[test]
fn a_name_before_area_or_neighborhood_is_a_place() {
    let text = "Shots were fired in the Zellbrook area of Alexandria.";
    assert_eq!(names(text), ["Zellbrook", "Alexandria"]);
    let r = resolve(text, &Context::default());
    assert_eq!(
        r[0].1.geonameid, r[1].1.geonameid,
        "placed at the town named after it"
    );
    // The whole name rather than a place inside it.
    assert_eq!(
        names("He crashed in the Tennessee Colony area on Friday."),
        ["Tennessee Colony"]
    );
    // Not a group's adjective, nor a direction before a place.
    assert!(names("A bomb hit a Shiite neighborhood of the city.").is_empty());
    assert_eq!(names("Storms hit the North Texas area."), ["Texas"]);
}
