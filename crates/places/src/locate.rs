//! An event's location: the most specific place of its own sentence, else of the nearest sentence before it that
//! names one, else the dateline's place — and which of these it was, so no guess passes for a fact.

use crate::resolve::Resolved;

/// Where an event's location came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LocationHow {
    /// A place named in the event's own sentence.
    Sentence,
    /// A place named in the nearest sentence before it that names one.
    PrecedingSentence,
    /// The dateline's place.
    Dateline,
}

impl LocationHow {
    pub fn as_str(self) -> &'static str {
        match self {
            LocationHow::Sentence => "sentence",
            LocationHow::PrecedingSentence => "preceding_sentence",
            LocationHow::Dateline => "dateline",
        }
    }
}

/// How specific a place is: a town beats its county, a county its region, a region its country.
fn specificity(r: &Resolved) -> u8 {
    match (r.feature_class, r.feature_code.as_str()) {
        ('P', _) => 6,
        ('R', _) => 5,
        ('A', "ADM2" | "ADM2C") => 4,
        ('A', "ADM1") => 3,
        ('A', "PCLI" | "PCLS") => 1,
        (_, "CONT") => 0,
        _ => 2,
    }
}

/// The most specific resolved place inside `start..end` (byte span), the first of equals.
pub fn best_in(resolved: &[Resolved], start: usize, end: usize) -> Option<&Resolved> {
    resolved
        .iter()
        .filter(|r| r.start >= start && r.end <= end)
        .fold(None, |best: Option<&Resolved>, r| match best {
            Some(b) if specificity(b) >= specificity(r) => Some(b),
            _ => Some(r),
        })
}

/// The location of an event in sentence `index` of `sentences` (byte spans, in order): its own sentence's most
/// specific place, else the nearest preceding sentence's, else `dateline`.
pub fn locate<'r>(
    resolved: &'r [Resolved],
    sentences: &[(usize, usize)],
    index: usize,
    dateline: Option<&'r Resolved>,
) -> Option<(&'r Resolved, LocationHow)> {
    let &(start, end) = sentences.get(index)?;
    if let Some(r) = best_in(resolved, start, end) {
        return Some((r, LocationHow::Sentence));
    }
    for &(s, e) in sentences[..index].iter().rev() {
        if let Some(r) = best_in(resolved, s, e) {
            return Some((r, LocationHow::PrecedingSentence));
        }
    }
    dateline.map(|r| (r, LocationHow::Dateline))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Context, Gazetteer, Geoparser};

    #[test]
    fn own_sentence_then_preceding_then_dateline() {
        let g = Gazetteer::embedded().unwrap();
        let p = Geoparser::new(g);
        let text = "Shelling hit Daraa in southern Syria. Rebels answered. Talks went on.";
        let r = p.geoparse(text, &Context::default());
        let sentences = [(0, 37), (38, 54), (55, text.len())];
        let (first, how) = locate(&r, &sentences, 0, None).unwrap();
        assert_eq!((first.name.as_str(), how), ("Daraa", LocationHow::Sentence));
        let (second, how) = locate(&r, &sentences, 2, None).unwrap();
        assert_eq!(
            (second.name.as_str(), how),
            ("Daraa", LocationHow::PrecedingSentence)
        );
        assert!(locate(&[], &sentences, 1, None).is_none());
        assert_eq!(
            locate(&[], &sentences, 1, r.first()).unwrap().1,
            LocationHow::Dateline
        );
        assert!(locate(&r, &sentences, 9, None).is_none());
    }
}
