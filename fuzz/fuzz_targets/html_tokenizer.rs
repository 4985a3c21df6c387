//! Fuzzes the fast HTML tokenizer against html5ever's: on every input it does not hand back, the tree it builds
//! (element names, attributes, text, line numbers, input limits) must be the one html5ever's tokenizer builds, with
//! script and style text dropped and kept.
#![no_main]

use dyad_html::dom::Dom;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let html = String::from_utf8_lossy(data);
    for drop in [true, false] {
        let reference = Dom::parse_with_html5ever_tokenizer(&html, drop);
        if let Ok(fast) = Dom::parse_with_fast_tokenizer(&html, drop) {
            if let Some(d) = fast.first_difference(&reference) {
                panic!("fast and html5ever tokenizers differ (script text dropped: {drop}) at {d}");
            }
            assert_eq!(fast.limits, reference.limits, "input limits differ");
        }
    }
});
