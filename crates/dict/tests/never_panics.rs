//! Property tests: every reader accepts arbitrary bytes and arbitrary mixes of dictionary syntax without panicking,
//! and every problem it reports names a line of the input.

use dyad_dict::*;
use proptest::prelude::*;

/// Every reader, in every dialect it supports.
fn read_all(text: &str) -> usize {
    let mut report = LoadReport::default();
    for dialect in [Dialect::Tabari, Dialect::Petrarch1, Dialect::Petrarch2] {
        ActorDictionary::new(dialect).read_str("fuzz", text, &mut report);
        AgentDictionary::new(dialect).read_str("fuzz", text, &mut report);
        let mut verbs = VerbDictionary::new(dialect);
        verbs.read_str("fuzz", text, &mut report);
        // Form expansion must be total too.
        for block in &verbs.blocks {
            for verb in &block.verbs {
                let _ = verb.forms(dialect);
            }
        }
    }
    DiscardList::default().read_str("fuzz", text, &mut report);
    let mut issues = IssueDictionary::default();
    issues.read_str("fuzz", text, &mut report);
    for e in &issues.entries {
        let _ = e.expansions();
    }
    PrepositionList::default().read_str("fuzz", text, &mut report);
    let lines = u32::try_from(text.split('\n').count()).unwrap_or(u32::MAX);
    for w in &report.warnings {
        assert!(w.loc.line >= 1 && w.loc.line <= lines, "{w}");
    }
    report.warnings.len()
}

/// Fragments of the real syntax, so random lines hit the interesting paths.
fn fragment() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("- ".to_string()),
        Just("* ".to_string()),
        Just("$ ".to_string()),
        Just("+".to_string()),
        Just("% ^ ".to_string()),
        Just("&SYN".to_string()),
        Just("{ ".to_string()),
        Just(" | ".to_string()),
        Just("}".to_string()),
        Just("(".to_string()),
        Just(")".to_string()),
        Just("[".to_string()),
        Just("]".to_string()),
        Just("[USAGOV 991201-010114]".to_string()),
        Just("[AR1 <911226]".to_string()),
        Just("[X >20090120]".to_string()),
        Just("[042:043]".to_string()),
        Just("[:193]".to_string()),
        Just("[~GOV]".to_string()),
        Just("[NGO~]".to_string()),
        Just("!PERSON! = MAN, MEN".to_string()),
        Just("!PERSON!".to_string()),
        Just("--- LABEL [010] ---".to_string()),
        Just("~ a (a b ATTACK) SAY = a b 015".to_string()),
        Just("<ISSUE CATEGORY=\"X\">".to_string()),
        Just("n:".to_string()),
        Just("v:".to_string()),
        Just("<!-- ".to_string()),
        Just(" -->".to_string()),
        Just("# ".to_string()),
        Just("; ".to_string()),
        Just("_".to_string()),
        Just("~".to_string()),
        Just("=".to_string()),
        Just("\t".to_string()),
        Just("\n".to_string()),
        Just("<NOUN>\n".to_string()),
        Just("<SYNSETS>\n".to_string()),
        Just("<TIME>\n".to_string()),
        "[A-Za-z0-9]{1,8}",
        "\\PC{0,3}",
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn random_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..400)) {
        let text: String = bytes.iter().map(|&b| b as char).collect();
        read_all(&text);
    }

    #[test]
    fn random_syntax_never_panics(parts in proptest::collection::vec(fragment(), 0..60)) {
        read_all(&parts.concat());
    }
}

#[test]
fn malformed_lines_are_reported_with_their_line() {
    let text = "GOOD [AAA]\nBAD [AAA 99999999999]\n\t[BBB <991301]\n+SYN [\n";
    let mut report = LoadReport::default();
    let mut actors = ActorDictionary::new(Dialect::Petrarch1);
    actors.read_str("t.actors", text, &mut report);
    let lines: Vec<u32> = report.warnings.iter().map(|w| w.loc.line).collect();
    assert_eq!(lines, [2, 3, 4]);
    assert_eq!(
        actors.entries.len(),
        2,
        "bad codes drop the code, not the entry"
    );
    assert!(report.warnings[0].to_string().starts_with("t.actors:2: "));
}

#[test]
fn substitution_blow_up_is_capped() {
    let text = format!("!P! = A, B, C, D, E\n{} [~GOV]\n", "!P!".repeat(40));
    let mut report = LoadReport::default();
    let mut agents = AgentDictionary::new(Dialect::Petrarch1);
    agents.read_str("t.agents", &text, &mut report);
    assert_eq!(report.warnings.len(), 1);
    assert!(agents.entries.is_empty());
}
