//! Date mentions in real-style news sentences: the seed article, wire copy in the Reuters-21578 manner, and the
//! words that look like dates but are not.

use dyad_dates::{event_date, resolve_sentence, DateHow, DateKind, DatePrecision as Precision};
use dyad_model::date::Date;
use dyad_model::Span;

fn ymd(y: u32, m: u32, d: u32) -> Date {
    Date::from_ymd(y, m, d).unwrap()
}

/// The mentions of `text` published on `published`, as (words, ISO date, precision).
fn read(text: &str, published: Date) -> Vec<(&str, String, Precision)> {
    resolve_sentence(text, Some(published))
        .into_iter()
        .map(|m| (m.span.slice(text), m.date.to_iso(), m.precision))
        .collect()
}

fn one(text: &str, published: Date) -> (String, String, Precision) {
    let found = read(text, published);
    assert_eq!(found.len(), 1, "{text}: {found:?}");
    let (words, date, precision) = found.into_iter().next().unwrap();
    (words.to_string(), date, precision)
}

fn none(text: &str) {
    let found = read(text, ymd(2018, 5, 31));
    assert!(found.is_empty(), "{text}: {found:?}");
}

use Precision::{Day, Month, Week, Year};

/// 2018-05-31, a Thursday.
fn thursday() -> Date {
    ymd(2018, 5, 31)
}

fn check(text: &str, words: &str, date: &str, precision: Precision) {
    assert_eq!(
        one(text, thursday()),
        (words.to_string(), date.to_string(), precision),
        "{text}"
    );
}

#[test]
fn seed_article() {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../../shared/examples/seed-article.txt"
    );
    let text = std::fs::read_to_string(path).unwrap();
    // The article (Arab News, syndicated) ran on Wednesday 30 May 2018: Lavrov spoke on Monday the 28th.
    let published = ymd(2018, 5, 30);
    let mut found = Vec::new();
    for line in text.lines() {
        for m in resolve_sentence(line, Some(published)) {
            found.push((m.span.slice(line).to_string(), m.date.to_iso(), m.precision));
        }
    }
    let expect = [
        ("on Tuesday", "2018-05-29", Day),
        ("last year", "2017-01-01", Year),
        ("seven years ago", "2011-01-01", Year),
        ("on Monday", "2018-05-28", Day),
        ("last year", "2017-01-01", Year),
        ("on Monday", "2018-05-28", Day),
    ];
    let expect: Vec<(String, String, Precision)> = expect
        .iter()
        .map(|&(w, d, p)| (w.to_string(), d.to_string(), p))
        .collect();
    assert_eq!(found, expect);
}

#[test]
fn relative_days_and_periods() {
    check(
        "Yesterday, troops killed two people.",
        "Yesterday",
        "2018-05-30",
        Day,
    );
    check(
        "Shelling resumed late last night.",
        "late last night",
        "2018-05-30",
        Day,
    );
    check(
        "The talks ended this morning.",
        "this morning",
        "2018-05-31",
        Day,
    );
    check(
        "He was released earlier today.",
        "earlier today",
        "2018-05-31",
        Day,
    );
    check("The vote is due tomorrow.", "tomorrow", "2018-06-01", Day);
    check(
        "The bodies were found two days ago.",
        "two days ago",
        "2018-05-29",
        Day,
    );
    check("It began 10 days ago.", "10 days ago", "2018-05-21", Day);
    check(
        "He left three weeks ago.",
        "three weeks ago",
        "2018-05-07",
        Week,
    );
    check("Prices rose last month.", "last month", "2018-04-01", Month);
    check(
        "They met earlier this month in Vienna.",
        "earlier this month",
        "2018-05-01",
        Month,
    );
    check("Exports fell this year.", "this year", "2018-01-01", Year);
    check(
        "A truce brokered last year held.",
        "last year",
        "2017-01-01",
        Year,
    );
    check(
        "Israel struck the base last week.",
        "last week",
        "2018-05-21",
        Week,
    );
    check(
        "Clashes continued this week.",
        "this week",
        "2018-05-28",
        Week,
    );
    check("Talks resume next week.", "next week", "2018-06-04", Week);
    check(
        "Rebels withdrew over the weekend.",
        "the weekend",
        "2018-05-26",
        Week,
    );
    check(
        "The day before yesterday the army moved.",
        "The day before yesterday",
        "2018-05-29",
        Day,
    );
}

#[test]
fn weekdays_follow_the_tense() {
    check(
        "Lavrov said on Monday only Syrian troops should stay.",
        "on Monday",
        "2018-05-28",
        Day,
    );
    check(
        "Iran came under pressure on Tuesday.",
        "on Tuesday",
        "2018-05-29",
        Day,
    );
    check(
        "The ministry said Thursday it had no comment.",
        "Thursday",
        "2018-05-31",
        Day,
    );
    check(
        "Gunmen attacked a checkpoint on Monday night.",
        "on Monday night",
        "2018-05-28",
        Day,
    );
    check(
        "Jordan said last Tuesday it would talk.",
        "last Tuesday",
        "2018-05-29",
        Day,
    );
    check(
        "The minister will visit Amman on Tuesday.",
        "on Tuesday",
        "2018-06-05",
        Day,
    );
    check(
        "The council is to vote on Friday.",
        "on Friday",
        "2018-06-01",
        Day,
    );
    check(
        "Talks are scheduled for next Tuesday.",
        "next Tuesday",
        "2018-06-05",
        Day,
    );
    check(
        "On Tuesday, the council will vote on the plan.",
        "On Tuesday",
        "2018-06-05",
        Day,
    );
    check(
        "By this Friday, traders expect more sales.",
        "this Friday",
        "2018-06-01",
        Day,
    );
    check(
        "Loan data are scheduled to be released on Friday.",
        "on Friday",
        "2018-06-01",
        Day,
    );
    check(
        "Troops were released on Friday.",
        "on Friday",
        "2018-05-25",
        Day,
    );
    // A reporting verb right before the date keeps it in the past, whatever the clause after says.
    check(
        "He said on Wednesday the army will withdraw.",
        "on Wednesday",
        "2018-05-30",
        Day,
    );
}

#[test]
fn explicit_dates() {
    check(
        "The ceasefire was agreed on March 3, 2019.",
        "on March 3, 2019",
        "2019-03-03",
        Day,
    );
    check(
        "Fighting resumed on 3 March.",
        "on 3 March",
        "2018-03-03",
        Day,
    );
    check(
        "The deal signed on the 21st of June 1987 lapsed.",
        "on the 21st of June 1987",
        "1987-06-21",
        Day,
    );
    check(
        "Bonds due Jan. 5, 1988 were sold.",
        "Jan. 5, 1988",
        "1988-01-05",
        Day,
    );
    check(
        "On 2019-03-03 the vote was held.",
        "On 2019-03-03",
        "2019-03-03",
        Day,
    );
    check(
        "The army entered the town in March.",
        "in March",
        "2018-03-01",
        Month,
    );
    check(
        "Protests grew in mid-March.",
        "in mid-March",
        "2018-03-01",
        Month,
    );
    check(
        "It was signed in May 2017.",
        "in May 2017",
        "2017-05-01",
        Month,
    );
    check(
        "It opened in early 2019.",
        "in early 2019",
        "2019-01-01",
        Year,
    );
    check("It closed in 1986.", "in 1986", "1986-01-01", Year);
    check(
        "It was cut in 1987's budget.",
        "in 1987",
        "1987-01-01",
        Year,
    );
    check(
        "Ships sail in the first week of May.",
        "the first week of May",
        "2018-05-01",
        Week,
    );
    check(
        "Exports rose in January last year.",
        "in January last year",
        "2017-01-01",
        Month,
    );
    check(
        "The army left last March.",
        "last March",
        "2018-03-01",
        Month,
    );
    check("The army left last July.", "last July", "2017-07-01", Month);
    check(
        "Reuters reported on Tuesday, March 3 that it moved.",
        "on Tuesday, March 3",
        "2018-03-03",
        Day,
    );
    check(
        "Fighting on March 3-5 killed dozens.",
        "on March 3-5",
        "2018-03-03",
        Day,
    );
}

#[test]
fn year_less_dates_read_the_nearer_year() {
    // Reuters, 26 February 1987: a record date three weeks ahead, a quarter that ended two months back.
    let published = ymd(1987, 2, 26);
    assert_eq!(
        one("Pay April one, record March 13.", published).1,
        "1987-03-13"
    );
    assert_eq!(
        one(
            "The quota year was extended three months to December 31.",
            published
        )
        .1,
        "1986-12-31"
    );
    assert_eq!(
        one("SALVADOR, Feb 26 - Showers continued.", published).1,
        "1987-02-26"
    );
    assert_eq!(
        one(
            "Arrivals for the week ended February 22 were 155,221 bags.",
            published
        )
        .1,
        "1987-02-22"
    );
    assert_eq!(
        one("The talks will resume on February 3.", published).1,
        "1988-02-03"
    );
}

#[test]
fn words_that_are_not_dates() {
    none("Rebels may attack the town.");
    none("The march ended peacefully in the square.");
    none("Theresa May said the vote would be held.");
    none("The Sunday Times reported the deal.");
    none("Black Friday sales rose; Good Friday services were held.");
    none("USA Today said the March 23 Movement rebels attacked.");
    none("The meeting starts at 10:00 and 2019 people attended.");
    none("Prices were highest in the 1990s.");
    none("Stores were hit in the 1970's and early 1980's and in the late 1990’s.");
    none("Output rose 2.5 pct to 1,987 tonnes in 1500 lots.");
    none("The fund gained 12 pct over the past year and the last month.");
    none("Imports in 1986/87 rose.");
    none("He sat on the march committee; we may march in may.");
    none("Prices rose to 3.5 dlrs on the MAY contract.");
    none("He spent years ago-ing around.");
    none("The 8-1/2 pct of 2011 was at 98-1/8 and the variable-rate January 1999 stock eased.");
}

#[test]
fn dates_need_a_publication_date_unless_written_out() {
    let text = "Rebels struck on Tuesday, on March 3 and on March 4, 2019 and in 2017.";
    let found: Vec<_> = resolve_sentence(text, None)
        .into_iter()
        .map(|m| (m.span.slice(text).to_string(), m.date.to_iso(), m.kind))
        .collect();
    assert_eq!(
        found,
        [
            (
                "on March 4, 2019".into(),
                "2019-03-04".into(),
                DateKind::Explicit
            ),
            ("in 2017".into(), "2017-01-01".into(), DateKind::Explicit),
        ]
    );
}

#[test]
fn the_event_date_is_the_verbs_nearest_mention() {
    let published = Some(thursday());
    let text = "Jordan said on Monday that rebels attacked the border post last week.";
    let mentions = resolve_sentence(text, published);
    let verb = |w: &str| {
        let at = text.find(w).unwrap();
        Span::new(at, at + w.len())
    };
    let said = event_date(text, &mentions, verb("said"), published).unwrap();
    assert_eq!((said.date, said.how), (ymd(2018, 5, 28), DateHow::Sentence));
    assert_eq!(said.span.map(|s| s.slice(text)), Some("on Monday"));
    let attacked = event_date(text, &mentions, verb("attacked"), published).unwrap();
    assert_eq!(attacked.span.map(|s| s.slice(text)), Some("last week"));
    assert_eq!(attacked.precision, Week);

    // A date before the verb is taken when none follows it in the clause.
    let text = "On Tuesday, rebels shelled Daraa; the army said it would respond.";
    let mentions = resolve_sentence(text, published);
    let shelled = Span::new(19, 26);
    assert_eq!(shelled.slice(text), "shelled");
    let chosen = event_date(text, &mentions, shelled, published).unwrap();
    assert_eq!(chosen.date, ymd(2018, 5, 29));

    // No date in the sentence: the publication date, saying so.
    let text = "Rebels shelled Daraa.";
    let chosen = event_date(text, &[], Span::new(7, 14), published).unwrap();
    assert_eq!(
        (chosen.date, chosen.how, chosen.precision, chosen.span),
        (thursday(), DateHow::Publication, Day, None)
    );
    assert_eq!(event_date(text, &[], Span::new(7, 14), None), None);
}

#[test]
fn document_offsets() {
    let doc = "Headline here.\n\nTroops left on Friday.";
    let sentence = Span::new(16, doc.len());
    let found = dyad_dates::resolve_in(doc, sentence, Some(thursday()));
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].span.slice(doc), "on Friday");
    assert!(dyad_dates::resolve_in(doc, Span::new(1, 999), Some(thursday())).is_empty());
}

#[test]
fn date_events_fills_every_event() {
    use dyad_model::{DatePrecision, Document, Event, Evidence, Part, Sentence};
    let mut doc = Document {
        text:
            "Syria shelled Daraa on Tuesday and Israel struck a base last week. Jordan protested."
                .into(),
        ..Document::default()
    };
    doc.metadata.date = Some("2018-05-31T10:00:00Z".into());
    let first = doc.text.find(" Jordan").unwrap();
    doc.sentences = vec![
        Sentence {
            span: Span::new(0, first),
            part: Part::Body,
        },
        Sentence {
            span: Span::new(first + 1, doc.text.len()),
            part: Part::Body,
        },
    ];
    let event = |sentence: u32, verb: &str| {
        let at = doc.text.find(verb).unwrap();
        Event {
            sentence,
            evidence: Evidence {
                verb: Some(Span::new(at, at + verb.len())),
                ..Evidence::default()
            },
            ..Event::default()
        }
    };
    doc.events = vec![
        event(0, "shelled"),
        event(0, "struck"),
        event(1, "protested"),
    ];
    doc.events.push(Event {
        sentence: 9,
        ..Event::default()
    });
    let published = dyad_dates::publication_of(&doc);
    assert_eq!(published, Some(thursday()));
    dyad_dates::date_events(&mut doc, published);
    let read: Vec<_> = doc
        .events
        .iter()
        .map(|e| {
            (
                e.date.as_deref(),
                e.date_how,
                e.date_precision,
                e.date_span.map(|s| s.slice(&doc.text)),
            )
        })
        .collect();
    assert_eq!(
        read,
        [
            (
                Some("2018-05-29"),
                Some(DateHow::Sentence),
                Some(DatePrecision::Day),
                Some("on Tuesday")
            ),
            (
                Some("2018-05-21"),
                Some(DateHow::Sentence),
                Some(DatePrecision::Week),
                Some("last week")
            ),
            (
                Some("2018-05-31"),
                Some(DateHow::Publication),
                Some(DatePrecision::Day),
                None
            ),
            (None, None, None, None),
        ]
    );
}
