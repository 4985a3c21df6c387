//! The Penn Treebank tag set, as one byte.

macro_rules! tags {
    ($($name:ident = $text:literal,)*) => {
        /// A Penn Treebank part-of-speech tag. `Staart` is the padding around a sentence that Brill's contextual
        /// rules may test for; the tagger never returns it.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
        #[repr(u8)]
        pub enum Tag { $($name,)* }

        impl Tag {
            /// Every tag, in declaration order (`Tag as usize` indexes it).
            pub const ALL: &'static [Tag] = &[$(Tag::$name,)*];

            /// The tag as Penn writes it (`NNP`, `PRP$`, `,`).
            pub fn as_str(self) -> &'static str {
                match self { $(Tag::$name => $text,)* }
            }

            /// Reads a Penn tag; the treebank spellings `-LRB-`/`-RRB-` and the old `NP`/`PP` are accepted.
            pub fn parse(s: &str) -> Option<Tag> {
                Some(match s {
                    $($text => Tag::$name,)*
                    "-LRB-" | "-LCB-" | "-LSB-" => Tag::LeftBracket,
                    "-RRB-" | "-RCB-" | "-RSB-" => Tag::RightBracket,
                    "NP" => Tag::NNP,
                    "PP" => Tag::PRP,
                    "PP$" => Tag::PRPS,
                    "\"" => Tag::OpenQuote,
                    _ => return None,
                })
            }
        }
    };
}

tags! {
    CC = "CC", CD = "CD", DT = "DT", EX = "EX", FW = "FW", IN = "IN", JJ = "JJ", JJR = "JJR", JJS = "JJS",
    LS = "LS", MD = "MD", NN = "NN", NNS = "NNS", NNP = "NNP", NNPS = "NNPS", PDT = "PDT", POS = "POS",
    PRP = "PRP", PRPS = "PRP$", RB = "RB", RBR = "RBR", RBS = "RBS", RP = "RP", SYM = "SYM", TO = "TO", UH = "UH",
    VB = "VB", VBD = "VBD", VBG = "VBG", VBN = "VBN", VBP = "VBP", VBZ = "VBZ", WDT = "WDT", WP = "WP",
    WPS = "WP$", WRB = "WRB", Hash = "#", Dollar = "$", Period = ".", Comma = ",", Colon = ":",
    LeftBracket = "(", RightBracket = ")", OpenQuote = "``", CloseQuote = "''", Staart = "STAART",
}

/// Coarse word classes, for callers that only need to know what kind of word a token is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Coarse {
    /// NN NNS (common nouns).
    Noun,
    /// NNP NNPS.
    ProperNoun,
    /// VB VBD VBG VBN VBP VBZ MD.
    Verb,
    /// JJ JJR JJS.
    Adjective,
    /// RB RBR RBS WRB.
    Adverb,
    /// PRP PRP$ WP WP$ EX.
    Pronoun,
    /// DT PDT WDT.
    Determiner,
    /// IN TO RP.
    Preposition,
    CardinalNumber,
    /// CC.
    Conjunction,
    /// Punctuation and symbols.
    Punctuation,
    /// FW LS UH POS and the padding tag.
    Other,
}

impl Tag {
    /// The coarse class of this tag.
    pub fn coarse(self) -> Coarse {
        use Tag::*;
        match self {
            NN | NNS => Coarse::Noun,
            NNP | NNPS => Coarse::ProperNoun,
            VB | VBD | VBG | VBN | VBP | VBZ | MD => Coarse::Verb,
            JJ | JJR | JJS => Coarse::Adjective,
            RB | RBR | RBS | WRB => Coarse::Adverb,
            PRP | PRPS | WP | WPS | EX => Coarse::Pronoun,
            DT | PDT | WDT => Coarse::Determiner,
            IN | TO | RP => Coarse::Preposition,
            CD => Coarse::CardinalNumber,
            CC => Coarse::Conjunction,
            Hash | Dollar | Period | Comma | Colon | LeftBracket | RightBracket | OpenQuote
            | CloseQuote | SYM => Coarse::Punctuation,
            FW | LS | UH | POS | Staart => Coarse::Other,
        }
    }

    /// A noun of any kind (common or proper).
    pub fn is_noun(self) -> bool {
        matches!(self.coarse(), Coarse::Noun | Coarse::ProperNoun)
    }

    /// A verb form or modal.
    pub fn is_verb(self) -> bool {
        self.coarse() == Coarse::Verb
    }

    /// A finite verb: VBD VBP VBZ MD (a tensed verb that can head a clause).
    pub fn is_finite_verb(self) -> bool {
        matches!(self, Tag::VBD | Tag::VBP | Tag::VBZ | Tag::MD)
    }
}

impl std::fmt::Display for Tag {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_tag_reads_back() {
        for (i, &t) in Tag::ALL.iter().enumerate() {
            assert_eq!(t as usize, i);
            assert_eq!(Tag::parse(t.as_str()), Some(t));
        }
        assert_eq!(Tag::parse("-LRB-"), Some(Tag::LeftBracket));
        assert_eq!(Tag::parse("NX"), None);
    }
}
