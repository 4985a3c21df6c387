//! The extractor's main thresholds as a runtime value, so a bench can try alternatives (a leave-one-source-out
//! table picks them on some sites and scores them on others) without rebuilding.
//!
//! [`Tuning::default`] holds the constants of [`crate::hints`]: [`crate::extract`] is
//! [`crate::extract_tuned`] with it. The other tables (words, phrases, tags) stay compile-time data.

use crate::hints;

/// The thresholds that move extraction most. Each field names the [`crate::hints`] constant it defaults to.
#[derive(Debug, Clone, PartialEq)]
pub struct Tuning {
    /// A block (or a scored text run) whose share of link text exceeds this is link furniture, unless long
    /// ([`hints::BLOCK_MAX_LINK_DENSITY`]).
    pub block_max_link_density: f64,
    /// Inside the article, a list/div/table with link density above this is dropped
    /// ([`hints::CONTAINER_MAX_LINK_DENSITY`]).
    pub container_max_link_density: f64,
    /// A subtree of several links at least this link-dense is a menu, dropped before scoring
    /// ([`hints::LINK_CLUSTER_MIN_DENSITY`]).
    pub link_cluster_min_density: f64,
    /// A text run shorter than this does not vote for its containers ([`hints::MIN_SCORED_PARAGRAPH_CHARS`]).
    pub min_scored_paragraph_chars: usize,
    /// A sibling of the best container joins when it scores this share of the best
    /// ([`hints::SIBLING_SCORE_SHARE`]) ...
    pub sibling_score_share: f64,
    /// ... and at least this score ([`hints::SIBLING_MIN_SCORE`]).
    pub sibling_min_score: f64,
    /// A sibling paragraph at least this long joins; also the length of a "long paragraph"
    /// ([`hints::SIBLING_PARAGRAPH_CHARS`]).
    pub sibling_paragraph_chars: usize,
    /// A sibling container with this much prose in several long paragraphs joins ([`hints::SIBLING_PROSE_CHARS`]).
    pub sibling_prose_chars: usize,
    /// Candidates scoring this share of the best are alternatives; enough of them under one ancestor make it the
    /// article ([`hints::ALTERNATIVE_SCORE_SHARE`]).
    pub alternative_score_share: f64,
    /// Below this many body chars, a relaxed pass is tried ([`hints::MIN_ARTICLE_CHARS`]).
    pub min_article_chars: usize,
    /// Furniture class words are ignored on a container with this much prose ([`hints::KEEP_HINTED_PROSE_CHARS`]).
    pub keep_hinted_prose_chars: usize,
    /// Stop the article at a later `<h1>` that is not the page's headline, once a body was found (the next
    /// article of an endless-scroll page).
    pub cut_at_second_headline: bool,
    /// Use a full-length JSON-LD `articleBody` when the extraction covers little of it.
    pub declared_body_recovery: bool,
}

impl Default for Tuning {
    fn default() -> Tuning {
        Tuning {
            block_max_link_density: hints::BLOCK_MAX_LINK_DENSITY,
            container_max_link_density: hints::CONTAINER_MAX_LINK_DENSITY,
            link_cluster_min_density: hints::LINK_CLUSTER_MIN_DENSITY,
            min_scored_paragraph_chars: hints::MIN_SCORED_PARAGRAPH_CHARS,
            sibling_score_share: hints::SIBLING_SCORE_SHARE,
            sibling_min_score: hints::SIBLING_MIN_SCORE,
            sibling_paragraph_chars: hints::SIBLING_PARAGRAPH_CHARS,
            sibling_prose_chars: hints::SIBLING_PROSE_CHARS,
            alternative_score_share: hints::ALTERNATIVE_SCORE_SHARE,
            min_article_chars: hints::MIN_ARTICLE_CHARS,
            keep_hinted_prose_chars: hints::KEEP_HINTED_PROSE_CHARS,
            cut_at_second_headline: true,
            declared_body_recovery: true,
        }
    }
}

/// A small grid of candidate tunings around the default, each with a short name: the default first, then one
/// or two thresholds moved at a time toward more recall ("loose") or more precision ("strict").
///
/// ```
/// let grid = dyad_html::tuning::grid();
/// assert_eq!(grid[0].1, dyad_html::Tuning::default());
/// assert!(grid.len() <= 12);
/// ```
pub fn grid() -> Vec<(String, Tuning)> {
    let d = Tuning::default();
    let variants: Vec<(&str, Tuning)> = vec![
        ("default", d.clone()),
        (
            "links-strict",
            Tuning {
                block_max_link_density: 0.6,
                container_max_link_density: 0.3,
                ..d.clone()
            },
        ),
        (
            "links-loose",
            Tuning {
                block_max_link_density: 0.9,
                container_max_link_density: 0.55,
                ..d.clone()
            },
        ),
        (
            "clusters-strict",
            Tuning {
                link_cluster_min_density: 0.65,
                ..d.clone()
            },
        ),
        (
            "siblings-loose",
            Tuning {
                sibling_score_share: 0.15,
                sibling_paragraph_chars: 60,
                sibling_prose_chars: 200,
                ..d.clone()
            },
        ),
        (
            "siblings-strict",
            Tuning {
                sibling_score_share: 0.4,
                sibling_min_score: 15.0,
                sibling_prose_chars: 450,
                ..d.clone()
            },
        ),
        (
            "merge-loose",
            Tuning {
                alternative_score_share: 0.35,
                ..d.clone()
            },
        ),
        (
            "merge-strict",
            Tuning {
                alternative_score_share: 0.6,
                ..d.clone()
            },
        ),
        (
            "short-runs",
            Tuning {
                min_scored_paragraph_chars: 15,
                ..d.clone()
            },
        ),
        (
            "long-runs",
            Tuning {
                min_scored_paragraph_chars: 40,
                ..d.clone()
            },
        ),
        (
            "fallback-eager",
            Tuning {
                min_article_chars: 500,
                keep_hinted_prose_chars: 300,
                ..d.clone()
            },
        ),
        (
            "hints-strict",
            Tuning {
                keep_hinted_prose_chars: 700,
                ..d.clone()
            },
        ),
    ];
    variants
        .into_iter()
        .map(|(name, t)| (name.to_owned(), t))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn grid_names_are_unique_and_candidates_differ_from_the_default() {
        let grid = grid();
        let mut names: Vec<&str> = grid.iter().map(|(n, _)| n.as_str()).collect();
        names.sort_unstable();
        names.dedup();
        assert_eq!(names.len(), grid.len());
        assert!(grid[1..].iter().all(|(_, t)| *t != Tuning::default()));
    }
}
