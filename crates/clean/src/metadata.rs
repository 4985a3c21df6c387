//! Collects the metadata set aside while cleaning (captions, syndication, bylines, dates, outlet) and merges it
//! with what the page and the container know.

use dyad_ingest::RecordHints;
use dyad_model::Metadata;

use crate::dates::{self, FoundDate};
use crate::line_kind::LineKind;
use crate::patterns::{DATELINE_MAX_BYTES, DATELINE_SEPARATORS};

/// Metadata gathered line by line.
#[derive(Debug, Default)]
pub struct MetadataCollector {
    captions: Vec<String>,
    syndication: Vec<String>,
    byline: Vec<String>,
    stamps: Vec<FoundDate>,
    copyright_outlet: Option<String>,
    signoff_outlet: Option<&'static str>,
}

/// `text` with whitespace runs collapsed to single spaces.
pub fn collapse_whitespace(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

impl MetadataCollector {
    /// Records what a set-aside line tells; body lines and dropped furniture add nothing.
    pub fn record(&mut self, kind: &LineKind, line: &str) {
        match kind {
            LineKind::Caption => self.captions.push(collapse_whitespace(line)),
            LineKind::Syndication { outlet } => {
                self.syndication.push(collapse_whitespace(line));
                if self.copyright_outlet.is_none() {
                    self.copyright_outlet.clone_from(outlet);
                }
            }
            LineKind::Signoff { outlet } => self.signoff_outlet = self.signoff_outlet.or(*outlet),
            LineKind::Byline(names) => {
                for name in names {
                    if !self.byline.contains(name) {
                        self.byline.push(name.clone());
                    }
                }
            }
            LineKind::DateStamp(date) => self.stamps.push(*date),
            LineKind::Body | LineKind::Furniture | LineKind::Decoration => {}
        }
    }

    /// Adds a caption the markup marked as one.
    pub fn add_caption(&mut self, text: &str) {
        let text = collapse_whitespace(text);
        if !text.is_empty() {
            self.captions.push(text);
        }
    }

    /// The merged metadata. Precedence: the container's hints, then what the page declared (`page`), then what
    /// the text shows (date stamps, the dateline at the start of `first_paragraph`, footers). A date without a
    /// year takes the year of a copyright footer.
    pub fn finish(
        self,
        mut page: Metadata,
        hints: &RecordHints,
        first_paragraph: Option<&str>,
    ) -> Metadata {
        let footer_year = self.syndication.iter().find_map(|l| dates::find_year(l));
        let dateline_date = first_paragraph
            .and_then(dateline)
            .and_then(dates::find_date);
        let hinted = hints
            .date
            .as_deref()
            .filter(|d| !d.trim().is_empty())
            .map(|d| dates::normalise(d).unwrap_or_else(|| d.trim().to_string()));
        let found = self
            .stamps
            .iter()
            .find_map(|d| d.iso(None))
            .or_else(|| dateline_date.and_then(|d| d.iso(footer_year)))
            .or_else(|| self.stamps.iter().find_map(|d| d.iso(footer_year)))
            .or_else(|| {
                self.syndication
                    .iter()
                    .find_map(|l| dates::find_date(l).and_then(|d| d.iso(None)))
            });
        page.date = hinted.or(page.date).or(found);
        page.outlet = page
            .outlet
            .or(self.copyright_outlet)
            .or(self.signoff_outlet.map(str::to_string));
        page.captions.extend(self.captions);
        page.syndication.extend(self.syndication);
        if page.byline.is_empty() {
            page.byline = self.byline;
        }
        page
    }
}

/// The dateline opening a paragraph ("DAMASCUS, Syria (Reuters) - …" gives "DAMASCUS, Syria (Reuters)"), if any:
/// a short capitalised prefix before a dash, with no sentence end inside.
pub fn dateline(paragraph: &str) -> Option<&str> {
    let mut limit = DATELINE_MAX_BYTES.min(paragraph.len());
    while !paragraph.is_char_boundary(limit) {
        limit -= 1;
    }
    let head = &paragraph[..limit];
    let cut = DATELINE_SEPARATORS
        .iter()
        .filter_map(|s| head.find(s))
        .min()?;
    let prefix = paragraph[..cut].trim();
    let capitalised = prefix.chars().next().is_some_and(char::is_uppercase);
    (capitalised && !prefix.contains(". ") && !prefix.is_empty()).then_some(prefix)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn datelines_are_found_and_dated() {
        assert_eq!(
            dateline("SALVADOR, Feb 26 - Showers continued"),
            Some("SALVADOR, Feb 26")
        );
        assert_eq!(
            dateline("DAMASCUS, Syria (Reuters) — Troops advanced"),
            Some("DAMASCUS, Syria (Reuters)")
        );
        assert_eq!(dateline("Troops advanced. Then - later - they left"), None);
        let mut c = MetadataCollector::default();
        c.record(
            &LineKind::Syndication {
                outlet: Some("Arab News".into()),
            },
            "© 2018 Arab News (Jeddah, Saudi Arabia)",
        );
        let m = c.finish(
            Metadata::default(),
            &RecordHints::default(),
            Some("JEDDAH, May 3 - Talks"),
        );
        assert_eq!(
            m.date.as_deref(),
            Some("2018-05-03"),
            "dateline day, footer year"
        );
        assert_eq!(m.outlet.as_deref(), Some("Arab News"));
        let hints = RecordHints {
            date: Some("June 1, 2019".into()),
            ..RecordHints::default()
        };
        let m = MetadataCollector::default().finish(
            Metadata::default(),
            &hints,
            Some("JEDDAH, May 3 - Talks"),
        );
        assert_eq!(
            m.date.as_deref(),
            Some("2019-06-01"),
            "the container's date wins"
        );
    }
}
