//! Line-level syntax shared by the readers: comments, bracketed codes, words with connectors, pattern tokens.
