//! Cutting embedded tables into lines fast.

/// The lines of `text` as [`str::lines`] gives them (cut at `\n`, a `\r` before it dropped, no empty last
/// line), found with `memchr`: the standard library's search costs more per line than the short lines of the
/// embedded tables (the gazetteer, the tagger's 94,000-word lexicon) are worth at start-up.
pub fn lines(text: &str) -> impl Iterator<Item = &str> {
    let mut start = 0;
    let mut ends = memchr::memchr_iter(b'\n', text.as_bytes());
    std::iter::from_fn(move || {
        match ends.next() {
            Some(end) => {
                let line = &text[start..end];
                start = end + 1;
                Some(line.strip_suffix('\r').unwrap_or(line))
            }
            // The last line, with no `\n` after it, keeps a final `\r`.
            None if start < text.len() => {
                let line = &text[start..];
                start = text.len();
                Some(line)
            }
            None => None,
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_are_cut_as_str_lines_cuts_them() {
        for text in [
            "",
            "\n",
            "a",
            "a\n",
            "a\r\nb",
            "a\n\nb\r\n",
            "\r\n\r",
            "x\r\r\ny",
            "é\tü\n",
        ] {
            assert_eq!(
                lines(text).collect::<Vec<_>>(),
                text.lines().collect::<Vec<_>>(),
                "{text:?}"
            );
        }
    }
}
