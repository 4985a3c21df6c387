//! Excerpts of input quoted in error messages: bad header lines, chunk sizes and encodings are shown cut short, so
//! a hostile input cannot make one message megabytes long. The one place that cuts strings for messages.

/// Characters of a piece of input quoted in an error message (`bad chunk size "ffffffff…"`).
pub(crate) const MESSAGE_EXCERPT_CHARS: usize = 40;

/// The first `max_chars` characters of `s` (all of it when shorter), cut on a character boundary.
pub(crate) fn truncate_chars(s: &str, max_chars: usize) -> &str {
    match s.char_indices().nth(max_chars) {
        Some((i, _)) => &s[..i],
        None => s,
    }
}

/// The excerpt of `s` to quote in a message: its first [`MESSAGE_EXCERPT_CHARS`] characters.
pub(crate) fn excerpt(s: &str) -> &str {
    truncate_chars(s, MESSAGE_EXCERPT_CHARS)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cuts_on_character_boundaries() {
        assert_eq!(truncate_chars("héllo", 2), "hé");
        assert_eq!(truncate_chars("ab", 5), "ab");
        assert_eq!(truncate_chars("", 0), "");
        assert_eq!(
            excerpt(&"é".repeat(100)).chars().count(),
            MESSAGE_EXCERPT_CHARS
        );
    }
}
