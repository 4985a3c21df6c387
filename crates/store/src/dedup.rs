//! Near-duplicate articles: MinHash signatures over word shingles, and LSH band keys to find candidates.
//!
//! A small module of our own rather than a crate: the crates on crates.io that do this either hash every shingle
//! once per permutation (128 hash evaluations a shingle; that alone would cost as much as coding the article) or
//! pull in a large dependency tree. This one uses *one permutation hashing* with *densification* (Li, Owen and
//! Zhang 2012; Shrivastava 2017): each shingle is hashed once, its hash picks one of [`BINS`] bins and the bin
//! keeps its minimum; an empty bin (a short text) borrows the value of the next non-empty bin to its right,
//! mixed with the distance, so two texts agree on a bin with probability equal to their Jaccard similarity, as
//! with classic MinHash, at a fraction of the cost.
//!
//! Shingles are runs of [`SHINGLE_WORDS`] words of the clean text, lower-cased, letters and digits only, so
//! punctuation, typographic quotes and spacing do not make two copies differ. Texts of fewer words than that are
//! one shingle.
//!
//! Candidates are found by banding: [`BANDS`] bands of [`ROWS`] rows, each band hashed to one key; two texts
//! sharing a key are compared on their full signatures, and are duplicates when the estimated Jaccard similarity
//! is at least [`DUPLICATE_SIMILARITY`]. With 25 bands of 4 rows a pair of similarity 0.8 shares a key with
//! probability 0.999998, 0.7 with 0.999, 0.5 with 0.80 (the S-curve 1 − (1 − s⁴)²⁵); 20 bands of 5 found 0.47 at
//! 0.5 and missed more edited and truncated copies (`dyad bench dedup`: synthetic recall 0.911 → 0.928 and
//! Reuters 0.953 → 0.961 on the tuning half, precision 1.000 and 0.929 → 0.926).

use dyad_model::hash::{fnv1a64_extend, FNV1A64_OFFSET_BASIS};

/// Signature length: bins of one permutation hashing.
pub const BINS: usize = BANDS * ROWS;
/// LSH bands.
pub const BANDS: usize = 25;
/// Rows (bins) per band.
pub const ROWS: usize = 4;
/// Words per shingle.
pub const SHINGLE_WORDS: usize = 5;
/// Estimated Jaccard similarity from which two articles are the same story.
pub const DUPLICATE_SIMILARITY: f64 = 0.5;

/// A MinHash signature: one 32-bit value per bin.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Signature(pub [u32; BINS]);

/// splitmix64's finaliser: a fast, well-mixed bijection on 64-bit words.
fn mix(mut x: u64) -> u64 {
    x = (x ^ (x >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    x = (x ^ (x >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    x ^ (x >> 31)
}

/// Hashes of the normalised words of `text`: letters and digits, lower-cased. ASCII bytes, most of a news text,
/// take a short path that hashes exactly what the general one would (an ASCII letter lower-cases to one byte).
fn word_hashes(text: &str) -> Vec<u64> {
    let mut out = Vec::with_capacity(text.len() / 6);
    let mut h = FNV1A64_OFFSET_BASIS;
    let mut in_word = false;
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        let alphanumeric = if b.is_ascii() {
            i += 1;
            if b.is_ascii_alphanumeric() {
                h = fnv1a64_extend(h, &[b.to_ascii_lowercase()]);
                true
            } else {
                false
            }
        } else {
            let Some(c) = text.get(i..).and_then(|rest| rest.chars().next()) else {
                break;
            };
            i += c.len_utf8();
            if c.is_alphanumeric() {
                let mut buf = [0u8; 4];
                for l in c.to_lowercase() {
                    h = fnv1a64_extend(h, l.encode_utf8(&mut buf).as_bytes());
                }
                true
            } else {
                false
            }
        };
        if alphanumeric {
            in_word = true;
        } else if in_word {
            out.push(h);
            h = FNV1A64_OFFSET_BASIS;
            in_word = false;
        }
    }
    if in_word {
        out.push(h);
    }
    out
}

impl Signature {
    /// The signature of `text`'s word shingles. A text with no word has the all-zero signature, which
    /// [`Signature::is_empty`] reports so callers can skip it.
    pub fn of_text(text: &str) -> Signature {
        let words = word_hashes(text);
        let mut bins = [u64::MAX; BINS];
        if words.is_empty() {
            return Signature([0; BINS]);
        }
        let n = words.len().saturating_sub(SHINGLE_WORDS - 1).max(1);
        for i in 0..n {
            let end = (i + SHINGLE_WORDS).min(words.len());
            let shingle = words[i..end]
                .iter()
                .fold(0x9e37_79b9_7f4a_7c15u64, |acc, &w| {
                    mix(acc.rotate_left(17) ^ w)
                });
            let h = mix(shingle);
            // High bits pick the bin (uniform via multiply-shift), the rest is the value kept.
            let bin = (((h >> 32) * BINS as u64) >> 32) as usize;
            let value = h & 0xffff_ffff;
            if value < bins[bin] {
                bins[bin] = value;
            }
        }
        // Densification: an empty bin takes the next non-empty bin to its right (circularly), mixed with the
        // distance, so that empty bins of two similar texts still agree where their neighbours do.
        let mut sig = [0u32; BINS];
        for (i, slot) in sig.iter_mut().enumerate() {
            let mut d = 0usize;
            while bins[(i + d) % BINS] == u64::MAX {
                d += 1;
            }
            let v = bins[(i + d) % BINS];
            *slot = if d == 0 {
                v as u32
            } else {
                mix(v ^ ((d as u64) << 40)) as u32
            };
        }
        Signature(sig)
    }

    /// True for the signature of a text with no words.
    pub fn is_empty(&self) -> bool {
        self.0.iter().all(|&v| v == 0)
    }

    /// Estimated Jaccard similarity: the share of bins that agree.
    pub fn similarity(&self, other: &Signature) -> f64 {
        let same = self
            .0
            .iter()
            .zip(other.0.iter())
            .filter(|(a, b)| a == b)
            .count();
        same as f64 / BINS as f64
    }

    /// The LSH key of each band: band number and its rows hashed to one 63-bit integer (an SQLite INTEGER).
    pub fn band_keys(&self) -> [i64; BANDS] {
        let mut keys = [0i64; BANDS];
        for (b, key) in keys.iter_mut().enumerate() {
            let rows = &self.0[b * ROWS..(b + 1) * ROWS];
            let h = rows
                .iter()
                .fold(mix(b as u64 + 1), |acc, &v| mix(acc ^ u64::from(v)));
            *key = (h >> 1) as i64;
        }
        keys
    }

    /// The signature as bytes (little-endian), for storage.
    pub fn to_bytes(&self) -> Vec<u8> {
        self.0.iter().flat_map(|v| v.to_le_bytes()).collect()
    }

    /// A signature read back from [`Signature::to_bytes`]; `None` when the length is wrong.
    pub fn from_bytes(bytes: &[u8]) -> Option<Signature> {
        if bytes.len() != BINS * 4 {
            return None;
        }
        let mut sig = [0u32; BINS];
        for (slot, chunk) in sig.iter_mut().zip(bytes.chunks_exact(4)) {
            *slot = u32::from_le_bytes([chunk[0], chunk[1], chunk[2], chunk[3]]);
        }
        Some(Signature(sig))
    }
}

/// The distinct shingles of `text` as 64-bit hashes, sorted: the sets [`exact_similarity`] compares, for
/// computing exact similarities of many texts at once (an inverted index over shingles). A collision of two
/// shingles' hashes is as unlikely as in the signature itself.
pub fn shingle_hashes(text: &str) -> Vec<u64> {
    let w = word_hashes(text);
    if w.is_empty() {
        return Vec::new();
    }
    let n = w.len().saturating_sub(SHINGLE_WORDS - 1).max(1);
    let mut out: Vec<u64> = (0..n)
        .map(|i| {
            w[i..(i + SHINGLE_WORDS).min(w.len())]
                .iter()
                .fold(FNV1A64_OFFSET_BASIS, |acc, &x| mix(acc.rotate_left(23) ^ x))
        })
        .collect();
    out.sort_unstable();
    out.dedup();
    out
}

/// Exact Jaccard similarity of two texts' shingle sets (for tests and the benchmark's gold standard).
pub fn exact_similarity(a: &str, b: &str) -> f64 {
    use std::collections::HashSet;
    let shingles = |text: &str| -> HashSet<Vec<u64>> {
        let w = word_hashes(text);
        if w.is_empty() {
            return HashSet::new();
        }
        let n = w.len().saturating_sub(SHINGLE_WORDS - 1).max(1);
        (0..n)
            .map(|i| w[i..(i + SHINGLE_WORDS).min(w.len())].to_vec())
            .collect()
    };
    let (a, b) = (shingles(a), shingles(b));
    let union = a.union(&b).count();
    if union == 0 {
        return 0.0;
    }
    a.intersection(&b).count() as f64 / union as f64
}

#[cfg(test)]
mod tests {
    use super::*;

    const SEED: &str = include_str!("../../../examples/wire-story.txt");

    fn words(n: usize, salt: &str) -> String {
        (0..n)
            .map(|i| format!("{salt}{}", i * 7919 % 1009))
            .collect::<Vec<_>>()
            .join(" ")
    }

    #[test]
    fn identical_texts_have_identical_signatures_and_keys() {
        let a = Signature::of_text(SEED);
        let b = Signature::of_text(SEED);
        assert_eq!(a, b);
        assert_eq!(a.band_keys(), b.band_keys());
        assert_eq!(a.similarity(&b), 1.0);
        assert!(!a.is_empty());
    }

    #[test]
    fn punctuation_case_and_spacing_do_not_matter() {
        let a = Signature::of_text("Jordan closed its border, the ministry said.");
        let b = Signature::of_text("JORDAN  closed its border — the Ministry said");
        assert_eq!(a, b);
    }

    #[test]
    fn boilerplate_around_a_copy_keeps_it_similar() {
        let copy = format!(
            "Home | World | Politics | Subscribe\n\n{SEED}\n\nShare this story on X and Facebook.\n(c) 2026 Another Daily"
        );
        let (a, b) = (Signature::of_text(SEED), Signature::of_text(&copy));
        let exact = exact_similarity(SEED, &copy);
        assert!(exact > 0.8, "exact {exact}");
        assert!(
            a.similarity(&b) >= DUPLICATE_SIMILARITY,
            "{}",
            a.similarity(&b)
        );
        // At least one band key in common, so the copy is found as a candidate.
        let (ka, kb) = (a.band_keys(), b.band_keys());
        assert!(ka.iter().zip(kb.iter()).any(|(x, y)| x == y));
    }

    #[test]
    fn unrelated_texts_are_not_similar() {
        let a = Signature::of_text(&words(400, "a"));
        let b = Signature::of_text(&words(400, "b"));
        assert!(a.similarity(&b) < 0.1, "{}", a.similarity(&b));
        let (ka, kb) = (a.band_keys(), b.band_keys());
        assert!(ka.iter().zip(kb.iter()).all(|(x, y)| x != y));
    }

    #[test]
    fn estimate_tracks_exact_similarity() {
        // Texts sharing a growing prefix: the estimate stays within 0.15 of the exact Jaccard similarity.
        let base = words(600, "w");
        let other = words(600, "x");
        let base_words: Vec<&str> = base.split(' ').collect();
        let other_words: Vec<&str> = other.split(' ').collect();
        for keep in [100, 300, 450, 550] {
            let mixed: Vec<&str> = base_words[..keep]
                .iter()
                .chain(other_words[keep..].iter())
                .copied()
                .collect();
            let mixed = mixed.join(" ");
            let exact = exact_similarity(&base, &mixed);
            let est = Signature::of_text(&base).similarity(&Signature::of_text(&mixed));
            assert!(
                (exact - est).abs() < 0.15,
                "keep {keep}: exact {exact} est {est}"
            );
        }
    }

    #[test]
    fn short_and_empty_texts() {
        assert!(Signature::of_text("").is_empty());
        assert!(Signature::of_text(" ... — ").is_empty());
        let a = Signature::of_text("Talks");
        assert!(!a.is_empty());
        assert_eq!(a.similarity(&Signature::of_text("talks!")), 1.0);
        assert!(a.similarity(&Signature::of_text("Strikes")) < 1.0);
    }

    #[test]
    fn ascii_short_path_hashes_as_the_general_one() {
        fn general(text: &str) -> Vec<u64> {
            let mut out = Vec::new();
            let mut h = FNV1A64_OFFSET_BASIS;
            let mut in_word = false;
            for c in text.chars() {
                if c.is_alphanumeric() {
                    let mut buf = [0u8; 4];
                    for l in c.to_lowercase() {
                        h = fnv1a64_extend(h, l.encode_utf8(&mut buf).as_bytes());
                    }
                    in_word = true;
                } else if in_word {
                    out.push(h);
                    h = FNV1A64_OFFSET_BASIS;
                    in_word = false;
                }
            }
            if in_word {
                out.push(h);
            }
            out
        }
        for text in [
            SEED,
            "",
            "Zürich's İstanbul — ΣΊΣΥΦΟΣ said 42 times; naïve café Straße",
            "end in ü",
            "日本語のテキスト and ASCII",
        ] {
            assert_eq!(word_hashes(text), general(text), "{text}");
        }
    }

    #[test]
    fn bytes_round_trip() {
        let a = Signature::of_text(SEED);
        assert_eq!(Signature::from_bytes(&a.to_bytes()), Some(a));
        assert_eq!(Signature::from_bytes(&[1, 2, 3]), None);
    }
}
