//! Fuzzes every dictionary reader in every dialect, plus form expansion: no input may panic, and every warning
//! must name a line of the input.
#![no_main]

use dyad_dict::{
    ActorDictionary, AgentDictionary, Dialect, DiscardList, IssueDictionary, LoadReport,
    PrepositionList, VerbDictionary,
};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    // The loader reads non-UTF-8 bytes as Latin-1; do the same.
    let text: String = match std::str::from_utf8(data) {
        Ok(s) => s.to_string(),
        Err(_) => data.iter().map(|&b| b as char).collect(),
    };
    let mut report = LoadReport::default();
    for dialect in [Dialect::Tabari, Dialect::Petrarch1, Dialect::Petrarch2] {
        ActorDictionary::new(dialect).read_str("fuzz", &text, &mut report);
        let mut agents = AgentDictionary::new(dialect);
        agents.read_str("fuzz", &text, &mut report);
        for e in &agents.entries {
            let _ = e.forms(dialect);
        }
        let mut verbs = VerbDictionary::new(dialect);
        verbs.read_str("fuzz", &text, &mut report);
        for block in &verbs.blocks {
            for verb in &block.verbs {
                let _ = verb.forms(dialect);
            }
        }
        for set in &verbs.synsets {
            let _ = set.member_forms(dialect);
        }
    }
    DiscardList::default().read_str("fuzz", &text, &mut report);
    let mut issues = IssueDictionary::default();
    issues.read_str("fuzz", &text, &mut report);
    for e in &issues.entries {
        let _ = e.expansions();
    }
    PrepositionList::default().read_str("fuzz", &text, &mut report);
    let lines = text.split('\n').count() as u64;
    for w in &report.warnings {
        assert!(w.loc.line >= 1 && u64::from(w.loc.line) <= lines, "{w}");
    }
});
