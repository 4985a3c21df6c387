//! Input-format detection from the first bytes of the (decompressed) input and the file name.
//!
//! A WARC version line is decisive whatever the name; binary data is refused; a Reuters-21578 SGML opening (the
//! `lewis.dtd` DOCTYPE or a `<REUTERS` tag) is decisive too; otherwise a known extension decides, and without one
//! the content does: a leading `{` means JSONL, markup means HTML, anything else is plain text.
//!
//! Directory walks also use the tables here to pass over files that hold no article ([`NON_ARTICLE_EXTENSIONS`],
//! [`NON_ARTICLE_NAMES`]) and [`judge_unlisted`] for files with no known extension. Pure functions of names and
//! bytes: no I/O.

use dyad_model::InputFormat;

/// How many leading bytes the sniffer looks at.
pub const SNIFF_BYTES: usize = 8 * 1024;

/// gzip's two magic bytes (RFC 1952).
pub const GZIP_MAGIC: [u8; 2] = [0x1f, 0x8b];

/// File extensions (after any `.gz` is removed), lower-case, and the format each names.
pub const EXTENSION_FORMATS: &[(&str, InputFormat)] = &[
    ("txt", InputFormat::Text),
    ("text", InputFormat::Text),
    ("html", InputFormat::Html),
    ("htm", InputFormat::Html),
    ("xhtml", InputFormat::Html),
    ("shtml", InputFormat::Html),
    ("jsonl", InputFormat::Jsonl),
    ("ndjson", InputFormat::Jsonl),
    ("warc", InputFormat::Warc),
    ("sgm", InputFormat::Reuters),
];

/// File extensions (after any `.gz` is removed), lower-case, of files a directory walk passes over without opening
/// them, each with what it is: formats that never hold a news article dyad can read. Only walks consult this table;
/// a file named on the command line is read whatever its name. Extensions in neither this table nor
/// [`EXTENSION_FORMATS`] (and files without one) are judged by their content ([`judge_unlisted`]).
pub const NON_ARTICLE_EXTENSIONS: &[(&str, &str)] = &[
    ("png", "an image"),
    ("jpg", "an image"),
    ("jpeg", "an image"),
    ("gif", "an image"),
    ("bmp", "an image"),
    ("tif", "an image"),
    ("tiff", "an image"),
    ("webp", "an image"),
    ("ico", "an image"),
    ("svg", "an image"),
    ("heic", "an image"),
    ("psd", "an image"),
    ("mp3", "audio"),
    ("wav", "audio"),
    ("ogg", "audio"),
    ("flac", "audio"),
    ("m4a", "audio"),
    ("aac", "audio"),
    ("mp4", "video"),
    ("mkv", "video"),
    ("avi", "video"),
    ("mov", "video"),
    ("webm", "video"),
    ("wmv", "video"),
    ("zip", "an archive"),
    ("tar", "an archive"),
    ("tgz", "an archive"),
    ("bz2", "an archive"),
    ("xz", "an archive"),
    ("zst", "an archive"),
    ("lz4", "an archive"),
    ("lzma", "an archive"),
    ("7z", "an archive"),
    ("rar", "an archive"),
    ("jar", "an archive"),
    ("iso", "a disk image"),
    ("dmg", "a disk image"),
    ("deb", "a package"),
    ("rpm", "a package"),
    ("pdf", "a PDF document"),
    ("doc", "an office document"),
    ("docx", "an office document"),
    ("xls", "a spreadsheet"),
    ("xlsx", "a spreadsheet"),
    ("ods", "a spreadsheet"),
    ("ppt", "a presentation"),
    ("pptx", "a presentation"),
    ("odp", "a presentation"),
    ("odt", "an office document"),
    ("rtf", "an office document"),
    ("epub", "an e-book"),
    ("exe", "an executable"),
    ("dll", "a library"),
    ("so", "a library"),
    ("dylib", "a library"),
    ("a", "a library"),
    ("o", "an object file"),
    ("obj", "an object file"),
    ("class", "compiled code"),
    ("pyc", "compiled code"),
    ("wasm", "compiled code"),
    ("bin", "binary data"),
    ("ttf", "a font"),
    ("otf", "a font"),
    ("woff", "a font"),
    ("woff2", "a font"),
    ("db", "a database"),
    ("sqlite", "a database"),
    ("sqlite3", "a database"),
    ("parquet", "a data table"),
    ("arrow", "a data table"),
    ("npy", "an array file"),
    ("npz", "an array file"),
    ("pkl", "a pickle"),
    ("h5", "an HDF5 file"),
    ("csv", "a table"),
    ("tsv", "a table"),
    ("xml", "XML"),
    ("xsd", "XML"),
    ("xsl", "XML"),
    ("dtd", "XML"),
    ("rng", "XML"),
    ("lock", "a lock file"),
    ("log", "a log"),
    ("toml", "configuration"),
    ("yaml", "configuration"),
    ("yml", "configuration"),
    ("ini", "configuration"),
    ("cfg", "configuration"),
    ("conf", "configuration"),
    ("properties", "configuration"),
    ("css", "a style sheet"),
    ("js", "source code"),
    ("mjs", "source code"),
    ("ts", "source code"),
    ("map", "a source map"),
    ("py", "source code"),
    ("rs", "source code"),
    ("c", "source code"),
    ("h", "source code"),
    ("cc", "source code"),
    ("cpp", "source code"),
    ("hpp", "source code"),
    ("java", "source code"),
    ("go", "source code"),
    ("rb", "source code"),
    ("pl", "source code"),
    ("php", "source code"),
    ("sh", "a script"),
    ("bat", "a script"),
    ("ps1", "a script"),
    ("sql", "source code"),
    ("md5", "a checksum"),
    ("sha1", "a checksum"),
    ("sha256", "a checksum"),
    ("sig", "a signature"),
    ("asc", "a signature"),
    ("part", "a partial download"),
    ("crdownload", "a partial download"),
    ("swp", "an editor swap file"),
];

/// File names of project paperwork that a directory walk passes over even though it is text; data folders ship
/// these beside the articles. Compared lower-case with at most one extension removed (`LICENSE`, `README.md`,
/// not `changelog.blog.zwischenbilanz.html`).
pub const NON_ARTICLE_NAMES: &[&str] = &[
    "license",
    "licence",
    "copying",
    "copyright",
    "readme",
    "notice",
    "authors",
    "contributors",
    "changelog",
    "codeowners",
    "makefile",
    "dockerfile",
];

/// Extensions (after any `.gz` is removed) of files that hold one JSON document; such a file is read (as JSON
/// Lines) only when its first line is a whole JSON object.
pub const JSON_DOCUMENT_EXTENSIONS: &[&str] = &["json", "geojson"];

/// Tags that, found near the top of a file starting with `<`, mark it as HTML.
pub const HTML_MARKERS: &[&[u8]] = &[
    b"<!doctype html",
    b"<html",
    b"<head",
    b"<body",
    b"<meta",
    b"<title",
    b"<div",
    b"<p>",
    b"<p ",
    b"<article",
    b"<br",
];

/// Control bytes (other than tab, line feed, form feed and carriage return) per 1000 sniffed bytes above which the
/// input is taken as binary. Legacy text has a few stray ones; binary formats have many.
const BINARY_CONTROL_PER_MILLE: usize = 50;

/// Why a sniffed prefix was judged binary.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BinaryEvidence {
    pub detail: String,
}

/// Names accepted for a format on a command line (`--format jsonl`), lower-case.
pub const FORMAT_NAMES: &[(&str, InputFormat)] = &[
    ("text", InputFormat::Text),
    ("txt", InputFormat::Text),
    ("html", InputFormat::Html),
    ("jsonl", InputFormat::Jsonl),
    ("ndjson", InputFormat::Jsonl),
    ("warc", InputFormat::Warc),
    ("reuters", InputFormat::Reuters),
    ("sgm", InputFormat::Reuters),
];

/// The format a user-given name means (case-insensitive), e.g. `"JSONL"` → [`InputFormat::Jsonl`].
pub fn format_named(name: &str) -> Option<InputFormat> {
    let lower = name.trim().to_ascii_lowercase();
    FORMAT_NAMES
        .iter()
        .find(|(n, _)| *n == lower)
        .map(|&(_, f)| f)
}

/// The format named by a file name's extension, looking through a trailing `.gz`.
pub fn format_from_name(name: &str) -> Option<InputFormat> {
    let lower = name.to_ascii_lowercase();
    let base = lower.strip_suffix(".gz").unwrap_or(&lower);
    let ext = base.rsplit_once('.')?.1;
    EXTENSION_FORMATS
        .iter()
        .find(|(e, _)| *e == ext)
        .map(|&(_, f)| f)
}

/// Whether the bytes open with a WARC version line.
pub fn is_warc(head: &[u8]) -> bool {
    let trimmed = trim_leading_blank_lines(head);
    trimmed.starts_with(b"WARC/1.") || trimmed.starts_with(b"WARC/0.")
}

/// The DOCTYPE line that opens the Reuters-21578 files, compared ASCII case-insensitively up to the DTD name.
pub const REUTERS_DOCTYPE: &[u8] = b"<!doctype lewis";

/// Whether the bytes open (after a BOM and whitespace) like Reuters-21578 SGML: its DOCTYPE line, or a `<REUTERS`
/// tag (upper-case, then whitespace or `>`).
///
/// ```
/// use dyad_ingest::sniff::is_reuters_sgml;
/// assert!(is_reuters_sgml(b"<!DOCTYPE lewis SYSTEM \"lewis.dtd\">\n<REUTERS NEWID=\"1\">"));
/// assert!(is_reuters_sgml(b"\n<REUTERS TOPICS=\"NO\" NEWID=\"2\">"));
/// assert!(!is_reuters_sgml(b"<Reuters> wire"));
/// ```
pub fn is_reuters_sgml(head: &[u8]) -> bool {
    let body = strip_bom(head);
    let start = body
        .iter()
        .position(|b| !b.is_ascii_whitespace())
        .unwrap_or(body.len());
    let body = &body[start..];
    let doctype = body
        .get(..REUTERS_DOCTYPE.len())
        .is_some_and(|p| p.eq_ignore_ascii_case(REUTERS_DOCTYPE));
    let story = body.starts_with(crate::reuters::STORY_OPEN)
        && body
            .get(crate::reuters::STORY_OPEN.len())
            .is_some_and(|&b| b.is_ascii_whitespace() || b == b'>');
    doctype || story
}

/// Whether the bytes start with gzip's magic number.
pub fn is_gzip(head: &[u8]) -> bool {
    head.starts_with(&GZIP_MAGIC)
}

/// `Err` with the reason when the prefix looks like binary data rather than text in some encoding.
pub fn check_not_binary(head: &[u8]) -> Result<(), BinaryEvidence> {
    if head.is_empty() || encoding_rs::Encoding::for_bom(head).is_some() {
        return Ok(());
    }
    if let Some(at) = memchr::memchr(0, head) {
        return Err(BinaryEvidence {
            detail: format!("NUL byte at offset {at}"),
        });
    }
    let controls = head
        .iter()
        .filter(|&&b| (b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r' | 0x0c)) || b == 0x7f)
        .count();
    if controls * 1000 > head.len() * BINARY_CONTROL_PER_MILLE {
        return Err(BinaryEvidence {
            detail: format!("{controls} control bytes in the first {} bytes", head.len()),
        });
    }
    Ok(())
}

/// The lower-case extension of a file name after any `.gz` is removed (`"page.HTML.gz"` → `"html"`).
pub fn extension_of(name: &str) -> Option<String> {
    let lower = name.to_ascii_lowercase();
    let base = lower.strip_suffix(".gz").unwrap_or(&lower);
    let (stem, ext) = base.rsplit_once('.')?;
    (!stem.is_empty() && !ext.is_empty()).then(|| ext.to_string())
}

/// The extension and what it is, when a file name has one of the [`NON_ARTICLE_EXTENSIONS`].
pub fn non_article_extension(name: &str) -> Option<(String, &'static str)> {
    let ext = extension_of(name)?;
    let what = NON_ARTICLE_EXTENSIONS
        .iter()
        .find(|(e, _)| *e == ext)
        .map(|&(_, what)| what)?;
    Some((ext, what))
}

/// Whether a file name is one of the [`NON_ARTICLE_NAMES`], bare or with one extension (and `.gz`).
pub fn is_non_article_name(name: &str) -> bool {
    let lower = name.to_ascii_lowercase();
    let base = lower.strip_suffix(".gz").unwrap_or(&lower);
    let stem = base.rsplit_once('.').map_or(base, |(stem, _)| stem);
    NON_ARTICLE_NAMES.contains(&base) || NON_ARTICLE_NAMES.contains(&stem)
}

/// What a directory walk makes of a file it has no format for by name, from its (decompressed) first bytes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum UnlistedVerdict {
    /// Text, HTML, JSON Lines, WARC or Reuters SGML: read it.
    Read,
    Binary(BinaryEvidence),
    /// One JSON document (pretty-printed object, array), not one object per line.
    JsonDocument,
}

/// Judges a file without a known input extension: WARC and text-like content are read; binary content and JSON
/// documents are not. A `{` start is JSON Lines only when the first line is a whole JSON object (a first line
/// longer than the sniffed prefix is given the benefit of the doubt); a file named as JSON
/// ([`JSON_DOCUMENT_EXTENSIONS`]) is read only as JSON Lines.
///
/// ```
/// use dyad_ingest::sniff::{judge_unlisted, UnlistedVerdict};
/// assert_eq!(judge_unlisted(b"Headline\n\nBody.", "NOTES"), UnlistedVerdict::Read);
/// assert_eq!(judge_unlisted(b"{\"text\": \"a\"}\n", "dump"), UnlistedVerdict::Read);
/// assert_eq!(judge_unlisted(b"{\n  \"a\": 1\n}\n", "truth"), UnlistedVerdict::JsonDocument);
/// assert_eq!(judge_unlisted(b"[1, 2]", "list.json"), UnlistedVerdict::JsonDocument);
/// ```
pub fn judge_unlisted(head: &[u8], name: &str) -> UnlistedVerdict {
    if is_warc(head) {
        return UnlistedVerdict::Read;
    }
    if let Err(b) = check_not_binary(head) {
        return UnlistedVerdict::Binary(b);
    }
    let named_json =
        extension_of(name).is_some_and(|ext| JSON_DOCUMENT_EXTENSIONS.contains(&ext.as_str()));
    match detect_from_content(head) {
        InputFormat::Jsonl if first_line_is_json_object(head) => UnlistedVerdict::Read,
        InputFormat::Jsonl => UnlistedVerdict::JsonDocument,
        _ if named_json => UnlistedVerdict::JsonDocument,
        _ => UnlistedVerdict::Read,
    }
}

/// Whether the first non-blank line of a prefix is a whole JSON object; `true` also when that line runs past the
/// end of a full [`SNIFF_BYTES`] prefix, where nothing can be told.
fn first_line_is_json_object(head: &[u8]) -> bool {
    let body = strip_bom(head);
    let start = body
        .iter()
        .position(|b| !b.is_ascii_whitespace())
        .unwrap_or(body.len());
    let body = &body[start..];
    let line = match memchr::memchr(b'\n', body) {
        Some(end) => &body[..end],
        None if head.len() >= SNIFF_BYTES => return true,
        None => body,
    };
    let text = String::from_utf8_lossy(line);
    matches!(
        serde_json::from_str::<serde_json::Value>(&text),
        Ok(serde_json::Value::Object(_))
    )
}

/// Detects the format of an input from its first bytes and (optional) file name.
pub fn detect_format(head: &[u8], name: Option<&str>) -> Result<InputFormat, BinaryEvidence> {
    if is_warc(head) {
        return Ok(InputFormat::Warc);
    }
    check_not_binary(head)?;
    if is_reuters_sgml(head) {
        return Ok(InputFormat::Reuters);
    }
    if let Some(format) = name.and_then(format_from_name) {
        return Ok(format);
    }
    Ok(detect_from_content(head))
}

/// Detects text, HTML, JSONL or Reuters SGML from content alone (the prefix is known not to be WARC or binary).
pub fn detect_from_content(head: &[u8]) -> InputFormat {
    if is_reuters_sgml(head) {
        return InputFormat::Reuters;
    }
    let body = strip_bom(head);
    let start = body
        .iter()
        .position(|b| !b.is_ascii_whitespace())
        .unwrap_or(body.len());
    let body = &body[start..];
    match body.first() {
        Some(b'{') => InputFormat::Jsonl,
        Some(b'<') if looks_like_html(body) => InputFormat::Html,
        _ => InputFormat::Text,
    }
}

/// Whether a prefix starting with `<` contains one of the [`HTML_MARKERS`].
pub fn looks_like_html(prefix: &[u8]) -> bool {
    let lower = prefix[..prefix.len().min(SNIFF_BYTES)].to_ascii_lowercase();
    HTML_MARKERS
        .iter()
        .any(|m| memchr::memmem::find(&lower, m).is_some())
}

fn strip_bom(b: &[u8]) -> &[u8] {
    b.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(b)
}

fn trim_leading_blank_lines(b: &[u8]) -> &[u8] {
    let n = b.iter().take_while(|&&c| c == b'\r' || c == b'\n').count();
    &b[n..]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_look_through_gz() {
        assert_eq!(
            format_from_name("a/b/crawl.WARC.gz"),
            Some(InputFormat::Warc)
        );
        assert_eq!(format_from_name("x.html.gz"), Some(InputFormat::Html));
        assert_eq!(format_from_name("news.ndjson"), Some(InputFormat::Jsonl));
        assert_eq!(format_from_name("README"), None);
        assert_eq!(format_from_name("data.gz"), None);
        assert_eq!(format_named(" WARC"), Some(InputFormat::Warc));
        assert_eq!(format_named("pdf"), None);
        assert_eq!(
            format_from_name("reut2-000.sgm.gz"),
            Some(InputFormat::Reuters)
        );
        assert_eq!(format_named("Reuters"), Some(InputFormat::Reuters));
    }

    #[test]
    fn content_decides_without_a_known_name() {
        assert_eq!(
            detect_format(b"WARC/1.1\r\n", Some("x.txt")),
            Ok(InputFormat::Warc)
        );
        assert_eq!(
            detect_format(b"\xEF\xBB\xBF {\"text\":1}", None),
            Ok(InputFormat::Jsonl)
        );
        assert_eq!(
            detect_format(b"<!DOCTYPE html><html>", None),
            Ok(InputFormat::Html)
        );
        assert_eq!(
            detect_format(b"<Reuters> wire", None),
            Ok(InputFormat::Text)
        );
        assert_eq!(
            detect_format(b"Headline\n\nBody.", None),
            Ok(InputFormat::Text)
        );
        // Reuters-21578 SGML by its DOCTYPE or first tag, whatever the name; its <TITLE> tags make it no HTML.
        let reuters =
            b"<!DOCTYPE lewis SYSTEM \"lewis.dtd\">\n<REUTERS NEWID=\"1\">\n<TEXT><TITLE>X</TITLE>";
        assert_eq!(
            detect_format(reuters, Some("x.txt")),
            Ok(InputFormat::Reuters)
        );
        assert_eq!(
            detect_format(b" <REUTERS\tNEWID=\"9\">", None),
            Ok(InputFormat::Reuters)
        );
        assert_eq!(detect_format(b"<REUTERSX>", None), Ok(InputFormat::Text));
        assert!(detect_format(b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR", Some("a.html")).is_err());
    }

    #[test]
    fn walk_tables_and_names() {
        assert_eq!(extension_of("Page.HTML.gz").as_deref(), Some("html"));
        assert_eq!(extension_of("data.gz"), None);
        assert_eq!(extension_of("README"), None);
        assert_eq!(
            non_article_extension("x.tar.gz"),
            Some(("tar".to_string(), "an archive"))
        );
        assert_eq!(non_article_extension("photo.JPG").unwrap().1, "an image");
        assert_eq!(non_article_extension("story.txt"), None);
        assert_eq!(non_article_extension("notes.md"), None);
        assert!(is_non_article_name("LICENSE"));
        assert!(is_non_article_name("README.md"));
        assert!(!is_non_article_name("licensed-story.txt"));
        assert!(!is_non_article_name(
            "changelog.blog.zwischenbilanz.html.gz"
        ));
        for (ext, _) in NON_ARTICLE_EXTENSIONS {
            assert!(format_from_name(&format!("x.{ext}")).is_none(), "{ext}");
        }
    }

    #[test]
    fn unlisted_files_are_judged_by_content() {
        assert_eq!(
            judge_unlisted(b"WARC/1.1\r\n", "crawl"),
            UnlistedVerdict::Read
        );
        assert_eq!(
            judge_unlisted(b"<!doctype html><p>x", "page"),
            UnlistedVerdict::Read
        );
        assert_eq!(judge_unlisted(b"", "empty"), UnlistedVerdict::Read);
        assert!(matches!(
            judge_unlisted(b"\x7fELF\x02\x01\x01\0\0\0", "a.out"),
            UnlistedVerdict::Binary(_)
        ));
        assert_eq!(
            judge_unlisted(b"{\"text\": \"caf\xe9\"}", "old.json"),
            UnlistedVerdict::Read
        );
        assert_eq!(
            judge_unlisted(b"\"just a string\"", "x.json"),
            UnlistedVerdict::JsonDocument
        );
        assert_eq!(
            judge_unlisted(b"[Reuters] - Talks", "wire"),
            UnlistedVerdict::Read
        );
        let mut long = b"{\"text\": \"".to_vec();
        long.resize(SNIFF_BYTES, b'a');
        assert_eq!(judge_unlisted(&long, "big"), UnlistedVerdict::Read);
    }
}
