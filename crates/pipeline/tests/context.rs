//! The stages after coding on the seed article: event dates from the sentence or the publication date, and events
//! reported in someone's claim.

use dyad_model::date::Date;
use dyad_model::{DateHow, DatePrecision, Document};
use dyad_pipeline::Pipeline;

fn seed() -> Document {
    let text = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../../shared/examples/seed-article.txt"
    ))
    .expect("seed article");
    Pipeline::builtin()
        .expect("dictionaries")
        .with_default_date(Date::from_ymd(2018, 5, 30).expect("a date"))
        .process_text(&text)
}

#[test]
fn events_take_the_date_their_sentence_gives() {
    let doc = seed();
    // "Jordan said on Monday it was discussing south Syria with Washington and Moscow" (Monday before Wednesday
    // 30 May 2018): the talks are dated by their sentence.
    let talks = doc
        .events
        .iter()
        .find(|e| e.source == "JOR" && e.cameo.starts_with("04"))
        .expect("Jordan's talks");
    assert_eq!(talks.date.as_deref(), Some("2018-05-28"));
    assert_eq!(talks.date_how, Some(DateHow::Sentence));
    assert_eq!(talks.date_precision, Some(DatePrecision::Day));
    assert_eq!(doc.slice(talks.date_span.expect("span")), "on Monday");
    // A sentence with no date expression falls back to the publication date, and says so.
    let headline = &doc.events[0];
    assert_eq!(headline.sentence, 0);
    assert_eq!(headline.date.as_deref(), Some("2018-05-30"));
    assert_eq!(headline.date_how, Some(DateHow::Publication));
    assert!(doc
        .events
        .iter()
        .all(|e| e.date.is_some() && e.date_how.is_some()));
}

#[test]
fn events_inside_a_claim_carry_who_claims_them() {
    let doc = seed();
    let claimed: Vec<_> = doc.events.iter().filter(|e| e.claimed).collect();
    assert!(!claimed.is_empty());
    for e in &claimed {
        let by = e
            .reported_by
            .as_ref()
            .expect("reported_by on a claimed event");
        assert!(!doc.slice(by.span).is_empty());
    }
    // "Israel and Jordan have repeatedly insisted that the Shiite militias that backed ... Assad ...":
    // the support event is Israel's claim, not the reporter's observation.
    let support = doc
        .events
        .iter()
        .find(|e| e.cameo == "051" && e.source.starts_with("IRN"))
        .expect("the militias' support of Assad");
    assert!(support.claimed);
    assert_eq!(
        support.reported_by.as_ref().map(|r| r.actor.as_str()),
        Some("ISR")
    );
    // The reporter's own statements are not claims.
    assert!(!doc.events[0].claimed && doc.events[0].reported_by.is_none());
}

#[test]
fn events_are_placed_where_the_story_says_not_at_their_actors() {
    let doc = seed();
    // "Jordan said on Monday it was discussing south Syria with Washington and Moscow": talks about the border
    // region are placed in Syria, not in Jordan, the US or Russia, the actors' countries.
    let talks = doc
        .events
        .iter()
        .find(|e| e.source == "JOR" && e.cameo.starts_with("04"))
        .expect("Jordan's talks");
    let place = talks.location.as_ref().expect("a location");
    assert_eq!(
        (place.name.as_str(), place.country.as_str()),
        ("Syria", "SYR")
    );
    assert_eq!(place.how, Some(dyad_model::LocationHow::Sentence));
    // "Israel has stepped up its military strikes on suspected Iranian targets across Syria": the strikes are in
    // Syria, neither Israel nor Iran.
    let strikes = doc
        .events
        .iter()
        .find(|e| e.source == "ISR" && e.target.starts_with("IRN") && e.cameo.starts_with("19"))
        .expect("the strikes");
    let place = strikes.location.as_ref().expect("a location");
    assert_eq!(
        (place.name.as_str(), place.country.as_str()),
        ("Syria", "SYR")
    );
    assert_eq!(place.how, Some(dyad_model::LocationHow::Sentence));
    assert_eq!(doc.slice(place.span.expect("span")), "Syria");
    assert!((place.lat - 35.0).abs() < 3.0 && (place.lon - 38.0).abs() < 3.0);
    // "Israel called for Tehran to be denied any military presence in Syria."
    let last = doc.events.last().expect("events");
    assert_eq!(
        last.location.as_ref().map(|l| l.country.as_str()),
        Some("SYR")
    );
    // Every location names its mention and how it was found.
    for e in doc.events.iter().filter_map(|e| e.location.as_ref()) {
        assert!(e.span.is_some() && e.how.is_some() && e.country.len() == 3);
    }
}
