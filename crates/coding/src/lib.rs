//! Codes sentences into events: tokens, chunks, actors, verb patterns, CAMEO and PLOVER, with evidence.
//!
//! The coder works on raw sentence text, TABARI-style (no external parser): [`text`] tokenizes with byte offsets,
//! [`analysis`] types words from the dictionaries and builds actor units, compounds, pronoun references and
//! clauses, and [`Coder`] matches verb patterns and assigns source and target. Dictionaries come from
//! `dyad_dict` and are compiled once ([`Coder::new`]); a `Coder` is immutable and can be shared across threads.
//!
//! ```no_run
//! use dyad_coding::Coder;
//! use dyad_dict::{DictFile, DictKind, Dialect, Dictionaries};
//! let files = [
//!     DictFile::new(DictKind::Actors(Dialect::Petrarch1), "Phoenix.Countries.actors.txt"),
//!     DictFile::new(DictKind::Agents(Dialect::Petrarch1), "Phoenix.agents.txt"),
//!     DictFile::new(DictKind::Verbs(Dialect::Petrarch1), "CAMEO.verbpatterns.150430.txt"),
//! ];
//! let (dicts, _warnings) = Dictionaries::load(&files).unwrap();
//! let coder = Coder::new(&dicts);
//! let events = coder.code_sentence("Israel and Jordan consulted Russia.", Some("2018-05-29"));
//! # let _ = events;
//! ```
//!
//! Entry points: [`Coder::code_sentence`] (one sentence, spans into it), [`Coder::code_document`] (a cleaned
//! [`dyad_model::Document`], spans into its text, pronouns and "the minister" resolved across sentences),
//! [`Coder::code_in_context`] with a [`DocumentContext`] (the same, sentence by sentence), [`Coder::explain`] (a
//! readable trace). [`CoderOptions::default`] reads raw news with PETRARCH/Phoenix dictionaries;
//! [`CoderOptions::tabari`] and [`CoderOptions::petrarch`] reproduce those programs' readings, and
//! `apply_tabari_command` / `apply_petrarch_settings` take their option files. [`Coder::new`] picks the preset
//! from the actor dictionary's dialect.

pub mod analysis;
mod coder;
mod compiled;
pub mod grammar;
pub mod lexicon;
pub mod options;
pub mod pattern;
mod settings;
pub mod text;

pub use coder::{Coder, DocumentContext};
pub use options::{CodeBy, CoderOptions, CommaLimits, Complexity};
