//! Character-set detection and decoding for HTML (and WARC text payloads) with `encoding_rs`.
//!
//! Order, as browsers do it: byte-order mark, then the transport's charset (the HTTP `Content-Type` of a WARC
//! response), then a `<meta charset>` / `http-equiv` declaration near the top of the page, then UTF-8 when the bytes
//! are valid UTF-8 and windows-1252 otherwise. Two corrections for common mislabelling are kept as named rules in
//! [`decode_html`]: a single-byte label on bytes that are valid, non-ASCII UTF-8 is read as UTF-8, and a UTF-8
//! label on bytes with invalid sequences and no valid multi-byte sequence at all is read as windows-1252.
//!
//! Plain text has no declaration to read, so [`decode_plain_text`] guesses instead: byte-order mark, then UTF-8
//! when valid (or mostly valid: stray bad bytes become U+FFFD), then the legacy encoding `chardetng` finds most
//! likely (windows-1252 for Western European wire copy, windows-1251 for Russian, ...).

use encoding_rs::{Encoding, UTF_16BE, UTF_16LE, UTF_8, WINDOWS_1252};

/// How far into a page `<meta>` charset declarations are looked for. The HTML standard's prescan reads 1024
/// bytes; real pages often put long `<script>` or `<link>` blocks first, so we look further.
const META_PRESCAN_BYTES: usize = 16 * 1024;

/// Where the encoding used for a page came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CharsetSource {
    ByteOrderMark,
    /// The `charset` parameter of an HTTP `Content-Type` header.
    Transport,
    /// A `<meta charset>` or `<meta http-equiv="Content-Type">` declaration.
    Meta,
    /// No usable declaration: UTF-8 if valid, windows-1252 otherwise.
    Default,
    /// A declaration was overruled by the bytes (see the module doc).
    Overruled,
    /// No declaration and not UTF-8: the encoding is `chardetng`'s guess from the bytes.
    Detected,
}

/// A page decoded to UTF-8.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DecodedText {
    pub text: String,
    pub encoding: &'static Encoding,
    pub source: CharsetSource,
    /// Whether some bytes were not valid in the encoding and became U+FFFD.
    pub had_errors: bool,
}

/// Decodes HTML bytes to UTF-8; `transport_charset` is the HTTP `charset` parameter, if any.
///
/// ```
/// use dyad_ingest::charset::decode_html;
/// let page = b"<html><head><meta charset=\"iso-8859-1\"></head><body>caf\xe9</body></html>".to_vec();
/// assert!(decode_html(page, None).text.contains("café"));
/// ```
pub fn decode_html(bytes: Vec<u8>, transport_charset: Option<&str>) -> DecodedText {
    if let Some((enc, bom_len)) = Encoding::for_bom(&bytes) {
        return decode_with(bytes, bom_len, enc, CharsetSource::ByteOrderMark);
    }
    let declared = transport_charset
        .and_then(|label| usable_label(label.as_bytes()))
        .map(|enc| (enc, CharsetSource::Transport))
        .or_else(|| meta_charset(&bytes).map(|enc| (enc, CharsetSource::Meta)));
    decode_declared(bytes, declared)
}

/// Decodes plain-text bytes whose declared charset (if any) is `transport_charset`: no `<meta>` scan.
pub fn decode_text(bytes: Vec<u8>, transport_charset: Option<&str>) -> DecodedText {
    if let Some((enc, bom_len)) = Encoding::for_bom(&bytes) {
        return decode_with(bytes, bom_len, enc, CharsetSource::ByteOrderMark);
    }
    let declared = transport_charset
        .and_then(|label| usable_label(label.as_bytes()))
        .map(|enc| (enc, CharsetSource::Transport));
    decode_declared(bytes, declared)
}

/// Decodes plain text that carries no charset declaration (text files, JSON Lines): a byte-order mark decides;
/// valid UTF-8 is UTF-8; text that is mostly UTF-8 (it has valid multi-byte sequences) stays UTF-8 with its bad
/// bytes replaced (`had_errors`); anything else is decoded from the encoding `chardetng` guesses
/// ([`CharsetSource::Detected`]). Time is linear in the input.
///
/// ```
/// use dyad_ingest::charset::{decode_plain_text, CharsetSource};
/// let d = decode_plain_text(b"Z\xfcrich police arrested two protesters near the caf\xe9.".to_vec());
/// assert_eq!(d.text, "Zürich police arrested two protesters near the café.");
/// assert_eq!((d.encoding.name(), d.source), ("windows-1252", CharsetSource::Detected));
/// ```
pub fn decode_plain_text(bytes: Vec<u8>) -> DecodedText {
    if let Some((enc, bom_len)) = Encoding::for_bom(&bytes) {
        return decode_with(bytes, bom_len, enc, CharsetSource::ByteOrderMark);
    }
    if std::str::from_utf8(&bytes).is_ok() || has_valid_multibyte_utf8(&bytes) {
        return decode_with(bytes, 0, UTF_8, CharsetSource::Default);
    }
    let mut detector = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
    detector.feed(&bytes, true);
    let guess = detector.guess(None, chardetng::Utf8Detection::Deny);
    decode_with(bytes, 0, guess, CharsetSource::Detected)
}

fn decode_declared(
    bytes: Vec<u8>,
    declared: Option<(&'static Encoding, CharsetSource)>,
) -> DecodedText {
    let utf8_ok = std::str::from_utf8(&bytes).is_ok();
    match declared {
        Some((enc, source)) if enc == UTF_8 => {
            // Rule: a page labelled UTF-8 whose bytes hold invalid sequences and not one valid multi-byte
            // sequence is a legacy single-byte page with a copied-in template label.
            if !utf8_ok && !has_valid_multibyte_utf8(&bytes) {
                decode_with(bytes, 0, WINDOWS_1252, CharsetSource::Overruled)
            } else {
                decode_with(bytes, 0, UTF_8, source)
            }
        }
        Some((enc, source)) => {
            // Rule: non-ASCII bytes that are all valid UTF-8 are practically never legacy single-byte text.
            if enc.is_single_byte() && utf8_ok && !bytes.is_ascii() {
                decode_with(bytes, 0, UTF_8, CharsetSource::Overruled)
            } else {
                decode_with(bytes, 0, enc, source)
            }
        }
        None if utf8_ok => decode_with(bytes, 0, UTF_8, CharsetSource::Default),
        None => decode_with(bytes, 0, WINDOWS_1252, CharsetSource::Default),
    }
}

/// An encoding for a label, with the HTML standard's replacements for labels a page cannot really mean.
fn usable_label(label: &[u8]) -> Option<&'static Encoding> {
    let enc = Encoding::for_label(label)?;
    // A UTF-16 label on bytes we are reading as ASCII-compatible is wrong by construction (no BOM was found);
    // "replacement" would discard the whole page; x-user-defined is windows-1252 in practice.
    if enc == UTF_16LE || enc == UTF_16BE {
        return Some(UTF_8);
    }
    if enc == encoding_rs::REPLACEMENT {
        return None;
    }
    if enc == encoding_rs::X_USER_DEFINED {
        return Some(WINDOWS_1252);
    }
    Some(enc)
}

fn decode_with(
    bytes: Vec<u8>,
    skip: usize,
    enc: &'static Encoding,
    source: CharsetSource,
) -> DecodedText {
    if enc == UTF_8 {
        // Valid UTF-8: reuse the buffer, no copy beyond dropping the BOM.
        let mut bytes = bytes;
        bytes.drain(..skip);
        return match String::from_utf8(bytes) {
            Ok(text) => DecodedText {
                text,
                encoding: UTF_8,
                source,
                had_errors: false,
            },
            Err(e) => DecodedText {
                text: String::from_utf8_lossy(e.as_bytes()).into_owned(),
                encoding: UTF_8,
                source,
                had_errors: true,
            },
        };
    }
    let (text, had_errors) = enc.decode_without_bom_handling(&bytes[skip..]);
    DecodedText {
        text: text.into_owned(),
        encoding: enc,
        source,
        had_errors,
    }
}

/// Whether `bytes` contain at least one well-formed multi-byte UTF-8 sequence.
fn has_valid_multibyte_utf8(bytes: &[u8]) -> bool {
    let mut rest = bytes;
    loop {
        match std::str::from_utf8(rest) {
            Ok(s) => return !s.is_ascii(),
            Err(e) => {
                let good = &rest[..e.valid_up_to()];
                if !good.is_ascii() {
                    return true;
                }
                let bad = e.error_len().unwrap_or(rest.len() - e.valid_up_to());
                rest = &rest[e.valid_up_to() + bad..];
            }
        }
    }
}

/// The encoding declared by the first `<meta>` tag in the prescan window that declares one.
pub fn meta_charset(bytes: &[u8]) -> Option<&'static Encoding> {
    let window = &bytes[..bytes.len().min(META_PRESCAN_BYTES)];
    let finder = memchr::memmem::Finder::new(b"<meta");
    let lower = window.to_ascii_lowercase();
    for start in finder.find_iter(&lower) {
        let tag_end = memchr::memchr(b'>', &lower[start..]).map_or(lower.len(), |i| start + i);
        let tag = &lower[start + 5..tag_end];
        if let Some(label) = charset_in_tag(tag) {
            if let Some(enc) = usable_label(label) {
                return Some(enc);
            }
        }
    }
    None
}

/// The value after `charset=` in a `<meta>` tag's attributes (either the `charset` attribute or inside the
/// `content` attribute of an `http-equiv` tag); `tag` is lower-cased.
fn charset_in_tag(tag: &[u8]) -> Option<&[u8]> {
    let at = memchr::memmem::find(tag, b"charset")?;
    let mut rest = &tag[at + 7..];
    rest = trim_start(rest);
    rest = rest.strip_prefix(b"=")?;
    rest = trim_start(rest);
    let rest = match rest.first() {
        Some(b'"') | Some(b'\'') => &rest[1..],
        _ => rest,
    };
    let end = rest
        .iter()
        .position(|&b| matches!(b, b'"' | b'\'' | b';' | b'/' | b' ' | b'\t' | b'\r' | b'\n'))
        .unwrap_or(rest.len());
    let label = &rest[..end];
    (!label.is_empty()).then_some(label)
}

fn trim_start(b: &[u8]) -> &[u8] {
    let n = b.iter().take_while(|c| c.is_ascii_whitespace()).count();
    &b[n..]
}

/// The `charset` parameter of a `Content-Type` header value, e.g. `text/html; charset="ISO-8859-1"`.
pub fn content_type_charset(content_type: &str) -> Option<&str> {
    content_type.split(';').skip(1).find_map(|param| {
        let (name, value) = param.split_once('=')?;
        name.trim()
            .eq_ignore_ascii_case("charset")
            .then(|| value.trim().trim_matches(|c| c == '"' || c == '\''))
            .filter(|v| !v.is_empty())
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bom_wins_over_everything() {
        let mut page = vec![0xEF, 0xBB, 0xBF];
        page.extend_from_slice("<meta charset=\"iso-8859-1\">é".as_bytes());
        let d = decode_html(page, Some("windows-1251"));
        assert_eq!(d.source, CharsetSource::ByteOrderMark);
        assert_eq!(d.text, "<meta charset=\"iso-8859-1\">é");
    }

    #[test]
    fn transport_then_meta_then_default() {
        let page = b"<meta http-equiv=\"Content-Type\" content=\"text/html; charset=windows-1251\">\xc4\xe0".to_vec();
        let d = decode_html(page.clone(), Some("koi8-r"));
        assert_eq!(
            (d.encoding.name(), d.source),
            ("KOI8-R", CharsetSource::Transport)
        );
        let d = decode_html(page, None);
        assert_eq!(
            (d.encoding.name(), d.source),
            ("windows-1251", CharsetSource::Meta)
        );
        assert!(d.text.ends_with("Да"));
        let d = decode_html(b"<p>caf\xe9</p>".to_vec(), None);
        assert_eq!((d.encoding, d.text.as_str()), (WINDOWS_1252, "<p>café</p>"));
    }

    #[test]
    fn mislabelled_pages_are_overruled() {
        let d = decode_html(
            "<meta charset=iso-8859-1><p>café</p>".as_bytes().to_vec(),
            None,
        );
        assert_eq!((d.encoding, d.source), (UTF_8, CharsetSource::Overruled));
        assert!(d.text.contains("café"));
        let d = decode_html(b"<meta charset=utf-8><p>caf\xe9</p>".to_vec(), None);
        assert_eq!(
            (d.encoding, d.source),
            (WINDOWS_1252, CharsetSource::Overruled)
        );
        // Mixed: genuine UTF-8 with one stray byte stays UTF-8, with a replacement character.
        let d = decode_html(
            "<meta charset=utf-8><p>é\u{20}"
                .as_bytes()
                .iter()
                .copied()
                .chain([0xff])
                .collect(),
            None,
        );
        assert_eq!(d.encoding, UTF_8);
        assert!(d.had_errors && d.text.ends_with('\u{FFFD}'));
    }

    #[test]
    fn plain_text_is_guessed_when_not_utf8() {
        let d = decode_plain_text(
            b"Z\xfcrich, 3 March - Swiss police arrested two protesters near the caf\xe9 on Monday."
                .to_vec(),
        );
        assert_eq!(
            d.text,
            "Zürich, 3 March - Swiss police arrested two protesters near the café on Monday."
        );
        assert_eq!(
            (d.encoding, d.source, d.had_errors),
            (WINDOWS_1252, CharsetSource::Detected, false)
        );
        // Russian in windows-1251.
        let d = decode_plain_text(b"\xcf\xf0\xe5\xe7\xe8\xe4\xe5\xed\xf2 \xef\xf0\xe8\xe1\xfb\xeb \xe2 \xcc\xee\xf1\xea\xe2\xf3".to_vec());
        assert_eq!(
            (d.encoding.name(), d.text.as_str()),
            ("windows-1251", "Президент прибыл в Москву")
        );
        // UTF-8 with BOM, valid UTF-8, and UTF-8 with one stray byte.
        let d = decode_plain_text(b"\xEF\xBB\xBFcaf\xc3\xa9".to_vec());
        assert_eq!(
            (d.text.as_str(), d.source),
            ("café", CharsetSource::ByteOrderMark)
        );
        let d = decode_plain_text("café".as_bytes().to_vec());
        assert_eq!(
            (d.encoding, d.source, d.had_errors),
            (UTF_8, CharsetSource::Default, false)
        );
        let d = decode_plain_text(b"caf\xc3\xa9 \xff".to_vec());
        assert_eq!(
            (d.encoding, d.text.as_str(), d.had_errors),
            (UTF_8, "café \u{FFFD}", true)
        );
    }

    #[test]
    fn content_type_parameters() {
        assert_eq!(
            content_type_charset("text/html; charset=\"ISO-8859-1\""),
            Some("ISO-8859-1")
        );
        assert_eq!(
            content_type_charset("text/html;CHARSET=utf-8 "),
            Some("utf-8")
        );
        assert_eq!(content_type_charset("text/html"), None);
    }
}
