//! Readers for the tagged sentences the tagger is measured against: Penn bracketed parse trees (CoreNLP output in
//! PETRARCH's validation records) and CoNLL-U (UD-PETRARCH's records), both found inside `<Parse>` elements.

/// One token of a reference sentence: its word and the reference tag as written (`NNP`, `-LRB-`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Tagged {
    pub word: String,
    pub tag: String,
}

/// The texts of every `<Parse>…</Parse>` element of an XML file, in order.
pub fn parse_elements(xml: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut rest = xml;
    while let Some(start) = rest.find("<Parse>") {
        let body = &rest[start + "<Parse>".len()..];
        let Some(end) = body.find("</Parse>") else {
            break;
        };
        out.push(&body[..end]);
        rest = &body[end..];
    }
    out
}

/// The (word, tag) leaves of a Penn bracketed tree: every `(TAG word)` with no nested bracket. The treebank
/// escapes `-LRB-`/`-RRB-` become `(`/`)` in words; XML entities `&amp;` `&lt;` `&gt;` `&quot;` `&apos;` are decoded.
pub fn penn_leaves(tree: &str) -> Vec<Tagged> {
    let mut out = Vec::new();
    let mut rest = tree;
    while let Some(open) = rest.find('(') {
        rest = &rest[open + 1..];
        let Some(close) = rest.find(')') else { break };
        let inner = &rest[..close];
        if inner.contains('(') {
            continue;
        }
        let mut parts = inner.split_whitespace();
        if let (Some(tag), Some(word), None) = (parts.next(), parts.next(), parts.next()) {
            out.push(Tagged {
                word: unescape(word),
                tag: tag.to_string(),
            });
            rest = &rest[close + 1..];
        }
    }
    out
}

/// The (word, tag) pairs of a CoNLL-U sentence: columns FORM and XPOS of each token line (multiword-token and
/// empty-node lines skipped).
pub fn conllu_tokens(text: &str) -> Vec<Tagged> {
    text.lines()
        .filter_map(|line| {
            let cols: Vec<&str> = line.split('\t').collect();
            let id = cols.first()?.trim();
            if cols.len() < 5 || id.is_empty() || !id.bytes().all(|b| b.is_ascii_digit()) {
                return None;
            }
            Some(Tagged {
                word: unescape(cols[1]),
                tag: cols[4].to_string(),
            })
        })
        .collect()
}

fn unescape(w: &str) -> String {
    let w = match w {
        "-LRB-" | "-LCB-" | "-LSB-" => "(",
        "-RRB-" | "-RCB-" | "-RSB-" => ")",
        _ => w,
    };
    w.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&apos;", "'")
        .replace("&amp;", "&")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_penn_leaves_and_conllu() {
        let tree = "(ROOT (S (NP (NNP Arnor)) (VP (VBZ is) (-LRB- -LRB-) (NP (NNS ties))) (. .)))";
        let leaves = penn_leaves(tree);
        let got: Vec<(&str, &str)> = leaves
            .iter()
            .map(|t| (t.word.as_str(), t.tag.as_str()))
            .collect();
        assert_eq!(
            got,
            [
                ("Arnor", "NNP"),
                ("is", "VBZ"),
                ("(", "-LRB-"),
                ("ties", "NNS"),
                (".", ".")
            ]
        );
        let conll = "1\tArnor\tArnor\tPROPN\tNNP\t_\n2-3\tdon't\t_\n2\tis\tbe\tVERB\tVBZ\t_\n";
        let toks = conllu_tokens(conll);
        assert_eq!(toks.len(), 2);
        assert_eq!(toks[1].tag, "VBZ");
        assert_eq!(
            parse_elements("<Parse>a</Parse> x <Parse>b</Parse>"),
            ["a", "b"]
        );
    }
}

/// Token accuracy of the tagger against reference sentences.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Score {
    pub sentences: usize,
    pub tokens: usize,
    pub correct: usize,
    /// Tokens whose reference tag is not punctuation or a symbol, and how many of those were right.
    pub words: usize,
    pub words_correct: usize,
}

impl Score {
    pub fn add(&mut self, other: Score) {
        self.sentences += other.sentences;
        self.tokens += other.tokens;
        self.correct += other.correct;
        self.words += other.words;
        self.words_correct += other.words_correct;
    }

    /// Accuracy over all tokens (0 when there are none).
    pub fn accuracy(&self) -> f64 {
        self.correct as f64 / self.tokens.max(1) as f64
    }

    /// Accuracy over word tokens.
    pub fn word_accuracy(&self) -> f64 {
        self.words_correct as f64 / self.words.max(1) as f64
    }
}

/// Tags each `<Parse>` sentence of a PETRARCH validation file (Penn trees or CoNLL-U, told apart by their first
/// character) with the reference tokenization and counts agreements; `on_token` sees (word, reference, tagged).
pub fn score_file(
    tagger: &crate::Tagger,
    xml: &str,
    mut on_token: impl FnMut(&str, &str, crate::Tag),
) -> Score {
    let mut score = Score::default();
    let mut buf = crate::TagBuffer::default();
    for parse in parse_elements(xml) {
        let toks = if parse.trim_start().starts_with('(') {
            penn_leaves(parse)
        } else {
            conllu_tokens(parse)
        };
        if toks.is_empty() {
            continue;
        }
        let tags = tagger.tag_with(toks.len(), |i| &toks[i].word, &mut buf);
        score.sentences += 1;
        for (t, &got) in toks.iter().zip(tags) {
            let gold = crate::Tag::parse(&t.tag);
            let ok = gold == Some(got);
            score.tokens += 1;
            score.correct += usize::from(ok);
            if gold.is_some_and(|g| g.coarse() != crate::Coarse::Punctuation) {
                score.words += 1;
                score.words_correct += usize::from(ok);
            }
            on_token(&t.word, &t.tag, got);
        }
    }
    score
}

/// The PETRARCH validation files with reference parses under a shared-data folder, as (label, path relative to
/// it): PETRARCH-1's unit-test records (CoreNLP Penn trees; PETRARCH-2's copy is byte-identical and left out) and
/// UD-PETRARCH's two files (CoNLL-U with Penn XPOS tags).
pub const SILVER_FILES: &[(&str, &str)] = &[
    (
        "petrarch1 (CoreNLP trees)",
        "petrarch/petrarch1/text/PETR.UnitTest.records.xml",
    ),
    (
        "ud-petrarch validate (CoNLL-U)",
        "petrarch/universal-petrarch/validate/PETR_Validate_records_2_02.xml",
    ),
    (
        "ud-petrarch GSR (CoNLL-U)",
        "petrarch/universal-petrarch/text/PETR2_GSR_validation.xml",
    ),
];
