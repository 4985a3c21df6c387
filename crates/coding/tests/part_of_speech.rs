//! The part-of-speech hook: the coder's tokens get `dyad_pos` tags (a possessive tagged with its `'s` after it,
//! commas as commas).

use dyad_coding::analysis::Analysis;
use dyad_pos::Tag;

#[test]
fn every_coder_token_gets_a_tag() {
    let text = "Iran's talks with Iraq collapsed, the minister said.";
    let mut a = Analysis::default();
    a.toks.fill(text);
    let tags = a.part_of_speech(text).to_vec();
    assert_eq!(tags.len(), a.toks.len());
    use Tag::*;
    assert_eq!(tags, [NNP, NNS, IN, NNP, VBD, Comma, DT, NN, VBD]);
    // All capitals: read in lower case, same reading of the verb.
    let caps = "THE TALKS WITH IRAQ COLLAPSED.";
    a.toks.fill(caps);
    assert_eq!(a.part_of_speech(caps)[1], NNS);
    assert_eq!(a.part_of_speech(caps)[4], VBD);
}
