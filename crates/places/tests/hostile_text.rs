//! No text makes the geoparser panic, and every span it returns lies on character boundaries of the input.

use dyad_places::{fuzz_geoparse, Context, FindOptions, Gazetteer, Geoparser};
use proptest::prelude::*;

fn check(text: &str) {
    if let Some((s, e)) = dyad_places::recognize::dateline_of(text) {
        assert!(s < e && text.is_char_boundary(s) && text.is_char_boundary(e));
    }
    let g = Gazetteer::embedded().unwrap();
    for adjectival in [false, true] {
        let p = Geoparser::new(g).with_options(FindOptions {
            adjectival,
            unions: adjectival,
        });
        let found = p.find(text);
        for t in &found {
            assert!(
                t.start < t.end && text.is_char_boundary(t.start) && text.is_char_boundary(t.end)
            );
        }
        let r = p.resolve(
            text,
            &found,
            &Context {
                countries: &["SYR", "XXX", ""],
                dateline: Some(text),
            },
        );
        // Every resolved mention is a found one (streets without a town and natural features stay unresolved).
        assert!(r.len() <= found.len());
        for x in &r {
            assert!(found.iter().any(|t| t.start == x.start && t.end == x.end));
        }
        for x in &r {
            assert!(x.lat.is_finite() && x.lon.is_finite());
        }
        for (s, e) in [(0, text.len()), (0, 1), (1, 3)] {
            let _ = p.toponym_at(text, s, e.min(text.len()));
        }
    }
    let _ = fuzz_geoparse(text);
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]
    #[test]
    fn any_text(text in "\\PC{0,200}") {
        check(&text);
    }

    #[test]
    fn place_like_text(words in proptest::collection::vec(
        prop_oneof![
            Just("Paris"), Just("Texas"), Just(","), Just("U.S."), Just("St."), Just("Syrian"), Just("-"),
            Just("southern"), Just("BEIRUT"), Just("Jordan"), Just("Peterson"), Just("’"), Just("é"), Just("\n"),
            Just("near"), Just("in"), Just("New"), Just("York"), Just("County"), Just("."), Just("border"),
        ],
        0..40,
    )) {
        check(&words.join(" "));
        check(&words.concat());
    }
}

#[test]
fn long_and_odd_inputs() {
    check(&"Paris ".repeat(20_000));
    check(&"A".repeat(100_000));
    check("\u{0}\u{feff}Syria\u{200b}Jordan");
    check("New York New York New York, New York, N.Y.");
}
