//! `from_text` on the shapes other wires and outlets give plain-text articles: AP-style (byline run into the
//! agency, em-dash dateline, photo credit, copyright notice, contributor line), AFP/Reuters web copy (credit
//! lines, "Read more" links, share prompts) and a syndicated column (date stamp, "originally published" footer).

use dyad_clean::from_text;
use dyad_ingest::RecordHints;
use dyad_model::{Document, Provenance};

fn clean(raw: &str) -> Document {
    from_text(raw, Provenance::default(), &RecordHints::default())
}

fn paragraphs(doc: &Document) -> Vec<&str> {
    doc.paragraphs.iter().map(|p| doc.slice(*p)).collect()
}

#[test]
fn ap_style_article() {
    let raw = "Israel, Hamas agree to extend truce\n\
               By JANE ROE Associated Press\n\
               \n\
               In this photo, smoke rises over Gaza City on Monday. (AP Photo/Adel Hana)\n\
               \n\
               JERUSALEM (AP) — Israel and Hamas agreed on Tuesday, May 7, 2019, to extend a cease-fire.\n\
               \n\
               Egyptian mediators said talks would continue.\n\
               \n\
               Associated Press writer John Doe in Cairo contributed to this report.\n\
               \n\
               Copyright 2019 The Associated Press. All rights reserved. This material may not be published, \
               broadcast, rewritten or redistributed.";
    let doc = clean(raw);
    assert_eq!(
        doc.title_text(),
        Some("Israel, Hamas agree to extend truce")
    );
    assert_eq!(
        paragraphs(&doc),
        [
            "JERUSALEM (AP) — Israel and Hamas agreed on Tuesday, May 7, 2019, to extend a cease-fire.",
            "Egyptian mediators said talks would continue."
        ]
    );
    assert_eq!(doc.metadata.byline, ["JANE ROE"]);
    assert_eq!(doc.metadata.captions.len(), 1);
    assert_eq!(doc.metadata.outlet.as_deref(), Some("The Associated Press"));
    assert_eq!(doc.metadata.syndication.len(), 1);
}

#[test]
fn wire_web_copy_with_prompts_and_credits() {
    let raw = "Share on Facebook\n\
               Share on Twitter\n\
               \n\
               Turkey detains dozens after protest\n\
               \n\
               ANKARA, March 3 (Reuters) - Turkish police detained 40 people on Sunday, officials said.\n\
               \n\
               READ MORE: Protests spread to Izmir\n\
               \n\
               The governor's office said the protest was unauthorised.\n\
               \n\
               Follow us on Telegram for the latest news\n\
               \n\
               (Reporting by Ali Kucukgocmen; Editing by Jon Boyle)\n\
               \n\
               © Reuters 2019";
    let doc = clean(raw);
    assert_eq!(
        doc.title_text(),
        Some("Turkey detains dozens after protest")
    );
    assert_eq!(
        paragraphs(&doc),
        [
            "ANKARA, March 3 (Reuters) - Turkish police detained 40 people on Sunday, officials said.",
            "The governor's office said the protest was unauthorised."
        ]
    );
    assert_eq!(doc.metadata.byline, ["Ali Kucukgocmen"]);
    assert_eq!(doc.metadata.outlet.as_deref(), Some("Reuters"));
    assert_eq!(
        doc.metadata.date.as_deref(),
        Some("2019-03-03"),
        "dateline day, copyright year"
    );
}

#[test]
fn syndicated_column_with_date_stamp() {
    let raw = "Why the border deal matters\n\
               Published: June 12, 2018 9:15 am EDT\n\
               \n\
               ———\n\
               \n\
               The deal, signed last week, reshapes the region.\n\
               It also tests the alliance.\n\
               \n\
               * * *\n\
               \n\
               This article was originally published on The Conversation. Read the original article.";
    let doc = clean(raw);
    assert_eq!(doc.title_text(), Some("Why the border deal matters"));
    assert_eq!(
        paragraphs(&doc),
        [
            "The deal, signed last week, reshapes the region.",
            "It also tests the alliance."
        ]
    );
    assert_eq!(doc.metadata.date.as_deref(), Some("2018-06-12"));
    assert_eq!(doc.metadata.syndication.len(), 1);
}
