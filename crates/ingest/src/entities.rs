//! Character references in SGML and XML text: Reuters-21578 stories (read here) and the validation suites (read by
//! dyad-eval), decoded by one function.

/// The longest reference read (`&#x10FFFF;`): a farther `;` belongs to other text.
const MAX_REFERENCE_BYTES: usize = 10;

/// The five predefined XML entities and numeric character references (decimal and hex); an `&` that starts no
/// reference is kept as it is.
///
/// ```
/// use dyad_ingest::entities::decode_entities;
/// assert_eq!(decode_entities("&lt;AT&amp;T&gt; &#65;&#x42; &c"), "<AT&T> AB &c");
/// ```
pub fn decode_entities(text: &str) -> String {
    if !text.contains('&') {
        return text.to_string();
    }
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(amp) = rest.find('&') {
        out.push_str(&rest[..amp]);
        let after = &rest[amp..];
        let decoded = after
            .find(';')
            .filter(|&semi| semi <= MAX_REFERENCE_BYTES)
            .and_then(|semi| {
                let entity = &after[1..semi];
                let c = match entity {
                    "amp" => Some('&'),
                    "lt" => Some('<'),
                    "gt" => Some('>'),
                    "quot" => Some('"'),
                    "apos" => Some('\''),
                    _ => entity
                        .strip_prefix("#x")
                        .and_then(|h| u32::from_str_radix(h, 16).ok())
                        .or_else(|| entity.strip_prefix('#').and_then(|d| d.parse().ok()))
                        .and_then(char::from_u32),
                }?;
                Some((c, semi + 1))
            });
        match decoded {
            Some((c, len)) => {
                out.push(c);
                rest = &after[len..];
            }
            None => {
                out.push('&');
                rest = &after[1..];
            }
        }
    }
    out.push_str(rest);
    out
}
