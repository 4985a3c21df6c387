//! Codes sentences into events: tokens, chunks, actors, verb patterns, CAMEO and PLOVER, with evidence.
