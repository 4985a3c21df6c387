//! Main-content extraction scoring on ../shared/data/extraction-dev (word 4-gram shingle F1, pages/s).
